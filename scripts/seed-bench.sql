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

CREATE TEMP TABLE vocab AS
SELECT row_number() OVER () - 1 AS i, w FROM unnest(string_to_array(
 'government minister president council budget tax rate percent million billion jobs '
 'unemployment inflation economy growth trade tariff deal treaty border police crime '
 'school teachers students hospital doctors patients vaccine health care insurance '
 'water energy oil gas coal wind solar climate emissions carbon flood drought fire '
 'election vote voters campaign poll candidate party senate congress court judge law '
 'ruling appeal prison sentence officials agency report study data survey increase '
 'decrease doubled tripled fell rose highest lowest record since year decade month '
 'week city state country nation region district county village farmers workers union '
 'strike wages pension retirement housing rent prices homes construction bridge road '
 'railway airport port ships trucks cars factory plant mine company profits losses '
 'shares market investors bank loans debt deficit spending cuts program funding grant '
 'military army troops weapons missiles defense security attack war peace talks sanctions '
 'refugees migrants asylum visas immigration citizens residents children families women '
 'men elderly youth community church mosque museum library park stadium festival '
 'ocean river forest island mountain desert coast harbor canal dam pipeline grid battery '
 'internet phone software data privacy hackers fraud scam fines penalty audit inspector '
 'mayor governor chancellor premier cabinet parliament assembly committee hearing inquiry '
 'promise pledge plan strategy policy reform bill act decree order ban limit cap quota '
 'food bread milk wheat rice corn beef fish sugar coffee', ' ')) AS w;

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
SELECT (SELECT array_agg(w ORDER BY i) FROM vocab) AS v, (SELECT array_agg(name ORDER BY i) FROM speakers) AS sp;

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
  SELECT a, c, n, r2,
         sp[1 + (a * 31 + c * 7) % 500] AS spk,
         CASE WHEN r < 0.70 THEN 'unreviewed' WHEN r < 0.85 THEN 'in_progress' WHEN r < 0.93 THEN 'verdict_proposed' ELSE 'approved' END AS st,
         v[1 + (a * 13 + c * 3) % 200] || ' ' || v[1 + (a * 17 + c * 5) % 200] || ' ' || v[1 + (a * 19 + c * 11) % 200] || ' ' ||
         v[1 + (a * 23 + c) % 200] || ' ' || v[1 + (a * 29 + c * 13) % 200] || ' ' || v[1 + (a * 31 + c * 17) % 200] || ' ' ||
         v[1 + (a * 37 + c * 19) % 200] || ' ' || v[1 + (a * 41 + c * 23) % 200] || ' ' || v[1 + (a + c * 29) % 200] || ' ' ||
         v[1 + (a * 43 + c * 31) % 200] || ' ' || v[1 + (a * 47 + c * 37) % 200] || ' ' || v[1 + (a * 53 + c * 41) % 200] || ' ' ||
         ((a * c) % 1000)::text || ' percent' AS txt
  FROM (SELECT a, c, (a - 1) * :per + c AS n, random() AS r, random() AS r2
        FROM generate_series(1, :articles) AS a, generate_series(0, :per - 1) AS c) g, arrs
) s;
COMMIT;
ANALYZE articles;
ANALYZE claims;
SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM claims) AS claims;
