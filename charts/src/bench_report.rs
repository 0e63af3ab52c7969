//! The bench report: from `cargo xtask bench`'s measurements to a Markdown table (also printed on
//! the terminal) and an SVG bar chart.

use std::fmt::Write as _;
use std::path::Path;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde_json::Value;

use crate::stats::{median, min_max, seconds, seconds_short};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Io,
    Cpu,
}

struct Lab {
    name: String,
    kind: Kind,
    /// How many downloads or computations run at once.
    at_once: usize,
    at_once_text: String,
    rust: Vec<f64>,
    python: Vec<f64>,
}

struct Spawn {
    name: String,
    median_us: f64,
    fastest_us: f64,
    slowest_us: f64,
    samples: u64,
}

struct Bench {
    machine: String,
    cores: usize,
    rounds: u64,
    latency: Vec<f64>,
    labs: Vec<Lab>,
    spawn: Vec<Spawn>,
    notes: Vec<String>,
}

pub fn write(data: &Path, out_dir: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(data).map_err(|e| format!("cannot read {}: {e}", data.display()))?;
    let json: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", data.display()))?;
    let bench = read(&json)?;
    let report = report(&bench)?;
    let report_path = out_dir.join("report.md");
    let chart_path = out_dir.join("chart.svg");
    std::fs::write(&report_path, &report)
        .map_err(|e| format!("cannot write {}: {e}", report_path.display()))?;
    chart(&bench, &chart_path)?;
    print!("{report}");
    println!(
        "\nreport: {}\nchart:  {}",
        report_path.display(),
        chart_path.display()
    );
    Ok(())
}

fn read(json: &Value) -> Result<Bench, String> {
    let numbers = |v: &Value| -> Vec<f64> {
        v.as_array()
            .map_or(Vec::new(), |a| a.iter().filter_map(Value::as_f64).collect())
    };
    let machine = &json["machine"];
    let cores = machine["cores"].as_u64().unwrap_or(1) as usize;
    let text = |v: &Value| v.as_str().unwrap_or("unknown").to_string();
    let mut labs = Vec::new();
    for lab in json["labs"].as_array().ok_or("no labs in the measurements")? {
        let kind = match lab["kind"].as_str() {
            Some("io") => Kind::Io,
            Some("cpu") => Kind::Cpu,
            other => return Err(format!("unknown lab kind {other:?}")),
        };
        let (at_once, at_once_text) = match &lab["at_once"] {
            Value::String(s) if s == "cores" => (cores, format!("one per core ({cores})")),
            Value::String(s) if s == "all" => match kind {
                Kind::Io => (labs::DOWNLOADS, "all at once".to_string()),
                Kind::Cpu => (cores, "all at once".to_string()),
            },
            n => {
                let n = n
                    .as_u64()
                    .ok_or("a lab's at_once must be a number, \"cores\" or \"all\"")?
                    as usize;
                (n, format!("{n} at a time"))
            }
        };
        labs.push(Lab {
            name: text(&lab["name"]),
            kind,
            at_once,
            at_once_text,
            rust: numbers(&lab["rust"]),
            python: numbers(&lab["python"]),
        });
    }
    let spawn = json["spawn"]
        .as_array()
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|row| Spawn {
            name: text(&row["name"]),
            median_us: row["median_us"].as_f64().unwrap_or(f64::NAN),
            fastest_us: row["fastest_us"].as_f64().unwrap_or(f64::NAN),
            slowest_us: row["slowest_us"].as_f64().unwrap_or(f64::NAN),
            samples: row["samples"].as_u64().unwrap_or(0),
        });
    let versions: Vec<String> = ["rustc", "python"]
        .iter()
        .filter_map(|k| machine[*k].as_str().map(str::to_string))
        .collect();
    Ok(Bench {
        machine: format!(
            "{}, {cores} cores, {}; {}",
            text(&machine["cpu"]),
            text(&machine["os"]),
            versions.join(", ")
        ),
        cores,
        rounds: json["rounds"].as_u64().unwrap_or(0),
        latency: numbers(&json["latency"]),
        labs,
        spawn: spawn.collect(),
        notes: json["notes"]
            .as_array()
            .map_or(Vec::new(), |n| n.iter().map(text).collect()),
    })
}

/// The best a lab's model can do: for I/O, one request's latency times the waves of requests it
/// needs; for CPU, the non-concurrent time divided by the cores the model can use.
fn floor(bench: &Bench, lab: &Lab, baseline: Option<f64>) -> Option<(f64, String)> {
    match lab.kind {
        Kind::Io => {
            let latency = median(&bench.latency)?;
            let waves = labs::DOWNLOADS.div_ceil(lab.at_once.max(1));
            Some((latency * waves as f64, format!("{waves} × {}", seconds(latency))))
        }
        Kind::Cpu => {
            let cores = lab.at_once.clamp(1, bench.cores);
            let unit = if cores == 1 { "core" } else { "cores" };
            Some((
                baseline? / cores as f64,
                format!("{} / {cores} {unit}", seconds(baseline?)),
            ))
        }
    }
}

/// The first lab of each kind, in book order, is the non-concurrent baseline.
fn baseline(bench: &Bench, kind: Kind, times: impl Fn(&Lab) -> &[f64]) -> Option<f64> {
    bench
        .labs
        .iter()
        .find(|lab| lab.kind == kind)
        .and_then(|lab| median(times(lab)))
}

fn report(bench: &Bench) -> Result<String, String> {
    let latency = median(&bench.latency).ok_or("no latency measured")?;
    let python = bench.labs.iter().any(|lab| !lab.python.is_empty());
    let mut out = String::new();
    let _ = writeln!(out, "# The labs, measured\n");
    let _ = writeln!(
        out,
        "Machine: {}. Rounds, interleaved: {}. One request to the local site took {} (median of {}).\n",
        bench.machine,
        bench.rounds,
        seconds(latency),
        bench.latency.len()
    );
    let _ = write!(
        out,
        "| Lab | At once | Rust: median (min–max) | Speed-up | Floor | × floor |"
    );
    let _ = writeln!(
        out,
        "{}",
        if python {
            " Python: median (min–max) | Speed-up | × floor |"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "|---|---|---|---|---|---|{}",
        if python { "---|---|---|" } else { "" }
    );
    for lab in &bench.labs {
        let rust_base = baseline(bench, lab.kind, |l| &l.rust);
        let py_base = baseline(bench, lab.kind, |l| &l.python);
        let _ = write!(out, "| `{}` | {} |", lab.name, lab.at_once_text);
        let columns = |times: &[f64], base: Option<f64>, show_floor: bool| -> String {
            let (Some(m), Some((lo, hi))) = (median(times), min_max(times)) else {
                return if show_floor {
                    " – | – | – | – |".into()
                } else {
                    " – | – | – |".into()
                };
            };
            let speedup = base.map_or("–".into(), |b| format!("{:.2}×", b / m));
            let floor = floor(bench, lab, base);
            let vs_floor = floor
                .as_ref()
                .map_or("–".into(), |(f, _)| format!("{:.2}", m / f));
            let floor_text = floor.map_or("–".into(), |(f, how)| format!("{} ({how})", seconds(f)));
            match show_floor {
                true => format!(
                    " {} ({}–{}) | {speedup} | {floor_text} | {vs_floor} |",
                    seconds(m),
                    seconds(lo),
                    seconds(hi)
                ),
                false => format!(
                    " {} ({}–{}) | {speedup} | {vs_floor} |",
                    seconds(m),
                    seconds(lo),
                    seconds(hi)
                ),
            }
        };
        let _ = write!(out, "{}", columns(&lab.rust, rust_base, true));
        if python {
            let _ = write!(out, "{}", columns(&lab.python, py_base, false));
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "\nSpeed-up is over the non-concurrent lab of the same kind. The floor is the best the model can do: \
         for I/O, one request's latency times the waves of requests it needs ({} downloads, 5 at a time: {} \
         waves); for CPU, the non-concurrent time divided by the cores the model can use. \
         \"× floor\" near 1 means the model does as well as it can.",
        labs::DOWNLOADS,
        labs::DOWNLOADS.div_ceil(5)
    );
    if !bench.spawn.is_empty() {
        let _ = writeln!(out, "\n## What starting concurrency costs (divan, per item)\n");
        let _ = writeln!(
            out,
            "| What | Median | Fastest–slowest | Samples |\n|---|---|---|---|"
        );
        for row in &bench.spawn {
            let _ = writeln!(
                out,
                "| {} | {:.1} µs | {:.1}–{:.1} µs | {} |",
                describe(&row.name),
                row.median_us,
                row.fastest_us,
                row.slowest_us,
                row.samples
            );
        }
    }
    for note in &bench.notes {
        let _ = writeln!(out, "\nNote: {note}");
    }
    Ok(out)
}

fn describe(bench: &str) -> String {
    match bench {
        "thread_spawn_join" => "spawn and join a thread".into(),
        "fork_exit_waitpid" => "fork, `_exit`, `waitpid`".into(),
        "spawn_true_wait" => "spawn `/bin/true` and wait".into(),
        other => other.replace('_', " "),
    }
}

const RUST: RGBColor = RGBColor(0xb7, 0x41, 0x0e);
const PYTHON: RGBColor = RGBColor(0x30, 0x69, 0x98);

fn chart(bench: &Bench, path: &Path) -> Result<(), String> {
    let root = SVGBackend::new(path, (1260, 480)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (header, body) = root.split_vertically(28);
    let panels = body.split_evenly((1, 3));
    for (panel, kind) in panels.iter().zip([Kind::Io, Kind::Cpu]) {
        let labs: Vec<&Lab> = bench.labs.iter().filter(|lab| lab.kind == kind).collect();
        let title = match kind {
            Kind::Io => format!("I/O-bound: {} downloads", labs::DOWNLOADS),
            Kind::Cpu => "CPU-bound: fib(35) × 20".to_string(),
        };
        let bars: Vec<(String, Vec<(f64, RGBColor)>)> = labs
            .iter()
            .map(|lab| {
                let name = lab
                    .name
                    .split_once('_')
                    .map_or(lab.name.as_str(), |(_, model)| model)
                    .replace('_', "-");
                let values = [(median(&lab.rust), RUST), (median(&lab.python), PYTHON)];
                (
                    name,
                    values
                        .into_iter()
                        .filter_map(|(m, c)| m.map(|m| (m, c)))
                        .collect(),
                )
            })
            .collect();
        bar_panel(panel, &title, "seconds (log scale)", &bars, seconds_short)?;
    }
    let spawn: Vec<(String, Vec<(f64, RGBColor)>)> = bench
        .spawn
        .iter()
        .map(|row| (short(&row.name), vec![(row.median_us, RUST)]))
        .collect();
    bar_panel(
        &panels[2],
        "Starting concurrency (median)",
        "µs per item (log scale)",
        &spawn,
        |us| format!("{us:.0} µs"),
    )?;
    let python = bench.labs.iter().any(|lab| !lab.python.is_empty());
    let legend: &[(&str, RGBColor)] = if python {
        &[("Rust", RUST), ("Python", PYTHON)]
    } else {
        &[("Rust", RUST)]
    };
    for (i, (name, color)) in legend.iter().enumerate() {
        let x = 20 + i as i32 * 90;
        header
            .draw(&Rectangle::new([(x, 8), (x + 14, 22)], color.filled()))
            .map_err(|e| e.to_string())?;
        header
            .draw(&Text::new(*name, (x + 20, 8), ("sans-serif", 15)))
            .map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())
}

fn short(bench: &str) -> String {
    match bench {
        "thread_spawn_join" => "thread".into(),
        "fork_exit_waitpid" => "fork".into(),
        "spawn_true_wait" => "spawn /bin/true".into(),
        other => other.into(),
    }
}

type Bars = [(String, Vec<(f64, RGBColor)>)];

/// One panel: a group of bars per label, on a log scale, each bar with its value on top.
fn bar_panel(
    area: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    title: &str,
    y_desc: &str,
    groups: &Bars,
    label: impl Fn(f64) -> String,
) -> Result<(), String> {
    let values = groups
        .iter()
        .flat_map(|(_, bars)| bars.iter().map(|(v, _)| *v))
        .filter(|v| *v > 0.0);
    let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (lo, hi) = if lo > hi {
        (0.1, 1.0)
    } else {
        (
            10f64.powf(lo.log10().floor()),
            10f64.powf((hi * 3.0).log10().ceil()),
        )
    };
    let n = groups.len().max(1);
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(30)
        .y_label_area_size(60)
        .build_cartesian_2d(-0.5f64..n as f64 - 0.5, (lo..hi).log_scale())
        .map_err(|e| e.to_string())?;
    let names: Vec<&str> = groups.iter().map(|(name, _)| name.as_str()).collect();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n)
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() < 0.01 && i >= 0.0 {
                names.get(i as usize).copied().unwrap_or("").to_string()
            } else {
                String::new()
            }
        })
        .y_desc(y_desc)
        .y_label_formatter(&|y| label(*y))
        .draw()
        .map_err(|e| e.to_string())?;
    for (i, (_, bars)) in groups.iter().enumerate() {
        let width = 0.8 / bars.len().max(1) as f64;
        for (j, (value, color)) in bars.iter().enumerate() {
            let left = i as f64 - 0.4 + j as f64 * width;
            chart
                .draw_series([Rectangle::new(
                    [(left + 0.02, lo), (left + width - 0.02, *value)],
                    color.filled(),
                )])
                .map_err(|e| e.to_string())?;
            let above =
                TextStyle::from(("sans-serif", 12).into_font()).pos(Pos::new(HPos::Center, VPos::Bottom));
            let text = Text::new(label(*value), (left + width / 2.0, *value * 1.05), above);
            chart.draw_series([text]).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn measurements(python: bool) -> Value {
        let py = |v: Vec<f64>| if python { v } else { vec![] };
        json!({
            "machine": {"cpu": "Test CPU", "cores": 2, "os": "Linux", "rustc": "rustc 1.95.0", "python": "Python 3.11.7"},
            "rounds": 3,
            "latency": [0.052, 0.052, 0.053],
            "labs": [
                {"name": "io_non_concurrent", "kind": "io", "at_once": 1, "rust": [8.2, 8.3, 8.25], "python": py(vec![8.4, 8.5, 8.45])},
                {"name": "io_threads", "kind": "io", "at_once": 5, "rust": [1.65, 1.66, 1.64], "python": py(vec![1.7, 1.75, 1.73])},
                {"name": "io_async", "kind": "io", "at_once": "all", "rust": [0.08, 0.09, 0.081], "python": py(vec![0.16, 0.17, 0.18])},
                {"name": "io_processes", "kind": "io", "at_once": "cores", "rust": [4.1, 4.2, 4.12], "python": py(vec![4.3, 4.35, 4.34])},
                {"name": "cpu_non_concurrent", "kind": "cpu", "at_once": 1, "rust": [0.42, 0.41, 0.43], "python": py(vec![37.0, 36.0, 38.0])},
                {"name": "cpu_threads", "kind": "cpu", "at_once": 5, "rust": [0.21, 0.2, 0.22], "python": py(vec![38.0, 38.3, 39.0])},
                {"name": "cpu_async", "kind": "cpu", "at_once": 1, "rust": [0.4, 0.41, 0.4], "python": py(vec![35.0, 35.3, 36.0])},
                {"name": "cpu_processes", "kind": "cpu", "at_once": "cores", "rust": [0.206, 0.2, 0.21], "python": py(vec![19.0, 19.5, 18.0])}
            ],
            "spawn": [
                {"name": "fork_exit_waitpid", "median_us": 98.6, "fastest_us": 95.6, "slowest_us": 165.0, "samples": 100},
                {"name": "thread_spawn_join", "median_us": 27.2, "fastest_us": 26.5, "slowest_us": 212.0, "samples": 100}
            ],
            "notes": []
        })
    }

    #[test]
    fn the_report_computes_speed_ups_and_floors() {
        let bench = read(&measurements(true)).unwrap();
        let report = report(&bench).unwrap();
        // 160 downloads, 5 at a time: 32 waves of the 52 ms median latency.
        assert!(report.contains("| `io_threads` | 5 at a time | 1.650 s (1.640 s–1.660 s) | 5.00× | 1.664 s (32 × 52.0 ms) | 0.99 |"), "{report}");
        // CPU threads on 2 cores: the floor is half the sequential time.
        assert!(report.contains("| `cpu_threads` | 5 at a time | 0.210 s (0.200 s–0.220 s) | 2.00× | 0.210 s (0.420 s / 2 cores) | 1.00 |"), "{report}");
        // Python's threads: no faster than its sequential run.
        assert!(
            report.contains("38.3 s (38.0 s–39.0 s) | 0.97× | 2.07 |"),
            "{report}"
        );
        assert!(
            report.contains("| spawn and join a thread | 27.2 µs | 26.5–212.0 µs | 100 |"),
            "{report}"
        );
    }

    #[test]
    fn without_python_the_columns_are_left_out() {
        let report = report(&read(&measurements(false)).unwrap()).unwrap();
        assert!(!report.contains("Python: median"));
        assert!(report.contains("| `io_async` | all at once | 81.0 ms (80.0 ms–90.0 ms) | 101.85× | 52.0 ms (1 × 52.0 ms) | 1.56 |"), "{report}");
    }

    #[test]
    fn the_chart_has_a_bar_per_lab_and_language() {
        let dir = std::env::temp_dir().join(format!("charts-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("chart.svg");
        chart(&read(&measurements(true)).unwrap(), &path).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let bars = |color: RGBColor| {
            svg.matches(&format!(
                "fill=\"#{:02X}{:02X}{:02X}\"",
                color.0, color.1, color.2
            ))
            .count()
        };
        // 8 labs + 2 spawn benches + the legend's swatch in Rust's colour; 8 labs + a swatch in Python's.
        assert_eq!(bars(RUST), 8 + 2 + 1);
        assert_eq!(bars(PYTHON), 8 + 1);
        for text in [
            "I/O-bound: 160 downloads",
            "CPU-bound: fib(35) × 20",
            "non-concurrent",
            "processes",
            "8.25 s",
        ] {
            assert!(svg.contains(text), "no `{text}` in the chart");
        }
    }
}
