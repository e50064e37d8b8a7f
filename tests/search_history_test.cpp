// HistorySearch: indexing messages, work orders (resolution, vendor, cost) and notes; hybrid
// ranking by reciprocal rank fusion; filters applied before ranking; organization isolation;
// rebuilding the vector index from the store (missing, stale, damaged files); model mismatches; bad
// input; the keyword fallback when the embedder is down; reindex_if_stale.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "propos/search/history_search.hpp"
#include "test_util.hpp"

namespace propos {
namespace {
using propos::testing::expect_error;
using propos::testing::make_org;
using propos::testing::TempDir;
namespace fs = std::filesystem;

Timestamp day(int d) {
    return ManualClock::default_start() + std::chrono::hours(24 * d);
}

std::vector<std::string> ids_of(const std::vector<SearchHit>& hits) {
    std::vector<std::string> out;
    for (const auto& h : hits) out.push_back(h.id);
    return out;
}

std::set<std::string> id_set(const std::vector<SearchHit>& hits) {
    std::set<std::string> out;
    for (const auto& h : hits) out.insert(h.id);
    return out;
}

bool has(const std::vector<SearchHit>& hits, const std::string& id) {
    const auto ids = ids_of(hits);
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// The hashing embedder, which can be made to fail like a remote model that is down, or to answer
// with vectors of the wrong length.
class ControlledEmbedder final : public Embedder {
public:
    explicit ControlledEmbedder(HashingEmbedderOptions o = {}) : inner_(make_hashing_embedder(o)) {}
    std::size_t dimension() const noexcept override { return inner_->dimension(); }
    std::string model() const override { return inner_->model(); }
    std::vector<std::vector<float>> embed(const std::vector<std::string>& texts) override {
        ++calls;
        if (down) throw Error(ErrorCode::kUnavailable, "embedding server is down");
        auto v = inner_->embed(texts);
        if (short_vectors) {
            for (auto& x : v) x.pop_back();
        }
        return v;
    }
    std::atomic<bool> down{false};
    std::atomic<bool> short_vectors{false};
    std::atomic<int> calls{0};

private:
    std::unique_ptr<Embedder> inner_;
};

class HistorySearchTest : public ::testing::Test {
protected:
    void SetUp() override {
        store = open_sqlite_store(db_path());
        a = make_org(*store, "org-a", "Harbor");
        b = make_org(*store, "org-b", "Prairie");
        for (const auto& org : {a, b}) {
            store->write([&](Transaction& tx) {
                tx.put(org, Property{.id = PropertyId("p1"), .name = "Harbor View"});
                tx.put(org, Property{.id = PropertyId("p2"), .name = "Elm Court"});
                tx.put(org,
                       Unit{.id = UnitId("u1"), .property_id = PropertyId("p1"), .label = "1A"});
                tx.put(org,
                       Unit{.id = UnitId("u2"), .property_id = PropertyId("p1"), .label = "2B"});
                tx.put(org,
                       Unit{.id = UnitId("u3"), .property_id = PropertyId("p2"), .label = "3C"});
                tx.put(org, Tenant{.id = TenantId("t1"), .unit_id = UnitId("u2"), .name = "Ana"});
                tx.put(org, Vendor{.id = VendorId("v1"), .name = "Acme Plumbing"});
            });
        }
    }

    std::string db_path() const { return dir.file("propos.db"); }

    std::unique_ptr<HistorySearch> make_search(HistorySearchOptions o = {},
                                               std::shared_ptr<Embedder> e = nullptr) {
        if (!e) e = make_hashing_embedder();
        o.vectors.build_threads = 2;
        return std::make_unique<HistorySearch>(*store, std::move(e), std::move(o));
    }

    WorkOrder put_work_order(const OrgId& org, const std::string& id, const std::string& unit,
                             const std::string& title, const std::string& description = "",
                             int d = 0) {
        WorkOrder wo;
        wo.id = WorkOrderId(id);
        wo.unit_id = UnitId(unit);
        wo.property_id = PropertyId(unit == "u3" ? "p2" : "p1");
        wo.title = title;
        wo.description = description;
        wo.created_at = day(d);
        wo.updated_at = day(d);
        store->write([&](Transaction& tx) { tx.put(org, wo); });
        return wo;
    }

    void put_message(const OrgId& org, const std::string& id, const std::string& body, int d = 0,
                     std::optional<std::string> work_order = std::nullopt,
                     std::optional<std::string> tenant = std::nullopt) {
        Message m;
        m.id = MessageId(id);
        m.body = body;
        m.at = day(d);
        if (work_order) m.work_order_id = WorkOrderId(*work_order);
        if (tenant) m.tenant_id = TenantId(*tenant);
        store->write([&](Transaction& tx) { tx.put(org, m); });
    }

    void put_note(const OrgId& org, const std::string& id, const std::string& text, int d = 0,
                  std::optional<std::string> unit = std::nullopt) {
        Note n;
        n.id = NoteId(id);
        n.text = text;
        n.author = "user:kim";
        n.at = day(d);
        if (unit) n.unit_id = UnitId(*unit);
        store->write([&](Transaction& tx) { tx.put(org, n); });
    }

    // Stores one message per text (ids prefix0, prefix1...; one day apart) and indexes them.
    void index_messages(HistorySearch& hs, const OrgId& org, const std::vector<std::string>& texts,
                        const std::string& prefix, int first_day = 0) {
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            ids.push_back(prefix + std::to_string(i));
            put_message(org, ids.back(), texts[i], first_day + static_cast<int>(i));
        }
        hs.index_entities(org, kSearchKindMessage, ids);
    }

    static SearchQuery query(std::string text, std::size_t k = 10) {
        SearchQuery q;
        q.text = std::move(text);
        q.k = k;
        return q;
    }

    TempDir dir;
    std::unique_ptr<Store> store;
    OrgId a, b;
};

// ---- what is indexed ----

TEST_F(HistorySearchTest, WorkOrdersCarryTheirResolutionVendorAndCost) {
    auto hs = make_search();
    WorkOrder wo =
        put_work_order(a, "wo-1", "u1", "Kitchen sink leaking",
                       "Water dripping under the kitchen sink onto the cabinet floor", 3);
    wo.category = "water_leak";
    wo.status = WorkOrderStatus::kClosed;
    wo.vendor_id = VendorId("v1");
    wo.resolution = "Replaced the P-trap and the supply line";
    wo.completed_at = day(5);
    wo.approved_amount = Money::dollars(300);
    store->write([&](Transaction& tx) {
        tx.put(a, wo);
        Invoice paid{.id = InvoiceId("inv-1"), .number = "A-17", .vendor_id = VendorId("v1")};
        paid.work_order_id = wo.id;
        paid.total = Money::cents(18500);
        paid.status = InvoiceStatus::kPaid;
        Invoice extra = paid;
        extra.id = InvoiceId("inv-2");
        extra.number = "A-18";
        extra.total = Money::cents(2550);
        extra.status = InvoiceStatus::kApproved;
        Invoice blocked = paid;
        blocked.id = InvoiceId("inv-3");
        blocked.number = "A-19";
        blocked.total = Money::dollars(999);
        blocked.status = InvoiceStatus::kBlocked;
        tx.put(a, paid);
        tx.put(a, extra);
        tx.put(a, blocked);
    });
    hs->index_work_order(a, wo.id);

    const auto hits = hs->search(a, query("how was the leak under the kitchen sink fixed"));
    ASSERT_FALSE(hits.empty());
    const SearchHit& h = hits[0];
    EXPECT_EQ(h.id, "wo-1");
    EXPECT_EQ(h.kind, "work_order");
    EXPECT_EQ(h.org, a);
    EXPECT_EQ(h.unit_id, "u1");
    EXPECT_EQ(h.property_id, "p1");
    EXPECT_EQ(h.at, day(3));
    EXPECT_EQ(h.title, "Kitchen sink leaking");
    EXPECT_EQ(h.status, "closed");
    EXPECT_EQ(h.category, "water_leak");
    EXPECT_EQ(h.resolution, "Replaced the P-trap and the supply line");
    ASSERT_TRUE(h.vendor_id.has_value());
    EXPECT_EQ(h.vendor_id->str(), "v1");
    EXPECT_EQ(h.vendor_name, "Acme Plumbing");
    ASSERT_TRUE(h.cost.has_value());
    EXPECT_EQ(h.cost->in_cents(), 18500 + 2550);  // paid and approved invoices, not the blocked one
    EXPECT_EQ(h.completed_at, day(5));
    ASSERT_TRUE(h.work_order_id.has_value());
    EXPECT_EQ(h.work_order_id->str(), "wo-1");
    // The indexed text says all of it, so a search for the vendor or the fix finds the job too.
    EXPECT_NE(h.text.find("Category: water leak"), std::string::npos) << h.text;
    EXPECT_NE(h.text.find("Unit 1A, Harbor View"), std::string::npos) << h.text;
    EXPECT_NE(h.text.find("Resolution: Replaced the P-trap"), std::string::npos) << h.text;
    EXPECT_NE(h.text.find("Vendor: Acme Plumbing"), std::string::npos) << h.text;
    EXPECT_NE(h.text.find("Cost: $210.50"), std::string::npos) << h.text;
    EXPECT_EQ(ids_of(hs->search(a, query("Acme"))), std::vector<std::string>{"wo-1"});
    EXPECT_EQ(ids_of(hs->search(a, query("P-trap"))), std::vector<std::string>{"wo-1"});

    // Without billed invoices the approved amount is the cost.
    store->write([&](Transaction& tx) {
        for (const char* id : {"inv-1", "inv-2", "inv-3"}) tx.erase<Invoice>(a, id);
    });
    hs->index_work_order(a, wo.id);
    const auto again = hs->search(a, query("kitchen sink"));
    ASSERT_FALSE(again.empty());
    EXPECT_EQ(again[0].cost->in_cents(), 30000);
    EXPECT_NE(again[0].text.find("Cost: $300.00"), std::string::npos) << again[0].text;

    // The JSON form has every field, cost in cents.
    const Json j = again[0];
    EXPECT_EQ(j["id"], "wo-1");
    EXPECT_EQ(j["kind"], "work_order");
    EXPECT_EQ(j["org"], "org-a");
    EXPECT_EQ(j["vendor_name"], "Acme Plumbing");
    EXPECT_EQ(j["cost"], 30000);
    EXPECT_TRUE(j["score"].is_number());
    EXPECT_TRUE(j.contains("keyword_rank") && j.contains("vector_rank") &&
                j.contains("resolution"));
}

TEST_F(HistorySearchTest, MessagesAndNotesTakeTheirUnitFromWhatTheyAreAbout) {
    auto hs = make_search();
    put_work_order(a, "wo-1", "u3", "Radiator cold");
    put_message(a, "m-wo", "The radiator in my bedroom is still cold", 1, "wo-1");
    put_message(a, "m-tenant", "Subject line aside, the hallway light flickers", 2, std::nullopt,
                "t1");
    put_note(a, "n-1", "Shut-off valve for the radiators is behind the boiler room door", 3, "u3");
    hs->index_message(a, MessageId("m-wo"));
    hs->index_message(a, MessageId("m-tenant"));
    hs->index_note(a, NoteId("n-1"));

    const auto radiator = hs->search(a, query("radiator"));
    ASSERT_EQ(radiator.size(), 2u);
    for (const auto& h : radiator) {
        EXPECT_EQ(h.unit_id, "u3") << h.id;
        EXPECT_EQ(h.property_id, "p2") << h.id;
    }
    const auto msg = std::find_if(radiator.begin(), radiator.end(),
                                  [](const SearchHit& h) { return h.id == "m-wo"; });
    ASSERT_NE(msg, radiator.end());
    EXPECT_EQ(msg->kind, "message");
    ASSERT_TRUE(msg->work_order_id.has_value());
    EXPECT_EQ(msg->work_order_id->str(), "wo-1");
    const auto note = std::find_if(radiator.begin(), radiator.end(),
                                   [](const SearchHit& h) { return h.id == "n-1"; });
    ASSERT_NE(note, radiator.end());
    EXPECT_EQ(note->kind, "note");
    EXPECT_FALSE(note->work_order_id.has_value());

    const auto light = hs->search(a, query("light flickering"));
    ASSERT_FALSE(light.empty());
    EXPECT_EQ(light[0].id, "m-tenant");
    EXPECT_EQ(light[0].unit_id, "u2");  // the tenant's unit
    EXPECT_EQ(light[0].property_id, "p1");
}

TEST_F(HistorySearchTest, ReindexingAnEntityReplacesItAndAMissingEntityIsRemoved) {
    auto hs = make_search();
    put_message(a, "m-1", "The dishwasher will not drain");
    hs->index_message(a, MessageId("m-1"));
    EXPECT_EQ(ids_of(hs->search(a, query("dishwasher"))), std::vector<std::string>{"m-1"});

    put_message(a, "m-1", "The garbage disposal hums but does not spin");
    hs->index_message(a, MessageId("m-1"));
    hs->index_message(a, MessageId("m-1"));  // twice is harmless
    EXPECT_TRUE(hs->search(a, query("dishwasher")).empty());
    EXPECT_EQ(ids_of(hs->search(a, query("disposal"))), std::vector<std::string>{"m-1"});
    EXPECT_EQ(hs->status(a).documents, 1);
    EXPECT_EQ(hs->status(a).vectors, 1u);

    store->write([&](Transaction& tx) { tx.erase<Message>(a, "m-1"); });
    hs->index_message(a, MessageId("m-1"));
    EXPECT_TRUE(hs->search(a, query("disposal")).empty());
    EXPECT_EQ(hs->status(a).documents, 0);
    EXPECT_EQ(hs->status(a).vectors, 0u);

    put_note(a, "n-1", "Gate code is 4417");
    hs->index_note(a, NoteId("n-1"));
    EXPECT_TRUE(hs->remove(a, kSearchKindNote, "n-1"));
    EXPECT_FALSE(hs->remove(a, kSearchKindNote, "n-1"));
    EXPECT_FALSE(hs->remove(a, kSearchKindMessage, "never-indexed"));
    EXPECT_TRUE(hs->search(a, query("gate code")).empty());
    expect_error([&] { hs->remove(a, "invoice", "x"); }, ErrorCode::kInvalidArgument,
                 "unknown search kind");
    expect_error([&] { hs->index_entities(a, "invoice", {"x"}); }, ErrorCode::kInvalidArgument,
                 "cannot index kind 'invoice'");
}

// ---- ranking ----

TEST_F(HistorySearchTest, HybridRankingFusesKeywordAndSemanticRanks) {
    auto hs = make_search();
    index_messages(*hs, a,
                   {"Leak under the sink",                          // both rankings, first
                    "Water is dripping from the bathroom ceiling",  // semantic only (no "leak")
                    "The oven won't heat up",                       // neither
                    "Leak detector batteries were replaced last year"},  // keyword, weaker semantic
                   "m-");
    const auto hits = hs->search(a, query("sink leak"));
    ASSERT_GE(hits.size(), 3u);
    EXPECT_EQ(hits[0].id, "m-0");
    EXPECT_EQ(hits[0].keyword_rank, 1);
    EXPECT_EQ(hits[0].vector_rank, 1);
    EXPECT_NEAR(hits[0].score, 2.0 / 61.0, 1e-12);
    EXPECT_TRUE(has(hits, "m-1"));
    EXPECT_TRUE(has(hits, "m-3"));
    EXPECT_FALSE(has(hits, "m-2"));  // unrelated: below min_similarity and no shared word
    for (std::size_t i = 0; i < hits.size(); ++i) {
        const auto& h = hits[i];
        double expected = 0;
        if (h.keyword_rank) expected += 1.0 / (60.0 + h.keyword_rank);
        if (h.vector_rank) expected += 1.0 / (60.0 + h.vector_rank);
        EXPECT_NEAR(h.score, expected, 1e-12) << h.id;
        EXPECT_TRUE(h.keyword_rank > 0 || h.vector_rank > 0) << h.id;
        if (h.vector_rank > 0) {
            EXPECT_GE(h.similarity, 0.1f) << h.id;
        }
        if (i > 0) {
            EXPECT_GE(hits[i - 1].score, h.score);
        }
    }
    const auto drip =
        std::find_if(hits.begin(), hits.end(), [](const SearchHit& h) { return h.id == "m-1"; });
    EXPECT_EQ(drip->keyword_rank, 0);  // found only because "dripping" means a leak
    EXPECT_GT(drip->vector_rank, 0);

    // Either ranking alone.
    SearchQuery kw = query("sink leak");
    kw.semantic = false;
    const auto kw_hits = hs->search(a, kw);
    EXPECT_EQ(id_set(kw_hits), (std::set<std::string>{"m-0", "m-3"}));
    for (const auto& h : kw_hits) EXPECT_EQ(h.vector_rank, 0);
    SearchQuery sem = query("sink leak");
    sem.keyword = false;
    const auto sem_hits = hs->search(a, sem);
    EXPECT_TRUE(has(sem_hits, "m-1"));
    for (const auto& h : sem_hits) EXPECT_EQ(h.keyword_rank, 0);
    // k limits the list, best first.
    const auto top1 = hs->search(a, query("sink leak", 1));
    ASSERT_EQ(top1.size(), 1u);
    EXPECT_EQ(top1[0].id, "m-0");
    // Snippets are cut to snippet_chars.
    auto short_hs = make_search({.snippet_chars = 10});
    const auto cut = short_hs->search(a, query("sink leak", 1));
    ASSERT_EQ(cut.size(), 1u);
    EXPECT_EQ(cut[0].text, "Leak under...");
}

// Filters must apply before ranking: with few candidates per ranking, post-filtering would lose the
// one matching document behind many better ones. Run exact and as an HNSW graph.
class HistorySearchFilterTest : public HistorySearchTest,
                                public ::testing::WithParamInterface<std::size_t> {};

TEST_P(HistorySearchFilterTest, FiltersApplyBeforeRanking) {
    HistorySearchOptions o;
    o.candidates = 3;
    o.vectors.exact_threshold = GetParam();
    auto hs = make_search(o);
    std::vector<std::string> ids;
    for (int i = 0; i < 40; ++i) {
        ids.push_back("wo-" + std::to_string(i));
        put_work_order(a, ids.back(), i % 2 ? "u1" : "u2", "Water leak in the bathroom ceiling",
                       "Water leaking through the bathroom ceiling, visit " + std::to_string(i), i);
    }
    put_work_order(a, "wo-far", "u3", "Small leak", "A small leak near the water heater", 60);
    ids.push_back("wo-far");
    hs->index_entities(a, kSearchKindWorkOrder, ids);
    put_note(a, "n-1", "Tenant says the bathroom ceiling leak is back", 10, "u1");
    hs->index_note(a, NoteId("n-1"));
    EXPECT_EQ(hs->status(a).hnsw, GetParam() < 40) << "threshold " << GetParam();

    const std::string text = "water leak in the bathroom ceiling";
    for (const bool keyword : {true, false}) {
        for (const bool semantic : {true, false}) {
            if (!keyword && !semantic) continue;
            SCOPED_TRACE(std::string("keyword=") + (keyword ? "on" : "off") +
                         " semantic=" + (semantic ? "on" : "off"));
            auto q = query(text, 1);
            q.keyword = keyword;
            q.semantic = semantic;

            q.unit_id = UnitId("u3");
            EXPECT_EQ(ids_of(hs->search(a, q)), std::vector<std::string>{"wo-far"});
            q.unit_id.reset();

            q.property_id = PropertyId("p2");
            EXPECT_EQ(ids_of(hs->search(a, q)), std::vector<std::string>{"wo-far"});
            q.property_id.reset();

            q.kinds = {"note"};
            EXPECT_EQ(ids_of(hs->search(a, q)), std::vector<std::string>{"n-1"});
            q.kinds.clear();

            q.from = day(50);
            EXPECT_EQ(ids_of(hs->search(a, q)), std::vector<std::string>{"wo-far"});
            q.until = day(55);
            EXPECT_TRUE(hs->search(a, q).empty());
            q.from = day(10);
            q.until = day(11);
            q.k = 10;
            EXPECT_EQ(id_set(hs->search(a, q)), (std::set<std::string>{"wo-10", "n-1"}));
            q.from.reset();
            q.until.reset();

            // Several filters at once: all must hold for every hit.
            q.unit_id = UnitId("u1");
            q.kinds = {"work_order"};
            q.from = day(20);
            const auto hits = hs->search(a, q);
            EXPECT_EQ(hits.size(), 10u);
            for (const auto& h : hits) {
                EXPECT_EQ(h.unit_id, "u1");
                EXPECT_EQ(h.kind, "work_order");
                EXPECT_GE(h.at, day(20));
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(ExactAndHnsw, HistorySearchFilterTest, ::testing::Values(20000, 16));

// ---- organizations ----

class HistorySearchIsolationTest : public HistorySearchTest,
                                   public ::testing::WithParamInterface<std::size_t> {};

TEST_P(HistorySearchIsolationTest, NothingFromAnotherOrganizationIsEverReturned) {
    HistorySearchOptions o;
    o.vectors.exact_threshold = GetParam();
    auto hs = make_search(o);
    const std::string text = "The boiler makes a loud banging noise at night";
    // B holds many perfect matches; A a few weak ones and unrelated history. Ids overlap on
    // purpose.
    std::vector<std::string> b_texts(60, text);
    index_messages(*hs, b, b_texts, "m-");
    index_messages(*hs, a,
                   {"Noise complaint about the upstairs neighbour", "The front door lock sticks",
                    "Boiler service scheduled", "Mailbox key lost"},
                   "m-");
    for (int i = 0; i < 30; ++i)
        put_message(a, "a-extra-" + std::to_string(i), "Lobby light " + std::to_string(i), i);
    hs->reindex(a);
    EXPECT_EQ(hs->status(b).hnsw, GetParam() < 60);

    for (const bool keyword : {true, false}) {
        for (const bool semantic : {true, false}) {
            if (!keyword && !semantic) continue;
            auto q = query(text, 50);
            q.keyword = keyword;
            q.semantic = semantic;
            q.min_similarity = -1;  // everything the vector index returns
            const auto hits = hs->search(a, q);
            ASSERT_FALSE(hits.empty());
            for (const auto& h : hits) {
                EXPECT_EQ(h.org, a);
                EXPECT_EQ(h.text.find("banging"), std::string::npos) << h.id << ": " << h.text;
            }
            const auto b_hits = hs->search(b, q);
            for (const auto& h : b_hits) {
                EXPECT_EQ(h.org, b);
                EXPECT_EQ(h.text, text);
            }
        }
    }
    const auto status_a = hs->status(a);
    const auto status_b = hs->status(b);
    EXPECT_EQ(status_a.documents, 34);
    EXPECT_EQ(status_b.documents, 60);
    EXPECT_NE(status_a.index_file, status_b.index_file);
}

INSTANTIATE_TEST_SUITE_P(ExactAndHnsw, HistorySearchIsolationTest, ::testing::Values(20000, 16));

TEST_F(HistorySearchTest, EveryResultIsCheckedAgainstTheStore) {
    auto hs = make_search();
    index_messages(*hs, a, {"Leak under the sink", "Leak in the ceiling"}, "m-");
    index_messages(*hs, b, {"Unrelated note"}, "m-");
    ASSERT_EQ(hs->search(a, query("leak")).size(), 2u);
    // Behind the index's back, one of A's documents is handed to B: A's vector index still holds
    // it, but the store no longer confirms it as A's, so it never comes out.
    {
        SQLite::Database db(db_path(), SQLite::OPEN_READWRITE);
        db.exec(
            "UPDATE search_docs SET org_id = 'org-b' WHERE org_id = 'org-a' AND entity_id = 'm-1'");
    }
    for (int round = 0; round < 2; ++round) {  // the second round runs after the label was dropped
        auto q = query("leak");
        q.keyword = false;
        q.min_similarity = -1;
        const auto hits = hs->search(a, q);
        ASSERT_EQ(ids_of(hits), std::vector<std::string>{"m-0"});
        EXPECT_EQ(hits[0].org, a);
    }
}

// ---- persistence and rebuilds ----

class HistorySearchFileTest : public HistorySearchTest {
protected:
    // Five messages in A: three indexed and saved, then two more (or not) and saved again.
    std::string index_five(bool keep_first_file_as = false) {
        std::string file;
        {
            auto hs = make_search();
            index_messages(*hs, a,
                           {"leak under the sink", "no heat in the bedroom", "broken window latch"},
                           "m-");
            hs->flush();
            file = hs->status(a).index_file;
            if (keep_first_file_as) fs::copy_file(file, dir.file("old.pvx"));
            put_message(a, "m-3", "mice in the kitchen", 3);
            put_message(a, "m-4", "dripping faucet in the bathroom", 4);
            hs->index_entities(a, kSearchKindMessage, {"m-3", "m-4"});
        }  // the destructor saves
        EXPECT_TRUE(fs::exists(file));
        return file;
    }
    void expect_all_five_found(HistorySearch& hs) {
        auto q = query("leak");
        q.keyword = false;                         // the vector index alone
        EXPECT_TRUE(has(hs.search(a, q), "m-4"));  // "dripping" was indexed last
        EXPECT_TRUE(has(hs.search(a, q), "m-0"));
        auto mice = query("rodents mice");
        mice.keyword = false;
        EXPECT_TRUE(has(hs.search(a, mice), "m-3"));
        const auto st = hs.status(a);
        EXPECT_EQ(st.vectors, 5u);
        EXPECT_EQ(st.documents, 5);
        EXPECT_EQ(st.unsaved_changes, 0u);  // a rebuild is saved straight away
    }
};

TEST_F(HistorySearchFileTest, IndexesAreSavedBesideTheDatabaseAndReloaded) {
    const auto file = index_five();
    EXPECT_EQ(fs::path(file).parent_path(), fs::path(db_path() + ".search"));
    auto hs = make_search();
    expect_all_five_found(*hs);
}

TEST_F(HistorySearchFileTest, AMissingFileIsRebuiltFromTheStore) {
    const auto file = index_five();
    fs::remove(file);
    auto hs = make_search();
    expect_all_five_found(*hs);
    EXPECT_TRUE(fs::exists(file));
}

TEST_F(HistorySearchFileTest, AStaleFileIsRebuiltFromTheStore) {
    const auto file = index_five(true);
    fs::copy_file(dir.file("old.pvx"), file,
                  fs::copy_options::overwrite_existing);  // an older save
    auto hs = make_search();
    expect_all_five_found(*hs);
}

TEST_F(HistorySearchFileTest, DamagedFilesAreRebuiltFromTheStore) {
    const auto file = index_five();
    const auto size = fs::file_size(file);
    struct Damage {
        const char* name;
        std::function<void(const std::string&)> apply;
    };
    const std::vector<Damage> damages = {
        {"flipped byte",
         [&](const std::string& f) {
             std::fstream io(f, std::ios::in | std::ios::out | std::ios::binary);
             io.seekp(static_cast<std::streamoff>(size / 2));
             io.put('\x5a');
         }},
        {"truncated", [&](const std::string& f) { fs::resize_file(f, size - 100); }},
        {"empty", [&](const std::string& f) { fs::resize_file(f, 0); }},
        {"not an index",
         [&](const std::string& f) { std::ofstream(f, std::ios::trunc) << "hello"; }},
    };
    for (const auto& d : damages) {
        SCOPED_TRACE(d.name);
        d.apply(file);
        auto hs = make_search();
        expect_all_five_found(*hs);
    }
}

TEST_F(HistorySearchFileTest, AValidFileCatchesUpWithChangesMadeElsewhere) {
    index_five();
    {
        // Another process (here: one that does not save) adds and removes documents.
        auto other = make_search({.persist = false});
        put_message(a, "m-5", "elevator stuck between floors", 5);
        other->index_message(a, MessageId("m-5"));
        EXPECT_TRUE(other->remove(a, kSearchKindMessage, "m-0"));
    }
    auto hs = make_search();
    auto q = query("elevator");
    q.keyword = false;
    EXPECT_TRUE(has(hs->search(a, q), "m-5"));
    auto leak = query("leak under the sink");
    leak.keyword = false;
    leak.min_similarity = -1;
    EXPECT_FALSE(has(hs->search(a, leak), "m-0"));
    EXPECT_EQ(hs->status(a).vectors, 5u);
    // And a search made while another HistorySearch changes the store sees the change.
    auto other = make_search({.persist = false});
    put_message(a, "m-6", "gas smell in the hallway", 6);
    other->index_message(a, MessageId("m-6"));
    auto gas = query("gas smell");
    gas.keyword = false;
    EXPECT_TRUE(has(hs->search(a, gas), "m-6"));
}

TEST_F(HistorySearchFileTest, InMemoryStoresAndPersistOffWriteNoFiles) {
    auto hs = make_search({.persist = false});
    index_messages(*hs, a, {"leak"}, "m-");
    hs->flush();
    EXPECT_EQ(hs->status(a).index_file, "");
    EXPECT_FALSE(fs::exists(db_path() + ".search"));
    auto mem = open_sqlite_store(":memory:");
    make_org(*mem, "org-a");
    mem->write(
        [&](Transaction& tx) { tx.put(a, Message{.id = MessageId("m-0"), .body = "leak"}); });
    HistorySearch in_memory(*mem, make_hashing_embedder());
    in_memory.index_message(a, MessageId("m-0"));
    EXPECT_EQ(ids_of(in_memory.search(a, query("leak"))), std::vector<std::string>{"m-0"});
    EXPECT_EQ(in_memory.status(a).index_file, "");
}

TEST_F(HistorySearchFileTest, AFailedIndexSaveDoesNotFailCommittedChanges) {
    std::ofstream(dir.file("not-a-dir")) << "x";
    HistorySearchOptions o;
    o.index_dir = dir.file("not-a-dir") + "/indexes";  // cannot be created
    o.autosave_changes = 1;
    auto hs = make_search(o);
    put_message(a, "m-0", "leak under the sink");
    EXPECT_NO_THROW(hs->index_message(a, MessageId("m-0")));  // autosave fails: logged
    put_message(a, "m-1", "no heat");
    ReindexResult r;
    EXPECT_NO_THROW(r = hs->reindex(a));  // the documents are committed; the file is only a cache
    EXPECT_EQ(r.messages, 2);
    EXPECT_EQ(ids_of(hs->search(a, query("heat"))), std::vector<std::string>{"m-1"});
    EXPECT_GT(hs->status(a).unsaved_changes, 0u);
    expect_error([&] { hs->flush(); }, ErrorCode::kIo, "cannot create search index directory");
}

// ---- models ----

TEST_F(HistorySearchTest, AnotherModelOrDimensionIsAClearErrorUntilReindexed) {
    {
        auto hs = make_search();
        index_messages(*hs, a, {"leak under the sink", "no heat"}, "m-");
    }
    auto small = make_search({}, make_hashing_embedder({.dimension = 64}));
    expect_error([&] { small->search(a, query("leak")); }, ErrorCode::kFailedPrecondition,
                 "dimension mismatch");
    expect_error([&] { small->index_message(a, MessageId("m-0")); }, ErrorCode::kFailedPrecondition,
                 "dimension mismatch");
    try {
        small->search(a, query("leak"));
    } catch (const Error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("384-d vectors of model 'propos-hash-v1/384'"), std::string::npos)
            << what;
        EXPECT_NE(what.find("'propos-hash-v1/64' (64-d)"), std::string::npos) << what;
        EXPECT_NE(what.find("reindex"), std::string::npos) << what;
    }
    // Another organization without documents is not affected.
    EXPECT_TRUE(small->search(b, query("leak")).empty());

    auto plain = make_search({}, make_hashing_embedder({.domain_vocabulary = false}));
    expect_error([&] { plain->search(a, query("leak")); }, ErrorCode::kFailedPrecondition,
                 "model mismatch");

    // Re-embedding with the new model fixes it, for this object and for the next ones.
    const auto r = small->reindex(a);
    EXPECT_EQ(r.documents, 2);
    EXPECT_EQ(ids_of(small->search(a, query("heat"))), std::vector<std::string>{"m-1"});
    EXPECT_EQ(small->status(a).dimension, 64u);
    small.reset();
    auto small_again = make_search({}, make_hashing_embedder({.dimension = 64}));
    EXPECT_EQ(ids_of(small_again->search(a, query("heat"))), std::vector<std::string>{"m-1"});
    auto big = make_search();
    expect_error([&] { big->search(a, query("leak")); }, ErrorCode::kFailedPrecondition,
                 "dimension mismatch");
}

TEST_F(HistorySearchTest, EmbedderVectorsOfTheWrongLengthAreRejected) {
    auto e = std::make_shared<ControlledEmbedder>();
    auto hs = make_search({}, e);
    put_message(a, "m-0", "leak");
    e->short_vectors = true;
    expect_error([&] { hs->index_message(a, MessageId("m-0")); }, ErrorCode::kFailedPrecondition,
                 "returned a 383-d vector although its dimension is 384");
    e->short_vectors = false;
    hs->index_message(a, MessageId("m-0"));
    EXPECT_EQ(hs->search(a, query("leak")).size(), 1u);
}

TEST_F(HistorySearchTest, WhenTheEmbedderIsDownSearchFallsBackToKeywords) {
    auto e = std::make_shared<ControlledEmbedder>();
    HistorySearchOptions o;
    o.embedder_retry_pause = Millis(0);
    auto hs = make_search(o, e);
    index_messages(*hs, a, {"leak under the sink", "water dripping from the ceiling"}, "m-");
    e->down = true;
    const auto hits = hs->search(a, query("leak"));
    ASSERT_EQ(ids_of(hits), std::vector<std::string>{"m-0"});
    EXPECT_EQ(hits[0].vector_rank, 0);
    // Indexing goes on: the document is stored without its embedding...
    put_message(a, "m-2", "the ceiling is dripping again", 2);
    EXPECT_NO_THROW(hs->index_message(a, MessageId("m-2")));
    EXPECT_TRUE(has(hs->search(a, query("ceiling")), "m-2"));
    auto sem = query("leak");
    sem.keyword = false;
    expect_error([&] { hs->search(a, sem); }, ErrorCode::kUnavailable,
                 "keyword search was turned off");
    // ...and embedded once the embedder is back.
    e->down = false;
    EXPECT_TRUE(has(hs->search(a, sem), "m-2"));
    EXPECT_EQ(hs->status(a).vectors, 3u);

    // Also after a restart, even when the index file was saved while a document had no embedding.
    e->down = true;
    put_message(a, "m-3", "water leaking through the kitchen ceiling", 3);
    hs->index_message(a, MessageId("m-3"));
    hs->flush();
    hs.reset();
    e->down = false;
    auto fresh = make_search(o, e);
    EXPECT_TRUE(has(fresh->search(a, sem), "m-3"));
    EXPECT_EQ(fresh->status(a).vectors, 4u);

    // Without the fallback the error is thrown.
    o.keyword_fallback = false;
    auto strict = make_search(o, e);
    e->down = true;
    expect_error([&] { strict->search(a, query("leak")); }, ErrorCode::kUnavailable,
                 "embedding server is down");
}

TEST_F(HistorySearchTest, AnEmbedderThatStaysDownIsNotCalledOnEverySearch) {
    auto e = std::make_shared<ControlledEmbedder>();
    HistorySearchOptions o;
    o.embedder_retry_pause = Millis(3600000);
    auto hs = make_search(o, e);
    index_messages(*hs, a, {"leak under the sink"}, "m-");
    e->down = true;
    const int before = e->calls;
    for (int i = 0; i < 5; ++i) EXPECT_EQ(hs->search(a, query("leak")).size(), 1u);
    EXPECT_EQ(e->calls - before, 1);
}

// ---- bad input ----

TEST_F(HistorySearchTest, BadInputIsAClearError) {
    auto hs = make_search();
    index_messages(*hs, a, {"leak"}, "m-");
    expect_error([&] { hs->search(a, query("")); }, ErrorCode::kInvalidArgument,
                 "search query is empty");
    expect_error([&] { hs->search(a, query(" \t\n ")); }, ErrorCode::kInvalidArgument,
                 "search query is empty");
    expect_error([&] { hs->search(a, query("leak", 0)); }, ErrorCode::kInvalidArgument,
                 "k must be between 1 and 1000 (got 0)");
    expect_error([&] { hs->search(a, query("leak", 1001)); }, ErrorCode::kInvalidArgument,
                 "(got 1001)");
    EXPECT_NO_THROW(hs->search(a, query("leak", 1000)));
    auto kinds = query("leak");
    kinds.kinds = {"message", "invoice"};
    expect_error([&] { hs->search(a, kinds); }, ErrorCode::kInvalidArgument,
                 "unknown search kind 'invoice'");
    auto range = query("leak");
    range.from = day(2);
    range.until = day(2);
    expect_error([&] { hs->search(a, range); }, ErrorCode::kInvalidArgument, "time range is empty");
    auto none = query("leak");
    none.keyword = none.semantic = false;
    expect_error([&] { hs->search(a, none); }, ErrorCode::kInvalidArgument, "both are off");
    expect_error([&] { hs->search(OrgId("nobody"), query("leak")); }, ErrorCode::kNotFound,
                 "unknown organization 'nobody'");
    expect_error([&] { hs->index_message(OrgId("nobody"), MessageId("m-0")); },
                 ErrorCode::kNotFound, "nobody");
    expect_error([&] { hs->reindex(OrgId("nobody")); }, ErrorCode::kNotFound, "nobody");
    expect_error([&] { hs->reindex_if_stale(OrgId("nobody")); }, ErrorCode::kNotFound, "nobody");
    expect_error([&] { hs->status(OrgId("nobody")); }, ErrorCode::kNotFound, "nobody");
    // Query text is plain words: operators and quotes are not syntax.
    EXPECT_NO_THROW(hs->search(a, query("\"leak OR NEAR(x) * - : ^ ( ")));
    EXPECT_EQ(ids_of(hs->search(a, query("leak\" OR \"x"))), std::vector<std::string>{"m-0"});
    // Construction.
    expect_error([&] { std::make_unique<HistorySearch>(*store, nullptr); },
                 ErrorCode::kInvalidArgument, "needs an embedder");
    HistorySearchOptions bad;
    bad.vectors.m = 0;
    expect_error([&] { std::make_unique<HistorySearch>(*store, make_hashing_embedder(), bad); },
                 ErrorCode::kInvalidArgument, "M must be");
}

// ---- keeping up with the store ----

TEST_F(HistorySearchTest, ReindexIfStaleIndexesADatabaseWrittenWithoutSearch) {
    put_work_order(a, "wo-1", "u1", "Clogged toilet", "Toilet backs up when flushed", 1);
    put_work_order(a, "wo-2", "u3", "No hot water", "", 2);
    put_message(a, "m-1", "My toilet is clogged again", 1, "wo-1");
    put_message(a, "m-2", "Thanks, it works now", 3, "wo-1");
    put_note(a, "n-1", "Main water shutoff is in the basement", 4);
    auto hs = make_search();
    EXPECT_TRUE(hs->search(a, query("toilet")).empty());  // nothing indexed yet
    EXPECT_TRUE(hs->reindex_if_stale(a));
    EXPECT_FALSE(hs->reindex_if_stale(a));
    const auto st = hs->status(a);
    EXPECT_EQ(st.documents, 5);
    EXPECT_EQ(st.vectors, 5u);
    const auto toilet = hs->search(a, query("toilet clogged", 2));
    EXPECT_EQ(id_set(toilet), (std::set<std::string>{"wo-1", "m-1"}));
    const auto shutoff = hs->search(a, query("shutoff valve"));
    ASSERT_FALSE(shutoff.empty());
    EXPECT_EQ(shutoff[0].id, "n-1");
    // A new entity written without search makes it stale again; B is untouched throughout.
    put_note(a, "n-2", "Boiler serviced in October", 5);
    EXPECT_TRUE(hs->reindex_if_stale(a));
    EXPECT_EQ(hs->status(a).documents, 6);
    EXPECT_FALSE(hs->reindex_if_stale(b));
    EXPECT_EQ(hs->status(b).documents, 0);
    // reindex() drops documents of entities that are gone.
    store->write([&](Transaction& tx) { tx.erase<Note>(a, "n-2"); });
    const auto r = hs->reindex(a);
    EXPECT_EQ(r.work_orders, 2);
    EXPECT_EQ(r.messages, 2);
    EXPECT_EQ(r.notes, 1);
    EXPECT_EQ(r.documents, 5);
    EXPECT_EQ(hs->status(a).documents, 5);
    EXPECT_FALSE(has(hs->search(a, query("boiler serviced")), "n-2"));
}

TEST_F(HistorySearchTest, SearchesRunWhileIndexing) {
    HistorySearchOptions o;
    o.vectors.exact_threshold = 32;
    auto hs = make_search(o);
    index_messages(*hs, a, {"leak under the sink"}, "seed-");
    std::atomic<bool> stop{false};
    std::atomic<int> bad{0}, searches{0};
    std::vector<std::thread> readers;
    for (int t = 0; t < 3; ++t) {
        readers.emplace_back([&] {
            while (!stop) {
                const auto hits = hs->search(a, query("leak under the sink", 5));
                if (hits.empty() || hits[0].org != a) ++bad;
                ++searches;
            }
        });
    }
    for (int i = 0; i < 80; ++i) {
        const auto id = "m-" + std::to_string(i);
        put_message(a, id, "message number " + std::to_string(i) + " about the lobby door", i);
        hs->index_message(a, MessageId(id));
    }
    stop = true;
    for (auto& t : readers) t.join();
    EXPECT_EQ(bad.load(), 0);
    EXPECT_GT(searches.load(), 0);
    EXPECT_TRUE(hs->status(a).hnsw);
    EXPECT_EQ(hs->status(a).vectors, 81u);
}

}  // namespace
}  // namespace propos
