#include "pms/pms_util.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/log.hpp"
#include "propos/core/logging.hpp"
#include "propos/core/time.hpp"

namespace propos::pms {

std::string_view to_string(PmsEntityKind kind) noexcept {
    return kind == PmsEntityKind::kWorkOrder ? "work_order" : "service_request";
}

std::optional<Timestamp> parse_pms_time(std::string_view text) {
    auto t = detail::trim(text);
    if (t.empty()) return std::nullopt;
    try {
        return parse_time(t);
    } catch (const Error&) {
    }
    // "2023-08-22T14:03:09" or "2023-08-22 14:03:09.123" without a zone: UTC.
    std::string s(t);
    if (s.size() > 10 && s[10] == ' ') s[10] = 'T';
    try {
        return parse_time(s + "Z");
    } catch (const Error&) {
    }
    // "08/22/2023" (US dates in AppFolio reports).
    if (s.size() == 10 && s[2] == '/' && s[5] == '/') {
        try {
            return parse_time(s.substr(6, 4) + "-" + s.substr(0, 2) + "-" + s.substr(3, 2));
        } catch (const Error&) {
        }
    }
    return std::nullopt;
}

namespace detail {

bool is_safe_id(std::string_view id) noexcept {
    if (id.empty() || id.size() > 128) return false;
    return std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_' || c == '.';
    });
}

namespace {
const Json* find_any(const Json& j, std::initializer_list<const char*> keys) {
    if (!j.is_object()) return nullptr;
    for (const char* k : keys) {
        auto it = j.find(k);
        if (it != j.end() && !it->is_null()) return &*it;
    }
    return nullptr;
}
}  // namespace

std::string text(const Json& j, std::initializer_list<const char*> keys) {
    const Json* v = find_any(j, keys);
    if (!v) return {};
    if (v->is_string()) return v->get<std::string>();
    if (v->is_number_integer()) return std::to_string(v->get<std::int64_t>());
    if (v->is_number() || v->is_boolean()) return v->dump();
    return {};
}

std::string nested_text(const Json& j, const char* a, const char* b) {
    if (!j.is_object()) return {};
    auto it = j.find(a);
    if (it == j.end() || !it->is_object()) return {};
    return text(*it, {b});
}

std::optional<bool> boolean(const Json& j, std::initializer_list<const char*> keys) {
    const Json* v = find_any(j, keys);
    if (!v) return std::nullopt;
    if (v->is_boolean()) return v->get<bool>();
    if (v->is_string()) {
        const auto s = lower(v->get<std::string>());
        if (s == "true" || s == "yes" || s == "y" || s == "1") return true;
        if (s == "false" || s == "no" || s == "n" || s == "0") return false;
    }
    if (v->is_number_integer()) return v->get<std::int64_t>() != 0;
    return std::nullopt;
}

std::optional<Money> money(const Json& j, std::initializer_list<const char*> keys) {
    const Json* v = find_any(j, keys);
    if (!v) return std::nullopt;
    if (v->is_number()) return Money::cents(std::llround(v->get<double>() * 100.0));
    if (v->is_string()) {
        const auto s = std::string(trim(v->get<std::string>()));
        if (s.empty()) return std::nullopt;
        try {
            return Money::parse(s);
        } catch (const Error&) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

std::optional<Timestamp> time(const Json& j, std::initializer_list<const char*> keys) {
    const Json* v = find_any(j, keys);
    if (!v || !v->is_string()) return std::nullopt;
    return parse_pms_time(v->get<std::string>());
}

Priority priority_from(std::string_view pms_priority) {
    const auto p = lower(pms_priority);
    if (p.find("emerg") != std::string::npos) return Priority::kEmergency;
    if (p == "high" || p == "urgent" || p.find("24") != std::string::npos) return Priority::kUrgent;
    return Priority::kRoutine;
}

HttpResponse call(HttpClient& http, const HttpRequest& request, const RetryPolicy& retry,
                  const Sleeper& sleeper, std::string_view what) {
    HttpResponse resp = send_with_retry(http, request, retry, sleeper ? sleeper : real_sleeper());
    if (resp.status >= 200 && resp.status < 300) return resp;
    std::string msg = std::string(what) + " answered HTTP " + std::to_string(resp.status);
    if (!resp.body.empty() && resp.body.size() < 2000) {
        try {
            const auto j = Json::parse(resp.body);
            std::string detail = text(j, {"UserMessage", "message", "Message", "error", "title"});
            if (!detail.empty()) msg += ": " + redact(detail.substr(0, 300));
        } catch (const Json::exception&) {
        }
    }
    propos::detail::logger()->warn("pms: {}", msg);
    if (resp.status == 401 || resp.status == 403) throw Error(ErrorCode::kPermissionDenied, msg);
    if (resp.status == 404) throw Error(ErrorCode::kNotFound, msg);
    if (is_retryable_status(resp.status)) throw Error(ErrorCode::kUnavailable, msg);
    throw Error(ErrorCode::kInvalidArgument, msg);
}

Json parse_answer(const HttpResponse& response, std::string_view what) {
    try {
        return Json::parse(response.body);
    } catch (const Json::exception&) {
        throw Error(ErrorCode::kInvalidArgument, std::string(what) + " answered something that is not JSON");
    }
}

PmsWebhookResult dead_letter(int status, ErrorCode code, std::string reason, std::string_view source,
                             std::string_view content_type) {
    PmsWebhookResult r;
    r.kind = PmsWebhookResult::Kind::kDeadLetter;
    r.http_status = status;
    r.error_code = code;
    r.dead_letter_reason = std::move(reason);
    r.source = std::string(source);
    r.content_type = std::string(content_type);
    propos::detail::logger()->warn("{} webhook dead letter ({}): {}", source, status, r.dead_letter_reason);
    return r;
}

}  // namespace detail
}  // namespace propos::pms
