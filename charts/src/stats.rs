//! Medians and ranges of a few timings.

/// The median of `values` (the mean of the middle two for an even count); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[mid]),
        _ => Some((sorted[mid - 1] + sorted[mid]) / 2.0),
    }
}

pub fn min_max(values: &[f64]) -> Option<(f64, f64)> {
    let min = values.iter().copied().min_by(f64::total_cmp)?;
    let max = values.iter().copied().max_by(f64::total_cmp)?;
    Some((min, max))
}

/// `0.081 s`, `8.23 s`, `52.0 ms`: three significant digits, in a unit that suits.
pub fn seconds(s: f64) -> String {
    match s {
        s if s < 0.1 => format!("{:.1} ms", s * 1000.0),
        s if s < 10.0 => format!("{s:.3} s"),
        s => format!("{s:.1} s"),
    }
}

/// `79 ms`, `8.23 s`, `21.6 s`: short enough to sit above a bar.
pub fn seconds_short(s: f64) -> String {
    match s {
        s if s < 0.1 => format!("{:.0} ms", s * 1000.0),
        s if s < 10.0 => format!("{s:.2} s"),
        s => format!("{s:.1} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_ranges() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(min_max(&[2.0, 9.0, 1.0]), Some((1.0, 9.0)));
        assert_eq!(seconds(0.0812), "81.2 ms");
        assert_eq!(seconds(8.2281), "8.228 s");
        assert_eq!(seconds(37.24), "37.2 s");
        assert_eq!(seconds_short(0.079), "79 ms");
        assert_eq!(seconds_short(8.226), "8.23 s");
    }
}
