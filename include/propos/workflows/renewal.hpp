/// @file renewal.hpp
/// @brief The lease-renewal workflow: a daily `renewal.nudge` job per organization sends each
/// lease's renewal offer at the configured offsets before it ends (default 90/60/30 days) — never
/// later than the jurisdiction's notice minimum — reads the tenant's reply (accept / decline /
/// negotiate / question, in English, Spanish, Chinese, Russian and French) and carries each lease
/// to a decision a person can see.
///
/// The notice rules (../shared/reference/housing-rules.md §4):
/// - NYC rent-stabilized lease (9 NYCRR 2523.5(a) [R52]): the offer goes out 150-90 days before
///   the end; the tenant has 60 days to accept; the owner returns the signed copy within 30 days.
///   The increase is the Rent Guidelines Board rate (`RenewalOptions::nyc_rgb_percent`).
/// - New York State, NYC included, for an increase of 5% or more (RPL 226-c [R54], [R55]): 30 days'
///   notice when the tenancy and the lease are under a year, 60 under two years, 90 otherwise (or a
///   lease of two years or more).
/// - California (Civil Code 827 [R56]): 30 days for an increase of at most 10%, 90 above it, plus
///   5 days when notices are mailed (`RenewalOptions::notices_mailed`); the AB 1482 cap
///   (Civil Code 1947.12 [R57], [R58]) limits the increase to the lower of 5% + CPI
///   (`RenewalOptions::ca_cpi_percent`) and 10%, unless the building's certificate of occupancy is
///   under 15 years old.
/// - Texas and everywhere else: no statutory minimum; the offsets apply.
/// An offer that can no longer meet the minimum still goes out, with a `renewal_notice_late`
/// escalation: the tenancy continues on current terms until the period runs, and the offer's
/// `renewal_effective_at` says when the new rent may start.
///
/// Offers are written by the model from the facts (rent, term, dates, reply deadline) when a model
/// is configured; code checks that every fact appears unchanged and that no other amount or date
/// does, and sends the offline template in the tenant's language otherwise (and whenever the model
/// fails, refuses or is the offline rules provider). Every step writes its audit entry and its
/// event together (`record_decision`): `renewal.offered`, `renewal.reminded`, `renewal.accepted`,
/// `renewal.declined`, `renewal.negotiating`, `renewal.negotiation_undecided`, `renewal.question`,
/// `renewal.no_answer`.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "propos/llm/provider.hpp"
#include "propos/workflows/workflow.hpp"

namespace propos {

namespace job_types {
inline constexpr const char* kRenewalNudge = "renewal.nudge";  // {}: daily, per organization
}  // namespace job_types

/// @brief Options of the renewal workflow (`CoordinatorOptions::renewals`).
struct RenewalOptions {
    /// Days before the lease end when the offer (the largest) and its reminders (the others) go
    /// out. The offer moves earlier when the jurisdiction's minimum notice is longer, and into the
    /// NYC rent-stabilized window (150-90 days). Default: {90, 60, 30} (industry cadence [R62], [R63]).
    std::vector<int> offsets_days = {90, 60, 30};
    /// When the daily `renewal.nudge` job runs (five-field cron, UTC). Default: 14:00 UTC daily.
    std::string cron = "0 14 * * *";
    /// Increase offered where no cap applies, in percent. Default: 3.
    double increase_percent = 3.0;
    /// Term offered, in months. Default: 12.
    int term_months = 12;
    /// California AB 1482: the CPI change used in the cap (lower of 5% + CPI and 10%), in percent.
    /// Set it to the regional CPI the statute names. Default: 3.
    double ca_cpi_percent = 3.0;
    /// NYC rent-stabilized: the Rent Guidelines Board rate for the term offered, in percent. Set
    /// it to the current RGB order. Default: 3.
    double nyc_rgb_percent = 3.0;
    /// Notices are mailed: Civil Code 827 adds 5 days in California. Default: false (delivered
    /// electronically or in person).
    bool notices_mailed = false;
    /// Days the tenant has to answer an offer (NYC rent-stabilized: 60 by regulation, whatever this
    /// says); the deadline is never after the lease end. Default: 60.
    int reply_days = 60;
    /// Days staff have to countersign an accepted renewal (NYC rent-stabilized: 30 by regulation).
    /// Default: 30.
    int countersign_days = 30;
    /// A tenant's renewal message with no offer yet gets the offer at once when the lease ends
    /// within this many days; earlier messages get a `renewal_request` escalation. Default: 150.
    int early_request_days = 150;
    /// Days a person has to decide a negotiation (the tenant asked for other terms) before the
    /// daily nudge raises `renewal_negotiation_undecided` (high), once. The deadline
    /// (`Lease::renewal_negotiation_by`) is never after the jurisdiction's notice minimum before
    /// the lease end (when that is still ahead) nor after the day before the end. Must be positive.
    /// Default: 14.
    int negotiation_days = 14;
};

/// @brief The rent offered (`renewal_terms`).
struct RenewalTerms {
    Money current_rent;
    Money offered_rent;
    double increase_percent = 0;         ///< Applied.
    std::optional<double> cap_percent;   ///< The cap that applied, if any.
    std::string cap_rule;                ///< e.g. "CA Civil Code 1947.12 (AB 1482) [R57]"; "" without.
    int term_months = 12;
};

/// @brief When the notices of one lease go out (`renewal_schedule`).
struct RenewalSchedule {
    std::string jurisdiction;            ///< `jurisdiction_of` the property ("nyc", "ca", ...).
    /// Minimum notice in days before the lease end (0: none), and the rule that sets it
    /// (e.g. "NY RPL 226-c [R54]").
    int minimum_notice_days = 0;
    std::string rule;
    /// The earliest day an offer may go out, in days before the end (NYC stabilized: 150).
    std::optional<int> earliest_days;
    int offer_days = 90;                  ///< The offer goes out this many days before the end.
    std::vector<int> reminder_days;       ///< Reminders, in days before the end, largest first.
    int reply_days = 60;                  ///< Days the tenant has to answer.
};

/// @brief The rent offered for `lease` of `property` at `at`: `increase_percent` (NYC stabilized:
/// the RGB rate), capped by AB 1482 in California. Rounded to whole cents.
PROPOS_EXPORT RenewalTerms renewal_terms(const Lease& lease, const Property& property, Timestamp at,
                                         const RenewalOptions& options);

/// @brief The notice schedule of `lease` for `terms`; `tenancy_start` is when the tenant's
/// occupancy of the unit began (for RPL 226-c). Throws `Error(kInvalidArgument)` when
/// `options.offsets_days` is empty or has a day that is not positive.
PROPOS_EXPORT RenewalSchedule renewal_schedule(const Lease& lease, const Property& property,
                                               const RenewalTerms& terms, Timestamp tenancy_start,
                                               const RenewalOptions& options);

/// @brief How a tenant answered a renewal offer.
enum class RenewalReplyKind { kAccept, kDecline, kNegotiate, kQuestion, kUnclear };

/// @brief The stable name: "accept", "decline", "negotiate", "question", "unclear".
PROPOS_EXPORT std::string_view to_string(RenewalReplyKind kind) noexcept;

/// @brief `read_renewal_reply`'s reading.
struct RenewalReply {
    RenewalReplyKind kind = RenewalReplyKind::kUnclear;
    /// The words that decided it, e.g. "decline (won't renew)"; "conflict: accept+decline".
    std::vector<std::string> reasons;
    /// True when the text is about the lease or the offer at all (renewal, lease, rent, offer...)
    /// or answers yes / no / other terms.
    bool about_renewal = false;
    /// True when the text itself names the lease or the offer (renewal, lease, rent, offer...): a
    /// bare "yes" / "no" does not (it answers whatever was sent last).
    bool names_renewal = false;
};

/// @brief Reads a reply to a renewal offer, deterministically: words and phrases in English,
/// Spanish, French, Russian and Chinese with their negation ("I won't renew", "no quiero renovar",
/// "не буду продлевать", "不续租" are declines; "I don't want to leave" accepts). A request for
/// other terms (a lower rent, another term) is negotiate, a question mark or question words
/// question; both accept and decline, or nothing, is unclear. Never throws.
PROPOS_EXPORT RenewalReply read_renewal_reply(const std::string& text);

/// @brief The facts an offer states.
struct RenewalOfferFacts {
    std::string tenant_name;
    std::string unit_label;
    std::string lease_end;       ///< "YYYY-MM-DD" (local date).
    std::string new_rent;        ///< e.g. "$2,575.00".
    std::string current_rent;    ///< e.g. "$2,500.00".
    int term_months = 12;
    std::string reply_by;        ///< "YYYY-MM-DD" (local date).
    std::string effective_from;  ///< "YYYY-MM-DD": when the new rent starts.
    bool reminder = false;       ///< A reminder of an offer already sent.
};

/// @brief The offline offer text in `language` ("en", "es", "zh", "ru", "fr"; others: English),
/// stating every fact.
PROPOS_EXPORT std::string renewal_offer_template(const RenewalOfferFacts& facts, const std::string& language);

/// @brief Why a model's offer text must not be sent, or nullopt when it may: a fact missing or
/// changed (the new rent, the reply date, the effective date, the term), or an amount or date
/// that is not one of the facts.
PROPOS_EXPORT std::optional<std::string> renewal_text_problem(const std::string& text,
                                                              const RenewalOfferFacts& facts);

/// @brief A lease of `expiring_leases`, with what the CLI and the host show.
struct ExpiringLease {
    Lease lease;
    std::optional<TenantId> tenant_id;  ///< The first tenant, if any.
};

/// @brief The leases of `org` that end after `now` and no later than `now + within` (all future
/// ends when `within` is nullopt), soonest first.
PROPOS_EXPORT std::vector<ExpiringLease> expiring_leases(Store& store, const OrgId& org, Timestamp now,
                                                         std::optional<Millis> within);

/// @brief A decision on a renewal recorded by staff (`RenewalWorkflow::record_decision`).
enum class RenewalDecision { kAccepted, kDeclined };

/// @brief The renewal unit (job type `renewal.nudge`; intent `renewal`; subscribed to tenant
/// messages to read replies to its offers).
class PROPOS_EXPORT RenewalWorkflow final : public Workflow {
public:
    /// @brief `services` must outlive the unit. `provider` writes offers (null: the template);
    /// a provider named "rules" (the offline one) is not asked. Throws `Error(kInvalidArgument)`
    /// naming the option for bad `offsets_days` or a `negotiation_days` that is not positive.
    RenewalWorkflow(const WorkflowServices& services, std::shared_ptr<llm::LlmProvider> provider,
                    RenewalOptions options = {});
    std::string name() const override { return "renewal"; }
    std::vector<std::string> intents() const override { return {"renewal"}; }
    std::vector<std::string> job_types() const override { return {job_types::kRenewalNudge}; }
    const RenewalOptions& options() const noexcept { return options_; }

    /// @brief Runs the daily nudge for `job.org_id`: offers due, reminders due, reply deadlines
    /// passed, negotiations left undecided past their deadline.
    void handle(const Job& job) override;
    /// @brief Takes a tenant's reply to a pending offer (any intent but maintenance that reads as
    /// an answer or is about the renewal) and any renewal message without one.
    bool take_tenant_message(const OrgId& org, const Message& message, const Tenant& tenant,
                             const IntentAssessment& intent) override;

    /// @brief Sends the renewal offer of `lease` now (whatever the offsets say; late-notice rules
    /// apply). Returns the lease as stored. Throws `Error(kNotFound)` for an unknown lease,
    /// `Error(kFailedPrecondition)` when it has ended or its renewal is already decided.
    Lease offer_now(const OrgId& org, const LeaseId& lease, const std::string& by);
    /// @brief Records a decision made elsewhere (the tenant told staff): accepted (countersign
    /// reminder) or declined (the move-out workflow to the lease end). Throws `Error(kNotFound)`
    /// for an unknown lease, `Error(kFailedPrecondition)` when it is already decided.
    Lease record_decision(const OrgId& org, const LeaseId& lease, RenewalDecision decision, const std::string& by,
                          const std::string& note = {});

private:
    const WorkflowServices& services_;
    std::shared_ptr<llm::LlmProvider> provider_;
    RenewalOptions options_;
};

}  // namespace propos
