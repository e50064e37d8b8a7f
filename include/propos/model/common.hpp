/// @file common.hpp
/// @brief Shared pieces of the domain model: enum <-> string tables and a JSON field reader that
/// names the record and field on every error.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "propos/core/error.hpp"
#include "propos/core/json.hpp"

namespace propos {

/// @brief Specialize with `static constexpr std::array<std::pair<E, std::string_view>, N> kNames` and
/// `static constexpr std::string_view kWhat` to give an enum stable snake_case names.
template <class E>
struct EnumTraits;

/// @brief The stable name of an enum value.
template <class E>
std::string_view enum_name(E value) {
    for (const auto& [v, name] : EnumTraits<E>::kNames) {
        if (v == value) return name;
    }
    return "unknown";
}

/// @brief Parses an enum name; throws `Error(kInvalidArgument)` listing the accepted names.
template <class E>
E parse_enum(std::string_view text) {
    for (const auto& [v, name] : EnumTraits<E>::kNames) {
        if (name == text) return v;
    }
    std::string accepted;
    for (const auto& [v, name] : EnumTraits<E>::kNames) {
        if (!accepted.empty()) accepted += ", ";
        accepted += name;
    }
    throw Error(ErrorCode::kInvalidArgument, "unknown " + std::string(EnumTraits<E>::kWhat) + " '" +
                                                 std::string(text) + "' (expected one of: " + accepted +
                                                 ")");
}

/// @brief Reads fields of one JSON record; every error names the record kind and the field.
class FieldReader {
public:
    FieldReader(const Json& j, std::string_view what) : j_(j), what_(what) {
        if (!j.is_object()) {
            throw Error(ErrorCode::kInvalidArgument,
                        what_ + ": expected a JSON object, got " + j.type_name());
        }
    }
    /// @brief A required field.
    template <class T>
    void req(std::string_view field, T& out) const {
        out = json_get<T>(j_, field, what_);
    }
    /// @brief An optional field: `out` keeps its current (default) value when missing or null.
    template <class T>
    void opt(std::string_view field, T& out) const {
        out = json_get_or<T>(j_, field, out, what_);
    }
    /// @brief A required enum field.
    template <class E>
    void req_enum(std::string_view field, E& out) const {
        const auto text = json_get<std::string>(j_, field, what_);
        try {
            out = parse_enum<E>(text);
        } catch (const Error& e) {
            throw Error(e.code(), what_ + ": field '" + std::string(field) + "': " + e.what());
        }
    }
    /// @brief An optional enum field.
    template <class E>
    void opt_enum(std::string_view field, E& out) const {
        auto it = j_.find(field);
        if (it == j_.end() || it->is_null()) return;
        req_enum(field, out);
    }

private:
    const Json& j_;
    std::string what_;
};

}  // namespace propos

/// Defines to_json/from_json for an enum that has EnumTraits.
#define PROPOS_ENUM_JSON(E)                                                            \
    inline void to_json(::propos::Json& j, E v) { j = std::string(::propos::enum_name(v)); } \
    inline void from_json(const ::propos::Json& j, E& v) {                             \
        if (!j.is_string()) {                                                          \
            throw ::propos::Error(::propos::ErrorCode::kInvalidArgument,               \
                                  std::string(::propos::EnumTraits<E>::kWhat) +        \
                                      " must be a string");                            \
        }                                                                              \
        v = ::propos::parse_enum<E>(j.get_ref<const std::string&>());                  \
    }
