//! What `shared.rs` reads from outside its threads: the server's CPU time and function
//! statistics, and this process's CPU time and peak memory (Linux's `/proc`).

#![allow(clippy::expect_used)]

use planbook_share::test_server::TestServer;

/// Has the server time each call of its functions (`planbook.push`), for [`push_time`].
pub fn count_function_time(server: &TestServer) {
    let admin = server.remote("admin");
    planbook_share::schema::run_as_admin(&admin, "ALTER SYSTEM SET track_functions = 'pl'")
        .expect("track_functions");
    planbook_share::schema::run_as_admin(&admin, "SELECT pg_reload_conf()").expect("reload");
}

/// How many pushes the server answered and their mean time in ms (waiting for the plan's lock
/// included: pushes to one plan are taken one at a time). Read with tokio-postgres itself:
/// `Remote` keeps its queries to Planbook's own.
pub fn push_time(server: &TestServer) -> (i64, f64) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let (calls, total): (i64, f64) = rt.block_on(async {
        let (client, conn) = tokio_postgres::connect(&server.url("admin"), tokio_postgres::NoTls)
            .await
            .expect("the administrator connects");
        tokio::spawn(conn);
        let row = client
            .query_one(
                "SELECT coalesce(sum(calls), 0)::bigint, coalesce(sum(total_time), 0)::float8
                   FROM pg_stat_user_functions WHERE funcname = 'push'",
                &[],
            )
            .await
            .expect("the function statistics");
        (row.get(0), row.get(1))
    });
    (calls, if calls > 0 { total / calls as f64 } else { 0.0 })
}

/// The server's processes' CPU time so far, in seconds: the postmaster's own and its exited
/// children's (it waits for each), and its children still running.
pub fn server_cpu_s(server: &TestServer) -> f64 {
    let pid_file = server.dir().join("data/postmaster.pid");
    let Some(pid) = std::fs::read_to_string(pid_file)
        .ok()
        .and_then(|t| t.lines().next().and_then(|l| l.trim().parse::<u32>().ok()))
    else {
        return f64::NAN;
    };
    let ticks = |fields: &[&str], from: usize, to: usize| -> f64 {
        fields[from..to]
            .iter()
            .filter_map(|f| f.parse::<f64>().ok())
            .sum::<f64>()
    };
    let mut total = 0.0;
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // After the command's name in parentheses: state, ppid, … utime (14th field), stime,
        // cutime, cstime.
        let Some((head, rest)) = text.rsplit_once(')') else {
            continue;
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        if fields.len() < 15 {
            continue;
        }
        let this: Option<u32> = head.split_whitespace().next().and_then(|p| p.parse().ok());
        if this == Some(pid) {
            total += ticks(&fields, 11, 15);
        } else if fields[1].parse::<u32>().ok() == Some(pid) {
            total += ticks(&fields, 11, 13);
        }
    }
    total / 100.0
}

/// This process's CPU time so far (every editor's and observer's work on its own workbook), in
/// seconds: less swayed by the machine's other load than the wall time.
pub fn own_cpu_s() -> f64 {
    let text = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = text.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    fields.get(11..13).map_or(f64::NAN, |f| {
        f.iter().filter_map(|v| v.parse::<f64>().ok()).sum()
    }) / 100.0
}

/// Resets this process's high-water mark of memory, so each run's peak is its own.
pub fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

pub fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}
