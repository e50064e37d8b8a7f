/// @file event_log.hpp
/// @brief The event-log capability of a store transaction: the events a host polls or receives
/// through `on_event`, written in the transaction of the change they report (a transactional outbox).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/ids.hpp"
#include "propos/core/json.hpp"
#include "propos/export.hpp"
#include "propos/model/oversight.hpp"

namespace propos {

/// @brief One organization's event log. Reached as `Transaction::events()`; `emit_event` and
/// `record_decision` (events.hpp) write through it.
class PROPOS_EXPORT EventLog {
public:
    virtual ~EventLog() = default;

    /// @brief Writes an event of `type` with the next id of `org` ("evt_" + 12 digits, strictly
    /// increasing per organization and handed out in commit order, so polling "after this id" misses
    /// nothing). Write transactions only.
    virtual Event append_event(const OrgId& org, const std::string& type,
                               const std::string& correlation_id, Json payload, Timestamp now) = 0;
    /// @brief Events of `org` whose id sorts after `after_id` ("" for all), in id order, at most
    /// `limit` (0: all).
    virtual std::vector<Event> list_events(const OrgId& org, const std::string& after_id,
                                           std::size_t limit) = 0;
};

}  // namespace propos
