//! Chinese for the Registry tab (`view/registry.rs`).

pub const ZH: &[(&str, &str)] = &[
    (
        "isolated: the preload's own world; the page has only this copy",
        "隔离：在预加载脚本自己的世界里；页面只拿到这份副本",
    ),
    (
        "page's world: contextIsolation is off, so the page sees every global the preload sets",
        "页面的世界：contextIsolation 已关闭，预加载脚本设置的每个全局变量页面都能看到",
    ),
    (
        "this is ipcRenderer itself: the page gets an empty object (its methods do not cross); expose only functions for the channels the page needs",
        "这是 ipcRenderer 本身：页面只得到一个空对象（它的方法传不过去）；只暴露页面需要的那些通道的函数",
    ),
];
