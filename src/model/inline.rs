//! Inline Markdown (emphasis, strong, code, links) in content text, turned
//! into styled spans a renderer or exporter can use.

use std::borrow::Cow;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// A run of text with one style.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Span {
    /// The text as shown.
    pub text: String,
    /// `**strong**`.
    pub strong: bool,
    /// `*emphasis*`.
    pub emphasis: bool,
    /// `` `code` ``.
    pub code: bool,
    /// The target of a link; only `http`, `https` and `mailto` are kept.
    pub link: Option<String>,
}

/// Whether a link target is one the app will follow.
#[must_use]
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Splits `text` into styled spans. Content text is inline Markdown only:
/// a line that would start a block (`> 800 km`, `- item`, `# 1`, `1. one`,
/// a fence, a rule) shows as written, on a line of its own.
#[must_use]
pub fn parse_inline(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    for_each_span(text, |span| spans.push(span.clone()));
    spans
}

/// Calls `f` with each styled span of `text` in turn, the same spans
/// [`parse_inline`] returns, without keeping them: one buffer is reused, so
/// memory stays proportional to the longest span, not to their number
/// (`*a*a*a…` is one span per character).
///
/// Time is linear in the text's length: pulldown-cmark's inline parsing is
/// linear (it is tested against the `CommonMark` pathological inputs), and
/// each event is handled in time proportional to its text.
pub fn for_each_span(text: &str, mut f: impl FnMut(&Span)) {
    let mut current = Span::default();
    let (mut strong, mut emphasis) = (0u32, 0u32);
    let mut link: Option<String> = None;
    // Appends to the current span, or starts a new one when the style
    // changes (handing the finished one to `f`).
    let mut push = |current: &mut Span,
                    text: &str,
                    code: bool,
                    strong: u32,
                    emphasis: u32,
                    link: Option<&str>| {
        let same = current.strong == (strong > 0)
            && current.emphasis == (emphasis > 0)
            && current.code == code
            && current.link.as_deref() == link;
        if !same {
            if !current.text.is_empty() {
                f(current);
            }
            current.text.clear();
            current.strong = strong > 0;
            current.emphasis = emphasis > 0;
            current.code = code;
            if current.link.as_deref() != link {
                current.link = link.map(str::to_owned);
            }
        }
        current.text.push_str(text);
    };
    let mut blocks = 0;
    for event in Parser::new(&inline_only(text)) {
        match event {
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => emphasis += 1,
            Event::End(TagEnd::Emphasis) => emphasis = emphasis.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = is_safe_url(&dest_url).then(|| dest_url.to_string());
            }
            Event::End(TagEnd::Link) => link = None,
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item) => {
                if blocks > 0 {
                    push(&mut current, "\n", false, 0, 0, None);
                }
                blocks += 1;
            }
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                push(&mut current, &t, false, strong, emphasis, link.as_deref());
            }
            Event::Code(t) => push(&mut current, &t, true, strong, emphasis, link.as_deref()),
            Event::SoftBreak => push(&mut current, " ", false, strong, emphasis, link.as_deref()),
            Event::HardBreak => {
                push(&mut current, "\n", false, strong, emphasis, link.as_deref());
            }
            _ => {}
        }
    }
    if !current.text.is_empty() {
        f(&current);
    }
}

/// `text` as inline Markdown only: each line that would start a Markdown
/// block (a quote, a list item, a heading, a fence, a rule, a setext
/// underline, an HTML block, a link reference definition) gets a backslash
/// before its marker, so it reads as written, and a hard break before it,
/// so it keeps its own line. Leading white space is dropped (it would make
/// an indented code block). Borrowed when nothing changes; linear time.
fn inline_only(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut previous_blank = true;
    let mut start = 0;
    while start < text.len() {
        let end = text[start..]
            .find('\n')
            .map_or(text.len(), |i| start + i + 1);
        let line = &text[start..end];
        let body = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - body.len();
        let content = body.trim_end_matches(['\n', '\r']);
        let marker = block_marker(content, previous_blank);
        if indent > 0 || marker.is_some() {
            out.push_str(&text[copied..start]);
            if marker.is_some() && !previous_blank {
                // A hard break (two spaces) before the line break ending
                // the previous line: this line stays a line of its own.
                let eol = if out.ends_with("\r\n") { 2 } else { 1 };
                out.insert_str(out.len() - eol, "  ");
            }
            match marker {
                Some(at) => {
                    out.push_str(&body[..at]);
                    out.push('\\');
                    out.push_str(&body[at..]);
                }
                None => out.push_str(body),
            }
            copied = end;
        }
        previous_blank = content.trim().is_empty();
        start = end;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// Where to put a backslash so that `line` (no leading white space) does
/// not start a Markdown block, or `None` when it does not start one.
/// `after_blank`: the line before is blank (or there is none), so a setext
/// underline cannot follow a paragraph.
fn block_marker(line: &str, after_blank: bool) -> Option<usize> {
    let bytes = line.as_bytes();
    let first = *bytes.first()?;
    let spaced = |i: usize| bytes.get(i).is_none_or(|&b| b == b' ' || b == b'\t');
    let run = bytes.iter().take_while(|&&b| b == first).count();
    let only = |marker: u8| {
        bytes
            .iter()
            .all(|&b| b == marker || b == b' ' || b == b'\t')
    };
    let rule = |marker: u8| only(marker) && line.matches(char::from(marker)).nth(2).is_some();
    let found = match first {
        b'>' => true,
        b'#' => run <= 6 && spaced(run),
        b'-' | b'+' | b'*' => {
            spaced(1) || rule(first) || (first == b'-' && !after_blank && only(b'-'))
        }
        b'_' => rule(b'_'),
        b'=' => !after_blank && only(b'='),
        b'`' => run >= 3 && !line[run..].contains('`'),
        b'~' => run >= 3,
        b'<' => starts_html_block(line),
        b'[' => starts_reference_definition(line),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            let list =
                digits <= 9 && matches!(bytes.get(digits), Some(b'.' | b')')) && spaced(digits + 1);
            return list.then_some(digits);
        }
        _ => false,
    };
    found.then_some(0)
}

/// Whether a line starting with `<` would start an HTML block: a tag,
/// a closing tag, a comment, a declaration or a processing instruction,
/// but not an autolink (`<https://…>`, `<me@x.org>`).
fn starts_html_block(line: &str) -> bool {
    let rest = &line[1..];
    let Some(next) = rest.chars().next() else {
        return false;
    };
    if !(next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?')) {
        return false;
    }
    let inside = rest.split('>').next().unwrap_or_default();
    let scheme = inside.split_once(':').is_some_and(|(scheme, _)| {
        (2..=32).contains(&scheme.len())
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
    });
    let email = inside.contains('@') && !inside.contains(char::is_whitespace);
    !(scheme || email) || !rest.contains('>')
}

/// Whether a line starting with `[` is a link reference definition
/// (`[label]: destination`), which Markdown would hide.
fn starts_reference_definition(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'[' => return false,
            b']' => return bytes.get(i + 1) == Some(&b':'),
            _ => i += 1,
        }
    }
    false
}

/// The text without any Markdown markers.
#[must_use]
pub fn plain_text(text: &str) -> String {
    let mut out = String::new();
    for_each_span(text, |span| out.push_str(&span.text));
    out
}

/// The first sentence of `text`, as plain text on one line (the whole
/// text when it has no sentence end): what an overview shows of a summary.
#[must_use]
pub fn first_sentence(text: &str) -> String {
    let plain = plain_text(text);
    let mut end = plain.len();
    for (i, ch) in plain.char_indices() {
        let next = i + ch.len_utf8();
        let closes = match ch {
            // "1. door to door": a list number's period ends no sentence.
            '.' if is_list_number(&plain[..i]) => false,
            '.' | '!' | '?' => plain[next..].starts_with(char::is_whitespace),
            '。' | '！' | '？' | '۔' | '।' => true,
            '\n' => {
                end = i;
                break;
            }
            _ => false,
        };
        if closes {
            end = next;
            break;
        }
    }
    plain[..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `before` ends in a word of one to three digits: a list
/// number ("1.", "12.") rather than the end of a sentence. Four digits
/// (a year) still end one.
fn is_list_number(before: &str) -> bool {
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    (1..=3).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_and_links() {
        let spans = parse_inline(
            "Plain **bold** *it* `code` [site](https://x.org) [bad](javascript:alert(1))",
        );
        let texts: Vec<_> = spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Plain ", "bold", " ", "it", " ", "code", " ", "site", " bad"
            ]
        );
        assert!(spans[1].strong);
        assert!(spans[3].emphasis);
        assert!(spans[5].code);
        assert_eq!(spans[7].link.as_deref(), Some("https://x.org"));
        assert_eq!(spans[8].link, None);
    }

    #[test]
    fn html_stays_text_and_plain_text_drops_markers() {
        assert_eq!(plain_text("<b>x</b> and **y**"), "<b>x</b> and y");
        assert_eq!(plain_text("a\nb"), "a b");
    }

    #[test]
    fn lines_that_would_start_a_block_show_as_written() {
        for text in [
            "> 800 km",
            "< 300 km",
            "- one",
            "+ one",
            "* one",
            "# 1 in sales",
            "###### six",
            "1. first",
            "2) second",
            "```rust",
            "~~~",
            "---",
            "***",
            "___",
            "<div>x</div>",
            "<!-- kept -->",
            "[label]: https://x.org",
            ">>> nested",
        ] {
            assert_eq!(plain_text(text), text, "{text:?}");
        }
        // Indentation would make a code block: the words stay, the
        // indentation goes.
        assert_eq!(plain_text("    indented"), "indented");
        assert_eq!(plain_text("\tx"), "x");
    }

    #[test]
    fn a_block_line_inside_a_text_keeps_its_own_line() {
        assert_eq!(
            plain_text("Train:\n- fast\n- cheap"),
            "Train:\n- fast\n- cheap"
        );
        assert_eq!(plain_text("Title\n==="), "Title\n===");
        assert_eq!(plain_text("Title\n---"), "Title\n---");
        assert_eq!(plain_text("a\r\n> b"), "a\n> b");
        // Not blocks: left to inline Markdown.
        assert_eq!(plain_text("-5 to +5"), "-5 to +5");
        assert_eq!(plain_text("0.1 and 2.5"), "0.1 and 2.5");
        assert_eq!(plain_text("#1 seller"), "#1 seller");
        assert_eq!(plain_text("a\n2024. b"), "a\n2024. b");
    }

    #[test]
    fn inline_markdown_at_the_start_of_a_line_still_works() {
        let spans = parse_inline("*em* then `code`\n**strong** <https://x.org>");
        assert!(spans[0].emphasis, "{spans:?}");
        assert!(spans.iter().any(|s| s.code && s.text == "code"));
        assert!(spans.iter().any(|s| s.strong && s.text == "strong"));
        assert!(
            spans
                .iter()
                .any(|s| s.link.as_deref() == Some("https://x.org"))
        );
        assert!(matches!(
            inline_only("plain text\nand more"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn first_sentences_are_plain_and_on_one_line() {
        assert_eq!(first_sentence("One **two**. Three."), "One two.");
        assert_eq!(first_sentence("你好。世界"), "你好。");
        assert_eq!(first_sentence("No end"), "No end");
        assert_eq!(first_sentence("v0.1 is out. Then"), "v0.1 is out.");
        assert_eq!(first_sentence("> 800 km\n\nmore"), "> 800 km");
        assert_eq!(first_sentence(""), "");
        assert_eq!(
            first_sentence("1. door to door 2. any time. More"),
            "1. door to door 2. any time."
        );
        assert_eq!(first_sentence("Opened in 2024. Then"), "Opened in 2024.");
    }
}
