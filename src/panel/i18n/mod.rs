//! The panel's own labels in English and Chinese. Labels are written in English in the code;
//! `tr` looks up the Chinese one. Electron's names (send, invoke, ipcMain ...) stay as they are.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

mod banner;
mod console;
mod glossary;
mod held;
mod plain_words;
pub(super) mod problems;
mod registry;
mod status;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

/// English label -> Chinese label.
const ZH: &[(&str, &str)] = &[
    ("Log", "消息日志"),
    ("Registry", "注册表"),
    ("Console", "控制台"),
    ("Windows & labs", "窗口与实验"),
    ("Restart", "重启"),
    ("Open folder…", "打开文件夹…"),
    ("Open", "打开"),
    ("lab folder path", "实验文件夹路径"),
    ("Samples", "示例"),
    ("Pause", "暂停"),
    ("Resume", "继续"),
    ("Clear", "清空"),
    ("Kinds", "类型"),
    ("Channel", "通道"),
    ("Window", "窗口"),
    ("window", "窗口"),
    ("all", "全部"),
    ("Search args", "搜索参数"),
    ("shown", "显示"),
    ("total", "总计"),
    ("Time", "时间"),
    ("Direction", "方向"),
    ("Kind", "类型"),
    ("Args / result", "参数 / 结果"),
    ("Duration", "耗时"),
    ("pending", "等待中"),
    ("no listener", "无监听器"),
    ("no handler", "无处理器"),
    ("Detail", "详情"),
    ("Select a row to see every field.", "选择一行查看所有字段。"),
    ("Fields", "字段"),
    ("Args", "参数"),
    ("Result", "结果"),
    ("Error", "错误"),
    ("Request", "请求"),
    ("Copy JSON", "复制 JSON"),
    ("Tree", "树"),
    ("Sender window", "发送窗口"),
    ("Timing", "计时"),
    ("ipcMain (main process)", "ipcMain（主进程）"),
    ("listeners", "监听器"),
    ("handler", "处理器"),
    ("hits", "次数"),
    (
        "ipcRenderer listeners per window",
        "各窗口的 ipcRenderer 监听器",
    ),
    ("pushes", "推送"),
    ("dropped", "被丢弃"),
    ("Exposed through contextBridge", "通过 contextBridge 暴露"),
    (
        "Messages no handler or listener received",
        "没有处理函数或监听器接收的消息",
    ),
    ("Theme", "主题"),
    ("Theme: ", "主题："),
    ("invoked with no handler", "调用时没有处理器"),
    ("sent with no listener", "发送时没有监听器"),
    (
        "pushed with no listener in the page",
        "推送时页面没有监听器",
    ),
    ("nothing yet", "暂无"),
    ("Levels", "级别"),
    ("Windows", "窗口"),
    ("Page", "页面"),
    ("Title", "标题"),
    ("State", "状态"),
    ("Process", "进程"),
    ("Reload", "重新加载"),
    ("loading", "加载中"),
    ("alive", "运行中"),
    ("closed", "已关闭"),
    ("crashed", "已崩溃"),
    ("Lab", "实验"),
    ("The lab has quit.", "实验已退出。"),
    ("Text size", "文字大小"),
    ("Dark", "深色"),
    ("Light", "浅色"),
    ("README", "说明"),
    ("Debugger", "调试器"),
    ("Replay…", "重放…"),
    (
        "Deliver this message again, arguments editable",
        "再次投递这条消息，参数可以修改",
    ),
    (
        "Showing a saved session (nothing is running):",
        "正在查看保存的会话（没有运行任何实验）：",
    ),
    ("entries saved", "条记录已保存"),
    ("The window is closed.", "窗口已关闭。"),
    ("Recording this run to", "本次运行记录到"),
    // The debugger.
    ("Fire webContents.send", "手动发送 webContents.send"),
    ("Replay a message", "重放消息"),
    ("Breakpoints and held messages", "断点与拦截的消息"),
    ("Faults", "故障注入"),
    ("Session", "会话"),
    ("The page listens on:", "页面正在监听："),
    (
        "Arguments (JSON array, $type tags allowed)",
        "参数（JSON 数组，可用 $type 标记）",
    ),
    ("Send to the page", "发送到页面"),
    ("No window is open.", "没有打开的窗口。"),
    ("Fired before:", "发送记录："),
    ("Again", "再发"),
    ("Journal seq", "日志序号"),
    ("Load", "载入"),
    (
        "Pick a send, invoke, sendSync, push or reply in the log, or type its seq.",
        "在日志中选择一条 send、invoke、sendSync、push 或 reply，或输入它的序号。",
    ),
    ("Replay", "重放"),
    ("This entry is not a message.", "这一条不是消息。"),
    ("Replayed as", "已重放为"),
    ("original", "原始"),
    ("replay", "重放"),
    ("same result", "结果相同"),
    ("Hold", "拦截"),
    ("channel (empty: all)", "通道（留空：全部）"),
    ("Add breakpoint", "添加断点"),
    ("Remove", "删除"),
    ("any channel", "任意通道"),
    ("Nothing is held.", "没有被拦截的消息。"),
    ("held", "已拦截"),
    ("result of invoke", "invoke 的结果"),
    ("result of sendSync", "sendSync 的结果"),
    ("Forward", "放行"),
    ("Drop", "丢弃"),
    ("blocked", "阻塞中"),
    ("returnValue", "返回值"),
    ("Answer", "回答"),
    ("Release (undefined)", "放开（undefined）"),
    ("Latency", "延迟"),
    ("Force an error", "强制出错"),
    ("error text (empty: none)", "错误文本（留空：不出错）"),
    ("Apply to channel", "应用到通道"),
    ("File", "文件"),
    ("Save all", "保存全部"),
    ("Save shown rows", "保存显示的行"),
    ("Save all as…", "全部另存为…"),
    ("Save shown rows as…", "显示的行另存为…"),
    ("Open a session…", "打开会话…"),
    ("both ways", "双向"),
    ("renderer → main", "渲染进程 → 主进程"),
    ("main → renderer", "主进程 → 渲染进程"),
    (
        "main → renderer covers pushes, replies and the answers to invoke and sendSync",
        "主进程 → 渲染进程 包括推送、回复，以及 invoke 和 sendSync 的返回结果",
    ),
    // The sequence diagram.
    ("Sequence", "时序图"),
    ("Step through", "逐条放行"),
    (
        "Hold every message, both ways, before it is delivered; Next lets one through.",
        "每条消息（双向）在送达之前先拦住；按“下一条”放行一条。",
    ),
    ("Next", "下一条"),
    (
        "Let the oldest held message through (space or →).",
        "放行最早被拦住的那条消息（空格键或 →）。",
    ),
    ("Speed", "速度"),
    ("Export", "导出"),
    (
        "Click an arrow, then shift-click another to export only the steps between them.",
        "先点一个箭头，再按住 Shift 点另一个，就只导出两者之间的部分。",
    ),
    (
        "A picture of the diagram as it is on screen.",
        "把屏幕上的这张图存成图片。",
    ),
    ("held: Next lets it through", "已拦住：按“下一条”放行"),
    (
        "No message yet: use the lab's window (press its button) and each message is drawn here as it happens.",
        "还没有消息：在实验的窗口里操作（比如点它的按钮），每条消息发生时都会画在这里。",
    ),
    (
        "Click an arrow to see what happened and the code behind it.",
        "点击一个箭头，看看发生了什么，以及背后的代码。",
    ),
    ("What happened", "发生了什么"),
    ("The code", "代码"),
    ("Sent here", "发出的位置"),
    ("Received here", "接收的位置"),
    ("Answered here", "回复的位置"),
    ("Registered here", "注册的位置"),
    ("reading the file…", "正在读取文件…"),
    (
        "the file is not in the lab folder",
        "实验文件夹里没有这个文件",
    ),
    (
        "the file is outside the lab folder",
        "这个文件在实验文件夹之外",
    ),
    ("the file is not text", "这不是文本文件"),
    ("the file is too large to show", "文件太大，无法显示"),
    ("the file has changed since", "文件在那之后被改过"),
    ("the file cannot be read", "无法读取这个文件"),
    ("saved", "已保存"),
    ("page frozen", "页面卡住"),
];

/// Every table of labels: the panel's own, then each tab's.
const TABLES: &[&[(&str, &str)]] = &[
    ZH,
    banner::ZH,
    console::ZH,
    glossary::ZH,
    held::ZH,
    plain_words::ZH,
    problems::ZH,
    registry::ZH,
    status::ZH,
];

/// Every label's Chinese, by its English: looked up for each label of every frame, so built once
/// rather than searched through the tables each time.
fn chinese() -> &'static HashMap<&'static str, &'static str> {
    static INDEX: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    INDEX.get_or_init(|| {
        TABLES
            .iter()
            .flat_map(|table| table.iter().copied())
            .collect()
    })
}

impl Lang {
    pub fn tr(self, english: &'static str) -> &'static str {
        match self {
            Lang::En => english,
            Lang::Zh => chinese().get(english).copied().unwrap_or(english),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_one_translation() {
        let all: Vec<_> = TABLES.iter().flat_map(|table| table.iter()).collect();
        for (i, (en, _)) in all.iter().enumerate() {
            assert!(
                all[i + 1..].iter().all(|(other, _)| other != en),
                "{en} twice"
            );
        }
        assert_eq!(Lang::Zh.tr("Log"), "消息日志");
        // A sentence kept in a constant of its view is found by its text.
        let offline = crate::panel::view::debugger::OFFLINE;
        assert_ne!(Lang::Zh.tr(offline), offline);
        assert_eq!(Lang::En.tr("Log"), "Log");
    }
}
