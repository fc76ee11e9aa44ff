//! One running Planbook per person: a second launch hands its workbook to the first and ends.

use crate::*;

/// The running processes of the app under test (zombies, whose program can no longer be
/// read, are not running).
fn running_apps() -> usize {
    let app = std::fs::canonicalize(APP).unwrap();
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| std::fs::read_link(e.path().join("exe")).is_ok_and(|exe| exe == app))
        .count()
}

#[test]
fn e2e_a_second_launch_hands_its_workbook_to_the_running_app() {
    let Some(desktop) = desktop() else { return };
    let [first, second] = desktop.example_workbooks([
        ("first.sqlite", "Our Dorset"),
        ("second.sqlite", "Second plan"),
    ]);
    let app = desktop.launch(&[&first]);
    app.wait_text("workbook-file-name", |t| t.contains("first.sqlite"));
    assert_eq!(running_apps(), 1);

    // As a double-click in a file manager does: the program again, with the file, started
    // from the file's folder (so the path is relative to the second process, not the first).
    let mut again = Command::new(APP)
        .arg("second.sqlite")
        .current_dir(desktop.dir.path())
        .env("DISPLAY", format!(":{}", desktop.display))
        .env("DBUS_SESSION_BUS_ADDRESS", &desktop.bus_address)
        .env("XDG_DATA_HOME", desktop.path("data"))
        .env("NO_AT_BRIDGE", "1")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let status = wait_for(Duration::from_secs(30), "the second launch to end", || {
        again.try_wait().unwrap()
    });
    assert!(status.success(), "the second launch ended with {status}");

    app.wait_text("workbook-file-name", |t| t.contains("second.sqlite"));
    app.wait_text("plan-title", |t| t.contains("Second plan"));
    assert_eq!(
        running_apps(),
        1,
        "one process, showing the second workbook"
    );
    // The first workbook was closed as any replaced workbook is: its lock released.
    assert!(!planbook_core::store::lock::marker_path(&first).exists());
    assert!(planbook_core::store::lock::marker_path(&second).exists());
    app.quit();
}
