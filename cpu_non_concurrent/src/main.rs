//! CPU-bound lab, non-concurrent: the seed's "somewhat silly function", `fib(35)` by naive
//! recursion, 20 times in a plain loop.
//!
//! Watch for: the time. This is the baseline the other three CPU labs are measured against. One core
//! is busy throughout (watch `top`); the other idles.
//!
//! How Rust differs from the Python: compiled with `--release` this is some 50 times faster than
//! CPython, so the numbers are smaller, but the ratios between the four labs are what the slides are
//! about. `black_box(n)` stops the optimizer from noticing that `fib(35)` is the same every time and
//! computing it only once. In a debug build the lab says on stderr that timings need `--release`.
//!
//! Try this: `cargo run --release -p cpu_non_concurrent -- --n 36`, then 37: each step costs about
//! 1.6 times the last (the golden ratio).

use std::hint::black_box;
use std::time::Instant;

use labs::cpu::{Work, hint_if_debug};
use labs::println_or_exit;

fn fib(n: u32) -> u64 {
    if n < 2 { n.into() } else { fib(n - 1) + fib(n - 2) }
}

fn main() {
    let work = Work::from_args();
    hint_if_debug("cpu_non_concurrent");
    let start = Instant::now();
    let results: Vec<u64> = (0..work.count).map(|_| fib(black_box(work.n))).collect();
    let duration = start.elapsed().as_secs_f64();
    println_or_exit!("fib({}) = {}, {} times", work.n, results[0], results.len());
    println_or_exit!("Computed in {:.3} seconds", duration);
}
