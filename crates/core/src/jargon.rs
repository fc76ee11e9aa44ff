//! The plain-English check: where a glossary term is used in a piece of text, and what the
//! partnership would say instead. One set of rules for plan health and for the hints beside a
//! field as the planner types, so the two never disagree:
//!
//! - **Whole words.** "ICS" is not found in "physics"; "care" is not found in "careful".
//! - **Case-aware.** A term written in capitals or with capitals inside ("ICS", "PCNs") is an
//!   abbreviation and is found only as written; a term in small letters ("integrated care
//!   system") is found however it is capitalised.
//! - **Names are suggestions.** A small-letter term written with capitals mid-sentence, or
//!   next to other capitalised words ("Our Dorset Integrated Care System"), is likely part of
//!   an organisation's name or a title: it is offered as a suggestion and never replaced
//!   without the planner choosing to.
//! - **Quotations are people's words.** Text inside quotation marks is not flagged, and
//!   neither are fields that record what people said (`applies_to`).
//! - **A fix is shown whole.** Each use comes with its sentence as it is and as it would read
//!   with the plain words (their first letter matching the term's), and the fix is one edit.

use serde::Serialize;
use ts_rs::TS;

use crate::model::{Field, GlossaryTerm, fields};

/// A glossary term found in a piece of text, for marking it where the planner is typing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct JargonSpan {
    /// Where the term is, in UTF-16 code units (JavaScript string indices), end exclusive.
    pub start: usize,
    pub end: usize,
    /// The glossary's term, as the glossary spells it.
    pub term: String,
    /// The words the partnership uses instead.
    pub plain_words: String,
    /// What replaces the term: the plain words, capitalised where the term was.
    pub replacement: String,
    /// The term looks like part of a name or a title: suggest, never replace blindly.
    pub in_name: bool,
    /// The sentence the term is in, as it is, and as it would read with the replacement.
    pub sentence: String,
    pub fixed: String,
}

/// One use of a term in a text, in bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Use<'g> {
    pub start: usize,
    pub end: usize,
    pub term: &'g GlossaryTerm,
    /// Likely part of a name or title (see the module's rules).
    pub in_name: bool,
}

/// Whether the check looks at this field at all: not at words quoted from people.
pub fn applies_to(field: Field) -> bool {
    field != fields::engagement::what_they_said
}

/// Every use of one glossary term in `text`, in order. Each term is looked for on its own, so
/// plan health can ask again about one term when only it has changed.
pub fn uses_of<'g>(text: &str, term: &'g GlossaryTerm) -> Vec<Use<'g>> {
    let phrase = term.term.trim();
    if phrase.is_empty() {
        return Vec::new();
    }
    let quoted = quoted_ranges(text);
    let exact = is_abbreviation(phrase);
    let mut found = Vec::new();
    let mut from = 0;
    while let Some((start, end)) = if exact {
        text[from..]
            .find(phrase)
            .map(|at| (from + at, from + at + phrase.len()))
    } else {
        crate::search::find_ignoring_case(text, phrase, from)
    } {
        let whole = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
            && text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
        let in_quotes = quoted.iter().any(|q| q.start <= start && end <= q.end);
        if whole && !in_quotes {
            let in_name = !exact && looks_like_a_name(text, start, end);
            found.push(Use {
                start,
                end,
                term,
                in_name,
            });
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

/// Every use of any glossary term in `text`, in order, without overlaps: where two terms
/// overlap ("care" inside "integrated care system") the earlier, then the longer, is kept.
pub fn uses<'g>(text: &str, glossary: &'g [GlossaryTerm]) -> Vec<Use<'g>> {
    let mut found: Vec<Use<'g>> = glossary.iter().flat_map(|t| uses_of(text, t)).collect();
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Use<'g>> = Vec::new();
    for u in found {
        if kept.last().is_none_or(|k| k.end <= u.start) {
            kept.push(u);
        }
    }
    kept
}

/// Every use in `text`, as the window marks it (UTF-16 positions, the sentence before and
/// after the fix).
pub fn jargon_spans(text: &str, glossary: &[GlossaryTerm]) -> Vec<JargonSpan> {
    let utf16 = |byte: usize| text[..byte].encode_utf16().count();
    uses(text, glossary)
        .into_iter()
        .map(|u| {
            let replacement = replacement(&text[u.start..u.end], &u.term.plain_words);
            let (from, to) = sentence_around(text, u.start, u.end);
            let sentence = text[from..to].to_owned();
            let fixed = format!("{}{replacement}{}", &text[from..u.start], &text[u.end..to]);
            JargonSpan {
                start: utf16(u.start),
                end: utf16(u.end),
                term: u.term.term.clone(),
                plain_words: u.term.plain_words.clone(),
                replacement,
                in_name: u.in_name,
                sentence,
                fixed,
            }
        })
        .collect()
}

/// The plain words, with a capital first letter where the term as written had one.
pub fn replacement(written: &str, plain_words: &str) -> String {
    let capital = written.chars().next().is_some_and(char::is_uppercase);
    let mut chars = plain_words.chars();
    match chars.next() {
        Some(first) if capital && first.is_lowercase() => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => plain_words.to_owned(),
    }
}

/// "ICS", "PCNs", "NHSE": capitals after the first letter mark an abbreviation, which is
/// only the term when written as the glossary writes it.
fn is_abbreviation(term: &str) -> bool {
    term.chars().skip(1).any(char::is_uppercase)
}

/// Whether the use at `start..end` is written as part of a name: every word of it
/// capitalised, and either not at a sentence's start or next to another capitalised word.
fn looks_like_a_name(text: &str, start: usize, end: usize) -> bool {
    let written = &text[start..end];
    let all_capitalised = written
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if !all_capitalised {
        return false;
    }
    let before = text[..start].trim_end();
    let at_sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n']);
    let word_after_capitalised = text[end..]
        .split_whitespace()
        .next()
        .and_then(|w| w.chars().find(|c| c.is_alphanumeric()))
        .is_some_and(char::is_uppercase);
    !at_sentence_start || word_after_capitalised
}

/// The byte ranges inside quotation marks: “…”, "…" and ‘…’ (a ’ between letters is an
/// apostrophe, not a closing quote).
fn quoted_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut open: Option<(usize, char)> = None;
    for (i, &(at, c)) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let apostrophe = c == '’'
            && prev.is_some_and(char::is_alphanumeric)
            && next.is_some_and(char::is_alphanumeric);
        match (open, c) {
            (None, '“' | '"') => open = Some((at, c)),
            (None, '‘') if prev.is_none_or(|p| !p.is_alphanumeric()) => open = Some((at, c)),
            (Some((from, '“')), '”') | (Some((from, '"')), '"') | (Some((from, '‘')), '’')
                if !apostrophe =>
            {
                out.push(from..at + c.len_utf8());
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// The sentence around `start..end`: from after the previous full stop, question or
/// exclamation mark or line break, to the next one (included).
fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let from = text[..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_end(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[end..]
        .char_indices()
        .find(|&(_, c)| is_end(c))
        .map_or(text.len(), |(i, c)| {
            end + i + if c == '\n' { 0 } else { c.len_utf8() }
        });
    let lead = text[from..start].len() - text[from..start].trim_start().len();
    (from + lead, to)
}

#[cfg(test)]
#[path = "jargon_tests.rs"]
mod tests;
