//! Chinese for the glossary (`view/glossary.rs`).

pub const ZH: &[(&str, &str)] = &[
    ("Glossary", "术语表"),
    ("Filter terms", "过滤条件"),
    ("Kinds: all", "类型：全部"),
    ("Kinds:", "类型："),
    ("Show all", "全部显示"),
    ("Only messages", "只看消息"),
    (
        "Filter: words, channel:NAME, is:pending, /regex/ …",
        "过滤：文字、channel:通道、is:pending、/正则/ …",
    ),
    ("Detail pane", "详情面板"),
    ("Hide the detail pane", "隐藏详情面板"),
    ("Hide", "隐藏"),
    ("From", "发送方"),
    ("To", "接收方"),
    ("Where", "发生在"),
    ("the main process", "主进程"),
    ("Other languages", "其他语言"),
    ("What the filter terms mean", "过滤条件的含义"),
    (
        "Zoom the lab's page with the text size",
        "实验页面随文字大小缩放",
    ),
];
