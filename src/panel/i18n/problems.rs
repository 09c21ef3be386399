//! Chinese for the Problems tab (`view/problems.rs`).

pub const ZH: &[(&str, &str)] = &[
    ("Problems", "问题"),
    (
        "ipcscope watches every message while the lab runs and points out common IPC mistakes. Click a row number to see that row in the log.",
        "实验运行时，ipcscope 会检查每一条消息，指出常见的 IPC 错误。点击行号可以在消息日志里看到那一行。",
    ),
    ("No problems found so far.", "目前没有发现问题。"),
    ("It looks for these mistakes:", "它会查找这些错误："),
    ("How to fix:", "怎么改："),
    ("Rows in the log:", "日志中的行："),
    ("more", "更多"),
    ("listeners at once", "个监听器同时存在"),
    ("Show this row in the log", "在消息日志中显示这一行"),
    ("This row is no longer in the log.", "这一行已不在日志中。"),
    ("the journal does not say which value", "日志没有说明是哪个值"),
    ("main.js kept the page where it was", "main.js 让页面留在了原处"),
    (
        "The page tried to open {name} (a link, a form, location.href or window.open), and main.js's will-navigate listener stopped it with event.preventDefault(), so the page stayed where it was. That is the usual guard against a page leaving the app.",
        "页面试图打开 {name}（通过链接、表单、location.href 或 window.open），main.js 的 will-navigate 监听器用 event.preventDefault() 拦下了它，所以页面留在了原处。这是防止页面离开应用的常用做法。",
    ),
    (
        "If the page should go there, let that URL through in the will-navigate listener; a link to a web site is better opened in the system's browser (shell.openExternal in Electron).",
        "如果页面应该去那里，就在 will-navigate 监听器里放行这个地址；网站链接最好用系统浏览器打开（Electron 里用 shell.openExternal）。",
    ),
    (
        "With sendSync the page also froze, waiting for an answer that never came.",
        "用 sendSync 时页面还会卡住，一直等一个不会来的回答。",
    ),
    (
        "A message reached the page before it was listening",
        "消息到达时页面还没有开始监听",
    ),
    (
        "main.js sent '{name}' to the page with webContents.send, but the page had not registered ipcRenderer.on('{name}') yet, so the message was thrown away without any error. The page started listening only afterwards (electron#35383).",
        "main.js 用 webContents.send 向页面发送了 '{name}'，但那时页面还没有注册 ipcRenderer.on('{name}')，所以这条消息被悄悄丢掉了，没有任何报错。页面是之后才开始监听的（electron#35383）。",
    ),
    (
        "Send once the page is ready: in win.webContents.on('did-finish-load', …), or let the page ask for the data with invoke once its listener is registered.",
        "等页面准备好再发送：放在 win.webContents.on('did-finish-load', …) 里；或者让页面在注册好监听器之后，用 invoke 主动来要数据。",
    ),
    (
        "Nobody in the page listens to this channel",
        "页面里没有人监听这个通道",
    ),
    (
        "main.js sent '{name}' to the page (webContents.send or event.reply), but the page has no ipcRenderer.on('{name}') listener, so the message was dropped. Electron gives no error for this.",
        "main.js 向页面发送了 '{name}'（webContents.send 或 event.reply），但页面没有 ipcRenderer.on('{name}') 监听器，所以消息被丢弃了。Electron 对此不会报错。",
    ),
    (
        "Check that main.js and the preload spell the channel the same way, and that the preload calls ipcRenderer.on('{name}', …).",
        "检查 main.js 和 preload 里的通道名是否完全一样，以及 preload 是否调用了 ipcRenderer.on('{name}', …)。",
    ),
    ("invoke has no handler in main", "invoke 在主进程里没有处理器"),
    (
        "The page called ipcRenderer.invoke('{name}'), but main.js never registered ipcMain.handle('{name}'), so the page's promise was rejected with \"No handler registered for '{name}'\".",
        "页面调用了 ipcRenderer.invoke('{name}')，但 main.js 从来没有注册 ipcMain.handle('{name}')，所以页面得到的 Promise 被拒绝，错误是 \"No handler registered for '{name}'\"。",
    ),
    (
        "Add ipcMain.handle('{name}', (event, ...args) => { … }) to main.js, with exactly the channel name the preload uses. ipcMain.on does not answer invoke.",
        "在 main.js 里加上 ipcMain.handle('{name}', (event, ...args) => { … })，通道名要和 preload 里的完全一样。ipcMain.on 不会回答 invoke。",
    ),
    ("The handler was registered too late", "处理器注册得太晚了"),
    (
        "The page called invoke('{name}') before main.js had registered ipcMain.handle('{name}'). Those calls failed with \"No handler registered\"; the handler came only afterwards (electron#26495).",
        "页面调用 invoke('{name}') 时，main.js 还没有注册 ipcMain.handle('{name}')。这些调用都失败了，错误是 \"No handler registered\"；处理器是之后才注册的（electron#26495）。",
    ),
    (
        "Register handlers before the window loads its page: at the top of main.js, or in app.whenReady() before new BrowserWindow(…), not after an await or inside another event.",
        "在窗口加载页面之前注册处理器：放在 main.js 的最上面，或者放在 app.whenReady() 里、new BrowserWindow(…) 之前，不要放在 await 之后或别的事件里。",
    ),
    ("A second handler on one channel", "同一个通道注册了第二个处理器"),
    (
        "ipcMain.handle('{name}') ran while the channel already had a handler. A channel has only one handler, so Electron threw \"Attempted to register a second handler for '{name}'\" and the rest of that code did not run.",
        "ipcMain.handle('{name}') 执行时，这个通道已经有处理器了。一个通道只能有一个处理器，所以 Electron 抛出了 \"Attempted to register a second handler for '{name}'\"，那段代码后面的部分没有执行。",
    ),
    (
        "Register each handler once, outside createWindow or any code that runs more than once; or call ipcMain.removeHandler('{name}') before registering it again.",
        "每个处理器只注册一次，放在 createWindow 或其他会多次执行的代码之外；或者在再次注册之前先调用 ipcMain.removeHandler('{name}')。",
    ),
    ("sendSync never got a returnValue", "sendSync 一直没有得到 returnValue"),
    (
        "The page called ipcRenderer.sendSync('{name}') and froze while it waited. main.js's listener ran but never set event.returnValue (a return statement does not count). Electron would leave the page frozen; ipcscope let it go on with undefined after 10 s (electron#31321).",
        "页面调用了 ipcRenderer.sendSync('{name}')，等待回答时整个页面卡住了。main.js 的监听器执行了，却没有设置 event.returnValue（用 return 返回值不算）。在 Electron 里页面会一直卡住；ipcscope 在 10 秒后用 undefined 让页面继续（electron#31321）。",
    ),
    (
        "In the ipcMain.on('{name}') listener, set event.returnValue = value. Better: use invoke with ipcMain.handle, whose return value is the answer and which does not freeze the page.",
        "在 ipcMain.on('{name}') 监听器里写 event.returnValue = 值。更好的做法：改用 invoke 配合 ipcMain.handle，处理器的返回值就是回答，而且不会卡住页面。",
    ),
    (
        "Nobody in main listens to this channel",
        "主进程里没有人监听这个通道",
    ),
    (
        "The page sent '{name}' to main.js, but main.js has no ipcMain.on('{name}') listener, so nothing happened. Electron gives no error for this.",
        "页面向 main.js 发送了 '{name}'，但 main.js 没有 ipcMain.on('{name}') 监听器，所以什么也没有发生。Electron 对此不会报错。",
    ),
    (
        "Check that the preload and main.js spell the channel the same way, and add ipcMain.on('{name}', (event, ...args) => { … }) to main.js. If the page needs an answer, use invoke with ipcMain.handle.",
        "检查 preload 和 main.js 里的通道名是否完全一样，并在 main.js 里加上 ipcMain.on('{name}', (event, ...args) => { … })。如果页面需要回答，请用 invoke 配合 ipcMain.handle。",
    ),
    ("Listeners keep piling up", "监听器越积越多"),
    (
        "The same line of code registered a listener on '{name}' {count} times and never removed the old ones, so every message on that channel now runs {count} listeners. This happens when on(…) is called on every click or every time a view is shown (the pattern of electron#33328).",
        "同一行代码在 '{name}' 上注册了 {count} 次监听器，旧的一个也没有移除，所以这个通道上的每条消息现在都会运行 {count} 个监听器。每次点击或每次显示界面时都调用 on(…) 就会这样（electron#33328 的模式）。",
    ),
    (
        "Register the listener once (in the preload, or when the page starts), or remove the old one with removeListener before adding a new one.",
        "只注册一次监听器（在 preload 里，或页面启动时）；或者在添加新的之前，用 removeListener 移除旧的。",
    ),
    (
        "A value could not be copied to the other process",
        "有个值无法复制到另一个进程",
    ),
    (
        "IPC copies every argument and result with the structured clone algorithm, which cannot copy functions, Promises, Symbols or DOM elements. Here: {detail}. So the message was not sent (Electron says \"An object could not be cloned.\").",
        "IPC 用结构化克隆算法复制每个参数和结果，它不能复制函数、Promise、Symbol 或 DOM 元素。这里是：{detail}。所以这条消息没有发出去（Electron 的报错是 \"An object could not be cloned.\"）。",
    ),
    (
        "Send plain data only: strings, numbers, arrays, plain objects, Dates, Maps. Keep functions on the side that calls them (for example, keep the callback in the preload and send only its data).",
        "只发送普通数据：字符串、数字、数组、普通对象、Date、Map。函数留在调用它的那一边（例如把回调留在 preload 里，只发送数据）。",
    ),
    (
        "The whole ipcRenderer is given to the page",
        "把整个 ipcRenderer 交给了页面",
    ),
    (
        "The preload passed ipcRenderer itself to contextBridge.exposeInMainWorld('{name}', …). Any script in the page could then send on any channel, which undoes the protection the preload is there for (electron#20307). It does not even work: its methods live on its prototype, so the page gets an almost empty object.",
        "preload 把 ipcRenderer 本身传给了 contextBridge.exposeInMainWorld('{name}', …)。这样页面里的任何脚本都能向任意通道发消息，preload 本来提供的保护就没有了（electron#20307）。而且这样也不好用：它的方法在原型上，页面拿到的几乎是一个空对象。",
    ),
    (
        "Expose one small function per action, each on one channel: contextBridge.exposeInMainWorld('electronAPI', { setTitle: (title) => ipcRenderer.send('set-title', title) }).",
        "每个操作只暴露一个小函数，每个函数只用一个通道：contextBridge.exposeInMainWorld('electronAPI', { setTitle: (title) => ipcRenderer.send('set-title', title) })。",
    ),
    ("The page tried to leave the lab", "页面想离开实验"),
    (
        "The page tried to open {name} (a link, a form, location.href or window.open). A lab's pages may open only the lab's own files, so the page stayed where it was. In an app, a page that can go anywhere takes the preload's powers with it to a page nobody checked.",
        "页面试图打开 {name}（通过链接、表单、location.href 或 window.open）。实验的页面只能打开实验自己的文件，所以页面留在了原处。在真实的应用里，能随意跳转的页面会把 preload 的能力带到一个没人检查过的网页上。",
    ),
    (
        "Open outside links in the system's browser (shell.openExternal in Electron), and stop the rest in main.js: win.webContents.on('will-navigate', (event) => event.preventDefault()).",
        "外部链接用系统浏览器打开（Electron 里用 shell.openExternal），其余的在 main.js 里拦下：win.webContents.on('will-navigate', (event) => event.preventDefault())。",
    ),
];
