//! `cargo bench -p planbook-core --bench sheets`: how long a spreadsheet export and import
//! take for generated workbooks of 1,000 and 10,000 actions: exporting the tracker (.xlsx),
//! working out the import of that tracker into a new workbook (reading, finding the table,
//! every row's plan) and applying it as one edit, and working out a returned tracker that
//! changes nothing. Peak memory is the process's high-water mark (VmHWM on Linux) after
//! each size, so it only grows. Prints a table; asserts nothing.

use std::time::Instant;

use planbook_core::sheet::{self, Mapping};
use planbook_core::{Start, Workbook, generate};

fn peak_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or_else(|| "?".into(), |kb| (kb / 1024).to_string())
}

fn main() {
    println!(
        "{:>8} {:>10} {:>10} {:>10} {:>12} {:>8}",
        "actions", "export ms", "plan ms", "apply ms", "re-plan ms", "peak MB"
    );
    for n in [1_000usize, 10_000] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let content = generate::content(n, 1).expect("generate");
        let xlsx = dir.path().join("tracker.xlsx");
        let t = Instant::now();
        sheet::export(&content, &xlsx, None).expect("export");
        let export = t.elapsed();

        let mut wb = Workbook::create(
            &dir.path().join("new.sqlite"),
            Start::Blank {
                title: "Imported".into(),
            },
        )
        .expect("create");
        let t = Instant::now();
        let empty = wb.content().expect("content");
        let plan = sheet::prepare(&xlsx, None, &Mapping::default(), &empty).expect("plan");
        let planned = t.elapsed();
        let t = Instant::now();
        sheet::apply(&mut wb, &plan).expect("apply");
        let applied = t.elapsed();

        let t = Instant::now();
        let now = wb.content().expect("content");
        let again = sheet::prepare(&xlsx, None, &Mapping::default(), &now).expect("plan");
        let replanned = t.elapsed();
        assert_eq!(
            again.unchanged(),
            n,
            "a tracker brought back unchanged changes nothing"
        );
        println!(
            "{n:>8} {:>10.0} {:>10.0} {:>10.0} {:>12.0} {:>8}",
            export.as_secs_f64() * 1e3,
            planned.as_secs_f64() * 1e3,
            applied.as_secs_f64() * 1e3,
            replanned.as_secs_f64() * 1e3,
            peak_mb()
        );
    }
}
