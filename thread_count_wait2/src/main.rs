//! thread-count-wait2.py: "uses simple shared global data (not mutexes) to know when threads are done
//! in parent/main thread".
//!
//! Watch for: the same 1,000 lines as thread_count_wait1 and `Main thread exiting.` last; only the
//! way the threads say "done" has changed.
//!
//! How Rust differs from the Python:
//! - The book's `exitmutexes = [False] * 10` is a plain list that the GIL keeps consistent. In Rust a
//!   plain `static mut [bool; 10]` written by one thread and read by another is a data race: undefined
//!   behaviour, and the compiler will not accept it without `unsafe`. Atomic booleans are the sound
//!   version of the same idea, with no lock.
//! - `store(true, Release)` in the thread and `load(Acquire)` in main pair up: once main sees `true`,
//!   everything that thread did before the store, its prints included, has happened.
//! - Main busy-waits, as in the book, so one core spins until the last thread is done.
//!
//! Try this: make the loads and the store `Ordering::Relaxed`. It still works on x86, whose hardware
//! orders these for you; on ARM, nothing would promise it.

use std::io::{self, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

/// `println!`, except that a closed stdout (`| head`) ends this process quietly instead of panicking.
macro_rules! println_or_exit {
    ($($arg:tt)*) => { if writeln!(io::stdout(), $($arg)*).is_err() { std::process::exit(0) } };
}

static STDOUT_MUTEX: Mutex<()> = Mutex::new(());
static EXIT_FLAGS: [AtomicBool; 10] = [const { AtomicBool::new(false) }; 10];

fn counter(my_id: usize, count: u32) {
    for i in 0..count {
        let _stdout = STDOUT_MUTEX.lock().unwrap();
        println_or_exit!("[{}] => {}", my_id, i);
    }
    EXIT_FLAGS[my_id].store(true, Ordering::Release); // signal main thread
}

fn main() {
    for i in 0..10 {
        thread::spawn(move || counter(i, 100));
    }
    while EXIT_FLAGS.iter().any(|done| !done.load(Ordering::Acquire)) {} // busy-wait
    println_or_exit!("Main thread exiting.");
}
