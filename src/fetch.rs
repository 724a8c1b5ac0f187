//! Fetching an article page by URL without becoming a proxy into the
//! newsroom's own network (SSRF). Every hop, redirects included, must be
//! http(s) and reach only public addresses: host names are resolved here and
//! every resolved address checked, and the connection goes to those checked
//! addresses, so a DNS answer cannot change between check and use.

use crate::config::FetchSettings;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use url::{Host, Url};

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{0}")]
    InvalidUrl(String),
    #[error(
        "{host} is {ip}, a loopback, private or otherwise non-public address; fetching it is not allowed"
    )]
    ForbiddenAddress { host: String, ip: IpAddr },
    #[error("the page is larger than the limit of {limit} bytes")]
    TooLarge { limit: usize },
    #[error("{0}")]
    Failed(String),
}

/// A fetched page.
#[derive(Debug)]
pub struct Page {
    /// Where the last redirect led.
    pub url: Url,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

pub struct Limits {
    pub max_bytes: usize,
}

/// A refusal raised inside reqwest (resolver, redirect policy) and found
/// again in the error's source chain.
#[derive(Debug, thiserror::Error)]
enum HopRefused {
    #[error("forbidden address")]
    Address { host: String, ip: IpAddr },
    #[error("redirected to '{0}', which is not an http(s) URL")]
    Scheme(String),
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
}

pub async fn fetch(
    url: &Url,
    settings: &FetchSettings,
    limits: &Limits,
) -> Result<Page, FetchError> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::InvalidUrl(format!(
            "'{url}' is not an http(s) URL"
        )));
    }
    if !settings.allow_private
        && let Some((host, ip)) = literal_ip(url)
        && is_forbidden(ip)
    {
        return Err(FetchError::ForbiddenAddress { host, ip });
    }
    let client = client(settings)
        .map_err(|e| FetchError::Failed(format!("cannot set up the HTTP client: {e}")))?;
    let mut resp = client
        .get(url.clone())
        .send()
        .await
        .map_err(|e| classify(e, settings))?;
    let status = resp.status();
    if !status.is_success() {
        return Err(FetchError::Failed(format!(
            "{} answered {status}",
            resp.url()
        )));
    }
    if resp
        .content_length()
        .is_some_and(|n| n > limits.max_bytes as u64)
    {
        return Err(FetchError::TooLarge {
            limit: limits.max_bytes,
        });
    }
    let final_url = resp.url().clone();
    let content_type = resp
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    // Content-Length can lie or be absent: the cap holds while streaming.
    let mut bytes = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| classify(e, settings))? {
        if bytes.len() + chunk.len() > limits.max_bytes {
            return Err(FetchError::TooLarge {
                limit: limits.max_bytes,
            });
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Page {
        url: final_url,
        content_type,
        bytes,
    })
}

fn client(settings: &FetchSettings) -> reqwest::Result<reqwest::Client> {
    let max_redirects = settings.max_redirects;
    let allow_private = settings.allow_private;
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        match check_redirect(
            attempt.url(),
            attempt.previous().len(),
            max_redirects,
            allow_private,
        ) {
            Ok(()) => attempt.follow(),
            Err(refused) => attempt.error(refused),
        }
    });
    let mut builder = reqwest::Client::builder()
        .user_agent(concat!(
            "claimdesk/",
            env!("CARGO_PKG_VERSION"),
            " (fact-check workbench)"
        ))
        .timeout(Duration::from_secs(settings.timeout_secs))
        .connect_timeout(Duration::from_secs(settings.timeout_secs.min(5)))
        .redirect(policy)
        // A proxy would resolve names itself, out of reach of the checks.
        .no_proxy();
    if !allow_private {
        builder = builder.dns_resolver(Arc::new(PublicOnly));
    }
    builder.build()
}

/// Whether to follow a redirect to `next`, after `hops` redirects so far.
/// Host names are checked when they are resolved; literal addresses here.
fn check_redirect(
    next: &Url,
    hops: usize,
    max_redirects: usize,
    allow_private: bool,
) -> Result<(), HopRefused> {
    if hops > max_redirects {
        return Err(HopRefused::TooManyRedirects(max_redirects));
    }
    if !matches!(next.scheme(), "http" | "https") {
        return Err(HopRefused::Scheme(next.to_string()));
    }
    if !allow_private
        && let Some((host, ip)) = literal_ip(next)
        && is_forbidden(ip)
    {
        return Err(HopRefused::Address { host, ip });
    }
    Ok(())
}

fn classify(e: reqwest::Error, settings: &FetchSettings) -> FetchError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    while let Some(err) = source {
        if let Some(refused) = err.downcast_ref::<HopRefused>() {
            return match refused {
                HopRefused::Address { host, ip } => FetchError::ForbiddenAddress {
                    host: host.clone(),
                    ip: *ip,
                },
                other => FetchError::Failed(format!("fetch stopped: {other}")),
            };
        }
        source = err.source();
    }
    if e.is_timeout() {
        return FetchError::Failed(format!(
            "no complete answer within {} s",
            settings.timeout_secs
        ));
    }
    if e.is_connect() {
        return FetchError::Failed(format!("cannot connect: {}", chain(&e)));
    }
    FetchError::Failed(format!("fetch failed: {}", chain(&e)))
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.dedup();
    parts.join(": ")
}

fn literal_ip(url: &Url) -> Option<(String, IpAddr)> {
    match url.host()? {
        Host::Ipv4(ip) => Some((ip.to_string(), IpAddr::V4(ip))),
        Host::Ipv6(ip) => Some((ip.to_string(), IpAddr::V6(ip))),
        Host::Domain(_) => None,
    }
}

/// Resolves names and refuses the lot when any address is non-public: a
/// name with one private address among public ones is not safe to use.
struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if let Some(bad) = addrs.iter().find(|a| is_forbidden(a.ip())) {
                return Err(Box::new(HopRefused::Address { host, ip: bad.ip() })
                    as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

/// Loopback, private, link-local, unspecified, multicast, broadcast, CGNAT,
/// documentation and IPv6 unique-local addresses; IPv4 inside IPv6 is
/// judged as IPv4.
pub fn is_forbidden(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => forbidden_v4(v4),
            None => forbidden_v6(v6),
        },
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_documentation()
        || a == 0
        // 100.64.0.0/10, carrier-grade NAT
        || (a == 100 && (64..128).contains(&b))
        // 198.18.0.0/15, benchmarking; 240.0.0.0/4, reserved
        || (a == 198 && (b == 18 || b == 19))
        || a >= 240
}

fn forbidden_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    // ::/96 holds ::, ::1 and the deprecated IPv4-compatible addresses.
    ip.segments()[..6] == [0; 6]
        || ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || ip.is_unique_local()
        || ip.is_unicast_link_local()
        // fec0::/10, deprecated site-local
        || (first & 0xffc0) == 0xfec0
        // 64:ff9b::/96 NAT64 could reach any IPv4 address, private ones included
        || (first == 0x64 && ip.segments()[1] == 0xff9b)
        // 2001:db8::/32, documentation
        || (first == 0x2001 && ip.segments()[1] == 0x0db8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_to_private_addresses_or_other_schemes_are_refused() {
        let url = |s: &str| Url::parse(s).unwrap();
        assert!(check_redirect(&url("https://93.184.215.14/a"), 1, 5, false).is_ok());
        for private in [
            "http://127.0.0.1/",
            "http://[::1]/",
            "http://169.254.169.254/latest/meta-data",
            "http://2130706433/",
        ] {
            let refused = check_redirect(&url(private), 1, 5, false);
            assert!(
                matches!(refused, Err(HopRefused::Address { .. })),
                "{private}: {refused:?}"
            );
            assert!(
                check_redirect(&url(private), 1, 5, true).is_ok(),
                "allowed by fetch.allow_private"
            );
        }
        assert!(matches!(
            check_redirect(&url("file:///etc/passwd"), 1, 5, true),
            Err(HopRefused::Scheme(_))
        ));
        assert!(check_redirect(&url("https://example.org/"), 5, 5, false).is_ok());
        assert!(matches!(
            check_redirect(&url("https://example.org/"), 6, 5, false),
            Err(HopRefused::TooManyRedirects(5))
        ));
    }

    #[test]
    fn non_public_addresses_are_forbidden() {
        for bad in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "64:ff9b::7f00:1",
        ] {
            assert!(
                is_forbidden(bad.parse().unwrap()),
                "{bad} should be forbidden"
            );
        }
        for good in [
            "93.184.215.14",
            "8.8.8.8",
            "100.128.0.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert!(
                !is_forbidden(good.parse().unwrap()),
                "{good} should be allowed"
            );
        }
    }
}
