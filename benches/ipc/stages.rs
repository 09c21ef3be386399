//! The traced run's breakdown: where an invoke's round trip spends its time, stage by stage,
//! read from the `stages` objects an `IPCSCOPE_TRACE=1` run journals (src/core/stages.rs).

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Map, Value};

/// Which entry a stamp is on: the invoke, its result, or the way back (`event: "stages"`).
#[derive(Clone, Copy)]
enum On {
    Invoke,
    Result,
    Back,
}

/// A stamp: the entry it is on and its name in that entry's `stages`.
type Stamp = (On, &'static str);

/// Each step of the road: its name, and the two stamps it lies between.
const STEPS: [(&str, Stamp, Stamp); 13] = [
    (
        "page world -> preload (bridge)",
        (On::Invoke, "page"),
        (On::Invoke, "preload"),
    ),
    (
        "preload posts -> renderer gets it",
        (On::Invoke, "preload"),
        (On::Invoke, "renderer"),
    ),
    (
        "renderer -> main reads the line",
        (On::Invoke, "renderer"),
        (On::Invoke, "main"),
    ),
    (
        "main reads -> dispatch",
        (On::Invoke, "main"),
        (On::Invoke, "dispatch"),
    ),
    (
        "dispatch -> journal",
        (On::Invoke, "dispatch"),
        (On::Invoke, "journal"),
    ),
    (
        "journal -> main.js called",
        (On::Invoke, "journal"),
        (On::Result, "handlerStart"),
    ),
    (
        "main.js handler (with its JSON)",
        (On::Result, "handlerStart"),
        (On::Result, "handlerEnd"),
    ),
    (
        "answer -> journal",
        (On::Result, "handlerEnd"),
        (On::Result, "journal"),
    ),
    (
        "journal -> answer leaves main",
        (On::Result, "journal"),
        (On::Back, "out"),
    ),
    (
        "main -> renderer delivers",
        (On::Back, "out"),
        (On::Back, "delivered"),
    ),
    (
        "renderer -> preload resolves",
        (On::Back, "delivered"),
        (On::Back, "resolved"),
    ),
    (
        "preload -> page resumes (bridge)",
        (On::Back, "resolved"),
        (On::Back, "resumed"),
    ),
    (
        "whole trip, page to page",
        (On::Invoke, "page"),
        (On::Back, "resumed"),
    ),
];

/// Each step's durations (µs) for the small and the 1 MiB round trips.
pub struct Breakdown {
    small: Vec<Vec<f64>>,
    large: Vec<Vec<f64>>,
}

fn stages_of(entry: &Value) -> Option<Map<String, Value>> {
    entry.get("stages")?.as_object().cloned()
}

/// Reads a traced run's record file.
pub fn read(journal: &Path) -> Breakdown {
    let text = std::fs::read_to_string(journal).unwrap_or_default();
    // seq -> (stages, args' size in bytes) of each traced invoke on `rt`.
    let mut invokes: HashMap<u64, (Map<String, Value>, usize)> = HashMap::new();
    let mut results: HashMap<u64, (u64, Map<String, Value>)> = HashMap::new();
    let mut backs: HashMap<u64, Map<String, Value>> = HashMap::new();
    for line in text.lines() {
        let Ok(entry) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let seq = entry["seq"].as_u64().unwrap_or(0);
        match (entry["kind"].as_str(), entry["event"].as_str()) {
            (Some("invoke"), _) if entry["channel"] == "rt" => {
                if let Some(stages) = stages_of(&entry) {
                    let size = entry["args"][0].as_str().map_or(0, str::len);
                    invokes.insert(seq, (stages, size));
                }
            }
            (Some("invoke-result"), _) => {
                if let (Some(of), Some(stages)) = (entry["ref"].as_u64(), stages_of(&entry)) {
                    results.insert(seq, (of, stages));
                }
            }
            (Some("lifecycle"), Some("stages")) => {
                if let (Some(of), Some(stages)) = (entry["ref"].as_u64(), stages_of(&entry)) {
                    backs.insert(of, stages);
                }
            }
            _ => {}
        }
    }
    let mut breakdown = Breakdown {
        small: vec![Vec::new(); STEPS.len()],
        large: vec![Vec::new(); STEPS.len()],
    };
    for (result_seq, (invoke_seq, result)) in &results {
        let (Some((invoke, size)), Some(back)) = (invokes.get(invoke_seq), backs.get(result_seq))
        else {
            continue;
        };
        let bucket = match size {
            0 => &mut breakdown.small,
            s if *s == 1 << 20 => &mut breakdown.large,
            _ => continue,
        };
        let at = |(on, key): (On, &str)| -> Option<f64> {
            let stages = match on {
                On::Invoke => invoke,
                On::Result => result,
                On::Back => back,
            };
            stages.get(key)?.as_f64()
        };
        for (n, (_, from, to)) in STEPS.iter().enumerate() {
            if let (Some(from), Some(to)) = (at(*from), at(*to)) {
                bucket[n].push(to - from);
            }
        }
    }
    breakdown
}

fn quantile(values: &mut [f64], q: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    values[((values.len() - 1) as f64 * q).round() as usize]
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

impl Breakdown {
    pub fn print(mut self) {
        println!(
            "Where an invoke's round trip goes (one IPCSCOPE_TRACE=1 run; µs; the page's clock"
        );
        println!(
            "ticks in whole ms in WebKit, so steps that start or end in the page are best read by"
        );
        println!("their mean):");
        println!(
            "{:<36} {:>29}   {:>29}",
            "", "small (median / p99 / mean)", "1 MiB (median / p99 / mean)"
        );
        let count = |v: &[Vec<f64>]| v.last().map_or(0, Vec::len);
        println!(
            "{:<36} {:>29}   {:>29}",
            "round trips",
            count(&self.small),
            count(&self.large)
        );
        for (n, (name, _, _)) in STEPS.iter().enumerate() {
            let cell = |values: &mut Vec<f64>| {
                format!(
                    "{:>9.0} {:>9.0} {:>9.0}",
                    quantile(values, 0.5),
                    quantile(values, 0.99),
                    mean(values)
                )
            };
            let small = cell(&mut self.small[n]);
            let large = cell(&mut self.large[n]);
            println!("{name:<36} {small:>29}   {large:>29}");
        }
    }
}
