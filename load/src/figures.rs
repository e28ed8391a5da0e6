//! The figures the run prints after Goose's own report: requests per second, p50/p99
//! latency (all requests, and per kind), errors, false logouts, and how the refresh model
//! resolved the storms. Printed, never asserted.

use std::collections::BTreeMap;

use goose::metrics::{GooseMetrics, GooseRequestMetricAggregate, GooseRequestMetricTimingData};
use serde_json::{json, Value};

use crate::tally::{Tally, TALLY};

/// The timing data of several kinds of request together: Goose keeps one per kind and
/// merges them only inside its report, so they are added up through their serialized form
/// (buckets of microseconds and their counts).
fn merged(aggregates: &[&GooseRequestMetricAggregate]) -> GooseRequestMetricTimingData {
    let mut buckets: BTreeMap<u64, u64> = BTreeMap::new();
    let (mut minimum, mut maximum, mut total, mut counter) = (u64::MAX, 0u64, 0u64, 0u64);
    for aggregate in aggregates {
        let data = serde_json::to_value(&aggregate.raw_data).unwrap_or(Value::Null);
        let count = data["counter"].as_u64().unwrap_or(0);
        if count == 0 {
            continue;
        }
        for (bucket, n) in data["times_us"].as_object().into_iter().flatten() {
            if let (Ok(bucket), Some(n)) = (bucket.parse::<u64>(), n.as_u64()) {
                *buckets.entry(bucket).or_default() += n;
            }
        }
        minimum = minimum.min(data["minimum_time_us"].as_u64().unwrap_or(u64::MAX));
        maximum = maximum.max(data["maximum_time_us"].as_u64().unwrap_or(0));
        total += data["total_time_us"].as_u64().unwrap_or(0);
        counter += count;
    }
    let times_us: serde_json::Map<String, Value> = buckets
        .into_iter()
        .map(|(bucket, n)| (bucket.to_string(), json!(n)))
        .collect();
    let data = json!({
        "counter": counter,
        "times_us": times_us,
        "minimum_time_us": if counter == 0 { 0 } else { minimum },
        "maximum_time_us": maximum,
        "total_time_us": total,
    });
    serde_json::from_value(data).unwrap_or_default()
}

fn ms(us: u64) -> String {
    format!("{:.1} ms", us as f64 / 1000.0)
}

/// Prints the figures; `backend_stats` is `GET /__dev__/stats` at the end of the run.
pub fn print(metrics: &GooseMetrics, backend_stats: &Value) {
    let seconds = metrics.duration.max(1) as f64;
    let mut kinds: Vec<(&String, &GooseRequestMetricAggregate)> = metrics.requests.iter().collect();
    kinds.sort_by_key(|(key, _)| key.as_str());
    let all: Vec<&GooseRequestMetricAggregate> = kinds.iter().map(|(_, a)| *a).collect();
    let total = merged(&all);
    let failures: usize = all.iter().map(|a| a.fail_count).sum();

    println!();
    println!(
        "=== Load run figures ({} users, measured over {} s after ramp-up) ===",
        metrics.maximum_users, metrics.duration
    );
    println!(
        "requests: {}  requests/s: {:.0}  p50: {}  p99: {}  max: {}",
        total.counter,
        total.counter as f64 / seconds,
        ms(total.percentile_us(0.5)),
        ms(total.percentile_us(0.99)),
        ms(total.maximum_time_us),
    );
    println!(
        "{:<20} {:>8} {:>9} {:>10} {:>10} {:>7}  statuses",
        "request", "count", "per s", "p50", "p99", "errors"
    );
    for (key, aggregate) in &kinds {
        let data = &aggregate.raw_data;
        let mut statuses: Vec<(&u16, &usize)> = aggregate.status_code_counts.iter().collect();
        statuses.sort();
        let statuses: Vec<String> = statuses
            .into_iter()
            .map(|(status, n)| match status {
                0 => format!("no answer x{n}"),
                status => format!("{status} x{n}"),
            })
            .collect();
        println!(
            "{:<20} {:>8} {:>9.1} {:>10} {:>10} {:>7}  {}",
            key,
            data.counter,
            data.counter as f64 / seconds,
            ms(data.percentile_us(0.5)),
            ms(data.percentile_us(0.99)),
            aggregate.fail_count,
            statuses.join(", "),
        );
    }
    println!(
        "errors: {failures} (network errors, timeouts, 5xx, 429, other statuses). Not errors: the 401s of \
         expired access tokens, renewed and retried, and storm refusals another tab's renewal excused \
         (Goose's ERRORS table above lists those 401s all the same: it records them before the \
         transaction marks them expected)"
    );

    let t = &*TALLY;
    let get = Tally::get;
    println!();
    println!("--- whole run, ramp-up included ---");
    println!(
        "FALSE LOGOUTS: {} (middleware 401 with logout_reason: {}, refused refresh: {}, retry rejected after a refresh: {})",
        t.false_logouts(),
        get(&t.middleware_logouts),
        get(&t.refused_refreshes),
        get(&t.retries_rejected),
    );
    for example in t.examples() {
        println!("  {example}");
    }
    println!(
        "storms: {} ({} without the lock)  refresh calls: {}  tabs that adopted after the lock: {}  refusals excused (another tab renewed): {}",
        get(&t.storms),
        get(&t.unserialised_storms),
        get(&t.refresh_calls),
        get(&t.adopted_after_lock),
        get(&t.refusals_excused),
    );
    println!(
        "expired access tokens renewed and retried: {}  sign-ins: {}  logout events posted: {} (429: {})",
        get(&t.stale_access_renewed),
        get(&t.sign_ins),
        get(&t.events_posted),
        get(&t.events_throttled),
    );
    println!(
        "backend: refresh calls {}, requests {}",
        backend_stats["refresh_calls"], backend_stats["requests"]
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aggregate(times_us: &[u64]) -> GooseRequestMetricAggregate {
        let mut buckets = serde_json::Map::new();
        for us in times_us {
            let entry = buckets.entry(us.to_string()).or_insert(json!(0));
            *entry = json!(entry.as_u64().unwrap() + 1);
        }
        serde_json::from_value(json!({
            "path": "/x", "method": "Get", "load_test_hash": 0,
            "raw_data": {
                "counter": times_us.len(),
                "times_us": buckets,
                "minimum_time_us": times_us.iter().min(),
                "maximum_time_us": times_us.iter().max(),
                "total_time_us": times_us.iter().sum::<u64>(),
            },
            "coordinated_omission_data": null,
            "status_code_counts": {}, "success_count": times_us.len(), "fail_count": 0,
        }))
        .expect("an aggregate")
    }

    #[test]
    fn merged_timings_hold_every_time_of_every_kind() {
        let fast = aggregate(&[10, 20, 30]);
        let slow = aggregate(&[100, 110]);
        let both = merged(&[&fast, &slow]);
        assert_eq!(both.counter, 5);
        assert_eq!((both.minimum_time_us, both.maximum_time_us), (10, 110));
        assert_eq!(both.total_time_us, 270);
        assert_eq!(both.percentile_us(0.5), 30);
        assert_eq!(both.percentile_us(0.99), 110);
        assert_eq!(merged(&[]).counter, 0);
    }
}
