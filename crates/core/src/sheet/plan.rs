//! An import worked out before anything is written: for each row of the sheet, whether it
//! makes a new action, updates one (and which fields), changes nothing, or is set aside and
//! why; the priorities, outcomes and partners it will create and the names it matched under
//! another spelling; and every value that could not be read, with its sheet, row and column.
//! A dry run prints this; `apply` carries it out as one edit.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;
use serde_json::Value as Json;
use ts_rs::TS;

use super::columns::Mapping;
use super::read::Grid;
use super::row::RowReader;
use super::table::{Column, Table};
use super::values::{List, Names};
use crate::Content;
use crate::model::{ActionStatus, Field, Id, Kind};

/// The whole import, row by row.
#[derive(Debug, Clone)]
pub struct ImportPlan {
    pub file: PathBuf,
    pub sheet: String,
    /// The header row as the sheet numbers it.
    pub header_row: usize,
    pub columns: Vec<Column>,
    pub rows: Vec<RowPlan>,
    /// Priorities, outcomes and partners the import creates.
    pub new_rows: Vec<NewRow>,
    /// Names found in the workbook under another spelling.
    pub matched: Vec<Matched>,
    /// Rows below the table read as notes or a key (as the sheet numbers them).
    pub notes: Vec<usize>,
    /// Whether the sheet is one Planbook exported (see `Table::exported`).
    pub exported: bool,
    /// Each status the sheet writes, in the order first met, and what it was read as.
    pub statuses: Vec<StatusSeen>,
    /// Each partner the sheet names, in the order first met, and who it was taken to be.
    pub partners: Vec<PartnerSeen>,
    /// The mapping the sheet was read with (what Import remembers, see `remember`).
    pub mapping: Mapping,
    /// Whether that mapping is the one remembered from an earlier round (`remember`).
    pub remembered: bool,
    pub(crate) drafts: Vec<Draft>,
    /// The workbook's rows the plan was worked out from (see [`basis`]): applied to a
    /// workbook that differs, it would overwrite the edits made since, so `apply` refuses.
    pub(crate) basis: Content,
}

/// What of a workbook an import depends on: every row but the plan's own details, which an
/// import neither reads nor writes (so a plan worked out for a new workbook, from empty
/// content, applies to the blank workbook made for it).
pub(crate) fn basis(content: &Content) -> Content {
    Content {
        format: String::new(),
        version: 0,
        plan: Default::default(),
        ..content.clone()
    }
}

/// What happens to one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RowPlan {
    /// The row as the sheet numbers it.
    pub row: usize,
    pub outcome: Outcome,
    /// Values that could not be read; each was kept in the progress note.
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(rename = "RowOutcome")] // the model's Outcome is another thing
pub enum Outcome {
    Create {
        code: String,
        title: String,
    },
    Update {
        code: String,
        title: String,
        changes: Vec<Change>,
    },
    Unchanged {
        code: String,
        title: String,
    },
    SetAside {
        reason: String,
    },
}

/// One thing an update changes in an existing action, as the review shows it side by side:
/// Planbook's value and the sheet's. A planner who declines it names it by its row and
/// `field` (see `apply::Declined`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "SheetChange")] // the store's changes are another thing
pub struct Change {
    /// What changes, as the mapping file's word for it (`due_date`, `partners`).
    pub field: String,
    pub label: String,
    /// The value in the workbook, in words.
    pub before: String,
    /// The value in the sheet, in words (empty when `cleared`).
    pub after: String,
    /// The cell was emptied, so the value is cleared (a tracker Planbook exported).
    pub cleared: bool,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.cleared {
            write!(
                f,
                "{} “{}” cleared (its cell was emptied)",
                self.label, self.before
            )
        } else {
            write!(f, "{} “{}” → “{}”", self.label, self.before, self.after)
        }
    }
}

/// A partner as the sheet writes it and the workbook's partner it was taken to be (`None`:
/// a new partner is made), for the dialog's partners' mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PartnerSeen {
    pub written: String,
    pub partner: Option<String>,
}

/// A value that could not be used as it is, where it is in the sheet, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Problem {
    pub sheet: String,
    pub row: usize,
    /// The column's letters ("F").
    pub column: String,
    pub header: String,
    pub value: String,
    /// What is wrong and what was done with it.
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "sheet “{}”, row {}, column {} ({}): “{}” {}",
            self.sheet, self.row, self.column, self.header, self.value, self.reason
        )
    }
}

/// A priority, outcome or partner the import will create.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NewRow {
    pub list: List,
    pub code: String,
    pub name: String,
    /// The first row naming it.
    pub row: usize,
    /// For a new outcome: the priorities of that row, which it is linked to.
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) priorities: Vec<Ref>,
}

/// A status as the sheet writes it (its words, or where a cell has none its fill colour as
/// "#RRGGBB", as a mapping file's `statuses` name them) and the status it was read as;
/// `None` for words Planbook does not know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StatusSeen {
    pub written: String,
    pub status: Option<ActionStatus>,
    /// How many rows write it.
    pub rows: usize,
}

/// The statuses written in the table's status column.
fn statuses_seen(grid: &Grid, table: &Table, mapping: &Mapping) -> Vec<StatusSeen> {
    let Some(col) = table
        .columns
        .iter()
        .find(|c| c.target == super::columns::Target::Field(crate::model::fields::action::status))
    else {
        return Vec::new();
    };
    let mut seen: Vec<StatusSeen> = Vec::new();
    for &r in &table.rows {
        let Some(cell) = grid.cell(r, col.index) else {
            continue;
        };
        let written = match (cell.value.shown(), cell.fill) {
            (text, _) if !text.is_empty() => text,
            (_, Some([red, green, blue])) => format!("#{red:02X}{green:02X}{blue:02X}"),
            _ => continue,
        };
        match seen.iter_mut().find(|s| s.written == written) {
            Some(s) => s.rows += 1,
            None => seen.push(StatusSeen {
                status: super::values::status_of(cell, mapping).ok().flatten(),
                written,
                rows: 1,
            }),
        }
    }
    seen
}

/// A name written in the sheet that was taken to be a row of the workbook named otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Matched {
    pub list: List,
    pub written: String,
    pub name: String,
}

/// A row of the workbook, or one the import creates (an index into `new_rows`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ref {
    Existing(Id),
    New(usize),
}

/// One action to insert or update, as `apply` needs it.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    /// The row as the sheet numbers it (how a declined row or change names it).
    pub row: usize,
    pub existing: Option<Id>,
    pub fields: Vec<(Field, Json)>,
    pub lead: Option<Ref>,
    /// For each link kind given in the sheet: the rows to link (the whole set, so links the
    /// sheet no longer names are removed).
    pub links: Vec<(Kind, Vec<Ref>)>,
}

impl ImportPlan {
    /// Works out the import of `table` from `grid` into a workbook holding `content`.
    pub fn new(grid: &Grid, table: &Table, mapping: &Mapping, content: &Content) -> ImportPlan {
        let mut plan = ImportPlan {
            file: grid.file.clone(),
            sheet: grid.sheet.clone(),
            header_row: table.header_row + 1,
            columns: table.columns.clone(),
            rows: Vec::new(),
            new_rows: Vec::new(),
            matched: Vec::new(),
            notes: table.notes.iter().map(|r| r + 1).collect(),
            exported: table.exported,
            statuses: statuses_seen(grid, table, mapping),
            partners: Vec::new(),
            mapping: mapping.clone(),
            remembered: false,
            drafts: Vec::new(),
            basis: basis(content),
        };
        let mut reader = RowReader::new(grid, table, mapping, content, Names::of(content));
        for &r in &table.rows {
            let (row_plan, draft) = reader.read(r, &mut plan);
            plan.rows.push(row_plan);
            if let Some(d) = draft {
                plan.drafts.push(d);
            }
        }
        plan
    }

    pub fn count(&self, which: fn(&Outcome) -> bool) -> usize {
        self.rows.iter().filter(|r| which(&r.outcome)).count()
    }

    pub fn created(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Create { .. }))
    }

    pub fn updated(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Update { .. }))
    }

    pub fn unchanged(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Unchanged { .. }))
    }

    pub fn set_aside(&self) -> usize {
        self.count(|o| matches!(o, Outcome::SetAside { .. }))
    }

    /// Whether applying the plan would change the workbook.
    pub fn changes_anything(&self) -> bool {
        self.created() + self.updated() > 0 || !self.new_rows.is_empty()
    }

    /// Every problem, in sheet order.
    pub fn problems(&self) -> impl Iterator<Item = &Problem> {
        self.rows.iter().flat_map(|r| r.problems.iter())
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Create { code, title } => write!(f, "new action {code} “{title}”"),
            Outcome::Update {
                code,
                title,
                changes,
            } => {
                let changes: Vec<String> = changes.iter().map(Change::to_string).collect();
                write!(f, "updates {code} “{title}”: {}", changes.join("; "))
            }
            Outcome::Unchanged { code, title } => write!(f, "{code} “{title}” is unchanged"),
            Outcome::SetAside { reason } => write!(f, "set aside: {reason}"),
        }
    }
}

impl List {
    /// The kind of row the list holds.
    pub fn kind(self) -> Kind {
        match self {
            List::Priority => Kind::Priority,
            List::Outcome => Kind::Outcome,
            List::Partner => Kind::Partner,
        }
    }
}

/// Each action's links by kind, indexed once: a tracker of 10,000 rows looks them up tens of
/// thousands of times.
#[derive(Debug, Default)]
pub(crate) struct Links(BTreeMap<(Kind, Id), Vec<Id>>);

impl Links {
    pub fn of(content: &Content) -> Links {
        let mut map: BTreeMap<(Kind, Id), Vec<Id>> = BTreeMap::new();
        let mut add = |kind, action: &Id, to: &Id| {
            map.entry((kind, action.clone()))
                .or_default()
                .push(to.clone());
        };
        for l in &content.action_priorities {
            add(Kind::ActionPriority, &l.action_id, &l.priority_id);
        }
        for l in &content.action_outcomes {
            add(Kind::ActionOutcome, &l.action_id, &l.outcome_id);
        }
        for l in &content.action_partners {
            add(Kind::ActionPartner, &l.action_id, &l.partner_id);
        }
        Links(map)
    }

    /// The rows `action` is linked to by `kind`.
    pub fn get(&self, kind: Kind, action: &Id) -> &[Id] {
        self.0
            .get(&(kind, action.clone()))
            .map_or(&[], Vec::as_slice)
    }
}
