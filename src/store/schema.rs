// Mirrors migrations/ (no diesel CLI needed to build). Generated columns
// such as `claims.search` are left out: queries reach them through SQL
// fragments, and diesel must never try to write them.

diesel::table! {
    users (id) {
        id -> Uuid,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        role -> Text,
        token_version -> Int4,
        disabled_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    articles (id) {
        id -> Uuid,
        title -> Nullable<Text>,
        url -> Nullable<Text>,
        outlet -> Nullable<Text>,
        published_at -> Nullable<Timestamptz>,
        body -> Text,
        body_sha256 -> Text,
        language -> Text,
        extractor_version -> Int4,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    claims (id) {
        id -> Uuid,
        article_id -> Uuid,
        ordinal -> Int4,
        kind -> Text,
        origin -> Text,
        source_start -> Nullable<Int4>,
        source_end -> Nullable<Int4>,
        source_text -> Nullable<Text>,
        cue_start -> Nullable<Int4>,
        cue_end -> Nullable<Int4>,
        cue_text -> Nullable<Text>,
        content_start -> Int4,
        content_end -> Int4,
        content_text -> Text,
        content_pieces -> Jsonb,
        speaker -> Nullable<Text>,
        speaker_type -> Nullable<Text>,
        speaker_resolved -> Bool,
        checkworthiness -> Float4,
        status -> Text,
        verdict -> Nullable<Text>,
        verdict_note -> Nullable<Text>,
        proposed_by -> Nullable<Uuid>,
        verdict_by -> Nullable<Uuid>,
        not_a_claim -> Bool,
        assignee_id -> Nullable<Uuid>,
        version -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        extraction_corrected -> Bool,
    }
}

diesel::table! {
    evidence (id) {
        id -> Uuid,
        claim_id -> Uuid,
        url -> Text,
        title -> Nullable<Text>,
        publisher -> Nullable<Text>,
        excerpt -> Nullable<Text>,
        stance -> Text,
        added_by -> Uuid,
        added_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        version -> Int4,
    }
}

diesel::table! {
    comments (id) {
        id -> Uuid,
        claim_id -> Uuid,
        author_id -> Uuid,
        body -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
        version -> Int4,
    }
}

diesel::table! {
    claim_events (id) {
        id -> Int8,
        article_id -> Uuid,
        claim_id -> Nullable<Uuid>,
        actor_id -> Nullable<Uuid>,
        at -> Timestamptz,
        action -> Text,
        before -> Nullable<Jsonb>,
        after -> Nullable<Jsonb>,
    }
}

diesel::table! {
    claim_links (claim_a, claim_b) {
        claim_a -> Uuid,
        claim_b -> Uuid,
        created_by -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(claims -> articles (article_id));
diesel::joinable!(evidence -> claims (claim_id));
diesel::joinable!(comments -> claims (claim_id));
diesel::joinable!(claim_events -> claims (claim_id));
diesel::joinable!(claim_events -> articles (article_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    articles,
    claims,
    evidence,
    comments,
    claim_events,
    claim_links,
);

diesel::table! {
    server_secrets (name) {
        name -> Text,
        value -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    login_failures (key) {
        key -> Text,
        window_start -> Timestamptz,
        failures -> Int4,
    }
}

diesel::table! {
    revoked_sessions (sid) {
        sid -> Uuid,
        expires_at -> Timestamptz,
    }
}

diesel::allow_tables_to_appear_in_same_query!(users, revoked_sessions);
