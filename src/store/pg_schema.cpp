// The PostgreSQL schema migrations (see pg_impl.hpp). Each runs in the migrating transaction, with
// the store's schema first on the search_path.
//
// Every table but organizations has org_id leading its primary key and every index, so the schema can
// be distributed by organization (Citus: `SELECT create_distributed_table('records', 'org_id')` for
// each, organizations as a reference table) without change; see docs/deployment-postgresql.md.
// Text keys are COLLATE "C": byte order, as SQLite compares them ("after this id" paging gives the
// same answers on both engines), and cheaper than a locale's collation.
#include "pg_impl.hpp"

namespace propos::pg_impl {

const std::vector<const char*> kPgMigrations = {
    // v1: everything of the SQLite schema v6, in PostgreSQL's words.
    R"sql(
-- The extensions live once per database, in a schema of their own that no PropOS schema owns (two
-- stores in one database share them, and dropping one store's schema leaves the other's intact), or
-- wherever the database already has them.
CREATE SCHEMA IF NOT EXISTS propos_extensions;
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA propos_extensions;
CREATE EXTENSION IF NOT EXISTS btree_gin SCHEMA propos_extensions;
-- Keyword search: English stemming ("leaking" finds "leak") with diacritics folded ("café" = "cafe"),
-- as SQLite's porter unicode61 remove_diacritics tokenizer does.
CREATE TEXT SEARCH CONFIGURATION propos_text (COPY = pg_catalog.english);
DO $$
DECLARE ext_schema text;
BEGIN
    SELECT n.nspname INTO ext_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'unaccent';
    EXECUTE format('ALTER TEXT SEARCH CONFIGURATION propos_text ALTER MAPPING FOR hword, hword_part, '
                   'word WITH %I.unaccent, english_stem', ext_schema);
END $$;

CREATE TABLE organizations (
    id          text COLLATE "C" PRIMARY KEY,
    name        text NOT NULL,
    created_ms  bigint NOT NULL,
    data        text NOT NULL
);
CREATE TABLE records (
    org_id      text COLLATE "C" NOT NULL REFERENCES organizations(id),
    kind        text COLLATE "C" NOT NULL,
    id          text COLLATE "C" NOT NULL,
    parent      text COLLATE "C" NOT NULL DEFAULT '',
    status      text COLLATE "C" NOT NULL DEFAULT '',
    lookup      text COLLATE "C" NOT NULL DEFAULT '',
    alt_lookup  text COLLATE "C" NOT NULL DEFAULT '',
    time_ms     bigint NOT NULL DEFAULT 0,
    ref         text COLLATE "C" NOT NULL DEFAULT '',
    data        text NOT NULL,
    PRIMARY KEY (org_id, kind, id)
);
CREATE INDEX records_by_parent ON records (org_id, kind, parent, time_ms, id);
CREATE INDEX records_by_status ON records (org_id, kind, status, time_ms, id);
CREATE INDEX records_by_lookup ON records (org_id, kind, lookup);
CREATE INDEX records_by_alt_lookup ON records (org_id, kind, alt_lookup);
CREATE INDEX records_by_time ON records (org_id, kind, time_ms, id);
CREATE INDEX records_by_ref ON records (org_id, kind, ref, time_ms, id) WHERE ref <> '';
CREATE TABLE record_parts (
    org_id  text COLLATE "C" NOT NULL REFERENCES organizations(id),
    kind    text COLLATE "C" NOT NULL,
    id      text COLLATE "C" NOT NULL,
    part    bigint NOT NULL,
    data    text NOT NULL,
    PRIMARY KEY (org_id, kind, id, part)
);
CREATE TABLE counters (
    org_id  text COLLATE "C" NOT NULL REFERENCES organizations(id),
    name    text COLLATE "C" NOT NULL,
    next    bigint NOT NULL,
    PRIMARY KEY (org_id, name)
);

CREATE TABLE raw_payloads (
    org_id        text COLLATE "C" NOT NULL REFERENCES organizations(id),
    id            bigserial,
    source        text NOT NULL,
    content_type  text NOT NULL,
    body          bytea NOT NULL,
    received_ms   bigint NOT NULL,
    status        text COLLATE "C" NOT NULL DEFAULT 'received',
    error         text NOT NULL DEFAULT '',
    PRIMARY KEY (org_id, id)
);
CREATE INDEX raw_payloads_by_status ON raw_payloads (org_id, status, id);

CREATE TABLE audit_events (
    org_id          text COLLATE "C" NOT NULL REFERENCES organizations(id),
    seq             bigint NOT NULL,
    at_ms           bigint NOT NULL,
    actor           text NOT NULL,
    action          text NOT NULL,
    entity_kind     text COLLATE "C" NOT NULL,
    entity_id       text COLLATE "C" NOT NULL,
    correlation_id  text NOT NULL,
    data            text NOT NULL,
    prev_hash       text NOT NULL,
    hash            text NOT NULL,
    PRIMARY KEY (org_id, seq)
);
CREATE INDEX audit_by_entity ON audit_events (org_id, entity_kind, entity_id, seq);
CREATE TABLE audit_heads (
    org_id  text COLLATE "C" PRIMARY KEY REFERENCES organizations(id),
    seq     bigint NOT NULL,
    hash    text NOT NULL
);
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END $$;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TABLE jobs (
    org_id           text COLLATE "C" NOT NULL REFERENCES organizations(id),
    id               bigserial,
    type             text COLLATE "C" NOT NULL,
    payload          text NOT NULL,
    priority         integer NOT NULL,
    state            text COLLATE "C" NOT NULL,
    run_at_ms        bigint NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    max_attempts     integer NOT NULL,
    idempotency_key  text COLLATE "C",
    correlation_id   text NOT NULL DEFAULT '',
    lease_token      text NOT NULL DEFAULT '',
    lease_until_ms   bigint,
    last_error       text NOT NULL DEFAULT '',
    created_ms       bigint NOT NULL,
    updated_ms       bigint NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX jobs_by_idempotency_key ON jobs (org_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
-- Partial indexes: a job sits in at most one of them, and finished jobs leave them.
CREATE INDEX jobs_due ON jobs (org_id, priority DESC, run_at_ms, id) WHERE state = 'pending';
CREATE INDEX jobs_by_lease ON jobs (org_id, lease_until_ms) WHERE state = 'running';
CREATE INDEX jobs_dead ON jobs (org_id, id) WHERE state = 'dead';
CREATE INDEX jobs_done ON jobs (org_id, updated_ms) WHERE state = 'done';
CREATE TABLE schedules (
    org_id       text COLLATE "C" NOT NULL REFERENCES organizations(id),
    name         text COLLATE "C" NOT NULL,
    cron         text NOT NULL,
    job          text NOT NULL,
    next_run_ms  bigint NOT NULL,
    PRIMARY KEY (org_id, name)
);

-- Search documents: the change sequence of each organization lives in search_orgs (a row lock
-- hands sequence numbers out in commit order, so an index that catches up "after seq S" misses
-- nothing written by another worker).
CREATE TABLE search_orgs (
    org_id  text COLLATE "C" PRIMARY KEY REFERENCES organizations(id),
    seq     bigint NOT NULL DEFAULT 0
);
CREATE TABLE search_docs (
    org_id       text COLLATE "C" NOT NULL REFERENCES organizations(id),
    doc_id       bigserial,
    kind         text COLLATE "C" NOT NULL,
    entity_id    text COLLATE "C" NOT NULL,
    property_id  text COLLATE "C" NOT NULL DEFAULT '',
    unit_id      text COLLATE "C" NOT NULL DEFAULT '',
    at_ms        bigint NOT NULL DEFAULT 0,
    text         text NOT NULL DEFAULT '',
    embedding    bytea,
    seq          bigint NOT NULL,
    deleted      boolean NOT NULL DEFAULT false,
    tsv          tsvector NOT NULL DEFAULT ''::tsvector,
    PRIMARY KEY (org_id, doc_id)
);
CREATE UNIQUE INDEX search_docs_by_entity ON search_docs (org_id, kind, entity_id);
CREATE INDEX search_docs_by_seq ON search_docs (org_id, seq);
CREATE INDEX search_docs_by_filter ON search_docs (org_id, property_id, unit_id, at_ms)
    WHERE NOT deleted;
-- btree_gin: the organization leads the full-text index too.
CREATE INDEX search_docs_text ON search_docs USING gin (org_id, tsv) WHERE NOT deleted;
CREATE TABLE search_meta (
    org_id  text COLLATE "C" NOT NULL REFERENCES organizations(id),
    key     text COLLATE "C" NOT NULL,
    value   text NOT NULL,
    PRIMARY KEY (org_id, key)
);

-- Row-level security, the second wall between organizations: every transaction sets propos.org_id
-- (set_config(..., true): for the transaction only) to the organization of each call, and these
-- policies let it see and write that organization's rows only. FORCE: the owner too.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['records', 'record_parts', 'counters', 'raw_payloads', 'audit_events',
                             'audit_heads', 'jobs', 'schedules', 'search_orgs', 'search_docs',
                             'search_meta'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY org_scope ON %I '
                       'USING (org_id = current_setting(''propos.org_id'', true)) '
                       'WITH CHECK (org_id = current_setting(''propos.org_id'', true))', t);
    END LOOP;
END $$;
)sql",
};

}  // namespace propos::pg_impl
