//! Example 5-1, fork1.py: "forks child processes until you type 'q'".
//!
//! Watch for: each Enter forks one child. The parent reports its own pid and the child's; the child
//! prints that same pid from inside the copy. Which of the two lines comes first is up to the scheduler.
//!
//! How Rust differs from the Python:
//! - `fork` is `unsafe` in Rust: the child gets a copy of memory but only the calling thread, so a lock
//!   that another thread held stays locked forever in the copy. It is sound here because this program
//!   never starts a second thread, and the child only prints and leaves.
//! - The child leaves with `libc::_exit` (the book's `os._exit`): no flushing, no atexit handlers, and
//!   above all no return into the parent's loop. `nix` has no `_exit`, so it comes from `libc`.
//! - `println!` output is flushed at each newline, so nothing sits in a buffer for `fork` to copy and
//!   print twice.
//! - End of input counts as 'q', so `fork1 < /dev/null` forks once and stops instead of looping.
//!
//! Try this: delete the `_exit` line in `child`, so the child returns into `parent`, then run it and
//! press Enter a few times. Count the "parents": every child became one.

#[cfg(unix)]
use {
    nix::unistd::{ForkResult, fork, getpid},
    std::io::{self, Write},
};

/// `println!`, except that a closed stdout (`| head`) ends this process quietly instead of panicking.
#[cfg(unix)]
macro_rules! println_or_exit {
    ($($arg:tt)*) => { if writeln!(io::stdout(), $($arg)*).is_err() { std::process::exit(0) } };
}

#[cfg(unix)]
fn child() -> ! {
    println_or_exit!("Hello from child {}", getpid());
    // SAFETY: _exit ends this process at once; it touches no Rust state.
    unsafe { libc::_exit(0) } // else goes back to parent loop
}

#[cfg(unix)]
fn parent() {
    loop {
        // SAFETY: this program has a single thread, so the child's copy holds no lock that another
        // thread owned; the child only prints and calls _exit.
        match unsafe { fork() }.expect("fork failed") {
            ForkResult::Child => child(),
            ForkResult::Parent { child } => {
                println_or_exit!("Hello from parent {} {}", getpid(), child)
            }
        }
        if input() == "q" {
            break;
        }
    }
}

/// Python's `input()`: one line without its newline. End of input, or a read error, counts as 'q'.
#[cfg(unix)]
fn input() -> String {
    match io::stdin().lines().next() {
        Some(Ok(line)) => line,
        Some(Err(err)) => {
            eprintln!("fork1: cannot read input: {err}");
            "q".into()
        }
        None => "q".into(),
    }
}

#[cfg(unix)]
fn main() {
    parent();
}

#[cfg(not(unix))]
fn main() {
    eprintln!("fork1: fork is Unix-only; here, try threads instead: cargo run -p thread1");
    std::process::exit(1);
}
