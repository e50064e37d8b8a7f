/// @file search_store.hpp
/// @brief The search-documents capability of a store transaction: the derived documents, keyword
/// index and change sequence that `propos/search` (`HistorySearch`) builds on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/ids.hpp"
#include "propos/export.hpp"

namespace propos {

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
    /// The embedding of `text` (any dimension; empty: none yet). Stored as 16-bit floats scaled by
    /// its largest magnitude (half the bytes of float32): a value reads back within 2^-11 of that
    /// magnitude (cosine similarities move by less than 1e-3), the same on every engine. A vector
    /// holding a value that is not finite is stored as given.
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
    /// Relevance, higher is better, comparable within one search only: the engine's ranking computed
    /// with the statistics of the document's own organization only (SQLite: the negated Okapi BM25
    /// score of FTS5's `bm25()`).
    double score = 0;
};

/// @brief Counts of an organization's search documents.
struct SearchDocStats {
    std::int64_t live = 0;        ///< Documents (not tombstones).
    std::int64_t tombstones = 0;  ///< Erased documents not purged yet.
    std::int64_t seq = 0;         ///< The organization's last change sequence number (0: none yet).
    std::vector<std::pair<std::string, std::int64_t>> live_by_kind;  ///< (kind, count), by kind.
};

/// @brief Search documents of one organization. Reached as `Transaction::search_documents()`.
class PROPOS_EXPORT SearchDocumentStore {
public:
    virtual ~SearchDocumentStore() = default;

    // Engines that do not implement search keep the defaults, which throw
    // `Error(kFailedPrecondition)` naming the missing capability. Every call throws
    // `Error(kNotFound)` for an unknown organization, like the rest of the store.

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

};

}  // namespace propos
