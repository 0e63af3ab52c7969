//! CPU-bound lab, asynchronous: the 20 `fib(35)` computations as tasks on a single-threaded async
//! runtime.
//!
//! Watch for: the same time as cpu_non_concurrent, give or take. Async lets tasks take turns at the
//! points where they wait, and `fib` never waits: each task runs start to finish while the others
//! queue behind it, on one thread.
//!
//! How Rust differs from the Python: just as in Python, one thread does all the work, so async buys
//! nothing here. Worse, a task that computes for long without an `.await` blocks every other task on
//! its runtime; in real code, CPU-heavy work goes to `tokio::task::spawn_blocking` or a thread pool.
//!
//! Try this: change `flavor = "current_thread"` to `flavor = "multi_thread"`. Now tokio runs tasks
//! on one thread per core and the time halves: the speed-up came from threads, not from async.

use std::hint::black_box;
use std::time::Instant;

use labs::cpu::{Work, hint_if_debug};
use labs::println_or_exit;
use tokio::task::JoinSet;

fn fib(n: u32) -> u64 {
    if n < 2 { n.into() } else { fib(n - 1) + fib(n - 2) }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let work = Work::from_args();
    hint_if_debug("cpu_async");
    let start = Instant::now();
    let mut tasks = JoinSet::new();
    for _ in 0..work.count {
        let n = work.n;
        tasks.spawn(async move { fib(black_box(n)) }); // no .await inside: it never yields
    }
    let results = tasks.join_all().await;
    let duration = start.elapsed().as_secs_f64();
    println_or_exit!("fib({}) = {}, {} times", work.n, results[0], results.len());
    println_or_exit!("Computed in {:.3} seconds", duration);
}
