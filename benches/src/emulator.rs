//! An emulator on a thread and runtime of its own.

use std::sync::mpsc;

use cstar_mock::MockServer;

/// Where the detached emulator listens, and its credentials.
pub struct Detached {
    /// `http://127.0.0.1:<port>`.
    pub base_url: String,
    /// Its secret key.
    pub secret_key: String,
    /// Its team id.
    pub team_id: String,
}

/// Starts an emulator with no effective rate limit on a background thread that lives as long as
/// the process.
pub fn start_detached() -> Detached {
    let (tx, rx) = mpsc::channel();
    // Named, so that a profile of a benchmark tells the emulator's work from the client's.
    let thread = std::thread::Builder::new().name("emulator".to_owned());
    let spawned = thread.spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .thread_name("emulator")
            .enable_all()
            .build()
            .expect("a runtime for the emulator");
        runtime.block_on(async move {
            let server = MockServer::builder()
                .rate_limit_secret(u64::MAX)
                .start()
                .await
                .expect("the emulator starts");
            let _ = tx.send(Detached {
                base_url: server.base_url(),
                secret_key: server.secret_key().to_owned(),
                team_id: server.team_id().to_owned(),
            });
            std::future::pending::<()>().await;
        });
    });
    spawned.expect("a thread for the emulator");
    rx.recv().expect("the emulator reports where it listens")
}
