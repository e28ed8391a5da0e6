//! The `Date` header's one format (RFC 9110's IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`),
//! read by hand (with chrono's calendar, already in the wasm): chrono's RFC 2822 parser
//! brings its general format machinery along, 5.7 KB gzipped for this one fixed layout.
//! Held to chrono's reading by a test. Servers must send this format; the two obsolete ones are not read (the offset
//! then stays unknown, and the server decides expiry, as without a `Date`). Pure.

use chrono::NaiveDate;

use super::EpochMs;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Milliseconds since the epoch of an IMF-fixdate; `None` for anything else.
pub fn parse_imf_fixdate(text: &str) -> Option<EpochMs> {
    let mut words = text.split_ascii_whitespace();
    let (_weekday, day, month, year, time, zone) = (
        words.next()?,
        words.next()?,
        words.next()?,
        words.next()?,
        words.next()?,
        words.next()?,
    );
    if words.next().is_some() || zone != "GMT" || day.len() != 2 || year.len() != 4 || time.len() != 8 {
        return None;
    }
    let month = MONTHS.iter().position(|name| *name == month)? as u32 + 1;
    let mut clock = time.split(':');
    let (hour, minute, second) = (clock.next()?, clock.next()?, clock.next()?);
    let date = NaiveDate::from_ymd_opt(number(year)? as i32, month, number(day)?)?;
    let at = date.and_hms_opt(number(hour)?, number(minute)?, number(second)?)?;
    Some(at.and_utc().timestamp_millis())
}

/// Digits only (no sign, no space), as the format has them.
fn number(digits: &str) -> Option<u32> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

// proptest and base64 are native dev-dependencies: the wasm32 build of these tests has none.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_rfc_example_reads() {
        assert_eq!(
            parse_imf_fixdate("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000)
        );
    }

    #[test]
    fn anything_else_does_not() {
        for text in [
            "",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun, 06 Nov 1994 08:49:37 +0000",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 nov 1994 08:49:37 GMT",
            "Sun, 31 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:+7 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT extra",
        ] {
            assert_eq!(parse_imf_fixdate(text), None, "{text:?}");
        }
    }

    proptest! {
        /// Any instant written as servers write it reads back as chrono reads it.
        #[test]
        fn reads_as_chrono_does(seconds in 0i64..7_258_118_400) {
            let at = chrono::DateTime::from_timestamp(seconds, 0).expect("in range");
            let text = at.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
            let chrono_reads = chrono::DateTime::parse_from_rfc2822(&text).expect("chrono reads it");
            prop_assert_eq!(parse_imf_fixdate(&text), Some(chrono_reads.timestamp_millis()));
        }

        #[test]
        fn any_text_is_safe(text in ".{0,60}") {
            let _ = parse_imf_fixdate(&text);
        }
    }
}
