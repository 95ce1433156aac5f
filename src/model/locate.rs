//! Finds where a value sits in RON source text, so that checks made after
//! parsing (duplicate ids, unknown subject keys…) can name a line and column.
//!
//! Serde does not keep positions, so this walks the same text along a path
//! such as `dimensions[3].summary["pm"]`. It runs only on text that RON has
//! already accepted, and it never recurses.
//!
//! Work is bounded for any text: nothing is tokenised up front. A look-up
//! scans only the containers on its path, once each (their elements are
//! remembered), so any number of look-ups costs at most the text's length
//! times the nesting depth of the paths, plus the path length per look-up.
//! Lines and columns come from precomputed line starts and character counts
//! per block, not from a scan from the start of the line.

use std::cell::RefCell;
use std::collections::HashMap;

/// A 1-based line and column, counted in characters like RON does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

impl Position {
    /// The position of byte `offset` in `src` (clamped to the end).
    #[must_use]
    pub fn of_offset(src: &str, offset: usize) -> Self {
        let offset = offset.min(src.len());
        // Step back to a character boundary so slicing cannot fail.
        let offset = (0..=offset)
            .rev()
            .find(|&o| src.is_char_boundary(o))
            .unwrap_or(0);
        let before = src.get(..offset).unwrap_or("");
        let line = 1 + before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = 1 + before.get(line_start..).map_or(0, |s| s.chars().count());
        Self { line, col }
    }
}

/// One step of a path into a RON value.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    /// A named field of a struct: `name: value`.
    Field(&'a str),
    /// The n-th (0-based) element of a list.
    Index(usize),
    /// The entry of a map whose key is this string; the path ends at the key.
    /// Costs a scan of the map's keys: prefer [`Step::Entry`] when the
    /// entry's place in the map is known.
    Key(&'a str),
    /// The n-th (0-based) entry of a map; the path ends at its key.
    Entry(usize),
}

/// The kind of a token; its text is read from the source when needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Ident,
    Str,
    Open(u8),
    Close(u8),
    Comma,
    Colon,
    Other,
}

/// A token: its kind and its byte range in the source.
#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub(super) kind: Kind,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Bytes per block of precomputed character counts.
const BLOCK: usize = 4096;

/// RON text with its line starts and character counts precomputed, and the
/// elements of each container looked into so far remembered.
pub struct Locator<'s> {
    src: &'s str,
    /// For the opening bracket at each byte offset: the offsets where its
    /// elements start.
    children: RefCell<HashMap<usize, Vec<usize>>>,
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
    /// Characters before each block of [`BLOCK`] bytes.
    chars_before_block: Vec<usize>,
}

impl<'s> Locator<'s> {
    /// Prepares `src` for look-ups (linear in its length).
    #[must_use]
    pub fn new(src: &'s str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut chars_before_block = Vec::with_capacity(src.len() / BLOCK + 1);
        let mut chars = 0;
        for block in src.as_bytes().chunks(BLOCK) {
            chars_before_block.push(chars);
            chars += count_chars(block);
        }
        chars_before_block.push(chars);
        Self {
            src,
            children: RefCell::new(HashMap::new()),
            line_starts,
            chars_before_block,
        }
    }

    /// Characters in `src[..offset]` (`offset` is a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        let base = self.chars_before_block.get(block).copied().unwrap_or(0);
        let rest = self
            .src
            .as_bytes()
            .get(block * BLOCK..offset)
            .map_or(0, count_chars);
        base + rest
    }

    /// The position of byte `offset`, by binary search over line starts.
    fn position(&self, offset: usize) -> Position {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let col = 1 + self.chars_before(offset) - self.chars_before(start);
        Position { line, col }
    }

    /// The position where the value (or map key) at `path` starts.
    #[must_use]
    pub fn find(&self, path: &[Step<'_>]) -> Option<Position> {
        self.find_offset(path).map(|o| self.position(o))
    }

    /// Like [`Self::find`], falling back to the longest prefix of `path` that
    /// can be found, then to the start of the text.
    #[must_use]
    pub fn find_or_nearest(&self, path: &[Step<'_>]) -> Position {
        (0..=path.len())
            .rev()
            .find_map(|n| path.get(..n).and_then(|p| self.find(p)))
            .unwrap_or(Position { line: 1, col: 1 })
    }

    fn find_offset(&self, path: &[Step<'_>]) -> Option<usize> {
        let mut value = next_token(self.src, 0)?.start;
        for step in path {
            let open = self.container(value)?;
            value = self.step(open, *step)?;
        }
        Some(value)
    }

    /// Where the value (or key) that `step` names in the container opened
    /// at `open` starts.
    fn step(&self, open: usize, step: Step<'_>) -> Option<usize> {
        let mut memo = self.children.borrow_mut();
        let children = memo.entry(open).or_insert_with(|| elements(self.src, open));
        match step {
            Step::Index(n) | Step::Entry(n) => children.get(n).copied(),
            Step::Field(name) => children.iter().find_map(|&c| {
                let t = next_token(self.src, c)?;
                let text = self.src.get(t.start..t.end)?;
                let is_name = t.kind == Kind::Ident
                    && (text == name || text.strip_prefix("r#") == Some(name));
                let colon = next_token(self.src, t.end)?;
                (is_name && colon.kind == Kind::Colon)
                    .then(|| next_token(self.src, colon.end).map(|v| v.start))
                    .flatten()
            }),
            Step::Key(key) => children.iter().copied().find(|&c| {
                next_token(self.src, c).is_some_and(|t| {
                    t.kind == Kind::Str
                        && string_value(self.src, t) == key
                        && next_token(self.src, t.end).is_some_and(|n| n.kind == Kind::Colon)
                })
            }),
        }
    }

    /// The opening bracket of the value starting at byte `at`, if it is a
    /// struct, list, tuple or map (`Name(…)`, `(…)`, `[…]`, `{…}`).
    fn container(&self, at: usize) -> Option<usize> {
        let t = next_token(self.src, at)?;
        match t.kind {
            Kind::Open(_) => Some(t.start),
            Kind::Ident => {
                let next = next_token(self.src, t.end)?;
                (next.kind == Kind::Open(b'(')).then_some(next.start)
            }
            _ => None,
        }
    }
}

/// Characters in UTF-8 bytes (those that are not continuation bytes).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// Where each element of the container opened at byte `open` starts: the
/// first token after the bracket or after a comma at its own depth.
fn elements(src: &str, open: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut at_start = true;
    let mut i = open + 1;
    while let Some(t) = next_token(src, i) {
        i = t.end;
        match t.kind {
            Kind::Close(_) if depth == 0 => break,
            Kind::Close(_) => depth -= 1,
            Kind::Comma if depth == 0 => at_start = true,
            Kind::Comma => {}
            kind => {
                if depth == 0 && at_start {
                    out.push(t.start);
                    at_start = false;
                }
                if matches!(kind, Kind::Open(_)) {
                    depth += 1;
                }
            }
        }
    }
    out
}

/// The unescaped text of a string token.
pub(super) fn string_value(src: &str, t: Token) -> String {
    let bytes = src.as_bytes();
    match bytes.get(t.start) {
        Some(b'"') => read_string(src, t.start + 1),
        Some(b'b') => read_string(src, t.start + 2),
        Some(b'r') => read_raw_string(src, t.start),
        _ => String::new(),
    }
}

/// The token at or after byte `i`, skipping white space and comments.
pub(super) fn next_token(src: &str, mut i: usize) -> Option<Token> {
    let bytes = src.as_bytes();
    loop {
        let b = *bytes.get(i)?;
        let start = i;
        let token = |kind, end| Some(Token { kind, start, end });
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = src.get(i..)?.find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = skip_block_comment(bytes, i),
            b'"' => return token(Kind::Str, string_end(src, i + 1)),
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) && raw_string_at(bytes, i) => {
                return token(Kind::Str, raw_string_end(bytes, i));
            }
            b'\'' => {
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    i += if c == b'\\' { 2 } else { 1 };
                    if c == b'\'' {
                        break;
                    }
                }
                return token(Kind::Other, i.min(bytes.len()));
            }
            b'(' | b'[' | b'{' => return token(Kind::Open(b), i + 1),
            b')' | b']' | b'}' => return token(Kind::Close(b), i + 1),
            b',' => return token(Kind::Comma, i + 1),
            b':' => return token(Kind::Colon, i + 1),
            _ if b == b'_' || b.is_ascii_alphabetic() => {
                while bytes
                    .get(i)
                    .is_some_and(|c| *c == b'_' || *c == b'#' || c.is_ascii_alphanumeric())
                {
                    i += 1;
                }
                // A `b"…"` byte string: treat as an ordinary string.
                if i == start + 1 && b == b'b' && bytes.get(i) == Some(&b'"') {
                    return token(Kind::Str, string_end(src, i + 1));
                }
                return token(Kind::Ident, i);
            }
            _ => {
                // Numbers, `#![enable(…)]` markers and anything else: one
                // character at a time, UTF-8 aware.
                let len = src.get(i..)?.chars().next().map_or(1, char::len_utf8);
                return token(Kind::Other, i + len);
            }
        }
    }
}

fn skip_block_comment(bytes: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < bytes.len() {
        if bytes.get(i..i + 2) == Some(b"/*") {
            depth += 1;
            i += 2;
        } else if bytes.get(i..i + 2) == Some(b"*/") {
            depth = depth.saturating_sub(1);
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    i
}

/// The offset just past the closing quote of a string whose body starts at
/// `i`, without unescaping it (scanning a container allocates nothing).
/// Jumps from quote to quote (a `memchr`): a quote ends the string unless
/// an odd number of backslashes comes right before it.
fn string_end(src: &str, i: usize) -> usize {
    let bytes = src.as_bytes();
    let mut from = i;
    while let Some(n) = src.get(from..).and_then(|rest| rest.find('"')) {
        let quote = from + n;
        let backslashes = bytes.get(i..quote).map_or(0, |body| {
            body.iter().rev().take_while(|&&b| b == b'\\').count()
        });
        if backslashes % 2 == 0 {
            return quote + 1;
        }
        from = quote + 1;
    }
    bytes.len()
}

/// The offset just past a raw string `r#"…"#` that starts at `i`.
fn raw_string_end(bytes: &[u8], i: usize) -> usize {
    let hashes = bytes
        .get(i + 1..)
        .map_or(0, |rest| rest.iter().take_while(|&&b| b == b'#').count());
    let mut j = i + 1 + hashes + 1;
    while let Some(&b) = bytes.get(j) {
        j += 1;
        if b == b'"'
            && bytes
                .get(j..j + hashes)
                .is_some_and(|h| h.iter().all(|&c| c == b'#'))
        {
            return j + hashes;
        }
    }
    bytes.len()
}

/// The unescaped value of a quoted string whose body starts at `i`.
fn read_string(src: &str, i: usize) -> String {
    let mut out = String::new();
    let mut chars = src[i..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return out,
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('0') => out.push('\0'),
                Some('u') => {
                    // `\u{…}`: read up to the closing brace.
                    let mut hex = String::new();
                    for h in chars.by_ref() {
                        match h {
                            '{' => {}
                            '}' => break,
                            _ => hex.push(h),
                        }
                    }
                    if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        out.push(ch);
                    }
                }
                Some('x') => {
                    let hex: String = chars.by_ref().take(2).collect();
                    if let Some(ch) = u8::from_str_radix(&hex, 16).ok().map(char::from) {
                        out.push(ch);
                    }
                }
                Some(other) => out.push(other),
                None => {}
            },
            _ => out.push(c),
        }
    }
    out
}

fn raw_string_at(bytes: &[u8], i: usize) -> bool {
    let mut j = i + 1;
    while bytes.get(j) == Some(&b'#') {
        j += 1;
    }
    bytes.get(j) == Some(&b'"')
}

/// The value of a raw string `r#"…"#` that starts at `i`.
fn read_raw_string(src: &str, i: usize) -> String {
    let bytes = src.as_bytes();
    let mut j = i + 1;
    let mut hashes = 0;
    while bytes.get(j) == Some(&b'#') {
        hashes += 1;
        j += 1;
    }
    let body = j + 1;
    let closing = format!("\"{}", "#".repeat(hashes));
    match src[body..].find(&closing) {
        Some(n) => src[body..body + n].to_owned(),
        None => src[body..].to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    const SRC: &str = r##"// A comment with "quotes" and ( brackets
Comparison(
    title: "A (tricky) title, with commas",
    subjects: [
        Subject(id: "a", name: "A"),
        (id: r#"b"#, name: "B\"(x"),
    ],
    dimensions: [
        Dimension(id: "d1", title: "One", summary: { "a": "x", "zz": "y" }),
        /* nested /* comment */ ) */
        Dimension(id: "d2", title: "Two"),
    ],
)"##;

    fn at(path: &[Step<'_>]) -> Option<(usize, usize)> {
        Locator::new(SRC).find(path).map(|p| (p.line, p.col))
    }

    #[test]
    fn finds_fields_indices_and_keys() {
        assert_eq!(at(&[Step::Field("title")]), Some((3, 12)));
        assert_eq!(
            at(&[Step::Field("subjects"), Step::Index(1), Step::Field("id")]),
            Some((6, 14))
        );
        assert_eq!(
            at(&[Step::Field("subjects"), Step::Index(1), Step::Field("name")]),
            Some((6, 28))
        );
        assert_eq!(
            at(&[
                Step::Field("dimensions"),
                Step::Index(0),
                Step::Field("summary"),
                Step::Key("zz"),
            ]),
            Some((9, 64))
        );
        assert_eq!(
            at(&[Step::Field("dimensions"), Step::Index(1), Step::Field("id")]),
            Some((11, 23))
        );
    }

    #[test]
    fn missing_paths_fall_back_to_the_nearest_prefix() {
        let loc = Locator::new(SRC);
        assert_eq!(loc.find(&[Step::Field("nope")]), None);
        let p = loc.find_or_nearest(&[Step::Field("dimensions"), Step::Index(7)]);
        assert_eq!((p.line, p.col), (8, 17));
        assert_eq!(
            Locator::new("").find_or_nearest(&[Step::Field("x")]),
            Position { line: 1, col: 1 }
        );
    }

    #[test]
    fn entries_are_found_by_their_place_in_the_map() {
        let path = |n| {
            [
                Step::Field("dimensions"),
                Step::Index(0),
                Step::Field("summary"),
                Step::Entry(n),
            ]
        };
        assert_eq!(at(&path(1)), Some((9, 64)));
        assert_eq!(at(&path(0)), Some((9, 54)));
        assert_eq!(at(&path(2)), None);
    }

    #[test]
    fn many_look_ups_in_one_long_line_stay_fast() {
        // One line of 200,000 keys: each look-up must not rescan the map
        // or count the line's characters from its start.
        let n = 200_000;
        let mut src = String::from("(m: {");
        for i in 0..n {
            write!(src, "\"é{i}\": \"x\", ").unwrap();
        }
        src.push_str("})");
        let loc = Locator::new(&src);
        let start = std::time::Instant::now();
        for i in (0..n).step_by(97) {
            let p = loc.find(&[Step::Field("m"), Step::Entry(i)]).unwrap();
            assert_eq!(p.line, 1);
        }
        let last = loc.find(&[Step::Field("m"), Step::Entry(n - 1)]).unwrap();
        let offset = src.rfind("\"é").unwrap();
        assert_eq!(last, Position::of_offset(&src, offset));
        assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    }

    #[test]
    fn strings_end_at_the_first_unescaped_quote() {
        let src = r#"(a: "x\\", b: "y\\\"z", c: 1)"#;
        let loc = Locator::new(src);
        let col = |field| loc.find(&[Step::Field(field)]).unwrap().col;
        assert_eq!((col("b"), col("c")), (15, 28));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = "(a: \"é€\", b: 1)";
        let p = Locator::new(src).find(&[Step::Field("b")]).unwrap();
        assert_eq!((p.line, p.col), (1, 14));
    }
}
