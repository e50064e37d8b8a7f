// SendGrid: Event Webhook signature (published example and keys made here), event mapping,
// Inbound Parse (parsed fields and raw MIME through GMime), and the Mail Send client.
#include <httplib.h>

#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "loopback_server.hpp"
#include "propos/channels/blob_store.hpp"
#include "propos/channels/sendgrid.hpp"
#include "test_util.hpp"
#include "webhook_signing.hpp"

namespace propos::channels {
namespace {

using propos::testing::EcKey;
using propos::testing::multipart;
using propos::testing::Part;
using propos::testing::expect_error;

// ---- signature: the published example (sendgrid-nodejs tests) ----

const std::string kPublicKey =
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==";
const std::string kTimestamp = "1588788367";
const std::string kPayload = R"({"category":"example_payload","event":"test_event","message_id":"message_id"})";
const std::string kSignature =
    "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=";

TEST(SendGridSignature, PublishedExampleVerifies) {
    EXPECT_TRUE(verify_sendgrid_signature(kPublicKey, kTimestamp, kSignature, kPayload));
}

TEST(SendGridSignature, AnyChangeFails) {
    EXPECT_FALSE(verify_sendgrid_signature(kPublicKey, "1588788368", kSignature, kPayload));
    EXPECT_FALSE(verify_sendgrid_signature(kPublicKey, kTimestamp, kSignature, kPayload + " "));
    std::string bad_sig = kSignature;
    bad_sig[20] = bad_sig[20] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(verify_sendgrid_signature(kPublicKey, kTimestamp, bad_sig, kPayload));
    EXPECT_FALSE(verify_sendgrid_signature("not base64!", kTimestamp, kSignature, kPayload));
    EXPECT_FALSE(verify_sendgrid_signature("AAAA", kTimestamp, kSignature, kPayload));
    EXPECT_FALSE(verify_sendgrid_signature(kPublicKey, kTimestamp, "", kPayload));
}

// ---- Event Webhook handler ----

class SendGridEventsTest : public ::testing::Test {
protected:
    EcKey key;
    const Timestamp now = ManualClock::default_start();
    std::string ts() const {
        return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
    }
    SendGridEventOptions options() const { return {.public_key = key.public_b64()}; }
    HttpHeaders headers(const std::string& body, const std::string& timestamp) const {
        return {{"Content-Type", "application/json"},
                {"X-Twilio-Email-Event-Webhook-Signature", key.sign_b64(timestamp + body)},
                {"X-Twilio-Email-Event-Webhook-Timestamp", timestamp}};
    }
    WebhookResult post(const std::string& body) {
        return handle_sendgrid_events(options(), "POST", "https://hooks.example.com/sg/events", headers(body, ts()), body, now);
    }
};

TEST_F(SendGridEventsTest, PublishedExampleThroughTheHandler) {
    SendGridEventOptions o{.public_key = kPublicKey};
    HttpHeaders h{{"Content-Type", "application/json"},
                  {"X-Twilio-Email-Event-Webhook-Signature", kSignature},
                  {"X-Twilio-Email-Event-Webhook-Timestamp", kTimestamp}};
    const auto at = Timestamp(std::chrono::seconds(1588788367 + 30));
    const auto r = handle_sendgrid_events(o, "POST", "https://x/e", h, kPayload, at);
    EXPECT_EQ(r.kind, WebhookKind::kIgnored) << r.dead_letter_reason;  // "test_event" is not tracked
    EXPECT_EQ(r.http_status, 200);
    // An hour later the same request is a replay.
    const auto replay = handle_sendgrid_events(o, "POST", "https://x/e", h, kPayload, at + std::chrono::hours(1));
    EXPECT_EQ(replay.http_status, 403);
    EXPECT_NE(replay.dead_letter_reason.find("replayed"), std::string::npos);
}

TEST_F(SendGridEventsTest, EventsMapToDeliveryUpdates) {
    const std::string body = R"([
      {"email":"Maria@Example.com","timestamp":1767603600,"event":"processed","sg_event_id":"e1","sg_message_id":"abc123.filter0001.16648.5515E0B88.0","propos_key":"msg_1"},
      {"email":"maria@example.com","timestamp":1767603601,"event":"delivered","sg_event_id":"e2","sg_message_id":"abc123.filter0001.16648.5515E0B88.0","response":"250 OK"},
      {"email":"maria@example.com","timestamp":1767603602,"event":"open","sg_event_id":"e3","sg_message_id":"abc123.x"},
      {"email":"maria@example.com","timestamp":1767603603,"event":"click","sg_event_id":"e4","sg_message_id":"abc123.x","url":"https://portal"},
      {"email":"bob@example.com","timestamp":1767603604,"event":"bounce","sg_event_id":"e5","sg_message_id":"def.x","reason":"550 5.1.1 user unknown","type":"bounce"},
      {"email":"bob@example.com","timestamp":1767603605,"event":"dropped","sg_event_id":"e6","sg_message_id":"ghi.x","reason":"Unsubscribed Address"},
      {"email":"bob@example.com","timestamp":1767603606,"event":"dropped","sg_event_id":"e7","sg_message_id":"jkl.x","reason":"Invalid SMTPAPI header"},
      {"email":"bob@example.com","timestamp":1767603607,"event":"deferred","sg_event_id":"e8","sg_message_id":"mno.x","attempt":"2"},
      {"email":"bob@example.com","timestamp":1767603608,"event":"spamreport","sg_event_id":"e9","sg_message_id":"pqr.x"},
      {"email":"bob@example.com","timestamp":1767603609,"event":"group_resubscribe","sg_event_id":"e10","sg_message_id":"stu.x"},
      {"email":"bob@example.com","timestamp":1767603610,"event":"delivered","sg_event_id":"e11"}
    ])";
    const auto r = post(body);
    ASSERT_EQ(r.kind, WebhookKind::kDeliveryUpdates) << r.dead_letter_reason;
    ASSERT_EQ(r.updates.size(), 9u);
    EXPECT_EQ(r.warnings.size(), 2u);
    const auto& u = r.updates;
    EXPECT_EQ(u[0].provider_message_id, "abc123");
    EXPECT_EQ(u[0].status, DeliveryStatus::kQueued);
    EXPECT_EQ(u[0].recipient, "maria@example.com");
    EXPECT_EQ(u[0].event_id, "e1");
    EXPECT_EQ(u[0].at, Timestamp(std::chrono::seconds(1767603600)));
    EXPECT_EQ(u[0].metadata.value("propos_key", ""), "msg_1");
    EXPECT_EQ(u[1].status, DeliveryStatus::kDelivered);
    EXPECT_EQ(u[1].reason, "250 OK");
    EXPECT_TRUE(u[2].engagement);
    EXPECT_EQ(u[2].status, DeliveryStatus::kDelivered);
    EXPECT_EQ(u[3].metadata.value("url", ""), "https://portal");
    EXPECT_EQ(u[4].status, DeliveryStatus::kFailed);
    EXPECT_EQ(u[4].reason, "550 5.1.1 user unknown");
    EXPECT_EQ(u[5].status, DeliveryStatus::kSuppressed);
    EXPECT_TRUE(u[5].opt_out);
    EXPECT_EQ(u[6].status, DeliveryStatus::kFailed);
    EXPECT_EQ(u[7].status, DeliveryStatus::kQueued);
    EXPECT_EQ(u[8].status, DeliveryStatus::kSuppressed);
    EXPECT_TRUE(u[8].opt_out);
}

TEST_F(SendGridEventsTest, DeadLetters) {
    const std::string body = R"([{"event":"delivered","sg_message_id":"a.b","email":"x@y.z"}])";
    const std::string url = "https://hooks.example.com/sg/events";
    auto h = headers(body, ts());
    auto check = [](const WebhookResult& r, int status, const std::string& fragment) {
        EXPECT_EQ(r.kind, WebhookKind::kDeadLetter);
        EXPECT_EQ(r.http_status, status);
        EXPECT_NE(r.dead_letter_reason.find(fragment), std::string::npos) << r.dead_letter_reason;
    };
    check(handle_sendgrid_events(options(), "GET", url, h, body, now), 405, "method");
    auto old = std::to_string(std::stoll(ts()) - 3600);
    check(handle_sendgrid_events(options(), "POST", url, headers(body, old), body, now), 403, "tolerance");
    auto future = std::to_string(std::stoll(ts()) + 3600);
    check(handle_sendgrid_events(options(), "POST", url, headers(body, future), body, now), 403, "tolerance");
    check(handle_sendgrid_events(options(), "POST", url, {{"Content-Type", "application/json"}}, body, now), 401, "missing");
    check(handle_sendgrid_events(options(), "POST", url, h, body + " ", now), 403, "signature does not match");
    EcKey other;
    SendGridEventOptions wrong_key{.public_key = other.public_b64()};
    check(handle_sendgrid_events(wrong_key, "POST", url, h, body, now), 403, "signature does not match");
    auto text = h;
    text[0].second = "text/plain";
    check(handle_sendgrid_events(options(), "POST", url, text, body, now), 415, "content type");
    check(handle_sendgrid_events(SendGridEventOptions{}, "POST", url, h, body, now), 500, "not configured");
    auto tiny = options();
    tiny.max_body_bytes = 8;
    check(handle_sendgrid_events(tiny, "POST", url, h, body, now), 413, "exceeds");
    const std::string junk = "[{not json";
    check(handle_sendgrid_events(options(), "POST", url, headers(junk, ts()), junk, now), 400, "SendGrid event webhook body");
    auto bad_ts = h;
    bad_ts[2].second = "12abc";
    check(handle_sendgrid_events(options(), "POST", url, bad_ts, body, now), 403, "malformed");
}

// ---- Inbound Parse ----

HttpHeaders form_headers() { return {{"Content-Type", propos::testing::kMultipartType}}; }

constexpr char kBinaryBytes[] = "\xff\xd8\xff\xe0\x00\x10JFIF\r\n--xYz\r\n\x00\x01\x02 end\r\n";
const std::string kBinary(kBinaryBytes, sizeof(kBinaryBytes) - 1);

std::vector<Part> parsed_fields() {
    return {
        {"headers",
         "Received: by mx.sendgrid.net\nMessage-ID: <CAF=reply-1@mail.gmail.com>\n"
         "In-Reply-To: <msg_01.orig@propos.example>\nReferences: <root-0@propos.example> <msg_01.orig@propos.example>\n"
         "Date: Mon, 5 Jan 2026 09:00:00 -0500\nFrom: Maria Lopez <Maria.Lopez@Example.com>\n"
         "To: maint@parse.acme.com\nSubject: Re: Leak in 4B\n"},
        {"dkim", "{@example.com : pass}"},
        {"to", "Maintenance <Maint@Parse.Acme.com>"},
        {"from", "Maria Lopez <Maria.Lopez@Example.com>"},
        {"subject", "Re: Leak in 4B"},
        {"text",
         "Yes, it is still dripping.\r\nI'm home after 5.\r\n\r\nOn Mon, Jan 5, 2026 at 8:00 AM Acme "
         "Maintenance <maint@parse.acme.com> wrote:\r\n> Is the leak still active?\r\n"},
        {"html", "<div>Yes, it is still dripping.</div>"},
        {"sender_ip", "209.85.0.1"},
        {"envelope", R"({"to":["maint@parse.acme.com"],"from":"maria.lopez@example.com"})"},
        {"charsets", R"({"to":"UTF-8","html":"UTF-8","subject":"UTF-8","from":"UTF-8","text":"UTF-8"})"},
        {"SPF", "pass"},
        {"attachments", "2"},
        {"attachment-info",
         R"({"attachment1":{"filename":"leak.jpg","name":"leak.jpg","type":"image/jpeg","content-id":"ii_1"},"attachment2":{"filename":"note.txt","type":"text/plain"}})"},
        {"attachment1", kBinary, "leak.jpg", "image/jpeg"},
        {"attachment2", "plain note", "note.txt", "text/plain"},
    };
}

class SendGridInboundTest : public ::testing::Test {
protected:
    std::shared_ptr<BlobStore> blobs = make_memory_blob_store();
    const Timestamp now = ManualClock::default_start();
    const std::string url = "https://hooks.example.com/sg/inbound";
    SendGridInboundOptions options() const {
        SendGridInboundOptions o;
        o.blob_store = blobs;
        o.our_addresses = {"maint@parse.acme.com"};
        return o;
    }
    WebhookResult post(const std::vector<Part>& parts, const SendGridInboundOptions& o) {
        return handle_sendgrid_inbound(o, "POST", url, form_headers(), multipart(parts), now);
    }
};

TEST_F(SendGridInboundTest, ParsedFieldsBecomeMessage) {
    const auto r = post(parsed_fields(), options());
    ASSERT_EQ(r.kind, WebhookKind::kMessage) << r.dead_letter_reason;
    EXPECT_EQ(r.http_status, 200);
    EXPECT_TRUE(r.warnings.empty());
    const auto& m = *r.message;
    EXPECT_EQ(m.provider, "sendgrid");
    EXPECT_EQ(m.channel, Channel::kEmail);
    EXPECT_EQ(m.from, "maria.lopez@example.com");
    EXPECT_EQ(m.from_name, "Maria Lopez");
    EXPECT_EQ(m.to, "maint@parse.acme.com");
    EXPECT_EQ(m.subject, "Re: Leak in 4B");
    EXPECT_EQ(m.text, "Yes, it is still dripping.\nI'm home after 5.");
    EXPECT_NE(m.raw_text.find("Is the leak still active?"), std::string::npos);
    EXPECT_EQ(m.message_id, "CAF=reply-1@mail.gmail.com");
    EXPECT_EQ(m.provider_message_id, "CAF=reply-1@mail.gmail.com");
    EXPECT_EQ(m.in_reply_to, "msg_01.orig@propos.example");
    EXPECT_EQ(m.references, (std::vector<std::string>{"root-0@propos.example", "msg_01.orig@propos.example"}));
    EXPECT_EQ(thread_match_keys(m), (std::vector<std::string>{"msg_01.orig@propos.example", "root-0@propos.example"}));
    ASSERT_EQ(m.media.size(), 2u);
    EXPECT_EQ(m.media[0].filename, "leak.jpg");
    EXPECT_EQ(m.media[0].content_type, "image/jpeg");
    EXPECT_EQ(m.media[0].content_id, "ii_1");
    EXPECT_EQ(m.media[0].size, kBinary.size());
    EXPECT_EQ(blobs->get(m.media[0].blob_key).value(), kBinary);  // binary-exact, CRLF and NUL kept
    EXPECT_EQ(blobs->get(m.media[1].blob_key).value(), "plain note");
    EXPECT_EQ(m.metadata.value("SPF", ""), "pass");
    EXPECT_EQ(m.metadata["envelope"]["from"], "maria.lopez@example.com");
}

TEST_F(SendGridInboundTest, CharsetsAreConvertedAndInvalidUtf8IsADeadLetter) {
    auto parts = parsed_fields();
    parts[5].value = "Caf\xe9 ferm\xe9";
    parts[9].value = R"({"text":"iso-8859-1","subject":"UTF-8","from":"UTF-8","to":"UTF-8"})";
    auto r = post(parts, options());
    ASSERT_EQ(r.kind, WebhookKind::kMessage) << r.dead_letter_reason;
    EXPECT_EQ(r.message->text, "Caf\xc3\xa9 ferm\xc3\xa9");
    parts[9].value = R"({"text":"UTF-8"})";
    r = post(parts, options());
    EXPECT_EQ(r.kind, WebhookKind::kDeadLetter);
    EXPECT_EQ(r.http_status, 422);
    EXPECT_EQ(r.dead_letter_reason, "field 'text' is not valid UTF-8");
}

TEST_F(SendGridInboundTest, RawMimeVariant) {
    const std::string mime =
        "From: \"Bob Tenant\" <Bob@Tenant.example>\r\n"
        "To: Maint <maint@parse.acme.com>\r\n"
        "Subject: =?UTF-8?B?SGVhdCBpcyBvdXQg4p2E?=\r\n"
        "Message-ID: <raw-42@tenant.example>\r\n"
        "In-Reply-To: <wo-7@propos.example>\r\n"
        "Date: Tue, 6 Jan 2026 07:00:00 +0000\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
        "--b1\r\n"
        "Content-Type: multipart/alternative; boundary=\"b2\"\r\n\r\n"
        "--b2\r\n"
        "Content-Type: text/plain; charset=iso-8859-1\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        "No heat since last night, it's 50=B0F inside.\r\n\r\n"
        "-- \r\nBob\r\n"
        "--b2\r\n"
        "Content-Type: text/html; charset=utf-8\r\n\r\n"
        "<p>No heat since last night</p>\r\n"
        "--b2--\r\n"
        "--b1\r\n"
        "Content-Type: application/pdf; name=\"lease.pdf\"\r\n"
        "Content-Disposition: attachment; filename=\"lease.pdf\"\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n"
        "JVBERi0xLjQKJcfsj6IK\r\n"
        "--b1--\r\n";
    const auto r = post({{"email", mime}, {"envelope", R"({"to":["maint@parse.acme.com"],"from":"bob@tenant.example"})"},
                         {"charsets", R"({"to":"UTF-8","from":"UTF-8","subject":"UTF-8"})"}},
                        options());
    ASSERT_EQ(r.kind, WebhookKind::kMessage) << r.dead_letter_reason;
    const auto& m = *r.message;
    EXPECT_EQ(m.from, "bob@tenant.example");
    EXPECT_EQ(m.from_name, "Bob Tenant");
    EXPECT_EQ(m.subject, "Heat is out \xe2\x9d\x84");
    EXPECT_EQ(m.message_id, "raw-42@tenant.example");
    EXPECT_EQ(m.in_reply_to, "wo-7@propos.example");
    EXPECT_EQ(m.text, "No heat since last night, it's 50\xc2\xb0" "F inside.");
    ASSERT_EQ(m.media.size(), 1u);
    EXPECT_EQ(m.media[0].filename, "lease.pdf");
    EXPECT_EQ(m.media[0].content_type, "application/pdf");
    EXPECT_EQ(blobs->get(m.media[0].blob_key).value(), "%PDF-1.4\n%\xc7\xec\x8f\xa2\n");
}

TEST_F(SendGridInboundTest, HtmlOnlyMailIsConverted) {
    auto r = post({{"from", "t@x.example"},
                   {"to", "maint@parse.acme.com"},
                   {"subject", "Hi"},
                   {"html", "<html><head><style>p{}</style></head><body><p>Toilet &amp; sink</p><p>clogged</p>"
                            "<blockquote>old stuff</blockquote></body></html>"}},
                  options());
    ASSERT_EQ(r.kind, WebhookKind::kMessage) << r.dead_letter_reason;
    EXPECT_EQ(r.message->text, "Toilet & sink\n\nclogged");
    // No Message-ID: the id is the hash of the payload, stable across retries.
    EXPECT_TRUE(r.message->provider_message_id.starts_with("sha256:"));
}

TEST_F(SendGridInboundTest, AttachmentLimitsAreClearErrors) {
    auto o = options();
    o.max_attachment_bytes = 20;
    auto r = post(parsed_fields(), o);
    ASSERT_EQ(r.kind, WebhookKind::kMessage) << r.dead_letter_reason;
    EXPECT_EQ(r.message->media[0].error, "attachment of 28 bytes exceeds the limit of 20 bytes");
    EXPECT_TRUE(r.message->media[0].blob_key.empty());
    EXPECT_FALSE(r.message->media[1].blob_key.empty());
    ASSERT_EQ(r.warnings.size(), 1u);
    o = options();
    o.blob_store.reset();
    r = post(parsed_fields(), o);
    EXPECT_EQ(r.message->media[0].error, "no blob store configured; attachment not kept");
    o = options();
    o.max_attachments = 1;
    r = post(parsed_fields(), o);
    EXPECT_FALSE(r.message->media[0].blob_key.empty());
    EXPECT_NE(r.message->media[1].error.find("more than 1 attachments"), std::string::npos);
}

TEST_F(SendGridInboundTest, DeadLetters) {
    const auto body = multipart(parsed_fields());
    auto check = [](const WebhookResult& r, int status, const std::string& fragment) {
        EXPECT_EQ(r.kind, WebhookKind::kDeadLetter);
        EXPECT_EQ(r.http_status, status);
        EXPECT_NE(r.dead_letter_reason.find(fragment), std::string::npos) << r.dead_letter_reason;
        EXPECT_EQ(r.dead_letter_reason.find("dripping"), std::string::npos);
    };
    check(handle_sendgrid_inbound(options(), "PUT", url, form_headers(), body, now), 405, "method");
    check(handle_sendgrid_inbound(options(), "POST", url, {{"Content-Type", "application/json"}}, body, now), 415,
          "not multipart/form-data");
    check(handle_sendgrid_inbound(options(), "POST", url, {{"Content-Type", "multipart/form-data"}}, body, now), 400,
          "boundary");
    check(handle_sendgrid_inbound(options(), "POST", url, {{"Content-Type", "multipart/form-data; boundary=other"}},
                                  body, now),
          400, "no parts");
    auto tiny = options();
    tiny.max_body_bytes = 100;
    check(handle_sendgrid_inbound(tiny, "POST", url, form_headers(), body, now), 413, "exceeds the limit");
    auto elsewhere = options();
    elsewhere.our_addresses = {"other@acme.com"};
    check(handle_sendgrid_inbound(elsewhere, "POST", url, form_headers(), body, now), 422, "unknown recipient m***@parse.acme.com");
    check(post({{"to", "maint@parse.acme.com"}, {"text", "hi"}}, options()), 422, "missing sender");
    check(post({{"from", "not-an-address"}, {"to", "maint@parse.acme.com"}}, options()), 422, "not an email address");
    auto token = options();
    token.url_token = "s3cret";
    check(handle_sendgrid_inbound(token, "POST", url, form_headers(), body, now), 401, "missing token");
    check(handle_sendgrid_inbound(token, "POST", url + "?token=nope", form_headers(), body, now), 403, "wrong token");
    EXPECT_TRUE(handle_sendgrid_inbound(token, "POST", url + "?token=s3cret", form_headers(), body, now).ok());
    check(post({{"email", "\x01\x02 not mime at all"}}, options()), 400, "not an RFC 5322");
}

// ---- Mail Send client ----

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

SendGridOptions client_options() {
    SendGridOptions o;
    o.api_key = "SG.test-key";
    o.from_email = "maint@acme.example";
    o.from_name = "Acme Maintenance";
    o.reply_to = "maint@parse.acme.com";
    o.base_url = "https://sendgrid.test";
    o.sleeper = [](Millis) {};
    return o;
}

OutboundMessage email(const std::string& key) {
    OutboundMessage m;
    m.channel = Channel::kEmail;
    m.idempotency_key = key;
    m.to = "Maria <Maria.Lopez@Example.com>";
    m.subject = "Re: Leak in 4B";
    m.text = "A plumber is booked for 10am.";
    m.in_reply_to = "CAF=reply-1@mail.gmail.com";
    m.references = {"root-0@propos.example", "<CAF=reply-1@mail.gmail.com>"};
    m.headers = {{"Message-ID", make_message_id(key, "propos.example")}};
    return m;
}

TEST(SendGridClient, PostsV3MailSend) {
    auto http = std::make_shared<FakeHttp>();
    http->handler = [](const HttpRequest&) { return respond(202, "", {{"X-Message-Id", "sgid-1"}}); };
    auto ch = make_sendgrid_channel(http, client_options());
    EXPECT_EQ(ch->channel(), Channel::kEmail);
    const auto r = ch->send(email("msg_9"));
    EXPECT_EQ(r.provider_message_id, "sgid-1");
    EXPECT_EQ(r.status, DeliveryStatus::kQueued);
    EXPECT_EQ(r.http_status, 202);
    const auto req = http->requests().at(0);
    EXPECT_EQ(req.url, "https://sendgrid.test/v3/mail/send");
    EXPECT_EQ(find_header(req.headers, "Authorization"), "Bearer SG.test-key");
    const auto j = Json::parse(req.body);
    EXPECT_EQ(j["personalizations"][0]["to"][0]["email"], "maria.lopez@example.com");
    EXPECT_EQ(j["from"]["email"], "maint@acme.example");
    EXPECT_EQ(j["from"]["name"], "Acme Maintenance");
    EXPECT_EQ(j["reply_to"]["email"], "maint@parse.acme.com");
    EXPECT_EQ(j["subject"], "Re: Leak in 4B");
    EXPECT_EQ(j["content"][0]["type"], "text/plain");
    EXPECT_EQ(j["content"][0]["value"], "A plumber is booked for 10am.");
    EXPECT_EQ(j["headers"]["In-Reply-To"], "<CAF=reply-1@mail.gmail.com>");
    EXPECT_EQ(j["headers"]["References"], "<root-0@propos.example> <CAF=reply-1@mail.gmail.com>");
    EXPECT_EQ(j["headers"]["Message-ID"], "<msg_9@propos.example>");
    EXPECT_EQ(j["custom_args"]["propos_key"], "msg_9");
    EXPECT_TRUE(ch->send(email("msg_9")).duplicate);
    EXPECT_EQ(http->requests().size(), 1u);
}

TEST(SendGridClient, MapsErrors) {
    auto http = std::make_shared<FakeHttp>();
    auto ch = make_sendgrid_channel(http, client_options());
    http->handler = [](const HttpRequest&) {
        return respond(400, R"({"errors":[{"message":"The from address does not match a verified Sender Identity.","field":"from"}]})");
    };
    expect_error([&] { ch->send(email("e1")); }, ErrorCode::kInvalidArgument, "verified Sender Identity. (from)");
    http->handler = [](const HttpRequest&) { return respond(401, R"({"errors":[{"message":"bad key"}]})"); };
    expect_error([&] { ch->send(email("e2")); }, ErrorCode::kPermissionDenied, "401");
    http->handler = [](const HttpRequest&) { return respond(502, "bad gateway"); };
    expect_error([&] { ch->send(email("e3")); }, ErrorCode::kUnavailable, "502");
    EXPECT_EQ(http->requests().size(), 5u);  // 1 + 1 + 3 attempts
    auto bad = email("e4");
    bad.subject = " ";
    expect_error([&] { ch->send(bad); }, ErrorCode::kInvalidArgument, "subject");
    bad = email("e5");
    bad.to = "nobody";
    expect_error([&] { ch->send(bad); }, ErrorCode::kInvalidArgument, "not an email address");
    expect_error([&] { make_sendgrid_channel(http, SendGridOptions{}); }, ErrorCode::kInvalidArgument, "API key");
}

TEST(SendGridClient, LoopbackServer) {
    propos::testing::LoopbackServer loop;
    std::mutex mu;
    std::string auth, body;
    loop.server().Post("/v3/mail/send", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(mu);
        auth = req.get_header_value("Authorization");
        body = req.body;
        res.status = 202;
        res.set_header("X-Message-Id", "loop-sg-1");
        res.set_content("", "text/plain");  // SendGrid answers 202 with an empty body
    });
    auto o = client_options();
    o.base_url = loop.start();
    auto ch = make_sendgrid_channel(make_curl_http_client(), o);
    const auto r = ch->send(email("loop"));
    ch.reset();  // closes the kept-alive connection, so the server stops at once
    loop.stop();
    EXPECT_EQ(r.provider_message_id, "loop-sg-1");
    std::lock_guard lock(mu);
    EXPECT_EQ(auth, "Bearer SG.test-key");
    EXPECT_EQ(Json::parse(body)["subject"], "Re: Leak in 4B");
}

// ---- faults injected by a real HTTP server on loopback ----

class SendGridFaults : public ::testing::Test {
protected:
    std::unique_ptr<OutboundChannel> serve(propos::testing::ScriptedApi::Script script) {
        options.base_url = api.start("/v3/mail/send", std::move(script));
        options.sleeper = api.sleeper();
        return make_sendgrid_channel(make_curl_http_client(), options);
    }
    SendGridOptions options = client_options();
    propos::testing::ScriptedApi api;
};

void accepted(httplib::Response& res, const std::string& id) {
    res.status = 202;
    res.set_header("X-Message-Id", id);
    res.set_content("", "text/plain");
}

TEST_F(SendGridFaults, TooManyRequestsHonoursRetryAfter) {
    auto ch = serve([](int n, httplib::Response& res) {
        if (n == 1) {
            res.status = 429;
            res.set_header("Retry-After", "3");
            res.set_content(R"({"errors":[{"message":"too many requests"}]})", "application/json");
            return;
        }
        accepted(res, "sg-after-429");
    });
    const auto r = ch->send(email("f-429"));
    EXPECT_EQ(r.provider_message_id, "sg-after-429");
    EXPECT_EQ(r.attempts, 2);
    EXPECT_EQ(api.waits(), std::vector<Millis>{Millis(3000)});
}

TEST_F(SendGridFaults, ServiceUnavailableIsRetriedThenReportedRetryable) {
    auto ch = serve([](int n, httplib::Response& res) {
        if (n == 3) return accepted(res, "sg-after-503");
        res.status = 503;
        res.set_content("try later", "text/plain");
    });
    EXPECT_EQ(ch->send(email("f-503")).attempts, 3);
    expect_error([&] { ch->send(email("f-503-b")); }, ErrorCode::kUnavailable, "HTTP 503");
    EXPECT_EQ(api.calls(), 3 + 3);
    EXPECT_FALSE(ch->find_sent("f-503-b"));
}

TEST_F(SendGridFaults, TimeoutIsRetryable) {
    options.timeout = Millis(200);
    options.retry.max_retries = 0;
    auto ch = serve([](int, httplib::Response& res) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        accepted(res, "sg-late");
    });
    expect_error([&] { ch->send(email("f-timeout")); }, ErrorCode::kUnavailable, "127.0.0.1");
    EXPECT_FALSE(ch->find_sent("f-timeout"));
}

}  // namespace
}  // namespace propos::channels
