#include "propos/llm/provider.hpp"

#include <cctype>

#include "core/strings.hpp"
#include "llm/http_provider.hpp"

namespace propos::llm {

ProviderError::ProviderError(ErrorCode code, const std::string& message, int http_status,
                             std::string error_type, std::string request_id,
                             std::optional<Millis> retry_after)
    : Error(code, message),
      http_status_(http_status),
      error_type_(std::move(error_type)),
      request_id_(std::move(request_id)),
      retry_after_(retry_after) {}

namespace detail {

ErrorCode code_for_status(int status) noexcept {
    if (is_retryable_status(status)) return ErrorCode::kUnavailable;
    if (status == 401 || status == 403) return ErrorCode::kPermissionDenied;
    // 402: the account has no credit (billing_error). Not this request's fault: a provider outage
    // until someone pays (never retried by the provider itself: see is_retryable_status).
    if (status == 402) return ErrorCode::kUnavailable;
    if (status >= 400 && status <= 499) return ErrorCode::kInvalidArgument;
    return ErrorCode::kUnavailable;
}

namespace {
bool valid_tool_name(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    for (unsigned char c : name) {
        if (!std::isalnum(c) && c != '_' && c != '-') return false;
    }
    return true;
}
}  // namespace

void validate_tool_names(const LlmRequest& request, std::string_view provider) {
    auto check = [&](const std::string& name, const char* where) {
        if (!valid_tool_name(name)) {
            throw Error(ErrorCode::kInvalidArgument,
                        std::string(provider) + ": invalid " + where + " name '" +
                            truncate(name, 80) + "': tool names must match ^[a-zA-Z0-9_-]{1,64}$");
        }
    };
    for (const auto& t : request.tools) check(t.name, "tool");
    if (request.tool_choice.mode == ToolChoice::Mode::kTool)
        check(request.tool_choice.name, "tool_choice");
}

std::string truncate(std::string_view s, std::size_t n) {
    if (s.size() <= n) return std::string(s);
    return std::string(propos::detail::utf8_prefix(s, n)) + "...";
}

std::string trim_slashes(std::string base_url) {
    while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
    return base_url;
}

std::shared_ptr<HttpClient> client_or_default(std::shared_ptr<HttpClient> given) {
    if (given) return given;
    return std::shared_ptr<HttpClient>(make_curl_http_client());
}

std::string error_suffix(const std::string& request_id, int attempts) {
    std::string out;
    if (!request_id.empty()) out += "request " + request_id;
    if (attempts > 1) {
        if (!out.empty()) out += ", ";
        out += std::to_string(attempts) + " attempts";
    }
    return out.empty() ? out : " (" + out + ")";
}

HttpResponse send_json(HttpClient& client, const HttpRequest& request, const RetryPolicy& policy,
                       const Sleeper& sleep, std::string_view provider, int& attempts) {
    attempts = 0;
    try {
        return send_with_retry(client, request, policy, sleep, &attempts);
    } catch (const ProviderError&) {
        throw;
    } catch (const Error& e) {
        throw ProviderError(e.code(),
                            std::string(provider) + ": " + e.what() + error_suffix({}, attempts));
    }
}

std::optional<Millis> unslept_retry_after(const HttpResponse& response, const RetryPolicy& policy) {
    const auto delay = retry_after(
        response, policy.clock ? policy.clock->now() : std::chrono::system_clock::now());
    if (!delay || *delay <= std::max(Millis(0), policy.max_retry_after)) return std::nullopt;
    return delay;
}

Json parse_response_body(const HttpResponse& response, std::string_view provider,
                         const std::string& request_id) {
    try {
        Json j = Json::parse(response.body);
        if (!j.is_object()) {
            throw ProviderError(ErrorCode::kUnavailable,
                                std::string(provider) + ": malformed response (HTTP " +
                                    std::to_string(response.status) +
                                    "): expected a JSON object, got " + j.type_name() +
                                    error_suffix(request_id, 0),
                                response.status, {}, request_id);
        }
        return j;
    } catch (const nlohmann::json::parse_error& e) {
        throw ProviderError(ErrorCode::kUnavailable,
                            std::string(provider) +
                                ": malformed or truncated JSON in the response (HTTP " +
                                std::to_string(response.status) + ", " +
                                std::to_string(response.body.size()) + " bytes, error at byte " +
                                std::to_string(e.byte) + ")" + error_suffix(request_id, 0),
                            response.status, {}, request_id);
    } catch (const nlohmann::json::out_of_range&) {
        // e.g. a number too large for a double (found by fuzz_openai_reply, issue 19).
        throw ProviderError(ErrorCode::kUnavailable,
                            std::string(provider) + ": malformed JSON in the response (HTTP " +
                                std::to_string(response.status) + ", " + std::to_string(response.body.size()) +
                                " bytes): a number out of range" + error_suffix(request_id, 0),
                            response.status, {}, request_id);
    }
}

}  // namespace detail
}  // namespace propos::llm
