// The emergency criteria as composed signals (see emergency.hpp and docs/workflows.md).
//
// A message is folded (lower case, Latin accents and ё removed, punctuation to spaces, French
// elisions split) into words grouped in clauses. Each *concept* below is a list of words and
// phrases (a trailing '*' matches any ending) in six languages, plus Chinese substrings matched on
// the raw text. Hazard rules combine concepts: "gas" + "smell", "water" + "pouring", "door" +
// "won't lock" without an interior word, and so on. A negation in the three words before a hit
// (or, in Russian, right after it) cancels that hit.
#include "propos/agent/emergency.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <span>
#include <string_view>

#include "core/strings.hpp"

#include "agent/emergency_model.hpp"
#include "agent/text_model.hpp"
#include "agent/text_signals.hpp"
#include "propos/agent/escalation.hpp"

namespace propos {
namespace {

using namespace signals;


// ---------------------------------------------------------------------------------------------
// Concepts (folded: no accents, ё as е; French elisions split: "d eau", "l ascenseur")

// Gas
WORDS(kGas, "gas", "gassy", "gaz", "газ", "газа", "газом", "газу", "propane", "propano", "butane", "metano",
      "methane");
WORDS(kGasCjk, "煤气", "燃气", "天然气", "瓦斯", "液化气");
WORDS(kSmell, "попахивает", "reek*", "smell*", "odor*", "odour*", "stink*", "stench", "whiff", "fumes", "olor*", "huele*",
      "oler", "odeur*", "ca sent", "sent le", "sent la", "sens une", "sens comme", "cheiro*", "cheira*",
      "fedor", "запах*", "пахнет", "пахнит", "пахн*", "пахло", "вонь*", "воня*");
WORDS(kSmellCjk, "味", "闻到", "臭");
WORDS(kGasLeak, "leak*", "leek*", "hiss*", "fuga", "fuite*", "vazamento", "vazando", "escape",
      "escapando", "утечк*", "шипит", "шипение");
WORDS(kGasLeakCjk, "泄漏", "漏气", "泄露", "嘶嘶");
WORDS(kRottenEgg, "sulfer*", "sulpher*", "sulfur*", "sulphur*", "like the stove is on", "skunk*", "zorrillo", "mouffette", "gambá", "gamba", "rotten egg*", "huevo* podrido*", "oeuf* pourri*", "ovo* podre*", "тухл* яйц*", "sulfur",
      "sulphur", "azufre", "soufre", "enxofre", "серой", "сероводород*");
WORDS(kRottenEggCjk, "臭雞蛋", "臭鸡蛋", "硫磺");
WORDS(kGasAppliance, "wall heater", "gas heater", "space heater", "fournaise", "esquentador", "chauffe eau", "stove", "oven", "range", "furnace", "furness", "furnance", "boiler", "water heater", "cooktop", "burner*",
      "estufa", "horno", "caldera", "calentador", "cuisiniere", "four", "gaziniere", "chaudiere",
      "fogao", "forno", "caldeira", "aquecedor", "плит*", "духовк*", "котел", "колонк*");
WORDS(kGasApplianceCjk, "炉", "灶", "热水器");
WORDS(kSymptom, "duele la cabeza", "doi a cabeca", "vomi", "desmai*", "dores de cabeca", "dizzy", "dizziness", "headache*", "nausea*", "nauseous", "lightheaded", "light headed",
      "vomit*", "throwing up", "mareado", "mareada", "mareo*", "dolor de cabeza", "nausea*", "vertige*",
      "mal de tete", "mal a la tete", "tontura", "tonto", "tonta", "dor de cabeca", "enjoo",
      "голова кружится", "кружится голова", "головокружени*", "головная боль", "болит голова",
      "тошнит", "тошнота", "рвота", "рвет", "вырвало");
WORDS(kSymptomCjk, "头很晕", "晕", "头晕", "头疼", "头痛", "恶心", "想吐");

// Carbon monoxide
WORDS(kCo, "carbon monoxide", "co alarm*", "co detector*", "co monitor*", "co sensor*", "co2 alarm*",
      "monoxide", "monoxido*", "monoxyde*", "угарн*", "co alarme", "detecteur de co",
      "detector de co", "detector de monoxido", "alarma de co", "детектор угарного", "датчик со",
      "датчика со", "детектор со", "датчик co", "датчика co", "детектор co", "детектора co");
WORDS(kCoCjk, "一氧化碳", "煤气中毒");
WORDS(kBattery, "escrito end", "показывает end", "every 30 seconds", "every few minute", "every few minutes", "beeping quietly", "fall down from the wall", "fell down from the wall", "has not gone off since", "hasnt gone off since", "une seule fois", "puis plus rien", "una sola vez",
      "so uma vez", "uma vez so", "alarm supposed to be", "detector supposed to be", "cant find a co", "not gone off since", "1x por minuto", "1x por min", "aparece end", "dice end", "muestra end", "mostra end", "so o bip", "bip por minuto", "bip a cada minuto", "caduco", "caducado", "vencido", "venceu", "no suena la alarma", "isnt one", "there isnt one", "where can i buy", "beeped three times", "beeped twice", "beeped once", "then stopped", "no alarm since", "end of life", "err", "error", "pitido", "batter*", "chirp*", "low batt*", "pila*", "bateria*", "pile", "piles", "батарейк*",
      "every minute", "once a minute", "expired", "install*", "replace*", "inspection", "missing",
      "need a new", "needs a new", "instalar", "installer", "trocar", "поменять", "заменить", "says end",
      "fin de vie", "fin de vida", "fim de vida", "срок службы", "cada minuto", "a cada minuto", "chaque minute",
      "toutes les minutes", "каждую минуту", "yellow light", "luz amarilla", "luz amarela", "lumiere jaune",
      "revision", "revisao", "vistoria", "проверк*", "une fois par minute", "una vez por minuto",
      "uma vez por minuto", "раз в минуту", "pas d alarme continue", "no continuous", "dont see one",
      "dont have one", "supposed to be a", "supposed to have", "required to have", "supposed to go",
      "where should", "in its box", "in the box", "in a drawer", "fell off", "green light", "put it back",
      "dit end", "affiche end", "affiche fin", "pilha*", "de minuto a minuto", "bip une fois", "bipe une fois", "beeps once", "une fois aux", "once every",
      "botao de teste", "boton de prueba", "bouton test", "depuis plus rien", "detecteur est perime", "датчик старый",
      "teste concluido", "test complete", "test completed", "test button", "pressed the test", "apertou o botao",
      "коротко пикает", "коротко пищит", "срок вышел", "вышел срок", "срок истек", "истек срок", "bipe curtinho",
      "bipinho", "ta velho", "esta velho", "ja e velho");
WORDS(kBatteryCjk, "应该系冇电", "应该是没电", "显示 end", "显示end", "顯示 end", "顯示end", "电池", "没电池", "换", "寿命", "每分钟", "每隔一分钟", "一分钟滴",
      "到期", "过期", "短短地哔", "一直亮着绿灯", "没有响");

// Fire and smoke
WORDS(kFire, "fire", "fires", "flame", "flames", "blaze", "on fire", "caught fire", "smoke", "smoky",
      "smokey", "fuego", "incendio", "llama", "llamas", "humo", "humareda", "feu", "incendie", "flamme*",
      "fumee", "humito", "fogo", "chamas", "fumaca", "пожар*", "огонь", "пламя", "дым", "дыма", "дымом",
      "задымлени*", "горит", "загорел*", "загорал*");
WORDS(kFireCjk, "烧着了", "火很大", "火好大", "灭不了", "扑不灭", "着火", "火灾", "冒烟", "冒白烟", "冒黑烟", "冒着烟", "冒着白烟", "冒着黑烟", "浓的烟", "好多烟", "很多烟", "烟很大", "烟好大", "浓烟", "起火", "失火", "火苗", "烧起来", "有烟", "少少烟", "有啲烟", "有点烟",
      // "有人在垃圾房放火！！楼梯全是烟": arson, a stairwell full of smoke (not "全是烟味", a smell, below)
      "放火", "纵火", "全是烟", "都是烟", "满是烟", "满屋烟");
WORDS(kBurning, "горелой", "горелая", "горелую", "burning", "burnt", "burned", "scorch*", "melting", "quemado", "quemando", "a quemado",
      "quemandose", "brule", "brulee", "crame", "queimado", "queimando", "гарь*", "гари", "горелым",
      "горелое", "паленым", "паленой", "плавится");
WORDS(kBurningCjk, "烧塑胶", "塑胶味", "烧焦", "焦味", "糊味", "烧糊", "燶", "烧胶", "烧塑料");
WORDS(kSmoking, "smoking", "smoldering", "smouldering", "humeando", "fume", "fumant", "soltando fumaca",
      "дымит*", "дымится");
WORDS(kNotFire, "burning up", "fuego de atras", "fuego de adelante", "fuego de la estufa", "fuegos de la estufa", "fire waiting to happen", "mettre le feu", "vai pegar fogo", "va a incendiar", "va a prender fuego",
      "going to start a fire", "gonna start a fire", "im melting", "were melting", "we are melting", "doorman is melting",
      "me derrito", "nos derretimos", "estou derretendo", "estamos derretendo", "a smoke one", "smoke ones", "j ai cru que c etait le feu", "cru que c etait le feu",
      "pense que era fuego", "pensei que era fogo", "thought it was a fire", "thought it was on fire", "fire hazard", "flame sensor", "fire risk", "fire danger", "riesgo de incendio", "risque d incendie", "risco de incendio", "fire brigade", "faire du feu", "faire un feu", "hacer fuego", "fazer fogo", "light a fire", "make a fire", "ramoneur", "smoke detector*", "smoke alarm*", "fire alarm*", "fire escape*", "fireplace*",
      "fire extinguisher*", "fire drill*", "fire door*", "fire pit", "fire inspection", "fire department",
      "corta fogo", "cortafuego*", "corta fuego*", "coupe feu", "fires up", "fire up", "fired up",
      "fire code", "fire exit", "smoke free", "fire weather", "wont fire", "doesnt fire", "not firing",
      "wont fire up", "fire inspector", "fire marshal", "detector* de humo", "alarma de humo", "detecteur* de fumee",
      "alarme incendie", "detector* de fumaca", "alarme de fumaca", "датчик* дыма", "пожарн*", "alarma* de incendio*",
      "alarme* de incendio*", "alarme* d incendie",
      "cigarette*", "cigar*", "weed", "marijuana", "vape*", "vaping", "tobacco", "cigarrillo*", "tabaco",
      "tabac", "сигарет*", "курит*", "chimenea", "cheminee", "lareira", "камин*", "smoke from next door",
      "heat wave", "heatwave", "stove top", "gas fire", "sigaret*", "fogao a gas", "smoke smell from neighbor*",
      "neighbor* smok*", "neighbour* smok*", "fire hydrant", "spitfire", "fire dept*", "fire depart*",
      "smoke and co*", "smoke and carbon*", "smoke co", "smoke inspection", "smoke test*", "the flame is on",
      "flame is on", "flame looks", "flames look", "flame is normal", "pilot flame", "yellow flame",
      "orange flame", "llama amarilla", "flamme jaune", "chama amarela", "желтое пламя", "огонь загорается",
      "огонь зажигается", "горит нормально", "горит ровно", "потом горит",
      "burnt my toast", "burnt toast", "burned toast", "burnt the toast", "burnt popcorn", "burned popcorn",
      "i am literally melting", "im melting", "i am melting", "literally melting", "we are melting",
      "lampada queimada", "lampada esta queimada", "lampada ta queimada", "bombilla fundida", "ampoule grillee", "burner flame", "blue flame", "gas flame",
      "burned out", "burnt out", "burn out", "se fundio", "перегорел*", "firefighter*", "bomberos", "pompiers", "bombeiros", "пожарны*", "escalera* de incendio*",
      "salida* de incendio*", "escalier* de secours", "sortie* de secours", "escada* de incendio",
      "saida* de emergencia", "non smoking", "no smoking", "fire safety",
      // Spanish "llama" is also "calls": "nadie me llama", "se llama Juan"
      "alarma de fuego", "alarma del fuego", "fire man", "fireman", "firemen", "fire test", "fire certificate", "fire safety certificate", "exercice d evacuation", "evacuation incendie", "exercice incendie", "simulacro de incendio", "simulado de incendio", "feu de bois", "fumee de cheminee", "humo de chimenea", "fumaca da lareira", "дым от камина", "горит красный", "горит красная", "горит зеленый", "горит зеленая", "горит значок", "горит лампочка", "горит индикатор", "seguro de incendio", "seguro contra incendio", "assurance incendie", "fire insurance", "ha quedado", "quedado", "me llama", "te llama", "se llama", "nos llama", "le llama", "les llama", "lo llama", "nadie llama");
WORDS(kNotFireCjk, "以为着火", "打唔着火", "打不着火", "点不着火", "唔着火", "烟雾偵测器", "烟雾偵測器", "偵測器", "偵测器", "烟雾感应器", "点着火", "打着火", "才着火", "点着", "烟雾侦测器", "侦测器", "黄色火焰", "黄火", "烟雾报警器", "烟雾探测器", "烟雾警报器", "火灾报警器", "烟感", "抽烟", "吸烟", "香烟", "烟味从", "全是烟味", "都是烟味", "满是烟味", "要放火", "威胁放火", "说放火");
WORDS(kAlarmSounding, "орёт", "alarm pattern", "going off", "goes off", "went off", "keeps going off", "sounding", "blaring",
      "screaming", "beeping", "wont stop", "sonando", "suena", "sono", "sonne", "retentit",
      "tocando", "disparou", "disparado", "apitando", "сработал*", "пищит", "звенит", "орет", "воет");
WORDS(kAlarmSoundingCjk, "响", "报警", "叫个不停");
WORDS(kCigarette, "woodsmoke", "wood smoke", "wood burner", "wood stove", "neighbours chimney", "neighbors chimney", "their chimney", "fuma", "fuman", "fumando", "fumam", "fume dans", "fume sur son", "fume sur sa", "fume sur le", "fume sur la", "voisin fume", "il fume", "elle fume", "qui fume", "smokes on", "smokes in his", "smokes in her", "smokes in their", "smoker", "smokers", "barbecue*", "bbq", "grill*", "parrilla", "asado", "churrasco", "churrasqueira*", "шашлык*", "мангал*", "cigarette*", "cigar*", "weed", "marijuana", "vape*", "vaping", "tobacco", "cigarrillo*",
      "tabaco", "tabac", "сигарет*", "курит*", "курят", "fumando", "fumar", "fuman", "fumam", "fumer",
      "fume des");
WORDS(kCigaretteCjk, "抽烟", "吸烟", "香烟", "烟头", "烧烤");
// Smoke from a source outside the home that the tenant names: a neighbour's chimney or sauna,
// fireworks, the smell of a campfire. (Not a shop or a restaurant below: its smoke may be its fire.)
WORDS(kOutsideSmoke, "campfire*", "camp fire", "feu de camp", "смог", "баню", "chimney next door", "chimney of next door",
      "cheminee du voisin", "chimenea del vecino", "chamine do vizinho", "fireworks", "fuegos artificiales",
      "feux d artifice", "fogos de artificio", "фейерверк*", "aqi", "burning leaves", "burnt leaves", "burn leaves",
      "fire pit", "firepit", "fire pits", "bonfire*", "quemando hojas", "quemar hojas", "queman hojas",
      "brulent des feuilles", "brule des feuilles", "bruler des feuilles", "queimando folhas", "queimar folhas",
      "queimam folhas", "quemando basura en su patio", "quemando basura en el patio", "жгут листья", "жгли листья", "жег листья", "жгут листву", "жгли листву");
WORDS(kOutsideSmokeCjk, "烟花", "鞭炮", "烧树叶", "烧叶子", "烧落叶", "烧纸", "烧垃圾");
// Wildfires: their smoke is explained only where the tenant says nothing burns here or it comes from
// outside ("feu de forêt juste derrière la résidence, on évacue" is a fire).
WORDS(kWildfire, "wildfire*", "forest fire*", "bushfire*", "bush fire*", "brush fire*", "feux de foret", "feu de foret",
      "incendio forestal", "incendios forestales", "de los incendios", "queimadas", "incendio florestal",
      "incendios florestais", "лесн* пожар*", "пожар* в лесу");
WORDS(kWildfireCjk, "山火", "森林火灾", "野火");
WORDS(kNotHere, "nothing burning", "nothin burnin", "nothing is burning", "nothing burning here", "not here", "from outside",
      "outside air", "no es aqui", "es de afuera", "de afuera", "no se quema nada", "nao e aqui", "de fora",
      "rien ne brule", "vient de dehors", "de l exterieur", "ничего не горит", "с улицы");
WORDS(kNotHereCjk, "没东西着火", "没有东西着火", "外面");

// The smoke sources outside the home that `fire` (the fire and smoke words found) may be part of:
// the named ones always, wildfires where the tenant says nothing burns here or denies a fire.
// Shared by the safety net and the fire reading so the two never disagree on what is outside.
std::vector<Hit> outside_smoke_of(const Doc& d, const std::vector<Hit>& fire) {
    auto out = find(d, Words(kOutsideSmoke), Words(kOutsideSmokeCjk));
    if (any(find(d, Words(kNotHere), Words(kNotHereCjk))) || any_negated(fire)) {
        const auto wildfire = find(d, Words(kWildfire), Words(kWildfireCjk));
        out.insert(out.end(), wildfire.begin(), wildfire.end());
    }
    return out;
}
WORDS(kSmokeAlarm, "smoke detector*", "smoke alarm*", "fire alarm*", "alarma* de incendio*", "alarme* de incendio*",
      "alarme* d incendie", "detector* de humo", "alarma* de humo",
      "detecteur* de fumee", "alarme incendie", "alarme de fumee", "detector* de fumaca", "alarme de fumaca",
      "датчик* дыма", "пожарн* сигнализац*", "дымов* датчик*");
WORDS(kSmokeAlarmCjk, "烟雾报警器", "烟雾探测器", "烟感", "火灾报警器", "火警钟", "火警铃");
// A smoke or CO detector (hanging by its wires, fallen off the ceiling: not live wires, not a collapse).
WORDS(kDetector, "smoke detector*", "smoke alarm*", "co detector*", "detector*", "detecteur*", "датчик*",
      "alarma de humo", "alarme de fumaca", "alarme de fumee");
WORDS(kDetectorCjk, "烟雾报警器", "烟雾探测器", "烟感", "探测器", "感应器", "报警器");

// Electrical
WORDS(kElectricThing, "cuadro electrico", "caja de breakers", "outlet*", "panneau electrique", "panneau", "socket*", "plug*", "switch*", "panel", "breaker*", "fuse*",
      "electrical box", "electric box", "wire", "wires", "wiring", "cord", "extension cord", "light fixture*",
      "fixture*", "meter", "enchufe*", "tomacorriente*", "contacto*", "interruptor*", "breakers",
      "tablero", "caja de luz", "cable", "cables", "cableado", "prise*", "interrupteur*", "disjoncteur*",
      "tableau electrique", "fil", "fils", "cable*", "compteur", "tomada*", "disjuntor*", "quadro de luz",
      "quadro de energia", "quadro eletrico", "fio", "fios", "fiacao", "розетк*", "выключател*",
      "щиток", "щитке", "электрощит*", "провод*", "проводк*", "автомат*", "пробк*", "счетчик*");
WORDS(kElectricThingCjk, "面板", "插座", "开关", "电箱", "电线", "配电箱", "电闸", "电表", "插头");
WORDS(kSpark, "spark*", "arcing", "arced", "chispa*", "chispea*", "chisporrote*", "etincelle*",
      "faisca*", "faiscando", "chispita*", "искр*");
WORDS(kSparkCjk, "火花", "冒火", "电火");
WORDS(kExposed, "exposed", "bare", "hanging", "dangling", "sticking out", "hanging out", "copper",
      "frayed", "live wire*", "live wires", "expuesto*", "pelado*", "colgando", "sueltos", "al aire",
      "denude*", "pendent", "a nu", "apparent*", "exposto*", "desencapado*", "pendurado*", "soltos",
      "оголен*", "торчат", "висят", "свисают", "голые");
WORDS(kExposedCjk, "外露", "裸露", "露出", "露在外", "吊着", "耷拉");
WORDS(kHotNoise, "zumband*", "quema al tocar*", "gresille*", "brulant*", "odeur de chaud", "hot", "warm", "buzz*", "humm*", "crackl*", "melt*", "scorch*", "charred", "smok*",
      "sizzl*", "burning", "burnt", "caliente", "zumb*", "derriti*", "derrite*", "quemad*", "chisporrote*",
      "humo", "chaud*", "gresill*", "grezill*", "fond", "fondu", "brule*", "bourdonn*", "crepit*",
      "quente", "esquentando", "zumbindo", "zumbido", "derret*", "queimad*", "chiando", "estalando",
      "горяч*", "гуд*", "треск*", "трещит", "плав*", "дым*", "нагрел*", "нагревается", "греется",
      "жужж*", "плавится");
WORDS(kHotNoiseCjk, "发烫", "烫", "嗡嗡", "噼啪", "融化", "烧焦", "发热", "冒烟", "滋滋");
WORDS(kShock, "choquinho", "choquinhos", "shock*", "electrocut*", "zapped", "zaps", "got zapped", "descarga electrica",
      "una descarga", "me dio corriente",
      "dio toque", "toques", "calambre*", "decharge*", "choque*", "eletrocut*", "ударил* током",
      "ударило током", "бьет током", "бьется током", "током ударило", "током бьет");
WORDS(kShockCjk, "被电", "麻手", "电了一下", "触电", "电到", "漏电", "电了我");
WORDS(kPowerLine, "overhead wire", "wire is down", "power line down", "cable electrique est tombe", "cable electrique tombe", "fil electrique tombe",
      "cable de luz caido", "cable electrico caido", "cabo de energia caiu", "fio de luz caiu", "fio caido",
      "оборван* провод*", "провод оборван", "провод упал", "power line snapped", "line snapped", "power line lying", "power line on", "power line across",
      "power line* down", "line is down", "line down", "downed line", "downed power",
      "fallen power line", "wire down", "wires down", "cable caido", "cables caidos", "se cayo un cable",
      "cable de luz tirado", "cable tirado", "cables tirados", "провод со столба", "со столба упал",
      "fil electrique tombe", "fio caido", "fios caidos", "оборван* провод*");

// Water
WORDS(kWater, "puddle", "watter", "water", "agua", "eau", "вода", "воды", "воду", "водой", "воде");
WORDS(kWaterCjk, "水");
WORDS(kLeak, "me llueve", "nos llueve", "llueve adentro", "llueve dentro", "chove dentro", "il pleut dans",
      "chovendo na minha", "chovendo no meu", "chovendo dentro", "chovendo na cozinha", "chovendo no banheiro",
      "chovendo na sala", "chovendo no quarto", "lloviendo en mi", "lloviendo dentro", "raining in my",
      "raining inside", "tirando agua", "tira agua", "botando agua", "leak*", "leek*", "drip*", "seep*", "fuga*", "gote*", "filtra*", "escurr*", "fuite*",
      "fuit", "goutte*", "suint*", "vaza*", "goteira*", "pinga*", "infiltr*", "теч*", "протек*",
      "протечк*", "капа*", "подтек*");
WORDS(kLeakCjk, "漏", "渗水", "滴水", "滴");
WORDS(kBeepCjk, "滴一声", "滴的一声", "滴滴");
WORDS(kFalseAlarm, "totally out", "smells fine now", "se quito el olor", "se fue el olor", "smell cleared", "it has not returned", "has not come back", "hasnt come back", "no ha vuelto", "n est pas revenue", "nao voltou", "через час прошло", "все прошло", "fire is out", "fires out", "eteint tout de suite", "tout de suite eteint", "ja apagamos", "ya lo apagamos", "сразу потушили", "false alarm", "fausse alerte", "falsa alarma", "alarme falso", "ложная тревога",
      "gone now", "went away", "its normal", "is normal", "thats normal", "never mind", "nevermind",
      "ya se fue", "ya paso", "c est passe", "ja passou", "уже прошло", "been fine since", "fine since",
      "all good now", "turned out to be", "turned out it was", "definitely not gas", "tout est correct",
      "pu d odeur", "plus d odeur", "resulto ser", "era solo", "acabou sendo", "оказалось", "let us out",
      "started again", "no more smell", "said were good", "everythings capped", "red tagged", "all clear",
      "goes away as soon as", "smoke cleared", "smoke is gone", "smoke gone", "smoke has cleared", "went right out", "fumaca ja saiu",
      "el humo ya salio", "la fumee est partie", "was a test", "monthly test", "foi o teste", "teste mensal", "fire drill",
      "simulacro", "panel fault", "falla del panel", "учебная тревога", "lo apague", "la apague", "i put it out", "we put it out", "je l ai eteint", "on l a eteint",
      "eu apaguei", "ja apaguei", "я потушил*", "сразу потушил*", "pompiers l ont eteint", "пожарные потушили",
      "everywhere safe now", "say its safe now", "said its safe now", "said there was no gas",
      "disseram que nao havia fuga", "dijeron que no habia fuga", "ont dit qu il n y avait pas de fuite",
      "сказали что утечки нет", "сказали утечки нет", "smell was gone right away", "gone right away",
      "nothing since", "rien depuis", "nada desde entonces", "nada desde entao", "с тех пор ничего",
      "сейчас не пахнет", "уже не пахнет", "больше не пахнет");
// Repaired by the tenant's account ("the electrician came and replaced it"), and what says it is back.
WORDS(kFixed, "came and replaced", "replaced it", "fixed it", "its fixed", "been fixed", "got fixed", "works fine now",
      "working fine now", "ya lo arreglaron", "ya lo cambiaron", "ja consertaram", "ja trocaram", "a ete repare",
      "c est repare", "a ete changee", "a ete change", "починили", "заменили");
WORDS(kFixedCjk, "已经修好", "已经换了", "修好了");
WORDS(kLeakAgain, "again", "started", "still", "de nuevo", "otra vez", "de novo", "encore", "снова", "опять", "right now",
      "getting worse");
WORDS(kLeakAgainCjk, "又", "还在");
// A fire the tenant put out is over, unless it still smokes or burns (or help is still on the way).
WORDS(kStillBurning, "still smells like burning", "still smell burning", "smoke everywhere", "black smoke",
      "on the way", "en camino", "en route", "a caminho", "едут", "still smok*", "still smold*", "still smould*", "still burning", "still hot", "sigue saliendo humo",
      "sigue humeando", "fume encore", "ainda sai fumaca", "ainda fumegando", "еще дымит*", "всё ещё дымит*",
      "smoldering", "smouldering", "getting thicker", "is smoking", "are smoking", "more smoke", "smoke is getting worse");
// "用湿毛巾扑灭了，但是满屋子都是烟": put out, the home still full of smoke
WORDS(kStillBurningCjk, "都是烟", "全是烟", "满是烟", "还在冒烟", "还冒烟", "仲有烟");
WORDS(kFalseAlarmCjk, "话冇漏", "说没有漏", "以为是煤气", "以为煤气", "以为是漏气", "冇事", "冇嘢烧着", "没有东西烧着", "而家冇味", "现在没味", "现在没有味", "虚惊", "没事了", "已经好了", "扑灭了", "一切正常");
WORDS(kActive, "llega hasta la", "llega hasta el", "ha llegado al", "ha llegado a la", "ya llego al", "ja chegou a", "ja chegou ao", "has reached the",
      "arrive jusqu", "дошла до", "дотекла до", "moving across the floor", "across the floor towards", "emptying it every", "a lot more water", "much more water", "going under the wall", "under the wall into", "вздувается", "из под плитки", "from under the tile*", "sous le carrelage", "debajo de las baldosas", "debaixo do piso", "envahit", "envahi", "sort avec force", "sale con fuerza", "sai com forca", "continuously", "constantly", "continuamente", "constantemente", "en continu", "continuellement", "постоянно", "ja enchi", "enchi dois", "ya llene", "llene dos", "filled two", "me llueve", "nos llueve", "llueve adentro", "llueve dentro", "chove dentro", "il pleut dans",
      "chovendo na minha", "chovendo no meu", "chovendo dentro", "chovendo na cozinha", "chovendo no banheiro",
      "chovendo na sala", "chovendo no quarto", "lloviendo en mi", "lloviendo dentro", "raining in my",
      "raining inside", "a crescer", "esta crescendo", "esta creciendo", "se agranda", "s agrandit", "растет", "getting bigger", "keeps growing", "gorge d eau", "a grosses gouttes", "saindo", "steadily", "bucket fills", "fills a bucket", "filling a bucket", "coming thru", "coming through", "comes through", "descendo", "a cair", "caindo", "cayendo", "imensa", "muita agua", "mucha agua", "beaucoup d eau",
      "много воды", "льется", "льет", "pouring", "pours", "poured", "gushing", "gushes", "spraying", "sprays", "spurting",
      "streaming", "cascading", "raining", "everywhere", "spreading", "all over", "coming in",
      "coming through", "coming down", "coming out", "running down", "running from", "running out",
      "comes through", "comes down", "wont stop", "will not stop", "doesnt stop", "not stopping",
      "cant stop", "keeps coming", "keeps leaking", "keeps dripping", "getting worse", "non stop",
      "nonstop", "right now", "soaked", "soaking", "a lot of water", "so much water", "tons of water",
      "buckets", "inches of water", "filling up", "chorro*", "a chorros", "cayendo",
      "no para", "sin parar", "por todos lados", "por todas partes", "empapad*", "mucha agua",
      "sale mucha", "saliendo", "entrando", "coule", "coulent", "a flots", "jaillit", "partout",
      "ne s arrete pas", "sans arret", "trempe*", "beaucoup d eau", "ruisselle", "jorrando",
      "jorra", "escorrendo", "nao para", "sem parar", "todo lado", "toda parte", "encharc*",
      "muita agua", "caindo", "entrando", "льет", "хлещет", "не останавливается", "не прекращается",
      "везде", "по всей", "ручьем", "много воды", "как из ведра", "течет", "бежит", "льется",
      "заливает", "залива*");
// "it stopped raining hours ago": the weather, not water raining from a ceiling
WORDS(kRainOutside, "stopped raining", "raining outside", "it was raining", "when it rains");
// Spraying pesticide or paint is not water spraying.
WORDS(kNotActiveCjk, "喷药", "喷杀虫", "喷漆");
WORDS(kActiveCjk, "水很多", "很多很多", "到房间了", "哗哗", "不停", "止不住", "到处", "涌", "喷", "一直流", "很多水", "大量", "往下流",
      "流下来", "流水", "在流", "直流", "一直漏", "往下滴", "水下来", "漏下来", "滴下来");
WORDS(kFlood, "plafond pleut", "ceiling is raining", "raining from the ceiling", "llueve del techo", "chove do teto", "inonde*", "inondation*", "soaked", "drenched", "squish*", "empapad*", "encharcad*", "flood*", "inund*", "alag*", "затоп*", "потоп*", "submerged", "underwater", "залило всю", "залило все", "залило всё",
      "всё залило", "все залило");
WORDS(kFloodCjk, "淹", "水漫", "泡水");
WORDS(kBurst, "tuyau pete", "tuyau a pete", "conduite pete", "canalisation a cede", "tuyau a cede", "canalisation cede", "cano cedeu", "tubo cedio", "tuberia cedio", "burst*", "broken pipe", "pipe broke", "pipe exploded", "pipe split", "line split", "hose split", "pipe blew",
      "pipe busted", "busted pipe", "revent*", "rebent*", "tuberia rota", "tubo roto", "cano roto", "se rompio el tubo",
      "se rompio la tuberia", "eclate*", "tuyau casse", "canalisation cassee", "estour*", "cano quebrou",
      "cano furado", "rompeu", "прорв*", "лопнул*", "порвал*");
WORDS(kBurstCjk, "管破了", "管子破了", "水管破", "爆", "破裂", "裂开");
// A fire sprinkler head broken or set off: it discharges at full flow until the floor valve is shut.
WORDS(kSprinkler, "sprinkler head broke", "broke the sprinkler", "sprinkler head snapped", "sprinkler is discharging",
      "sprinkler discharging", "discharging full flow", "sprinkler went off", "sprinkler is going off",
      "sprinkler going off", "rociador se rompio", "sprinkler dispar*", "sprinkler a eclate",
      "спринклер сработал", "сработал спринклер");
WORDS(kSprinklerCjk, "喷淋头爆", "喷淋头喷水", "消防喷头喷水");
WORDS(kPipe, "supply line*", "supply hose*", "water line*", "pipe*", "tuberia*", "tubo*", "cano*", "canería", "caneria", "tuyau*", "canalisation*",
      "conduite", "труб*");
WORDS(kPipeCjk, "水管", "管道", "管子");
WORDS(kCeiling, "tecto", "celing", "cieling", "lustre", "ceiling*", "light fixture*", "fixture", "ceiling light", "upstairs", "from above",
      "techo", "lampara", "plafon", "de arriba", "plafond", "plafonnier", "luminaire", "du dessus",
      "teto", "forro", "luminaria", "lustre", "de cima", "потол*", "люстр*", "светильник*", "сверху",
      "соседи сверху");
WORDS(kCeilingCjk, "天花", "天花板", "屋顶", "顶上", "灯", "楼上", "吊顶");
WORDS(kStain, "aureole*", "halo", "ring", "repaired", "reparee", "reparada", "consertad*", "stain*", "mark*", "spot*", "discolor*", "hasnt changed", "not changed", "old", "dried",
      "dry now", "mancha*", "tache*", "manchas", "пятн*", "развод*");
WORDS(kStainCjk, "水渍", "水印", "印子", "黄斑");
WORDS(kFaucet, "faucet*", "tap", "taps", "spigot", "showerhead", "shower head", "grifo*", "llave",
      "canilla", "robinet*", "pommeau", "torneira*", "chuveiro", "кран", "крана", "смесител*", "душ");
WORDS(kFaucetCjk, "水龙头", "龙头", "花洒");
WORDS(kShutoffFail, "arrive pas a fermer l eau", "arrive pas a fermer l arrivee", "arrive pas a couper l eau", "impossible de fermer l eau", "impossible de fermer l arrivee", "cant turn off the water", "cant shut off the water", "cant turn the water off",
      "cant shut the water off", "wont shut off", "cant find the shutoff", "cant find a shutoff",
      "cant find the shut off", "no shutoff",
      "no puedo cerrar la llave", "no puedo cortar el agua", "impossible de couper l eau",
      "nao consigo fechar o registro", "не могу перекрыть", "не перекрывается");

// Sewage
WORDS(kSewage, "sue age", "sore line", "sewge", "sewag", "sewer", "sewage", "septic", "feces", "poop", "excrement", "black water", "aguas negras",
      "aguas residuales", "drenaje", "caca", "excremento*", "cloaca*", "egout*", "eaux usees",
      "excrement*", "matieres fecales", "esgoto*", "fezes", "coco", "канализац*", "фекал*", "нечистот*",
      "говн*", "shite");
WORDS(kSewageCjk, "厕所的脏水", "马桶的脏水", "厕所脏水", "马桶脏水", "污水", "粪", "下水道", "屎");
WORDS(kBackup, "sobe sujeira", "sobe agua suja", "sobe esgoto", "bubbling up", "coming up out of", "coming up from", "out of the drain", "filled up", "giving back", "over the rim", "filled up with", "devolviendo", "rebosando", "rebosa*",
      "fill up with", "fills up with", "filling up with", "fill with", "saindo", "sale", "saliendo", "sort", "выходит", "backing up", "backed up", "back up", "backs up", "backin up", "comin up", "coming up", "came up", "coming out",
      "overflow*", "into the tub", "in the tub", "in the bathtub", "on the floor", "everywhere",
      "through the drain", "se regresa", "regres*", "sale por", "desbord*", "subiendo", "refoul*",
      "remonte*", "deborde*", "voltando", "volta pelo", "volta pela", "voltar pelo", "voltar pela", "voltou pelo",
      "voltou pela", "transbord*", "subindo", "вылива*", "поднима*",
      "из ванн*", "из унитаз*", "лезет", "прет", "заливает", "течет", "на полу", "en el piso",
      "sur le sol", "no chao", "все в");
WORDS(kBackupCjk, "脏水出来了", "地上都是", "倒灌", "反水", "返水", "冒", "溢", "漫", "往上", "全是", "反污水");

// Heat
WORDS(kHeatTerm, "no hay calor", "sin calor", "oil burner", "calorifere*", "fournaise", "heat", "heats been", "heating", "heater", "heaters", "radiator*", "boiler", "furnace", "calefaccion",
      "calefactor*", "radiador*", "caldera", "chauffage", "radiateur*", "chaudiere", "aquecimento",
      "aquecedor*", "calefacao", "caldeira", "отоплени*", "батарея", "батареи", "батарей", "батарею", "батареях", "радиатор*", "котел", "котла");
WORDS(kHeatTermCjk, "暖器", "暖汽", "暖气片", "暖气", "供暖", "取暖", "地暖", "暖炉");
WORDS(kNotHeat, "dryer isnt heating", "dryer not heating", "dryer doesnt heat", "dryer wont heat", "dryer runs but isnt heating", "secadora no calienta", "seche linge ne chauffe", "secadora nao aquece", "el boiler", "del boiler", "water heater*", "hot water heater*", "heat wave", "heatwave", "heat exhaustion",
      "heat stroke", "calentador de agua", "chauffe eau", "aquecedor de agua", "водонагреват*");
WORDS(kHeatOut, "out of fuel", "se fue", "lockout", "showing a fault", "shows a fault", "fault code", "error code", "ne chauffe", "ne chauffent", "chauffe pas", "chauffent pas", "chauffe plus", "marche pu", "marche pus", "pantoute", "не включили", "не включено", "never", "doesnt", "hasnt", "havent", "not on", "not been turned on", "no", "isnt", "wont", "not kicking", "helad*", "gelad*", "glace*", "ледян*", "allume plus",
      "s allume", "ne demarre", "plus", "not working", "doesnt work", "isnt working", "not on", "out", "off", "broken",
      "broke", "dead", "died", "wont turn on", "wont come on", "not coming on", "isnt coming on",
      "stopped", "cold", "not heating", "went out", "quit", "busted", "nothing", "without", "gone",
      "no funciona", "no sirve", "no hay", "sin", "no prende", "no enciende", "no calienta", "se apago",
      "apagad*", "fria", "frio*", "danad*", "roto", "rota", "descompuest*", "ne marche", "ne fonctionne",
      "en panne", "pas de", "plus de", "froid*", "ne chauffe", "coupe", "nao funciona", "nao liga",
      "nao esquenta", "nao aquece", "sem", "parou", "quebrad*", "quebrou", "desligad*", "nao tem",
      "не работает", "не греет", "не греют", "нет", "холодн*", "отключ*", "не включается", "сломал*",
      "не топят", "не топит", "s arrete sans cesse", "s arrete tout le temps", "keeps shutting off",
      "keeps cutting out", "keeps turning off", "se apaga a cada rato", "se apaga solo", "desliga sozinho",
      "постоянно выключается");
WORDS(kHeatOutCjk, "全凉", "凉了", "不热", "没有", "没", "坏", "不工作", "停", "冰冷", "冰凉", "不暖", "不供");
WORDS(kHeatOk, "chauffage est correct", "meme avec le chauffage", "even with the heat on", "even with the heating on", "aun con la calefaccion", "mesmo com o aquecimento", "aquecimento funcionam", "aquecimento esta bom", "aquecimento ta bom", "aquecimento normal", "heat ok", "heat is ok", "heats ok", "heat fine", "calefaccion bien", "la calefaccion bien", "aquecimento tb", "aquecimento tambem", "aquecimento ok", "aquecimento ta ok", "chauffage ok", "working normally", "work normally", "funcionan con normalidad", "funcionan normalmente", "funcionam normalmente", "fonctionnent normalement", "fonctionnent bien", "heating and cold water", "heat and cold water", "calefaccion y el agua fria", "aquecimento e a agua fria", "отопление и холодная вода", "chauffage et l eau froide", "heat works", "heat is fine", "heat is on", "heat is working", "heating is working", "heating is fine",
      "heating is on", "heat are fine", "heat are working", "heat are ok", "et le chauffage aussi",
      "le chauffage aussi", "la calefaccion tambien", "tao normais", "calientita", "calientito", "and the heating on", "and heating on",
      "no es que no haya calefaccion", "o aquecimento tambem", "и отопление тоже",
      "radiators are fine", "radiators are working", "radiators are hot", "radiator is fine", "estao normais",
      "estan normales", "heater works", "coming on",
      "comes on", "came on", "kicks on", "cycling", "still on", "works fine", "works but", "but works", "noisy",
      "loud", "noise", "banging", "clanking", "knocking", "hissing",
      "heating works", "radiator works", "but works", "still works", "still heats", "funciona bien",
      "marche bien", "fonctionne bien", "funciona bem", "работает нормально", "calefaccion funciona",
      "chauffage fonctionne", "chauffage marche", "aquecimento funciona", "aquecimento esta funcionando",
      "heat and hot water work", "heat working", "heating working", "heat deh pon", "it warm again",
      "calefaccion va bien", "radiateurs chauffent", "aquecimento ta funcionando", "отопление работает", "calefaccion si funciona", "calefaccion si",
      "chauffage fonctionnent", "chauffage marchent", "turned the heat on", "turned on the heat", "turned the heating on",
      "turned on the heating", "eau froide et le chauffage", "house is warm", "house is nice and warm",
      "apartment is warm", "flat is warm", "casa ta quentinha", "casa esta quentinha", "casa ta quente", "la maison est chaude",
      "l appartement est chaud", "в квартире тепло", "chauffe bien", "aquecimento esta a funcionar", "батареи теплые",
      "батареи горячие", "батареи греют", "its back on", "back on now", "came back on", "is back on");
WORDS(kOverheat, "nao desliga", "no se apaga", "ne s eteint pas", "не выключается", "too hot", "wont turn off", "cant turn off", "stuck on", "too much heat", "overheat*",
      "always on", "wont shut off", "demasiado calor", "trop chaud", "muito quente", "слишком жарко",
      "очень жарко", "не выключается");
WORDS(kMild, "were fine", "we re fine", "we are fine", "mild", "warm out", "warm outside", "not cold", "not that cold", "fine for now", "nice out",
      "warm this week", "warm today", "doux", "templado", "hace calor", "no hace frio", "nao esta frio",
      "calor la fora", "тепло на улице", "на улице тепло", "не холодно", "bonito afuera", "lindo afuera",
      "il fait beau", "fait beau dehors", "tempo bom", "bom tempo");
WORDS(kMildCjk, "不冷", "暖和");
WORDS(kCold, "freezing", "so cold", "very cold", "ice cold", "frigid", "cant get warm", "see my breath",
      "see our breath", "frozen", "congelando", "helando", "mucho frio", "gele*", "glacial",
      "tres froid", "congelando", "muito frio", "гелада", "мерзн*", "замерза*", "очень холодно",
      "холодина", "дубак", "frio tremendo", "frio terrible", "frio horrible", "froid terrible", "froid de canard",
      "frio de rachar");
WORDS(kColdCjk, "很冷", "冻", "冷死", "好冷", "太冷");
WORDS(kPartial, "recamara", "kitchen", "bathroom", "living room", "hallway", "one outlet", "outlets in", "cocina", "bano", "microwave",
      "cuisine", "salle de bain", "cozinha", "banheiro", "кухн*", "ванн*", "one room", "one radiator", "a radiator", "one of the radiator*", "bedroom",
      "some of", "part of", "half", "only one", "a few", "un cuarto", "una habitacion",
      "la mitad", "algunos", "une piece", "la moitie", "un radiateur", "metade",
      "um comodo", "um quarto", "algumas", "половин*", "в одной", "одна батарея",
      "одной комнате");
WORDS(kPartialCjk, "一个插座", "其他都正常", "厨房", "卫生间", "浴室", "一半", "一个房间", "部分", "卧室");

// Cooling
WORDS(kAcTerm, "chiller", "air", "ac unit", "window unit", "central ac", "heat pump", "cooling system", "кондей", "ac", "a c", "air conditioning", "air conditioner*", "aircon", "air con", "cooling",
      "central air", "aire acondicionado", "aire", "clima", "minisplit", "mini split", "clim",
      "climatisation", "climatiseur*", "ar condicionado", "ar", "кондиционер*", "сплит*");
WORDS(kAcTermCjk, "空调", "冷气");

// No water
WORDS(kNoWater, "taps have been dry", "taps have gone dry", "нет вода", "нет вод", "pas l eau depuis", "y a pas l eau", "ya pas l eau", "rien dans robinet", "rien dans le robinet", "robinet rien", "douche rien", "grifo nada", "no agua en mi", "no agua en la", "no agua en el", "coughs air", "just air", "only air", "solo aire", "puro aire", "ruido como de aire", "ruido de aire", "bruit d air", "rien ne sort", "robinets sont secs", "coule plus du tout", "l eau coule plus", "so faz um chiado", "so sai ar", "no sale nada", "dont have any running water", "dont have running water", "dont have any water", "no agua at all", "tanque del bano esta vacio", "caixa da descarga ficou vazia", "se remplissent plus", "waters off", "waters completely off", "water completely off", "waters out", "pu une goutte", "pus une goutte", "pus d eau", "sem uma gota", "sin una gota", "faucet nothing", "shower nothing", "tap nothing", "no water anywhere in", "and then nothing", "then nothing", "pu d eau", "plus d eau", "taps dry", "taps are dry", "taps is dry", "nae watter", "nae water",
      "zero water pressure", "zero water", "not even a drip", "nothing comes out", "nothing came out", "spit air", "spitting air", "spits air", "sputtering air", "ni una gota", "plus une goutte", "water is out", "water out", "water has been out", "not a drop", "nothing from the tap*",
      "nothing from the faucet*", "nothing out of the tap*", "nothing out of the faucet*", "faucets are dry",
      "zero water", "cut off our water", "shut off our water", "water got cut", "no sale nada de agua",
      "agua no sale", "sin servicio de agua", "se corto el agua", "pas une goutte", "robinets a sec",
      "l eau est coupee", "eau ne sort plus", "n a plus d eau", "nao sai nada", "a agua acabou",
      "torneira seca", "torneiras secas", "воды совсем нет", "ничего не идет",
      "кран сухой", "no water", "no running water", "water is off", "water was shut off", "water shut off",
      "water got shut off", "water is shut off", "water has been off", "water turned off",
      "nothing comes out", "nothing coming out", "water isnt coming out", "no water coming out",
      "taps are dry", "without water", "water stopped", "lost water", "no hay agua", "sin agua",
      "no sale agua", "no tenemos agua", "nada de agua", "cortaron el agua", "se fue el agua", "nos quitaron el agua",
      "pas d eau", "plus d eau", "l eau ne coule", "coupure d eau", "eau coupee", "sans eau",
      "sem agua", "nao tem agua", "nao sai agua", "falta d agua", "falta de agua", "acabou a agua",
      "cortaram a agua", "нет воды", "воды нет", "не идет вода", "вода не идет", "отключили воду",
      "воду отключили", "нету воды", "без воды", "не течет вода", "вода не течет");
WORDS(kNoWaterCjk, "一点水都没有", "一点水也没有", "冇水", "冇晒水", "水喉冇水", "水停了", "没有自来水", "龙头不出水", "水龙头没水", "没有 water", "没有water", "一滴水都", "一滴水也", "没有一滴水", "没一滴水", "停水", "没水", "没有水", "不出水", "断水", "没自来水");
WORDS(kHotWord, "hot", "caliente", "chaude", "quente", "горяч*", "hot water", "agua caliente",
      "eau chaude", "agua quente");
WORDS(kHotWordCjk, "热水");
WORDS(kDirtyWater, "sai castanha", "agua castanha", "sai marrom", "sai suja", "sai amarela", "sale cafe", "sale marron", "sale sucia", "sale amarilla", "sort marron", "sort brune", "coule marron", "coule brune", "comes out brown", "coming out brown", "runs brown", "running brown", "brown water", "dirty water", "rusty water", "black water", "muddy water",
      "agua sucia", "agua marron", "agua cafe", "eau sale", "eau marron", "eau brune", "agua suja",
      "agua marrom", "грязная вода", "ржавая вода", "коричневая вода");
WORDS(kDirtyWaterCjk, "水全部黄", "水都是黄", "水是黄色", "水好黄", "水变黄", "出黄水", "黄色的水", "黄水", "脏水", "浑水", "锈水", "泥水", "黄泥", "泥色", "水是黑色", "黑色的水", "黑水");
WORDS(kWhole, "no lights or outlets anywhere", "no lights anywhere", "no power anywhere", "whole", "entire", "hale flat", "hale hoose", "hale house", "all the", "every", "everything", "everywhere", "todo el", "toda la",
      "todos los", "todas las", "tout l", "toute la", "tous les", "toutes les", "partout", "todo o",
      "toda a", "todos os", "todas as", "весь", "вся", "всей", "во всей", "все", "всех");
WORDS(kWholeCjk, "整间", "整套", "整个", "全部", "所有", "全屋", "全家", "整栋", "整幢", "全栋", "整座楼", "成间屋");

// Power
WORDS(kPowerOut, "everything just went out", "lights and plugs went out", "current is not coming", "current not coming", "all switch not working", "all switches not working", "nawalan ng kuryente", "walang kuryente", "nothing works in my unit", "nothing works in the unit", "nothing works in my apartment", "nothing works in my place", "everything is out", "everythings out", "everything went out", "plus de jus", "pas de jus", "y a plus de jus", "current gone", "current gaan", "current off",
      "current is off", "current went", "no lights or outlets", "no lights anywhere", "no power anywhere",
      "pwr out", "pwr is out", "no pwr", "pwr cut", "pwr went out", "tout s est eteint", "rien ne s allume", "se apago todo", "todo se apago", "apagou tudo", "tudo apagou", "все погасло", "все вырубилось", "все выключилось", "все отключилось", "tout est coupe", "everything is dead", "apartment is dead", "loses all power", "lost all power", "all power",
      "no power anywhere", "se ha ido la luz", "se fue la luz", "estamos a oscuras", "nos quedamos sin luz",
      "courant est parti", "plus de courant", "on est dans le noir", "ficamos no escuro", "faltou luz", "nothing electrical", "nothing electric", "nothing works anywhere", "nothing turns on", "all the outlets", "all outlets", "outlets are dead",
      "lights and outlets", "outlets and lights", "went black", "no power",
      "luz acabou", "energia acabou", "caiu a luz", "luz se fue", "no lights", "lights dont work", "no electricity", "power is out", "power went out", "power is off",
      "power out", "power outage", "lost power", "lost electricity", "blackout", "lights went out",
      "lights are out", "no lights", "everything is dark", "power is gone", "power cut", "power died",
      "electricity is out", "electricity went out", "without power", "without electricity",
      "se fue la luz", "no hay luz", "sin luz", "sin electricidad", "no hay electricidad",
      "no hay corriente", "se corto la luz", "apagon", "nos quedamos sin luz", "no tenemos luz",
      "pas d electricite", "plus d electricite", "pas de courant", "plus de courant",
      "panne de courant", "panne d electricite", "coupure de courant", "coupure d electricite",
      "plus de lumiere", "sans electricite", "sans courant", "sem luz", "sem energia", "acabou a luz",
      "faltou luz", "falta de luz", "sem eletricidade", "caiu a energia", "queda de energia", "apagao",
      "acabou a energia", "нет света", "нет электричества", "пропал свет", "отключили свет",
      "свет отключили", "света нет", "электричества нет", "вырубило свет", "отключилось электричество",
      "нету света", "без света", "пропало электричество", "погас свет");
WORDS(kPowerTerm, "power", "electricity", "electric", "luz", "electricidad", "corriente", "energia",
      "electricidade", "eletricidade", "courant", "electricite", "свет", "света", "электричество",
      "электричества", "электроэнергии");
WORDS(kPowerTermCjk, "电力", "供电");
WORDS(kPowerState, "out", "zero", "pu", "nulle part", "plus du tout", "parti", "ido", "off", "gone", "dead", "cut", "down", "lost", "went out", "no", "none", "keeps going out", "perdida", "perda", "went aff", "gone aff",
      "se fue", "se corto", "corto", "cortaron", "no hay", "sin", "acabou", "caiu", "cortaram", "sem", "faltou", "coupe*",
      "plus de", "pas de", "en panne", "нет", "пропал*", "отключил*", "вырубил*", "погас", "нету");
WORDS(kPowerOutCjk, "跳电", "冇晒电", "冇电", "停电", "没电", "断电", "没有电", "跳闸了全", "电都没有", "电都没了", "家都黑了",
      "屋里都黑了", "家里全黑");
// The area dark by the tenant's account: an outage of the utility, settled (the model asks).
WORDS(kAreaDark, "in all area", "all the area", "whole estate", "across the whole", "entire block", "our block", "whole block", "whole street", "whole neighborhood", "whole neighbourhood", "entire neighbourhood", "rolling outage*",
      "whole road", "our whole road", "entire area",
      "whole area", "neighbors are out too", "neighbors dont have power", "todo el barrio", "toda la cuadra",
      "toda la calle", "tout le quartier", "toute la rue", "bairro todo", "bairro inteiro", "toda a rua", "весь район",
      "всей улице", "во всем районе", "во всем квартале", "toda la colonia", "toda la zona", "todo o bairro",
      "todo o quarteirao", "по всему району", "всю улицу", "e na rua", "na rua toda", "a rua toda", "rua inteira",
      "all the street", "rua toda", "весь поселок", "во всем поселке", "весь микрорайон", "во всем микрорайоне", "toda la urbanizacion", "todo el sector", "tout le secteur", "todo o setor", "luz do bairro",
      "luz del barrio");
WORDS(kAreaDarkCjk, "成区", "一整区", "这一整区", "整区都停电", "台电", "小区停电", "小区都停电", "成条街", "整个小区", "整条街", "附近都", "整个街区", "全区", "成个区", "整个社区",
      "社区都停电", "全社区", "屋苑停电", "成个屋苑", "区内电缆");
// The area lit, or the utility saying the outage is not theirs: the home alone is dark.
WORDS(kAreaLit, "no outage", "not an outage", "no reported outage", "no outages", "not on their end", "not on their side",
      "their side is fine", "only ones dark", "only ones out", "only ones without", "only house dark",
      "only home dark", "only unit dark", "у них все в порядке", "has lights", "have lights", "has power", "have power", "buildings problem",
      "problema del edificio", "probleme de l immeuble", "problema do predio", "no es de la compania",
      // ("a luz do bairro voltou mas aqui em casa continua sem luz": the home is still dark)
      "still has no power", "still no power", "still dark", "continua sem luz", "sigue sin luz",
      "todavia sin luz", "toujours sans courant", "toujours pas de courant", "до сих пор нет света",
      "все еще нет света",
      // "a rua toda tem luz, o corredor tem luz", "l'aile droite a du courant... aucune panne dans le
      // quartier", "ConEd said their side looks fine"
      "tem luz", "tiene luz", "tienen luz", "a du courant", "ont du courant", "has light", "have light",
      "aucune panne", "pas de panne", "ninguna averia", "nenhuma falha", "no hay apagon", "есть свет",
      "side looks fine");
WORDS(kAreaLitCjk, "不是小区停电", "不是整个小区", "都有电", "没有outage", "没有停电", "building的问题", "大楼的问题", "楼里的问题");
// The building dark and the ones around it lit: the building's supply, every home in it dark (a
// hallway's emergency lights are not the home's power).
WORDS(kBuildingOnlyDark, "just in our building", "only in our building", "just our building", "only our building",
      "buildings on both sides", "building next door has", "other buildings have", "solo nuestro edificio",
      "solo en nuestro edificio", "so o nosso predio", "so no nosso predio", "seulement notre immeuble",
      "que notre immeuble", "только наш дом", "только в нашем доме");
WORDS(kBuildingOnlyDarkCjk, "只有我们楼", "只有我们这栋", "只有我哋栋楼");
// The utility or a vaguer area named: an outage of the utility too, but not settled (the same words
// come with "the utility says it's not on their side").
WORDS(kUtility, "the neighborhood", "con ed outage", "utility outage", "compania de luz", "en la colonia",
      "todo el sector", "no bairro", "dans le quartier", "tout le secteur", "всем районе", "всём квартале",
      "подстанци*");
WORDS(kUtilityCjk, "成个小区", "整片", "电力公司维修");
WORDS(kMedicalEquip, "traqueostom*", "tracheostom*", "трахеостом*", "aspirador eletrico", "suction machine", "hemodialys*", "hemodialis*", "гемодиализ*", "oxygen", "oxygen concentrator", "cpap", "bipap", "ventilator", "respirator",
      "dialysis", "nebulizer", "medical equipment", "medical device", "life support", "feeding pump",
      "power wheelchair", "electric wheelchair", "pulse ox", "pulse oximeter", "apnea monitor", "suction machine",
      "infusion pump", "home ventilator", "oxigeno", "concentrador", "dialisis", "nebulizador",
      "equipo medico", "respirador", "oxygene", "dialyse", "nebuliseur", "appareil medical",
      "respirateur", "oxigenio", "dialise", "aparelho medico", "кислород*", "концентратор*",
      "диализ*", "небулайзер*", "ивл", "аппарат для дыхания");
WORDS(kMedicalEquipCjk, "呼吸器", "氧气", "制氧机", "呼吸机", "透析", "雾化器", "医疗设备");

// Entry security
WORDS(kBreakIn, "stole my keys", "keys were stolen", "keys got stolen", "someone has my keys",
      "robaron mis llaves", "robaron las llaves", "vole mes cles", "roubaram minhas chaves", "roubaram as chaves",
      "украли ключи", "protective order", "restraining order", "let himself in", "let herself in", "orden de proteccion",
      "orden de alejamiento", "medida protetiva", "ordonnance de protection", "break in", "broke in", "broken into", "burglar*", "intruder*", "someone got in",
      "someone came in", "robbed", "kicked in", "forced open", "forced the door", "forced in", "pried",
      "se metieron", "entraron a robar", "nos robaron", "forzaron", "ladron*", "cambriol*", "effraction",
      "force la porte", "forcee", "arromb*", "invadiram", "assalt*", "forcaram", "ladrao", "взлом*",
      "вскрыли", "пытался вскрыть", "пытались вскрыть", "выбили дверь", "проникли", "ограб*", "воры", "entrou gente estranha", "entraram estranhos",
      "strangers got in", "strangers came in");
WORDS(kBreakInCjk, "钥匙被偷", "闯入", "撬", "被盗", "小偷", "入室", "门被人踹开", "门被踹开", "把门踹开");
WORDS(kDoor, "portao", "porton", "door", "doors", "front door", "entry door", "gate", "puerta", "porte", "porta", "дверь",
      "двери", "дверью", "дверной");
WORDS(kDoorCjk, "门");
WORDS(kLock, "lock", "locks", "deadbolt", "latch", "cerradura", "cerrojo", "chapa", "pestillo", "serrure",
      "verrou", "fechadura", "trinco", "tranca", "замок", "замка", "замки", "задвижк*");
WORDS(kLockCjk, "锁");
WORDS(kInsecure, "nao esta trancando", "nao estao trancando", "nao trancam", "anyone can climb through", "can climb through", "climb in through", "porta fica aberta", "puerta queda abierta", "porte reste ouverte", "qualquer pessoa entra", "qualquer um entra", "cualquiera puede entrar", "n importe qui peut entrer", "n importe qui entre", "anyone can walk in", "anyone can just walk in", "кто угодно может зайти", "любой может зайти", "n tranca", "nao tranca mais", "fica aberta direto", "fica aberto direto", "no traba", "gira en falso", "gira em falso", "tourne dans le vide", "tourne a vide", "прокручивается", "spins freely", "just spins", "cant be secured", "cannot be secured", "can t be secured", "hanging open", "wandering in", "walk right in", "hasnt latched", "lock does nothing", "se puede meter", "opens if you", "opens by itself", "peux pas barrer", "pas barrer", "barre plus", "barre pas",
      "no agarra", "se quedo abierta", "ne se verrouille", "fell out", "strike plate",
      "qualquer um entra", "qualquer um pode entrar", "cualquiera puede entrar", "n importe qui peut entrer",
      "anyone can come in", "cant catch", "wont catch", "deadbolt snapped", "bolt snapped", "lock snapped", "door snapped", "does not lock", "will not latch", "split", "splintered", "fractur*", "fell off", "wont stay shut", "wont stay closed",
      "doesnt stay shut", "cant be closed", "was picked", "выломал*", "выломан*", "закрыть нельзя", "нельзя закрыть",
      "plus de porte du tout", "il n y a plus de porte", "no hay puerta", "nao tem mais porta", "doesnt latch", "wont latch", "swings open", "anyone can walk in", "anyone can get in",
      "wont lock", "cant lock", "doesnt lock", "wont close", "cant close", "doesnt close",
      "wont shut", "will not lock", "will not close", "not locking", "not closing", "broken", "broke",
      "busted", "smashed", "shattered", "kicked", "off the hinges", "hanging off", "wide open",
      "cant secure", "not secure", "unsecured", "cant be locked", "no cierra", "no se cierra",
      "no tranca", "roto", "rota", "rompieron", "rompio", "quebrad*", "forzad*", "no tiene seguro",
      "no puedo cerrar", "ne ferme", "ne se ferme", "ne verrouille", "cass*", "defonce*", "force", "forcee",
      "forcees", "forces",
      "nao fecha", "nao tranca", "quebr*", "arrombad*", "nao consigo trancar", "nao consigo fechar",
      "не закрывается", "не запирается", "сломан*", "сломал*", "выбит*", "не закрыть", "не закрывают");
WORDS(kInsecureCjk, "没办法锁", "没法锁", "关唔到", "关唔埋", "关唔上", "锁唔到", "锁唔上", "闩唔埋", "一拉就开", "一推就开", "一拉就開", "一推就開", "谁都能进", "谁都可以进", "关不上", "锁不上", "坏了", "坏", "撬坏", "锁不了", "被撬", "扣不上", "门自己会开");
WORDS(kInterior, "toilet door", "staff toilet", "restroom", "stairwell", "coupe feu", "fire door", "bedroom", "bathroom", "closet", "cabinet*", "cupboard*", "shower", "oven", "fridge",
      "freezer", "dishwasher", "washer", "dryer", "microwave", "mailbox", "mail box", "storage",
      "screen door", "pantry", "garage", "kitchen door", "package room", "parking lot", "pool gate", "mail room",
      "trash room", "bike room", "laundry room", "armario", "gabinete", "alacena", "ducha",
      "horno", "nevera", "buzon", "bano", "cuarto", "placard", "chambre", "salle de bain", "four",
      "frigo", "boite aux lettres", "armoire", "box", "forno", "geladeira", "banheiro", "quarto",
      "caixa de correio", "шкаф*", "ванн*", "спальн*", "почтов*", "духовк*", "холодильник*", "туалет*", "refri",
      "refrigerador", "refrigerator", "heladera", "congelador", "corta fogo", "porta da escada", "a da escada");
WORDS(kInteriorCjk, "消防栓", "箱门", "纱门", "紗门", "垃圾道", "小门", "门禁", "对讲", "门铃", "垃圾房", "车库", "柜", "卧室", "浴室", "衣柜", "信箱", "冰箱", "卫生间", "厕所");
WORDS(kWindow, "window*", "ventana*", "fenetre*", "vitre", "janela*", "vidro", "окн*", "окно", "стекло");
WORDS(kWindowCjk, "窗");
WORDS(kWindowBroken, "hole", "big hole", "agujero", "trou", "buraco", "дыр*", "quebr*", "broken", "broke", "shattered", "smashed", "busted", "rota", "roto", "rompio",
      "rompieron", "quebrad*", "cassee", "casse", "brisee", "quebrou", "quebrado", "quebrada",
      "разбит*", "разбили", "выбит*");
WORDS(kWindowBrokenCjk, "打烂", "冇晒", "碎", "破", "砸", "穿了", "洞");
// A window screen with a hole is not broken glass.
WORDS(kScreen, "screen", "screens", "mosquitera", "moustiquaire", "tela", "сетк*");
WORDS(kScreenCjk, "纱窗");
WORDS(kAccessible, "rdc", "n importe qui", "anyone could get in", "anyone can get in", "cualquiera puede entrar", "qualquer um pode entrar", "reach in", "reach through", "flip the latch", "se puede meter", "любой может", "anyone can", "someone tried", "tried to climb", "climb*", "залезть",
      "ground floor", "first floor", "street level", "basement", "garden level",
      "someone could", "anyone could", "climb in", "fire escape", "rez de jardin", "rez de chaussee", "planta baja", "primer piso", "rez de chaussee", "terreo", "первом этаже",
      "первый этаж");
WORDS(kAccessibleCjk, "地下嗰", "地下那", "住地下", "一楼", "底楼", "一层", "地下室");

// Elevator
WORDS(kElevator, "otis", "dian ti", "dianti", "asensor*", "assenseur*", "elevator*", "elevater*", "lift", "ascensor*", "elevador*", "ascenseur*", "лифт*");
WORDS(kElevatorCjk, "电梯", "𨋢", "升降机");
WORDS(kTrappedPerson, "крики", "кричат", "стучат изнутри", "gritos", "des cris", "gritaria", "banging from inside", "trapped", "atrapad*", "encerrad*", "preso", "presa", "presos", "presas", "coince*",
      "enferme*", "застрял*", "застряли", "застряв*", "заперт*", "with me in it", "with us in it",
      "of us inside", "people inside", "someone inside", "somebody inside", "adentro", "dentro", "inside", "dedans", "я внутри", "мы внутри", "он внутри", "она внутри", "люди внутри",
      "человек внутри", "кто то внутри",
      "yelling for help", "screaming for help", "calling for help", "shouting for help", "crying for help",
      "pidiendo ayuda", "pide ayuda", "grita pidiendo", "appelle a l aide", "crie a l aide", "pedindo socorro",
      "gritando por socorro", "zai li mian", "zai limian", "kun zai", "guan zai", "зовет на помощь", "зовут на помощь", "кричит о помощи");
WORDS(kTrappedPersonCjk, "困", "关在", "呼救", "喊救命", "叫救命");
WORDS(kTrapped, "pris dans l ascenseur", "prise dans l ascenseur", "pris dedans", "prise dedans",
      "on est pris", "sont pris", "suis pris", "suis prise", "sommes pris", "est pris dans", "est prise dans", "лифт стоит", "лифт стоять", "лифт встал",
      "pris entre", "prise entre", "s est arrete", "arrete net", "se detuvo", "se paro", "остановился", "pogne", "pognee", "pognes", "stuck", "doors wont open", "door wont open", "wont open", "stopped with", "cant get out", "between floors", "locked in", "shut in",
      "atrapad*", "atorad*", "trabad*", "encerrad*", "entre pisos", "entre el piso", "quedo atrapad*", "coince*", "bloque*",
      "enferme*", "entre deux etages", "entre les etages", "preso", "presa", "presos", "presas",
      "entre andares", "travad*", "застрял*", "застряв*", "заперт*", "между этажами",
      "не могут выйти", "не может выйти", "ka zhu", "kun zhu", "men da bu kai", "chu bu lai");
WORDS(kTrappedCjk, "困咗", "困",  "卡在", "关在", "出不来", "卡住");
WORDS(kPerson, "esposo", "esposa", "marido", "mari", "femme", "wife", "husband", "boy", "girl", "baby",
      "mom", "dad", "resident*", "tenant*", "someone", "somebody", "person", "people", "inside", "in it", "in there", "in the elevator",
      "in the lift", "my son", "my daughter", "kid", "kids", "child", "children", "neighbor*", "neighbour*",
      "my mom", "my mother", "my dad", "my father", "my wife", "my husband", "grandma", "grandpa",
      "woman", "man", "lady", "guy", "were", "we are", "im", "i am", "i m", "us", "me", "he", "she",
      "they", "alguien", "persona*", "gente", "adentro", "dentro", "mi hijo", "mi hija", "vecin*",
      "estamos", "estoy", "mi mama", "quelqu un", "personne*", "gens", "a l interieur", "dedans",
      "voisin*", "nous", "je suis", "mon fils", "ma fille", "alguem", "pessoa*", "dentro", "vizinh*",
      "meu filho", "minha filha", "estou", "estamos", "кто то", "человек", "люди", "внутри", "сосед*",
      "мы", "я", "ребенок", "сын", "дочь", "мама", "zai li mian", "wo ma", "wo ba", "you ren");
WORDS(kPersonCjk, "有人", "人", "我", "里面", "邻居", "孩子");

// Structure
WORDS(kStructElem, "facade*", "fachada*", "фасад*", "ceilin", "sealing", "stoop", "stairwell", "step", "brick", "bricks", "building", "лестничн*", "пролет*", "плита балкона", "ceiling", "wall", "walls", "stairs", "staircase", "stairway", "steps", "balcony",
      "floor", "roof", "porch", "deck", "beam", "joist", "fire escape", "railing", "techo", "pared",
      "muro", "escalera*", "balcon", "piso", "suelo", "viga", "plafond", "mur", "escalier*", "plancher",
      "toit", "poutre", "teto", "tecto", "forro", "parede", "escada*", "varanda", "sacada", "chao", "telhado",
      "потол*", "стен*", "лестниц*", "балкон*", "пол", "крыш*", "перекрыт*", "ступен*");
WORDS(kStructElemCjk, "外墙", "天花", "露台", "石屎", "天花板", "墙", "楼梯", "阳台", "地板", "屋顶", "房顶", "台阶", "吊顶");
WORDS(kCollapse, "se va a caer", "va a caer", "fait un ventre", "gros ventre", "descend a vue d oeil", "abombad*", "abaula*", "cairam bocados", "bocados de estuque", "venha abaixo", "vir abaixo", "soltando da parede", "se soltando", "balanca quando", "panzon", "panzona", "panza", "barriga", "belly", "inflado", "inflada", "s ecarte", "s ecartent", "pieces are falling", "pieces falling", "caen pedazos", "pedazos caen", "decroch*", "est tombee", "sont tombees", "sont tombes", "bulge", "starting to fall", "sinks when", "sinks under", "separated from",
      "despencou", "despencando", "despencar", "despencaram", "despencado", "despencada", "tilts", "move when", "step broke", "broke through", "abana toda", "estrutura abana", "came down on", "gap opening", "trampoline", "bouncy", "висит", "сыпались", "сыплется",
      "se ve la varilla", "cayendo pedazos", "a cair", "cair bocados", "giving way", "descola*", "despeg*", "desprend*", "decoll*", "отход*", "отошел",
      "отошла", "mexe quando", "se mueve cuando", "bouge quand", "шатается", "dropped", "sank", "sunk", "split",
      "tree fell on", "tree on the", "tree came down", "pulling away", "pulled away", "separating", "coming apart", "detach*",
      "sways", "swaying", "dips", "sinking", "сыпется", "провис*", "collaps*", "caved in", "cave in", "caving in", "fell in", "fell down", "came down",
      "fell", "falling down", "falling in", "gave way", "gave out", "about to fall",
      "coming down", "sagging", "buckling", "bulging", "gave in", "fall through", "fell through",
      "se cayo", "se vino abajo", "derrumb*", "colaps*", "se hundio", "hundi*", "se esta cayendo",
      "a punto de caer", "cedio", "effondr*", "ecroul*", "est tombe", "affaiss*", "va tomber",
      "tombe", "tomber", "vient de tomber", "fait un ventre", "прогнул*", "pulling off", "pulled off",
      "shift when", "shifts when", "moves when", "desab*", "caiu", "ruiu", "ruindo", "cedendo", "cedeu", "afund*", "vai cair",
      "esta caindo", "обрушил*", "обвал*", "рухнул*", "упал", "упала", "упало", "провалил*",
      "проседает", "просел*", "вот вот упадет", "падает", "tilting", "tilted", "bowing", "bowed",
      "keep falling", "keeps falling", "falling off", "falling from", "penche", "s incline", "inclin*",
      "se ladea", "накренил*", "кренится", "наклонил*", "падают", "inclinad*", "рухнет",
      "fall down");
WORDS(kCollapseCjk, "往下鼓", "掉石膏", "石膏块", "跌咗落", "跌落", "钢筋", "鋼筋", "压在", "吹倒", "砸在", "塌", "倒塌", "掉下来", "塌陷", "坍塌", "垮", "掉下",
      "下沉", "往下沉", "倾斜", "歪了", "下垂", "晃得厉害", "往下斜", "往外斜", "踩上去会晃", "踩上去晃", "一踩就晃",
      "在晃", "洋灰块");
WORDS(kFellPerson, "almost fell", "nearly fell", "casi se cae", "casi me caigo", "failli tomber", "quase caiu",
      "i fell", "he fell", "she fell", "we fell", "they fell", "slipped", "tripped",
      "me cai", "se cayo mi", "je suis tombe", "eu cai", "я упал", "я упала");
// Floor and wall coverings: loose or lifting tiles and laminate are flooring, a floor that sinks is not.
WORDS(kTile, "ламинат*", "паркет*", "laminate", "tile", "tiles", "tuile*", "latte", "lattes", "board", "boards", "loseta*", "baldosa*", "azulejo*",
      "carreau*", "carrelage", "ladrilho*", "piso ceramico", "plitk*", "плитк*", "laminate", "laminado", "parquet",
      "ламинат*", "паркет*", "планк*");
WORDS(kTileCjk, "瓷砖", "地砖");
WORDS(kPaint, "wallpaper", "papel tapiz", "papier peint", "papel de parede", "обои", "air bubble", "paint", "peeling", "flak*", "chips", "pintura", "peinture", "tinta", "краск*", "побелк*", "отслаива*", "облуп*",
      "штукатурк*");
WORDS(kPaintCjk, "油漆", "墙皮", "漆");
WORDS(kSturdy, "sturdy", "solid", "firm", "stable", "not shaking", "doesnt move", "крепк*", "не шатается",
      "firme", "solide", "estavel", "stable");
WORDS(kPiece, "piece", "chunk", "bit", "pedazo", "trozo", "morceau", "pedaco", "кусок", "куски", "pedacito", "pedacinho",
      "petit morceau", "small piece", "little piece", "кусоч*");
WORDS(kCrack, "racha", "rachas", "rachou", "fenda*", "cuarte*", "crack*", "grieta*", "fissure*", "rachadura*", "trinca*", "трещин*");
WORDS(kCrackCjk, "裂");
WORDS(kCrackWorse, "fit a coin", "fit a finger", "fit my finger", "cabe un dedo", "cabe um dedo", "passer un doigt", "палец пролезает", "ha crecido", "crecido", "cresceu", "crescido", "a grandi", "getting longer", "a crescer", "de lado a lado", "прогнул*", "шире", "провис*", "расшир*", "за ночь", "sagging", "bulging", "getting bigger", "getting wider", "widening", "spreading",
      "growing", "shifting", "moving", "leaning", "cada vez mas grande", "s agrandit",
      "cada vez maior", "a aumentar", "растет", "расширяется", "elargit", "s elargit", "agrandit", "se agranda", "mas ancha",
      "mas grande", "esta creciendo", "aumentando", "aumentou", "ficou maior", "mais larga", "alarg*", "ensanch*",
      "увеличил*", "увеличивается", "opened up", "opening up");
WORDS(kCrackWorseCjk, "变宽", "变大", "越来越大", "越来越宽", "越嚟越", "加宽", "扩大");
// The building moving: doors or windows that stopped closing next to a crack.
WORDS(kStuckDoors, "door started sticking", "started sticking", "doors started sticking", "door is sticking", "doors dont close", "doors wont close", "doors stopped closing", "door doesnt close",
      "door wont close", "door stopped closing", "doors dont shut", "doors wont shut", "doors stick", "door sticks",
      "no cierran", "no cierra", "dejaron de cerrar", "ne ferment plus", "ne ferme plus", "ferment plus",
      "nao fecham", "nao fecha", "pararam de fechar", "parou de fechar", "не закрываются", "не закрывается",
      "перестали закрываться", "перестала закрываться");
WORDS(kStuckDoorsCjk, "关不上", "关唔埋", "门关不", "关不了");
// Toilets, water on the floor, water spreading (a running toilet against an overflowing one).
WORDS(kToilet, "autoclismo", "toilet*", "inodoro", "excusado", "escusado", "wc", "toilettes", "chasse", "privada",
      "vaso", "descarga", "унитаз*", "бачок");
WORDS(kToiletCjk, "马桶", "水箱");
WORDS(kOnFloor, "floor", "overflow*", "piso", "suelo", "sol", "chao", "пол*", "desbord*", "deborde*", "transbord*");
WORDS(kOnFloorCjk, "地上", "溢");
WORDS(kSpread, "everywhere", "all over", "partout", "por todos lados", "por todas partes", "todo lado", "toda parte",
      "везде", "по всей");
WORDS(kSpreadCjk, "到处");

// Medical
WORDS(kFridge, "ref", "fridge", "refrigerator", "refridgerator", "freezer", "nevera", "refrigerador*", "refri",
      "frigorifico", "frigidaire", "frigider", "heladera",
      "heladera", "frigo", "refrigerateur", "congelateur", "geladeira", "холодильник*", "морозилк*");
WORDS(kFridgeCjk, "冰箱", "雪柜");
WORDS(kMedicine, "insulin", "insulin pen*", "novolog", "humalog", "lantus", "tresiba", "levemir", "novorapid",
      "ozempic", "medicine*", "medication*", "meds", "epipen", "vaccine*", "insulina",
      "medicina*", "medicamento*", "remedio*", "medicament*", "vaccin*", "insuline", "лекарств*",
      "инсулин*", "препарат*");
WORDS(kMedicineCjk, "药", "胰岛素");
WORDS(kNotCooling, "se apago", "apagado", "apagada", "turned off", "shut off", "went off", "stopped",
      "s est arrete", "desligou", "desligada", "выключился", "отключился", "not cooling", "stopped cooling", "isnt cold", "not cold", "warm", "died",
      "stopped working", "not working", "broke", "broken", "dead", "off", "quit", "no enfria",
      "no funciona", "se descompuso", "dejo de enfriar", "caliente", "ne refroidit", "ne marche",
      "en panne", "ne fonctionne", "nao gela", "nao esta gelando", "parou", "quebrou", "nao funciona",
      "esquentando", "pifou", "deixou de funcionar", "est mort", "refroidit pus", "refroidit plus",
      "nothing gets cold", "not getting cold", "doesnt get cold", "не морозит", "не холодит", "не работает", "сломал*", "теплый", "потек",
      "перестал");
WORDS(kNotCoolingCjk, "唔冻", "不冻", "不制冷", "不冷", "坏了", "不工作", "停了");

// Conditions
WORDS(kVulnerable, "nouveau ne", "nouveau nes", "parkinson*", "alzheimer*", "dementia", "demencia", "demence",
      "деменц*", "паркинсон*", "epilep*", "epilepsie", "эпилепс*", "chemotherap*", "chimio*", "quimio*", "химиотерап*", "инсульт*",
      "had a stroke", "after a stroke", "avc", "transplant*", "greffe du coeur", "greffe du rein", "greffee",
      "трансплант*", "immunosuppress*", "imunossupress*", "inmunosupres*", "immunodeprime*", "asthme", "asma",
      "астм*", "диабет*", "пенсионер*", "у мамы давление", "у папы давление", "у бабушки давление",
      "у дедушки давление", "has ms", "with ms", "multiple sclerosis", "esclerosis multiple", "sclerose en plaques", "esclerose multipla",
      "рассеянн* склероз*", "heat sensitive", "diabet*", "copd", "lung*", "respiratory", "kidney", "dialys*", "cadeirante", "cardiac", "heart condition", "heart problem*", "cardiaco", "cardiaca",
      "cardiaque", "сердечн*", "passando mal", "unwell", "blood thinner*", "se siente mal", "baby", "babies", "infant*", "newborn*", "new born", "toddler*", "kids", "children",
      "child", "elderly", "grandmother", "grandma", "grandfather", "grandpa", "senior*", "disabled",
      "disability", "wheelchair", "pregnant", "sick", "ill", "medical", "oxygen", "insulin", "dialysis",
      "cancer", "chemo", "asthma*", "bebe", "bebes", "recien nacido*", "ninos", "nino", "anciano*",
      "anciana*", "abuela", "abuelo", "embarazada", "discapacitad*", "silla de ruedas", "enfermo", "enferma", "enfermos", "enfermas", "enfermedad*",
      "nourrisson*", "enfants", "enfant", "agee", "age de", "grand mere", "grand pere", "handicap*",
      "enceinte", "malade", "bebe", "recem nascido*", "criancas", "crianca", "idoso*", "idosa*", "avo",
      "gravida", "deficien*", "cadeira de rodas", "doente", "ребен*", "младен*", "грудн*", "дети",
      "детей", "пожил*", "бабушк*", "дедушк*", "инвалид*", "беремен*", "больн*", "старик*");
WORDS(kVulnerableCjk, "bb", "个月大", "柏金逊", "帕金森", "失智", "老人痴呆", "怀孕", "不舒服", "心脏", "婴儿", "宝宝", "孩子", "老人", "奶奶", "爷爷", "外婆", "外公", "残疾", "孕妇",
      "生病", "新生儿", "小孩");
WORDS(kHedge, "not urgent", "no rush", "not an emergency", "no emergency", "when you get a chance",
      "whenever", "no hurry", "low priority", "not a big deal", "not serious", "no es urgente",
      "sin prisa", "cuando puedan", "no hay prisa", "pas urgent", "rien d urgent", "quand vous pourrez",
      "pas presse", "nao e urgente", "sem pressa", "quando puderem", "nao tem pressa", "не срочно",
      "несрочно", "когда будет время", "не к спеху");
WORDS(kHedgeCjk, "唔急", "不急", "不着急", "不紧急", "有空");

// The safety net: the tenant's own alarm. A message about a hazard's subject that the signals above
// did not settle is asked about, not filed as routine, when the tenant sounds alarmed, something is
// active or spreading, or a vulnerable occupant is named.
WORDS(kAlarmed, "urgent*", "emergenc*", "asap", "right away", "immediately", "help", "hurry", "quick*",
      "scared", "terrified", "afraid", "frightened", "panic*", "danger*", "unsafe", "not safe", "worried",
      "worse", "911", "fire department", "please come", "send someone", "come now", "come today",
      "tonight", "middle of the night", "cant sleep", "cant use", "cant stay", "unbearable",
      "urgente*", "urgencia", "emergencia", "ayuda", "auxilio", "rapido", "ya mismo", "lo antes posible",
      "inmediat*", "miedo", "asustad*", "peligro*", "empeor*", "cada vez mas", "socorro", "vengan",
      "urgence", "aide", "au secours", "vite", "immediat*", "tout de suite", "des que possible", "peur",
      "inquiet*", "empire", "de plus en plus", "pompiers", "venez", "emergencia", "urgencia", "ajuda",
      "imediat*", "o quanto antes", "medo", "assustad*", "perigo*", "piorando", "piorou", "cada vez mais",
      "bombeiros", "venham", "срочно", "срочн*", "авари*", "помог*", "помощь", "быстрее", "немедленно",
      "страшно", "боюсь", "опасн*", "хуже", "пожарн*", "приходите", "приезжайте");
WORDS(kAlarmedCjk, "紧急", "好急", "很急", "急需", "急死", "救命", "危险", "害怕", "马上", "赶快", "快点", "立刻", "越来越", "帮帮", "尽快",
      "吓");

#undef WORDS

// ---------------------------------------------------------------------------------------------
// Temperatures written in the text

struct Temperature {
    double value = 0;
    char unit = '?';  // 'F', 'C' or '?'
    bool english = false;  // "degrees": in an English message, Fahrenheit unless it says otherwise
    bool outdoor = false;  // "-20 out", "il fait -18 dehors", "outside it's 30"
};

std::vector<Temperature> read_temperatures(const Doc& d) {
    std::vector<Temperature> out;
    auto unit_word = [](const std::string& w) -> char {
        if (w == "f" || w == "°f" || w == "fahrenheit" || w == "℉" || w == "ºf") return 'F';
        if (w == "c" || w == "°c" || w == "celsius" || w == "centigrade" || w == "℃" || w == "ºc") return 'C';
        return 0;
    };
    auto degree_word = [](const std::string& w) {
        return w == "°" || w == "º" || w == "degrees" || w == "degree" || w == "deg" || w == "grados" ||
               w == "grado" || w == "degres" || w == "degre" || w == "graus" || w == "grau" ||
               w.rfind("градус", 0) == 0;
    };
    for (std::size_t i = 0; i < d.words.size(); ++i) {
        const auto& w = d.words[i];
        // "38f", "5c", "38°f" glued to the number; "+35", "-18" signed (text_signals keeps the sign)
        const bool signed_number = !w.empty() && (w[0] == '+' || w[0] == '-');
        const std::string num = signed_number ? w.substr(1) : w;
        std::size_t digits = 0;
        while (digits < num.size() && std::isdigit(static_cast<unsigned char>(num[digits]))) ++digits;
        if (digits == 0 || digits > 3) continue;
        double value = std::atof(num.substr(0, digits).c_str());
        if (w[0] == '-') value = -value;
        // "5º andar", "1.º piso", "piso -1": an ordinal floor or a basement level, not degrees.
        static constexpr std::string_view kFloor[] = {"andar", "piso", "etage", "floor", "planta", "этаж", "этаже",
                                                      "level", "nivel", "niveau", "sotano", "sous"};
        auto floor_word = [&](std::size_t k) {
            return k < d.words.size() && std::find(std::begin(kFloor), std::end(kFloor), d.words[k]) != std::end(kFloor);
        };
        // The weather outside: "out"/"outside" right after the reading, or "outside" just before it.
        auto outdoor_at = [&](std::size_t after, std::size_t at) {
            static constexpr std::string_view kOut[] = {"out", "outside", "outdoors", "dehors", "afuera", "fuera",
                                                        "fora", "снаружи", "улице", "exterieur", "exterior",
                                                        "forecast", "pronostico", "previsao", "prevision", "meteo",
                                                        "прогноз"};
            auto is_out = [&](std::size_t k, bool before) {
                if (k >= d.words.size() || d.clause[k] != d.clause[at]) return false;
                if (before && d.words[k] == "out") return false;  // "heat went out, it's 64"
                return std::find(std::begin(kOut), std::end(kOut), d.words[k]) != std::end(kOut);
            };
            // "20 graus lá fora", "30 grados allá afuera": a "there" between the reading and "outside"
            const bool there = after < d.words.size() &&
                               (d.words[after] == "la" || d.words[after] == "alla" || d.words[after] == "ahi" ||
                                d.words[after] == "there");
            // "Hace mucho frío afuera, 20 grados": the weather word ends the clause just before the reading
            const bool just_before = at >= 1 && d.clause[at - 1] + 1 == d.clause[at] && d.words[at - 1] != "out" &&
                                     std::find(std::begin(kOut), std::end(kOut), d.words[at - 1]) != std::end(kOut);
            return just_before || is_out(after, false) || (there && is_out(after + 1, false)) || (at >= 1 && is_out(at - 1, true)) ||
                   (at >= 2 && is_out(at - 2, true)) || (at >= 3 && is_out(at - 3, true));
        };
        // "120 ppm": a gas reading (carbon monoxide), never a temperature.
        if (i + 1 < d.words.size() && d.words[i + 1] == "ppm") continue;
        // "off by 50 degrees", "dropped by 10": a difference, not a reading.
        if (i > 0 && d.words[i - 1] == "by") continue;
        if (signed_number && digits == num.size()) {
            if (!floor_word(i + 1) && !(i > 0 && floor_word(i - 1))) out.push_back({value, '?', false, outdoor_at(i + 1, i)});
            continue;
        }
        if (i > 0 && (d.words[i - 1] == "minus" || d.words[i - 1] == "menos" || d.words[i - 1] == "moins" ||
                      d.words[i - 1] == "минус")) {
            value = -value;
        }
        const std::string rest = num.substr(digits);
        char unit = unit_word(rest);
        // "38f" is a temperature; "3c" is more likely an apartment, and so is "appartement 11C".
        static constexpr std::string_view kFlat[] = {"apt", "apartment", "appartement", "appart", "unit", "apto",
                                                     "apartamento", "departamento", "depto", "suite", "квартира",
                                                     "квартиры", "кв"};
        const bool flat = i > 0 && std::find(std::begin(kFlat), std::end(kFlat), d.words[i - 1]) != std::end(kFlat);
        if (unit != 0 && (digits < 2 || flat) && rest.size() == 1) unit = 0;
        bool degree = unit != 0 || rest == "°" || rest == "º";
        std::size_t j = i + 1;
        bool english = false;
        if (rest.empty() && j < d.words.size() && degree_word(d.words[j])) {
            degree = true;
            english = d.words[j] == "degrees" || d.words[j] == "degree" || d.words[j] == "deg";
            ++j;
        }
        if (rest.empty() || rest == "°") {
            if (j < d.words.size() && unit_word(d.words[j]) != 0) {
                unit = unit_word(d.words[j]);
                degree = true;
            }
        }
        // "20 graus negativos", "15 grados bajo cero", "20 below zero", "10 ниже нуля": below zero after
        // the reading (its degree word read or none written)
        if (value > 0 && j < d.words.size() && d.clause[j] == d.clause[i]) {
            const auto& x = d.words[j];
            const std::string y = j + 1 < d.words.size() ? d.words[j + 1] : "";
            if (x == "negativos" || x == "negativo" || x == "negatifs" || x == "negatif" ||
                ((x == "bajo" || x == "sous" || x == "below") && (y == "cero" || y == "zero")) ||
                (x == "abaixo" && y == "de") || (x == "ниже" && y == "нуля") ||
                // ("20 below" ending its clause or followed by the weather: "it's 20 below out there")
                (x == "below" && (j + 1 >= d.words.size() || d.clause[j + 1] != d.clause[j] || y == "out" ||
                                  y == "outside" || y == "today" || y == "tonight" || y == "with"))) {
                value = -value;
                degree = true;
                english = english || x == "below";  // "15 below": the American weather, °F
                // (past the words, so that "lá fora" after them is read: the weather)
                const bool one = x == "negativos" || x == "negativo" || x == "negatifs" || x == "negatif" ||
                                 (x == "below" && y != "zero");
                j += one ? 1 : (x == "abaixo" ? 3 : 2);
                j = std::min(j, d.words.size());
            } else if (x == "below" && y == "freezing" && unit == 0) {
                value = 32 - value;  // "10 degrees below freezing": 22°F
                unit = 'F';
                degree = true;
                j = std::min(j + 2, d.words.size());
            } else if (degree && (x == "below" || x == "above" || x == "warmer" || x == "colder" || x == "cooler" ||
                                  x == "hotter" || x == "lower" || x == "higher" || x == "less" || x == "more")) {
                continue;  // "set 2 degrees below what I want", "5 degrees colder than": a difference
            }
        }
        if (!degree && rest == "s" && digits == 2 && static_cast<int>(value) % 10 == 0 && i > 0 &&
            (d.words[i - 1] == "the" || d.words[i - 1] == "low" || d.words[i - 1] == "mid" || d.words[i - 1] == "high")) {
            out.push_back({value + 5, '?', true, outdoor_at(i + 1, i)});  // "in the 70s": about 75 (°F)
            continue;
        }
        if (!degree && rest.empty() && digits >= 2 && i >= 2 && d.words[i - 1] == "still" &&
            (d.words[i - 2] == "is" || d.words[i - 2] == "its")) {
            degree = true;  // "the apartment is still 66"
        }
        if (!degree && rest.empty() && digits >= 2 && i >= 2 && d.words[i - 1] == "to" &&
            (d.words[i - 2] == "down" || d.words[i - 2] == "dropped" || d.words[i - 2] == "fell" ||
             d.words[i - 2] == "drops" || d.words[i - 2] == "up")) {
            degree = true;  // "got down to 64", "went up to 90"
        }
        if (!degree && rest.empty() && digits >= 2) {
            // "it's 101 in here", "hace 40 adentro": a bare number next to where or what it is.
            static constexpr std::string_view kBefore[] = {"its", "it", "is", "was", "shows", "showing", "at", "like",
                                                           "reading", "reads", "read", "hit", "reached", "about",
                                                           "around", "over", "nearly", "almost", "hace",
                                                           "fait", "faz", "esta", "estamos", "temperature",
                                                           "temp", "thermostat", "reads", "says", "say", "seh", "только", "ta", "tava", "dice",
                                                           "marca", "indica", "mostra", "affiche", "indique",
                                                           "показывает"};
            static constexpr std::string_view kAfter[] = {"in", "inside", "outside", "outdoors", "indoors",
                                                          "here", "adentro", "afuera", "dentro", "fuera",
                                                          "dehors", "dedans", "fora", "внутри", "дома",
                                                          "today", "tonight", "hoy", "hoje", "сегодня"};
            const bool before = i > 0 && std::find(std::begin(kBefore), std::end(kBefore), d.words[i - 1]) !=
                                             std::end(kBefore);
            const bool after = i + 1 < d.words.size() &&
                               std::find(std::begin(kAfter), std::end(kAfter), d.words[i + 1]) != std::end(kAfter);
            // "la casa está a 70": a reading after "está a" ("estamos a", "tá a")
            const bool at_reading = i >= 2 && d.words[i - 1] == "a" &&
                                    (d.words[i - 2] == "esta" || d.words[i - 2] == "estamos" || d.words[i - 2] == "ta");
            degree = degree || before || after || at_reading;
            // "stopped blowing for like 10 min", "hace 20 minutos": a time, not a reading.
            static constexpr std::string_view kTimeUnit[] = {"min", "mins", "minute", "minutes", "minutos", "minuto",
                                                             "hours", "hrs", "hr", "horas", "heures", "seconds", "secs",
                                                             "segundos", "secondes", "days", "dias", "jours", "минут",
                                                             "минуты", "часа", "часов", "секунд"};
            if (i + 1 < d.words.size() &&
                std::find(std::begin(kTimeUnit), std::end(kTimeUnit), d.words[i + 1]) != std::end(kTimeUnit)) {
                degree = false;
            }
            // "my father, who is 91", "she is 70 years old": an age.
            static constexpr std::string_view kPerson[] = {"who", "he", "she", "hes", "shes", "father", "mother",
                                                           "dad", "mom", "mum", "grandma", "grandpa", "grandmother",
                                                           "grandfather", "granny", "nana", "aunt", "uncle", "son",
                                                           "daughter", "wife", "husband", "neighbor", "neighbour",
                                                           "tenant", "resident", "tiene", "tem", "a"};
            static constexpr std::string_view kYears[] = {"years", "yrs", "yo", "anos", "ans", "лет", "года"};
            // "(she's 91, in 2B)", "I'm 76": the person's age right after them.
            static constexpr std::string_view kPersonIs[] = {"he", "she", "hes", "shes", "im", "aged", "age"};
            if ((i >= 2 && std::find(std::begin(kPerson), std::end(kPerson), d.words[i - 2]) != std::end(kPerson) &&
                 d.words[i - 1] == "is") ||
                (i >= 1 && std::find(std::begin(kPersonIs), std::end(kPersonIs), d.words[i - 1]) != std::end(kPersonIs)) ||
                (i + 1 < d.words.size() &&
                 std::find(std::begin(kYears), std::end(kYears), d.words[i + 1]) != std::end(kYears))) {
                degree = false;
            }
        }
        if (!degree) continue;
        if (floor_word(j)) continue;  // "5º andar" ("at 455 Maple Ave": an address, below)
        // "a escada do 6º", "la puerta del 3º": an ordinal after "of the", not degrees
        if (rest == "º" && unit == 0 && i > 0 &&
            (d.words[i - 1] == "do" || d.words[i - 1] == "da" || d.words[i - 1] == "del" || d.words[i - 1] == "no" ||
             d.words[i - 1] == "na" || d.words[i - 1] == "al" || d.words[i - 1] == "ao")) {
            continue;
        }
        if (unit == 0 && (value > 130 || value < -60)) continue;
        if ((unit == 'F' && value > 140) || (unit == 'C' && value > 60)) continue;  // an oven, not the air
        // "the heat hasn't come on... It's about 20 outside": the weather in English words is °F
        // (unless the context reads a hot day in °C, to_fahrenheit).
        auto english_out = [&](std::size_t k) {
            return k < d.words.size() && d.clause[k] == d.clause[i] &&
                   (d.words[k] == "out" || d.words[k] == "outside" || d.words[k] == "outdoors");
        };
        const bool outdoor = outdoor_at(j, i);
        english = english || (outdoor && unit == 0 && (english_out(j) || (i >= 1 && english_out(i - 1)) ||
                                                       (i >= 2 && english_out(i - 2)) || (i >= 3 && english_out(i - 3))));
        out.push_back({value, unit == 0 ? '?' : unit, english, outdoor});
    }
    for (std::size_t i = 0; i + 1 < d.words.size(); ++i) {
        // Russian puts the number after the word for an approximate reading: "дома градусов 7" (about 7°).
        const auto& n = d.words[i + 1];
        if (d.words[i].rfind("градус", 0) == 0 && !n.empty() && n.size() <= 2 &&
            std::all_of(n.begin(), n.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }) &&
            !(i > 0 && !d.words[i - 1].empty() && std::isdigit(static_cast<unsigned char>(d.words[i - 1][0])))) {
            out.push_back({std::atof(n.c_str()), '?'});
        }
    }
    for (std::size_t i = 0; i + 1 < d.words.size(); ++i) {
        if ((d.words[i] == "hundred" || d.words[i] == "cien" || d.words[i] == "cent" || d.words[i] == "cem") &&
            (d.words[i + 1].rfind("degre", 0) == 0 || d.words[i + 1].rfind("grado", 0) == 0 ||
             d.words[i + 1] == "in" || d.words[i + 1] == "inside")) {
            out.push_back({100, 'F'});
        }
    }
    // Chinese: "零下5度", "5度", "20多度" (20-odd), "华氏49度" (Fahrenheit), "5℃"
    if (d.has_cjk) {
        for (std::size_t pos = d.raw.find("度"); pos != std::string::npos; pos = d.raw.find("度", pos + 1)) {
            std::size_t end = pos;
            if (end >= 3 && d.raw.compare(end - 3, 3, "多") == 0) end -= 3;
            std::size_t b = end;
            while (b > 0 && std::isdigit(static_cast<unsigned char>(d.raw[b - 1]))) --b;
            if (b == end) continue;
            double v = std::atof(d.raw.substr(b, end - b).c_str());
            if (b >= 6 && d.raw.compare(b - 6, 6, "零下") == 0) v = -v;
            const bool fahrenheit = b >= 6 && d.raw.compare(b - 6, 6, "华氏") == 0;
            const bool celsius = b >= 6 && d.raw.compare(b - 6, 6, "摄氏") == 0;
            // "屋企得43度，出面落緊雪" (a Cantonese tenant abroad reading the thermostat in °F): above 35
            // with no scale named, the context decides as for a bare number (a cold home: °F).
            out.push_back({v, fahrenheit ? 'F' : (celsius || v <= 35 ? 'C' : '?')});
        }
    }
    return out;
}

// A single spark when a plug went in or out ("just once, when I unplugged the vacuum", "拔充电器的时候...
// 就一次"): the arc of a plug under load, not a sparking outlet.
template <typename F>
bool spark_once_unplugging(const F& f) {
    static constexpr const char* kOnce[] = {"just once", "only once", "once", "una vez", "une fois", "une seule fois",
                                            "uma vez", "один раз", "единожды"};
    static constexpr const char* kOnceCjk[] = {"就一次", "只有一次", "一次"};
    static constexpr const char* kPlug[] = {"unplug*", "plugged in", "plugging in", "plug it in", "pulled the plug",
                                            "pulled out the plug", "desenchuf*", "enchufe el", "enchufar", "debranch*",
                                            "branche", "brancher", "tirei da tomada", "tirar da tomada", "plugar",
                                            "выдерну*", "вытащил* вилк*", "вставил* вилк*"};
    static constexpr const char* kPlugCjk[] = {"拔", "插上", "插进"};
    static constexpr const char* kAgain[] = {"every time", "each time", "always", "again", "cada vez", "toda vez",
                                             "chaque fois", "a chaque fois", "каждый раз", "опять", "снова"};
    static constexpr const char* kAgainCjk[] = {"每次", "又"};
    return !f(kOnce, kOnceCjk).empty() && !f(kPlug, kPlugCjk).empty() && f(kAgain, kAgainCjk).empty();
}

// True when every occurrence of `part` in `raw` is the start of `word` ("困" only in "困难").
bool only_within(std::string_view raw, std::string_view part, std::string_view word) {
    std::size_t parts = 0, words = 0;
    for (auto p = raw.find(part); p != std::string_view::npos; p = raw.find(part, p + 1)) ++parts;
    for (auto p = raw.find(word); p != std::string_view::npos; p = raw.find(word, p + 1)) ++words;
    return parts == words;
}

// "stuck in the service elevator", "trapped inside the lift": a trapped word followed, within a few
// words, by "in" and the elevator (someone is in it; "the elevator is stuck in the basement" is not).
// The words of the hit, else empty.
std::string stuck_in(const Doc& d, const std::vector<Hit>& trapped, const std::vector<Hit>& elevator) {
    static constexpr std::string_view kIn[] = {"in", "inside", "dans", "en", "dentro", "no", "na", "в"};
    for (const auto& t : trapped) {
        if (t.negated || t.begin == std::string::npos || t.end >= d.words.size()) continue;
        if (std::find(std::begin(kIn), std::end(kIn), d.words[t.end]) == std::end(kIn)) continue;
        for (const auto& e : elevator) {
            if (e.begin != std::string::npos && e.begin > t.end && e.begin <= t.end + 4) return t.text + " in " + e.text;
        }
    }
    return "";
}

// An occupant's age in the text that makes them vulnerable: 65 years or more ("he's 84", "80 años",
// "80多岁"), or an infant counted in weeks or months ("5 weeks old", "3 meses"). Empty when none.
std::string vulnerable_age(const Doc& d) {
    static constexpr std::string_view kYears[] = {"years", "year", "yo", "yrs", "anos", "ano", "ans", "an", "лет", "года", "год"};
    static constexpr std::string_view kInfant[] = {"weeks", "week", "months", "month", "semanas", "meses", "mois",
                                                   "semaines", "недель", "недели", "месяцев", "месяца"};
    for (std::size_t i = 0; i < d.words.size(); ++i) {
        const auto& w = d.words[i];
        if (w.empty() || w.size() > 3 || !std::all_of(w.begin(), w.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
            continue;
        }
        const int n = std::atoi(w.c_str());
        const std::string next = i + 1 < d.words.size() ? d.words[i + 1] : "";
        if (n >= 65 && n < 120 &&
            (std::find(std::begin(kYears), std::end(kYears), next) != std::end(kYears) ||
             (i > 0 && (d.words[i - 1] == "hes" || d.words[i - 1] == "shes" || d.words[i - 1] == "is" ||
                        d.words[i - 1] == "im" || d.words[i - 1] == "am" ||
                        d.words[i - 1] == "he" || d.words[i - 1] == "she" || d.words[i - 1] == "aged")))) {
            return "age " + w;
        }
        // "Meu filho de 1 ano", "my 2 year old", "hija de 2 años": a child of one or two, named as one (a
        // duration is not: "há mais de 1 ano", "in my 2 years here", "2 years ago")
        if (n >= 1 && n <= 2 && std::find(std::begin(kYears), std::end(kYears), next) != std::end(kYears)) {
            static constexpr std::string_view kChild[] = {"filho", "filha", "hijo", "hija", "bebe", "nene", "nena",
                                                          "fils", "fille", "nino", "nina", "menino", "menina",
                                                          "crianca", "enfant", "garcon", "neto", "neta", "nieto",
                                                          "nieta", "gars", "petit", "petite"};
            const bool child_of = i >= 2 && (d.words[i - 1] == "de" || d.words[i - 1] == "d") &&
                                  std::find(std::begin(kChild), std::end(kChild), d.words[i - 2]) != std::end(kChild);
            const bool year_old = i + 2 < d.words.size() && d.words[i + 2] == "old";
            if (child_of || year_old) return "child, " + w + " " + next;
        }
        if (n <= 24 && std::find(std::begin(kInfant), std::end(kInfant), next) != std::end(kInfant)) {
            if (i + 2 < d.words.size() && (d.words[i + 2] == "ago" || d.words[i + 2] == "since")) continue;
            // "rien n'a bougé depuis 2 mois", "leaking for 3 weeks": a duration, not an age (unless "old")
            static constexpr std::string_view kDuration[] = {"depuis", "since", "for", "desde", "hace", "ha", "durante",
                                                             "pendant", "уже", "за", "past", "last", "every", "cada",
                                                             "dans", "em", "через", "после", "after", "within", "over",
                                                             "in", "por", "en"};
            const bool aged = i + 2 < d.words.size() && (d.words[i + 2] == "old" || d.words[i + 2] == "de" ||
                                                          d.words[i + 2] == "d" || d.words[i + 2] == "old,");
            if (i > 0 && !aged &&
                std::find(std::begin(kDuration), std::end(kDuration), d.words[i - 1]) != std::end(kDuration)) {
                continue;
            }
            return "infant, " + w + " " + next;
        }
    }
    if (d.has_cjk) {
        for (std::size_t pos = d.raw.find("岁"); pos != std::string::npos; pos = d.raw.find("岁", pos + 1)) {
            std::size_t b = pos;
            if (b >= 3 && d.raw.compare(b - 3, 3, "多") == 0) b -= 3;
            std::size_t e = b;
            while (b > 0 && std::isdigit(static_cast<unsigned char>(d.raw[b - 1]))) --b;
            if (b == e) continue;
            if (std::atoi(d.raw.substr(b, e - b).c_str()) >= 65) return "age " + d.raw.substr(b, e - b);
        }
    }
    return "";
}

double to_fahrenheit(const Temperature& t, bool cold_context, bool hot_context = false) {
    // "the AC died, it's 36 degrees in the room, the baby is sweating": no home is at 36°F with its
    // cooling out; a reading of the heat without a unit is °C up to 50, "degrees" in English too.
    if (t.unit == '?' && hot_context && !cold_context && t.value >= 26 && t.value <= 50) return t.value * 9 / 5 + 32;
    if (t.unit == 'F' || (t.unit == '?' && t.english)) return t.value;
    if (t.unit == 'C') return t.value * 9 / 5 + 32;
    // No unit: a number above what °C can be indoors is °F; in a cold context small numbers are °C.
    if (cold_context) return t.value > 25 ? t.value : t.value * 9 / 5 + 32;
    return t.value > 45 ? t.value : t.value * 9 / 5 + 32;
}

bool in_heating_season(Timestamp at) {
    const auto ymd = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(at)};
    const unsigned m = unsigned(ymd.month());
    return m >= 10 || m <= 5;
}

std::string fmt_temp(double f) { return std::to_string(static_cast<int>(std::lround(f))) + "F"; }

// A rotten-egg smell the tenant places at the hot tap or a drain and nowhere else.
bool sulfur_water_or_drain(const Doc& d) {
    static constexpr const char* kSource[] = {"hot water", "hot tap", "eau chaude", "agua caliente", "agua quente",
                                              "горяч* вод*", "drain", "drains", "overflow", "desague", "coladera",
                                              "resumidero", "ralo", "siphon", "bonde", "слив*"};
    static constexpr const char* kSourceCjk[] = {"热水", "下水道", "地漏", "去水"};
    static constexpr const char* kOnly[] = {"only", "nowhere else", "anywhere else", "cold water", "cold is fine",
                                            "eau froide", "ailleurs", "agua fria", "solo", "solamente", "seulement",
                                            "uniquement", "somente", "apenas", "только", "холодн* вод*"};
    static constexpr const char* kOnlyCjk[] = {"只有", "别的地方", "其他地方", "冷水"};
    return any(find(d, Words(kSource), Words(kSourceCjk), false)) && any(find(d, Words(kOnly), Words(kOnlyCjk), false));
}

// ---------------------------------------------------------------------------------------------

struct Builder {
    EmergencyAssessment a;
    // Hazards the criteria read and settled as one of the published criteria's non-emergencies (power
    // out in one room with the rest of the home lit, an entrapment that is over, an elevator with
    // nobody in it): the learned model may ask about them, not flag them. (Not an area-wide outage or
    // a cut announced or back: the words for those also come with a home that is dark again today,
    // which the model caught on the tuning authors.)
    std::vector<std::string> settled;
    void settle(const std::string& code, const std::string& why) {
        settled.push_back(code);
        a.reasons.push_back(why);
    }
    void hazard(const std::string& code, const std::string& why) {
        if (std::find(a.hazards.begin(), a.hazards.end(), code) != a.hazards.end()) return;
        a.hazards.push_back(code);
        a.reasons.push_back("hazard:" + code + " (" + why + ")");
    }
    void unsure(const std::string& code, const std::string& why, std::string question,
                std::string question_es) {
        if (!a.uncertain_hazard.empty()) return;
        a.uncertain_hazard = code;
        a.reasons.push_back("uncertain:" + code + " (" + why + ")");
        a.clarifying_question = std::move(question);
        a.clarifying_question_es = std::move(question_es);
    }
};

const char* category_of(const std::string& hazard, bool fridge) {
    if (hazard == "water") return "water_leak";
    if (hazard == "sewage" || hazard == "no_water") return "plumbing";
    if (hazard == "gas") return "gas";
    if (hazard == "carbon_monoxide" || hazard == "fire_smoke") return "fire_safety";
    if (hazard == "electrical" || hazard == "power_loss") return "electrical";
    if (hazard == "no_heat") return "heat_hot_water";
    if (hazard == "no_cooling") return "hvac";
    if (hazard == "entry_security") return "door_window_lock";
    if (hazard == "elevator_entrapment") return "elevator";
    if (hazard == "structural") return "structural";
    if (hazard == "medical") return fridge ? "appliance" : "electrical";
    return "";
}

// Importance order of hazards (the first decides the category).
constexpr const char* kOrder[] = {"gas", "carbon_monoxide", "electrical", "fire_smoke", "sewage", "water", "elevator_entrapment", "structural", "medical",
                                  "entry_security", "no_heat", "no_cooling", "no_water", "power_loss"};

// The question the tenant is asked at once about a hazard that may be an emergency (English,
// Spanish); "unknown" when no hazard's subject is named.
struct Question {
    const char* hazard;
    const char* en;
    const char* es;
};
constexpr Question kQuestions[] = {
    {"gas",
     "Do you smell gas (like rotten eggs)? If you do, leave now and call 911 from outside.",
     "¿Huele a gas (como a huevo podrido)? Si es así, salga ahora y llame al 911 desde afuera."},
    {"fire_smoke",
     "Is there smoke, fire or a burning smell right now? If so, leave and call 911.",
     "¿Hay humo, fuego u olor a quemado ahora mismo? Si es así, salga y llame al 911."},
    {"electrical",
     "Is anything sparking, smoking, hot or buzzing, or are wires exposed? If so, keep away from it.",
     "¿Algo echa chispas, humo, está caliente o zumba, o hay cables expuestos? Si es así, aléjese."},
    {"sewage",
     "Is sewage coming up or spreading into the home right now?",
     "¿Están saliendo aguas negras o se están extendiendo dentro de la vivienda ahora mismo?"},
    {"water",
     "Is water still coming in or spreading, or near lights or outlets? Reply YES if it is.",
     "¿Sigue entrando o extendiéndose el agua, o está cerca de luces o enchufes? Responda SÍ si es así."},
    {"elevator_entrapment",
     "Is anyone stuck inside the elevator right now? If so, call 911 too.",
     "¿Hay alguien atrapado dentro del ascensor ahora mismo? Si es así, llame también al 911."},
    {"structural",
     "Is any part of the ceiling, wall, floor, stairs or balcony falling, sagging or moving? Keep everyone "
     "away from it.",
     "¿Alguna parte del techo, pared, piso, escalera o balcón se cae, se hunde o se mueve? Mantenga a todos "
     "lejos."},
    {"medical",
     "Does someone depend on medicine that must stay cold or on powered medical equipment right now?",
     "¿Alguien depende ahora mismo de medicinas que deben estar frías o de equipo médico eléctrico?"},
    {"entry_security",
     "Can you lock your home right now (door and windows)? Reply NO if you cannot.",
     "¿Puede cerrar con llave su vivienda ahora mismo (puerta y ventanas)? Responda NO si no puede."},
    {"no_heat",
     "Is the heat out entirely, and how cold is it inside right now?",
     "¿Se quedó sin calefacción por completo? ¿Qué tan frío está adentro ahora mismo?"},
    {"no_cooling",
     "Is the cooling out entirely, and how hot is it inside right now? Is anyone feeling unwell?",
     "¿Se quedó sin aire acondicionado por completo? ¿Qué tanto calor hace adentro? ¿Alguien se siente mal?"},
    {"no_water",
     "Do you have no running water at all in the home right now?",
     "¿Se quedó sin agua corriente en toda la vivienda ahora mismo?"},
    {"power_loss",
     "Is the power out in your whole home right now?",
     "¿Se quedó sin electricidad en toda la vivienda ahora mismo?"},
    {"unknown",
     "Is anyone in danger, or is something getting worse right now (water spreading, smoke, a gas smell, no "
     "heat, water or power, a door that won't lock)? Reply YES and tell us what is happening.",
     "¿Hay alguien en peligro o algo está empeorando ahora mismo (agua que se extiende, humo, olor a gas, sin "
     "calefacción, agua o luz, una puerta que no cierra)? Responda SÍ y díganos qué pasa."},
};

const Question& question_for(const std::string& hazard) {
    for (const auto& q : kQuestions) {
        if (hazard == q.hazard) return q;
    }
    return kQuestions[std::size(kQuestions) - 1];
}

// Something active or spreading ("pouring", "won't stop", "不停"), less what only looks like it: the
// weather ("it stopped raining hours ago") and spraying for pests or paint ("能不能来喷药").
// Drops the hits a French negation or "mal" follows ("le chauffage marche pus", "ça ferme pas",
// "ça ferme mal"): French puts it after the verb, where negated_at does not look.
void drop_negated_after(const Doc& d, std::vector<Hit>& hits) {
    static constexpr std::string_view kAfterNot[] = {"pas", "plus", "pus", "pu", "jamais", "mal"};
    std::erase_if(hits, [&](const Hit& h) {
        return h.begin != std::string::npos && h.end < d.words.size() &&
               std::find(std::begin(kAfterNot), std::end(kAfterNot), d.words[h.end]) != std::end(kAfterNot);
    });
}

std::vector<Hit> active_hits(const Doc& d) {
    auto hits = find(d, Words(kActive), Words(kActiveCjk));
    drop_inside(hits, find(d, Words(kRainOutside)));
    drop_inside(hits, find(d, Words(), Words(kNotActiveCjk)));
    return hits;
}

// Equipment or a condition the text says nobody has: "Residents w/ medical equipment on file: none",
// "Personne avec appareil médical dans nos dossiers", "Ninguém no prédio com equipamento médico" (a
// "with" right before it and "nobody" before that, or "none" closing its clause). Not "nobody answers
// and my oxygen is out", not "the concentrator, none of the outlets work".
void drop_denied_presence(const Doc& d, std::vector<Hit>& hits) {
    static constexpr std::string_view kWith[] = {"with", "w", "com", "con", "avec", "с"};
    static constexpr std::string_view kNobody[] = {"nobody", "noone", "nadie", "ninguem", "ninguno", "personne",
                                                   "никто", "никого", "none"};
    static constexpr std::string_view kArticle[] = {"a", "an", "un", "une", "uma", "um", "una", "any"};
    auto in = [](const auto& list, const std::string& x) { return std::find(std::begin(list), std::end(list), x) != std::end(list); };
    std::erase_if(hits, [&](const Hit& h) {
        if (h.begin == std::string::npos) return false;
        // (up to two words between: "with an oxygen", "avec appareil médical")
        std::size_t with = h.begin;
        while (with > 0 && with + 2 > h.begin && d.clause[with - 1] == d.clause[h.begin] &&
               !in(kWith, d.words[with - 1])) {
            --with;
        }
        if (with > 0 && in(kWith, d.words[with - 1])) {
            for (std::size_t k = with - 1; k > 0 && k + 6 > with; --k) {
                const auto& x = d.words[k - 1];
                if (d.clause[k - 1] != d.clause[h.begin]) break;
                // ("une personne avec...": a person, not nobody)
                if (in(kNobody, x) && !(x == "personne" && k >= 2 && in(kArticle, d.words[k - 2]))) return true;
                if (x == "one" && k >= 2 && d.words[k - 2] == "no") return true;  // "no one with"
            }
        }
        for (std::size_t k = h.end; k < d.words.size() && k < h.end + 4; ++k) {
            if (d.words[k] == "none" && (k + 1 == d.words.size() || d.clause[k + 1] != d.clause[k])) return true;
        }
        return false;
    });
}

// Medical equipment named. "ventilador" is a fan in Spanish and Portuguese ("estamos aguentando com
// ventilador", "o ventilador de teto parou"); a medical ventilator is "ventilador mecánico" or "respirador".
std::vector<Hit> medical_equipment(const Doc& d) {
    auto hits = find(d, Words(kMedicalEquip), Words(kMedicalEquipCjk));
    drop_denied_presence(d, hits);
    std::erase_if(hits, [&](const Hit& h) {
        return h.begin != std::string::npos && d.words[h.begin].rfind("ventilador", 0) == 0 &&
               !(h.begin + 1 < d.words.size() && (d.words[h.begin + 1].rfind("mecanic", 0) == 0 ||
                                                   d.words[h.begin + 1].rfind("medic", 0) == 0));
    });
    return hits;
}

// The safety net (see kAlarmed). A grave subject (gas, fire or smoke, sparks or shocks, sewage, an
// elevator, a failing structure, medicine or medical equipment) named and not negated is asked about
// whenever the signals above did not settle it; the everyday subjects (water, doors and locks, heat,
// cooling, water supply, power) when the tenant is alarmed, something is active or spreading, the
// whole home is concerned, or a vulnerable occupant is named. Uncertain, with the question for that hazard.
void safety_net(const Doc& d, Builder& b) {
    auto f = [&](const auto& words, const auto& cjk) { return find(d, Words(words), Words(cjk)); };
    auto w = [&](const auto& words) { return find(d, Words(words)); };
    const auto alarmed = f(kAlarmed, kAlarmedCjk);
    const auto active = active_hits(d);
    std::string why;
    if (any(alarmed)) {
        why = "tenant alarmed: " + first(alarmed);
    } else if (any(active)) {
        why = "active: " + first(active);
    } else if (const auto whole = f(kWhole, kWholeCjk); any(whole)) {
        why = "extent: " + first(whole);
    } else if (b.a.vulnerable) {
        why = "vulnerable occupant";
    } else if (d.raw.find("!!") != std::string::npos || d.raw.find("！！") != std::string::npos) {
        why = "tenant alarmed: !!";
    }
    auto smoke = f(kFire, kFireCjk);
    drop_inside(smoke, f(kNotFire, kNotFireCjk));
    drop_inside(smoke, f(kCigarette, kCigaretteCjk));
    drop_inside(smoke, outside_smoke_of(d, smoke));
    auto burning = f(kBurning, kBurningCjk);
    drop_inside(burning, f(kNotFire, kNotFireCjk));  // "porch light burned out"
    const auto water = f(kWater, kWaterCjk);
    auto leak = f(kLeak, kLeakCjk);
    drop_inside(leak, find(d, Words(), Words(kBeepCjk)));  // "每隔一分钟滴一声": an alarm's beep
    // Told apart by the tenant ("nobody is inside", "no smell"): the question is answered already.
    auto denied = [&](const auto& words, const auto& cjk) { return any_negated(f(words, cjk)); };
    // A letter, a notice or a bill about the subject is news, not an incident.
    static constexpr const char* kNotice[] = {"letter", "notice", "sign", "bill", "scheduled", "appointment",
                                              "carta", "aviso", "factura", "cita", "lettre", "avis", "facture",
                                              "aviso", "conta", "agendad*", "письмо", "уведомлени*", "объявлени*",
                                              "счет"};
    static constexpr const char* kNoticeCjk[] = {"通知", "账单", "预约"};
    const bool notice = any(f(kNotice, kNoticeCjk));
    const bool collapse = any(f(kCollapse, kCollapseCjk));
    // An elevator out of order with nobody said to be in it is an outage; someone inside, or an
    // elevator that behaves strangely, is asked about.
    static constexpr const char* kOutOfOrder[] = {"out of service", "out of order", "not working", "doesnt work",
                                                  "broken", "broke down", "no funciona", "fuera de servicio",
                                                  "descompuesto", "en panne", "hors service", "ne marche",
                                                  "ne fonctionne", "nao funciona", "quebrado", "fora de servico",
                                                  "parado", "не работает", "сломал*", "отключ*"};
    static constexpr const char* kOutOfOrderCjk[] = {"停运", "坏了", "不能用", "维修", "停用"};
    const bool elevator_outage = any(f(kOutOfOrder, kOutOfOrderCjk)) && !any(f(kTrapped, kTrappedCjk)) &&
                                 !any(f(kTrappedPerson, kTrappedPersonCjk));
    // A faucet that drips or runs is a plumbing repair, however long it goes on.
    const bool faucet_only = any(f(kFaucet, kFaucetCjk)) && !any(f(kCeiling, kCeilingCjk)) &&
                             !any(f(kFlood, kFloodCjk)) && !any(f(kBurst, kBurstCjk));
    struct Subject {
        const char* hazard;
        bool grave;  // asked about whenever named: rarely part of a routine request
        bool named;
    };
    const Subject subjects[] = {
        {"gas", !notice && !denied(kSmell, kSmellCjk) && !denied(kGasLeak, kGasLeakCjk),
         any(f(kGas, kGasCjk)) || any(f(kRottenEgg, kRottenEggCjk))},
        {"fire_smoke", !any_negated(smoke) && !any_negated(burning), any(smoke) || any(burning) || any(w(kSmoking))},
        {"electrical", !denied(kSpark, kSparkCjk) && !denied(kShock, kShockCjk),
         any(f(kSpark, kSparkCjk)) || any(f(kShock, kShockCjk)) ||
             (any(f(kElectricThing, kElectricThingCjk)) &&
              (any(f(kExposed, kExposedCjk)) || any(f(kHotNoise, kHotNoiseCjk))))},
        {"sewage", any(f(kBackup, kBackupCjk)), any(f(kSewage, kSewageCjk))},
        {"water", false,
         any(f(kFlood, kFloodCjk)) || any(f(kBurst, kBurstCjk)) || (any(water) && any(leak) && !faucet_only)},
        {"elevator_entrapment",
         !notice && !elevator_outage && !denied(kTrapped, kTrappedCjk) && !denied(kTrappedPerson, kTrappedPersonCjk),
         any(f(kElevator, kElevatorCjk))},
        {"structural", collapse && !denied(kCollapse, kCollapseCjk),
         any(f(kStructElem, kStructElemCjk)) && (any(f(kCrack, kCrackCjk)) || collapse)},
        {"medical", true, any(f(kMedicine, kMedicineCjk)) || any(medical_equipment(d))},
        {"entry_security", false,
         any(f(kBreakIn, kBreakInCjk)) || any(f(kDoor, kDoorCjk)) || any(f(kLock, kLockCjk)) ||
             any(f(kWindow, kWindowCjk))},
        {"no_heat", false, any(f(kHeatTerm, kHeatTermCjk)) || any(f(kCold, kColdCjk))},
        {"no_cooling", false,
         any(find(d, Words(kAcTerm), Words(kAcTermCjk), false)) && any(f(kNotCooling, kNotCoolingCjk))},
        {"no_water", false, any(f(kNoWater, kNoWaterCjk)) || (any(water) && !any(leak))},
        {"power_loss", false, any(f(kPowerTerm, kPowerTermCjk)) || any(find(d, Words(), Words(kPowerOutCjk)))},
    };
    for (const auto& s : subjects) {
        if (!s.named || (why.empty() && !s.grave)) continue;
        b.unsure(s.hazard, "safety net, " + (why.empty() ? std::string("named") : why), question_for(s.hazard).en,
                 question_for(s.hazard).es);
        b.a.safety_net = true;
        return;
    }
}

// A toilet that runs or keeps filling (the criteria: routine) with no water on the floor, spreading
// or bursting: it runs into its bowl.
bool running_toilet(const Doc& d) {
    auto f = [&](const auto& words, const auto& cjk) { return find(d, Words(words), Words(cjk)); };
    return any(f(kToilet, kToiletCjk)) && !any(f(kOnFloor, kOnFloorCjk)) && !any(f(kSpread, kSpreadCjk)) &&
           !any(f(kFlood, kFloodCjk)) && !any(f(kBurst, kBurstCjk)) && !any(f(kCeiling, kCeilingCjk));
}

// What the criteria read of the weather, for the model's heat and cooling decisions.
struct Climate {
    bool heating = false;           // the heating season
    std::optional<double> temp_f;   // the temperature stated (or the host's outdoor one), °F
    bool mild = false;              // "mild", "nice out"...
    double cold_limit = 45;         // no heat is an emergency below it (°F)
};

// The emergency model (text_model.hpp), trained on the triage tuning files, reads the message as a
// whole, after the criteria. Its decision value (the margin of "emergency" over "not_emergency") is
// calibrated on tuning authors left out of its training (agent_text_model_eval_test,
// docs/workflows.md):
// - above `flags`, a message the criteria did not flag is an emergency of the hazard the criteria
//   doubted, else of a hazard's subject the message names; above `flags_unspecified`, one that
//   names no hazard's subject is an "unspecified" emergency;
// - between 0 and that, the tenant is asked at once (the question of that hazard, else a general
//   one) when the criteria did not already ask.
// It never lowers what the criteria flagged. No heat and no cooling it flags only where the weather
// the criteria read leaves room for an emergency (`Climate`: the season, a stated temperature,
// "mild"): the published thresholds depend on them and the model does not see them (elsewhere it
// may still ask). Where responders came and cleared it by the tenant's account ("fire dept came, said
// 0"), or the criteria settled the subject as a published non-emergency (Builder::settled: power out
// in one room with the rest of the home lit, an elevator with nobody in it, an entrapment that is
// over), it asks and does not flag. Safety first: it runs whatever the tenant's tone or negations
// (it was trained on emergencies that were played down), except on a faucet that drips or leaks,
// which the published criteria name as a routine repair.
void model_step(const std::string& text, const Doc& d, Builder& b, const text_model::Model& m,
                const EmergencyModelThresholds& t, const Climate& climate, bool responders_cleared) {
    auto& a = b.a;
    if (a.emergency) return;
    auto f = [&](const auto& words, const auto& cjk) { return find(d, Words(words), Words(cjk)); };
    if (any(f(kFaucet, kFaucetCjk)) && any(f(kLeak, kLeakCjk)) && !any(f(kNoWater, kNoWaterCjk)) &&
        !any(f(kCeiling, kCeilingCjk)) && !any(f(kFlood, kFloodCjk)) && !any(f(kBurst, kBurstCjk))) {
        return;  // a faucet that drips or leaks
    }
    {
        // A toilet that runs (the model reads "water" and "won't stop" as a leak).
        static constexpr const char* kRuns[] = {"running", "runs", "keeps running", "coule", "coulent", "couler",
                                                "corre", "corriendo", "escurre", "escorrendo", "correndo",
                                                "не перестает", "течет", "бежит", "журчит"};
        static constexpr const char* kRunsCjk[] = {"流水", "一直流", "在流", "不停"};
        if (running_toilet(d) && any(f(kRuns, kRunsCjk))) return;
    }
    const float margin = text_model::score_of(m, text, "emergency") - text_model::score_of(m, text, "not_emergency");
    // The thresholds are positive: a margin of 0 or less neither flags nor asks.
    if (!(margin > 0)) return;
    char why[64];
    std::snprintf(why, sizeof why, "emergency model %.2f", static_cast<double>(margin));
    // What the message is about: the criteria's doubt, else a hazard's subject it names.
    std::string subject = a.uncertain_hazard;
    Builder probe;
    if (subject.empty() || subject == "unknown") {
        probe.a.vulnerable = true;  // any named subject, whatever the tenant's tone
        safety_net(d, probe);
        subject = probe.a.uncertain_hazard;
    }
    // Heat or cooling named, "no heat" included (a negated word names no subject above).
    auto heat_words = find(d, Words(kHeatTerm), Words(kHeatTermCjk));
    drop_inside(heat_words, find(d, Words(kNotHeat)));  // "heat wave", "water heater"
    const bool heat = subject == "no_heat" || (subject.empty() && !heat_words.empty());
    const bool cooling = !heat && (subject == "no_cooling" ||
                                   (subject.empty() && !find(d, Words(kAcTerm), Words(kAcTermCjk)).empty()));
    // The weather the criteria read must leave room for an emergency: for heat, a stated temperature
    // below the threshold (60°F in the heating season, else the criteria's cold limit), or none stated
    // in the heating season and no "mild"; for cooling, a stated temperature above the lower (vulnerable
    // occupant's) limit, or none stated outside the heating season.
    const bool weather_allows =
        heat ? !climate.mild && (climate.temp_f ? *climate.temp_f < (climate.heating ? 60 : climate.cold_limit)
                                                : climate.heating)
             : (climate.temp_f ? *climate.temp_f > 85 : !climate.heating);
    if ((heat || cooling) && subject.empty()) subject = heat ? "no_heat" : "no_cooling";
    // A neighbour's harassment or threats with no hazard named: a person is told (the escalation),
    // the model asks and does not flag an "unspecified" emergency of the building.
    // A message whose only subject the criteria settled (a CO alarm chirping for its battery, which
    // names none of the safety net's subjects) is not an "unspecified" emergency either.
    const bool settled = std::find(b.settled.begin(), b.settled.end(), subject) != b.settled.end() ||
                         (subject.empty() && !b.settled.empty()) ||
                         (subject.empty() && !EscalationEngine::harassment_reasons(text).empty());
    if ((!(heat || cooling) || weather_allows) && !responders_cleared && !settled &&
        margin > (subject.empty() ? t.flags_unspecified : t.flags)) {
        const std::string hazard = subject.empty() ? std::string("unspecified") : subject;
        b.hazard(hazard, std::string(why) + (subject == a.uncertain_hazard && !subject.empty()
                                                 ? " on the doubt about " + subject
                                                 : std::string()));
        a.emergency = true;
        a.model_flagged = true;
        return;
    }
    if (!a.uncertain_hazard.empty()) return;
    if (!subject.empty()) {
        b.unsure(subject, why, probe.a.clarifying_question, probe.a.clarifying_question_es);
    } else {
        b.unsure("unknown", why, question_for("unknown").en, question_for("unknown").es);
    }
    a.safety_net = true;
}

// The office's question quoted in a reply and answered no ("> Is it sparking?\nNo, no sparks", "> 全屋都没电吗？
// 不是，只有厨房"): its words are what the tenant denies, not what they report, so the criteria do not
// read them. A question answered anything else stays ("> Is water still coming in?\nYes, worse").
std::string without_denied_questions(const std::string& text) {
    if (text.find('>') == std::string::npos) return text;
    std::vector<std::string> lines;
    for (std::size_t start = 0; start <= text.size();) {
        const auto nl = text.find('\n', start);
        lines.push_back(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    auto trim = [](std::string_view v) {
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
        return v;
    };
    auto denies = [](std::string_view answer) {
        static constexpr std::string_view kNo[] = {"no", "nope", "nah", "non", "nao", "não", "нет", "Нет", "NO", "No", "Non",
                                                   "Nope", "Nah", "Não", "Nao", "НЕТ"};
        static constexpr std::string_view kNoCjk[] = {"不是", "没有", "冇", "唔係"};
        // "No idea", "No sé", "Не знаю": a doubt, not a denial
        static constexpr std::string_view kDoubt[] = {"idea", "clue", "se", "sé", "sei", "sais", "sait", "знаю", "sure"};
        for (const auto n : kNo) {
            if (answer.substr(0, n.size()) != n) continue;
            auto rest = answer.substr(n.size());
            if (!rest.empty() && (std::isalpha(static_cast<unsigned char>(rest.front())) ||
                                  static_cast<unsigned char>(rest.front()) >= 0x80)) {
                continue;
            }
            while (!rest.empty() && (rest.front() == ' ' || rest.front() == ',')) rest.remove_prefix(1);
            const auto word = rest.substr(0, rest.find_first_of(" ,.!?"));
            if (std::find(std::begin(kDoubt), std::end(kDoubt), word) == std::end(kDoubt)) return true;
        }
        return std::any_of(std::begin(kNoCjk), std::end(kNoCjk),
                           [&](std::string_view n) { return answer.substr(0, n.size()) == n; });
    };
    bool changed = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto line = trim(lines[i]);
        if (line.empty() || line.front() != '>') continue;
        const auto ascii_q = line.rfind('?');
        const auto cjk_q = line.rfind("？");
        if (ascii_q == std::string_view::npos && cjk_q == std::string_view::npos) continue;
        const std::size_t end = std::max(ascii_q == std::string_view::npos ? 0 : ascii_q + 1,
                                         cjk_q == std::string_view::npos ? 0 : cjk_q + 3);
        // The answer: after the question on its line, or the next line that is not quoted.
        std::string_view answer = trim(line.substr(end));
        if (answer.empty()) {
            for (std::size_t k = i + 1; k < lines.size(); ++k) {
                const auto next = trim(lines[k]);
                if (next.empty()) continue;
                if (next.front() != '>') answer = next;
                break;
            }
        }
        if (!denies(answer)) continue;
        lines[i] = std::string(line.substr(end));
        changed = true;
    }
    if (!changed) return text;
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
    return out;
}

}  // namespace

std::string emergency_reason_name(const std::string& hazard) {
    static const std::pair<const char*, const char*> kNames[] = {
        {"gas", "gas leak"},
        {"carbon_monoxide", "carbon monoxide"},
        {"fire_smoke", "fire or smoke"},
        {"electrical", "electrical hazard"},
        {"water", "flooding"},
        {"sewage", "sewage backup"},
        {"no_heat", "no heat"},
        {"no_cooling", "no cooling"},
        {"no_water", "no water"},
        {"power_loss", "no power"},
        {"entry_security", "unsecured entry"},
        {"elevator_entrapment", "elevator entrapment"},
        {"structural", "structural collapse"},
        {"medical", "medical need"},
        {"unspecified", "unspecified emergency"}};
    for (const auto& [code, name] : kNames) {
        if (hazard == code) return name;
    }
    return hazard;
}

EmergencyAssessment assess_emergency_with(const std::string& text, const EmergencyConditions& c,
                                          const text_model::Model& model, const EmergencyModelThresholds& thresholds) {
    Builder b;
    auto& a = b.a;
    if (text.empty()) return a;
    const Doc d = prepare(without_denied_questions(text));
    auto f = [&](const auto& words, const auto& cjk) { return find(d, Words(words), Words(cjk)); };
    auto w = [&](const auto& words) { return find(d, Words(words)); };

    // Conditions
    auto vulnerable_hits = f(kVulnerable, kVulnerableCjk);
    drop_denied_presence(d, vulnerable_hits);
    {
        // "I'll be away the 12th" folds to "ill": not an illness where every "ill" was an "I'll"
        std::size_t contractions = 0, ills = 0;
        for (std::string_view c : {"i'll", "i\u2019ll"}) {
            for (auto p = d.raw.find(c); p != std::string::npos; p = d.raw.find(c, p + 1)) ++contractions;
        }
        for (const auto& x : d.words) ills += x == "ill";
        if (contractions >= ills) {
            std::erase_if(vulnerable_hits, [](const Hit& h) { return h.text == std::string_view("ill"); });
        }
    }
    const std::string age = vulnerable_age(d);
    a.vulnerable = c.vulnerable_occupant || any(vulnerable_hits) || !age.empty();
    if (any(vulnerable_hits)) {
        a.reasons.push_back("condition:vulnerable (" + first(vulnerable_hits) + ")");
    } else if (!age.empty()) {
        a.reasons.push_back("condition:vulnerable (" + age + ")");
    } else if (c.vulnerable_occupant) {
        a.reasons.push_back("condition:vulnerable (tenant record)");
    }
    const auto hedge = f(kHedge, kHedgeCjk);
    a.hedged = !hedge.empty();
    if (a.hedged) a.reasons.push_back("hedge:" + hedge.front().text);
    const auto temps = read_temperatures(d);
    const bool heating = c.heating_season.value_or(in_heating_season(c.at));

    // "False alarm", "it's gone now": what was smelled is not a hazard now.
    // Responders who came and found nothing or made it safe ("fire dept came w their meter, said 0",
    // "les pompiers sont venus... tout va bien", "приехали пожарные, замерили — ноль").
    static constexpr const char* kResponders[] = {
        "fire dept", "fd", "fire department", "firefighters", "fire fighters", "firemen", "fire crew", "gas company",
        "gas co", "utility came", "comgas", "naturgy", "grdf", "из газовой", "газовой службы", "utility guy", "utility company came", "bomberos", "pompiers", "bombeiros", "пожарные", "газовики", "газовая служба", "мосгаз", "горгаз", "газовщик*",
        "compagnie de gaz", "energir", "compania de gas", "la compania", "companhia de gas", "la compagnie", "fire brigade",
        "fire service", "con ed", "coned", "national grid"};
    static constexpr const char* kRespondersCjk[] = {"消防", "燃气公司", "煤气公司"};
    static constexpr const char* kCleared[] = {
        "all clear", "fd checked", "cleared it", "cleared us", "cleared the building", "checked it",
        "smells gone", "smell s gone", "said it s fine", "said its fine", "n ont rien mesure", "n a rien mesure", "n ont rien trouve",
        "ничего не нашли", "checked everything", "theres no leak", "no leak", "no smell now",
        "fixed the leak", "been checked", "rien du tout", "liberaram", "apagaram", "tout est eteint", "tout est ok", "c est ok", "tout est bon", "отбой", "все проветрили", "tudo liberado", "esta liberado", "everythings safe", "everything is safe", "its safe", "it was safe", "said 0", "read 0",
        "said all good", "apagaram tudo", "put it out", "tudo seguro", "esta tudo seguro",
        "said zero", "nothing found", "found nothing", "todo bien", "todo esta bien", "no habia nada",
        "tout va bien", "tout est correct", "securitaire", "rien trouve", "tudo certo", "ta tudo bem",
        "esta tudo bem", "nao tinha nada", "ноль", "всё проверили", "все проверили", "все потушили",
        "всё потушили", "всё в порядке", "все в порядке", "tout est regle", "c est regle", "tudo normal",
        "esta tudo normal", "todo normal", "всё нормально", "все нормально", "theyve left", "sans danger", "c etait eteint",
        "c est eteint", "tudo apagado", "esta todo bien", "la arreglaron", "lo arreglaron", "no hay monoxido", "defectuoso",
        "утечки нет", "ont tout verifie", "tout verifie", "said it safe", "it safe now", "tightened it", "сейчас не пахнет",
        "больше не пахнет", "no hay ninguna fuga", "no hay fuga", "no habia fuga", "nao ha fuga", "nao tem vazamento", "pas de fuite",
        "ce n est pas le gaz", "c est pas le gaz", "ce n etait pas le gaz", "no es el gas", "no era el gas",
        "nao e o gas", "nao era gas", "это не газ", "not the gas", "wasnt gas", "partout zero", "zero partout",
        "mesure zero", "опломбировали", "ничем не пахнет", "said it fine", "all zero", "zero everywhere", "nao achou vazamento",
        "nao tem gas nenhum", "no encontraron fuga", "n ont pas trouve de fuite", "said everything fine",
        "said everything is fine", "all fine now", "capped it", "fixed it", "no es fuga", "no es una fuga",
        "ont eteint", "ont tout eteint", "apagaron", "потушили", "totally out", "its out now", "fixed a leak",
        "fixed a leaking", "fixed the leaking", "rien a signaler", "опасности нет"};
    static constexpr const char* kClearedCjk[] = {"没事", "安全", "没问题", "没有问题", "没有泄漏", "说没有漏", "扑灭了", "处理好"};
    // (not while it still smokes or burns, nor while they are on the way: "put it out... fd on the way")
    const bool responders_cleared = any(f(kResponders, kRespondersCjk)) && any(f(kCleared, kClearedCjk)) &&
                                    !any(f(kStillBurning, kStillBurningCjk));
    // "Ignore my last message about the gas smell... it was rotten potatoes": the earlier report taken
    // back (not "ignore my last message, the smell is back and stronger").
    static constexpr const char* kIgnoreLast[] = {"ignore my last message", "ignore my last text", "ignore the text about",
                                                  "ignore the message about", "ignore my message about"};
    static constexpr const char* kRenewed[] = {"again", "is back", "came back", "stronger", "worse", "but now", "still",
                                               "otra vez", "de nuevo", "de nouveau", "encore", "de novo", "outra vez",
                                               "снова", "опять"};
    const bool taken_back = any(w(kIgnoreLast)) && !any(w(kRenewed));
    auto over_hits = f(kFalseAlarm, kFalseAlarmCjk);
    // "o esgoto... já passou para o corredor", "ya pasó al pasillo": it has already gone somewhere (the
    // water spreading), not "it's over".
    drop_inside(over_hits, w(std::array{"ja passou para", "ja passou pro", "ja passou pra", "ja passou pelo",
                                        "ja passou pela", "ja passou por", "ja passou no", "ja passou na",
                                        "ya paso a", "ya paso al", "ya paso por", "ya paso para", "ya paso hacia"}));
    const bool false_alarm =
        ((any(over_hits) || taken_back) && !any(f(kStillBurning, kStillBurningCjk))) || responders_cleared;
    if (false_alarm) a.reasons.push_back("false alarm or resolved, by the tenant's account");
    // A supply cut announced ahead ("the notice says Thursday 8-2"), or one that is back by the
    // tenant's account, is news or a question, not a home without water or power now.
    static constexpr const char* kSupplyNews[] = {
        "planned", "scheduled", "planifiee", "programmee", "programada", "saw the notice", "notice about the", "annoncee demain", "annoncee pour", "prevue demain", "prevue pour", "coupure d eau prevue", "vu l affiche", "paper in the lobby", "sign in the lobby",
        "coupure de courant prevue", "d eau prevue", "de courant prevue", "will be off", "will be shut", "will be cut", "planned shutoff", "notice says", "seront coupees", "sera coupee", "sera coupe",
        "tinha aviso", "teve aviso", "came back", "back on", "its back now", "all back now", "all back on",
        "back on now", "it back now", "might shut off", "shut off tomorrow", "off tomorrow", "cut tomorrow", "said back by", "va y avoir une coupure",
        "y aura une coupure", "y aura t il une coupure",
        "aviso de corte", "corte programado", "avis de coupure", "coupure prevue", "vai ser cortad*",
        "vao cortar", "плановое", "будут отключать", "отключат", "ya volvio", "ya regreso", "ja voltou",
        "est revenu*", "уже дали", "дали свет", "дали воду", "vao desligar", "vai desligar", "van a cortar", "vont couper",
        "recebi o aviso", "recebi um aviso", "recibi un aviso", "recibimos un aviso", "j ai recu un avis", "свет дали",
        "включили свет", "all back", "everything back on", "came right back", "came straight back", "came back right away", "tout remarche",
        "tout refonctionne", "todo volvio", "volvio todo", "tudo voltou", "voltou tudo", "все включилось",
        "всё включилось", "pour travaux", "pour des travaux", "syndic a affiche", "syndic a mis", "por una obra",
        "por obras", "para obras", "ahora todo normal", "agora tudo normal", "agora esta tudo normal"};
    // Not "notice", "affiche", "объявление", "通知" alone: "no notice was posted" (a negation the
    // words do not always reach), "le compteur affiche 0", "请通知我" say the opposite or nothing.
    static constexpr const char* kSupplyNewsCjk[] = {"停水的通知", "停电的通知", "贴了通知", "会停水", "会停电", "明天停水", "明天停电", "明天几点", "停水通知", "停电通知", "预先", "计划停", "下个月", "这周会停",
                                                     "恢复了", "来电了", "来水了", "已经恢复", "检修", "收到通知", "公司通知",
                                                     "电力检查", "要停电", "通知说", "现在都正常", "推上去就好"};
    auto news = f(kSupplyNews, kSupplyNewsCjk);
    // "Can someone turn it back on?": a request, not news that it is back
    drop_inside(news, w(std::array{"turn it back on", "turn the water back on", "turn the power back on",
                                   "turn back on", "switch it back on", "put it back on", "get it back on",
                                   // "Maybe it comes back on its own?": hoped for, not news
                                   "comes back on its own", "come back on its own", "comes back on by itself",
                                   "come back on by itself", "maybe it comes back", "if it comes back",
                                   "hopefully it comes back", "will it come back"}));
    // "Power came back on after the storm but we still have no water": news of one supply is not news
    // of the other. A hit in a clause with a power word and none with a water word (or the reverse)
    // speaks of that supply only.
    const auto news_of = [&](const std::vector<Hit>& own, const std::vector<Hit>& other) {
        return std::any_of(news.begin(), news.end(), [&](const Hit& h) {
            if (h.negated) return false;  // "nothing was scheduled", "no planned work"
            const std::vector<Hit> one{h};
            return !(together(d, one, other) && !together(d, one, own));
        });
    };
    const auto water_terms = find(d, Words(kWater), Words(kWaterCjk), false);
    const auto power_terms = find(d, Words(kPowerTerm), Words(kPowerTermCjk), false);
    // "vão desligar a luz amanhã, mas já estamos sem luz há 5 horas": a cut announced, and one going on
    // for hours already (that one is no news).
    const bool ongoing = [&] {
        static constexpr std::string_view kFor[] = {"ha", "hace", "for", "depuis", "уже", "fait", "faz"};
        static constexpr std::string_view kHours[] = {"hours", "hrs", "horas", "heures", "часа", "часов", "days",
                                                      "dias", "jours", "дня", "дней"};
        for (std::size_t i = 0; i + 2 < d.words.size(); ++i) {
            if (std::find(std::begin(kFor), std::end(kFor), d.words[i]) == std::end(kFor)) continue;
            const auto& n = d.words[i + 1];
            if (n.empty() || !std::all_of(n.begin(), n.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) continue;
            if (std::find(std::begin(kHours), std::end(kHours), d.words[i + 2]) != std::end(kHours)) return true;
        }
        // "our power has been out since yesterday" (a planned shutoff or not, the home is without now)
        static constexpr const char* kOutSince[] = {"been out since", "been off since", "been without power since",
                                                    "been without water since", "sin luz desde", "sin agua desde",
                                                    "sans courant depuis", "sans electricite depuis",
                                                    "sans eau depuis", "sem luz desde", "sem agua desde",
                                                    "нет света с", "нет воды с", "still nothing comes out",
                                                    "still no water", "still no power", "still without",
                                                    "todavia no hay", "toujours pas d eau", "toujours pas de courant",
                                                    "ainda sem", "до сих пор нет"};
        return any(w(kOutSince));
    }();
    const bool water_news = news_of(water_terms, power_terms) && !ongoing;
    const bool supply_news = news_of(power_terms, water_terms) && !ongoing;
    // Gas ("угарный газ" is carbon monoxide, not a gas leak)
    const auto co = f(kCo, kCoCjk);
    auto gas = f(kGas, kGasCjk);
    std::erase_if(gas, [&](const Hit& g) {
        return std::any_of(co.begin(), co.end(), [&](const Hit& h) {
            if (g.begin == std::string::npos || h.begin == std::string::npos) {
                return g.begin == std::string::npos && h.begin == std::string::npos && std::string_view(h.text).find(g.text) != std::string_view::npos;
            }
            return g.begin + 1 >= h.begin && g.begin <= h.end;
        });
    });
    // "My gas bill is very high this month. is it leak? no smell no sound": the bill, not the gas (the
    // gas named again, "and I smell gas", is still read)
    drop_inside(gas, w(std::array{"gas bill", "factura del gas", "factura de gas", "facture de gaz", "conta de gas",
                                  "conta do gas", "счет за газ", "счёт за газ"}));
    auto smell = f(kSmell, kSmellCjk);
    // "ça sent rien", "ça sent pas": the French negation after the verb
    drop_inside(smell, w(std::array{"ca sent rien", "ca sent pas", "sent rien", "sens rien", "sent pas le gaz",
                                     "sens pas d odeur"}));
    if (d.has_cjk) {
        // "没有闻到任何煤气味", "而家冇味": no smell, whatever comes between the negation and 味
        static constexpr std::string_view kNoSmellCjk[] = {"没有闻到", "没闻到", "闻不到", "闻唔到", "冇味", "没有味", "没味", "无味"};
        if (std::any_of(std::begin(kNoSmellCjk), std::end(kNoSmellCjk),
                        [&](std::string_view n) { return d.raw.find(n) != std::string::npos; })) {
            std::erase_if(smell, [](const Hit& h) { return h.begin == std::string::npos; });
        }
    }
    // "Газом не пахнет": the Russian negation after the noun
    {
        const auto no_gas_smell = w(std::array{"газом не пахнет", "газом не воняет", "запаха газа нет", "газа не чувствуется"});
        drop_inside(gas, no_gas_smell);
        drop_inside(smell, no_gas_smell);
    }
    const auto gas_leak = f(kGasLeak, kGasLeakCjk);
    const auto rotten = f(kRottenEgg, kRottenEggCjk);
    // "cuando prendo la estufa... huele un segundito a gas, luego ya nada": the whiff of a burner that
    // takes a moment to light (asked: a smell that stays is a leak).
    static constexpr const char* kWhiff[] = {"un segundito", "un segundo", "for a second", "for a sec", "a split second",
                                             "brief whiff", "quick whiff", "une seconde", "um segundo", "um segundinho",
                                             "на секунду", "секунду", "for a couple of seconds", "a couple seconds",
                                             "for a few seconds", "a few seconds", "a tiny bit", "un instant",
                                             "quelques secondes", "unos segundos", "alguns segundos", "пару секунд"};
    static constexpr const char* kLighting[] = {"prendo", "enciendo", "encender", "prender", "light the", "lighting",
                                                "lights", "when i turn on the stove", "allume", "j allume", "acendo",
                                                "acender", "зажига*", "включаю плиту", "until it lights", "until it catches",
                                                "before it catches", "before it lights", "it catches", "catches",
                                                "hasta que prende", "hasta que enciende", "avant que ca s allume",
                                                "ate acender", "пока не загорится"};
    static constexpr const char* kThenNothing[] = {"luego ya nada", "then nothing", "then it goes away", "then its gone",
                                                   "ya no huele", "puis plus rien", "depois nada", "потом нет", "потом не пахнет",
                                                   "then its totally gone", "then its gone", "its gone", "totally gone",
                                                   "then it gone", "it gone",  // ("then it's gone": the 's is dropped)
                                                   "then it goes", "then gone", "luego se va", "despues se va", "puis ca part",
                                                   "depois some", "потом проходит"};
    const auto symptoms = f(kSymptom, kSymptomCjk);
    const bool lighting_whiff = any(w(kWhiff)) && any(w(kLighting)) && any(w(kThenNothing)) && !any(symptoms);
    const auto appliance = f(kGasAppliance, kGasApplianceCjk);
    // "the gas company said it's safe now, but I still smell gas": the smell outlasts what they said
    static constexpr const char* kStillSmell[] = {"still smell*", "smell it again", "smells again", "smell gas again",
                                                  "smells like gas again", "gas again", "smelling it again", "todavia huele",
                                                  "sigue oliendo", "ainda cheira", "ainda sinto cheiro", "sent encore",
                                                  "ca sent toujours", "все еще пахнет", "опять пахнет", "снова пахнет"};
    static constexpr const char* kStillSmellCjk[] = {"还有味", "仲有味", "还是有煤气味", "又有味"};
    if (false_alarm && !any(symptoms) && !(any(gas) && any(f(kStillSmell, kStillSmellCjk)))) {
        // nothing: the smell is explained
    } else if (lighting_whiff && !any(rotten)) {
        b.unsure("gas", "a whiff of gas while a burner lights",
                 "Does the gas smell stay after the burner is lit, or come back with the burner off? If so, leave now and call 911.",
                 "¿El olor a gas sigue después de encender el quemador, o vuelve con el quemador apagado? Si es así, salga y llame al 911.");
    } else if (any(rotten) && sulfur_water_or_drain(d) &&
               std::none_of(gas.begin(), gas.end(), [](const Hit& h) { return !h.negated; })) {
        // "the HOT water smells like rotten eggs, cold is fine, nothing anywhere else", "only near the
        // floor drain": the water heater's or a dry trap's sulfur smell (asked, in case it is gas; the model
        // asks too, and does not flag).
        b.settle("gas", "rotten-egg smell from the hot water or a drain only, by the tenant's account");
        b.unsure("gas", "rotten-egg smell from the hot water or a drain only",
                 "Is the smell only at the hot tap or the drain? If you smell it anywhere else, leave now and call 911.",
                 "¿El olor está solo en el agua caliente o en el desagüe? Si huele en otro lugar, salga y llame al 911.");
    } else if (any(rotten)) {
        b.hazard("gas", "rotten-egg smell");
    } else if (any(gas) && (any(smell) || any(gas_leak))) {
        b.hazard("gas", first(gas) + " + " + (any(smell) ? first(smell) : first(gas_leak)));
    } else if (any(gas) && any(symptoms)) {
        b.hazard("gas", first(gas) + " + " + first(symptoms));
    } else if ((any(smell) || any(gas_leak)) && any(appliance) && any(symptoms)) {
        b.hazard("gas", first(appliance) + " + " + first(symptoms));
    } else if (any(gas) && !any_negated(smell) && !any_negated(gas_leak) && !gas.front().negated &&
               (any(appliance) || d.has_cjk) && any(w(kHotNoise)) ) {
        b.unsure("gas", "gas appliance", "Do you smell gas (like rotten eggs)? If you do, leave now and call 911.",
                 "¿Huele a gas (como a huevo podrido)? Si es así, salga ahora y llame al 911.");
    } else if (any(smell) && any(appliance) && !any(w(kBurning)) && !any_negated(smell)) {
        b.unsure("gas", "smell near a gas appliance",
                 "Does the smell near the stove or heater smell like gas or rotten eggs? If so, leave now and call 911.",
                 "¿El olor cerca de la estufa huele a gas o a huevo podrido? Si es así, salga y llame al 911.");
    }
    if (!gas.empty() && (any_negated(smell) || any_negated(gas))) a.reasons.push_back("negated:gas smell");

    // Carbon monoxide
    // "I'd assume it's the battery, except it's the loud pattern", "changed the battery and it still
    // goes off": the battery is ruled out, the alarm is real.
    static constexpr const char* kNotBattery[] = {"loud pattern", "alarm pattern", "4 beeps", "four beeps", "4 times", "four times",
                                                  "not the chirp", "not the little chirp", "not the slow chirp",
                                                  "not the usual chirp", "not the normal chirp",
                                                  "not a chirp", "isnt the battery", "not the battery",
                                                  "new battery", "new batteries", "replaced the batter*",
                                                  "changed the batter*", "cambie la pila", "cambie las pilas",
                                                  "troque a bateria", "change la pile", "поменял* батарейк*",
                                                  "pulled the battery", "took the battery out", "took out the battery",
                                                  "removed the battery", "still beeping", "still going off",
                                                  "sigue sonando", "sonne encore", "continua apitando", "все равно пищит",
                                                  "no es el pitido de la bateria", "no es la bateria", "no es la pila",
                                                  "ce n est pas la pile", "pas la pile", "nao e a bateria", "не батарейка",
                                                  // "sonne fort (pas le petit bip de pile)"
                                                  "pas le petit bip", "pas le bip", "sonne fort", "suena fuerte",
                                                  "apita alto", "громко пищит"};
    static constexpr const char* kNotBatteryCjk[] = {"换了电池还", "换了电池都", "换咗电池都", "换咗电池仲", "换电池还", "不是电池"};
    // ("I replaced the battery and it's been silent since": the replacement settled it)
    static constexpr const char* kSilentSince[] = {"silent since", "been silent", "quiet since", "been quiet",
                                                   "no beeping since", "hasnt beeped since", "not beeped since",
                                                   "stopped beeping", "dejo de sonar", "a arrete de sonner",
                                                   "parou de apitar", "перестал пищать", "замолчал"};
    auto not_battery = f(kNotBattery, kNotBatteryCjk);
    // ("changed the batteries and it's still doing it... the sticker says 2016, end of life": old, not live)
    static constexpr const char* kOld[] = {"end of life", "past its date", "sticker says", "fin de vie",
                                           "fim de vida", "fin de vida", "срок службы"};
    if (any(w(kSilentSince)) || any(w(kOld))) {
        std::erase_if(not_battery, [](const Hit& h) {
            const std::string_view t(h.text);
            return t.find("batter") != std::string_view::npos || t.find("pila") != std::string_view::npos ||
                   t.find("pile") != std::string_view::npos || t.find("батарейк") != std::string_view::npos;
        });
    }
    // ("going off and won't stop, it had its inspection last month": an alarm that sounds without
    // stopping is not its battery's chirp, whatever else the message says about its upkeep)
    static constexpr const char* kNonStop[] = {"continuous", "continuously", "wont stop", "nonstop", "non stop", "wont turn off", "keeps going off",
                                               "without stopping", "sin parar", "no para de", "sans arret",
                                               "n arrete pas", "sem parar", "nao para de", "не перестает",
                                               "не переставая", "без остановки"};
    static constexpr const char* kNonStopCjk[] = {"一直响", "响个不停", "叫个不停", "响不停"};
    auto non_stop = f(kNonStop, kNonStopCjk);
    {
        // "won't stop beeping quietly every 30 seconds": the chirp's period, not an alarm that sounds on
        static constexpr const char* kPeriod[] = {"every 30 seconds", "every 20 seconds", "every 40 seconds",
                                                  "every minute", "once a minute", "every few minutes", "quietly",
                                                  "cada minuto", "chaque minute", "toutes les minutes",
                                                  "a cada minuto", "раз в минуту", "каждую минуту"};
        const auto period = w(kPeriod);
        std::erase_if(non_stop, [&](const Hit& h) {
            return h.begin != std::string::npos && std::any_of(period.begin(), period.end(), [&](const Hit& p) {
                       return p.begin != std::string::npos && d.clause[p.begin] == d.clause[h.begin];
                   });
        });
    }
    const auto battery = any(not_battery) || any(non_stop) ? std::vector<Hit>{} : f(kBattery, kBatteryCjk);
    const auto sounding = f(kAlarmSounding, kAlarmSoundingCjk);
    // A CO alarm that chirps for its battery or end of life is maintenance, unless someone feels ill;
    // one that responders measured and cleared is a false alarm.
    if (any(co) && any(battery) && !any(symptoms)) {
        // Chirping for its battery or end of life, nobody ill: maintenance; the model may ask, not flag.
        b.settle("carbon_monoxide", "co alarm chirping for its battery or end of life, nobody ill: not an emergency");
    }
    // A CO alarm the tenant says is silent or reads 0, one asked for, or asked about (its age), nobody
    // ill: no carbon monoxide by the tenant's account (asked, not flagged).
    static constexpr const char* kCoQuiet[] = {
        "reads 0", "reads zero", "says 0", "shows 0", "showing 0", "at 0", "marca 0", "marca cero", "affiche 0",
        "mostra 0", "показывает 0", "not going off", "hasnt gone off", "never gone off", "isnt beeping", "not beeping",
        "doesnt beep", "no suena", "no ha sonado", "ne sonne pas", "nao apita", "nao apitou", "nao toca", "не пищит",
        "не срабатывал", "peace of mind", "get a carbon", "get a co", "install a carbon", "install a co", "want one",
        "data de fabricacao", "fecha de fabricacion", "date de fabrication", "expiration date", "how old",
        "parpadea", "pisca", "clignote", "мигает", "blinking", "flashing",
        // asking for one: "Does the basement need a CO detector?", "queria saber se é preciso um detector",
        // "Хочу поставить датчик угарного газа"
        "need a co", "need a carbon", "needs a co", "needs a carbon", "need co detectors", "have a co detector",
        "e preciso um detector", "preciso de um detector", "precisa de um detector", "instalar um detector",
        "instalar un detector", "necesito un detector", "need one", "hace falta un detector", "installer un detecteur",
        "faut il un detecteur", "faut un detecteur", "поставить датчик", "установить датчик", "купить датчик"};
    const bool co_quiet = any(co) && any(w(kCoQuiet)) && !any(symptoms) &&
                          std::none_of(sounding.begin(), sounding.end(), [](const Hit& h) { return !h.negated; });
    // (only where a CO alarm is named: the lists are read for no other message)
    const bool chirp_nobody_ill = any(co) && [&] {
        // "changed the batteries, still chirping, the screen says END, nobody feels unwell",
        // "pita de vez en cuando, como un grillo... nadie se siente mal": a single chirp now and
        // then, nobody ill by the tenant's account (asked: a new battery does not settle it).
        static constexpr const char* kChirp[] = {"chirp*", "de vez en cuando", "como un grillo",
                                                 "de temps en temps", "de vez em quando", "every so often",
                                                 "now and then", "once in a while", "иногда", "коротко",
                                                 "bipe curtinho", "bipinho", "says end", "dit end", "dice end"};
        static constexpr const char* kChirpCjk[] = {"偶尔", "每隔一分钟", "每隔一分鐘", "显示end", "显示 end"};
        static constexpr const char* kNobodyIll[] = {"nobody feels unwell", "nobody feels sick", "nobody is sick",
                                                     "nobodys sick", "nobody sick", "nobody ill", "no one feels",
                                                     "nadie se siente mal", "nadie esta enfermo", "никому не плохо",
                                                     "никто не болеет", "personne n est malade", "personne ne se sent mal",
                                                     "ninguem passando mal", "ninguem esta mal", "ninguem se sente mal"};
        static constexpr const char* kNobodyIllCjk[] = {"没人不舒服", "没有人不舒服", "冇人唔舒服"};
        return any(f(kChirp, kChirpCjk)) && any(find(d, Words(kNobodyIll), Words(kNobodyIllCjk), false)) &&
               !any(symptoms) && !any(f(kNonStop, kNonStopCjk)) &&
               std::none_of(sounding.begin(), sounding.end(), [](const Hit& h) { return !h.negated; });
    }();
    if (co_quiet) {
        b.settle("carbon_monoxide", "co alarm silent or reading 0, nobody ill: not an emergency");
        b.unsure("carbon_monoxide", "co alarm silent by the tenant's account",
                 "Is the CO alarm sounding, or does anyone have a headache, nausea or dizziness? If so, leave now and call 911.",
                 "¿Suena la alarma de CO, o alguien tiene dolor de cabeza, náuseas o mareo? Si es así, salga y llame al 911.");
    } else if (any(co) && chirp_nobody_ill && !any(battery)) {
        b.settle("carbon_monoxide", "co alarm chirping now and then, nobody ill: not an emergency");
        b.unsure("carbon_monoxide", "co alarm chirping after a new battery, nobody ill",
                 "Is it a single chirp now and then, or a loud repeating alarm? If it sounds the alarm or anyone feels unwell, leave now and call 911.",
                 "¿Es un pitido suelto de vez en cuando o una alarma fuerte que se repite? Si suena la alarma o alguien se siente mal, salga y llame al 911.");
    } else if (any(co) && (any(symptoms) || (!any(battery) && !responders_cleared))) {
        b.hazard("carbon_monoxide", first(co) + (any(symptoms) ? " + " + first(symptoms) : ""));
    }
    {
        // "4 beeps then a pause, again and again... It's the combo one": the four-beep pattern is a CO
        // alarm's (UL 2034), whatever the tenant calls the detector.
        static constexpr const char* kFourBeeps[] = {"4 beeps", "four beeps", "4 short beeps", "four short beeps",
                                                     "quatre bips", "4 bips", "cuatro pitidos", "4 pitidos",
                                                     "quatro bipes", "4 bipes", "четыре сигнала", "4 сигнала"};
        static constexpr const char* kFourBeepsCjk[] = {"响四声", "响4声", "嘀四声", "哔四声"};
        if (any(f(kFourBeeps, kFourBeepsCjk)) && any(f(kDetector, kDetectorCjk)) && !responders_cleared && !co_quiet) {
            b.hazard("carbon_monoxide", "a detector's four-beep pattern");
        }
        // "What does it mean if the CO detector says CO and a number like 120 on the screen? It's beeping
        // really loud.": the alarm named inside the tenant's question, sounding in a sentence of its own.
        if (!any(co) && any(find(d, Words(kCo), Words(kCoCjk), false)) && !any(battery) && !chirp_nobody_ill &&
            !responders_cleared && !co_quiet &&
            std::any_of(sounding.begin(), sounding.end(), [](const Hit& h) { return !h.negated; })) {
            b.hazard("carbon_monoxide", "co alarm named in a question, sounding");
        }
    }
    {
        // "the detector shows 120 ppm": a carbon monoxide reading at or above what a home CO alarm may
        // sound at (UL 2034: never below 30 ppm), unless it is a carbon dioxide (air quality) monitor.
        static constexpr const char* kDioxide[] = {"co2", "carbon dioxide", "dioxido", "dioxyde", "углекисл*"};
        static constexpr const char* kDioxideCjk[] = {"二氧化碳"};
        for (std::size_t i = 0; i + 1 < d.words.size(); ++i) {
            const auto& n = d.words[i];
            if (d.words[i + 1] != "ppm" || n.empty() || n.size() > 4 ||
                !std::all_of(n.begin(), n.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
                continue;
            }
            if (std::atoi(n.c_str()) >= 30 && !any(w(kDioxide)) && !(d.has_cjk && !find(d, {}, Words(kDioxideCjk)).empty()) &&
                !responders_cleared) {
                b.hazard("carbon_monoxide", "co reading " + n + " ppm");
            }
            break;
        }
    }
    {
        // "the CO thing is going off"; headaches in the whole household, or by a fuel-burning appliance
        static constexpr const char* kCoToken[] = {"co"};
        if (together(d, find(d, Words(kCoToken)), sounding) && !any(battery) && !responders_cleared) b.hazard("carbon_monoxide", "co alarm sounding");
        static constexpr const char* kEveryone[] = {"we all", "all of us", "everyone", "everybody", "whole family",
                                                    "kids", "children", "los ninos", "les enfants", "as criancas", "todos", "toda la familia", "tout le monde",
                                                    "toute la famille", "todo mundo", "toda a familia", "все",
                                                    "вся семья"};
        static constexpr const char* kEveryoneCjk[] = {"全家", "大家", "我们都"};
        if (any(symptoms) && !any(gas) && (any(f(kEveryone, kEveryoneCjk)) || any(appliance)) &&
            !any(w(std::array{"flu", "covid", "cold", "gripe", "grippe", "simptom*"}))) {
            b.hazard("carbon_monoxide", first(symptoms) + (any(appliance) ? " near " + first(appliance) : " in the household"));
        }
    }

    // Fire and smoke (equipment and cigarettes are not fires)
    auto fire = f(kFire, kFireCjk);
    const auto not_fire = f(kNotFire, kNotFireCjk);
    drop_inside(fire, not_fire);
    const auto outside_smoke = outside_smoke_of(d, fire);
    drop_inside(fire, outside_smoke);  // "feux de forêt", "лесных пожаров": the source named, not a fire here
    if (d.has_cjk) {
        // 烟雾 (smoke) that is not part of 烟雾报警器 (smoke alarm)
        std::string rest = d.raw;
        for (const char* n : kNotFireCjk) {
            for (auto p = rest.find(n); p != std::string::npos; p = rest.find(n)) rest.erase(p, std::strlen(n));
        }
        if (rest.find("烟雾") != std::string::npos) fire.push_back({std::string::npos, std::string::npos, false, "烟雾"});
    }
    if (std::any_of(d.words.begin(), d.words.end(), [](const std::string& x) {
            return x == "свет" || x == "света" || x == "соседей" || x == "лампочка";
        })) {
        // "у соседей всё горит": the neighbours' lights are on
        std::erase_if(fire, [](const Hit& h) { return h.text == std::string_view("горит"); });
    }
    {
        // A burner's or a pilot's flame is how a gas stove works: a fire only when it grows or spreads.
        static constexpr const char* kBurner[] = {"burner*", "stove", "stovetop", "cooktop", "pilot", "hob",
                                                  "quemador*", "hornilla*", "hornalla*", "estufa", "bruleur*",
                                                  "gaziniere", "cuisiniere", "boca*", "fogao", "queimador*",
                                                  "конфорк*", "горелк*", "плит*"};
        static constexpr const char* kBurnerCjk[] = {"灶", "炉头", "炉灶"};
        static constexpr const char* kGrowing[] = {"spread*", "huge", "big", "tall", "high", "wont go out",
                                                   "out of control", "grease fire", "enorme*", "grande*", "alta*",
                                                   "se extiende", "grosse*", "haute*", "immense*", "большое",
                                                   "высокое", "не гаснет", "everywhere", "cabinet*", "wall", "curtain*",
                                                   "growing", "getting bigger",
                                                   // "flames coming out from behind the stove": not its burner's
                                                   "coming out", "behind", "underneath", "saliendo", "sale fuego",
                                                   "sort du", "sort de", "saindo", "sai fogo", "выходит", "из под"};
        static constexpr const char* kGrowingCjk[] = {"大火", "很高", "灭不了", "蔓延"};
        const auto is_flame = [](const Hit& h) {
            const std::string_view t(h.text);
            return t == "flame" || t == "flames" || t.find("flamme") == 0 || t == "chamas" || t == "llama" ||
                   t == "chama" || t == "пламя" ||
                   t == "火苗" || t == "горит";  // "плита горит неровно": the burner burns
        };
        const auto burner = f(kBurner, kBurnerCjk);
        if (any(burner) && !any(f(kGrowing, kGrowingCjk)) &&
            std::all_of(fire.begin(), fire.end(), [&](const Hit& h) { return h.negated || is_flame(h); })) {
            std::erase_if(fire, is_flame);
        }
        // "the burner clicks even after the fire is on", "la gazinière fait tic tic même quand le feu est
        // allumé": the burner's flame lit as it should (not "fire on the stove").
        if (any(burner) && !any(f(kGrowing, kGrowingCjk))) {
            drop_inside(fire, w(std::array{"fire is on", "after the fire", "feu est allume", "le feu s allume",
                                           "el fuego prende", "el fuego enciende", "o fogo acende", "fogo acende"}));
        }
        // "the oven not hot... the fire not stay", "sur la cuisinière un feu ne s'allume pas", "одна конфорка
        // плохо горит, огонь маленький", "I turn the button, click click click, but no fire": a burner or an
        // oven that will not light or burns low, its flame called a fire (not while smoke, burning or a
        // growing fire is named).
        static constexpr const char* kNotLighting[] = {"not stay", "no stay", "wont stay lit", "doesnt stay lit", "wont light",
                                                       "doesnt light", "not light", "no come", "ne s allume pas",
                                                       "ne s allume plus", "s allume pas", "no prende", "no enciende",
                                                       "nao acende", "не зажигается", "не горит", "плохо горит",
                                                       "огонь маленький", "small flame", "flame is small",
                                                       "petite flamme", "llama pequena", "chama pequena"};
        static constexpr const char* kNotLightingCjk[] = {"打不着", "点不着", "火很小", "火好细"};
        static constexpr const char* kCooker[] = {"oven", "horno", "forno", "духовк*", "click click", "clicks",
                                                  "clicking", "tic tic", "clic clic"};
        static constexpr const char* kCookerCjk[] = {"焗炉", "烤箱"};
        if (!fire.empty() && (any(burner) || any(f(kCooker, kCookerCjk))) && any(f(kNotLighting, kNotLightingCjk)) &&
            !any(f(kGrowing, kGrowingCjk)) && !any(w(kSmoking)) &&
            !any(f(kBurning, kBurningCjk))) {
            std::erase_if(fire, [&](const Hit& h) {
                const std::string_view t(h.text);
                return is_flame(h) || t == "fire" || t == "feu" || t == "fuego" || t == "fogo" || t == "огонь" ||
                       t == "火";
            });
        }
    }
    {
        // "the heat pump... blowing out a big white cloud, looks like smoke", "echa un vapor blanco como si
        // fuera humo", "идёт белый пар, как дым": steam likened to smoke, not smoke.
        static constexpr const char* kSteam[] = {"steam", "steaming", "vapor", "vapour", "vapeur", "пар",
                                                 "defrost*", "descongel*", "degivr*", "оттаива*"};
        static constexpr const char* kSteamCjk[] = {"蒸汽", "水汽", "白气", "雾气"};
        static constexpr std::string_view kLike[] = {"like", "como", "comme", "как", "feito", "parece", "looks",
                                                     "parecia", "semble", "похож", "похоже"};
        if (!fire.empty() && any(f(kSteam, kSteamCjk))) {
            std::erase_if(fire, [&](const Hit& h) {
                if (h.begin == std::string::npos || h.begin == 0) return false;
                const std::string_view t(h.text);
                if (t.find("smok") == std::string_view::npos && t != "humo" && t != "fumee" && t != "fumaca" &&
                    t.rfind("дым", 0) != 0) {
                    return false;
                }
                for (std::size_t k = h.begin; k > 0 && h.begin - k < 4; --k) {
                    if (d.clause[k - 1] != d.clause[h.begin]) break;
                    if (std::find(std::begin(kLike), std::end(kLike), d.words[k - 1]) != std::end(kLike)) return true;
                }
                return false;
            });
        }
    }
    // Smoke from food that burned ("someone burned popcorn, the hallway smells like smoke"), unless it
    // still smokes or burns: cooking smoke that is over, not a fire.
    static constexpr const char* kCookedSmoke[] = {"burned popcorn", "burnt popcorn", "torched popcorn", "burnt toast",
                                                   "toasts qui ont brule", "toast qui a brule", "les toasts",
                                                   "burned toast", "burnt food", "burned food", "burned dinner",
                                                   "burnt dinner", "burned the rice", "burnt the rice", "comida quemada",
                                                   "se quemo la comida", "panela queimada", "comida queimada",
                                                   "сгорела каша", "сгорел ужин", "подгорел*", "plat brule",
                                                   "repas brule", "burnt some toast", "burned some toast", "bruler des toasts",
                                                   "brule des toasts", "burnt grease", "burned grease", "pop corn",
                                                   "se me quemo el arroz", "se me quemo la comida", "queimando a pipoca",
                                                   "queimei a pipoca", "pipoca queimada", "arroz queimado", "arroz quemado",
                                                   "fritando", "burnt some bacon", "burned some bacon", "burnt bacon", "burned bacon",
                                                   "burnt the bacon", "burned the bacon", "boiled dry",
                                                   "burnt breakfast", "burned breakfast", "burnt pan", "burned pan",
                                                   "crame des", "cooking smoke", "smoke from cooking", "smoke from the cooking",
                                                   "humo de la comida", "humo de cocinar", "fumee de cuisson",
                                                   "fumaca da comida", "fumaca de comida", "дым от готовки", "friendo", "cook fish", "cooking fish",
                                                   "fry fish", "frying fish", "queimar o arroz", "quemar el arroz"};
    static constexpr const char* kCookedSmokeCjk[] = {"炒辣椒", "煎鱼", "炒菜的烟", "煮饭的烟", "油烟"};
    // Smoke or a burnt smell the tenant traced to a toaster, a pot or an oven's self-clean and says is
    // over ("c'était le grille-pain, je l'ai débranché, plus de fumée", "думала пожар, а это тостер...
    // Дыма больше нет", "结果是烤面包机，已经扔了，没烟了"): over, not a fire (a fire that spread is read
    // by the responders' or the tenant's words as before).
    static constexpr const char* kSmallSource[] = {"toaster", "tostadora", "torradeira", "grille pain", "тостер*",
                                                   "self clean", "self cleaning", "autolimpieza", "autolimpeza",
                                                   "pyrolyse", "burnt pot", "burned pot", "burnt pan", "burned pan",
                                                   "olla quemada", "panela queimada", "casserole brulee",
                                                   "сгоревш* кастрюл*"};
    static constexpr const char* kSmallSourceCjk[] = {"烤面包机", "多士炉", "烧糊的锅", "煮嘢燒燶", "煮嘢烧燶"};
    static constexpr const char* kSmokeOver[] = {"no more smoke", "smoke is gone", "smokes gone", "smoke gone",
                                                 "aired out", "all clear", "everything cleared", "everything is fine",
                                                 "everythings fine", "everything s fine", "no hay humo", "ya no hay humo",
                                                 "se fue el humo", "acabou a fumaca", "nao tem mais fumaca",
                                                 "sem fumaca", "plus de fumee", "c est fini", "дыма больше нет",
                                                 "дыма нет", "больше не дымит"};
    static constexpr const char* kSmokeOverCjk[] = {"没烟了", "烟已散", "烟散了", "冇烟", "没有烟了", "煙已散"};
    // (not while flames are named or spread, nor smoke from wiring: "no more smoke from the toaster but
    // the outlet is smoking")
    static constexpr const char* kFlames[] = {"flame", "flames", "llama", "llamas", "flamme*", "chama", "chamas",
                                              "пламя", "огонь", "spread*", "se extendio", "s est propage", "espalhou",
                                              "распространил*"};
    static constexpr const char* kFlamesCjk[] = {"火苗", "烧起来", "蔓延", "明火"};
    const bool traced_and_over = any(f(kSmallSource, kSmallSourceCjk)) && any(f(kSmokeOver, kSmokeOverCjk)) &&
                                 !any(f(kStillBurning, kStillBurningCjk)) && !any(f(kFlames, kFlamesCjk)) &&
                                 !together(d, f(kElectricThing, kElectricThingCjk), fire);
    // Food named next to its burning ("burnt the rotis", "burning cinnamon rolls", "I burned the arroz",
    // "de la graisse qui a brûlé"): the same cooking smoke, whatever the dish.
    static constexpr const char* kBurnt[] = {"burned", "burnt", "burning", "burn", "brule", "brulee", "brulait",
                                             "quemaron", "queme", "quemo", "quemado", "quemada", "queimei", "queimou",
                                             "queimado", "queimada", "сжег*", "сжёг*", "сгорел*", "подгорел*"};
    static constexpr const char* kFood[] = {"rolls", "roti", "rotis", "arroz", "rice", "toast", "popcorn", "bacon",
                                            "pizza", "cookies", "cake", "bread", "dinner", "lunch", "breakfast", "food",
                                            "grease", "pancakes", "eggs", "onions", "garlic", "steak", "chicken", "fish",
                                            "tortillas", "beans", "frijoles", "comida", "gateau", "graisse", "oeufs", "croissants",
                                            "muffins", "bagels", "tray",
                                            "tartine", "feijao", "bolo", "ovos", "pipoca", "каша", "кашу", "хлеб", "еда",
                                            "еду", "блины", "мясо", "котлеты", "молоко", "cena", "diner", "jantar",
                                            "almoco", "ужин", "obed", "обед", "sauce", "soup", "sopa", "soupe", "суп"};
    // (not a burning smell of plastic or wiring, "cooking dinner, smelled burning plastic"; not the rice
    // cooker or the bread maker)
    const bool burnt_food = [&] {
        if (any(w(std::array{"plastic", "rubber", "wire", "wires", "wiring", "electrical", "plastique", "plastico",
                             "caoutchouc", "goma", "borracha", "пластик*", "провод*", "резин*"}))) {
            return false;
        }
        static constexpr std::string_view kMachine[] = {"cooker", "maker", "machine", "oven"};
        static constexpr std::string_view kSmelled[] = {"smell", "smelled", "smelling", "smells", "huele", "olia",
                                                        "sent", "sentait", "cheira", "cheirava", "пахнет", "пахло"};
        const auto burnt = w(kBurnt);
        const auto food = w(kFood);
        for (const auto& b1 : burnt) {
            for (const auto& x : food) {
                if (b1.negated || x.negated || d.clause[b1.begin] != d.clause[x.begin]) continue;
                if (x.end < d.words.size() &&
                    std::find(std::begin(kMachine), std::end(kMachine), d.words[x.end]) != std::end(kMachine)) {
                    continue;
                }
                if (x.begin > b1.begin && x.begin - b1.begin <= 3) return true;  // "burnt the rotis"
                // "de la graisse qui a brûlé", "the toast burned" (not "dinner, smelled burning")
                if (b1.begin > x.begin && b1.begin - x.begin <= 3 &&
                    std::none_of(d.words.begin() + static_cast<std::ptrdiff_t>(x.end),
                                 d.words.begin() + static_cast<std::ptrdiff_t>(b1.begin), [&](const std::string& v) {
                                     return std::find(std::begin(kSmelled), std::end(kSmelled), v) != std::end(kSmelled);
                                 })) {
                    return true;
                }
            }
        }
        return false;
    }();
    const bool cooked_smoke =
        ((any(f(kCookedSmoke, kCookedSmokeCjk)) || burnt_food) && !any(f(kStillBurning, kStillBurningCjk)) && !any(f(kFlames, kFlamesCjk))) ||
        traced_and_over;
    if (any(f(kCigarette, kCigaretteCjk)) || cooked_smoke || any(outside_smoke)) {
        // Cigarette smoke is a nuisance, not a fire, and smoke from outside is explained: only flames
        // and fire words remain.
        std::erase_if(fire, [](const Hit& h) {
            const std::string_view t(h.text);
            return t.find("smok") != std::string_view::npos || t == "humo" || t == "fumee" || t == "fumaca" ||
                   t.find("дым") == 0 || t == "有烟" || t == "烟雾";
        });
    }
    {
        // "¡Hubo un incendio en la cocina! jaja no, se me quemaron las tortillas", "Пожар!! Шучу. Тостер сжёг
        // хлеб", "Il y a eu le feu ! Bon j'exagère : le grille-pain a cramé une tartine": the fire word taken
        // back, the smoke's source named; the fire words before the taking back go.
        static constexpr const char* kJoke[] = {"jaja no", "jajaja no", "haha no", "lol no", "not a fire",
                                                "ok not a fire", "mentira", "шучу", "just kidding", "j exagere",
                                                "exagero", "estou exagerando", "im exaggerating", "brincadeira"};
        // (its source: the small ones of the traced reading above, or the food that burned)
        static constexpr const char* kBurntFood[] = {"tortillas", "pizza", "bagel", "tartine", "хлеб", "toast",
                                                     "pan tostado", "pao", "se me quemaron", "queimei", "a crame",
                                                     "сжег", "сжёг"};
        const auto joke = w(kJoke);
        const auto taken_back = std::find_if(joke.begin(), joke.end(), [](const Hit& h) { return !h.negated; });
        if (taken_back != joke.end() && (any(f(kSmallSource, kSmallSourceCjk)) || any(w(kBurntFood))) &&
            !any(f(kStillBurning, kStillBurningCjk)) && !any(f(kFlames, kFlamesCjk))) {
            std::erase_if(fire, [&](const Hit& h) { return h.begin != std::string::npos && h.begin < taken_back->begin; });
        }
    }
    if (traced_and_over) {
        // ("I thought the apartment was on fire... it was just the self clean"): the fire the tenant feared
        fire.clear();
    }
    auto burning = f(kBurning, kBurningCjk);
    drop_inside(burning, not_fire);  // "the bulbs burned out"
    if (cooked_smoke) burning.clear();  // "I burnt some toast": the food burned
    if (any(f(kFridge, kFridgeCjk))) {
        // "the freezer's melting": ice, not a fire
        std::erase_if(burning, [](const Hit& h) { return h.text == "melting"; });
    }
    {
        // The dusty smell of a heater's first run of the season ("poussière brûlée"): asked, not a fire.
        static constexpr const char* kDust[] = {"dust", "dusty", "poussiere", "polvo", "poeira", "пыл*",
                                               "first time this fall", "first time this season", "first time this year",
                                               "first time this winter", "goes away after"};
        static constexpr const char* kDustCjk[] = {"灰尘", "积尘", "烧尘"};
        // Named anywhere in the message: the dust, or a new appliance's coating burning off.
        static constexpr const char* kDustSaid[] = {"just dust", "burning dust", "dust burning", "burnt dust", "burned dust",
                                                   "burning off", "burn off", "burns off", "coating", "first few days after the heat",
                                                   "poussiere qui brule", "polvo quemado", "poeira queimando", "пыль горит",
                                                   // "Prendimos la calefacción por primera vez... como a polvo",
                                                   // "Premier soir qu'on part le chauffage... comme de la poussière"
                                                   "como a polvo", "como polvo", "comme de la poussiere", "como poeira",
                                                   "как пыль", "por primera vez", "pour la premiere fois", "premier soir",
                                                   "pela primeira vez", "впервые включили", "первый раз включили"};
        static constexpr const char* kDustSaidCjk[] = {"烧尘", "第一次开暖气", "灰尘"};
        if (any(burning) && (together(d, burning, f(kDust, kDustCjk)) || any(f(kDustSaid, kDustSaidCjk))) && !any(fire) &&
            !any(w(kSmoking))) {
            burning.clear();
            b.unsure("fire_smoke", "burning dust smell",
                     "Is the smell fading, or is there smoke or a stronger burning smell? If it gets stronger, turn the heat off and call 911.",
                     "¿El olor se está yendo, o hay humo u olor a quemado más fuerte? Si aumenta, apague la calefacción y llame al 911.");
        }
    }
    {
        // A bulb that burned out ("a lâmpada do corredor tá queimada"), with no smell or smoke.
        static constexpr const char* kBulb[] = {"luz do corredor", "luz da escada", "luz do banheiro", "luz da cozinha",
                                                "luz do quarto", "luz da sala", "luz del pasillo", "luz de la escalera",
                                                "bulb*", "lightbulb*", "lampada*", "bombilla*", "bombillo*", "foco",
                                                "focos", "ampoule*", "лампочк*", "lumiere", "lumieres", "lampe"};
        static constexpr const char* kBulbCjk[] = {"灯泡"};
        if (any(f(kBulb, kBulbCjk)) && !any(smell) && !any(fire) && !any(w(kSmoking))) burning.clear();
    }
    const auto smoking = w(kSmoking);
    auto thing = f(kElectricThing, kElectricThingCjk);
    std::erase_if(thing, [&](const Hit& h) {  // "mon fils" is my son, not my wires
        static constexpr std::string_view kPossessive[] = {"mon", "ton", "son", "notre", "votre", "leur"};
        return h.begin != std::string::npos && h.begin > 0 && h.text == std::string_view("fils") &&
               std::find(std::begin(kPossessive), std::end(kPossessive), d.words[h.begin - 1]) != std::end(kPossessive);
    });
    auto hot = f(kHotNoise, kHotNoiseCjk);
    std::erase_if(hot, [&](const Hit& h) {  // "the buzzer panel by the front door": the intercom
        return h.begin != std::string::npos && (d.words[h.begin] == "buzzer" || d.words[h.begin] == "buzzers");
    });
    const auto smoke_alarm = f(kSmokeAlarm, kSmokeAlarmCjk);
    const bool electric_smoke = any(thing) && (together(d, thing, fire) || together(d, thing, burning) ||
                                               together(d, thing, smoking));
    if (electric_smoke && !responders_cleared) {
        b.hazard("electrical", first(thing) + " + smoke/burning");
    } else if (electric_smoke) {
        // "the FD came, checked the apartment with their meter and said all clear. The wall above the
        // outlet is black": cleared by responders, the outlet still to be looked at (asked).
        b.unsure("electrical", first(thing) + " smoked, cleared by responders",
                 "Is the outlet or the wall near it hot, buzzing or smelling burnt now? If so, don't use it and call 911.",
                 "¿El enchufe o la pared cerca están calientes, zumban o huelen a quemado ahora? Si es así, no lo use y llame al 911.");
    }
    if (any(fire) && !false_alarm) {
        b.hazard("fire_smoke", first(fire));
    } else if (any(burning) && (any(smell) || !any(thing)) && !false_alarm &&
               !any(f(kCigarette, kCigaretteCjk)) && !any(outside_smoke)) {
        b.hazard("fire_smoke", first(burning) + (any(smell) ? " smell" : ""));
    } else if (any(smoking) && (any(appliance) || any(thing) || any(f(kFridge, kFridgeCjk)))) {
        b.hazard("fire_smoke", first(smoking));
    } else if (any(smoke_alarm) && any(sounding) && !any(battery) && !(cooked_smoke && false_alarm)) {
        // (not the alarm set off by cooking that the tenant says is over: "是我炒辣椒呛的... 一切正常")
        b.unsure("fire_smoke", "smoke alarm sounding",
                 "Is there any smoke, fire or burning smell? If yes, leave and call 911 now.",
                 "¿Hay humo, fuego u olor a quemado? Si es así, salga y llame al 911 ahora.");
    }
    if (any_negated(fire)) a.reasons.push_back("negated:fire/smoke");
    if (any(smoke_alarm) && any(battery) && !any(fire) && !any(burning) && !any(smoking)) {
        // A smoke alarm that beeps for its battery, no smoke or burning: maintenance (the model may ask).
        b.settle("fire_smoke", "smoke alarm beeping for its battery, no smoke: not an emergency");
    }
    if (any_negated(fire) && !any(fire) && any(f(kCigarette, kCigaretteCjk)) && !any(burning)) {
        // "smell of smoke in the hallway, someone smoking weed again, not a fire": settled (the model may ask).
        b.settle("fire_smoke", "smoke of cigarettes or weed, not a fire by the tenant's account");
    }

    // Electrical danger
    auto spark = f(kSpark, kSparkCjk);
    {
        // "the igniter sparks but the flame doesn't catch": a gas appliance's igniter does its job
        static constexpr const char* kIgniter[] = {"igniter*", "ignitor*", "acendedor*", "encendedor*", "allumeur*",
                                                   "поджиг*", "пьезо*"};
        const auto igniter = w(kIgniter);
        // "искр и запаха нет": the Russian negation after the noun
        drop_inside(spark, w(std::array{"искр нет", "искр и запаха нет", "искр и дыма нет", "без искр", "ни искр"}));
        std::erase_if(spark, [&](const Hit& h) {
            return h.begin != std::string::npos && std::any_of(igniter.begin(), igniter.end(), [&](const Hit& g) {
                       return d.clause[g.begin] == d.clause[h.begin];
                   });
        });
    }
    const auto exposed = f(kExposed, kExposedCjk);
    const auto shock = f(kShock, kShockCjk);
    {
        // A microwave that sparks inside (metal in it, a worn waveguide cover) is an appliance to
        // unplug, not the home's wiring: asked, unless an outlet, a cord or a panel sparks too.
        static constexpr const char* kMicrowave[] = {"microwave*", "microondas", "micro ondes", "micro ondas",
                                                     "микроволн*"};
        static constexpr const char* kMicrowaveCjk[] = {"微波炉"};
        static constexpr const char* kWiring[] = {"outlet*", "socket*", "plug*", "cord", "panel", "breaker*", "wall",
                                                  "enchufe*", "tomacorriente*", "prise*", "tomada*", "розетк*",
                                                  "провод*", "щит*"};
        static constexpr const char* kWiringCjk[] = {"插座", "插头", "电线", "电箱"};
        if (any(spark) && any(f(kMicrowave, kMicrowaveCjk)) && !together(d, spark, f(kWiring, kWiringCjk))) {
            b.unsure("electrical", "microwave sparking",
                     "Is the microwave unplugged? Is anything else sparking, smoking or burning (an outlet, a cord)?",
                     "¿Ya desconectó el microondas? ¿Algo más echa chispas, humo u olor a quemado (un enchufe, un cable)?");
        } else if (any(spark) && any(f(kFixed, kFixedCjk)) && !any(f(kLeakAgain, kLeakAgainCjk))) {
            // "the outlet that sparked yesterday, the electrician replaced it": over (the model may ask)
            b.settle("electrical", "sparking that was repaired by the tenant's account: not an emergency");
        } else if (any(spark) && spark_once_unplugging(f) && !any(w(kHotNoise)) && !any(w(kBurning))) {
            // "an outlet sparked when I unplugged the vacuum, just once, a tiny blue spark; fine since":
            // the arc of a plug pulled under load; asked (is anything scorched, warm or smelling?).
            b.unsure("electrical", "one spark when a plug was pulled",
                     "Is the outlet scorched, warm, buzzing or smelling of burning? If so, stop using it and tell us now.",
                     "¿El enchufe está quemado, caliente, zumba o huele a quemado? Si es así, no lo use y avísenos ahora.");
        } else if (any(spark) && any(f(std::array{"static", "estatica", "statique", "статическ*"}, std::array{"静电"})) &&
                   !together(d, spark, f(kWiring, kWiringCjk))) {
            // "a little zap from the door handle, a spark in the dark... static from the carpet?"
            b.unsure("electrical", "a spark of static by the tenant's account",
                     "Does it spark only when you touch metal (static), or from an outlet, switch or wire?",
                     "¿La chispa salta solo al tocar metal (estática), o de un enchufe, interruptor o cable?");
        } else if (any(spark)) {
            b.hazard("electrical", first(spark));
        }
    }
    if (any(shock)) b.hazard("electrical", first(shock));
    {
        // Lights that surge bright then dim (when an appliance starts): a loose neutral, a fire risk.
        static constexpr const char* kSurge[] = {"super bright then dim", "bright then dim", "brighter then dimmer",
                                                 "bright and dim", "brighten and dim", "dim and bright",
                                                 "fracas e depois fortes", "fortes e depois fracas",
                                                 "fuertes y luego debiles", "debiles y luego fuertes",
                                                 "fort puis faible", "faible puis fort", "то ярко то тускло",
                                                 "то тускло то ярко"};
        static constexpr const char* kSurgeCjk[] = {"忽明忽暗", "一下亮一下暗"};
        if (any(f(kSurge, kSurgeCjk))) b.hazard("electrical", "lights surge bright and dim");
    }
    if (any(w(kPowerLine))) b.hazard("electrical", "power line down");
    {
        static constexpr const char* kWire[] = {"wire", "wires", "wiring", "cable", "cables", "fil", "fils",
                                                "fio", "fios", "fiacao", "провод*", "cableado"};
        static constexpr const char* kWireCjk[] = {"电线"};
        const auto wire = f(kWire, kWireCjk);
        // (a smoke detector hanging by its wires is a detector to refit, not live wiring)
        // ("a cable hanging from the pole, the cable company says it's just internet, not power")
        static constexpr const char* kNotPower[] = {"just internet", "internet cable", "internet line", "cable tv",
                                                    "phone line", "telephone line", "cable de internet",
                                                    "cabo de internet", "fil telephonique", "cable telephonique",
                                                    "интернет кабел*", "кабель интернета"};
        static constexpr const char* kNotPowerCjk[] = {"网线", "电话线"};
        if (any(wire) && any(exposed) && !any(f(kDetector, kDetectorCjk)) && !any(f(kNotPower, kNotPowerCjk))) {
            b.hazard("electrical", first(wire) + " " + first(exposed));
        }
    }
    // "A little warm", "slightly warm", "слегка гудит": what the tenant plays down is asked about.
    static constexpr const char* kSlight[] = {"a little warm", "slightly warm", "bit warm", "little warm",
                                              "warm sometimes", "sometimes warm", "just warm", "warm to the touch", "slightly buzz*", "hums a little",
                                              "buzzes a little", "un peu chaud*", "un peu tiede", "un poco caliente",
                                              "un poquito caliente", "tibio", "tibia", "um pouco quente",
                                              "meio quente", "morno", "morna", "слегка гудит", "слегка греется",
                                              "немного греется", "чуть теплая", "чуть теплый", "как всегда гудел", "kinda warm", "feels warm not hot",
                                              "warm not hot", "греется немного"};
    static constexpr const char* kSlightCjk[] = {"有点热", "有点发热", "微热", "温温的"};
    drop_inside(hot, f(kSlight, kSlightCjk));
    drop_inside(hot, f(kDetector, kDetectorCjk));  // "smoke" of "smoke detector" is not a smoking outlet
    {
        // A switch that buzzes or a panel that crackles, the tenant saying it is neither hot nor smelling
        // ("Não esquenta e não tem cheiro", "no burning smell, the panel isn't warm, no marks"): asked
        // (the criteria's panel is buzzing and hot), unless it sparks, smokes or burns.
        static constexpr const char* kNotHot[] = {"not hot", "isnt hot", "isnt warm", "not warm", "pas chaud",
                                                  "nao esquenta", "nao esta quente", "no se calienta", "no esta caliente",
                                                  "no calienta", "не греется", "не горячая", "не горячий"};
        static constexpr const char* kNotHotCjk[] = {"不热", "唔热"};
        static constexpr const char* kNoSmell[] = {"no smell", "no burning smell", "doesnt smell", "pas d odeur",
                                                   "nao tem cheiro", "sem cheiro", "no huele", "sin olor", "нет запаха",
                                                   "не пахнет"};
        static constexpr const char* kNoSmellCjk[] = {"没有味", "冇味", "没味"};
        if (any(hot) && any(find(d, Words(kNotHot), Words(kNotHotCjk), false)) &&
            any(find(d, Words(kNoSmell), Words(kNoSmellCjk), false)) && !any(spark) && !any(w(kSmoking)) &&
            !any(burning)) {
            hot.clear();
            b.unsure("electrical", "buzzing or warm, neither hot nor smelling by the tenant's account",
                     "Does the switch or panel get hot, spark, or smell of burning? If so, stop using it and tell us now.",
                     "¿El interruptor o el tablero se calienta, echa chispas o huele a quemado? Si es así, no lo use y avísenos ahora.");
        }
    }
    if (any(thing) && together(d, thing, hot)) {
        // "hot water" is not a hot outlet
        bool real = false;
        for (const auto& h : hot) {
            if (h.negated) continue;
            if (h.begin != std::string::npos && h.begin + 1 < d.words.size() &&
                (d.words[h.begin + 1] == "water" || d.words[h.begin + 1] == "tub")) {
                continue;
            }
            real = true;
        }
        if (real) b.hazard("electrical", first(thing) + " " + first(hot));
    }
    if (any_negated(spark)) a.reasons.push_back("negated:sparks");

    // Water
    const auto water = f(kWater, kWaterCjk);
    auto leak = f(kLeak, kLeakCjk);
    // "l'eau froide coule normalement": water that runs as it should
    const auto runs_normally = w(std::array{"coule normalement", "coule bien", "sale bien", "sale normal",
                                            "sai normal", "runs fine", "flows normally", "runs normally",
                                            "идет нормально", "течет нормально", "coule a peine", "descendo muito devagar",
                                            "descendo devagar", "desce devagar", "baja muy lento", "baja lento",
                                            "drains slowly", "draining slowly", "s ecoule lentement", "медленно уходит"});
    drop_inside(leak, runs_normally);
    drop_inside(leak, find(d, Words(), Words(kBeepCjk)));  // "每隔一分钟滴一声": an alarm's beep
    if (d.has_cjk && only_within(d.raw, "漏", "漏风")) {
        // "推拉门关不严，有点漏风": a draft, not water
        std::erase_if(leak, [](const Hit& h) { return h.begin == std::string::npos && h.text == "漏"; });
    }
    auto active = active_hits(d);
    drop_inside(active, runs_normally);
    // "Pouring water in it helps" (a drain's dry trap): the tenant pouring, not water pouring in
    drop_inside(active, w(std::array{"pouring water in", "pouring water into", "pouring water down", "pour water in",
                                     "pour water into", "pour water down", "poured water in", "poured water into",
                                     "poured water down", "pours water in"}));
    // "I soaked the shower head in vinegar": not water soaking anything
    const bool vinegar = any(w(std::array{"vinegar", "vinagre", "vinaigre", "уксус*"}));
    if (vinegar) {
        std::erase_if(active, [](const Hit& h) { return h.text == std::string_view("soaked") || h.text == std::string_view("soaking"); });
    }
    // "A boca do fogão faz tic-tic sem parar... era água no acendedor", "the burner is clicking nonstop...
    // water got into the igniter": the igniter that does not stop, not the water
    if (any(w(std::array{"click*", "clic", "clics", "tic tic", "tic", "igniter", "acendedor", "allumeur", "encendedor",
                         "поджиг*"}))) {
        static constexpr std::string_view kNonStopWords[] = {"nonstop", "non stop", "sem parar", "sin parar", "no para",
                                                             "nao para", "sans arret", "wont stop", "constantly",
                                                             "continuously", "постоянно", "не прекращается"};
        std::erase_if(active, [](const Hit& h) {
            return std::find(std::begin(kNonStopWords), std::end(kNonStopWords), h.text) != std::end(kNonStopWords);
        });
    }
    // "wasting so much water": a complaint about the bill, not water spreading; water poured down a drain
    drop_inside(active, w(std::array{"buckets barely", "bucket barely", "poured a bucket of water", "poured a bucket", "poured boiling water", "poured water", "pouring water into", "pour water",
                                     "wasting so much water", "wasting a lot of water", "wasting water",
                                     "desperdicia mucha agua", "desperdicia agua", "gaspille beaucoup d eau",
                                     "desperdica muita agua", "desperdicando agua"}));
    auto flood = f(kFlood, kFloodCjk);
    {
        // "FLOOD under the kitchen sink!!! ...ok its a puddle", "¡Se inundó la cocina! Bueno… es un charquito",
        // "Потоп на кухне! Ну ладно, лужица": the big word taken back, a small amount named right after a
        // "well"; the flood words before it go (not the rest: "pouring", "spreading" still count).
        static constexpr std::string_view kWell[] = {"ok", "okay", "bueno", "bon", "ладно", "well", "actually",
                                                     "mentira", "enfin", "quer", "verdade", "realidad"};
        static constexpr const char* kSmallWater[] = {"puddle", "charquito", "charquitos", "flaque", "лужица",
                                                      "лужицу", "pocinha", "poca", "cup s worth", "cups worth"};
        for (const auto& small : w(kSmallWater)) {
            if (small.negated) continue;  // "ok it's not a puddle, it's an inch deep"
            bool taken_back = false;
            for (std::size_t k = small.begin; k > 0 && k + 4 > small.begin; --k) {
                taken_back = taken_back || std::find(std::begin(kWell), std::end(kWell), d.words[k - 1]) != std::end(kWell);
            }
            if (!taken_back) continue;
            std::erase_if(flood, [&](const Hit& h) { return h.begin != std::string::npos && h.begin < small.begin; });
        }
        // "FLOOD in the bathroom!!!! ok not really a flood lol": the big word taken back by its negation
        // right after a "well" (the flood words before it go).
        for (const auto& back : std::vector<Hit>(flood)) {
            if (!back.negated || back.begin == std::string::npos) continue;
            bool well = false;
            for (std::size_t k = back.begin; k > 0 && k + 5 > back.begin; --k) {
                well = well || std::find(std::begin(kWell), std::end(kWell), d.words[k - 1]) != std::end(kWell);
            }
            if (well) std::erase_if(flood, [&](const Hit& h) { return h.begin != std::string::npos && h.begin < back.begin; });
        }
    }
    auto burst = f(kBurst, kBurstCjk);
    const auto pipe = f(kPipe, kPipeCjk);
    {
        // "the supply line under the sink split": a pipe and its split in one clause
        const auto split = w(std::array{"split", "splits", "cracked open"});
        for (const auto& p : pipe) {
            for (const auto& x : split) {
                if (p.begin != std::string::npos && d.clause[p.begin] == d.clause[x.begin]) burst.push_back(x);
            }
        }
    }
    auto ceiling = f(kCeiling, kCeilingCjk);
    // "the upstairs bathroom sink drips": a room of the tenant's own home upstairs, not the ceiling
    drop_inside(ceiling, w(std::array{"upstairs bathroom", "upstairs bedroom", "upstairs toilet", "upstairs sink",
                                      "upstairs hallway", "upstairs hall", "upstairs shower"}));
    // A lamp (灯) named in another part of a Chinese message than the leak ("第一，马桶漏水……第三，油烟机的灯
    // 不亮了") is not water through a light fixture.
    auto near_lamp = [](const std::vector<Hit>& hits, const Hit& lamp) {
        return std::any_of(hits.begin(), hits.end(), [&](const Hit& l) {
            return l.begin == std::string::npos && l.cjk_clause >= lamp.cjk_clause - 1 && l.cjk_clause <= lamp.cjk_clause + 1;
        });
    };
    auto far_from_leak = [&](const Hit& h) {
        return h.begin == std::string::npos && h.text == "灯" && !near_lamp(leak, h) && !near_lamp(active, h);
    };
    std::erase_if(ceiling, far_from_leak);
    {
        // "the ceiling in the basement is raining", "il pleut du plafond de la cave": rain from a ceiling
        // (not the weather: "it stopped raining").
        auto raining = w(std::array{"raining", "rains", "pleut", "llueve", "lloviendo", "chove", "chovendo", "льет",
                                    "льёт"});
        drop_inside(raining, w(kRainOutside));
        // ("cuando llueve se entra un poquito de agua por el techo": when it rains outside)
        std::erase_if(raining, [&](const Hit& h) {
            static constexpr std::string_view kWhen[] = {"when", "whenever", "if", "cuando", "si", "quando", "se",
                                                         "quand", "lorsqu", "lorsque", "когда", "если", "time"};
            for (std::size_t k = h.begin; k > 0 && k + 3 > h.begin; --k) {
                if (std::find(std::begin(kWhen), std::end(kWhen), d.words[k - 1]) != std::end(kWhen)) return true;
            }
            return false;
        });
        for (const auto& r : raining) {
            if (!r.negated && together(d, ceiling, std::vector<Hit>{r})) flood.push_back(r);
        }
        // "Floor's an inch deep by the washer and getting deeper": standing water measured on the floor
        // (not snow: "the snow is ankle deep on the path").
        const auto deep = w(std::array{"inch deep", "inches deep", "ankle deep", "knee deep", "cm deep",
                                       "centimeters deep", "centimetres deep", "getting deeper"});
        if (any(deep) && !any(w(std::array{"snow", "nieve", "neige", "neve", "снег*", "sand", "mud", "mulch"}))) {
            for (const auto& x : deep) flood.push_back(x);
        }
    }
    const auto stain = f(kStain, kStainCjk);
    const auto faucet = f(kFaucet, kFaucetCjk);
    const bool wet = any(water) || any(leak);
    // A drip (not a leak that runs): "drip*", "gote*", "goutte*", "pinga*", "капа*", "滴".
    // (on the word itself: "gotera" is a leak, "gotea" a drip)
    auto is_drip = [&](const Hit& h) {
        if (h.begin == std::string::npos) return h.text == "滴" || h.text == "滴水";
        const std::string_view t(d.words[h.begin]);
        return t.find("drip") == 0 || t.find("gotea") == 0 || t == "goteo" || t.find("goutte") == 0 ||
               t.find("pinga") == 0 || t.find("капа") == 0;
    };
    auto sewage = f(kSewage, kSewageCjk);
    {
        // Droppings of mice, rats or roaches are pests, not sewage.
        static constexpr const char* kPests[] = {"mice", "mouse", "rat", "rats", "raton*", "rata*", "souris",
                                                 "rato", "ratos", "camundongo*", "мыш*", "крыс*", "cucaracha*",
                                                 "cockroach*", "roach*", "cafard*", "barata*", "тарака*"};
        static constexpr const char* kPestsCjk[] = {"老鼠", "蟑螂"};
        if (any(f(kPests, kPestsCjk))) {
            std::erase_if(sewage, [](const Hit& h) {
                const std::string_view t(h.text);
                return t.find("excre") == 0 || t == "poop" || t == "caca" || t == "feces" || t == "fezes" || t == "屎" ||
                       t == "粪";
            });
        }
    }
    // Clothes that come out of the washer soaked are not a flood.
    static constexpr const char* kClothes[] = {"clothes", "laundry", "ropa", "ropas", "roupa", "roupas", "linge", "vetements",
                                               "белье", "одежд*"};
    static constexpr const char* kClothesCjk[] = {"衣服"};
    // (the clothes are there even after a negation: "não tá centrifugando a roupa")
    const bool soaked_clothes = any(find(d, Words(kClothes), Words(kClothesCjk), false)) && std::all_of(flood.begin(), flood.end(), [](const Hit& h) {
                                    const std::string_view t(h.text);
                                    return h.negated || t == "soaked" || t == "drenched" || t.find("empapad") == 0 ||
                                           t.find("encharcad") == 0;
                                });
    // A leak that has stopped by the tenant's account ("it's stopped and my ceiling is dry", "la fuite
    // s'est arrêtée"), not starting again: asked (is it fixed?), not an emergency.
    static constexpr const char* kLeakOver[] = {"its stopped", "leak stopped", "leak has stopped", "stopped leaking",
                                                "is dry now", "dry now", "water is gone", "waters gone", "s est arretee", "est sec", "ya paro",
                                                "dejo de gotear", "esta seco", "parou de pingar", "parou de vazar",
                                                "ta seco", "перестало течь", "перестал течь", "сухо",
                                                "same as always", "like that since", "been like that for",
                                                "as it always has", "its fixed", "been fixed", "no more water", "esta seca",
                                                "ya no gotea", "parou o vazamento", "tudo seco", "todo seco",
                                                "tout est sec", "est sec", "ne coule plus", "a ete reparee",
                                                "fue reparada", "foi consertad*", "has stopped now", "stopped now", "ya se seco", "se seco todo", "all dry now", "been dry for",
                                                "o teto secou", "давно высохло", "inside is dry", "est reparee", "sec partout",
                                                "c est sec", "completely dry", "its cleaned up", "cleaned it up", "bone dry", "stopped dripping",
                                                "now it stop", "today stop", "it stop now", "been capped", "capped it",
                                                "capped the pipe"};
    static constexpr const char* kLeakOverCjk[] = {"已经不漏", "不漏了", "干了", "漏水昨晚停了", "是干的"};
    // "WATER EVERYWHERE in the kitchen!!! ...ok it was the ice maker... All cleaned up, no leak", "Suds
    // everywhere. I've cleaned it all up, floor is dry": the water the tenant already mopped up (what
    // spread before the cleaning is over; water still coming after it is not).
    static constexpr const char* kCleanedUp[] = {"all cleaned up", "cleaned it all up", "cleaned everything up",
                                                 "all mopped", "its all mopped", "mopped it all up", "mopped it up",
                                                 "mopped up", "wiped it all up", "it cleaned up", "cleaned up",
                                                 "j ai tout essuye", "tout essuye", "tout nettoye", "ya lo seque",
                                                 "ya seque todo", "ya limpie todo", "sequei tudo", "limpei tudo",
                                                 "ja sequei", "все вытерла", "все вытер", "всё вытерла", "всё вытер",
                                                 "вытерли"};
    static constexpr const char* kCleanedUpCjk[] = {"已经擦干", "已经清理", "擦干了", "拖干了"};
    const auto cleaned = f(kCleanedUp, kCleanedUpCjk);
    auto active_after = active;
    if (any(cleaned)) {
        std::size_t last = 0;
        for (const auto& c : cleaned) {
            if (!c.negated && c.begin != std::string::npos) last = std::max(last, c.begin);
        }
        // (only the words of extent: "pouring", "gushing" before "I mopped up what I could" still run)
        const auto extent = f(kSpread, kSpreadCjk);
        std::erase_if(active_after, [&](const Hit& h) {
            return h.begin != std::string::npos && h.begin < last &&
                   std::any_of(extent.begin(), extent.end(), [&](const Hit& e) {
                       return e.begin != std::string::npos && e.begin <= h.begin && h.begin < e.end;
                   });
        });
    }
    const bool leak_over = (any(f(kLeakOver, kLeakOverCjk)) || any(cleaned)) && !any(f(kLeakAgain, kLeakAgainCjk)) &&
                           !any(active_after);
    auto water_hazard = [&](const std::string& why) {
        if (!leak_over) {
            b.hazard("water", why);
        } else {
            b.unsure("water", why + ", stopped by the tenant's account",
                     "Has the leak stopped completely, or is water still coming in anywhere?",
                     "¿La fuga paró por completo, o todavía entra agua por algún lado?");
        }
    };
    {
        // A flood or a burst pipe told as what happened the last time or last year ("la dernière fois...
        // le garage a été inondé", "cuando se rompió la tubería... el año pasado")
        static constexpr const char* kLastTime[] = {"last time", "la derniere fois", "la ultima vez", "da ultima vez",
                                                    "в прошлый раз", "last year", "el ano pasado", "l an dernier",
                                                    "l annee derniere", "ano passado", "в прошлом году",
                                                    "прошлогодн*", "last month", "el mes pasado", "le mois dernier",
                                                    "mes passado", "в прошлом месяце"};
        static constexpr const char* kLastTimeCjk[] = {"上次", "去年", "上个月"};
        const auto last_time = f(kLastTime, kLastTimeCjk);
        auto then = [&](const Hit& h) {
            return std::any_of(last_time.begin(), last_time.end(), [&](const Hit& l) {
                if (h.begin == std::string::npos || l.begin == std::string::npos) {
                    // (Chinese: the clause of 上次 and the two after it, "上次停电地下室的水泵停了，车库被淹")
                    return h.begin == std::string::npos && l.begin == std::string::npos && h.cjk_clause >= l.cjk_clause &&
                           h.cjk_clause <= l.cjk_clause + 2;
                }
                return d.clause[h.begin] == d.clause[l.begin];
            });
        };
        std::erase_if(flood, then);
        std::erase_if(burst, then);
    }
    if (vinegar) {
        std::erase_if(flood, [](const Hit& h) { return h.text == std::string_view("soaked"); });
    }
    if (any(flood) && !soaked_clothes && !any(w(std::array{"flood light*", "floodlight*"}))) {
        water_hazard(first(flood));
    }
    {
        // "el pasillo está lleno de agua": a room full of water, not a tub, a sink or a bucket
        static constexpr const char* kFullOfWater[] = {"full of water", "lleno de agua", "llena de agua", "plein d eau",
                                                       "pleine d eau", "cheio de agua", "cheia de agua", "полно воды",
                                                       "полный воды"};
        static constexpr const char* kVessel[] = {"tub", "bathtub", "sink", "bucket*", "pot", "pan", "basin", "tray",
                                                  "tina", "banera", "lavabo", "fregadero", "cubeta*", "balde*", "olla",
                                                  "baignoire", "evier", "seau", "bac", "banheira", "pia", "panela",
                                                  "ванн*", "раковин*", "ведр*", "таз*", "dishwasher", "washer",
                                                  "lavadora", "lave vaisselle", "lave linge", "maquina", "washing machine", "посудомо*",
                                                  "стиральн*"};
        const auto full = w(kFullOfWater);
        if (any(full) && !any(w(kVessel))) water_hazard(first(full));
    }
    if (any(burst) && (any(pipe) || wet)) water_hazard(first(burst) + (any(pipe) ? " " + first(pipe) : ""));
    if (const auto sprinkler = f(kSprinkler, kSprinklerCjk); any(sprinkler)) water_hazard(first(sprinkler));
    if (any(w(kShutoffFail))) water_hazard("cannot shut the water off");
    {
        // "I closed the stop valve but it doesn't close all the way, still spraying": a shutoff that
        // fails while the water is still coming (a radiator's valve, a door or a window is not it).
        static constexpr const char* kValve[] = {"valve", "shutoff", "shut off", "llave de paso", "registro",
                                                 "robinet d arret", "vanne", "вентиль"};
        static constexpr const char* kDoesNotClose[] = {"doesnt close all the way", "wont close all the way",
                                                        "doesnt shut all the way", "wont shut all the way",
                                                        "wont turn", "is stuck", "no cierra del todo",
                                                        "ne ferme pas completement", "nao fecha totalmente",
                                                        "не закрывается до конца"};
        if (any(w(kValve)) && any(w(kDoesNotClose)) && any(active) && wet && !any(w(std::array{"radiator*", "radiador*", "radiateur*", "батаре*"}))) {
            water_hazard("the shutoff does not stop the water");
        }
    }
    const bool toilet_running = any(f(kToilet, kToiletCjk)) && !any(f(kOnFloor, kOnFloorCjk));
    // A slow drip caught in a bucket is urgent (the criteria: leaks that damage property), not an emergency.
    static constexpr const char* kContained[] = {"bucket", "pot under", "bowl under", "a drop every", "few drops",
                                                 "slow drip", "small drip", "balde", "cubeta", "una gota", "uma gota",
                                                 "de vez em quando", "bassine", "seau", "quelques gouttes", "une goutte", "gobelet", "таз",
                                                 "ведро", "понемногу", "into a cup", "a cup", "one drip every",
                                                 "a drip every", "un vaso", "um copo", "une tasse", "barreno",
                                                 "стакан", "cubo", "unas gotas", "umas gotas", "algumas gotas",
                                                 "несколько капель", "тазик", "медленно капает", "slowly dripping"};
    static constexpr const char* kContainedCjk[] = {"放咗个桶", "放咗個桶", "放咗桶", "冇变大", "冇變大", "接了个盆", "接了盆", "盆接", "桶接", "滴得很慢", "一点渗水", "放了个桶", "放了桶", "用桶接",
                                                    "没有扩散", "隔几秒滴"};
    const bool contained = any(f(kContained, kContainedCjk)) && !any(active) && !any(f(kFlood, kFloodCjk));
    {
        // A leak reaching the unit below, or a ceiling bulging with water, is damaging property now.
        static constexpr const char* kSpreadBelow[] = {"downstairs", "unit below", "apartment below",
                                                       "neighbor below", "neighbour below", "floor below",
                                                       "bulging", "sagging", "ballooning", "bubble",
                                                       "vecino de abajo", "piso de abajo", "voisin du dessous",
                                                       "chez le voisin", "vizinho de baixo", "apartamento de baixo",
                                                       "соседей снизу", "соседям снизу", "вздулся", "пузырь", "bulge", "bubbled"};
        static constexpr const char* kSpreadBelowCjk[] = {"楼下", "鼓包", "鼓起"};
        static constexpr const char* kBigLeak[] = {"major leak", "huge leak", "big leak", "bad leak", "massive leak",
                                                   "leaking badly", "leaking a lot", "steady stream", "stream of water",
                                                   "gran fuga", "fuga grande", "grosse fuite", "vazamento grande",
                                                   "сильная течь", "сильно течет"};
        auto below = f(kSpreadBelow, kSpreadBelowCjk);
        if (d.raw.find("楼上楼下") != std::string::npos) {  // "upstairs and downstairs alike": everyone, not a leak below
            std::erase_if(below, [](const Hit& h) { return h.begin == std::string::npos && h.text == std::string_view("楼下"); });
        }
        if (any(f(kTile, kTileCjk))) {
            // "ламинат вздулся", "the laminate is bulging": the floor covering swelled
            std::erase_if(below, [](const Hit& h) {
                const std::string_view t(h.text);
                return t == "bulging" || t == "bubble" || t == "вздулся" || t == "пузырь" || t == "鼓包" || t == "鼓起";
            });
        }
        if ((any(leak) || any(water)) && (any(below) || any(w(kBigLeak))) &&
            !any_negated(leak) && !(any(stain) && !any(active)) && !contained) {
            water_hazard("leak spreading or large");
        }
    }
    if (wet && any(active)) {
        // A dripping faucet or a running toilet wastes water; it does not flood.
        static constexpr const char* kPersist[] = {"wont stop", "will not stop", "doesnt stop", "not stopping",
                                                   "cant stop", "keeps dripping", "keeps leaking", "non stop",
                                                   "nonstop", "no para", "sin parar", "ne s arrete pas",
                                                   "sans arret", "nao para", "sem parar", "не останавливается",
                                                   "не прекращается", "течет", "right now", "continuously",
                                                   "constantly", "continuamente", "constantemente", "en continu",
                                                   "continuellement", "постоянно"};
        static constexpr const char* kPersistCjk[] = {"不停", "一直流", "一直漏", "止不住"};
        const auto persist = f(kPersist, kPersistCjk);
        const bool only_persisting = std::none_of(active.begin(), active.end(), [&](const Hit& h) {
            return !h.negated && std::none_of(persist.begin(), persist.end(), [&](const Hit& p) {
                       return p.text == h.text;
                   });
        });
        // A running toilet (the criteria: routine) runs into its bowl, whatever word says it runs.
        const bool toilet_only = running_toilet(d);
        // A faucet that only drips ("le robinet coule goutte à goutte", "la llave gotea... se desperdicia
        // mucha agua"), nothing on the floor or spreading.
        const bool faucet_drips = any(faucet) && any(leak) && std::all_of(leak.begin(), leak.end(), is_drip) &&
                                  !any(f(kOnFloor, kOnFloorCjk)) && !any(f(kSpread, kSpreadCjk)) && !any(flood) &&
                                  !any(burst);
        const bool drip_only =
            (((any(faucet) || toilet_running) && only_persisting) || toilet_only || faucet_drips) && !any(pipe) &&
            // (a lamp named in another clause than the water is not water through a light fixture)
            !together(d, ceiling, active) && !together(d, ceiling, water) && !together(d, ceiling, leak);
        // "le radiateur fait un bruit de cascade, comme de l'eau qui coule dedans... Pas de fuite": a sound
        static constexpr const char* kSound[] = {"bruit", "noise", "sound", "sounds like", "ruido", "barulho", "шум",
                                                 "звук"};
        static constexpr const char* kNoLeak[] = {"pas de fuite", "no leak", "no leaks", "not leaking", "sin fuga",
                                                  "sin fugas", "sem vazamento", "nenhum vazamento", "протечки нет",
                                                  "не протекает"};
        const bool only_a_sound = any(w(kSound)) && any(w(kNoLeak)) && !any(flood) && !any(burst);
        if (!drip_only && !only_a_sound) water_hazard((any(leak) ? first(leak) : first(water)) + " + " + first(active));
    }
    if (wet && any(ceiling) && !any_negated(leak) && !any_negated(water)) {
        const bool stain_only = any(stain) && !any(active) &&
                                std::none_of(leak.begin(), leak.end(), [&](const Hit& h) { return !h.negated && is_drip(h); });
        // "the bathroom ceiling is dripping onto the light and the light is flickering": water on a
        // light fixture is not a contained drip
        static constexpr const char* kOnLight[] = {"onto the light", "on the light", "into the light",
                                                   "through the light", "light is flickering", "lights flickering",
                                                   "light flickers", "sobre la lampara", "en la lampara",
                                                   "sur la lampe", "dans le luminaire", "na lampada", "no lustre",
                                                   "на люстру", "в люстру", "в светильник"};
        static constexpr const char* kOnLightCjk[] = {"灯里", "灯上", "滴到灯"};
        if (contained && (any(leak) || any(active)) && !any(f(kOnLight, kOnLightCjk))) {
            a.reasons.push_back("slow drip from the ceiling, contained: urgent, not an emergency");
        } else if (!stain_only && (any(leak) || any(active))) {
            water_hazard(first(ceiling) + " + " + first(leak.empty() ? water : leak));
        }
    }
    if (wet && !any(faucet)) {
        static constexpr const char* kNearWater[] = {"outlet*", "socket*", "light fixture*", "fixture*", "panel",
                                                     "breaker*", "switch*", "smoke detector*", "enchufe*", "lampara",
                                                     "interruptor*", "prise*", "luminaire", "interrupteur*",
                                                     "tomada*", "luminaria", "розетк*", "щиток", "люстр*",
                                                     "светильник*", "выключател*"};
        static constexpr const char* kNearWaterCjk[] = {"插座", "灯", "电箱", "配电箱", "开关"};
        auto near = f(kNearWater, kNearWaterCjk);
        std::erase_if(near, far_from_leak);  // a lamp in another part of a Chinese message
        if (any(near) && (any(leak) || any(active)) && !any_negated(leak)) water_hazard("water at " + first(near));
    }

    {
        // The sound of water running inside a wall with the floor or wall getting wet: a hidden pipe
        // leaking now ("comme une fontaine derrière le mur... le parquet devient mou").
        static constexpr const char* kInWall[] = {"inside the wall", "in the wall", "behind the wall", "dans le mur",
                                                  "derriere le mur", "dentro de la pared", "detras de la pared",
                                                  "en la pared", "dentro da parede", "atras da parede", "na parede",
                                                  "в стене", "за стеной"};
        static constexpr const char* kInWallCjk[] = {"墙里", "墙里面", "墙后"};
        static constexpr const char* kRunningSound[] = {"fontaine", "running water", "water running", "shower running",
                                                        "eau qui coule", "ruisseau", "agua corriendo", "chorro*",
                                                        "chuveiro ligado", "barulho de agua", "agua correndo",
                                                        "журчит", "шум воды", "льется", "hissing", "gushing"};
        static constexpr const char* kRunningSoundCjk[] = {"流水声", "水声", "哗哗"};
        static constexpr const char* kGettingWet[] = {"wet", "soaked", "soft", "mojad*", "humed*", "humide*", "mouill*",
                                                      "mou", "molhad*", "encharc*", "мокр*", "сыр*", "s agrandit",
                                                      "se agranda", "spreading", "growing", "a crescer", "растет",
                                                      "soltando", "se despega", "se decolle", "bubbling"};
        static constexpr const char* kGettingWetCjk[] = {"湿", "泡", "鼓"};
        if (any(f(kInWall, kInWallCjk)) && any(f(kRunningSound, kRunningSoundCjk)) && any(f(kGettingWet, kGettingWetCjk))) {
            water_hazard("water running inside a wall, getting wet");
        }
    }

    // Sewage: named, or a toilet/drain backing up with dirty water
    {
        static constexpr const char* kDrain[] = {"toilet*", "sink", "drain*", "tub", "bathtub", "shower", "inodoro",
                                                 "lavabo", "fregadero", "tina", "regadera", "desague", "evier",
                                                 "lavabo", "baignoire", "siphon", "pia", "ralo", "privada", "banheira",
                                                 "унитаз*", "раковин*", "ванн*", "слив*", "sifon", "sanitario"};
        static constexpr const char* kDrainCjk[] = {"马桶", "地漏", "水槽", "浴缸", "下水"};
        static constexpr const char* kDirty[] = {"black", "brown", "dirty", "nasty", "filthy", "gross", "poop*",
                                                 "feces", "sewage", "negra", "negras", "sucia", "marron", "noire",
                                                 "eau sale", "preta", "suja", "черн*", "грязн*", "вонюч*", "biohazard",
                                                 "sewer*", "toilet paper", "alcantarilla", "egout*", "esgoto",
                                                 "porqueria", "mierda", "merde", "merda", "дерьм*", "shit", "crap"};
        static constexpr const char* kDirtyCjk[] = {"黑水", "脏水", "臭水", "粪"};
        const auto backup = f(kBackup, kBackupCjk);
        if (!any(sewage) && any(f(kDrain, kDrainCjk)) && any(backup) && any(f(kDirty, kDirtyCjk))) {
            b.hazard("sewage", "dirty water backing up from a drain");
        }
    }
    {
        // A clogged toilet with nothing coming up or over the rim (the criteria: urgent, not an
        // emergency; a backup is read above): settled (the model may ask).
        static constexpr const char* kClogged[] = {"clogged", "clogg*", "blocked", "tapado", "tapada", "atascad*",
                                                   "atorad*", "bouche", "bouchee", "entupid*", "засор*", "забил*"};
        static constexpr const char* kCloggedCjk[] = {"堵", "塞住"};
        if (any(f(kToilet, kToiletCjk)) && any(f(kClogged, kCloggedCjk)) && !any(sewage) && !any(flood) &&
            !any(f(kBackup, kBackupCjk)) && !any(f(kOnFloor, kOnFloorCjk))) {
            b.settle("sewage", "a clogged toilet, nothing coming up or over: urgent, not an emergency");
        }
    }
    // Sewage
    if (any(sewage)) {
        auto backup = f(kBackup, kBackupCjk);
        // "une odeur d'égout qui remonte... Rien ne déborde": the smell rises, nothing comes up
        static constexpr const char* kNoBackup[] = {"rien ne deborde", "ne deborde pas", "nothing is overflowing",
                                                    "nothing has come back up", "nothing comes up", "nao transborda",
                                                    "nao volta agua", "no se desborda", "s ecoule normalement",
                                                    "drain normally", "drains normally", "ничего не переливается"};
        if (any(w(kNoBackup))) backup.clear();
        if (any(backup) || any(active) || any(flood)) {
            b.hazard("sewage", first(sewage) + " + " + (any(backup) ? first(backup) : "spreading"));
        } else if (!any(smell)) {
            b.unsure("sewage", "sewage named",
                     "Is sewage coming up into your home (tub, toilet, floor)? If so, stop using water and we'll send someone now.",
                     "¿Están saliendo aguas negras en su casa (tina, inodoro, piso)? Si es así, no use agua y enviaremos a alguien ya.");
        }
    }

    // The rest of the home is fine by the tenant's account (power or heat): the room words alone
    // ("kitchen", "bedroom") also name where a tenant noticed a whole-home outage.
    static constexpr const char* kRestOfHome[] = {
        "rest of the apartment", "rest of the house", "rest of the unit", "rest of my apartment",
        "other rooms are fine", "other rooms work", "everything else is ok", "everything else is fine",
        "everything else works", "le reste de l appartement", "le reste de la maison", "tout le reste fonctionne",
        "tout le reste marche",
        "les autres pieces", "el resto de la casa", "el resto del apartamento", "el resto del departamento",
        "el resto del piso", "las demas habitaciones", "todo lo demas si", "todo lo demas funciona",
        "todo lo demas bien", "o resto da casa", "o resto do apartamento",
        "o resto funciona", "todo o resto funciona", "os outros comodos", "остальные комнаты", "в остальных комнатах",
        "в других комнатах", "все остальное работает", "everything works though",
        "everything else in the flat", "everything else in the apartment", "everything else in the house",
        "rest of the flat"};
    static constexpr const char* kRestOfHomeCjk[] = {"其他房间", "其它房间", "其他房间正常", "其他都正常"};
    const bool rest_of_home = any(f(kRestOfHome, kRestOfHomeCjk));

    // No heat, no cooling, temperatures
    auto heat_terms = find(d, Words(kHeatTerm), Words(kHeatTermCjk), false);
    const auto not_heat = w(kNotHeat);
    static constexpr const char* kCooking[] = {"oven", "stove", "burner*", "microwave", "dryer", "iron", "kettle",
                                               "toaster", "horno", "estufa", "four", "forno", "fogao", "духовк*",
                                               "плит*", "утюг", "чайник"};
    const auto cooking = find(d, Words(kCooking));
    drop_inside(heat_terms, not_heat);
    std::erase_if(heat_terms, [&](const Hit& h) {  // "the oven won't heat up": the appliance
        if (h.begin == std::string::npos || h.text == std::string_view("oil burner")) return false;
        // "...the dryer. It runs but doesn't heat": the verb of the appliance named before
        const bool verb = h.begin > 0 && (h.text == std::string_view("heat") || h.text == std::string_view("heating")) &&
                          (d.words[h.begin - 1] == "doesnt" || d.words[h.begin - 1] == "wont" ||
                           d.words[h.begin - 1] == "not" || d.words[h.begin - 1] == "isnt" ||
                           d.words[h.begin - 1] == "dont" || d.words[h.begin - 1] == "cant");
        return std::any_of(cooking.begin(), cooking.end(), [&](const Hit& c) {
            return c.begin != std::string::npos && (verb || d.clause[c.begin] == d.clause[h.begin]);
        });
    });
    auto heat_out = find(d, Words(kHeatOut), Words(kHeatOutCjk), false);
    // "peeling off the wall above the radiator": "off" of another verb
    drop_inside(heat_out, w(std::array{"peeling off", "peeled off", "came off", "fell off", "coming off",
                                       "falling off", "took off", "taken off", "pulled off"}));
    static constexpr const char* kHeatOkCjk[] = {"倒是好的", "是好的", "正常", "没问题", "挺热"};
    auto heat_ok = f(kHeatOk, kHeatOkCjk);
    drop_negated_after(d, heat_ok);  // "le chauffage marche pus", "fonctionne pas"
    // "The bot asked 'Is your heat working? Reply YES or NO' - NO": the question quoted, not the answer
    drop_inside(heat_ok, w(std::array{"is your heat working", "is the heat working", "is your heating working",
                                      "is the heating working", "is your heat on", "is the heat on",
                                      "le chauffage fonctionne t il", "работает ли отопление"}));
    {
        // "heat working for anyone?", "у кого-нибудь батареи тёплые?": a question to the neighbours, not
        // the heat said to work; "我以为是正常的" (I thought it was normal).
        const auto anyone = w(std::array{"anyone", "anybody", "у кого нибудь", "у кого то", "кто нибудь",
                                         "alguien", "quelqu un", "alguem", "someone else"});
        std::erase_if(heat_ok, [&](const Hit& h) {
            return h.begin != std::string::npos && std::any_of(anyone.begin(), anyone.end(), [&](const Hit& x) {
                       return d.clause[x.begin] == d.clause[h.begin];
                   });
        });
        drop_inside(heat_ok, find(d, {}, Words(std::array{"以为是正常", "以为正常", "以为很正常", "有没有人"})));
    }
    const auto overheat = w(kOverheat);
    auto cold = f(kCold, kColdCjk);
    {
        // "冰箱声音很大...但是很冷": the fridge is cold, not the home
        const auto fridge = f(kFridge, kFridgeCjk);
        std::erase_if(cold, [&](const Hit& c) {
            return std::any_of(fridge.begin(), fridge.end(), [&](const Hit& x) {
                if (c.begin == std::string::npos || x.begin == std::string::npos) {
                    // (Chinese drops the subject: "冰箱声音很大，嗡嗡的，但是很冷" — the fridge, unless the
                    // home or its heating is named)
                    static constexpr std::string_view kHome[] = {"家", "屋", "房间", "室内", "暖气"};
                    return c.begin == std::string::npos && x.begin == std::string::npos &&
                           std::none_of(std::begin(kHome), std::end(kHome),
                                        [&](std::string_view h) { return d.raw.find(h) != std::string::npos; });
                }
                return d.clause[c.begin] == d.clause[x.begin];
            });
        });
    }
    {
        // "Heat working for anyone? Ours is dead": "ours" / "mine" right after a clause naming the heat
        // stands for it.
        const auto named = heat_terms;
        for (std::size_t k = 0; k < d.words.size(); ++k) {
            if (d.words[k] != "ours" && d.words[k] != "mine") continue;
            if (std::any_of(named.begin(), named.end(), [&](const Hit& h) {
                    return h.begin != std::string::npos && !h.negated && d.clause[h.begin] + 1 == d.clause[k];
                })) {
                heat_terms.push_back({k, k + 1, false, "ours"});
            }
        }
    }
    const bool heat_problem = !heat_terms.empty() && together(d, heat_terms, heat_out) &&
                              !any(heat_ok) && !any(overheat);
    const auto ac_terms = find(d, Words(kAcTerm), Words(kAcTermCjk), false);
    static constexpr const char* kAcOut[] = {
        "not working", "doesnt work", "isnt working", "not work", "no work", "no working", "broken", "broke", "dead",
        "died", "out", "off", "no", "does nothing", "just hums", "not blowing", "down", "out of order", "blowing warm", "blowing hot", "wont cool", "isnt cooling",
        "wont turn on", "not turning on", "conked out", "gave out", "kaput", "morreu", "morreram", "murio", "se murio", "est mort", "умер", "not cooling", "stopped", "warm air", "hot air", "quit", "no funciona", "no enfria", "sin",
        "descompuest*", "ne marche", "en panne", "ne fonctionne", "ne refroidit", "pas de", "plus de",
        "nao funciona", "nao gela", "parou", "pararam", "pifou", "pifaram", "pifado", "quebr*", "morte", "muerto", "muerta",
        "not running", "isnt running", "queimou", "se quemo", "сгорел", "sem", "не работает", "сломал*", "не охлаждает",
        "нет", "дует теплым"};
    static constexpr const char* kAcOutCjk[] = {"坏", "不制冷", "不凉", "不工作", "没有", "停"};
    const auto ac_out = find(d, Words(kAcOut), Words(kAcOutCjk), false);
    const bool ac_problem = any(ac_terms) && together(d, ac_terms, ac_out);

    static constexpr const char* kHot[] = {"hot", "heat", "sweltering", "boiling", "roasting", "cant cool",
                                           "calor", "caliente", "chaleur", "chaud", "calor", "quente", "жара",
                                           "жарко", "духота"};
    static constexpr const char* kHotCjk[] = {"热", "闷"};
    auto hot_words = f(kHot, kHotCjk);
    // "the hot water ... maybe 100 degrees", "agua caliente": the water, not the air
    std::erase_if(hot_words, [&](const Hit& h) {
        if (h.begin == std::string::npos) return h.text == "热" && only_within(d.raw, "热", "热水");
        return (h.end < d.words.size() && d.words[h.end] == "water") ||
               (h.begin > 0 && (d.words[h.begin - 1] == "agua" || d.words[h.begin - 1] == "eau" ||
                                d.words[h.begin - 1] == "вода" || d.words[h.begin - 1] == "воды"));
    });
    static constexpr const char* kSweat[] = {"sweating", "sweaty", "drenched in sweat", "suado", "suada", "suando",
                                             "sudando", "sudado", "sudada", "en sueur", "transpire", "потеет",
                                             "вспотел*", "мокрый от пота"};
    static constexpr const char* kSweatCjk[] = {"出汗", "满头大汗", "热得"};
    // "tá 32 graus dentro... passando mal com o calor": the warmth words of a hot home (not "heat", the
    // heating in English) say a reading without a unit is °C too.
    const bool warmth_said = std::any_of(hot_words.begin(), hot_words.end(), [](const Hit& h) {
        return !h.negated && h.text != std::string_view("heat");
    });
    // ("The air conditioning in our flat (3rd floor, west side) has stopped... It's 31 degrees inside": an
    // AC named out of the heating season is a hot home's reading, whatever split its clauses)
    const bool hot_context = !heat_problem && !any(cold) &&
                             (ac_problem || warmth_said || any(f(kSweat, kSweatCjk)) || (any(ac_terms) && !heating));
    std::optional<double> temp_f;
    bool temp_outdoor = false;  // the reading is of the weather outside
    bool temp_unit_guessed = false;  // no unit written and not English "degrees": °C or °F by context
    // "88 inside, 100 outside", "64 in here and 20F out": the criteria read the home's temperature.
    const bool indoor_stated = std::any_of(temps.begin(), temps.end(), [](const Temperature& t) { return !t.outdoor; });
    for (const auto& t : temps) {
        if (indoor_stated && t.outdoor) continue;
        const double tf = to_fahrenheit(t, heat_problem || any(cold) || (!ac_problem && heating && !hot_context), hot_context);
        const bool coldest = heat_problem || (any(cold) && !ac_problem);
        if (!temp_f || (coldest ? tf < *temp_f : tf > *temp_f)) {
            temp_f = tf;
            temp_outdoor = t.outdoor;
            temp_unit_guessed = t.unit == '?' && !t.english;
        }
    }
    if (temp_f) {
        a.temperature_c = (*temp_f - 32) * 5 / 9;
        a.reasons.push_back("condition:temperature " + fmt_temp(*temp_f));
    } else if (c.outdoor_temperature_c) {
        temp_f = *c.outdoor_temperature_c * 9 / 5 + 32;
    }
    const double cold_limit = a.vulnerable ? 55 : 45;
    const double hot_limit = a.vulnerable ? 85 : 95;
    auto partial = f(kPartial, kPartialCjk);
    {
        // "58 in the living room and it's 19 outside", "14 degrees in the kitchen": the room where the
        // tenant read the temperature, not the only part of the home without heat.
        static constexpr std::string_view kDet[] = {"the", "my", "our", "la", "el", "le", "a", "o", "mi", "ma", "mon",
                                                    "minha", "meu", "nuestra", "nuestro"};
        static constexpr std::string_view kIn[] = {"in", "en", "dans", "no", "na", "em", "в", "во"};
        static constexpr std::string_view kUnit[] = {"f", "c", "degrees", "degree", "deg", "grados", "degres", "graus",
                                                     "градусов", "градуса", "градус"};
        auto number = [](const std::string& x) {
            return !x.empty() && std::all_of(x.begin(), x.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; });
        };
        auto is_in = [](const auto& list, const std::string& x) { return std::find(std::begin(list), std::end(list), x) != std::end(list); };
        std::erase_if(partial, [&](const Hit& h) {
            if (h.begin == std::string::npos) return false;
            std::size_t k = h.begin;
            if (k > 0 && is_in(kDet, d.words[k - 1])) --k;
            if (k == 0 || !is_in(kIn, d.words[k - 1])) return false;
            --k;
            if (k > 0 && is_in(kUnit, d.words[k - 1])) --k;
            return k > 0 && number(d.words[k - 1]) && d.clause[k - 1] == d.clause[h.begin];
        });
    }
    // "во всей квартире нет света": the negation after the extent denies what is missing, not the extent.
    const auto whole_hits = f(kWhole, kWholeCjk);
    const bool whole = std::any_of(whole_hits.begin(), whole_hits.end(), [&](const Hit& h) {
        return !h.negated || (h.begin != std::string::npos && !negated_before(d, h.begin));
    });
    // Only the weather says it is mild: "not urgent" is the tenant's politeness, not the criteria.
    const bool mild = any(f(kMild, kMildCjk));
    // "Está a 43 grados Fahrenheit dentro... arreglen la caldera", "10°C dans sa chambre... le chauffage":
    // the home below the limit by a reading with its unit, the heating named.
    const bool indoor_cold = any(heat_terms) && temp_f && !temp_outdoor && *temp_f < cold_limit && !any(overheat) &&
                             std::any_of(temps.begin(), temps.end(), [](const Temperature& t) {
                                 return !t.outdoor && (t.unit != '?' || t.english);
                             });
    if (heat_problem || indoor_cold || (any(cold) && (heating || (temp_f && *temp_f < cold_limit)))) {
        const std::string what = heat_problem ? first(heat_terms) + " " + first(heat_out)
                                              : (any(cold) ? first(cold) : first(heat_terms) + ", cold inside");
        const bool host_temp = c.outdoor_temperature_c && !a.temperature_c;
        if (temp_f && *temp_f < cold_limit && !heat_problem && temp_outdoor) {
            // Cold inside and freezing weather, the heat not said to be out (a draft, a window that
            // won't close): asked.
            b.unsure("no_heat", what + ", " + fmt_temp(*temp_f) + " outdoors",
                     "Is your heat working? How cold is it inside?", "¿Funciona la calefacción? ¿Qué tan frío hace adentro?");
        } else if (temp_f && *temp_f < cold_limit) {
            b.hazard("no_heat", what + ", " + fmt_temp(*temp_f) + (host_temp ? " outdoors" : ""));
        } else if (temp_f && *temp_f >= 60 && !(temp_outdoor && temp_unit_guessed && any(cold))) {
            // ("Afuera está a 18 grados y aquí adentro hace un frío tremendo": 18 outside is °F where the
            // home is freezing, whatever °C would say; the reading does not make it mild)
            a.reasons.push_back("no heat at " + fmt_temp(*temp_f) + ": above the emergency threshold");
        } else if (heating && heat_problem && mild) {
            a.reasons.push_back("no heat, but mild or not urgent by the tenant's account: urgent");
        } else if (heating && heat_problem && (any(partial) || rest_of_home) && !whole && !a.vulnerable &&
                   !(temp_f && *temp_f < 55)) {
            b.unsure("no_heat", "part of the home without heat",
                     "Is the heat out in the whole home or one room, and how cold is it inside?",
                     "¿Falta la calefacción en toda la casa o en un cuarto, y qué tan frío hace adentro?");
        } else if (heating && heat_problem) {
            b.hazard("no_heat", what + ", heating season");
        } else if (heat_problem && a.vulnerable && !temp_f) {
            b.hazard("no_heat", what + ", vulnerable occupant");
        } else if (any(cold) && heating && !mild) {
            b.unsure("no_heat", "cold inside in the heating season",
                     "Is your heat working? How cold is it inside?", "¿Funciona la calefacción? ¿Qué tan frío hace adentro?");
        }
    }
    const bool heat_works = std::any_of(heat_ok.begin(), heat_ok.end(), [](const Hit& h) {
        static constexpr std::string_view kNoise[] = {"noisy", "loud", "noise", "banging", "clanking", "knocking",
                                                      "hissing", "coming on", "comes on", "came on", "kicks on", "cycling"};
        return !h.negated && std::find(std::begin(kNoise), std::end(kNoise), h.text) == std::end(kNoise);
    });
    if (any(heat_terms) && heat_works && !heat_problem && !any(cold)) {
        // "no hot water since this morning, heat's fine": the heat works by the tenant's account.
        b.settle("no_heat", "the heat works by the tenant's account: not a no-heat emergency");
    }
    const bool extreme_heat_stated = a.temperature_c && temp_f && *temp_f > hot_limit && !heat_problem &&
                                     any(hot_words) && (!temp_outdoor || a.vulnerable);
    // (an AC named and the weather hot outside, the AC not said to be out and nobody at risk: "le ventilateur
    // ne tourne plus... 38 dehors... les chambres ont la clim")
    if ((ac_problem || (any(ac_terms) && a.temperature_c && (!temp_outdoor || a.vulnerable)) || extreme_heat_stated) &&
        temp_f &&
        *temp_f > hot_limit) {
        b.hazard("no_cooling", first(ac_terms) + " out, " + fmt_temp(*temp_f));
    } else if (static constexpr const char* kHeatWave[] = {"heat advisory", "heat warning", "heat wave", "heatwave",
                                                           "extreme heat", "excessive heat", "ola de calor",
                                                           "alerta de calor", "canicule", "vague de chaleur",
                                                           "onda de calor", "аномальная жара", "жара"};
               ac_problem && a.vulnerable && !temp_f && any(f(kHeatWave, std::array{"热浪", "高温预警", "高温警报"}))) {
        // No reading, but the weather service's heat warning and someone at risk: no cooling in extreme
        // heat (the criteria: above 85°F with a vulnerable occupant).
        b.hazard("no_cooling", first(ac_terms) + " out in a heat wave, vulnerable occupant");
    } else if (static constexpr const char* kCoping[] = {"were managing", "we re managing", "were coping", "we re coping",
                                                         "were fine", "we re fine", "we are fine", "were ok", "we re ok",
                                                         "nos arreglamos", "aguantamos", "on gere", "on tient le coup",
                                                         "a gente aguenta", "estamos bem", "справляемся", "терпимо"};
               ac_problem && temp_f && *temp_f <= hot_limit && !a.vulnerable && any(f(kCoping, std::array{"还顶得住", "撑得住"}))) {
        // "AC is out. 88 inside, 100 outside. Fans going, we're managing": below the limit and nobody at
        // risk by the tenant's account (urgent; the model may ask, not flag).
        b.settle("no_cooling", "no cooling below the limit, the household coping by the tenant's account");
    } else if (ac_problem && a.vulnerable && !temp_f) {
        b.unsure("no_cooling", "no cooling with a vulnerable occupant",
                 "How hot is it inside right now? Is anyone feeling unwell from the heat?",
                 "¿Qué tanto calor hace adentro? ¿Alguien se siente mal por el calor?");
    }

    // No water / dirty water
    {
        auto no_water = f(kNoWater, kNoWaterCjk);
        // "the air conditioner drips water out the front": water coming out of something, not none
        // "沒有水冒出來" (no water comes up [from the drain]): not the supply
        drop_inside(no_water, find(d, {}, Words(std::array{"没有水冒", "没有水漏", "没有水溢", "地上没有水", "地上没水", "地板没有水"})));
        drop_inside(no_water, w(std::array{"drips water out", "dripping water out", "leaks water out", "leaking water out",
                                           "spits water out", "water out the front", "water out of the front",
                                           "drained some water out", "drained water out", "drain water out",
                                           "draining water out", "drained the water out"}));
        const auto hotw = f(kHotWord, kHotWordCjk);
        static constexpr const char* kTap[] = {"faucet*", "tap", "taps", "shower", "showers", "sink", "sinks",
                                               "robinet*", "grifo*", "llave*", "canilla*", "torneira*",
                                               "chuveiro*", "ducha", "douche", "кран*", "смесител*", "душ"};
        static constexpr const char* kTapCjk[] = {"水龙头", "龙头", "花洒", "水喉"};
        const auto tap = find(d, Words(kTap), Words(kTapCjk), false);
        // "the plumber fixed the pipe, water no longer comes out", "la fuite a été réparée, ça ne coule plus
        // du tout": the leak is what stopped, not the supply ("ya no sale agua", "ne coule plus").
        static constexpr const char* kRepaired[] = {"fixed", "repaired", "arreglo", "arreglaron", "reparo", "repararon",
                                                    "reparee", "repare", "reparada", "reparado", "consertou",
                                                    "consertaram", "consertad*", "trocou", "починили",
                                                    "отремонтировали", "заменили"};
        const bool leak_repaired = (any(leak) || any(pipe)) && any(w(kRepaired));
        std::erase_if(no_water, [&](const Hit& h) {
            if (leak_repaired && h.begin != std::string::npos &&
                ((h.begin > 0 && (d.words[h.begin - 1] == "ya" || d.words[h.begin - 1] == "anymore")) ||
                 h.text == std::string_view("coule plus du tout"))) {
                return true;
            }
            // "the igniter glows but then nothing", "it clicks and then nothing": a tap's, or not water
            if ((h.text == std::string_view("then nothing") || h.text == std::string_view("and then nothing")) && !any(tap)) {
                return true;
            }
            if (h.begin == std::string::npos) {
                return d.raw.find("没有热水") != std::string::npos || d.raw.find("没热水") != std::string::npos;
            }
            for (const auto& x : hotw) {
                if (x.begin != std::string::npos && x.begin + 2 >= h.begin && x.begin <= h.end + 1) return true;
            }
            static constexpr std::string_view kNotSupply[] = {"ni", "nor", "nem", "ни", "pressure", "presion", "pression", "pressao", "that",
                                                              "on", "leaking", "coming", "anywhere", "around",
                                                              "visible", "under", "near", "damage", "there", "backing",
                                                              "pooling", "dripping", "getting", "al", "par", "onto",
                                                              // "no sale agua sucia ni nada", "no sale agua fuera de la bañera"
                                                              "sucia", "sucio", "suja", "fuera", "afuera"};
            // ("sin agua. Ni el inodoro se llena": "ni" opens the next sentence, not "sin agua ni luz")
            if (h.end >= d.words.size() || h.end == 0) return false;
            const bool next_sentence = d.clause[h.end] != d.clause[h.end - 1] &&
                                       (d.words[h.end] == "ni" || d.words[h.end] == "nem" || d.words[h.end] == "nor");
            // "não sai nada para o chão": nothing comes out onto the floor ("sem água para beber" is the supply)
            const bool onto_floor = d.words[h.end] == "para" && h.end + 2 < d.words.size() &&
                                    (d.words[h.end + 2] == "chao" || d.words[h.end + 2] == "piso" ||
                                     d.words[h.end + 2] == "suelo");
            // "no hay agua en el piso", "no water on the floor", "pas d'eau par terre": none spilled;
            // "no sale agua por ahí, solo por la llave de la tina": one outlet of several.
            auto word_at = [&](std::size_t k) { return k < d.words.size() ? std::string_view(d.words[k]) : std::string_view(); };
            auto floor_word = [](std::string_view x) {
                return x == "piso" || x == "suelo" || x == "floor" || x == "chao" || x == "sol" || x == "terre" ||
                       x == "полу";
            };
            const bool on_floor = (word_at(h.end) == "en" || word_at(h.end) == "on" || word_at(h.end) == "no" ||
                                   word_at(h.end) == "sur" || word_at(h.end) == "par" || word_at(h.end) == "на") &&
                                  (floor_word(word_at(h.end + 1)) || floor_word(word_at(h.end + 2)));
            const bool that_outlet = word_at(h.end) == "por" && (word_at(h.end + 1) == "ahi" || word_at(h.end + 1) == "alli");
            if (!next_sentence && (on_floor || that_outlet)) return true;
            return !next_sentence &&
                   (onto_floor ||
                    std::find(std::begin(kNotSupply), std::end(kNotSupply), d.words[h.end]) != std::end(kNotSupply));
        });
        {
            // "nothing from any faucet", "only air comes out of the tap", "aucun robinet ne coule",
            // "not one faucet in the place works": a tap and its dryness, or no tap that gives water,
            // in a clause (hot water aside: no hot water alone is urgent).
            static constexpr const char* kDry[] = {"went dry", "gone dry", "only air", "just air", "sputter of air", "sputters air",
                                                   "nothing from any", "nothing out of any", "sale aire",
                                                   "solo sale aire", "sai ar", "que de l air", "only spits air",
                                                   "a sec", "только воздух"};
            static constexpr const char* kDryCjk[] = {"只出气", "只有气", "一滴都没有", "滴水不出"};
            static constexpr const char* kNone[] = {"not one", "none of the", "not a single", "no faucet", "no tap",
                                                    "aucun", "aucune", "ningun", "ninguna", "nenhum", "nenhuma",
                                                    "ни один", "ни одного", "ни из одного"};
            static constexpr const char* kFlow[] = {"works", "work", "working", "runs", "running", "coule", "coulent",
                                                    "sale", "salen", "sai", "funciona", "funcionan", "fonctionne",
                                                    "marche", "работает", "течет", "идет", "has water", "gives water"};
            const auto none = find(d, Words(kNone), {}, false);
            const bool hot_too = together(d, tap, hotw) || together(d, none, hotw);
            if (!hot_too && (together(d, tap, f(kDry, kDryCjk)) ||
                             (together(d, tap, none) && together(d, none, find(d, Words(kFlow), {}, false))))) {
                no_water.push_back({0, 0, false, first(tap) + " dry"});
            }
        }
        // "no hot water for two days, the cold is there": hot water alone is urgent (the model may ask)
        static constexpr const char* kColdRuns[] = {"cold water works", "cold water is fine", "cold works", "cold is fine",
                                                    "холодная есть", "холодная ест", "холодная вода есть", "холодная идет", "la fria si",
                                                    "agua fria si", "agua fria funciona", "l eau froide marche",
                                                    "eau froide fonctionne", "eau froide coule", "a fria funciona",
                                                    "agua fria tem", "a fria tem", "fria sai"};
        if (no_water.empty() && any(find(d, Words(kHotWord), Words(kHotWordCjk), false)) && any(w(kColdRuns))) {
            b.settle("no_water", "no hot water alone, the cold water runs: urgent, not an emergency");
        }
        // "No sale agua en el fregadero... El baño sí tiene agua", "В ванной вода есть": one tap dry (a
        // frozen pipe), water in another room: urgent, not an emergency (the model may still ask).
        static constexpr const char* kWaterElsewhere[] = {"si tiene agua", "si hay agua", "ainda tem agua",
                                                          "banheiro tem agua", "cozinha tem agua", "a encore de l eau",
                                                          "вода есть", "есть вода", "shower work fine",
                                                          "shower works fine", "sink and shower work",
                                                          "bathroom has water", "kitchen has water", "bathroom sink works",
                                                          "toilet all work", "all work fine", "all working fine"};
        static constexpr const char* kWaterElsewhereCjk[] = {"浴室有水", "厕所有水", "卫生间有水", "厨房有水"};
        const bool water_elsewhere = any(partial) && !whole && any(f(kWaterElsewhere, kWaterElsewhereCjk));
        if (!no_water.empty() && water_news) {
            a.reasons.push_back("water cut announced or back: a question or news, not an emergency");
        } else if (!no_water.empty() && water_elsewhere) {
            a.reasons.push_back("no water in one place, water in another room: urgent, not an emergency");
        } else if (!no_water.empty()) {
            b.hazard("no_water", no_water.front().text);
        }
        auto dirty = f(kDirtyWater, kDirtyWaterCjk);
        static constexpr const char* kDirtyColor[] = {"brown", "dirty", "rusty", "muddy", "black", "yellow", "sucia",
                                                      "marron", "cafe", "amarilla", "marron", "brune",
                                                      "jaune", "suja", "marrom", "amarela", "грязн*", "ржав*",
                                                      "коричнев*", "желт*"};
        if (dirty.empty() && !any(stain) && together(d, water, find(d, Words(kDirtyColor)))) {
            dirty.push_back({0, 0, false, "discolored water"});
        }
        // "an inch of dirty water sitting at the bottom of the dishwasher": the appliance's, not the supply
        static constexpr const char* kApplianceWater[] = {"dishwasher", "dish washer", "washer", "washing machine",
                                                          "lavadora", "lavavajillas", "lave vaisselle", "lave linge",
                                                          "maquina de lavar", "lava louca", "посудомо*", "стиральн*"};
        const auto appliance_water = w(kApplianceWater);
        std::erase_if(dirty, [&](const Hit& h) {
            return h.begin != std::string::npos && std::any_of(appliance_water.begin(), appliance_water.end(), [&](const Hit& x) {
                       return (x.begin > h.begin ? x.begin - h.begin : h.begin - x.begin) <= 12;  // a dozen words apart
                   });
        });
        // "came out rusty for a few seconds and then ran clear", "après ça devient clair": water that
        // clears after a moment (a pipe unused for a while) is not water the home cannot use.
        static constexpr const char* kRunsClear[] = {"ran clear", "runs clear", "running clear", "then clear",
                                                     "cleared up", "then clears", "it clears", "devient clair", "redevient clair", "devient claire",
                                                     "sale limpia", "sale clara",
                                                     "ficou limpa", "fica limpa", "sai limpa", "ficou clara",
                                                     "стала чистой", "становится чистой", "стала прозрачной"};
        static constexpr const char* kRunsClearCjk[] = {"变清", "就清了", "变回清", "清返"};
        const bool runs_clear = any(f(kRunsClear, kRunsClearCjk));
        if (any(dirty) && runs_clear) {
            a.reasons.push_back("discolored water that runs clear after a moment: not an emergency");
        } else if (any(dirty)) {
            // "冷热都是", "la fría y la caliente": every tap's water, hot and cold
            if (whole || any(f(std::array{"hot and cold", "cold and hot", "la fria y la caliente", "fria y caliente",
                                          "chaude et froide", "froide et chaude", "quente e fria", "fria e quente",
                                          "горячая и холодная", "холодная и горячая"},
                               std::array{"冷热都是", "冷水热水都", "热水冷水都"}))) {
                b.hazard("no_water", first(dirty) + " everywhere");
            } else {
                b.unsure("no_water", "dirty water", "Is the water dirty from every tap, and does it stay that way after running it a few minutes?",
                         "¿El agua sale sucia de todas las llaves y sigue así después de dejarla correr unos minutos?");
            }
        }
    }

    // Power loss and medical equipment
    auto power_out = find(d, Words(kPowerOut), Words(kPowerOutCjk), false);
    if (!power_out.empty() && any(w(std::array{"two prong", "2 prong", "three prong", "3 prong", "grounded", "ungrounded", "usb", "upgrade*"}))) {
        // "All the outlets in our flat are the old two-prong type": the kind of outlet, not dead ones
        std::erase_if(power_out, [](const Hit& h) {
            return h.text == std::string_view("all the outlets") || h.text == std::string_view("all outlets");
        });
    }
    if (d.has_cjk && !power_out.empty() && any(find(d, {}, Words(std::array{"警报器", "报警器", "探测器", "侦测器", "偵測器", "烟感", "感应器"}), false))) {
        // "走廊個煙霧警報器每隔一分鐘就嘀一聲,應該係冇電": the alarm's battery is flat, not the home
        std::erase_if(power_out, [](const Hit& h) {
            return h.text == std::string_view("冇电") || h.text == std::string_view("没电") ||
                   h.text == std::string_view("没有电");
        });
    }
    {
        // "our unit has been dark since 2pm": the home is dark, not a screen or a hallway bulb
        static constexpr const char* kDark[] = {"dark", "pitch black", "oscuras", "a oscuras", "noir", "escuro",
                                                "темно"};
        static constexpr const char* kHome[] = {"unit", "apartment", "apt", "house", "place", "home", "everything",
                                                "whole", "departamento", "apartamento", "casa", "appartement",
                                                "appart", "maison", "квартир*", "дома", "весь"};
        // "whole house is dead", "everything in my place died at once", "lights out whole apartment"
        // (not "home": "the fridge died while I was home")
        static constexpr const char* kDead[] = {"is dead", "went dead", "died", "lights out"};
        static constexpr const char* kWholeHome[] = {"everything", "whole", "house", "apartment", "unit", "place"};
        if (together(d, find(d, Words(kDark), {}, false), find(d, Words(kHome), {}, false)) ||
            together(d, find(d, Words(kDead), {}, false), find(d, Words(kWholeHome), {}, false))) {
            power_out.push_back({0, 0, false, "home dark"});
        }
        // "Lights, tills, fridges - everything in the corner shop went off at once": everything went off
        // together (not an alarm that went off).
        static constexpr const char* kWentOff[] = {"went off", "cut out", "shut off", "switched off", "se apago",
                                                   "s est eteint", "desligou", "apagou", "выключилось", "погасло"};
        static constexpr const char* kEverything[] = {"everything", "todo", "tout", "tudo", "все", "всё"};
        static constexpr const char* kAlarmNoun[] = {"alarm*", "detector*", "alarma*", "alarme*", "detecteur*",
                                                     "сигнализац*", "датчик*", "sprinkler*"};
        // (the verb after "everything" in its clause: "I shut off everything and left" is the tenant's doing)
        const auto went_off = find(d, Words(kWentOff), {}, false);
        const auto everything = find(d, Words(kEverything), {}, false);
        const bool everything_went_off = std::any_of(everything.begin(), everything.end(), [&](const Hit& e) {
            return e.begin != std::string::npos && std::any_of(went_off.begin(), went_off.end(), [&](const Hit& v) {
                       return v.begin != std::string::npos && v.begin > e.begin && d.clause[v.begin] == d.clause[e.begin];
                   });
        });
        if (everything_went_off && !any(w(kAlarmNoun))) power_out.push_back({0, 0, false, "everything went off"});
        // "nothing works in the cottage - kettle, lights, the pump for the shower": nothing electric
        // works, at least two electric things named (not "nothing works, the faucet and the drain").
        static constexpr const char* kNothingWorks[] = {"nothing works", "nothing is working", "nothing working",
                                                        "nothing electric", "nada funciona", "no funciona nada",
                                                        "nao funciona nada", "rien ne marche", "rien ne fonctionne",
                                                        "ничего не работает"};
        static constexpr const char* kNothingWorksCjk[] = {"什么都不能用", "什么都用不了", "全部都不能用"};
        static constexpr const char* kPowered[] = {"lights", "light", "lamp*", "kettle", "fridge", "refrigerator",
                                                   "microwave", "tv", "wifi", "router", "outlets", "sockets",
                                                   "pump", "luces", "luz", "nevera", "refri*", "microondas",
                                                   "lumiere*", "frigo", "micro ondes", "luzes", "geladeira",
                                                   "свет", "холодильник", "чайник", "розетки"};
        static constexpr const char* kPoweredCjk[] = {"灯", "冰箱", "微波炉", "插座", "电视"};
        if (any(f(kNothingWorks, kNothingWorksCjk))) {
            std::set<std::string> named;
            for (const auto& h : f(kPowered, kPoweredCjk)) {
                if (!h.negated) named.insert(h.text);
            }
            if (named.size() >= 2) power_out.push_back({0, 0, false, "nothing electric works"});
        }
    }
    {
        // "power's been out since noon", "la luz se fue": a power word and a state word in a clause
        auto term = power_terms;  // (found once, for the supply news above)
        drop_inside(term, find(d, Words(std::array{"courant d air", "corriente de aire", "corrente de ar"}), {}, false));
        // "the power strip keeps clicking off", "the power button": a device, not the home's supply
        drop_inside(term, find(d, Words(std::array{"power strip*", "power bar*", "power board*", "power button",
                                                   "power cord*", "power supply unit", "power brick", "power bank*"}),
                               {}, false));
        const auto state = find(d, Words(kPowerState), {}, false);
        static constexpr const char* kBillWords[] = {"bill", "billing", "company", "account", "factura", "recibo",
                                                     "conta", "facture", "счет", "квитанци*"};
        if (together(d, term, state) && !any(find(d, Words(kBillWords)))) {
            power_out.push_back({term.front().begin, term.front().end, false, term.front().text + " out"});
        }
    }
    if (d.has_cjk && (d.raw.find("电池") != std::string::npos || d.raw.find("报警器") != std::string::npos ||
                      d.raw.find("探测器") != std::string::npos || d.raw.find("探測器") != std::string::npos ||
                      d.raw.find("侦测器") != std::string::npos || d.raw.find("感应器") != std::string::npos ||
                      d.raw.find("手机") != std::string::npos || d.raw.find("遥控") != std::string::npos)) {
        // 没电 of a battery, a phone or an alarm is not a power cut.
        std::erase_if(power_out, [](const Hit& h) { return h.begin == std::string::npos; });
    }
    {
        // "I think the battery has no power", "la pile n'a plus de courant": the alarm's battery
        const auto battery_word = w(std::array{"battery", "batteries", "pila", "pilas", "pile", "piles", "bateria",
                                               "baterias", "батарейк*"});
        std::erase_if(power_out, [&](const Hit& h) {
            return h.begin != std::string::npos && h.end > h.begin &&
                   std::any_of(battery_word.begin(), battery_word.end(), [&](const Hit& x) {
                       return d.clause[x.begin] == d.clause[h.begin] && x.begin < h.begin && h.begin - x.begin <= 3;
                   });
        });
    }
    {
        // "If the power goes out, does the building have a generator?": a cut asked about, not one
        // that happened (only the power words inside the question go).
        static constexpr const char* kIfCut[] = {"if the power goes out", "if power goes out", "if the power went out",
                                                 "if the power ever goes out", "if we lose power", "if the power is cut",
                                                 "si se va la luz", "si se corta la luz", "en cas de coupure",
                                                 "si le courant est coupe", "se faltar luz", "se faltar energia",
                                                 "se a luz acabar", "если отключат свет", "если пропадет свет"};
        static constexpr const char* kIfCutCjk[] = {"如果停电", "万一停电", "如果断电"};
        drop_inside(power_out, f(kIfCut, kIfCutCjk));
    }
    const auto medical_equip = medical_equipment(d);
    // Nothing wrong now: the tenant tells the office about equipment for a future outage. (Not "just
    // in case": "the concentrator won't turn on, I keep a tank just in case" is an emergency.)
    static constexpr const char* kNoIncident[] = {"nothing is wrong", "nothing wrong right now", "nothing is wrong now",
                                                  "if there s ever", "if there is ever", "if there was ever",
                                                  "no pasa nada ahora", "rien ne cloche", "nada de errado agora",
                                                  "сейчас всё в порядке", "everything working",
                                                  "everything is working", "everythings working", "all working",
                                                  "todo funciona", "tout fonctionne", "tudo funciona", "всё работает",
                                                  "nothing wrong now", "nothing wrong at the moment"};
    static constexpr const char* kNoIncidentCjk[] = {"目前没问题", "现在没问题", "现在一切正常"};
    // "the breaker has tripped twice today. It's working now", "Pour l'instant tout marche bien": working
    // now on the home's power (not on a battery or a reserve: read below).
    static constexpr const char* kWorkingNow[] = {"tout marche bien", "pour l instant tout marche", "funciona todo bien",
                                                  "por ahora funciona", "its working now", "it s working now",
                                                  "its working fine now", "por enquanto funciona", "its running fine now",
                                                  "running fine now", "working fine now", "ahora funciona bien",
                                                  "fonctionne bien maintenant", "agora funciona bem", "сейчас работает"};
    const bool no_incident = any(f(kNoIncident, kNoIncidentCjk));
    const bool working_now = any(w(kWorkingNow));
    // A cut announced ahead with medical equipment at home: asked whether it has a backup.
    auto ask_about_announced_cut = [&] {
        b.unsure("medical", "power cut announced, " + first(medical_equip) + " at home",
                 "Does the medical equipment have a battery or backup for the cut? Tell us now if it does not.",
                 "¿El equipo médico tiene batería o respaldo para el corte? Avísenos ahora si no lo tiene.");
    };
    if (any(power_out)) {
        if (any(medical_equip) && supply_news) {
            ask_about_announced_cut();
        } else if (any(medical_equip)) {
            b.hazard("medical", "power out with " + first(medical_equip));
        } else if (rest_of_home) {
            b.settle("power_loss", "power out in part of the home, the rest has power: urgent, not an emergency");
        } else if (const bool area = any(find(d, Words(kAreaDark), Words(kAreaDarkCjk), false));
                   (area || any(find(d, Words(kUtility), Words(kUtilityCjk), false))) && !any(f(kAreaLit, kAreaLitCjk))) {
            // Settled (the model may ask, not flag) only where the tenant says the area is dark: the
            // utility's name alone also comes with "they said it's not on their side".
            if (area) {
                b.settle("power_loss", "power outage of the utility (the area is dark): urgent, not an emergency");
            } else {
                a.reasons.push_back("power outage of the utility (the area is dark): urgent, not an emergency");
            }
        } else if (supply_news && !any(f(kAreaLit, kAreaLitCjk))) {
            // ("whole street came back on at 11, we're the only ones dark": the area's, not this home's)
            a.reasons.push_back("power cut announced or back: a question or news, not an emergency");
        } else if (any(partial) && !whole && !any(f(kBuildingOnlyDark, kBuildingOnlyDarkCjk)) &&
                   !any(f(std::array{"neighbors have", "neighbours have", "next door has", "rest of the building",
                                     "across the hall has", "next door s got", "next doors got",
                                     "neighbors si tienen", "vecinos tienen", "reste de l immeuble", "vecinos si tienen", "voisins ont",
                                     "resto do predio", "vizinhos tem", "у соседей", "hallway has", "hallway is lit",
                                     "hallway fine", "hallway is fine", "neighbors are fine", "neighbours are fine",
                                     "only ours", "just ours", "only our apartment", "only our unit"},
                          std::array{"邻居有电", "邻居家有电"}))) {
            a.reasons.push_back("power out in part of the home: urgent, not an emergency");
            // "la moitié de l'appart est dans le noir... les lampes clignotent": half the home dark and the
            // rest flickering may be a failing supply (asked).
            if (any(f(std::array{"flicker*", "clignot*", "parpade*", "pisca*", "мига*", "dimming", "browning out"},
                      std::array{"闪", "忽明忽暗"}))) {
                b.unsure("power_loss", "power out in part of the home, the rest flickering",
                         "Is the power out in the whole home? Do the lights still flicker, or does anything smell burnt?",
                         "¿Falta la luz en toda la casa? ¿Siguen parpadeando las luces o huele a quemado?");
            }
        } else if (const bool own_account = [&] {
                       // "the prepay meter says 0.00 and the emergency credit is used up", "nos cortaron la luz
                       // por falta de pago", "je n'ai pas encore ouvert le compteur chez EDF", "预付费电表，余额是零":
                       // a supply the tenant's own account stopped (unpaid, prepaid, not yet opened) is the
                       // tenant's to restore with the utility (the model may ask).
                       static constexpr const char* kOwnAccount[] = {
                           "unpaid", "non payment", "nonpayment", "falta de pago", "falta de pagamento", "impaye*",
                           "неоплат*", "neoplat*", "prepay*", "prepaid meter", "top up", "emergency credit",
                           "cash power", "recharger", "recargar", "recarregar", "пополн*", "in our name", "in my name",
                           "ouvert le compteur", "ouvrir le compteur", "ouvrir un compte", "open an account",
                           "abrir la cuenta", "abrir uma conta", "payment plan", "plan de pago"};
                       static constexpr const char* kOwnAccountCjk[] = {"预付费", "充值", "欠费", "电力公司的账户"};
                       // ("室友说是不是欠费了 我查了没欠", "Prepaid meter app shows $43 credit but the power's
                       // been off": the account is not the cause by the tenant's account)
                       static constexpr const char* kAccountFine[] = {"has money on it", "money on it", "credit on it",
                                                                      "has credit", "still has credit", "plenty of credit",
                                                                      "i paid the bill", "bill is paid", "tiene saldo",
                                                                      "tem saldo", "il y a du credit", "деньги есть"};
                       static constexpr const char* kAccountFineCjk[] = {"没欠", "没有欠", "不是欠费", "还有钱", "有余额",
                                                                         "余额还有", "还有余额"};
                       bool credit_left = false;
                       for (std::size_t i = 1; i < d.words.size(); ++i) {
                           if (d.words[i] == "credit" && std::isdigit(static_cast<unsigned char>(d.words[i - 1][0])) != 0) {
                               credit_left = true;
                           }
                       }
                       return any(f(kOwnAccount, kOwnAccountCjk)) && !credit_left &&
                              !any(f(kAccountFine, kAccountFineCjk));
                   }();
                   own_account) {
            b.settle("power_loss", "power cut on the tenant's own utility account (unpaid, prepaid or not yet opened): not the building's emergency");
        } else if ((working_now || any(f(std::array{"came back on", "its back on", "power is back", "powers back",
                                                    "everythings working now", "everything is working now",
                                                    "todo funciona normal", "volvio la luz", "le courant est revenu",
                                                    "a luz voltou", "voltou a luz", "свет дали", "свет вернулся"},
                                         std::array{"来电了", "已经来电", "恢复供电了"}))) &&
                   !any(w(std::array{"except", "but the", "menos", "sauf", "exceto", "кроме", "again", "de nuevo",
                                     "otra vez", "encore", "de novo", "снова", "опять", "still out", "still off",
                                     "only ones", "only one", "solo nosotros", "seulement chez nous", "so nos",
                                     "только у нас"}))) {
            // "Power went out for 2 hours tonight, came back on at 9. Everything's working now."
            b.settle("power_loss", "power back on by the tenant's account: not an emergency");
        } else {
            b.hazard("power_loss", first(power_out));
        }
    } else if (any(medical_equip)) {
        static constexpr const char* kNoPower[] = {"wont turn on", "not working", "no power", "dead", "died", "outlet*",
                                                   "breaker*", "on battery", "battery", "batterie", "bateria",
                                                   "no funciona", "no prende", "dejo de funcionar", "enchufe*",
                                                   "ne marche*", "ne fonctionne*", "prise", "disjoncteur",
                                                   "nao liga", "nao funciona*", "parou de funcionar", "parou", "pararam", "tomada*", "disjuntor",
                                                   "не работает", "не включается", "розетк*", "на батарее",
                                                   "tripped", "wont reset", "circuit", "disjonct*", "se boto", "outage",
                                                   "needs power", "needs electricity", "apagon", "coupure", "apagao", "is out", "are out", "still out",
                                                   "wont last", "run out", "running out", "running low",
                                                   "отключени*"};
        static constexpr const char* kNoPowerCjk[] = {"没电", "不工作", "开不了", "停电", "插座", "电池"};
        // One outlet or room without power in a home that has it and the equipment moved and running
        // elsewhere ("I moved the nebulizer to the kitchen", "I can do it in the kitchen"), or the
        // power to it said to be fine ("it's the filter... the power's fine", "still works fine"): asked,
        // not flagged. Not while it runs on a battery or a reserve tank, or will not turn on.
        static constexpr const char* kRelocated[] = {
            "moved it", "moved him", "moved her", "moved the", "moved my", "ive moved", "back in the kitchen",
            "in the kitchen for now", "can do it in", "lamp going", "plugged it in somewhere else",
            "plugged into another", "another outlet", "other outlet", "mudei", "outra tomada", "otro enchufe", "lo movi",
            "lo cambie de", "autre prise", "другую розетку", "переставил*"};
        static constexpr const char* kRelocatedCjk[] = {"另一个插座", "别的插座", "换了插座"};
        static constexpr const char* kPowerFine[] = {"il a du courant", "sa machine marche", "la machine marche", "luz hay",
                                                     "la maquina funciona bien", "a maquina funciona", "power s fine", "power is fine", "power fine", "still works fine",
                                                     "still working fine", "works fine"};
        static constexpr const char* kOnReserve[] = {"battery", "batteries", "bateria", "batterie", "аккумулятор*",
                                                     "батаре*", "cylinder*", "cilindro*", "tank", "tanks", "tanque",
                                                     "bouteille", "баллон*", "reserve", "reserva", "backup",
                                                     "wont turn on", "wont start", "not turning on", "nao liga",
                                                     "no prende", "no enciende", "ne s allume", "не включается",
                                                     "flicker*",
                                                     // ("the cord won't reach another outlet": not moved)
                                                     "wont reach", "doesnt reach", "cant reach", "too short",
                                                     "no alcanza", "nao alcanca", "nao chega", "не дотягива*",
                                                     "не достает"};
        static constexpr const char* kOnReserveCjk[] = {"电池", "后备", "开不了", "不工作"};
        const bool relocated = (rest_of_home || any(partial)) && any(f(kRelocated, kRelocatedCjk));
        // "My husband's oxygen concentrator is showing a fault light. The power in the apartment is fine,
        // I checked with a lamp", "家里电都正常，换了插座也一样，是机器的问题": the machine's own fault with the
        // home's power on (its supplier's to replace; the tanks are its backup, not a sign of a cut).
        static constexpr const char* kHomePowerFine[] = {
            "power in the apartment is fine", "power in the house is fine", "power in the flat is fine",
            "the power is fine", "luz de la casa esta bien", "la luz de la casa esta bien", "energia da casa ta normal",
            "energia da casa esta normal", "a energia ta normal", "электричество в квартире есть",
            "le courant est normal", "l electricite marche"};
        static constexpr const char* kHomePowerFineCjk[] = {"家里电都正常", "家里电正常", "电都正常"};
        // (not where the person has no backup or is short of breath: "no tiene tanque de respaldo y le falta el aire")
        static constexpr const char* kNoBackup[] = {"no backup", "no tank", "no tanks", "cant breathe", "struggling to breathe",
                                                    "short of breath", "sin respaldo", "no tiene tanque", "le falta el aire",
                                                    "no puede respirar", "nao tem cilindro", "nao consegue respirar",
                                                    "falta de ar", "pas de bouteille", "ne peut pas respirer",
                                                    "нет баллона", "не может дышать", "задыхается"};
        static constexpr const char* kNoBackupCjk[] = {"没有备用", "喘不过气", "呼吸困难"};
        if (any(f(kNoPower, kNoPowerCjk)) && any(f(kHomePowerFine, kHomePowerFineCjk)) &&
            !any(find(d, Words(kNoBackup), Words(kNoBackupCjk), false))) {
            b.settle("medical", "medical equipment's own fault, the home's power on by the tenant's account");
            b.unsure("medical", first(medical_equip) + " faulty, the home's power on by the tenant's account",
                     "Does the person who uses it have a working backup right now? If not, call 911 or the supplier's emergency line.",
                     "¿La persona que lo usa tiene un respaldo que funcione ahora? Si no, llame al 911 o a la línea de emergencia del proveedor.");
        } else if (any(f(kNoPower, kNoPowerCjk)) && (relocated || any(w(kPowerFine))) && !any(f(kOnReserve, kOnReserveCjk))) {
            b.settle("medical", "medical equipment with power elsewhere in the home by the tenant's account");
            b.unsure("medical", first(medical_equip) + " at home, powered elsewhere by the tenant's account",
                     "Is the medical equipment running on power right now? Tell us at once if it is not.",
                     "¿El equipo médico está funcionando con corriente ahora? Avísenos de inmediato si no.");
        } else if (any(f(kNoPower, kNoPowerCjk)) &&
                   (no_incident || (working_now && !any(f(kOnReserve, kOnReserveCjk))))) {
            b.settle("medical", "medical equipment at home, nothing wrong now by the tenant's account");
            b.unsure("medical", first(medical_equip) + " at home, nothing wrong now by the tenant's account",
                     "Is the medical equipment working right now? Tell us at once if it loses power.",
                     "¿El equipo médico funciona ahora? Avísenos de inmediato si se queda sin corriente.");
        } else if (any(f(kNoPower, kNoPowerCjk)) && supply_news) {
            ask_about_announced_cut();
        } else if (any(f(kNoPower, kNoPowerCjk))) {
            b.hazard("medical", first(medical_equip) + " without power");
        }
    }
    {
        const auto fridge = f(kFridge, kFridgeCjk);
        const auto medicine = f(kMedicine, kMedicineCjk);
        // "it's been running loud lately. Still cold, the thermometer says 38": the medicine is cold.
        static constexpr const char* kStillCold[] = {"still cold", "still cooling", "keeping things cold",
                                                     "sigue enfriando", "todavia enfria", "refroidit encore",
                                                     "refroidit bien", "ainda gela", "gela normal", "ainda esta frio", "ainda ta frio",
                                                     "todavia esta frio", "sigue frio", "encore froid", "морозит нормально",
                                                     "холодит нормально"};
        static constexpr const char* kStillColdCjk[] = {"还是冷的", "还能制冷", "还在制冷"};
        // "I keep my insulin at my mom's anyway", "mis medicinas no necesitan refri": not in the fridge.
        static constexpr const char* kElsewhere[] = {"at my mom", "at my moms", "at my mothers", "at my sister",
                                                     "keep my insulin at", "already took", "took it to", "ja levei",
                                                     "levei pra", "levei para", "no necesitan refri*", "no necesita refri*",
                                                     "dont need refrigeration", "dont need to be refrigerated", "no just food", "just food", "only food",
                                                     "nao precisam de geladeira", "nao precisa de geladeira",
                                                     "doesnt need refrigeration", "doesnt need to be refrigerated",
                                                     "not in the fridge", "nao precisa de geladeira", "pas besoin du frigo",
                                                     "pas besoin d etre au frais", "не нужно хранить в холодильнике"};
        if (any(fridge) && any(medicine) && any(w(kElsewhere))) {
            b.settle("medical", "the medicine is not in the fridge that stopped, by the tenant's account");
        } else if (any(fridge) && any(medicine) && any(f(kStillCold, kStillColdCjk)) && !any(power_out)) {
            b.settle("medical", "the fridge with the medicine still cools by the tenant's account: not an emergency");
        } else if (any(fridge) && any(medicine) && (any(f(kNotCooling, kNotCoolingCjk)) || any(power_out))) {
            b.hazard("medical", first(medicine) + " in a " + first(fridge) + " that stopped cooling");
        }
    }

    // Entry security
    auto breakin = f(kBreakIn, kBreakInCjk);
    // "the blinds broke in the living room", "the last fridge broke in March": a thing that broke
    std::erase_if(breakin, [&](const Hit& h) {
        static constexpr std::string_view kWhereWhen[] = {
            "living", "kitchen", "bedroom", "bathroom", "half", "two", "pieces", "rm", "january", "february",
            "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"};
        auto where_when = [&](std::size_t k) {
            return k < d.words.size() &&
                   std::find(std::begin(kWhereWhen), std::end(kWhereWhen), d.words[k]) != std::end(kWhereWhen);
        };
        return (h.text == "broke in" || h.text == "break in") &&
               (where_when(h.end) || (h.end < d.words.size() && d.words[h.end] == "the" && where_when(h.end + 1)));
    });
    {
        // "After the break-in at 1A last week... it locks fine", "Depuis le cambriolage chez la voisine",
        // "a couple of cars in the lot got broken into", "Arrombaram dois carros", "вскрыли несколько почтовых
        // ящиков", "街上发生了好几起入室盗窃": a past break-in named as the reason for a request, or one of
        // cars, mailboxes or the street — not the home open now (its own door and locks are read below).
        static constexpr std::string_view kSince[] = {"after", "since", "depuis", "suite", "apres", "depois", "apos",
                                                      "desde", "tras", "после"};
        static constexpr const char* kNotTheHome[] = {"car", "cars", "carro", "carros", "coche", "coches", "voiture*",
                                                      "машин*", "автомобил*", "mailbox*", "buzon*", "boite aux lettres",
                                                      "boites aux lettres", "caixa de correio", "caixas de correio",
                                                      "почтов*", "parking lot"};
        static constexpr const char* kNotTheHomeCjk[] = {"汽车", "车被", "信箱", "邮箱", "街上"};
        // (read only where a break-in is named: the lists are read for no other message)
        const auto not_home = breakin.empty() ? std::vector<Hit>{} : find(d, Words(kNotTheHome), Words(kNotTheHomeCjk), false);
        std::erase_if(breakin, [&](const Hit& h) {
            if (h.begin == std::string::npos) {
                return std::any_of(not_home.begin(), not_home.end(), [&](const Hit& n) {
                    return n.begin == std::string::npos && n.cjk_clause == h.cjk_clause;
                });
            }
            for (std::size_t back = 1; back <= 2 && back <= h.begin; ++back) {
                if (std::find(std::begin(kSince), std::end(kSince), d.words[h.begin - back]) != std::end(kSince)) return true;
            }
            return std::any_of(not_home.begin(), not_home.end(), [&](const Hit& n) {
                return n.begin != std::string::npos && d.clause[n.begin] == d.clause[h.begin];
            });
        });
    }
    if (any(breakin)) b.hazard("entry_security", first(breakin));
    {
        const auto door = find(d, Words(kDoor), Words(kDoorCjk), false);
        const auto lock = find(d, Words(kLock), Words(kLockCjk), false);
        const auto insecure = f(kInsecure, kInsecureCjk);
        const auto interior = f(kInterior, kInteriorCjk);
        const auto front = f(std::array{"front door", "entry door", "entrance door", "main door", "apartment door",
                                        "back door", "puerta principal", "puerta de entrada", "porte d entree",
                                        "porta da frente", "porta de entrada", "входн*", "portao do predio",
                                        "portao da garagem"},
                             std::array{"单元门", "大门", "楼门", "入户门", "防盗门"});
        static constexpr const char* kLockFail[] = {"doesnt work", "not working", "isnt working", "wont turn",
                                                    "stuck open", "jammed open", "no sirve", "no funciona",
                                                    "ne marche", "ne fonctionne", "nao funciona", "не работает",
                                                    "заело"};
        static constexpr const char* kLockFailCjk[] = {"锁不住", "关不严", "不能锁"};
        const auto lock_fail = f(kLockFail, kLockFailCjk);
        // An interior door (bedroom, closet, mailbox) is not the home's security, unless the front
        // door is the one said to be broken.
        const bool exterior = !any(interior) || together(d, front, insecure) || together(d, front, lock_fail);
        // A door that still locks by the tenant's account ("door still closes and locks from inside",
        // "单元门本身能正常关上锁好"), or a door closer that is slow: asked, not flagged.
        static constexpr const char* kStillLocks[] = {
            "elle se verrouille", "does lock", "still lock", "it locks fine",
            "ferme a clef", "ferme a cle", "tranca normal",
            "still locks", "locks fine", "locks from inside", "closes and locks", "still closes", "closer is slow",
            "slow to close", "takes forever to", "cierra bien", "cierra con llave", "ferme bien",
            "queda cerrada con llave", "fecha com chave",
            "se verrouille bien", "fecha bem", "tranca bem", "закрывается нормально", "запирается нормально",
            "nobody can get in", "no one can get in", "nobodys getting in", "nobody is getting in",
            // ("mais ça ferme": "mais" opens a clause, so the phrase is "ça ferme", not followed by "pas")
            "ca ferme", "elle ferme quand meme", "still latches", "building is secure", "igual cierra", "fecha mesmo assim", "ainda fecha",
            "все равно закрывается", "it lock ok", "locks ok", "deadbolt works", "so its locked", "its locked", "with the deadbolt on", "deadbolt is on"};
        static constexpr const char* kStillLocksCjk[] = {"但是可以锁", "还是可以锁", "还可以锁", "锁是可以锁的", "仲锁到", "仲锁得", "还能锁", "锁好", "能锁", "正常关上", "能正常关", "外面进不来"};
        auto still_lock_hits = f(kStillLocks, kStillLocksCjk);
        drop_negated_after(d, still_lock_hits);  // "ça ferme pas", "ça ferme mal"
        // "The door still closes but there's a hole in it you can walk right through": closing is not securing.
        static constexpr const char* kHoleThrough[] = {"walk right through", "walk through it", "climb through",
                                                       "crawl through", "reach through", "reach in and", "step through",
                                                       "se puede entrar por", "entrar por el hueco", "passer par le trou",
                                                       "da para passar", "da pra passar", "можно пролезть", "пролезет",
                                                       // ("...but anyone can get in": whatever still locks, it is not secure)
                                                       "anyone can get in", "anyone can walk in", "cualquiera puede entrar",
                                                       "n importe qui peut entrer", "qualquer um pode entrar",
                                                       "кто угодно может зайти"};
        static constexpr const char* kHoleThroughCjk[] = {"钻进来", "可以钻", "爬进来", "人可以进", "谁都可以进", "谁都能进",
                                                          "任何人都可以进"};
        const bool still_locks = any(still_lock_hits) && !any(breakin) && !any(f(kHoleThrough, kHoleThroughCjk));
        if (still_locks) b.settle("entry_security", "the door or window still locks by the tenant's account");
        // "la porte-fenêtre du balcon ne se verrouille plus. On est au 6e étage": a balcony door high above
        // the street is not the home's way in (asked whether someone can reach it), unless someone broke in
        // or the tenant says it can be reached.
        const bool upper_balcony = [&] {
            const bool balcony = any(w(std::array{"balcon*", "balcony", "balconies", "varanda", "балкон*"})) ||
                                 (d.has_cjk && d.raw.find("阳台") != std::string::npos);
            if (!balcony || any(breakin) || any(f(kAccessible, kAccessibleCjk))) return false;
            static constexpr std::string_view kFloorWord[] = {"etage", "floor", "piso", "andar", "этаж", "этаже",
                                                              "этажа"};
            auto floor_word = [&](std::size_t k) {
                return k < d.words.size() &&
                       std::find(std::begin(kFloorWord), std::end(kFloorWord), d.words[k]) != std::end(kFloorWord);
            };
            for (std::size_t i = 0; i < d.words.size(); ++i) {
                const auto& x = d.words[i];
                std::size_t n = 0;
                while (n < x.size() && std::isdigit(static_cast<unsigned char>(x[n])) != 0) ++n;
                if (n == 0 || n > 2) continue;
                const std::string_view suffix = std::string_view(x).substr(n);
                if (!(suffix.empty() || suffix == "e" || suffix == "eme" || suffix == "th" || suffix == "nd" ||
                      suffix == "rd" || suffix == "st" || suffix == "o" || suffix == "er")) {
                    continue;
                }
                const int floor = std::atoi(x.substr(0, n).c_str());
                const bool named = floor_word(i + 1) || floor_word(i + 2) || (i > 0 && floor_word(i - 1));
                if (named && floor >= 2) return true;
            }
            return false;
        }();
        auto insecure_door = [&](const std::string& why) {
            if (!still_locks && !upper_balcony) {
                b.hazard("entry_security", why);
            } else if (!still_locks) {
                b.unsure("entry_security", why + ", a balcony door on an upper floor",
                         "Can anyone reach the balcony door from outside (a fire escape, a roof, another balcony)?",
                         "¿Alguien puede llegar a la puerta del balcón desde afuera (escalera de incendios, techo, otro balcón)?");
            } else {
                b.unsure("entry_security", why + ", the door still closes and locks",
                         "Can the door be closed and locked from outside right now?",
                         "¿Se puede cerrar la puerta con llave desde afuera ahora mismo?");
            }
        };
        // The lock of a window (no door named) is the window's: read below with its reach.
        const auto window = f(kWindow, kWindowCjk);
        const bool window_lock = any(window) && !any(door);
        if (any(lock) && exterior && !window_lock && together(d, lock, lock_fail)) {
            insecure_door(first(lock) + " " + first(lock_fail));
        }
        // Chinese drops the subject of the clauses that follow: "后门个门铰甩咗，成道门挨住，关唔埋"
        // (the back door's hinge came off, the door leans, [it] won't close).
        auto cjk_follows = [](const std::vector<Hit>& subject, const std::vector<Hit>& state) {
            for (const auto& x : subject) {
                for (const auto& y : state) {
                    if (x.negated || y.negated || x.begin != std::string::npos || y.begin != std::string::npos) continue;
                    if (y.cjk_clause >= x.cjk_clause && y.cjk_clause <= x.cjk_clause + 2) return true;
                }
            }
            return false;
        };
        if ((any(door) || (any(lock) && !window_lock)) && any(insecure) && exterior &&
            (together(d, door, insecure) || together(d, lock, insecure) || cjk_follows(door, insecure))) {
            insecure_door((any(lock) ? first(lock) : first(door)) + " " + first(insecure));
        }
        static constexpr const char* kApplianceGlass[] = {"oven", "microwave", "dryer", "washer", "horno", "four",
                                                          "forno", "духовк*", "car"};
        static constexpr const char* kApplianceGlassCjk[] = {"烤箱", "微波炉", "车"};
        static constexpr const char* kWindowOpen[] = {"lock came off", "latch came off", "came off in my hand",
                                                      "latch is broken", "latch broke", "wont lock", "cant lock", "doesnt lock", "wont close",
                                                      "cant close", "lock broken", "lock is broken", "no cierra",
                                                      "ne ferme", "nao fecha", "nao tranca", "не закрывается"};
        static constexpr const char* kWindowOpenCjk[] = {"关不上", "锁不上", "关唔到", "关唔埋", "锁唔到", "锁唔上"};
        const auto window_open = f(kWindowOpen, kWindowOpenCjk);
        const bool appliance_glass = any(f(kApplianceGlass, kApplianceGlassCjk));
        if (any(window) && any(window_open) && !appliance_glass) {
            // "we're on the 11th floor, nobody can climb in": not reachable, whatever else is said
            static constexpr const char* kNotReachable[] = {
                "nobody can get in", "no one can get in", "nobody can climb", "no one can climb", "nadie puede entrar",
                "nadie puede subir", "personne peut entrer", "personne ne peut entrer", "ninguem consegue entrar",
                "ninguem entra", "ninguem pode entrar", "залезть никто", "никто не залезет", "никто не может залезть"};
            static constexpr const char* kNotReachableCjk[] = {"不担心安全"};
            if (any(f(kAccessible, kAccessibleCjk)) && !any(f(kNotReachable, kNotReachableCjk))) {
                b.hazard("entry_security", first(window) + " cannot be secured, reachable");
            } else {
                b.unsure("entry_security", "window that cannot be secured",
                         "Can the window be locked, and can someone reach it from outside (ground floor, fire escape)?",
                         "¿Se puede cerrar con seguro la ventana y se puede llegar a ella desde afuera?");
            }
        }
        if (any(window) && any(f(kWindowBroken, kWindowBrokenCjk)) && !appliance_glass && !any(f(kScreen, kScreenCjk))) {
            if (any(f(kAccessible, kAccessibleCjk)) || any(breakin)) {
                b.hazard("entry_security", first(window) + " broken, reachable");
            } else {
                b.unsure("entry_security", "broken window",
                         "Can the broken window be closed and locked, and can someone reach it from outside?",
                         "¿Se puede cerrar con seguro la ventana rota y se puede llegar a ella desde afuera?");
            }
        }
    }

    // Elevator entrapment
    {
        const auto elevator = f(kElevator, kElevatorCjk);
        auto trapped = f(kTrapped, kTrappedCjk);
        auto trapped_person = f(kTrappedPerson, kTrappedPersonCjk);
        // Out of order or stopped with nobody in it by the tenant's account ("empty, nobody on
        // board", "personne n'est bloqué dedans").
        static constexpr const char* kNobodyIn[] = {"noone inside", "noone in it", "noone stuck", "noone is stuck", "noone was stuck",
                                                    "noone got stuck", "il est vide", "non personne",
                                                    "nobody on board", "nobody inside", "nobody in it", "no one inside", "nobody is in it", "no one is in it", "noone is in it",
                                                    "no one in it", "nobodys inside", "nobodys stuck", "nobody stuck",
                                                    "nobody is stuck", "no one is stuck", "its empty", "empty",
                                                    "personne n est bloque", "personne dedans", "personne a l interieur",
                                                    "nadie adentro", "nadie dentro", "nadie atrapado", "no hay nadie",
                                                    "ninguem dentro", "ninguem preso", "nao tem ninguem",
                                                    "никого нет", "внутри никого", "никто не застрял",
                                                    "nobody got stuck", "no one got stuck", "nobody was stuck",
                                                    "no one was stuck", "nobody got trapped", "no one got trapped",
                                                    "nadie se quedo", "ninguem ficou preso", "personne n a ete coince",
                                                    "personne de pris dedans", "personne de pris", "personne de coince",
                                                    "никто не застревал", "nadie se ha quedado", "nadie ha quedado",
                                                    "nadie quedo atrapado", "ninguem ficou", "personne n est reste"};
        static constexpr const char* kNobodyInCjk[] = {"里面没人", "里面没有人", "入面冇人", "没人被困", "没有人被困"};
        const auto nobody_in = find(d, Words(kNobodyIn), Words(kNobodyInCjk), false);
        drop_inside(trapped_person, nobody_in);
        // "a luz de dentro do elevador": the car's light, not a person inside
        drop_inside(trapped_person, w(std::array{"luz de dentro", "light inside", "lights inside", "la luz de adentro",
                                                 "lumiere dedans", "la lumiere a l interieur"}));
        drop_inside(trapped, nobody_in);
        {
            // A question about what would happen ("does the elevator have a battery if someone gets
            // stuck inside?"): nobody is said to be in it.
            static constexpr const char* kIfSomeone[] = {"if someone", "if anyone", "if somebody", "in case someone",
                                                         "si alguien", "por si alguien", "si quelqu un", "se alguem",
                                                         "caso alguem", "если кто"};
            static constexpr const char* kIfSomeoneCjk[] = {"万一有人", "如果有人"};
            const auto hypothetical = find(d, Words(kIfSomeone), Words(kIfSomeoneCjk), false);
            auto after_if = [&](const Hit& h) {
                return std::any_of(hypothetical.begin(), hypothetical.end(), [&](const Hit& q) {
                    if (q.begin == std::string::npos || h.begin == std::string::npos) {
                        return q.begin == std::string::npos && h.begin == std::string::npos && q.cjk_clause == h.cjk_clause;
                    }
                    return h.begin >= q.begin && d.clause[h.begin] == d.clause[q.begin];
                });
            };
            std::erase_if(trapped, after_if);
            std::erase_if(trapped_person, after_if);
            if (any(hypothetical) && any(elevator) && !any(trapped) && !any(trapped_person)) {
                b.settle("elevator_entrapment", "a question about someone who might get stuck: nobody is said to be");
            }
        }
        if (d.has_cjk) {
            // "上下很困难": 困 of 困难 (difficult) is not 困 (trapped).
            if (only_within(d.raw, "困", "困难")) {
                auto difficult_only = [](const Hit& h) { return h.begin == std::string::npos && h.text == "困"; };
                std::erase_if(trapped, difficult_only);
                std::erase_if(trapped_person, difficult_only);
            }
        }
        static constexpr const char* kGotOut[] = {"let them out", "let him out", "let her out", "let us out", "let me out",
                                                  "everyone is fine", "everyones fine", "сам поехал", "потом поехал",
                                                  "got her out", "got him out", "got them out", "got us out",
                                                  "got me out", "got out", "was rescued", "were rescued", "running again",
                                                  "working again", "back in service", "yesterday", "last week",
                                                  "ayer", "hier", "ontem", "вчера", "already out", "lo sacaron",
                                                  "la sacaron", "ya salio", "remarche", "voltou a funcionar",
                                                  "снова работает", "вытащили", "then it moved", "jolted and moved", "jolted and started",
                                                  "then opened", "and opened", "doors opened", "started again", "started up again", "let me oot", "got her out",
                                                  "got him out", "got them out", "got us out"};
        static constexpr const char* kGotOutCjk[] = {"昨天", "已经出来", "救出来", "已经修好"};
        // "the doors opened a little but it's between floors": not a way out.
        auto got_out = f(kGotOut, kGotOutCjk);
        drop_inside(got_out, w(std::array{"doors opened a little", "doors opened a bit", "door opened a little",
                                          "door opened a bit", "doors opened partway", "doors opened slightly",
                                          "doors opened an inch", "doors opened a crack", "doors opened about",
                                          "door opened about", "doors opened only", "door opened only",
                                          "doors opened just", "doors opened a few", "doors opened two",
                                          "doors opened halfway"}));
        // ("The same elevator got stuck twice last week", "the left one stuck since yesterday... now the
        // right one has stopped between floors and my neighbour's daughter is in it": a day named is not a
        // rescue where a car is between floors or below the landing now)
        static constexpr std::string_view kWhenOnly[] = {"yesterday", "last week", "ayer", "hier", "ontem", "вчера", "昨天"};
        const bool when_only = std::all_of(got_out.begin(), got_out.end(), [](const Hit& h) {
            return std::find(std::begin(kWhenOnly), std::end(kWhenOnly), h.text) != std::end(kWhenOnly);
        });
        // (read only where something ended the entrapment by the tenant's account)
        const bool car_stuck_now = any(got_out) && any(f(std::array{"between floors", "below the floor", "above the floor",
                                                    "entre pisos", "entre dos pisos", "entre deux etages", "entre andares",
                                                    "entre dois andares", "между этажами"},
                                         std::array{"两层之间", "卡在中间"}));
        const bool someone_in_now = any(got_out) && (any(trapped_person) ||
                                    any(w(std::array{"in it", "is in it", "are in it", "is inside", "are inside", "esta dentro",
                                                     "estan dentro", "est dedans", "sont dedans", "находится внутри"})));
        const bool over = any(got_out) && !(when_only && car_stuck_now && someone_in_now) &&
                          !any(w(std::array{"right now", "still stuck", "still inside", "still in there", "still trapped",
                                            "stuck again", "now stuck", "now trapped", "is stuck", "are stuck",
                                            "is trapped", "are trapped", "cant get out", "no puede salir",
                                            "ne peut pas sortir", "nao consegue sair", "не может выйти"}));
        if (over && any(elevator) && (any(trapped_person) || any(trapped))) {
            b.settle("elevator_entrapment", "an elevator entrapment that is over: urgent, not an emergency");
        } else if (any(elevator) && together(d, elevator, trapped_person)) {
            b.hazard("elevator_entrapment", first(elevator) + " + " + first(trapped_person));
        } else if (const auto in = stuck_in(d, trapped, elevator); !in.empty()) {
            b.hazard("elevator_entrapment", in);  // "stuck in the service elevator": someone is in it
        } else if (any(elevator) && any(trapped) && !any(nobody_in)) {
            if (any(f(kPerson, kPersonCjk))) {
                b.hazard("elevator_entrapment", first(elevator) + " + " + first(trapped));
            } else {
                b.unsure("elevator_entrapment", "elevator stuck",
                         "Is anyone inside the stuck elevator? If so, call 911 and the elevator phone now.",
                         "¿Hay alguien dentro del ascensor detenido? Si es así, llame al 911 ahora.");
            }
        }
        if (any(elevator) && !any(trapped_person) && any(nobody_in) &&
            std::find(a.hazards.begin(), a.hazards.end(), "elevator_entrapment") == a.hazards.end()) {
            b.settle("elevator_entrapment", "an elevator with nobody in it: urgent, not an emergency");
        }
    }

    // Structural collapse
    {
        auto elem = f(kStructElem, kStructElemCjk);
        // "we're on the 14th floor", "top floor", "5º piso": where the home is, not the floor itself.
        std::erase_if(elem, [&](const Hit& h) {
            static constexpr std::string_view kLevel[] = {"floor", "piso", "andar", "etage", "этаж", "этаже"};
            static constexpr std::string_view kWhich[] = {"top", "ground", "upper", "lower", "same", "next", "which",
                                                          "what", "every", "each", "main", "second", "third"};
            if (h.begin == std::string::npos || h.begin == 0 ||
                std::find(std::begin(kLevel), std::end(kLevel), d.words[h.begin]) == std::end(kLevel)) {
                return false;
            }
            const auto& before = d.words[h.begin - 1];
            return std::isdigit(static_cast<unsigned char>(before[0])) ||
                   std::find(std::begin(kWhich), std::end(kWhich), before) != std::end(kWhich);
        });
        auto collapse = f(kCollapse, kCollapseCjk);
        const auto fell_person = w(kFellPerson);
        drop_inside(collapse, fell_person);  // "I fell on the stairs"
        // What a person dropped ("when I dropped the pan"), a bill that gets split.
        static constexpr const char* kNotCollapse[] = {"i dropped", "we dropped", "he dropped", "she dropped",
                                                       "dropped the", "dropped my", "dropped our", "dropped his",
                                                       "dropped her", "dropped their", "dropped a", "dropped an",
                                                       "dropped off", "gets split", "get split", "split the", "goutte qui tombe",
                                                       "gouttes qui tombent", "gota que cae", "gotas que caen",
                                                       "gota que cai", "gotas que caem",
                                                       "tombe une goutte", "tombe des gouttes", "tombent des gouttes", "cae una gota", "caen gotas",
                                                       "cai uma gota", "caem gotas", "no se ve hundid*", "nao parece afundad*", "tree on the line*", "tree on the power*",
                                                       "tree on the wire*", "tree on the car", "tree on the road", "tree on the street",
                                                       "split between", "split up", "is split", "split evenly", "line split", "hose split"};
        drop_inside(collapse, w(kNotCollapse));
        {
            // "Pretty sure the house is falling down 😂 jk": the words before the joke is owned go.
            const auto jk = w(std::array{"jk", "just kidding", "im kidding", "je rigole", "es broma", "era broma",
                                         "brincadeira", "шучу", "kidding"});
            for (const auto& j : jk) {
                if (j.negated) continue;
                std::erase_if(collapse, [&](const Hit& h) { return h.begin != std::string::npos && h.begin < j.begin; });
            }
        }
        {
            // "a chunk of ice fell off the roof", "les glaçons pourraient tomber sur quelqu'un": ice or
            // snow that falls, not the roof (a roof that sags under the snow still counts).
            // (the ice just before what falls: "a chunk of ice fell off", not "the ceiling fell under the ice")
            static constexpr const char* kIce[] = {"ice", "icicle*", "glacon*", "glace", "hielo", "carambano*",
                                                   "gelo", "pingente*", "сосульк*", "лед", "льда"};
            static constexpr const char* kIceCjk[] = {"冰柱", "冰块"};
            static constexpr std::string_view kFalls[] = {"fell", "fell off", "fell down", "falling", "falling off",
                                                          "falling from", "falling down", "coming down", "came down",
                                                          "fall down", "tomber", "tombe", "va tomber", "est tombee",
                                                          "est tombe", "sont tombees", "sont tombes", "caer", "se cayo",
                                                          "va a caer", "cair", "caiu", "vai cair", "упал", "упала",
                                                          "упало", "падает", "падают"};
            const auto ice = f(kIce, kIceCjk);
            std::erase_if(collapse, [&](const Hit& h) {
                return h.begin != std::string::npos &&
                       std::find(std::begin(kFalls), std::end(kFalls), h.text) != std::end(kFalls) &&
                       std::any_of(ice.begin(), ice.end(), [&](const Hit& i) {
                           return i.begin != std::string::npos && i.begin < h.begin && h.begin - i.begin <= 3 &&
                                  d.clause[i.begin] == d.clause[h.begin];
                       });
            });
        }
        std::erase_if(collapse, [&](const Hit& h) {  // "a internet do prédio caiu": the connection went down
            static constexpr std::string_view kNet[] = {"internet", "wifi", "rede", "sinal", "senal",
                                                        "reseau", "интернет", "связь", "network", "signal"};
            return h.begin != std::string::npos &&
                   std::any_of(d.words.begin(), d.words.end(), [&](const std::string& x) {
                       return std::find(std::begin(kNet), std::end(kNet), x) != std::end(kNet);
                   }) &&
                   (h.text == std::string_view("caiu") || h.text == std::string_view("cayo") ||
                    h.text == std::string_view("se cayo") || h.text == std::string_view("упал"));
        });
        std::erase_if(collapse, [&](const Hit& h) {  // "the supply line under the sink split": the pipe's
            return h.begin != std::string::npos && h.text == std::string_view("split") &&
                   std::any_of(pipe.begin(), pipe.end(), [&](const Hit& p) {
                       return p.begin != std::string::npos && d.clause[p.begin] == d.clause[h.begin];
                   });
        });
        // Loose or lifting tiles are flooring ("se despegó una loseta del piso"), unless the floor sinks.
        static constexpr const char* kLooseOnly[] = {"despeg*", "descola*", "decoll*", "desprend*", "отход*",
                                                     "отошел", "отошла", "se mueve cuando", "bouge quand",
                                                     "mexe quando", "шатается", "moves when", "move when", "detach*",
                                                     "pulling away", "pulled away", "buckling", "bulging", "decroch*",
                                                     "fell off", "came off", "coming off", "falling off"};
        const bool tiles_only = any(f(kTile, kTileCjk)) && std::all_of(collapse.begin(), collapse.end(), [&](const Hit& h) {
            if (h.negated || h.begin == std::string::npos) return h.negated;
            return std::any_of(std::begin(kLooseOnly), std::end(kLooseOnly),
                               [&](const char* l) { return std::string_view(l) == h.text; });
        });
        const bool paint = any(f(kPaint, kPaintCjk));
        static constexpr const char* kFurniture[] = {"shelf", "shelves", "cabinet*", "bracket*", "curtain*", "rod",
                                                     "blinds", "mirror", "tv mount", "estante", "repisa", "etagere",
                                                     "prateleira", "полк*", "карниз", "varal", "clothesline",
                                                     "tendedero", "etendoir", "сушилк*", "outlet", "prise",
                                                     "enchufe", "tomada", "розетк*", "towel bar", "toallero",
                                                     "porte serviette", "toalheiro", "baseboard*", "zoclo", "rodapie",
                                                     "plinthe*", "rodape", "плинтус*"};
        static constexpr const char* kFurnitureCjk[] = {"书架", "架子", "搁板", "晾衣架", "插座", "衣柜", "柜门"};
        static constexpr const char* kMajorElem[] = {"ceiling", "stairs", "staircase", "balcony", "roof", "porch",
                                                     "deck", "techo", "escalera*", "balcon", "plafond", "escalier*",
                                                     "teto", "tecto", "escada*", "varanda", "потол*", "лестниц*", "балкон*"};
        static constexpr const char* kMajorElemCjk[] = {"天花板", "楼梯", "阳台", "屋顶"};
        static constexpr const char* kHandrail[] = {"handrail*", "banister*", "grab bar*", "pasamanos", "rampe",
                                                    "corrimao", "поручн*"};
        static constexpr const char* kHandrailCjk[] = {"扶手"};
        // (a handrail loose while the steps themselves give way is a collapse)
        static constexpr const char* kMajorElemGiving[] = {"step", "steps", "stair tread*", "escalon*", "peldan*",
                                                           "marche", "marches", "degrau*", "ступен*", "ступеньк*"};
        static constexpr const char* kMajorElemGivingCjk[] = {"台阶", "踏步"};
        // (unchanged since the tenant moved in, not since yesterday)
        static constexpr const char* kSameForYears[] = {"nothing has changed since i moved in",
                                                        "nothing changed since i moved in", "same since i moved in",
                                                        "same for years", "been like this for years",
                                                        "no ha cambiado nada desde que", "rien n a change depuis",
                                                        "nada mudou desde que", "ничего не изменилось с тех пор",
                                                        // "she says it's been like that since 2019... Hasn't changed"
                                                        "been like that since", "been like this since", "hasnt changed",
                                                        "has not changed", "no ha cambiado", "n a pas change", "siempre ha sido asi", "sempre foi assim",
                                                        "toujours ete comme ca", "так было всегда", "всегда так было",
                                                        "over a couple of years", "gradually like this",
                                                        "n a pas bouge", "nao mudou", "не меняется", "не изменилась"};
        const bool furniture_only = any(f(kFurniture, kFurnitureCjk)) && !any(f(kMajorElem, kMajorElemCjk));
        {
            // A balcony whose railing came loose and whose floor feels soft: giving way ("the railing
            // wobbles now and the floor feels spongy and sloped"), not a loose tile or a soft board alone.
            static constexpr const char* kBalcony[] = {"balcony", "balcon", "varanda", "sacada", "балкон*"};
            static constexpr const char* kRailing[] = {"railing*", "rail", "barandal*", "baranda*", "garde corps",
                                                       "rambarde", "guarda corpo", "parapeito", "перил*"};
            static constexpr const char* kRailLoose[] = {"wobbl*", "came loose", "loose", "se mueve", "flojo",
                                                         "bouge", "balanca", "solto", "шатается", "болтается"};
            static constexpr const char* kFloorGives[] = {"spongy", "feels soft", "soft like", "sloped", "dropping",
                                                          "blando", "mou", "mole", "прогиба*"};
            if (any(w(kBalcony)) && together(d, w(kRailing), w(kRailLoose)) && any(w(kFloorGives))) {
                b.hazard("structural", "balcony railing loose and its floor giving");
            }
            // "One of the glass panels on our balcony has come loose... leaning outwards... before it falls":
            // a balcony's guard loose and about to fall from a height.
            static constexpr const char* kGuard[] = {"glass panel*", "panel*", "balustrade*", "railing*", "rail",
                                                     "barandal*", "baranda*", "garde corps", "rambarde", "guarda corpo",
                                                     "parapeito", "vidro*", "cristal*", "vitre*", "перил*", "стекл*"};
            static constexpr const char* kLeaning[] = {"leaning out*", "leans out*", "tilting out*", "came loose",
                                                       "come loose", "coming loose", "se inclina", "inclinad*",
                                                       "penche", "pendurad*", "наклонил*", "отошл*"};
            static constexpr const char* kAboutToFall[] = {"before it falls", "going to fall", "about to fall",
                                                           "could fall", "might fall", "will fall", "va a caer",
                                                           "se va a caer", "vai cair", "pode cair", "va tomber",
                                                           "risque de tomber", "упадет", "может упасть"};
            if (any(w(kBalcony)) && together(d, w(kGuard), w(kLeaning)) && any(w(kAboutToFall))) {
                b.hazard("structural", "balcony guard loose, about to fall");
            }
        }
        if (any(elem) && any(collapse) && !furniture_only && !tiles_only) {
            // (a ceiling's plaster that keeps falling or bares the lath is the ceiling coming down:
            // "обвалилась штукатурка, видно дранку. Продолжает сыпаться")
            const bool strong = any(w(std::array{"collaps*", "caved", "gave way", "giving way", "came down", "a vue d oeil",
                                                 "came in", "derrumb*", "effondr*", "desab*", "cedendo", "обрушил*",
                                                 "рухнул*", "рухнет", "обвал*", "провис*", "потрескива*", "keeps falling", "still falling",
                                                 "keeps coming down", "sigue cayendo", "siguen cayendo",
                                                 "continua caindo", "continuam caindo", "continue de tomber",
                                                 "continuent de tomber", "продолжает сыпаться", "продолжает падать",
                                                 "еще сыплется", "see the lath", "lath showing", "lath is showing",
                                                 "se ve la madera", "видно дранку", "дранк*"}));
            static constexpr const char* kSmallPiece[] = {"pedacito", "pedacinho", "petit morceau", "small piece",
                                                          "petit comme une main", "size of my hand", "size of a hand",
                                                          "little piece", "кусочек", "size of a coin", "tamano de una moneda",
                                                          "tamanho de uma moeda", "taille d une piece"};
            if ((paint || (any(w(kSturdy)) && any(w(kPiece))) || (any(f(kTile, kTileCjk)) && any(w(kSmallPiece)))) && !strong) {
                a.reasons.push_back("paint, plaster or a loose piece coming off: not a collapse");
            } else if (const auto rail = f(kHandrail, kHandrailCjk);
                       any(rail) && !any(f(kMajorElemGiving, kMajorElemGivingCjk)) && !strong &&
                       std::all_of(collapse.begin(), collapse.end(), [&](const Hit& h) {
                           return h.negated || together(d, std::vector<Hit>{h}, rail);
                       })) {
                // "楼梯扶手有一段松了，晃得厉害", "the grab bar came away from the wall": the rail, not the stairs
                b.unsure("structural", "a handrail or grab bar loose",
                         "Is only the handrail loose, or are the stairs or the wall themselves moving or giving way?",
                         "¿Solo está flojo el pasamanos, o las escaleras o la pared se mueven o ceden?");
            } else if (const bool branch_resting = [&] {
                           // "Caiu um ramo no telhado do anexo... está só pousado", "Une branche est tombée sur le
                           // toit du cabanon... Y'a pas de trou", "Ветка упала на крышу сарая, ничего не пробила":
                           // a branch lying on a roof, nothing broken by the tenant's account (asked).
                           static constexpr const char* kBranch[] = {"branch", "branches", "limb", "ramo", "galho",
                                                                     "branche", "rama", "ветка", "ветку", "сук"};
                           static constexpr const char* kBranchCjk[] = {"树枝"};
                           static constexpr const char* kNoDamage[] = {
                               "doesnt look like it broke", "didnt break anything", "nothing broken", "no hole",
                               "just lying", "just resting", "nao partiu nada", "nao quebrou nada", "so pousado",
                               "pas de trou", "rien de casse", "juste pose", "ничего не пробила", "ничего не пробил",
                               "просто лежит", "no rompio nada", "no hay agujero", "sin agujero"};
                           static constexpr const char* kNoDamageCjk[] = {"没有砸坏", "没砸坏", "没有破洞"};
                           return any(f(kBranch, kBranchCjk)) && any(find(d, Words(kNoDamage), Words(kNoDamageCjk), false));
                       }();
                       branch_resting && !strong) {
                b.unsure("structural", "a branch resting on a roof, nothing broken by the tenant's account",
                         "Did the branch break through the roof, or is water or daylight coming in under it?",
                         "¿La rama atravesó el techo, o entra agua o luz por debajo?");
            } else if (any(w(kSameForYears)) && !strong &&
                       // ("hasn't changed for weeks but today it cracked open": changed today)
                       !any(w(std::array{"today", "tonight", "this morning", "hoy", "esta manana", "aujourd hui",
                                         "ce matin", "hoje", "esta manha", "сегодня"}))) {
                a.reasons.push_back("unchanged for a long time by the tenant's account: not a collapse");
            } else if (any(f(kDetector, kDetectorCjk)) && !strong) {
                a.reasons.push_back("a detector came off the ceiling or wall: not a collapse");
            } else {
                b.hazard("structural", first(elem) + " " + first(collapse));
            }
        }
        // "it's been the same length for years", "hasn't changed in 3 days": not widening
        static constexpr const char* kCrackSame[] = {"hasnt changed", "has not changed", "hasnt moved", "hasnt grown",
                                                     "same length", "same size", "not getting bigger",
                                                     "no ha cambiado", "no ha crecido", "n a pas bouge",
                                                     "n a pas change", "nao mudou", "nao cresceu", "не меняется",
                                                     "не растет", "look identical", "looks identical", "lleva anos igual",
                                                     "lleva años igual"};
        // "new diagonal cracks above both door frames" (not "a new neighbour was alarmed by it")
        const auto crack = f(kCrack, kCrackCjk);
        const bool new_crack = std::any_of(crack.begin(), crack.end(), [&](const Hit& h) {
            for (std::size_t k = h.begin; h.begin != std::string::npos && k > 0 && k + 3 >= h.begin; --k) {
                if (d.words[k - 1] == "new" || d.words[k - 1] == "nueva" || d.words[k - 1] == "nuevas" ||
                    d.words[k - 1] == "nouvelle" || d.words[k - 1] == "nova" || d.words[k - 1] == "новая" ||
                    d.words[k - 1] == "новые") {
                    return true;
                }
            }
            return false;
        });
        if (any(crack) && (any(f(kCrackWorse, kCrackWorseCjk)) || new_crack) && any(elem) && !any(w(kCrackSame))) {
            b.hazard("structural", "crack getting worse");
        } else if (any(f(kCrack, kCrackCjk)) && any(f(kStuckDoors, kStuckDoorsCjk)) &&
                   !any(f(std::array{"humid*", "humedad", "humidite", "umidade", "влажн*"}, std::array{"潮湿", "回南天"}))) {
            // (a door that sticks in humid weather swells; the building is not moving)
            b.hazard("structural", "crack and doors that stopped closing");
        }
    }

    // Settle
    std::stable_sort(a.hazards.begin(), a.hazards.end(), [](const std::string& x, const std::string& y) {
        auto rank = [](const std::string& h) {
            return std::find(std::begin(kOrder), std::end(kOrder), h) - std::begin(kOrder);
        };
        return rank(x) < rank(y);
    });
    a.emergency = !a.hazards.empty();
    if (a.emergency) {
        a.uncertain = false;
        a.clarifying_question.clear();
        a.clarifying_question_es.clear();
        const bool fridge = any(f(kFridge, kFridgeCjk));
        a.category = category_of(a.hazards.front(), fridge);
        static constexpr const char* kAppliance[] = {"dryer", "washer", "washing machine", "microwave", "oven",
                                                     "stove", "toaster", "dishwasher", "fridge", "refrigerator",
                                                     "secadora", "lavadora", "microondas", "horno", "estufa",
                                                     "seche linge", "lave linge", "micro ondes", "four",
                                                     "secadora", "maquina de lavar", "micro ondas", "forno",
                                                     "fogao", "сушил*", "стиральн*", "микроволн*", "духовк*",
                                                     "плит*"};
        static constexpr const char* kApplianceCjk[] = {"烘干机", "洗衣机", "微波炉", "烤箱", "冰箱"};
        if (a.hazards.front() == "fire_smoke") {
            // A fire is fire safety; smoke or a burning smell from a thing is that thing's trade.
            static constexpr const char* kRealFire[] = {"fire", "fires", "flame*", "on fire", "caught fire", "fuego",
                                                        "incendio", "llamas", "feu", "incendie", "flamme*", "fogo",
                                                        "incendio", "chamas", "пожар*", "огонь", "пламя"};
            static constexpr const char* kRealFireCjk[] = {"着火", "火灾", "起火", "失火", "火苗"};
            static constexpr const char* kFixture[] = {"ceiling fan", "fan", "light fixture*", "lamp", "outlet*",
                                                       "enchufe*", "prise*", "tomada*", "розетк*"};
            if (any(f(kRealFire, kRealFireCjk))) {
                a.category = "fire_safety";
            } else if (any(f(kAppliance, kApplianceCjk))) {
                a.category = "appliance";
            } else if (any(find(d, Words(kAcTerm), Words(kAcTermCjk), false))) {
                a.category = "hvac";
            } else if (any(w(kFixture)) || any(thing)) {
                a.category = "electrical";
            }
        }
        if (a.hazards.front() == "carbon_monoxide" && !any(co)) {
            // Symptoms by a fuel-burning heater: the heating system is what needs the technician.
            static constexpr const char* kHeater[] = {"furnace", "boiler", "heater", "calentador", "caldera",
                                                      "chaudiere", "aquecedor", "caldeira", "котел", "колонк*"};
            if (any(w(kHeater))) a.category = "heat_hot_water";
        }
    } else if (a.uncertain_hazard.empty() && !a.hedged && !false_alarm) {
        safety_net(d, b);
    }
    if (a.emergency) {
        // settled above
    } else if (!a.uncertain_hazard.empty()) {
        if (a.hedged) {
            a.reasons.push_back("hedge resolves the doubt about " + a.uncertain_hazard);
            a.safety_net = false;
            a.uncertain_hazard.clear();
            a.clarifying_question.clear();
            a.clarifying_question_es.clear();
        } else {
            a.uncertain = true;
            a.category = category_of(a.uncertain_hazard, false);
        }
    }
    model_step(text, d, b, model, thresholds, Climate{heating, temp_f, mild, cold_limit}, responders_cleared);
    if (a.model_flagged) {
        a.uncertain = false;
        a.safety_net = false;
        a.uncertain_hazard.clear();
        a.clarifying_question.clear();
        a.clarifying_question_es.clear();
        a.category = category_of(a.hazards.front(), any(f(kFridge, kFridgeCjk)));
    } else if (!a.emergency && !a.uncertain_hazard.empty()) {
        a.uncertain = true;
        a.category = category_of(a.uncertain_hazard, false);
    }
    return a;
}

EmergencyAssessment assess_emergency(const std::string& text, const EmergencyConditions& c) {
    return assess_emergency_with(text, c, text_model::emergency_model(), kEmergencyModelThresholds);
}

}  // namespace propos
