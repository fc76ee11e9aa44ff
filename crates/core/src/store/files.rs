//! Writing files so that a crash never leaves a half-written file under the final name.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A name in the same folder for building `path` before it is renamed into place.
pub fn temp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.partial", std::process::id()))
}

/// Writes `bytes` to a temporary file beside `path`, syncs it, renames it to `path` and syncs
/// the folder, so `path` holds either its old content or the whole new content.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let temp = temp_beside(path);
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)?;
        sync_folder(path);
        Ok(())
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        match e.kind() {
            std::io::ErrorKind::PermissionDenied => Error::PermissionDenied {
                path: path.to_path_buf(),
            },
            std::io::ErrorKind::NotFound => Error::NotFound {
                path: path.parent().unwrap_or(path).to_path_buf(),
            },
            _ => Error::Io(e),
        }
    })
}

/// Makes a rename in `path`'s folder durable. Folders cannot be synced on every platform;
/// where they cannot, the rename is still atomic, only not yet durable.
pub fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}
