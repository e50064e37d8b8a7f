#include "propos/core/http.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

#include "core/log.hpp"
#include "propos/core/time.hpp"
#include "propos/version.hpp"

namespace propos {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

// "https://user:pw@api.example.com:8443/v1?x" -> "api.example.com:8443". Never returns credentials,
// paths or query strings, so it is safe in error messages and logs.
std::string host_of(std::string_view url) {
    if (auto p = url.find("://"); p != std::string_view::npos) url.remove_prefix(p + 3);
    url = url.substr(0, url.find_first_of("/?#"));
    if (auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
    return url.empty() ? std::string("(no host)") : std::string(url);
}

void ensure_curl_initialized() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            throw Error(ErrorCode::kInternal, "libcurl global initialization failed");
        }
    });
}

struct Transfer {
    HttpResponse* response;
    std::size_t max_bytes;
    bool too_big = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    if (t->response->body.size() + n > t->max_bytes) {
        t->too_big = true;
        return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    t->response->body.append(data, n);
    return n;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    std::string_view line(data, n);
    if (line.substr(0, 5) == "HTTP/") {
        // A new response starts (after "100 Continue" or an informational response): keep only the
        // headers of the final one.
        t->response->headers.clear();
        return n;
    }
    line = trim(line);
    if (line.empty()) return n;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return n;
    t->response->headers.emplace_back(std::string(trim(line.substr(0, colon))),
                                      std::string(trim(line.substr(colon + 1))));
    return n;
}

struct EasyDeleter {
    void operator()(CURL* h) const noexcept { curl_easy_cleanup(h); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
struct SlistDeleter {
    void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

bool valid_method(std::string_view m) {
    return !m.empty() && m.size() <= 16 &&
           std::all_of(m.begin(), m.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool has_line_break(std::string_view s) {
    return s.find_first_of("\r\n") != std::string_view::npos;
}

class CurlHttpClient final : public HttpClient {
public:
    explicit CurlHttpClient(CurlHttpOptions options) : options_(std::move(options)) {
        ensure_curl_initialized();
        if (options_.user_agent.empty()) options_.user_agent = std::string("propos/") + kVersion;
        options_.max_idle_connections = std::max(0, options_.max_idle_connections);
    }

    ~CurlHttpClient() override {
        std::lock_guard lock(mu_);
        idle_.clear();
    }

    HttpResponse send(const HttpRequest& request) override {
        const std::string host = host_of(request.url);
        if (!valid_method(request.method)) {
            throw Error(ErrorCode::kInvalidArgument,
                        "invalid HTTP method '" + request.method + "' for " + host);
        }
        Slist headers;
        {
            curl_slist* list = nullptr;
            auto append = [&](const std::string& line) {
                curl_slist* next = curl_slist_append(list, line.c_str());
                if (!next) {
                    curl_slist_free_all(list);
                    throw Error(ErrorCode::kInternal, "out of memory building HTTP headers");
                }
                list = next;
            };
            for (const auto& [name, value] : request.headers) {
                if (name.empty() || has_line_break(name) || has_line_break(value) ||
                    name.find(':') != std::string::npos) {
                    curl_slist_free_all(list);
                    throw Error(ErrorCode::kInvalidArgument,
                                "invalid HTTP header name or value for " + host +
                                    " (empty name, ':' in the name, or a line break)");
                }
                // "Name;" is curl's syntax for a header with an empty value.
                append(value.empty() ? name + ";" : name + ": " + value);
            }
            append("Expect:");  // no "100-continue" round trip for large bodies
            headers.reset(list);
        }

        EasyHandle handle = acquire();
        CURL* h = handle.get();
        HttpResponse response;
        Transfer transfer{&response, options_.max_response_bytes};
        char errbuf[CURL_ERROR_SIZE] = {0};

        curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
        curl_easy_setopt(h, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS,
                         static_cast<long>(std::max<std::int64_t>(1, request.timeout.count())));
        curl_easy_setopt(
            h, CURLOPT_CONNECTTIMEOUT_MS,
            static_cast<long>(std::max<std::int64_t>(1, request.connect_timeout.count())));
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, options_.verify_tls ? 1L : 0L);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, options_.verify_tls ? 2L : 0L);
        curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str());
        curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
        curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
        curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
        curl_easy_setopt(h, CURLOPT_HEADERDATA, &transfer);
        if (!request.basic_auth.empty()) {
            curl_easy_setopt(h, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
            curl_easy_setopt(h, CURLOPT_USERPWD, request.basic_auth.c_str());
        }
        const bool with_body = request.method == "POST" || request.method == "PUT" ||
                               request.method == "PATCH" || !request.body.empty();
        if (request.method == "GET" && request.body.empty()) {
            curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
        } else if (request.method == "HEAD") {
            curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
        } else {
            if (with_body) {
                curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                                 static_cast<curl_off_t>(request.body.size()));
                curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
            }
            if (request.method != "POST") {
                curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
            }
        }

        const auto start = std::chrono::steady_clock::now();
        const CURLcode rc = curl_easy_perform(h);
        response.elapsed =
            std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - start);
        // Unset pointers into this frame before the handle goes back to the pool.
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);

        if (rc != CURLE_OK) {
            // A failed transfer may leave the handle's connection in an unknown state: drop it.
            handle.reset();
            if (transfer.too_big) {
                throw Error(ErrorCode::kUnavailable,
                            "HTTP " + request.method + " to " + host +
                                " failed: response larger than " +
                                std::to_string(options_.max_response_bytes) + " bytes");
            }
            std::string cause = curl_easy_strerror(rc);
            if (errbuf[0] != '\0') cause += " (" + std::string(trim(errbuf)) + ")";
            const ErrorCode code = (rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL)
                                       ? ErrorCode::kInvalidArgument
                                       : ErrorCode::kUnavailable;
            throw Error(code, "HTTP " + request.method + " to " + host + " failed: " + cause);
        }
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        response.status = static_cast<int>(status);
        release(std::move(handle));
        return response;
    }

private:
    EasyHandle acquire() {
        {
            std::lock_guard lock(mu_);
            if (!idle_.empty()) {
                EasyHandle h = std::move(idle_.back());
                idle_.pop_back();
                // Reset options but keep live connections, the DNS cache and TLS sessions.
                curl_easy_reset(h.get());
                return h;
            }
        }
        EasyHandle h(curl_easy_init());
        if (!h) throw Error(ErrorCode::kInternal, "curl_easy_init failed (out of memory?)");
        return h;
    }

    void release(EasyHandle h) {
        std::lock_guard lock(mu_);
        if (static_cast<int>(idle_.size()) < options_.max_idle_connections) {
            idle_.push_back(std::move(h));
        }
    }

    CurlHttpOptions options_;
    std::mutex mu_;
    std::vector<EasyHandle> idle_;
};

bool parse_non_negative(std::string_view text, double& out) {
    text = trim(text);
    if (text.empty()) return false;
    double v = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v) || v < 0) {
        return false;
    }
    out = v;
    return true;
}

}  // namespace

std::string find_header(const HttpHeaders& headers, std::string_view name) {
    for (const auto& [k, v] : headers) {
        if (iequals(k, name)) return v;
    }
    return {};
}

std::unique_ptr<HttpClient> make_curl_http_client(const CurlHttpOptions& options) {
    return std::make_unique<CurlHttpClient>(options);
}

bool is_retryable_status(int status) noexcept {
    return status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599);
}

std::optional<Millis> retry_after(const HttpResponse& response, Timestamp now) {
    constexpr double kMaxMs = 365.0 * 24 * 3600 * 1000;  // keeps the conversion in range
    double v = 0;
    if (parse_non_negative(response.header("retry-after-ms"), v)) {
        return Millis(static_cast<std::int64_t>(std::llround(std::min(v, kMaxMs))));
    }
    const std::string text(trim(response.header("retry-after")));
    if (text.empty()) return std::nullopt;
    if (parse_non_negative(text, v)) {
        return Millis(static_cast<std::int64_t>(std::llround(std::min(v * 1000.0, kMaxMs))));
    }
    const time_t at = curl_getdate(text.c_str(), nullptr);  // RFC 1123, RFC 850 and asctime forms
    if (at == static_cast<time_t>(-1)) return std::nullopt;
    const std::int64_t diff = static_cast<std::int64_t>(at) * 1000 - to_unix_millis(now);
    return Millis(std::max<std::int64_t>(0, diff));
}

Sleeper real_sleeper() {
    return [](Millis d) {
        if (d.count() > 0) std::this_thread::sleep_for(d);
    };
}

HttpResponse send_with_retry(HttpClient& client, const HttpRequest& request,
                             const RetryPolicy& policy, const Sleeper& sleep, int* attempts) {
    const int max_retries = std::max(0, policy.max_retries);
    std::mt19937_64 rng{std::random_device{}()};
    const std::string host = host_of(request.url);
    for (int attempt = 0;; ++attempt) {
        if (attempts) *attempts = attempt + 1;
        std::optional<Millis> server_delay;
        std::string why;
        try {
            HttpResponse response = client.send(request);
            // The providers' SDKs let the server decide first, then fall back to the status.
            const std::string should(trim(response.header("x-should-retry")));
            const bool retry = iequals(should, "true")    ? response.status >= 400
                               : iequals(should, "false") ? false
                                                          : is_retryable_status(response.status);
            if (!retry || attempt >= max_retries) return response;
            server_delay = retry_after(
                response, policy.clock ? policy.clock->now() : std::chrono::system_clock::now());
            // Longer than the caller's patience: not slept here (the caller comes back later).
            if (server_delay && *server_delay > std::max(Millis(0), policy.max_retry_after)) {
                return response;
            }
            why = "HTTP " + std::to_string(response.status);
        } catch (const Error& e) {
            if (e.code() != ErrorCode::kUnavailable || attempt >= max_retries) throw;
            why = e.what();
        }
        Millis delay{0};
        if (server_delay) {
            delay = *server_delay;
        } else {
            // Full jitter: uniform(0, min(max_delay, base_delay * 2^attempt)).
            const std::int64_t base = std::max<std::int64_t>(0, policy.base_delay.count());
            const std::int64_t cap = std::max<std::int64_t>(0, policy.max_delay.count());
            std::int64_t ceiling = base;
            for (int i = 0; i < attempt && ceiling < cap; ++i) ceiling *= 2;
            ceiling = std::min(ceiling, cap);
            delay = Millis(std::uniform_int_distribution<std::int64_t>(0, ceiling)(rng));
        }
        detail::logger()->warn("{} {}: {}; retry {}/{} in {} ms", request.method, host, why,
                               attempt + 1, max_retries, delay.count());
        if (sleep) {
            sleep(delay);
        } else if (delay.count() > 0) {
            std::this_thread::sleep_for(delay);
        }
    }
}

}  // namespace propos
