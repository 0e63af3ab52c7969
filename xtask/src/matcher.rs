//! Does a run's output match its snapshot? Exactly what the program guarantees is checked:
//!
//! - each line is said by a speaker (a process or thread, see [`crate::shape`]); every speaker's
//!   lines must be the snapshot's lines for that speaker, all of them, in the same order;
//! - lines of different speakers may interleave in any order;
//! - a placeholder such as `<CHILD1>` stands for one pid everywhere, different placeholders for
//!   different pids, and `<PARENT>` (or `<PID>`) for the process that verify started;
//! - lines of the catalogue's `last` shape come after every other line.

use std::collections::HashMap;

use crate::shape::{Hole, LineShapes, Said, Source, is_placeholder};

/// Checks `actual` output lines against a snapshot's `expected` lines; the error says why not.
pub fn check(
    shapes: &LineShapes,
    expected: &[String],
    actual: &[&str],
    parent_pid: u32,
) -> Result<(), String> {
    let expected =
        read_all(shapes, expected.iter().map(String::as_str), Source::Snapshot).map_err(|(n, line)| {
            format!("snapshot line {n}, `{line}`, has no shape in the catalogue: re-bless it")
        })?;
    let actual = read_all(shapes, actual.iter().copied(), Source::Output)
        .map_err(|(n, line)| format!("output line {n}, `{line}`, has none of the shapes in the catalogue"))?;
    check_last(shapes, &actual)?;
    let actual = streams(shapes, &actual);
    let actual_index = actual
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key.clone(), i))
        .collect();
    let matcher = Matcher {
        shapes,
        expected: streams(shapes, &expected),
        actual,
        actual_index,
    };
    let pending: Vec<usize> = (0..matcher.expected.len()).collect();
    let bindings = Bindings {
        parent: parent_pid.to_string(),
        ..Bindings::default()
    };
    matcher.solve(&pending, bindings, &mut vec![false; matcher.actual.len()])
}

/// A line as read: its number (from 1), its text and its shape.
struct Line<'a> {
    number: usize,
    text: &'a str,
    said: Said,
}

/// One speaker's lines, in order; `key` is the token naming the speaker (`None`: the main one).
struct Stream<'a> {
    key: Option<String>,
    lines: Vec<&'a Line<'a>>,
}

fn read_all<'a>(
    shapes: &LineShapes,
    lines: impl Iterator<Item = &'a str>,
    from: Source,
) -> Result<Vec<Line<'a>>, (usize, &'a str)> {
    lines
        .enumerate()
        .map(|(i, text)| match shapes.read(text, from) {
            Some(said) => Ok(Line {
                number: i + 1,
                text,
                said,
            }),
            None => Err((i + 1, text)),
        })
        .collect()
}

fn streams<'a>(shapes: &LineShapes, lines: &'a [Line<'a>]) -> Vec<Stream<'a>> {
    let mut streams: Vec<Stream> = Vec::new();
    let mut index: HashMap<Option<String>, usize> = HashMap::new();
    for line in lines {
        let key = shapes.speaker(&line.said);
        match index.get(&key) {
            Some(&i) => streams[i].lines.push(line),
            None => {
                index.insert(key.clone(), streams.len());
                streams.push(Stream {
                    key,
                    lines: vec![line],
                });
            }
        }
    }
    streams
}

fn check_last(shapes: &LineShapes, actual: &[Line]) -> Result<(), String> {
    let first_last = actual.iter().position(|l| shapes.is_last(&l.said));
    let after = first_last.and_then(|i| actual[i..].iter().find(|l| !shapes.is_last(&l.said)));
    match (first_last, after) {
        (Some(i), Some(later)) => Err(format!(
            "`{}` (line {}) must come after every other line, but line {}, `{}`, came later",
            actual[i].text, actual[i].number, later.number, later.text
        )),
        _ => Ok(()),
    }
}

/// Which pid each placeholder stands for, both ways round, so that no two share one.
#[derive(Clone, Default)]
struct Bindings {
    parent: String,
    pid_of: HashMap<String, String>,
    name_of: HashMap<String, String>,
}

impl Bindings {
    fn bind(&mut self, placeholder: &str, pid: &str) -> Result<(), String> {
        if placeholder == "<PARENT>" || placeholder == "<PID>" {
            return match pid == self.parent {
                true => Ok(()),
                false => Err(format!(
                    "{placeholder} is {}, the process verify started, not {pid}",
                    self.parent
                )),
            };
        }
        if pid == self.parent {
            return Err(format!(
                "{placeholder} must be another process than the one verify started ({pid})"
            ));
        }
        match (self.pid_of.get(placeholder), self.name_of.get(pid)) {
            (Some(bound), _) if bound != pid => Err(format!("{placeholder} was {bound} earlier, {pid} here")),
            (None, Some(other)) => Err(format!(
                "{placeholder} and {other} must be different processes, both are {pid}"
            )),
            _ => {
                self.pid_of.insert(placeholder.to_string(), pid.to_string());
                self.name_of.insert(pid.to_string(), placeholder.to_string());
                Ok(())
            }
        }
    }

    /// The real key an expected speaker key stands for, if it is known yet.
    fn resolve(&self, key: &Option<String>) -> Option<Option<String>> {
        match key {
            None => Some(None),
            Some(token) if token == "<PARENT>" || token == "<PID>" => Some(Some(self.parent.clone())),
            Some(token) if is_placeholder(token) => self.pid_of.get(token).map(|pid| Some(pid.clone())),
            Some(literal) => Some(Some(literal.clone())),
        }
    }
}

struct Matcher<'a> {
    shapes: &'a LineShapes,
    expected: Vec<Stream<'a>>,
    actual: Vec<Stream<'a>>,
    /// Where each actual speaker's stream is in `actual`.
    actual_index: HashMap<Option<String>, usize>,
}

impl Matcher<'_> {
    /// Pairs every expected stream with an actual one, trying each candidate where the snapshot's
    /// placeholder leaves the choice open.
    fn solve(&self, pending: &[usize], mut bindings: Bindings, used: &mut Vec<bool>) -> Result<(), String> {
        let Some(&next) = pending.first() else {
            return match (0..self.actual.len()).find(|&a| !used[a]) {
                Some(a) => {
                    let line = self.actual[a].lines[0];
                    Err(format!(
                        "unexpected line {}, `{}`: the snapshot has no such speaker",
                        line.number, line.text
                    ))
                }
                None => Ok(()),
            };
        };
        // Prefer a stream whose speaker is already known: it needs no guessing.
        let known = pending
            .iter()
            .position(|&e| bindings.resolve(&self.expected[e].key).is_some());
        if let Some(i) = known {
            let expected = &self.expected[pending[i]];
            let key = bindings.resolve(&expected.key).expect("known");
            let actual = self.actual_index.get(&key).copied();
            if let Some(a) = actual {
                used[a] = true;
            }
            self.compare(expected, actual.map(|a| &self.actual[a]), &mut bindings)?;
            let rest: Vec<usize> = pending.iter().copied().filter(|&e| e != pending[i]).collect();
            return self.solve(&rest, bindings, used);
        }
        // Every remaining speaker is a placeholder nothing has named yet: try each unused stream.
        let expected = &self.expected[next];
        let placeholder = expected.key.as_deref().expect("the main stream is always known");
        let mut first_error = None;
        for a in (0..self.actual.len()).filter(|&a| !used[a] && self.actual[a].key.is_some()) {
            let mut trial = bindings.clone();
            let mut trial_used = used.clone();
            trial_used[a] = true;
            let attempt = trial
                .bind(placeholder, self.actual[a].key.as_deref().expect("filtered"))
                .and_then(|()| self.compare(expected, Some(&self.actual[a]), &mut trial))
                .and_then(|()| self.solve(&pending[1..], trial, &mut trial_used));
            match attempt {
                Ok(()) => {
                    *used = trial_used;
                    return Ok(());
                }
                Err(error) => first_error = first_error.or(Some(error)),
            }
        }
        Err(first_error.unwrap_or_else(|| {
            format!(
                "no process or thread printed the lines of {placeholder}, such as `{}`",
                expected.lines[0].text
            )
        }))
    }

    /// One speaker's lines, expected against actual, in order.
    fn compare(
        &self,
        expected: &Stream,
        actual: Option<&Stream>,
        bindings: &mut Bindings,
    ) -> Result<(), String> {
        let actual_lines = actual.map_or(&[][..], |s| &s.lines[..]);
        let who = match &expected.key {
            None => "the main process or thread".to_string(),
            Some(key) => match bindings.resolve(&expected.key) {
                Some(Some(real)) if real != *key => format!("{key} ({real})"),
                _ => key.clone(),
            },
        };
        for (i, want) in expected.lines.iter().enumerate() {
            let Some(got) = actual_lines.get(i) else {
                return Err(format!(
                    "{who} printed {} of its {} lines: missing `{}`",
                    actual_lines.len(),
                    expected.lines.len(),
                    want.text
                ));
            };
            self.compare_line(want, got, bindings).map_err(|why| {
                format!(
                    "{who}'s line {} should be `{}` but is `{}` (output line {}): {why}",
                    i + 1,
                    want.text,
                    got.text,
                    got.number
                )
            })?;
        }
        match actual_lines.get(expected.lines.len()) {
            Some(extra) => Err(format!(
                "{who} printed {} lines, not {}: extra line {}, `{}`",
                actual_lines.len(),
                expected.lines.len(),
                extra.number,
                extra.text
            )),
            None => Ok(()),
        }
    }

    fn compare_line(&self, want: &Line, got: &Line, bindings: &mut Bindings) -> Result<(), String> {
        if want.said.shape != got.said.shape {
            return Err("a different kind of line".into());
        }
        let holes = self.shapes.shape(&want.said).holes();
        for ((hole, want), got) in holes.zip(&want.said.tokens).zip(&got.said.tokens) {
            match hole {
                Hole::Pid if is_placeholder(want) => bindings.bind(want, got)?,
                Hole::Pid | Hole::Num if want != got => return Err(format!("{got} where {want} belongs")),
                // The shape already checked the value: a number in range, a duration.
                _ => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
