// PostgreSQL engine: the audit capability (entries and the head of each organization's chain).
#include "pg_impl.hpp"

namespace propos::pg_impl {

namespace {
constexpr const char* kAuditColumns =
    "seq, at_ms, actor, action, entity_kind, entity_id, correlation_id, data, prev_hash, hash";

AuditEvent audit_from_row(const Result& r, int i) {
    AuditEvent e;
    e.seq = r.i64(i, 0);
    e.at = from_unix_millis(r.i64(i, 1));
    e.actor = r.str(i, 2);
    e.action = r.str(i, 3);
    e.entity_kind = r.str(i, 4);
    e.entity_id = r.str(i, 5);
    e.correlation_id = r.str(i, 6);
    // A row edited into invalid JSON must still be reported by verify_audit, not crash it.
    const auto data = r.str(i, 7);
    try {
        e.data = Json::parse(data);
    } catch (const nlohmann::json::exception&) {
        e.data = Json("<unparseable: " + data + ">");
    }
    e.prev_hash = r.str(i, 8);
    e.hash = r.str(i, 9);
    return e;
}
}  // namespace

std::optional<AuditHead> PgTransaction::audit_head(const OrgId& org, bool for_update) {
    check_org(org);
    Params p;
    p.text(org.str());
    // For an append (`for_update`) the organization's lock, which a write transaction took with its
    // first call for the organization (check_org), is held until the transaction ends: a second
    // worker appending to the same chain waits for it and then reads the head the first one wrote.
    if (for_update) require_writable("append_audit");
    auto r = exec("SELECT seq, hash FROM audit_heads WHERE org_id = $1", p, "read audit head");
    if (r.rows() == 0) return std::nullopt;
    return AuditHead{r.i64(0, 0), r.str(0, 1)};
}

void PgTransaction::insert_audit_entry(const OrgId& org, const AuditEvent& event,
                                       std::string_view canonical_data) {
    require_writable("append_audit");
    check_org(org);
    Params p;
    p.text(org.str()).num(event.seq).num(ms(event.at)).text(event.actor).text(event.action)
        .text(event.entity_kind).text(event.entity_id).text(event.correlation_id).text(canonical_data)
        .text(event.prev_hash).text(event.hash);
    // One round trip: the entry and the new head.
    exec("WITH entry AS (INSERT INTO audit_events (org_id, seq, at_ms, actor, action, entity_kind, "
         "entity_id, correlation_id, data, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
         "$10, $11)) INSERT INTO audit_heads (org_id, seq, hash) VALUES ($1, $2, $11) ON CONFLICT "
         "(org_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
         p, "append audit event");
}

std::vector<AuditEvent> PgTransaction::list_audit(const OrgId& org, std::int64_t after_seq,
                                                  std::size_t limit) {
    check_org(org);
    Params p;
    p.text(org.str()).num(after_seq);
    std::string sql = std::string("SELECT ") + kAuditColumns +
                      " FROM audit_events WHERE org_id = $1 AND seq > $2 ORDER BY seq";
    if (limit > 0) sql += " LIMIT " + std::to_string(limit);
    auto r = exec(sql, p, "list audit events");
    std::vector<AuditEvent> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(audit_from_row(r, i));
    return out;
}

std::vector<AuditEvent> PgTransaction::list_audit_for(const OrgId& org, std::string_view entity_kind,
                                                      std::string_view entity_id) {
    check_org(org);
    Params p;
    p.text(org.str()).text(entity_kind).text(entity_id);
    auto r = exec(std::string("SELECT ") + kAuditColumns +
                      " FROM audit_events WHERE org_id = $1 AND entity_kind = $2 AND entity_id = $3 "
                      "ORDER BY seq",
                  p, "list audit events");
    std::vector<AuditEvent> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(audit_from_row(r, i));
    return out;
}

}  // namespace propos::pg_impl
