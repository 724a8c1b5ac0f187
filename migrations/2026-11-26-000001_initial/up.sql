-- pg_trgm powers claim matching across articles (similarity of content).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text NOT NULL CHECK (email = lower(email) AND position('@' IN email) > 1),
    name          text NOT NULL,
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('viewer', 'checker', 'editor', 'admin')),
    -- Bumped on password change or disable: every token issued before is refused.
    token_version integer NOT NULL DEFAULT 0,
    disabled_at   timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE articles (
    id                uuid PRIMARY KEY,
    title             text,
    url               text,
    outlet            text,
    published_at      timestamptz,
    -- The text every span offset points into (code points), exactly as extracted.
    body              text NOT NULL,
    body_sha256       text NOT NULL,
    language          text NOT NULL DEFAULT 'en',
    extractor_version integer NOT NULL,
    created_by        uuid REFERENCES users (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    deleted_at        timestamptz
);
-- The same body twice is the same article (while it is not deleted).
CREATE UNIQUE INDEX articles_body_sha256_key ON articles (body_sha256) WHERE deleted_at IS NULL;
-- Newest-first keyset pagination; ids are UUIDv7, so id order is creation order.
CREATE INDEX articles_live_id_idx ON articles (id DESC) WHERE deleted_at IS NULL;
CREATE INDEX articles_outlet_idx ON articles (outlet, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX articles_title_trgm_idx ON articles USING gin (title gin_trgm_ops);

CREATE TABLE claims (
    id              uuid PRIMARY KEY,
    article_id      uuid NOT NULL REFERENCES articles (id),
    ordinal         integer NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed', 'unattributed')),
    origin          text NOT NULL DEFAULT 'extracted' CHECK (origin IN ('extracted', 'manual')),
    source_start    integer,
    source_end      integer,
    source_text     text,
    cue_start       integer,
    cue_end         integer,
    cue_text        text,
    content_start   integer NOT NULL,
    content_end     integer NOT NULL,
    content_text    text NOT NULL,
    -- [{start, end, text}]: a split quote has several pieces; start/end above are their hull.
    content_pieces  jsonb NOT NULL,
    speaker         text,
    checkworthiness real NOT NULL CHECK (checkworthiness >= 0 AND checkworthiness <= 1),
    status          text NOT NULL DEFAULT 'unreviewed'
                    CHECK (status IN ('unreviewed', 'in_progress', 'verdict_proposed', 'approved')),
    verdict         text,
    verdict_note    text,
    proposed_by     uuid REFERENCES users (id),
    not_a_claim     boolean NOT NULL DEFAULT false,
    assignee_id     uuid REFERENCES users (id),
    -- Optimistic lock: every write must name the version it read.
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    search          tsvector GENERATED ALWAYS AS (
                        setweight(to_tsvector('english', coalesce(content_text, '')), 'A') ||
                        setweight(to_tsvector('english', coalesce(speaker, '')), 'B') ||
                        setweight(to_tsvector('english', coalesce(verdict_note, '')), 'C')
                    ) STORED,
    CHECK (content_start <= content_end),
    CHECK ((source_start IS NULL) = (source_end IS NULL)),
    CHECK ((cue_start IS NULL) = (cue_end IS NULL))
);
CREATE UNIQUE INDEX claims_article_ordinal_key ON claims (article_id, ordinal);
CREATE INDEX claims_status_id_idx ON claims (status, id);
CREATE INDEX claims_verdict_id_idx ON claims (verdict, id) WHERE verdict IS NOT NULL;
CREATE INDEX claims_speaker_idx ON claims (lower(speaker), id) WHERE speaker IS NOT NULL;
CREATE INDEX claims_assignee_idx ON claims (assignee_id, id) WHERE assignee_id IS NOT NULL;
CREATE INDEX claims_search_idx ON claims USING gin (search);
CREATE INDEX claims_content_trgm_idx ON claims USING gin (content_text gin_trgm_ops);

CREATE TABLE evidence (
    id        uuid PRIMARY KEY,
    claim_id  uuid NOT NULL REFERENCES claims (id),
    url       text NOT NULL,
    title     text,
    publisher text,
    excerpt   text,
    stance    text NOT NULL CHECK (stance IN ('supports', 'refutes', 'context')),
    added_by  uuid NOT NULL REFERENCES users (id),
    added_at  timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz
);
CREATE INDEX evidence_claim_idx ON evidence (claim_id, id) WHERE deleted_at IS NULL;

CREATE TABLE comments (
    id         uuid PRIMARY KEY,
    claim_id   uuid NOT NULL REFERENCES claims (id),
    author_id  uuid NOT NULL REFERENCES users (id),
    body       text NOT NULL CHECK (length(body) > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz
);
CREATE INDEX comments_claim_idx ON comments (claim_id, id) WHERE deleted_at IS NULL;

-- The history of everything done to claims and articles. Append-only: the
-- triggers below refuse UPDATE, DELETE and TRUNCATE, whoever asks.
CREATE TABLE claim_events (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id uuid NOT NULL REFERENCES articles (id),
    claim_id   uuid REFERENCES claims (id),
    actor_id   uuid REFERENCES users (id),
    at         timestamptz NOT NULL DEFAULT now(),
    action     text NOT NULL,
    before     jsonb,
    after      jsonb
);
CREATE INDEX claim_events_claim_idx ON claim_events (claim_id, id);
CREATE INDEX claim_events_article_idx ON claim_events (article_id, id);

CREATE FUNCTION claim_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'claim_events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER claim_events_no_update_delete BEFORE UPDATE OR DELETE ON claim_events
    FOR EACH ROW EXECUTE FUNCTION claim_events_append_only();
CREATE TRIGGER claim_events_no_truncate BEFORE TRUNCATE ON claim_events
    FOR EACH STATEMENT EXECUTE FUNCTION claim_events_append_only();

-- The same assertion seen in several articles. Stored once per pair with
-- claim_a < claim_b, so a link has one row whichever side it was made from.
CREATE TABLE claim_links (
    claim_a    uuid NOT NULL REFERENCES claims (id),
    claim_b    uuid NOT NULL REFERENCES claims (id),
    created_by uuid NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (claim_a, claim_b),
    CHECK (claim_a < claim_b)
);
CREATE INDEX claim_links_b_idx ON claim_links (claim_b);
