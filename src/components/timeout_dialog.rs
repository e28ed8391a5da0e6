//! A warning over the page that a session is about to end (CONTRACT 11.2): an
//! `alertdialog`, modal, its line read out when it opens. Focus moves to the first button
//! when it opens, stays among its buttons while it is open (`focus_trap`), and goes back
//! where it was when it closes; Escape is the first button.

use yew::prelude::*;

use super::focus_trap::{keep_focus_inside, use_focus_moved_in};

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
    let dialog = use_node_ref();
    use_focus_moved_in(&primary);
    let onkeydown = {
        let (dialog, on_primary) = (dialog.clone(), props.on_primary.clone());
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.prevent_default();
                on_primary.emit(());
            }
            keep_focus_inside(&dialog, &event);
        })
    };
    let on_primary = props.on_primary.reform(|_: MouseEvent| ());
    let on_secondary = props.on_secondary.reform(|_: MouseEvent| ());
    html! {
        <div class="modal-backdrop">
            <div class="modal" role="alertdialog" aria-modal="true" aria-labelledby="timeout-dialog-heading"
                aria-describedby="timeout-dialog-message" ref={dialog} {onkeydown}>
                <h2 id="timeout-dialog-heading">{ props.heading.clone() }</h2>
                <p id="timeout-dialog-message">{ props.message.clone() }</p>
                <div class="actions">
                    <button type="button" ref={primary} onclick={on_primary}>{ props.primary.clone() }</button>
                    if let Some(label) = &props.secondary {
                        <button type="button" class="secondary" onclick={on_secondary}>
                            { label.clone() }
                        </button>
                    }
                </div>
            </div>
        </div>
    }
}
