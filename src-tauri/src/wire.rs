//! Wire types: everything that crosses the IPC edge into the webview, and the generator of
//! their TypeScript twins in `ui/src/lib/wire.ts`.
//!
//! Core's own serializable types (such as [`Summary`]) cross as they are; this module adds
//! the few shapes that exist only at the edge: the error the UI shows, the opaque workbook
//! handle, and what the window should show at start.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};

use planbook_core::backup::BackupInfo;
use planbook_core::check::{Finding, JargonSpan};
use planbook_core::document::{ExportOptions, Progress};
use planbook_core::live::Derived;
use planbook_core::model::{Id, Kind};
use planbook_core::search::SearchHit;
use planbook_core::store::history::EditInfo;
use planbook_core::store::{Changes, ReadOnlyFallback};
use planbook_core::sync::merge::MergeReport;
use planbook_core::sync::review::ConflictView;
use planbook_core::typing::Writing;
use planbook_core::{Content, Error, Summary, Surface};
use serde::{Deserialize, Serialize};
use ts_rs::{Config, TS, TypeVisitor};

/// An error as the UI shows it: a one-sentence message and a hint saying what the person can
/// do. `code` is stable and for programs (tests, and choosing what to offer); it is never
/// shown alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WireError {
    pub code: String,
    pub message: String,
    pub hint: String,
    /// What the field the value was typed into says instead, when the error is about that
    /// one value: what to type, without the item's name (core's `Error::at_field`). The
    /// message and hint, which name the item, are for everywhere else.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub at_field: Option<String>,
}

impl From<&Error> for WireError {
    fn from(error: &Error) -> Self {
        WireError {
            code: error.code().to_owned(),
            message: sentence(&error.to_string()),
            hint: error.hint_for(Surface::App),
            at_field: error.at_field(),
        }
    }
}

impl From<Error> for WireError {
    fn from(error: Error) -> Self {
        WireError::from(&error)
    }
}

impl WireError {
    /// The UI asked about a workbook handle this window does not hold (closed, or never
    /// opened). This is the edge's own error: core knows nothing of handles.
    pub fn no_such_workbook() -> Self {
        WireError {
            code: "no_such_workbook".into(),
            message: "That workbook is no longer open in this window.".into(),
            hint: "Open the workbook again.".into(),
            at_field: None,
        }
    }
}

impl From<&ReadOnlyFallback> for WireError {
    /// Why a workbook opened read-only, with what the person can do now that they are
    /// reading it (core's fallback hint, not the refusal's own).
    fn from(fallback: &ReadOnlyFallback) -> Self {
        WireError {
            hint: fallback.hint.clone(),
            ..WireError::from(&fallback.refusal)
        }
    }
}

/// Core's messages are sentence fragments ("“x.sqlite” was not found"); the window shows
/// them as sentences: first letter capitalised, ending with a full stop.
pub(crate) fn sentence(text: &str) -> String {
    let mut chars = text.trim().chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// The opaque handle by which the UI names an open workbook. The webview never holds a file
/// path to act on; it holds this number, which only means something to this process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub struct WorkbookId(pub u32);

/// What the window shows. Set at start from the command line, and changed by opening,
/// creating or closing a workbook (from the window, a menu, a drop or the operating system).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WindowState {
    /// Started without a workbook.
    NoWorkbook,
    /// A workbook is open. `notice` says why it was opened read-only when editing was refused
    /// (a newer format, or someone else editing it), with what the person can do.
    Open {
        workbook: WorkbookId,
        notice: Option<WireError>,
    },
    /// The workbook given could not be opened; nothing was changed.
    OpenFailed { error: WireError },
}

/// A workbook in the recent list (the start screen and File › Open Recent), listed by plan
/// title and file name. `key` is opaque: the window hands it back to `open_recent`; the path
/// itself stays in Rust. `folder` is for display only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RecentWorkbook {
    pub key: String,
    pub title: String,
    pub file_name: String,
    pub folder: String,
    /// When it was last opened, as an RFC 3339 UTC timestamp.
    pub last_opened: String,
}

/// What undo and redo would act on now; `null` when there is nothing to undo or redo. Every
/// edit returns it, and it drives the "Saved" indicator and the Undo and Redo buttons.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UndoState {
    pub undo: Option<EditInfo>,
    pub redo: Option<EditInfo>,
}

/// What every editing command (set a field, delete, link, unlink, move, undo, redo)
/// returns: the undo state after it, and what it changed (the rows, whole, as they now are;
/// the rows removed; the health findings that appeared and went), so the window patches what
/// it holds instead of reading the workbook again.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Edited {
    pub undo_state: UndoState,
    pub changes: Changes,
}

/// A row was added: its new id, the undo state after the edit, and what it changed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Added {
    pub id: Id,
    pub undo_state: UndoState,
    pub changes: Changes,
}

/// What a new workbook starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NewStart {
    /// An empty plan, titled after the file name.
    Blank,
    /// The Our Dorset example.
    Example,
}

/// A plan document was exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PdfExported {
    #[serde(flatten)]
    #[ts(flatten)]
    pub written: DocumentExported,
    pub pages: usize,
    /// Things the planner should know (characters no font has…); empty for a clean export.
    pub warnings: Vec<String>,
}

/// A plan document format the window's export dialog offers besides PDF (which has its own
/// command, as it reports progress and can be opened afterwards).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    /// One self-contained, accessible HTML file, to publish on a website.
    Html,
    /// A Word document in Word's built-in styles, for a comms team to restyle.
    Docx,
}

/// A plan document other than the PDF was exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocumentExported {
    /// The file name written.
    pub file_name: String,
    /// The folder it was written in, in full, for the planner to read. For display only: the
    /// window never acts on a path (Open and Show in Folder are Rust's, by workbook).
    pub folder: String,
}

/// A copy was written for sending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CopySent {
    /// The file name written (not its folder).
    pub file_name: String,
    pub size: u64,
    pub with_history: bool,
}

/// What File › Merge a Colleague's Copy… did first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MergeStarted {
    /// The person cancelled the Open dialog; nothing changed.
    Cancelled,
    /// There were no conflicts, so the merge was made (one edit, undoable). An empty report
    /// means the workbook already held everything in their copy.
    Merged {
        their_file: String,
        report: MergeReport,
    },
    /// Both sides changed the same things: the person settles each conflict, in this order,
    /// then calls `finish_merge`. Nothing has changed yet.
    Conflicts {
        their_file: String,
        conflicts: Vec<ConflictView>,
    },
}

/// How the person settled one conflict of a merge.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MergeChoice {
    Mine,
    Theirs,
    /// Their own text (only where the conflict is `editable`).
    Own {
        text: String,
    },
}

impl From<MergeChoice> for planbook_core::sync::merge::Choice {
    fn from(choice: MergeChoice) -> Self {
        use planbook_core::sync::merge::Choice;
        match choice {
            MergeChoice::Mine => Choice::Mine,
            MergeChoice::Theirs => Choice::Theirs,
            MergeChoice::Own { text } => Choice::Value(text.into()),
        }
    }
}

/// The TypeScript declarations of every type that crosses the IPC edge, with everything they
/// reach, as the text of `ui/src/lib/wire.ts`. Sorted by name so the file is stable.
pub fn typescript() -> String {
    // serde_json writes i64 as a JSON number, so it must be `number` in TypeScript, not
    // ts-rs's default `bigint`. No count or version comes near 2^53.
    let cfg = Config::new().with_large_int("number");
    let mut collector = Collector {
        cfg: &cfg,
        seen: HashSet::new(),
        decls: BTreeMap::new(),
    };
    collector.visit::<WireError>();
    collector.visit::<WorkbookId>();
    collector.visit::<WindowState>();
    collector.visit::<Summary>();
    collector.visit::<RecentWorkbook>();
    collector.visit::<UndoState>();
    collector.visit::<Edited>();
    collector.visit::<Added>();
    collector.visit::<NewStart>();
    collector.visit::<PdfExported>();
    collector.visit::<DocumentFormat>();
    collector.visit::<DocumentExported>();
    collector.visit::<ExportOptions>();
    collector.visit::<Progress>();
    collector.visit::<Content>();
    collector.visit::<Derived>();
    collector.visit::<Finding>();
    collector.visit::<SearchHit>();
    collector.visit::<JargonSpan>();
    collector.visit::<Kind>();
    collector.visit::<EditInfo>();
    collector.visit::<CopySent>();
    collector.visit::<MergeStarted>();
    collector.visit::<MergeChoice>();
    collector.visit::<BackupInfo>();
    collector.visit::<Writing>();
    crate::sheet_wire::visit_all(&mut collector);
    crate::share_wire::visit_all(&mut collector);

    let mut out = String::from(
        "// Generated from the Rust wire types by src-tauri/src/wire.rs. Do not edit by hand.\n\
         // To regenerate: UPDATE_WIRE_TYPES=1 cargo test -p planbook-app wire_types\n",
    );
    for decl in collector.decls.values() {
        out.push('\n');
        out.push_str(decl);
        out.push('\n');
    }
    out.push_str(&crate::wire_tables::constants());
    out
}

/// Walks a type and everything it depends on, collecting each declaration once.
struct Collector<'a> {
    cfg: &'a Config,
    seen: HashSet<TypeId>,
    decls: BTreeMap<String, String>,
}

impl TypeVisitor for Collector<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Only declared types have an output path; primitives and wrappers (Option, Vec) are
        // written inline and their contents are reached through `visit_dependencies`.
        if T::output_path().is_none() || !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        let mut decl = String::new();
        if let Some(docs) = T::docs() {
            decl.push_str(&docs);
        }
        decl.push_str("export ");
        decl.push_str(&T::decl(self.cfg));
        if let Some(previous) = self.decls.insert(T::ident(self.cfg), decl) {
            panic!(
                "two wire types are both called {} in TypeScript:\n{previous}",
                T::ident(self.cfg)
            );
        }
        T::visit_dependencies(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn committed_path() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/wire.ts")
    }

    /// The committed TypeScript must be exactly what the Rust types generate, so the UI can
    /// never drift from the Rust side. `UPDATE_WIRE_TYPES=1` rewrites the file instead.
    #[test]
    fn wire_types_committed_typescript_is_current() {
        let generated = typescript();
        let path = committed_path();
        if std::env::var_os("UPDATE_WIRE_TYPES").is_some_and(|v| v == "1") {
            std::fs::write(&path, &generated).expect("write ui/src/lib/wire.ts");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "ui/src/lib/wire.ts is out of date with the Rust wire types.\n\
             Regenerate it with: UPDATE_WIRE_TYPES=1 cargo test -p planbook-app wire_types\n\
             and commit the result."
        );
    }

    #[test]
    fn wire_types_cover_core_summary_and_what_it_reaches() {
        let ts = typescript();
        for name in [
            "WireError",
            "WorkbookId",
            "WindowState",
            "Summary",
            "Counts",
            "PlanStatus",
            "RecentWorkbook",
            "UndoState",
            "EditInfo",
            "Added",
            "Edited",
            "Changes",
            "ChangedRow",
            "RowRef",
            "HealthChange",
            "NewStart",
            "PdfExported",
            "DocumentFormat",
            "DocumentExported",
            "ExportOptions",
            "Part",
            "Paper",
            "Progress",
            "Content",
            "Plan",
            "Action",
            "ActionPriority",
            "Finding",
            "FindingKind",
            "SearchHit",
            "JargonSpan",
            "Kind",
            "Writing",
        ] {
            assert!(
                ts.contains(&format!("export type {name} ")),
                "{name} missing from:\n{ts}"
            );
        }
        assert!(
            !ts.contains("bigint"),
            "i64 must be a number in TypeScript:\n{ts}"
        );
    }

    #[test]
    fn usize_offsets_and_counts_are_numbers() {
        let ts = typescript();
        assert!(
            ts.contains("export type JargonSpan = {") && !ts.contains("bigint"),
            "{ts}"
        );
    }

    #[test]
    fn core_errors_become_sentences_with_their_hint() {
        let error = Error::NotFound {
            path: "/tmp/missing.sqlite".into(),
        };
        let wire = WireError::from(&error);
        assert_eq!(wire.code, "not_found");
        assert_eq!(wire.message, "“/tmp/missing.sqlite” was not found.");
        assert_eq!(wire.hint, error.hint_for(Surface::App));

        // The app's hints speak of the app: no command-line flags.
        let wire = WireError::from(Error::AlreadyExists {
            path: "/tmp/plan.sqlite".into(),
        });
        assert!(!wire.hint.contains("--force"), "{}", wire.hint);
        assert!(
            wire.hint.starts_with("Choose another name"),
            "{}",
            wire.hint
        );

        let wire = WireError::from(Error::ReadOnly {
            reason: "someone else has it".into(),
        });
        assert_eq!(
            wire.message,
            "This workbook is open read-only: someone else has it."
        );
    }

    #[test]
    fn a_refused_value_carries_the_words_for_its_field() {
        let error = Error::BadValue {
            item: "The action A01 “Digital front door”".into(),
            field: "Due date",
            typed: Some("31/13/2027".into()),
            problem: "13 is not a month. Type the day first, then the month: 31/03/2027.".into(),
            hint: None,
        };
        let wire = WireError::from(&error);
        assert!(
            wire.message.starts_with("The action A01"),
            "{}",
            wire.message
        );
        assert_eq!(
            wire.at_field.as_deref(),
            Some("13 is not a month. Type the day first, then the month: 31/03/2027.")
        );
        // Other errors have no field's words, and send none.
        let json = serde_json::to_value(WireError::no_such_workbook()).expect("serialise");
        assert!(json.get("at_field").is_none(), "{json}");
    }

    #[test]
    fn sentences_keep_their_own_final_punctuation() {
        assert_eq!(sentence("done."), "Done.");
        assert_eq!(sentence("really?"), "Really?");
        assert_eq!(sentence(""), "");
    }

    #[test]
    fn window_state_is_tagged_by_kind() {
        let json = serde_json::to_value(WindowState::NoWorkbook).expect("serialise");
        assert_eq!(json, serde_json::json!({ "kind": "no_workbook" }));
        let json = serde_json::to_value(WindowState::Open {
            workbook: WorkbookId(7),
            notice: None,
        })
        .expect("serialise");
        assert_eq!(
            json,
            serde_json::json!({ "kind": "open", "workbook": 7, "notice": null })
        );
    }
}
