//! Spreadsheets in the app: File › Import a Spreadsheet… (into the open workbook, or "Start
//! from a spreadsheet" for a new one) and File › Export › Spreadsheet. Core works the import
//! out and applies it (`planbook_core::sheet`); this keeps the import being looked at between
//! the dialog's steps, as sharing keeps a merge being settled.

use planbook_core::sheet::review::{self, ImportView};
use planbook_core::sheet::{self, Declined, ImportPlan, ImportReport, Mapping};

use super::*;
use crate::dialogs::FileKind;
use crate::sheet_wire::{SheetChoices, SheetFormat, SheetImportStarted, SheetImported};

/// An import worked out and shown, waiting for Import (or for the planner's changes).
#[derive(Debug)]
pub struct PendingImport {
    /// The workbook it goes into; `None` for a new workbook made from the sheet.
    workbook: Option<WorkbookId>,
    path: PathBuf,
    /// The mapping the import started with: none, or the one the workbook remembers.
    base: Mapping,
    plan: ImportPlan,
}

impl PendingImport {
    /// The workbook the import goes into (`None`: a new one).
    pub fn workbook(&self) -> Option<WorkbookId> {
        self.workbook
    }
}

/// Shows an Open dialog for a spreadsheet and works out its import into `workbook` (or into
/// a new workbook, with `None`), read with the mapping the workbook remembers for a sheet
/// with its headers, if any. Nothing changes until [`apply_sheet_import`].
pub fn import_sheet_dialog(
    state: &AppState,
    workbook: Option<WorkbookId>,
) -> Result<SheetImportStarted, WireError> {
    let Some(path) = state.dialogs().open_spreadsheet() else {
        return Ok(SheetImportStarted::Cancelled);
    };
    let view = plan_import(state, workbook, path, None)?;
    Ok(SheetImportStarted::Planned {
        view: Box::new(view),
    })
}

/// Works the import out again with the planner's `choices` (also "Look again", with the same
/// choices, after the workbook changed).
pub fn replan_sheet_import(
    state: &AppState,
    choices: SheetChoices,
) -> Result<ImportView, WireError> {
    let pending = state.take_pending_import().ok_or_else(no_import)?;
    // The choices go over the mapping the import started with (the one remembered for the
    // tracker, if any), so the first change does not forget the rest of it.
    let mut mapping = pending.base.clone();
    if choices.sheet.is_some() && choices.sheet != mapping.sheet {
        // Another sheet has its own header row and columns: found again.
        mapping.header_row = None;
        mapping.columns.clear();
    }
    mapping.sheet = choices.sheet.or(mapping.sheet);
    mapping.columns.extend(choices.columns);
    mapping.statuses.extend(choices.statuses);
    mapping.partners.extend(choices.partners);
    let replanned = plan_import(
        state,
        pending.workbook,
        pending.path.clone(),
        Some((mapping, pending.base.clone())),
    );
    if replanned.is_err() {
        // The import shown stays, to change again (another sheet may have no table).
        state.set_pending_import(pending);
    }
    replanned
}

/// Works the import out with a mapping (and the one the import started with), or with none
/// given, the one the workbook remembers for the tracker.
fn plan_import(
    state: &AppState,
    workbook: Option<WorkbookId>,
    path: PathBuf,
    mapping: Option<(Mapping, Mapping)>,
) -> Result<ImportView, WireError> {
    let plan = match (workbook, &mapping) {
        (Some(w), None) => read(state, w, |wb| {
            sheet::prepare_remembered(&path, wb.reader(), &wb.content()?)
        })?,
        (Some(w), Some((m, _))) => sheet::prepare(&path, None, m, &workbook_content(state, w)?)?,
        (None, m) => {
            let m = m.as_ref().map(|(m, _)| m.clone()).unwrap_or_default();
            sheet::prepare(&path, None, &m, &Content::default())?
        }
    };
    let base = mapping.map_or_else(|| plan.mapping.clone(), |(_, base)| base);
    let sheets = sheet::read::sheet_names(&path)?;
    let view = review::view(&plan, sheets);
    state.set_pending_import(PendingImport {
        workbook,
        path,
        base,
        plan,
    });
    Ok(view)
}

/// Carries out the import being looked at, but for what the planner `declined`: into its
/// workbook after a backup, as one edit; or, for a new workbook, after a Save dialog.
/// Refused with `changed_since` if the workbook changed since the import was worked out
/// (the import is kept, to look at again).
pub fn apply_sheet_import(
    state: &AppState,
    declined: &Declined,
) -> Result<SheetImported, WireError> {
    let pending = state.take_pending_import().ok_or_else(no_import)?;
    let result = match pending.workbook {
        Some(w) => import_into(state, w, &pending.plan, declined)
            .map(|report| SheetImported::Imported { report }),
        None => import_as_new(state, &pending, declined),
    };
    if result.is_err() || matches!(result, Ok(SheetImported::Cancelled)) {
        state.set_pending_import(pending);
    }
    result
}

fn import_into(
    state: &AppState,
    workbook: WorkbookId,
    plan: &ImportPlan,
    declined: &Declined,
) -> Result<ImportReport, WireError> {
    let root = state.backup_root();
    read(state, workbook, |w| {
        planbook_core::backup::take(w, &root, "before a spreadsheet import", chrono::Utc::now())
    })
    .map_err(|error| WireError {
        message: format!(
            "Nothing was imported, because a backup could not be made first: {}",
            error.message
        ),
        ..error
    })?;
    Ok(write(state, workbook, |w| {
        sheet::apply_declining(w, plan, declined)
    })?
    .0)
}

fn import_as_new(
    state: &AppState,
    pending: &PendingImport,
    declined: &Declined,
) -> Result<SheetImported, WireError> {
    let suggested = format!("{}.sqlite", stem(&pending.path));
    let Some(to) = state
        .dialogs()
        .save_workbook("New workbook from the spreadsheet", &suggested)
    else {
        return Ok(SheetImported::Cancelled);
    };
    let title = sheet::title_for(
        &pending.path,
        Some(&pending.plan.sheet),
        &pending.plan.mapping,
    );
    let mut workbook = Workbook::create_replacing(&to, Start::Blank { title })?;
    let report = match sheet::apply_declining(&mut workbook, &pending.plan, declined) {
        Ok(report) => report,
        Err(error) => {
            // A half-made workbook is no use to anyone: nothing is left behind.
            drop(workbook);
            let _ = std::fs::remove_file(&to);
            return Err(error.into());
        }
    };
    let window = show_made(state, workbook, None);
    Ok(SheetImported::Created { report, window })
}

/// "Save mapping…": a Save dialog, then the mapping file that reads the sheet as the import
/// being looked at does (docs/spreadsheets.md). Returns the file name, `None` if cancelled.
pub fn save_sheet_mapping(state: &AppState) -> Result<Option<String>, WireError> {
    let plan = state
        .with_pending_import(|p| p.plan.clone())
        .ok_or_else(no_import)?;
    let suggested = format!("{} mapping.json", stem(&plan.file));
    let Some(to) = state.dialogs().save_file(FileKind::Mapping, &suggested) else {
        return Ok(None);
    };
    let json = review::mapping_of(&plan).to_json();
    write_atomically(&to, json.as_bytes())?;
    Ok(Some(file_name(&to)))
}

/// Shows a Save dialog and writes the workbook's actions tracker there (core's
/// `sheet::export`): every action, or with `lead` ("Send for an update…") only those the
/// partner of that name leads. Remembered for Open and Show in Folder; `None` if cancelled.
pub fn export_sheet_dialog(
    state: &AppState,
    workbook: WorkbookId,
    format: SheetFormat,
    lead: Option<&str>,
) -> Result<Option<DocumentExported>, WireError> {
    let kind = match format {
        SheetFormat::Xlsx => FileKind::Xlsx,
        SheetFormat::Csv => FileKind::Csv,
    };
    let title = workbook_summary(state, workbook)?.title;
    let suggested = format!(
        "{}.{}",
        planbook_core::place::safe_file_stem(&match lead {
            Some(partner) => format!("{title} {partner} update"),
            None => format!("{title} actions"),
        }),
        kind.extension()
    );
    let Some(to) = state.dialogs().save_file(kind, &suggested) else {
        return Ok(None);
    };
    sheet::export(&workbook_content(state, workbook)?, &to, lead)?;
    state.set_exported(workbook, to.clone());
    Ok(Some(written(&to)))
}

fn no_import() -> WireError {
    WireError {
        code: "no_import_waiting".into(),
        message: "There is no spreadsheet import waiting.".into(),
        hint: "Start again with File › Import a Spreadsheet….".into(),
        at_field: None,
    }
}
