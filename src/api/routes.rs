//! The route table: every `/api/v1` route in one list, registered from it and
//! checked against the OpenAPI document by a test, so neither can drift.

use super::{articles, session, users};
use actix_web::web;

macro_rules! route_table {
    ($($method:ident $path:literal => $handler:path),* $(,)?) => {
        /// (method, path) of every `/api/v1` route, paths relative to `/api/v1`.
        pub const ROUTES: &[(&str, &str)] = &[$((stringify!($method), $path)),*];

        pub fn register(cfg: &mut web::ServiceConfig) {
            $(cfg.route($path, web::$method().to($handler));)*
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
    get "/openapi.json" => super::openapi::serve,
    get "/articles" => articles::list,
    post "/articles" => articles::ingest,
    post "/articles/fetch" => articles::fetch,
    get "/articles/{id}" => articles::get,
    delete "/articles/{id}" => articles::delete,
    post "/articles/{id}/reextract" => articles::reextract,
}
