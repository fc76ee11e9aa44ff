use super::*;
use crate::model::Id;

fn term(term: &str, plain: &str) -> GlossaryTerm {
    GlossaryTerm {
        id: Id::from_key(term),
        term: term.into(),
        plain_words: plain.into(),
        ..GlossaryTerm::default()
    }
}

fn glossary() -> Vec<GlossaryTerm> {
    vec![
        term("integrated care system", "working together locally"),
        term("care", "support"),
        term("ICS", "our partnership"),
        term("", "nothing"),
    ]
}

/// What each use found in `text` is, as written.
fn found(text: &str) -> Vec<(String, bool)> {
    let g = glossary();
    uses(text, &g)
        .into_iter()
        .map(|u| (text[u.start..u.end].to_owned(), u.in_name))
        .collect()
}

#[test]
fn spans_are_whole_words_in_utf16_units_without_overlaps() {
    // "🙂" is two UTF-16 code units; "physics" holds "ics" but not as a word.
    let text = "🙂 We are an integrated care system (ICS), not physics; care.";
    let g = glossary();
    let spans = jargon_spans(text, &g);
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let pieces: Vec<String> = spans
        .iter()
        .map(|s| String::from_utf16_lossy(&utf16[s.start..s.end]))
        .collect();
    assert_eq!(pieces, ["integrated care system", "ICS", "care"]);
    assert_eq!(spans[0].start, 13);
    assert_eq!(spans[0].term, "integrated care system");
    assert_eq!(spans[0].plain_words, "working together locally");
    assert_eq!(spans[2].plain_words, "support");
}

#[test]
fn an_abbreviation_is_found_only_as_written() {
    assert_eq!(found("The ICS met."), [("ICS".to_owned(), false)]);
    assert!(found("the ics of it; Ics").is_empty());
    // A small-letter term is found however it is capitalised.
    assert_eq!(found("Care is key."), [("Care".to_owned(), false)]);
    assert!(found("careful carers").is_empty());
}

#[test]
fn a_term_inside_a_capitalised_name_is_only_suggested() {
    assert_eq!(
        found("Our Dorset Integrated Care System"),
        [("Integrated Care System".to_owned(), true)]
    );
    assert_eq!(
        found("Funded by the Dorset Care Record team."),
        [("Care".to_owned(), true)]
    );
    // At a sentence's start, a capital is only the sentence's.
    assert_eq!(
        found("Integrated care system partners agree."),
        [("Integrated care system".to_owned(), false)]
    );
    let g = glossary();
    let spans = jargon_spans("Our Dorset Integrated Care System", &g);
    assert!(spans[0].in_name);
}

#[test]
fn quoted_words_are_peoples_and_are_not_flagged() {
    assert!(found("People told us “the integrated care system means nothing to me”.").is_empty());
    assert!(found("One said \"care\" was the wrong word.").is_empty());
    assert!(found("She said ‘the ICS is far away’.").is_empty());
    // An apostrophe is not a closing quotation mark.
    assert_eq!(
        found("‘It’s the ICS’ they said, and the ICS listened.").len(),
        1,
        "only the unquoted ICS"
    );
    assert!(!applies_to(fields::engagement::what_they_said));
    assert!(applies_to(fields::engagement::what_changed));
}

#[test]
fn a_fix_shows_its_sentence_before_and_after_with_the_capital_kept() {
    let g = glossary();
    let text = "We plan ahead. Integrated care system partners agree on this. Then more.";
    let spans = jargon_spans(text, &g);
    assert_eq!(spans.len(), 1);
    let s = &spans[0];
    assert_eq!(s.replacement, "Working together locally");
    assert_eq!(s.sentence, "Integrated care system partners agree on this.");
    assert_eq!(s.fixed, "Working together locally partners agree on this.");
    assert_eq!(replacement("ICS", "our partnership"), "Our partnership");
    assert_eq!(replacement("care", "support"), "support");
}

#[test]
fn no_glossary_or_no_terms_means_no_spans() {
    assert!(jargon_spans("integrated care system", &[]).is_empty());
    assert!(jargon_spans("", &[term("ICS", "x")]).is_empty());
}
