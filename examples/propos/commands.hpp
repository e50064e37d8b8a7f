// The propos command-line app's commands. Each returns the process exit status (0 ok, 1 handled
// error) and throws propos::Error for failures that main() reports as one line on stderr.
#pragma once

#include <iosfwd>
#include <string>

namespace propos::cli {

struct GlobalOptions {
    std::string db;
    std::string log_level = "warn";
};

struct DemoOptions {
    std::string db = "propos-demo.db";
};
int run_demo(const DemoOptions& o, std::ostream& out);

struct OrgsOptions {
    bool json = false;
};
int run_orgs(const GlobalOptions& g, const OrgsOptions& o, std::ostream& out);

struct WorkOrdersOptions {
    std::string org;
    std::string status;
    bool json = false;
};
int run_workorders(const GlobalOptions& g, const WorkOrdersOptions& o, std::ostream& out);

struct AuditOptions {
    std::string org;
    bool verify = false;
    bool json = false;
    std::size_t limit = 50;
};
int run_audit(const GlobalOptions& g, const AuditOptions& o, std::ostream& out, std::ostream& err);

struct ImportOptions {
    std::string file;
};
int run_import(const GlobalOptions& g, const ImportOptions& o, std::ostream& out);

}  // namespace propos::cli
