#include "propos/model/procurement.hpp"

namespace propos {

void to_json(Json& j, const Bid& v) {
    j = Json{{"id", v.id},
             {"work_order_id", v.work_order_id},
             {"vendor_id", v.vendor_id},
             {"status", v.status},
             {"amount", v.amount},
             {"earliest_start", v.earliest_start},
             {"notes", v.notes},
             {"requested_at", v.requested_at},
             {"received_at", v.received_at},
             {"due_at", v.due_at}};
}
void from_json(const Json& j, Bid& v) {
    FieldReader r(j, "bid");
    r.req("id", v.id);
    r.req("work_order_id", v.work_order_id);
    r.req("vendor_id", v.vendor_id);
    r.opt_enum("status", v.status);
    r.opt("amount", v.amount);
    r.opt("earliest_start", v.earliest_start);
    r.opt("notes", v.notes);
    r.opt("requested_at", v.requested_at);
    r.opt("received_at", v.received_at);
    r.opt("due_at", v.due_at);
}

void to_json(Json& j, const PurchaseOrder& v) {
    j = Json{{"id", v.id},
             {"number", v.number},
             {"work_order_id", v.work_order_id},
             {"vendor_id", v.vendor_id},
             {"amount", v.amount},
             {"bid_id", v.bid_id},
             {"status", v.status},
             {"issued_at", v.issued_at}};
}
void from_json(const Json& j, PurchaseOrder& v) {
    FieldReader r(j, "purchase order");
    r.req("id", v.id);
    r.opt("number", v.number);
    r.req("work_order_id", v.work_order_id);
    r.req("vendor_id", v.vendor_id);
    r.req("amount", v.amount);
    r.opt("bid_id", v.bid_id);
    r.opt_enum("status", v.status);
    r.opt("issued_at", v.issued_at);
}

void to_json(Json& j, const InvoiceLine& v) {
    j = Json{{"description", v.description},
             {"quantity", v.quantity},
             {"unit_price", v.unit_price},
             {"amount", v.amount}};
}
void from_json(const Json& j, InvoiceLine& v) {
    FieldReader r(j, "invoice line");
    r.req("description", v.description);
    r.opt("quantity", v.quantity);
    r.req("unit_price", v.unit_price);
    v.amount = v.unit_price * v.quantity;
    r.opt("amount", v.amount);
}

void to_json(Json& j, const Invoice& v) {
    j = Json{{"id", v.id},
             {"number", v.number},
             {"vendor_id", v.vendor_id},
             {"work_order_id", v.work_order_id},
             {"purchase_order_id", v.purchase_order_id},
             {"lines", v.lines},
             {"total", v.total},
             {"status", v.status},
             {"findings", v.findings},
             {"received_at", v.received_at}};
}
void from_json(const Json& j, Invoice& v) {
    FieldReader r(j, "invoice");
    r.req("id", v.id);
    r.req("number", v.number);
    r.req("vendor_id", v.vendor_id);
    r.opt("work_order_id", v.work_order_id);
    r.opt("purchase_order_id", v.purchase_order_id);
    r.opt("lines", v.lines);
    r.req("total", v.total);
    r.opt_enum("status", v.status);
    r.opt("findings", v.findings);
    r.opt("received_at", v.received_at);
}

}  // namespace propos
