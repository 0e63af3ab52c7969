//! The CPU labs' work: `fib(N)` by naive recursion, COUNT times; 35 and 20 unless `--n` or `--count`
//! say otherwise (`cargo xtask verify` runs a smaller one, to stay quick).

use std::{env, process};

pub const DEFAULT_N: u32 = 35;
pub const DEFAULT_COUNT: usize = 20;

pub struct Work {
    pub n: u32,
    pub count: usize,
}

impl Work {
    /// Reads the lab's arguments; on a bad one, prints usage and exits.
    pub fn from_args() -> Work {
        let program = env::args().next().unwrap_or_default();
        let usage = || -> ! {
            eprintln!(
                "usage: {program} [--n N] [--count COUNT]   (default: fib({DEFAULT_N}), {DEFAULT_COUNT} times)"
            );
            process::exit(2)
        };
        let mut work = Work {
            n: DEFAULT_N,
            count: DEFAULT_COUNT,
        };
        let mut args = env::args().skip(1);
        while let Some(flag) = args.next() {
            let value = args.next();
            match (flag.as_str(), value.as_deref().map(str::parse::<usize>)) {
                ("--n", Some(Ok(n))) if n <= 90 => work.n = n as u32,
                ("--count", Some(Ok(count))) if count > 0 => work.count = count,
                _ => usage(),
            }
        }
        work
    }
}

/// Timings of a debug build mean little: say so, once, on stderr.
pub fn hint_if_debug(lab: &str) {
    if cfg!(debug_assertions) {
        eprintln!("{lab}: this is a debug build; for real timings run: cargo run --release -p {lab}");
    }
}
