// Fuzzes the SendGrid Event Webhook: the input is the JSON body, handled with signature checks off,
// then verified as an ECDSA signature (first line: the base64 key, second: the base64 signature).
#include "fuzz_util.hpp"
#include "propos/channels/sendgrid.hpp"

using namespace propos;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::quiet_logs();
    const std::string body(fuzz::as_text(data, size));
    channels::SendGridEventOptions options;
    options.verify_signature = false;
    const HttpHeaders headers = {{"Content-Type", "application/json"}};
    const auto result = channels::handle_sendgrid_events(options, "POST", "https://hooks.example.com/sendgrid/events",
                                                         headers, body, fuzz::fixed_now());
    for (const auto& u : result.updates) (void)Json(u).dump();

    const auto parts = fuzz::split_parts(body, 3);
    (void)channels::verify_sendgrid_signature(parts[0], "1767625200", parts[1], parts[2]);
    return 0;
}
