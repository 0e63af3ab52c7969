//! Example 5-3, fork-exec.py: "starts programs until you type 'q'".
//!
//! Watch for: `Child is <pid>` from the parent, then `Hello from child <pid> <parm>` from the new
//! program, with the same pid. exec does not make a new process: it replaces the program running in
//! the forked one, so the pid stays. Each Enter adds one to parm.
//!
//! How Rust differs from the Python:
//! - The book execs `python child.py`; here the child execs the `child` binary that Cargo built next
//!   to this one (`cargo build --workspace` builds both). If it is missing, the forked child says which
//!   path it tried and how to build it, then leaves with `_exit(127)` (the shell's "command not found"),
//!   where the book's `assert False` would raise in the child.
//! - `fork` is `unsafe`: the child copies memory but only the calling thread. Sound here because the
//!   program is single-threaded, and the exec arguments are built before forking, so the child only
//!   calls `execvp` and, if that fails, prints one line and calls `_exit`.
//! - `execvp` returns only on failure; its type, `Result<Infallible>`, says so.
//! - End of input counts as 'q', so `fork_exec < /dev/null` starts one child and stops.
//!
//! Try this: run `ps -o pid,ppid,cmd` from another terminal while this waits for Enter. The children
//! have already exited; replace `child` with `/bin/sleep` and parm with "30" to catch them alive.

#[cfg(unix)]
use {
    nix::unistd::{ForkResult, execvp, fork},
    std::ffi::CString,
    std::io::{self, Write},
    std::os::unix::ffi::OsStrExt,
    std::path::PathBuf,
};

/// `println!`, except that a closed stdout (`| head`) ends this process quietly instead of panicking.
#[cfg(unix)]
macro_rules! println_or_exit {
    ($($arg:tt)*) => { if writeln!(io::stdout(), $($arg)*).is_err() { std::process::exit(0) } };
}

#[cfg(unix)]
fn main() {
    let program = child_program();
    let path = CString::new(program.as_os_str().as_bytes()).expect("no NUL byte in a path");
    let mut parm = 0;
    loop {
        parm += 1;
        let args = [path.clone(), CString::new(parm.to_string()).unwrap()];
        // SAFETY: this program has a single thread, so the child's copy holds no lock that another
        // thread owned; the child only calls execvp, and on failure prints one line and calls _exit.
        match unsafe { fork() }.expect("fork failed") {
            ForkResult::Child => {
                // copy process
                let Err(err) = execvp(&path, &args); // overlay program
                eprintln!(
                    "fork_exec: cannot run {}: {err}; build it with: cargo build -p child",
                    program.display()
                ); // shouldn't return
                // SAFETY: _exit ends this process at once; it must never return into the loop.
                unsafe { libc::_exit(127) }
            }
            ForkResult::Parent { child } => println_or_exit!("Child is {}", child),
        }
        if input() == "q" {
            break;
        }
    }
}

/// The `child` program Cargo built beside this one (same profile: debug or release).
#[cfg(unix)]
fn child_program() -> PathBuf {
    let me = std::env::current_exe().expect("cannot locate this program");
    me.with_file_name(format!("child{}", std::env::consts::EXE_SUFFIX))
}

/// Python's `input()`: one line without its newline. End of input, or a read error, counts as 'q'.
#[cfg(unix)]
fn input() -> String {
    match io::stdin().lines().next() {
        Some(Ok(line)) => line,
        Some(Err(err)) => {
            eprintln!("fork_exec: cannot read input: {err}");
            "q".into()
        }
        None => "q".into(),
    }
}

#[cfg(not(unix))]
fn main() {
    eprintln!("fork_exec: fork is Unix-only; here, start a program with std::process::Command instead");
    std::process::exit(1);
}
