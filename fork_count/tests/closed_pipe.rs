//! `cargo run -p fork_count | head -n 2` ends quietly: no panic text from any process.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

#[test]
fn a_closed_stdout_ends_every_process_quietly() {
    let mut program = Command::new(env!("CARGO_BIN_EXE_fork_count"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Like `head -n 2`: read two lines, then close the pipe.
    let mut stdout = BufReader::new(program.stdout.take().unwrap());
    let mut line = String::new();
    for _ in 0..2 {
        stdout.read_line(&mut line).unwrap();
    }
    drop(stdout);
    // Every child holds stderr until it ends; each ends at its first write to the closed pipe.
    let mut stderr = String::new();
    program
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(stderr, "", "no process may complain");
    assert!(line.starts_with("Process "), "{line}");
    program.wait().unwrap();
}
