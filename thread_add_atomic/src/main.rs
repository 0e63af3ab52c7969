//! Beyond the book: thread-add-synch.py's 100 threads, made exact with an atomic instead of a lock.
//!
//! Watch for: `200`, every run, after about half a second, like thread_add_synch.
//!
//! How Rust differs from the Python:
//! - `fetch_add` reads, adds and writes back in one indivisible step done by the processor itself
//!   (`lock xadd` on x86). No update can be lost, and no thread ever waits for a lock.
//! - Compare thread_add_random, which uses the same `AtomicU32` but as a separate `load` and `store`:
//!   each step is atomic, the pair is not, so updates are lost. Atomic operations make single steps
//!   safe; a lock (thread_add_synch) makes a group of steps safe.
//! - `Relaxed` is enough for a counter read after `join`: `join` itself makes every thread's work
//!   visible to main.
//!
//! Try this: make it 1,000 threads and compare the time with thread_add_synch at 1,000.

use std::io::{self, Write};
use std::sync::atomic::{AtomicU32, Ordering::Relaxed};
use std::{thread, time::Duration};

/// `println!`, except that a closed stdout (`| head`) ends this process quietly instead of panicking.
macro_rules! println_or_exit {
    ($($arg:tt)*) => { if writeln!(io::stdout(), $($arg)*).is_err() { std::process::exit(0) } };
}

static COUNT: AtomicU32 = AtomicU32::new(0);

fn adder() {
    COUNT.fetch_add(1, Relaxed); // one indivisible read-add-write
    thread::sleep(Duration::from_millis(500));
    COUNT.fetch_add(1, Relaxed);
}

fn main() {
    let mut threads = Vec::new();
    for _ in 0..100 {
        threads.push(thread::spawn(adder));
    }
    for thread in threads {
        thread.join().unwrap();
    }
    println_or_exit!("{}", COUNT.load(Relaxed));
}
