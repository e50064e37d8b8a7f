#include "propos/core/logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <mutex>
#include <regex>

#include "propos/core/error.hpp"
#include "log.hpp"

namespace propos {

LogLevel parse_log_level(std::string_view text) {
    if (text == "trace") return LogLevel::kTrace;
    if (text == "debug") return LogLevel::kDebug;
    if (text == "info") return LogLevel::kInfo;
    if (text == "warn" || text == "warning") return LogLevel::kWarn;
    if (text == "error") return LogLevel::kError;
    if (text == "off") return LogLevel::kOff;
    throw Error(ErrorCode::kInvalidArgument, "unknown log level '" + std::string(text) +
                                                 "' (use trace, debug, info, warn, error or off)");
}

namespace detail {
std::shared_ptr<spdlog::logger> logger() {
    static std::mutex mu;
    std::lock_guard lock(mu);
    auto l = spdlog::get("propos");
    if (!l) {
        l = spdlog::stderr_color_mt("propos");
        l->set_pattern("[%Y-%m-%dT%H:%M:%S.%eZ] [%^%l%$] %v", spdlog::pattern_time_type::utc);
        l->set_level(spdlog::level::warn);
    }
    return l;
}
}  // namespace detail

void setup_logging(LogLevel level) {
    auto logger = detail::logger();
    static constexpr spdlog::level::level_enum kMap[] = {
        spdlog::level::trace, spdlog::level::debug, spdlog::level::info,
        spdlog::level::warn,  spdlog::level::err,   spdlog::level::off};
    logger->set_level(kMap[static_cast<int>(level)]);
}

std::string mask_phone(std::string_view phone) {
    std::string digits;
    for (char c : phone) {
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    }
    if (digits.size() < 8) return std::string(phone.size(), '*');
    const std::string prefix = phone.starts_with("+") ? "+" : "";
    return prefix + digits.substr(0, digits.size() - 7) + "***" + digits.substr(digits.size() - 4);
}

std::string mask_email(std::string_view email) {
    const auto at = email.find('@');
    if (at == std::string_view::npos || at == 0) return "***";
    return std::string(1, email[0]) + "***" + std::string(email.substr(at));
}

std::string redact(std::string_view text) {
    static const std::regex kEmail(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})");
    static const std::regex kPhone(R"(\+?\d[\d\s().-]{7,}\d)");
    static const std::regex kSecret(
        R"((sk-[A-Za-z0-9_-]{8,}|Bearer\s+[A-Za-z0-9._~+/=-]+|(api[_-]?key|token|secret|password)=[^&\s]+))",
        std::regex::icase);
    std::string s(text);
    s = std::regex_replace(s, kSecret, "[secret]");
    std::string out;
    std::sregex_iterator it(s.begin(), s.end(), kEmail), end;
    size_t last = 0;
    for (; it != end; ++it) {
        out += s.substr(last, static_cast<size_t>(it->position()) - last);
        out += mask_email(it->str());
        last = static_cast<size_t>(it->position() + it->length());
    }
    out += s.substr(last);
    std::string out2;
    last = 0;
    for (std::sregex_iterator p(out.begin(), out.end(), kPhone); p != end; ++p) {
        out2 += out.substr(last, static_cast<size_t>(p->position()) - last);
        out2 += mask_phone(p->str());
        last = static_cast<size_t>(p->position() + p->length());
    }
    out2 += out.substr(last);
    return out2;
}

}  // namespace propos
