//! Integration tests: the real server over HTTP against real PostgreSQL.
//! One binary for all of them keeps link times down.

mod auth;
mod errors;
mod health;
mod helpers;
mod openapi;
