//! A copy of `dist/` with a `config.json` of its own (keys set over the built one), for the
//! scenarios and runs that need another configuration than the shipped one.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::repo;

/// Copies `dist/` into `into`, sets each key of `overrides` in its `config.json`, and
/// returns the folder to serve.
pub fn with_config(into: &Path, overrides: &Value) -> PathBuf {
    copy_dir(&repo::dist(), into);
    let config_path = into.join("config.json");
    let mut config: Value = std::fs::read_to_string(&config_path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_else(|| json!({}));
    for (key, value) in overrides.as_object().into_iter().flatten() {
        config[key] = value.clone();
    }
    let text = serde_json::to_string_pretty(&config).expect("JSON");
    std::fs::write(&config_path, text).expect("write config.json");
    into.to_path_buf()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder for the site");
    for entry in std::fs::read_dir(from).expect("dist/ is readable") {
        let entry = entry.expect("a dist/ entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a dist/ file");
        }
    }
}
