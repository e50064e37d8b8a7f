// Reading a tenant's access answer: windows of availability, entry permission, pets.
#include "propos/workflows/availability.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "propos/core/time.hpp"
#include "propos/core/timezone.hpp"

namespace propos {
namespace {
using namespace std::chrono;

// Lower-cased words: ASCII letters and digits (with ':' kept inside times like 5:30), and UTF-8
// bytes as letters so Spanish words survive. "5pm" stays one word; "10-2" splits into 10, -, 2.
std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty()) out.push_back(cur);
        cur.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (std::isalnum(c) || c >= 0x80) {
            cur += static_cast<char>(std::tolower(c));
        } else if (c == ':' && !cur.empty() && std::isdigit(static_cast<unsigned char>(cur.back())) &&
                   i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
            cur += ':';
        } else if (c == '-') {
            flush();
            out.emplace_back("-");
        } else {
            flush();
        }
    }
    flush();
    return out;
}

bool is(const std::string& w, std::initializer_list<const char*> options) {
    return std::any_of(options.begin(), options.end(), [&](const char* o) { return w == o; });
}

std::string joined(const std::vector<std::string>& words) {
    std::string s = " ";
    for (const auto& w : words) s += w + " ";
    return s;
}

bool has_phrase(const std::string& joined_text, const char* phrase) {
    return joined_text.find(std::string(" ") + phrase + " ") != std::string::npos;
}

// A clock time in a word ("5", "5pm", "5:30", "17:00", "noon"), as minutes after midnight; `meridiem`
// receives 'a'/'p' when the word says am/pm. Returns -1 when the word is not a time.
int clock_time(const std::string& w, char* meridiem) {
    *meridiem = 0;
    if (w == "noon" || w == "mediodia" || w == "mediodía") {
        *meridiem = 'p';
        return 12 * 60;
    }
    if (w == "midnight" || w == "medianoche") return 0;
    std::size_t i = 0;
    int h = 0;
    while (i < w.size() && std::isdigit(static_cast<unsigned char>(w[i])) && i < 2) h = h * 10 + (w[i++] - '0');
    if (i == 0) return -1;
    int m = 0;
    if (i < w.size() && w[i] == ':') {
        ++i;
        int digits = 0;
        while (i < w.size() && std::isdigit(static_cast<unsigned char>(w[i])) && digits < 2) {
            m = m * 10 + (w[i++] - '0');
            ++digits;
        }
        if (digits != 2) return -1;
    }
    const std::string rest = w.substr(i);
    if (rest == "am" || rest == "a") *meridiem = 'a';
    else if (rest == "pm" || rest == "p") *meridiem = 'p';
    else if (!rest.empty() && rest != "h" && rest != "hs") return -1;
    if (h > 24 || m > 59) return -1;
    return h * 60 + m;
}

// Applies am/pm (explicit, from the next word, or guessed: 1-7 without a marker means afternoon).
int resolve_hour(int minutes, char meridiem) {
    int h = minutes / 60;
    if (meridiem == 'p' && h < 12) h += 12;
    if (meridiem == 'a' && h == 12) h = 0;
    if (meridiem == 0 && h >= 1 && h <= 7) h += 12;
    return h * 60 + minutes % 60;
}

struct Range {
    int from;  // minutes after local midnight
    int to;
};

// Weekday numbers: 0 = Sunday ... 6 = Saturday (as `local_weekday`).
int weekday_of(const std::string& w) {
    static const std::array<std::initializer_list<const char*>, 7> kNames = {{
        {"sunday", "sundays", "sun", "domingo", "domingos"},
        {"monday", "mondays", "mon", "lunes"},
        {"tuesday", "tuesdays", "tue", "tues", "martes"},
        {"wednesday", "wednesdays", "wed", "miercoles", "miércoles"},
        {"thursday", "thursdays", "thu", "thur", "thurs", "jueves"},
        {"friday", "fridays", "fri", "viernes"},
        {"saturday", "saturdays", "sat", "sabado", "sábado", "sabados", "sábados"},
    }};
    for (int d = 0; d < 7; ++d) {
        if (is(w, kNames[static_cast<std::size_t>(d)])) return d;
    }
    return -1;
}

}  // namespace

bool window_fits(const std::vector<TimeWindow>& windows, Timestamp start, Timestamp end) {
    return std::any_of(windows.begin(), windows.end(),
                       [&](const TimeWindow& w) { return w.start <= start && end <= w.end; });
}

AvailabilityAnswer parse_availability(const std::string& text, Timestamp now, const std::string& timezone) {
    AvailabilityAnswer a;
    const auto words = words_of(text);
    const std::string all = joined(words);

    // ---- entry permission ----
    static const char* kEntryNo[] = {"must be home", "need to be home", "needs to be home", "have to be home",
                                     "want to be home", "want to be there", "be present", "do not enter",
                                     "dont enter", "don t enter", "no entry", "not enter", "only when i m home",
                                     "only when im home", "no pueden entrar", "no puede entrar",
                                     "tengo que estar", "estar presente", "no entrar"};
    static const char* kEntryYes[] = {"can enter", "may enter", "can go in", "may go in", "let yourself in",
                                      "let themselves in", "let him in", "let her in", "ok to enter",
                                      "okay to enter", "fine to enter", "can come in", "may come in",
                                      "use your key", "use the key", "use a key", "enter if", "go in if",
                                      "come in if", "entry is fine", "entry ok", "puede entrar",
                                      "pueden entrar", "pueden pasar", "puede pasar"};
    for (const char* p : kEntryNo) {
        if (has_phrase(all, p)) a.entry_permitted = false;
    }
    if (!a.entry_permitted) {
        for (const char* p : kEntryYes) {
            if (has_phrase(all, p)) a.entry_permitted = true;
        }
    }
    if (!a.entry_permitted && !words.empty()) {
        // A bare YES/NO answers the entry question, which is the one asked as yes/no.
        if (is(words.front(), {"yes", "yeah", "yep", "si", "sí", "ok", "okay", "sure"})) a.entry_permitted = true;
        if (is(words.front(), {"no", "nope"})) a.entry_permitted = false;
    }

    // ---- pets ----
    static const char* kNoPets[] = {"no pets", "no pet", "no animals", "sin mascotas", "no tengo mascotas",
                                    "no hay mascotas", "no dogs", "no cats"};
    for (const char* p : kNoPets) {
        if (has_phrase(all, p)) a.pets = false;
    }
    if (!a.pets) {
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (is(words[i], {"dog", "dogs", "cat", "cats", "puppy", "kitten", "pet", "pets", "perro", "perros",
                              "gato", "gatos", "mascota", "mascotas"}) &&
                !(i > 0 && is(words[i - 1], {"no", "sin"}))) {
                a.pets = true;
                break;
            }
        }
    }

    // ---- days ----
    std::set<int> weekdays;  // 0 = Sunday
    std::set<int> offsets;   // days from today
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        if (is(w, {"today", "tonight", "hoy"})) offsets.insert(0);
        if (is(w, {"tomorrow", "tmrw", "tmr"})) offsets.insert(1);
        // "mañana" is tomorrow, except in "la mañana" / "las mañanas" (the morning).
        if (is(w, {"mañana", "manana"}) && !(i > 0 && is(words[i - 1], {"la", "las"}))) offsets.insert(1);
        if (is(w, {"weekday", "weekdays"})) weekdays.insert({1, 2, 3, 4, 5});
        if (is(w, {"weekend", "weekends"})) weekdays.insert({0, 6});
        if (const int d = weekday_of(w); d >= 0) weekdays.insert(d);
    }
    if (has_phrase(all, "entre semana")) weekdays.insert({1, 2, 3, 4, 5});
    if (has_phrase(all, "fin de semana") || has_phrase(all, "fines de semana")) weekdays.insert({0, 6});

    // ---- hours ----
    std::vector<Range> ranges;
    auto time_at = [&](std::size_t i, char* mer) -> int {
        if (i >= words.size()) return -1;
        int t = clock_time(words[i], mer);
        if (t >= 0 && *mer == 0 && i + 1 < words.size() && is(words[i + 1], {"am", "pm", "a", "p"})) {
            *mer = words[i + 1][0];
        }
        return t;
    };
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        char m1 = 0, m2 = 0;
        if (is(w, {"morning", "mornings", "am"}) || (is(w, {"mañana", "manana", "mañanas"}) && i > 0 &&
                                                     is(words[i - 1], {"la", "las"}))) {
            if (w != "am" || i == 0 || clock_time(words[i - 1], &m1) < 0) ranges.push_back({8 * 60, 12 * 60});
        } else if (is(w, {"afternoon", "afternoons", "tarde", "tardes"})) {
            ranges.push_back({12 * 60, 17 * 60});
        } else if (is(w, {"evening", "evenings", "night", "nights", "tonight", "noche", "noches"})) {
            ranges.push_back({17 * 60, 20 * 60});
        } else if (is(w, {"after", "despues", "después", "from", "desde"})) {
            std::size_t j = i + 1;
            while (j < words.size() && is(words[j], {"de", "las", "la", "about", "around"})) ++j;
            const int t = time_at(j, &m1);
            if (t < 0) continue;
            // "from 9 to 11" / "desde las 9 hasta las 11" are ranges, handled below.
            std::size_t k = j + 1;
            if (k < words.size() && is(words[k], {"am", "pm", "a", "p"})) ++k;
            if (k < words.size() && is(words[k], {"to", "until", "till", "-", "hasta", "a"})) continue;
            ranges.push_back({resolve_hour(t, m1), 20 * 60});
        } else if (is(w, {"before", "antes", "until", "till", "hasta"})) {
            std::size_t j = i + 1;
            while (j < words.size() && is(words[j], {"de", "las", "la"})) ++j;
            const int t = time_at(j, &m1);
            if (t >= 0) ranges.push_back({8 * 60, t == 12 * 60 && m1 == 'p' ? t : resolve_hour(t, m1 ? m1 : 'a')});
        } else {
            // "between 9 and 11", "9-11", "9 to 11", "de 9 a 11", "entre las 9 y las 11"
            const int t1 = time_at(i, &m1);
            if (t1 < 0) continue;
            std::size_t j = i + 1;
            if (j < words.size() && is(words[j], {"am", "pm", "a", "p"}) && words[j] != "a") ++j;
            if (j >= words.size() || !is(words[j], {"-", "to", "and", "until", "till", "y", "a", "hasta"})) {
                // A lone time ("at 10", "a las 3"): a two-hour window from it.
                if (i > 0 && is(words[i - 1], {"at", "around", "las", "la"}) &&
                    !(i > 1 && is(words[i - 2], {"after", "before", "despues", "después", "antes"}))) {
                    const int from = resolve_hour(t1, m1);
                    ranges.push_back({from, std::min(from + 120, 22 * 60)});
                }
                continue;
            }
            ++j;
            while (j < words.size() && is(words[j], {"las", "la"})) ++j;
            const int t2 = time_at(j, &m2);
            if (t2 < 0) continue;
            // "9-11am": the marker of the end applies to a start without one when it fits.
            if (m1 == 0 && m2 != 0 && t1 / 60 <= t2 / 60) m1 = m2;
            int from = resolve_hour(t1, m1);
            int to = resolve_hour(t2, m2);
            if (m2 == 0 && to <= from && to + 12 * 60 > from) to += 12 * 60;  // "10-2"
            if (to > from) ranges.push_back({from, std::min(to, 24 * 60)});
            i = j;
        }
    }
    if (has_phrase(all, "anytime") || has_phrase(all, "any time") || has_phrase(all, "all day") ||
        has_phrase(all, "cualquier hora") || has_phrase(all, "todo el dia") || has_phrase(all, "todo el día")) {
        a.anytime = true;
    }
    // ISO times name an exact start: a two-hour window.
    std::vector<TimeWindow> exact;
    for (std::size_t i = 0; i + 16 <= text.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i])) || text[i + 4] != '-' || text[i + 10] != 'T') continue;
        std::size_t j = i;
        while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j])) && text[j] != ',') ++j;
        std::string token = text.substr(i, j - i);
        if (!token.empty() && token.back() == '.') token.pop_back();
        if (token.find('Z') == std::string::npos && token.find('+') == std::string::npos && token.size() <= 19) {
            token += "Z";
        }
        try {
            const auto t = parse_time(token);
            if (t > now) exact.push_back({t, t + hours(2)});
        } catch (const Error&) {
        }
        i = j;
    }

    const bool any_day = !weekdays.empty() || !offsets.empty();
    if (!any_day && ranges.empty() && !a.anytime) {
        a.windows = std::move(exact);
        return a;
    }
    if (ranges.empty()) ranges.push_back({8 * 60, 20 * 60});
    const int today = local_weekday(now, timezone);
    for (int d = 0; d < 7; ++d) {
        const int wd = (today + d) % 7;
        if (any_day && !offsets.count(d) && !weekdays.count(wd)) continue;
        for (const auto& r : ranges) {
            TimeWindow w{local_day_time(now, timezone, d, r.from), local_day_time(now, timezone, d, r.to)};
            if (w.end <= now) continue;
            if (w.start < now) w.start = time_point_cast<Timestamp::duration>(ceil<hours>(now));
            if (w.end - w.start >= hours(1)) a.windows.push_back(w);
        }
    }
    a.windows.insert(a.windows.end(), exact.begin(), exact.end());
    std::sort(a.windows.begin(), a.windows.end(),
              [](const TimeWindow& x, const TimeWindow& y) { return x.start < y.start; });
    return a;
}

}  // namespace propos
