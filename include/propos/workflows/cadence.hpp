/// @file cadence.hpp
/// @brief Follow-up cadences (the RealtorOS design: Day 1, Day 3, Week 1, Week 2, Month 1): a contact
/// is enrolled with a purpose, personalised messages go out at the steps' times, and any reply of
/// the contact cancels the rest.
///
/// - **Definitions are data**: JSON validated by the shipped JSON Schema (`cadence_schema()`,
///   `data/cadences/cadence.schema.json`); each step has an offset in days from the enrolment, an
///   optional local send time, a channel preference and message templates per language with
///   placeholders (`cadence_placeholders()`). Built-in definitions (`builtin_cadences()`, from
///   `data/cadences/default_cadences.json`) cover the purposes renewal, onboarding, post_repair
///   and missing_document; an organization's own definitions (`CadenceWorkflow::set_definitions`)
///   replace a built-in one of the same name and come first for their purpose.
/// - **Enrolment** stores a `CadenceEnrollment` with its steps and queues one `cadence.step` job
///   per step; one active enrolment per contact and purpose (enrolling again returns it).
/// - **Steps** are rendered when they are sent (the preview renders them the same way without
///   sending) and queued with `queue_outbound` (quiet hours respected). A skipped step is not sent;
///   a rescheduled step's old job does nothing (each job carries the step's version).
/// - **Any reply** of the contact (`observe_tenant_message`), an SMS STOP or a provider opt-out
///   (`cancel_cadences_of`) cancels their active enrolments; the last step done completes it.
/// - Every change writes its audit entry and its event together (`record_decision`):
///   `cadence.enrolled`, `cadence.step_sent`, `cadence.step_skipped`, `cadence.rescheduled`,
///   `cadence.cancelled`, `cadence.completed`.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "propos/model/cadence.hpp"
#include "propos/workflows/workflow.hpp"

namespace propos {

namespace job_types {
inline constexpr const char* kCadenceStep = "cadence.step";  // {enrollment_id, step, version}
}  // namespace job_types

/// @brief The placeholders a template may use: first_name, name, unit, property, organization,
/// work_order_id, work_order_summary (needs a work_order_id reference), document (needs a document
/// reference), lease_end (needs a lease_id reference or a lease of the tenant).
PROPOS_EXPORT const std::vector<std::string>& cadence_placeholders();

/// @brief The JSON Schema definitions are validated with (the text of
/// `data/cadences/cadence.schema.json`, embedded in the library).
PROPOS_EXPORT const std::string& cadence_schema();

/// @brief Parses and validates definitions: a JSON object `{"cadences": [...]}` (or the array
/// alone). Throws `Error(kInvalidArgument)` naming `source` (the file or organization) and the
/// field (e.g. "cadences[0].steps[1].templates.es") when the text is not JSON, fails the schema,
/// uses an unknown placeholder, repeats a name, lacks an "en" template or lists steps out of offset
/// order. Each definition's `source` is set to `source`.
PROPOS_EXPORT std::vector<CadenceDefinition> parse_cadence_definitions(const std::string& json_text,
                                                                       const std::string& source);

/// @brief Reads and parses a definitions file (`parse_cadence_definitions` with the path as
/// source). Throws `Error(kNotFound)` when it cannot be read.
PROPOS_EXPORT std::vector<CadenceDefinition> load_cadence_file(const std::string& path);

/// @brief The built-in definitions (source "builtin"): "default" (Day 1, Day 3, Week 1, Week 2,
/// Month 1), "renewal", "onboarding", "post_repair", "missing_document"; templates in en, es, zh,
/// ru and fr.
PROPOS_EXPORT const std::vector<CadenceDefinition>& builtin_cadences();

/// @brief What to enrol: a tenant with a purpose, optionally a named cadence and references.
struct CadenceRequest {
    TenantId tenant_id;
    /// "renewal", "onboarding", "post_repair", "missing_document" or a host's own; may be empty
    /// when `cadence` is given (the cadence's purpose is used).
    std::string purpose;
    /// A definition's name; empty: the organization's own definition for the purpose, else the
    /// built-in one.
    std::string cadence;
    /// Purpose details: "work_order_id", "lease_id", "document" (others are kept and audited).
    std::map<std::string, std::string> references;
    /// Who enrols ("system" for automatic enrolments). Default: "host".
    std::string by = "host";
};

/// @brief A step as it would be sent now (`CadenceWorkflow::preview`).
struct CadencePreviewStep {
    std::string step;  ///< The step's name.
    Timestamp due_at{};
    CadenceStepStatus status = CadenceStepStatus::kPending;
    Channel channel = Channel::kSms;
    std::string to;  ///< The address (personal data).
    std::string language;
    std::string subject;
    std::string body;
};

/// @brief One line of a cadence's message log: a step with its message and the delivery times the
/// providers reported.
struct CadenceLogEntry {
    std::string step;
    Timestamp due_at{};
    CadenceStepStatus status = CadenceStepStatus::kPending;
    std::optional<Timestamp> done_at;
    std::optional<MessageId> message_id;
    std::optional<Channel> channel;
    std::optional<DeliveryStatus> message_status;
    std::optional<Timestamp> sent_at;  ///< When the message was queued.
    std::optional<Timestamp> delivered_at;
    std::optional<Timestamp> opened_at;
    std::optional<Timestamp> clicked_at;
};

/// @brief Filters for `CadenceWorkflow::enrollments`.
struct CadenceQuery {
    std::string tenant_id;  ///< Empty: every tenant.
    std::string status;     ///< "active", "completed", "cancelled"; empty: all.
    std::string purpose;    ///< Empty: every purpose.
    std::size_t limit = 0;  ///< 0: all.
};

/// @brief Cancels every active enrolment of `tenant` in `tx` (reason e.g. "reply", "opt_out"),
/// each with its audit entry and `cadence.cancelled` event. Returns how many were cancelled.
PROPOS_EXPORT std::size_t cancel_cadences_of(Transaction& tx, const OrgId& org, const TenantId& tenant,
                                             const std::string& reason, const std::string& by, Timestamp now,
                                             const std::string& correlation);

/// @brief The follow-up cadence unit.
class PROPOS_EXPORT CadenceWorkflow final : public Workflow {
public:
    /// @brief `services` must outlive the unit.
    explicit CadenceWorkflow(const WorkflowServices& services) : services_(services) {}
    std::string name() const override { return "cadence"; }
    std::vector<std::string> job_types() const override { return {job_types::kCadenceStep}; }
    /// @brief Sends a step (when its enrolment is active, the step pending and the job's version
    /// current), then completes the enrolment after its last step.
    void handle(const Job& job) override;
    /// @brief Any message of the tenant cancels their active enrolments (reason "opt_out" for an
    /// SMS STOP keyword, else "reply"). Idempotent per message.
    void observe_tenant_message(const OrgId& org, const Message& message, const Tenant& tenant) override;

    /// @brief The organization's own definitions, then the built-in ones they do not replace.
    std::vector<CadenceDefinition> definitions(const OrgId& org) const;
    /// @brief Replaces the organization's own definitions with those in `json_text` (see
    /// `parse_cadence_definitions`; `source` names the file, else the organization is named). Nothing
    /// stored changes when they fail. Audited (`cadence.definitions_set`). Returns them.
    std::vector<CadenceDefinition> set_definitions(const OrgId& org, const std::string& json_text,
                                                   const std::string& source = "");

    /// @brief Enrols a tenant: returns the existing active enrolment for the tenant and purpose, or
    /// a new one with its steps scheduled. Throws `Error(kNotFound)` for an unknown tenant, cadence
    /// or purpose without a cadence, work order or lease reference; `Error(kInvalidArgument)` when
    /// neither purpose nor cadence is given, the purpose differs from the cadence's, or a template
    /// needs a reference the request lacks; `Error(kFailedPrecondition)` when the tenant has no
    /// phone or email.
    CadenceEnrollment enrol(const OrgId& org, const CadenceRequest& request);
    /// @brief The steps of the enrolment `request` would create now, rendered, without storing or
    /// sending anything (errors as `enrol`).
    std::vector<CadencePreviewStep> preview(const OrgId& org, const CadenceRequest& request) const;
    /// @brief The steps of an existing enrolment, rendered as they would be sent now. Throws
    /// `Error(kNotFound)` for an unknown enrolment.
    std::vector<CadencePreviewStep> preview(const OrgId& org, const std::string& enrollment_id) const;
    /// @brief Cancels an active enrolment (its pending steps are cancelled). Throws
    /// `Error(kNotFound)`, or `Error(kFailedPrecondition)` when it is no longer active.
    CadenceEnrollment cancel(const OrgId& org, const std::string& enrollment_id, const std::string& by,
                             const std::string& reason = "cancelled");
    /// @brief Skips a pending step (by name or 0-based index as text); the last step done completes
    /// the enrolment. Throws `Error(kNotFound)` for an unknown enrolment or step,
    /// `Error(kFailedPrecondition)` when the enrolment is not active or the step not pending.
    CadenceEnrollment skip(const OrgId& org, const std::string& enrollment_id, const std::string& step,
                           const std::string& by);
    /// @brief Moves a pending step to `due_at` and, with `rest`, every later pending step by the same
    /// amount. The step's old job does nothing when it runs. Throws as `skip`, and
    /// `Error(kInvalidArgument)` for a time in the past.
    CadenceEnrollment reschedule(const OrgId& org, const std::string& enrollment_id, const std::string& step,
                                 Timestamp due_at, bool rest, const std::string& by);
    /// @brief Enrolments, most recent first.
    std::vector<CadenceEnrollment> enrollments(const OrgId& org, const CadenceQuery& query = {}) const;
    /// @brief One enrolment. Throws `Error(kNotFound)`.
    CadenceEnrollment enrollment(const OrgId& org, const std::string& enrollment_id) const;
    /// @brief The message log of an enrolment: each step with its message's status and times.
    std::vector<CadenceLogEntry> log(const OrgId& org, const std::string& enrollment_id) const;

    /// @brief Enrols the tenant of every work order closed (status closed, not cancelled) since the
    /// last call in a post-repair satisfaction check (purpose "post_repair", reference
    /// work_order_id), once per work order. The first call for an organization starts from its
    /// latest event (earlier closures are not enrolled). Returns how many were enrolled.
    std::size_t enrol_closed_repairs(const OrgId& org);

private:
    const WorkflowServices& services_;
};

}  // namespace propos
