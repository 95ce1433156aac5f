//! Better places and words for RON's errors: RON says where it noticed a
//! problem, which is often a line or two after the place a person would
//! fix it (a missing comma is noticed at the next field, a missing closing
//! quote at whatever follows the next quote, a missing field at the closing
//! bracket, a `)` too many or too few at the next line, a quote inside a
//! string as a missing comma). This rereads the text up to RON's position,
//! once, and points at the place to fix instead; where RON's words are
//! terse ("Expected string"), it names the field and what was found.
//!
//! Which bracket a closing one was meant for is read from the layout: a
//! person lines a closing bracket up with the line that opened it and
//! indents what is inside. Without indentation, only surer signs count (a
//! `))`, a `Point(` where a field belongs).
//!
//! Linear in the text before the error and the rest of its line; never
//! recurses.

use super::MAX_QUOTED_CHARS;

mod brackets;
mod kind;

use super::locate::{Kind, Position, Token, next_token, string_value};
use super::validate::quoted;
use brackets::{brackets, closer};
use kind::{number_at, wrong_type};

/// The marker in the error a map raises for a key given twice, so that the
/// error can be recognised here and placed at the second key.
pub(super) const GIVEN_TWICE: &str = "is given twice in this map";

/// A better position and message for RON's error `code` at `at`, when one
/// of the known mistakes explains it.
pub(super) fn explain(src: &str, at: Position, code: &ron::Error) -> Option<(Position, String)> {
    let target = offset_of(src, at);
    let scan = Scan::to(src, target);
    if let Some(found) = unclosed_string(src, &scan, code) {
        return Some(found);
    }
    if is_about_syntax(code)
        && let Some(found) = inner_quote(src, &scan).or_else(|| brackets(src, &scan))
    {
        return Some(found);
    }
    match code {
        ron::Error::MissingStructField { field, outer } => {
            missing_field(src, &scan, field, outer.as_deref())
        }
        ron::Error::Message(m) if m.contains(GIVEN_TWICE) => given_twice(src, &scan, target),
        ron::Error::ExpectedComma
        | ron::Error::ExpectedArrayEnd
        | ron::Error::ExpectedMapEnd
        | ron::Error::ExpectedStructLikeEnd => missing_comma(src, &scan),
        _ => wrong_type(src, &scan, code),
    }
}

/// Whether RON's error may come from the text around it (a bracket, a
/// quote) rather than from a value it read whole (a field it does not
/// know is such a text error too: a `Point(` where a field should be).
fn is_about_syntax(code: &ron::Error) -> bool {
    // Bad bytes, a bad escape and an open comment are placed right by RON.
    !(reads_whole_value(code)
        || matches!(
            code,
            ron::Error::Utf8Error(_)
                | ron::Error::InvalidEscape(_)
                | ron::Error::UnclosedBlockComment
        ))
}

/// Whether RON's error is about a value it read whole (a struct, a field,
/// a type), not about the text around it.
fn reads_whole_value(code: &ron::Error) -> bool {
    matches!(
        code,
        ron::Error::Message(_)
            | ron::Error::MissingStructField { .. }
            | ron::Error::DuplicateStructField { .. }
            | ron::Error::InvalidValueForType { .. }
            | ron::Error::ExceededRecursionLimit
    )
}

/// The byte offset of a 1-based line and column (in characters), clamped
/// to the end of its line, or of the text.
fn offset_of(src: &str, at: Position) -> usize {
    let line_start = if at.line <= 1 {
        0
    } else {
        src.match_indices('\n')
            .nth(at.line - 2)
            .map_or(src.len(), |(i, _)| i + 1)
    };
    let rest = src.get(line_start..).unwrap_or_default();
    let line = rest
        .find('\n')
        .map_or(rest, |n| rest.get(..n).unwrap_or_default());
    let col = line
        .char_indices()
        .nth(at.col.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    line_start + col
}

/// An open bracket that was not closed before RON's position.
#[derive(Debug, Clone, Copy)]
struct Open {
    /// The bracket byte.
    bracket: u8,
    /// Its offset.
    at: usize,
    /// Where its struct name starts (`Dimension(`), if it has one.
    name: Option<usize>,
}

/// A bracket closed before RON's position, and the token that closed it.
#[derive(Debug, Clone, Copy)]
struct Closed {
    open: Open,
    close: Token,
}

/// The text read up to RON's position.
struct Scan {
    /// The brackets still open there, outermost first.
    open: Vec<Open>,
    /// For each depth, the bracket last closed there since the bracket
    /// around it opened: `closed[open.len()]` is the last child of the
    /// innermost open bracket.
    closed: Vec<Option<Closed>>,
    /// The last token that starts before the position.
    last: Option<Token>,
    /// The token before `last`.
    before_last: Option<Token>,
    /// The last token before the position that is not a comma: the end of
    /// the last value.
    last_value: Option<Token>,
    /// The first token at or after it.
    next: Option<Token>,
}

impl Scan {
    fn to(src: &str, target: usize) -> Self {
        let mut scan = Self {
            open: Vec::new(),
            closed: Vec::new(),
            last: None,
            before_last: None,
            last_value: None,
            next: None,
        };
        let mut i = 0;
        while let Some(t) = next_token(src, i) {
            if t.start >= target {
                scan.next = Some(t);
                break;
            }
            match t.kind {
                Kind::Open(bracket) => {
                    // Its children are new: forget those of earlier siblings.
                    scan.closed.truncate(scan.open.len() + 1);
                    scan.open.push(Open {
                        bracket,
                        at: t.start,
                        name: scan.last.filter(|l| l.kind == Kind::Ident).map(|l| l.start),
                    });
                }
                Kind::Close(_) => {
                    if let Some(open) = scan.open.pop() {
                        let depth = scan.open.len();
                        scan.closed.resize(depth + 1, None);
                        if let Some(slot) = scan.closed.get_mut(depth) {
                            *slot = Some(Closed { open, close: t });
                        }
                    }
                }
                _ => {}
            }
            if t.kind != Kind::Comma {
                scan.last_value = Some(t);
            }
            scan.before_last = scan.last;
            scan.last = Some(t);
            i = t.end;
        }
        scan
    }

    /// The last bracket closed inside the innermost open one (or at the
    /// top level).
    fn last_child(&self) -> Option<Closed> {
        self.closed.get(self.open.len()).copied().flatten()
    }
}

/// A string that runs past the end of its line into what is clearly the
/// next field (or to the end of the file), just before RON's position: its
/// closing quote is missing. Placed at the opening quote.
fn unclosed_string(src: &str, scan: &Scan, code: &ron::Error) -> Option<(Position, String)> {
    // Errors about a value RON read whole are not about quotes, nor is a
    // field it does not know (that one may be a bracket's doing).
    if reads_whole_value(code) || matches!(code, ron::Error::NoSuchStructField { .. }) {
        return None;
    }
    let is_unclosed = |t: &Token| {
        src.get(t.start..t.end)
            .and_then(|text| text.strip_prefix('"'))
            .is_some_and(|body| t.end >= src.len() && !is_closed_at_end(body))
    };
    // RON places a string that reaches the end of the file at its opening
    // quote, and one that swallowed the next quote after it ends.
    let t = scan
        .next
        .filter(|t| t.kind == Kind::Str && is_unclosed(t))
        .or(scan.last.filter(|t| t.kind == Kind::Str))?;
    let body = src.get(t.start..t.end)?.strip_prefix('"')?;
    if !is_unclosed(&t) {
        let (_, after) = body.split_once('\n')?;
        let second = after.split('\n').next().unwrap_or_default();
        if !looks_like_code(second, after.len() == second.len()) {
            return None;
        }
    }
    let line_text = body.split('\n').next().unwrap_or_default().trim_end();
    let text = text_before_tail(line_text);
    let tail = line_text.get(text.len()..).unwrap_or_default().trim();
    let position = Position::of_offset(src, t.start);
    let message = if text.is_empty() {
        "this string is not closed: add its closing `\"`".to_owned()
    } else if tail.is_empty() {
        format!(
            "this string is not closed: add a `\"` at the end of {} on line {}",
            quoted(text),
            position.line
        )
    } else {
        format!(
            "this string is not closed: add a `\"` after {} (before the `{tail}` that ends line {})",
            quoted(text),
            position.line
        )
    };
    Some((position, message))
}

/// `line` without the commas and closing brackets at its end that belong
/// after the string (a `)` only when the line has more of them than `(`,
/// so that "(see above)" keeps its own).
fn text_before_tail(line: &str) -> &str {
    let mut text = line.trim_end();
    loop {
        let Some(last) = text.chars().next_back() else {
            return text;
        };
        let opener = match last {
            ')' => '(',
            ']' => '[',
            '}' => '{',
            ',' => {
                text = text[..text.len() - 1].trim_end();
                continue;
            }
            _ => return text,
        };
        if text.matches(last).count() > text.matches(opener).count() {
            text = text[..text.len() - 1].trim_end();
        } else {
            return text;
        }
    }
}

/// Whether a string body that reaches the end of the text ends with its
/// closing quote (an even number of backslashes before it).
fn is_closed_at_end(body: &str) -> bool {
    let Some(inner) = body.strip_suffix('"') else {
        return false;
    };
    inner.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 0
}

/// The fields of the content format, any of which may start a line.
const FIELDS: [&str; 14] = [
    "title",
    "intro",
    "subjects",
    "dimensions",
    "conclusion",
    "sources",
    "id",
    "name",
    "short",
    "summary",
    "points",
    "common",
    "aspect",
    "sides",
];

/// The struct names of the content format.
const STRUCTS: [&str; 4] = ["Comparison", "Subject", "Dimension", "Point"];

/// Whether `line`, the second line of a string, is clearly the next part
/// of the file rather than prose: a field of the format and its `:`, a
/// struct name and its `(`, a closing bracket, or nothing before the
/// string's last quote (which then opens a map key such as `"b": …`).
/// `last` says the string ends on this line.
fn looks_like_code(line: &str, last: bool) -> bool {
    let line = line.trim_start();
    let body = line.strip_suffix('"').unwrap_or(line);
    if (last && body.trim().is_empty()) || line.starts_with([')', ']', '}']) {
        return true;
    }
    let ident_len = line
        .find(|c: char| !(c == '_' || c.is_ascii_alphanumeric()))
        .unwrap_or(line.len());
    let (ident, rest) = line.split_at(ident_len);
    let rest = rest.trim_start();
    (FIELDS.contains(&ident) && rest.starts_with(':'))
        || (STRUCTS.contains(&ident) && rest.starts_with('('))
}

/// A struct without a required field: placed at the struct's name (or its
/// `(`) rather than at its closing bracket.
fn missing_field(
    src: &str,
    scan: &Scan,
    field: &str,
    outer: Option<&str>,
) -> Option<(Position, String)> {
    scan.next.filter(|t| t.kind == Kind::Close(b')'))?;
    let open = scan.open.last().filter(|o| o.bracket == b'(')?;
    let start = open.name.unwrap_or(open.at);
    let what = match outer {
        Some("Comparison") => "the comparison".to_owned(),
        Some(name) => format!("this {}", name.to_lowercase()),
        None => "this struct".to_owned(),
    };
    let example = match field {
        "subjects" => {
            "subjects: [Subject(id: \"…\", name: \"…\"), Subject(id: \"…\", name: \"…\")],"
                .to_owned()
        }
        "dimensions" => "dimensions: [Dimension(id: \"…\", title: \"…\")],".to_owned(),
        "sides" => "sides: { \"…\": \"…\" },".to_owned(),
        _ => format!("{field}: \"…\","),
    };
    Some((
        Position::of_offset(src, start),
        format!("{what} has no `{field}`: add `{example}`"),
    ))
}

/// A map key given twice: placed at the second one, naming the first.
fn given_twice(src: &str, scan: &Scan, target: usize) -> Option<(Position, String)> {
    let map = scan.open.last().filter(|o| o.bracket == b'{')?;
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut i = map.at + 1;
    while let Some(t) = next_token(src, i) {
        if t.start >= target {
            break;
        }
        i = t.end;
        match t.kind {
            Kind::Open(_) => depth += 1,
            Kind::Close(_) => depth = depth.saturating_sub(1),
            Kind::Str
                if depth == 0 && next_token(src, t.end).is_some_and(|c| c.kind == Kind::Colon) =>
            {
                keys.push(t);
            }
            _ => {}
        }
    }
    let (second, earlier) = keys.split_last()?;
    let key = string_value(src, *second);
    let first = earlier.iter().find(|t| string_value(src, **t) == key)?;
    Some((
        Position::of_offset(src, second.start),
        format!(
            "the key {} {GIVEN_TWICE}; the first is at {}: keep one of them",
            quoted(&key),
            Position::of_offset(src, first.start)
        ),
    ))
}

/// Two values with no comma between them: placed just after the first.
fn missing_comma(src: &str, scan: &Scan) -> Option<(Position, String)> {
    let next = scan.next?;
    if matches!(next.kind, Kind::Close(_) | Kind::Comma | Kind::Colon) {
        return None;
    }
    let last = scan.last.filter(|t| {
        matches!(
            t.kind,
            Kind::Str | Kind::Close(_) | Kind::Ident | Kind::Other
        )
    })?;
    let bracket = scan.open.last().map_or(b'(', |o| o.bracket);
    let follows = match bracket {
        b'[' => "another element",
        b'{' => "another entry",
        _ => "another field",
    };
    let close = closer(bracket);
    Some((
        Position::of_offset(src, last.end),
        format!(
            "expected a comma after this value (or a closing `{close}`): add a `,` here, since {follows} follows"
        ),
    ))
}

/// A quote inside a string that ends it early: `"the "best" tool"` reads
/// as the string `"the "`, the word `best` and the string `" tool"`. Placed
/// at the inner quote, suggesting to escape it.
fn inner_quote(src: &str, scan: &Scan) -> Option<(Position, String)> {
    let last = scan.last.filter(|t| t.kind == Kind::Str)?;
    src.get(last.start..last.end)?.strip_prefix('"')?;
    let first = scan
        .next
        .filter(|t| matches!(t.kind, Kind::Ident | Kind::Other))?;
    let quote = last.end.checked_sub(1)?;
    // Found once: a line of a million words is read once, not per word.
    let line_end = src
        .get(quote..)
        .and_then(|rest| rest.find('\n'))
        .map_or(src.len(), |n| quote + n);
    if first.start > line_end {
        return None;
    }
    // Words (or numbers) up to another quote on the same line: a field
    // name after a missing comma would be followed by a `:` instead.
    let mut i = first.end;
    let rest = loop {
        let t = next_token(src, i)?;
        if t.start > line_end {
            return None;
        }
        match t.kind {
            Kind::Ident | Kind::Other => i = t.end,
            Kind::Str => break t,
            _ => return None,
        }
    };
    let word = token_text(src, first);
    // When that string closes on this line and holds text, its opening
    // quote was inside the text too; when it runs on, or holds the comma
    // or bracket after the value, it is the real closing quote.
    let rest_end = rest.end.saturating_sub(1);
    let rest_body = src.get(rest.start + 1..rest_end).unwrap_or_default();
    let other = if rest_end <= line_end
        && rest.end > rest.start + 1
        && !rest_body.trim_start().starts_with([',', ')', ']', '}'])
    {
        format!(" (and the one at {})", Position::of_offset(src, rest.start))
    } else {
        String::new()
    };
    let message = if src.get(last.start..last.end) == Some("\"\"") {
        format!(
            "this `\"` closes an empty string before `{word}`: remove it, or escape it as `\\\"` if the text starts with a quote"
        )
    } else {
        format!(
            "this `\"` ends the string before `{word}`: to keep a quote inside the text, escape it as `\\\"`{other}"
        )
    };
    Some((Position::of_offset(src, quote), message))
}

/// A token's text as a message names it: a whole number for a number's
/// first character, and never more than [`MAX_QUOTED_CHARS`] characters
/// (a bare word may run for megabytes), cut with `…`.
fn token_text(src: &str, t: Token) -> String {
    let text = match t.kind {
        Kind::Other => number_at(src, t.start),
        _ => None,
    }
    .or_else(|| src.get(t.start..t.end))
    .unwrap_or_default();
    let mut chars = text.chars();
    let mut shown: String = chars.by_ref().take(MAX_QUOTED_CHARS).collect();
    if chars.next().is_some() {
        shown.push('…');
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_of_lines_and_columns_in_characters() {
        let src = "ab\né€x\n";
        assert_eq!(offset_of(src, Position { line: 1, col: 1 }), 0);
        assert_eq!(offset_of(src, Position { line: 2, col: 3 }), 3 + 5);
        assert_eq!(offset_of(src, Position { line: 2, col: 99 }), 3 + 6);
        assert_eq!(offset_of(src, Position { line: 9, col: 1 }), src.len());
    }

    #[test]
    fn a_quote_before_a_million_words_is_found_in_linear_time() {
        let src = format!("(a: \"x \"{}\")", "word ".repeat(1_000_000));
        let start = std::time::Instant::now();
        let at = Position { line: 1, col: 9 };
        let (position, message) = explain(&src, at, &ron::Error::ExpectedComma).unwrap();
        assert_eq!(position, Position { line: 1, col: 8 });
        assert!(message.contains("escape it"), "{message}");
        assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    }

    #[test]
    fn second_lines_that_read_like_ron() {
        assert!(looks_like_code("    summary: { ", false));
        assert!(looks_like_code("    Subject(id: ", false));
        assert!(looks_like_code("    ),", false));
        assert!(looks_like_code("        \"", true));
        assert!(!looks_like_code("and then, a second paragraph.", false));
        assert!(!looks_like_code("Note: this is prose", false));
    }
}
