//! Reading a tracker's values: RAG statuses from words, letters or the cell's fill colour;
//! several partners in one cell; and priorities, outcomes and partners found by their code or
//! their name with case, spacing, punctuation and common abbreviations folded ("Caerphilly
//! CBC" is "Caerphilly County Borough Council").

use std::collections::BTreeMap;

use super::columns::Mapping;
use super::read::{Cell, Value};
use crate::Content;
use crate::model::{ActionStatus, Id};

/// The status words and letters trackers use, besides each status's own word and label.
const STATUS_WORDS: &[(&str, ActionStatus)] = &[
    ("g", ActionStatus::OnTrack),
    ("green", ActionStatus::OnTrack),
    ("on target", ActionStatus::OnTrack),
    ("in progress", ActionStatus::OnTrack),
    ("a", ActionStatus::AtRisk),
    ("amber", ActionStatus::AtRisk),
    ("a g", ActionStatus::AtRisk),
    ("amber green", ActionStatus::AtRisk),
    ("slipping", ActionStatus::AtRisk),
    ("delayed", ActionStatus::AtRisk),
    ("r", ActionStatus::OffTrack),
    ("red", ActionStatus::OffTrack),
    ("a r", ActionStatus::OffTrack),
    ("amber red", ActionStatus::OffTrack),
    ("red amber", ActionStatus::OffTrack),
    ("b", ActionStatus::Complete),
    ("blue", ActionStatus::Complete),
    ("completed", ActionStatus::Complete),
    ("done", ActionStatus::Complete),
    ("achieved", ActionStatus::Complete),
    ("closed complete", ActionStatus::Complete),
    ("grey", ActionStatus::NotStarted),
    ("gray", ActionStatus::NotStarted),
    ("not yet started", ActionStatus::NotStarted),
    ("not due", ActionStatus::NotStarted),
    ("not due to start", ActionStatus::NotStarted),
    ("cancelled", ActionStatus::Dropped),
    ("withdrawn", ActionStatus::Dropped),
    ("stopped", ActionStatus::Dropped),
    ("closed", ActionStatus::Dropped),
];

/// Text folded for matching: lower case, "&" as "and", punctuation dropped, one space
/// between words.
pub fn fold(text: &str) -> String {
    super::columns::fold_header(text)
}

/// A status word or letter as the tracker writes it, `None` if it is not one. The mapping's
/// own words come first.
pub fn status_from_text(text: &str, mapping: &Mapping) -> Option<ActionStatus> {
    let folded = fold(text);
    if folded.is_empty() {
        return None;
    }
    for (written, word) in &mapping.statuses {
        if fold(written) == folded {
            return serde_json::from_value(serde_json::Value::String(word.clone())).ok();
        }
    }
    ActionStatus::ALL
        .iter()
        .copied()
        .find(|s| fold(s.label()) == folded || fold(&word_of(*s)) == folded)
        .or_else(|| {
            STATUS_WORDS
                .iter()
                .find(|(w, _)| *w == folded)
                .map(|(_, s)| *s)
        })
}

fn word_of(status: ActionStatus) -> String {
    serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
        .replace('_', " ")
}

/// A status from a cell's fill colour, as RAG trackers colour their status cells: the
/// mapping's colours first ("#FFC000"), then red, amber, green, blue and grey by hue.
pub fn status_from_fill(rgb: [u8; 3], mapping: &Mapping) -> Option<ActionStatus> {
    let hex = format!("#{:02X}{:02X}{:02X}", rgb[0], rgb[1], rgb[2]);
    if let Some(word) = mapping
        .statuses
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(&hex))
        .map(|(_, w)| w)
    {
        return serde_json::from_value(serde_json::Value::String(word.clone())).ok();
    }
    let [r, g, b] = rgb.map(i32::from);
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    if max - min < 24 {
        // White is no colour; a grey is "not started".
        return (max < 235).then_some(ActionStatus::NotStarted);
    }
    let hue = if max == r {
        (60 * (g - b) / (max - min)).rem_euclid(360)
    } else if max == g {
        60 * (b - r) / (max - min) + 120
    } else {
        60 * (r - g) / (max - min) + 240
    };
    Some(match hue {
        0..=14 | 330..=360 => ActionStatus::OffTrack,
        15..=64 => ActionStatus::AtRisk,
        65..=170 => ActionStatus::OnTrack,
        171..=270 => ActionStatus::Complete,
        _ => return None,
    })
}

/// A status cell: its words, or failing them its fill. `Err` with the words when there are
/// words that are not a status.
pub fn status_of(cell: &Cell, mapping: &Mapping) -> Result<Option<ActionStatus>, String> {
    let text = cell.value.shown();
    if !text.is_empty() {
        return status_from_text(&text, mapping).map(Some).ok_or(text);
    }
    Ok(cell.fill.and_then(|rgb| status_from_fill(rgb, mapping)))
}

/// Abbreviations in organisations' names, folded, and what they stand for.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("cbc", "county borough council"),
    ("mbc", "metropolitan borough council"),
    ("cc", "county council"),
    ("bc", "borough council"),
    ("dc", "district council"),
    ("ccc", "city and county council"),
    ("ft", "foundation trust"),
    ("nhsft", "nhs foundation trust"),
    ("uhb", "university health board"),
    ("vcs", "voluntary and community sector"),
    ("vcse", "voluntary community and social enterprise"),
    ("ltd", "limited"),
    ("cic", "community interest company"),
    ("govt", "government"),
    ("dept", "department"),
    ("univ", "university"),
    ("assoc", "association"),
];

/// A name folded for matching: as [`fold`], with abbreviations spelled out and a leading
/// "the" dropped.
pub fn fold_name(name: &str) -> String {
    let folded = fold(name);
    let words: Vec<&str> = folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            ABBREVIATIONS
                .iter()
                .find(|(a, _)| *a == w)
                .map_or(w, |(_, full)| *full)
        })
        .collect();
    let joined = words.join(" ");
    joined.strip_prefix("the ").unwrap_or(&joined).to_owned()
}

/// The workbook's priorities, outcomes and partners by code and folded name.
#[derive(Debug, Default, Clone)]
pub struct Names {
    by_code: BTreeMap<(u8, String), Id>,
    by_name: BTreeMap<(u8, String), Id>,
}

/// The start of the stand-in id of a row the import makes; no real id (a UUID) has it.
const NEW: &str = "new row ";

/// Which list a name is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "SheetList")]
pub enum List {
    Priority = 0,
    Outcome = 1,
    Partner = 2,
}

impl Names {
    pub fn of(content: &Content) -> Names {
        let mut names = Names::default();
        for p in &content.priorities {
            names.add(List::Priority, &p.code, &p.title, &p.id);
        }
        for o in &content.outcomes {
            names.add(List::Outcome, &o.code, &o.statement, &o.id);
        }
        for p in &content.partners {
            names.add(List::Partner, &p.short_name, &p.name, &p.id);
        }
        names
    }

    pub fn add(&mut self, list: List, code: &str, name: &str, id: &Id) {
        let l = list as u8;
        if !code.trim().is_empty() {
            self.by_code
                .entry((l, fold(code)))
                .or_insert_with(|| id.clone());
        }
        if !name.trim().is_empty() {
            self.by_name
                .entry((l, fold_name(name)))
                .or_insert_with(|| id.clone());
        }
    }

    /// Adds a row this import makes, known by its place in the import's new rows, so that
    /// later cells naming it find it (and "X and Y" splits when both are new).
    pub(crate) fn add_new(&mut self, list: List, code: &str, name: &str, index: usize) {
        self.add(list, code, name, &Id(format!("{NEW}{index}")));
    }

    /// The place among the import's new rows of an id [`Names::find`] gave, if it is one.
    pub(crate) fn new_index(id: &Id) -> Option<usize> {
        id.0.strip_prefix(NEW)?.parse().ok()
    }

    /// The row a cell's text names: by code ("P1"), by name, or by a code written before the
    /// name ("P1 Healthy lives", "P1: Healthy lives"). Partners are also found by the name
    /// the mapping gives the text.
    pub fn find(&self, list: List, text: &str, mapping: &Mapping) -> Option<Id> {
        let l = list as u8;
        let text = match list {
            List::Partner => mapping
                .partners
                .iter()
                .find(|(k, _)| fold(k) == fold(text))
                .map_or(text, |(_, v)| v.as_str()),
            _ => text,
        };
        // Mapped to no name: a new partner, even if one is spelt alike.
        if text.trim().is_empty() {
            return None;
        }
        let code = fold(text);
        if let Some(id) = self.by_code.get(&(l, code.clone())) {
            return Some(id.clone());
        }
        if let Some(id) = self.by_name.get(&(l, fold_name(text))) {
            return Some(id.clone());
        }
        let first = code.split(' ').next().unwrap_or_default();
        (first.len() < code.len() && first.chars().any(|c| c.is_ascii_digit()))
            .then(|| self.by_code.get(&(l, first.to_owned())).cloned())
            .flatten()
    }
}

/// Several partners in one cell, as trackers write them: separated by ";", "," or a new
/// line, and by " and " or " & " where each side is a known partner (so "Dorset and
/// Wiltshire Fire and Rescue" stays whole unless its parts are partners).
pub fn split_partners(text: &str, names: &Names, mapping: &Mapping) -> Vec<String> {
    let known = |t: &str| names.find(List::Partner, t, mapping).is_some();
    if known(text) {
        return vec![text.trim().to_owned()];
    }
    let mut out = Vec::new();
    for piece in text.split([';', ',', '\n', '/']) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        let parts: Vec<&str> = piece
            .split(" and ")
            .flat_map(|p| p.split(" & "))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() > 1 && parts.iter().all(|p| known(p)) {
            out.extend(parts.iter().map(|p| (*p).to_owned()));
        } else {
            out.push(piece.to_owned());
        }
    }
    out
}

/// Priorities or outcomes in one cell: one per line or separated by ";" (their titles may
/// hold commas).
pub fn split_list(text: &str) -> Vec<String> {
    text.split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A cell's value as text, for the fields that hold text.
pub fn text_of(value: &Value) -> String {
    value.shown()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rag_words_letters_and_fills_are_statuses() {
        let m = Mapping::default();
        assert_eq!(status_from_text("G", &m), Some(ActionStatus::OnTrack));
        let file = Mapping::parse(r#"{"planbook_mapping": 1, "statuses": {"Green": ""}}"#).unwrap();
        assert_eq!(status_from_text("Green", &file), None);
        assert_eq!(status_from_text("Amber", &m), Some(ActionStatus::AtRisk));
        assert_eq!(
            status_from_text("Off track", &m),
            Some(ActionStatus::OffTrack)
        );
        assert_eq!(
            status_from_text("not_started", &m),
            Some(ActionStatus::NotStarted)
        );
        assert_eq!(
            status_from_text("Amber/Red", &m),
            Some(ActionStatus::OffTrack)
        );
        assert_eq!(
            status_from_text("Complete", &m),
            Some(ActionStatus::Complete)
        );
        assert_eq!(status_from_text("Purple", &m), None);
        assert_eq!(
            status_from_fill([255, 0, 0], &m),
            Some(ActionStatus::OffTrack)
        );
        assert_eq!(
            status_from_fill([255, 192, 0], &m),
            Some(ActionStatus::AtRisk)
        );
        assert_eq!(
            status_from_fill([0, 176, 80], &m),
            Some(ActionStatus::OnTrack)
        );
        assert_eq!(
            status_from_fill([0, 112, 192], &m),
            Some(ActionStatus::Complete)
        );
        assert_eq!(
            status_from_fill([191, 191, 191], &m),
            Some(ActionStatus::NotStarted)
        );
        assert_eq!(status_from_fill([255, 255, 255], &m), None);
        let mut m = Mapping::default();
        m.statuses.insert("Purple".into(), "dropped".into());
        m.statuses.insert("#7030A0".into(), "dropped".into());
        assert_eq!(status_from_text("purple", &m), Some(ActionStatus::Dropped));
        // "" is "not a status", over a word Planbook would read as one.
        m.statuses.insert("Green".into(), String::new());
        assert_eq!(status_from_text("green", &m), None);
        assert_eq!(status_from_text("G", &m), Some(ActionStatus::OnTrack));
        let file = Mapping::parse(r#"{"planbook_mapping": 1, "statuses": {"Green": ""}}"#).unwrap();
        assert_eq!(status_from_text("Green", &file), None);
        assert_eq!(
            status_from_fill([0x70, 0x30, 0xA0], &m),
            Some(ActionStatus::Dropped)
        );
    }

    #[test]
    fn names_fold_abbreviations() {
        assert_eq!(
            fold_name("Caerphilly CBC"),
            fold_name("caerphilly county borough council")
        );
        assert_eq!(fold_name("The Dorset Council"), "dorset council");
        assert_eq!(
            fold_name("Police & Crime Commissioner"),
            "police and crime commissioner"
        );
    }

    #[test]
    fn partners_in_one_cell_are_split() {
        let mut names = Names::default();
        let m = Mapping::default();
        names.add(List::Partner, "", "Dorset Council", &Id("a".into()));
        names.add(List::Partner, "", "NHS Dorset", &Id("b".into()));
        assert_eq!(
            split_partners(
                "Dorset Council and NHS Dorset; Age UK, Citizens Advice",
                &names,
                &m
            ),
            ["Dorset Council", "NHS Dorset", "Age UK", "Citizens Advice"]
        );
        assert_eq!(
            split_partners("Dorset and Wiltshire Fire and Rescue", &names, &m),
            ["Dorset and Wiltshire Fire and Rescue"]
        );
    }
}
