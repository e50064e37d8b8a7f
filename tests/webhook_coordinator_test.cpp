// Coordinator::handle_webhook and the integrations around it: Twilio and SendGrid requests signed
// as the providers sign them -> raw payload kept -> verified -> ingested once; delivery reports
// applied to the outbox without regressing; opt-outs; PMS webhooks -> fetch -> portal message,
// Yardi polling and status push-back against loopback fakes; the channel deliverer.
#include <gtest/gtest.h>

#include <mutex>

#include "loopback_server.hpp"
#include "propos/channels/twilio.hpp"
#include "propos/coordinator.hpp"
#include "propos/pms/buildium.hpp"
#include "propos/pms/yardi.hpp"
#include "propos/store/portfolio_import.hpp"
#include "propos/workflows/maintenance.hpp"
#include "test_util.hpp"
#include "webhook_signing.hpp"

namespace propos {
namespace {

using namespace std::chrono_literals;
using propos::testing::EcKey;
using propos::testing::form_body;
using propos::testing::multipart;
using propos::testing::Part;
using propos::testing::TempDir;

using Fields = std::vector<std::pair<std::string, std::string>>;

const std::string kToken = "twilio-auth-token";
const std::string kSmsUrl = "https://hooks.acme.test/twilio/sms?org=acme";

Json portfolio() {
    return parse_json(R"({"organizations":[{
      "organization":{"id":"acme","name":"Acme PM","timezone":"America/New_York"},
      "properties":[{"id":"p1","name":"Oak House","address":"1 Oak St","city":"New York","state":"NY",
                     "postal_code":"10002","nte_limit":50000,"emergency_nte_limit":150000,
                     "owner_approval_threshold":250000}],
      "units":[{"id":"u1","property_id":"p1","label":"3C"}],
      "tenants":[{"id":"t1","unit_id":"u1","name":"Ana Ruiz","phone":"+14155550101","email":"ana@example.com"},
                 {"id":"7001","unit_id":"u1","name":"Maria Lopez","phone":"+14155550107"}],
      "vendors":[{"id":"v1","name":"Leak Busters","trades":["plumbing","water_leak"],"service_area":["10002"],
                  "phone":"+14155550201","hourly_rate":10000,"callout_fee":5000,"after_hours":true,
                  "insurance_expires":"2027-01-01T00:00:00Z"}]}]})",
                      "portfolio");
}

class WebhookTest : public ::testing::Test {
protected:
    void SetUp() override {
        store = std::shared_ptr<Store>(open_sqlite_store(dir.file("w.db")));
        import_portfolio(*store, portfolio(), clock->now());
    }
    IntegrationConfig config() {
        IntegrationConfig cfg;
        cfg.twilio.auth_token = kToken;
        cfg.twilio.account_sid = "AC1";
        cfg.twilio.our_numbers = {"+14155550100"};
        cfg.sendgrid_events.public_key = key.public_b64();
        cfg.sendgrid_inbound.our_addresses = {"maint@parse.acme.test"};
        cfg.blob_store = blobs;
        return cfg;
    }
    void start(IntegrationConfig cfg, std::map<Channel, Deliverer> deliverers = {}) {
        CoordinatorOptions o;
        o.store = store;
        o.clock = clock;
        o.seed = 3;
        o.deliverers = std::move(deliverers);
        o.integrations.organizations["acme"] = std::move(cfg);
        c = std::make_unique<Coordinator>(std::move(o));
        c->on_event([this](const Event& e) {
            std::lock_guard lock(mu);
            seen.push_back(e.type);
        });
    }
    Fields sms(const std::string& sid, const std::string& body,
               const std::string& from = "+14155550101") {
        return {{"MessageSid", sid},    {"AccountSid", "AC1"}, {"From", from},
                {"To", "+14155550100"}, {"Body", body},        {"NumMedia", "0"}};
    }
    WebhookRequest twilio(const Fields& fields, const std::string& url = kSmsUrl) {
        WebhookRequest r;
        r.endpoint = WebhookEndpoint::kTwilio;
        r.url = url;
        r.body = form_body(fields);
        r.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                     {"X-Twilio-Signature", channels::compute_twilio_signature(
                                                kSmsUrl, kToken, {fields.begin(), fields.end()})}};
        return r;
    }
    WebhookRequest sendgrid_events(const Json& events, Timestamp at) {
        const auto ts = std::to_string(
            std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count());
        WebhookRequest r;
        r.endpoint = WebhookEndpoint::kSendGridEvents;
        r.url = "https://hooks.acme.test/sendgrid/events";
        r.body = events.dump();
        r.headers = {{"Content-Type", "application/json"},
                     {"X-Twilio-Email-Event-Webhook-Signature", key.sign_b64(ts + r.body)},
                     {"X-Twilio-Email-Event-Webhook-Timestamp", ts}};
        return r;
    }
    std::vector<RawPayload> raw(const std::string& status) {
        return store->read_result(
            [&](Transaction& tx) { return tx.list_raw_payloads(org, status, 0); });
    }
    std::vector<Message> inbound() {
        return store->read_result([&](Transaction& tx) {
            std::vector<Message> out;
            for (auto& m : tx.list<Message>(org)) {
                if (m.direction == Direction::kInbound) out.push_back(std::move(m));
            }
            return out;
        });
    }
    // An outbound message as the Coordinator's outbox keeps it once delivered.
    Message put_outbound(Channel channel, const std::string& provider_id, DeliveryStatus status) {
        Message m;
        m.id = MessageId(new_id("msg"));
        m.thread_id = ThreadId(new_id("th"));
        m.channel = channel;
        m.direction = Direction::kOutbound;
        m.to = channel == Channel::kSms ? "+14155550101" : "ana@example.com";
        m.subject = "Re: your request";
        m.body = "A plumber is on the way.";
        m.provider_message_id = provider_id;
        m.status = status;
        m.tenant_id = TenantId("t1");
        m.at = clock->now();
        store->write([&](Transaction& tx) {
            Thread th;
            th.id = m.thread_id;
            th.channel = channel;
            th.tenant_id = m.tenant_id;
            th.address = m.to;
            th.created_at = th.last_message_at = m.at;
            tx.put(org, th);
            tx.put(org, m);
        });
        return m;
    }
    Message message(const MessageId& id) {
        return store->read_result([&](Transaction& tx) { return tx.get<Message>(org, id.str()); });
    }
    Tenant tenant(const std::string& id) {
        return store->read_result([&](Transaction& tx) { return tx.get<Tenant>(org, id); });
    }
    bool saw(const std::string& type) {
        std::lock_guard lock(mu);
        return std::find(seen.begin(), seen.end(), type) != seen.end();
    }
    std::vector<AuditEvent> audits(const std::string& action) {
        std::vector<AuditEvent> out;
        for (auto& a : c->audit(org)) {
            if (a.action == action) out.push_back(std::move(a));
        }
        return out;
    }

    TempDir dir;
    // A Monday, 10:00 in New York: outside quiet hours, so replies go out at once.
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(parse_time("2026-01-05T15:00:00Z"));
    std::shared_ptr<Store> store;
    std::shared_ptr<channels::BlobStore> blobs = channels::make_memory_blob_store();
    EcKey key;
    std::unique_ptr<Coordinator> c;
    OrgId org{"acme"};
    std::mutex mu;
    std::vector<std::string> seen;
};

// ---- Twilio inbound ----

TEST_F(WebhookTest, TwilioSmsIsKeptVerifiedIngestedOnceAndAnswered) {
    start(config());
    const auto req = twilio(sms("SM100", "My kitchen sink is leaking under the cabinet"));
    const auto r = c->handle_webhook(org, req);
    EXPECT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(r.outcome, WebhookOutcome::kIngested);
    EXPECT_EQ(r.content_type, "text/xml");
    EXPECT_EQ(r.body, channels::twiml_empty());
    ASSERT_TRUE(r.ingested);
    EXPECT_EQ(r.ingested->tenant_id, TenantId("t1"));
    // The request was kept byte for byte before parsing, and is processed.
    const auto kept = raw("");
    ASSERT_FALSE(kept.empty());
    EXPECT_EQ(kept.front().body, req.body);
    EXPECT_EQ(kept.front().source, "twilio");
    EXPECT_EQ(kept.front().id, r.raw_payload_id);
    EXPECT_TRUE(raw("dead").empty());
    EXPECT_TRUE(raw("received").empty());

    // Twilio retries the same request: acknowledged, nothing new.
    const auto again = c->handle_webhook(org, req);
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(again.outcome, WebhookOutcome::kDuplicate);
    EXPECT_EQ(again.ingested->message_id, r.ingested->message_id);
    EXPECT_EQ(inbound().size(), 1u);

    c->run_until_idle();
    const auto wos = c->work_orders(org);
    ASSERT_EQ(wos.size(), 1u);
    EXPECT_EQ(wos[0].category, "water_leak");
    bool replied = false;
    for (const auto& m : c->outbox(org)) replied |= m.to == "+14155550101";
    EXPECT_TRUE(replied);
    EXPECT_TRUE(c->verify_audit(org).ok);
    EXPECT_EQ(audits("message.received").size(), 1u);
}

TEST_F(WebhookTest, TwilioBadSignatureIsRefusedNotKeptAndCounted) {
    start(config());
    auto req = twilio(sms("SM200", "hello"));
    req.headers[1].second = "AAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    const auto r = c->handle_webhook(org, req);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.outcome, WebhookOutcome::kDeadLetter);
    EXPECT_NE(r.error.find("X-Twilio-Signature does not match"), std::string::npos) << r.error;
    EXPECT_EQ(r.content_type, "text/plain; charset=utf-8");
    // Issue 23: authenticated before it is stored — refused requests are counted, not kept.
    EXPECT_EQ(r.raw_payload_id, 0);
    EXPECT_TRUE(raw("").empty());
    EXPECT_TRUE(inbound().empty());

    req.headers.pop_back();  // no signature at all
    EXPECT_EQ(c->handle_webhook(org, req).status, 401);
    // A body signed for other parameters (tampered in transit).
    auto tampered = twilio(sms("SM201", "hello"));
    tampered.body = form_body(sms("SM201", "hello, changed"));
    EXPECT_EQ(c->handle_webhook(org, tampered).status, 403);
    EXPECT_TRUE(raw("").empty());
    const auto refused = c->webhook_rejections(org);
    ASSERT_EQ(refused.size(), 1u);
    EXPECT_EQ(refused[0].source, "twilio");
    EXPECT_EQ(refused[0].count, 3);
    EXPECT_EQ(refused[0].by_status.at(403), 2);
    EXPECT_EQ(refused[0].by_status.at(401), 1);
    ASSERT_EQ(refused[0].samples.size(), 3u);
    EXPECT_EQ(refused[0].samples[0].head, req.body);
    EXPECT_EQ(refused[0].samples[0].reason, r.error);
}

TEST_F(WebhookTest, TwilioBehindAProxyVerifiesAgainstThePublicUrl) {
    auto cfg = config();
    cfg.public_base_url = "https://hooks.acme.test/";
    start(cfg);
    // The host sees its own address; Twilio signed the public one.
    const auto r = c->handle_webhook(
        org, twilio(sms("SM300", "Heater is broken"), "http://127.0.0.1:8080/twilio/sms?org=acme"));
    EXPECT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(r.outcome, WebhookOutcome::kIngested);
}

TEST_F(WebhookTest, LimitsAndConfigurationProblemsAreClearDeadLetters) {
    auto cfg = config();
    cfg.twilio.max_body_bytes = 1000;
    start(cfg);
    auto big = twilio(sms("SM400", std::string(5000, 'x')));
    const auto r = c->handle_webhook(org, big);
    EXPECT_EQ(r.status, 413);
    EXPECT_NE(r.error.find("exceeds the limit of 1000 bytes"), std::string::npos) << r.error;
    EXPECT_TRUE(raw("").empty());  // issue 23: not kept; counted with its first KiB
    const auto refused = c->webhook_rejections(org);
    ASSERT_EQ(refused.size(), 1u);
    EXPECT_EQ(refused[0].by_status.at(413), 1);
    ASSERT_EQ(refused[0].samples.size(), 1u);
    EXPECT_EQ(refused[0].samples[0].head, big.body.substr(0, 1024));
    EXPECT_EQ(refused[0].samples[0].bytes, big.body.size());

    auto wrong_type = twilio(sms("SM401", "hi"));
    wrong_type.headers[0].second = "text/plain";
    EXPECT_EQ(c->handle_webhook(org, wrong_type).status, 415);
    auto get = twilio(sms("SM402", "hi"));
    get.method = "GET";
    EXPECT_EQ(c->handle_webhook(org, get).status, 405);
    EXPECT_EQ(c->handle_webhook(org, twilio(sms("SM403", "hi", "+14155550101"), kSmsUrl)).status,
              200);
    auto to_other = sms("SM404", "hi");
    to_other[3].second = "+14155559999";
    EXPECT_EQ(c->handle_webhook(org, twilio(to_other)).status, 422);

    // Unknown organization: refused, nothing can be kept for it.
    const auto unknown = c->handle_webhook(OrgId("nobody"), twilio(sms("SM405", "hi")));
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.raw_payload_id, 0);
    // Unknown PMS.
    WebhookRequest pms_req;
    pms_req.endpoint = WebhookEndpoint::kPms;
    pms_req.pms_system = "appfolio";
    pms_req.body = "{}";
    EXPECT_EQ(c->handle_webhook(org, pms_req).status, 404);
}

TEST_F(WebhookTest, UnconfiguredIntegrationAnswers404AndKeepsNothing) {
    start(IntegrationConfig{});
    const auto r = c->handle_webhook(org, twilio(sms("SM500", "hi")));
    EXPECT_EQ(r.status, 404);
    EXPECT_NE(r.error.find("no Twilio auth token is configured"), std::string::npos) << r.error;
    // Issue 23: two 30 MiB posts to an unconfigured Inbound Parse route grew the database by
    // over 100 MiB; now nothing is kept, not even a count.
    WebhookRequest mail;
    mail.endpoint = WebhookEndpoint::kSendGridInbound;
    mail.url = "https://hooks.acme.test/sendgrid/inbound";
    mail.headers = {{"Content-Type", "multipart/form-data; boundary=x"}};
    mail.body = std::string(2u << 20, 'm');
    EXPECT_EQ(c->handle_webhook(org, mail).status, 404);
    auto events = sendgrid_events(Json::array(), clock->now());
    EXPECT_EQ(c->handle_webhook(org, events).status, 404);
    EXPECT_TRUE(raw("").empty());
    EXPECT_TRUE(c->webhook_rejections(org).empty());
}

// ---- delivery status ----

TEST_F(WebhookTest, TwilioStatusCallbacksMoveForwardOnlyAndOnce) {
    start(config());
    const auto out = put_outbound(Channel::kSms, "SMout1", DeliveryStatus::kSent);
    auto status = [&](const std::string& s, const std::string& error = "") {
        Fields f{{"MessageSid", out.provider_message_id},
                 {"AccountSid", "AC1"},
                 {"From", "+14155550100"},
                 {"To", "+14155550101"},
                 {"MessageStatus", s}};
        if (!error.empty()) f.emplace_back("ErrorCode", error);
        return c->handle_webhook(org, twilio(f));
    };
    auto r = status("delivered");
    EXPECT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(r.outcome, WebhookOutcome::kStatusUpdates);
    EXPECT_EQ(r.updates_applied, 1u);
    EXPECT_EQ(message(out.id).status, DeliveryStatus::kDelivered);
    EXPECT_EQ(status("delivered").updates_applied, 0u);  // the same callback again
    EXPECT_EQ(status("sent").updates_applied, 0u);       // late and out of order: no regression
    EXPECT_EQ(message(out.id).status, DeliveryStatus::kDelivered);
    const auto trail = audits("message.status");
    ASSERT_EQ(trail.size(), 1u);
    EXPECT_EQ(trail[0].entity_id, out.id.str());
    EXPECT_EQ(trail[0].data["to"], "delivered");
    c->run_until_idle();  // hands the events to callbacks
    EXPECT_TRUE(saw("message.status"));
}

TEST_F(WebhookTest, TwilioStopErrorOptsTheTenantOut) {
    start(config());
    const auto out = put_outbound(Channel::kSms, "SMout2", DeliveryStatus::kSent);
    Fields f{{"MessageSid", "SMout2"},         {"AccountSid", "AC1"},
             {"From", "+14155550100"},         {"To", "+14155550101"},
             {"MessageStatus", "undelivered"}, {"ErrorCode", "21610"}};
    const auto r = c->handle_webhook(org, twilio(f));
    EXPECT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(message(out.id).status, DeliveryStatus::kSuppressed);
    EXPECT_TRUE(tenant("t1").sms_opt_out);
    EXPECT_EQ(audits("tenant.sms_opt_out").size(), 1u);
}

TEST_F(WebhookTest, SendGridEventsApplyByMessageIdOnceWithoutRegressing) {
    start(config());
    const auto mail = put_outbound(Channel::kEmail, "sgid-77", DeliveryStatus::kSent);
    const auto now = clock->now();
    const auto ts =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    auto event = [&](const std::string& type, const std::string& id) {
        return Json{{"email", "ana@example.com"},
                    {"timestamp", ts},
                    {"event", type},
                    {"sg_event_id", id},
                    {"sg_message_id", "sgid-77.filterdrecv-1234.0"},
                    {"propos_key", mail.id.str()}};
    };
    auto r = c->handle_webhook(
        org, sendgrid_events(Json::array({event("processed", "e1"), event("delivered", "e2"),
                                          event("open", "e3")}),
                             now));
    EXPECT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(r.outcome, WebhookOutcome::kStatusUpdates);
    EXPECT_EQ(r.updates_applied, 1u);  // processed is behind "sent"; open adds nothing to delivered
    EXPECT_EQ(message(mail.id).status, DeliveryStatus::kDelivered);
    // SendGrid retries the batch: every event is already known.
    r = c->handle_webhook(org, sendgrid_events(Json::array({event("delivered", "e2")}), now));
    EXPECT_EQ(r.updates_applied, 0u);
    ASSERT_FALSE(r.warnings.empty());
    EXPECT_NE(r.warnings[0].find("already applied"), std::string::npos);
    // An unsubscribe is an opt-out on the tenant's record (audited) and suppresses the message.
    r = c->handle_webhook(org, sendgrid_events(Json::array({event("unsubscribe", "e4")}), now));
    EXPECT_EQ(message(mail.id).status, DeliveryStatus::kSuppressed);
    EXPECT_EQ(audits("tenant.email_opt_out").size(), 1u);
    EXPECT_TRUE(c->verify_audit(org).ok);

    // A replayed (old) signed request is refused and kept.
    const auto stale =
        c->handle_webhook(org, sendgrid_events(Json::array({event("bounce", "e5")}), now - 1h));
    EXPECT_EQ(stale.status, 403);
    EXPECT_NE(stale.error.find("tolerance"), std::string::npos) << stale.error;
    EXPECT_EQ(message(mail.id).status, DeliveryStatus::kSuppressed);
    EXPECT_TRUE(raw("dead").empty());  // issue 23: refused before it is kept
    EXPECT_EQ(c->webhook_rejections(org).at(0).source, "sendgrid.events");
}

TEST_F(WebhookTest, SendGridEventsFindMessagesByOurKeyBeforeTheProviderIdIsStored) {
    start(config());
    const auto mail = put_outbound(Channel::kEmail, "", DeliveryStatus::kQueued);
    const auto now = clock->now();
    const auto r =
        c->handle_webhook(org, sendgrid_events(Json::array({Json{{"email", "ana@example.com"},
                                                                 {"event", "delivered"},
                                                                 {"sg_event_id", "x1"},
                                                                 {"sg_message_id", "unknown-id.1"},
                                                                 {"propos_key", mail.id.str()}},
                                                            Json{{"email", "bob@example.com"},
                                                                 {"event", "delivered"},
                                                                 {"sg_event_id", "x2"},
                                                                 {"sg_message_id", "nobody.1"}}}),
                                               now));
    EXPECT_EQ(r.updates_applied, 1u);
    EXPECT_EQ(message(mail.id).status, DeliveryStatus::kDelivered);
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find("no outbound message"), std::string::npos);
}

// ---- SendGrid inbound email ----

TEST_F(WebhookTest, SendGridReplyJoinsTheThreadOfOurMessage) {
    start(config());
    const auto ours = put_outbound(Channel::kEmail, "sgid-9", DeliveryStatus::kDelivered);
    const std::string headers = "Message-ID: <CAF-reply-1@mail.example.com>\r\nIn-Reply-To: <" +
                                ours.id.str() + "@propos.acme.test>\r\nReferences: <" +
                                ours.id.str() +
                                "@propos.acme.test>\r\nSubject: Re: your request\r\n";
    WebhookRequest req;
    req.endpoint = WebhookEndpoint::kSendGridInbound;
    req.url = "https://hooks.acme.test/sendgrid/inbound";
    req.headers = {{"Content-Type", propos::testing::kMultipartType}};
    req.body = multipart(
        {{"headers", headers},
         {"from", "Ana Ruiz <Ana@Example.com>"},
         {"to", "maint@parse.acme.test"},
         {"subject", "Re: your request"},
         {"text", "Thanks, Tuesday works.\n\nOn Mon, Acme wrote:\n> A plumber is on the way."},
         {"envelope", R"({"to":["maint@parse.acme.test"],"from":"ana@example.com"})"},
         {"charsets", R"({"text":"utf-8","subject":"utf-8","from":"utf-8"})"},
         {"attachment-info", R"({"attachment1":{"filename":"leak.jpg","type":"image/jpeg"}})"},
         {"attachment1", "\xff\xd8jpeg bytes", "leak.jpg", "image/jpeg"}});
    const auto r = c->handle_webhook(org, req);
    EXPECT_EQ(r.status, 200) << r.error;
    ASSERT_EQ(r.outcome, WebhookOutcome::kIngested);
    const auto msg = message(r.ingested->message_id);
    EXPECT_EQ(msg.thread_id, ours.thread_id);
    EXPECT_EQ(msg.body, "Thanks, Tuesday works.");
    EXPECT_EQ(msg.provider_message_id, "CAF-reply-1@mail.example.com");
    ASSERT_EQ(msg.media.size(), 1u);
    EXPECT_EQ(blobs->get(msg.media[0]).value(), "\xff\xd8jpeg bytes");
    // Mail to an address that is not ours is a dead letter.
    req.body =
        multipart({{"from", "ana@example.com"}, {"to", "someone@else.test"}, {"text", "hi"}});
    EXPECT_EQ(c->handle_webhook(org, req).status, 422);
}

// ---- deliveries through a channel ----

class ScriptedChannel final : public channels::OutboundChannel {
public:
    std::function<channels::SendResult(const channels::OutboundMessage&)> script;
    std::vector<channels::OutboundMessage> sent;
    Channel channel() const noexcept override { return Channel::kSms; }
    std::string_view provider() const noexcept override { return "fake"; }
    channels::SendResult send(const channels::OutboundMessage& m) override {
        std::lock_guard lock(mu_);
        sent.push_back(m);
        return script(m);
    }
    std::optional<channels::SendResult> find_sent(std::string_view) const override {
        return std::nullopt;
    }
    void remember(std::string_view, const channels::SendResult&) override {}

private:
    std::mutex mu_;
};

TEST_F(WebhookTest, ChannelDelivererSendsOnceRetriesTransientFailuresAndRecordsStop) {
    auto channel = std::make_shared<ScriptedChannel>();
    int calls = 0;
    channel->script = [&](const channels::OutboundMessage& m) -> channels::SendResult {
        if (++calls == 1) throw Error(ErrorCode::kUnavailable, "HTTP 503");
        return {.provider = "fake", .provider_message_id = "P-" + m.idempotency_key};
    };
    start(config(),
          {{Channel::kSms, make_channel_deliverer(channel, {.store = store, .clock = clock})}});
    c->handle_webhook(org, twilio(sms("SM600", "The hallway light is out")));
    c->run_until_idle();
    c->advance(10min);  // the failed first attempt is retried after its backoff
    const auto box = c->outbox(org);
    ASSERT_FALSE(box.empty());
    std::set<std::string> keys;
    for (const auto& m : channel->sent) keys.insert(m.idempotency_key);
    for (const auto& m : box) {
        if (m.channel != Channel::kSms) continue;
        EXPECT_EQ(m.status, DeliveryStatus::kSent) << m.id.str();
        EXPECT_EQ(m.provider_message_id, "P-" + m.id.str());
        EXPECT_TRUE(keys.count(m.id.str()));
    }
    EXPECT_EQ(channel->sent.size(), keys.size() + 1);  // one retry, no double send

    // The provider refuses the recipient (Twilio 21610): permanent, and remembered on the tenant.
    channel->script = [](const channels::OutboundMessage&) -> channels::SendResult {
        throw Error(ErrorCode::kFailedPrecondition,
                    "Twilio answered HTTP 400 (error 21610) (the recipient replied STOP)");
    };
    // A message to the other tenant, queued as the workflows queue it.
    auto to_maria = put_outbound(Channel::kSms, "", DeliveryStatus::kQueued);
    to_maria.to = "+14155550107";
    to_maria.tenant_id = TenantId("7001");
    store->write([&](Transaction& tx) { tx.put(org, to_maria); });
    c->jobs().enqueue(org, JobSpec{.type = job_types::kDeliverMessage,
                                   .payload = {{"message_id", to_maria.id.str()}},
                                   .idempotency_key = to_maria.id.str()});
    auto attempts = [&] {
        return std::count_if(channel->sent.begin(), channel->sent.end(),
                             [&](const auto& m) { return m.idempotency_key == to_maria.id.str(); });
    };
    c->run_until_idle();
    EXPECT_EQ(attempts(), 1);
    EXPECT_TRUE(tenant("7001").sms_opt_out);
    EXPECT_FALSE(audits("tenant.sms_opt_out").empty());
    EXPECT_EQ(message(to_maria.id).status, DeliveryStatus::kFailed);
    c->advance(1h);
    EXPECT_EQ(attempts(), 1);  // permanent: never retried
}

TEST_F(WebhookTest, ChannelDelivererThreadsEmailReplies) {
    start(config());
    // An inbound email and our answer on one thread.
    const auto ours = put_outbound(Channel::kEmail, "sgid-1", DeliveryStatus::kDelivered);
    Message in;
    in.id = MessageId(new_id("msg"));
    in.thread_id = ours.thread_id;
    in.channel = Channel::kEmail;
    in.direction = Direction::kInbound;
    in.from = "ana@example.com";
    in.body = "Still leaking";
    in.provider_message_id = "CAF-2@mail.example.com";
    in.at = clock->now() + 1min;
    Message reply = ours;
    reply.id = MessageId(new_id("msg"));
    reply.provider_message_id.clear();
    reply.status = DeliveryStatus::kQueued;
    reply.at = clock->now() + 2min;
    store->write([&](Transaction& tx) {
        tx.put(org, in);
        tx.put(org, reply);
    });
    auto channel = std::make_shared<ScriptedChannel>();
    channel->script = [](const channels::OutboundMessage&) {
        return channels::SendResult{.provider_message_id = "sg-new"};
    };
    const auto deliver =
        make_channel_deliverer(channel, {.store = store, .email_domain = "propos.acme.test"});
    EXPECT_EQ(deliver(org, reply), "sg-new");
    ASSERT_EQ(channel->sent.size(), 1u);
    const auto& m = channel->sent[0];
    EXPECT_EQ(m.idempotency_key, reply.id.str());
    EXPECT_EQ(m.in_reply_to, "CAF-2@mail.example.com");
    EXPECT_EQ(m.references, (std::vector<std::string>{ours.id.str() + "@propos.acme.test",
                                                      "CAF-2@mail.example.com"}));
    EXPECT_EQ(m.headers.at("Message-ID"), "<" + reply.id.str() + "@propos.acme.test>");
    EXPECT_THROW(make_channel_deliverer(nullptr), Error);
}

// ---- PMS ----

const std::string kResidentRequest = R"({
  "Id": 321, "Category": {"Id": 4, "Name": "Plumbing", "SubCategory": {"Id": 41, "Name": "Leak"}},
  "Title": "Leak under sink", "Description": "Water pooling under the kitchen sink",
  "Property": {"Id": 12, "Type": "Rental"}, "UnitId": 99, "UnitAgreement": {"Id": 555, "Type": "Lease"},
  "RequestedByUserEntity": {"Type": "RentalTenant", "Id": 7001, "FirstName": "Maria", "LastName": "Lopez"},
  "AssignedToUserId": 3, "TaskStatus": "New", "Priority": "High", "DueDate": "2026-01-07",
  "CreatedDateTime": "2026-01-05T13:02:00Z", "LastUpdatedDateTime": "2026-01-05T13:05:00Z",
  "IsEntryPermittedByResident": true, "DoesResidentHavePets": false, "ResidentEntryNotes": "Dog is friendly"})";

TEST_F(WebhookTest, BuildiumRequestBecomesAPortalMessageAndStatusGoesBack) {
    propos::testing::LoopbackServer buildium;
    std::mutex bm;
    int fetches = 0;
    std::vector<Json> puts;
    buildium.server().Get("/v1/tasks/residentrequests/321",
                          [&](const httplib::Request&, httplib::Response& res) {
                              std::lock_guard lock(bm);
                              ++fetches;
                              res.set_content(kResidentRequest, "application/json");
                          });
    buildium.server().Put("/v1/tasks/residentrequests/321",
                          [&](const httplib::Request& req, httplib::Response& res) {
                              std::lock_guard lock(bm);
                              puts.push_back(Json::parse(req.body));
                              res.set_content(kResidentRequest, "application/json");
                          });
    pms::BuildiumOptions bo;
    bo.base_url = buildium.start();
    bo.client_id = "cid";
    bo.client_secret = "csecret";
    bo.webhook_secret = "whsec";
    bo.account_id = "4242";
    auto cfg = config();
    cfg.pms["buildium"] = std::make_shared<pms::BuildiumAdapter>(make_curl_http_client(), bo);
    start(cfg);

    const std::string body =
        R"({"Id":"evt-1","EventName":"Task.ResidentRequest.Created","EventDateTime":"2026-01-05T13:02:00Z","AccountId":4242,"TaskId":321,"TaskType":"ResidentRequest"})";
    const auto ts = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(clock->now().time_since_epoch()).count());
    WebhookRequest req;
    req.endpoint = WebhookEndpoint::kPms;
    req.pms_system = "buildium";
    req.url = "https://hooks.acme.test/pms/buildium";
    req.body = body;
    req.headers = {{"Content-Type", "application/json"},
                   {"x-buildium-timestamp", ts},
                   {"x-buildium-signature", pms::compute_buildium_signature("whsec", ts, body)}};
    auto r = c->handle_webhook(org, req);
    EXPECT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(r.outcome, WebhookOutcome::kPmsEvents);
    EXPECT_EQ(r.jobs_enqueued, 1u);
    EXPECT_EQ(c->handle_webhook(org, req).jobs_enqueued, 0u);  // a replayed notification

    c->run_until_idle();
    {
        std::lock_guard lock(bm);
        EXPECT_GE(fetches, 1);  // the notification is thin: the request was fetched
    }
    const auto msgs = inbound();
    ASSERT_EQ(msgs.size(), 1u);
    EXPECT_EQ(msgs[0].channel, Channel::kPortal);
    EXPECT_EQ(msgs[0].tenant_id,
              TenantId("7001"));  // RequestedByUserEntity.Id is the tenant id here
    EXPECT_EQ(msgs[0].provider_message_id, "buildium:service_request:321");
    EXPECT_NE(msgs[0].body.find("Water pooling under the kitchen sink"), std::string::npos);
    const auto wos = c->work_orders(org);
    ASSERT_EQ(wos.size(), 1u);
    // The work order's status went back to the resident request.
    std::lock_guard lock(bm);
    ASSERT_FALSE(puts.empty());
    EXPECT_EQ(puts.back()["TaskStatus"], pms::BuildiumAdapter::task_status_for(wos[0].status));
    EXPECT_NE(puts.back()["Message"].get<std::string>().find("PropOS"), std::string::npos);
    EXPECT_FALSE(audits("pms.status_pushed").empty());
    EXPECT_TRUE(c->verify_audit(org).ok);
    c.reset();  // closes the adapter's kept-alive connections before the fake stops
}

TEST_F(WebhookTest, YardiIsPolledOnASchedule) {
    propos::testing::LoopbackServer yardi;
    std::mutex ym;
    int polls = 0;
    yardi.server().Post("/acme/ItfServiceRequests/GetServiceRequests", [&](const httplib::Request&,
                                                                           httplib::Response& res) {
        std::lock_guard lock(ym);
        ++polls;
        Json sr{{"ServiceRequestId", "sr-1"},
                {"PropertyId", "p100"},
                {"UnitCode", "3C"},
                {"RequestorName", "Ana Ruiz"},
                {"RequestorEmail", "Ana@Example.com"},
                {"ServiceRequestBriefDescription", "No heat"},
                {"ServiceRequestFullDescription", "Radiators cold since last night"},
                {"Priority", "Emergency"},
                {"CurrentStatus", "Open"},
                {"ServiceRequestDate", "2026-01-05T08:00:00Z"},
                {"LastModifiedDate", "2026-01-05T08:00:00Z"}};
        res.set_content(Json{{"ServiceRequests", Json::array({sr})}}.dump(), "application/json");
    });
    yardi.server().Post("/acme/ItfServiceRequests/CreateOrEditServiceRequests",
                        [&](const httplib::Request&, httplib::Response& res) {
                            res.set_content("{}", "application/json");
                        });
    pms::YardiOptions yo;
    yo.base_url = yardi.start() + "/acme";
    yo.username = "iface";
    yo.password = "pw";
    yo.server_name = "srv";
    yo.database = "db";
    yo.interface_entity = "PropOS";
    yo.interface_license = "LIC";
    yo.property_ids = {"p100"};
    auto cfg = config();
    cfg.pms["yardi"] = std::make_shared<pms::YardiAdapter>(make_curl_http_client(), yo);
    start(cfg);
    const auto schedules = c->jobs().schedules(org);
    EXPECT_TRUE(std::any_of(schedules.begin(), schedules.end(),
                            [](const Schedule& s) { return s.name == "pms-poll:yardi"; }));

    c->advance(25min);  // two polls
    {
        std::lock_guard lock(ym);
        EXPECT_GE(polls, 2);
    }
    const auto msgs = inbound();
    ASSERT_EQ(msgs.size(), 1u);                    // the same record polled twice is one message
    EXPECT_EQ(msgs[0].tenant_id, TenantId("t1"));  // matched by the requester's email
    EXPECT_EQ(msgs[0].channel, Channel::kPortal);
    EXPECT_EQ(c->work_orders(org).size(), 1u);
    c.reset();  // closes the adapter's kept-alive connections before the fake stops
}

// ---- Front door (issue 23) ----

TEST_F(WebhookTest, RefusedRequestsAreSampledUnderAPerSourceQuota) {
    auto cfg = config();
    cfg.rejection_samples_per_hour = 3;
    cfg.rejection_sample_bytes = 16;
    start(cfg);
    for (int n = 0; n < 12; ++n) {
        auto req = twilio(sms("SM9" + std::to_string(n), std::string(4000, 'f')));
        req.headers[1].second = "AAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        EXPECT_EQ(c->handle_webhook(org, req).status, 403);
    }
    auto events = sendgrid_events(Json::array(), clock->now());
    events.headers.pop_back();  // no timestamp
    EXPECT_EQ(c->handle_webhook(org, events).status, 401);
    clock->advance(1h);  // a new hour: a new quota
    auto late = twilio(sms("SM99", "x"));
    late.headers.pop_back();
    EXPECT_EQ(c->handle_webhook(org, late).status, 401);

    const auto refused = c->webhook_rejections(org);
    ASSERT_EQ(refused.size(), 3u);
    EXPECT_EQ(refused[0].source, "twilio");  // newest hour first
    EXPECT_EQ(refused[0].count, 1);
    const auto& flood = refused[1].source == "twilio" ? refused[1] : refused[2];
    EXPECT_EQ(flood.count, 12);  // every refusal is counted...
    EXPECT_GT(flood.bytes, 12 * 4000);
    ASSERT_EQ(flood.samples.size(), 3u);  // ...a few are sampled...
    for (const auto& sample : flood.samples) EXPECT_EQ(sample.head.size(), 16u);  // ...briefly
    EXPECT_TRUE(raw("").empty());
    EXPECT_EQ(c->webhook_rejections(org, 1).size(), 1u);
}

TEST_F(WebhookTest, PayloadsStrandedByACrashAreReplayedExactlyOnce) {
    start(config());
    // A crash between keeping the raw request and handling it: only the raw payload is there.
    const auto body = form_body(sms("SM700", "The toilet is overflowing onto the floor"));
    const auto id = store->write_result([&](Transaction& tx) {
        return tx.store_raw_payload(org, "twilio", "application/x-www-form-urlencoded", body,
                                    clock->now());
    });
    EXPECT_EQ(c->raw_payloads(org, "received").size(), 1u);
    c.reset();
    clock->advance(10min);  // the process was down a while: the payload is old enough
    start(config());  // the restart finds it...
    c->run_until_idle();
    ASSERT_EQ(inbound().size(), 1u);  // ...and replays it
    EXPECT_EQ(inbound()[0].provider_message_id, "SM700");
    EXPECT_TRUE(c->raw_payloads(org, "received").empty());
    const auto done = c->raw_payloads(org, "processed");
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].id, id);
    // Another restart replays nothing again.
    c.reset();
    start(config());
    c->run_until_idle();
    EXPECT_EQ(inbound().size(), 1u);
    EXPECT_EQ(c->work_orders(org).size(), 1u);
    EXPECT_THROW(c->raw_payloads(org, "lost"), Error);
}

TEST_F(WebhookTest, AStrandedPayloadThatCannotBeParsedBecomesAVisibleDeadLetter) {
    start(config());
    store->write([&](Transaction& tx) {
        tx.store_raw_payload(org, "sendgrid.events", "application/json", "[not json",
                             clock->now() - 10min);
    });
    c.reset();
    start(config());
    c->run_until_idle();
    EXPECT_TRUE(c->raw_payloads(org, "received").empty());
    const auto dead = c->raw_payloads(org, "dead");
    ASSERT_EQ(dead.size(), 1u);
    EXPECT_FALSE(dead[0].error.empty());
}
TEST_F(WebhookTest, AReplayNeverClashesWithTheRequestAnotherProcessIsHandling) {
    // Two Coordinators on one SQLite file: `c` plays the running server, `other` a process
    // started beside it (another worker, a CLI command), each with its own connection.
    start(config());
    const auto other_store = std::shared_ptr<Store>(open_sqlite_store(dir.file("w.db")));
    const auto open_other = [&] {
        CoordinatorOptions o;
        o.store = other_store;
        o.clock = clock;
        o.seed = 4;
        o.integrations.organizations["acme"] = config();
        return std::make_unique<Coordinator>(std::move(o));
    };
    const auto keep = [&](const std::string& sid, Timestamp at) {
        return store->write_result([&](Transaction& tx) {
            return tx.store_raw_payload(org, "twilio", "application/x-www-form-urlencoded",
                                        form_body(sms(sid, "The hallway smoke detector chirps")),
                                        at);
        });
    };
    const auto status_of = [&](std::int64_t id) {
        return store->read_result([&](Transaction& tx) { return tx.find_raw_payload(org, id); })
            ->status;
    };
    // The server has just kept two requests and is handling them.
    const auto in_flight = keep("SM710", clock->now());
    const auto crashed = keep("SM711", clock->now());
    auto other = open_other();  // its start finds them "received"...
    other->run_until_idle();
    EXPECT_TRUE(inbound().empty()) << "a request still being handled was replayed";
    EXPECT_EQ(status_of(in_flight), "received");
    // ...the server finishes the first (the second's handler died with its thread)...
    store->write(
        [&](Transaction& tx) { tx.set_raw_payload_status(org, in_flight, "processed", ""); });
    // ...and once they are old enough the check runs: the handled one is left alone, the stranded
    // one is replayed, without another restart.
    clock->advance(IntegrationOptions{}.replay_stranded_after + 1s);
    other->run_until_idle();
    c->run_until_idle();
    const auto messages = inbound();
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].provider_message_id, "SM711");
    EXPECT_EQ(status_of(crashed), "processed");

    // An old payload, both processes starting and running their workers: replayed exactly once.
    const auto old = keep("SM712", clock->now() - 1h);
    c.reset();
    other.reset();
    start(config());
    other = open_other();
    other->run_until_idle();
    c->run_until_idle();
    std::size_t sm712 = 0;
    for (const auto& m : inbound()) sm712 += m.provider_message_id == "SM712";
    EXPECT_EQ(sm712, 1u);
    EXPECT_EQ(status_of(old), "processed");
    const auto replays = store->read_result([&](Transaction& tx) {
        return tx.count_jobs_by_type(org)[std::string("webhook.replay")];
    });
    EXPECT_EQ(replays.done, 3) << "one replay job per payload, whoever started";
    EXPECT_EQ(replays.pending + replays.running + replays.dead, 0);
}
// ---- end front door ----

}  // namespace
}  // namespace propos
