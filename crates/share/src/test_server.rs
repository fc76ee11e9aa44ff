//! A real PostgreSQL server for the tests, never a mock: `initdb` in a temporary folder (as
//! the unprivileged `postgres` user when the tests run as root, since PostgreSQL refuses to
//! run as root), on a free port (listening on every address, so that a test can reach it as
//! if from another computer; initdb's pg_hba.conf admits only this computer's own addresses),
//! with Planbook's schema and a few planner roles;
//! stopped and removed when dropped. The README's test command installs Debian's `postgresql`.
//! Behind the `test-server` feature: for this crate's tests, the app's and the benchmark.
//! It panics with a plain message where a test cannot go on.

#![allow(clippy::expect_used, clippy::panic)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{Address, Remote};

#[derive(Debug)]
pub struct TestServer {
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
    as_postgres: bool,
}

/// A server program's file name on this system (`initdb.exe` on Windows).
fn program(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

/// The folder holding PostgreSQL's server programs: `PLANBOOK_PG_BIN` (the public workflow
/// sets it on Windows and macOS), `pg_config --bindir`, or Debian's `/usr/lib/postgresql/N/bin`.
fn bin_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("PLANBOOK_PG_BIN") {
        return PathBuf::from(dir);
    }
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if out.status.success() && dir.join(program("initdb")).exists() {
            return dir;
        }
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL's server is not installed (Debian: apt-get install postgresql; scripts/dev test installs it)")
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join(program("initdb")).exists())
        .collect();
    found.sort();
    found
        .pop()
        .expect("no PostgreSQL server programs under /usr/lib/postgresql")
}

fn is_root() -> bool {
    cfg!(unix)
        && Command::new("id")
            .arg("-u")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
            .unwrap_or(false)
}

/// A port nothing listens on (for the tests of a server that is not there).
pub fn unused_port() -> u16 {
    free_port()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("a free port")
        .local_addr()
        .expect("its address")
        .port()
}

/// The planner roles every test server has, besides the administrator `admin`.
pub const PLANNERS: &[&str] = &["alice", "bob", "carol", "dev", "erin", "viewer"];

impl TestServer {
    pub fn start() -> TestServer {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let as_postgres = is_root();
        if as_postgres {
            let ok = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()
                .expect("chown")
                .success();
            assert!(
                ok,
                "could not give the test server's folder to the postgres user"
            );
        }
        let server = TestServer {
            bin: bin_dir(),
            port: free_port(),
            as_postgres,
            dir,
        };
        server.run(
            "initdb",
            &[
                "-D",
                &server.data(),
                "-U",
                "admin",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        server.pg_ctl_start();
        let mut admin = server.remote("admin");
        admin.init().expect("Planbook's schema installs");
        let mut sql = String::new();
        for p in PLANNERS {
            sql.push_str(&format!(
                "CREATE ROLE {p} LOGIN IN ROLE planbook_planner;\n"
            ));
        }
        sql.push_str("CREATE ROLE outsider LOGIN;\n");
        admin_batch(&admin, &sql);
        server
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    fn run(&self, program: &str, args: &[&str]) {
        let exe = self.bin.join(self::program(program));
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        let out = cmd
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("{program} could not start: {e}"));
        assert!(
            out.status.success(),
            "{program} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn pg_ctl_start(&self) {
        let mut opts = format!(
            "-p {} -c listen_addresses=* -c fsync=off -c max_connections=200",
            self.port
        );
        // Its Unix socket in the test's own folder, not in a system folder it may not write.
        if cfg!(unix) {
            opts.push_str(&format!(" -k {}", self.dir.path().display()));
        }
        let log = self.dir.path().join("server.log").display().to_string();
        self.run(
            "pg_ctl",
            &["-D", &self.data(), "-o", &opts, "-l", &log, "-w", "start"],
        );
    }

    /// Kills the server at once, as a crash or a pulled plug would (no clean shutdown).
    pub fn kill(&self) {
        self.run(
            "pg_ctl",
            &["-D", &self.data(), "-m", "immediate", "-w", "stop"],
        );
    }

    /// Starts it again after [`TestServer::kill`].
    pub fn restart(&self) {
        self.pg_ctl_start();
    }

    pub fn url(&self, role: &str) -> String {
        format!("postgres://{role}@127.0.0.1:{}/postgres", self.port)
    }

    pub fn address(&self, role: &str) -> Address {
        Address::parse(&self.url(role)).expect("a test address")
    }

    pub fn remote(&self, role: &str) -> Remote {
        Remote::connect(&self.address(role)).expect("connects to the test server")
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

fn admin_batch(admin: &Remote, sql: &str) {
    crate::schema::run_as_admin(admin, sql).expect("the test roles are made");
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let exe = self.bin.join(program("pg_ctl"));
        let data = self.data();
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        let _ = cmd
            .args(["-D", &data, "-m", "immediate", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}
