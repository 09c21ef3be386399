const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('api', {
  // Sends `n` messages in batches (the page stays responsive), then a string of `bigLength`
  // characters, then says it is done.
  flood: async (n, bigLength) => {
    const batch = 10000
    for (let i = 0; i < n; i++) {
      ipcRenderer.send('flood', i)
      if (i % batch === batch - 1) await new Promise((done) => setTimeout(done, 0))
    }
    if (bigLength > 0) ipcRenderer.send('big', 'x'.repeat(bigLength))
    ipcRenderer.send('flood-done', n)
  },
})
