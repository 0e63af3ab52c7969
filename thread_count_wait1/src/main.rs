//! thread-count-wait1.py: "uses mutexes to know when threads are done in parent/main thread, instead
//! of time.sleep; lock stdout to avoid comingled prints".
//!
//! Watch for: 1,000 lines, ten threads counting to 99 in bursts, and `Main thread exiting.` last,
//! printed as soon as the tenth thread has signalled, with no guessed sleep.
//!
//! How Rust differs from the Python:
//! - Each thread signals through its own exit lock, as in the book, but differently: the book's thread
//!   acquires its lock and never releases it, and main polls `locked()`. A Rust `Mutex` has no
//!   `locked()`, and a guard unlocks when the thread ends, so here each exit lock guards a `bool` that
//!   the thread sets to `true`, and main polls that.
//! - `[const { Mutex::new(false) }; 10]` builds the ten locks at compile time, like the book's list.
//! - Main busy-waits, spinning on the lock until each thread is done; so does the book. It burns a core
//!   meanwhile: thread_count_wait3 sleeps between polls, and `JoinHandle::join` (thread_classes) is
//!   the real answer.
//!
//! Try this: count how many times main spins before the first thread is done (a counter in the
//! `while` loop), then run it again with `thread::yield_now()` in the loop.

use std::io::{self, Write};
use std::sync::Mutex;
use std::thread;

/// `println!`, except that a closed stdout (`| head`) ends this process quietly instead of panicking.
macro_rules! println_or_exit {
    ($($arg:tt)*) => { if writeln!(io::stdout(), $($arg)*).is_err() { std::process::exit(0) } };
}

static STDOUT_MUTEX: Mutex<()> = Mutex::new(());
static EXIT_MUTEXES: [Mutex<bool>; 10] = [const { Mutex::new(false) }; 10];

fn counter(my_id: usize, count: u32) {
    for i in 0..count {
        let _stdout = STDOUT_MUTEX.lock().unwrap();
        println_or_exit!("[{}] => {}", my_id, i);
    }
    *EXIT_MUTEXES[my_id].lock().unwrap() = true; // signal main thread
}

fn main() {
    for i in 0..10 {
        thread::spawn(move || counter(i, 100));
    }
    for mutex in &EXIT_MUTEXES {
        while !*mutex.lock().unwrap() {} // busy-wait until this thread is done
    }
    println_or_exit!("Main thread exiting.");
}
