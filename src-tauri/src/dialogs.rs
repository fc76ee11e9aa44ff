//! File dialogs and message boxes, always opened from Rust (the webview has no dialog
//! permission). Behind the [`Dialogs`] trait so handlers can be tested, and so end-to-end
//! tests can answer dialogs: native GTK file choosers cannot be driven through WebDriver.
//!
//! The real implementation is [`NativeDialogs`] (tauri-plugin-dialog). [`ScriptedDialogs`]
//! answers from a script instead; the app uses it only when the environment variable
//! [`SCRIPT_VARIABLE`] names a script file, and only in debug builds (release builds ignore
//! the variable). The webview cannot set it or reach the script.
//!
//! A script has one answer per line, used in order, one per dialog shown:
//!
//! ```text
//! # comments and blank lines are skipped
//! open /path/to/workbook.sqlite     answers an Open dialog
//! save /path/to/new.sqlite          answers a Save dialog for a workbook (New, Save a Copy)
//! pdf /path/to/plan.pdf             answers a Save dialog for a PDF
//! html /path/to/plan.html           answers a Save dialog for a web page (HTML)
//! docx /path/to/plan.docx           answers a Save dialog for a Word document
//! sheet /path/to/tracker.xlsx       answers an Open dialog for a spreadsheet to import
//! xlsx /path/to/tracker.xlsx        answers a Save dialog for a spreadsheet (also csv, and
//!                                   json for a spreadsheet import's mapping file)
//! cancel                            cancels whichever dialog comes next
//! ```
//!
//! The file is read again at every dialog, so a test may append answers while the app runs.
//! An answer of the wrong kind, or no answer left, cancels the dialog and says so on stderr.
//! Messages the app shows are appended to `<script>.messages`, one per line.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::wire::DocumentFormat;

/// The environment variable naming a dialog script (see the module documentation).
pub const SCRIPT_VARIABLE: &str = "PLANBOOK_TEST_DIALOG_SCRIPT";

/// How a message is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

/// The dialogs the app shows. Each returns `None` when the person cancels.
pub trait Dialogs: Send + Sync + std::fmt::Debug {
    /// Choose a workbook to open (workbook filter), with the dialog titled `title`.
    fn open_workbook(&self, title: &str) -> Option<PathBuf>;
    /// Choose where to save a workbook, suggesting `file_name`.
    fn save_workbook(&self, title: &str, file_name: &str) -> Option<PathBuf>;
    /// Choose where to save a PDF, suggesting `file_name`.
    fn save_pdf(&self, file_name: &str) -> Option<PathBuf>;
    /// Choose where to save a plan document in `format`, suggesting `file_name`.
    fn save_document(&self, format: DocumentFormat, file_name: &str) -> Option<PathBuf>;
    /// Choose a spreadsheet to import (.xlsx, .xls, .ods or .csv).
    fn open_spreadsheet(&self) -> Option<PathBuf>;
    /// Choose where to save a spreadsheet or an import's mapping, suggesting `file_name`.
    fn save_file(&self, kind: FileKind, file_name: &str) -> Option<PathBuf>;
    /// Show a message (for what a menu did, since menus have no window of their own to say
    /// it in). Does not wait for the person to close it.
    fn show(&self, level: Level, title: &str, text: &str);
}

/// A file saved through [`Dialogs::save_file`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Xlsx,
    Csv,
    /// A spreadsheet import's mapping (docs/spreadsheets.md).
    Mapping,
}

impl FileKind {
    /// The file name extension, which is also the word a dialog script answers with.
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Xlsx => "xlsx",
            FileKind::Csv => "csv",
            FileKind::Mapping => "json",
        }
    }

    /// The Save dialog's filter name and title.
    fn dialog(self) -> (&'static str, &'static str) {
        match self {
            FileKind::Xlsx => (
                "Excel workbook (*.xlsx)",
                "Export the actions as a spreadsheet",
            ),
            FileKind::Csv => ("CSV file (*.csv)", "Export the actions as a CSV file"),
            FileKind::Mapping => ("Mapping file (*.json)", "Save the import's mapping"),
        }
    }
}

const SPREADSHEET_FILTER: (&str, &[&str]) = (
    "Spreadsheet (*.xlsx, *.xls, *.ods, *.csv)",
    &["xlsx", "xls", "ods", "csv"],
);

/// Which dialog a scripted answer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ask {
    Open,
    Save,
    Pdf,
    Document(DocumentFormat),
    Spreadsheet,
    File(FileKind),
}

impl Ask {
    fn word(self) -> &'static str {
        match self {
            Ask::Open => "open",
            Ask::Save => "save",
            Ask::Pdf => "pdf",
            Ask::Document(f) => f.extension(),
            Ask::Spreadsheet => "sheet",
            Ask::File(k) => k.extension(),
        }
    }
}

/// Answers dialogs from a script (see the module documentation).
#[derive(Debug)]
pub struct ScriptedDialogs {
    source: Source,
    used: Mutex<usize>,
    shown: Mutex<Vec<String>>,
}

#[derive(Debug)]
enum Source {
    File(PathBuf),
    Lines(Vec<String>),
}

impl ScriptedDialogs {
    /// Answers from the script file at `path`.
    pub fn from_file(path: PathBuf) -> Self {
        Self::with(Source::File(path))
    }

    /// Answers from these lines (for tests of the handlers).
    pub fn from_lines(lines: &[&str]) -> Self {
        Self::with(Source::Lines(
            lines.iter().map(|l| (*l).to_owned()).collect(),
        ))
    }

    fn with(source: Source) -> Self {
        ScriptedDialogs {
            source,
            used: Mutex::new(0),
            shown: Mutex::new(Vec::new()),
        }
    }

    /// The script named by [`SCRIPT_VARIABLE`], in a debug build; otherwise none.
    pub fn from_environment() -> Option<Self> {
        if !cfg!(debug_assertions) {
            return None;
        }
        let path = std::env::var_os(SCRIPT_VARIABLE).filter(|v| !v.is_empty())?;
        eprintln!(
            "Planbook: answering dialogs from the script {} ({SCRIPT_VARIABLE})",
            PathBuf::from(&path).display()
        );
        Some(Self::from_file(PathBuf::from(path)))
    }

    /// The messages shown so far, as "title: text".
    pub fn shown(&self) -> Vec<String> {
        self.shown
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn lines(&self) -> Vec<String> {
        let text = match &self.source {
            Source::Lines(lines) => lines.join("\n"),
            Source::File(path) => std::fs::read_to_string(path).unwrap_or_default(),
        };
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect()
    }

    fn answer(&self, ask: Ask) -> Option<PathBuf> {
        let mut used = self
            .used
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(line) = self.lines().get(*used).cloned() else {
            eprintln!(
                "Planbook dialog script: no answer left for a “{}” dialog; cancelled",
                ask.word()
            );
            return None;
        };
        *used += 1;
        let (word, rest) = line.split_once(' ').unwrap_or((line.as_str(), ""));
        if word == "cancel" {
            return None;
        }
        if word != ask.word() {
            eprintln!(
                "Planbook dialog script: a “{}” dialog was answered with “{line}”; cancelled",
                ask.word()
            );
            return None;
        }
        Some(PathBuf::from(rest.trim()))
    }
}

impl Dialogs for ScriptedDialogs {
    fn open_workbook(&self, _title: &str) -> Option<PathBuf> {
        self.answer(Ask::Open)
    }

    fn save_workbook(&self, _title: &str, _file_name: &str) -> Option<PathBuf> {
        self.answer(Ask::Save)
    }

    fn save_pdf(&self, _file_name: &str) -> Option<PathBuf> {
        self.answer(Ask::Pdf)
    }

    fn save_document(&self, format: DocumentFormat, _file_name: &str) -> Option<PathBuf> {
        self.answer(Ask::Document(format))
    }

    fn open_spreadsheet(&self) -> Option<PathBuf> {
        self.answer(Ask::Spreadsheet)
    }

    fn save_file(&self, kind: FileKind, _file_name: &str) -> Option<PathBuf> {
        self.answer(Ask::File(kind))
    }

    fn show(&self, level: Level, title: &str, text: &str) {
        let line = format!("{title}: {text}").replace('\n', " ");
        eprintln!("Planbook message ({level:?}): {line}");
        if let Source::File(path) = &self.source {
            let mut log = path.clone().into_os_string();
            log.push(".messages");
            if let Ok(mut file) = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(PathBuf::from(log))
            {
                let _ = writeln!(file, "{line}");
            }
        }
        self.shown
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(line);
    }
}

/// The operating system's dialogs, through tauri-plugin-dialog, attached to the main window.
/// Must not be called on the main thread (the file dialogs wait for an answer): commands run
/// on worker threads, and menu actions are moved to one.
#[derive(Debug)]
pub struct NativeDialogs {
    app: tauri::AppHandle,
}

impl NativeDialogs {
    pub fn new(app: tauri::AppHandle) -> Self {
        NativeDialogs { app }
    }

    fn file(&self, title: &str) -> tauri_plugin_dialog::FileDialogBuilder<tauri::Wry> {
        use tauri::Manager;
        use tauri_plugin_dialog::DialogExt;
        let dialog = self.app.dialog().file().set_title(title);
        match self.app.get_webview_window("main") {
            Some(window) => dialog.set_parent(&window),
            None => dialog,
        }
    }
}

const WORKBOOK_FILTER: (&str, &[&str]) = ("Planbook workbook (*.sqlite)", &["sqlite"]);
const PDF_FILTER: (&str, &[&str]) = ("PDF document (*.pdf)", &["pdf"]);

impl DocumentFormat {
    /// The file name extension, which is also the word a dialog script answers with.
    pub fn extension(self) -> &'static str {
        match self {
            DocumentFormat::Html => "html",
            DocumentFormat::Docx => "docx",
        }
    }

    /// The Save dialog's filter name and title.
    fn dialog(self) -> (&'static str, &'static str) {
        match self {
            DocumentFormat::Html => (
                "Web page (*.html)",
                "Export the plan document as a web page",
            ),
            DocumentFormat::Docx => (
                "Word document (*.docx)",
                "Export the plan document as a Word document",
            ),
        }
    }
}

impl Dialogs for NativeDialogs {
    fn open_workbook(&self, title: &str) -> Option<PathBuf> {
        self.file(title)
            .add_filter(WORKBOOK_FILTER.0, WORKBOOK_FILTER.1)
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
    }

    fn save_workbook(&self, title: &str, file_name: &str) -> Option<PathBuf> {
        self.file(title)
            .add_filter(WORKBOOK_FILTER.0, WORKBOOK_FILTER.1)
            .set_file_name(file_name)
            .blocking_save_file()
            .and_then(|p| p.into_path().ok())
            .map(|p| with_extension(p, "sqlite"))
    }

    fn save_pdf(&self, file_name: &str) -> Option<PathBuf> {
        self.file("Export the plan document as PDF")
            .add_filter(PDF_FILTER.0, PDF_FILTER.1)
            .set_file_name(file_name)
            .blocking_save_file()
            .and_then(|p| p.into_path().ok())
            .map(|p| with_extension(p, "pdf"))
    }

    fn save_document(&self, format: DocumentFormat, file_name: &str) -> Option<PathBuf> {
        let (filter, title) = format.dialog();
        self.file(title)
            .add_filter(filter, &[format.extension()])
            .set_file_name(file_name)
            .blocking_save_file()
            .and_then(|p| p.into_path().ok())
            .map(|p| with_extension(p, format.extension()))
    }

    fn open_spreadsheet(&self) -> Option<PathBuf> {
        self.file("Import a spreadsheet")
            .add_filter(SPREADSHEET_FILTER.0, SPREADSHEET_FILTER.1)
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
    }

    fn save_file(&self, kind: FileKind, file_name: &str) -> Option<PathBuf> {
        let (filter, title) = kind.dialog();
        self.file(title)
            .add_filter(filter, &[kind.extension()])
            .set_file_name(file_name)
            .blocking_save_file()
            .and_then(|p| p.into_path().ok())
            .map(|p| with_extension(p, kind.extension()))
    }

    fn show(&self, level: Level, title: &str, text: &str) {
        use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
        let kind = match level {
            Level::Info => MessageDialogKind::Info,
            Level::Error => MessageDialogKind::Error,
        };
        self.app
            .dialog()
            .message(text)
            .title(title)
            .kind(kind)
            .show(|_| {});
    }
}

/// A name typed without the extension gets it, as people expect of a Save dialog.
fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
    {
        path
    } else {
        let mut name = path.clone().into_os_string();
        name.push(".");
        name.push(extension);
        PathBuf::from(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_used_in_order_and_must_match_the_dialog() {
        let d = ScriptedDialogs::from_lines(&[
            "# a comment",
            "open /tmp/a.sqlite",
            "",
            "cancel",
            "pdf /tmp/out.pdf",
            "save /tmp/b.sqlite",
        ]);
        assert_eq!(
            d.open_workbook("Open"),
            Some(PathBuf::from("/tmp/a.sqlite"))
        );
        assert_eq!(d.save_workbook("New", "x.sqlite"), None, "cancel");
        assert_eq!(d.save_workbook("New", "x.sqlite"), None, "a pdf answer");
        assert_eq!(d.open_workbook("Open"), None, "a save answer");
        assert_eq!(d.open_workbook("Open"), None, "none left");
        d.show(Level::Error, "Could not", "open it.");
        assert_eq!(d.shown(), ["Could not: open it."]);
    }

    #[test]
    fn a_script_file_is_read_again_at_every_dialog() {
        let path = std::env::temp_dir().join(format!("planbook-script-{}", std::process::id()));
        std::fs::write(&path, "open /tmp/one.sqlite\n").expect("write");
        let d = ScriptedDialogs::from_file(path.clone());
        assert_eq!(
            d.open_workbook("Open"),
            Some(PathBuf::from("/tmp/one.sqlite"))
        );
        assert_eq!(d.open_workbook("Open"), None);
        std::fs::write(&path, "open /tmp/one.sqlite\nopen /tmp/two.sqlite\n").expect("write");
        assert_eq!(
            d.open_workbook("Open"),
            Some(PathBuf::from("/tmp/two.sqlite"))
        );
        d.show(Level::Info, "Exported", "3 pages");
        let mut log = path.clone().into_os_string();
        log.push(".messages");
        let log = PathBuf::from(log);
        assert_eq!(
            std::fs::read_to_string(&log).expect("log"),
            "Exported: 3 pages\n"
        );
        let _ = std::fs::remove_file(&path);
        let _ = std::fs::remove_file(&log);
    }

    #[test]
    fn saved_names_get_their_extension() {
        assert_eq!(
            with_extension("/t/plan".into(), "sqlite"),
            PathBuf::from("/t/plan.sqlite")
        );
        assert_eq!(
            with_extension("/t/plan.SQLITE".into(), "sqlite"),
            PathBuf::from("/t/plan.SQLITE")
        );
        assert_eq!(
            with_extension("/t/plan.v2".into(), "pdf"),
            PathBuf::from("/t/plan.v2.pdf")
        );
    }
}
