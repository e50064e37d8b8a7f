// Fuzzes Yardi: the service-request answers read by `poll` and `fetch` (part 2 as the API's reply)
// and the poll cursor (part 1; PropOS writes it, but it is stored text read back).
#include "fuzz_util.hpp"
#include "propos/pms/yardi.hpp"

using namespace propos;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::quiet_logs();
    const auto parts = fuzz::split_parts(fuzz::as_text(data, size), 2);
    pms::YardiOptions options;
    options.base_url = "https://yardi.example/webservices";
    options.username = "user";
    options.password = "pass";
    options.server_name = "srv";
    options.database = "db";
    options.interface_entity = "PropOS";
    options.interface_license = "lic";
    options.property_ids = {"p1"};
    options.retry = fuzz::no_retry();
    options.sleeper = fuzz::no_sleep();
    pms::YardiAdapter adapter(std::make_shared<fuzz::CannedHttp>(200, parts[1]), options);
    for (const std::string& cursor : {parts[0], std::string()}) {
        try {
            const auto page = adapter.poll(cursor, fuzz::fixed_now());
            for (const auto& e : page.events) (void)e.raw.dump();
        } catch (const Error&) {
            // Documented: every failure of poll is a propos::Error.
        }
    }
    try {
        (void)adapter.fetch(pms::PmsEntityRef{"yardi", pms::PmsEntityKind::kServiceRequest, "9", "p1"});
    } catch (const Error&) {
    }
    return 0;
}
