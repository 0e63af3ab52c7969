//! I/O-bound lab, asynchronous: one task per download on a single-threaded async runtime, all in
//! flight together.
//!
//! Watch for: all 160 `Read` lines at once, about 50 ms after the start. One thread starts every
//! download, and while they all wait it has nothing to do; the whole run takes about one wait.
//!
//! How Rust differs from the Python:
//! - `#[tokio::main(flavor = "current_thread")]` is `asyncio.run`: one thread, and tasks that give
//!   up the thread at each `.await`, as the seed's table says ("the tasks decide when to give up
//!   control").
//! - `reqwest::Client` is `aiohttp.ClientSession`; a `JoinSet` of spawned tasks is
//!   `asyncio.gather`. Unlike aiohttp's default of 100 connections, reqwest sets no limit, so all 160
//!   go out in one wave.
//! - A Rust future does nothing until it is awaited or spawned: forgetting `tasks.spawn` would make
//!   the download silently never happen, and the compiler warns about an unused future.
//!
//! Try this: `.await` each download in the `for` loop instead of spawning it, and watch the time
//! become io_non_concurrent's.

use std::time::Instant;

use labs::println_or_exit;
use labs::site::Work;
use tokio::task::JoinSet;

async fn download_site(client: reqwest::Client, url: String) -> Result<(), reqwest::Error> {
    let body = client.get(&url).send().await?.error_for_status()?.bytes().await?;
    println_or_exit!("Read {} bytes from {}", body.len(), url);
    Ok(())
}

/// Starts every download at once and waits for them all; returns how many failed.
async fn download_all_sites(urls: &[String]) -> usize {
    let client = reqwest::Client::new(); // one session, shared by every task
    let mut tasks = JoinSet::new();
    for url in urls {
        let (client, url) = (client.clone(), url.clone());
        tasks.spawn(async move {
            download_site(client, url.clone())
                .await
                .inspect_err(|e| report(&url, e))
        });
    }
    let mut failed = 0;
    while let Some(done) = tasks.join_next().await {
        failed += usize::from(!matches!(done, Ok(Ok(()))));
    }
    failed
}

fn report(url: &str, error: &reqwest::Error) {
    eprintln!("io_async: {url}: {error}");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let work = Work::from_args(); // the slow site, if any, runs on a thread of its own
    let start = Instant::now();
    let failed = download_all_sites(&work.urls).await;
    let duration = start.elapsed().as_secs_f64();
    println_or_exit!(
        "Downloaded {} sites in {:.3} seconds",
        work.urls.len() - failed,
        duration
    );
    std::process::exit(if failed == 0 { 0 } else { 1 });
}
