//! Which dimensions a talk presents, and the seconds each gets.

use std::collections::{HashMap, HashSet};

use crate::model::Comparison;
use crate::notes::Notes;

/// The dimensions presented, in content order (indices): the starred ones
/// when `starred_only` and any is starred, else all of them.
#[must_use]
pub fn presented(c: &Comparison, notes: &Notes, starred_only: bool) -> Vec<usize> {
    // One pass over the notes, then a hash lookup per dimension: this runs
    // every frame, and the notes map can hold an entry per dimension.
    let starred: HashSet<&str> = notes
        .dimensions
        .iter()
        .filter(|(_, n)| n.starred)
        .map(|(id, _)| id.as_str())
        .collect();
    let all = 0..c.dimensions.len();
    let shown: Vec<usize> = if starred_only && !starred.is_empty() {
        all.clone()
            .filter(|&i| starred.contains(c.dimensions[i].id.as_str()))
            .collect()
    } else {
        Vec::new()
    };
    // Stars on dimensions the content no longer has count for nothing.
    if shown.is_empty() {
        all.collect()
    } else {
        shown
    }
}

/// The time one presented dimension gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Index of the dimension.
    pub dimension: usize,
    /// Its seconds.
    pub seconds: u32,
    /// Whether the presenter set it (else it is versus's proposal).
    pub by_hand: bool,
}

/// The talk's plan: its length and each presented dimension's budget.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The talk's length in seconds (0: not set).
    pub target: u32,
    /// One budget per presented dimension, in order.
    pub budgets: Vec<Budget>,
}

impl Plan {
    /// The plan for `presented` (see [`presented`]): budgets set by hand
    /// are kept, and what the talk's length leaves is shared among the
    /// others, equally or (when the notes say `weighted`) by what the
    /// presenter marked: 1 + the dimension's weight + its highlighted
    /// rows + 1 for a note. Shares are whole seconds that add up to the
    /// time left exactly. Without a length, only budgets set by hand count.
    #[must_use]
    pub fn new(c: &Comparison, notes: &Notes, presented: &[usize]) -> Self {
        let target = notes.talk.minutes.saturating_mul(60);
        // Only the notes that change a budget (set by hand, or marks when
        // shared by marks), found in one pass: this runs every frame, over
        // up to 10,000 dimensions and as many notes.
        let weighted = notes.talk.weighted;
        let counts: HashMap<&str, &crate::notes::DimensionNotes> = notes
            .dimensions
            .iter()
            .filter(|(_, n)| {
                n.budget.is_some()
                    || (weighted
                        && (n.weight.is_some()
                            || !n.highlights.is_empty()
                            || !n.text.trim().is_empty()))
            })
            .map(|(id, n)| (id.as_str(), n))
            .collect();
        let annotated: Vec<Option<&crate::notes::DimensionNotes>> = presented
            .iter()
            .map(|&i| {
                let d = c.dimensions.get(i)?;
                counts.get(d.id.as_str()).copied()
            })
            .collect();
        let by_hand = |k: usize| annotated[k].and_then(|n| n.budget);
        let fixed: u32 = (0..presented.len())
            .filter_map(by_hand)
            .fold(0, u32::saturating_add);
        let open: Vec<usize> = (0..presented.len())
            .filter(|&k| by_hand(k).is_none())
            .collect();
        let left = if target == 0 {
            0
        } else {
            target.saturating_sub(fixed)
        };
        let marks: Vec<u64> = open
            .iter()
            .map(|&k| match annotated[k] {
                _ if !weighted => 1,
                // Not annotated: 1 + the default weight of 1.
                None => 2,
                Some(n) => {
                    1 + u64::from(n.weight())
                        + n.highlights.len() as u64
                        + u64::from(!n.text.trim().is_empty())
                }
            })
            .collect();
        let mut shares = share(left, &marks).into_iter();
        let budgets = presented
            .iter()
            .enumerate()
            .map(|(k, &i)| match by_hand(k) {
                Some(seconds) => Budget {
                    dimension: i,
                    seconds,
                    by_hand: true,
                },
                None => Budget {
                    dimension: i,
                    seconds: shares.next().unwrap_or(0),
                    by_hand: false,
                },
            })
            .collect();
        Self { target, budgets }
    }

    /// The sum of the budgets, in seconds.
    #[must_use]
    pub fn total(&self) -> u32 {
        self.budgets
            .iter()
            .fold(0, |sum, b| sum.saturating_add(b.seconds))
    }

    /// The longest budget as shown ("10:00:00"): what a budget column
    /// must make room for.
    #[must_use]
    pub fn longest_text(&self) -> String {
        let longest = self.budgets.iter().map(|b| b.seconds).max().unwrap_or(0);
        super::clock_text(i64::from(longest))
    }

    /// The budget of dimension `index`, if it is presented.
    #[must_use]
    pub fn budget_of(&self, index: usize) -> Option<&Budget> {
        self.budgets.iter().find(|b| b.dimension == index)
    }

    /// "9:30 of 10:00", what is over, or that no length is set.
    #[must_use]
    pub fn total_text(&self) -> String {
        let total = super::clock_text(i64::from(self.total()));
        if self.target == 0 {
            return format!("{total} (no talk length set)");
        }
        let target = super::clock_text(i64::from(self.target));
        let over = i64::from(self.total()) - i64::from(self.target);
        if over > 0 {
            format!("{total} of {target}: {} over", super::clock_text(over))
        } else {
            format!("{total} of {target}")
        }
    }
}

/// `total` shared in proportion to `marks`, in whole units that add up to
/// `total` (largest remainders get the units left over; ties go to the
/// first).
fn share(total: u32, marks: &[u64]) -> Vec<u32> {
    let sum: u64 = marks.iter().sum();
    if sum == 0 {
        return vec![0; marks.len()];
    }
    let total64 = u64::from(total);
    let mut shares: Vec<u64> = marks.iter().map(|m| total64 * m / sum).collect();
    let given: u64 = shares.iter().sum();
    let over = usize::try_from(total64 - given).unwrap_or(0);
    if over > 0 {
        let mut order: Vec<usize> = (0..marks.len()).collect();
        // Largest remainder first; stable, so ties keep content order.
        order.sort_by_key(|&i| std::cmp::Reverse(total64 * marks[i] % sum));
        for &i in order.iter().take(over) {
            shares[i] += 1;
        }
    }
    shares
        .into_iter()
        .map(|s| u32::try_from(s).unwrap_or(u32::MAX))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Comparison, Notes) {
        let c = Comparison::built_in();
        let notes = Notes::for_comparison(&c.title);
        (c, notes)
    }

    #[test]
    fn starred_dimensions_are_presented_when_any_are_starred() {
        let (c, mut notes) = setup();
        let all: Vec<usize> = (0..c.dimensions.len()).collect();
        assert_eq!(presented(&c, &notes, true), all);
        notes.toggle_star(&c.dimensions[4].id);
        notes.toggle_star(&c.dimensions[1].id);
        assert_eq!(presented(&c, &notes, true), [1, 4]);
        assert_eq!(presented(&c, &notes, false), all);
    }

    #[test]
    fn the_length_is_shared_equally_to_the_second() {
        let (c, mut notes) = setup();
        notes.talk.minutes = 10;
        let plan = Plan::new(&c, &notes, &[0, 1, 2]);
        let seconds: Vec<u32> = plan.budgets.iter().map(|b| b.seconds).collect();
        assert_eq!(seconds, [200, 200, 200]);
        let plan = Plan::new(&c, &notes, &[0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(plan.total(), 600, "shares add up to the length");
        assert!(plan.budgets.iter().all(|b| (85..=86).contains(&b.seconds)));
        assert_eq!(plan.total_text(), "10:00 of 10:00");
    }

    #[test]
    fn budgets_set_by_hand_are_kept_and_the_rest_shares_what_is_left() {
        let (c, mut notes) = setup();
        notes.talk.minutes = 10;
        notes.entry(&c.dimensions[0].id).budget = Some(300);
        let plan = Plan::new(&c, &notes, &[0, 1, 2]);
        assert_eq!(
            plan.budgets[0],
            Budget {
                dimension: 0,
                seconds: 300,
                by_hand: true
            }
        );
        assert_eq!(plan.budgets[1].seconds, 150);
        assert_eq!(plan.budgets[2].seconds, 150);
        // Over the length: nothing left to share, and the total says so.
        notes.entry(&c.dimensions[1].id).budget = Some(400);
        let plan = Plan::new(&c, &notes, &[0, 1, 2]);
        assert_eq!(plan.budgets[2].seconds, 0);
        assert_eq!(plan.total_text(), "11:40 of 10:00: 1:40 over");
    }

    #[test]
    fn weighted_budgets_follow_the_marks() {
        let (c, mut notes) = setup();
        notes.talk.minutes = 10;
        notes.talk.weighted = true;
        let heavy = &c.dimensions[0];
        notes.entry(&heavy.id).weight = Some(3);
        notes.toggle_highlight(&heavy.id, &heavy.points[0].aspect);
        notes.text_mut(&heavy.id).push_str("Open with this.");
        // Marks: 1 + 3 + 1 + 1 = 6 against 1 + 1 = 2 and 2.
        let plan = Plan::new(&c, &notes, &[0, 1, 2]);
        let seconds: Vec<u32> = plan.budgets.iter().map(|b| b.seconds).collect();
        assert_eq!(seconds, [360, 120, 120]);
    }

    #[test]
    fn without_a_length_only_budgets_by_hand_count() {
        let (c, mut notes) = setup();
        notes.entry(&c.dimensions[2].id).budget = Some(90);
        let plan = Plan::new(&c, &notes, &[1, 2]);
        assert_eq!(plan.total(), 90);
        assert_eq!(plan.budgets[0].seconds, 0);
        assert_eq!(plan.total_text(), "1:30 (no talk length set)");
    }

    #[test]
    fn shares_never_lose_or_invent_a_second() {
        for total in [0, 1, 7, 599, 600, 86_400] {
            for marks in [vec![1], vec![1, 1, 1], vec![3, 0, 5, 1], vec![0, 0]] {
                let s = share(total, &marks);
                let expected = if marks.iter().sum::<u64>() == 0 {
                    0
                } else {
                    total
                };
                assert_eq!(s.iter().sum::<u32>(), expected, "{total} {marks:?}");
            }
        }
    }
}
