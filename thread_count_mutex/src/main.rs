//! thread-count-mutex.py: "synchronize access to stdout: because it is shared global, thread outputs
//! may be intermixed if not synchronized".
//!
//! Watch for: the same five counting threads as thread_count; each now prints while holding one lock
//! that all five share, so only one thread at a time is between `lock` and the end of its line.
//!
//! How Rust differs from the Python:
//! - Why the book needed the lock: Python's `print` could write a line's text and its newline
//!   separately, so thread-count.py printed `[0] => 1[2] => 1` on one line. Rust's `println!` already
//!   holds the stdout lock for the whole line, so here this lock changes nothing you can see. What it
//!   still buys is keeping several writes together: a line built from pieces, or a header and its rows.
//! - `Mutex<()>` is the book's `allocate_lock()`: a lock that guards no data. Idiomatic Rust puts the
//!   data inside the `Mutex`, so that the compiler lets nobody reach it without the lock.
//! - A `static` is the book's module-level global; `Mutex::new` is `const`, so it needs no set-up.
//! - `lock()` returns a guard that unlocks when it goes out of scope: there is no `release()` to
//!   forget, even if the print panics.
//!
//! Try this: print each line in two writes, `print!("[{}]", my_id)` then `println!(" => {}", i)`,
//! and delete the `lock()` line. Run it a few times: the pieces tear apart as in the book.

use std::io::{self, Write};
use std::sync::Mutex;
use std::{thread, time::Duration};

/// `println!`, except that a closed stdout (`| head`) ends this process quietly instead of panicking.
macro_rules! println_or_exit {
    ($($arg:tt)*) => { if writeln!(io::stdout(), $($arg)*).is_err() { std::process::exit(0) } };
}

static MUTEX: Mutex<()> = Mutex::new(()); // make a global lock object

fn counter(my_id: u32, count: u32) {
    // function run in threads
    for i in 0..count {
        thread::sleep(Duration::from_secs(1)); // simulate real work
        let _stdout = MUTEX.lock().unwrap();
        println_or_exit!("[{}] => {}", my_id, i); // print isn't interrupted now
    } // the guard unlocks here, each time round
}

fn main() {
    for i in 0..5 {
        // spawn 5 threads, each thread loops 5 times
        thread::spawn(move || counter(i, 5));
    }
    thread::sleep(Duration::from_secs(6));
    println_or_exit!("Main thread exiting."); // don't exit too early
}
