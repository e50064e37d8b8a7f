/// @file json.hpp
/// @brief JSON helpers on nlohmann::json: parsing with clear errors, canonical form for hashing, and
/// typed field access that names the missing or mistyped field.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "propos/core/clock.hpp"
#include "propos/core/error.hpp"
#include "propos/core/ids.hpp"
#include "propos/core/money.hpp"
#include "propos/core/time.hpp"
#include "propos/export.hpp"

namespace propos {

using Json = nlohmann::json;

/// @brief Parses JSON text. On malformed input throws `Error(kInvalidArgument)` whose message names
/// `what` (e.g. "work order record") and the byte offset of the problem.
PROPOS_EXPORT Json parse_json(std::string_view text, std::string_view what);

/// @brief Canonical serialization: object keys sorted, no insignificant whitespace, UTF-8 kept as is.
/// Two equal values always give the same bytes (used for audit hashes and request hashes).
PROPOS_EXPORT std::string canonical_json(const Json& j);

/// @brief Appends `canonical_json(j)` to `out`. Never throws except on allocation failure.
PROPOS_EXPORT void append_canonical_json(std::string& out, const Json& j);

/// @brief Appends `text` as a JSON string literal exactly as `canonical_json` writes it (quotes,
/// backslashes and control characters escaped; invalid UTF-8 replaced by U+FFFD), without building
/// a Json value. Never throws except on allocation failure.
PROPOS_EXPORT void append_json_string(std::string& out, std::string_view text);

/// @brief Reads a required field, converting to T. Throws `Error(kInvalidArgument)` naming `context`
/// and the field when it is missing or has the wrong type.
template <class T>
T json_get(const Json& j, std::string_view field, std::string_view context) {
    if (!j.is_object()) {
        throw Error(ErrorCode::kInvalidArgument,
                    std::string(context) + ": expected a JSON object, got " + j.type_name());
    }
    auto it = j.find(field);
    if (it == j.end() || it->is_null()) {
        throw Error(ErrorCode::kInvalidArgument,
                    std::string(context) + ": missing required field '" + std::string(field) + "'");
    }
    try {
        return it->template get<T>();
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorCode::kInvalidArgument, std::string(context) + ": field '" +
                                                     std::string(field) + "' has the wrong type (" +
                                                     it->type_name() + ")");
    } catch (const Error& e) {
        throw Error(e.code(),
                    std::string(context) + ": field '" + std::string(field) + "': " + e.what());
    }
}

/// @brief Reads an optional field: `fallback` when missing or null; wrong types still throw.
template <class T>
T json_get_or(const Json& j, std::string_view field, T fallback, std::string_view context) {
    if (!j.is_object()) return fallback;
    auto it = j.find(field);
    if (it == j.end() || it->is_null()) return fallback;
    return json_get<T>(j, field, context);
}

}  // namespace propos

// JSON conversions for core types, found by ADL in nlohmann.
namespace propos {
template <class Tag>
void to_json(Json& j, const Id<Tag>& id) {
    j = id.str();
}
template <class Tag>
void from_json(const Json& j, Id<Tag>& id) {
    id = Id<Tag>(j.get<std::string>());
}
/// Money as integer cents (exact); strings like "12.50" are accepted on input.
PROPOS_EXPORT void to_json(Json& j, const Money& m);
PROPOS_EXPORT void from_json(const Json& j, Money& m);
}  // namespace propos

namespace nlohmann {
/// Timestamps as ISO-8601 UTC strings.
template <>
struct adl_serializer<propos::Timestamp> {
    static void to_json(json& j, const propos::Timestamp& t) { j = propos::format_time(t); }
    static void from_json(const json& j, propos::Timestamp& t) {
        if (!j.is_string()) {
            throw propos::Error(propos::ErrorCode::kInvalidArgument,
                                std::string("expected an ISO-8601 time string, got ") + j.type_name());
        }
        t = propos::parse_time(j.get_ref<const std::string&>());
    }
};
/// std::optional<T> as null or the value.
template <class T>
struct adl_serializer<std::optional<T>> {
    static void to_json(json& j, const std::optional<T>& v) {
        if (v) j = *v; else j = nullptr;
    }
    static void from_json(const json& j, std::optional<T>& v) {
        if (j.is_null()) v.reset(); else v = j.get<T>();
    }
};
}  // namespace nlohmann
