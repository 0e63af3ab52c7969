//! Why thread-add-random.py cannot be ported word for word: the compiler rejects every way of
//! writing it. These examples run as doc tests in `cargo test`. Stable rustdoc does not check the
//! error code of a `compile_fail` test, so each one sits beside a version that differs only in what
//! the error names and does compile; that proves the named error is what fails.
//!
//! A global that threads change, as in the book, must be `static mut`, and every use of one is
//! `unsafe`, because nothing stops two threads from writing it at once:
//!
//! ```compile_fail,E0133
//! static mut COUNT: u32 = 0;
//!
//! fn adder() {
//!     COUNT = COUNT + 1; // error[E0133]: use of mutable static is unsafe
//! }
//! # std::thread::spawn(adder).join().unwrap();
//! ```
//!
//! Saying `unsafe` makes it compile, and makes the data race your fault, not the compiler's: run
//! from a hundred threads, this is undefined behaviour. (It is compiled here, never run.)
//!
//! ```no_run
//! static mut COUNT: u32 = 0;
//!
//! fn adder() {
//!     unsafe { COUNT = COUNT + 1 } // compiles; racing threads make it undefined behaviour
//! }
//! # std::thread::spawn(adder).join().unwrap();
//! ```
//!
//! A local that a thread borrows is rejected, because a spawned thread may outlive the function that
//! owns the count:
//!
//! ```compile_fail,E0373
//! let mut count = 0;
//! let thread = std::thread::spawn(|| count = count + 1); // error[E0373]: may outlive `count`
//! thread.join().unwrap();
//! ```
//!
//! A scoped thread cannot outlive `count`, so one of them may borrow it:
//!
//! ```
//! let mut count = 0;
//! std::thread::scope(|s| {
//!     s.spawn(|| count = count + 1);
//! });
//! assert_eq!(count, 1);
//! ```
//!
//! but not a hundred at once, since only one may hold it mutably:
//!
//! ```compile_fail,E0499
//! let mut count = 0;
//! std::thread::scope(|s| {
//!     for _ in 0..100 {
//!         s.spawn(|| count = count + 1); // error[E0499]: borrowed as mutable more than once
//!     }
//! });
//! ```
//!
//! The runnable port (`src/main.rs`) loses updates anyway, in safe code: a read of an atomic, then a
//! separate write. The fixes are thread_add_synch (a `Mutex`) and thread_add_atomic (`fetch_add`).
