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
