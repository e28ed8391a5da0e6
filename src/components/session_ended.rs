//! The yellow `Session Ended` box of the sign-in page (CONTRACT section 7): why the
//! session ended, in plain words, with the details support needs one click away. When the
//! same quick logout keeps happening (CONTRACT section 10), it says so, opens the details
//! at once and points to support.

use serde_json::Value;
use yew::prelude::*;

use super::recovery_links::{recovery_links, support_link};
use super::technical_details::TechnicalDetails;
use crate::logout::history::{keeps_happening, keeps_happening_advice, REPEAT_KEY};
use crate::logout::LogoutReason;

#[derive(Properties, PartialEq)]
pub struct SessionEndedProps {
    pub reason: LogoutReason,
    /// `config.billing_url`, offered when the plan or account needs paying for.
    #[prop_or_default]
    pub billing_url: Option<AttrValue>,
    /// `config.support_url`, offered for every reason.
    #[prop_or_default]
    pub support_url: Option<AttrValue>,
}

/// How many quick logouts with this code came in a row, from the reported context's
/// `"repeat"` (0 when absent or not a whole number).
pub fn repeat_of(reason: &LogoutReason) -> u32 {
    reason
        .context
        .get(REPEAT_KEY)
        .and_then(Value::as_u64)
        .map_or(0, |repeat| u32::try_from(repeat).unwrap_or(u32::MAX))
}

#[component]
pub fn SessionEnded(props: &SessionEndedProps) -> Html {
    let reason = &props.reason;
    // A reason from elsewhere may come without a message; never show an empty line.
    let message = match reason.message.trim() {
        "" => "Your session has ended.".to_owned(),
        _ => reason.message.clone(),
    };
    let repeat = repeat_of(reason);
    let repeating = keeps_happening(repeat);
    // When it keeps happening, the support link moves into that line (one link, not two).
    let links_support = if repeating { None } else { props.support_url.as_ref() };
    html! {
        <section class="session-ended" role="alert" aria-labelledby="session-ended-heading">
            <h2 id="session-ended-heading">{ "Session Ended" }</h2>
            if let Some(words) = reason.code.plain_words() {
                <p class="session-ended-plain">{ words }</p>
            }
            <p class="session-ended-message">{ message }</p>
            if reason.shows_page() {
                <p class="session-ended-page">{ "You were on " }<code>{ reason.path.clone() }</code></p>
            }
            if repeating {
                { keeps_happening_line(reason, repeat, props.support_url.as_ref()) }
            }
            { recovery_links(&reason.code, props.billing_url.as_ref(), links_support) }
            <TechnicalDetails reason={reason.clone()} open_initially={repeating} />
        </section>
    }
}

/// "This has happened 3 times in a row…", the advice for the code, and the support link.
fn keeps_happening_line(reason: &LogoutReason, repeat: u32, support_url: Option<&AttrValue>) -> Html {
    let mut count = String::from("This has happened ");
    count.push_str(&repeat.to_string());
    count.push_str(" times in a row, each time within two minutes of signing in. ");
    html! {
        <p class="session-ended-repeat">
            <strong>{ count }</strong>
            { keeps_happening_advice(&reason.code) }
            { support_link(support_url) }
        </p>
    }
}
