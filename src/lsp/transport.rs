//! The wire: JSON-RPC messages framed by `Content-Length` headers, read on a thread of their
//! own and written by the server's loop.
//!
//! The reader never gives up on a bad frame: a body that is not JSON, a message that is not a
//! JSON-RPC request, response or notification, a missing or oversized length all become
//! [`Incoming::Malformed`], which the loop answers with a JSON-RPC error, and reading goes on.
//! (lsp-server's own reader thread stops at the first such frame, which would end the server;
//! its message types are used as they are.) Nothing here knows about documents or lint.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::sync::mpsc::{self, Receiver, SyncSender};

use lsp_server::{ErrorCode, Message};
use serde_json::Value;

use crate::i18n::{t, Localized};

/// The longest header line read; a longer one is malformed.
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// The largest message body read: room for the largest plan planlint checks
/// ([`crate::run::MAX_PLAN_BYTES`]), escaped as JSON. A larger body is skipped unread.
pub(super) const MAX_BODY: usize = 4 * 64_000_000;

/// What the reader hands the loop.
#[derive(Debug)]
pub(super) enum Incoming {
    /// A well-formed message.
    Message(Message),
    /// A frame that is no JSON-RPC message, to be answered with an error (`id` null when the
    /// frame did not carry a usable one).
    Malformed {
        /// The request's id, when the frame had one.
        id: Option<Value>,
        /// The JSON-RPC error code.
        code: ErrorCode,
        /// What was wrong, for the client's log.
        message: Localized,
    },
    /// The input ended (the client went away).
    End,
}

/// Starts the reader thread on `input`; its messages arrive on the returned channel. The
/// thread is not joined: it may be blocked in a read when the server exits.
pub(super) fn spawn_reader(input: impl Read + Send + 'static) -> io::Result<Receiver<Incoming>> {
    // A small bound: the reader stays at most a few messages ahead of the loop.
    let (tx, rx) = mpsc::sync_channel(16);
    std::thread::Builder::new()
        .name("planlint-lsp-reader".to_owned())
        .spawn(move || read_all(BufReader::new(input), &tx))?;
    Ok(rx)
}

fn read_all(mut input: impl BufRead, tx: &SyncSender<Incoming>) {
    loop {
        let incoming = match read_frame(&mut input) {
            Ok(Some(frame)) => frame,
            Ok(None) | Err(_) => Incoming::End,
        };
        let is_end = matches!(incoming, Incoming::End);
        let is_exit =
            matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if tx.send(incoming).is_err() || is_end || is_exit {
            return;
        }
    }
}

/// Reads one frame: `None` at the end of input before a frame starts.
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let mut length: Option<Result<usize, Localized>> = None;
    let mut any_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if read == 0 {
            if any_header {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            return Ok(None);
        }
        if line.last() != Some(&b'\n') {
            // Too long: skip the rest of the line, then report the frame.
            skip_line(input)?;
            length = Some(Err(t(
                "en rad i meddelandets huvud är för lång",
                "a header line is too long",
            )));
            any_header = true;
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if any_header {
                break;
            }
            // Blank lines between frames are tolerated.
            continue;
        }
        any_header = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(value.trim().parse::<usize>().map_err(|_| {
                    let v = value.trim();
                    t(
                        format!("huvudet Content-Length `{v}` är inget tal"),
                        format!("the Content-Length header `{v}` is not a number"),
                    )
                }));
            }
        }
    }
    let length = match length {
        Some(Ok(n)) => n,
        Some(Err(why)) => return Ok(Some(malformed(None, ErrorCode::ParseError, why))),
        None => {
            return Ok(Some(malformed(
                None,
                ErrorCode::ParseError,
                t(
                    "meddelandet saknar huvudet Content-Length",
                    "the message has no Content-Length header",
                ),
            )))
        }
    };
    if length > MAX_BODY {
        io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        return Ok(Some(malformed(
            None,
            ErrorCode::InvalidRequest,
            t(
                format!("meddelandet är {length} byte långt; planlint läser högst {MAX_BODY} byte"),
                format!(
                    "the message is {length} bytes long; the most planlint reads is {MAX_BODY}"
                ),
            ),
        )));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(parse(&body)))
}

/// Reads past the next line feed (or to the end of input), a buffer at a time: the line is
/// never held, however long a client makes it.
fn skip_line(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = match input.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(());
        }
        let end = memchr::memchr(b'\n', buf);
        let n = end.map_or(buf.len(), |i| i + 1);
        input.consume(n);
        if end.is_some() {
            return Ok(());
        }
    }
}

fn malformed(id: Option<Value>, code: ErrorCode, message: Localized) -> Incoming {
    Incoming::Malformed { id, code, message }
}

/// A body as a message, or why it is none.
fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return malformed(
                None,
                ErrorCode::ParseError,
                t(
                    format!("meddelandet är inte JSON: {e}"),
                    format!("the message is not JSON: {e}"),
                ),
            )
        }
    };
    let Value::Object(fields) = &value else {
        return malformed(
            None,
            ErrorCode::InvalidRequest,
            t(
                "ett meddelande måste vara ett JSON-objekt (buntar av meddelanden ingår inte i protokollet)",
                "a message must be a JSON object (batches are not part of the protocol)",
            ),
        );
    };
    // The id as given, echoed in an error when it is one JSON-RPC allows.
    let id = fields.get("id").cloned();
    let echo = id.clone().filter(|v| v.is_number() || v.is_string());
    if let Some(method) = fields.get("method") {
        if !method.is_string() {
            return malformed(
                echo,
                ErrorCode::InvalidRequest,
                t("`method` måste vara en sträng", "`method` must be a string"),
            );
        }
        let usable_id = match &id {
            None | Some(Value::String(_)) => true,
            Some(Value::Number(n)) => n.as_i64().and_then(|n| i32::try_from(n).ok()).is_some(),
            Some(_) => false,
        };
        if !usable_id {
            return malformed(
                echo,
                ErrorCode::InvalidRequest,
                t(
                    "en begärans `id` måste vara en sträng eller ett heltal",
                    "a request's `id` must be a string or an integer",
                ),
            );
        }
        if let Some(params) = fields.get("params") {
            if !params.is_object() && !params.is_array() && !params.is_null() {
                return malformed(
                    echo,
                    ErrorCode::InvalidRequest,
                    t(
                        "`params` måste vara ett objekt eller en lista",
                        "`params` must be an object or an array",
                    ),
                );
            }
        }
    }
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(e) => malformed(
            echo,
            ErrorCode::InvalidRequest,
            t(
                format!("varken en JSON-RPC-begäran, ett svar eller en notifiering: {e}"),
                format!("not a JSON-RPC request, response or notification: {e}"),
            ),
        ),
    }
}

/// Writes `message` in one frame and flushes.
pub(super) fn send(out: &mut dyn Write, message: &Message) -> io::Result<()> {
    message.write(&mut &mut *out)?;
    out.flush()
}

/// Writes an error response with an id that may be null (lsp-server's response needs one).
pub(super) fn send_error(
    out: &mut dyn Write,
    id: Option<Value>,
    code: ErrorCode,
    message: &str,
) -> io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id.unwrap_or(Value::Null),
        "error": { "code": code as i32, "message": message },
    })
    .to_string();
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::{parse, read_frame, Incoming};
    use lsp_server::{ErrorCode, Message};

    fn frames(input: &str) -> Vec<Incoming> {
        let mut reader = std::io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        while let Ok(Some(frame)) = read_frame(&mut reader) {
            out.push(frame);
        }
        out
    }

    #[test]
    fn a_bad_frame_is_reported_and_the_next_one_is_read() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!(
            "Content-Length: 5\r\n\r\n{{oops\
             Content-Type: x\r\n\r\n\
             Content-Length: {}\r\n\r\n{good}",
            good.len()
        );
        let got = frames(&input);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(matches!(
            got[0],
            Incoming::Malformed {
                code: ErrorCode::ParseError,
                ..
            }
        ));
        assert!(matches!(
            got[1],
            Incoming::Malformed {
                code: ErrorCode::ParseError,
                ..
            }
        ));
        assert!(
            matches!(&got[2], Incoming::Message(Message::Notification(n)) if n.method == "initialized")
        );
    }

    /// A header line of `len` bytes without a line feed, then a good frame, made as it is
    /// read: the test holds none of it either.
    struct LongLine {
        len: usize,
        at: usize,
        tail: Vec<u8>,
    }

    impl std::io::Read for LongLine {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.at < self.len {
                let n = buf.len().min(self.len - self.at);
                buf[..n].fill(b'x');
                self.at += n;
                return Ok(n);
            }
            let done = self.at - self.len;
            let n = buf.len().min(self.tail.len() - done);
            buf[..n].copy_from_slice(&self.tail[done..done + n]);
            self.at += n;
            Ok(n)
        }
    }

    #[test]
    fn an_overlong_header_line_is_refused_and_the_next_frame_read() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let tail = format!("\r\n\r\nContent-Length: {}\r\n\r\n{good}", good.len());
        let mut reader = std::io::BufReader::new(LongLine {
            len: 64 * 1024 * 1024,
            at: 0,
            tail: tail.into_bytes(),
        });
        let first = read_frame(&mut reader).expect("read").expect("a frame");
        assert!(
            matches!(
                first,
                Incoming::Malformed {
                    code: ErrorCode::ParseError,
                    ..
                }
            ),
            "{first:?}"
        );
        let second = read_frame(&mut reader).expect("read").expect("a frame");
        assert!(
            matches!(&second, Incoming::Message(Message::Notification(n)) if n.method == "initialized"),
            "{second:?}"
        );
    }

    #[test]
    fn ids_that_json_rpc_does_not_allow_are_invalid_requests() {
        for body in [
            r#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","id":null,"method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","id":3,"method":7}"#,
            r#"[{"jsonrpc":"2.0","id":3,"method":"shutdown"}]"#,
        ] {
            assert!(
                matches!(
                    parse(body.as_bytes()),
                    Incoming::Malformed {
                        code: ErrorCode::InvalidRequest,
                        ..
                    }
                ),
                "{body}"
            );
        }
        assert!(matches!(
            parse(br#"{"jsonrpc":"2.0","id":"a","method":"shutdown"}"#),
            Incoming::Message(Message::Request(_))
        ));
    }
}
