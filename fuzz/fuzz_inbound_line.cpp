// Fuzzes one line of the JSON-lines inbound format (`propos ingest`, Python ingest_jsonl). Bad lines
// must be `Error(kInvalidArgument)`; anything else escaping is a finding.
#include <cstdlib>

#include "fuzz_util.hpp"
#include "propos/coordinator.hpp"

using namespace propos;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::quiet_logs();
    try {
        const auto line = parse_inbound_line(fuzz::as_text(data, size), "fuzz.jsonl:1");
        (void)line.message.text.size();
    } catch (const Error& e) {
        if (e.code() != ErrorCode::kInvalidArgument) std::abort();
    }
    return 0;
}
