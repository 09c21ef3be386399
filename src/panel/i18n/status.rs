//! Chinese for the status lines (`view/status.rs`).

pub const ZH: &[(&str, &str)] = &[
    ("cannot write the journal to", "无法把日志写入"),
    ("cannot save", "无法保存"),
    ("cannot open the session", "无法打开会话"),
    ("The lab did not open: ", "实验没有打开："),
    ("Open a saved session?", "打开保存的会话？"),
    (
        "The running lab {} will stop: its windows close, and the log shows the file's messages instead. Nothing in the session runs.",
        "正在运行的实验 {} 将会停止：它的窗口会关闭，日志改为显示文件里的消息。会话里的代码不会运行。",
    ),
    ("Stop {} and open", "停止 {} 并打开"),
    ("Cancel", "取消"),
    ("saved session, not running", "保存的会话，未在运行"),
    ("Run {} again", "再次运行 {}"),
    (
        "Leave the saved session and run the lab from the start",
        "离开保存的会话，从头运行实验",
    ),
    (
        "A saved session: nothing is running, so sending, replaying, breakpoints and faults are off. Run the lab again to use them.",
        "这是保存的会话：没有任何东西在运行，所以发送、重放、断点和故障都不可用。再次运行实验即可使用。",
    ),
    (
        "Pick a window that is open, a channel, and arguments that are a JSON array",
        "请选择一个打开的窗口和一个通道，并把参数写成 JSON 数组",
    ),
];
