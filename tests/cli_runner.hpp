// Runs the real `propos` binary the way users and scripts do: arguments through the shell, stdin
// empty, stdout and stderr captured, exit status decoded. Only for tests built with the examples
// (PROPOS_CLI_PATH defined).
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "test_util.hpp"

namespace propos::testing {

struct CliResult {
    int status = -1;  ///< Exit status; -1 when the process did not exit normally.
    std::string out;
    std::string err;
};

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Runs `propos ARGS` (ARGS as a shell would split them) with its output files in `dir`, from
/// `cwd` when given.
inline CliResult run_cli(const TempDir& dir, const std::string& args, const std::string& cwd = "") {
    const auto out = dir.file("stdout.txt");
    const auto err = dir.file("stderr.txt");
    const std::string cmd = (cwd.empty() ? "" : "cd '" + cwd + "' && ") + std::string("'") +
                            PROPOS_CLI_PATH + "' " + args + " >'" + out + "' 2>'" + err +
                            "' </dev/null";
    const int rc = std::system(cmd.c_str());
    return CliResult{WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, slurp(out), slurp(err)};
}

}  // namespace propos::testing
