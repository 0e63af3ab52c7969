//! `cargo xtask bench`: times every lab of the catalogue in release, interleaved (A B C D A B C D ...),
//! optionally its Python twin too, measures what starting a thread or a process costs with a
//! benchmark harness, and has the `charts` tool write the report and the chart from the numbers.
//!
//! Every run goes through the same runner as verify, so nothing a lab starts outlives it.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use crate::catalogue::{AtOnce, LabKind, Program};
use crate::runner::{self, Spec};
use crate::term::Term;

/// How long one lab run may take: Python's CPU labs need about 40 s.
const LAB_TIME_LIMIT: Duration = Duration::from_secs(300);

pub struct Options {
    pub rounds: Option<usize>,
    pub python: bool,
}

/// Measures, then writes `target/bench/report.md` and `target/bench/chart.svg`.
pub fn bench(
    root: &Path,
    programs: &[Program],
    bins: &Path,
    options: &Options,
    term: Term,
) -> Result<(), String> {
    let labs: Vec<&Program> = programs.iter().filter(|p| p.lab.is_some()).collect();
    let kind_of = |p: &Program| p.lab.expect("a lab").kind;
    let at_once_of = |p: &Program| p.lab.expect("a lab").at_once;
    // One request's latency: the sequential I/O lab, downloading once.
    let sequential_io = labs
        .iter()
        .find(|p| kind_of(p) == LabKind::Io && at_once_of(p) == AtOnce::Exactly(1))
        .ok_or("the catalogue has no I/O lab with at-once = 1 to measure one request's latency")?;
    let out_dir = bins.parent().ok_or("no target folder")?.join("bench");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;

    let mut notes = Vec::new();
    let python = match options.python {
        true => Python::prepare(root, bins, &out_dir, term, &mut notes),
        false => None,
    };
    let rounds = options.rounds.unwrap_or(if python.is_some() { 3 } else { 5 });
    let mut latency = Vec::new();
    let mut rust: Vec<Vec<f64>> = vec![Vec::new(); labs.len()];
    let mut py: Vec<Vec<f64>> = vec![Vec::new(); labs.len()];
    for round in 1..=rounds {
        term.progress(&format!("round {round}/{rounds}: one request's latency"));
        for _ in 0..3 {
            latency.push(seconds(
                &bins.join(&sequential_io.name),
                &["--count".into(), "1".into()],
            )?);
        }
        for (i, lab) in labs.iter().enumerate() {
            term.progress(&format!("round {round}/{rounds}: {}", lab.name));
            rust[i].push(seconds(&bins.join(&lab.name), &[])?);
        }
        if let Some(python) = &python {
            for (i, lab) in labs.iter().enumerate() {
                if let Some((program, args)) = python.command(root, &lab.name, kind_of(lab)) {
                    term.progress(&format!("round {round}/{rounds}: {}.py", lab.name));
                    py[i].push(seconds(&program, &args)?);
                }
            }
        }
        term.print(&format!("round {round}/{rounds} done"));
    }
    drop(python); // stops the site
    term.progress("the spawn-cost benchmark (cargo bench -p labs --bench spawn_cost)");
    let spawn = spawn_cost(root)?;

    let measurements = json!({
        "machine": machine(),
        "rounds": rounds,
        "latency": latency,
        "labs": labs.iter().enumerate().map(|(i, lab)| json!({
            "name": lab.name,
            "listing": lab.listing,
            "kind": match kind_of(lab) { LabKind::Io => "io", LabKind::Cpu => "cpu" },
            "at_once": match at_once_of(lab) {
                AtOnce::Exactly(n) => json!(n),
                AtOnce::Cores => json!("cores"),
                AtOnce::All => json!("all"),
            },
            "rust": rust[i],
            "python": py[i],
        })).collect::<Vec<_>>(),
        "spawn": spawn,
        "notes": notes,
    });
    let data = out_dir.join("measurements.json");
    let text = serde_json::to_string_pretty(&measurements).expect("JSON");
    std::fs::write(&data, text).map_err(|e| format!("cannot write {}: {e}", data.display()))?;
    term.print("");
    let status = Command::new(bins.join("charts"))
        .args(["bench".as_ref(), data.as_os_str(), out_dir.as_os_str()])
        .status()
        .map_err(|e| format!("cannot run the charts tool: {e}"))?;
    match status.success() {
        true => Ok(()),
        false => Err("the charts tool failed (see above)".into()),
    }
}

/// Runs a lab and reads the seconds it reports on its last line (`... in 1.234 seconds`).
fn seconds(program: &Path, args: &[String]) -> Result<f64, String> {
    let spec = Spec {
        program,
        args,
        stdin: None,
        time_limit: LAB_TIME_LIMIT,
    };
    let run = runner::run(&spec)?;
    let name = program.file_name().unwrap_or_default().to_string_lossy();
    if run.timed_out || !run.status.is_some_and(|s| s.success()) {
        let why = run.stderr().last().unwrap_or("no message").to_string();
        return Err(format!(
            "{name} {} failed: {why}",
            args.first().map_or("", |a| a.as_str())
        ));
    }
    let last = run.stdout().last().unwrap_or_default();
    let words: Vec<&str> = last.split_whitespace().collect();
    let before_seconds = words
        .iter()
        .position(|w| *w == "seconds")
        .and_then(|i| i.checked_sub(1));
    before_seconds
        .and_then(|i| words[i].parse().ok())
        .ok_or_else(|| format!("{name}: no `... in N seconds` at the end of its output: `{last}`"))
}

/// The divan harness's medians, fastest and slowest, in microseconds.
fn spawn_cost(root: &Path) -> Result<Value, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or("cargo".into());
    let output = Command::new(cargo)
        .args(["bench", "--quiet", "-p", "labs", "--bench", "spawn_cost"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run cargo bench: {e}"))?;
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr);
        return Err(format!("cargo bench -p labs --bench spawn_cost failed:\n{why}"));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let rows = divan_rows(&text);
    if rows.is_empty() {
        return Err(format!("no benchmark rows in divan's output:\n{text}"));
    }
    Ok(Value::Array(rows))
}

/// Reads divan's table: `├─ name  fastest │ slowest │ median │ mean │ samples │ iters`.
fn divan_rows(text: &str) -> Vec<Value> {
    text.lines()
        .filter_map(|line| {
            let row = line
                .trim_start()
                .strip_prefix("├─")
                .or_else(|| line.trim_start().strip_prefix("╰─"))?;
            let cells: Vec<&str> = row.split('│').map(str::trim).collect();
            let (name, fastest) = cells.first()?.split_once(char::is_whitespace)?;
            let us = |cell: &str| micros(cell.trim());
            Some(json!({
                "name": name,
                "fastest_us": us(fastest)?,
                "slowest_us": us(cells.get(1)?)?,
                "median_us": us(cells.get(2)?)?,
                "samples": cells.get(4)?.parse::<u64>().ok()?,
            }))
        })
        .collect()
}

/// `27.22 µs`, `1.5 ms`, `950 ns` or `2 s`, in microseconds.
fn micros(text: &str) -> Option<f64> {
    let (number, unit) = text.split_once(' ')?;
    let number: f64 = number.parse().ok()?;
    match unit {
        "ns" => Some(number / 1_000.0),
        "µs" | "us" => Some(number),
        "ms" => Some(number * 1_000.0),
        "s" => Some(number * 1_000_000.0),
        _ => None,
    }
}

/// Which machine produced the numbers.
fn machine() -> Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|m| m.trim_start_matches([' ', '\t', ':']).to_string())
            })
        })
        .unwrap_or_else(|| "unknown".into());
    let version = |program: &str, arg: &str| {
        let out = Command::new(program).arg(arg).output().ok()?;
        let text = String::from_utf8_lossy(if out.stdout.is_empty() {
            &out.stderr
        } else {
            &out.stdout
        })
        .trim()
        .to_string();
        (!text.is_empty()).then_some(text)
    };
    json!({
        "cpu": cpu,
        "cores": std::thread::available_parallelism().map_or(1, |n| n.get()),
        "os": version("uname", "-sr").unwrap_or_else(|| std::env::consts::OS.into()),
        "rustc": version("rustc", "--version"),
        "python": version("python3", "--version"),
    })
}

/// The Python twins of the labs (`python/<lab>.py`), in a virtual environment under `target/`,
/// downloading from a slow site of their own.
struct Python {
    interpreter: PathBuf,
    /// `requests` and `aiohttp` are installed, so the I/O labs can run.
    io: bool,
    site: Option<Child>,
    urls: Vec<String>,
}

impl Python {
    fn prepare(
        root: &Path,
        bins: &Path,
        out_dir: &Path,
        term: Term,
        notes: &mut Vec<String>,
    ) -> Option<Python> {
        let found = Command::new("python3")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            notes.push("python3 is not on the PATH: no Python column".into());
            return None;
        }
        let venv = out_dir.join("venv");
        let interpreter = venv.join("bin").join("python");
        term.progress("Python: preparing target/bench/venv (requests, aiohttp)");
        let quiet = |command: &mut Command| {
            command
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        let made = interpreter.exists() || quiet(Command::new("python3").args(["-m", "venv"]).arg(&venv));
        let requirements = root.join("python").join("requirements.txt");
        let io = made
            && quiet(
                Command::new(&interpreter)
                    .args([
                        "-m",
                        "pip",
                        "install",
                        "--quiet",
                        "--disable-pip-version-check",
                        "-r",
                    ])
                    .arg(&requirements),
            );
        let interpreter = if made {
            interpreter
        } else {
            PathBuf::from("python3")
        };
        if !io {
            notes.push("requests and aiohttp could not be installed in target/bench/venv: the Python I/O labs were skipped".into());
            return Some(Python {
                interpreter,
                io,
                site: None,
                urls: Vec::new(),
            });
        }
        let site = Command::new(bins.join("slow_site"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn();
        let mut site = match site {
            Ok(site) => site,
            Err(e) => {
                notes.push(format!(
                    "the slow site did not start ({e}): the Python I/O labs were skipped"
                ));
                return Some(Python {
                    interpreter,
                    io: false,
                    site: None,
                    urls: Vec::new(),
                });
            }
        };
        // It says where it serves and how many downloads a lab makes: `http://127.0.0.1:40123 160`.
        let mut line = String::new();
        let _ = BufReader::new(site.stdout.take().expect("piped")).read_line(&mut line);
        let (base, count) = line.trim().split_once(' ').unwrap_or_default();
        let urls = (1..=count.parse().unwrap_or(0))
            .map(|i| format!("{base}/{i}"))
            .collect();
        Some(Python {
            interpreter,
            io: true,
            site: Some(site),
            urls,
        })
    }

    /// How to run a lab's Python twin, if it can run here.
    fn command(&self, root: &Path, lab: &str, kind: LabKind) -> Option<(PathBuf, Vec<String>)> {
        let script = root.join("python").join(format!("{lab}.py"));
        if !script.is_file() || (kind == LabKind::Io && !self.io) {
            return None;
        }
        let mut args = vec![script.to_string_lossy().into_owned()];
        if kind == LabKind::Io {
            args.extend(self.urls.iter().cloned());
        }
        Some((self.interpreter.clone(), args))
    }
}

impl Drop for Python {
    fn drop(&mut self) {
        if let Some(mut site) = self.site.take() {
            drop(site.stdin.take()); // end of input stops the site
            let _ = site.wait();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_divans_table() {
        let text = "spawn_cost            fastest       │ slowest       │ median        │ mean          │ samples │ iters\n\
                    ├─ fork_exit_waitpid  95.65 µs      │ 165 µs        │ 98.6 µs       │ 101.7 µs      │ 100     │ 100\n\
                    ╰─ thread_spawn_join  26.49 µs      │ 1.2 ms        │ 27.22 µs      │ 30.14 µs      │ 100     │ 100\n";
        let rows = divan_rows(text);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0]["name"], "fork_exit_waitpid");
        assert_eq!(rows[0]["median_us"], 98.6);
        assert_eq!(rows[1]["slowest_us"], 1200.0);
        assert_eq!(micros("950 ns"), Some(0.95));
        assert_eq!(micros("12 parsecs"), None);
    }
}
