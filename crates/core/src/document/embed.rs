//! The start of the PDF: the fonts embedded (subset, with widths and ToUnicode) and the
//! document information, made by printpdf from one probe page that shows every character
//! the layout uses; and, read back from that page, the code that draws each character.
//!
//! Why a probe: printpdf subsets a font from the glyphs its pages show and renumbers them,
//! so the codes a content stream must use are only known after the subset is made. Giving
//! printpdf every page (as before) meant holding every page's operations at once, and
//! printpdf serialised each through `lopdf::Object`s. With the codes known first, `draw`
//! writes each page's content stream itself, compressed, as soon as the page is drawn.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, Timelike};
use lopdf::content::Content as Ops;
use lopdf::{Dictionary, Document, Object, ObjectId};
use printpdf::{
    Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Pt,
    TextItem,
};

use super::flow::{Doc, Face, Item, Layout};
use super::fonts::Fonts;
use crate::error::{Error, Result};

/// What the producer says made the file (in the Info dictionary and the XMP).
pub(super) const PRODUCER: &str = "Planbook (printpdf 0.12, lopdf 0.44)";

/// Each face's resource name and the two-byte code of each character it draws.
#[derive(Debug, Default)]
pub(super) struct Codes {
    faces: BTreeMap<Face, (Vec<u8>, HashMap<char, u16>)>,
}

impl Codes {
    /// The face's name in the pages' font resources, if it is embedded.
    pub(super) fn name(&self, face: Face) -> Option<&[u8]> {
        self.faces.get(&face).map(|(n, _)| n.as_slice())
    }

    /// The code that draws `c` in `face` (0, the missing glyph, if the face lacks it).
    pub(super) fn code(&self, face: Face, c: char) -> u16 {
        self.faces
            .get(&face)
            .and_then(|(_, codes)| codes.get(&c))
            .copied()
            .unwrap_or(0)
    }
}

/// The document begun: fonts, Info and catalog, with an empty page tree.
#[derive(Debug)]
pub(super) struct Started {
    pub lo: Document,
    pub codes: Codes,
    /// The resources every page shares (the fonts).
    pub resources: ObjectId,
    /// The page tree, whose kids `draw` sets.
    pub pages: ObjectId,
}

/// Text without control characters (other than tab and line breaks), which XML cannot
/// carry: the Info dictionary's title is written this way, as the XMP's is (`tags::xml`
/// drops the same characters), so the two agree.
fn without_controls(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

fn broken(what: &str) -> Error {
    Error::Invalid(format!("the PDF's fonts could not be embedded: {what}"))
}

fn pdf_date(at: chrono::DateTime<chrono::Utc>) -> printpdf::DateTime {
    printpdf::DateTime {
        date: printpdf::Date {
            year: at.year(),
            month: at.month() as u8,
            day: at.day() as u8,
        },
        time: printpdf::Time {
            hour: at.hour() as u8,
            minute: at.minute() as u8,
            second: at.second() as u8,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
}

/// The characters each face draws in the layout (the DRAFT mark is drawn in bold).
fn used_chars(layout: &Layout) -> BTreeMap<Face, BTreeSet<char>> {
    let mut used: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    for page in &layout.pages {
        for item in &page.items {
            let (face, text) = match item {
                Item::Text { face, text, .. } => (*face, text),
                Item::Watermark { text } => (Face::Bold, text),
                _ => continue,
            };
            used.entry(face).or_default().extend(text.chars());
        }
    }
    used
}

/// Begins the PDF: Info metadata, and only the faces the layout uses, each subset to the
/// characters it draws. Warnings from printpdf are added to `warnings`.
pub(super) fn start(
    doc: &Doc,
    layout: &Layout,
    created: chrono::DateTime<chrono::Utc>,
    warnings: &mut Vec<String>,
) -> Result<Started> {
    let fonts = Fonts::get()?;
    let used = used_chars(layout);
    let mut pdf = PdfDocument::new(&doc.title);
    let info = &mut pdf.metadata.info;
    info.document_title = without_controls(&doc.title);
    info.author = doc.author.clone();
    info.subject = doc.subject.clone();
    info.creator = "Planbook".into();
    info.producer = PRODUCER.into();
    info.creation_date = pdf_date(created);
    info.modification_date = pdf_date(created);
    info.metadata_date = pdf_date(created);
    // The probe: each face, then each of its characters shown on its own.
    let mut ops = vec![Op::StartTextSection];
    let mut ids: BTreeMap<String, Face> = BTreeMap::new();
    for (face, chars) in &used {
        let id = pdf.add_font(&fonts.face(*face).parsed);
        ids.insert(id.0.clone(), *face);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(id),
            size: Pt(10.0),
        });
        for c in chars {
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(c.to_string())],
            });
        }
    }
    ops.push(Op::EndTextSection);
    pdf.with_pages(vec![PdfPage::new(Mm(210.0), Mm(297.0), ops)]);
    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut pdf_warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&options, &mut pdf_warnings);
    drop(pdf);
    warnings.extend(
        pdf_warnings
            .into_iter()
            .filter(|w| w.severity == PdfParseErrorSeverity::Error)
            .map(|w| format!("The PDF writer reported: {}", w.msg)),
    );

    let probe = *lo
        .get_pages()
        .get(&1)
        .ok_or_else(|| broken("no probe page"))?;
    let page = lo
        .get_dictionary(probe)
        .map_err(|e| broken(&e.to_string()))?;
    let resources = page
        .get(b"Resources")
        .and_then(Object::as_reference)
        .map_err(|e| broken(&e.to_string()))?;
    let pages = page
        .get(b"Parent")
        .and_then(Object::as_reference)
        .map_err(|e| broken(&e.to_string()))?;
    let contents = page
        .get(b"Contents")
        .and_then(Object::as_reference)
        .map_err(|e| broken(&e.to_string()))?;
    let stream = lo
        .get_object(contents)
        .and_then(Object::as_stream)
        .map_err(|e| broken(&e.to_string()))?;
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let probe_ops = Ops::decode(&bytes).map_err(|e| broken(&e.to_string()))?;

    // Read each character's code back, in the order the probe showed them.
    let mut codes = Codes::default();
    let mut face = None;
    let mut chars = used.values().flat_map(|cs| cs.iter().copied());
    for op in probe_ops.operations {
        match op.operator.as_str() {
            "Tf" => {
                face = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|n| ids.get(&*String::from_utf8_lossy(n)))
                    .copied();
            }
            "Tj" => {
                let (Some(face), Some(c)) = (face, chars.next()) else {
                    return Err(broken("the probe page does not match"));
                };
                let code = match op.operands.first() {
                    Some(Object::String(b, _)) if b.len() == 2 => u16::from_be_bytes([b[0], b[1]]),
                    _ => return Err(broken("a character's code is not two bytes")),
                };
                codes
                    .faces
                    .entry(face)
                    .or_insert_with(|| (Vec::new(), HashMap::new()))
                    .1
                    .insert(c, code);
            }
            _ => {}
        }
    }

    // Short resource names (F1, F2…) instead of printpdf's 32 random letters, which every
    // text run repeats.
    let font_dict = lo
        .get_dictionary(resources)
        .and_then(|r| r.get(b"Font"))
        .and_then(Object::as_reference)
        .map_err(|e| broken(&e.to_string()))?;
    let old = lo
        .get_dictionary(font_dict)
        .map_err(|e| broken(&e.to_string()))?
        .clone();
    let mut renamed = Dictionary::new();
    for (k, (key, value)) in old.into_iter().enumerate() {
        let Some(face) = ids.get(&*String::from_utf8_lossy(&key)) else {
            continue;
        };
        let short = format!("F{}", k + 1).into_bytes();
        renamed.set(short.clone(), value);
        codes
            .faces
            .entry(*face)
            .or_insert_with(|| (Vec::new(), HashMap::new()))
            .0 = short;
    }
    lo.objects.insert(font_dict, Object::Dictionary(renamed));
    lo.objects.remove(&probe);
    lo.objects.remove(&contents);
    Ok(Started {
        lo,
        codes,
        resources,
        pages,
    })
}
