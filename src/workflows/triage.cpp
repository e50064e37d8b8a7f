#include "propos/workflows/triage.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/strings.hpp"
#include "propos/agent/escalation.hpp"
#include "propos/core/time.hpp"

namespace propos {
namespace {

std::string normalize(const std::string& raw) {
    const std::string text = detail::lower_utf8(raw);
    std::string out = " ";
    for (unsigned char c : text) {
        if (std::isalnum(c) || c >= 0x80) {
            out += static_cast<char>(c);
        } else if (c == '\'') {
            continue;
        } else if (out.back() != ' ') {
            out += ' ';
        }
    }
    if (out.back() != ' ') out += ' ';
    return out;
}

bool has(const std::string& norm, std::string_view phrase) {
    if (!phrase.empty() && phrase.back() == '*') {
        return norm.find(" " + std::string(phrase.substr(0, phrase.size() - 1))) != std::string::npos;
    }
    return norm.find(" " + std::string(phrase) + " ") != std::string::npos;
}

struct Keyword {
    const char* category;
    const char* phrase;
    int weight;
};

// Phrases -> categories. Weights: 3 names the problem squarely, 2 strongly suggests, 1 hints.
constexpr Keyword kKeywords[] = {
    {"gas", "gas", 2}, {"gas", "smell gas", 4}, {"gas", "gas smell", 4}, {"gas", "gas leak", 4},
    {"gas", "olor a gas", 4}, {"gas", "pilot light", 2},
    {"fire_safety", "smoke detector*", 3}, {"fire_safety", "smoke alarm*", 3},
    {"fire_safety", "co detector", 3}, {"fire_safety", "co alarm", 3},
    {"fire_safety", "carbon monoxide", 3}, {"fire_safety", "fire extinguisher*", 3},
    {"fire_safety", "fire alarm", 3}, {"fire_safety", "sprinkler*", 2}, {"fire_safety", "fire", 2},
    {"fire_safety", "smoke", 2}, {"fire_safety", "detector de humo", 3},
    {"water_leak", "leak*", 3}, {"water_leak", "drip*", 2}, {"water_leak", "water coming", 3},
    {"water_leak", "water damage", 3}, {"water_leak", "ceiling stain", 3},
    {"water_leak", "water stain", 3}, {"water_leak", "puddle", 2}, {"water_leak", "flood*", 3},
    {"water_leak", "mold", 2}, {"water_leak", "mould", 2}, {"water_leak", "moho", 2},
    {"water_leak", "gotea*", 3}, {"water_leak", "fuga de agua", 3}, {"water_leak", "wet ceiling", 3},
    {"plumbing", "toilet*", 3}, {"plumbing", "clog*", 3}, {"plumbing", "drain*", 2},
    {"plumbing", "sink", 2}, {"plumbing", "faucet", 2}, {"plumbing", "shower", 2},
    {"plumbing", "tub", 1}, {"plumbing", "bathtub", 2}, {"plumbing", "pipe*", 2},
    {"plumbing", "sewage", 3}, {"plumbing", "sewer", 3}, {"plumbing", "backed up", 2},
    {"plumbing", "garbage disposal", 3}, {"plumbing", "water pressure", 3},
    {"plumbing", "no water", 3}, {"plumbing", "inodoro", 3}, {"plumbing", "tapado", 2},
    {"plumbing", "lavabo", 2}, {"plumbing", "running toilet", 3},
    {"heat_hot_water", "heat", 3}, {"heat_hot_water", "heating", 3},
    {"heat_hot_water", "heater", 2}, {"heat_hot_water", "radiator*", 3},
    {"heat_hot_water", "boiler", 3}, {"heat_hot_water", "hot water", 3},
    {"heat_hot_water", "cold water only", 3}, {"heat_hot_water", "calefaccion", 3},
    {"heat_hot_water", "calefacción", 3}, {"heat_hot_water", "agua caliente", 3},
    {"heat_hot_water", "freezing", 1},
    {"hvac", "air conditioning", 3}, {"hvac", "air conditioner", 3}, {"hvac", "ac", 2},
    {"hvac", "a c", 2}, {"hvac", "hvac", 3}, {"hvac", "vent*", 1}, {"hvac", "thermostat", 2},
    {"hvac", "furnace", 2}, {"hvac", "aire acondicionado", 3}, {"hvac", "too hot", 1},
    {"electrical", "outlet*", 3}, {"electrical", "power", 2}, {"electrical", "breaker*", 3},
    {"electrical", "electric*", 2}, {"electrical", "light switch", 3}, {"electrical", "lights", 2},
    {"electrical", "spark*", 3}, {"electrical", "wiring", 3}, {"electrical", "wire*", 2},
    {"electrical", "gfci", 3}, {"electrical", "fuse*", 3}, {"electrical", "enchufe*", 3},
    {"electrical", "sin luz", 3}, {"electrical", "flicker*", 2},
    {"appliance", "fridge", 3}, {"appliance", "refrigerator", 3}, {"appliance", "oven", 3},
    {"appliance", "stove", 3}, {"appliance", "dishwasher", 3}, {"appliance", "washer", 3},
    {"appliance", "washing machine", 3}, {"appliance", "dryer", 3}, {"appliance", "microwave", 3},
    {"appliance", "freezer", 3}, {"appliance", "nevera", 3}, {"appliance", "estufa", 3},
    {"appliance", "refrigerador", 3}, {"appliance", "range hood", 2},
    {"pest", "mice", 3}, {"pest", "mouse", 3}, {"pest", "rat", 3}, {"pest", "rats", 3},
    {"pest", "roach*", 3}, {"pest", "cockroach*", 3}, {"pest", "bed bug*", 3},
    {"pest", "bedbug*", 3}, {"pest", "ants", 3}, {"pest", "pest*", 3}, {"pest", "termite*", 3},
    {"pest", "cucaracha*", 3}, {"pest", "ratones", 3}, {"pest", "chinches", 3},
    {"pest", "droppings", 2},
    {"door_window_lock", "lock*", 3}, {"door_window_lock", "locked out", 3},
    {"door_window_lock", "key", 2}, {"door_window_lock", "keys", 2}, {"door_window_lock", "door", 2},
    {"door_window_lock", "window*", 2}, {"door_window_lock", "deadbolt", 3},
    {"door_window_lock", "latch", 2}, {"door_window_lock", "cerradura", 3},
    {"door_window_lock", "llave*", 2}, {"door_window_lock", "ventana*", 2},
    {"door_window_lock", "puerta", 2}, {"door_window_lock", "broke in", 3},
    {"door_window_lock", "break in", 3}, {"door_window_lock", "intercom", 2},
    {"door_window_lock", "buzzer", 2},
    {"structural", "crack*", 2}, {"structural", "foundation", 3}, {"structural", "stairs", 2},
    {"structural", "staircase", 2}, {"structural", "railing", 3}, {"structural", "roof", 2},
    {"structural", "balcony", 2}, {"structural", "collapse*", 3}, {"structural", "sagging", 3},
    {"structural", "ceiling fell", 3}, {"structural", "ceiling collapsed", 3},
    {"elevator", "elevator*", 4}, {"elevator", "lift", 2}, {"elevator", "ascensor", 4},
    {"paint_plaster", "paint", 3}, {"paint_plaster", "peeling", 3}, {"paint_plaster", "plaster", 3},
    {"paint_plaster", "hole in the wall", 3}, {"paint_plaster", "drywall", 3},
    {"paint_plaster", "pintura", 3},
    {"flooring", "floor*", 2}, {"flooring", "tile*", 2}, {"flooring", "carpet*", 3},
    {"flooring", "floorboard*", 3}, {"flooring", "linoleum", 3}, {"flooring", "piso", 2},
    // French
    {"water_leak", "fuite*", 3}, {"water_leak", "fuit", 3}, {"water_leak", "dégât des eaux", 3},
    {"water_leak", "inond*", 3}, {"water_leak", "moisissure*", 2},
    {"plumbing", "toilettes", 3}, {"plumbing", "wc", 3}, {"plumbing", "évier", 2},
    {"plumbing", "robinet*", 2}, {"plumbing", "bouché*", 3}, {"plumbing", "douche", 2},
    {"plumbing", "tuyau*", 2}, {"heat_hot_water", "chauffage", 3}, {"heat_hot_water", "radiateur*", 3},
    {"heat_hot_water", "eau chaude", 3}, {"heat_hot_water", "chaudière", 3},
    {"electrical", "électricité", 2}, {"electrical", "prise*", 3}, {"electrical", "disjoncteur*", 3},
    {"electrical", "courant", 2}, {"appliance", "frigo", 3}, {"appliance", "réfrigérateur", 3},
    {"appliance", "lave vaisselle", 3}, {"appliance", "machine à laver", 3},
    {"appliance", "cuisinière", 3}, {"hvac", "climatisation", 3}, {"hvac", "clim", 3},
    {"pest", "cafard*", 3}, {"pest", "souris", 3}, {"pest", "punaise*", 3},
    {"door_window_lock", "serrure", 3}, {"door_window_lock", "clé*", 2}, {"door_window_lock", "porte", 2},
    {"door_window_lock", "fenêtre*", 2}, {"elevator", "ascenseur", 4}, {"paint_plaster", "peinture", 3},
    {"structural", "fissure*", 2}, {"fire_safety", "détecteur de fumée", 3}, {"gas", "odeur de gaz", 4},
    // Russian
    {"water_leak", "протечк*", 3}, {"water_leak", "теч*", 3}, {"water_leak", "протека*", 3},
    {"water_leak", "капает", 2}, {"water_leak", "затоп*", 3}, {"plumbing", "кран", 2},
    {"plumbing", "унитаз*", 3}, {"plumbing", "раковин*", 2}, {"plumbing", "засор*", 3},
    {"plumbing", "канализац*", 3}, {"heat_hot_water", "отоплени*", 3}, {"heat_hot_water", "батаре*", 3},
    {"heat_hot_water", "горячей воды", 3}, {"heat_hot_water", "горячая вода", 3},
    {"heat_hot_water", "бойлер*", 3}, {"electrical", "электричеств*", 2}, {"electrical", "розетк*", 3},
    {"electrical", "свет", 2}, {"appliance", "холодильник*", 3}, {"appliance", "плита", 2}, {"appliance", "плиту", 2},
    {"appliance", "духовк*", 3}, {"appliance", "стиральн*", 3}, {"hvac", "кондиционер*", 3},
    {"pest", "таракан*", 3}, {"pest", "мыши", 3}, {"pest", "крыс*", 3}, {"pest", "клоп*", 3},
    {"door_window_lock", "замок", 3}, {"door_window_lock", "ключ*", 2}, {"door_window_lock", "двер*", 2},
    {"door_window_lock", "окн*", 2}, {"door_window_lock", "окно", 2}, {"elevator", "лифт*", 4},
    {"paint_plaster", "краск*", 3}, {"paint_plaster", "штукатурк*", 3}, {"gas", "газ", 3}, {"gas", "газа", 3}, {"gas", "газом", 3},
    {"fire_safety", "дымов*", 3}, {"fire_safety", "пожарн*", 3},
};

// Chinese is written without spaces: these are matched as substrings.
constexpr Keyword kCjkKeywords[] = {
    {"water_leak", "漏水", 3}, {"water_leak", "渗水", 3}, {"water_leak", "漏", 2},
    {"plumbing", "马桶", 3}, {"plumbing", "水龙头", 3}, {"plumbing", "堵", 3}, {"plumbing", "下水道", 3},
    {"plumbing", "水管", 2}, {"heat_hot_water", "暖气", 3}, {"heat_hot_water", "热水", 3},
    {"heat_hot_water", "供暖", 3}, {"electrical", "插座", 3}, {"electrical", "跳闸", 3},
    {"electrical", "停电", 3}, {"appliance", "冰箱", 3}, {"appliance", "烤箱", 3}, {"appliance", "洗衣机", 3},
    {"appliance", "洗碗机", 3}, {"appliance", "炉", 2}, {"hvac", "空调", 3}, {"pest", "蟑螂", 3},
    {"pest", "老鼠", 3}, {"pest", "臭虫", 3}, {"door_window_lock", "锁", 3}, {"door_window_lock", "钥匙", 2},
    {"door_window_lock", "窗", 2}, {"elevator", "电梯", 4}, {"paint_plaster", "油漆", 3},
    {"paint_plaster", "墙皮", 3}, {"gas", "煤气", 4}, {"gas", "燃气", 4}, {"fire_safety", "烟雾报警", 3},
    {"fire_safety", "烟感", 3},
};

// Emergency reason -> the category it implies.
const std::map<std::string, std::string>& emergency_category() {
    static const std::map<std::string, std::string> m = {
        {"gas leak", "gas"},           {"fire or smoke", "fire_safety"},
        {"carbon monoxide", "fire_safety"}, {"flooding", "water_leak"},
        {"sewage backup", "plumbing"}, {"electrical hazard", "electrical"},
        {"no heat", "heat_hot_water"}, {"no water", "plumbing"},
        {"no power", "electrical"},    {"unsecured entry", "door_window_lock"},
        {"elevator entrapment", "elevator"}};
    return m;
}

constexpr const char* kUrgent[] = {
    "leak*", "leaking", "no hot water", "clogged toilet", "toilet is clogged", "toilet wont flush",
    "only toilet", "locked out", "broken window", "window is broken", "bed bug*", "rats", "mice",
    "mold", "fridge not cooling", "fridge is not cooling", "refrigerator not cooling",
    "not cooling", "no ac", "ac not working", "ac is not working", "stopped working", "not working",
    "doesnt work", "wont turn on", "backed up", "overflow*", "gotea*", "no funciona"};

constexpr const char* kSpanish[] = {"hola", "el", "la", "de", "mi", "no", "funciona", "por favor",
                                    "tengo", "hay", "agua", "cocina", "baño", "bano", "gracias",
                                    "está", "esta", "que", "en", "los", "las", "una"};

constexpr const char* kInstructionsToAi[] = {
    "ignore previous instructions", "ignore all previous", "ignore your instructions",
    "disregard previous", "disregard your instructions", "you are now", "system prompt",
    "new instructions", "as an ai", "developer mode", "approve all", "approve this invoice",
    "give me the phone number", "other tenants", "reveal", "admin mode", "approve a"};

// Words that make a job a replacement or overhaul (bigger than a repair), or a small touch-up.
constexpr const char* kMajorScope[] = {"replace*", "replacing", "replacement", "install*", "new boiler",
                                       "new water heater", "overhaul*", "renovat*",
                                       "remodel*", "reemplaz*", "instalar", "remplacer", "заменить",
                                       "замена"};
constexpr const char* kMinorScope[] = {"small", "tiny", "minor", "little", "touch up", "pequeño",
                                       "pequeno"};

std::optional<SelfFix> self_fix_for(const std::string& norm, const std::string& category) {
    if (category == "electrical" && (has(norm, "outlet*") || has(norm, "gfci")) &&
        (has(norm, "bathroom") || has(norm, "kitchen") || has(norm, "gfci"))) {
        return SelfFix{"gfci_reset",
                       "Bathroom and kitchen outlets are often on a GFCI outlet (the one with TEST "
                       "and RESET buttons). Please press RESET firmly and tell us if power comes back.",
                       "Los enchufes del baño y la cocina suelen tener un GFCI (con botones TEST y "
                       "RESET). Presione RESET con firmeza y díganos si vuelve la corriente."};
    }
    if (category == "electrical" &&
        (has(norm, "breaker*") || has(norm, "half") || has(norm, "some of") || has(norm, "one room") ||
         has(norm, "lights went out") || has(norm, "power went out in"))) {
        return SelfFix{"breaker_reset",
                       "Part of the power may be off because a breaker tripped. Open the breaker "
                       "panel, find a switch in the middle or OFF position, push it fully OFF and "
                       "then ON. Tell us if that fixes it — please don't touch anything that is wet "
                       "or smells burnt.",
                       "Puede que un interruptor del panel eléctrico se haya disparado. Abra el panel, "
                       "busque un interruptor en el medio o en OFF, muévalo a OFF y luego a ON. "
                       "Díganos si se arregla."};
    }
    if ((category == "hvac" || category == "heat_hot_water") && has(norm, "thermostat") &&
        (has(norm, "blank") || has(norm, "screen") || has(norm, "display") || has(norm, "dead") ||
         has(norm, "nothing"))) {
        return SelfFix{"thermostat_batteries",
                       "A blank thermostat usually needs new batteries (most take two AA). Please "
                       "replace them and set the temperature again; tell us if the heat or AC "
                       "starts.",
                       "Un termostato apagado normalmente necesita baterías nuevas (dos AA). "
                       "Cámbielas y díganos si funciona."};
    }
    if (category == "fire_safety" && (has(norm, "chirp*") || has(norm, "beep*")) &&
        !has(norm, "carbon monoxide")) {
        return SelfFix{"smoke_alarm_battery",
                       "A chirping smoke alarm usually means a low battery. If you can reach it "
                       "safely, replace the 9V battery; otherwise reply and we will send someone.",
                       "Un detector de humo que pita suele tener la batería baja. Si puede, cambie "
                       "la batería de 9V; si no, responda y enviaremos a alguien."};
    }
    if (category == "plumbing" && has(norm, "garbage disposal") &&
        (has(norm, "hum*") || has(norm, "jam*") || has(norm, "stuck") || has(norm, "not working"))) {
        return SelfFix{"disposal_reset",
                       "With the switch off, press the red RESET button under the garbage disposal, "
                       "then try again. Never put your hand inside.",
                       "Con el interruptor apagado, presione el botón rojo RESET debajo del triturador "
                       "y vuelva a intentarlo. Nunca meta la mano."};
    }
    return std::nullopt;
}

std::string title_case_category(const std::string& c) {
    static const std::map<std::string, std::string> names = {
        {"plumbing", "Plumbing"},       {"water_leak", "Water leak"},
        {"heat_hot_water", "Heat/hot water"}, {"electrical", "Electrical"},
        {"appliance", "Appliance"},     {"hvac", "HVAC"},
        {"pest", "Pest control"},       {"door_window_lock", "Door/window/lock"},
        {"structural", "Structural"},   {"fire_safety", "Fire safety"},
        {"gas", "Gas"},                 {"elevator", "Elevator"},
        {"paint_plaster", "Paint/plaster"}, {"flooring", "Flooring"},
        {"general", "General repair"}};
    auto it = names.find(c);
    return it == names.end() ? c : it->second;
}

std::vector<std::string> sentences(const std::string& text) {
    std::vector<std::string> out;
    std::string s;
    auto flush = [&] {
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.erase(s.begin());
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
        if (!s.empty()) out.push_back(s);
        s.clear();
    };
    for (char c : text) {
        if (c == '\n' || c == '.' || c == '!' || c == '?') {
            flush();
        } else {
            s += c;
        }
    }
    flush();
    return out;
}

int category_score(const std::string& text, const std::string& norm, const std::string& category) {
    int score = 0;
    for (const auto& k : kKeywords) {
        if (category == k.category && has(norm, k.phrase)) score += k.weight;
    }
    for (const auto& k : kCjkKeywords) {
        if (category == k.category && text.find(k.phrase) != std::string::npos) score += k.weight;
    }
    return score;
}

bool instructs_ai(const std::string& norm);

// The sentence that says most about `category` (never one addressed to the assistant), shortened.
std::string title_sentence(const std::string& text, const std::string& category) {
    std::string s;
    int best = -1;
    for (const auto& sentence : sentences(text)) {
        const auto norm = normalize(sentence);
        if (instructs_ai(norm)) continue;
        const int score = category_score(sentence, norm, category);
        if (score > best) {
            best = score;
            s = sentence;
        }
    }
    if (s.empty()) s = "request";
    if (s.size() > 60) {
        s = s.substr(0, 57);
        while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
        if (!s.empty()) s.pop_back();
        s += "...";
    }
    return s;
}

constexpr const char* kFrench[] = {"je", "le", "la", "les", "est", "dans", "mon", "ma", "ne", "pas",
                                   "il y a", "merci", "bonjour", "une", "des", "depuis", "ça", "très"};

std::string detect_language(const std::string& text, const std::string& norm) {
    int cyrillic = 0, cjk = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0xD0 || c == 0xD1) ++cyrillic;
        if (c >= 0xE4 && c <= 0xE9) ++cjk;
    }
    if (cjk >= 2) return "zh";
    if (cyrillic >= 3) return "ru";
    int spanish = 0;
    for (const char* w : kSpanish) spanish += has(norm, w) ? 1 : 0;
    if (spanish >= 3 || has(norm, "por favor") || has(norm, "no funciona")) return "es";
    int french = 0;
    for (const char* w : kFrench) french += has(norm, w) ? 1 : 0;
    if (french >= 2 || has(norm, "s il vous plaît") || has(norm, "s il vous plait")) return "fr";
    return "en";
}

bool instructs_ai(const std::string& norm) {
    return std::any_of(std::begin(kInstructionsToAi), std::end(kInstructionsToAi),
                       [&](const char* p) { return has(norm, p); });
}

}  // namespace

Triage triage_text(const std::string& text, Timestamp now, const TriageOptions& options) {
    const bool blank = std::all_of(text.begin(), text.end(),
                                   [](unsigned char c) { return std::isspace(c) != 0; });
    if (text.empty() || blank) {
        throw Error(ErrorCode::kInvalidArgument, "triage: the message text is empty");
    }
    Triage t;
    const std::string norm = normalize(text);

    t.language = detect_language(text, norm);

    std::map<std::string, int> score;
    for (const auto& k : kKeywords) {
        if (has(norm, k.phrase)) score[k.category] += k.weight;
    }
    for (const auto& k : kCjkKeywords) {
        if (text.find(k.phrase) != std::string::npos) score[k.category] += k.weight;
    }
    // "smoke detector"/"fire extinguisher" make "smoke"/"fire" equipment, not events.
    const auto emergencies = EscalationEngine::emergency_reasons(text);

    bool heating = options.heating_season.value_or([&] {
        const auto ymd = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)};
        const unsigned m = unsigned(ymd.month());
        return m >= 10 || m <= 5;
    }());

    std::string best = "general";
    int best_score = 0;
    int total = 0;
    for (const auto& [cat, s] : score) {
        total += s;
        if (s > best_score) {
            best = cat;
            best_score = s;
        }
    }
    // Emergencies decide the category.
    std::vector<std::string> emergency_reasons;
    for (const auto& r : emergencies) {
        if (r == "no heat" && !heating && !options.vulnerable_occupant) {
            t.reasons.push_back("no heat outside the heating season (urgent, not an emergency)");
            continue;
        }
        emergency_reasons.push_back(r);
    }
    if (!emergency_reasons.empty()) {
        t.emergency = true;
        t.priority = Priority::kEmergency;
        best = emergency_category().at(emergency_reasons.front());
        for (const auto& r : emergency_reasons) t.reasons.push_back("emergency: " + r);
    }
    t.category = best;
    t.confidence = best_score == 0 ? 0.2 : std::min(0.95, 0.45 + 0.5 * best_score / std::max(total, 1));
    if (t.emergency) t.confidence = std::max(t.confidence, 0.9);

    if (!t.emergency) {
        bool urgent = false;
        for (const char* p : kUrgent) {
            if (has(norm, p)) {
                urgent = true;
                t.reasons.push_back(std::string("urgent: \"") +
                                    (p[std::string_view(p).size() - 1] == '*'
                                         ? std::string(p, std::string_view(p).size() - 1)
                                         : std::string(p)) +
                                    "\"");
                break;
            }
        }
        if (best == "heat_hot_water" && heating && (has(norm, "no heat") || has(norm, "cold"))) urgent = true;
        if (options.vulnerable_occupant && (best == "heat_hot_water" || best == "hvac")) urgent = true;
        t.priority = urgent ? Priority::kUrgent : Priority::kRoutine;
    }
    if (best_score > 0) t.reasons.push_back("category " + best + " from keywords (score " +
                                            std::to_string(best_score) + ")");

    const auto legal = EscalationEngine::legal_reasons(text);
    const auto harassment = EscalationEngine::harassment_reasons(text);
    const bool human = EscalationEngine::asks_for_human(text);
    for (const auto& r : legal) t.reasons.push_back("escalate: legal (" + r + ")");
    for (const auto& r : harassment) t.reasons.push_back("escalate: " + r);
    if (human) t.reasons.push_back("escalate: tenant asked for a person");
    t.escalate = t.emergency || !legal.empty() || !harassment.empty() || human;

    if (instructs_ai(norm)) {
        t.instructions_to_ai = true;
        t.reasons.push_back("message contains instructions addressed to the assistant (ignored)");
    }
    if (std::any_of(std::begin(kMajorScope), std::end(kMajorScope), [&](const char* p) { return has(norm, p); })) {
        t.scope = "major";
        t.reasons.push_back("scope: major (replacement or overhaul)");
    } else if (std::any_of(std::begin(kMinorScope), std::end(kMinorScope),
                           [&](const char* p) { return has(norm, p); })) {
        t.scope = "minor";
    }
    t.vague = best_score < 2 && !t.emergency;
    if (t.vague) t.reasons.push_back("vague: not enough detail to pick a trade");
    if (!t.emergency) t.self_fix = self_fix_for(norm, best);
    t.title = title_case_category(best) + ": " + title_sentence(text, best);
    return t;
}

Json triage_to_json(const Triage& t) {
    Json j{{"category", t.category},
           {"priority", enum_name(t.priority)},
           {"emergency", t.emergency},
           {"escalate", t.escalate},
           {"reasons", t.reasons},
           {"confidence", static_cast<double>(static_cast<int>(t.confidence * 100)) / 100},
           {"language", t.language}};
    j["self_fix"] = t.self_fix ? Json(t.self_fix->key) : Json(nullptr);
    return j;
}

}  // namespace propos
