// Invoices: a vendor invoice recorded and reconciled (submit_invoice, the reconcile_invoice tool).
#include "ops.hpp"
#include "propos/workflows/invoice.hpp"
#include "tool_util.hpp"
#include "units.hpp"

namespace propos {
namespace {
using namespace std::chrono;
}  // namespace

std::vector<std::string> Invoices::tool_names() const { return unit_tool_names({"reconcile_invoice"}); }

void Invoices::handle(const Job& job) { unowned_job(*this, job); }

Invoice Invoices::submit(const OrgId& org, Invoice invoice) {
    check_invoice_amounts(invoice, services_.policy.max_amount);
    if (invoice.id.empty()) invoice.id = InvoiceId(new_id("inv"));
    return services_.store.write_result([&](Transaction& tx) {
        const auto now = services_.clock->now();
        const auto r = reconcile_invoice(tx, org, invoice, now);
        invoice.status = r.status;
        invoice.findings = r.findings;
        emit_event(tx, org, "invoice.reconciled", invoice.id.str(),
                   Json{{"invoice_id", invoice.id.str()}, {"number", invoice.number},
                        {"status", enum_name(r.status)}, {"findings", r.findings},
                        {"work_order_id", invoice.work_order_id ? invoice.work_order_id->str() : ""}},
                   now);
        if (r.status == InvoiceStatus::kBlocked || r.status == InvoiceStatus::kFlagged) {
            ops::raise(tx, org, "invoice_" + std::string(enum_name(r.status)), Severity::kMedium,
                       "Invoice " + invoice.number + " " + std::string(enum_name(r.status)) + ": " +
                           (r.findings.empty() ? std::string() : r.findings.front()),
                       invoice.work_order_id, Json{{"invoice_id", invoice.id.str()}, {"findings", r.findings}},
                       now, invoice.id.str());
        }
        return invoice;
    });
}

void register_invoice_tools(ToolRegistry& reg, const WorkflowServices& s) {
    using namespace tool_util;
    const WorkflowServices* sp = &s;
    (void)sp;
    reg.add({"reconcile_invoice",
             "Reconcile a vendor invoice against its work order, purchase order, bid and NTE.",
             schema({{"invoice", {{"type", "object"}}}}, {"invoice"}),
             [sp](ToolContext& ctx, const Json& args) {
                 Json j = args["invoice"];
                 if (!j.contains("id")) j["id"] = new_id("inv");
                 const auto inv = j.get<Invoice>();
                 try {
                     check_invoice_amounts(inv, sp->policy.max_amount);
                 } catch (const Error& e) {
                     return ToolResult::error(e.what());
                 }
                 const auto r = reconcile_invoice(ctx.tx, ctx.org, inv, ctx.now, {}, "agent");
                 return ToolResult::ok({{"invoice_id", inv.id.str()},
                                        {"status", enum_name(r.status)},
                                        {"approved_cents", r.approved_amount.in_cents()},
                                        {"findings", r.findings}});
             }});
}

}  // namespace propos
