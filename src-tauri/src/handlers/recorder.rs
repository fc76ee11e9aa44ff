//! The recorder of the UI tests' backend: each scenario of `recordings.rs` runs the real
//! handler functions, as the window's commands run them, and every call is kept as
//! `{command, args, reply}` (or `error`, the `WireError` the window is given), exactly as it
//! is serialised over IPC. `ui/src/lib/replay.ts` answers the UI tests from the file this
//! writes, `ui/src/lib/recorded.json`, so they run against what core really does instead of
//! a second implementation in TypeScript.
//!
//! The file must not change from run to run or machine to machine, so the recording is
//! normalised: the planner's day is fixed ([`today`]); every timestamp written while
//! recording reads [`FIXED_TIME`]; the scenario's temporary folder reads [`FOLDER`]; random
//! ids (edits make them) read `new-1`, `new-2`… in the order they first appear; the user and
//! computer names read [`USER`] and [`HOST`]. The example's own ids are derived from its keys,
//! so they are the same everywhere and stay as they are.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

use super::test_support::TempDir;
use super::*;
use crate::dialogs::ScriptedDialogs;
use crate::recent::RecentList;

/// The planner's day in every scenario.
pub(super) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
}

/// What a timestamp written while recording reads as.
pub(super) const FIXED_TIME: &str = "2026-11-23T18:00:00.000Z";
/// Where the scenarios' files seem to be.
pub(super) const FOLDER: &str = "/home/planner/Documents";
/// Who made the edits, and on which computer.
const USER: &str = "planner";
const HOST: &str = "laptop";

/// One scenario being recorded: its own app state (dialogs answered from a script, backups in
/// its own folder) and the calls made so far.
pub(super) struct Scenario {
    name: &'static str,
    /// The scenario whose opening reads this one starts from (it was set up the same way).
    from: Option<&'static str>,
    pub(super) state: AppState,
    pub(super) dir: TempDir,
    calls: Vec<Value>,
    /// Text to replace before anything else (the temporary folder, recent-list keys).
    aliases: Vec<(String, String)>,
}

impl Scenario {
    /// A scenario with no workbook open whose dialogs answer `answers` in order; `{dir}` in an
    /// answer is the scenario's folder.
    pub(super) fn new(name: &'static str, answers: &[&str]) -> Scenario {
        let dir = TempDir::new(&format!("recorded-{name}"));
        let folder = dir.path("");
        let folder = folder.to_string_lossy().trim_end_matches('/').to_owned();
        let lines: Vec<String> = answers
            .iter()
            .map(|a| a.replace("{dir}", &folder))
            .collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let state = AppState::with(
            RecentList::in_memory(),
            Some(Arc::new(ScriptedDialogs::from_lines(&lines))),
        );
        state.set_backup_root(dir.path("data"));
        state.set_today(today());
        Scenario {
            name,
            from: None,
            state,
            aliases: vec![(folder, FOLDER.into())],
            dir,
            calls: Vec::new(),
        }
    }

    /// Says that this scenario was set up as `from` was, so its opening reads are `from`'s.
    pub(super) fn from(mut self, from: &'static str) -> Scenario {
        self.from = Some(from);
        self
    }

    /// Forgets the calls recorded so far: they were made to set the scenario up as another
    /// was (the window's opening reads start the workbook's kept health findings).
    pub(super) fn forget_calls(&mut self) {
        self.calls.clear();
    }

    /// Text that is to read `with` in the recording.
    pub(super) fn alias(&mut self, text: impl Into<String>, with: impl Into<String>) {
        self.aliases.push((text.into(), with.into()));
    }

    /// Records a call that only reads: the window may make it any number of times, and it is
    /// answered the same until the next step.
    pub(super) fn read<T: Serialize>(
        &mut self,
        command: &str,
        args: Value,
        handler: impl FnOnce(&AppState) -> Result<T, WireError>,
    ) -> Result<T, WireError> {
        let reply = handler(&self.state);
        self.keep(false, command, args, &reply, Vec::new());
        reply
    }

    /// Records a call that may change something (an edit, a dialog, opening or closing): the
    /// window must make the steps of a scenario in the order they were recorded.
    pub(super) fn step<T: Serialize>(
        &mut self,
        command: &str,
        args: Value,
        handler: impl FnOnce(&AppState) -> Result<T, WireError>,
    ) -> Result<T, WireError> {
        let reply = handler(&self.state);
        self.keep(true, command, args, &reply, Vec::new());
        reply
    }

    /// A step that sends progress events while it runs (an export), kept with it.
    pub(super) fn step_with_events<T: Serialize>(
        &mut self,
        command: &str,
        args: Value,
        handler: impl FnOnce(&AppState, &mut dyn FnMut(Progress)) -> Result<T, WireError>,
    ) -> Result<T, WireError> {
        let mut events = Vec::new();
        let reply = handler(&self.state, &mut |p: Progress| {
            events.push(serde_json::to_value(p).expect("an event serialises"));
        });
        self.keep(true, command, args, &reply, events);
        reply
    }

    fn keep<T: Serialize>(
        &mut self,
        step: bool,
        command: &str,
        args: Value,
        reply: &Result<T, WireError>,
        events: Vec<Value>,
    ) {
        let mut call = json!({ "command": command, "args": args });
        match reply {
            Ok(value) => call["reply"] = serde_json::to_value(value).expect("a reply serialises"),
            Err(error) => call["error"] = serde_json::to_value(error).expect("an error serialises"),
        }
        if step {
            call["step"] = true.into();
        }
        if !events.is_empty() {
            call["events"] = events.into();
        }
        self.calls.push(call);
    }

    /// The scenario as it goes into the file, normalised (see the module documentation).
    pub(super) fn finish(self, started: DateTime<Utc>) -> (String, Value) {
        let mut calls = Value::Array(self.calls);
        let mut normal = Normaliser {
            started,
            aliases: self.aliases,
            ids: BTreeMap::new(),
            user: planbook_core::store::lock::user_name(),
            host: planbook_core::store::lock::host_name(),
        };
        normal.walk(&mut calls, "");
        let mut out = json!({ "calls": calls });
        if let Some(from) = self.from {
            out["from"] = from.into();
        }
        (self.name.to_owned(), out)
    }
}

impl Normaliser {
    /// `text` with each random id in it (alone, or in a finding's key) read as `new-N`.
    fn random_ids(&mut self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while rest.len() >= ID_LEN {
            let candidate = rest.get(..ID_LEN).filter(|c| is_random_id(c));
            match candidate {
                Some(id) => {
                    let next = format!("new-{}", self.ids.len() + 1);
                    out.push_str(self.ids.entry(id.to_owned()).or_insert(next));
                    rest = &rest[ID_LEN..];
                }
                None => {
                    let step = rest.chars().next().map_or(1, char::len_utf8);
                    out.push_str(&rest[..step]);
                    rest = &rest[step..];
                }
            }
        }
        out.push_str(rest);
        out
    }
}

struct Normaliser {
    started: DateTime<Utc>,
    aliases: Vec<(String, String)>,
    ids: BTreeMap<String, String>,
    user: String,
    host: String,
}

impl Normaliser {
    fn walk(&mut self, value: &mut Value, key: &str) {
        match value {
            Value::String(text) => *text = self.text(text, key),
            Value::Array(items) => items.iter_mut().for_each(|v| self.walk(v, key)),
            Value::Object(map) => map.iter_mut().for_each(|(k, v)| self.walk(v, k)),
            _ => {}
        }
    }

    fn text(&mut self, text: &str, key: &str) -> String {
        let mut text = text.to_owned();
        for (from, to) in &self.aliases {
            text = text.replace(from.as_str(), to);
        }
        if DateTime::parse_from_rfc3339(&text).is_ok_and(|t| t.to_utc() >= self.started) {
            return FIXED_TIME.into();
        }
        text = self.random_ids(&text);
        // Who made an edit, and who holds a workbook open ("… by sam on laptop since …").
        if key == "who" && text == self.user {
            return USER.into();
        }
        let holder = format!("by {} on {} ", self.user, self.host);
        text.replace(&holder, &format!("by {USER} on {HOST} "))
    }
}

/// How long an id's text is.
const ID_LEN: usize = 36;

/// A random (version 4) id: edits make them. The example's ids are version 5, from its keys.
fn is_random_id(text: &str) -> bool {
    Id(text.to_owned()).is_well_formed() && text.as_bytes().get(14) == Some(&b'4')
}

/// Every scenario, as the text of `ui/src/lib/recorded.json`: one call a line, so a change
/// in what a handler answers shows as a change of the lines of its calls.
fn recorded_json() -> String {
    let started = Utc::now();
    let line = |v: &Value| serde_json::to_string(v).expect("the recording serialises");
    let mut scenarios: Vec<(String, Value)> = super::recordings::all()
        .into_iter()
        .map(|s| s.finish(started))
        .collect();
    scenarios.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::from(
        "{\"_\": \"Recorded from the real handlers by src-tauri/src/handlers/recorder.rs. Do not edit by hand. To regenerate: UPDATE_WIRE_TYPES=1 cargo test -p planbook-app --lib recorded\",\n\"scenarios\": {\n",
    );
    for (i, (name, scenario)) in scenarios.iter().enumerate() {
        out.push_str(&format!("{}: {{", line(&name.as_str().into())));
        if let Some(from) = scenario.get("from") {
            out.push_str(&format!("\"from\": {}, ", line(from)));
        }
        out.push_str("\"calls\": [\n");
        let calls = scenario["calls"].as_array().map_or(&[][..], Vec::as_slice);
        let calls: Vec<String> = calls.iter().map(line).collect();
        out.push_str(&calls.join(",\n"));
        out.push_str(if i + 1 < scenarios.len() {
            "\n]},\n"
        } else {
            "\n]}\n"
        });
    }
    out.push_str("}}\n");
    out
}

/// The committed recording must be what the handlers answer now, so the UI tests never run
/// against replies core no longer gives. `UPDATE_WIRE_TYPES=1` rewrites the file instead (the
/// same variable as `wire.ts`: both are generated from the Rust side).
#[test]
fn recorded_replies_for_the_ui_tests_are_current() {
    let generated = recorded_json();
    let path =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/recorded.json");
    if std::env::var_os("UPDATE_WIRE_TYPES").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).expect("write ui/src/lib/recorded.json");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/lib/recorded.json is out of date with what the handlers answer.\n\
         Regenerate it with: UPDATE_WIRE_TYPES=1 cargo test -p planbook-app --lib recorded\n\
         and commit the result (then run the UI tests: cd ui && npx vitest run)."
    );
}
