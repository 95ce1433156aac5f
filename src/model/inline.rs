//! Inline Markdown (emphasis, strong, code, links) in content text, turned
//! into styled spans a renderer or exporter can use.

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

/// Splits `text` into styled spans. Block structure (headings, lists) is
/// flattened: content text is a paragraph.
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
    for event in Parser::new(text) {
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

/// The text without any Markdown markers.
#[must_use]
pub fn plain_text(text: &str) -> String {
    let mut out = String::new();
    for_each_span(text, |span| out.push_str(&span.text));
    out
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
}
