//! A small chart of a measure's readings against its target, with the readings also in words
//! underneath (a chart alone would shut out readers who cannot see it).

use super::cursor::Cursor;
use super::flow::{Chart, Face, Ink, Item, Role, Span};
use super::words::{amount, short_date};

/// The chart's height without its caption.
pub(super) const HEIGHT: f32 = 124.0;
const PLOT_W: f32 = 300.0;
const PLOT_H: f32 = 78.0;
const AXIS_W: f32 = 54.0;

pub(super) fn place(f: &mut Cursor, chart: &Chart) {
    let caption = f.t.wrap(
        &[Span::plain(&chart.summary)],
        false,
        8.5,
        f.text_width().min(AXIS_W + PLOT_W + 120.0),
    );
    f.gap(2.0);
    f.ensure(HEIGHT + 12.0 * caption.len().min(2) as f32);
    figure(f, chart);
    let left = f.left;
    f.open(Role::P);
    f.lines(&caption, left, 8.5, 12.0, Ink::Muted);
    f.close();
    f.y += 10.0;
}

/// The chart itself, without the summary printed under it (the Word document's picture is
/// this, with the summary as an editable Caption beneath).
pub(super) fn figure(f: &mut Cursor, chart: &Chart) {
    // The chart is one figure; what it shows, values included, is its alternative text
    // (the caption under it says the same in print).
    let figure = f.open(Role::Figure);
    f.tree[figure].description = Some(alt_text(chart));
    let x0 = f.left + AXIS_W;
    let y0 = f.y + 14.0; // top of the plot
    let (x1, y1) = (x0 + PLOT_W, y0 + PLOT_H);

    let mut values: Vec<f64> = chart.readings.iter().map(|r| r.1).collect();
    values.extend(chart.target.map(|t| t.0));
    values.extend(chart.baseline.map(|b| b.0));
    let (mut lo, mut hi) = values
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    if (hi - lo).abs() < 1e-9 {
        lo -= 1.0;
        hi += 1.0;
    }
    let pad = (hi - lo) * 0.12;
    let (lo, hi) = (lo - pad, hi + pad);
    let y_of = |v: f64| y1 - ((v - lo) / (hi - lo)) as f32 * PLOT_H;

    let baseline_at = chart.baseline.and_then(|(v, d)| d.map(|d| (d, v)));
    let first = match (baseline_at, chart.readings.first()) {
        (Some((b, _)), Some((r, _))) => Some(b.min(*r)),
        (Some((b, _)), None) => Some(b),
        (None, r) => r.map(|r| r.0),
    };
    let last = chart.readings.last().map(|r| r.0);
    let mut end = last;
    if let Some((_, Some(d))) = chart.target
        && Some(d) > end
    {
        end = Some(d);
    }
    let span = match (first, end) {
        (Some(a), Some(b)) if b > a => (b - a).num_days() as f32,
        _ => 0.0,
    };
    let x_of = |d: chrono::NaiveDate| match first {
        Some(a) if span > 0.0 => x0 + 8.0 + (d - a).num_days() as f32 / span * (PLOT_W - 16.0),
        _ => x0 + PLOT_W / 2.0,
    };

    // Axes: a light frame and the value scale.
    for (xa, ya, xb, yb) in [(x0, y1, x1, y1), (x0, y0, x0, y1)] {
        f.push(Item::Rule {
            x1: xa,
            y1: ya,
            x2: xb,
            y2: yb,
            width: 0.6,
            ink: Ink::Muted,
            dashed: false,
        });
    }
    let label = |f: &mut Cursor, text: String, x: f32, y: f32, right: bool| {
        let w = f.t.width(Face::Regular, 7.5, &text);
        let x = if right { x - w } else { x };
        f.push(Item::Text {
            x,
            y,
            size: 7.5,
            face: Face::Regular,
            ink: Ink::Muted,
            text,
        });
    };
    label(
        f,
        amount(round(hi - pad), &chart.unit),
        x0 - 4.0,
        y_of(hi - pad) + 2.5,
        true,
    );
    label(
        f,
        amount(round(lo + pad), &chart.unit),
        x0 - 4.0,
        y_of(lo + pad) + 2.5,
        true,
    );
    if let Some(a) = first {
        label(f, short_date(a), x_of(a) - 8.0, y1 + 10.0, false);
    }
    if let Some(b) = end
        && end != first
    {
        label(f, short_date(b), x_of(b) + 8.0, y1 + 10.0, true);
    }

    if let Some((t, _)) = chart.target {
        let y = y_of(t);
        f.push(Item::Rule {
            x1: x0,
            y1: y,
            x2: x1,
            y2: y,
            width: 1.0,
            ink: Ink::Text,
            dashed: true,
        });
        label(
            f,
            format!("Target {}", amount(t, &chart.unit)),
            x1 + 4.0,
            y + 2.5,
            false,
        );
    }
    let mut points: Vec<(f32, f32)> = chart
        .readings
        .iter()
        .map(|(d, v)| (x_of(*d), y_of(*v)))
        .collect();
    // The baseline starts the line, drawn as a ring so it reads apart from the readings.
    let baseline_point = baseline_at
        .filter(|(d, _)| chart.readings.first().is_none_or(|r| *d < r.0))
        .map(|(d, v)| (x_of(d), y_of(v)));
    if let Some(p) = baseline_point {
        points.insert(0, p);
    }
    if points.len() > 1 {
        f.push(Item::Polyline {
            points: points.clone(),
            width: 1.6,
            ink: Ink::Accent,
        });
    }
    for (k, (x, y)) in points.iter().enumerate() {
        f.push(Item::Dot {
            x: *x,
            y: *y,
            r: 2.6,
            ink: Ink::Accent,
        });
        if k == 0 && baseline_point.is_some() {
            f.push(Item::Dot {
                x: *x,
                y: *y,
                r: 1.5,
                ink: Ink::White,
            });
        }
    }
    if let Some((d, v)) = chart.readings.last() {
        label(
            f,
            amount(*v, &chart.unit),
            x_of(*d) + 5.0,
            y_of(*v) - 4.0,
            false,
        );
    }
    // Legend: the shapes say which line is which, not only the colours.
    let ly = y1 + 22.0;
    f.push(Item::Dot {
        x: x0 + 3.0,
        y: ly - 2.5,
        r: 2.4,
        ink: Ink::Accent,
    });
    label(f, "Readings".into(), x0 + 9.0, ly, false);
    if chart.target.is_some() {
        f.push(Item::Rule {
            x1: x0 + 62.0,
            y1: ly - 2.5,
            x2: x0 + 80.0,
            y2: ly - 2.5,
            width: 1.0,
            ink: Ink::Text,
            dashed: true,
        });
        label(f, "Target".into(), x0 + 84.0, ly, false);
    }
    if baseline_point.is_some() {
        for (r, ink) in [(2.6, Ink::Accent), (1.5, Ink::White)] {
            f.push(Item::Dot {
                x: x0 + 124.0,
                y: ly - 2.5,
                r,
                ink,
            });
        }
        label(f, "Baseline".into(), x0 + 130.0, ly, false);
    }
    f.close();
    f.y = ly + 8.0;
}

/// What a chart shows, in words: the kind of chart, what it measures, and its values.
pub(super) fn alt_text(chart: &Chart) -> String {
    let target = match chart.target {
        Some((t, Some(d))) => format!(
            ", with a dashed line at the target of {} (by {})",
            amount(t, &chart.unit),
            short_date(d)
        ),
        Some((t, None)) => format!(
            ", with a dashed line at the target of {}",
            amount(t, &chart.unit)
        ),
        None => String::new(),
    };
    format!(
        "Line chart of {} over time{target}. {}",
        chart.title, chart.summary
    )
}

/// Values for the scale, without spurious decimals.
fn round(v: f64) -> f64 {
    if v.abs() >= 10.0 {
        v.round()
    } else {
        (v * 10.0).round() / 10.0
    }
}
