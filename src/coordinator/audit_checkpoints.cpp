#include "audit_checkpoints.hpp"

#include "propos/core/crypto.hpp"
#include "propos/store/audit_log.hpp"
#include "propos/store/events.hpp"

namespace propos::detail {

JobHandler audit_checkpoint_handler(Store& store, std::shared_ptr<Clock> clock,
                                    const AuditCheckpointOptions& options) {
    ed25519_public_pem(options.private_key_pem);  // a bad key fails the Coordinator's constructor
    return [&store, clock = std::move(clock), key = options.private_key_pem](const Job& job) {
        const auto checkpoint = AuditLog(store).checkpoint(job.org_id, key, clock->now());
        store.write([&](Transaction& tx) {
            emit_event(tx, job.org_id, "audit.checkpoint", std::to_string(checkpoint.seq), checkpoint.to_json(),
                       clock->now());
        });
    };
}

}  // namespace propos::detail
