//! What the Word document needs and docx-rs 0.4.22 cannot say, added to the XML parts it
//! builds before they are zipped: the document's title, author, subject and language (its
//! core properties and the default language of its text), header rows that repeat on every
//! page (`w:tblHeader`), and each picture's own id, name and alternative text (docx-rs gives
//! every picture id 1 and no description).
//!
//! Each amendment looks for exactly what docx-rs writes and fails, naming what it missed,
//! if that ever changes; the docx-rs version is pinned exactly for that reason.

use std::io::Cursor;

use docx_rs::Docx;

use super::flow::Doc;
use super::html::escape;
use super::options::ExportOptions;
use crate::error::{Error, Result};

/// A picture's name and alternative text, in the order the pictures appear.
#[derive(Debug, Clone)]
pub struct Picture {
    pub name: String,
    pub alt: String,
}

/// What docx-rs writes for every picture.
const DOC_PR: &str = r#"<wp:docPr id="1" name="Figure" />"#;
/// What docx-rs writes for a table row kept whole; `docx` gives every row one.
const CANT_SPLIT: &str = "<w:cantSplit />";
const TABLE_START: &str = "<w:tbl>";
/// The run properties of the document defaults, which the language is added to.
const DEFAULT_RUN: &str = "<w:rPrDefault><w:rPr>";
/// docx-rs's own Normal style, which it does not mark as the default paragraph style.
const NORMAL: &str = r#"<w:style w:type="paragraph" w:styleId="Normal">"#;

/// Builds the XML parts, amends them and zips them into the .docx bytes.
pub fn finish(
    docx: Docx,
    doc: &Doc,
    options: &ExportOptions,
    pictures: &[Picture],
) -> Result<Vec<u8>> {
    let mut xml = docx.build();
    xml.doc_props.core = core_properties(doc, options).into_bytes();
    xml.styles = amend(&xml.styles, "styles", |s| default_language(s, &doc.lang))?;
    xml.document = amend(&xml.document, "document", |s| {
        repeat_header_rows(&pictures_described(s, pictures)?)
    })?;
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| Error::Invalid(format!("the Word document could not be written: {e}")))?;
    Ok(out.into_inner())
}

fn amend(part: &[u8], name: &str, change: impl FnOnce(&str) -> Result<String>) -> Result<Vec<u8>> {
    let text = std::str::from_utf8(part).map_err(|e| {
        Error::Invalid(format!(
            "docx-rs wrote a {name} part that is not UTF-8: {e}"
        ))
    })?;
    Ok(change(text)?.into_bytes())
}

fn missing(what: &str) -> Error {
    Error::Invalid(format!(
        "the Word document could not be finished: docx-rs no longer writes {what}"
    ))
}

/// The core properties: title, author (the partnership), subject, language and dates. A
/// given export date makes them reproducible, as in the PDF.
fn core_properties(doc: &Doc, options: &ExportOptions) -> String {
    let when = match options.date {
        Some(d) => format!("{d}T00:00:00Z"),
        None => chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    };
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject>",
            "<dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>",
            "<dc:language>{lang}</dc:language><cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = escape(&doc.title),
        subject = escape(&doc.subject),
        author = escape(&doc.author),
        lang = escape(&doc.lang),
        when = when,
    )
}

/// The language of all text, for spelling and for screen readers, in the document defaults;
/// and Normal marked as the default paragraph style.
fn default_language(styles: &str, lang: &str) -> Result<String> {
    if !styles.contains(DEFAULT_RUN) {
        return Err(missing("document defaults for runs"));
    }
    if !styles.contains(NORMAL) {
        return Err(missing("a Normal style"));
    }
    // Unstyled paragraphs are Normal: Word assumes it, python-docx and others need it said.
    let styles = styles.replacen(
        NORMAL,
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#,
        1,
    );
    let lang = escape(lang);
    Ok(styles.replacen(
        DEFAULT_RUN,
        &format!(r#"{DEFAULT_RUN}<w:lang w:val="{lang}" w:eastAsia="{lang}" w:bidi="{lang}" />"#),
        1,
    ))
}

/// Each picture its own id, a name and its alternative text (`descr`, what Word shows as
/// Alt Text and screen readers read).
fn pictures_described(document: &str, pictures: &[Picture]) -> Result<String> {
    let parts: Vec<&str> = document.split(DOC_PR).collect();
    if parts.len() != pictures.len() + 1 {
        return Err(missing("one picture description per chart"));
    }
    let mut out = String::with_capacity(document.len() + pictures.len() * 200);
    for (k, part) in parts.iter().enumerate() {
        out.push_str(part);
        if let Some(p) = pictures.get(k) {
            out.push_str(&format!(
                r#"<wp:docPr id="{}" name="{}" descr="{}" />"#,
                k + 1,
                escape(&p.name),
                escape(&p.alt)
            ));
        }
    }
    Ok(out)
}

/// Marks the first row of every table as its header, which Word and LibreOffice repeat at
/// the top of each page the table crosses. Tables are never nested in the document.
fn repeat_header_rows(document: &str) -> Result<String> {
    let mut out = String::with_capacity(document.len() + 4096);
    let mut rest = document;
    while let Some(at) = rest.find(TABLE_START) {
        let (before, table) = rest.split_at(at);
        out.push_str(before);
        let Some(row) = table.find(CANT_SPLIT) else {
            return Err(missing("a kept-whole mark on table rows"));
        };
        let end = row + CANT_SPLIT.len();
        out.push_str(&table[..end]);
        out.push_str("<w:tblHeader />");
        rest = &table[end..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_row_of_each_table_is_a_header() {
        let doc = format!(
            "<w:body>{t}<w:tr><w:trPr>{c}</w:trPr></w:tr><w:tr><w:trPr>{c}</w:trPr></w:tr></w:tbl>{t}<w:tr><w:trPr>{c}</w:trPr></w:tr></w:tbl></w:body>",
            t = TABLE_START,
            c = CANT_SPLIT
        );
        let out = repeat_header_rows(&doc).expect("amend");
        assert_eq!(out.matches("<w:tblHeader />").count(), 2);
        assert_eq!(out.matches(CANT_SPLIT).count(), 3);
    }

    #[test]
    fn pictures_get_their_own_ids_and_escaped_alternative_text() {
        let doc = format!("<a>{DOC_PR}</a><b>{DOC_PR}</b>");
        let pics = [
            Picture {
                name: "Chart: A".into(),
                alt: "Readings <rose> & fell".into(),
            },
            Picture {
                name: "Chart: B".into(),
                alt: "B".into(),
            },
        ];
        let out = pictures_described(&doc, &pics).expect("amend");
        assert!(out.contains(r#"id="2" name="Chart: B" descr="B""#));
        assert!(out.contains("descr=\"Readings &lt;rose&gt; &amp; fell\""));
        assert!(pictures_described(&doc, &pics[..1]).is_err());
    }
}
