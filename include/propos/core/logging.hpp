/// @file logging.hpp
/// @brief Logging setup (spdlog) and the maskers that keep contact details and secrets out of logs.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "propos/export.hpp"

namespace propos {

/// @brief Log levels, from most to least verbose.
enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError, kOff };

/// @brief Parses "trace", "debug", "info", "warn", "error", "off". Throws `Error(kInvalidArgument)`.
PROPOS_EXPORT LogLevel parse_log_level(std::string_view text);

/// @brief Configures the "propos" spdlog logger (stderr, `[time] [level] message`). Safe to call more
/// than once; the host may instead register its own spdlog logger named "propos" before first use.
PROPOS_EXPORT void setup_logging(LogLevel level);

/// @brief Receives PropOS's log lines: the level and the message (no time stamp, no level prefix;
/// contact details and secrets are masked as in every log line). Called on the thread that logs,
/// one call at a time (under the logger's lock): it must not log through PropOS. An exception it
/// throws is reported by spdlog's error handler and otherwise ignored.
using LogCallback = std::function<void(LogLevel level, std::string_view message)>;

/// @brief Sends PropOS's log lines at `level` and above to `callback` instead of stderr — so a host
/// with its own logging (or its own spdlog/fmt build) needs none of ours. An empty callback
/// restores the stderr output. Process-wide (the logger is the one singleton); thread-safe, may be
/// called at any time. Throws `Error(kFailedPrecondition)` when the host registered its own spdlog
/// logger named "propos" (add a sink to that logger instead).
PROPOS_EXPORT void set_log_callback(LogCallback callback, LogLevel level = LogLevel::kInfo);

/// @brief "+14158675309" -> "+1415***5309"; short numbers are masked entirely.
PROPOS_EXPORT std::string mask_phone(std::string_view phone);
/// @brief "maria.lopez@example.com" -> "m***@example.com".
PROPOS_EXPORT std::string mask_email(std::string_view email);
/// @brief Masks whatever looks like an email, a phone number, or a secret (API keys such as "sk-...",
/// "Bearer ...", "key=...") inside free text.
PROPOS_EXPORT std::string redact(std::string_view text);

}  // namespace propos
