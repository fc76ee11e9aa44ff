//! What each command does, as plain functions over [`AppState`]: no window, no Tauri types, so
//! they are tested directly. Each is a few lines: call core, map the result to a wire type.
//! The dialogs are behind [`crate::dialogs::Dialogs`], so tests answer them from a script.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use planbook_core::check::{Finding, JargonSpan};
use planbook_core::document::{self, ExportOptions, Progress};
use planbook_core::live::{Derived, Live};
use planbook_core::model::{GlossaryTerm, Id, Kind};
use planbook_core::search::SearchHit;
use planbook_core::store::files::write_atomically;
use planbook_core::{Content, Start, Summary, Workbook, example};
use serde_json::{Map, Value};

use crate::state::AppState;
use crate::wire::{
    Added, DocumentExported, DocumentFormat, Edited, NewStart, PdfExported, RecentWorkbook,
    UndoState, WindowState, WireError, WorkbookId,
};

mod editing;
#[cfg(test)]
mod exports_tests;
mod files;
mod reading;
#[cfg(test)]
mod recorder;
#[cfg(test)]
mod recordings;
#[cfg(test)]
mod recordings_shared;
#[cfg(test)]
mod recordings_sharing;
#[cfg(test)]
mod recordings_sheets;
#[cfg(test)]
mod recordings_start;
mod shared;
pub mod shared_live;
#[cfg(test)]
mod shared_tests;
mod sharing;
#[cfg(test)]
mod sharing_tests;
mod sheets;
#[cfg(test)]
mod sheets_round_tests;
#[cfg(test)]
mod sheets_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;

pub use editing::*;
pub use files::*;
pub use reading::*;
pub use shared::*;
pub use sharing::*;
pub use sheets::*;
