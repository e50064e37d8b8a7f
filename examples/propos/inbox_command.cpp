// `propos inbox` (see inbox_command.hpp).
#include "inbox_command.hpp"

#include <algorithm>
#include <ostream>

#include "output.hpp"
#include "propos/coordinator.hpp"

namespace propos::cli {
namespace {

int print_rejections(Store& store, const OrgId& org, bool json, std::ostream& out) {
    const auto refused = list_webhook_rejections(store, org);
    if (json) {
        Json arr = Json::array();
        for (const auto& w : refused) {
            Json by = Json::object();
            for (const auto& [status, n] : w.by_status) by[std::to_string(status)] = n;
            Json samples = Json::array();
            for (const auto& s : w.samples) {
                samples.push_back({{"at", format_time(s.at)},
                                   {"status", s.status},
                                   {"reason", s.reason},
                                   {"bytes", s.bytes},
                                   {"head", s.head}});  // invalid UTF-8 replaced at dump
            }
            arr.push_back({{"source", w.source},
                           {"hour", format_time(w.hour)},
                           {"count", w.count},
                           {"bytes", w.bytes},
                           {"by_status", by},
                           {"first_at", format_time(w.first_at)},
                           {"last_at", format_time(w.last_at)},
                           {"samples", samples}});
        }
        out << arr.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
        return 0;
    }
    if (refused.empty()) {
        out << "No refused webhook requests in " << org.str() << ".\n";
        return 0;
    }
    Table t({"hour", "source", "refused", "bytes", "statuses", "samples", "last reason"});
    for (const auto& w : refused) {
        std::string statuses;
        for (const auto& [status, n] : w.by_status) {
            if (!statuses.empty()) statuses += " ";
            statuses += std::to_string(status) + "x" + std::to_string(n);
        }
        t.add({format_time(w.hour).substr(0, 13) + "h", w.source, std::to_string(w.count),
               std::to_string(w.bytes), statuses, std::to_string(w.samples.size()),
               w.samples.empty() ? "-" : w.samples.back().reason.substr(0, 60)});
    }
    t.print(out);
    return 0;
}

}  // namespace

int run_inbox(const GlobalOptions& g, const InboxOptions& o, std::ostream& out) {
    if (o.org.empty()) throw Error(ErrorCode::kInvalidArgument, "--org ORG is required");
    std::vector<std::string> statuses;
    if (o.status.empty()) {
        statuses = {"received", "dead"};
    } else if (o.status == "all") {
        statuses = {""};
    } else if (o.status == "received" || o.status == "dead" || o.status == "processed") {
        statuses = {o.status};
    } else {
        throw Error(ErrorCode::kInvalidArgument,
                    "--status must be received, dead, processed or all, got '" + o.status + "'");
    }
    auto store = open_existing(g);
    const OrgId org(o.org);
    store->read([&](Transaction& tx) { tx.require_organization(org); });
    if (o.rejected) return print_rejections(*store, org, o.json, out);
    std::vector<RawPayload> payloads;
    store->read([&](Transaction& tx) {
        for (const auto& status : statuses) {
            for (auto& p : tx.list_raw_payloads(org, status, 0)) payloads.push_back(std::move(p));
        }
    });
    std::stable_sort(payloads.begin(), payloads.end(),
                     [](const auto& a, const auto& b) { return a.id < b.id; });
    if (o.json) {
        Json arr = Json::array();
        for (const auto& p : payloads) {
            arr.push_back({{"id", p.id},
                           {"source", p.source},
                           {"content_type", p.content_type},
                           {"status", p.status},
                           {"received_at", format_time(p.received_at)},
                           {"bytes", p.body.size()},
                           {"error", p.error}});
        }
        out << arr.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
        return 0;
    }
    if (payloads.empty()) {
        out << "No " << (o.status.empty() ? "received or dead" : o.status) << " raw payloads in "
            << org.str() << ".\n";
        return 0;
    }
    Table t({"id", "source", "status", "received", "bytes", "error"});
    for (const auto& p : payloads) {
        t.add({std::to_string(p.id), p.source, p.status, format_time(p.received_at),
               std::to_string(p.body.size()), p.error.empty() ? "-" : p.error.substr(0, 80)});
    }
    t.print(out);
    if (std::any_of(payloads.begin(), payloads.end(),
                    [](const auto& p) { return p.status == "received"; })) {
        out << "Payloads still 'received' were left by a crash: the next start of the server "
               "(or `propos run`) replays them.\n";
    }
    return 0;
}

}  // namespace propos::cli
