//! Integration tests: the real server over HTTP against real PostgreSQL.
//! One binary for all of them keeps link times down.

mod articles;
mod attachments;
mod auth;
mod browser;
mod browser_claim;
mod claims;
mod comments;
mod contract;
mod errors;
mod evidence;
mod fetch;
mod fixtures;
mod hardening;
mod health;
mod helpers;
mod history;
mod import;
mod live;
mod matching;
mod openapi;
mod overview;
mod people;
mod reports;
mod request_ids;
mod speakers;
mod versions;
mod workflow;
