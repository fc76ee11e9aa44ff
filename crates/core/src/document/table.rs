//! Tables: a header row, then rows of wrapped cells separated by rules. A table that crosses a
//! page repeats its header row, and a row taller than the room left is split between lines,
//! so no row is ever cut or pushed off the page.

use super::cursor::Cursor;
use super::flow::{Cell, Face, Ink, Item, Role, Scope, Span, Table};
use super::text::Line;
use crate::model::ActionStatus;

const SIZE: f32 = 9.5;
const SMALL: f32 = 8.5;
const LEAD: f32 = 13.0;
const PAD_X: f32 = 5.0;
const PAD_Y: f32 = 5.0;
/// Space between two paragraphs of one cell.
const PARA_GAP: f32 = 3.0;

/// A laid-out line of a cell: its height, and what to draw (nothing for a gap).
#[derive(Debug, Clone)]
struct CellLine {
    height: f32,
    content: Option<(Line, f32, f32, Ink)>, // line, indent, size, ink
    shape: Option<ActionStatus>,
    bullet: bool,
    /// Which paragraph of its cell the line belongs to ([`NOT_TEXT`] for a "continued").
    para: usize,
}

/// The paragraph index of a line that is no paragraph's: drawn as an artifact.
const NOT_TEXT: usize = usize::MAX;

/// The structure elements of one row: for each cell, for each of its paragraphs, the element
/// its text goes in and, for a list item, the element its bullet goes in.
type RowNodes = Vec<Vec<(usize, Option<usize>)>>;

/// Column widths, column x positions, the header's lines and its height.
type Prepared = (Vec<f32>, Vec<f32>, Vec<Vec<CellLine>>, f32);

fn prepare(f: &mut Cursor, table: &Table) -> Prepared {
    let total: f32 = table.columns.iter().map(|c| c.1).sum::<f32>().max(0.01);
    let widths: Vec<f32> = table
        .columns
        .iter()
        .map(|c| c.1 / total * f.text_width())
        .collect();
    let xs: Vec<f32> = widths
        .iter()
        .scan(f.left, |x, w| {
            let at = *x;
            *x += w;
            Some(at)
        })
        .collect();
    let header: Vec<Vec<CellLine>> = table
        .columns
        .iter()
        .zip(&widths)
        .map(|((title, _), w)| {
            f.t.wrap(&[Span::bold(title)], true, SIZE, w - 2.0 * PAD_X)
                .into_iter()
                .map(|l| CellLine {
                    height: LEAD,
                    content: Some((l, 0.0, SIZE, Ink::Text)),
                    shape: None,
                    bullet: false,
                    para: 0,
                })
                .collect()
        })
        .collect();
    let header_h = tallest(&header) + 2.0 * PAD_Y;
    (widths, xs, header, header_h)
}

fn row_lines(f: &mut Cursor, row: &[Cell], widths: &[f32]) -> Vec<Vec<CellLine>> {
    row.iter()
        .zip(widths)
        .map(|(cell, w)| cell_lines(f, cell, w - 2.0 * PAD_X))
        .collect()
}

/// What must fit for the table to start here: its header with its whole first row when that
/// row fits on a page at all, else the header with the row's first two lines. A heading
/// before the table asks for the same room, so it never stays behind alone.
fn start_room(first: Option<&Vec<Vec<CellLine>>>, header_h: f32, page: f32) -> f32 {
    let Some(row) = first else {
        return header_h;
    };
    let whole = tallest(row) + 2.0 * PAD_Y;
    if header_h + whole <= page {
        header_h + whole
    } else {
        header_h + first_lines(row, 2) + 2.0 * PAD_Y
    }
}

/// The room [`place`] needs to start `table`, for keeping a heading with it.
pub(super) fn start_height(f: &mut Cursor, table: &Table) -> f32 {
    let (widths, _, _, header_h) = prepare(f, table);
    let first = table.rows.first().map(|r| row_lines(f, r, &widths));
    6.0 + start_room(first.as_ref(), header_h, f.bottom - f.top)
}

pub(super) fn place(f: &mut Cursor, table: &Table) {
    let (widths, xs, header, header_h) = prepare(f, table);
    let rows: Vec<Vec<Vec<CellLine>>> = table
        .rows
        .iter()
        .map(|row| row_lines(f, row, &widths))
        .collect();
    f.gap(6.0);
    let need = start_room(rows.first(), header_h, f.bottom - f.top);
    f.ensure(need);
    // Table > THead > TR > TH (column), then TBody > TR > TH (row) and TD. The header row
    // is tagged where it first appears; its repeats on later pages are artifacts.
    let outer = f.current;
    let table_node = f.open(Role::Table);
    let head = f.node(Role::THead, table_node);
    let head_row = f.node(Role::TR, head);
    let head_nodes: RowNodes = table
        .columns
        .iter()
        .map(|(title, _)| {
            // An untitled column's header cell is a plain cell, as in the HTML.
            let role = if title.is_empty() {
                Role::TD
            } else {
                Role::TH(Scope::Column)
            };
            vec![(f.node(role, head_row), None)]
        })
        .collect();
    let body = f.node(Role::TBody, table_node);
    draw_header(f, table, &header, &xs, &widths, header_h, Some(&head_nodes));
    for (row, cells) in rows.into_iter().zip(&table.rows) {
        let mut row = row;
        let nodes = row_nodes(f, cells, body, table.row_headers());
        loop {
            let h = tallest(&row) + 2.0 * PAD_Y;
            if h <= f.room() + 0.01 {
                draw_row(f, &row, &xs, Some(&nodes));
                f.y += h;
                rule(f, 0.5, Ink::Rule);
                break;
            }
            // Split the row when what fits here is worth it (or a whole page could not hold
            // the row anyway); otherwise move it to the next page whole.
            let fits_fresh = h <= f.bottom - f.top - header_h;
            let mut room = f.room() - 2.0 * PAD_Y;
            // Neither part of a split row is a lone line: at least two lines stay here (the
            // test below), and the part carried over has two lines or more too.
            while room >= first_lines(&row, 2) && carried_lines(&row, room) == 1 {
                room -= LEAD;
            }
            if fits_fresh || room < first_lines(&row, 2) {
                f.new_page();
                draw_header(f, table, &header, &xs, &widths, header_h, None);
                continue;
            }
            row = split_and_draw(f, row, &xs, room, &nodes);
            // Say where a split row carries on, so it is not read as a new row.
            if let Some(first) = row.first_mut() {
                let said = f.t.wrap(
                    &[Span::italic("continued")],
                    false,
                    SMALL,
                    widths[0] - 2.0 * PAD_X,
                );
                for (k, line) in said.into_iter().enumerate() {
                    first.insert(
                        k,
                        CellLine {
                            height: LEAD,
                            content: Some((line, 0.0, SMALL, Ink::Muted)),
                            shape: None,
                            bullet: false,
                            para: NOT_TEXT,
                        },
                    );
                }
            }
            f.new_page();
            draw_header(f, table, &header, &xs, &widths, header_h, None);
        }
    }
    f.current = outer;
    f.y += 10.0;
}

/// A body row's elements, made when the row is first drawn: TR, a TH naming the row (its
/// first cell, as in the HTML, when the table has row headers), TDs, and in each cell a P per paragraph or a list (L > LI >
/// Lbl + LBody) for its bulleted paragraphs.
fn row_nodes(f: &mut Cursor, row: &[Cell], body: usize, row_headers: bool) -> RowNodes {
    let tr = f.node(Role::TR, body);
    let mut out = Vec::with_capacity(row.len());
    for (k, cell) in row.iter().enumerate() {
        let role = if k == 0 && row_headers {
            Role::TH(Scope::Row)
        } else {
            Role::TD
        };
        let td = f.node(role, tr);
        // A cell of one plain paragraph holds its text itself: fewer elements, same reading.
        if let [only] = cell.as_slice()
            && !only.bullet
        {
            out.push(vec![(td, None)]);
            continue;
        }
        let mut list = None;
        let mut paras = Vec::with_capacity(cell.len());
        for para in cell {
            if para.bullet {
                let l = match list {
                    Some(l) => l,
                    None => *list.insert(f.node(Role::L, td)),
                };
                let li = f.node(Role::LI, l);
                let label = f.node(Role::Lbl, li);
                paras.push((f.node(Role::LBody, li), Some(label)));
            } else {
                list = None;
                paras.push((f.node(Role::P, td), None));
            }
        }
        out.push(paras);
    }
    out
}

/// Draws the lines of each cell that fit in `room`, and returns the rest of the row.
fn split_and_draw(
    f: &mut Cursor,
    row: Vec<Vec<CellLine>>,
    xs: &[f32],
    room: f32,
    nodes: &RowNodes,
) -> Vec<Vec<CellLine>> {
    let mut now = Vec::new();
    let mut rest = Vec::new();
    for cell in row {
        let mut used = 0.0;
        let mut k = 0;
        while k < cell.len() && used + cell[k].height <= room + 0.01 {
            used += cell[k].height;
            k += 1;
        }
        let mut cell = cell;
        let later = cell.split_off(k);
        now.push(cell);
        rest.push(later);
    }
    draw_row(f, &now, xs, Some(nodes));
    f.y += tallest(&now) + 2.0 * PAD_Y;
    rest
}

/// How many lines of text the cell carrying most over would carry to the next page if the
/// row were split to fit `room` (as [`split_and_draw`] splits it).
fn carried_lines(row: &[Vec<CellLine>], room: f32) -> usize {
    row.iter()
        .map(|cell| {
            let mut used = 0.0;
            let mut k = 0;
            while k < cell.len() && used + cell[k].height <= room + 0.01 {
                used += cell[k].height;
                k += 1;
            }
            cell[k..].iter().filter(|l| l.content.is_some()).count()
        })
        .max()
        .unwrap_or(0)
}

fn tallest(cells: &[Vec<CellLine>]) -> f32 {
    cells
        .iter()
        .map(|c| c.iter().map(|l| l.height).sum::<f32>())
        .fold(0.0, f32::max)
}

/// The height of the first `n` lines of the row's tallest start.
fn first_lines(row: &[Vec<CellLine>], n: usize) -> f32 {
    row.iter()
        .map(|c| c.iter().take(n).map(|l| l.height).sum::<f32>())
        .fold(0.0, f32::max)
}

fn cell_lines(f: &mut Cursor, cell: &Cell, width: f32) -> Vec<CellLine> {
    let mut out = Vec::new();
    for (k, para) in cell.iter().enumerate() {
        if k > 0 {
            out.push(CellLine {
                height: PARA_GAP,
                content: None,
                shape: None,
                bullet: false,
                para: NOT_TEXT,
            });
        }
        let (size, ink) = if para.muted {
            (SMALL, Ink::Muted)
        } else {
            (SIZE, Ink::Text)
        };
        let indent = if para.shape.is_some() || para.bullet {
            12.0
        } else {
            0.0
        };
        for (n, line) in
            f.t.wrap(&para.text, false, size, width - indent)
                .into_iter()
                .enumerate()
        {
            out.push(CellLine {
                height: LEAD,
                content: Some((line, indent, size, ink)),
                shape: if n == 0 { para.shape } else { None },
                bullet: n == 0 && para.bullet,
                para: k,
            });
        }
    }
    out
}

/// Draws the header row: tagged in `nodes` where the table starts, an artifact (`None`)
/// where it is repeated on a later page.
fn draw_header(
    f: &mut Cursor,
    table: &Table,
    header: &[Vec<CellLine>],
    xs: &[f32],
    widths: &[f32],
    h: f32,
    nodes: Option<&RowNodes>,
) {
    let (x, y, w) = (f.left, f.y, widths.iter().sum());
    f.push_artifact(Item::Fill {
        x,
        y,
        w,
        h,
        ink: Ink::Panel,
    });
    let first = table
        .columns
        .first()
        .map(|c| c.0.clone())
        .unwrap_or_default();
    f.page().table_headers.push(first);
    draw_row(f, header, xs, nodes);
    f.y += h;
    rule(f, 1.0, Ink::Text);
}

/// Draws a row's lines, each in its paragraph's element (an artifact without `nodes`);
/// status shapes are artifacts, as the status word beside them says the same.
fn draw_row(f: &mut Cursor, cells: &[Vec<CellLine>], xs: &[f32], nodes: Option<&RowNodes>) {
    let outer = (f.current, f.artifact);
    for (c, (cell, x)) in cells.iter().zip(xs).enumerate() {
        let mut y = f.y + PAD_Y;
        for l in cell {
            if let Some((line, indent, size, ink)) = &l.content {
                let node = nodes
                    .and_then(|n| n.get(c))
                    .and_then(|paras| paras.get(l.para))
                    .copied();
                let base = y + size * 0.93 + (LEAD - size) * 0.3;
                let x = x + PAD_X + indent;
                if let Some(status) = l.shape {
                    f.push_artifact(Item::Shape {
                        status,
                        x: x - 6.5,
                        y: base - size * 0.33,
                        size: 7.5,
                    });
                }
                if l.bullet {
                    let bullet = Item::Text {
                        x: x - 10.0,
                        y: base,
                        size: *size,
                        face: Face::Regular,
                        ink: Ink::Accent,
                        text: "•".into(),
                    };
                    match node.and_then(|n| n.1) {
                        Some(label) => {
                            (f.current, f.artifact) = (label, false);
                            f.push(bullet);
                        }
                        None => f.push_artifact(bullet),
                    }
                }
                match node {
                    Some((n, _)) => (f.current, f.artifact) = (n, false),
                    None => f.artifact = true,
                }
                f.line_at(line, x, base, *size, *ink);
            }
            y += l.height;
        }
    }
    (f.current, f.artifact) = outer;
}

fn rule(f: &mut Cursor, width: f32, ink: Ink) {
    let (x1, x2, y) = (f.left, f.right, f.y);
    f.push_artifact(Item::Rule {
        x1,
        y1: y,
        x2,
        y2: y,
        width,
        ink,
        dashed: false,
    });
}
