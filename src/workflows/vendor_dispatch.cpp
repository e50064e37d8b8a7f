// Vendor dispatch: vendor messages (bids, acceptances, declines, on site, done), response
// deadlines, bid comparison, owner approvals, a person's assignment, and the dispatch tools.
#include <algorithm>
#include <cctype>
#include <set>

#include "core/strings.hpp"
#include "ops.hpp"
#include "propos/agent/escalation.hpp"
#include "propos/core/time.hpp"
#include "propos/workflows/decisions.hpp"  // issue 20
#include "tool_util.hpp"
#include "units.hpp"

namespace propos {
namespace {
using namespace std::chrono;

std::string first_word(const std::string& upper) {
    size_t i = 0;
    while (i < upper.size() && !std::isalnum(static_cast<unsigned char>(upper[i]))) ++i;
    size_t j = i;
    while (j < upper.size() && std::isalnum(static_cast<unsigned char>(upper[j]))) ++j;
    return upper.substr(i, j - i);
}

std::optional<Timestamp> find_time(const std::string& text) {
    // Any ISO-8601 timestamp in the text ("YES 2026-01-06T10:00" or with Z / offset).
    for (size_t i = 0; i + 16 <= text.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i])) || text[i + 4] != '-' || text[i + 10] != 'T') continue;
        size_t j = i;
        while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
        std::string token = text.substr(i, j - i);
        if (token.back() == '.' || token.back() == ',') token.pop_back();
        if (token.find('Z') == std::string::npos && token.find('+') == std::string::npos &&
            token.size() <= 19) {
            token += "Z";
        }
        try {
            return parse_time(token);
        } catch (const Error&) {
        }
    }
    return std::nullopt;
}

std::optional<Money> find_amount(const std::string& text) {
    for (size_t i = 0; i < text.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) continue;
        size_t j = i;
        while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '.' ||
                                   text[j] == ',')) {
            ++j;
        }
        std::string token = text.substr(i, j - i);
        while (!token.empty() && (token.back() == '.' || token.back() == ',')) token.pop_back();
        try {
            return Money::parse(token);
        } catch (const Error&) {
        }
        i = j;
    }
    return std::nullopt;
}

std::string wo_ref(const std::string& text) {
    const auto p = text.find("wo_");
    if (p == std::string::npos) return {};
    size_t j = p;
    while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) ++j;
    return text.substr(p, j - p);
}

// What a vendor's reply asks for, from its first word. Anything else is free text: a note for a
// person, never an instruction.
enum class VendorReply { kBid, kAccept, kDecline, kArrived, kDone, kNote };

VendorReply vendor_reply_kind(const std::string& word, const std::string& upper) {
    static const std::set<std::string> kAccept = {"YES", "Y", "ACCEPT", "ACCEPTED", "CONFIRM", "OK"};
    static const std::set<std::string> kDecline = {"NO", "N", "DECLINE", "DECLINED"};
    static const std::set<std::string> kArrived = {"ARRIVED", "ONSITE", "STARTED"};
    static const std::set<std::string> kDone = {"DONE", "COMPLETE", "COMPLETED", "FINISHED", "FIXED"};
    if (word == "BID") return VendorReply::kBid;
    if (kAccept.count(word)) return VendorReply::kAccept;
    if (kDecline.count(word)) return VendorReply::kDecline;
    if (kArrived.count(word) || upper.rfind("ON SITE", 0) == 0) return VendorReply::kArrived;
    if (kDone.count(word)) return VendorReply::kDone;
    return VendorReply::kNote;
}

// The states a reply may act on: accept only a dispatched job; decline or arrive on a dispatched or
// scheduled one; done only on an accepted (scheduled) or in-progress one. A note may be about any
// open job.
std::vector<WorkOrderStatus> eligible_states(VendorReply kind) {
    using S = WorkOrderStatus;
    switch (kind) {
        case VendorReply::kAccept: return {S::kDispatched};
        case VendorReply::kDecline:
        case VendorReply::kArrived: return {S::kDispatched, S::kScheduled};
        case VendorReply::kDone: return {S::kScheduled, S::kInProgress};
        case VendorReply::kBid: return {S::kAwaitingBids};
        case VendorReply::kNote: break;
    }
    return {S::kDispatched, S::kScheduled, S::kInProgress};
}

const char* reply_verb(VendorReply kind) {
    switch (kind) {
        case VendorReply::kAccept: return "YES (accept)";
        case VendorReply::kDecline: return "NO (decline)";
        case VendorReply::kArrived: return "ARRIVED";
        case VendorReply::kDone: return "DONE";
        case VendorReply::kBid: return "BID";
        case VendorReply::kNote: break;
    }
    return "your message";
}

// The vendor's open jobs (dispatched, scheduled or in progress), oldest first.
std::vector<WorkOrder> open_jobs_of(Transaction& tx, const OrgId& org, const VendorId& vendor) {
    std::vector<WorkOrder> out;
    for (const char* status : {"dispatched", "scheduled", "in_progress"}) {
        for (auto& wo : tx.list<WorkOrder>(org, {.status = status})) {
            if (wo.vendor_id == vendor) out.push_back(std::move(wo));
        }
    }
    std::sort(out.begin(), out.end(), [](const WorkOrder& a, const WorkOrder& b) { return a.created_at < b.created_at; });
    return out;
}

// "wo_1 (leaking faucet, dispatched), wo_2 (...)" for a message to the vendor.
std::string job_list(const std::vector<WorkOrder>& jobs) {
    std::string out;
    for (const auto& wo : jobs) {
        if (!out.empty()) out += ", ";
        out += wo.id.str() + " (" + wo.title + ", " + std::string(enum_name(wo.status)) + ")";
    }
    return out;
}

bool in_states(const WorkOrder& wo, const std::vector<WorkOrderStatus>& states) {
    return std::find(states.begin(), states.end(), wo.status) != states.end();
}

// True when `wo` is already past the step the reply reports (a repeated ARRIVED or DONE, a YES on
// a job already scheduled with no new time): nothing to do and nothing wrong.
bool already_past(VendorReply kind, const WorkOrder& wo, bool names_a_time) {
    using S = WorkOrderStatus;
    switch (kind) {
        case VendorReply::kAccept: return wo.status == S::kScheduled && !names_a_time;
        case VendorReply::kArrived:
            return wo.status == S::kInProgress || wo.status == S::kCompleted || wo.status == S::kInvoiced ||
                   wo.status == S::kClosed;
        case VendorReply::kDone: return wo.status == S::kCompleted || wo.status == S::kInvoiced || wo.status == S::kClosed;
        default: return false;
    }
}

}  // namespace

namespace ops {

std::string auto_dispatch(Transaction& tx, const WorkflowServices& s, const OrgId& org, WorkOrder& wo,
                          const std::string& correlation) {
    const auto now = s.clock->now();
    const auto ranked = rank_for(tx, org, wo, now);
    std::vector<const VendorRank*> eligible;
    for (const auto& r : ranked) {
        if (r.eligible) eligible.push_back(&r);
    }
    if (eligible.empty()) {
        raise(tx, org, "vendors_exhausted", wo.emergency ? Severity::kCritical : Severity::kHigh,
              "No eligible vendor left for " + wo.id.str() + " (" + wo.category + "); tried " +
                  std::to_string(wo.tried_vendors.size()),
              wo.id, Json{{"tried", wo.tried_vendors}}, now, correlation);
        wo.next_action = "a person must find a vendor";
        wo.next_action_due = now + hours(wo.emergency ? 1 : 4);
        save(tx, org, wo, now, "work_order.vendors_exhausted", correlation);
        return "escalated: no eligible vendor";
    }
    const auto property = property_of(tx, org, wo);
    const auto d = s.policy.evaluate_spend(property, eligible.front()->estimate, wo.emergency);
    if (d.needs_bids && !wo.emergency && eligible.size() >= 2 && wo.status == WorkOrderStatus::kTriaged) {
        const auto due = now + hours(48);
        for (size_t i = 0; i < eligible.size() && i < 3; ++i) {
            Bid b;
            b.id = BidId(new_id("bid"));
            b.work_order_id = wo.id;
            b.vendor_id = eligible[i]->vendor.id;
            b.requested_at = now;
            b.due_at = due;
            tx.put(org, b);
            message_vendor(tx, s, org, eligible[i]->vendor, wo,
                           "Bid request " + wo.id.str() + ": " + wo.title + ". Reply BID <amount> by " +
                               format_time(due) + ".",
                           correlation);
        }
        wo.transition_to(WorkOrderStatus::kAwaitingBids, now, d.reason);
        wo.next_action = "compare bids";
        wo.next_action_due = due;
        save(tx, org, wo, now, "work_order.bids_requested", correlation);
        s.jobs.enqueue(tx, org, JobSpec{.type = job_types::kBidsDue,
                                        .payload = {{"work_order_id", wo.id.str()}},
                                        .run_at = due,
                                        .idempotency_key = "bids-due:" + wo.id.str() + ":" + format_time(due),
                                        .correlation_id = correlation});
        return "requested bids";
    }
    const auto out = dispatch(tx, s, org, wo, eligible.front()->vendor, eligible.front()->estimate,
                              std::nullopt, correlation,
                              [&](const std::string& reason, const std::string& summary, Json c) {
                                  raise(tx, org, reason, Severity::kHigh, summary, wo.id, std::move(c), now,
                                        correlation);
                              });
    return out.status + " " + eligible.front()->vendor.name;
}

}  // namespace ops

std::vector<std::string> VendorDispatch::tool_names() const { return unit_tool_names({"rank_vendors", "request_bids", "dispatch_vendor"}); }

void VendorDispatch::handle(const Job& job) {
    const auto& org = job.org_id;
    if (job.type == job_types::kVendorResponseDue) return on_response_due(org, job);
    if (job.type == job_types::kBidsDue) return on_bids_due(org, job);
    if (job.type == job_types::kApprovalDecided) return on_approval_decided(org, job);
    unowned_job(*this, job);
}

void VendorDispatch::take_message(const OrgId& org, const Message& msg, const Vendor& vendor) {
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        const auto up = detail::upper(msg.body);
        const auto w = first_word(up);
        const auto kind = vendor_reply_kind(w, up);
        const std::string corr = msg.id.str();
        const std::string who = "vendor:" + vendor.id.str();
        const auto ref = wo_ref(msg.body);
        const auto jobs = open_jobs_of(tx, org, vendor.id);
        auto m = tx.get<Message>(org, msg.id.str());
        auto attach = [&](const WorkOrder& wo) {
            m.work_order_id = wo.id;
            tx.put(org, m);
        };
        // An answer to the vendor on their thread.
        auto answer = [&](const std::string& text) {
            OutboundSpec spec;
            spec.channel = vendor.phone.empty() ? Channel::kEmail : Channel::kSms;
            spec.to = vendor.phone.empty() ? vendor.email : vendor.phone;
            spec.subject = "Your reply";
            spec.body = text;
            spec.vendor_id = vendor.id;
            spec.thread_id = msg.thread_id;
            spec.urgent = true;
            spec.correlation_id = corr;
            queue_outbound(tx, s, org, spec);
        };
        // Nothing changes: the vendor is asked which job they mean and a person sees it.
        auto unmatched = [&](const std::string& why, std::optional<WorkOrderId> about) {
            std::string ask = why + " Nothing was changed. Which job do you mean? ";
            if (jobs.empty()) {
                ask += "You have no open job with us right now.";
            } else {
                ask += "Your open jobs: " + job_list(jobs) + ". Reply with the job id, e.g. " +
                       (kind == VendorReply::kNote ? std::string("YES") : std::string(w)) + " " +
                       jobs.front().id.str() + ".";
            }
            answer(ask);
            ops::raise(tx, org, "vendor_reply_unmatched", Severity::kMedium,
                       vendor.name + " replied '" + std::string(detail::utf8_prefix(msg.body, 60)) + "': " + why,
                       about,
                       Json{{"message_id", msg.id.str()}, {"vendor_id", vendor.id.str()},
                            {"work_order_ref", ref}, {"reply", reply_verb(kind)}},
                       now, corr);
        };
        // A step already recorded (e.g. DONE sent twice): acknowledged, audited, nothing changes.
        auto repeated = [&](const WorkOrder& wo) {
            attach(wo);
            answer("Already noted: " + wo.id.str() + " is " + std::string(enum_name(wo.status)) +
                   ". Nothing was changed.");
            AuditEvent a;
            a.at = now;
            a.actor = "vendor:" + vendor.id.str();
            a.action = "vendor.reply_repeated";
            a.entity_kind = "work_order";
            a.entity_id = wo.id.str();
            a.correlation_id = corr;
            a.data = {{"reply", reply_verb(kind)}, {"status", enum_name(wo.status)}, {"message_id", msg.id.str()}};
            tx.append_audit(org, a);
        };
        auto note = [&](const std::optional<WorkOrder>& wo) {
            if (wo) attach(*wo);
            ops::raise(tx, org, "vendor_message", Severity::kLow,
                       wo ? vendor.name + " wrote about " + wo->id.str() + " (not a recognized reply)"
                          : "Message from " + vendor.name + " that matches no single open job",
                       wo ? std::optional<WorkOrderId>(wo->id) : std::nullopt, Json{{"message_id", msg.id.str()}},
                       now, corr);
        };

        if (kind == VendorReply::kBid) {
            // A bid answers a bid request sent to this vendor: the one named, else their latest.
            std::optional<WorkOrder> wo;
            std::optional<Bid> bid;
            for (const auto& b : tx.list<Bid>(org, {.lookup = vendor.id.str(), .newest_first = true})) {
                if (b.vendor_id != vendor.id) continue;
                if (ref.empty() ? b.status != BidStatus::kRequested : b.work_order_id.str() != ref) continue;
                wo = tx.find<WorkOrder>(org, b.work_order_id.str());
                if (wo) {
                    bid = b;
                    break;
                }
            }
            if (!wo) {
                unmatched(ref.empty() ? "We have no bid request open for you."
                                      : "We sent you no bid request for " + ref + ".",
                          std::nullopt);
                return;
            }
            attach(*wo);
            auto rest = up.substr(3);
            if (!ref.empty()) {
                const auto p = rest.find(detail::upper(ref));
                if (p != std::string::npos) rest.erase(p, ref.size());
            }
            const auto amount = find_amount(rest);
            std::string problem;
            if (!amount) {
                problem = "we could not read an amount";
            } else {
                try {
                    check_amount(*amount, "bid", s.policy.max_amount);
                } catch (const Error& e) {
                    problem = e.what();
                }
            }
            if (!problem.empty() || wo->status != WorkOrderStatus::kAwaitingBids) {
                if (problem.empty()) problem = wo->id.str() + " is no longer taking bids";
                answer("Your bid for " + wo->id.str() + " was not taken: " + problem +
                       ". Reply BID <amount> " + wo->id.str() + ", e.g. BID 450 " + wo->id.str() + ".");
                ops::raise(tx, org, "vendor_message", Severity::kLow,
                           vendor.name + " sent a bid we could not take for " + wo->id.str() + ": " + problem, wo->id,
                           Json{{"message_id", msg.id.str()}}, now, corr);
                return;
            }
            auto b = *bid;
            b.amount = *amount;
            b.status = BidStatus::kReceived;
            b.received_at = now;
            tx.put(org, b);
            ops::save(tx, org, *wo, now, "bid.received", corr,
                      Json{{"vendor_id", vendor.id.str()}, {"amount_cents", amount->in_cents()}}, who);
            bool all_in = true;
            for (const auto& other : tx.list<Bid>(org, {.parent = wo->id.str()})) {
                all_in = all_in && other.status != BidStatus::kRequested;
            }
            if (all_in) {
                s.jobs.enqueue(tx, org, JobSpec{.type = job_types::kBidsDue,
                                                .payload = {{"work_order_id", wo->id.str()}},
                                                .idempotency_key = "bids-complete:" + wo->id.str() + ":" +
                                                                   std::to_string(wo->reopen_count),
                                                .correlation_id = corr});
            }
            return;
        }

        // Which job: the one named, when it is theirs and in a state that allows the step; else
        // the only one of theirs that allows it. Anything else changes nothing.
        const auto states = eligible_states(kind);
        std::optional<WorkOrder> wo;
        if (!ref.empty()) {
            auto named = tx.find<WorkOrder>(org, ref);
            if (!named || named->vendor_id != vendor.id) {
                unmatched("We found no job " + ref + " assigned to you.", std::nullopt);
                return;
            }
            if (kind == VendorReply::kNote) return note(named);
            if (!in_states(*named, states)) {
                if (already_past(kind, *named, find_time(msg.body).has_value())) return repeated(*named);
                if (kind == VendorReply::kAccept && named->status == WorkOrderStatus::kScheduled) {
                    return note(named);  // a new time for a booked visit: a person arranges it
                }
                attach(*named);
                const bool unaccepted = kind == VendorReply::kDone && named->status == WorkOrderStatus::kDispatched;
                unmatched(std::string(reply_verb(kind)) + " does not apply to " + named->id.str() + ", which is " +
                              std::string(enum_name(named->status)) +
                              (unaccepted ? " (reply YES " + named->id.str() + " to accept it first)." : "."),
                          named->id);
                return;
            }
            wo = named;
        } else {
            std::vector<WorkOrder> candidates;
            for (const auto& j : jobs) {
                if (in_states(j, states)) candidates.push_back(j);
            }
            if (kind == VendorReply::kNote) {
                return note(candidates.size() == 1 ? std::optional<WorkOrder>(candidates.front()) : std::nullopt);
            }
            if (candidates.empty() && (kind == VendorReply::kDone || kind == VendorReply::kArrived)) {
                // DONE or ARRIVED again after the job moved on: the vendor's latest such job.
                std::optional<WorkOrder> last;
                for (const char* st : {"in_progress", "completed"}) {
                    for (auto& j : tx.list<WorkOrder>(org, {.status = st})) {
                        if (j.vendor_id == vendor.id && already_past(kind, j, false) &&
                            (!last || j.updated_at > last->updated_at)) {
                            last = std::move(j);
                        }
                    }
                }
                const bool only_that = jobs.empty() || (jobs.size() == 1 && last && jobs.front().id == last->id);
                if (last && only_that) return repeated(*last);
            }
            if (candidates.empty()) {
                std::string why = std::string("None of your jobs can take ") + reply_verb(kind) + " now.";
                if (kind == VendorReply::kDone && !jobs.empty()) {
                    why += " DONE applies to a job you accepted or started; reply YES " + jobs.front().id.str() +
                           " to accept it first.";
                }
                unmatched(why, jobs.size() == 1 ? std::optional<WorkOrderId>(jobs.front().id) : std::nullopt);
                return;
            }
            if (candidates.size() > 1) {
                answer("You have " + std::to_string(candidates.size()) + " jobs this could be about: " +
                       job_list(candidates) + ". Nothing was changed. Please reply " + w + " with the job id, e.g. " +
                       w + " " + candidates.front().id.str() + ".");
                AuditEvent a;
                a.at = now;
                a.actor = "vendor:" + vendor.id.str();
                a.action = "vendor.reply_ambiguous";
                a.entity_kind = "message";
                a.entity_id = msg.id.str();
                a.correlation_id = corr;
                Json ids = Json::array();
                for (const auto& c : candidates) ids.push_back(c.id.str());
                a.data = {{"reply", reply_verb(kind)}, {"candidates", ids}};
                record_decision(tx, org, std::move(a),
                                Json{{"message_id", msg.id.str()}, {"vendor_id", vendor.id.str()},
                                     {"candidates", ids}});
                return;
            }
            wo = candidates.front();
        }
        attach(*wo);
        if (kind == VendorReply::kAccept) {
            bool moved = false;
            const auto when = ops::choose_visit(*wo, vendor, find_time(msg.body), now,
                                                ops::org_timezone(tx, org), &moved);
            ops::schedule(tx, s, org, *wo, when, corr,
                          moved ? "Your proposed time is outside the tenant's availability and they must "
                                  "be present, so the visit moves; reply with another time if this one "
                                  "does not work."
                                : "");
            return;
        }
        if (kind == VendorReply::kDecline) {
            if (wo->purchase_order_id) {
                if (auto po = tx.find<PurchaseOrder>(org, wo->purchase_order_id->str())) {
                    po->status = PurchaseOrderStatus::kCancelled;
                    tx.put(org, *po);
                }
            }
            wo->transition_to(WorkOrderStatus::kTriaged, now, vendor.name + " declined");
            wo->vendor_id.reset();
            wo->purchase_order_id.reset();
            ops::save(tx, org, *wo, now, "work_order.vendor_declined", corr, Json{{"vendor_id", vendor.id.str()}}, who);
            ops::auto_dispatch(tx, s, org, *wo, corr);
            return;
        }
        if (kind == VendorReply::kArrived) {
            wo->transition_to(WorkOrderStatus::kInProgress, now, vendor.name + " on site");
            wo->next_action = "vendor to finish";
            wo->next_action_due = now + hours(4);
            ops::save(tx, org, *wo, now, "work_order.in_progress", corr, Json::object(), who);
            return;
        }
        // DONE on an accepted (scheduled) or in-progress job. The words after it are the vendor's
        // notes on the work (not instructions).
        if (wo->status == WorkOrderStatus::kScheduled) {
            wo->transition_to(WorkOrderStatus::kInProgress, now, vendor.name + " on site");
        }
        const auto word_at = up.find(w);
        auto notes = msg.body.substr(std::min(msg.body.size(), (word_at == std::string::npos ? 0 : word_at) + w.size()));
        if (!ref.empty()) {
            if (const auto p = notes.find(ref); p != std::string::npos) notes.erase(p, ref.size());
        }
        while (!notes.empty() && (std::isspace(static_cast<unsigned char>(notes.front())) || notes.front() == ':' ||
                                  notes.front() == '-' || notes.front() == ',')) {
            notes.erase(notes.begin());
        }
        wo->transition_to(WorkOrderStatus::kCompleted, now, vendor.name + " reports done");
        wo->resolution = notes.empty() ? "Completed by " + vendor.name : notes + " (" + vendor.name + ")";
        wo->awaiting_tenant = "confirmation";
        const auto ask = wo->emergency ? hours(2) : hours(24);
        wo->next_action = "tenant to confirm the fix";
        wo->next_action_due = now + ask;
        ops::save(tx, org, *wo, now, "work_order.completed", corr, Json{{"resolution", wo->resolution}}, who);
        ops::message_tenant(tx, s, org, *wo,
                            vendor.name + " reports " + wo->id.str() + " is done. Is it fixed? Reply YES, "
                            "or NOT FIXED if there is still a problem.",
                            vendor.name + " informa que " + wo->id.str() + " está terminada. ¿Está "
                            "arreglado? Responda SÍ, o NO si sigue el problema.",
                            false, corr);
        s.jobs.enqueue(tx, org, JobSpec{.type = job_types::kConfirmationDue,
                                        .payload = {{"work_order_id", wo->id.str()}, {"final", false}},
                                        .run_at = now + ask,
                                        .idempotency_key = "confirm:" + wo->id.str() + ":" + format_time(now),
                                        .correlation_id = corr});
        s.jobs.enqueue(tx, org, JobSpec{.type = job_types::kConfirmationDue,
                                        .payload = {{"work_order_id", wo->id.str()}, {"final", true}},
                                        .run_at = now + hours(48),
                                        .idempotency_key = "autoclose:" + wo->id.str() + ":" + format_time(now),
                                        .correlation_id = corr});
    });
}

void VendorDispatch::on_response_due(const OrgId& org, const Job& job) {
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        auto wo = tx.find<WorkOrder>(org, job.payload.value("work_order_id", ""));
        const auto vendor_id = job.payload.value("vendor_id", "");
        if (!wo || wo->status != WorkOrderStatus::kDispatched || !wo->vendor_id ||
            wo->vendor_id->str() != vendor_id) {
            return;  // the vendor answered (or the job moved on)
        }
        const auto corr = job.correlation_id;
        if (wo->purchase_order_id) {
            if (auto po = tx.find<PurchaseOrder>(org, wo->purchase_order_id->str())) {
                po->status = PurchaseOrderStatus::kCancelled;
                tx.put(org, *po);
            }
        }
        wo->transition_to(WorkOrderStatus::kTriaged, now, "no response from vendor " + vendor_id + " in time");
        wo->vendor_id.reset();
        wo->purchase_order_id.reset();
        ops::save(tx, org, *wo, now, "work_order.vendor_timeout", corr, Json{{"vendor_id", vendor_id}});
        ops::auto_dispatch(tx, s, org, *wo, corr);
    });
}

void VendorDispatch::on_bids_due(const OrgId& org, const Job& job) {
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        auto wo = tx.find<WorkOrder>(org, job.payload.value("work_order_id", ""));
        if (!wo || wo->status != WorkOrderStatus::kAwaitingBids) return;
        const auto corr = job.correlation_id;
        auto bids = tx.list<Bid>(org, {.parent = wo->id.str()});
        std::vector<Bid*> received;
        for (auto& b : bids) {
            if (b.status == BidStatus::kReceived) received.push_back(&b);
        }
        if (received.empty()) {
            for (auto& b : bids) {
                if (b.status == BidStatus::kRequested) {
                    b.status = BidStatus::kExpired;
                    tx.put(org, b);
                }
            }
            ops::raise(tx, org, "no_bids", Severity::kHigh, "No bids received for " + wo->id.str(), wo->id,
                       Json::object(), now, corr);
            wo->next_action = "a person must find a vendor (no bids)";
            wo->next_action_due = now + hours(24);
            ops::save(tx, org, *wo, now, "work_order.no_bids", corr);
            return;
        }
        // Lowest amount wins; ties go to the better-ranked vendor.
        const auto ranked = ops::rank_for(tx, org, *wo, now, true);
        auto score = [&](const VendorId& v) {
            for (const auto& r : ranked) {
                if (r.vendor.id == v) return r.score;
            }
            return 0.0;
        };
        std::sort(received.begin(), received.end(), [&](const Bid* a, const Bid* b) {
            if (a->amount != b->amount) return a->amount < b->amount;
            return score(a->vendor_id) > score(b->vendor_id);
        });
        Bid* win = received.front();
        std::vector<std::string> reasons{"lowest of " + std::to_string(received.size()) + " bids: " +
                                         win->amount.to_string()};
        if (received.size() < static_cast<size_t>(s.policy.min_bids)) {
            reasons.push_back("only " + std::to_string(received.size()) + " bid(s) received");
        }
        for (auto& b : bids) {
            if (&b == win) continue;
            if (b.status == BidStatus::kReceived) b.status = BidStatus::kRejected;
            if (b.status == BidStatus::kRequested) b.status = BidStatus::kExpired;
            tx.put(org, b);
        }
        win->status = BidStatus::kAccepted;
        tx.put(org, *win);
        const auto vendor = tx.get<Vendor>(org, win->vendor_id.str());
        AuditEvent a;
        a.at = now;
        a.actor = "system";
        a.action = "bids.compared";
        a.entity_kind = "work_order";
        a.entity_id = wo->id.str();
        a.correlation_id = corr;
        Json all = Json::array();
        for (const auto* b : received) all.push_back({{"vendor_id", b->vendor_id.str()}, {"amount_cents", b->amount.in_cents()}});
        a.data = {{"winner", vendor.id.str()}, {"amount_cents", win->amount.in_cents()}, {"reasons", reasons},
                  {"bids", all}};
        tx.append_audit(org, a);
        ops::dispatch(tx, s, org, *wo, vendor, win->amount, win->id, corr,
                      [&](const std::string& r, const std::string& sum, Json c) {
                          ops::raise(tx, org, r, Severity::kHigh, sum, wo->id, std::move(c), now, corr);
                      });
    });
}

void VendorDispatch::on_approval_decided(const OrgId& org, const Job& job) {
    auto& s = services_;
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        const auto e = tx.get<Escalation>(org, job.payload.value("escalation_id", ""));
        if (e.reason != "owner_approval" || !e.work_order_id) return;
        auto wo = tx.find<WorkOrder>(org, e.work_order_id->str());
        if (!wo || wo->status != WorkOrderStatus::kAwaitingApproval) return;
        const auto d = ops::approval_of(e);
        if (d && d->approve) {
            // The approval covers the vendor and amount it names (else those it was asked about).
            const auto vendor = tx.get<Vendor>(org, d->vendor_id ? d->vendor_id->str() : e.context.value("vendor_id", ""));
            const auto asked = Money::cents(e.context.value("amount_cents", std::int64_t{0}));
            const auto amount = d->amount && (*d->amount < asked || asked.in_cents() <= 0) ? *d->amount : asked;
            std::optional<BidId> bid;
            for (const auto& b : tx.list<Bid>(org, {.parent = wo->id.str(), .status = "accepted"})) {
                if (b.vendor_id == vendor.id) bid = b.id;
            }
            ops::dispatch(tx, s, org, *wo, vendor, amount, bid, job.correlation_id,
                          [&](const std::string& r, const std::string& sum, Json c) {
                              ops::raise(tx, org, r, Severity::kHigh, sum, wo->id, std::move(c), now,
                                         job.correlation_id);
                          });
        } else {
            const auto why = d && !d->note.empty() ? d->note : e.decision;
            wo->transition_to(WorkOrderStatus::kCancelled, now, "owner declined: " + why);
            wo->resolution = "Owner declined the cost: " + why;
            wo->next_action.clear();
            wo->next_action_due.reset();
            ops::save(tx, org, *wo, now, "work_order.closed", job.correlation_id, Json{{"owner_declined", true}});
            ops::message_tenant(tx, s, org, *wo,
                                "The owner did not approve the repair cost for " + wo->id.str() +
                                    ". Your property manager will contact you.",
                                "El propietario no aprobó el costo de " + wo->id.str() +
                                    ". Su administrador se comunicará con usted.",
                                false, job.correlation_id);
        }
    });
}

WorkOrder VendorDispatch::assign_vendor(const OrgId& org, const WorkOrderId& id, const VendorId& vendor_id,
                                             std::optional<Money> amount, const std::string& assigned_by,
                                             const std::string& note) {
    if (assigned_by.empty()) throw Error(ErrorCode::kInvalidArgument, "assign_vendor: who assigns is empty");
    validate_note_text(note, "the assignment's note");  // issue 20
    auto& s = services_;
    if (amount) check_amount(*amount, "amount", s.policy.max_amount);
    return s.store.write_result([&](Transaction& tx) {
        const auto now = s.clock->now();
        auto wo = tx.get<WorkOrder>(org, id.str());
        if (wo.status != WorkOrderStatus::kTriaged && wo.status != WorkOrderStatus::kAwaitingBids &&
            wo.status != WorkOrderStatus::kAwaitingApproval) {
            throw Error(ErrorCode::kFailedPrecondition,
                        "work order " + id.str() + " is " + std::string(enum_name(wo.status)) +
                            "; a vendor can be assigned only while it is triaged, awaiting bids or awaiting approval");
        }
        const auto vendor = tx.get<Vendor>(org, vendor_id.str());
        if (!vendor.active) {
            throw Error(ErrorCode::kFailedPrecondition, "vendor " + vendor_id.str() + " is inactive");
        }
        const auto corr = "assign:" + wo.id.str();
        const auto price = amount.value_or(estimate_cost(vendor, wo.category, wo.emergency, wo.scope));
        AuditEvent a;
        a.at = now;
        a.actor = "user:" + assigned_by;
        a.action = "work_order.vendor_assigned";
        a.entity_kind = "work_order";
        a.entity_id = wo.id.str();
        a.correlation_id = corr;
        a.data = {{"vendor_id", vendor_id.str()}, {"amount_cents", price.in_cents()}};
        tx.append_audit(org, a);
        // The spending policy still applies: above the owner-approval threshold this asks the owner.
        const auto out = ops::dispatch(tx, s, org, wo, vendor, price, std::nullopt, corr,
                                       [&](const std::string& r, const std::string& sum, Json c) {
                                           ops::raise(tx, org, r, Severity::kHigh, sum, wo.id, std::move(c), now,
                                                      corr);
                                       });
        if (out.status == "refused") {
            throw Error(ErrorCode::kFailedPrecondition, "cannot assign " + vendor_id.str() + ": " + out.reason);
        }
        // The person has found a vendor: escalations asking for one are done.
        for (const auto& e : tx.list<Escalation>(org, {.parent = wo.id.str(), .status = "open"})) {
            if (!e.run_id.empty() ||
                (e.reason != "vendors_exhausted" && e.reason != "no_vendor" && e.reason != "no_bids" &&
                 e.reason != "stalled")) {
                continue;
            }
            resolve_escalation(tx, org, e.id, "vendor " + vendor_id.str() + " assigned", assigned_by, now);
            emit_event(tx, org, "escalation.resolved", corr,
                       Json{{"escalation_id", e.id.str()}, {"reason", e.reason},
                            {"decision", "vendor assigned"}, {"resolved_by", assigned_by}},
                       now);
        }
        // ---- staff decisions as precedent (issue 20): the hand assignment and the person's note ----
        StaffDecision d;
        d.kind = std::string(kDecisionVendorAssigned);
        d.decided_by = assigned_by;
        d.decision = "assigned vendor " + vendor.name + " for " + price.to_string() +
                     (out.status == "awaiting_owner_approval" ? " (owner approval asked)" : "");
        d.note = note;
        d.work_order_id = wo.id;
        d.vendor_id = vendor.id;
        d.amount = price;
        d.at = now;
        record_staff_decision(tx, org, std::move(d), corr);
        // ---- end staff decisions ----
        return wo;
    });
}

void register_vendor_dispatch_tools(ToolRegistry& reg, const WorkflowServices& s) {
    using namespace tool_util;
    const WorkflowServices* sp = &s;
    (void)sp;
    reg.add({"rank_vendors",
             "Rank the organization's vendors for a work order (trade, service area, insurance, "
             "after-hours for emergencies, scorecard, cost) and say what the spending policy requires "
             "for the best one. Without work_order_id: the work order this conversation opened (so it "
             "can be called in the same turn as create_work_order).",
             Json{{"type", "object"},
                  {"properties", {{"work_order_id", kId}}},
                  {"additionalProperties", false}},
             [sp](ToolContext& ctx, const Json& args) {
                 const auto wo = load_wo(ctx, args);
                 const auto ranked = ops::rank_for(ctx.tx, ctx.org, wo, ctx.now);
                 Json out{{"work_order_id", wo.id.str()}, {"vendors", rank_json(ranked, 5)}};
                 if (!ranked.empty() && ranked.front().eligible) {
                     const auto property = ops::property_of(ctx.tx, ctx.org, wo);
                     const auto d = sp->policy.evaluate_spend(property, ranked.front().estimate, wo.emergency);
                     out["spend"] = {{"within_nte", d.within_nte},
                                     {"needs_bids", d.needs_bids},
                                     {"needs_owner_approval", d.needs_owner_approval},
                                     {"nte_cents", d.nte.in_cents()},
                                     {"reason", d.reason}};
                 } else {
                     out["spend"] = nullptr;
                     out["note"] = "no eligible vendor";
                 }
                 return ToolResult::ok(out);
             }});

    reg.add({"request_bids",
             "Ask two or more eligible vendors for a bid (for work above the bid threshold).",
             schema({{"work_order_id", kId},
                     {"vendor_ids", {{"type", "array"}, {"items", kId}, {"minItems", 2}, {"maxItems", 5},
                                     {"uniqueItems", true}}},
                     {"due_hours", {{"type", "integer"}, {"minimum", 1}, {"maximum", 168}}}},
                    {"work_order_id", "vendor_ids"}),
             [sp](ToolContext& ctx, const Json& args) {
                 auto wo = load_wo(ctx, args);
                 const auto ranked = ops::rank_for(ctx.tx, ctx.org, wo, ctx.now, true);
                 const int hours = args.value("due_hours", 48);
                 const auto due = ctx.now + std::chrono::hours(hours);
                 Json requested = Json::array();
                 for (const auto& vid : args["vendor_ids"]) {
                     const auto id = vid.get<std::string>();
                     auto it = std::find_if(ranked.begin(), ranked.end(),
                                            [&](const VendorRank& r) { return r.vendor.id.str() == id; });
                     if (it == ranked.end()) return ToolResult::error("unknown vendor " + id);
                     if (!it->eligible) {
                         std::string why;
                         for (const auto& r : it->reasons) why += (why.empty() ? "" : ", ") + r;
                         return ToolResult::error("vendor " + id + " is not eligible: " + why);
                     }
                     Bid b;
                     b.id = BidId(new_id("bid"));
                     b.work_order_id = wo.id;
                     b.vendor_id = it->vendor.id;
                     b.requested_at = ctx.now;
                     b.due_at = due;
                     ctx.tx.put(ctx.org, b);
                     ops::message_vendor(ctx.tx, *sp, ctx.org, it->vendor, wo,
                                         "Bid request " + wo.id.str() + ": " + wo.title + ". " + wo.description +
                                             " Reply BID <amount> (e.g. BID 450) by " + format_time(due) + ".",
                                         ctx.correlation_id);
                     requested.push_back({{"vendor_id", id}, {"bid_id", b.id.str()}});
                 }
                 if (wo.status != WorkOrderStatus::kAwaitingBids) {
                     wo.transition_to(WorkOrderStatus::kAwaitingBids, ctx.now,
                                      std::to_string(requested.size()) + " bids requested");
                 }
                 wo.next_action = "compare bids";
                 wo.next_action_due = due;
                 ops::save(ctx.tx, ctx.org, wo, ctx.now, "work_order.bids_requested", ctx.correlation_id,
                           Json{{"bids", requested}}, "agent");
                 ctx.enqueue({.type = job_types::kBidsDue,
                              .payload = {{"work_order_id", wo.id.str()}},
                              .run_at = due,
                              .idempotency_key = "bids-due:" + wo.id.str() + ":" + format_time(due)});
                 return ToolResult::ok({{"requested", requested}, {"due", format_time(due)}});
             }});

    reg.add({"dispatch_vendor",
             "Dispatch a vendor to a work order with a purchase order. The spending policy is enforced: "
             "above the NTE or the owner-approval threshold this creates an approval request instead.",
             schema({{"work_order_id", kId},
                     {"vendor_id", kId},
                     {"amount_cents", {{"type", "integer"}, {"minimum", 1}, {"maximum", 100000000}}},
                     {"bid_id", kId},
                     {"reasons", {{"type", "array"}, {"items", {{"type", "string"}}}}}},
                    {"work_order_id", "vendor_id"}),
             [sp](ToolContext& ctx, const Json& args) {
                 auto wo = load_wo(ctx, args);
                 if (is_terminal(wo.status) || wo.status == WorkOrderStatus::kCompleted ||
                     wo.status == WorkOrderStatus::kInvoiced) {
                     return ToolResult::error("work order " + wo.id.str() + " is " +
                                              std::string(enum_name(wo.status)));
                 }
                 const auto ranked = ops::rank_for(ctx.tx, ctx.org, wo, ctx.now, true);
                 const auto vid = args["vendor_id"].get<std::string>();
                 auto it = std::find_if(ranked.begin(), ranked.end(),
                                        [&](const VendorRank& r) { return r.vendor.id.str() == vid; });
                 if (it == ranked.end()) return ToolResult::error("unknown vendor " + vid);
                 if (!it->eligible) {
                     std::string why;
                     for (const auto& r : it->reasons) {
                         if (r != "already_tried") why += (why.empty() ? "" : ", ") + r;
                     }
                     if (!why.empty()) return ToolResult::error("vendor " + vid + " is not eligible: " + why);
                 }
                 Money amount = it->estimate;
                 std::optional<BidId> bid;
                 if (args.contains("bid_id")) {
                     const auto b = ctx.tx.get<Bid>(ctx.org, args["bid_id"].get<std::string>());
                     if (b.work_order_id != wo.id || b.vendor_id.str() != vid ||
                         b.status != BidStatus::kReceived) {
                         return ToolResult::error("bid " + b.id.str() + " is not a received bid from " + vid +
                                                  " for " + wo.id.str());
                     }
                     amount = b.amount;
                     bid = b.id;
                 } else if (args.contains("amount_cents")) {
                     amount = Money::cents(args["amount_cents"].get<std::int64_t>());
                     try {
                         check_amount(amount, "amount_cents", sp->policy.max_amount);
                     } catch (const Error& e) {
                         return ToolResult::error(e.what());
                     }
                 }
                 const auto out = ops::dispatch(
                     ctx.tx, *sp, ctx.org, wo, it->vendor, amount, bid, ctx.correlation_id,
                     [&](const std::string& reason, const std::string& summary, Json c) {
                         ctx.escalate(reason, "high", summary, true, std::move(c));
                     });
                 if (out.status == "refused") return ToolResult::error(out.reason);
                 Json res{{"status", out.status}, {"reason", out.reason}, {"amount_cents", amount.in_cents()}};
                 if (out.po) res["purchase_order"] = out.po->number;
                 return ToolResult::ok(res);
             }});
}

}  // namespace propos
