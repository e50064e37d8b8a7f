#include "propos/channels/contact.hpp"

#include <cctype>

#include "channels/util.hpp"

namespace propos::channels {

using detail::lower;
using detail::starts_with_ci;
using detail::trim;

std::optional<std::string> normalize_phone(std::string_view text, std::string_view default_country_code) {
    auto t = trim(text);
    for (std::string_view prefix : {"tel:", "sms:", "mms:"}) {
        if (starts_with_ci(t, prefix)) t = trim(t.substr(prefix.size()));
    }
    // Drop an extension ("x123", "ext. 123", ";ext=123").
    for (std::string_view ext : {";ext=", " ext", "ext.", " x", "#"}) {
        const auto lowered = lower(t);
        if (const auto p = lowered.find(ext); p != std::string::npos && p > 0) t = trim(t.substr(0, p));
    }
    bool international = false;
    std::string digits;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits.push_back(c);
        } else if (c == '+' && digits.empty() && !international) {
            international = true;
        } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/') {
            continue;
        } else {
            return std::nullopt;
        }
    }
    if (digits.empty()) return std::nullopt;
    if (!international && digits.starts_with("00")) {
        international = true;
        digits.erase(0, 2);
    }
    if (!international) {
        std::string cc;
        for (char c : default_country_code) {
            if (std::isdigit(static_cast<unsigned char>(c))) cc.push_back(c);
        }
        if (cc == "1") {
            if (digits.size() == 11 && digits[0] == '1') {
                // Already carries the country code.
            } else if (digits.size() == 10) {
                digits = "1" + digits;
            } else {
                return std::nullopt;
            }
            // NANP area codes and exchanges never start with 0 or 1.
            if (digits[1] < '2' || digits[4] < '2') return std::nullopt;
        } else {
            if (cc.empty()) return std::nullopt;
            if (digits.starts_with("0")) digits.erase(0, 1);  // national trunk prefix
            digits = cc + digits;
        }
    }
    if (digits.size() < 8 || digits.size() > 15 || digits[0] == '0') return std::nullopt;
    return "+" + digits;
}

std::optional<std::string> normalize_email(std::string_view text) {
    auto t = trim(text);
    if (const auto lt = t.rfind('<'); lt != std::string_view::npos) {
        const auto gt = t.find('>', lt);
        if (gt == std::string_view::npos) return std::nullopt;
        t = trim(t.substr(lt + 1, gt - lt - 1));
    }
    if (starts_with_ci(t, "mailto:")) t = t.substr(7);
    const auto at = t.find('@');
    if (at == std::string_view::npos || at == 0 || t.find('@', at + 1) != std::string_view::npos) {
        return std::nullopt;
    }
    const auto domain = t.substr(at + 1);
    if (domain.empty() || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
        domain.back() == '.' || domain.find("..") != std::string_view::npos) {
        return std::nullopt;
    }
    for (unsigned char c : t) {
        if (c <= ' ' || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == 0x7F) {
            return std::nullopt;
        }
    }
    return lower(t);
}

std::string contact_key(std::string_view address) {
    if (address.find('@') != std::string_view::npos) {
        if (auto e = normalize_email(address)) return *e;
    } else if (auto p = normalize_phone(address)) {
        return *p;
    }
    return std::string(trim(address));
}

namespace {
// The whole text as one upper-case word: trailing punctuation, spaces, '-' and '_' dropped.
std::string keyword_word(std::string_view text) {
    auto t = trim(text);
    while (!t.empty() && (t.back() == '.' || t.back() == '!' || t.back() == '?')) {
        t.remove_suffix(1);
    }
    std::string word;
    for (char c : trim(t)) {
        if (c == ' ' || c == '-' || c == '_') continue;  // "STOP ALL", "opt-out"
        word.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return word;
}
}  // namespace

bool is_sms_yes(std::string_view text) { return keyword_word(text) == "YES"; }

SmsKeyword detect_sms_keyword(std::string_view text, bool sender_opted_out) {
    const auto word = keyword_word(text);
    for (std::string_view k : {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT",
                               "REVOKE"}) {
        if (word == k) return SmsKeyword::kStop;
    }
    for (std::string_view k : {"START", "UNSTOP"}) {
        if (word == k) return SmsKeyword::kStart;
    }
    if (word == "YES" && sender_opted_out) return SmsKeyword::kStart;
    if (word == "HELP" || word == "INFO") return SmsKeyword::kHelp;
    return SmsKeyword::kNone;
}

ChannelChoice choose_channel(const Tenant& tenant) {
    const auto phone = normalize_phone(tenant.phone);
    const auto email = normalize_email(tenant.email);
    const bool sms_ok = phone && !tenant.sms_opt_out;
    auto sms = [&](std::string why) {
        return ChannelChoice{Channel::kSms, *phone, std::move(why)};
    };
    auto mail = [&](std::string why) {
        return ChannelChoice{Channel::kEmail, *email, std::move(why)};
    };
    const std::string sms_problem =
        tenant.sms_opt_out ? "tenant opted out of SMS" : "tenant has no valid phone number";
    switch (tenant.preferred_channel) {
        case Channel::kPortal:
            return {Channel::kPortal, tenant.id.str(), "tenant prefers the portal"};
        case Channel::kEmail:
            if (email) return mail("tenant prefers email");
            if (sms_ok) return sms("tenant prefers email but has no valid address; using SMS");
            return {std::nullopt, "", "tenant has no valid email address and " + sms_problem};
        case Channel::kSms:
        case Channel::kVoice:
            if (sms_ok) {
                return sms(tenant.preferred_channel == Channel::kSms
                               ? "tenant prefers SMS"
                               : "tenant prefers voice; SMS is the closest messaging channel");
            }
            if (email) return mail(sms_problem + "; using email");
            return {std::nullopt, "", sms_problem + " and has no valid email address"};
    }
    return {std::nullopt, "", "unknown channel preference"};
}

}  // namespace propos::channels
