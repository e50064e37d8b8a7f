// The knowledge base: articles imported with the portfolio, matched to tenant questions by their
// words (answer_from_knowledge_base), searchable as their own kind in history search.
#include <gtest/gtest.h>

#include "propos/core/time.hpp"
#include "propos/search/embedder.hpp"
#include "propos/search/history_search.hpp"
#include "propos/store/portfolio_import.hpp"
#include "propos/store/store.hpp"
#include "propos/workflows/knowledge.hpp"
#include "test_util.hpp"

namespace propos {
namespace {

const Timestamp kNow = parse_time("2026-03-02T12:00:00Z");

Json doc_with(Json knowledge_base) {
    auto doc = parse_json(R"({"format":"propos.portfolio/1","organizations":[{
      "organization":{"id":"acme","name":"Acme"},
      "properties":[{"id":"p1","name":"Elm Court","state":"NY"},{"id":"p2","name":"Oak Court","state":"NY"}]}]})",
                          "doc");
    doc["organizations"][0]["knowledge_base"] = std::move(knowledge_base);
    return doc;
}

Json articles() {
    return parse_json(R"([
      {"id":"pets","title":"Pets","tags":["dog","cat","animal"],"source":"Resident handbook",
       "body":"Up to two cats or dogs are allowed per apartment with a pet addendum. A one-time pet deposit of $300 applies. Service animals are always allowed."},
      {"id":"parking","title":"Guest parking","tags":["visitor","car"],
       "body":"Guests may park in the spaces marked VISITOR for up to 48 hours. Overnight guests need a visitor permit from the office."},
      {"id":"laundry","title":"Laundry room","tags":["washer","dryer","laundromat"],
       "body":"The laundry room is in the basement, open 7 am to 10 pm. Machines take cards loaded at the kiosk."},
      {"id":"trash","title":"Trash and recycling","tags":["garbage","bins"],
       "body":"Recycling pickup is Tuesday and Friday mornings. Bulk items need a pickup booked with the office."},
      {"id":"pool","title":"Pool","tags":["swimming"],"property_id":"p2",
       "body":"The pool is open from Memorial Day to Labor Day, 10 am to 8 pm."},
      {"id":"zh-trash","title":"垃圾和回收","language":"zh","body":"回收每周二和周五上午收取。"}])",
                      "articles");
}

class KnowledgeTest : public ::testing::Test {
protected:
    void SetUp() override {
        store = open_sqlite_store(dir.file("kb.db"));
        const auto s = import_portfolio(*store, doc_with(articles()), kNow);
        ASSERT_EQ(s.size(), 1u);
        EXPECT_EQ(s[0].knowledge_articles, 6u);
    }
    std::optional<KnowledgeMatch> answer(const std::string& q, std::optional<PropertyId> p = PropertyId("p1")) {
        return store->read_result(
            [&](Transaction& tx) { return answer_from_knowledge_base(tx, org, q, p); });
    }
    testing::TempDir dir;
    std::unique_ptr<Store> store;
    OrgId org{"acme"};
};

TEST_F(KnowledgeTest, ImportKeepsTheArticlesAndAnnouncesThemForIndexing) {
    store->read([&](Transaction& tx) {
        const auto a = tx.get<KnowledgeArticle>(org, "pets");
        EXPECT_EQ(a.title, "Pets");
        EXPECT_EQ(a.source, "Resident handbook");
        EXPECT_EQ(a.category, "faq");
        EXPECT_EQ(a.updated_at, kNow);  // none given: the import's time
        EXPECT_EQ(tx.get<KnowledgeArticle>(org, "pool").property_id, PropertyId("p2"));
        const auto evs = tx.list<Event>(org);
        ASSERT_FALSE(evs.empty());
        EXPECT_EQ(evs.back().type, "knowledge_base.imported");
        EXPECT_EQ(evs.back().payload.at("knowledge_article_ids").size(), 6u);
    });
}

TEST_F(KnowledgeTest, BadArticlesAreRejectedByNameAndNothingIsWritten) {
    auto bad = store->read_result([&](Transaction& tx) { return tx.count<KnowledgeArticle>(org); });
    for (const char* article : {R"({"id":"x","title":"","body":"text"})", R"({"id":"x","title":"T"})",
                                R"({"id":"x","title":"T","body":"b","property_id":"p9"})"}) {
        try {
            import_portfolio(*store, doc_with(Json::array({parse_json(article, "a")})), kNow);
            ADD_FAILURE() << article;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
            EXPECT_NE(std::string(e.what()).find("knowledge_base[0] (x)"), std::string::npos) << e.what();
        }
    }
    EXPECT_EQ(store->read_result([&](Transaction& tx) { return tx.count<KnowledgeArticle>(org); }), bad);
}

TEST_F(KnowledgeTest, AnswersWithTheArticleThatClearlyMatches) {
    struct Case {
        const char* question;
        const char* article;
        const char* quoted;  // words the quote must contain
    };
    for (const Case& c : std::initializer_list<Case>{
             {"Are pets allowed? Can I have a dog?", "pets", "pet deposit of $300"},
             {"where can my visitors park overnight", "parking", "visitor permit"},
             {"What time does the laundry close?", "laundry", "10 pm"},
             {"which day is recycling picked up", "trash", "Tuesday and Friday"},
             {"Hi! quick question about the washers in the basement", "laundry", "basement"},
             {"回收是哪天？", "zh-trash", "周二"}}) {
        const auto m = answer(c.question);
        ASSERT_TRUE(m) << c.question;
        EXPECT_EQ(m->article.id.str(), c.article) << c.question;
        EXPECT_NE(m->quote.find(c.quoted), std::string::npos) << c.question << " -> " << m->quote;
        EXPECT_FALSE(m->matched_terms.empty());
        EXPECT_TRUE(m->subject_match);
    }
}

TEST_F(KnowledgeTest, NoAnswerWhenNothingClearlyMatches) {
    for (const char* q : {"Is there a gym in the building?", "can i sublet my apartment for the summer",
                          "", "   ", "?!", "what is the meaning of this"}) {
        EXPECT_FALSE(answer(q)) << q;
    }
    // Another property's article is not an answer here, and is one there.
    EXPECT_FALSE(answer("when is the pool open?"));
    ASSERT_TRUE(answer("when is the pool open?", PropertyId("p2")));
    // Two articles that answer about as well: a person picks.
    EXPECT_FALSE(answer("pets and parking"));
}

TEST_F(KnowledgeTest, LongArticlesAreQuotedByTheirBestSentences) {
    std::string body = "General rules apply to all residents.";
    for (int i = 0; i < 20; ++i) body += " Rule number " + std::to_string(i) + " is about the lobby furniture.";
    body += " Bicycles must be kept in the bike room and never in hallways.";
    for (int i = 0; i < 10; ++i) body += " Filler sentence " + std::to_string(i) + " about nothing in particular.";
    import_portfolio(*store,
                     doc_with(Json::array({Json{{"id", "rules"}, {"title", "House rules"}, {"body", body},
                                                {"tags", Json::array({"bike", "bicycle"})}}})),
                     kNow);
    const auto m = answer("where do I keep my bicycle?");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->article.id.str(), "rules");
    EXPECT_LE(m->quote.size(), KnowledgeOptions{}.max_quote_chars + 3);
    EXPECT_NE(m->quote.find("bike room"), std::string::npos) << m->quote;
    const auto hits = store->read_result(
        [&](Transaction& tx) { return search_knowledge_base(tx, org, "bicycle parking", PropertyId("p1"), 5); });
    ASSERT_GE(hits.size(), 2u);
    EXPECT_GE(hits[0].score, hits[1].score);
}

TEST_F(KnowledgeTest, HistorySearchFindsArticlesAsTheirOwnKind) {
    HistorySearch hs(*store, std::shared_ptr<Embedder>(make_hashing_embedder()));
    const auto r = hs.reindex(org);
    EXPECT_EQ(r.knowledge_articles, 6);
    SearchQuery q;
    q.text = "visitor parking permit";
    q.kinds = {std::string(kSearchKindKnowledge)};
    const auto hits = hs.search(org, q);
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0].id, "parking");
    EXPECT_EQ(hits[0].kind, "knowledge");
    EXPECT_EQ(hits[0].title, "Guest parking");
    EXPECT_FALSE(hs.reindex_if_stale(org));
}

}  // namespace
}  // namespace propos
