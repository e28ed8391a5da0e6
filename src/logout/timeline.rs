//! "Logouts over time" (CONTRACT section 10): logout events counted per code, per hour
//! over the last 24 hours or per day over the last 30 days, ready to draw and to tabulate.
//! Counted from the events list (code and timestamp of each); labels are in the viewer's
//! time zone, given as an offset so that this stays pure.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, Offset, Timelike, Utc};

use super::by_code::{ByCode, CodeGroup};

/// How far back and how fine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    /// 24 buckets of an hour, the last one the current hour.
    Hours24,
    /// 30 buckets of a day, the last one today.
    Days30,
}

impl Span {
    pub fn buckets(self) -> usize {
        match self {
            Self::Hours24 => 24,
            Self::Days30 => 30,
        }
    }

    /// Words for captions and accessible names: "last 24 hours", "last 30 days".
    pub fn describe(self) -> &'static str {
        match self {
            Self::Hours24 => "last 24 hours",
            Self::Days30 => "last 30 days",
        }
    }

    /// The bucket's name in a table header: "Hour", "Day".
    pub fn unit(self) -> &'static str {
        match self {
            Self::Hours24 => "Hour",
            Self::Days30 => "Day",
        }
    }

    fn bucket_length(self) -> Duration {
        match self {
            Self::Hours24 => Duration::hours(1),
            Self::Days30 => Duration::days(1),
        }
    }
}

/// One code's counts, a number per bucket (oldest first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    pub code: String,
    pub counts: Vec<u32>,
    pub total: u32,
}

/// Counts per code per bucket. Series are ordered by total, largest first (ties by code:
/// [`ByCode`]'s order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    pub span: Span,
    /// One label per bucket, oldest first: "14:00" or "Nov 28".
    pub labels: Vec<String>,
    pub series: Vec<Series>,
    /// Events whose timestamp could not be read.
    pub malformed: usize,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Timeline {
    /// Counts `events` (code, ISO timestamp) in the buckets of `span` ending with the one
    /// that holds `now`. `utc_offset_minutes` is the viewer's offset east of UTC (the glue
    /// passes `-Date.getTimezoneOffset()`); an impossible offset counts as UTC. Events
    /// outside the span are left out; unreadable timestamps are counted in `malformed`.
    pub fn build<'a>(
        events: impl IntoIterator<Item = (&'a str, &'a str)>,
        now: DateTime<Utc>,
        span: Span,
        utc_offset_minutes: i32,
    ) -> Self {
        let zone = utc_offset_minutes
            .checked_mul(60)
            .and_then(FixedOffset::east_opt)
            .unwrap_or_else(|| Utc.fix());
        let buckets = span.buckets();
        let last_start = bucket_start(now.with_timezone(&zone).naive_local(), span);
        let first_start = last_start - span.bucket_length() * (buckets as i32 - 1);
        let labels = (0..buckets)
            .map(|index| label(first_start + span.bucket_length() * index as i32, span))
            .collect();

        let mut codes = ByCode::default();
        // Each code's counts per bucket, at the index `codes` gave it.
        let mut per_bucket: Vec<Vec<u32>> = Vec::new();
        let mut malformed = 0;
        for (code, timestamp) in events {
            let Ok(time) = DateTime::parse_from_rfc3339(timestamp) else {
                malformed += 1;
                continue;
            };
            let local = time.with_timezone(&zone).naive_local();
            let start = bucket_start(local, span);
            if start < first_start || start > last_start {
                continue;
            }
            let index = match span {
                Span::Hours24 => (start - first_start).num_hours(),
                Span::Days30 => (start - first_start).num_days(),
            };
            let Some(index) = usize::try_from(index).ok().filter(|&index| index < buckets) else {
                continue;
            };
            let group = codes.add(code);
            if group == per_bucket.len() {
                per_bucket.push(vec![0; buckets]);
            }
            if let Some(count) = per_bucket.get_mut(group).and_then(|counts| counts.get_mut(index)) {
                *count = count.saturating_add(1);
            }
        }
        let series = codes
            .most_common_first()
            .into_iter()
            .map(|(group, CodeGroup { code, events })| Series {
                code,
                counts: per_bucket.get_mut(group).map(std::mem::take).unwrap_or_default(),
                total: events,
            })
            .collect();
        Self {
            span,
            labels,
            series,
            malformed,
        }
    }

    /// The largest count in any bucket (0 when there are none): the chart's top.
    pub fn max_count(&self) -> u32 {
        // Plain loops: `flat_map` costs more wasm.
        let mut top = 0;
        for series in &self.series {
            for &count in &series.counts {
                top = top.max(count);
            }
        }
        top
    }

    /// All codes together, per bucket.
    pub fn bucket_totals(&self) -> Vec<u32> {
        let mut totals = vec![0u32; self.labels.len()];
        for series in &self.series {
            for (total, count) in totals.iter_mut().zip(&series.counts) {
                *total = total.saturating_add(*count);
            }
        }
        totals
    }

    /// Every logout in the span.
    pub fn total(&self) -> u32 {
        self.series.iter().fold(0u32, |sum, s| sum.saturating_add(s.total))
    }
}

fn bucket_start(time: NaiveDateTime, span: Span) -> NaiveDateTime {
    let date: NaiveDate = time.date();
    let hour = match span {
        Span::Hours24 => time.hour(),
        Span::Days30 => 0,
    };
    date.and_hms_opt(hour, 0, 0).unwrap_or(time)
}

/// "14:00" or "Nov 28", without chrono's formatter (it is large in wasm).
fn label(start: NaiveDateTime, span: Span) -> String {
    match span {
        Span::Hours24 => {
            let hour = start.hour();
            let mut text = String::with_capacity(5);
            text.push(char::from(b'0' + (hour / 10) as u8));
            text.push(char::from(b'0' + (hour % 10) as u8));
            text.push_str(":00");
            text
        }
        Span::Days30 => {
            let month = MONTHS.get(start.month0() as usize).copied().unwrap_or("");
            let mut text = month.to_owned();
            text.push(' ');
            text.push_str(&start.day().to_string());
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 11, 28, 14, 25, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn hours_are_labelled_and_counted_per_code() {
        let events = [
            ("PLAN_INACTIVE", "2025-11-28T14:01:00.000Z"),
            ("PLAN_INACTIVE", "2025-11-28T14:20:00.000Z"),
            ("PLAN_INACTIVE", "2025-11-28T13:59:59.999Z"),
            ("TOKEN_REFRESH_FAILED", "2025-11-27T15:00:00.000Z"),
            ("TOKEN_REFRESH_FAILED", "2025-11-27T14:59:59.000Z"),
            ("MANUAL_LOGOUT", "2025-11-28T14:30:00.000Z"),
        ];
        let timeline = Timeline::build(events, now(), Span::Hours24, 0);
        assert_eq!(timeline.labels.len(), 24);
        assert_eq!(timeline.labels[0], "15:00");
        assert_eq!(timeline.labels[23], "14:00");
        assert_eq!(timeline.labels[9], "00:00");
        let codes: Vec<&str> = timeline.series.iter().map(|s| s.code.as_str()).collect();
        assert_eq!(codes, ["PLAN_INACTIVE", "MANUAL_LOGOUT", "TOKEN_REFRESH_FAILED"]);
        assert_eq!(timeline.series[0].counts[23], 2);
        assert_eq!(timeline.series[0].counts[22], 1);
        assert_eq!(timeline.series[0].total, 3);
        assert_eq!(timeline.series[2].counts[0], 1, "25 hours ago is left out");
        assert_eq!(timeline.series[2].total, 1);
        assert_eq!(
            timeline.series[1].counts[23], 1,
            "later in the current hour still counts"
        );
        assert_eq!(timeline.max_count(), 2);
        assert_eq!(timeline.total(), 5);
        assert_eq!(timeline.bucket_totals()[23], 3);
    }

    #[test]
    fn days_are_labelled_and_counted() {
        let events = [
            ("ACCOUNT_SUSPENDED", "2025-11-28T00:00:00.000Z"),
            ("ACCOUNT_SUSPENDED", "2025-10-30T23:59:00.000Z"),
            ("ACCOUNT_SUSPENDED", "2025-10-29T23:59:00.000Z"),
            ("PLAN_MISSING", "2025-11-01T12:00:00+02:00"),
        ];
        let timeline = Timeline::build(events, now(), Span::Days30, 0);
        assert_eq!(timeline.labels.len(), 30);
        assert_eq!(timeline.labels[29], "Nov 28");
        assert_eq!(timeline.labels[0], "Oct 30");
        assert_eq!(timeline.labels[2], "Nov 1");
        assert_eq!(timeline.series[0].code, "ACCOUNT_SUSPENDED");
        assert_eq!(timeline.series[0].counts[29], 1);
        assert_eq!(timeline.series[0].counts[0], 1);
        assert_eq!(timeline.series[0].total, 2, "31 days ago is left out");
        assert_eq!(timeline.series[1].counts[2], 1);
    }

    #[test]
    fn the_viewers_time_zone_places_events_and_labels() {
        // 14:25 UTC is 15:25 in UTC+1; an event at 23:30 UTC on Nov 27 is Nov 28 there.
        let timeline = Timeline::build([("X", "2025-11-27T23:30:00Z")], now(), Span::Hours24, 60);
        assert_eq!(timeline.labels[23], "15:00");
        assert_eq!(timeline.series[0].counts[23 - 15], 1);
        let days = Timeline::build([("X", "2025-11-27T23:30:00Z")], now(), Span::Days30, 60);
        assert_eq!(days.series[0].counts[29], 1);
        let absurd = Timeline::build([("X", "2025-11-28T14:00:00Z")], now(), Span::Hours24, i32::MAX);
        assert_eq!(absurd.labels[23], "14:00", "an impossible offset counts as UTC");
    }

    #[test]
    fn malformed_timestamps_are_skipped_and_counted() {
        let events = [
            ("X", "yesterday"),
            ("X", ""),
            ("X", "2025-11-28 14:00"),
            ("X", "2025-11-28T14:00:00Z"),
        ];
        let timeline = Timeline::build(events, now(), Span::Hours24, 0);
        assert_eq!(timeline.malformed, 3);
        assert_eq!(timeline.total(), 1);
    }

    #[test]
    fn ties_are_ordered_by_code_and_no_events_give_empty_series() {
        let events = [("B", "2025-11-28T14:00:00Z"), ("A", "2025-11-28T14:00:00Z")];
        let timeline = Timeline::build(events, now(), Span::Hours24, 0);
        assert_eq!(timeline.series[0].code, "A");
        let empty = Timeline::build([], now(), Span::Days30, 0);
        assert!(empty.series.is_empty());
        assert_eq!(empty.labels.len(), 30);
        assert_eq!(empty.max_count(), 0);
    }
}
