//! For the memory measurements that `make bench` runs as ignored tests: this process's
//! resident memory.

/// Resident bytes of this process now, from /proc/self/statm (0 when it cannot be read).
pub fn resident() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: usize = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4096
}
