//! thread-add-random.py: "prints different results on different runs on Windows 7".
//!
//! Watch for: usually `200`, sometimes `199` or less. 100 threads each add 1 to a shared count, sleep
//! half a second, and add 1 again; when two threads read the same old value, one addition is lost.
//! In a debug build about one run in forty shows it on a two-core machine, so run it in a loop:
//! `for i in $(seq 100); do target/debug/thread_add_random; done | sort | uniq -c`. A `--release`
//! build narrows the gap between the read and the write so far that 200 runs here lost nothing:
//! the race is still there, just rarer. The "try this" below makes it show every time.
//!
//! How Rust differs from the Python:
//! - The book's version does not compile in Rust: threads may not share a plain mutable global, or
//!   borrow a mutable local, without synchronization. `src/lib.rs` shows both attempts as
//!   `compile_fail` tests. In safe Rust this data race is not a bug you can write.
//! - What you can still write is a *race condition*: an `AtomicU32` read with `load`, then written with
//!   a separate `store`. Each step is atomic, the pair is not, and another thread may store in between.
//!   That is Python's `count = count + 1`, which the GIL may interrupt between the read and the write.
//! - No GIL: the hundred threads really run two at a time on two cores, which is what makes the
//!   window between `load` and `store` dangerous here.
//!
//! Try this: put `thread::yield_now();` between the `load` and the `store`, offering the core to
//! another thread at the worst moment, as a GIL switch would. Now nearly every run loses dozens.
//! Then replace each pair with `COUNT.fetch_add(1, Relaxed)` (see thread_add_atomic): always 200.

use std::io::{self, Write};
use std::sync::atomic::{AtomicU32, Ordering::Relaxed};
use std::{thread, time::Duration};

/// `println!`, except that a closed stdout (`| head`) ends this process quietly instead of panicking.
macro_rules! println_or_exit {
    ($($arg:tt)*) => { if writeln!(io::stdout(), $($arg)*).is_err() { std::process::exit(0) } };
}

static COUNT: AtomicU32 = AtomicU32::new(0);

/// `count = count + 1`: a read, then a separate write.
fn add_one() {
    let count = COUNT.load(Relaxed);
    COUNT.store(count + 1, Relaxed); // another thread may have stored in between
}

fn adder() {
    add_one(); // update a shared name in global scope
    thread::sleep(Duration::from_millis(500)); // threads share object memory and global names
    add_one();
}

fn main() {
    let mut threads = Vec::new();
    for _ in 0..100 {
        let thread = thread::spawn(adder);
        threads.push(thread);
    }
    for thread in threads {
        thread.join().unwrap();
    }
    println_or_exit!("{}", COUNT.load(Relaxed));
}
