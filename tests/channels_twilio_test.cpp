// Twilio: signature vectors published in the Twilio SDK test suites, the inbound webhook handler,
// media download, and the Messages API client (fake HttpClient and a loopback server).
#include <httplib.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "loopback_server.hpp"
#include "propos/channels/blob_store.hpp"
#include "propos/channels/twilio.hpp"
#include "test_util.hpp"
#include "webhook_signing.hpp"

namespace propos::channels {
namespace {

using propos::testing::expect_error;
using propos::testing::form_body;

// ---- signature: published vectors (twilio-python tests/unit/test_request_validator.py) ----

const std::string kToken = "12345";
const std::string kUri = "https://mycompany.com/myapp.php?foo=1&bar=2";
const FormParams kParams{{"CallSid", "CA1234567890ABCDE"},
                         {"Caller", "+14158675309"},
                         {"Digits", "1234"},
                         {"From", "+14158675309"},
                         {"To", "+18005551212"}};

TEST(TwilioSignature, ComputesPublishedExample) {
    EXPECT_EQ(compute_twilio_signature(kUri, kToken, kParams), "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    EXPECT_TRUE(verify_twilio_signature(kUri, kToken, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", kParams));
}

TEST(TwilioSignature, RejectsWrongTokenParamsOrSignature) {
    EXPECT_FALSE(verify_twilio_signature(kUri, "54321", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", kParams));
    auto tampered = kParams;
    tampered.find("Digits")->second = "9999";
    EXPECT_FALSE(verify_twilio_signature(kUri, kToken, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", tampered));
    EXPECT_FALSE(verify_twilio_signature(kUri, kToken, "RSOYDt4T1cUTdK1PDd93/VVr8B9=", kParams));
    EXPECT_FALSE(verify_twilio_signature(kUri, kToken, "", kParams));
    EXPECT_FALSE(verify_twilio_signature(kUri, "", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", kParams));
    EXPECT_FALSE(verify_twilio_signature(kUri + "&x=1", kToken, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", kParams));
}

TEST(TwilioSignature, RejectsASignatureWithALineEndOrAnythingButBase64) {
    // Issue 19: a signature with a trailing newline used to verify (it was trimmed).
    const std::string good = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    EXPECT_FALSE(verify_twilio_signature(kUri, kToken, good + "\n", kParams));
    EXPECT_FALSE(verify_twilio_signature(kUri, kToken, good + "\r\n", kParams));
    EXPECT_FALSE(verify_twilio_signature(kUri, kToken, "\n" + good, kParams));
    EXPECT_FALSE(verify_twilio_signature(kUri, kToken, good + ", " + good, kParams));
    EXPECT_FALSE(twilio_signature_well_formed(good + "\n"));
    EXPECT_TRUE(twilio_signature_well_formed(good));
    // Spaces and tabs around a header value are not part of it.
    EXPECT_TRUE(verify_twilio_signature(kUri, kToken, " " + good + "\t", kParams));
}

TEST(TwilioSignature, RepeatedKeysSortByValue) {
    const FormParams params{{"Sid", "CA123"}, {"SidAccount", "AC123"}, {"Digits", "5678"}, {"Digits", "1234"}};
    EXPECT_EQ(compute_twilio_signature(kUri, kToken, params), "IK+Dwps556ElfBT0I3Rgjkr1wJU=");
}

TEST(TwilioSignature, UrlsWithAndWithoutDefaultPorts) {
    // The port is removed when present...
    EXPECT_TRUE(verify_twilio_signature("https://mycompany.com:1234/myapp.php?foo=1&bar=2", kToken,
                                        "RSOYDt4T1cUTdK1PDd93/VVr8B8=", kParams));
    // ...the URL as given still counts (hash of the http URI with port 1234)...
    EXPECT_TRUE(verify_twilio_signature("http://mycompany.com:1234/myapp.php?foo=1&bar=2", kToken,
                                        "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=", kParams));
    // ...and the default port is added when absent.
    EXPECT_TRUE(verify_twilio_signature(kUri, kToken, "kvajT1Ptam85bY51eRf/AJRuM3w=", kParams));
    EXPECT_TRUE(verify_twilio_signature("http://mycompany.com/myapp.php?foo=1&bar=2", kToken,
                                        "0ZXoZLH/DfblKGATFgpif+LLRf4=", kParams));
}

TEST(TwilioSignature, JsonBodyVariant) {
    const std::string body = "{\"property\": \"value\", \"boolean\": true}";
    const std::string url =
        kUri + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    EXPECT_TRUE(verify_twilio_signature(url, kToken, "a9nBmqA0ju/hNViExpshrM61xv4=", {}, body));
    EXPECT_FALSE(verify_twilio_signature(url, kToken, "a9nBmqA0ju/hNViExpshrM61xv4=", {}, body + " "));
    EXPECT_FALSE(verify_twilio_signature(kUri, kToken, "a9nBmqA0ju/hNViExpshrM61xv4=", {}, body));
}

TEST(TwilioSignature, SingleQuoteEscapedOrNot) {
    // twilio-node: a proxy may turn ' into %27 in the query (or back).
    const std::string plain = "https://example.com/path?test=param'WithQuote";
    const std::string escaped = "https://example.com/path?test=param%27WithQuote";
    const auto sig_plain = compute_twilio_signature(plain, "s3cr3t", {});
    const auto sig_escaped = compute_twilio_signature(escaped, "s3cr3t", {});
    EXPECT_TRUE(verify_twilio_signature(escaped, "s3cr3t", sig_plain, {}));
    EXPECT_TRUE(verify_twilio_signature(plain, "s3cr3t", sig_escaped, {}));
    EXPECT_FALSE(verify_twilio_signature("https://example.com/path?test=param2", "s3cr3t",
                                         compute_twilio_signature("https://example.com/path?test=param", "s3cr3t", {}),
                                         {}));
}

// ---- webhook handler ----


class TwilioWebhookTest : public ::testing::Test {
protected:
    const std::string url = "https://hooks.example.com/twilio/sms?org=acme";
    const std::string token = "tok_test_secret";
    const Timestamp now = ManualClock::default_start();
    TwilioWebhookOptions options() const {
        TwilioWebhookOptions o;
        o.auth_token = token;
        o.account_sid = "AC123";
        o.our_numbers = {"(415) 555-0100"};
        return o;
    }
    std::vector<std::pair<std::string, std::string>> sms_fields(const std::string& body = "My sink is leaking") {
        return {{"MessageSid", "SM0001"}, {"SmsSid", "SM0001"}, {"AccountSid", "AC123"},
                {"From", "+14155550123"}, {"To", "+14155550100"}, {"Body", body},
                {"NumMedia", "0"},        {"FromCity", "SAN FRANCISCO"}, {"SmsStatus", "received"}};
    }
    HttpHeaders signed_headers(const std::vector<std::pair<std::string, std::string>>& fields) const {
        FormParams p(fields.begin(), fields.end());
        return {{"Content-Type", "application/x-www-form-urlencoded"},
                {"X-Twilio-Signature", compute_twilio_signature(url, token, p)}};
    }
    WebhookResult post(const std::vector<std::pair<std::string, std::string>>& fields,
                       TwilioWebhookOptions o) {
        return handle_twilio_webhook(o, "POST", url, signed_headers(fields), form_body(fields), now);
    }
};

TEST_F(TwilioWebhookTest, InboundSmsBecomesMessageWithEmptyTwiml) {
    const auto r = post(sms_fields("  My sink is leaking  "), options());
    ASSERT_EQ(r.kind, WebhookKind::kMessage) << r.dead_letter_reason;
    EXPECT_EQ(r.http_status, 200);
    EXPECT_EQ(r.response_content_type, "text/xml");
    EXPECT_EQ(r.response_body, twiml_empty());
    EXPECT_EQ(r.source, "twilio");
    ASSERT_TRUE(r.message);
    const auto& m = *r.message;
    EXPECT_EQ(m.provider, "twilio");
    EXPECT_EQ(m.provider_message_id, "SM0001");
    EXPECT_EQ(m.channel, Channel::kSms);
    EXPECT_EQ(m.from, "+14155550123");
    EXPECT_EQ(m.to, "+14155550100");
    EXPECT_EQ(m.text, "My sink is leaking");
    EXPECT_EQ(m.raw_text, "  My sink is leaking  ");
    EXPECT_EQ(m.received_at, now);
    EXPECT_EQ(m.keyword, SmsKeyword::kNone);
    EXPECT_EQ(m.metadata.value("FromCity", ""), "SAN FRANCISCO");
    EXPECT_EQ(m.metadata.value("AccountSid", ""), "AC123");
}

TEST_F(TwilioWebhookTest, MmsMediaListedAsUrls) {
    auto f = sms_fields("photo of the leak");
    f[6] = {"NumMedia", "2"};
    f.push_back({"MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC123/Messages/SM0001/Media/ME1"});
    f.push_back({"MediaContentType0", "image/jpeg"});
    f.push_back({"MediaUrl1", "https://api.twilio.com/2010-04-01/Accounts/AC123/Messages/SM0001/Media/ME2"});
    f.push_back({"MediaContentType1", "video/mp4"});
    const auto r = post(f, options());
    ASSERT_EQ(r.kind, WebhookKind::kMessage) << r.dead_letter_reason;
    ASSERT_EQ(r.message->media.size(), 2u);
    EXPECT_EQ(r.message->media[0].content_type, "image/jpeg");
    EXPECT_EQ(r.message->media[0].filename, "ME1.jpg");
    EXPECT_EQ(r.message->media[1].filename, "ME2.mp4");
    EXPECT_TRUE(r.message->media[0].blob_key.empty());
}

TEST_F(TwilioWebhookTest, KeywordsRecognized) {
    EXPECT_EQ(post(sms_fields("STOP"), options()).message->keyword, SmsKeyword::kStop);
    EXPECT_EQ(post(sms_fields(" unsubscribe. "), options()).message->keyword, SmsKeyword::kStop);
    EXPECT_EQ(post(sms_fields("Start"), options()).message->keyword, SmsKeyword::kStart);
    EXPECT_EQ(post(sms_fields("help"), options()).message->keyword, SmsKeyword::kHelp);
    EXPECT_EQ(post(sms_fields("please stop the leak"), options()).message->keyword, SmsKeyword::kNone);
    auto f = sms_fields("Stop texting me");
    f.push_back({"OptOutType", "STOP"});  // Twilio Advanced Opt-Out recognized it
    EXPECT_EQ(post(f, options()).message->keyword, SmsKeyword::kStop);
}

TEST_F(TwilioWebhookTest, StatusCallbacksBecomeDeliveryUpdates) {
    auto status = [&](const std::string& s, const std::string& error = "") {
        std::vector<std::pair<std::string, std::string>> f{{"MessageSid", "SM9"}, {"AccountSid", "AC123"},
                                                           {"From", "+14155550100"}, {"To", "+14155550123"},
                                                           {"MessageStatus", s}, {"SmsStatus", s}};
        if (!error.empty()) f.push_back({"ErrorCode", error});
        return post(f, options());
    };
    auto r = status("delivered");
    ASSERT_EQ(r.kind, WebhookKind::kDeliveryUpdates) << r.dead_letter_reason;
    ASSERT_EQ(r.updates.size(), 1u);
    EXPECT_EQ(r.updates[0].provider_message_id, "SM9");
    EXPECT_EQ(r.updates[0].status, DeliveryStatus::kDelivered);
    EXPECT_EQ(r.updates[0].recipient, "+14155550123");
    EXPECT_EQ(status("sent").updates[0].status, DeliveryStatus::kSent);
    EXPECT_EQ(status("queued").updates[0].status, DeliveryStatus::kQueued);
    r = status("undelivered", "30003");
    EXPECT_EQ(r.updates[0].status, DeliveryStatus::kFailed);
    EXPECT_EQ(r.updates[0].reason, "30003");
    r = status("failed", "21610");
    EXPECT_EQ(r.updates[0].status, DeliveryStatus::kSuppressed);
    EXPECT_TRUE(r.updates[0].opt_out);
    EXPECT_EQ(status("weird").kind, WebhookKind::kIgnored);
}

TEST_F(TwilioWebhookTest, JsonBodyWithBodyHash) {
    const std::string body = R"({"MessageSid":"SMJ1","From":"+14155550123","To":"+14155550100","Body":"hi","AccountSid":"AC123"})";
    const std::string json_url = url + "&bodySHA256=" + sha256_hex(body);
    HttpHeaders h{{"Content-Type", "application/json"},
                  {"X-Twilio-Signature", compute_twilio_signature(json_url, token, {})}};
    auto r = handle_twilio_webhook(options(), "POST", json_url, h, body, now);
    ASSERT_EQ(r.kind, WebhookKind::kMessage) << r.dead_letter_reason;
    EXPECT_EQ(r.message->text, "hi");
    r = handle_twilio_webhook(options(), "POST", json_url, h, body + " ", now);
    EXPECT_EQ(r.http_status, 403);
}

TEST_F(TwilioWebhookTest, DeadLetters) {
    const auto f = sms_fields();
    const auto body = form_body(f);
    auto h = signed_headers(f);
    struct Case {
        std::string name;
        WebhookResult result;
        int status;
        ErrorCode code;
        std::string fragment;
    };
    std::vector<Case> cases;
    cases.push_back({"method", handle_twilio_webhook(options(), "GET", url, h, body, now), 405,
                     ErrorCode::kInvalidArgument, "method"});
    HttpHeaders json_type = h;
    json_type[0].second = "text/plain";
    cases.push_back({"content type", handle_twilio_webhook(options(), "POST", url, json_type, body, now), 415,
                     ErrorCode::kInvalidArgument, "content type"});
    HttpHeaders unsigned_h{{"Content-Type", "application/x-www-form-urlencoded"}};
    cases.push_back({"missing signature", handle_twilio_webhook(options(), "POST", url, unsigned_h, body, now),
                     401, ErrorCode::kPermissionDenied, "missing X-Twilio-Signature"});
    cases.push_back({"bad signature",
                     handle_twilio_webhook(options(), "POST", url + "&tampered=1", h, body, now), 403,
                     ErrorCode::kPermissionDenied, "does not match"});
    auto small = options();
    small.max_body_bytes = 10;
    cases.push_back({"too large", handle_twilio_webhook(small, "POST", url, h, body, now), 413,
                     ErrorCode::kResourceExhausted, "exceeds the limit"});
    auto no_token = options();
    no_token.auth_token.clear();
    cases.push_back({"no token", handle_twilio_webhook(no_token, "POST", url, h, body, now), 500,
                     ErrorCode::kFailedPrecondition, "auth token not configured"});
    const std::string bad_escape = body + "&Body2=%G1";
    FormParams none;
    HttpHeaders bad_h{{"Content-Type", "application/x-www-form-urlencoded"},
                      {"X-Twilio-Signature", "x"}};
    cases.push_back({"malformed", handle_twilio_webhook(options(), "POST", url, bad_h, bad_escape, now), 400,
                     ErrorCode::kInvalidArgument, "malformed form"});
    auto utf = sms_fields();
    utf[5].second = std::string("bad \xff\xfe bytes");
    cases.push_back({"utf8", post(utf, options()), 422, ErrorCode::kInvalidArgument, "not valid UTF-8"});
    auto unknown_to = sms_fields();
    unknown_to[4].second = "+14155550199";
    cases.push_back({"unknown number", post(unknown_to, options()), 422, ErrorCode::kInvalidArgument,
                     "unknown number +1415***0199"});
    auto bad_from = sms_fields();
    bad_from[3].second = "whatsapp:hello";
    cases.push_back({"from", post(bad_from, options()), 422, ErrorCode::kInvalidArgument, "not a phone number"});
    auto other_account = sms_fields();
    other_account[2].second = "AC999";
    cases.push_back({"account", post(other_account, options()), 403, ErrorCode::kPermissionDenied, "AccountSid"});
    auto no_sid = sms_fields();
    no_sid.erase(no_sid.begin(), no_sid.begin() + 2);
    cases.push_back({"no sid", post(no_sid, options()), 400, ErrorCode::kInvalidArgument, "missing MessageSid"});
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        EXPECT_EQ(c.result.kind, WebhookKind::kDeadLetter);
        EXPECT_FALSE(c.result.ok());
        EXPECT_EQ(c.result.http_status, c.status);
        EXPECT_EQ(c.result.error_code, c.code);
        EXPECT_NE(c.result.dead_letter_reason.find(c.fragment), std::string::npos) << c.result.dead_letter_reason;
        EXPECT_EQ(c.result.source, "twilio");
        // Reasons never carry the message body.
        EXPECT_EQ(c.result.dead_letter_reason.find("sink"), std::string::npos);
    }
}

TEST(Twiml, EscapesTextAndMedia) {
    EXPECT_EQ(twiml_message("Tom & <Jerry>"),
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Tom &amp; &lt;Jerry&gt;</Message></Response>");
    EXPECT_EQ(twiml_message("See", {"https://x/a.jpg?a=1&b=2"}),
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message><Body>See</Body>"
              "<Media>https://x/a.jpg?a=1&amp;b=2</Media></Message></Response>");
}

// ---- fakes ----

class FakeHttp final : public HttpClient {
public:
    std::function<HttpResponse(const HttpRequest&)> handler;
    HttpResponse send(const HttpRequest& request) override {
        {
            std::lock_guard lock(mu_);
            requests_.push_back(request);
        }
        return handler(request);
    }
    std::vector<HttpRequest> requests() {
        std::lock_guard lock(mu_);
        return requests_;
    }

private:
    std::mutex mu_;
    std::vector<HttpRequest> requests_;
};

HttpResponse respond(int status, std::string body, HttpHeaders headers = {}) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    return r;
}

TEST(TwilioMedia, FollowsRedirectWithoutLeakingCredentials) {
    auto http = std::make_shared<FakeHttp>();
    http->handler = [](const HttpRequest& r) {
        if (r.url.starts_with("https://api.twilio.com/")) {
            return respond(307, "", {{"Location", "https://media.storage.example/abc?sig=1"}});
        }
        return respond(200, std::string("\xff\xd8 jpeg bytes", 13), {{"Content-Type", "image/jpeg"}});
    };
    auto blobs = make_memory_blob_store();
    InboundMessage m;
    m.media.push_back({.content_type = "image/jpeg", .url = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/SM1/Media/ME1"});
    m.media.push_back({.content_type = "", .url = "ftp://nope"});
    const int stored = fetch_twilio_media(*http, *blobs, {.account_sid = "AC1", .auth_token = "tok"}, m);
    EXPECT_EQ(stored, 1);
    ASSERT_EQ(http->requests().size(), 2u);
    EXPECT_EQ(http->requests()[0].basic_auth, "AC1:tok");
    EXPECT_TRUE(http->requests()[1].basic_auth.empty());
    EXPECT_EQ(m.media[0].size, 13u);
    EXPECT_EQ(blobs->get(m.media[0].blob_key).value(), std::string("\xff\xd8 jpeg bytes", 13));
    EXPECT_FALSE(m.media[1].error.empty());
}

TEST(TwilioMedia, TooLargeIsAClearError) {
    auto http = std::make_shared<FakeHttp>();
    http->handler = [](const HttpRequest&) { return respond(200, std::string(2000, 'x')); };
    auto blobs = make_memory_blob_store();
    InboundMessage m;
    m.media.push_back({.content_type = "image/png", .url = "https://api.twilio.com/m/ME1"});
    EXPECT_EQ(fetch_twilio_media(*http, *blobs, {.account_sid = "AC1", .auth_token = "t", .max_bytes = 1000}, m), 0);
    EXPECT_EQ(m.media[0].error, "media of 2000 bytes exceeds the limit of 1000 bytes");
    EXPECT_TRUE(m.media[0].blob_key.empty());
    expect_error([&] { fetch_twilio_media(*http, *blobs, {}, m); }, ErrorCode::kInvalidArgument, "account sid");
}

// ---- Messages API client ----

TwilioOptions client_options() {
    TwilioOptions o;
    o.account_sid = "AC123";
    o.auth_token = "secret-token";
    o.from = "+14155550100";
    o.base_url = "https://twilio.test";
    o.sleeper = [](Millis) {};
    return o;
}

OutboundMessage sms(const std::string& key, const std::string& text = "Your plumber arrives at 10am") {
    OutboundMessage m;
    m.channel = Channel::kSms;
    m.idempotency_key = key;
    m.to = "(415) 555-0123";
    m.text = text;
    return m;
}

const std::string kCreated = R"({"sid":"SM42","status":"queued","num_segments":"1","error_code":null})";

TEST(TwilioClient, PostsFormWithBasicAuthAndParsesSid) {
    auto http = std::make_shared<FakeHttp>();
    http->handler = [](const HttpRequest&) { return respond(201, kCreated); };
    auto ch = make_twilio_channel(http, client_options());
    EXPECT_EQ(ch->channel(), Channel::kSms);
    EXPECT_EQ(ch->provider(), "twilio");
    auto m = sms("msg_1", "Hi & bye");
    m.media_urls = {"https://cdn.example/a.jpg"};
    const auto r = ch->send(m);
    EXPECT_EQ(r.provider_message_id, "SM42");
    EXPECT_EQ(r.status, DeliveryStatus::kQueued);
    EXPECT_EQ(r.provider_status, "queued");
    EXPECT_FALSE(r.duplicate);
    EXPECT_EQ(r.attempts, 1);
    const auto reqs = http->requests();
    ASSERT_EQ(reqs.size(), 1u);
    EXPECT_EQ(reqs[0].method, "POST");
    EXPECT_EQ(reqs[0].url, "https://twilio.test/2010-04-01/Accounts/AC123/Messages.json");
    EXPECT_EQ(reqs[0].basic_auth, "AC123:secret-token");
    EXPECT_EQ(find_header(reqs[0].headers, "content-type"), "application/x-www-form-urlencoded");
    EXPECT_EQ(reqs[0].body,
              "To=%2B14155550123&From=%2B14155550100&Body=Hi+%26+bye&MediaUrl=https%3A%2F%2Fcdn.example%2Fa.jpg");
}

TEST(TwilioClient, SameKeyIsSentOnce) {
    auto http = std::make_shared<FakeHttp>();
    http->handler = [](const HttpRequest&) { return respond(201, kCreated); };
    auto ch = make_twilio_channel(http, client_options());
    ch->send(sms("k1"));
    const auto again = ch->send(sms("k1"));
    EXPECT_TRUE(again.duplicate);
    EXPECT_EQ(again.provider_message_id, "SM42");
    EXPECT_EQ(http->requests().size(), 1u);
    ASSERT_TRUE(ch->find_sent("k1"));
    EXPECT_FALSE(ch->find_sent("k2"));
    ch->remember("k2", SendResult{.provider = "twilio", .provider_message_id = "SMold"});
    EXPECT_EQ(ch->send(sms("k2")).provider_message_id, "SMold");
    EXPECT_EQ(http->requests().size(), 1u);
}

TEST(TwilioClient, ConcurrentSendsOfOneKeySendOnce) {
    auto http = std::make_shared<FakeHttp>();
    std::atomic<int> calls{0};
    http->handler = [&](const HttpRequest&) {
        ++calls;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return respond(201, kCreated);
    };
    auto ch = make_twilio_channel(http, client_options());
    std::vector<std::thread> threads;
    std::atomic<int> duplicates{0};
    for (int i = 0; i < 6; ++i) {
        threads.emplace_back([&] {
            if (ch->send(sms("same")).duplicate) ++duplicates;
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(calls.load(), 1);
    EXPECT_EQ(duplicates.load(), 5);
}

TEST(TwilioClient, RetriesThenMapsErrors) {
    auto http = std::make_shared<FakeHttp>();
    int n = 0;
    http->handler = [&](const HttpRequest&) { return ++n < 3 ? respond(503, "busy") : respond(201, kCreated); };
    auto ch = make_twilio_channel(http, client_options());
    EXPECT_EQ(ch->send(sms("r1")).attempts, 3);

    http->handler = [](const HttpRequest&) { return respond(429, R"({"code":20429,"message":"Too Many Requests"})"); };
    expect_error([&] { ch->send(sms("r2")); }, ErrorCode::kUnavailable, "HTTP 429");
    // A failed send does not consume the key: a later retry sends.
    http->handler = [](const HttpRequest&) { return respond(201, kCreated); };
    EXPECT_FALSE(ch->send(sms("r2")).duplicate);

    http->handler = [](const HttpRequest&) {
        return respond(400, R"({"code":21610,"message":"Attempt to send to unsubscribed recipient +14155550123","status":400})");
    };
    expect_error([&] { ch->send(sms("r3")); }, ErrorCode::kFailedPrecondition, "replied STOP");
    try {
        ch->send(sms("r3b"));
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()).find("+14155550123"), std::string::npos) << "phone must be masked";
    }
    http->handler = [](const HttpRequest&) { return respond(401, R"({"code":20003,"message":"Authenticate"})"); };
    expect_error([&] { ch->send(sms("r4")); }, ErrorCode::kPermissionDenied, "20003");
    http->handler = [](const HttpRequest&) { return respond(400, R"({"code":21211,"message":"Invalid 'To' Phone Number"})"); };
    expect_error([&] { ch->send(sms("r5")); }, ErrorCode::kInvalidArgument, "21211");
}

TEST(TwilioClient, ValidatesBeforeSending) {
    auto http = std::make_shared<FakeHttp>();
    http->handler = [](const HttpRequest&) { return respond(201, kCreated); };
    auto ch = make_twilio_channel(http, client_options());
    expect_error([&] { ch->send(sms("")); }, ErrorCode::kInvalidArgument, "idempotency key");
    auto bad_to = sms("v1");
    bad_to.to = "not a number";
    expect_error([&] { ch->send(bad_to); }, ErrorCode::kInvalidArgument, "not a phone number");
    expect_error([&] { ch->send(sms("v2", "")); }, ErrorCode::kInvalidArgument, "neither text nor media");
    expect_error([&] { ch->send(sms("v3", std::string(1601, 'a'))); }, ErrorCode::kInvalidArgument, "1601 characters");
    EXPECT_NO_THROW(ch->send(sms("v4", std::string(1600, 'a'))));
    auto email = sms("v5");
    email.channel = Channel::kEmail;
    expect_error([&] { ch->send(email); }, ErrorCode::kInvalidArgument, "sends SMS");
    EXPECT_EQ(http->requests().size(), 1u);
    expect_error([&] { make_twilio_channel(http, TwilioOptions{}); }, ErrorCode::kInvalidArgument, "account sid");
}

TEST(TwilioClient, LoopbackServer) {
    propos::testing::LoopbackServer loop;
    std::mutex mu;
    std::string seen_auth, seen_body, seen_path;
    loop.server().Post(R"(/2010-04-01/Accounts/([A-Za-z0-9]+)/Messages\.json)",
                       [&](const httplib::Request& req, httplib::Response& res) {
                           std::lock_guard lock(mu);
                           seen_auth = req.get_header_value("Authorization");
                           seen_body = req.body;
                           seen_path = req.path;
                           res.status = 201;
                           res.set_content(R"({"sid":"SMloop","status":"accepted"})", "application/json");
                       });
    auto o = client_options();
    o.base_url = loop.start();
    o.messaging_service_sid = "MG1";
    o.from.clear();
    auto ch = make_twilio_channel(make_curl_http_client(), o);
    const auto r = ch->send(sms("loop-1", "hello"));
    ch.reset();  // closes the kept-alive connection, so the server stops at once
    loop.stop();
    EXPECT_EQ(r.provider_message_id, "SMloop");
    EXPECT_EQ(r.status, DeliveryStatus::kQueued);
    std::lock_guard lock(mu);
    EXPECT_EQ(seen_path, "/2010-04-01/Accounts/AC123/Messages.json");
    EXPECT_EQ(seen_auth, "Basic QUMxMjM6c2VjcmV0LXRva2Vu");
    EXPECT_EQ(seen_body, "To=%2B14155550123&MessagingServiceSid=MG1&Body=hello");
}

// ---- faults injected by a real HTTP server on loopback ----

class TwilioFaults : public ::testing::Test {
protected:
    std::unique_ptr<OutboundChannel> serve(propos::testing::ScriptedApi::Script script) {
        options.base_url = api.start(R"(/2010-04-01/Accounts/AC123/Messages\.json)", std::move(script));
        options.sleeper = api.sleeper();
        return make_twilio_channel(make_curl_http_client(), options);
    }
    TwilioOptions options = client_options();
    propos::testing::ScriptedApi api;
};

TEST_F(TwilioFaults, TooManyRequestsHonoursRetryAfter) {
    auto ch = serve([](int n, httplib::Response& res) {
        if (n == 1) {
            res.status = 429;
            res.set_header("Retry-After", "2");
            res.set_content(R"({"code":20429,"message":"Too Many Requests","status":429})", "application/json");
            return;
        }
        res.status = 201;
        res.set_content(R"({"sid":"SMafter429","status":"queued"})", "application/json");
    });
    const auto r = ch->send(sms("f-429"));
    EXPECT_EQ(r.provider_message_id, "SMafter429");
    EXPECT_EQ(r.attempts, 2);
    EXPECT_EQ(api.waits(), std::vector<Millis>{Millis(2000)});
}

TEST_F(TwilioFaults, ServiceUnavailableIsRetriedThenReportedRetryable) {
    auto ch = serve([](int n, httplib::Response& res) {
        if (n <= 2) {
            res.status = 503;
            res.set_content("upstream busy", "text/plain");
            return;
        }
        if (n == 3) {
            res.status = 201;
            res.set_content(R"({"sid":"SMafter503","status":"queued"})", "application/json");
            return;
        }
        res.status = 503;
    });
    EXPECT_EQ(ch->send(sms("f-503")).attempts, 3);
    // Out of retries: kUnavailable, so the delivery job retries later; the key is not consumed.
    expect_error([&] { ch->send(sms("f-503-b")); }, ErrorCode::kUnavailable, "HTTP 503");
    EXPECT_EQ(api.calls(), 3 + 3);
    EXPECT_FALSE(ch->find_sent("f-503-b"));
}

TEST_F(TwilioFaults, UnsubscribedRecipientIsPermanent) {
    auto ch = serve([](int, httplib::Response& res) {
        res.status = 400;
        res.set_content(R"({"code":21610,"message":"Attempt to send to unsubscribed recipient","status":400})",
                        "application/json");
    });
    expect_error([&] { ch->send(sms("f-stop")); }, ErrorCode::kFailedPrecondition, "replied STOP");
    EXPECT_EQ(api.calls(), 1);  // never retried
}

TEST_F(TwilioFaults, TimeoutIsRetryable) {
    options.timeout = Millis(200);
    options.retry.max_retries = 0;
    auto ch = serve([](int, httplib::Response& res) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        res.status = 201;
        res.set_content(R"({"sid":"SMlate","status":"queued"})", "application/json");
    });
    expect_error([&] { ch->send(sms("f-timeout")); }, ErrorCode::kUnavailable, "127.0.0.1");
    EXPECT_FALSE(ch->find_sent("f-timeout"));
}

}  // namespace
}  // namespace propos::channels
