// Pure helpers of the compliance and lease-renewal workflows, callable without a Coordinator: rule
// packs (RulePack: the built-in ones, a file's, a document's), a work order's legal repair deadline,
// the heat season, and the reading of a tenant's reply to a renewal offer. The Coordinator's own
// compliance and renewal calls are bound in coordinator.cpp.
#include <pybind11/stl/filesystem.h>

#include "common.hpp"
#include "propos/workflows/compliance.hpp"
#include "propos/workflows/renewal.hpp"

namespace propos_py {
template <>
struct EnumNames<propos::RenewalReplyKind> {
    using T = propos::RenewalReplyKind;
    static constexpr std::array<std::pair<T, std::string_view>, 5> kNames{{{T::kAccept, "accept"},
                                                                           {T::kDecline, "decline"},
                                                                           {T::kNegotiate, "negotiate"},
                                                                           {T::kQuestion, "question"},
                                                                           {T::kUnclear, "unclear"}}};
    static constexpr std::string_view kWhat = "renewal reply kind";
};
}  // namespace propos_py

namespace pybind11::detail {
PROPOS_PY_ENUM_CASTER(propos::RenewalReplyKind);
}  // namespace pybind11::detail

namespace propos_py {
namespace {

using namespace propos;

/// A pack argument: a RulePack, or the jurisdiction of a built-in pack ("nyc", "ca", "tx", "generic").
RulePack pack_of(py::handle pack) {
    if (!py::isinstance<py::str>(pack)) return pack.cast<RulePack>();
    const auto name = pack.cast<std::string>();
    std::string known;
    for (auto& p : builtin_rule_packs()) {
        if (p.jurisdiction == name) return p;
        known += (known.empty() ? "" : ", ") + p.jurisdiction;
    }
    throw Error(ErrorCode::kInvalidArgument,
                "no built-in compliance rule pack for '" + name + "' (built-in: " + known +
                    "; pass a RulePack for another: load_compliance_pack_file(), Coordinator.compliance_pack())");
}

}  // namespace

void bind_workflow_rules(py::module_& m) {
    Record<RulePack>(m, "RulePack",
                     "A validated compliance rule pack: its jurisdiction ('nyc'), name, origin (the file it "
                     "was read from, or 'builtin:<jurisdiction>') and document (the pack as a dict).")
        .field("jurisdiction", &RulePack::jurisdiction)
        .field("name", &RulePack::name)
        .field("origin", &RulePack::origin)
        .field("document", &RulePack::document);
    m.def(
        "builtin_compliance_packs", [] { return record_list(builtin_rule_packs()); },
        "The rule packs embedded in the library (ca, generic, nyc, tx), as a RecordList of RulePack.");
    m.def(
        "load_compliance_pack_file", [](py::object path) { return load_rule_pack_file(fspath(path)); },
        py::arg("path"),
        "Reads and validates a rule pack file (str or path). Raises InvalidArgument naming the file and "
        "the field (a JSON pointer) that fails the schema, NotFound when the file does not exist.");
    m.def(
        "parse_compliance_pack",
        [](py::object document, const std::string& where) {
            const std::string text = py::isinstance<py::str>(document) ? document.cast<std::string>()
                                                                       : python_to_json(document).dump();
            return parse_rule_pack(text, where);
        },
        py::arg("document"), py::arg("where") = "pack",
        "Validates a rule pack (JSON text or a dict) and returns it as a RulePack; InvalidArgument names "
        "`where` and the failing field.");

    Record<LegalRepairDeadline>(m, "LegalRepairDeadline",
                                "A work order's legal repair deadline from a rule pack: the violation class, "
                                "when it is due, how long before it the at-risk escalation comes, its basis and "
                                "whether the sources confirmed the value.")
        .field("jurisdiction", &LegalRepairDeadline::jurisdiction)
        .field("violation_class", &LegalRepairDeadline::violation_class)
        .field("title", &LegalRepairDeadline::title)
        .field("due_at", &LegalRepairDeadline::due_at)
        .field("at_risk_lead", &LegalRepairDeadline::at_risk_lead)
        .field("basis", &LegalRepairDeadline::basis)
        .field("confirmed", &LegalRepairDeadline::confirmed)
        .field("note", &LegalRepairDeadline::note);
    m.def(
        "legal_repair_deadline",
        [](py::object pack, const WorkOrder& wo, std::optional<Timestamp> reported_at, const std::string& timezone) {
            const auto p = pack_of(pack);
            const auto at = reported_at.value_or(wo.created_at);
            return nogil([&] { return legal_repair_deadline(p, wo, at, timezone); });
        },
        py::arg("pack"), py::arg("work_order"), py::arg("reported_at") = py::none(),
        py::arg("timezone") = "America/New_York",
        "The legal repair deadline of a work order (its category, priority, emergency flag and words) "
        "under a rule pack (a RulePack, or a built-in pack's jurisdiction such as 'nyc'), counted from "
        "reported_at (default: the work order's created_at) in `timezone` (the heat season); None when no "
        "class of the pack matches.");
    m.def(
        "in_heat_season",
        [](py::object pack, Timestamp at, const std::string& timezone) {
            return in_heat_season(pack_of(pack), at, timezone);
        },
        py::arg("pack"), py::arg("at"), py::arg("timezone") = "America/New_York",
        "Whether `at` (a datetime) falls in the pack's heat season (local date in `timezone`; NYC: Oct 1 - "
        "May 31); False for a pack without one.");

    Record<RenewalReply>(m, "RenewalReply",
                         "How a tenant answered a renewal offer: kind ('accept', 'decline', 'negotiate', "
                         "'question', 'unclear'), the words that decided it, whether the text is about the "
                         "renewal at all and whether it names the lease or the offer itself.")
        .field("kind", &RenewalReply::kind)
        .field("reasons", &RenewalReply::reasons)
        .field("about_renewal", &RenewalReply::about_renewal)
        .field("names_renewal", &RenewalReply::names_renewal);
    m.def("read_renewal_reply", &read_renewal_reply, py::arg("text"),
          "Reads a reply to a renewal offer deterministically (English, Spanish, French, Russian, Chinese, "
          "with negation: \"I won't renew\" declines); both yes and no, or nothing, is 'unclear'.");
}

}  // namespace propos_py
