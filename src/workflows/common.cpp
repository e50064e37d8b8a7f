// Shared workflow helpers: local time, events, outbound queueing, and the ops used by tools and jobs.
#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/log.hpp"
#include "ops.hpp"
#include "propos/agent/escalation.hpp"
#include "propos/core/logging.hpp"
#include "propos/core/time.hpp"
#include "propos/core/timezone.hpp"
#include "propos/workflows/approval.hpp"
#include "propos/workflows/availability.hpp"
#include "propos/workflows/compliance.hpp"

namespace propos {

Message queue_outbound(Transaction& tx, const WorkflowServices& s, const OrgId& org, OutboundSpec spec) {
    const auto now = s.clock->now();
    Message m;
    m.id = MessageId(new_id("msg"));
    m.channel = spec.channel;
    m.direction = Direction::kOutbound;
    m.to = spec.to;
    m.subject = spec.subject;
    m.body = spec.body;
    m.status = DeliveryStatus::kQueued;
    m.tenant_id = spec.tenant_id;
    m.vendor_id = spec.vendor_id;
    m.work_order_id = spec.work_order_id;
    m.at = now;
    m.topic = spec.topic;
    Timestamp deliver_at = now;
    if (spec.tenant_id) {
        if (auto t = tx.find<Tenant>(org, spec.tenant_id->str())) {
            if (m.channel == Channel::kSms && t->sms_opt_out) {
                if (!t->email.empty()) {
                    m.channel = Channel::kEmail;
                    m.to = t->email;
                } else {
                    m.status = DeliveryStatus::kSuppressed;
                }
            }
        }
        const auto tz = ops::org_timezone(tx, org);
        if (!spec.urgent && s.policy.is_quiet_hour(local_hour(now, tz))) {
            deliver_at = next_local_time(now, tz, s.policy.quiet_end_hour);
        }
    }
    // Thread: the given one, else the work order's, else a new one.
    if (spec.thread_id) {
        m.thread_id = *spec.thread_id;
    } else {
        Thread th;
        th.id = ThreadId(new_id("th"));
        th.channel = m.channel;
        th.tenant_id = spec.tenant_id;
        th.vendor_id = spec.vendor_id;
        th.work_order_id = spec.work_order_id;
        th.subject = spec.subject;
        th.created_at = now;
        th.last_message_at = now;
        // Reuse the vendor's thread for this work order if there is one.
        bool found = false;
        if (spec.vendor_id && spec.work_order_id) {
            for (const auto& existing : tx.list<Thread>(org, {.parent = spec.work_order_id->str()})) {
                if (existing.vendor_id == spec.vendor_id) {
                    th = existing;
                    found = true;
                    break;
                }
            }
        }
        th.last_message_at = now;
        tx.put(org, th);
        (void)found;
        m.thread_id = th.id;
    }
    if (auto th = tx.find<Thread>(org, m.thread_id.str())) {
        th->last_message_at = now;
        tx.put(org, *th);
    }
    tx.put(org, m);
    if (m.status != DeliveryStatus::kSuppressed) {
        s.jobs.enqueue(tx, org,
                       JobSpec{.type = job_types::kDeliverMessage,
                               .payload = {{"message_id", m.id.str()}},
                               .priority = spec.urgent ? 100 : 10,
                               .run_at = deliver_at,
                               .idempotency_key = "deliver:" + m.id.str(),
                               .max_attempts = 8,
                               .correlation_id = spec.correlation_id});
    }
    AuditEvent a;
    a.at = now;
    a.actor = "system";
    a.action = "message.queued";
    a.entity_kind = "message";
    a.entity_id = m.id.str();
    a.correlation_id = spec.correlation_id;
    a.data = {{"channel", enum_name(m.channel)},
              {"to", m.channel == Channel::kEmail ? mask_email(m.to) : mask_phone(m.to)},
              {"status", enum_name(m.status)},
              {"deliver_at", format_time(deliver_at)},
              {"chars", m.body.size()}};
    if (m.work_order_id) a.data["work_order_id"] = m.work_order_id->str();
    tx.append_audit(org, a);
    return m;
}

namespace ops {

std::string org_timezone(Transaction& tx, const OrgId& org) {
    auto o = tx.find_organization(org);
    return o ? o->timezone : "UTC";
}

std::optional<Message> last_sent_to_tenant(Transaction& tx, const OrgId& org, const TenantId& tenant,
                                           Timestamp before, const MessageId& reply) {
    std::optional<Message> best;
    for (const auto& th : tx.list<Thread>(org, {.lookup = tenant.str(), .newest_first = true, .limit = 8})) {
        for (const auto& m : tx.list<Message>(org, {.parent = th.id.str(), .newest_first = true, .limit = 20})) {
            if (m.direction != Direction::kOutbound || m.id == reply || m.at > before) continue;
            if (m.tenant_id && *m.tenant_id != tenant) continue;
            if (!best || m.at > best->at) best = m;
            break;  // newest first: the thread's latest outbound one before the reply
        }
    }
    return best;
}

Timestamp vendor_next_open(const Vendor& v, Timestamp t, const std::string& timezone) {
    if (vendor_open(v, local_hour(t, timezone), is_local_weekend(t, timezone))) return t;
    // Opening time today or on one of the next days (at most a weekend and a holiday-free week away).
    Timestamp probe = t;
    for (int i = 0; i < 9; ++i) {
        const auto open = next_local_time(probe, timezone, v.hours_start);
        if (!is_local_weekend(open, timezone) || v.weekends) return open;
        probe = open + std::chrono::hours(1);
    }
    return t;
}

bool has_open_escalation(Transaction& tx, const OrgId& org, const WorkOrderId& wo) {
    return !tx.list<Escalation>(org, {.parent = wo.str(), .status = "open", .limit = 1}).empty();
}

void close_operational_escalations(Transaction& tx, const OrgId& org, const WorkOrder& wo, Timestamp now,
                                   const std::string& correlation) {
    static const std::set<std::string> kOperational = {"stalled", "vendors_exhausted", "no_vendor", "no_bids",
                                                       "vendor_message", "dispatch_failed",
                                                       "legal_deadline_at_risk"};  // compliance; a missed one stays
    for (const auto& e : tx.list<Escalation>(org, {.parent = wo.id.str(), .status = "open"})) {
        if (!e.run_id.empty() || !kOperational.count(e.reason)) continue;
        const auto decision = "closed automatically: work order " + wo.id.str() + " is " +
                              std::string(enum_name(wo.status));
        resolve_escalation(tx, org, e.id, decision, "system", now);
        emit_event(tx, org, "escalation.resolved", correlation,
                   Json{{"escalation_id", e.id.str()}, {"reason", e.reason}, {"decision", decision},
                        {"resolved_by", "system"}},
                   now);
    }
}

void release_vendor(Transaction& tx, const WorkflowServices& s, const OrgId& org, WorkOrder& wo,
                    const std::string& why, const std::string& correlation) {
    if (wo.purchase_order_id) {
        if (auto po = tx.find<PurchaseOrder>(org, wo.purchase_order_id->str());
            po && po->status == PurchaseOrderStatus::kIssued) {
            po->status = PurchaseOrderStatus::kCancelled;
            tx.put(org, *po);
            AuditEvent a;
            a.at = s.clock->now();
            a.actor = "system";
            a.action = "purchase_order.cancelled";
            a.entity_kind = "purchase_order";
            a.entity_id = po->id.str();
            a.correlation_id = correlation;
            a.data = {{"number", po->number}, {"work_order_id", wo.id.str()}, {"reason", why}};
            tx.append_audit(org, a);
        }
    }
    if (wo.vendor_id) {
        if (auto v = tx.find<Vendor>(org, wo.vendor_id->str())) {
            message_vendor(tx, s, org, *v, wo,
                           "Cancelled: " + wo.id.str() + " (" + why + "). Please do not go; " +
                               "the purchase order is void.",
                           correlation);
        }
    }
}

std::string tenant_text(const Tenant& t, const std::string& en, const std::string& es) {
    return t.language == "es" && !es.empty() ? es : en;
}

Property property_of(Transaction& tx, const OrgId& org, const WorkOrder& wo) {
    if (!wo.property_id.empty()) return tx.get<Property>(org, wo.property_id.str());
    const auto unit = tx.get<Unit>(org, wo.unit_id.str());
    return tx.get<Property>(org, unit.property_id.str());
}

std::string unit_label(Transaction& tx, const OrgId& org, const UnitId& unit) {
    auto u = tx.find<Unit>(org, unit.str());
    return u ? u->label : unit.str();
}

namespace {

// The organization's vendors. Ranking runs for every dispatch decision (twice per message) and
// decoding every vendor's JSON each time was ~3% of the pipeline: a record whose text was decoded
// before on this thread reuses that value (the text is read either way, so an edited vendor is
// decoded afresh; equal text, equal vendor, whatever the organization).
std::vector<Vendor> vendors_of(Transaction& tx, const OrgId& org) {
    thread_local std::unordered_map<std::string, Vendor> decoded;
    std::vector<Vendor> out;
    for (auto& text : tx.list_records(org, RecordTraits<Vendor>::kKind, {})) {
        auto it = decoded.find(text);
        if (it == decoded.end()) {
            if (decoded.size() >= 1024) decoded.clear();
            Vendor v = parse_json(text, RecordTraits<Vendor>::kKind).get<Vendor>();
            it = decoded.emplace(std::move(text), std::move(v)).first;
        }
        out.push_back(it->second);
    }
    return out;
}

}  // namespace

std::vector<VendorRank> rank_for(Transaction& tx, const OrgId& org, const WorkOrder& wo, Timestamp now,
                                 bool include_tried) {
    const auto property = property_of(tx, org, wo);
    RankRequest req;
    req.category = wo.category;
    req.scope = wo.scope;
    req.emergency = wo.emergency;
    const auto tz = org_timezone(tx, org);
    req.local_hour = local_hour(now, tz);
    req.weekend = is_local_weekend(now, tz);
    req.postal_code = property.postal_code;
    req.city = property.city;
    req.now = now;
    if (!include_tried) req.exclude.insert(wo.tried_vendors.begin(), wo.tried_vendors.end());
    for (const char* st : {"dispatched", "scheduled", "in_progress"}) {
        for (const auto& [vendor, n] : tx.count_by_ref<WorkOrder>(org, {.status = st})) {
            req.open_jobs[vendor] += static_cast<int>(n);
        }
    }
    return rank_vendors(vendors_of(tx, org), req);
}

void message_tenant(Transaction& tx, const WorkflowServices& s, const OrgId& org, const WorkOrder& wo,
                    const std::string& en, const std::string& es, bool urgent,
                    const std::string& correlation) {
    if (wo.tenant_id.empty()) return;
    auto t = tx.find<Tenant>(org, wo.tenant_id.str());
    if (!t) return;
    OutboundSpec spec;
    spec.channel = t->preferred_channel == Channel::kEmail && !t->email.empty() ? Channel::kEmail
                                                                                 : Channel::kSms;
    if (spec.channel == Channel::kSms && t->phone.empty()) spec.channel = Channel::kEmail;
    spec.to = spec.channel == Channel::kEmail ? t->email : t->phone;
    spec.subject = "Work order " + wo.id.str() + ": " + wo.title;
    spec.body = tenant_text(*t, en, es);
    spec.tenant_id = t->id;
    spec.work_order_id = wo.id;
    if (!wo.thread_id.empty()) spec.thread_id = wo.thread_id;
    spec.urgent = urgent || wo.emergency;
    spec.correlation_id = correlation;
    queue_outbound(tx, s, org, spec);
}

void message_vendor(Transaction& tx, const WorkflowServices& s, const OrgId& org, const Vendor& v,
                    const WorkOrder& wo, const std::string& text, const std::string& correlation) {
    OutboundSpec spec;
    spec.channel = v.phone.empty() ? Channel::kEmail : Channel::kSms;
    spec.to = v.phone.empty() ? v.email : v.phone;
    spec.subject = "Work order " + wo.id.str() + ": " + wo.title;
    spec.body = text;
    spec.vendor_id = v.id;
    spec.work_order_id = wo.id;
    spec.urgent = true;  // vendors are businesses: no tenant quiet hours
    spec.correlation_id = correlation;
    queue_outbound(tx, s, org, spec);
}

std::optional<ApprovalDecision> approval_of(const Escalation& e) {
    if (e.reason != "owner_approval" || e.status != EscalationStatus::kResolved) return std::nullopt;
    ApprovalDecision d;
    try {
        // Decisions recorded before approvals were structured carry only their text.
        d = parse_approval_decision(e.resolution.empty() ? e.decision : e.resolution.dump());
    } catch (const Error&) {
        return std::nullopt;
    }
    if (!d.amount && e.context.contains("amount_cents")) {
        d.amount = Money::cents(e.context.value("amount_cents", std::int64_t{0}));
    }
    if (!d.vendor_id && !e.context.value("vendor_id", "").empty()) {
        d.vendor_id = VendorId(e.context.value("vendor_id", ""));
    }
    return d;
}

bool owner_approved(Transaction& tx, const OrgId& org, const WorkOrderId& wo, const VendorId& vendor,
                    Money amount) {
    for (const auto& e : tx.list<Escalation>(org, {.parent = wo.str(), .status = "resolved"})) {
        const auto d = approval_of(e);
        if (!d || !d->approve) continue;
        if (d->vendor_id && *d->vendor_id != vendor) continue;
        if (d->amount && amount > *d->amount) continue;
        return true;
    }
    return false;
}

Escalation raise(Transaction& tx, const OrgId& org, const std::string& reason, Severity severity,
                 const std::string& summary, std::optional<WorkOrderId> wo, Json context, Timestamp now,
                 const std::string& correlation) {
    EscalationTrigger t{reason, severity, summary, false, std::move(context)};
    return record_escalation(tx, org, t, now, "", std::move(wo), correlation);
}

void save(Transaction& tx, const OrgId& org, WorkOrder& wo, Timestamp now, const std::string& event_type,
          const std::string& correlation, Json payload, const std::string& actor) {
    wo.updated_at = now;
    tx.put(org, wo);
    if (is_terminal(wo.status)) close_operational_escalations(tx, org, wo, now, correlation);
    if (!event_type.empty()) {
        payload["work_order_id"] = wo.id.str();
        payload["status"] = enum_name(wo.status);
        AuditEvent entry{.at = now,
                         .actor = actor,
                         .action = event_type,
                         .entity_kind = "work_order",
                         .entity_id = wo.id.str(),
                         .correlation_id = correlation,
                         .data = payload};
        record_decision(tx, org, std::move(entry), std::move(payload));
    }
}

namespace {
Millis vendor_response_window(const WorkOrder& wo) {
    switch (wo.priority) {
        case Priority::kEmergency: return std::chrono::minutes(30);
        case Priority::kUrgent: return std::chrono::hours(2);
        case Priority::kRoutine: return std::chrono::hours(4);
    }
    return std::chrono::hours(4);
}
}  // namespace

DispatchOutcome dispatch(Transaction& tx, const WorkflowServices& s, const OrgId& org, WorkOrder& wo,
                         const Vendor& vendor, Money amount, std::optional<BidId> bid,
                         const std::string& correlation,
                         const std::function<void(const std::string&, const std::string&, Json)>& raise_fn) {
    const auto now = s.clock->now();
    const auto property = property_of(tx, org, wo);
    const auto decision = s.policy.evaluate_spend(property, amount, wo.emergency);
    const bool approved = owner_approved(tx, org, wo.id, vendor.id, amount);
    if (decision.needs_owner_approval && !approved) {
        if (wo.status != WorkOrderStatus::kAwaitingApproval) {
            wo.transition_to(WorkOrderStatus::kAwaitingApproval, now, decision.reason);
        }
        wo.approved_amount = amount;
        wo.next_action = "owner approval for " + amount.to_string() + " (" + vendor.name + ")";
        wo.next_action_due = now + EscalationEngine::sla(Severity::kHigh);
        save(tx, org, wo, now, "work_order.awaiting_approval", correlation,
             Json{{"vendor_id", vendor.id.str()}, {"amount_cents", amount.in_cents()}});
        raise_fn("owner_approval",
                 "Owner approval needed: " + vendor.name + " for " + amount.to_string() + " on " +
                     wo.id.str() + " (" + decision.reason + ")",
                 Json{{"work_order_id", wo.id.str()},
                      {"vendor_id", vendor.id.str()},
                      {"amount_cents", amount.in_cents()},
                      {"property_id", property.id.str()},
                      {"owner_email", property.owner_email}});
        return {"awaiting_owner_approval", decision.reason, std::nullopt};
    }
    if (decision.needs_bids && !bid && !wo.emergency && !approved) {
        return {"refused", decision.reason + " — request bids first", std::nullopt};
    }
    PurchaseOrder po;
    po.id = PurchaseOrderId(new_id("po"));
    std::int64_t seq = 1001;
    if (auto text = tx.find_record(org, "meta", "po_seq")) {
        seq = parse_json(*text, "po counter").value("next", std::int64_t{1001});
    }
    tx.put_record(org, "meta", "po_seq", RecordKeys{}, canonical_json(Json{{"next", seq + 1}}));
    po.number = "PO-" + std::to_string(seq);
    po.work_order_id = wo.id;
    po.vendor_id = vendor.id;
    po.amount = amount;
    po.bid_id = bid;
    po.issued_at = now;
    tx.put(org, po);
    if (wo.status != WorkOrderStatus::kDispatched) {
        wo.transition_to(WorkOrderStatus::kDispatched, now,
                         vendor.name + " for " + amount.to_string() + " (" + decision.reason + ")");
    }
    wo.vendor_id = vendor.id;
    wo.purchase_order_id = po.id;
    wo.approved_amount = amount;
    if (std::find(wo.tried_vendors.begin(), wo.tried_vendors.end(), vendor.id.str()) ==
        wo.tried_vendors.end()) {
        wo.tried_vendors.push_back(vendor.id.str());
    }
    // The vendor's clock starts when they open (emergencies: now — they are on the after-hours list).
    const auto window = vendor_response_window(wo);
    const auto respond_by =
        (wo.emergency ? now : vendor_next_open(vendor, now, org_timezone(tx, org))) + window;
    wo.next_action = "vendor " + vendor.name + " to accept";
    wo.next_action_due = respond_by;
    save(tx, org, wo, now, "work_order.dispatched", correlation,
         Json{{"vendor_id", vendor.id.str()}, {"po", po.number}, {"amount_cents", amount.in_cents()}});
    auto v = vendor;
    ++v.scorecard.jobs_assigned;
    tx.put(org, v);
    const auto unit = tx.find<Unit>(org, wo.unit_id.str());
    std::string text = std::string(wo.emergency ? "EMERGENCY " : "") + "job " + wo.id.str() + ": " + wo.title +
                       " at " + property.address + (unit ? ", unit " + unit->label : "") + ", " +
                       property.city + ". " + po.number + ", not to exceed " + amount.to_string() + ".";
    if (wo.entry_permitted) text += *wo.entry_permitted ? " Entry permitted." : " Tenant must be present.";
    if (wo.pets_present && *wo.pets_present) text += " Pets in unit.";
    text += " Reply YES to accept (optionally with a time, e.g. YES 2026-01-06T10:00) or NO to decline.";
    message_vendor(tx, s, org, vendor, wo, text, correlation);
    s.jobs.enqueue(tx, org,
                   JobSpec{.type = job_types::kVendorResponseDue,
                           .payload = {{"work_order_id", wo.id.str()}, {"vendor_id", vendor.id.str()},
                                       {"po", po.number}},
                           .priority = wo.emergency ? 90 : 20,
                           .run_at = respond_by,
                           .idempotency_key = "vendor-due:" + wo.id.str() + ":" + po.id.str(),
                           .correlation_id = correlation});
    AuditEvent a;
    a.at = now;
    a.actor = "system";
    a.action = "purchase_order.issued";
    a.entity_kind = "purchase_order";
    a.entity_id = po.id.str();
    a.correlation_id = correlation;
    a.data = {{"number", po.number}, {"work_order_id", wo.id.str()}, {"vendor_id", vendor.id.str()},
              {"amount_cents", amount.in_cents()}, {"policy", decision.reason}};
    tx.append_audit(org, a);
    return {"dispatched", decision.reason, po};
}

namespace {
// The first two-hour visit from `from` on inside one of `windows` and the vendor's hours.
std::optional<TimeWindow> fit_window(const std::vector<TimeWindow>& windows, const Vendor* vendor,
                                     Timestamp from, const std::string& timezone) {
    using namespace std::chrono;
    for (const auto& w : windows) {
        if (w.end - hours(2) < from) continue;
        auto start = std::max(w.start, from);
        if (vendor) start = vendor_next_open(*vendor, start, timezone);
        // The visit starts at least an hour before the vendor closes (they finish the job they start).
        if (vendor && local_hour(start + hours(1) - minutes(1), timezone) >= vendor->hours_end) continue;
        if (start + hours(2) <= w.end) return TimeWindow{start, start + hours(2)};
    }
    return std::nullopt;
}
}  // namespace

TimeWindow propose_slot(const WorkOrder& wo, const Vendor* vendor, Timestamp now, const std::string& timezone) {
    using namespace std::chrono;
    if (wo.emergency) return {now + hours(1), now + hours(3)};
    const Timestamp earliest = now + (wo.priority == Priority::kUrgent ? hours(2) : hours(12));
    if (auto w = fit_window(wo.tenant_availability, vendor, earliest, timezone)) return *w;
    Timestamp start = next_local_time(earliest, timezone, 10);
    // Skip weekends for routine work.
    for (int i = 0; i < 3 && wo.priority == Priority::kRoutine; ++i) {
        const int wd = local_weekday(start, "UTC");
        if (wd != 0 && wd != 6) break;
        start = next_local_time(start + hours(1), timezone, 10);
    }
    if (vendor) start = vendor_next_open(*vendor, start, timezone);
    return {start, start + hours(2)};
}

TimeWindow choose_visit(const WorkOrder& wo, const Vendor& vendor, std::optional<Timestamp> proposed,
                        Timestamp now, const std::string& timezone, bool* moved) {
    using namespace std::chrono;
    *moved = false;
    if (proposed && *proposed > now) {
        const TimeWindow w{*proposed, *proposed + hours(2)};
        if (wo.emergency || wo.tenant_availability.empty() || wo.entry_permitted.value_or(false) ||
            window_fits(wo.tenant_availability, w.start, w.end)) {
            return w;
        }
        if (auto fit = fit_window(wo.tenant_availability, &vendor, *proposed, timezone)) {
            *moved = true;
            return *fit;
        }
    }
    return propose_slot(wo, &vendor, now, timezone);
}

void schedule(Transaction& tx, const WorkflowServices& s, const OrgId& org, WorkOrder& wo, TimeWindow when,
              const std::string& correlation, const std::string& vendor_note) {
    using namespace std::chrono;
    const auto now = s.clock->now();
    wo.transition_to(WorkOrderStatus::kScheduled, now, "visit " + format_time(when.start));
    wo.scheduled_start = when.start;
    wo.scheduled_end = when.end;
    wo.next_action = "vendor visit";
    wo.next_action_due = when.end;
    save(tx, org, wo, now, "work_order.scheduled", correlation,
         Json{{"start", format_time(when.start)}, {"end", format_time(when.end)}});
    const std::string at = format_local_time(when.start, org_timezone(tx, org), "%a %b %d, %I:%M %p");
    message_tenant(tx, s, org, wo,
                   "Your repair (" + wo.id.str() + ") is scheduled for " + at + ". Reply if that time "
                   "doesn't work.",
                   "Su reparación (" + wo.id.str() + ") está programada para " + at +
                       ". Responda si ese horario no le funciona.",
                   false, correlation);
    if (wo.vendor_id) {
        if (auto v = tx.find<Vendor>(org, wo.vendor_id->str())) {
            message_vendor(tx, s, org, *v, wo,
                           (vendor_note.empty() ? "" : vendor_note + " ") + "Confirmed: " + wo.id.str() +
                               " visit " + at + ". Reply ARRIVED on site and DONE when finished.",
                           correlation);
        }
    }
    for (auto [label, before] : {std::pair{"24h", hours(24)}, std::pair{"1h", hours(1)}}) {
        const auto at_time = when.start - before;
        if (at_time <= now) continue;
        s.jobs.enqueue(tx, org,
                       JobSpec{.type = job_types::kVisitReminder,
                               .payload = {{"work_order_id", wo.id.str()}, {"before", label},
                                           {"start", format_time(when.start)}},
                               .run_at = at_time,
                               .idempotency_key = "reminder:" + wo.id.str() + ":" + label + ":" +
                                                  format_time(when.start),
                               .correlation_id = correlation});
    }
}

void raise_to_emergency(Transaction& tx, const WorkflowServices& s, const OrgId& org, WorkOrder& wo,
                        const std::vector<std::string>& hazards, const std::string& correlation) {
    const auto now = s.clock->now();
    std::string list;
    for (const auto& h : hazards) list += (list.empty() ? "" : ", ") + h;
    const auto property = tx.get<Property>(org, wo.property_id.str());
    const auto before = wo.priority;
    wo.emergency = true;
    wo.priority = Priority::kEmergency;
    wo.nte = std::max(wo.nte, property.emergency_nte_limit);
    wo.triage_reasons.push_back("raised to emergency by the tenant's answer to the safety check" +
                                (list.empty() ? std::string() : " (" + list + ")"));
    wo.next_action_due = now + response_target(Priority::kEmergency);
    apply_legal_deadline(tx, s, org, wo, property, now, correlation);  // compliance: a tighter class
    save(tx, org, wo, now, "work_order.raised_to_emergency", correlation,
         Json{{"from_priority", enum_name(before)}, {"hazards", hazards}, {"nte_cents", wo.nte.in_cents()}});
    raise(tx, org, "emergency", Severity::kCritical,
          "The tenant's answer makes " + wo.id.str() + " an emergency" + (list.empty() ? "" : " (" + list + ")"),
          wo.id, Json{{"hazards", hazards}}, now, correlation);
    message_tenant(tx, s, org, wo,
                   "Thank you. We are treating " + wo.id.str() + " as an emergency and sending help now. If "
                   "anyone is in danger, call 911 first.",
                   "Gracias. Tratamos " + wo.id.str() + " como una emergencia y enviamos ayuda ahora. Si "
                   "alguien está en peligro, llame primero al 911.",
                   true, correlation);
    if (wo.status == WorkOrderStatus::kTriaged && !wo.vendor_id) auto_dispatch(tx, s, org, wo, correlation);
}

}  // namespace ops
}  // namespace propos
