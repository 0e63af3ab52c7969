//! CPU-bound lab, process-based: a pool of worker processes, one per core, computes the 20 `fib(35)`
//! and sends the results back to the parent. The seed's slides: "separate CPU cores for parallel
//! execution".
//!
//! Watch for: the time, about half of cpu_non_concurrent's on 2 cores. This is the version that
//! speeds Python up; in Rust, threads (cpu_threads) do the same with less ceremony.
//!
//! How Rust differs from the Python:
//! - The workers are this program started again with `--worker` (`labs::pool`), like
//!   multiprocessing's "spawn" start method, rather than `fork`: the same pool serves the I/O lab,
//!   whose process already runs threads when it starts workers, and forking such a process is unsound.
//! - Jobs go out on each worker's stdin as text (`35`), results come back on its stdout; that is the
//!   pickling multiprocessing does for you. Every worker is reaped.
//!
//! Try this: compare `--count 2` here and in cpu_threads: starting processes costs milliseconds,
//! starting threads microseconds.

use std::hint::black_box;
use std::io;
use std::sync::Mutex;
use std::time::Instant;

use labs::cpu::{Work, hint_if_debug};
use labs::pool::{self, ProcessPool};
use labs::println_or_exit;

fn fib(n: u32) -> u64 {
    if n < 2 { n.into() } else { fib(n - 1) + fib(n - 2) }
}

/// A worker: reads one `n` per line from stdin and answers `fib(n)`.
fn worker() {
    for job in io::stdin().lines().map_while(Result::ok) {
        match job.parse() {
            Ok(n) => println_or_exit!("{}", fib(black_box(n))),
            Err(_) => eprintln!("cpu_processes worker: not a number: {job}"),
        }
    }
}

/// Computes `fib(n)` `count` times with a pool of worker processes.
fn compute_all(work: &Work) -> io::Result<Vec<u64>> {
    let jobs = vec![work.n.to_string(); work.count];
    let results = Mutex::new(Vec::new());
    ProcessPool::start(pool::cores())?.map(&jobs, |answer| {
        results.lock().unwrap().extend(answer.parse::<u64>().ok());
    })?;
    Ok(results.into_inner().unwrap())
}

fn main() {
    if pool::is_worker() {
        return worker();
    }
    let work = Work::from_args();
    hint_if_debug("cpu_processes");
    let start = Instant::now();
    let results = compute_all(&work).unwrap_or_else(|e| {
        eprintln!("cpu_processes: the worker pool failed: {e}");
        std::process::exit(1)
    });
    let duration = start.elapsed().as_secs_f64();
    println_or_exit!(
        "fib({}) = {}, {} times",
        work.n,
        results.first().copied().unwrap_or(0),
        results.len()
    );
    println_or_exit!("Computed in {:.3} seconds", duration);
}
