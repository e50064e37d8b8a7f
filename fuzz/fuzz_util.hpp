// Helpers shared by the libFuzzer targets under fuzz/ (issue 19).
//
// The oracle of every target: the parser either accepts its input or rejects it the documented way
// (a `WebhookResult`/`PmsWebhookResult` dead letter, or `propos::Error`). Any other exception
// escapes `LLVMFuzzerTestOneInput`, libFuzzer reports it as a crash ("deadly signal" after
// std::terminate) and keeps the input; ASan and UBSan report memory and undefined-behaviour bugs.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/error.hpp"
#include "propos/core/http.hpp"
#include "propos/core/logging.hpp"
#include "propos/core/time.hpp"
#include "propos/llm/types.hpp"

namespace propos::fuzz {

/// The whole input as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// Splits `text` at every line that is exactly "----" (the separator of the multi-part seeds, e.g.
/// a JWS, its payload and a key set), always returning at least `min_parts` parts (missing ones
/// empty). A target reads part i as the i-th input of the parser.
inline std::vector<std::string> split_parts(std::string_view text, std::size_t min_parts) {
    static constexpr std::string_view kSeparator = "\n----\n";
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const auto at = text.find(kSeparator, start);
        if (at == std::string_view::npos) {
            parts.emplace_back(text.substr(start));
            break;
        }
        parts.emplace_back(text.substr(start, at - start));
        start = at + kSeparator.size();
    }
    while (parts.size() < min_parts) parts.emplace_back();
    return parts;
}

/// A fixed "now" (2026-01-05T15:00:00Z, a Monday) so that a crash reproduces from its input alone.
inline Timestamp fixed_now() { return from_unix_millis(1767625200000LL); }

/// An `HttpClient` that answers every request with one canned response: how the targets feed a
/// provider's or a PMS's reply to the code that parses it, without a network.
class CannedHttp final : public HttpClient {
public:
    CannedHttp(int status, std::string body, HttpHeaders headers = {{"content-type", "application/json"}})
        : status_(status), body_(std::move(body)), headers_(std::move(headers)) {}
    HttpResponse send(const HttpRequest&) override {
        HttpResponse r;
        r.status = status_;
        r.headers = headers_;
        r.body = body_;
        return r;
    }

private:
    int status_;
    std::string body_;
    HttpHeaders headers_;
};

/// A retry policy that never retries and a sleeper that never sleeps (runs stay deterministic).
inline RetryPolicy no_retry() {
    RetryPolicy p;
    p.max_retries = 0;
    return p;
}
inline Sleeper no_sleep() {
    return [](Millis) {};
}

/// Feeds the input to an LLM provider's reply parsing: the body of the answer to `complete`, with an
/// HTTP status chosen by its last byte (mostly 200, else an error status the provider maps). Bad
/// replies must be `propos::Error` (`ProviderError`); a response that is accepted must serialize.
template <class Provider, class Options>
int provider_reply_one_input(const std::uint8_t* data, std::size_t size, const char* request_id_header) {
    static const int kStatuses[] = {200, 200, 200, 400, 401, 429, 500, 529};
    const int status = size > 0 ? kStatuses[data[size - 1] % 8] : 200;
    Options options;
    options.api_key = "sk-fuzz";
    options.http = std::make_shared<CannedHttp>(
        status, std::string(as_text(data, size)),
        HttpHeaders{{"content-type", "application/json"}, {request_id_header, "req_1"}, {"retry-after", "1"}});
    options.retry = no_retry();
    options.sleeper = no_sleep();
    Provider provider(options);
    llm::LlmRequest request;
    request.messages.push_back(llm::ChatMessage::user("The sink is leaking."));
    try {
        const auto response = provider.complete(request);
        (void)Json(response).dump();
    } catch (const Error&) {
    }
    return 0;
}

/// Silences the library's logger once (warnings for every rejected input would drown the fuzzer's
/// own output and slow it down).
inline void quiet_logs() {
    static const bool done = [] {
        setup_logging(LogLevel::kOff);
        return true;
    }();
    (void)done;
}

}  // namespace propos::fuzz
