// SQLite implementation of the Store interface: the store itself, organizations, records and counters.
//
// One connection guarded by a mutex: transactions are serialized within a process; other processes
// are kept out by SQLite's own locking (WAL, BEGIN IMMEDIATE for writes, busy timeout).
#include "sqlite_impl.hpp"
#include "store_checks.hpp"

namespace propos {
namespace sqlite_impl {

void SqliteTransaction::put_organization(const Organization& org) {
    require_writable("put_organization");
    if (org.id.empty()) throw Error(ErrorCode::kInvalidArgument, "organization has an empty id");
    if (org.name.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "organization '" + org.id.str() + "' has an empty name");
    }
    guarded("put organization", [&] {
        auto s = stmt(
            "INSERT INTO organizations (id, name, created_ms, data) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, data = excluded.data");
        s->bind(1, org.id.str());
        s->bind(2, org.name);
        s->bind(3, static_cast<int64_t>(ms(org.created_at)));
        s->bind(4, canonical_json(Json(org)));
        s->exec();
    });
    created_orgs.push_back(org.id.str());
}

std::optional<Organization> SqliteTransaction::find_organization(const OrgId& org) {
    return guarded("find organization", [&]() -> std::optional<Organization> {
        auto s = stmt("SELECT data FROM organizations WHERE id = ?");
        s->bind(1, org.str());
        if (!s->executeStep()) return std::nullopt;
        return parse_json(s->getColumn(0).getString(), "organization").get<Organization>();
    });
}

void SqliteTransaction::put_record(const OrgId& org, std::string_view kind, const std::string& id,
                                   const RecordKeys& keys, const std::string& json) {
    require_writable("put");
    check_org(org);
    guarded("put record", [&] {
        // Most puts rewrite a record whose keys did not change (a work order's history, an agent
        // run's next step): then only the data is updated, in place, and none of the indexes is
        // touched. INSERT OR REPLACE would delete and re-insert the row and every index entry.
        {
            auto u = stmt(
                "UPDATE records SET data = ? WHERE org_id = ? AND kind = ? AND id = ? AND "
                "parent = ? AND status = ? AND lookup = ? AND alt_lookup = ? AND time_ms = ? AND "
                "ref = ?");
            u->bindNoCopy(1, json);
            u->bindNoCopy(2, org.str());
            u->bind(3, std::string(kind));
            u->bindNoCopy(4, id);
            u->bindNoCopy(5, keys.parent);
            u->bindNoCopy(6, keys.status);
            u->bindNoCopy(7, keys.lookup);
            u->bindNoCopy(8, keys.alt_lookup);
            u->bind(9, static_cast<int64_t>(keys.time_ms));
            u->bindNoCopy(10, keys.ref);
            if (u->exec() > 0) return;
        }
        // Keys changed (a work order's status): the row is updated where it is, keeping its rowid
        // (schema v7) and so its place in the table; a replace would move it to the table's end
        // and leave its old space unused.
        {
            auto u = stmt(
                "UPDATE records SET parent = ?, status = ?, lookup = ?, alt_lookup = ?, "
                "time_ms = ?, data = ?, ref = ? WHERE org_id = ? AND kind = ? AND id = ?");
            u->bindNoCopy(1, keys.parent);
            u->bindNoCopy(2, keys.status);
            u->bindNoCopy(3, keys.lookup);
            u->bindNoCopy(4, keys.alt_lookup);
            u->bind(5, static_cast<int64_t>(keys.time_ms));
            u->bindNoCopy(6, json);
            u->bindNoCopy(7, keys.ref);
            u->bindNoCopy(8, org.str());
            u->bind(9, std::string(kind));
            u->bindNoCopy(10, id);
            if (u->exec() > 0) return;
        }
        auto s = stmt(
            "INSERT INTO records (org_id, kind, id, parent, status, lookup, alt_lookup, "
            "time_ms, data, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        s->bindNoCopy(1, org.str());
        s->bind(2, std::string(kind));
        s->bindNoCopy(3, id);
        s->bindNoCopy(4, keys.parent);
        s->bindNoCopy(5, keys.status);
        s->bindNoCopy(6, keys.lookup);
        s->bindNoCopy(7, keys.alt_lookup);
        s->bind(8, static_cast<int64_t>(keys.time_ms));
        s->bindNoCopy(9, json);
        s->bindNoCopy(10, keys.ref);
        s->exec();
    });
}

std::optional<std::string> SqliteTransaction::find_record(const OrgId& org, std::string_view kind,
                                                          const std::string& id) {
    check_org(org);
    return guarded("find record", [&]() -> std::optional<std::string> {
        auto s = stmt("SELECT data FROM records WHERE org_id = ? AND kind = ? AND id = ?");
        s->bindNoCopy(1, org.str());
        s->bind(2, std::string(kind));
        s->bindNoCopy(3, id);
        if (!s->executeStep()) return std::nullopt;
        return s->getColumn(0).getString();
    });
}

using sqlite_sql::bind_list;
using sqlite_sql::list_sql;

std::vector<std::string> SqliteTransaction::list_records(const OrgId& org, std::string_view kind,
                                                         const ListOptions& options) {
    check_org(org);
    return guarded("list records", [&] {
        auto s = store_.stmt_text(list_sql("data", options, true));
        bind_list(*s, org, std::string(kind), options, true);
        std::vector<std::string> out;
        while (s->executeStep()) out.push_back(s->getColumn(0).getString());
        return out;
    });
}

std::int64_t SqliteTransaction::count_records(const OrgId& org, std::string_view kind,
                                              const ListOptions& options) {
    check_org(org);
    return guarded("count records", [&] {
        auto s = store_.stmt_text(list_sql("count(*)", options, false));
        bind_list(*s, org, std::string(kind), options, false);
        s->executeStep();
        return s->getColumn(0).getInt64();
    });
}


std::map<std::string, std::int64_t> SqliteTransaction::count_records_by(const OrgId& org,
                                                                        std::string_view kind,
                                                                        const std::string& field,
                                                                        const ListOptions& options) {
    store_detail::check_record_field_name(field);
    check_org(org);
    return guarded("count records", [&] {
        // The field name is checked above, so it can be part of the JSON path literal.
        const std::string value = "json_extract(data, '$." + field + "')";
        auto s = store_.stmt_text(list_sql(value + ", count(*)", options, false) +
                                  " AND " + value + " IS NOT NULL GROUP BY 1");
        bind_list(*s, org, std::string(kind), options, false);
        std::map<std::string, std::int64_t> out;
        while (s->executeStep()) out[s->getColumn(0).getString()] = s->getColumn(1).getInt64();
        return out;
    });
}

std::map<std::string, std::int64_t> SqliteTransaction::count_records_by_ref(
    const OrgId& org, std::string_view kind, const ListOptions& options) {
    check_org(org);
    return guarded("count records", [&] {
        // Only records with a ref are in records_by_ref: the condition is spelled as in the index.
        auto s = store_.stmt_text(list_sql("ref, count(*)", options, false) +
                                  " AND ref <> '' GROUP BY ref");
        bind_list(*s, org, std::string(kind), options, false);
        std::map<std::string, std::int64_t> out;
        while (s->executeStep()) out.emplace(s->getColumn(0).getString(), s->getColumn(1).getInt64());
        return out;
    });
}

bool SqliteTransaction::erase_record(const OrgId& org, std::string_view kind, const std::string& id) {
    require_writable("erase");
    check_org(org);
    return guarded("erase record", [&] {
        auto s = stmt("DELETE FROM records WHERE org_id = ? AND kind = ? AND id = ?");
        s->bind(1, org.str());
        s->bind(2, std::string(kind));
        s->bind(3, id);
        const bool existed = s->exec() > 0;
        auto parts = stmt("DELETE FROM record_parts WHERE org_id = ? AND kind = ? AND id = ?");
        parts->bind(1, org.str());
        parts->bind(2, std::string(kind));
        parts->bind(3, id);
        parts->exec();
        return existed;
    });
}

void SqliteTransaction::put_record_part(const OrgId& org, std::string_view kind,
                                        const std::string& id, std::int64_t part,
                                        const std::string& json) {
    require_writable("put record part");
    check_org(org);
    if (part < 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    "record part number must not be negative (got " + std::to_string(part) + ")");
    }
    guarded("put record part", [&] {
        auto s = stmt(
            "INSERT INTO record_parts (org_id, kind, id, part, data) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(org_id, kind, id, part) DO UPDATE SET data = excluded.data");
        s->bindNoCopy(1, org.str());
        s->bind(2, std::string(kind));
        s->bindNoCopy(3, id);
        s->bind(4, static_cast<int64_t>(part));
        s->bindNoCopy(5, json);
        s->exec();
    });
}

std::vector<std::pair<std::int64_t, std::string>> SqliteTransaction::list_record_parts(
    const OrgId& org, std::string_view kind, const std::string& id) {
    check_org(org);
    return guarded("list record parts", [&] {
        auto s = stmt(
            "SELECT part, data FROM record_parts WHERE org_id = ? AND kind = ? AND id = ? "
            "ORDER BY part");
        s->bindNoCopy(1, org.str());
        s->bind(2, std::string(kind));
        s->bindNoCopy(3, id);
        std::vector<std::pair<std::int64_t, std::string>> out;
        while (s->executeStep()) {
            out.emplace_back(s->getColumn(0).getInt64(), s->getColumn(1).getString());
        }
        return out;
    });
}

// A counter is the record ("meta", name) holding {"next": N}, N the value to hand out next (the
// event counter has been kept this way since schema 1). A write transaction holds SQLite's write
// lock until it ends, so values are handed out in commit order.
std::int64_t SqliteTransaction::next_counter(const OrgId& org, std::string_view name) {
    require_writable("next_counter");
    const std::string id(name);
    std::int64_t value = 1;
    if (auto text = find_record(org, "meta", id)) {
        value = parse_json(*text, "counter '" + id + "'").value("next", std::int64_t{1});
    }
    put_record(org, "meta", id, RecordKeys{}, canonical_json(Json{{"next", value + 1}}));
    return value;
}

}  // namespace sqlite_impl

using sqlite_impl::kMigrations;
using sqlite_impl::SqliteStore;

int sqlite_schema_version() noexcept { return static_cast<int>(kMigrations.size()); }

std::unique_ptr<Store> open_sqlite_store(const std::string& path, const SqliteOptions& options) {
    if (path.empty()) throw Error(ErrorCode::kInvalidArgument, "database path is empty");
    return std::make_unique<SqliteStore>(path, options);
}

}  // namespace propos
