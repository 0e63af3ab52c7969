//! The labs' slow site on its own, for `cargo xtask bench --python`: prints where it serves and how
//! many downloads a lab makes by default (`http://127.0.0.1:40123 160`), then serves until its stdin
//! closes (so it can never outlive the process that started it).

use std::io::{self, Read};

use labs::site::{DELAY, Site};

fn main() -> io::Result<()> {
    let site = Site::start(DELAY)?;
    println!("{} {}", site.base(), labs::DOWNLOADS);
    io::stdin().read_to_end(&mut Vec::new())?; // serve until end of input
    Ok(())
}
