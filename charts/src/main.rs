//! `charts`: draws what `cargo xtask` measures, so that the xtask itself needs no chart library.
//!
//! - `charts bench MEASUREMENTS.json OUT_DIR`: the bench report (`report.md`) and chart (`chart.svg`).
//! - `charts timeline RUN.json OUT.svg`: one program's timeline.

mod bench_report;
mod stats;
mod timeline;

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["bench", data, out_dir] => bench_report::write(Path::new(data), Path::new(out_dir)),
        ["timeline", data, svg] => timeline::write(Path::new(data), Path::new(svg)),
        _ => Err("usage: charts bench MEASUREMENTS.json OUT_DIR | charts timeline RUN.json OUT.svg   (run by cargo xtask)".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("charts: {message}");
            ExitCode::FAILURE
        }
    }
}
