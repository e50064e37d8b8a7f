/// @file propos.hpp
/// @brief The umbrella header: everything a host needs to embed PropOS.
#pragma once

#include "propos/version.hpp"

#include "propos/core/clock.hpp"
#include "propos/core/cron.hpp"
#include "propos/core/crypto.hpp"
#include "propos/core/error.hpp"
#include "propos/core/ids.hpp"
#include "propos/core/json.hpp"
#include "propos/core/logging.hpp"
#include "propos/core/money.hpp"
#include "propos/core/time.hpp"

#include "propos/model/common.hpp"
#include "propos/model/message.hpp"
#include "propos/model/oversight.hpp"
#include "propos/model/portfolio.hpp"
#include "propos/model/procurement.hpp"
#include "propos/model/work_order.hpp"

#include "propos/store/audit_log.hpp"
#include "propos/store/job.hpp"
#include "propos/store/job_queue.hpp"
#include "propos/store/portfolio_import.hpp"
#include "propos/store/records.hpp"
#include "propos/store/store.hpp"
