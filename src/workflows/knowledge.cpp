// Answers from the organization's knowledge base (see knowledge.hpp).
#include "propos/workflows/knowledge.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>

#include "agent/text_fold.hpp"

namespace propos {
namespace {

using text_fold::fold;
using text_fold::is_cjk;
using text_fold::next_code_point;
using text_fold::utf8;

// Function words of English, Spanish, French, Portuguese and Russian, and the words every
// question has ("can", "allowed" is kept: "are pets allowed" is about pets, weighted by rarity).
const std::set<std::string, std::less<>>& stop_words() {
    static const std::set<std::string, std::less<>> kStop = {
        // English
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "can",
        "could", "would", "should", "will", "may", "might", "must", "i", "im", "me", "my", "we", "us",
        "our", "you", "your", "he", "she", "it", "its", "they", "them", "their", "there", "here",
        "this", "that", "these", "those", "what", "whats", "when", "where", "how", "which", "who", "why",
        "to", "of", "in", "on", "for", "at", "by", "with", "from", "about", "into", "as", "and", "or",
        "but", "if", "so", "not", "no", "any", "some", "have", "has", "had", "get", "got", "please",
        "hi", "hello", "hey", "thanks", "thank", "just", "know", "wondering", "question", "quick",
        "also", "there", "than", "then", "too", "very", "much", "many", "ok", "okay", "like", "want",
        "need", "tell", "let", "anyone", "someone", "building", "apartment", "unit",
        // Spanish
        "el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "al", "en", "y", "o", "que",
        "es", "son", "se", "su", "sus", "mi", "mis", "lo", "le", "les", "por", "para", "con", "como",
        "cual", "cuando", "donde", "hay", "puedo", "puede", "pueden", "tengo", "tiene", "hola",
        "gracias", "favor", "pregunta", "si", "esta", "este", "estan",
        // French
        "le", "les", "des", "du", "et", "ou", "est", "sont", "je", "j", "nous", "vous", "il", "elle",
        "ils", "ce", "c", "qu", "quel", "quelle", "quels", "quelles", "quand", "comment", "pour",
        "avec", "dans", "sur", "au", "aux", "mon", "ma", "mes", "votre", "vos", "notre", "y", "a",
        "peut", "peux", "puis", "bonjour", "merci", "l", "d", "s", "n", "pas",
        // Portuguese
        "o", "os", "as", "um", "uma", "do", "da", "dos", "das", "no", "na", "nos", "nas", "em", "e",
        "eu", "voce", "meu", "minha", "posso", "pode", "tem", "ola", "obrigado", "obrigada", "qual",
        "quando", "onde", "como", "para", "por", "com",
        // Russian (folded: ё -> е)
        "\xd0\xb8", "\xd0\xb2", "\xd0\xbd\xd0\xb0", "\xd1\x81", "\xd0\xbf\xd0\xbe", "\xd0\xbd\xd0\xb5",
        "\xd1\x8f", "\xd0\xbc\xd1\x8b", "\xd0\xb2\xd1\x8b", "\xd0\xba\xd0\xb0\xd0\xba",
        "\xd0\xb3\xd0\xb4\xd0\xb5", "\xd0\xba\xd0\xbe\xd0\xb3\xd0\xb4\xd0\xb0",
        "\xd0\xbc\xd0\xbe\xd0\xb6\xd0\xbd\xd0\xbe", "\xd0\xbb\xd0\xb8", "\xd1\x87\xd1\x82\xd0\xbe",
        "\xd0\xb5\xd1\x81\xd1\x82\xd1\x8c", "\xd0\xbc\xd0\xbe\xd0\xb9", "\xd0\xbc\xd0\xbe\xd1\x8f",
        "\xd0\xb7\xd0\xb4\xd1\x80\xd0\xb0\xd0\xb2\xd1\x81\xd1\x82\xd0\xb2\xd1\x83\xd0\xb9\xd1\x82\xd0\xb5",
        "\xd1\x81\xd0\xbf\xd0\xb0\xd1\x81\xd0\xb8\xd0\xb1\xd0\xbe", "\xd1\x83", "\xd0\xbe", "\xd0\xb0",
        "\xd0\xb8\xd0\xbb\xd0\xb8", "\xd0\xb4\xd0\xbb\xd1\x8f"};
    return kStop;
}

// A term: a folded word (plural "s" dropped) or a pair of Chinese characters.
struct Term {
    std::u32string text;
    bool cjk = false;
};

std::vector<Term> terms_of(std::string_view text) {
    std::vector<Term> out;
    std::u32string word, han;
    auto flush_word = [&] {
        if (word.size() >= 2) {
            if (!stop_words().count(utf8(word))) {
                if (word.size() > 3 && word.back() == 's' && word[word.size() - 2] != 's') word.pop_back();
                out.push_back({word, false});
            }
        }
        word.clear();
    };
    auto flush_han = [&] {
        if (han.size() == 1) out.push_back({han, true});
        for (std::size_t i = 0; i + 1 < han.size(); ++i) out.push_back({han.substr(i, 2), true});
        han.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = fold(next_code_point(text, i));
        if (c != 0 && is_cjk(c)) {
            flush_word();
            han += c;
        } else if (c != 0) {
            flush_han();
            word += c;
        } else {
            flush_word();
            flush_han();
        }
    }
    flush_word();
    flush_han();
    return out;
}

// The same word in another form: equal, one a prefix of the other (4 letters or more: "park",
// "parking"), or sharing their first five letters ("laundry", "laundromat").
bool same_term(const Term& a, const Term& b) {
    if (a.cjk != b.cjk) return false;
    if (a.text == b.text) return true;
    if (a.cjk) return false;
    const auto& s = a.text.size() <= b.text.size() ? a.text : b.text;
    const auto& l = a.text.size() <= b.text.size() ? b.text : a.text;
    if (s.size() >= 4 && l.compare(0, s.size(), s) == 0) return true;
    std::size_t common = 0;
    while (common < s.size() && s[common] == l[common]) ++common;
    return common >= 5;
}

bool contains(const std::vector<Term>& terms, const Term& t) {
    return std::any_of(terms.begin(), terms.end(), [&](const Term& x) { return same_term(x, t); });
}

struct Indexed {
    KnowledgeArticle article;
    std::vector<Term> subject;  // title and tags
    std::vector<Term> body;
};

// The body's sentences, in order.
std::vector<std::string> sentences_of(const std::string& body) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        const auto b = cur.find_first_not_of(" \t\r\n");
        if (b != std::string::npos) out.push_back(cur.substr(b, cur.find_last_not_of(" \t\r\n") - b + 1));
        cur.clear();
    };
    for (std::size_t i = 0; i < body.size(); ++i) {
        cur += body[i];
        const char c = body[i];
        const bool end_ascii = (c == '.' || c == '!' || c == '?') &&
                               (i + 1 == body.size() || body[i + 1] == ' ' || body[i + 1] == '\n');
        // "。", "！", "？" (E3 80 82, EF BC 81, EF BC 9F)
        const bool end_cjk = i >= 2 && ((body.compare(i - 2, 3, "\xE3\x80\x82") == 0) ||
                                        (body.compare(i - 2, 3, "\xEF\xBC\x81") == 0) ||
                                        (body.compare(i - 2, 3, "\xEF\xBC\x9F") == 0));
        if (end_ascii || end_cjk || c == '\n') flush();
    }
    flush();
    return out;
}

// Cuts `s` to at most `max` bytes at a word boundary (never inside a UTF-8 sequence), with "…".
std::string shorten(const std::string& s, std::size_t max) {
    if (s.size() <= max) return s;
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    const auto space = s.rfind(' ', cut);
    if (space != std::string::npos && space > max / 2) cut = space;
    return s.substr(0, cut) + "\xE2\x80\xA6";
}

std::string quote_for(const std::string& body, const std::vector<Term>& question, std::size_t max) {
    if (body.size() <= max) return body;
    const auto sents = sentences_of(body);
    std::size_t best = 0;
    int best_hits = -1;
    for (std::size_t i = 0; i < sents.size(); ++i) {
        int hits = 0;
        const auto terms = terms_of(sents[i]);
        for (const auto& q : question) hits += contains(terms, q) ? 1 : 0;
        if (hits > best_hits) {
            best_hits = hits;
            best = i;
        }
    }
    std::string q = sents.empty() ? body : sents[best];
    // The next sentence often carries the rest of the answer ("... Call the office to register.").
    if (best + 1 < sents.size() && q.size() + 1 + sents[best + 1].size() <= max) q += " " + sents[best + 1];
    return shorten(q, max);
}

}  // namespace

std::vector<KnowledgeMatch> search_knowledge_base(Transaction& tx, const OrgId& org, const std::string& question,
                                                  const std::optional<PropertyId>& property, std::size_t k) {
    std::vector<Term> q;
    for (auto& t : terms_of(question)) {
        if (!contains(q, t)) q.push_back(std::move(t));
    }
    if (q.empty() || k == 0) return {};
    std::vector<Indexed> docs;
    for (auto& a : tx.list<KnowledgeArticle>(org)) {
        if (a.property_id && (!property || *a.property_id != *property)) continue;
        Indexed d;
        std::string subject = a.title;
        for (const auto& tag : a.tags) subject += " " + tag;
        d.subject = terms_of(subject);
        d.body = terms_of(a.body);
        d.article = std::move(a);
        docs.push_back(std::move(d));
    }
    if (docs.empty()) return {};
    const double n = static_cast<double>(docs.size());
    std::vector<KnowledgeMatch> out;
    std::vector<double> rarity(q.size());
    for (std::size_t i = 0; i < q.size(); ++i) {
        double df = 0;
        for (const auto& d : docs) df += (contains(d.subject, q[i]) || contains(d.body, q[i])) ? 1 : 0;
        rarity[i] = std::log(1.0 + n / std::max(df, 1.0));
    }
    for (const auto& d : docs) {
        KnowledgeMatch m;
        for (std::size_t i = 0; i < q.size(); ++i) {
            const bool in_subject = contains(d.subject, q[i]);
            if (!in_subject && !contains(d.body, q[i])) continue;
            m.score += rarity[i] * (in_subject ? 2.0 : 1.0);
            m.subject_match = m.subject_match || in_subject;
            m.matched_terms.push_back(utf8(q[i].text));
        }
        if (m.matched_terms.empty()) continue;
        m.article = d.article;
        out.push_back(std::move(m));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const KnowledgeMatch& a, const KnowledgeMatch& b) { return a.score > b.score; });
    if (out.size() > k) out.resize(k);
    for (auto& m : out) m.quote = quote_for(m.article.body, q, KnowledgeOptions{}.max_quote_chars);
    return out;
}

std::optional<KnowledgeMatch> answer_from_knowledge_base(Transaction& tx, const OrgId& org, const std::string& question,
                                                         const std::optional<PropertyId>& property,
                                                         const KnowledgeOptions& options) {
    auto matches = search_knowledge_base(tx, org, question, property, 2);
    if (matches.empty()) return std::nullopt;
    auto& best = matches.front();
    if (!best.subject_match || best.score < options.min_score) return std::nullopt;
    if (matches.size() > 1 && matches[1].subject_match && best.score < options.min_margin * matches[1].score) {
        return std::nullopt;  // two articles answer about as well: a person picks
    }
    if (options.max_quote_chars != KnowledgeOptions{}.max_quote_chars) {
        std::vector<Term> q = terms_of(question);
        best.quote = quote_for(best.article.body, q, options.max_quote_chars);
    }
    return std::move(best);
}

}  // namespace propos
