//! The way out of a logout the user can fix (seed, "Automated Recovery"): a billing link
//! when the plan or account needs paying for, and a support link for everything else.

use yew::prelude::*;

use crate::logout::{path, LogoutCode};

/// The codes that paying fixes.
pub fn offers_billing(code: &LogoutCode) -> bool {
    matches!(
        code,
        LogoutCode::PlanInactive | LogoutCode::PlanMissing | LogoutCode::AccountSuspended
    )
}

/// The URL when it is safe in an href, by the same rule `config.json` is read with
/// (`logout::path::safe_link`): checked again here because the props may come from elsewhere.
fn safe_link(url: Option<&AttrValue>) -> Option<AttrValue> {
    path::safe_link(url?.trim()).map(|url| AttrValue::from(url.to_owned()))
}

/// A plain function, not a component: the links have no state of their own.
pub fn recovery_links(code: &LogoutCode, billing_url: Option<&AttrValue>, support_url: Option<&AttrValue>) -> Html {
    let billing = safe_link(billing_url).filter(|_| offers_billing(code));
    let support = safe_link(support_url);
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
            { support_anchor(support) }
        </p>
    }
}

/// The support link alone, after a space, for a line of text (the keeps-happening line);
/// nothing when no safe support URL is configured.
pub fn support_link(support_url: Option<&AttrValue>) -> Html {
    match safe_link(support_url) {
        Some(href) => html! { <>{ " " }{ support_anchor(Some(href)) }</> },
        None => Html::default(),
    }
}

fn support_anchor(href: Option<AttrValue>) -> Html {
    let Some(href) = href else { return Html::default() };
    html! {
        <a {href} target="_blank" rel="noopener noreferrer">
            { "Contact support" }<span class="visually-hidden">{ " (opens in a new tab)" }</span>
        </a>
    }
}
