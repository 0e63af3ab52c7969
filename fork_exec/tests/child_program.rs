//! What the book skipped: end of input ends the loop, and a missing `child` gets a clear message.
#![cfg(unix)]

use std::process::{Command, Stdio};

#[test]
fn end_of_input_counts_as_q() {
    let out = Command::new(env!("CARGO_BIN_EXE_fork_exec"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("Child is ")).count(),
        1,
        "{stdout}"
    );
}

#[test]
fn a_missing_child_program_is_named_with_the_command_that_builds_it() {
    // A copy of fork_exec in a folder with no `child` beside it.
    let dir = std::env::temp_dir().join(format!("fork_exec-alone-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let lonely = dir.join("fork_exec");
    std::fs::copy(env!("CARGO_BIN_EXE_fork_exec"), &lonely).unwrap();
    let out = Command::new(&lonely).stdin(Stdio::null()).output().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();

    // The parent carries on as the book's does; the forked child explains and exits.
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("Child is ")).count(),
        1,
        "{stdout}"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    let wanted = format!("fork_exec: cannot run {}: ", dir.join("child").display());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with(&wanted), "{stderr}");
    assert!(
        stderr.trim_end().ends_with("build it with: cargo build -p child"),
        "{stderr}"
    );
}
