//! claimdesk: a fact-check workbench.
//!
//! Data flows through the modules in order: [`extract`] (pure text → claims),
//! [`store`] (PostgreSQL via diesel-async), [`api`] (actix-web handlers, auth),
//! [`report`] (exports), with the browser frontend embedded and served by `api`.

pub mod api;
pub mod cli;
pub mod config;
pub mod extract;
pub mod fetch;
pub mod ingest;
pub mod report;
pub mod review;
pub mod startup;
pub mod store;
