// Private: the Coordinator's periodic signed audit checkpoints (CoordinatorOptions::audit_checkpoints).
#pragma once

#include "propos/coordinator.hpp"

namespace propos::detail {

/// The job type of a checkpoint firing (payload {}).
inline constexpr const char* kAuditCheckpointJob = "audit.checkpoint";
/// The name of its schedule in each organization.
inline constexpr const char* kAuditCheckpointSchedule = "audit-checkpoint";

/// The handler of kAuditCheckpointJob: checkpoints the job's organization with the options' key and
/// emits an `audit.checkpoint` event with it. Throws `Error(kInvalidArgument)` now when the key is
/// not an Ed25519 private key. `store` and `clock` must outlive the handler.
JobHandler audit_checkpoint_handler(Store& store, std::shared_ptr<Clock> clock,
                                    const AuditCheckpointOptions& options);

}  // namespace propos::detail
