//! Reading the repository's own files, for the tests that check its settings
//! (`security.rs`, `platforms.rs`).

use std::path::PathBuf;

use serde_json::Value;

/// The repository's root (the app package's folder).
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file of the repository, as text.
pub(crate) fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A JSON file of the repository.
pub(crate) fn json(path: &str) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}
