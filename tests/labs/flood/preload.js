const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('api', {
  // Sends `n` messages in batches (the page stays responsive), then `bigCount` strings of
  // `bigLength` characters, then says it is done.
  flood: async (n, bigLength, bigCount = 1) => {
    const batch = 10000
    for (let i = 0; i < n; i++) {
      ipcRenderer.send('flood', i)
      if (i % batch === batch - 1) await new Promise((done) => setTimeout(done, 0))
    }
    for (let i = 0; bigLength > 0 && i < bigCount; i++) ipcRenderer.send('big', 'x'.repeat(bigLength))
    ipcRenderer.send('flood-done', n)
  },
})
