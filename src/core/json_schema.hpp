// JSON Schema validation for the library's data files (rule packs, checklists, cadences): a schema
// compiled once, and the deepest violation of a document — the one that names the field best
// (valijson also reports the enclosing allOf / oneOf / objects).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "propos/core/json.hpp"

namespace valijson {
class Schema;
}

namespace propos::detail {

/// @brief A schema violation: valijson's context ("<root>", "[items]", "[3]", "[due_days]") and what
/// is wrong.
struct SchemaViolation {
    std::vector<std::string> context;
    std::string description;
};

/// @brief A compiled JSON Schema; immutable after construction (safe to share between threads).
class CompiledJsonSchema {
public:
    /// @brief Compiles `schema`. Throws `Error(kInvalidArgument)` naming `name` when it is not one.
    CompiledJsonSchema(const Json& schema, const std::string& name);
    ~CompiledJsonSchema();
    CompiledJsonSchema(const CompiledJsonSchema&) = delete;
    CompiledJsonSchema& operator=(const CompiledJsonSchema&) = delete;

    /// @brief Nothing when `document` is valid, else its deepest violation.
    std::optional<SchemaViolation> deepest_violation(const Json& document) const;

private:
    std::unique_ptr<valijson::Schema> schema_;
};

/// @brief valijson's context as a JSON pointer: "/items/3/due_days" ("/" for the document).
std::string json_pointer_of(const std::vector<std::string>& context);

}  // namespace propos::detail
