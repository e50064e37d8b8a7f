/// @file error.hpp
/// @brief `propos::Error`, the one exception type every public PropOS call throws, and its `ErrorCode`.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "propos/export.hpp"

namespace propos {

/// @brief What kind of failure an `Error` reports. Stable: bindings map each code to an exception class.
enum class ErrorCode {
    kInvalidArgument,     ///< The caller passed something malformed (bad JSON, empty text, bad id...).
    kNotFound,            ///< The entity or organization does not exist (in this organization).
    kAlreadyExists,       ///< A unique key is already taken.
    kFailedPrecondition,  ///< The operation is not allowed in the current state (e.g. illegal transition).
    kCorrupt,             ///< Stored data is damaged or is not a PropOS database.
    kUnsupportedVersion,  ///< The database was written by a newer PropOS.
    kIo,                  ///< The operating system refused a file or network operation.
    kBusy,                ///< The database stayed locked past the busy timeout.
    kUnavailable,         ///< A remote service failed in a way that may succeed on retry.
    kPermissionDenied,    ///< Authentication or authorization failed (bad key, bad signature).
    kResourceExhausted,   ///< A budget or size limit was reached.
    kInternal,            ///< A bug in PropOS: please report it.
};

/// @brief The stable snake_case name of an error code, e.g. "not_found".
PROPOS_EXPORT std::string_view to_string(ErrorCode code) noexcept;

/// @brief The exception thrown by public PropOS calls.
///
/// The message says what was wrong and, where there is one, what to do about it. It never contains
/// secrets or message bodies.
class PROPOS_EXPORT Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& message);

    /// @brief The kind of failure.
    ErrorCode code() const noexcept { return code_; }

private:
    ErrorCode code_;
};

}  // namespace propos
