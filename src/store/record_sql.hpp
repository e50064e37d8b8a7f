// Private: the SQL of the record queries (Transaction::list / count / count_by / count_by_ref),
// shared by the SQLite store and the tests that check the planner's choices for it.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

#include "propos/core/ids.hpp"
#include "propos/core/time.hpp"
#include "propos/store/store.hpp"

namespace propos::sqlite_sql {

/// "SELECT <what> FROM records ... WHERE ..." for the filters in use (`ordered`: with ORDER BY and,
/// when asked for, LIMIT/OFFSET), parameters bound by `bind_list` in the same order. Columns named
/// in `what` (and in anything a caller appends) are those of `records`.
///
/// A lookup (phone, email, provider message id) is answered from records_by_lookup and
/// records_by_alt_lookup by name, whatever the statistics say: a lookup value matches a few
/// records, but most records have an empty lookup or alt_lookup, so measured statistics (ANALYZE)
/// make the two indexes look unselective and the planner would read every record of the kind.
/// CROSS JOIN keeps the matches as the outer loop (records joined by rowid, which both indexes
/// hold: schema v7).
inline std::string list_sql(const std::string& what, const ListOptions& o, bool ordered) {
    std::string sql = "SELECT " + what + " FROM ";
    if (!o.lookup.empty()) {
        sql +=
            "(SELECT rowid AS rid FROM records INDEXED BY records_by_lookup WHERE org_id = ?1 AND "
            "kind = ?2 AND lookup = ?3 UNION SELECT rowid FROM records INDEXED BY "
            "records_by_alt_lookup WHERE org_id = ?1 AND kind = ?2 AND alt_lookup = ?3) AS matched "
            "CROSS JOIN records ON records.rowid = matched.rid WHERE 1";
    } else {
        sql += "records WHERE records.org_id = ?1 AND records.kind = ?2";
    }
    if (!o.parent.empty()) sql += " AND records.parent = ?";
    if (!o.status.empty()) sql += " AND records.status = ?";
    // "ref <> ''" as written in the partial indexes records_by_ref(_time), so they can be used.
    if (!o.ref.empty()) sql += " AND records.ref = ? AND records.ref <> ''";
    if (!o.after_id.empty()) sql += " AND records.id > ?";
    if (o.since) sql += " AND records.time_ms >= ?";
    if (o.before) sql += " AND records.time_ms < ?";
    if (ordered) {
        if (!o.after_id.empty()) {
            sql += o.newest_first ? " ORDER BY records.id DESC" : " ORDER BY records.id";
        } else {
            sql += o.newest_first ? " ORDER BY records.time_ms DESC, records.id DESC"
                                  : " ORDER BY records.time_ms, records.id";
        }
        if (o.limit > 0 || o.offset > 0) sql += " LIMIT ? OFFSET ?";
    }
    return sql;
}

/// Binds the parameters of `list_sql(..., o, ordered)`.
inline void bind_list(SQLite::Statement& s, const OrgId& org, const std::string& kind,
                      const ListOptions& o, bool ordered) {
    s.bind(1, org.str());
    s.bind(2, kind);
    int i = 3;
    if (!o.lookup.empty()) s.bind(i++, o.lookup);
    if (!o.parent.empty()) s.bind(i++, o.parent);
    if (!o.status.empty()) s.bind(i++, o.status);
    if (!o.ref.empty()) s.bind(i++, o.ref);
    if (!o.after_id.empty()) s.bind(i++, o.after_id);
    if (o.since) s.bind(i++, static_cast<int64_t>(to_unix_millis(*o.since)));
    if (o.before) s.bind(i++, static_cast<int64_t>(to_unix_millis(*o.before)));
    if (ordered && (o.limit > 0 || o.offset > 0)) {
        s.bind(i++, o.limit > 0 ? static_cast<int64_t>(o.limit) : int64_t{-1});
        s.bind(i++, static_cast<int64_t>(o.offset));
    }
}

}  // namespace propos::sqlite_sql
