//! Integration tests: the real server over HTTP against real PostgreSQL.
//! One binary for all of them keeps link times down.

mod articles;
mod auth;
mod errors;
mod fetch;
mod health;
mod helpers;
mod import;
mod openapi;
