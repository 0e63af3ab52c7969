//! What the book skipped: end of input and read errors end the loop; nothing runs away.

use std::process::{Command, Stdio};

#[test]
fn end_of_input_counts_as_q() {
    let out = Command::new(env!("CARGO_BIN_EXE_thread1"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(out.stderr, b"");
    // Thread 1 may or may not speak before main returns; no other thread is ever started.
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.is_empty() || stdout == "Hello from thread 1\n", "{stdout}");
}

#[cfg(unix)]
#[test]
fn a_read_error_ends_the_loop_with_a_message() {
    let stdin = std::fs::File::open("/").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_thread1"))
        .stdin(stdin)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .starts_with("thread1: cannot read input: ")
    );
}
