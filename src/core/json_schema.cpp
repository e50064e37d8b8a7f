#include "core/json_schema.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "propos/core/error.hpp"

namespace propos::detail {

CompiledJsonSchema::CompiledJsonSchema(const Json& schema, const std::string& name)
    : schema_(std::make_unique<valijson::Schema>()) {
    try {
        valijson::SchemaParser parser;
        valijson::adapters::NlohmannJsonAdapter adapter(schema);
        parser.populateSchema(adapter, *schema_);
    } catch (const std::exception& e) {
        throw Error(ErrorCode::kInvalidArgument, name + ": not a usable JSON Schema: " + e.what());
    }
}

CompiledJsonSchema::~CompiledJsonSchema() = default;

std::optional<SchemaViolation> CompiledJsonSchema::deepest_violation(const Json& document) const {
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(document);
    if (validator.validate(*schema_, target, &results)) return std::nullopt;
    valijson::ValidationResults::Error err;
    std::optional<SchemaViolation> best;
    while (results.popError(err)) {
        if (!best || err.context.size() > best->context.size()) best = SchemaViolation{err.context, err.description};
    }
    if (!best) best = SchemaViolation{{}, "does not match the schema"};
    return best;
}

std::string json_pointer_of(const std::vector<std::string>& context) {
    std::string out;
    for (const auto& c : context) {
        if (c == "<root>") continue;
        std::string part = c;
        if (part.size() >= 2 && part.front() == '[' && part.back() == ']') part = part.substr(1, part.size() - 2);
        if (part.size() >= 2 && part.front() == '"' && part.back() == '"') part = part.substr(1, part.size() - 2);
        out += "/" + part;
    }
    return out.empty() ? "/" : out;
}

}  // namespace propos::detail
