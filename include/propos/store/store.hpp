/// @file store.hpp
/// @brief The `Store` interface: durable, transactional, organization-scoped storage of everything
/// PropOS knows, plus `open_sqlite_store()`, the embedded default.
///
/// Every read and write takes an `OrgId`; no call reads across organizations (the one exception is
/// `Store::list_organizations()`, which reads only the organizations themselves). The interface assumes
/// nothing SQLite-specific, so it can be implemented on PostgreSQL without changing callers.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/error.hpp"
#include "propos/core/json.hpp"
#include "propos/export.hpp"
#include "propos/model/oversight.hpp"
#include "propos/model/portfolio.hpp"
#include "propos/store/job.hpp"
#include "propos/store/records.hpp"

namespace propos {

/// @brief Filters for `Transaction::list`. Empty fields do not filter.
struct ListOptions {
    std::string parent;  ///< Records whose parent key equals this.
    std::string status;  ///< Records whose status key equals this.
    std::string lookup;  ///< Records whose lookup or alt_lookup key equals this.
    std::string ref;     ///< Records whose ref key equals this (a work order's vendor).
    /// Records whose id sorts after this one (ids compared as text); the list is then ordered by id.
    /// Used to poll logs whose ids increase (events).
    std::string after_id;
    /// Records whose time key (`RecordKeys::time_ms`: a message's time, a work order's creation...)
    /// is at or after `since` / before `before`. With `parent` the range is read from the parent's
    /// index in time order, so a window of a long thread reads only the window (issue 19: cost
    /// flat with the backlog). Unset: no bound.
    std::optional<Timestamp> since;
    std::optional<Timestamp> before;
    bool newest_first = false;
    std::size_t limit = 0;  ///< 0: no limit.
    std::size_t offset = 0;
};

/// @brief A raw inbound payload (webhook body, CLI line) kept before parsing.
struct RawPayload {
    std::int64_t id = 0;
    std::string source;        ///< e.g. "twilio", "sendgrid", "cli".
    std::string content_type;
    std::string body;
    Timestamp received_at{};
    std::string status;        ///< "received", "processed" or "dead".
    std::string error;         ///< Why it is a dead letter.
};

/// @brief Which raw payloads `Transaction::query_raw_payloads` returns (all conditions hold).
struct RawPayloadQuery {
    std::string status;                ///< "received", "processed", "dead"; "" for any.
    std::vector<std::string> sources;  ///< Any of these sources; empty for any source.
    std::int64_t after_id = 0;         ///< Only ids above this one (paging).
    std::size_t limit = 0;             ///< At most this many, oldest first; 0: no limit.
    bool with_bodies = true;           ///< false: `body` left empty (ids and metadata only).
};

/// @brief The result of checking an organization's audit chain.
struct AuditVerification {
    bool ok = true;
    std::int64_t entries = 0;        ///< Entries checked.
    std::int64_t first_bad_seq = 0;  ///< 0 when ok.
    std::string problem;             ///< What is wrong and where; empty when ok.
};

/// @brief One document of an organization's search index: the searchable text of one entity (a
/// message, a work order, a note...), the attributes searches filter on, and its embedding.
///
/// Search documents are derived data kept for `propos/search` (see `HistorySearch`): the entity
/// records stay the source of truth. A document is identified by (organization, kind, entity_id);
/// the store gives it a `doc_id` that is unique across the whole store, stays the same while the
/// document is updated and is never reused for another document, so it can label a vector.
struct SearchDocument {
    std::int64_t doc_id = 0;  ///< Set by the store; ignored on input.
    /// Set by the store: the organization's change sequence number of the last write to this document
    /// (1, 2, 3... per organization, also bumped by erasures).
    std::int64_t seq = 0;
    std::string kind;         ///< e.g. "message", "work_order", "note". Required.
    std::string entity_id;    ///< Id of the entity within its kind. Required.
    std::string property_id;  ///< Property the entity belongs to, or "".
    std::string unit_id;      ///< Unit the entity belongs to, or "".
    Timestamp at{};           ///< When it happened (date-range filters use it).
    std::string text;         ///< The text indexed for keyword search and embedded.
    /// The embedding of `text` (any dimension; empty: none yet). Stored as float32.
    std::vector<float> embedding;
    /// True for a tombstone: an erased document returned by `list_search_changes` (no text, no
    /// embedding).
    bool deleted = false;
};

/// @brief Filters of a search. Every set field must match; empty fields do not filter.
struct SearchFilter {
    std::vector<std::string> kinds;  ///< Documents of one of these kinds.
    std::string property_id;         ///< Documents of this property.
    std::string unit_id;             ///< Documents of this unit.
    std::optional<Timestamp> from;   ///< Documents with `at >= from`.
    std::optional<Timestamp> until;  ///< Documents with `at < until`.
    /// @brief True when nothing is filtered.
    bool empty() const noexcept {
        return kinds.empty() && property_id.empty() && unit_id.empty() && !from && !until;
    }
};

/// @brief A keyword-search match.
struct KeywordHit {
    std::int64_t doc_id = 0;
    /// Relevance, higher is better: the negated Okapi BM25 score (SQLite FTS5 `bm25()`), computed with
    /// the statistics of the document's own organization only.
    double score = 0;
};

/// @brief Counts of an organization's search documents.
struct SearchDocStats {
    std::int64_t live = 0;        ///< Documents (not tombstones).
    std::int64_t tombstones = 0;  ///< Erased documents not purged yet.
    std::int64_t seq = 0;         ///< The organization's last change sequence number (0: none yet).
    std::vector<std::pair<std::string, std::int64_t>> live_by_kind;  ///< (kind, count), by kind.
};

/// @brief One unit of work against the store, handed to `Store::write` / `Store::read` callbacks.
///
/// Valid only inside the callback and only on the thread that runs it. In a read transaction every
/// mutating call throws `Error(kFailedPrecondition)`.
class PROPOS_EXPORT Transaction {
public:
    virtual ~Transaction() = default;
    Transaction() = default;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // ---- organizations ----
    /// @brief Creates or replaces an organization.
    virtual void put_organization(const Organization& org) = 0;
    /// @brief The organization, or nullopt.
    virtual std::optional<Organization> find_organization(const OrgId& org) = 0;
    /// @brief The organization; throws `Error(kNotFound)` naming the id when it does not exist.
    Organization require_organization(const OrgId& org);

    // ---- typed entities (see RecordTraits) ----
    /// @brief Inserts or replaces `value` in `org`. Throws `Error(kNotFound)` for an unknown org.
    template <class T>
    void put(const OrgId& org, const T& value) {
        using Tr = RecordTraits<T>;
        if (Tr::id(value).empty()) {
            throw Error(ErrorCode::kInvalidArgument, std::string(Tr::kKind) + " has an empty id");
        }
        Json j = value;
        put_record(org, Tr::kKind, Tr::id(value), Tr::keys(value), canonical_json(j));
    }
    /// @brief The entity with this id in `org`, or nullopt (also when it exists in another org).
    template <class T>
    std::optional<T> find(const OrgId& org, const std::string& id) {
        auto text = find_record(org, RecordTraits<T>::kKind, id);
        if (!text) return std::nullopt;
        return decode<T>(*text);
    }
    /// @brief The entity; throws `Error(kNotFound)` naming kind, id and org when absent.
    template <class T>
    T get(const OrgId& org, const std::string& id) {
        auto v = find<T>(org, id);
        if (!v) {
            throw Error(ErrorCode::kNotFound, std::string(RecordTraits<T>::kKind) + " '" + id +
                                                  "' not found in organization '" + org.str() + "'");
        }
        return std::move(*v);
    }
    /// @brief Entities of a type in `org`, filtered, ordered by creation time then id.
    template <class T>
    std::vector<T> list(const OrgId& org, const ListOptions& options = {}) {
        std::vector<T> out;
        for (const auto& text : list_records(org, RecordTraits<T>::kKind, options)) {
            out.push_back(decode<T>(text));
        }
        return out;
    }
    /// @brief Number of entities of a type in `org` matching the filter.
    template <class T>
    std::int64_t count(const OrgId& org, const ListOptions& options = {}) {
        return count_records(org, RecordTraits<T>::kKind, options);
    }
    /// @brief Counts the entities of a type in `org` matching the filter, grouped by the value of
    /// one top-level string field of their JSON (e.g. work orders by "vendor_id"); entities without
    /// the field (or with null) are not counted. Reads no records into memory.
    template <class T>
    std::map<std::string, std::int64_t> count_by(const OrgId& org, const std::string& field,
                                                 const ListOptions& options = {}) {
        return count_records_by(org, RecordTraits<T>::kKind, field, options);
    }
    /// @brief Counts the entities of a type in `org` matching the filter, grouped by their `ref`
    /// key (`RecordKeys::ref`: work orders by assigned vendor); entities without one are not
    /// counted. Answered from an index: no record is read, whatever their size.
    template <class T>
    std::map<std::string, std::int64_t> count_by_ref(const OrgId& org, const ListOptions& options = {}) {
        return count_records_by_ref(org, RecordTraits<T>::kKind, options);
    }
    /// @brief Deletes an entity; false when it did not exist.
    template <class T>
    bool erase(const OrgId& org, const std::string& id) {
        return erase_record(org, RecordTraits<T>::kKind, id);
    }

    // ---- untyped records (for host-defined kinds) ----
    virtual void put_record(const OrgId& org, std::string_view kind, const std::string& id,
                            const RecordKeys& keys, const std::string& json) = 0;
    virtual std::optional<std::string> find_record(const OrgId& org, std::string_view kind,
                                                   const std::string& id) = 0;
    virtual std::vector<std::string> list_records(const OrgId& org, std::string_view kind,
                                                  const ListOptions& options) = 0;
    virtual std::int64_t count_records(const OrgId& org, std::string_view kind,
                                       const ListOptions& options) = 0;
    /// Deletes a record and its parts; false when the record did not exist.
    virtual bool erase_record(const OrgId& org, std::string_view kind, const std::string& id) = 0;
    /// Parts of a record that grows by appending (an agent run keeps its conversation this way):
    /// part `part` (>= 0) of record (`kind`, `id`), written whole or replaced whole. Writing one
    /// part does not rewrite the others, so a record that gains a part per change costs the new
    /// part, not its whole history. The record itself need not exist (callers keep them together).
    virtual void put_record_part(const OrgId& org, std::string_view kind, const std::string& id,
                                 std::int64_t part, const std::string& json) = 0;
    /// The parts of record (`kind`, `id`) by part number, ascending.
    virtual std::vector<std::pair<std::int64_t, std::string>> list_record_parts(
        const OrgId& org, std::string_view kind, const std::string& id) = 0;
    /// `count_by` for any kind. The default reads and parses the matching records; stores override
    /// it with an aggregate query. `field` must be a plain name ([A-Za-z0-9_]+), else
    /// `Error(kInvalidArgument)`.
    virtual std::map<std::string, std::int64_t> count_records_by(const OrgId& org, std::string_view kind,
                                                                 const std::string& field,
                                                                 const ListOptions& options);
    /// `count_by_ref` for any kind.
    virtual std::map<std::string, std::int64_t> count_records_by_ref(const OrgId& org,
                                                                     std::string_view kind,
                                                                     const ListOptions& options) = 0;

    // ---- raw inbound payloads and dead letters ----
    /// @brief Keeps a raw payload exactly as received; returns its id.
    virtual std::int64_t store_raw_payload(const OrgId& org, std::string_view source,
                                           std::string_view content_type, std::string_view body,
                                           Timestamp at) = 0;
    /// @brief Marks a raw payload processed, or dead with a reason (status "processed" or "dead").
    virtual void set_raw_payload_status(const OrgId& org, std::int64_t id, std::string_view status,
                                        std::string_view error) = 0;
    /// @brief Raw payloads in `org` matching `query`, oldest first.
    virtual std::vector<RawPayload> query_raw_payloads(const OrgId& org,
                                                       const RawPayloadQuery& query) = 0;
    /// @brief One raw payload of `org` by id, with its body; nullopt if there is none.
    virtual std::optional<RawPayload> find_raw_payload(const OrgId& org, std::int64_t id) = 0;
    /// @brief Raw payloads in `org` with this status ("" for all), oldest first, with bodies.
    std::vector<RawPayload> list_raw_payloads(const OrgId& org, std::string_view status,
                                              std::size_t limit) {
        return query_raw_payloads(org, RawPayloadQuery{.status = std::string(status), .limit = limit});
    }

    // ---- audit log (see AuditLog) ----
    /// @brief Appends an event to `org`'s hash chain, setting seq, prev_hash and hash; returns it.
    virtual AuditEvent append_audit(const OrgId& org, AuditEvent event) = 0;
    /// @brief Audit events with seq > after_seq, in order, at most `limit` (0: all).
    virtual std::vector<AuditEvent> list_audit(const OrgId& org, std::int64_t after_seq,
                                               std::size_t limit) = 0;
    /// @brief Audit events about one entity, in order.
    virtual std::vector<AuditEvent> list_audit_for(const OrgId& org, std::string_view entity_kind,
                                                   std::string_view entity_id) = 0;
    /// @brief Recomputes the chain; reports the first edited, deleted, inserted or reordered entry.
    virtual AuditVerification verify_audit(const OrgId& org) = 0;

    // ---- jobs (see JobQueue) ----
    /// @brief Adds a job; with an idempotency key that already exists in `org`, returns that job's id
    /// and changes nothing. `now` fills run_at when the spec has none.
    virtual JobId enqueue(const OrgId& org, const JobSpec& spec, Timestamp now) = 0;
    /// @brief Reclaims expired leases, then claims up to `max` due jobs (priority desc, run_at, id).
    virtual std::vector<Job> claim_jobs(const OrgId& org, std::string_view worker, Timestamp now,
                                        Millis lease, std::size_t max) = 0;
    /// @brief Marks a running job done. Throws `Error(kFailedPrecondition)` if its lease was lost.
    virtual void complete_job(const OrgId& org, const Job& job, Timestamp now) = 0;
    /// @brief Records a failure: back to pending at `retry_at`, or dead when out of attempts.
    /// Returns the new state.
    virtual JobState fail_job(const OrgId& org, const Job& job, std::string_view error,
                              Timestamp now, Timestamp retry_at) = 0;
    /// @brief Puts a running job back to pending at `run_at` without spending an attempt (its
    /// claim is given back), with `payload` as its new payload and `reason` as its last error.
    /// Throws `Error(kFailedPrecondition)` if its lease was lost. The default implementation (for
    /// stores written before it existed) records a failed attempt instead: `fail_job`.
    virtual JobState defer_job(const OrgId& org, const Job& job, const Json& payload,
                               std::string_view reason, Timestamp now, Timestamp run_at) {
        (void)payload;
        return fail_job(org, job, reason, now, run_at);
    }
    virtual std::optional<Job> find_job(const OrgId& org, const JobId& id) = 0;
    /// @brief Jobs in one state, oldest first, at most `limit` (0: all).
    virtual std::vector<Job> list_jobs(const OrgId& org, JobState state, std::size_t limit) = 0;
    virtual JobCounts count_jobs(const OrgId& org) = 0;
    /// @brief `count_jobs` per job type (types with no job are absent), by type name. The default
    /// implementation lists the jobs of each state; stores override it with an aggregate query.
    virtual std::map<std::string, JobCounts> count_jobs_by_type(const OrgId& org) {
        std::map<std::string, JobCounts> out;
        for (const auto state : {JobState::kPending, JobState::kRunning, JobState::kDone, JobState::kDead}) {
            for (const auto& job : list_jobs(org, state, 0)) {
                auto& c = out[job.type];
                (state == JobState::kPending   ? c.pending
                 : state == JobState::kRunning ? c.running
                 : state == JobState::kDone    ? c.done
                                               : c.dead) += 1;
            }
        }
        return out;
    }
    /// @brief Earliest run_at among pending jobs and next_run_at among schedules.
    virtual std::optional<Timestamp> next_job_due(const OrgId& org) = 0;
    /// @brief Puts a dead job back to pending with a fresh attempt budget.
    virtual void retry_dead_job(const OrgId& org, const JobId& id, Timestamp now) = 0;
    /// @brief Deletes done jobs last updated before `before` (their idempotency keys are released).
    /// Returns how many were deleted.
    virtual std::int64_t purge_done_jobs(const OrgId& org, Timestamp before) = 0;
    virtual void put_schedule(const OrgId& org, const Schedule& schedule) = 0;
    virtual bool erase_schedule(const OrgId& org, std::string_view name) = 0;
    virtual std::vector<Schedule> list_schedules(const OrgId& org) = 0;

    // ---- search documents (derived data of propos/search; see SearchDocument) ----
    // Stores that do not implement search keep the defaults, which throw
    // `Error(kFailedPrecondition)` naming the missing capability. Every call throws
    // `Error(kNotFound)` for an unknown organization, like the rest of the interface.

    /// @brief Creates or replaces the document (org, doc.kind, doc.entity_id), indexes its text for
    /// keyword search and bumps the organization's change sequence. Replacing keeps the `doc_id`; a
    /// tombstone with the same key comes back to life with its old `doc_id`. Returns the document as
    /// stored, with `doc_id` and `seq` set. Throws `Error(kInvalidArgument)` when kind or entity_id is
    /// empty. Write transactions only.
    virtual SearchDocument put_search_document(const OrgId& org, const SearchDocument& doc);
    /// @brief Erases a document: removes it from keyword search, leaves a tombstone (for indexes
    /// that must catch up) and bumps the change sequence. Returns the tombstone (doc_id, seq), or
    /// nullopt when there was no such live document. Write transactions only.
    virtual std::optional<SearchDocument> erase_search_document(const OrgId& org,
                                                                std::string_view kind,
                                                                std::string_view entity_id);
    /// @brief The live document (org, kind, entity_id) with its embedding, or nullopt.
    virtual std::optional<SearchDocument> find_search_document(const OrgId& org,
                                                               std::string_view kind,
                                                               std::string_view entity_id);
    /// @brief The live documents of `org` among `doc_ids`, in the order of `doc_ids`. Ids that do not
    /// exist, are tombstones or belong to another organization are skipped: this is the check that
    /// keeps every search result inside its organization. Embeddings are filled only when asked.
    virtual std::vector<SearchDocument> get_search_documents(const OrgId& org,
                                                             const std::vector<std::int64_t>& doc_ids,
                                                             bool with_embeddings);
    /// @brief Documents and tombstones of `org` whose seq is greater than `after_seq`, by seq, at
    /// most `limit` (0: all), with embeddings. `after_seq = 0` lists everything.
    virtual std::vector<SearchDocument> list_search_changes(const OrgId& org, std::int64_t after_seq,
                                                            std::size_t limit);
    /// @brief The doc_ids of the live documents of `org` matching `filter`, ascending.
    virtual std::vector<std::int64_t> filter_search_documents(const OrgId& org,
                                                              const SearchFilter& filter);
    /// @brief Keyword search: live documents of `org` matching `filter` that contain any of `terms`
    /// (words, matched after stemming; no query syntax: quotes and operators are taken literally),
    /// best first by BM25 over `org`'s documents only, at most `limit`. Filters apply before ranking.
    /// No terms: no hits.
    virtual std::vector<KeywordHit> keyword_search(const OrgId& org,
                                                   const std::vector<std::string>& terms,
                                                   const SearchFilter& filter, std::size_t limit);
    /// @brief Counts and the current change sequence of `org`'s search documents.
    virtual SearchDocStats search_document_stats(const OrgId& org);
    /// @brief Erases every document and tombstone of `org` (for a rebuild) and bumps the change
    /// sequence once; returns how many rows were removed. Write transactions only.
    virtual std::int64_t clear_search_documents(const OrgId& org);
    /// @brief Removes `org`'s tombstones with seq <= `up_to_seq` (once an index that has seen them is
    /// saved); returns how many. Write transactions only.
    virtual std::int64_t purge_search_tombstones(const OrgId& org, std::int64_t up_to_seq);
    /// @brief A small metadata value of `org`'s search index (e.g. the checksum of its vector index
    /// file), or nullopt.
    virtual std::optional<std::string> get_search_meta(const OrgId& org, std::string_view key);
    /// @brief Sets a metadata value (at most a few KiB). Write transactions only.
    virtual void put_search_meta(const OrgId& org, std::string_view key, std::string_view value);

private:
    template <class T>
    static T decode(const std::string& text) {
        return parse_json(text, RecordTraits<T>::kKind).template get<T>();
    }
};

/// @brief Durable storage. Thread-safe: calls from several threads are serialized as needed.
class PROPOS_EXPORT Store {
public:
    virtual ~Store() = default;
    Store() = default;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    /// @brief Runs `fn` in one write transaction: commits when it returns, rolls back everything when
    /// it throws (the exception propagates). Nesting `write` inside `write` on one thread throws
    /// `Error(kFailedPrecondition)`.
    virtual void write(const std::function<void(Transaction&)>& fn) = 0;
    /// @brief Runs `fn` in a read-only transaction over a consistent snapshot.
    virtual void read(const std::function<void(Transaction&)>& fn) = 0;
    /// @brief Group commit: runs `fn` with one write transaction open on this thread, which every
    /// `write` and `read` that `fn` (or anything it calls) makes on this thread joins. A joined
    /// `write` that throws is rolled back alone (a savepoint) and its exception propagates as usual;
    /// everything else becomes durable together, with one commit, when `fn` returns. When `fn` throws,
    /// everything is rolled back. Other threads' transactions wait until the batch ends, so keep
    /// slow work (network calls) out of it. Batches do not nest (`Error(kFailedPrecondition)`).
    ///
    /// The default implementation runs `fn` without grouping (each transaction commits on its own),
    /// which is always correct: stores that cannot group keep it.
    virtual void batch(const std::function<void()>& fn) { fn(); }
    /// @brief All organizations (ids and names only; no organization's data).
    virtual std::vector<Organization> list_organizations() = 0;
    /// @brief Schema version of the open database.
    virtual int schema_version() = 0;
    /// @brief Where the data lives (a file path, ":memory:", a connection string without password).
    virtual std::string location() const = 0;

    /// @brief Convenience: `write` returning the callback's value.
    template <class F>
    auto write_result(F&& fn) -> decltype(fn(std::declval<Transaction&>())) {
        using R = decltype(fn(std::declval<Transaction&>()));
        std::optional<R> out;
        write([&](Transaction& tx) { out.emplace(fn(tx)); });
        return std::move(*out);
    }
    /// @brief Convenience: `read` returning the callback's value.
    template <class F>
    auto read_result(F&& fn) -> decltype(fn(std::declval<Transaction&>())) {
        using R = decltype(fn(std::declval<Transaction&>()));
        std::optional<R> out;
        read([&](Transaction& tx) { out.emplace(fn(tx)); });
        return std::move(*out);
    }
};

/// @brief SQLite durability settings (PRAGMA synchronous).
enum class Synchronous { kOff, kNormal, kFull, kExtra };

/// @brief Options for `open_sqlite_store`.
struct SqliteOptions {
    /// Default: FULL — a committed transaction survives power loss.
    Synchronous synchronous = Synchronous::kFull;
    /// How long a writer waits for another process's lock. Default: 5 s.
    Millis busy_timeout{5000};
    /// Create the file when missing. Default: true.
    bool create_if_missing = true;
    /// Page cache size in KiB. Default: 16 MiB.
    int cache_size_kib = 16384;
    /// Run `PRAGMA quick_check` on open (slow on big files). Default: false.
    bool check_integrity = false;
    /// WAL pages after which a commit copies the log back into the database (PRAGMA
    /// wal_autocheckpoint; 0 turns automatic checkpoints off). Default: 4000 pages (16 MiB of log
    /// with 4 KiB pages): a page written by many commits in that window (an index leaf, the audit
    /// head) is copied back once; SQLite's own default is 1000.
    int wal_autocheckpoint_pages = 4000;
};

/// @brief The newest schema version this build writes.
PROPOS_EXPORT int sqlite_schema_version() noexcept;

/// @brief Opens (creating when allowed) a SQLite store at `path` (":memory:" for a private in-memory
/// database), in WAL mode, and migrates its schema to the current version in one transaction per step.
///
/// Throws `Error` with: kCorrupt when the file is not a SQLite database or is a SQLite database of
/// another application; kUnsupportedVersion when its schema is newer than this build; kIo when the
/// file cannot be opened or created. The caller owns the returned store.
PROPOS_EXPORT std::unique_ptr<Store> open_sqlite_store(const std::string& path,
                                                       const SqliteOptions& options = {});

/// @brief Opens the store named by `url_or_path`, shared — what `CoordinatorOptions::store` takes,
/// so `options.store = propos::open_store("props.db")` needs no conversion.
///
/// Accepts a file path (":memory:" for a private in-memory database) or a SQLite URL
/// ("sqlite:props.db", "sqlite:///var/lib/propos/props.db", "file:props.db"); SQLite stores are
/// opened as by `open_sqlite_store(path, sqlite)`. History search keeps its index in the folder
/// `<path>.search/` beside the database file (back it up with the database, or it is rebuilt).
///
/// Throws `Error(kInvalidArgument)` for an empty name and for a URL of an engine this build does
/// not include (e.g. "postgresql://...": name the problem, then pass a SQLite path or a `Store` of
/// your own); otherwise the errors of `open_sqlite_store`. Thread-safe; the store is shared by its
/// holders and closed when the last one lets go.
PROPOS_EXPORT std::shared_ptr<Store> open_store(const std::string& url_or_path,
                                                const SqliteOptions& sqlite = {});

}  // namespace propos
