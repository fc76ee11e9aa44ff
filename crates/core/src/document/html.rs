//! The HTML twin: the same document model as one self-contained, accessible HTML file
//! (semantic headings, real tables with header cells, `lang`, no scripts, no outside
//! resources). Every piece of user text is escaped, so it can only ever be text, never markup.

use std::fmt::Write;

use super::flow::{Block, Cell, Chart, Cover, Doc, Heading, Inline, Span, Table, web_link};
use super::words::{amount, short_date};

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A link's `href`, by the one link rule ([`web_link`]).
fn safe_href(address: &str) -> Option<String> {
    web_link(address).map(escape)
}

const STYLE: &str = "
:root{color:#0b0c0c;background:#fff;font-family:\"Liberation Sans\",Arial,Helvetica,sans-serif;line-height:1.45}
body{max-width:46rem;margin:0 auto;padding:1.5rem 1.25rem 4rem;font-size:1.0625rem}
h1,h2,h3{color:#005eb8;line-height:1.2}
h1{font-size:2.2rem;margin:1rem 0}
h2{font-size:2rem;margin:3rem 0 1rem;padding-bottom:.4rem;border-bottom:3px solid #005eb8}
h3{font-size:1.5rem;margin:2.25rem 0 .75rem}
h4{font-size:1.2rem;margin:1.75rem 0 .5rem}
h5{font-size:1.05rem;margin:1.25rem 0 .4rem}
a{color:#1d70b8}
.cover{background:#005eb8;color:#fff;padding:2rem 1.5rem;margin:0 -1.25rem 1.5rem}
.cover h1{color:#fff;margin:.5rem 0;font-size:2.4rem}
.cover .partnership{font-weight:bold;margin:0}
.cover .subtitle{font-size:1.2rem;margin:.5rem 0 0}
.draft{display:inline-block;border:2px solid #d4351c;color:#d4351c;font-weight:bold;padding:.1rem .6rem;letter-spacing:.1em}
dl.details{display:grid;grid-template-columns:9rem 1fr;gap:.35rem 1rem}
dl.details dt{font-weight:bold;color:#505a5f}
dl.details dd{margin:0}
.lead{font-size:1.2rem}
.note{color:#505a5f;font-style:italic}
table{border-collapse:collapse;width:100%;margin:1rem 0 1.5rem;font-size:.95rem}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
th,td{text-align:left;vertical-align:top;padding:.45rem .5rem;border-bottom:1px solid #b1b4b6}
thead th{background:#f0f4f5;border-bottom:2px solid #0b0c0c}
td p,th p{margin:0 0 .25rem}
td .muted{color:#505a5f;font-size:.9em}
td ul{margin:0;padding-left:1.1rem}
.status-shape{display:inline-block;width:1.1em}
.chart{margin:.5rem 0 1.25rem}
nav ol{list-style:none;padding-left:0}
nav ol ol{padding-left:1.25rem}
@media print{.cover{margin:0}}
";

/// Renders the document model as one HTML file.
pub fn render(doc: &Doc) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <title>{}</title>\n<meta name=\"author\" content=\"{}\">\n<meta name=\"description\" content=\"{}\">\n\
         <style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        escape(&doc.lang),
        escape(&doc.title),
        escape(&doc.author),
        escape(&doc.subject)
    );
    let listed: Vec<&Heading> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) if h.in_contents => Some(h),
            _ => None,
        })
        .collect();
    // The plan's title is the page's one <h1>, and the document's headings sit one level
    // below it, so levels run in order without gaps.
    if !doc.blocks.iter().any(|b| matches!(b, Block::Cover(_))) {
        let _ = writeln!(out, "<h1>{}</h1>", escape(&doc.title));
    }
    for block in &doc.blocks {
        match block {
            Block::Cover(c) => cover(&mut out, c),
            Block::Contents => contents(&mut out, &listed),
            Block::Heading(h) => {
                let level = (h.level + 1).clamp(2, 6);
                let _ = writeln!(
                    out,
                    "<h{level} id=\"{}\">{}</h{level}>",
                    escape(&h.anchor),
                    escape(&h.text)
                );
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "<p>{}</p>", inline(p));
            }
            Block::Lead(p) => {
                let _ = writeln!(out, "<p class=\"lead\">{}</p>", inline(p));
            }
            Block::Note(t) => {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(t));
            }
            Block::Bullets(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", inline(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(t) => table(&mut out, t),
            Block::Chart(c) => chart(&mut out, c),
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn inline(spans: &Inline) -> String {
    let mut out = String::new();
    for Span {
        text,
        bold,
        italic,
        link,
    } in spans
    {
        let mut s = escape(text);
        if *italic {
            s = format!("<em>{s}</em>");
        }
        if *bold {
            s = format!("<strong>{s}</strong>");
        }
        if let Some(href) = link.as_deref().and_then(safe_href) {
            s = format!("<a href=\"{href}\">{s}</a>");
        } else if let Some(address) = link {
            s = format!("{s} ({})", escape(address));
        }
        out.push_str(&s);
    }
    out
}

fn cover(out: &mut String, c: &Cover) {
    let _ = writeln!(
        out,
        "<header class=\"cover\">\n<p class=\"partnership\">{}</p>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n</header>",
        escape(&c.partnership),
        escape(&c.title),
        escape(&c.subtitle)
    );
    if c.draft {
        out.push_str("<p><strong class=\"draft\">DRAFT</strong></p>\n");
    }
    out.push_str("<dl class=\"details\">\n");
    for (k, v) in &c.details {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(v));
    }
    out.push_str("</dl>\n");
}

fn contents(out: &mut String, listed: &[&Heading]) {
    out.push_str("<nav aria-labelledby=\"contents\">\n<ol>\n");
    let mut in_sub = false;
    for (k, h) in listed.iter().enumerate() {
        if h.level >= 2 && !in_sub {
            out.push_str("<ol>\n");
            in_sub = true;
        } else if h.level < 2 && in_sub {
            out.push_str("</ol></li>\n");
            in_sub = false;
        } else if k > 0 && h.level < 2 {
            out.push_str("</li>\n");
        }
        let _ = write!(
            out,
            "<li><a href=\"#{}\">{}</a>",
            escape(&h.anchor),
            escape(&h.text)
        );
        if h.level >= 2 {
            out.push_str("</li>\n");
        }
    }
    if in_sub {
        out.push_str("</ol></li>\n");
    } else if !listed.is_empty() {
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</nav>\n");
}

fn cell(out: &mut String, c: &Cell) {
    let mut in_list = false;
    for p in c {
        if p.bullet && !in_list {
            out.push_str("<ul>");
            in_list = true;
        } else if !p.bullet && in_list {
            out.push_str("</ul>");
            in_list = false;
        }
        let shape = p.shape.map_or(String::new(), |s| {
            format!(
                "<span class=\"status-shape\" aria-hidden=\"true\">{}</span>",
                super::words::status_symbol(s)
            )
        });
        let class = if p.muted { " class=\"muted\"" } else { "" };
        if p.bullet {
            let _ = write!(out, "<li{class}>{}</li>", inline(&p.text));
        } else {
            let _ = write!(out, "<p{class}>{shape}{}</p>", inline(&p.text));
        }
    }
    if in_list {
        out.push_str("</ul>");
    }
}

fn table(out: &mut String, t: &Table) {
    let _ = write!(
        out,
        "<table>\n<caption>{}</caption>\n<thead><tr>",
        escape(&t.caption)
    );
    for (title, _) in &t.columns {
        if title.is_empty() {
            out.push_str("<td></td>");
        } else {
            let _ = write!(out, "<th scope=\"col\">{}</th>", escape(title));
        }
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let row_headers = t.row_headers();
    for row in &t.rows {
        out.push_str("<tr>");
        for (k, c) in row.iter().enumerate() {
            // The first cell names the row, so screen readers announce it with each cell.
            if k == 0 && row_headers {
                out.push_str("<th scope=\"row\">");
                cell(out, c);
                out.push_str("</th>");
            } else {
                out.push_str("<td>");
                cell(out, c);
                out.push_str("</td>");
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn chart(out: &mut String, c: &Chart) {
    let _ = writeln!(
        out,
        "<figure class=\"chart\">\n<figcaption>{}</figcaption>\n<table>\n<caption>Readings of {}</caption>\n<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Reading</th></tr></thead>\n<tbody>",
        escape(&c.summary),
        escape(&c.title)
    );
    for (d, v) in &c.readings {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            escape(&short_date(*d)),
            escape(&amount(*v, &c.unit))
        );
    }
    out.push_str("</tbody>\n</table>\n</figure>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_never_becomes_markup() {
        let spans = vec![
            Span::plain("<script>alert(1)</script> & \"q\""),
            Span {
                link: Some("javascript:alert(1)".into()),
                ..Span::plain("click")
            },
        ];
        let html = inline(&spans);
        assert!(!html.contains("<script"));
        assert!(!html.contains("href=\"javascript"));
        assert!(html.contains("&lt;script&gt;"));
    }
}
