// Reports what the page's own world sees of the preload's `window.api`.
const verdict = document.getElementById('verdict')
const why = document.getElementById('why')
if (typeof window.api === 'undefined') {
  verdict.textContent = 'typeof window.api: undefined (the page cannot see it)'
  verdict.className = 'hidden'
  why.textContent = 'contextIsolation is on: the preload has a JavaScript world of its own, so its globals stay there. Only what contextBridge.exposeInMainWorld passes reaches the page.'
} else {
  verdict.textContent = 'typeof window.api: ' + typeof window.api + ' (the page can call it: ' + window.api.hello() + ')'
  verdict.className = 'visible'
  why.textContent = 'contextIsolation is off: the preload shares the page\'s world, and every global it sets is the page\'s too.'
}
console.log('page sees window.api:', typeof window.api)
