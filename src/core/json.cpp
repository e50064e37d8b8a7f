#include "propos/core/json.hpp"

#include <charconv>

namespace propos {

Json parse_json(std::string_view text, std::string_view what) {
    try {
        return Json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        throw Error(ErrorCode::kInvalidArgument, "malformed JSON in " + std::string(what) +
                                                     " at byte " + std::to_string(e.byte) + ": " +
                                                     (text.empty() ? "empty input" : "syntax error"));
    } catch (const nlohmann::json::out_of_range&) {
        // A number too large for a double (found by fuzz_inbound_line, issue 19).
        throw Error(ErrorCode::kInvalidArgument, "malformed JSON in " + std::string(what) + ": a number out of range");
    }
}

namespace {

// What canonical JSON is defined as: nlohmann::json objects are std::map-backed, so keys are
// already sorted; dump() without indent emits no insignificant whitespace. Invalid UTF-8 is
// replaced rather than thrown mid-hash.
std::string nlohmann_canonical(const Json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

template <class Int>
void append_integer(std::string& out, Int v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

}  // namespace

std::string canonical_json(const Json& j) {
    std::string out;
    append_canonical_json(out, j);
    return out;
}

void append_canonical_json(std::string& out, const Json& j) {
    // Byte for byte nlohmann_canonical(j), without its per-character output adapter: containers,
    // integers and ASCII strings are written here (JsonTest in core_test compares both on a corpus); floats
    // (nlohmann's shortest round-trip format), non-ASCII strings and binary values go to it.
    using T = Json::value_t;
    switch (j.type()) {
        case T::null:
            out += "null";
            return;
        case T::boolean:
            out += *j.get_ptr<const Json::boolean_t*>() ? "true" : "false";
            return;
        case T::number_integer:
            append_integer(out, *j.get_ptr<const Json::number_integer_t*>());
            return;
        case T::number_unsigned:
            append_integer(out, *j.get_ptr<const Json::number_unsigned_t*>());
            return;
        case T::string:
            append_json_string(out, *j.get_ptr<const Json::string_t*>());
            return;
        case T::object: {
            out += '{';
            bool first = true;
            for (const auto& [key, value] : *j.get_ptr<const Json::object_t*>()) {
                if (!first) out += ',';
                first = false;
                append_json_string(out, key);
                out += ':';
                append_canonical_json(out, value);
            }
            out += '}';
            return;
        }
        case T::array: {
            out += '[';
            bool first = true;
            for (const auto& value : *j.get_ptr<const Json::array_t*>()) {
                if (!first) out += ',';
                first = false;
                append_canonical_json(out, value);
            }
            out += ']';
            return;
        }
        case T::number_float:
        case T::binary:
        case T::discarded:
            out += nlohmann_canonical(j);
            return;
    }
    out += nlohmann_canonical(j);
}

void append_json_string(std::string& out, std::string_view text) {
    // ASCII is escaped here exactly as nlohmann's serializer does with ensure_ascii = false; text
    // with other bytes goes to that serializer, which validates UTF-8 (replacing invalid
    // sequences).
    for (unsigned char c : text) {
        if (c >= 0x80) {
            out += nlohmann_canonical(Json(std::string(text)));
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
