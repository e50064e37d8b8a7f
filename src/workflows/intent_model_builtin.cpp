// The intent model built into the library: trained at build time by propos_intent_trainer from
// the tuning files (see intent_model.hpp) and embedded as text (kIntentModelText).
#include "intent_model.hpp"

extern const char kIntentModelText[];

namespace propos::intent_model {

const Model& builtin() {
    static const Model m = parse(kIntentModelText);
    return m;
}

}  // namespace propos::intent_model
