//! A small blocking WebDriver client over one keep-alive HTTP/1.1 connection.

use crate::*;

pub(crate) struct Client {
    pub(crate) port: u16,
    pub(crate) reader: BufReader<TcpStream>,
    pub(crate) writer: TcpStream,
}

impl Client {
    pub(crate) fn connect(port: u16) -> Client {
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

    pub(crate) fn send(&mut self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_send(method, path, body)
            .unwrap_or_else(|failure| panic!("{failure}"))
    }

    /// Sends a request; a WebDriver error (such as a stale element) is an `Err` with its text.
    pub(crate) fn try_send(
        &mut self,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, String> {
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
pub(crate) struct Session {
    pub(crate) client: std::cell::RefCell<Client>,
    pub(crate) id: String,
}

pub(crate) const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Session {
    /// Like [`wait_for`], but a timeout also shows what the window shows, to see why.
    pub(crate) fn wait<T>(&self, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
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

    pub(crate) fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_call(method, path, body)
            .unwrap_or_else(|failure| panic!("{failure}"))
    }

    pub(crate) fn try_call(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, String> {
        let path = format!("/session/{}{path}", self.id);
        Ok(self.client.borrow_mut().try_send(method, &path, body)?["value"].take())
    }

    /// Runs JavaScript in the window and returns its result.
    pub(crate) fn js(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    pub(crate) fn all(&self, css: &str) -> Vec<String> {
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

    pub(crate) fn wait_for_css(&self, css: &str) -> String {
        self.wait(css, || self.all(css).into_iter().next())
    }

    /// The first element with this `data-testid`, once there is one.
    pub(crate) fn get(&self, testid: &str) -> String {
        self.wait_for_css(&format!("[data-testid='{testid}']"))
    }

    /// Clicks as a person would, after scrolling the element to the middle of the window (so
    /// the sticky header never covers it, and a wide table's far column is in view).
    pub(crate) fn click(&self, element: &str) {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({
                "script": "arguments[0].scrollIntoView({ block: 'center', inline: 'center' }); return null;",
                "args": [{ ELEMENT: element }],
            })),
        );
        self.call(
            "POST",
            &format!("/element/{element}/click"),
            Some(json!({})),
        );
    }

    pub(crate) fn click_testid(&self, testid: &str) {
        let element = self.get(testid);
        self.click(&element);
    }

    /// Types into an element as a person would (a Tab at the end leaves the field, which is
    /// when the window saves it).
    pub(crate) fn type_into(&self, element: &str, text: &str) {
        self.call(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        );
    }

    /// The element's text as the window renders it (`innerText`), or `None` if it has gone
    /// (the window re-rendered). WebKitWebDriver's own "element text" came back empty for
    /// visible elements here, so it is read by script.
    pub(crate) fn try_text(&self, element: &str) -> Option<String> {
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
    pub(crate) fn try_value(&self, element: &str) -> Option<String> {
        self.try_call("GET", &format!("/element/{element}/property/value"), None)
            .ok()?
            .as_str()
            .map(str::to_owned)
    }

    pub(crate) fn value(&self, element: &str) -> String {
        self.try_value(element).expect("the field is still there")
    }

    pub(crate) fn attribute(&self, element: &str, name: &str) -> Option<String> {
        self.call("GET", &format!("/element/{element}/attribute/{name}"), None)
            .as_str()
            .map(str::to_owned)
    }

    /// Waits for an element with this `data-testid` whose value is empty: the field of an
    /// item just added.
    pub(crate) fn wait_empty_field(&self, testid: &str) -> String {
        self.wait(&format!("an empty {testid}"), || {
            self.all(&format!("[data-testid='{testid}']"))
                .into_iter()
                .find(|e| self.try_value(e).is_some_and(|v| v.is_empty()))
        })
    }

    /// Waits until the element with this `data-testid` has a value for which `ok` holds.
    pub(crate) fn wait_value(&self, testid: &str, ok: impl Fn(&str) -> bool) -> String {
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
    pub(crate) fn wait_undo_offers(&self, label: &str) {
        self.wait(&format!("Undo to offer “{label}”"), || {
            let button = self.all("[data-testid='undo-button']").into_iter().next()?;
            self.attribute(&button, "title")?
                .contains(label)
                .then_some(())
        });
    }

    /// Types into a link picker and picks the first item offered.
    pub(crate) fn pick(&self, testid: &str, words: &str, chosen: &str) {
        let input = self.get(testid);
        self.type_into(&input, words);
        self.wait_for_css(&format!("[data-testid='{testid}-option']"));
        self.type_into(&input, ENTER);
        self.wait_text(&format!("{testid}-chosen"), |t| t.contains(chosen));
    }

    /// Waits until the element with this `data-testid` shows text for which `ok` holds.
    pub(crate) fn wait_text(&self, testid: &str, ok: impl Fn(&str) -> bool) -> String {
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
    pub(crate) fn wait_page_text(&self, wanted: &str) {
        self.wait(&format!("“{wanted}” in the window"), || {
            let text = self.js("return document.body.innerText;");
            text.as_str()?.contains(wanted).then_some(())
        });
    }

    /// Ends the session: WebKitWebDriver closes the app.
    pub(crate) fn quit(self) {
        let id = self.id.clone();
        self.client
            .borrow_mut()
            .send("DELETE", &format!("/session/{id}"), None);
    }
}
