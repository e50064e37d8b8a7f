// Contact helpers: E.164 / email normalization, carrier keywords, channel choice, delivery status
// ordering, outbound helpers and the InboundMessage JSON form.
#include "propos/channels/contact.hpp"
#include "propos/channels/outbound.hpp"
#include "test_util.hpp"

namespace propos::channels {
namespace {

using propos::testing::expect_error;

TEST(NormalizePhone, Table) {
    struct Case {
        std::string in;
        std::optional<std::string> out;
        std::string cc = "1";
    };
    const std::vector<Case> cases = {
        {"+14155550100", "+14155550100"},
        {"+1 (415) 555-0100", "+14155550100"},
        {"415.555.0100", "+14155550100"},
        {"(415) 555-0100", "+14155550100"},
        {"14155550100", "+14155550100"},
        {"1-415-555-0100", "+14155550100"},
        {"tel:+1-415-555-0100", "+14155550100"},
        {"sms:+14155550100", "+14155550100"},
        {"415-555-0100 x23", "+14155550100"},
        {"415-555-0100 ext. 23", "+14155550100"},
        {"001 415 555 0100", "+14155550100"},
        {"+44 20 7946 0958", "+442079460958"},
        {"020 7946 0958", "+442079460958", "44"},
        {"+33 6 12 34 56 78", "+33612345678"},
        {"555-0100", std::nullopt},          // too short
        {"015-555-0100", std::nullopt},      // NANP area codes never start with 0
        {"4155550100555", std::nullopt},     // 13 national digits
        {"+1234567890123456", std::nullopt}, // more than 15 digits
        {"call me", std::nullopt},
        {"whatsapp:+14155550100", std::nullopt},
        {"", std::nullopt},
        {"+", std::nullopt},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.in);
        EXPECT_EQ(normalize_phone(c.in, c.cc), c.out);
    }
}

TEST(NormalizeEmail, Table) {
    EXPECT_EQ(normalize_email("Maria.Lopez@Example.COM"), "maria.lopez@example.com");
    EXPECT_EQ(normalize_email("  Maria Lopez <Maria.Lopez@Example.com> "), "maria.lopez@example.com");
    EXPECT_EQ(normalize_email("\"Lopez, Maria\" <m@x.example>"), "m@x.example");
    EXPECT_EQ(normalize_email("mailto:Bob@X.example"), "bob@x.example");
    EXPECT_EQ(normalize_email("bob+maint@x.example"), "bob+maint@x.example");
    for (std::string bad : {"", "bob", "@x.com", "bob@", "bob@localhost", "bob@x..com", "a@b@c.com", "bob smith@x.com",
                            "<bob@x.com", "bob@.x.com"}) {
        SCOPED_TRACE(bad);
        EXPECT_EQ(normalize_email(bad), std::nullopt);
    }
}

TEST(ContactKey, SameContactSameKey) {
    EXPECT_EQ(contact_key("(415) 555-0100"), contact_key("+1 415 555 0100"));
    EXPECT_EQ(contact_key("Maria <MARIA@x.example>"), contact_key("maria@x.example"));
    EXPECT_EQ(contact_key("  portal-user-7 "), "portal-user-7");
}

TEST(SmsKeywords, WholeMessageOnly) {
    for (std::string stop : {"STOP", "stop", " Stop. ", "STOPALL", "stop all", "UNSUBSCRIBE", "cancel", "END", "quit",
                             "opt-out", "REVOKE", "Stop!"}) {
        SCOPED_TRACE(stop);
        EXPECT_EQ(detect_sms_keyword(stop), SmsKeyword::kStop);
    }
    EXPECT_EQ(detect_sms_keyword("START"), SmsKeyword::kStart);
    EXPECT_EQ(detect_sms_keyword("unstop"), SmsKeyword::kStart);
    EXPECT_EQ(detect_sms_keyword("HELP"), SmsKeyword::kHelp);
    EXPECT_EQ(detect_sms_keyword("info"), SmsKeyword::kHelp);
    EXPECT_EQ(detect_sms_keyword("yes"), SmsKeyword::kNone);
    EXPECT_EQ(detect_sms_keyword("yes", /*sender_opted_out=*/true), SmsKeyword::kStart);
    EXPECT_EQ(detect_sms_keyword("stop the water please"), SmsKeyword::kNone);
    EXPECT_EQ(detect_sms_keyword("The leak won't stop"), SmsKeyword::kNone);
    EXPECT_EQ(detect_sms_keyword(""), SmsKeyword::kNone);
    EXPECT_EQ(to_string(SmsKeyword::kStop), "stop");
}

Tenant tenant(Channel preferred, std::string phone, std::string email, bool opt_out = false) {
    Tenant t;
    t.id = TenantId("ten_1");
    t.preferred_channel = preferred;
    t.phone = std::move(phone);
    t.email = std::move(email);
    t.sms_opt_out = opt_out;
    return t;
}

TEST(ChooseChannel, PreferenceOptOutAndFallbacks) {
    auto c = choose_channel(tenant(Channel::kSms, "(415) 555-0123", "m@x.example"));
    EXPECT_EQ(c.channel, Channel::kSms);
    EXPECT_EQ(c.address, "+14155550123");
    c = choose_channel(tenant(Channel::kSms, "(415) 555-0123", "M@X.example", true));
    EXPECT_EQ(c.channel, Channel::kEmail);
    EXPECT_EQ(c.address, "m@x.example");
    EXPECT_NE(c.reason.find("opted out"), std::string::npos);
    c = choose_channel(tenant(Channel::kEmail, "(415) 555-0123", "m@x.example"));
    EXPECT_EQ(c.channel, Channel::kEmail);
    c = choose_channel(tenant(Channel::kEmail, "(415) 555-0123", ""));
    EXPECT_EQ(c.channel, Channel::kSms);
    c = choose_channel(tenant(Channel::kVoice, "(415) 555-0123", ""));
    EXPECT_EQ(c.channel, Channel::kSms);
    c = choose_channel(tenant(Channel::kPortal, "", ""));
    EXPECT_EQ(c.channel, Channel::kPortal);
    EXPECT_EQ(c.address, "ten_1");
    c = choose_channel(tenant(Channel::kSms, "12", "", true));
    EXPECT_FALSE(c.channel.has_value());
    EXPECT_NE(c.reason.find("no valid email"), std::string::npos);
}

TEST(DeliveryStatusOrder, LateEventsDoNotRegress) {
    EXPECT_TRUE(should_apply_status(DeliveryStatus::kQueued, DeliveryStatus::kSent));
    EXPECT_TRUE(should_apply_status(DeliveryStatus::kSent, DeliveryStatus::kDelivered));
    EXPECT_FALSE(should_apply_status(DeliveryStatus::kDelivered, DeliveryStatus::kSent));
    EXPECT_FALSE(should_apply_status(DeliveryStatus::kDelivered, DeliveryStatus::kDelivered));
    EXPECT_TRUE(should_apply_status(DeliveryStatus::kDelivered, DeliveryStatus::kFailed));  // late bounce
    EXPECT_FALSE(should_apply_status(DeliveryStatus::kFailed, DeliveryStatus::kDelivered));
    EXPECT_FALSE(should_apply_status(DeliveryStatus::kSuppressed, DeliveryStatus::kFailed));
}

TEST(OutboundHelpers, FromMessageAndMessageId) {
    Message m;
    m.id = MessageId("msg_01");
    m.channel = Channel::kEmail;
    m.to = "a@b.example";
    m.subject = "Re: Leak";
    m.body = "On our way";
    const auto o = to_outbound_message(m);
    EXPECT_EQ(o.idempotency_key, "msg_01");
    EXPECT_EQ(o.channel, Channel::kEmail);
    EXPECT_EQ(o.text, "On our way");
    EXPECT_EQ(make_message_id("msg_01", "propos.example"), "<msg_01@propos.example>");
    EXPECT_EQ(make_message_id("a b<c>", "x y"), "<a.b.c.@x-y>");
    expect_error([] { make_message_id("", "x"); }, ErrorCode::kInvalidArgument, "non-empty");
}

TEST(InboundMessageJson, RoundTrip) {
    InboundMessage m;
    m.provider = "sendgrid";
    m.provider_message_id = "abc@x";
    m.channel = Channel::kEmail;
    m.from = "m@x.example";
    m.text = "hi";
    m.received_at = ManualClock::default_start();
    m.media.push_back({.content_type = "image/png", .filename = "a.png", .blob_key = "sha256:" + std::string(64, 'a'), .size = 3});
    m.references = {"r1", "r2"};
    m.keyword = SmsKeyword::kHelp;
    m.metadata["SPF"] = "pass";
    Json j = m;
    EXPECT_EQ(j["keyword"], "help");
    EXPECT_EQ(j["received_at"], "2026-01-05T09:00:00Z");
    EXPECT_EQ(j.get<InboundMessage>(), m);
}

}  // namespace
}  // namespace propos::channels
