//! Many-to-many links. Each link is a row of its own, with its own id and timestamps like
//! every other row, and at most one link joins the same two rows.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Id, Timestamp};

macro_rules! link {
    ($(#[$meta:meta])* $name:ident, $a:ident, $b:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            pub id: Id,
            pub $a: Id,
            pub $b: Id,
            pub created_at: Timestamp,
            pub updated_at: Timestamp,
        }
    };
}

link!(
    /// A priority contributes to an aim.
    PriorityAim, priority_id, aim_id
);
link!(
    /// A priority is expected to lead to an outcome.
    PriorityOutcome, priority_id, outcome_id
);
link!(
    /// An action serves a priority.
    ActionPriority, action_id, priority_id
);
link!(
    /// An action serves an outcome.
    ActionOutcome, action_id, outcome_id
);
link!(
    /// A partner supports an action (the lead partner is a field of the action).
    ActionPartner, action_id, partner_id
);
