// AppFolio: detached JWS (PS256) against a JWKS made here with OpenSSL, webhook normalization and
// dead letters, work order fetch / push-back against a loopback server.
#include <httplib.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <mutex>

#include "loopback_server.hpp"
#include "propos/pms/appfolio.hpp"
#include "test_util.hpp"

namespace propos::pms {
namespace {

using propos::testing::expect_error;

std::string b64url(const std::string& raw) {
    std::string out(4 * ((raw.size() + 2) / 3), '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(raw.data()), static_cast<int>(raw.size()));
    out.resize(static_cast<std::size_t>(n));
    while (!out.empty() && out.back() == '=') out.pop_back();
    for (auto& c : out) {
        if (c == '+') c = '-';
        if (c == '/') c = '_';
    }
    return out;
}

// An RSA key pair made for the test, with its JWKS and a PS256 detached signer.
class RsaSigner {
public:
    explicit RsaSigner(std::string kid) : kid_(std::move(kid)) { key_ = EVP_RSA_gen(2048); }
    ~RsaSigner() { EVP_PKEY_free(key_); }
    Json jwk() const {
        return Json{{"kty", "RSA"}, {"alg", "PS256"}, {"use", "sig"}, {"kid", kid_}, {"n", bn(OSSL_PKEY_PARAM_RSA_N)},
                    {"e", bn(OSSL_PKEY_PARAM_RSA_E)}};
    }
    std::string jwks() const { return Json{{"keys", Json::array({jwk()})}}.dump(); }
    std::string sign(const std::string& payload, Json header = {}, bool b64 = true) const {
        if (header.is_null()) header = Json{{"alg", "PS256"}, {"kid", kid_}};
        const auto h = b64url(header.dump());
        const std::string input = h + "." + (b64 ? b64url(payload) : payload);
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        EVP_PKEY_CTX* pctx = nullptr;
        EVP_DigestSignInit(ctx, &pctx, EVP_sha256(), nullptr, key_);
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 32);
        EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256());
        std::size_t len = 0;
        EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size());
        std::string sig(len, '\0');
        EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                       reinterpret_cast<const unsigned char*>(input.data()), input.size());
        EVP_MD_CTX_free(ctx);
        sig.resize(len);
        return h + ".." + b64url(sig);
    }

private:
    std::string bn(const char* name) const {
        BIGNUM* b = nullptr;
        EVP_PKEY_get_bn_param(key_, name, &b);
        std::string raw(static_cast<std::size_t>(BN_num_bytes(b)), '\0');
        BN_bn2bin(b, reinterpret_cast<unsigned char*>(raw.data()));
        BN_free(b);
        return b64url(raw);
    }
    std::string kid_;
    EVP_PKEY* key_ = nullptr;
};

const std::string kBody =
    R"({"client_id":"example_id","id":"evt-uuid-1","topic":"work_order_updates","entity_id":"wo-uuid-9","update_timestamp":"2026-01-05T08:55:12Z","message_sent_at":"2026-01-05T08:59:30Z"})";

TEST(DetachedJws, Ps256VerifiesAndNothingElseDoes) {
    RsaSigner signer("k1");
    RsaSigner other("k1");
    const auto jwks = signer.jwks();
    std::string why;
    EXPECT_TRUE(verify_detached_jws(signer.sign(kBody), kBody, jwks, &why)) << why;
    EXPECT_FALSE(verify_detached_jws(signer.sign(kBody), kBody + " ", jwks, &why));
    EXPECT_EQ(why, "JWS signature does not match");
    EXPECT_FALSE(verify_detached_jws(other.sign(kBody), kBody, jwks));
    EXPECT_FALSE(verify_detached_jws(signer.sign(kBody, Json{{"alg", "PS256"}, {"kid", "k2"}}), kBody, jwks, &why));
    EXPECT_EQ(why, "JWS key id is not in the key set");
    EXPECT_FALSE(verify_detached_jws(signer.sign(kBody, Json{{"alg", "RS256"}, {"kid", "k1"}}), kBody, jwks, &why));
    EXPECT_EQ(why, "JWS algorithm is not PS256");
    EXPECT_FALSE(verify_detached_jws(b64url(R"({"alg":"none"})") + "..", kBody, jwks));
    EXPECT_FALSE(verify_detached_jws("garbage", kBody, jwks));
    EXPECT_FALSE(verify_detached_jws(signer.sign(kBody), kBody, R"({"keys":[]})", &why));
    // Without a kid every key is tried; RFC 7797 unencoded payloads are understood.
    EXPECT_TRUE(verify_detached_jws(signer.sign(kBody, Json{{"alg", "PS256"}}), kBody, jwks));
    EXPECT_TRUE(verify_detached_jws(signer.sign(kBody, Json{{"alg", "PS256"}, {"b64", false}, {"crit", {"b64"}}}, false),
                                    kBody, jwks));
}

class FakeHttp final : public HttpClient {
public:
    std::function<HttpResponse(const HttpRequest&)> handler;
    std::vector<HttpRequest> requests;
    HttpResponse send(const HttpRequest& request) override {
        requests.push_back(request);
        return handler(request);
    }
};

class AppFolioTest : public ::testing::Test {
protected:
    RsaSigner signer{"kid-1"};
    std::shared_ptr<FakeHttp> http = std::make_shared<FakeHttp>();
    const Timestamp now = parse_time("2026-01-05T09:00:00Z");
    AppFolioOptions options() const {
        AppFolioOptions o;
        o.base_url = "https://acme.appfolio.test";
        o.client_id = "example_id";
        o.client_secret = "shh";
        o.developer_id = "dev-7";
        o.jwks_json = signer.jwks();
        o.sleeper = [](Millis) {};
        return o;
    }
    HttpHeaders headers(const std::string& body) const {
        return {{"Content-Type", "application/json"}, {"X-JWS-Signature", signer.sign(body)}};
    }
};

TEST_F(AppFolioTest, WebhookBecomesWorkOrderEvent) {
    AppFolioAdapter a(http, options());
    EXPECT_EQ(a.system(), "appfolio");
    const auto r = a.handle_webhook("POST", "https://hooks.example/af", headers(kBody), kBody, now);
    ASSERT_EQ(r.kind, PmsWebhookResult::Kind::kEvents) << r.dead_letter_reason;
    ASSERT_EQ(r.events.size(), 1u);
    const auto& e = r.events[0];
    EXPECT_EQ(e.system, "appfolio");
    EXPECT_EQ(e.event_id, "evt-uuid-1");
    EXPECT_EQ(e.topic, "work_order_updates");
    EXPECT_EQ(e.entity, (PmsEntityRef{"appfolio", PmsEntityKind::kWorkOrder, "wo-uuid-9", "example_id"}));
    EXPECT_EQ(e.occurred_at, parse_time("2026-01-05T08:55:12Z"));
    EXPECT_EQ(e.sent_at, parse_time("2026-01-05T08:59:30Z"));
    EXPECT_EQ(r.source, "appfolio");
    EXPECT_TRUE(http->requests.empty());  // thin notification: nothing fetched yet

    const std::string other = R"({"client_id":"example_id","id":"e2","topic":"tenant_updates","entity_id":"t1"})";
    EXPECT_EQ(a.handle_webhook("POST", "u", headers(other), other, now).kind, PmsWebhookResult::Kind::kIgnored);
}

TEST_F(AppFolioTest, WebhookDeadLetters) {
    AppFolioAdapter a(http, options());
    auto check = [](const PmsWebhookResult& r, int status, const std::string& fragment) {
        EXPECT_EQ(r.kind, PmsWebhookResult::Kind::kDeadLetter);
        EXPECT_EQ(r.http_status, status);
        EXPECT_NE(r.dead_letter_reason.find(fragment), std::string::npos) << r.dead_letter_reason;
    };
    check(a.handle_webhook("GET", "u", headers(kBody), kBody, now), 405, "method");
    check(a.handle_webhook("POST", "u", {{"Content-Type", "application/json"}}, kBody, now), 401, "missing X-JWS-Signature");
    check(a.handle_webhook("POST", "u", headers(kBody), kBody + "\n", now), 403, "does not match");
    check(a.handle_webhook("POST", "u", headers(kBody), kBody, now + std::chrono::hours(3)), 403, "replayed");
    check(a.handle_webhook("POST", "u", {{"Content-Type", "text/plain"}, {"X-JWS-Signature", "x"}}, kBody, now), 415,
          "content type");
    const std::string foreign = R"({"client_id":"someone_else","id":"e","topic":"work_order_updates","entity_id":"w"})";
    check(a.handle_webhook("POST", "u", headers(foreign), foreign, now), 403, "another AppFolio client_id");
    const std::string junk = "{not json";
    check(a.handle_webhook("POST", "u", headers(junk), junk, now), 400, "AppFolio notification");
    const std::string thin = R"({"client_id":"example_id","id":"e"})";
    check(a.handle_webhook("POST", "u", headers(thin), thin, now), 400, "lacks topic or entity_id");
    auto no_keys = options();
    no_keys.jwks_json.clear();
    AppFolioAdapter b(http, no_keys);
    check(b.handle_webhook("POST", "u", headers(kBody), kBody, now), 500, "JWKS not configured");
    auto tiny = options();
    tiny.max_body_bytes = 10;
    AppFolioAdapter c(http, tiny);
    check(c.handle_webhook("POST", "u", headers(kBody), kBody, now), 413, "exceeds");
}

TEST_F(AppFolioTest, KeyRotation) {
    AppFolioAdapter a(http, options());
    RsaSigner next("kid-2");
    const HttpHeaders h{{"Content-Type", "application/json"}, {"X-JWS-Signature", next.sign(kBody)}};
    EXPECT_EQ(a.handle_webhook("POST", "u", h, kBody, now).http_status, 403);
    http->handler = [&](const HttpRequest& r) {
        EXPECT_EQ(r.url, "https://api.appfolio.com/.well-known/jwks.json");
        HttpResponse resp;
        resp.status = 200;
        resp.body = next.jwks();
        return resp;
    };
    a.refresh_jwks();
    EXPECT_TRUE(a.handle_webhook("POST", "u", h, kBody, now).ok());
    expect_error([&] { a.set_jwks(R"({"keys":[{"kty":"EC"}]})"); }, ErrorCode::kInvalidArgument, "no usable RSA");
    expect_error([&] { AppFolioAdapter(http, AppFolioOptions{}); }, ErrorCode::kInvalidArgument, "base_url");
    expect_error([&] { a.poll("", now); }, ErrorCode::kFailedPrecondition, "webhook");
}

TEST(AppFolioNormalize, ApiAndReportFields) {
    const auto api = AppFolioAdapter::normalize(Json::parse(R"({
      "Id":"wo-1","PropertyId":"p-1","UnitId":"u-4b","Status":"Scheduled","Priority":"Urgent",
      "JobDescription":"Kitchen sink leaking under cabinet\nsince Monday","VendorId":"v-9","VendorTrade":"Plumbing",
      "PermissionToEnter":true,"ScheduledStart":"2026-01-06T15:00:00Z","ScheduledEnd":"2026-01-06T17:00:00Z"})"));
    EXPECT_EQ(api.ref.id, "wo-1");
    EXPECT_EQ(api.status, WorkOrderStatus::kScheduled);
    EXPECT_EQ(api.priority, Priority::kUrgent);
    EXPECT_EQ(api.title, "Kitchen sink leaking under cabinet");
    EXPECT_EQ(api.vendor_trade, "Plumbing");
    EXPECT_EQ(api.entry_permitted, true);
    EXPECT_EQ(api.scheduled_start, parse_time("2026-01-06T15:00:00Z"));
    const auto report = AppFolioAdapter::normalize(Json::parse(R"({
      "work_order_id":"wo-2","status":"Work Done","priority":"Emergency","work_order_type":"Resident",
      "vendor_id":"v-1","vendor_trade":"HVAC","service_request_description":"No heat",
      "estimate_amount":"1,250.00","maintenance_limit":500,"scheduled_start":"01/06/2026",
      "work_completed_on":"2026-01-07","vendor_bill_id":"b-3"})"));
    EXPECT_EQ(report.ref.id, "wo-2");
    EXPECT_EQ(report.status, WorkOrderStatus::kCompleted);
    EXPECT_EQ(report.priority, Priority::kEmergency);
    EXPECT_EQ(report.category, "Resident");
    EXPECT_EQ(report.description, "No heat");
    EXPECT_EQ(report.amount, Money::cents(125000));
    EXPECT_EQ(report.maintenance_limit, Money::cents(50000));
    EXPECT_EQ(report.scheduled_start, parse_time("2026-01-06"));
    EXPECT_EQ(report.completed_at, parse_time("2026-01-07"));
}

TEST(AppFolioLoopback, FetchAndPushUpdate) {
    propos::testing::LoopbackServer loop;
    auto& server = loop.server();
    std::mutex mu;
    std::vector<std::string> log;
    server.Get("/api/v0/work_orders", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(mu);
        log.push_back("GET " + req.get_param_value("filters[Id]") + " " + req.get_header_value("Authorization") + " " +
                      req.get_header_value("X-AppFolio-Developer-ID"));
        if (req.get_param_value("filters[Id]") == "missing") {
            res.set_content(R"({"data":[]})", "application/json");
            return;
        }
        res.set_content(R"({"data":[{"Id":"wo-7","Status":"Assigned","Priority":"Normal","JobDescription":"Dripping tap","UnitId":"u-1"}],"next_page_path":null})",
                        "application/json");
    });
    server.Patch(R"(/api/v0/work_orders/([\w-]+))", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(mu);
        log.push_back("PATCH " + req.path + " " + req.body);
        res.status = 204;
        res.set_content("", "text/plain");
    });
    const auto base = loop.start();
    {
        AppFolioOptions o;
        o.base_url = base;
        o.client_id = "cid";
        o.client_secret = "csecret";
        o.developer_id = "dev-7";
        AppFolioAdapter a(make_curl_http_client(), o);
        const auto w = a.fetch({"appfolio", PmsEntityKind::kWorkOrder, "wo-7", "cid"});
        EXPECT_EQ(w.ref.id, "wo-7");
        EXPECT_EQ(w.status, WorkOrderStatus::kDispatched);
        EXPECT_EQ(w.description, "Dripping tap");
        EXPECT_EQ(w.ref.account, "cid");
        expect_error([&] { a.fetch({"appfolio", PmsEntityKind::kWorkOrder, "missing", ""}); }, ErrorCode::kNotFound,
                     "not found");
        expect_error([&] { a.fetch({"appfolio", PmsEntityKind::kWorkOrder, "../etc", ""}); }, ErrorCode::kInvalidArgument,
                     "malformed");
        a.push_update({{"appfolio", PmsEntityKind::kWorkOrder, "wo-7", ""}, WorkOrderStatus::kCompleted, "Fixed the washer"});
    }
    loop.stop();
    std::lock_guard lock(mu);
    ASSERT_EQ(log.size(), 3u);
    EXPECT_EQ(log[0], "GET wo-7 Basic Y2lkOmNzZWNyZXQ= dev-7");
    EXPECT_EQ(log[2], R"(PATCH /api/v0/work_orders/wo-7 {"Status":"Work Done","StatusNotes":"Fixed the washer"})");
}

}  // namespace
}  // namespace propos::pms
