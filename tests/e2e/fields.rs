//! Fields a planner can trust (issue 9): a long title counted and kept, never cut; a date
//! picked from the calendar beside its box and saved. The app runs under LANG=en_US.UTF-8
//! like every e2e desktop, so the dates shown are the plan's (31/03/2027), not the locale's.

use crate::*;

const PAGE_DOWN: &str = "\u{E00F}";
const ARROW_RIGHT: &str = "\u{E014}";
const ESCAPE: &str = "\u{E00C}";

/// The element that has the keyboard focus.
fn focused(app: &Session) -> String {
    app.call("GET", "/element/active", None)[ELEMENT]
        .as_str()
        .expect("an element has the focus")
        .to_owned()
}

fn plan_of(file: &Path) -> planbook_core::model::Plan {
    Workbook::open(file, planbook_core::Access::ReadOnly)
        .unwrap()
        .plan()
        .unwrap()
}

#[test]
fn e2e_a_5000_character_title_is_counted_and_kept_never_cut() {
    let Some(desktop) = desktop() else { return };
    let [file] = desktop.example_workbooks([("long.sqlite", "Our Dorset")]);
    let app = desktop.launch(&[&file]);
    app.click_testid("nav-plan");
    let title = app.get("plan-title-input");
    app.js("document.querySelector('[data-testid=\"plan-title-input\"]').value = ''; return null;");
    // Typed key by key, in parts (each WebDriver call must answer within the client's 60 s).
    for _ in 0..10 {
        app.type_into(&title, &"Plan ".repeat(100));
    }
    // The counter speaks as the planner types, past the limit core declares (160).
    app.wait_text("plan-title-input-count", |t| {
        t.contains("4,840 characters too many")
    });
    assert_eq!(
        app.attribute(&title, "aria-invalid").as_deref(),
        Some("true")
    );
    // Leaving the field: refused at the field, in words without the plan's name, text kept.
    app.type_into(&title, TAB);
    app.wait_text("plan-title-input-error", |t| {
        t.contains("Title is 5,000 characters long") && !t.contains("Our Dorset")
    });
    assert_eq!(app.value(&title).chars().count(), 5000);
    assert_eq!(plan_of(&file).title, "Our Dorset", "nothing was saved");
    // Nothing runs out of its card or the window.
    assert_eq!(
        app.js(
            "const card = document.querySelector('[data-testid=\"plan-title-input\"]').closest('.panel');
             return card.scrollWidth <= card.clientWidth
                 && document.documentElement.scrollWidth <= window.innerWidth;"
        ),
        json!(true)
    );
    app.quit();
}

#[test]
fn e2e_a_date_picked_from_the_calendar_is_saved() {
    let Some(desktop) = desktop() else { return };
    let [file] = desktop.example_workbooks([("calendar.sqlite", "Our Dorset")]);
    let end = plan_of(&file)
        .period_end
        .expect("the example's plan has an end");
    let app = desktop.launch(&[&file]);
    app.click_testid("nav-plan");
    app.wait_value("plan-period-end-input", |v| {
        v == planbook_core::typing::date_for_field(end)
    });

    // Escape closes the calendar and gives the focus back to its button; nothing changes.
    app.click_testid("plan-period-end-input-calendar-button");
    app.get("plan-period-end-input-calendar");
    app.type_into(&focused(&app), ESCAPE);
    app.wait("the calendar to close", || {
        app.all("[data-testid='plan-period-end-input-calendar']")
            .is_empty()
            .then_some(())
    });
    assert_eq!(
        app.js("return document.activeElement.dataset.testid;"),
        json!("plan-period-end-input-calendar-button")
    );

    // A month on, a day on, Enter: the day picked, in the box as typed and in the file.
    app.click_testid("plan-period-end-input-calendar-button");
    app.get("plan-period-end-input-calendar");
    let month_on = end
        .checked_add_months(chrono::Months::new(1))
        .unwrap()
        .succ_opt()
        .unwrap();
    app.type_into(&focused(&app), PAGE_DOWN);
    app.wait("the calendar a month on", || {
        (app.js("return document.activeElement.getAttribute('aria-label');")
            == json!(planbook_core::typing::date_in_words(
                end.checked_add_months(chrono::Months::new(1)).unwrap()
            )))
        .then_some(())
    });
    app.type_into(&focused(&app), ARROW_RIGHT);
    app.type_into(&focused(&app), ENTER);
    app.wait_value("plan-period-end-input", |v| {
        v == planbook_core::typing::date_for_field(month_on)
    });
    app.wait("the date in the file", || {
        (plan_of(&file).period_end == Some(month_on)).then_some(())
    });
    app.quit();
}
