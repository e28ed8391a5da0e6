//! A warning over the page that a session is about to end (CONTRACT 11.2): an
//! `alertdialog`, modal, its line read out when it opens. Focus moves to the first button
//! when it opens, stays among its buttons while it is open (Tab and Shift+Tab go round),
//! and goes back where it was when it closes; Escape is the first button.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimeoutDialogProps {
    pub heading: AttrValue,
    /// What will happen and when; kept current while the dialog is open.
    pub message: AttrValue,
    /// The first button, focused when the dialog opens (and what Escape does).
    pub primary: AttrValue,
    pub on_primary: Callback<()>,
    /// A second button, if any.
    #[prop_or_default]
    pub secondary: Option<AttrValue>,
    #[prop_or_default]
    pub on_secondary: Callback<()>,
}

#[component]
pub fn TimeoutDialog(props: &TimeoutDialogProps) -> Html {
    let primary = use_node_ref();
    let secondary = use_node_ref();
    {
        let primary = primary.clone();
        use_effect_with((), move |_| {
            let before = web_sys::window()
                .and_then(|window| window.document())
                .and_then(|document| document.active_element())
                .and_then(|element| element.dyn_into::<HtmlElement>().ok());
            focus(&primary);
            move || {
                if let Some(element) = before {
                    let _ = element.focus();
                }
            }
        });
    }
    let onkeydown = {
        let (primary, secondary, on_primary) = (primary.clone(), secondary.clone(), props.on_primary.clone());
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "Escape" => {
                event.prevent_default();
                on_primary.emit(());
            }
            "Tab" => {
                // Two buttons at most: Tab either way goes to the other one.
                event.prevent_default();
                let on_primary = primary.get().is_some_and(|button| {
                    web_sys::window()
                        .and_then(|window| window.document())
                        .and_then(|document| document.active_element())
                        .is_some_and(|active| *active == button)
                });
                let next = if on_primary && secondary.get().is_some() {
                    &secondary
                } else {
                    &primary
                };
                focus(next);
            }
            _ => {}
        })
    };
    let on_primary = props.on_primary.reform(|_: MouseEvent| ());
    let on_secondary = props.on_secondary.reform(|_: MouseEvent| ());
    html! {
        <div class="modal-backdrop">
            <div class="modal" role="alertdialog" aria-modal="true" aria-labelledby="timeout-dialog-heading"
                aria-describedby="timeout-dialog-message" {onkeydown}>
                <h2 id="timeout-dialog-heading">{ props.heading.clone() }</h2>
                <p id="timeout-dialog-message">{ props.message.clone() }</p>
                <div class="actions">
                    <button type="button" ref={primary} onclick={on_primary}>{ props.primary.clone() }</button>
                    if let Some(label) = &props.secondary {
                        <button type="button" class="secondary" ref={secondary} onclick={on_secondary}>
                            { label.clone() }
                        </button>
                    }
                </div>
            </div>
        </div>
    }
}

fn focus(button: &NodeRef) {
    if let Some(button) = button.cast::<HtmlElement>() {
        let _ = button.focus();
    }
}
