//! Any response (kind, status, flags, endpoint, body built from the bytes) through the
//! classifier and the refresh classifier: never a panic, and a logout always carries a
//! known or kept code and a non-empty message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use logout_tracker::testing::{
    classify, classify_refresh, Decision, Exchange, RefreshOutcome, RequestKind, StaleAccess,
};

fuzz_target!(|data: &[u8]| {
    if data.len() < 5 {
        return;
    }
    let kind = match data[0] % 3 {
        0 => RequestKind::Login,
        1 => RequestKind::Refresh,
        _ => RequestKind::Other,
    };
    // Mostly the statuses that matter, sometimes any u16.
    let status = match data[1] % 8 {
        0 => 401,
        1 => 403,
        2 => 400,
        3 => 200,
        4 => 500,
        _ => u16::from_le_bytes([data[2], data[3]]),
    };
    let flags = data[4];
    let rest = &data[5..];
    let split = rest.iter().position(|&b| b == 0).unwrap_or(0);
    let endpoint = std::str::from_utf8(&rest[..split]).unwrap_or("/api/v1/auth/me/");
    let body = rest.get(split + 1..).unwrap_or(&[]);
    let exchange = Exchange {
        kind,
        endpoint,
        status,
        body,
        sent_with_token: flags & 1 != 0,
        token_replaced: flags & 2 != 0,
        retried: flags & 4 != 0,
        has_refresh_token: flags & 8 != 0,
        // The body's first line doubles as a WWW-Authenticate header.
        www_authenticate: (flags & 16 != 0)
            .then(|| std::str::from_utf8(body.split(|&b| b == b'\n').next().unwrap_or(&[])).ok())
            .flatten(),
        problem_json: flags & 32 != 0,
    };
    if let Decision::Logout(draft) = classify(&exchange) {
        assert!(!draft.code.as_str().is_empty(), "a logout without a code");
        assert!(!draft.message.is_empty(), "a logout without a message");
    }
    let stale = StaleAccess {
        endpoint: endpoint.to_owned(),
        status,
        detail: None,
        code: None,
        sent_with_token: flags & 1 != 0,
        renewed_early: flags & 2 != 0,
        described: Default::default(),
    };
    if let RefreshOutcome::Expired(draft) = classify_refresh(status, body, &stale) {
        assert!(!draft.code.as_str().is_empty(), "an expired refresh without a code");
    }
});
