// The built-in embedder: feature hashing of words, word bigrams, character n-grams and
// property-maintenance concepts, with sublinear term frequency, L2-normalized.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "propos/search/embedder.hpp"
#include "search/simd.hpp"
#include "search/text.hpp"

namespace propos {
namespace {

namespace sd = search_detail;

// Feature kinds and their weights. Concepts weigh most: they are what makes "drip" and "water
// coming through the ceiling" neighbours. Trades are broad, so they weigh less than symptoms.
constexpr float kWordWeight = 1.0f;
constexpr float kBigramWeight = 0.6f;
constexpr float kCharGramWeight = 0.25f;
constexpr float kConceptWeight = 1.6f;
constexpr float kTradeWeight = 0.7f;

// The vocabulary: "phrase|concept concept ...". Phrases are matched on stemmed words with stop
// words removed, longest first and without overlap, so a phrase lists every concept it stands for
// ("gas leak" is gas, not a water leak). Concepts named trade_* are trades.
// clang-format off
constexpr std::string_view kVocabulary[] = {
    // water leaks and flooding
    "leak|leak trade_plumbing", "leaky|leak trade_plumbing", "leakage|leak trade_plumbing",
    "drip|leak trade_plumbing", "dribble|leak", "seep|leak", "seepage|leak", "trickle|leak",
    "water stain|leak water_damage", "water damage|leak water_damage", "water spot|leak water_damage",
    "wet spot|leak water_damage", "damp|leak moisture", "moisture|moisture", "soggy|leak moisture",
    "soaked|leak moisture", "wet|leak moisture", "puddle|leak flood", "bubbling paint|leak water_damage",
    "water coming through ceiling|leak ceiling", "water through ceiling|leak ceiling",
    "water coming from ceiling|leak ceiling", "water from ceiling|leak ceiling",
    "coming through ceiling|leak ceiling", "water coming down|leak", "water coming through|leak",
    "water dripping|leak", "water leaking|leak", "ceiling wet|leak ceiling", "wet ceiling|leak ceiling",
    "water on floor|leak flood floor", "water everywhere|flood leak", "flood|flood leak",
    "standing water|flood leak", "overflow|flood", "burst pipe|flood leak pipe trade_plumbing",
    "pipe burst|flood leak pipe trade_plumbing", "broken pipe|leak pipe trade_plumbing",
    "gas leak|gas hazard", "roof leak|leak roof trade_roofing",
    // drains and toilets
    "clog|clog trade_plumbing", "blocked|clog", "blockage|clog", "backed up|clog",
    "back up|clog", "backup|clog", "stopped up|clog", "plunger|clog toilet",
    "slow drain|clog drain trade_plumbing", "drain slow|clog drain", "wont drain|clog drain",
    "not drain|clog drain", "doesnt drain|clog drain", "drain|drain trade_plumbing",
    "garbage disposal|disposal drain trade_appliance", "disposal|disposal drain",
    "toilet|toilet trade_plumbing", "commode|toilet", "flush|toilet", "flapper|toilet",
    "wax ring|toilet", "keep run|running_toilet toilet", "run toilet|running_toilet toilet",
    "toilet run|running_toilet toilet", "wont stop run|running_toilet toilet",
    "constantly run|running_toilet toilet",
    // fixtures and supply
    "faucet|faucet trade_plumbing", "tap|faucet", "spigot|faucet", "spout|faucet",
    "sink|sink trade_plumbing", "basin|sink", "vanity|sink", "shower|shower trade_plumbing",
    "showerhead|shower", "tub|shower", "bathtub|shower", "bath|shower",
    "pipe|pipe trade_plumbing", "plumb|trade_plumbing", "plumber|trade_plumbing",
    "valve|pipe", "shutoff|pipe", "supply line|pipe", "water pressure|water_pressure trade_plumbing",
    "low pressure|water_pressure", "no water|no_water trade_plumbing", "water shut off|no_water",
    "water off|no_water", "sewage|sewage trade_plumbing", "sewer|sewage trade_plumbing",
    "septic|sewage", "hot water|hot_water", "no hot water|no_hot_water hot_water trade_plumbing",
    "water cold|no_hot_water hot_water", "lukewarm|no_hot_water hot_water",
    "water heater|water_heater hot_water trade_plumbing", "hot water heater|water_heater hot_water",
    // heat and air
    "heat|heat trade_hvac", "heater|heat trade_hvac", "furnace|heat trade_hvac",
    "boiler|heat hot_water trade_hvac", "radiator|heat trade_hvac", "baseboard|heat",
    "thermostat|heat thermostat trade_hvac", "no heat|no_heat heat trade_hvac",
    "heat not work|no_heat heat trade_hvac", "heat off|no_heat heat", "heat out|no_heat heat",
    "heat broken|no_heat heat", "radiator cold|no_heat heat", "freez|no_heat cold",
    "cold|cold", "chilly|cold", "apartment cold|no_heat cold", "air conditioner|ac trade_hvac",
    "air condition|ac trade_hvac", "ac|ac trade_hvac", "hvac|ac heat trade_hvac", "cool|ac",
    "not cool|ac broken", "vent|ventilation", "ventilation|ventilation", "exhaust fan|ventilation",
    "fan|ventilation",
    // electrical
    "electrical|trade_electrical", "electric|trade_electrical", "electrician|trade_electrical",
    "outlet|outlet trade_electrical", "socket|outlet trade_electrical", "plug|outlet",
    "receptacle|outlet trade_electrical", "gfci|outlet trade_electrical",
    "switch|switch trade_electrical", "light switch|switch light trade_electrical",
    "breaker|breaker trade_electrical", "circuit breaker|breaker trade_electrical",
    "trip|breaker", "fuse|breaker trade_electrical", "panel|breaker",
    "wire|wiring trade_electrical", "wiring|wiring trade_electrical", "light|light",
    "bulb|light", "light fixture|light trade_electrical", "lamp|light",
    "flicker|flicker light trade_electrical", "no power|no_power trade_electrical",
    "power out|no_power trade_electrical", "power outage|no_power trade_electrical",
    "outage|no_power", "blackout|no_power", "lost power|no_power", "no electricity|no_power",
    "spark|spark hazard trade_electrical", "arc|spark hazard", "shock|spark hazard trade_electrical",
    "burn smell|burning hazard", "scorch|burning hazard", "smoke|smoke hazard", "fire|fire hazard",
    "flame|fire hazard",
    // gas and alarms
    "gas|gas", "gas smell|gas hazard", "smell gas|gas hazard", "rotten egg|gas hazard",
    "carbon monoxide|co_alarm hazard", "co detector|co_alarm", "co alarm|co_alarm",
    "smoke detector|smoke_alarm", "smoke alarm|smoke_alarm", "fire alarm|smoke_alarm",
    "detector|smoke_alarm", "chirp|smoke_alarm", "beep|smoke_alarm",
    // pests
    "pest|pest trade_pest", "exterminator|pest trade_pest", "infestation|pest trade_pest",
    "roach|pest insect trade_pest", "cockroach|pest insect trade_pest", "bug|pest insect",
    "bed bug|pest bedbug trade_pest", "bedbug|pest bedbug trade_pest", "ant|pest insect",
    "termite|pest insect trade_pest", "mice|pest rodent trade_pest", "mouse|pest rodent trade_pest",
    "rat|pest rodent trade_pest", "rodent|pest rodent trade_pest", "wasp|pest insect", "hornet|pest insect", "flea|pest insect", "squirrel|pest rodent",
    "raccoon|pest",
    // mold and smells
    "mold|mold", "mould|mold", "mildew|mold", "fungus|mold", "black spot|mold", "musty|mold smell",
    "smell|smell", "odor|smell", "odour|smell", "stink|smell", "stench|smell", "foul|smell",
    // doors, locks, windows
    "door|door", "lock|lock trade_locksmith", "deadbolt|lock trade_locksmith", "key|lock",
    "locked out|lockout lock trade_locksmith", "lockout|lockout lock trade_locksmith",
    "lost key|lockout lock", "latch|lock door", "locksmith|lock trade_locksmith",
    "buzzer|intercom", "intercom|intercom", "doorbell|intercom", "window|window", "pane|window",
    "glass|window", "screen|window",
    // appliances
    "appliance|trade_appliance", "fridge|fridge trade_appliance", "refrigerator|fridge trade_appliance",
    "freezer|fridge trade_appliance", "ice maker|fridge", "oven|stove trade_appliance",
    "stove|stove trade_appliance", "range|stove", "cooktop|stove", "burner|stove",
    "dishwasher|dishwasher trade_appliance", "washer|laundry trade_appliance",
    "wash machine|laundry trade_appliance", "dryer|laundry trade_appliance", "laundry|laundry",
    "microwave|microwave trade_appliance", "range hood|ventilation stove",
    // building
    "ceiling|ceiling", "wall|wall", "drywall|wall", "plaster|wall paint", "sheetrock|wall",
    "floor|floor", "carpet|floor", "tile|floor", "hardwood|floor", "crack|crack structural",
    "hole|hole", "roof|roof trade_roofing", "gutter|roof trade_roofing", "shingle|roof trade_roofing",
    "attic|roof", "stair|stairs", "railing|stairs", "balcony|structural", "foundation|structural",
    "sag|structural", "paint|paint trade_painting", "peel|paint", "chip|paint",
    "elevator|elevator trade_elevator", "lift|elevator",
    // rooms
    "bathroom|bathroom", "restroom|bathroom", "washroom|bathroom", "kitchen|kitchen",
    "bedroom|bedroom", "basement|basement", "hallway|common_area", "lobby|common_area",
    // states
    "noise|noise", "noisy|noise", "loud|noise", "bang|noise", "rattl|noise", "squeak|noise",
    "hum|noise", "clank|noise", "broken|broken", "not work|broken", "doesnt work|broken",
    "wont work|broken", "stop work|broken", "isnt work|broken", "out order|broken",
    "busted|broken", "malfunction|broken", "wont turn|broken",
    "replac|repair", "repair|repair", "fix|repair", "patch|repair", "seal|repair seal",
    "caulk|seal", "handyman|trade_general", "contractor|trade_general",
    "carpenter|trade_carpentry", "emergency|urgent", "urgent|urgent", "asap|urgent",
};
// clang-format on

struct Phrase {
    std::vector<std::string> stems;
    std::vector<std::string> concepts;
};

std::vector<std::string> stems_of(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& w : sd::words(text)) {
        if (!sd::is_stopword(w)) out.push_back(sd::stem(w));
    }
    return out;
}

// First stem -> phrases starting with it, longest first.
using PhraseTable = std::unordered_map<std::string, std::vector<Phrase>>;

PhraseTable build_phrases() {
    PhraseTable table;
    for (const auto entry : kVocabulary) {
        const auto bar = entry.find('|');
        Phrase p;
        p.stems = stems_of(entry.substr(0, bar));
        std::string_view rest = entry.substr(bar + 1);
        while (!rest.empty()) {
            const auto sp = rest.find(' ');
            p.concepts.emplace_back(rest.substr(0, sp));
            rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
        }
        if (p.stems.empty()) continue;
        table[p.stems.front()].push_back(std::move(p));
    }
    for (auto& [first, list] : table) {
        std::stable_sort(list.begin(), list.end(), [](const Phrase& a, const Phrase& b) {
            return a.stems.size() > b.stems.size();
        });
    }
    return table;
}

const PhraseTable& phrases() {
    static const PhraseTable table = build_phrases();
    return table;
}

std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return x;
}

std::uint64_t feature_hash(char kind, std::string_view text) {
    std::uint64_t h = 0xCBF29CE484222325ULL ^ static_cast<unsigned char>(kind);
    h *= 0x100000001B3ULL;
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001B3ULL;
    }
    return mix(h);
}

class HashingEmbedder final : public Embedder {
public:
    explicit HashingEmbedder(const HashingEmbedderOptions& o) : options_(o) {
        if (o.dimension == 0)
            throw Error(ErrorCode::kInvalidArgument, "hashing embedder dimension is 0");
        if (o.domain_vocabulary) phrases();  // build the table once, up front
    }

    std::size_t dimension() const noexcept override { return options_.dimension; }

    std::string model() const override {
        return "propos-hash-v1/" + std::to_string(options_.dimension) +
               (options_.domain_vocabulary ? "" : "/plain");
    }

    std::vector<std::vector<float>> embed(const std::vector<std::string>& texts) override {
        std::vector<std::vector<float>> out;
        out.reserve(texts.size());
        for (const auto& t : texts) out.push_back(embed_one(t));
        return out;
    }

private:
    struct Feature {
        float weight = 0;
        int tf = 0;
    };

    std::vector<float> embed_one(std::string_view text) const {
        std::unordered_map<std::uint64_t, Feature> features;
        auto add = [&](char kind, std::string_view f, float weight) {
            auto& slot = features[feature_hash(kind, f)];
            slot.weight = weight;
            ++slot.tf;
        };
        std::vector<std::string> content;  // stems of the non-stop words, in order
        for (const auto& w : sd::words(text)) {
            if (sd::is_stopword(w)) continue;
            content.push_back(sd::stem(w));
            add('w', content.back(), kWordWeight);
            // Character 3- and 4-grams of the word as written, with boundary marks.
            const std::string marked = "<" + w + ">";
            for (std::size_t n = 3; n <= 4; ++n) {
                for (std::size_t i = 0; i + n <= marked.size(); ++i) {
                    add('c', std::string_view(marked).substr(i, n), kCharGramWeight);
                }
            }
        }
        for (std::size_t i = 0; i + 1 < content.size(); ++i) {
            add('b', content[i] + " " + content[i + 1], kBigramWeight);
        }
        if (options_.domain_vocabulary) {
            const auto& table = phrases();
            for (std::size_t i = 0; i < content.size();) {
                std::size_t used = 1;
                if (auto it = table.find(content[i]); it != table.end()) {
                    for (const auto& p : it->second) {
                        if (i + p.stems.size() > content.size() ||
                            !std::equal(p.stems.begin(), p.stems.end(),
                                        content.begin() + static_cast<std::ptrdiff_t>(i))) {
                            continue;
                        }
                        for (const auto& c : p.concepts) {
                            add('k', c, c.rfind("trade_", 0) == 0 ? kTradeWeight : kConceptWeight);
                        }
                        used = p.stems.size();
                        break;
                    }
                }
                i += used;
            }
        }
        std::vector<float> v(options_.dimension, 0.0f);
        for (const auto& [h, f] : features) {
            const float value = f.weight * (1.0f + std::log(static_cast<float>(f.tf)));
            const auto slot = static_cast<std::size_t>(h % options_.dimension);
            v[slot] += (h >> 63) ? -value : value;
        }
        sd::normalize(v.data(), v.size());
        return v;
    }

    HashingEmbedderOptions options_;
};

}  // namespace

std::unique_ptr<Embedder> make_hashing_embedder(const HashingEmbedderOptions& options) {
    return std::make_unique<HashingEmbedder>(options);
}

float cosine_similarity(std::span<const float> a, std::span<const float> b) {
    if (a.size() != b.size()) {
        throw Error(ErrorCode::kInvalidArgument, "cosine_similarity: vectors of dimension " +
                                                     std::to_string(a.size()) + " and " +
                                                     std::to_string(b.size()));
    }
    const auto dot = sd::dot_kernel();
    const float ab = dot(a.data(), b.data(), a.size());
    const float aa = dot(a.data(), a.data(), a.size());
    const float bb = dot(b.data(), b.data(), b.size());
    if (!(aa > 0) || !(bb > 0)) return 0.0f;
    return ab / std::sqrt(aa * bb);
}

}  // namespace propos
