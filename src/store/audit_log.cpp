#include "propos/store/audit_log.hpp"

#include "propos/core/crypto.hpp"
#include "propos/core/error.hpp"
#include "propos/core/json.hpp"
#include "propos/core/time.hpp"

namespace propos {

const std::string& AuditLog::genesis_hash() {
    static const std::string kGenesis(64, '0');
    return kGenesis;
}

std::string AuditLog::compute_hash(const OrgId& org, const AuditEvent& e) {
    return compute_hash(org, e, canonical_json(e.data));
}

std::string AuditLog::compute_hash(const OrgId& org, const AuditEvent& e,
                                   std::string_view canonical_data) {
    // prev_hash followed by the canonical JSON of {"action","actor","at","correlation_id","data",
    // "entity_id","entity_kind","org","seq"} (keys sorted), written directly: byte for byte what
    // canonical_json of that object gives (audit_test checks it), without a Json tree.
    std::string text;
    text.reserve(e.prev_hash.size() + canonical_data.size() + e.action.size() + e.actor.size() +
                 e.correlation_id.size() + e.entity_id.size() + e.entity_kind.size() +
                 org.str().size() + 160);
    text += e.prev_hash;
    text += "{\"action\":";
    append_json_string(text, e.action);
    text += ",\"actor\":";
    append_json_string(text, e.actor);
    text += ",\"at\":";
    text += std::to_string(to_unix_millis(e.at));
    text += ",\"correlation_id\":";
    append_json_string(text, e.correlation_id);
    text += ",\"data\":";
    text += canonical_data;
    text += ",\"entity_id\":";
    append_json_string(text, e.entity_id);
    text += ",\"entity_kind\":";
    append_json_string(text, e.entity_kind);
    text += ",\"org\":";
    append_json_string(text, org.str());
    text += ",\"seq\":";
    text += std::to_string(e.seq);
    text += '}';
    return sha256_hex(text);
}

AuditEvent AuditLog::append(const OrgId& org, AuditEvent event) {
    return store_.write_result([&](Transaction& tx) { return tx.append_audit(org, event); });
}

std::vector<AuditEvent> AuditLog::list(const OrgId& org, std::int64_t after_seq, std::size_t limit) {
    return store_.read_result([&](Transaction& tx) { return tx.list_audit(org, after_seq, limit); });
}

std::vector<AuditEvent> AuditLog::for_entity(const OrgId& org, std::string_view kind,
                                             std::string_view id) {
    return store_.read_result([&](Transaction& tx) { return tx.list_audit_for(org, kind, id); });
}

AuditVerification AuditLog::verify(const OrgId& org) {
    return store_.read_result([&](Transaction& tx) { return tx.verify_audit(org); });
}

// ---- AuditStore: the chain built on an engine's entries and head ----

AuditEvent AuditStore::append_audit(const OrgId& org, AuditEvent event) {
    if (event.action.empty()) throw Error(ErrorCode::kInvalidArgument, "audit event has no action");
    if (event.actor.empty()) throw Error(ErrorCode::kInvalidArgument, "audit event has no actor");
    // Locks the head until the transaction ends: two writers of one organization take turns, so
    // the second links to the first's entry and the chain never forks.
    if (auto head = audit_head(org, true)) {
        event.seq = head->seq + 1;
        event.prev_hash = std::move(head->hash);
    } else {
        event.seq = 1;
        event.prev_hash = AuditLog::genesis_hash();
    }
    const std::string data = canonical_json(event.data);
    event.hash = AuditLog::compute_hash(org, event, data);
    insert_audit_entry(org, event, data);
    return event;
}

AuditVerification AuditStore::verify_audit(const OrgId& org) {
    AuditVerification r;
    auto fail = [&](std::int64_t seq, std::string problem) {
        r.ok = false;
        r.first_bad_seq = seq;
        r.problem = std::move(problem);
        return r;
    };
    const auto head = audit_head(org, false);
    std::string prev = AuditLog::genesis_hash();
    std::int64_t expected = 1;
    constexpr std::size_t kPage = 1000;  // bounded memory whatever the chain's length
    for (std::int64_t after = 0;;) {
        const auto page = list_audit(org, after, kPage);
        for (const auto& e : page) {
            ++r.entries;
            const auto n = std::to_string(e.seq);
            if (e.seq != expected) {
                return fail(expected, "entry " + std::to_string(expected) +
                                          " is missing (deleted?): the next entry is " + n);
            }
            if (e.prev_hash != prev) {
                return fail(e.seq, "entry " + n + " does not follow entry " + std::to_string(e.seq - 1) +
                                       " (its prev_hash does not match): entries were deleted, "
                                       "inserted or reordered");
            }
            if (AuditLog::compute_hash(org, e) != e.hash) {
                return fail(e.seq, "entry " + n + " (" + e.action +
                                       ") was edited: its content does not match its hash");
            }
            prev = e.hash;
            ++expected;
        }
        if (page.size() < kPage) break;
        after = page.back().seq;
    }
    const std::int64_t last = expected - 1;
    if (head) {
        if (head->seq > last) {
            return fail(last + 1, "the log ends at entry " + std::to_string(last) + " but " +
                                      std::to_string(head->seq) +
                                      " entries were written: entries at the end were deleted");
        }
        if (head->seq < last) {
            return fail(head->seq + 1, "entries " + std::to_string(head->seq + 1) + "-" +
                                           std::to_string(last) +
                                           " were appended after the recorded head (entry " +
                                           std::to_string(head->seq) +
                                           "): written to the database outside PropOS");
        }
        if (head->hash != prev) {
            return fail(last, "the last entry " + std::to_string(last) +
                                  " does not match the recorded head hash: it was replaced");
        }
    } else if (last > 0) {
        return fail(1, "the audit head record is missing although the log has entries");
    }
    return r;
}

namespace {
constexpr const char* kCheckpointFormat = "propos.audit-checkpoint/1";

std::string short_hash(const std::string& h) { return h.substr(0, 12) + "..."; }
}  // namespace

std::string AuditCheckpoint::signed_text() const {
    return std::string(kCheckpointFormat) + "\n" + org.str() + "\n" + std::to_string(seq) + "\n" + head_hash +
           "\n" + std::to_string(to_unix_millis(at)) + "\n";
}

Json AuditCheckpoint::to_json() const {
    return Json{{"format", kCheckpointFormat}, {"org", org.str()},   {"seq", seq},
                {"head_hash", head_hash},      {"at", format_time(at)}, {"key_id", key_id},
                {"signature", signature}};
}

AuditCheckpoint AuditCheckpoint::from_json(const Json& j) {
    constexpr std::string_view kWhat = "audit checkpoint";
    if (!j.is_object()) throw Error(ErrorCode::kInvalidArgument, "an audit checkpoint must be a JSON object");
    const auto format = json_get<std::string>(j, "format", kWhat);
    if (format != kCheckpointFormat) {
        throw Error(ErrorCode::kInvalidArgument, "audit checkpoint: unknown format '" + format + "' (expected '" +
                                                     kCheckpointFormat + "')");
    }
    AuditCheckpoint c;
    c.org = OrgId(json_get<std::string>(j, "org", kWhat));
    c.seq = json_get<std::int64_t>(j, "seq", kWhat);
    c.head_hash = json_get<std::string>(j, "head_hash", kWhat);
    c.at = parse_time(json_get<std::string>(j, "at", kWhat));
    c.key_id = json_get_or<std::string>(j, "key_id", "", kWhat);
    c.signature = json_get<std::string>(j, "signature", kWhat);
    if (c.org.str().empty() || c.seq < 0 || c.head_hash.size() != 64) {
        throw Error(ErrorCode::kInvalidArgument,
                    "audit checkpoint: needs a non-empty org, a seq >= 0 and a 64-digit head_hash");
    }
    return c;
}

AuditCheckpoint AuditLog::checkpoint(const OrgId& org, std::string_view private_key_pem, Timestamp at) {
    const auto public_pem = ed25519_public_pem(private_key_pem);  // checks the key before reading
    AuditCheckpoint c;
    c.org = org;
    c.at = std::chrono::time_point_cast<Millis>(at);
    store_.read([&](Transaction& tx) {
        const auto r = tx.verify_audit(org);
        if (!r.ok) {
            throw Error(ErrorCode::kCorrupt, "the audit log of " + org.str() +
                                                 " does not verify, so no checkpoint vouches for it: " + r.problem);
        }
        c.seq = r.entries;
        c.head_hash = genesis_hash();
        if (c.seq > 0) c.head_hash = tx.list_audit(org, c.seq - 1, 1).at(0).hash;
    });
    c.key_id = sha256_hex(public_pem);
    c.signature = ed25519_sign(private_key_pem, c.signed_text());
    return c;
}

AuditVerification AuditLog::verify_against(const OrgId& org, const AuditCheckpoint& cp,
                                           std::string_view public_key_pem) {
    AuditVerification r;
    auto fail = [&](std::int64_t seq, std::string problem) {
        r.ok = false;
        r.first_bad_seq = seq;
        r.problem = std::move(problem);
        return r;
    };
    const std::string when = "the checkpoint of " + format_time(cp.at);
    if (!ed25519_verify(public_key_pem, cp.signed_text(), cp.signature)) {
        return fail(0, "the checkpoint's signature does not verify with this public key: it was altered, "
                       "or signed with another key");
    }
    if (cp.org != org) {
        return fail(0, "the checkpoint is about organization '" + cp.org.str() + "', not '" + org.str() + "'");
    }
    return store_.read_result([&](Transaction& tx) {
        if (!tx.find_organization(org)) {
            return fail(1, "organization '" + org.str() + "' is not in the database: it was deleted with its "
                           "audit log (" + when + " recorded " + std::to_string(cp.seq) + " entries)");
        }
        const auto chain = tx.verify_audit(org);
        if (cp.seq > 0) {
            const auto at_seq = tx.list_audit(org, cp.seq - 1, 1);
            if (at_seq.empty() || at_seq.front().seq != cp.seq) {
                const auto entries = static_cast<std::int64_t>(tx.list_audit(org, 0, 0).size());
                r.entries = entries;
                if (entries == 0) {
                    return fail(1, "the audit log of " + org.str() + " is empty but " + when + " recorded " +
                                       std::to_string(cp.seq) + " entries: the whole log was deleted");
                }
                return fail(entries + 1, "the log has " + std::to_string(entries) + " entries but " + when +
                                             " recorded " + std::to_string(cp.seq) + ": entries after " +
                                             std::to_string(entries) + " were deleted (truncated)");
            }
            if (at_seq.front().hash != cp.head_hash) {
                r.entries = chain.entries;
                return fail(cp.seq, "entry " + std::to_string(cp.seq) + " has hash " +
                                        short_hash(at_seq.front().hash) + " but " + when + " recorded " +
                                        short_hash(cp.head_hash) + ": the log up to entry " +
                                        std::to_string(cp.seq) + " was rewritten");
            }
        }
        return chain;
    });
}

}  // namespace propos
