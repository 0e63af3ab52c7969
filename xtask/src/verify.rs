//! `verify` and `bless`: run programs, several at once where that cannot change a verdict, and
//! report them in book order as they finish.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Mutex, RwLock, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use crate::catalogue::Program;
use crate::matcher;
use crate::runner::{self, Event, Run};
use crate::shape::Source;
use crate::snapshot;
use crate::term::Term;

/// What checking one program found.
pub struct Outcome {
    pub elapsed: Duration,
    /// Why it failed; empty when it passed.
    pub problems: Vec<String>,
    /// The snapshot against this run, rewritten as bless would write it.
    pub diff: Option<String>,
    pub run: Option<Run>,
}

/// Runs `programs` (in book order) with at most `jobs` at once, and hands each outcome to `report`
/// in book order. A program marked `alone` runs with nothing beside it.
pub fn run_all<F>(
    programs: &[&Program],
    jobs: usize,
    term: Term,
    task: F,
    mut report: impl FnMut(&Program, Outcome),
) where
    F: Fn(&Program) -> Outcome + Sync,
{
    let queue = Mutex::new(programs.iter().enumerate());
    let gate = RwLock::new(());
    let running = Mutex::new(BTreeMap::<usize, Instant>::new());
    let (done, finished) = mpsc::channel();
    thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, programs.len().max(1)) {
            let done = done.clone();
            let (queue, gate, running, task) = (&queue, &gate, &running, &task);
            scope.spawn(move || {
                loop {
                    let Some((i, program)) = queue.lock().expect("queue").next() else {
                        break;
                    };
                    let _turn = match program.alone {
                        true => Err(gate.write().expect("gate")),
                        false => Ok(gate.read().expect("gate")),
                    };
                    running.lock().expect("running").insert(i, Instant::now());
                    let outcome = task(program);
                    running.lock().expect("running").remove(&i);
                    if done.send((i, outcome)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        while next < programs.len() {
            match finished.recv_timeout(Duration::from_millis(100)) {
                Ok((i, outcome)) => {
                    waiting.insert(i, outcome);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
            while let Some(outcome) = waiting.remove(&next) {
                report(programs[next], outcome);
                next += 1;
            }
            let now: Vec<String> = running
                .lock()
                .expect("running")
                .iter()
                .map(|(&i, started)| format!("{} {:.0}s", programs[i].name, started.elapsed().as_secs_f64()))
                .collect();
            if !now.is_empty() {
                term.progress(&format!("running: {}", now.join(", ")));
            }
        }
    });
}

/// Runs one program and checks it against its snapshot.
pub fn verify(program: &Program, bins: &Path, term: Term) -> Outcome {
    let started = Instant::now();
    let path = program.snapshot_path();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            let problem = format!(
                "cannot read {}: {e}; write it with `cargo xtask bless {}`",
                path.display(),
                program.name
            );
            return Outcome {
                elapsed: started.elapsed(),
                problems: vec![problem],
                diff: None,
                run: None,
            };
        }
    };
    let expected = snapshot::parse(&text);
    let mut problems: Vec<String> = snapshot::check_header(program, &expected)
        .err()
        .into_iter()
        .collect();
    let run = match run(program, bins) {
        Ok(run) => run,
        Err(e) => {
            problems.push(e);
            return Outcome {
                elapsed: started.elapsed(),
                problems,
                diff: None,
                run: None,
            };
        }
    };
    problems.extend(health(program, &run));
    let output: Vec<&str> = run.stdout().collect();
    if let Err(why) = matcher::check(&program.lines, &expected.output, &output, run.pid) {
        problems.push(why);
    }
    let rewritten = snapshot::render(program, &run);
    let diff = (!problems.is_empty() && rewritten != text).then(|| {
        term.diff(
            &format!("{} (expected)", path.display()),
            &text,
            "this run (as bless would write it)",
            &rewritten,
        )
    });
    Outcome {
        elapsed: started.elapsed(),
        problems,
        diff,
        run: Some(run),
    }
}

/// Runs one program and writes its snapshot, unless the run failed or the snapshot already fits it.
pub fn bless(program: &Program, bins: &Path, term: Term) -> Outcome {
    let started = Instant::now();
    let run = match run(program, bins) {
        Ok(run) => run,
        Err(e) => {
            return Outcome {
                elapsed: started.elapsed(),
                problems: vec![e],
                diff: None,
                run: None,
            };
        }
    };
    let mut problems = health(program, &run);
    let output: Vec<&str> = run.stdout().collect();
    if let Some(line) = output
        .iter()
        .find(|line| program.lines.read(line, Source::Output).is_none())
    {
        problems.push(format!(
            "`{line}` has none of the shapes in the catalogue's `lines`"
        ));
    }
    let path = program.snapshot_path();
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    let new = snapshot::render(program, &run);
    let current = snapshot::parse(&old);
    let still_fits = snapshot::check_header(program, &current).is_ok()
        && matcher::check(&program.lines, &current.output, &output, run.pid).is_ok();
    let mut diff = None;
    if problems.is_empty() && !still_fits {
        match std::fs::write(&path, &new) {
            Ok(()) => diff = Some(term.diff(&format!("{} (before)", path.display()), &old, "(after)", &new)),
            Err(e) => problems.push(format!("cannot write {}: {e}", path.display())),
        }
    }
    Outcome {
        elapsed: started.elapsed(),
        problems,
        diff,
        run: Some(run),
    }
}

/// Runs a program as its catalogue entry says.
pub fn run(program: &Program, bins: &Path) -> Result<Run, String> {
    let binary = bins.join(format!("{}{}", program.name, std::env::consts::EXE_SUFFIX));
    let spec = runner::Spec {
        program: &binary,
        args: &program.args,
        stdin: program.stdin.as_deref(),
        time_limit: program.time_limit,
    };
    runner::run(&spec)
}

/// What is wrong with a run whatever it printed: a hang, a failure status, anything on stderr that
/// the catalogue does not allow.
fn health(program: &Program, run: &Run) -> Vec<String> {
    let mut problems = Vec::new();
    if run.timed_out {
        problems.push(format!(
            "timed out: still running after its time limit of {} s; killed with every process it started",
            program.time_limit.as_secs_f64()
        ));
    } else if let Some(status) = run.status.filter(|s| !s.success()) {
        problems.push(format!("exited with {status}"));
    }
    let allowed = |line: &&str| program.stderr.read(line, Source::Output).is_some();
    let stderr: Vec<&str> = run.stderr().filter(|line| !allowed(line)).collect();
    if let Some(first) = stderr.first() {
        problems.push(format!(
            "wrote {} line(s) to stderr, first: `{first}`",
            stderr.len()
        ));
    }
    problems
}

/// A run's output as `--verbose` shows it: `|` stdout, `!` stderr, `>` typed, `x` the exit.
pub fn transcript(run: &Run) -> String {
    let mut text = String::new();
    for (at, event) in &run.events {
        let (mark, line) = match event {
            Event::Stdout(line) => ('|', line.as_str()),
            Event::Stderr(line) => ('!', line.as_str()),
            Event::Typed(line) => ('>', line.as_str()),
            Event::Exited => ('x', "(the program has exited; its children may go on)"),
        };
        let shown = format!("    {:6.3}s {mark} {line}", at.as_secs_f64());
        text.push_str(shown.trim_end());
        text.push('\n');
    }
    text
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::shape::LineShapes;
    use std::os::unix::fs::PermissionsExt;
    use std::path::PathBuf;

    /// A fixture program: a shell script named `demo`, and its snapshot, in a folder of its own.
    fn fixture(test: &str, script: &str, snapshot: &str) -> (Program, PathBuf) {
        let dir = std::env::temp_dir().join(format!("xtask-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let binary = dir.join("demo");
        std::fs::write(&binary, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::write(dir.join("snapshot.txt"), snapshot).unwrap();
        let program = Program {
            name: "demo".into(),
            dir: dir.clone(),
            order: 1,
            listing: "a fixture".into(),
            shows: "a fixture".into(),
            args: vec![],
            stdin: None,
            time_limit: Duration::from_secs(2),
            alone: false,
            stderr: LineShapes::default(),
            lab: None,
            lines: LineShapes::new(&["[{by n}] => {n}".into()], Some("done")).unwrap(),
        };
        (program, dir)
    }

    fn problems(test: &str, script: &str) -> Vec<String> {
        let snapshot = "$ cargo run -p demo\n[1] => 0\n[1] => 1\ndone\n";
        let (program, dir) = fixture(test, script, snapshot);
        let outcome = verify(&program, &dir, Term { fancy: false });
        std::fs::remove_dir_all(&dir).unwrap();
        outcome.problems
    }

    #[test]
    fn a_good_run_passes() {
        assert_eq!(
            problems("good", "echo '[1] => 0'; echo '[1] => 1'; echo done"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_failure_status_fails() {
        let found = problems("status", "echo '[1] => 0'; echo '[1] => 1'; echo done; exit 3");
        assert_eq!(found, ["exited with exit status: 3"]);
    }

    #[test]
    fn stderr_fails() {
        let found = problems(
            "stderr",
            "echo '[1] => 0'; echo oops >&2; echo '[1] => 1'; echo done",
        );
        assert_eq!(found, ["wrote 1 line(s) to stderr, first: `oops`"]);
    }

    #[test]
    fn stderr_lines_the_catalogue_allows_pass_and_no_others() {
        let script = "echo '[1] => 0'; echo 'note: debug build' >&2; echo '[1] => 1'; echo done";
        let (mut program, dir) = fixture(
            "allowed",
            script,
            "$ cargo run -p demo\n[1] => 0\n[1] => 1\ndone\n",
        );
        program.stderr = LineShapes::new(&["note: debug build".into()], None).unwrap();
        assert_eq!(
            verify(&program, &dir, Term { fancy: false }).problems,
            Vec::<String>::new()
        );
        program.stderr = LineShapes::new(&["note: release build".into()], None).unwrap();
        let found = verify(&program, &dir, Term { fancy: false }).problems;
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(found, ["wrote 1 line(s) to stderr, first: `note: debug build`"]);
    }

    #[test]
    fn a_hang_fails_as_a_timeout() {
        let found = problems("hang", "echo '[1] => 0'; sleep 60");
        assert!(found[0].starts_with("timed out"), "{found:?}");
        assert!(found[1].contains("missing `[1] => 1`"), "{found:?}");
    }

    #[test]
    fn a_failure_shows_a_diff_against_the_snapshot() {
        let (program, dir) = fixture(
            "diff",
            "echo '[1] => 0'; echo '[1] => 2'; echo done",
            "$ cargo run -p demo\n[1] => 0\n[1] => 1\ndone\n",
        );
        let outcome = verify(&program, &dir, Term { fancy: false });
        std::fs::remove_dir_all(&dir).unwrap();
        let diff = outcome.diff.expect("a diff");
        assert!(diff.contains("-[1] => 1\n+[1] => 2\n"), "{diff}");
    }
}
