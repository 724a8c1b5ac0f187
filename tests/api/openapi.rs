use crate::helpers::*;
use claimdesk::api::routes::ROUTES;
use claimdesk::store::users::Role;
use serde_json::Value;
use std::collections::BTreeSet;

#[tokio::test]
async fn every_registered_route_is_documented_and_nothing_else() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Viewer).await;
    let resp = app.get("/api/v1/openapi.json", &token).await;
    assert_eq!(resp.status(), 200);
    let doc: Value = resp.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .filter(|k| ["get", "post", "put", "patch", "delete"].contains(&k.as_str()))
                .map(move |m| (m.clone(), path.clone()))
        })
        .collect();
    let registered: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    let undocumented: Vec<_> = registered.difference(&documented).collect();
    let phantom: Vec<_> = documented.difference(&registered).collect();
    assert!(
        undocumented.is_empty(),
        "routes missing from the OpenAPI document: {undocumented:?}"
    );
    assert!(
        phantom.is_empty(),
        "documented but not registered: {phantom:?}"
    );
    // Every operation documents at least one error shape.
    for (m, p) in &registered {
        let responses = doc["paths"][p][m]["responses"].as_object().unwrap();
        assert!(
            responses.keys().any(|s| s.starts_with('4')),
            "{m} {p} documents no error"
        );
    }
}
