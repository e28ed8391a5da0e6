//! Secrets known by their shape alone, wherever they stand: JWTs (`eyJ…` and at least two more
//! dot-separated base64url parts). They live inside a run of token characters
//! ([`is_run_byte`]), which the scanner hands over whole; each run is read once.

/// A byte of a token run: base64url, and the dot that joins a JWT's parts.
pub(super) fn is_run_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.')
}

/// Calls `redact` with each secret range of `run` (a whole run of [`is_run_byte`]), in order
/// and apart. `open_end`: the run was cut by the read window, so its end is unknown; a JWT
/// that starts in it counts whatever follows.
pub(super) fn secret_ranges(run: &[u8], open_end: bool, mut redact: impl FnMut(usize, usize)) {
    if let Some((start, end)) = jwt_range(run, open_end) {
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
