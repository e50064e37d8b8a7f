// ScriptedProvider: replay by request hash, record to an atomically written cassette, sequences.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "propos/llm/rules.hpp"
#include "propos/llm/scripted.hpp"
#include "test_util.hpp"

namespace propos::llm {
namespace {
using propos::testing::expect_error;
using propos::testing::TempDir;

LlmRequest request_for(const std::string& text) {
    LlmRequest r;
    r.system = {{"You are a test.", true}};
    r.messages = {ChatMessage::user(text)};
    r.tools = {ToolDefinition{"note", "Write a note.", {{"type", "object"}}}};
    return r;
}

LlmResponse reply(const std::string& text, const std::string& provider = "anthropic") {
    LlmResponse r;
    r.id = "msg_" + text;
    r.request_id = "req_" + text;
    r.provider = provider;
    r.model = "claude-sonnet-4-5";
    r.content = {ContentBlock::make_text(text),
                 ContentBlock::tool_use("toolu_1", "note", {{"text", text}})};
    r.stop_reason = StopReason::kToolUse;
    r.usage = {10, 5, 2, 1};
    r.latency = Millis(321);
    return r;
}

void write_file(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

std::vector<std::string> files_in(const std::filesystem::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

TEST(ScriptedReplayTest, ReturnsTheRecordedResponseForTheRequestHash) {
    ScriptedProvider p;
    EXPECT_EQ(p.mode(), ScriptedProvider::Mode::kReplay);
    p.add(request_for("a"), reply("A"));
    p.add(request_hash(request_for("b")), reply("B"));
    EXPECT_EQ(p.size(), 2u);
    EXPECT_TRUE(p.contains(request_hash(request_for("a"))));

    auto got = p.complete(request_for("b"));
    EXPECT_EQ(got.provider, "scripted");
    got.provider = "anthropic";
    EXPECT_EQ(got, reply("B"));
    EXPECT_EQ(p.complete(request_for("a")).text(), "A");
    // Metadata is not part of the hash.
    LlmRequest with_meta = request_for("a");
    with_meta.metadata = {{"run_id", "r1"}};
    EXPECT_EQ(p.complete(with_meta).text(), "A");
    EXPECT_EQ(p.requests().size(), 3u);
    EXPECT_EQ(p.name(), "scripted");
    // Long replays can stop keeping the requests; replies are the same.
    p.keep_requests(false);
    EXPECT_TRUE(p.requests().empty());
    EXPECT_EQ(p.complete(request_for("b")).text(), "B");
    EXPECT_TRUE(p.requests().empty());
    p.keep_requests(true);
    EXPECT_EQ(p.complete(request_for("a")).text(), "A");
    EXPECT_EQ(p.requests().size(), 1u);
}

TEST(ScriptedReplayTest, AMissFailsLoudlyNamingTheHashAndEntryCount) {
    ScriptedProvider p;
    p.add(request_for("a"), reply("A"));
    const auto hash = request_hash(request_for("changed prompt"));
    try {
        p.complete(request_for("changed prompt"));
        FAIL() << "expected a miss";
    } catch (const ProviderError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kNotFound);
        EXPECT_FALSE(e.retryable());  // a fallback chain must not hide it
        const std::string msg = e.what();
        EXPECT_NE(msg.find(hash), std::string::npos) << msg;
        EXPECT_NE(msg.find("has 1 entries"), std::string::npos) << msg;
    }
}

TEST(ScriptedRecordTest, RecordsSavesAtomicallyAndReplaysExactly) {
    TempDir dir;
    const std::string path = dir.file("cassette.json");
    auto inner =
        std::shared_ptr<ScriptedProvider>(ScriptedProvider::sequence({reply("one"), reply("two")}));
    {
        auto rec = ScriptedProvider::record(inner, path);
        EXPECT_EQ(rec->mode(), ScriptedProvider::Mode::kRecord);
        EXPECT_EQ(rec->complete(request_for("first")).text(), "one");
        EXPECT_TRUE(std::filesystem::exists(path));  // written after each new entry
        EXPECT_EQ(rec->complete(request_for("second")).text(), "two");
        EXPECT_EQ(rec->size(), 2u);
    }
    EXPECT_EQ(files_in(dir.path()),
              std::vector<std::string>{"cassette.json"});  // no temp files left

    auto replay = ScriptedProvider::load(path);
    EXPECT_EQ(replay->size(), 2u);
    auto first = replay->complete(request_for("first"));
    EXPECT_EQ(first.provider, "scripted");
    first.provider = "anthropic";
    EXPECT_EQ(first, reply("one"));  // every field round-trips through the file
    EXPECT_EQ(replay->complete(request_for("second")).text(), "two");
    expect_error([&] { replay->complete(request_for("third")); }, ErrorCode::kNotFound, path);

    // The file is readable JSON with the request kept for diffing.
    std::ifstream in(path);
    const Json j = Json::parse(in);
    EXPECT_EQ(j["version"], 1);
    ASSERT_EQ(j["entries"].size(), 2u);
    EXPECT_TRUE(j["entries"][0].contains("request"));
}

TEST(ScriptedRecordTest, RecordingAddsToAnExistingCassette) {
    TempDir dir;
    const std::string path = dir.file("c.json");
    {
        ScriptedProvider p;
        p.add(request_for("old"), reply("OLD"));
        p.save(path);
    }
    auto inner = std::shared_ptr<ScriptedProvider>(ScriptedProvider::sequence({reply("NEW")}));
    auto rec = ScriptedProvider::record(inner, path);
    EXPECT_EQ(rec->size(), 1u);
    rec->complete(request_for("new"));
    EXPECT_EQ(ScriptedProvider::load(path)->size(), 2u);
}

TEST(ScriptedRecordTest, ErrorsOfTheWrappedProviderPropagateAndAreNotRecorded) {
    auto inner = std::shared_ptr<ScriptedProvider>(ScriptedProvider::sequence());
    inner->push_error(
        ProviderError(ErrorCode::kUnavailable, "overloaded", 529, "overloaded_error", "req_1"));
    auto rec = ScriptedProvider::record(inner);
    EXPECT_THROW(rec->complete(request_for("x")), ProviderError);
    EXPECT_EQ(rec->size(), 0u);
    expect_error([] { ScriptedProvider::record(nullptr); }, ErrorCode::kInvalidArgument, "record");
}

TEST(ScriptedRecordTest, RecordsARulesProviderDeterministically) {
    auto rules = std::make_shared<RulesProvider>(
        std::vector<Rule>{{"echo", nullptr, [](const LlmRequest& r) {
                               return std::vector<ContentBlock>{
                                   ContentBlock::make_text("echo: " + last_user_text(r))};
                           }}});
    auto rec = ScriptedProvider::record(rules);
    const auto live = rec->complete(request_for("hello"));
    ScriptedProvider replay;
    replay.add(request_for("hello"), live);
    EXPECT_EQ(replay.complete(request_for("hello")).text(), "echo: hello");
    EXPECT_EQ(rec->default_model(), "rules");
}

TEST(ScriptedCassetteTest, LoadFailuresNameThePathAndProblem) {
    TempDir dir;
    expect_error([&] { ScriptedProvider::load(dir.file("missing.json")); }, ErrorCode::kNotFound,
                 "cassette file not found");
    write_file(dir.file("bad.json"), "{\"version\":1,\"entries\":[");
    expect_error([&] { ScriptedProvider::load(dir.file("bad.json")); }, ErrorCode::kCorrupt,
                 "not valid JSON");
    write_file(dir.file("v2.json"), R"({"version":2,"entries":[]})");
    expect_error([&] { ScriptedProvider::load(dir.file("v2.json")); }, ErrorCode::kCorrupt,
                 "version 2");
    write_file(dir.file("noentries.json"), R"({"version":1})");
    expect_error([&] { ScriptedProvider::load(dir.file("noentries.json")); }, ErrorCode::kCorrupt,
                 "entries");
    write_file(
        dir.file("entry.json"),
        R"({"version":1,"entries":[{"request_hash":"h","response":{"content":[{"type":"video"}]}}]})");
    expect_error([&] { ScriptedProvider::load(dir.file("entry.json")); }, ErrorCode::kCorrupt,
                 "entry 0");
}

TEST(ScriptedCassetteTest, SaveFailureIsAnIoErrorAndLeavesTheOldFile) {
    TempDir dir;
    ScriptedProvider p;
    p.add(request_for("a"), reply("A"));
    expect_error([&] { p.save(dir.file("no/such/dir/c.json")); }, ErrorCode::kIo,
                 "cannot write cassette");

    const std::string path = dir.file("c.json");
    p.save(path);
    const auto before = std::filesystem::file_size(path);
    p.add(request_for("b"), reply("B"));
    p.save(path);
    EXPECT_GT(std::filesystem::file_size(path), before);
    EXPECT_EQ(files_in(dir.path()), std::vector<std::string>{"c.json"});
}

TEST(ScriptedSequenceTest, ReturnsQueuedRepliesAndErrorsInOrder) {
    auto p = ScriptedProvider::sequence({reply("1")});
    LlmResponse plain;
    plain.content = {ContentBlock::make_text("2")};
    p->push(plain);
    p->push_error(
        ProviderError(ErrorCode::kUnavailable, "overloaded", 529, "overloaded_error", "req_9"));
    p->push(reply("4"));
    EXPECT_EQ(p->remaining(), 4u);

    const auto a = p->complete(request_for("anything"));
    EXPECT_EQ(a.text(), "1");
    EXPECT_EQ(a.provider, "anthropic");  // a queued provider name is kept
    const auto b = p->complete(request_for("else"));
    EXPECT_EQ(b.text(), "2");
    EXPECT_EQ(b.provider, "scripted");
    try {
        p->complete(request_for("x"));
        FAIL();
    } catch (const ProviderError& e) {
        EXPECT_EQ(e.http_status(), 529);
        EXPECT_EQ(e.error_type(), "overloaded_error");
        EXPECT_EQ(e.request_id(), "req_9");
    }
    EXPECT_EQ(p->complete(request_for("y")).text(), "4");
    expect_error([&] { p->complete(request_for("z")); }, ErrorCode::kFailedPrecondition,
                 "after 4 response(s)");
    const auto seen = p->requests();
    ASSERT_EQ(seen.size(), 5u);
    EXPECT_EQ(seen[1].messages[0].text(), "else");
}

TEST(ScriptedReplayTest, ConcurrentReplayIsSafe) {
    ScriptedProvider p;
    for (int i = 0; i < 8; ++i) p.add(request_for(std::to_string(i)), reply(std::to_string(i)));
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                const auto k = std::to_string((i + t) % 8);
                if (p.complete(request_for(k)).text() == k) ++ok;
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok.load(), 200);
}

}  // namespace
}  // namespace propos::llm
