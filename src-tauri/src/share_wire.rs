//! The wire types of a shared plan on a server (issue 13): the header's status, who else has
//! the plan open, what File › Share on a Server… and File › Open a Shared Plan… send, and the
//! event by which others' edits reach the window. Registered with the generator of
//! `ui/src/lib/wire.ts` by [`visit_all`].

use serde::{Deserialize, Serialize};
use ts_rs::{TS, TypeVisitor};

use crate::wire::{Edited, WireError, WorkbookId};

/// Where a shared workbook stands with its server, as the header says it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SyncState {
    /// Not reached the server yet since the workbook was opened.
    Connecting,
    /// Everything here is on the server and everything on the server is here.
    UpToDate,
    /// Edits made here and not yet on the server (row changes).
    ToSend { edits: usize },
    /// The server cannot be reached: edits are kept here and sent when it is back.
    Offline { to_send: usize, message: String },
    /// Others changed the same things as this planner: nothing more is merged or sent until
    /// the planner settles them.
    Conflicts { count: usize },
    /// The server refused (no access, no schema…): what it said.
    Refused { error: WireError },
}

/// Someone else with the plan open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OtherPlanner {
    /// Their name on the server.
    pub who: String,
    /// The item they are on, in words ("A05 “Community transport”"), if any.
    pub item: Option<String>,
}

/// A shared workbook's status: the plan, its server, the state, and who else is in it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ShareStatus {
    pub plan: String,
    /// The server's address, without a password.
    pub server: String,
    pub state: SyncState,
    pub others: Vec<OtherPlanner>,
}

/// What the `shared-plan` event carries, and what settling conflicts answers: the status
/// now, and, when others' edits changed rows here, what they changed (patched into the
/// window like an edit's answer).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SharedSynced {
    pub workbook: WorkbookId,
    pub status: ShareStatus,
    pub edited: Option<Edited>,
}

/// A server and a plan as typed into File › Share on a Server… or Open a Shared Plan….
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ServerPlan {
    /// `postgres://name@server/database`.
    pub server: String,
    /// Kept in the keychain, never in the workbook; empty when the keychain has it already.
    pub password: String,
    pub plan: String,
}

/// Registers these types (and what they reach) with the wire types' generator.
pub fn visit_all(visitor: &mut impl TypeVisitor) {
    visitor.visit::<ShareStatus>();
    visitor.visit::<SharedSynced>();
    visitor.visit::<ServerPlan>();
}
