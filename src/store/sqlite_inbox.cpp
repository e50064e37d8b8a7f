// SQLite engine: the inbox capability (raw inbound payloads and dead letters).
#include "sqlite_impl.hpp"

namespace propos::sqlite_impl {

std::int64_t SqliteTransaction::store_raw_payload(const OrgId& org, std::string_view source,
                                                  std::string_view content_type,
                                                  std::string_view body, Timestamp at) {
    require_writable("store_raw_payload");
    check_org(org);
    return guarded("store raw payload", [&] {
        auto s = stmt(
            "INSERT INTO raw_payloads (org_id, source, content_type, body, received_ms) "
            "VALUES (?, ?, ?, ?, ?)");
        s->bind(1, org.str());
        s->bind(2, std::string(source));
        s->bind(3, std::string(content_type));
        s->bind(4, body.data(), static_cast<int>(body.size()));
        s->bind(5, static_cast<int64_t>(ms(at)));
        s->exec();
        return static_cast<std::int64_t>(store_.db().getLastInsertRowid());
    });
}

void SqliteTransaction::set_raw_payload_status(const OrgId& org, std::int64_t id,
                                               std::string_view status, std::string_view error) {
    require_writable("set_raw_payload_status");
    check_org(org);
    if (status != "received" && status != "processed" && status != "dead") {
        throw Error(ErrorCode::kInvalidArgument,
                    "raw payload status must be received, processed or dead, not '" +
                        std::string(status) + "'");
    }
    guarded("update raw payload", [&] {
        auto s = stmt("UPDATE raw_payloads SET status = ?, error = ? WHERE org_id = ? AND id = ?");
        s->bind(1, std::string(status));
        s->bind(2, std::string(error));
        s->bind(3, org.str());
        s->bind(4, static_cast<int64_t>(id));
        if (s->exec() == 0) {
            throw Error(ErrorCode::kNotFound, "raw payload " + std::to_string(id) +
                                                  " not found in organization '" + org.str() + "'");
        }
    });
}

namespace {

RawPayload raw_payload_from_row(SQLite::Statement& s, bool with_body) {
    RawPayload p;
    p.id = s.getColumn(0).getInt64();
    p.source = s.getColumn(1).getString();
    p.content_type = s.getColumn(2).getString();
    if (with_body) {
        const auto& c = s.getColumn(3);
        p.body.assign(static_cast<const char*>(c.getBlob()), static_cast<size_t>(c.getBytes()));
    }
    p.received_at = from_unix_millis(s.getColumn(4).getInt64());
    p.status = s.getColumn(5).getString();
    p.error = s.getColumn(6).getString();
    return p;
}

}  // namespace

std::vector<RawPayload> SqliteTransaction::query_raw_payloads(const OrgId& org,
                                                              const RawPayloadQuery& query) {
    check_org(org);
    return guarded("list raw payloads", [&] {
        // Without bodies the body column is not read at all (a NULL in its place).
        std::string sql = std::string("SELECT id, source, content_type, ") +
                          (query.with_bodies ? "body" : "NULL") +
                          ", received_ms, status, error FROM raw_payloads WHERE org_id = ?";
        if (!query.status.empty()) sql += " AND status = ?";
        if (query.after_id > 0) sql += " AND id > ?";
        if (!query.sources.empty()) {
            sql += " AND source IN (";
            for (std::size_t i = 0; i < query.sources.size(); ++i) sql += i ? ", ?" : "?";
            sql += ")";
        }
        sql += " ORDER BY id";
        if (query.limit > 0) sql += " LIMIT " + std::to_string(query.limit);
        SQLite::Statement s(store_.db(), sql);
        int n = 0;
        s.bind(++n, org.str());
        if (!query.status.empty()) s.bind(++n, query.status);
        if (query.after_id > 0) s.bind(++n, static_cast<int64_t>(query.after_id));
        for (const auto& source : query.sources) s.bind(++n, source);
        std::vector<RawPayload> out;
        while (s.executeStep()) out.push_back(raw_payload_from_row(s, query.with_bodies));
        return out;
    });
}

std::optional<RawPayload> SqliteTransaction::find_raw_payload(const OrgId& org, std::int64_t id) {
    check_org(org);
    return guarded("find raw payload", [&]() -> std::optional<RawPayload> {
        auto s = stmt(
            "SELECT id, source, content_type, body, received_ms, status, error FROM raw_payloads "
            "WHERE org_id = ? AND id = ?");
        s->bind(1, org.str());
        s->bind(2, static_cast<int64_t>(id));
        if (!s->executeStep()) return std::nullopt;
        return raw_payload_from_row(*s, true);
    });
}

}  // namespace propos::sqlite_impl
