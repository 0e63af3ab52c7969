//! Line shapes: how the catalogue describes each kind of line a program prints.
//!
//! A shape is the line's text with holes: `{pid}` a process id, `{n}` a number kept as it is,
//! `{n in A..=B}` any number from A to B, `{secs}` a duration. Writing `by` in a hole, as in
//! `[{by pid}] => {n}`, says that the hole names the process or thread that printed the line (its
//! speaker); a line with no `by` hole is printed by the program's main process or thread. Several
//! `by` numbers name a speaker together: in `got [producer id={by n}, count={by n}]` every message is
//! a speaker of its own, so such lines may come in any order.
//!
//! The same shape reads both a line of real output (`[4556] => 0`) and a line of a snapshot, where
//! the holes hold placeholders (`[<CHILD1>] => 0`).

use std::fmt;

/// What one hole in a shape stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hole {
    /// `{pid}`: a process id; the snapshot names it `<PARENT>`, `<CHILD1>`, ...
    Pid,
    /// `{n}`: a number the snapshot keeps as it is.
    Num,
    /// `{n in A..=B}`: any number from A to B; the snapshot shows `<A..=B>`.
    Range(u64, u64),
    /// `{secs}`: a duration in seconds, such as `0.52`; the snapshot shows `<SECONDS>`.
    Secs,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Hole(Hole),
}

/// Where a line comes from: its real output, or a snapshot with placeholders in its holes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Output,
    Snapshot,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    source: String,
    pieces: Vec<Piece>,
    /// The holes (counting holes from 0) that name the line's speaker; none for the main one.
    speaker: Vec<usize>,
}

impl Shape {
    pub fn parse(source: &str) -> Result<Shape, String> {
        let mut pieces = Vec::new();
        let mut speaker = Vec::new();
        let mut holes = 0;
        let mut rest = source;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                pieces.push(Piece::Text(rest[..open].to_string()));
            } else if matches!(pieces.last(), Some(Piece::Hole(_))) {
                return Err(format!("`{source}`: two holes side by side cannot be told apart"));
            }
            let close = rest[open..]
                .find('}')
                .ok_or_else(|| format!("`{source}`: a `{{` without its `}}`"))?;
            let inside = &rest[open + 1..open + close];
            let (by, kind) = match inside.strip_prefix("by ") {
                Some(kind) => (true, kind),
                None => (false, inside),
            };
            let hole = parse_hole(kind).ok_or_else(|| {
                format!("`{source}`: unknown hole `{{{inside}}}` (use pid, n, `n in A..=B` or secs)")
            })?;
            if by {
                speaker.push(holes);
            }
            pieces.push(Piece::Hole(hole));
            holes += 1;
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_string()));
        }
        let shape = Shape {
            source: source.to_string(),
            pieces,
            speaker,
        };
        let by: Vec<&Hole> = shape
            .speaker
            .iter()
            .filter_map(|&i| shape.holes().nth(i))
            .collect();
        match by[..] {
            [] | [Hole::Pid] => Ok(shape),
            _ if by.iter().all(|hole| **hole == Hole::Num) => Ok(shape),
            _ => Err(format!(
                "`{source}`: a speaker is named by one pid, or by numbers (`{{by n}}`)"
            )),
        }
    }

    /// The holes' contents if `line` has this shape; `None` if it does not.
    pub fn read(&self, line: &str, from: Source) -> Option<Vec<String>> {
        let mut tokens = Vec::new();
        let mut rest = line;
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => rest = rest.strip_prefix(text.as_str())?,
                Piece::Hole(hole) => {
                    let len = token_len(hole, rest, from)?;
                    tokens.push(rest[..len].to_string());
                    rest = &rest[len..];
                }
            }
        }
        rest.is_empty().then_some(tokens)
    }

    /// The line as a snapshot shows it: pids by name, ranges and durations redacted.
    pub fn render(&self, tokens: &[String], pid_name: impl Fn(&str) -> String) -> String {
        let mut line = String::new();
        let mut tokens = tokens.iter();
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => line.push_str(text),
                Piece::Hole(hole) => {
                    let token = tokens.next().expect("one token per hole");
                    match hole {
                        Hole::Pid => line.push_str(&format!("<{}>", pid_name(token))),
                        Hole::Num => line.push_str(token),
                        Hole::Range(..) | Hole::Secs => line.push_str(&redacted(hole)),
                    }
                }
            }
        }
        line
    }

    pub fn holes(&self) -> impl Iterator<Item = &Hole> {
        self.pieces.iter().filter_map(|piece| match piece {
            Piece::Hole(hole) => Some(hole),
            Piece::Text(_) => None,
        })
    }

    /// Whether the speaker is named by a pid (a process), rather than by numbers (a thread, ...).
    pub fn speaker_is_pid(&self) -> bool {
        matches!(self.speaker[..], [i] if self.holes().nth(i) == Some(&Hole::Pid))
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// Every shape a program's lines may have; `last` shapes must end the output.
#[derive(Clone, Debug, Default)]
pub struct LineShapes {
    shapes: Vec<Shape>,
    last: Option<usize>,
}

/// One line read with a program's shapes: which shape it has, and what its holes hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Said {
    pub shape: usize,
    pub tokens: Vec<String>,
}

impl LineShapes {
    pub fn new(lines: &[String], last: Option<&str>) -> Result<LineShapes, String> {
        let mut shapes: Vec<Shape> = lines.iter().map(|l| Shape::parse(l)).collect::<Result<_, _>>()?;
        let last = last.map(|source| {
            shapes.push(Shape::parse(source)?);
            Ok::<_, String>(shapes.len() - 1)
        });
        Ok(LineShapes {
            last: last.transpose()?,
            shapes,
        })
    }

    /// The first shape that fits `line`, with its holes' contents.
    pub fn read(&self, line: &str, from: Source) -> Option<Said> {
        self.shapes
            .iter()
            .enumerate()
            .find_map(|(shape, s)| s.read(line, from).map(|tokens| Said { shape, tokens }))
    }

    pub fn shape(&self, said: &Said) -> &Shape {
        &self.shapes[said.shape]
    }

    /// Who printed the line: the tokens that name its speaker (joined by commas), or `None` for the
    /// main one.
    pub fn speaker(&self, said: &Said) -> Option<String> {
        let holes = &self.shape(said).speaker;
        let tokens: Vec<&str> = holes.iter().map(|&hole| said.tokens[hole].as_str()).collect();
        (!tokens.is_empty()).then(|| tokens.join(","))
    }

    /// Whether lines of this shape must come after every other line.
    pub fn is_last(&self, said: &Said) -> bool {
        self.last == Some(said.shape)
    }
}

fn parse_hole(kind: &str) -> Option<Hole> {
    match kind {
        "pid" => Some(Hole::Pid),
        "n" => Some(Hole::Num),
        "secs" => Some(Hole::Secs),
        _ => {
            let (low, high) = kind.strip_prefix("n in ")?.split_once("..=")?;
            let (low, high) = (low.parse().ok()?, high.parse().ok()?);
            (low <= high).then_some(Hole::Range(low, high))
        }
    }
}

/// What a snapshot shows in place of a hole whose value varies from run to run.
fn redacted(hole: &Hole) -> String {
    match hole {
        Hole::Range(low, high) => format!("<{low}..={high}>"),
        Hole::Secs => "<SECONDS>".to_string(),
        Hole::Pid | Hole::Num => unreachable!("pids are named, numbers kept"),
    }
}

/// How long the token at the start of `text` is, if one fits `hole`.
fn token_len(hole: &Hole, text: &str, from: Source) -> Option<usize> {
    if from == Source::Snapshot && text.starts_with('<') {
        let len = text.find('>')? + 1;
        let token = &text[..len];
        let fits = match hole {
            Hole::Pid => is_placeholder(token),
            Hole::Num => false,
            Hole::Range(..) | Hole::Secs => token == redacted(hole),
        };
        return fits.then_some(len);
    }
    let allowed = |c: char| c.is_ascii_digit() || (*hole == Hole::Secs && c == '.');
    let len = text.find(|c: char| !allowed(c)).unwrap_or(text.len());
    let token = &text[..len];
    let fits = match hole {
        Hole::Pid | Hole::Num => token.parse::<u64>().is_ok(),
        Hole::Range(low, high) => token.parse().is_ok_and(|n: u64| (*low..=*high).contains(&n)),
        Hole::Secs => token.parse::<f64>().is_ok(),
    };
    fits.then_some(len)
}

/// `<NAME>`: a name in capitals and digits, the way snapshots name pids.
pub fn is_placeholder(token: &str) -> bool {
    token
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .is_some_and(|name| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(shape: &str, line: &str, from: Source) -> Option<Vec<String>> {
        Shape::parse(shape).unwrap().read(line, from)
    }

    #[test]
    fn reads_output_and_snapshot_lines() {
        let counting = "[{by pid}] => {n}";
        assert_eq!(
            read(counting, "[4556] => 0", Source::Output).unwrap(),
            ["4556", "0"]
        );
        assert_eq!(
            read(counting, "[<CHILD1>] => 0", Source::Snapshot).unwrap(),
            ["<CHILD1>", "0"]
        );
        assert_eq!(read(counting, "[<CHILD1>] => 0", Source::Output), None);
        assert_eq!(
            read(counting, "[4556] => <N>", Source::Snapshot),
            None,
            "numbers are kept"
        );
        assert_eq!(
            read(counting, "[4556] => 0 ", Source::Output),
            None,
            "whole line only"
        );
        assert_eq!(read(counting, "[4556] => ", Source::Output), None);
        assert_eq!(
            read("Main process exiting.", "Main process exiting.", Source::Output),
            Some(vec![])
        );
    }

    #[test]
    fn ranges_and_durations() {
        assert!(read("{n in 2..=200}", "200", Source::Output).is_some());
        assert!(read("{n in 2..=200}", "201", Source::Output).is_none());
        assert!(read("{n in 2..=200}", "1", Source::Output).is_none());
        assert!(read("{n in 2..=200}", "<2..=200>", Source::Snapshot).is_some());
        assert!(read("{n in 2..=200}", "<2..=201>", Source::Snapshot).is_none());
        assert!(read("in {secs} seconds", "in 0.52 seconds", Source::Output).is_some());
        assert!(read("in {secs} seconds", "in . seconds", Source::Output).is_none());
        assert!(read("in {secs} seconds", "in <SECONDS> seconds", Source::Snapshot).is_some());
    }

    #[test]
    fn renders_for_a_snapshot() {
        let shape = Shape::parse("Hello from parent {pid} {pid} in {secs} s, {n in 0..=9}").unwrap();
        let tokens = ["100", "101", "0.5", "3"].map(String::from);
        let name = |pid: &str| {
            if pid == "100" {
                "PARENT".into()
            } else {
                "CHILD1".into()
            }
        };
        assert_eq!(
            shape.render(&tokens, name),
            "Hello from parent <PARENT> <CHILD1> in <SECONDS> s, <0..=9>"
        );
    }

    #[test]
    fn rejects_bad_shapes() {
        assert!(Shape::parse("{pid}{n}").is_err());
        assert!(Shape::parse("{by pid} {by n}").is_err());
        assert!(Shape::parse("{by pid} {by pid}").is_err());
        assert!(Shape::parse("[{by n}, {by n}]").is_ok());
        assert!(Shape::parse("{tid}").is_err());
        assert!(Shape::parse("{n in 9..=1}").is_err());
        assert!(Shape::parse("[{pid]").is_err());
        assert!(Shape::parse("[{by pid}] => {n}").unwrap().speaker_is_pid());
        assert!(!Shape::parse("[{by n}] => {n}").unwrap().speaker_is_pid());
    }
}
