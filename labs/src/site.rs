//! The I/O labs' "slow site": a real HTTP server on 127.0.0.1 that answers every GET after a fixed
//! delay with a 10 KiB body, so the labs have something slow to download and need no internet.
//!
//! It runs on its own thread with its own async runtime (hyper on tokio), so it serves hundreds of
//! connections at once, and it stops when the [`Site`] is dropped. Only the labs' own code is timed.

use std::convert::Infallible;
use std::sync::mpsc;
use std::thread::{self, JoinHandle};
use std::time::Duration;
use std::{env, io, process};

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// How long the site waits before it answers each request.
pub const DELAY: Duration = Duration::from_millis(50);
/// How many bytes each answer carries.
pub const BODY_LEN: usize = 10 * 1024;

static BODY: [u8; BODY_LEN] = [b'.'; BODY_LEN];

/// A running slow site; dropping it stops the server and joins its thread.
pub struct Site {
    base: String,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Site {
    /// Starts a site on an ephemeral port of 127.0.0.1 (loopback only).
    pub fn start(delay: Duration) -> io::Result<Site> {
        let (bound, address) = mpsc::channel();
        let (stop, stopped) = oneshot::channel();
        let thread = thread::Builder::new().name("slow-site".into()).spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
            match runtime {
                Ok(runtime) => runtime.block_on(serve(delay, bound, stopped)),
                Err(e) => drop(bound.send(Err(e))),
            }
        })?;
        let port = address
            .recv()
            .map_err(|_| io::Error::other("the site's thread ended early"))??;
        Ok(Site {
            base: format!("http://127.0.0.1:{port}"),
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Where it serves, such as `http://127.0.0.1:40123`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The address of download number `i` (from 1) on this site.
    pub fn url(&self, i: usize) -> String {
        format!("{}/{i}", self.base)
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn serve(delay: Duration, bound: mpsc::Sender<io::Result<u16>>, mut stop: oneshot::Receiver<()>) {
    // tokio's listener has a backlog of 1,024, so 160 clients connecting at once all get in.
    let listener = match TcpListener::bind(("127.0.0.1", 0)).await {
        Ok(listener) => listener,
        Err(e) => return drop(bound.send(Err(e))),
    };
    let _ = bound.send(listener.local_addr().map(|a| a.port()));
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                tokio::spawn(async move {
                    let answer = service_fn(move |_: Request<hyper::body::Incoming>| async move {
                        tokio::time::sleep(delay).await;
                        Ok::<_, Infallible>(Response::new(Full::new(Bytes::from_static(&BODY))))
                    });
                    let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), answer).await;
                });
            }
            _ = &mut stop => break,
        }
    }
}

/// What an I/O lab downloads: the URLs given on its command line, or `--count N` (default 160)
/// downloads from a slow site started here. Keep the `Work` alive until the downloads are done.
pub struct Work {
    pub urls: Vec<String>,
    pub site: Option<Site>,
}

impl Work {
    /// Reads the lab's arguments; on a bad one, prints usage and exits.
    pub fn from_args() -> Work {
        let program = env::args().next().unwrap_or_default();
        let usage = || -> ! {
            eprintln!(
                "usage: {program} [--count N] [URL...]   (default: {} downloads from a local slow site)",
                crate::DOWNLOADS
            );
            process::exit(2)
        };
        let (mut count, mut urls) = (crate::DOWNLOADS, Vec::new());
        let mut args = env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--count" => {
                    count = args
                        .next()
                        .and_then(|n| n.parse().ok())
                        .unwrap_or_else(|| usage())
                }
                "-h" | "--help" => usage(),
                url if url.starts_with("http://") || url.starts_with("https://") => urls.push(arg),
                _ => usage(),
            }
        }
        if !urls.is_empty() {
            return Work { urls, site: None };
        }
        let site = Site::start(DELAY).unwrap_or_else(|e| {
            eprintln!("{program}: cannot start the local site: {e}");
            process::exit(1)
        });
        Work {
            urls: (1..=count).map(|i| site.url(i)).collect(),
            site: Some(site),
        }
    }
}
