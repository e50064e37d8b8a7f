/// @file record_store.hpp
/// @brief The records capability of a store transaction: organizations, typed entities kept as JSON
/// records with a few indexed keys (see `RecordTraits`), record parts and per-organization counters.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "propos/core/error.hpp"
#include "propos/core/json.hpp"
#include "propos/export.hpp"
#include "propos/model/portfolio.hpp"
#include "propos/store/records.hpp"

namespace propos {

/// @brief Filters for `RecordStore::list`. Empty fields do not filter.
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

/// @brief Organizations and records, every call scoped to one organization. Reached as
/// `Transaction::records()` (a `Transaction` is also a `RecordStore`).
class PROPOS_EXPORT RecordStore {
public:
    virtual ~RecordStore() = default;

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

    // ---- counters ----
    /// @brief Adds one to `org`'s counter `name` (created at 1) and returns the new value. The
    /// counter stays locked by this transaction until it ends, so values are handed out in commit
    /// order: a reader that polls "after value N" never sees N+2 commit before N+1 (event ids rely
    /// on it). Write transactions only.
    virtual std::int64_t next_counter(const OrgId& org, std::string_view name) = 0;


private:
    template <class T>
    static T decode(const std::string& text) {
        return parse_json(text, RecordTraits<T>::kKind).template get<T>();
    }
};

}  // namespace propos
