#include "propos/pms/yardi.hpp"

#include <algorithm>
#include <set>

#include "core/log.hpp"
#include "pms/pms_util.hpp"
#include "propos/core/time.hpp"

namespace propos::pms {
namespace {

constexpr std::string_view kSource = "yardi";

WorkOrderStatus status_from(std::string_view pms) {
    const auto s = detail::lower(pms);
    if (s.empty() || s == "open" || s == "new" || s == "web" || s == "call") return WorkOrderStatus::kNew;
    if (s == "assessment" || s == "on hold" || s == "request reassignment") return WorkOrderStatus::kTriaged;
    if (s == "scheduled") return WorkOrderStatus::kScheduled;
    if (s == "in progress") return WorkOrderStatus::kInProgress;
    if (s == "work completed") return WorkOrderStatus::kCompleted;
    if (s == "completed" || s == "closed") return WorkOrderStatus::kClosed;
    if (s == "canceled" || s == "cancelled") return WorkOrderStatus::kCancelled;
    return WorkOrderStatus::kTriaged;
}

const Json* records_of(const Json& j) {
    if (j.is_array()) return &j;
    if (j.is_object()) {
        for (const char* k : {"ServiceRequests", "ServiceRequest", "data"}) {
            if (auto it = j.find(k); it != j.end() && it->is_array()) return &*it;
        }
    }
    return nullptr;
}

}  // namespace

std::string YardiAdapter::status_for(WorkOrderStatus s) {
    switch (s) {
        case WorkOrderStatus::kNew:
        case WorkOrderStatus::kTriaged: return "Open";
        case WorkOrderStatus::kAwaitingBids:
        case WorkOrderStatus::kAwaitingApproval: return "On Hold";
        case WorkOrderStatus::kDispatched:
        case WorkOrderStatus::kScheduled: return "Scheduled";
        case WorkOrderStatus::kInProgress: return "In Progress";
        case WorkOrderStatus::kCompleted:
        case WorkOrderStatus::kInvoiced: return "Work Completed";
        case WorkOrderStatus::kClosed: return "Completed";
        case WorkOrderStatus::kCancelled: return "Canceled";
    }
    return "Open";
}

struct YardiAdapter::Impl {
    std::shared_ptr<HttpClient> http;
    YardiOptions options;

    Json post(const std::string& path, Json body, std::string_view what) const {
        body["UserName"] = options.username;
        body["Password"] = options.password;
        body["ServerName"] = options.server_name;
        body["Database"] = options.database;
        body["Platform"] = options.platform;
        body["InterfaceEntity"] = options.interface_entity;
        body["InterfaceLicense"] = options.interface_license;
        HttpRequest req;
        req.method = "POST";
        req.url = options.base_url + path;
        req.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
        req.body = body.dump();
        req.timeout = options.timeout;
        const auto resp = detail::call(*http, req, options.retry, options.sleeper, what);
        if (resp.body.empty()) return Json::object();
        return detail::parse_answer(resp, what);
    }
};

YardiAdapter::YardiAdapter(std::shared_ptr<HttpClient> http, YardiOptions options) : impl_(std::make_unique<Impl>()) {
    if (!http) throw Error(ErrorCode::kInvalidArgument, "Yardi adapter needs an HttpClient");
    if (options.base_url.empty() || options.username.empty() || options.password.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "Yardi adapter needs base_url, username and password");
    }
    if (options.property_ids.empty()) throw Error(ErrorCode::kInvalidArgument, "Yardi adapter needs at least one property id");
    while (options.base_url.back() == '/') options.base_url.pop_back();
    impl_->http = std::move(http);
    impl_->options = std::move(options);
}

YardiAdapter::~YardiAdapter() = default;

PmsWebhookResult YardiAdapter::handle_webhook(std::string_view, std::string_view, const HttpHeaders& headers,
                                              std::string_view, Timestamp) {
    return detail::dead_letter(404, ErrorCode::kFailedPrecondition,
                               "Yardi has no webhooks: service requests are polled (YardiAdapter::poll)", kSource,
                               find_header(headers, "Content-Type"));
}

PmsWorkOrder YardiAdapter::normalize(const Json& r) {
    using detail::text;
    PmsWorkOrder w;
    w.ref = PmsEntityRef{std::string(kSource), PmsEntityKind::kServiceRequest, text(r, {"ServiceRequestId", "Id"}),
                         text(r, {"PropertyId", "PropertyCode", "YardiPropertyId"})};
    w.title = text(r, {"ServiceRequestBriefDescription", "BriefDescription"});
    w.description = text(r, {"ServiceRequestFullDescription", "FullDescription", "ProblemDescriptionNotes"});
    if (w.title.empty()) w.title = w.description.substr(0, w.description.find('\n')).substr(0, 80);
    w.category = text(r, {"Category"});
    if (auto sub = text(r, {"SubCategory"}); !sub.empty()) w.category += (w.category.empty() ? "" : " > ") + sub;
    w.pms_status = text(r, {"CurrentStatus", "Status"});
    w.status = status_from(w.pms_status);
    w.pms_priority = text(r, {"Priority"});
    w.priority = detail::priority_from(w.pms_priority);
    w.property_id = w.ref.account;
    w.unit_id = text(r, {"UnitId", "UnitCode"});
    w.tenant_id = text(r, {"TenantCode", "TenantId"});
    w.requester_name = text(r, {"RequestorName"});
    w.requester_phone = text(r, {"RequestorPhoneNumber"});
    w.requester_email = text(r, {"RequestorEmail"});
    w.vendor_id = text(r, {"VendorId", "AssignedVendor"});
    w.entry_permitted = detail::boolean(r, {"HasPermissionToEnter", "PermissionToEnter"});
    w.pets_present = detail::boolean(r, {"HasPets", "PetsInUnit"});
    w.access_notes = text(r, {"AccessNotes"});
    w.amount = detail::money(r, {"EstimatedCost", "Cost"});
    w.created_at = detail::time(r, {"ServiceRequestDate", "CreatedDate"});
    w.updated_at = detail::time(r, {"LastModifiedDate", "UpdateDate", "UpdatedDate"});
    w.due_at = detail::time(r, {"DueDate"});
    w.scheduled_start = detail::time(r, {"ScheduledDate", "ScheduleDate"});
    w.completed_at = detail::time(r, {"CompletedDate", "CompleteDate"});
    w.raw = r;
    return w;
}

PmsWorkOrder YardiAdapter::fetch(const PmsEntityRef& ref) {
    if (ref.kind != PmsEntityKind::kServiceRequest) {
        throw Error(ErrorCode::kFailedPrecondition, "the Yardi adapter fetches service requests only");
    }
    if (!detail::is_safe_id(ref.id)) throw Error(ErrorCode::kInvalidArgument, "malformed Yardi service request id");
    const auto& o = impl_->options;
    Json body{{"YardiPropertyId", ref.account.empty() ? o.property_ids.front() : ref.account},
              {"ServiceRequestId", ref.id}};
    const auto j = impl_->post(o.get_path, std::move(body), "Yardi service request fetch");
    const Json* record = nullptr;
    if (const Json* list = records_of(j)) {
        for (const auto& x : *list) {
            if (detail::text(x, {"ServiceRequestId", "Id"}) == ref.id) record = &x;
        }
    } else if (j.is_object() && detail::text(j, {"ServiceRequestId", "Id"}) == ref.id) {
        record = &j;
    }
    if (!record) throw Error(ErrorCode::kNotFound, "Yardi service request '" + ref.id + "' not found");
    auto w = normalize(*record);
    if (w.ref.account.empty()) w.ref.account = ref.account;
    return w;
}

void YardiAdapter::push_update(const PmsWorkOrderUpdate& update) {
    if (!detail::is_safe_id(update.ref.id)) throw Error(ErrorCode::kInvalidArgument, "malformed Yardi service request id");
    if (!update.status && update.note.empty()) return;
    const auto& o = impl_->options;
    Json sr{{"ServiceRequestId", update.ref.id}};
    if (update.status) sr["CurrentStatus"] = status_for(*update.status);
    if (!update.note.empty()) sr["StatusNotes"] = update.note;
    Json body{{"YardiPropertyId", update.ref.account.empty() ? o.property_ids.front() : update.ref.account},
              {"ServiceRequests", Json::array({sr})}};
    impl_->post(o.update_path, std::move(body), "Yardi service request update");
    propos::detail::logger()->info("yardi: service request {} updated", update.ref.id);
}

PmsPollResult YardiAdapter::poll(std::string_view cursor, Timestamp now) {
    const auto& o = impl_->options;
    Timestamp since = now - o.first_poll_lookback;
    std::set<std::string> seen;
    if (!cursor.empty()) {
        try {
            const auto c = Json::parse(cursor);
            since = parse_time(c.at("since").get<std::string>());
            for (const auto& s : c.at("seen")) seen.insert(s.get<std::string>());
        } catch (const std::exception&) {
            throw Error(ErrorCode::kInvalidArgument, "malformed Yardi poll cursor (pass \"\" to start over)");
        }
    }
    std::vector<std::pair<Timestamp, PmsWorkOrder>> items;
    std::set<std::string> taken;
    for (const auto& property : o.property_ids) {
        Json body{{"YardiPropertyId", property}, {"FromDate", format_time(since)}};
        const auto j = impl_->post(o.search_path, std::move(body), "Yardi service request search");
        const Json* list = records_of(j);
        if (!list) throw Error(ErrorCode::kInvalidArgument, "Yardi service request search answered no ServiceRequests list");
        for (const auto& rec : *list) {
            if (!rec.is_object()) continue;
            auto w = normalize(rec);
            if (w.ref.id.empty()) continue;
            if (w.ref.account.empty()) w.ref.account = property;
            const Timestamp changed = w.updated_at.value_or(w.created_at.value_or(since));
            if (changed < since) continue;                        // the server ignored FromDate
            if (changed == since && seen.count(w.ref.id)) continue;  // already returned at the cursor
            if (!taken.insert(w.ref.account + "/" + w.ref.id).second) continue;
            items.emplace_back(changed, std::move(w));
        }
    }
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    PmsPollResult out;
    Timestamp newest = since;
    std::set<std::string> newest_ids = seen;
    for (auto& [changed, w] : items) {
        if (changed > newest) {
            newest = changed;
            newest_ids.clear();
        }
        if (changed == newest) newest_ids.insert(w.ref.id);
        PmsEvent e;
        e.system = std::string(kSource);
        e.topic = "service_request.changed";
        e.entity = w.ref;
        e.occurred_at = changed;
        e.sent_at = now;
        e.event_id = w.ref.id + "@" + format_time(changed);
        e.raw = Json{{"ServiceRequestId", w.ref.id}, {"YardiPropertyId", w.ref.account}, {"changed", format_time(changed)}};
        out.events.push_back(std::move(e));
        out.items.push_back(std::move(w));
    }
    Json next{{"since", format_time(newest)}, {"seen", Json::array()}};
    for (const auto& id : newest_ids) next["seen"].push_back(id);
    out.next_cursor = next.dump();
    propos::detail::logger()->info("yardi: poll found {} changed service request(s)", out.items.size());
    return out;
}

}  // namespace propos::pms
