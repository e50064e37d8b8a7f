/// @file history_search.hpp
/// @brief `HistorySearch`: semantic + keyword search over an organization's history — messages,
/// work orders (with their resolution, vendor and cost) and notes — to find precedent ("how was
/// this unit's last leak fixed, by whom, for how much"), for people and for duplicate detection.
///
/// How it works. Each searchable entity becomes a search document in the store (its text, property,
/// unit, time and embedding: see `SearchDocument`), in the same organization. A query runs two
/// searches over the organization's documents, both with the filters applied before ranking:
///   - keyword: BM25 over the organization's own full-text index (SQLite FTS5, one per
///   organization,
///     so no statistic mixes organizations);
///   - semantic: the query's embedding against the organization's own `VectorIndex` (exact below
///     ~20,000 documents, HNSW above), which is derived from the stored embeddings, saved beside
///     the database and rebuilt from the store whenever its file is missing, stale or damaged;
/// and fuses the two rankings by reciprocal rank fusion: score = sum over lists of 1 / (60 + rank).
/// Every result id is checked against the store (it must be a live document of the queried
/// organization) before it is returned.
///
/// Keeping it current. The store is the source of truth. Call `index_work_order`, `index_message`,
/// `index_note`, `index_knowledge_article` and `index_decision` after committing a change to one of those entities (they read the entity back
/// from the store, so calling twice is harmless, and an entity that no longer exists is removed
/// from search); `reindex(org)` rebuilds an organization's documents from its records.
///
/// Thread-safety: all methods may be called from any thread. Searches run concurrently with each
/// other; indexing an organization is serialized per organization and blocks its searches only for
/// the moment a vector is inserted. Several processes may share one database: each catches up with
/// the others' changes before it searches.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/ids.hpp"
#include "propos/core/json.hpp"
#include "propos/core/money.hpp"
#include "propos/export.hpp"
#include "propos/search/embedder.hpp"
#include "propos/model/decision.hpp"  // issue 20
#include "propos/model/note.hpp"
#include "propos/search/vector_index.hpp"
#include "propos/store/store.hpp"

namespace propos {

/// @brief Kinds of searchable documents (`SearchQuery::kinds`, `SearchHit::kind`).
inline constexpr std::string_view kSearchKindMessage = "message";
inline constexpr std::string_view kSearchKindWorkOrder = "work_order";
inline constexpr std::string_view kSearchKindNote = "note";
/// Knowledge-base articles (`KnowledgeArticle`): title, body and tags.
inline constexpr std::string_view kSearchKindKnowledge = "knowledge";
/// Staff decisions (`StaffDecision`, issue 20): what a person decided (an escalation resolved, an
/// owner approval, a vendor assigned by hand), by whom, on which work order (title, category,
/// unit, property), and their note — precedent for similar cases.
inline constexpr std::string_view kSearchKindDecision = "decision";

/// @brief What to look for. Only `text` is required.
struct SearchQuery {
    /// Plain words ("water coming through the bathroom ceiling"); no query syntax: quotes and
    /// operators are ordinary characters. Must contain something other than white space.
    std::string text;
    /// Number of results wanted, 1 to 1000. Default: 10.
    std::size_t k = 10;
    /// Only documents of these kinds ("message", "work_order", "note", "knowledge", "decision").
    /// Empty: all kinds.
    std::vector<std::string> kinds;
    /// Only documents about this property / unit.
    std::optional<PropertyId> property_id;
    std::optional<UnitId> unit_id;
    /// Only documents dated in [from, until) (work orders: creation time; messages: sent or
    /// received time; notes: their time).
    std::optional<Timestamp> from;
    std::optional<Timestamp> until;
    /// Use the keyword ranking. Default: true.
    bool keyword = true;
    /// Use the semantic (embedding) ranking. Default: true.
    bool semantic = true;
    /// Semantic matches less similar than this (cosine) are ignored. With the built-in hashing
    /// embedder unrelated texts score 0 ± 0.05 (hash collisions reach 0.15 over a few hundred
    /// documents) and synonym-only matches 0.22 and up; sentence models score unrelated texts
    /// 0.1-0.4, so it depends on the model (docs/search.md). Default: unset, the search's
    /// `HistorySearch::thresholds().min_similarity` (measured per embedder).
    std::optional<float> min_similarity;
};

/// @brief One result.
struct SearchHit {
    std::string id;    ///< The entity's id: a work order, message or note id.
    std::string kind;  ///< "work_order", "message", "note", "knowledge" or "decision".
    OrgId org;         ///< Always the organization searched.
    /// Reciprocal-rank-fusion score, higher is better: sum over the rankings the document is in of
    /// weight / (60 + rank), the semantic ranking weighing 1 and the keyword ranking
    /// `SimilarityThresholds::keyword_weight` (1 for the hashing embedder). At most (1 + weight)/61
    /// (first in both): 2/61 ≈ 0.033 with equal weights.
    double score = 0;
    /// The indexed text, shortened to `HistorySearchOptions::snippet_chars`. May contain personal
    /// data: never log it above debug level.
    std::string text;
    Timestamp at{};
    std::string property_id;  ///< "" when unknown.
    std::string unit_id;      ///< "" when unknown.
    int keyword_rank = 0;     ///< 1-based rank in the keyword ranking; 0: not in it.
    int vector_rank = 0;      ///< 1-based rank in the semantic ranking; 0: not in it.
    float similarity = 0;     ///< Cosine similarity to the query when `vector_rank > 0`.
    /// For messages, notes and decisions: the work order they belong to, if any. For work orders:
    /// its own id.
    std::optional<WorkOrderId> work_order_id;
    // ---- work orders (and the title of a knowledge article), read from the store when the hit is
    // returned ----
    std::string title;
    std::string status;    ///< e.g. "closed".
    std::string category;  ///< e.g. "water_leak".
    std::string resolution;
    std::optional<VendorId> vendor_id;
    std::string vendor_name;
    /// What the job cost: the sum of its approved and paid invoices, else its approved amount;
    /// unset when nothing was billed or approved.
    std::optional<Money> cost;
    std::optional<Timestamp> completed_at;
    // ---- staff decisions (kind "decision", issue 20), read from the store when the hit is
    // returned; `title`/`category` are then the work order's, `vendor_id`/`vendor_name` the vendor
    // assigned or approved ----
    std::string decision_kind;  ///< "escalation_resolved", "approval_decided" or "vendor_assigned".
    std::string decided_by;     ///< Who decided (a name, never contact details).
    std::string decision;       ///< What was decided.
    std::string note;           ///< The person's note ("" when none); a person's words: data.
    std::string escalation_reason;  ///< The escalation's reason code, if any.
    std::optional<Money> amount;    ///< The amount assigned or approved.
};

/// @brief JSON form of a hit: every field above, snake_case; unset optionals are null; cost in
/// cents.
PROPOS_EXPORT void to_json(Json& j, const SearchHit& v);

/// @brief Settings of a `HistorySearch`.
struct HistorySearchOptions {
    /// Where vector index files live (one per organization, named after a hash of its id). Empty:
    /// beside the database file, in "<Store::local_file()>.search/". Default: "".
    std::string index_dir;
    /// Save vector indexes to files. When false, or when the store has no local database file (in
    /// memory, or a PostgreSQL server shared by several processes), each process builds each
    /// organization's index from the stored embeddings the first time it is used (no
    /// re-embedding) and catches it up from the store's change sequence. Default: true.
    bool persist = true;
    /// Vector index settings; `dimension` is ignored (the embedder's is used).
    VectorIndexOptions vectors;
    /// Length of each ranking before fusion (at least k is used). Default: 100.
    std::size_t candidates = 100;
    /// The rank constant of reciprocal rank fusion. Default: 60.
    double rrf_k = 60;
    /// `SearchHit::text` is cut to this many characters (UTF-8 code points), with "...". Default:
    /// 240.
    std::size_t snippet_chars = 240;
    /// An organization's index file is rewritten after this many changes (and by `flush()` and the
    /// destructor). Changes since the last save are replayed from the store on the next start, so a
    /// crash loses nothing. 0: only `flush()` and the destructor save. Default: 1000.
    std::size_t autosave_changes = 1000;
    /// When the embedder is unavailable (kUnavailable): searches fall back to keyword-only results
    /// and indexing stores documents without embeddings (they are embedded the next time the
    /// organization is loaded or caught up), logging a warning. When false the error is thrown.
    /// Default: true.
    bool keyword_fallback = true;
    /// After the embedder failed with kUnavailable, searches and indexing do not call it again for
    /// this long (they use the keyword fallback straight away), so a down server does not add its
    /// timeout to every search. Measured on a steady clock. Default: 60 s.
    Millis embedder_retry_pause{60000};
    /// Texts per embedder call when indexing many documents. Default: 256.
    std::size_t embed_batch = 256;
    /// The similarity thresholds of this search's embedder (the default `min_similarity` of
    /// queries, and the duplicate-detection threshold the maintenance workflow reads through
    /// `HistorySearch::thresholds()`). Default: unset, `calibrated_thresholds(embedder->model())`
    /// (measured for the hashing embedder and the multilingual USE model; a generic default for
    /// others). The constructor throws `Error(kInvalidArgument)` for values outside [-1, 1].
    std::optional<SimilarityThresholds> thresholds;
};

/// @brief Called while `reindex` embeds: documents embedded so far and the total, after each
/// batch (`HistorySearchOptions::embed_batch`), on the calling thread. Must not call back into the
/// `HistorySearch`.
using ReindexProgress = std::function<void(std::size_t done, std::size_t total)>;

/// @brief Which model embedded an organization's stored search documents (`indexed_model`).
struct IndexedModel {
    /// The model recorded beside the documents ("" when none was recorded: nothing indexed yet).
    std::string model;
    std::size_t dimension = 0;   ///< Its vector length (0 when none was recorded).
    std::int64_t documents = 0;  ///< Live search documents of the organization.
    /// True when the documents can be searched with this object's embedder: the same model and
    /// dimension, or nothing to compare (no documents or no record). False means `search` and
    /// indexing would throw the model-mismatch error until `reindex` re-embeds them.
    bool current = true;
};

/// @brief What `reindex` did.
struct ReindexResult {
    std::int64_t work_orders = 0;
    std::int64_t messages = 0;
    std::int64_t notes = 0;
    std::int64_t knowledge_articles = 0;
    std::int64_t decisions = 0;  ///< Staff decisions (issue 20).
    std::int64_t documents = 0;  ///< Total.
    Millis elapsed{0};
};

/// @brief The state of one organization's search index.
struct SearchIndexStatus {
    std::string model;           ///< The embedder's model.
    std::size_t dimension = 0;   ///< The embedder's dimension.
    std::int64_t documents = 0;  ///< Live search documents in the store.
    std::int64_t seq = 0;        ///< The organization's last search change sequence number.
    std::size_t vectors = 0;     ///< Live vectors in the index.
    std::size_t tombstones = 0;  ///< Removed vectors not compacted yet.
    bool hnsw = false;           ///< The index is an HNSW graph (else exact).
    std::string index_file;      ///< Its file ("" when not persisted).
    std::size_t unsaved_changes = 0;
};

/// @brief Semantic + keyword search over the history of each organization.
class PROPOS_EXPORT HistorySearch {
public:
    /// @brief `store` must outlive this object; `embedder` is shared (it must not be null).
    /// Organizations are loaded lazily, on first use. Throws `Error(kInvalidArgument)` for a null
    /// embedder or invalid options.
    HistorySearch(Store& store, std::shared_ptr<Embedder> embedder,
                  HistorySearchOptions options = {});
    /// @brief Saves the indexes with unsaved changes; a failure is logged, not thrown (call
    /// `flush()` first to see it).
    ~HistorySearch();
    HistorySearch(const HistorySearch&) = delete;
    HistorySearch& operator=(const HistorySearch&) = delete;

    /// @brief The `query.k` best documents of `org`, best first (see the file comment for how they
    /// are ranked). Fewer when fewer match.
    ///
    /// Throws `Error(kInvalidArgument)` for an empty query text, k outside 1..1000, an unknown
    /// kind, an empty time range or both rankings turned off; `Error(kNotFound)` for an unknown
    /// organization; `Error(kFailedPrecondition)` when the organization's documents were embedded
    /// by another model or with another dimension than this object's embedder (call `reindex(org)`
    /// to re-embed them); embedder errors as the embedder throws them (but see
    /// `HistorySearchOptions::keyword_fallback`).
    std::vector<SearchHit> search(const OrgId& org, const SearchQuery& query);

    /// @brief The same search inside the caller's transaction `tx` (e.g. from an agent tool, which
    /// runs in the tool's transaction; the other overload would open a nested one). Keyword
    /// results and the store checks read through `tx`, so they see its uncommitted writes. The
    /// semantic ranking is used only when `org`'s vector index is already loaded in this object
    /// (any earlier search, index or reindex of `org` loads it) and not being indexed by another
    /// thread at that moment (this call never waits for one: the caller holds a transaction that
    /// thread may be waiting for), and does not catch up with documents written by other processes
    /// since; otherwise the results are keyword-only. The
    /// query is embedded inside the transaction: with a remote embedder that holds the write lock
    /// for one HTTP call. Errors as the other overload.
    std::vector<SearchHit> search(Transaction& tx, const OrgId& org, const SearchQuery& query);

    /// @brief (Re)indexes one work order from the store: title, description, category, unit,
    /// resolution, vendor and cost. A work order that no longer exists is removed from search.
    /// Errors: kNotFound (unknown organization), kFailedPrecondition (model mismatch, as `search`),
    /// embedder and store errors.
    void index_work_order(const OrgId& org, const WorkOrderId& id);
    /// @brief (Re)indexes one message (subject and body) from the store, like `index_work_order`.
    void index_message(const OrgId& org, const MessageId& id);
    /// @brief (Re)indexes one note from the store, like `index_work_order`.
    void index_note(const OrgId& org, const NoteId& id);
    /// @brief (Re)indexes one knowledge-base article from the store, like `index_work_order`.
    void index_knowledge_article(const OrgId& org, const KnowledgeArticleId& id);
    /// @brief (Re)indexes one staff decision (`StaffDecision` id) from the store, with its work
    /// order's title, category, unit and property, like `index_work_order`.
    void index_decision(const OrgId& org, const std::string& id);
    /// @brief (Re)indexes several entities of one kind ("work_order", "message", "note",
    /// "knowledge" or "decision") with
    /// batched embedding calls and one store transaction. Throws `Error(kInvalidArgument)` for
    /// another kind.
    void index_entities(const OrgId& org, std::string_view kind,
                        const std::vector<std::string>& ids);
    /// @brief Removes an entity from search; false when it was not indexed.
    bool remove(const OrgId& org, std::string_view kind, const std::string& id);

    /// @brief Rebuilds `org`'s search documents from its work orders, messages, notes,
    /// knowledge-base articles and staff decisions,
    /// re-embedding everything with this object's embedder (this also fixes a model mismatch), then
    /// rebuilds and saves the vector index. Searches of `org` wait meanwhile. Embedder failures are
    /// thrown and leave the previous documents in place. Once the documents are committed the call
    /// succeeds: a failure to write the index file is logged (the file is a cache of the store;
    /// `flush()` reports the error, and the next process rebuilds the file from the store).
    ///
    /// `progress`, when set, is told how many of the documents are embedded so far.
    ReindexResult reindex(const OrgId& org, const ReindexProgress& progress = {});
    /// @brief The model that embedded `org`'s stored documents, read from the store without
    /// loading its index (never throws the model-mismatch error): a host checks it to re-embed
    /// (with `reindex`) when the embedder changed. Throws `Error(kNotFound)` for an unknown
    /// organization.
    IndexedModel indexed_model(const OrgId& org);
    /// @brief Runs `reindex(org)` when the number of indexed documents of some kind differs from
    /// the number of entities of that kind in the store (e.g. a database written without search,
    /// like the one `propos demo` leaves behind); returns whether it did.
    bool reindex_if_stale(const OrgId& org);

    /// @brief Saves every index with unsaved changes now. Throws the first `Error(kIo)` after
    /// trying them all.
    void flush();
    /// @brief The state of `org`'s index (loading it if needed).
    SearchIndexStatus status(const OrgId& org);

    /// @brief The embedder in use.
    const Embedder& embedder() const noexcept;
    /// @brief The similarity thresholds in use: `HistorySearchOptions::thresholds`, else the
    /// calibrated ones of the embedder's model.
    const SimilarityThresholds& thresholds() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace propos
