//! A pool of worker processes, the way multiprocessing's "spawn" start method makes one: each worker
//! is this same program started again with `--worker`, never a `fork` of a process that may already
//! run other threads (a forked child gets a copy of their memory, locks held, but not the threads
//! that would release them).
//!
//! The parent deals jobs out round-robin, one line each on a worker's stdin, then closes it; a worker
//! answers one line per job on its stdout and ends at end of input. Dropping the pool kills and reaps
//! every worker, so none outlives the lab even when it fails.

use std::io::{self, BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::{env, thread};

/// The argument that starts a worker.
pub const WORKER: &str = "--worker";

/// Whether this process was started as a worker.
pub fn is_worker() -> bool {
    env::args().nth(1).as_deref() == Some(WORKER)
}

/// One worker per core: what a CPU-bound pool wants.
pub fn cores() -> usize {
    thread::available_parallelism().map_or(2, |n| n.get())
}

pub struct ProcessPool {
    workers: Vec<Child>,
}

impl ProcessPool {
    pub fn start(size: usize) -> io::Result<ProcessPool> {
        let me = env::current_exe()?;
        let mut pool = ProcessPool { workers: Vec::new() };
        for _ in 0..size.max(1) {
            let worker = Command::new(&me)
                .arg(WORKER)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()?;
            pool.workers.push(worker);
        }
        Ok(pool)
    }

    /// Sends every job to a worker, calls `answer` with each answer line as it arrives (from any
    /// worker, on that worker's reading thread), then reaps the workers. Returns how many answers came.
    pub fn map(mut self, jobs: &[String], answer: impl Fn(&str) + Sync) -> io::Result<usize> {
        let size = self.workers.len();
        for (i, worker) in self.workers.iter_mut().enumerate() {
            let mut stdin = worker.stdin.take().expect("piped");
            for job in jobs.iter().skip(i).step_by(size) {
                writeln!(stdin, "{job}")?;
            } // dropping stdin ends the worker's input
        }
        let answer = &answer;
        let answered = thread::scope(|scope| {
            let readers: Vec<_> = (self.workers.iter_mut())
                .map(|worker| {
                    let lines = BufReader::new(worker.stdout.take().expect("piped")).lines();
                    scope.spawn(move || lines.map_while(Result::ok).inspect(|line| answer(line)).count())
                })
                .collect();
            readers
                .into_iter()
                .map(|reader| reader.join().expect("a reader panicked"))
                .sum()
        });
        for worker in &mut self.workers {
            worker.wait()?;
        }
        Ok(answered)
    }
}

impl Drop for ProcessPool {
    fn drop(&mut self) {
        for worker in &mut self.workers {
            let _ = worker.kill(); // harmless for a worker that has already been reaped
            let _ = worker.wait();
        }
    }
}
