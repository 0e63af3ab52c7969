//! Example 5-4, child.py: the program that `fork_exec` starts in each forked child.
//!
//! Watch for: run by `fork_exec`, the pid printed here is the pid `fork_exec` reported for its child,
//! because exec replaces the program but keeps the process. Run on its own
//! (`cargo run -p child -- 7`), it is just a program that prints its pid and argument.
//!
//! How Rust differs from the Python: `std::process::id()` is the portable `os.getpid()`, so this one
//! runs everywhere. A missing argument gets a usage line, not an `IndexError` traceback.
//!
//! Try this: `cargo run -p child -- 1 & cargo run -p child -- 2`: two processes, two pids.

use std::io::{self, Write};
use std::{env, process};

fn main() {
    let Some(parm) = env::args().nth(1) else {
        eprintln!("usage: child PARM   (fork_exec passes 1, 2, 3, ...)");
        process::exit(2);
    };
    // A closed stdout (`| head`) is not worth a panic: leave quietly.
    let _ = writeln!(io::stdout(), "Hello from child {} {}", process::id(), parm);
}
