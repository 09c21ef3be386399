//! Renderer processes as main sees them: spawning one per BrowserWindow, a writer task for its
//! stdin, a reader task for its stdout, and the order of the frames its page sends.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

use serde_json::{Map, Value};

use super::inbox::Inbox;
use super::page_frame::FromPage;
use super::stages;

/// Held frames past this many mean a frame went missing for good: stop waiting for it.
const MAX_HELD_FRAMES: usize = 256;

/// How long later frames wait for a missing one. The two transports overtake each other by
/// microseconds; a frame still missing after this was never sent.
const MISSING_FRAME_PATIENCE: Duration = Duration::from_secs(1);

pub struct RendererWindow {
    pub pid: u32,
    /// Secret the shim puts in every frame: frames without it did not come from the preload.
    pub token: String,
    /// Name of the page function that receives frames from main.
    pub deliver: String,
    /// Main asked it to close, or the user closed it: an exit is not a crash.
    pub closing: bool,
    lines: UnboundedSender<String>,
    order: FrameOrder,
}

impl RendererWindow {
    /// Starts `exe renderer` and the tasks that move its lines to and from `inbox`.
    pub fn spawn(
        id: u32,
        exe: &Path,
        inbox: UnboundedSender<Inbox>,
    ) -> std::io::Result<RendererWindow> {
        let mut child = tokio::process::Command::new(exe)
            .arg("renderer")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()?;
        let pid = child.id().unwrap_or(0);
        let stdin = child.stdin.take();
        let stdout = child.stdout.take();
        {
            use std::os::fd::AsRawFd as _;
            for fd in [
                stdin.as_ref().map(|p| p.as_raw_fd()),
                stdout.as_ref().map(|p| p.as_raw_fd()),
            ]
            .into_iter()
            .flatten()
            {
                widen_pipe(fd);
            }
        }
        let (lines, rx) = tokio::sync::mpsc::unbounded_channel::<String>();
        if let Some(stdin) = stdin {
            tokio::spawn(write_lines(stdin, rx));
        }
        tokio::spawn(async move {
            if let Some(stdout) = stdout {
                let mut reader = BufReader::with_capacity(READ_BUFFER, stdout).lines();
                let traced = stages::enabled();
                while let Ok(Some(line)) = reader.next_line().await {
                    let read_us = if traced { stages::now_us() } else { 0 };
                    if inbox
                        .send(Inbox::Renderer {
                            wc: id,
                            line,
                            read_us,
                        })
                        .is_err()
                    {
                        return;
                    }
                }
            }
            let status = child.wait().await.ok();
            let _ = inbox.send(Inbox::RendererExited {
                wc: id,
                code: status.and_then(|s| s.code()),
                signal: status.and_then(|s| std::os::unix::process::ExitStatusExt::signal(&s)),
            });
        });
        Ok(RendererWindow {
            pid,
            token: random_hex(16),
            deliver: format!("__ipcscope_{}", random_hex(8)),
            closing: false,
            lines,
            order: FrameOrder::default(),
        })
    }

    /// Queues a line for the renderer; a dead renderer just drops it (its exit is reported).
    pub fn send_line(&self, line: String) {
        let _ = self.lines.send(line);
    }

    /// Puts a page frame in the order the shim numbered it; returns the frames now due.
    pub fn order(&mut self, frame: PageFrame) -> (Vec<PageFrame>, Option<String>) {
        self.order.accept(frame)
    }

    /// Frames held past their patience for one that never came, with the gap's warning.
    pub fn overdue_frames(&mut self, now: Instant) -> Option<(Vec<PageFrame>, String)> {
        self.order.overdue(now)
    }

    /// When frames held for a missing one are given up on, if any are held.
    pub fn frames_due_by(&self) -> Option<Instant> {
        self.order.deadline()
    }
}

/// Bytes main reads from a renderer at once: a large frame comes in a few reads, not hundreds.
const READ_BUFFER: usize = 1 << 20;
/// What a pipe between main and a renderer holds (Linux's default is 64 KiB): a large frame
/// crosses with fewer switches between the writer and the reader.
pub(crate) const PIPE_BYTES: libc::c_int = 1 << 20;

/// Grows a pipe to `PIPE_BYTES`; where the system allows less, it stays as it was.
pub(crate) fn widen_pipe(fd: std::os::fd::RawFd) {
    // SAFETY: F_SETPIPE_SZ only resizes the pipe's buffer; a failure changes nothing.
    unsafe {
        libc::fcntl(fd, libc::F_SETPIPE_SZ, PIPE_BYTES);
    }
}

async fn write_lines(mut stdin: tokio::process::ChildStdin, mut rx: UnboundedReceiver<String>) {
    while let Some(line) = rx.recv().await {
        if stdin.write_all(line.as_bytes()).await.is_err() {
            return;
        }
    }
}

/// A page frame with the shim's numbering: `p` names the page load, `n` counts from 1.
#[derive(Debug, Clone, PartialEq)]
pub struct PageFrame {
    pub page: String,
    pub n: u64,
    pub message: FromPage,
    /// Set when the frame came by the synchronous path (`sendSync`).
    pub sync_id: Option<u64>,
    /// With `IPCSCOPE_TRACE`: its stages from the page to main.
    pub stages: Option<Map<String, Value>>,
}

/// postMessage frames and synchronous-XHR frames can overtake each other; the shim numbers
/// them and this puts them back in order.
#[derive(Debug, Default)]
pub struct FrameOrder {
    page: String,
    next: u64,
    held: BTreeMap<u64, PageFrame>,
    /// Since when frames have been held for a missing one.
    waiting_since: Option<Instant>,
}

impl FrameOrder {
    /// Returns the frames that are now in order, and a warning if frames were given up on.
    pub fn accept(&mut self, frame: PageFrame) -> (Vec<PageFrame>, Option<String>) {
        if frame.page != self.page {
            // A new page load numbers from 1 again.
            self.page = frame.page.clone();
            self.next = 1;
            self.held.clear();
            self.waiting_since = None;
        }
        let mut warning = None;
        if frame.n < self.next {
            return (
                Vec::new(),
                Some(format!("dropped a repeated frame (number {})", frame.n)),
            );
        }
        self.held.insert(frame.n, frame);
        if self.held.len() > MAX_HELD_FRAMES {
            if let Some(&first) = self.held.keys().next() {
                warning = Some(format!(
                    "frames {} to {} never arrived; going on without them",
                    self.next,
                    first - 1
                ));
                self.next = first;
            }
        }
        let due = self.take_in_order();
        (due, warning)
    }

    /// Gives up on a missing frame once later ones have waited MISSING_FRAME_PATIENCE for it
    /// (the page may have failed to send it): the frames after the gap, and the warning.
    pub fn overdue(&mut self, now: Instant) -> Option<(Vec<PageFrame>, String)> {
        if self.deadline()? > now {
            return None;
        }
        let first = *self.held.keys().next()?;
        let warning = format!(
            "frames {} to {} never arrived; going on without them",
            self.next,
            first - 1
        );
        self.next = first;
        Some((self.take_in_order(), warning))
    }

    pub fn deadline(&self) -> Option<Instant> {
        self.waiting_since.map(|t| t + MISSING_FRAME_PATIENCE)
    }

    /// The held frames that are next in order; notes when the rest started waiting.
    fn take_in_order(&mut self) -> Vec<PageFrame> {
        let mut due = Vec::new();
        while let Some(frame) = self.held.remove(&self.next) {
            due.push(frame);
            self.next += 1;
        }
        self.waiting_since = if self.held.is_empty() {
            None
        } else if !due.is_empty() || self.waiting_since.is_none() {
            Some(Instant::now())
        } else {
            self.waiting_since
        };
        due
    }
}

/// Hex from the kernel's random source; used for tokens the page must not guess.
pub fn random_hex(bytes: usize) -> String {
    use std::io::Read;
    let mut buf = vec![0u8; bytes];
    if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
        let _ = f.read_exact(&mut buf);
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(page: &str, n: u64) -> PageFrame {
        PageFrame {
            page: page.into(),
            n,
            message: FromPage::Console {
                level: "log".into(),
                text: n.to_string(),
            },
            sync_id: None,
            stages: None,
        }
    }

    fn numbers(frames: &[PageFrame]) -> Vec<u64> {
        frames.iter().map(|f| f.n).collect()
    }

    #[test]
    fn frames_in_order_pass_straight_through() {
        let mut order = FrameOrder::default();
        assert_eq!(numbers(&order.accept(frame("a", 1)).0), [1]);
        assert_eq!(numbers(&order.accept(frame("a", 2)).0), [2]);
    }

    #[test]
    fn a_frame_that_overtook_waits_for_the_one_before_it() {
        let mut order = FrameOrder::default();
        order.accept(frame("a", 1));
        assert!(order.accept(frame("a", 3)).0.is_empty());
        assert_eq!(numbers(&order.accept(frame("a", 2)).0), [2, 3]);
    }

    #[test]
    fn a_new_page_starts_numbering_again() {
        let mut order = FrameOrder::default();
        order.accept(frame("a", 1));
        order.accept(frame("a", 2));
        assert_eq!(numbers(&order.accept(frame("b", 1)).0), [1]);
    }

    #[test]
    fn a_frame_that_never_comes_does_not_hold_the_rest_forever() {
        let mut order = FrameOrder::default();
        let mut released = Vec::new();
        let mut warnings = Vec::new();
        for n in 2..=(MAX_HELD_FRAMES as u64 + 2) {
            let (due, warning) = order.accept(frame("a", n));
            released.extend(numbers(&due));
            warnings.extend(warning);
        }
        assert_eq!(released.first(), Some(&2));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("frames 1 to 1 never arrived"));
    }

    #[test]
    fn a_frame_still_missing_after_its_patience_is_given_up_and_the_rest_go_on() {
        let mut order = FrameOrder::default();
        order.accept(frame("a", 1));
        for n in 3..=12 {
            assert!(order.accept(frame("a", n)).0.is_empty(), "held for frame 2");
        }
        assert!(order.overdue(Instant::now()).is_none(), "not yet");
        let later = order.deadline().expect("frames are waiting") + Duration::from_millis(1);
        let (due, warning) = order.overdue(later).expect("given up on");
        assert_eq!(numbers(&due), (3..=12).collect::<Vec<_>>());
        assert_eq!(
            warning,
            "frames 2 to 2 never arrived; going on without them"
        );
        assert!(order.deadline().is_none(), "nothing waits any more");
        assert_eq!(numbers(&order.accept(frame("a", 13)).0), [13]);
    }

    #[test]
    fn a_repeated_frame_is_dropped_with_a_warning() {
        let mut order = FrameOrder::default();
        order.accept(frame("a", 1));
        let (due, warning) = order.accept(frame("a", 1));
        assert!(due.is_empty());
        assert!(warning.unwrap().contains("repeated"));
    }

    #[test]
    fn random_tokens_differ() {
        assert_ne!(random_hex(16), random_hex(16));
        assert_eq!(random_hex(8).len(), 16);
    }
}
