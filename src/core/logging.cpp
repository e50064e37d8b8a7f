#include "propos/core/logging.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <cstdio>
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

namespace {
constexpr spdlog::level::level_enum kSpdlogLevel[] = {spdlog::level::trace, spdlog::level::debug,
                                                      spdlog::level::info,  spdlog::level::warn,
                                                      spdlog::level::err,   spdlog::level::off};

// The sink of the default "propos" logger: formatted lines on stderr, or the host's callback.
class HostSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    void set_callback(LogCallback callback) {
        std::lock_guard lock(mutex_);
        callback_ = std::move(callback);
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        if (callback_) {
            const auto level = msg.level == spdlog::level::critical
                                   ? LogLevel::kError
                                   : static_cast<LogLevel>(static_cast<int>(msg.level));
            callback_(level, std::string_view(msg.payload.data(), msg.payload.size()));
            return;
        }
        spdlog::memory_buf_t line;
        formatter_->format(msg, line);
        std::fwrite(line.data(), 1, line.size(), stderr);
    }
    void flush_() override {
        if (!callback_) std::fflush(stderr);
    }

private:
    LogCallback callback_;
};
}  // namespace

namespace detail {
std::shared_ptr<spdlog::logger> logger() {
    static std::mutex mu;
    std::lock_guard lock(mu);
    auto l = spdlog::get("propos");
    if (!l) {
        l = std::make_shared<spdlog::logger>("propos", std::make_shared<HostSink>());
        l->set_pattern("[%Y-%m-%dT%H:%M:%S.%eZ] [%l] %v", spdlog::pattern_time_type::utc);
        l->set_level(spdlog::level::warn);
        spdlog::register_logger(l);
    }
    return l;
}
}  // namespace detail

void setup_logging(LogLevel level) {
    detail::logger()->set_level(kSpdlogLevel[static_cast<int>(level)]);
}

void set_log_callback(LogCallback callback, LogLevel level) {
    auto l = detail::logger();
    const auto& sinks = l->sinks();
    auto sink = sinks.size() == 1 ? std::dynamic_pointer_cast<HostSink>(sinks.front()) : nullptr;
    if (!sink) {
        throw Error(ErrorCode::kFailedPrecondition,
                    "set_log_callback: the host registered its own spdlog logger named \"propos\"; "
                    "add a sink to that logger instead");
    }
    sink->set_callback(std::move(callback));
    l->set_level(kSpdlogLevel[static_cast<int>(level)]);
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
