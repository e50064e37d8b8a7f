// End to end over real HTTP on 127.0.0.1: the example webhook server (examples/webhook_server) on a
// Coordinator with a seeded portfolio; requests signed exactly as Twilio and SendGrid sign them;
// replies delivered through the real Twilio client to a fake Twilio API on loopback.
#include <gtest/gtest.h>

#if __has_include("webhook_server.hpp")

#include <httplib.h>

#include <mutex>
#include <thread>

#include "loopback_server.hpp"
#include "propos/propos.hpp"
#include "test_util.hpp"
#include "webhook_server.hpp"
#include "webhook_signing.hpp"

namespace propos {
namespace {

using namespace std::chrono_literals;
using propos::testing::EcKey;
using propos::testing::form_body;
using propos::testing::TempDir;
using Fields = std::vector<std::pair<std::string, std::string>>;

const std::string kToken = "e2e-twilio-token";
const std::string kPublic = "https://hooks.acme.test";

Json seed() {
    return parse_json(R"({"organizations":[{
      "organization":{"id":"acme","name":"Acme PM","timezone":"America/New_York"},
      "properties":[{"id":"p1","name":"Birch Hall","address":"9 Birch Rd","city":"New York","state":"NY",
                     "postal_code":"10003","nte_limit":50000,"emergency_nte_limit":150000,
                     "owner_approval_threshold":250000}],
      "units":[{"id":"u1","property_id":"p1","label":"5A"}],
      "tenants":[{"id":"t1","unit_id":"u1","name":"Lena Park","phone":"+13105550111","email":"lena@example.com"}],
      "vendors":[{"id":"v1","name":"Quick Plumbing","trades":["plumbing","water_leak"],"service_area":["10003"],
                  "phone":"+13105550222","hourly_rate":9000,"callout_fee":4000,"after_hours":true,
                  "insurance_expires":"2027-01-01T00:00:00Z"}]}]})",
                      "seed portfolio");
}

class WebhookServerTest : public ::testing::Test {
protected:
    void SetUp() override {
        // The fake Twilio Messages API the replies go to.
        twilio_api.server().Post(
            R"(/2010-04-01/Accounts/AC9/Messages\.json)",
            [this](const httplib::Request& req, httplib::Response& res) {
                std::lock_guard lock(mu);
                sent.push_back(req.body);
                res.status = 201;
                res.set_content(
                    R"({"sid":"SMout)" + std::to_string(sent.size()) + R"(","status":"queued"})",
                    "application/json");
            });
        channels::TwilioOptions t;
        t.account_sid = "AC9";
        t.auth_token = kToken;
        t.from = "+13105550100";
        t.base_url = twilio_api.start();
        t.sleeper = [](Millis) {};

        store = std::shared_ptr<Store>(open_sqlite_store(dir.file("server.db")));
        import_portfolio(*store, seed(), clock->now());
        IntegrationConfig cfg;
        cfg.public_base_url = kPublic;
        cfg.twilio.auth_token = kToken;
        cfg.twilio.account_sid = "AC9";
        cfg.twilio.our_numbers = {"+13105550100"};
        cfg.sendgrid_events.public_key = key.public_b64();
        CoordinatorOptions o;
        o.store = store;
        o.clock = clock;
        o.integrations.defaults = cfg;
        o.deliverers[Channel::kSms] = make_channel_deliverer(
            channels::make_twilio_channel(make_curl_http_client(), t), {.store = store});
        coordinator = std::make_unique<Coordinator>(std::move(o));
    }
    void TearDown() override {
        if (server) server->stop();
        twilio_api.stop();
    }
    void serve(bool worker) {
        server = std::make_unique<examples::WebhookServer>(
            *coordinator,
            examples::WebhookServerOptions{.port = 0, .default_org = "acme", .run_worker = worker});
        server->start();
        client = std::make_unique<httplib::Client>(server->url());
    }
    httplib::Result post_sms(const Fields& fields, const std::string& signature = "") {
        const std::string path = "/twilio/sms?org=acme";
        const auto sig = signature.empty()
                             ? channels::compute_twilio_signature(kPublic + path, kToken,
                                                                  {fields.begin(), fields.end()})
                             : signature;
        return client->Post(path, {{"X-Twilio-Signature", sig}}, form_body(fields),
                            "application/x-www-form-urlencoded");
    }
    Fields sms(const std::string& sid, const std::string& text) {
        return {{"MessageSid", sid},    {"AccountSid", "AC9"}, {"From", "+13105550111"},
                {"To", "+13105550100"}, {"Body", text},        {"NumMedia", "0"}};
    }
    OrgId org{"acme"};
    // A Monday, 10:00 in New York: outside quiet hours, so replies go out at once.
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(parse_time("2026-01-05T15:00:00Z"));
    TempDir dir;
    EcKey key;
    propos::testing::LoopbackServer twilio_api;
    std::mutex mu;
    std::vector<std::string> sent;
    std::shared_ptr<Store> store;
    std::unique_ptr<Coordinator> coordinator;
    std::unique_ptr<examples::WebhookServer> server;
    std::unique_ptr<httplib::Client> client;
};

TEST_F(WebhookServerTest, SmsBecomesAWorkOrderWithAReplyAndAVerifiedAuditTrail) {
    serve(false);
    auto r = post_sms(sms("SM1", "Water is leaking from the ceiling in my bathroom"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "text/xml");
    EXPECT_NE(r->body.find("<Response>"), std::string::npos);
    // Twilio retries (e.g. our answer was slow): acknowledged, not ingested twice.
    r = post_sms(sms("SM1", "Water is leaking from the ceiling in my bathroom"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);

    coordinator->run_until_idle();
    const auto wos = coordinator->work_orders(org);
    ASSERT_EQ(wos.size(), 1u);
    EXPECT_EQ(wos[0].category, "water_leak");
    std::size_t inbound = 0;
    store->read([&](Transaction& tx) {
        for (const auto& m : tx.list<Message>(org)) inbound += m.direction == Direction::kInbound;
    });
    EXPECT_EQ(inbound, 1u);
    // The reply to the tenant is in the outbox and went out through the (fake) Twilio API.
    bool reply = false;
    for (const auto& m : coordinator->outbox(org)) {
        if (m.to == "+13105550111") {
            reply = true;
            EXPECT_EQ(m.status, DeliveryStatus::kSent);
            EXPECT_TRUE(m.provider_message_id.starts_with("SMout"));
        }
    }
    EXPECT_TRUE(reply);
    {
        std::lock_guard lock(mu);
        bool to_tenant = false;
        for (const auto& body : sent)
            to_tenant |= body.find("To=%2B13105550111") != std::string::npos;
        EXPECT_TRUE(to_tenant);
    }
    const auto audit = coordinator->verify_audit(org);
    EXPECT_TRUE(audit.ok) << audit.problem;
    EXPECT_GT(audit.entries, 3);
}

TEST_F(WebhookServerTest, BadSignatureOversizedBodyAndUnknownRoutesAreRefused) {
    serve(false);
    auto r = post_sms(sms("SM2", "hello"), "bm90IGEgc2lnbmF0dXJlIGF0IGFsbA==");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
    const auto dead =
        store->read_result([&](Transaction& tx) { return tx.list_raw_payloads(org, "dead", 0); });
    ASSERT_EQ(dead.size(), 1u);
    EXPECT_EQ(dead[0].body, form_body(sms("SM2", "hello")));  // the raw payload is kept
    EXPECT_NE(dead[0].error.find("X-Twilio-Signature"), std::string::npos);

    r = post_sms(sms("SM3", std::string(300 * 1024, 'a')));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
    r = client->Post("/pms/appfolio?org=acme", "{}", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
    r = client->Post("/twilio/sms?org=nobody", form_body(sms("SM4", "hi")),
                     "application/x-www-form-urlencoded");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
    r = client->Get("/healthz");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    store->read([&](Transaction& tx) { EXPECT_TRUE(tx.list<Message>(org).empty()); });
}

TEST_F(WebhookServerTest, SendGridEventsUpdateTheDeliveredReply) {
    serve(false);
    ASSERT_EQ(post_sms(sms("SM5", "The kitchen faucet drips all night"))->status, 200);
    coordinator->run_until_idle();
    // Pretend the reply went by email (SendGrid) and report it delivered, signed with our key.
    Message reply;
    for (const auto& m : coordinator->outbox(org)) {
        if (m.to == "+13105550111") reply = m;
    }
    ASSERT_FALSE(reply.id.empty());
    const auto ts = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(clock->now().time_since_epoch()).count());
    const auto body = Json::array({Json{{"email", "lena@example.com"},
                                        {"event", "delivered"},
                                        {"sg_event_id", "ev-1"},
                                        {"sg_message_id", "sg-unknown.1"},
                                        {"propos_key", reply.id.str()}}})
                          .dump();
    const httplib::Headers headers{
        {"X-Twilio-Email-Event-Webhook-Signature", key.sign_b64(ts + body)},
        {"X-Twilio-Email-Event-Webhook-Timestamp", ts}};
    auto r = client->Post("/sendgrid/events?org=acme", headers, body, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
    const auto updated =
        store->read_result([&](Transaction& tx) { return tx.get<Message>(org, reply.id.str()); });
    EXPECT_EQ(updated.status, DeliveryStatus::kDelivered);
    // The same request replayed later than the tolerance is refused.
    const httplib::Headers stale{
        {"X-Twilio-Email-Event-Webhook-Signature", key.sign_b64("1000" + body)},
        {"X-Twilio-Email-Event-Webhook-Timestamp", "1000"}};
    r = client->Post("/sendgrid/events?org=acme", stale, body, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
}

TEST_F(WebhookServerTest, TheWorkerRunsAfterEachAcceptedRequest) {
    serve(true);
    ASSERT_EQ(post_sms(sms("SM6", "There is water coming through the light fixture"))->status, 200);
    // The worker wakes on the request; wait (bounded) for the work order it creates.
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (coordinator->work_orders(org).empty() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(10ms);
    }
    EXPECT_EQ(coordinator->work_orders(org).size(), 1u);
    server->stop();
    server->stop();  // idempotent
}

}  // namespace
}  // namespace propos

#else

TEST(WebhookServer, NeedsTheExamples) {
    GTEST_SKIP() << "built without PROPOS_BUILD_EXAMPLES";
}

#endif
