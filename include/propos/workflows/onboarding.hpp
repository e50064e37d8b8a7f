/// @file onboarding.hpp
/// @brief Tenant onboarding: the move-in checklist as data (`Checklist`, validated by the JSON Schema
/// shipped as data/onboarding/checklist.schema.json) and the unit that carries a lease's checklist
/// from the start to completion (`OnboardingWorkflow`).
///
/// A checklist is JSON: items with a key, a title, who acts (tenant / staff / system), a due date
/// relative to the move-in date, where they apply (jurisdiction, state, building year, units,
/// bedrooms, lease length and start, a child under 6...) and whether a document proves them. The
/// default checklist (data/onboarding/checklist.default.json, embedded in the library) carries the
/// items of reference/housing-rules.md §5 with their rules; an organization sets its own with
/// `OnboardingWorkflow::set_checklist` (Coordinator, CLI, Python).
///
/// An onboarding starts for a lease (the host, or the daily `onboarding.check` job for leases that
/// start within `Checklist::start_days_before` days). It copies the items that apply, with their due
/// dates, sends the welcome message (tenant's language: en, es, zh, ru, fr) that says how to report
/// repairs and emergencies and what the tenant must do, and from then on the daily check reminds the
/// tenant of open tenant items (at most `reminders.max`, `reminders.every_days` apart, from
/// `reminders.lead_days` before the first is due) and raises one `onboarding_overdue` escalation per
/// item still open past its due date (staff and tenant items). Items are checked by a person (host
/// API, CLI, Python) or by the tenant's reply with an attachment: the attachment proves the item the
/// text names (multilingual keywords), else the single open tenant item that needs proof; when that
/// is ambiguous a person decides (`onboarding_document` escalation), never a guess. When every item
/// is done or waived the onboarding completes (`onboarding.completed`). Every step writes its audit
/// entry and its event together (`record_decision`).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "propos/model/onboarding.hpp"
#include "propos/workflows/workflow.hpp"

namespace propos {

namespace job_types {
inline constexpr const char* kOnboardingCheck = "onboarding.check";  // {}: daily, per organization
}  // namespace job_types

/// @brief Where a checklist item applies; every condition that is set must hold.
struct ChecklistApplies {
    std::vector<std::string> jurisdictions;      ///< Empty: any.
    std::vector<std::string> not_jurisdictions;  ///< Never in these.
    std::vector<std::string> states;             ///< Two-letter states; empty: any.
    std::optional<int> built_before;        ///< year_built known and < this.
    std::optional<int> built_within_years;  ///< year_built known and >= move-in year - this.
    std::optional<int> min_units;
    std::optional<int> max_units;
    std::optional<int> min_bedrooms;
    std::optional<int> min_lease_days;
    std::optional<std::string> lease_starts_on_or_after;  ///< "YYYY-MM-DD".
    std::optional<bool> child_under_6;
    std::optional<bool> rent_stabilized;
};

/// @brief One item of a checklist (see data/onboarding/checklist.schema.json).
struct ChecklistItem {
    std::string key;
    std::string title;
    std::string actor;  ///< "tenant", "staff" or "system".
    int due_days = 0;   ///< Days after the move-in date (negative: before).
    bool proof = false;
    std::string rule;
    std::map<std::string, std::string> instructions;  ///< Language -> what the tenant is asked to do.
    std::vector<std::string> keywords;                ///< Lower case, any language.
    ChecklistApplies applies;
};

/// @brief Reminder cadence for tenant items.
struct ChecklistReminders {
    int max = 3;         ///< Default: 3 reminders per onboarding.
    int every_days = 3;  ///< Default: 3 days apart.
    int lead_days = 3;   ///< Default: from 3 days before the first open tenant item is due.
};

/// @brief A parsed, validated move-in checklist.
struct Checklist {
    std::string name;
    int version = 1;
    /// The jurisdictions it knows. Default: nyc, ca, tx, generic.
    std::vector<std::string> jurisdictions = {"nyc", "ca", "tx", "generic"};
    int start_days_before = 14;  ///< Default: 14.
    ChecklistReminders reminders;
    std::map<std::string, std::string> welcome;  ///< Language -> template; empty: built-in text.
    std::vector<ChecklistItem> items;
    Json source;  ///< The document as given.
};

/// @brief The JSON Schema of a checklist (the text of data/onboarding/checklist.schema.json).
PROPOS_EXPORT const std::string& checklist_schema();
/// @brief The default checklist's JSON (data/onboarding/checklist.default.json, embedded).
PROPOS_EXPORT const std::string& default_checklist_json();
/// @brief The default checklist, parsed.
PROPOS_EXPORT const Checklist& default_checklist();

/// @brief Validates `document` against the schema and reads it. `where` names it in errors (a file
/// path or "checklist of org X"). Throws `Error(kInvalidArgument)` naming `where` and the field
/// (a JSON pointer, e.g. "/items/3/due_days") with what is wrong; also for two items with one key.
PROPOS_EXPORT Checklist parse_checklist(const Json& document, const std::string& where);
/// @brief Reads and parses a checklist file. Throws `Error(kNotFound)` when it cannot be read and
/// `Error(kInvalidArgument)` naming the file (and the field) when it is not valid.
PROPOS_EXPORT Checklist load_checklist_file(const std::filesystem::path& path);

/// @brief What decides which items apply to a lease.
struct ChecklistFacts {
    std::string jurisdiction;  ///< `jurisdiction_of(property)`.
    std::string state;         ///< property.state.
    int year_built = 0;        ///< 0: unknown.
    int unit_count = 0;        ///< 0: unknown.
    int bedrooms = 1;
    int lease_days = 0;        ///< 0: unknown.
    Timestamp move_in_at{};
    bool child_under_6 = false;
    bool rent_stabilized = false;
};

/// @brief The items of `checklist` that apply to `facts`, with their due dates (move-in + due_days).
/// A jurisdiction the checklist does not know is read as "generic" and `*unknown_jurisdiction` is
/// set (when given).
PROPOS_EXPORT std::vector<OnboardingItem> applicable_items(const Checklist& checklist, const ChecklistFacts& facts,
                                                           bool* unknown_jurisdiction = nullptr);

/// @brief What a person (or host) records when checking an item.
struct OnboardingCheck {
    std::string checked_by;      ///< Required: who, e.g. "user:maria".
    std::string proof_blob_key;  ///< "sha256:<hex>" of the document in the blob store; "" when none.
    std::string note;
    bool waive = false;  ///< The item does not apply here (a person's decision); `note` says why.
};

/// @brief The onboarding unit (job type `onboarding.check`; a tenant-message listener).
class PROPOS_EXPORT OnboardingWorkflow final : public Workflow {
public:
    /// @brief `services` must outlive the unit.
    explicit OnboardingWorkflow(const WorkflowServices& services) : services_(services) {}
    std::string name() const override { return "onboarding"; }
    std::vector<std::string> intents() const override { return {"move_in"}; }
    std::vector<std::string> job_types() const override { return {job_types::kOnboardingCheck}; }
    /// @brief The daily check: starts onboardings of leases starting within the window, sends due
    /// reminders, escalates overdue items. Idempotent within a day.
    void handle(const Job& job) override;
    /// @brief Takes a message of a tenant with an open onboarding when it carries a document for it
    /// (media; not an emergency, not a repair that names no item) or asks about the move-in.
    bool take_tenant_message(const OrgId& org, const Message& message, const Tenant& tenant,
                             const IntentAssessment& intent) override;

    /// @brief The organization's checklist: its own when set, else the default.
    Checklist checklist(const OrgId& org) const;
    /// @brief Validates (`parse_checklist`, errors name "checklist of org <id>") and stores the
    /// organization's own checklist, with an audit entry and an `onboarding.checklist_set` event.
    /// Onboardings already started keep their items.
    Checklist set_checklist(const OrgId& org, const Json& document, const std::string& set_by);
    /// @brief Starts the onboarding of `lease` (idempotent: an existing one is returned unchanged).
    /// Throws `Error(kNotFound)` for an unknown lease, `Error(kFailedPrecondition)` for a lease
    /// without a unit or property on record.
    Onboarding start(const OrgId& org, const LeaseId& lease, const std::string& started_by);
    /// @brief Checks (or waives) one item. Throws `Error(kNotFound)` for an unknown onboarding or
    /// item, `Error(kInvalidArgument)` when `checked_by` is empty, a proof key is malformed, a proof
    /// is required and missing (unless waived) or a waiver has no note, `Error(kFailedPrecondition)`
    /// when the onboarding is not open or the item is no longer open.
    Onboarding check_item(const OrgId& org, const std::string& onboarding_id, const std::string& item_key,
                          const OnboardingCheck& check);
    /// @brief Onboardings, soonest move-in first; `lease` non-empty: that lease's only.
    std::vector<Onboarding> list(const OrgId& org, const std::string& lease = "") const;

private:
    const WorkflowServices& services_;
};

}  // namespace propos
