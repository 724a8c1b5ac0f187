//! One resource per path, so a path that exists answered with a method it
//! does not serve is a 405 naming the methods it does (`Allow`), not a 404.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, Route, web};
use serde_json::json;

/// Routes grouped by path, in the order the paths first appear (which is
/// the order actix tries them: `/articles/fetch` before `/articles/{id}`).
#[derive(Default)]
pub struct Resources {
    paths: Vec<(&'static str, Vec<&'static str>, Vec<Route>)>,
}

impl Resources {
    pub fn route(&mut self, method: &'static str, path: &'static str, route: Route) {
        match self.paths.iter_mut().find(|(p, _, _)| *p == path) {
            Some((_, methods, routes)) => {
                methods.push(method);
                routes.push(route);
            }
            None => self.paths.push((path, vec![method], vec![route])),
        }
    }

    pub fn register(self, cfg: &mut web::ServiceConfig) {
        for (path, methods, routes) in self.paths {
            let allow = allow_header(&methods);
            let resource = routes
                .into_iter()
                .fold(web::resource(path), |r, route| r.route(route))
                .default_service(web::to(move |req: HttpRequest| {
                    let allow = allow.clone();
                    async move { method_not_allowed(&req, &allow) }
                }));
            cfg.service(resource);
        }
    }
}

/// `GET, PATCH` from the route table's lower-case method names.
fn allow_header(methods: &[&str]) -> String {
    methods
        .iter()
        .map(|m| m.to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join(", ")
}

/// 405 with `Allow` and the usual error body.
pub fn method_not_allowed(req: &HttpRequest, allow: &str) -> HttpResponse {
    HttpResponse::MethodNotAllowed()
        .insert_header((header::ALLOW, allow))
        .json(json!({
            "error": "method_not_allowed",
            "message": format!("{} does not answer {}; it allows {allow}", req.path(), req.method()),
        }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_lists_methods_in_table_order() {
        assert_eq!(allow_header(&["get", "patch"]), "GET, PATCH");
        assert_eq!(allow_header(&["post"]), "POST");
    }
}
