//! A copy for sending: compact, self-contained, and never half-written under its final name.

use std::path::Path;

use super::lineage::{self, Base};
use crate::error::{Error, Result};
use crate::store::{Lineage, Workbook, files};

/// What a copy carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CopyOptions {
    /// Include the edit history (undo, and who changed what). Without it, text deleted before
    /// copying cannot be recovered from the copy.
    pub with_history: bool,
}

/// Writes a copy of `wb` to `to` (which must not exist): `VACUUM INTO` a temporary file beside
/// it, record the copy's lineage there, drop the history unless asked to keep it, sync, and
/// rename into place. The copy remembers where it came from and what it held, so it can be
/// merged back.
pub fn send_copy(wb: &Workbook, to: &Path, options: CopyOptions) -> Result<()> {
    if to.exists() {
        return Err(Error::AlreadyExists {
            path: to.to_path_buf(),
        });
    }
    let folder = to
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(Error::NotFound {
            path: folder.to_path_buf(),
        });
    }
    let temp = files::temp_beside(to);
    let made = (|| -> Result<()> {
        let _ = std::fs::remove_file(&temp);
        let source_identity = lineage::identity(wb.reader())?;
        let file = wb.copy_to_new_file(&temp)?;
        file.atomically(|bk| {
            file.forget_lineage()?;
            if !options.with_history {
                file.drop_history()?;
            }
            bk.put_lineage(Lineage::WorkbookId, &crate::model::Id::new().0)?;
            bk.put_lineage(Lineage::CopiedFrom, &source_identity)?;
            let content = crate::content::Content::read(bk.reader())?;
            lineage::put_base(
                bk,
                Lineage::CopyBase,
                &Base {
                    at: crate::model::now().0,
                    edit_id: None,
                    content,
                },
            )
        })?;
        file.compact()?;
        file.close()?;
        std::fs::File::open(&temp)?.sync_all()?;
        if to.exists() {
            return Err(Error::AlreadyExists {
                path: to.to_path_buf(),
            });
        }
        std::fs::rename(&temp, to)?;
        files::sync_folder(to);
        Ok(())
    })();
    if made.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    made
}
