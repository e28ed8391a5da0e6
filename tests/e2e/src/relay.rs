//! A loopback TCP relay in front of the backend that can stop listening and come back on
//! the same port: to the browser, a backend that went away and returned with its state
//! (its sessions and signing key) intact, as a real restarted server keeps them.

use std::net::SocketAddr;

use tokio::io::copy_bidirectional;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

pub struct Relay {
    addr: SocketAddr,
    target: SocketAddr,
    task: Option<JoinHandle<()>>,
}

impl Relay {
    /// Relays a free loopback port to `target`.
    pub async fn start(target: SocketAddr) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a relay port");
        let addr = listener.local_addr().expect("the relay's address");
        Relay {
            addr,
            target,
            task: Some(tokio::spawn(serve(listener, target))),
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Closes the port and every open connection: requests now fail to connect.
    pub async fn stop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
    }

    /// Listens again on the same port.
    pub async fn resume(&mut self) {
        assert!(self.task.is_none(), "the relay is already running");
        let listener = TcpListener::bind(self.addr)
            .await
            .unwrap_or_else(|e| panic!("cannot listen again on {}: {e}", self.addr));
        self.task = Some(tokio::spawn(serve(listener, self.target)));
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// Accepts and relays until aborted; aborting drops the connections' set, closing them all.
async fn serve(listener: TcpListener, target: SocketAddr) {
    let mut connections = JoinSet::new();
    loop {
        let Ok((mut inbound, _)) = listener.accept().await else {
            continue;
        };
        connections.spawn(async move {
            if let Ok(mut outbound) = TcpStream::connect(target).await {
                let _ = copy_bidirectional(&mut inbound, &mut outbound).await;
            }
        });
        while connections.try_join_next().is_some() {}
    }
}
