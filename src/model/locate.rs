//! Finds where a value sits in RON source text, so that checks made after
//! parsing (duplicate ids, unknown subject keys…) can name a line and column.
//!
//! Serde does not keep positions, so this walks a small token stream of the
//! same text along a path such as `dimensions[3].summary["pm"]`. It runs only
//! on text that RON has already accepted, and it never recurses.

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
    Key(&'a str),
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Ident(String),
    Str(String),
    Open(char),
    Close(char),
    Comma,
    Colon,
    Other,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    offset: usize,
}

/// A token stream over RON text, with each container's elements and the
/// start of each line precomputed, so each look-up costs only the path's
/// length (thousands of problems in a big file stay fast).
pub struct Locator<'s> {
    src: &'s str,
    tokens: Vec<Token>,
    /// For each opening bracket's token index: its elements' first tokens.
    children: HashMap<usize, Vec<usize>>,
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
}

impl<'s> Locator<'s> {
    /// Tokenises `src`.
    #[must_use]
    pub fn new(src: &'s str) -> Self {
        let tokens = tokenize(src);
        let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
        // (open bracket, whether the next token starts an element)
        let mut stack: Vec<(usize, bool)> = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if let Some((open, at_start)) = stack.last_mut()
                && *at_start
                && !matches!(t.kind, Kind::Comma | Kind::Close(_))
            {
                children.entry(*open).or_default().push(i);
                *at_start = false;
            }
            match t.kind {
                Kind::Open(_) => {
                    children.entry(i).or_default();
                    stack.push((i, true));
                }
                Kind::Close(_) => {
                    stack.pop();
                }
                Kind::Comma => {
                    if let Some((_, at_start)) = stack.last_mut() {
                        *at_start = true;
                    }
                }
                _ => {}
            }
        }
        let line_starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            src,
            tokens,
            children,
            line_starts,
        }
    }

    /// The position of byte `offset`, by binary search over line starts.
    fn position(&self, offset: usize) -> Position {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let col = 1 + self.src.get(start..offset).map_or(0, |s| s.chars().count());
        Position { line, col }
    }

    /// The position where the value (or map key) at `path` starts.
    #[must_use]
    pub fn find(&self, path: &[Step<'_>]) -> Option<Position> {
        self.find_token(path)
            .and_then(|i| self.tokens.get(i))
            .map(|t| self.position(t.offset))
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

    fn find_token(&self, path: &[Step<'_>]) -> Option<usize> {
        let mut value = 0;
        if self.tokens.is_empty() {
            return None;
        }
        for step in path {
            let open = self.container(value)?;
            let children = self.children.get(&open)?;
            value = match *step {
                Step::Field(name) => children.iter().copied().find_map(|c| {
                    let is_name =
                        matches!(self.kind(c), Some(Kind::Ident(n)) if n == name || n == &format!("r#{name}"));
                    (is_name && self.kind(c + 1) == Some(&Kind::Colon)).then_some(c + 2)
                })?,
                Step::Index(n) => *children.get(n)?,
                Step::Key(key) => children.iter().copied().find(|&c| {
                    matches!(self.kind(c), Some(Kind::Str(k)) if k == key)
                        && self.kind(c + 1) == Some(&Kind::Colon)
                })?,
            };
        }
        Some(value)
    }

    fn kind(&self, i: usize) -> Option<&Kind> {
        self.tokens.get(i).map(|t| &t.kind)
    }

    /// The opening bracket of the value starting at token `i`, if it is a
    /// struct, list, tuple or map (`Name(…)`, `(…)`, `[…]`, `{…}`).
    fn container(&self, i: usize) -> Option<usize> {
        match self.kind(i)? {
            Kind::Open(_) => Some(i),
            Kind::Ident(_) if matches!(self.kind(i + 1), Some(Kind::Open('('))) => Some(i + 1),
            _ => None,
        }
    }
}

fn tokenize(src: &str) -> Vec<Token> {
    let bytes = src.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = src[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = skip_block_comment(bytes, i),
            b'"' => {
                let (value, end) = read_string(src, i + 1);
                tokens.push(Token {
                    kind: Kind::Str(value),
                    offset: start,
                });
                i = end;
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) && raw_string_at(bytes, i) => {
                let (value, end) = read_raw_string(src, i);
                tokens.push(Token {
                    kind: Kind::Str(value),
                    offset: start,
                });
                i = end;
            }
            b'\'' => {
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    i += if c == b'\\' { 2 } else { 1 };
                    if c == b'\'' {
                        break;
                    }
                }
                tokens.push(Token {
                    kind: Kind::Other,
                    offset: start,
                });
            }
            b'(' | b'[' | b'{' => {
                tokens.push(Token {
                    kind: Kind::Open(b as char),
                    offset: start,
                });
                i += 1;
            }
            b')' | b']' | b'}' => {
                tokens.push(Token {
                    kind: Kind::Close(b as char),
                    offset: start,
                });
                i += 1;
            }
            b',' => {
                tokens.push(Token {
                    kind: Kind::Comma,
                    offset: start,
                });
                i += 1;
            }
            b':' => {
                tokens.push(Token {
                    kind: Kind::Colon,
                    offset: start,
                });
                i += 1;
            }
            _ if b == b'_' || b.is_ascii_alphabetic() => {
                while bytes
                    .get(i)
                    .is_some_and(|c| *c == b'_' || *c == b'#' || c.is_ascii_alphanumeric())
                {
                    i += 1;
                }
                // A `b"…"` byte string: treat as an ordinary string.
                if &src[start..i] == "b" && bytes.get(i) == Some(&b'"') {
                    let (value, end) = read_string(src, i + 1);
                    tokens.push(Token {
                        kind: Kind::Str(value),
                        offset: start,
                    });
                    i = end;
                } else {
                    tokens.push(Token {
                        kind: Kind::Ident(src[start..i].to_owned()),
                        offset: start,
                    });
                }
            }
            _ => {
                // Numbers, `#![enable(…)]` markers and anything else: one
                // character at a time, UTF-8 aware.
                i += src[i..].chars().next().map_or(1, char::len_utf8);
                tokens.push(Token {
                    kind: Kind::Other,
                    offset: start,
                });
            }
        }
    }
    tokens
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

/// Reads a quoted string whose body starts at `i`; returns its unescaped
/// value and the offset just past the closing quote.
fn read_string(src: &str, i: usize) -> (String, usize) {
    let mut out = String::new();
    let mut chars = src[i..].char_indices();
    while let Some((n, c)) = chars.next() {
        match c {
            '"' => return (out, i + n + 1),
            '\\' => match chars.next().map(|(_, e)| e) {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('0') => out.push('\0'),
                Some('u') => {
                    // `\u{…}`: read up to the closing brace.
                    let mut hex = String::new();
                    for (_, h) in chars.by_ref() {
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
                    let hex: String = chars.by_ref().take(2).map(|(_, h)| h).collect();
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
    (out, src.len())
}

fn raw_string_at(bytes: &[u8], i: usize) -> bool {
    let mut j = i + 1;
    while bytes.get(j) == Some(&b'#') {
        j += 1;
    }
    bytes.get(j) == Some(&b'"')
}

fn read_raw_string(src: &str, i: usize) -> (String, usize) {
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
        Some(n) => (src[body..body + n].to_owned(), body + n + closing.len()),
        None => (src[body..].to_owned(), src.len()),
    }
}

#[cfg(test)]
mod tests {
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
    fn columns_count_characters_not_bytes() {
        let src = "(a: \"é€\", b: 1)";
        let p = Locator::new(src).find(&[Step::Field("b")]).unwrap();
        assert_eq!((p.line, p.col), (1, 14));
    }
}
