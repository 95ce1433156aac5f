//! Which dimensions a talk presents, and the seconds each gets.

use crate::model::Comparison;
use crate::notes::Notes;

/// The dimensions presented, in content order (indices): the starred ones
/// when `starred_only` and any is starred, else all of them.
#[must_use]
pub fn presented(c: &Comparison, notes: &Notes, starred_only: bool) -> Vec<usize> {
    let starred: Vec<usize> = (0..c.dimensions.len())
        .filter(|&i| notes.is_starred(&c.dimensions[i].id))
        .collect();
    if starred_only && !starred.is_empty() {
        starred
    } else {
        (0..c.dimensions.len()).collect()
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
        let by_hand = |i: usize| {
            c.dimensions
                .get(i)
                .and_then(|d| notes.get(&d.id))
                .and_then(|n| n.budget)
        };
        let fixed: u32 = presented
            .iter()
            .filter_map(|&i| by_hand(i))
            .fold(0, u32::saturating_add);
        let open: Vec<usize> = presented
            .iter()
            .copied()
            .filter(|&i| by_hand(i).is_none())
            .collect();
        let marks: Vec<u64> = open
            .iter()
            .map(|&i| {
                if !notes.talk.weighted {
                    return 1;
                }
                // Not annotated: 1 + the default weight of 1.
                let Some(n) = c.dimensions.get(i).and_then(|d| notes.get(&d.id)) else {
                    return 2;
                };
                1 + u64::from(n.weight())
                    + n.highlights.len() as u64
                    + u64::from(!n.text.trim().is_empty())
            })
            .collect();
        let left = if target == 0 {
            0
        } else {
            target.saturating_sub(fixed)
        };
        let shares = share(left, &marks);
        let mut open_shares = open.iter().zip(shares);
        let budgets = presented
            .iter()
            .map(|&i| match by_hand(i) {
                Some(seconds) => Budget {
                    dimension: i,
                    seconds,
                    by_hand: true,
                },
                None => Budget {
                    dimension: i,
                    seconds: open_shares.next().map_or(0, |(_, s)| s),
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
    let mut order: Vec<usize> = (0..marks.len()).collect();
    // Largest remainder first; stable, so ties keep content order.
    order.sort_by_key(|&i| std::cmp::Reverse(total64 * marks[i] % sum));
    for &i in order
        .iter()
        .take(usize::try_from(total64 - given).unwrap_or(0))
    {
        shares[i] += 1;
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
