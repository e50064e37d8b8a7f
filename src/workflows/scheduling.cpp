// Scheduling: visit reminders, unanswered tenant questions, and the schedule_visit tool (the
// visit itself is booked by ops::schedule, shared with vendor dispatch).
#include <chrono>

#include "ops.hpp"
#include "propos/core/time.hpp"
#include "tool_util.hpp"
#include "units.hpp"

namespace propos {
namespace {
using namespace std::chrono;
}  // namespace

std::vector<std::string> Scheduling::tool_names() const { return unit_tool_names({"schedule_visit"}); }

void Scheduling::handle(const Job& job) {
    const auto& org = job.org_id;
    if (job.type == job_types::kVisitReminder) return on_visit_reminder(org, job);
    if (job.type == job_types::kTenantReplyDue) return on_tenant_reply_due(org, job);
    unowned_job(*this, job);
}

void Scheduling::on_visit_reminder(const OrgId& org, const Job& job) {
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        auto wo = tx.find<WorkOrder>(org, job.payload.value("work_order_id", ""));
        if (!wo || wo->status != WorkOrderStatus::kScheduled || !wo->scheduled_start ||
            format_time(*wo->scheduled_start) != job.payload.value("start", "")) {
            return;
        }
        const auto before = job.payload.value("before", "24h");
        ops::message_tenant(tx, s, org, *wo,
                            "Reminder: the repair visit for " + wo->id.str() + " is in " + before + ".",
                            "Recordatorio: la visita de reparación para " + wo->id.str() + " es en " + before + ".",
                            false, job.correlation_id);
        if (wo->vendor_id) {
            if (auto v = tx.find<Vendor>(org, wo->vendor_id->str())) {
                ops::message_vendor(tx, s, org, *v, *wo, "Reminder: " + wo->id.str() + " visit in " + before + ".",
                                    job.correlation_id);
            }
        }
    });
}

void Scheduling::on_tenant_reply_due(const OrgId& org, const Job& job) {
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        auto wo = tx.find<WorkOrder>(org, job.payload.value("work_order_id", ""));
        const auto kind = job.payload.value("kind", "");
        if (!wo || wo->awaiting_tenant != kind || is_terminal(wo->status)) return;
        wo->awaiting_tenant.clear();
        if (kind == "troubleshooting" && wo->status == WorkOrderStatus::kTriaged) {
            ops::auto_dispatch(tx, s, org, *wo, job.correlation_id);
        } else if (kind == "hazard_check") {
            // Nobody answered whether it may be an emergency: a person must call the tenant.
            ops::save(tx, org, *wo, s.clock->now(), "work_order.hazard_unconfirmed", job.correlation_id);
            ops::raise(tx, org, "hazard_unconfirmed", Severity::kHigh,
                       "The tenant has not answered whether " + wo->id.str() +
                           " is an emergency; please call them",
                       wo->id, Json{{"category", wo->category}}, s.clock->now(), job.correlation_id);
        } else {
            ops::save(tx, org, *wo, s.clock->now(), "", job.correlation_id);
        }
    });
}

void register_scheduling_tools(ToolRegistry& reg, const WorkflowServices& s) {
    using namespace tool_util;
    const WorkflowServices* sp = &s;
    (void)sp;
    reg.add({"schedule_visit",
             "Schedule the dispatched vendor's visit; confirms to tenant and vendor and sets reminders.",
             schema({{"work_order_id", kId},
                     {"start", {{"type", "string"}, {"minLength", 10}}},
                     {"end", {{"type", "string"}, {"minLength", 10}}}},
                    {"work_order_id", "start"}),
             [sp](ToolContext& ctx, const Json& args) {
                 auto wo = load_wo(ctx, args);
                 if (wo.status != WorkOrderStatus::kDispatched && wo.status != WorkOrderStatus::kScheduled) {
                     return ToolResult::error("work order " + wo.id.str() + " is " +
                                              std::string(enum_name(wo.status)) + ", not dispatched");
                 }
                 TimeWindow w;
                 w.start = parse_time(args["start"].get<std::string>());
                 w.end = args.contains("end") ? parse_time(args["end"].get<std::string>())
                                              : w.start + std::chrono::hours(2);
                 if (w.start < ctx.now) return ToolResult::error("the visit cannot start in the past");
                 if (w.end <= w.start) return ToolResult::error("the visit ends before it starts");
                 ops::schedule(ctx.tx, *sp, ctx.org, wo, w, ctx.correlation_id);
                 return ToolResult::ok({{"scheduled", format_time(w.start)}});
             }});
}

}  // namespace propos
