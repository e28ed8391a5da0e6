//! Where things are in the repository: the built app and the screenshots.

use std::path::PathBuf;

/// The repository root (this crate is `tests/e2e`).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository root exists")
}

/// The release build of the app; the suite tests what ships, so it never builds it itself.
pub fn dist() -> PathBuf {
    let dist = root().join("dist");
    assert!(
        dist.join("index.html").is_file(),
        "{} has no built app: run `make dist` first (or `make test-e2e`, which does)",
        dist.display()
    );
    dist
}

/// `target/e2e/<name>.png`, kept out of git with the rest of `target/`.
pub fn screenshot_path(name: &str) -> PathBuf {
    let dir = root().join("target/e2e");
    std::fs::create_dir_all(&dir).expect("target/e2e can be created");
    dir.join(format!("{name}.png"))
}
