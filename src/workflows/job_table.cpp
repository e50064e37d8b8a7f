// The Coordinator's job dispatch table.
#include "propos/workflows/workflow.hpp"

namespace propos {

void JobTable::add_unit(Workflow& unit, bool groupable) {
    for (const auto& type : unit.job_types()) {
        add_builtin(type, [&unit](const Job& job) { unit.handle(job); }, groupable);
    }
}

void JobTable::add_builtin(const std::string& type, Handler handler, bool groupable) {
    if (type.empty() || !handler) {
        throw Error(ErrorCode::kInvalidArgument, "a built-in job handler needs a type and a handler");
    }
    std::lock_guard lock(mu_);
    if (!entries_.emplace(type, Entry{std::move(handler), true, groupable}).second) {
        throw Error(ErrorCode::kAlreadyExists, "job type '" + type + "' already has an owner");
    }
}

void JobTable::add_host(const std::string& type, Handler handler) {
    if (type.empty() || !handler) {
        throw Error(ErrorCode::kInvalidArgument, "register_job_handler needs a job type and a handler");
    }
    std::lock_guard lock(mu_);
    if (const auto it = entries_.find(type); it != entries_.end()) {
        throw Error(ErrorCode::kAlreadyExists,
                    it->second.builtin ? "job type '" + type + "' is built in and cannot be replaced"
                                       : "a handler for job type '" + type + "' is already registered");
    }
    entries_.emplace(type, Entry{std::move(handler), false, false});
}

bool JobTable::is_builtin(const std::string& type) const {
    std::lock_guard lock(mu_);
    const auto it = entries_.find(type);
    return it != entries_.end() && it->second.builtin;
}

bool JobTable::contains(const std::string& type) const {
    std::lock_guard lock(mu_);
    return entries_.count(type) > 0;
}

bool JobTable::groupable(const std::string& type) const {
    std::lock_guard lock(mu_);
    const auto it = entries_.find(type);
    return it == entries_.end() || it->second.groupable;
}

void JobTable::run(const Job& job) const {
    Handler handler;
    {
        std::lock_guard lock(mu_);
        if (const auto it = entries_.find(job.type); it != entries_.end()) handler = it->second.handler;
    }
    if (!handler) throw Error(ErrorCode::kInvalidArgument, "no handler for job type '" + job.type + "'");
    handler(job);
}

std::vector<std::string> JobTable::types() const {
    std::lock_guard lock(mu_);
    std::vector<std::string> out;
    for (const auto& [type, entry] : entries_) out.push_back(type);
    return out;
}

}  // namespace propos
