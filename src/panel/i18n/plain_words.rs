//! Chinese for errors said in plain words (`view/plain_words.rs`).

pub const ZH: &[(&str, &str)] = &[(
    "main.js has no ipcMain.handle('{}'): nothing answers invoke on this channel",
    "main.js 里没有 ipcMain.handle('{}')：这个通道上的 invoke 没有人回答",
)];
