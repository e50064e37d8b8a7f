// Private: operations shared by the maintenance tools (agent-proposed) and the deterministic job
// handlers. All run inside the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "propos/workflows/approval.hpp"
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

/// The decision of a resolved owner-approval escalation, with the amount and vendor it covers
/// (those it names, else those it asked about); nullopt for other escalations, open ones and
/// decisions that cannot be read.
std::optional<ApprovalDecision> approval_of(const Escalation& e);

/// True when an owner-approval escalation of this work order was resolved with an approval that
/// covers `vendor` and `amount` (at most the amount approved). An approval covers what it names.
bool owner_approved(Transaction& tx, const OrgId& org, const WorkOrderId& wo, const VendorId& vendor,
                    Money amount);

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
/// 1 h before. A non-empty `vendor_note` starts the vendor's confirmation (one message, not two).
void schedule(Transaction& tx, const WorkflowServices& s, const OrgId& org, WorkOrder& wo, TimeWindow when,
              const std::string& correlation, const std::string& vendor_note = {});

/// The first slot for a visit: inside the tenant's availability when given, else the next business-day
/// morning (emergencies: one hour from now); within `vendor`'s business hours when given.
TimeWindow propose_slot(const WorkOrder& wo, const Vendor* vendor, Timestamp now, const std::string& timezone);

/// The visit for a vendor who accepted, matched with the tenant's windows: the vendor's proposed
/// start when it suits the tenant (inside one of their windows, entry permitted, or no windows
/// known), else the first tenant window from then on that fits the vendor's hours, else the default
/// slot. `moved` is set when the proposal was moved to fit the tenant.
TimeWindow choose_visit(const WorkOrder& wo, const Vendor& vendor, std::optional<Timestamp> proposed,
                        Timestamp now, const std::string& timezone, bool* moved);

/// Makes a work order an emergency after the fact (the tenant's answer to a safety check):
/// priority, flag and the property's emergency NTE, an audit entry and a
/// `work_order.raised_to_emergency` event, a critical `emergency` escalation, the safety advice to
/// the tenant, and a dispatch under the emergency rules when no vendor has it yet.
void raise_to_emergency(Transaction& tx, const WorkflowServices& s, const OrgId& org, WorkOrder& wo,
                        const std::vector<std::string>& hazards, const std::string& correlation);

/// Raises a non-pausing escalation record (deterministic handlers have no run to pause).
Escalation raise(Transaction& tx, const OrgId& org, const std::string& reason, Severity severity,
                 const std::string& summary, std::optional<WorkOrderId> wo, Json context, Timestamp now,
                 const std::string& correlation);

/// Stores a work order after setting updated_at. A non-empty `event_type` is a lifecycle decision:
/// its audit entry (action `event_type`, by `actor`, data = the payload) and its event (payload +
/// work_order_id and status) are written with it by `record_decision`.
void save(Transaction& tx, const OrgId& org, WorkOrder& wo, Timestamp now, const std::string& event_type,
          const std::string& correlation, Json payload = Json::object(),
          const std::string& actor = "system");

/// Picks the next vendor without the model: ranks (excluding vendors already tried), then requests
/// bids above the bid threshold (non-emergency) or dispatches the best within policy; escalates when
/// no eligible vendor is left. Returns a short description of what it did.
std::string auto_dispatch(Transaction& tx, const WorkflowServices& s, const OrgId& org, WorkOrder& wo,
                          const std::string& correlation);

/// Completion bookkeeping on the vendor's scorecard.
void score_completion(Transaction& tx, const OrgId& org, const WorkOrder& wo, bool callback);

/// The organization's time zone.
std::string org_timezone(Transaction& tx, const OrgId& org);

/// The last message sent to `tenant` at or before `before` (on their recent threads), other than
/// `reply` — what a tenant's bare reply ("yes", "no") answers. Messages sent at the same instant as
/// `before` count (a reply can share the clock's millisecond with the question in batch runs).
std::optional<Message> last_sent_to_tenant(Transaction& tx, const OrgId& org, const TenantId& tenant,
                                           Timestamp before, const MessageId& reply);

/// The first instant at or after `t` when `v` is open (its business hours, local time); `t` itself
/// when it is open now.
Timestamp vendor_next_open(const Vendor& v, Timestamp t, const std::string& timezone);

/// Resolves the open escalations of `wo` that only asked a person to move it along (stalled, no
/// vendor, no bids, vendor messages...) once it is closed or cancelled. Escalations that pause an
/// agent run, approvals and invoice findings stay for a person.
void close_operational_escalations(Transaction& tx, const OrgId& org, const WorkOrder& wo, Timestamp now,
                                   const std::string& correlation);

/// True when `wo` has an open escalation.
bool has_open_escalation(Transaction& tx, const OrgId& org, const WorkOrderId& wo);

/// Cancels the work order's purchase order (if still issued) and tells its vendor the job is off.
void release_vendor(Transaction& tx, const WorkflowServices& s, const OrgId& org, WorkOrder& wo,
                    const std::string& why, const std::string& correlation);

}  // namespace propos::ops
