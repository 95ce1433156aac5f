//! Text as the XML parts hold it: escaped, in runs of one script each.

use super::EMU;
use crate::model::Span;

/// `text` escaped for XML character data and attribute values, with the
/// characters XML 1.0 forbids (controls, U+FFFE, U+FFFF) as U+FFFD.
pub(super) fn push_escaped(out: &mut String, text: &str) {
    let mut rest = text;
    loop {
        // What needs nothing goes in whole: all but markup, controls and
        // (looked at a character at a time) whatever is not ASCII.
        let plain = rest
            .bytes()
            .position(|b| {
                matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0..=0x08 | 0x0B..=0x1F | 0x7F..)
            })
            .unwrap_or(rest.len());
        out.push_str(&rest[..plain]);
        rest = &rest[plain..];
        let Some(ch) = rest.chars().next() else {
            return;
        };
        rest = &rest[ch.len_utf8()..];
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(ch),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            _ if ch.is_control() => out.push('\u{FFFD}'),
            _ => out.push(ch),
        }
    }
}

pub(super) fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// Pixels to EMU (to the nearest EMU: rounding to whole pixels would make
/// a row's margins and lines add up to more than its height).
pub(super) fn emu(px: f64) -> i64 {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "positions on a 1280 × 720 slide"
    )]
    let emu = (px * EMU).round() as i64;
    emu
}

/// A writing system, for a run's `lang`: CJK is one (Han, kana and
/// Hangul mix in one run of Japanese or Korean).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Script {
    Latin,
    Greek,
    Cyrillic,
    Hebrew,
    Arabic,
    Devanagari,
    Thai,
    Cjk,
}

/// The script of a letter; `None` for what belongs to any script (spaces,
/// digits, punctuation, symbols).
pub(super) fn script_of(ch: char) -> Option<Script> {
    Some(match u32::from(ch) {
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F => Script::Cyrillic,
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0900..=0x097F => Script::Devanagari,
        0x0E00..=0x0E7F => Script::Thai,
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x3040..=0x30FF
        | 0x3130..=0x318F
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9F
        | 0x20000..=0x3FFFF => Script::Cjk,
        _ if ch.is_alphabetic() => Script::Latin,
        _ => return None,
    })
}

/// `text` cut where its script changes, so that each run gets its own
/// `lang`; what belongs to any script stays with the letters before it.
pub(super) fn script_runs(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        // ASCII has one script's letters at most.
        if rest.is_ascii() {
            return Some(std::mem::take(&mut rest));
        }
        let mut current = None;
        let mut end = rest.len();
        for (i, ch) in rest.char_indices() {
            let Some(script) = script_of(ch) else {
                continue;
            };
            match current {
                None => current = Some(script),
                Some(c) if c != script => {
                    end = i;
                    break;
                }
                Some(_) => {}
            }
        }
        let (run, next) = rest.split_at(end);
        rest = next;
        Some(run)
    })
}

/// The `lang` of a run of one script (see [`script_runs`]): kana makes CJK
/// Japanese and Hangul Korean, else Chinese; Latin and no letters at all
/// are English.
pub(super) fn lang_of(text: &str) -> &'static str {
    if text.is_ascii() {
        return "en-US";
    }
    let Some(script) = text.chars().find_map(script_of) else {
        return "en-US";
    };
    match script {
        Script::Latin => "en-US",
        Script::Greek => "el-GR",
        Script::Cyrillic => "ru-RU",
        Script::Hebrew => "he-IL",
        Script::Arabic => "ar-SA",
        Script::Devanagari => "hi-IN",
        Script::Thai => "th-TH",
        Script::Cjk => {
            let has = |range: std::ops::RangeInclusive<u32>| {
                text.chars().any(|ch| range.contains(&u32::from(ch)))
            };
            if has(0x3040..=0x30FF) || has(0x31F0..=0x31FF) || has(0xFF66..=0xFF9F) {
                "ja-JP"
            } else if has(0xAC00..=0xD7AF) || has(0x1100..=0x11FF) || has(0x3130..=0x318F) {
                "ko-KR"
            } else {
                "zh-CN"
            }
        }
    }
}

/// Whether a paragraph reads right to left: its first letter is Hebrew or
/// Arabic.
pub(super) fn is_rtl(spans: &[Span]) -> bool {
    spans
        .iter()
        .flat_map(|span| span.text.chars())
        .find_map(script_of)
        .is_some_and(|s| matches!(s, Script::Hebrew | Script::Arabic))
}
