//! I/O-bound lab, non-concurrent: the seed's "downloading content over the network", one download
//! after another.
//!
//! Watch for: each `Read 10240 bytes from ...` line about 50 ms after the one before, because every
//! download waits for the site's answer before the next one starts. 160 of them take about
//! 160 × 50 ms = 8 s: nearly all of it waiting, with the CPU idle. The other three I/O labs overlap
//! those waits.
//!
//! How Rust differs from the Python: `ureq` is a blocking client like `requests`; an `Agent` is a
//! `requests.Session`, keeping the connection open between downloads. With no URLs given, the lab
//! starts its own slow site on 127.0.0.1 (see `labs::site`), so no internet is needed.
//!
//! Try this: `cargo run --release -p io_non_concurrent -- --count 20`, then with 40: the time doubles.

use std::time::Instant;

use labs::println_or_exit;
use labs::site::Work;

fn download_site(agent: &ureq::Agent, url: &str) -> Result<(), ureq::Error> {
    let body = agent.get(url).call()?.body_mut().read_to_vec()?;
    println_or_exit!("Read {} bytes from {}", body.len(), url);
    Ok(())
}

/// Downloads every site in turn; returns how many failed.
fn download_all_sites(urls: &[String]) -> usize {
    let agent = ureq::Agent::new_with_defaults(); // one session for every download
    let failed = urls.iter().filter(|url| {
        download_site(&agent, url)
            .inspect_err(|e| report(url, e))
            .is_err()
    });
    failed.count()
}

fn report(url: &str, error: &ureq::Error) {
    eprintln!("io_non_concurrent: {url}: {error}");
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
