//! Search across a whole workbook: every text a planner writes, in every kind of row, found
//! through the FTS5 index of `store/search_index.rs`.
//!
//! The desktop app's search box shows these hits; each says which item and field matched, so
//! the window can open the item, and carries a short snippet of the text around the match.

use serde::Serialize;
use ts_rs::TS;

use std::collections::{HashMap, HashSet};

use crate::content::{Content, EachKind};
use crate::error::Result;
use crate::model::{Entity, Field, FieldType, Id, Kind};
use crate::store::Reader;
use crate::store::search_index::SearchIndex;

/// One place where the query was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SearchHit {
    /// The kind of item, and its id: what to open.
    pub entity: Kind,
    pub id: Id,
    /// The field (column name) the text is in.
    pub field: String,
    /// The text around the first match in that field, shortened with "…" where it was cut.
    pub snippet: String,
}

/// No search shows more than this many hits; a query that matches more is too broad to read.
pub const MAX_HITS: usize = 200;

/// How many characters of context a snippet keeps on each side of the match.
const CONTEXT_CHARS: usize = 40;

/// The fields of `kind` a planner writes words in (short and long text), in column order,
/// which is the order a person reads them. Codes that are not words, dates, numbers, values
/// from closed lists and references are not searched.
pub fn text_fields(kind: Kind) -> impl Iterator<Item = Field> {
    kind.fields()
        .iter()
        .copied()
        .filter(|f| matches!(f.ty, FieldType::ShortText | FieldType::LongText))
}

/// Every field of every item whose text contains `query`, ignoring case, in the workbook's
/// order (plan, aims, sections, priorities, outcomes, …), at most [`MAX_HITS`]. A blank query
/// finds nothing. Reads every text once: for one search of a content; a program searching
/// an open workbook again and again keeps an index ([`search_workbook`], through
/// [`crate::live::Live::search`]), which finds the same hits in the same order.
pub fn search(content: &Content, query: &str) -> Vec<SearchHit> {
    let query = query.trim();
    let mut found = Found {
        hits: Vec::new(),
        query,
    };
    if !query.is_empty() {
        // Collecting hits cannot fail; a row that does not serialise is skipped.
        let _ = content.each_kind(&mut found);
    }
    let mut hits = found.hits;
    hits.truncate(MAX_HITS);
    hits
}

struct Found<'q> {
    hits: Vec<SearchHit>,
    query: &'q str,
}

impl EachKind for Found<'_> {
    fn rows<T: Entity>(&mut self, rows_of_kind: &[T]) -> crate::Result<()> {
        for row in rows_of_kind {
            if self.hits.len() >= MAX_HITS {
                break;
            }
            let Ok(obj) = crate::store::rows::to_object(row) else {
                continue;
            };
            for field in text_fields(T::KIND) {
                let Some(text) = obj.get(field.name).and_then(|v| v.as_str()) else {
                    continue;
                };
                if let Some((start, end)) = find_ignoring_case(text, self.query, 0) {
                    self.hits.push(SearchHit {
                        entity: T::KIND,
                        id: row.id().clone(),
                        field: field.name.to_owned(),
                        snippet: snippet(text, start, end),
                    });
                }
            }
        }
        Ok(())
    }
}

/// [`search`] through a kept index of the workbook `reader` reads, in the order of its lists.
pub fn search_workbook(
    index: &SearchIndex,
    reader: Reader<'_>,
    query: &str,
) -> Result<Vec<SearchHit>> {
    search_in(index, query, |kind, found| {
        let ids: Vec<&str> = found.iter().map(Id::as_str).collect();
        let ids = serde_json::to_string(&ids).map_err(|e| crate::Error::Json(e.to_string()))?;
        reader.query_all(
            &format!(
                "SELECT id FROM {} WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY {}",
                kind.table(),
                kind.order_by()
            ),
            [ids],
            |r| Ok(Id(r.get(0)?)),
        )
    })
}

/// [`search`] through an index built from `content`, ordered as its lists are (for tests
/// showing that the index finds what reading every text does).
pub fn search_indexed(content: &Content, query: &str) -> Result<Vec<SearchHit>> {
    let index = SearchIndex::build(content)?;
    search_in(&index, query, |kind, found| {
        struct Ids<'f>(Kind, &'f HashSet<Id>, Vec<Id>);
        impl EachKind for Ids<'_> {
            fn rows<T: Entity>(&mut self, rows_of_kind: &[T]) -> Result<()> {
                if T::KIND == self.0 {
                    let rows = rows_of_kind.iter().map(|r| r.id());
                    self.2 = rows.filter(|id| self.1.contains(*id)).cloned().collect();
                }
                Ok(())
            }
        }
        let mut ids = Ids(kind, found, Vec::new());
        content.each_kind(&mut ids)?;
        Ok(ids.2)
    })
}

/// The hits among the index's candidates, kind by kind in dependency order, the rows of a
/// kind in the order `order` gives the ones found, the fields of a row in column order.
fn search_in(
    index: &SearchIndex,
    query: &str,
    order: impl Fn(Kind, &HashSet<Id>) -> Result<Vec<Id>>,
) -> Result<Vec<SearchHit>> {
    let query = query.trim();
    if query.is_empty() {
        return Ok(Vec::new());
    }
    // The index finds texts holding the query's trigrams; the match itself, ignoring case
    // as everywhere in Planbook, is checked here, and gives the snippet.
    let mut by_row: HashMap<(Kind, Id), Vec<SearchHit>> = HashMap::new();
    for c in index.candidates(query)? {
        if let Some((start, end)) = find_ignoring_case(&c.text, query, 0) {
            by_row
                .entry((c.kind, c.id.clone()))
                .or_default()
                .push(SearchHit {
                    entity: c.kind,
                    id: c.id,
                    field: c.field,
                    snippet: snippet(&c.text, start, end),
                });
        }
    }
    let mut hits = Vec::new();
    for &kind in Kind::ALL {
        if hits.len() >= MAX_HITS {
            break;
        }
        let found: HashSet<Id> = by_row
            .keys()
            .filter(|(k, _)| *k == kind)
            .map(|(_, id)| id.clone())
            .collect();
        if found.is_empty() {
            continue;
        }
        let columns: Vec<&str> = text_fields(kind).map(|f| f.name).collect();
        for id in order(kind, &found)? {
            let Some(mut row_hits) = by_row.remove(&(kind, id)) else {
                continue;
            };
            row_hits.sort_by_key(|h| columns.iter().position(|c| *c == h.field));
            hits.extend(row_hits);
        }
    }
    hits.truncate(MAX_HITS);
    Ok(hits)
}

/// The text around `start..end` (byte offsets), on one line, cut at about
/// [`CONTEXT_CHARS`] characters each side.
fn snippet(text: &str, start: usize, end: usize) -> String {
    let before: Vec<char> = text[..start].chars().collect();
    let after: Vec<char> = text[end..].chars().collect();
    let cut_before = before.len() > CONTEXT_CHARS;
    let cut_after = after.len() > CONTEXT_CHARS;
    let mut out = String::new();
    if cut_before {
        out.push('…');
    }
    out.extend(&before[before.len().saturating_sub(CONTEXT_CHARS)..]);
    out.push_str(&text[start..end]);
    out.extend(&after[..after.len().min(CONTEXT_CHARS)]);
    if cut_after {
        out.push('…');
    }
    // Paragraph breaks would make the list of hits hard to read.
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first place at or after byte `from` where `needle` occurs in `text`, ignoring case, as
/// byte offsets into `text` itself (lower-casing can change a text's length in bytes, so the
/// offsets are found by comparing character by character, not in a lower-cased copy).
pub(crate) fn find_ignoring_case(text: &str, needle: &str, from: usize) -> Option<(usize, usize)> {
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return None;
    }
    'starts: for (offset, _) in text[from..].char_indices() {
        let start = from + offset;
        let mut want = needle.iter().peekable();
        for (i, c) in text[start..].char_indices() {
            for lower in c.to_lowercase() {
                if want.next() != Some(&lower) {
                    continue 'starts;
                }
            }
            if want.peek().is_none() {
                return Some((start, start + i + c.len_utf8()));
            }
        }
        // The text ran out first; every later start has even less of it.
        return None;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, GlossaryTerm, Plan, Priority, Section};

    /// A search read both ways, which must agree: every text read, and through the index.
    fn both(c: &Content, query: &str) -> Vec<SearchHit> {
        let scanned = search(c, query);
        assert_eq!(search_indexed(c, query).unwrap(), scanned, "{query}");
        scanned
    }

    fn content() -> Content {
        Content {
            plan: Plan {
                id: Id::from_key("plan"),
                title: "Our Dorset plan".into(),
                vision: "Everyone in Dorset lives well.".into(),
                ..Plan::default()
            },
            sections: vec![Section {
                id: Id::from_key("s1"),
                title: "In your local area".into(),
                body: "A first paragraph, long enough to be cut.\n\nWe will work with DIGITAL partners across the county, \
                       so that people can reach services from home and at a time that suits them."
                    .into(),
                ..Section::default()
            }],
            priorities: vec![Priority {
                id: Id::from_key("p1"),
                code: "P1".into(),
                title: "Using digital technology".into(),
                ..Priority::default()
            }],
            actions: vec![Action {
                id: Id::from_key("a1"),
                title: "Digital front door".into(),
                description: "digital".into(),
                ..Action::default()
            }],
            glossary: vec![GlossaryTerm {
                id: Id::from_key("g1"),
                term: "ICS".into(),
                plain_words: "working together locally".into(),
                ..GlossaryTerm::default()
            }],
            ..Content::default()
        }
    }

    #[test]
    fn finds_every_field_ignoring_case_in_workbook_order() {
        let hits = both(&content(), "  Digital ");
        let places: Vec<(Kind, &str)> = hits.iter().map(|h| (h.entity, h.field.as_str())).collect();
        assert_eq!(
            places,
            [
                (Kind::Section, "body"),
                (Kind::Priority, "title"),
                (Kind::Action, "title"),
                (Kind::Action, "description"),
            ]
        );
        assert_eq!(hits[1].id, Id::from_key("p1"));
        assert_eq!(hits[1].snippet, "Using digital technology");
    }

    #[test]
    fn snippets_are_one_line_and_cut_with_an_ellipsis() {
        let hits = both(&content(), "digital partners");
        assert_eq!(hits.len(), 1);
        let s = &hits[0].snippet;
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("DIGITAL partners"), "{s}");
        assert!(!s.contains('\n'), "{s}");
    }

    #[test]
    fn text_fields_come_from_the_declarations() {
        let names = |k| text_fields(k).map(|f| f.name).collect::<Vec<_>>();
        assert_eq!(
            names(Kind::Plan),
            [
                "title",
                "subtitle",
                "partnership",
                "area",
                "vision",
                "version_label",
                "notes"
            ]
        );
        assert_eq!(
            names(Kind::Action),
            ["code", "title", "description", "progress_note"]
        );
        assert!(names(Kind::ActionPartner).is_empty());
    }

    #[test]
    fn blank_queries_and_misses_find_nothing() {
        assert!(both(&content(), "   ").is_empty());
        assert!(both(&content(), "spreadsheet").is_empty());
    }

    #[test]
    fn matching_ignores_case_beyond_ascii_and_keeps_original_offsets() {
        // "İ" lower-cases to two characters; offsets must still point into the original.
        let text = "İstanbul and ÉCOLE";
        let (s, e) = find_ignoring_case(text, "école", 0).expect("found");
        assert_eq!(&text[s..e], "ÉCOLE");
        assert_eq!(find_ignoring_case("abc", "", 0), None);
        assert_eq!(find_ignoring_case("aab", "ab", 0), Some((1, 3)));
        assert_eq!(find_ignoring_case("ab ab", "ab", 1), Some((3, 5)));
    }

    #[test]
    fn hits_are_capped() {
        let mut c = content();
        c.actions = (0..MAX_HITS + 5)
            .map(|n| Action {
                id: Id::from_key(&format!("a{n}")),
                title: format!("digital {n}"),
                ..Action::default()
            })
            .collect();
        assert_eq!(both(&c, "digital").len(), MAX_HITS);
    }

    #[test]
    fn the_index_ignores_case_beyond_ascii_and_finds_short_queries() {
        let mut c = content();
        c.sections[0].body = "Our ÉCOLE programme, with Ωmega partners, in Dorset.".into();
        assert_eq!(both(&c, "école").len(), 1);
        assert_eq!(both(&c, "ωmega").len(), 1);
        // Shorter than a trigram: every text is read, with the same result.
        assert!(!both(&c, "Do").is_empty());
        assert_eq!(both(&c, "\"quoted\" OR digital").len(), 0);
    }
}
