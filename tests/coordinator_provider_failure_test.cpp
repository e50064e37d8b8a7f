// Nothing ends in silence: the remote model refuses, the key is wrong, the account has no credit,
// the reply is cut off, a host's provider throws — and a tenant who smells gas still gets a vendor
// dispatched and safety steps, a routine request still gets a work order or an escalation.
// The real Anthropic and OpenAI providers talk to loopback fakes in the providers' wire formats.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <stdexcept>

#include "fake_http_server.hpp"
#include "propos/agent/agent_runner.hpp"
#include "propos/coordinator.hpp"
#include "propos/llm/anthropic.hpp"
#include "propos/llm/openai.hpp"
#include "test_util.hpp"

namespace propos {
namespace {
using propos::testing::FakeServer;
using propos::testing::TempDir;

Json portfolio() {
    return parse_json(R"({"organizations":[{
      "organization":{"id":"acme","name":"Acme PM","timezone":"America/New_York"},
      "properties":[{"id":"p1","name":"Elm Court","address":"22 Elm St","city":"New York","state":"NY",
                     "postal_code":"10001","nte_limit":50000,"emergency_nte_limit":150000,
                     "owner_approval_threshold":250000}],
      "units":[{"id":"u1","property_id":"p1","label":"1A"}],
      "tenants":[{"id":"t1","unit_id":"u1","name":"Ann Lee","phone":"+12125550101"}],
      "vendors":[
        {"id":"v1","name":"Pipe Pros","trades":["plumbing","water_leak"],"service_area":["10001"],
         "phone":"+12125550201","hourly_rate":10000,"callout_fee":5000,"after_hours":true,
         "insurance_expires":"2027-01-01T00:00:00Z"},
        {"id":"v3","name":"Gas Guys","trades":["gas","heat_hot_water"],"service_area":["10001"],
         "phone":"+12125550203","hourly_rate":12000,"callout_fee":8000,"after_hours":true,
         "insurance_expires":"2027-01-01T00:00:00Z"}]}]})",
                      "portfolio");
}

// Anthropic wire format.
std::string anthropic_message(const std::string& content, const std::string& stop) {
    return R"({"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5",)"
           R"("content":)" +
           content + R"(,"stop_reason":")" + stop +
           R"(","stop_sequence":null,"usage":{"input_tokens":100,"output_tokens":50}})";
}
std::string anthropic_error(const std::string& type, const std::string& message) {
    return R"({"type":"error","error":{"type":")" + type + R"(","message":")" + message +
           R"("},"request_id":"req_fake"})";
}
// A reply to the tenant cut off by max_tokens: the text argument stops mid-word.
const char* kCutReply =
    R"([{"type":"text","text":"I will answer the tenant."},)"
    R"({"type":"tool_use","id":"toolu_cut","name":"reply_to_tenant","input":{"text":"Nothing to worry abo"}}])";

// OpenAI chat completions wire format.
std::string openai_completion(const std::string& message, const std::string& finish) {
    return R"({"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4.1-mini","choices":[{"index":0,)"
           R"("finish_reason":")" +
           finish + R"(","message":)" + message +
           R"(}],"usage":{"prompt_tokens":100,"completion_tokens":50,"total_tokens":150}})";
}

// A host's own provider whose SDK throws something that is not a propos::Error.
class ThrowingHostProvider : public llm::LlmProvider {
public:
    llm::LlmResponse complete(const llm::LlmRequest&) override {
        ++calls;
        throw std::runtime_error("host SDK: connection pool exhausted");
    }
    std::string name() const override { return "host"; }
    std::string default_model() const override { return "host-model"; }
    int calls = 0;
};

struct Case {
    std::string name;
    // Queues the fake server's replies (enough for every call of a run) and returns the provider.
    std::function<std::shared_ptr<llm::LlmProvider>(FakeServer&, std::shared_ptr<HttpClient>)> make;
};

std::shared_ptr<llm::LlmProvider> anthropic(FakeServer& s, std::shared_ptr<HttpClient> http,
                                            int status, const std::string& body) {
    for (int i = 0; i < 40; ++i) s.reply(status, body);
    llm::AnthropicOptions o;
    o.api_key = "sk-ant-test-key";
    o.base_url = s.url();
    o.http = std::move(http);
    o.sleeper = [](Millis) {};
    o.retry.max_retries = 0;
    return std::make_shared<llm::AnthropicProvider>(std::move(o));
}

std::shared_ptr<llm::LlmProvider> openai(FakeServer& s, std::shared_ptr<HttpClient> http,
                                         int status, const std::string& body) {
    for (int i = 0; i < 40; ++i) s.reply(status, body);
    llm::OpenAiOptions o;
    o.api_key = "sk-test-key";
    o.base_url = s.url();
    o.http = std::move(http);
    o.sleeper = [](Millis) {};
    o.retry.max_retries = 0;
    return std::make_shared<llm::OpenAiCompatibleProvider>(std::move(o));
}

std::vector<Case> cases() {
    return {
        {"anthropic_refusal",
         [](FakeServer& s, auto http) {
             return anthropic(s, http, 200,
                              anthropic_message(R"([{"type":"text","text":"I can't help."}])",
                                                "refusal"));
         }},
        {"anthropic_401",
         [](FakeServer& s, auto http) {
             return anthropic(s, http, 401,
                              anthropic_error("authentication_error", "invalid x-api-key"));
         }},
        {"anthropic_402",
         [](FakeServer& s, auto http) {
             return anthropic(s, http, 402,
                              anthropic_error("billing_error", "Your credit balance is too low"));
         }},
        {"anthropic_400",
         [](FakeServer& s, auto http) {
             return anthropic(s, http, 400,
                              anthropic_error("invalid_request_error", "messages: bad"));
         }},
        {"anthropic_max_tokens_partial_tool_use",
         [](FakeServer& s, auto http) {
             return anthropic(s, http, 200, anthropic_message(kCutReply, "max_tokens"));
         }},
        {"openai_content_filter",
         [](FakeServer& s, auto http) {
             return openai(s, http, 200,
                           openai_completion(R"({"role":"assistant","content":""})",
                                             "content_filter"));
         }},
        {"openai_401",
         [](FakeServer& s, auto http) {
             return openai(s, http, 401,
                           R"({"error":{"message":"Incorrect API key provided","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})");
         }},
        {"openai_402",
         [](FakeServer& s, auto http) {
             return openai(s, http, 402,
                           R"({"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"billing_error","param":null,"code":null}})");
         }},
        {"openai_length_partial_tool_call",
         [](FakeServer& s, auto http) {
             return openai(
                 s, http, 200,
                 openai_completion(
                     R"({"role":"assistant","content":null,"tool_calls":[{"id":"call_cut","type":"function","function":{"name":"reply_to_tenant","arguments":"{\"text\":\"Nothing to worry abo\"}"}}]})",
                     "length"));
         }},
        {"host_provider_throws",
         [](FakeServer&, auto) -> std::shared_ptr<llm::LlmProvider> {
             return std::make_shared<ThrowingHostProvider>();
         }},
    };
}

class ProviderFailureTest : public ::testing::TestWithParam<Case> {
protected:
    void SetUp() override {
        store = std::shared_ptr<Store>(open_sqlite_store(dir.file("c.db")));
        import_portfolio(*store, portfolio(), clock->now());
        CoordinatorOptions o;
        o.store = store;
        o.clock = clock;
        o.seed = 7;
        o.provider = GetParam().make(server, http);
        // offline_fallback is on by default: the offline rules answer when the remote cannot.
        c = std::make_unique<Coordinator>(std::move(o));
        c->on_event([this](const Event& e) { events.push_back(e); });
    }
    // The events on_event delivered, of `type` (and, when given, of payload reason `reason`).
    std::size_t delivered(const std::string& type, const std::string& reason = "") const {
        return static_cast<std::size_t>(std::count_if(events.begin(), events.end(), [&](const Event& e) {
            return e.type == type && (reason.empty() || e.payload.value("reason", "") == reason);
        }));
    }
    void TearDown() override {
        c.reset();
        server.stop();
    }
    void say(const std::string& text) {
        IncomingMessage m;
        m.provider = "test";
        m.provider_message_id = "m1";
        m.from = "+12125550101";
        m.text = text;
        c->ingest(org, m);
        c->run_until_idle();
    }
    std::vector<Message> to_tenant() {
        std::vector<Message> out;
        for (auto& m : c->outbox(org)) {
            if (m.to == "+12125550101") out.push_back(m);
        }
        return out;
    }
    // The audit shows which provider acted, and why the remote one did not.
    void expect_rules_acted() {
        bool step_by_rules = false, completed_by_rules = false;
        std::string run_id;
        for (const auto& a : c->audit(org)) {
            if (a.action == "agent.step" && a.data.value("gen_ai.provider.name", "") == "rules") {
                step_by_rules = true;
                EXPECT_FALSE(a.data.value("fallback_reason", "").empty()) << a.data.dump();
            }
            if (a.action == "agent.run_completed") {
                completed_by_rules = a.data.value("provider", "") == "rules";
                run_id = a.entity_id;
            }
            // A tool call cut off by max_tokens is never executed.
            if (a.action == "tool.reply_to_tenant") {
                EXPECT_EQ(a.data.at("arguments").value("text", "").find("Nothing to worry abo"),
                          std::string::npos);
            }
        }
        EXPECT_TRUE(step_by_rules);
        EXPECT_TRUE(completed_by_rules);
        ASSERT_FALSE(run_id.empty());
        const auto run = store->read_result(
            [&](Transaction& tx) { return load_agent_run(tx, org, run_id); });
        ASSERT_TRUE(run.has_value());
        EXPECT_EQ(run->provider, "rules");
        EXPECT_EQ(run->status, RunStatus::kCompleted);
        for (const auto& m : to_tenant()) {
            EXPECT_EQ(m.body.find("Nothing to worry abo"), std::string::npos) << m.body;
        }
    }

    TempDir dir;
    // Monday 2026-01-05, 09:00 in New York.
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(parse_time("2026-01-05T14:00:00Z"));
    FakeServer server;
    std::shared_ptr<HttpClient> http{make_curl_http_client()};
    std::shared_ptr<Store> store;
    std::unique_ptr<Coordinator> c;
    OrgId org{"acme"};
    std::vector<Event> events;
};

TEST_P(ProviderFailureTest, AGasLeakIsDispatchedAndTheTenantToldWhateverTheRemoteModelDoes) {
    say("I smell gas in the kitchen");
    const auto wos = c->work_orders(org);
    ASSERT_EQ(wos.size(), 1u);
    const auto& wo = wos[0];
    EXPECT_TRUE(wo.emergency);
    EXPECT_EQ(wo.category, "gas");
    EXPECT_EQ(wo.status, WorkOrderStatus::kDispatched);
    EXPECT_EQ(wo.vendor_id, VendorId("v3"));
    EXPECT_EQ(wo.nte, Money::dollars(1500));
    bool safety = false;
    for (const auto& m : to_tenant()) {
        safety |= m.body.find("leave the apartment") != std::string::npos;
    }
    EXPECT_TRUE(safety);
    expect_rules_acted();
    // A person is told at once, and the host hears of each step.
    EXPECT_EQ(delivered("message.received"), 1u);
    EXPECT_EQ(delivered("escalation.raised", "emergency"), 1u);
    EXPECT_EQ(delivered("work_order.created"), 1u);
    EXPECT_EQ(delivered("work_order.dispatched"), 1u);
    EXPECT_EQ(delivered("escalation.raised", "model_unusable"), 0u);  // the fallback answered
}

TEST_P(ProviderFailureTest, ARoutineRequestGetsAWorkOrderOrAnEscalationNeverNothing) {
    say("The kitchen faucet has been dripping since yesterday");
    const auto wos = c->work_orders(org);
    const auto esc = c->escalations(org);
    ASSERT_FALSE(wos.empty() && esc.empty()) << "the message ended in silence";
    ASSERT_EQ(wos.size(), 1u);
    EXPECT_FALSE(wos[0].emergency);
    EXPECT_FALSE(to_tenant().empty());  // the tenant hears back
    expect_rules_acted();
    EXPECT_EQ(delivered("message.received"), 1u);
    EXPECT_EQ(delivered("work_order.created"), 1u);
    EXPECT_EQ(delivered("escalation.raised", "emergency"), 0u);
    EXPECT_EQ(delivered("escalation.raised", "no_outcome"), 0u);
}

INSTANTIATE_TEST_SUITE_P(RemoteFailures, ProviderFailureTest, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; });

// A host provider answering from a fixed list of replies (no fallback behind it).
class FixedProvider : public llm::LlmProvider {
public:
    explicit FixedProvider(llm::StopReason stop) : stop_(stop) {}
    llm::LlmResponse complete(const llm::LlmRequest&) override {
        llm::LlmResponse r;
        r.provider = "host";
        r.model = "host-model";
        r.content = {llm::ContentBlock::make_text("OK.")};
        r.stop_reason = stop_;
        return r;
    }
    std::string name() const override { return "host"; }
    std::string default_model() const override { return "host-model"; }

private:
    llm::StopReason stop_;
};

// A coordinator in `dir` on the sample portfolio whose only provider is the host's `provider` (no
// offline fallback behind it).
std::unique_ptr<Coordinator> host_only(const TempDir& dir, std::shared_ptr<llm::LlmProvider> provider) {
    auto clock = std::make_shared<ManualClock>(parse_time("2026-01-05T14:00:00Z"));
    auto store = std::shared_ptr<Store>(open_sqlite_store(dir.file("host.db")));
    import_portfolio(*store, portfolio(), clock->now());
    CoordinatorOptions o;
    o.store = store;
    o.clock = clock;
    o.provider = std::move(provider);
    o.offline_fallback = false;
    return std::make_unique<Coordinator>(std::move(o));
}

// Ann Lee (t1) texts `text`.
void tenant_says(Coordinator& c, const std::string& text) {
    IncomingMessage m;
    m.provider = "test";
    m.provider_message_id = "m1";
    m.from = "+12125550101";
    m.text = text;
    c.ingest(OrgId("acme"), m);
}

std::vector<Escalation> run_without_fallback(const TempDir& dir, llm::StopReason stop,
                                             const std::string& text) {
    auto c = host_only(dir, std::make_shared<FixedProvider>(stop));
    tenant_says(*c, text);
    c->run_until_idle();
    EXPECT_TRUE(c->work_orders(OrgId("acme")).empty());
    return c->escalations(OrgId("acme"));
}

TEST(NoOutcomeTest, ARunThatDoesNothingForTheTenantRaisesAnEscalationOfItsOwn) {
    TempDir dir;
    const auto esc = run_without_fallback(dir, llm::StopReason::kEndTurn,
                                          "The kitchen faucet has been dripping since yesterday");
    ASSERT_EQ(esc.size(), 1u);
    EXPECT_EQ(esc[0].reason, "no_outcome");
    EXPECT_EQ(esc[0].severity, Severity::kHigh);
    EXPECT_EQ(esc[0].context.value("provider", ""), "host");
}

TEST(NoOutcomeTest, WithoutAFallbackARefusalEndsTheRunWithAModelUnusableEscalation) {
    TempDir dir;
    const auto esc = run_without_fallback(dir, llm::StopReason::kRefusal,
                                          "The kitchen faucet has been dripping since yesterday");
    ASSERT_EQ(esc.size(), 1u);  // the run's own escalation; no second no_outcome one
    EXPECT_EQ(esc[0].reason, "model_unusable");
}

TEST(NoOutcomeTest, AMessageWhoseHandlingKeepsFailingEndsInAnEscalationNotADeadLetterAlone) {
    TempDir dir;
    auto host = std::make_shared<ThrowingHostProvider>();
    auto owned = host_only(dir, host);
    Coordinator& c = *owned;
    tenant_says(c, "The kitchen faucet has been dripping since yesterday");
    for (int i = 0; i < 10; ++i) c.advance(std::chrono::hours(1));  // every retry, then dead
    EXPECT_GE(host->calls, 2);
    bool escalated = false;
    for (const auto& e : c.escalations(OrgId("acme"))) {
        if (e.reason != "job_failed") continue;
        escalated = true;
        EXPECT_EQ(e.severity, Severity::kHigh);
        EXPECT_NE(e.summary.find("connection pool exhausted"), std::string::npos);
    }
    EXPECT_TRUE(escalated);
}

// Events go out when their record commits: the emergency escalation the input rules raised before
// the first model call is announced at once, though the host's provider then throws and the job
// only goes back to the queue for a retry.
TEST(EventsTest, AnEmergencyRaisedBeforeTheProviderThrowsIsAnnouncedAtOnce) {
    TempDir dir;
    auto host = std::make_shared<ThrowingHostProvider>();
    auto owned = host_only(dir, host);
    Coordinator& c = *owned;
    std::vector<Event> seen;
    c.on_event([&](const Event& e) { seen.push_back(e); });
    tenant_says(c, "I smell gas in the kitchen");
    const auto stats = c.run_until_idle();
    EXPECT_EQ(host->calls, 1);
    EXPECT_EQ(stats.jobs_failed, 1u);
    EXPECT_EQ(stats.jobs_dead, 0u);
    const auto esc = c.escalations(OrgId("acme"));
    ASSERT_EQ(esc.size(), 1u);
    EXPECT_EQ(esc[0].reason, "emergency");
    int raised = 0;
    for (const auto& e : seen) {
        if (e.type != "escalation.raised") continue;
        ++raised;
        EXPECT_EQ(e.payload.value("escalation_id", ""), esc[0].id.str());
        EXPECT_EQ(e.payload.value("reason", ""), "emergency");
        EXPECT_EQ(e.payload.value("severity", ""), "critical");
    }
    EXPECT_EQ(raised, 1);
}

// A job of any type that dies after its retries is a person's to handle: a job_failed escalation
// naming the job type and the last error, and a job.dead event.
TEST(DeadJobTest, AScheduledHostJobThatKeepsThrowingEndsInAnEscalationAndAnEvent) {
    TempDir dir;
    auto owned = host_only(dir, std::make_shared<FixedProvider>(llm::StopReason::kEndTurn));
    Coordinator& c = *owned;
    const OrgId org("acme");
    int runs = 0;
    c.register_job_handler("host.nightly_sync", [&](const Job&) {
        ++runs;
        throw std::runtime_error("ledger API: 503 from upstream");
    });
    std::vector<Event> seen;
    c.on_event([&](const Event& e) { seen.push_back(e); });
    c.jobs().add_schedule(org, "nightly", "0 3 * * *",
                          JobSpec{.type = "host.nightly_sync", .max_attempts = 3});
    c.advance(std::chrono::hours(30));
    EXPECT_EQ(runs, 3);
    ASSERT_EQ(c.jobs().dead_letters(org).size(), 1u);
    std::vector<Escalation> failed;
    for (const auto& e : c.escalations(org)) {
        if (e.reason == "job_failed") failed.push_back(e);
    }
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_EQ(failed[0].severity, Severity::kHigh);
    EXPECT_NE(failed[0].summary.find("host.nightly_sync"), std::string::npos) << failed[0].summary;
    EXPECT_NE(failed[0].summary.find("503 from upstream"), std::string::npos) << failed[0].summary;
    EXPECT_EQ(failed[0].context.value("job_type", ""), "host.nightly_sync");
    int dead = 0, raised = 0;
    for (const auto& e : seen) {
        if (e.type == "job.dead") {
            ++dead;
            EXPECT_EQ(e.payload.value("job_type", ""), "host.nightly_sync");
            EXPECT_EQ(e.payload.value("attempts", 0), 3);
            EXPECT_NE(e.payload.value("error", "").find("503 from upstream"), std::string::npos);
            EXPECT_EQ(e.payload.value("escalation_id", ""), failed[0].id.str());
        }
        if (e.type == "escalation.raised" && e.payload.value("reason", "") == "job_failed") ++raised;
    }
    EXPECT_EQ(dead, 1);
    EXPECT_EQ(raised, 1);
}

// A rate limit that asks for ten minutes is not slept on the worker thread: the job goes back on
// the queue with that delay, spending no attempt, and runs again when it is due.
TEST(RetryAfterTest, ALongRetryAfterPutsTheJobBackWithThatDelayInsteadOfSleeping) {
    TempDir dir;
    FakeServer server;
    server.reply(429,
                 R"({"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}})",
                 {{"retry-after", "600"}});
    server.reply(200, openai_completion(R"({"role":"assistant","content":"Noted."})", "stop"));
    llm::OpenAiOptions o;
    o.api_key = "sk-test-key";
    o.base_url = server.url();
    o.http = std::shared_ptr<HttpClient>(make_curl_http_client());
    std::vector<Millis> slept;
    o.sleeper = [&](Millis d) { slept.push_back(d); };
    auto owned = host_only(dir, std::make_shared<llm::OpenAiCompatibleProvider>(std::move(o)));
    Coordinator& c = *owned;
    const OrgId org("acme");
    tenant_says(c, "The kitchen faucet has been dripping since yesterday");
    const auto first = c.run_until_idle();
    EXPECT_EQ(server.count(), 1u);
    EXPECT_TRUE(slept.empty());
    EXPECT_EQ(first.jobs_dead, 0u);
    EXPECT_TRUE(c.escalations(org).empty());
    EXPECT_EQ(c.jobs().counts(org).pending, 1 + 0);  // the message's job, back on the queue
    EXPECT_EQ(c.jobs().next_due(org), parse_time("2026-01-05T14:10:00Z"));
    bool audited = false;
    for (const auto& a : c.audit(org)) {
        if (a.action != "agent.provider_failed") continue;
        audited = true;
        EXPECT_EQ(a.data.value("retry_after_ms", 0), 600000);
    }
    EXPECT_TRUE(audited);
    c.advance(std::chrono::minutes(9));
    EXPECT_EQ(server.count(), 1u);  // not before its time
    c.advance(std::chrono::minutes(2));
    EXPECT_EQ(server.count(), 2u);
    EXPECT_EQ(c.jobs().counts(org).pending, 0);
    EXPECT_TRUE(c.jobs().dead_letters(org).empty());
    // The model then answered without acting: a person hears of it (no silence either way).
    ASSERT_EQ(c.escalations(org).size(), 1u);
    EXPECT_EQ(c.escalations(org)[0].reason, "no_outcome");
    server.stop();
}

// A local server (llama.cpp wire format) that numbers its tool calls afresh every turn: the second
// turn's "call_0" is a new call, executed — not mistaken for the first turn's and skipped.
struct ReusedIdsCase {
    const char* text;
    const char* create_args;  // create_work_order arguments
    const char* reply;        // what the model tells the tenant in its second turn
};

std::string reused_id_call(const std::string& name, const std::string& args) {
    return openai_completion(
        R"({"role":"assistant","content":null,"tool_calls":[{"id":"call_0","type":"function","function":{"name":")" +
            name + R"(","arguments":)" + Json(args).dump() + "}}]}",
        "tool_calls");
}

void run_reused_ids(const ReusedIdsCase& k, bool emergency) {
    TempDir dir;
    FakeServer server;
    server.reply(200, reused_id_call("create_work_order", k.create_args));
    server.reply(200, reused_id_call("reply_to_tenant", Json{{"text", k.reply}}.dump()));
    server.reply(200, openai_completion(R"({"role":"assistant","content":"Done."})", "stop"));
    auto o = llm::OpenAiOptions::llama_cpp("local", server.url());
    o.http = std::shared_ptr<HttpClient>(make_curl_http_client());
    auto owned = host_only(dir, std::make_shared<llm::OpenAiCompatibleProvider>(std::move(o)));
    Coordinator& c = *owned;
    std::vector<Event> seen;
    c.on_event([&](const Event& e) { seen.push_back(e); });
    const OrgId org("acme");
    tenant_says(c, k.text);
    c.run_until_idle();
    EXPECT_EQ(server.count(), 3u);
    const auto wos = c.work_orders(org);
    ASSERT_EQ(wos.size(), 1u);
    EXPECT_EQ(wos[0].emergency, emergency);
    bool replied = false;
    for (const auto& m : c.outbox(org)) replied |= m.to == "+12125550101" && m.body.find(k.reply) != std::string::npos;
    EXPECT_TRUE(replied) << "the second turn's call_0 was skipped";
    auto count = [&](const std::string& type, const std::string& reason = "") {
        return std::count_if(seen.begin(), seen.end(), [&](const Event& e) {
            return e.type == type && (reason.empty() || e.payload.value("reason", "") == reason);
        });
    };
    EXPECT_EQ(count("work_order.created"), 1);
    EXPECT_EQ(count("escalation.raised", "emergency"), emergency ? 1 : 0);
    EXPECT_EQ(count("escalation.raised", "no_outcome"), 0);
    server.stop();
}

TEST(ReusedIdsTest, AGasLeakFromALocalServerThatReusesCallIds) {
    run_reused_ids(
        {"I smell gas in the kitchen",
         R"({"unit_id":"u1","category":"gas","priority":"emergency","emergency":true,"title":"Gas smell in the kitchen","description":"Tenant smells gas in the kitchen."})",
         "Leave the apartment now and call 911 from outside; a gas technician is on the way."},
        true);
}

TEST(ReusedIdsTest, ARoutineRequestFromALocalServerThatReusesCallIds) {
    run_reused_ids(
        {"The kitchen faucet has been dripping since yesterday",
         R"({"unit_id":"u1","category":"plumbing","priority":"routine","emergency":false,"title":"Dripping kitchen faucet","description":"The kitchen faucet drips."})",
         "Thanks, a plumber will be scheduled for your faucet."},
        false);
}

}  // namespace
}  // namespace propos
