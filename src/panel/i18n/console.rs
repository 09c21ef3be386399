//! Chinese for the Console tab (`view/console.rs`).

pub const ZH: &[(&str, &str)] = &[
    (
        "more lines: click to read it whole",
        "行未显示：点击查看全文",
    ),
    ("Close", "关闭"),
    ("Copy", "复制"),
];
