#include "propos/store/audit_log.hpp"

#include "propos/core/crypto.hpp"

namespace propos {

const std::string& AuditLog::genesis_hash() {
    static const std::string kGenesis(64, '0');
    return kGenesis;
}

std::string AuditLog::compute_hash(const OrgId& org, const AuditEvent& e) {
    return compute_hash(org, e, canonical_json(e.data));
}

std::string AuditLog::compute_hash(const OrgId& org, const AuditEvent& e,
                                   std::string_view canonical_data) {
    // prev_hash followed by the canonical JSON of {"action","actor","at","correlation_id","data",
    // "entity_id","entity_kind","org","seq"} (keys sorted), written directly: byte for byte what
    // canonical_json of that object gives (audit_test checks it), without a Json tree.
    std::string text;
    text.reserve(e.prev_hash.size() + canonical_data.size() + e.action.size() + e.actor.size() +
                 e.correlation_id.size() + e.entity_id.size() + e.entity_kind.size() +
                 org.str().size() + 160);
    text += e.prev_hash;
    text += "{\"action\":";
    append_json_string(text, e.action);
    text += ",\"actor\":";
    append_json_string(text, e.actor);
    text += ",\"at\":";
    text += std::to_string(to_unix_millis(e.at));
    text += ",\"correlation_id\":";
    append_json_string(text, e.correlation_id);
    text += ",\"data\":";
    text += canonical_data;
    text += ",\"entity_id\":";
    append_json_string(text, e.entity_id);
    text += ",\"entity_kind\":";
    append_json_string(text, e.entity_kind);
    text += ",\"org\":";
    append_json_string(text, org.str());
    text += ",\"seq\":";
    text += std::to_string(e.seq);
    text += '}';
    return sha256_hex(text);
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
