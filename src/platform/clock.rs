//! The wall clock in local time, for the presenter view and the date of a
//! rehearsal. Falls back to UTC when the system's time zone is unknown.

use jiff::Zoned;

/// Now, as `YYYY-MM-DD HH:MM` in local time.
#[must_use]
pub fn now_text() -> String {
    Zoned::now().strftime("%Y-%m-%d %H:%M").to_string()
}

/// The time of day, as `HH:MM` in local time.
#[must_use]
pub fn time_of_day() -> String {
    Zoned::now().strftime("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_texts_have_the_documented_shape() {
        let now = now_text();
        assert_eq!(now.len(), 16, "{now}");
        assert_eq!(&now[4..5], "-");
        assert_eq!(&now[10..11], " ");
        assert_eq!(time_of_day().len(), 5);
    }
}
