// Fuzzes AppFolio: the detached-JWS verifier (part 1: the JWS, part 2: the payload, part 3: the
// JWKS, separated by "----" lines), the webhook notification (part 2 as the body, verification off)
// and the work-order reply of `fetch` (part 2 as the API's answer).
#include <cstdlib>

#include "fuzz_util.hpp"
#include "propos/pms/appfolio.hpp"

using namespace propos;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::quiet_logs();
    const auto parts = fuzz::split_parts(fuzz::as_text(data, size), 3);
    std::string why;
    (void)pms::verify_detached_jws(parts[0], parts[1], parts[2], &why);

    pms::AppFolioOptions options;
    options.base_url = "https://acme.appfolio.example";
    options.client_id = "client";
    options.client_secret = "secret";
    options.verify_signature = false;
    options.retry = fuzz::no_retry();
    options.sleeper = fuzz::no_sleep();
    auto http = std::make_shared<fuzz::CannedHttp>(200, parts[1]);
    pms::AppFolioAdapter adapter(http, options);
    const HttpHeaders headers = {{"Content-Type", "application/json"}, {"X-JWS-Signature", parts[0]}};
    const auto result = adapter.handle_webhook("POST", "https://hooks.example.com/appfolio", headers, parts[1],
                                               fuzz::fixed_now());
    for (const auto& e : result.events) (void)e.raw.dump();
    try {
        (void)adapter.set_jwks(parts[2]);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::kInvalidArgument) std::abort();
    }
    try {
        (void)adapter.fetch(pms::PmsEntityRef{"appfolio", pms::PmsEntityKind::kWorkOrder, "42", "client"});
    } catch (const Error&) {
        // Documented: every failure of fetch is a propos::Error.
    }
    return 0;
}
