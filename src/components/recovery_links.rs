//! The way out of a logout the user can fix (seed, "Automated Recovery"): a billing link
//! when the plan or account needs paying for, and a support link for everything else.

use yew::prelude::*;

use crate::logout::LogoutCode;

#[derive(Properties, PartialEq)]
pub struct RecoveryLinksProps {
    pub code: LogoutCode,
    #[prop_or_default]
    pub billing_url: Option<AttrValue>,
    #[prop_or_default]
    pub support_url: Option<AttrValue>,
}

/// The codes that paying fixes.
pub fn offers_billing(code: &LogoutCode) -> bool {
    matches!(code, LogoutCode::PlanInactive | LogoutCode::PlanMissing | LogoutCode::AccountSuspended)
}

/// The URL when it is a web, mail or in-app address: config.json is trusted, but a
/// `javascript:` link must never reach an href.
fn safe_link(url: Option<&AttrValue>) -> Option<AttrValue> {
    let url = url?.trim();
    let lower = url.to_ascii_lowercase();
    let allowed = ["https://", "http://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme))
        || (url.starts_with('/') && !url.starts_with("//"));
    allowed.then(|| AttrValue::from(url.to_owned()))
}

#[component]
pub fn RecoveryLinks(props: &RecoveryLinksProps) -> Html {
    let billing = safe_link(props.billing_url.as_ref()).filter(|_| offers_billing(&props.code));
    let support = safe_link(props.support_url.as_ref());
    if billing.is_none() && support.is_none() {
        return Html::default();
    }
    html! {
        <p class="recovery-links">
            if let Some(href) = billing {
                <a class="button-link" {href} target="_blank" rel="noopener noreferrer">
                    { "Go to billing" }<span class="visually-hidden">{ " (opens in a new tab)" }</span>
                </a>
            }
            if let Some(href) = support {
                <a {href} target="_blank" rel="noopener noreferrer">
                    { "Contact support" }<span class="visually-hidden">{ " (opens in a new tab)" }</span>
                </a>
            }
        </p>
    }
}
