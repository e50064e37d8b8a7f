#include "propos/core/json.hpp"

namespace propos {

Json parse_json(std::string_view text, std::string_view what) {
    try {
        return Json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        throw Error(ErrorCode::kInvalidArgument, "malformed JSON in " + std::string(what) +
                                                     " at byte " + std::to_string(e.byte) + ": " +
                                                     (text.empty() ? "empty input" : "syntax error"));
    }
}

std::string canonical_json(const Json& j) {
    // nlohmann::json objects are std::map-backed, so keys are already sorted; dump() without indent
    // emits no insignificant whitespace. Invalid UTF-8 is replaced rather than thrown mid-hash.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void to_json(Json& j, const Money& m) { j = m.in_cents(); }

void from_json(const Json& j, Money& m) {
    if (j.is_number_integer()) {
        m = Money::cents(j.get<std::int64_t>());
    } else if (j.is_string()) {
        m = Money::parse(j.get_ref<const std::string&>());
    } else {
        throw Error(ErrorCode::kInvalidArgument,
                    std::string("money must be integer cents or a decimal string, got ") + j.type_name());
    }
}

}  // namespace propos
