//! Chinese for the strip of held messages over the Log (`view/held.rs`).

pub const ZH: &[(&str, &str)] = &[
    (
        "held by the debugger, not delivered yet (a row appears when it is released):",
        "被调试器拦住，还没有送达（放行后才会出现在日志里）：",
    ),
    ("since", "开始于"),
    ("Open the Debugger", "打开调试器"),
    ("and more", "还有"),
];
