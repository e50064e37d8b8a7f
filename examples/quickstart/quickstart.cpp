// The C++ quickstart: a Coordinator with the host's own model gateway (an `LlmProvider`) and the
// host's own SMS gateway (an `OutboundChannel`), driven through one tenant message end to end.
//
// The regions between "// [snippet:NAME]" and "// [/snippet:NAME]" are the C++ snippets of
// README.md and docs/quickstart.md: the test `docs_snippets` fails when the docs' copy differs
// (`python3 scripts/snippets.py --write` copies them again). The test `quickstart` runs this
// program; it exits 0 only when every step did what the comments say.
//
// Usage: propos_quickstart [DATABASE]   (a new file; default: quickstart.db in the current directory)
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

// [snippet:provider]
#include <propos/propos.hpp>

// A host's own model gateway. It reads the run's facts as data (`request.context`: organization,
// tenant, unit, property, message ids and the deterministic triage) and answers with calls of the
// workflow's tools (`request.tools`, also `Coordinator::tool_definitions()`).
class DeskProvider final : public propos::llm::LlmProvider {
public:
    propos::llm::LlmResponse complete(const propos::llm::LlmRequest& request) override {
        propos::llm::LlmResponse r;
        r.provider = name();
        r.model = default_model();
        if (request.messages.size() > 1) {  // tool results or a person's decision came back
            r.content.push_back(propos::llm::ContentBlock::make_text("Done."));
            return r;  // stop_reason end_turn: the run completes
        }
        const propos::Json& facts = request.context;
        const propos::Json& triage = facts.at("triage");
        r.stop_reason = propos::llm::StopReason::kToolUse;
        r.content.push_back(propos::llm::ContentBlock::tool_use(
            "call-1", "create_work_order",
            {{"unit_id", facts.at("unit_id")},
             {"category", triage.at("category")},
             {"priority", triage.at("priority")},
             {"emergency", triage.at("emergency")},
             {"title", "Tenant request: " + triage.at("category").get<std::string>()},
             {"description", "Reported by tenant " + facts.at("tenant_id").get<std::string>()}}));
        r.content.push_back(propos::llm::ContentBlock::tool_use(
            "call-2", "reply_to_tenant", {{"text", "Thanks, we opened a work order and will be in touch."}}));
        r.content.push_back(propos::llm::ContentBlock::tool_use(
            "call-3", "escalate",
            {{"reason", "manager_review"}, {"summary", "Please confirm the repair before we book it."}}));
        return r;
    }
    std::string name() const override { return "desk"; }
    std::string default_model() const override { return "desk-1"; }
};
// [/snippet:provider]

// [snippet:channel]
// A host's own SMS gateway: `send` hands the message over and returns the gateway's id.
class ConsoleSms final : public propos::channels::OutboundChannel {
public:
    propos::Channel channel() const noexcept override { return propos::Channel::kSms; }
    std::string_view provider() const noexcept override { return "console"; }
    propos::channels::SendResult send(const propos::channels::OutboundMessage& m) override {
        std::lock_guard lock(mu_);
        if (auto it = sent_.find(m.idempotency_key); it != sent_.end()) {
            auto again = it->second;
            again.duplicate = true;
            return again;  // never send one message twice
        }
        std::cout << "SMS to " << propos::mask_phone(m.to) << ": " << m.text << "\n";
        propos::channels::SendResult r{.provider = "console",
                                       .provider_message_id = "console-" + std::to_string(sent_.size() + 1),
                                       .status = propos::DeliveryStatus::kSent};
        sent_[m.idempotency_key] = r;
        return r;
    }
    std::optional<propos::channels::SendResult> find_sent(std::string_view key) const override {
        std::lock_guard lock(mu_);
        auto it = sent_.find(std::string(key));
        return it == sent_.end() ? std::nullopt : std::optional(it->second);
    }
    void remember(std::string_view key, const propos::channels::SendResult& result) override {
        std::lock_guard lock(mu_);
        sent_[std::string(key)] = result;
    }
    std::size_t sent() const {
        std::lock_guard lock(mu_);
        return sent_.size();
    }

private:
    mutable std::mutex mu_;
    std::map<std::string, propos::channels::SendResult> sent_;
};
// [/snippet:channel]

namespace {

// One organization with one building, one unit, one tenant (who prefers SMS) and one plumber.
constexpr const char* kPortfolio = R"({
  "format": "propos.portfolio/1",
  "organizations": [{
    "organization": {"id": "acme", "name": "Acme Property Management", "timezone": "America/New_York"},
    "properties": [{"id": "p1", "name": "Elm Court", "address": "12 Elm St", "city": "New York",
                    "state": "NY", "postal_code": "10025", "nte_limit": 50000,
                    "emergency_nte_limit": 150000, "owner_approval_threshold": 250000}],
    "units": [{"id": "u4b", "property_id": "p1", "label": "4B", "floor": 4}],
    "tenants": [{"id": "t1", "unit_id": "u4b", "name": "Ana Ruiz", "phone": "+12125550142",
                 "preferred_channel": "sms", "language": "en"}],
    "vendors": [{"id": "v1", "name": "Elm Plumbing", "trades": ["plumbing", "water_leak"], "service_area": ["10025"],
                 "phone": "+12125550199", "hourly_rate": 9000, "callout_fee": 5000, "active": true}]
  }]
})";

int fail(const std::string& what) {
    std::cerr << "quickstart: " << what << "\n";
    return 1;
}

}  // namespace

int main(int argc, char** argv) try {
    const std::string path = argc > 1 ? argv[1] : "quickstart.db";
    if (std::filesystem::exists(path)) {  // never touch a database that is already there
        return fail("'" + path + "' exists; give the path of a new database");
    }
    auto sms = std::make_shared<ConsoleSms>();

    // [snippet:embed]
    // A clock the program controls (propos::system_clock() in production) and a store on a
    // SQLite file; history search keeps its index beside it in "<path>.search/".
    auto clock = std::make_shared<propos::ManualClock>(propos::parse_time("2026-03-02T14:00:00Z"));
    propos::CoordinatorOptions options;
    options.store = propos::open_store(path);
    options.clock = clock;
    options.provider = std::make_shared<DeskProvider>();
    options.deliverers[propos::Channel::kSms] = propos::make_channel_deliverer(sms);
    propos::Coordinator coordinator(options);

    std::vector<std::string> seen;
    auto subscription = coordinator.on_event([&](const propos::Event& e) { seen.push_back(e.type); });

    // Load a portfolio exported from the PMS (propos.portfolio/1), atomically and checked.
    propos::import_portfolio(coordinator.store(), propos::parse_json(kPortfolio, "portfolio"), clock->now());

    // A tenant's text message arrives (a webhook would give the same through handle_webhook).
    const propos::OrgId org("acme");
    coordinator.ingest(org, {.provider_message_id = "sms-0001",
                             .channel = propos::Channel::kSms,
                             .from = "+1 212 555 0142",
                             .text = "The kitchen sink drips all night."});
    coordinator.run_until_idle();  // the agent run pauses on the escalation our provider asked for

    // A person decides; the paused run resumes and completes.
    const auto open = coordinator.escalations(org);
    coordinator.resolve_escalation(org, open.at(0).id, "approved: book the plumber", "maria");
    coordinator.run_until_idle();
    coordinator.off(subscription);

    const auto verified = coordinator.verify_audit(org);  // the hash chain of every decision
    std::cout << coordinator.work_orders(org).size() << " work order(s), audit "
              << (verified.ok ? "verified" : verified.problem) << " (" << verified.entries << " entries)\n";
    // [/snippet:embed]

    // Each step did what it says.
    const auto orders = coordinator.work_orders(org);
    if (orders.size() != 1 || orders[0].unit_id.str() != "u4b" || orders[0].category != "plumbing") {
        return fail("expected one plumbing work order for unit u4b, got " + std::to_string(orders.size()));
    }
    if (!coordinator.escalations(org).empty()) return fail("an escalation is still open");
    const auto all = coordinator.escalations(org, false);
    if (all.size() != 1 || all[0].resolved_by != "maria") return fail("the escalation was not resolved by maria");
    if (sms->sent() < 1) return fail("no SMS went through the host's channel");
    const auto run = coordinator.agent().find_run(org, all[0].run_id);
    if (!run || run->provider != "desk" || run->status != propos::RunStatus::kCompleted) {
        return fail("the run was not completed by the host's provider");
    }
    if (std::find(seen.begin(), seen.end(), "escalation.resolved") == seen.end()) {
        return fail("the event callback did not see escalation.resolved");
    }
    if (!verified.ok || verified.entries == 0) return fail("the audit chain did not verify");
    std::cout << "quickstart: ok\n";
    return 0;
} catch (const propos::Error& e) {
    std::cerr << "quickstart: " << propos::to_string(e.code()) << ": " << e.what() << "\n";
    return 1;
}
