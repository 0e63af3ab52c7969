//! queuetest.py: "producer and consumer threads communicating with a shared queue".
//!
//! Watch for: producer 0 sleeps 0 s between puts, so its four messages arrive at once; producer 3
//! sleeps 3 s, so its last one comes 12 s in. Every 0.1 s each consumer takes one message, if any,
//! so the two consumers share the work in an order that changes from run to run. Main sleeps 13 s,
//! long enough for all 16, then prints `Main thread exit.`.
//!
//! How Rust differs from the Python:
//! - Python's `queue.Queue` is a thread-safe FIFO. Here it is a `VecDeque` inside a `Mutex`, a global
//!   like the book's `dataQueue`: `push_back` is `put`, and `pop_front`, which returns `None` at once
//!   when the queue is empty, is `get(block=False)` with its `queue.Empty` exception.
//! - The queue's lock is held only for the push or the pop: the statement `let data = ...;` drops the
//!   guard before the consumer prints, so a slow print never blocks a producer.
//! - Consumers loop forever; when `main` returns, the process ends and takes them with it, as in the
//!   book. queuetest2 ends them properly.
//!
//! Try this: set `NUM_CONSUMERS` to 1 and count how long the last message waits in the queue.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::sync::Mutex;
use std::{thread, time::Duration};

/// `println!`, except that a closed stdout (`| head`) ends this process quietly instead of panicking.
macro_rules! println_or_exit {
    ($($arg:tt)*) => { if writeln!(io::stdout(), $($arg)*).is_err() { std::process::exit(0) } };
}

const NUM_CONSUMERS: u32 = 2; // how many consumers to start
const NUM_PRODUCERS: u32 = 4; // how many producers to start
const NUM_MESSAGES: u32 = 4; // messages per producer to put

static SAFEPRINT: Mutex<()> = Mutex::new(()); // else prints may overlap
static DATA_QUEUE: Mutex<VecDeque<String>> = Mutex::new(VecDeque::new()); // shared global, infinite size

fn producer(idnum: u32) {
    for msgnum in 0..NUM_MESSAGES {
        thread::sleep(Duration::from_secs(idnum.into()));
        DATA_QUEUE
            .lock()
            .unwrap()
            .push_back(format!("[producer id={idnum}, count={msgnum}]"));
    }
}

fn consumer(idnum: u32) {
    loop {
        thread::sleep(Duration::from_millis(100));
        let data = DATA_QUEUE.lock().unwrap().pop_front();
        if let Some(data) = data {
            let _print = SAFEPRINT.lock().unwrap();
            println_or_exit!("consumer {} got => {}", idnum, data);
        }
    }
}

fn main() {
    for i in 0..NUM_CONSUMERS {
        thread::spawn(move || consumer(i));
    }
    for i in 0..NUM_PRODUCERS {
        thread::spawn(move || producer(i));
    }
    thread::sleep(Duration::from_secs(
        ((NUM_PRODUCERS - 1) * NUM_MESSAGES + 1).into(),
    ));
    println_or_exit!("Main thread exit.");
}
