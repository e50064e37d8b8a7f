/// @file note.hpp
/// @brief Forwarding header: `Note` is a model type (propos/model/note.hpp) stored as a record of
/// kind "note" (propos/store/records.hpp); kept so that code written against the search layer's
/// header still compiles.
#pragma once

#include "propos/model/note.hpp"
#include "propos/store/records.hpp"
