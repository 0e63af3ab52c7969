//! thread-count-wait3.py: "passed in mutex object shared by all threads instead of globals; use with
//! context manager statement for auto acquire/release; sleep calls added to avoid busy loops and
//! simulate real work".
//!
//! Watch for: five threads at five paces. Thread 4 sleeps 1/5 s before each line and finishes first;
//! thread 0 sleeps a whole second and finishes last, about 5 s in. Main checks four times a second and
//! prints `Main thread exiting.` within a quarter second of the last line.
//!
//! How Rust differs from the Python:
//! - The stdout lock is an argument, not a global: an `Arc<Mutex<()>>` created in `main`, one clone per
//!   thread. The `Arc` is needed because a spawned thread may outlive `main`'s stack frame, so it must
//!   own its share of the lock rather than borrow it.
//! - The guard `_stdout` is Python's `with mutex:` block: the lock is released when the guard goes out
//!   of scope at the end of each turn of the loop.
//! - The exit locks stay global, as in the book, each guarding the `bool` its thread sets when done
//!   (a Rust `Mutex` has no `locked()` to poll).
//!
//! Try this: hold the guard across the sleep (move `let _stdout` above `thread::sleep`). The threads
//! now take turns sleeping, and the whole run slows down to the sum of their sleeps.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use std::{thread, time::Duration};

/// `println!`, except that a closed stdout (`| head`) ends this process quietly instead of panicking.
macro_rules! println_or_exit {
    ($($arg:tt)*) => { if writeln!(io::stdout(), $($arg)*).is_err() { std::process::exit(0) } };
}

const NUM_THREADS: usize = 5;
static EXIT_MUTEXES: [Mutex<bool>; NUM_THREADS] = [const { Mutex::new(false) }; NUM_THREADS];

fn counter(my_id: usize, count: u32, mutex: Arc<Mutex<()>>) {
    // shared object passed in
    for i in 0..count {
        thread::sleep(Duration::from_secs_f64(1.0 / (my_id + 1) as f64)); // diff fractions of second
        let _stdout = mutex.lock().unwrap(); // auto acquire/release: the guard is `with`
        println_or_exit!("[{}] => {}", my_id, i);
    }
    *EXIT_MUTEXES[my_id].lock().unwrap() = true; // global: signal main thread
}

fn main() {
    let stdout_mutex = Arc::new(Mutex::new(()));
    for i in 0..NUM_THREADS {
        let mutex = Arc::clone(&stdout_mutex);
        thread::spawn(move || counter(i, 5, mutex));
    }
    while !EXIT_MUTEXES.iter().all(|done| *done.lock().unwrap()) {
        thread::sleep(Duration::from_millis(250));
    }
    println_or_exit!("Main thread exiting.");
}
