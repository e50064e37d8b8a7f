#include "propos/core/error.hpp"

namespace propos {

std::string_view to_string(ErrorCode code) noexcept {
    switch (code) {
        case ErrorCode::kInvalidArgument: return "invalid_argument";
        case ErrorCode::kNotFound: return "not_found";
        case ErrorCode::kAlreadyExists: return "already_exists";
        case ErrorCode::kFailedPrecondition: return "failed_precondition";
        case ErrorCode::kCorrupt: return "corrupt";
        case ErrorCode::kUnsupportedVersion: return "unsupported_version";
        case ErrorCode::kIo: return "io";
        case ErrorCode::kBusy: return "busy";
        case ErrorCode::kUnavailable: return "unavailable";
        case ErrorCode::kPermissionDenied: return "permission_denied";
        case ErrorCode::kResourceExhausted: return "resource_exhausted";
        case ErrorCode::kInternal: return "internal";
    }
    return "unknown";
}

Error::Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}

}  // namespace propos
