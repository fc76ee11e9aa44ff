//! What differs by operating system in how Planbook is installed, checked on every test run:
//! a polite file association on each system (an "Open with" choice for `.sqlite` files, never
//! the default program for every SQLite file), and the installers the workflow for the public
//! repository builds. Where this machine has the real tools (shared-mime-info and GIO on
//! Linux), the Linux association is also tried for real.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::process::Command;

mod repository;
use repository::{json, read, root};

const MIME_TYPE: &str = "application/vnd.planbook.workbook+sqlite3";

#[test]
fn macos_lists_planbook_as_an_alternate_handler_of_sqlite_files() {
    let association = &json("tauri.conf.json")["bundle"]["fileAssociations"][0];
    assert_eq!(association["ext"], serde_json::json!(["sqlite"]));
    // LSHandlerRank Alternate: in Finder's "Open With", never the default.
    assert_eq!(association["rank"], "Alternate");
    assert_eq!(association["role"], "Editor");
}

#[test]
fn windows_registers_open_with_only_and_never_the_default_program() {
    let windows = json("tauri.windows.conf.json");
    // Tauri's own association would set .sqlite's default program (HKCR\.sqlite's default
    // value), so it is switched off for Windows and replaced by the installers' own entries.
    assert_eq!(windows["bundle"]["fileAssociations"], serde_json::json!([]));
    let nsis = &windows["bundle"]["windows"]["nsis"];
    let hooks = read(nsis["installerHooks"].as_str().unwrap());
    assert!(hooks.contains(
        r#"WriteRegStr SHCTX "Software\Classes\.sqlite\OpenWithProgids" "${PLANBOOK_PROGID}" """#
    ));
    assert!(hooks.contains(r#"DeleteRegValue SHCTX "Software\Classes\.sqlite\OpenWithProgids""#));
    assert!(
        !hooks.contains(r#"Software\Classes\.sqlite" """#),
        "the NSIS hooks must not write .sqlite's default value"
    );
    let wix = &windows["bundle"]["windows"]["wix"];
    let fragment = read(wix["fragmentPaths"][0].as_str().unwrap());
    assert_eq!(
        wix["componentRefs"],
        serde_json::json!(["PlanbookOpenWith"])
    );
    assert!(fragment.contains(r#"<Component Id="PlanbookOpenWith""#));
    assert!(
        fragment
            .contains(r#"Key="Software\Classes\.sqlite\OpenWithProgids" Name="Planbook.Workbook""#)
    );
    assert!(!fragment.contains(r#"Key="Software\Classes\.sqlite" "#));
    // The program the entries start is the one the installers install.
    assert!(fragment.contains(&format!(
        "{}.exe",
        json("tauri.conf.json")["mainBinaryName"].as_str().unwrap()
    )));
}

#[test]
fn linux_claims_only_planbook_workbooks_through_a_mime_type_of_its_own() {
    let linux = json("tauri.linux.conf.json");
    let association = &linux["bundle"]["fileAssociations"][0];
    assert_eq!(association["mimeType"], MIME_TYPE);
    let xml = read("src-tauri/linux/planbook-workbook.xml");
    assert!(xml.contains(&format!(r#"<mime-type type="{MIME_TYPE}">"#)));
    assert!(xml.contains(r#"<sub-class-of type="application/vnd.sqlite3"/>"#));
    assert!(!xml.contains("<glob"), "no glob: *.sqlite stays SQLite's");
    // The magic is Planbook's application id, as core writes it.
    let id = planbook_core::store::schema::APPLICATION_ID.to_be_bytes();
    assert!(xml.contains(&format!(
        r#"value="{}" offset="68""#,
        String::from_utf8(id.to_vec()).unwrap()
    )));
    for package in ["deb", "rpm"] {
        assert_eq!(
            linux["bundle"]["linux"][package]["files"]["/usr/share/mime/packages/planbook-workbook.xml"],
            "src-tauri/linux/planbook-workbook.xml"
        );
    }
}

#[test]
fn the_installers_are_made_for_every_system() {
    let targets = &json("tauri.conf.json")["bundle"]["targets"];
    for target in ["deb", "rpm", "appimage", "nsis", "msi", "app", "dmg"] {
        assert!(
            targets.as_array().unwrap().iter().any(|t| t == target),
            "{target}"
        );
    }
    let workflow = read(".github/workflows/ci.yml");
    for runner in ["windows-latest", "macos-latest", "ubuntu-latest"] {
        assert!(workflow.contains(runner), "the workflow runs on {runner}");
    }
}

/// Runs shared-mime-info and GIO, as a Linux desktop does, on a Planbook workbook and on
/// another SQLite file. Skipped (with a word) where they are not installed.
#[test]
fn on_a_linux_desktop_only_planbook_workbooks_get_planbook_s_type() {
    let have = |tool: &str| Command::new(tool).arg("--version").output().is_ok();
    if !cfg!(target_os = "linux") || !have("update-mime-database") || !have("gio") {
        eprintln!("SKIPPED: needs shared-mime-info and gio (Linux)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let packages = dir.path().join("mime/packages");
    std::fs::create_dir_all(&packages).unwrap();
    std::fs::copy(
        root().join("src-tauri/linux/planbook-workbook.xml"),
        packages.join("planbook-workbook.xml"),
    )
    .unwrap();
    let done = Command::new("update-mime-database")
        .arg(dir.path().join("mime"))
        .output()
        .unwrap();
    assert!(done.status.success(), "{done:?}");

    let workbook = dir.path().join("plan.sqlite");
    drop(
        planbook_core::Workbook::create(
            &workbook,
            planbook_core::Start::Blank {
                title: "Our plan".into(),
            },
        )
        .unwrap(),
    );
    let other = dir.path().join("other.sqlite");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(conn);

    let content_type = |path: &std::path::Path| {
        let out = Command::new("gio")
            .args(["info", "-a", "standard::content-type"])
            .arg(path)
            .env(
                "XDG_DATA_DIRS",
                format!("{}:/usr/share", dir.path().display()),
            )
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(content_type(&workbook).contains(MIME_TYPE));
    let generic = content_type(&other);
    assert!(
        generic.contains("application/vnd.sqlite3") && !generic.contains("planbook"),
        "{generic}"
    );
}

/// The first window, with a title bar (about 32 px on Windows, 28 on macOS) and a taskbar or
/// menu bar (up to 48 px), fits the smallest screen planners use: 1280×800.
#[test]
fn the_first_window_fits_a_1280_by_800_screen_with_its_title_bar() {
    let conf = json("tauri.conf.json");
    let window = &conf["app"]["windows"][0];
    let (width, height) = (
        window["width"].as_f64().unwrap(),
        window["height"].as_f64().unwrap(),
    );
    assert!(width <= 1280.0, "{width}");
    assert!(height + 32.0 + 48.0 <= 800.0, "{height}");
    assert!(window["minHeight"].as_f64().unwrap() <= height);
}
