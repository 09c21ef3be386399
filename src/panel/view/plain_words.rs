//! Electron's error texts put plainly for the log's one-line summary. Electron's own words stay
//! in the journal and in the detail pane; the log says what they mean.

use crate::panel::i18n::Lang;

/// The text as the log's summary shows it: plain words for an error Electron words in a way
/// that reads as a contradiction (`Error occurred in handler for 'x': Error: No handler
/// registered for 'x'`); anything else as it is.
pub fn error(text: &str, lang: Lang) -> String {
    const NO_HANDLER: &str = "No handler registered for '";
    if let Some(at) = text.find(NO_HANDLER) {
        let rest = &text[at + NO_HANDLER.len()..];
        if let Some(end) = rest.find('\'') {
            return lang
                .tr("main.js has no ipcMain.handle('{}'): nothing answers invoke on this channel")
                .replace("{}", &rest[..end]);
        }
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_handler_is_said_plainly_in_both_languages_and_other_errors_stay() {
        let electron = "Error occurred in handler for 'readFileEvent': Error: No handler registered for 'readFileEvent'";
        assert_eq!(
            error(electron, Lang::En),
            "main.js has no ipcMain.handle('readFileEvent'): nothing answers invoke on this channel"
        );
        assert_eq!(
            error(
                "Error invoking remote method 'get': Error: No handler registered for 'get'",
                Lang::Zh
            ),
            "main.js 里没有 ipcMain.handle('get')：这个通道上的 invoke 没有人回答"
        );
        assert_eq!(error("Error: disk full", Lang::En), "Error: disk full");
    }
}
