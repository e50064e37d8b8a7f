/// @file inbox_store.hpp
/// @brief The inbox capability of a store transaction: raw inbound payloads kept exactly as received,
/// before parsing, and the dead letters among them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/ids.hpp"
#include "propos/export.hpp"

namespace propos {

/// @brief A raw inbound payload (webhook body, CLI line) kept before parsing.
struct RawPayload {
    std::int64_t id = 0;
    std::string source;        ///< e.g. "twilio", "sendgrid", "cli".
    std::string content_type;
    std::string body;
    Timestamp received_at{};
    std::string status;        ///< "received", "processed" or "dead".
    std::string error;         ///< Why it is a dead letter.
};

/// @brief Which raw payloads `InboxStore::query_raw_payloads` returns (all conditions hold).
struct RawPayloadQuery {
    std::string status;                ///< "received", "processed", "dead"; "" for any.
    std::vector<std::string> sources;  ///< Any of these sources; empty for any source.
    std::int64_t after_id = 0;         ///< Only ids above this one (paging).
    std::size_t limit = 0;             ///< At most this many, oldest first; 0: no limit.
    bool with_bodies = true;           ///< false: `body` left empty (ids and metadata only).
};

/// @brief Raw payloads and dead letters of one organization. Reached as `Transaction::inbox()`.
class PROPOS_EXPORT InboxStore {
public:
    virtual ~InboxStore() = default;

    /// @brief Keeps a raw payload exactly as received; returns its id.
    virtual std::int64_t store_raw_payload(const OrgId& org, std::string_view source,
                                           std::string_view content_type, std::string_view body,
                                           Timestamp at) = 0;
    /// @brief Marks a raw payload processed, or dead with a reason (status "processed" or "dead").
    virtual void set_raw_payload_status(const OrgId& org, std::int64_t id, std::string_view status,
                                        std::string_view error) = 0;
    /// @brief Raw payloads in `org` matching `query`, oldest first.
    virtual std::vector<RawPayload> query_raw_payloads(const OrgId& org,
                                                       const RawPayloadQuery& query) = 0;
    /// @brief One raw payload of `org` by id, with its body; nullopt if there is none.
    virtual std::optional<RawPayload> find_raw_payload(const OrgId& org, std::int64_t id) = 0;
    /// @brief Raw payloads in `org` with this status ("" for all), oldest first, with bodies.
    std::vector<RawPayload> list_raw_payloads(const OrgId& org, std::string_view status,
                                              std::size_t limit) {
        return query_raw_payloads(org, RawPayloadQuery{.status = std::string(status), .limit = limit});
    }

};

}  // namespace propos
