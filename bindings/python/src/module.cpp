// propos._core: the compiled part of the `propos` package. Each layer of the SDK is bound in its own
// file (core.cpp, model.cpp, llm.cpp, store.cpp, search.cpp, channels.cpp, agent.cpp, onboarding.cpp,
// workflow_rules.cpp, coordinator.cpp); the order below binds every type before the types that use it.
#include "common.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "PropOS C++ SDK bindings (private: import `propos` instead).";
    propos_py::bind_errors(m);
    propos_py::bind_core(m);
    propos_py::bind_model(m);
    propos_py::bind_llm(m);
    propos_py::bind_store(m);
    propos_py::bind_search(m);
    propos_py::bind_channels(m);
    propos_py::bind_agent(m);
    propos_py::bind_onboarding(m);  // onboarding (issue 17)
    propos_py::bind_workflow_rules(m);  // rule packs, legal deadlines, renewal replies (issue 17)
    propos_py::bind_coordinator(m);
}
