// Tenant onboarding (issue 17): the move-in checklist (Checklist, ChecklistItem), an onboarding and
// its items (Onboarding, OnboardingItem), a person's check (OnboardingCheck) and the checklist
// functions. The Coordinator's onboarding calls are bound in coordinator.cpp.
#include "common.hpp"
#include "propos/workflows/onboarding.hpp"

namespace pybind11::detail {
PROPOS_PY_ENUM_CASTER(propos::OnboardingStatus);
PROPOS_PY_ENUM_CASTER(propos::OnboardingItemStatus);
}  // namespace pybind11::detail

namespace propos_py {

void bind_onboarding(py::module_& m) {
    using namespace propos;
    Record<OnboardingItem>(m, "OnboardingItem",
                           "One item of a lease's move-in checklist: who acts, when it is due, its status "
                           "and the proof document (blob key and SHA-256).")
        .field("key", &OnboardingItem::key)
        .field("title", &OnboardingItem::title)
        .field("actor", &OnboardingItem::actor)
        .field("rule", &OnboardingItem::rule)
        .field("proof_required", &OnboardingItem::proof_required)
        .field("due_at", &OnboardingItem::due_at)
        .field("status", &OnboardingItem::status)
        .field("done_at", &OnboardingItem::done_at)
        .field("done_by", &OnboardingItem::done_by)
        .field("proof_blob_key", &OnboardingItem::proof_blob_key)
        .field("proof_sha256", &OnboardingItem::proof_sha256)
        .field("proof_message_id", &OnboardingItem::proof_message_id)
        .field("note", &OnboardingItem::note)
        .field("overdue_escalation_id", &OnboardingItem::overdue_escalation_id)
        .json();
    Record<Onboarding>(m, "Onboarding", "A lease's onboarding (id 'onb_' + lease id) with its checklist items.")
        .field("id", &Onboarding::id)
        .field("lease_id", &Onboarding::lease_id)
        .field("unit_id", &Onboarding::unit_id)
        .field("property_id", &Onboarding::property_id)
        .field("tenant_ids", &Onboarding::tenant_ids)
        .field("jurisdiction", &Onboarding::jurisdiction)
        .field("checklist", &Onboarding::checklist)
        .field("move_in_at", &Onboarding::move_in_at)
        .field("status", &Onboarding::status)
        .field("started_at", &Onboarding::started_at)
        .field("started_by", &Onboarding::started_by)
        .field("completed_at", &Onboarding::completed_at)
        .field("welcome_sent_at", &Onboarding::welcome_sent_at)
        .field("reminders_sent", &Onboarding::reminders_sent)
        .field("last_reminder_at", &Onboarding::last_reminder_at)
        .field("items", &Onboarding::items)
        .json();
    Record<OnboardingCheck>(m, "OnboardingCheck",
                            "A person's check of an onboarding item: who, the proof's blob key, a note, "
                            "or a waiver (the item does not apply; the note says why).")
        .field("checked_by", &OnboardingCheck::checked_by)
        .field("proof_blob_key", &OnboardingCheck::proof_blob_key)
        .field("note", &OnboardingCheck::note)
        .field("waive", &OnboardingCheck::waive);
    Record<ChecklistItem>(m, "ChecklistItem",
                          "One item of a move-in checklist (its applicability is in Checklist.source).")
        .field("key", &ChecklistItem::key)
        .field("title", &ChecklistItem::title)
        .field("actor", &ChecklistItem::actor)
        .field("due_days", &ChecklistItem::due_days)
        .field("proof", &ChecklistItem::proof)
        .field("rule", &ChecklistItem::rule)
        .field("instructions", &ChecklistItem::instructions)
        .field("keywords", &ChecklistItem::keywords);
    Record<ChecklistReminders>(m, "ChecklistReminders", "Reminder cadence for tenant items.")
        .field("max", &ChecklistReminders::max)
        .field("every_days", &ChecklistReminders::every_days)
        .field("lead_days", &ChecklistReminders::lead_days);
    Record<Checklist>(m, "Checklist", "A validated move-in checklist; `source` is the JSON document.")
        .field("name", &Checklist::name)
        .field("version", &Checklist::version)
        .field("jurisdictions", &Checklist::jurisdictions)
        .field("start_days_before", &Checklist::start_days_before)
        .field("reminders", &Checklist::reminders)
        .field("welcome", &Checklist::welcome)
        .field("items", &Checklist::items)
        .field("source", &Checklist::source);

    m.def(
        "parse_checklist",
        [](py::object document, const std::string& where) {
            const Json j = py::isinstance<py::str>(document) ? parse_json(document.cast<std::string>(), where)
                                                             : python_to_json(document);
            return parse_checklist(j, where);
        },
        py::arg("document"), py::arg("where") = "checklist",
        "Validates a checklist (a dict or JSON text) against its JSON Schema and reads it. Raises "
        "InvalidArgument naming `where` and the field (a JSON pointer such as /items/3/due_days).");
    m.def(
        "load_checklist_file", [](py::object path) { return load_checklist_file(fspath(path)); }, py::arg("path"),
        "Reads and validates a checklist file; errors name the file and the field.");
    m.def(
        "default_checklist", [] { return default_checklist(); },
        "The checklist PropOS ships (data/onboarding/checklist.default.json).");
    m.def(
        "checklist_schema", [] { return Json::parse(checklist_schema()); },
        "The JSON Schema of a move-in checklist, as a dict.");
}

}  // namespace propos_py
