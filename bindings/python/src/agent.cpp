// The agent layer: the policy, the agent runner's records, and the AgentRunner a Coordinator owns.
#include "common.hpp"
#include "propos/agent/agent_runner.hpp"
#include "propos/agent/policy.hpp"

namespace propos_py {

void bind_agent(py::module_& m) {
    using namespace propos;
    Record<RunBudget>(m, "RunBudget", "Limits on one agent run and on an organization's daily model spend.")
        .field("max_steps", &RunBudget::max_steps)
        .field("max_input_tokens", &RunBudget::max_input_tokens)
        .field("max_output_tokens", &RunBudget::max_output_tokens)
        .field("max_cost_micros", &RunBudget::max_cost_micros)
        .field("max_org_daily_cost_micros", &RunBudget::max_org_daily_cost_micros);
    Record<SpendDecision>(m, "SpendDecision", "What the spending rules say about an amount of work.")
        .field("within_nte", &SpendDecision::within_nte)
        .field("needs_bids", &SpendDecision::needs_bids)
        .field("needs_owner_approval", &SpendDecision::needs_owner_approval)
        .field("nte", &SpendDecision::nte)
        .field("reason", &SpendDecision::reason);
    Record<Policy>(m, "Policy", "Spending limits, quiet hours, tool allow-lists and run budgets (money in cents).")
        .field("bid_threshold", &Policy::bid_threshold)
        .field("min_bids", &Policy::min_bids)
        .field("quiet_start_hour", &Policy::quiet_start_hour)
        .field("quiet_end_hour", &Policy::quiet_end_hour)
        .field("max_tool_failures", &Policy::max_tool_failures)
        .field("min_confidence", &Policy::min_confidence)
        .field("budget", &Policy::budget)
        .field("tool_allow_list", &Policy::tool_allow_list)
        .cls()
        .def("evaluate_spend", &Policy::evaluate_spend, py::arg("property"), py::arg("amount"),
             py::arg("emergency"))
        .def("is_quiet_hour", &Policy::is_quiet_hour, py::arg("local_hour"))
        .def("tool_allowed", &Policy::tool_allowed, py::arg("workflow"), py::arg("tool"));
    Record<AgentRunnerOptions>(m, "AgentRunnerOptions",
                               "Model, max_tokens per call and cost function "
                               "(model, usage) -> micro-dollars of the agent.")
        .field("model", &AgentRunnerOptions::model)
        .field("max_tokens", &AgentRunnerOptions::max_tokens)
        .field("cost_micros", &AgentRunnerOptions::cost_micros);
    Record<AgentRun>(m, "AgentRun", "The durable state of one agent run.")
        .field("id", &AgentRun::id)
        .field("workflow", &AgentRun::workflow)
        .field("status", &AgentRun::status)
        .field("status_reason", &AgentRun::status_reason)
        .field("step", &AgentRun::step)
        .field("system", &AgentRun::system)
        .field("messages", &AgentRun::messages)
        .field("allowed_tools", &AgentRun::allowed_tools)
        .field("usage", &AgentRun::usage)
        .field("cost_micros", &AgentRun::cost_micros)
        .field("model", &AgentRun::model)
        .field("provider", &AgentRun::provider)
        .field("inbound_text", &AgentRun::inbound_text)
        .field("inbound_message_id", &AgentRun::inbound_message_id)
        .field("context", &AgentRun::context)
        .field("executed", &AgentRun::executed)
        .field("consecutive_tool_failures", &AgentRun::consecutive_tool_failures)
        .field("raised", &AgentRun::raised)
        .field("pending_escalation", &AgentRun::pending_escalation)
        .field("correlation_id", &AgentRun::correlation_id)
        .field("created_at", &AgentRun::created_at)
        .field("updated_at", &AgentRun::updated_at)
        .json();
    Record<AgentTask>(m, "AgentTask", "What an agent run should do.")
        .field("workflow", &AgentTask::workflow)
        .field("system", &AgentTask::system)
        .field("context_text", &AgentTask::context_text)
        .field("untrusted_text", &AgentTask::untrusted_text)
        .field("untrusted_label", &AgentTask::untrusted_label)
        .field("untrusted_message_id", &AgentTask::untrusted_message_id)
        .field("context", &AgentTask::context)
        .field("tools", &AgentTask::tools)
        .field("correlation_id", &AgentTask::correlation_id)
        .field("run_id", &AgentTask::run_id);
    Record<RunOutcome>(m, "RunOutcome", "The result of AgentRunner.start()/resume().")
        .field("run", &RunOutcome::run)
        .field("escalations", &RunOutcome::escalations);

    const auto release = py::call_guard<py::gil_scoped_release>();
    py::class_<AgentRunner>(m, "AgentRunner",
                            "The decision loop (owned by a Coordinator: Coordinator.agent). Runs are "
                            "durable; provider failures propagate after the run state is saved.")
        .def("start", &AgentRunner::start, py::arg("org"), py::arg("task"), release)
        .def("resume", &AgentRunner::resume, py::arg("org"), py::arg("run_id"), release)
        .def("resolve",
             py::overload_cast<const OrgId&, const EscalationId&, const std::string&, const std::string&>(
                 &AgentRunner::resolve),
             py::arg("org"), py::arg("id"), py::arg("decision"), py::arg("resolved_by"), release)
        .def("find_run", &AgentRunner::find_run, py::arg("org"), py::arg("run_id"), release)
        .def_static("delimit_untrusted", &AgentRunner::delimit_untrusted, py::arg("label"), py::arg("text"))
        .def_static("untrusted_data_notice", &AgentRunner::untrusted_data_notice);
}

}  // namespace propos_py
