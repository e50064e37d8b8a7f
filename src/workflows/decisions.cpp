// Staff decisions as precedent and notes on work orders (issue 20). See decisions.hpp.
#include "propos/workflows/decisions.hpp"

#include "propos/channels/text.hpp"
#include "propos/model/work_order.hpp"
#include "propos/store/events.hpp"

namespace propos {
namespace {

void validate_person(const std::string& who, const std::string& what) {
    if (who.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw Error(ErrorCode::kInvalidArgument, what + " is empty: say who it is");
    }
    if (who.size() > kMaxAuthorBytes) {
        throw Error(ErrorCode::kInvalidArgument, what + " is " + std::to_string(who.size()) +
                                                     " bytes, over the limit of " + std::to_string(kMaxAuthorBytes));
    }
    if (!channels::is_valid_utf8(who)) throw Error(ErrorCode::kInvalidArgument, what + " is not valid UTF-8");
}

bool known_kind(const std::string& k) {
    return k == kDecisionEscalationResolved || k == kDecisionApproval || k == kDecisionVendorAssigned;
}

}  // namespace

void validate_note_text(const std::string& text, const std::string& what) {
    if (text.size() > kMaxNoteBytes) {
        throw Error(ErrorCode::kInvalidArgument, what + " is " + std::to_string(text.size()) +
                                                     " bytes, over the limit of " + std::to_string(kMaxNoteBytes) +
                                                     "; keep it short or attach a document");
    }
    if (!channels::is_valid_utf8(text)) throw Error(ErrorCode::kInvalidArgument, what + " is not valid UTF-8");
}

StaffDecision record_staff_decision(Transaction& tx, const OrgId& org, StaffDecision d,
                                    const std::string& correlation_id) {
    if (!known_kind(d.kind)) {
        throw Error(ErrorCode::kInvalidArgument,
                    "staff decision kind '" + d.kind.substr(0, 40) +
                        "' is not one of escalation_resolved, approval_decided, vendor_assigned");
    }
    validate_person(d.decided_by, "who decided");
    validate_note_text(d.note, "the decision's note");
    if (d.id.empty()) d.id = new_id("dec");
    tx.put(org, d);
    auto a = AuditEvent::about("staff_decision.recorded", "staff_decision", d.id, d.at,
                               "user:" + d.decided_by, correlation_id, Json(d));
    Json payload{{"decision_id", d.id}, {"kind", d.kind}};
    if (d.work_order_id) payload["work_order_id"] = d.work_order_id->str();
    if (d.escalation_id) payload["escalation_id"] = d.escalation_id->str();
    record_decision(tx, org, std::move(a), std::move(payload));
    return d;
}

Note add_work_order_note(Store& store, const OrgId& org, const WorkOrderId& work_order, const std::string& author,
                         const std::string& text, Timestamp now) {
    if (text.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
        throw Error(ErrorCode::kInvalidArgument, "the note on work order " + work_order.str() +
                                                     " is empty: give the text to add");
    }
    validate_note_text(text, "the note on work order " + work_order.str());
    validate_person(author, "the note's author");
    return store.write_result([&](Transaction& tx) {
        const auto wo = tx.find<WorkOrder>(org, work_order.str());
        if (!wo) {
            throw Error(ErrorCode::kNotFound,
                        "organization " + org.str() + " has no work order " + work_order.str());
        }
        Note n;
        n.id = NoteId(new_id("note"));
        n.text = text;
        n.author = "user:" + author;
        n.work_order_id = wo->id;
        n.unit_id = wo->unit_id;
        n.property_id = wo->property_id;
        n.at = now;
        tx.put(org, n);
        auto a = AuditEvent::about("work_order.note_added", "work_order", wo->id.str(), now, n.author,
                                   "", {{"note_id", n.id.str()}, {"text", n.text}});
        record_decision(tx, org, std::move(a),
                        Json{{"work_order_id", wo->id.str()}, {"note_id", n.id.str()}, {"author", author}});
        return n;
    });
}

std::vector<Note> work_order_notes(Store& store, const OrgId& org, const WorkOrderId& work_order) {
    return store.read_result([&](Transaction& tx) {
        if (!tx.find<WorkOrder>(org, work_order.str())) {
            throw Error(ErrorCode::kNotFound,
                        "organization " + org.str() + " has no work order " + work_order.str());
        }
        return tx.list<Note>(org, {.parent = work_order.str()});
    });
}

}  // namespace propos
