// PostgreSQL engine: the search-documents capability. Keyword search is PostgreSQL full text
// (the propos_text configuration: English stemming, diacritics folded) ranked by ts_rank over the
// organization's own documents; embeddings are stored as 16-bit floats (embedding_codec.hpp), the
// source of truth that each process's vector index (HistorySearch) catches up from by change
// sequence.
#include <algorithm>

#include "embedding_codec.hpp"
#include "pg_impl.hpp"

namespace propos::pg_impl {

namespace {
constexpr const char* kDocColumns =
    "doc_id, seq, kind, entity_id, property_id, unit_id, at_ms, text, embedding, deleted";

SearchDocument doc_from_row(const Result& r, int i, bool with_embedding) {
    SearchDocument d;
    d.doc_id = r.i64(i, 0);
    d.seq = r.i64(i, 1);
    d.kind = r.str(i, 2);
    d.entity_id = r.str(i, 3);
    d.property_id = r.str(i, 4);
    d.unit_id = r.str(i, 5);
    d.at = from_unix_millis(r.i64(i, 6));
    d.text = r.str(i, 7);
    if (with_embedding && !r.null(i, 8)) {
        d.embedding = store_detail::decode_embedding(r.bytes(i, 8),
                                                     "search document " + std::to_string(d.doc_id));
    }
    d.deleted = r.boolean(i, 9);
    return d;
}

// " AND ..." for the filter's set fields, parameters added to `p`.
std::string filter_sql(const SearchFilter& f, Params& p) {
    std::string sql;
    if (!f.kinds.empty()) {
        sql += " AND kind IN (";
        for (std::size_t i = 0; i < f.kinds.size(); ++i) {
            sql += (i ? ", " : "") + p.next();
            p.text(f.kinds[i]);
        }
        sql += ")";
    }
    if (!f.property_id.empty()) {
        sql += " AND property_id = " + p.next();
        p.text(f.property_id);
    }
    if (!f.unit_id.empty()) {
        sql += " AND unit_id = " + p.next();
        p.text(f.unit_id);
    }
    if (f.from) {
        sql += " AND at_ms >= " + p.next();
        p.num(ms(*f.from));
    }
    if (f.until) {
        sql += " AND at_ms < " + p.next();
        p.num(ms(*f.until));
    }
    return sql;
}

// `blob`: the embedding's stored form (embedding_codec.hpp); none is NULL.
void add_embedding(Params& p, const std::string& blob) {
    if (blob.empty()) {
        p.null();
    } else {
        p.binary(blob);
    }
}
}  // namespace

// The organization's change sequence: its search_orgs row is locked until the transaction ends, so
// sequence numbers are handed out in commit order.
std::int64_t PgTransaction::next_search_seq(const OrgId& org) {
    Params p;
    p.text(org.str());
    return exec("INSERT INTO search_orgs (org_id, seq) VALUES ($1, 1) ON CONFLICT (org_id) DO UPDATE "
                "SET seq = search_orgs.seq + 1 RETURNING seq",
                p, "next search sequence number")
        .i64(0, 0);
}

SearchDocument PgTransaction::put_search_document(const OrgId& org, const SearchDocument& doc) {
    require_writable("put_search_document");
    check_org(org);
    if (doc.kind.empty() || doc.entity_id.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "search document needs a kind and an entity id (got '" +
                                                     doc.kind + "', '" + doc.entity_id + "')");
    }
    const std::string blob = store_detail::encode_embedding(doc.embedding);
    SearchDocument out = doc;
    out.embedding = store_detail::decode_embedding(blob, "embedding");  // as stored
    out.deleted = false;
    out.seq = next_search_seq(org);
    // PostgreSQL text cannot hold NUL (libpq would cut the value there): the indexed text is what
    // search matches, the entity keeps the original.
    std::string text = doc.text;
    std::replace(text.begin(), text.end(), '\0', ' ');
    out.text = text;
    Params p;
    p.text(org.str()).text(doc.kind).text(doc.entity_id).text(doc.property_id).text(doc.unit_id)
        .num(ms(doc.at)).text(text);
    add_embedding(p, blob);
    p.num(out.seq);
    // Replacing keeps the doc_id (also of a tombstone coming back to life).
    out.doc_id = exec("INSERT INTO search_docs (org_id, kind, entity_id, property_id, unit_id, at_ms, "
                      "text, embedding, seq, deleted, tsv) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                      "false, to_tsvector('propos_text', $7)) ON CONFLICT (org_id, kind, entity_id) DO "
                      "UPDATE SET property_id = excluded.property_id, unit_id = excluded.unit_id, "
                      "at_ms = excluded.at_ms, text = excluded.text, embedding = excluded.embedding, "
                      "seq = excluded.seq, deleted = false, tsv = excluded.tsv RETURNING doc_id",
                      p, "put search document")
                     .i64(0, 0);
    return out;
}

std::optional<SearchDocument> PgTransaction::erase_search_document(const OrgId& org,
                                                                   std::string_view kind,
                                                                   std::string_view entity_id) {
    require_writable("erase_search_document");
    check_org(org);
    Params q;
    q.text(org.str()).text(kind).text(entity_id);
    auto live = exec("SELECT doc_id FROM search_docs WHERE org_id = $1 AND kind = $2 AND entity_id = $3 "
                     "AND NOT deleted FOR UPDATE",
                     q, "erase search document");
    if (live.rows() == 0) return std::nullopt;
    SearchDocument t;
    t.doc_id = live.i64(0, 0);
    t.kind = std::string(kind);
    t.entity_id = std::string(entity_id);
    t.deleted = true;
    t.seq = next_search_seq(org);
    Params p;
    p.num(t.seq).text(org.str()).num(t.doc_id);
    exec("UPDATE search_docs SET deleted = true, text = '', embedding = NULL, tsv = ''::tsvector, "
         "seq = $1 WHERE org_id = $2 AND doc_id = $3",
         p, "erase search document");
    return t;
}

std::optional<SearchDocument> PgTransaction::find_search_document(const OrgId& org, std::string_view kind,
                                                                  std::string_view entity_id) {
    check_org(org);
    Params p;
    p.text(org.str()).text(kind).text(entity_id);
    auto r = exec(std::string("SELECT ") + kDocColumns +
                      " FROM search_docs WHERE org_id = $1 AND kind = $2 AND entity_id = $3 AND NOT deleted",
                  p, "find search document");
    if (r.rows() == 0) return std::nullopt;
    return doc_from_row(r, 0, true);
}

std::vector<SearchDocument> PgTransaction::get_search_documents(const OrgId& org,
                                                                const std::vector<std::int64_t>& doc_ids,
                                                                bool with_embeddings) {
    check_org(org);
    std::vector<SearchDocument> out;
    if (doc_ids.empty()) return out;
    // One query for all of them ($2 an array literal of integers), returned in the caller's order.
    std::string ids = "{";
    for (std::size_t i = 0; i < doc_ids.size(); ++i) ids += (i ? "," : "") + std::to_string(doc_ids[i]);
    ids += "}";
    Params p;
    p.text(org.str()).text(ids);
    auto r = exec(std::string("SELECT ") + (with_embeddings ? kDocColumns
                                                              : "doc_id, seq, kind, entity_id, property_id, "
                                                                "unit_id, at_ms, text, NULL, deleted") +
                      " FROM search_docs d JOIN unnest($2::bigint[]) WITH ORDINALITY AS w(id, n) ON "
                      "d.doc_id = w.id WHERE d.org_id = $1 AND NOT d.deleted ORDER BY w.n",
                  p, "get search documents");
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(doc_from_row(r, i, with_embeddings));
    return out;
}

std::vector<SearchDocument> PgTransaction::list_search_changes(const OrgId& org, std::int64_t after_seq,
                                                               std::size_t limit) {
    check_org(org);
    Params p;
    p.text(org.str()).num(after_seq);
    std::string sql = std::string("SELECT ") + kDocColumns +
                      " FROM search_docs WHERE org_id = $1 AND seq > $2 ORDER BY seq";
    if (limit > 0) sql += " LIMIT " + std::to_string(limit);
    auto r = exec(sql, p, "list search changes");
    std::vector<SearchDocument> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(doc_from_row(r, i, true));
    return out;
}

std::vector<std::int64_t> PgTransaction::filter_search_documents(const OrgId& org,
                                                                 const SearchFilter& filter) {
    check_org(org);
    Params p;
    p.text(org.str());
    const auto sql = "SELECT doc_id FROM search_docs WHERE org_id = $1 AND NOT deleted" +
                     filter_sql(filter, p) + " ORDER BY doc_id";
    auto r = exec(sql, p, "filter search documents");
    std::vector<std::int64_t> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.i64(i, 0));
    return out;
}

std::vector<KeywordHit> PgTransaction::keyword_search(const OrgId& org, const std::vector<std::string>& terms,
                                                      const SearchFilter& filter, std::size_t limit) {
    check_org(org);
    std::vector<KeywordHit> out;
    if (limit == 0) return out;
    Params p;
    p.text(org.str());
    // Each term a phrase (phraseto_tsquery: no query syntax reaches the parser), any of them.
    std::string query;
    for (const auto& t : terms) {
        if (t.find_first_not_of(" \t\r\n") == std::string::npos) continue;
        query += (query.empty() ? "" : " || ") + std::string("phraseto_tsquery('propos_text', ") + p.next() + ")";
        p.text(t);
    }
    if (query.empty()) return out;
    const auto filters = filter_sql(filter, p);
    auto r = exec("SELECT doc_id, ts_rank(tsv, q) AS r FROM search_docs, (SELECT " + query +
                      " AS q) AS query WHERE org_id = $1 AND NOT deleted AND tsv @@ q" + filters +
                      " ORDER BY r DESC, doc_id LIMIT " + std::to_string(limit),
                  p, "keyword search");
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(KeywordHit{r.i64(i, 0), std::stod(r.str(i, 1))});
    return out;
}

SearchDocStats PgTransaction::search_document_stats(const OrgId& org) {
    check_org(org);
    Params p;
    p.text(org.str());
    SearchDocStats st;
    auto r = exec("SELECT kind, deleted, count(*) FROM search_docs WHERE org_id = $1 GROUP BY kind, "
                  "deleted ORDER BY kind",
                  p, "search document stats");
    for (int i = 0; i < r.rows(); ++i) {
        const auto n = r.i64(i, 2);
        if (r.boolean(i, 1)) {
            st.tombstones += n;
        } else {
            st.live += n;
            st.live_by_kind.emplace_back(r.str(i, 0), n);
        }
    }
    auto q = exec("SELECT seq FROM search_orgs WHERE org_id = $1", p, "search document stats");
    if (q.rows() > 0) st.seq = q.i64(0, 0);
    return st;
}

std::int64_t PgTransaction::clear_search_documents(const OrgId& org) {
    require_writable("clear_search_documents");
    check_org(org);
    Params p;
    p.text(org.str());
    const auto removed = exec("DELETE FROM search_docs WHERE org_id = $1", p, "clear search documents").affected();
    next_search_seq(org);
    return removed;
}

std::int64_t PgTransaction::purge_search_tombstones(const OrgId& org, std::int64_t up_to_seq) {
    require_writable("purge_search_tombstones");
    check_org(org);
    Params p;
    p.text(org.str()).num(up_to_seq);
    return exec("DELETE FROM search_docs WHERE org_id = $1 AND deleted AND seq <= $2", p,
                "purge search tombstones")
        .affected();
}

std::optional<std::string> PgTransaction::get_search_meta(const OrgId& org, std::string_view key) {
    check_org(org);
    Params p;
    p.text(org.str()).text(key);
    auto r = exec("SELECT value FROM search_meta WHERE org_id = $1 AND key = $2", p, "get search metadata");
    if (r.rows() == 0) return std::nullopt;
    return r.str(0, 0);
}

void PgTransaction::put_search_meta(const OrgId& org, std::string_view key, std::string_view value) {
    require_writable("put_search_meta");
    check_org(org);
    if (key.empty()) throw Error(ErrorCode::kInvalidArgument, "search metadata key is empty");
    Params p;
    p.text(org.str()).text(key).text(value);
    exec("INSERT INTO search_meta (org_id, key, value) VALUES ($1, $2, $3) ON CONFLICT (org_id, key) "
         "DO UPDATE SET value = excluded.value",
         p, "put search metadata");
}

}  // namespace propos::pg_impl
