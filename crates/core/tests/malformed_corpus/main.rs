//! The malformed-file corpus: thousands of damaged, hostile and foreign files, generated here
//! from a real workbook, each opened through the hardened open path.
//!
//! The rule under test (docs/design.md, "The workbook file"): a bad file gets a clear, specific
//! message and is never modified. For every file in the corpus, both `Access::Edit` and
//! `Access::ReadOnly`:
//! - either open (and then everything is read through the API: summary, content, plan health,
//!   history, undo/redo state, integrity check) or give a typed error; the open itself never
//!   gives the catch-all `Error::Sqlite` ("database");
//! - never panic, and finish within five seconds;
//! - leave the file's bytes exactly as they were, with no journal, WAL, shared-memory or lock
//!   marker file left beside it (each file sits alone in its own folder, whose listing must
//!   be the same afterwards).
//!
//! The corpus is deterministic for a seed (set `PLANBOOK_CORPUS_SEED` to try another); the base
//! workbook is made fresh each run, so its ids and timestamps differ, but every structural
//! position the generators aim at is the same. Run with `-- --nocapture` to see the summary.
//! A file that breaks a rule is copied to `$CARGO_TARGET_TMPDIR/malformed-corpus-failures/`.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
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
/// No open may take longer than this.
pub(crate) const DEADLINE: Duration = Duration::from_secs(5);
pub(crate) const DEFAULT_SEED: u64 = 0x504C_6E42_C0DE_2026;
pub(crate) const MIN_FILES: usize = 2000;

#[test]
fn malformed_files_open_or_give_a_typed_error_and_are_never_changed() {
    let started = Instant::now();
    let seed = std::env::var("PLANBOOK_CORPUS_SEED")
        .ok()
        .and_then(|s| {
            let s = s.trim();
            s.strip_prefix("0x")
                .map_or_else(|| s.parse().ok(), |h| u64::from_str_radix(h, 16).ok())
        })
        .unwrap_or(DEFAULT_SEED);
    let root = TempRoot::new();
    let scratch = root.0.join("scratch");
    fs::create_dir(&scratch).expect("a scratch folder");

    let base_path = scratch.join("our dorset ŵ.sqlite");
    let content = example::content("our-dorset").expect("the example builds");
    drop(
        Workbook::create(&base_path, Start::Content(Box::new(content))).expect("the base workbook"),
    );
    let base = fs::read(&base_path).expect("the base workbook's bytes");
    fs::remove_file(&base_path).expect("the base is removed");
    assert_eq!(page_size_of(&base), PAGE);
    assert_eq!(base.len() % PAGE, 0);
    let roomy = derive(
        &scratch,
        &base,
        "UPDATE plan SET notes = (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 900) \
             SELECT group_concat('Notes on the plan, line ' || i || '. ', '') FROM n); \
         CREATE TABLE junk (x); \
         INSERT INTO junk WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 24) SELECT randomblob(3000) FROM n; \
         DROP TABLE junk;",
    );

    let mut c = Corpus::new(root.0.join("corpus"), seed);
    fs::create_dir(&c.root).expect("the corpus folder");
    let _ = fs::remove_dir_all(&c.failures_dir);
    println!(
        "base workbook: {} bytes, {} pages, FNV-1a {:#018x}; roomy copy: {} pages, freelist {:?}, overflow {:?}",
        base.len(),
        base.len() / PAGE,
        fnv1a(&base),
        roomy.len() / PAGE,
        freelist_pages(&roomy),
        overflow_pages(&roomy)
    );

    let variants = valid_variants(&mut c, &base, &roomy, &scratch);
    foreign(&mut c, &base);
    truncations(&mut c, &base);
    header_bytes(&mut c, &base);
    page_flips(&mut c, &base);
    zeroed(&mut c, &base);
    misplaced(&mut c, &base);
    freelist_overflow(&mut c, &roomy);
    other_layouts(&mut c, &variants);
    application_ids(&mut c, &base);
    user_versions(&mut c, &base);
    hostile_schema(&mut c, &base);
    garbage(&mut c, &base);

    let report = c.report(started.elapsed());
    println!("{report}");

    let files: usize = c.families.iter().map(|(_, s)| s.files).sum();
    if c.only.is_none() {
        assert!(files >= MIN_FILES, "only {files} files in the corpus");
    }
    assert!(
        c.panics.is_empty(),
        "{} files made the open path panic",
        c.panics.len()
    );
    assert!(
        c.hangs.is_empty(),
        "{} files took over {DEADLINE:?}",
        c.hangs.len()
    );
    assert!(
        c.changed.is_empty(),
        "{} files were changed by opening them",
        c.changed.len()
    );
    assert!(
        c.leftovers.is_empty(),
        "{} files had others left beside them",
        c.leftovers.len()
    );
    assert!(
        c.untyped_open.is_empty(),
        "{} opens gave the untyped `database` error",
        c.untyped_open.len()
    );
    assert!(
        c.unexpected.is_empty(),
        "{} files gave another outcome than expected",
        c.unexpected.len()
    );
    drop(root);
}
