//! Brackets: which one is stray or missing, read from the file's layout
//! (a closing bracket lines up with the line that opened it, what is
//! inside is indented), and how a message names an open one.

use super::{Open, Scan, token_text};
use crate::model::locate::{Kind, Position, Token, next_token};

/// Where the line holding byte `at` starts.
fn line_start(src: &str, at: usize) -> usize {
    src.get(..at)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |n| n + 1)
}

/// Whether the token at `at` is the first thing on its line.
fn starts_line(src: &str, at: usize) -> bool {
    src.get(line_start(src, at)..at)
        .is_some_and(|before| before.trim().is_empty())
}

/// The indentation (in bytes of spaces and tabs) of the line holding `at`.
fn indent(src: &str, at: usize) -> usize {
    let start = line_start(src, at);
    src.get(start..).map_or(0, |line| {
        line.bytes()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count()
    })
}

/// Whether `a` and `b` are on the same line.
pub(super) fn same_line(src: &str, a: usize, b: usize) -> bool {
    line_start(src, a) == line_start(src, b)
}

/// The closing bracket for an opening one.
pub(super) fn closer(open: u8) -> char {
    match open {
        b'[' => ']',
        b'{' => '}',
        _ => ')',
    }
}

/// How a message names an open bracket: `Point(` at its name, or the
/// bracket alone, with where it is.
fn opener(src: &str, open: Open) -> String {
    let bracket = char::from(open.bracket);
    match open.name {
        Some(name) => {
            let ident = next_token(src, name)
                .map(|t| token_text(src, t))
                .unwrap_or_default();
            format!(
                "the `{ident}{bracket}` opened at {}",
                Position::of_offset(src, name)
            )
        }
        None => format!(
            "the `{bracket}` opened at {}",
            Position::of_offset(src, open.at)
        ),
    }
}

/// A closing bracket too many, or one missing. The innermost open bracket
/// and the lines' indentation tell which: a person lines a closing bracket
/// up with the line that opened it, and indents what is inside.
pub(super) fn brackets(src: &str, scan: &Scan) -> Option<(Position, String)> {
    let next = scan.next?;
    if let Some(found) = closed_early(src, scan, next) {
        return Some(found);
    }
    if let Kind::Close(c) = next.kind {
        return wrong_close(src, scan, next, c);
    }
    let top = scan.open.last().copied()?;
    if !same_line(src, top.at, next.start) && starts_line(src, next.start) {
        // A line that starts left of the lines inside the bracket (or a
        // struct where a field belongs, at the bracket's own indentation)
        // is past its end.
        let outdented = indent(src, next.start) <= indent(src, top.at);
        let inner_indented = next_token(src, top.at + 1).is_some_and(|first| {
            !same_line(src, top.at, first.start)
                && indent(src, first.start) > indent(src, next.start)
        });
        return (outdented && (inner_indented || starts_struct(src, top, next)))
            .then(|| missing_close(src, scan, top));
    }
    // On one line: only `Point(` inside an unclosed `Point(`.
    let name = top
        .name
        .and_then(|n| next_token(src, n))
        .and_then(|t| src.get(t.start..t.end));
    (starts_struct(src, top, next) && name == src.get(next.start..next.end))
        .then(|| missing_close(src, scan, top))
}

/// A closing bracket `c` at `next` that does not close the innermost open
/// bracket: either that bracket's own closing one is missing (`c` closes
/// one further out, lined up with it, or after a value), or `c` is one
/// too many (nothing open that it closes, or right after another `c`).
fn wrong_close(src: &str, scan: &Scan, next: Token, c: u8) -> Option<(Position, String)> {
    let top = scan.open.last().copied();
    if top.is_some_and(|o| closer(o.bracket) == char::from(c)) {
        return None;
    }
    let target = scan
        .open
        .iter()
        .rev()
        .find(|o| closer(o.bracket) == char::from(c));
    let lined_up = starts_line(src, next.start)
        && target.is_some_and(|o| indent(src, o.at) == indent(src, next.start));
    let doubled = scan.last_value.is_some_and(|t| t.kind == Kind::Close(c));
    Some(match top {
        Some(top) if lined_up || (target.is_some() && !doubled) => missing_close(src, scan, top),
        _ => stray_close(src, scan, next),
    })
}

/// Whether `next` starts a struct (`Name(` or `(`) inside the struct
/// `top`, where only fields (`name: value`) belong.
fn starts_struct(src: &str, top: Open, next: Token) -> bool {
    top.bracket == b'(' && is_struct(src, next)
}

/// Whether `t` starts a struct: `Name(` or `(`.
pub(super) fn is_struct(src: &str, t: Token) -> bool {
    match t.kind {
        Kind::Open(b'(') => true,
        Kind::Ident => next_token(src, t.end).is_some_and(|n| n.kind == Kind::Open(b'(')),
        _ => false,
    }
}

/// A bracket closed, on a line of its own content, just before RON's
/// position, where the next line still belongs inside it by indentation
/// (or is the bracket's own closing one, lined up with its opening line):
/// that earlier closing bracket is the one too many.
fn closed_early(src: &str, scan: &Scan, next: Token) -> Option<(Position, String)> {
    let child = scan.last_child()?;
    let close = child.close;
    let is_last = scan.last_value.is_some_and(|t| t.start == close.start);
    if !is_last
        || same_line(src, child.open.at, close.start)
        || starts_line(src, close.start)
        || !starts_line(src, next.start)
    {
        return None;
    }
    let open_indent = indent(src, child.open.at);
    let next_indent = indent(src, next.start);
    let belongs = match next.kind {
        Kind::Close(c) => {
            Kind::Close(c) == close.kind
                && next_indent == open_indent
                && scan
                    .open
                    .last()
                    .is_none_or(|o| closer(o.bracket) != char::from(c))
        }
        _ => next_indent > open_indent,
    };
    if !belongs {
        return None;
    }
    let bracket = src.get(close.start..close.end).unwrap_or_default();
    let next_at = Position::of_offset(src, next.start);
    let why = if matches!(next.kind, Kind::Close(_)) {
        format!(
            "{} ends with the `{bracket}` lined up with it at {next_at}",
            opener(src, child.open)
        )
    } else {
        format!(
            "line {} is still inside {} by its indentation",
            next_at.line,
            opener(src, child.open)
        )
    };
    Some((
        Position::of_offset(src, close.start),
        format!("unmatched `{bracket}`: it closes nothing, since {why}; remove this one"),
    ))
}

/// A closing bracket that matches no open one.
fn stray_close(src: &str, scan: &Scan, next: Token) -> (Position, String) {
    let bracket = src.get(next.start..next.end).unwrap_or_default();
    let why = match scan.open.last() {
        Some(&top) => format!("the innermost open bracket is {}", opener(src, top)),
        None => match scan.last_child() {
            Some(root) => format!(
                "{} already ended at {}",
                opener(src, root.open),
                Position::of_offset(src, root.close.start)
            ),
            None => "no bracket is open here".to_owned(),
        },
    };
    (
        Position::of_offset(src, next.start),
        format!("unmatched `{bracket}`: it closes nothing, since {why}; remove it"),
    )
}

/// An open bracket whose closing one is missing: placed just after its
/// last value.
fn missing_close(src: &str, scan: &Scan, top: Open) -> (Position, String) {
    let after = scan
        .last_value
        .filter(|t| t.start >= top.at)
        .map_or(top.at + 1, |t| t.end);
    let close = closer(top.bracket);
    (
        Position::of_offset(src, after),
        format!(
            "`{close}` is missing to close {}: add it after this value",
            opener(src, top)
        ),
    )
}
