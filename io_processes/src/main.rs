//! I/O-bound lab, process-based: a pool of worker processes, one per core, each with its own HTTP
//! client, reporting back to the parent.
//!
//! Watch for: `Read` lines arriving in as many streams as you have cores. Each process downloads in
//! turn, so 160 downloads on 2 cores take about 80 waits of 50 ms: better than one process, worse
//! than 5 threads, far worse than async. Processes pay off for CPU-bound work, not for waiting.
//!
//! How Rust differs from the Python:
//! - The workers are this same program started again with `--worker` (`labs::pool`), as
//!   multiprocessing's "spawn" start method does, not forked copies. By the time the pool starts this
//!   process already runs the slow site's thread and async runtime, and a forked child would get a
//!   copy of their memory, locks held, without the threads that would release them. Re-executing
//!   starts each worker clean, and works on Windows too.
//! - The parent deals the URLs out on the workers' stdin, like `Pool.map`'s chunks; each worker
//!   answers `<bytes> <url>` on its stdout, and the parent prints the `Read` lines. Every worker is
//!   reaped, and killed first if anything fails.
//!
//! Try this: run `ps -o pid,ppid,cmd -C io_processes` in another terminal during a run.

use std::io;
use std::time::Instant;

use labs::pool::{self, ProcessPool};
use labs::println_or_exit;
use labs::site::Work;

/// A worker: downloads each URL read from stdin with its own client, answers `<bytes> <url>`.
fn worker() {
    let agent = ureq::Agent::new_with_defaults();
    for url in io::stdin().lines().map_while(Result::ok) {
        match agent
            .get(&url)
            .call()
            .and_then(|mut answer| answer.body_mut().read_to_vec())
        {
            Ok(body) => println_or_exit!("{} {}", body.len(), url),
            Err(error) => eprintln!("io_processes: {url}: {error}"),
        }
    }
}

/// Downloads every site with a pool of worker processes; returns how many failed.
fn download_all_sites(urls: &[String]) -> io::Result<usize> {
    let workers = ProcessPool::start(pool::cores())?;
    let downloaded = workers.map(urls, |answer| {
        let (bytes, url) = answer.split_once(' ').unwrap_or(("?", answer));
        println_or_exit!("Read {} bytes from {}", bytes, url);
    })?;
    Ok(urls.len() - downloaded)
}

fn main() {
    if pool::is_worker() {
        return worker();
    }
    let work = Work::from_args();
    let start = Instant::now();
    let failed = download_all_sites(&work.urls).unwrap_or_else(|e| {
        eprintln!("io_processes: the worker pool failed: {e}");
        work.urls.len()
    });
    let duration = start.elapsed().as_secs_f64();
    println_or_exit!(
        "Downloaded {} sites in {:.3} seconds",
        work.urls.len() - failed,
        duration
    );
    std::process::exit(if failed == 0 { 0 } else { 1 });
}
