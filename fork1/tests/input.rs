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

#[test]
fn end_of_input_counts_as_q() {
    let (stdout, stderr, ok) = run(Stdio::null());
    assert!(ok);
    assert_eq!(stderr, "");
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("Hello from parent"))
            .count(),
        1,
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .filter(|l| l.starts_with("Hello from child"))
            .count()
            <= 1,
        "{stdout}"
    );
}

#[test]
fn a_read_error_ends_the_loop_with_a_message() {
    // Reading a directory fails with EISDIR.
    let (stdout, stderr, ok) = run(std::fs::File::open("/").unwrap().into());
    assert!(ok);
    assert!(stderr.starts_with("fork1: cannot read input: "), "{stderr}");
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("Hello from parent"))
            .count(),
        1,
        "{stdout}"
    );
}
