// Completion: the tenant's confirmation and the auto-close after 48 hours of silence, stalled work
// followed up and escalated, the vendor's scorecard, and the close_work_order tool.
#include <algorithm>
#include <chrono>

#include "ops.hpp"
#include "propos/core/time.hpp"
#include "tool_util.hpp"
#include "units.hpp"

namespace propos {
namespace {
using namespace std::chrono;
}  // namespace

namespace ops {

void score_completion(Transaction& tx, const OrgId& org, const WorkOrder& wo, bool callback) {
    if (!wo.vendor_id) return;
    auto v = tx.find<Vendor>(org, wo.vendor_id->str());
    if (!v) return;
    if (callback) {
        ++v->scorecard.callbacks;
        v->scorecard.rating = std::max(1.0, v->scorecard.rating - 0.1);
    } else {
        ++v->scorecard.jobs_completed;
        const Timestamp deadline = wo.scheduled_end ? *wo.scheduled_end + std::chrono::hours(2)
                                                    : wo.created_at + 2 * response_target(wo.priority);
        if (wo.completed_at && *wo.completed_at <= deadline) ++v->scorecard.on_time_jobs;
        v->scorecard.rating = std::min(5.0, v->scorecard.rating + 0.02);
    }
    tx.put(org, *v);
}

}  // namespace ops

std::vector<std::string> Completion::tool_names() const { return unit_tool_names({"close_work_order"}); }

void Completion::handle(const Job& job) {
    const auto& org = job.org_id;
    if (job.type == job_types::kConfirmationDue) return on_confirmation_due(org, job);
    if (job.type == job_types::kStallCheck) return on_stall_check(org, job);
    unowned_job(*this, job);
}

void Completion::on_confirmation_due(const OrgId& org, const Job& job) {
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        auto wo = tx.find<WorkOrder>(org, job.payload.value("work_order_id", ""));
        if (!wo || wo->status != WorkOrderStatus::kCompleted || wo->awaiting_tenant != "confirmation") return;
        if (job.payload.value("final", false)) {
            wo->transition_to(WorkOrderStatus::kClosed, now, "auto-closed: no reply from the tenant in 48 h");
            wo->awaiting_tenant.clear();
            wo->next_action.clear();
            wo->next_action_due.reset();
            ops::score_completion(tx, org, *wo, false);
            ops::save(tx, org, *wo, now, "work_order.closed", job.correlation_id, Json{{"auto_closed", true}});
            return;
        }
        ops::message_tenant(tx, s, org, *wo,
                            "Is the repair for " + wo->id.str() + " holding up? Reply YES, or NOT FIXED. We'll "
                            "close it automatically in 48 hours otherwise.",
                            "¿Funciona la reparación de " + wo->id.str() + "? Responda SÍ o NO. La cerraremos "
                            "en 48 horas si no hay respuesta.",
                            false, job.correlation_id);
        wo->next_action = "tenant to confirm (auto-close at 48 h)";
        wo->next_action_due = *wo->completed_at + hours(48);
        ops::save(tx, org, *wo, now, "", job.correlation_id);
    });
}

void Completion::on_stall_check(const OrgId& org, const Job& job) {
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        for (const char* st : {"triaged", "awaiting_bids", "awaiting_approval", "dispatched", "scheduled",
                               "in_progress", "completed", "invoiced"}) {
            for (auto& wo : tx.list<WorkOrder>(org, {.status = st})) {
                if (wo.next_action.empty() || !wo.next_action_due) {
                    // Invariant: every open work order has a next action and a due time.
                    wo.next_action = "review: no next action was set";
                    wo.next_action_due = now + response_target(wo.priority);
                    ops::save(tx, org, wo, now, "", job.correlation_id);
                    continue;
                }
                if (*wo.next_action_due > now || wo.follow_ups >= 2) continue;
                const auto corr = job.correlation_id.empty() ? wo.id.str() : job.correlation_id;
                if (wo.follow_ups == 0) {
                    if (wo.vendor_id && (wo.status == WorkOrderStatus::kScheduled ||
                                         wo.status == WorkOrderStatus::kInProgress)) {
                        if (auto v = tx.find<Vendor>(org, wo.vendor_id->str())) {
                            ops::message_vendor(tx, s, org, *v, wo,
                                                "Following up on " + wo.id.str() + " (" + wo.next_action +
                                                    "). Please reply with an update, or DONE when finished.",
                                                corr);
                        }
                    } else if (!wo.awaiting_tenant.empty() && wo.status != WorkOrderStatus::kCompleted) {
                        ops::message_tenant(tx, s, org, wo, "Following up on " + wo.id.str() + ": " + wo.next_action + ".",
                                            "Seguimiento de " + wo.id.str() + ".", false, corr);
                    }
                    wo.follow_ups = 1;
                    wo.next_action_due = now + response_target(wo.priority);
                    ops::save(tx, org, wo, now, "work_order.followed_up", corr);
                } else {
                    wo.follow_ups = 2;
                    // One escalation at a time: a work order a person already has does not get another.
                    if (!ops::has_open_escalation(tx, org, wo.id)) {
                        ops::raise(tx, org, "stalled", wo.emergency ? Severity::kCritical : Severity::kMedium,
                                   wo.id.str() + " is stalled: '" + wo.next_action + "' overdue since " +
                                       format_time(*wo.next_action_due),
                                   wo.id, Json{{"status", enum_name(wo.status)}}, now, corr);
                    }
                    wo.next_action = "a person to review (stalled: " + wo.next_action + ")";
                    wo.next_action_due = now + response_target(wo.priority);
                    ops::save(tx, org, wo, now, "", corr);
                }
            }
        }
    });
}

void register_completion_tools(ToolRegistry& reg, const WorkflowServices& s) {
    using namespace tool_util;
    const WorkflowServices* sp = &s;
    (void)sp;
    reg.add({"close_work_order",
             "Close a work order with its resolution (after completion, or cancel it when the tenant fixed "
             "it themselves or withdrew the request).",
             schema({{"work_order_id", kId}, {"resolution", {{"type", "string"}, {"minLength", 3}, {"maxLength", 1000}}}},
                    {"work_order_id", "resolution"}),
             [](ToolContext& ctx, const Json& args) {
                 auto wo = load_wo(ctx, args);
                 const auto resolution = args["resolution"].get<std::string>();
                 if (wo.status == WorkOrderStatus::kInProgress) {
                     wo.transition_to(WorkOrderStatus::kCompleted, ctx.now, resolution);
                 }
                 if (wo.status == WorkOrderStatus::kCompleted || wo.status == WorkOrderStatus::kInvoiced) {
                     wo.transition_to(WorkOrderStatus::kClosed, ctx.now, resolution);
                 } else if (!is_terminal(wo.status)) {
                     wo.transition_to(WorkOrderStatus::kCancelled, ctx.now, resolution);
                 } else {
                     return ToolResult::error("work order " + wo.id.str() + " is already " +
                                              std::string(enum_name(wo.status)));
                 }
                 wo.resolution = resolution;
                 wo.awaiting_tenant.clear();
                 wo.next_action.clear();
                 wo.next_action_due.reset();
                 ops::save(ctx.tx, ctx.org, wo, ctx.now, "work_order.closed", ctx.correlation_id,
                           Json{{"resolution", resolution}}, "agent");
                 return ToolResult::ok({{"status", enum_name(wo.status)}});
             }});
}

}  // namespace propos
