//! I/O-bound lab, multi-threaded: a pool of 5 threads, each with its own HTTP client, shares the
//! downloads.
//!
//! Watch for: `Read` lines arriving five at a time, in an order that changes between runs. Five
//! downloads wait at once, so 160 take about 160 / 5 = 32 waits of 50 ms: about 1.6 s instead of 8.
//!
//! How Rust differs from the Python:
//! - The Python uses `ThreadPoolExecutor(max_workers=5)` and a thread-local `requests.Session`. Here
//!   five scoped threads (`thread::scope`, which joins them all before it returns) take the next URL
//!   from a shared iterator, and each creates its own `ureq::Agent`.
//! - The iterator's lock is held only to take one URL: `let url = next_url.lock()...next();` ends
//!   the statement, and with it the guard, before the download starts.
//! - Threads help I/O-bound work in Python too, since waiting releases the GIL. In Rust they would
//!   help CPU-bound work as well (see cpu_threads).
//!
//! Try this: change `THREADS` to 10, then to 160, and compare the times.

use std::sync::Mutex;
use std::thread;
use std::time::Instant;

use labs::println_or_exit;
use labs::site::Work;

const THREADS: usize = 5;

fn download_site(agent: &ureq::Agent, url: &str) -> Result<(), ureq::Error> {
    let body = agent.get(url).call()?.body_mut().read_to_vec()?;
    println_or_exit!("Read {} bytes from {}", body.len(), url);
    Ok(())
}

/// Downloads every site with a pool of threads; returns how many failed.
fn download_all_sites(urls: &[String]) -> usize {
    let next_url = Mutex::new(urls.iter());
    thread::scope(|pool| {
        let workers: Vec<_> = (0..THREADS)
            .map(|_| {
                pool.spawn(|| {
                    let agent = ureq::Agent::new_with_defaults(); // each thread's own session
                    let mut failed = 0;
                    loop {
                        let url = next_url.lock().unwrap().next();
                        let Some(url) = url else { return failed };
                        failed += usize::from(
                            download_site(&agent, url)
                                .inspect_err(|e| report(url, e))
                                .is_err(),
                        );
                    }
                })
            })
            .collect();
        workers.into_iter().map(|worker| worker.join().unwrap()).sum()
    })
}

fn report(url: &str, error: &ureq::Error) {
    eprintln!("io_threads: {url}: {error}");
}

fn main() {
    let work = Work::from_args();
    let start = Instant::now();
    let failed = download_all_sites(&work.urls);
    let duration = start.elapsed().as_secs_f64();
    println_or_exit!(
        "Downloaded {} sites in {:.3} seconds",
        work.urls.len() - failed,
        duration
    );
    std::process::exit(if failed == 0 { 0 } else { 1 });
}
