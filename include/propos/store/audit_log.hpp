/// @file audit_log.hpp
/// @brief `AuditLog`: the append-only, hash-chained record of every decision and change.
///
/// Each organization has its own chain. Entry n stores `hash = SHA-256(prev_hash || canonical JSON of
/// {org, seq, at, actor, action, entity_kind, entity_id, correlation_id, data})` with prev_hash the hash
/// of entry n-1 (64 zeros for the first). A head record (last seq and hash) is updated in the same
/// transaction, so deleting entries from the end is detected too. Entries are written in the same
/// transaction as the change they record: append through `Transaction::append_audit`.
#pragma once

#include <string_view>
#include <vector>

#include "propos/store/store.hpp"

namespace propos {

/// @brief A signed statement that an organization's audit log had `seq` entries ending in
/// `head_hash` at time `at`: kept outside the database (by the host, in another system), it lets
/// `AuditLog::verify_against` tell a log that was rewritten, truncated or deleted by someone who
/// could write the database — which the chain alone cannot, since such a writer can recompute it.
///
/// The signature is Ed25519 over `AuditCheckpoint::signed_text()`; its JSON form is
/// `{"format":"propos.audit-checkpoint/1","org","seq","head_hash","at","key_id","signature"}` with
/// `at` in ISO-8601 UTC and `key_id` the SHA-256 (hex) of the signer's public key PEM.
struct PROPOS_EXPORT AuditCheckpoint {
    OrgId org;
    std::int64_t seq = 0;     ///< Entries in the log (the last one's seq); 0 for an empty log.
    std::string head_hash;    ///< The last entry's hash (64 zeros for an empty log).
    Timestamp at{};           ///< When the checkpoint was taken (millisecond precision).
    std::string key_id;       ///< SHA-256 hex of the signer's public key PEM.
    std::string signature;    ///< Ed25519 signature of `signed_text()`, base64.

    /// @brief The exact bytes signed: "propos.audit-checkpoint/1\n" followed by org, seq,
    /// head_hash and `at` in Unix milliseconds, one a line.
    std::string signed_text() const;
    /// @brief The JSON form (see above).
    Json to_json() const;
    /// @brief Parses the JSON form. Throws `Error(kInvalidArgument)` naming the missing or bad field.
    static AuditCheckpoint from_json(const Json& j);
};

/// @brief Reading and verifying an organization's audit chain.
class PROPOS_EXPORT AuditLog {
public:
    /// @brief `store` must outlive the AuditLog.
    explicit AuditLog(Store& store) : store_(store) {}

    /// @brief Appends one event in its own transaction (prefer `Transaction::append_audit` inside the
    /// transaction that makes the change).
    AuditEvent append(const OrgId& org, AuditEvent event);
    /// @brief Entries after `after_seq` in order, at most `limit` (0: all).
    std::vector<AuditEvent> list(const OrgId& org, std::int64_t after_seq = 0, std::size_t limit = 0);
    /// @brief Entries about one entity.
    std::vector<AuditEvent> for_entity(const OrgId& org, std::string_view kind, std::string_view id);
    /// @brief Checks the whole chain of `org`. Throws `Error(kNotFound)` for an unknown organization.
    AuditVerification verify(const OrgId& org);

    /// @brief A checkpoint of `org`'s log as it is now (its length and head hash, read in one
    /// transaction), stamped `at` and signed with the Ed25519 private key `private_key_pem`.
    /// Throws `Error(kInvalidArgument)` for a key that is not an Ed25519 private key in PEM,
    /// `Error(kNotFound)` for an unknown organization, and `Error(kCorrupt)` when the log does not
    /// verify (a checkpoint never vouches for a broken chain).
    AuditCheckpoint checkpoint(const OrgId& org, std::string_view private_key_pem, Timestamp at);

    /// @brief Checks that `org`'s log still extends `checkpoint`: the signature verifies with
    /// `public_key_pem`, the checkpoint is about `org`, the chain verifies, it has at least
    /// `checkpoint.seq` entries and entry `checkpoint.seq` has hash `checkpoint.head_hash`.
    /// Otherwise `ok` is false and `problem` says which: a bad signature, a deleted log or
    /// organization, a truncated log (entries after N deleted), a rewritten log, or the chain's own
    /// problem (`verify`). `entries` is the log's length. Throws `Error(kInvalidArgument)` only
    /// for a public key that is not an Ed25519 public key in PEM.
    AuditVerification verify_against(const OrgId& org, const AuditCheckpoint& checkpoint,
                                     std::string_view public_key_pem);

    /// @brief The hash of an entry computed from its fields (what `verify` recomputes).
    static std::string compute_hash(const OrgId& org, const AuditEvent& event);
    /// @brief The same, with `canonical_json(event.data)` already computed (the store writes that
    /// text too, so an append serializes the data once).
    static std::string compute_hash(const OrgId& org, const AuditEvent& event,
                                    std::string_view canonical_data);
    /// @brief The prev_hash of the first entry: 64 zeros.
    static const std::string& genesis_hash();

private:
    Store& store_;
};

}  // namespace propos
