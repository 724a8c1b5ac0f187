use crate::helpers::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use reqwest::Method;
use std::time::Duration;

#[tokio::test]
async fn healthz_and_readyz_answer_without_auth() {
    let app = spawn_app().await;
    let resp = app
        .request(Method::GET, "/healthz", None)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let resp = app
        .request(Method::GET, "/readyz", None)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.json::<serde_json::Value>().await.unwrap()["status"],
        "ready"
    );
}

#[tokio::test]
async fn readyz_is_503_when_the_database_is_unreachable() {
    // Nothing listens on port 1.
    let settings = test_settings("postgres://postgres@127.0.0.1:1/none");
    let app = spawn_with_settings(settings).await;
    let resp = app
        .request(Method::GET, "/readyz", None)
        .send()
        .await
        .unwrap();
    assert_error(resp, 503, "database_unavailable").await;
    assert_eq!(
        app.request(Method::GET, "/healthz", None)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn readyz_recovers_when_the_database_comes_back() {
    let app = spawn_app().await;
    let ready = || async {
        app.request(Method::GET, "/readyz", None)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(ready().await, 200);

    let db_name = app
        .database_url
        .rsplit('/')
        .next()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let admin_url = app
        .database_url
        .replace(&format!("/{db_name}"), "/postgres");
    let mut admin = AsyncPgConnection::establish(&admin_url).await.unwrap();
    diesel::sql_query(format!("ALTER DATABASE {db_name} ALLOW_CONNECTIONS false"))
        .execute(&mut admin)
        .await
        .unwrap();
    diesel::sql_query(format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db_name}'"
    ))
    .execute(&mut admin)
    .await
    .unwrap();
    assert_eq!(ready().await, 503);

    diesel::sql_query(format!("ALTER DATABASE {db_name} ALLOW_CONNECTIONS true"))
        .execute(&mut admin)
        .await
        .unwrap();
    let mut status = 0;
    for _ in 0..50 {
        status = ready().await;
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, 200, "readiness came back without a restart");
}
