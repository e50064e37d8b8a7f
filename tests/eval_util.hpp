// Shared by the evaluation tests (triage, intent): JSON-lines files under tests/data/ and the
// percentage column of their reports.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "propos/core/json.hpp"

namespace propos::testing {

// Calls fn(json) for every non-empty line of each file in tests/data/<dir>/.
template <class F>
void for_each_json_line(const std::string& dir, const std::vector<std::string>& files, F&& fn) {
    for (const auto& file : files) {
        std::ifstream in(std::string(PROPOS_SOURCE_DIR) + "/tests/data/" + dir + "/" + file);
        EXPECT_TRUE(in.good()) << dir << "/" << file;
        std::string line;
        while (std::getline(in, line)) {
            if (!line.empty()) fn(Json::parse(line));
        }
    }
}

// "  93.1%" (or "   -  " when there is nothing to count).
inline std::string pct(int a, int b) {
    if (b == 0) return "   -  ";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%5.1f%%", 100.0 * a / b);
    return buf;
}

}  // namespace propos::testing
