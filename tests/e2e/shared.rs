//! A shared plan on a real PostgreSQL (`planbook_share::test_server`) in the window: another
//! planner's edit, pushed from their own client, appears without anyone doing anything and the
//! header says "Up to date" and who else is in the plan, on which item; then File › Share on a
//! Server… shares another workbook. With `PLANBOOK_SCREENSHOTS` naming a folder, the header and
//! the share dialog are photographed there (docs/screenshots/ holds the committed ones).

use planbook_core::model::Action;
use planbook_core::sync::shared;
use planbook_share::test_server::TestServer;
use planbook_share::{Settle, join, publish, sync};

use crate::sharing::{example_at, replace_text};
use crate::*;

const BOBS_TITLE: &str = "Our Dorset, as Bob left it";

/// Saves what the window shows as `name` under `PLANBOOK_SCREENSHOTS`, if it is set.
fn photograph(app: &Session, name: &str) {
    let Ok(folder) = std::env::var("PLANBOOK_SCREENSHOTS") else {
        return;
    };
    std::thread::sleep(Duration::from_millis(500));
    let png = app.call("GET", "/screenshot", None);
    let text = png.as_str().expect("a screenshot in base64");
    let b64 = Path::new(&folder).join(format!("{name}.b64"));
    std::fs::write(&b64, text).unwrap();
    let out = std::fs::File::create(Path::new(&folder).join(format!("{name}.png"))).unwrap();
    let decoded = Command::new("base64")
        .arg("-d")
        .arg(&b64)
        .stdout(out)
        .status()
        .unwrap();
    assert!(decoded.success());
    std::fs::remove_file(b64).unwrap();
}

#[test]
fn e2e_another_planners_edit_appears_and_the_header_says_up_to_date() {
    let Some(desktop) = desktop() else { return };
    let server = TestServer::start();
    let alice_path = desktop.path("Our Dorset (shared).sqlite");
    let mut alice = example_at(&alice_path);
    publish(&mut alice, &server.address("alice"), "Our Dorset").unwrap();
    drop(alice);
    planbook_share::grant(&server.remote("alice"), "Our Dorset", "bob", "editor").unwrap();
    let mut bob = join(
        &server.address("bob"),
        "Our Dorset",
        &desktop.path("bob.sqlite"),
    )
    .unwrap();
    let bob_remote = server.remote("bob");

    let app = desktop.launch(&[&alice_path]);
    app.call(
        "POST",
        "/window/rect",
        Some(json!({ "x": 0, "y": 0, "width": 1280, "height": 800 })),
    );
    app.wait_text("share-state", |t| t.contains("Up to date"));

    // Bob is on an action, and changes the plan's title from his own client.
    let link = shared::link(bob.reader()).unwrap().unwrap();
    let action: Action = bob.list::<Action>().unwrap().remove(4);
    bob_remote
        .here(
            &link.plan_id,
            &uuid::Uuid::new_v4().to_string(),
            &format!("action:{}", action.id.0),
        )
        .unwrap();
    let plan_id = bob.plan().unwrap().id;
    bob.set(Kind::Plan, &plan_id, "title", BOBS_TITLE.into())
        .unwrap();
    let report = sync(&mut bob, &bob_remote, &Settle::Ask).unwrap();
    assert_eq!(report.sent, 1);

    app.wait_text("plan-title", |t| t.contains(BOBS_TITLE));
    app.wait_text("share-state", |t| t.contains("Up to date"));
    let other = app.wait_text("share-other", |t| t.contains("bob"));
    assert!(other.contains(&action.code), "{other}");
    photograph(&app, "shared-header");
    app.quit();

    // File › Share on a Server… (its button beside the other file actions) shares another
    // plan (a new one: the example's plan, whatever its file, is shared already).
    let mine = desktop.path("Not shared yet.sqlite");
    let start = Start::Blank {
        title: "Our Dorset 2027".into(),
    };
    drop(Workbook::create(&mine, start).unwrap());
    let app = desktop.launch(&[&mine]);
    app.call(
        "POST",
        "/window/rect",
        Some(json!({ "x": 0, "y": 0, "width": 1280, "height": 800 })),
    );
    // Clicked as a script does, so the window is not scrolled to the button (the photograph
    // shows it as a planner sees it).
    app.js("document.querySelector('[data-testid=share-on-server]').click(); return null;");
    let address = app.get("server-plan-share-server");
    app.type_into(&address, &server.url("carol"));
    let plan = app.get("server-plan-share-plan");
    replace_text(&app, &plan, "Our Dorset 2027");
    app.wait_value("server-plan-share-plan", |v| v == "Our Dorset 2027");
    photograph(&app, "share-dialog");
    app.click_testid("server-plan-share-start");
    app.wait_text("server-plan-share-done", |t| t.contains("Our Dorset 2027"));
    app.click_testid("server-plan-share-close");
    app.wait_text("share-state", |t| t.contains("Up to date"));
    app.quit();
}
