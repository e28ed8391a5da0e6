//! Any text as `config.json`: reading it never panics (a bad file is an error, and the app
//! falls back to the defaults).
#![no_main]

use libfuzzer_sys::fuzz_target;
use logout_tracker::testing::Config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = Config::from_json(text);
});
