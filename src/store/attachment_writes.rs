//! The versioned writes evidence and comments share. A macro rather than
//! generic code: each expands to plain diesel over its own table, where a
//! generic version would need diesel's table and changeset traits as bounds.

/// Defines `update`, `soft_delete` and `lock_live` for `$row` in `$table`.
/// `update` takes `$arg: $arg_ty` and writes `$set` (an expression using it)
/// with the version bumped.
macro_rules! attachment_writes {
    ($row:ident, $id:ty, $table:ident, $what:literal, $author:literal, $arg:ident: $arg_ty:ty => $set:expr) => {
        impl events::AttachmentQueries for $row {
            type Id = $id;
            type Changes = $arg_ty;
            const WHAT: &'static str = $what;
            const AUTHOR: &'static str = $author;
            async fn find_live(conn: &mut AsyncPgConnection, id: $id) -> Result<Self, StoreError> {
                find_live(conn, id).await
            }
            async fn for_claim(
                conn: &mut AsyncPgConnection,
                claim: ClaimId,
            ) -> Result<Vec<Self>, StoreError> {
                for_claim(conn, claim).await
            }
            async fn soft_delete(
                conn: &mut AsyncPgConnection,
                article_id: ArticleId,
                id: $id,
                expected: Option<i32>,
                actor: UserId,
            ) -> Result<Versioned<Self>, StoreError> {
                soft_delete(conn, article_id, id, expected, actor).await
            }
            async fn update(
                conn: &mut AsyncPgConnection,
                article_id: ArticleId,
                id: $id,
                expected: Option<i32>,
                changes: &$arg_ty,
                actor: UserId,
            ) -> Result<Versioned<Self>, StoreError> {
                update(conn, article_id, id, expected, changes, actor).await
            }
        }

        #[doc = concat!("Edits a live ", $what, ". Under the row's lock: with `expected` (the version the")]
        /// caller read) a row that moved on is returned as `Stale`, untouched;
        /// the history's "before" is the row this edit replaced. `NotFound` if
        /// it was deleted meanwhile.
        pub async fn update(
            conn: &mut AsyncPgConnection,
            article_id: ArticleId,
            id: $id,
            expected: Option<i32>,
            $arg: &$arg_ty,
            actor: UserId,
        ) -> Result<Versioned<$row>, StoreError> {
            conn.transaction::<_, StoreError, _>(async |conn| {
                let before = lock_live(conn, id).await?;
                if expected.is_some_and(|v| v != before.version) {
                    return Ok(Versioned::Stale(before));
                }
                let row: $row = diesel::update($table::table.filter($table::id.eq(id)))
                    .set((
                        $set,
                        $table::version.eq($table::version + 1),
                        $table::updated_at.eq(diesel::dsl::now),
                    ))
                    .returning($row::as_returning())
                    .get_result(conn)
                    .await?;
                events::attachment_edited(conn, article_id, actor, &before, &row).await?;
                Ok(Versioned::Written(row))
            })
            .await
        }

        /// Hides the row (the history keeps it as it was when deleted), under
        /// the same lock and version check as `update`.
        pub async fn soft_delete(
            conn: &mut AsyncPgConnection,
            article_id: ArticleId,
            id: $id,
            expected: Option<i32>,
            actor: UserId,
        ) -> Result<Versioned<$row>, StoreError> {
            conn.transaction::<_, StoreError, _>(async |conn| {
                let before = lock_live(conn, id).await?;
                if expected.is_some_and(|v| v != before.version) {
                    return Ok(Versioned::Stale(before));
                }
                diesel::update($table::table.filter($table::id.eq(id)))
                    .set($table::deleted_at.eq(diesel::dsl::now))
                    .execute(conn)
                    .await?;
                events::attachment_deleted(conn, article_id, actor, &before).await?;
                Ok(Versioned::Written(before))
            })
            .await
        }

        async fn lock_live(conn: &mut AsyncPgConnection, id: $id) -> Result<$row, StoreError> {
            Ok($table::table
                .filter($table::id.eq(id))
                .filter($table::deleted_at.is_null())
                .for_update()
                .select($row::as_select())
                .first(conn)
                .await?)
        }
    };
}

pub(crate) use attachment_writes;
