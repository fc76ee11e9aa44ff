//! The merged cells of an `.ods` sheet, which calamine does not report: read from the
//! file's `content.xml`, where a merged cell is a `table:table-cell` with
//! `table:number-rows-spanned` or `table:number-columns-spanned`, and the cells it covers are
//! `table:covered-table-cell`s. Rows and cells may stand for several (`…-repeated`), which
//! is how a sheet's empty million rows stay small.
//!
//! The XML is scanned tag by tag rather than parsed: in XML a `<` or `>` never appears
//! inside text or an attribute's value, so every tag starts at a `<` and ends at the next
//! `>`. The part's size was bounded before calamine unpacked it (`read::check_unpacked`).

use std::io::Read;
use std::path::Path;

/// A merged area as (top-left, bottom-right) (row, column) positions, 0-based.
pub type Area = ((u32, u32), (u32, u32));

/// The merged areas of sheet `sheet` in the `.ods` file at `path`; none if the file's
/// content cannot be read (calamine has read it already, so that does not happen).
pub fn merged_cells(path: &Path, sheet: &str) -> Vec<Area> {
    let xml = std::fs::File::open(path)
        .ok()
        .and_then(|f| zip::ZipArchive::new(f).ok())
        .and_then(|mut zip| {
            let mut part = zip.by_name("content.xml").ok()?;
            let mut text = String::new();
            part.read_to_string(&mut text).ok()?;
            Some(text)
        });
    xml.map(|x| merged_in(&x, sheet)).unwrap_or_default()
}

/// The merged areas of sheet `sheet` in an `.ods` file's `content.xml`.
pub fn merged_in(xml: &str, sheet: &str) -> Vec<Area> {
    let mut areas = Vec::new();
    let mut inside = false;
    let (mut row, mut col, mut rows_repeated) = (0u64, 0u64, 1u64);
    for tag in xml
        .split('<')
        .skip(1)
        .filter_map(|t| t.split_once('>'))
        .map(|(t, _)| t)
    {
        let closing = tag.starts_with('/');
        let self_closing = tag.ends_with('/');
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        match (name, closing) {
            ("table:table", false) if !inside => {
                inside = attribute(tag, "table:name").is_some_and(|n| unescape(n) == sheet);
                (row, col) = (0, 0);
            }
            ("table:table", true) if inside => break,
            _ if !inside => {}
            ("table:table-row", false) => {
                col = 0;
                rows_repeated = number(tag, "table:number-rows-repeated");
                if self_closing {
                    row += rows_repeated;
                }
            }
            ("table:table-row", true) => row += rows_repeated,
            ("table:table-cell" | "table:covered-table-cell", false) => {
                let (down, across) = (
                    number(tag, "table:number-rows-spanned"),
                    number(tag, "table:number-columns-spanned"),
                );
                if name == "table:table-cell" && (down > 1 || across > 1) {
                    let at = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
                    areas.push((
                        (at(row), at(col)),
                        (at(row + down - 1), at(col + across - 1)),
                    ));
                }
                col += number(tag, "table:number-columns-repeated");
            }
            _ => {}
        }
    }
    areas
}

/// An attribute's value as written in the tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[start..].split('"').next()
}

/// A count attribute (repeated, spanned), 1 where it is missing or unreadable; bounded so
/// arithmetic on it cannot overflow.
fn number(tag: &str, name: &str) -> u64 {
    attribute(tag, name)
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|n| *n >= 1)
        .map_or(1, |n| n.min(u64::from(u32::MAX)))
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_cells_are_found_past_repeated_rows_and_cells() {
        let xml = r#"<office:body><table:table table:name="Other"><table:table-row><table:table-cell table:number-rows-spanned="9"/></table:table-row></table:table>
<table:table table:name="Action &amp; plan"><table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="4"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string" table:number-columns-spanned="3"><text:p>Title</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>
<table:table-row><table:table-cell/><table:table-cell table:number-rows-spanned="2"><text:p>P1 &lt;Homes&gt;</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell/><table:covered-table-cell/></table:table-row>
<table:table-row table:number-rows-repeated="1048570"/><table:table-row><table:table-cell table:number-rows-spanned="2" table:number-columns-spanned="2"/></table:table-row></table:table></office:body>"#;
        assert_eq!(
            merged_in(xml, "Action & plan"),
            [
                ((3, 0), (3, 2)),
                ((4, 1), (5, 1)),
                ((1_048_576, 0), (1_048_577, 1))
            ]
        );
        assert_eq!(merged_in(xml, "Other"), [((0, 0), (8, 0))]);
        assert!(merged_in(xml, "Missing").is_empty());
    }
}
