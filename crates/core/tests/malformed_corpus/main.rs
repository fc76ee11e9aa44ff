//! The malformed-file corpus: thousands of damaged, hostile and foreign files, generated here
//! from a real workbook, each opened through the hardened open path.
//!
//! The rule under test (docs/design.md, "The workbook file"): a bad file gets a clear, specific
//! message and is never modified. For every file in the corpus, both `Access::Edit` and
//! `Access::ReadOnly`:
//! - either open (and then everything is read through the API: summary, content, plan health,
//!   history, undo/redo state, integrity check) or give a typed error; the open itself never
//!   gives the catch-all `Error::Sqlite` ("database");
//! - never panic, and never hang (an open still running after a minute is reported);
//! - leave the file's bytes exactly as they were, with no journal, WAL, shared-memory or lock
//!   marker file left beside it (each file sits alone in its own folder, whose listing must
//!   be the same afterwards).
//!
//! The corpus is deterministic for a seed (set `PLANBOOK_CORPUS_SEED` to try another); the base
//! workbook is made fresh each run, so its ids and timestamps differ, but every structural
//! position the generators aim at is the same. Each family of generators is its own test, so a
//! failure names its family. Run with `-- --nocapture` to see each family's summary.
//! A file that breaks a rule is copied to `$CARGO_TARGET_TMPDIR/malformed-corpus-failures/`.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use chrono::NaiveDate;
use planbook_core::store::schema::{APPLICATION_ID, FORMAT_VERSION};
use planbook_core::{Access, Start, Workbook, check, example};
use rusqlite::Connection;

mod corpus;
mod others;
mod pages;
mod probe;
mod schema;
mod tools;

use corpus::*;
use others::*;
use pages::*;
use probe::*;
use schema::*;
use tools::*;

/// The page size Planbook writes.
pub(crate) const PAGE: usize = 4096;
/// An open still running after this has hung (the slowest file opens in about a tenth of a
/// second): this catches endless loops, it does not measure speed, so it is generous enough
/// for the slowest shared machine.
pub(crate) const DEADLINE: Duration = Duration::from_secs(60);
pub(crate) const DEFAULT_SEED: u64 = 0x504C_6E42_C0DE_2026;

/// What every family's files are made from, made once per test run.
pub(crate) struct Shared {
    /// The example workbook's bytes.
    pub(crate) base: Vec<u8>,
    /// A copy with overflow pages and a freelist.
    pub(crate) roomy: Vec<u8>,
    pub(crate) seed: u64,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let seed = std::env::var("PLANBOOK_CORPUS_SEED")
            .ok()
            .and_then(|s| {
                let s = s.trim();
                s.strip_prefix("0x")
                    .map_or_else(|| s.parse().ok(), |h| u64::from_str_radix(h, 16).ok())
            })
            .unwrap_or(DEFAULT_SEED);
        let root = TempRoot::new();
        let base_path = root.0.join("our dorset ŵ.sqlite");
        let content = example::content("our-dorset").expect("the example builds");
        drop(
            Workbook::create(&base_path, Start::Content(Box::new(content)))
                .expect("the base workbook"),
        );
        let base = fs::read(&base_path).expect("the base workbook's bytes");
        fs::remove_file(&base_path).expect("the base is removed");
        assert_eq!(page_size_of(&base), PAGE);
        assert_eq!(base.len() % PAGE, 0);
        let roomy = derive(
            &root.0,
            &base,
            "UPDATE plan SET notes = (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 900) \
                 SELECT group_concat('Notes on the plan, line ' || i || '. ', '') FROM n); \
             CREATE TABLE junk (x); \
             INSERT INTO junk WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 24) SELECT randomblob(3000) FROM n; \
             DROP TABLE junk;",
        );
        println!(
            "base workbook: {} bytes, {} pages, FNV-1a {:#018x}; roomy copy: {} pages, freelist {:?}, overflow {:?}",
            base.len(),
            base.len() / PAGE,
            fnv1a(&base),
            roomy.len() / PAGE,
            freelist_pages(&roomy),
            overflow_pages(&roomy)
        );
        Shared { base, roomy, seed }
    })
}

/// Runs one family of generators as its own test (so a failure names its family), then holds
/// it to the rules above. `at_least` guards against a generator silently making nothing.
fn family(test: &'static str, at_least: usize, generate: impl FnOnce(&mut Corpus, &Shared, &Path)) {
    let started = Instant::now();
    let shared = shared();
    let root = TempRoot::new();
    let scratch = root.0.join("scratch");
    fs::create_dir(&scratch).expect("a scratch folder");
    let mut c = Corpus::new(root.0.join("corpus"), shared.seed, test);
    fs::create_dir(&c.root).expect("the corpus folder");
    let _ = fs::remove_dir_all(&c.failures_dir);
    generate(&mut c, shared, &scratch);
    let report = c.report(started.elapsed());
    println!("{report}");

    let files: usize = c.families.iter().map(|(_, s)| s.files).sum();
    if c.only.is_none() {
        assert!(
            files >= at_least,
            "{test}: only {files} files, expected at least {at_least}"
        );
    }
    let broken = [
        (&c.panics, "made the open path panic"),
        (&c.hangs, "took longer than the deadline to open"),
        (&c.changed, "were changed by opening them"),
        (&c.leftovers, "had other files left beside them"),
        (&c.untyped_open, "gave the untyped `database` error"),
        (&c.unexpected, "gave another outcome than expected"),
    ];
    for (files, what) in broken {
        assert!(
            files.is_empty(),
            "{test}: {} files {what}, e.g. {}",
            files.len(),
            files.first().map_or("", String::as_str)
        );
    }
    drop(root);
}

#[test]
fn valid_layouts_open() {
    family("valid_layouts", 14, |c, s, scratch| {
        valid_variants(c, &layouts(&s.base, &s.roomy, scratch));
    });
}

#[test]
fn files_that_are_not_workbooks() {
    family("not_workbooks", 20, |c, s, _| foreign(c, &s.base));
}

#[test]
fn truncated_files() {
    family("truncated", 350, |c, s, _| truncations(c, &s.base));
}

#[test]
fn damaged_header_bytes() {
    family("header_bytes", 300, |c, s, _| header_bytes(c, &s.base));
}

#[test]
fn flipped_bytes_in_pages() {
    family("page_flips", 900, |c, s, _| page_flips(c, &s.base));
}

#[test]
fn zeroed_pages() {
    family("zeroed_pages", 100, |c, s, _| zeroed(c, &s.base));
}

#[test]
fn swapped_and_duplicated_pages() {
    family("misplaced_pages", 180, |c, s, _| misplaced(c, &s.base));
}

#[test]
fn damaged_freelists_and_overflow_pages() {
    family("freelist_overflow", 130, |c, s, _| {
        freelist_overflow(c, &s.roomy)
    });
}

#[test]
fn damaged_copies_of_other_layouts() {
    family("other_layouts", 130, |c, s, scratch| {
        let variants: Vec<(String, Vec<u8>)> = layouts(&s.base, &s.roomy, scratch)
            .into_iter()
            .filter(|l| l.damaged_too)
            .map(|l| (l.label, l.bytes))
            .collect();
        other_layouts(c, &variants);
    });
}

#[test]
fn foreign_application_ids_and_versions() {
    family("ids_and_versions", 45, |c, s, _| {
        application_ids(c, &s.base);
        user_versions(c, &s.base);
    });
}

#[test]
fn hostile_schemas() {
    family("hostile_schema", 120, |c, s, _| hostile_schema(c, &s.base));
}

#[test]
fn random_garbage() {
    family("random_garbage", 180, |c, s, _| garbage(c, &s.base));
}
