//! A note's text merged line by line: the classic diff3 over an exact
//! (Myers) diff, or past [`EXACT_DIFF_LINES`] lines a patience diff. No
//! egui here.

use std::collections::HashMap;

use similar::Algorithm;

use super::{END_OF_THEIR_VERSION, THEIR_VERSION};

/// A note's text merged line by line; with no base, two-way. Returns the
/// text and whether both versions of some lines were kept. `exact`: see
/// [`EXACT_DIFF_LINES`].
pub(super) fn merge_text(
    base: Option<&str>,
    ours: &str,
    theirs: &str,
    exact: usize,
) -> (String, bool) {
    if ours == theirs {
        return (ours.to_owned(), false);
    }
    match base {
        Some(b) if b == ours => return (theirs.to_owned(), false),
        Some(b) if b == theirs => return (ours.to_owned(), false),
        _ => {}
    }
    let (o, t) = (lines(ours), lines(theirs));
    let mut out: Vec<&str> = Vec::new();
    let mut both = false;
    if let Some(b) = base {
        let b = lines(b);
        for chunk in diff3(&b, &o, &t, exact) {
            match chunk {
                Chunk::Take(lines) => out.extend_from_slice(lines),
                Chunk::Both(ours, theirs) => {
                    keep_both(&mut out, ours, theirs);
                    both = true;
                }
            }
        }
    } else {
        // Lines the two keep, and what each has in between.
        let (mut i, mut j) = (0, 0);
        let ends = std::iter::once((o.len(), t.len()));
        for (k, l) in matched_lines(&o, &t, exact).into_iter().chain(ends) {
            let ours = o.get(i..k).unwrap_or_default();
            let theirs = t.get(j..l).unwrap_or_default();
            if ours.is_empty() || theirs.is_empty() {
                out.extend_from_slice(ours);
                out.extend_from_slice(theirs);
            } else {
                keep_both(&mut out, ours, theirs);
                both = true;
            }
            if let Some(line) = o.get(k) {
                out.push(line);
            }
            (i, j) = (k + 1, l + 1);
        }
    }
    (out.join("\n"), both)
}

fn keep_both<'a>(out: &mut Vec<&'a str>, ours: &[&'a str], theirs: &[&'a str]) {
    out.extend_from_slice(ours);
    out.push(THEIR_VERSION);
    out.extend_from_slice(theirs);
    out.push(END_OF_THEIR_VERSION);
}

/// The lines of a text; none for an empty text, so that joining them with
/// `\n` gives the text back.
pub(super) fn lines(text: &str) -> Vec<&str> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split('\n').collect()
    }
}

/// A stretch of a three-way line merge.
enum Chunk<'s, 'a> {
    /// Lines taken as they are (unchanged, or changed on one side only, or
    /// the same on both).
    Take(&'s [&'a str]),
    /// Lines both sides changed differently: ours, theirs.
    Both(&'s [&'a str], &'s [&'a str]),
}

/// The classic diff3: lines of `base` that both sides kept where they were
/// cut the three texts into stable stretches and changed ones; a changed
/// stretch is taken from the side that changed it, or kept from both.
/// Linear in the number of lines once the two diffs are made.
fn diff3<'s, 'a>(
    base: &'s [&'a str],
    ours: &'s [&'a str],
    theirs: &'s [&'a str],
    exact: usize,
) -> Vec<Chunk<'s, 'a>> {
    let in_ours = matches(base, ours, exact);
    let in_theirs = matches(base, theirs, exact);
    let (mut b, mut o, mut t) = (0, 0, 0);
    let mut chunks = Vec::new();
    loop {
        let next = (b..base.len()).find_map(|k| {
            let (Some(Some(ko)), Some(Some(kt))) = (in_ours.get(k), in_theirs.get(k)) else {
                return None;
            };
            Some((k, *ko, *kt))
        });
        let (kb, ko, kt) = next.unwrap_or((base.len(), ours.len(), theirs.len()));
        if (kb, ko, kt) == (b, o, t) {
            let Some(line) = base.get(b..=b) else {
                break;
            };
            chunks.push(Chunk::Take(line));
            (b, o, t) = (b + 1, o + 1, t + 1);
            continue;
        }
        let bs = base.get(b..kb).unwrap_or_default();
        let os = ours.get(o..ko).unwrap_or_default();
        let ts = theirs.get(t..kt).unwrap_or_default();
        if os == bs {
            chunks.push(Chunk::Take(ts));
        } else if ts == bs || os == ts {
            chunks.push(Chunk::Take(os));
        } else {
            chunks.push(Chunk::Both(os, ts));
        }
        (b, o, t) = (kb, ko, kt);
    }
    chunks
}

/// For each line of `base`, where it is in `other` when the diff keeps it.
fn matches(base: &[&str], other: &[&str], exact: usize) -> Vec<Option<usize>> {
    let mut at = vec![None; base.len()];
    for (i, j) in matched_lines(base, other, exact) {
        if let Some(slot) = at.get_mut(i) {
            *slot = Some(j);
        }
    }
    at
}

/// Past this many lines (both texts together, after the lines they start
/// and end with in common), lines are matched by the lines each text has
/// once only (patience diff) instead of an exact diff, whose time grows
/// with the square of the lines when the texts differ everywhere. Far
/// beyond any speaker's note; keeps `merge-notes` on a 64 MiB file within
/// seconds.
pub const EXACT_DIFF_LINES: usize = 4_000;

/// The lines `old` and `new` keep, as pairs of indices, in order of both:
/// the common start and end, and between them an exact diff (Myers) or,
/// past `exact` lines ([`EXACT_DIFF_LINES`]), the longest run of lines
/// unique to each.
pub(super) fn matched_lines(old: &[&str], new: &[&str], exact: usize) -> Vec<(usize, usize)> {
    let start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let (old_rest, new_rest) = (
        old.get(start..).unwrap_or_default(),
        new.get(start..).unwrap_or_default(),
    );
    let end = old_rest
        .iter()
        .rev()
        .zip(new_rest.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let o = old_rest.get(..old_rest.len() - end).unwrap_or_default();
    let n = new_rest.get(..new_rest.len() - end).unwrap_or_default();
    let mut pairs: Vec<(usize, usize)> = (0..start).map(|i| (i, i)).collect();
    let middle = if o.len() + n.len() <= exact {
        let mut kept = Vec::new();
        for op in similar::capture_diff_slices(Algorithm::Myers, o, n) {
            if let similar::DiffOp::Equal {
                old_index,
                new_index,
                len,
            } = op
            {
                kept.extend((0..len).map(|k| (old_index + k, new_index + k)));
            }
        }
        kept
    } else {
        unique_anchors(o, n)
    };
    pairs.extend(middle.into_iter().map(|(i, j)| (i + start, j + start)));
    let (old_end, new_end) = (start + o.len(), start + n.len());
    pairs.extend((0..end).map(|k| (old_end + k, new_end + k)));
    pairs
}

/// The longest run, in order in both, of lines that occur exactly once in
/// `old` and once in `new` (patience sorting): O(n log n).
fn unique_anchors(old: &[&str], new: &[&str]) -> Vec<(usize, usize)> {
    // Per line: how often in old, where; how often in new, where.
    let mut seen: HashMap<&str, (u32, usize, u32, usize)> = HashMap::new();
    for (i, line) in old.iter().enumerate() {
        let e = seen.entry(line).or_insert((0, i, 0, 0));
        e.0 = e.0.saturating_add(1);
    }
    for (j, line) in new.iter().enumerate() {
        if let Some(e) = seen.get_mut(line) {
            e.2 = e.2.saturating_add(1);
            e.3 = j;
        }
    }
    let mut unique: Vec<(usize, usize)> = seen
        .into_values()
        .filter(|&(in_old, _, in_new, _)| in_old == 1 && in_new == 1)
        .map(|(_, i, _, j)| (i, j))
        .collect();
    unique.sort_unstable();
    // Longest increasing run of `j`: the top of each pile, and where each
    // card came from.
    let mut tops: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = Vec::with_capacity(unique.len());
    for (k, &(_, j)) in unique.iter().enumerate() {
        let pile = tops.partition_point(|&t| unique.get(t).is_some_and(|&(_, tj)| tj < j));
        before.push(pile.checked_sub(1).and_then(|p| tops.get(p).copied()));
        if let Some(top) = tops.get_mut(pile) {
            *top = k;
        } else {
            tops.push(k);
        }
    }
    let mut run = Vec::with_capacity(tops.len());
    let mut at = tops.last().copied();
    while let Some(k) = at {
        if let Some(&pair) = unique.get(k) {
            run.push(pair);
        }
        at = before.get(k).copied().flatten();
    }
    run.reverse();
    run
}
