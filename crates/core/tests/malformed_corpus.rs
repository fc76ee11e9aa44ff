//! The malformed-file corpus: thousands of damaged, hostile and foreign files, generated here
//! from a real workbook, each opened through the hardened open path.
//!
//! The rule under test (DESIGN.md, "The workbook file"): a bad file gets a clear, specific
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

/// The page size Planbook writes.
const PAGE: usize = 4096;
/// No open may take longer than this.
const DEADLINE: Duration = Duration::from_secs(5);
const DEFAULT_SEED: u64 = 0x504C_6E42_C0DE_2026;
const MIN_FILES: usize = 2000;

// ---------------------------------------------------------------------------------------------
// Small tools: a seeded PRNG, FNV-1a, big-endian fields, the page structure of a file.

/// xorshift64*: tiny, seeded, good enough to pick offsets.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng((seed ^ 0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, r: Range<usize>) -> usize {
        r.start + self.below(r.end - r.start)
    }

    fn byte(&mut self) -> u8 {
        (self.next() >> 56) as u8
    }

    /// A non-zero XOR mask, so a flip always changes the byte.
    fn flip(&mut self) -> u8 {
        1 + self.below(255) as u8
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.byte()).collect()
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

fn be16(b: &[u8], at: usize) -> usize {
    usize::from(u16::from_be_bytes([b[at], b[at + 1]]))
}

fn be32(b: &[u8], at: usize) -> usize {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize
}

fn put32(b: &mut [u8], at: usize, v: u32) {
    b[at..at + 4].copy_from_slice(&v.to_be_bytes());
}

fn page_size_of(b: &[u8]) -> usize {
    match be16(b, 16) {
        1 => 65536,
        n => n,
    }
}

/// Where page `pgno` (1-based) starts, and where its b-tree header starts.
fn page_at(ps: usize, pgno: usize) -> (usize, usize) {
    let start = (pgno - 1) * ps;
    (start, if pgno == 1 { start + 100 } else { start })
}

fn is_btree_page(b: &[u8], ps: usize, pgno: usize) -> bool {
    matches!(b[page_at(ps, pgno).1], 2 | 5 | 10 | 13)
}

fn btree_pages(b: &[u8]) -> Vec<usize> {
    let ps = page_size_of(b);
    (1..=b.len() / ps)
        .filter(|&p| is_btree_page(b, ps, p))
        .collect()
}

/// The byte ranges of a b-tree page that SQLite actually reads: the page header with its cell
/// pointer array, and the cell content area. (Flipping bytes in the unused gap between them
/// tests nothing.)
fn used_ranges(b: &[u8], pgno: usize) -> Vec<Range<usize>> {
    let ps = page_size_of(b);
    let (start, hdr) = page_at(ps, pgno);
    let end = start + ps;
    let header_len = if matches!(b[hdr], 2 | 5) { 12 } else { 8 };
    let cells = be16(b, hdr + 3);
    let content = match be16(b, hdr + 5) {
        0 => 65536,
        n => n,
    };
    let head = hdr..(hdr + header_len + 2 * cells).min(end);
    let body = (start + content).min(end)..end;
    [head, body].into_iter().filter(|r| !r.is_empty()).collect()
}

fn random_offset_in(rng: &mut Rng, ranges: &[Range<usize>]) -> usize {
    let total: usize = ranges.iter().map(ExactSizeIterator::len).sum();
    let mut at = rng.below(total);
    for r in ranges {
        if at < r.len() {
            return r.start + at;
        }
        at -= r.len();
    }
    unreachable!("the offset is inside one of the ranges")
}

/// Trunk and leaf pages of the freelist, as the header and trunk pages say.
fn freelist_pages(b: &[u8]) -> Vec<usize> {
    let ps = page_size_of(b);
    let pages = b.len() / ps;
    let mut out = Vec::new();
    let mut trunk = be32(b, 32);
    while trunk != 0 && trunk <= pages && !out.contains(&trunk) {
        out.push(trunk);
        let at = (trunk - 1) * ps;
        let leaves = be32(b, at + 4).min(ps / 4 - 2);
        for i in 0..leaves {
            let leaf = be32(b, at + 8 + 4 * i);
            if leaf != 0 && leaf <= pages {
                out.push(leaf);
            }
        }
        trunk = be32(b, at);
    }
    out
}

/// Pages that are neither b-tree pages nor on the freelist: overflow pages, here.
fn overflow_pages(b: &[u8]) -> Vec<usize> {
    let ps = page_size_of(b);
    let free = freelist_pages(b);
    (2..=b.len() / ps)
        .filter(|&p| !is_btree_page(b, ps, p) && !free.contains(&p))
        .collect()
}

fn swap_pages(b: &mut [u8], ps: usize, x: usize, y: usize) {
    let (x0, y0) = ((x - 1) * ps, (y - 1) * ps);
    for i in 0..ps {
        b.swap(x0 + i, y0 + i);
    }
}

// ---------------------------------------------------------------------------------------------
// What one file did.

/// What a generator knows a file must do (beyond the rules that hold for every file).
#[derive(Debug, Clone, Copy)]
enum Expect {
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
    fn holds(self, edit: &str, read_only: &str) -> bool {
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
struct Attempt {
    /// "ok" or the error's code.
    code: &'static str,
    detail: String,
    /// Reads that failed after a successful open: (what, code, message).
    failed_reads: Vec<(&'static str, &'static str, String)>,
    /// Lines `integrity_check` reported (quick_check passed, the full check did not).
    integrity_faults: usize,
}

fn attempt(path: &Path, access: Access, today: NaiveDate) -> Attempt {
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
fn probe(path: &Path, today: NaiveDate) -> [Attempt; 2] {
    [
        attempt(path, Access::Edit, today),
        attempt(path, Access::ReadOnly, today),
    ]
}

/// What a file looked like before it was opened.
#[derive(Debug, PartialEq)]
enum Snapshot {
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

fn listing(dir: &Path) -> Vec<String> {
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

fn snapshot(path: &Path) -> Snapshot {
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

// ---------------------------------------------------------------------------------------------
// The corpus runner: each generator hands it files, one at a time; it tests each at once.

#[derive(Default)]
struct FamilyStats {
    files: usize,
    /// Making, opening, checking and removing this family's files.
    time: Duration,
    edit: BTreeMap<&'static str, usize>,
    read_only: BTreeMap<&'static str, usize>,
}

struct Corpus {
    root: PathBuf,
    failures_dir: PathBuf,
    today: NaiveDate,
    seed: u64,
    next: usize,
    families: Vec<(&'static str, FamilyStats)>,
    edit_codes: BTreeMap<&'static str, usize>,
    read_only_codes: BTreeMap<&'static str, usize>,
    read_errors: BTreeMap<(&'static str, &'static str), (usize, String)>,
    integrity_fault_files: Vec<String>,
    untyped_reads: Vec<String>,
    panics: Vec<String>,
    hangs: Vec<String>,
    changed: Vec<String>,
    leftovers: Vec<String>,
    untyped_open: Vec<String>,
    io_open: Vec<String>,
    unexpected: Vec<String>,
    slowest: (Duration, String),
    probing: Duration,
    slot_started: Instant,
    /// Only families whose name contains this (`PLANBOOK_CORPUS_ONLY`), for working on one.
    only: Option<String>,
}

impl Corpus {
    fn new(root: PathBuf, seed: u64) -> Corpus {
        Corpus {
            failures_dir: PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
                .join("malformed-corpus-failures"),
            root,
            today: NaiveDate::from_ymd_opt(2026, 3, 14).expect("a real date"),
            seed,
            next: 0,
            families: Vec::new(),
            edit_codes: BTreeMap::new(),
            read_only_codes: BTreeMap::new(),
            read_errors: BTreeMap::new(),
            integrity_fault_files: Vec::new(),
            untyped_reads: Vec::new(),
            panics: Vec::new(),
            hangs: Vec::new(),
            changed: Vec::new(),
            leftovers: Vec::new(),
            untyped_open: Vec::new(),
            io_open: Vec::new(),
            unexpected: Vec::new(),
            slowest: (Duration::ZERO, String::new()),
            probing: Duration::ZERO,
            slot_started: Instant::now(),
            only: std::env::var("PLANBOOK_CORPUS_ONLY")
                .ok()
                .filter(|s| !s.is_empty()),
        }
    }

    /// A generator's own PRNG, so adding a family never changes another's files.
    fn rng(&self, family: &str) -> Rng {
        Rng::new(self.seed ^ fnv1a(family.as_bytes()))
    }

    fn skip(&self, family: &str) -> bool {
        self.only
            .as_deref()
            .is_some_and(|only| !family.contains(only))
    }

    /// A fresh folder for the next file, and the file's path in it.
    fn slot(&mut self, family: &'static str) -> (PathBuf, PathBuf) {
        self.next += 1;
        self.slot_started = Instant::now();
        let dir = self.root.join(format!("{:05}", self.next));
        fs::create_dir(&dir).expect("a slot folder");
        let path = dir.join(format!("{:05} {family} ŵ.sqlite", self.next));
        (dir, path)
    }

    /// A file with these bytes.
    fn bytes(
        &mut self,
        family: &'static str,
        label: impl Into<String>,
        bytes: &[u8],
        expect: Expect,
    ) {
        if self.skip(family) {
            return;
        }
        let (dir, path) = self.slot(family);
        fs::write(&path, bytes).expect("a corpus file is written");
        self.run(family, label.into(), &dir, &path, expect);
    }

    /// A copy of `base` changed with plain SQLite (no hardening, so anything goes).
    fn sql(
        &mut self,
        family: &'static str,
        label: impl Into<String>,
        base: &[u8],
        sql: &str,
        expect: Expect,
    ) {
        if self.skip(family) {
            return;
        }
        let label = label.into();
        let (dir, path) = self.slot(family);
        fs::write(&path, base).expect("a corpus file is written");
        apply_sql(&path, sql).unwrap_or_else(|e| panic!("making “{label}”: {e}\n{sql}"));
        assert_eq!(
            listing(&dir).len(),
            1,
            "making “{label}” left files beside it"
        );
        self.run(family, label, &dir, &path, expect);
    }

    /// Any other kind of file: `make` creates it at the path.
    fn custom(
        &mut self,
        family: &'static str,
        label: impl Into<String>,
        make: impl FnOnce(&Path),
        expect: Expect,
    ) {
        if self.skip(family) {
            return;
        }
        let (dir, path) = self.slot(family);
        make(&path);
        self.run(family, label.into(), &dir, &path, expect);
    }

    fn stats(&mut self, family: &'static str) -> &mut FamilyStats {
        if let Some(i) = self.families.iter().position(|(f, _)| *f == family) {
            &mut self.families[i].1
        } else {
            self.families.push((family, FamilyStats::default()));
            &mut self.families.last_mut().expect("just pushed").1
        }
    }

    fn keep(&self, path: &Path, why: &str) {
        let _ = fs::create_dir_all(&self.failures_dir);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let to = self.failures_dir.join(format!("{why} {name}"));
        if path.is_file() {
            let _ = fs::copy(path, &to);
        }
    }

    fn run(
        &mut self,
        family: &'static str,
        label: String,
        dir: &Path,
        path: &Path,
        expect: Expect,
    ) {
        let name = format!("#{} {family}: {label}", self.next);
        let before = snapshot(path);
        let entry_before = listing(dir);

        let (tx, rx) = mpsc::channel();
        let p = path.to_path_buf();
        let today = self.today;
        let started = Instant::now();
        let worker = thread::Builder::new()
            .name(format!("corpus {}", self.next))
            .spawn(move || {
                let outcome = catch_unwind(AssertUnwindSafe(|| probe(&p, today)));
                let _ = tx.send(outcome);
            })
            .expect("a worker thread");
        let outcome = rx.recv_timeout(DEADLINE);
        let took = started.elapsed();
        self.probing += took;
        if took > self.slowest.0 {
            self.slowest = (took, name.clone());
        }
        self.stats(family).files += 1;

        let [edit, read_only] = match outcome {
            Ok(Ok(attempts)) => {
                let _ = worker.join();
                attempts
            }
            Ok(Err(payload)) => {
                let _ = worker.join();
                let msg = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic without a message".into());
                self.keep(path, "panic");
                self.panics.push(format!("{name}: {msg}"));
                self.finish(
                    family,
                    &name,
                    dir,
                    path,
                    &before,
                    &entry_before,
                    "panic",
                    "panic",
                );
                return;
            }
            Err(RecvTimeoutError::Timeout) => {
                // The worker cannot be stopped; leave it and its file alone.
                self.keep(path, "hang");
                self.hangs
                    .push(format!("{name}: still running after {DEADLINE:?}"));
                *self.edit_codes.entry("hang").or_default() += 1;
                *self.read_only_codes.entry("hang").or_default() += 1;
                let s = self.stats(family);
                *s.edit.entry("hang").or_default() += 1;
                *s.read_only.entry("hang").or_default() += 1;
                return;
            }
            Err(RecvTimeoutError::Disconnected) => {
                self.panics
                    .push(format!("{name}: the worker died without an answer"));
                self.finish(
                    family,
                    &name,
                    dir,
                    path,
                    &before,
                    &entry_before,
                    "panic",
                    "panic",
                );
                return;
            }
        };

        for (access, a) in [("edit", &edit), ("read-only", &read_only)] {
            match a.code {
                "database" => {
                    self.keep(path, "untyped");
                    self.untyped_open
                        .push(format!("{name} ({access}): {}", a.detail));
                }
                "io" => self
                    .io_open
                    .push(format!("{name} ({access}): {}", a.detail)),
                _ => {}
            }
            for (what, code, msg) in &a.failed_reads {
                if *code == "database" {
                    self.untyped_reads
                        .push(format!("{name} ({access}) {what}: {msg}"));
                }
                let e = self
                    .read_errors
                    .entry((what, code))
                    .or_insert_with(|| (0, format!("{name} ({access}): {msg}")));
                e.0 += 1;
            }
            if a.integrity_faults > 0 {
                self.integrity_fault_files
                    .push(format!("{name} ({access}): {} lines", a.integrity_faults));
            }
        }
        if !expect.holds(edit.code, read_only.code) {
            self.unexpected.push(format!(
                "{name}: expected {expect:?}, got edit {} ({}), read-only {} ({})",
                edit.code, edit.detail, read_only.code, read_only.detail
            ));
        }
        self.finish(
            family,
            &name,
            dir,
            path,
            &before,
            &entry_before,
            edit.code,
            read_only.code,
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        &mut self,
        family: &'static str,
        name: &str,
        dir: &Path,
        path: &Path,
        before: &Snapshot,
        entries_before: &[String],
        edit: &'static str,
        read_only: &'static str,
    ) {
        *self.edit_codes.entry(edit).or_default() += 1;
        *self.read_only_codes.entry(read_only).or_default() += 1;
        let s = self.stats(family);
        *s.edit.entry(edit).or_default() += 1;
        *s.read_only.entry(read_only).or_default() += 1;

        if snapshot(path) != *before {
            self.changed.push(name.to_owned());
            if let Snapshot::Bytes(b) = before {
                let _ = fs::create_dir_all(&self.failures_dir);
                let _ = fs::write(
                    self.failures_dir
                        .join(format!("changed-before #{}", self.next)),
                    b,
                );
            }
            self.keep(path, "changed-after");
        }
        let entries = listing(dir);
        if entries != entries_before {
            let extra: Vec<&String> = entries
                .iter()
                .filter(|e| !entries_before.contains(e))
                .collect();
            self.leftovers.push(format!("{name}: {extra:?}"));
        }
        let _ = fs::remove_dir_all(dir);
        let took = self.slot_started.elapsed();
        self.stats(family).time += took;
    }

    fn report(&self, took: Duration) -> String {
        let mut out = String::new();
        let files: usize = self.families.iter().map(|(_, s)| s.files).sum();
        let _ = writeln!(out, "\n== Malformed-file corpus (seed {:#x}) ==", self.seed);
        let _ = writeln!(
            out,
            "files tried: {files} (each opened for editing and read-only)"
        );
        let _ = writeln!(
            out,
            "\n{:<26} {:>6} {:>8}  outcomes: edit | read-only",
            "family", "files", "time"
        );
        let fmt = |m: &BTreeMap<&str, usize>| {
            m.iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for (family, s) in &self.families {
            let _ = writeln!(
                out,
                "{family:<26} {:>6} {:>7.1}s  {} | {}",
                s.files,
                s.time.as_secs_f64(),
                fmt(&s.edit),
                fmt(&s.read_only)
            );
        }
        let _ = writeln!(out, "\n{:<22} {:>8} {:>10}", "outcome", "edit", "read-only");
        let codes: std::collections::BTreeSet<&str> = self
            .edit_codes
            .keys()
            .chain(self.read_only_codes.keys())
            .copied()
            .collect();
        for code in codes {
            let _ = writeln!(
                out,
                "{code:<22} {:>8} {:>10}",
                self.edit_codes.get(code).unwrap_or(&0),
                self.read_only_codes.get(code).unwrap_or(&0)
            );
        }
        let _ = writeln!(
            out,
            "\nreads that failed after a successful open (tolerated when typed):"
        );
        if self.read_errors.is_empty() {
            let _ = writeln!(out, "  none");
        }
        for ((what, code), (n, example)) in &self.read_errors {
            let _ = writeln!(
                out,
                "  {what:<16} {code:<14} {n:>5}   e.g. {}",
                clip(example, 220)
            );
        }
        let _ = writeln!(
            out,
            "reads after a successful open that gave the untyped `database` error: {}",
            self.untyped_reads.len()
        );
        for line in self.untyped_reads.iter().take(12) {
            let _ = writeln!(out, "  {}", clip(line, 260));
        }
        let _ = writeln!(
            out,
            "opens where quick_check passed but integrity_check found faults: {}",
            self.integrity_fault_files.len()
        );
        for line in self.integrity_fault_files.iter().take(5) {
            let _ = writeln!(out, "  {}", clip(line, 200));
        }
        let mut list = |title: &str, items: &[String]| {
            let _ = writeln!(out, "{title}: {}", items.len());
            for item in items.iter().take(25) {
                let _ = writeln!(out, "  {}", clip(item, 400));
            }
        };
        list("panics", &self.panics);
        list("hangs (over 5 s)", &self.hangs);
        list("files changed", &self.changed);
        list(
            "files left beside (journal, wal, shm, lock marker…)",
            &self.leftovers,
        );
        list(
            "opens that gave the untyped `database` error",
            &self.untyped_open,
        );
        list("opens that gave an `io` error", &self.io_open);
        list(
            "outcomes other than the generator expected",
            &self.unexpected,
        );
        let _ = writeln!(
            out,
            "unchanged: {}/{files}; slowest file {:.0?} ({}); time probing {:.1?}; whole test {:.1?}",
            files - self.changed.len() - self.hangs.len(),
            self.slowest.0,
            self.slowest.1,
            self.probing,
            took
        );
        out
    }
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

fn apply_sql(path: &Path, sql: &str) -> rusqlite::Result<()> {
    let conn = Connection::open(path)?;
    // Making the corpus needs no durability; without it, fsync dominates the test's time.
    conn.pragma_update(None, "synchronous", "OFF")?;
    conn.execute_batch(sql)?;
    conn.close().map_err(|(_, e)| e)
}

/// The bytes of `base` after `sql`, made in a scratch file.
fn derive(scratch: &Path, base: &[u8], sql: &str) -> Vec<u8> {
    let path = scratch.join("derived ŵ.sqlite");
    fs::write(&path, base).expect("a scratch file");
    apply_sql(&path, sql).unwrap_or_else(|e| panic!("deriving a base: {e}\n{sql}"));
    let bytes = fs::read(&path).expect("the derived file");
    fs::remove_file(&path).expect("the scratch file is removed");
    bytes
}

/// The corpus folder: its path has a space and a non-ASCII letter; removed at the end.
struct TempRoot(PathBuf);

impl TempRoot {
    fn new() -> TempRoot {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!(
            "planbook corpus ŵ dir {} {nanos}",
            std::process::id()
        ));
        fs::create_dir_all(&path).expect("the corpus folder");
        TempRoot(path)
    }
}

impl Drop for TempRoot {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

// ---------------------------------------------------------------------------------------------
// The generators, one per family.

/// Cut short at every page boundary (and one byte either side), at every length up to the
/// header's 100 bytes, and at random points.
fn truncations(c: &mut Corpus, base: &[u8]) {
    let f = "truncate_page_boundary";
    let pages = base.len() / PAGE;
    for k in 0..pages {
        let len = k * PAGE;
        let expect = if k == 0 {
            Expect::Both("not_sqlite")
        } else {
            Expect::Refused
        };
        c.bytes(
            f,
            format!("cut to {len} bytes: page boundary {k} of {pages}"),
            &base[..len],
            expect,
        );
        if k > 0 {
            for len in [len - 1, len + 1] {
                c.bytes(
                    f,
                    format!("cut to {len} bytes: one byte off boundary {k}"),
                    &base[..len],
                    Expect::Both("corrupt"),
                );
            }
        }
    }

    let f = "truncate_random";
    let mut rng = c.rng(f);
    for len in 0..=100 {
        let expect = if len < 100 {
            Expect::Both("not_sqlite")
        } else {
            Expect::Both("corrupt")
        };
        c.bytes(f, format!("cut to {len} bytes"), &base[..len], expect);
    }
    for _ in 0..150 {
        let len = rng.range(101..base.len());
        let expect = if len.is_multiple_of(PAGE) {
            Expect::Refused
        } else {
            Expect::Both("corrupt")
        };
        c.bytes(f, format!("cut to {len} bytes"), &base[..len], expect);
    }
}

/// What a damaged header must give, whatever else is wrong: the magic is checked first, then
/// the application id.
fn header_expect(offsets: &[usize]) -> Expect {
    if offsets.iter().any(|o| *o < 16) {
        Expect::Both("not_sqlite")
    } else if offsets.iter().any(|o| (68..72).contains(o)) {
        Expect::Both("not_planbook")
    } else {
        Expect::Any
    }
}

/// Every header byte changed on its own (flipped, zeroed, all ones), then several at once.
fn header_bytes(c: &mut Corpus, base: &[u8]) {
    let f = "header_byte_single";
    let mut rng = c.rng(f);
    for off in 0..100 {
        let orig = base[off];
        let mut values = vec![orig ^ rng.flip()];
        for v in [0x00, 0xFF] {
            if v != orig && !values.contains(&v) {
                values.push(v);
            }
        }
        for v in values {
            let mut b = base.to_vec();
            b[off] = v;
            c.bytes(
                f,
                format!("header byte {off}: {orig:#04x} → {v:#04x}"),
                &b,
                header_expect(&[off]),
            );
        }
    }

    let f = "header_bytes_multi";
    let mut rng = c.rng(f);
    for _ in 0..150 {
        let mut b = base.to_vec();
        let n = rng.range(2..11);
        let mut offs = Vec::new();
        for _ in 0..n {
            let off = rng.below(100);
            b[off] ^= rng.flip();
            if b[off] != base[off] {
                offs.push(off);
            } else {
                offs.retain(|o| *o != off);
            }
        }
        offs.sort_unstable();
        offs.dedup();
        let what: Vec<String> = offs.iter().map(|o| format!("{o}={:#04x}", b[*o])).collect();
        c.bytes(
            f,
            format!("header bytes {}", what.join(" ")),
            &b,
            header_expect(&offs),
        );
    }
}

/// Flipped bytes where SQLite reads: page 1 past the header (the schema), every other b-tree
/// page, b-tree page headers, and single bits anywhere.
fn page_flips(c: &mut Corpus, base: &[u8]) {
    let btree = btree_pages(base);

    let f = "schema_page_flip";
    let mut rng = c.rng(f);
    let ranges: Vec<Range<usize>> = used_ranges(base, 1);
    for _ in 0..200 {
        let mut b = base.to_vec();
        let mut what = Vec::new();
        for _ in 0..rng.range(1..4) {
            let at = random_offset_in(&mut rng, &ranges);
            let mask = rng.flip();
            b[at] ^= mask;
            what.push(format!("{at}^{mask:#04x}"));
        }
        c.bytes(
            f,
            format!("page 1 bytes {}", what.join(" ")),
            &b,
            Expect::Any,
        );
    }

    let f = "btree_page_flip";
    let mut rng = c.rng(f);
    for i in 0..400 {
        let mut b = base.to_vec();
        let pgno = *rng.pick(&btree[1..]);
        let ranges = used_ranges(base, pgno);
        // Mostly a few bytes; every fifth file, a scrambled run of many.
        let n = if i % 5 == 4 {
            rng.range(8..200)
        } else {
            rng.range(1..5)
        };
        let mut what = Vec::new();
        for _ in 0..n {
            let at = random_offset_in(&mut rng, &ranges);
            let mask = rng.flip();
            b[at] ^= mask;
            if what.len() < 6 {
                what.push(format!("{at}^{mask:#04x}"));
            }
        }
        c.bytes(
            f,
            format!(
                "page {pgno} (type {}), {n} bytes: {}…",
                base[page_at(PAGE, pgno).1],
                what.join(" ")
            ),
            &b,
            Expect::Any,
        );
    }

    let f = "btree_header_flip";
    let mut rng = c.rng(f);
    for _ in 0..150 {
        let mut b = base.to_vec();
        let pgno = *rng.pick(&btree);
        let (_, hdr) = page_at(PAGE, pgno);
        let len = if matches!(base[hdr], 2 | 5) { 12 } else { 8 };
        let at = hdr + rng.below(len);
        let v = if rng.below(2) == 0 {
            b[at] ^ rng.flip()
        } else {
            rng.byte()
        };
        b[at] = v;
        c.bytes(
            f,
            format!(
                "page {pgno} header byte {} (file offset {at}): {:#04x} → {v:#04x}",
                at - hdr,
                base[at]
            ),
            &b,
            Expect::Any,
        );
    }

    let f = "bit_flip";
    let mut rng = c.rng(f);
    for _ in 0..300 {
        let mut b = base.to_vec();
        let at = rng.below(b.len());
        let bit = rng.below(8);
        b[at] ^= 1 << bit;
        c.bytes(
            f,
            format!("bit {bit} of byte {at} (page {})", at / PAGE + 1),
            &b,
            header_expect(&[at]),
        );
    }
}

/// Pages zeroed whole or in part.
fn zeroed(c: &mut Corpus, base: &[u8]) {
    let f = "zeroed_page";
    let mut rng = c.rng(f);
    let pages = base.len() / PAGE;
    for pgno in 1..=pages {
        let mut b = base.to_vec();
        b[(pgno - 1) * PAGE..pgno * PAGE].fill(0);
        let expect = if pgno == 1 {
            Expect::Both("not_sqlite")
        } else {
            Expect::Refused
        };
        c.bytes(f, format!("page {pgno} all zero"), &b, expect);
    }
    for _ in 0..60 {
        let mut b = base.to_vec();
        let pgno = rng.range(1..pages + 1);
        let len = rng.range(16..1025);
        let start = (pgno - 1) * PAGE + rng.below(PAGE - len);
        b[start..start + len].fill(0);
        c.bytes(
            f,
            format!("{len} zero bytes at {start} (page {pgno})"),
            &b,
            header_expect(&(start..start + len).collect::<Vec<_>>()),
        );
    }
}

/// Pages in the wrong place: swapped, or one copied over another.
fn misplaced(c: &mut Corpus, base: &[u8]) {
    let f = "page_swap_duplicate";
    let mut rng = c.rng(f);
    let pages = base.len() / PAGE;
    for _ in 0..100 {
        let mut b = base.to_vec();
        let x = rng.range(2..pages + 1);
        let mut y = rng.range(2..pages + 1);
        if y == x {
            y = if x == pages { 2 } else { x + 1 };
        }
        swap_pages(&mut b, PAGE, x, y);
        c.bytes(f, format!("pages {x} and {y} swapped"), &b, Expect::Any);
    }
    for k in [2, 3, 10, pages / 2, pages] {
        let mut b = base.to_vec();
        swap_pages(&mut b, PAGE, 1, k);
        c.bytes(
            f,
            format!("page 1 swapped with page {k}"),
            &b,
            Expect::Both("not_sqlite"),
        );
    }
    for _ in 0..100 {
        let mut b = base.to_vec();
        let from = rng.range(1..pages + 1);
        let mut to = rng.range(2..pages + 1);
        if to == from {
            to = if from == pages { 2 } else { from + 1 };
        }
        b.copy_within((from - 1) * PAGE..from * PAGE, (to - 1) * PAGE);
        c.bytes(
            f,
            format!("page {from} copied over page {to}"),
            &b,
            Expect::Any,
        );
    }
    // The last page twice, the file one page longer than the header says.
    let mut b = base.to_vec();
    b.extend_from_slice(&base[base.len() - PAGE..]);
    c.bytes(f, "last page appended again", &b, Expect::Any);
}

/// A valid workbook with another program's application id, set in the header bytes and with
/// `PRAGMA application_id`.
fn application_ids(c: &mut Corpus, base: &[u8]) {
    let f = "wrong_application_id";
    let ids: [i32; 10] = [
        0,
        1,
        -1,
        i32::MIN,
        i32::MAX,
        APPLICATION_ID - 1,
        APPLICATION_ID + 1,
        APPLICATION_ID.swap_bytes(),
        0x5351_4C69, // "SQLi"
        0x0F05_5112, // Fossil's
    ];
    for id in ids {
        let mut b = base.to_vec();
        put32(&mut b, 68, id as u32);
        c.bytes(
            f,
            format!("header application id {id:#x}"),
            &b,
            Expect::Both("not_planbook"),
        );
    }
    for id in ids {
        c.sql(
            f,
            format!("PRAGMA application_id = {id}"),
            base,
            &format!("PRAGMA application_id = {id};"),
            Expect::Both("not_planbook"),
        );
    }
}

/// Format versions that are impossible, from the future, or huge.
fn user_versions(c: &mut Corpus, base: &[u8]) {
    let f = "user_version";
    let future = i32::try_from(FORMAT_VERSION).expect("a small format version") + 1;
    let versions = [
        i32::MIN,
        -2,
        -1,
        0,
        future,
        future + 1,
        255,
        256,
        65535,
        1 << 24,
        i32::MAX - 1,
        i32::MAX,
    ];
    let expect = |v: i32| {
        if v < 1 {
            Expect::Both("corrupt")
        } else if i64::from(v) > FORMAT_VERSION {
            Expect::Codes("file_too_new", "ok")
        } else {
            Expect::Both("ok")
        }
    };
    for v in versions {
        let mut b = base.to_vec();
        put32(&mut b, 60, v as u32);
        c.bytes(f, format!("header user_version {v}"), &b, expect(v));
    }
    for v in versions {
        c.sql(
            f,
            format!("PRAGMA user_version = {v}"),
            base,
            &format!("PRAGMA user_version = {v};"),
            expect(v),
        );
    }
    // Newer files whose writer is hostile or missing: the message names it, so it must cope.
    let long_writer = "Planbook 99 ".repeat(20_000);
    let cases = [
        ("writer is 240 000 characters", format!("UPDATE planbook_meta SET value = '{long_writer}' WHERE key = 'writer';")),
        ("writer has control and bidi characters", "UPDATE planbook_meta SET value = 'Planbook' || char(0, 7, 27, 8238, 10) || '9' WHERE key = 'writer';".into()),
        ("writer row missing", "DELETE FROM planbook_meta;".into()),
        ("planbook_meta dropped", "DROP TABLE planbook_meta;".into()),
        ("a table added, as a newer format may", "CREATE TABLE budget (id TEXT PRIMARY KEY NOT NULL, amount INTEGER) STRICT;".into()),
        ("the glossary table dropped", "DROP TABLE glossary_term;".into()),
        ("the plan row deleted", "DELETE FROM plan;".into()),
        ("a second plan row", "INSERT INTO plan SELECT 'second' || id, title, subtitle, partnership, area, population, period_start, period_end, vision, status, version_label, language, notes, created_at, updated_at FROM plan;".into()),
    ];
    for (label, sql) in cases {
        let expect = if label.contains("writer") {
            Expect::Codes("file_too_new", "ok")
        } else {
            Expect::Any
        };
        c.sql(
            f,
            format!("format {future}, {label}"),
            base,
            &format!("{sql} PRAGMA user_version = {future};"),
            expect,
        );
    }
}

/// Schema objects a hostile sender could add. The application id stays Planbook's so that
/// each reaches the schema check; each is tried at the current format (where any schema
/// change is refused) and at the next one (where only triggers and views are refused).
fn hostile_schema(c: &mut Corpus, base: &[u8]) {
    let f = "hostile_schema";
    let future = FORMAT_VERSION + 1;
    let mut cases: Vec<(String, String, Expect)> = Vec::new();
    let refused = Expect::Both("corrupt");

    // Triggers that would change rows whenever Planbook writes.
    let tables = [
        "plan",
        "action",
        "planbook_meta",
        "edit",
        "change",
        "measure",
    ];
    let events = ["INSERT", "UPDATE", "DELETE"];
    for (i, table) in tables.iter().enumerate() {
        for (j, event) in events.iter().enumerate() {
            let when = if (i + j) % 2 == 0 { "BEFORE" } else { "AFTER" };
            cases.push((
                format!("trigger {when} {event} ON {table} deleting and rewriting rows"),
                format!(
                    "CREATE TRIGGER evil_{table}_{} {when} {event} ON {table} BEGIN \
                     DELETE FROM action; UPDATE plan SET title = 'hijacked'; \
                     INSERT OR REPLACE INTO planbook_meta VALUES ('writer', 'evil'); END;",
                    event.to_lowercase()
                ),
                refused,
            ));
        }
    }
    // Triggers that call functions.
    for call in [
        "load_extension('/tmp/evil.so')",
        "zeroblob(2000000000)",
        "randomblob(2000000000)",
        "printf('%.*c', 2147483647, 'x')",
        "abs(-9223372036854775808)",
        "no_such_function(1)",
        "sqlite_compileoption_get(0)",
        "fts3_tokenizer('simple')",
    ] {
        cases.push((
            format!("trigger AFTER UPDATE ON plan calling {call}"),
            format!("CREATE TRIGGER calls AFTER UPDATE ON plan BEGIN SELECT {call}; END;"),
            refused,
        ));
    }
    cases.push((
        "trigger with a WHEN clause calling load_extension".into(),
        "CREATE TRIGGER sneaky AFTER INSERT ON edit WHEN load_extension('/tmp/evil.so') IS NULL BEGIN DELETE FROM change; END;".into(),
        refused,
    ));

    // Views, plain and shadowing.
    cases.push((
        "view over plan".into(),
        "CREATE VIEW shadow_plan AS SELECT * FROM plan;".into(),
        refused,
    ));
    cases.push((
        "view that never ends (recursive CTE)".into(),
        "CREATE VIEW boom AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c;".into(),
        refused,
    ));
    cases.push((
        "view calling load_extension".into(),
        "CREATE VIEW ext AS SELECT load_extension('/tmp/evil.so') AS x;".into(),
        refused,
    ));
    cases.push((
        "INSTEAD OF trigger on a view".into(),
        "CREATE VIEW v AS SELECT 1 AS x; CREATE TRIGGER v_ins INSTEAD OF INSERT ON v BEGIN DELETE FROM plan; END;".into(),
        refused,
    ));
    let ws =
        |body: &str| format!("PRAGMA writable_schema = ON; {body} PRAGMA writable_schema = OFF;");
    cases.push((
        "the glossary_term table turned into a view of the same name".into(),
        ws("UPDATE sqlite_schema SET type = 'view', rootpage = 0, sql = 'CREATE VIEW glossary_term AS SELECT * FROM plan' WHERE name = 'glossary_term';"),
        Expect::Refused,
    ));
    cases.push((
        "the plan table turned into a view of the same name, with its index removed".into(),
        ws("DELETE FROM sqlite_schema WHERE tbl_name = 'plan' AND type = 'index'; UPDATE sqlite_schema SET type = 'view', rootpage = 0, sql = 'CREATE VIEW plan AS SELECT ''x'' AS id' WHERE name = 'plan';"),
        Expect::Refused,
    ));
    cases.push((
        "a view named sqlite_stat1".into(),
        ws("INSERT INTO sqlite_schema VALUES ('view', 'sqlite_stat1', 'sqlite_stat1', 0, 'CREATE VIEW sqlite_stat1(tbl, idx, stat) AS SELECT ''plan'', NULL, ''1''');"),
        Expect::Refused,
    ));
    cases.push((
        "a second schema row named plan (a view)".into(),
        ws("INSERT INTO sqlite_schema VALUES ('view', 'plan', 'plan', 0, 'CREATE VIEW plan AS SELECT 1');"),
        Expect::Refused,
    ));
    cases.push((
        "a trigger on a table that does not exist".into(),
        ws("INSERT INTO sqlite_schema VALUES ('trigger', 'ghost', 'nowhere', 0, 'CREATE TRIGGER ghost AFTER INSERT ON nowhere BEGIN DELETE FROM plan; END');"),
        Expect::Refused,
    ));

    // Tables, columns and indexes: refused at the current format; at the next one they are
    // new structure that a read-only open may meet.
    let big = "a".repeat(900_000);
    let bigger = "b".repeat(2_000_000);
    let medium = "m".repeat(500_000);
    cases.push((
        "a table with a 900 kB default".into(),
        format!("CREATE TABLE huge_default (x TEXT DEFAULT '{big}');"),
        refused,
    ));
    cases.push((
        "a table with a 2 MB default (over the SQL length limit)".into(),
        format!("CREATE TABLE huger_default (x TEXT DEFAULT '{bigger}');"),
        refused,
    ));
    cases.push((
        "plan gets a column with a 500 kB default".into(),
        format!("ALTER TABLE plan ADD COLUMN extra TEXT DEFAULT '{medium}';"),
        refused,
    ));
    cases.push((
        "a table whose default is a 1 GB zeroblob".into(),
        "CREATE TABLE zb (x DEFAULT (zeroblob(1000000000)));".into(),
        refused,
    ));
    cases.push((
        "a table whose CHECK calls load_extension".into(),
        format!(
            "CREATE TABLE chk (x CHECK (length(x) < 9)); {}",
            ws("UPDATE sqlite_schema SET sql = 'CREATE TABLE chk (x CHECK (load_extension(''/tmp/evil.so'') IS NULL))' WHERE name = 'chk';")
        ),
        refused,
    ));
    cases.push((
        "action gets a generated column that overflows".into(),
        ws("UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', ', g INTEGER AS (abs(-9223372036854775808))) STRICT') WHERE name = 'action';"),
        Expect::Refused,
    ));
    cases.push((
        "an index on an expression".into(),
        "CREATE INDEX expr_idx ON action (length(title) * 2);".into(),
        refused,
    ));
    cases.push((
        "a partial index".into(),
        "CREATE INDEX partial_idx ON action (title) WHERE status <> 'done';".into(),
        refused,
    ));
    for expr in [
        "load_extension('/tmp/evil.so')",
        "randomblob(8)",
        "no_such_function(title)",
        "abs(-9223372036854775808)",
        "zeroblob(2000000000)",
        "printf('%.*c', 100000000, 'x')",
    ] {
        cases.push((
            format!("an index on action whose expression became {expr}"),
            format!(
                "CREATE INDEX hostile_idx ON action (length(title)); {}",
                ws(&format!("UPDATE sqlite_schema SET sql = 'CREATE INDEX hostile_idx ON action ({})' WHERE name = 'hostile_idx';", expr.replace('\'', "''")))
            ),
            Expect::Refused,
        ));
    }
    cases.push((
        "a partial index whose WHERE calls load_extension".into(),
        format!(
            "CREATE INDEX where_idx ON action (title) WHERE status <> 'x'; {}",
            ws("UPDATE sqlite_schema SET sql = 'CREATE INDEX where_idx ON action (title) WHERE load_extension(''/tmp/evil.so'') IS NULL' WHERE name = 'where_idx';")
        ),
        Expect::Refused,
    ));
    cases.push((
        "sqlite_stat1 with absurd statistics".into(),
        "ANALYZE; UPDATE sqlite_stat1 SET stat = '18446744073709551616 0 99999999999999999999';"
            .into(),
        refused,
    ));
    cases.push((
        "sqlite_stat1 with garbage statistics".into(),
        "ANALYZE; UPDATE sqlite_stat1 SET stat = 'x y z unordered sz=-1 noskipscan';".into(),
        refused,
    ));
    cases.push((
        "an AUTOINCREMENT table at the largest rowid".into(),
        "CREATE TABLE seq (id INTEGER PRIMARY KEY AUTOINCREMENT); INSERT INTO seq VALUES (9223372036854775807);".into(),
        refused,
    ));
    cases.push((
        "a virtual table of a module that does not exist".into(),
        ws("INSERT INTO sqlite_schema VALUES ('table', 'vt', 'vt', 0, 'CREATE VIRTUAL TABLE vt USING no_such_module(x)');"),
        Expect::Refused,
    ));
    cases.push((
        "a virtual table of the fts5 module".into(),
        ws("INSERT INTO sqlite_schema VALUES ('table', 'ft', 'ft', 0, 'CREATE VIRTUAL TABLE ft USING fts5(x)');"),
        Expect::Refused,
    ));
    cases.push((
        "a schema row that is not SQL".into(),
        ws("INSERT INTO sqlite_schema VALUES ('table', 'junk', 'junk', 2, 'CREATE TABLE junk (');"),
        Expect::Refused,
    ));
    cases.push((
        "a table schema row with no SQL".into(),
        ws("INSERT INTO sqlite_schema VALUES ('table', 'nosql', 'nosql', 2, NULL);"),
        Expect::Any,
    ));
    for (label, set) in [
        (
            "whose table name is not UTF-8",
            "tbl_name = CAST(X'C328' AS TEXT)",
        ),
        ("whose name is NULL", "name = NULL"),
        ("whose SQL is a blob", "sql = CAST(sql AS BLOB)"),
        ("whose type is an integer", "type = 7"),
    ] {
        cases.push((
            format!("the aim table's schema row {label}"),
            ws(&format!(
                "UPDATE sqlite_schema SET {set} WHERE name = 'aim';"
            )),
            Expect::Refused,
        ));
    }
    cases.push((
        "plan's NOT NULL constraints removed from its SQL".into(),
        ws("UPDATE sqlite_schema SET sql = replace(sql, 'TEXT NOT NULL', 'TEXT') WHERE name = 'plan';"),
        Expect::Codes("corrupt", "corrupt"),
    ));
    for (label, root) in [
        ("page 1", "1"),
        ("page 99999", "99999"),
        (
            "plan's root page",
            "(SELECT rootpage FROM sqlite_schema WHERE name = 'plan')",
        ),
        ("page -5", "-5"),
        ("NULL", "NULL"),
    ] {
        cases.push((
            format!("the aim table's root page set to {label}"),
            ws(&format!(
                "UPDATE sqlite_schema SET rootpage = {root} WHERE name = 'aim';"
            )),
            Expect::Any,
        ));
    }

    for (label, sql, v1) in cases {
        c.sql(
            f,
            format!("format {FORMAT_VERSION}: {label}"),
            base,
            &sql,
            v1,
        );
        // A newer format may bring new structure, but never code that runs by itself.
        let code = sql.contains("TRIGGER") || sql.contains("VIEW");
        let v2 = if code { v1 } else { Expect::Any };
        c.sql(
            f,
            format!("format {future}: {label}"),
            base,
            &format!("{sql} PRAGMA user_version = {future};"),
            v2,
        );
    }
}

/// Random bytes: with no header, and behind a good Planbook header.
fn garbage(c: &mut Corpus, base: &[u8]) {
    let f = "random_garbage";
    let mut rng = c.rng(f);
    for i in 0..60 {
        let len = match i % 3 {
            0 => rng.below(200),
            1 => rng.below(3 * PAGE),
            _ => PAGE * rng.range(1..5),
        };
        let b = rng.bytes(len);
        c.bytes(
            f,
            format!("{len} random bytes"),
            &b,
            Expect::Both("not_sqlite"),
        );
    }
    for i in 0..100 {
        let pages = rng.range(1..9);
        let mut b = base[..100].to_vec();
        b.extend(rng.bytes(pages * PAGE - 100));
        let fixed = i % 2 == 0;
        if fixed {
            put32(&mut b, 28, pages as u32);
        }
        c.bytes(
            f,
            format!(
                "Planbook header then random bytes, {pages} pages{}",
                if fixed {
                    ", header page count fixed"
                } else {
                    ""
                }
            ),
            &b,
            Expect::Refused,
        );
    }
    for _ in 0..40 {
        let pages = rng.range(2..12);
        let mut b = base[..PAGE].to_vec();
        b.extend(rng.bytes((pages - 1) * PAGE));
        put32(&mut b, 28, pages as u32);
        c.bytes(
            f,
            format!("Planbook page 1 then {} random pages", pages - 1),
            &b,
            Expect::Refused,
        );
    }
}

/// Files that are not workbooks at all, or not of the kind Planbook keeps.
fn foreign(c: &mut Corpus, base: &[u8]) {
    let f = "not_a_workbook";
    let not_sqlite = Expect::Both("not_sqlite");
    c.bytes(f, "an empty file", b"", not_sqlite);
    c.bytes(
        f,
        "a text file",
        "Planbook notes\nIdeas for the plan — ŵ\n".as_bytes(),
        not_sqlite,
    );
    let json = example::content("our-dorset")
        .and_then(|c| c.to_json())
        .expect("the example as JSON");
    c.bytes(f, "a Planbook JSON export", json.as_bytes(), not_sqlite);
    c.bytes(f, "a CSV file", b"code,title\nA1,Walk more\n", not_sqlite);
    c.bytes(
        f,
        "an HTML page",
        b"<!doctype html><title>plan</title>",
        not_sqlite,
    );
    c.bytes(
        f,
        "a zip header",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        not_sqlite,
    );
    c.bytes(f, "99 bytes of a Planbook header", &base[..99], not_sqlite);
    c.bytes(
        f,
        "just the 100-byte header",
        &base[..100],
        Expect::Both("corrupt"),
    );
    c.bytes(f, "just page 1", &base[..PAGE], Expect::Refused);
    let mut zeros = b"SQLite format 3\0".to_vec();
    zeros.resize(PAGE, 0);
    c.bytes(
        f,
        "the SQLite magic then zeros",
        &zeros,
        Expect::Both("not_planbook"),
    );
    let mut big_page = base.to_vec();
    big_page[16..18].copy_from_slice(&[0, 1]);
    c.bytes(
        f,
        "header says 65536-byte pages",
        &big_page,
        Expect::Both("corrupt"),
    );
    c.custom(
        f,
        "a directory",
        |p| fs::create_dir(p).expect("a directory"),
        not_sqlite,
    );
    c.custom(
        f,
        "a plain SQLite database of another program",
        |p| {
            apply_sql(p, "CREATE TABLE t (x); INSERT INTO t VALUES (1);").expect("a plain database")
        },
        Expect::Both("not_planbook"),
    );
    let id = APPLICATION_ID;
    for (label, version, expect) in [
        (
            "an empty database with Planbook's id, format 1",
            1,
            Expect::Both("corrupt"),
        ),
        (
            "an empty database with Planbook's id, format 0",
            0,
            Expect::Both("corrupt"),
        ),
        (
            // A newer format may add to the schema, never take away what this version reads.
            "an empty database with Planbook's id, a newer format",
            FORMAT_VERSION + 1,
            Expect::Both("corrupt"),
        ),
    ] {
        c.custom(
            f,
            label,
            |p| {
                apply_sql(p, &format!("CREATE TABLE t (x); PRAGMA application_id = {id}; PRAGMA user_version = {version};"))
                    .expect("an empty database");
            },
            expect,
        );
    }
    c.sql(
        f,
        "a workbook switched to WAL mode (and closed cleanly)",
        base,
        "PRAGMA journal_mode = WAL;",
        Expect::Both("corrupt"),
    );
    c.custom(
        f,
        "a sparse 513 MiB file with a Planbook header",
        |p| {
            fs::write(p, &base[..PAGE]).expect("a header");
            fs::OpenOptions::new()
                .write(true)
                .open(p)
                .and_then(|file| file.set_len(513 * 1024 * 1024))
                .expect("a sparse file");
        },
        Expect::Both("too_large"),
    );
    special_files(c, base);
}

/// Things at a workbook's path that are not regular files.
fn special_files(c: &mut Corpus, base: &[u8]) {
    let f = "not_a_workbook";
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        c.custom(
            f,
            "a symbolic link to a valid workbook",
            |p| {
                let target = p.with_file_name("target ŵ.sqlite");
                fs::write(&target, base).expect("the target");
                symlink(&target, p).expect("a link");
            },
            Expect::Both("ok"),
        );
        c.custom(
            f,
            "a dangling symbolic link",
            |p| symlink(p.with_file_name("nowhere ŵ.sqlite"), p).expect("a link"),
            Expect::Both("not_found"),
        );
        c.custom(
            f,
            "a symbolic link to itself",
            |p| symlink(p, p).expect("a link"),
            Expect::Refused,
        );
        c.custom(
            f,
            "a unix socket",
            |p| drop(std::os::unix::net::UnixListener::bind(p).expect("a socket")),
            Expect::Refused,
        );
        // A FIFO blocks whoever opens it for reading until someone writes: it must be refused
        // before it is opened.
        let made = std::process::Command::new("mkfifo")
            .arg("--help")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok();
        if made {
            c.custom(
                f,
                "a named pipe (FIFO)",
                |p| {
                    let ok = std::process::Command::new("mkfifo")
                        .arg(p)
                        .status()
                        .is_ok_and(|s| s.success());
                    assert!(ok, "mkfifo made the pipe");
                },
                Expect::Refused,
            );
        }
    }
    let _ = (c, base, f);
}

/// Valid workbooks laid out differently: other page sizes, auto-vacuum, UTF-16, a freelist and
/// overflow pages. They must open; the damaged copies of some are made below.
fn valid_variants(
    c: &mut Corpus,
    base: &[u8],
    roomy: &[u8],
    scratch: &Path,
) -> Vec<(String, Vec<u8>)> {
    let f = "valid_variants";
    let ok = Expect::Both("ok");
    c.bytes(f, "the base workbook", base, ok);
    c.bytes(f, "with overflow pages and a freelist", roomy, ok);
    let mut kept = Vec::new();
    for ps in [512, 1024, 2048, 8192, 16384, 32768, 65536] {
        let b = derive(scratch, base, &format!("PRAGMA page_size = {ps}; VACUUM;"));
        assert_eq!(page_size_of(&b), ps, "VACUUM changed the page size");
        c.bytes(f, format!("page size {ps}"), &b, ok);
        if ps == 512 || ps == 65536 {
            kept.push((format!("page size {ps}"), b));
        }
    }
    for mode in ["FULL", "INCREMENTAL"] {
        let b = derive(
            scratch,
            base,
            &format!("PRAGMA auto_vacuum = {mode}; VACUUM;"),
        );
        c.bytes(f, format!("auto_vacuum {mode}"), &b, ok);
        if mode == "FULL" {
            kept.push(("auto_vacuum FULL".into(), b));
        }
    }
    c.bytes(f, "after VACUUM", &derive(scratch, base, "VACUUM;"), ok);
    for enc in ["UTF-16le", "UTF-16be"] {
        let b = utf16_copy(scratch, base, enc);
        c.bytes(f, format!("encoded {enc}"), &b, Expect::Any);
    }
    kept
}

/// The base rebuilt in a UTF-16 database, with the identical schema text.
fn utf16_copy(scratch: &Path, base: &[u8], encoding: &str) -> Vec<u8> {
    let from = scratch.join("utf16 from ŵ.sqlite");
    let to = scratch.join("utf16 to ŵ.sqlite");
    fs::write(&from, base).expect("a scratch file");
    let _ = fs::remove_file(&to);
    {
        let src = Connection::open(&from).expect("the base");
        let conn = Connection::open(&to).expect("a new database");
        conn.pragma_update(None, "encoding", encoding)
            .expect("the encoding is set");
        let objects: Vec<(String, String, String)> = src
            .prepare(
                "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid",
            )
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect()
            })
            .expect("the schema");
        for (_, _, sql) in &objects {
            conn.execute_batch(sql).expect("a schema object");
        }
        for (kind, name, _) in &objects {
            if kind != "table" {
                continue;
            }
            let mut read = src
                .prepare(&format!("SELECT * FROM \"{name}\""))
                .expect("a select");
            let n = read.column_count();
            let marks = vec!["?"; n].join(", ");
            let mut write = conn
                .prepare(&format!("INSERT INTO \"{name}\" VALUES ({marks})"))
                .expect("an insert");
            let mut rows = read.query([]).expect("rows");
            while let Some(row) = rows.next().expect("a row") {
                let values: Vec<rusqlite::types::Value> =
                    (0..n).map(|i| row.get(i).expect("a value")).collect();
                write
                    .execute(rusqlite::params_from_iter(values))
                    .expect("a row is copied");
            }
        }
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {FORMAT_VERSION};"
        ))
        .expect("identity");
    }
    let bytes = fs::read(&to).expect("the copy");
    let _ = fs::remove_file(&from);
    let _ = fs::remove_file(&to);
    bytes
}

/// Damage to the freelist and to overflow chains, in a workbook that has both.
fn freelist_overflow(c: &mut Corpus, roomy: &[u8]) {
    let f = "freelist_overflow";
    let mut rng = c.rng(f);
    let free = freelist_pages(roomy);
    let overflow = overflow_pages(roomy);
    assert!(free.len() >= 5, "the roomy base has a freelist ({free:?})");
    assert!(
        overflow.len() >= 3,
        "the roomy base has overflow pages ({overflow:?})"
    );
    let pages = roomy.len() / PAGE;
    let trunk = be32(roomy, 32);

    for (what, list) in [("freelist", &free), ("overflow", &overflow)] {
        for i in 0..60 {
            let mut b = roomy.to_vec();
            let pgno = *rng.pick(list);
            let start = (pgno - 1) * PAGE;
            // Half of them in the first 8 bytes: the next-page and count fields.
            let at = start
                + if i % 2 == 0 {
                    rng.below(8)
                } else {
                    rng.below(PAGE)
                };
            let mask = rng.flip();
            b[at] ^= mask;
            c.bytes(
                f,
                format!("{what} page {pgno}, byte {}^{mask:#04x}", at - start),
                &b,
                Expect::Any,
            );
        }
    }
    // Chains that loop or point past the end.
    for (label, at, v) in [
        ("first freelist trunk points to page 1", 32, 1),
        (
            "first freelist trunk points past the end",
            32,
            pages as u32 + 7,
        ),
        ("first freelist trunk is zero but the count is not", 32, 0),
        ("freelist count is huge", 36, u32::MAX),
        ("freelist count is one too many", 36, free.len() as u32 + 1),
        (
            "freelist trunk points to itself",
            (trunk - 1) * PAGE,
            trunk as u32,
        ),
        (
            "freelist trunk claims 10 000 leaves",
            (trunk - 1) * PAGE + 4,
            10_000,
        ),
        (
            "a freelist leaf is page 2 (in use)",
            (trunk - 1) * PAGE + 8,
            2,
        ),
    ] {
        let mut b = roomy.to_vec();
        put32(&mut b, at, v);
        c.bytes(f, label, &b, Expect::Any);
    }
    for &pgno in &overflow {
        for (label, v) in [
            ("itself", pgno as u32),
            ("page 1", 1),
            ("past the end", pages as u32 + 1),
            ("the first overflow page", overflow[0] as u32),
        ] {
            let mut b = roomy.to_vec();
            put32(&mut b, (pgno - 1) * PAGE, v);
            c.bytes(
                f,
                format!("overflow page {pgno} points to {label}"),
                &b,
                Expect::Any,
            );
        }
    }
}

/// Flips in workbooks with other page sizes and with pointer-map pages.
fn other_layouts(c: &mut Corpus, variants: &[(String, Vec<u8>)]) {
    let f = "other_layout_flip";
    let mut rng = c.rng(f);
    for (name, b0) in variants {
        let ps = page_size_of(b0);
        let btree = btree_pages(b0);
        for _ in 0..40 {
            let mut b = b0.clone();
            let pgno = *rng.pick(&btree);
            let ranges = used_ranges(b0, pgno);
            let mut what = Vec::new();
            for _ in 0..rng.range(1..4) {
                let at = random_offset_in(&mut rng, &ranges);
                let mask = rng.flip();
                b[at] ^= mask;
                what.push(format!("{at}^{mask:#04x}"));
            }
            c.bytes(
                f,
                format!("{name}: page {pgno} bytes {}", what.join(" ")),
                &b,
                Expect::Any,
            );
        }
        let pages = b0.len() / ps;
        for _ in 0..10 {
            let mut b = b0.clone();
            let pgno = rng.range(2..pages + 1);
            let at = (pgno - 1) * ps + rng.below(ps);
            b[at] ^= 1 << rng.below(8);
            c.bytes(
                f,
                format!("{name}: a bit at {at} (page {pgno})"),
                &b,
                Expect::Any,
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------

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
