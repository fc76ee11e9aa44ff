//! Finishing the PDF with lopdf, for what printpdf 0.12 does not do: a nested outline
//! (printpdf's bookmarks are flat), `/Lang`, showing the title (not the file name) in the
//! viewer's window, and a current PDF version (printpdf writes 1.3).

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::draw::Drawn;
use super::embed::PRODUCER;
use super::flow::{Doc, Layout, PlacedHeading};
use super::pdf_file::{self, Packer};
use super::tags::{self, text};
use crate::error::{Error, Result};

/// Post-processes the document `draw` made and returns the file's bytes. With `drawn` (what
/// `draw` made of each item), the PDF is tagged: structure tree and XMP metadata (without,
/// for the benchmark only, it is not).
pub(super) fn finish(
    mut lo: Document,
    doc: &Doc,
    layout: &Layout,
    drawn: Option<&[Vec<Drawn>]>,
    created: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<u8>> {
    lo.version = "1.7".into();
    // printpdf's Info claims PDF/X (GTS_PDFXVersion), which this document does not meet,
    // and carries empty keys; drop them.
    if let Ok(info_id) = lo.trailer.get(b"Info").and_then(Object::as_reference)
        && let Ok(info) = lo.get_dictionary_mut(info_id)
    {
        for key in [&b"GTS_PDFXVersion"[..], b"Keywords", b"Identifier"] {
            info.remove(key);
        }
    }
    let pages = lo.get_pages();
    let page_id = |n: usize| pages.get(&(n as u32)).copied();
    let outline = build_outline(&mut lo, &layout.headings, &page_id, layout.height);
    let mut packer = Packer::default();
    let xmp = match drawn {
        Some(drawn) => {
            tags::add(&mut lo, layout, drawn, &mut packer)?;
            let at = created.format("%Y-%m-%dT%H:%M:%SZ").to_string();
            Some(tags::metadata(&mut lo, doc, PRODUCER, &at))
        }
        None => None,
    };
    let catalog = lo
        .catalog_mut()
        .map_err(|e| Error::Invalid(format!("the PDF could not be finished: {e}")))?;
    catalog.set("Lang", text(&doc.lang));
    if let Some(xmp) = xmp {
        catalog.set("Metadata", Object::Reference(xmp));
    }
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
    );
    match outline {
        Some(id) => {
            catalog.set("Outlines", Object::Reference(id));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        None => {
            catalog.remove(b"Outlines");
            catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
        }
    }
    pdf_file::write(&lo, packer)
}

/// The outline: every contents heading, level-2 ones nested under the level-1 heading
/// before them (sections under "About this plan", priorities under "Our priorities").
fn build_outline(
    lo: &mut lopdf::Document,
    headings: &[PlacedHeading],
    page_id: &dyn Fn(usize) -> Option<ObjectId>,
    page_height: f32,
) -> Option<ObjectId> {
    struct Node {
        heading: usize,
        children: Vec<usize>,
    }
    let mut tops: Vec<Node> = Vec::new();
    for (k, h) in headings.iter().enumerate() {
        if !h.in_contents {
            continue;
        }
        match (h.level, tops.last_mut()) {
            (2.., Some(parent)) => parent.children.push(k),
            _ => tops.push(Node {
                heading: k,
                children: Vec::new(),
            }),
        }
    }
    if tops.is_empty() {
        return None;
    }
    let root = lo.new_object_id();
    let dest = |k: usize| -> Object {
        let h = &headings[k];
        match page_id(h.page) {
            Some(id) => Object::Array(vec![
                Object::Reference(id),
                Object::Name(b"XYZ".to_vec()),
                Object::Integer(0),
                Object::Real((page_height - h.y + 8.0).min(page_height)),
                Object::Null,
            ]),
            None => Object::Null,
        }
    };
    // Ids first, so siblings can point at each other.
    let top_ids: Vec<ObjectId> = tops.iter().map(|_| lo.new_object_id()).collect();
    let mut total = tops.len() as i64;
    for (i, node) in tops.iter().enumerate() {
        let child_ids: Vec<ObjectId> = node.children.iter().map(|_| lo.new_object_id()).collect();
        for (j, &child) in node.children.iter().enumerate() {
            let mut d = Dictionary::new();
            d.set("Title", text(&headings[child].text));
            d.set("Parent", Object::Reference(top_ids[i]));
            d.set("Dest", dest(child));
            if j > 0 {
                d.set("Prev", Object::Reference(child_ids[j - 1]));
            }
            if j + 1 < child_ids.len() {
                d.set("Next", Object::Reference(child_ids[j + 1]));
            }
            lo.objects.insert(child_ids[j], Object::Dictionary(d));
        }
        let mut d = Dictionary::new();
        d.set("Title", text(&headings[node.heading].text));
        d.set("Parent", Object::Reference(root));
        d.set("Dest", dest(node.heading));
        if i > 0 {
            d.set("Prev", Object::Reference(top_ids[i - 1]));
        }
        if i + 1 < top_ids.len() {
            d.set("Next", Object::Reference(top_ids[i + 1]));
        }
        if let (Some(first), Some(last)) = (child_ids.first(), child_ids.last()) {
            d.set("First", Object::Reference(*first));
            d.set("Last", Object::Reference(*last));
            // Positive: the chapter is shown open, with its sections visible.
            d.set("Count", Object::Integer(child_ids.len() as i64));
            total += child_ids.len() as i64;
        }
        lo.objects.insert(top_ids[i], Object::Dictionary(d));
    }
    let mut r = Dictionary::new();
    r.set("Type", Object::Name(b"Outlines".to_vec()));
    r.set("First", Object::Reference(top_ids[0]));
    r.set("Last", Object::Reference(top_ids[top_ids.len() - 1]));
    r.set("Count", Object::Integer(total));
    lo.objects.insert(root, Object::Dictionary(r));
    Some(root)
}
