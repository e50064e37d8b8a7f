// Uses the installed SDK: open a store, write a work order with its audit entry, verify the chain.
#include <propos/propos.hpp>

#include <iostream>

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : ":memory:";
    auto store = propos::open_sqlite_store(path);
    const propos::OrgId org("consumer-org");
    propos::ManualClock clock;
    store->write([&](propos::Transaction& tx) {
        tx.put_organization(propos::Organization{org, "Consumer Org"});
        propos::WorkOrder wo;
        wo.id = propos::WorkOrderId(propos::new_id("wo"));
        wo.unit_id = propos::UnitId("u-1");
        wo.created_at = clock.now();
        wo.transition_to(propos::WorkOrderStatus::kTriaged, clock.now(), "consumer test");
        tx.put(org, wo);
        tx.append_audit(org, propos::AuditEvent{0, clock.now(), "consumer", "work_order.created",
                                                "work_order", wo.id.str(), "", {}, "", ""});
    });
    const auto v = propos::AuditLog(*store).verify(org);
    std::cout << "propos " << propos::kVersion << " consumer: audit " << (v.ok ? "ok" : v.problem)
              << ", " << v.entries << " entries\n";
    return v.ok && v.entries == 1 ? 0 : 1;
}
