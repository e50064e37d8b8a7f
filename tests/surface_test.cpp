// The C++ surface a host builds against: the umbrella header alone (this file includes nothing else
// of PropOS), the store factory CoordinatorOptions takes, the tool definitions and the run's facts
// a host's own provider needs, event subscriptions that end, the log callback and seeded ids.
#include <gtest/gtest.h>

#include <propos/propos.hpp>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iterator>
#include <mutex>
#include <type_traits>

#include "test_util.hpp"

namespace propos {
namespace {
using propos::testing::expect_error;
using propos::testing::TempDir;

// The sample portfolio of the demo; its first tenant lives in unit 1A of Riverside Towers.
Json portfolio() {
    std::ifstream in(PROPOS_SOURCE_DIR "/examples/data/portfolio.json");
    return parse_json(std::string(std::istreambuf_iterator<char>(in), {}), "portfolio.json");
}

const OrgId kOrg("harbor");

IncomingMessage sms(const std::string& id, const std::string& text) {
    return {.provider_message_id = id, .channel = Channel::kSms, .from = "+1 212 555 0100", .text = text};
}

// A host's provider that keeps every request and answers "done" (no tool calls).
class RecordingProvider final : public llm::LlmProvider {
public:
    llm::LlmResponse complete(const llm::LlmRequest& request) override {
        std::lock_guard lock(mu_);
        requests_.push_back(request);
        llm::LlmResponse r;
        r.provider = "host";
        r.content.push_back(llm::ContentBlock::make_text("noted"));
        return r;
    }
    std::string name() const override { return "host"; }
    std::string default_model() const override { return "host-1"; }
    std::vector<llm::LlmRequest> requests() const {
        std::lock_guard lock(mu_);
        return requests_;
    }

private:
    mutable std::mutex mu_;
    std::vector<llm::LlmRequest> requests_;
};

// Forwards to `inner` and counts the calls that threw.
class CountingProvider final : public llm::LlmProvider {
public:
    explicit CountingProvider(std::shared_ptr<llm::LlmProvider> inner) : inner_(std::move(inner)) {}
    llm::LlmResponse complete(const llm::LlmRequest& request) override {
        ++calls;
        try {
            return inner_->complete(request);
        } catch (...) {
            ++failures;
            throw;
        }
    }
    std::string name() const override { return inner_->name(); }
    std::string default_model() const override { return inner_->default_model(); }
    std::atomic<int> calls{0};
    std::atomic<int> failures{0};

private:
    std::shared_ptr<llm::LlmProvider> inner_;
};

class SurfaceTest : public ::testing::Test {
protected:
    std::unique_ptr<Coordinator> make(CoordinatorOptions o, const std::string& db = "props.db") {
        if (!o.store) o.store = open_store(dir.file(db));
        if (!o.clock) o.clock = std::make_shared<ManualClock>(parse_time("2026-03-02T14:00:00Z"));
        auto c = std::make_unique<Coordinator>(std::move(o));
        import_portfolio(c->store(), portfolio(), c->clock().now());
        return c;
    }
    TempDir dir;
};

TEST_F(SurfaceTest, OpenStoreReturnsWhatCoordinatorOptionsTakes) {
    static_assert(std::is_same_v<decltype(open_store("")), decltype(CoordinatorOptions::store)>);
    // A sqlite: URL and the plain path name the same file.
    {
        CoordinatorOptions o;
        o.store = open_store("sqlite:" + dir.file("url.db"));
        Coordinator c(o);
        import_portfolio(c.store(), portfolio(), c.clock().now());
    }
    auto again = open_store(dir.file("url.db"));
    const auto orgs = again->list_organizations();
    ASSERT_EQ(orgs.size(), 2u);
    EXPECT_TRUE(std::any_of(orgs.begin(), orgs.end(), [](const Organization& o) { return o.id == kOrg; }));
    EXPECT_EQ(open_store("sqlite://" + dir.file("url.db"))->list_organizations().size(), 2u);
    // The old factory still works where a shared store is wanted.
    CoordinatorOptions o;
    o.store = open_sqlite_store(dir.file("url.db"));
    EXPECT_EQ(Coordinator(o).organizations().size(), 2u);
}

TEST_F(SurfaceTest, OpenStoreNamesWhatItCannotOpen) {
    expect_error([] { open_store(""); }, ErrorCode::kInvalidArgument, "needs a database");
    expect_error([] { open_store("sqlite:"); }, ErrorCode::kInvalidArgument, "names no database file");
    expect_error([] { open_store("mysql://127.0.0.1/propos"); }, ErrorCode::kInvalidArgument,
                 "no store for 'mysql://' URLs");
    // A PostgreSQL URL opens a PostgreSQL store; nothing listens on port 1 (loopback only).
    expect_error([] { open_store("postgresql://propos:secret@127.0.0.1:1/propos"); }, ErrorCode::kUnavailable,
                 "cannot connect to database 'postgresql://propos@127.0.0.1:1/propos'");
}

TEST_F(SurfaceTest, ToolDefinitionsAreWhatTheProviderIsOffered) {
    auto provider = std::make_shared<RecordingProvider>();
    auto c = make({.provider = provider, .offline_fallback = false});
    const auto defs = c->tool_definitions();
    auto find = [&](const std::string& name) {
        return std::find_if(defs.begin(), defs.end(), [&](const auto& d) { return d.name == name; });
    };
    ASSERT_NE(find("create_work_order"), defs.end());
    ASSERT_NE(find("escalate"), defs.end());
    const auto& create = *find("create_work_order");
    EXPECT_FALSE(create.description.empty());
    EXPECT_EQ(create.input_schema.at("type"), "object");
    const auto& required = create.input_schema.at("required");
    EXPECT_NE(std::find(required.begin(), required.end(), "unit_id"), required.end());
    EXPECT_EQ(c->tool_definitions("maintenance"), defs);
    expect_error([&] { c->tool_definitions("payroll"); }, ErrorCode::kInvalidArgument, "unknown workflow 'payroll'");

    c->ingest(kOrg, sms("m1", "The kitchen sink is leaking under the cabinet."));
    c->run_until_idle();
    const auto requests = provider->requests();
    ASSERT_FALSE(requests.empty());
    EXPECT_EQ(requests.front().tools, defs);
}

TEST_F(SurfaceTest, TheRunsFactsArriveAsData) {
    auto provider = std::make_shared<RecordingProvider>();
    auto c = make({.provider = provider, .offline_fallback = false});
    const auto in = c->ingest(kOrg, sms("m1", "I smell gas in the kitchen"));
    c->run_until_idle();
    const auto requests = provider->requests();
    ASSERT_FALSE(requests.empty());
    const Json& facts = requests.front().context;
    EXPECT_EQ(facts.value("organization_id", ""), "harbor");
    EXPECT_EQ(facts.value("tenant_id", ""), "harbor-p1-u1A-t1");
    EXPECT_EQ(facts.value("unit_id", ""), "harbor-p1-u1A");
    EXPECT_EQ(facts.value("property_id", ""), "harbor-p1");
    EXPECT_EQ(facts.value("message_id", ""), in.message_id.str());
    EXPECT_FALSE(facts.value("thread_id", "").empty());
    EXPECT_EQ(facts.value("workflow", ""), "maintenance");
    ASSERT_TRUE(facts.contains("triage")) << facts.dump();
    EXPECT_EQ(facts["triage"].value("category", ""), "gas");
    EXPECT_EQ(facts["triage"].value("priority", ""), "emergency");
    EXPECT_TRUE(facts["triage"].value("emergency", false));
    // The same request's JSON form carries it; the prompt hash does not depend on it.
    const Json j = requests.front();
    EXPECT_EQ(j.at("context"), facts);
    auto bare = requests.front();
    bare.context = Json::object();
    bare.prompt_hash.clear();
    EXPECT_EQ(llm::request_hash(bare), llm::hash_of(requests.front()));
}

TEST_F(SurfaceTest, OffStopsAnEventCallback) {
    auto c = make({});
    std::vector<std::string> kept, dropped;
    const auto keep = c->on_event([&](const Event& e) { kept.push_back(e.type); });
    const auto drop = c->on_event([&](const Event& e) { dropped.push_back(e.type); });
    EXPECT_NE(keep, drop);
    c->ingest(kOrg, sms("m1", "The kitchen sink is leaking."));
    ASSERT_FALSE(dropped.empty());
    const auto seen_before = dropped.size();
    EXPECT_TRUE(c->off(drop));
    EXPECT_FALSE(c->off(drop));  // already off
    EXPECT_FALSE(c->off({}));    // no one's
    c->run_until_idle();
    EXPECT_EQ(dropped.size(), seen_before);
    EXPECT_GT(kept.size(), seen_before);
    expect_error([&] { c->on_event(nullptr); }, ErrorCode::kInvalidArgument, "needs a callback");
}

TEST_F(SurfaceTest, ACallbackMayUnsubscribeItself) {
    auto c = make({});
    int calls = 0;
    EventSubscription self;
    self = c->on_event([&](const Event&) {
        ++calls;
        c->off(self);
    });
    c->ingest(kOrg, sms("m1", "The kitchen sink is leaking."));
    c->run_until_idle();
    EXPECT_GE(calls, 1);
    const int after_first = calls;
    c->ingest(kOrg, sms("m2", "The bathroom light flickers."));
    c->run_until_idle();
    EXPECT_EQ(calls, after_first);
}

TEST_F(SurfaceTest, LogLinesGoToTheHostsCallback) {
    std::mutex mu;
    std::vector<std::pair<LogLevel, std::string>> lines;
    auto collect = [&](LogLevel level, std::string_view message) {
        std::lock_guard lock(mu);
        lines.emplace_back(level, std::string(message));
    };
    struct Restore {  // the logger is process-wide: give it back to stderr whatever happens
        ~Restore() { set_log_callback(nullptr, LogLevel::kWarn); }
    } restore;
    auto c = make({.log = collect, .log_level = LogLevel::kWarn});
    c->on_event([](const Event&) { throw std::runtime_error("host bug"); });
    c->ingest(kOrg, sms("m1", "The kitchen sink is leaking."));
    {
        std::lock_guard lock(mu);
        const auto it = std::find_if(lines.begin(), lines.end(), [](const auto& l) {
            return l.second.find("event callback threw") != std::string::npos;
        });
        ASSERT_NE(it, lines.end());
        EXPECT_EQ(it->first, LogLevel::kError);
        EXPECT_NE(it->second.find("host bug"), std::string::npos);
        // The message alone: no time stamp or level prefix.
        EXPECT_EQ(it->second.find("[error]"), std::string::npos);
    }
    // An empty callback gives the lines back to stderr.
    set_log_callback(nullptr, LogLevel::kWarn);
    const auto before = lines.size();
    c->ingest(kOrg, sms("m2", "The bathroom light flickers."));
    EXPECT_EQ(lines.size(), before);
}

TEST(IdSequenceTest, SameSeedSameIdsAndOrder) {
    auto clock = std::make_shared<ManualClock>(parse_time("2026-03-02T14:00:00Z"));
    IdSequence a(7, clock), b(7, clock), other(8, clock);
    std::vector<std::string> ids;
    for (int n = 0; n < 5; ++n) {
        ids.push_back(a.next("wo"));
        EXPECT_EQ(ids.back(), b.next("wo"));
    }
    EXPECT_NE(ids.front(), other.next("wo"));
    EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
    EXPECT_EQ(ids.front().size(), 3u + 26u);
    EXPECT_TRUE(ids.front().starts_with("wo_"));
    {
        const ScopedIdSequence scope(&a);
        EXPECT_EQ(new_id("wo"), b.next("wo"));
        {
            const ScopedIdSequence none(nullptr);
            EXPECT_NE(new_id("wo"), IdSequence(7, clock).next("wo"));
        }
        EXPECT_EQ(new_id("x"), b.next("x"));
    }
}

TEST_F(SurfaceTest, RecordedRepliesReplayInAnotherStoreWithTheSameSeed) {
    const auto cassette = dir.file("cassette.json");
    const auto work = [](Coordinator& c) {
        c.ingest(kOrg, sms("m1", "The kitchen sink is leaking under the cabinet."));
        c.run_until_idle();
        std::vector<std::string> ids;
        for (const auto& wo : c.work_orders(kOrg)) ids.push_back(wo.id.str());
        return ids;
    };
    std::shared_ptr<llm::LlmProvider> recorder =
        llm::ScriptedProvider::record(make_offline_maintenance_provider(), cassette);
    // The model is named: a replaying ScriptedProvider's default model is "scripted".
    const AgentRunnerOptions agent{.model = "rules-1"};
    auto first = make({.provider = recorder, .offline_fallback = false, .agent = agent, .id_seed = 42}, "first.db");
    const auto recorded = work(*first);
    ASSERT_EQ(recorded.size(), 1u);

    // A second process: a new database, the same seed and clock — every prompt is found.
    auto replay = std::make_shared<CountingProvider>(llm::ScriptedProvider::load(cassette));
    auto second = make({.provider = replay, .offline_fallback = false, .agent = agent, .id_seed = 42}, "second.db");
    EXPECT_EQ(work(*second), recorded);
    EXPECT_GT(replay->calls.load(), 0);
    EXPECT_EQ(replay->failures.load(), 0);

    // Without the seed the ids differ, the prompts too, and the cassette has no reply.
    auto unseeded = std::make_shared<CountingProvider>(llm::ScriptedProvider::load(cassette));
    auto third = make({.provider = unseeded, .offline_fallback = false, .agent = agent}, "third.db");
    work(*third);
    EXPECT_GT(unseeded->failures.load(), 0);
}

// PROPOS_WITH_EMAIL=OFF builds without GMime: an inbound email is a dead letter that says why.
TEST(EmailSupportTest, InboundEmailNeedsGMimeAndSaysSo) {
    const std::string body =
        "--b\r\nContent-Disposition: form-data; name=\"from\"\r\n\r\nAnn <ann@example.com>\r\n"
        "--b\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\nfix@acme.example\r\n"
        "--b\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\nLeak\r\n"
        "--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nThe sink leaks.\r\n--b--\r\n";
    const auto r = channels::handle_sendgrid_inbound({}, "POST", "https://hooks.example/sendgrid",
                                                     {{"Content-Type", "multipart/form-data; boundary=b"}},
                                                     body, parse_time("2026-03-02T14:00:00Z"));
#if PROPOS_TEST_WITH_EMAIL
    EXPECT_EQ(r.http_status, 200) << r.dead_letter_reason;
    ASSERT_TRUE(r.message.has_value());
    EXPECT_NE(r.message->text.find("The sink leaks."), std::string::npos);
#else
    EXPECT_EQ(r.http_status, 500);
    EXPECT_EQ(r.error_code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(r.dead_letter_reason.find("PROPOS_WITH_EMAIL=OFF"), std::string::npos) << r.dead_letter_reason;
#endif
}

}  // namespace
}  // namespace propos
