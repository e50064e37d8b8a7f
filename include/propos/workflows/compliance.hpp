/// @file compliance.hpp
/// @brief Compliance as rules-as-data: jurisdiction rule packs (JSON, validated by a JSON Schema),
/// the per-property deadline calendar, the daily `compliance.check` job that keeps
/// `ComplianceItem`s, tenant notices with reply tracking, the proof log, and legal repair deadlines
/// on work orders.
///
/// A rule pack (`data/compliance/<jurisdiction>.json`, schema `data/compliance/schema.json`; the
/// built-in packs nyc, ca, tx and generic are embedded in the library) lists a jurisdiction's
/// recurring obligations — each with its legal source, the property attributes it applies to and
/// its recurrence — and its `repair_deadlines`: violation classes with due times and the mapping
/// from a work order's category, priority and words to a class. Values the sources could not
/// confirm carry `"confirmed": false` and a note: they are configuration, and a host replaces them
/// by loading its own pack for the same jurisdiction.
///
/// Recurrence kinds (`schedule.type`): "yearly" (a local date, optionally with a window start:
/// "Jan 1-15", "by Sep 1"), "every" (N days, months or years from the last completion or from a
/// cycle start), "cycle" (multi-year windows keyed by a property attribute: the FISP sub-cycle by
/// the last digit of the NYC block, the LL152 year by community district) and "once".
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propos/channels/blob_store.hpp"
#include "propos/workflows/workflow.hpp"

namespace propos {

namespace job_types {
inline constexpr const char* kComplianceCheck = "compliance.check";         // {}: daily, per organization
inline constexpr const char* kLegalDeadline = "workorder.legal_deadline";   // {work_order_id, stage, due_at}
}  // namespace job_types

/// @brief One validated rule pack: its jurisdiction, name, where it came from and its document.
struct RulePack {
    std::string jurisdiction;  ///< e.g. "nyc" (lower case).
    std::string name;          ///< e.g. "New York City (multifamily)".
    std::string origin;        ///< The file it was read from, or "builtin:<jurisdiction>".
    Json document;             ///< The pack as validated against the schema.
};

/// @brief The JSON Schema every pack must satisfy (the text of `data/compliance/schema.json`).
PROPOS_EXPORT const std::string& rule_pack_schema();

/// @brief Validates `text` against the schema and the checks JSON Schema cannot express (dates that
/// exist, unique rule ids, mapping classes that are defined) and returns the pack. `where` (a file
/// name) starts every error. Throws `Error(kInvalidArgument)` naming `where` and the failing field
/// as a JSON pointer (e.g. "nyc.json: /rules/3/schedule/due/month: ...").
PROPOS_EXPORT RulePack parse_rule_pack(std::string_view text, const std::string& where);

/// @brief Reads and parses a pack file. Throws `Error(kNotFound)` / `Error(kIo)` when it cannot be
/// read and what `parse_rule_pack` throws, naming the file.
PROPOS_EXPORT RulePack load_rule_pack_file(const std::filesystem::path& path);

/// @brief The built-in packs ("ca", "generic", "nyc", "tx"), parsed from the embedded data.
PROPOS_EXPORT std::vector<RulePack> builtin_rule_packs();

/// @brief The packs in use, by jurisdiction: the built-in ones, replaced or extended by the host's.
/// Thread-safe.
class PROPOS_EXPORT RuleBook {
public:
    /// @brief A book with the built-in packs.
    RuleBook();
    /// @brief Adds `pack`, replacing a pack of the same jurisdiction.
    void add(RulePack pack);
    /// @brief `add(load_rule_pack_file(path))`; throws what that throws (nothing changes then).
    void load_file(const std::filesystem::path& path);
    /// @brief The pack of `jurisdiction`, or null.
    std::shared_ptr<const RulePack> find(const std::string& jurisdiction) const;
    /// @brief The pack of `jurisdiction`, else the "generic" pack (`known` is set false then).
    std::shared_ptr<const RulePack> resolve(const std::string& jurisdiction, bool* known = nullptr) const;
    /// @brief The jurisdictions with a pack, sorted.
    std::vector<std::string> jurisdictions() const;

private:
    mutable std::mutex mu_;
    std::map<std::string, std::shared_ptr<const RulePack>> packs_;
};

/// @brief What the calendar needs to know about a property: the property, its units and tenants
/// (for unit counts and children), the organization's time zone, and the last completion of each
/// rule ("every ... from last_completion"; key: rule id, or "<rule id>@<unit id>" for unit rules).
struct CalendarInput {
    Property property;
    std::vector<Unit> units;
    std::vector<Tenant> tenants;
    std::string timezone = "America/New_York";
    std::map<std::string, Timestamp> last_completed;
};

/// @brief One dated obligation of the calendar.
struct ComplianceOccurrence {
    std::string rule_id;
    std::string kind;
    std::string title;
    std::string source;  ///< The rule's citation, e.g. "LL1/2004 [R25] [R26]".
    std::string jurisdiction;
    PropertyId property_id;
    std::optional<UnitId> unit_id;  ///< Unit-scoped rules (tenant notices, per-unit inspections).
    std::optional<Timestamp> window_start;
    Timestamp due_at{};          ///< End of the due day, local time (23:59:59).
    std::string recurrence;      ///< e.g. "yearly", "every 90d", "cycle 5Y", "once".
    bool notice = false;         ///< A tenant notice (sent in the window, replies tracked).
    bool requires_proof = false;
    bool confirmed = true;       ///< False: a configurable value the sources could not confirm.
    std::string note;
    Millis at_risk_lead{0};      ///< The rule's (else the pack's) at-risk lead.
};

/// @brief The rules of `pack` that apply to the property (property attributes; unit counts from
/// `unit_count` or the units on record; children from the tenants of each unit), by rule id.
/// Rules that need an unknown attribute (year built 0) do not apply.
PROPOS_EXPORT std::vector<std::string> applicable_rules(const RulePack& pack, const CalendarInput& input);

/// @brief The occurrences of the applicable rules whose due date falls in [from, to], by due date
/// then rule id. "every ... from last_completion" rules with no completion on record are due one
/// period after `from`.
PROPOS_EXPORT std::vector<ComplianceOccurrence> compliance_calendar(const RulePack& pack, const CalendarInput& input,
                                                                    Timestamp from, Timestamp to);

/// @brief A work order's legal repair deadline.
struct LegalRepairDeadline {
    std::string jurisdiction;
    std::string violation_class;  ///< A key of the pack's `repair_deadlines.classes`, e.g. "B".
    std::string title;            ///< The class's title.
    Timestamp due_at{};
    Millis at_risk_lead{0};       ///< The `legal_deadline_at_risk` escalation comes this long before.
    std::string basis;            ///< The mapping's basis + the class's source.
    bool confirmed = true;
    std::string note;
};

/// @brief Maps a work order (category, priority, emergency flag, words of its title, description
/// and triage reasons; the heat season in `timezone` at `reported_at`) to the first matching entry
/// of the pack's mapping and returns its deadline from `reported_at`; nullopt when nothing matches.
PROPOS_EXPORT std::optional<LegalRepairDeadline> legal_repair_deadline(const RulePack& pack, const WorkOrder& wo,
                                                                       Timestamp reported_at,
                                                                       const std::string& timezone);

/// @brief True when `t` is in the pack's heat season (local date in `timezone`); false when the
/// pack has none.
PROPOS_EXPORT bool in_heat_season(const RulePack& pack, Timestamp t, const std::string& timezone);

/// @brief Sets `wo.legal_due_at`, `legal_class` and `legal_basis` from the rule pack of its
/// property (`services.compliance_rules`; nothing when unset) and schedules the
/// `workorder.legal_deadline` jobs in `tx`: an at-risk check the class's lead before the deadline
/// and one at it (idempotency keys from the work order id). Does not store `wo` (the caller does).
PROPOS_EXPORT void apply_legal_deadline(Transaction& tx, const WorkflowServices& services, const OrgId& org,
                                        WorkOrder& wo, const Property& property, Timestamp now,
                                        const std::string& correlation);

/// @brief Compliance settings of the Coordinator (`CoordinatorOptions::compliance`).
struct ComplianceOptions {
    /// The host's pack files, loaded at construction over the built-in packs (a pack for a
    /// jurisdiction replaces the built-in one). A pack that fails its schema makes the constructor
    /// throw `Error(kInvalidArgument)` naming the file and field. Default: none.
    std::vector<std::filesystem::path> pack_files;
    /// How far ahead the daily check materializes items. Default: 120 days.
    Millis lookahead = std::chrono::hours(24 * 120);
    /// How far back it materializes occurrences it never saw (they are overdue at once). Default: 0
    /// (only what is still ahead: import past obligations with the portfolio).
    Millis lookback{0};
    /// Overrides every rule's at-risk lead when set. Default: unset (the rule's, else the pack's).
    std::optional<Millis> at_risk_lead;
    /// When the daily check runs (five-field cron, UTC). Default: 11:00 UTC (6 or 7 AM in New York).
    std::string check_cron = "0 11 * * *";
    /// Where proofs are kept. Default: a directory beside the database file ("<db>.proofs/<org>",
    /// `Store::local_file`, also for a `Store` the host opened itself), or memory for a store with no
    /// file on this machine (":memory:", the in-memory store: set a blob store then, or proofs last
    /// only as long as the process). A store shared by several machines (`Store::shared`: PostgreSQL)
    /// needs one: attaching a proof without it throws `Error(kFailedPrecondition)`.
    std::shared_ptr<channels::BlobStore> proof_store;
};

/// @brief Filters for `ComplianceWorkflow::items`.
struct ComplianceQuery {
    std::string property_id;               ///< Empty: all properties.
    std::optional<Timestamp> due_before;   ///< Items due at or before this.
    bool open_only = false;                ///< Not done and not waived.
};

/// @brief A tenant's answers to a notice (unset: not answered).
struct NoticeAnswers {
    std::optional<bool> child_under_6;
    std::optional<bool> child_10_or_under;
};

/// @brief Reads a reply to a notice: YES / NO and their Spanish, Chinese, Russian and French forms
/// as the answer to every question the notice `asks`; nullopt when the text is not a plain yes/no.
PROPOS_EXPORT std::optional<NoticeAnswers> read_notice_reply(const std::string& text,
                                                             const std::vector<std::string>& asks);

/// @brief The compliance unit: the daily check, legal repair deadline jobs, notice replies (it
/// subscribes to intake), and the host calls behind `Coordinator`'s compliance API.
///
/// The daily check, per property: picks the pack (`jurisdiction_of`; the generic pack when the
/// property's jurisdiction has none — an explicit `jurisdiction` no pack is loaded for, or a state
/// no pack covers (Illinois, New York outside the city, no state at all) — with a
/// `compliance.jurisdiction_unknown` audit entry and event once per property, naming the
/// jurisdiction or the state and city and the pack used), materializes the
/// calendar's occurrences in [now - lookback, now + lookahead] as `ComplianceItem`s with
/// deterministic ids (re-runs change nothing), sends due tenant notices in each tenant's language
/// (`compliance.notice_sent`), creates the follow-ups of unanswered notices, and for every item not
/// done (imported ones too) raises `compliance_at_risk` (medium) its lead before the due date and
/// `compliance_overdue` (high) once the date passed — once each, each with its audit entry + event.
class PROPOS_EXPORT ComplianceWorkflow final : public Workflow {
public:
    /// @brief `services` must outlive the unit; `rules` is shared with `services.compliance_rules`.
    /// Proofs go where `ComplianceOptions::proof_store` says, else beside the store's file
    /// (`Store::local_file`); a shared store (`Store::shared`, PostgreSQL) needs `proof_store`.
    ComplianceWorkflow(const WorkflowServices& services, std::shared_ptr<RuleBook> rules, ComplianceOptions options);
    std::string name() const override { return "compliance"; }
    std::vector<std::string> job_types() const override {
        return {job_types::kComplianceCheck, job_types::kLegalDeadline};
    }
    void handle(const Job& job) override;
    /// @brief Records a tenant's message as the reply to a notice of their unit that awaits one.
    void observe_tenant_message(const OrgId& org, const Message& message, const Tenant& tenant) override;
    /// @brief Takes a plain yes/no reply to an awaiting notice (it is not routed further).
    bool take_tenant_message(const OrgId& org, const Message& message, const Tenant& tenant,
                             const IntentAssessment& intent) override;

    /// @brief The rule book in use.
    RuleBook& rules() noexcept { return *rules_; }

    /// @brief Runs the daily check of `org` now (what the job does). Returns the items it created.
    std::size_t check(const OrgId& org);
    /// @brief The organization's items, by due date.
    std::vector<ComplianceItem> items(const OrgId& org, const ComplianceQuery& query = {});
    /// @brief The calendar of one property between two dates. Throws `Error(kNotFound)` for an
    /// unknown property.
    std::vector<ComplianceOccurrence> calendar(const OrgId& org, const PropertyId& property, Timestamp from,
                                               Timestamp to);
    /// @brief Marks an item done (audit + `compliance.completed` event), resolves its open
    /// at-risk/overdue escalations and creates its next occurrence. Throws `Error(kNotFound)`,
    /// `Error(kFailedPrecondition)` when it is already done or waived, or when its rule requires a
    /// proof and none is attached.
    ComplianceItem complete(const OrgId& org, const ComplianceItemId& id, const std::string& by,
                            const std::string& note = {});
    /// @brief Keeps `data` in the proof store and adds it to the item's proof log; the audit entry
    /// (`compliance.proof_attached`) carries its SHA-256. Throws `Error(kInvalidArgument)` for empty
    /// data, `Error(kNotFound)` for an unknown item, what the blob store throws.
    ComplianceItem attach_proof(const OrgId& org, const ComplianceItemId& id, std::string_view data,
                                const std::string& name, const std::string& content_type, const std::string& by);
    /// @brief `attach_proof` with a file's bytes (name = the file name). Throws `Error(kNotFound)`
    /// / `Error(kIo)` naming the file when it cannot be read.
    ComplianceItem attach_proof_file(const OrgId& org, const ComplianceItemId& id, const std::filesystem::path& file,
                                     const std::string& content_type, const std::string& by);
    /// @brief Records a tenant's answers to a notice item (audit + `compliance.notice_reply` event)
    /// and updates the tenants of its unit (`child_under_6`, `child_10_or_under`). Throws
    /// `Error(kNotFound)`, `Error(kFailedPrecondition)` for an item that is not a notice.
    ComplianceItem record_reply(const OrgId& org, const ComplianceItemId& id, const NoticeAnswers& answers,
                                const std::string& by);

private:
    struct Notice;
    void run_legal_deadline(const Job& job);
    channels::BlobStore& proof_store(const OrgId& org);
    bool record_message_reply(const OrgId& org, const Message& message, const Tenant& tenant, bool only_plain_answers);

    const WorkflowServices& services_;
    std::shared_ptr<RuleBook> rules_;
    ComplianceOptions options_;
    std::mutex mu_;
    std::map<std::string, std::shared_ptr<channels::BlobStore>> proof_stores_;
};

}  // namespace propos
