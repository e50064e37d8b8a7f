#include "propos/store/events.hpp"

#include <cstdio>

#include "propos/store/records.hpp"

namespace propos {

Event Transaction::append_event(const OrgId& org, const std::string& type,
                                const std::string& correlation_id, Json payload, Timestamp now) {
    // The counter is locked until this transaction ends, so ids are handed out in commit order and
    // "after id X" polling misses nothing.
    const std::int64_t seq = next_counter(org, "event_seq");
    char id[32];
    std::snprintf(id, sizeof id, "evt_%012lld", static_cast<long long>(seq));
    Event e{id, type, org, correlation_id, now, std::move(payload)};
    put(org, e);
    return e;
}

std::vector<Event> Transaction::list_events(const OrgId& org, const std::string& after_id,
                                            std::size_t limit) {
    return list<Event>(org, ListOptions{.after_id = after_id, .limit = limit});
}

Event emit_event(Transaction& tx, const OrgId& org, const std::string& type,
                 const std::string& correlation_id, Json payload, Timestamp now) {
    return tx.events().append_event(org, type, correlation_id, std::move(payload), now);
}

RecordedDecision record_decision(Transaction& tx, const OrgId& org, AuditEvent entry, Json payload,
                                 const std::string& event_type) {
    const auto type = event_type.empty() ? entry.action : event_type;
    const auto correlation = entry.correlation_id;
    const auto at = entry.at;
    auto audit = tx.audit().append_audit(org, std::move(entry));
    auto event = emit_event(tx, org, type, correlation, std::move(payload), at);
    return {std::move(audit), std::move(event)};
}

}  // namespace propos
