// SQLite engine: the search-documents capability (documents, per-organization FTS5 tables,
// the change sequence).
#include "embedding_codec.hpp"
#include "sqlite_impl.hpp"

namespace propos::sqlite_impl {

// ---- search documents ----

namespace {


SearchDocument read_search_doc(SQLite::Statement& s, bool with_embedding) {
    SearchDocument d;
    d.doc_id = s.getColumn(0).getInt64();
    d.seq = s.getColumn(1).getInt64();
    d.kind = s.getColumn(2).getString();
    d.entity_id = s.getColumn(3).getString();
    d.property_id = s.getColumn(4).getString();
    d.unit_id = s.getColumn(5).getString();
    d.at = from_unix_millis(s.getColumn(6).getInt64());
    d.text = s.getColumn(7).getString();
    if (with_embedding) {
        const auto& c = s.getColumn(8);
        if (!c.isNull()) {
            d.embedding = store_detail::decode_embedding(
                std::string_view(static_cast<const char*>(c.getBlob()),
                                 static_cast<std::size_t>(c.getBytes())),
                "search document " + std::to_string(d.doc_id));
        }
    }
    d.deleted = s.getColumn(9).getInt() != 0;
    return d;
}

// " AND ..." for the filter's set fields, over the search_docs alias `d`; bound in this order.
std::string search_filter_sql(const SearchFilter& f) {
    std::string sql;
    if (!f.kinds.empty()) {
        sql += " AND d.kind IN (";
        for (std::size_t i = 0; i < f.kinds.size(); ++i) sql += i ? ", ?" : "?";
        sql += ")";
    }
    if (!f.property_id.empty()) sql += " AND d.property_id = ?";
    if (!f.unit_id.empty()) sql += " AND d.unit_id = ?";
    if (f.from) sql += " AND d.at_ms >= ?";
    if (f.until) sql += " AND d.at_ms < ?";
    return sql;
}
int bind_search_filter(SQLite::Statement& s, int i, const SearchFilter& f) {
    for (const auto& k : f.kinds) s.bind(i++, k);
    if (!f.property_id.empty()) s.bind(i++, f.property_id);
    if (!f.unit_id.empty()) s.bind(i++, f.unit_id);
    if (f.from) s.bind(i++, static_cast<int64_t>(ms(*f.from)));
    if (f.until) s.bind(i++, static_cast<int64_t>(ms(*f.until)));
    return i;
}

// `blob`: the embedding's stored form (embedding_codec.hpp); none is NULL.
void bind_embedding(SQLite::Statement& s, int i, const std::string& blob) {
    if (blob.empty()) {
        s.bind(i);
    } else {
        s.bind(i, blob.data(), static_cast<int>(blob.size()));
    }
}

}  // namespace

std::optional<std::int64_t> SqliteTransaction::search_fts_table(const OrgId& org) {
    auto s = stmt("SELECT fts_table FROM search_orgs WHERE org_id = ?");
    s->bind(1, org.str());
    if (!s->executeStep()) return std::nullopt;
    return s->getColumn(0).getInt64();
}

std::int64_t SqliteTransaction::ensure_search_org(const OrgId& org) {
    if (auto n = search_fts_table(org)) return *n;
    std::int64_t n = 0;
    {
        auto s = stmt(
            "INSERT INTO search_orgs (org_id, fts_table, seq) "
            "SELECT ?, COALESCE(MAX(fts_table), 0) + 1, 0 FROM search_orgs RETURNING fts_table");
        s->bind(1, org.str());
        s->executeStep();
        n = s->getColumn(0).getInt64();
    }
    store_.db().exec(create_fts_sql(n));
    return n;
}

void SqliteTransaction::fts_delete(std::int64_t n, std::int64_t doc_id, const std::string& text,
                                   const std::string& kind) {
    const auto t = fts_name(n);
    auto d = store_.stmt_text("INSERT INTO " + t + " (" + t + ", rowid, text, kind) VALUES ('delete', ?, ?, ?)");
    d->bind(1, static_cast<int64_t>(doc_id));
    d->bind(2, text);
    d->bind(3, kind);
    d->exec();
}

std::int64_t SqliteTransaction::next_search_seq(const OrgId& org) {
    auto s = stmt("UPDATE search_orgs SET seq = seq + 1 WHERE org_id = ? RETURNING seq");
    s->bind(1, org.str());
    if (!s->executeStep()) {
        throw Error(ErrorCode::kInternal, "organization '" + org.str() + "' is not registered for search");
    }
    return s->getColumn(0).getInt64();
}

SearchDocument SqliteTransaction::put_search_document(const OrgId& org, const SearchDocument& doc) {
    require_writable("put_search_document");
    check_org(org);
    if (doc.kind.empty() || doc.entity_id.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "search document needs a kind and an entity id (got '" +
                                                     doc.kind + "', '" + doc.entity_id + "')");
    }
    return guarded("put search document", [&] {
        const std::int64_t n = ensure_search_org(org);
        const std::string blob = store_detail::encode_embedding(doc.embedding);
        SearchDocument out = doc;
        out.embedding = store_detail::decode_embedding(blob, "embedding");  // as stored
        out.deleted = false;
        out.seq = next_search_seq(org);
        std::optional<std::int64_t> existing;
        bool was_live = false;
        std::string old_text;  // what the keyword index holds for it (external content, v6)
        {
            auto q = stmt(
                "SELECT doc_id, deleted, text FROM search_docs WHERE org_id = ? AND kind = ? AND "
                "entity_id = ?");
            q->bind(1, org.str());
            q->bind(2, doc.kind);
            q->bind(3, doc.entity_id);
            if (q->executeStep()) {
                existing = q->getColumn(0).getInt64();
                was_live = q->getColumn(1).getInt() == 0;
                old_text = q->getColumn(2).getString();
            }
        }
        if (existing) {
            out.doc_id = *existing;
            if (was_live) fts_delete(n, out.doc_id, old_text, doc.kind);
            auto u = stmt(
                "UPDATE search_docs SET property_id = ?, unit_id = ?, at_ms = ?, text = ?, "
                "embedding = ?, seq = ?, deleted = 0 WHERE doc_id = ?");
            u->bind(1, doc.property_id);
            u->bind(2, doc.unit_id);
            u->bind(3, static_cast<int64_t>(ms(doc.at)));
            u->bind(4, doc.text);
            bind_embedding(*u, 5, blob);
            u->bind(6, static_cast<int64_t>(out.seq));
            u->bind(7, static_cast<int64_t>(out.doc_id));
            u->exec();
        } else {
            auto i = stmt(
                "INSERT INTO search_docs (org_id, kind, entity_id, property_id, unit_id, at_ms, text, "
                "embedding, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            i->bind(1, org.str());
            i->bind(2, doc.kind);
            i->bind(3, doc.entity_id);
            i->bind(4, doc.property_id);
            i->bind(5, doc.unit_id);
            i->bind(6, static_cast<int64_t>(ms(doc.at)));
            i->bind(7, doc.text);
            bind_embedding(*i, 8, blob);
            i->bind(9, static_cast<int64_t>(out.seq));
            i->exec();
            out.doc_id = store_.db().getLastInsertRowid();
        }
        auto f = store_.stmt_text("INSERT INTO " + fts_name(n) + " (rowid, text, kind) VALUES (?, ?, ?)");
        f->bind(1, static_cast<int64_t>(out.doc_id));
        f->bind(2, doc.text);
        f->bind(3, doc.kind);
        f->exec();
        return out;
    });
}

std::optional<SearchDocument> SqliteTransaction::erase_search_document(const OrgId& org,
                                                                       std::string_view kind,
                                                                       std::string_view entity_id) {
    require_writable("erase_search_document");
    check_org(org);
    return guarded("erase search document", [&]() -> std::optional<SearchDocument> {
        const auto n = search_fts_table(org);
        if (!n) return std::nullopt;
        SearchDocument t;
        {
            auto q = stmt(
                "SELECT doc_id, text FROM search_docs WHERE org_id = ? AND kind = ? AND entity_id = ? AND "
                "deleted = 0");
            q->bind(1, org.str());
            q->bind(2, std::string(kind));
            q->bind(3, std::string(entity_id));
            if (!q->executeStep()) return std::nullopt;
            t.doc_id = q->getColumn(0).getInt64();
            t.text = q->getColumn(1).getString();
        }
        t.kind = std::string(kind);
        t.entity_id = std::string(entity_id);
        t.deleted = true;
        t.seq = next_search_seq(org);
        fts_delete(*n, t.doc_id, t.text, t.kind);
        t.text.clear();
        auto u = stmt(
            "UPDATE search_docs SET deleted = 1, text = '', embedding = NULL, seq = ? WHERE doc_id = ?");
        u->bind(1, static_cast<int64_t>(t.seq));
        u->bind(2, static_cast<int64_t>(t.doc_id));
        u->exec();
        return t;
    });
}

std::optional<SearchDocument> SqliteTransaction::find_search_document(const OrgId& org,
                                                                      std::string_view kind,
                                                                      std::string_view entity_id) {
    check_org(org);
    return guarded("find search document", [&]() -> std::optional<SearchDocument> {
        auto s = stmt(
            "SELECT doc_id, seq, kind, entity_id, property_id, unit_id, at_ms, text, embedding, "
            "deleted FROM search_docs WHERE org_id = ? AND kind = ? AND entity_id = ? AND deleted = 0");
        s->bind(1, org.str());
        s->bind(2, std::string(kind));
        s->bind(3, std::string(entity_id));
        if (!s->executeStep()) return std::nullopt;
        return read_search_doc(*s, true);
    });
}

std::vector<SearchDocument> SqliteTransaction::get_search_documents(
    const OrgId& org, const std::vector<std::int64_t>& doc_ids, bool with_embeddings) {
    check_org(org);
    return guarded("get search documents", [&] {
        std::vector<SearchDocument> out;
        out.reserve(doc_ids.size());
        for (const auto id : doc_ids) {
            auto s = stmt(
                "SELECT doc_id, seq, kind, entity_id, property_id, unit_id, at_ms, text, embedding, "
                "deleted FROM search_docs WHERE doc_id = ? AND org_id = ? AND deleted = 0");
            s->bind(1, static_cast<int64_t>(id));
            s->bind(2, org.str());
            if (s->executeStep()) out.push_back(read_search_doc(*s, with_embeddings));
        }
        return out;
    });
}

std::vector<SearchDocument> SqliteTransaction::list_search_changes(const OrgId& org,
                                                                   std::int64_t after_seq,
                                                                   std::size_t limit) {
    check_org(org);
    return guarded("list search changes", [&] {
        auto s = stmt(
            "SELECT doc_id, seq, kind, entity_id, property_id, unit_id, at_ms, text, embedding, "
            "deleted FROM search_docs WHERE org_id = ? AND seq > ? ORDER BY seq LIMIT ?");
        s->bind(1, org.str());
        s->bind(2, static_cast<int64_t>(after_seq));
        s->bind(3, limit > 0 ? static_cast<int64_t>(limit) : static_cast<int64_t>(-1));
        std::vector<SearchDocument> out;
        while (s->executeStep()) out.push_back(read_search_doc(*s, true));
        return out;
    });
}

std::vector<std::int64_t> SqliteTransaction::filter_search_documents(const OrgId& org,
                                                                     const SearchFilter& filter) {
    check_org(org);
    return guarded("filter search documents", [&] {
        // Named index (schema v5): without statistics for search_docs the planner may take
        // search_docs_by_entity and read every document's row for its property and time.
        auto s = store_.stmt_text(
            "SELECT d.doc_id FROM search_docs d INDEXED BY search_docs_by_filter "
            "WHERE d.org_id = ? AND d.deleted = 0" +
            search_filter_sql(filter) + " ORDER BY d.doc_id");
        s->bind(1, org.str());
        bind_search_filter(*s, 2, filter);
        std::vector<std::int64_t> out;
        while (s->executeStep()) out.push_back(s->getColumn(0).getInt64());
        return out;
    });
}

std::vector<KeywordHit> SqliteTransaction::keyword_search(const OrgId& org,
                                                          const std::vector<std::string>& terms,
                                                          const SearchFilter& filter,
                                                          std::size_t limit) {
    check_org(org);
    return guarded("keyword search", [&] {
        std::vector<KeywordHit> out;
        // Each term becomes an FTS5 string ("..." with quotes doubled): no operator or column
        // syntax in the input can reach the query parser.
        std::string match;
        for (const auto& t : terms) {
            if (t.find_first_not_of(" \t\r\n") == std::string::npos) continue;
            std::string quoted = "\"";
            for (char c : t) {
                quoted += c;
                if (c == '"') quoted += '"';
            }
            quoted += '"';
            if (!match.empty()) match += " OR ";
            match += quoted;
        }
        if (match.empty() || limit == 0) return out;
        const auto n = search_fts_table(org);
        if (!n) return out;
        const std::string t = fts_name(*n);
        // The terms match the text column only. Kinds asked for are matched in the index's kind
        // column (schema v6): FTS5 then seeks through the terms' lists to those kinds' documents
        // instead of ranking every message of a large backlog (the precedent search of each new
        // message asks for work orders only).
        match = "text : (" + match + ")";
        if (!filter.kinds.empty()) {
            std::string kinds;
            for (const auto& k : filter.kinds) {
                std::string quoted = "\"";
                for (char c : k) {
                    quoted += c;
                    if (c == '"') quoted += '"';
                }
                kinds += (kinds.empty() ? "" : " OR ") + quoted + "\"";
            }
            match = "kind : (" + kinds + ") AND " + match;
        }
        // Every match is checked against the covering index of live documents (schema v5), not
        // the document's row; CROSS JOIN keeps the FTS5 table the outer loop. The kind column
        // weighs nothing in the ranking.
        auto s = store_.stmt_text("SELECT d.doc_id, bm25(" + t + ", 1.0, 0.0) AS r FROM " + t +
                                  " CROSS JOIN search_docs d INDEXED BY search_docs_live"
                                  " ON d.doc_id = " + t + ".rowid WHERE " + t +
                                  " MATCH ? AND d.org_id = ? AND d.deleted = 0" +
                                  search_filter_sql(filter) + " ORDER BY r, d.doc_id LIMIT ?");
        s->bind(1, match);
        s->bind(2, org.str());
        const int i = bind_search_filter(*s, 3, filter);
        s->bind(i, static_cast<int64_t>(limit));
        while (s->executeStep()) {
            out.push_back(KeywordHit{s->getColumn(0).getInt64(), -s->getColumn(1).getDouble()});
        }
        return out;
    });
}

SearchDocStats SqliteTransaction::search_document_stats(const OrgId& org) {
    check_org(org);
    return guarded("search document stats", [&] {
        SearchDocStats st;
        {
            auto s = stmt(
                "SELECT kind, deleted, count(*) FROM search_docs WHERE org_id = ? GROUP BY kind, "
                "deleted ORDER BY kind");
            s->bind(1, org.str());
            while (s->executeStep()) {
                const auto n = s->getColumn(2).getInt64();
                if (s->getColumn(1).getInt() != 0) {
                    st.tombstones += n;
                } else {
                    st.live += n;
                    st.live_by_kind.emplace_back(s->getColumn(0).getString(), n);
                }
            }
        }
        auto q = stmt("SELECT seq FROM search_orgs WHERE org_id = ?");
        q->bind(1, org.str());
        if (q->executeStep()) st.seq = q->getColumn(0).getInt64();
        return st;
    });
}

std::int64_t SqliteTransaction::clear_search_documents(const OrgId& org) {
    require_writable("clear_search_documents");
    check_org(org);
    return guarded("clear search documents", [&] {
        const std::int64_t n = ensure_search_org(org);
        auto s = stmt("DELETE FROM search_docs WHERE org_id = ?");
        s->bind(1, org.str());
        const std::int64_t removed = s->exec();
        store_.db().exec("INSERT INTO " + fts_name(n) + " (" + fts_name(n) + ") VALUES ('delete-all')");
        next_search_seq(org);
        return removed;
    });
}

std::int64_t SqliteTransaction::purge_search_tombstones(const OrgId& org, std::int64_t up_to_seq) {
    require_writable("purge_search_tombstones");
    check_org(org);
    return guarded("purge search tombstones", [&] {
        auto s = stmt("DELETE FROM search_docs WHERE org_id = ? AND deleted = 1 AND seq <= ?");
        s->bind(1, org.str());
        s->bind(2, static_cast<int64_t>(up_to_seq));
        return static_cast<std::int64_t>(s->exec());
    });
}

std::optional<std::string> SqliteTransaction::get_search_meta(const OrgId& org, std::string_view key) {
    check_org(org);
    return guarded("get search metadata", [&]() -> std::optional<std::string> {
        auto s = stmt("SELECT value FROM search_meta WHERE org_id = ? AND key = ?");
        s->bind(1, org.str());
        s->bind(2, std::string(key));
        if (!s->executeStep()) return std::nullopt;
        return s->getColumn(0).getString();
    });
}

void SqliteTransaction::put_search_meta(const OrgId& org, std::string_view key, std::string_view value) {
    require_writable("put_search_meta");
    check_org(org);
    if (key.empty()) throw Error(ErrorCode::kInvalidArgument, "search metadata key is empty");
    guarded("put search metadata", [&] {
        auto s = stmt(
            "INSERT INTO search_meta (org_id, key, value) VALUES (?, ?, ?) "
            "ON CONFLICT(org_id, key) DO UPDATE SET value = excluded.value");
        s->bind(1, org.str());
        s->bind(2, std::string(key));
        s->bind(3, std::string(value));
        s->exec();
    });
}

}  // namespace propos::sqlite_impl
