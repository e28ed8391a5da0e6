//! Secrets known by their shape alone, wherever they stand: JWTs (`eyJ…` and at least two more
//! dot-separated base64url parts) and well-known key formats (Stripe `sk_live_…`, GitHub
//! `ghp_…`, AWS `AKIA…`). Both live inside a run of token characters ([`is_run_byte`]), which
//! the scanner hands over whole; each run is read once.

/// A byte of a token run: base64url, and the dot that joins a JWT's parts.
pub(super) fn is_run_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.')
}

/// A key format: the prefix, then at least `min_tail` bytes of its alphabet.
struct KeyFormat {
    prefix: &'static [u8],
    min_tail: usize,
    /// AWS key ids are upper case letters and digits; the others any letter, digit or `_`.
    upper: bool,
}

const fn key(prefix: &'static [u8], min_tail: usize, upper: bool) -> KeyFormat {
    KeyFormat {
        prefix,
        min_tail,
        upper,
    }
}

const KEY_FORMATS: [KeyFormat; 12] = [
    // Stripe secret and restricted keys (publishable `pk_` keys are public).
    key(b"sk_live_", 10, false),
    key(b"sk_test_", 10, false),
    key(b"rk_live_", 10, false),
    key(b"rk_test_", 10, false),
    // GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens.
    key(b"ghp_", 20, false),
    key(b"gho_", 20, false),
    key(b"ghu_", 20, false),
    key(b"ghs_", 20, false),
    key(b"ghr_", 20, false),
    key(b"github_pat_", 20, false),
    // AWS access key ids, long-lived and temporary.
    key(b"AKIA", 16, true),
    key(b"ASIA", 16, true),
];

/// Calls `redact` with each secret range of `run` (a whole run of [`is_run_byte`]), in order
/// and apart. `open_end`: the run was cut by the read window, so its end is unknown; a JWT or
/// key that starts in it counts whatever follows.
pub(super) fn secret_ranges(run: &[u8], open_end: bool, mut redact: impl FnMut(usize, usize)) {
    let jwt = jwt_range(run, open_end);
    let keys_end = jwt.map_or(run.len(), |(start, _)| start);
    let mut at = 0;
    while at < keys_end {
        // A key starts a word: not after a letter or digit.
        let key = (at == 0 || !run[at - 1].is_ascii_alphanumeric())
            .then(|| key_end(run, at, open_end))
            .flatten();
        match (key, jwt) {
            // A key that runs into the JWT goes with it.
            (Some(end), Some((_, jwt_end))) if end >= keys_end => {
                redact(at, jwt_end);
                return;
            }
            (Some(end), _) => {
                redact(at, end);
                at = end;
            }
            (None, _) => at += 1,
        }
    }
    if let Some((start, end)) = jwt {
        redact(start, end);
    }
}

/// The JWT in `run`: from its first `eyJ` to the end of the run, when at least two dots
/// follow (a dot after a third part ends a sentence, not the token).
fn jwt_range(run: &[u8], open_end: bool) -> Option<(usize, usize)> {
    let start = run.windows(3).position(|three| three == b"eyJ")?;
    let dots = run[start..].iter().filter(|&&byte| byte == b'.').count();
    if dots < 2 && !open_end {
        return None;
    }
    let mut end = run.len();
    if dots > 2 && !open_end && run[end - 1] == b'.' {
        end -= 1;
    }
    Some((start, end))
}

/// The end of the key that starts at `at`, if one does.
fn key_end(run: &[u8], at: usize, open_end: bool) -> Option<usize> {
    let rest = &run[at..];
    KEY_FORMATS.iter().find_map(|format| {
        let tail = rest.strip_prefix(format.prefix)?;
        let length = tail
            .iter()
            .take_while(|&&byte| {
                if format.upper {
                    byte.is_ascii_uppercase() || byte.is_ascii_digit()
                } else {
                    byte.is_ascii_alphanumeric() || byte == b'_'
                }
            })
            .count();
        let end = at + format.prefix.len() + length;
        (length >= format.min_tail || (open_end && end == run.len())).then_some(end)
    })
}
