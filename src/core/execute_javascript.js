// webContents.executeJavaScript(code) in the page's main world, as Electron's webFrame runs it:
// `code` is a classic script (its completion value is the result; a promise or thenable it
// gives is awaited), and the result crosses to main by the structured-clone rules. The
// renderer calls this as the body of an async function whose one parameter is `code`, after
// the value codec (encodeValue). It returns its outcome as JSON text, which main reads:
// {ok: true, value} with the value encoded, or {ok: false, error} where `error` is
// {name, message, stack} for an Error, or {value} (encoded) for anything else thrown.

// Indirect eval runs the code in the global scope, as a script of the page would run.
const executeJavaScriptEval = eval;
let executeJavaScriptOutcome;
try {
  const value = await executeJavaScriptEval(code);
  executeJavaScriptOutcome = { ok: true, value: encodeValue(value, 'result') };
} catch (error) {
  let described;
  try {
    described = error instanceof Error
      ? { name: String(error.name), message: String(error.message), stack: String(error.stack || '') }
      : { value: encodeValue(error, 'error') };
  } catch (_) {
    described = { name: 'Error', message: 'An object could not be cloned.', stack: '' };
  }
  executeJavaScriptOutcome = { ok: false, error: described };
}
return codecStringify(executeJavaScriptOutcome);
