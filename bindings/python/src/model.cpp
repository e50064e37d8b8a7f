// The domain model: plain records with to_dict()/from_dict() and the C++ JSON form.
#include "common.hpp"
#include "propos/model/decision.hpp"  // issue 20
#include "propos/model/note.hpp"
#include "propos/workflows/intent.hpp"
#include "propos/workflows/tenant_requests.hpp"
#include "propos/workflows/triage.hpp"

namespace propos_py {

void bind_model(py::module_& m) {
    using namespace propos;

    // ---- portfolio ----
    Record<Organization>(m, "Organization", "A property-management company; everything else belongs to one.")
        .field("id", &Organization::id)
        .field("name", &Organization::name)
        .field("timezone", &Organization::timezone)
        .field("created_at", &Organization::created_at)
        .json();
    Record<Property>(m, "Property", "A building or community. Money fields are integer cents.")
        .field("id", &Property::id)
        .field("name", &Property::name)
        .field("address", &Property::address)
        .field("city", &Property::city)
        .field("state", &Property::state)
        .field("postal_code", &Property::postal_code)
        .field("nte_limit", &Property::nte_limit)
        .field("emergency_nte_limit", &Property::emergency_nte_limit)
        .field("owner_approval_threshold", &Property::owner_approval_threshold)
        .field("owner_name", &Property::owner_name)
        .field("owner_email", &Property::owner_email)
        .field("jurisdiction", &Property::jurisdiction)
        .field("year_built", &Property::year_built)
        .field("stories", &Property::stories)
        .field("unit_count", &Property::unit_count)
        .field("has_boiler", &Property::has_boiler)
        .field("has_elevator", &Property::has_elevator)
        .field("has_cooling_tower", &Property::has_cooling_tower)
        .field("has_gas_piping", &Property::has_gas_piping)
        .field("rent_stabilized", &Property::rent_stabilized)
        .field("nyc_block", &Property::nyc_block)
        .field("nyc_community_district", &Property::nyc_community_district)
        .json();
    Record<Unit>(m, "Unit", "A rentable unit within a property.")
        .field("id", &Unit::id)
        .field("property_id", &Unit::property_id)
        .field("label", &Unit::label)
        .field("bedrooms", &Unit::bedrooms)
        .field("floor", &Unit::floor)
        .field("notes", &Unit::notes)
        .json();
    Record<Tenant>(m, "Tenant", "A resident. Phones E.164, emails lower-case.")
        .field("id", &Tenant::id)
        .field("unit_id", &Tenant::unit_id)
        .field("name", &Tenant::name)
        .field("phone", &Tenant::phone)
        .field("email", &Tenant::email)
        .field("preferred_channel", &Tenant::preferred_channel)
        .field("language", &Tenant::language)
        .field("sms_opt_out", &Tenant::sms_opt_out)
        .field("has_pets", &Tenant::has_pets)
        .field("vulnerable_occupant", &Tenant::vulnerable_occupant)
        .field("child_under_6", &Tenant::child_under_6)
        .field("child_10_or_under", &Tenant::child_10_or_under)
        .json();
    Record<Lease>(m, "Lease", "A lease binding tenants to a unit for a term.")
        .field("id", &Lease::id)
        .field("unit_id", &Lease::unit_id)
        .field("tenant_ids", &Lease::tenant_ids)
        .field("start", &Lease::start)
        .field("end", &Lease::end)
        .field("monthly_rent", &Lease::monthly_rent)
        .field("deposit", &Lease::deposit)
        .field("rent_stabilized", &Lease::rent_stabilized)
        .field("renewal_status", &Lease::renewal_status)
        .field("renewal_offered_at", &Lease::renewal_offered_at)
        .field("renewal_rent", &Lease::renewal_rent)
        .field("renewal_term_months", &Lease::renewal_term_months)
        .field("renewal_reply_by", &Lease::renewal_reply_by)
        .field("renewal_effective_at", &Lease::renewal_effective_at)
        .field("renewal_decided_at", &Lease::renewal_decided_at)
        .field("renewal_notices", &Lease::renewal_notices)
        .field("renewal_negotiation_by", &Lease::renewal_negotiation_by)
        .json();
    Record<VendorScorecard>(m, "VendorScorecard", "Performance figures kept for ranking vendors.")
        .field("jobs_completed", &VendorScorecard::jobs_completed)
        .field("jobs_assigned", &VendorScorecard::jobs_assigned)
        .field("on_time_jobs", &VendorScorecard::on_time_jobs)
        .field("callbacks", &VendorScorecard::callbacks)
        .field("total_billed", &VendorScorecard::total_billed)
        .field("rating", &VendorScorecard::rating)
        .json();
    Record<Vendor>(m, "Vendor", "A contractor the organization dispatches.")
        .field("id", &Vendor::id)
        .field("name", &Vendor::name)
        .field("trades", &Vendor::trades)
        .field("service_area", &Vendor::service_area)
        .field("phone", &Vendor::phone)
        .field("email", &Vendor::email)
        .field("hourly_rate", &Vendor::hourly_rate)
        .field("callout_fee", &Vendor::callout_fee)
        .field("after_hours", &Vendor::after_hours)
        .field("hours_start", &Vendor::hours_start)
        .field("hours_end", &Vendor::hours_end)
        .field("weekends", &Vendor::weekends)
        .field("insurance_expires", &Vendor::insurance_expires)
        .field("active", &Vendor::active)
        .field("scorecard", &Vendor::scorecard)
        .json();

    // ---- work orders ----
    Record<StatusChange>(m, "StatusChange", "One entry of a work order's status history.")
        .field("from_", &StatusChange::from)
        .field("to", &StatusChange::to)
        .field("at", &StatusChange::at)
        .field("reason", &StatusChange::reason)
        .json();
    Record<TimeWindow>(m, "TimeWindow", "A time window (e.g. when the tenant is home).")
        .field("start", &TimeWindow::start)
        .field("end", &TimeWindow::end)
        .json();
    Record<WorkOrder>(m, "WorkOrder", "A maintenance job on a unit, from triage to close.")
        .field("id", &WorkOrder::id)
        .field("property_id", &WorkOrder::property_id)
        .field("unit_id", &WorkOrder::unit_id)
        .field("tenant_id", &WorkOrder::tenant_id)
        .field("thread_id", &WorkOrder::thread_id)
        .field("title", &WorkOrder::title)
        .field("description", &WorkOrder::description)
        .field("category", &WorkOrder::category)
        .field("priority", &WorkOrder::priority)
        .field("emergency", &WorkOrder::emergency)
        .field("scope", &WorkOrder::scope)
        .field("triage_reasons", &WorkOrder::triage_reasons)
        .field("status", &WorkOrder::status)
        .field("vendor_id", &WorkOrder::vendor_id)
        .field("purchase_order_id", &WorkOrder::purchase_order_id)
        .field("nte", &WorkOrder::nte)
        .field("approved_amount", &WorkOrder::approved_amount)
        .field("entry_permitted", &WorkOrder::entry_permitted)
        .field("pets_present", &WorkOrder::pets_present)
        .field("access_notes", &WorkOrder::access_notes)
        .field("scheduled_start", &WorkOrder::scheduled_start)
        .field("scheduled_end", &WorkOrder::scheduled_end)
        .field("next_action", &WorkOrder::next_action)
        .field("next_action_due", &WorkOrder::next_action_due)
        .field("reopen_count", &WorkOrder::reopen_count)
        .field("follow_ups", &WorkOrder::follow_ups)
        .field("awaiting_tenant", &WorkOrder::awaiting_tenant)
        .field("tenant_availability", &WorkOrder::tenant_availability)
        .field("tried_vendors", &WorkOrder::tried_vendors)
        .field("message_ids", &WorkOrder::message_ids)
        .field("resolution", &WorkOrder::resolution)
        .field("created_at", &WorkOrder::created_at)
        .field("updated_at", &WorkOrder::updated_at)
        .field("first_response_at", &WorkOrder::first_response_at)
        .field("dispatched_at", &WorkOrder::dispatched_at)
        .field("completed_at", &WorkOrder::completed_at)
        .field("closed_at", &WorkOrder::closed_at)
        .field("history", &WorkOrder::history)
        .field("legal_due_at", &WorkOrder::legal_due_at)  // compliance: legal repair deadline
        .field("legal_class", &WorkOrder::legal_class)
        .field("legal_basis", &WorkOrder::legal_basis)
        .json()
        .cls()
        .def("transition_to", &WorkOrder::transition_to, py::arg("to"), py::arg("at"),
             py::arg("reason") = "",
             "Moves to `to`, recording the change; FailedPrecondition names the allowed targets.");
    m.def("can_transition", &can_transition, py::arg("from_"), py::arg("to"));
    m.def("allowed_transitions", &allowed_transitions, py::arg("from_"));
    m.def("is_terminal", &is_terminal, py::arg("status"));
    m.def("response_target", &response_target, py::arg("priority"),
          "The response target of a priority: 4 h, 24 h or 48 h.");
    m.def("triage_categories", &triage_categories, "The housing-code categories ('plumbing', ...).");

    // ---- intent routing ----
    Record<IntentAssessment>(m, "IntentAssessment",
                             "What classify_intent() says a message is about: the intent, the others it "
                             "also carries, a confidence (0-1), reason codes and the language.")
        .field("intent", &IntentAssessment::intent)
        .field("also", &IntentAssessment::also)
        .field("confidence", &IntentAssessment::confidence)
        .field("reasons", &IntentAssessment::reasons)
        .field("language", &IntentAssessment::language);
    m.def(
        "classify_intent",
        [](const std::string& text, std::optional<Timestamp> at, bool vulnerable_occupant) {
            IntentOptions o;
            o.at = at.value_or(SystemClock().now());
            o.vulnerable_occupant = vulnerable_occupant;
            return nogil([&] { return classify_intent(text, o); });
        },
        py::arg("text"), py::arg("at") = py::none(), py::arg("vulnerable_occupant") = false,
        "The intent of an inbound message (maintenance, renewal, move_in, move_out, payment, neighbor, "
        "question, human, other), deterministic and offline; an emergency is always maintenance.");
    // ---- a host's own triage model (Coordinator option `triage_hook`) ----
    Record<TriageHookInput>(m, "TriageHookInput",
                            "What a triage_hook is shown: the tenant's text, when it came, the tenant's "
                            "vulnerable_occupant flag, and PropOS's offline triage of it (language, "
                            "category, priority, emergency, hazards) — the floor it can only raise.")
        .field("org", &TriageHookInput::org)
        .field("text", &TriageHookInput::text)
        .field("at", &TriageHookInput::at)
        .field("vulnerable_occupant", &TriageHookInput::vulnerable_occupant)
        .field("language", &TriageHookInput::language)
        .field("category", &TriageHookInput::category)
        .field("priority", &TriageHookInput::priority)
        .field("emergency", &TriageHookInput::emergency)
        .field("hazards", &TriageHookInput::hazards);
    Record<TriageOpinion>(m, "TriageOpinion",
                          "What a triage_hook returns (or None): emergency, priority (None: no opinion), "
                          "reason and source, shown on the work order. Raise-only: a lower opinion "
                          "changes nothing.")
        .field("emergency", &TriageOpinion::emergency)
        .field("priority", &TriageOpinion::priority)
        .field("reason", &TriageOpinion::reason)
        .field("source", &TriageOpinion::source);

    Record<LedgerFacts>(m, "LedgerFacts",
                        "What the host's ledger says about a tenant (Coordinator option `ledger`): balance "
                        "(cents; negative is a credit), next_due, next_amount, as_of, payment_instructions.")
        .field("balance", &LedgerFacts::balance)
        .field("next_due", &LedgerFacts::next_due)
        .field("next_amount", &LedgerFacts::next_amount)
        .field("as_of", &LedgerFacts::as_of)
        .field("payment_instructions", &LedgerFacts::payment_instructions);

    // ---- messages ----
    Record<Message>(m, "Message", "One message on any channel. `body` is personal data.")
        .field("id", &Message::id)
        .field("thread_id", &Message::thread_id)
        .field("channel", &Message::channel)
        .field("direction", &Message::direction)
        .field("from_", &Message::from)
        .field("to", &Message::to)
        .field("subject", &Message::subject)
        .field("body", &Message::body)
        .field("provider_message_id", &Message::provider_message_id)
        .field("status", &Message::status)
        .field("tenant_id", &Message::tenant_id)
        .field("vendor_id", &Message::vendor_id)
        .field("work_order_id", &Message::work_order_id)
        .field("at", &Message::at)
        .field("media", &Message::media)
        .field("delivered_at", &Message::delivered_at)  // delivery times (issue 17)
        .field("opened_at", &Message::opened_at)
        .field("clicked_at", &Message::clicked_at)
        .field("topic", &Message::topic)
        .json();
    Record<Thread>(m, "Thread", "A conversation about one subject (usually one work order).")
        .field("id", &Thread::id)
        .field("channel", &Thread::channel)
        .field("tenant_id", &Thread::tenant_id)
        .field("vendor_id", &Thread::vendor_id)
        .field("work_order_id", &Thread::work_order_id)
        .field("address", &Thread::address)
        .field("subject", &Thread::subject)
        .field("created_at", &Thread::created_at)
        .field("last_message_at", &Thread::last_message_at)
        .json();

    // ---- procurement ----
    Record<Bid>(m, "Bid", "A vendor's quote for a work order.")
        .field("id", &Bid::id)
        .field("work_order_id", &Bid::work_order_id)
        .field("vendor_id", &Bid::vendor_id)
        .field("status", &Bid::status)
        .field("amount", &Bid::amount)
        .field("earliest_start", &Bid::earliest_start)
        .field("notes", &Bid::notes)
        .field("requested_at", &Bid::requested_at)
        .field("received_at", &Bid::received_at)
        .field("due_at", &Bid::due_at)
        .json();
    Record<PurchaseOrder>(m, "PurchaseOrder", "The authorization to a vendor to do a job up to an amount.")
        .field("id", &PurchaseOrder::id)
        .field("number", &PurchaseOrder::number)
        .field("work_order_id", &PurchaseOrder::work_order_id)
        .field("vendor_id", &PurchaseOrder::vendor_id)
        .field("amount", &PurchaseOrder::amount)
        .field("bid_id", &PurchaseOrder::bid_id)
        .field("status", &PurchaseOrder::status)
        .field("issued_at", &PurchaseOrder::issued_at)
        .json();
    Record<InvoiceLine>(m, "InvoiceLine", "One invoice line (amounts in cents).")
        .field("description", &InvoiceLine::description)
        .field("quantity", &InvoiceLine::quantity)
        .field("unit_price", &InvoiceLine::unit_price)
        .field("amount", &InvoiceLine::amount)
        .json();
    Record<Invoice>(m, "Invoice", "A vendor invoice and its reconciliation outcome.")
        .field("id", &Invoice::id)
        .field("number", &Invoice::number)
        .field("vendor_id", &Invoice::vendor_id)
        .field("work_order_id", &Invoice::work_order_id)
        .field("purchase_order_id", &Invoice::purchase_order_id)
        .field("lines", &Invoice::lines)
        .field("total", &Invoice::total)
        .field("status", &Invoice::status)
        .field("findings", &Invoice::findings)
        .field("received_at", &Invoice::received_at)
        .json();

    // ---- oversight ----
    Record<KnowledgeArticle>(m, "KnowledgeArticle",
                             "An entry of the organization's knowledge base (a policy, an amenity, an answer): "
                             "imported with the portfolio under 'knowledge_base', quoted to tenants who ask.")
        .field("id", &KnowledgeArticle::id)
        .field("title", &KnowledgeArticle::title)
        .field("body", &KnowledgeArticle::body)
        .field("category", &KnowledgeArticle::category)
        .field("tags", &KnowledgeArticle::tags)
        .field("source", &KnowledgeArticle::source)
        .field("property_id", &KnowledgeArticle::property_id)
        .field("language", &KnowledgeArticle::language)
        .field("updated_at", &KnowledgeArticle::updated_at);
    Record<ComplianceProof>(m, "ComplianceProof",
                            "A document or photo in a compliance item's proof log (bytes in the blob store).")
        .field("blob_key", &ComplianceProof::blob_key)
        .field("sha256", &ComplianceProof::sha256)
        .field("name", &ComplianceProof::name)
        .field("content_type", &ComplianceProof::content_type)
        .field("size", &ComplianceProof::size)
        .field("at", &ComplianceProof::at)
        .field("by", &ComplianceProof::by)
        .json();
    Record<ComplianceItem>(m, "ComplianceItem", "A dated legal or safety obligation.")
        .field("id", &ComplianceItem::id)
        .field("property_id", &ComplianceItem::property_id)
        .field("unit_id", &ComplianceItem::unit_id)
        .field("kind", &ComplianceItem::kind)
        .field("description", &ComplianceItem::description)
        .field("due_at", &ComplianceItem::due_at)
        .field("recurrence", &ComplianceItem::recurrence)
        .field("status", &ComplianceItem::status)
        .field("completed_at", &ComplianceItem::completed_at)
        // compliance rule packs (propos/workflows/compliance.hpp)
        .field("jurisdiction", &ComplianceItem::jurisdiction)
        .field("rule_id", &ComplianceItem::rule_id)
        .field("source", &ComplianceItem::source)
        .field("window_start", &ComplianceItem::window_start)
        .field("requires_proof", &ComplianceItem::requires_proof)
        .field("parent_id", &ComplianceItem::parent_id)
        .field("notice_sent_at", &ComplianceItem::notice_sent_at)
        .field("reply_due_at", &ComplianceItem::reply_due_at)
        .field("reply_received_at", &ComplianceItem::reply_received_at)
        .field("notice_message_ids", &ComplianceItem::notice_message_ids)
        .field("reply_message_id", &ComplianceItem::reply_message_id)
        .field("reply", &ComplianceItem::reply)
        .field("proofs", &ComplianceItem::proofs)
        .field("at_risk_escalation_id", &ComplianceItem::at_risk_escalation_id)
        .field("overdue_escalation_id", &ComplianceItem::overdue_escalation_id)
        .field("completed_by", &ComplianceItem::completed_by)
        .field("completion_note", &ComplianceItem::completion_note)
        .json();
    Record<Escalation>(m, "Escalation", "A question for a person; the workflow waits for `decision`.")
        .field("id", &Escalation::id)
        .field("reason", &Escalation::reason)
        .field("summary", &Escalation::summary)
        .field("severity", &Escalation::severity)
        .field("status", &Escalation::status)
        .field("work_order_id", &Escalation::work_order_id)
        .field("run_id", &Escalation::run_id)
        .field("context", &Escalation::context)
        .field("created_at", &Escalation::created_at)
        .field("sla_due_at", &Escalation::sla_due_at)
        .field("resolved_at", &Escalation::resolved_at)
        .field("resolved_by", &Escalation::resolved_by)
        .field("decision", &Escalation::decision)
        .field("resolution", &Escalation::resolution)
        .field("sla_misses", &Escalation::sla_misses)
        .json();
    Record<AuditEvent>(m, "AuditEvent", "One entry of the hash-chained audit log.")
        .field("seq", &AuditEvent::seq)
        .field("at", &AuditEvent::at)
        .field("actor", &AuditEvent::actor)
        .field("action", &AuditEvent::action)
        .field("entity_kind", &AuditEvent::entity_kind)
        .field("entity_id", &AuditEvent::entity_id)
        .field("correlation_id", &AuditEvent::correlation_id)
        .field("data", &AuditEvent::data)
        .field("prev_hash", &AuditEvent::prev_hash)
        .field("hash", &AuditEvent::hash)
        .json();
    Record<Event>(m, "Event", "Something that happened, for hosts (callbacks and a pollable log).")
        .field("id", &Event::id)
        .field("type", &Event::type)
        .field("org_id", &Event::org_id)
        .field("correlation_id", &Event::correlation_id)
        .field("at", &Event::at)
        .field("payload", &Event::payload)
        .json();
    Record<Note>(m, "Note", "Free text about a unit, a property or a work order (searchable).")
        .field("id", &Note::id)
        .field("text", &Note::text)
        .field("author", &Note::author)
        .field("work_order_id", &Note::work_order_id)
        .field("property_id", &Note::property_id)
        .field("unit_id", &Note::unit_id)
        .field("at", &Note::at)
        .json();
    // ---- staff decisions as precedent (issue 20) ----
    Record<StaffDecision>(m, "StaffDecision",
                          "What a person decided on a case (an escalation resolved, an owner approval, a vendor "
                          "assigned by hand), with their note; searchable as kind 'decision'.")
        .field("id", &StaffDecision::id)
        .field("kind", &StaffDecision::kind)
        .field("decided_by", &StaffDecision::decided_by)
        .field("decision", &StaffDecision::decision)
        .field("note", &StaffDecision::note)
        .field("work_order_id", &StaffDecision::work_order_id)
        .field("escalation_id", &StaffDecision::escalation_id)
        .field("reason", &StaffDecision::reason)
        .field("summary", &StaffDecision::summary)
        .field("vendor_id", &StaffDecision::vendor_id)
        .field("amount", &StaffDecision::amount)
        .field("at", &StaffDecision::at)
        .json();
    // ---- end staff decisions ----
}

}  // namespace propos_py
