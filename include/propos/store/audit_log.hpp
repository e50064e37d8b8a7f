/// @file audit_log.hpp
/// @brief `AuditLog`: the append-only, hash-chained record of every decision and change.
///
/// Each organization has its own chain. Entry n stores `hash = SHA-256(prev_hash || canonical JSON of
/// {org, seq, at, actor, action, entity_kind, entity_id, correlation_id, data})` with prev_hash the hash
/// of entry n-1 (64 zeros for the first). A head record (last seq and hash) is updated in the same
/// transaction, so deleting entries from the end is detected too. Entries are written in the same
/// transaction as the change they record: append through `Transaction::append_audit`.
#pragma once

#include <vector>

#include "propos/store/store.hpp"

namespace propos {

/// @brief Reading and verifying an organization's audit chain.
class PROPOS_EXPORT AuditLog {
public:
    /// @brief `store` must outlive the AuditLog.
    explicit AuditLog(Store& store) : store_(store) {}

    /// @brief Appends one event in its own transaction (prefer `Transaction::append_audit` inside the
    /// transaction that makes the change).
    AuditEvent append(const OrgId& org, AuditEvent event);
    /// @brief Entries after `after_seq` in order, at most `limit` (0: all).
    std::vector<AuditEvent> list(const OrgId& org, std::int64_t after_seq = 0, std::size_t limit = 0);
    /// @brief Entries about one entity.
    std::vector<AuditEvent> for_entity(const OrgId& org, std::string_view kind, std::string_view id);
    /// @brief Checks the whole chain of `org`. Throws `Error(kNotFound)` for an unknown organization.
    AuditVerification verify(const OrgId& org);

    /// @brief The hash of an entry computed from its fields (what `verify` recomputes).
    static std::string compute_hash(const OrgId& org, const AuditEvent& event);
    /// @brief The same, with `canonical_json(event.data)` already computed (the store writes that
    /// text too, so an append serializes the data once).
    static std::string compute_hash(const OrgId& org, const AuditEvent& event,
                                    std::string_view canonical_data);
    /// @brief The prev_hash of the first entry: 64 zeros.
    static const std::string& genesis_hash();

private:
    Store& store_;
};

}  // namespace propos
