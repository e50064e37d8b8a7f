// The renewal workflow's pure rules (see renewal.hpp): rent offered, notice schedule per
// jurisdiction, the reading of a tenant's reply, the offline offer template and the check of a
// model's offer text. Sources: ../shared/reference/housing-rules.md §4.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <regex>
#include <set>

#include "agent/text_signals.hpp"
#include "propos/workflows/renewal.hpp"

namespace propos {
namespace {

using namespace signals;
using std::chrono::hours;

constexpr double kCaCapBase = 5.0;      // AB 1482: 5% + CPI ...
constexpr double kCaCapCeiling = 10.0;  // ... or 10%, the lower [R57]
constexpr int kCaCapExemptYears = 15;   // certificate of occupancy under 15 years [R57]
constexpr double kRpl226cThreshold = 5.0;  // RPL 226-c: an increase of 5% or more [R54]
constexpr int kNycStabilizedEarliest = 150;  // 9 NYCRR 2523.5(a): 150-90 days [R52]
constexpr int kNycStabilizedLatest = 90;
constexpr int kNycStabilizedReplyDays = 60;

bool new_york_state(const Property& p) {
    std::string s = p.state;
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s == "ny" || s == "new york" || jurisdiction_of(p) == "nyc";
}

int year_of(Timestamp t) {
    const auto days = std::chrono::floor<std::chrono::days>(t);
    return static_cast<int>(std::chrono::year_month_day(days).year());
}

// ---------------------------------------------------------------------------------------------
// Reading a reply. Concepts as in intent.cpp: folded words ("*" matches any ending), Chinese
// substrings on the raw text; negation from the shared signals plus the contractions they lack.

WORDS(kAccept, "accept*", "renew*", "yes", "yeah", "yep", "yup", "ok", "okay", "agree*", "sounds good", "deal",
      "count us in", "count me in", "sign", "sign it", "stay", "staying", "extend*", "keep the apartment",
      "want to continue", "lets do it", "go ahead", "happy to", "works for me",
      // es
      "acepto", "aceptamos", "aceptar*", "renovar*", "renuevo", "renovamos", "renovacion", "de acuerdo", "firmo",
      "firmamos", "firmar*", "quedarnos", "quedarme", "nos quedamos", "me quedo", "continuar", "claro que si",
      // fr
      "j accepte", "accepte", "acceptons", "renouvel*", "oui", "d accord", "rester", "restons", "signer",
      "je signe", "prolonger",
      // ru
      "да", "согласен", "согласна", "согласны", "принимаю", "принимаем", "продл*", "остаемся", "остаться",
      "останемся", "подпишу", "подпишем", "подписать");
WORDS(kAcceptCjk, "续租", "续约", "续签", "同意", "接受", "好的", "签约", "继续租", "留下来", "可以续");
WORDS(kDecline, "move out", "moving out", "moved out", "moving", "leave", "leaving", "vacate", "vacating",
      "decline*", "no thanks", "no thank you", "terminate", "end the lease", "not interested", "found another",
      "bought a house", "give notice", "our notice",
      // es
      "mudarnos", "mudarme", "nos mudamos", "me mudo", "nos vamos", "me voy", "irnos", "irme", "rechaz*",
      "desocupar", "dejar el apartamento", "dejar el departamento", "no gracias",
      // fr
      "demenag*", "quitter", "quittons", "partir", "partons", "refus*", "non merci", "resilier",
      // ru
      "съезжа*", "съеду", "съедем", "выезжа*", "выеду", "выедем", "отказыва*", "отказ*", "переезжа*",
      "уезжа*", "освобо*");
WORDS(kDeclineCjk, "搬走", "搬出", "退租", "不续", "拒绝", "离开", "搬家", "不租了");
WORDS(kNegotiate, "lower", "too high", "too much", "too expensive", "expensive", "negotiat*", "counter*",
      "discount", "reduce*", "reduction", "cheaper", "less rent", "instead", "month to month", "6 months",
      "six months", "two years", "2 years", "24 months", "18 months", "shorter", "longer term", "match",
      "can you do", "would you do", "any flexibility", "freeze", "same rent",
      // es
      "negociar", "mas bajo", "mas barato", "muy caro", "demasiado", "rebaja*", "descuento", "bajar", "reducir",
      "seis meses", "dos anos", "mes a mes", "mismo precio",
      // fr
      "negocier", "trop cher", "trop eleve", "baisser", "reduire", "remise", "moins cher", "six mois", "deux ans",
      "meme loyer",
      // ru
      "дорого", "слишком", "снизить", "снизьте", "скидк*", "торг*", "обсудить", "дешевле", "полгода", "два года",
      "тот же");
WORDS(kNegotiateCjk, "太贵", "便宜", "降低", "降价", "少一点", "优惠", "商量", "谈谈", "打折", "半年", "两年");
WORDS(kQuestion, "what", "whats", "when", "how", "why", "which", "where", "can i", "can we", "do i", "do we",
      "does", "is it", "is there", "are there", "could you", "que", "cuando", "como", "cuanto", "cual", "donde",
      "puedo", "podemos", "pourquoi", "quand", "comment", "combien", "quel", "quelle", "est ce que", "что",
      "когда", "как", "сколько", "почему", "можно");
WORDS(kQuestionCjk, "吗", "什么", "怎么", "多少", "为什么", "哪", "是否", "能不能", "可不可以");
WORDS(kUndecided, "not sure", "unsure", "dont know", "thinking about", "think about it", "still deciding",
      "undecided", "maybe", "no se", "todavia no se", "quizas", "tal vez", "pas sur", "je ne sais pas",
      "peut etre", "je reflechis", "не знаю", "не уверен*", "подумаю", "может быть");
WORDS(kUndecidedCjk, "不确定", "考虑", "想一想", "再想想", "不知道", "也许");
WORDS(kAbout, "lease", "renew*", "rent", "offer", "contract", "term", "sign*", "contrato", "alquiler", "renta",
      "renovar*", "oferta", "bail", "loyer", "renouvel*", "offre", "аренд*", "договор*", "продл*",
      "предложени*");
WORDS(kAboutCjk, "租", "合同", "房租", "续");
WORDS(kBareNo, "no", "nope", "non", "нет", "nah");

// The shared negations lack these contractions ("won't renew", "wouldn't", "shan't").
bool denied(const Doc& d, const Hit& h) {
    if (h.negated) return true;
    if (h.begin == std::string::npos) return false;
    for (std::size_t k = h.begin, n = 0; k > 0 && n < 3; --k, ++n) {
        const auto& w = d.words[k - 1];
        if (d.clause[k - 1] != d.clause[h.begin]) break;
        if (w == "wont" || w == "wouldnt" || w == "shant" || w == "shouldnt" || w == "couldnt" || w == "unable")
            return true;
    }
    return false;
}

struct Count {
    std::vector<std::string> live, negated;
};

Count count(const Doc& d, Words words, Words cjk) {
    Count c;
    for (const auto& h : find(d, words, cjk, true)) (denied(d, h) ? c.negated : c.live).push_back(h.text);
    return c;
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

// ---------------------------------------------------------------------------------------------
// The offline offer template.

std::string fill(std::string text, const RenewalOfferFacts& f) {
    const std::pair<const char*, std::string> keys[] = {
        {"{name}", f.tenant_name},       {"{unit}", f.unit_label},          {"{end}", f.lease_end},
        {"{rent}", f.new_rent},          {"{current}", f.current_rent},     {"{term}", std::to_string(f.term_months)},
        {"{reply_by}", f.reply_by},      {"{from}", f.effective_from}};
    for (const auto& [k, v] : keys) {
        for (auto pos = text.find(k); pos != std::string::npos; pos = text.find(k, pos + v.size())) {
            text.replace(pos, std::string(k).size(), v);
        }
    }
    return text;
}

}  // namespace

RenewalTerms renewal_terms(const Lease& lease, const Property& property, Timestamp at, const RenewalOptions& o) {
    RenewalTerms t;
    t.current_rent = lease.monthly_rent;
    t.term_months = o.term_months;
    double pct = o.increase_percent;
    const auto j = jurisdiction_of(property);
    if (j == "nyc" && lease.rent_stabilized) {
        pct = o.nyc_rgb_percent;
        t.cap_percent = o.nyc_rgb_percent;
        t.cap_rule = "NYC Rent Guidelines Board order (9 NYCRR 2523.5) [R52]";
    } else if (j == "ca") {
        const bool exempt = property.year_built > 0 && year_of(at) - property.year_built < kCaCapExemptYears;
        if (!exempt) {
            const double cap = std::min(kCaCapBase + o.ca_cpi_percent, kCaCapCeiling);
            t.cap_percent = cap;
            t.cap_rule = "CA Civil Code 1947.12 (AB 1482) [R57]";
            pct = std::min(pct, cap);
        }
    }
    t.increase_percent = pct;
    const auto cents = static_cast<double>(lease.monthly_rent.in_cents());
    t.offered_rent = Money::cents(static_cast<std::int64_t>(std::llround(cents * (1.0 + pct / 100.0))));
    return t;
}

RenewalSchedule renewal_schedule(const Lease& lease, const Property& property, const RenewalTerms& terms,
                                 Timestamp tenancy_start, const RenewalOptions& o) {
    if (o.offsets_days.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "RenewalOptions::offsets_days is empty: give at least one day");
    }
    for (int d : o.offsets_days) {
        if (d <= 0) {
            throw Error(ErrorCode::kInvalidArgument,
                        "RenewalOptions::offsets_days has " + std::to_string(d) + ": days must be positive");
        }
    }
    RenewalSchedule s;
    s.jurisdiction = jurisdiction_of(property);
    s.reply_days = o.reply_days;
    const double pct = terms.current_rent.in_cents() > 0
                           ? 100.0 * static_cast<double>(terms.offered_rent.in_cents() - terms.current_rent.in_cents()) /
                                 static_cast<double>(terms.current_rent.in_cents())
                           : terms.increase_percent;
    if (s.jurisdiction == "nyc" && lease.rent_stabilized) {
        s.minimum_notice_days = kNycStabilizedLatest;
        s.earliest_days = kNycStabilizedEarliest;
        s.reply_days = kNycStabilizedReplyDays;
        s.rule = "9 NYCRR 2523.5(a) [R52]";
    } else if (new_york_state(property) && pct >= kRpl226cThreshold - 1e-9) {
        const auto occupancy = lease.end - tenancy_start;
        const auto term = lease.end - lease.start;
        const auto year = hours(24 * 365);
        s.minimum_notice_days = (occupancy < year && term < year) ? 30 : (occupancy < 2 * year && term < 2 * year) ? 60 : 90;
        s.rule = "NY RPL 226-c [R54], [R55]";
    } else if (s.jurisdiction == "ca") {
        s.minimum_notice_days = (pct > kCaCapCeiling + 1e-9 ? 90 : 30) + (o.notices_mailed ? 5 : 0);
        s.rule = std::string("CA Civil Code 827 [R56]") + (o.notices_mailed ? " (+5 days: mailed)" : "");
    }
    std::vector<int> offsets = o.offsets_days;
    std::sort(offsets.rbegin(), offsets.rend());
    offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
    s.offer_days = std::max(offsets.front(), s.minimum_notice_days);
    if (s.earliest_days) s.offer_days = std::min(s.offer_days, *s.earliest_days);
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        if (offsets[i] < s.offer_days) s.reminder_days.push_back(offsets[i]);
    }
    return s;
}

std::string_view to_string(RenewalReplyKind kind) noexcept {
    switch (kind) {
        case RenewalReplyKind::kAccept: return "accept";
        case RenewalReplyKind::kDecline: return "decline";
        case RenewalReplyKind::kNegotiate: return "negotiate";
        case RenewalReplyKind::kQuestion: return "question";
        case RenewalReplyKind::kUnclear: return "unclear";
    }
    return "unclear";
}

RenewalReply read_renewal_reply(const std::string& text) {
    RenewalReply r;
    const Doc d = prepare(text);
    const auto accept = count(d, kAccept, kAcceptCjk);
    const auto decline = count(d, kDecline, kDeclineCjk);
    const auto negotiate = count(d, kNegotiate, kNegotiateCjk);
    const auto undecided = find(d, kUndecided, kUndecidedCjk, false);
    // A question: a question mark, or a question word opening the message (not "que" inside a
    // sentence: "no quiero renovar ya que compramos una casa" is not a question).
    bool asks = text.find('?') != std::string::npos || text.find("？") != std::string::npos ||
                !find(d, {}, kQuestionCjk, false).empty();
    for (const auto& h : find(d, kQuestion, {}, false)) asks = asks || h.begin == 0;
    r.names_renewal = !find(d, kAbout, kAboutCjk, false).empty();
    r.about_renewal = r.names_renewal;
    // "I won't renew" declines; "we're not moving out" accepts.
    std::vector<std::string> yes = accept.live, no = decline.live;
    for (const auto& w : decline.negated) yes.push_back("not " + w);
    for (const auto& w : accept.negated) no.push_back("not " + w);
    // A bare "no" / "нет" opening a short reply declines.
    if (!d.words.empty() && d.words.size() <= 4) {
        for (const char* w : kBareNo) {
            if (d.words.front() == w) no.push_back(w);
        }
    }
    if (d.raw.rfind("不", 0) == 0 && d.raw.size() <= 12 && d.has_cjk) no.push_back("不");
    if (!yes.empty() || !no.empty() || !negotiate.live.empty()) r.about_renewal = true;
    if (!undecided.empty()) {
        r.kind = asks ? RenewalReplyKind::kQuestion : RenewalReplyKind::kUnclear;
        r.reasons.push_back("undecided (" + first(undecided) + ")");
    } else if (!negotiate.live.empty()) {
        // Other terms asked for: a person negotiates, even when it also says yes or no.
        r.kind = RenewalReplyKind::kNegotiate;
        r.reasons.push_back("negotiate (" + join(negotiate.live) + ")");
    } else if (!yes.empty() && !no.empty()) {
        r.kind = RenewalReplyKind::kUnclear;
        r.reasons.push_back("conflict: accept (" + join(yes) + ") and decline (" + join(no) + ")");
    } else if (asks) {
        r.kind = RenewalReplyKind::kQuestion;
        r.reasons.push_back("question");
        if (!yes.empty()) r.reasons.push_back("leans accept (" + join(yes) + ")");
        if (!no.empty()) r.reasons.push_back("leans decline (" + join(no) + ")");
    } else if (!yes.empty()) {
        r.kind = RenewalReplyKind::kAccept;
        r.reasons.push_back("accept (" + join(yes) + ")");
    } else if (!no.empty()) {
        r.kind = RenewalReplyKind::kDecline;
        r.reasons.push_back("decline (" + join(no) + ")");
    } else {
        r.reasons.push_back("no answer words");
    }
    return r;
}

std::string renewal_offer_template(const RenewalOfferFacts& f, const std::string& language) {
    struct Template {
        const char* lang;
        const char* reminder;  // the prefix of a reminder
        const char* text;
    };
    static constexpr Template kTemplates[] = {
        {"es", "Recordatorio: ",
         "Hola {name}, su contrato del apartamento {unit} termina el {end}. Le ofrecemos renovarlo por {term} meses "
         "con una renta mensual de {rent} (actual: {current}), a partir del {from}. Responda antes del {reply_by}: "
         "ACEPTO para renovar, NO si no desea renovar, o escríbanos sus preguntas."},
        {"fr", "Rappel : ",
         "Bonjour {name}, votre bail du logement {unit} se termine le {end}. Nous vous proposons de le renouveler "
         "pour {term} mois avec un loyer mensuel de {rent} (actuel : {current}), à partir du {from}. Répondez avant "
         "le {reply_by} : J'ACCEPTE pour renouveler, NON si vous ne souhaitez pas renouveler, ou posez-nous vos "
         "questions."},
        {"ru", "Напоминание: ",
         "Здравствуйте, {name}! Ваш договор аренды квартиры {unit} заканчивается {end}. Мы предлагаем продлить его "
         "на {term} мес. с ежемесячной арендной платой {rent} (сейчас: {current}) с {from}. Ответьте до "
         "{reply_by}: ПРИНИМАЮ, чтобы продлить, НЕТ, если не хотите продлевать, или задайте вопрос."},
        {"zh", "提醒：",
         "{name}您好，您在{unit}单元的租约将于{end}到期。我们提议续租{term}个月，月租{rent}（目前为{current}），"
         "自{from}起生效。请在{reply_by}之前回复：回复“接受”续租，回复“不续租”表示不续约，或直接提出您的问题。"},
        {"en", "Reminder: ",
         "Hi {name}, your lease for unit {unit} ends on {end}. We'd like to offer you a renewal for {term} months at "
         "a monthly rent of {rent} (currently {current}), starting {from}. Please reply by {reply_by}: ACCEPT to "
         "renew, NO if you will not renew, or send us your questions."},
    };
    const std::string lang = language.substr(0, 2);
    const Template* t = &kTemplates[std::size(kTemplates) - 1];  // English for the others
    for (const auto& candidate : kTemplates) {
        if (lang == candidate.lang) t = &candidate;
    }
    return fill(std::string(f.reminder ? t->reminder : "") + t->text, f);
}

std::optional<std::string> renewal_text_problem(const std::string& text, const RenewalOfferFacts& f) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return "the text is empty";
    for (const auto& [what, fact] : {std::pair<const char*, std::string>{"the new rent", f.new_rent},
                                     {"the reply deadline", f.reply_by},
                                     {"the start date", f.effective_from}}) {
        if (text.find(fact) == std::string::npos) return std::string(what) + " " + fact + " is missing";
    }
    if (text.find(std::to_string(f.term_months)) == std::string::npos) {
        return "the term of " + std::to_string(f.term_months) + " months is missing";
    }
    const std::set<std::string> amounts{f.new_rent, f.current_rent};
    static const std::regex kAmount(R"(\$\s?[0-9][0-9,]*(\.[0-9]+)?)");
    for (std::sregex_iterator it(text.begin(), text.end(), kAmount), end; it != end; ++it) {
        if (!amounts.count(it->str())) return "the amount " + it->str() + " is not one of the facts";
    }
    const std::set<std::string> dates{f.lease_end, f.reply_by, f.effective_from};
    static const std::regex kDate(R"([0-9]{4}-[0-9]{2}-[0-9]{2})");
    for (std::sregex_iterator it(text.begin(), text.end(), kDate), end; it != end; ++it) {
        if (!dates.count(it->str())) return "the date " + it->str() + " is not one of the facts";
    }
    // Dates in words could say anything: the facts are given as YYYY-MM-DD and must stay so.
    static const std::regex kWordDate(
        R"((jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+[0-9]{1,2}\b|\b[0-9]{1,2}\s+(de\s+)?(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre))",
        std::regex::icase);
    std::smatch m;
    if (std::regex_search(text, m, kWordDate)) return "a date in words (\"" + m.str() + "\") is not checkable";
    static const std::regex kMoney(R"([0-9][0-9,]*(\.[0-9]+)?\s?(dollars|usd|dólares))", std::regex::icase);
    if (std::regex_search(text, m, kMoney)) return "an amount in words (\"" + m.str() + "\") is not checkable";
    return std::nullopt;
}

std::vector<ExpiringLease> expiring_leases(Store& store, const OrgId& org, Timestamp now,
                                           std::optional<Millis> within) {
    std::vector<ExpiringLease> out;
    store.read([&](Transaction& tx) {
        for (auto& l : tx.list<Lease>(org)) {
            if (l.end <= now) continue;
            if (within && l.end > now + *within) continue;
            ExpiringLease e;
            if (!l.tenant_ids.empty()) e.tenant_id = l.tenant_ids.front();
            e.lease = std::move(l);
            out.push_back(std::move(e));
        }
    });
    std::sort(out.begin(), out.end(), [](const ExpiringLease& a, const ExpiringLease& b) {
        return a.lease.end != b.lease.end ? a.lease.end < b.lease.end : a.lease.id.str() < b.lease.id.str();
    });
    return out;
}

}  // namespace propos
