/// @file approval.hpp
/// @brief Owner and staff approvals as structured decisions: approve or decline, and the amount
/// and vendor an approval covers. One reader for every way a decision arrives: a structured
/// decision first, free text (with negation, in English, Spanish, French, Portuguese, Russian and
/// Chinese) as the fallback.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "propos/core/ids.hpp"
#include "propos/core/json.hpp"
#include "propos/core/money.hpp"
#include "propos/export.hpp"

namespace propos {

/// @brief What a free-text decision says.
enum class ApprovalVerdict { kApprove, kDecline, kUnclear };

/// @brief A person's decision on an approval request (an `owner_approval` escalation).
struct ApprovalDecision {
    bool approve = false;
    /// The most the approval covers. Default (nullopt): the amount the request asked for. A
    /// dispatch above it needs a new approval.
    std::optional<Money> amount;
    /// The vendor the approval covers. Default (nullopt): the vendor the request named. A dispatch
    /// to another vendor needs a new approval.
    std::optional<VendorId> vendor_id;
    /// The person's own words, kept with the decision.
    std::string note;
};

/// @brief Reads a free-text decision. Approval words ("approved", "yes", "aprobado", "approuvé",
/// "aprovado", "одобрено", "批准"...) count only when no negation governs them ("don't approve",
/// "not approved", "no lo apruebo", "je n'approuve pas", "não aprovado", "не одобряю", "不批准"
/// decline); a decline word ("declined", "rejected", "no", "non", "нет", "拒绝"...) declines. A
/// verb outweighs a bare yes/no ("No problem, approved" approves); words that contradict each
/// other, or none at all, are `kUnclear`. Never throws.
PROPOS_EXPORT ApprovalVerdict read_approval_text(std::string_view text) noexcept;

/// @brief Whether a staff member's free-text decision on an escalation tells the run to stop: a
/// decline (`read_approval_text`), or words of stopping, holding, cancelling or waiting, or a
/// negated instruction, in the six supported languages ("stop", "hold off", "don't send anyone",
/// "no enviar", "espera", "n'envoyez personne", "annulez", "não mande", "aguarde", "не отправляйте",
/// "отмена", "先别派", "取消"). Never throws.
PROPOS_EXPORT bool staff_says_stop(std::string_view text) noexcept;

/// @brief Reads a decision as `Coordinator::resolve_escalation` receives it:
/// - structured: "approve" or "decline" (any case), or a JSON object
///   `{"decision":"approve"|"decline", "amount_cents":N, "vendor_id":"...", "note":"..."}`;
/// - otherwise free text read by `read_approval_text` (the text is kept as `note`).
/// Throws `Error(kInvalidArgument)` for free text that is neither an approval nor a decline
/// ("say approve or decline"), a JSON decision other than approve/decline, or an `amount_cents`
/// that is not an integer above $0.00 and at most `max_amount`.
PROPOS_EXPORT ApprovalDecision parse_approval_decision(const std::string& decision,
                                                       Money max_amount = kDefaultMaxAmount);

/// @brief The decision as stored on the escalation (`Escalation::resolution`):
/// `{"decision":"approve"|"decline"}` plus `amount_cents`, `vendor_id` and `note` when set.
PROPOS_EXPORT Json approval_resolution(const ApprovalDecision& decision);

}  // namespace propos
