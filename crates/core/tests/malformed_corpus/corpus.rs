//! The corpus runner: each generator hands it files, one at a time; it tests each at once.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::*;

#[derive(Default)]
pub(crate) struct FamilyStats {
    pub(crate) files: usize,
    /// Making, opening, checking and removing this family's files.
    pub(crate) time: Duration,
    pub(crate) edit: BTreeMap<&'static str, usize>,
    pub(crate) read_only: BTreeMap<&'static str, usize>,
}

pub(crate) struct Corpus {
    pub(crate) root: PathBuf,
    pub(crate) failures_dir: PathBuf,
    pub(crate) today: NaiveDate,
    pub(crate) seed: u64,
    pub(crate) next: usize,
    pub(crate) families: Vec<(&'static str, FamilyStats)>,
    pub(crate) edit_codes: BTreeMap<&'static str, usize>,
    pub(crate) read_only_codes: BTreeMap<&'static str, usize>,
    pub(crate) read_errors: BTreeMap<(&'static str, &'static str), (usize, String)>,
    pub(crate) integrity_fault_files: Vec<String>,
    pub(crate) untyped_reads: Vec<String>,
    pub(crate) panics: Vec<String>,
    pub(crate) hangs: Vec<String>,
    pub(crate) changed: Vec<String>,
    pub(crate) leftovers: Vec<String>,
    pub(crate) untyped_open: Vec<String>,
    pub(crate) io_open: Vec<String>,
    pub(crate) unexpected: Vec<String>,
    pub(crate) slowest: (Duration, String),
    pub(crate) probing: Duration,
    pub(crate) slot_started: Instant,
    /// Only families whose name contains this (`PLANBOOK_CORPUS_ONLY`), for working on one.
    pub(crate) only: Option<String>,
}

impl Corpus {
    /// A corpus for one test; the files that break a rule are kept under the test's name.
    pub(crate) fn new(root: PathBuf, seed: u64, test: &str) -> Corpus {
        Corpus {
            failures_dir: PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
                .join("malformed-corpus-failures")
                .join(test),
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
    pub(crate) fn rng(&self, family: &str) -> Rng {
        Rng::new(self.seed ^ fnv1a(family.as_bytes()))
    }

    pub(crate) fn skip(&self, family: &str) -> bool {
        self.only
            .as_deref()
            .is_some_and(|only| !family.contains(only))
    }

    /// A fresh folder for the next file, and the file's path in it.
    pub(crate) fn slot(&mut self, family: &'static str) -> (PathBuf, PathBuf) {
        self.next += 1;
        self.slot_started = Instant::now();
        let dir = self.root.join(format!("{:05}", self.next));
        fs::create_dir(&dir).expect("a slot folder");
        let path = dir.join(format!("{:05} {family} ŵ.sqlite", self.next));
        (dir, path)
    }

    /// A file with these bytes.
    pub(crate) fn bytes(
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
    pub(crate) fn sql(
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
    pub(crate) fn custom(
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

    pub(crate) fn stats(&mut self, family: &'static str) -> &mut FamilyStats {
        if let Some(i) = self.families.iter().position(|(f, _)| *f == family) {
            &mut self.families[i].1
        } else {
            self.families.push((family, FamilyStats::default()));
            &mut self.families.last_mut().expect("just pushed").1
        }
    }

    pub(crate) fn keep(&self, path: &Path, why: &str) {
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

    pub(crate) fn run(
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
    pub(crate) fn finish(
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

    pub(crate) fn report(&self, took: Duration) -> String {
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
        list(
            &format!("hangs (over {} s)", DEADLINE.as_secs()),
            &self.hangs,
        );
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

pub(crate) fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

pub(crate) fn apply_sql(path: &Path, sql: &str) -> rusqlite::Result<()> {
    let conn = Connection::open(path)?;
    // Making the corpus needs no durability; without it, fsync dominates the test's time.
    conn.pragma_update(None, "synchronous", "OFF")?;
    conn.execute_batch(sql)?;
    conn.close().map_err(|(_, e)| e)
}

/// The bytes of `base` after `sql`, made in a scratch file.
pub(crate) fn derive(scratch: &Path, base: &[u8], sql: &str) -> Vec<u8> {
    let path = scratch.join("derived ŵ.sqlite");
    fs::write(&path, base).expect("a scratch file");
    apply_sql(&path, sql).unwrap_or_else(|e| panic!("deriving a base: {e}\n{sql}"));
    let bytes = fs::read(&path).expect("the derived file");
    fs::remove_file(&path).expect("the scratch file is removed");
    bytes
}

/// The corpus folder: its path has a space and a non-ASCII letter; removed at the end.
pub(crate) struct TempRoot(pub(crate) PathBuf);

impl TempRoot {
    pub(crate) fn new() -> TempRoot {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        // Tests run in parallel in one process: the counter keeps their folders apart.
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "planbook corpus ŵ dir {} {nanos} {}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
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
