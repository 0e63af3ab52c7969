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
//!
//! Long counting runs are folded so that a 1,000-line output stays readable: `[{0..=9}] => {0..=99}`
//! stands for every line from `[0] => 0` to `[9] => 99`, the leftmost range counting fastest. Verify
//! unfolds it and checks every line.

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
            None => output.extend(unfold(line)),
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
            Event::Stderr(_) | Event::Exited => {}
        }
    }
    let names = pid_names(program, run);
    let mut text = program.command_line() + "\n";
    for (i, segment) in segments.iter().enumerate() {
        for line in fold(canonical_order(program, segment, &names)) {
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
pub fn pid_names(program: &Program, run: &Run) -> HashMap<String, String> {
    let shapes = &program.lines;
    let said: Vec<_> = run
        .stdout()
        .filter_map(|line| shapes.read(line, Source::Output))
        .collect();
    let main_first = said.iter().filter(|s| shapes.speaker(s).is_none()).chain(&said);
    let mut pids: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for s in main_first {
        let holes = shapes.shape(s).holes();
        for (hole, token) in holes.zip(&s.tokens) {
            if *hole == Hole::Pid && seen.insert(token.as_str()) {
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
    let mut index: HashMap<String, usize> = HashMap::new();
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
                    true => format!("<{}>", names[&key]),
                    false => key,
                };
                match index.get(&key) {
                    Some(&i) => speakers[i].1.push(rendered),
                    None => {
                        index.insert(key.clone(), speakers.len());
                        speakers.push((key, vec![rendered]));
                    }
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

/// Orders `<CHILD2>` before `<CHILD10>`, `2` before `10`, and `1,2` before `1,10`.
pub fn natural_key(key: &str) -> Vec<(String, u64)> {
    let mut parts = Vec::new();
    let mut rest = key;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
        let end = rest[digits..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(rest.len(), |n| digits + n);
        parts.push((rest[..digits].to_string(), rest[digits..end].parse().unwrap_or(0)));
        rest = &rest[end..];
    }
    parts
}

/// A run of lines counting through one number folds once it is this long.
const FOLD_RUN: usize = 10;

/// Folds counting runs: `[0] => 0` ... `[9] => 0` becomes `[{0..=9}] => 0`; then lines that count
/// through a number right of that range fold again: `[{0..=9}] => {0..=99}`.
fn fold(lines: Vec<String>) -> Vec<String> {
    fold_runs(fold_runs(lines, FOLD_RUN, false), 2, true)
}

fn fold_runs(lines: Vec<String>, shortest: usize, again: bool) -> Vec<String> {
    let mut folded = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let step = |j: usize| {
            lines
                .get(j + 1)
                .and_then(|next| counts_on(&lines[j], next, again))
        };
        let mut end = i;
        if let Some(k) = step(i) {
            while step(end) == Some(k) {
                end += 1;
            }
            if end + 1 - i >= shortest {
                let (_, first) = cut(&lines[i]);
                let (_, last) = cut(&lines[end]);
                folded.push(with_number(
                    &lines[i],
                    k,
                    &format!("{{{}..={}}}", first[k], last[k]),
                ));
                i = end + 1;
                continue;
            }
        }
        folded.push(lines[i].clone());
        i += 1;
    }
    folded
}

/// Which number (by position) `b` counts on from `a`, all else equal. `again`: only a number right
/// of a folded range, so that the leftmost range is always the fastest.
fn counts_on(a: &str, b: &str, again: bool) -> Option<usize> {
    let ((a_texts, a_numbers), (b_texts, b_numbers)) = (cut(a), cut(b));
    if a_texts != b_texts || a_numbers.len() != b_numbers.len() {
        return None;
    }
    let mut differ = (0..a_numbers.len()).filter(|&k| a_numbers[k] != b_numbers[k]);
    let k = differ.next().filter(|_| differ.next().is_none())?;
    // A folded range is a `{A..=B}` token; a `<A..=B>` is one line's redacted value, not a range.
    let ranges_left_of_k = a_texts[..=k].concat().contains('{');
    let right_place = ranges_left_of_k == again && !a_texts[k + 1..].concat().contains('{');
    (b_numbers[k] == a_numbers[k] + 1 && right_place).then_some(k)
}

/// A line cut around its plain numbers: digits inside a `<...>` or `{...}` token are not counted,
/// nor are numbers with leading zeros.
fn cut(line: &str) -> (Vec<&str>, Vec<u64>) {
    let (mut texts, mut numbers) = (Vec::new(), Vec::new());
    let (mut start, mut i) = (0, 0);
    let bytes = line.as_bytes();
    while i < bytes.len() {
        let closer = match bytes[i] {
            b'<' => Some(b'>'),
            b'{' => Some(b'}'),
            _ => None,
        };
        let token_end = closer.and_then(|c| {
            let len = bytes[i + 1..].iter().position(|&b| b == c || b == b' ')?;
            (bytes[i + 1 + len] == c).then_some(i + len + 2)
        });
        if let Some(end) = token_end {
            i = end;
        } else if bytes[i].is_ascii_digit() {
            let end = bytes[i..]
                .iter()
                .position(|b| !b.is_ascii_digit())
                .map_or(bytes.len(), |n| i + n);
            let number = &line[i..end];
            if let Some(n) = number.parse().ok().filter(|n: &u64| n.to_string() == number) {
                texts.push(&line[start..i]);
                numbers.push(n);
                start = end;
            }
            i = end;
        } else {
            i += 1;
        }
    }
    texts.push(&line[start..]);
    (texts, numbers)
}

/// `line` with its `k`th plain number replaced by `text`.
fn with_number(line: &str, k: usize, text: &str) -> String {
    let (texts, numbers) = cut(line);
    let mut out = String::new();
    for (i, piece) in texts.iter().enumerate() {
        out.push_str(piece);
        if let Some(n) = numbers.get(i) {
            out.push_str(&if i == k { text.to_string() } else { n.to_string() });
        }
    }
    out
}

/// Every line a folded line stands for, the leftmost range counting fastest.
fn unfold(line: &str) -> Vec<String> {
    let ranges: Vec<(usize, usize, u64, u64)> = line
        .match_indices('{')
        .filter_map(|(open, _)| {
            let close = open + line[open..].find('}')?;
            let (low, high) = line[open + 1..close].split_once("..=")?;
            Some((open, close + 1, low.parse().ok()?, high.parse().ok()?))
        })
        .collect();
    let Some(&(open, close, low, high)) = ranges.last() else {
        return vec![line.to_string()];
    };
    (low..=high)
        .flat_map(|n| unfold(&format!("{}{n}{}", &line[..open], &line[close..])))
        .collect()
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
            stderr: LineShapes::default(),
            lab: None,
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
    fn folds_long_counts_and_unfolds_them_line_for_line() {
        let mut lines: Vec<String> = (0..100)
            .flat_map(|i| (0..10).map(move |id| format!("[{id}] => {i}")))
            .collect();
        lines.push("Main thread exiting.".into());
        let folded = fold(lines.clone());
        assert_eq!(folded, ["[{0..=9}] => {0..=99}", "Main thread exiting."]);
        assert_eq!(folded.iter().flat_map(|l| unfold(l)).collect::<Vec<_>>(), lines);
    }

    #[test]
    fn short_runs_and_placeholders_stay_as_they_are() {
        let lines: Vec<String> = (0..5).map(|id| format!("[{id}] => 0")).collect();
        assert_eq!(
            fold(lines.clone()),
            lines,
            "five lines, as in thread_count, read better unfolded"
        );
        let children: Vec<String> = (1..=12).map(|n| format!("[<CHILD{n}>] => 0")).collect();
        assert_eq!(fold(children.clone()), children);
        let padded: Vec<String> = (0..12).map(|n| format!("{n:02}")).collect();
        assert_eq!(fold(padded.clone()), padded);
        assert_eq!(unfold("count <2..=200>"), ["count <2..=200>"]);
        let messages: Vec<String> = (0..4)
            .map(|n| format!("consumer <0..=1> got => count={n}"))
            .collect();
        assert_eq!(
            fold(messages.clone()),
            messages,
            "a redacted value is not a folded range"
        );
    }

    #[test]
    fn a_gap_in_the_count_shows() {
        let mut lines: Vec<String> = (0..30).map(|i| format!("[3] => {i}")).collect();
        lines.remove(17);
        assert_eq!(fold(lines), ["[3] => {0..=16}", "[3] => {18..=29}"]);
    }

    #[test]
    fn natural_order() {
        let mut keys = ["<CHILD10>", "<CHILD2>", "10", "9", "1,10", "1,2"];
        keys.sort_by_key(|k| natural_key(k));
        assert_eq!(keys, ["1,2", "1,10", "9", "10", "<CHILD2>", "<CHILD10>"]);
    }
}
