//! claimdesk: a fact-check workbench.
//!
//! Data flows through the modules in order: [`extract`] (pure text → claims),
//! [`store`] (PostgreSQL via diesel-async), [`api`] (actix-web handlers, auth),
//! [`report`] (exports), with the browser frontend embedded and served by `api`.
//! [`pgcluster`] runs a private PostgreSQL when no database URL is configured.

pub mod api;
pub mod cli;
pub mod config;
pub mod extract;
pub mod fetch;
pub mod ingest;
pub mod pgcluster;
pub mod report;
pub mod review;
pub mod startup;
pub mod store;
