//! A value of the wrong kind where a field expects another (`title: 42`):
//! named with its field and what was found.

use super::brackets::{is_struct, same_line};
use super::{Scan, token_text};
use crate::model::locate::{Kind, Position, string_value};
use crate::model::validate::quoted;

/// A value of the wrong kind (a number where a string belongs…): names
/// the field, or the map or list, and what was found.
pub(super) fn wrong_type(src: &str, scan: &Scan, code: &ron::Error) -> Option<(Position, String)> {
    let expected = match code {
        ron::Error::ExpectedString => "a string in double quotes".to_owned(),
        ron::Error::ExpectedArray => "a list `[…]`".to_owned(),
        ron::Error::ExpectedMap => "a map `{ \"id\": \"text\", … }`".to_owned(),
        ron::Error::ExpectedNamedStructLike(name) => format!("a `{name}(…)`"),
        ron::Error::ExpectedStructLike => "a `(…)`".to_owned(),
        _ => return None,
    };
    let next = scan
        .next
        .filter(|t| !matches!(t.kind, Kind::Close(_) | Kind::Comma | Kind::Colon))?;
    let last = scan.last?;
    if let ron::Error::ExpectedNamedStructLike(name) = code
        && last.kind == Kind::Ident
        && src.get(last.start..last.end) == Some(name)
    {
        return Some((
            Position::of_offset(src, last.end),
            format!(
                "`(` is missing after `{name}`: add it to open the {}",
                name.to_lowercase()
            ),
        ));
    }
    let inner = scan.open.last().map(|o| o.bracket);
    let what = match (last.kind, scan.before_last.map(|t| t.kind)) {
        (Kind::Colon, Some(Kind::Ident)) => {
            let field = scan
                .before_last
                .map(|t| token_text(src, t))
                .unwrap_or_default();
            format!(" for `{field}`")
        }
        (Kind::Colon, Some(Kind::Str)) => " as the text of this map entry".to_owned(),
        (Kind::Open(b'{') | Kind::Comma, _) if inner == Some(b'{') => {
            " as a key of this map (a subject id)".to_owned()
        }
        (Kind::Open(b'[') | Kind::Comma, _) if inner == Some(b'[') => {
            " as each element of this list".to_owned()
        }
        _ => String::new(),
    };
    let text = token_text(src, next);
    let found = match next.kind {
        Kind::Str => format!("the string {}", quoted(&string_value(src, next))),
        Kind::Ident if text == "true" || text == "false" => format!("the boolean `{text}`"),
        Kind::Ident if is_struct(src, next) => format!("a `{text}(…)`"),
        Kind::Ident => format!("the bare word `{text}`"),
        Kind::Open(b'[') => "a list `[…]`".to_owned(),
        Kind::Open(b'{') => "a map `{…}`".to_owned(),
        Kind::Open(_) => "a `(…)`".to_owned(),
        _ if number_at(src, next.start).is_some() => format!("the number `{text}`"),
        _ => format!("`{text}`"),
    };
    let hint =
        if code == &ron::Error::ExpectedString && !matches!(next.kind, Kind::Str | Kind::Open(_)) {
            ": put the text in double quotes"
        } else {
            ""
        };
    // A field's value on a later line may belong to what comes after: the
    // missing bracket or text goes after the field's `:`.
    let at = if last.kind == Kind::Colon && !same_line(src, last.start, next.start) {
        last.end
    } else {
        next.start
    };
    Some((
        Position::of_offset(src, at),
        format!("Expected {expected}{what}, but found {found}{hint}"),
    ))
}

/// The number that starts at `at` (`42`, `-4.5`, `1e3`), if one does.
pub(super) fn number_at(src: &str, at: usize) -> Option<&str> {
    let rest = src.get(at..)?;
    let len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+')))
        .unwrap_or(rest.len());
    let number = rest.get(..len)?;
    number
        .trim_start_matches(['-', '+', '.'])
        .starts_with(|c: char| c.is_ascii_digit())
        .then_some(number)
}
