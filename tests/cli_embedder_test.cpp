// The CLI's embedder options (issue 20): --embedder, --embed-base-url, --embed-model,
// --embed-dimensions, the prefixes and input types; clear errors for bad values; a change of
// model re-embeds an organization's history with progress on stderr (the hashing embedder at two
// dimensions, and an OpenAI-compatible fake on loopback).
#include <gtest/gtest.h>

#include <httplib.h>

#include <cstdlib>
#include <mutex>
#include <thread>

// Built without the examples (PROPOS_BUILD_EXAMPLES=OFF) there is no binary to run.
#ifdef PROPOS_CLI_PATH
#include "cli_runner.hpp"
#include "propos/core/crypto.hpp"

namespace propos {
namespace {
using propos::testing::TempDir;
using Result = propos::testing::CliResult;
using namespace std::chrono_literals;

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

// A loopback /v1/embeddings server answering `dim`-d vectors derived from each input's hash (the
// same text always gets the same vector), remembering every input and input_type it was sent.
class FakeEmbeddings {
public:
    explicit FakeEmbeddings(std::size_t dim) : dim_(dim) {
        server_.Post("/v1/embeddings", [this](const httplib::Request& req, httplib::Response& res) {
            const Json body = Json::parse(req.body);
            Json data = Json::array();
            std::lock_guard lock(mu_);
            for (std::size_t i = 0; i < body["input"].size(); ++i) {
                const auto text = body["input"][i].get<std::string>();
                inputs_.push_back(text);
                types_.push_back(body.value("input_type", ""));
                const auto h = sha256_hex(text);
                std::vector<float> v(dim_);
                for (std::size_t k = 0; k < dim_; ++k)
                    v[k] = static_cast<float>(h[k % h.size()] - 'a');
                data.push_back({{"object", "embedding"}, {"index", i}, {"embedding", v}});
            }
            res.set_content(Json{{"object", "list"}, {"data", data}}.dump(), "application/json");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(1ms);
    }
    ~FakeEmbeddings() {
        server_.stop();
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    std::vector<std::string> inputs() const {
        std::lock_guard lock(mu_);
        return inputs_;
    }
    std::vector<std::string> types() const {
        std::lock_guard lock(mu_);
        return types_;
    }

private:
    std::size_t dim_;
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    mutable std::mutex mu_;
    std::vector<std::string> inputs_, types_;
};

class CliEmbedderTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto r = propos::testing::demo_database(dir, db());
        ASSERT_EQ(r.status, 0) << r.err;
        unsetenv("OPENAI_API_KEY");
    }
    Result run(const std::string& args) { return propos::testing::run_cli(dir, args); }
    std::string db() const { return dir.file("demo.db"); }
    std::string search(const std::string& global, const std::string& query = "leak") {
        return global + " search --db '" + db() + "' --org harbor --json '" + query + "'";
    }
    TempDir dir;
};

TEST_F(CliEmbedderTest, BadValuesGetClearErrors) {
    struct Case {
        std::string args;
        int status;
        std::string fragment;
    };
    const std::vector<Case> cases = {
        {"--embedder bogus", 2, "--embedder"},
        {"--embed-dimensions 0", 2, "--embed-dimensions"},
        {"--embed-dimensions many", 2, "--embed-dimensions"},
        {"--embed-base-url http://127.0.0.1:9", 1, "--embed-base-url applies to --embedder openai"},
        {"--embed-model e5", 1, "--embed-model applies to --embedder openai"},
        {"--embed-query-prefix 'query: '", 1, "--embed-query-prefix applies"},
        {"--embedder openai --embed-base-url ftp://host", 1, "not an http:// or https:// URL"},
        {"--embedder openai", 1, "set OPENAI_API_KEY"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.args);
        const auto r = run(search(c.args));
        EXPECT_EQ(r.status, c.status) << r.out << r.err;
        EXPECT_TRUE(contains(r.err, c.fragment)) << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
    }
    // Nothing stored was touched: the default embedder still searches without re-embedding.
    const auto r = run(search(""));
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_FALSE(contains(r.err, "re-embedding")) << r.err;
}

TEST_F(CliEmbedderTest, AChangeOfModelReembedsWithProgressInsteadOfFailing) {
    auto r = run(search("--embed-dimensions 256", "water leaking under the kitchen sink"));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "was embedded by 'propos-hash-v1/384' (384-d); re-embedding its "
                                "history with 'propos-hash-v1/256' (256-d)"))
        << r.err;
    EXPECT_TRUE(contains(r.err, "documents embedded")) << r.err;
    EXPECT_TRUE(contains(r.err, "propos: re-embedded ")) << r.err;
    const auto hits = parse_json(r.out, "search output");
    ASSERT_FALSE(hits.empty()) << r.out;
    EXPECT_TRUE(contains(hits[0]["text"].get<std::string>(), "sink")) << r.out;

    // The same model again: nothing to re-embed.
    r = run(search("--embed-dimensions 256"));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_FALSE(contains(r.err, "re-embedding")) << r.err;

    // `run` (a Coordinator) with the default model re-embeds every organization back.
    r = run("run --db '" + db() + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "re-embedding its history with 'propos-hash-v1/384'")) << r.err;
    r = run(search(""));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_FALSE(contains(r.err, "re-embedding")) << r.err;
    // --reindex keeps working.
    r = run("search --db '" + db() + "' --org harbor --reindex leak");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "Indexed ")) << r.out;
}

TEST_F(CliEmbedderTest, AnOpenAiCompatibleServerGetsThePrefixesAndInputTypes) {
    FakeEmbeddings server(16);
    const std::string global = "--embedder openai --embed-base-url " + server.url() +
                               " --embed-model fake-e5 --embed-dimensions 16"
                               " --embed-query-prefix 'query: ' --embed-document-prefix 'passage: '"
                               " --embed-query-type query --embed-document-type passage";
    auto r = run(search(global, "leak under the sink"));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "re-embedding its history with 'openai:fake-e5/16 [query:\"query: \""))
        << r.err;
    const auto inputs = server.inputs();
    const auto types = server.types();
    ASSERT_GT(inputs.size(), 10u);
    std::size_t queries = 0;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (inputs[i] == "query: leak under the sink") {
            ++queries;
            EXPECT_EQ(types[i], "query");
        } else {
            EXPECT_EQ(inputs[i].rfind("passage: ", 0), 0u) << inputs[i];
            EXPECT_EQ(types[i], "passage");
        }
    }
    EXPECT_EQ(queries, 1u);
    // The same settings again: the index is current.
    r = run(search(global));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_FALSE(contains(r.err, "re-embedding")) << r.err;
    // Another prefix is another model.
    r = run(search("--embedder openai --embed-base-url " + server.url() +
                   " --embed-model fake-e5 --embed-dimensions 16"));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "re-embedding its history with 'openai:fake-e5/16'")) << r.err;
}

}  // namespace
}  // namespace propos
#endif
