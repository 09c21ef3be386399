// The page's side of the contextBridge, run with context isolation in the page's own world
// before any page script (the second init script, src/scripts.rs): evaluated inside a function
// after the value codec, Node's util and bridge.js, with `pageConfig` in scope: { bridge, deliver }
// (the private element's id, the name of the shim's deliver function). It puts what the preload exposed on the page's window, and passes the
// page's console to the preload's world, which alone can post frames.

const pageWindow = window;
const pageDocument = document;
const pageDefine = Object.defineProperty;
const pageFreeze = Object.freeze;
const pageIsFrozen = Object.isFrozen;
const pageKeys = Object.keys;
const pageApply = Reflect.apply;
// Indirect: the function's source is evaluated in the page's global scope.
const pageEval = eval;
const pageHas = Reflect.has;
const pageTypedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
const pageFormat = ipcscopeNodeUtil().util.format;
const PAGE_MAX_DEPTH = 1000;

/** Electron freezes what it exposes, all the way down (DeepFreeze in its contextBridge). */
function pageDeepFreeze(value, depth) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (depth > PAGE_MAX_DEPTH || pageIsFrozen(value)) return value;
  // A typed array with elements cannot be frozen; Electron's DeepFreeze skips typed arrays too.
  if (pageApply(pageTypedArrayTag, value, []) !== undefined) return value;
  pageFreeze(value);
  const keys = pageKeys(value);
  for (let i = 0; i < keys.length; i++) pageDeepFreeze(value[keys[i]], depth + 1);
  return value;
}

function pageExpose(key, value) {
  if (pageHas(pageWindow, key)) {
    throw new Error('Cannot bind an API on top of an existing property on the window object');
  }
  pageDefine(pageWindow, key, { value: pageDeepFreeze(value, 0), writable: false, configurable: false, enumerable: true });
}

let pageElement = pageDocument.getElementById(pageConfig.bridge);
const pageJoinsSecond = pageElement !== null;
if (pageJoinsSecond) {
  pageElement.remove();
} else {
  pageElement = pageDocument.createElement('ipcscope-bridge');
  pageElement.id = pageConfig.bridge;
  (pageDocument.documentElement || pageDocument).appendChild(pageElement);
}

let pageLink = null;
function pageReport(op, text) {
  try {
    pageLink.request(op, {}, [op === 'console' ? text[0] : text, op === 'console' ? text[1] : undefined]);
  } catch (_) {
    // Nothing more can be done from the page's world.
  }
}

/** contextBridge.executeInMainWorld: the function's source, evaluated here, called with `args`. */
function pageExecute(source, args) {
  const func = pageEval('(' + source + ')');
  return pageApply(func, undefined, args);
}

pageLink = ipcscopeBridge('page', pageElement, {
  __proto__: null,
  expose: pageExpose,
  execute: pageExecute,
}, (message) => pageReport('error', 'A call through contextBridge was refused: ' + message));

// The transport's names stay where a page finds them without isolation: the deliver function
// (and `messageHandlers.ipcscope`, see the renderer). What the page passes through them meets
// the same checks of main's token, in the preload's world, as before.
pageDefine(pageWindow, pageConfig.deliver, {
  value: (frame) => {
    pageLink.request('deliver', {}, [frame]);
  },
  writable: false,
  configurable: false,
  enumerable: false,
});

// Joining second, the page's world lets the preload run: it was waiting for this world.
if (pageJoinsSecond) pageLink.request('hello', {}, []);

// ---- console of the page -------------------------------------------------------------------
const pageConsole = pageWindow.console;
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  const original = pageConsole[level];
  pageConsole[level] = function (...args) {
    let text;
    try {
      text = pageFormat(...args);
    } catch (_) {
      text = '(unprintable console arguments)';
    }
    pageReport('console', [level, text]);
    return pageApply(original, pageConsole, args);
  };
}

// The page's uncaught errors and rejections need no listener here: the preload's world hears
// the window's 'error' and 'unhandledrejection' events of both worlds (WebKit dispatches them to
// every world's listeners), and reports each once.
