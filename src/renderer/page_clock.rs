//! With `IPCSCOPE_TRACE`: how the page's clock (`performance.timeOrigin + performance.now()`)
//! maps to the monotonic clock every process stamps with (src/core/stages.rs). After each
//! page load the renderer reads the page's clock a few times, each read between two monotonic
//! stamps; every read narrows where the offset between the clocks can lie.

use std::cell::Cell;
use std::rc::Rc;

use javascriptcore::ValueExt;
use webkit2gtk::{LoadEvent, WebViewExt};

use crate::core::stages;

/// Reads per page load; each takes one trip to the web process.
const READS: u32 = 40;
/// WebKit gives pages time in whole milliseconds.
const TICK_US: f64 = 1000.0;

/// What the reads so far say: the offset (page µs minus monotonic µs) lies in `lo..hi`.
pub struct PageClock {
    lo: Cell<f64>,
    hi: Cell<f64>,
    /// The sub-millisecond part of the first read: when every read has it, the page's clock
    /// ticks in whole milliseconds (None: not known yet; NaN: it does not).
    fraction: Cell<Option<f64>>,
}

impl PageClock {
    pub fn new() -> Rc<PageClock> {
        Rc::new(PageClock {
            lo: Cell::new(f64::NEG_INFINITY),
            hi: Cell::new(f64::INFINITY),
            fraction: Cell::new(None),
        })
    }

    fn ticks(&self) -> bool {
        self.fraction.get().is_some_and(|f| !f.is_nan())
    }

    /// One read: the page said `page_ms` somewhere between monotonic `before` and `after`.
    fn read(&self, page_ms: f64, before: i64, after: i64) {
        if !page_ms.is_finite() {
            return;
        }
        let page_us = page_ms * 1000.0;
        let fraction = (page_us % TICK_US).round();
        match self.fraction.get() {
            None => self.fraction.set(Some(fraction)),
            Some(f) if f != fraction => self.fraction.set(Some(f64::NAN)),
            _ => {}
        }
        let tick = if self.ticks() { TICK_US } else { 0.0 };
        self.lo.set(self.lo.get().max(page_us - after as f64));
        self.hi
            .set(self.hi.get().min(page_us + tick - before as f64));
    }

    /// The offset to send with each frame: a page time minus it is the monotonic time. A page
    /// stamp of a clock that ticks in whole ms is, on average, half a tick late: that is
    /// added back. Before any read, the wall clock's offset.
    pub fn offset_us(&self) -> i64 {
        let (lo, hi) = (self.lo.get(), self.hi.get());
        if !(lo.is_finite() && hi.is_finite()) || lo > hi {
            return stages::wall_offset_us();
        }
        let half_tick = if self.ticks() { TICK_US / 2.0 } else { 0.0 };
        ((lo + hi) / 2.0 - half_tick).round() as i64
    }

    fn restart(&self) {
        self.lo.set(f64::NEG_INFINITY);
        self.hi.set(f64::INFINITY);
        self.fraction.set(None);
    }
}

/// Reads the page's clock after each load, in `world` (the shim's).
pub fn watch(view: &webkit2gtk::WebView, world: Option<&'static str>, clock: Rc<PageClock>) {
    view.connect_load_changed(move |view, event| {
        if event == LoadEvent::Finished {
            clock.restart();
            read_clock(view, world, clock.clone(), READS);
        }
    });
}

fn read_clock(
    view: &webkit2gtk::WebView,
    world: Option<&'static str>,
    clock: Rc<PageClock>,
    left: u32,
) {
    if left == 0 {
        return;
    }
    let before = stages::now_us();
    let next = view.clone();
    view.evaluate_javascript(
        "performance.timeOrigin + performance.now()",
        world,
        None,
        None::<&webkit2gtk::gio::Cancellable>,
        move |result| {
            let after = stages::now_us();
            if let Ok(value) = result {
                clock.read(value.to_double(), before, after);
            }
            read_clock(&next, world, clock, left - 1);
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_of_a_clock_in_whole_milliseconds_narrow_the_offset() {
        let clock = PageClock::new();
        // The page's clock runs 5,000,250 µs ahead, shown in whole ms (floored).
        let page_ms = |t: i64| ((t + 5_000_250) / 1000) as f64;
        for t in (0..40).map(|n| 1_000_000 + n * 317) {
            clock.read(page_ms(t), t - 20, t + 20);
        }
        // A page stamp P stands for P + half a tick on average: mapped with the offset, a
        // stamp taken at t lands within a tick of t.
        let offset = clock.offset_us();
        let t = 1_234_567;
        let mapped = page_ms(t) as i64 * 1000 - offset;
        assert!((mapped - t).abs() <= 600, "{mapped} vs {t}");
    }

    #[test]
    fn before_any_read_the_wall_clock_offset_is_used() {
        let clock = PageClock::new();
        let wall = stages::wall_offset_us();
        assert!((clock.offset_us() - wall).abs() < 1_000_000);
    }
}
