//! The server's clock as this tab knows it: expiry is judged in the server's time, so a
//! browser clock hours ahead or behind changes nothing (keycloak-js keeps the same
//! `timeSkew`). Learned from the `Date` header of API responses. Pure.

use super::http_date::parse_imf_fixdate;
use super::EpochMs;

/// Dates a server could plausibly send: from 2000 to 2200 (a `Date` outside that is a
/// broken header, not a clock).
const PLAUSIBLE: std::ops::RangeInclusive<EpochMs> = 946_684_800_000..=7_258_118_400_000;

/// The server's time minus the browser's, in milliseconds; zero until a `Date` is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClockOffset(pub i64);

impl ClockOffset {
    /// What the server's clock reads when the browser's reads `browser_now`.
    pub fn server_time(self, browser_now: EpochMs) -> EpochMs {
        browser_now.saturating_add(self.0)
    }

    /// The offset a response's `Date` header shows, for a request sent and answered at these
    /// browser times; `None` for a header that is missing its date or implausible.
    pub fn from_date_header(date: &str, sent_at: EpochMs, received_at: EpochMs) -> Option<Self> {
        let server = parse_imf_fixdate(date)?;
        if !PLAUSIBLE.contains(&server) || received_at < sent_at {
            return None;
        }
        // The header holds whole seconds, stamped somewhere between sending and receiving:
        // the middles of both are the best guess (off by at most half of each).
        let stamped_at = sent_at.checked_add(received_at.checked_sub(sent_at)? / 2)?;
        Some(Self((server + 500).checked_sub(stamped_at)?))
    }
}

// proptest and base64 are native dev-dependencies: the wasm32 build of these tests has none.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DEC_2026: EpochMs = 1_796_455_191_000; // Sat, 05 Dec 2026 07:19:51 GMT

    #[test]
    fn the_http_date_gives_the_offset_to_the_middle_of_its_second() {
        let at = DEC_2026;
        let same = ClockOffset::from_date_header("Sat, 05 Dec 2026 07:19:51 GMT", at, at);
        assert_eq!(same, Some(ClockOffset(500)));
        let behind = ClockOffset::from_date_header("Sat, 05 Dec 2026 09:19:51 GMT", at, at + 1000);
        assert_eq!(behind, Some(ClockOffset(2 * 3_600_000)));
    }

    #[test]
    fn a_broken_date_teaches_nothing() {
        for date in [
            "",
            "yesterday",
            "Sat, 05 Dec 2026 07:19:51",
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sat, 32 Dec 2026 07:19:51 GMT",
            "Mon, 01 Jan 1900 00:00:00 GMT",
            "Fri, 01 Jan 9999 00:00:00 GMT",
        ] {
            assert_eq!(
                ClockOffset::from_date_header(date, DEC_2026, DEC_2026),
                None,
                "{date:?}"
            );
        }
        let date = "Sat, 05 Dec 2026 07:19:51 GMT";
        assert_eq!(ClockOffset::from_date_header(date, DEC_2026, DEC_2026 - 1), None);
    }

    proptest! {
        /// Whatever the browser's clock says, the server's time read through the offset is
        /// the server's own to within the header's second and the round trip.
        #[test]
        fn server_time_is_the_servers_within_a_second_and_the_round_trip(
            server_s in 1_000_000_000i64..4_000_000_000,
            skew_ms in -400_000_000i64..400_000_000,
            stamp_ms in 0i64..1000,
            rtt_ms in 0i64..5_000,
            stamped_in in 0.0f64..=1.0,
        ) {
            let server_now = server_s * 1000 + stamp_ms;
            let browser_stamped = server_now - skew_ms;
            let sent = browser_stamped - (stamped_in * rtt_ms as f64) as i64;
            let received = sent + rtt_ms;
            let date = chrono::DateTime::from_timestamp(server_s, 0)
                .expect("in range")
                .format("%a, %d %b %Y %H:%M:%S GMT")
                .to_string();
            let offset = ClockOffset::from_date_header(&date, sent, received).expect("a date");
            let error = (offset.server_time(browser_stamped) - server_now).abs();
            prop_assert!(error <= 500 + rtt_ms / 2 + 1, "off by {error} ms");
        }

        #[test]
        fn any_header_text_is_safe(date in ".{0,80}", sent in any::<i64>(), received in any::<i64>()) {
            let _ = ClockOffset::from_date_header(&date, sent, received);
        }
    }
}
