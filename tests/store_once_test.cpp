// Issue 19 (size, backlog): a message's text is stored once and referred to; the keyword index keeps
// no copy of the text (schema v6, migrated from v5); a vector index file saved just before a crash
// is used instead of being rebuilt.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>

#include "propos/agent/agent_runner.hpp"
#include "propos/coordinator.hpp"
#include "propos/search/embedder.hpp"
#include "propos/search/history_search.hpp"
#include "test_util.hpp"

namespace propos {
namespace {
using propos::testing::expect_error;
using propos::testing::make_org;
using propos::testing::TempDir;

// The sample portfolio (examples/data/portfolio.json): organization "harbor".
Json portfolio() {
    std::ifstream in(std::string(PROPOS_SOURCE_DIR) + "/examples/data/portfolio.json");
    return parse_json(std::string(std::istreambuf_iterator<char>(in), {}), "portfolio.json");
}

// Occurrences of `needle` in every text or blob column of every table of the database at `path`,
// by table (tables without one are left out).
std::map<std::string, std::int64_t> occurrences(const std::string& path, const std::string& needle) {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    std::vector<std::string> tables;
    {
        SQLite::Statement s(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'");
        while (s.executeStep()) tables.push_back(s.getColumn(0).getString());
    }
    std::map<std::string, std::int64_t> out;
    for (const auto& t : tables) {
        std::vector<std::string> columns;
        SQLite::Statement c(db, "SELECT name FROM pragma_table_info(?)");
        c.bind(1, t);
        while (c.executeStep()) columns.push_back(c.getColumn(0).getString());
        std::int64_t n = 0;
        for (const auto& col : columns) {
            SQLite::Statement q(db, "SELECT coalesce(sum((length(CAST(\"" + col + "\" AS TEXT)) - length(replace(CAST(\"" +
                                        col + "\" AS TEXT), ?1, ''))) / length(?1)), 0) FROM \"" + t + "\"");
            q.bind(1, needle);
            q.executeStep();
            n += q.getColumn(0).getInt64();
        }
        if (n > 0) out[t] = n;
    }
    return out;
}

class StoreOnceTest : public ::testing::Test {
protected:
    void SetUp() override {
        store = std::shared_ptr<Store>(open_sqlite_store(dir.file("s.db")));
        import_portfolio(*store, portfolio(), clock->now());
        CoordinatorOptions o;
        o.store = store;
        o.clock = clock;
        o.seed = 3;
        c = std::make_unique<Coordinator>(std::move(o));
    }
    // A long repair request whose last words (past the 4,000 characters a work order's description
    // keeps) are a marker found nowhere else.
    std::string long_text() const {
        std::string text = "The kitchen sink is leaking under the cabinet and the floor is wet.";
        while (text.size() < 6000) text += " It keeps dripping into the cabinet below the sink.";
        return text + " " + kMarker;
    }
    MessageId ingest(const std::string& text) {
        IncomingMessage m;
        m.provider = "test";
        m.provider_message_id = "sm1";
        m.from = portfolio()["organizations"][0]["tenants"][0]["phone"].get<std::string>();
        m.text = text;
        return c->ingest(org, m).message_id;
    }

    static constexpr const char* kMarker = "ZQXJ-END-OF-LONG-REQUEST";
    TempDir dir;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(parse_time("2026-01-05T14:00:00Z"));
    std::shared_ptr<Store> store;
    std::unique_ptr<Coordinator> c;
    const OrgId org{"harbor"};
};

// The text of a processed message is kept by its raw payload, its record and its search document:
// the agent run refers to the message (it used to copy it twice), and the keyword index keeps no
// content table of its own (it used to keep a third copy).
TEST_F(StoreOnceTest, MessageTextIsStoredOnceAndReferredTo) {
    const auto id = ingest(long_text());
    c->run_until_idle();
    ASSERT_EQ(c->work_orders(org).size(), 1u);
    const auto found = occurrences(dir.file("s.db"), kMarker);
    std::string seen;
    for (const auto& [t, n] : found) seen += t + "=" + std::to_string(n) + " ";
    EXPECT_EQ(found, (std::map<std::string, std::int64_t>{{"raw_payloads", 1}, {"records", 1}, {"search_docs", 1}}))
        << seen;

    // The run reads its text back from the message, in full.
    store->read([&](Transaction& tx) {
        const auto run = load_agent_run(tx, org, "run_" + id.str());
        ASSERT_TRUE(run.has_value());
        EXPECT_EQ(run->inbound_text, long_text());
        ASSERT_TRUE(run->inbound_message_id.has_value());
        EXPECT_EQ(*run->inbound_message_id, id);
        ASSERT_FALSE(run->messages.empty());
        ASSERT_FALSE(run->messages.front().content.empty());
        EXPECT_NE(run->messages.front().content.front().text.find(kMarker), std::string::npos);
        EXPECT_FALSE(run->system.empty());
    });
}

// Runs saved before this change, with their texts inline in their parts, are read as they were.
TEST_F(StoreOnceTest, RunsSavedWithTheirTextsInlineAreStillRead) {
    const auto id = ingest(long_text());
    c->run_until_idle();
    const auto run_id = "run_" + id.str();
    const auto now = store->read_result([&](Transaction& tx) { return *load_agent_run(tx, org, run_id); });
    store->write([&](Transaction& tx) {  // parts 0 and 1 as the previous version wrote them
        tx.put_record_part(org, "agent_run", run_id, 0,
                           canonical_json(Json{{"inbound_text", now.inbound_text}, {"system", Json(now)["system"]}}));
        tx.put_record_part(org, "agent_run", run_id, 1, canonical_json(Json(now.messages.front())));
    });
    const auto old = store->read_result([&](Transaction& tx) { return *load_agent_run(tx, org, run_id); });
    EXPECT_EQ(old.inbound_text, now.inbound_text);
    EXPECT_FALSE(old.inbound_message_id.has_value());
    EXPECT_EQ(canonical_json(Json(old.system)), canonical_json(Json(now.system)));
    EXPECT_EQ(canonical_json(Json(old.messages)), canonical_json(Json(now.messages)));
}

// A message whose text was changed after the run referred to it is reported, not silently read.
TEST_F(StoreOnceTest, ARunWhoseMessageChangedIsReportedAsCorrupt) {
    const auto id = ingest(long_text());
    c->run_until_idle();
    store->write([&](Transaction& tx) {
        auto m = tx.get<Message>(org, id.str());
        m.body += " (edited)";
        tx.put(org, m);
    });
    store->read([&](Transaction& tx) {
        expect_error([&] { load_agent_run(tx, org, "run_" + id.str()); }, ErrorCode::kCorrupt,
                     "takes its inbound text from message '" + id.str() + "'");
    });
}

// Runs whose task names no message, and short texts, keep their text inline as before.
TEST_F(StoreOnceTest, ShortTextsStayInline) {
    const auto id = ingest("Toilet is clogged");
    c->run_until_idle();
    store->read([&](Transaction& tx) {
        const auto run = load_agent_run(tx, org, "run_" + id.str());
        ASSERT_TRUE(run.has_value());
        EXPECT_EQ(run->inbound_text, "Toilet is clogged");
        EXPECT_NE(run->messages.front().content.front().text.find("Toilet is clogged"), std::string::npos);
    });
}

SearchDocument doc(const std::string& kind, const std::string& id, const std::string& text) {
    SearchDocument d;
    d.kind = kind;
    d.entity_id = id;
    d.text = text;
    d.property_id = "p1";
    return d;
}

std::vector<std::int64_t> keyword_ids(Store& store, const OrgId& org, const std::string& term,
                                      std::vector<std::string> kinds = {}) {
    std::vector<std::int64_t> ids;
    store.read([&](Transaction& tx) {
        SearchFilter f;
        f.kinds = std::move(kinds);
        for (const auto& h : tx.keyword_search(org, {term}, f, 50)) ids.push_back(h.doc_id);
    });
    std::sort(ids.begin(), ids.end());
    return ids;
}

// A database whose keyword indexes have the layout before schema v6 (their own copy of the text, no
// kind column) opens, is migrated in place, and searches, updates and erasures work on it.
TEST(SearchFtsMigrationTest, VersionFiveKeywordIndexesAreRebuiltWithoutTheirCopy) {
    TempDir dir;
    const auto path = dir.file("v5.db");
    const OrgId o("o");
    std::int64_t boiler = 0, msg = 0, gone = 0;
    {
        auto store = open_sqlite_store(path);
        make_org(*store, "o");
        make_org(*store, "other");
        store->write([&](Transaction& tx) {
            boiler = tx.put_search_document(o, doc("work_order", "w1", "boiler leaking in the basement")).doc_id;
            msg = tx.put_search_document(o, doc("message", "m1", "the boiler is out again")).doc_id;
            gone = tx.put_search_document(o, doc("note", "n1", "boiler serviced")).doc_id;
            tx.erase_search_document(o, "note", "n1");  // a tombstone: not in the keyword index
            tx.put_search_document(OrgId("other"), doc("message", "x1", "boiler elsewhere"));
        });
    }
    {
        // Back to the v5 layout, as main left it.
        SQLite::Database db(path, SQLite::OPEN_READWRITE);
        SQLite::Statement orgs(db, "SELECT org_id, fts_table FROM search_orgs");
        std::vector<std::pair<std::string, std::int64_t>> all;
        while (orgs.executeStep()) all.emplace_back(orgs.getColumn(0).getString(), orgs.getColumn(1).getInt64());
        for (const auto& [org, n] : all) {
            const auto t = "search_fts_" + std::to_string(n);
            db.exec("DROP TABLE " + t);
            db.exec("CREATE VIRTUAL TABLE " + t + " USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2')");
            SQLite::Statement fill(db, "INSERT INTO " + t +
                                           " (rowid, text) SELECT doc_id, text FROM search_docs WHERE org_id = ? AND deleted = 0");
            fill.bind(1, org);
            fill.exec();
        }
        db.exec("PRAGMA user_version = 5");
        ASSERT_EQ(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name LIKE 'search_fts_%_content'").getInt(), 2);
    }
    auto store = open_sqlite_store(path);
    EXPECT_EQ(store->schema_version(), sqlite_schema_version());
    EXPECT_EQ(sqlite_schema_version(), 7);
    {
        SQLite::Database db(path, SQLite::OPEN_READONLY);
        EXPECT_EQ(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name LIKE 'search_fts_%_content'").getInt(), 0);
        EXPECT_EQ(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name LIKE 'search_fts_%' AND sql LIKE "
                                "'%content = ''search_docs''%'")
                      .getInt(),
                  2);
    }
    EXPECT_EQ(keyword_ids(*store, o, "boiler"), (std::vector<std::int64_t>{boiler, msg}));
    EXPECT_EQ(keyword_ids(*store, o, "boiler", {"work_order"}), (std::vector<std::int64_t>{boiler}));
    EXPECT_EQ(keyword_ids(*store, o, "boiler", {"message", "note"}), (std::vector<std::int64_t>{msg}));
    EXPECT_EQ(keyword_ids(*store, o, "serviced"), std::vector<std::int64_t>{});
    // "order" is in the kind column, not in any text.
    EXPECT_EQ(keyword_ids(*store, o, "order"), std::vector<std::int64_t>{});

    // Updates and erasures keep the index exact: the old words stop matching.
    store->write([&](Transaction& tx) {
        tx.put_search_document(o, doc("work_order", "w1", "radiator replaced"));
        tx.erase_search_document(o, "message", "m1");
        tx.put_search_document(o, doc("note", "n1", "boiler serviced again"));
    });
    EXPECT_EQ(keyword_ids(*store, o, "boiler"), (std::vector<std::int64_t>{gone}));
    EXPECT_EQ(keyword_ids(*store, o, "radiator", {"work_order"}), (std::vector<std::int64_t>{boiler}));
    EXPECT_EQ(keyword_ids(*store, OrgId("other"), "boiler").size(), 1u);
    store->write([&](Transaction& tx) { tx.clear_search_documents(o); });
    EXPECT_EQ(keyword_ids(*store, o, "boiler"), std::vector<std::int64_t>{});
    EXPECT_EQ(keyword_ids(*store, OrgId("other"), "boiler").size(), 1u);
}

// A process killed between writing an organization's vector index file and recording it in the
// store leaves a whole file newer than the record: the next process catches up from it instead of
// rebuilding the index from every stored embedding (which is what made a restart on a large
// backlog wait a minute).
TEST(SearchIndexCrashTest, AFileSavedJustBeforeACrashIsUsed) {
    TempDir dir;
    const auto path = dir.file("h.db");
    std::shared_ptr<Store> store(open_sqlite_store(path));
    const auto org = make_org(*store, "o");
    std::shared_ptr<Embedder> embedder = make_hashing_embedder();
    std::string recorded_before;
    {
        HistorySearch s(*store, embedder);
        for (int i = 0; i < 20; ++i) {
            const auto id = "n" + std::to_string(i);
            store->write([&](Transaction& tx) {
                Note n;
                n.id = NoteId(id);
                n.text = "boiler check number " + std::to_string(i);
                n.at = ManualClock::default_start();
                tx.put(org, n);
            });
            s.index_note(org, NoteId(id));
            if (i == 9) {
                s.flush();
                recorded_before = *store->read_result(
                    [&](Transaction& tx) { return tx.get_search_meta(org, "vector_index"); });
            }
        }
        s.flush();
    }
    // The crash: the second file is on disk, the store still records the first.
    store->write([&](Transaction& tx) { tx.put_search_meta(org, "vector_index", recorded_before); });
    HistorySearch again(*store, embedder);
    SearchQuery q;
    q.text = "boiler check";
    q.k = 20;
    EXPECT_EQ(again.search(org, q).size(), 20u);
    const auto st = again.status(org);
    EXPECT_EQ(st.vectors, 20u);
    EXPECT_EQ(st.unsaved_changes, 0u);
    // Not rebuilt: a rebuild saves a new file and records it.
    EXPECT_EQ(*store->read_result([&](Transaction& tx) { return tx.get_search_meta(org, "vector_index"); }),
              recorded_before);
}

}  // namespace
}  // namespace propos
