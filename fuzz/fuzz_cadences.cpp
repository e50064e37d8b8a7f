// Fuzzes follow-up cadence definitions (data/cadences, `propos cadence --definitions FILE`).
#include <cstdlib>

#include "fuzz_util.hpp"
#include "propos/workflows/cadence.hpp"

using namespace propos;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::quiet_logs();
    try {
        const auto defs = parse_cadence_definitions(std::string(fuzz::as_text(data, size)), "fuzz.json");
        for (const auto& d : defs) (void)Json(d).dump();
    } catch (const Error& e) {
        if (e.code() != ErrorCode::kInvalidArgument) std::abort();
    }
    return 0;
}
