//! Numbers, dates and counts in the words planners use. A leaf: the chapter builders, the
//! chart and the HTML twin all write them, and must write them the same way.

use chrono::NaiveDate;

use crate::model::ActionStatus;

/// A date as planners write it: "1 April 2024".
pub fn long_date(d: NaiveDate) -> String {
    crate::typing::date_in_words(d)
}

/// A date to the day, short, for milestones in tables: "22 Jul 2024".
pub fn day_date(d: NaiveDate) -> String {
    crate::typing::short_date_in_words(d)
}

/// A short date for tables and charts: "Apr 2024".
pub fn short_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    let month = crate::typing::EN_GB.months_short[d.month0() as usize];
    format!("{month} {}", d.year())
}

/// A number with its unit: "62%", "1,200 people".
pub fn amount(v: f64, unit: &str) -> String {
    let n = if v.fract().abs() < 1e-9 && v.abs() < 1e15 {
        group_thousands(v as i64)
    } else {
        format!("{v:.1}")
    };
    match unit.trim() {
        "" => n,
        "%" => format!("{n}%"),
        "£" => format!("£{n}"),
        u => format!("{n} {u}"),
    }
}

/// A whole number with commas between thousands: "1,200".
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// "Code title", or the title alone.
pub fn coded(code: &str, title: &str) -> String {
    if code.trim().is_empty() {
        title.to_owned()
    } else {
        format!("{code} {title}")
    }
}

/// Small counts in words, as plain-English style guides ask.
pub fn words_for(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// The shape beside an action's status in text outputs (the HTML twin, the Word document), as
/// the PDF draws it: status is in words beside it, never in shape or colour alone.
pub fn status_symbol(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::NotStarted => "○",
        ActionStatus::OnTrack => "●",
        ActionStatus::AtRisk => "▲",
        ActionStatus::OffTrack => "◆",
        ActionStatus::Complete => "✓",
        ActionStatus::Dropped => "✕",
    }
}
