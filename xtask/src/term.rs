//! How the xtask talks: colour and a live progress line on a terminal, plain text in CI or a pipe.

use std::io::{IsTerminal, Write};

use std::time::Duration;

use similar::{ChangeTag, TextDiff};

/// How many lines of a diff verify prints.
pub const DIFF_LINES: usize = 120;

#[derive(Clone, Copy)]
pub struct Term {
    pub fancy: bool,
}

impl Term {
    /// Colour and progress only on a terminal, never in CI, and not when NO_COLOR is set.
    pub fn detect() -> Term {
        let set = |var: &str| std::env::var_os(var).is_some_and(|v| !v.is_empty());
        Term {
            fancy: std::io::stdout().is_terminal() && !set("CI") && !set("NO_COLOR"),
        }
    }

    fn paint(self, code: &str, text: &str) -> String {
        match self.fancy {
            true => format!("\x1b[{code}m{text}\x1b[0m"),
            false => text.to_string(),
        }
    }

    pub fn green(self, text: &str) -> String {
        self.paint("32", text)
    }

    pub fn red(self, text: &str) -> String {
        self.paint("31;1", text)
    }

    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    /// Replaces the progress line (terminal only); `print` clears it first.
    pub fn progress(self, text: &str) {
        if self.fancy {
            print!("\r\x1b[K{}", self.dim(text));
            let _ = std::io::stdout().flush();
        }
    }

    pub fn print(self, text: &str) {
        if self.fancy {
            print!("\r\x1b[K");
        }
        println!("{text}");
    }

    /// A unified diff from `old` to `new`, `-` lines red and `+` lines green on a terminal; at most
    /// [`DIFF_LINES`] lines of it, and no more than a second's work, however wild the output.
    pub fn diff(self, old_name: &str, old: &str, new_name: &str, new: &str) -> String {
        let diff = TextDiff::configure()
            .timeout(Duration::from_secs(1))
            .diff_lines(old, new);
        let mut out = format!("--- {old_name}\n+++ {new_name}\n");
        let mut shown = 0;
        for group in diff.grouped_ops(3) {
            out.push_str(&self.dim("@@\n"));
            for op in group {
                for change in diff.iter_changes(&op) {
                    shown += 1;
                    if shown > DIFF_LINES {
                        let more = diff
                            .iter_all_changes()
                            .filter(|c| c.tag() != ChangeTag::Equal)
                            .count();
                        out.push_str(
                            &self.dim(&format!("... the diff goes on ({more} changed lines in all)\n")),
                        );
                        return out;
                    }
                    let line = format!("{}{}", change.tag(), change.value().trim_end_matches('\n'));
                    out.push_str(&match change.tag() {
                        ChangeTag::Delete => self.red(&line),
                        ChangeTag::Insert => self.green(&line),
                        ChangeTag::Equal => line,
                    });
                    out.push('\n');
                }
            }
        }
        out
    }
}
