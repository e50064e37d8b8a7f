/// @file version.hpp
/// @brief PropOS version numbers: the single source of truth (CMake and the Python package read them).
#pragma once

#define PROPOS_VERSION_MAJOR 0
#define PROPOS_VERSION_MINOR 2
#define PROPOS_VERSION_PATCH 0

namespace propos {
/// @brief The library version as "MAJOR.MINOR.PATCH".
inline constexpr const char* kVersion = "0.2.0";
}  // namespace propos
