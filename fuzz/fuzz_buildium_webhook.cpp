// Fuzzes Buildium: the webhook notification (verification off; then verified with the body's
// HMAC so the signed path parses it too) and the API's answers read by `fetch` (resident request
// and work order) — all from the input.
#include "fuzz_util.hpp"
#include "propos/pms/buildium.hpp"

using namespace propos;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::quiet_logs();
    const std::string body(fuzz::as_text(data, size));
    auto http = std::make_shared<fuzz::CannedHttp>(200, body);
    for (const bool verify : {false, true}) {
        pms::BuildiumOptions options;
        options.client_id = "id";
        options.client_secret = "secret";
        options.webhook_secret = "whsec";
        options.verify_signature = verify;
        options.retry = fuzz::no_retry();
        options.sleeper = fuzz::no_sleep();
        pms::BuildiumAdapter adapter(http, options);
        const std::string ts = std::to_string(to_unix_millis(fuzz::fixed_now()) / 1000);
        const HttpHeaders headers = {{"Content-Type", "application/json"},
                                     {"x-buildium-timestamp", ts},
                                     {"x-buildium-signature", pms::compute_buildium_signature("whsec", ts, body)}};
        const auto result = adapter.handle_webhook("POST", "https://hooks.example.com/buildium", headers, body,
                                                   fuzz::fixed_now());
        for (const auto& e : result.events) (void)e.raw.dump();
        if (verify) break;
        for (const auto kind : {pms::PmsEntityKind::kServiceRequest, pms::PmsEntityKind::kWorkOrder}) {
            try {
                (void)adapter.fetch(pms::PmsEntityRef{"buildium", kind, "7", ""});
            } catch (const Error&) {
                // Documented: every failure of fetch is a propos::Error.
            }
        }
    }
    return 0;
}
