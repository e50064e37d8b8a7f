/// @file events.hpp
/// @brief The event log for hosts: `emit_event` writes an `Event` in the transaction that makes the
/// change it reports, so an event exists exactly when its change committed (a transactional outbox).
/// The coordinator hands committed events to `on_event` callbacks after each commit point, whatever
/// happens later in the same job (a provider that throws, a job that fails).
///
/// `record_decision` is the one call for a lifecycle decision (a work order scheduled, completed,
/// closed; a vendor timed out; a bid received; a message sent...): its audit entry and its event
/// are written together, in the same transaction, so neither exists without the other.
#pragma once

#include <string>

#include "propos/store/store.hpp"

namespace propos {

/// @brief Writes an event of `type` in `tx` with the next id of `org` ("evt_" + 12 digits, strictly
/// increasing per organization, so "after this id" polling works). The event commits or rolls back
/// with `tx`. Throws what `tx` throws.
PROPOS_EXPORT Event emit_event(Transaction& tx, const OrgId& org, const std::string& type,
                               const std::string& correlation_id, Json payload, Timestamp now);

/// @brief What `record_decision` returns: the audit entry as appended (seq and hashes set) and the
/// event as written.
struct RecordedDecision {
    AuditEvent audit;
    Event event;
};

/// @brief Writes a decision in `tx`: appends `entry` to the audit log and emits an event of
/// `event_type` (empty: `entry.action`) with `payload`, the entry's correlation id and time. Both
/// commit or roll back with `tx`. Throws what `tx` throws.
PROPOS_EXPORT RecordedDecision record_decision(Transaction& tx, const OrgId& org, AuditEvent entry,
                                               Json payload, const std::string& event_type = "");

}  // namespace propos
