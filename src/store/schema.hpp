// Private: the SQLite schema migrations. Each entry upgrades version i to i+1 and runs in one transaction.
#pragma once

#include <array>

namespace propos::sqlite_schema {

/// 'PROP' — identifies a PropOS database in the SQLite header (PRAGMA application_id).
inline constexpr int kApplicationId = 0x50524F50;

inline constexpr std::array<const char*, 7> kMigrations = {
    // v1: the ground floor.
    R"sql(
CREATE TABLE organizations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_ms  INTEGER NOT NULL,
    data        TEXT NOT NULL
);
CREATE TABLE records (
    org_id      TEXT NOT NULL REFERENCES organizations(id),
    kind        TEXT NOT NULL,
    id          TEXT NOT NULL,
    parent      TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT '',
    lookup      TEXT NOT NULL DEFAULT '',
    alt_lookup  TEXT NOT NULL DEFAULT '',
    time_ms     INTEGER NOT NULL DEFAULT 0,
    data        TEXT NOT NULL,
    PRIMARY KEY (org_id, kind, id)
) WITHOUT ROWID;
CREATE INDEX records_by_parent ON records (org_id, kind, parent, time_ms);
CREATE INDEX records_by_status ON records (org_id, kind, status, time_ms);
CREATE INDEX records_by_lookup ON records (org_id, kind, lookup);
CREATE INDEX records_by_alt_lookup ON records (org_id, kind, alt_lookup);
CREATE INDEX records_by_time ON records (org_id, kind, time_ms, id);

CREATE TABLE raw_payloads (
    id            INTEGER PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organizations(id),
    source        TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    body          BLOB NOT NULL,
    received_ms   INTEGER NOT NULL,
    status        TEXT NOT NULL DEFAULT 'received',
    error         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX raw_payloads_by_status ON raw_payloads (org_id, status, id);

CREATE TABLE audit_events (
    org_id          TEXT NOT NULL REFERENCES organizations(id),
    seq             INTEGER NOT NULL,
    at_ms           INTEGER NOT NULL,
    actor           TEXT NOT NULL,
    action          TEXT NOT NULL,
    entity_kind     TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    correlation_id  TEXT NOT NULL,
    data            TEXT NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL,
    PRIMARY KEY (org_id, seq)
) WITHOUT ROWID;
CREATE INDEX audit_by_entity ON audit_events (org_id, entity_kind, entity_id, seq);
CREATE TABLE audit_heads (
    org_id  TEXT PRIMARY KEY REFERENCES organizations(id),
    seq     INTEGER NOT NULL,
    hash    TEXT NOT NULL
);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

CREATE TABLE jobs (
    id               INTEGER PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES organizations(id),
    type             TEXT NOT NULL,
    payload          TEXT NOT NULL,
    priority         INTEGER NOT NULL,
    state            TEXT NOT NULL,
    run_at_ms        INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    max_attempts     INTEGER NOT NULL,
    idempotency_key  TEXT,
    correlation_id   TEXT NOT NULL DEFAULT '',
    lease_token      TEXT NOT NULL DEFAULT '',
    lease_until_ms   INTEGER,
    last_error       TEXT NOT NULL DEFAULT '',
    created_ms       INTEGER NOT NULL,
    updated_ms       INTEGER NOT NULL
);
CREATE UNIQUE INDEX jobs_by_idempotency_key ON jobs (org_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
-- Partial indexes: a job sits in at most one of them, and finished jobs leave them.
CREATE INDEX jobs_due ON jobs (org_id, priority DESC, run_at_ms, id) WHERE state = 'pending';
CREATE INDEX jobs_by_lease ON jobs (org_id, lease_until_ms) WHERE state = 'running';
CREATE INDEX jobs_dead ON jobs (org_id, id) WHERE state = 'dead';
CREATE INDEX jobs_done ON jobs (org_id, updated_ms) WHERE state = 'done';

CREATE TABLE schedules (
    org_id       TEXT NOT NULL REFERENCES organizations(id),
    name         TEXT NOT NULL,
    cron         TEXT NOT NULL,
    job          TEXT NOT NULL,
    next_run_ms  INTEGER NOT NULL,
    PRIMARY KEY (org_id, name)
) WITHOUT ROWID;
)sql",
    // v2: search documents (propos/search). The text, filter attributes and embedding of every
    // searchable entity, with a per-organization change sequence (seq): a vector index saved at seq S
    // catches up from the rows with seq > S. Deleted documents stay as tombstones (deleted = 1, no
    // text, no embedding) until an index that has seen them is saved. Each organization gets its own
    // FTS5 table, search_fts_<fts_table>, created on first use, so BM25 statistics (document count,
    // document frequencies, average length) never mix organizations.
    R"sql(
CREATE TABLE search_orgs (
    org_id     TEXT PRIMARY KEY REFERENCES organizations(id),
    fts_table  INTEGER NOT NULL UNIQUE,
    seq        INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE search_docs (
    doc_id       INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id       TEXT NOT NULL REFERENCES organizations(id),
    kind         TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    property_id  TEXT NOT NULL DEFAULT '',
    unit_id      TEXT NOT NULL DEFAULT '',
    at_ms        INTEGER NOT NULL DEFAULT 0,
    text         TEXT NOT NULL DEFAULT '',
    embedding    BLOB,
    seq          INTEGER NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX search_docs_by_entity ON search_docs (org_id, kind, entity_id);
CREATE INDEX search_docs_by_seq ON search_docs (org_id, seq);
CREATE INDEX search_docs_by_time ON search_docs (org_id, at_ms) WHERE deleted = 0;
CREATE TABLE search_meta (
    org_id  TEXT NOT NULL REFERENCES organizations(id),
    key     TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (org_id, key)
) WITHOUT ROWID;
)sql",
    // v3: record parts (Transaction::put_record_part). A record that grows by appending (an agent
    // run's conversation) keeps its growing part here, one row per part written once, instead of
    // rewriting all of it in its `records` row on every change. A rowid table: parts of a few KiB
    // stay on their leaf page (a WITHOUT ROWID row spills to overflow pages past ~1 KiB).
    R"sql(
CREATE TABLE record_parts (
    org_id  TEXT NOT NULL REFERENCES organizations(id),
    kind    TEXT NOT NULL,
    id      TEXT NOT NULL,
    part    INTEGER NOT NULL,
    data    TEXT NOT NULL,
    UNIQUE (org_id, kind, id, part)
);
)sql",
    // v4: a `ref` key (RecordKeys::ref: the vendor assigned to a work order), counted per value
    // from a covering index (Transaction::count_by_ref) instead of reading every matching record,
    // and listed by value (ListOptions::ref) in time order. The indexes hold only records that have
    // one; existing work orders get theirs from their data.
    //
    // And planner statistics for `records`. Without any, SQLite's planner prefers the primary key's
    // (org_id, kind) prefix, or records_by_time for the ORDER BY, over records_by_lookup for a
    // WITHOUT ROWID table, so a lookup by phone or provider message id read every record of the
    // kind in the organization. These figures describe a large store (an organization's kind has
    // ~10,000 records; a lookup value, a parent and a ref match a few, a status many); ANALYZE
    // replaces them with measured ones. Written only where no statistics exist for `records`
    // (ANALYZE of the small organizations table creates sqlite_stat1).
    R"sql(
ALTER TABLE records ADD COLUMN ref TEXT NOT NULL DEFAULT '';
UPDATE records SET ref = json_extract(data, '$.vendor_id')
    WHERE kind = 'work_order' AND json_type(data, '$.vendor_id') = 'text';
CREATE INDEX records_by_ref ON records (org_id, kind, status, ref) WHERE ref <> '';
CREATE INDEX records_by_ref_time ON records (org_id, kind, ref, time_ms) WHERE ref <> '';
ANALYZE organizations;
INSERT INTO sqlite_stat1 (tbl, idx, stat)
    SELECT 'records', v.idx, v.stat FROM (
        SELECT 'records' AS idx, '1000000 100000 10000 1' AS stat
        UNION ALL SELECT 'records_by_parent', '1000000 100000 10000 20 2 1'
        UNION ALL SELECT 'records_by_status', '1000000 100000 10000 2000 2 1'
        UNION ALL SELECT 'records_by_lookup', '1000000 100000 10000 2 1'
        UNION ALL SELECT 'records_by_alt_lookup', '1000000 100000 10000 2 1'
        UNION ALL SELECT 'records_by_time', '1000000 100000 10000 2 1'
        UNION ALL SELECT 'records_by_ref', '100000 10000 2000 400 20 1'
        UNION ALL SELECT 'records_by_ref_time', '100000 10000 2000 20 2 1') AS v
    WHERE NOT EXISTS (SELECT 1 FROM sqlite_stat1 WHERE tbl = 'records');
ANALYZE sqlite_schema;
)sql",
    // v5: covering indexes for the history search's filters (kind, property, unit, time) over live
    // documents. search_docs_live is keyed by doc_id: the keyword search checks each FTS5 match
    // against it instead of reading the document's row (its text and embedding, ~2 KiB);
    // search_docs_by_filter lists the live documents of a kind and property in doc_id order (the
    // vector search's allowed ids) without reading the rows either.
    R"sql(
CREATE INDEX search_docs_live ON search_docs (doc_id, org_id, kind, property_id, unit_id, at_ms)
    WHERE deleted = 0;
CREATE INDEX search_docs_by_filter ON search_docs (org_id, kind, property_id, doc_id, unit_id, at_ms)
    WHERE deleted = 0;
)sql",
    // v6 (issue 19, backlog and size): each organization's FTS5 table becomes an external-content
    // index over search_docs (the text is kept once, in search_docs, instead of a second copy in the
    // FTS5 table's own content table) with a second indexed column, `kind`, so a search restricted
    // to some kinds walks only their documents (`kind : "work_order" AND text : (...)`) instead of
    // every message of the backlog. The per-organization tables are rebuilt by code after this
    // statement (SqliteStore: migrate_search_fts), in the same transaction.
    R"sql(
SELECT 1;
)sql",
    // v7 (issue 23, storage per message): `records` and `audit_events` become rowid tables. As
    // WITHOUT ROWID tables they were index b-trees, whose cells keep at most ~1 KiB of a row on its
    // page (4 KiB pages): the rest of a larger row (an agent run, a work order with its history, an
    // audit entry with a tool's result) went to an overflow page of its own, mostly empty — 30% of
    // both tables' bytes were unused space on such pages (300 SMS through the sample portfolio).
    // A rowid table keeps rows up to ~4 KiB on their page. Their keys become unique indexes
    // (records_by_key, audit_by_seq); the secondary indexes point at the rowid, and those read in
    // (time, id) order end with the id the key used to add to them. The planner statistics of v4
    // are written again for the new indexes (DROP TABLE removes a table's statistics; ANALYZE
    // replaces them with measured ones).
    R"sql(
CREATE TABLE records_v7 (
    org_id      TEXT NOT NULL REFERENCES organizations(id),
    kind        TEXT NOT NULL,
    id          TEXT NOT NULL,
    parent      TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT '',
    lookup      TEXT NOT NULL DEFAULT '',
    alt_lookup  TEXT NOT NULL DEFAULT '',
    time_ms     INTEGER NOT NULL DEFAULT 0,
    data        TEXT NOT NULL,
    ref         TEXT NOT NULL DEFAULT ''
);
INSERT INTO records_v7 (org_id, kind, id, parent, status, lookup, alt_lookup, time_ms, data, ref)
    SELECT org_id, kind, id, parent, status, lookup, alt_lookup, time_ms, data, ref FROM records
    ORDER BY org_id, kind, id;
DROP TABLE records;
ALTER TABLE records_v7 RENAME TO records;
CREATE UNIQUE INDEX records_by_key ON records (org_id, kind, id);
CREATE INDEX records_by_parent ON records (org_id, kind, parent, time_ms, id);
CREATE INDEX records_by_status ON records (org_id, kind, status, time_ms, id);
CREATE INDEX records_by_lookup ON records (org_id, kind, lookup);
CREATE INDEX records_by_alt_lookup ON records (org_id, kind, alt_lookup);
CREATE INDEX records_by_time ON records (org_id, kind, time_ms, id);
CREATE INDEX records_by_ref ON records (org_id, kind, status, ref) WHERE ref <> '';
CREATE INDEX records_by_ref_time ON records (org_id, kind, ref, time_ms, id) WHERE ref <> '';
INSERT INTO sqlite_stat1 (tbl, idx, stat)
    SELECT 'records', v.idx, v.stat FROM (
        SELECT 'records_by_key' AS idx, '1000000 100000 10000 1' AS stat
        UNION ALL SELECT 'records_by_parent', '1000000 100000 10000 20 2 1'
        UNION ALL SELECT 'records_by_status', '1000000 100000 10000 2000 2 1'
        UNION ALL SELECT 'records_by_lookup', '1000000 100000 10000 2'
        UNION ALL SELECT 'records_by_alt_lookup', '1000000 100000 10000 2'
        UNION ALL SELECT 'records_by_time', '1000000 100000 10000 2 1'
        UNION ALL SELECT 'records_by_ref', '100000 10000 2000 400 20'
        UNION ALL SELECT 'records_by_ref_time', '100000 10000 2000 20 2 1') AS v;

DROP TRIGGER audit_events_no_update;
DROP TRIGGER audit_events_no_delete;
CREATE TABLE audit_events_v7 (
    org_id          TEXT NOT NULL REFERENCES organizations(id),
    seq             INTEGER NOT NULL,
    at_ms           INTEGER NOT NULL,
    actor           TEXT NOT NULL,
    action          TEXT NOT NULL,
    entity_kind     TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    correlation_id  TEXT NOT NULL,
    data            TEXT NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);
INSERT INTO audit_events_v7 (org_id, seq, at_ms, actor, action, entity_kind, entity_id,
                             correlation_id, data, prev_hash, hash)
    SELECT org_id, seq, at_ms, actor, action, entity_kind, entity_id, correlation_id, data,
           prev_hash, hash FROM audit_events ORDER BY org_id, seq;
DROP TABLE audit_events;
ALTER TABLE audit_events_v7 RENAME TO audit_events;
CREATE UNIQUE INDEX audit_by_seq ON audit_events (org_id, seq);
CREATE INDEX audit_by_entity ON audit_events (org_id, entity_kind, entity_id, seq);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
ANALYZE sqlite_schema;
)sql",
};

}  // namespace propos::sqlite_schema
