//! The date model's tests: every form read and refused, shown, ordered and bounded.

use super::*;

fn date(text: &str) -> EventDate {
    EventDate::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn error(text: &str) -> String {
    EventDate::parse(text).expect_err(text).to_string()
}

#[test]
fn displays_only_the_stored_precision() {
    let cases = [
        ("1973", "1973"),
        ("1977-03", "March 1977"),
        ("2011-05-26", "26 May 2011"),
        ("2023-07-05/2023-07-07", "5–7 July 2023"),
        ("2017-04-06/2017-04-09", "6–9 April 2017"),
        ("2003-12/2004-01", "December 2003 – January 2004"),
        ("2023-06-30/2023-07-02", "30 June – 2 July 2023"),
        ("2015-03/2015-05", "March–May 2015"),
        ("2003/2005", "2003–2005"),
        ("2023-12-30/2024-01-02", "30 December 2023 – 2 January 2024"),
        ("2003/2004-05", "2003 – May 2004"),
    ];
    for (text, shown) in cases {
        assert_eq!(date(text).to_string(), shown, "{text}");
    }
}

#[test]
fn bce_deep_time_and_times_of_day_read_as_people_say_them() {
    let cases = [
        ("-0300", "300 BCE"),
        ("-0044-03-15", "15 March 44 BCE"),
        ("-0500/-0300", "500–300 BCE"),
        ("-0300/2025", "300 BCE – 2025"),
        ("Y-12000", "12,000 BCE"),
        ("Y-65000000", "65 million years ago"),
        ("Y-13800000000", "13.8 billion years ago"),
        ("Y-4540000000", "4.54 billion years ago"),
        ("Y12000", "12000"),
        ("2013-03-30T11:16", "30 March 2013 11:16"),
        ("2013-03-30T11:16:05", "30 March 2013 11:16:05"),
        (
            "2013-03-30T11:16/2013-03-30T14:00",
            "30 March 2013 11:16–14:00",
        ),
        (
            "2013-03-30T23:00/2013-03-31T01:00",
            "30 March 2013 23:00 – 31 March 2013 01:00",
        ),
    ];
    for (text, shown) in cases {
        assert_eq!(date(text).to_string(), shown, "{text}");
    }
    assert_eq!(compact_year(-13_800_000_000), "13.8B yrs ago");
    assert_eq!(compact_year(-65_000_000), "65M yrs ago");
    assert_eq!(compact_year(-12_000), "12k BCE");
    assert_eq!(compact_year(-300), "300 BCE");
}

#[test]
fn edtf_round_trips() {
    for text in [
        "1973",
        "1977-03",
        "2011-05-26",
        "2003-12/2004-01",
        "2023-07-05/2023-07-07",
        "-0300",
        "-0044-03-15",
        "Y-13800000000",
        "Y12000",
        "2013-03-30T11:16",
        "2013-03-30T11:16:00",
        "-0300/2025-01-01T00:00",
    ] {
        assert_eq!(date(text).edtf().to_string(), text);
    }
}

#[test]
fn parts_build_the_same_dates_as_text() {
    let time = TimeOfDay::new(11, 16, None);
    let built = PartialDate::from_parts(2013, Some(3), Some(30), time).unwrap();
    assert_eq!(built, PartialDate::parse("2013-03-30T11:16").unwrap());
    assert_eq!(built.precision(), Precision::Minute);
    let bce = PartialDate::from_parts(-300, None, None, None).unwrap();
    assert_eq!(EventDate::new(bce, None).unwrap(), date("-0300"));
    assert_eq!(TimeOfDay::new(24, 0, None), None);
    assert_eq!(TimeOfDay::new(23, 59, Some(60)), None);
    let refused = PartialDate::from_parts(2013, None, None, time).unwrap_err();
    assert_eq!(refused, DateError::TimeWithoutDay);
    let refused = PartialDate::from_parts(MAX_YEAR + 1, None, None, None).unwrap_err();
    assert_eq!(refused, DateError::YearRange);
}

#[test]
fn an_interval_from_a_date_to_itself_is_refused() {
    assert_eq!(
        error("2020-01/2020-01"),
        "interval starts and ends on the same date: write the date once"
    );
}

#[test]
fn bounds_never_invent_precision() {
    let march = date("1977-03");
    assert_eq!(march.precision(), Precision::Month);
    assert_eq!(march.earliest(), Moment::day_start(1977, 3, 1).unwrap());
    assert!(march.latest() < Moment::day_start(1977, 4, 1).unwrap());
    assert!(march.latest() > Moment::day_start(1977, 3, 31).unwrap());
    assert_eq!(date("2024-02").start().bound_text(true), "2024-02-29");
    assert_eq!(date("1900-02").start().bound_text(true), "1900-02-28");
    assert_eq!(date("-0300").start().bound_text(false), "-0300-01-01");
    assert_eq!(date("-0300").start().bound_text(true), "-0300-12-31");
    let timed = date("2013-03-30T11:16").start();
    assert_eq!(timed.bound_text(false), "2013-03-30T11:16");
    assert_eq!(date("2003/2004-05").precision(), Precision::Year);
    assert_eq!(date("2013-03-30T11:16:05").precision(), Precision::Second);
    assert_eq!(date("Y-13800000000").earliest().year(), -13_800_000_000);
    assert_eq!(date("-0001").latest().year(), -1);
    assert!(date("-0001").latest() < date("0000").earliest());
}

#[test]
fn orders_by_earliest_then_latest_moment_across_eras_and_hours() {
    let mut dates = [
        date("2008-12-01"),
        date("2008"),
        date("2008-04-14T09:00"),
        date("2008-04-14"),
        date("2008-04-14T08:30"),
        date("2008-04"),
        date("2007/2009"),
        date("-0300"),
        date("Y-13800000000"),
        date("-0044-03-15"),
    ];
    dates.sort_by(EventDate::timeline_cmp);
    let order: Vec<String> = dates.iter().map(|d| d.edtf().to_string()).collect();
    assert_eq!(
        order,
        [
            "Y-13800000000",
            "-0300",
            "-0044-03-15",
            "2007/2009",
            "2008",
            "2008-04",
            "2008-04-14",
            "2008-04-14T08:30",
            "2008-04-14T09:00",
            "2008-12-01"
        ]
    );
}

#[test]
fn refuses_every_invalid_form_with_its_message() {
    let forms = DateError::Form.to_string();
    assert!(forms.contains("-0300") && forms.contains("Y-13800000000") && forms.contains("T11:16"));
    assert_eq!(error(""), "is empty");
    assert_eq!(error("2003-13"), "month must be 01-12");
    assert_eq!(error("2003-00"), "month must be 01-12");
    assert_eq!(error("2003-02-30"), "2003-02 has no day 30");
    assert_eq!(error("-0301-02-29"), "-0301-02 has no day 29");
    assert_eq!(error("2003-04-31"), "2003-04 has no day 31");
    assert_eq!(error("2003-01-00"), "2003-01 has no day 00");
    assert_eq!(error("2003-1"), "month must be zero-padded (YYYY-MM-DD)");
    assert_eq!(error("2003-01-5"), "day must be zero-padded (YYYY-MM-DD)");
    assert_eq!(error("73"), "year must be zero-padded (YYYY-MM-DD)");
    assert_eq!(error("-300"), "year must be zero-padded (YYYY-MM-DD)");
    assert!(error("12345").starts_with("a year of more than four digits is written after a Y"));
    assert_eq!(
        error("2013-03-30 11:16:00"),
        "write a T between the day and the time: 2013-03-30T11:16:00"
    );
    assert_eq!(
        error("c. 1500"),
        "approximate and uncertain dates are not supported: write the date (1500) and say 'about' in the summary"
    );
    assert!(error("1500~").contains("(1500)"));
    assert!(error("circa 1500").contains("(1500)"));
    assert_eq!(
        error("2013-03-30T25:00"),
        "time must be HH:MM or HH:MM:SS, from 00:00 to 23:59:59"
    );
    assert_eq!(
        error("2013-03-30T11:16Z"),
        "time zones are not supported: write the local time without Z or an offset"
    );
    assert_eq!(
        error("2013-03T11:16"),
        "a time of day needs a day (YYYY-MM-DDTHH:MM)"
    );
    assert_eq!(
        error("Y-1380-01"),
        "a Y-prefixed year stands alone: write Y12345, without month or day"
    );
    for text in [
        "March 1977",
        "2003-01-01-01",
        "2003/2004/2005",
        "2023-07-07/2023-07-zz",
        "Yx",
    ] {
        assert_eq!(error(text), forms, "{text}");
    }
    assert_eq!(
        error("2003/"),
        "an interval needs both a start and an end (START/END); open intervals are not supported"
    );
    assert_eq!(
        error("../2003"),
        "an interval needs both a start and an end (START/END); open intervals are not supported"
    );
    assert_eq!(
        error("2004/2003"),
        "interval ends (2003) before it starts (2004)"
    );
    assert_eq!(
        error("-0300/-0500"),
        "interval ends (500 BCE) before it starts (300 BCE)"
    );
    assert_eq!(
        error("2023-07-07/2023-07-05"),
        "interval ends (5 July 2023) before it starts (7 July 2023)"
    );
}

#[test]
fn an_interval_may_end_inside_its_start() {
    // "2003" runs to 31 December, so an end within 2003 is not before the start.
    assert!(EventDate::parse("2003/2003-06").is_ok());
    assert!(EventDate::parse("2013-03-30/2013-03-30T11:00").is_ok());
}

#[test]
fn dates_stay_small() {
    // A million events each hold one: a date is two words, and an absent one costs nothing.
    assert_eq!(std::mem::size_of::<Option<EventDate>>(), 16);
}

#[test]
fn a_moment_as_years_is_its_year_and_the_part_gone_by() {
    let day = |y, m, d| Moment::day_start(y, m, d).unwrap().as_years();
    assert_eq!(day(2006, 1, 1), 2006.0);
    assert_eq!(day(2007, 7, 2), 2007.0 + 182.0 / 365.0);
    assert_eq!(day(2008, 7, 2), 2008.0 + 183.0 / 366.0);
    assert_eq!(day(-300, 1, 1), -300.0);
    let latest = PartialDate::parse("Y-13800000000")
        .unwrap()
        .latest()
        .as_years();
    // Exact to about a minute at 13.8 billion years: the year's last second is its end.
    assert!((latest - -13_799_999_999.0).abs() < 1e-5, "{latest}");
    let middle = PartialDate::parse("Y-13800000000")
        .unwrap()
        .earliest()
        .as_years()
        + 0.5;
    assert!(middle > -13_800_000_000.0 && middle < -13_799_999_999.0);
}
