//! A bounded load test of a running server (issue 15's bar), loopback
//! only: `connections` clients for `seconds` seconds, mixed reads and
//! writes as a desk makes them (lists, claims, similar claims, history,
//! articles, verdict-note edits with their version, comments, and now and
//! then a re-extraction of an article being edited). Prints per request
//! kind the count, statuses, p50 and p99, and the server's RSS before,
//! during (peak) and after; exits 1 when any response was a 5xx.
//! Run by `scripts/bench-load.sh`, which starts the server.
//! Usage: `cargo run --release --example load -- BASE EMAIL PASSWORD SECONDS CONNECTIONS SERVER_PID`

use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Default)]
struct Tally {
    latencies: Vec<f64>,
    statuses: BTreeMap<u16, usize>,
}

type Tallies = Arc<Mutex<BTreeMap<&'static str, Tally>>>;

fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_owned))
        })
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn mb(kb: u64) -> String {
    format!("{:.1} MB", kb as f64 / 1024.0)
}

/// Articles to work on: news-like text with attributed and plain claims.
fn article(k: usize) -> String {
    let names = [
        "Dana Whitfield",
        "Ray Okafor",
        "Maria Silva",
        "the minister",
        "Officials",
    ];
    let verbs = ["said", "argued", "claimed", "denied", "warned"];
    let topics = [
        "the budget",
        "unemployment",
        "rents",
        "the new bridge",
        "hospital waits",
        "exports",
    ];
    let mut out = format!("Load test report {k}\n\n");
    for i in 0..60 {
        let (n, v, t) = (
            names[(i + k) % 5],
            verbs[(i * 3 + k) % 5],
            topics[(i * 7 + k) % 6],
        );
        match i % 3 {
            0 => {
                out += &format!(
                    "{n} {v} that {t} rose {} percent in {}. ",
                    i % 40 + 2,
                    1990 + (i + k) % 35
                )
            }
            1 => out += &format!("\u{201c}{t} will not wait,\u{201d} {n} {v}. "),
            _ => out += &format!("{t} grew by {} million last year. ", i * 13 % 900 + k),
        }
        if i % 5 == 4 {
            out += "\n\n";
        }
    }
    out
}

async fn timed(
    tallies: &Tallies,
    kind: &'static str,
    req: reqwest::RequestBuilder,
) -> Option<(u16, Value)> {
    let t = Instant::now();
    let resp = req.send().await;
    let (status, body) = match resp {
        Ok(r) => {
            let s = r.status().as_u16();
            (s, r.json::<Value>().await.unwrap_or(Value::Null))
        }
        Err(_) => (0, Value::Null),
    };
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let mut all = tallies.lock().unwrap();
    let tally = all.entry(kind).or_default();
    tally.latencies.push(ms);
    *tally.statuses.entry(status).or_default() += 1;
    Some((status, body))
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, email, password, seconds, connections, pid] = &args[..] else {
        eprintln!("usage: load BASE EMAIL PASSWORD SECONDS CONNECTIONS SERVER_PID");
        std::process::exit(2);
    };
    let api = format!("{base}/api/v1");
    let seconds: u64 = seconds.parse().expect("seconds");
    let connections: usize = connections.parse().expect("connections");
    let pid: u32 = pid.parse().expect("pid");
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(connections)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let login: Value = client
        .post(format!("{api}/auth/login"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .expect("the server answers")
        .json()
        .await
        .unwrap();
    let token = login["token"].as_str().expect("signed in").to_owned();
    let auth = format!("Bearer {token}");

    // Twenty articles, then their claims.
    let mut articles = Vec::new();
    for k in 0..20 {
        let r: Value = client
            .post(format!("{api}/articles"))
            .header("authorization", &auth)
            .json(&json!({"title": format!("Load {k}"), "body": article(k)}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let Some(id) = r["article"]["id"].as_str() else {
            eprintln!("adding an article failed: {r}");
            std::process::exit(2);
        };
        articles.push(id.to_owned());
    }
    let mut claims: Vec<String> = Vec::new();
    let mut after = String::new();
    loop {
        let page: Value = client
            .get(format!("{api}/claims?limit=100&after={after}"))
            .header("authorization", &auth)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let Some(items) = page["items"].as_array() else {
            eprintln!("listing claims failed: {page}");
            std::process::exit(2);
        };
        claims.extend(items.iter().map(|c| c["id"].as_str().unwrap().to_owned()));
        match page["next_cursor"].as_str() {
            Some(next) if claims.len() < 2_000 => after = next.to_owned(),
            _ => break,
        }
    }
    println!(
        "  {} articles, {} claims; {connections} connections for {seconds} s",
        articles.len(),
        claims.len()
    );
    tokio::time::sleep(Duration::from_secs(1)).await;
    let before = rss_kb(pid);

    let tallies: Tallies = Arc::default();
    let peak = Arc::new(Mutex::new(before));
    let end = Instant::now() + Duration::from_secs(seconds);
    let sampler = {
        let peak = peak.clone();
        tokio::spawn(async move {
            while Instant::now() < end {
                let now = rss_kb(pid);
                {
                    let mut p = peak.lock().unwrap();
                    *p = (*p).max(now);
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
    };
    let (articles, claims) = (Arc::new(articles), Arc::new(claims));
    let mut workers = Vec::new();
    for w in 0..connections {
        let (client, api, auth) = (client.clone(), api.clone(), auth.clone());
        let (articles, claims, tallies) = (articles.clone(), claims.clone(), tallies.clone());
        workers.push(tokio::spawn(async move {
            let statuses = ["unreviewed", "in_progress", "verdict_proposed", "approved"];
            let mut i = w * 7919;
            while Instant::now() < end {
                i += 1;
                let claim = &claims[(i * 31) % claims.len()];
                let article = &articles[(i * 17) % articles.len()];
                let get = |path: String| client.get(format!("{api}{path}")).header("authorization", &auth);
                match i % 100 {
                    0..=29 => {
                        let s = statuses[i % 4];
                        timed(&tallies, "GET /claims (filtered page)", get(format!("/claims?status={s}&limit=50"))).await;
                    }
                    30..=44 => {
                        timed(&tallies, "GET /claims/{id}", get(format!("/claims/{claim}"))).await;
                    }
                    45..=54 => {
                        timed(&tallies, "GET /claims/{id}/similar", get(format!("/claims/{claim}/similar?limit=10"))).await;
                    }
                    55..=62 => {
                        timed(&tallies, "GET /claims/{id}/history", get(format!("/claims/{claim}/history"))).await;
                    }
                    63..=69 => {
                        timed(&tallies, "GET /articles/{id}", get(format!("/articles/{article}"))).await;
                    }
                    70..=89 => {
                        // Read the version, then edit: a 409 is a lost race,
                        // which the API answers as it should.
                        let Some((200, c)) = timed(&tallies, "GET /claims/{id}", get(format!("/claims/{claim}"))).await else { continue };
                        let req = client
                            .patch(format!("{api}/claims/{claim}"))
                            .header("authorization", &auth)
                            .json(&json!({"version": c["version"], "verdict_note": format!("note {i}")}));
                        timed(&tallies, "PATCH /claims/{id} (note)", req).await;
                    }
                    90..=98 => {
                        let req = client
                            .post(format!("{api}/claims/{claim}/comments"))
                            .header("authorization", &auth)
                            .json(&json!({"body": format!("comment {i}")}));
                        timed(&tallies, "POST /claims/{id}/comments", req).await;
                    }
                    _ => {
                        let req = client
                            .post(format!("{api}/articles/{article}/reextract"))
                            .header("authorization", &auth);
                        timed(&tallies, "POST /articles/{id}/reextract", req).await;
                    }
                }
            }
        }));
    }
    for w in workers {
        w.await.unwrap();
    }
    sampler.await.unwrap();
    let during = *peak.lock().unwrap();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = rss_kb(pid);

    let all = tallies.lock().unwrap();
    let mut failures = 0;
    let mut total = 0;
    println!(
        "  {:<32} {:>7} {:>9} {:>9}  statuses",
        "request", "count", "p50", "p99"
    );
    for (kind, t) in all.iter() {
        let mut l = t.latencies.clone();
        l.sort_by(f64::total_cmp);
        let q = |p: f64| l[((l.len() as f64 * p) as usize).min(l.len() - 1)];
        failures += t
            .statuses
            .iter()
            .filter(|(s, _)| **s >= 500 || **s == 0)
            .map(|(_, n)| n)
            .sum::<usize>();
        total += l.len();
        let statuses: Vec<String> = t.statuses.iter().map(|(s, n)| format!("{s}×{n}")).collect();
        println!(
            "  {kind:<32} {:>7} {:>6.1} ms {:>6.1} ms  {}",
            l.len(),
            q(0.5),
            q(0.99),
            statuses.join(" ")
        );
    }
    println!(
        "  {total} requests, {:.0}/s; 5xx or no answer: {failures}",
        total as f64 / seconds as f64
    );
    println!(
        "  server RSS: before {}, peak during {}, 2 s after {}",
        mb(before),
        mb(during),
        mb(after)
    );
    if failures > 0 {
        std::process::exit(1);
    }
}
