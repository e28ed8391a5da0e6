//! The real binary: the `listening on` line, the `[AUTO-LOGOUT]` line on stderr byte for
//! byte, a clean stop on SIGTERM, and `--dev` refused off loopback with exit code 2.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use reference_backend::demo::{DEMO_PASSWORD, DEMO_USER, NOACCOUNT_USER, NOPLAN_USER, STAFF_USER};
use reference_backend::log_line::format_auto_logout;
use reference_backend::paths::{DEV_SCENARIO, LOGIN, ME};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_reference-backend");

/// Forwards each line of `stream` to a channel, so reads can time out.
fn lines(stream: impl std::io::Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

fn wait_exit(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        thread::sleep(Duration::from_millis(20));
    }
    None
}

#[tokio::test]
async fn logs_the_auto_logout_line_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3");
    let mut child = Command::new(BIN)
        .args(["--dev", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let stdout = lines(child.stdout.take().unwrap());
    let stderr = lines(child.stderr.take().unwrap());

    let first = stdout.recv_timeout(Duration::from_secs(10)).expect("listening line");
    let base = first
        .strip_prefix("listening on ")
        .expect("first line is `listening on http://HOST:PORT`");
    assert!(
        base.starts_with("http://127.0.0.1:") && !base.ends_with(":0"),
        "{first}"
    );
    let banner: Vec<String> = (0..5)
        .filter_map(|_| stdout.recv_timeout(Duration::from_secs(2)).ok())
        .collect();
    for email in [DEMO_USER, STAFF_USER, NOACCOUNT_USER, NOPLAN_USER] {
        assert!(banner.iter().any(|line| line.contains(email)), "{email} in {banner:?}");
    }

    let client = reqwest::Client::builder()
        .cookie_store(true)
        .no_proxy()
        .build()
        .unwrap();
    let login: Value = client
        .post(format!("{base}{LOGIN}"))
        .json(&json!({"email": DEMO_USER, "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let access = login["data"]["access"].as_str().unwrap();
    let scenario = client
        .post(format!("{base}{DEV_SCENARIO}"))
        .json(&json!({"email": DEMO_USER, "action": "session_account_mismatch"}))
        .send()
        .await
        .unwrap();
    assert_eq!(scenario.status(), 200);
    let me = client
        .get(format!("{base}{ME}"))
        .bearer_auth(access)
        .header("Referer", format!("{base}/dashboard"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401);

    let line = stderr
        .recv_timeout(Duration::from_secs(5))
        .expect("an [AUTO-LOGOUT] line");
    let line = without_mail_status(&line);
    // Rebuild the expected line from its own timestamp: everything else must match exactly.
    let stamp = line.rsplit_once("Timestamp=").expect("Timestamp= field").1;
    let at: DateTime<Utc> = DateTime::parse_from_rfc3339(stamp)
        .expect("ISO timestamp")
        .with_timezone(&Utc);
    let fields = [
        ("Session", "999".to_string()),
        ("Current", "201".to_string()),
        ("User", "101".to_string()),
        ("Path", "/dashboard".to_string()),
        ("IP", "127.0.0.1".to_string()),
    ];
    assert_eq!(
        line,
        format_auto_logout(
            at,
            "SESSION_ACCOUNT_MISMATCH",
            "Session contamination: account ID mismatch",
            &fields
        )
    );
    assert!(stamp.len() == 24 && stamp.ends_with('Z'), "{stamp}");

    // A well-formed X-Request-ID ends the line; anything else is left out, never echoed.
    let id = "0123456789abcdef0123456789abcdef";
    for (header, expected_suffix) in [
        (id, Some(format!(", RequestID={id}"))),
        ("0123456789ABCDEF0123456789ABCDEF", None),
        ("x, RequestID=forged", None),
        ("0123456789abcdef0123456789abcdef0", None),
    ] {
        let me = client
            .get(format!("{base}{ME}"))
            .bearer_auth(access)
            .header("X-Request-ID", header)
            .send()
            .await
            .unwrap();
        assert_eq!(me.status(), 401);
        let line = stderr
            .recv_timeout(Duration::from_secs(5))
            .expect("an [AUTO-LOGOUT] line");
        let line = without_mail_status(&line);
        assert!(line.contains("[AUTO-LOGOUT] SESSION_ACCOUNT_MISMATCH"), "{line}");
        match &expected_suffix {
            Some(suffix) => {
                assert!(line.ends_with(suffix), "{line}");
                assert_eq!(line.matches("RequestID=").count(), 1, "{line}");
                let stamp = line.rsplit_once("Timestamp=").unwrap().1;
                assert_eq!(
                    stamp.len(),
                    24 + suffix.len(),
                    "RequestID comes right after Timestamp: {line}"
                );
            }
            None => {
                assert!(!line.contains("RequestID"), "{header:?}: {line}");
                assert!(!line.contains(header), "{header:?}: {line}");
                assert!(line.rsplit_once("Timestamp=").unwrap().1.len() == 24, "{line}");
            }
        }
    }

    // What a Referer can carry (spaces, tabs, commas, `=`) cannot fake a field.
    let me = client
        .get(format!("{base}{ME}"))
        .bearer_auth(access)
        .header("Referer", format!("{base}/dashboard, User=1, IP=6.6.6.6\tx"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401);
    let line = stderr
        .recv_timeout(Duration::from_secs(5))
        .expect("an [AUTO-LOGOUT] line");
    assert!(
        line.contains(r"Path=/dashboard\x2c\x20User\x3d1\x2c\x20IP\x3d6.6.6.6\tx, IP=127.0.0.1, "),
        "{line}"
    );
    assert_eq!(line.matches("User=").count(), 1, "{line}");

    let pid = child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let status = wait_exit(&mut child, Duration::from_secs(10)).unwrap_or_else(|| {
        let _ = child.kill();
        panic!("did not stop on SIGTERM");
    });
    assert!(status.success(), "{status}");
}

#[test]
fn dev_off_loopback_exits_with_code_2() {
    let output = Command::new(BIN)
        .args([
            "--dev",
            "--addr",
            "0.0.0.0:0",
            "--db",
            "/nonexistent/never-created.sqlite3",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--dev") && stderr.contains("loopback"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn help_explains_every_flag() {
    let output = Command::new(BIN).arg("--help").output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for flag in [
        "--addr",
        "--db",
        "--access-ttl",
        "--static-dir",
        "--dev",
        "--api-origin",
        "--secure-cookies",
        "--session-lifetime",
    ] {
        assert!(help.contains(flag), "{flag}");
    }
}

/// The line without its last field, `, Mail=off` (no mail is configured here): the rest is
/// the seed's line and the request id.
fn without_mail_status(line: &str) -> String {
    line.strip_suffix(", Mail=off")
        .unwrap_or_else(|| panic!("the line ends with the mail's status: {line}"))
        .to_string()
}
