//! `cargo bench -p planbook-share --bench shared` (issue 13): many planners editing one shared
//! plan on one PostgreSQL server on this machine (`planbook_share::test_server`), each its own
//! workbook and connection in its own thread. Each editor makes `--edits` edits (default 200),
//! each one change to an action's progress note and one new milestone with a title nobody else
//! uses, and syncs after each (conflicts settled "mine"). Three observers (viewers) listen for
//! the server's notices and pull on each. Printed per number of editors (default 5, 10, 25,
//! 50): accepted edits per second, retries, how long after an edit was made the observers
//! heard of it and had pulled it, whether every client ends with the same content, how many of
//! the milestones made are missing or doubled, the server's CPU time and peak memory. Asserts
//! nothing: a benchmark. `-- 5 10 --edits 50` runs only those; `--max-s S` stops the editors
//! making new edits after S seconds (the table then says how many they made).

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Barrier, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use planbook_core::model::{Action, Id, Kind, Milestone};
use planbook_core::sync::{diff, shared};
use planbook_core::{Start, Workbook, example};
use planbook_share::test_server::TestServer;
use planbook_share::{Remote, Settle, grant, join, publish, sync};
use serde_json::json;

mod shared_measure;
use shared_measure::{
    count_function_time, own_cpu_s, peak_mb, push_time, reset_peak_memory, server_cpu_s,
};

const PLAN: &str = "Bench plan";
/// The roles editors take in turn (several editors share a role, as colleagues might).
const EDITOR_ROLES: &[&str] = &["alice", "bob", "carol", "dev", "erin"];
const OBSERVERS: usize = 3;

/// One run's clock: every time below is milliseconds since the editors started.
#[derive(Debug)]
struct Clock(Instant);

impl Clock {
    fn ms(&self) -> f64 {
        self.0.elapsed().as_secs_f64() * 1000.0
    }
}

/// What the threads record, by the server's number of each edit.
#[derive(Debug, Default)]
struct Record {
    /// When the editor's sync began (its edit made) and when it returned with the edit accepted.
    accepted: HashMap<i64, (f64, f64)>,
    /// When each observer heard of each edit, and when it had pulled it.
    noticed: Vec<(usize, i64, f64)>,
    pulled: Vec<(usize, i64, f64)>,
}

/// What one editor's thread did.
#[derive(Debug, Default)]
struct EditorStats {
    accepted: usize,
    retries: usize,
    gave_up: usize,
    made: usize,
    errors: BTreeSet<String>,
}

/// One row of the table.
#[derive(Debug)]
struct Row {
    editors: usize,
    edits: usize,
    wall_s: f64,
    accepted: usize,
    retries: usize,
    gave_up: usize,
    sync_ms: (f64, f64),
    notice_ms: (f64, f64),
    pulled_ms: (f64, f64),
    missed_notices: usize,
    identical: bool,
    lost: usize,
    duplicated: usize,
    server_cpu_s: f64,
    client_cpu_s: f64,
    push_calls: i64,
    push_ms: f64,
    peak_mb: f64,
}

fn main() {
    let mut counts = Vec::new();
    let mut edits = 200;
    let mut max_s = f64::INFINITY;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--edits" => edits = args.next().and_then(|n| n.parse().ok()).expect("--edits N"),
            "--max-s" => max_s = args.next().and_then(|n| n.parse().ok()).expect("--max-s S"),
            "--bench" => {}
            n => counts.extend(n.parse::<usize>().ok()),
        }
    }
    if counts.is_empty() {
        counts = vec![5, 10, 25, 50];
    }
    println!("{}", header());
    let mut rows = Vec::new();
    for n in counts {
        let row = run(n, edits, max_s);
        println!("{}", line(&row));
        rows.push(row);
    }
    if let (Some(first), Some(last)) = (rows.first(), rows.last()) {
        println!(
            "\n{}→{} editors: accepted edits/s ×{:.2}, server CPU per accepted edit ×{:.2}, clients' CPU per accepted edit ×{:.2}, push ms per call ×{:.2}",
            first.editors,
            last.editors,
            rate(last) / rate(first),
            (last.server_cpu_s / last.accepted as f64)
                / (first.server_cpu_s / first.accepted as f64),
            (last.client_cpu_s / last.accepted as f64)
                / (first.client_cpu_s / first.accepted as f64),
            last.push_ms / first.push_ms,
        );
    }
}

fn rate(r: &Row) -> f64 {
    r.accepted as f64 / r.wall_s
}

fn header() -> String {
    format!(
        "{:>7} {:>6} {:>7} {:>9} {:>7} {:>6} {:>15} {:>15} {:>15} {:>6} {:>9} {:>4} {:>4} {:>8} {:>13} {:>12} {:>7}",
        "editors",
        "edits",
        "wall s",
        "accepted/s",
        "retries",
        "gaveup",
        "sync ms p50/95",
        "seen p50/95",
        "pulled p50/95",
        "missed",
        "identical",
        "lost",
        "dup",
        "srv CPU s",
        "clients CPU s",
        "push ms/call",
        "peak MB"
    )
}

fn line(r: &Row) -> String {
    let pair = |(a, b): (f64, f64)| format!("{a:.0}/{b:.0}");
    format!(
        "{:>7} {:>6} {:>7.1} {:>10.1} {:>7} {:>6} {:>15} {:>15} {:>15} {:>6} {:>9} {:>4} {:>4} {:>9.1} {:>13.1} {:>12} {:>7.0}",
        r.editors,
        r.edits,
        r.wall_s,
        rate(r),
        r.retries,
        r.gave_up,
        pair(r.sync_ms),
        pair(r.notice_ms),
        pair(r.pulled_ms),
        r.missed_notices,
        if r.identical { "yes" } else { "NO" },
        r.lost,
        r.duplicated,
        r.server_cpu_s,
        r.client_cpu_s,
        format!("{:.2} ×{}", r.push_ms, r.push_calls),
        r.peak_mb
    )
}

/// A planner's workbook and connection.
struct Client {
    wb: Workbook,
    remote: Remote,
}

fn run(editors: usize, edits: usize, max_s: f64) -> Row {
    reset_peak_memory();
    let server = TestServer::start();
    count_function_time(&server);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let first = publish_plan(&server, dir.path());
    let owner = server.remote("alice");
    for role in &EDITOR_ROLES[1..] {
        grant(&owner, PLAN, role, "editor").expect("grant");
    }
    grant(&owner, PLAN, "viewer", "viewer").expect("grant");
    let actions: Vec<Id> = first
        .wb
        .list::<Action>()
        .expect("actions")
        .into_iter()
        .map(|a| a.id)
        .collect();
    let mut clients = vec![first];
    for e in 1..editors {
        clients.push(joined(
            &server,
            dir.path(),
            EDITOR_ROLES[e % EDITOR_ROLES.len()],
            e,
        ));
    }
    let plan_id = shared::link(clients[0].wb.reader())
        .expect("link")
        .expect("linked")
        .plan_id;

    let record = Arc::new(Mutex::new(Record::default()));
    let done = Arc::new(AtomicBool::new(false));
    let start = Arc::new(Barrier::new(editors + 2 * OBSERVERS + 1));
    let clock = Arc::new(Mutex::new(None::<Arc<Clock>>));
    let mut observers = Vec::new();
    for o in 0..OBSERVERS {
        observers.push(observe(
            &server,
            dir.path(),
            o,
            &plan_id,
            (&record, &done, &start, &clock),
        ));
    }
    let cpu_before = server_cpu_s(&server);
    let own_before = own_cpu_s();
    let mut threads = Vec::new();
    for (e, client) in clients.into_iter().enumerate() {
        let (record, start, clock, actions) = (
            record.clone(),
            start.clone(),
            clock.clone(),
            actions.clone(),
        );
        threads.push(thread::spawn(move || {
            start.wait();
            let clock = clock.lock().unwrap().clone().expect("the clock started");
            edit(client, e, (edits, max_s), &actions, &clock, &record)
        }));
    }
    *clock.lock().unwrap() = Some(Arc::new(Clock(Instant::now())));
    start.wait();
    let progress = {
        let (record, done) = (record.clone(), done.clone());
        thread::spawn(move || {
            let mut ticks = 0;
            while !done.load(Ordering::SeqCst) {
                thread::sleep(Duration::from_secs(1));
                ticks += 1;
                if ticks % 60 == 0 {
                    let n = record.lock().unwrap().accepted.len();
                    eprintln!("  … {ticks} s: {n} edits accepted");
                }
            }
        })
    };
    let began = Instant::now();
    let mut stats = EditorStats::default();
    let mut wbs = Vec::new();
    let mut made = Vec::new();
    for t in threads {
        let (wb, s) = t.join().expect("an editor's thread");
        stats.accepted += s.accepted;
        stats.retries += s.retries;
        stats.gave_up += s.gave_up;
        stats.errors.extend(s.errors);
        made.push(s.made);
        wbs.push(wb);
    }
    let wall_s = began.elapsed().as_secs_f64();
    let client_cpu_s = own_cpu_s() - own_before;
    done.store(true, Ordering::SeqCst);
    progress.join().expect("the progress thread");
    for (listener, puller) in observers {
        listener.join().expect("a listener");
        wbs.push(puller.join().expect("a puller"));
    }
    // Every connection of the editing is closed now, so its CPU and statistics are counted.
    thread::sleep(Duration::from_millis(500));
    let server_cpu_s = server_cpu_s(&server) - cpu_before;
    let (push_calls, push_ms) = push_time(&server);
    let (identical, lost, duplicated) = settle_and_check(&server, dir.path(), wbs, &made);
    for e in &stats.errors {
        println!("  {editors} editors: a sync failed: {e}");
    }
    let record = record.lock().unwrap();
    let (notice_ms, pulled_ms, sync_ms, missed_notices) = latencies(&record);
    let ahead = percentiles(after_accepted(&record));
    println!(
        "  {editors} editors: a notice arrives {:.0} ms (p50) / {:.0} ms (p95) after the pushing editor's sync returned (negative: before)",
        ahead.0, ahead.1
    );
    Row {
        editors,
        edits: made.iter().sum(),
        wall_s,
        accepted: stats.accepted,
        retries: stats.retries,
        gave_up: stats.gave_up,
        sync_ms,
        notice_ms,
        pulled_ms,
        missed_notices,
        identical,
        lost,
        duplicated,
        server_cpu_s,
        client_cpu_s,
        push_calls,
        push_ms,
        peak_mb: peak_mb(),
    }
}

fn publish_plan(server: &TestServer, dir: &std::path::Path) -> Client {
    let content = example::content("our-dorset").expect("the example");
    let mut wb = Workbook::create(&dir.join("e0.sqlite"), Start::Content(Box::new(content)))
        .expect("a workbook");
    publish(&mut wb, &server.address("alice"), PLAN).expect("publish");
    Client {
        wb,
        remote: server.remote("alice"),
    }
}

fn joined(server: &TestServer, dir: &std::path::Path, role: &str, n: usize) -> Client {
    Client {
        wb: join(
            &server.address(role),
            PLAN,
            &dir.join(format!("{role}-{n}.sqlite")),
        )
        .expect("join"),
        remote: server.remote(role),
    }
}

/// The title of editor `e`'s milestone of step `s`, and its progress note then: unique, so
/// the end can count them.
fn mark(e: usize, s: usize) -> String {
    format!("editor {e} step {s}")
}

/// One editor's thread: `edits` times, one local edit and a sync. Returns its workbook (its
/// connection is closed here, so the server's figures are complete when all have returned).
fn edit(
    mut c: Client,
    e: usize,
    (edits, max_s): (usize, f64),
    actions: &[Id],
    clock: &Clock,
    record: &Mutex<Record>,
) -> (Workbook, EditorStats) {
    let mut stats = EditorStats::default();
    for s in 0..edits {
        // Stopped early only when told to (`--max-s`), so a long run still gives its figures.
        if clock.ms() > max_s * 1000.0 {
            break;
        }
        stats.made += 1;
        let action = &actions[(e * 7 + s) % actions.len()];
        let title = mark(e, s);
        c.wb.edit(&format!("Bench: {title}"), |ed| {
            ed.set(Kind::Action, action, "progress_note", json!(title))?;
            ed.insert(Milestone {
                action_id: action.clone(),
                title: title.clone(),
                ..Default::default()
            })?;
            Ok(())
        })
        .expect("a local edit");
        let began = clock.ms();
        match sync(&mut c.wb, &c.remote, &Settle::AllMine) {
            Ok(r) => {
                stats.retries += r.retries;
                if r.sent > 0 {
                    stats.accepted += 1;
                    let back = clock.ms();
                    record.lock().unwrap().accepted.insert(r.seq, (began, back));
                }
            }
            // The edit stays here and goes with the next sync.
            Err(err) => {
                stats.gave_up += 1;
                stats.errors.insert(err.to_string());
            }
        }
    }
    (c.wb, stats)
}

type Shared<'a> = (
    &'a Arc<Mutex<Record>>,
    &'a Arc<AtomicBool>,
    &'a Arc<Barrier>,
    &'a Arc<Mutex<Option<Arc<Clock>>>>,
);

/// An observer: a viewer whose listening connection only waits for notices (so each is timed
/// as it arrives), and a second thread that pulls whenever one came.
fn observe(
    server: &TestServer,
    dir: &std::path::Path,
    o: usize,
    plan_id: &str,
    (record, done, start, clock): Shared<'_>,
) -> (thread::JoinHandle<()>, thread::JoinHandle<Workbook>) {
    let mut ears = server.remote("viewer");
    ears.listen().expect("LISTEN");
    let mut c = joined(server, dir, "viewer", 1000 + o);
    let (tx, rx) = mpsc::channel::<i64>();
    let listener = {
        let (record, done, start, clock, plan_id) = (
            record.clone(),
            done.clone(),
            start.clone(),
            clock.clone(),
            plan_id.to_owned(),
        );
        thread::spawn(move || {
            start.wait();
            let clock = clock.lock().unwrap().clone().expect("the clock started");
            while !done.load(Ordering::SeqCst) {
                if let Some(seq) = ears.wait_for_edit(&plan_id, Duration::from_millis(100)) {
                    record.lock().unwrap().noticed.push((o, seq, clock.ms()));
                    let _ = tx.send(seq);
                }
            }
        })
    };
    let puller = {
        let (record, done, start, clock) =
            (record.clone(), done.clone(), start.clone(), clock.clone());
        thread::spawn(move || {
            start.wait();
            let clock = clock.lock().unwrap().clone().expect("the clock started");
            let mut have = 0;
            while !done.load(Ordering::SeqCst) {
                let Ok(seq) = rx.recv_timeout(Duration::from_millis(100)) else {
                    continue;
                };
                if seq <= have {
                    continue;
                }
                while rx.try_recv().is_ok() {}
                let Ok(r) = sync(&mut c.wb, &c.remote, &Settle::AllMine) else {
                    continue;
                };
                let now = clock.ms();
                let mut rec = record.lock().unwrap();
                for s in have + 1..=r.seq {
                    rec.pulled.push((o, s, now));
                }
                have = r.seq;
            }
            c.wb
        })
    };
    (listener, puller)
}

/// Two more syncs of every client, then: is every client's content the same, and how many of
/// the milestones made are missing or there twice? A planner joining now is compared too.
fn settle_and_check(
    server: &TestServer,
    dir: &std::path::Path,
    wbs: Vec<Workbook>,
    made_by: &[usize],
) -> (bool, usize, usize) {
    let mut clients: Vec<Client> = wbs
        .into_iter()
        .map(|wb| {
            let role = shared::link(wb.reader())
                .expect("link")
                .expect("linked")
                .server;
            let role = role
                .split_once("://")
                .and_then(|(_, r)| r.split_once('@'))
                .map(|(u, _)| u.to_owned())
                .expect("a role in the address");
            Client {
                remote: server.remote(&role),
                wb,
            }
        })
        .collect();
    for round in 0..2 {
        for c in &mut clients {
            if let Err(e) = sync(&mut c.wb, &c.remote, &Settle::AllMine) {
                println!("  the final sync {round} failed: {e}");
            }
        }
    }
    clients.push(joined(server, dir, "viewer", 9999));
    let first = clients[0].wb.content().expect("content");
    let mut identical = true;
    for (n, c) in clients.iter().enumerate().skip(1) {
        let d = diff::diff(&first, &c.wb.content().expect("content")).expect("diff");
        if !d.is_empty() {
            identical = false;
            println!(
                "  client {n} differs from the first in {} rows, e.g. {:?}",
                d.len(),
                d.first()
            );
        }
    }
    let mut made: BTreeMap<String, usize> = BTreeMap::new();
    for m in &first.milestones {
        *made.entry(m.title.clone()).or_default() += 1;
    }
    let mut lost = 0;
    let mut duplicated = 0;
    for (e, &edits) in made_by.iter().enumerate() {
        for s in 0..edits {
            match made.get(&mark(e, s)).copied().unwrap_or(0) {
                0 => lost += 1,
                1 => {}
                n => duplicated += n - 1,
            }
        }
    }
    (identical, lost, duplicated)
}

/// Each notice's time after the pushing editor's sync returned with the edit accepted.
fn after_accepted(r: &Record) -> Vec<f64> {
    r.noticed
        .iter()
        .filter_map(|(_, seq, t)| r.accepted.get(seq).map(|(_, back)| t - back))
        .collect()
}

/// A median and a 95th percentile.
type Spread = (f64, f64);

fn percentiles(mut v: Vec<f64>) -> Spread {
    if v.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    v.sort_by(f64::total_cmp);
    let at = |p: usize| v[(v.len() * p / 100).min(v.len() - 1)];
    (at(50), at(95))
}

/// How long after an edit was made (its editor's sync began) the observers heard of it and had
/// pulled it, the syncs' own times, and how many (observer, edit) notices never came.
fn latencies(r: &Record) -> (Spread, Spread, Spread, usize) {
    let after = |list: &[(usize, i64, f64)]| {
        percentiles(
            list.iter()
                .filter_map(|(_, seq, t)| r.accepted.get(seq).map(|(made, _)| t - made))
                .collect(),
        )
    };
    let heard: BTreeSet<(usize, i64)> = r.noticed.iter().map(|(o, s, _)| (*o, *s)).collect();
    let missed = (0..OBSERVERS)
        .flat_map(|o| r.accepted.keys().map(move |s| (o, *s)))
        .filter(|k| !heard.contains(k))
        .count();
    let syncs = percentiles(r.accepted.values().map(|(a, b)| b - a).collect());
    (after(&r.noticed), after(&r.pulled), syncs, missed)
}
