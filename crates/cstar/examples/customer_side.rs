//! The customer's side of cStar, as an app shipped to end customers uses it: the help centre
//! (`LibraryClient`), a customer account (`AuthClient`) and a chat conversation (`ChatClient`) with
//! live replies through `on_message`. None of it takes a secret key.
//!
//! With `CSTAR_TEAM_SLUG` set (and `CSTAR_BASE_URL`, optionally) it reads that team's help centre
//! and opens an anonymous chat conversation there; it signs a customer in only when
//! `CSTAR_CUSTOMER_EMAIL` and `CSTAR_CUSTOMER_PASSWORD` are set too, and never creates accounts on a
//! real team. Without `CSTAR_TEAM_SLUG` it starts the embedded emulator with a seeded team, signs a
//! new customer up, and plays the agent who answers the chat:
//!
//! ```sh
//! cargo run -p cstar --example customer_side --features library,auth,chat
//! ```

use std::process::ExitCode;
use std::time::Duration;

use cstar::admin::{CStarClient, CreateMessage};
use cstar::auth::{AuthClient, SessionEvent, SignupOutcome};
use cstar::chat::ChatClient;
use cstar::library::{LibraryClient, ListArticles};
use cstar_mock::MockServer;
use tokio::sync::mpsc;

type AnyError = Box<dyn std::error::Error + Send + Sync>;

/// How long the example waits for the agent's reply before it says so and moves on.
const REPLY_WAIT: Duration = Duration::from_secs(10);

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("customer_side failed: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Where the customer-facing clients point, and the emulator behind them when there is one.
struct Target {
    team: String,
    base_url: Option<String>,
    emulator: Option<MockServer>,
}

async fn target() -> Result<Target, AnyError> {
    if let Ok(team) = std::env::var("CSTAR_TEAM_SLUG") {
        if !team.trim().is_empty() {
            println!("Using the help centre and chat of team {team}");
            return Ok(Target {
                team,
                base_url: std::env::var("CSTAR_BASE_URL").ok(),
                emulator: None,
            });
        }
    }
    // The emulator's defaults: its customer-facing surfaces serve the environment of its secret
    // key, so the seed and the agent's replies land where customers read.
    let emulator = MockServer::builder().seed(24).start().await?;
    println!(
        "No CSTAR_TEAM_SLUG set: using the embedded cStar emulator at {} (team {})",
        emulator.base_url(),
        emulator.team_slug()
    );
    Ok(Target {
        team: emulator.team_slug().to_owned(),
        base_url: Some(emulator.base_url()),
        emulator: Some(emulator),
    })
}

async fn run() -> Result<(), AnyError> {
    let target = target().await?;
    help_centre(&target).await?;
    account(&target).await?;
    chat(&target).await?;
    Ok(())
}

/// The help centre: categories, the most read articles, a search, one article and its view.
async fn help_centre(target: &Target) -> cstar::Result<()> {
    let mut builder = LibraryClient::builder(&target.team);
    if let Some(url) = &target.base_url {
        builder = builder.base_url(url);
    }
    let library = builder.build()?;

    println!("\nHelp centre");
    for category in library.categories().await? {
        println!("  {} ({} articles)", category.name, category.article_count);
    }
    let popular = library
        .articles(ListArticles::new().popular().limit(3))
        .await?;
    for article in &popular.data {
        println!("  popular: {}", article.title);
    }
    let hits = library.search("password", Some(5)).await?;
    println!(
        "  a search for \"password\" found {} articles",
        hits.data.len()
    );
    if let Some(first) = hits.data.first() {
        let article = library.article(&first.slug).await?;
        library.record_view(&article.slug).await?;
        println!("  read \"{}\" and counted the view", article.title);
    }
    Ok(())
}

/// A customer account: signup on the emulator (or login with given credentials), the current
/// customer, and logout.
async fn account(target: &Target) -> cstar::Result<()> {
    let mut builder = AuthClient::builder(&target.team);
    if let Some(url) = &target.base_url {
        builder = builder.base_url(url);
    }
    let auth = builder.build()?;
    let _changes = auth.on_session_change(|change| match change {
        SessionEvent::SignedIn(customer) => println!("  (listener) {} signed in", customer.email),
        SessionEvent::Refreshed(_) => println!("  (listener) the access token was renewed"),
        SessionEvent::SignedOut => println!("  (listener) signed out"),
        _ => {}
    });

    println!("\nCustomer account");
    let given = std::env::var("CSTAR_CUSTOMER_EMAIL")
        .ok()
        .zip(std::env::var("CSTAR_CUSTOMER_PASSWORD").ok());
    match (given, target.emulator.is_some()) {
        (Some((email, password)), _) => {
            auth.login(&email, &password).await?;
        }
        (None, true) => {
            let email = "jane@example.com";
            match auth
                .signup(email, "correct horse battery", Some("Jane Doe"))
                .await?
            {
                SignupOutcome::SignedIn(session) => {
                    println!("  signed up as {}", session.customer.email);
                }
                SignupOutcome::ConfirmationPending { email } => {
                    println!("  confirmation mail sent to {email}; log in once confirmed");
                    return Ok(());
                }
                _ => return Ok(()),
            }
            auth.logout().await?;
            auth.login(email, "correct horse battery").await?;
        }
        (None, false) => {
            println!("  skipped: set CSTAR_CUSTOMER_EMAIL and CSTAR_CUSTOMER_PASSWORD to sign in");
            return Ok(());
        }
    }
    let me = auth.current_customer().await?;
    println!(
        "  signed in as {} <{}>",
        me.name.as_deref().unwrap_or("(no name)"),
        me.email
    );
    // The signed-in customer chats as themselves: the chat's customer is this account's
    // customer record (the one `identify` would find by email), and no identity is signed.
    let mut signed_in_chat = ChatClient::builder(&target.team).session(auth.clone());
    if let Some(url) = &target.base_url {
        signed_in_chat = signed_in_chat.base_url(url);
    }
    let signed_in_chat = signed_in_chat.build()?;
    signed_in_chat
        .create_conversation("Account question", "Can I change my email address?")
        .await?;
    println!(
        "  chatting as {}: {} conversation(s) of theirs",
        me.email,
        signed_in_chat.conversations().await?.data.len()
    );
    auth.logout().await?;
    println!("  signed out; signed in now: {}", auth.is_authenticated());
    Ok(())
}

/// An anonymous chat conversation with live replies.
async fn chat(target: &Target) -> cstar::Result<()> {
    let mut builder = ChatClient::builder(&target.team);
    if let Some(url) = &target.base_url {
        builder = builder.base_url(url);
    }
    let chat = builder.build()?;

    println!("\nChat");
    let conversation = chat
        .create_conversation("Order #1042", "Where is my parcel?")
        .await?;
    println!("  opened conversation {}", conversation.id);
    // Live over Server-Sent Events, polling as a fallback, or disconnected: for a "live" badge.
    let _status = chat.on_connection_change(|_conversation, state| {
        println!("  (connection) {state:?}");
    });
    let (replies, mut received) = mpsc::unbounded_channel();
    let _live = chat
        .on_message(&conversation.id, move |message| {
            // The receiver lives until the end of this function; a send after it is harmless.
            let _ = replies.send(message);
        })
        .await?;

    if let Some(emulator) = &target.emulator {
        // Play the agent: answer through the admin API, as the support team's inbox would.
        let agent = CStarClient::builder()
            .api_key(emulator.secret_key())
            .team_id(emulator.team_id())
            .base_url(emulator.base_url())
            .build()?;
        agent
            .tickets()
            .messages(conversation.id.as_str())
            .create(CreateMessage::new(
                "Hi! It left our warehouse this morning.",
            ))
            .await?;
    }

    match tokio::time::timeout(REPLY_WAIT, received.recv()).await {
        Ok(Some(message)) => println!(
            "  {} replied: {}",
            message
                .sender_name
                .as_deref()
                .unwrap_or(message.sender.as_str()),
            message.content
        ),
        Ok(None) | Err(_) => println!("  no reply within {} s", REPLY_WAIT.as_secs()),
    }
    chat.disconnect().await?;
    println!("  disconnected");
    Ok(())
}
