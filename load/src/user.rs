//! The simulated user's transactions: sign in, browse (me, content, a logout-event post),
//! refresh storms, sign out and in again; with the client's refresh model (README "Load and
//! faults"). Requests go through Goose (`GooseUser::request`), except a storm's tabs, which
//! run at once on the user's own client and are recorded with `record_custom_request_duration`.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use futures::future::join_all;
use goose::goose::GooseResponse;
use goose::metrics::GooseRequestMetric;
use goose::prelude::*;
use serde_json::json;

use crate::person::{logout_reason, parse_tokens, Person, Tokens};
use crate::storm::{is_refusal, judge, Judgment, TabOutcome};
use crate::tally::{Tally, TALLY};

// The demo password, which the load users share.
use crate::demo_logins::DEMO_PASSWORD as PASSWORD;
use crate::paths::{CONTENT, LOGIN, LOGOUT, LOGOUT_EVENTS, ME, REFRESH};

/// Tabs each person has open: a storm is this many refreshes at once.
pub const TABS: usize = 3;
/// Every this many storms, the tabs are not serialised (a browser without Web
/// Locks, or a lock stolen after 10 s): each tab calls refresh with the same token.
pub const UNSERIALISED_EVERY: u64 = 3;
/// The user's client gives up after this long (the app's default `request_timeout_ms`).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

type Result = TransactionResult;

/// Load user `n` of the backend's `load_users` (1-based).
fn email_of(user: &GooseUser) -> String {
    format!("load-{}@example.com", user.weighted_users_index + 1)
}

/// Each person comes from an address of their own (127.77.x.y; all of 127/8 is loopback on
/// Linux), as real users do: the backend's per-address limits apply to each alone.
fn address_of(user: &GooseUser) -> IpAddr {
    let n = user.weighted_users_index;
    IpAddr::V4(Ipv4Addr::new(127, 77, (n / 250) as u8, (n % 250 + 1) as u8))
}

/// On start: the person's own client (cookies for the session cookie, own address), then
/// the sign-in.
pub async fn start(user: &mut GooseUser) -> Result {
    let builder = reqwest::Client::builder()
        .cookie_store(true)
        .no_proxy()
        .local_address(address_of(user))
        .timeout(REQUEST_TIMEOUT)
        .user_agent("logout-tracker-load");
    user.set_client_builder(builder).await?;
    sign_in(user).await
}

/// Signs in as this user's load user and stores the tokens.
async fn sign_in(user: &mut GooseUser) -> Result {
    let email = email_of(user);
    let builder = user
        .get_request_builder(&GooseMethod::Post, LOGIN)?
        .json(&json!({"email": email, "password": PASSWORD}));
    let request = GooseRequest::builder()
        .path(LOGIN)
        .name("login")
        .set_request_builder(builder)
        .build();
    let mut answer = send(user, request).await?;
    match parse_tokens(&answer.body).filter(|_| answer.status == Some(200)) {
        Some(tokens) => {
            Tally::add(&TALLY.sign_ins);
            user.set_session_data(Person::signed_in(email, tokens));
            Ok(())
        }
        None => user.set_failure("sign-in failed", &mut answer.metric, None, Some(&answer.body)),
    }
}

/// The person, signing in first if they are not signed in.
async fn person(user: &mut GooseUser) -> std::result::Result<Person, Box<TransactionError>> {
    if user.get_session_data::<Person>().is_none() {
        sign_in(user).await?;
    }
    Ok(user.get_session_data_unchecked::<Person>().clone())
}

/// An answer as the tests read it: Goose's record of the request (to correct whether it
/// succeeded), the status (`None` for a network error or timeout) and the body (or error).
struct Answer {
    metric: GooseRequestMetric,
    status: Option<u16>,
    body: String,
}

async fn send(user: &mut GooseUser, request: GooseRequest<'_>) -> std::result::Result<Answer, Box<TransactionError>> {
    let GooseResponse {
        request: metric,
        response,
    } = user.request(request).await?;
    let (status, body) = match response {
        Ok(response) => {
            let status = response.status().as_u16();
            match response.text().await {
                Ok(body) => (Some(status), body),
                Err(e) => (None, format!("body unreadable: {e}")),
            }
        }
        Err(e) => (None, e.to_string()),
    };
    Ok(Answer { metric, status, body })
}

async fn get(
    user: &mut GooseUser,
    path: &str,
    name: &str,
    access: &str,
) -> std::result::Result<Answer, Box<TransactionError>> {
    let builder = user.get_request_builder(&GooseMethod::Get, path)?.bearer_auth(access);
    let request = GooseRequest::builder()
        .path(path)
        .name(name)
        .set_request_builder(builder)
        .build();
    send(user, request).await
}

pub async fn me(user: &mut GooseUser) -> Result {
    browse(user, ME, "me").await
}

pub async fn content(user: &mut GooseUser) -> Result {
    browse(user, CONTENT, "content").await
}

/// A page's request, as the client's wrapper makes it: a 401 without `logout_reason` is a
/// stale access token (one refresh, then the request once more); a 401 with one is the
/// middleware's logout, which for these users (always valid) is a false logout.
async fn browse(user: &mut GooseUser, path: &str, name: &str) -> Result {
    let person = person(user).await?;
    let sent = person.access();
    let Answer {
        mut metric,
        status,
        body,
    } = get(user, path, name, &sent).await?;
    if status != Some(401) {
        // 200, or an error the user sees (Goose counts every other status as a failure).
        return Ok(());
    }
    if let Some(reason) = logout_reason(&body) {
        return false_logout(user, &TALLY.middleware_logouts, format!("{name}: 401 {reason}: {body}")).await;
    }
    // The expected answer to an expired access token.
    user.set_success(&mut metric)?;
    match renew(user, &person, 1, true, &sent).await? {
        Judgment::Fine => {}
        Judgment::Excused | Judgment::Unavailable => return Ok(()),
        Judgment::Logout => {
            return false_logout(user, &TALLY.refused_refreshes, format!("{name}: refresh refused")).await;
        }
    }
    let retry = get(user, path, name, &person.access()).await?;
    if retry.status == Some(401) {
        return false_logout(
            user,
            &TALLY.retries_rejected,
            format!("{name}: retry after a refresh refused: {}", retry.body),
        )
        .await;
    }
    Tally::add(&TALLY.stale_access_renewed);
    Ok(())
}

/// A storm: every tab of the person finds its access token stale at once and wants a
/// refresh with the same refresh token. Serialised by the lock (two storms in three, over
/// the whole run) or not.
pub async fn storm(user: &mut GooseUser) -> Result {
    let person = person(user).await?;
    let serialised = TALLY.storms.fetch_add(1, Ordering::Relaxed) % UNSERIALISED_EVERY != UNSERIALISED_EVERY - 1;
    if !serialised {
        Tally::add(&TALLY.unserialised_storms);
    }
    let sent = person.access();
    if renew(user, &person, TABS, serialised, &sent).await? == Judgment::Logout {
        return false_logout(user, &TALLY.refused_refreshes, "storm: refresh refused".into()).await;
    }
    Ok(())
}

/// `tabs` tabs renew at once the access token `stale` that they all sent; each tab's call is
/// recorded as `POST refresh`. The worst judgment of the tabs decides: any tab the client
/// would have logged out ends the session (first reason wins, every tab follows).
async fn renew(
    user: &mut GooseUser,
    person: &Person,
    tabs: usize,
    serialised: bool,
    stale: &str,
) -> std::result::Result<Judgment, Box<TransactionError>> {
    let url = user.build_url(REFRESH)?;
    let began = Instant::now();
    let calls = (0..tabs).map(|_| tab_refresh(user.client.clone(), &url, person, stale, serialised, began));
    let done = join_all(calls).await;
    let outcomes: Vec<TabOutcome> = done.iter().map(|(outcome, _)| outcome.clone()).collect();
    let judged = judge(&outcomes);
    let mut worst = Judgment::Fine;
    for ((outcome, took), judgment) in done.iter().zip(&judged) {
        if let Some(took) = took {
            Tally::add(&TALLY.refresh_calls);
            let (status, error) = match outcome {
                TabOutcome::Renewed { .. } => (Some(200), None),
                TabOutcome::Refused { status, body, .. } => (Some(*status), Some(body.as_str())),
                TabOutcome::Unavailable { status, error } => (*status, Some(error.as_str())),
                TabOutcome::Adopted => (None, None),
            };
            let success = matches!(judgment, Judgment::Fine | Judgment::Excused);
            user.record_custom_request_duration("POST", "refresh", *took, success, status, error)
                .await?;
        } else {
            Tally::add(&TALLY.adopted_after_lock);
        }
        if *judgment == Judgment::Excused {
            Tally::add(&TALLY.refusals_excused);
        }
        worst = match (worst, *judgment) {
            (_, Judgment::Logout) | (Judgment::Logout, _) => Judgment::Logout,
            (_, Judgment::Unavailable) | (Judgment::Unavailable, _) => Judgment::Unavailable,
            (_, Judgment::Excused) | (Judgment::Excused, _) => Judgment::Excused,
            _ => Judgment::Fine,
        };
    }
    // Excused tabs adopted the winner's tokens: the person goes on.
    Ok(match worst {
        Judgment::Excused => Judgment::Fine,
        other => other,
    })
}

/// One tab's refresh as `refresh_work` / `refresh_once` run it: under the lock when
/// `serialised`; a tab whose access token was replaced meanwhile adopts it without a call.
/// Returns the outcome and, when it called, how long the call took.
async fn tab_refresh(
    client: reqwest::Client,
    url: &str,
    person: &Person,
    stale: &str,
    serialised: bool,
    began: Instant,
) -> (TabOutcome, Option<Duration>) {
    let _lock = match serialised {
        true => Some(person.tab_lock.lock().await),
        false => None,
    };
    let tokens = person.tokens();
    if tokens.access != stale {
        return (TabOutcome::Adopted, None);
    }
    let sent = Instant::now();
    let answer = client.post(url).json(&json!({"refresh": tokens.refresh})).send().await;
    let (status, body) = match answer {
        Ok(response) => {
            let status = response.status().as_u16();
            match response.text().await {
                Ok(body) => (status, body),
                Err(e) => {
                    let error = format!("body unreadable: {e}");
                    return (
                        TabOutcome::Unavailable {
                            status: Some(status),
                            error,
                        },
                        Some(sent.elapsed()),
                    );
                }
            }
        }
        Err(e) => {
            let error = e.to_string();
            return (TabOutcome::Unavailable { status: None, error }, Some(sent.elapsed()));
        }
    };
    let took = Some(sent.elapsed());
    let outcome = match (status, parse_tokens(&body)) {
        (200, Some(renewed)) => {
            person.store(renewed);
            TabOutcome::Renewed { at: began.elapsed() }
        }
        (200, None) => TabOutcome::Unavailable {
            status: Some(200),
            error: "an answer without tokens".into(),
        },
        (status, _) if is_refusal(status) => TabOutcome::Refused {
            at: began.elapsed(),
            status,
            body,
        },
        (status, _) => TabOutcome::Unavailable {
            status: Some(status),
            error: format!("{status}"),
        },
    };
    (outcome, took)
}

/// The app reports a logout reason (CONTRACT 5) with the bearer; the backend attributes it.
pub async fn post_event(user: &mut GooseUser) -> Result {
    let person = person(user).await?;
    let reason = json!({
        "code": "LOAD_RUN",
        "message": "A reason posted by the load run",
        "source": "load_run",
        "timestamp": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "path": "/dashboard",
        "context": {"user_email": person.email, "endpoint": ME, "status": 401},
    });
    let builder = user
        .get_request_builder(&GooseMethod::Post, LOGOUT_EVENTS)?
        .bearer_auth(person.access())
        .json(&reason);
    let request = GooseRequest::builder()
        .path(LOGOUT_EVENTS)
        .name("logout-events")
        .expect_status_code(201)
        .set_request_builder(builder)
        .build();
    match send(user, request).await?.status {
        Some(201) => Tally::add(&TALLY.events_posted),
        Some(429) => Tally::add(&TALLY.events_throttled),
        _ => {}
    }
    Ok(())
}

/// Sign out (the logout POST, once more without the bearer if it is refused, CONTRACT 9),
/// then sign in again.
pub async fn sign_out_and_in(user: &mut GooseUser) -> Result {
    let person = person(user).await?;
    let Tokens { access, refresh } = person.tokens();
    let mut first = logout(user, Some(&access), &refresh).await?;
    if matches!(first.status, Some(401 | 403)) {
        user.set_success(&mut first.metric)?;
        logout(user, None, &refresh).await?;
    }
    sign_in(user).await
}

async fn logout(
    user: &mut GooseUser,
    access: Option<&str>,
    refresh: &str,
) -> std::result::Result<Answer, Box<TransactionError>> {
    let mut builder = user
        .get_request_builder(&GooseMethod::Post, LOGOUT)?
        .json(&json!({"refresh": refresh}));
    if let Some(access) = access {
        builder = builder.bearer_auth(access);
    }
    let request = GooseRequest::builder()
        .path(LOGOUT)
        .name("logout")
        .set_request_builder(builder)
        .build();
    send(user, request).await
}

/// A false logout: counted, and the person signs in again as a real one would have to.
async fn false_logout(user: &mut GooseUser, counter: &std::sync::atomic::AtomicU64, what: String) -> Result {
    let email = email_of(user);
    TALLY.false_logout(counter, format!("{email}: {what}"));
    sign_in(user).await
}
