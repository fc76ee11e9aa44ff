//! The closed sets of values some fields take. Each is stored and serialised as snake_case
//! text and has a `label` in the words planners use.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in the order they are offered to the user.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value in plain words.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

labelled_enum! {
    /// Where the plan document is in its life.
    PlanStatus {
        #[default] Draft => "Draft",
        Consultation => "Out for consultation",
        Approved => "Approved",
        Published => "Published",
    }
}

labelled_enum! {
    /// How an action is going.
    ActionStatus {
        #[default] NotStarted => "Not started",
        OnTrack => "On track",
        AtRisk => "At risk",
        OffTrack => "Off track",
        Complete => "Complete",
        Dropped => "Dropped",
    }
}

impl ActionStatus {
    /// Finished actions (complete or dropped) are never overdue.
    pub fn is_open(self) -> bool {
        !matches!(self, ActionStatus::Complete | ActionStatus::Dropped)
    }
}

labelled_enum! {
    /// Which way a measure should move.
    Direction {
        #[default] HigherIsBetter => "Higher is better",
        LowerIsBetter => "Lower is better",
    }
}

labelled_enum! {
    /// What kind of organisation a partner is.
    PartnerKind {
        #[default] Nhs => "NHS",
        LocalAuthority => "Local authority",
        PublicService => "Public service",
        VoluntaryCommunity => "Voluntary and community",
        Other => "Other",
    }
}
