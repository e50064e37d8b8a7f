#include "propos/model/decision.hpp"

namespace propos {

void to_json(Json& j, const StaffDecision& v) {
    j = Json{{"id", v.id},
             {"kind", v.kind},
             {"decided_by", v.decided_by},
             {"decision", v.decision},
             {"note", v.note},
             {"work_order_id", v.work_order_id},
             {"escalation_id", v.escalation_id},
             {"reason", v.reason},
             {"summary", v.summary},
             {"vendor_id", v.vendor_id},
             {"amount_cents", v.amount ? Json(v.amount->in_cents()) : Json(nullptr)},
             {"at", v.at}};
}

void from_json(const Json& j, StaffDecision& v) {
    FieldReader r(j, "staff decision");
    r.req("id", v.id);
    r.req("kind", v.kind);
    r.opt("decided_by", v.decided_by);
    r.opt("decision", v.decision);
    r.opt("note", v.note);
    r.opt("work_order_id", v.work_order_id);
    r.opt("escalation_id", v.escalation_id);
    r.opt("reason", v.reason);
    r.opt("summary", v.summary);
    r.opt("vendor_id", v.vendor_id);
    std::optional<std::int64_t> cents;
    r.opt("amount_cents", cents);
    v.amount = cents ? std::optional<Money>(Money::cents(*cents)) : std::nullopt;
    r.opt("at", v.at);
}

}  // namespace propos
