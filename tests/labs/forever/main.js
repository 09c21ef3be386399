// Never quits: only --timeout ends it.
setInterval(() => {}, 1000)
