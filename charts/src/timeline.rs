//! A timeline picture: one lane per process or thread (the main one on top), a mark per line of
//! output at the time it arrived, the typed input and the started process's exit marked, seconds
//! along the bottom. plotters draws the axes and lanes; the marks are laid over them as SVG circles
//! with `<title>`s, so that hovering one shows its line (plotters has no hover text).

use std::fmt::Write as _;
use std::path::Path;

use plotters::prelude::*;
use serde_json::Value;

/// Mark colours, one per lane in turn (colour-blind-safe Okabe–Ito order).
const COLOURS: [&str; 7] = [
    "#000000", "#E69F00", "#56B4E9", "#009E73", "#D55E00", "#0072B2", "#CC79A7",
];
const WIDTH: u32 = 1000;

pub struct Timeline {
    title: String,
    command: String,
    lanes: Vec<String>,
    /// (lane, seconds, line)
    marks: Vec<(usize, f64, String)>,
    typed: Vec<(f64, String)>,
    exit: Option<f64>,
    end: f64,
    grouping: Option<String>,
}

pub fn write(data: &Path, svg_path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(data).map_err(|e| format!("cannot read {}: {e}", data.display()))?;
    let json: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", data.display()))?;
    let svg = render(&read(&json)?)?;
    std::fs::write(svg_path, svg).map_err(|e| format!("cannot write {}: {e}", svg_path.display()))
}

pub fn read(json: &Value) -> Result<Timeline, String> {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let list = |v: &Value| v.as_array().cloned().unwrap_or_default();
    let lanes: Vec<String> = list(&json["lanes"]).iter().map(text).collect();
    if lanes.is_empty() {
        return Err("a timeline needs at least the main lane".into());
    }
    let marks = list(&json["marks"])
        .iter()
        .map(|m| {
            let lane = m["lane"]
                .as_u64()
                .map(|l| l as usize)
                .filter(|l| *l < lanes.len())
                .ok_or("a mark in no lane")?;
            Ok((
                lane,
                m["t"].as_f64().ok_or("a mark with no time")?,
                text(&m["text"]),
            ))
        })
        .collect::<Result<_, String>>()?;
    Ok(Timeline {
        title: text(&json["title"]),
        command: text(&json["command"]),
        marks,
        typed: list(&json["typed"])
            .iter()
            .map(|t| (t["t"].as_f64().unwrap_or(0.0), text(&t["text"])))
            .collect(),
        exit: json["exit"].as_f64(),
        end: json["end"].as_f64().unwrap_or(0.0),
        grouping: json["grouping"].as_str().map(str::to_string),
        lanes,
    })
}

pub fn render(timeline: &Timeline) -> Result<String, String> {
    let lanes = timeline.lanes.len();
    let height = 110 + 34 * lanes as u32;
    let x_end = (timeline.end * 1.04).max(0.05);
    let row = |lane: usize| (lanes - 1 - lane) as f64; // the main lane on top
    let mut svg = String::new();
    let (marks, typed, exit) = {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let caption = format!("{} — {}", timeline.title, timeline.command);
        let mut chart = ChartBuilder::on(&root)
            .caption(caption, ("sans-serif", 17))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(190)
            .build_cartesian_2d(0f64..x_end, -0.5f64..lanes as f64 - 0.5)
            .map_err(|e| e.to_string())?;
        let labels = &timeline.lanes;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(lanes)
            .y_label_formatter(&|y| {
                let r = y.round();
                match (y - r).abs() < 0.01 && r >= 0.0 && (r as usize) < lanes {
                    true => labels[lanes - 1 - r as usize].clone(),
                    false => String::new(),
                }
            })
            .x_desc("seconds since the start")
            .draw()
            .map_err(|e| e.to_string())?;
        for edge in 0..=lanes {
            let y = edge as f64 - 0.5;
            let line = PathElement::new([(0.0, y), (x_end, y)], BLACK.mix(0.12));
            chart.draw_series([line]).map_err(|e| e.to_string())?;
        }
        let at = |t: f64, y: f64| chart.backend_coord(&(t, y));
        let marks: Vec<_> = timeline
            .marks
            .iter()
            .map(|(lane, t, _)| at(*t, row(*lane)))
            .collect();
        let typed: Vec<_> = timeline
            .typed
            .iter()
            .map(|(t, _)| at(*t, row(0) + 0.42))
            .collect();
        let exit = timeline.exit.map(|t| (at(t, row(0) + 0.5), at(t, row(0) - 0.5)));
        root.present().map_err(|e| e.to_string())?;
        (marks, typed, exit)
    };
    let mut overlay = String::from("<g class=\"overlay\">\n");
    if let Some(((x, top), (_, bottom))) = exit {
        let _ = writeln!(
            overlay,
            "<line class=\"exit\" x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{bottom}\" stroke=\"#D55E00\" stroke-width=\"2\" stroke-dasharray=\"4 3\"><title>{} has exited ({:.3} s)</title></line>\n\
             <text x=\"{}\" y=\"{}\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#D55E00\">exits</text>",
            escape(&timeline.lanes[0]),
            timeline.exit.unwrap_or_default(),
            x + 3,
            bottom - 3
        );
    }
    for ((x, y), (t, text)) in typed.iter().zip(&timeline.typed) {
        let shown = if text.is_empty() {
            "⏎".to_string()
        } else {
            format!("⏎ {text}")
        };
        let _ = writeln!(
            overlay,
            "<text class=\"typed\" x=\"{x}\" y=\"{y}\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#555555\">{}<title>typed at {t:.3} s: {}</title></text>",
            escape(&shown),
            escape(if text.is_empty() { "(Enter)" } else { text })
        );
    }
    for ((x, y), (lane, t, text)) in marks.iter().zip(&timeline.marks) {
        let _ = writeln!(
            overlay,
            "<circle class=\"mark\" cx=\"{x}\" cy=\"{y}\" r=\"5\" fill=\"{}\" fill-opacity=\"0.8\"><title>{t:.3} s: {}</title></circle>",
            COLOURS[lane % COLOURS.len()],
            escape(text)
        );
    }
    if let Some(grouping) = &timeline.grouping {
        let _ = writeln!(
            overlay,
            "<text x=\"12\" y=\"{}\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#555555\">lanes grouped: {}</text>",
            height - 6,
            escape(grouping)
        );
    }
    overlay.push_str("</g>\n</svg>");
    let end = svg.rfind("</svg>").ok_or("plotters wrote no </svg>")?;
    svg.replace_range(end.., &overlay);
    Ok(svg)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A fork_count run as `cargo xtask timeline` records it (pids shortened, three counts).
    fn fork_count() -> Value {
        let mut marks = vec![];
        for (i, pid) in [101, 102].iter().enumerate() {
            marks.push(
                json!({"lane": 0, "t": 0.001 * (i + 1) as f64, "text": format!("Process {pid} spawned")}),
            );
        }
        marks.push(json!({"lane": 0, "t": 0.003, "text": "Main process exiting."}));
        for i in 0..3 {
            for (lane, pid) in [(1, 101), (2, 102)] {
                marks.push(json!({"lane": lane, "t": 1.0 + i as f64, "text": format!("[{pid}] => {i}")}));
            }
        }
        json!({
            "name": "fork_count", "title": "Example 5-2, fork-count.py", "command": "$ cargo run -p fork_count",
            "lanes": ["PARENT (pid 100)", "CHILD1 (pid 101)", "CHILD2 (pid 102)"],
            "grouping": null, "marks": marks, "typed": [], "exit": 0.004, "end": 3.01
        })
    }

    #[test]
    fn draws_a_lane_per_process_and_a_mark_per_line() {
        let svg = render(&read(&fork_count()).unwrap()).unwrap();
        assert_eq!(svg.matches("<circle class=\"mark\"").count(), 9);
        for label in [
            "PARENT (pid 100)",
            "CHILD1 (pid 101)",
            "CHILD2 (pid 102)",
            "seconds since the start",
        ] {
            assert!(svg.contains(label), "no `{label}`");
        }
        assert!(
            svg.contains("<title>2.000 s: [102] =&gt; 1</title>"),
            "hover text is the line"
        );
        assert!(svg.contains("class=\"exit\""), "the parent's exit is marked");
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn the_layout_depends_only_on_the_data() {
        let data = read(&fork_count()).unwrap();
        assert_eq!(render(&data).unwrap(), render(&data).unwrap());
    }

    #[test]
    fn the_main_lane_is_on_top_and_later_lines_lie_further_right() {
        let svg = render(&read(&fork_count()).unwrap()).unwrap();
        let mark = |text: &str| {
            let at = svg.find(&format!("s: {text}</title>")).unwrap();
            let circle = &svg[svg[..at].rfind("<circle").unwrap()..at];
            let number = |attr: &str| -> f64 {
                let start = circle.find(attr).unwrap() + attr.len();
                circle[start..].split('"').next().unwrap().parse().unwrap()
            };
            (number("cx=\""), number("cy=\""))
        };
        let (parent_x, parent_y) = mark("Main process exiting.");
        let (child_x, child_y) = mark("[101] =&gt; 0");
        let (later_x, _) = mark("[101] =&gt; 2");
        assert!(parent_y < child_y, "the parent's lane is above its children's");
        assert!(parent_x < child_x && child_x < later_x);
    }

    #[test]
    fn typed_input_and_grouping_are_shown() {
        let mut data = fork_count();
        data["typed"] = json!([{"t": 0.3, "text": ""}, {"t": 0.6, "text": "q"}]);
        data["grouping"] = json!("20 speakers, 3 to a lane");
        let svg = render(&read(&data).unwrap()).unwrap();
        assert_eq!(svg.matches("class=\"typed\"").count(), 2);
        assert!(svg.contains("⏎ q"));
        assert!(svg.contains("lanes grouped: 20 speakers, 3 to a lane"));
    }

    #[test]
    fn a_mark_outside_the_lanes_is_an_error() {
        let mut data = fork_count();
        data["marks"][0]["lane"] = json!(7);
        assert!(read(&data).is_err());
    }
}
