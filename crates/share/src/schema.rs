//! Planbook's schema on the server: the SQL an IT team runs once, its format version, and
//! the check every connection makes.

use crate::error::{Result, ShareError};
use crate::remote::Remote;

/// The server schema's format this Planbook writes and understands.
pub const FORMAT: i32 = 1;

/// Each format's SQL, in order: format N is reached by running the first N steps, and each
/// step records its own format in `planbook.format`.
const MIGRATIONS: &[&str] = &[include_str!("../sql/server_v1.sql")];

/// The SQL that brings a server from format `from` (0: no schema) to [`FORMAT`].
pub fn sql_from(from: i32) -> String {
    MIGRATIONS
        .iter()
        .skip(usize::try_from(from).unwrap_or(0))
        .copied()
        .collect()
}

/// What an IT team is told beside the SQL: how planners get their roles.
pub const ROLES_HELP: &str = "-- Then give each planner a login role in the group planbook_planner, for example:\n\
--   CREATE ROLE alice LOGIN PASSWORD '…' IN ROLE planbook_planner;\n\
-- A planner who publishes a plan owns it and gives others access with\n\
--   planbook server grant URL --plan NAME --role bob --access editor\n\
-- (viewer: may read; editor: may change; owner: may also give access).\n\
-- Require TLS for every connection that is not from the server itself (pg_hba.conf: hostssl).\n";

impl Remote {
    /// The server's schema format, or 0 if it has none.
    pub fn format(&self) -> Result<i32> {
        let exists: bool = self
            .query_one("SELECT to_regclass('planbook.format') IS NOT NULL", &[])?
            .get(0);
        if !exists {
            return Ok(0);
        }
        Ok(self
            .query_one("SELECT max(version) FROM planbook.format", &[])?
            .get::<_, Option<i32>>(0)
            .unwrap_or(0))
    }

    /// Refuses a server without Planbook's schema, or with another format than this one's.
    pub fn check_format(&self) -> Result<()> {
        match self.format()? {
            0 => Err(ShareError::NoSchema {
                server: self.server().to_owned(),
            }),
            f if f > FORMAT => Err(ShareError::SchemaTooNew {
                found: f,
                supported: FORMAT,
            }),
            f if f < FORMAT => Err(ShareError::SchemaTooOld {
                found: f,
                supported: FORMAT,
            }),
            _ => Ok(()),
        }
    }

    /// Creates or upgrades Planbook's schema, in one transaction; returns the format it was.
    pub fn init(&mut self) -> Result<i32> {
        let from = self.format()?;
        if from > FORMAT {
            return Err(ShareError::SchemaTooNew {
                found: from,
                supported: FORMAT,
            });
        }
        if from < FORMAT {
            self.batch(&format!("BEGIN;\n{}\nCOMMIT;", sql_from(from)))?;
        }
        Ok(from)
    }
}

/// Runs SQL of an administrator's own (making roles, say), as one batch: for `server init`'s
/// caller and the tests; Planbook's own queries never take SQL text from outside.
pub fn run_as_admin(admin: &Remote, sql: &str) -> Result<()> {
    admin.batch(sql)
}
