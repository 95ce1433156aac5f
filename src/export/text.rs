//! Plain text as every writer sees it: bare web addresses found, control
//! characters cleaned.

use std::borrow::Cow;

/// The byte range of the first bare web address in plain text: `http://`
/// or `https://` (any case) at the start or after a character that is not
/// a letter or digit, up to white space or a character that running text
/// does not put in an address unescaped (`<`, `>`, `\`, `|`, `` ` ``), less
/// trailing punctuation (`.`, `,`, `:`, `;`, `!`, `?`, `*`, `_`, `~`,
/// quotes, and a `)` that closes nothing), as GFM's extended autolinks
/// end. Each writer turns it into a real link, so that every renderer
/// follows the same, exact address. Linear in the text's length.
pub(super) fn next_bare_url(text: &str) -> Option<std::ops::Range<usize>> {
    // Most text has no URL: one quick look for the scheme's end first.
    if !text.contains("://") {
        return None;
    }
    let mut from = 0;
    while let Some(offset) = text[from..].find(['h', 'H']) {
        let start = from + offset;
        from = start + 1;
        let rest = &text[start..];
        let starts = |prefix: &str| {
            rest.get(..prefix.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
        };
        let scheme = if starts("https://") {
            "https://".len()
        } else if starts("http://") {
            "http://".len()
        } else {
            continue;
        };
        if text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let end = rest
            .find(|ch: char| {
                ch.is_whitespace() || ch.is_control() || matches!(ch, '<' | '>' | '\\' | '|' | '`')
            })
            .unwrap_or(rest.len());
        let mut url = &rest[..end];
        let mut unclosed = url
            .matches(')')
            .count()
            .saturating_sub(url.matches('(').count());
        while let Some(last) = url.chars().next_back() {
            let trailing = matches!(
                last,
                '.' | ',' | ':' | ';' | '!' | '?' | '*' | '_' | '~' | '\'' | '"'
            );
            if last == ')' && unclosed > 0 {
                unclosed -= 1;
            } else if !trailing {
                break;
            }
            url = &url[..url.len() - last.len_utf8()];
        }
        if url
            .get(scheme..)
            .is_some_and(|host| host.chars().any(char::is_alphanumeric))
        {
            return Some(start..start + url.len());
        }
    }
    None
}

/// `text` split into plain runs and bare web addresses (see
/// [`next_bare_url`]), in order: `(run, is_url)`, empty runs left out.
pub(super) fn split_bare_urls(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = text;
    let mut pending: Option<&str> = None;
    std::iter::from_fn(move || {
        loop {
            if let Some(url) = pending.take() {
                return Some((url, true));
            }
            if rest.is_empty() {
                return None;
            }
            let Some(range) = next_bare_url(rest) else {
                let all = rest;
                rest = "";
                return Some((all, false));
            };
            let before = &rest[..range.start];
            pending = Some(&rest[range.clone()]);
            rest = &rest[range.end..];
            if !before.is_empty() {
                return Some((before, false));
            }
        }
    })
}

/// `text` with line endings made `\n` and other control characters (which
/// no format needs and some treat as errors) replaced by U+FFFD. Borrowed
/// when there is nothing to change (the usual case: no copy per span).
pub(super) fn clean(text: &str) -> Cow<'_, str> {
    let control = |ch: char| ch.is_control() && ch != '\n' && ch != '\t';
    // ASCII (most text) is looked at a byte at a time.
    let any = if text.is_ascii() {
        text.bytes().any(|b| control(char::from(b)))
    } else {
        text.contains(control)
    };
    if !any {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.replace("\r\n", "\n")
            .chars()
            .map(|ch| match ch {
                '\r' => '\n',
                '\n' | '\t' => ch,
                _ if ch.is_control() => '\u{FFFD}',
                _ => ch,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_urls_end_where_gfm_ends_them() {
        let urls = |text: &str| -> Vec<String> {
            split_bare_urls(text)
                .filter(|(_, url)| *url)
                .map(|(u, _)| u.to_owned())
                .collect()
        };
        assert_eq!(
            urls("See https://duckdb.org/why_duckdb."),
            ["https://duckdb.org/why_duckdb"]
        );
        assert_eq!(
            urls("(HTTP://x.org/a_(b)) and http://y.org/?q=1&r=*2*, then"),
            ["HTTP://x.org/a_(b)", "http://y.org/?q=1&r=*2"]
        );
        assert_eq!(
            urls("xhttps://no.org https:// http://.. <https://z.org>"),
            ["https://z.org"]
        );
        let all: String = split_bare_urls("a https://b.org c")
            .map(|(t, _)| t)
            .collect();
        assert_eq!(all, "a https://b.org c");
    }

    #[test]
    fn clean_normalises_line_endings_and_controls() {
        assert_eq!(clean("a\r\nb\rc\u{0}d\te"), "a\nb\nc\u{FFFD}d\te");
    }
}
