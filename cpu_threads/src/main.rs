//! CPU-bound lab, multi-threaded: a pool of 5 threads shares the 20 `fib(35)` computations.
//!
//! Watch for: the time, against cpu_non_concurrent's. In Python this version is no faster, because
//! the GIL lets one thread run Python code at a time. Rust has no GIL: on a 2-core machine this runs
//! about twice as fast, and `top` shows the process at 200% CPU.
//!
//! How Rust differs from the Python:
//! - No GIL: threads are the simplest way to use every core for CPU-bound work. (In real code, the
//!   rayon crate's `par_iter` does this pool for you.)
//! - Five scoped threads take the next job from a shared counter; `thread::scope` joins them all, and
//!   `join` hands back each thread's results.
//! - More threads than cores buys nothing here: try it.
//!
//! Try this: set `THREADS` to 1, 2 and 5 and compare the times (use `--release`).

use std::hint::black_box;
use std::sync::Mutex;
use std::thread;
use std::time::Instant;

use labs::cpu::{Work, hint_if_debug};
use labs::println_or_exit;

const THREADS: usize = 5;

fn fib(n: u32) -> u64 {
    if n < 2 { n.into() } else { fib(n - 1) + fib(n - 2) }
}

/// Computes `fib(n)` `count` times with a pool of threads.
fn compute_all(work: &Work) -> Vec<u64> {
    let jobs = Mutex::new(0..work.count);
    thread::scope(|pool| {
        let workers: Vec<_> = (0..THREADS)
            .map(|_| {
                pool.spawn(|| {
                    let mut results = Vec::new();
                    while jobs.lock().unwrap().next().is_some() {
                        results.push(fib(black_box(work.n)));
                    }
                    results
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap())
            .collect()
    })
}

fn main() {
    let work = Work::from_args();
    hint_if_debug("cpu_threads");
    let start = Instant::now();
    let results = compute_all(&work);
    let duration = start.elapsed().as_secs_f64();
    println_or_exit!("fib({}) = {}, {} times", work.n, results[0], results.len());
    println_or_exit!("Computed in {:.3} seconds", duration);
}
