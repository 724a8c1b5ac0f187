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

    /// The stream of one article's events, from now until it ends (after
    /// `STREAM_LIFETIME`, or at shutdown).
    pub fn stream(
        &self,
        article: ArticleId,
    ) -> impl Stream<Item = Result<Bytes, Infallible>> + use<> {
        let feed = Feed {
            article,
            rx: self.tx.subscribe(),
            closing: self.closing.clone(),
            keep_alive: interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE),
            ends: Instant::now() + STREAM_LIFETIME,
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
    ends: Instant,
    opened: bool,
}

impl Feed {
    /// The next chunk of the stream, or `None` when it ends.
    async fn next(&mut self) -> Option<Bytes> {
        if !self.opened {
            self.opened = true;
            return Some(Bytes::from_static(b"retry: 2000\n: connected\n\n"));
        }
        loop {
            tokio::select! {
                _ = self.closing.wait_for(|c| *c) => return None,
                _ = tokio::time::sleep_until(self.ends) => return None,
                _ = self.keep_alive.tick() => return Some(Bytes::from_static(b": keep-alive\n\n")),
                m = self.rx.recv() => match m {
                    Ok(Message::Event(e)) if e.article_id == self.article.0 => {
                        let data = serde_json::to_string(&e).unwrap_or_default();
                        return Some(frame("claim", &data));
                    }
                    Ok(Message::Event(_)) => {}
                    Ok(Message::Resync) | Err(broadcast::error::RecvError::Lagged(_)) => {
                        return Some(frame("resync", "{}"));
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
            }
        }
    }
}
