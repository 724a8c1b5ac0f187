-- Synthetic load for the claim-list and claim-matching benchmarks:
-- :articles articles with :per claims each (defaults 50,000 × 20 = 1,000,000).
-- Run on a migrated, empty database:
--   psql "$DATABASE_URL" -v articles=50000 -v per=20 -f scripts/seed-bench.sql
-- Text is built from a fixed vocabulary with a seeded generator, so runs are
-- repeatable; ids are time-ordered like the app's UUIDv7 ids.
\set ON_ERROR_STOP on
\if :{?articles} \else \set articles 50000 \endif
\if :{?per} \else \set per 20 \endif
SELECT setseed(0.42);

BEGIN;
INSERT INTO users (id, email, name, password_hash, role)
VALUES ('01900000-0000-7000-8000-000000000001', 'seed@claimdesk.local', 'Seed', '!', 'editor')
ON CONFLICT DO NOTHING;

-- A 20,000-word vocabulary of pseudo-words, drawn with a Zipf-like skew
-- (common words are common), so claims share words the way news text does.
CREATE TEMP TABLE syl AS
SELECT row_number() OVER () - 1 AS i, s FROM unnest(string_to_array(
 'ba be bi bo bu da de di do du fa fe fi fo fu ga ge gi go gu ka ke ki ko ku la le li lo lu '
 'ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu', ' ')) AS s;
CREATE TEMP TABLE vocab AS
SELECT row_number() OVER (ORDER BY md5(a.s || b.s || coalesce(c.s, ''))) - 1 AS i,
       a.s || b.s || coalesce(c.s, '') AS w
FROM syl a, syl b, (SELECT s FROM syl UNION ALL SELECT NULL) c
LIMIT 20000;
ALTER TABLE vocab ADD PRIMARY KEY (i);

-- Word k of the claim with text seed t: deterministic, skewed to low ranks.
-- (A lookup in the indexed table: subscripting a 20,000-element text array
-- walks it from the start every time.)
CREATE FUNCTION pg_temp.w(t bigint, k int) RETURNS text LANGUAGE sql STABLE AS
$$ SELECT w FROM vocab WHERE i = floor(20000 * power((abs(hashint8(t * 37 + k)) % 1000000) / 1000000.0, 3))::int $$;

CREATE TEMP TABLE speakers AS
SELECT i, (ARRAY['Dana','Ray','Maria','Ken','Aisha','Tom','Li','Olga','Juan','Priya'])[1 + i % 10]
       || ' ' || (ARRAY['Whitfield','Okafor','Silva','Tanaka','Rahman','Berg','Chen','Novak','Reyes','Shah',
                        'Moreau','Kowalski','Haddad','Ibsen','Lund','Mensah','Costa','Weber','Quinn','Duarte'])[1 + (i / 10) % 20]
       || CASE WHEN i >= 200 THEN ' ' || (i / 200)::text ELSE '' END AS name
FROM generate_series(0, 499) AS i;

INSERT INTO articles (id, title, outlet, body, body_sha256, extractor_version, created_by, created_at)
SELECT ('01900000-0000-7000-8000-' || lpad(to_hex(a), 12, '0'))::uuid,
       'Seeded article ' || a || ': ' || (SELECT w FROM vocab WHERE i = a % 200) || ' and ' || (SELECT w FROM vocab WHERE i = (a * 7) % 200),
       (ARRAY['Daily Ledger','Harbor Times','Valley Post','Metro Wire','Coast Herald'])[1 + a % 5],
       'Seeded body ' || a,
       md5('seed-article-' || a) || md5('seed-article-' || a),
       1,
       '01900000-0000-7000-8000-000000000001',
       now() - make_interval(secs => (:articles - a))
FROM generate_series(1, :articles) AS a;

-- Claim text: 12 words drawn from the vocabulary, plus a number.
CREATE TEMP TABLE arrs AS
SELECT (SELECT array_agg(name ORDER BY i) FROM speakers) AS sp;

INSERT INTO claims (id, article_id, ordinal, kind, content_start, content_end, content_text, content_pieces,
                    speaker, source_start, source_end, source_text, cue_start, cue_end, cue_text,
                    checkworthiness, status, verdict, version)
SELECT ('01900000-0000-7000-9000-' || lpad(to_hex(n), 12, '0'))::uuid,
       ('01900000-0000-7000-8000-' || lpad(to_hex(a), 12, '0'))::uuid,
       c,
       CASE WHEN n % 4 = 0 THEN 'unattributed' WHEN n % 4 = 1 THEN 'direct' ELSE 'indirect' END,
       0, length(txt), txt, jsonb_build_array(jsonb_build_object('start', 0, 'end', length(txt), 'text', txt)),
       CASE WHEN n % 4 = 0 THEN NULL ELSE spk END,
       CASE WHEN n % 4 = 0 THEN NULL ELSE 0 END, CASE WHEN n % 4 = 0 THEN NULL ELSE 5 END, CASE WHEN n % 4 = 0 THEN NULL ELSE spk END,
       CASE WHEN n % 4 = 0 THEN NULL ELSE 0 END, CASE WHEN n % 4 = 0 THEN NULL ELSE 4 END, CASE WHEN n % 4 = 0 THEN NULL ELSE 'said' END,
       round(r2::numeric, 3)::real,
       st,
       CASE WHEN st IN ('verdict_proposed', 'approved') THEN (ARRAY['true','mostly_true','mixed','mostly_false','false'])[1 + n % 5] END,
       1
FROM (
  SELECT a, c, n, r2, t,
         sp[1 + (a * 31 + c * 7) % 500] AS spk,
         CASE WHEN r < 0.70 THEN 'unreviewed' WHEN r < 0.85 THEN 'in_progress' WHEN r < 0.93 THEN 'verdict_proposed' ELSE 'approved' END AS st,
         pg_temp.w(t, 1) || ' ' || pg_temp.w(t, 2) || ' ' || pg_temp.w(t, 3) || ' ' || pg_temp.w(t, 4) || ' ' ||
         pg_temp.w(t, 5) || ' ' || pg_temp.w(t, 6) || ' ' || pg_temp.w(t, 7) || ' ' || pg_temp.w(t, 8) || ' ' ||
         pg_temp.w(t, 9) || ' ' || pg_temp.w(t, 10) || ' ' || pg_temp.w(t, 11) || ' ' ||
         pg_temp.w(n, CASE WHEN t = n THEN 12 ELSE 99 END) || ' ' || (t % 1000)::text || ' percent' AS txt
  FROM (SELECT a, c, n, r, r2,
               -- One claim in twenty repeats, one word changed, an assertion
               -- made seven articles earlier: the twins claim matching finds.
               CASE WHEN n % 20 = 7 AND a > 7 THEN n - 7 * :per ELSE n END AS t
        FROM (SELECT a, c, (a - 1) * :per + c AS n, random() AS r, random() AS r2
              FROM generate_series(1, :articles) AS a, generate_series(0, :per - 1) AS c) g0) g, arrs
) s;
COMMIT;
ANALYZE articles;
ANALYZE claims;
SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM claims) AS claims;
