//! Who is signed in: email, account (name, status) and plan (name, active or not).

use yew::prelude::*;

use crate::api::models::User;

#[derive(Properties, PartialEq)]
pub struct AccountSummaryProps {
    pub user: User,
}

#[component]
pub fn AccountSummary(props: &AccountSummaryProps) -> Html {
    let user = &props.user;
    let account = user.account.as_ref();
    let plan = account.and_then(|account| account.plan.as_ref());
    html! {
        <dl class="summary">
            <dt>{ "Email" }</dt>
            <dd class="summary-email">{ user.email.clone() }</dd>
            <dt>{ "Account" }</dt>
            <dd class="summary-account">
                if let Some(account) = account {
                    { account.name.clone() }{ " " }
                    // Two literal classes rather than `classes!`: a computed class costs yew's
                    // Classes set (indexmap and hashing) in the wasm, for two words.
                    if works(&account.status) {
                        <span class="badge badge-good">{ account.status.clone() }</span>
                    } else {
                        <span class="badge badge-warn">{ account.status.clone() }</span>
                    }
                } else {
                    { "No account" }
                }
            </dd>
            <dt>{ "Plan" }</dt>
            <dd class="summary-plan">
                if let Some(plan) = plan {
                    { plan.name.clone() }{ " " }
                    if plan.is_active {
                        <span class="badge badge-good">{ "Active" }</span>
                    } else {
                        <span class="badge badge-warn">{ "Inactive" }</span>
                    }
                } else {
                    { "No plan" }
                }
            </dd>
            if user.is_staff {
                <dt>{ "Role" }</dt>
                <dd>{ "Staff" }</dd>
            }
        </dl>
    }
}

/// Active and trial accounts work; suspended and cancelled ones do not.
fn works(status: &str) -> bool {
    matches!(status, "active" | "trial")
}
