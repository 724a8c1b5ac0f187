//! The route table: every `/api/v1` route in one list, registered from it and
//! checked against the OpenAPI document by a test, so neither can drift.

use super::methods::Resources;
use super::{
    article_edit, articles, claims, comments, events, evidence, links, overview, people, reports,
    session, speakers, users, workflow,
};
use actix_web::web;

macro_rules! route_table {
    ($($method:ident $path:literal => $handler:path),* $(,)?) => {
        /// (method, path) of every `/api/v1` route, paths relative to `/api/v1`.
        pub const ROUTES: &[(&str, &str)] = &[$((stringify!($method), $path)),*];

        /// One resource per path; other methods on it get 405 with `Allow`.
        pub fn register(cfg: &mut web::ServiceConfig) {
            let mut resources = Resources::default();
            $(resources.route(stringify!($method), $path, web::$method().to($handler));)*
            resources.register(cfg);
        }
    };
}

route_table! {
    post "/auth/login" => session::login,
    post "/auth/logout" => session::logout,
    get "/me" => session::me,
    put "/me/password" => session::change_password,
    get "/users" => users::list,
    post "/users" => users::create,
    patch "/users/{id}" => users::update,
    get "/people" => people::list,
    get "/openapi.json" => super::openapi::serve,
    get "/claims" => claims::list,
    get "/claims/{id}" => claims::get,
    patch "/claims/{id}" => claims::update,
    get "/claims/{id}/history" => claims::history,
    post "/articles/{id}/claims" => claims::create_manual,
    get "/verdicts" => workflow::verdicts,
    get "/workflow" => workflow::document,
    get "/overview" => overview::get,
    get "/speakers" => speakers::list,
    post "/claims/{id}/evidence" => evidence::create,
    get "/claims/{id}/evidence" => evidence::list,
    patch "/evidence/{id}" => evidence::update,
    delete "/evidence/{id}" => evidence::delete,
    post "/claims/{id}/comments" => comments::create,
    get "/claims/{id}/comments" => comments::list,
    patch "/comments/{id}" => comments::update,
    delete "/comments/{id}" => comments::delete,
    get "/claims/{id}/similar" => links::similar,
    post "/claims/{id}/links" => links::link,
    delete "/claims/{id}/links/{other_id}" => links::unlink,
    get "/articles" => articles::list,
    post "/articles" => articles::ingest,
    post "/articles/fetch" => articles::fetch,
    get "/articles/{id}" => articles::get,
    delete "/articles/{id}" => articles::delete,
    patch "/articles/{id}" => article_edit::update,
    post "/articles/{id}/reextract" => articles::reextract,
    get "/articles/{id}/events" => events::events,
    get "/articles/{id}/report" => reports::article_report,
    get "/reports" => reports::selection_report,
}
