//! Two programs and one workbook: the second is told who has it open and can read it; a
//! marker left by a crashed program does not lock the workbook forever.
//!
//! The other program is this test binary itself, started again to run `holder` only: an
//! ignored test, so it is never counted as passing, and `PLANBOOK_HOLD` names its workbook.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};

use common::{example_at, temp_dir};
use planbook_core::model::{Kind, Priority};
use planbook_core::store::lock;
use planbook_core::{Access, Error, OpenOptions, Workbook};

/// The holder: opens the workbook for editing as "Bob Holder", says READY, then makes one edit
/// per line it reads and says DONE n after each, until its input closes.
///
/// Ignored, so that it is not counted as a passing test: the other tests run it (with
/// `--ignored`) in a second process.
#[test]
#[ignore = "the second program of the other tests, which start it themselves"]
fn holder() {
    let Some(path) = std::env::var_os("PLANBOOK_HOLD") else {
        return;
    };
    let mut opts = OpenOptions::new(Access::Edit);
    opts.user = "Bob Holder".into();
    let mut wb = Workbook::open_with(Path::new(&path), &opts).unwrap();
    println!("READY");
    let stdin = std::io::stdin();
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line.unwrap();
        wb.add(Priority {
            code: format!("B{n}"),
            title: line,
            ..Default::default()
        })
        .unwrap();
        println!("DONE {n}");
    }
}

struct Holder {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<std::process::ChildStdout>,
}

impl Holder {
    fn start(path: &Path) -> Holder {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "holder",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("PLANBOOK_HOLD", path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut h = Holder {
            child,
            stdin,
            stdout,
        };
        h.wait_for("READY");
        h
    }

    fn wait_for(&mut self, word: &str) {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(
                self.stdout.read_line(&mut line).unwrap() > 0,
                "the holder ended before saying {word}"
            );
            // The test harness may print "test holder ... " before our word on the same line.
            if line.trim_end().ends_with(word) {
                return;
            }
        }
    }

    fn edit(&mut self, title: &str, n: usize) {
        writeln!(self.stdin.as_mut().unwrap(), "{title}").unwrap();
        self.wait_for(&format!("DONE {n}"));
    }

    fn finish(mut self) {
        drop(self.stdin.take());
        assert!(self.child.wait().unwrap().success());
    }
}

#[test]
fn a_second_program_is_told_who_has_it_and_can_read_it() {
    let dir = temp_dir();
    let (path, wb) = example_at(dir.path(), "shared plan ŷ.sqlite");
    drop(wb);
    let mut holder = Holder::start(&path);

    match Workbook::open(&path, Access::Edit).unwrap_err() {
        Error::InUse { holder, since, .. } => {
            assert_eq!(holder, format!("Bob Holder on {}", lock::host_name()));
            assert!(
                since.contains(&chrono::Utc::now().format("%Y").to_string()),
                "{since}"
            );
            let err = Error::InUse {
                path: path.clone(),
                holder,
                since,
            };
            assert!(
                err.to_string()
                    .contains("is open for editing by Bob Holder")
            );
            assert!(
                err.hint_for(planbook_core::Surface::Cli)
                    .contains("read-only")
            );
        }
        other => panic!("expected InUse, got {other:?}"),
    }

    // Read while the holder keeps editing: every read sees a complete state.
    let reader = Workbook::open(&path, Access::ReadOnly).unwrap();
    for n in 0..40 {
        holder.edit(&format!("Added by Bob {n}"), n);
        let count = reader.count(Kind::Priority).unwrap();
        assert_eq!(count, 6 + n as i64 + 1);
        assert!(reader.content().is_ok());
    }
    drop(reader);
    holder.finish();

    let wb = Workbook::open(&path, Access::Edit).unwrap();
    assert!(wb.integrity_check().unwrap().is_empty());
    assert_eq!(wb.count(Kind::Priority).unwrap(), 46);
    assert_eq!(wb.history(100).unwrap().len(), 40);
    assert!(wb.history(1).unwrap()[0].who == "Bob Holder");
    drop(wb);
    assert!(
        !lock::marker_path(&path).exists(),
        "the marker goes when the last editor closes"
    );
}

#[test]
fn a_marker_left_by_a_crashed_program_does_not_lock_the_workbook() {
    let dir = temp_dir();
    let (path, wb) = example_at(dir.path(), "crashed.sqlite");
    drop(wb);
    let mut holder = Holder::start(&path);
    holder.edit("Saved before the crash", 0);
    holder.child.kill().unwrap(); // SIGKILL: no chance to clean up
    holder.child.wait().unwrap();
    assert!(
        lock::marker_path(&path).exists(),
        "the crashed program left its marker behind"
    );

    let mut wb =
        Workbook::open(&path, Access::Edit).expect("a stale marker does not block editing");
    assert!(wb.integrity_check().unwrap().is_empty());
    assert!(
        wb.list::<Priority>()
            .unwrap()
            .iter()
            .any(|p| p.title == "Saved before the crash")
    );
    wb.add(Priority {
        title: "After the crash".into(),
        ..Default::default()
    })
    .unwrap();
}

#[test]
fn the_same_program_cannot_open_a_workbook_twice_for_editing() {
    let dir = temp_dir();
    let (path, _wb) = example_at(dir.path(), "plan.sqlite");
    assert_eq!(
        Workbook::open(&path, Access::Edit).unwrap_err().code(),
        "in_use"
    );
    assert!(Workbook::open(&path, Access::ReadOnly).is_ok());
}
