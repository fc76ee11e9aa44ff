//! The layout step, inspected without any PDF: page breaks, repeated table headers, contents
//! page numbers, headings kept with what follows, and nothing outside the text area.

use planbook_core::document::fonts::{Face, Fonts};
use planbook_core::document::{self, ExportOptions, Item, Layout};
use planbook_core::example;
use planbook_core::model::*;

fn options() -> ExportOptions {
    ExportOptions {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        ..ExportOptions::default()
    }
}

/// The example with `n` extra actions under its first priority.
fn with_many_actions(n: usize) -> planbook_core::Content {
    let mut c = example::content("our-dorset").expect("the example builds");
    let p = c.priorities[0].id.clone();
    for k in 0..n {
        let id = Id::from_key(&format!("test/action/{k}"));
        c.actions.push(Action {
            id: id.clone(),
            code: format!("T{k}"),
            title: format!("Test action number {k} with a title long enough to wrap in its column"),
            description: "A description of two lines or so, to make rows of different heights."
                .into(),
            position: 100 + k as i64,
            ..Action::default()
        });
        c.action_priorities.push(ActionPriority {
            id: Id::from_key(&format!("test/ap/{k}")),
            action_id: id,
            priority_id: p.clone(),
            ..ActionPriority::default()
        });
    }
    c
}

fn text_extent(l: &Layout) -> Vec<(usize, f32, f32, f32, String)> {
    let fonts = Fonts::get().expect("fonts");
    let mut out = Vec::new();
    for (n, page) in l.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text {
                x,
                y,
                size,
                face,
                text,
                ..
            } = item
            {
                let w = fonts.width(*face, *size, text);
                out.push((n + 1, *x, *x + w, *y, text.clone()));
            }
        }
    }
    out
}

#[test]
fn contents_page_numbers_are_the_pages_where_headings_landed() {
    let l = document::layout(
        &example::content("our-dorset").expect("example"),
        &options(),
    )
    .expect("lays out");
    let listed: Vec<_> = l.headings.iter().filter(|h| h.in_contents).collect();
    assert_eq!(l.contents.len(), listed.len());
    for (entry, h) in l.contents.iter().zip(&listed) {
        assert_eq!(entry.text, h.text);
        assert_eq!(entry.page, h.page, "{}", h.text);
        let page_text = l.page_text(h.page).join(" ");
        let first_word = h.text.split_whitespace().next().expect("a word");
        assert!(
            page_text.contains(first_word),
            "{} is not on page {}",
            h.text,
            h.page
        );
    }
    // The contents page prints those numbers.
    let contents_page = l
        .headings
        .iter()
        .find(|h| h.text == "Contents")
        .expect("a contents page")
        .page;
    let printed = l.page_text(contents_page);
    for entry in &l.contents {
        assert!(printed.contains(&entry.page.to_string().as_str()));
    }
}

#[test]
fn a_long_table_repeats_its_header_on_every_page() {
    let l = document::layout(&with_many_actions(200), &options()).expect("lays out");
    let pages_with_rows: Vec<usize> = (1..=l.pages.len())
        .filter(|&n| {
            l.page_text(n)
                .iter()
                .any(|t| t.starts_with("T1") || t.contains("Test action"))
        })
        .collect();
    assert!(pages_with_rows.len() > 5, "200 actions take several pages");
    for n in &pages_with_rows {
        let headers = &l.pages[n - 1].table_headers;
        assert!(
            headers.iter().any(|h| h == "Action"),
            "page {n} has action rows but no header row: {headers:?}"
        );
    }
}

#[test]
fn nothing_is_placed_outside_the_page_area() {
    let l = document::layout(&with_many_actions(200), &options()).expect("lays out");
    let (left, _, right, _) = l.area;
    for (page, x0, x1, y, text) in text_extent(&l) {
        assert!(
            x0 >= left - 0.5 && x1 <= right + 0.5,
            "page {page}: “{text}” runs from {x0} to {x1}"
        );
        assert!(
            y > 30.0 && y < l.height - 30.0,
            "page {page}: “{text}” at {y}"
        );
    }
}

#[test]
fn body_items_stay_between_header_and_footer() {
    let l = document::layout(&with_many_actions(60), &options()).expect("lays out");
    let (_, top, _, bottom) = l.area;
    for (n, page) in l.pages.iter().enumerate().filter(|(_, p)| p.chrome) {
        for item in &page.items {
            if let Item::Text { y, text, .. } = item {
                let chrome = text.starts_with("Page ") || *y < top || text == "Our Dorset";
                if !chrome {
                    assert!(
                        *y <= bottom + 0.5,
                        "page {}: “{text}” at {y} is below {bottom}",
                        n + 1
                    );
                }
            }
        }
    }
}

#[test]
fn a_heading_is_never_alone_at_the_foot_of_a_page() {
    let l = document::layout(&with_many_actions(200), &options()).expect("lays out");
    let texts = text_extent(&l);
    for h in &l.headings {
        let below = texts
            .iter()
            .filter(|(page, _, _, y, text)| {
                *page == h.page
                    && *y > h.y + 30.0
                    && !text.starts_with("Page ")
                    && text != "Our Dorset"
            })
            .count();
        assert!(
            below > 0,
            "“{}” has nothing after it on page {}",
            h.text,
            h.page
        );
    }
}

#[test]
fn pages_break_before_chapters_and_the_cover_has_no_running_header() {
    let l = document::layout(
        &example::content("our-dorset").expect("example"),
        &options(),
    )
    .expect("lays out");
    assert!(!l.pages[0].chrome);
    for h in l.headings.iter().filter(|h| h.level == 1) {
        let first_on_page = l
            .headings
            .iter()
            .filter(|o| o.page == h.page)
            .all(|o| o.y >= h.y);
        assert!(
            first_on_page,
            "chapter “{}” does not start its page",
            h.text
        );
    }
    let last = l.pages.len();
    assert!(
        l.page_text(last)
            .contains(&format!("Page {last} of {last}").as_str())
    );
    let _ = Face::Regular;
}

#[test]
fn options_leave_parts_and_statuses_out() {
    let c = example::content("our-dorset").expect("example");
    let only = ExportOptions {
        parts: vec![document::Part::Priorities],
        statuses: vec![ActionStatus::Complete],
        ..options()
    };
    let l = document::layout(&c, &only).expect("lays out");
    let all: String = (1..=l.pages.len())
        .flat_map(|n| l.page_text(n))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(!all.contains("Annex"));
    assert!(!all.contains("Contents"));
    for a in &c.actions {
        let shown = all.contains(&a.code);
        assert_eq!(
            shown,
            a.status == ActionStatus::Complete,
            "{} ({:?})",
            a.code,
            a.status
        );
    }
}
