use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A row's stable identity: a UUID in its hyphenated lower-case text form.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
)]
#[serde(transparent)]
#[ts(type = "string")]
pub struct Id(pub String);

/// The namespace for ids derived from readable keys (the bundled example uses these, so its
/// ids are the same on every machine and in every build).
const KEY_NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6c1f_3b6e_9d3a_4e0b_a2a1_5f7e_91c4_d203);

impl Id {
    /// A fresh random id.
    pub fn new() -> Self {
        Id(uuid::Uuid::new_v4().hyphenated().to_string())
    }

    /// The id for a readable key, the same every time.
    pub fn from_key(key: &str) -> Self {
        Id(uuid::Uuid::new_v5(&KEY_NAMESPACE, key.as_bytes())
            .hyphenated()
            .to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the text is a UUID written the way Planbook writes them.
    pub fn is_well_formed(&self) -> bool {
        uuid::Uuid::try_parse(&self.0).is_ok_and(|u| u.hyphenated().to_string() == self.0)
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A moment in UTC, written as RFC 3339 text with millisecond precision (for example
/// `2026-11-23T18:46:55.123Z`), so that text written and read back is identical.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
)]
#[serde(transparent)]
#[ts(type = "string")]
pub struct Timestamp(pub String);

/// Now, as a [`Timestamp`].
pub fn now() -> Timestamp {
    Timestamp(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

impl Timestamp {
    pub fn parse(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        chrono::DateTime::parse_from_rfc3339(&self.0)
            .ok()
            .map(|d| d.to_utc())
    }
}
