//! What each column of a tracker holds: an action's declared field, one of the action's links
//! (its priorities, outcomes, supporting partners), text kept in the progress note, or
//! nothing. The action columns come from the declaration in `model/kinds.rs`; this file adds
//! only the other names trackers give them ("Ref", "RAG", "Lead organisation") and the
//! mapping file a planner can write or the app can save (docs/spreadsheets.md).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Field, FieldType, Kind, fields};

/// What a column of the sheet goes into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A declared field of the action.
    Field(Field),
    /// A link kind joining the action to another row (priority, outcome, partner).
    Link(Kind),
    /// Kept in the action's progress note, under the column's header.
    Note,
    /// Not read.
    Ignore,
}

/// The columns an action has, in order: its declared fields (not its place in the list,
/// which is the row's order) and then its links, as the declaration gives them.
pub fn action_columns() -> Vec<Target> {
    let own = Kind::Action
        .fields()
        .iter()
        .filter(|f| !matches!(f.ty, FieldType::Position { .. }))
        .map(|f| Target::Field(*f));
    let links = Kind::ALL
        .iter()
        .filter(|k| {
            k.link_columns().is_some_and(|(a, _)| {
                matches!(
                    a.ty,
                    FieldType::Ref {
                        to: Kind::Action,
                        ..
                    }
                )
            })
        })
        .map(|k| Target::Link(*k));
    own.chain(links).collect()
}

/// The kind at the far end of an action's link (a priority for `ActionPriority`).
pub fn far_kind(link: Kind) -> Option<Kind> {
    match link.link_columns()?.1.ty {
        FieldType::Ref { to, .. } => Some(to),
        _ => None,
    }
}

impl Target {
    /// The target's word in a mapping file: a field's column name ("due_date"), the kind a
    /// link reaches ("priority", "partner"), "note" or "ignore".
    pub fn word(self) -> &'static str {
        match self {
            Target::Field(f) => f.name,
            Target::Link(k) => far_kind(k).map_or("ignore", Kind::table),
            Target::Note => "note",
            Target::Ignore => "ignore",
        }
    }

    pub fn from_word(word: &str) -> Option<Target> {
        let word = word.trim();
        match word {
            "note" => return Some(Target::Note),
            "ignore" => return Some(Target::Ignore),
            _ => {}
        }
        action_columns().into_iter().find(|t| t.word() == word)
    }

    /// The column's header in an exported tracker, and its name for people: the field's
    /// label ("Due date"), or the link's far kind in the plural ("Priorities"); a link whose
    /// declared label says what the far row is to the action uses that ("Supporting
    /// partners").
    pub fn label(self) -> String {
        match self {
            Target::Field(f) => f.label.to_owned(),
            Target::Link(k) => {
                let role = k
                    .label()
                    .strip_suffix(" of an action")
                    .map(|r| format!("{r}s"));
                capitalised(&role.unwrap_or_else(|| {
                    far_kind(k).map_or_else(String::new, |f| f.list_name().to_owned())
                }))
            }
            Target::Note => "Kept in the progress note".into(),
            Target::Ignore => "Not read".into(),
        }
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A header folded for comparison: lower case, "&" as "and", punctuation as spaces, one
/// space between words.
pub fn fold_header(header: &str) -> String {
    let text = header.to_lowercase().replace('&', " and ");
    text.split(|c: char| !(c.is_alphanumeric() || c == '%'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The other names trackers give each action column (folded), besides its declared label
/// and its mapping word. Found in UK council and partnership trackers.
const OTHER_NAMES: &[(&str, &[&str])] = &[
    (
        "code",
        &[
            "ref",
            "ref no",
            "reference",
            "action ref",
            "action reference",
            "action no",
            "action number",
            "no",
            "id",
            "action id",
            "number",
            "#",
        ],
    ),
    (
        "title",
        &[
            "action",
            "actions",
            "action title",
            "what we will do",
            "what will we do",
            "activity",
            "task",
            "key action",
            "key actions",
            "deliverable",
            "action description",
        ],
    ),
    (
        "description",
        &["details", "detail", "description of action", "how"],
    ),
    (
        "lead_partner_id",
        &[
            "lead",
            "lead organisation",
            "lead organization",
            "lead partner",
            "lead agency",
            "lead body",
            "owner",
            "responsible organisation",
            "who",
            "lead org",
            "responsible",
            "organisation",
        ],
    ),
    ("start_date", &["start", "start by", "date started", "from"]),
    (
        "due_date",
        &[
            "target date",
            "due",
            "due by",
            "deadline",
            "by when",
            "timescale",
            "timescales",
            "completion date",
            "end date",
            "target completion",
            "target completion date",
            "delivery date",
            "when",
            "timeframe",
        ],
    ),
    (
        "status",
        &[
            "rag",
            "rag status",
            "rag rating",
            "progress rating",
            "status rag",
            "rating",
            "current status",
            "overall status",
        ],
    ),
    (
        "progress_note",
        &[
            "update",
            "progress",
            "progress update",
            "latest update",
            "commentary",
            "comments",
            "comment",
            "current position",
            "progress to date",
            "notes",
        ],
    ),
    (
        "priority",
        &[
            "priorities",
            "theme",
            "strategic priority",
            "priority area",
            "objective",
            "strategic objective",
            "workstream",
            "priority theme",
        ],
    ),
    (
        "outcome",
        &[
            "outcomes",
            "expected outcome",
            "outcome sought",
            "intended outcome",
        ],
    ),
    (
        "partner",
        &[
            "partners",
            "supporting partners",
            "supporting partner",
            "other partners",
            "partners involved",
            "support",
            "supported by",
            "key partners",
        ],
    ),
];

/// The column a header names, if it is one trackers use: the declared label, the mapping
/// word or another common name; a header about an update or a commentary that is not the
/// main one ("Q1 update", "Commentary Q2 2025/26") is kept in the progress note.
pub fn recognise(header: &str) -> Option<Target> {
    let folded = fold_header(header);
    if folded.is_empty() {
        return None;
    }
    for target in action_columns() {
        let word = target.word();
        let others = OTHER_NAMES
            .iter()
            .find(|(w, _)| *w == word)
            .map_or(&[][..], |(_, o)| *o);
        if fold_header(&target.label()) == folded
            || fold_header(word) == folded
            || others.contains(&folded.as_str())
        {
            return Some(target);
        }
    }
    let words: Vec<&str> = folded.split(' ').collect();
    let about = |w: &[&str]| words.iter().any(|x| w.contains(x));
    if about(&["update", "updates", "commentary", "comments", "progress"]) {
        return Some(Target::Note);
    }
    None
}

/// The version of the mapping file this build writes and reads.
pub const MAPPING_VERSION: u32 = 1;

/// A planner's mapping of a tracker's columns and values (docs/spreadsheets.md). Everything
/// but the version may be left out; what is left out is guessed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Always 1 for this format.
    pub planbook_mapping: u32,
    /// The sheet to read, when not given on the command line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The header row's number as the sheet shows it (1 is the first row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_row: Option<usize>,
    /// Header (as written in the sheet) → target word: an action field's name, "priority",
    /// "outcome", "partner", "note" or "ignore".
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// A status as the sheet writes it ("G", "Amber", "Blue"), or a fill colour as
    /// "#RRGGBB", → a status word ("on_track").
    #[serde(default)]
    pub statuses: BTreeMap<String, String>,
    /// A partner as the sheet writes it → the partner's name in the workbook.
    #[serde(default)]
    pub partners: BTreeMap<String, String>,
}

impl Mapping {
    pub fn read(path: &Path) -> Result<Mapping> {
        let bad = |detail: String| Error::Mapping {
            path: path.to_path_buf(),
            detail,
        };
        let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound {
                path: path.to_path_buf(),
            },
            _ => bad(format!("it could not be read as text ({e})")),
        })?;
        Mapping::parse(&text).map_err(bad)
    }

    /// A mapping from its JSON, checked as [`Mapping::read`] says; the error is what is
    /// wrong with it.
    pub fn parse(text: &str) -> std::result::Result<Mapping, String> {
        let bad = |detail: String| detail;
        let mapping: Mapping = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if mapping.planbook_mapping != MAPPING_VERSION {
            return Err(bad(format!(
                "it is version {} of the format; this Planbook reads version {MAPPING_VERSION}",
                mapping.planbook_mapping
            )));
        }
        for (header, word) in &mapping.columns {
            if Target::from_word(word).is_none() {
                let words: Vec<&str> = action_columns().iter().map(|t| t.word()).collect();
                return Err(bad(format!(
                    "the column “{header}” is mapped to “{word}”, which is not one of {}, note or ignore",
                    words.join(", ")
                )));
            }
        }
        for (written, word) in &mapping.statuses {
            // "" says "not a status": the planner's answer to a word Planbook would read.
            if !word.is_empty() && fields::action::status.word_label(word).is_none() {
                return Err(bad(format!(
                    "the status “{written}” is mapped to “{word}”, which is not a status word ({})",
                    status_words().join(", ")
                )));
            }
        }
        Ok(mapping)
    }

    /// The mapping as the file holds it.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// The target the mapping gives a header, if any.
    pub fn column(&self, header: &str) -> Option<Target> {
        let folded = fold_header(header);
        self.columns
            .iter()
            .find(|(h, _)| h.as_str() == header || fold_header(h) == folded)
            .and_then(|(_, w)| Target::from_word(w))
    }
}

fn status_words() -> Vec<&'static str> {
    match fields::action::status.ty {
        FieldType::Closed(words) => words.iter().map(|(w, _)| *w).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_columns_come_from_the_declaration() {
        let labels: Vec<String> = action_columns().iter().map(|t| t.label()).collect();
        assert_eq!(
            labels,
            [
                "Code",
                "Title",
                "Description",
                "Lead partner",
                "Start date",
                "Due date",
                "Status",
                "Progress note",
                "Priorities",
                "Outcomes",
                "Supporting partners"
            ]
        );
        for t in action_columns() {
            assert_eq!(Target::from_word(t.word()), Some(t));
            assert_eq!(recognise(&t.label()), Some(t), "{}", t.label());
        }
    }

    #[test]
    fn tracker_headers_are_recognised() {
        let field = |f| Some(Target::Field(f));
        assert_eq!(recognise("Ref"), field(fields::action::code));
        assert_eq!(recognise(" Ref. No "), field(fields::action::code));
        assert_eq!(recognise("RAG"), field(fields::action::status));
        assert_eq!(
            recognise("Lead Organisation"),
            field(fields::action::lead_partner_id)
        );
        assert_eq!(recognise("Target date"), field(fields::action::due_date));
        assert_eq!(recognise("Update"), field(fields::action::progress_note));
        assert_eq!(recognise("Q1 update"), Some(Target::Note));
        assert_eq!(recognise("Commentary Q2 2025/26"), Some(Target::Note));
        assert_eq!(recognise("Theme"), Some(Target::Link(Kind::ActionPriority)));
        assert_eq!(
            recognise("Supporting partners"),
            Some(Target::Link(Kind::ActionPartner))
        );
        assert_eq!(recognise("Lead officer"), None);
        assert_eq!(recognise(""), None);
    }
}
