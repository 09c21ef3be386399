// The mistake Electron's context isolation exists to stop: a preload that puts its API on
// `window` directly instead of exposing it through contextBridge.exposeInMainWorld.
window.api = { hello: () => 'hello from the preload' }
