/// @file audit_store.hpp
/// @brief The audit-log capability of a store transaction: each organization's hash chain of
/// decisions. Engines store the entries and the chain's head; hashing and verification are shared.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propos/core/ids.hpp"
#include "propos/export.hpp"
#include "propos/model/oversight.hpp"

namespace propos {

/// @brief The result of checking an organization's audit chain.
struct AuditVerification {
    bool ok = true;
    std::int64_t entries = 0;        ///< Entries checked.
    std::int64_t first_bad_seq = 0;  ///< 0 when ok.
    std::string problem;             ///< What is wrong and where; empty when ok.
};

/// @brief The last entry of an organization's audit chain.
struct AuditHead {
    std::int64_t seq = 0;
    std::string hash;
};

/// @brief One organization's audit chain. Reached as `Transaction::audit()`; see also `AuditLog`.
class PROPOS_EXPORT AuditStore {
public:
    virtual ~AuditStore() = default;

    /// @brief Appends an event to `org`'s hash chain, setting seq, prev_hash and hash; returns it.
    /// The chain's head is locked (`audit_head(org, true)`) until the transaction ends, so two
    /// writers of one organization never fork the chain. Throws `Error(kInvalidArgument)` for an
    /// event without action or actor. Write transactions only.
    AuditEvent append_audit(const OrgId& org, AuditEvent event);
    /// @brief Recomputes the chain; reports the first edited, deleted, inserted or reordered entry,
    /// and a head that does not match the last entry.
    AuditVerification verify_audit(const OrgId& org);
    /// @brief Audit events with seq > after_seq, in order, at most `limit` (0: all).
    virtual std::vector<AuditEvent> list_audit(const OrgId& org, std::int64_t after_seq,
                                               std::size_t limit) = 0;
    /// @brief Audit events about one entity, in order.
    virtual std::vector<AuditEvent> list_audit_for(const OrgId& org, std::string_view entity_kind,
                                                   std::string_view entity_id) = 0;

    // ---- what an engine implements (append_audit and verify_audit are built on these) ----
    /// @brief The head of `org`'s chain (its last seq and hash), or nullopt when nothing was
    /// appended. `for_update`: lock it until the transaction ends, so that no other transaction
    /// appends to the same chain meanwhile (write transactions only).
    virtual std::optional<AuditHead> audit_head(const OrgId& org, bool for_update) = 0;
    /// @brief Writes an entry whose seq, prev_hash and hash are set, and makes it the head.
    /// `canonical_data` is `canonical_json(event.data)`, as hashed: store it as is.
    virtual void insert_audit_entry(const OrgId& org, const AuditEvent& event,
                                    std::string_view canonical_data) = 0;
};

}  // namespace propos
