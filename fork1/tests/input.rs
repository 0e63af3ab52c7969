//! What the book skipped: end of input and read errors end the loop; nothing runs away.
#![cfg(unix)]

use std::process::{Command, Stdio};

fn run(stdin: Stdio) -> (String, String, bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_fork1"))
        .stdin(stdin)
        .output()
        .unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (text(out.stdout), text(out.stderr), out.status.success())
}

/// How many lines of `stdout` start with `prefix`.
fn count(stdout: &str, prefix: &str) -> usize {
    stdout.lines().filter(|l| l.starts_with(prefix)).count()
}

#[test]
fn end_of_input_counts_as_q() {
    let (stdout, stderr, ok) = run(Stdio::null());
    assert!(ok);
    assert_eq!(stderr, "");
    assert_eq!(count(&stdout, "Hello from parent"), 1, "{stdout}");
    assert!(count(&stdout, "Hello from child") <= 1, "{stdout}");
}

#[test]
fn a_read_error_ends_the_loop_with_a_message() {
    // Reading a directory fails with EISDIR.
    let (stdout, stderr, ok) = run(std::fs::File::open("/").unwrap().into());
    assert!(ok);
    assert!(stderr.starts_with("fork1: cannot read input: "), "{stderr}");
    assert_eq!(count(&stdout, "Hello from parent"), 1, "{stdout}");
}
