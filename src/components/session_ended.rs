//! The yellow `Session Ended` box of the sign-in page (CONTRACT section 7): why the
//! session ended, in plain words, with the details support needs one click away.

use yew::prelude::*;

use super::recovery_links::recovery_links;
use super::technical_details::TechnicalDetails;
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

#[component]
pub fn SessionEnded(props: &SessionEndedProps) -> Html {
    let reason = &props.reason;
    // A reason from elsewhere may come without a message; never show an empty line.
    let message = match reason.message.trim() {
        "" => "Your session has ended.".to_owned(),
        _ => reason.message.clone(),
    };
    html! {
        <section class="session-ended" role="alert" aria-labelledby="session-ended-heading">
            <h2 id="session-ended-heading">{ "Session Ended" }</h2>
            <p class="session-ended-message">{ message }</p>
            if reason.shows_page() {
                <p class="session-ended-page">{ "You were on " }<code>{ reason.path.clone() }</code></p>
            }
            { recovery_links(&reason.code, props.billing_url.as_ref(), props.support_url.as_ref()) }
            <TechnicalDetails reason={reason.clone()} />
        </section>
    }
}
