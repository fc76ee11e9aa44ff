//! A connection to a Planbook server: the queries a shared plan needs, blocking (the CLI and
//! the app call them from their own threads), each refusal in words.

use std::time::Duration;

use planbook_core::sync::shared::{Op, Received};
use serde_json::Value;
use tokio::runtime::Runtime;
use tokio::sync::mpsc;
use tokio_postgres::types::ToSql;
use tokio_postgres::{AsyncMessage, Client, Row};

use crate::address::Address;
use crate::error::{Result, ShareError};
use crate::secret;

/// A plan on the server.
#[derive(Debug, Clone, PartialEq)]
pub struct RemotePlan {
    pub id: String,
    pub name: String,
    /// The content it was published with (Planbook's JSON form).
    pub start: Value,
}

/// What the server said to a push.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pushed {
    /// Committed as this edit (or had been already, under the same id).
    Accepted(i64),
    /// Not taken: the plan has edits after the one the push was based on, up to this one.
    Behind(i64),
}

/// Someone else with the plan open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presence {
    pub who: String,
    /// The item they are on (a kind and id, as the app names it), or empty.
    pub item: String,
    pub seconds_ago: i64,
}

/// An open connection.
#[derive(Debug)]
pub struct Remote {
    rt: Runtime,
    client: Client,
    server: String,
    user: String,
    notes: mpsc::UnboundedReceiver<String>,
}

impl Remote {
    /// Connects to `addr`: without TLS only to this computer, otherwise TLS checked against
    /// the operating system's certificates. The password is the address's, `PGPASSWORD`'s or
    /// the keychain's.
    pub fn connect(addr: &Address) -> Result<Remote> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| ShareError::Server(format!("could not start networking ({e})")))?;
        let password = secret::password(addr);
        let config = addr.config(password.as_deref());
        let server = addr.shown().to_owned();
        let (tx, notes) = mpsc::unbounded_channel();
        let client = if addr.is_local() {
            let (client, conn) = rt
                .block_on(config.connect(tokio_postgres::NoTls))
                .map_err(|e| ShareError::from_pg(&server, e))?;
            rt.spawn(forward(conn, tx));
            client
        } else {
            let mut config = config;
            config.ssl_mode(tokio_postgres::config::SslMode::Require);
            let tls = tls().map_err(|detail| ShareError::NeedsTls {
                server: server.clone(),
                detail,
            })?;
            let (client, conn) = rt.block_on(config.connect(tls)).map_err(|e| {
                match ShareError::from_pg(&server, e) {
                    ShareError::Offline { detail, .. }
                        if detail.contains("TLS") || detail.contains("ssl") =>
                    {
                        ShareError::NeedsTls {
                            server: server.clone(),
                            detail,
                        }
                    }
                    other => other,
                }
            })?;
            rt.spawn(forward(conn, tx));
            client
        };
        Ok(Remote {
            rt,
            client,
            server,
            user: addr.user().to_owned(),
            notes,
        })
    }

    /// The server's address, without a password.
    pub fn server(&self) -> &str {
        &self.server
    }

    /// The role this connection is.
    pub fn user(&self) -> &str {
        &self.user
    }

    fn pg<T>(&self, r: std::result::Result<T, tokio_postgres::Error>) -> Result<T> {
        r.map_err(|e| ShareError::from_pg(&self.server, e))
    }

    pub(crate) fn query_one(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Row> {
        self.pg(self.rt.block_on(self.client.query_one(sql, params)))
    }

    fn query(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>> {
        self.pg(self.rt.block_on(self.client.query(sql, params)))
    }

    fn execute(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64> {
        self.pg(self.rt.block_on(self.client.execute(sql, params)))
    }

    pub(crate) fn batch(&self, sql: &str) -> Result<()> {
        self.pg(self.rt.block_on(self.client.batch_execute(sql)))
    }

    /// Makes a shared plan of `start` (a workbook's content) called `name`, owned by this role.
    pub fn publish(&self, id: &str, name: &str, start: &Value) -> Result<()> {
        let done = self.execute(
            "SELECT planbook.publish($1::text::uuid, $2, $3)",
            &[&id, &name, start],
        );
        match done {
            Err(ShareError::Server(m)) if m.contains("23505") && m.contains("name") => {
                Err(ShareError::AlreadyShared(format!(
                    "a shared plan called “{name}” is already on the server; choose another name"
                )))
            }
            Err(ShareError::Server(m)) if m.contains("23505") => Err(ShareError::AlreadyShared(
                "this plan is already shared on the server (a copy of it was published before): join that plan instead".into(),
            )),
            other => other.map(|_| ()),
        }
    }

    /// The plan called `name`, if this role may see it.
    pub fn plan_named(&self, name: &str) -> Result<RemotePlan> {
        let rows = self.query(
            "SELECT id::text, name, start FROM planbook.plan WHERE name = $1",
            &[&name],
        )?;
        let row = rows
            .first()
            .ok_or_else(|| ShareError::NoSuchPlan(name.to_owned()))?;
        Ok(RemotePlan {
            id: row.get(0),
            name: row.get(1),
            start: row.get(2),
        })
    }

    /// The plans this role may see, by name.
    pub fn plans(&self) -> Result<Vec<(String, String)>> {
        Ok(self
            .query(
                "SELECT p.name, coalesce(planbook.access(p.id, current_user), '') FROM planbook.plan p ORDER BY p.name",
                &[],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }

    /// The plan's edits after `seq`, in order.
    pub fn edits_since(&self, plan_id: &str, seq: i64) -> Result<Vec<Received>> {
        let rows = self.query(
            "SELECT seq, id::text, author::text,
                    to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), label, ops
               FROM planbook.edit WHERE plan_id = $1::text::uuid AND seq > $2 ORDER BY seq",
            &[&plan_id, &seq],
        )?;
        rows.iter()
            .map(|r| {
                let ops: Vec<Op> = serde_json::from_value(r.get(5)).map_err(|e| {
                    ShareError::Server(format!(
                        "the server holds an edit Planbook cannot read ({e})"
                    ))
                })?;
                Ok(Received {
                    seq: r.get(0),
                    id: r.get(1),
                    author: r.get(2),
                    at: r.get(3),
                    label: r.get(4),
                    ops,
                })
            })
            .collect()
    }

    /// The number of the plan's latest edit (0 before any).
    pub fn head(&self, plan_id: &str) -> Result<i64> {
        Ok(self
            .query_one(
                "SELECT coalesce(max(seq), 0) FROM planbook.edit WHERE plan_id = $1::text::uuid",
                &[&plan_id],
            )?
            .get(0))
    }

    /// Pushes `ops` as the edit `id` on top of the plan's edit `based_on`. Acknowledged only
    /// once the server has committed it; the same id pushed again is applied once.
    pub fn push(
        &self,
        plan_id: &str,
        id: &str,
        based_on: i64,
        label: &str,
        ops: &[Op],
    ) -> Result<Pushed> {
        let ops = serde_json::to_value(ops).map_err(|e| ShareError::Server(e.to_string()))?;
        // In a transaction of its own, so the answer is read only after COMMIT has returned:
        // an edit is acknowledged only once the server has committed it.
        self.batch("BEGIN")?;
        let row = match self.query_one(
            "SELECT accepted, seq FROM planbook.push($1::text::uuid, $2::text::uuid, $3, $4, $5)",
            &[&plan_id, &id, &based_on, &label, &ops],
        ) {
            Ok(row) => row,
            Err(e) => {
                let _ = self.batch("ROLLBACK");
                return Err(e);
            }
        };
        self.batch("COMMIT")?;
        let (accepted, seq): (bool, i64) = (row.get(0), row.get(1));
        Ok(if accepted {
            Pushed::Accepted(seq)
        } else {
            Pushed::Behind(seq)
        })
    }

    /// Gives `role` access to the plan (owners only; the server refuses anyone else).
    pub fn grant(&self, plan_id: &str, role: &str, access: &str) -> Result<()> {
        self.execute(
            "INSERT INTO planbook.member (plan_id, role_name, access) VALUES ($1::text::uuid, $2, $3)
             ON CONFLICT (plan_id, role_name) DO UPDATE SET access = excluded.access",
            &[&plan_id, &role, &access],
        )?;
        Ok(())
    }

    /// Says this client has the plan open, on `item`.
    pub fn here(&self, plan_id: &str, client: &str, item: &str) -> Result<()> {
        self.execute(
            "INSERT INTO planbook.presence (plan_id, client, item) VALUES ($1::text::uuid, $2::text::uuid, $3)
             ON CONFLICT (plan_id, client) DO UPDATE SET item = excluded.item, seen_at = now()",
            &[&plan_id, &client, &item],
        )?;
        Ok(())
    }

    /// Says this client closed the plan.
    pub fn gone(&self, plan_id: &str, client: &str) -> Result<()> {
        self.execute(
            "DELETE FROM planbook.presence WHERE plan_id = $1::text::uuid AND client = $2::text::uuid",
            &[&plan_id, &client],
        )?;
        Ok(())
    }

    /// Who else has the plan open (seen in the last minute), and on which item.
    pub fn others(&self, plan_id: &str, client: &str) -> Result<Vec<Presence>> {
        Ok(self
            .query(
                "SELECT role_name::text, item, extract(epoch FROM now() - seen_at)::bigint
                   FROM planbook.presence
                  WHERE plan_id = $1::text::uuid AND client <> $2::text::uuid
                    AND seen_at > now() - interval '1 minute'
                  ORDER BY role_name, seen_at DESC",
                &[&plan_id, &client],
            )?
            .iter()
            .map(|r| Presence {
                who: r.get(0),
                item: r.get(1),
                seconds_ago: r.get(2),
            })
            .collect())
    }

    /// Asks the server to say when any plan gets an edit ([`Remote::wait_for_edit`]).
    pub fn listen(&self) -> Result<()> {
        self.batch("LISTEN planbook_edits")
    }

    /// Waits up to `timeout` for the server to say `plan_id` got an edit; returns its number.
    /// Notices of other plans are passed by.
    pub fn wait_for_edit(&mut self, plan_id: &str, timeout: Duration) -> Option<i64> {
        let deadline = tokio::time::Instant::now() + timeout;
        let notes = &mut self.notes;
        self.rt.block_on(async {
            loop {
                let note = tokio::time::timeout_at(deadline, notes.recv())
                    .await
                    .ok()??;
                if let Some((plan, seq)) = note.split_once(' ')
                    && plan == plan_id
                {
                    return seq.parse().ok();
                }
            }
        })
    }

    /// Whether the connection is still open.
    pub fn is_open(&self) -> bool {
        !self.client.is_closed()
    }
}

/// Drives the connection, passing the server's notices of new edits on.
async fn forward<S, T>(
    mut conn: tokio_postgres::Connection<S, T>,
    tx: mpsc::UnboundedSender<String>,
) where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    while let Some(message) = std::future::poll_fn(|cx| conn.poll_message(cx)).await {
        match message {
            Ok(AsyncMessage::Notification(n)) => {
                if tx.send(n.payload().to_owned()).is_err() {
                    return;
                }
            }
            Ok(_) => {}
            Err(_) => return,
        }
    }
}

/// TLS that checks the server's certificate against the operating system's store.
fn tls() -> std::result::Result<tokio_postgres_rustls::MakeRustlsConnect, String> {
    let mut roots = rustls::RootCertStore::empty();
    let found = rustls_native_certs::load_native_certs();
    for cert in found.certs {
        let _ = roots.add(cert);
    }
    if roots.is_empty() {
        return Err("this computer's certificate store holds no certificates".into());
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}
