//! Compiling JS with QuickJS without running it: whether a lab's main.js or preload parses,
//! asked before anything of it runs.

use rquickjs::{qjs, Context, Ctx, Runtime};

/// A QuickJS engine of its own, for compile checks only.
pub struct CompileCheck {
    context: Context,
    _runtime: Runtime,
}

impl CompileCheck {
    /// None when no engine can be had (the caller then lets the run report what it finds).
    pub fn new() -> Option<CompileCheck> {
        let runtime = Runtime::new().ok()?;
        runtime.set_memory_limit(256 << 20);
        let context = Context::full(&runtime).ok()?;
        Some(CompileCheck {
            context,
            _runtime: runtime,
        })
    }

    /// Compiles `code` as a script named `filename`; the error thrown, and where, if it does
    /// not compile.
    pub fn compile(&self, code: &str, filename: &str) -> Result<(), CompileError> {
        let Ok(code) = std::ffi::CString::new(code) else {
            return Err(CompileError {
                message: format!("{filename} holds a NUL character"),
                line: None,
                column: None,
            });
        };
        let name = std::ffi::CString::new(filename).unwrap_or_default();
        self.context.with(|ctx| {
            let raw = ctx.as_raw().as_ptr();
            let flags = (qjs::JS_EVAL_TYPE_GLOBAL | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as i32;
            // SAFETY: `raw` is this live context; the code and name are NUL-terminated and
            // outlive the call. COMPILE_ONLY parses and compiles without running anything, and
            // the compiled function it returns belongs to this context and is freed here, once.
            let compiled = unsafe {
                qjs::JS_Eval(
                    raw,
                    code.as_ptr(),
                    code.as_bytes().len() as _,
                    name.as_ptr(),
                    flags,
                )
            };
            // SAFETY: as above; JS_IsException only reads the value's tag.
            if unsafe { qjs::JS_IsException(compiled) } {
                Err(describe_exception(&ctx))
            } else {
                // SAFETY: as above.
                unsafe { qjs::JS_FreeValue(raw, compiled) };
                Ok(())
            }
        })
    }
}

/// Why code does not compile: `SyntaxError: message`, and the line and column (in UTF-8 bytes
/// of the compiled text, from 1) QuickJS names.
#[derive(Debug, Clone, PartialEq)]
pub struct CompileError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// The pending error, and the place its first stack frame names.
fn describe_exception(ctx: &Ctx<'_>) -> CompileError {
    let error = ctx.catch();
    let Some(object) = error.as_object() else {
        return CompileError {
            message: "an error that cannot be printed".into(),
            line: None,
            column: None,
        };
    };
    let text = |key: &str| object.get::<_, String>(key).unwrap_or_default();
    let (name, message, stack) = (text("name"), text("message"), text("stack"));
    let place = stack
        .lines()
        .find_map(|line| line.trim().strip_prefix("at "))
        .map(|at| at.trim_start_matches("<anonymous> (").trim_end_matches(')'))
        .and_then(|at| {
            let (rest, column) = at.rsplit_once(':')?;
            let (_, line) = rest.rsplit_once(':')?;
            Some((line.parse().ok()?, column.parse().ok()?))
        });
    CompileError {
        message: format!("{name}: {message}"),
        line: place.map(|(line, _)| line),
        column: place.map(|(_, column)| column),
    }
}
