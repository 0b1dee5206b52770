//! The median, quartiles and extremes of a group's values, week by week.

/// The median, quartiles and extremes of some values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    /// How many values.
    pub n: usize,
    /// The middle value.
    pub median: f64,
    /// The lower quartile.
    pub q1: f64,
    /// The upper quartile.
    pub q3: f64,
    /// The smallest value.
    pub min: i64,
    /// The largest value.
    pub max: i64,
}

/// Summarises values; `None` for none.
#[must_use]
pub fn spread(values: &[i64]) -> Option<Spread> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    // Quantiles by linear interpolation between closest ranks.
    let quantile = |q: f64| {
        let position = q * (n - 1) as f64;
        let low = position.floor() as usize;
        let high = position.ceil() as usize;
        let fraction = position - low as f64;
        sorted[low] as f64 + (sorted[high] - sorted[low]) as f64 * fraction
    };
    Some(Spread {
        n,
        median: quantile(0.5),
        q1: quantile(0.25),
        q3: quantile(0.75),
        min: sorted[0],
        max: sorted[n - 1],
    })
}

/// One row of the group summary: a measure in one week of the programme.
#[derive(Clone, Debug, PartialEq)]
pub struct WeekRow {
    /// The series id.
    pub series: String,
    /// The series label.
    pub label: String,
    /// Week of the programme, from 1.
    pub week: i64,
    /// The week's values, one per participant (their last that week).
    pub spread: Spread,
}

/// The fewest people a group figure is shown for: with one or two, a "median" or a range is
/// close to someone's own score.
pub const SMALL_CELL: usize = 3;

/// What is said instead of a figure from fewer than [`SMALL_CELL`] people.
pub const SUPPRESSED: &str = "fewer than 3 shared";

impl Spread {
    /// Whether the figures may be shown: they come from at least [`SMALL_CELL`] people.
    #[must_use]
    pub fn is_shown(&self) -> bool {
        self.n >= SMALL_CELL
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_from_fewer_than_three_people_are_not_shown() {
        assert!(!spread(&[7]).unwrap().is_shown());
        assert!(!spread(&[7, 9]).unwrap().is_shown());
        assert!(spread(&[7, 9, 3]).unwrap().is_shown());
    }
}
