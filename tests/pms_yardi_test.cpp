// Yardi: the polling adapter (cursor semantics, normalization), fetch and push-back over the
// JSON rendering of ItfServiceRequests, and a loopback poll.
#include <httplib.h>

#include <mutex>

#include "loopback_server.hpp"
#include "propos/pms/yardi.hpp"
#include "test_util.hpp"

namespace propos::pms {
namespace {

using propos::testing::expect_error;

class FakeHttp final : public HttpClient {
public:
    std::function<HttpResponse(const HttpRequest&)> handler;
    std::vector<HttpRequest> requests;
    HttpResponse send(const HttpRequest& request) override {
        requests.push_back(request);
        return handler(request);
    }
};

HttpResponse respond(int status, std::string body) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

Json record(const std::string& id, const std::string& modified, const std::string& status = "Open") {
    return Json{{"ServiceRequestId", id},
                {"PropertyId", "p100"},
                {"UnitCode", "4B"},
                {"TenantCode", "t0042"},
                {"RequestorName", "Maria Lopez"},
                {"RequestorPhoneNumber", "415-555-0123"},
                {"RequestorEmail", "maria@example.com"},
                {"ServiceRequestBriefDescription", "No heat"},
                {"ServiceRequestFullDescription", "Radiators cold since last night"},
                {"Category", "HVAC"},
                {"SubCategory", "Heating"},
                {"Priority", "Emergency"},
                {"CurrentStatus", status},
                {"HasPermissionToEnter", "Yes"},
                {"HasPets", false},
                {"ServiceRequestDate", "2026-01-04T22:00:00"},
                {"LastModifiedDate", modified}};
}

YardiOptions options() {
    YardiOptions o;
    o.base_url = "https://yardi.test/acme/webservices";
    o.username = "iface";
    o.password = "pw";
    o.server_name = "srv";
    o.database = "db";
    o.interface_entity = "PropOS";
    o.interface_license = "LIC";
    o.property_ids = {"p100"};
    o.sleeper = [](Millis) {};
    return o;
}

TEST(YardiNormalize, ServiceRequestFields) {
    const auto w = YardiAdapter::normalize(record("sr-1", "2026-01-05T08:00:00Z", "In Progress"));
    EXPECT_EQ(w.ref, (PmsEntityRef{"yardi", PmsEntityKind::kServiceRequest, "sr-1", "p100"}));
    EXPECT_EQ(w.title, "No heat");
    EXPECT_EQ(w.description, "Radiators cold since last night");
    EXPECT_EQ(w.category, "HVAC > Heating");
    EXPECT_EQ(w.status, WorkOrderStatus::kInProgress);
    EXPECT_EQ(w.priority, Priority::kEmergency);
    EXPECT_EQ(w.unit_id, "4B");
    EXPECT_EQ(w.tenant_id, "t0042");
    EXPECT_EQ(w.requester_phone, "415-555-0123");
    EXPECT_EQ(w.entry_permitted, true);
    EXPECT_EQ(w.pets_present, false);
    EXPECT_EQ(w.created_at, parse_time("2026-01-04T22:00:00Z"));  // no zone: UTC
    EXPECT_EQ(w.updated_at, parse_time("2026-01-05T08:00:00Z"));
    EXPECT_EQ(YardiAdapter::status_for(WorkOrderStatus::kCompleted), "Work Completed");
    EXPECT_EQ(YardiAdapter::status_for(WorkOrderStatus::kCancelled), "Canceled");
}

TEST(YardiPoll, CursorReturnsEachChangeOnce) {
    auto http = std::make_shared<FakeHttp>();
    Json answer{{"ServiceRequests", Json::array({record("sr-2", "2026-01-05T08:30:00Z"), record("sr-1", "2026-01-05T08:00:00Z"),
                                                 record("sr-3", "2026-01-05T08:30:00Z")})}};
    http->handler = [&](const HttpRequest&) { return respond(200, answer.dump()); };
    YardiAdapter a(http, options());
    EXPECT_EQ(a.system(), "yardi");
    const auto now = parse_time("2026-01-05T09:00:00Z");
    auto r = a.poll("", now);
    ASSERT_EQ(http->requests.size(), 1u);
    const auto& req = http->requests[0];
    EXPECT_EQ(req.method, "POST");
    EXPECT_EQ(req.url, "https://yardi.test/acme/webservices/ItfServiceRequests/GetServiceRequests");
    const auto body = Json::parse(req.body);
    EXPECT_EQ(body["YardiPropertyId"], "p100");
    EXPECT_EQ(body["FromDate"], "2025-12-29T09:00:00Z");  // 7 days back on the first poll
    EXPECT_EQ(body["UserName"], "iface");
    EXPECT_EQ(body["InterfaceLicense"], "LIC");
    ASSERT_EQ(r.items.size(), 3u);
    EXPECT_EQ(r.items[0].ref.id, "sr-1");  // oldest change first
    ASSERT_EQ(r.events.size(), 3u);
    EXPECT_EQ(r.events[0].event_id, "sr-1@2026-01-05T08:00:00Z");
    EXPECT_EQ(r.events[0].entity.kind, PmsEntityKind::kServiceRequest);

    // The server ignores FromDate and sends everything again, plus one new change: only that comes back.
    answer["ServiceRequests"].push_back(record("sr-1", "2026-01-05T09:05:00Z", "Scheduled"));
    auto r2 = a.poll(r.next_cursor, now + std::chrono::minutes(10));
    EXPECT_EQ(Json::parse(http->requests[1].body)["FromDate"], "2026-01-05T08:30:00Z");
    ASSERT_EQ(r2.items.size(), 1u);
    EXPECT_EQ(r2.items[0].status, WorkOrderStatus::kScheduled);
    // Nothing new: nothing returned, cursor kept.
    auto r3 = a.poll(r2.next_cursor, now + std::chrono::minutes(20));
    EXPECT_TRUE(r3.items.empty());
    EXPECT_EQ(r3.next_cursor, r2.next_cursor);
    expect_error([&] { a.poll("{broken", now); }, ErrorCode::kInvalidArgument, "malformed Yardi poll cursor");
    http->handler = [](const HttpRequest&) { return respond(200, R"({"Error":"bad license"})"); };
    expect_error([&] { a.poll("", now); }, ErrorCode::kInvalidArgument, "no ServiceRequests list");
    http->handler = [](const HttpRequest&) { return respond(500, ""); };
    expect_error([&] { a.poll("", now); }, ErrorCode::kUnavailable, "500");
}

TEST(YardiAdapterTest, FetchPushAndNoWebhooks) {
    auto http = std::make_shared<FakeHttp>();
    http->handler = [](const HttpRequest& r) {
        if (r.url.ends_with("/GetServiceRequest")) {
            return respond(200, Json{{"ServiceRequests", Json::array({record("sr-9", "2026-01-05T08:00:00Z")})}}.dump());
        }
        return respond(200, "");
    };
    YardiAdapter a(http, options());
    const auto w = a.fetch({"yardi", PmsEntityKind::kServiceRequest, "sr-9", "p100"});
    EXPECT_EQ(w.title, "No heat");
    EXPECT_EQ(Json::parse(http->requests[0].body)["ServiceRequestId"], "sr-9");
    expect_error([&] { a.fetch({"yardi", PmsEntityKind::kServiceRequest, "sr-0", ""}); }, ErrorCode::kNotFound, "not found");
    a.push_update({{"yardi", PmsEntityKind::kServiceRequest, "sr-9", "p100"}, WorkOrderStatus::kScheduled, "Tech booked 10am"});
    const auto body = Json::parse(http->requests.back().body);
    EXPECT_TRUE(http->requests.back().url.ends_with("/ItfServiceRequests/CreateOrEditServiceRequests"));
    EXPECT_EQ(body["ServiceRequests"][0], (Json{{"ServiceRequestId", "sr-9"}, {"CurrentStatus", "Scheduled"},
                                                {"StatusNotes", "Tech booked 10am"}}));
    const auto r = a.handle_webhook("POST", "https://x", {{"Content-Type", "application/json"}}, "{}", Timestamp{});
    EXPECT_EQ(r.kind, PmsWebhookResult::Kind::kDeadLetter);
    EXPECT_EQ(r.http_status, 404);
    EXPECT_NE(r.dead_letter_reason.find("no webhooks"), std::string::npos);
    auto no_props = options();
    no_props.property_ids.clear();
    expect_error([&] { YardiAdapter(http, no_props); }, ErrorCode::kInvalidArgument, "property id");
}

TEST(YardiLoopback, PollOverHttp) {
    propos::testing::LoopbackServer loop;
    auto& server = loop.server();
    std::mutex mu;
    int calls = 0;
    server.Post("/acme/ItfServiceRequests/GetServiceRequests", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(mu);
        ++calls;
        const auto body = Json::parse(req.body);
        Json list = Json::array();
        if (body["YardiPropertyId"] == "p100") list.push_back(record("sr-1", "2026-01-05T08:00:00Z"));
        if (body["YardiPropertyId"] == "p200") list.push_back(record("sr-7", "2026-01-05T07:00:00Z"));
        res.set_content(Json{{"ServiceRequests", list}}.dump(), "application/json");
    });
    const auto base = loop.start();
    PmsPollResult r;
    {
        auto o = options();
        o.base_url = base + "/acme";
        o.property_ids = {"p100", "p200"};
        YardiAdapter a(make_curl_http_client(), o);
        r = a.poll("", parse_time("2026-01-05T09:00:00Z"));
    }
    loop.stop();
    EXPECT_EQ(calls, 2);
    ASSERT_EQ(r.items.size(), 2u);
    EXPECT_EQ(r.items[0].ref.id, "sr-7");
    EXPECT_EQ(r.items[1].ref.id, "sr-1");
}

}  // namespace
}  // namespace propos::pms
