//! The OpenAPI document, generated from the handlers' annotations.

use super::auth::{Auth, Viewer};
use super::error::ErrorBody;
use actix_web::HttpResponse;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "claimdesk API", description = "Fact-check workbench: articles, claims, verdicts, evidence, reports."),
    servers((url = "/api/v1")),
    paths(
        super::session::login,
        super::session::logout,
        super::session::me,
        super::session::change_password,
        super::users::list,
        super::users::create,
        super::users::update,
        super::people::list,
        serve,
        super::claims::list,
        super::claims::get,
        super::claims::update,
        super::claims::history,
        super::claims::create_manual,
        super::workflow::verdicts,
        super::workflow::document,
        super::overview::get,
        super::speakers::list,
        super::evidence::create,
        super::evidence::list,
        super::evidence::update,
        super::evidence::delete,
        super::comments::create,
        super::comments::list,
        super::comments::update,
        super::comments::delete,
        super::links::similar,
        super::links::link,
        super::links::unlink,
        super::articles::list,
        super::articles::ingest,
        super::articles::fetch,
        super::articles::get,
        super::articles::delete,
        super::articles::reextract,
        super::reports::article_report,
    ),
    components(schemas(ErrorBody)),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// This document.
#[utoipa::path(get, path = "/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document"), (status = 401, body = ErrorBody)))]
pub async fn serve(_auth: Auth<Viewer>) -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
