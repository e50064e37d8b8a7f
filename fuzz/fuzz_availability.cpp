// Fuzzes the availability parser (a tenant's free-text answer about access and times). Documented
// never to throw: any exception is a finding. Windows must be well formed.
#include <cstdlib>

#include "fuzz_util.hpp"
#include "propos/workflows/availability.hpp"

using namespace propos;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::quiet_logs();
    const std::string text(fuzz::as_text(data, size));
    for (const char* tz : {"America/New_York", "Europe/Madrid"}) {
        const auto answer = parse_availability(text, fuzz::fixed_now(), tz);
        for (const auto& w : answer.windows) {
            // A window is never empty or reversed, and never starts before now.
            if (!(w.start < w.end) || w.start < fuzz::fixed_now()) std::abort();
        }
        if (!answer.windows.empty())
            (void)window_fits(answer.windows, answer.windows.front().start, answer.windows.front().end);
    }
    return 0;
}
