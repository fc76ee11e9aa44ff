//! What one file did: opening it both ways, reading it, and what is beside it.

use crate::*;

/// What a generator knows a file must do (beyond the rules that hold for every file).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Expect {
    /// Any typed outcome.
    Any,
    /// Both accesses refuse it, with any typed error.
    Refused,
    /// Both accesses give this code ("ok" for an open).
    Both(&'static str),
    /// Edit gives the first code and read-only the second.
    Codes(&'static str, &'static str),
}

impl Expect {
    pub(crate) fn holds(self, edit: &str, read_only: &str) -> bool {
        match self {
            Expect::Any => true,
            Expect::Refused => edit != "ok" && read_only != "ok",
            Expect::Both(code) => edit == code && read_only == code,
            Expect::Codes(e, r) => edit == e && read_only == r,
        }
    }
}

/// One open and, when it succeeded, the reads after it.
#[derive(Debug)]
pub(crate) struct Attempt {
    /// "ok" or the error's code.
    pub(crate) code: &'static str,
    pub(crate) detail: String,
    /// Reads that failed after a successful open: (what, code, message).
    pub(crate) failed_reads: Vec<(&'static str, &'static str, String)>,
    /// Lines `integrity_check` reported (quick_check passed, the full check did not).
    pub(crate) integrity_faults: usize,
}

pub(crate) fn attempt(path: &Path, access: Access, today: NaiveDate) -> Attempt {
    let wb = match Workbook::open(path, access) {
        Ok(wb) => wb,
        Err(e) => {
            return Attempt {
                code: e.code(),
                detail: e.to_string(),
                failed_reads: Vec::new(),
                integrity_faults: 0,
            };
        }
    };
    let mut failed = Vec::new();
    let mut note = |what: &'static str, r: planbook_core::Result<()>| {
        if let Err(e) = r {
            failed.push((what, e.code(), e.to_string()));
        }
    };
    let _ = (
        wb.format_version(),
        wb.read_only_reason(),
        wb.path(),
        wb.user(),
    );
    note("summary", wb.summary().map(drop));
    note(
        "content",
        wb.content().and_then(|c| {
            let findings = check::plan_health(&c, today);
            let _ = findings.len();
            c.to_json().map(drop)
        }),
    );
    note("history", wb.history(100_000).map(drop));
    note("undo_redo_state", wb.undo_redo_state().map(drop));
    let mut integrity_faults = 0;
    match wb.integrity_check() {
        Ok(lines) => integrity_faults = lines.len(),
        Err(e) => failed.push(("integrity_check", e.code(), e.to_string())),
    }
    drop(wb);
    Attempt {
        code: "ok",
        detail: String::new(),
        failed_reads: failed,
        integrity_faults,
    }
}

/// Both opens of one file, in that order.
pub(crate) fn probe(path: &Path, today: NaiveDate) -> [Attempt; 2] {
    [
        attempt(path, Access::Edit, today),
        attempt(path, Access::ReadOnly, today),
    ]
}

/// What a file looked like before it was opened.
#[derive(Debug, PartialEq)]
pub(crate) enum Snapshot {
    Bytes(Vec<u8>),
    Directory(Vec<String>),
    /// A FIFO, socket or device: never read (a FIFO would block).
    Special(String),
    /// A symbolic link: where it points, and what reading through it gives.
    Link {
        target: PathBuf,
        bytes: Option<Vec<u8>>,
    },
    /// A sparse file too large to compare whole.
    Large {
        len: u64,
        modified: Option<SystemTime>,
        head: Vec<u8>,
    },
}

pub(crate) fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

pub(crate) fn snapshot(path: &Path) -> Snapshot {
    let meta = fs::symlink_metadata(path).expect("the corpus file exists");
    if meta.file_type().is_symlink() {
        Snapshot::Link {
            target: fs::read_link(path).expect("a link has a target"),
            bytes: fs::read(path).ok(),
        }
    } else if !meta.is_dir() && !meta.is_file() {
        Snapshot::Special(format!("{:?}", meta.file_type()))
    } else if meta.is_dir() {
        Snapshot::Directory(listing(path))
    } else if meta.len() > 64 * 1024 * 1024 {
        use std::io::Read;
        let mut head = vec![0; 65536];
        fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut head))
            .expect("the large file has a head");
        Snapshot::Large {
            len: meta.len(),
            modified: meta.modified().ok(),
            head,
        }
    } else {
        Snapshot::Bytes(fs::read(path).expect("the corpus file can be read"))
    }
}
