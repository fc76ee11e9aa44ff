//! Rules the plan document keeps in every output: the one link rule, milestones under their
//! action, and headings kept with what follows them.

use planbook_core::document::flow::{Kid, Role, Target};
use planbook_core::document::{self, ExportOptions, Item};
use planbook_core::example;

fn options() -> ExportOptions {
    ExportOptions {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        ..ExportOptions::default()
    }
}

const HOSTILE_LINKS: &str = "See [a](javascript:alert(1)), [b](file:///etc/passwd), \
     [c](data:text/html,x), [d](JavaScript:alert(2)) and [fine](https://example.org/ok) \
     or [mail](mailto:team@example.org).";

#[test]
fn only_web_and_mail_addresses_become_links_in_the_pdf_and_the_html() {
    let mut c = example::content("our-dorset").expect("the example builds");
    c.sections[0].body = HOSTILE_LINKS.into();
    let layout = document::layout(&c, &options()).expect("lays out");
    let uris: Vec<&str> = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Link {
                target: Target::Uri(u),
                ..
            } => Some(u.as_str()),
            _ => None,
        })
        .collect();
    assert!(uris.contains(&"https://example.org/ok"), "{uris:?}");
    assert!(uris.contains(&"mailto:team@example.org"), "{uris:?}");
    for u in &uris {
        assert!(document::flow::web_link(u).is_some(), "{u} became a link");
    }
    let pdf = document::export_pdf(&c, &options()).expect("exports");
    let read = lopdf::Document::load_mem(&pdf.bytes).expect("lopdf reads it");
    let mut addresses = Vec::new();
    for object in read.objects.values() {
        if let Ok(d) = object.as_dict()
            && let Ok(action) = d.get(b"A").and_then(lopdf::Object::as_dict)
            && let Ok(uri) = action.get(b"URI").and_then(lopdf::Object::as_str)
        {
            addresses.push(String::from_utf8_lossy(uri).into_owned());
        }
    }
    // The words stay (as text, drawn with glyph ids), but never as an address.
    assert!(
        addresses.contains(&"https://example.org/ok".to_owned()),
        "{addresses:?}"
    );
    for a in &addresses {
        assert!(
            document::flow::web_link(a).is_some(),
            "{a} is a link in the PDF"
        );
    }
    let html = document::export_html(&c, &options());
    for bad in ["href=\"javascript", "href=\"file:", "href=\"data:"] {
        assert!(
            !html.to_ascii_lowercase().contains(bad),
            "{bad} in the HTML"
        );
    }
    assert!(html.contains("href=\"https://example.org/ok\""));
    // What may not be a link stays as its text, address included, in both.
    assert!(html.contains("a (javascript:alert(1))"), "the text is kept");
    let text: String = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("javascript:alert(1)"), "the text is kept");
}

#[test]
fn milestones_appear_under_their_action_with_due_and_done_dates() {
    let c = example::content("our-dorset").expect("the example builds");
    let m = c
        .milestones
        .iter()
        .find(|m| m.completed_on.is_some())
        .expect("the example has a milestone that is done");
    let html = document::export_html(&c, &options());
    let title = document::html::escape(&m.title);
    let at = html.find(&title).expect("the milestone is in the HTML");
    let after = &html[at..at + 200];
    assert!(after.contains("due "), "{after}");
    assert!(after.contains("done on "), "{after}");
    let layout = document::layout(&c, &options()).expect("lays out");
    let all: Vec<&str> = (1..=layout.pages.len())
        .flat_map(|p| layout.page_text(p))
        .collect();
    let joined = all.join(" ");
    assert!(joined.contains("Milestones"));
    assert!(joined.contains("done on "), "done dates are printed");
}

/// A heading is never the last thing on its page: something of its own chapter follows it
/// on the same page.
#[test]
fn no_heading_is_left_at_the_foot_of_a_page() {
    let mut c = example::content("our-dorset").expect("the example builds");
    // Long priority summaries push "What this will lead to" towards the foot of pages.
    for (n, p) in c.priorities.iter_mut().enumerate() {
        p.summary = "A summary long enough to move what follows down the page. ".repeat(8 + n * 3);
    }
    let big = planbook_core::generate::content(300, 1).expect("generates");
    for content in [c, big] {
        let layout = document::layout(&content, &options()).expect("lays out");
        for h in &layout.headings {
            let page = &layout.pages[h.page - 1];
            let on_page: Vec<&str> = layout
                .headings
                .iter()
                .filter(|o| o.page == h.page)
                .map(|o| o.text.as_str())
                .collect();
            // Text below the heading that is not itself a heading's.
            let below = page.items.iter().any(|i| match i {
                Item::Text { y, text, .. } => {
                    *y > h.y + 8.0
                        && *y < layout.area.3
                        && !on_page.iter().any(|t| t.contains(text.trim()))
                }
                _ => false,
            });
            assert!(
                below,
                "“{}” is alone at the foot of page {}",
                h.text, h.page
            );
        }
    }
}

/// The text baselines of everything under a structure element, page by page.
fn baselines(layout: &document::Layout, node: usize, out: &mut Vec<(usize, i64)>) {
    for kid in &layout.structure[node].kids {
        match *kid {
            Kid::Node(n) => baselines(layout, n, out),
            Kid::Item { page, item } => {
                if let Item::Text { y, .. } = layout.pages[page].items[item] {
                    out.push((page, (y * 10.0) as i64));
                }
            }
        }
    }
}

/// A table row split across pages leaves two lines or more on each page, never one.
#[test]
fn a_split_table_row_never_leaves_one_line_behind() {
    let long = "A description long enough to fill most of a page, so the row has to be split. ";
    let mut split = 0;
    // Lengths a few words apart, so some split falls one line from a row's end.
    for extra in 0..16 {
        let mut c = example::content("our-dorset").expect("the example builds");
        for (n, a) in c.actions.iter_mut().enumerate() {
            a.description = format!("{}{}", long.repeat(12 + n * 5), "more words ".repeat(extra));
        }
        let layout = document::layout(&c, &options()).expect("lays out");
        for (n, node) in layout.structure.iter().enumerate() {
            if node.role != Role::TR {
                continue;
            }
            let mut lines = Vec::new();
            baselines(&layout, n, &mut lines);
            lines.sort();
            lines.dedup();
            let pages: std::collections::BTreeSet<usize> = lines.iter().map(|l| l.0).collect();
            if pages.len() < 2 {
                continue;
            }
            split += 1;
            for p in pages {
                let here = lines.iter().filter(|l| l.0 == p).count();
                assert!(here >= 2, "a row leaves {here} line on page {}", p + 1);
            }
        }
    }
    assert!(split > 0, "no row was split: the test proves nothing");
}
