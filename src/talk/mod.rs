//! The talk given from a comparison: which dimensions are presented, the
//! time each gets, how the talk is paced, and where each subject wins. No
//! egui, no clock: time comes in as seconds, so every rule is tested with
//! plain numbers. What is kept in the notes file is in
//! [`crate::notes::talk`].

pub mod pace;
pub mod plan;
pub mod verdicts;

pub use pace::Pace;
pub use plan::{Budget, Plan};
pub use verdicts::Summary;

/// `seconds` as `m:ss` (or `h:mm:ss` from an hour up), with a minus sign
/// when negative.
#[must_use]
pub fn clock_text(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    if s >= 3600 {
        format!("{sign}{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{sign}{}:{:02}", s / 60, s % 60)
    }
}

/// `seconds` rounded to a whole second (0 for NaN).
#[must_use]
#[expect(
    clippy::cast_possible_truncation,
    reason = "clamped to ±10^12 first, far inside i64"
)]
pub fn whole_seconds(seconds: f64) -> i64 {
    if seconds.is_nan() {
        0
    } else {
        seconds.round().clamp(-1e12, 1e12) as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_text_reads_like_a_clock() {
        assert_eq!(clock_text(0), "0:00");
        assert_eq!(clock_text(75), "1:15");
        assert_eq!(clock_text(-61), "-1:01");
        assert_eq!(clock_text(3725), "1:02:05");
    }
}
