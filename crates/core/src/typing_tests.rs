//! Every accepted form of a typed date and number, and every refusal with its words.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use super::*;

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

#[test]
fn dates_are_read_day_first_in_every_common_uk_form() {
    let end_of_march = d(2027, 3, 31);
    for typed in [
        "31/03/2027",
        "31/3/2027",
        "31/03/27",
        "31-03-2027",
        "31.03.2027",
        "2027-03-31",
        "31 March 2027",
        "31 march 2027",
        "31 Mar 2027",
        "31 Mar. 2027",
        "31st March 2027",
        "March 31, 2027",
        "  31/03/2027  ",
    ] {
        assert_eq!(parse_date(typed), Ok(end_of_march), "{typed:?}");
    }
    assert_eq!(parse_date("1 Sept 2026"), Ok(d(2026, 9, 1)));
    assert_eq!(parse_date("2nd Feb 2028"), Ok(d(2028, 2, 2)));
    assert_eq!(parse_date("29/02/2028"), Ok(d(2028, 2, 29)));
    // Day first, whatever the computer's locale: 04/01/2024 is 4 January.
    assert_eq!(parse_date("04/01/2024"), Ok(d(2024, 1, 4)));
}

#[test]
fn an_empty_date_is_no_date() {
    assert_eq!(parse_date(""), Ok(None));
    assert_eq!(parse_date("   "), Ok(None));
}

#[test]
fn what_is_not_a_date_says_what_to_type() {
    assert_eq!(
        parse_date("31/13/2027"),
        Err(TypingError::NoSuchMonth { month: 13 })
    );
    assert_eq!(
        parse_date("03/31/2027").unwrap_err().to_string(),
        "31 is not a month. Type the day first, then the month: 31/03/2027."
    );
    assert_eq!(
        parse_date("31/02/2027").unwrap_err().to_string(),
        "There is no 31 February 2027."
    );
    assert_eq!(
        parse_date("29 Feb 2027").unwrap_err().to_string(),
        "There is no 29 February 2027."
    );
    assert_eq!(parse_date("31/03/202"), Err(TypingError::YearUnclear));
    for nonsense in [
        "next week",
        "TBC",
        "31/03",
        "31 Marchember 2027",
        "Q3 2025/26",
        "31//2027",
    ] {
        assert_eq!(
            parse_date(nonsense),
            Err(TypingError::NotADate),
            "{nonsense:?}"
        );
    }
    assert_eq!(
        TypingError::NotADate.to_string(),
        "Type a date such as 31/03/2027 or 31 March 2027."
    );
}

#[test]
fn dates_are_shown_as_the_plan_writes_them() {
    let date = NaiveDate::from_ymd_opt(2024, 4, 1).unwrap();
    assert_eq!(date_for_field(date), "01/04/2024");
    assert_eq!(date_in_words(date), "1 April 2024");
    assert_eq!(parse_date(&date_for_field(date)), Ok(Some(date)));
    assert_eq!(parse_date(&date_in_words(date)), Ok(Some(date)));
}

#[test]
fn numbers_take_thousands_separators_and_a_decimal_point() {
    for (typed, value) in [
        ("812,500", 812_500.0),
        ("812 500", 812_500.0),
        ("812500", 812_500.0),
        ("1,234,567.25", 1_234_567.25),
        ("12.5", 12.5),
        ("-3", -3.0),
        ("0.75", 0.75),
        ("3", 3.0),
    ] {
        assert_eq!(parse_number(typed), Ok(Some(value)), "{typed:?}");
    }
    assert_eq!(parse_number(""), Ok(None));
    assert_eq!(parse_number("12,5"), Err(TypingError::CommaDecimal));
    for nonsense in ["1,23,456", "12.", "abc", "1.2.3", ",500", "12,5000"] {
        assert_eq!(
            parse_number(nonsense),
            Err(TypingError::NotANumber),
            "{nonsense:?}"
        );
    }
}

#[test]
fn whole_numbers_refuse_fractions_in_words() {
    assert_eq!(parse_whole("812,500"), Ok(Some(812_500)));
    assert_eq!(parse_whole("12.0"), Ok(Some(12)));
    assert_eq!(parse_whole(""), Ok(None));
    assert_eq!(
        parse_whole("12.5").unwrap_err().to_string(),
        "Type a whole number, such as 812,500."
    );
}

#[test]
fn numbers_are_shown_with_their_thousands_grouped() {
    assert_eq!(number_for_field(812_500.0), "812,500");
    assert_eq!(number_for_field(1_234.5), "1,234.5");
    assert_eq!(number_for_field(-0.5), "-0.5");
    assert_eq!(number_for_field(3.0), "3");
    for v in [812_500.0, 1_234.5, -0.5, 3.0, -1_200.25] {
        assert_eq!(parse_number(&number_for_field(v)), Ok(Some(v)));
    }
}

#[test]
fn tracker_dates_are_the_end_of_the_period_they_name() {
    let date = |t: &str| match parse_tracker_date(t) {
        Ok(Some(TrackerDate::Date(d))) => Some(d),
        other => panic!("{t:?} gave {other:?}"),
    };
    assert_eq!(date("Q3 2025/26"), d(2025, 12, 31));
    assert_eq!(date("Q4 2025/26"), d(2026, 3, 31));
    assert_eq!(date("Q1 2025-26"), d(2025, 6, 30));
    assert_eq!(date("q2 25/26"), d(2025, 9, 30));
    assert_eq!(date("2025/26 Q3"), d(2025, 12, 31));
    assert_eq!(date("2025/26"), d(2026, 3, 31));
    assert_eq!(date("FY 2025-26"), d(2026, 3, 31));
    assert_eq!(date("2025/2026"), d(2026, 3, 31));
    assert_eq!(date("March 2026"), d(2026, 3, 31));
    assert_eq!(date("Feb 2028"), d(2028, 2, 29));
    assert_eq!(date("Mar-26"), d(2026, 3, 31));
    assert_eq!(date("by March 2026"), d(2026, 3, 31));
    assert_eq!(date("End of December 2025"), d(2025, 12, 31));
    assert_eq!(date("2026"), d(2026, 12, 31));
    // Every plain date form still reads as itself.
    assert_eq!(date("31/03/2027"), d(2027, 3, 31));
    assert_eq!(date("4 Jan 2024"), d(2024, 1, 4));
}

#[test]
fn words_for_no_date_are_kept_as_words() {
    for t in ["Ongoing", "TBC", "tba", "N/A", "Annual", "Ongoing to 2030"] {
        assert_eq!(
            parse_tracker_date(t),
            Ok(Some(TrackerDate::Words(t.to_owned()))),
            "{t}"
        );
    }
    assert_eq!(parse_tracker_date("  "), Ok(None));
    assert_eq!(parse_tracker_date("soonish"), Err(TypingError::NotADate));
    assert_eq!(parse_tracker_date("Q5 2025/26"), Err(TypingError::NotADate));
    assert_eq!(parse_tracker_date("2025/27"), Err(TypingError::NotADate));
    assert_eq!(
        parse_tracker_date("31/02/2027"),
        Err(TypingError::NoSuchDay {
            day: 31,
            month_name: "February",
            year: 2027
        })
    );
}

#[test]
fn excel_serials_are_dates_only_in_a_plausible_range() {
    assert_eq!(excel_serial_date(46112.0), d(2026, 3, 31));
    assert_eq!(excel_serial_date(45657.75), d(2024, 12, 31));
    assert_eq!(excel_serial_date(3.0), None);
    assert_eq!(excel_serial_date(1e9), None);
}

#[test]
fn the_writing_table_is_what_core_itself_writes_with() {
    let w = writing("en-GB");
    assert_eq!(w.months.len(), 12);
    assert_eq!(w.months_short.len(), 12);
    for (long, short) in w.months.iter().zip(w.months_short) {
        assert!(
            long.starts_with(short) && short.len() == 3,
            "{long} {short}"
        );
    }
    assert_eq!(w.weekdays.len(), 7);
    assert_eq!(
        w.weekdays[0], "Monday",
        "a UK calendar's week starts on Monday"
    );
    // 1 March 2027 is a Monday.
    assert_eq!(
        chrono::Datelike::weekday(&d(2027, 3, 1).unwrap()).num_days_from_monday(),
        0
    );
    let day = d(2026, 9, 30).unwrap();
    assert_eq!(date_for_field(day), "30/09/2026");
    assert_eq!(date_in_words(day), "30 September 2026");
    assert_eq!(short_date_in_words(day), "30 Sep 2026");
    assert_eq!(crate::document::words::long_date(day), date_in_words(day));
    assert_eq!(crate::document::words::day_date(day), "30 Sep 2026");
    assert_eq!(crate::document::words::short_date(day), "Sep 2026");
    assert_eq!(
        number_for_field(812_500.5),
        format!("812{}500{}5", w.thousands, w.decimal)
    );
    // What the table writes, core reads back.
    assert_eq!(parse_date(&date_for_field(day)).unwrap(), Some(day));
    assert_eq!(
        parse_number(&number_for_field(812_500.5)).unwrap(),
        Some(812_500.5)
    );
    // Until Planbook knows another language, every plan writes as British English does.
    assert_eq!(writing("fr-FR"), &EN_GB);
}
