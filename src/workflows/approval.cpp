// The one reader of approval decisions: structured first, then free text with negation.
#include "propos/workflows/approval.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "core/strings.hpp"
#include "propos/core/error.hpp"

namespace propos {
namespace {

struct Token {
    std::string word;
    int clause = 0;  // punctuation (",", ".", "?"...) starts a new clause; negation stays inside one
};

bool is_letter_start(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Lower-cased words with their clause numbers. A single letter before an apostrophe is its own word
// (French "n'approuve" -> "n approuve", "d'accord" -> "d accord"); otherwise the apostrophe joins
// ("don't" -> "dont"). Latin-1, general and CJK punctuation separate words and clauses.
std::vector<Token> tokenize(std::string_view raw) {
    const std::string text = detail::lower_utf8(raw);
    std::vector<Token> out;
    std::string word;
    int clause = 0;
    auto flush = [&] {
        if (!word.empty()) out.push_back({word, clause});
        word.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const auto n1 = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
        const auto n2 = i + 2 < text.size() ? static_cast<unsigned char>(text[i + 2]) : 0;
        const bool right_quote = c == 0xE2 && n1 == 0x80 && n2 == 0x99;  // ’
        if (c == '\'' || right_quote) {
            if (word.size() == 1 || word == "qu") flush();
            if (right_quote) i += 2;
            continue;
        }
        if (c == 0xC2 && n1 >= 0x80 && n1 <= 0xBF) {  // Latin-1 punctuation: ¿ ¡ « » ...
            flush();
            ++clause;
            ++i;
            continue;
        }
        if ((c == 0xE2 && n1 == 0x80) || (c == 0xE3 && n1 == 0x80) || (c == 0xEF && n1 == 0xBC)) {
            flush();  // general punctuation (dashes, quotes), CJK punctuation, fullwidth forms
            ++clause;
            i += 2;
            continue;
        }
        if (is_letter_start(c)) {
            word += static_cast<char>(c);
            continue;
        }
        flush();
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') ++clause;
    }
    flush();
    return out;
}

bool starts_with_any(const std::string& w, std::initializer_list<std::string_view> stems) {
    return std::any_of(stems.begin(), stems.end(), [&](std::string_view s) { return w.rfind(s, 0) == 0; });
}
bool one_of(const std::string& w, std::initializer_list<std::string_view> words) {
    return std::any_of(words.begin(), words.end(), [&](std::string_view s) { return w == s; });
}

// Verbs and adjectives of approval (stems).
bool strong_approve(const std::string& w) {
    return starts_with_any(w, {"approv", "authoriz", "authoris", "accept", "agree",      // en
                               "aprob", "aprueb", "autoriz", "acept",                    // es
                               "approuv", "autoris", "valid",                           // fr
                               "aprov", "aceit", "concord",                              // pt
                               "одобр", "утверд", "утвержд", "соглас", "разреш"});       // ru
}
// A bare yes.
bool weak_approve(const std::string& w) {
    return one_of(w, {"yes", "yep", "yeah", "ok", "okay", "sure", "proceed", "si", "sí", "vale", "adelante",
                      "oui", "accord", "daccord", "sim", "да", "ладно", "хорошо"});
}
// Verbs and adjectives of refusal (stems).
bool strong_decline(const std::string& w) {
    return starts_with_any(w, {"declin", "reject", "deny", "deni", "refus", "disapprov", "disagree", "veto",
                               "rechaz", "deneg", "niego",                                // es
                               "décl", "rejet", "désapprouv",                            // fr
                               "recus", "rejeit", "negad",                               // pt
                               "отклон", "отказ", "запрещ", "запрет"});                  // ru
}
// A bare no.
bool weak_decline(const std::string& w) {
    return one_of(w, {"no", "nope", "nah", "non", "não", "nao", "нет"});
}
// Words that negate an approval word after them in the same clause ("not approved", "no lo
// apruebo", "je n'approuve pas", "não aprovado", "не одобряю").
bool negator(const std::string& w) {
    return one_of(w, {"not", "dont", "doesnt", "didnt", "wont", "cant", "cannot", "never", "no", "n", "ne",
                      "pas", "non", "jamais", "nunca", "não", "nao", "nem", "не", "ни"});
}

struct Signals {
    bool strong_yes = false, weak_yes = false, strong_no = false, weak_no = false;
};

// Chinese has no spaces: approval words are found as characters, negated by the character before.
void scan_chinese(const std::string& text, Signals& s) {
    static constexpr std::array<std::string_view, 6> kDecline{"拒绝", "拒絕", "驳回", "駁回", "否决", "否決"};
    static constexpr std::array<std::string_view, 5> kApprove{"批准", "同意", "可以", "核准", "准许"};
    static constexpr std::array<std::string_view, 8> kNegation{"不", "没", "沒", "未", "别", "別", "勿", "非"};
    for (auto w : kDecline) {
        if (text.find(w) != std::string::npos) s.strong_no = true;
    }
    if (text.find("不行") != std::string::npos) s.strong_no = true;
    for (auto w : kApprove) {
        for (auto pos = text.find(w); pos != std::string::npos; pos = text.find(w, pos + 1)) {
            const bool negated = pos >= 3 && std::any_of(kNegation.begin(), kNegation.end(), [&](std::string_view n) {
                                     return text.compare(pos - 3, 3, n) == 0;
                                 });
            (negated ? s.strong_no : s.strong_yes) = true;
        }
    }
    if (text.find("好的") != std::string::npos) s.weak_yes = true;
}

}  // namespace

ApprovalVerdict read_approval_text(std::string_view text) noexcept {
    try {
        Signals s;
        const auto tokens = tokenize(text);
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const auto& w = tokens[i].word;
            const bool yes_strong = strong_approve(w);
            const bool yes_weak = !yes_strong && weak_approve(w);
            if (yes_strong || yes_weak) {
                // A negator up to three words before (same clause), or French "pas" right after.
                bool negated = false;
                for (std::size_t k = 1; k <= 3 && k <= i; ++k) {
                    const auto& prev = tokens[i - k];
                    if (prev.clause != tokens[i].clause) break;
                    if (negator(prev.word)) negated = true;
                }
                if (i + 1 < tokens.size() && tokens[i + 1].clause == tokens[i].clause &&
                    one_of(tokens[i + 1].word, {"pas", "not"})) {
                    negated = true;
                }
                if (negated) {
                    (yes_strong ? s.strong_no : s.weak_no) = true;
                } else {
                    (yes_strong ? s.strong_yes : s.weak_yes) = true;
                }
                continue;
            }
            if (strong_decline(w)) s.strong_no = true;
            if (weak_decline(w)) s.weak_no = true;
        }
        scan_chinese(std::string(text), s);
        if (s.strong_yes != s.strong_no) return s.strong_yes ? ApprovalVerdict::kApprove : ApprovalVerdict::kDecline;
        if (s.strong_yes && s.strong_no) return ApprovalVerdict::kUnclear;
        if (s.weak_yes != s.weak_no) return s.weak_yes ? ApprovalVerdict::kApprove : ApprovalVerdict::kDecline;
        return ApprovalVerdict::kUnclear;
    } catch (...) {
        return ApprovalVerdict::kUnclear;
    }
}

bool staff_says_stop(std::string_view text) noexcept {
    try {
        const auto verdict = read_approval_text(text);
        if (verdict != ApprovalVerdict::kUnclear) return verdict == ApprovalVerdict::kDecline;
        const auto tokens = tokenize(text);
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const auto& w = tokens[i].word;
            if (starts_with_any(w, {"stop", "hold", "cancel", "reject", "deny", "wait", "pause", "halt",   // en
                                    "deten", "detén", "pausa", "suspen", "anul",                            // es
                                    "arrêt", "arret", "annul",                                               // fr
                                    "стоп", "останов", "отмен", "подожд", "приостанов", "прекрат"}) ||    // ru
                one_of(w, {"espera", "esperen", "espere", "esperar", "aguarde", "aguardem", "aguardar",
                           "attendez", "attendre", "attends"})) {
                return true;
            }
            // A negated instruction: "don't send", "do not dispatch", "never", "n'envoyez pas",
            // "не отправляйте" (Spanish and Portuguese "no", "não" decline above).
            if (one_of(w, {"dont", "never", "nunca", "jamais", "n", "ne", "не"})) return true;
            if (w == "do" && i + 1 < tokens.size() && tokens[i + 1].word == "not") return true;
        }
        const std::string raw(text);
        for (std::string_view w : {"停止", "暂停", "暫停", "取消", "不要", "先别", "先別", "别派", "別派", "等一下", "先等",
                                   "暂缓", "暫緩"}) {
            if (raw.find(w) != std::string::npos) return true;
        }
        return false;
    } catch (...) {
        return false;
    }
}

ApprovalDecision parse_approval_decision(const std::string& decision, Money max_amount) {
    const auto trimmed = std::string(detail::trim(decision));
    const auto lowered = detail::lower(trimmed);
    ApprovalDecision d;
    if (lowered == "approve" || lowered == "decline") {
        d.approve = lowered == "approve";
        return d;
    }
    if (!trimmed.empty() && trimmed.front() == '{') {
        const auto j = parse_json(trimmed, "approval decision");
        if (!j.is_object()) throw Error(ErrorCode::kInvalidArgument, "the approval decision is not a JSON object");
        const auto kind = j.contains("decision") && j["decision"].is_string() ? j["decision"].get<std::string>() : "";
        if (kind != "approve" && kind != "decline") {
            throw Error(ErrorCode::kInvalidArgument,
                        "the approval decision's \"decision\" must be \"approve\" or \"decline\"");
        }
        d.approve = kind == "approve";
        if (j.contains("amount_cents") && !j["amount_cents"].is_null()) {
            if (!j["amount_cents"].is_number_integer()) {
                throw Error(ErrorCode::kInvalidArgument, "the approval decision's amount_cents must be an integer");
            }
            d.amount = check_amount(Money::cents(j["amount_cents"].get<std::int64_t>()), "amount_cents", max_amount);
        }
        if (j.contains("vendor_id") && j["vendor_id"].is_string() && !j["vendor_id"].get<std::string>().empty()) {
            d.vendor_id = VendorId(j["vendor_id"].get<std::string>());
        }
        if (j.contains("note") && j["note"].is_string()) d.note = j["note"].get<std::string>();
        return d;
    }
    switch (read_approval_text(trimmed)) {
        case ApprovalVerdict::kApprove: d.approve = true; break;
        case ApprovalVerdict::kDecline: d.approve = false; break;
        case ApprovalVerdict::kUnclear:
            throw Error(ErrorCode::kInvalidArgument,
                        "the decision '" + std::string(detail::utf8_prefix(trimmed, 80)) +
                            "' is neither an approval nor a decline: say approve or decline (optionally "
                            "as JSON with amount_cents and vendor_id)");
    }
    d.note = trimmed;
    return d;
}

Json approval_resolution(const ApprovalDecision& d) {
    Json j{{"decision", d.approve ? "approve" : "decline"}};
    if (d.amount) j["amount_cents"] = d.amount->in_cents();
    if (d.vendor_id) j["vendor_id"] = d.vendor_id->str();
    if (!d.note.empty()) j["note"] = d.note;
    return j;
}

}  // namespace propos
