//! A local SMTP sink: a real SMTP server (mailin-embedded) that keeps every mail it receives
//! in memory, for `make dev` (shown at `/__dev__/mails`) and for the tests. It accepts any
//! sender and recipient, speaks plain SMTP (or offers STARTTLS, for the tests of a protected
//! connection) on a loopback address and delivers nothing.

use std::io;
use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use mail_parser::{MessageParser, MimeHeaders};
use mailin_embedded::response::{self, Response};
use mailin_embedded::{Handler, Server, SslConfig};

/// One mail as the sink received it.
#[derive(Clone, Debug)]
pub struct ReceivedMail {
    /// The envelope's recipients (`RCPT TO`).
    pub to: Vec<String>,
    /// The envelope's sender (`MAIL FROM`).
    pub from: String,
    /// The whole message as sent, headers and MIME parts still encoded.
    pub raw: String,
    pub subject: String,
    /// `multipart/alternative` for a mail with a text and an HTML part.
    pub content_type: String,
    /// The decoded parts.
    pub text: String,
    pub html: String,
}

/// The mails received so far, shared with whoever shows or checks them.
#[derive(Clone, Default)]
pub struct Inbox(Arc<Mutex<Vec<ReceivedMail>>>);

impl Inbox {
    pub fn mails(&self) -> Vec<ReceivedMail> {
        self.lock().clone()
    }

    /// Waits until at least `count` mails are in, at most `timeout`; returns them all.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let mails = self.mails();
            if mails.len() >= count || tokio::time::Instant::now() >= deadline {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn lock(&self) -> MutexGuard<'_, Vec<ReceivedMail>> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A running sink; it serves until the process ends.
pub struct MailSink {
    addr: SocketAddr,
    inbox: Inbox,
}

impl MailSink {
    /// Listens on `addr` (port 0 picks a free one) and serves on a thread of its own.
    pub fn start(addr: SocketAddr) -> io::Result<MailSink> {
        MailSink::serve(addr, SslConfig::None)
    }

    /// Like [`MailSink::start`], offering STARTTLS with the certificate and key (PEM files).
    pub fn start_with_starttls(addr: SocketAddr, cert_path: &str, key_path: &str) -> io::Result<MailSink> {
        let ssl = SslConfig::SelfSigned {
            cert_path: cert_path.into(),
            key_path: key_path.into(),
        };
        MailSink::serve(addr, ssl)
    }

    fn serve(addr: SocketAddr, ssl: SslConfig) -> io::Result<MailSink> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let inbox = Inbox::default();
        let mut server = Server::new(Receiver {
            inbox: inbox.clone(),
            current: None,
        });
        server
            .with_name("logout-tracker-sink")
            .with_ssl(ssl)
            .map_err(|e| io::Error::other(e.to_string()))?
            .with_tcp_listener(listener);
        std::thread::Builder::new().name("mail-sink".into()).spawn(move || {
            if let Err(error) = server.serve() {
                eprintln!("mail sink stopped: {error}");
            }
        })?;
        Ok(MailSink { addr, inbox })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn inbox(&self) -> Inbox {
        self.inbox.clone()
    }
}

/// The SMTP conversation's side: mailin-embedded clones it for each connection.
#[derive(Clone)]
struct Receiver {
    inbox: Inbox,
    current: Option<(String, Vec<String>, Vec<u8>)>,
}

/// A message larger than this is refused (a sink, not a mail store).
const MAX_MESSAGE_BYTES: usize = 1024 * 1024;

impl Handler for Receiver {
    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.current = Some((from.to_string(), to.to_vec(), Vec::new()));
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> io::Result<()> {
        if let Some((_, _, data)) = &mut self.current {
            if data.len() + buf.len() > MAX_MESSAGE_BYTES {
                return Err(io::Error::other("message too large"));
            }
            data.extend_from_slice(buf);
        }
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let Some((from, to, data)) = self.current.take() else {
            return response::OK;
        };
        self.inbox.lock().push(parse(from, to, &data));
        response::OK
    }
}

fn parse(from: String, to: Vec<String>, data: &[u8]) -> ReceivedMail {
    let raw = String::from_utf8_lossy(data).into_owned();
    let message = MessageParser::default().parse(data);
    let field =
        |read: &dyn Fn(&mail_parser::Message) -> Option<String>| message.as_ref().and_then(read).unwrap_or_default();
    ReceivedMail {
        to,
        from,
        subject: field(&|m| m.subject().map(str::to_string)),
        content_type: field(&|m| {
            m.content_type()
                .map(|ct| format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or_default()))
        }),
        text: field(&|m| m.body_text(0).map(|text| text.into_owned())),
        html: field(&|m| m.body_html(0).map(|html| html.into_owned())),
        raw,
    }
}
