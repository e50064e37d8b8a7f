// Private: operations shared by the maintenance tools (agent-proposed) and the deterministic job
// handlers. All run inside the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "propos/workflows/dispatch.hpp"
#include "propos/workflows/maintenance.hpp"

namespace propos::ops {

/// Tenant-facing text in the tenant's language ("es" or English).
std::string tenant_text(const Tenant& t, const std::string& en, const std::string& es);

/// The property of a work order (throws NotFound).
Property property_of(Transaction& tx, const OrgId& org, const WorkOrder& wo);
/// The unit label or the id.
std::string unit_label(Transaction& tx, const OrgId& org, const UnitId& unit);

/// Vendors ranked for a work order (excluding vendors already tried unless `include_tried`).
std::vector<VendorRank> rank_for(Transaction& tx, const OrgId& org, const WorkOrder& wo, Timestamp now,
                                 bool include_tried = false);

/// Sends a message to the work order's tenant (if any) on their preferred channel.
void message_tenant(Transaction& tx, const WorkflowServices& s, const OrgId& org, const WorkOrder& wo,
                    const std::string& en, const std::string& es, bool urgent,
                    const std::string& correlation);
/// Sends a message to a vendor (SMS when they have a phone, else email).
void message_vendor(Transaction& tx, const WorkflowServices& s, const OrgId& org, const Vendor& v,
                    const WorkOrder& wo, const std::string& text, const std::string& correlation);

/// True when an owner-approval escalation for this work order was resolved with an approval.
bool owner_approved(Transaction& tx, const OrgId& org, const WorkOrderId& wo);

/// The outcome of trying to dispatch.
struct DispatchOutcome {
    std::string status;  ///< "dispatched", "awaiting_owner_approval", "refused"
    std::string reason;
    std::optional<PurchaseOrder> po;
};
/// Dispatches `vendor` to `wo` for `amount` after the spending policy: within limits issues a PO,
/// moves the work order to dispatched, messages the vendor and schedules the response deadline;
/// above the owner-approval limit (and not yet approved) moves it to awaiting_approval and raises an
/// owner_approval escalation through `raise`. `wo` is updated and stored.
DispatchOutcome dispatch(Transaction& tx, const WorkflowServices& s, const OrgId& org, WorkOrder& wo,
                         const Vendor& vendor, Money amount, std::optional<BidId> bid,
                         const std::string& correlation,
                         const std::function<void(const std::string& reason, const std::string& summary,
                                                  Json context)>& raise);

/// Schedules the visit: moves to scheduled, confirms to tenant and vendor, queues reminders 24 h and
/// 1 h before.
void schedule(Transaction& tx, const WorkflowServices& s, const OrgId& org, WorkOrder& wo, TimeWindow when,
              const std::string& correlation);

/// The first slot for a visit: inside the tenant's availability when given, else the next business-day
/// morning (emergencies: one hour from now).
TimeWindow propose_slot(const WorkOrder& wo, Timestamp now, const std::string& timezone);

/// Raises a non-pausing escalation record (deterministic handlers have no run to pause).
Escalation raise(Transaction& tx, const OrgId& org, const std::string& reason, Severity severity,
                 const std::string& summary, std::optional<WorkOrderId> wo, Json context, Timestamp now,
                 const std::string& correlation);

/// Stores a work order after setting updated_at, emitting an event of `event_type` if not empty.
void save(Transaction& tx, const OrgId& org, WorkOrder& wo, Timestamp now, const std::string& event_type,
          const std::string& correlation, Json payload = Json::object());

/// Picks the next vendor without the model: ranks (excluding vendors already tried), then requests
/// bids above the bid threshold (non-emergency) or dispatches the best within policy; escalates when
/// no eligible vendor is left. Returns a short description of what it did.
std::string auto_dispatch(Transaction& tx, const WorkflowServices& s, const OrgId& org, WorkOrder& wo,
                          const std::string& correlation);

/// Completion bookkeeping on the vendor's scorecard.
void score_completion(Transaction& tx, const OrgId& org, const WorkOrder& wo, bool callback);

/// The organization's time zone.
std::string org_timezone(Transaction& tx, const OrgId& org);

}  // namespace propos::ops
