use crate::helpers::*;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use claimdesk::store::users::Role;
use diesel_async::RunQueryDsl;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::Method;
use serde_json::{Value, json};

fn claims(user: &TestUser, exp_offset_secs: i64, token_version: i32) -> Value {
    let now = chrono::Utc::now().timestamp();
    json!({"sub": user.id, "role": user.role, "token_version": token_version,
           "sid": uuid::Uuid::new_v4(), "iat": now - 10, "exp": now + exp_offset_secs})
}

fn forge(alg: Algorithm, secret: &str, claims: &Value) -> String {
    jsonwebtoken::encode(
        &Header::new(alg),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

#[tokio::test]
async fn login_returns_a_token_and_a_strict_http_only_cookie() {
    let app = spawn_app().await;
    let user = app.create_user(Role::Checker).await;
    let resp = app.login(&user.email.to_uppercase(), &user.password).await;
    assert_eq!(resp.status(), 200);
    let cookie = resp
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("claimdesk_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["user"]["email"], user.email);
    assert_eq!(body["user"]["role"], "checker");
    assert!(body["user"].get("password_hash").is_none());

    let token = body["token"].as_str().unwrap();
    let me: Value = app.get("/api/v1/me", token).await.json().await.unwrap();
    assert_eq!(me["id"], json!(user.id));

    // The same token as a cookie authenticates reads too.
    let jwt_value = cookie.split(';').next().unwrap();
    let resp = app
        .request(Method::GET, "/api/v1/me", None)
        .header("cookie", jwt_value)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn wrong_password_and_unknown_email_fail_alike() {
    let app = spawn_app().await;
    let user = app.create_user(Role::Viewer).await;
    let wrong = app.login(&user.email, "not the password at all").await;
    let a = assert_error(wrong, 401, "invalid_credentials").await;
    let unknown = app
        .login("nobody@example.org", "not the password at all")
        .await;
    let b = assert_error(unknown, 401, "invalid_credentials").await;
    assert_eq!(a["message"], b["message"], "no hint which one was wrong");
}

#[tokio::test]
async fn failed_logins_for_unknown_accounts_still_pay_for_a_hash_verification() {
    let app = spawn_app().await;
    // Minimums, because load from parallel tests only ever adds time: an
    // unknown account's login must cost at least about one argon2
    // verification, where a shortcut would answer in a millisecond.
    let hash = claimdesk::review::accounts::hash_password("some password").unwrap();
    let verify = (0..5)
        .map(|_| {
            let t = std::time::Instant::now();
            claimdesk::review::accounts::verify_password("other password", &hash);
            t.elapsed()
        })
        .min()
        .unwrap();
    let mut unknown = std::time::Duration::MAX;
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let resp = app
            .login("ghost@example.org", "not the password at all")
            .await;
        assert_eq!(resp.status(), 401);
        unknown = unknown.min(t.elapsed());
    }
    assert!(
        unknown.as_secs_f64() >= 0.5 * verify.as_secs_f64(),
        "unknown-account login took {unknown:?}, one verification {verify:?}"
    );
}

#[tokio::test]
async fn me_without_a_token_is_401_json() {
    let app = spawn_app().await;
    let resp = app
        .request(Method::GET, "/api/v1/me", None)
        .send()
        .await
        .unwrap();
    assert_error(resp, 401, "unauthenticated").await;
    let resp = app
        .request(Method::GET, "/api/v1/me", None)
        .header("authorization", "Basic abc")
        .send()
        .await
        .unwrap();
    assert_error(resp, 401, "invalid_token").await;
}

#[tokio::test]
async fn expired_token_is_refused() {
    let app = spawn_app().await;
    let user = app.create_user(Role::Viewer).await;
    let token = forge(Algorithm::HS256, TEST_JWT_SECRET, &claims(&user, -120, 0));
    assert_error(app.get("/api/v1/me", &token).await, 401, "token_expired").await;
    // The same claims, still valid, pass: only the expiry made the difference.
    let token = forge(Algorithm::HS256, TEST_JWT_SECRET, &claims(&user, 120, 0));
    assert_eq!(app.get("/api/v1/me", &token).await.status(), 200);
}

#[tokio::test]
async fn token_signed_with_another_key_or_algorithm_is_refused() {
    let app = spawn_app().await;
    let user = app.create_user(Role::Admin).await;
    let other = forge(
        Algorithm::HS256,
        "another-secret-another-secret-0123456789",
        &claims(&user, 600, 0),
    );
    assert_error(app.get("/api/v1/me", &other).await, 401, "invalid_token").await;
    // Right key, but HS512: the algorithm is pinned to HS256.
    let hs512 = forge(Algorithm::HS512, TEST_JWT_SECRET, &claims(&user, 600, 0));
    assert_error(app.get("/api/v1/me", &hs512).await, 401, "invalid_token").await;
}

#[tokio::test]
async fn unsigned_alg_none_token_is_refused() {
    let app = spawn_app().await;
    let user = app.create_user(Role::Admin).await;
    let header = B64.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = B64.encode(claims(&user, 600, 0).to_string());
    for token in [
        format!("{header}.{payload}."),
        format!("{header}.{payload}"),
    ] {
        assert_error(app.get("/api/v1/me", &token).await, 401, "invalid_token").await;
    }
}

#[tokio::test]
async fn password_change_revokes_old_tokens() {
    let app = spawn_app().await;
    let (user, old) = app.login_as(Role::Checker).await;
    let resp = app
        .send_json(
            Method::PUT,
            "/api/v1/me/password",
            &old,
            &json!({"current_password": user.password, "new_password": "a brand new password"}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let fresh = resp.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_error(app.get("/api/v1/me", &old).await, 401, "token_revoked").await;
    assert_eq!(app.get("/api/v1/me", &fresh).await.status(), 200);
    assert_error(
        app.login(&user.email, &user.password).await,
        401,
        "invalid_credentials",
    )
    .await;
    assert_eq!(
        app.login(&user.email, "a brand new password")
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn password_change_checks_the_current_password_and_policy() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Viewer).await;
    let resp = app
        .send_json(Method::PUT, "/api/v1/me/password", &token,
            &json!({"current_password": "wrong wrong wrong", "new_password": "a brand new password"}))
        .await;
    assert_error(resp, 403, "wrong_password").await;
    let resp = app
        .send_json(
            Method::PUT,
            "/api/v1/me/password",
            &token,
            &json!({"current_password": PASSWORD, "new_password": "short"}),
        )
        .await;
    assert_error(resp, 422, "weak_password").await;
    assert_eq!(
        app.get("/api/v1/me", &token).await.status(),
        200,
        "nothing changed"
    );
}

#[tokio::test]
async fn disabling_a_user_revokes_their_tokens_and_logins() {
    let app = spawn_app().await;
    let (_, admin) = app.login_as(Role::Admin).await;
    let (victim, token) = app.login_as(Role::Editor).await;
    let resp = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/users/{}", victim.id),
            &admin,
            &json!({"disabled": true}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.json::<Value>().await.unwrap()["disabled"], true);
    assert_error(app.get("/api/v1/me", &token).await, 401, "token_revoked").await;
    assert_error(
        app.login(&victim.email, &victim.password).await,
        401,
        "invalid_credentials",
    )
    .await;
}

#[tokio::test]
async fn each_role_below_admin_is_forbidden_from_user_management() {
    let app = spawn_app().await;
    for role in [Role::Viewer, Role::Checker, Role::Editor] {
        let (_, token) = app.login_as(role).await;
        let body = assert_error(app.get("/api/v1/users", &token).await, 403, "forbidden").await;
        assert!(body["message"].as_str().unwrap().contains("admin"));
        let resp = app
            .send_json(Method::POST, "/api/v1/users", &token,
                &json!({"email": "x@example.org", "name": "X", "role": "admin", "password": PASSWORD}))
            .await;
        assert_error(resp, 403, "forbidden").await;
    }
    let (_, admin) = app.login_as(Role::Admin).await;
    assert_eq!(app.get("/api/v1/users", &admin).await.status(), 200);
}

#[tokio::test]
async fn role_change_takes_effect_on_the_next_request() {
    let app = spawn_app().await;
    let (_, admin) = app.login_as(Role::Admin).await;
    let (user, token) = app.login_as(Role::Viewer).await;
    assert_error(app.get("/api/v1/users", &token).await, 403, "forbidden").await;
    let resp = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/users/{}", user.id),
            &admin,
            &json!({"role": "admin"}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(app.get("/api/v1/users", &token).await.status(), 200);
}

#[tokio::test]
async fn admin_creates_users_and_duplicates_conflict() {
    let app = spawn_app().await;
    let (_, admin) = app.login_as(Role::Admin).await;
    let body = json!({"email": "New.Person@Example.org", "name": "New Person", "role": "checker", "password": PASSWORD});
    let resp = app
        .send_json(Method::POST, "/api/v1/users", &admin, &body)
        .await;
    assert_eq!(resp.status(), 201);
    assert_eq!(
        resp.json::<Value>().await.unwrap()["email"],
        "new.person@example.org"
    );
    let resp = app
        .send_json(Method::POST, "/api/v1/users", &admin, &body)
        .await;
    assert_error(resp, 409, "email_taken").await;
    assert_eq!(
        app.login("new.person@example.org", PASSWORD).await.status(),
        200
    );
    let bad =
        json!({"email": "not-an-email", "name": "N", "role": "checker", "password": PASSWORD});
    assert_error(
        app.send_json(Method::POST, "/api/v1/users", &admin, &bad)
            .await,
        422,
        "invalid_email",
    )
    .await;
    let bad =
        json!({"email": "a@example.org", "name": "N", "role": "overlord", "password": PASSWORD});
    assert_error(
        app.send_json(Method::POST, "/api/v1/users", &admin, &bad)
            .await,
        422,
        "invalid_body",
    )
    .await;
}

#[tokio::test]
async fn cookie_authenticated_writes_need_our_origin() {
    let app = spawn_app().await;
    let (user, _) = app.login_as(Role::Viewer).await;
    let resp = app.login(&user.email, &user.password).await;
    let cookie = resp
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let logout = |origin: Option<String>| {
        let mut rb = app
            .request(Method::POST, "/api/v1/auth/logout", None)
            .header("cookie", cookie.clone());
        if let Some(o) = origin {
            rb = rb.header("origin", o);
        }
        rb.send()
    };
    assert_error(logout(None).await.unwrap(), 403, "csrf_rejected").await;
    assert_error(
        logout(Some("https://evil.example".into())).await.unwrap(),
        403,
        "csrf_rejected",
    )
    .await;
    let resp = logout(Some(app.address.clone())).await.unwrap();
    assert_eq!(resp.status(), 204);
    let cleared = resp.headers().get("set-cookie").unwrap().to_str().unwrap();
    assert!(
        cleared.starts_with("claimdesk_session=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
}

#[tokio::test]
async fn logins_are_rate_limited_per_account() {
    let app = spawn_app_with(|s| s.auth.login_per_account_per_minute = 3).await;
    let user = app.create_user(Role::Viewer).await;
    for _ in 0..3 {
        assert_eq!(
            app.login(&user.email, "wrong password here").await.status(),
            401
        );
    }
    let resp = app.login(&user.email, &user.password).await;
    assert!(resp.headers().get("retry-after").is_some());
    assert_error(resp, 429, "rate_limited").await;
    // Another account from the same IP is not affected by that account's limit.
    let other = app.create_user(Role::Viewer).await;
    assert_eq!(app.login(&other.email, &other.password).await.status(), 200);
}

#[tokio::test]
async fn logins_are_rate_limited_per_ip() {
    let app = spawn_app_with(|s| s.auth.login_per_ip_per_minute = 4).await;
    for i in 0..4 {
        assert_eq!(
            app.login(&format!("user{i}@example.org"), "wrong password here")
                .await
                .status(),
            401
        );
    }
    assert_error(
        app.login("fresh@example.org", "wrong password here").await,
        429,
        "rate_limited",
    )
    .await;
}

/// The session cookie a login set, as a `Cookie` header value.
fn session_cookie(resp: &reqwest::Response) -> String {
    let set = resp.headers().get("set-cookie").unwrap().to_str().unwrap();
    set.split(';').next().unwrap().to_owned()
}

/// A login's token and its session cookie.
async fn session(app: &TestApp, user: &TestUser) -> (String, String) {
    let resp = app.login(&user.email, &user.password).await;
    assert_eq!(resp.status(), 200);
    let cookie = session_cookie(&resp);
    let body: Value = resp.json().await.unwrap();
    (body["token"].as_str().unwrap().to_owned(), cookie)
}

async fn me_by_cookie(app: &TestApp, cookie: &str) -> reqwest::Response {
    app.request(Method::GET, "/api/v1/me", None)
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn logout_ends_that_session_as_bearer_and_cookie_and_no_other() {
    let app = spawn_app().await;
    let user = app.create_user(Role::Checker).await;
    let (a_token, a_cookie) = session(&app, &user).await;
    let (b_token, b_cookie) = session(&app, &user).await;
    let (c_token, c_cookie) = session(&app, &user).await;
    // A row of a token long expired, which a logout clears away.
    let stale = uuid::Uuid::new_v4();
    let mut db = app.db().await;
    diesel::sql_query("INSERT INTO revoked_sessions VALUES ($1, now() - interval '1 hour')")
        .bind::<diesel::sql_types::Uuid, _>(stale)
        .execute(&mut db)
        .await
        .unwrap();

    // Session A logs out with its bearer token.
    let resp = app
        .request(Method::POST, "/api/v1/auth/logout", Some(&a_token))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    assert_error(app.get("/api/v1/me", &a_token).await, 401, "token_revoked").await;
    assert_error(me_by_cookie(&app, &a_cookie).await, 401, "token_revoked").await;

    // Session C logs out the way the browser does: cookie and our origin.
    let resp = app
        .request(Method::POST, "/api/v1/auth/logout", None)
        .header("cookie", &c_cookie)
        .header("origin", &app.address)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    assert_error(me_by_cookie(&app, &c_cookie).await, 401, "token_revoked").await;
    assert_error(app.get("/api/v1/me", &c_token).await, 401, "token_revoked").await;

    // Session B of the same user goes on.
    assert_eq!(app.get("/api/v1/me", &b_token).await.status(), 200);
    assert_eq!(me_by_cookie(&app, &b_cookie).await.status(), 200);

    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let left: N = diesel::sql_query("SELECT count(*) AS n FROM revoked_sessions WHERE sid = $1")
        .bind::<diesel::sql_types::Uuid, _>(stale)
        .get_result(&mut db)
        .await
        .unwrap();
    assert_eq!(left.n, 0, "an expired row is pruned at logout");
}

#[tokio::test]
async fn a_token_without_a_session_id_is_refused_as_revoked() {
    let app = spawn_app().await;
    let user = app.create_user(Role::Viewer).await;
    let mut old = claims(&user, 600, 0);
    old.as_object_mut().unwrap().remove("sid");
    let token = forge(Algorithm::HS256, TEST_JWT_SECRET, &old);
    assert_error(app.get("/api/v1/me", &token).await, 401, "token_revoked").await;
}

/// A cookie-authenticated logout (the write the CSRF check guards) with
/// extra headers; 204 ends the session, so callers log in again after one.
async fn logout_with(app: &TestApp, cookie: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut rb = app
        .request(Method::POST, "/api/v1/auth/logout", None)
        .header("cookie", cookie);
    for (name, value) in headers {
        rb = rb.header(*name, *value);
    }
    rb.send().await.unwrap()
}

#[tokio::test]
async fn forwarding_headers_from_an_untrusted_peer_do_not_make_an_origin_ours() {
    let app = spawn_app().await;
    let user = app.create_user(Role::Viewer).await;
    let (_, cookie) = session(&app, &user).await;
    let evil = "http://evil.example";
    for forged in [
        vec![("origin", evil), ("x-forwarded-host", "evil.example")],
        vec![
            ("origin", evil),
            ("x-forwarded-host", "evil.example"),
            ("x-forwarded-proto", "http"),
        ],
        vec![
            ("origin", evil),
            ("forwarded", "host=evil.example;proto=http"),
        ],
        vec![
            ("referer", "http://evil.example/desk"),
            ("x-forwarded-host", "evil.example"),
        ],
    ] {
        let resp = logout_with(&app, &cookie, &forged).await;
        assert_error(resp, 403, "csrf_rejected").await;
    }
    // Our own host, but over https, is another origin than this http server.
    let host = app.address.strip_prefix("http://").unwrap();
    let https = format!("https://{host}");
    for headers in [
        vec![("origin", https.as_str())],
        vec![("origin", https.as_str()), ("x-forwarded-proto", "https")],
    ] {
        let resp = logout_with(&app, &cookie, &headers).await;
        assert_error(resp, 403, "csrf_rejected").await;
    }
    // None of that touched the session; our own origin still may write.
    let resp = logout_with(&app, &cookie, &[("origin", &app.address)]).await;
    assert_eq!(resp.status(), 204);
    let (_, cookie) = session(&app, &user).await;
    let referer = format!("{}/#queue", app.address);
    let resp = logout_with(&app, &cookie, &[("referer", &referer)]).await;
    assert_eq!(resp.status(), 204);
}

#[tokio::test]
async fn a_trusted_proxy_names_the_origin_the_browser_saw() {
    let app =
        spawn_app_with(|s| s.server.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await;
    let user = app.create_user(Role::Viewer).await;
    let public = "https://claims.example.org";

    let (_, cookie) = session(&app, &user).await;
    let headers = [
        ("origin", public),
        ("x-forwarded-host", "claims.example.org"),
        ("x-forwarded-proto", "https"),
    ];
    assert_eq!(logout_with(&app, &cookie, &headers).await.status(), 204);

    let (_, cookie) = session(&app, &user).await;
    let headers = [
        ("origin", public),
        (
            "forwarded",
            "for=203.0.113.9;host=claims.example.org;proto=https",
        ),
    ];
    assert_eq!(logout_with(&app, &cookie, &headers).await.status(), 204);

    // The proxy's word is the origin now: another one, or the right host
    // over the wrong scheme, is still refused.
    let (_, cookie) = session(&app, &user).await;
    for headers in [
        vec![
            ("origin", "https://evil.example"),
            ("x-forwarded-host", "claims.example.org"),
            ("x-forwarded-proto", "https"),
        ],
        vec![
            ("origin", public),
            ("x-forwarded-host", "claims.example.org"),
            ("x-forwarded-proto", "http"),
        ],
    ] {
        let resp = logout_with(&app, &cookie, &headers).await;
        assert_error(resp, 403, "csrf_rejected").await;
    }
}
