// Cadence definitions as data: the schema, parsing with field-precise errors, the built-in set.
#include <algorithm>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

#include "core/json_schema.hpp"
#include "propos/workflows/cadence.hpp"

extern const char kCadenceSchemaText[];
extern const char kDefaultCadencesText[];

namespace propos {
namespace {

// valijson's context ("<root>", "[cadences]", "[0]"...) as "cadences[0].steps[1].name".
std::string field_path(const std::vector<std::string>& context) {
    std::string out;
    for (const auto& c : context) {
        if (c == "<root>" || c.size() < 2) continue;
        const auto inner = c.substr(1, c.size() - 2);
        const bool index = !inner.empty() && inner.find_first_not_of("0123456789") == std::string::npos;
        if (index) {
            out += "[" + inner + "]";
        } else {
            if (!out.empty()) out += ".";
            out += inner;
        }
    }
    return out;
}

const detail::CompiledJsonSchema& schema() {
    static const detail::CompiledJsonSchema s(Json::parse(kCadenceSchemaText), "data/cadences/cadence.schema.json");
    return s;
}

Error bad(const std::string& source, const std::string& field, const std::string& what) {
    return Error(ErrorCode::kInvalidArgument,
                 "cadence definitions " + source + ": " + (field.empty() ? "" : field + ": ") + what);
}

void check_placeholders(const std::string& source, const std::string& field, const std::string& text) {
    static const std::regex kBrace(R"(\{([^{}]*)\})");
    const auto& known = cadence_placeholders();
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kBrace); it != std::sregex_iterator(); ++it) {
        const auto name = (*it)[1].str();
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            std::string list;
            for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
            throw bad(source, field, "unknown placeholder {" + name + "} (known: " + list + ")");
        }
    }
}

}  // namespace

const std::vector<std::string>& cadence_placeholders() {
    static const std::vector<std::string> kNames{"first_name",         "name",     "unit",     "property",
                                                 "organization",       "work_order_id",
                                                 "work_order_summary", "document", "lease_end"};
    return kNames;
}

const std::string& cadence_schema() {
    static const std::string kText(kCadenceSchemaText);
    return kText;
}

std::vector<CadenceDefinition> parse_cadence_definitions(const std::string& json_text, const std::string& source) {
    Json doc;
    try {
        doc = parse_json(json_text, "cadence definitions " + source);
    } catch (const Error& e) {
        throw Error(ErrorCode::kInvalidArgument, e.what());
    }
    if (doc.is_array()) doc = Json{{"cadences", doc}};
    if (const auto v = schema().deepest_violation(doc)) {  // the deepest error names the field best
        const auto path = field_path(v->context);
        throw bad(source, path.empty() ? "(document)" : path, v->description);
    }
    std::vector<CadenceDefinition> out;
    std::set<std::string> names;
    const auto& list = doc.at("cadences");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = "cadences[" + std::to_string(i) + "]";
        CadenceDefinition d;
        try {
            d = list[i].get<CadenceDefinition>();
        } catch (const Error& e) {
            throw bad(source, at, e.what());
        }
        if (!names.insert(d.name).second) throw bad(source, at + ".name", "cadence '" + d.name + "' is defined twice");
        std::set<std::string> steps;
        for (std::size_t k = 0; k < d.steps.size(); ++k) {
            const auto& s = d.steps[k];
            const std::string sat = at + ".steps[" + std::to_string(k) + "]";
            if (!steps.insert(s.name).second) throw bad(source, sat + ".name", "step '" + s.name + "' is repeated");
            if (k > 0 && s.offset_days < d.steps[k - 1].offset_days) {
                throw bad(source, sat + ".offset_days", "steps must be listed in offset order");
            }
            for (const auto& [lang, text] : s.templates) check_placeholders(source, sat + ".templates." + lang, text);
            for (const auto& [lang, text] : s.subjects) check_placeholders(source, sat + ".subjects." + lang, text);
        }
        d.source = source;
        out.push_back(std::move(d));
    }
    return out;
}

std::vector<CadenceDefinition> load_cadence_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::kNotFound, "cadence definitions " + path + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_cadence_definitions(text.str(), path);
}

const std::vector<CadenceDefinition>& builtin_cadences() {
    static const auto kBuiltin = parse_cadence_definitions(kDefaultCadencesText, "builtin");
    return kBuiltin;
}

}  // namespace propos
