#include "propos/workflows/triage.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

#include "agent/text_model.hpp"
#include "core/strings.hpp"
#include "propos/agent/emergency.hpp"
#include "propos/agent/escalation.hpp"
#include "propos/core/time.hpp"

namespace propos {
namespace {

std::string normalize(const std::string& raw) {
    const std::string text = detail::lower_utf8(raw);
    std::string out = " ";
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (std::isalnum(c) || c >= 0x80) {
            out += static_cast<char>(c);
        } else if (c == '\'') {
            // French elisions split ("l'évier" -> "l évier"); "heat's out" -> "heat out";
            // English contractions join ("won't" -> "wont").
            const auto word_start = out.rfind(' ');
            const std::string_view word(out.data() + word_start + 1, out.size() - word_start - 1);
            if (word == "l" || word == "d" || word == "n" || word == "j" || word == "s" || word == "c" ||
                word == "m" || word == "t" || word == "qu") {
                out += ' ';
            } else if (i + 1 < text.size() && text[i + 1] == 's' &&
                       (i + 2 >= text.size() || !std::isalpha(static_cast<unsigned char>(text[i + 2])))) {
                out += ' ';
                ++i;
            }
            continue;
        } else if (out.back() != ' ') {
            out += ' ';
        }
    }
    if (out.back() != ' ') out += ' ';
    return out;
}

// Words that deny what follows them ("no leaks anywhere", "nada de vazamento").
bool denied_before(const std::string& norm, std::size_t pos) {
    static constexpr std::string_view kNo[] = {"no", "not", "never", "without", "nothing", "zero", "nada",
                                               "sin", "sem", "pas", "aucun", "aucune", "не", "нет", "без"};
    std::size_t end = pos;  // the space before the phrase
    for (int n = 0; n < 2 && end > 0; ++n) {
        const auto start = norm.rfind(' ', end - 1);
        if (start == std::string::npos) break;
        const std::string_view w(norm.data() + start + 1, end - start - 1);
        if (std::find(std::begin(kNo), std::end(kNo), w) != std::end(kNo)) return true;
        end = start;
    }
    return false;
}

// True when `phrase` occurs in `norm` and no occurrence is denied by a word right before it.
bool has_undenied(const std::string& norm, std::string_view phrase) {
    const bool prefix = !phrase.empty() && phrase.back() == '*';
    const std::string needle = " " + std::string(prefix ? phrase.substr(0, phrase.size() - 1) : phrase) + (prefix ? "" : " ");
    for (auto pos = norm.find(needle); pos != std::string::npos; pos = norm.find(needle, pos + 1)) {
        if (!denied_before(norm, pos)) return true;
    }
    return false;
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
    // Regional and other-language trade words (tune4.jsonl)
    {"heat_hot_water", "ballon", 2}, {"heat_hot_water", "eau chaude", 3},
    {"heat_hot_water", "calorifère*", 4}, {"heat_hot_water", "calorifere*", 4},
    {"flooring", "alfombra*", 4}, {"flooring", "moquette", 4}, {"flooring", "carpete", 4}, {"flooring", "ковр*", 4},
    {"flooring", "ковер", 4}, {"flooring", "prélart", 4}, {"flooring", "prelart", 4},
    {"flooring", "linóleo", 4}, {"flooring", "linoleo", 4}, {"flooring", "linoleum", 4}, 
    {"flooring", "baldosa*", 4}, {"flooring", "azulejo*", 3},
    {"hvac", "кондицион*", 4}, {"hvac", "кондицинер*", 4},
    {"plumbing", "lavatório", 3}, {"plumbing", "lavatorio", 3}, {"plumbing", "escoa", 2}, {"plumbing", "унитаз*", 4},
    {"plumbing", "бачок", 3}, {"plumbing", "canilla", 4},
    {"paint_plaster", "descascando", 3}, {"paint_plaster", "pintura", 3},
    {"structural", "telha*", 3}, {"structural", "telhado", 3},
    {"structural", "galerie", 3}, {"structural", "planches", 2},
    {"appliance", "frigidaire", 4}, {"appliance", "frigorífico", 4}, {"appliance", "frigorifico", 4},
    {"fire_safety", "extintor*", 4}, {"elevator", "button for floor", 3}, {"electrical", "switch plate", 4},
    {"general", "mailbox", 4}, {"pest", "squirrel*", 4}, {"pest", "raccoon*", 4}, {"pest", "scratching", 2},
    {"door_window_lock", "portero eléctrico", 4}, {"door_window_lock", "portero electrico", 4},
    {"door_window_lock", "intercom", 4}, {"door_window_lock", "buzzer", 3}, {"door_window_lock", "timbre", 2},
    {"gas", "tubería del gas", 4}, {"gas", "tuberia del gas", 4}, {"gas", "газовых труб", 4},
    {"gas", "gas", 2}, {"gas", "smell gas", 4}, {"gas", "gas smell", 4}, {"gas", "gas leak", 4},
    {"gas", "olor a gas", 4}, {"gas", "pilot light", 2},
    {"fire_safety", "smoke detector*", 3}, {"fire_safety", "smoke alarm*", 3},
    {"fire_safety", "co detector", 3}, {"fire_safety", "co alarm", 3},
    {"fire_safety", "carbon monoxide", 3}, {"fire_safety", "fire extinguisher*", 3},
    {"fire_safety", "fire alarm", 3}, {"fire_safety", "sprinkler*", 3}, {"fire_safety", "sprinkler head*", 4},
    {"fire_safety", "emergency light*", 4}, {"fire_safety", "exit sign*", 4},
    {"heat_hot_water", "water heater", 5}, {"water_leak", "подтека*", 3}, {"water_leak", "сочит*", 3},
    {"water_leak", "лужиц*", 2}, {"hvac", "вытяжк*", 3}, {"hvac", "вентиляц*", 3}, {"flooring", "ламинат*", 4},
    {"flooring", "паркет*", 4}, {"flooring", "линолеум*", 4}, {"flooring", "плитк*", 2},
    {"general", "мусоропровод*", 4}, {"appliance", "микроволнов*", 3}, {"appliance", "посудомо*", 3},
    {"fire_safety", "датчик*", 3}, {"paint_plaster", "побелк*", 3}, {"structural", "облицовк*", 3},
    {"structural", "фасад*", 3}, {"heat_hot_water", "não esquenta", 3},
    {"heat_hot_water", "nao esquenta", 3}, {"heat_hot_water", "água fria", 2}, {"heat_hot_water", "agua fria", 2},
    {"plumbing", "fregadero", 2}, {"plumbing", "tapó", 3}, {"plumbing", "destapador", 3},
    {"appliance", "lave linge", 3}, {"appliance", "sèche linge", 3}, {"hvac", "vmc", 3}, {"hvac", "ventilation", 3},
    {"hvac", "extractor", 3}, {"paint_plaster", "peinture*", 3}, {"paint_plaster", "écaill*", 2},
    {"appliance", "hotte", 3}, {"structural", "escalier*", 2}, {"structural", "marches", 2},
    {"structural", "béton", 2}, {"structural", "concrete", 2}, {"structural", "steps", 2},
    {"structural", "settling", 3}, {"gas", "gaz", 2}, {"gas", "gas line", 4}, {"gas", "gas meter", 4},
    {"gas", "gas connector", 4}, {"gas", "pilot", 3}, {"flooring", "hardwood", 4}, {"flooring", "laminate", 4},
    {"flooring", "vinyl", 3}, {"flooring", "warped", 2}, {"general", "trash chute", 4},
    {"general", "garbage chute", 4}, {"general", "trash", 2}, {"general", "shelf", 3}, {"general", "shelves", 3},
    {"general", "cigarette*", 3}, {"general", "smoking", 2}, {"pest", "wasp*", 3}, {"pest", "hornet*", 3},
    {"pest", "bees", 3}, {"pest", "nest", 2}, {"fire_safety", "fire escape", 3}, {"appliance", "refri", 3}, {"hvac", "exhaust fan", 4}, {"hvac", "fan", 2},
    {"hvac", "ac unit", 3}, {"hvac", "el aire", 3}, {"hvac", "no enfría", 2}, {"hvac", "no enfria", 2},
    {"electrical", "bulb*", 3}, {"electrical", "lightbulb*", 3}, {"electrical", "foco", 3},
    {"electrical", "bombilla", 3}, {"electrical", "ampoule", 3}, {"electrical", "lâmpada", 3},
    {"electrical", "lampada", 3}, {"electrical", "лампочк*", 3}, {"pest", "cockroch*", 3},
    {"pest", "crottes", 3}, {"pest", "fezes de rato", 3}, {"plumbing", "escusado", 3},
    {"plumbing", "excusado", 3}, {"heat_hot_water", "deau chaude", 3}, {"heat_hot_water", "leau chaude", 3},
    {"appliance", "le four", 3}, {"appliance", "du four", 3}, {"appliance", "mon four", 3},
    {"appliance", "burner*", 3}, {"appliance", "quemador*", 3}, {"appliance", "brûleur*", 3},
    {"appliance", "bruleur*", 3}, {"appliance", "boca", 2}, {"appliance", "конфорк*", 3},
    {"flooring", "parquet", 3}, {"flooring", "latte", 2}, {"door_window_lock", "interfone", 3},
    {"door_window_lock", "interphone", 3}, {"door_window_lock", "домофон*", 3}, {"general", "cabinet door*", 4},
    {"general", "hinge*", 2}, {"general", "drawer*", 2}, {"general", "armário", 2}, {"general", "armario", 2},
    {"general", "placard", 2}, {"general", "шкаф*", 2}, {"fire_safety", "fire", 2},
    {"fire_safety", "smoke", 2}, {"fire_safety", "detector de humo", 3},
    {"water_leak", "leak*", 3}, {"water_leak", "drip*", 2}, {"water_leak", "water coming", 3},
    {"water_leak", "water damage", 3}, {"water_leak", "ceiling stain", 3},
    {"water_leak", "water stain", 3}, {"water_leak", "puddle", 2}, {"water_leak", "flood*", 3},
    {"general", "mold", 3}, {"general", "mould", 3}, {"general", "moho", 3},
    {"water_leak", "gotea*", 3}, {"water_leak", "fuga de agua", 3}, {"water_leak", "wet ceiling", 3},
    {"plumbing", "toilet*", 3}, {"plumbing", "clog*", 3}, {"plumbing", "drain*", 2},
    {"plumbing", "sink", 2}, {"plumbing", "faucet", 2}, {"plumbing", "shower", 2},
    {"plumbing", "tub", 1}, {"plumbing", "bathtub", 2}, {"plumbing", "pipe*", 2},
    {"plumbing", "sewage", 3}, {"plumbing", "sewer", 3}, {"plumbing", "backed up", 2},
    {"appliance", "garbage disposal", 4}, {"plumbing", "water pressure", 3},
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
    {"flooring", "floor*", 2}, {"flooring", "tile*", 2}, {"flooring", "carpet*", 4},
    {"flooring", "floorboard*", 4}, {"flooring", "linoleum", 4}, {"flooring", "piso", 2},
    // Portuguese (accents kept by normalize(); both spellings where people drop them)
    {"water_leak", "vazamento*", 3}, {"water_leak", "vazando", 3}, {"water_leak", "goteira*", 3},
    {"water_leak", "infiltração", 3}, {"water_leak", "infiltracao", 3}, {"water_leak", "pingando", 3},
    {"general", "mofo", 3}, {"plumbing", "privada", 3}, {"plumbing", "vaso sanitário", 3},
    {"plumbing", "vaso sanitario", 3}, {"plumbing", "descarga", 2}, {"plumbing", "entupid*", 3},
    {"plumbing", "pia", 2}, {"plumbing", "ralo", 2}, {"plumbing", "cano*", 2}, {"plumbing", "esgoto", 3},
    {"plumbing", "torneira*", 2}, {"plumbing", "chuveiro", 2},
    {"heat_hot_water", "aquecimento", 3}, {"heat_hot_water", "aquecedor", 3},
    {"heat_hot_water", "água quente", 3}, {"heat_hot_water", "agua quente", 3},
    {"heat_hot_water", "caldeira", 3}, {"heat_hot_water", "radiador*", 3},
    {"electrical", "tomada*", 3}, {"electrical", "disjuntor*", 3}, {"electrical", "energia", 2},
    {"electrical", "luz", 1}, {"electrical", "fiação", 3}, {"electrical", "fiacao", 3},
    {"appliance", "geladeira", 3}, {"appliance", "fogão", 3}, {"appliance", "fogao", 3},
    {"appliance", "forno", 3}, {"appliance", "máquina de lavar", 3}, {"appliance", "maquina de lavar", 3},
    {"appliance", "lava louças", 3}, {"appliance", "lava loucas", 3}, {"appliance", "secadora", 3},
    {"hvac", "ar condicionado", 3}, {"pest", "barata*", 3}, {"pest", "rato*", 3}, {"pest", "percevejo*", 3},
    {"pest", "cupim", 3}, {"pest", "formiga*", 3}, {"door_window_lock", "fechadura", 3},
    {"door_window_lock", "chave*", 2}, {"door_window_lock", "porta", 2}, {"door_window_lock", "janela*", 2},
    {"elevator", "elevador*", 4}, {"paint_plaster", "tinta", 3}, {"paint_plaster", "reboco", 3},
    {"structural", "rachadura*", 2}, {"structural", "teto", 1}, {"structural", "escada*", 2},
    {"flooring", "piso", 2}, {"flooring", "azulejo*", 2}, {"gas", "gás", 3}, {"gas", "cheiro de gás", 4},
    {"fire_safety", "detector de fumaça", 3}, {"fire_safety", "alarme de incêndio", 3},
    // More Spanish
    {"water_leak", "filtración", 3}, {"water_leak", "filtracion", 3}, {"plumbing", "tubería*", 2},
    {"plumbing", "tuberia*", 2}, {"plumbing", "drenaje", 2}, {"plumbing", "regadera", 2},
    {"electrical", "luz", 1}, {"electrical", "electricidad", 2}, {"electrical", "cables", 2},
    {"appliance", "lavadora", 3}, {"appliance", "secadora", 3}, {"appliance", "horno", 3},
    {"pest", "ratas", 3}, {"pest", "plaga*", 3}, {"door_window_lock", "chapa", 2},
    {"structural", "techo", 1}, {"structural", "grieta*", 2}, {"structural", "escalera*", 2},
    {"fire_safety", "alarma de humo", 3},
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
    {"plumbing", "канализац*", 3}, {"heat_hot_water", "отоплени*", 3}, {"heat_hot_water", "батарея", 3}, {"heat_hot_water", "батареи", 3}, {"heat_hot_water", "батарей", 3},
    {"heat_hot_water", "батарею", 3}, {"heat_hot_water", "батареях", 3},
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
    {"flooring", "地毯", 4}, {"flooring", "地砖", 4}, {"flooring", "瓷砖", 3}, {"hvac", "排气扇", 4},
    {"structural", "屋顶", 3}, {"structural", "瓦片", 2},
    {"water_leak", "漏水", 3}, {"water_leak", "渗水", 3}, {"water_leak", "漏", 2},
    {"plumbing", "马桶", 3}, {"plumbing", "水龙头", 3}, {"plumbing", "堵", 3}, {"plumbing", "下水道", 3},
    {"plumbing", "水管", 2}, {"heat_hot_water", "暖气", 3}, {"heat_hot_water", "热水", 3},
    {"heat_hot_water", "供暖", 3}, {"electrical", "插座", 3}, {"electrical", "跳闸", 3},
    {"electrical", "停电", 3}, {"appliance", "冰箱", 3}, {"appliance", "烤箱", 3}, {"appliance", "洗衣机", 3},
    {"appliance", "洗碗机", 3}, {"appliance", "炉", 2}, {"hvac", "空调", 3}, {"pest", "蟑螂", 3},
    {"pest", "老鼠", 3}, {"pest", "臭虫", 3}, {"door_window_lock", "锁", 3}, {"door_window_lock", "钥匙", 2},
    {"door_window_lock", "窗", 2}, {"elevator", "电梯", 4}, {"paint_plaster", "油漆", 3},
    {"paint_plaster", "墙皮", 3}, {"paint_plaster", "起皮", 3}, {"paint_plaster", "掉漆", 3},
    {"flooring", "地板", 3}, {"fire_safety", "应急灯", 4}, {"fire_safety", "喷淋", 3},
    {"appliance", "燃气灶", 4}, {"appliance", "灶", 2}, {"structural", "裂缝", 2}, {"gas", "煤气", 4}, {"gas", "燃气", 4}, {"fire_safety", "烟雾报警", 3},
    {"fire_safety", "烟感", 3},
};

constexpr const char* kStain[] = {"stain*", "water mark*", "mark", "spot", "mancha*", "tache*", "пятн*"};
constexpr const char* kUnchanged[] = {"old", "hasnt changed", "not changed", "not growing", "same size", "dry",
                                      "dried", "months", "weeks", "vieja", "viejo", "seca", "seco", "no ha cambiado",
                                      "vieille", "sec", "sèche", "pas bougé", "pas bouge", "antiga", "antigo", "seca",
                                      "não mudou", "nao mudou", "старое", "старая", "сухое", "сухая",
                                      "не увеличивается"};
constexpr const char* kStainCjk[] = {"旧水渍", "水渍", "水印"};
constexpr const char* kBilling[] = {"bill", "billing", "invoice", "account", "charged", "factura", "recibo",
                                    "cuenta de", "facture", "conta de luz", "conta de", "счет", "счёт",
                                    "квитанци*", "начислили", "included in my rent"};
constexpr const char* kFaucetWords[] = {"faucet", "tap", "llave", "grifo", "robinet", "torneira", "кран", "ducha",
                                        "shower", "douche", "chuveiro", "душ", "toilet", "inodoro", "toilettes",
                                        "privada", "унитаз"};
constexpr const char* kLeakWords[] = {"подтека*", "сочит*", "leak*", "drip*", "seep*", "gotea*", "fuite*", "fuit", "vaza*", "pinga*",
                                      "goteira*", "infiltr*", "теч*", "протек*", "протечк*", "капа*"};
constexpr const char* kAcWords[] = {"ac", "a c", "air conditioner*", "air conditioning", "aire acondicionado",
                                    "clim", "climatiseur", "climatisation", "ar condicionado", "кондиционер*"};
// Words that name a problem: "no X" denies them. Equipment and fixtures count even when denied.
constexpr const char* kProblemWords[] = {"leak*", "drip*", "fuite*", "fuit", "vazamento*", "vazando", "gotea*",
                                         "fuga de agua", "теч*", "протек*", "протечк*", "gas", "smell gas",
                                         "gas smell", "gas leak", "fire", "smoke", "mold", "moho", "mofo"};

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
constexpr const char* kPortuguese[] = {"não", "nao", "você", "voce", "obrigado", "obrigada", "meu", "minha",
                                       "tem", "com", "uma", "está", "estou", "banheiro", "cozinha", "água",
                                       "olá", "ola", "por favor", "apartamento", "aqui", "isso", "também",
                                       "muito", "quando", "então", "já", "vocês", "ainda", "ficou", "socorro"};

std::string detect_language(const std::string& text, const std::string& norm) {
    int cyrillic = 0, cjk = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0xD0 || c == 0xD1) ++cyrillic;
        if (c >= 0xE4 && c <= 0xE9) ++cjk;
    }
    // Mixed messages: the script with more characters wins over a few Latin words.
    if (cjk >= 2 && cjk * 3 >= cyrillic) return "zh";
    if (cyrillic >= 3) return "ru";
    int spanish = 0;
    for (const char* w : kSpanish) spanish += has(norm, w) ? 1 : 0;
    int portuguese = 0;
    for (const char* w : kPortuguese) portuguese += has(norm, w) ? 1 : 0;
    // ã, õ and "ção" are Portuguese, not Spanish.
    const bool pt_letters = text.find("\xC3\xA3") != std::string::npos || text.find("\xC3\xB5") != std::string::npos ||
                            norm.find("ção") != std::string::npos || norm.find("ções") != std::string::npos;
    if ((portuguese >= 2 && portuguese >= spanish - 1) || (pt_letters && portuguese >= 1)) return "pt";
    if (spanish >= 3 || has(norm, "por favor") || has(norm, "no funciona")) return "es";
    int french = 0;
    for (const char* w : kFrench) french += has(norm, w) ? 1 : 0;
    if (french >= 2 || has(norm, "s il vous plaît") || has(norm, "s il vous plait")) return "fr";
    if (spanish >= 2) return "es";
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
        // "no leaks", "no gas smell": a denied problem word does not count; equipment still does
        // ("no smoke detector" is about the detector, "no hot water" about hot water).
        const bool problem_word = std::any_of(std::begin(kProblemWords), std::end(kProblemWords),
                                              [&](const char* p) { return std::string_view(p) == k.phrase; });
        if (problem_word ? has_undenied(norm, k.phrase) : has(norm, k.phrase)) score[k.category] += k.weight;
    }
    // A leak that is not a faucet's or a toilet's drip is a water leak; an air conditioner that
    // drips is HVAC work.
    const bool faucet = std::any_of(std::begin(kFaucetWords), std::end(kFaucetWords),
                                    [&](const char* p) { return has(norm, p); });
    const bool leaking = std::any_of(std::begin(kLeakWords), std::end(kLeakWords),
                                     [&](const char* p) { return has_undenied(norm, p); }) ||
                         text.find("漏") != std::string::npos;
    if (leaking && !faucet) score["water_leak"] += 3;
    if (std::any_of(std::begin(kAcWords), std::end(kAcWords), [&](const char* p) { return has(norm, p); }) ||
        text.find("空调") != std::string::npos) {
        score["hvac"] += 3;
    }
    // An old stain that has not changed is cosmetic: paint and plaster, not a leak.
    if (std::any_of(std::begin(kStain), std::end(kStain), [&](const char* p) { return has(norm, p); }) &&
        std::any_of(std::begin(kUnchanged), std::end(kUnchanged), [&](const char* p) { return has(norm, p); })) {
        score["paint_plaster"] += 6;
    }
    for (const char* p : kStainCjk) {
        if (text.find(p) != std::string::npos) score["paint_plaster"] += 6;
    }
    // A bill or an account question names a utility, not a repair (unless a trade is named too).
    if (std::any_of(std::begin(kBilling), std::end(kBilling), [&](const char* p) { return has(norm, p); }) &&
        std::none_of(score.begin(), score.end(), [](const auto& kv) { return kv.first != "general" && kv.second >= 3; })) {
        score["general"] += 8;
    }
    // A faucet that drips is plumbing; a pipe or ceiling that leaks is a water leak.
    if (faucet) score["plumbing"] += 2;
    for (const auto& k : kCjkKeywords) {
        if (text.find(k.phrase) != std::string::npos) score[k.category] += k.weight;
    }
    bool heating = options.heating_season.value_or([&] {
        const auto ymd = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)};
        const unsigned m = unsigned(ymd.month());
        return m >= 10 || m <= 5;
    }());
    EmergencyConditions conditions;
    conditions.at = now;
    conditions.heating_season = heating;
    conditions.vulnerable_occupant = options.vulnerable_occupant;
    const auto assessment = assess_emergency(text, conditions);
    t.hazards = assessment.hazards;

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
    // "No gas smell" about a stove that clicks: the stove, not gas.
    const bool cooktop = has(norm, "burner*") || has(norm, "stove") || has(norm, "oven") || has(norm, "range") ||
                         has(norm, "estufa") || has(norm, "quemador*") || has(norm, "cuisinière") ||
                         has(norm, "fogão") || has(norm, "fogao") || has(norm, "конфорк*") || has(norm, "плит*") ||
                         text.find("灶") != std::string::npos;
    if (!assessment.emergency && cooktop &&
        std::any_of(assessment.reasons.begin(), assessment.reasons.end(),
                    [](const std::string& r) { return r == "negated:gas smell"; })) {
        score["gas"] = 0;
        score["appliance"] += 2;
        best = "general";
        best_score = 0;
        total = 0;
        for (const auto& [cat, s] : score) {
            total += s;
            if (s > best_score) {
                best = cat;
                best_score = s;
            }
        }
    }
    // The criteria decide emergencies, and their category.
    if (assessment.emergency) {
        t.emergency = true;
        t.priority = Priority::kEmergency;
        if (!assessment.category.empty()) best = assessment.category;
        for (const auto& h : assessment.hazards) t.reasons.push_back("emergency: " + emergency_reason_name(h));
    } else if (assessment.uncertain) {
        t.uncertain = true;
        t.safety_net = assessment.safety_net;
        t.clarifying_question = assessment.clarifying_question;
        t.clarifying_question_es = assessment.clarifying_question_es;
        if (best_score < 3 && !assessment.category.empty()) best = assessment.category;
    }
    for (const auto& r : assessment.reasons) t.reasons.push_back(r);
    // The trade is named by the category model (text_model.hpp): trained on the triage tuning
    // files, it names the category of messages by authors it never saw more often than the keyword
    // scores and the criteria's hazards do (docs/workflows.md). The keywords still say how clearly
    // the text names a problem (confidence, vague) and pick the title's sentence.
    const std::string rules_category = best;  // the keywords', or the criteria's hazard's
    {
        // The model reads the message without its sentences addressed to the assistant.
        std::string about;
        for (const auto& sentence : sentences(text)) {
            if (!instructs_ai(normalize(sentence))) about += sentence + " ";
        }
        const auto& m = text_model::category_model();
        const auto s = text_model::scores(m, about.empty() ? text : about);
        const auto top = static_cast<std::size_t>(std::max_element(s.begin(), s.end()) - s.begin());
        char why[112];
        // Where the model is unsure of every class and keywords name a trade, the keywords (short
        // messages the model reads poorly: "the old bathtub is cracked and needs to be replaced",
        // "my kitchen sink is leaking under the cabinet"). It cost 0.7 points of category accuracy
        // on the tuning authors left out in turn (docs/workflows.md).
        // "general" (the class of everything else) below a score of one does not overrule a trade the
        // keywords name clearly: "my kitchen sink is leaking under the cabinet" scored 0.10 at stop 28,
        // 0.27 once four more authors trained the model (stop 29), 0.51 with four more (stop 32: "under
        // the cabinet" is where short-stay guests find things).
        const bool weak_general = m.classes[top] == "general" && s[top] < 1.0f && best_score >= 5;
        if ((s[top] < -0.3f && best_score >= 2) || (s[top] < -0.1f && best_score >= 5) || weak_general) {
            std::snprintf(why, sizeof why, "category %s from the rules (keyword score %d; the category model is unsure, %.2f)",
                          best.c_str(), best_score, static_cast<double>(s[top]));
        } else {
            best = m.classes[top];
            std::snprintf(why, sizeof why, "category %s from the category model (%.2f)", best.c_str(),
                          static_cast<double>(s[top]));
        }
        t.reasons.push_back(why);
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
        // A hazard that may be an emergency: urgent, with a clarifying question — never routine.
        if (t.uncertain) {
            urgent = true;
            t.reasons.push_back("urgent: may be an emergency; ask: " + t.clarifying_question);
        } else if (assessment.hedged && urgent) {
            urgent = false;
            t.reasons.push_back("routine: the tenant says it is not urgent");
        }
        t.priority = urgent ? Priority::kUrgent : Priority::kRoutine;
    }
    if (best_score > 0 && rules_category != best) {
        t.reasons.push_back("the rules suggested " + rules_category + " (keyword score " + std::to_string(best_score) +
                            ")");
    }

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
    t.vague = best_score < 2 && !t.emergency && !t.uncertain;
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
    j["hazards"] = t.hazards;
    if (t.uncertain) j["clarifying_question"] = t.clarifying_question;
    return j;
}

TriageHookInput triage_hook_input(const OrgId& org, const std::string& text, Timestamp at, bool vulnerable_occupant,
                                  const Triage& offline) {
    TriageHookInput in;
    in.org = org;
    in.text = text;
    in.at = at;
    in.vulnerable_occupant = vulnerable_occupant;
    in.language = offline.language;
    in.category = offline.category;
    in.priority = offline.priority;
    in.emergency = offline.emergency;
    in.hazards = offline.hazards;
    return in;
}

std::string apply_triage_opinion(Triage& t, const TriageOpinion& opinion) {
    std::string raised;
    if (opinion.emergency && !t.emergency) {
        t.emergency = true;
        t.escalate = true;
        t.priority = Priority::kEmergency;
        raised = "emergency";
    } else if (opinion.priority && static_cast<int>(*opinion.priority) < static_cast<int>(t.priority)) {
        // Priorities are ordered most urgent first.
        t.priority = *opinion.priority;
        if (t.priority == Priority::kEmergency) {
            t.emergency = true;
            t.escalate = true;
        }
        raised = std::string(enum_name(t.priority));
    }
    if (!raised.empty()) {
        const auto source = opinion.source.empty() ? std::string("host triage model") : opinion.source;
        t.reasons.push_back("raised to " + raised + " by " + source +
                            (opinion.reason.empty() ? std::string() : ": " + opinion.reason));
    }
    return raised;
}

}  // namespace propos
