/// @file http.hpp
/// @brief `HttpClient`: the one door to the network (LLM providers, embeddings, Twilio, SendGrid,
/// PMS APIs), with a libcurl implementation and SDK-style retries.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/error.hpp"
#include "propos/export.hpp"

namespace propos {

/// @brief Header list; names compare case-insensitively through `find_header`.
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

/// @brief The value of the first header named `name` (case-insensitive), or "".
PROPOS_EXPORT std::string find_header(const HttpHeaders& headers, std::string_view name);

/// @brief An outgoing request.
struct HttpRequest {
    std::string method = "POST";
    std::string url;
    HttpHeaders headers;
    std::string body;
    /// Whole-request timeout. Default: 60 s.
    Millis timeout{60000};
    /// Connection timeout. Default: 10 s.
    Millis connect_timeout{10000};
    /// HTTP basic auth "user:password" (e.g. Twilio AccountSid:AuthToken); empty: none.
    std::string basic_auth;
};

/// @brief A response: any HTTP status, including 4xx/5xx, is a response, not an exception.
struct HttpResponse {
    int status = 0;
    HttpHeaders headers;
    std::string body;
    Millis elapsed{0};
    /// @brief The first header with this name (case-insensitive), or "".
    std::string header(std::string_view name) const { return find_header(headers, name); }
};

/// @brief Sends HTTP requests. Implementations must be thread-safe.
class PROPOS_EXPORT HttpClient {
public:
    virtual ~HttpClient() = default;
    HttpClient() = default;
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    /// @brief Sends `request` and returns the response whatever its status. Throws
    /// `Error(kUnavailable)` when no response arrives (DNS, refused connection, TLS failure,
    /// timeout, connection reset), with a message naming the host and the cause but never the body
    /// or headers; `Error(kInvalidArgument)` when the request itself is unusable (malformed URL,
    /// unsupported scheme, unknown method). May be called from any thread, concurrently.
    virtual HttpResponse send(const HttpRequest& request) = 0;
};

/// @brief Options for the libcurl client.
struct CurlHttpOptions {
    /// Verify TLS certificates and host names. Default: true (never turn off in production).
    bool verify_tls = true;
    /// User-Agent header. Default (empty): "propos/<version>".
    std::string user_agent;
    /// Largest response body accepted; a larger one fails the call with `Error(kUnavailable)`.
    /// Default: 64 MiB.
    std::size_t max_response_bytes = 64u << 20;
    /// Idle connections (curl handles) kept for reuse. Default: 8.
    int max_idle_connections = 8;
};

/// @brief A libcurl client that reuses connections (keep-alive) across calls. Thread-safe:
/// concurrent calls each use their own curl handle from a small pool. Only http and https URLs are
/// accepted; redirects are not followed. Initializes libcurl once per process. The caller owns the
/// result.
PROPOS_EXPORT std::unique_ptr<HttpClient> make_curl_http_client(
    const CurlHttpOptions& options = {});

/// @brief How to retry, as the official provider SDKs do.
struct RetryPolicy {
    /// Retries after the first attempt. Default: 2.
    int max_retries = 2;
    /// First backoff ceiling; doubles per retry. Default: 500 ms.
    Millis base_delay{500};
    /// Largest backoff. Default: 8 s.
    Millis max_delay{8000};
    /// The client's patience: the longest server-requested wait (retry-after) slept on the calling
    /// thread. A longer one is not slept: `send_with_retry` returns that response at once, and the
    /// LLM providers surface it as a `ProviderError` whose `retry_after()` carries the delay (a
    /// worker thread is never held for minutes). Default: 10 s.
    Millis max_retry_after{10000};
    /// The clock `retry-after` HTTP dates are measured against. Default (null): the system clock.
    std::shared_ptr<Clock> clock;
};

/// @brief True for the statuses worth retrying: 408, 409, 429, 500-599 (incl. 529). Never 400, 401,
/// 403, 404, 413.
PROPOS_EXPORT bool is_retryable_status(int status) noexcept;

/// @brief The server-requested delay from `retry-after-ms` (milliseconds), else `retry-after`
/// (seconds or an HTTP date relative to `now`); nullopt when absent or unparseable.
PROPOS_EXPORT std::optional<Millis> retry_after(const HttpResponse& response, Timestamp now);

/// @brief Waits for a delay; injectable so tests do not sleep.
using Sleeper = std::function<void(Millis)>;
/// @brief A Sleeper that really sleeps.
PROPOS_EXPORT Sleeper real_sleeper();

/// @brief Sends with retries, as the official Anthropic and OpenAI SDKs do: on a retryable status
/// (`is_retryable_status`) or a transport failure (kUnavailable), waits the server's retry-after
/// or `uniform(0, min(max_delay, base_delay * 2^n))` and tries again, up to `policy.max_retries`
/// times. A retry-after longer than `policy.max_retry_after` is not waited for: that response is
/// returned at once. A response header `x-should-retry: true` makes any
/// error status (>= 400) retryable and `x-should-retry: false` makes none retryable (the server
/// decides). Returns the last response (the caller maps a final error status); rethrows the last
/// transport error, and at once any `Error` other than kUnavailable. `attempts`, when given,
/// receives the number of tries made. `sleep` null: really sleeps. Thread-safe when `client` is.
PROPOS_EXPORT HttpResponse send_with_retry(HttpClient& client, const HttpRequest& request,
                                           const RetryPolicy& policy, const Sleeper& sleep,
                                           int* attempts = nullptr);

}  // namespace propos
