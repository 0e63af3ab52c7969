//! thread-classes.py: "thread class instances with state and run() for thread's action; uses
//! higher-level Java-like threading module object join method (not mutexes or shared global vars) to
//! know when threads are done in main parent thread".
//!
//! Watch for: ten threads, 100 lines each, and `Main thread exiting.` last: `join` waits for each
//! thread to end, so there is no guessed sleep and no polling.
//!
//! How Rust differs from the Python:
//! - Python subclasses `threading.Thread` and overrides `run`. Rust has no inheritance: `MyThread` is a
//!   plain struct with the same state and a `run` method, and `start` moves it into `thread::spawn`.
//!   Because `start` takes `self` by value, a started thread's state belongs to that thread alone.
//! - `JoinHandle::join` is the book's `Thread.join`. It also hands back the thread's result, and an
//!   `Err` if the thread panicked, which `unwrap` passes on.
//! - The shared stdout lock is an `Arc<Mutex<()>>`, one clone per thread, not a global.
//!
//! Try this: give `run` a return value (say, the last number it printed), and print what each `join`
//! returns.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

/// `println!`, except that a closed stdout (`| head`) ends this process quietly instead of panicking.
macro_rules! println_or_exit {
    ($($arg:tt)*) => { if writeln!(io::stdout(), $($arg)*).is_err() { std::process::exit(0) } };
}

struct MyThread {
    my_id: u32,
    count: u32,            // per-thread state information
    mutex: Arc<Mutex<()>>, // shared objects, not globals
}

impl MyThread {
    fn new(my_id: u32, count: u32, mutex: Arc<Mutex<()>>) -> MyThread {
        MyThread { my_id, count, mutex }
    }

    fn run(&self) {
        // run provides thread logic
        for i in 0..self.count {
            let _stdout = self.mutex.lock().unwrap(); // still sync stdout access
            println_or_exit!("[{}] => {}", self.my_id, i);
        }
    }

    fn start(self) -> JoinHandle<()> {
        thread::spawn(move || self.run()) // starts run method in a thread
    }
}

fn main() {
    let stdout_mutex = Arc::new(Mutex::new(())); // same as thread.allocate_lock()
    let mut threads = Vec::new();
    for i in 0..10 {
        let thread = MyThread::new(i, 100, Arc::clone(&stdout_mutex)); // make/start 10 threads
        threads.push(thread.start());
    }
    for thread in threads {
        thread.join().unwrap(); // wait for thread exits
    }
    println_or_exit!("Main thread exiting.");
}
