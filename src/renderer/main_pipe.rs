//! Frames from main, read on the GTK thread itself: GLib watches the pipe and each complete
//! line is handled in the same loop that runs the webview, with no reader thread to wake and
//! hand over from (a thread switch per frame costs tens of µs on a busy machine).

use std::io::Read as _;
use std::os::fd::{AsRawFd as _, FromRawFd as _};

use tao::event_loop::EventLoopProxy;
use webkit2gtk::glib::{self, ControlFlow, IOCondition};

use super::{sync_response, PendingSync, UserEvent, READ_BUFFER};
use crate::wire::{self, ToRenderer};

/// Reads main's frames from stdin on the GTK thread until main closes the pipe.
pub(super) fn watch(proxy: EventLoopProxy<UserEvent>, pending_sync: PendingSync) {
    // SAFETY: fd 0 stays open for the whole process; ManuallyDrop keeps this File from closing it.
    let mut stdin = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(0) });
    set_nonblocking(stdin.as_raw_fd());
    let mut lines = LineBuffer::default();
    let mut chunk = vec![0u8; READ_BUFFER];
    glib::source::unix_fd_add_local(
        0,
        IOCondition::IN | IOCondition::HUP | IOCondition::ERR,
        move |_, _| {
            loop {
                match stdin.read(&mut chunk) {
                    Ok(0) => {
                        let _ = proxy.send_event(UserEvent::MainGone);
                        return ControlFlow::Break;
                    }
                    Ok(n) => lines.push(&chunk[..n]),
                    Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => break,
                    Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(_) => {
                        let _ = proxy.send_event(UserEvent::MainGone);
                        return ControlFlow::Break;
                    }
                }
            }
            while let Some(line) = lines.next_line() {
                if let Some(event) = handle(line, &pending_sync) {
                    if proxy.send_event(event).is_err() {
                        return ControlFlow::Break;
                    }
                }
            }
            ControlFlow::Continue
        },
    );
}

/// A `sendSync` answer is given at once; anything else goes to the event loop.
fn handle(line: String, pending_sync: &PendingSync) -> Option<UserEvent> {
    match wire::parse_to_renderer(line) {
        Ok(Ok(ToRenderer::SyncAnswer { id, body })) => {
            if let Some(responder) = pending_sync.lock().ok().and_then(|mut p| p.remove(&id)) {
                responder.respond(sync_response(body));
            }
            None
        }
        Ok(Ok(frame)) => Some(UserEvent::FromMain(frame)),
        Ok(Err(page_frame)) => Some(UserEvent::PageFrame(page_frame)),
        Err(err) => {
            eprintln!("ipcscope renderer: {err}");
            None
        }
    }
}

fn set_nonblocking(fd: std::os::fd::RawFd) {
    // SAFETY: F_GETFL/F_SETFL only change the descriptor's flags.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags >= 0 {
            libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
    }
}

/// What the line buffer keeps allocated between frames: a 16 MiB frame must not leave the
/// renderer holding 16 MiB (or twice that) for the rest of its life.
const KEPT_CAPACITY: usize = 1 << 20;

/// Bytes read so far, cut into lines; a line may arrive over many reads.
#[derive(Default)]
struct LineBuffer {
    bytes: Vec<u8>,
    /// Where the next line starts: what is before it was handed out.
    start: usize,
    /// Where the search for the next newline resumes: the bytes before it hold none.
    searched: usize,
}

impl LineBuffer {
    fn push(&mut self, bytes: &[u8]) {
        // Drop the lines handed out, so the buffer holds at most one partial line.
        self.bytes.drain(..self.start);
        self.searched -= self.start;
        self.start = 0;
        if self.bytes.capacity() > KEPT_CAPACITY && self.bytes.len() + bytes.len() <= KEPT_CAPACITY
        {
            self.bytes.shrink_to(KEPT_CAPACITY);
        }
        self.bytes.extend_from_slice(bytes);
    }

    /// The next complete line, without its newline (main writes only UTF-8; anything else is
    /// replaced, not lost).
    fn next_line(&mut self) -> Option<String> {
        let Some(at) = memchr::memchr(b'\n', &self.bytes[self.searched..]) else {
            self.searched = self.bytes.len();
            return None;
        };
        let end = self.searched + at;
        if self.start == 0 && end + 1 == self.bytes.len() {
            // The buffer holds this one line and nothing after it (as a large frame ends): the
            // line takes the buffer itself, with no copy.
            let mut bytes = std::mem::take(&mut self.bytes);
            bytes.truncate(end);
            self.searched = 0;
            return Some(
                String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            );
        }
        let line = String::from_utf8_lossy(&self.bytes[self.start..end]).into_owned();
        self.start = end + 1;
        self.searched = self.start;
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_read_in_pieces_comes_out_whole_once_its_newline_arrives() {
        let mut lines = LineBuffer::default();
        lines.push(b"P {\"a\":");
        assert_eq!(lines.next_line(), None);
        lines.push(b"1}\nP {\"b\":2}\nP {");
        assert_eq!(lines.next_line().as_deref(), Some("P {\"a\":1}"));
        assert_eq!(lines.next_line().as_deref(), Some("P {\"b\":2}"));
        assert_eq!(lines.next_line(), None);
        lines.push(b"}\n");
        assert_eq!(lines.next_line().as_deref(), Some("P {}"));
    }

    #[test]
    fn a_large_line_read_does_not_stay_allocated() {
        let mut lines = LineBuffer::default();
        let mut large = vec![b'x'; 16 << 20];
        large.push(b'\n');
        lines.push(&large);
        assert_eq!(lines.next_line().map(|l| l.len()), Some(16 << 20));
        lines.push(b"P {}\n");
        assert_eq!(lines.next_line().as_deref(), Some("P {}"));
        assert!(lines.bytes.capacity() <= KEPT_CAPACITY);
    }
}
