// The store's search documents (schema v2): upserts and tombstones, the change sequence, keyword
// search ranked per organization and filters before ranking, metadata, organization scoping — on
// every engine (SQLite, PostgreSQL: part of the store conformance suite, issue 18).
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <random>

#include "store/embedding_codec.hpp"
#include "propos/search/embedder.hpp"
#include "store_engines.hpp"
#include "test_util.hpp"

namespace propos {
namespace {
using propos::testing::expect_error;
using propos::testing::make_org;
using propos::testing::Engine;
using propos::testing::EngineStore;
using propos::testing::TempDir;

Timestamp day(int d) { return ManualClock::default_start() + std::chrono::hours(24 * d); }

SearchDocument doc(const std::string& kind, const std::string& id, const std::string& text,
                   const std::string& unit = "", int d = 0) {
    SearchDocument s;
    s.kind = kind;
    s.entity_id = id;
    s.text = text;
    s.unit_id = unit;
    s.property_id = unit.empty() ? "" : "p-" + unit.substr(0, 1);
    s.at = day(d);
    s.embedding = {1.0f, 2.0f, 3.0f};
    return s;
}

class SearchStoreTest : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override {
        engine = std::make_unique<EngineStore>(GetParam(), dir, "propos.db");
        PROPOS_SKIP_WITHOUT_ENGINE(*engine);
        store = engine->store().get();
        a = make_org(*store, "org-a");
        b = make_org(*store, "org-b");
    }
    std::vector<std::int64_t> kw(const OrgId& org, const std::vector<std::string>& terms,
                                 const SearchFilter& f = {}) {
        std::vector<std::int64_t> ids;
        store->read([&](Transaction& tx) {
            for (const auto& h : tx.keyword_search(org, terms, f, 50)) ids.push_back(h.doc_id);
        });
        return ids;
    }
    TempDir dir;
    std::unique_ptr<EngineStore> engine;
    Store* store = nullptr;
    OrgId a, b;
};

INSTANTIATE_TEST_SUITE_P(Engines, SearchStoreTest, propos::testing::all_engines(), propos::testing::EngineName());

// v6: external-content keyword index (issue 19); v7: records and audit as rowid tables (issue 23)
TEST(SearchStoreSqliteTest, SchemaIsVersionSeven) {
    TempDir dir;
    EXPECT_EQ(sqlite_schema_version(), 7);
    EXPECT_EQ(open_sqlite_store(dir.file("propos.db"))->schema_version(), 7);
}

TEST_P(SearchStoreTest, PutKeepsTheDocIdAndBumpsTheSequence) {
    SearchDocument first, second, again;
    store->write([&](Transaction& tx) {
        first = tx.put_search_document(a, doc("message", "m1", "kitchen faucet is dripping", "1A"));
        second = tx.put_search_document(a, doc("message", "m2", "no heat in the bedroom", "1A"));
        again = tx.put_search_document(a, doc("message", "m1", "kitchen faucet still dripping", "1A"));
    });
    EXPECT_GT(first.doc_id, 0);
    EXPECT_NE(first.doc_id, second.doc_id);
    EXPECT_EQ(again.doc_id, first.doc_id);
    EXPECT_EQ(first.seq, 1);
    EXPECT_EQ(second.seq, 2);
    EXPECT_EQ(again.seq, 3);
    store->read([&](Transaction& tx) {
        const auto found = tx.find_search_document(a, "message", "m1");
        ASSERT_TRUE(found);
        EXPECT_EQ(found->text, "kitchen faucet still dripping");
        // Kept as 16-bit floats (issue 23): the same values on every engine, within 2^-11 of
        // the largest component.
        EXPECT_EQ(found->embedding, store_detail::stored_embedding({1.0f, 2.0f, 3.0f}));
        EXPECT_EQ(found->embedding, again.embedding);  // put returns the document as stored
        ASSERT_EQ(found->embedding.size(), 3u);
        for (std::size_t i = 0; i < 3; ++i)
            EXPECT_NEAR(found->embedding[i], static_cast<float>(i + 1), 3.0f / 2048);
        EXPECT_EQ(found->unit_id, "1A");
        EXPECT_EQ(found->at, day(0));
        const auto stats = tx.search_document_stats(a);
        EXPECT_EQ(stats.live, 2);
        EXPECT_EQ(stats.seq, 3);
        // The keyword index follows the update: the old text is gone.
        EXPECT_EQ(tx.keyword_search(a, {"still"}, {}, 10).size(), 1u);
        EXPECT_EQ(tx.keyword_search(a, {"is"}, {}, 10).size(), 0u);
    });
    expect_error([&] { store->write([&](Transaction& tx) { tx.put_search_document(a, doc("", "x", "t")); }); },
                 ErrorCode::kInvalidArgument, "kind and an entity id");
    expect_error([&] { store->read([&](Transaction& tx) { tx.put_search_document(a, doc("m", "x", "t")); }); },
                 ErrorCode::kFailedPrecondition, "write transaction");
}

TEST_P(SearchStoreTest, EraseLeavesATombstoneUntilPurged) {
    SearchDocument put;
    store->write([&](Transaction& tx) { put = tx.put_search_document(a, doc("note", "n1", "shutoff valve behind panel")); });
    std::optional<SearchDocument> tomb;
    store->write([&](Transaction& tx) { tomb = tx.erase_search_document(a, "note", "n1"); });
    ASSERT_TRUE(tomb);
    EXPECT_EQ(tomb->doc_id, put.doc_id);
    EXPECT_TRUE(tomb->deleted);
    EXPECT_EQ(tomb->seq, 2);
    store->write([&](Transaction& tx) { EXPECT_FALSE(tx.erase_search_document(a, "note", "n1")); });
    store->read([&](Transaction& tx) {
        EXPECT_FALSE(tx.find_search_document(a, "note", "n1"));
        EXPECT_TRUE(tx.keyword_search(a, {"valve"}, {}, 10).empty());
        const auto changes = tx.list_search_changes(a, 1, 0);
        ASSERT_EQ(changes.size(), 1u);
        EXPECT_TRUE(changes[0].deleted);
        EXPECT_TRUE(changes[0].embedding.empty());
        EXPECT_EQ(tx.search_document_stats(a).tombstones, 1);
        EXPECT_TRUE(tx.get_search_documents(a, {put.doc_id}, false).empty());
    });
    // Coming back to life keeps the doc id.
    SearchDocument back;
    store->write([&](Transaction& tx) { back = tx.put_search_document(a, doc("note", "n1", "valve moved")); });
    EXPECT_EQ(back.doc_id, put.doc_id);
    store->write([&](Transaction& tx) {
        tx.erase_search_document(a, "note", "n1");
        EXPECT_EQ(tx.purge_search_tombstones(a, 3), 0);  // the tombstone has seq 4
        EXPECT_EQ(tx.purge_search_tombstones(a, 4), 1);
    });
    store->read([&](Transaction& tx) { EXPECT_EQ(tx.search_document_stats(a).tombstones, 0); });
}

TEST_P(SearchStoreTest, ChangesAreListedBySequenceWithEmbeddings) {
    store->write([&](Transaction& tx) {
        for (int i = 0; i < 5; ++i) tx.put_search_document(a, doc("message", "m" + std::to_string(i), "text"));
        tx.put_search_document(a, doc("message", "m1", "text again"));
    });
    store->read([&](Transaction& tx) {
        const auto all = tx.list_search_changes(a, 0, 0);
        ASSERT_EQ(all.size(), 5u);  // one row per document, at its latest seq
        EXPECT_EQ(all.back().entity_id, "m1");
        EXPECT_EQ(all.back().seq, 6);
        EXPECT_EQ(all.back().embedding.size(), 3u);
        const auto page = tx.list_search_changes(a, 2, 2);
        ASSERT_EQ(page.size(), 2u);
        EXPECT_EQ(page[0].seq, 3);
        EXPECT_EQ(page[1].seq, 4);
        EXPECT_TRUE(tx.list_search_changes(b, 0, 0).empty());
    });
}

TEST_P(SearchStoreTest, EmbeddingsAreKeptAsSixteenBitFloatsOnEveryEngine) {
    std::mt19937 rng(7);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> big(384), tiny(384);
    for (auto& v : big) v = normal(rng) * 1e6f;  // any norm: scaled by its largest value
    for (auto& v : tiny) v = normal(rng) * 1e-7f;
    const std::vector<float> odd = {1.5f, std::numeric_limits<float>::infinity(), -2.0f};
    store->write([&](Transaction& tx) {
        for (const auto& [id, e] : {std::pair{"big", big}, {"tiny", tiny}, {"odd", odd}}) {
            auto d = doc("note", id, "text");
            d.embedding = e;
            tx.put_search_document(a, d);
        }
    });
    store->read([&](Transaction& tx) {
        for (const auto& [id, e] : {std::pair{"big", big}, {"tiny", tiny}}) {
            const auto got = tx.find_search_document(a, "note", id)->embedding;
            EXPECT_EQ(got, store_detail::stored_embedding(e)) << id;
            ASSERT_EQ(got.size(), e.size());
            float scale = 0;
            for (const float v : e) scale = std::max(scale, std::fabs(v));
            for (std::size_t i = 0; i < e.size(); ++i)
                ASSERT_NEAR(got[i], e[i], scale / 2048) << id << " value " << i;
            EXPECT_GT(cosine_similarity(got, e), 0.99999f) << id;
        }
        // A value that is not finite: kept exactly as given.
        EXPECT_EQ(tx.find_search_document(a, "note", "odd")->embedding, odd);
    });
}

TEST_P(SearchStoreTest, TextWithANulCharacterIsIndexedWhole) {
    store->write([&](Transaction& tx) {
        tx.put_search_document(a, doc("message", "m1", std::string("boiler\0pressure low", 19)));
    });
    EXPECT_EQ(kw(a, {"pressure"}).size(), 1u);  // the words after the NUL are found too
}

TEST_P(SearchStoreTest, KeywordSearchRanksByBm25WithStemming) {
    store->write([&](Transaction& tx) {
        tx.put_search_document(a, doc("message", "m1", "Water leaking from the bathroom ceiling"));
        tx.put_search_document(a, doc("message", "m2", "The ceiling fan is noisy"));
        tx.put_search_document(a, doc("message", "m3", "Leak under the kitchen sink, leak everywhere"));
        tx.put_search_document(a, doc("message", "m4", "Rent receipt for January"));
        tx.put_search_document(a, doc("message", "m5", "Parking permit renewal"));
        tx.put_search_document(a, doc("message", "m6", "Package delivered to the lobby"));
        tx.put_search_document(a, doc("message", "m7", "Lease renewal questions"));
    });
    std::vector<KeywordHit> hits;
    store->read([&](Transaction& tx) { hits = tx.keyword_search(a, {"leak"}, {}, 10); });
    ASSERT_EQ(hits.size(), 2u);  // "leaking" matches "leak" (porter stemmer)
    for (std::size_t i = 1; i < hits.size(); ++i) EXPECT_GE(hits[i - 1].score, hits[i].score);
    store->read([&](Transaction& tx) {
        const auto two = tx.keyword_search(a, {"leak", "ceiling"}, {}, 10);
        ASSERT_EQ(two.size(), 3u);
        const auto top = tx.get_search_documents(a, {two[0].doc_id}, false);
        EXPECT_EQ(top.at(0).entity_id, "m1");  // the only one with both words
        EXPECT_TRUE(tx.keyword_search(a, {}, {}, 10).empty());
        EXPECT_TRUE(tx.keyword_search(a, {"   "}, {}, 10).empty());
        // Query syntax is taken literally, never parsed.
        EXPECT_NO_THROW(tx.keyword_search(a, {"leak\" OR ceiling:*", "NEAR(", "-", "*"}, {}, 10));
    });
}

// Each organization has its own FTS5 table: the same document scores the same whatever the other
// organization holds (no shared IDF), and nothing crosses over.
TEST_P(SearchStoreTest, KeywordStatisticsAreIsolatedPerOrganization) {
    store->write([&](Transaction& tx) {
        tx.put_search_document(a, doc("message", "m1", "boiler pressure low"));
        tx.put_search_document(a, doc("message", "m2", "intercom broken"));
        tx.put_search_document(a, doc("message", "m3", "parking permit"));
        tx.put_search_document(a, doc("message", "m4", "rent receipt"));
        tx.put_search_document(a, doc("message", "m5", "package in the lobby"));
        tx.put_search_document(a, doc("message", "m6", "lease renewal"));
    });
    double before = 0;
    store->read([&](Transaction& tx) { before = tx.keyword_search(a, {"boiler"}, {}, 10).at(0).score; });
    store->write([&](Transaction& tx) {
        for (int i = 0; i < 50; ++i) {
            tx.put_search_document(b, doc("message", "x" + std::to_string(i), "boiler boiler boiler repair"));
        }
    });
    store->read([&](Transaction& tx) {
        const auto after = tx.keyword_search(a, {"boiler"}, {}, 10);
        ASSERT_EQ(after.size(), 1u);
        EXPECT_DOUBLE_EQ(after[0].score, before);
        EXPECT_EQ(tx.keyword_search(b, {"intercom"}, {}, 10).size(), 0u);
        EXPECT_EQ(tx.keyword_search(b, {"boiler"}, {}, 100).size(), 50u);
        // A doc id of org-b is not a document of org-a.
        const auto bid = tx.keyword_search(b, {"boiler"}, {}, 1).at(0).doc_id;
        EXPECT_TRUE(tx.get_search_documents(a, {bid}, true).empty());
        EXPECT_EQ(tx.get_search_documents(b, {bid}, true).size(), 1u);
    });
}

TEST_P(SearchStoreTest, FiltersApplyBeforeRanking) {
    store->write([&](Transaction& tx) {
        // Many strong matches in unit 1A, one weak one in unit 2B.
        for (int i = 0; i < 30; ++i) {
            tx.put_search_document(a, doc("message", "m" + std::to_string(i), "leak leak leak ceiling leak", "1A", i));
        }
        tx.put_search_document(a, doc("work_order", "wo-9", "small leak noted during inspection of the unit", "2B", 40));
    });
    SearchFilter unit2b;
    unit2b.unit_id = "2B";
    auto ids = kw(a, {"leak"}, unit2b);
    ASSERT_EQ(ids.size(), 1u);  // found although 30 better matches exist elsewhere
    SearchFilter wo;
    wo.kinds = {"work_order"};
    EXPECT_EQ(kw(a, {"leak"}, wo).size(), 1u);
    SearchFilter range;
    range.from = day(10);
    range.until = day(20);
    EXPECT_EQ(kw(a, {"leak"}, range).size(), 10u);
    SearchFilter prop;
    prop.property_id = "p-1";
    EXPECT_EQ(kw(a, {"leak"}, prop).size(), 30u);
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.filter_search_documents(a, unit2b), ids);
        EXPECT_EQ(tx.filter_search_documents(a, range).size(), 10u);
        const auto all = tx.filter_search_documents(a, {});
        EXPECT_EQ(all.size(), 31u);
        EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
    });
}

TEST_P(SearchStoreTest, MetadataClearAndUnknownOrganizations) {
    store->write([&](Transaction& tx) {
        tx.put_search_meta(a, "vector_index", "{\"checksum\":\"abc\"}");
        tx.put_search_meta(a, "vector_index", "{\"checksum\":\"def\"}");
        tx.put_search_document(a, doc("message", "m1", "hello leak"));
    });
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.get_search_meta(a, "vector_index"), "{\"checksum\":\"def\"}");
        EXPECT_FALSE(tx.get_search_meta(b, "vector_index"));
    });
    store->write([&](Transaction& tx) { EXPECT_EQ(tx.clear_search_documents(a), 1); });
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.search_document_stats(a).live, 0);
        EXPECT_GT(tx.search_document_stats(a).seq, 1);
        EXPECT_TRUE(tx.keyword_search(a, {"leak"}, {}, 10).empty());
    });
    const OrgId ghost("ghost");
    store->read([&](Transaction& tx) {
        expect_error([&] { tx.keyword_search(ghost, {"x"}, {}, 1); }, ErrorCode::kNotFound, "unknown organization 'ghost'");
        expect_error([&] { tx.get_search_meta(ghost, "k"); }, ErrorCode::kNotFound, "ghost");
        expect_error([&] { tx.search_document_stats(ghost); }, ErrorCode::kNotFound, "ghost");
    });
}

TEST_P(SearchStoreTest, FailedTransactionsRollBackDocumentsAndTheirFtsTable) {
    expect_error([&] {
        store->write([&](Transaction& tx) {
            tx.put_search_document(a, doc("message", "m1", "boiler"));
            throw Error(ErrorCode::kInternal, "boom");
        });
    }, ErrorCode::kInternal, "boom");
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.search_document_stats(a).live, 0);
        EXPECT_TRUE(tx.keyword_search(a, {"boiler"}, {}, 10).empty());
    });
    store->write([&](Transaction& tx) { tx.put_search_document(a, doc("message", "m1", "boiler")); });
    EXPECT_EQ(kw(a, {"boiler"}).size(), 1u);
}

// A version 4 store gets the covering indexes of live documents (schema v5), filled from the
// documents it has; the keyword search and the filtered listing that name them give the same
// answers as before, tombstones left out.
TEST(SearchStoreMigrationTest, VersionFourStoresGetTheSearchFilterIndexes) {
    TempDir dir;
    const auto path = dir.file("v4.db");
    const OrgId o("o");
    std::int64_t boiler = 0, other = 0;
    {
        auto store = open_sqlite_store(path);
        make_org(*store, "o");
        store->write([&](Transaction& tx) {
            boiler = tx.put_search_document(o, doc("work_order", "w1", "boiler leaking", "1A", 1)).doc_id;
            tx.put_search_document(o, doc("work_order", "w2", "boiler noise", "1B", 2));
            other = tx.put_search_document(o, doc("message", "m1", "boiler is out", "2A", 3)).doc_id;
            tx.erase_search_document(o, "work_order", "w2");  // a tombstone: in neither index
        });
    }
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE);
        db.exec("DROP INDEX search_docs_live; DROP INDEX search_docs_by_filter; PRAGMA user_version = 4");
    }
    auto store = open_sqlite_store(path);
    EXPECT_EQ(store->schema_version(), sqlite_schema_version());
    {
        SQLite::Database db(path, SQLite::OPEN_READONLY);
        for (const char* index : {"search_docs_live", "search_docs_by_filter"}) {
            EXPECT_EQ(db.execAndGet(std::string("SELECT count(*) FROM search_docs INDEXED BY ") + index +
                                    " WHERE deleted = 0 AND org_id = 'o'")
                          .getInt(),
                      2)
                << index;
        }
    }
    store->read([&](Transaction& tx) {
        std::vector<std::int64_t> ids;
        for (const auto& h : tx.keyword_search(o, {"boiler"}, {}, 10)) ids.push_back(h.doc_id);
        std::sort(ids.begin(), ids.end());
        EXPECT_EQ(ids, (std::vector<std::int64_t>{boiler, other}));
        SearchFilter wo;
        wo.kinds = {"work_order"};
        ASSERT_EQ(tx.keyword_search(o, {"boiler"}, wo, 10).size(), 1u);
        EXPECT_EQ(tx.keyword_search(o, {"boiler"}, wo, 10)[0].doc_id, boiler);
        EXPECT_EQ(tx.filter_search_documents(o, wo), (std::vector<std::int64_t>{boiler}));
        SearchFilter unit;
        unit.unit_id = "2A";
        EXPECT_EQ(tx.filter_search_documents(o, unit), (std::vector<std::int64_t>{other}));
        SearchFilter since;
        since.from = day(2);
        EXPECT_EQ(tx.filter_search_documents(o, since), (std::vector<std::int64_t>{other}));
    });
}

// A store written by schema v1 is migrated in place and keeps its data.
TEST(SearchStoreMigrationTest, VersionOneDatabasesAreMigrated) {
    TempDir dir;
    const auto path = dir.file("v1.db");
    {
        auto store = open_sqlite_store(path);
        make_org(*store, "o");
    }
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE);
        db.exec("DROP INDEX records_by_ref; DROP INDEX records_by_ref_time; "
                "ALTER TABLE records DROP COLUMN ref; DROP TABLE sqlite_stat1; "
                "DROP TABLE record_parts; DROP TABLE search_meta; DROP TABLE search_docs; "
                "DROP TABLE search_orgs; "
                "DELETE FROM sqlite_sequence WHERE name = 'search_docs'; PRAGMA user_version = 1");
    }
    auto store = open_sqlite_store(path);
    EXPECT_EQ(store->schema_version(), sqlite_schema_version());
    store->write([&](Transaction& tx) { tx.put_search_document(OrgId("o"), doc("note", "n", "ok")); });
    store->read([&](Transaction& tx) {
        EXPECT_EQ(tx.require_organization(OrgId("o")).id.str(), "o");
        EXPECT_EQ(tx.search_document_stats(OrgId("o")).live, 1);
    });
}

TEST(SearchStoreSqliteTest, AnEmbeddingTakesHalfTheBytesAndOlderFloat32RowsStillRead) {
    TempDir dir;
    const auto path = dir.file("propos.db");
    auto store = open_sqlite_store(path);
    const auto org = make_org(*store, "org-a");
    std::vector<float> e(384);
    for (std::size_t i = 0; i < e.size(); ++i) e[i] = std::sin(static_cast<float>(i) * 0.37f) * 0.1f;
    store->write([&](Transaction& tx) {
        auto d = doc("message", "m1", "the radiator is cold");
        d.embedding = e;
        tx.put_search_document(org, d);
    });
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE);
        EXPECT_EQ(db.execAndGet("SELECT length(embedding) FROM search_docs").getInt(), 5 + 2 * 384);
        // A row written before schema v7: float32, read back exactly.
        SQLite::Statement u(db, "UPDATE search_docs SET embedding = ?");
        u.bind(1, e.data(), static_cast<int>(e.size() * sizeof(float)));
        u.exec();
    }
    store->read([&](Transaction& tx) { EXPECT_EQ(tx.find_search_document(org, "message", "m1")->embedding, e); });
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE);
        db.exec("UPDATE search_docs SET embedding = x'680000803f00'");  // tag and scale, half a value
    }
    expect_error([&] { store->read([&](Transaction& tx) { tx.find_search_document(org, "message", "m1"); }); },
                 ErrorCode::kCorrupt, "damaged embedding (6 bytes)");
}

TEST(EmbeddingCodecTest, HalfConversionsRoundToNearestEven) {
    using store_detail::float_to_half;
    using store_detail::half_to_float;
    // Every finite half value converts to a float and back unchanged.
    for (std::uint32_t h = 0; h < 0x10000u; ++h) {
        if ((h & 0x7c00u) == 0x7c00u) continue;  // infinities and NaNs
        const auto half = static_cast<std::uint16_t>(h);
        ASSERT_EQ(float_to_half(half_to_float(half)), half) << std::hex << h;
    }
    EXPECT_EQ(half_to_float(0x3c00u), 1.0f);
    EXPECT_EQ(half_to_float(0x0001u), std::ldexp(1.0f, -24));  // smallest subnormal
    EXPECT_EQ(half_to_float(0x7bffu), 65504.0f);
    // Halfway between two halves: to the even one; just above: up.
    EXPECT_EQ(float_to_half(1.0f + std::ldexp(1.0f, -11)), 0x3c00u);
    EXPECT_EQ(float_to_half(1.0f + 3 * std::ldexp(1.0f, -11)), 0x3c02u);
    EXPECT_EQ(float_to_half(std::nextafter(1.0f + std::ldexp(1.0f, -11), 2.0f)), 0x3c01u);
    EXPECT_EQ(float_to_half(std::ldexp(1.0f, -25)), 0x0000u);  // halfway to the smallest: even
    EXPECT_EQ(float_to_half(std::ldexp(1.5f, -25)), 0x0001u);
    EXPECT_EQ(float_to_half(-std::ldexp(1.0f, -30)), 0x8000u);
    EXPECT_EQ(float_to_half(65519.0f), 0x7bffu);
    EXPECT_EQ(float_to_half(65520.0f), 0x7c00u);
#if defined(__FLT16_MAX__)
    // The compiler's own binary16 as the reference, over floats of every magnitude in range.
    std::mt19937 rng(11);
    std::uniform_int_distribution<std::uint32_t> bits(0, 0x477fefffu);
    for (int n = 0; n < 200000; ++n) {
        std::uint32_t f = bits(rng) | (n % 2 ? 0x80000000u : 0u);
        float value = 0;
        std::memcpy(&value, &f, sizeof value);
        const _Float16 reference = static_cast<_Float16>(value);
        std::uint16_t expected = 0;
        std::memcpy(&expected, &reference, sizeof expected);
        ASSERT_EQ(float_to_half(value), expected) << value;
        ASSERT_EQ(half_to_float(expected), static_cast<float>(reference)) << value;
    }
#endif
}

TEST(EmbeddingCodecTest, OnlyAnOddLengthWithItsTagIsTheSixteenBitForm) {
    using store_detail::decode_embedding;
    using store_detail::encode_embedding;
    EXPECT_EQ(encode_embedding({}), "");
    EXPECT_TRUE(decode_embedding("", "e").empty());
    const auto zero = encode_embedding({0.0f, 0.0f});
    EXPECT_EQ(zero.size(), 9u);
    EXPECT_EQ(decode_embedding(zero, "e"), (std::vector<float>{0.0f, 0.0f}));
    EXPECT_EQ(encode_embedding({0.25f, -1.0f, 0.5f}).size(), 11u);
    EXPECT_EQ(decode_embedding(encode_embedding({0.25f, -1.0f, 0.5f}), "e"),
              (std::vector<float>{0.25f, -1.0f, 0.5f}));  // exactly representable
    expect_error([] { decode_embedding("abc", "search document 9"); }, ErrorCode::kCorrupt,
                 "search document 9 has a damaged embedding (3 bytes)");
    expect_error([] { decode_embedding("abcdef", "e"); }, ErrorCode::kCorrupt, "(6 bytes)");
}

// Search quality does not move (issue 23): on the labelled set of tests/data/search_eval, with the
// built-in hashing embedder, the semantic top 3 of every query and the duplicate decisions at the
// calibrated threshold are the same from 16-bit embeddings as from float32 ones.
TEST(EmbeddingCodecTest, TheLabelledSetRanksTheSameFromSixteenBitEmbeddings) {
    const std::string data = std::string(PROPOS_SOURCE_DIR) + "/tests/data/search_eval/";
    auto lines = [&](const std::string& file) {
        std::ifstream in(data + file);
        std::vector<Json> out;
        for (std::string line; std::getline(in, line);) {
            if (!line.empty()) out.push_back(Json::parse(line));
        }
        return out;
    };
    const auto corpus = lines("corpus.jsonl");
    const auto queries = lines("queries.jsonl");
    const auto pairs = lines("duplicates.jsonl");
    ASSERT_EQ(corpus.size(), 100u);
    ASSERT_GT(queries.size(), 100u);
    ASSERT_GT(pairs.size(), 100u);
    auto embedder = make_hashing_embedder();
    std::vector<std::string> texts;
    for (const auto& wo : corpus) texts.push_back(wo.at("title").get<std::string>() + ". " +
                                                  wo.at("description").get<std::string>());
    const auto documents = embedder->embed(texts);
    std::vector<std::vector<float>> stored;
    for (const auto& d : documents) stored.push_back(store_detail::stored_embedding(d));
    auto top3 = [&](const std::vector<float>& q, const std::vector<std::vector<float>>& docs) {
        std::vector<std::pair<float, std::size_t>> scored;
        for (std::size_t i = 0; i < docs.size(); ++i) scored.emplace_back(-cosine_similarity(q, docs[i]), i);
        std::sort(scored.begin(), scored.end());
        std::vector<std::size_t> out;
        for (std::size_t i = 0; i < 3; ++i) out.push_back(scored[i].second);
        return out;
    };
    int hits32 = 0, hits16 = 0, same = 0;
    for (const auto& q : queries) {
        const auto v = embedder->embed_queries({q.at("text").get<std::string>()})[0];
        const auto a = top3(v, documents), b = top3(v, stored);
        same += a == b;
        auto hit = [&](const std::vector<std::size_t>& top) {
            for (const auto i : top) {
                for (const auto& r : q.at("relevant"))
                    if (r == corpus[i].at("id")) return 1;
            }
            return 0;
        };
        hits32 += hit(a);
        hits16 += hit(b);
    }
    EXPECT_EQ(hits16, hits32) << "recall@3 moved";
    EXPECT_EQ(same, static_cast<int>(queries.size())) << "a query's top 3 moved";
    const float threshold = calibrated_thresholds(embedder->model()).duplicate;
    int agree = 0;
    float worst = 0;
    for (const auto& p : pairs) {
        const auto v = embedder->embed({p.at("a").get<std::string>(), p.at("b").get<std::string>()});
        const float exact = cosine_similarity(v[0], v[1]);
        const float half = cosine_similarity(store_detail::stored_embedding(v[0]),
                                             store_detail::stored_embedding(v[1]));
        worst = std::max(worst, std::fabs(exact - half));
        agree += (exact >= threshold) == (half >= threshold);
    }
    EXPECT_EQ(agree, static_cast<int>(pairs.size()));
    EXPECT_LT(worst, 1e-3f);
}

}  // namespace
}  // namespace propos
