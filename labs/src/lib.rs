//! What the eight timed labs share, so that each lab's `main.rs` shows only its concurrency model:
//! the I/O labs' local slow site and arguments ([`site`], feature `site`), the CPU labs' arguments
//! ([`cpu`]), and [`println_or_exit!`].

#[cfg(feature = "site")]
pub mod site;

pub mod cpu;

/// How many downloads an I/O lab makes by default: the classic is two sites, 80 times each.
pub const DOWNLOADS: usize = 160;
pub mod pool;

/// `println!`, except that a closed stdout (`| head`) ends this process quietly instead of panicking.
#[macro_export]
macro_rules! println_or_exit {
    ($($arg:tt)*) => {
        if std::io::Write::write_fmt(&mut std::io::stdout(), format_args!("{}\n", format_args!($($arg)*))).is_err() {
            std::process::exit(0)
        }
    };
}
