//! The Markdown writer the Markdown export and the Marp deck share:
//! content (inline Markdown) is parsed into styled spans and written back,
//! so emphasis, code and safe links survive, unsafe links become their
//! text, and every character that could start structure is escaped.

use super::{clean, is_safe_url, split_bare_urls};
use crate::model::{Span, for_each_span};

/// Inline Markdown on one line (a heading, a list item): the content's
/// lines joined with spaces.
pub(super) fn one_line(text: &str) -> String {
    write_text(text, Place::Block, false).join(" ")
}

/// Like [`one_line`], all in bold.
pub(super) fn strong_line(text: &str) -> String {
    write_text(text, Place::Block, true).join(" ")
}

/// One paragraph per line of the content (its paragraphs and hard breaks).
pub(super) fn paragraphs(text: &str) -> Vec<String> {
    write_text(text, Place::Block, false)
}

/// Where inline Markdown is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// A paragraph, heading, list item or blockquote line.
    Block,
    /// A GFM table cell, where a pipe ends the cell even inside a code
    /// span unless escaped.
    Cell,
}

/// Inline Markdown for `text`, one string per line of content (the
/// source's paragraphs and hard breaks), blank lines left out. `strong`
/// puts every span in bold (a highlighted row). Spans are parsed and
/// written one at a time: memory stays proportional to the output,
/// however many spans the text has.
pub(super) fn write_text(text: &str, place: Place, strong: bool) -> Vec<String> {
    let mut lines = Lines::new(place, strong, text);
    for_each_span(text, |span| lines.span(span));
    lines.finish()
}

/// Inline Markdown being written from styled spans: the lines written so
/// far (blank ones left out) and the one being written.
pub(super) struct Lines {
    place: Place,
    strong: bool,
    pairs: Pairs,
    done: Vec<String>,
    line: LineWriter,
}

impl Lines {
    /// Nothing written yet; `strong` puts every span in bold. `source` is
    /// the whole content text the spans come from.
    pub(super) fn new(place: Place, strong: bool, source: &str) -> Self {
        let pairs = Pairs::of(source);
        Self {
            place,
            strong,
            pairs,
            done: Vec::new(),
            line: LineWriter::new(place, pairs),
        }
    }

    /// A new, empty writer with the same settings (place, bold, pairs).
    pub(super) fn fresh(&self) -> Self {
        Self {
            place: self.place,
            strong: self.strong,
            pairs: self.pairs,
            done: Vec::new(),
            line: LineWriter::new(self.place, self.pairs),
        }
    }

    /// Writes one span (its line breaks end lines).
    pub(super) fn span(&mut self, span: &Span) {
        // A carriage return ends a line too; controls are not text.
        for (i, part) in clean(&span.text).split('\n').enumerate() {
            if i > 0 {
                let line =
                    std::mem::replace(&mut self.line, LineWriter::new(self.place, self.pairs));
                self.push(line.finish());
            }
            self.line.span(span, part, self.strong);
        }
    }

    fn push(&mut self, line: String) {
        if !line.is_empty() {
            self.done.push(line);
        }
    }

    /// The lines, blank ones left out.
    pub(super) fn finish(mut self) -> Vec<String> {
        let line = std::mem::replace(&mut self.line, LineWriter::new(self.place, self.pairs));
        self.push(line.finish());
        self.done
    }
}

/// Which characters that style only in pairs (`~~strike~~`, `$math$` in
/// some renderers) appear more than once in the source text. A lone `~` or
/// `$` styles nothing and is written as it is (`~14 g`, `$5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pairs {
    tilde: bool,
    dollar: bool,
}

impl Pairs {
    fn of(source: &str) -> Self {
        let twice = |c: char| source.matches(c).nth(1).is_some();
        Self {
            tilde: twice('~'),
            dollar: twice('$'),
        }
    }
}

/// An emphasis delimiter that is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Strong,
    Emphasis,
}

impl Mark {
    fn delimiter(self) -> &'static str {
        match self {
            Self::Strong => "**",
            Self::Emphasis => "*",
        }
    }
}

/// Writes one line of inline Markdown from styled text. Delimiters open
/// only right before visible text and close before white space, so they
/// always flank the text they style; leading and trailing white space is
/// dropped (it would make an indented code block or a hard break).
struct LineWriter {
    place: Place,
    pairs: Pairs,
    out: String,
    /// Open emphasis delimiters, outermost first.
    open: Vec<Mark>,
    /// The target of the link whose `[` is written.
    link: Option<String>,
    /// White space not written yet.
    space: String,
}

impl LineWriter {
    fn new(place: Place, pairs: Pairs) -> Self {
        Self {
            place,
            pairs,
            out: String::new(),
            open: Vec::new(),
            link: None,
            space: String::new(),
        }
    }

    fn span(&mut self, span: &Span, text: &str, strong: bool) {
        // A constant slice, not a vector: `*a*a*a…` is one span per
        // character, and this runs for each.
        let wanted: &[Mark] = match (span.strong || strong, span.emphasis) {
            (true, true) => &[Mark::Strong, Mark::Emphasis],
            (true, false) => &[Mark::Strong],
            (false, true) => &[Mark::Emphasis],
            (false, false) => &[],
        };
        let link = span.link.as_deref().filter(|url| is_safe_url(url));
        // A code span of white space shows nothing: it is white space.
        if span.code && !text.trim().is_empty() {
            self.start_content(wanted, link);
            self.out.push_str(&code_span(text, self.place));
            return;
        }
        match link {
            // A link that shows its own address (`<https://…>` in the
            // content): an autolink, whose text no renderer reads again.
            Some(url)
                if text == url
                    && self.link.as_deref() != Some(url)
                    && autolink_safe(url, self.place) =>
            {
                self.autolink(wanted, url);
            }
            Some(_) => self.text(wanted, link, text),
            // A bare address is written as an autolink: escaped as text
            // (`why\_duckdb`), renderers that link bare addresses would
            // each follow a different, wrong one.
            None => {
                for (run, is_url) in split_bare_urls(text) {
                    if is_url && autolink_safe(run, self.place) {
                        self.autolink(wanted, run);
                    } else {
                        self.text(wanted, None, run);
                    }
                }
            }
        }
    }

    /// Writes `url` as an autolink (`<https://…>`) with these delimiters
    /// open.
    fn autolink(&mut self, wanted: &[Mark], url: &str) {
        self.start_content(wanted, None);
        self.out.push('<');
        self.out.push_str(url);
        self.out.push('>');
    }

    /// Writes plain text with these delimiters open, inside this link,
    /// escaping whatever could start structure.
    fn text(&mut self, wanted: &[Mark], link: Option<&str>, text: &str) {
        // The byte index of a `.` or `)` after digits that begin the line.
        let mut ordered_list_delimiter = None;
        for (i, ch) in text.char_indices() {
            if ch.is_whitespace() {
                if !self.out.is_empty() {
                    self.space.push(ch);
                }
                continue;
            }
            self.start_content(wanted, link);
            let at_line_start = self.out.is_empty();
            let after_space = self.out.ends_with(char::is_whitespace);
            let rest = &text[i + ch.len_utf8()..];
            if at_line_start && ch.is_ascii_digit() {
                let digits = 1 + rest.bytes().take_while(u8::is_ascii_digit).count();
                let delimiter = matches!(rest.as_bytes().get(digits - 1), Some(b'.' | b')'));
                let then = rest.get(digits..).and_then(|after| after.chars().next());
                // `0.1` is a number; `1. one` and a lone `1.` are list items.
                if digits <= 9 && delimiter && then.is_none_or(char::is_whitespace) {
                    ordered_list_delimiter = Some(i + digits);
                }
            }
            match ch {
                '~' if !self.pairs.tilde => self.out.push(ch),
                '$' if !self.pairs.dollar => self.out.push(ch),
                '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' => {
                    self.out.push('\\');
                    self.out.push(ch);
                }
                '<' => self.out.push_str("&lt;"),
                '&' if starts_entity(rest) => self.out.push_str("\\&"),
                '#' if at_line_start || after_space => self.out.push_str("\\#"),
                '>' | '-' | '+' | '=' if at_line_start => {
                    self.out.push('\\');
                    self.out.push(ch);
                }
                '.' | ')' if ordered_list_delimiter == Some(i) => {
                    self.out.push('\\');
                    self.out.push(ch);
                }
                _ if ch.is_control() => self.out.push('\u{FFFD}'),
                _ => self.out.push(ch),
            }
        }
    }

    /// Gets ready to write visible content with these delimiters open,
    /// inside this link.
    fn start_content(&mut self, wanted: &[Mark], link: Option<&str>) {
        if self.link.as_deref() != link {
            self.close_marks(0);
            self.close_link();
            self.write_space();
            if let Some(url) = link {
                // `!` right before `[` would make the link an image.
                if self.out.ends_with('!') && !self.out.ends_with("\\!") {
                    self.out.pop();
                    self.out.push_str("\\!");
                }
                self.out.push('[');
                self.link = Some(url.to_owned());
            }
        }
        let keep = self
            .open
            .iter()
            .take_while(|mark| wanted.contains(mark))
            .count();
        self.close_marks(keep);
        self.write_space();
        for &mark in wanted {
            if !self.open.contains(&mark) {
                self.out.push_str(mark.delimiter());
                self.open.push(mark);
            }
        }
    }

    /// Closes the open delimiters past the first `keep`, innermost first.
    fn close_marks(&mut self, keep: usize) {
        while self.open.len() > keep {
            if let Some(mark) = self.open.pop() {
                self.out.push_str(mark.delimiter());
            }
        }
    }

    fn close_link(&mut self) {
        if let Some(url) = self.link.take() {
            self.out.push_str("](");
            self.out.push_str(&link_destination(&url, self.place));
            self.out.push(')');
        }
    }

    fn write_space(&mut self) {
        self.out.push_str(&self.space);
        self.space.clear();
    }

    fn finish(mut self) -> String {
        self.close_marks(0);
        self.close_link();
        self.out
    }
}

/// Whether the text after a `&` would make it a character reference
/// (`&amp;`, `&#60;`), which must stay literal.
fn starts_entity(rest: &str) -> bool {
    // At most 33 bytes are looked at, so a long run of letters after
    // many `&`s costs no more than the text's length.
    let name = rest
        .bytes()
        .take(33)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    (1..=32).contains(&name) && rest.as_bytes().get(name) == Some(&b';')
}

/// A code span holding `text` exactly: a fence longer than any run of
/// backticks inside, padded with a space when the text starts or ends with
/// a backtick or is wrapped in spaces.
fn code_span(text: &str, place: Place) -> String {
    let mut text = clean(text).replace('\n', " ");
    if place == Place::Cell {
        text = text.replace('|', "\\|");
    }
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        run = if ch == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty());
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Whether `url` can be written as an autolink as it is: a scheme the
/// exports link, and nothing an autolink cannot hold (white space,
/// controls, `<`, `>`) or that would split a table cell (`|`).
fn autolink_safe(url: &str, place: Place) -> bool {
    is_safe_url(url)
        && !url.contains(|ch: char| {
            ch.is_whitespace()
                || ch.is_control()
                || matches!(ch, '<' | '>')
                || (ch == '|' && place == Place::Cell)
        })
}

/// A link destination in angle brackets that every renderer reads as the
/// exact address: `<`, `>` and `\` backslash-escaped, a `&` that would
/// start a character reference escaped; percent-encoded only what the
/// Markdown needs (white space and controls, which the brackets cannot
/// hold; a backtick, which could start a code span; `|` in a table cell).
fn link_destination(url: &str, place: Place) -> String {
    let mut out = String::from("<");
    for (i, ch) in url.char_indices() {
        match ch {
            '&' if starts_entity(&url[i + 1..]) => out.push_str("\\&"),
            '<' | '>' | '\\' => {
                out.push('\\');
                out.push(ch);
            }
            '|' if place == Place::Cell => percent_encode(ch, &mut out),
            '`' => percent_encode(ch, &mut out),
            _ if ch.is_control() || ch.is_whitespace() => percent_encode(ch, &mut out),
            _ => out.push(ch),
        }
    }
    out.push('>');
    out
}

/// Appends `ch` as `%XX` escapes of its UTF-8 bytes.
fn percent_encode(ch: char, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut buf = [0; 4];
    for b in ch.encode_utf8(&mut buf).bytes() {
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xF)]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_keep_their_text() {
        assert_eq!(code_span("a`b", Place::Block), "``a`b``");
        assert_eq!(code_span("`", Place::Block), "`` ` ``");
        assert_eq!(code_span("a|b", Place::Cell), "`a\\|b`");
        assert_eq!(code_span("a|b", Place::Block), "`a|b`");
    }
}
