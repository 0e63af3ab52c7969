//! Example 5-5, thread1.py: "spawn threads until you type 'q'".
//!
//! Watch for: each Enter starts one thread, which prints its number and ends. Unlike fork1 there is
//! one process and one pid: threads share the process and its memory.
//!
//! How Rust differs from the Python:
//! - `thread::spawn` is the book's `_thread.start_new_thread`. Dropping the returned `JoinHandle`
//!   detaches the thread; when `main` returns, the process ends and takes unfinished threads with it,
//!   as `_thread` does.
//! - The closure owns `i` (`move`), so each thread gets its own number: the compiler rejects a closure
//!   that borrows a variable the loop goes on changing.
//! - No GIL: the threads can really run at the same time on different cores.
//! - End of input counts as 'q', so `thread1 < /dev/null` starts one thread and stops.
//!
//! Try this: type `q` as the very first input. Does "Hello from thread 1" always appear? The thread may
//! still be starting when `main` returns and the process ends.

use std::io::{self, Write};
use std::thread;

/// `println!`, except that a closed stdout (`| head`) ends this process quietly instead of panicking.
macro_rules! println_or_exit {
    ($($arg:tt)*) => { if writeln!(io::stdout(), $($arg)*).is_err() { std::process::exit(0) } };
}

fn child(tid: u32) {
    println_or_exit!("Hello from thread {}", tid);
}

fn parent() {
    let mut i = 0;
    loop {
        i += 1;
        thread::spawn(move || child(i));
        if input() == "q" {
            break;
        }
    }
}

/// Python's `input()`: one line without its newline. End of input, or a read error, counts as 'q'.
fn input() -> String {
    match io::stdin().lines().next() {
        Some(Ok(line)) => line,
        Some(Err(err)) => {
            eprintln!("thread1: cannot read input: {err}");
            "q".into()
        }
        None => "q".into(),
    }
}

fn main() {
    parent();
}
