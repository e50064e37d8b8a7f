// Buildium: HMAC-signed thin notifications, resident request / work order fetch (schema field
// names), read-modify-write push-back, error mapping, and a loopback round trip.
#include <httplib.h>

#include <mutex>

#include "loopback_server.hpp"
#include "propos/pms/buildium.hpp"
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

const std::string kResidentRequest = R"({
  "Id": 321, "Category": {"Id": 4, "Name": "Plumbing", "SubCategory": {"Id": 41, "Name": "Leak"}},
  "Title": "Leak under sink", "Description": "Water pooling under the kitchen sink",
  "Property": {"Id": 12, "Type": "Rental", "Href": "..."}, "UnitId": 99,
  "UnitAgreement": {"Id": 555, "Type": "Lease"},
  "RequestedByUserEntity": {"Type": "RentalTenant", "Id": 7001, "FirstName": "Maria", "LastName": "Lopez"},
  "AssignedToUserId": 3, "TaskStatus": "New", "Priority": "High", "DueDate": "2026-01-07",
  "CreatedDateTime": "2026-01-05T13:02:00Z", "LastUpdatedDateTime": "2026-01-05T13:05:00Z",
  "IsEntryPermittedByResident": true, "DoesResidentHavePets": false, "ResidentEntryNotes": "Dog is friendly"})";

const std::string kWorkOrder = R"({
  "Id": 888, "Task": {"Id": 321, "Type": "ResidentRequest", "UnitId": 99, "Title": "Leak under sink", "Status": "InProgress"},
  "Title": "Fix sink leak", "DueDate": "2026-01-08", "Priority": "Normal", "Status": "InProgress",
  "WorkDetails": "Replace trap and washer", "InvoiceNumber": "INV-17", "ChargeableTo": "Owner",
  "EntryAllowed": "Yes", "EntryNotes": "Key in lockbox", "VendorId": 55, "VendorNotes": "",
  "BillTransactionId": null, "Amount": 185.5, "LineItems": []})";

class BuildiumTest : public ::testing::Test {
protected:
    std::shared_ptr<FakeHttp> http = std::make_shared<FakeHttp>();
    const Timestamp now = parse_time("2026-01-05T13:10:00Z");
    BuildiumOptions options() const {
        BuildiumOptions o;
        o.base_url = "https://api.buildium.test";
        o.client_id = "cid";
        o.client_secret = "csecret";
        o.webhook_secret = "whsec";
        o.account_id = "4242";
        o.sleeper = [](Millis) {};
        return o;
    }
    std::string ts(Timestamp t) const {
        return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count());
    }
    HttpHeaders headers(const std::string& body, Timestamp at) const {
        return {{"Content-Type", "application/json"},
                {"x-buildium-signature", compute_buildium_signature("whsec", ts(at), body)},
                {"x-buildium-timestamp", ts(at)}};
    }
};

TEST_F(BuildiumTest, SignatureFormat) {
    // base64(HMAC-SHA256("key", "1.x")), computed independently.
    EXPECT_EQ(compute_buildium_signature("key", "1", "x"), "/EkTxBp795Mmfio4TzJhyUNuws0Je9dF57DZkRP1EOw=");
}

TEST_F(BuildiumTest, NotificationsBecomeEvents) {
    BuildiumAdapter a(http, options());
    const std::string wo = R"({"Id":"evt-1","EventName":"WorkOrder.Updated","EventDateTime":"2026-01-05T13:09:00Z","AccountId":4242,"WorkOrderId":888})";
    auto r = a.handle_webhook("POST", "https://hooks/b", headers(wo, now), wo, now);
    ASSERT_EQ(r.kind, PmsWebhookResult::Kind::kEvents) << r.dead_letter_reason;
    EXPECT_EQ(r.events[0].entity, (PmsEntityRef{"buildium", PmsEntityKind::kWorkOrder, "888", "4242"}));
    EXPECT_EQ(r.events[0].event_id, "evt-1");
    EXPECT_EQ(r.events[0].occurred_at, parse_time("2026-01-05T13:09:00Z"));
    const std::string rr = R"({"EventName":"Task.Created","TaskType":"ResidentRequest","TaskId":321,"AccountId":4242,"EventDateTime":"2026-01-05T13:02:00"})";
    r = a.handle_webhook("POST", "https://hooks/b", headers(rr, now), rr, now);
    ASSERT_EQ(r.kind, PmsWebhookResult::Kind::kEvents) << r.dead_letter_reason;
    EXPECT_EQ(r.events[0].entity.kind, PmsEntityKind::kServiceRequest);
    EXPECT_EQ(r.events[0].entity.id, "321");
    EXPECT_EQ(r.events[0].event_id, "321@2026-01-05T13:02:00Z");
    const std::string lease = R"({"EventName":"Lease.Created","LeaseId":5,"AccountId":4242})";
    EXPECT_EQ(a.handle_webhook("POST", "u", headers(lease, now), lease, now).kind, PmsWebhookResult::Kind::kIgnored);
}

TEST_F(BuildiumTest, NotificationDeadLetters) {
    BuildiumAdapter a(http, options());
    const std::string wo = R"({"EventName":"WorkOrder.Created","AccountId":4242,"WorkOrderId":888})";
    auto check = [](const PmsWebhookResult& r, int status, const std::string& fragment) {
        EXPECT_EQ(r.kind, PmsWebhookResult::Kind::kDeadLetter);
        EXPECT_EQ(r.http_status, status);
        EXPECT_NE(r.dead_letter_reason.find(fragment), std::string::npos) << r.dead_letter_reason;
    };
    check(a.handle_webhook("POST", "u", {{"Content-Type", "application/json"}}, wo, now), 401, "missing");
    check(a.handle_webhook("POST", "u", headers(wo, now), wo + " ", now), 403, "does not match");
    check(a.handle_webhook("POST", "u", headers(wo, now - std::chrono::minutes(10)), wo, now), 403, "replayed");
    const std::string foreign = R"({"EventName":"WorkOrder.Created","AccountId":1,"WorkOrderId":888})";
    check(a.handle_webhook("POST", "u", headers(foreign, now), foreign, now), 403, "another Buildium account");
    const std::string bad_id = R"({"EventName":"WorkOrder.Created","AccountId":4242,"WorkOrderId":"../x"})";
    check(a.handle_webhook("POST", "u", headers(bad_id, now), bad_id, now), 400, "numeric entity id");
    auto unsigned_opts = options();
    unsigned_opts.webhook_secret.clear();
    BuildiumAdapter b(http, unsigned_opts);
    check(b.handle_webhook("POST", "u", headers(wo, now), wo, now), 500, "secret not configured");
}

TEST_F(BuildiumTest, FetchNormalizesSchemaFields) {
    http->handler = [](const HttpRequest& r) {
        if (r.url.ends_with("/v1/tasks/residentrequests/321")) return respond(200, kResidentRequest);
        if (r.url.ends_with("/v1/workorders/888")) return respond(200, kWorkOrder);
        return respond(404, R"({"UserMessage":"Not found"})");
    };
    BuildiumAdapter a(http, options());
    const auto rr = a.fetch({"buildium", PmsEntityKind::kServiceRequest, "321", "4242"});
    EXPECT_EQ(http->requests[0].method, "GET");
    EXPECT_EQ(find_header(http->requests[0].headers, "x-buildium-client-id"), "cid");
    EXPECT_EQ(find_header(http->requests[0].headers, "x-buildium-client-secret"), "csecret");
    EXPECT_EQ(rr.title, "Leak under sink");
    EXPECT_EQ(rr.category, "Plumbing > Leak");
    EXPECT_EQ(rr.status, WorkOrderStatus::kNew);
    EXPECT_EQ(rr.priority, Priority::kUrgent);
    EXPECT_EQ(rr.property_id, "12");
    EXPECT_EQ(rr.unit_id, "99");
    EXPECT_EQ(rr.tenant_id, "7001");
    EXPECT_EQ(rr.requester_name, "Maria Lopez");
    EXPECT_EQ(rr.entry_permitted, true);
    EXPECT_EQ(rr.pets_present, false);
    EXPECT_EQ(rr.access_notes, "Dog is friendly");
    EXPECT_EQ(rr.due_at, parse_time("2026-01-07"));
    EXPECT_EQ(rr.ref.account, "4242");
    const auto wo = a.fetch({"buildium", PmsEntityKind::kWorkOrder, "888", ""});
    EXPECT_EQ(wo.title, "Fix sink leak");
    EXPECT_EQ(wo.description, "Replace trap and washer");
    EXPECT_EQ(wo.status, WorkOrderStatus::kInProgress);
    EXPECT_EQ(wo.vendor_id, "55");
    EXPECT_EQ(wo.entry_permitted, true);
    EXPECT_EQ(wo.amount, Money::cents(18550));
    EXPECT_EQ(wo.linked_id, "321");
    EXPECT_EQ(wo.unit_id, "99");
    expect_error([&] { a.fetch({"buildium", PmsEntityKind::kWorkOrder, "1", ""}); }, ErrorCode::kNotFound, "HTTP 404: Not found");
    expect_error([&] { a.fetch({"buildium", PmsEntityKind::kWorkOrder, "abc", ""}); }, ErrorCode::kInvalidArgument, "integers");
    http->handler = [](const HttpRequest&) { return respond(503, ""); };
    expect_error([&] { a.fetch({"buildium", PmsEntityKind::kWorkOrder, "888", ""}); }, ErrorCode::kUnavailable, "503");
    http->handler = [](const HttpRequest&) { return respond(401, ""); };
    expect_error([&] { a.fetch({"buildium", PmsEntityKind::kWorkOrder, "888", ""}); }, ErrorCode::kPermissionDenied, "401");
}

TEST_F(BuildiumTest, PushUpdateReadsThenPutsTheWholeRequest) {
    http->handler = [](const HttpRequest& r) {
        if (r.method == "PUT") return respond(200, r.body);
        if (r.url.ends_with("/v1/tasks/residentrequests/321")) return respond(200, kResidentRequest);
        if (r.url.ends_with("/v1/workorders/888")) return respond(200, kWorkOrder);
        if (r.url.ends_with("/v1/workorders/889")) return respond(200, R"({"Id":889,"Task":{"Id":5,"Type":"Todo"}})");
        return respond(404, "");
    };
    BuildiumAdapter a(http, options());
    a.push_update({{"buildium", PmsEntityKind::kWorkOrder, "888", ""}, WorkOrderStatus::kCompleted, "Vendor replaced the trap"});
    ASSERT_EQ(http->requests.size(), 3u);
    EXPECT_TRUE(http->requests[0].url.ends_with("/v1/workorders/888"));
    EXPECT_TRUE(http->requests[1].url.ends_with("/v1/tasks/residentrequests/321"));
    const auto& put = http->requests[2];
    EXPECT_EQ(put.method, "PUT");
    EXPECT_TRUE(put.url.ends_with("/v1/tasks/residentrequests/321"));
    const auto body = Json::parse(put.body);
    EXPECT_EQ(body["TaskStatus"], "Completed");
    EXPECT_EQ(body["Message"], "Vendor replaced the trap");
    EXPECT_EQ(body["Title"], "Leak under sink");
    EXPECT_EQ(body["CategoryId"], 4);
    EXPECT_EQ(body["SubCategoryId"], 41);
    EXPECT_EQ(body["Priority"], "High");
    EXPECT_EQ(body["AssignedToUserId"], 3);
    EXPECT_EQ(body["DueDate"], "2026-01-07");
    EXPECT_EQ(body["IsEntryPermittedByResident"], true);
    EXPECT_EQ(body["ResidentEntryNotes"], "Dog is friendly");
    expect_error([&] { a.push_update({{"buildium", PmsEntityKind::kWorkOrder, "889", ""}, WorkOrderStatus::kClosed, ""}); },
                 ErrorCode::kFailedPrecondition, "does not belong to a resident request");
    EXPECT_EQ(BuildiumAdapter::task_status_for(WorkOrderStatus::kDispatched), "InProgress");
    EXPECT_EQ(BuildiumAdapter::task_status_for(WorkOrderStatus::kCancelled), "Closed");
    expect_error([&] { a.poll("", now); }, ErrorCode::kFailedPrecondition, "webhook");
}

TEST(BuildiumLoopback, FetchOverHttp) {
    propos::testing::LoopbackServer loop;
    auto& server = loop.server();
    std::mutex mu;
    std::string client_id;
    server.Get(R"(/v1/tasks/residentrequests/(\d+))", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(mu);
        client_id = req.get_header_value("x-buildium-client-id");
        res.set_content(kResidentRequest, "application/json");
    });
    const auto base = loop.start();
    {
        BuildiumOptions o;
        o.base_url = base;
        o.client_id = "cid";
        o.client_secret = "cs";
        BuildiumAdapter a(make_curl_http_client(), o);
        EXPECT_EQ(a.fetch({"buildium", PmsEntityKind::kServiceRequest, "321", ""}).title, "Leak under sink");
    }
    loop.stop();
    std::lock_guard lock(mu);
    EXPECT_EQ(client_id, "cid");
}

}  // namespace
}  // namespace propos::pms
