//! A webhook receiver in actix-web: verify the raw body, decode, answer 2xx fast. Deduplicating
//! on the event id belongs in your database: see cstar-events (comment in `receive`).
//!
//! ```sh
//! CSTAR_WEBHOOK_SECRET=whsec_... cargo run -p cstar-webhook --example actix_receiver
//! # listens on 127.0.0.1:3000 (PORT to change), route POST /webhooks/cstar
//!
//! cargo run -p cstar-webhook --example actix_receiver -- --self-test
//! # listens on a free port, sends itself a signed event, a repeat and a forgery, checks the
//! # answers (200, 200, 400) and exits: what CI runs
//! ```

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use cstar_webhook::{EventData, EventType, Verifier, headers, sign};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

struct Receiver {
    verifier: Verifier,
}

/// `web::Bytes`, not `web::Json`: the signature covers the bytes as sent.
async fn receive(app: web::Data<Receiver>, request: HttpRequest, body: web::Bytes) -> HttpResponse {
    let Some(signature) = request
        .headers()
        .get(headers::SIGNATURE)
        .and_then(|v| v.to_str().ok())
    else {
        return HttpResponse::BadRequest().finish();
    };
    let event = match app.verifier.construct_event(&body, signature) {
        Ok(event) => event,
        Err(e) => {
            println!("rejected delivery: {e}");
            return HttpResponse::BadRequest().finish();
        }
    };
    // cStar delivers at least once (6 retries over about 31 hours; the same event can arrive
    // twice at the same moment on two receivers), so repeats must be harmless. Deduplicate on
    // `event.id` durably, not in a set in memory: that is wrong behind a load balancer and
    // forgets on restart. cstar-events does it: its PostgreSQL `Inbox` claims the id in the
    // transaction of your effects, and `cstar_events::actix::receiver` is this whole handler
    // (verify, decode, dedupe, run, answer).
    match (&event.event_type, event.typed()) {
        (EventType::TicketCreated, EventData::Ticket(t)) => {
            println!("new ticket {} \"{}\"", t.ticket.id, t.ticket.title);
        }
        // Kept, not dropped: a payload this version cannot read still has its id and raw JSON.
        (other, EventData::Unreadable { error, .. }) => {
            println!("{other} {}: unreadable data ({error})", event.id);
        }
        (other, _) => println!("{other} {}", event.id),
    }
    // Answer within cStar's 10 s budget; queue slow work instead of doing it here.
    HttpResponse::Ok().finish()
}

type AnyError = Box<dyn std::error::Error>;

fn main() -> ExitCode {
    let self_test = std::env::args().skip(1).any(|a| a == "--self-test");
    let result = actix_web::rt::System::new().block_on(async move {
        if self_test {
            run_self_test().await
        } else {
            serve().await
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("actix_receiver: {e}");
            ExitCode::FAILURE
        }
    }
}

fn receiver(secret: &str) -> Result<web::Data<Receiver>, AnyError> {
    Ok(web::Data::new(Receiver {
        verifier: Verifier::new(secret)?,
    }))
}

async fn serve() -> Result<(), AnyError> {
    let secret = std::env::var("CSTAR_WEBHOOK_SECRET")
        .map_err(|_| "set CSTAR_WEBHOOK_SECRET to the webhook's whsec_... secret")?;
    let data = receiver(&secret)?;
    let port: u16 = std::env::var("PORT").map_or(Ok(3000), |p| p.parse())?;
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route("/webhooks/cstar", web::post().to(receive))
    })
    .workers(1)
    .bind(("127.0.0.1", port))?;
    for addr in server.addrs() {
        println!("listening on http://{addr}/webhooks/cstar");
    }
    server.run().await?;
    Ok(())
}

/// Serves on a free port and plays cStar against itself: a signed delivery, the same delivery
/// again, and one whose body was changed after signing.
async fn run_self_test() -> Result<(), AnyError> {
    let secret = "whsec_actix_self_test";
    let data = receiver(secret)?;
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route("/webhooks/cstar", web::post().to(receive))
    })
    .workers(1)
    .disable_signals()
    .bind(("127.0.0.1", 0))?;
    let addr = *server.addrs().first().ok_or("bound to no address")?;
    println!("self-test: listening on http://{addr}/webhooks/cstar");
    let running = server.run();
    let handle = running.handle();
    let serving = actix_web::rt::spawn(running);

    let body = br#"{"id":"evt_self_test","type":"ticket.created","created_at":"2026-11-25T10:00:00Z","team_id":"team_self_test","data":{"ticket":{"id":"tkt_1","title":"Printer on fire"}}}"#;
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let signature = sign(body, secret, i64::try_from(now)?);
    let forged = body
        .iter()
        .map(|&b| if b == b'1' { b'2' } else { b })
        .collect::<Vec<u8>>();
    let checks: [(&str, &[u8], u16); 3] = [
        ("a signed delivery", body, 200),
        ("the same delivery again", body, 200),
        ("a body changed after signing", &forged, 400),
    ];
    let mut failures = Vec::new();
    for (what, body, expected) in checks {
        let status = post(addr, body, &signature).await?;
        println!("self-test: {what}: {status} (expected {expected})");
        if status != expected {
            failures.push(what);
        }
    }
    handle.stop(true).await;
    serving.await??;
    if failures.is_empty() {
        println!("self-test: passed");
        Ok(())
    } else {
        Err(format!("self-test failed for {failures:?}").into())
    }
}

/// One HTTP/1.1 POST as cStar sends it, and the status code of the answer.
async fn post(addr: std::net::SocketAddr, body: &[u8], signature: &str) -> Result<u16, AnyError> {
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    let head = format!(
        "POST /webhooks/cstar HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         {}: {signature}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        headers::SIGNATURE,
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    let answer = String::from_utf8_lossy(&answer);
    let status = answer
        .split_whitespace()
        .nth(1)
        .ok_or("an empty answer")?
        .parse()?;
    Ok(status)
}
