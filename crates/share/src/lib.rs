//! `planbook-share`: a workbook linked to a shared plan on a PostgreSQL server, for
//! partnerships that outgrow emailing copies.
//!
//! A planner always edits a local workbook (offline, instant, emailable as before). Linked to
//! a shared plan, its edits are pushed to the server, which orders them; everyone else's are
//! pulled and merged in. What is decided about content (what came, what goes, the three-way
//! merge, conflicts) is core's, in `planbook_core::sync::shared`; this crate holds only what
//! talks to the server:
//!
//! - [`address`]: a server address, kept without its password; TLS except to this computer.
//! - [`secret`]: passwords in the operating system's keychain.
//! - [`remote`]: a connection and the queries a shared plan needs (publish, edits since,
//!   push, access, presence, LISTEN/NOTIFY).
//! - [`schema`]: Planbook's schema on the server (`sql/`), its format, `server init`.
//! - [`sync`]: publish, join and sync.
//! - `test_server` (feature `test-server`): a real PostgreSQL for tests and benchmarks.

pub mod address;
pub mod error;
pub mod remote;
pub mod schema;
pub mod secret;
pub mod sync;
#[cfg(feature = "test-server")]
pub mod test_server;

pub use address::Address;
pub use error::{Result, ShareError};
pub use remote::{Presence, Pushed, Remote};
pub use sync::{Held, Pulled, Settle, SyncReport, connect, grant, join, publish, sync, sync_held};
