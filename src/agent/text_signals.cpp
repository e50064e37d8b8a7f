// Text signals: folding, words in clauses, phrase matching with typo tolerance and negation.
// Shared by the emergency criteria (emergency.cpp) and the intent classifier (workflows/intent.cpp).
#include "agent/text_signals.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>

#include "core/strings.hpp"

namespace propos::signals {

namespace {

// ---------------------------------------------------------------------------------------------
// Text preparation

// Appends the folded form of one UTF-8 code point starting at text[i]; returns its length.
std::size_t fold_char(std::string_view text, std::size_t i, std::string& out) {
    const auto c = static_cast<unsigned char>(text[i]);
    const auto n = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (c == 0xC3 && n >= 0x80 && n <= 0xBF) {  // Latin-1 supplement (lower_utf8 made it lower)
        static constexpr const char* kMap[64] = {
            "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // 80-8F
            "d", "n", "o", "o", "o", "o", "o", "x", "o", "u", "u", "u", "u", "y", "th", "ss",  // 90-9F
            "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // A0-AF
            "d", "n", "o", "o", "o", "o", "o", " ", "o", "u", "u", "u", "u", "y", "th", "y"};  // B0-BF
        out += kMap[n - 0x80];
        return 2;
    }
    if (c == 0xC5 && (n == 0x93 || n == 0x92)) {  // œ
        out += "oe";
        return 2;
    }
    if (c == 0xD1 && n == 0x91) {  // ё -> е
        out += "\xD0\xB5";
        return 2;
    }
    if (c == 0xC2 && n == 0xB0) {  // degree sign: a word of its own
        out += " ° ";
        return 2;
    }
    if (c == 0xE2 && n == 0x80 && i + 2 < text.size()) {  // ’ ‘ “ ” – — …
        const auto t = static_cast<unsigned char>(text[i + 2]);
        out += (t == 0x98 || t == 0x99) ? "'" : " , ";
        return 3;
    }
    if (c == 0xEF && n == 0xBC && i + 2 < text.size()) {  // full-width ，！？：；
        out += " , ";
        return 3;
    }
    if (c == 0xE3 && n == 0x80 && i + 2 < text.size() &&
        static_cast<unsigned char>(text[i + 2]) == 0x82) {  // 。
        out += " , ";
        return 3;
    }
    std::size_t len = 1;
    if (c >= 0xF0) {
        len = 4;
    } else if (c >= 0xE0) {
        len = 3;
    } else if (c >= 0xC0) {
        len = 2;
    }
    len = std::min(len, text.size() - i);
    out.append(text.substr(i, len));
    return len;
}

constexpr const char* kClauseWords[] = {"but", "pero", "mais", "mas", "но", "однако", "however",
                                        "although", "aunque", "cependant", "porem", "entretanto"};



// Traditional Chinese characters of the concepts' words folded to simplified ones (Taiwan and Hong
// Kong tenants write 壞/氣/電/煙/門/鎖...), sorted by the traditional form. Every character of the
// simplified word lists (emergency.cpp, intent.cpp, renewal_rules.cpp) has its traditional, Hong Kong
// and Taiwan forms here (checked against OpenCC's character tables when the lists grow), and those of
// the temperature scales (華氏, 攝氏).
constexpr std::pair<std::string_view, std::string_view> kTraditional[] = {
    {"來", "来"}, {"個", "个"}, {"們", "们"}, {"備", "备"}, {"傾", "倾"}, {"價", "价"}, {"儀", "仪"}, {"優", "优"},
    {"兒", "儿"}, {"兩", "两"}, {"凍", "冻"}, {"則", "则"}, {"劃", "划"}, {"動", "动"}, {"區", "区"}, {"厲", "厉"},
    {"問", "问"}, {"單", "单"}, {"嗎", "吗"}, {"嘔", "呕"}, {"噁", "恶"}, {"噴", "喷"}, {"嚇", "吓"}, {"嚴", "严"},
    {"報", "报"}, {"場", "场"}, {"塵", "尘"}, {"壓", "压"}, {"壞", "坏"}, {"壽", "寿"}, {"婦", "妇"}, {"媽", "妈"},
    {"嬰", "婴"}, {"實", "实"}, {"寫", "写"}, {"寬", "宽"}, {"寵", "宠"}, {"寶", "宝"}, {"將", "将"}, {"對", "对"},
    {"層", "层"}, {"屬", "属"}, {"島", "岛"}, {"師", "师"}, {"帳", "账"}, {"幫", "帮"}, {"幹", "干"}, {"幾", "几"},
    {"庫", "库"}, {"廁", "厕"}, {"廈", "厦"}, {"廚", "厨"}, {"後", "后"}, {"從", "从"}, {"復", "复"}, {"悶", "闷"},
    {"惡", "恶"}, {"愛", "爱"}, {"態", "态"}, {"慮", "虑"}, {"應", "应"}, {"懷", "怀"}, {"戶", "户"}, {"換", "换"},
    {"擊", "击"}, {"據", "据"}, {"擱", "搁"}, {"擴", "扩"}, {"攝", "摄"}, {"斷", "断"}, {"於", "于"}, {"時", "时"},
    {"暈", "晕"}, {"暫", "暂"}, {"曬", "晒"}, {"書", "书"}, {"會", "会"}, {"條", "条"}, {"棟", "栋"}, {"業", "业"}, {"樂", "乐"},
    {"樓", "楼"}, {"機", "机"}, {"檢", "检"}, {"櫃", "柜"}, {"歲", "岁"}, {"殘", "残"}, {"殺", "杀"}, {"氣", "气"},
    {"汙", "污"}, {"沒", "没"}, {"洩", "泄"}, {"涼", "凉"}, {"測", "测"}, {"渾", "浑"}, {"湧", "涌"}, {"溫", "温"},
    {"滅", "灭"}, {"滯", "滞"}, {"滲", "渗"}, {"滿", "满"}, {"漬", "渍"}, {"漲", "涨"}, {"濃", "浓"}, {"濕", "湿"}, {"灑", "洒"},
    {"災", "灾"}, {"為", "为"}, {"無", "无"}, {"煙", "烟"}, {"煩", "烦"}, {"熱", "热"}, {"燈", "灯"}, {"燒", "烧"},
    {"燙", "烫"}, {"營", "营"}, {"爐", "炉"}, {"爛", "烂"}, {"爲", "为"}, {"爺", "爷"}, {"牆", "墙"}, {"獎", "奖"},
    {"現", "现"}, {"當", "当"}, {"療", "疗"}, {"發", "发"}, {"盜", "盗"}, {"盡", "尽"}, {"盤", "盘"}, {"確", "确"},
    {"磚", "砖"}, {"禮", "礼"}, {"竈", "灶"}, {"簽", "签"}, {"籤", "签"}, {"籬", "篱"}, {"糞", "粪"}, {"約", "约"},
    {"納", "纳"}, {"絕", "绝"}, {"絡", "络"}, {"給", "给"}, {"統", "统"}, {"經", "经"}, {"維", "维"}, {"網", "网"},
    {"緊", "紧"}, {"線", "线"}, {"縫", "缝"}, {"縱", "纵"}, {"繳", "缴"}, {"繼", "继"}, {"續", "续"}, {"聞", "闻"}, {"聯", "联"},
    {"聲", "声"}, {"聽", "听"}, {"脅", "胁"}, {"腦", "脑"}, {"膠", "胶"}, {"臥", "卧"}, {"臺", "台"}, {"華", "华"}, {"藥", "药"},
    {"處", "处"}, {"虛", "虚"}, {"號", "号"}, {"螞", "蚂"}, {"蟲", "虫"}, {"蟻", "蚁"}, {"衛", "卫"}, {"裏", "里"},
    {"裝", "装"}, {"裡", "里"}, {"製", "制"}, {"覆", "复"}, {"規", "规"}, {"親", "亲"}, {"觸", "触"}, {"訂", "订"},
    {"計", "计"}, {"託", "托"}, {"訪", "访"}, {"設", "设"}, {"許", "许"}, {"訴", "诉"}, {"詢", "询"}, {"話", "话"},
    {"該", "该"}, {"詳", "详"}, {"認", "认"}, {"說", "说"}, {"誰", "谁"}, {"調", "调"}, {"談", "谈"}, {"請", "请"},
    {"諮", "咨"}, {"講", "讲"}, {"謝", "谢"}, {"譁", "哗"}, {"證", "证"}, {"議", "议"}, {"變", "变"}, {"貓", "猫"},
    {"貝", "贝"}, {"負", "负"}, {"責", "责"}, {"貴", "贵"}, {"買", "买"}, {"貸", "贷"}, {"費", "费"}, {"賣", "卖"},
    {"賬", "账"}, {"購", "购"}, {"趕", "赶"}, {"車", "车"}, {"輪", "轮"}, {"轉", "转"}, {"辦", "办"}, {"這", "这"},
    {"週", "周"}, {"進", "进"}, {"遊", "游"}, {"運", "运"}, {"過", "过"}, {"達", "达"}, {"遙", "遥"}, {"遞", "递"},
    {"遲", "迟"}, {"還", "还"}, {"邊", "边"}, {"郵", "邮"}, {"鄰", "邻"}, {"醫", "医"}, {"鈴", "铃"}, {"銷", "销"},
    {"鋼", "钢"}, {"錢", "钱"}, {"錯", "错"}, {"錶", "表"}, {"鍾", "钟"}, {"鎖", "锁"}, {"鏽", "锈"}, {"鐘", "钟"},
    {"鐵", "铁"}, {"鑰", "钥"}, {"鑽", "钻"}, {"門", "门"}, {"開", "开"}, {"間", "间"}, {"閘", "闸"}, {"闖", "闯"}, {"關", "关"},
    {"陣", "阵"}, {"陽", "阳"}, {"階", "阶"}, {"險", "险"}, {"隻", "只"}, {"雞", "鸡"}, {"離", "离"}, {"電", "电"},
    {"霧", "雾"}, {"靈", "灵"}, {"響", "响"}, {"頂", "顶"}, {"預", "预"}, {"頭", "头"}, {"題", "题"}, {"額", "额"},
    {"顯", "显"}, {"養", "养"}, {"餘", "余"}, {"馬", "马"}, {"驚", "惊"}, {"髒", "脏"}, {"麼", "么"}, {"黃", "黄"},
    {"點", "点"}, {"黴", "霉"}, {"齊", "齐"}, {"龍", "龙"}};

static_assert(std::is_sorted(std::begin(kTraditional), std::end(kTraditional)));

// Replaces each traditional character of the table in `raw` by its simplified form (same length: both
// are three UTF-8 bytes).
void simplify_chinese(std::string& raw) {
    for (std::size_t i = 0; i + 3 <= raw.size();) {
        const auto c = static_cast<unsigned char>(raw[i]);
        if (c < 0xE3 || c > 0xE9) {
            i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            continue;
        }
        const std::string_view ch(raw.data() + i, 3);
        const auto it = std::lower_bound(std::begin(kTraditional), std::end(kTraditional), ch,
                                         [](const auto& p, std::string_view v) { return p.first < v; });
        if (it != std::end(kTraditional) && it->first == ch) raw.replace(i, 3, it->second);
        i += 3;
    }
}

// Russian typed in Latin letters ("u nas net vody", "otoplenie ne rabotaet"), as tenants without a
// Cyrillic keyboard write it: recognised by its common words, then read back into Cyrillic so the
// concepts' Russian words match. The marker words are frequent Russian words that are not words of
// the other supported languages written in Latin letters.
constexpr std::string_view kTranslitMarkers[] = {
    "uzhe", "ochen", "eto", "vse", "vsyo", "vsio", "vsey", "menya", "mne", "nichego", "segodnya", "doma",
    "kvartire", "kvartiru", "kvartira", "pozhaluysta", "pozhalujsta", "srochno", "pomogite", "tozhe", "kogda",
    "chto", "shto", "nado", "mozhno", "rabotaet", "voobshe", "voobshche", "bylo", "byl", "byla", "moy", "moya",
    "mezhdu", "chut", "sverhu", "sosedi", "seychas", "seichas", "sejchas", "vchera", "utra", "nochyu", "iz", "potomu",
    "kotoryy", "ploho", "skoree", "spasibo", "zdravstvuyte", "dobryy", "dobriy", "silno", "pahnet", "kuhne",
    "vannoy", "tualete", "podezde", "potolka", "potolok", "voda", "vody", "gazom", "lifte", "techet", "svet",
    "rebenok", "rebenka", "rebenku", "posle", "pryamo", "lezhit", "kuda", "zvonit", "detey", "provod", "iskrit", "opyat", "srabotal", "pishu", "sosedei", "sosedey", "golovnaya", "dveri", "polu", "stene", "okno", "zamok", "pozhar", "dym", "den", "net", "ne", "u", "v"};
constexpr std::string_view kWeakMarkers[] = {"net", "ne", "u", "v", "den", "iz", "eto"};  // also English/French

bool transliterated_russian(const std::vector<std::string>& words) {
    int strong = 0, weak = 0;
    for (const auto& w : words) {
        if (std::any_of(w.begin(), w.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) return false;
        if (std::find(std::begin(kTranslitMarkers), std::end(kTranslitMarkers), w) == std::end(kTranslitMarkers)) continue;
        (std::find(std::begin(kWeakMarkers), std::end(kWeakMarkers), w) != std::end(kWeakMarkers) ? weak : strong) += 1;
    }
    return strong >= 2 || (strong >= 1 && weak >= 2);
}

// One word of Russian in Latin letters back into (folded) Cyrillic: the common romanizations
// (GOST/BGN and informal: "zh", "kh"/"h", "ts", "ch", "sh", "shch", "ya", "yu", "y").
std::string to_cyrillic(std::string_view w) {
    static constexpr std::pair<std::string_view, std::string_view> kMulti[] = {
        {"shch", "щ"}, {"sch", "щ"}, {"zh", "ж"}, {"kh", "х"}, {"ts", "ц"}, {"ch", "ч"}, {"sh", "ш"},
        {"yu", "ю"},   {"ya", "я"},  {"yo", "е"}, {"ju", "ю"}, {"ja", "я"}};
    static constexpr std::pair<char, std::string_view> kOne[] = {
        {'a', "а"}, {'b', "б"}, {'c', "ц"}, {'d', "д"}, {'e', "е"}, {'f', "ф"}, {'g', "г"}, {'h', "х"}, {'i', "и"},
        {'j', "й"}, {'k', "к"}, {'l', "л"}, {'m', "м"}, {'n', "н"}, {'o', "о"}, {'p', "п"}, {'q', "к"}, {'r', "р"},
        {'s', "с"}, {'t', "т"}, {'u', "у"}, {'v', "в"}, {'w', "в"}, {'x', "кс"}, {'z', "з"}};
    auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; };
    // Words whose soft sign or first letter the romanization loses: "est" is есть, "eto" это.
    static constexpr std::pair<std::string_view, std::string_view> kWhole[] = {
        {"est", "есть"}, {"yest", "есть"}, {"eto", "это"}, {"etot", "этот"}, {"eta", "эта"}, {"etazh", "этаж"},
        {"etazhe", "этаже"}, {"etazha", "этажа"}, {"seichas", "сейчас"}, {"seychas", "сейчас"}};
    for (const auto& [from, to] : kWhole) {
        if (w == from) return std::string(to);
    }
    std::string out;
    // "zakryvaetsya", "zakryvaetsa": the reflexive ending -тся, not -ця.
    std::string_view tail;
    for (std::string_view end : {"tsya", "tsa"}) {
        if (w.size() > end.size() + 2 && w.substr(w.size() - end.size()) == end) {
            tail = end;
            w = w.substr(0, w.size() - end.size());
            break;
        }
    }
    for (std::size_t i = 0; i < w.size();) {
        if (!std::isalpha(static_cast<unsigned char>(w[i]))) {
            out += w[i++];
            continue;
        }
        bool done = false;
        for (const auto& [from, to] : kMulti) {
            if (w.substr(i, from.size()) == from) {
                out += to;
                i += from.size();
                done = true;
                break;
            }
        }
        if (done) continue;
        if (w[i] == 'y') {  // й after a vowel, else ы ("moy", "vody"); "ye" at the start is е
            if (i == 0 && i + 1 < w.size() && w[i + 1] == 'e') {
                out += "е";
                i += 2;
                continue;
            }
            out += i > 0 && vowel(w[i - 1]) ? "й" : "ы";
            ++i;
            continue;
        }
        for (const auto& [from, to] : kOne) {
            if (w[i] == from) {
                out += to;
                break;
            }
        }
        ++i;
    }
    if (!tail.empty()) out += "тся";
    return out;
}

}  // namespace

Doc prepare(const std::string& text) {
    Doc d;
    d.raw = detail::lower_utf8(text);
    simplify_chinese(d.raw);
    // 水泥 (cement) is not 水 (water): "到处都是水泥和灰" (cement dust everywhere)
    for (auto p = d.raw.find("水泥"); p != std::string::npos; p = d.raw.find("水泥", p)) d.raw.replace(p, 6, "洋灰");
    std::string folded;
    folded.reserve(d.raw.size() + 16);
    for (std::size_t i = 0; i < d.raw.size();) {
        const auto c = static_cast<unsigned char>(d.raw[i]);
        if (c >= 0xE3 && c <= 0xE9) d.has_cjk = true;
        if (c >= 0x80) {
            i += fold_char(d.raw, i, folded);
        } else {
            folded += static_cast<char>(c);
            ++i;
        }
    }
    // Split into words; punctuation ends a clause; apostrophes join English contractions
    // ("won't" -> "wont") and split French elisions ("l'eau" -> "l eau").
    std::string word;
    int clause = 0;
    auto flush = [&] {
        if (word.empty()) return;
        if (std::find(std::begin(kClauseWords), std::end(kClauseWords), word) != std::end(kClauseWords)) {
            ++clause;
        } else {
            d.words.push_back(word);
            d.clause.push_back(clause);
        }
        word.clear();
    };
    for (std::size_t i = 0; i < folded.size(); ++i) {
        const auto c = static_cast<unsigned char>(folded[i]);
        if (c >= 0xE3 && c <= 0xE9 && i + 2 < folded.size()) {
            flush();  // Chinese is matched on the raw text; it ends a Latin word ("下周move in")
            i += 2;
        } else if (std::isalnum(c) || c >= 0x80) {
            word += static_cast<char>(c);
        } else if ((c == '%' || (c == ':' && i + 1 < folded.size() &&
                                 std::isdigit(static_cast<unsigned char>(folded[i + 1])))) &&
                   !word.empty() && std::isdigit(static_cast<unsigned char>(word.back()))) {
            word += static_cast<char>(c);  // "30%" and "11:00" are not temperatures
        } else if ((c == '+' || c == '-') && word.empty() && i + 1 < folded.size() &&
                   std::isdigit(static_cast<unsigned char>(folded[i + 1]))) {
            word += static_cast<char>(c);  // "+35", "-18": a temperature as Europeans write it
        } else if (c == '\'') {
            static constexpr std::string_view kElided[] = {"l", "d", "n", "j", "s", "c", "m", "t", "qu"};
            if (std::find(std::begin(kElided), std::end(kElided), word) != std::end(kElided)) {
                flush();
            } else if (i + 1 < folded.size() && folded[i + 1] == 's' &&
                       (i + 2 >= folded.size() || !std::isalpha(static_cast<unsigned char>(folded[i + 2])))) {
                flush();  // "heat's out" -> "heat out", "nothing's" -> "nothing"
                ++i;
            }
        } else if (c == '-' && !word.empty() && i + 1 < folded.size() &&
                   std::isalpha(static_cast<unsigned char>(folded[i + 1]))) {
            flush();  // "break-in" -> "break in"
        } else {
            flush();
            // (a parenthesis is an aside inside the sentence: "the back door (by the bins) won't close")
            if (c == '.' || c == '!' || c == '?' || c == ';' || c == ',' || c == ':' || c == '\n') {
                ++clause;
            }
        }
    }
    flush();
    for (std::size_t i = 1; i < d.words.size(); ++i) {  // "no one is hurt": one negation word
        if (d.words[i] == "one" && d.words[i - 1] == "no") {
            d.words[i - 1] = "noone";
            d.words.erase(d.words.begin() + static_cast<std::ptrdiff_t>(i));
            d.clause.erase(d.clause.begin() + static_cast<std::ptrdiff_t>(i));
        }
    }
    static constexpr std::string_view kPt[] = {"nao", "voce", "minha", "meu", "obrigado", "obrigada", "tem",
                                               "muito", "ta", "pelo", "pela", "do", "da", "dos", "das", "um",
                                               "uma", "esta", "estou", "agua", "banheiro", "cozinha", "ja"};
    int pt = 0;
    for (const auto& w : d.words) pt += std::find(std::begin(kPt), std::end(kPt), w) != std::end(kPt) ? 1 : 0;
    if (!d.has_cjk && transliterated_russian(d.words)) {
        // (The Latin abbreviation stays as Russian writes it too: "datchik CO" is "датчик CO".)
        for (auto& w : d.words) {
            if (w != "co" && w != "co2") w = to_cyrillic(w);
        }
    }
    d.portuguese = pt >= 3 || (pt >= 1 && (d.raw.find("ã") != std::string::npos || d.raw.find("õ") != std::string::npos ||
                                          d.raw.find("ç") != std::string::npos));
    return d;
}

// ---------------------------------------------------------------------------------------------
// Matching

namespace {
// Damerau-style distance of at most one (substitution, insertion, deletion, adjacent swap).
bool within_one_edit(std::string_view a, std::string_view b) {
    if (a == b) return true;
    const auto la = a.size(), lb = b.size();
    if (la > lb + 1 || lb > la + 1) return false;
    // One word a letter longer at the end is another word ("quemado"/"quemador"), not a typo.
    if (a.substr(0, std::min(la, lb)) == b.substr(0, std::min(la, lb))) return false;
    std::size_t i = 0;
    while (i < la && i < lb && a[i] == b[i]) ++i;
    if (la == lb) {
        // A different letter at the start changes the word ("staying"/"swaying").
        if (i >= 2 && a.substr(i + 1) == b.substr(i + 1)) return true;  // substitution
        return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
    }
    if (la > lb) return a.substr(i + 1) == b.substr(i);
    return a.substr(i) == b.substr(i + 1);
}

bool ascii_word(std::string_view w) {
    return std::all_of(w.begin(), w.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Real words within one typo of a pattern ("leasing"/"leaking", "heading"/"heating",
// "draining"/"raining"): spelled as meant, never a typo of another word.
constexpr std::string_view kRealWords[] = {
#include "agent/typo_stopwords.inc"
};
static_assert(std::is_sorted(std::begin(kRealWords), std::end(kRealWords)));

// English negative contractions as the signals fold them ("couldn't" is "couldnt", one typo from the
// French "coulent"): the dictionary lists keep their apostrophes, so they are named here.
constexpr std::string_view kContractions[] = {"couldnt", "shouldnt", "wouldnt"};

bool real_word(std::string_view w) {
    return std::binary_search(std::begin(kRealWords), std::end(kRealWords), w) ||
           std::find(std::begin(kContractions), std::end(kContractions), w) != std::end(kContractions);
}

}  // namespace

// One pattern word against one text word. "stem*" matches any ending; words of seven letters or more
// (ASCII) also match with one typo, unless the text word is a real word (kRealWords).
bool word_matches(std::string_view pattern, std::string_view word) {
    if (!pattern.empty() && pattern.back() == '*') {
        pattern.remove_suffix(1);
        if (word.substr(0, pattern.size()) == pattern) return true;
        if (pattern.size() >= 7 && ascii_word(pattern) && word.size() >= pattern.size()) {
            return (within_one_edit(pattern, word.substr(0, pattern.size())) ||
                    within_one_edit(pattern, word.substr(0, pattern.size() + 1))) &&
                   !real_word(word);
        }
        return false;
    }
    if (pattern == word) return true;
    return pattern.size() >= 7 && ascii_word(pattern) && within_one_edit(pattern, word) && !real_word(word);
}



namespace {
int cjk_clause_at(const std::string& raw, std::size_t pos) {
    int n = 0;
    for (std::string_view p : {"，", "。", "！", "？", "；", ",", ".", "!", "?", "\n"}) {
        for (auto i = raw.find(p); i != std::string::npos && i < pos; i = raw.find(p, i + 1)) ++n;
    }
    return n;
}

constexpr const char* kNegations[] = {
    "no", "not", "never", "without", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent",
    "havent", "hasnt", "cant", "cannot", "nothing", "nothings", "none", "nor", "zero", "nobody", "nobodys", "noone",
    "neither", "nadie", "никто", "никого", "if", "ever", "whether", "case", "caso", "cas", "ningun", "ninguna", "ninguno", "ninguem", "sin", "ni", "nunca",
    "nada", "tampoco", "pas", "ne", "n", "sans", "aucun", "aucune", "jamais", "rien", "nao", "sem",
    "nem", "nenhum", "nenhuma", "ngm", "nae", "disnae", "dinnae", "cannae", "nothin", "nuttin", "nuffin", "не", "нет", "ни", "без", "никакого", "никакой", "нету"};

bool is_negation(const std::string& w) {
    return std::find(std::begin(kNegations), std::end(kNegations), w) != std::end(kNegations);
}

// A word after a negation that turns it into doubt: "not sure", "no sé", "não sei", "не знаю".
bool doubt_word(const std::string& w) {
    static constexpr std::string_view kDoubt[] = {"sure", "certain", "seguro", "segura", "se", "sei", "sur", "знаю"};
    return std::find(std::begin(kDoubt), std::end(kDoubt), w) != std::end(kDoubt);
}

}  // namespace

// A negation among the four words before `begin` in the same clause (a list joined by "or" carries
// its negation; "and" starts another statement). "not sure if it's gas" and "I wonder if" doubt, they
// do not deny.
bool negated_before(const Doc& d, std::size_t begin) {
    const int clause = d.clause[begin];
    for (std::size_t k = begin, n = 0; k > 0 && n < 4; --k) {
        const auto j = k - 1;
        if (d.clause[j] != clause) break;
        const auto& wj = d.words[j];
        // ("não é incêndio": "é" folds to "e", the verb after a negation, not "and")
        if (wj == "e" && j > 0 && d.words[j - 1] == "nao") continue;
        if (wj == "and" || wj == "y" || wj == "et" || wj == "e" || wj == "и" || wj == "but") break;
        // Texting "n" is "and" before an English word ("hissing behind the stove n it stinks like gas",
        // "tmrw n power will be off"); otherwise it is Portuguese "não" ("n tem cheiro") or a French
        // elision ("n'a pas").
        static constexpr std::string_view kAfterAnd[] = {"it", "its", "i", "im", "the", "my", "now", "then", "there", "theres",
                                                          "they", "we", "he", "she", "you", "u", "everything", "all",
                                                          "is", "this", "that", "power", "water", "smoke", "gas",
                                                          "heat", "still", "nobody", "when"};
        if (wj == "n" && !d.portuguese && j + 1 < d.words.size() &&
            std::find(std::begin(kAfterAnd), std::end(kAfterAnd), d.words[j + 1]) != std::end(kAfterAnd)) {
            break;
        }
        if (wj != "or" && wj != "nor" && wj != "ou" && wj != "ni" && wj != "или" && wj != "o") ++n;
        if (d.portuguese && wj == "no") continue;
        if ((wj == "if" || wj == "whether") && j > 0 &&
            (d.words[j - 1] == "sure" || d.words[j - 1] == "know" || d.words[j - 1] == "wonder" ||
             d.words[j - 1] == "idea" || d.words[j - 1] == "unsure" || d.words[j - 1] == "check" ||
             d.words[j - 1] == "tell")) {
            continue;
        }
        // ("nadie se siente mal": nobody feels ill — "se" is a doubt only after "no": "no sé")
        const bool nobody = wj == "nadie" || wj == "nobody" || wj == "noone" || wj == "никто" || wj == "ninguem";
        if (is_negation(wj) && !(j + 1 < d.words.size() && doubt_word(d.words[j + 1]) && !nobody)) return true;
    }
    return false;
}

// True when a negation governs the words [begin, end): one before them, or, in Russian, "нет" right
// after them (and the Spanish and Portuguese "no hay"/"não há" after the noun).
bool negated_at(const Doc& d, std::size_t begin, std::size_t end) {
    if (negated_before(d, begin)) return true;
    const int clause = d.clause[begin];
    for (std::size_t j = end; j < d.words.size() && j < end + 2; ++j) {
        if (d.clause[j] != clause) break;
        if (d.words[j] == "нет" || d.words[j] == "нету") return true;
        // "запаха газа не было" (there was no smell of gas)
        if (j == end && j + 1 < d.words.size() && d.words[j] == "не" &&
            (d.words[j + 1] == "было" || d.words[j + 1] == "была") && d.clause[j + 1] == clause) {
            return true;
        }
        // "olor a gas no hay", "cheiro de gás não há": the Spanish and Portuguese post-negation
        if (j == end && j + 1 < d.words.size() && (d.words[j] == "no" || d.words[j] == "nao") &&
            (d.words[j + 1] == "hay" || d.words[j + 1] == "ha" || d.words[j + 1] == "tem")) {
            return true;
        }
    }
    return false;
}

// Every hit of the phrases in `words` (and Chinese substrings in `cjk`) in the document.
std::vector<Hit> find(const Doc& d, Words words, Words cjk, bool negatable) {
    std::vector<Hit> out;
    for (const char* phrase : words) {
        std::vector<std::string_view> parts;
        std::string_view p(phrase);
        while (!p.empty()) {
            const auto sp = p.find(' ');
            parts.push_back(p.substr(0, sp));
            if (sp == std::string_view::npos) break;
            p.remove_prefix(sp + 1);
        }
        if (parts.empty() || parts.size() > d.words.size()) continue;
        for (std::size_t i = 0; i + parts.size() <= d.words.size(); ++i) {
            bool ok = true;
            for (std::size_t k = 0; k < parts.size() && ok; ++k) {
                ok = word_matches(parts[k], d.words[i + k]) &&
                     (k == 0 || d.clause[i + k] == d.clause[i]);
            }
            if (!ok) continue;
            out.push_back({i, i + parts.size(), negatable && negated_at(d, i, i + parts.size()), phrase});
        }
    }
    if (d.has_cjk) {
        for (const char* s : cjk) {
            const std::string_view sv(s);
            for (auto pos = d.raw.find(sv); pos != std::string::npos; pos = d.raw.find(sv, pos + 1)) {
                // A negation up to six characters before, in the same clause: 没/不/无/未.
                bool neg = false;
                for (std::size_t back = 3; negatable && back <= 18 && back <= pos; back += 3) {
                    const auto prev = std::string_view(d.raw).substr(pos - back, 3);
                    if (prev == "，" || prev == "。" || prev == "！" || prev == "？") break;
                    // 不停/不断 (non-stop), 不过 (but), 不少 (many), 不但 (not only), 不管 (whatever) negate nothing.
                    const auto next = std::string_view(d.raw).substr(pos - back + 3, 3);
                    // 不小心 (by accident) and 不好意思 (sorry) neither.
                    const bool sorry = next == "好" && back > 6 && std::string_view(d.raw).substr(pos - back + 6, 3) == "意";
                    if (prev == "不" && back > 3 && (next == "停" || next == "断" || next == "过" || next == "少" || next == "但" ||
                                         next == "管" || next == "小" || sorry)) {
                        continue;
                    }
                    // A-not-A questions ("是不是过期要换", "有没有", "会不会") ask, they do not deny.
                    if ((prev == "不" || prev == "没") && back > 3 && pos >= back + 3 &&
                        std::string_view(d.raw).substr(pos - back - 3, 3) == next) {
                        continue;
                    }
                    if (prev == "没" || prev == "不" || prev == "无" || prev == "未" || prev == "别" || prev == "冇") neg = true;
                }
                // "一点煤气味都没有" (not the least gas smell): 一点/一丝/半点 before, 都没/也没 after, one clause.
                if (negatable && !neg) {
                    auto clause_part = [](std::string_view v, bool tail) {
                        for (std::string_view stop : {"，", "。", "！", "？", ","}) {
                            const auto p = tail ? v.rfind(stop) : v.find(stop);
                            if (p != std::string_view::npos) v = tail ? v.substr(p + stop.size()) : v.substr(0, p);
                        }
                        return v;
                    };
                    const auto raw = std::string_view(d.raw);
                    const auto before = clause_part(raw.substr(pos >= 12 ? pos - 12 : 0, pos >= 12 ? 12 : pos), true);
                    const auto after = clause_part(raw.substr(pos + sv.size(), 18), false);
                    const bool least = before.find("一点") != std::string_view::npos ||
                                       before.find("一丝") != std::string_view::npos ||
                                       before.find("半点") != std::string_view::npos;
                    const bool none = after.find("都没") != std::string_view::npos ||
                                      after.find("也没") != std::string_view::npos ||
                                      after.find("都冇") != std::string_view::npos;
                    if (least && none) neg = true;
                }
                // A hypothetical: "万一发生火灾" (in case a fire breaks out), "以免..." (so as to avoid).
                const auto before = std::string_view(d.raw).substr(pos >= 18 ? pos - 18 : 0, pos >= 18 ? 18 : pos);
                for (std::string_view h : {"万一", "如果", "假如", "以免", "迟早", "早晚"}) {
                    if (negatable && before.find(h) != std::string_view::npos) neg = true;
                }
                out.push_back({std::string::npos, std::string::npos, neg, s, cjk_clause_at(d.raw, pos)});
            }
        }
    }
    return out;
}

bool any(const std::vector<Hit>& hits) {
    return std::any_of(hits.begin(), hits.end(), [](const Hit& h) { return !h.negated; });
}
bool any_negated(const std::vector<Hit>& hits) {
    return std::any_of(hits.begin(), hits.end(), [](const Hit& h) { return h.negated; });
}
std::string first(const std::vector<Hit>& hits) {
    for (const auto& h : hits) {
        if (!h.negated) return h.text;
    }
    return hits.empty() ? "" : hits.front().text;
}
// True when a live hit of `a` and a live hit of `b` share a clause (CJK hits count everywhere).
bool together(const Doc& d, const std::vector<Hit>& a, const std::vector<Hit>& b) {
    for (const auto& x : a) {
        if (x.negated) continue;
        for (const auto& y : b) {
            if (y.negated) continue;
            if (x.begin == std::string::npos && y.begin == std::string::npos) {
                if (x.cjk_clause == y.cjk_clause) return true;
                continue;
            }
            if (x.begin == std::string::npos || y.begin == std::string::npos) return true;
            if (d.clause[x.begin] == d.clause[y.begin]) return true;
        }
    }
    return false;
}

// Removes from `hits` those inside a hit of `spans` ("smoke" inside "smoke detector", "heat" inside
// "water heater"): a word hit starting within a span's words, a Chinese hit within a span's text.
void drop_inside(std::vector<Hit>& hits, const std::vector<Hit>& spans) {
    std::erase_if(hits, [&](const Hit& h) {
        return std::any_of(spans.begin(), spans.end(), [&](const Hit& n) {
            if (h.begin == std::string::npos && n.begin == std::string::npos) {
                return std::string_view(n.text).find(h.text) != std::string_view::npos;
            }
            if (h.begin == std::string::npos || n.begin == std::string::npos) return false;
            return h.begin >= n.begin && h.begin < n.end;
        });
    });
}

}  // namespace propos::signals
