//! Where a lab's new window goes on screen: beside the panel, so that without a window manager
//! (which would place it) it does not open at 0,0 over the panel. The panel says where it is
//! each frame; the core asks when it creates a window.

use std::sync::atomic::{AtomicI64, Ordering};

/// The panel's outer rectangle and the monitor's size, in physical pixels, packed as two
/// 32-bit halves each (left/top, right/bottom, width/height of the monitor). Atomics rather
/// than a command: the panel and the core run on different threads, and a position is only
/// a hint, so a stale one costs nothing.
static PANEL: [AtomicI64; 2] = [AtomicI64::new(i64::MIN), AtomicI64::new(0)];
static MONITOR: AtomicI64 = AtomicI64::new(0);

fn pack(a: i32, b: i32) -> i64 {
    (i64::from(a) << 32) | i64::from(b as u32)
}

fn unpack(v: i64) -> (i32, i32) {
    ((v >> 32) as i32, v as i32)
}

/// The panel is at `[left, top, right, bottom]` on a monitor of `monitor` pixels.
pub fn set_panel(rect: [i32; 4], monitor: Option<(i32, i32)>) {
    PANEL[1].store(pack(rect[2], rect[3]), Ordering::Relaxed);
    PANEL[0].store(pack(rect[0], rect[1]), Ordering::Relaxed);
    MONITOR.store(monitor.map_or(0, |(w, h)| pack(w, h)), Ordering::Relaxed);
}

/// Where window number `n` (from 1) of `size` physical pixels goes; None without a panel
/// (`--headless`), when the window manager places it.
pub fn next_position(size: (i32, i32), n: u32) -> Option<(i32, i32)> {
    let first = PANEL[0].load(Ordering::Relaxed);
    if first == i64::MIN {
        return None;
    }
    let (left, top) = unpack(first);
    let (right, bottom) = unpack(PANEL[1].load(Ordering::Relaxed));
    let monitor = match MONITOR.load(Ordering::Relaxed) {
        0 => None,
        packed => Some(unpack(packed)),
    };
    Some(place([left, top, right, bottom], monitor, size, n))
}

/// Right of the panel when the window fits there; otherwise in the screen's bottom-right
/// corner, which leaves the panel's top bar, tabs and first columns in sight. Each further
/// window steps 32 pixels so none hides the one before.
fn place(panel: [i32; 4], monitor: Option<(i32, i32)>, size: (i32, i32), n: u32) -> (i32, i32) {
    let step = 32 * (n.saturating_sub(1) % 8) as i32;
    let [_, top, right, bottom] = panel;
    match monitor {
        Some((width, height)) if right + 8 + size.0 > width => (
            (width - size.0 - step).max(0),
            (height - size.1 - step).max(0),
        ),
        Some((_, height)) => (right + 8, (top + step).min((height - size.1).max(0))),
        None => (right + 8, (top + step).min(bottom)),
    }
}

#[cfg(test)]
mod tests {
    use super::place;

    #[test]
    fn a_window_goes_right_of_the_panel_when_it_fits() {
        assert_eq!(
            place([0, 0, 1000, 800], Some((1920, 1080)), (800, 600), 1),
            (1008, 0)
        );
        assert_eq!(
            place([0, 0, 1000, 800], Some((1920, 1080)), (800, 600), 2),
            (1008, 32)
        );
    }

    #[test]
    fn a_panel_filling_the_screen_keeps_its_top_left_in_sight() {
        assert_eq!(
            place([0, 0, 1280, 800], Some((1280, 800)), (800, 600), 1),
            (480, 200)
        );
        assert_eq!(
            place([0, 0, 1280, 800], Some((1280, 800)), (800, 600), 2),
            (448, 168)
        );
        // A window larger than the screen starts at its corner.
        assert_eq!(
            place([0, 0, 1280, 800], Some((1280, 800)), (2000, 1000), 1),
            (0, 0)
        );
    }
}
