//! Failed-login counters in PostgreSQL, one fixed one-minute window per key
//! ("account:<email>", "ip:<address>"), shared by every instance.

use super::StoreError;
use diesel::sql_types::{Double, Integer, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};

#[derive(diesel::QueryableByName)]
struct Counted {
    #[diesel(sql_type = Integer)]
    failures: i32,
    #[diesel(sql_type = Double)]
    window_left: f64,
}

/// Counts one attempt under `key`: the attempts in the current window,
/// this one included, and the seconds until the window ends.
pub async fn count_attempt(
    conn: &mut AsyncPgConnection,
    key: &str,
) -> Result<(i32, f64), StoreError> {
    let c: Counted = diesel::sql_query(
        "INSERT INTO login_failures AS f (key, window_start, failures) VALUES ($1, now(), 1) \
         ON CONFLICT (key) DO UPDATE SET \
           failures = CASE WHEN f.window_start > now() - interval '1 minute' \
                           THEN f.failures + 1 ELSE 1 END, \
           window_start = CASE WHEN f.window_start > now() - interval '1 minute' \
                               THEN f.window_start ELSE now() END \
         RETURNING failures, \
           extract(epoch FROM window_start + interval '1 minute' - now())::float8 AS window_left",
    )
    .bind::<Text, _>(key)
    .get_result(conn)
    .await?;
    Ok((c.failures, c.window_left))
}

/// Takes back an attempt that succeeded.
pub async fn refund(conn: &mut AsyncPgConnection, key: &str) -> Result<(), StoreError> {
    diesel::sql_query(
        "UPDATE login_failures SET failures = failures - 1 WHERE key = $1 AND failures > 0",
    )
    .bind::<Text, _>(key)
    .execute(conn)
    .await?;
    Ok(())
}

/// Forgets windows long over.
pub async fn prune(conn: &mut AsyncPgConnection) -> Result<(), StoreError> {
    diesel::sql_query(
        "DELETE FROM login_failures WHERE window_start < now() - interval '10 minutes'",
    )
    .execute(conn)
    .await?;
    Ok(())
}
