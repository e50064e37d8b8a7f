// PostgreSQL engine: the inbox capability (raw inbound payloads and dead letters).
#include "pg_impl.hpp"

namespace propos::pg_impl {

std::int64_t PgTransaction::store_raw_payload(const OrgId& org, std::string_view source,
                                              std::string_view content_type, std::string_view body,
                                              Timestamp at) {
    require_writable("store_raw_payload");
    check_org(org);
    Params p;
    p.text(org.str()).text(source).text(content_type).binary(body).num(ms(at));
    return exec("INSERT INTO raw_payloads (org_id, source, content_type, body, received_ms) "
                "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                p, "store raw payload")
        .i64(0, 0);
}

void PgTransaction::set_raw_payload_status(const OrgId& org, std::int64_t id, std::string_view status,
                                           std::string_view error) {
    require_writable("set_raw_payload_status");
    check_org(org);
    if (status != "received" && status != "processed" && status != "dead") {
        throw Error(ErrorCode::kInvalidArgument,
                    "raw payload status must be received, processed or dead, not '" +
                        std::string(status) + "'");
    }
    Params p;
    p.text(status).text(error).text(org.str()).num(id);
    auto r = exec("UPDATE raw_payloads SET status = $1, error = $2 WHERE org_id = $3 AND id = $4", p,
                  "update raw payload");
    if (r.affected() == 0) {
        throw Error(ErrorCode::kNotFound, "raw payload " + std::to_string(id) +
                                              " not found in organization '" + org.str() + "'");
    }
}

namespace {
RawPayload payload_from_row(const Result& r, int i, bool with_body) {
    RawPayload p;
    p.id = r.i64(i, 0);
    p.source = r.str(i, 1);
    p.content_type = r.str(i, 2);
    if (with_body) p.body = r.bytes(i, 3);
    p.received_at = from_unix_millis(r.i64(i, 4));
    p.status = r.str(i, 5);
    p.error = r.str(i, 6);
    return p;
}
}  // namespace

std::vector<RawPayload> PgTransaction::query_raw_payloads(const OrgId& org, const RawPayloadQuery& query) {
    check_org(org);
    Params p;
    p.text(org.str());
    // Without bodies the body column is not read at all (a NULL in its place).
    std::string sql = std::string("SELECT id, source, content_type, ") +
                      (query.with_bodies ? "body" : "NULL") +
                      ", received_ms, status, error FROM raw_payloads WHERE org_id = $1";
    if (!query.status.empty()) {
        sql += " AND status = " + p.next();
        p.text(query.status);
    }
    if (query.after_id > 0) {
        sql += " AND id > " + p.next();
        p.num(query.after_id);
    }
    if (!query.sources.empty()) {
        sql += " AND source IN (";
        for (std::size_t i = 0; i < query.sources.size(); ++i) {
            sql += (i ? ", " : "") + p.next();
            p.text(query.sources[i]);
        }
        sql += ")";
    }
    sql += " ORDER BY id";
    if (query.limit > 0) sql += " LIMIT " + std::to_string(query.limit);
    auto r = exec(sql, p, "list raw payloads");
    std::vector<RawPayload> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(payload_from_row(r, i, query.with_bodies));
    return out;
}

std::optional<RawPayload> PgTransaction::find_raw_payload(const OrgId& org, std::int64_t id) {
    check_org(org);
    Params p;
    p.text(org.str()).num(id);
    auto r = exec("SELECT id, source, content_type, body, received_ms, status, error FROM raw_payloads "
                  "WHERE org_id = $1 AND id = $2",
                  p, "find raw payload");
    if (r.rows() == 0) return std::nullopt;
    return payload_from_row(r, 0, true);
}

}  // namespace propos::pg_impl
