//! queuetest2.py: "same as queuetest.py, but uses threading, not _threads": producers are joined
//! instead of sleeping for a guessed time.
//!
//! Watch for: the same 16 messages as queuetest, then `Main thread exit.` about 12 s in, as soon as
//! the last message is printed rather than at a guessed 13 s.
//!
//! How Rust differs from the Python:
//! - In the book the consumers are daemon threads (`thread.daemon = True  # else cannot exit!`): main
//!   joins only the producers and exits, and a message still in the queue at that moment is never
//!   printed. Here the queue is a channel, and a channel knows when it is finished: once every
//!   `Sender` is dropped and the queue is empty, `try_recv` says `Disconnected`. Each consumer then
//!   returns, main joins the consumers too, and every one of the 16 messages is printed exactly once.
//! - `std::sync::mpsc` has many senders but one receiver; putting the `Receiver` in an
//!   `Arc<Mutex<...>>` lets two consumers share it (crossbeam-channel has a shareable one).
//! - `drop(sender)` matters: while main holds a sender of its own, the channel never closes and the
//!   consumers never stop.
//!
//! Try this: delete `drop(sender)` and run it; press Ctrl-C when you are tired of waiting.

use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::{thread, time::Duration};

/// `println!`, except that a closed stdout (`| head`) ends this process quietly instead of panicking.
macro_rules! println_or_exit {
    ($($arg:tt)*) => { if writeln!(io::stdout(), $($arg)*).is_err() { std::process::exit(0) } };
}

const NUM_CONSUMERS: u32 = 2; // how many consumers to start
const NUM_PRODUCERS: u32 = 4; // how many producers to start
const NUM_MESSAGES: u32 = 4; // messages per producer to put

static SAFEPRINT: Mutex<()> = Mutex::new(());

fn producer(idnum: u32, data_queue: Sender<String>) {
    for msgnum in 0..NUM_MESSAGES {
        thread::sleep(Duration::from_secs(idnum.into()));
        data_queue
            .send(format!("[producer id={idnum}, count={msgnum}]"))
            .unwrap();
    }
}

fn consumer(idnum: u32, data_queue: Arc<Mutex<Receiver<String>>>) {
    loop {
        thread::sleep(Duration::from_millis(100));
        let data = data_queue.lock().unwrap().try_recv();
        match data {
            Ok(data) => {
                let _print = SAFEPRINT.lock().unwrap();
                println_or_exit!("consumer {} got => {}", idnum, data);
            }
            Err(TryRecvError::Empty) => {}             // nothing yet: look again
            Err(TryRecvError::Disconnected) => return, // every producer is done, the queue is empty
        }
    }
}

fn main() {
    let (sender, receiver) = mpsc::channel();
    let receiver = Arc::new(Mutex::new(receiver));
    let mut consumers = Vec::new();
    for i in 0..NUM_CONSUMERS {
        let data_queue = Arc::clone(&receiver);
        consumers.push(thread::spawn(move || consumer(i, data_queue)));
    }
    let mut waitfor = Vec::new();
    for i in 0..NUM_PRODUCERS {
        let data_queue = sender.clone();
        waitfor.push(thread::spawn(move || producer(i, data_queue)));
    }
    drop(sender); // now only the producers can send
    for thread in waitfor.into_iter().chain(consumers) {
        thread.join().unwrap(); // producers, then consumers once the queue is drained
    }
    println_or_exit!("Main thread exit.");
}
