/// @file events.hpp
/// @brief The event log for hosts: `emit_event` writes an `Event` in the transaction that makes the
/// change it reports, so an event exists exactly when its change committed (a transactional outbox).
/// The coordinator hands committed events to `on_event` callbacks after each commit point, whatever
/// happens later in the same job (a provider that throws, a job that fails).
#pragma once

#include <string>

#include "propos/store/store.hpp"

namespace propos {

/// @brief Writes an event of `type` in `tx` with the next id of `org` ("evt_" + 12 digits, strictly
/// increasing per organization, so "after this id" polling works). The event commits or rolls back
/// with `tx`. Throws what `tx` throws.
PROPOS_EXPORT Event emit_event(Transaction& tx, const OrgId& org, const std::string& type,
                               const std::string& correlation_id, Json payload, Timestamp now);

}  // namespace propos
