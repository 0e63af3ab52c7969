//! `cargo run -p thread_count | head -n 1` ends quietly, without waiting out main's six seconds.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn a_closed_stdout_ends_the_program_quietly() {
    let started = Instant::now();
    let mut program = Command::new(env!("CARGO_BIN_EXE_thread_count"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(program.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let mut stderr = String::new();
    program
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = program.wait().unwrap();
    assert_eq!(stderr, "", "no panic text");
    assert!(status.success(), "{status}");
    assert!(line.ends_with("=> 0\n"), "{line}");
    // The next thread's write fails at about 1 s; main's sleep(6) is not waited out.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}
