// Embedders: the built-in hashing embedder (deterministic, normalized, domain vocabulary, any text)
// and the OpenAI-compatible client against a loopback /v1/embeddings server (request format, batch
// splitting, retries, error mapping, malformed replies).
#include <gtest/gtest.h>
#include <httplib.h>

#include <cmath>
#include <functional>
#include <mutex>
#include <numeric>
#include <thread>

#include "propos/search/embedder.hpp"
#include "test_util.hpp"

namespace propos {
namespace {
using propos::testing::expect_error;
using namespace std::chrono_literals;

float norm(const std::vector<float>& v) {
    return std::sqrt(std::inner_product(v.begin(), v.end(), v.begin(), 0.0f));
}

float sim(Embedder& e, const std::string& a, const std::string& b) {
    const auto v = e.embed({a, b});
    return cosine_similarity(v[0], v[1]);
}

// ---- hashing embedder ----

TEST(HashingEmbedderTest, DefaultsTo384DimensionsAndNamesItsModel) {
    auto e = make_hashing_embedder();
    EXPECT_EQ(e->dimension(), 384u);
    EXPECT_EQ(e->model(), "propos-hash-v1/384");
    EXPECT_EQ(make_hashing_embedder({.dimension = 64})->model(), "propos-hash-v1/64");
    EXPECT_EQ(make_hashing_embedder({.domain_vocabulary = false})->model(),
              "propos-hash-v1/384/plain");
    expect_error([] { make_hashing_embedder({.dimension = 0}); }, ErrorCode::kInvalidArgument,
                 "dimension is 0");
}

TEST(HashingEmbedderTest, IsDeterministicAndNormalized) {
    auto a = make_hashing_embedder();
    auto b = make_hashing_embedder();
    const std::vector<std::string> texts = {"The kitchen faucet is dripping again",
                                            "No heat in apartment 4B since last night", "x"};
    const auto va = a->embed(texts);
    const auto vb = b->embed(texts);
    ASSERT_EQ(va.size(), 3u);
    EXPECT_EQ(va, vb);               // same bits from another instance
    EXPECT_EQ(va, a->embed(texts));  // and on a second call
    for (const auto& v : va) {
        ASSERT_EQ(v.size(), 384u);
        EXPECT_NEAR(norm(v), 1.0f, 1e-5f);
    }
    // Batch order is kept: each vector equals the text's own embedding.
    EXPECT_EQ(va[1], a->embed({texts[1]})[0]);
    EXPECT_TRUE(a->embed({}).empty());
}

TEST(HashingEmbedderTest, LeakSynonymsAreNeighboursAndUnrelatedTroubleIsNot) {
    auto e = make_hashing_embedder();
    const std::string drip = "drip";
    const std::string leak = "leak";
    const std::string ceiling = "water coming through the ceiling";
    const std::string oven = "the oven won't heat";
    const float drip_leak = sim(*e, drip, leak);
    const float drip_ceiling = sim(*e, drip, ceiling);
    const float leak_ceiling = sim(*e, leak, ceiling);
    for (const auto& wet : {drip, leak, ceiling}) {
        const float to_oven = sim(*e, wet, oven);
        EXPECT_LT(to_oven, drip_leak) << wet;
        EXPECT_LT(to_oven, drip_ceiling) << wet;
        EXPECT_LT(to_oven, leak_ceiling) << wet;
        EXPECT_LT(to_oven, 0.15f) << wet;
    }
    EXPECT_GT(drip_leak, 0.3f);
    EXPECT_GT(drip_ceiling, 0.2f);
    EXPECT_GT(leak_ceiling, 0.2f);
    // In sentences too, and inflections meet ("leaking" / "leaks").
    EXPECT_GT(sim(*e, "my bathroom sink is leaking", "leaks under the sink"), 0.4f);
    EXPECT_GT(sim(*e, "there's a drip from the bathroom ceiling", "water stain on the ceiling"),
              sim(*e, "there's a drip from the bathroom ceiling", "the oven won't heat"));
}

TEST(HashingEmbedderTest, TheVocabularyIsWhatBringsSynonymsTogether) {
    auto plain = make_hashing_embedder({.domain_vocabulary = false});
    auto domain = make_hashing_embedder();
    EXPECT_GT(sim(*domain, "drip", "water coming through the ceiling"),
              sim(*plain, "drip", "water coming through the ceiling") + 0.2f);
    // Without it, texts still meet on shared words and character n-grams.
    EXPECT_GT(sim(*plain, "leaking faucet", "faucet leaks"), 0.3f);
}

TEST(HashingEmbedderTest, EmptyAndWordlessTextsGiveTheZeroVector) {
    auto e = make_hashing_embedder();
    const auto v = e->embed({"", "   \t\n", "!!! ??? ...", "the and of"});
    ASSERT_EQ(v.size(), 4u);
    for (std::size_t i = 0; i < v.size(); ++i) {  // stop words carry no topic: dropped
        ASSERT_EQ(v[i].size(), 384u);
        EXPECT_EQ(norm(v[i]), 0.0f) << i;
    }
    EXPECT_EQ(cosine_similarity(v[0], e->embed({"leak"})[0]), 0.0f);
    // "no", "not", "off", "out" and "up" are not stop words: "no heat" is not "heat".
    EXPECT_LT(sim(*e, "no heat", "heat"), 0.9f);
}

TEST(HashingEmbedderTest, AnyTextIsEmbeddedWithoutCrashing) {
    auto e = make_hashing_embedder();
    const std::vector<std::string> texts = {
        "Il y a une fuite d'eau au plafond de la salle de bain",  // French
        "Hay una gotera en el techo, ¡ayuda! Ññ",                 // Spanish
        "Из потолка течёт вода",                                  // Russian
        "天花板漏水了，请尽快派人来",                             // Chinese
        "トイレが詰まりました",                                   // Japanese
        "مياه تتسرب من السقف",                                    // Arabic
        "🚿💧💧 help 🙏",                                         // emoji
        std::string("broken \xff\xfe utf-8 \xc3"),                // invalid UTF-8
        std::string("nul\0inside", 10),                           // embedded NUL
        std::string(100000, 'a'),                                 // one huge word
        "café naïve façade",                                      // accents
    };
    const auto v = e->embed(texts);
    ASSERT_EQ(v.size(), texts.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        ASSERT_EQ(v[i].size(), 384u) << i;
        for (float x : v[i]) ASSERT_TRUE(std::isfinite(x)) << i;
        EXPECT_NEAR(norm(v[i]), 1.0f, 1e-5f) << i;
    }
    // The same foreign text twice is still its own nearest neighbour.
    EXPECT_NEAR(sim(*e, texts[3], texts[3]), 1.0f, 1e-5f);
    EXPECT_LT(sim(*e, texts[3], texts[0]), 0.5f);
}

TEST(HashingEmbedderTest, IsSafeToShareBetweenThreads) {
    auto e = make_hashing_embedder();
    const auto expected = e->embed({"the radiator in the bedroom is cold"})[0];
    std::vector<std::thread> threads;
    std::atomic<int> mismatches{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                if (e->embed({"the radiator in the bedroom is cold"})[0] != expected) ++mismatches;
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(mismatches.load(), 0);
}

TEST(CosineSimilarityTest, LengthMismatchThrowsAndZeroVectorsScoreZero) {
    const std::vector<float> a = {3, 4}, b = {6, 8}, zero = {0, 0}, c = {1, 2, 3};
    EXPECT_NEAR(cosine_similarity(a, b), 1.0f, 1e-6f);
    EXPECT_EQ(cosine_similarity(a, zero), 0.0f);
    expect_error([&] { cosine_similarity(a, c); }, ErrorCode::kInvalidArgument,
                 "dimension 2 and 3");
}

// ---- OpenAI-compatible embedder ----

// A loopback /v1/embeddings server. Each request is answered by `respond` (set by the test) given
// the parsed request body and its 0-based number; by default it answers like OpenAI, with vectors
// whose first value is the input's length and whose second is its position in the request.
class EmbeddingsServer {
public:
    struct Reply {
        int status = 200;
        std::string body;
        httplib::Headers headers;
    };
    struct Seen {
        std::string path;
        httplib::Headers headers;
        Json body;
    };
    using Responder = std::function<Reply(const Json& body, int call)>;

    EmbeddingsServer() {
        server_.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
            Json body = Json::parse(req.body, nullptr, false);
            Responder respond;
            int call = 0;
            {
                std::lock_guard lock(mu_);
                seen_.push_back(Seen{req.path, req.headers, body});
                call = static_cast<int>(seen_.size()) - 1;
                respond = respond_;
            }
            const Reply r = respond ? respond(body, call) : ok(body);
            res.status = r.status;
            for (const auto& [k, v] : r.headers) res.set_header(k, v);
            res.set_content(r.body, "application/json");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(1ms);
    }
    ~EmbeddingsServer() {
        server_.stop();
        thread_.join();
    }
    EmbeddingsServer(const EmbeddingsServer&) = delete;
    EmbeddingsServer& operator=(const EmbeddingsServer&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    void respond(Responder r) {
        std::lock_guard lock(mu_);
        respond_ = std::move(r);
    }
    std::vector<Seen> seen() const {
        std::lock_guard lock(mu_);
        return seen_;
    }

    // A well-formed answer to `body`, `dim` values per vector (default: the requested dimensions).
    static Reply ok(const Json& body, std::size_t dim = 0) {
        if (dim == 0) dim = body.value("dimensions", std::size_t{4});
        Json data = Json::array();
        const auto& input = body.at("input");
        for (std::size_t i = 0; i < input.size(); ++i) {
            std::vector<float> v(dim, 0.5f);
            v[0] = static_cast<float>(input[i].get<std::string>().size());
            if (dim > 1) v[1] = static_cast<float>(i);
            data.push_back({{"object", "embedding"}, {"index", i}, {"embedding", v}});
        }
        return Reply{
            200,
            Json{{"object", "list"}, {"data", data}, {"model", body.value("model", "")}}.dump(),
            {}};
    }

private:
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    mutable std::mutex mu_;
    std::vector<Seen> seen_;
    Responder respond_;
};

class OpenAiEmbedderTest : public ::testing::Test {
protected:
    std::unique_ptr<Embedder> make(OpenAiEmbedderOptions o = {}) {
        if (o.base_url == OpenAiEmbedderOptions{}.base_url) o.base_url = server.url();
        o.dimensions = o.dimensions == 384 ? 4 : o.dimensions;
        o.retry.base_delay = Millis(1);
        return make_openai_embedder(nullptr, o, [this](Millis d) {
            std::lock_guard lock(mu);
            sleeps.push_back(d);
        });
    }
    static std::string error_body(const std::string& message) {
        return Json{{"error", {{"message", message}, {"type", "invalid_request_error"}}}}.dump();
    }
    EmbeddingsServer server;
    std::mutex mu;
    std::vector<Millis> sleeps;
};

TEST_F(OpenAiEmbedderTest, SendsTheOpenAiRequestFormat) {
    auto e = make({.api_key = "sk-test-secret", .model = "text-embedding-3-small"});
    EXPECT_EQ(e->dimension(), 4u);
    EXPECT_EQ(e->model(), "openai:text-embedding-3-small/4");
    const auto v = e->embed({"leak under the sink", "", "no heat"});
    ASSERT_EQ(v.size(), 3u);
    EXPECT_EQ(v[0], (std::vector<float>{19, 0, 0.5f, 0.5f}));
    EXPECT_EQ(v[1], (std::vector<float>(4, 0.0f)));  // a blank is not sent: the zero vector
    EXPECT_EQ(v[2][0], 7.0f);
    const auto seen = server.seen();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].path, "/v1/embeddings");
    EXPECT_EQ(seen[0].headers.find("Authorization")->second, "Bearer sk-test-secret");
    EXPECT_EQ(seen[0].headers.find("Content-Type")->second, "application/json");
    const Json& body = seen[0].body;
    EXPECT_EQ(body["model"], "text-embedding-3-small");
    EXPECT_EQ(body["input"], (Json{"leak under the sink", "no heat"}));  // "" is refused by the API
    EXPECT_FALSE(body.contains("input_type"));
    EXPECT_EQ(body["dimensions"], 4);
    EXPECT_EQ(body["encoding_format"], "float");
    EXPECT_TRUE(e->embed({}).empty());
    EXPECT_EQ(server.seen().size(), 1u);  // an empty batch sends nothing
}

TEST_F(OpenAiEmbedderTest, BaseUrlWithV1AndServersWithoutDimensions) {
    auto e = make({.base_url = server.url() + "/v1/", .send_dimensions = false});
    server.respond([](const Json& b, int) { return EmbeddingsServer::ok(b, 4); });
    ASSERT_EQ(e->embed({"a"}).size(), 1u);
    const auto seen = server.seen();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].path, "/v1/embeddings");
    EXPECT_FALSE(seen[0].body.contains("dimensions"));
    EXPECT_EQ(seen[0].headers.count("Authorization"), 0u);  // no key, no header
}

TEST_F(OpenAiEmbedderTest, SplitsBatchesAtMaxBatchAndKeepsTheOrder) {
    auto e = make({.max_batch = 3});
    std::vector<std::string> texts;
    for (int i = 0; i < 8; ++i) texts.push_back(std::string(static_cast<std::size_t>(i + 1), 'w'));
    const auto v = e->embed(texts);
    ASSERT_EQ(v.size(), 8u);
    for (std::size_t i = 0; i < v.size(); ++i) EXPECT_EQ(v[i][0], static_cast<float>(i + 1)) << i;
    const auto seen = server.seen();
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[0].body["input"].size(), 3u);
    EXPECT_EQ(seen[1].body["input"].size(), 3u);
    EXPECT_EQ(seen[2].body["input"].size(), 2u);
    EXPECT_EQ(seen[2].body["input"][1], "wwwwwwww");
}

TEST_F(OpenAiEmbedderTest, RepliesInAnotherOrderAreSortedByIndex) {
    auto e = make();
    server.respond([](const Json& b, int) {
        auto r = EmbeddingsServer::ok(b);
        Json j = Json::parse(r.body);
        std::reverse(j["data"].begin(), j["data"].end());
        r.body = j.dump();
        return r;
    });
    const auto v = e->embed({"a", "bb", "ccc"});
    EXPECT_EQ(v[0][0], 1.0f);
    EXPECT_EQ(v[1][0], 2.0f);
    EXPECT_EQ(v[2][0], 3.0f);
}

TEST_F(OpenAiEmbedderTest, MaxBatchIsValidated) {
    expect_error([&] { make({.max_batch = 0}); }, ErrorCode::kInvalidArgument, "max_batch");
    expect_error([&] { make({.max_batch = 2049}); }, ErrorCode::kInvalidArgument, "max_batch");
    expect_error([&] { make({.model = ""}); }, ErrorCode::kInvalidArgument, "model is empty");
    expect_error([&] { make({.dimensions = 0}); }, ErrorCode::kInvalidArgument, "dimensions is 0");
    EXPECT_NO_THROW(make({.max_batch = 2048}));
}

TEST_F(OpenAiEmbedderTest, RetriesRateLimitsAndServerErrorsHonouringRetryAfter) {
    auto e = make();
    server.respond([](const Json& b, int call) -> EmbeddingsServer::Reply {
        if (call == 0) return {429, error_body("Rate limit reached"), {{"retry-after", "2"}}};
        if (call == 1) return {503, error_body("overloaded"), {{"retry-after-ms", "150"}}};
        return EmbeddingsServer::ok(b);
    });
    const auto v = e->embed({"leak"});
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(server.seen().size(), 3u);
    ASSERT_EQ(sleeps.size(), 2u);
    EXPECT_EQ(sleeps[0], Millis(2000));
    EXPECT_EQ(sleeps[1], Millis(150));
}

TEST_F(OpenAiEmbedderTest, PersistentServerErrorsBecomeUnavailable) {
    OpenAiEmbedderOptions o;
    o.retry.max_retries = 3;
    auto e = make(o);
    server.respond([](const Json&, int) -> EmbeddingsServer::Reply {
        return {500, error_body("internal"), {}};
    });
    expect_error([&] { e->embed({"leak"}); }, ErrorCode::kUnavailable, "failed after 4 attempt(s)");
    EXPECT_EQ(server.seen().size(), 4u);
    EXPECT_EQ(sleeps.size(), 3u);
}

TEST_F(OpenAiEmbedderTest, RejectedKeysAndBadRequestsAreMappedWithoutRetry) {
    auto e = make({.api_key = "sk-do-not-print"});
    server.respond([](const Json&, int) -> EmbeddingsServer::Reply {
        return {401, error_body("Incorrect API key provided"), {}};
    });
    try {
        e->embed({"leak"});
        ADD_FAILURE() << "no error";
    } catch (const Error& err) {
        EXPECT_EQ(err.code(), ErrorCode::kPermissionDenied);
        EXPECT_NE(std::string(err.what()).find("Incorrect API key provided"), std::string::npos)
            << err.what();
        EXPECT_EQ(std::string(err.what()).find("sk-do-not-print"), std::string::npos) << err.what();
    }
    EXPECT_EQ(server.seen().size(), 1u);

    server.respond([](const Json&, int) -> EmbeddingsServer::Reply {
        return {400, error_body("This model does not support specifying dimensions."), {}};
    });
    try {
        e->embed({"the secret tenant text"});
        ADD_FAILURE() << "no error";
    } catch (const Error& err) {
        EXPECT_EQ(err.code(), ErrorCode::kInvalidArgument);
        EXPECT_NE(std::string(err.what()).find("does not support specifying dimensions"),
                  std::string::npos);
        EXPECT_EQ(std::string(err.what()).find("secret tenant text"), std::string::npos)
            << err.what();
    }
    EXPECT_EQ(server.seen().size(), 2u);
    EXPECT_TRUE(sleeps.empty());
}

TEST_F(OpenAiEmbedderTest, MalformedRepliesAreRejected) {
    auto e = make();
    struct Case {
        const char* name;
        std::function<std::string(const Json&)> body;
        const char* fragment;
    };
    auto mutate = [](std::function<void(Json&)> f) {
        return [f](const Json& b) {
            Json j = Json::parse(EmbeddingsServer::ok(b).body);
            f(j);
            return j.dump();
        };
    };
    const std::vector<Case> cases = {
        {"not json", [](const Json&) { return std::string("<html>"); }, "not JSON"},
        {"no data", [](const Json&) { return std::string(R"({"object":"list"})"); },
         "without a \"data\" list"},
        {"one vector too few", mutate([](Json& j) { j["data"].erase(j["data"].size() - 1); }),
         "returned 1 embeddings for 2 inputs"},
        {"one vector too many", mutate([](Json& j) { j["data"].push_back(j["data"][0]); }),
         "returned 3 embeddings for 2 inputs"},
        {"index out of range", mutate([](Json& j) { j["data"][1]["index"] = 7; }), "invalid index"},
        {"negative index", mutate([](Json& j) { j["data"][1]["index"] = -1; }), "invalid index"},
        {"index twice", mutate([](Json& j) { j["data"][1]["index"] = 0; }), "index 0 twice"},
        {"wrong dimension", mutate([](Json& j) { j["data"][0]["embedding"].push_back(1.0); }),
         "returned 5-d vectors, 4 were asked for"},
        {"base64", mutate([](Json& j) { j["data"][0]["embedding"] = "AAAA"; }),
         "not a list of floats"},
        {"text value", mutate([](Json& j) { j["data"][0]["embedding"][2] = "x"; }), "non-numeric"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        server.respond(
            [&](const Json& b, int) { return EmbeddingsServer::Reply{200, c.body(b), {}}; });
        expect_error([&] { e->embed({"a", "b"}); }, ErrorCode::kFailedPrecondition, c.fragment);
    }
}

TEST_F(OpenAiEmbedderTest, AnUnreachableServerIsUnavailable) {
    std::string url;
    {
        EmbeddingsServer gone;
        url = gone.url();
    }
    OpenAiEmbedderOptions o;
    o.base_url = url;
    o.retry.max_retries = 1;
    auto e = make(o);
    expect_error([&] { e->embed({"leak"}); }, ErrorCode::kUnavailable, "127.0.0.1");
}

// ---- asymmetric models: query/document prefixes and input types (issue 20) ----

TEST_F(OpenAiEmbedderTest, QueriesAndDocumentsGetTheirOwnPrefixAndInputType) {
    auto e = make({.model = "multilingual-e5-small",
                   .query_prefix = "query: ",
                   .document_prefix = "passage: ",
                   .query_input_type = "query",
                   .document_input_type = "passage"});
    ASSERT_EQ(e->embed({"Leak under the kitchen sink"}).size(), 1u);
    const auto q = e->embed_queries({"water under the basin", "  "});
    ASSERT_EQ(q.size(), 2u);
    EXPECT_EQ(q[0][0], static_cast<float>(std::string("query: water under the basin").size()));
    EXPECT_EQ(q[1], (std::vector<float>(4, 0.0f)));
    const auto seen = server.seen();
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].body["input"], (Json{"passage: Leak under the kitchen sink"}));
    EXPECT_EQ(seen[0].body["input_type"], "passage");
    EXPECT_EQ(seen[1].body["input"], (Json{"query: water under the basin"}));
    EXPECT_EQ(seen[1].body["input_type"], "query");
    // The name records what shapes the vectors, so an index of other prefixes is another model.
    EXPECT_EQ(e->model(),
              "openai:multilingual-e5-small/4 [query:\"query: \" document:\"passage: \" "
              "query_type:\"query\" document_type:\"passage\"]");
    EXPECT_NE(make({.model = "multilingual-e5-small", .query_prefix = "query: "})->model(),
              e->model());
}

TEST_F(OpenAiEmbedderTest, WithoutPrefixesQueriesAreEmbeddedLikeDocuments) {
    auto e = make({.model = "universal-sentence-encoder-multilingual-3"});
    EXPECT_EQ(e->model(), "openai:universal-sentence-encoder-multilingual-3/4");
    EXPECT_EQ(e->embed_queries({"elevator broken"}), e->embed({"elevator broken"}));
    const auto seen = server.seen();
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].body["input"], seen[1].body["input"]);
    EXPECT_FALSE(seen[0].body.contains("input_type"));
    // A batch of blanks sends nothing.
    EXPECT_EQ(e->embed({"", " \n"}), (std::vector<std::vector<float>>(2, std::vector<float>(4, 0.0f))));
    EXPECT_EQ(server.seen().size(), 2u);
}

TEST_F(OpenAiEmbedderTest, LongInputsAreCutToMaxInputCharsOnACodePoint) {
    auto e = make({.query_prefix = "q: ", .max_input_chars = 6});
    e->embed_queries({"\xC3\xA9t\xC3\xA9 chaud"});  // "été chaud": cut after 6 code points
    e->embed({"short"});
    const auto seen = server.seen();
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].body["input"], (Json{"q: \xC3\xA9t\xC3\xA9"}));
    EXPECT_EQ(seen[1].body["input"], (Json{"short"}));
    auto uncut = make({.max_input_chars = 0});
    uncut->embed({std::string(10000, 'w')});
    EXPECT_EQ(server.seen()[2].body["input"][0].get<std::string>().size(), 10000u);
}

// ---- calibrated thresholds (issue 20) ----

TEST(CalibratedThresholdsTest, MeasuredForHashingAndUseAndADocumentedDefaultOtherwise) {
    const auto hashing = calibrated_thresholds(make_hashing_embedder()->model());
    EXPECT_EQ(hashing.source.rfind("measured", 0), 0u) << hashing.source;
    const auto use = calibrated_thresholds("openai:universal-sentence-encoder-multilingual-3/512");
    EXPECT_EQ(use.source.rfind("measured", 0), 0u) << use.source;
    EXPECT_NE(use.duplicate, hashing.duplicate);  // what a similarity means depends on the model
    const auto other = calibrated_thresholds("openai:text-embedding-3-small/384");
    EXPECT_NE(other.source.find("calibrate"), std::string::npos) << other.source;
    EXPECT_NE(other.source.find("text-embedding-3-small"), std::string::npos);
    for (const auto& t : {hashing, use, other}) {
        EXPECT_GT(t.duplicate, t.min_similarity);
        EXPECT_GT(t.duplicate, 0.0f);
        EXPECT_LT(t.duplicate, 1.0f);
    }
}

}  // namespace
}  // namespace propos
