//! The tagged PDF (PDF/UA-1): the structure tree, its parent tree, the link annotations'
//! place in it, and the XMP metadata, added with lopdf to the PDF printpdf wrote.
//!
//! The content streams are never rewritten (lopdf mangles some content when it re-encodes
//! it): `draw` already wrote every item inside marked content, with an `/MCID` for the
//! items of a structure element and as `/Artifact` for the rest. What is added here only
//! refers to those ids: each element of the layout's structure tree becomes a `StructElem`
//! whose kids are its child elements, its marked content (`MCID`, or an `MCR` on another
//! page) and its link annotations (`OBJR`), in reading order.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::draw::Drawn;
use super::flow::{Doc, Kid, Layout, Role, Scope};
use super::pdf_file::{Packer, int, name as write_name, reference, text_string};
use crate::error::{Error, Result};

/// A text string as PDF wants it for non-ASCII text: UTF-16BE with a byte-order mark.
pub(super) fn text(s: &str) -> Object {
    let mut bytes = vec![0xfe, 0xff];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

fn lopdf_error(e: lopdf::Error) -> Error {
    broken(&e.to_string())
}

fn broken(what: &str) -> Error {
    Error::Invalid(format!("the PDF's structure could not be built: {what}"))
}

/// Adds the structure tree, marks the document tagged, and sets every page's structure
/// parents and tab order. `drawn` says, page by page and item by item, what `draw` made of
/// the layout's items.
pub(super) fn add(
    lo: &mut Document,
    layout: &Layout,
    drawn: &[Vec<Drawn>],
    packer: &mut Packer,
) -> Result<()> {
    let page_ids: Vec<ObjectId> = lo.get_pages().values().copied().collect();
    if page_ids.len() != drawn.len() {
        return Err(broken("the pages differ from the layout's"));
    }
    // Link annotations become objects of their own (an OBJR must point at one), each with
    // its own key in the parent tree after the pages' keys.
    let mut next_key = page_ids.len() as i64;
    let mut annots: Vec<Vec<(ObjectId, i64)>> = Vec::with_capacity(page_ids.len());
    for (n, &page_id) in page_ids.iter().enumerate() {
        let listed = match lo
            .get_dictionary(page_id)
            .map_err(lopdf_error)?
            .get(b"Annots")
        {
            Ok(Object::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        let mut ids = Vec::with_capacity(listed.len());
        for a in listed {
            let mut dict = match a {
                Object::Dictionary(d) => d,
                Object::Reference(r) => lo.get_dictionary(r).map_err(lopdf_error)?.clone(),
                _ => return Err(broken("an annotation is not a dictionary")),
            };
            dict.set("StructParent", Object::Integer(next_key));
            // Printed as well as shown, so print and screen agree.
            dict.set("F", Object::Integer(4));
            ids.push((lo.add_object(dict), next_key));
            next_key += 1;
        }
        let page = lo.get_dictionary_mut(page_id).map_err(lopdf_error)?;
        if ids.is_empty() {
            page.remove(b"Annots");
        } else {
            page.set(
                "Annots",
                Object::Array(ids.iter().map(|(id, _)| Object::Reference(*id)).collect()),
            );
        }
        page.set("StructParents", Object::Integer(n as i64));
        // Tab through links in the order of the structure tree.
        page.set("Tabs", name("S"));
        annots.push(ids);
    }

    let tree = &layout.structure;
    let root_id = lo.new_object_id().0;
    let first_elem = lo.max_id + 1;
    lo.max_id += tree.len() as u32;
    let elem_id = |n: usize| first_elem + n as u32;
    let page_id = |n: usize| page_ids[n].0;
    // The parent tree: for each page, the element of each of its marked-content ids.
    let mut page_parents: Vec<Vec<Option<u32>>> = drawn
        .iter()
        .map(|items| {
            let most = items
                .iter()
                .filter_map(|d| match d {
                    Drawn::Mcid(m) => Some(*m as usize + 1),
                    _ => None,
                })
                .max()
                .unwrap_or(0);
            vec![None; most]
        })
        .collect();
    let mut annot_parents: Vec<(i64, u32)> = Vec::new();
    // Each element is written straight into an object stream: there are tens of thousands,
    // and as lopdf objects they were most of what tagging cost.
    let mut kids = Vec::new();
    for (n, node) in tree.iter().enumerate() {
        let me = elem_id(n);
        kids.clear();
        let mut home: Option<usize> = None;
        for kid in &node.kids {
            match *kid {
                Kid::Node(c) => {
                    kids.push(b' ');
                    reference(&mut kids, elem_id(c));
                }
                Kid::Item { page, item } => match drawn[page][item] {
                    Drawn::Mcid(m) => {
                        let slot = &mut page_parents[page][m as usize];
                        match slot {
                            // Items of one marked-content sequence: listed once.
                            Some(p) if *p == me => continue,
                            Some(_) => return Err(broken("marked content with two parents")),
                            None => *slot = Some(me),
                        }
                        let home = *home.get_or_insert(page);
                        if home == page {
                            kids.push(b' ');
                            int(&mut kids, m);
                        } else {
                            kids.extend_from_slice(b"<</Type/MCR/Pg ");
                            reference(&mut kids, page_id(page));
                            kids.extend_from_slice(b"/MCID ");
                            int(&mut kids, m);
                            kids.extend_from_slice(b">>");
                        }
                    }
                    Drawn::Annot(a) => {
                        let (annot, key) = annots[page]
                            .get(a as usize)
                            .copied()
                            .ok_or_else(|| broken("a link has no annotation"))?;
                        if let Some(about) = &node.description {
                            lo.get_dictionary_mut(annot)
                                .map_err(lopdf_error)?
                                .set("Contents", text(about));
                        }
                        kids.extend_from_slice(b"<</Type/OBJR/Obj ");
                        reference(&mut kids, annot.0);
                        kids.extend_from_slice(b"/Pg ");
                        reference(&mut kids, page_id(page));
                        kids.extend_from_slice(b">>");
                        annot_parents.push((key, me));
                    }
                    Drawn::Nothing => {}
                },
            }
        }
        let e = packer.begin(me)?;
        e.extend_from_slice(b"<</Type/StructElem/S");
        write_name(e, node.role.pdf_name().as_bytes());
        e.extend_from_slice(b"/P ");
        reference(
            e,
            if n == 0 {
                root_id
            } else {
                elem_id(node.parent)
            },
        );
        if let Some(page) = home {
            e.extend_from_slice(b"/Pg ");
            reference(e, page_id(page));
        }
        e.extend_from_slice(b"/K[");
        e.extend_from_slice(&kids);
        e.push(b']');
        match node.role {
            Role::Figure => {
                if let Some(alt) = &node.description {
                    e.extend_from_slice(b"/Alt");
                    text_string(e, alt);
                }
            }
            Role::TH(scope) => {
                e.extend_from_slice(match scope {
                    Scope::Column => b"/A<</O/Table/Scope/Column>>",
                    Scope::Row => b"/A<</O/Table/Scope/Row>>",
                });
            }
            _ => {}
        }
        e.extend_from_slice(b">>");
    }

    let parent_tree = lo.new_object_id().0;
    let t = packer.begin(parent_tree)?;
    t.extend_from_slice(b"<</Nums[");
    for (n, parents) in page_parents.into_iter().enumerate() {
        int(t, n);
        t.push(b'[');
        for (k, p) in parents.into_iter().enumerate() {
            if k > 0 {
                t.push(b' ');
            }
            match p {
                Some(p) => reference(t, p),
                None => t.extend_from_slice(b"null"),
            }
        }
        t.extend_from_slice(b"]\n");
    }
    for (key, elem) in annot_parents {
        int(t, key);
        t.push(b' ');
        reference(t, elem);
        t.push(b' ');
    }
    t.extend_from_slice(b"]>>");
    let r = packer.begin(root_id)?;
    r.extend_from_slice(b"<</Type/StructTreeRoot/K ");
    reference(r, elem_id(0));
    r.extend_from_slice(b"/ParentTree ");
    reference(r, parent_tree);
    r.extend_from_slice(b"/ParentTreeNextKey ");
    int(r, next_key);
    r.extend_from_slice(b">>");

    let catalog = lo.catalog_mut().map_err(lopdf_error)?;
    catalog.set("StructTreeRoot", Object::Reference((root_id, 0)));
    catalog.set(
        "MarkInfo",
        Dictionary::from_iter(vec![("Marked", Object::Boolean(true))]),
    );
    Ok(())
}

/// Escapes text for XML element content.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // XML 1.0 has no place for most control characters, even escaped.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The XMP metadata stream PDF/UA asks for: title, author, subject, language, dates,
/// producer, and the PDF/UA part the file claims (1).
pub(super) fn metadata(lo: &mut Document, doc: &Doc, producer: &str, created: &str) -> ObjectId {
    let packet = format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n\
<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n\
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n\
<pdf:Producer>{producer}</pdf:Producer>\n\
<xmp:CreatorTool>Planbook</xmp:CreatorTool>\n\
<xmp:CreateDate>{created}</xmp:CreateDate>\n\
<xmp:ModifyDate>{created}</xmp:ModifyDate>\n\
<xmp:MetadataDate>{created}</xmp:MetadataDate>\n\
<pdfuaid:part>1</pdfuaid:part>\n\
</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>",
        title = xml(&doc.title),
        author = xml(&doc.author),
        subject = xml(&doc.subject),
        lang = xml(&doc.lang),
        producer = xml(producer),
    );
    let mut stream = Stream::new(
        Dictionary::from_iter(vec![("Type", name("Metadata")), ("Subtype", name("XML"))]),
        packet.into_bytes(),
    );
    // Left uncompressed, so tools that read XMP without a PDF parser find it.
    stream.allows_compression = false;
    lo.add_object(stream)
}
