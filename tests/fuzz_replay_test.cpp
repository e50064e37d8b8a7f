// Replays the libFuzzer targets' inputs in the normal suite (issue 19): each fuzz/fuzz_<name>.cpp is
// compiled into this program with its entry point renamed to fuzz_<name>_one_input (see
// tests/CMakeLists.txt), and every seed (fuzz/corpus/<name>/) and every input a fuzzer once crashed
// on (fuzz/regressions/<name>/) goes through it — with gcc, and under the ASan build too. A target
// that finds a broken oracle aborts, which fails this test as a crash.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "fuzz_util.hpp"
#include "propos/channels/sendgrid.hpp"
#include "propos/coordinator.hpp"
#include "propos/core/error.hpp"
#include "propos/core/time.hpp"
#include "propos/llm/openai.hpp"
#include "propos/llm/provider.hpp"
#include "propos/llm/scripted.hpp"
#include "propos/pms/buildium.hpp"
#include "propos/workflows/compliance.hpp"
#include "propos/workflows/onboarding.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;

#define PROPOS_FUZZ_TARGETS(X)                                                                            \
    X(fuzz_anthropic_reply)                                                                               \
    X(fuzz_appfolio_jws)                                                                                  \
    X(fuzz_availability)                                                                                  \
    X(fuzz_buildium_webhook)                                                                              \
    X(fuzz_cadences)                                                                                      \
    X(fuzz_checklist)                                                                                     \
    X(fuzz_inbound_line)                                                                                  \
    X(fuzz_openai_reply)                                                                                  \
    X(fuzz_portfolio)                                                                                     \
    X(fuzz_rule_pack)                                                                                     \
    X(fuzz_sendgrid_events)                                                                               \
    X(fuzz_sendgrid_inbound)                                                                              \
    X(fuzz_twilio_webhook)                                                                                \
    X(fuzz_yardi_payload)

#define PROPOS_DECLARE(name) extern "C" int name##_one_input(const std::uint8_t* data, std::size_t size);
PROPOS_FUZZ_TARGETS(PROPOS_DECLARE)
#undef PROPOS_DECLARE

namespace {

using Entry = int (*)(const std::uint8_t*, std::size_t);

const std::map<std::string, Entry>& targets() {
#define PROPOS_ENTRY(name) {#name, &name##_one_input},
    static const std::map<std::string, Entry> m = {PROPOS_FUZZ_TARGETS(PROPOS_ENTRY)};
#undef PROPOS_ENTRY
    return m;
}

const fs::path kFuzzDir = fs::path(PROPOS_SOURCE_DIR) / "fuzz";

std::vector<fs::path> inputs_of(const std::string& target, const char* kind) {
    std::vector<fs::path> out;
    const auto dir = kFuzzDir / kind / target;
    if (!fs::is_directory(dir)) return out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file()) out.push_back(e.path());
    return out;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void replay(const std::string& target, const fs::path& file) {
    SCOPED_TRACE(file.string());
    const auto data = read_file(file);
    EXPECT_EQ(targets().at(target)(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()), 0);
}

}  // namespace

TEST(FuzzReplay, EveryTargetIsListedAndHasSeeds) {
    std::set<std::string> on_disk;
    for (const auto& e : fs::directory_iterator(kFuzzDir)) {
        const auto name = e.path().filename().string();
        if (name.starts_with("fuzz_") && e.path().extension() == ".cpp") on_disk.insert(e.path().stem().string());
    }
    std::set<std::string> listed;
    for (const auto& [name, entry] : targets()) listed.insert(name);
    EXPECT_EQ(on_disk, listed) << "add the new fuzz/fuzz_*.cpp to PROPOS_FUZZ_TARGETS in this file";
    for (const auto& name : listed) {
        const auto seeds = inputs_of(name, "corpus");
        EXPECT_FALSE(seeds.empty()) << name << " has no seeds in fuzz/corpus/" << name;
        for (const auto& s : seeds) EXPECT_LT(fs::file_size(s), 32u * 1024) << s << " is not a small seed";
    }
}

TEST(FuzzReplay, SeedsPassEveryTarget) {
    for (const auto& [name, entry] : targets())
        for (const auto& f : inputs_of(name, "corpus")) replay(name, f);
}

TEST(FuzzReplay, InputsThatOnceCrashedStayFixed) {
    std::size_t n = 0;
    for (const auto& [name, entry] : targets())
        for (const auto& f : inputs_of(name, "regressions")) {
            replay(name, f);
            ++n;
        }
    RecordProperty("regressions", static_cast<int>(n));
}

// ---- What the fuzzers found (each also kept as an input under fuzz/regressions/) ----

// fuzz_inbound_line, fuzz_portfolio, fuzz_yardi_payload, fuzz_appfolio_jws: a time a Timestamp
// (nanoseconds in 64 bits) cannot hold overflowed the conversion (undefined behaviour; a garbage
// time in practice) instead of being refused.
TEST(FuzzFindings, TimesATimestampCannotHoldAreRefused) {
    for (const char* text : {"4052-01-05T12:42:00Z", "2262-04-12", "1677-09-20T00:00:00Z", "0000-01-01",
                             "9999-12-31T23:59:59.999+14:00"}) {
        SCOPED_TRACE(text);
        try {
            (void)propos::parse_time(text);
            ADD_FAILURE() << "accepted";
        } catch (const propos::Error& e) {
            EXPECT_EQ(e.code(), propos::ErrorCode::kInvalidArgument);
            EXPECT_NE(std::string(e.what()).find("out of range"), std::string::npos) << e.what();
        }
    }
    // The ends of the range still parse.
    EXPECT_EQ(propos::format_time(propos::parse_time("2262-04-11T00:00:00Z")), "2262-04-11T00:00:00Z");
    EXPECT_EQ(propos::format_time(propos::parse_time("1678-01-01")), "1678-01-01T00:00:00Z");
}

// fuzz_sendgrid_events: an event timestamp past 2262 overflowed the conversion to a Timestamp.
TEST(FuzzFindings, SendGridEventTimestampOutOfRangeUsesTheReceiptTime) {
    propos::channels::SendGridEventOptions options;
    options.verify_signature = false;
    const auto now = propos::fuzz::fixed_now();
    const auto r = propos::channels::handle_sendgrid_events(
        options, "POST", "https://hooks.example.com/sendgrid/events", {{"Content-Type", "application/json"}},
        R"([{"email":"bob@example.com","timestamp":9767603605,"event":"delivered","sg_message_id":"ghi.x"}])", now);
    ASSERT_TRUE(r.ok()) << r.dead_letter_reason;
    ASSERT_EQ(r.updates.size(), 1u);
    EXPECT_EQ(r.updates[0].at, now);
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find("out of range"), std::string::npos) << r.warnings[0];
}

// fuzz_openai_reply: a number too large for a double made nlohmann::json throw out_of_range, which
// escaped `complete` instead of the documented ProviderError(kUnavailable).
TEST(FuzzFindings, ReplyWithAnOutOfRangeNumberIsAProviderError) {
    propos::llm::OpenAiOptions options;
    options.api_key = "sk-test";
    options.http = std::make_shared<propos::fuzz::CannedHttp>(200, R"({"id":1e999999,"choices":[]})");
    options.retry = propos::fuzz::no_retry();
    options.sleeper = propos::fuzz::no_sleep();
    propos::llm::OpenAiCompatibleProvider provider(options);
    propos::llm::LlmRequest request;
    request.messages.push_back(propos::llm::ChatMessage::user("hi"));
    try {
        (void)provider.complete(request);
        ADD_FAILURE() << "accepted";
    } catch (const propos::llm::ProviderError& e) {
        EXPECT_EQ(e.code(), propos::ErrorCode::kUnavailable);
        EXPECT_NE(std::string(e.what()).find("out of range"), std::string::npos) << e.what();
    }
}

// fuzz_inbound_line: the same out-of-range number escaped parse_json (every JSON input of the
// library) as nlohmann::json::out_of_range instead of Error(kInvalidArgument).
TEST(FuzzFindings, InboundLineWithAnOutOfRangeNumberIsInvalid) {
    try {
        (void)propos::parse_inbound_line(R"({"id":"a","text":"hi","n":6666666660000000.1e999})", "inbox.jsonl:3");
        ADD_FAILURE() << "accepted";
    } catch (const propos::Error& e) {
        EXPECT_EQ(e.code(), propos::ErrorCode::kInvalidArgument);
        EXPECT_NE(std::string(e.what()).find("inbox.jsonl:3"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("out of range"), std::string::npos) << e.what();
    }
}

// fuzz_rule_pack (CI of stop 30): the same out-of-range number escaped parse_rule_pack, which caught
// only nlohmann's parse_error, so `propos compliance --rules FILE` ended in std::terminate. Read from
// there: the onboarding checklist file, a cassette and an OpenAI tool call's arguments caught the
// same narrow exception.
TEST(FuzzFindings, RulePackChecklistCassetteAndToolArgumentsWithAnOutOfRangeNumberAreClearErrors) {
    propos::testing::expect_error([] { (void)propos::parse_rule_pack(R"({"jurisdiction":1e999})", "big.json"); },
                                  propos::ErrorCode::kInvalidArgument, "big.json: not valid JSON");
    propos::testing::TempDir dir;
    {
        std::ofstream(dir.file("checklist.json")) << R"({"items":[{"due_days":1e999}]})";
        std::ofstream(dir.file("cassette.json")) << R"({"version":1e999,"entries":[]})";
    }
    propos::testing::expect_error([&] { (void)propos::load_checklist_file(dir.file("checklist.json")); },
                                  propos::ErrorCode::kInvalidArgument, "checklist.json: not valid JSON");
    propos::testing::expect_error([&] { (void)propos::llm::ScriptedProvider::load(dir.file("cassette.json")); },
                                  propos::ErrorCode::kCorrupt, "a number out of range");

    const std::string reply = R"({"id":"c","model":"m","choices":[{"index":0,"finish_reason":"tool_calls",
        "message":{"role":"assistant","content":null,"tool_calls":[{"id":"t1","type":"function",
        "function":{"name":"create_work_order","arguments":"{\"nte\": 1e999}"}}]}}]})";
    propos::llm::OpenAiOptions options;
    options.api_key = "sk-test";
    options.http = std::make_shared<propos::fuzz::CannedHttp>(200, reply);
    options.retry = propos::fuzz::no_retry();
    options.sleeper = propos::fuzz::no_sleep();
    propos::llm::OpenAiCompatibleProvider provider(options);
    propos::llm::LlmRequest request;
    request.messages.push_back(propos::llm::ChatMessage::user("hi"));
    const auto r = provider.complete(request);
    const auto calls = r.tool_uses();
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].input, propos::Json::object());
    EXPECT_NE(calls[0].input_error.find("a number too large"), std::string::npos) << calls[0].input_error;
}

// Found by reading the code after the SendGrid finding (the fuzz target signs with a valid header):
// a Buildium timestamp header past 2262 overflowed the same conversion; now it is malformed (403).
TEST(FuzzFindings, BuildiumTimestampHeaderOutOfRangeIsRefused) {
    propos::pms::BuildiumOptions options;
    options.client_id = "id";
    options.client_secret = "secret";
    options.webhook_secret = "whsec";
    options.retry = propos::fuzz::no_retry();
    options.sleeper = propos::fuzz::no_sleep();
    propos::pms::BuildiumAdapter adapter(std::make_shared<propos::fuzz::CannedHttp>(200, "{}"), options);
    const std::string body = R"({"EventName":"WorkOrder.Updated","AccountId":1,"WorkOrderId":2})";
    const std::string ts = "99999999999";
    const auto r = adapter.handle_webhook(
        "POST", "https://hooks.example.com/buildium",
        {{"Content-Type", "application/json"}, {"x-buildium-timestamp", ts},
         {"x-buildium-signature", propos::pms::compute_buildium_signature("whsec", ts, body)}},
        body, propos::fuzz::fixed_now());
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.http_status, 403);
    EXPECT_NE(r.dead_letter_reason.find("malformed webhook timestamp"), std::string::npos) << r.dead_letter_reason;
}
