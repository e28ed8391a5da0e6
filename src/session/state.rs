//! What this tab knows of its sessions beyond the tokens: the one owner of it, made by
//! `<AuthProvider>` and passed to whatever needs it (the executor, the sign-in page, the
//! other-tab listeners). Nothing here is global.

use std::cell::{Cell, OnceCell, RefCell};

use web_sys::BroadcastChannel;

use super::same_user::Identity;
use crate::logout::LogoutReason;

/// The name every tab of the origin hears the others on.
const CHANNEL: &str = "logout-tracker-session";

#[derive(Default)]
pub struct SessionState {
    /// This tab's last reason when storage could not take it, until the sign-in page takes it.
    pub(super) reason_in_memory: RefCell<Option<LogoutReason>>,
    /// A reason another tab announced, until the sign-in page takes it.
    pub(super) reason_from_another_tab: RefCell<Option<LogoutReason>>,
    /// This tab's session was ended by another tab: the stored reason is that tab's to take.
    pub(super) ended_elsewhere: Cell<bool>,
    /// The last page shown that was not `/signin`: a reason raised on `/signin` records it.
    last_app_page: RefCell<Option<String>>,
    /// Who was signed in here last, kept after the session ends: the same user signing in
    /// in another tab brings this tab back (CONTRACT 11.4).
    last_user: RefCell<Option<Identity>>,
    /// This tab's end of the channel, opened when first used (one object both sends and
    /// hears, so a tab never hears its own message).
    channel: OnceCell<Option<BroadcastChannel>>,
}

impl PartialEq for SessionState {
    /// One tab has one state: two handles are equal when they are the same one.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl SessionState {
    pub fn ended_elsewhere(&self) -> bool {
        self.ended_elsewhere.get()
    }

    /// Another tab ended the session (its reason may follow on the channel).
    pub fn note_ended_elsewhere(&self) {
        self.ended_elsewhere.set(true);
    }

    /// A new session in this tab: what ended the last one no longer decides anything.
    pub fn forget_ended_elsewhere(&self) {
        self.ended_elsewhere.set(false);
    }

    pub fn note_user(&self, id: i64, email: &str) {
        *self.last_user.borrow_mut() = Some(Identity {
            id: Some(id),
            email: email.to_owned(),
        });
    }

    pub fn last_user(&self) -> Option<Identity> {
        self.last_user.borrow().clone()
    }

    pub fn last_app_page(&self) -> Option<String> {
        self.last_app_page.borrow().clone()
    }

    pub(super) fn set_last_app_page(&self, page: String) {
        *self.last_app_page.borrow_mut() = Some(page);
    }

    pub(super) fn channel(&self) -> Option<&BroadcastChannel> {
        self.channel
            .get_or_init(|| BroadcastChannel::new(CHANNEL).ok())
            .as_ref()
    }
}
