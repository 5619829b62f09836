//! The `text/event-stream` format, fed in arbitrary chunks, as the WHATWG HTML standard
//! describes its interpretation: lines end in CR, LF or CRLF; `:` starts a comment; a blank line
//! dispatches the event gathered so far.

use std::time::Duration;

use super::StreamError;

/// The longest line accepted: a server that never ends its line must not grow memory without
/// bound. Event payloads are JSON envelopes far below this.
pub const MAX_LINE: usize = 1024 * 1024;

/// One dispatched event.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SseEvent {
    /// The `id:` field of this event, if it had one.
    pub id: Option<String>,
    /// The `event:` field; `message` when the server sent none.
    pub event: String,
    /// The `data:` lines joined by `\n`.
    pub data: String,
}

/// An incremental parser: feed it bytes as they arrive, take events as they complete.
#[derive(Debug, Default)]
pub struct SseParser {
    /// The current, unfinished line.
    line: Vec<u8>,
    /// The previous chunk ended in CR, so an LF starting this one belongs to it.
    after_cr: bool,
    /// Whether the byte-order mark at the very start has been dealt with.
    started: bool,
    data: String,
    has_data: bool,
    event: Option<String>,
    id: Option<String>,
    /// The last `id:` seen on any event, which a reconnect sends as `Last-Event-ID`.
    last_event_id: Option<String>,
    retry: Option<Duration>,
}

impl SseParser {
    /// A parser at the start of a stream.
    pub fn new() -> Self {
        Self::default()
    }

    /// The last event id the stream set (`id:` persists across events, as in the standard).
    pub fn last_event_id(&self) -> Option<&str> {
        self.last_event_id.as_deref()
    }

    /// The reconnection delay the server asked for with `retry:`, if any.
    pub fn retry(&self) -> Option<Duration> {
        self.retry
    }

    /// Parses a chunk, appending every event it completes to `out`.
    ///
    /// # Errors
    ///
    /// [`StreamError::LineTooLong`] when a line grows past [`MAX_LINE`] bytes; the parser
    /// should then be dropped with its connection.
    pub fn feed(&mut self, mut chunk: &[u8], out: &mut Vec<SseEvent>) -> Result<(), StreamError> {
        if !self.started && !chunk.is_empty() {
            self.started = true;
            chunk = chunk.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(chunk);
        }
        for &byte in chunk {
            let after_cr = std::mem::take(&mut self.after_cr);
            match byte {
                b'\n' if after_cr => {}
                b'\n' => self.end_line(out),
                b'\r' => {
                    self.after_cr = true;
                    self.end_line(out);
                }
                _ => {
                    if self.line.len() == MAX_LINE {
                        return Err(StreamError::LineTooLong { limit: MAX_LINE });
                    }
                    self.line.push(byte);
                }
            }
        }
        Ok(())
    }

    fn end_line(&mut self, out: &mut Vec<SseEvent>) {
        let line = std::mem::take(&mut self.line);
        if line.is_empty() {
            self.dispatch(out);
            return;
        }
        if line[0] == b':' {
            return;
        }
        let text = String::from_utf8_lossy(&line);
        let (field, value) = match text.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (text.as_ref(), ""),
        };
        match field {
            "data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(value);
                self.has_data = true;
            }
            "event" => self.event = Some(value.to_owned()),
            // The standard ignores ids containing NUL, which could not be sent back in a header.
            "id" if !value.contains('\0') => self.id = Some(value.to_owned()),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                if let Ok(ms) = value.parse::<u64>() {
                    self.retry = Some(Duration::from_millis(ms));
                }
            }
            _ => {}
        }
    }

    fn dispatch(&mut self, out: &mut Vec<SseEvent>) {
        let id = self.id.take();
        if id.is_some() {
            self.last_event_id.clone_from(&id);
        }
        let event = self.event.take();
        if !std::mem::take(&mut self.has_data) {
            return;
        }
        out.push(SseEvent {
            id: id.or_else(|| self.last_event_id.clone()),
            event: event
                .filter(|e| !e.is_empty())
                .unwrap_or_else(|| "message".to_owned()),
            data: std::mem::take(&mut self.data),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_in_pieces(input: &[u8], piece: usize) -> Vec<SseEvent> {
        let mut parser = SseParser::new();
        let mut out = Vec::new();
        for chunk in input.chunks(piece.max(1)) {
            parser.feed(chunk, &mut out).unwrap();
        }
        out
    }

    #[test]
    fn any_chunking_and_line_ending_gives_the_same_events() {
        let lf = b"\xEF\xBB\xBF: hi\nid: evt_1\nevent: ticket.created\ndata: {\"a\":1}\n\n\
                   data: x\ndata:y\n\nretry: 250\n\n";
        let crlf: Vec<u8> = String::from_utf8_lossy(lf)
            .replace('\n', "\r\n")
            .into_bytes();
        let cr: Vec<u8> = String::from_utf8_lossy(lf).replace('\n', "\r").into_bytes();
        let expected = vec![
            SseEvent {
                id: Some("evt_1".into()),
                event: "ticket.created".into(),
                data: "{\"a\":1}".into(),
            },
            SseEvent {
                id: Some("evt_1".into()),
                event: "message".into(),
                data: "x\ny".into(),
            },
        ];
        for input in [lf.to_vec(), crlf, cr] {
            for piece in [1, 2, 3, 7, 64, 4096] {
                assert_eq!(parse_in_pieces(&input, piece), expected, "piece {piece}");
            }
        }
        let mut parser = SseParser::new();
        parser.feed(lf, &mut Vec::new()).unwrap();
        assert_eq!(parser.retry(), Some(Duration::from_millis(250)));
        assert_eq!(parser.last_event_id(), Some("evt_1"));
    }

    #[test]
    fn events_without_data_and_unfinished_events_are_not_dispatched() {
        assert!(parse_in_pieces(b"id: 1\nevent: x\n\n", 5).is_empty());
        assert!(parse_in_pieces(b"data: never finished\n", 5).is_empty());
        assert!(parse_in_pieces(b"retry: soon\nbogus\n\n", 5).is_empty());
    }

    #[test]
    fn an_endless_line_is_an_error_not_a_memory_leak() {
        let mut parser = SseParser::new();
        let chunk = vec![b'a'; 64 * 1024];
        let mut out = Vec::new();
        let mut result = Ok(());
        for _ in 0..=(MAX_LINE / chunk.len()) {
            result = parser.feed(&chunk, &mut out);
            if result.is_err() {
                break;
            }
        }
        assert!(matches!(result, Err(StreamError::LineTooLong { .. })));
    }

    #[test]
    fn invalid_utf8_is_replaced_not_fatal() {
        let events = parse_in_pieces(b"data: \xFF\xFE ok\n\n", 3);
        assert_eq!(events.len(), 1);
        assert!(events[0].data.ends_with(" ok"));
    }
}
