//! `cargo xtask timeline NAME...` and `--all`: runs a program exactly as verify does and records when
//! each of its processes or threads spoke, attributed with verify's own rules; the `charts` tool draws
//! the picture.
//!
//! Lanes: the main process or thread first, then one per speaker. A speaker named by several numbers
//! (queuetest's `[producer id=1, count=2]`) is grouped by its first one (producer 1). More than
//! [`MAX_LANES`] speakers (the I/O labs' downloads) are grouped into at most [`GROUPED_LANES`] ranges of
//! consecutive ones.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::catalogue::Program;
use crate::runner::{Event, Run};
use crate::shape::Source;
use crate::snapshot::{natural_key, pid_names};
use crate::verify;

/// More speakers than this share lanes, in ranges.
pub const MAX_LANES: usize = 12;
/// How many lanes grouped speakers share at most.
pub const GROUPED_LANES: usize = 8;

/// Runs `program` and writes `OUT_DIR/NAME.svg`; returns its path.
pub fn timeline(program: &Program, bins: &Path, out_dir: &Path) -> Result<PathBuf, String> {
    let run = verify::run(program, bins)?;
    let data = out_dir.join(format!("{}.json", program.name));
    let svg = out_dir.join(format!("{}.svg", program.name));
    let text = serde_json::to_string_pretty(&record(program, &run)).expect("JSON");
    std::fs::write(&data, text).map_err(|e| format!("cannot write {}: {e}", data.display()))?;
    let status = Command::new(bins.join("charts"))
        .arg("timeline")
        .args([&data, &svg])
        .status()
        .map_err(|e| format!("cannot run the charts tool: {e}"))?;
    match status.success() {
        true => Ok(svg),
        false => Err(format!("the charts tool could not draw {}", svg.display())),
    }
}

/// One page that shows every timeline in book order, each under its listing's title.
pub fn index(programs: &[&Program], out_dir: &Path) -> Result<PathBuf, String> {
    let mut html = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Parallel System Tools: timelines</title>\n\
         <style>body{font-family:sans-serif;margin:2em;max-width:1100px} h2{margin-top:2em} code{background:#f3f3f3}</style>\n\
         </head>\n<body>\n<h1>Parallel System Tools, in Rust: timelines</h1>\n\
         <p>One lane per process or thread; each mark is a line of output, at the time it arrived (hover for the line).</p>\n",
    );
    for program in programs {
        let svg_path = out_dir.join(format!("{}.svg", program.name));
        let svg = std::fs::read_to_string(&svg_path)
            .map_err(|e| format!("cannot read {}: {e}", svg_path.display()))?;
        html.push_str(&format!(
            "<h2>{} — <code>{}</code></h2>\n<p>{}</p>\n{}\n",
            escape(&program.listing),
            program.name,
            escape(&program.shows),
            svg.trim_start_matches(|c| c != '<').trim()
        ));
    }
    html.push_str("</body>\n</html>\n");
    let path = out_dir.join("index.html");
    std::fs::write(&path, html).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The run as the picture needs it: lanes, and each line's lane and time.
pub fn record(program: &Program, run: &Run) -> Value {
    let shapes = &program.lines;
    let names = pid_names(program, run);
    let parent = run.pid.to_string();
    // Each stdout line's speaker: `None` for the main one, else the lane key and its label.
    let speaker = |line: &str| -> Option<(String, String)> {
        let said = shapes.read(line, Source::Output)?;
        let key = shapes.speaker(&said)?;
        match shapes.shape(&said).speaker_is_pid() {
            true => names
                .get(&key)
                .filter(|_| key != parent)
                .map(|name| (name.clone(), format!("{name} (pid {key})"))),
            false => {
                let first = key.split(',').next().unwrap_or_default().to_string();
                Some((first.clone(), format!("#{first}")))
            }
        }
    };
    let mut speakers: BTreeMap<Vec<(String, u64)>, (String, String)> = BTreeMap::new();
    for (_, event) in &run.events {
        if let Event::Stdout(line) = event {
            if let Some((key, label)) = speaker(line) {
                speakers.insert(natural_key(&key), (key, label));
            }
        }
    }
    // Lane of each speaker key: one each, or ranges of consecutive speakers when there are many.
    let per_lane = speakers.len().div_ceil(GROUPED_LANES).max(1);
    let grouped = speakers.len() > MAX_LANES;
    let main_label = match names.get(&parent).map(String::as_str) {
        Some("PARENT") => format!("PARENT (pid {parent})"),
        _ => format!("main (pid {parent})"),
    };
    let mut lanes = vec![main_label];
    let mut lane_of = BTreeMap::new();
    let ordered: Vec<&(String, String)> = speakers.values().collect();
    for chunk in ordered.chunks(if grouped { per_lane } else { 1 }) {
        let label = match chunk {
            [one] => one.1.clone(),
            [first, .., last] => format!("{} – {}", first.1, last.1),
            [] => unreachable!("chunks are never empty"),
        };
        lanes.push(label);
        for (key, _) in chunk {
            lane_of.insert(key.clone(), lanes.len() - 1);
        }
    }
    let secs = |at: &std::time::Duration| (at.as_secs_f64() * 1000.0).round() / 1000.0;
    let mut marks = Vec::new();
    let (mut typed, mut exit) = (Vec::new(), Value::Null);
    for (at, event) in &run.events {
        match event {
            Event::Stdout(line) => {
                let lane = speaker(line).map_or(0, |(key, _)| lane_of[&key]);
                marks.push(json!({"lane": lane, "t": secs(at), "text": line}));
            }
            Event::Stderr(line) => {
                marks.push(json!({"lane": 0, "t": secs(at), "text": format!("stderr: {line}")}))
            }
            Event::Typed(line) => typed.push(json!({"t": secs(at), "text": line})),
            Event::Exited => exit = json!(secs(at)),
        }
    }
    json!({
        "name": program.name,
        "title": program.listing,
        "command": program.command_line(),
        "lanes": lanes,
        "grouping": grouped.then(|| format!("{} speakers, {per_lane} to a lane", speakers.len())),
        "marks": marks,
        "typed": typed,
        "exit": exit,
        "end": secs(&run.elapsed),
    })
}
