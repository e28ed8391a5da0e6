//! SQLite state: users, accounts, plans, sessions, refresh tokens and logout events.
//! One connection behind a mutex: every query is tiny and no lock is held across an await.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension};

use crate::demo::DemoUser;
use crate::load_users::{load_user_email, load_user_ids};
use crate::refresh_rule::{verdict, PresentedToken, Verdict};

const SCHEMA: &str = "
CREATE TABLE plans (id INTEGER PRIMARY KEY, name TEXT NOT NULL, is_active INTEGER NOT NULL);
CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT NOT NULL, status TEXT NOT NULL, plan_id INTEGER);
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    -- argon2id, PHC string format
    password_hash TEXT NOT NULL,
    is_staff INTEGER NOT NULL,
    is_active INTEGER NOT NULL,
    account_id INTEGER,
    -- set by the session_*_mismatch scenarios: the user's sessions read back foreign ids
    tamper_session_account INTEGER NOT NULL DEFAULT 0,
    tamper_session_user INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sessions (id TEXT PRIMARY KEY, user_id INTEGER, account_id INTEGER, created_at TEXT NOT NULL);
-- one per sign-in: every refresh token rotated from its first one (refresh_rule.rs)
CREATE TABLE refresh_families (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL,
    started_ms INTEGER NOT NULL,
    -- the absolute session lifetime's end
    ends_ms INTEGER NOT NULL,
    revoked_ms INTEGER
);
CREATE TABLE refresh_tokens (
    jti TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL,
    family_id TEXT NOT NULL REFERENCES refresh_families (id),
    -- set when a refresh spent it, with the token issued in its place
    rotated_ms INTEGER,
    successor TEXT
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE TABLE logout_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL,
    user_email TEXT,
    user_id INTEGER,
    -- the reason's context.request_id, when well formed (CONTRACT section 10)
    request_id TEXT,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL,
    -- sent with credentials of the user it names (event_attribution.rs); dropped last
    attributed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX logout_events_request_id ON logout_events (request_id);
";

#[derive(Debug, Clone)]
pub struct Plan {
    pub id: i64,
    pub name: String,
    pub is_active: bool,
}

#[derive(Debug, Clone)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub status: String,
    pub plan: Option<Plan>,
}

#[derive(Debug, Clone)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
    pub is_staff: bool,
    pub is_active: bool,
    pub account: Option<Account>,
    pub tamper_session_account: bool,
    pub tamper_session_user: bool,
}

/// The ids a session recorded at login.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    pub user_id: Option<i64>,
    pub account_id: Option<i64>,
}

/// A stored logout event, as `GET logout_events` lists it.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    pub id: i64,
    pub request_id: Option<String>,
    pub body: String,
    pub received_at: String,
    pub attributed: bool,
}

/// A logout event to store: the body as received and the columns the filters search.
pub struct NewEvent<'a> {
    pub code: &'a str,
    pub user_email: Option<&'a str>,
    pub user_id: Option<i64>,
    pub request_id: Option<&'a str>,
    pub body: &'a str,
    pub received_at: &'a str,
    pub attributed: bool,
}

/// The staff listing's filters; `None` matches everything.
#[derive(Default)]
pub struct EventQuery<'a> {
    pub code: Option<&'a str>,
    /// An email substring (any case) or an exact user id.
    pub user: Option<&'a str>,
    pub request_id: Option<&'a str>,
    pub attributed: Option<bool>,
}

/// A sign-in's family of refresh tokens, as a login starts it.
pub struct NewFamily<'a> {
    pub id: &'a str,
    pub user_id: i64,
    pub started_ms: i64,
    pub ends_ms: i64,
    /// The jti of its first refresh token.
    pub first_jti: &'a str,
}

/// The refresh token a refresh answers with: its family's current token.
#[derive(Debug, PartialEq, Eq)]
pub struct Successor {
    pub user_id: i64,
    pub jti: String,
    /// When it was issued (its `iat`): signed with this and `family_ends_ms` it comes out the
    /// same token each time.
    pub issued_ms: i64,
    pub family_ends_ms: i64,
}

/// What presenting a refresh token did (the decision is `refresh_rule::verdict`).
#[derive(Debug, PartialEq, Eq)]
pub enum RefreshUse {
    /// It was spent; its successor (the jti the caller chose, issued now) is now its
    /// family's current token.
    Rotated(Successor),
    /// It had been spent moments ago and the successor then issued is still unused: that
    /// same successor, again (nothing changed).
    Reissued(Successor),
    /// Refused as blacklisted: spent or revoked before (its family may just have been
    /// revoked for it).
    Blacklisted,
    /// Its user is inactive or gone; nothing was spent.
    InactiveUser,
    /// This server never issued it (e.g. before a restart).
    Unknown,
}

pub struct Db {
    conn: Mutex<Connection>,
}

impl Db {
    /// Deletes any previous file and creates a fresh schema: every start is clean.
    pub fn create(path: &Path) -> Result<Db, String> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let mut file = path.as_os_str().to_owned();
            file.push(suffix);
            match std::fs::remove_file(&file) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(format!("{}: {e}", Path::new(&file).display())),
            }
        }
        let conn = Connection::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        // Throwaway data: durability is not worth an fsync per request.
        conn.execute_batch("PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;")
            .and_then(|_| conn.execute_batch(SCHEMA))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Db { conn: Mutex::new(conn) })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic elsewhere while holding the lock leaves SQLite consistent; keep serving.
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    // ---- users, accounts, plans ----

    pub fn user_by_id(&self, id: i64) -> rusqlite::Result<Option<User>> {
        let conn = self.conn();
        load_user(&conn, "u.id = ?1", params![id])
    }

    pub fn user_by_email(&self, email: &str) -> rusqlite::Result<Option<User>> {
        let conn = self.conn();
        load_user(&conn, "u.email = ?1 COLLATE NOCASE", params![email.trim()])
    }

    /// (Re)creates a demo user exactly as seeded, with its own account and plan.
    pub fn reset_demo_user(&self, demo: &DemoUser, password_hash: &str) -> rusqlite::Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        // Remove whatever account/plan the user has now, and the seeded ids, before re-inserting.
        let current_account: Option<i64> = tx
            .query_row("SELECT account_id FROM users WHERE id = ?1", params![demo.id], |r| {
                r.get(0)
            })
            .optional()?
            .flatten();
        let seeded_account = demo.account.as_ref().map(|a| a.id);
        let seeded_plan = demo.account.as_ref().and_then(|a| a.plan.as_ref()).map(|p| p.id);
        for account_id in [current_account, seeded_account].into_iter().flatten() {
            tx.execute(
                "DELETE FROM plans WHERE id IN (SELECT plan_id FROM accounts WHERE id = ?1)",
                params![account_id],
            )?;
            tx.execute("DELETE FROM accounts WHERE id = ?1", params![account_id])?;
        }
        if let Some(plan_id) = seeded_plan {
            tx.execute("DELETE FROM plans WHERE id = ?1", params![plan_id])?;
        }
        if let Some(account) = &demo.account {
            if let Some(plan) = &account.plan {
                tx.execute(
                    "INSERT INTO plans (id, name, is_active) VALUES (?1, ?2, 1)",
                    params![plan.id, plan.name],
                )?;
            }
            tx.execute(
                "INSERT INTO accounts (id, name, status, plan_id) VALUES (?1, ?2, 'active', ?3)",
                params![account.id, account.name, seeded_plan],
            )?;
        }
        tx.execute(
            "INSERT OR REPLACE INTO users
               (id, email, password_hash, is_staff, is_active, account_id,
                tamper_session_account, tamper_session_user)
             VALUES (?1, ?2, ?3, ?4, 1, ?5, 0, 0)",
            params![demo.id, demo.email, password_hash, demo.is_staff, seeded_account],
        )?;
        tx.commit()
    }

    /// Creates load users 1..=`count` that do not exist yet (each with its own active account
    /// "Load N" and active plan "Load"); existing ones are left as they are. Returns how many
    /// were created.
    pub fn ensure_load_users(&self, count: u64, password_hash: &str) -> rusqlite::Result<u64> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut created = 0;
        for n in 1..=count {
            let (user_id, account_id, plan_id) = load_user_ids(n);
            let inserted = tx.execute(
                "INSERT OR IGNORE INTO users
                   (id, email, password_hash, is_staff, is_active, account_id,
                    tamper_session_account, tamper_session_user)
                 VALUES (?1, ?2, ?3, 0, 1, ?4, 0, 0)",
                params![user_id, load_user_email(n), password_hash, account_id],
            )?;
            if inserted == 0 {
                continue;
            }
            tx.execute(
                "INSERT OR REPLACE INTO plans (id, name, is_active) VALUES (?1, 'Load', 1)",
                params![plan_id],
            )?;
            tx.execute(
                "INSERT OR REPLACE INTO accounts (id, name, status, plan_id) VALUES (?1, ?2, 'active', ?3)",
                params![account_id, format!("Load {n}"), plan_id],
            )?;
            created += 1;
        }
        tx.commit()?;
        Ok(created)
    }

    pub fn set_user_active(&self, user_id: i64, active: bool) -> rusqlite::Result<()> {
        self.conn().execute(
            "UPDATE users SET is_active = ?2 WHERE id = ?1",
            params![user_id, active],
        )?;
        Ok(())
    }

    pub fn set_session_tamper(&self, user_id: i64, account: bool, user: bool) -> rusqlite::Result<()> {
        self.conn().execute(
            "UPDATE users SET tamper_session_account = tamper_session_account OR ?2,
                              tamper_session_user = tamper_session_user OR ?3 WHERE id = ?1",
            params![user_id, account, user],
        )?;
        Ok(())
    }

    /// Detaches and deletes the user's account (its plan goes with it).
    pub fn delete_account(&self, user_id: i64, account_id: i64) -> rusqlite::Result<()> {
        let conn = self.conn();
        conn.execute(
            "DELETE FROM plans WHERE id IN (SELECT plan_id FROM accounts WHERE id = ?1)",
            params![account_id],
        )?;
        conn.execute("DELETE FROM accounts WHERE id = ?1", params![account_id])?;
        conn.execute("UPDATE users SET account_id = NULL WHERE id = ?1", params![user_id])?;
        Ok(())
    }

    pub fn set_account_status(&self, account_id: i64, status: &str) -> rusqlite::Result<()> {
        self.conn().execute(
            "UPDATE accounts SET status = ?2 WHERE id = ?1",
            params![account_id, status],
        )?;
        Ok(())
    }

    pub fn delete_plan(&self, account_id: i64, plan_id: i64) -> rusqlite::Result<()> {
        let conn = self.conn();
        conn.execute("DELETE FROM plans WHERE id = ?1", params![plan_id])?;
        conn.execute("UPDATE accounts SET plan_id = NULL WHERE id = ?1", params![account_id])?;
        Ok(())
    }

    pub fn set_plan_active(&self, plan_id: i64, active: bool) -> rusqlite::Result<()> {
        self.conn().execute(
            "UPDATE plans SET is_active = ?2 WHERE id = ?1",
            params![plan_id, active],
        )?;
        Ok(())
    }

    // ---- sessions ----

    pub fn create_session(&self, id: &str, session: Session, created_at: &str) -> rusqlite::Result<()> {
        self.conn().execute(
            "INSERT INTO sessions (id, user_id, account_id, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, session.user_id, session.account_id, created_at],
        )?;
        Ok(())
    }

    pub fn session(&self, id: &str) -> rusqlite::Result<Option<Session>> {
        self.conn()
            .query_row(
                "SELECT user_id, account_id FROM sessions WHERE id = ?1",
                params![id],
                |r| {
                    Ok(Session {
                        user_id: r.get(0)?,
                        account_id: r.get(1)?,
                    })
                },
            )
            .optional()
    }

    pub fn delete_session(&self, id: &str) -> rusqlite::Result<()> {
        self.conn().execute("DELETE FROM sessions WHERE id = ?1", params![id])?;
        Ok(())
    }

    // ---- refresh tokens ----

    /// Records a login's family and its first refresh token.
    pub fn start_family(&self, family: &NewFamily) -> rusqlite::Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO refresh_families (id, user_id, started_ms, ends_ms) VALUES (?1, ?2, ?3, ?4)",
            params![family.id, family.user_id, family.started_ms, family.ends_ms],
        )?;
        tx.execute(
            "INSERT INTO refresh_tokens (jti, user_id, family_id) VALUES (?1, ?2, ?3)",
            params![family.first_jti, family.user_id, family.id],
        )?;
        tx.commit()
    }

    /// Presents refresh token `jti` at `now_ms`: reads what is known of it, lets
    /// `refresh_rule::verdict` decide, and applies the decision (spend it and record
    /// `successor_jti` in its place, or revoke its family), all in one transaction under the
    /// connection's lock, so that two refreshes with one token cannot both rotate it (the
    /// second gets the first one's successor again, within the grace).
    pub fn use_refresh(
        &self,
        jti: &str,
        now_ms: i64,
        grace: Duration,
        successor_jti: &str,
    ) -> rusqlite::Result<RefreshUse> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let Some(known) = presented_token(&tx, jti)? else {
            return Ok(RefreshUse::Unknown);
        };
        let outcome = match verdict(&known.facts, now_ms, grace) {
            Verdict::Rotate => {
                tx.execute(
                    "UPDATE refresh_tokens SET rotated_ms = ?2, successor = ?3 WHERE jti = ?1",
                    params![jti, now_ms, successor_jti],
                )?;
                tx.execute(
                    "INSERT INTO refresh_tokens (jti, user_id, family_id) VALUES (?1, ?2, ?3)",
                    params![successor_jti, known.user_id, known.family_id],
                )?;
                RefreshUse::Rotated(Successor {
                    user_id: known.user_id,
                    jti: successor_jti.to_string(),
                    issued_ms: now_ms,
                    family_ends_ms: known.family_ends_ms,
                })
            }
            Verdict::ReissueSuccessor => match (known.successor, known.facts.rotated_at_ms) {
                (Some(jti), Some(issued_ms)) => RefreshUse::Reissued(Successor {
                    user_id: known.user_id,
                    jti,
                    issued_ms,
                    family_ends_ms: known.family_ends_ms,
                }),
                // Rotated tokens always record both; refuse rather than guess.
                _ => RefreshUse::Blacklisted,
            },
            Verdict::RevokeFamily => {
                revoke_family(&tx, &known.family_id, now_ms)?;
                RefreshUse::Blacklisted
            }
            Verdict::Refuse => RefreshUse::Blacklisted,
            Verdict::InactiveUser => RefreshUse::InactiveUser,
        };
        tx.commit()?;
        Ok(outcome)
    }

    /// Rotation off (simplejwt's `ROTATE_REFRESH_TOKENS = False`): whether refresh token
    /// `jti` may still be used, without replacing it. A good token answers as itself (its
    /// family's end unchanged), so that the session keeps the fixed lifetime it started with.
    pub fn check_refresh(&self, jti: &str, now_ms: i64) -> rusqlite::Result<RefreshUse> {
        let conn = self.conn();
        let Some(known) = presented_token(&conn, jti)? else {
            return Ok(RefreshUse::Unknown);
        };
        Ok(match verdict(&known.facts, now_ms, Duration::ZERO) {
            Verdict::Rotate => RefreshUse::Rotated(Successor {
                user_id: known.user_id,
                jti: jti.to_string(),
                issued_ms: now_ms,
                family_ends_ms: known.family_ends_ms,
            }),
            Verdict::InactiveUser => RefreshUse::InactiveUser,
            _ => RefreshUse::Blacklisted,
        })
    }

    /// Revokes the family of refresh token `jti` (a logout ends the whole sign-in); `false`
    /// when this server never issued it.
    pub fn revoke_family_of(&self, jti: &str, now_ms: i64) -> rusqlite::Result<bool> {
        let conn = self.conn();
        let family: Option<String> = conn
            .query_row(
                "SELECT family_id FROM refresh_tokens WHERE jti = ?1",
                params![jti],
                |r| r.get(0),
            )
            .optional()?;
        match family {
            Some(family) => revoke_family(&conn, &family, now_ms).map(|_| true),
            None => Ok(false),
        }
    }

    /// Revokes every family; returns how many refresh tokens were still usable.
    pub fn revoke_all_refresh(&self, now_ms: i64) -> rusqlite::Result<usize> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let usable: i64 = tx.query_row(
            "SELECT count(*) FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id
             WHERE t.rotated_ms IS NULL AND f.revoked_ms IS NULL",
            [],
            |r| r.get(0),
        )?;
        tx.execute(
            "UPDATE refresh_families SET revoked_ms = ?1 WHERE revoked_ms IS NULL",
            params![now_ms],
        )?;
        tx.commit()?;
        Ok(usize::try_from(usable).unwrap_or(0))
    }

    // ---- logout events ----

    /// Stores `event` and drops events beyond `cap`, so that an unauthenticated endpoint
    /// cannot grow the table without bound: the oldest unattributed ones first, so that
    /// anonymous posts can only ever push out other anonymous posts.
    pub fn insert_event(&self, event: &NewEvent, cap: u32) -> rusqlite::Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO logout_events (code, user_email, user_id, request_id, body, received_at, attributed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                event.code,
                event.user_email,
                event.user_id,
                event.request_id,
                event.body,
                event.received_at,
                event.attributed
            ],
        )?;
        tx.execute(
            "DELETE FROM logout_events WHERE id IN (
                 SELECT id FROM logout_events ORDER BY attributed ASC, id ASC
                 LIMIT max(0, (SELECT count(*) FROM logout_events) - ?1))",
            params![cap],
        )?;
        tx.commit()
    }

    /// Newest first, at most `limit`.
    pub fn events(&self, query: &EventQuery, limit: u32) -> rusqlite::Result<Vec<StoredEvent>> {
        let user_id: Option<i64> = query.user.and_then(|u| u.trim().parse().ok());
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, request_id, body, received_at, attributed FROM logout_events
             WHERE (?1 IS NULL OR code = ?1)
               AND (?2 IS NULL OR instr(lower(coalesce(user_email, '')), lower(?2)) > 0 OR user_id = ?3)
               AND (?4 IS NULL OR request_id = ?4)
               AND (?5 IS NULL OR attributed = ?5)
             ORDER BY id DESC LIMIT ?6",
        )?;
        let args = params![
            query.code,
            query.user,
            user_id,
            query.request_id,
            query.attributed,
            limit
        ];
        let rows = stmt.query_map(args, |r| {
            Ok(StoredEvent {
                id: r.get(0)?,
                request_id: r.get(1)?,
                body: r.get(2)?,
                received_at: r.get(3)?,
                attributed: r.get(4)?,
            })
        })?;
        rows.collect()
    }
}

/// A presented refresh token: the facts the rule needs, and where it belongs.
struct KnownToken {
    facts: PresentedToken,
    user_id: i64,
    /// The token a refresh replaced it with, if one did (issued at `rotated_at_ms`).
    successor: Option<String>,
    family_id: String,
    family_ends_ms: i64,
}

fn presented_token(conn: &Connection, jti: &str) -> rusqlite::Result<Option<KnownToken>> {
    conn.query_row(
        "SELECT t.user_id, t.family_id, f.ends_ms, f.revoked_ms IS NOT NULL, t.rotated_ms,
                s.jti IS NOT NULL AND s.rotated_ms IS NULL, coalesce(u.is_active, 0), t.successor
         FROM refresh_tokens t
         JOIN refresh_families f ON f.id = t.family_id
         LEFT JOIN refresh_tokens s ON s.jti = t.successor
         LEFT JOIN users u ON u.id = t.user_id
         WHERE t.jti = ?1",
        params![jti],
        |r| {
            Ok(KnownToken {
                user_id: r.get(0)?,
                family_id: r.get(1)?,
                family_ends_ms: r.get(2)?,
                successor: r.get(7)?,
                facts: PresentedToken {
                    family_revoked: r.get(3)?,
                    rotated_at_ms: r.get(4)?,
                    successor_is_current: r.get(5)?,
                    user_active: r.get(6)?,
                },
            })
        },
    )
    .optional()
}

fn revoke_family(conn: &Connection, family_id: &str, now_ms: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE refresh_families SET revoked_ms = ?2 WHERE id = ?1 AND revoked_ms IS NULL",
        params![family_id, now_ms],
    )?;
    Ok(())
}

fn load_user(conn: &Connection, condition: &str, args: impl rusqlite::Params) -> rusqlite::Result<Option<User>> {
    let sql = format!(
        "SELECT u.id, u.email, u.password_hash, u.is_staff, u.is_active,
                u.tamper_session_account, u.tamper_session_user,
                a.id, a.name, a.status, p.id, p.name, p.is_active
         FROM users u
         LEFT JOIN accounts a ON a.id = u.account_id
         LEFT JOIN plans p ON p.id = a.plan_id
         WHERE {condition}"
    );
    conn.query_row(&sql, args, |r| {
        let plan = match r.get::<_, Option<i64>>(10)? {
            Some(id) => Some(Plan {
                id,
                name: r.get(11)?,
                is_active: r.get(12)?,
            }),
            None => None,
        };
        let account = match r.get::<_, Option<i64>>(7)? {
            Some(id) => Some(Account {
                id,
                name: r.get(8)?,
                status: r.get(9)?,
                plan,
            }),
            None => None,
        };
        Ok(User {
            id: r.get(0)?,
            email: r.get(1)?,
            password_hash: r.get(2)?,
            is_staff: r.get(3)?,
            is_active: r.get(4)?,
            tamper_session_account: r.get(5)?,
            tamper_session_user: r.get(6)?,
            account,
        })
    })
    .optional()
}
