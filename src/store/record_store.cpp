// What every engine's RecordStore shares: required organizations, the counting default.
#include "propos/store/record_store.hpp"

#include <algorithm>
#include <cctype>

#include "store_checks.hpp"

namespace propos {

namespace store_detail {
void check_record_field_name(const std::string& field) {
    const bool plain = !field.empty() && std::all_of(field.begin(), field.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_';
    });
    if (!plain) {
        throw Error(ErrorCode::kInvalidArgument,
                    "count_by: field '" + field + "' is not a plain field name ([A-Za-z0-9_]+)");
    }
}
}  // namespace store_detail

Organization RecordStore::require_organization(const OrgId& org) {
    auto o = find_organization(org);
    if (!o) throw Error(ErrorCode::kNotFound, "unknown organization '" + org.str() + "'");
    return *o;
}

// The default for engines without an aggregate query: reads and parses the matching records.
std::map<std::string, std::int64_t> RecordStore::count_records_by(const OrgId& org, std::string_view kind,
                                                                  const std::string& field,
                                                                  const ListOptions& options) {
    store_detail::check_record_field_name(field);
    std::map<std::string, std::int64_t> out;
    for (const auto& text : list_records(org, kind, options)) {
        const auto j = parse_json(text, std::string(kind));
        if (auto it = j.find(field); it != j.end() && it->is_string()) ++out[it->get<std::string>()];
    }
    return out;
}

}  // namespace propos
