//! BrowserWindow loads as main.js sees them: a page that is not there fails as in Electron.

use std::time::{Duration, Instant};

use super::test_run::{field, Run};

#[test]
fn a_page_that_is_not_there_fails_to_load_as_in_electron() {
    let run = Run::start_with(
        r#"
const { app, BrowserWindow } = require('electron');
app.whenReady().then(async () => {
  const win = new BrowserWindow({});
  win.webContents.on('did-fail-load', (event, code, description, url) =>
    console.log('did-fail-load', code, description, url.endsWith('/missing.html')));
  await win.loadFile('missing.html').then(() => console.log('loaded?'), (err) => console.log('rejected:', err.message));
  await win.loadURL('file:///etc/passwd').catch((err) => console.log('outside rejected:', err.message));
  await win.loadURL('file://' + require('path').join(__dirname, 'gone.html')).catch((err) => console.log('loadURL rejected:', err.message));
  await win.loadFile('index.html');
  console.log('then loaded', win.webContents.getURL().endsWith('/index.html'));
});
"#,
    );
    let said = |prefix: &str| {
        let end = Instant::now() + Duration::from_secs(10);
        loop {
            let lines: Vec<String> = run
                .entries("console")
                .iter()
                .filter_map(|e| field(e, "text").as_str().map(str::to_string))
                .collect();
            if let Some(line) = lines.iter().find(|l| l.starts_with(prefix)) {
                return line.clone();
            }
            assert!(
                Instant::now() < end,
                "main.js never said {prefix}: {lines:?}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    };
    assert_eq!(
        said("did-fail-load"),
        "did-fail-load -6 ERR_FILE_NOT_FOUND true"
    );
    let rejected = said("rejected:");
    assert!(
        rejected.starts_with("rejected: ERR_FILE_NOT_FOUND (-6) loading 'file:///")
            && rejected.ends_with("/missing.html'"),
        "{rejected}"
    );
    let url_rejected = said("loadURL rejected:");
    assert!(
        url_rejected.starts_with("loadURL rejected: ERR_FILE_NOT_FOUND (-6) loading 'file:///"),
        "{url_rejected}"
    );
    assert_eq!(
        said("outside rejected:"),
        "outside rejected: ERR_ACCESS_DENIED (-10) loading 'file:///etc/passwd'"
    );
    assert_eq!(said("then loaded"), "then loaded true");
    let lifecycle: Vec<(String, String)> = run
        .entries("lifecycle")
        .iter()
        .map(|e| {
            let url = field(e, "url").as_str().unwrap_or_default().to_string();
            let file = url.rsplit('/').next().unwrap_or_default().to_string();
            (
                field(e, "event").as_str().unwrap_or_default().to_string(),
                file,
            )
        })
        .filter(|(event, _)| event != "ready" && event != "created")
        .collect();
    let pairs: Vec<(&str, &str)> = lifecycle
        .iter()
        .map(|(e, f)| (e.as_str(), f.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("load-failed", "missing.html"),
            ("load-failed", "passwd"),
            ("load-failed", "gone.html"),
            ("navigating", "index.html"),
            ("loaded", "index.html"),
        ]
    );
}
