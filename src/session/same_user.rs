//! Whether someone signing in is the user whose session ended here (CONTRACT 11.3, 11.4):
//! only then does a tab come back by itself. By id when both sides know it, else by email
//! (trimmed, case-insensitively). Pure.

/// Who a session belonged to, or who just signed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub id: Option<i64>,
    pub email: String,
}

pub fn is_same_user(ended: &Identity, signed_in: &Identity) -> bool {
    match (ended.id, signed_in.id) {
        (Some(a), Some(b)) => a == b,
        _ => {
            let (a, b) = (ended.email.trim(), signed_in.email.trim());
            !a.is_empty() && a.eq_ignore_ascii_case(b)
        }
    }
}

// proptest is a native dev-dependency: the wasm32 build of these tests has none.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn who(id: Option<i64>, email: &str) -> Identity {
        Identity {
            id,
            email: email.into(),
        }
    }

    #[test]
    fn the_id_decides_when_both_know_it() {
        assert!(is_same_user(
            &who(Some(101), "demo@example.com"),
            &who(Some(101), "renamed@example.com")
        ));
        assert!(!is_same_user(
            &who(Some(101), "demo@example.com"),
            &who(Some(102), "demo@example.com")
        ));
    }

    #[test]
    fn else_the_email_case_insensitively() {
        assert!(is_same_user(
            &who(None, "Demo@Example.com "),
            &who(Some(101), "demo@example.com")
        ));
        assert!(!is_same_user(
            &who(None, "demo@example.com"),
            &who(None, "staff@example.com")
        ));
        assert!(
            !is_same_user(&who(None, ""), &who(None, "")),
            "nobody is nobody's same user"
        );
    }

    proptest! {
        #[test]
        fn it_is_symmetric(a in proptest::option::of(0i64..5), b in proptest::option::of(0i64..5),
                           x in "[a-cA-C]{0,3}", y in "[a-cA-C]{0,3}") {
            prop_assert_eq!(is_same_user(&who(a, &x), &who(b, &y)), is_same_user(&who(b, &y), &who(a, &x)));
        }
    }
}
