//! The catalogue: every program's facts, read from its own `[package.metadata.verify]` table.
//!
//! The xtask knows no particular program. Each crate says in its `Cargo.toml` where it stands in the
//! book, what to type, how long it may take and what its lines look like; this module reads those
//! tables through `cargo metadata` and checks them against the tree.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

use crate::shape::LineShapes;

/// Each program's expected output lives beside its `Cargo.toml` under this name.
pub const SNAPSHOT_FILE: &str = "snapshot.txt";

/// One program of the book, as its crate describes it.
#[derive(Debug)]
pub struct Program {
    /// The crate's name, which is also its binary's name.
    pub name: String,
    pub dir: PathBuf,
    /// Where it stands in book order.
    pub order: i64,
    /// The book's name for it, such as "Example 5-2, fork-count.py".
    pub listing: String,
    /// What it shows, in one line.
    pub shows: String,
    pub args: Vec<String>,
    /// The lines typed into it, one at a time; `None` when it reads no input (stdin is /dev/null).
    pub stdin: Option<Vec<String>>,
    pub time_limit: Duration,
    /// Its verdict could change if other programs ran beside it, so it runs alone.
    pub alone: bool,
    pub lines: LineShapes,
    /// The lines it may print on stderr (anything else there is a failure).
    pub stderr: LineShapes,
    /// For a timed lab, what `cargo xtask bench` needs to know.
    pub lab: Option<Lab>,
}

/// A timed lab: its kind of work, and how much of it runs at once (which sets its floor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lab {
    pub kind: LabKind,
    pub at_once: AtOnce,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabKind {
    Io,
    Cpu,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtOnce {
    /// This many at a time.
    Exactly(u32),
    /// One per core.
    Cores,
    /// All of them together.
    All,
}

fn lab(value: &Value) -> Result<Option<Lab>, String> {
    if value.is_null() {
        return Ok(None);
    }
    let wrong = || {
        "`lab` must be a table such as { kind = \"io\", at-once = 5 } (at-once: a number, \"cores\" or \"all\")".to_string()
    };
    let kind = match value["kind"].as_str() {
        Some("io") => LabKind::Io,
        Some("cpu") => LabKind::Cpu,
        _ => return Err(wrong()),
    };
    let at_once = match &value["at-once"] {
        Value::String(s) if s == "cores" => AtOnce::Cores,
        Value::String(s) if s == "all" => AtOnce::All,
        n => AtOnce::Exactly(
            n.as_u64()
                .filter(|n| *n > 0)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(wrong)?,
        ),
    };
    Ok(Some(Lab { kind, at_once }))
}

impl Program {
    pub fn snapshot_path(&self) -> PathBuf {
        self.dir.join(SNAPSHOT_FILE)
    }

    /// The command a student types to run it, as a snapshot's first line shows it.
    pub fn command_line(&self) -> String {
        let mut line = format!("$ cargo run -p {}", self.name);
        if !self.args.is_empty() {
            line.push_str(" --");
            for arg in &self.args {
                line.push(' ');
                line.push_str(arg);
            }
        }
        line
    }
}

/// The workspace's programs in book order, after checking the catalogue against the tree.
pub fn load(workspace: &Path) -> Result<Vec<Program>, String> {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(workspace)
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let metadata: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cannot read cargo metadata's output: {e}"))?;
    let packages = metadata["packages"]
        .as_array()
        .ok_or("cargo metadata lists no packages")?;

    let mut programs = Vec::new();
    for package in packages {
        let name = package["name"].as_str().ok_or("a package without a name")?;
        let targets = package["targets"].as_array().map_or(&[][..], Vec::as_slice);
        let is_program = targets
            .iter()
            .any(|t| t["kind"].as_array().is_some_and(|k| k.iter().any(|k| k == "bin")));
        if name == env!("CARGO_PKG_NAME") || !is_program {
            continue; // the xtask itself, and libraries such as the labs' shared code
        }
        let manifest = PathBuf::from(package["manifest_path"].as_str().unwrap_or_default());
        let dir = manifest
            .parent()
            .ok_or("a manifest path without a folder")?
            .to_path_buf();
        let table = &package["metadata"]["verify"];
        if table["tool"].is_string() {
            continue; // a tool of the project's, such as the labs' slow site: nothing to verify
        }
        if table.is_null() {
            return Err(format!(
                "crate `{name}` is not in the catalogue: add a [package.metadata.verify] table to \
                 {} (see README.md, \"The catalogue\")",
                manifest.display()
            ));
        }
        let program = program(name, dir, table).map_err(|e| format!("{}: {e}", manifest.display()))?;
        programs.push(program);
    }
    programs.sort_by_key(|p| p.order);
    for pair in programs.windows(2) {
        if pair[0].order == pair[1].order {
            return Err(format!(
                "`{}` and `{}` both have order = {}",
                pair[0].name, pair[1].name, pair[0].order
            ));
        }
    }
    check_snapshots_have_crates(workspace, &programs)?;
    Ok(programs)
}

/// A snapshot in a folder that is no catalogued crate would never be checked: that is an error.
fn check_snapshots_have_crates(workspace: &Path, programs: &[Program]) -> Result<(), String> {
    let entries =
        std::fs::read_dir(workspace).map_err(|e| format!("cannot list {}: {e}", workspace.display()))?;
    for entry in entries.flatten() {
        let snapshot = entry.path().join(SNAPSHOT_FILE);
        let name = entry.file_name();
        if name == "target" || !snapshot.is_file() {
            continue;
        }
        if !programs.iter().any(|p| p.dir == entry.path()) {
            return Err(format!(
                "{} belongs to no crate in the catalogue: delete it, or add the crate to the workspace",
                snapshot.display()
            ));
        }
    }
    Ok(())
}

const KEYS: [&str; 11] = [
    "order",
    "listing",
    "shows",
    "args",
    "stdin",
    "time-limit",
    "alone",
    "lines",
    "last",
    "stderr",
    "lab",
];

fn program(name: &str, dir: PathBuf, table: &Value) -> Result<Program, String> {
    let table: &serde_json::Map<String, Value> = table
        .as_object()
        .ok_or("[package.metadata.verify] must be a table")?;
    if let Some(key) = table.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(format!(
            "unknown key `{key}` in [package.metadata.verify] (known: {})",
            KEYS.join(", ")
        ));
    }
    let fields: BTreeMap<&str, &Value> = table.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let get = |key: &str| fields.get(key).copied().unwrap_or(&Value::Null);
    let text = |key: &str| {
        get(key)
            .as_str()
            .map(str::to_string)
            .ok_or(format!("`{key}` must be a string"))
    };
    let texts = |key: &str| -> Result<Option<Vec<String>>, String> {
        match get(key) {
            Value::Null => Ok(None),
            Value::Array(items) => items
                .iter()
                .map(|item| {
                    item.as_str()
                        .map(str::to_string)
                        .ok_or(format!("`{key}` must list strings"))
                })
                .collect::<Result<_, _>>()
                .map(Some),
            _ => Err(format!("`{key}` must be a list of strings")),
        }
    };
    let seconds = get("time-limit")
        .as_f64()
        .filter(|s| *s > 0.0)
        .ok_or("`time-limit` must be a number of seconds")?;
    let lines = texts("lines")?
        .filter(|l| !l.is_empty())
        .ok_or("`lines` must list the shapes of its lines")?;
    let last = match get("last") {
        Value::Null => None,
        value => Some(value.as_str().ok_or("`last` must be a string")?),
    };
    Ok(Program {
        name: name.to_string(),
        dir,
        order: get("order").as_i64().ok_or("`order` must be a whole number")?,
        listing: text("listing")?,
        shows: text("shows")?,
        args: texts("args")?.unwrap_or_default(),
        stdin: texts("stdin")?,
        time_limit: Duration::from_secs_f64(seconds),
        alone: match get("alone") {
            Value::Null => false,
            value => value.as_bool().ok_or("`alone` must be true or false")?,
        },
        lines: LineShapes::new(&lines, last)?,
        stderr: LineShapes::new(&texts("stderr")?.unwrap_or_default(), None)?,
        lab: lab(get("lab"))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_a_table() {
        let table = json!({
            "order": 2, "listing": "Example 5-2, fork-count.py", "shows": "counting",
            "time-limit": 15, "lines": ["Process {pid} spawned", "[{by pid}] => {n}"],
            "last": "Main process exiting.", "args": ["7"]
        });
        let program = program("fork_count", PathBuf::from("/w/fork_count"), &table).unwrap();
        assert_eq!(program.order, 2);
        assert_eq!(program.stdin, None);
        assert_eq!(program.time_limit, Duration::from_secs(15));
        assert_eq!(program.command_line(), "$ cargo run -p fork_count -- 7");
        assert_eq!(
            program.snapshot_path(),
            PathBuf::from("/w/fork_count/snapshot.txt")
        );
    }

    #[test]
    fn rejects_typos_and_missing_facts() {
        let base = json!({"order": 1, "listing": "l", "shows": "s", "time-limit": 5, "lines": ["x"]});
        assert!(program("p", PathBuf::new(), &base).is_ok());
        for (key, value) in [
            ("time_limit", json!(5)),
            ("time-limit", json!(0)),
            ("lines", json!([])),
            ("lines", json!(["{nope}"])),
            ("stdin", json!("q")),
            ("order", json!("first")),
        ] {
            let mut table = base.clone();
            table[key] = value;
            assert!(
                program("p", PathBuf::new(), &table).is_err(),
                "{key} = {}",
                table[key]
            );
        }
    }
}
