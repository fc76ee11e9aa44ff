//! What can go wrong with a shared plan, each in words that say what happened and what to do.

use thiserror::Error;

pub type Result<T> = std::result::Result<T, ShareError>;

#[derive(Debug, Error)]
pub enum ShareError {
    #[error("{0}")]
    BadAddress(String),

    #[error(
        "the server at {server} cannot be reached ({detail}); you can go on working, and Planbook sends your edits when it is back"
    )]
    Offline { server: String, detail: String },

    #[error("the server at {server} refused the connection: {detail}")]
    Refused { server: String, detail: String },

    #[error(
        "{server} is not on this computer, so the connection must be encrypted (TLS), and it could not be: {detail}. Ask your IT team for the server's certificate or its TLS settings"
    )]
    NeedsTls { server: String, detail: String },

    #[error(
        "the server at {server} has no Planbook schema yet: whoever looks after it runs “planbook server init {server} --apply” once (or runs the SQL that “planbook server init {server}” prints)"
    )]
    NoSchema { server: String },

    #[error(
        "the server's Planbook schema is format {found}, newer than this Planbook understands ({supported}): update Planbook"
    )]
    SchemaTooNew { found: i32, supported: i32 },

    #[error(
        "the server's Planbook schema is format {found}, older than this Planbook's ({supported}): whoever looks after the server runs “planbook server init URL --apply” to upgrade it"
    )]
    SchemaTooOld { found: i32, supported: i32 },

    #[error(
        "there is no shared plan called “{0}” on the server that you may see (ask its owner to add you)"
    )]
    NoSuchPlan(String),

    #[error("{0}")]
    AlreadyShared(String),

    #[error(
        "this workbook is not linked to a shared plan: publish it to a server, or join a shared plan to make a linked workbook"
    )]
    NotLinked,

    #[error("the server did not allow that: {0}")]
    NotAllowed(String),

    #[error("the server failed: {0}")]
    Server(String),

    #[error(transparent)]
    Core(#[from] planbook_core::Error),
}

impl ShareError {
    /// A stable code for the app's `{code, message}` errors and for tests.
    pub fn code(&self) -> &'static str {
        match self {
            ShareError::BadAddress(_) => "bad_address",
            ShareError::Offline { .. } => "offline",
            ShareError::Refused { .. } => "refused",
            ShareError::NeedsTls { .. } => "needs_tls",
            ShareError::NoSchema { .. } => "no_schema",
            ShareError::SchemaTooNew { .. } => "schema_too_new",
            ShareError::SchemaTooOld { .. } => "schema_too_old",
            ShareError::NoSuchPlan(_) => "no_such_plan",
            ShareError::AlreadyShared(_) => "already_shared",
            ShareError::NotLinked => "not_linked",
            ShareError::NotAllowed(_) => "not_allowed",
            ShareError::Server(_) => "server",
            ShareError::Core(e) => e.code(),
        }
    }

    /// Whether trying again later may work (the server or the network was away).
    pub fn is_offline(&self) -> bool {
        matches!(self, ShareError::Offline { .. })
    }

    /// A server error in words: permission refusals (row-level security, grants) are the
    /// server deciding who may change what; a lost connection is being offline.
    pub(crate) fn from_pg(server: &str, e: tokio_postgres::Error) -> ShareError {
        if let Some(db) = e.as_db_error() {
            let state = db.code().code();
            return match state {
                // insufficient_privilege; row-level security's refusal is the same code.
                "42501" => ShareError::NotAllowed(format!(
                    "{} (only a plan's editors and owners may change it, and only its owners may give others access; ask an owner)",
                    db.message()
                )),
                "28000" | "28P01" => ShareError::Refused {
                    server: server.to_owned(),
                    detail: format!("{} (check your name and password)", db.message()),
                },
                "3F000" | "42P01" | "42883" => ShareError::NoSchema {
                    server: server.to_owned(),
                },
                // The server shutting down or restarting.
                s if s.starts_with("57P") || s.starts_with("08") => ShareError::Offline {
                    server: server.to_owned(),
                    detail: db.message().to_owned(),
                },
                _ => ShareError::Server(format!("{} ({state})", db.message())),
            };
        }
        // tokio-postgres says "error connecting to server"; the cause beneath says why.
        let mut detail = e.to_string();
        if let Some(cause) = std::error::Error::source(&e) {
            detail = format!("{detail}: {cause}");
        }
        ShareError::Offline {
            server: server.to_owned(),
            detail,
        }
    }
}
