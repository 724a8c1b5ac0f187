//! Changes as they happen, for the article view: one Server-Sent Events
//! stream per open article (served by `api::events`). Each instance LISTENs once on PostgreSQL
//! (`store::live`) and fans the announcements out to its streams, so a
//! change made through any instance reaches every page. The 409 of a stale
//! write stays the guarantee; this only keeps pages fresh.

use crate::review::ArticleId;
use crate::store::live::{self, LiveEvent};
use actix_web::web::Bytes;
use futures_util::Stream;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::{broadcast, watch};
use tokio::time::{Instant, interval_at, sleep};

/// Events an instance holds for a stream that falls behind; past this the
/// stream is told to read the article again.
const BACKLOG: usize = 1024;
/// A comment line this often keeps proxies from closing an idle stream.
const KEEP_ALIVE: Duration = Duration::from_secs(20);
/// A stream ends after this; the browser reconnects by itself, and so
/// proves again that its session is still valid.
const STREAM_LIFETIME: Duration = Duration::from_secs(600);
/// How often an open stream asks whether its session still holds (logged
/// out, password changed, account disabled): a stream ends within this of
/// its session's end.
const SESSION_CHECK: Duration = Duration::from_secs(10);
/// An event is sent only if the session was found valid this recently;
/// else it is checked first.
const FRESH_CHECK: Duration = Duration::from_secs(2);

/// Whether the stream's session still holds; false ends the stream.
pub type SessionCheck = Box<dyn FnMut() -> futures_util::future::BoxFuture<'static, bool> + Send>;

#[derive(Debug, Clone)]
enum Message {
    Event(LiveEvent),
    /// Announcements may have been missed (the listening connection was
    /// lost): every page should read its article again.
    Resync,
}

/// The fan-out of one instance.
pub struct Live {
    tx: broadcast::Sender<Message>,
    closing: watch::Receiver<bool>,
}

impl Live {
    /// Starts listening on `database_url`, reconnecting after failures,
    /// until `closing` turns true (streams end then too, so a shutdown does
    /// not wait for open pages).
    pub fn start(database_url: String, closing: watch::Receiver<bool>) -> Live {
        let (tx, _) = broadcast::channel(BACKLOG);
        let sender = tx.clone();
        let mut stop = closing.clone();
        tokio::spawn(async move {
            let mut failures = 0u32;
            loop {
                let feed = sender.clone();
                let listening = live::follow(&database_url, move |e| {
                    let _ = feed.send(Message::Event(e));
                });
                let result = tokio::select! {
                    r = listening => r,
                    _ = stop.wait_for(|c| *c) => return,
                };
                if let Err(e) = result {
                    if failures == 0 {
                        tracing::warn!(error = %e, "live updates paused; reconnecting");
                    }
                    failures += 1;
                }
                let _ = sender.send(Message::Resync);
                let pause = Duration::from_millis(250 * u64::from(failures.min(20)));
                tokio::select! {
                    _ = sleep(pause) => {}
                    _ = stop.wait_for(|c| *c) => return,
                }
            }
        });
        Live { tx, closing }
    }

    /// The stream of one article's events, from now until it ends: after
    /// `STREAM_LIFETIME` or `valid_for` (the session's time left), when
    /// `session` says the session no longer holds, or at shutdown. Nothing
    /// reaches a session after it ended: an event waits for a check newer
    /// than `FRESH_CHECK`.
    pub fn stream(
        &self,
        article: ArticleId,
        valid_for: Duration,
        session: SessionCheck,
    ) -> impl Stream<Item = Result<Bytes, Infallible>> + use<> {
        let now = Instant::now();
        let feed = Feed {
            article,
            rx: self.tx.subscribe(),
            closing: self.closing.clone(),
            keep_alive: interval_at(now + KEEP_ALIVE, KEEP_ALIVE),
            session_check: interval_at(now + SESSION_CHECK, SESSION_CHECK),
            session,
            checked: now,
            ends: now + STREAM_LIFETIME.min(valid_for),
            opened: false,
        };
        futures_util::stream::unfold(feed, |mut f| async move {
            f.next().await.map(|b| (Ok::<_, Infallible>(b), f))
        })
    }
}

fn frame(event: &str, data: &str) -> Bytes {
    Bytes::from(format!("event: {event}\ndata: {data}\n\n"))
}

struct Feed {
    article: ArticleId,
    rx: broadcast::Receiver<Message>,
    closing: watch::Receiver<bool>,
    keep_alive: tokio::time::Interval,
    session_check: tokio::time::Interval,
    session: SessionCheck,
    /// When the session was last found valid.
    checked: Instant,
    ends: Instant,
    opened: bool,
}

impl Feed {
    async fn session_holds(&mut self) -> bool {
        let holds = (self.session)().await;
        if holds {
            self.checked = Instant::now();
        }
        holds
    }

    /// The next chunk of the stream, or `None` when it ends.
    async fn next(&mut self) -> Option<Bytes> {
        if !self.opened {
            self.opened = true;
            return Some(Bytes::from_static(b"retry: 2000\n: connected\n\n"));
        }
        enum Next {
            End,
            Send(Bytes),
            Check,
            Event(Box<LiveEvent>),
            Nothing,
        }
        loop {
            let next = tokio::select! {
                _ = self.closing.wait_for(|c| *c) => Next::End,
                _ = tokio::time::sleep_until(self.ends) => Next::End,
                _ = self.keep_alive.tick() => Next::Send(Bytes::from_static(b": keep-alive\n\n")),
                _ = self.session_check.tick() => Next::Check,
                m = self.rx.recv() => match m {
                    Ok(Message::Event(e)) if e.article_id == self.article.0 => Next::Event(Box::new(e)),
                    Ok(Message::Event(_)) => Next::Nothing,
                    Ok(Message::Resync) | Err(broadcast::error::RecvError::Lagged(_)) => {
                        Next::Send(frame("resync", "{}"))
                    }
                    Err(broadcast::error::RecvError::Closed) => Next::End,
                },
            };
            match next {
                Next::End => return None,
                Next::Send(b) => return Some(b),
                Next::Check => {
                    if !self.session_holds().await {
                        return None;
                    }
                }
                Next::Event(e) => {
                    if self.checked.elapsed() > FRESH_CHECK && !self.session_holds().await {
                        return None;
                    }
                    let data = serde_json::to_string(&e).unwrap_or_default();
                    return Some(frame("claim", &data));
                }
                Next::Nothing => {}
            }
        }
    }
}
