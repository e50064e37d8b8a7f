// The move-in checklist as data: schema validation, parsing and applicability (see onboarding.hpp).
#include <algorithm>
#include <chrono>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "core/json_schema.hpp"
#include "propos/core/time.hpp"
#include "propos/workflows/onboarding.hpp"

extern const char kOnboardingChecklistSchema[];
extern const char kOnboardingDefaultChecklist[];

namespace propos {
namespace {

const detail::CompiledJsonSchema& compiled_schema() {
    static const detail::CompiledJsonSchema s(Json::parse(checklist_schema()), "data/onboarding/checklist.schema.json");
    return s;
}

template <class T>
void read_opt(const Json& j, const char* field, std::optional<T>& out) {
    if (const auto it = j.find(field); it != j.end() && !it->is_null()) out = it->get<T>();
}

ChecklistItem read_item(const Json& j) {
    ChecklistItem i;
    i.key = j.at("key").get<std::string>();
    i.title = j.at("title").get<std::string>();
    i.actor = j.at("actor").get<std::string>();
    i.due_days = j.at("due_days").get<int>();
    i.proof = j.value("proof", false);
    i.rule = j.value("rule", "");
    if (const auto it = j.find("instructions"); it != j.end()) {
        i.instructions = it->get<std::map<std::string, std::string>>();
    }
    if (const auto it = j.find("keywords"); it != j.end()) {
        for (const auto& k : *it) i.keywords.push_back(k.get<std::string>());
    }
    if (const auto it = j.find("applies"); it != j.end()) {
        const auto& a = *it;
        auto& ap = i.applies;
        ap.jurisdictions = a.value("jurisdictions", std::vector<std::string>{});
        ap.not_jurisdictions = a.value("not_jurisdictions", std::vector<std::string>{});
        ap.states = a.value("states", std::vector<std::string>{});
        read_opt(a, "built_before", ap.built_before);
        read_opt(a, "built_within_years", ap.built_within_years);
        read_opt(a, "min_units", ap.min_units);
        read_opt(a, "max_units", ap.max_units);
        read_opt(a, "min_bedrooms", ap.min_bedrooms);
        read_opt(a, "min_lease_days", ap.min_lease_days);
        read_opt(a, "lease_starts_on_or_after", ap.lease_starts_on_or_after);
        read_opt(a, "child_under_6", ap.child_under_6);
        read_opt(a, "rent_stabilized", ap.rent_stabilized);
    }
    return i;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

int year_of(Timestamp t) { return std::stoi(format_time(t).substr(0, 4)); }

bool applies(const ChecklistApplies& a, const ChecklistFacts& f, const std::string& jurisdiction) {
    if (!a.jurisdictions.empty() && !contains(a.jurisdictions, jurisdiction)) return false;
    if (contains(a.not_jurisdictions, jurisdiction)) return false;
    if (!a.states.empty()) {
        std::string st = f.state;
        std::transform(st.begin(), st.end(), st.begin(), [](unsigned char c) { return std::toupper(c); });
        if (!contains(a.states, st)) return false;
    }
    // Conditions on the building hold only when the fact is known: nothing is assumed.
    if (a.built_before && (f.year_built == 0 || f.year_built >= *a.built_before)) return false;
    if (a.built_within_years && (f.year_built == 0 || f.year_built < year_of(f.move_in_at) - *a.built_within_years)) {
        return false;
    }
    if (a.min_units && (f.unit_count == 0 || f.unit_count < *a.min_units)) return false;
    if (a.max_units && (f.unit_count == 0 || f.unit_count > *a.max_units)) return false;
    if (a.min_bedrooms && f.bedrooms < *a.min_bedrooms) return false;
    if (a.min_lease_days && f.lease_days != 0 && f.lease_days < *a.min_lease_days) return false;
    if (a.lease_starts_on_or_after && format_time(f.move_in_at).substr(0, 10) < *a.lease_starts_on_or_after) {
        return false;
    }
    if (a.child_under_6 && *a.child_under_6 != f.child_under_6) return false;
    if (a.rent_stabilized && *a.rent_stabilized != f.rent_stabilized) return false;
    return true;
}

}  // namespace

const std::string& checklist_schema() {
    static const std::string text(kOnboardingChecklistSchema);
    return text;
}

const std::string& default_checklist_json() {
    static const std::string text(kOnboardingDefaultChecklist);
    return text;
}

const Checklist& default_checklist() {
    static const Checklist c =
        parse_checklist(Json::parse(default_checklist_json()), "the default checklist (data/onboarding/checklist.default.json)");
    return c;
}

Checklist parse_checklist(const Json& document, const std::string& where) {
    if (const auto v = compiled_schema().deepest_violation(document)) {
        throw Error(ErrorCode::kInvalidArgument,
                    where + ": field '" + detail::json_pointer_of(v->context) + "': " + v->description +
                        " (schema: data/onboarding/checklist.schema.json)");
    }
    Checklist c;
    c.source = document;
    c.name = document.at("name").get<std::string>();
    c.version = document.at("version").get<int>();
    if (document.contains("jurisdictions")) c.jurisdictions = document.at("jurisdictions").get<std::vector<std::string>>();
    c.start_days_before = document.value("start_days_before", c.start_days_before);
    if (const auto it = document.find("reminders"); it != document.end()) {
        c.reminders.max = it->value("max", c.reminders.max);
        c.reminders.every_days = it->value("every_days", c.reminders.every_days);
        c.reminders.lead_days = it->value("lead_days", c.reminders.lead_days);
    }
    if (const auto it = document.find("welcome"); it != document.end()) {
        c.welcome = it->get<std::map<std::string, std::string>>();
    }
    std::set<std::string> keys;
    const auto& items = document.at("items");
    for (std::size_t n = 0; n < items.size(); ++n) {
        auto item = read_item(items[n]);
        if (!keys.insert(item.key).second) {
            throw Error(ErrorCode::kInvalidArgument, where + ": field '/items/" + std::to_string(n) +
                                                         "/key': the key '" + item.key +
                                                         "' is used by an earlier item");
        }
        for (auto& k : item.keywords) {
            std::transform(k.begin(), k.end(), k.begin(), [](unsigned char ch) { return std::tolower(ch); });
        }
        c.items.push_back(std::move(item));
    }
    return c;
}

Checklist load_checklist_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::kNotFound, path.string() + ": cannot read the checklist file");
    std::stringstream text;
    text << in.rdbuf();
    Json doc;
    try {
        doc = Json::parse(text.str());
    } catch (const Json::exception& e) {
        // parse_error, or out_of_range for a number too large for a double.
        throw Error(ErrorCode::kInvalidArgument, path.string() + ": not valid JSON: " + e.what());
    }
    return parse_checklist(doc, path.string());
}

std::vector<OnboardingItem> applicable_items(const Checklist& checklist, const ChecklistFacts& facts,
                                             bool* unknown_jurisdiction) {
    std::string jurisdiction = facts.jurisdiction.empty() ? "generic" : facts.jurisdiction;
    const bool known = contains(checklist.jurisdictions, jurisdiction);
    if (!known) jurisdiction = "generic";
    if (unknown_jurisdiction) *unknown_jurisdiction = !known;
    std::vector<OnboardingItem> out;
    for (const auto& spec : checklist.items) {
        if (!applies(spec.applies, facts, jurisdiction)) continue;
        OnboardingItem i;
        i.key = spec.key;
        i.title = spec.title;
        i.actor = spec.actor;
        i.rule = spec.rule;
        i.proof_required = spec.proof;
        i.due_at = facts.move_in_at + std::chrono::hours(24 * spec.due_days);
        out.push_back(std::move(i));
    }
    return out;
}

}  // namespace propos
