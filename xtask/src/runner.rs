//! Runs one program the way a student would: types its input with a pause before each line, reads
//! its stdout and stderr to the end (lines from orphaned children included), and never lets it or
//! anything it started outlive the run.
//!
//! On Unix the program leads a process group of its own, and every process it forks joins that
//! group; at the time limit, and again after every run, the whole group is killed.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// The pause before each typed line: long enough for what the last line started to speak.
pub const TYPING_PAUSE: Duration = Duration::from_millis(300);

/// After the time limit and the kill, how long to wait for the pipes to close.
const GRACE: Duration = Duration::from_secs(1);

/// What happened during a run, in the order the runner saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Stdout(String),
    Stderr(String),
    /// The runner typed this line (without its newline) into the program's stdin.
    Typed(String),
    /// The process the runner started has exited (its children may go on).
    Exited,
}

#[derive(Debug)]
pub struct Run {
    /// The pid of the process the runner started.
    pub pid: u32,
    /// Every event with its time since the start.
    pub events: Vec<(Duration, Event)>,
    /// How the started process ended.
    pub status: Option<ExitStatus>,
    pub timed_out: bool,
    pub elapsed: Duration,
}

impl Run {
    pub fn stdout(&self) -> impl Iterator<Item = &str> {
        self.events.iter().filter_map(|(_, event)| match event {
            Event::Stdout(line) => Some(line.as_str()),
            _ => None,
        })
    }

    pub fn stderr(&self) -> impl Iterator<Item = &str> {
        self.events.iter().filter_map(|(_, event)| match event {
            Event::Stderr(line) => Some(line.as_str()),
            _ => None,
        })
    }
}

/// How to run a program.
pub struct Spec<'a> {
    pub program: &'a Path,
    pub args: &'a [String],
    /// Lines to type, each after [`TYPING_PAUSE`], then end of input; `None`: stdin is /dev/null.
    pub stdin: Option<&'a [String]>,
    pub time_limit: Duration,
}

pub fn run(spec: &Spec) -> Result<Run, String> {
    let mut command = Command::new(spec.program);
    command
        .args(spec.args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command.stdin(if spec.stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);

    let start = Instant::now();
    let deadline = start + spec.time_limit;
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", spec.program.display()))?;
    let (events, received) = mpsc::channel();
    let readers = [
        read_lines(child.stdout.take().expect("piped"), Event::Stdout, events.clone()),
        read_lines(child.stderr.take().expect("piped"), Event::Stderr, events.clone()),
    ];
    if let (Some(lines), Some(stdin)) = (spec.stdin, child.stdin.take()) {
        type_lines(lines.to_vec(), stdin, events.clone());
    }
    watch_exit(&child, events.clone());
    drop(events);

    let mut run = Run {
        pid: child.id(),
        events: Vec::new(),
        status: None,
        timed_out: false,
        elapsed: Duration::ZERO,
    };
    let mut open_pipes = readers.len();
    let mut kill_at = deadline;
    while open_pipes > 0 {
        match received.recv_timeout(kill_at.saturating_duration_since(Instant::now())) {
            Ok((at, Some(event))) => run.events.push((at - start, event)),
            Ok((_, None)) => open_pipes -= 1,
            Err(mpsc::RecvTimeoutError::Timeout) if !run.timed_out => {
                run.timed_out = true;
                kill_all(&mut child);
                kill_at = Instant::now() + GRACE;
            }
            // The pipes stay open after the kill: something outside the group holds them.
            Err(_) => break,
        }
    }
    // Stdout is closed, so the program is ending; give it until the time limit to exit.
    while !run.timed_out && !has_exited(&mut child) {
        if Instant::now() >= deadline {
            run.timed_out = true;
            break;
        }
        thread::sleep(Duration::from_millis(2));
    }
    // The exit watcher may report a moment after the pipes closed.
    let exit_reported = || run.events.iter().any(|(_, e)| *e == Event::Exited);
    if !run.timed_out
        && cfg!(any(
            target_os = "linux",
            target_os = "android",
            target_os = "freebsd"
        ))
        && !exit_reported()
    {
        if let Ok((at, Some(event))) = received.recv_timeout(Duration::from_millis(100)) {
            run.events.push((at - start, event));
        }
    }
    kill_all(&mut child);
    run.status = Some(
        child
            .wait()
            .map_err(|e| format!("cannot wait for the program: {e}"))?,
    );
    run.elapsed = start.elapsed();
    Ok(run)
}

/// Sends each line of `pipe` as an event, then `None` at end of file.
fn read_lines(
    pipe: impl Read + Send + 'static,
    event: fn(String) -> Event,
    events: mpsc::Sender<(Instant, Option<Event>)>,
) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        let mut pipe = BufReader::new(pipe);
        let mut line = Vec::new();
        while pipe.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
            let text = String::from_utf8_lossy(&line);
            let text = text.strip_suffix('\n').unwrap_or(&text);
            let _ = events.send((Instant::now(), Some(event(text.to_string()))));
            line.clear();
        }
        let _ = events.send((Instant::now(), None));
    })
}

/// Types `lines` like a person: a pause, a line, a pause, ..., then end of input.
fn type_lines(
    lines: Vec<String>,
    mut stdin: impl Write + Send + 'static,
    events: mpsc::Sender<(Instant, Option<Event>)>,
) {
    thread::spawn(move || {
        for line in lines {
            thread::sleep(TYPING_PAUSE);
            if writeln!(stdin, "{line}").and_then(|()| stdin.flush()).is_err() {
                break; // the program has stopped reading
            }
            let _ = events.send((Instant::now(), Some(Event::Typed(line))));
        }
    });
}

/// Sends [`Event::Exited`] when the program exits, without reaping it (so its pid still names its
/// group); where `waitid` is missing, no exit is reported.
#[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd"))]
fn watch_exit(child: &Child, events: mpsc::Sender<(Instant, Option<Event>)>) {
    use nix::sys::wait::{Id, WaitPidFlag, waitid};
    use nix::unistd::Pid;
    let pid = Pid::from_raw(child.id() as i32);
    thread::spawn(move || {
        // Blocks until the program exits; fails (ECHILD) if the runner has reaped it first.
        if waitid(Id::Pid(pid), WaitPidFlag::WEXITED | WaitPidFlag::WNOWAIT).is_ok() {
            let _ = events.send((Instant::now(), Some(Event::Exited)));
        }
    });
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "freebsd")))]
fn watch_exit(_: &Child, _: mpsc::Sender<(Instant, Option<Event>)>) {}

/// Kills the program and every process it started.
#[cfg(unix)]
fn kill_all(child: &mut Child) {
    use nix::sys::signal::{Signal, killpg};
    use nix::unistd::Pid;
    // The group is named after the program's pid, which is not reused while the program is unreaped
    // or any process of its group lives; `run` reaps the program only after this kill.
    let _ = killpg(Pid::from_raw(child.id() as i32), Signal::SIGKILL);
}

/// Whether the program has exited, without reaping it, so that its pid still names its group.
#[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd"))]
fn has_exited(child: &mut Child) -> bool {
    use nix::sys::wait::{Id, WaitPidFlag, WaitStatus, waitid};
    use nix::unistd::Pid;
    let flags = WaitPidFlag::WEXITED | WaitPidFlag::WNOHANG | WaitPidFlag::WNOWAIT;
    !matches!(
        waitid(Id::Pid(Pid::from_raw(child.id() as i32)), flags),
        Ok(WaitStatus::StillAlive)
    )
}

/// Whether the program has exited. Where `waitid` is missing this reaps it, which leaves a short
/// window in which its pid, the group's name, could be reused before `kill_all`.
#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "freebsd")))]
fn has_exited(child: &mut Child) -> bool {
    child.try_wait().map_or(true, |status| status.is_some())
}

#[cfg(not(unix))]
fn kill_all(child: &mut Child) {
    let _ = child.kill();
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn sh(script: &str, stdin: Option<&[String]>, limit: f64) -> Run {
        let args = ["-c".to_string(), script.to_string()];
        let spec = Spec {
            program: Path::new("/bin/sh"),
            args: &args,
            stdin,
            time_limit: Duration::from_secs_f64(limit),
        };
        run(&spec).unwrap()
    }

    fn alive(pid: i32) -> bool {
        // A zombie has exited; only init has yet to reap it.
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
            !stat
                .rsplit(')')
                .next()
                .unwrap_or("")
                .trim_start()
                .starts_with('Z')
        })
    }

    #[test]
    fn reads_stdout_and_stderr_and_status() {
        let run = sh("echo out; echo err >&2; exit 3", None, 5.0);
        assert_eq!(run.stdout().collect::<Vec<_>>(), ["out"]);
        assert_eq!(run.stderr().collect::<Vec<_>>(), ["err"]);
        assert_eq!(run.status.unwrap().code(), Some(3));
        assert!(!run.timed_out);
    }

    #[test]
    fn types_input_with_pauses_then_ends_it() {
        let typed = ["a".to_string(), "q".to_string()];
        let run = sh(
            "while read line; do echo \"got $line\"; done; echo eof",
            Some(&typed),
            5.0,
        );
        assert_eq!(run.stdout().collect::<Vec<_>>(), ["got a", "got q", "eof"]);
        let events: Vec<_> = run.events.iter().map(|(_, e)| e.clone()).collect();
        assert_eq!(events[0], Event::Typed("a".into()));
        assert!(run.events[0].0 >= TYPING_PAUSE);
    }

    #[test]
    fn reports_when_the_started_process_exits() {
        let run = sh("(sleep 0.3; echo late) & echo early", None, 5.0);
        let at = |wanted: &Event| run.events.iter().find(|(_, e)| e == wanted).map(|(t, _)| *t);
        let exited = at(&Event::Exited).expect("an exit event");
        assert!(
            exited < at(&Event::Stdout("late".into())).unwrap(),
            "{:?}",
            run.events
        );
    }

    #[test]
    fn waits_for_orphans_that_hold_stdout() {
        let run = sh("(sleep 0.3; echo late) & echo early", None, 5.0);
        assert_eq!(run.stdout().collect::<Vec<_>>(), ["early", "late"]);
        assert!(run.status.unwrap().success());
    }

    #[test]
    fn a_hang_is_killed_with_everything_it_started() {
        let run = sh("sleep 60 & echo $!; sleep 60", None, 0.5);
        assert!(run.timed_out);
        assert!(run.elapsed < Duration::from_secs(5));
        let orphan: i32 = run.stdout().next().unwrap().parse().unwrap();
        thread::sleep(Duration::from_millis(100));
        assert!(!alive(orphan), "background sleep {orphan} outlived the run");
        assert!(!alive(run.pid as i32));
    }

    #[test]
    fn a_program_that_closes_stdout_and_lingers_is_killed_at_the_limit() {
        let run = sh("exec >&- 2>&-; sleep 60", None, 0.5);
        assert!(run.timed_out);
        assert!(!alive(run.pid as i32));
    }

    #[test]
    fn processes_left_after_a_clean_exit_are_killed() {
        // The orphan closes its stdout, so the run ends with it still asleep.
        let run = sh("sleep 60 >/dev/null 2>&1 & echo $!", None, 5.0);
        assert!(!run.timed_out);
        let orphan: i32 = run.stdout().next().unwrap().parse().unwrap();
        thread::sleep(Duration::from_millis(100));
        assert!(!alive(orphan), "{orphan} outlived the run");
    }
}
