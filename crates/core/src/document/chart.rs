//! A small chart of a measure's readings against its target, with the readings also in words
//! underneath (a chart alone would shut out readers who cannot see it).
//!
//! What a chart shows is decided once, in [`ChartModel`]: its scales, where each reading,
//! the baseline and the target line fall, the words on it and its alternative text. The PDF
//! (`place`, and through it the Word document's picture, `chart_png`) and the app (which
//! draws the model as SVG, `ui/src/lib/parts/Chart.svelte`) only draw it.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::cursor::Cursor;
use super::flow::{Chart, Face, Ink, Item, Role, Span};
use super::words::{amount, short_date};
use crate::model::{Id, Measure, Reading};

/// The chart's height without its caption.
pub(super) const HEIGHT: f32 = 124.0;
const PLOT_W: f32 = 300.0;
const PLOT_H: f32 = 78.0;
const AXIS_W: f32 = 54.0;

/// A point in the plot, in points from its top left corner (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct ChartPoint {
    pub x: f32,
    pub y: f32,
}

/// Words on the chart, at a point of the plot: a scale value (at the left edge, set to end
/// there), a date (under the plot), the target's and the latest reading's values.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ChartLabel {
    pub text: String,
    pub at: ChartPoint,
    /// The text ends at `at` rather than starting there.
    pub end: bool,
}

/// Everything a chart shows, placed in a plot `width` by `height` points. Drawn by the PDF
/// and by the app; neither works out a scale or a position itself.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ChartModel {
    pub title: String,
    pub width: f32,
    pub height: f32,
    /// The readings in order, the baseline first when it comes before them.
    pub line: Vec<ChartPoint>,
    /// The baseline's point, drawn as a ring so it reads apart from the readings.
    pub baseline: Option<ChartPoint>,
    /// The target's height in the plot, drawn as a dashed line across it.
    pub target_y: Option<f32>,
    /// The scale's top and bottom values, the first and last dates, the target's value and
    /// the latest reading's value.
    pub labels: Vec<ChartLabel>,
    /// What the chart shows, values included: its alternative text.
    pub alt: String,
    /// The readings in words, printed under the chart.
    pub summary: String,
}

/// A measure's chart, for the app's overview.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MeasureChart {
    pub measure_id: Id,
    pub chart: ChartModel,
}

/// Each measure's readings that have a date and a value, in date order (the order readings
/// are listed in), by measure.
pub fn dated_readings(readings: &[Reading]) -> HashMap<&Id, Vec<(NaiveDate, f64)>> {
    let mut by: HashMap<&Id, Vec<(NaiveDate, f64)>> = HashMap::new();
    for r in readings {
        if let (Some(d), Some(v)) = (r.date, r.value) {
            by.entry(&r.measure_id).or_default().push((d, v));
        }
    }
    for list in by.values_mut() {
        list.sort_by_key(|r| r.0);
    }
    by
}

/// The chart of every measure with readings, in the measures' order: what the app's
/// overview draws, from the same model as the plan document's charts.
pub fn measure_charts(measures: &[Measure], readings: &[Reading]) -> Vec<MeasureChart> {
    let dated = dated_readings(readings);
    measures
        .iter()
        .filter_map(|m| {
            let chart = of_measure(m, dated.get(&m.id).map(Vec::as_slice).unwrap_or(&[]))?;
            Some(MeasureChart {
                measure_id: m.id.clone(),
                chart: model(&chart),
            })
        })
        .collect()
}

/// The chart of a measure and its readings (dated, with a value, in date order); none
/// without readings, as a chart of nothing would say nothing.
pub fn of_measure(m: &Measure, readings: &[(NaiveDate, f64)]) -> Option<Chart> {
    if readings.is_empty() {
        return None;
    }
    let summary = format!(
        "{}: {}{}.{}",
        m.title,
        m.baseline_value
            .map(|v| format!(
                "baseline {}{}; readings ",
                amount(v, &m.unit),
                m.baseline_date
                    .map(|d| format!(" ({})", short_date(d)))
                    .unwrap_or_default()
            ))
            .unwrap_or_else(|| "readings ".into()),
        readings
            .iter()
            .map(|(d, v)| format!("{} {}", short_date(*d), amount(*v, &m.unit)))
            .collect::<Vec<_>>()
            .join(", "),
        m.target_value
            .map(|t| format!(" Target: {}.", amount(t, &m.unit)))
            .unwrap_or_default()
    );
    Some(Chart {
        title: m.title.clone(),
        unit: m.unit.clone(),
        target: m.target_value.map(|v| (v, m.target_date)),
        baseline: m.baseline_value.map(|v| (v, m.baseline_date)),
        readings: readings.to_vec(),
        summary,
    })
}

/// Where everything on the chart goes.
pub fn model(chart: &Chart) -> ChartModel {
    let mut values: Vec<f64> = chart.readings.iter().map(|r| r.1).collect();
    values.extend(chart.target.map(|t| t.0));
    values.extend(chart.baseline.map(|b| b.0));
    let (mut lo, mut hi) = values
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    if values.is_empty() {
        (lo, hi) = (0.0, 0.0);
    }
    if (hi - lo).abs() < 1e-9 {
        lo -= 1.0;
        hi += 1.0;
    }
    let pad = (hi - lo) * 0.12;
    let (lo, hi) = (lo - pad, hi + pad);
    let y_of = |v: f64| PLOT_H - ((v - lo) / (hi - lo)) as f32 * PLOT_H;

    let baseline_at = chart.baseline.and_then(|(v, d)| d.map(|d| (d, v)));
    let first = match (baseline_at, chart.readings.first()) {
        (Some((b, _)), Some((r, _))) => Some(b.min(*r)),
        (Some((b, _)), None) => Some(b),
        (None, r) => r.map(|r| r.0),
    };
    let mut end = chart.readings.last().map(|r| r.0);
    if let Some((_, Some(d))) = chart.target
        && Some(d) > end
    {
        end = Some(d);
    }
    let span = match (first, end) {
        (Some(a), Some(b)) if b > a => (b - a).num_days() as f32,
        _ => 0.0,
    };
    let x_of = |d: NaiveDate| match first {
        Some(a) if span > 0.0 => 8.0 + (d - a).num_days() as f32 / span * (PLOT_W - 16.0),
        _ => PLOT_W / 2.0,
    };
    let at = |x: f32, y: f32| ChartPoint { x, y };
    let label = |text: String, x: f32, y: f32, end: bool| ChartLabel {
        text,
        at: at(x, y),
        end,
    };

    let mut labels = vec![
        label(
            amount(round(hi - pad), &chart.unit),
            -4.0,
            y_of(hi - pad) + 2.5,
            true,
        ),
        label(
            amount(round(lo + pad), &chart.unit),
            -4.0,
            y_of(lo + pad) + 2.5,
            true,
        ),
    ];
    if let Some(a) = first {
        labels.push(label(short_date(a), x_of(a) - 8.0, PLOT_H + 10.0, false));
    }
    if let Some(b) = end
        && end != first
    {
        labels.push(label(short_date(b), x_of(b) + 8.0, PLOT_H + 10.0, true));
    }
    let target_y = chart.target.map(|(t, _)| y_of(t));
    if let (Some((t, _)), Some(y)) = (chart.target, target_y) {
        labels.push(label(
            format!("Target {}", amount(t, &chart.unit)),
            PLOT_W + 4.0,
            y + 2.5,
            false,
        ));
    }
    let mut line: Vec<ChartPoint> = chart
        .readings
        .iter()
        .map(|(d, v)| at(x_of(*d), y_of(*v)))
        .collect();
    let baseline = baseline_at
        .filter(|(d, _)| chart.readings.first().is_none_or(|r| *d < r.0))
        .map(|(d, v)| at(x_of(d), y_of(v)));
    if let Some(p) = baseline {
        line.insert(0, p);
    }
    if let Some((d, v)) = chart.readings.last() {
        labels.push(label(
            amount(*v, &chart.unit),
            x_of(*d) + 5.0,
            y_of(*v) - 4.0,
            false,
        ));
    }
    ChartModel {
        title: chart.title.clone(),
        width: PLOT_W,
        height: PLOT_H,
        line,
        baseline,
        target_y,
        labels,
        alt: alt_text(chart),
        summary: chart.summary.clone(),
    }
}

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
    let m = model(chart);
    // The chart is one figure; what it shows, values included, is its alternative text
    // (the caption under it says the same in print).
    let figure = f.open(Role::Figure);
    f.tree[figure].description = Some(m.alt.clone());
    let x0 = f.left + AXIS_W;
    let y0 = f.y + 14.0; // top of the plot
    let (x1, y1) = (x0 + PLOT_W, y0 + PLOT_H);

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
    let text = |f: &mut Cursor, text: String, x: f32, y: f32, right: bool| {
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
    if let Some(y) = m.target_y {
        f.push(Item::Rule {
            x1: x0,
            y1: y0 + y,
            x2: x1,
            y2: y0 + y,
            width: 1.0,
            ink: Ink::Text,
            dashed: true,
        });
    }
    let points: Vec<(f32, f32)> = m.line.iter().map(|p| (x0 + p.x, y0 + p.y)).collect();
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
        if k == 0 && m.baseline.is_some() {
            f.push(Item::Dot {
                x: *x,
                y: *y,
                r: 1.5,
                ink: Ink::White,
            });
        }
    }
    for l in &m.labels {
        text(f, l.text.clone(), x0 + l.at.x, y0 + l.at.y, l.end);
    }
    // Legend: the shapes say which line is which, not only the colours.
    let ly = y1 + 22.0;
    f.push(Item::Dot {
        x: x0 + 3.0,
        y: ly - 2.5,
        r: 2.4,
        ink: Ink::Accent,
    });
    text(f, "Readings".into(), x0 + 9.0, ly, false);
    if m.target_y.is_some() {
        f.push(Item::Rule {
            x1: x0 + 62.0,
            y1: ly - 2.5,
            x2: x0 + 80.0,
            y2: ly - 2.5,
            width: 1.0,
            ink: Ink::Text,
            dashed: true,
        });
        text(f, "Target".into(), x0 + 84.0, ly, false);
    }
    if m.baseline.is_some() {
        for (r, ink) in [(2.6, Ink::Accent), (1.5, Ink::White)] {
            f.push(Item::Dot {
                x: x0 + 124.0,
                y: ly - 2.5,
                r,
                ink,
            });
        }
        text(f, "Baseline".into(), x0 + 130.0, ly, false);
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
