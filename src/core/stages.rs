//! `IPCSCOPE_TRACE=1`: the time each invoke reaches each stage of its road, on one clock for
//! every process (CLOCK_MONOTONIC, in microseconds), journaled as a `stages` object beside the
//! entry. The page's clock (`performance.timeOrigin + performance.now()`, wall-clock based) is
//! mapped to it by the offset its renderer measures between the two clocks.
//!
//! Off by default: without the variable nothing is stamped and the journal is as before.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::{Map, Value};

/// The environment variable that turns stage stamps on (any value but empty or `0`).
pub const TRACE_VAR: &str = "IPCSCOPE_TRACE";

/// Whether this run stamps stages (read once; renderers inherit main's environment).
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var(TRACE_VAR).is_ok_and(|v| !v.is_empty() && v != "0"))
}

fn clock_us(clock: libc::clockid_t) -> i64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given.
    unsafe { libc::clock_gettime(clock, &mut ts) };
    ts.tv_sec * 1_000_000 + ts.tv_nsec / 1_000
}

/// Now on the clock every process shares (CLOCK_MONOTONIC), in microseconds.
pub fn now_us() -> i64 {
    clock_us(libc::CLOCK_MONOTONIC)
}

/// Wall clock minus monotonic clock (µs): what a page's wall-clock-based time minus this is
/// the same instant on the shared clock.
pub fn wall_offset_us() -> i64 {
    clock_us(libc::CLOCK_REALTIME) - clock_us(libc::CLOCK_MONOTONIC)
}

/// A page time (ms since the epoch, as `performance.timeOrigin + performance.now()`) on the
/// shared clock, with the offset its renderer measured; None for what is not a number.
pub fn from_page(page_ms: &Value, offset_us: i64) -> Option<Value> {
    let ms = page_ms.as_f64().filter(|ms| ms.is_finite() && *ms > 0.0)?;
    Some(Value::from((ms * 1000.0).round() as i64 - offset_us))
}

thread_local! {
    /// When main.js was called with each invoke still running (by the invoke's seq).
    static HANDLER_START: RefCell<HashMap<u64, i64>> = RefCell::new(HashMap::new());
}

/// main.js is being called with invoke `seq`.
pub fn handler_starts(seq: u64) {
    if enabled() {
        HANDLER_START.with(|s| s.borrow_mut().insert(seq, now_us()));
    }
}

/// Invoke `seq` was answered: the result's first stages (main.js called, main.js answered).
pub fn handler_ended(seq: u64) -> Option<Map<String, Value>> {
    if !enabled() {
        return None;
    }
    let mut stages = Map::new();
    if let Some(start) = HANDLER_START.with(|s| s.borrow_mut().remove(&seq)) {
        stages.insert("handlerStart".into(), start.into());
    }
    stages.insert("handlerEnd".into(), now_us().into());
    Some(stages)
}

/// What a traced renderer line adds to the frame it carries: when the renderer got it from
/// WebKit, its clock offset, and when main read the line.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Arrival {
    pub renderer_us: i64,
    pub offset_us: i64,
    pub main_us: i64,
}

impl Arrival {
    /// The request's stages so far: the page's (`tr.page`, `tr.preload`, in page time) and
    /// this arrival's.
    pub fn stages(&self, page_trace: &Value) -> Map<String, Value> {
        let mut stages = Map::new();
        for name in ["page", "preload"] {
            if let Some(at) = page_trace
                .get(name)
                .and_then(|t| from_page(t, self.offset_us))
            {
                stages.insert(name.into(), at);
            }
        }
        stages.insert("renderer".into(), self.renderer_us.into());
        stages.insert("main".into(), self.main_us.into());
        stages
    }

    /// The stages of an earlier answer's way back that the page sent with this frame
    /// (`tr.back`: `{seq, out, renderer, preload, page}`): (the result's seq, its stages).
    pub fn way_back(&self, page_trace: &Value) -> Option<(u64, Map<String, Value>)> {
        let back = page_trace.get("back")?;
        let seq = back.get("seq")?.as_u64()?;
        let mut stages = Map::new();
        if let Some(out) = back.get("out").and_then(Value::as_i64) {
            stages.insert("out".into(), out.into());
        }
        if let Some(delivered) = back.get("renderer").and_then(Value::as_i64) {
            stages.insert("delivered".into(), delivered.into());
        }
        for (from, to) in [("preload", "resolved"), ("page", "resumed")] {
            if let Some(at) = back.get(from).and_then(|t| from_page(t, self.offset_us)) {
                stages.insert(to.into(), at);
            }
        }
        Some((seq, stages))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_page_time_maps_to_the_shared_clock_by_the_renderer_offset() {
        let arrival = Arrival {
            renderer_us: 5_000,
            offset_us: 1_000_000,
            main_us: 6_000,
        };
        let stages = arrival.stages(&json!({"page": 1003.5, "preload": 1004.0}));
        assert_eq!(stages["page"], json!(3_500));
        assert_eq!(stages["preload"], json!(4_000));
        assert_eq!(stages["renderer"], json!(5_000));
        assert_eq!(stages["main"], json!(6_000));
        // A stamp that is no time is left out, not made up.
        let stages = arrival.stages(&json!({"page": "soon"}));
        assert!(!stages.contains_key("page"));
    }

    #[test]
    fn the_way_back_names_the_result_it_belongs_to() {
        let arrival = Arrival {
            offset_us: 1_000,
            ..Arrival::default()
        };
        let back =
            json!({"back": {"seq": 7, "out": 10, "renderer": 20, "preload": 1.029, "page": 1.039}});
        let (seq, stages) = arrival.way_back(&back).unwrap();
        assert_eq!(seq, 7);
        assert_eq!(stages["out"], json!(10));
        assert_eq!(stages["delivered"], json!(20));
        assert_eq!(stages["resolved"], json!(29));
        assert_eq!(stages["resumed"], json!(39));
        assert!(arrival.way_back(&json!({})).is_none());
    }

    #[test]
    fn the_shared_clock_moves_forward() {
        let a = now_us();
        let b = now_us();
        assert!(b >= a);
    }
}
