//! The file name an export is offered under.

use super::Format;
use crate::model::Comparison;

/// The file name an export is offered under: a slug of the title,
/// `-audience` for the audience version (so that it never replaces the
/// presenter's own), the format's suffix and its extension, such as
/// `project-management-vs-technology-management.md` or
/// `project-management-vs-technology-management-audience.slides.md`.
#[must_use]
pub fn default_file_name(c: &Comparison, format: Format, audience: bool) -> String {
    format!(
        "{}{}{}.{}",
        slug(&c.title),
        if audience { "-audience" } else { "" },
        format.file_stem_suffix(),
        format.extension()
    )
}

/// The longest slug, in bytes: file names stay well under the usual limit
/// of 255 bytes with the suffix and extension added.
const SLUG_MAX_BYTES: usize = 100;

/// Lower-case letters and digits joined by single hyphens. Letters outside
/// ASCII are kept (a Chinese title gives a Chinese file name); ASCII
/// punctuation, white space, controls and invisible format characters (such
/// as right-to-left overrides, which could disguise an extension) become
/// separators.
fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut separator = false;
    for ch in title.chars() {
        let keep = if ch.is_ascii() {
            ch.is_ascii_alphanumeric()
        } else {
            !(ch.is_whitespace() || ch.is_control() || is_invisible(ch))
        };
        if !keep {
            separator = !out.is_empty();
            continue;
        }
        let lower: String = ch.to_lowercase().collect();
        let extra = usize::from(separator) + lower.len();
        if out.len() + extra > SLUG_MAX_BYTES {
            break;
        }
        if separator {
            out.push('-');
            separator = false;
        }
        out.push_str(&lower);
    }
    if out.is_empty() {
        "comparison".to_owned()
    } else {
        out
    }
}

/// Zero-width and bidirectional format characters.
fn is_invisible(ch: char) -> bool {
    matches!(
        ch,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_file_names() {
        let mut c = Comparison::built_in();
        assert_eq!(
            default_file_name(&c, Format::Markdown, false),
            "project-management-vs-technology-management.md"
        );
        assert_eq!(
            default_file_name(&c, Format::Html, false),
            "project-management-vs-technology-management.html"
        );
        assert_eq!(
            default_file_name(&c, Format::Marp, false),
            "project-management-vs-technology-management.slides.md"
        );
        assert_eq!(
            default_file_name(&c, Format::Script, false),
            "project-management-vs-technology-management.script.html"
        );
        assert_eq!(
            default_file_name(&c, Format::Html, true),
            "project-management-vs-technology-management-audience.html"
        );
        assert_eq!(
            default_file_name(&c, Format::Marp, true),
            "project-management-vs-technology-management-audience.slides.md"
        );
        c.title = "  ../C++ & Rust: <Ünïcode> 你好\u{202E}gpj.exe  ".to_owned();
        assert_eq!(
            default_file_name(&c, Format::Markdown, false),
            "c-rust-ünïcode-你好-gpj-exe.md"
        );
        c.title = "***".to_owned();
        assert_eq!(
            default_file_name(&c, Format::Html, false),
            "comparison.html"
        );
        c.title = "a".repeat(500);
        assert_eq!(slug(&c.title).len(), SLUG_MAX_BYTES);
    }
}
