// Runs the real `propos` binary the way users and scripts do: arguments through the shell, stdin
// empty, stdout and stderr captured, exit status decoded. Only for tests built with the examples
// (PROPOS_CLI_PATH defined).
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
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

/// Puts a database left by `propos demo` at `db` (a path in `dir`). Under CTest it is a copy
/// of the one the `cli_demo_database` fixture made once for the whole test run ($PROPOS_TEST_DEMO_DB;
/// the demo takes 20-50 s under the sanitizers), so a test may change its copy; run alone, the test
/// runs the demo itself. Returns the demo's result, or an empty success for a copy.
inline CliResult demo_database(const TempDir& dir, const std::string& db) {
    namespace fs = std::filesystem;
    const char* shared = std::getenv("PROPOS_TEST_DEMO_DB");
    if (!shared || !*shared || !fs::exists(shared)) {
        return run_cli(dir, "demo --quiet --db '" + db + "'");
    }
    const std::string from(shared);
    const auto overwrite = fs::copy_options::overwrite_existing;
    fs::copy_file(from, db, overwrite);
    if (fs::exists(from + "-wal")) fs::copy_file(from + "-wal", db + "-wal", overwrite);
    if (fs::exists(from + ".search")) {
        fs::copy(from + ".search", db + ".search", fs::copy_options::recursive | overwrite);
    }
    return CliResult{0, "", ""};
}

}  // namespace propos::testing
