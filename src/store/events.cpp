#include "propos/store/events.hpp"

#include <cstdio>

#include "propos/store/records.hpp"

namespace propos {

Event emit_event(Transaction& tx, const OrgId& org, const std::string& type,
                 const std::string& correlation_id, Json payload, Timestamp now) {
    // A per-organization counter makes event ids strictly increasing, so "after id X" polling works.
    std::int64_t seq = 1;
    if (auto text = tx.find_record(org, "meta", "event_seq")) {
        seq = parse_json(*text, "event counter").value("next", std::int64_t{1});
    }
    tx.put_record(org, "meta", "event_seq", RecordKeys{}, canonical_json(Json{{"next", seq + 1}}));
    char id[32];
    std::snprintf(id, sizeof id, "evt_%012lld", static_cast<long long>(seq));
    Event e{id, type, org, correlation_id, now, std::move(payload)};
    tx.put(org, e);
    return e;
}

RecordedDecision record_decision(Transaction& tx, const OrgId& org, AuditEvent entry, Json payload,
                                 const std::string& event_type) {
    const auto type = event_type.empty() ? entry.action : event_type;
    const auto correlation = entry.correlation_id;
    const auto at = entry.at;
    auto audit = tx.append_audit(org, std::move(entry));
    auto event = emit_event(tx, org, type, correlation, std::move(payload), at);
    return {std::move(audit), std::move(event)};
}

}  // namespace propos
