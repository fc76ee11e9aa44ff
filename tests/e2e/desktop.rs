//! The environment: a display, a driver, a scratch folder.

use crate::*;

/// A running Xvfb, a session D-Bus and tauri-driver, and a scratch folder, all removed when
/// dropped.
pub(crate) struct Desktop {
    pub(crate) display: u32,
    pub(crate) xvfb: Child,
    /// The test's own session bus, which the single-instance plugin uses on Linux: the app
    /// under test never hands its files to a Planbook the developer has running, nor to one
    /// left over from another test.
    pub(crate) bus: Child,
    pub(crate) bus_address: String,
    pub(crate) driver: Child,
    pub(crate) port: u16,
    pub(crate) dir: tempfile::TempDir,
    pub(crate) _serial: std::sync::MutexGuard<'static, ()>,
}

/// Returns `None` (after saying so) when end-to-end tests cannot run on this system.
pub(crate) fn desktop() -> Option<Desktop> {
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
    let (bus, bus_address) = start_session_bus();
    let port = free_port();
    let native_port = free_port();
    let script = dir.path().join("dialog answers");
    std::fs::write(&script, "").unwrap();
    let driver = Command::new(driver_bin)
        .args(["--port", &port.to_string()])
        .args(["--native-port", &native_port.to_string()])
        .env("DISPLAY", format!(":{display}"))
        .env("DBUS_SESSION_BUS_ADDRESS", &bus_address)
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("PLANBOOK_TEST_DIALOG_SCRIPT", &script)
        // A computer set to US English: dates must still be read and shown the plan's way
        // (31/03/2027 is 31 March, never 3 December).
        .env("LANG", "en_US.UTF-8")
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
        bus,
        bus_address,
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
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Workbooks made from the example in the scratch folder, with these file names and plan
    /// titles.
    pub(crate) fn example_workbooks<const N: usize>(
        &self,
        made: [(&str, &str); N],
    ) -> [PathBuf; N] {
        made.map(|(name, title)| {
            let path = self.path(name);
            let mut content = example::content("our-dorset").unwrap();
            content.plan.title = title.into();
            drop(Workbook::create(&path, Start::Content(Box::new(content))).unwrap());
            path
        })
    }

    /// Adds answers for the app's next dialogs (see src-tauri/src/dialogs.rs).
    pub(crate) fn answer(&self, line: &str) {
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(self.path("dialog answers"))
            .unwrap();
        writeln!(file, "{line}").unwrap();
    }

    /// Presses keys (xdotool's names, such as `ctrl+shift+n`) on the display, as a person
    /// would: the way to reach the native menu's accelerators, which WebDriver cannot.
    pub(crate) fn press(&self, keys: &str) {
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
    pub(crate) fn launch(&self, args: &[&Path]) -> Session {
        let args: Vec<String> = args.iter().map(|p| p.display().to_string()).collect();
        let body = json!({
            "capabilities": { "alwaysMatch": { "tauri:options": {
                "application": APP,
                "args": args,
            } } }
        });
        // On a loaded machine tauri-driver sometimes answers the first request for a session
        // with an empty error (WebKitWebDriver was not ready): that is the harness starting,
        // not the app under test, so it is tried again, twice at most.
        let mut failures = Vec::new();
        let (client, reply) = loop {
            let mut client = Client::connect(self.port);
            match client.try_send("POST", "/session", Some(body.clone())) {
                Ok(reply) => break (client, reply),
                Err(failure) if failures.len() < 2 => {
                    eprintln!("starting a WebDriver session failed, trying again: {failure}");
                    failures.push(failure);
                    std::thread::sleep(Duration::from_secs(2));
                }
                Err(failure) => panic!("no session after 3 tries: {failures:?}, {failure}"),
            }
        };
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
        terminate(&mut self.bus);
    }
}

/// SIGTERM, then wait. (Rust's `Child::kill` sends SIGKILL, which leaves tauri-driver's
/// WebKitWebDriver running.)
pub(crate) fn terminate(child: &mut Child) {
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
pub(crate) fn tool(name: &str, install: &str) -> PathBuf {
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

pub(crate) fn start_xvfb(bin: &Path) -> (u32, Child) {
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

/// A private session bus (`dbus-daemon --session`), and its address.
pub(crate) fn start_session_bus() -> (Child, String) {
    let bin = tool(
        "dbus-daemon",
        "the dbus-daemon package (apt-get install dbus-daemon)",
    );
    let mut child = Command::new(bin)
        .args(["--session", "--nofork", "--nopidfile", "--print-address=1"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start dbus-daemon");
    let mut address = String::new();
    let stdout = child.stdout.take().expect("dbus-daemon's output");
    BufReader::new(stdout)
        .read_line(&mut address)
        .expect("read the bus address");
    assert!(
        address.starts_with("unix:"),
        "dbus-daemon gave no address: {address:?}"
    );
    (child, address.trim().to_owned())
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(crate) fn wait_for<T>(patience: Duration, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
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
