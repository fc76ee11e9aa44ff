//! Generators that change what the file says about itself: application ids, format versions, hostile schema objects.

use crate::*;

/// A valid workbook with another program's application id, set in the header bytes and with
/// `PRAGMA application_id`.
pub(crate) fn application_ids(c: &mut Corpus, base: &[u8]) {
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
pub(crate) fn user_versions(c: &mut Corpus, base: &[u8]) {
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
pub(crate) fn hostile_schema(c: &mut Corpus, base: &[u8]) {
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
