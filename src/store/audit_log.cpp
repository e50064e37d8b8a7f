#include "propos/store/audit_log.hpp"

#include "propos/core/crypto.hpp"

namespace propos {

const std::string& AuditLog::genesis_hash() {
    static const std::string kGenesis(64, '0');
    return kGenesis;
}

std::string AuditLog::compute_hash(const OrgId& org, const AuditEvent& e) {
    const Json body{{"org", org.str()},
                    {"seq", e.seq},
                    {"at", to_unix_millis(e.at)},
                    {"actor", e.actor},
                    {"action", e.action},
                    {"entity_kind", e.entity_kind},
                    {"entity_id", e.entity_id},
                    {"correlation_id", e.correlation_id},
                    {"data", e.data}};
    return sha256_hex(e.prev_hash + canonical_json(body));
}

AuditEvent AuditLog::append(const OrgId& org, AuditEvent event) {
    return store_.write_result([&](Transaction& tx) { return tx.append_audit(org, event); });
}

std::vector<AuditEvent> AuditLog::list(const OrgId& org, std::int64_t after_seq, std::size_t limit) {
    return store_.read_result([&](Transaction& tx) { return tx.list_audit(org, after_seq, limit); });
}

std::vector<AuditEvent> AuditLog::for_entity(const OrgId& org, std::string_view kind,
                                             std::string_view id) {
    return store_.read_result([&](Transaction& tx) { return tx.list_audit_for(org, kind, id); });
}

AuditVerification AuditLog::verify(const OrgId& org) {
    return store_.read_result([&](Transaction& tx) { return tx.verify_audit(org); });
}

}  // namespace propos
