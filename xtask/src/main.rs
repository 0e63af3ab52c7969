//! `cargo xtask`: the project's own commands. See `USAGE`, and README.md for the catalogue and the
//! snapshot format. Keep this crate's dependencies few: it is the class's CI gate, and every
//! dependency is build time for every student.

mod bench;
mod catalogue;
mod matcher;
mod runner;
mod shape;
mod snapshot;
mod term;
mod timeline;
mod verify;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use catalogue::Program;
use term::Term;

const USAGE: &str = "\
usage: cargo xtask <command> [options] [NAME...]

  verify [NAME...]  build the workspace, run every program (or the named ones) in book order and
                    check each against its snapshot; ends with `N passed, M failed`
    --jobs N        run at most N programs at once (--jobs 1: one after another, for a lecture)
    --verbose       show each program's output, with times, beside its verdict
  bless [NAME...]   run programs and write their snapshots; read the diff it prints before committing
  list              print the catalogue: book listing, crate, what it shows
  test              the whole test suite: `cargo test --workspace`, then `verify`
  bench             time the labs in release (interleaved rounds), measure what starting a thread or
                    a process costs, and write target/bench/report.md and chart.svg
    --rounds N      rounds of the labs (default 5, or 3 with --python)
    --python        also run the labs' Python versions (python/), against the same local site
  timeline NAME...  run programs as verify does and draw when each process or thread spoke:
                    target/timeline/NAME.svg
    --all           every program, and target/timeline/index.html showing them in book order

  --release         (verify, bless) build and run the release binaries
";

struct Args {
    command: String,
    names: Vec<String>,
    jobs: usize,
    verbose: bool,
    release: bool,
    rounds: Option<usize>,
    python: bool,
    all: bool,
}

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)).and_then(|args| dispatch(&args)) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::from(2)
        }
    }
}

fn parse_args(mut words: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut args = Args {
        command: String::new(),
        names: Vec::new(),
        jobs: usize::MAX,
        verbose: false,
        release: false,
        rounds: None,
        python: false,
        all: false,
    };
    while let Some(word) = words.next() {
        match word.as_str() {
            "--jobs" | "-j" => {
                let n = words.next().ok_or("--jobs needs a number")?;
                args.jobs = n
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or(format!("--jobs {n}: not a positive number"))?;
            }
            "--verbose" | "-v" => args.verbose = true,
            "--python" => args.python = true,
            "--all" => args.all = true,
            "--rounds" => {
                let n = words.next().ok_or("--rounds needs a number")?;
                args.rounds = Some(
                    n.parse()
                        .ok()
                        .filter(|&n| n > 0)
                        .ok_or(format!("--rounds {n}: not a positive number"))?,
                );
            }
            "--release" => args.release = true,
            "-h" | "--help" | "help" => args.command = "help".into(),
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}\n\n{USAGE}")),
            _ if args.command.is_empty() => args.command = word,
            _ => args.names.push(word),
        }
    }
    Ok(args)
}

fn dispatch(args: &Args) -> Result<ExitCode, String> {
    let root = workspace_root();
    match args.command.as_str() {
        "verify" | "bless" | "test" => {
            if args.command == "test" {
                let status = cargo(&root).args(["test", "--workspace"]).status();
                if !status
                    .map_err(|e| format!("cannot run cargo test: {e}"))?
                    .success()
                {
                    return Err("cargo test --workspace failed (see above); verify did not run".into());
                }
            }
            let programs = catalogue::load(&root)?;
            let chosen = choose(&programs, &args.names)?;
            let bins = build(&root, args.release)?;
            Ok(run(args, &chosen, &bins))
        }
        "bench" => {
            let programs = catalogue::load(&root)?;
            let bins = build(&root, true)?;
            let options = bench::Options {
                rounds: args.rounds,
                python: args.python,
            };
            bench::bench(&root, &programs, &bins, &options, Term::detect())?;
            Ok(ExitCode::SUCCESS)
        }
        "timeline" => {
            let programs = catalogue::load(&root)?;
            if args.names.is_empty() && !args.all {
                return Err("timeline: name the programs, or say --all".into());
            }
            let chosen = choose(&programs, &args.names)?;
            let bins = build(&root, args.release)?;
            let out_dir = bins.parent().ok_or("no target folder")?.join("timeline");
            std::fs::create_dir_all(&out_dir)
                .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
            let term = Term::detect();
            for program in &chosen {
                term.progress(&format!("running {}", program.name));
                let svg = timeline::timeline(program, &bins, &out_dir)?;
                term.print(&format!("{:<20} {}", program.name, svg.display()));
            }
            if args.all {
                term.print(&format!(
                    "index: {}",
                    timeline::index(&chosen, &out_dir)?.display()
                ));
            }
            Ok(ExitCode::SUCCESS)
        }
        "list" => {
            let programs = catalogue::load(&root)?;
            let listing = programs
                .iter()
                .map(|p| p.listing.chars().count())
                .max()
                .unwrap_or(0);
            let name = programs.iter().map(|p| p.name.len()).max().unwrap_or(0);
            for p in &programs {
                println!("{:<listing$}  {:<name$}  {}", p.listing, p.name, p.shows);
            }
            Ok(ExitCode::SUCCESS)
        }
        "help" => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        "" => Err(format!("no command given\n\n{USAGE}")),
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// The named programs in book order, or all of them.
fn choose<'a>(programs: &'a [Program], names: &[String]) -> Result<Vec<&'a Program>, String> {
    if let Some(unknown) = names.iter().find(|n| !programs.iter().any(|p| &p.name == *n)) {
        let known: Vec<&str> = programs.iter().map(|p| p.name.as_str()).collect();
        return Err(format!(
            "no program `{unknown}` in the catalogue; there are: {}",
            known.join(", ")
        ));
    }
    Ok(programs
        .iter()
        .filter(|p| names.is_empty() || names.contains(&p.name))
        .collect())
}

/// The cargo that runs this xtask, in the workspace.
fn cargo(root: &Path) -> Command {
    let mut cargo = Command::new(std::env::var_os("CARGO").unwrap_or("cargo".into()));
    cargo.current_dir(root);
    cargo
}

/// Builds every program; returns the folder that holds the binaries.
fn build(root: &Path, release: bool) -> Result<PathBuf, String> {
    let mut cargo = Command::new(std::env::var_os("CARGO").unwrap_or("cargo".into()));
    cargo
        .args([
            "build",
            "--quiet",
            "--workspace",
            "--bins",
            "--exclude",
            env!("CARGO_PKG_NAME"),
        ])
        .current_dir(root);
    if release {
        cargo.arg("--release");
    }
    let status = cargo
        .status()
        .map_err(|e| format!("cannot run cargo build: {e}"))?;
    if !status.success() {
        return Err("cargo build failed (see above)".into());
    }
    // This program runs from <target>/<profile>/xtask; the others are built beside it.
    let exe = std::env::current_exe().map_err(|e| format!("cannot locate the xtask: {e}"))?;
    let target = exe
        .parent()
        .and_then(Path::parent)
        .ok_or("the xtask is not in a target folder")?;
    Ok(target.join(if release { "release" } else { "debug" }))
}

fn run(args: &Args, programs: &[&Program], bins: &Path) -> ExitCode {
    let term = Term::detect();
    let blessing = args.command == "bless";
    let started = Instant::now();
    let (mut passed, mut failed) = (0, Vec::<String>::new());
    let task = |program: &Program| match blessing {
        true => verify::bless(program, bins, term),
        false => verify::verify(program, bins, term),
    };
    let width = programs.iter().map(|p| p.name.len()).max().unwrap_or(0);
    verify::run_all(programs, args.jobs, term, task, |program, outcome| {
        let ok = outcome.problems.is_empty();
        let verdict = match (ok, blessing) {
            (true, false) => term.green("ok"),
            (true, true) if outcome.diff.is_some() => term.green("blessed"),
            (true, true) => term.green("unchanged"),
            (false, _) => term.red("FAILED"),
        };
        let time = term.dim(&format!("{:.2} s", outcome.elapsed.as_secs_f64()));
        term.print(&format!("{:<width$}  {verdict}  {time}", program.name));
        for problem in &outcome.problems {
            term.print(&format!("    {problem}"));
        }
        if let Some(diff) = &outcome.diff {
            term.print(diff.trim_end());
        }
        if let Some(run) = outcome.run.as_ref().filter(|_| args.verbose) {
            term.print(verify::transcript(run).trim_end());
        }
        if ok {
            passed += 1
        } else {
            failed.push(program.name.clone())
        }
    });
    term.print(&term.dim(&format!(
        "{} programs in {:.2} s",
        programs.len(),
        started.elapsed().as_secs_f64()
    )));
    if !failed.is_empty() && !blessing {
        term.print(&format!(
            "If a change in output is intended, read the diffs above, then run: cargo xtask bless {}",
            failed.join(" ")
        ));
    }
    term.print(&format!("{passed} passed, {} failed", failed.len()));
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
