// LLM economy: how many model calls, and how many tokens, one tenant message costs — per message
// kind (routine repair, emergency, duplicate report, troubleshooting) — and how much of every
// call's input is the stable, cacheable prefix (system prompt + tool definitions). See
// docs/benchmarks.md ("LLM economy").
//
// Each message goes through the Coordinator (SQLite file, simulated clock) exactly as in
// production. The replies come from the offline maintenance rules (`RulesProvider`), which answer
// every request deterministically — the same replies a recorded cassette would replay — and the
// metering provider in front of them gives each reply realistic usage figures: the request is
// serialized as the Anthropic provider would send it (`AnthropicProvider::build_body`, nothing
// sent) and counted at ~4 characters per token (the providers' rule of thumb, as
// `llm::estimate_tokens`); the reply is counted the same way on its Anthropic JSON form. The
// prefix is what precedes the conversation on the wire: the `tools` and `system` arrays (the
// order in which the Messages API caches them); the OpenAI-compatible body is measured too (its
// `system` message and `tools`). Usage is reported as Anthropic reports it with prompt caching:
// the first call of a scenario writes the prefix to the cache (cache_creation_input_tokens),
// later calls read it (cache_read_input_tokens) when the request marks it (`cache_control`).
//
// Counters (per message of the kind):
//   calls         model calls of the message's agent run (including the closing end_turn call)
//   first_reply   the model call whose reply first messages the tenant (reply_to_tenant/ask_tenant)
//   dispatch      the model call whose reply dispatches a vendor (0: none in this run)
//   in_tok        input tokens of all calls (uncached + cache read + cache write)
//   out_tok       output tokens of all calls
//   prefix_min    the smallest share of a call's input that is the stable prefix (Anthropic body)
//   prefix_all    the stable prefix's share of all input tokens (Anthropic body)
//   oai_prefix_min the same smallest share for the OpenAI-compatible body
//   marked        1 when every Anthropic request marks the prefix for caching (cache_control)
//   cached_in     the share of input tokens read from the cache (all calls but the scenario's
//                 first; the duplicate's first message has written it already)
//
//   propos_bench_economy [--benchmark_filter=...]     (PROPOS_BENCH_DIR: where the files go)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "bench_util.hpp"
#include "propos/coordinator.hpp"
#include "propos/llm/anthropic.hpp"
#include "propos/llm/openai.hpp"
#include "propos/llm/rules.hpp"
#include "propos/propos.hpp"

namespace {
using namespace propos;
using propos::bench::TempDir;

// The portfolio of the Coordinator's end-to-end tests: one property, two units, five vendors.
Json portfolio() {
    return parse_json(R"({"organizations":[{
      "organization":{"id":"acme","name":"Acme PM","timezone":"America/New_York"},
      "properties":[{"id":"p1","name":"Elm Court","address":"22 Elm St","city":"New York","state":"NY",
                     "postal_code":"10001","nte_limit":50000,"emergency_nte_limit":150000,
                     "owner_approval_threshold":250000}],
      "units":[{"id":"u1","property_id":"p1","label":"1A"},{"id":"u2","property_id":"p1","label":"2B"}],
      "tenants":[{"id":"t1","unit_id":"u1","name":"Ann Lee","phone":"(212) 555-0101","email":"Ann@Example.com"},
                 {"id":"t2","unit_id":"u2","name":"Luis Paz","phone":"+12125550102","language":"es"}],
      "vendors":[
        {"id":"v1","name":"Pipe Pros","trades":["plumbing","water_leak"],"service_area":["10001"],
         "phone":"+12125550201","hourly_rate":10000,"callout_fee":5000,"after_hours":true,
         "insurance_expires":"2027-01-01T00:00:00Z",
         "scorecard":{"jobs_completed":50,"jobs_assigned":52,"on_time_jobs":48,"callbacks":1,"rating":4.8}},
        {"id":"v2","name":"Drain Kings","trades":["plumbing"],"service_area":["10001"],
         "phone":"+12125550202","hourly_rate":9000,"callout_fee":4000,"after_hours":false,
         "insurance_expires":"2027-01-01T00:00:00Z"},
        {"id":"v3","name":"Gas Guys","trades":["gas","heat_hot_water"],"service_area":["10001"],
         "phone":"+12125550203","hourly_rate":12000,"callout_fee":8000,"after_hours":true,
         "insurance_expires":"2027-01-01T00:00:00Z"},
        {"id":"v5","name":"Day Sparks","trades":["electrical"],"service_area":["New York"],
         "phone":"+12125550205","hourly_rate":9000,"callout_fee":6000,"after_hours":false,
         "hours_start":8,"hours_end":17,"insurance_expires":"2027-01-01T00:00:00Z"}]}]})",
                      "portfolio");
}

// ~4 characters per token, rounded up (as `llm::estimate_tokens`).
std::int64_t tokens(std::size_t chars) {
    return static_cast<std::int64_t>((chars + 3) / 4);
}

bool marks_cache(const Json& j) {
    if (j.is_object()) {
        if (j.contains("cache_control")) return true;
        for (const auto& [k, v] : j.items()) {
            if (marks_cache(v)) return true;
        }
    } else if (j.is_array()) {
        for (const auto& v : j) {
            if (marks_cache(v)) return true;
        }
    }
    return false;
}

// What one model call cost.
struct CallFigures {
    std::int64_t input = 0, output = 0, prefix = 0, cached = 0;
    double oai_prefix_share = 0;
    bool marked = false, replies_tenant = false, dispatches = false;
};

// Forwards to the offline rules, measures each request and gives the reply realistic usage.
class MeteredProvider final : public llm::LlmProvider {
public:
    explicit MeteredProvider(std::shared_ptr<llm::LlmProvider> inner)
        : inner_(std::move(inner)),
          anthropic_({.api_key = "bench-no-network"}),
          openai_({.api_key = "bench-no-network"}) {}

    llm::LlmResponse complete(const llm::LlmRequest& request) override {
        auto response = inner_->complete(request);
        CallFigures f;
        // Anthropic: everything but tools and system is the conversation (and a few fields).
        const Json body = anthropic_.build_body(request);
        const auto all = body.dump().size();
        std::size_t prefix = 0;
        for (const char* k : {"tools", "system"}) {
            if (body.contains(k)) prefix += body[k].dump().size();
        }
        f.input = tokens(all);
        f.prefix = tokens(prefix);
        f.marked = marks_cache(body.value("tools", Json::array())) ||
                   marks_cache(body.value("system", Json::array()));
        // OpenAI-compatible: the system message and the tools are the prefix.
        const Json oai = openai_.build_body(request);
        std::size_t oai_prefix = oai.contains("tools") ? oai["tools"].dump().size() : 0;
        if (!oai["messages"].empty() && oai["messages"][0].value("role", "") == "system") {
            oai_prefix += oai["messages"][0].dump().size();
        }
        f.oai_prefix_share =
            static_cast<double>(oai_prefix) / static_cast<double>(oai.dump().size());
        Json out = Json::array();
        for (const auto& b : response.content) {
            if (b.type == llm::ContentBlock::Type::kToolUse) {
                out.push_back(
                    {{"type", "tool_use"}, {"id", b.id}, {"name", b.name}, {"input", b.input}});
                f.replies_tenant |= b.name == "reply_to_tenant" || b.name == "ask_tenant";
                f.dispatches |= b.name == "dispatch_vendor" || b.name == "request_bids";
            } else {
                out.push_back({{"type", "text"}, {"text", b.text}});
            }
        }
        f.output = tokens(out.dump().size());
        std::lock_guard lock(mu_);
        // Anthropic's usage with caching: the first call writes the prefix, later calls read it.
        llm::Usage u;
        u.output_tokens = f.output;
        if (f.marked && warm_) {
            u.cache_read_input_tokens = f.prefix;
            f.cached = f.prefix;
        } else if (f.marked) {
            u.cache_creation_input_tokens = f.prefix;
        }
        u.input_tokens = f.input - u.cache_read_input_tokens - u.cache_creation_input_tokens;
        warm_ = warm_ || f.marked;
        response.usage = u;
        calls_.push_back(f);
        return response;
    }
    std::string name() const override { return inner_->name(); }
    std::string default_model() const override { return inner_->default_model(); }

    std::vector<CallFigures> take() {
        std::lock_guard lock(mu_);
        return std::exchange(calls_, {});
    }

private:
    std::shared_ptr<llm::LlmProvider> inner_;
    llm::AnthropicProvider anthropic_;
    llm::OpenAiCompatibleProvider openai_;
    std::mutex mu_;
    bool warm_ = false;
    std::vector<CallFigures> calls_;
};

struct Scenario {
    std::vector<std::string> before;  // messages handled first (not measured)
    std::string text;                 // the measured message, from tenant t1 (unit 1A)
};

struct Figures {
    double calls = 0, first_reply = 0, dispatch = 0, in = 0, out = 0;
    double prefix_min = 1, prefix_all = 0, oai_prefix_min = 1, marked = 1, cached = 0;
};

Figures run_scenario(const Scenario& s) {
    TempDir dir;
    // Monday 2026-01-05, 09:00 in New York: business hours, heat season.
    auto clock = std::make_shared<ManualClock>(parse_time("2026-01-05T14:00:00Z"));
    std::shared_ptr<Store> store(open_sqlite_store(dir.file("economy.db")));
    import_portfolio(*store, portfolio(), clock->now());
    auto metered = std::make_shared<MeteredProvider>(make_offline_maintenance_provider());
    CoordinatorOptions o;
    o.store = store;
    o.clock = clock;
    o.seed = 7;
    o.provider = metered;
    o.offline_fallback = false;
    o.group_commit = true;
    Coordinator c(std::move(o));
    const OrgId org("acme");
    int n = 0;
    auto say = [&](const std::string& text) {
        IncomingMessage m;
        m.provider = "bench";
        m.provider_message_id = "m" + std::to_string(++n);
        m.from = "+12125550101";
        m.text = text;
        c.ingest(org, m);
        c.run_until_idle();
    };
    for (const auto& t : s.before) say(t);
    metered->take();
    say(s.text);
    const auto calls = metered->take();
    Figures f;
    f.calls = static_cast<double>(calls.size());
    std::int64_t in = 0, prefix = 0, cached = 0;
    for (std::size_t k = 0; k < calls.size(); ++k) {
        const auto& call = calls[k];
        if (call.replies_tenant && f.first_reply == 0) f.first_reply = static_cast<double>(k + 1);
        if (call.dispatches && f.dispatch == 0) f.dispatch = static_cast<double>(k + 1);
        in += call.input;
        prefix += call.prefix;
        cached += call.cached;
        f.out += static_cast<double>(call.output);
        f.prefix_min = std::min(f.prefix_min, static_cast<double>(call.prefix) /
                                                  static_cast<double>(call.input));
        f.oai_prefix_min = std::min(f.oai_prefix_min, call.oai_prefix_share);
        if (!call.marked) f.marked = 0;
    }
    f.in = static_cast<double>(in);
    f.prefix_all = in ? static_cast<double>(prefix) / static_cast<double>(in) : 0;
    f.cached = in ? static_cast<double>(cached) / static_cast<double>(in) : 0;
    return f;
}

void BM_Economy(benchmark::State& state, Scenario scenario) {
    Figures f;
    for (auto _ : state) f = run_scenario(scenario);
    state.counters["calls"] = f.calls;
    state.counters["first_reply"] = f.first_reply;
    state.counters["dispatch"] = f.dispatch;
    state.counters["in_tok"] = f.in;
    state.counters["out_tok"] = f.out;
    state.counters["prefix_min"] = f.prefix_min;
    state.counters["prefix_all"] = f.prefix_all;
    state.counters["oai_prefix_min"] = f.oai_prefix_min;
    state.counters["marked"] = f.marked;
    state.counters["cached_in"] = f.cached;
}

void Shape(benchmark::internal::Benchmark* b) {
    b->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);
}

BENCHMARK_CAPTURE(BM_Economy, routine, Scenario{{}, "My kitchen sink is leaking under the cabinet"})
    ->Apply(Shape);
BENCHMARK_CAPTURE(BM_Economy, emergency, Scenario{{}, "I smell gas in the kitchen!"})->Apply(Shape);
BENCHMARK_CAPTURE(BM_Economy, duplicate,
                  Scenario{{"Toilet is clogged"},
                           "The toilet is still clogged and overflowing a bit"})
    ->Apply(Shape);
BENCHMARK_CAPTURE(BM_Economy, troubleshooting, Scenario{{}, "The bathroom outlet stopped working"})
    ->Apply(Shape);

}  // namespace

BENCHMARK_MAIN();
