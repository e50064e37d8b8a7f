// Issue 20 in HistorySearch: queries go through Embedder::embed_queries (asymmetric models),
// documents through embed; per-embedder similarity thresholds (calibrated defaults, host
// overrides, validation, the default min_similarity of queries); indexed_model and reindex with
// progress after a change of model.
#include <gtest/gtest.h>

#include <mutex>

#include "propos/search/history_search.hpp"
#include "test_util.hpp"

namespace propos {
namespace {
using propos::testing::expect_error;
using propos::testing::make_org;
using propos::testing::TempDir;

// The hashing embedder underneath; queries get a marker word first, so a query is embedded
// differently from the same text as a document, and the calls are counted by side.
class AsymmetricEmbedder final : public Embedder {
public:
    explicit AsymmetricEmbedder(HashingEmbedderOptions o = {}) : inner_(make_hashing_embedder(o)) {}
    std::size_t dimension() const noexcept override { return inner_->dimension(); }
    std::string model() const override { return inner_->model() + "+asym"; }
    std::vector<std::vector<float>> embed(const std::vector<std::string>& texts) override {
        std::lock_guard lock(mu);
        documents.insert(documents.end(), texts.begin(), texts.end());
        return inner_->embed(texts);
    }
    std::vector<std::vector<float>> embed_queries(const std::vector<std::string>& texts) override {
        std::vector<std::string> marked;
        {
            std::lock_guard lock(mu);
            queries.insert(queries.end(), texts.begin(), texts.end());
        }
        for (const auto& t : texts) marked.push_back("zzquery " + t);
        return inner_->embed(marked);
    }
    std::mutex mu;
    std::vector<std::string> documents, queries;

private:
    std::unique_ptr<Embedder> inner_;
};

class SearchThresholdsTest : public ::testing::Test {
protected:
    void SetUp() override {
        store = open_sqlite_store(dir.file("propos.db"));
        org = make_org(*store, "org-a", "Harbor");
        store->write([&](Transaction& tx) {
            tx.put(org, Property{.id = PropertyId("p1"), .name = "Harbor View"});
            tx.put(org, Unit{.id = UnitId("u1"), .property_id = PropertyId("p1"), .label = "1A"});
            for (int i = 0; i < 3; ++i) {
                WorkOrder wo;
                wo.id = WorkOrderId("wo-" + std::to_string(i));
                wo.unit_id = UnitId("u1");
                wo.property_id = PropertyId("p1");
                wo.title = i == 0 ? "Kitchen sink leaking" : i == 1 ? "No heat in bedroom" : "Broken lock";
                wo.created_at = wo.updated_at = ManualClock::default_start();
                tx.put(org, wo);
            }
        });
    }
    TempDir dir;
    std::unique_ptr<Store> store;
    OrgId org;
};

TEST_F(SearchThresholdsTest, QueriesUseEmbedQueriesAndDocumentsEmbed) {
    auto e = std::make_shared<AsymmetricEmbedder>();
    HistorySearch search(*store, e, {.persist = false});
    search.reindex(org);
    const auto hits = search.search(org, {.text = "sink leaking", .keyword = false});
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0].id, "wo-0");
    std::lock_guard lock(e->mu);
    EXPECT_EQ(e->queries, (std::vector<std::string>{"sink leaking"}));
    EXPECT_EQ(e->documents.size(), 3u);  // the three work orders, never the query
    for (const auto& d : e->documents) EXPECT_NE(d, "sink leaking");
}

TEST_F(SearchThresholdsTest, ThresholdsDefaultToTheCalibratedOnesAndCanBeSet) {
    {
        HistorySearch search(*store, make_hashing_embedder(), {.persist = false});
        const auto want = calibrated_thresholds("propos-hash-v1/384");
        EXPECT_EQ(search.thresholds().duplicate, want.duplicate);
        EXPECT_EQ(search.thresholds().min_similarity, want.min_similarity);
        EXPECT_EQ(search.thresholds().source, want.source);
    }
    HistorySearchOptions o{.persist = false};
    o.thresholds = SimilarityThresholds{.min_similarity = 0.99f, .duplicate = 0.995f, .source = "host"};
    HistorySearch strict(*store, make_hashing_embedder(), o);
    EXPECT_EQ(strict.thresholds().source, "host");
    strict.reindex(org);
    // A partial match is below the host's floor: the semantic ranking returns nothing ...
    EXPECT_TRUE(strict.search(org, {.text = "leaking kitchen tap", .keyword = false}).empty());
    // ... unless the query sets its own floor.
    const auto hits =
        strict.search(org, {.text = "leaking kitchen tap", .keyword = false, .min_similarity = 0.0f});
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0].id, "wo-0");

    for (const auto& bad : {SimilarityThresholds{.min_similarity = 1.5f},
                            SimilarityThresholds{.duplicate = -2.0f}}) {
        HistorySearchOptions b{.persist = false};
        b.thresholds = bad;
        expect_error([&] { HistorySearch(*store, make_hashing_embedder(), b); },
                     ErrorCode::kInvalidArgument, "between -1 and 1");
    }
}

TEST_F(SearchThresholdsTest, TheKeywordRankingIsWeightedInTheFusion) {
    const SearchQuery q{.text = "kitchen sink leaking", .k = 1};
    for (const float w : {1.0f, 0.1f, 0.0f}) {
        SCOPED_TRACE(w);
        HistorySearchOptions o{.persist = false};
        o.thresholds = SimilarityThresholds{.keyword_weight = w};
        HistorySearch search(*store, make_hashing_embedder(), o);
        search.reindex(org);
        const auto hits = search.search(org, q);
        ASSERT_EQ(hits.size(), 1u);
        EXPECT_EQ(hits[0].id, "wo-0");
        ASSERT_EQ(hits[0].keyword_rank, 1);
        ASSERT_EQ(hits[0].vector_rank, 1);
        EXPECT_NEAR(hits[0].score, (1.0 + w) / 61.0, 1e-6);
    }
    HistorySearchOptions bad{.persist = false};
    bad.thresholds = SimilarityThresholds{.keyword_weight = -0.5f};
    expect_error([&] { HistorySearch(*store, make_hashing_embedder(), bad); },
                 ErrorCode::kInvalidArgument, "keyword weight");
}

TEST_F(SearchThresholdsTest, AChangeOfModelIsSeenWithoutLoadingAndReembeddedWithProgress) {
    {
        HistorySearch first(*store, make_hashing_embedder());
        EXPECT_TRUE(first.indexed_model(org).current);  // nothing indexed yet
        first.reindex(org);
        const auto m = first.indexed_model(org);
        EXPECT_EQ(m.model, "propos-hash-v1/384");
        EXPECT_EQ(m.dimension, 384u);
        EXPECT_EQ(m.documents, 3);
        EXPECT_TRUE(m.current);
    }
    HistorySearch second(*store, make_hashing_embedder({.dimension = 256}),
                         {.embed_batch = 2});
    const auto was = second.indexed_model(org);  // never the mismatch error
    EXPECT_FALSE(was.current);
    EXPECT_EQ(was.model, "propos-hash-v1/384");
    expect_error([&] { second.search(org, {.text = "leak"}); }, ErrorCode::kFailedPrecondition,
                 "dimension mismatch");
    std::vector<std::pair<std::size_t, std::size_t>> progress;
    const auto r = second.reindex(org, [&](std::size_t done, std::size_t total) {
        progress.emplace_back(done, total);
    });
    EXPECT_EQ(r.documents, 3);
    EXPECT_EQ(progress, (std::vector<std::pair<std::size_t, std::size_t>>{{2, 3}, {3, 3}}));
    const auto now = second.indexed_model(org);
    EXPECT_TRUE(now.current);
    EXPECT_EQ(now.model, "propos-hash-v1/256");
    EXPECT_FALSE(second.search(org, {.text = "sink leaking"}).empty());
    expect_error([&] { second.indexed_model(OrgId("nope")); }, ErrorCode::kNotFound, "nope");
}

}  // namespace
}  // namespace propos
