//! Example 5-6, thread-count.py: "start 5 copies of a function running in parallel".
//!
//! Watch for: every second, five lines, one per thread, in an order that changes from second to
//! second. After six seconds main prints `Main thread exiting.`; if it stopped sooner, the process
//! would end and take the threads' remaining lines with it.
//!
//! How Rust differs from the Python:
//! - The book's output tears: `[0] => 1[2] => 1` on one line, then an empty one. Here each line is
//!   written while holding the stdout lock, so lines never mix, though their order still varies.
//! - `thread::spawn` is `_thread.start_new_thread`; dropping its `JoinHandle` detaches the thread, and
//!   the `sleep(6)` is still what keeps main alive long enough. Joining the handles would be the
//!   honest fix (see thread_classes).
//! - No GIL: on a multicore machine these threads really run at the same time.
//!
//! Try this: change the main thread's sleep to 3 seconds and count how many lines survive.

use std::io::{self, Write};
use std::{thread, time::Duration};

/// `println!`, except that a closed stdout (`| head`) ends this process quietly instead of panicking.
macro_rules! println_or_exit {
    ($($arg:tt)*) => { if writeln!(io::stdout(), $($arg)*).is_err() { std::process::exit(0) } };
}

fn counter(my_id: u32, count: u32) {
    // function run in threads
    for i in 0..count {
        thread::sleep(Duration::from_secs(1)); // simulate real work
        println_or_exit!("[{}] => {}", my_id, i);
    }
}

fn main() {
    for i in 0..5 {
        // spawn 5 threads, each thread loops 5 times
        thread::spawn(move || counter(i, 5));
    }
    thread::sleep(Duration::from_secs(6)); // don't exit too early
    println_or_exit!("Main thread exiting.");
}
