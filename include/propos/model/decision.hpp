/// @file decision.hpp
/// @brief `StaffDecision`: what a person decided on a case — an escalation resolved, an owner
/// approval decided, a vendor assigned by hand — with who decided, the work order it was about and
/// the person's note. Stored as record kind "staff_decision" (see `RecordTraits<StaffDecision>` in
/// propos/store/records.hpp) in the same transaction as the decision itself, and indexed by
/// `HistorySearch` as documents of kind "decision" so that the agent sees, for a new case, what
/// staff decided on similar ones (issue 20).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "propos/core/clock.hpp"
#include "propos/core/ids.hpp"
#include "propos/core/json.hpp"
#include "propos/core/money.hpp"
#include "propos/export.hpp"
#include "propos/model/common.hpp"

namespace propos {

/// @brief `StaffDecision::kind` values.
inline constexpr std::string_view kDecisionEscalationResolved = "escalation_resolved";
inline constexpr std::string_view kDecisionApproval = "approval_decided";
inline constexpr std::string_view kDecisionVendorAssigned = "vendor_assigned";

/// @brief One decision a person made. Written by the code path that carried the decision out
/// (never by the model), read back only. `note` and `decision` are a person's free text: they may
/// hold personal data, never go to logs above debug level, and are shown to the model as quoted
/// data, not as instructions.
struct StaffDecision {
    std::string id;    ///< "dec_..."; unique within the organization.
    std::string kind;  ///< One of the `kDecision*` values.
    /// Who decided, as the host named them ("maria", "ops-desk"); never contact details.
    std::string decided_by;
    /// What was decided, in words: the escalation's decision text, "approve"/"decline", or
    /// "assigned vendor <name>".
    std::string decision;
    std::string note;  ///< The person's note; "" when none was given.
    std::optional<WorkOrderId> work_order_id;
    std::optional<EscalationId> escalation_id;
    std::string reason;  ///< The escalation's reason code ("owner_approval", "vendors_exhausted"...).
    std::string summary;  ///< The escalation's summary (what the person was asked).
    std::optional<VendorId> vendor_id;  ///< The vendor assigned, or the one an approval covers.
    std::optional<Money> amount;        ///< The amount assigned or approved.
    Timestamp at{};
    bool operator==(const StaffDecision&) const = default;
};

/// @brief JSON form: {"id","kind","decided_by","decision","note","work_order_id","escalation_id",
/// "reason","summary","vendor_id","amount_cents","at"}; missing optional fields read as unset.
/// Malformed input throws `Error(kInvalidArgument)` naming the field.
PROPOS_EXPORT void to_json(Json& j, const StaffDecision& v);
PROPOS_EXPORT void from_json(const Json& j, StaffDecision& v);

}  // namespace propos
