//! Dates and numbers as a planner types and reads them, in the plan's language (`plan.language`,
//! en-GB by default) and never in the computer's locale: a field shows 31/03/2027, text says
//! "31 March 2027", and what a planner types is read in any common UK form. One place for the
//! rules, so the app, the CLI and the imports read the same text the same way (docs/design.md,
//! "How dates and numbers are written").
//!
//! Every language Planbook knows today writes the day first; a plan whose language writes
//! the month first (en-US) would need its own order here, not the computer's.

use chrono::{Datelike, NaiveDate};

/// Why typed text is not a date or a number, in words that say what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TypingError {
    #[error("Type a date such as 31/03/2027 or 31 March 2027.")]
    NotADate,
    #[error("{month} is not a month. Type the day first, then the month: 31/03/2027.")]
    NoSuchMonth { month: u32 },
    #[error("There is no {day} {month_name} {year}.")]
    NoSuchDay {
        day: u32,
        month_name: &'static str,
        year: i32,
    },
    #[error("Type the year in full, such as 31/03/2027.")]
    YearUnclear,
    #[error("Type a number, such as 812,500 or 12.5.")]
    NotANumber,
    #[error("Use a full stop for decimals, such as 12.5.")]
    CommaDecimal,
    #[error("Type a whole number, such as 812,500.")]
    NotWhole,
}

/// How a plan's language writes dates and numbers: the one table of month and day names and
/// separators that core's own formatting below uses, and that the app's window is given
/// (generated into `ui/src/lib/wire.ts` as `WRITING`), so neither relies on the computer's
/// locale and the two cannot drift apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Writing {
    /// The language tag this table is for ("en-GB").
    pub language: &'static str,
    /// The months' names, January first.
    #[ts(type = "ReadonlyArray<string>")]
    pub months: &'static [&'static str],
    /// The months' short names, for tables: "Sep", never "Sept".
    #[ts(type = "ReadonlyArray<string>")]
    pub months_short: &'static [&'static str],
    /// The days of the week, the first day of a calendar's week first (Monday in the UK).
    #[ts(type = "ReadonlyArray<string>")]
    pub weekdays: &'static [&'static str],
    /// The days' short names, as a calendar's column heads.
    #[ts(type = "ReadonlyArray<string>")]
    pub weekdays_short: &'static [&'static str],
    /// Between day, month and year in a date field: "31/03/2027" (day first, both padded).
    pub date_separator: &'static str,
    /// Between groups of thousands: "812,500".
    pub thousands: &'static str,
    /// Before decimals: "12.5".
    pub decimal: &'static str,
}

/// British English, the only language Planbook writes today.
pub const EN_GB: Writing = Writing {
    language: "en-GB",
    months: &MONTHS,
    months_short: &[
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    weekdays: &[
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    weekdays_short: &["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
    date_separator: "/",
    thousands: ",",
    decimal: ".",
};

/// How the plan written in `language` writes dates and numbers. Every language Planbook knows
/// today writes as British English does, so any tag gets [`EN_GB`] until a second table is
/// added here.
pub fn writing(_language: &str) -> &'static Writing {
    &EN_GB
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as a date field shows it: "31/03/2027".
pub fn date_for_field(d: NaiveDate) -> String {
    let sep = EN_GB.date_separator;
    format!("{:02}{sep}{:02}{sep}{}", d.day(), d.month(), d.year())
}

/// A date as text says it: "31 March 2027".
pub fn date_in_words(d: NaiveDate) -> String {
    format!(
        "{} {} {}",
        d.day(),
        EN_GB.months[d.month0() as usize],
        d.year()
    )
}

/// A date as a table says it: "31 Mar 2027".
pub fn short_date_in_words(d: NaiveDate) -> String {
    let month = EN_GB.months_short[d.month0() as usize];
    format!("{} {month} {}", d.day(), d.year())
}

/// Reads a typed date. Empty text is no date. Accepted: "31/03/2027", "31/3/27", "31-03-2027",
/// "31.03.2027", "2027-03-31", "31 March 2027", "31 Mar 2027", "31st March 2027",
/// "March 31, 2027". Two-digit years are this century's.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, TypingError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() == 3 {
        // With the month in words: day-month-year, or month-day-year.
        if let Some(month) = month_named(words[1]) {
            return day_month_year(ordinal(words[0])?, month, year(words[2])?).map(Some);
        }
        if let Some(month) = month_named(words[0]) {
            return day_month_year(ordinal(words[1])?, month, year(words[2])?).map(Some);
        }
        return Err(TypingError::NotADate);
    }
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !is_digits(p)) {
        return Err(TypingError::NotADate);
    }
    let n = |p: &str| p.parse::<u32>().map_err(|_| TypingError::NotADate);
    if parts[0].len() == 4 {
        // ISO 8601: 2027-03-31.
        let y = parts[0].parse::<i32>().map_err(|_| TypingError::NotADate)?;
        return day_month_year(n(parts[2])?, n(parts[1])?, y).map(Some);
    }
    day_month_year(n(parts[0])?, n(parts[1])?, year(parts[2])?).map(Some)
}

fn is_digits(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_digit())
}

/// "31", "31st", "2nd", "3rd", "4th".
fn ordinal(word: &str) -> Result<u32, TypingError> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..].to_ascii_lowercase();
    if !["", "st", "nd", "rd", "th"].contains(&suffix.as_str()) || !is_digits(digits) {
        return Err(TypingError::NotADate);
    }
    digits.parse().map_err(|_| TypingError::NotADate)
}

fn year(word: &str) -> Result<i32, TypingError> {
    if !is_digits(word) {
        return Err(TypingError::NotADate);
    }
    match word.len() {
        2 => Ok(2000 + word.parse::<i32>().map_err(|_| TypingError::NotADate)?),
        4 => word.parse().map_err(|_| TypingError::NotADate),
        _ => Err(TypingError::YearUnclear),
    }
}

/// A month by its name or a common abbreviation ("Mar", "Sept", "sep."), any case.
fn month_named(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            let m = m.to_lowercase();
            m == w || (m.starts_with(&w) && (w.len() == 3 || w == "sept"))
        })
        .map(|i| i as u32 + 1)
}

fn day_month_year(day: u32, month: u32, year: i32) -> Result<NaiveDate, TypingError> {
    if !(1..=12).contains(&month) {
        return Err(TypingError::NoSuchMonth { month });
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(TypingError::NoSuchDay {
        day,
        month_name: MONTHS[month as usize - 1],
        year,
    })
}

/// A number as a field shows it: thousands grouped ("812,500"), decimals as they are ("12.5").
pub fn number_for_field(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        crate::document::words::group_thousands(v as i64)
    } else {
        let whole = v.trunc();
        let text = format!("{v}");
        let decimals = text.split_once('.').map_or("", |(_, d)| d);
        let sign = if v < 0.0 && whole == 0.0 { "-" } else { "" };
        format!(
            "{sign}{}.{decimals}",
            crate::document::words::group_thousands(whole as i64)
        )
    }
}

/// Reads a typed number. Empty text is no number. Thousands may be grouped with commas or
/// spaces ("812,500", "812 500"); decimals take a full stop.
pub fn parse_number(text: &str) -> Result<Option<f64>, TypingError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (sign, digits) = match text.strip_prefix(['-', '−']) {
        Some(rest) => (-1.0, rest.trim_start()),
        None => (1.0, text),
    };
    let (whole, decimals) = match digits.split_once('.') {
        Some((w, d)) => (w, Some(d)),
        None => (digits, None),
    };
    if decimals.is_some_and(|d| d.is_empty() || !is_digits(d)) {
        return Err(TypingError::NotANumber);
    }
    let grouped: Vec<&str> = whole.split([',', ' ', '\u{a0}']).collect();
    let well_grouped = grouped.len() == 1
        || (grouped[0].len() <= 3
            && !grouped[0].is_empty()
            && grouped[1..].iter().all(|g| g.len() == 3));
    if grouped.iter().any(|g| !is_digits(g)) || whole.is_empty() {
        return Err(TypingError::NotANumber);
    }
    if !well_grouped {
        // "12,5" is a decimal comma (as in much of Europe); "1,23,456" is neither.
        return Err(
            if grouped.len() == 2 && decimals.is_none() && grouped[1].len() < 3 {
                TypingError::CommaDecimal
            } else {
                TypingError::NotANumber
            },
        );
    }
    let plain = format!("{}.{}", grouped.concat(), decimals.unwrap_or("0"));
    plain
        .parse::<f64>()
        .map(|v| Some(sign * v))
        .map_err(|_| TypingError::NotANumber)
}

/// Reads a typed whole number ("812,500"); "12.5" is refused, "12.0" is 12.
pub fn parse_whole(text: &str) -> Result<Option<i64>, TypingError> {
    match parse_number(text)? {
        None => Ok(None),
        Some(v) if v.fract() == 0.0 && v.abs() < 9e15 => Ok(Some(v as i64)),
        Some(_) => Err(TypingError::NotWhole),
    }
}

/// A date as trackers write it: a date, or words that stand for no date ("Ongoing", "TBC").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrackerDate {
    Date(NaiveDate),
    /// Words that are not a date and say so; kept as they are, and no date is invented.
    Words(String),
}

/// Words trackers write where a date would go that mean there is no date (yet).
const NO_DATE_WORDS: &[&str] = &[
    "ongoing",
    "on going",
    "tbc",
    "tba",
    "tbd",
    "n/a",
    "na",
    "continuous",
    "continual",
    "rolling",
    "annual",
    "annually",
    "quarterly",
    "monthly",
    "as required",
    "as needed",
    "various",
    "throughout",
    "to be confirmed",
    "to be agreed",
    "not known",
    "unknown",
];

/// Reads a date as action trackers write it, in a UK public body's financial year (April to
/// March): every form [`parse_date`] reads; a financial quarter ("Q3 2025/26" is the end of
/// that quarter, 31 December 2025); a financial year ("2025/26", "FY 2025-26": 31 March 2026);
/// a month ("March 2026", "Mar-26": its last day); a calendar year ("2026": 31 December);
/// each also after "by" or "end of". A date is the *end* of the period named, as a target
/// date in a tracker means "by then". Words such as "Ongoing" or "TBC" come back as words.
pub fn parse_tracker_date(text: &str) -> Result<Option<TrackerDate>, TypingError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Ok(Some(d)) = parse_date(text) {
        return Ok(Some(TrackerDate::Date(d)));
    }
    let lower = text.to_lowercase();
    let lower = lower.trim_end_matches('.');
    if NO_DATE_WORDS.contains(&lower) || lower.starts_with("ongoing") {
        return Ok(Some(TrackerDate::Words(text.to_owned())));
    }
    let mut rest = lower;
    for prefix in [
        "by the end of ",
        "by end of ",
        "end of ",
        "by ",
        "end ",
        "fy ",
        "fy",
    ] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r.trim_start();
        }
    }
    period_end(rest)
        .map(|d| Some(TrackerDate::Date(d)))
        .ok_or_else(|| parse_date(text).err().unwrap_or(TypingError::NotADate))
}

/// The last day of a quarter, financial year, month or year written as trackers write them.
fn period_end(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [one] => financial_year(one)
            .map(year_end_of_financial)
            .or_else(|| calendar_year(one))
            .or_else(|| {
                // "Mar-26", "March-2026"
                let (m, y) = one.split_once(['-', '/'])?;
                month_end(month_named(m)?, short_or_long_year(y)?)
            }),
        [a, b] => {
            if let Some(q) = quarter(a).or_else(|| quarter(b)) {
                let fy = financial_year(if quarter(a).is_some() { b } else { a })?;
                return quarter_end(q, fy);
            }
            if let Some(m) = month_named(a) {
                return month_end(m, short_or_long_year(b)?);
            }
            None
        }
        // "Q3 of 2025/26", "quarter 3 2025/26"
        [q, "of", y] => quarter_end(quarter(q)?, financial_year(y)?),
        ["quarter", n, y] => quarter_end(quarter(&format!("q{n}"))?, financial_year(y)?),
        _ => None,
    }
}

/// "q3" → 3.
fn quarter(word: &str) -> Option<u32> {
    let n: u32 = word.strip_prefix('q')?.parse().ok()?;
    (1..=4).contains(&n).then_some(n)
}

/// The year a financial year starts in: "2025/26", "2025-26", "2025/2026", "25/26".
fn financial_year(word: &str) -> Option<i32> {
    let (a, b) = word.split_once(['/', '-'])?;
    let start = short_or_long_year(a)?;
    let end = short_or_long_year(b)?;
    (end == start + 1).then_some(start)
}

fn year_end_of_financial(start: i32) -> NaiveDate {
    // 31 March always exists.
    NaiveDate::from_ymd_opt(start + 1, 3, 31).unwrap_or_default()
}

/// Quarter 1 is April to June; quarter 4 ends on 31 March of the next calendar year.
fn quarter_end(q: u32, fy_start: i32) -> Option<NaiveDate> {
    match q {
        1 => NaiveDate::from_ymd_opt(fy_start, 6, 30),
        2 => NaiveDate::from_ymd_opt(fy_start, 9, 30),
        3 => NaiveDate::from_ymd_opt(fy_start, 12, 31),
        4 => NaiveDate::from_ymd_opt(fy_start + 1, 3, 31),
        _ => None,
    }
}

fn calendar_year(word: &str) -> Option<NaiveDate> {
    (word.len() == 4 && is_digits(word))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1900..=2200).contains(y))
        .and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31))
}

fn short_or_long_year(word: &str) -> Option<i32> {
    year(word).ok()
}

fn month_end(month: u32, year: i32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt())
}

/// The date of an Excel serial number (days since 30 December 1899, which absorbs Excel's
/// leap day in 1900), for date columns a tracker stores as plain numbers. Only serials of
/// the years 1950 to 2200 are taken as dates, so a stray small number is not one.
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !(18_264.0..=110_000.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?
        .checked_add_days(chrono::Days::new(serial.floor() as u64))
}

#[cfg(test)]
#[path = "typing_tests.rs"]
mod tests;
