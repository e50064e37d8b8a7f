// Private: the "propos" spdlog logger used inside the library.
#pragma once

#include <spdlog/spdlog.h>

#include <memory>

namespace propos::detail {

/// The "propos" logger: the host's if it registered one with that name, else a default stderr logger
/// at "warn" (created on first use).
std::shared_ptr<spdlog::logger> logger();

}  // namespace propos::detail
