//! End-to-end tests: the real desktop app, driven through WebDriver, on a virtual display.
//!
//! Each test starts its own Xvfb (on a free display number) and `tauri-driver` (on free
//! ports; it starts WebKitWebDriver, which starts the app), and stops them afterwards:
//! tauri-driver with SIGTERM, never SIGKILL, or its WebKitWebDriver child would keep running
//! and hold the output pipe (see ../shared/TAURI-NOTES.md). The tests run one at a time.
//!
//! The app's file dialogs are answered from a script (`PLANBOOK_TEST_DIALOG_SCRIPT`, see
//! src-tauri/src/dialogs.rs) and its recent list lives in a temporary `XDG_DATA_HOME`, so a
//! run never touches the real user's files.
//!
//! On Linux every tool must be present (scripts/dev test installs them): a missing one fails
//! with a message saying how to install it. On other systems the tests are skipped, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use planbook_core::model::Kind;
use planbook_core::{Start, Workbook, example};
use serde_json::{Value, json};

const APP: &str = env!("CARGO_BIN_EXE_planbook-app");

/// One test at a time: each runs a whole desktop app, and the machine may have two cores.
static SERIAL: Mutex<()> = Mutex::new(());

/// How long to wait for something to appear in the window.
const PATIENCE: Duration = Duration::from_secs(15);

// ---------------------------------------------------------------------------------------
// The environment: a display, a driver, a scratch folder.

/// A running Xvfb and tauri-driver, and a scratch folder, all removed when dropped.
struct Desktop {
    display: u32,
    xvfb: Child,
    driver: Child,
    port: u16,
    dir: tempfile::TempDir,
    _serial: std::sync::MutexGuard<'static, ()>,
}

/// Returns `None` (after saying so) when end-to-end tests cannot run on this system.
fn desktop() -> Option<Desktop> {
    if !cfg!(target_os = "linux") {
        eprintln!(
            "\n**********************************************************************\n\
             SKIPPED: the end-to-end tests drive the app through WebKitWebDriver under\n\
             Xvfb, which exist only on Linux. Run them on Linux (scripts/dev test).\n\
             **********************************************************************\n"
        );
        return None;
    }
    let serial = SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let xvfb_bin = tool("Xvfb", "the xvfb package (apt-get install xvfb)");
    let driver_bin = tool(
        "tauri-driver",
        "cargo install tauri-driver --locked --version 2.1.0",
    );
    tool(
        "WebKitWebDriver",
        "the webkit2gtk-driver package (apt-get install webkit2gtk-driver)",
    );
    let dir = tempfile::Builder::new()
        .prefix("planbook e2e ")
        .tempdir()
        .unwrap();

    let (display, xvfb) = start_xvfb(&xvfb_bin);
    let port = free_port();
    let native_port = free_port();
    let script = dir.path().join("dialog answers");
    std::fs::write(&script, "").unwrap();
    let driver = Command::new(driver_bin)
        .args(["--port", &port.to_string()])
        .args(["--native-port", &native_port.to_string()])
        .env("DISPLAY", format!(":{display}"))
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("PLANBOOK_TEST_DIALOG_SCRIPT", &script)
        // Keep accessibility bus warnings out of the output.
        .env("NO_AT_BRIDGE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start tauri-driver");
    let desktop = Desktop {
        display,
        xvfb,
        driver,
        port,
        dir,
        _serial: serial,
    };
    wait_for(Duration::from_secs(20), "tauri-driver to listen", || {
        TcpStream::connect(("127.0.0.1", port)).ok()
    });
    Some(desktop)
}

impl Desktop {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Adds answers for the app's next dialogs (see src-tauri/src/dialogs.rs).
    fn answer(&self, line: &str) {
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(self.path("dialog answers"))
            .unwrap();
        writeln!(file, "{line}").unwrap();
    }

    /// Presses keys (xdotool's names, such as `ctrl+shift+n`) on the display, as a person
    /// would: the way to reach the native menu's accelerators, which WebDriver cannot.
    fn press(&self, keys: &str) {
        let xdotool = tool("xdotool", "the xdotool package (apt-get install xdotool)");
        // Without a window manager, the keyboard goes to the window under the pointer.
        for args in [
            vec!["mousemove", "640", "60"],
            vec!["key", "--clearmodifiers", keys],
        ] {
            let status = Command::new(&xdotool)
                .args(&args)
                .env("DISPLAY", format!(":{}", self.display))
                .status()
                .expect("run xdotool");
            assert!(status.success(), "xdotool {args:?} failed");
        }
    }

    /// Starts the app (with these command-line arguments) in a new WebDriver session.
    fn launch(&self, args: &[&Path]) -> Session {
        let args: Vec<String> = args.iter().map(|p| p.display().to_string()).collect();
        let mut client = Client::connect(self.port);
        let reply = client.send(
            "POST",
            "/session",
            Some(json!({
                "capabilities": { "alwaysMatch": { "tauri:options": {
                    "application": APP,
                    "args": args,
                } } }
            })),
        );
        let id = reply["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {reply}"))
            .to_owned();
        let session = Session {
            client: client.into(),
            id,
        };
        // The window's first content is "Opening…" until the UI has asked the shell.
        session.wait_for_css("main.app-workbook, main[aria-busy='false']");
        session
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        terminate(&mut self.driver);
        terminate(&mut self.xvfb);
    }
}

/// SIGTERM, then wait. (Rust's `Child::kill` sends SIGKILL, which leaves tauri-driver's
/// WebKitWebDriver running.)
fn terminate(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    eprintln!("process {} did not stop on SIGTERM; killing it", child.id());
    let _ = child.kill();
    let _ = child.wait();
}

/// The path of a tool, or a failure saying how to install it.
fn tool(name: &str, install: &str) -> PathBuf {
    let mut places: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        places.push(PathBuf::from(home).join(".cargo/bin"));
    }
    places
        .into_iter()
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "The end-to-end tests need {name}, which is not installed. \
                 Install it with {install}, or run scripts/dev test, which installs everything."
            )
        })
}

fn start_xvfb(bin: &Path) -> (u32, Child) {
    for display in 90..190 {
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{display}"));
        let lock = PathBuf::from(format!("/tmp/.X{display}-lock"));
        if socket.exists() || lock.exists() {
            continue;
        }
        let mut child = Command::new(bin)
            .arg(format!(":{display}"))
            .args(["-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if socket.exists() {
                return (display, child);
            }
            if let Ok(Some(_)) = child.try_wait() {
                break; // Another server took this number first: try the next.
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        terminate(&mut child);
    }
    panic!("Xvfb could not start on any display from :90 to :189");
}

fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for<T>(patience: Duration, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + patience;
    loop {
        if let Some(v) = f() {
            return v;
        }
        if Instant::now() > deadline {
            panic!("gave up waiting for {what}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

// ---------------------------------------------------------------------------------------
// A small blocking WebDriver client over one keep-alive HTTP/1.1 connection.

struct Client {
    port: u16,
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Client {
    fn connect(port: u16) -> Client {
        let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to tauri-driver");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let writer = stream.try_clone().unwrap();
        Client {
            port,
            reader: BufReader::new(stream),
            writer,
        }
    }

    fn send(&mut self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_send(method, path, body)
            .unwrap_or_else(|failure| panic!("{failure}"))
    }

    /// Sends a request; a WebDriver error (such as a stale element) is an `Err` with its text.
    fn try_send(&mut self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: keep-alive\r\n\
             Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
            self.port,
            body.len()
        );
        self.writer.write_all(request.as_bytes()).unwrap();
        let mut status = String::new();
        self.reader.read_line(&mut status).unwrap();
        let mut length = None;
        let mut chunked = false;
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').unwrap_or((line, ""));
            match name.trim().to_ascii_lowercase().as_str() {
                "content-length" => length = value.trim().parse::<usize>().ok(),
                "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
                _ => {}
            }
        }
        let mut bytes = Vec::new();
        if chunked {
            loop {
                let mut size = String::new();
                self.reader.read_line(&mut size).unwrap();
                let size = usize::from_str_radix(size.trim(), 16).unwrap();
                let mut chunk = vec![0; size + 2];
                self.reader.read_exact(&mut chunk).unwrap();
                if size == 0 {
                    break;
                }
                bytes.extend_from_slice(&chunk[..size]);
            }
        } else if let Some(n) = length {
            bytes.resize(n, 0);
            self.reader.read_exact(&mut bytes).unwrap();
        }
        let value: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        if !status.contains(" 200 ") {
            return Err(format!(
                "WebDriver {method} {path} failed: {} {value}",
                status.trim()
            ));
        }
        Ok(value)
    }
}

/// One running app.
struct Session {
    client: std::cell::RefCell<Client>,
    id: String,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Session {
    /// Like [`wait_for`], but a timeout also shows what the window shows, to see why.
    fn wait<T>(&self, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(v) = f() {
                return v;
            }
            if Instant::now() > deadline {
                let shown = self.js("return document.body.innerText;");
                let shown: String = shown
                    .as_str()
                    .unwrap_or_default()
                    .chars()
                    .take(3000)
                    .collect();
                panic!("gave up waiting for {what}; the window shows:\n{shown}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_call(method, path, body)
            .unwrap_or_else(|failure| panic!("{failure}"))
    }

    fn try_call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let path = format!("/session/{}{path}", self.id);
        Ok(self.client.borrow_mut().try_send(method, &path, body)?["value"].take())
    }

    /// Runs JavaScript in the window and returns its result.
    fn js(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    fn all(&self, css: &str) -> Vec<String> {
        let found = self.call(
            "POST",
            "/elements",
            Some(json!({ "using": "css selector", "value": css })),
        );
        found
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|e| e[ELEMENT].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn wait_for_css(&self, css: &str) -> String {
        self.wait(css, || self.all(css).into_iter().next())
    }

    /// The first element with this `data-testid`, once there is one.
    fn get(&self, testid: &str) -> String {
        self.wait_for_css(&format!("[data-testid='{testid}']"))
    }

    /// Clicks as a person would, after scrolling the element to the middle of the window (so
    /// the sticky header never covers it).
    fn click(&self, element: &str) {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({
                "script": "arguments[0].scrollIntoView({ block: 'center' }); return null;",
                "args": [{ ELEMENT: element }],
            })),
        );
        self.call(
            "POST",
            &format!("/element/{element}/click"),
            Some(json!({})),
        );
    }

    fn click_testid(&self, testid: &str) {
        let element = self.get(testid);
        self.click(&element);
    }

    /// Types into an element as a person would (a Tab at the end leaves the field, which is
    /// when the window saves it).
    fn type_into(&self, element: &str, text: &str) {
        self.call(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        );
    }

    /// The element's text as the window renders it (`innerText`), or `None` if it has gone
    /// (the window re-rendered). WebKitWebDriver's own "element text" came back empty for
    /// visible elements here, so it is read by script.
    fn try_text(&self, element: &str) -> Option<String> {
        self.try_call(
            "POST",
            "/execute/sync",
            Some(json!({
                "script": "return arguments[0].innerText;",
                "args": [{ ELEMENT: element }],
            })),
        )
        .ok()?
        .as_str()
        .map(str::to_owned)
    }

    /// The value of a field, or `None` if it has gone.
    fn try_value(&self, element: &str) -> Option<String> {
        self.try_call("GET", &format!("/element/{element}/property/value"), None)
            .ok()?
            .as_str()
            .map(str::to_owned)
    }

    fn value(&self, element: &str) -> String {
        self.try_value(element).expect("the field is still there")
    }

    fn attribute(&self, element: &str, name: &str) -> Option<String> {
        self.call("GET", &format!("/element/{element}/attribute/{name}"), None)
            .as_str()
            .map(str::to_owned)
    }

    /// Waits for an element with this `data-testid` whose value is empty: the field of an
    /// item just added.
    fn wait_empty_field(&self, testid: &str) -> String {
        self.wait(&format!("an empty {testid}"), || {
            self.all(&format!("[data-testid='{testid}']"))
                .into_iter()
                .find(|e| self.try_value(e).is_some_and(|v| v.is_empty()))
        })
    }

    /// Waits until the element with this `data-testid` has a value for which `ok` holds.
    fn wait_value(&self, testid: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait(&format!("the value of {testid}"), || {
            let element = self
                .all(&format!("[data-testid='{testid}']"))
                .into_iter()
                .next()?;
            let value = self.try_value(&element)?;
            ok(&value).then_some(value)
        })
    }

    /// Waits until the Undo button offers to undo an edit whose label contains `label`:
    /// the edit has been saved.
    fn wait_undo_offers(&self, label: &str) {
        self.wait(&format!("Undo to offer “{label}”"), || {
            let button = self.all("[data-testid='undo-button']").into_iter().next()?;
            self.attribute(&button, "title")?
                .contains(label)
                .then_some(())
        });
    }

    /// Types into a link picker and picks the first item offered.
    fn pick(&self, testid: &str, words: &str, chosen: &str) {
        let input = self.get(testid);
        self.type_into(&input, words);
        self.wait_for_css(&format!("[data-testid='{testid}-option']"));
        self.type_into(&input, ENTER);
        self.wait_text(&format!("{testid}-chosen"), |t| t.contains(chosen));
    }

    /// Waits until the element with this `data-testid` shows text for which `ok` holds.
    fn wait_text(&self, testid: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait(&format!("the text of {testid}"), || {
            let element = self
                .all(&format!("[data-testid='{testid}']"))
                .into_iter()
                .next()?;
            let text = self.try_text(&element)?;
            ok(&text).then_some(text)
        })
    }

    /// Waits until the window's visible text contains `wanted`.
    fn wait_page_text(&self, wanted: &str) {
        self.wait(&format!("“{wanted}” in the window"), || {
            let text = self.js("return document.body.innerText;");
            text.as_str()?.contains(wanted).then_some(())
        });
    }

    /// Ends the session: WebKitWebDriver closes the app.
    fn quit(self) {
        let id = self.id.clone();
        self.client
            .borrow_mut()
            .send("DELETE", &format!("/session/{id}"), None);
    }
}

// ---------------------------------------------------------------------------------------
// Scenarios.

/// The Tab key, as WebDriver spells it.
const TAB: &str = "\u{E004}";
/// The Enter key.
const ENTER: &str = "\u{E007}";

#[test]
fn e2e_start_screen_and_the_window_is_locked_down() {
    let Some(desktop) = desktop() else { return };
    let app = desktop.launch(&[]);
    app.get("start-new-example");
    app.get("start-open");
    // No Tauri global, a frozen prototype, and no eval (CSP without unsafe-eval).
    assert_eq!(
        app.js("return typeof window.__TAURI__;"),
        json!("undefined")
    );
    assert_eq!(
        app.js("return Object.isFrozen(Object.prototype);"),
        json!(true)
    );
    assert_eq!(
        app.js("try { eval('1'); return 'ran'; } catch (e) { return 'refused'; }"),
        json!("refused")
    );
    // An inline script added to the page does not run.
    app.js(
        "const s = document.createElement('script'); s.textContent = 'window.__inline = 1';
         document.body.appendChild(s); return null;",
    );
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(app.js("return window.__inline === undefined;"), json!(true));
    app.quit();
}

const PRIORITY: &str = "Help people stay well at home";
const OUTCOME: &str = "Fewer emergency admissions for older people";
const ACTION: &str = "Home visits by community teams";
const NARRATIVE: &str = " Planbook end-to-end narrative line.";

#[test]
fn e2e_create_from_example_edit_link_undo_redo_and_reopen() {
    let Some(desktop) = desktop() else { return };
    let file = desktop.path("Our Dorset.sqlite");
    desktop.answer(&format!("save {}", file.display()));
    let app = desktop.launch(&[]);

    // Create a workbook from the example (the Save dialog is answered from the script).
    app.click_testid("start-new-example");
    app.wait_text("plan-title", |t| t.contains("Our Dorset"));
    assert!(file.is_file());

    // A priority, and an outcome made from it (linked to it).
    app.click_testid("nav-priorities");
    app.click_testid("add-priority");
    let title = app.wait_empty_field("priority-title-input");
    app.type_into(&title, &format!("{PRIORITY}{TAB}"));
    app.wait_text("priority-heading", |t| t.contains(PRIORITY));
    app.click_testid("add-outcome");
    let statement = app.wait_empty_field("outcome-statement-input");
    app.type_into(&statement, &format!("{OUTCOME}{TAB}"));
    app.wait_undo_offers("outcome statement");

    // An action, linked to both.
    app.click_testid("nav-actions");
    app.click_testid("add-action");
    let action = app.wait_empty_field("action-title-input");
    app.type_into(&action, &format!("{ACTION}{TAB}"));
    app.wait_text("action-heading", |t| t.contains(ACTION));
    app.pick("action-link-priority", "stay well at home", PRIORITY);
    app.pick(
        "action-link-outcome",
        "emergency admissions for older",
        OUTCOME,
    );

    // A narrative section, then undo and redo of that edit.
    app.click_testid("nav-narrative");
    let body = app.get("section-body-input");
    let before = app.value(&body);
    app.type_into(&body, &format!("{NARRATIVE}{TAB}"));
    app.wait_undo_offers("section body");
    app.click_testid("undo-button");
    app.wait_value("section-body-input", |v| v == before);
    app.click_testid("redo-button");
    app.wait_value("section-body-input", |v| v.ends_with(NARRATIVE));
    app.wait_undo_offers("section body");
    app.quit();

    // Everything is in the file, linked.
    let wb = Workbook::open(&file, planbook_core::Access::ReadOnly).unwrap();
    let c = wb.content().unwrap();
    let p = c
        .priorities
        .iter()
        .find(|p| p.title == PRIORITY)
        .expect("the priority");
    let o = c
        .outcomes
        .iter()
        .find(|o| o.statement == OUTCOME)
        .expect("the outcome");
    let a = c
        .actions
        .iter()
        .find(|a| a.title == ACTION)
        .expect("the action");
    assert!(
        c.priority_outcomes
            .iter()
            .any(|l| l.priority_id == p.id && l.outcome_id == o.id)
    );
    assert!(
        c.action_priorities
            .iter()
            .any(|l| l.action_id == a.id && l.priority_id == p.id)
    );
    assert!(
        c.action_outcomes
            .iter()
            .any(|l| l.action_id == a.id && l.outcome_id == o.id)
    );
    assert!(c.sections[0].body.ends_with(NARRATIVE));
    drop(wb);

    // Relaunch: the workbook is in the recent list, and everything is there.
    let app = desktop.launch(&[]);
    app.wait_text("recent-workbook", |t| t.contains("Our Dorset"));
    app.click_testid("recent-workbook");
    app.wait_text("plan-title", |t| t.contains("Our Dorset"));
    app.click_testid("nav-priorities");
    app.wait_page_text(PRIORITY);
    app.click_testid("nav-outcomes");
    app.wait_page_text(OUTCOME);
    app.click_testid("nav-actions");
    app.wait_page_text(ACTION);
    app.click_testid("nav-narrative");
    app.wait_value("section-body-input", |v| v.ends_with(NARRATIVE));
    // Undo still works after reopening: the change log is in the file.
    app.wait_undo_offers("section body");
    app.quit();
}

#[test]
fn e2e_a_newer_format_opens_read_only_and_is_left_alone() {
    let Some(desktop) = desktop() else { return };
    let file = desktop.path("from a newer Planbook.sqlite");
    let content = example::content("our-dorset").unwrap();
    drop(Workbook::create(&file, Start::Content(Box::new(content))).unwrap());
    {
        let conn = rusqlite::Connection::open(&file).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        conn.pragma_update(None, "user_version", version + 1)
            .unwrap();
    }
    let bytes = std::fs::read(&file).unwrap();

    let app = desktop.launch(&[&file]);
    let banner = app.wait_text("read-only-banner", |t| t.contains("newer Planbook"));
    assert!(banner.contains("update Planbook"), "{banner}");
    app.click_testid("nav-priorities");
    let title = app.get("priority-title-input");
    assert_eq!(app.attribute(&title, "readonly").as_deref(), Some("true"));
    assert!(app.all("[data-testid='add-priority']").is_empty());
    assert!(app.all("[data-testid='undo-button']").is_empty());
    app.quit();
    assert_eq!(
        std::fs::read(&file).unwrap(),
        bytes,
        "a newer file is never written"
    );
}

/// Markup and script in every kind of text field: none of it may run, all of it must show.
const PAYLOAD: &str = "<img src=x onerror=\"window.__pwned='img'\"><script>window.__pwned='script'</script>\
[click me](javascript:window.__pwned='link') <a href=\"javascript:window.__pwned='a'\">a</a> <b>bold?</b>";

#[test]
fn e2e_hostile_text_shows_literally_and_never_runs() {
    let Some(desktop) = desktop() else { return };
    let file = desktop.path("hostile.sqlite");
    let content = example::content("our-dorset").unwrap();
    let mut wb = Workbook::create(&file, Start::Content(Box::new(content))).unwrap();
    let c = wb.content().unwrap();
    // The first item of every kind, and every text field it has.
    let firsts: Vec<(Kind, planbook_core::model::Id)> = vec![
        (Kind::Plan, c.plan.id.clone()),
        (Kind::Aim, c.aims[0].id.clone()),
        (Kind::Section, c.sections[0].id.clone()),
        (Kind::Priority, c.priorities[0].id.clone()),
        (Kind::Outcome, c.outcomes[0].id.clone()),
        (Kind::Measure, c.measures[0].id.clone()),
        (Kind::Partner, c.partners[0].id.clone()),
        (Kind::Action, c.actions[0].id.clone()),
        (Kind::GlossaryTerm, c.glossary[0].id.clone()),
        (Kind::Engagement, c.engagements[0].id.clone()),
        (Kind::Reading, c.readings[0].id.clone()),
        (Kind::Milestone, c.milestones[0].id.clone()),
    ];
    let mut fields = 0;
    for (kind, id) in &firsts {
        for field in planbook_core::search::text_fields(*kind) {
            let value = if *field == "body" {
                format!("{PAYLOAD}\n\n- {PAYLOAD}\n- [site](javascript:alert(1))")
            } else {
                PAYLOAD.to_owned()
            };
            wb.set(*kind, id, field, value.into()).unwrap();
            fields += 1;
        }
    }
    drop(wb);
    assert!(fields >= 25, "{fields} fields");

    let app = desktop.launch(&[&file]);
    app.wait_text("plan-title", |t| t.contains("<img src=x"));
    let nothing_ran = |place: &str| {
        let verdict = app.js(
            "return {
               pwned: window.__pwned === undefined ? null : String(window.__pwned),
               imgs: document.querySelectorAll('img[onerror], img[src=\"x\"]').length,
               scripts: document.querySelectorAll('script:not([src])').length,
               jsLinks: Array.from(document.querySelectorAll('a[href]'))
                 .filter(a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
               bold: document.querySelectorAll('main b').length,
             };",
        );
        assert_eq!(
            verdict,
            json!({ "pwned": null, "imgs": 0, "scripts": 0, "jsLinks": 0, "bold": 0 }),
            "in the {place} view"
        );
    };
    nothing_ran("start");
    let views = [
        "plan",
        "aims",
        "narrative",
        "priorities",
        "outcomes",
        "measures",
        "actions",
        "matrix",
        "partners",
        "glossary",
        "engagement",
        "health",
    ];
    for view in views {
        app.click_testid(&format!("nav-{view}"));
        std::thread::sleep(Duration::from_millis(200));
        nothing_ran(view);
    }
    // The narrative preview renders the markup: still no javascript: link, and the text shows.
    app.click_testid("nav-narrative");
    app.wait_value("section-body-input", |v| v.contains("<img src=x"));
    let toggle = app.get("section-preview-toggle");
    if app.attribute(&toggle, "aria-expanded").as_deref() != Some("true") {
        app.click(&toggle);
    }
    app.wait_text("section-preview", |t| t.contains("<img src=x onerror="));
    nothing_ran("narrative preview");
    // In a list (priorities) and a table (actions) the text shows as typed.
    app.click_testid("nav-actions");
    app.wait_page_text("<script>window.__pwned='script'</script>");
    nothing_ran("actions");
    // An action's own page, with its milestones.
    app.click_testid("open-action");
    app.get("milestone-item");
    nothing_ran("action");

    // Typed in the window too.
    app.click_testid("nav-priorities");
    app.click_testid("add-priority");
    let title = app.wait_empty_field("priority-title-input");
    app.type_into(
        &title,
        &format!("<img src=y onerror=\"window.__typed=1\">{TAB}"),
    );
    app.wait_text("priority-heading", |t| t.contains("<img src=y onerror="));
    assert_eq!(app.js("return window.__typed === undefined;"), json!(true));
    nothing_ran("priorities, after typing");
    app.quit();
}

#[test]
fn e2e_export_pdf_save_a_copy_and_close() {
    let Some(desktop) = desktop() else { return };
    let file = desktop.path("plan.sqlite");
    let content = example::content("our-dorset").unwrap();
    drop(Workbook::create(&file, Start::Content(Box::new(content))).unwrap());
    let pdf = desktop.path("Our Dorset plan.pdf");
    let copy = desktop.path("copy to send.sqlite");
    desktop.answer(&format!("pdf {}", pdf.display()));
    desktop.answer(&format!("save {}", copy.display()));

    let app = desktop.launch(&[&file]);
    app.wait_text("plan-title", |t| t.contains("Our Dorset"));
    app.click_testid("export-pdf");
    app.wait_text("undo-toast", |t| {
        t.contains("Exported") && t.contains("pages")
    });
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    app.click_testid("save-copy");
    app.wait_text("undo-toast", |t| t.contains("copy to send.sqlite"));
    let copied = Workbook::open(&copy, planbook_core::Access::Edit).unwrap();
    assert_eq!(copied.plan().unwrap().title, "Our Dorset");
    drop(copied);

    // Close: the start screen, which lists the workbook as recent.
    app.click_testid("close-workbook");
    app.wait_text("recent-workbook", |t| t.contains("plan.sqlite"));
    app.quit();
}

#[test]
fn e2e_menu_accelerators_create_undo_and_close() {
    let Some(desktop) = desktop() else { return };
    let file = desktop.path("from the menu.sqlite");
    desktop.answer(&format!("save {}", file.display()));
    let app = desktop.launch(&[]);
    app.get("start-new-example");

    // File › New from the Example (Ctrl+Shift+N): Rust shows the dialog, creates the
    // workbook and tells the window (window-state).
    desktop.press("ctrl+shift+n");
    app.wait_text("plan-title", |t| t.contains("Our Dorset"));
    assert!(file.is_file());

    // An edit in the window, then Edit › Undo (Ctrl+Z): the window hears workbook-changed.
    app.click_testid("nav-priorities");
    app.click_testid("add-priority");
    let title = app.wait_empty_field("priority-title-input");
    app.type_into(&title, &format!("Made to be undone{TAB}"));
    app.wait_undo_offers("priority title");
    let heading = app.get("priority-heading");
    app.click(&heading);
    desktop.press("ctrl+z");
    app.wait_undo_offers("Add priority");
    let wb = Workbook::open(&file, planbook_core::Access::ReadOnly).unwrap();
    let c = wb.content().unwrap();
    assert!(c.priorities.iter().all(|p| p.title != "Made to be undone"));
    drop(wb);
    // Edit › Redo (Ctrl+Shift+Z).
    desktop.press("ctrl+shift+z");
    app.wait_undo_offers("priority title");

    // File › Export PDF… (Ctrl+E) and Save a Copy As… (Ctrl+Shift+S), answered from the
    // script; Rust reports the export in a message (logged beside the script).
    let pdf = desktop.path("menu export.pdf");
    let copy = desktop.path("menu copy.sqlite");
    desktop.answer(&format!("pdf {}", pdf.display()));
    desktop.answer(&format!("save {}", copy.display()));
    desktop.press("ctrl+e");
    let messages = desktop.path("dialog answers.messages");
    wait_for(PATIENCE, "the export's message", || {
        let log = std::fs::read_to_string(&messages).ok()?;
        log.contains("Plan document exported").then_some(())
    });
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    desktop.press("ctrl+shift+s");
    wait_for(PATIENCE, "the copy", || {
        Workbook::open(&copy, planbook_core::Access::ReadOnly).ok()
    });

    // File › Close (Ctrl+W): the start screen.
    desktop.press("ctrl+w");
    app.get("start-new-example");
    app.quit();
}

#[test]
fn e2e_open_dialog_and_the_open_recent_menu() {
    let Some(desktop) = desktop() else { return };
    let first = desktop.path("first.sqlite");
    let second = desktop.path("second.sqlite");
    for (path, title) in [(&first, "Our Dorset"), (&second, "Second plan")] {
        let mut content = example::content("our-dorset").unwrap();
        content.plan.title = title.into();
        drop(Workbook::create(path, Start::Content(Box::new(content))).unwrap());
    }
    desktop.answer(&format!("open {}", second.display()));

    // Opened from the command line, then another from the Open dialog.
    let app = desktop.launch(&[&first]);
    app.wait_text("workbook-file-name", |t| t.contains("first.sqlite"));
    app.click_testid("close-workbook");
    app.click_testid("start-open");
    app.wait_text("plan-title", |t| t.contains("Second plan"));

    // File › Open Recent › the second entry (the first workbook), by keyboard: F10 opens
    // the menu bar, Down walks to Open Recent, Right opens it.
    desktop.press("F10");
    for key in ["Down", "Down", "Down", "Down", "Right", "Down", "Return"] {
        std::thread::sleep(Duration::from_millis(150));
        desktop.press(key);
    }
    app.wait_text("workbook-file-name", |t| t.contains("first.sqlite"));
    app.wait_text("plan-title", |t| t.contains("Our Dorset"));
    app.quit();
}
