#include "propos/model/oversight.hpp"

namespace propos {

void to_json(Json& j, const Event& v) {
    j = Json{{"id", v.id},         {"type", v.type}, {"org", v.org_id}, {"correlation_id", v.correlation_id},
             {"time", v.at},       {"payload", v.payload}};
}
void from_json(const Json& j, Event& v) {
    FieldReader r(j, "event");
    r.req("id", v.id);
    r.req("type", v.type);
    r.req("org", v.org_id);
    r.opt("correlation_id", v.correlation_id);
    r.req("time", v.at);
    r.opt("payload", v.payload);
}

void to_json(Json& j, const ComplianceItem& v) {
    j = Json{{"id", v.id},
             {"property_id", v.property_id},
             {"unit_id", v.unit_id},
             {"kind", v.kind},
             {"description", v.description},
             {"due_at", v.due_at},
             {"recurrence", v.recurrence},
             {"status", v.status},
             {"completed_at", v.completed_at}};
    // Rule-pack fields: written only when set (older readers and imports see the same document).
    auto set = [&](const char* k, const std::string& s) {
        if (!s.empty()) j[k] = s;
    };
    auto set_time = [&](const char* k, const std::optional<Timestamp>& t) {
        if (t) j[k] = *t;
    };
    set("jurisdiction", v.jurisdiction);
    set("rule_id", v.rule_id);
    set("source", v.source);
    set_time("window_start", v.window_start);
    if (v.requires_proof) j["requires_proof"] = true;
    set("parent_id", v.parent_id);
    set_time("notice_sent_at", v.notice_sent_at);
    set_time("reply_due_at", v.reply_due_at);
    if (!v.notice_message_ids.empty()) j["notice_message_ids"] = v.notice_message_ids;
    set_time("reply_received_at", v.reply_received_at);
    set("reply_message_id", v.reply_message_id);
    if (!v.reply.empty()) j["reply"] = v.reply;
    if (!v.proofs.empty()) j["proofs"] = v.proofs;
    set("at_risk_escalation_id", v.at_risk_escalation_id);
    set("overdue_escalation_id", v.overdue_escalation_id);
    set("completed_by", v.completed_by);
    set("completion_note", v.completion_note);
}
void to_json(Json& j, const ComplianceProof& v) {
    j = Json{{"blob_key", v.blob_key}, {"sha256", v.sha256}, {"name", v.name}, {"content_type", v.content_type},
             {"size", v.size},         {"at", v.at},         {"by", v.by}};
}
void from_json(const Json& j, ComplianceProof& v) {
    FieldReader r(j, "compliance proof");
    r.req("blob_key", v.blob_key);
    r.req("sha256", v.sha256);
    r.opt("name", v.name);
    r.opt("content_type", v.content_type);
    r.opt("size", v.size);
    r.req("at", v.at);
    r.opt("by", v.by);
}
void from_json(const Json& j, ComplianceItem& v) {
    FieldReader r(j, "compliance item");
    r.req("id", v.id);
    r.req("property_id", v.property_id);
    r.opt("unit_id", v.unit_id);
    r.req("kind", v.kind);
    r.opt("description", v.description);
    r.req("due_at", v.due_at);
    r.opt("recurrence", v.recurrence);
    r.opt_enum("status", v.status);
    r.opt("completed_at", v.completed_at);
    r.opt("jurisdiction", v.jurisdiction);
    r.opt("rule_id", v.rule_id);
    r.opt("source", v.source);
    r.opt("window_start", v.window_start);
    r.opt("requires_proof", v.requires_proof);
    r.opt("parent_id", v.parent_id);
    r.opt("notice_sent_at", v.notice_sent_at);
    r.opt("reply_due_at", v.reply_due_at);
    r.opt("notice_message_ids", v.notice_message_ids);
    r.opt("reply_received_at", v.reply_received_at);
    r.opt("reply_message_id", v.reply_message_id);
    r.opt("reply", v.reply);
    r.opt("proofs", v.proofs);
    r.opt("at_risk_escalation_id", v.at_risk_escalation_id);
    r.opt("overdue_escalation_id", v.overdue_escalation_id);
    r.opt("completed_by", v.completed_by);
    r.opt("completion_note", v.completion_note);
}

void to_json(Json& j, const Escalation& v) {
    j = Json{{"id", v.id},
             {"reason", v.reason},
             {"summary", v.summary},
             {"severity", v.severity},
             {"status", v.status},
             {"work_order_id", v.work_order_id},
             {"run_id", v.run_id},
             {"context", v.context},
             {"created_at", v.created_at},
             {"sla_due_at", v.sla_due_at},
             {"resolved_at", v.resolved_at},
             {"resolved_by", v.resolved_by},
             {"decision", v.decision}};
    if (!v.resolution.empty()) j["resolution"] = v.resolution;
    if (v.sla_misses) j["sla_misses"] = v.sla_misses;
}
void from_json(const Json& j, Escalation& v) {
    FieldReader r(j, "escalation");
    r.req("id", v.id);
    r.req("reason", v.reason);
    r.opt("summary", v.summary);
    r.opt_enum("severity", v.severity);
    r.opt_enum("status", v.status);
    r.opt("work_order_id", v.work_order_id);
    r.opt("run_id", v.run_id);
    r.opt("context", v.context);
    r.opt("created_at", v.created_at);
    r.opt("sla_due_at", v.sla_due_at);
    r.opt("resolved_at", v.resolved_at);
    r.opt("resolved_by", v.resolved_by);
    r.opt("decision", v.decision);
    r.opt("resolution", v.resolution);
    r.opt("sla_misses", v.sla_misses);
}

void to_json(Json& j, const AuditEvent& v) {
    j = Json{{"seq", v.seq},
             {"at", v.at},
             {"actor", v.actor},
             {"action", v.action},
             {"entity_kind", v.entity_kind},
             {"entity_id", v.entity_id},
             {"correlation_id", v.correlation_id},
             {"data", v.data},
             {"prev_hash", v.prev_hash},
             {"hash", v.hash}};
}
void from_json(const Json& j, AuditEvent& v) {
    FieldReader r(j, "audit event");
    r.opt("seq", v.seq);
    r.req("at", v.at);
    r.req("actor", v.actor);
    r.req("action", v.action);
    r.opt("entity_kind", v.entity_kind);
    r.opt("entity_id", v.entity_id);
    r.opt("correlation_id", v.correlation_id);
    r.opt("data", v.data);
    r.opt("prev_hash", v.prev_hash);
    r.opt("hash", v.hash);
}

}  // namespace propos
