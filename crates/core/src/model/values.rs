//! The closed sets of values some fields take. Each value is stored and serialised as the word
//! written beside it and has a `label` in the words planners use. The words are written once,
//! here: serde, the field declarations (`FieldType::Closed`) and the merge review read them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A closed set of values, as the stored word and the label of each.
pub trait ClosedSet {
    const WORDS: &'static [(&'static str, &'static str)];
}

macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident $word:literal => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $word)] $variant),+ }

        impl ClosedSet for $name {
            const WORDS: &'static [(&'static str, &'static str)] = &[$(($word, $label)),+];
        }

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
        #[default] Draft "draft" => "Draft",
        Consultation "consultation" => "Out for consultation",
        Approved "approved" => "Approved",
        Published "published" => "Published",
    }
}

labelled_enum! {
    /// How an action is going.
    ActionStatus {
        #[default] NotStarted "not_started" => "Not started",
        OnTrack "on_track" => "On track",
        AtRisk "at_risk" => "At risk",
        OffTrack "off_track" => "Off track",
        Complete "complete" => "Complete",
        Dropped "dropped" => "Dropped",
    }
}

impl PlanStatus {
    /// Whether the plan has been agreed (approved or published): until then every export of
    /// the plan document is offered marked DRAFT.
    pub fn is_agreed(self) -> bool {
        matches!(self, PlanStatus::Approved | PlanStatus::Published)
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
        #[default] HigherIsBetter "higher_is_better" => "Higher is better",
        LowerIsBetter "lower_is_better" => "Lower is better",
    }
}

labelled_enum! {
    /// What kind of organisation a partner is.
    PartnerKind {
        #[default] Nhs "nhs" => "NHS",
        LocalAuthority "local_authority" => "Local authority",
        PublicService "public_service" => "Public service",
        VoluntaryCommunity "voluntary_community" => "Voluntary and community",
        Other "other" => "Other",
    }
}
