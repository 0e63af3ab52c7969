//! thread-add-synch.py: "prints 200 each time, because shared resource access synchronized".
//!
//! Watch for: `200`, every run, after about half a second.
//!
//! How Rust differs from the Python:
//! - The book keeps `count` in a global and a separate lock beside it, and trusts every thread to take
//!   the lock first. Here the lock owns the count: `Mutex<u32>`. The only way to reach the number is
//!   through `lock()`, so an unsynchronized update cannot be written by mistake.
//! - `*count.lock().unwrap() += 1` is the book's `with addlock: count = count + 1`: the guard lives to
//!   the end of the statement, then unlocks.
//! - The `Arc` shares the one `Mutex` among 100 threads that may outlive `main`'s frame.
//!
//! Try this: hold one guard across the sleep (`let mut n = count.lock().unwrap();`, then sleep, then
//! `*n += 1` twice). Still 200, but the threads now take turns and the run takes 50 s.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use std::{thread, time::Duration};

/// `println!`, except that a closed stdout (`| head`) ends this process quietly instead of panicking.
macro_rules! println_or_exit {
    ($($arg:tt)*) => { if writeln!(io::stdout(), $($arg)*).is_err() { std::process::exit(0) } };
}

fn adder(count: Arc<Mutex<u32>>) {
    // shared lock object passed in
    *count.lock().unwrap() += 1; // auto acquire/release around stmt
    thread::sleep(Duration::from_millis(500));
    *count.lock().unwrap() += 1; // only 1 thread updating at once
}

fn main() {
    let count = Arc::new(Mutex::new(0));
    let mut threads = Vec::new();
    for _ in 0..100 {
        let count = Arc::clone(&count);
        threads.push(thread::spawn(move || adder(count)));
    }
    for thread in threads {
        thread.join().unwrap();
    }
    println_or_exit!("{}", count.lock().unwrap());
}
