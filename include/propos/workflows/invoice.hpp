/// @file invoice.hpp
/// @brief Invoice reconciliation: an invoice is matched to its work order, purchase order, accepted
/// bid and NTE; within tolerance it is approved, over the approved amount it is blocked, and
/// duplicates, unknown work orders and arithmetic errors are flagged — each with reasons.
#pragma once

#include <string>
#include <vector>

#include "propos/model/procurement.hpp"
#include "propos/store/store.hpp"

namespace propos {

/// @brief Tolerance over the approved amount. Defaults: 5% or $10, whichever is larger.
struct InvoiceTolerance {
    std::int64_t basis_points = 500;
    Money minimum = Money::dollars(10);
};

/// @brief The outcome, also written into the invoice (status, findings).
struct Reconciliation {
    InvoiceStatus status = InvoiceStatus::kReceived;
    Money approved_amount;  ///< What the invoice was checked against (0 when unknown).
    Money lines_total;
    std::vector<std::string> findings;
};

/// @brief Validates the money of an invoice that comes from a vendor: the total and each line's
/// unit price and amount must be above $0.00 and at most `max_amount` (see `check_amount`).
/// Throws `Error(kInvalidArgument)` naming the field, e.g. "invoice total must be more than $0.00
/// (got -$20.00)" or "invoice lines[0].amount must be at most $100,000.00 (...)".
PROPOS_EXPORT void check_invoice_amounts(const Invoice& invoice, Money max_amount = kDefaultMaxAmount);

/// @brief Reconciles `invoice` inside `tx` (organization `org`), stores it with the outcome, appends
/// the audit entry, and on approval moves the work order to invoiced and adds the total to the vendor's
/// scorecard. Status: kApproved; kBlocked (over the approved amount, vendor mismatch); kFlagged
/// (duplicate number, unknown work order, arithmetic errors, no lines). Throws `Error(kInvalidArgument)`
/// for an invoice without id, number or vendor.
PROPOS_EXPORT Reconciliation reconcile_invoice(Transaction& tx, const OrgId& org, Invoice invoice,
                                               Timestamp now, const InvoiceTolerance& tolerance = {},
                                               const std::string& actor = "system");

}  // namespace propos
