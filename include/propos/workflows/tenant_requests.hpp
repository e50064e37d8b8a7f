/// @file tenant_requests.hpp
/// @brief The owners of tenant messages that are not repairs: lease renewals, move-in, move-out,
/// payment questions, neighbor reports, general questions, requests for a person and messages kept
/// without a reply. `route_tenant_request` is called by the intake once `classify_intent` has named
/// an intent other than maintenance (docs/workflows.md "Intent routing").
///
/// Every owner ends in something a person can see: an answer built only from facts the host
/// provides, an acknowledgement with an escalation to staff, or (for `other`) a kept message with an
/// audit entry and a `message.kept` event. None of them invents a fact: a balance comes from the
/// host's ledger or not at all.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "propos/core/money.hpp"
#include "propos/export.hpp"
#include "propos/model/message.hpp"
#include "propos/model/portfolio.hpp"
#include "propos/store/store.hpp"
#include "propos/workflows/intent.hpp"

namespace propos {

struct WorkflowServices;

/// @brief What the host's ledger says about a tenant, for answering a payment question verbatim.
struct LedgerFacts {
    Money balance;                        ///< Owed now (zero: nothing owed; negative: a credit).
    std::optional<Timestamp> next_due;    ///< When the next charge is due, if known.
    std::optional<Money> next_amount;     ///< Its amount, if known.
    Timestamp as_of{};                    ///< When the ledger was read.
    std::string payment_instructions;     ///< How to pay (portal URL, address), if the host has them.
};

/// @brief Looks up a tenant's ledger in the host's system (a PMS, the host's own books). Returns
/// nullopt when it has no facts for this tenant; may throw (the question then goes to a person).
using LedgerLookup = std::function<std::optional<LedgerFacts>(const OrgId& org, const Tenant& tenant)>;

/// @brief What `route_tenant_request` did.
struct RouteOutcome {
    bool handled = false;     ///< False: the message is the maintenance workflow's after all.
    std::string action;       ///< "answered", "handed_off", "recorded", "kept", "escalated".
    std::optional<EscalationId> escalation;
};

/// @brief Handles a tenant's message whose intent is not maintenance, in one transaction with its
/// audit entry, events and outbound messages:
/// - renewal: the lease-renewal unit (`propos/workflows/renewal.hpp`) takes renewal messages
///   before routing (`Workflow::take_tenant_message`); one that reaches this call (a host without
///   that unit) gets an acknowledgement and a `renewal_request` escalation;
/// - move_in: an acknowledgement in the tenant's language and a `move_in_request` escalation. A
///   tenant with an open onboarding never gets here for move_in: the onboarding unit
///   (`onboarding.hpp`) takes the message first — it answers about checklist items and hands
///   anything else to a person with the onboarding's context;
/// - move_out: the notice recorded (audit `lease.move_out_notice`, a note on the unit), the
///   deposit-return deadline of the property's state when known (NY 14, CA 21, TX 30 days after
///   move-out), an acknowledgement that names it, and a `move_out_notice` escalation so staff offer
///   the inspection;
/// - payment: the host's ledger facts verbatim when `ledger` has them; otherwise an acknowledgement
///   and a `payment_question` escalation — never an invented balance;
/// - neighbor: the report recorded as a note on the unit, a policy reply, and a `neighbor_dispute`
///   escalation from the third report about the same unit within 30 days;
/// - question: the words of the organization's knowledge base when one article clearly answers it
///   (`answer_from_knowledge_base`; quoted with its source, audit `message.routed` with the article
///   and the matched words, event `question.answered`); otherwise an acknowledgement and a
///   `tenant_question` escalation;
/// - human: an acknowledgement and a `human_requested` escalation;
/// - other: no reply; an audit entry and a `message.kept` event keep it visible.
/// Whatever the owner, a legal threat raises a `legal_threat` escalation and harassment or
/// discrimination a `harassment_discrimination` one (high), as on the maintenance line.
/// A question, a request for a person or an unclear message in a thread with an open work order is
/// left to the maintenance workflow (`handled` false), as is an intent of maintenance.
PROPOS_EXPORT RouteOutcome route_tenant_request(const WorkflowServices& services, const OrgId& org,
                                                const Message& message, const Tenant& tenant,
                                                const IntentAssessment& intent);

/// @brief Days after move-out within which the deposit (or its itemized statement) must be returned
/// in `state` ("NY" 14, "CA" 21, "TX" 30; ../shared/reference/housing-rules.md §5); nullopt when
/// the state is not in the table.
PROPOS_EXPORT std::optional<int> deposit_return_days(const std::string& state);

}  // namespace propos
