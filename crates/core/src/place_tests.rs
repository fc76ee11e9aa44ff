//! The rules about a workbook's place, including Windows' own, checked on every system.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use super::*;

#[test]
fn titles_become_names_every_system_accepts() {
    assert_eq!(
        safe_file_stem("Our Dorset: 2026/27 plan?"),
        "Our Dorset- 2026-27 plan-"
    );
    assert_eq!(safe_file_stem("  ..  "), "Plan");
    assert_eq!(safe_file_stem("Plan. "), "Plan");
    assert_eq!(safe_file_stem(".hidden"), "hidden");
    assert_eq!(safe_file_stem("Tab\there"), "Tab-here");
    assert_eq!(safe_file_stem("con"), "con plan");
    assert_eq!(safe_file_stem("NUL.draft"), "NUL.draft plan");
    assert_eq!(safe_file_stem("Console"), "Console");
    let long = "Working together ".repeat(20);
    let stem = safe_file_stem(&long);
    assert!(stem.chars().count() <= LONGEST_STEM);
    assert!(!stem.ends_with(' '));
    // A character boundary, never a byte in the middle of one.
    assert_eq!(
        safe_file_stem(&"é".repeat(300)).chars().count(),
        LONGEST_STEM
    );
}

#[test]
fn long_windows_paths_are_given_to_sqlite_in_their_verbatim_form() {
    let short = Path::new(r"C:\Users\alice\Plans\plan.sqlite");
    assert_eq!(verbatim_if_long(short), short);
    let deep = format!(r"C:\Users\alice\{}\plan.sqlite", "Folder\\".repeat(40));
    let made = verbatim_if_long(Path::new(&deep));
    assert!(made.to_string_lossy().starts_with(r"\\?\"), "{made:?}");
    let already = format!(r"\\?\{deep}");
    assert_eq!(verbatim_if_long(Path::new(&already)), Path::new(&already));
}

#[test]
fn sync_folders_are_recognised_by_their_apps_names() {
    let cases = [
        (
            "/Users/alice/OneDrive - NHS Dorset/Plans/plan.sqlite",
            Some(SyncService::OneDrive),
        ),
        (
            "/home/alice/OneDrive/plan.sqlite",
            Some(SyncService::OneDrive),
        ),
        (
            "/Users/alice/Library/CloudStorage/OneDrive-NHSDorset/plan.sqlite",
            Some(SyncService::OneDrive),
        ),
        (
            "/Users/alice/Dropbox (Council)/plan.sqlite",
            Some(SyncService::Dropbox),
        ),
        (
            "/Users/alice/Library/CloudStorage/GoogleDrive-alice@example.org/My Drive/plan.sqlite",
            Some(SyncService::GoogleDrive),
        ),
        (
            "/Users/alice/Library/Mobile Documents/com~apple~CloudDocs/plan.sqlite",
            Some(SyncService::ICloud),
        ),
        ("/home/alice/Plans/plan.sqlite", None),
        // The workbook's own name does not make its folder a sync folder.
        ("/home/alice/Plans/OneDrive.sqlite", None),
    ];
    for (path, service) in cases {
        assert_eq!(sync_service(Path::new(path)), service, "{path}");
    }
}

#[test]
fn conflict_copies_are_found_beside_a_workbook_in_a_sync_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("OneDrive - NHS Dorset");
    std::fs::create_dir(&folder).unwrap();
    let workbook = folder.join("Our plan.sqlite");
    drop(
        crate::Workbook::create(
            &workbook,
            crate::Start::Blank {
                title: "Our plan".into(),
            },
        )
        .unwrap(),
    );
    std::fs::copy(&workbook, folder.join("Our plan-LAPTOP7.sqlite")).unwrap();
    std::fs::copy(&workbook, folder.join("Our plan-LAPTOP7-2.sqlite")).unwrap();
    // Not conflict copies: a deliberate second version, and a file that is not a workbook.
    std::fs::copy(&workbook, folder.join("Our plan - version 2.sqlite")).unwrap();
    std::fs::write(folder.join("Our plan-NOTES.sqlite"), b"not a workbook").unwrap();

    let notes = assess(&workbook);
    assert_eq!(
        notes,
        vec![
            PlaceNote::SyncFolder {
                service: SyncService::OneDrive
            },
            PlaceNote::ConflictCopies {
                service: SyncService::OneDrive,
                names: vec![
                    "Our plan-LAPTOP7-2.sqlite".into(),
                    "Our plan-LAPTOP7.sqlite".into()
                ],
            },
        ]
    );
    assert!(notes[1].message().contains("Merge a Colleague's Copy"));
    assert!(notes[1].message().contains("2 other versions"));
    assert!(notes[1].message().contains("“Our plan-LAPTOP7.sqlite”"));
}

#[test]
fn dropbox_says_conflicted_copy() {
    assert!(is_conflict_copy(
        "Plan (Alice's conflicted copy 2026-11-30).sqlite",
        "Plan",
        SyncService::Dropbox
    ));
    assert!(!is_conflict_copy(
        "Plan (1).sqlite",
        "Plan",
        SyncService::Dropbox
    ));
}

#[test]
fn network_file_systems_are_recognised_from_the_mount_table() {
    let mountinfo = "\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:50 / /mnt/shared\\040plans rw,relatime shared:2 - cifs //fileserver/plans rw
41 22 0:51 / /mnt/shared\\040plans/local rw shared:3 - ext4 /dev/sdb1 rw
42 22 0:52 / /home/alice/nfs rw shared:4 - nfs4 server:/export rw";
    assert!(network_fs_type(
        mountinfo,
        Path::new("/mnt/shared plans/2026")
    ));
    assert!(!network_fs_type(
        mountinfo,
        Path::new("/mnt/shared plans/local/x")
    ));
    assert!(network_fs_type(mountinfo, Path::new("/home/alice/nfs")));
    assert!(!network_fs_type(mountinfo, Path::new("/home/alice/Plans")));
}

#[test]
fn a_workbook_in_an_ordinary_folder_has_nothing_to_say() {
    let dir = tempfile::tempdir().unwrap();
    assert!(assess(&dir.path().join("plan.sqlite")).is_empty());
}

#[test]
fn an_online_only_file_that_cannot_be_fetched_is_said_in_plain_words() {
    // ERROR_CLOUD_FILE_PROVIDER_NOT_RUNNING, as Windows reports an OneDrive placeholder it
    // cannot fetch; on other systems the same number means something else.
    let provider_not_running = std::io::Error::from_raw_os_error(362);
    assert_eq!(is_cloud_file_error(&provider_not_running), cfg!(windows));
    assert!(!is_cloud_file_error(&std::io::Error::from_raw_os_error(2)));
    let refusal = crate::Error::NotDownloaded {
        path: "C:/Users/alice/OneDrive - NHS Dorset/plan.sqlite".into(),
    };
    assert_eq!(refusal.code(), "not_downloaded");
    assert!(refusal.to_string().contains("kept online"));
    assert!(
        refusal
            .hint_for(crate::Surface::App)
            .contains("Always keep on this device")
    );
}
