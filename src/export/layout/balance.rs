//! Balanced pages: rows too many for one page are shared out so that the
//! pages hold about the same (never ten rows on one page and a lone row on
//! the next). One rule for the live show and for the decks. Pure, no egui.

/// How a run of rows goes onto pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Pages {
    /// Whether the rows start on a page of their own rather than on the
    /// page already begun (which would hold too small a share of them).
    pub fresh: bool,
    /// Each page's first row; the first is 0.
    pub starts: Vec<usize>,
}

impl Pages {
    /// Each page's range of rows, `rows` in all.
    #[must_use]
    pub fn ranges(&self, rows: usize) -> Vec<std::ops::Range<usize>> {
        let ends = self.starts.iter().skip(1).copied().chain([rows]);
        self.starts.iter().zip(ends).map(|(&s, e)| s..e).collect()
    }
}

/// The least share of a full page the page already begun must take for
/// the rows to start on it.
const LEAST_SHARE: f32 = 1.0 / 3.0;

/// Shares out rows costing `costs` over as few pages as the room allows,
/// each page's cost as even as can be: `first_room` is what is left on
/// the page already begun, `room` what every next page holds. A row
/// dearer than a page gets a page of its own.
///
/// The rows start on the begun page only when that saves a page and the
/// begun page takes at least a third of a full page's share; otherwise
/// they start on a new page (`fresh`).
#[must_use]
pub fn balance(costs: &[f32], first_room: f32, room: f32) -> Pages {
    let total: f32 = costs.iter().sum();
    if total <= first_room {
        return Pages {
            fresh: false,
            starts: vec![0],
        };
    }
    let fresh = even(costs, None, room);
    let begun = costs
        .first()
        .filter(|&&c| c <= first_room)
        .map(|_| even(costs, Some(first_room), room))
        .filter(|begun| begun.len() <= fresh.len());
    if let Some(starts) = begun {
        let cost = |range: std::ops::Range<usize>| costs[range].iter().sum::<f32>();
        let pages = Pages {
            fresh: false,
            starts,
        };
        let ranges = pages.ranges(costs.len());
        let first = cost(ranges[0].clone());
        let fullest = ranges[1..]
            .iter()
            .map(|r| cost(r.clone()))
            .fold(0.0, f32::max);
        if first >= fullest * LEAST_SHARE {
            return pages;
        }
    }
    Pages {
        fresh: true,
        starts: fresh,
    }
}

/// The page starts that keep the fewest pages the greedy fill needs, each
/// page's cost as near an even share as the rows allow. `first`: the room
/// on the begun page, when the rows start there.
fn even(costs: &[f32], first: Option<f32>, room: f32) -> Vec<usize> {
    let pages = greedy(costs, first, room).len();
    let spread = spread(costs, first, room, pages);
    if spread.len() <= pages {
        return spread;
    }
    // Rows too uneven to follow even shares: the least capacity that keeps
    // the fewest pages, found by bisection, lightens the fullest page.
    let dearest = costs.iter().copied().fold(0.0, f32::max);
    let (mut lo, mut hi) = (dearest.min(room), room);
    for _ in 0..24 {
        let mid = f32::midpoint(lo, hi);
        if greedy(costs, first, mid).len() <= pages {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    greedy(costs, first, hi)
}

/// Breaks rows into `pages` pages of even shares: a row goes on the next
/// page when its middle lies past its page's share (or it does not fit).
/// The begun page's share is at most `first`. May need more pages than
/// asked when the rows are uneven.
fn spread(costs: &[f32], first: Option<f32>, room: f32, pages: usize) -> Vec<usize> {
    let total: f32 = costs.iter().sum();
    #[expect(clippy::cast_precision_loss, reason = "a few thousand pages at most")]
    let n = pages as f32;
    let opening = first.map_or(total / n, |f| f.min(total / n));
    let share = if pages > 1 {
        (total - opening) / (n - 1.0)
    } else {
        total
    };
    let mut starts = vec![0];
    let (mut before, mut used, mut ideal) = (0.0, 0.0, opening);
    let mut limit = first.map_or(room, |f| f.min(room));
    for (i, &cost) in costs.iter().enumerate() {
        let has_rows = i > *starts.last().unwrap_or(&0);
        if has_rows && (used + cost > limit || before + cost / 2.0 > ideal) {
            starts.push(i);
            used = 0.0;
            ideal += share;
            limit = room;
        }
        used += cost;
        before += cost;
    }
    starts
}

/// Fills pages of `capacity` in order (the first holding at most `first`
/// when given), each at least one row; the page starts.
fn greedy(costs: &[f32], first: Option<f32>, capacity: f32) -> Vec<usize> {
    let mut starts = vec![0];
    let mut used = 0.0;
    let mut limit = first.map_or(capacity, |f| f.min(capacity));
    for (i, &cost) in costs.iter().enumerate() {
        if i > *starts.last().unwrap_or(&0) && used + cost > limit {
            starts.push(i);
            used = 0.0;
            limit = capacity;
        }
        used += cost;
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pages: &Pages, rows: usize) -> Vec<usize> {
        pages
            .ranges(rows)
            .iter()
            .map(ExactSizeIterator::len)
            .collect()
    }

    #[test]
    fn rows_that_fit_stay_on_the_begun_page() {
        let pages = balance(&[1.0; 5], 6.0, 10.0);
        assert_eq!(
            pages,
            Pages {
                fresh: false,
                starts: vec![0]
            }
        );
    }

    #[test]
    fn eleven_rows_over_two_pages_are_six_and_five_not_ten_and_one() {
        let pages = balance(&[1.0; 11], 10.0, 10.0);
        assert_eq!(counts(&pages, 11), vec![6, 5]);
    }

    #[test]
    fn uneven_rows_share_the_cost_not_the_count() {
        // One tall row and eight short: the tall one's page holds fewer.
        let costs = [5.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0];
        let pages = balance(&costs, 10.0, 10.0);
        let ranges = pages.ranges(costs.len());
        assert_eq!(ranges.len(), 2);
        let sums: Vec<f32> = ranges
            .iter()
            .map(|r| costs[r.clone()].iter().sum())
            .collect();
        assert!((sums[0] - sums[1]).abs() <= 1.0, "{sums:?}");
    }

    #[test]
    fn a_small_begun_page_is_left_for_a_page_of_their_own() {
        // Room for one row under the summaries, then ten more: the rows
        // start on a new page rather than leave a lone row above.
        let pages = balance(&[1.0; 11], 1.5, 10.0);
        assert!(pages.fresh);
        assert_eq!(counts(&pages, 11), vec![6, 5]);
    }

    #[test]
    fn a_begun_page_with_room_for_a_fair_share_takes_it() {
        // Half a page left, fifteen rows: 5 + 10 would fit, and saves a
        // page over starting fresh (10 + 5 after the begun page).
        let pages = balance(&[1.0; 15], 5.0, 10.0);
        assert!(!pages.fresh);
        let counts = counts(&pages, 15);
        assert_eq!(counts.iter().sum::<usize>(), 15);
        assert_eq!(counts.len(), 2);
    }

    #[test]
    fn a_row_dearer_than_a_page_gets_a_page_of_its_own() {
        let pages = balance(&[1.0, 30.0, 1.0], 10.0, 10.0);
        assert_eq!(pages.ranges(3).len(), 3, "{pages:?}");
    }

    #[test]
    fn no_page_holds_less_than_a_third_of_another() {
        for rows in 2..60 {
            for room in [4.0_f32, 7.5, 10.0, 14.5] {
                let costs = vec![1.0; rows];
                let pages = balance(&costs, room, room);
                let counts = counts(&pages, rows);
                let (least, most) = (counts.iter().min(), counts.iter().max());
                if let (Some(&least), Some(&most)) = (least, most) {
                    assert!(least * 3 >= most, "{rows} rows, room {room}: {counts:?}");
                }
            }
        }
    }
}
