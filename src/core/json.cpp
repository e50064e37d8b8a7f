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

void append_json_string(std::string& out, std::string_view text) {
    // ASCII is escaped here exactly as nlohmann's serializer does with ensure_ascii = false; text
    // with other bytes goes to that serializer, which validates UTF-8 (replacing invalid
    // sequences).
    for (unsigned char c : text) {
        if (c >= 0x80) {
            out += canonical_json(Json(std::string(text)));
            return;
        }
    }
    static constexpr char kHex[] = "0123456789abcdef";
    out.reserve(out.size() + text.size() + 2);
    out += '"';
    std::size_t run = 0;  // start of the pending run of bytes copied as they are
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 0xF];
        }
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
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
