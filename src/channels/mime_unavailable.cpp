// MIME parsing in a build without GMime (PROPOS_WITH_EMAIL=OFF): every parse says so.
#include "channels/mime.hpp"
#include "propos/core/error.hpp"

namespace propos::channels::detail {

bool mime_available() noexcept { return false; }

std::vector<FormPart> parse_form_data(std::string_view, std::string_view) {
    throw Error(ErrorCode::kFailedPrecondition, kEmailUnavailable);
}

MimeMail parse_mail(std::string_view) { throw Error(ErrorCode::kFailedPrecondition, kEmailUnavailable); }

std::optional<std::string> to_utf8(std::string_view, std::string_view) {
    throw Error(ErrorCode::kFailedPrecondition, kEmailUnavailable);
}

}  // namespace propos::channels::detail
