#include "propos/pms/appfolio.hpp"

#include <mutex>

#include "core/log.hpp"
#include "pms/jws.hpp"
#include "pms/pms_util.hpp"
#include "propos/core/time.hpp"

namespace propos::pms {
namespace {

constexpr std::string_view kSource = "appfolio";

WorkOrderStatus status_from(std::string_view pms) {
    const auto s = detail::lower(pms);
    if (s == "new" || s.empty()) return WorkOrderStatus::kNew;
    if (s == "estimate requested") return WorkOrderStatus::kAwaitingBids;
    if (s == "estimated") return WorkOrderStatus::kAwaitingApproval;
    if (s == "assigned") return WorkOrderStatus::kDispatched;
    if (s == "scheduled") return WorkOrderStatus::kScheduled;
    if (s == "waiting" || s == "in progress") return WorkOrderStatus::kInProgress;
    if (s == "work done" || s == "work completed") return WorkOrderStatus::kCompleted;
    if (s == "ready to bill") return WorkOrderStatus::kInvoiced;
    if (s.starts_with("completed")) return WorkOrderStatus::kClosed;
    if (s == "canceled" || s == "cancelled") return WorkOrderStatus::kCancelled;
    return WorkOrderStatus::kTriaged;
}

std::string status_to(WorkOrderStatus s) {
    switch (s) {
        case WorkOrderStatus::kNew:
        case WorkOrderStatus::kTriaged: return "New";
        case WorkOrderStatus::kAwaitingBids: return "Estimate Requested";
        case WorkOrderStatus::kAwaitingApproval: return "Estimated";
        case WorkOrderStatus::kDispatched: return "Assigned";
        case WorkOrderStatus::kScheduled:
        case WorkOrderStatus::kInProgress: return "Scheduled";
        case WorkOrderStatus::kCompleted: return "Work Done";
        case WorkOrderStatus::kInvoiced: return "Ready to Bill";
        case WorkOrderStatus::kClosed: return "Completed";
        case WorkOrderStatus::kCancelled: return "Canceled";
    }
    return "New";
}

}  // namespace

struct AppFolioAdapter::Impl {
    std::shared_ptr<HttpClient> http;
    AppFolioOptions options;
    mutable std::mutex mu;
    std::shared_ptr<const detail::RsaKeySet> keys;

    std::shared_ptr<const detail::RsaKeySet> key_set() const {
        std::lock_guard lock(mu);
        return keys;
    }

    HttpRequest request(std::string method, std::string url) const {
        HttpRequest req;
        req.method = std::move(method);
        req.url = std::move(url);
        req.basic_auth = options.client_id + ":" + options.client_secret;
        req.headers = {{"Accept", "application/json"}};
        if (!options.developer_id.empty()) req.headers.emplace_back("X-AppFolio-Developer-ID", options.developer_id);
        req.timeout = options.timeout;
        return req;
    }
};

AppFolioAdapter::AppFolioAdapter(std::shared_ptr<HttpClient> http, AppFolioOptions options)
    : impl_(std::make_unique<Impl>()) {
    if (!http) throw Error(ErrorCode::kInvalidArgument, "AppFolio adapter needs an HttpClient");
    if (options.base_url.empty() || options.client_id.empty() || options.client_secret.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "AppFolio adapter needs base_url, client_id and client_secret");
    }
    while (options.base_url.back() == '/') options.base_url.pop_back();
    impl_->http = std::move(http);
    if (!options.jwks_json.empty()) impl_->keys = detail::RsaKeySet::parse(options.jwks_json);
    impl_->options = std::move(options);
}

AppFolioAdapter::~AppFolioAdapter() = default;

void AppFolioAdapter::set_jwks(std::string_view jwks_json) {
    auto keys = detail::RsaKeySet::parse(jwks_json);
    std::lock_guard lock(impl_->mu);
    impl_->keys = std::move(keys);
}

void AppFolioAdapter::refresh_jwks() {
    HttpRequest req;
    req.method = "GET";
    req.url = impl_->options.jwks_url;
    req.headers = {{"Accept", "application/json"}};
    req.timeout = impl_->options.timeout;
    const auto resp = detail::call(*impl_->http, req, impl_->options.retry, impl_->options.sleeper, "AppFolio JWKS");
    set_jwks(resp.body);
}

PmsWebhookResult AppFolioAdapter::handle_webhook(std::string_view method, std::string_view /*url*/,
                                                 const HttpHeaders& headers, std::string_view body,
                                                 Timestamp now) {
    const auto& o = impl_->options;
    const std::string content_type = find_header(headers, "Content-Type");
    auto fail = [&](int status, ErrorCode code, std::string reason) {
        return detail::dead_letter(status, code, std::move(reason), kSource, content_type);
    };
    try {
        if (!detail::iequals(method, "POST")) return fail(405, ErrorCode::kInvalidArgument, "method not allowed (AppFolio POSTs)");
        if (body.size() > o.max_body_bytes) {
            return fail(413, ErrorCode::kResourceExhausted,
                        "body of " + std::to_string(body.size()) + " bytes exceeds the limit of " +
                            std::to_string(o.max_body_bytes) + " bytes");
        }
        if (detail::media_type(content_type) != "application/json") {
            return fail(415, ErrorCode::kInvalidArgument, "content type '" + content_type.substr(0, 80) + "' is not application/json");
        }
        if (o.verify_signature) {
            auto keys = impl_->key_set();
            if (!keys) return fail(500, ErrorCode::kFailedPrecondition, "AppFolio JWKS not configured: cannot verify X-JWS-Signature");
            const auto jws = find_header(headers, "X-JWS-Signature");
            if (jws.empty()) return fail(401, ErrorCode::kPermissionDenied, "missing X-JWS-Signature header");
            std::string why;
            if (!keys->verify_detached(jws, body, &why)) {
                return fail(403, ErrorCode::kPermissionDenied, "X-JWS-Signature rejected: " + why);
            }
        }
        Json j;
        try {
            j = parse_json(body, "AppFolio notification");
        } catch (const Error& e) {
            return fail(400, ErrorCode::kInvalidArgument, e.what());
        }
        if (!j.is_object()) return fail(400, ErrorCode::kInvalidArgument, "AppFolio notification is not a JSON object");
        const auto client_id = detail::text(j, {"client_id"});
        if (!o.client_id.empty() && !client_id.empty() && client_id != o.client_id) {
            return fail(403, ErrorCode::kPermissionDenied, "notification is for another AppFolio client_id");
        }
        const auto sent_at = detail::time(j, {"message_sent_at"});
        if (sent_at) {
            const auto age = now > *sent_at ? now - *sent_at : *sent_at - now;
            if (age > o.max_message_age) {
                return fail(403, ErrorCode::kPermissionDenied,
                            "message_sent_at is " + format_duration(std::chrono::duration_cast<Millis>(age)) +
                                " away from now, outside the " + format_duration(o.max_message_age) +
                                " window (replayed or delayed notification)");
            }
        }
        const auto topic = detail::text(j, {"topic"});
        const auto entity_id = detail::text(j, {"entity_id"});
        const auto event_id = detail::text(j, {"id"});
        if (topic.empty() || entity_id.empty()) {
            return fail(400, ErrorCode::kInvalidArgument, "AppFolio notification lacks topic or entity_id");
        }
        PmsWebhookResult r;
        r.source = std::string(kSource);
        r.content_type = content_type;
        r.http_status = 200;
        if (topic != "work_order_updates") {
            r.kind = PmsWebhookResult::Kind::kIgnored;
            r.warnings.push_back("untracked AppFolio topic '" + topic.substr(0, 60) + "'");
            return r;
        }
        PmsEvent e;
        e.system = std::string(kSource);
        e.topic = topic;
        e.entity = PmsEntityRef{std::string(kSource), PmsEntityKind::kWorkOrder, entity_id, client_id};
        e.sent_at = sent_at.value_or(now);
        e.occurred_at = detail::time(j, {"update_timestamp"}).value_or(e.sent_at);
        e.event_id = event_id.empty() ? entity_id + "@" + format_time(e.occurred_at) : event_id;
        e.raw = j;
        r.events.push_back(std::move(e));
        r.kind = PmsWebhookResult::Kind::kEvents;
        propos::detail::logger()->info("appfolio: work order {} changed (event {})", entity_id, r.events[0].event_id);
        return r;
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        return fail(400, ErrorCode::kInvalidArgument, std::string("unreadable AppFolio notification: ") + e.what());
    }
}

PmsWorkOrder AppFolioAdapter::normalize(const Json& r) {
    using detail::text;
    PmsWorkOrder w;
    w.ref.system = std::string(kSource);
    w.ref.kind = PmsEntityKind::kWorkOrder;
    w.ref.id = text(r, {"Id", "id", "work_order_id"});
    w.number = text(r, {"WorkOrderNumber", "work_order_number", "Number"});
    w.description = text(r, {"JobDescription", "job_description", "service_request_description", "Description"});
    w.title = text(r, {"Title", "title", "WorkOrderIssue", "work_order_issue"});
    if (w.title.empty()) w.title = w.description.substr(0, w.description.find('\n')).substr(0, 80);
    w.category = text(r, {"WorkOrderType", "work_order_type", "Category", "category"});
    w.pms_status = text(r, {"Status", "status"});
    w.status = status_from(w.pms_status);
    w.pms_priority = text(r, {"Priority", "priority"});
    w.priority = detail::priority_from(w.pms_priority);
    w.property_id = text(r, {"PropertyId", "property_id"});
    w.unit_id = text(r, {"UnitId", "unit_id"});
    w.tenant_id = text(r, {"RequestingTenantId", "requesting_tenant_id", "OccupancyId", "occupancy_id"});
    w.requester_name = text(r, {"RequestingTenant", "requesting_tenant", "PrimaryTenant", "primary_tenant"});
    w.requester_email = text(r, {"PrimaryTenantEmail", "primary_tenant_email"});
    w.requester_phone = text(r, {"PrimaryTenantPhoneNumber", "primary_tenant_phone_number"});
    w.vendor_id = text(r, {"VendorId", "vendor_id"});
    w.vendor_trade = text(r, {"VendorTrade", "vendor_trade"});
    w.entry_permitted = detail::boolean(r, {"PermissionToEnter", "permission_to_enter"});
    w.access_notes = text(r, {"Instructions", "instructions", "AccessNotes"});
    w.amount = detail::money(r, {"EstimateAmount", "estimate_amount", "Amount", "amount"});
    w.maintenance_limit = detail::money(r, {"MaintenanceLimit", "maintenance_limit"});
    w.created_at = detail::time(r, {"CreatedAt", "created_at"});
    w.updated_at = detail::time(r, {"LastUpdatedAt", "last_updated_at", "UpdatedAt"});
    w.scheduled_start = detail::time(r, {"ScheduledStart", "scheduled_start"});
    w.scheduled_end = detail::time(r, {"ScheduledEnd", "scheduled_end"});
    w.completed_at = detail::time(r, {"WorkCompletedOn", "work_completed_on", "CompletedOn", "completed_on"});
    w.raw = r;
    return w;
}

PmsWorkOrder AppFolioAdapter::fetch(const PmsEntityRef& ref) {
    if (ref.kind != PmsEntityKind::kWorkOrder) {
        throw Error(ErrorCode::kFailedPrecondition, "the AppFolio adapter fetches work orders only");
    }
    if (!detail::is_safe_id(ref.id)) throw Error(ErrorCode::kInvalidArgument, "malformed AppFolio work order id");
    const auto& o = impl_->options;
    auto req = impl_->request("GET", o.base_url + o.work_orders_path + "?filters%5BId%5D=" + detail::url_encode(ref.id));
    const auto resp = detail::call(*impl_->http, req, o.retry, o.sleeper, "AppFolio work order fetch");
    const auto j = detail::parse_answer(resp, "AppFolio work order fetch");
    const Json* record = nullptr;
    const Json* list = j.is_array() ? &j : (j.is_object() && j.contains("data") && j["data"].is_array() ? &j["data"] : nullptr);
    if (list) {
        for (const auto& x : *list) {
            if (detail::text(x, {"Id", "id", "work_order_id"}) == ref.id) record = &x;
        }
        if (!record && list->size() == 1) record = &(*list)[0];
    } else if (j.is_object()) {
        record = &j;
    }
    if (!record || !record->is_object()) {
        throw Error(ErrorCode::kNotFound, "AppFolio work order '" + ref.id + "' not found");
    }
    auto w = normalize(*record);
    w.ref.account = ref.account;
    if (w.ref.id.empty()) w.ref.id = ref.id;
    return w;
}

void AppFolioAdapter::push_update(const PmsWorkOrderUpdate& update) {
    if (update.ref.kind != PmsEntityKind::kWorkOrder) {
        throw Error(ErrorCode::kFailedPrecondition, "the AppFolio adapter updates work orders only");
    }
    if (!detail::is_safe_id(update.ref.id)) throw Error(ErrorCode::kInvalidArgument, "malformed AppFolio work order id");
    if (!update.status && update.note.empty()) return;
    const auto& o = impl_->options;
    Json body = Json::object();
    if (update.status) body["Status"] = status_to(*update.status);
    if (!update.note.empty()) body["StatusNotes"] = update.note;
    auto req = impl_->request("PATCH", o.base_url + o.work_orders_path + "/" + detail::url_encode(update.ref.id));
    req.headers.emplace_back("Content-Type", "application/json");
    req.body = body.dump();
    detail::call(*impl_->http, req, o.retry, o.sleeper, "AppFolio work order update");
    propos::detail::logger()->info("appfolio: work order {} updated", update.ref.id);
}

PmsPollResult AppFolioAdapter::poll(std::string_view, Timestamp) {
    throw Error(ErrorCode::kFailedPrecondition, "AppFolio notifies by webhook; polling is not supported");
}

}  // namespace propos::pms
