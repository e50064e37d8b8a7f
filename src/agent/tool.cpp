#include "propos/agent/tool.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>

namespace propos {

JobId ToolContext::enqueue(JobSpec spec) const {
    if (spec.correlation_id.empty()) spec.correlation_id = correlation_id;
    return jobs.enqueue(tx, org, spec);
}

void ToolContext::audit(const std::string& action, const std::string& entity_kind,
                        const std::string& entity_id, Json data) const {
    AuditEvent e;
    e.at = now;
    e.actor = "agent";
    e.action = action;
    e.entity_kind = entity_kind;
    e.entity_id = entity_id;
    e.correlation_id = correlation_id;
    e.data = std::move(data);
    tx.append_audit(org, std::move(e));
}

void ToolContext::escalate(const std::string& reason, const std::string& severity,
                           const std::string& summary, bool pause, Json context) const {
    escalations.push_back(Json{{"reason", reason},
                               {"severity", severity},
                               {"summary", summary},
                               {"pause", pause},
                               {"context", std::move(context)}});
}

bool is_valid_tool_name(std::string_view name) noexcept {
    if (name.empty() || name.size() > 64) return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

struct ToolRegistry::Impl {
    struct Entry {
        Tool tool;
        std::unique_ptr<valijson::Schema> schema;
    };
    std::vector<std::unique_ptr<Entry>> entries;
    std::map<std::string, Entry*> by_name;
};

ToolRegistry::ToolRegistry() : impl_(std::make_unique<Impl>()) {}
ToolRegistry::~ToolRegistry() = default;
ToolRegistry::ToolRegistry(ToolRegistry&&) noexcept = default;
ToolRegistry& ToolRegistry::operator=(ToolRegistry&&) noexcept = default;

void ToolRegistry::add(Tool tool) {
    if (!is_valid_tool_name(tool.name)) {
        throw Error(ErrorCode::kInvalidArgument,
                    "tool name '" + tool.name + "' must match ^[a-zA-Z0-9_-]{1,64}$");
    }
    if (impl_->by_name.count(tool.name)) {
        throw Error(ErrorCode::kInvalidArgument, "tool '" + tool.name + "' is already registered");
    }
    if (!tool.handler) {
        throw Error(ErrorCode::kInvalidArgument, "tool '" + tool.name + "' has no handler");
    }
    if (!tool.input_schema.is_object() || tool.input_schema.value("type", "") != "object") {
        throw Error(ErrorCode::kInvalidArgument,
                    "tool '" + tool.name + "': input_schema must be a JSON Schema of type object");
    }
    auto entry = std::make_unique<Impl::Entry>();
    entry->schema = std::make_unique<valijson::Schema>();
    try {
        valijson::SchemaParser parser;
        valijson::adapters::NlohmannJsonAdapter adapter(tool.input_schema);
        parser.populateSchema(adapter, *entry->schema);
    } catch (const std::exception& e) {
        throw Error(ErrorCode::kInvalidArgument,
                    "tool '" + tool.name + "': invalid input_schema: " + e.what());
    }
    entry->tool = std::move(tool);
    impl_->by_name[entry->tool.name] = entry.get();
    impl_->entries.push_back(std::move(entry));
}

const Tool* ToolRegistry::find(const std::string& name) const {
    auto it = impl_->by_name.find(name);
    return it == impl_->by_name.end() ? nullptr : &it->second->tool;
}

std::vector<std::string> ToolRegistry::names() const {
    std::vector<std::string> out;
    for (const auto& e : impl_->entries) out.push_back(e->tool.name);
    return out;
}

std::vector<llm::ToolDefinition> ToolRegistry::definitions() const {
    std::vector<llm::ToolDefinition> out;
    out.reserve(impl_->entries.size());
    for (const auto& e : impl_->entries) {
        out.push_back({e->tool.name, e->tool.description, e->tool.input_schema});
    }
    return out;
}

std::vector<llm::ToolDefinition> ToolRegistry::definitions(
    const std::vector<std::string>& names) const {
    std::vector<llm::ToolDefinition> out;
    for (const auto& e : impl_->entries) {
        if (std::find(names.begin(), names.end(), e->tool.name) == names.end()) continue;
        out.push_back({e->tool.name, e->tool.description, e->tool.input_schema});
    }
    return out;
}

std::string ToolRegistry::validate(const std::string& name, const Json& arguments) const {
    auto it = impl_->by_name.find(name);
    if (it == impl_->by_name.end()) return "unknown tool '" + name + "'";
    if (!arguments.is_object()) {
        return std::string("arguments must be a JSON object, got ") + arguments.type_name();
    }
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(arguments);
    if (validator.validate(*it->second->schema, target, &results)) return "";
    std::string out;
    valijson::ValidationResults::Error err;
    while (results.popError(err)) {
        std::string path;
        for (const auto& c : err.context) {
            if (c == "<root>") continue;
            path += c;
        }
        if (!out.empty()) out += "; ";
        out += (path.empty() ? "arguments" : path) + ": " + err.description;
    }
    return out.empty() ? "arguments do not match the schema" : out;
}

}  // namespace propos
