#include "propos/model/onboarding.hpp"

namespace propos {

const OnboardingItem* Onboarding::item(const std::string& key) const {
    for (const auto& i : items) {
        if (i.key == key) return &i;
    }
    return nullptr;
}

OnboardingItem* Onboarding::item(const std::string& key) {
    for (auto& i : items) {
        if (i.key == key) return &i;
    }
    return nullptr;
}

void to_json(Json& j, const OnboardingItem& v) {
    j = Json{{"key", v.key},
             {"title", v.title},
             {"actor", v.actor},
             {"rule", v.rule},
             {"proof_required", v.proof_required},
             {"due_at", v.due_at},
             {"status", v.status},
             {"done_at", v.done_at},
             {"done_by", v.done_by},
             {"proof_blob_key", v.proof_blob_key},
             {"proof_sha256", v.proof_sha256},
             {"proof_message_id", v.proof_message_id},
             {"note", v.note},
             {"overdue_escalation_id", v.overdue_escalation_id}};
}

void from_json(const Json& j, OnboardingItem& v) {
    FieldReader r(j, "onboarding item");
    r.req("key", v.key);
    r.opt("title", v.title);
    r.opt("actor", v.actor);
    r.opt("rule", v.rule);
    r.opt("proof_required", v.proof_required);
    r.req("due_at", v.due_at);
    r.opt_enum("status", v.status);
    r.opt("done_at", v.done_at);
    r.opt("done_by", v.done_by);
    r.opt("proof_blob_key", v.proof_blob_key);
    r.opt("proof_sha256", v.proof_sha256);
    r.opt("proof_message_id", v.proof_message_id);
    r.opt("note", v.note);
    r.opt("overdue_escalation_id", v.overdue_escalation_id);
}

void to_json(Json& j, const Onboarding& v) {
    j = Json{{"id", v.id},
             {"lease_id", v.lease_id},
             {"unit_id", v.unit_id},
             {"property_id", v.property_id},
             {"tenant_ids", v.tenant_ids},
             {"jurisdiction", v.jurisdiction},
             {"checklist", v.checklist},
             {"move_in_at", v.move_in_at},
             {"status", v.status},
             {"started_at", v.started_at},
             {"started_by", v.started_by},
             {"completed_at", v.completed_at},
             {"welcome_sent_at", v.welcome_sent_at},
             {"reminders_sent", v.reminders_sent},
             {"last_reminder_at", v.last_reminder_at},
             {"items", v.items}};
}

void from_json(const Json& j, Onboarding& v) {
    FieldReader r(j, "onboarding");
    r.req("id", v.id);
    r.req("lease_id", v.lease_id);
    r.opt("unit_id", v.unit_id);
    r.opt("property_id", v.property_id);
    r.opt("tenant_ids", v.tenant_ids);
    r.opt("jurisdiction", v.jurisdiction);
    r.opt("checklist", v.checklist);
    r.req("move_in_at", v.move_in_at);
    r.opt_enum("status", v.status);
    r.opt("started_at", v.started_at);
    r.opt("started_by", v.started_by);
    r.opt("completed_at", v.completed_at);
    r.opt("welcome_sent_at", v.welcome_sent_at);
    r.opt("reminders_sent", v.reminders_sent);
    r.opt("last_reminder_at", v.last_reminder_at);
    r.opt("items", v.items);
}

void to_json(Json& j, const OnboardingChecklistRecord& v) {
    j = Json{{"id", v.id}, {"checklist", v.checklist}, {"updated_at", v.updated_at}, {"updated_by", v.updated_by}};
}

void from_json(const Json& j, OnboardingChecklistRecord& v) {
    FieldReader r(j, "onboarding checklist");
    r.req("id", v.id);
    r.req("checklist", v.checklist);
    r.opt("updated_at", v.updated_at);
    r.opt("updated_by", v.updated_by);
}

}  // namespace propos
