#include "propos/model/work_order.hpp"

#include <algorithm>

namespace propos {

Millis response_target(Priority p) noexcept {
    switch (p) {
        case Priority::kEmergency: return std::chrono::hours(4);
        case Priority::kUrgent: return std::chrono::hours(24);
        case Priority::kRoutine: return std::chrono::hours(48);
    }
    return std::chrono::hours(48);
}

const std::vector<std::string>& triage_categories() {
    static const std::vector<std::string> kCategories = {
        "plumbing", "water_leak", "heat_hot_water", "electrical", "appliance",
        "hvac",     "pest",       "door_window_lock", "structural", "fire_safety",
        "gas",      "elevator",   "paint_plaster",    "flooring",   "general"};
    return kCategories;
}

bool is_triage_category(std::string_view category) {
    const auto& c = triage_categories();
    return std::find(c.begin(), c.end(), category) != c.end();
}

bool can_transition(WorkOrderStatus from, WorkOrderStatus to) noexcept {
    using S = WorkOrderStatus;
    if (to == S::kCancelled) return from != S::kClosed && from != S::kCancelled &&
                                    from != S::kCompleted && from != S::kInvoiced;
    switch (from) {
        case S::kNew: return to == S::kTriaged;
        case S::kTriaged:
            return to == S::kAwaitingBids || to == S::kAwaitingApproval || to == S::kDispatched;
        case S::kAwaitingBids: return to == S::kAwaitingApproval || to == S::kDispatched;
        case S::kAwaitingApproval: return to == S::kAwaitingBids || to == S::kDispatched;
        case S::kDispatched:
            return to == S::kScheduled || to == S::kInProgress || to == S::kTriaged;
        case S::kScheduled:
            return to == S::kInProgress || to == S::kScheduled || to == S::kTriaged;
        case S::kInProgress: return to == S::kCompleted || to == S::kScheduled;
        case S::kCompleted: return to == S::kInvoiced || to == S::kClosed || to == S::kTriaged;
        case S::kInvoiced: return to == S::kClosed || to == S::kTriaged;
        case S::kClosed:
        case S::kCancelled: return false;
    }
    return false;
}

std::vector<WorkOrderStatus> allowed_transitions(WorkOrderStatus from) {
    std::vector<WorkOrderStatus> out;
    for (const auto& [s, name] : EnumTraits<WorkOrderStatus>::kNames) {
        if (can_transition(from, s)) out.push_back(s);
    }
    return out;
}

bool is_terminal(WorkOrderStatus s) noexcept {
    return s == WorkOrderStatus::kClosed || s == WorkOrderStatus::kCancelled;
}

void WorkOrder::transition_to(WorkOrderStatus to, Timestamp at, std::string reason) {
    if (!can_transition(status, to)) {
        std::string allowed;
        for (auto s : allowed_transitions(status)) {
            if (!allowed.empty()) allowed += ", ";
            allowed += enum_name(s);
        }
        throw Error(ErrorCode::kFailedPrecondition,
                    "illegal work order transition for " + id.str() + ": " +
                        std::string(enum_name(status)) + " -> " + std::string(enum_name(to)) +
                        (allowed.empty() ? std::string(" (the work order is " +
                                                       std::string(enum_name(status)) +
                                                       ", a final state)")
                                         : " (allowed from " + std::string(enum_name(status)) +
                                               ": " + allowed + ")"));
    }
    if (to == WorkOrderStatus::kTriaged &&
        (status == WorkOrderStatus::kCompleted || status == WorkOrderStatus::kInvoiced)) {
        ++reopen_count;
    }
    history.push_back(StatusChange{status, to, at, std::move(reason)});
    status = to;
    updated_at = at;
    follow_ups = 0;
    switch (to) {
        case WorkOrderStatus::kDispatched:
            if (!dispatched_at) dispatched_at = at;
            break;
        case WorkOrderStatus::kCompleted: completed_at = at; break;
        case WorkOrderStatus::kClosed:
        case WorkOrderStatus::kCancelled: closed_at = at; break;
        default: break;
    }
}

void to_json(Json& j, const TimeWindow& v) { j = Json{{"start", v.start}, {"end", v.end}}; }
void from_json(const Json& j, TimeWindow& v) {
    FieldReader r(j, "time window");
    r.req("start", v.start);
    r.req("end", v.end);
    if (v.end <= v.start) throw Error(ErrorCode::kInvalidArgument, "time window ends before it starts");
}

void to_json(Json& j, const StatusChange& v) {
    j = Json{{"from", v.from}, {"to", v.to}, {"at", v.at}, {"reason", v.reason}};
}
void from_json(const Json& j, StatusChange& v) {
    FieldReader r(j, "status change");
    r.req_enum("from", v.from);
    r.req_enum("to", v.to);
    r.req("at", v.at);
    r.opt("reason", v.reason);
}

void to_json(Json& j, const WorkOrder& v) {
    j = Json{{"id", v.id},
             {"property_id", v.property_id},
             {"unit_id", v.unit_id},
             {"tenant_id", v.tenant_id},
             {"thread_id", v.thread_id},
             {"title", v.title},
             {"description", v.description},
             {"category", v.category},
             {"scope", v.scope},
             {"priority", v.priority},
             {"emergency", v.emergency},
             {"triage_reasons", v.triage_reasons},
             {"status", v.status},
             {"vendor_id", v.vendor_id},
             {"purchase_order_id", v.purchase_order_id},
             {"nte", v.nte},
             {"approved_amount", v.approved_amount},
             {"entry_permitted", v.entry_permitted},
             {"pets_present", v.pets_present},
             {"access_notes", v.access_notes},
             {"scheduled_start", v.scheduled_start},
             {"scheduled_end", v.scheduled_end},
             {"next_action", v.next_action},
             {"next_action_due", v.next_action_due},
             {"reopen_count", v.reopen_count},
             {"follow_ups", v.follow_ups},
             {"awaiting_tenant", v.awaiting_tenant},
             {"tenant_availability", v.tenant_availability},
             {"tried_vendors", v.tried_vendors},
             {"message_ids", v.message_ids},
             {"resolution", v.resolution},
             {"created_at", v.created_at},
             {"updated_at", v.updated_at},
             {"first_response_at", v.first_response_at},
             {"dispatched_at", v.dispatched_at},
             {"completed_at", v.completed_at},
             {"closed_at", v.closed_at},
             {"history", v.history}};
    if (v.legal_due_at) {  // legal repair deadline: only when set
        j["legal_due_at"] = *v.legal_due_at;
        j["legal_class"] = v.legal_class;
        j["legal_basis"] = v.legal_basis;
    }
}
void from_json(const Json& j, WorkOrder& v) {
    FieldReader r(j, "work order");
    r.req("id", v.id);
    r.req("unit_id", v.unit_id);
    r.opt("property_id", v.property_id);
    r.opt("tenant_id", v.tenant_id);
    r.opt("thread_id", v.thread_id);
    r.opt("title", v.title);
    r.opt("description", v.description);
    r.opt("category", v.category);
    r.opt("scope", v.scope);
    if (v.scope != "minor" && v.scope != "standard" && v.scope != "major") {
        throw Error(ErrorCode::kInvalidArgument,
                    "work order scope '" + v.scope + "' is not one of minor, standard, major");
    }
    if (!is_triage_category(v.category)) {
        throw Error(ErrorCode::kInvalidArgument,
                    "work order: unknown category '" + v.category + "'");
    }
    r.opt_enum("priority", v.priority);
    r.opt("emergency", v.emergency);
    r.opt("triage_reasons", v.triage_reasons);
    r.opt_enum("status", v.status);
    r.opt("vendor_id", v.vendor_id);
    r.opt("purchase_order_id", v.purchase_order_id);
    r.opt("nte", v.nte);
    r.opt("approved_amount", v.approved_amount);
    r.opt("entry_permitted", v.entry_permitted);
    r.opt("pets_present", v.pets_present);
    r.opt("access_notes", v.access_notes);
    r.opt("scheduled_start", v.scheduled_start);
    r.opt("scheduled_end", v.scheduled_end);
    r.opt("next_action", v.next_action);
    r.opt("next_action_due", v.next_action_due);
    r.opt("reopen_count", v.reopen_count);
    r.opt("follow_ups", v.follow_ups);
    r.opt("awaiting_tenant", v.awaiting_tenant);
    r.opt("tenant_availability", v.tenant_availability);
    r.opt("tried_vendors", v.tried_vendors);
    r.opt("message_ids", v.message_ids);
    r.opt("resolution", v.resolution);
    r.opt("created_at", v.created_at);
    r.opt("updated_at", v.updated_at);
    r.opt("first_response_at", v.first_response_at);
    r.opt("dispatched_at", v.dispatched_at);
    r.opt("completed_at", v.completed_at);
    r.opt("closed_at", v.closed_at);
    r.opt("history", v.history);
    r.opt("legal_due_at", v.legal_due_at);
    r.opt("legal_class", v.legal_class);
    r.opt("legal_basis", v.legal_basis);
}

}  // namespace propos
