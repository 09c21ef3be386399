//! Chinese for the banner when main.js or a preload cannot start (`view/banner.rs`).

pub const ZH: &[(&str, &str)] = &[
    ("cannot start", "无法启动"),
    (
        "Nothing of it ran. Fix the file, save it, and press Restart. (Electron would not start this app either.)",
        "它的代码一行也没有运行。修改并保存文件后点击“重启”。（Electron 也无法启动这个应用。）",
    ),
    ("did not run", "没有运行"),
    (
        "The page still loaded, without the preload: nothing it exposes is there. Fix the file, save it, and press Restart.",
        "页面仍然加载了，但没有预加载脚本：它暴露的接口都不存在。修改并保存文件后点击“重启”。",
    ),
];
