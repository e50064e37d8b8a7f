// The emergency criteria model: hazards x activity x conditions, negation, hedges, uncertainty.
#include <gtest/gtest.h>

#include "agent/emergency_model.hpp"
#include "agent/text_model.hpp"
#include "propos/agent/emergency.hpp"
#include "propos/core/time.hpp"

namespace propos {
namespace {

const Timestamp kWinter = parse_time("2026-01-05T14:00:00Z");
const Timestamp kSummer = parse_time("2026-07-06T14:00:00Z");

struct Case {
    const char* text;
    const char* hazard;  // "" = not an emergency
    Timestamp at = kWinter;
};

class EmergencyCriteriaTest : public ::testing::TestWithParam<Case> {};

TEST_P(EmergencyCriteriaTest, Assesses) {
    const auto& c = GetParam();
    const auto a = assess_emergency(c.text, {.at = c.at});
    if (std::string(c.hazard).empty()) {
        EXPECT_FALSE(a.emergency) << c.text << " -> " << (a.hazards.empty() ? "" : a.hazards[0]);
    } else {
        ASSERT_TRUE(a.emergency) << c.text;
        EXPECT_EQ(a.hazards.front(), c.hazard) << c.text;
        EXPECT_FALSE(a.reasons.empty());
    }
}

// The messages the issue quotes as missed, and their look-alikes.
INSTANTIATE_TEST_SUITE_P(
    Table, EmergencyCriteriaTest,
    ::testing::Values(
        Case{"Water is pouring through the light fixture in my bathroom ceiling right now", "water"},
        Case{"heat off since last night and it's 38 degrees outside... I have a newborn", "no_heat", kSummer},
        Case{"someone broke the lock on our front door, we can't secure the apartment", "entry_security"},
        Case{"fridge stopped cooling, all my insulin is in there", "medical"},
        Case{"elevator stuck between floors with my neighbor inside", "elevator_entrapment"},
        Case{"Se fue la luz en todo el apartamento", "power_loss"},
        Case{"wires hanging out of the ceiling, I can see copper", "electrical"},
        Case{"part of the kitchen ceiling just collapsed", "structural"},
        Case{"the breaker box is buzzing and hot, I can smell something melting", "electrical"},
        Case{"天花板的灯里一直在往下流水", "water"},
        Case{"Tem cheiro de gás na cozinha", "gas"},
        Case{"Бьет током от розетки в ванной", "electrical"},
        Case{"Il n'y a plus d'eau du tout dans l'appartement", "no_water"},
        Case{"AC died, it's 101 in here", "no_cooling", kSummer},
        Case{"ac broken and it is 88 degrees, my grandma is 90 years old", "no_cooling", kSummer},
        Case{"my oxygen concentrator has no power, the outlets are dead", "medical"},
        Case{"sewage is coming up through the tub drain", "sewage"},
        Case{"CO detector going off and I have a headache", "carbon_monoxide"},
        // Look-alikes, negations and hedges
        Case{"water stain on the ceiling, it hasn't changed in weeks", ""},
        Case{"gas burner clicks but there is no smell", ""},
        Case{"smoke alarm chirping, needs a battery", ""},
        Case{"the fire escape window is stuck", ""},
        Case{"question about my electricity bill", ""},
        Case{"outlet in the bedroom stopped working, nothing is sparking", ""},
        Case{"kitchen faucet drips slowly", ""},
        Case{"power is out on the whole block, con ed says 2 hours", ""},
        Case{"ac not working, it's about 80, not urgent", "", kSummer},
        Case{"no heat in July, it's fine for now", "", kSummer},
        Case{"my bedroom door lock is broken", ""},
        Case{"peeling paint falling from the ceiling", ""},
        // Found in the demo's own inbox: an appliance that will not heat is not the home's heat.
        Case{"Oven won't heat up, the burners work but the oven doesn't", ""},
        Case{"the apartment won't heat up, the radiators are cold", "no_heat"},
        // Russian typed in Latin letters (no Cyrillic keyboard): read back into Cyrillic.
        Case{"u nas v kvartire net vody uzhe s utra, ni v vannoy ni na kuhne", "no_water"},
        Case{"pomogite, v lifte zastryal rebenok, dveri ne otkryvayutsya", "elevator_entrapment"},
        Case{"ochen silno pahnet gazom na kuhne", "gas"},
        Case{"u nas net goryachey vody uzhe dva dnya, holodnaya est", ""},
        // A structure moving: a crack that widens, doors that stopped closing, a balcony that tilts.
        Case{"the crack in the bedroom wall has opened up since Monday, you can see daylight through it", "structural"},
        Case{"salio una grieta en la pared de la sala y las puertas ya no cierran", "structural"},
        Case{"le balcon penche vers la rue depuis l'orage", "structural"},
        Case{"阳台地面在往下沉", "structural"},
        Case{"hairline crack in the hallway wall, same as last year", ""},
        Case{"the bathroom door sticks in humid weather", ""},
        // The published criteria's routine and over-now cases, in other words than the first ones.
        Case{"La chasse d'eau coule en continu depuis ce matin", ""},
        Case{"toilet keeps running all night, you can hear the water", ""},
        Case{"the toilet is running and the water is all over the bathroom", "water"},
        Case{"la ropa sale empapada de la lavadora, no centrifuga", ""},
        Case{"the burner flame on the stove is orange instead of blue", ""},
        Case{"flames from the stove burner are spreading to the cabinet", "fire_smoke"},
        Case{"se fue la luz en toda la colonia por la tormenta", ""},
        Case{"во всем районе нет света, энергетики в курсе", ""},
        Case{"the notice says the water will be off Thursday 9 to 3, will the laundry room work?", ""},
        Case{"power went out for an hour but it came back on, everything works", ""},
        Case{"no water at all in the apartment since this morning and nobody gave us any notice", "no_water"},
        Case{"Воды нет вообще, ни из одного крана. Объявления об отключении не было.", "no_water"},
        // Real words are not typos of others ("draining" is not "raining", "heading" not "heating").
        Case{"The garbage disposal is draining slowly and the sink smells a bit. Not leaking.", ""},
        Case{"Heading to my sister's for the weekend, can someone check the thermostat schedule?", ""},
        // Responders who came and cleared it; what a person dropped; a bill that gets split; loose
        // tiles; a switch a little warm; a door that still locks; an alarm's beep; a burnt-out bulb.
        Case{"Firefighters came for the smoke smell, it was the neighbour's fireplace, all clear now.", ""},
        Case{"Los bomberos vinieron por el olor a gas y dijeron que todo bien, era la estufa del vecino.", ""},
        Case{"Les pompiers sont venus pour l'odeur de brûlé, tout va bien, c'était un grille-pain.", ""},
        Case{"The CO alarm beeped last night, the fire department came, said 0 ppm and the alarm is old.", ""},
        Case{"I dropped a jar and cracked a floor tile in the kitchen, can it be replaced?", ""},
        Case{"How does the water bill get split between the units?", ""},
        Case{"Se despegó un azulejo del piso del baño y se mueve al pisarlo.", ""},
        Case{"The light switch in the hall feels a little warm, no smell, works fine.", ""},
        Case{"The patio door handle is broken but the door still closes and locks from inside.", ""},
        Case{"烟雾报警器每隔一分钟滴一声，应该是电池没电了。", ""},
        Case{"A lâmpada da cozinha queimou e está queimada há dias, pode trocar?", ""},
        // ... and what they must not hide.
        Case{"The kitchen ceiling is sinking and a crack is opening above the stove.", "structural"},
        Case{"The ceiling over the bathroom dropped a few inches overnight and the drywall is bulging.", "structural"},
        Case{"My front door lock is broken and the door won't lock, anyone can walk in.", "entry_security"},
        Case{"We have no running water in the apartment at all since this morning.", "no_water"},
        Case{"The firefighters left an hour ago but the wall behind the stove is smoking again.", "fire_smoke"},
        Case{"The lift has been stuck with me in it for 15 minutes, I'm fine but the doors won't open.",
             "elevator_entrapment"},
        // Regional words and traditional characters.
        Case{"Y a pu une goutte d'eau qui sort des robinets depuis à matin.", "no_water"},
        Case{"chu pogné dans l'ascenseur au 3e, la porte ouvre pas", "elevator_entrapment"},
        Case{"成棟樓梯間都係臭雞蛋味，好濃", "gas"},
        Case{"我屋企冇水呀，成朝都冇", "no_water"},
        Case{"暖氣壞了，室內溫度計顯示華氏48度", "no_heat"},
        Case{"Датчик СО орёт и показывает 90.", "carbon_monoxide"},
        Case{"Raw sewage bubbling up out of the tub drain.", "sewage"},
        Case{"The crack in the bedroom wall got longer this week, now I can fit a coin in it.", "structural"},
        Case{"Back door of the building is hanging open, the hinge broke, people keep wandering in.",
             "entry_security"},
        // Settled by the criteria: the model may ask, not flag.
        Case{"The outlets in the bedroom went out. The rest of the apartment has power, the breaker won't reset.",
             ""},
        Case{"The freight elevator stopped between floors, empty, nobody inside. Service is coming.", ""},
        Case{"暖气停了，不过外面20多度，不急", ""},
        Case{"Plus une goutte d'eau au robinet, le compteur affiche zéro", "no_water"},
        Case{"家里完全没有水了，请马上通知我什么时候来修", "no_water"},
        Case{"le détecteur de CO affiche fin de vie et bipe", ""},
        Case{"the fire department came for the smoke in the basement, all clear now", ""},
        // Readings: a minus sign, outdoor against indoor temperatures, an age, a flat number, ppm.
        Case{"Pas de chauffage, les calorifères sont froids et il fait -18 dehors. On dort tout habillés.", "no_heat"},
        Case{"the boiler is broken again, no heat in the whole building, my grandmother is 90 and she's shaking",
             "no_heat"},
        Case{"Heat went out overnight. It's 64 inside right now, about 20F outside. Can someone come today?", ""},
        Case{"AC is out. 88 inside, 100 outside. Fans going, we're managing.", "", kSummer},
        Case{"The hot water is only lukewarm in the mornings, maybe 100 degrees.", "", kSummer},
        Case{"The detector in the hallway is blaring and the display shows 120 ppm", "carbon_monoxide"},
        Case{"The CO2 monitor in the bedroom says 1200 ppm, the room feels stuffy", "", kSummer},
        // Water supply, entrapment, entry, structure, smoke: the criteria's words for what they missed.
        Case{"Turned on the shower and got a sputter of air, now nothing from any faucet.", "no_water"},
        Case{"Madame, aucun robinet ne coule chez mon père depuis ce matin.", "no_water"},
        Case{"Stuck in the service elevator with my moving boxes, it's been 20 minutes.", "elevator_entrapment"},
        Case{"I can hear someone yelling for help from the elevator shaft on the 7th floor.", "elevator_entrapment"},
        Case{"The teenagers from 4C were yelling in the elevator again last night, it echoes.", "", kSummer},
        Case{"The back door to the building (by the garbage cans) doesn't close anymore.", "entry_security"},
        Case{"後門個門鉸甩咗，成道門挨住，關唔埋，出面就係後巷", "entry_security"},
        Case{"The kid next door hit a baseball through our basement window. Big hole, you could reach in.",
             "entry_security"},
        Case{"廚房個天花頭先嘭一聲,仲不停有沙跌落嚟", "structural"},
        Case{"There's a big bulge in the basement wall and bricks are starting to fall out onto the floor.",
             "structural"},
        Case{"有人把电动车推进楼道里充电，电池在冒白烟还噼啪响", "fire_smoke"},
        Case{"Main breaker trips the second I reset it, whole house is dead.", "power_loss"},
        // What only looked like one: a floor number, a flat, a detector, ice, a washer's clothes, pests.
        Case{"Bedroom window has a big crack across the glass, we're on the 14th floor, worried it'll fall out.", ""},
        Case{"The smoke detector in my bedroom is hanging off the ceiling by its wires.", ""},
        Case{"Our fridge stopped cooling overnight, freezer's melting and we lost a lot of food.", "", kSummer},
        Case{"Pas d'eau chaude depuis ce matin. L'eau froide coule normalement et le chauffage fonctionne.", ""},
        Case{"Vi ratones en la alacena, dejaron excremento por todos lados", ""},
        Case{"电梯又坏了，停在一楼开着门，里面没人。我住十二楼，腿不好，上下很困难。", ""},
        Case{"No hay luz en la recámara, pero el resto de la casa está bien.", ""},
        Case{"Following up on last week's leak from 5C: it's stopped and my ceiling is dry now.", ""},
        // Stop 28: what the criteria missed or misread in the four authors of tune_h15 to tune_h18.
        Case{"Turn on the kitchen tap and it just coughs air, nothing in the shower either.", "no_water"},
        Case{"Abro la llave y solo sale aire, no sale nada en ningún lado.", "no_water"},
        Case{"Depuis ce matin rien ne sort des robinets, tous les robinets sont secs.", "no_water"},
        Case{"Hi, rent will be late this month. Also we still don't have any running water since last night.", "no_water"},
        Case{"Me llueve en el baño por la lámpara del techo.", "water"},
        Case{"Está pingando água pela luminária da cozinha, já enchi dois baldes.", "water"},
        Case{"The hallway outside 3B is full of water, it's coming from under the boiler room door.", "water"},
        Case{"I hear water running inside the wall behind the shower and the floor next to it is getting wet.", "water"},
        Case{"The ceiling above the tub drips continuously into a bucket and the paint has bubbled.", "water"},
        Case{"El techo de la cocina está panzón, como inflado, y se ve más bajo cada hora.", "structural"},
        Case{"卧室天花板往下鼓，一直掉石膏块", "structural"},
        Case{"The bathroom wall has a big belly now and pieces are falling off it.", "structural"},
        Case{"La marche du haut bouge et s'écarte du mur depuis ce matin.", "structural"},
        Case{"Tout s'est éteint chez moi d'un coup, rien ne s'allume, mais le couloir est éclairé.", "power_loss"},
        Case{"La puerta de la calle no traba, la cerradura gira en falso y es de noche.", "entry_security"},
        Case{"El inodoro está devolviendo todo y la porquería sale por la bañera.", "sewage"},
        Case{"我房間跳電了，我爸的呼吸器插在這裡", "medical"},
        Case{"Из шахты лифта слышны крики, лифт стоит между этажами.", "elevator_entrapment"},
        Case{"O ar condicionado morreu, tá 37 graus aqui dentro e o bebê está todo suado.", "no_cooling", kSummer},
        Case{"Отопления нет третий день, дома градусов 8, спим в куртках.", "no_heat"},
        Case{"暖器片冰凉，整个家都没有暖器，室内只有5度", "no_heat"},
        Case{"Oven caught fire, I put it out but there is black smoke everywhere and it still smells like burning plastic, fd on the way", "fire_smoke"},
        Case{"No hot water since this morning but the heat works fine.", ""},
        Case{"El refrigerador no enfría, pero mis medicinas no necesitan refri.", ""},
        Case{"The fridge died but I keep my insulin at my sister's, so it's just food.", ""},
        Case{"Fire dept came for the smoke on 2, it was burnt toast, all clear now.", ""},
        Case{"Someone burned popcorn on the 4th floor and the hall smells like smoke.", ""},
        Case{"Пожарные приехали, всё проветрили, отбой. Кто оплатит чистку обоев?", ""},
        Case{"Petit feu dans la poêle hier, éteint tout de suite avec un couvercle. Le détecteur n'a pas sonné.", ""},
        Case{"The outlet that sparked last week, the electrician came and replaced it and it works fine now.", ""},
        Case{"The smoke alarm in the hall keeps beeping, there's no smoke, I think it's the low battery.", ""},
        Case{"没有闻到煤气味，就是燃气热水器打不着火。", ""},
        Case{"Only the bedroom outlets are dead, everything else in the flat works.", ""},
        Case{"Coupure d'eau annoncée demain de 8h à 10h, c'est bien ça ?", ""},
        Case{"Where can I buy a CO detector? There isn't one in the unit.", ""},
        Case{"The faucet in the bathroom drips constantly, nothing else is wet.", ""},
        Case{"Our bathroom floor feels a bit soft by the toilet, it's been like that for months.", ""},
        Case{"La serrure de la porte force un peu, mais ça ferme.", ""},
        Case{"The hot water takes forever to come up, wasting so much water every shower.", ""},
        Case{"Smells like burning dust every time the heat kicks on for the first time this fall, it goes away after a bit.", ""},
        Case{"La serrure de la porte est cassée, ça ferme pas.", "entry_security"},
        // ...and in the four authors of tune_h19 to tune_h22 (their held-back files joined the tuning files).
        Case{"tuyau pété sous l'évier, j'arrive pas à fermer l'eau, ça inonde la cuisine", "water"},
        Case{"La canalisation sous l'évier a cédé ce matin, l'eau sort avec force et envahit le salon.", "water"},
        Case{"a porta da entrada do prédio n tranca mais, fica aberta direto", "entry_security"},
        Case{"vitre de la fenêtre du rdc cassée, n'importe qui peut rentrer", "entry_security"},
        Case{"Con Ed says outage for the whole block until tomorrow and my mom does home dialysis tonight, the machine needs power.", "medical"},
        Case{"水龍頭出嚟嘅水全部黃色，唔用得", "no_water"},
        Case{"hissing behind the stove n it stinks like gas", "gas"},
        Case{"bathroom sealing sagging like a bubble n cracking", "structural"},
        Case{"pwr out in 7D, only us", "power_loss"},
        Case{"Mr. Lee is stuck in the service elevator, the doors opened about two inches and stopped.", "elevator_entrapment"},
        Case{"La alarma de monóxido está sonando sin parar, no es el pitido de la batería, y a mi hijo le duele la cabeza.", "carbon_monoxide"},
        Case{"Il faisait 10°C ce matin dans sa chambre, le chauffage collectif s'arrête sans cesse.", "no_heat"},
        Case{"Está a 43 grados Fahrenheit dentro del apartamento, arreglen la caldera.", "no_heat"},
        Case{"A água sai castanha de todas as torneiras, não dá para beber nem tomar banho.", "no_water"},
        Case{"4B又没电了，Con Ed说没有outage，是building的问题。", "power_loss"},
        Case{"Power's out in our half of the duplex. The other side has lights and so does the whole street.", "power_loss"},
        Case{"Our ref stopped cooling since last night and my Lola's insulin is inside.", "medical"},
        Case{"No hot water since this morning, cold works, heat ok.", ""},
        Case{"Desde anoche no hay agua caliente; la calefacción y el agua fría funcionan con normalidad.", ""},
        Case{"I burnt some toast and the smoke alarm went off, the smoke cleared once I opened the windows.", ""},
        Case{"There has been a drain smell in the bathroom; I poured boiling water down the sink, nothing has come back up.", ""},
        Case{"The fire brigade came for a small pan fire next door, put it out and told us everything is safe.", ""},
        Case{"The rear door closer is broken, it swings shut slowly but still latches, so the building is secure.", ""},
        Case{"The blinds broke in the living room, the ones by the TV.", ""},
        Case{"The last fridge broke in March and it took 9 days to replace.", ""},
        Case{"The oven temperature is off by 50 degrees, I bought a thermometer.", ""},
        Case{"Hydro-Québec dit que tout le secteur est en panne. La dernière fois le garage a été inondé, alors vérifiez les pompes.", ""},
        Case{"La cisterna del váter pierde un poquito, no sale nada al suelo.", ""},
        Case{"O detector de CO faz um bip por minuto e aparece END, ngm passando mal.", ""},
        Case{"Le radiateur fait un bruit de cascade, comme de l'eau qui coule dedans. Pas de fuite, il est chaud.", ""},
        Case{"燃气热水器要点两三次才着火，没有煤气味。", ""},
        Case{"There's a smoky smell most evenings from the neighbour's wood burner, nothing in my flat.", ""},
        Case{"Mon père est sous oxygène. Hydro-Québec a annoncé une coupure planifiée jeudi de 9h à 13h, y a-t-il une génératrice?", ""},
        Case{"Le ramoneur passe quand ? On aimerait faire du feu cet hiver.", ""},
        Case{"o fogao faz tec tec e tem cheiro de gas forte", "gas"},
        Case{"o fogao faz tec tec mas n acende a boca, n tem cheiro de gas", ""},
        // ...and a CO alarm going off is not its purchase ("where can I buy one" is).
        Case{"The CO alarm keeps going off, do I need to buy a new one?", "carbon_monoxide"},
        Case{"Sem água para beber nem para tomar banho desde ontem, todas as torneiras secas.", "no_water"},
        Case{"We have had no water to the apartment since 8 this morning.", "no_water"},
        Case{"O autoclismo fica a correr água para a sanita. Não sai nada para o chão.", ""},
        // Stop 27: what the criteria missed or misread in four more authors' messages.
        Case{"Mom's been stuck in the elevator 15 min now, the doors opened a little but it's between floors",
             "elevator_entrapment"},
        Case{"On est pris dans l'ascenseur au 3e, les portes ouvrent pas.", "elevator_entrapment"},
        Case{"阳台跟墙之间裂了一条缝，阳台往下斜，踩上去会晃", "structural"},
        Case{"L'escalier de secours s'est décroché du mur cette nuit.", "structural"},
        Case{"Está a pingar água do tecto da sala e a mancha está a crescer.", "water"},
        Case{"Someone stole my keys at the gym and my address is on the key tag, the lock has to be changed tonight",
             "entry_security"},
        Case{"Aucun calorifère ne chauffe dans le bloc, il fait -25 dehors ce matin.", "no_heat"},
        Case{"the kids are nauseous and dizzy and the wall heater has a lazy yellow flame", "carbon_monoxide"},
        Case{"Half the outlets work but the lights get super bright then dim when the fridge starts", "electrical"},
        Case{"My husband does hemodialysis at home and the circuit with his machine has had no power since 6",
             "medical"},
        Case{"CO alarm going off, I pulled the battery and it's still beeping", "carbon_monoxide"},
        Case{"Small fire in the trash room, I put it out but it's still smoldering", "fire_smoke"},
        Case{"Le compteur de gaz dans la cave a une étiquette rouge. Ça sent rien, c'est normal?", ""},
        Case{"O alarme de CO disparou ontem, os bombeiros mediram e disseram que está tudo normal.", ""},
        Case{"Não é incêndio nada, é o vizinho fumando cigarro no corredor.", ""},
        Case{"Heat went out for an hour early this morning but it's back on now and the place is warm.", ""},
        Case{"La llave del lavabo gotea todo el día y se desperdicia mucha agua.", ""},
        Case{"Le robinet de la salle de bain coule goutte à goutte.", ""},
        Case{"O ar parou de funcionar, está 84 aqui dentro, estamos aguentando com ventilador.", "", kSummer},
        Case{"A fechadura da janela da sala quebrou. Moramos no 9º andar.", ""},
        Case{"阳台的推拉门关不严，有点漏风。楼下邻居很吵。", ""},
        Case{"Газовая плита горит неровно, пламя оранжевое, запаха газа нет.", ""},
        Case{"Where is the CO detector supposed to go? It's still in its box.", ""},
        Case{"Le détecteur de CO bip une fois aux 30 secondes et l'écran dit « End ».", ""},
        Case{"Apagón en todo el barrio. ¿El ascensor tiene batería si alguien se queda dentro?", ""},
        Case{"The elevator grinds between floors 4 and 5, but it still works and nobody got stuck.", ""},
        Case{"La porte du balcon ferme mal, mais elle se verrouille. On est au 4e.", ""},
        Case{"Mi tío dice que el calentador hace ruido aunque el agua sí sale caliente. Nada urgente.", ""},
        Case{"The fridge where I keep my insulin is noisy lately but it's still cold inside.", ""},
        // "是不是", "能不能": a question, not a negation ("过期要换" is the alarm's end of life; "喷药" is
        // spraying for roaches, not water).
        Case{"一氧化碳报警器响了一声，屏幕显示END，我们都没有不舒服。是不是过期要换？", ""},
        Case{"厨房水槽下面好多蟑螂爬出来，能不能来喷药", ""},
        // ...and what must stay as it was: equipment without power whatever the tenant keeps "just in
        // case"; keys a relative took are not stolen.
        Case{"My oxygen concentrator won't turn on, the outlet is dead. I keep a backup tank just in case.", "medical"},
        Case{"My son took my keys to work so I'm locked out until 6, can someone let me in?", ""},
        // ...and in the four authors of tune_h23 to tune_h26 (stop 29): what they wrote as an emergency,
        Case{"Tengo una pérdida total de energía eléctrica en el departamento desde el mediodía, la compañía dice que no hay corte en la zona.", "power_loss"},
        Case{"Whenever the furnace runs at night my son and I wake up with headaches and nausea, the furness is next to his room.", "carbon_monoxide"},
        Case{"Datchik CO opyat srabotal, u rebenka rvota i golova bolit.", "carbon_monoxide"},
        Case{"My father (he's 88, unit 3C) has had no heat since Friday, the radiators are ice cold and it snowed.", "no_heat"},
        Case{"The braided supply line under the sink split. I shut the valve but it won't close all the way and it's still spraying onto the floor.", "water"},
        Case{"The building's chiller is down and my neighbour is elderly and looks unwell; there's a heat advisory today.", "no_cooling", kSummer},
        Case{"AC only blows warm air, it's 31°C in the flat and my wife has MS, the heat makes it much worse.", "no_cooling", kSummer},
        Case{"地下嗰隻窗俾人打爛咗，鎖都壞埋，關唔到。", "entry_security"},
        Case{"1) кран капает в ванной\n2) со вчера во всей квартире нет света, соседи со светом", "power_loss"},
        Case{"幾件事：\n1. 浴室的燈會閃\n2. 從昨晚開始整間屋子都沒電", "power_loss"},
        Case{"A minha mãe usa oxigênio e as tomadas do quarto dela pararam de funcionar, o resto da casa tem luz.", "medical"},
        Case{"The balcony railing is loose now and the balcony floor feels spongy, it wasn't like this last week.", "structural"},
        Case{"el techo de la sala está abombado y cruje como si se va a caer", "structural"},
        Case{"our taps went dry this morning, nothing from any of them", "no_water"},
        Case{"hi 经理，我家从早上完全没有 water，厨房洗手间都没有", "no_water"},
        // ...and what they wrote as a look-alike: the office's question answered no, a fire the crew put
        // out and left, a test of the alarm, hot water alone with the cold running, a crack that has not
        // changed, the igniter's spark, a son who is not a wire, a pantry that is not a collapse.
        Case{"> Is anything sparking?\nNo, no sparks at all. The GFCI just won't reset.", ""},
        Case{"> Do you smell gas?\nNo. The oven igniter glows but nothing happens after that.", ""},
        Case{"> Do you smell gas in the kitchen?\nNo idea, my nose is stuffed, but my daughter says it stinks like rotten eggs.", "gas"},
        Case{"> Is water still coming through the ceiling?\nYes, worse, it's dripping onto the bed.", "water"},
        Case{"> 全屋都没电吗？\n不是，只有厨房的插座没电。", ""},
        Case{"The fire department came for a small fire in the dumpster, it's out and they've left.", ""},
        Case{"The building fire alarm rang for five minutes, the super says it was the monthly test, no smoke anywhere.", ""},
        Case{"u nas net goryachey vody uzhe dva dnya, holodnaya est", ""},
        Case{"No hay agua caliente desde ayer, la fría sí y la calefacción sí funciona.", ""},
        Case{"There's a crack in the living room wall; it's been the same length for years and hasn't moved.", ""},
        Case{"O acendedor do forno faz faísca mas a chama não pega. Não sinto cheiro de gás.", ""},
        Case{"Le lave-vaisselle chez mon fils laisse de l'eau au fond. Pas urgent.", ""},
        Case{"A senhora do rés-do-chão viu um rato na despensa.", ""},
        Case{"The dishwasher isn't draining, there's dirty water sitting at the bottom after every cycle.", ""},
        Case{"I soaked the shower head in vinegar and the pressure is a bit better.", ""},
        Case{"The smoke alarm beeps once a minute, I think the battery has no power.", ""},
        Case{"A máquina de lavar não tá centrifugando, a roupa sai encharcada.", ""},
        Case{"Coupure d'eau prévue jeudi d'après l'affiche du hall.", ""},
        // ...and in the four authors of tune_h27 to tune_h30 (stop 30): what they wrote as an emergency,
        Case{"The power came back after the storm but we still have no water, the taps are dry.", "no_water"},
        Case{"Our power is still out. The whole street came back on an hour ago, we're the only ones dark.", "power_loss"},
        Case{"我家全屋停电，邻居家都有电，不是小区停电。", "power_loss"},
        Case{"The utility says the neighborhood is out until tomorrow and my father's oxygen concentrator tanks won't last.", "medical"},
        Case{"The CO detector is beeping 4 times, pausing, then again. It's not the slow chirp.", "carbon_monoxide"},
        Case{"暖氣壞咗，屋企得41度，出面落緊雪。", "no_heat"},
        Case{"the ceilin in the hall is bowed down like a belly since this morning", "structural"},
        Case{"dian ti ka zhu le, wo ba zai li mian, men da bu kai", "elevator_entrapment"},
        Case{"Se cayó un cable de luz en el patio y echa chispitas.", "electrical"},
        Case{"Posle grozy provod so stolba upal vo dvor i iskrit, detey ne vypuskayu.", "electrical"},
        Case{"O cano da cozinha rebentou e está a sair água sem parar.", "water"},
        Case{"Потолок в коридоре вздулся, сыплется штукатурка, скоро рухнет.", "structural"},
        Case{"The toilet's backin up and there's shite comin up the bath drain.", "sewage"},
        // ...and what they wrote as a look-alike: wildfire smoke with nothing burning here, hot water
        // alone with the heating working, a cut asked about before it comes, one spark when a plug was
        // pulled, an internet cable, ice that fell off the roof, one tap dry with water in another room.
        Case{"The flat smells like a campfire from the wildfires, nothing is burning here. Can you change the filter?", ""},
        Case{"Plus d'eau chaude depuis ce matin. L'eau froide marche et les radiateurs chauffent.", ""},
        Case{"If the power goes out, is there a generator? My mother uses a CPAP at night.", ""},
        Case{"A plug sparked once when I unplugged the kettle, a tiny spark; no mark or smell since.", ""},
        Case{"A cable hangs from the pole by the gate; the cable company says it's just internet.", ""},
        Case{"Icicles fell off the gutter onto the path this morning, nobody was hurt. Can someone clear the rest?", ""},
        Case{"La glace est tombée du toit sur l'allée ce matin, personne n'a été touché.", ""},
        Case{"No sale agua en el fregadero de la cocina, creo que se congeló el tubo. El baño sí tiene agua.", ""},
        Case{"Nae smell o gas, the front ring just keeps clickin.", ""},
        // ...and what must stay an emergency: a wildfire at the building, no water with the neighbours'
        // taps running, sparks every time a plug goes in.
        Case{"Forest fire right behind the building, smoke everywhere, firefighters are evacuating us.", "fire_smoke"},
        Case{"她家完全没有水，厨房厕所都没有，其他住户都有水。", "no_water"},
        Case{"The outlet sparks every time I plug something in, once it even popped.", "electrical"},
        // ...and in the four authors of tune_h31 to tune_h34 (stop 30, second round): a broken sprinkler
        // head at full flow, an AC that "queimou" in 39 degrees with someone fainting;
        Case{"There's no fire, I knocked the sprinkler head with a ladder and it's discharging full flow.", "water"},
        Case{"o ar condicionado queimou, tá 39 graus aqui dentro e minha colega já desmaiou hoje", "no_cooling", kSummer},
        // ...and their look-alikes: responders who found no gas, a CO alarm showing End or 0, a smoke
        // sensor beeping for its battery, a hallway light that burned out, a fire hazard "eventually",
        // a flame sensor, a drip caught in a bucket, an AC that drips water out the front.
        Case{"The gas company came, measured everything and said there was no gas at all, it was the drains.", ""},
        Case{"一氧化碳報警器每 30 秒叫一下，螢幕顯示 End，大家都沒有不舒服。", ""},
        Case{"个烟雾感应器每分钟哔一声，应该是没电池。", ""},
        Case{"a luz do corredor do prédio tá queimada faz uma semana", ""},
        Case{"The dryer vent is packed with lint, a fire hazard eventually; no burning smell.", ""},
        Case{"Furnace short-cycles, house holds 68F; the flame sensor probably needs cleaning.", ""},
        Case{"Gotea el techo del baño cuando se duchan arriba, unas gotas nada más, ponemos un cubo.", ""},
        Case{"The air conditioner drips water out the front onto the sill; it cools fine.", ""},
        // ...and in the four authors of tune_h35 to tune_h38 (stop 31): the building dark while the
        // ones around it are lit, an outdoor reading told apart ("lá fora"), a facade shedding pieces,
        // water from under the tiles, Russian in Latin letters with its reflexive ending, a Cantonese
        // burnt-plastic smell with a little smoke, an oil burner out of fuel, a gas smell that outlasts
        // the gas company's word;
        Case{"Power is out in our building only, the buildings around us have lights; the flats have nothing.", "power_loss"},
        Case{"a caldeira parou, tá 18 graus lá fora e dentro de casa tá 50", "no_heat"},
        Case{"Um pedaço da fachada caiu na calçada e a rachadura está aumentando.", "structural"},
        Case{"Из-под плитки в ванной течёт, и ламинат в коридоре вздувается.", "water"},
        Case{"Okno na pervom etazhe razbito, ruchka slomana, ne zakryvaetsya, ochen strashno.", "entry_security"},
        Case{"屋企有陣燶膠味，仲有少少煙，唔知邊度嚟。", "fire_smoke"},
        Case{"The oil burner is out of fuel and went to lockout, the house is 44F.", "no_heat"},
        Case{"The gas company said it's safe now, but I still smell gas in the kitchen.", "gas"},
        // ...and their look-alikes: a sulfur smell at the hot tap only, a CO alarm that reads 0, the
        // nebulizer moved to a room with power, a whiff while a burner lights, a dimmer that buzzes but
        // is neither hot nor smelling, static from a door handle, a stairwell fire door, a loose
        // handrail on solid stairs, a burner's fire lit as it should, "газом не пахнет".
        Case{"Only the hot water smells like rotten eggs, the cold water is fine and nothing smells anywhere else.", ""},
        Case{"The CO detector reads 0 and isn't beeping; nobody feels ill. Is it working?", ""},
        Case{"The bedroom outlet stopped working; I moved my son's nebulizer to the kitchen, the rest of the flat has power.", ""},
        Case{"Cuando prendo la estufa huele un segundo a gas, luego ya nada.", ""},
        Case{"The dimmer buzzes a little when it's half way. Not hot, no smell.", ""},
        Case{"I get a small zap and a spark from the door handle, probably static from the carpet.", ""},
        Case{"A porta corta-fogo da escada do 3º não fecha sozinha; não é a porta da rua.", ""},
        Case{"The stair handrail is loose and wobbles; the stairs themselves are solid.", ""},
        Case{"La gazinière fait tic tic même quand le feu est allumé, aucune odeur de gaz.", ""},
        Case{"Батарея шипит, когда включается отопление. Газом не пахнет.", ""},
        // ...and in the four authors of tune_h39 to tune_h42 (stop 32): "graus" in a hot home without a
        // unit (°C), a small reading "outside" in English words (°F), ceiling plaster that keeps falling
        // and bares the lath, nothing electric working, "一点电都没有"; medical equipment next to a
        // "nobody" that is not about it;
        Case{"o ar condicionado pifou, tá 36 graus dentro e minha mãe passa mal com o calor", "no_cooling", kSummer},
        Case{"The heat hasn't come on tonight, the radiators are cold, it's about 18 outside.", "no_heat"},
        Case{"На кухне обвалилась штукатурка с потолка, видно дранку, продолжает сыпаться.", "structural"},
        Case{"Nothing works in the flat: lights, kettle, fridge. The houses down the road have lights.", "power_loss"},
        Case{"家里一点电都没有，我爸爸用制氧机", "medical"},
        Case{"Nobody answers at the office and my mother's oxygen concentrator has no power.", "medical"},
        // (and what the models left out in folds no longer caught: a Québécois door that "barre plus", a
        // Spanish lock that "no agarra", "chovendo na minha cozinha", a Scots "hale flat" gone "aff",
        // a water heater's leak with "a lot more water" going "under the wall")
        Case{"La porte d'en arrière barre plus, elle donne sur la ruelle.", "entry_security"},
        Case{"La puerta de atrás se quedó abierta, la chapa no agarra.", "entry_security"},
        Case{"O vizinho de cima deixou a pia transbordar e tá chovendo na minha cozinha.", "water"},
        Case{"The power's went aff in the hale flat, next door's got theirs.", "power_loss"},
        Case{"There's a lot more water around the water heater now, it's going under the wall into the hall.", "water"},
        // ...and their look-alikes: a burnt smell traced to the toaster and over, a CO alarm's short beep
        // at the end of its life, "一点煤气味都没有", an area cut with nobody's equipment on file, the
        // English "couldn't" (one typo from the French "coulent").
        Case{"Burning smell earlier but it was the toaster, unplugged it, no more smoke. The wall above is black.", ""},
        Case{"以为着火了，结果是烤面包机，已经扔了，没烟了。", ""},
        Case{"Датчик угарного газа коротко пикает, наверное срок вышел. Все здоровы.", ""},
        Case{"灶一直打火，一点煤气味都没有。", ""},
        Case{"Power is out on the whole street, the utility says until 10pm. Residents with medical equipment on file: none.", ""},
        Case{"Water stain on the ceiling, dry, same size as last month. I couldn't sleep and noticed it.", ""},
        // ...and in the four authors of tune_h43 to tune_h46 (stop 32, second round): a boiler "showing
        // a fault" with the flat at 8°C, water "moving across the floor", "nada de agua", a bucket emptied
        // every 20 minutes, dialysis whose cord "won't reach another outlet", an elevator that "jolted
        // and stopped" with children inside, a balcony that "在晃", a home out "since yesterday" though
        // the cut was planned;
        Case{"The boiler's showing a fault and the app says it's 8°C in the flat.", "no_heat"},
        Case{"The leak sensor went off and the camera shows water moving across the floor to the bedroom.", "water"},
        Case{"El plomero cerró la llave ayer y no volvió, no tenemos nada de agua.", "no_water"},
        Case{"The ceiling is dripping into a bucket and I'm emptying it every 20 minutes.", "water"},
        Case{"The dialysis machine's circuit tripped and won't reset, the rest of the house has power but the "
             "cord won't reach another outlet.", "medical"},
        Case{"Stuck in the elevator with my 2 kids, it jolted and stopped between floors.", "elevator_entrapment"},
        Case{"阳台在晃，裂缝越来越大", "structural"},
        Case{"The planned shutoff: our power has been out since yesterday and my mom's oxygen concentrator is "
             "on its last battery.", "medical"},
        // ...and their look-alikes: a planned cut in "PG&E" fire weather, the responders who "cleared it",
        // a neighbour's "churrasqueira", a CO alarm's test button, a battery replaced and silent since,
        // "запаха газа не было", "I'll" (not "ill"), 水泥 (cement, not water), the heating "is working".
        Case{"The PG&E app says there's a planned shutoff for our area Wednesday because of fire weather.", ""},
        Case{"The fire alarm went off, someone burnt breakfast downstairs; the FD came and cleared it.", ""},
        Case{"A fumaça da churrasqueira do vizinho entra pela janela e o detector apita.", ""},
        Case{"The CO alarm beeped 3 times and stopped. I replaced the battery and it's been silent since.", ""},
        Case{"Газовщики опломбировали стояк, запаха газа не было. Когда поставят новую плиту?", ""},
        Case{"I'll be at work till 7; the AC is out and it's 88F inside, can someone come tomorrow?", "", kSummer},
        Case{"隔壁装修的工人把楼道弄得到处都是水泥和灰。", ""},
        Case{"No hot water this morning; the heating is working and the cold taps are fine.", ""},
        // ...and in the four authors of tune_h47 to tune_h50 (stop 32, third round): a ceiling dripping
        // onto the light, a detector's four-beep pattern, a Russian ceiling that "провис", a home still
        // without water hours after "an hour"; their look-alikes: a flood or a fire taken back ("ok it's a
        // puddle", "jaja no, se me quemaron las tortillas"), an earlier report taken back, responders who
        // found nothing, the fridge "很冷", an announced heat shutdown read as news, "the boiler won't fire".
        Case{"The bathroom ceiling is dripping onto the light and the light is flickering; I put a bowl under it.", "water"},
        Case{"The smoke detector is doing 4 beeps then a pause, again and again. It's the combo one.", "carbon_monoxide"},
        Case{"На кухне потолок провис и потрескивает, кусок штукатурки упал на плиту.", "structural"},
        Case{"The super shut the water off at 9 and said it'd be an hour; it's 4pm, still no water. Can someone turn it back on?",
             "no_water"},
        Case{"A luz do bairro voltou mas aqui em casa continua sem luz desde ontem.", "power_loss"},
        Case{"The CO alarm is going off and won't stop; it just had its inspection last month.", "carbon_monoxide"},
        Case{"FLOOD under the kitchen sink!!! ...ok it's a puddle, the pipe drips when the tap runs.", ""},
        Case{"¡Hubo un incendio en la cocina! jaja no, se me quemaron las tortillas y sonó la alarma. Todo bien.", ""},
        Case{"Ignore my last message about the gas smell: it was a bag of rotten potatoes. It smells fine now.", ""},
        Case{"Le détecteur CO a sonné cette nuit. Les pompiers sont venus, ils n'ont rien mesuré.", ""},
        Case{"冰箱声音很大，嗡嗡的，但是很冷，温度计显示3度。", ""},
        Case{"The radiators are fine, it's just the hot water: the boiler won't fire for the tank.", ""},
        // ...and in the four authors of tune_h51 to tune_h54 (stop 33): sewage that "já passou para" the
        // next room (not "it's over"), a temperature read "in the bedroom" (not a part of the home), a
        // ceiling "raining", water "ankle deep and getting deeper", a planned cut still out "ça fait 2 jours",
        // burnt food whose smoke grows; their look-alikes: burnt food and the alarm over, leaves burning in a
        // yard, the whiff of a burner "until it lights", a CO detector asked for, a balcony door on the 7th
        // floor, power that "came right back", a power strip, a water cut "pour travaux", water mopped up,
        // a fall taken back ("jk"), oxygen equipment that works now, a fridge "还在制冷", hot water only.
        Case{"O esgoto está a voltar pela sanita e já passou para a sala.", "sewage"},
        Case{"Heat's off tonight, 57 in the bedroom and it's 15 outside.", "no_heat"},
        Case{"The ceiling in the laundry room is raining from a pipe above.", "water"},
        Case{"The basement floor is ankle deep by the boiler and getting deeper.", "water"},
        Case{"Le syndic a affiché une coupure pour travaux mais ça fait 2 jours qu'on n'a plus d'eau du tout.", "no_water"},
        Case{"I burned the toast but the smoke is getting thicker and now the cabinet is smoking.", "fire_smoke"},
        Case{"Cooking dinner and smelled burning plastic behind the stove, smoke coming out of the wall.", "fire_smoke"},
        Case{"Window by the fire escape: the latch came off in my hand, anyone could climb in.", "entry_security"},
        Case{"家里一点水都没有，厨房厕所都没有，隔壁有水。", "no_water"},
        Case{"I burnt the pancakes and the smoke alarm went off; it's stopped and the windows are open, everything's fine.", ""},
        Case{"The neighbours are burning leaves and the smoke drifts into our yard.", ""},
        Case{"There's a whiff of gas for a couple of seconds until the burner lights, then it's gone.", ""},
        Case{"Does the nursery need a CO detector? Everything is fine, just checking.", ""},
        Case{"La porte-fenêtre du balcon ne se verrouille plus, on est au 7e étage.", ""},
        Case{"The power blinked off in the storm and came right back, only the microwave clock reset.", ""},
        Case{"The power strip behind the TV keeps clicking off when the console and the lamp are on.", ""},
        Case{"Le syndic a affiché une coupure d'eau lundi de 8h à 12h pour travaux.", ""},
        Case{"WATER EVERYWHERE in the bathroom!!! ok the kid pulled the shower hose off. All cleaned up, no leak.", ""},
        Case{"FLOOD in the laundry room!! ok not really a flood, the washer spilled a bit and I mopped it up.", ""},
        Case{"Pretty sure the ceiling is falling down lol jk, there's a hairline crack that's been there for years.", ""},
        Case{"Ma mère a un concentrateur d'oxygène, j'ai peur que le disjoncteur saute. Pour l'instant tout marche bien.", ""},
        Case{"冰箱门关不严，但还在制冷，里面有胰岛素。", ""},
        Case{"Plus d'eau chaude ce matin, l'eau froide marche et le chauffage aussi.", ""},
        Case{"Énergir est venu hier, ils disent que ce n'est pas le gaz, c'est le drain.", ""},
        // ...and in the four authors of tune_h55 to tune_h58 (stop 33, second round): a radiator valve
        // out and the room "залило всю", "se fue el heat" with the children cold (18 "grados" outside read
        // as the cold it is), "ours is dead" after "heat working for anyone?", the home dark with the
        // hallway "fine" and "maybe it comes back on its own?"; their look-alikes: a CO alarm chirping now
        // and then after new batteries with nobody ill, responders who "capped it" or found no leak, a
        // threat of fire ("il va finir par mettre le feu"), "I'm melting" in the lobby, a gas whiff at the
        // neighbour's now fixed, the gas fitting sealed ("опломбировали"), an elevator stopped with
        // "no one's inside", a drip "barely" filling a bucket, the tenant's own upstairs bathroom.
        Case{"Кран Маевского вылетел, бьёт горячая вода, залило всю комнату, к соседям течёт.", "water"},
        Case{"Se fue el heat otra vez. Afuera está a 15 grados y aquí adentro hace un frío tremendo, los niños duermen con gorro.",
             "no_heat"},
        Case{"Heat working for anyone? Ours is dead, it's 44 inside.", "no_heat"},
        Case{"The power just went out in our apartment, only ours, the hallway's fine. Maybe it comes back on its own?",
             "power_loss"},
        Case{"The CO detector chirps now and then, I put in new batteries and it still chirps. Nobody feels sick.", ""},
        Case{"The gas company came, found the leak on her stove connector and capped it. My place is fine.", ""},
        Case{"Il va finir par mettre le feu à l'immeuble avec ses mégots dans l'escalier.", ""},
        Case{"AC is out in the lobby, the doorman is melting down there. The apartments are fine.", "", kSummer},
        Case{"Вчера пахло газом, газовая служба нашла утечку и опломбировали кран. Сейчас ничем не пахнет.", ""},
        Case{"Elevator stuck on 3 with the doors half open, no one's inside, I got out before it stopped.", ""},
        Case{"The upstairs bathroom sink drips all the time even when it's closed, no rush.", ""},
        // ...and in the four authors of tune_h59 to tune_h62 (stop 34): muddy water with the whole
        // building named, a Portuguese ceiling bulging with a growing crack, arson and a stairwell full of
        // smoke, a door that closes with a hole you can walk through, a CO alarm named in a question and
        // sounding, a fire put out with the home still full of smoke; their look-alikes: a supply cut on
        // the tenant's own account (not with credit on the meter), the power back on, rusty water that ran
        // clear, a past break-in or one of cars as the reason for a request, a branch resting on a shed's
        // roof, a ceiling bulge unchanged since 2019 (not one that cracked open today), "Nobody is in it".
        Case{"水龍頭打開出來的都是黃泥水，放了半小時還是一樣，不能煮飯也不能洗澡。整棟樓好像都是。", "no_water"},
        Case{"O teto da cozinha está a abaular e apareceu uma racha que está a aumentar desde ontem. Tenho medo que venha abaixo.",
             "structural"},
        Case{"有人在垃圾房放火！！楼梯全是烟，已经报警了", "fire_smoke"},
        Case{"The glass in the lobby door is shattered. The door still closes but there's a hole in it you can walk right through.",
             "entry_security"},
        Case{"What does it mean if the CO detector says CO? It's beeping really loud.", "carbon_monoxide"},
        Case{"卧室的电暖器烧起来了，我们用湿毛巾扑灭了，但是满屋子都是烟，插座也化了。", "fire_smoke"},
        Case{"The prepay meter has money on it but the power is off in the whole flat and the neighbours have power.",
             "power_loss"},
        Case{"The ceiling bulge hasn't changed for weeks but today it cracked open and pieces are falling on the bed.",
             "structural"},
        Case{"hi power's off but i think its on my end, the prepay meter says 0.00 and the emergency credit is used up.", ""},
        Case{"Power went out for 2 hours tonight, came back on at 9. Everything's working now.", ""},
        Case{"When I first turned on the taps the water came out rusty for a few seconds and then ran clear.", ""},
        Case{"Police came by last night because a couple of cars in the lot got broken into. Could we get cameras?", ""},
        Case{"Depuis le cambriolage chez la voisine, je trouve ma porte fragile. Elle ferme à clé, rien n'est cassé.", ""},
        Case{"Ветка упала на крышу сарая после бури, ничего не пробила, просто лежит.", ""},
        Case{"There's a bulge in the hallway ceiling, the old tenant says it's been like that since 2019. Hasn't changed.", ""},
        Case{"Elevator in B is stuck on 5 with the doors closed. Nobody is in it, I checked by calling out.", ""},
        // ...and in the four authors of tune_h63 to tune_h66 (stop 34, second round): the bot's question
        // quoted before the answer, "everything is out", a CO alarm "continuous" after the question "chirping
        // or continuous?", a street lit and the home dark, black water from both taps, water that reached
        // the living room, a ceiling "fait un gros ventre", "горелой проводкой", a child "de 1 ano" in a heat
        // wave, a car between floors with someone in it though the other one stuck "since yesterday"; their
        // look-alikes: an oxygen concentrator's own fault with the home's power on, an igniter clicking
        // "sem parar", "el fuego de atrás" (a burner), responders who cleared a smoking scooter battery.
        Case{"The bot asked 'Is your heat working? Reply YES or NO' - NO. None of the radiators work. I'm 8 months pregnant and it's 54 degrees in the bedroom.",
             "no_heat"},
        Case{"Is the alarm chirping or continuous? Continuous. The carbon monoxide one, in the hallway. Baby and I are at the neighbor's now",
             "carbon_monoxide"},
        Case{"nao sei se é emergencia mas to sem energia no apartamento inteiro desde as 5 da tarde, a rua toda tem luz",
             "power_loss"},
        Case{"水龍頭流出來的水是黑色的，還有臭味，冷熱都是。", "no_water"},
        Case{"El termo está perdiendo agua por abajo y ya ha llegado al salón, el parqué se está levantando.", "water"},
        Case{"Le plafond de la chambre fait un gros ventre et il y a des craquements, il descend à vue d'œil.", "structural"},
        Case{"В спальне пахнет горелой проводкой, и запах усиливается.", "electrical"},
        Case{"O ar parou no meio dessa onda de calor. Meu filho de 1 ano tá todo suado e vermelho.", "no_cooling", kSummer},
        Case{"The left elevator has been stuck since yesterday, but now the right one has stopped between floors and my neighbour's daughter is in it.",
             "elevator_entrapment"},
        Case{"My husband's oxygen concentrator is showing a fault light. The power in the apartment is fine, I checked with a lamp. The supplier brings a new one tomorrow and he has tanks.",
             ""},
        Case{"A boca do fogão faz tic-tic sem parar, mas não cheira a gás. O técnico disse que era água no acendedor.", ""},
        Case{"No huele a gas, para nada. Es que el fuego de atrás hace clic clic clic y no enciende.", ""},
        Case{"Estamos sem água quente desde ontem. A água fria e o aquecimento funcionam.", ""}));

TEST(EmergencyCriteriaTest, TransliteratedRussianIsReadOnlyWhenItIsRussian) {
    // English, Spanish and French words that are also romanized Russian words do not switch the reading.
    EXPECT_TRUE(assess_emergency("there is no water at all in the apartment since this morning", {.at = kWinter}).emergency);
    EXPECT_FALSE(assess_emergency("ne pas oublier: net de la porte, v2 du formulaire", {.at = kWinter}).emergency);
    // Water coming through the ceiling, in Latin letters.
    const auto a = assess_emergency("iz potolka techet voda, uzhe luzha na polu", {.at = kWinter});
    EXPECT_TRUE(a.emergency);
}

TEST(EmergencyCriteriaTest, TemperaturesAndVulnerableOccupants) {
    // 50F is above the 45F threshold, below the 55F one for a vulnerable occupant.
    const auto plain = assess_emergency("heat is out, it is 50F inside", {.at = kSummer});
    EXPECT_FALSE(plain.emergency);
    ASSERT_TRUE(plain.temperature_c);
    EXPECT_NEAR(*plain.temperature_c, 10.0, 0.1);
    EXPECT_TRUE(assess_emergency("heat is out, it is 50F inside", {.at = kSummer, .vulnerable_occupant = true}).emergency);
    EXPECT_TRUE(assess_emergency("heat is out, it is 50F inside, my baby is 2 weeks old", {.at = kSummer}).emergency);
    // A duration is not an age ("depuis 2 mois", "for 3 weeks"); an age with "old" or "de" is.
    EXPECT_FALSE(assess_emergency("la fissure de l'entrée n'a pas bougé depuis 2 mois", {.at = kSummer}).vulnerable);
    EXPECT_FALSE(assess_emergency("heat is out, it is 50F inside, it has been like this for 3 weeks", {.at = kSummer}).vulnerable);
    EXPECT_TRUE(assess_emergency("plus de chauffage, 12 degrés, mon bébé de 2 mois", {.at = kSummer}).vulnerable);
    // Celsius
    EXPECT_TRUE(assess_emergency("no heating, 5°C in the flat", {.at = kSummer}).emergency);
    // In the heating season no heat is an emergency without a temperature.
    EXPECT_TRUE(assess_emergency("our heat isn't working", {.at = kWinter}).emergency);
    EXPECT_FALSE(assess_emergency("our heat isn't working", {.at = kSummer}).emergency);
    EXPECT_FALSE(assess_emergency("our heat isn't working", {.at = kWinter, .heating_season = false}).emergency);
}

// Half the home dark and the other half flickering may be a failing supply: asked, not settled as a
// partial outage; half the home dark and the rest fine is urgent, not asked.
TEST(EmergencyCriteriaTest, APartialOutageThatFlickersIsAskedAbout) {
    auto a = assess_emergency("Half the apartment is dark (bedrooms and bathroom), the other half flickers. No breaker tripped.",
                              {.at = kWinter});
    EXPECT_FALSE(a.emergency);
    EXPECT_TRUE(a.uncertain);
    EXPECT_EQ(a.uncertain_hazard, "power_loss");
    a = assess_emergency("Half the apartment lost power, bedrooms are out, the kitchen and living room are fine.", {.at = kWinter});
    EXPECT_FALSE(a.emergency);
    EXPECT_NE(a.uncertain_hazard, "power_loss");
}

TEST(EmergencyCriteriaTest, UncertainMeansAskNotRoutine) {
    // (Not "the elevator is stuck on the 4th floor": since stop 28 the emergency model, trained on more
    // authors, flags that one on the criteria's doubt, as designed.)
    const auto a = assess_emergency("the elevator stopped on the 4th floor", {.at = kWinter});
    EXPECT_FALSE(a.emergency);
    EXPECT_TRUE(a.uncertain);
    EXPECT_EQ(a.uncertain_hazard, "elevator_entrapment");
    EXPECT_NE(a.clarifying_question.find("anyone"), std::string::npos);
    EXPECT_FALSE(a.clarifying_question_es.empty());
    // A hedge settles the doubt.
    EXPECT_FALSE(assess_emergency("the elevator stopped on the 4th floor, not urgent", {.at = kWinter}).uncertain);
}

// What the tenant says is over, or what is an appliance rather than the home's wiring, is asked about.
TEST(EmergencyCriteriaTest, OverOrAnApplianceIsAskedAbout) {
    for (const char* text : {"Microwave sparks inside when it runs. I've stopped using it and unplugged it.",
                             "First time running the furnace this fall and there's a burnt dust smell."}) {
        const auto a = assess_emergency(text, {.at = kWinter});
        EXPECT_FALSE(a.emergency) << text;
        EXPECT_TRUE(a.uncertain) << text;
    }
    // Started again: an emergency.
    EXPECT_TRUE(assess_emergency("the leak had stopped but it started again and water is pouring from the ceiling",
                                 {.at = kWinter})
                    .emergency);
}

TEST(EmergencyCriteriaTest, AWindowThatCannotBeSecuredIsAskedAbout) {
    // Floor unknown: asked, not assumed; reachable from outside: an emergency.
    const auto a = assess_emergency("The bedroom window won't close all the way and cold air comes in", {.at = kWinter});
    EXPECT_FALSE(a.emergency);
    EXPECT_TRUE(a.uncertain);
    EXPECT_EQ(a.uncertain_hazard, "entry_security");
    EXPECT_TRUE(assess_emergency("our ground floor window won't lock anymore", {.at = kWinter}).emergency);
}

// The safety net: a hazard's subject the signals did not settle is asked about, never routine —
// a grave subject whenever it is named, an everyday one when the tenant is alarmed, something is
// active, the whole home is concerned or a vulnerable occupant is named.
TEST(EmergencyCriteriaTest, TheSafetyNetAsksAboutWhatTheSignalsDidNotSettle) {
    struct Net {
        const char* text;
        const char* hazard;  // "" = not asked
    };
    for (const Net& n : std::initializer_list<Net>{
             {"the elevator is making a grinding noise and the doors open slowly", "elevator_entrapment"},
             {"el ascensor hace un ruido raro", "elevator_entrapment"},
             // (not "a weird gas thing going on with the stove": since stop 30 the emergency model,
             // trained on more authors, flags that one on the criteria's doubt, as designed)
             {"the gas stove is acting weird", "gas"},
             {"please help, something is wrong with the front door", "entry_security"},
             {"AC stopped working, my grandmother lives with us", "no_cooling"},
             {"срочно, с отоплением что-то не так", "no_heat"},
             {"紧急！楼里的电梯有问题", "elevator_entrapment"},
             // Ruled out by the tenant, news rather than an incident, or an everyday subject alone.
             {"elevator out of service since this morning, nobody is stuck inside", ""},
             {"got a letter from the gas company about replacing the meter", ""},
             {"the front door squeaks when it opens", ""},
             {"the heat is a bit uneven between rooms", ""},
             {"the elevator is making a grinding noise, not urgent", ""},
         }) {
        const auto a = assess_emergency(n.text, {.at = kSummer});
        EXPECT_FALSE(a.emergency) << n.text;
        EXPECT_EQ(a.uncertain_hazard, n.hazard) << n.text;
        EXPECT_EQ(a.uncertain, *n.hazard != '\0') << n.text;
        if (a.uncertain) {
            EXPECT_FALSE(a.clarifying_question.empty()) << n.text;
            EXPECT_FALSE(a.clarifying_question_es.empty()) << n.text;
            bool reason = false;
            for (const auto& r : a.reasons) reason = reason || r.rfind("uncertain:" + a.uncertain_hazard, 0) == 0;
            EXPECT_TRUE(reason) << n.text;
        }
    }
}

TEST(EmergencyCriteriaTest, NegationInEveryLanguage) {
    for (const char* text : {"no gas smell, the burner just clicks", "I don't smell gas",
                             "no huele a gas, solo hace clic", "pas d'odeur de gaz",
                             "não tem cheiro de gás", "запаха газа нет", "没有煤气味"}) {
        EXPECT_FALSE(assess_emergency(text, {.at = kWinter}).emergency) << text;
    }
    for (const char* text : {"I smell gas", "huele a gas", "odeur de gaz", "cheiro de gás", "пахнет газом",
                             "有煤气味"}) {
        EXPECT_TRUE(assess_emergency(text, {.at = kWinter}).emergency) << text;
    }
}

TEST(EmergencyCriteriaTest, TyposAndMissingAccents) {
    EXPECT_TRUE(assess_emergency("WATER POURNG FROM CIELING", {.at = kWinter}).emergency);
    EXPECT_TRUE(assess_emergency("calefaccion no funciona y hace 3 grados", {.at = kSummer}).emergency);
    EXPECT_TRUE(assess_emergency("fuite d eau du plafond partout", {.at = kWinter}).emergency);
}

TEST(EmergencyCriteriaTest, NeverThrows) {
    EXPECT_FALSE(assess_emergency("", {}).emergency);
    EXPECT_FALSE(assess_emergency("\xff\xfe\xe4", {}).emergency);
    EXPECT_FALSE(assess_emergency(std::string(5000, 'a'), {}).emergency);
    EXPECT_EQ(emergency_reason_name("water"), "flooding");
    EXPECT_EQ(emergency_reason_name("gas"), "gas leak");
}

// The emergency model flags no heat or no cooling only where the weather the criteria read leaves
// room for an emergency: the season, a stated temperature, "mild".
TEST(EmergencyModelTest, HeatAndCoolingFlagsFollowTheWeatherTheCriteriaRead) {
    std::vector<text_model::Example> examples;
    for (int i = 0; i < 20; ++i) {
        const auto n = " #" + std::to_string(i);
        examples.push_back({"the furnace went quiet" + n, "emergency"});
        examples.push_back({"the aircon went quiet" + n, "emergency"});
        examples.push_back({"the doorbell rings twice" + n, "not_emergency"});
        examples.push_back({"please repaint the hallway" + n, "not_emergency"});
    }
    const auto model =
        text_model::train(examples, {"emergency", "not_emergency"}, 3.0, text_model::kCharactersAndWords);
    const EmergencyModelThresholds thresholds{0.15f, 0.5f};
    auto assess = [&](const char* text, Timestamp at) { return assess_emergency_with(text, {.at = at}, model, thresholds); };

    auto a = assess("the furnace went quiet", kWinter);
    ASSERT_TRUE(a.emergency);
    EXPECT_TRUE(a.model_flagged);
    EXPECT_EQ(a.hazards.front(), "no_heat");
    EXPECT_FALSE(assess("the furnace went quiet", kSummer).emergency);                   // out of season
    EXPECT_FALSE(assess("the furnace went quiet, it's 68F in here", kWinter).emergency);  // warm enough
    EXPECT_FALSE(assess("the furnace went quiet, it's mild out", kWinter).emergency);
    EXPECT_TRUE(assess("the furnace went quiet, it's 41F in here", kSummer).emergency);   // below the limit

    a = assess("the aircon went quiet", kSummer);
    ASSERT_TRUE(a.emergency);
    EXPECT_TRUE(a.model_flagged);
    EXPECT_EQ(a.hazards.front(), "no_cooling");
    EXPECT_FALSE(assess("the aircon went quiet", kWinter).emergency);
    EXPECT_FALSE(assess("the aircon went quiet, it's 78F inside", kSummer).emergency);
    EXPECT_TRUE(assess("the aircon went quiet, it's 31°C inside", kWinter).emergency);  // above 85F
}

}  // namespace
}  // namespace propos
