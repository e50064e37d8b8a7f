// Uses the installed SDK through the umbrella header alone: open a store with open_store, run a
// Coordinator (offline rules) on one tenant message, verify the audit chain. Built twice by the
// install test: with find_package(propos) and with `pkg-config --cflags --libs propos` from a moved
// install tree.
#include <propos/propos.hpp>

#include <iostream>

int main(int argc, char** argv) try {
    const std::string path = argc > 1 ? argv[1] : ":memory:";
    propos::CoordinatorOptions options;
    options.store = propos::open_store(path);
    options.clock = std::make_shared<propos::ManualClock>(propos::parse_time("2026-03-02T14:00:00Z"));
    options.history_search = false;
    propos::Coordinator c(options);
    propos::import_portfolio(c.store(), propos::parse_json(R"({"organizations":[{
      "organization":{"id":"consumer-org","name":"Consumer Org","timezone":"America/New_York"},
      "properties":[{"id":"p1","name":"Elm Court","address":"1 Elm St","city":"New York","state":"NY",
                     "postal_code":"10001","nte_limit":50000,"emergency_nte_limit":150000,
                     "owner_approval_threshold":250000}],
      "units":[{"id":"u1","property_id":"p1","label":"1A"}],
      "tenants":[{"id":"t1","unit_id":"u1","name":"Ann Lee","phone":"+12125550101"}]}]})",
                                                           "portfolio"),
                             c.clock().now());
    const propos::OrgId org("consumer-org");
    int events = 0;
    const auto sub = c.on_event([&](const propos::Event&) { ++events; });
    c.ingest(org, {.provider_message_id = "m1", .from = "+12125550101", .text = "The sink is leaking."});
    c.run_until_idle();
    c.off(sub);
    const auto v = c.verify_audit(org);
    const auto orders = c.work_orders(org);
    std::cout << "propos " << propos::kVersion << " consumer: audit " << (v.ok ? "ok" : v.problem) << ", "
              << orders.size() << " work order(s), " << (events > 0 ? "events seen" : "no events") << "\n";
    return v.ok && orders.size() == 1 && events > 0 ? 0 : 1;
} catch (const propos::Error& e) {
    std::cerr << "consumer: " << e.what() << "\n";
    return 1;
}
