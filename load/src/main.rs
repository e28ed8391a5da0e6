//! The load run: Goose users against the reference backend (`REFERENCE_BACKEND_URL`, a dev
//! server), each a person with several tabs who signs in, browses, refreshes in storms and
//! posts logout events for a minute; then the figures (`figures.rs`). The user model is in
//! the README, section "Load and faults". Goose's flags work as usual (`-u`, `-t`, ...).

mod figures;
// The backend's own paths and demo password, the very files the browser tests include:
// one copy of each string.
#[allow(dead_code)]
#[path = "../../tests/reference-backend/src/demo_logins.rs"]
mod demo_logins;
#[allow(dead_code)]
#[path = "../../tests/reference-backend/src/paths.rs"]
mod paths;
mod person;
mod storm;
mod tally;
mod user;

use std::time::Duration;

use goose::prelude::*;
use serde_json::{json, Value};
use user::{content, me, post_event, sign_out_and_in, start, storm};

/// Simulated users (each a load user of the backend: at most 1000).
const USERS: usize = 200;
/// Seconds measured once every user is running.
const RUN_SECONDS: usize = 60;
/// Users started per second.
const START_RATE: &str = "50";
/// Access token lifetime during the run: short, so that expired tokens are met and renewed
/// between storms, as a day of use would meet them.
const ACCESS_TTL_SECONDS: u64 = 5;
/// A user's pause between two actions, in milliseconds (`LOAD_THINK_MS=MIN-MAX` replaces it;
/// `0-0` makes every user act as fast as the server answers).
const THINK_MS: (u64, u64) = (250, 750);

fn think_time() -> Result<(Duration, Duration), String> {
    let Ok(text) = std::env::var("LOAD_THINK_MS") else {
        return Ok((Duration::from_millis(THINK_MS.0), Duration::from_millis(THINK_MS.1)));
    };
    let parse = |n: &str| n.trim().parse::<u64>().map(Duration::from_millis);
    match text.split_once('-').map(|(min, max)| (parse(min), parse(max))) {
        Some((Ok(min), Ok(max))) if min <= max => Ok((min, max)),
        _ => Err(format!(
            "LOAD_THINK_MS must be MIN-MAX in milliseconds, e.g. 250-750, not {text:?}"
        )),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = std::env::var("REFERENCE_BACKEND_URL").map_err(|_| {
        "REFERENCE_BACKEND_URL is not set: run `make load`, or point it at a reference backend started with --dev"
    })?;
    let base = base.trim_end_matches('/').to_string();
    let think = think_time()?;
    let control = reqwest::Client::builder().no_proxy().build()?;
    prepare(&control, &base).await?;

    let metrics = GooseAttack::initialize()?
        .register_scenario(
            scenario!("Person")
                .set_wait_time(think.0, think.1)?
                .register_transaction(transaction!(start).set_name("sign in").set_on_start())
                .register_transaction(transaction!(me).set_name("me").set_weight(8)?)
                .register_transaction(transaction!(content).set_name("content").set_weight(8)?)
                .register_transaction(transaction!(storm).set_name("refresh storm").set_weight(2)?)
                .register_transaction(transaction!(post_event).set_name("logout event"))
                .register_transaction(transaction!(sign_out_and_in).set_name("sign out and in")),
        )
        .set_default(GooseDefault::Host, base.as_str())?
        .set_default(GooseDefault::Users, USERS)?
        .set_default(GooseDefault::IncreaseRate, START_RATE)?
        .set_default(GooseDefault::RunTime, RUN_SECONDS)?
        .set_default(GooseDefault::NoTelnet, true)?
        .execute()
        .await?;

    let stats: Value = control
        .get(format!("{base}/__dev__/stats"))
        .send()
        .await?
        .json()
        .await?;
    figures::print(&metrics, &stats);
    Ok(())
}

/// The backend's load users, the run's access token lifetime, no leftover throttles.
async fn prepare(control: &reqwest::Client, base: &str) -> Result<(), Box<dyn std::error::Error>> {
    for action in [
        json!({"action": "load_users", "count": 1000}),
        json!({"action": "access_ttl", "seconds": ACCESS_TTL_SECONDS}),
        json!({"action": "reset_throttles"}),
    ] {
        let answer = control
            .post(format!("{base}/__dev__/scenario"))
            .json(&action)
            .send()
            .await?;
        if !answer.status().is_success() {
            let status = answer.status();
            return Err(format!("the control API refused {action}: {status} {}", answer.text().await?).into());
        }
    }
    Ok(())
}
