//! The light markup of section bodies: paragraphs separated by blank lines, lines starting
//! "- " as bullet lists, `**bold**`, `*italic*` and `[text](address)`.
//!
//! Parsing never fails and never loses a character: anything that is not well-formed markup
//! (an unclosed `**`, a `[` without its `](…)`) is kept as the literal text the planner typed.

use super::flow::{Inline, Span, web_link};

/// A block of a section body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyBlock {
    Paragraph(Inline),
    Bullets(Vec<Inline>),
}

/// Parses a section body.
pub fn parse_body(body: &str) -> Vec<BodyBlock> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut bullets: Vec<String> = Vec::new();
    let flush_para = |para: &mut Vec<&str>, blocks: &mut Vec<BodyBlock>| {
        if !para.is_empty() {
            blocks.push(BodyBlock::Paragraph(parse_inline(&para.join(" "))));
            para.clear();
        }
    };
    let flush_bullets = |bullets: &mut Vec<String>, blocks: &mut Vec<BodyBlock>| {
        if !bullets.is_empty() {
            blocks.push(BodyBlock::Bullets(
                bullets.iter().map(|b| parse_inline(b)).collect(),
            ));
            bullets.clear();
        }
    };
    for line in body.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush_para(&mut para, &mut blocks);
            flush_bullets(&mut bullets, &mut blocks);
        } else if let Some(item) = trimmed.strip_prefix("- ") {
            flush_para(&mut para, &mut blocks);
            bullets.push(item.trim().to_owned());
        } else if !bullets.is_empty() && line.starts_with([' ', '\t']) {
            // An indented line continues the bullet above it.
            if let Some(last) = bullets.last_mut() {
                last.push(' ');
                last.push_str(trimmed);
            }
        } else {
            flush_bullets(&mut bullets, &mut blocks);
            para.push(trimmed);
        }
    }
    flush_para(&mut para, &mut blocks);
    flush_bullets(&mut bullets, &mut blocks);
    blocks
}

/// Parses `**bold**`, `*italic*` and `[text](address)` in one paragraph or list item.
pub fn parse_inline(text: &str) -> Inline {
    let mut out: Inline = Vec::new();
    let mut bold = false;
    let mut italic = false;
    let mut buf = String::new();
    let mut rest = text;
    let push =
        |out: &mut Inline, buf: &mut String, bold: bool, italic: bool, link: Option<String>| {
            if !buf.is_empty() {
                out.push(Span {
                    text: std::mem::take(buf),
                    bold,
                    italic,
                    link,
                });
            }
        };
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("**")
            && (bold || (starts_word(after) && after.contains("**")))
        {
            push(&mut out, &mut buf, bold, italic, None);
            bold = !bold;
            rest = after;
            continue;
        }
        if c == '*'
            && !rest.starts_with("**")
            && (italic || (starts_word(&rest[1..]) && rest[1..].contains('*')))
        {
            push(&mut out, &mut buf, bold, italic, None);
            italic = !italic;
            rest = &rest[1..];
            continue;
        }
        if c == '['
            && let Some((label, address, len)) = link_at(rest)
        {
            push(&mut out, &mut buf, bold, italic, None);
            buf.push_str(label);
            // The one link rule: an address that may not be a link stays as its text, for
            // the PDF, the HTML and the Word document alike.
            match web_link(address) {
                Some(address) => push(&mut out, &mut buf, bold, italic, Some(address.to_owned())),
                None => {
                    buf.push_str(&format!(" ({address})"));
                    push(&mut out, &mut buf, bold, italic, None);
                }
            }
            rest = &rest[len..];
            continue;
        }
        buf.push(c);
        rest = &rest[c.len_utf8()..];
    }
    push(&mut out, &mut buf, bold, italic, None);
    out
}

/// Whether markup opening here is followed by a word (so "5 * 3" stays as typed).
fn starts_word(after: &str) -> bool {
    after.chars().next().is_some_and(|c| !c.is_whitespace())
}

/// `[label](address)` at the start of `text`: the label, the address and the length matched.
fn link_at(text: &str) -> Option<(&str, &str, usize)> {
    let close = text.find("](")?;
    let label = &text[1..close];
    if label.is_empty() || label.contains('[') {
        return None;
    }
    let after = &text[close + 2..];
    let end = after.find(')')?;
    let address = after[..end].trim();
    if address.is_empty() || address.contains(char::is_whitespace) {
        return None;
    }
    Some((label, address, close + 2 + end + 1))
}

/// The text of an inline run without its styling.
pub fn plain_text(inline: &Inline) -> String {
    inline.iter().map(|s| s.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_bullets_and_styles() {
        let blocks = parse_body(
            "**Bold lead**\n\nFirst line\nsecond line with *italic* and [a link](https://example.org/x).\n\n- one\n- two **b**\n\nLast",
        );
        assert_eq!(blocks.len(), 4);
        assert_eq!(
            blocks[0],
            BodyBlock::Paragraph(vec![Span::bold("Bold lead")])
        );
        let BodyBlock::Paragraph(p) = &blocks[1] else {
            panic!("a paragraph")
        };
        assert_eq!(
            plain_text(p),
            "First line second line with italic and a link."
        );
        assert!(p.iter().any(|s| s.italic && s.text == "italic"));
        assert!(
            p.iter()
                .any(|s| s.link.as_deref() == Some("https://example.org/x") && s.text == "a link")
        );
        let BodyBlock::Bullets(items) = &blocks[2] else {
            panic!("a list")
        };
        assert_eq!(items.len(), 2);
        assert_eq!(plain_text(&items[1]), "two b");
    }

    #[test]
    fn unclosed_markup_is_kept_as_typed() {
        let p = parse_inline("5 * 3 = 15, **not bold, [not](a link");
        assert_eq!(plain_text(&p), "5 * 3 = 15, **not bold, [not](a link");
    }
}
