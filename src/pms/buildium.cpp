#include "propos/pms/buildium.hpp"

#include <charconv>
#include <chrono>

#include "core/log.hpp"
#include "pms/pms_util.hpp"
#include "propos/core/crypto.hpp"
#include "propos/core/time.hpp"

namespace propos::pms {
namespace {

constexpr std::string_view kSource = "buildium";

bool is_digits(std::string_view s) {
    return !s.empty() && s.size() <= 12 && s.find_first_not_of("0123456789") == std::string_view::npos;
}

WorkOrderStatus status_from(std::string_view s) {
    if (s == "New" || s == "Unknown" || s.empty()) return WorkOrderStatus::kNew;
    if (s == "InProgress") return WorkOrderStatus::kInProgress;
    if (s == "Completed") return WorkOrderStatus::kCompleted;
    if (s == "Closed") return WorkOrderStatus::kClosed;
    return WorkOrderStatus::kTriaged;  // Deferred
}

Priority priority_of(std::string_view s) {
    return s == "High" ? Priority::kUrgent : Priority::kRoutine;
}

std::optional<bool> entry_allowed(std::string_view s) {
    if (s == "Yes") return true;
    if (s == "No") return false;
    return std::nullopt;
}

}  // namespace

std::string compute_buildium_signature(std::string_view secret, std::string_view timestamp, std::string_view body) {
    std::string data;
    data.reserve(timestamp.size() + 1 + body.size());
    data.append(timestamp);
    data.push_back('.');
    data.append(body);
    return detail::base64_encode(detail::hmac_sha256(secret, data));
}

std::string BuildiumAdapter::task_status_for(WorkOrderStatus s) {
    switch (s) {
        case WorkOrderStatus::kNew: return "New";
        case WorkOrderStatus::kCompleted:
        case WorkOrderStatus::kInvoiced: return "Completed";
        case WorkOrderStatus::kClosed:
        case WorkOrderStatus::kCancelled: return "Closed";
        default: return "InProgress";
    }
}

struct BuildiumAdapter::Impl {
    std::shared_ptr<HttpClient> http;
    BuildiumOptions options;

    HttpRequest request(std::string method, const std::string& path) const {
        HttpRequest req;
        req.method = std::move(method);
        req.url = options.base_url + path;
        req.headers = {{"Accept", "application/json"},
                       {"x-buildium-client-id", options.client_id},
                       {"x-buildium-client-secret", options.client_secret}};
        req.timeout = options.timeout;
        return req;
    }
    Json get(const std::string& path, std::string_view what) const {
        const auto resp = detail::call(*http, request("GET", path), options.retry, options.sleeper, what);
        auto j = detail::parse_answer(resp, what);
        if (!j.is_object()) throw Error(ErrorCode::kInvalidArgument, std::string(what) + " answered no JSON object");
        return j;
    }
};

BuildiumAdapter::BuildiumAdapter(std::shared_ptr<HttpClient> http, BuildiumOptions options)
    : impl_(std::make_unique<Impl>()) {
    if (!http) throw Error(ErrorCode::kInvalidArgument, "Buildium adapter needs an HttpClient");
    if (options.client_id.empty() || options.client_secret.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "Buildium adapter needs client_id and client_secret");
    }
    while (!options.base_url.empty() && options.base_url.back() == '/') options.base_url.pop_back();
    impl_->http = std::move(http);
    impl_->options = std::move(options);
}

BuildiumAdapter::~BuildiumAdapter() = default;

PmsWebhookResult BuildiumAdapter::handle_webhook(std::string_view method, std::string_view /*url*/,
                                                 const HttpHeaders& headers, std::string_view body,
                                                 Timestamp now) {
    const auto& o = impl_->options;
    const std::string content_type = find_header(headers, "Content-Type");
    auto fail = [&](int status, ErrorCode code, std::string reason) {
        return detail::dead_letter(status, code, std::move(reason), kSource, content_type);
    };
    try {
        if (!detail::iequals(method, "POST")) return fail(405, ErrorCode::kInvalidArgument, "method not allowed (Buildium POSTs)");
        if (body.size() > o.max_body_bytes) {
            return fail(413, ErrorCode::kResourceExhausted,
                        "body of " + std::to_string(body.size()) + " bytes exceeds the limit of " +
                            std::to_string(o.max_body_bytes) + " bytes");
        }
        if (detail::media_type(content_type) != "application/json") {
            return fail(415, ErrorCode::kInvalidArgument, "content type '" + content_type.substr(0, 80) + "' is not application/json");
        }
        if (o.verify_signature) {
            if (o.webhook_secret.empty()) {
                return fail(500, ErrorCode::kFailedPrecondition, "Buildium webhook secret not configured: cannot verify signatures");
            }
            const auto signature = std::string(detail::trim(find_header(headers, o.signature_header)));
            const auto timestamp = std::string(detail::trim(find_header(headers, o.timestamp_header)));
            if (signature.empty() || timestamp.empty()) {
                return fail(401, ErrorCode::kPermissionDenied, "missing " + o.signature_header + " or " + o.timestamp_header + " header");
            }
            std::int64_t ts = 0;
            const auto res = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), ts);
            // Beyond what a Timestamp holds (year 2262) the conversion would overflow (issue 19).
            constexpr auto kMaxSeconds =
                std::chrono::duration_cast<std::chrono::seconds>(Timestamp::max().time_since_epoch()).count();
            if (res.ec != std::errc() || res.ptr != timestamp.data() + timestamp.size() || ts > kMaxSeconds ||
                ts < -kMaxSeconds) {
                return fail(403, ErrorCode::kPermissionDenied, "malformed webhook timestamp");
            }
            const auto sent = Timestamp(std::chrono::seconds(ts));
            const auto skew = now > sent ? now - sent : sent - now;
            if (skew > o.timestamp_tolerance) {
                return fail(403, ErrorCode::kPermissionDenied,
                            "webhook timestamp is " + format_duration(std::chrono::duration_cast<Millis>(skew)) +
                                " away from now, outside the " + format_duration(o.timestamp_tolerance) +
                                " tolerance (replayed or delayed request)");
            }
            if (!constant_time_equal(compute_buildium_signature(o.webhook_secret, timestamp, body), signature)) {
                return fail(403, ErrorCode::kPermissionDenied, "webhook signature does not match (check the signing secret)");
            }
        }
        Json j;
        try {
            j = parse_json(body, "Buildium notification");
        } catch (const Error& e) {
            return fail(400, ErrorCode::kInvalidArgument, e.what());
        }
        if (!j.is_object()) return fail(400, ErrorCode::kInvalidArgument, "Buildium notification is not a JSON object");
        const auto account = detail::text(j, {"AccountId"});
        if (!o.account_id.empty() && account != o.account_id) {
            return fail(403, ErrorCode::kPermissionDenied, "notification is for another Buildium account");
        }
        const auto event_name = detail::text(j, {"EventName", "EventType"});
        if (event_name.empty()) return fail(400, ErrorCode::kInvalidArgument, "Buildium notification lacks EventName");
        const auto lname = detail::lower(event_name);
        const auto task_type = detail::text(j, {"TaskType"});
        PmsEntityRef ref;
        ref.system = std::string(kSource);
        ref.account = account;
        PmsWebhookResult r;
        r.source = std::string(kSource);
        r.content_type = content_type;
        r.http_status = 200;
        if (lname.starts_with("workorder")) {
            ref.kind = PmsEntityKind::kWorkOrder;
            ref.id = detail::text(j, {"WorkOrderId", "EntityId"});
        } else if (lname.find("residentrequest") != std::string::npos || task_type == "ResidentRequest") {
            ref.kind = PmsEntityKind::kServiceRequest;
            ref.id = detail::text(j, {"TaskId", "ResidentRequestId", "EntityId"});
        } else {
            r.kind = PmsWebhookResult::Kind::kIgnored;
            r.warnings.push_back("untracked Buildium event '" + event_name.substr(0, 60) + "'");
            return r;
        }
        if (!is_digits(ref.id)) {
            return fail(400, ErrorCode::kInvalidArgument, "Buildium notification '" + event_name.substr(0, 60) + "' lacks a numeric entity id");
        }
        PmsEvent e;
        e.system = std::string(kSource);
        e.topic = event_name;
        e.entity = ref;
        e.occurred_at = detail::time(j, {"EventDateTime", "EventDate"}).value_or(now);
        e.sent_at = now;
        const auto id = detail::text(j, {"Id", "EventId"});
        e.event_id = id.empty() ? ref.id + "@" + format_time(e.occurred_at) : id;
        e.raw = j;
        r.events.push_back(std::move(e));
        r.kind = PmsWebhookResult::Kind::kEvents;
        propos::detail::logger()->info("buildium: {} {} ({})", to_string(ref.kind), ref.id, event_name);
        return r;
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        return fail(400, ErrorCode::kInvalidArgument, std::string("unreadable Buildium notification: ") + e.what());
    }
}

PmsWorkOrder BuildiumAdapter::normalize_resident_request(const Json& r) {
    using detail::text;
    PmsWorkOrder w;
    w.ref = PmsEntityRef{std::string(kSource), PmsEntityKind::kServiceRequest, text(r, {"Id"}), ""};
    w.title = text(r, {"Title"});
    w.description = text(r, {"Description"});
    w.category = detail::nested_text(r, "Category", "Name");
    if (r.contains("Category") && r["Category"].is_object()) {
        if (auto sub = detail::nested_text(r["Category"], "SubCategory", "Name"); !sub.empty()) {
            w.category += (w.category.empty() ? "" : " > ") + sub;
        }
    }
    w.pms_status = text(r, {"TaskStatus"});
    w.status = status_from(w.pms_status);
    w.pms_priority = text(r, {"Priority"});
    w.priority = priority_of(w.pms_priority);
    w.property_id = detail::nested_text(r, "Property", "Id");
    w.unit_id = text(r, {"UnitId"});
    if (r.contains("RequestedByUserEntity") && r["RequestedByUserEntity"].is_object()) {
        const auto& u = r["RequestedByUserEntity"];
        w.tenant_id = text(u, {"Id"});
        const auto first = text(u, {"FirstName"});
        const auto last = text(u, {"LastName"});
        w.requester_name = first + (first.empty() || last.empty() ? "" : " ") + last;
    }
    w.entry_permitted = detail::boolean(r, {"IsEntryPermittedByResident"});
    w.pets_present = detail::boolean(r, {"DoesResidentHavePets"});
    w.access_notes = text(r, {"ResidentEntryNotes"});
    w.due_at = detail::time(r, {"DueDate"});
    w.created_at = detail::time(r, {"CreatedDateTime"});
    w.updated_at = detail::time(r, {"LastUpdatedDateTime"});
    w.raw = r;
    return w;
}

PmsWorkOrder BuildiumAdapter::normalize_work_order(const Json& r) {
    using detail::text;
    PmsWorkOrder w;
    w.ref = PmsEntityRef{std::string(kSource), PmsEntityKind::kWorkOrder, text(r, {"Id"}), ""};
    w.title = text(r, {"Title"});
    w.description = text(r, {"WorkDetails"});
    w.pms_status = text(r, {"Status"});
    w.status = status_from(w.pms_status);
    w.pms_priority = text(r, {"Priority"});
    w.priority = priority_of(w.pms_priority);
    w.vendor_id = text(r, {"VendorId"});
    w.entry_permitted = entry_allowed(text(r, {"EntryAllowed"}));
    w.access_notes = text(r, {"EntryNotes"});
    w.amount = detail::money(r, {"Amount"});
    w.due_at = detail::time(r, {"DueDate"});
    w.number = text(r, {"InvoiceNumber"});
    if (r.contains("Task") && r["Task"].is_object()) {
        const auto& t = r["Task"];
        w.linked_id = text(t, {"Id"});
        w.unit_id = text(t, {"UnitId"});
        if (w.title.empty()) w.title = text(t, {"Title"});
    }
    w.raw = r;
    return w;
}

PmsWorkOrder BuildiumAdapter::fetch(const PmsEntityRef& ref) {
    if (!is_digits(ref.id)) throw Error(ErrorCode::kInvalidArgument, "Buildium ids are integers, got '" + ref.id.substr(0, 40) + "'");
    PmsWorkOrder w;
    if (ref.kind == PmsEntityKind::kServiceRequest) {
        w = normalize_resident_request(impl_->get("/v1/tasks/residentrequests/" + ref.id, "Buildium resident request fetch"));
    } else {
        w = normalize_work_order(impl_->get("/v1/workorders/" + ref.id, "Buildium work order fetch"));
    }
    w.ref.account = ref.account;
    if (w.ref.id.empty()) w.ref.id = ref.id;
    return w;
}

void BuildiumAdapter::push_update(const PmsWorkOrderUpdate& update) {
    if (!is_digits(update.ref.id)) throw Error(ErrorCode::kInvalidArgument, "Buildium ids are integers");
    if (!update.status && update.note.empty()) return;
    std::string request_id = update.ref.id;
    if (update.ref.kind == PmsEntityKind::kWorkOrder) {
        const auto wo = impl_->get("/v1/workorders/" + update.ref.id, "Buildium work order fetch");
        const auto task_id = wo.contains("Task") ? detail::text(wo["Task"], {"Id"}) : std::string();
        const auto task_type = wo.contains("Task") ? detail::text(wo["Task"], {"Type"}) : std::string();
        if (task_type != "ResidentRequest" || !is_digits(task_id)) {
            throw Error(ErrorCode::kFailedPrecondition,
                        "Buildium work order " + update.ref.id +
                            " does not belong to a resident request; its status cannot be pushed");
        }
        request_id = task_id;
    }
    const auto path = "/v1/tasks/residentrequests/" + request_id;
    const auto cur = impl_->get(path, "Buildium resident request fetch");
    // PUT replaces the record: send every writable field back as it is, changing only the status.
    Json body = Json::object();
    body["Title"] = detail::text(cur, {"Title"});
    if (auto d = detail::text(cur, {"Description"}); !d.empty()) body["Description"] = d;
    if (auto c = detail::nested_text(cur, "Category", "Id"); !c.empty()) body["CategoryId"] = std::stoll(c);
    if (cur.contains("Category") && cur["Category"].is_object()) {
        if (auto s = detail::nested_text(cur["Category"], "SubCategory", "Id"); !s.empty()) body["SubCategoryId"] = std::stoll(s);
    }
    if (auto a = detail::text(cur, {"AssignedToUserId"}); is_digits(a)) body["AssignedToUserId"] = std::stoll(a);
    body["TaskStatus"] = update.status ? task_status_for(*update.status) : detail::text(cur, {"TaskStatus"});
    body["Priority"] = detail::text(cur, {"Priority"}).empty() ? std::string("Normal") : detail::text(cur, {"Priority"});
    if (auto d = detail::text(cur, {"DueDate"}); !d.empty()) body["DueDate"] = d.substr(0, 10);
    for (const char* k : {"IsEntryPermittedByResident", "DoesResidentHavePets"}) {
        if (cur.contains(k) && cur[k].is_boolean()) body[k] = cur[k];
    }
    if (auto n = detail::text(cur, {"ResidentEntryNotes"}); !n.empty()) body["ResidentEntryNotes"] = n;
    if (!update.note.empty()) body["Message"] = update.note;
    auto req = impl_->request("PUT", path);
    req.headers.emplace_back("Content-Type", "application/json");
    req.body = body.dump();
    detail::call(*impl_->http, req, impl_->options.retry, impl_->options.sleeper, "Buildium resident request update");
    propos::detail::logger()->info("buildium: resident request {} updated", request_id);
}

PmsPollResult BuildiumAdapter::poll(std::string_view, Timestamp) {
    throw Error(ErrorCode::kFailedPrecondition, "Buildium notifies by webhook; polling is not supported");
}

}  // namespace propos::pms
