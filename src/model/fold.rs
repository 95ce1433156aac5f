//! Text folded for search: case-, accent- and width-insensitive. "naive"
//! finds "naïve", "strasse" finds "Straße", "ｆｕｌｌ" finds "full". Built
//! on the Unicode tables of `unicode-normalization` (compatibility
//! decomposition, combining marks) and `caseless` (full case folding), not
//! on a hand-written table. No egui.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `text` folded: compatibility-decomposed (full-width forms and
/// ligatures become plain letters), combining marks dropped, case folded.
#[must_use]
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        fold_char(ch, &mut out);
    }
    out
}

/// Appends `ch` folded (see [`fold`]). Folding is done one character at a
/// time, so each folded byte maps back to the character it came from.
fn fold_char(ch: char, out: &mut String) {
    if ch.is_ascii() {
        out.push(ch.to_ascii_lowercase());
        return;
    }
    fold_unicode(ch, out);
}

/// [`fold_char`] for a character outside ASCII.
fn fold_unicode(ch: char, out: &mut String) {
    let mut buf = [0u8; 4];
    let plain: String = ch
        .encode_utf8(&mut buf)
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .collect();
    out.push_str(&caseless::default_case_fold_str(&plain));
}

/// A search query: its terms, folded. A text matches when it holds every
/// term.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    terms: Vec<String>,
}

impl Query {
    /// The query typed as `text`: its white-space separated terms.
    #[must_use]
    pub fn new(text: &str) -> Self {
        Self {
            terms: text
                .split_whitespace()
                .map(fold)
                .filter(|t| !t.is_empty())
                .collect(),
        }
    }

    /// Whether there is nothing to look for.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether `folded` (already folded) holds every term.
    #[must_use]
    pub fn matches_folded(&self, folded: &str) -> bool {
        self.terms.iter().all(|t| folded.contains(t.as_str()))
    }

    /// Whether `found` holds for every (folded) term.
    pub fn every_term(&self, mut found: impl FnMut(&str) -> bool) -> bool {
        self.terms.iter().all(|t| found(t))
    }

    /// The byte ranges of `text` (not folded) where a term matches, in
    /// order, merged where they touch: what to highlight.
    #[must_use]
    pub fn ranges_in(&self, text: &str) -> Vec<Range<usize>> {
        if self.is_empty() {
            return Vec::new();
        }
        // The folded text, and for each character of it the byte range of
        // the original character it came from.
        let mut folded = String::new();
        let mut origin: Vec<(usize, Range<usize>)> = Vec::new();
        for (i, ch) in text.char_indices() {
            let start = folded.len();
            fold_char(ch, &mut folded);
            if folded.len() > start {
                origin.push((start, i..i + ch.len_utf8()));
            }
        }
        let source = |at: usize| {
            let k = origin.partition_point(|(s, _)| *s <= at).saturating_sub(1);
            origin[k].1.clone()
        };
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for term in &self.terms {
            for (at, _) in folded.match_indices(term.as_str()) {
                let start = source(at).start;
                let end = source(at + term.len() - 1).end;
                ranges.push(start..end);
            }
        }
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_accents_and_width_fold_away() {
        assert_eq!(fold("Naïve"), "naive");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("ＦＵＬＬ ｗｉｄｔｈ"), "full width");
        assert_eq!(fold("ﬁne Ǆ"), "fine dz");
        assert_eq!(fold("Ελληνικά"), "ελληνικα");
        assert_eq!(fold("中文"), "中文");
    }

    #[test]
    fn a_query_matches_when_every_term_is_there() {
        let q = Query::new("  NAIVE  strasse ");
        assert!(q.matches_folded(&fold("A naïve walk down the Straße")));
        assert!(!q.matches_folded(&fold("A naïve walk")));
        assert!(Query::new("   ").is_empty());
    }

    #[test]
    fn ranges_point_at_the_original_text() {
        let text = "Die Straße, naïve";
        let q = Query::new("strasse naive");
        let ranges = q.ranges_in(text);
        let found: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, ["Straße", "naïve"]);
        // Part of a folded character takes the whole character.
        let ranges = Query::new("s").ranges_in("ß");
        assert_eq!(ranges, vec![0..2]);
        assert!(Query::new("x").ranges_in("abc").is_empty());
    }
}
