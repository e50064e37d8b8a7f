// Fuzzes onboarding checklists (data/onboarding/*.json, an organization's own checklist): text that
// is not JSON is rejected by the JSON reader as the loader does; JSON goes through the schema and
// `parse_checklist`, and a checklist that passes is applied to a lease.
#include <cstdlib>

#include "fuzz_util.hpp"
#include "propos/workflows/onboarding.hpp"

using namespace propos;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::quiet_logs();
    const Json doc = Json::parse(fuzz::as_text(data, size), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return 0;
    Checklist checklist;
    try {
        checklist = parse_checklist(doc, "fuzz.json");
    } catch (const Error& e) {
        if (e.code() != ErrorCode::kInvalidArgument) std::abort();
        return 0;
    }
    ChecklistFacts facts;
    facts.jurisdiction = "nyc";
    facts.state = "NY";
    facts.year_built = 1950;
    facts.unit_count = 12;
    facts.bedrooms = 2;
    facts.lease_days = 365;
    facts.move_in_at = fuzz::fixed_now();
    facts.child_under_6 = true;
    bool unknown = false;
    (void)applicable_items(checklist, facts, &unknown);
    facts.jurisdiction = "somewhere-else";
    (void)applicable_items(checklist, facts, &unknown);
    return 0;
}
