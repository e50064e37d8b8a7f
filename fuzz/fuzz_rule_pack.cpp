// Fuzzes compliance rule packs (data/compliance/*.json, `propos compliance --rules FILE`): JSON
// Schema validation plus the checks the schema cannot express. A pack that passes is then used the
// way the compliance unit uses it (applicable rules, a two-year calendar, heat season), so a
// validated-but-inconsistent pack cannot crash its consumers either.
#include <cstdlib>

#include "fuzz_util.hpp"
#include "propos/workflows/compliance.hpp"

using namespace propos;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::quiet_logs();
    RulePack pack;
    try {
        pack = parse_rule_pack(fuzz::as_text(data, size), "fuzz.json");
    } catch (const Error& e) {
        if (e.code() != ErrorCode::kInvalidArgument) std::abort();
        return 0;
    }
    CalendarInput input;
    input.property.id = PropertyId("p1");
    input.property.city = "New York";
    input.property.state = "NY";
    input.property.jurisdiction = pack.jurisdiction;
    input.property.year_built = 1928;
    input.property.stories = 7;
    input.property.unit_count = 24;
    input.property.has_boiler = input.property.has_elevator = input.property.has_gas_piping = true;
    input.property.nyc_block = 1234;
    input.property.nyc_community_district = 5;
    Unit unit;
    unit.id = UnitId("u1");
    unit.property_id = input.property.id;
    input.units.push_back(unit);
    try {
        (void)applicable_rules(pack, input);
        const auto from = fuzz::fixed_now();
        (void)compliance_calendar(pack, input, from, from + std::chrono::hours(24 * 730));
        (void)in_heat_season(pack, from, input.timezone);
    } catch (const Error& e) {
        // A pack that validated may still meet a property it cannot describe; that must be a clear
        // error, never another exception.
        if (e.code() != ErrorCode::kInvalidArgument && e.code() != ErrorCode::kFailedPrecondition) std::abort();
    }
    return 0;
}
