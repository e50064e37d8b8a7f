// Agent step overhead: what `AgentRunner` itself costs per model call, excluding the provider's
// latency — context assembly (request, prompt hash), budget check, schema validation, the tool's
// transaction (handler writes + job + audit + run state), the step record (usage, daily spend,
// audit) and the escalation rules. See docs/benchmarks.md ("Agent step overhead").
//
// The provider is in-process and answers instantly with canned replies (one tool call per step,
// then end_turn) — itself, or replayed from a cassette by `llm::ScriptedProvider` (the scripted_*
// cases, the issue's "measured with the scripted provider") — so everything measured is PropOS's
// own work on a real SQLite file (WAL) with synchronous=FULL and NORMAL. One iteration is one
// whole run; the `step` counter is the time per model call (run time / calls). Times are
// wall-clock (UseRealTime): fsync waits cost no CPU time but are what a caller waits for; the CPU
// column shows the CPU part.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "bench_util.hpp"
#include "propos/agent/agent_runner.hpp"
#include "propos/core/clock.hpp"
#include "propos/core/json.hpp"
#include "propos/llm/scripted.hpp"
#include "propos/llm/types.hpp"
#include "propos/store/records.hpp"
#include "propos/store/store.hpp"

namespace {

namespace fs = std::filesystem;
using namespace propos;

using propos::bench::TempDir;

// Answers instantly: for the k-th model call of a run (k = assistant messages so far), one text
// block and one call of `tool` while k < steps - 1, then a closing text (end_turn). Stateless.
class CannedProvider final : public llm::LlmProvider {
public:
    CannedProvider(int steps, std::string tool) : steps_(steps), tool_(std::move(tool)) {}
    llm::LlmResponse complete(const llm::LlmRequest& request) override {
        int k = 0;
        for (const auto& m : request.messages) k += m.role == llm::Role::kAssistant;
        llm::LlmResponse r;
        r.id = "msg_bench";
        r.provider = "canned";
        r.model = "canned-model";
        r.usage = {1800, 120, 0, 0};
        if (k + 1 < steps_) {
            r.stop_reason = llm::StopReason::kToolUse;
            r.content = {
                llm::ContentBlock::make_text(
                    "The tenant reports a leaking kitchen sink; recording it and notifying the "
                    "vendor."),
                llm::ContentBlock::tool_use(
                    "toolu_" + std::to_string(k), tool_,
                    Json{{"unit_id", "unit-4b"},
                         {"category", "plumbing"},
                         {"priority", "routine"},
                         {"title", "Kitchen sink leaking under the cabinet"},
                         {"description",
                          "Water drips from the trap under the kitchen sink; "
                          "the cabinet floor is wet. Started yesterday."},
                         {"confidence", 0.92}})};
        } else {
            r.stop_reason = llm::StopReason::kEndTurn;
            r.content = {llm::ContentBlock::make_text("Recorded and the vendor is notified.")};
        }
        return r;
    }
    std::string name() const override { return "canned"; }
    std::string default_model() const override { return "canned-model"; }

private:
    int steps_;
    std::string tool_;
};

Json string_prop(int max_length) {
    return Json{{"type", "string"}, {"minLength", 1}, {"maxLength", max_length}};
}

// Seven tools shaped like the maintenance workflow's. The model calls `record_issue` (a typical
// action: an entity, a job and an audit entry of its own) or `check_issue` (same arguments, writes
// nothing: what is left is the runner's own overhead).
ToolRegistry make_tools() {
    ToolRegistry reg;
    const Json issue_schema{
        {"type", "object"},
        {"properties",
         {{"unit_id", string_prop(64)},
          {"category",
           {{"type", "string"},
            {"enum", {"plumbing", "electrical", "heat_hot_water", "appliance", "general"}}}},
          {"priority", {{"type", "string"}, {"enum", {"emergency", "urgent", "routine"}}}},
          {"title", string_prop(120)},
          {"description", string_prop(4000)},
          {"confidence", {{"type", "number"}, {"minimum", 0}, {"maximum", 1}}}}},
        {"required", {"unit_id", "category", "priority", "title"}},
        {"additionalProperties", false}};
    reg.add({"record_issue", "Open a work order for the tenant's unit.", issue_schema,
             [](ToolContext& ctx, const Json& args) {
                 // A typical action: one entity write, one outbound job, one domain audit entry.
                 Unit u;
                 u.id = UnitId("issue-" + ctx.run_id + "-" + ctx.tool_call_id);
                 u.property_id = PropertyId("prop-elm");
                 u.label = args["title"].get<std::string>();
                 u.notes = args.value("description", "");
                 ctx.tx.put(ctx.org, u);
                 ctx.enqueue({.type = "notify_vendor",
                              .payload = {{"issue", u.id.str()}, {"category", args["category"]}},
                              .idempotency_key = "notify:" + ctx.run_id + ":" + ctx.tool_call_id});
                 ctx.audit("issue.recorded", "unit", u.id.str(),
                           Json{{"category", args["category"]}});
                 ctx.run_context["work_order_id"] = u.id.str();
                 return ToolResult::ok({{"work_order_id", u.id.str()}, {"status", "new"}});
             }});
    reg.add({"check_issue", "Check an issue without recording it.", issue_schema,
             [](ToolContext&, const Json& args) {
                 return ToolResult::ok({{"unit_id", args["unit_id"]}, {"known", false}});
             }});
    for (const char* name :
         {"reply_to_tenant", "rank_vendors", "dispatch_vendor", "schedule_visit", "escalate"}) {
        reg.add(
            {name, std::string("Maintenance action ") + name + ".",
             Json{{"type", "object"},
                  {"properties", {{"work_order_id", string_prop(64)}, {"text", string_prop(1600)}}},
                  {"required", {"work_order_id"}}},
             [](ToolContext&, const Json&) { return ToolResult::ok({{"ok", true}}); }});
    }
    return reg;
}

AgentTask make_task(std::int64_t n) {
    AgentTask t;
    t.workflow = "maintenance";
    t.run_id = "run-bench-" + std::to_string(n);
    t.system = {{std::string(1400, 'x') + " (maintenance coordinator instructions)", false}};
    Json facts{{"tenant", {{"id", "tenant-17"}, {"name", "Ana Rivera"}, {"language", "en"}}},
               {"unit", {{"id", "unit-4b"}, {"label", "4B"}, {"floor", 4}}},
               {"property",
                {{"id", "prop-elm"},
                 {"name", "Elm Court"},
                 {"address", "12 Elm St"},
                 {"nte_cents", 50000},
                 {"emergency_nte_cents", 150000}}},
               {"open_work_orders", Json::array()},
               {"recent_tenant_text", ""}};
    t.context_text = "Facts from the property-management system (trusted):\n<context>" +
                     facts.dump() + "</context>\nThe tenant wrote:";
    t.untrusted_text =
        "Hi, the pipe under my kitchen sink is leaking since yesterday evening. The cabinet floor "
        "is "
        "wet and it smells musty. I'm home after 5pm on weekdays. Thanks, Ana (4B)";
    t.context = {{"tenant_id", "tenant-17"}, {"unit_id", "unit-4b"}, {"property_id", "prop-elm"}};
    return t;
}

// One run of `steps` model calls per iteration (steps - 1 tool calls, then end_turn). With
// `scripted`, the replies come from `llm::ScriptedProvider` replaying a cassette of the canned
// replies, recorded by one run before the timing starts (the no-op tool only: its results, and so
// its requests, are the same in every run; the writing tool's results name the run).
void BM_AgentRun(benchmark::State& state, Synchronous sync, const char* tool, bool scripted) {
    const int steps = static_cast<int>(state.range(0));
    TempDir dir;
    auto store = open_sqlite_store(dir.file("agent.db"), {.synchronous = sync});
    const OrgId org("org-bench");
    store->write([&](Transaction& tx) { tx.put_organization(Organization{org, "Bench"}); });
    // The real clock: time moves between steps as it does with a real provider (a record keyed by
    // time is then rewritten with new keys, as in production).
    auto clock = std::make_shared<SystemClock>();
    JobQueue jobs(*store, clock);
    const auto tools = make_tools();
    Policy policy;
    policy.budget.max_steps = steps + 1;
    // The model named, not the provider's default: a replaying ScriptedProvider's default model
    // ("scripted") is not the recorded one, and the model is part of the request's hash.
    AgentRunnerOptions options;
    options.model = "canned-model";
    std::shared_ptr<llm::LlmProvider> provider = std::make_shared<CannedProvider>(steps, tool);
    if (scripted) {
        const auto cassette = dir.file("cassette.json");
        {
            std::shared_ptr<llm::LlmProvider> recorder =
                llm::ScriptedProvider::record(provider, cassette);
            AgentRunner recording(*store, jobs, recorder, tools, EscalationEngine(policy), policy,
                                  clock, options);
            recording.start(org, make_task(-1));
        }
        auto replay = llm::ScriptedProvider::load(cassette);
        replay->keep_requests(false);  // a long replay: do not keep every request
        provider = std::move(replay);
    }
    AgentRunner runner(*store, jobs, provider, tools, EscalationEngine(policy), policy, clock,
                       options);
    std::int64_t n = 0;
    for (auto _ : state) {
        const auto out = runner.start(org, make_task(n++));
        if (out.run.status != RunStatus::kCompleted || out.run.step != steps) {
            const std::string why =
                "the run did not complete as scripted: " + std::string(enum_name(out.run.status)) +
                " " + out.run.status_reason;
            state.SkipWithError(why.c_str());
            break;
        }
    }
    state.SetItemsProcessed(state.iterations() * steps);
    state.counters["step"] =
        benchmark::Counter(static_cast<double>(state.iterations() * steps),
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
// Every case: 4- and 10-step runs, wall-clock time in microseconds.
void RunShapes(benchmark::internal::Benchmark* b) {
    b->Arg(4)->Arg(10)->UseRealTime()->Unit(benchmark::kMicrosecond);
}
BENCHMARK_CAPTURE(BM_AgentRun, noop_tool_full, Synchronous::kFull, "check_issue", false)
    ->Apply(RunShapes);
BENCHMARK_CAPTURE(BM_AgentRun, noop_tool_normal, Synchronous::kNormal, "check_issue", false)
    ->Apply(RunShapes);
BENCHMARK_CAPTURE(BM_AgentRun, writing_tool_full, Synchronous::kFull, "record_issue", false)
    ->Apply(RunShapes);
BENCHMARK_CAPTURE(BM_AgentRun, writing_tool_normal, Synchronous::kNormal, "record_issue", false)
    ->Apply(RunShapes);
BENCHMARK_CAPTURE(BM_AgentRun, scripted_noop_tool_full, Synchronous::kFull, "check_issue", true)
    ->Apply(RunShapes);
BENCHMARK_CAPTURE(BM_AgentRun, scripted_noop_tool_normal, Synchronous::kNormal, "check_issue",
                  true)
    ->Apply(RunShapes);

// The pieces, for the profile: the prompt hash of a 4-step request, and one argument validation.
void BM_PromptHash(benchmark::State& state) {
    const auto tools = make_tools();
    llm::LlmRequest request;
    const auto task = make_task(0);
    request.system = task.system;
    request.messages = {llm::ChatMessage::user(task.context_text + task.untrusted_text)};
    CannedProvider provider(4, "record_issue");
    for (int k = 0; k < 3; ++k) {
        auto r = provider.complete(request);
        request.messages.push_back({llm::Role::kAssistant, r.content});
        request.messages.push_back(
            {llm::Role::kUser,
             {llm::ContentBlock::tool_result(r.tool_uses()[0].id, R"({"status":"new"})")}});
    }
    request.tools = tools.definitions();
    for (auto _ : state) benchmark::DoNotOptimize(llm::request_hash(request));
}
BENCHMARK(BM_PromptHash)->Unit(benchmark::kMicrosecond);

void BM_ValidateArguments(benchmark::State& state) {
    const auto tools = make_tools();
    CannedProvider provider(4, "record_issue");
    const auto args = provider.complete(llm::LlmRequest{}).tool_uses().at(0).input;
    for (auto _ : state) benchmark::DoNotOptimize(tools.validate("record_issue", args));
}
BENCHMARK(BM_ValidateArguments)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
