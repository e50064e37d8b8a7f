// The text models built into the library: trained at build time by propos_text_model_trainer
// from the tuning files (see text_model.hpp) and embedded as text.
#include "text_model.hpp"

extern const char kIntentModelText[];
extern const char kEmergencyModelText[];
extern const char kCategoryModelText[];

namespace propos::text_model {

const Model& intent_model() {
    static const Model m = parse(kIntentModelText);
    return m;
}

const Model& emergency_model() {
    static const Model m = parse(kEmergencyModelText);
    return m;
}

const Model& category_model() {
    static const Model m = parse(kCategoryModelText);
    return m;
}

}  // namespace propos::text_model
