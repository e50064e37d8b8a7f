// End to end over real HTTP on 127.0.0.1: the example webhook server (examples/webhook_server) on a
// Coordinator with a seeded portfolio; requests signed exactly as Twilio and SendGrid sign them;
// replies delivered through the real Twilio client to a fake Twilio API on loopback.
#include <gtest/gtest.h>

#if __has_include("webhook_server.hpp")

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <sstream>
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
using propos::testing::kMultipartType;
using propos::testing::TempDir;
using Fields = std::vector<std::pair<std::string, std::string>>;

const std::string kToken = "e2e-twilio-token";
const std::string kPublic = "https://hooks.acme.test";
const std::string kInboundToken = "inbound-s3cret";

// ---- Front door (issue 23): a raw TCP client, to be slow, idle or partial on purpose ----
class RawClient {
public:
    // Connects to 127.0.0.1:port from `source` (any 127.x.y.z address: one "client" each).
    RawClient(int port, const std::string& source = "127.0.0.1") {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in from{};
        from.sin_family = AF_INET;
        ::inet_pton(AF_INET, source.c_str(), &from.sin_addr);
        ::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(static_cast<std::uint16_t>(port));
        ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0;
        timeval tv{.tv_sec = 10, .tv_usec = 0};  // a bound on every read, not a timing assertion
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    ~RawClient() { ::close(fd_); }
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;
    bool connected() const { return connected_; }
    bool send(std::string_view bytes) {
        return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
               static_cast<ssize_t>(bytes.size());
    }
    // Everything the server sends until it closes the connection or the read bound passes
    // (`closed()` tells which).
    std::string read_all(std::chrono::milliseconds bound = std::chrono::seconds(10)) {
        timeval tv{.tv_sec = static_cast<time_t>(bound.count() / 1000),
                   .tv_usec = static_cast<suseconds_t>(bound.count() % 1000 * 1000)};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        std::string out;
        char buf[4096];
        for (;;) {
            const auto n = ::recv(fd_, buf, sizeof buf, 0);
            if (n > 0) {
                out.append(buf, static_cast<std::size_t>(n));
                continue;
            }
            closed_ = n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
            return out;
        }
    }
    // True when the last `read_all` ended because the server closed (or reset) the connection,
    // false when it ended at the read bound.
    bool closed() const { return closed_; }
    // One response (its head and Content-Length body), leaving the connection open; what arrived
    // when the connection closes first.
    std::string read_response() {
        std::string out;
        char c = 0;
        while (out.find("\r\n\r\n") == std::string::npos) {
            if (::recv(fd_, &c, 1, 0) != 1) return out;
            out += c;
        }
        std::size_t length = 0;
        std::string lower = out;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        if (const auto at = lower.find("\r\ncontent-length:"); at != std::string::npos)
            length = std::strtoul(out.c_str() + at + 17, nullptr, 10);
        for (std::size_t got = 0; got < length; ++got) {
            if (::recv(fd_, &c, 1, 0) != 1) break;
            out += c;
        }
        return out;
    }
    // True when the server has closed (or reset) the connection, without waiting.
    bool closed_by_server() {
        char c = 0;
        const auto n = ::recv(fd_, &c, 1, MSG_DONTWAIT | MSG_PEEK);
        return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
    }

private:
    int fd_ = -1;
    bool connected_ = false;
    bool closed_ = false;
};

std::string request_head(const std::string& target, std::size_t length,
                         const std::string& type = "application/x-www-form-urlencoded",
                         const std::string& extra = "") {
    return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type +
           "\r\nContent-Length: " + std::to_string(length) + "\r\n" + extra + "\r\n";
}
// ---- end front door ----

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
        cfg.sendgrid_inbound.url_token = kInboundToken;
        cfg.sendgrid_inbound.our_addresses = {"maint@parse.acme.test"};
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
    void serve(bool worker, examples::WebhookServerOptions options = {}) {
        options.port = 0;
        options.default_org = "acme";
        options.run_worker = worker;
        server = std::make_unique<examples::WebhookServer>(*coordinator, options);
        port = server->start();
        client = std::make_unique<httplib::Client>(server->url());
        client->set_read_timeout(10, 0);  // a bound, not a timing assertion
    }
    std::vector<RawPayload> raw(const std::string& status = "") {
        return store->read_result(
            [&](Transaction& tx) { return tx.list_raw_payloads(org, status, 0); });
    }
    // Waits (bounded) until `done` holds.
    template <class F>
    bool eventually(F done) {
        const auto deadline = std::chrono::steady_clock::now() + 20s;
        while (!done()) {
            if (std::chrono::steady_clock::now() > deadline) return false;
            std::this_thread::sleep_for(10ms);
        }
        return true;
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
    // A signed inbound SMS request as raw bytes (for RawClient), kept alive unless `close`.
    std::string signed_request(const std::string& sid, const std::string& text, bool close) {
        const std::string path = "/twilio/sms?org=acme";
        const auto fields = sms(sid, text);
        const auto body = form_body(fields);
        return request_head(path, body.size(), "application/x-www-form-urlencoded",
                            "X-Twilio-Signature: " +
                                channels::compute_twilio_signature(kPublic + path, kToken,
                                                                   {fields.begin(), fields.end()}) +
                                "\r\n" + (close ? "Connection: close\r\n" : "")) +
               body;
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
    int port = 0;
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
    // Issue 23: not authentic, so not kept — counted, with the first bytes as a sample.
    EXPECT_TRUE(raw().empty());
    const auto refused = coordinator->webhook_rejections(org);
    ASSERT_EQ(refused.size(), 1u);
    EXPECT_EQ(refused[0].source, "twilio");
    EXPECT_EQ(refused[0].count, 1);
    ASSERT_EQ(refused[0].samples.size(), 1u);
    EXPECT_EQ(refused[0].samples[0].head, form_body(sms("SM2", "hello")));
    EXPECT_NE(refused[0].samples[0].reason.find("X-Twilio-Signature"), std::string::npos);

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

// ---- Front door (issue 23): each failure of the issue, on the running server ----

TEST_F(WebhookServerTest, SlowClientsHoldNoWorkerSignedRequestsAreStillAnswered) {
    serve(false);
    // Sixteen clients sending one byte at a time (eight held all of cpp-httplib's workers):
    // half still in their headers, half in their bodies.
    std::vector<std::unique_ptr<RawClient>> slow;
    for (int n = 0; n < 16; ++n) {
        slow.push_back(std::make_unique<RawClient>(port));
        ASSERT_TRUE(slow.back()->connected());
        ASSERT_TRUE(slow.back()->send(n % 2 ? request_head("/twilio/sms?org=acme", 1000)
                                            : std::string("POST /twilio/sms?org=acme HTTP/1.1\r\nX")));
    }
    std::atomic<bool> stop{false};
    std::thread drip([&] {
        while (!stop) {
            for (auto& c : slow) c->send("a");
            std::this_thread::sleep_for(200ms);
        }
    });
    auto r = post_sms(sms("SM10", "The radiator in the bedroom is cold"));
    const bool slow_still_attached =
        std::none_of(slow.begin(), slow.end(), [](auto& c) { return c->closed_by_server(); });
    stop = true;
    drip.join();
    ASSERT_TRUE(r) << "the signed request got no answer while slow clients were attached";
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_TRUE(slow_still_attached);  // answered beside them, not after them
}

TEST_F(WebhookServerTest, TwoHundredIdleConnectionsDoNotDelayASignedRequest) {
    serve(false, {.max_connections_per_client = 300});
    std::vector<std::unique_ptr<RawClient>> idle;
    for (int n = 0; n < 200; ++n) {
        idle.push_back(std::make_unique<RawClient>(port));
        ASSERT_TRUE(idle.back()->connected());
    }
    auto r = post_sms(sms("SM11", "The hallway light is out"));
    ASSERT_TRUE(r) << "the signed request got no answer while 200 idle connections were open";
    EXPECT_EQ(r->status, 200) << r->body;
}

TEST_F(WebhookServerTest, ConnectionsAreLimitedPerClientAddress) {
    serve(false, {.max_connections_per_client = 4});
    std::vector<std::unique_ptr<RawClient>> held;
    for (int n = 0; n < 4; ++n) held.push_back(std::make_unique<RawClient>(port, "127.0.0.1"));
    RawClient extra(port, "127.0.0.1");
    // The fifth connection of 127.0.0.1 is closed at once, without an answer.
    EXPECT_EQ(extra.read_all(), "");
    // Another client address is served.
    RawClient other(port, "127.0.0.2");
    ASSERT_TRUE(other.send(signed_request("SM12", "The dishwasher leaks", true)));
    EXPECT_TRUE(other.read_all().starts_with("HTTP/1.1 200")) << "served another address";
}

TEST_F(WebhookServerTest, ConnectionsOverTheTotalCapWaitUnansweredUntilOneCloses) {
    // Four connections at most (two threads, two each), from four client addresses: the
    // per-client limit is not what holds the fifth back.
    serve(false, {.threads = 2, .max_connections = 4, .idle_timeout = 30s});
    std::vector<std::unique_ptr<RawClient>> held;
    for (int n = 1; n <= 4; ++n) {
        held.push_back(std::make_unique<RawClient>(port, "127.0.0." + std::to_string(n)));
        ASSERT_TRUE(held.back()->connected());
    }
    ASSERT_TRUE(eventually([&] { return server->stats().open == 4; }));
    // The fifth completes its handshake with the kernel and waits in the listen backlog: not
    // accepted, so neither answered nor closed while the four are open.
    RawClient fifth(port, "127.0.0.5");
    ASSERT_TRUE(fifth.connected());
    ASSERT_TRUE(fifth.send(signed_request("SM30", "The garage door is stuck open", true)));
    EXPECT_EQ(fifth.read_all(1500ms), "");
    EXPECT_FALSE(fifth.closed());
    // The four are served meanwhile.
    for (std::size_t n = 1; n < held.size(); ++n) {
        ASSERT_TRUE(held[n]->send(
            signed_request("SM3" + std::to_string(n), "The recycling was not collected", false)));
        EXPECT_TRUE(held[n]->read_response().starts_with("HTTP/1.1 200"));
    }
    EXPECT_EQ(server->stats().open, 4u);
    // One closes: the fifth is accepted and its request answered.
    held[0].reset();
    const auto answer = fifth.read_all();
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 200")) << answer.substr(0, 60);
    EXPECT_EQ(server->stats().handled, 4u);
}

TEST_F(WebhookServerTest, ABodyCutShortIsNeverProcessed) {
    serve(false);
    const auto body = form_body(sms("SM13", std::string(600, 'b')));
    {
        RawClient c(port);
        ASSERT_TRUE(c.send(request_head("/twilio/sms?org=acme", body.size()) +
                           body.substr(0, body.size() / 2)));
    }  // the client goes away halfway through its body
    ASSERT_TRUE(eventually([&] { return server->stats().incomplete == 1; }));
    EXPECT_EQ(server->stats().handled, 0u);
    EXPECT_TRUE(raw().empty());  // nothing kept cut in half
    EXPECT_TRUE(coordinator->webhook_rejections(org).empty());
}

TEST_F(WebhookServerTest, ARequestPastTheDeadlineGets408AndIsNotProcessed) {
    serve(false, {.request_deadline = 1000ms});
    RawClient drip(port);
    ASSERT_TRUE(drip.send(request_head("/twilio/sms?org=acme", 1000) + "MessageSid=SM14"));
    std::atomic<bool> stop{false};
    std::thread feeder([&] {
        for (int n = 0; n < 50 && !stop; ++n) {  // one byte every 200 ms: 10 s at most
            drip.send("a");
            std::this_thread::sleep_for(200ms);
        }
    });
    const auto answer = drip.read_all();
    stop = true;
    feeder.join();
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 408")) << answer.substr(0, 60);
    // A client that stalls in its body (sends nothing more) is answered 408 at the deadline, and
    // so is one that stalls in its headers: each has started a request. (Before, both were
    // closed without an answer.)
    RawClient stalled(port);
    ASSERT_TRUE(stalled.send(request_head("/twilio/sms?org=acme", 1000) + "MessageSid=SM15"));
    RawClient stalled_head(port);
    ASSERT_TRUE(stalled_head.send("POST /twilio/sms?org=acme HTTP/1.1\r\nHost: 127.0.0.1\r\nX-"));
    for (auto* c : {&stalled, &stalled_head}) {
        const auto got = c->read_all();
        EXPECT_TRUE(got.starts_with("HTTP/1.1 408 Request Timeout\r\n")) << got.substr(0, 60);
        EXPECT_NE(got.find("Connection: close\r\n"), std::string::npos) << got;
        EXPECT_TRUE(got.ends_with("request not complete within 1000 ms\n")) << got;
        EXPECT_TRUE(c->closed()) << "closed after the answer";
    }
    EXPECT_EQ(server->stats().timed_out, 3u);
    EXPECT_EQ(server->stats().handled, 0u);
    EXPECT_TRUE(raw().empty());
}

TEST_F(WebhookServerTest, AKeptAliveConnectionsNextRequestIsBoundedFromItsFirstByte) {
    // The deadline of a second request on a kept-alive connection started at its request line:
    // a request line sent one byte at a time was bounded only by the idle timeout, which each
    // byte resets.
    serve(false, {.idle_timeout = 5s, .request_deadline = 1000ms});
    RawClient c(port);
    ASSERT_TRUE(c.send(signed_request("SM20", "The boiler makes a loud banging noise", false)));
    ASSERT_TRUE(c.read_response().starts_with("HTTP/1.1 200"));
    // The next request line, one byte every 100 ms: 12 s of it if nothing cuts it short.
    const std::string line =
        "POST /twilio/sms?org=acme&pad=" + std::string(90, 'p') + " HTTP/1.1\r\n";
    std::atomic<std::size_t> sent{0};
    std::atomic<bool> stop{false};
    std::thread drip([&] {
        for (const char ch : line) {
            if (stop || !c.send(std::string(1, ch))) break;
            ++sent;
            std::this_thread::sleep_for(100ms);
        }
    });
    const auto answer = c.read_all();
    const std::size_t sent_when_answered = sent;
    stop = true;
    drip.join();
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 408")) << answer.substr(0, 60);
    EXPECT_TRUE(c.closed());
    EXPECT_LT(sent_when_answered, line.size()) << "cut off only after the whole request line";
    EXPECT_EQ(server->stats().timed_out, 1u);
    EXPECT_EQ(server->stats().handled, 1u);
}

TEST_F(WebhookServerTest, AKeptAliveConnectionMayWaitLongerThanTheDeadlineForItsNextRequest) {
    // The deadline runs from a request's first byte, not from the previous response: a client
    // that keeps its connection for a later request is bounded by the idle timeout.
    serve(false, {.idle_timeout = 10s, .request_deadline = 500ms});
    RawClient c(port);
    ASSERT_TRUE(c.send(signed_request("SM21", "The mailbox lock is broken", false)));
    ASSERT_TRUE(c.read_response().starts_with("HTTP/1.1 200"));
    std::this_thread::sleep_for(1500ms);  // three deadlines, well within the idle timeout
    ASSERT_TRUE(c.send(signed_request("SM22", "The intercom does not ring", false)));
    const auto second = c.read_response();
    EXPECT_TRUE(second.starts_with("HTTP/1.1 200")) << second.substr(0, 60);
    EXPECT_EQ(server->stats().timed_out, 0u);
    EXPECT_EQ(server->stats().handled, 2u);
}

TEST_F(WebhookServerTest, AnIdleConnectionIsClosedAfterTheIdleTimeout) {
    // Idle from the accept, and idle after a response (kept alive): both are closed after the
    // idle timeout, without an answer, long before the request deadline could apply.
    serve(false, {.idle_timeout = 1s, .request_deadline = 30000ms});
    RawClient fresh(port);
    RawClient kept(port);
    ASSERT_TRUE(kept.send(signed_request("SM23", "The stairwell light flickers", false)));
    ASSERT_TRUE(kept.read_response().starts_with("HTTP/1.1 200"));
    for (auto* c : {&fresh, &kept}) {
        EXPECT_EQ(c->read_all(), "");
        EXPECT_TRUE(c->closed()) << "still open at the 10 s read bound";
    }
    EXPECT_EQ(server->stats().timed_out, 0u);  // the idle timeout's doing, not the deadline's
    EXPECT_EQ(server->stats().incomplete, 0u);
}

TEST_F(WebhookServerTest, BodiesOverTheLimitGet413BeforeAnythingIsProcessed) {
    serve(false, {.max_request_bytes = 64 * 1024});
    {
        RawClient declared(port);  // Content-Length says too much: refused before the body
        ASSERT_TRUE(declared.send(request_head("/sendgrid/inbound?org=acme", 1u << 20,
                                               kMultipartType)));
        EXPECT_TRUE(declared.read_all().starts_with("HTTP/1.1 413"));
    }
    {
        RawClient chunked(port);  // no length: refused once the bytes pass the limit
        std::string head = "POST /twilio/sms?org=acme HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           "Content-Type: application/x-www-form-urlencoded\r\n"
                           "Transfer-Encoding: chunked\r\n\r\n";
        ASSERT_TRUE(chunked.send(head));
        const std::string chunk(16 * 1024, 'c');
        for (int n = 0; n < 6; ++n) {
            if (!chunked.send("4000\r\n" + chunk + "\r\n")) break;
        }
        chunked.send("0\r\n\r\n");
        EXPECT_TRUE(chunked.read_all().starts_with("HTTP/1.1 413"));
    }
    EXPECT_EQ(server->stats().handled, 0u);
    EXPECT_EQ(server->stats().too_large, 2u);
    EXPECT_TRUE(raw().empty());
}

TEST_F(WebhookServerTest, InboundParseEmailIsIngestedThroughTheServer) {
    serve(false);
    using propos::testing::multipart;
    using propos::testing::Part;
    const auto body = multipart({
        {.name = "headers",
         .value = "Message-ID: <m1@example.com>\r\nFrom: Lena Park <lena@example.com>\r\n"
                  "To: maint@parse.acme.test\r\nSubject: Leak under the sink\r\n"},
        {.name = "from", .value = "Lena Park <lena@example.com>"},
        {.name = "to", .value = "maint@parse.acme.test"},
        {.name = "subject", .value = "Leak under the sink"},
        {.name = "text", .value = "Water is leaking under the kitchen sink."},
        {.name = "envelope",
         .value = R"({"to":["maint@parse.acme.test"],"from":"lena@example.com"})"},
        {.name = "charsets", .value = R"({"to":"UTF-8","subject":"UTF-8","text":"UTF-8"})"},
        {.name = "SPF", .value = "pass"},
    });
    auto r = client->Post("/sendgrid/inbound?org=acme&token=" + kInboundToken, body,
                          kMultipartType);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
    std::vector<Message> inbound;
    store->read([&](Transaction& tx) {
        for (auto& m : tx.list<Message>(org))
            if (m.direction == Direction::kInbound) inbound.push_back(m);
    });
    ASSERT_EQ(inbound.size(), 1u);
    EXPECT_EQ(inbound[0].channel, Channel::kEmail);
    EXPECT_NE(inbound[0].body.find("leaking under the kitchen sink"), std::string::npos);
    ASSERT_EQ(raw("processed").size(), 1u);  // kept raw, then parsed
    // A wrong token: refused, not kept.
    r = client->Post("/sendgrid/inbound?org=acme&token=guess", body, kMultipartType);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
    EXPECT_EQ(raw().size(), 1u);
}

TEST_F(WebhookServerTest, UnconfiguredRoutesAnswer404AndKeepNothing) {
    serve(false);
    const std::string big(1u << 20, 'z');
    auto r = client->Post("/pms/buildium?org=acme", big, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
    EXPECT_TRUE(raw().empty());
    EXPECT_TRUE(coordinator->webhook_rejections(org).empty());
}
TEST_F(WebhookServerTest, BodiesHeldInMemoryAreCappedAcrossRequests) {
    // Eight 60 MB bodies at once took the old server to 777 MB: the sum is capped (503, retry).
    serve(false, {.max_request_bytes = 1u << 20,
                  .max_buffered_bytes = 96 * 1024,
                  .request_deadline = 2000ms});
    const std::string part(60 * 1024, 'h');
    RawClient first(port);
    RawClient second(port);
    ASSERT_TRUE(first.send(request_head("/twilio/sms?org=acme", 512 * 1024) + part));
    ASSERT_TRUE(second.send(request_head("/twilio/sms?org=acme", 512 * 1024) + part));
    // The bytes that go over the cap are refused at once (503); the other request waits for the
    // rest of its body until the deadline cuts it off.
    const auto a = first.read_all().substr(0, 12);
    const auto b = second.read_all().substr(0, 12);
    EXPECT_EQ((a == "HTTP/1.1 503") + (b == "HTTP/1.1 503"), 1) << a << " / " << b;
    EXPECT_EQ(a.find("200"), std::string::npos);
    EXPECT_EQ(b.find("200"), std::string::npos);
    EXPECT_EQ(server->stats().over_budget, 1u);
    EXPECT_EQ(server->stats().handled, 0u);
}

TEST_F(WebhookServerTest, TheListenBacklogIsTheConfiguredOne) {
    serve(false, {.listen_backlog = 777});
    // ss reports a listening socket's backlog in its Send-Q column (cpp-httplib's was 5).
    const std::string cmd = "ss -ltnH 'sport = :" + std::to_string(port) + "'";
    FILE* pipe = ::popen(cmd.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string out;
    char buf[512];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    ::pclose(pipe);
    std::istringstream fields(out);
    std::string state, recv_q, send_q;
    fields >> state >> recv_q >> send_q;
    EXPECT_EQ(state, "LISTEN") << out;
    EXPECT_EQ(send_q, "777") << out;
}
// ---- end front door ----

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
