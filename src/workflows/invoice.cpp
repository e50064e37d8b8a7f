#include "propos/workflows/invoice.hpp"

#include <algorithm>

namespace propos {

void check_invoice_amounts(const Invoice& invoice, Money max_amount) {
    check_amount(invoice.total, "invoice total", max_amount);
    for (std::size_t i = 0; i < invoice.lines.size(); ++i) {
        const auto field = "invoice lines[" + std::to_string(i) + "].";
        check_amount(invoice.lines[i].unit_price, field + "unit_price", max_amount);
        check_amount(invoice.lines[i].amount, field + "amount", max_amount);
    }
}

Reconciliation reconcile_invoice(Transaction& tx, const OrgId& org, Invoice invoice, Timestamp now,
                                 const InvoiceTolerance& tolerance, const std::string& actor) {
    if (invoice.id.empty()) throw Error(ErrorCode::kInvalidArgument, "invoice has no id");
    if (invoice.number.empty()) throw Error(ErrorCode::kInvalidArgument, "invoice has no number");
    if (invoice.vendor_id.empty()) throw Error(ErrorCode::kInvalidArgument, "invoice has no vendor");
    if (invoice.received_at == Timestamp{}) invoice.received_at = now;
    Reconciliation r;
    bool flagged = false;
    bool blocked = false;

    // Duplicate invoice number from the same vendor (another invoice id).
    for (const auto& other : tx.list<Invoice>(org, {.lookup = invoice.vendor_id.str() + "#" + invoice.number})) {
        if (other.id != invoice.id) {
            flagged = true;
            r.findings.push_back("duplicate invoice number " + invoice.number + " (already received as " +
                                 other.id.str() + ")");
            break;
        }
    }
    if (!tx.find<Vendor>(org, invoice.vendor_id.str())) {
        flagged = true;
        r.findings.push_back("unknown vendor " + invoice.vendor_id.str());
    }
    // Arithmetic.
    if (invoice.lines.empty()) {
        flagged = true;
        r.findings.push_back("the invoice has no lines");
    }
    for (size_t i = 0; i < invoice.lines.size(); ++i) {
        const auto& l = invoice.lines[i];
        const Money expect = l.unit_price * l.quantity;
        if (expect != l.amount) {
            flagged = true;
            r.findings.push_back("line " + std::to_string(i + 1) + " (" + l.description + "): " +
                                 std::to_string(l.quantity) + " x " + l.unit_price.to_string() + " = " +
                                 expect.to_string() + ", not " + l.amount.to_string());
        }
        if (l.quantity <= 0 || l.unit_price.in_cents() < 0) {
            flagged = true;
            r.findings.push_back("line " + std::to_string(i + 1) + " has a non-positive quantity or negative price");
        }
        r.lines_total += expect;
    }
    if (!invoice.lines.empty() && r.lines_total != invoice.total) {
        flagged = true;
        r.findings.push_back("lines add up to " + r.lines_total.to_string() + " but the total says " +
                             invoice.total.to_string());
    }
    // Match to the work order / PO / bid / NTE.
    std::optional<WorkOrder> wo;
    if (!invoice.work_order_id) {
        flagged = true;
        r.findings.push_back("no work order referenced");
    } else {
        wo = tx.find<WorkOrder>(org, invoice.work_order_id->str());
        if (!wo) {
            flagged = true;
            r.findings.push_back("unknown work order " + invoice.work_order_id->str());
        }
    }
    if (wo) {
        std::optional<PurchaseOrder> po;
        if (invoice.purchase_order_id) po = tx.find<PurchaseOrder>(org, invoice.purchase_order_id->str());
        if (!po && wo->purchase_order_id) po = tx.find<PurchaseOrder>(org, wo->purchase_order_id->str());
        std::string basis;
        if (po) {
            r.approved_amount = po->amount;
            basis = "purchase order " + po->number;
            invoice.purchase_order_id = po->id;
            if (po->vendor_id != invoice.vendor_id) {
                blocked = true;
                r.findings.push_back("vendor " + invoice.vendor_id.str() + " is not the vendor of " + basis +
                                     " (" + po->vendor_id.str() + ")");
            }
        } else if (wo->approved_amount.in_cents() > 0) {
            r.approved_amount = wo->approved_amount;
            basis = "the approved amount of " + wo->id.str();
        } else {
            r.approved_amount = wo->nte;
            basis = "the NTE of " + wo->id.str();
        }
        if (wo->vendor_id && *wo->vendor_id != invoice.vendor_id && !blocked) {
            blocked = true;
            r.findings.push_back("vendor " + invoice.vendor_id.str() + " was not dispatched to " + wo->id.str());
        }
        if (wo->status != WorkOrderStatus::kCompleted && wo->status != WorkOrderStatus::kInvoiced &&
            wo->status != WorkOrderStatus::kClosed && wo->status != WorkOrderStatus::kInProgress) {
            flagged = true;
            r.findings.push_back("work order " + wo->id.str() + " is " +
                                 std::string(enum_name(wo->status)) + ", not completed");
        }
        const Money tol = std::max(r.approved_amount.scaled_bp(tolerance.basis_points), tolerance.minimum);
        if (r.approved_amount.in_cents() > 0 && invoice.total > r.approved_amount + tol) {
            blocked = true;
            r.findings.push_back("total " + invoice.total.to_string() + " exceeds " + basis + " (" +
                                 r.approved_amount.to_string() + ") by " +
                                 (invoice.total - r.approved_amount).to_string() + ", more than the " +
                                 tol.to_string() + " tolerance");
        } else if (r.approved_amount.in_cents() > 0) {
            r.findings.push_back("total " + invoice.total.to_string() + " is within " + basis + " (" +
                                 r.approved_amount.to_string() + " + " + tol.to_string() + " tolerance)");
        }
    }
    r.status = flagged ? InvoiceStatus::kFlagged : blocked ? InvoiceStatus::kBlocked : InvoiceStatus::kApproved;
    if (flagged && blocked) r.status = InvoiceStatus::kBlocked;
    invoice.status = r.status;
    invoice.findings = r.findings;
    tx.put(org, invoice);
    if (r.status == InvoiceStatus::kApproved && wo) {
        if (wo->status == WorkOrderStatus::kCompleted) {
            wo->transition_to(WorkOrderStatus::kInvoiced, now, "invoice " + invoice.number + " approved");
        }
        if (wo->status == WorkOrderStatus::kInvoiced) {
            wo->next_action = "pay invoice " + invoice.number + " and close";
            wo->next_action_due = now + std::chrono::hours(24 * 7);
        }
        wo->updated_at = now;
        tx.put(org, *wo);
        if (auto v = tx.find<Vendor>(org, invoice.vendor_id.str())) {
            v->scorecard.total_billed += invoice.total;
            tx.put(org, *v);
        }
    }
    AuditEvent e;
    e.at = now;
    e.actor = actor;
    e.action = "invoice.reconciled";
    e.entity_kind = "invoice";
    e.entity_id = invoice.id.str();
    e.data = {{"number", invoice.number},
              {"vendor_id", invoice.vendor_id.str()},
              {"total_cents", invoice.total.in_cents()},
              {"approved_cents", r.approved_amount.in_cents()},
              {"status", enum_name(r.status)},
              {"findings", r.findings}};
    if (invoice.work_order_id) e.data["work_order_id"] = invoice.work_order_id->str();
    tx.append_audit(org, e);
    return r;
}

}  // namespace propos
