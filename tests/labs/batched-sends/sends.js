for (let n = 1; n <= 300; n++) api.n(n)
api.report(api.howMany())
