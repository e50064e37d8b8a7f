// Fuzzes the portfolio document (`propos import`, Python Coordinator.import_portfolio): JSON that
// the reader accepts is imported into a fresh in-memory store. Bad documents must be
// `Error(kInvalidArgument)` and leave nothing behind.
#include <cstdlib>

#include "fuzz_util.hpp"
#include "propos/store/portfolio_import.hpp"

using namespace propos;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::quiet_logs();
    const Json doc = Json::parse(fuzz::as_text(data, size), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return 0;
    const auto store = open_sqlite_store(":memory:");
    try {
        (void)import_portfolio(*store, doc, fuzz::fixed_now());
    } catch (const Error& e) {
        if (e.code() != ErrorCode::kInvalidArgument) std::abort();
        // Nothing was written: no organization exists afterwards.
        if (!store->list_organizations().empty()) std::abort();
    }
    return 0;
}
