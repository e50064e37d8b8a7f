// SQLite engine: the audit capability (entries and the head of each organization's chain).
#include "sqlite_impl.hpp"

namespace propos::sqlite_impl {

std::optional<AuditHead> SqliteTransaction::audit_head(const OrgId& org, bool for_update) {
    if (for_update) require_writable("append_audit");  // a write transaction holds SQLite's lock
    check_org(org);
    return guarded("read audit head", [&]() -> std::optional<AuditHead> {
        auto head = stmt("SELECT seq, hash FROM audit_heads WHERE org_id = ?");
        head->bind(1, org.str());
        if (!head->executeStep()) return std::nullopt;
        return AuditHead{head->getColumn(0).getInt64(), head->getColumn(1).getString()};
    });
}

void SqliteTransaction::insert_audit_entry(const OrgId& org, const AuditEvent& event,
                                           std::string_view canonical_data) {
    require_writable("append_audit");
    check_org(org);
    guarded("append audit event", [&] {
        const std::string data(canonical_data);
        auto s = stmt(
            "INSERT INTO audit_events (org_id, seq, at_ms, actor, action, entity_kind, entity_id, "
            "correlation_id, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        s->bindNoCopy(1, org.str());
        s->bind(2, static_cast<int64_t>(event.seq));
        s->bind(3, static_cast<int64_t>(ms(event.at)));
        s->bindNoCopy(4, event.actor);
        s->bindNoCopy(5, event.action);
        s->bindNoCopy(6, event.entity_kind);
        s->bindNoCopy(7, event.entity_id);
        s->bindNoCopy(8, event.correlation_id);
        s->bindNoCopy(9, data);
        s->bindNoCopy(10, event.prev_hash);
        s->bindNoCopy(11, event.hash);
        s->exec();
        auto h = stmt(
            "INSERT INTO audit_heads (org_id, seq, hash) VALUES (?, ?, ?) "
            "ON CONFLICT(org_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash");
        h->bindNoCopy(1, org.str());
        h->bind(2, static_cast<int64_t>(event.seq));
        h->bindNoCopy(3, event.hash);
        h->exec();
    });
}

std::vector<AuditEvent> SqliteTransaction::list_audit(const OrgId& org, std::int64_t after_seq,
                                                      std::size_t limit) {
    check_org(org);
    return guarded("list audit events", [&] {
        auto s = stmt(
            "SELECT seq, at_ms, actor, action, entity_kind, entity_id, correlation_id, data, "
            "prev_hash, hash FROM audit_events WHERE org_id = ? AND seq > ? ORDER BY seq LIMIT ?");
        s->bind(1, org.str());
        s->bind(2, static_cast<int64_t>(after_seq));
        s->bind(3, limit > 0 ? static_cast<int64_t>(limit) : static_cast<int64_t>(-1));
        std::vector<AuditEvent> out;
        while (s->executeStep()) out.push_back(read_audit(*s));
        return out;
    });
}

std::vector<AuditEvent> SqliteTransaction::list_audit_for(const OrgId& org,
                                                          std::string_view entity_kind,
                                                          std::string_view entity_id) {
    check_org(org);
    return guarded("list audit events", [&] {
        auto s = stmt(
            "SELECT seq, at_ms, actor, action, entity_kind, entity_id, correlation_id, data, "
            "prev_hash, hash FROM audit_events WHERE org_id = ? AND entity_kind = ? AND "
            "entity_id = ? ORDER BY seq");
        s->bind(1, org.str());
        s->bind(2, std::string(entity_kind));
        s->bind(3, std::string(entity_id));
        std::vector<AuditEvent> out;
        while (s->executeStep()) out.push_back(read_audit(*s));
        return out;
    });
}

}  // namespace propos::sqlite_impl
