api.lastWords()
for (;;) {}
