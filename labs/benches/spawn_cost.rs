//! What starting concurrency costs: the seed's "threads are usually considered less expensive in
//! terms of performance overhead", measured. Run by `cargo xtask bench`, or on its own with
//! `cargo bench -p labs --bench spawn_cost`.

use std::process::Command;

fn main() {
    divan::main();
}

/// Start a thread that does nothing, and join it.
#[divan::bench]
fn thread_spawn_join() {
    std::thread::spawn(|| {}).join().unwrap();
}

/// Fork a child that leaves at once with `_exit`, and reap it.
#[cfg(unix)]
#[divan::bench]
fn fork_exit_waitpid() {
    use nix::sys::wait::waitpid;
    use nix::unistd::{ForkResult, fork};
    // SAFETY: divan may run other threads, but the child calls only _exit, which is
    // async-signal-safe: it touches no lock that another thread could have held at the fork.
    match unsafe { fork() }.expect("fork failed") {
        // SAFETY: _exit ends the child at once; it must not return into the benchmark.
        ForkResult::Child => unsafe { libc::_exit(0) },
        ForkResult::Parent { child } => drop(waitpid(child, None).expect("waitpid failed")),
    }
}

/// Start `/bin/true` (a fork and an exec, or a posix_spawn) and wait for it.
#[cfg(unix)]
#[divan::bench]
fn spawn_true_wait() {
    Command::new("/bin/true").status().expect("cannot run /bin/true");
}
