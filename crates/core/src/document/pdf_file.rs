//! Writing the finished PDF file: every object serialised once, the small ones packed into
//! compressed object streams, streams compressed, and a cross-reference stream.
//!
//! lopdf's own object-stream writer clones each object and serialises it three times; with
//! the structure tree's tens of thousands of small elements that was most of what tagging
//! cost. Here the structure elements are written straight into an object stream as bytes
//! (`Packer`), never becoming `lopdf::Object`s, and the objects lopdf does hold (pages, fonts,
//! annotations, outline) are serialised once each as the file is written.

use std::io::Write as _;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use lopdf::{Dictionary, Document, Object, StringFormat};

use crate::error::{Error, Result};

/// Objects per object stream: enough for deflate to find the repetition between elements,
/// few enough that a reader decompresses little to reach one object.
const PER_STREAM: usize = 500;

/// Appends a number; writing to a `Vec` cannot fail.
pub(super) fn int(out: &mut Vec<u8>, n: impl std::fmt::Display) {
    let _ = write!(out, "{n}");
}

/// Appends an indirect reference (generation 0, the only one this writer makes).
pub(super) fn reference(out: &mut Vec<u8>, id: u32) {
    int(out, id);
    out.extend_from_slice(b" 0 R");
}

/// Appends a text string as PDF wants it for any text: UTF-16BE with a byte-order mark, in
/// hexadecimal.
pub(super) fn text_string(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(b"<FEFF");
    for unit in s.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push(b'>');
}

/// Deflate for object streams and the cross-reference stream: the fastest level (level 6
/// saves about 5% of their size and doubles the time).
fn deflate(bytes: &[u8]) -> Result<Vec<u8>> {
    deflate_at(bytes, Compression::fast())
}

/// Deflate for page content: the default level, as pages are most of the file (the fastest
/// level made the 10,000-action plan half as large again).
pub(super) fn deflate_content(bytes: &[u8]) -> Result<Vec<u8>> {
    deflate_at(bytes, Compression::default())
}

fn deflate_at(bytes: &[u8], level: Compression) -> Result<Vec<u8>> {
    let mut z = ZlibEncoder::new(Vec::with_capacity(bytes.len() / 3), level);
    z.write_all(bytes)
        .and_then(|()| z.finish())
        .map_err(|e| Error::Invalid(format!("the PDF could not be compressed: {e}")))
}

/// A sealed object stream: its objects' numbers, and the compressed stream with where the
/// first object starts.
struct Sealed {
    ids: Vec<u32>,
    first: usize,
    deflated: Vec<u8>,
}

/// Small objects gathered into object streams as they are written.
#[derive(Default)]
pub(super) struct Packer {
    sealed: Vec<Sealed>,
    /// The stream being filled: each object's number and offset in `body`.
    open: Vec<(u32, usize)>,
    body: Vec<u8>,
}

impl std::fmt::Debug for Packer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Packer({} streams sealed)", self.sealed.len())
    }
}

impl Packer {
    /// Starts object `id` and returns where to write its body (a dictionary, an array…).
    pub(super) fn begin(&mut self, id: u32) -> Result<&mut Vec<u8>> {
        if self.open.len() >= PER_STREAM {
            self.seal()?;
        }
        if !self.body.is_empty() {
            self.body.push(b'\n');
        }
        self.open.push((id, self.body.len()));
        Ok(&mut self.body)
    }

    fn seal(&mut self) -> Result<()> {
        if self.open.is_empty() {
            return Ok(());
        }
        let mut data = Vec::with_capacity(self.body.len() + 12 * self.open.len());
        for (id, at) in &self.open {
            int(&mut data, id);
            data.push(b' ');
            int(&mut data, at);
            data.push(b' ');
        }
        let first = data.len();
        data.extend_from_slice(&self.body);
        self.sealed.push(Sealed {
            ids: self.open.drain(..).map(|(id, _)| id).collect(),
            first,
            deflated: deflate(&data)?,
        });
        self.body.clear();
        Ok(())
    }
}

/// Where each object is: written at a byte offset, or the `index`th of an object stream.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    At(usize),
    In { stream: u32, index: u16 },
}

/// Writes the file: `lo`'s objects (streams directly, compressed unless they say not to be;
/// the rest packed), then the packed objects' streams, then the cross-reference stream with
/// `lo`'s trailer (Root, Info, ID).
pub(super) fn write(lo: &Document, mut packer: Packer) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(1 << 20);
    out.extend_from_slice(b"%PDF-");
    out.extend_from_slice(lo.version.as_bytes());
    // Four bytes over 127 say the file is binary.
    out.extend_from_slice(b"\n%\xE2\xE3\xCF\xD3\n");
    let mut entries = vec![Entry::Free; lo.max_id as usize + 1];
    for (&(id, generation), object) in &lo.objects {
        if generation != 0 {
            return Err(Error::Invalid(
                "the PDF could not be written: an object of a later generation".into(),
            ));
        }
        match object {
            Object::Stream(stream) => {
                entries[id as usize] = Entry::At(out.len());
                let compress = stream.allows_compression && stream.dict.get(b"Filter").is_err();
                let deflated;
                let content = if compress {
                    deflated = deflate_content(&stream.content)?;
                    &deflated
                } else {
                    &stream.content
                };
                begin_direct(&mut out, id);
                out.extend_from_slice(b"<<");
                for (key, value) in &stream.dict {
                    if key != b"Length" {
                        entry(&mut out, key, value);
                    }
                }
                if compress {
                    out.extend_from_slice(b"/Filter/FlateDecode");
                }
                out.extend_from_slice(b"/Length ");
                int(&mut out, content.len());
                out.extend_from_slice(b">>stream\n");
                out.extend_from_slice(content);
                out.extend_from_slice(b"\nendstream\nendobj\n");
            }
            other => value(packer.begin(id)?, other),
        }
    }
    packer.seal()?;
    let mut next = lo.max_id + 1;
    for sealed in &packer.sealed {
        let stream = next;
        next += 1;
        entries.push(Entry::At(out.len()));
        for (index, id) in sealed.ids.iter().enumerate() {
            let index = u16::try_from(index).unwrap_or(u16::MAX);
            if let Some(e) = entries.get_mut(*id as usize) {
                *e = Entry::In { stream, index };
            }
        }
        begin_direct(&mut out, stream);
        out.extend_from_slice(b"<</Type/ObjStm/N ");
        int(&mut out, sealed.ids.len());
        out.extend_from_slice(b"/First ");
        int(&mut out, sealed.first);
        out.extend_from_slice(b"/Filter/FlateDecode/Length ");
        int(&mut out, sealed.deflated.len());
        out.extend_from_slice(b">>stream\n");
        out.extend_from_slice(&sealed.deflated);
        out.extend_from_slice(b"\nendstream\nendobj\n");
    }
    // The cross-reference stream itself is the last object.
    let xref_id = next;
    let xref_at = out.len();
    entries.push(Entry::At(xref_at));
    let mut table = Vec::with_capacity(entries.len() * 7);
    for e in &entries {
        let (kind, field, second): (u8, u32, u16) = match *e {
            // Object 0 heads the (empty) free list, as the format requires.
            Entry::Free => (0, 0, 0xffff),
            Entry::At(at) => (1, u32::try_from(at).map_err(|_| too_big())?, 0),
            Entry::In { stream, index } => (2, stream, index),
        };
        table.push(kind);
        table.extend_from_slice(&field.to_be_bytes());
        table.extend_from_slice(&second.to_be_bytes());
    }
    let table = deflate(&table)?;
    begin_direct(&mut out, xref_id);
    out.extend_from_slice(b"<</Type/XRef/Size ");
    int(&mut out, entries.len());
    out.extend_from_slice(b"/W[1 4 2]");
    for (key, value) in &lo.trailer {
        if matches!(key.as_slice(), b"Root" | b"Info" | b"ID") {
            entry(&mut out, key, value);
        }
    }
    out.extend_from_slice(b"/Filter/FlateDecode/Length ");
    int(&mut out, table.len());
    out.extend_from_slice(b">>stream\n");
    out.extend_from_slice(&table);
    out.extend_from_slice(b"\nendstream\nendobj\nstartxref\n");
    int(&mut out, xref_at);
    out.extend_from_slice(b"\n%%EOF\n");
    Ok(out)
}

fn too_big() -> Error {
    Error::Invalid("the PDF could not be written: it is over 4 GB".into())
}

fn begin_direct(out: &mut Vec<u8>, id: u32) {
    int(out, id);
    out.extend_from_slice(b" 0 obj\n");
}

fn entry(out: &mut Vec<u8>, key: &[u8], v: &Object) {
    name(out, key);
    if needs_space(v) {
        out.push(b' ');
    }
    value(out, v);
}

/// Whether `v` must be parted from what comes before it (a name or number would run on).
fn needs_space(v: &Object) -> bool {
    matches!(
        v,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

/// Serialises one direct object (streams are only ever indirect, written by `write`).
fn value(out: &mut Vec<u8>, v: &Object) {
    match v {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(n) => int(out, n),
        Object::Real(r) => int(out, r),
        Object::Name(n) => name(out, n),
        Object::String(bytes, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for b in bytes {
                let _ = write!(out, "{b:02X}");
            }
            out.push(b'>');
        }
        Object::String(bytes, StringFormat::Literal) => {
            out.push(b'(');
            for &b in bytes {
                match b {
                    b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    _ => out.push(b),
                }
            }
            out.push(b')');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (k, item) in items.iter().enumerate() {
                if k > 0 && needs_space(item) {
                    out.push(b' ');
                }
                value(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => dictionary(out, d),
        // A stream is never direct in a well-formed document: only its dictionary is written.
        Object::Stream(s) => dictionary(out, &s.dict),
        Object::Reference((id, _)) => reference(out, *id),
    }
}

fn dictionary(out: &mut Vec<u8>, d: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, v) in d {
        entry(out, key, v);
    }
    out.extend_from_slice(b">>");
}

/// A name, with `#xx` for delimiters, white space and bytes outside `!`..`~`.
pub(super) fn name(out: &mut Vec<u8>, n: &[u8]) {
    out.push(b'/');
    for &b in n {
        if b"()<>[]{}/%#".contains(&b) || !(33..=126).contains(&b) {
            let _ = write!(out, "#{b:02X}");
        } else {
            out.push(b);
        }
    }
}
