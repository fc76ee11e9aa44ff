//! Generators of other files: garbage, foreign files, special files, and valid variants of other layouts.

use crate::*;

/// Random bytes: with no header, and behind a good Planbook header.
pub(crate) fn garbage(c: &mut Corpus, base: &[u8]) {
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
pub(crate) fn foreign(c: &mut Corpus, base: &[u8]) {
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
pub(crate) fn special_files(c: &mut Corpus, base: &[u8]) {
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

/// One valid workbook laid out differently.
pub(crate) struct Layout {
    pub(crate) label: String,
    pub(crate) bytes: Vec<u8>,
    pub(crate) expect: Expect,
    /// Whether `other_layouts` makes damaged copies of it.
    pub(crate) damaged_too: bool,
}

/// Valid workbooks laid out differently: other page sizes, auto-vacuum, UTF-16, a freelist and
/// overflow pages. They must open; damaged copies of some are made by `other_layouts`.
pub(crate) fn layouts(base: &[u8], roomy: &[u8], scratch: &Path) -> Vec<Layout> {
    let ok = Expect::Both("ok");
    let layout = |label: String, bytes: Vec<u8>, expect, damaged_too| Layout {
        label,
        bytes,
        expect,
        damaged_too,
    };
    let mut out = vec![
        layout("the base workbook".into(), base.to_vec(), ok, false),
        layout(
            "with overflow pages and a freelist".into(),
            roomy.to_vec(),
            ok,
            false,
        ),
    ];
    for ps in [512, 1024, 2048, 8192, 16384, 32768, 65536] {
        let b = derive(scratch, base, &format!("PRAGMA page_size = {ps}; VACUUM;"));
        assert_eq!(page_size_of(&b), ps, "VACUUM changed the page size");
        out.push(layout(
            format!("page size {ps}"),
            b,
            ok,
            ps == 512 || ps == 65536,
        ));
    }
    for mode in ["FULL", "INCREMENTAL"] {
        let b = derive(
            scratch,
            base,
            &format!("PRAGMA auto_vacuum = {mode}; VACUUM;"),
        );
        out.push(layout(format!("auto_vacuum {mode}"), b, ok, mode == "FULL"));
    }
    out.push(layout(
        "after VACUUM".into(),
        derive(scratch, base, "VACUUM;"),
        ok,
        false,
    ));
    for enc in ["UTF-16le", "UTF-16be"] {
        let b = utf16_copy(scratch, base, enc);
        out.push(layout(format!("encoded {enc}"), b, Expect::Any, false));
    }
    out
}

/// Every valid layout opens.
pub(crate) fn valid_variants(c: &mut Corpus, layouts: &[Layout]) {
    for l in layouts {
        c.bytes("valid_variants", l.label.clone(), &l.bytes, l.expect);
    }
}

/// The base rebuilt in a UTF-16 database, with the identical schema text.
pub(crate) fn utf16_copy(scratch: &Path, base: &[u8], encoding: &str) -> Vec<u8> {
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
pub(crate) fn freelist_overflow(c: &mut Corpus, roomy: &[u8]) {
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
pub(crate) fn other_layouts(c: &mut Corpus, variants: &[(String, Vec<u8>)]) {
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
