// Fuzzes the Twilio webhook: the input is the body of a POST (form-encoded, or JSON when it starts
// with '{'), handled with signature checks off (so the parser is reached) and then verified against
// a signature taken from the body's first line (so the signature code sees hostile values too).
#include "fuzz_util.hpp"
#include "propos/channels/twilio.hpp"

using namespace propos;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::quiet_logs();
    const std::string body(fuzz::as_text(data, size));
    const bool json = !body.empty() && body.front() == '{';
    const HttpHeaders headers = {
        {"Content-Type", json ? "application/json" : "application/x-www-form-urlencoded"},
        {"X-Twilio-Signature", "c2lnbmF0dXJl"}};
    channels::TwilioWebhookOptions options;
    options.verify_signature = false;
    options.our_numbers = {"+14155550100"};
    const auto result = channels::handle_twilio_webhook(options, "POST", "https://hooks.example.com/twilio/sms",
                                                        headers, body, fuzz::fixed_now());
    // What the handler accepts must be storable: its JSON form dumps without throwing.
    if (result.message) (void)Json(*result.message).dump();
    for (const auto& u : result.updates) (void)Json(u).dump();

    // The signature path with hostile input: the first line is the signature, the rest the params.
    const auto nl = body.find('\n');
    const std::string signature = body.substr(0, nl);
    channels::FormParams params;
    if (nl != std::string::npos) params.emplace("Body", body.substr(nl + 1));
    (void)channels::verify_twilio_signature("https://hooks.example.com/twilio/sms?x='1'", "token", signature,
                                            params);
    (void)channels::verify_twilio_signature("https://hooks.example.com:443/twilio/sms?bodySHA256=abc", "token",
                                            signature, {}, std::string_view(body));
    return 0;
}
