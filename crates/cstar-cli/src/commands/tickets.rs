//! `cstar tickets list | get | create`: typed shortcuts for the most used family.

use std::io::{IsTerminal, Write};

use clap::{Args, Subcommand};
use cstar_admin::{CreateTicket, ListTickets, Priority, Ticket, TicketStatus};
use futures_util::StreamExt;
use serde_json::json;

use crate::credentials;
use crate::error::CliError;
use crate::output::{Output, line};

#[derive(Debug, Args)]
pub(crate) struct TicketsArgs {
    #[command(subcommand)]
    command: TicketsCommand,
}

#[derive(Debug, Subcommand)]
enum TicketsCommand {
    /// Lists tickets, newest first: one page, or every page with --all.
    List {
        /// Only tickets with this status (open, pending, resolved, closed, ...).
        #[arg(long)]
        status: Option<String>,
        /// Only tickets with this priority (low, normal, high, urgent).
        #[arg(long)]
        priority: Option<String>,
        /// Text to find in the title or the customer's name.
        #[arg(long)]
        search: Option<String>,
        /// Walks every page (a progress count goes to stderr).
        #[arg(long)]
        all: bool,
        /// Tickets per page (at most 100).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100))]
        page_size: Option<u32>,
    },
    /// Shows one ticket with its messages.
    Get {
        /// The ticket's id (tkt_...).
        id: String,
    },
    /// Creates a ticket.
    Create {
        /// The subject.
        #[arg(long)]
        title: String,
        /// low, normal, high or urgent.
        #[arg(long)]
        priority: Option<String>,
        /// The customer it belongs to.
        #[arg(long, value_name = "ID")]
        customer_id: Option<String>,
        /// A tag; repeat for more.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Internal notes.
        #[arg(long)]
        notes: Option<String>,
    },
}

pub(crate) async fn run(args: TicketsArgs, out: Output) -> Result<(), CliError> {
    let client = credentials::client()?;
    match args.command {
        TicketsCommand::List {
            status,
            priority,
            search,
            all,
            page_size,
        } => {
            let mut params = ListTickets::new();
            if let Some(status) = status {
                params = params.status(TicketStatus::from(status.as_str()));
            }
            if let Some(priority) = priority {
                params = params.priority(Priority::from(priority.as_str()));
            }
            if let Some(search) = search {
                params = params.search(search);
            }
            if let Some(size) = page_size {
                params = params.page_size(size);
            }
            let tickets = if all {
                walk_all(client.tickets().list_all(params)).await?
            } else {
                client.tickets().list(params).await?.data
            };
            if out.is_json() {
                return out.result("", &tickets);
            }
            if tickets.is_empty() {
                return line("No tickets.");
            }
            for ticket in &tickets {
                line(&row(ticket))?;
            }
            Ok(())
        }
        TicketsCommand::Get { id } => {
            let ticket = client.tickets().get(id.as_str()).await?;
            out.result(&details(&ticket), &ticket)
        }
        TicketsCommand::Create {
            title,
            priority,
            customer_id,
            tags,
            notes,
        } => {
            let mut params = CreateTicket::new(title);
            if let Some(priority) = priority {
                params = params.priority(Priority::from(priority.as_str()));
            }
            if let Some(id) = customer_id {
                params = params.customer_id(id);
            }
            for tag in tags {
                params = params.tag(tag);
            }
            if let Some(notes) = notes {
                params = params.notes(notes);
            }
            let ticket = client.tickets().create(params).await?;
            let human = format!(
                "Created {} {:?} ({}, {} priority).",
                ticket.id, ticket.title, ticket.status, ticket.priority
            );
            out.result(&human, &json!(ticket))
        }
    }
}

/// Every ticket of every page, counting on stderr as they come.
async fn walk_all(mut stream: cstar_admin::ItemStream<Ticket>) -> Result<Vec<Ticket>, CliError> {
    let terminal = std::io::stderr().is_terminal();
    let mut tickets = Vec::new();
    while let Some(ticket) = stream.next().await {
        tickets.push(ticket?);
        // On a terminal the count updates in place; in a log, a line per hundred.
        if terminal {
            eprint!("\rFetched {}", count(tickets.len()));
            let _ = std::io::stderr().flush();
        } else if tickets.len() % 100 == 0 {
            eprintln!("Fetched {}", count(tickets.len()));
        }
    }
    let start = if terminal { "\r" } else { "" };
    eprintln!("{start}Fetched {}, done.", count(tickets.len()));
    Ok(tickets)
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 ticket".to_owned()
    } else {
        format!("{n} tickets")
    }
}

fn row(ticket: &Ticket) -> String {
    format!(
        "{}  {:<9} {:<7} {}{}",
        ticket.id,
        ticket.status.as_str(),
        ticket.priority.as_str(),
        ticket.title,
        ticket
            .customer_name
            .as_deref()
            .map(|name| format!("  ({name})"))
            .unwrap_or_default()
    )
}

fn details(ticket: &Ticket) -> String {
    let mut text = format!(
        "{} {:?}\nStatus {}, priority {}, created {}.",
        ticket.id,
        ticket.title,
        ticket.status,
        ticket.priority,
        when(ticket.created_at.as_ref())
    );
    if let Some(name) = &ticket.customer_name {
        text.push_str(&format!("\nCustomer {name}."));
    }
    if !ticket.tags.is_empty() {
        text.push_str(&format!("\nTags: {}.", ticket.tags.join(", ")));
    }
    for message in &ticket.messages {
        text.push_str(&format!("\n\n{}", message_line(message)));
    }
    text
}

fn message_line(message: &cstar_admin::Message) -> String {
    let who = message
        .sender_name
        .clone()
        .unwrap_or_else(|| message.sender.to_string());
    format!(
        "{who}, {}: {}",
        when(message.created_at.as_ref()),
        message.content
    )
}

/// A timestamp as sent, or `?` when the API left it out.
fn when(at: Option<&cstar_admin::Timestamp>) -> String {
    at.map_or_else(|| "?".to_owned(), ToString::to_string)
}
