//! Snapshot files: what a student reads, and what verify checks against.
//!
//! ```text
//! $ cargo run -p fork1
//! Hello from parent <PARENT> <CHILD1>
//! Hello from child <CHILD1>
//! >
//! Hello from parent <PARENT> <CHILD2>
//! Hello from child <CHILD2>
//! > q
//! ```
//!
//! The first line is the command; a line starting with `>` is a line verify typed (`>` alone is a
//! bare Enter); every other line is expected output. Pids are named: `<PARENT>` is the process that
//! verify started (`<PID>` when it has no children), `<CHILD1>`, `<CHILD2>`, ... the others, in the
//! order the main process first mentions them.
//!
//! A run is written out in one canonical order, so that blessing an unchanged program twice gives the
//! same file: between two typed lines, the main speaker's lines come first, then the other speakers'
//! taking turns (`[<CHILD1>] => 0`, `[<CHILD2>] => 0`, ...), then any `last` line.

use std::collections::HashMap;

use crate::catalogue::Program;
use crate::runner::{Event, Run};
use crate::shape::{Hole, Source};

const TYPED: char = '>';

#[derive(Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub command_line: String,
    pub typed: Vec<String>,
    /// The expected output lines, typed lines left out.
    pub output: Vec<String>,
}

pub fn parse(text: &str) -> Snapshot {
    let mut lines = text.lines();
    let command_line = lines.next().unwrap_or_default().to_string();
    let (mut typed, mut output) = (Vec::new(), Vec::new());
    for line in lines {
        match line.strip_prefix(TYPED) {
            Some(input) => typed.push(input.strip_prefix(' ').unwrap_or(input).to_string()),
            None => output.push(line.to_string()),
        }
    }
    Snapshot {
        command_line,
        typed,
        output,
    }
}

/// Whether the snapshot still describes how the catalogue runs the program.
pub fn check_header(program: &Program, snapshot: &Snapshot) -> Result<(), String> {
    let typed = program.stdin.as_deref().unwrap_or_default();
    if snapshot.command_line != program.command_line() || snapshot.typed != typed {
        return Err(format!(
            "the snapshot's command or typed lines differ from the catalogue's: run `cargo xtask bless {}`",
            program.name
        ));
    }
    Ok(())
}

/// The run written as a snapshot, in canonical order.
pub fn render(program: &Program, run: &Run) -> String {
    let mut segments = vec![Vec::new()];
    let mut typed = Vec::new();
    for (_, event) in &run.events {
        match event {
            Event::Stdout(line) => segments.last_mut().expect("one").push(line.as_str()),
            Event::Typed(line) => {
                typed.push(line.as_str());
                segments.push(Vec::new());
            }
            Event::Stderr(_) => {}
        }
    }
    let names = pid_names(program, run);
    let mut text = program.command_line() + "\n";
    for (i, segment) in segments.iter().enumerate() {
        for line in canonical_order(program, segment, &names) {
            text.push_str(&line);
            text.push('\n');
        }
        if let Some(input) = typed.get(i) {
            text.push(TYPED);
            if !input.is_empty() {
                text.push(' ');
                text.push_str(input);
            }
            text.push('\n');
        }
    }
    text
}

/// `<PARENT>` (or `<PID>`) for the started process, `<CHILD1>`, ... for the others, numbered in the
/// order the main speaker mentions them, then in the order they first appear.
fn pid_names(program: &Program, run: &Run) -> HashMap<String, String> {
    let shapes = &program.lines;
    let said: Vec<_> = run
        .stdout()
        .filter_map(|line| shapes.read(line, Source::Output))
        .collect();
    let main_first = said.iter().filter(|s| shapes.speaker(s).is_none()).chain(&said);
    let mut pids: Vec<&str> = Vec::new();
    for s in main_first {
        let holes = shapes.shape(s).holes();
        for (hole, token) in holes.zip(&s.tokens) {
            if *hole == Hole::Pid && !pids.contains(&token.as_str()) {
                pids.push(token);
            }
        }
    }
    let parent = run.pid.to_string();
    let children: Vec<&str> = pids.into_iter().filter(|pid| *pid != parent).collect();
    let parent_name = if children.is_empty() { "PID" } else { "PARENT" };
    let mut names: HashMap<String, String> = children
        .iter()
        .enumerate()
        .map(|(i, pid)| (pid.to_string(), format!("CHILD{}", i + 1)))
        .collect();
    names.insert(parent, parent_name.to_string());
    names
}

/// One stretch of output between typed lines: main's lines, then the speakers taking turns, then
/// `last` lines. A line with no shape stays as it is, with main's lines, so a diff shows it.
fn canonical_order(program: &Program, lines: &[&str], names: &HashMap<String, String>) -> Vec<String> {
    let shapes = &program.lines;
    let (mut main, mut last) = (Vec::new(), Vec::new());
    let mut speakers: Vec<(String, Vec<String>)> = Vec::new();
    for line in lines {
        let Some(said) = shapes.read(line, Source::Output) else {
            main.push(line.to_string());
            continue;
        };
        let rendered = shapes.shape(&said).render(&said.tokens, |pid| names[pid].clone());
        match shapes.speaker(&said) {
            _ if shapes.is_last(&said) => last.push(rendered),
            None => main.push(rendered),
            Some(key) => {
                let key = match shapes.shape(&said).speaker_is_pid() {
                    true => format!("<{}>", names[key]),
                    false => key.to_string(),
                };
                match speakers.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, said)) => said.push(rendered),
                    None => speakers.push((key, vec![rendered])),
                }
            }
        }
    }
    speakers.sort_by_cached_key(|(key, _)| natural_key(key));
    let turns = speakers.iter().map(|(_, lines)| lines.len()).max().unwrap_or(0);
    for turn in 0..turns {
        main.extend(speakers.iter().filter_map(|(_, lines)| lines.get(turn).cloned()));
    }
    main.extend(last);
    main
}

/// Orders `<CHILD2>` before `<CHILD10>` and `2` before `10`.
fn natural_key(key: &str) -> (String, u64, String) {
    let digits = key.find(|c: char| c.is_ascii_digit()).unwrap_or(key.len());
    let number_end = key[digits..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(key.len(), |n| digits + n);
    let number = key[digits..number_end].parse().unwrap_or(0);
    (key[..digits].to_string(), number, key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shape::LineShapes;
    use std::path::PathBuf;
    use std::time::Duration;

    pub fn program(lines: &[&str], last: Option<&str>, stdin: Option<&[&str]>) -> Program {
        let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        Program {
            name: "demo".into(),
            dir: PathBuf::from("demo"),
            order: 1,
            listing: "Example 0-0".into(),
            shows: "a test".into(),
            args: vec![],
            stdin: stdin.map(|s| s.iter().map(|l| l.to_string()).collect()),
            time_limit: Duration::from_secs(1),
            alone: false,
            lines: LineShapes::new(&lines, last).unwrap(),
        }
    }

    fn run(pid: u32, events: &[&str]) -> Run {
        let events = events
            .iter()
            .map(|e| match e.strip_prefix("> ") {
                Some(typed) => (Duration::ZERO, Event::Typed(typed.to_string())),
                None => (Duration::ZERO, Event::Stdout(e.to_string())),
            })
            .collect();
        Run {
            pid,
            events,
            status: None,
            timed_out: false,
            elapsed: Duration::ZERO,
        }
    }

    #[test]
    fn renders_fork_count_like_the_book() {
        let program = program(
            &[
                "Process {pid} spawned",
                "Main process exiting.",
                "[{by pid}] => {n}",
            ],
            None,
            None,
        );
        let run = run(
            100,
            &[
                "Process 102 spawned",
                "Process 101 spawned",
                "Main process exiting.",
                "[101] => 0",
                "[102] => 0",
                "[102] => 1",
                "[101] => 1",
            ],
        );
        assert_eq!(
            render(&program, &run),
            "$ cargo run -p demo\nProcess <CHILD1> spawned\nProcess <CHILD2> spawned\nMain process exiting.\n\
             [<CHILD1>] => 0\n[<CHILD2>] => 0\n[<CHILD1>] => 1\n[<CHILD2>] => 1\n"
        );
    }

    #[test]
    fn renders_typed_lines_and_last_lines() {
        let program = program(&["Hello from thread {by n}"], Some("Bye."), Some(&["", "q"]));
        let run = run(
            7,
            &["Hello from thread 1", "> ", "Hello from thread 2", "> q", "Bye."],
        );
        let text = render(&program, &run);
        assert_eq!(
            text,
            "$ cargo run -p demo\nHello from thread 1\n>\nHello from thread 2\n> q\nBye.\n"
        );
        let snapshot = parse(&text);
        assert_eq!(snapshot.typed, ["", "q"]);
        assert_eq!(
            snapshot.output,
            ["Hello from thread 1", "Hello from thread 2", "Bye."]
        );
        assert!(check_header(&program, &snapshot).is_ok());
        let stale = parse(&text.replace("> q", "> x"));
        assert!(
            check_header(&program, &stale)
                .unwrap_err()
                .contains("cargo xtask bless demo")
        );
    }

    #[test]
    fn names_the_lone_process_pid() {
        let program = program(&["Hello from child {pid} {n}"], None, None);
        assert_eq!(
            render(&program, &run(42, &["Hello from child 42 7"])),
            "$ cargo run -p demo\nHello from child <PID> 7\n"
        );
    }

    #[test]
    fn natural_order() {
        let mut keys = ["<CHILD10>", "<CHILD2>", "10", "9"];
        keys.sort_by_key(|k| natural_key(k));
        assert_eq!(keys, ["9", "10", "<CHILD2>", "<CHILD10>"]);
    }
}
