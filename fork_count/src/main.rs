//! Example 5-2, fork-count.py: "start 5 copies of this program running in parallel with the original;
//! each copy counts up to 5 on the same stdout stream".
//!
//! Watch for: the parent prints its five "spawned" lines and `Main process exiting.` at once, and your
//! prompt comes back. About a second later the five orphaned children start counting, once a second,
//! on the stdout they inherited. The parent need not wait; nobody reaps these children but init.
//!
//! How Rust differs from the Python:
//! - `fork` is `unsafe`: the child copies memory but only the calling thread. Sound here because the
//!   program is single-threaded when it forks; `thread::sleep` in the child starts no thread.
//! - Each child leaves with `libc::_exit(0)`, the book's `os._exit(0)`: without it the child would go
//!   back into the `for` loop and fork children of its own.
//! - `println!` flushes at every newline and locks stdout per line, so no line is printed twice by a
//!   fork and no two children's lines are mixed within a line.
//! - `cargo run -p fork_count | head -n 2` ends quietly: a write to the closed pipe ends that process.
//!
//! Try this: make each child sleep `i + 1` seconds instead of 1 (pass `i` to `counter`) and watch the
//! children drift apart.

#[cfg(unix)]
use {
    nix::unistd::{ForkResult, fork, getpid},
    std::io::{self, Write},
    std::{thread, time::Duration},
};

/// `println!`, except that a closed stdout (`| head`) ends this process quietly instead of panicking.
#[cfg(unix)]
macro_rules! println_or_exit {
    ($($arg:tt)*) => { if writeln!(io::stdout(), $($arg)*).is_err() { std::process::exit(0) } };
}

#[cfg(unix)]
fn counter(count: u32) {
    // run in new process
    for i in 0..count {
        thread::sleep(Duration::from_secs(1)); // simulate real work
        println_or_exit!("[{}] => {}", getpid(), i);
    }
}

#[cfg(unix)]
fn main() {
    for _ in 0..5 {
        // SAFETY: this program has a single thread, so the child's copy holds no lock that another
        // thread owned; the child only sleeps, prints and calls _exit.
        match unsafe { fork() }.expect("fork failed") {
            ForkResult::Parent { child } => println_or_exit!("Process {} spawned", child), // in parent: continue
            ForkResult::Child => {
                counter(5); // else in child/new process
                // SAFETY: _exit ends this process at once; it touches no Rust state.
                unsafe { libc::_exit(0) } // run function and exit
            }
        }
    }
    println_or_exit!("Main process exiting."); // parent need not wait
}

#[cfg(not(unix))]
fn main() {
    eprintln!("fork_count: fork is Unix-only; here, try threads instead: cargo run -p thread_count");
    std::process::exit(1);
}
