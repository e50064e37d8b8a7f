// The maintenance tools, offered together: their names in the order offered, the helpers they
// share (tool_util.hpp); each unit registers its own (units.hpp).
#include <algorithm>
#include <cmath>

#include "ops.hpp"
#include "propos/core/logging.hpp"
#include "tool_util.hpp"
#include "units.hpp"

namespace propos {
namespace tool_util {

Json categories_enum() {
    Json arr = Json::array();
    for (const auto& c : triage_categories()) arr.push_back(c);
    return arr;
}

Json schema(Json properties, std::vector<std::string> required) {
    return Json{{"type", "object"},
                {"properties", std::move(properties)},
                {"required", required},
                {"additionalProperties", false}};
}

std::string str(const Json& args, const char* key, const std::string& fallback) {
    auto it = args.find(key);
    return it != args.end() && it->is_string() ? it->get<std::string>() : fallback;
}

// The work order named in the arguments, which must belong to this run's unit when the run has one.
WorkOrder load_wo(ToolContext& ctx, const Json& args) {
    const auto id = str(args, "work_order_id", ctx.run_context.value("work_order_id", ""));
    if (id.empty()) throw Error(ErrorCode::kInvalidArgument, "no work_order_id given and none in this run");
    auto wo = ctx.tx.get<WorkOrder>(ctx.org, id);
    const auto unit = ctx.run_context.value("unit_id", "");
    if (!unit.empty() && wo.unit_id.str() != unit) {
        throw Error(ErrorCode::kPermissionDenied, "work order " + id + " is not for this tenant's unit " + unit);
    }
    return wo;
}

void link_message(ToolContext& ctx, WorkOrder& wo) {
    const auto mid = ctx.run_context.value("message_id", "");
    if (mid.empty()) return;
    if (auto m = ctx.tx.find<Message>(ctx.org, mid)) {
        m->work_order_id = wo.id;
        ctx.tx.put(ctx.org, *m);
        if (auto th = ctx.tx.find<Thread>(ctx.org, m->thread_id.str())) {
            th->work_order_id = wo.id;
            ctx.tx.put(ctx.org, *th);
            if (wo.thread_id.empty()) wo.thread_id = th->id;
        }
    }
    if (std::find(wo.message_ids.begin(), wo.message_ids.end(), MessageId(mid)) == wo.message_ids.end()) {
        wo.message_ids.push_back(MessageId(mid));
    }
}

Json rank_json(const std::vector<VendorRank>& ranked, size_t max) {
    Json arr = Json::array();
    for (const auto& r : ranked) {
        if (arr.size() >= max) break;
        arr.push_back({{"vendor_id", r.vendor.id.str()},
                       {"name", r.vendor.name},
                       {"eligible", r.eligible},
                       {"score", r.score},
                       {"estimate_cents", r.estimate.in_cents()},
                       {"reasons", r.reasons}});
    }
    return arr;
}

// The offline triage of the run's inbound message raised by the host's triage model (the floor a
// model's triage may not go below); nullopt when the run has no message.
std::optional<Triage> deterministic_triage(ToolContext& ctx, const WorkflowServices& services) {
    const auto mid = ctx.run_context.value("message_id", "");
    if (mid.empty()) return std::nullopt;
    const auto m = ctx.tx.find<Message>(ctx.org, mid);
    if (!m) return std::nullopt;
    const std::string text = m->subject.empty() ? m->body : m->subject + "\n" + m->body;
    if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) != 0; })) {
        return std::nullopt;
    }
    TriageOptions o;
    if (const auto tid = ctx.run_context.value("tenant_id", ""); !tid.empty()) {
        if (auto t = ctx.tx.find<Tenant>(ctx.org, tid)) o.vulnerable_occupant = t->vulnerable_occupant;
    }
    // The run started with the offline triage of this same text (RepairIntake::start): read back
    // what the floor and the hook need rather than assessing the text once more. Only one marked
    // "offline" (a run started before the model's triage moved to "model_triage" may hold the
    // model's there, which must never become the floor).
    Triage t;
    if (const auto it = ctx.run_context.find("triage");
        it != ctx.run_context.end() && it->is_object() && it->value("offline", false)) {
        const auto& j = *it;
        t.category = j.value("category", t.category);
        t.priority = parse_enum<Priority>(j.value("priority", std::string(enum_name(t.priority))));
        t.emergency = j.value("emergency", false);
        t.escalate = j.value("escalate", false);
        t.reasons = j.value("reasons", std::vector<std::string>{});
        t.language = j.value("language", t.language);
        t.hazards = j.value("hazards", std::vector<std::string>{});
    } else {
        t = triage_text(text, m->at, o);
    }
    if (!services.triage_hook) return t;
    std::string error;
    try {
        if (const auto opinion = services.triage_hook(
                triage_hook_input(ctx.org, text, m->at, o.vulnerable_occupant, t))) {
            apply_triage_opinion(t, *opinion);
        }
    } catch (const std::exception& e) {
        error = e.what();
    }
    if (!error.empty()) {
        // The offline criteria stand; a person sees that the host's model failed.
        t.reasons.push_back("host triage model failed (" + redact(error) + "); the offline criteria stand");
        AuditEvent a;
        a.at = ctx.now;
        a.actor = "system";
        a.action = "triage.hook_failed";
        a.entity_kind = "message";
        a.entity_id = m->id.str();
        a.correlation_id = ctx.correlation_id;
        a.data = {{"error", redact(error)}};
        record_decision(ctx.tx, ctx.org, std::move(a), Json{{"message_id", m->id.str()}, {"error", redact(error)}});
    }
    return t;
}

std::string join_hazards(const std::vector<std::string>& hazards) {
    std::string s;
    for (const auto& h : hazards) s += (s.empty() ? "" : ", ") + h;
    return s;
}

}  // namespace tool_util

const std::vector<std::string>& maintenance_tool_names() {
    static const std::vector<std::string> kNames = {
        "triage_request", "create_work_order", "merge_into_work_order", "ask_tenant",
        "reply_to_tenant", "rank_vendors",     "request_bids",          "dispatch_vendor",
        "schedule_visit",  "escalate",         "close_work_order",      "reconcile_invoice",
        "search_history"};
    return kNames;
}

std::vector<std::string> unit_tool_names(std::initializer_list<const char*> names) {
    std::vector<std::string> out;
    for (const auto& n : maintenance_tool_names()) {
        if (std::find_if(names.begin(), names.end(), [&](const char* x) { return n == x; }) != names.end()) {
            out.push_back(n);
        }
    }
    return out;
}

void register_maintenance_tools(ToolRegistry& registry, const WorkflowServices& services) {
    // Each unit registers its own tools; the model is offered them in the one order it always saw
    // (registration order is offering order), so they are staged and added in that order.
    ToolRegistry staged;
    register_repair_intake_tools(staged, services);
    register_vendor_dispatch_tools(staged, services);
    register_scheduling_tools(staged, services);
    register_completion_tools(staged, services);
    register_invoice_tools(staged, services);
    for (const auto& name : maintenance_tool_names()) registry.add(*staged.find(name));
}

}  // namespace propos
