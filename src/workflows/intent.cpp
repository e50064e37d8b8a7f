// Intent routing (see intent.hpp and docs/workflows.md "Intent routing").
//
// Each intent owns concepts: word lists in six languages (folded: lower case, no accents; a
// trailing '*' matches any ending) and Chinese substrings, each with a weight (3 names the intent
// on its own, 2 points at it, 1 only leans). A message's score for an intent is the sum of the
// weights of the concepts it hits (each concept once). Words of a repair are negation-aware ("no
// leaks, nothing broken" at a move-out is not maintenance); the other intents' words are not ("I
// will not renew" is still about the lease's end).
#include "propos/workflows/intent.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cctype>
#include <map>
#include <optional>
#include <string_view>

#include "agent/text_signals.hpp"
#include "agent/text_model.hpp"
#include "propos/agent/emergency.hpp"
#include "propos/agent/escalation.hpp"
#include "propos/workflows/triage.hpp"

namespace propos {
namespace {

using namespace signals;

// ---------------------------------------------------------------------------------------------
// Maintenance: what is wrong, who fixes it.

WORDS(kBroken, "broken", "broke", "busted", "not working", "isnt working", "stopped working", "doesnt work",
      "dont work", "wont turn on", "wont start", "wont flush", "wont drain", "wont close", "wont open",
      "wont lock", "wont latch", "out of order", "malfunction*", "jammed", "cracked", "damaged", "falling off",
      "fell off", "came off", "tripped", "flicker*", "peeling paint", "paint peeling", "is peeling", "not draining", "not heating", "not cooling",
      "no heat", "no hot water", "no water", "no power", "keeps beeping", "keeps tripping", "keeps running",
      "runs constantly", "running constantly", "sticking", "sticks", "stuck", "wobbly", "loose", "wont stop",
      "nao fecha", "no cierra", "ne ferme plus", "ne ferme pas", "no abre", "nao abre", "ne s ouvre pas",
      "bloque", "bloquee", "water is coming", "water coming", "died", "just died", "is out", "are out", "went out", "burnt out", "burned out", "doesnt heat", "doesnt even heat", "getting bigger",
      // es
      "roto", "rota", "rotos", "rotas", "descompuest*", "no funciona*", "no sirve*", "dejo de funcionar",
      "no prende", "no enciende", "no calienta", "no enfria", "averia*", "averiad*", "no sale agua",
      "estropead*", "danad*",
      // fr
      "casse", "cassee", "casses", "en panne", "ne marche plus", "ne fonctionne plus", "marche pas",
      "fonctionne pas", "defectueu*", "abime*", "endommage*", "hors service", "ne chauffe plus",
      // pt
      "quebrad*", "quebrou", "estragad*", "estragou", "nao funciona", "parou de funcionar", "nao liga",
      "nao esquenta", "nao gela", "avariad*", "com defeito", "pifou",
      // ru
      "сломал*", "сломан*", "не работает", "не работают", "перестал* работать", "не включается",
      "не греет", "не морозит", "не сливается", "неисправ*", "поломк*", "треснул*", "отвалил*",
      "не закрывается", "не открывается", "не горит");
WORDS(kBrokenCjk, "坏了", "坏掉", "不工作", "不能用", "不好用", "用不了", "打不开", "关不上", "不亮", "不转",
      "不出水", "不热", "不制冷", "失灵", "故障", "裂了", "掉了", "松了", "卡住", "下不去", "不下去", "坏咗", "坏");
WORDS(kLeakClog, "leak*", "leek*", "drip*", "clog*", "backed up", "backing up", "overflow*", "flood*",
      "water damage", "mold", "mould", "moldy", "mildew",
      "gotea*", "goteo", "fuga*", "filtra*", "desbord*", "infiltration*", "tapad*", "atascad*", "obstruid*", "moho", "hongos", "humedad", "inund*",
      "fuit", "fuite*", "goutte*", "bouche*", "moisi*", "moisissure*", "humidite", "degat* des eaux",
      "vazamento", "vazando", "pingando", "goteira", "entupid*", "mofo", "bolor", "infiltracao", "umidade",
      "течет", "течь", "подтека*", "протек*", "капает", "протечк*", "засор*", "забил*", "плесен*", "грибок", "сырост*", "затоп*");
WORDS(kLeakClogCjk, "漏水", "渗水", "滴水", "堵了", "堵塞", "不通", "发霉", "霉", "漏");
WORDS(kPests, "roach*", "cockroach*", "mice", "mouse", "rats", "rat", "rodent*", "bedbug*", "bed bugs", "ants",
      "termites", "pest*", "infest*", "wasps", "hornets", "silverfish", "fleas",
      "cucaracha*", "ratones", "ratas", "raton", "chinche*", "hormiga*", "plaga*", "termitas",
      "cafard*", "blatte*", "souris", "punaise*", "fourmi*", "nuisible*", "guepe*",
      "barata*", "ratos", "rato", "percevejo*", "formiga*", "cupim", "cupins", "praga*",
      "таракан*", "мыши", "мышь", "крыс*", "клоп*", "муравь*", "грызун*");
WORDS(kPestsCjk, "曱甴", "灭虫", "杀虫", "蟑螂", "老鼠", "臭虫", "蚂蚁", "白蚁", "虫子");
WORDS(kRepair, "repair*", "fix", "fixed", "fixing", "maintenance", "work order", "service request", "plumber",
      "electrician", "handyman", "technician", "exterminator", "contractor", "repairman", "maintenance guy",
      "reparar", "arreglar", "reparacion", "arreglo", "arreglen", "reparen", "plomero", "fontanero",
      "electricista", "tecnico", "mantenimiento", "fumigacion", "fumigar",
      "reparer", "reparation", "reparez", "plombier", "electricien", "technicien", "depannage", "depanneur",
      "consertar", "conserto", "consertem", "reparo", "arrumar", "encanador", "eletricista", "canalizador",
      "manutencao", "dedetizacao",
      "ремонт*", "починит*", "почините", "отремонтир*", "сантехник*", "электрик*", "мастер*",
      "заявк*");
WORDS(kRepairCjk, "维修", "修理", "报修", "修一下", "修好", "来修", "水管工", "电工", "师傅", "嚟睇");
WORDS(kSymptom, "the heat", "chirping", "beeping", "pancada", "barulho no cano", "knocking", "banging pipes", "rattling", "cognement*", "claquement*", "golpeteo", "take a look",
      "come look", "come and look", "send someone", "entretien");
WORDS(kReplace, "replace*", "replacing", "install*", "reemplaz*", "cambiar", "remplacer", "changer",
      "trocar", "substituir", "заменит*", "поменять", "换");

// ---------------------------------------------------------------------------------------------
// Payment

WORDS(kPayStrong, "rent payment*", "pay rent", "pay the rent", "pay my rent", "paid rent", "paid the rent",
      "paid my rent", "paying rent", "paying my rent", "late fee*", "late charge*", "balance", "ledger",
      "autopay", "auto pay", "payment*", "receipt*", "zelle", "venmo", "paypal", "money order", "bounced",
      "nsf", "payment plan", "rent due", "rent is due", "due date", "charged twice", "double charged",
      "owe", "owed", "statement", "cashiers check", "ach", "direct debit", "section 8", "hap", "housing assistance",
      "voucher", "split rent", "split the rent", "half now", "pay half", "rent portal", "payment portal",
      "pay online", "pagar la mitad", "pagar", "transferencia da renda", "transferencia de la renta",
      "oplatit", "oplata", "zaplatit", "parcelar", "aluguel atrasado", "vencimento do aluguel",
      "pagar la renta", "pagar el alquiler", "pagar el arriendo", "pago*", "pague", "saldo", "recargo*",
      "cargo por mora", "recibo*", "comprobante*", "deuda", "plan de pagos",
      "paiement*", "payer le loyer", "payer mon loyer", "paye le loyer", "virement*", "prelevement*",
      "solde", "frais de retard", "penalite*", "quittance*", "impaye*", "echeance*",
      "pagar o aluguel", "paguei", "pagamento*", "boleto*", "pix", "multa*", "juros", "comprovante*",
      "debito automatico",
      "оплат*", "оплач*", "заплат*", "платеж*", "платит*", "задолж*", "квитанц*", "пени", "квартплат*",
      "перевел*", "перевод*");
WORDS(kPayStrongCjk, "付款", "交租", "缴费", "交费", "余额", "滞纳金", "收据", "转账", "扣款", "付租", "支付",
      "账单", "逾期", "交房租", "付房租", "欠租", "欠款", "未交", "显示未交", "缴租", "付不了款", "交租的网站", "分两次", "分期");
WORDS(kPayWeak, "rent", "pay", "paid", "charge*", "fee", "fees", "portal", "website", "site", "money", "check", "checks", "cheque",
      "euros", "dollars", "vire",
      "renta", "alquiler", "arriendo", "pagado", "cobr*", "loyer", "payer", "paye", "aluguel", "renda",
      "pagar", "аренд*", "долг*", "штраф*", "счет", "деньги");
WORDS(kPayWeakCjk, "房租", "租金", "欠", "钱", "网站", "到期");

// ---------------------------------------------------------------------------------------------
// Lease renewal

WORDS(kRenewMedium, "renew*", "renovar*", "renovacion", "renovacao", "renouvel*", "продлит*", "продлен*",
      "продлева*", "продлим");
WORDS(kRenewStrong, "renew my lease", "renew our lease", "renew the lease", "lease renewal", "renewal offer",
      "extend my lease", "extend the lease", "extend our lease", "extending my lease",
      "extending our lease", "lease extension", "another year", "another 12 months", "another term",
      "sign again", "sign on again", "re sign", "resign the lease", "month to month", "mois a mois", "mes a mes", "mes para mes", "stay another", "keep living here",
      "staying another", "new lease term",
      "renovar el contrato", "renovar mi contrato", "renovar nuestro contrato", "renovacion del contrato",
      "renovacion de contrato", "renovar el arrendamiento", "extender el contrato", "prorrog*", "otro ano",
      "seguir viviendo", "un ano mas", "por un ano", "renovar contrato",
      "reconduction", "reconduire", "prolonger le bail", "prolongation", "une annee de plus",
      "un an de plus", "rester un an",
      "renovar o contrato", "renovacao do contrato", "estender o contrato", "mais um ano", "continuar morando",
      "продлить договор", "продлить аренду", "продление договора", "еще на год", "еще год",
      "перезаключ*", "новый договор");
WORDS(kRenewStrongCjk, "续租", "续约", "续签", "再租一年", "涨租", "加租", "房租上涨", "租约到期", "合同到期");
WORDS(kRenewHint, "next year", "next fall", "for next year", "l an prochain", "l annee prochaine",
      "proximo ano", "ano que viene", "ano que vem", "следующий год", "на следующий год", "sign something to stay",
      "to stay", "like to stay", "want to stay", "pour rester", "para quedarnos", "continuar connosco", "new number",
      "new rent", "returning residents", "same room");
WORDS(kRenewHintCjk, "明年", "下年", "快到期", "到期");
WORDS(kRenewWeak, "lease is up", "lease expires", "lease ends", "lease ending", "end of my lease",
      "end of our lease", "lease end", "rent increase", "increase", "offer", "lease", "stay",
      "vence el contrato", "vencimiento", "aumento", "contrato", "quedarnos", "quedarme", "oferta",
      "fin de bail", "bail", "augmentation", "rester", "offre", "vence", "arrendamiento",
      "vencimento", "contrato vence", "reajuste", "ficar",
      "повышени*", "срок договора", "договор заканчивается", "договор истекает", "договор*", "остаться",
      "предложени*");

// ---------------------------------------------------------------------------------------------
// Move-in

WORDS(kMoveInStrong, "move in", "moving in", "moving into", "move into", "moved into", "moveing in", "just moved in",
      "moved in yesterday", "moved in today", "moved in last week", "signed the lease", "first month*", "acabei de me mudar",
      "заехал*", "заселил*", "movein", "move in date", "new tenant", "new tenants",
      "new resident", "key pickup", "pick up keys", "pick up the keys", "pick up my keys", "get the keys",
      "get my keys", "get our keys", "collect the keys", "lease signing", "move in inspection",
      "move in checklist", "first day", "welcome packet", "new guy", "new girl", "new here", "fianza de entrada",
      "depa nuevo", "dar de alta la luz", "soy el nuevo", "soy la nueva", "me cambio al", "on rentre dans",
      "before we moved in", "cheguei no ap",
      "entrega de llaves", "recoger las llaves", "recoger llaves", "nuevo inquilino", "nueva inquilina",
      "nuevos inquilinos", "me mudo el", "nos mudamos el", "nos mudamos al", "mudarnos al", "cuando puedo entrar",
      "inventario de entrada", "inspeccion de entrada",
      "emmenag*", "remise des cles", "nouveau locataire", "nouvelle locataire", "nouveaux locataires",
      "etat des lieux d entree", "inspection d entree", "recuperer les cles",
      "entrega das chaves", "pegar as chaves", "retirar as chaves", "vistoria de entrada", "novo inquilino",
      "nova inquilina", "morador novo", "nova moradora", "novo morador", "nos mudar para", "vamos nos mudar",
      "mudar para o apartamento", "nos mudamos para",
      "заселен*", "заселит*", "заселяюсь", "заселяемся", "въезд*", "въехать", "въезжа*", "новый жилец",
      "новый арендатор", "новые жильцы", "получить ключи", "забрать ключи");
WORDS(kMoveInStrongCjk, "新住户", "入住", "搬进", "搬入", "拿钥匙", "取钥匙", "新租客", "新房客", "交房");
WORDS(kMoveInMedium, "in my name", "in our name", "a mi nombre", "a nuestro nombre", "em meu nome",
      "no meu nome", "no nosso nome", "a mon nom", "a notre nom", "на мое имя", "на меня", "reserve the elevator",
      "reservar el elevador", "reservar o elevador", "reserver l ascenseur", "poner la luz", "ligar a luz",
      "instalar a internet", "gate code", "grab keys", "grab the keys", "got the keys", "uhaul", "u haul",
      "truck is booked", "chercher les cles", "dais las llaves", "camion de la mudanza", "electricity provider*",
      "internet provider*", "fob they", "handed me", "пропуск", "cartao de acesso", "tarjeta de acceso",
      "carte d acces", "not ready", "isnt ready", "pas pret", "no esta listo", "nao esta pronto", "antigo morador",
      "previous tenant", "inquilino anterior", "contratar la luz", "compte hydro", "ouvrir le compte", "electric company", "utility company", "moving truck", "camion de mudanza");
WORDS(kMoveInMediumCjk, "门禁卡", "停车证", "网络");
WORDS(kMoveInWeak, "keys", "fob", "fobs", "parking permit", "set up utilities", "utilities", "internet",
      "welcome", "movers", "moving truck", "truck", "checklist", "walkthrough", "walk through", "elevator reservation",
      "reserve the elevator", "moving day",
      "llaves", "mudanza", "me mudo", "mudarme", "servicios", "primer dia",
      "cles", "clefs", "arrivee", "etat des lieux", "mise en service",
      "chaves", "mudanca", "me mudar", "vistoria", "caminhao",
      "ключи", "ключей", "заезд*", "переезд*", "钥匙", "搬家");

// ---------------------------------------------------------------------------------------------
// Move-out

WORDS(kLeaving, "move out", "moving out", "moveing out", "vacate*", "vacating");
WORDS(kMoveOutStrong, "moved out", "suis parti", "suis partie", "выехал*", "moving back home", "quebrar o contrato",
      "casser mon bail", "casser le bail", "acabei de sair", "giving notice", "give notice", "my 30 days", "me tengo que ir",
      "entregamos el depa", "les entregamos", "saio daqui", "мувим*", "moving in with my", "move in with my",
      "revision de salida",
      "gave notice", "former resident", "former tenant", "ex inquilino", "ex inquilina", "ancienne locataire",
      "ancien locataire", "antigo inquilino", "antiga inquilina", "бывший жилец", "inspeccion de salida",
      "inspection de sortie", "retenu*", "saio do apartamento", "освобожда*", "освобожу", "продлевать не будем",
      "продлевать не буду", "vacate*", "vacating", "notice to vacate",
      "30 day notice", "60 day notice", "days notice", "day notice", "terminate my lease", "terminate the lease",
      "terminate our lease", "terminating my lease", "lease termination", "break my lease", "break the lease",
      "break our lease", "breaking my lease", "breaking the lease", "end my lease early",
      "wont be renewing", "je demenage", "nous demenageons", "on demenage", "will not be renewing", "not be renewing", "deposit back",
      "deposit return*", "return of my deposit", "return my deposit", "forwarding address",
      "final walkthrough", "final walk through", "final inspection", "move out inspection", "moveout",
      "deductions", "deducted", "cleaning fee",
      "desocup*", "dejar el departamento", "dejar el apartamento", "dejar la casa", "dejar el piso",
      "entregar el departamento", "entregar el apartamento", "entregar el piso", "rescindir", "rescision",
      "terminar el contrato", "romper el contrato", "no voy a renovar", "no vamos a renovar",
      "devolucion del deposito", "devolucion de la fianza", "aviso de desocupacion",
      "quitter l appartement", "quitter le logement", "quitter l appart", "preavis", "resili*",
      "depot de garantie", "etat des lieux de sortie", "donner conge", "donne mon conge", "restitution",
      "desocupar", "sair do apartamento", "sair do imovel", "aviso previo", "rescis*", "vistoria de saida",
      "entregar o apartamento", "entregar o imovel", "nao vou renovar", "nao vamos renovar",
      "devolucao da caucao", "devolucao do deposito",
      "съезжа*", "съехать", "съеду", "съедем", "выезжа*", "выехать", "выеду", "выедем", "расторг*",
      "вернуть залог", "возврат залога", "возврат депозита", "не буду продлевать", "не будем продлевать");
WORDS(kMoveOutStrongCjk, "退租", "搬走", "搬出", "退房", "退押金", "提前解约", "解约", "不续租", "不续约",
      "不再续");
WORDS(kMoveOutMedium, "left the keys", "keys back", "handing the keys", "remis les cles", "deixei as chaves",
      "deje las llaves", "deje las yaves", "ключи оставил*", "were out", "we leave", "leave end of", "moving my stuff out",
      "written notice", "entreguei o apartamento", "ma caution", "ключи сдал*", "entreg* las llaves", "leave the keys", "turn in keys", "turn in the keys", "hand in keys", "rendu les cles",
      "entregamos las llaves", "out of here", "out by", "penalizacion", "нотис", "drop off my keys", "drop off the keys", "return my keys", "return the keys",
      "сдать ключи", "entregar las llaves", "entregar as chaves", "rendre les cles", "при выезде", "el deposito",
      "mi deposito", "be out by", "when i leave", "devolvid*", "descuentos");
WORDS(kMoveOutWeak, "security deposit", "my deposit", "deposit", "last day", "leaving", "moving",
      "relocat*", "bought a house", "buying a house", "notice",
      "me voy", "nos vamos", "aviso", "deposito", "fianza", "devolucion", "ultimo dia", "mudarnos",
      "caution", "conge", "sortie", "partir", "demenag*", "for good",
      "vou sair", "vamos sair", "caucao", "devolucao", "mudar",
      "выезд*", "освобод*", "залог*", "депозит*", "уведомлени*", "переезжа*", "сдавать");
WORDS(kMoveOutWeakCjk, "押金", "搬家", "离开");

// ---------------------------------------------------------------------------------------------
// Neighbors

WORDS(kNeighborStrong, "neighbor*", "neighbour*", "loud music", "bark*", "stomping", "parked in my",
      "in my parking spot", "in my spot", "took my spot", "my parking space", "dans ma place", "mon stationnement",
      "ma place de parking", "mi lugar de estacionamiento", "mi cajon", "minha vaga", "на мое место",
      "the resident in", "the residents in", "the family in", "the kids in", "the dog in", "the cat in", "whose dog",
      "whose cat", "their dog", "their cat", "across the hall", "lives across", "lives next door", "lives above",
      "lives below", "lives upstairs", "lives downstairs", "guy next door", "lady next door", "people next door",
      "family next door", "de al lado", "d a cote", "ao lado", "cachorro late", "next to ours", "next to us",
      "na moem meste", "на моем месте", "sosed*", "who lives in", "lives in", "os miudos", "their kids", "my spot", "my assigned spot", "my space",
      "en mi lugar", "estaciona en mi", "the people in", "the guy in", "the lady in",
      "the tenant in", "the tenants in", "the people upstairs", "the people downstairs", "the people next door",
      "vecin*", "ladra*", "los del", "el del", "la del", "o pessoal do", "musica a todo volumen", "musica alta",
      "voisin*", "tapage", "aboie*", "musique a fond", "musique forte",
      "vizinh*", "latindo", "latir", "som alto",
      "сосед*", "лает", "лай", "орут", "шумят");
WORDS(kNeighborStrongCjk, "隔篱", "我的车位", "停在我", "邻居", "狗叫", "楼上的人", "楼下的人", "隔壁的人", "隔离", "对门");
WORDS(kNeighborWeak, "next door", "upstairs", "downstairs", "music", "party", "parties", "partying", "noise",
      "noisy", "loud", "yelling", "screaming", "shouting", "fighting", "dog", "smoking", "weed", "marijuana",
      "harass*", "their trash", "their garbage", "blocking", "guests", "bass", "drums", "cigarro", "at 2am", "at 3am", "at 1am", "until 1am", "until 2am", "until 3am", "until 4am", "last night", "midnight", "all night", "every night",
      "propping", "someone on", "cardio", "drifts", "the kids", "fumer", "fument",
      "ruido*", "musica", "fiesta*", "gritos", "gritan", "grita", "perro", "fuman", "molest*",
      "bruit*", "musique", "fete*", "crient", "cris", "chien",
      "barulh*", "festa*", "gritaria", "gritam", "cachorro", "fumam", "incomod*",
      "шум*", "музык*", "вечеринк*", "кричат", "собак*", "курят", "мешают");
WORDS(kNeighborWeakCjk, "隔壁", "楼上", "楼下", "吵", "噪音", "音乐", "派对", "抽烟", "食烟", "狗", "住户", "半夜", "蹦迪", "吠");

// ---------------------------------------------------------------------------------------------
// Questions for the knowledge base

WORDS(kQuestionStrong, "pet policy", "are pets allowed", "pets allowed", "allowed to have", "are we allowed",
      "am i allowed", "do you allow", "is it allowed", "guest parking", "visitor parking", "trash day",
      "garbage day", "recycling day", "bulk pickup", "quiet hours", "sublet*", "sublease", "airbnb",
      "renters insurance", "renter s insurance", "renter insurance", "office hours", "party room",
      "clubhouse", "club room", "community room", "rooftop", "roof deck", "amenit*", "smoking policy",
      "package room", "mailroom", "mail room", "gym hours", "pool hours", "pool open", "gym open", "fitness center", "laundry room",
      "bike storage", "storage unit", "storage room", "policy", "policies", "pet rent", "pet fee",
      "pet deposit", "coworking", "common area",
      "area comum", "zona comun", "espace commun", "seguro de hogar",
      "mascota*", "se permite*", "esta permitido", "reglamento", "gimnasio", "piscina", "alberca",
      "lavanderia", "paqueteria", "estacionamiento de visitas", "subarrend*", "salon de fiestas",
      "salon de eventos", "seguro de inquilino",
      "animaux", "animal de compagnie", "est il permis", "a t on le droit", "avons nous le droit",
      "reglement", "salle de sport", "piscine", "buanderie", "laverie", "sous louer", "sous location",
      "assurance habitation", "salle commune", "local velo*",
      "animal de estimacao", "animais", "e permitido", "regulamento", "regimento interno", "academia",
      "sublocar", "sublocacao", "seguro residencial", "salao de festas",
      "churrasqueira", "bicicletario",
      "животн*", "питом*", "можно ли", "разреш*", "правил*", "спортзал", "тренажер*", "бассейн",
      "прачечн*", "посылк*", "часы работы", "субаренд*", "страховк*", "гостев*");
WORDS(kQuestionStrongCjk, "宠物", "养狗", "养猫", "允许", "规定", "规则", "健身房",
      "游泳池", "泳池", "洗衣房", "快递", "包裹", "开放时间", "营业时间", "转租", "保险", "活动室", "访客停车");
WORDS(kQuestionWeak, "pet", "pets", "dog", "dogs", "cat", "cats", "allowed", "rules", "gym", "pool", "laundry",
      "package*", "parcel", "parcels", "parking", "recycling", "trash", "garbage", "insurance", "hours", "reserve",
      "storage", "bike*", "grill*", "bbq", "can i", "how do i", "where is", "where do", "what time",
      "when does", "is there", "do you have", "question", "wondering", "wifi", "what day", "obligatorio",
      "permitido*", "permiten", "reglas", "normas", "paquete*", "horario*", "visitas", "basura",
      "reciclaje", "se puede", "puedo", "pregunta",
      "chat", "autorise*", "colis", "horaire*", "poubelle*", "ordures", "recyclage", "puis je",
      "est ce que",
      "pode", "regras", "encomenda*", "pacote*", "lixo", "reciclagem", "posso",
      "pergunta", "duvida", "portaria",
      "кошк*", "мусор*", "парковк*", "вопрос");
WORDS(kQuestionWeakCjk, "吗？", "吗?", "可以吗", "能不能", "可不可以", "几点", "垃圾", "回收", "停车", "访客", "请问", "问一下");

// ---------------------------------------------------------------------------------------------
// A person

WORDS(kHumanStrong, "a human", "human being", "real human", "un humain", "un humano", "una persona real",
      "um humano", "atendente humano", "pessoa de verdade", "живого человека", "живой человек", "withhold*",
      "no pago la renta", "no voy a pagar", "ne paierai pas", "nao vou pagar", "не заплачу", "не буду платить",
      "contato do responsavel", "打电话给我", "vrai humain", "atendente de verdade", "representative", "позвоните мне",
      "me ligar", "vraie personne", "actual person", "the bot", "not a bot", "numero du responsable");
WORDS(kHumanWeak, "manager", "supervisor", "complaint", "complain", "unacceptable", "ridiculous",
      "nobody answers", "nobody responds", "no one answers", "noone answers", "noone responds",
      "no response", "terrible service", "call me", "phone call", "corporate", "escalate", "bbb",
      "better business bureau", "yelp", "google review", "owner", "callback", "call back", "calls me back", "in charge", "le responsable", "coordonnees",
      "не отвечает", "игнориру*", "answering service", "automated", "robo", "robot",
      "atendimento automatico", "автоматическ* ответ*", "reponses automatiques", "sans reponse", "du responsable",
      "ignor*", "disrespect*", "desrespeito", "me canse", "ninguem atende",
      "gerente", "queja", "inaceptable", "nadie responde", "nadie contesta", "llamenme", "llamame",
      "dueno",
      "gerant", "plainte", "inadmissible", "inacceptable", "personne ne repond", "rappelez moi",
      "appelez moi", "proprietaire",
      "reclamacao", "inaceitavel", "absurdo", "ninguem responde", "me ligue", "me liga", "sindico",
      "менеджер*", "управляющ*", "жалоб*", "безобрази*", "возмутительно", "никто не отвечает",
      "перезвоните", "руководств*", "начальств*");
WORDS(kService, "rude", "unpleasant", "unprofessional", "disrespectful", "me plaindre", "plaindre",
      "on ne me repond", "impoli*", "grosero*", "groser*", "mal educad*", "mal atendid*", "grossei*", "хамств*", "грубо",
      "front office", "front desk staff");
WORDS(kHumanWeakCjk, "态度", "没人接", "没有下文", "不耐烦", "律师", "没有回复", "管理层", "经理", "投诉", "负责人", "没人回复", "没人理", "没有人回", "给我打电话", "回电话", "太差");

// ---------------------------------------------------------------------------------------------
// Other: automatic replies, wrong numbers, spam, bare acknowledgements

WORDS(kAutoReply, "out of office", "automatic reply", "auto reply", "autoreply", "auto response",
      "i am away", "currently away", "on vacation until", "respuesta automatica", "fuera de la oficina",
      "reponse automatique", "absent du bureau", "je suis absent", "resposta automatica",
      "fora do escritorio", "автоответ*", "нахожусь в отпуске", "no longer monitored", "automated message", "wrong number", "who is this",
      "numero equivocado", "mauvais numero", "faux numero", "numero errado", "не туда попали",
      "ошиблись номером");
WORDS(kAutoReplyCjk, "自动回复", "不在办公室", "打错了", "发错了");
WORDS(kMarketing, "property managers", "for landlords", "gestionnaires d immeubles", "para condominios",
      "administradores de propiedades", "unsubscribe", "click here", "cliquez ici", "desinscrire", "update here",
      "could not be delivered", "verify your account", "verify your", "unusual activity", "dear customer", "competitive rates", "we offer",
      "free quote", "free estimate", "reply c to confirm", "to reschedule", "gift card", "congratulations", "business development",
      "reaching out from");
WORDS(kSpam, "http*", "www", "click", "winner", "prize", "free", "offer*", "desconto", "gratuit", "devis gratuit",
      "orcamento", "presupuesto gratis", "new clients", "consultation", "save", "discount", "promo*", "crypto*",
      "bitcoin", "loan*", "investment*", "viagra", "casino", "unsubscribe", "subscribe", "limited time",
      "act now", "congratulations", "gift card", "seo", "marketing", "our services", "guaranteed",
      "credit score", "cheap", "deal", "deals", "premio", "gratis", "oferta*", "prestamo*",
      "promo", "gratuito", "emprestimo*", "бесплатн*", "скидк*", "кредит*", "выигр*");
WORDS(kSpamCjk, "首付", "楼盘", "详情咨询", "免费", "优惠", "中奖", "贷款", "点击", "促销");
WORDS(kPersonal, "entregador", "repartidor", "livreur", "курьер", "delivery driver", "mercado livre", "doordash", "ubereats", "uber eats", "grubhub", "your order", "im outside", "babe", "honey", "love you", "mom", "mum", "dad", "mi amor", "amor",
      "carino", "mami", "papi", "tia", "tio", "cheri", "cherie", "mon coeur", "maman", "querida", "querido", "mae",
      "мам*", "пап*", "милый", "милая", "we still on", "dinner tonight", "pick me up", "paso por ti");
WORDS(kPersonalCjk, "老婆", "老公", "宝贝", "亲爱的", "妈妈", "爸爸");
WORDS(kThanks, "thank you so much", "thanks so much", "thanks a lot", "everything works", "works perfectly",
      "all good now", "all set", "problem solved", "muchas gracias", "todo funciona", "merci beaucoup", "tout fonctionne",
      "muito obrigado", "muito obrigada", "tudo funcionando", "большое спасибо", "все работает", "thx");
WORDS(kThanksCjk, "谢谢", "好了", "修好了");
WORDS(kDigital, "portal", "website", "site", "app", "online", "error", "login", "password");
WORDS(kDigitalCjk, "网站", "网上", "系统");
WORDS(kAck, "thanks", "thank", "you", "thx", "ty", "ok", "okay", "k", "got", "it", "great", "perfect",
      "cool", "sounds", "good", "will", "do", "noted", "awesome", "appreciate", "much", "so", "very",
      "gracias", "muchas", "vale", "perfecto", "listo", "merci", "beaucoup", "d", "accord", "parfait",
      "obrigado", "obrigada", "valeu", "beleza", "certo", "спасибо", "большое", "ок", "хорошо", "понял",
      "поняла", "ясно", "отлично", "все", "получила", "получил", "a", "lot", "again", "nice", "sure", "alright", "all", "right");

// A concept: its words, its weight per distinct phrase found (at most `cap` phrases count), and
// what a negated hit means: nothing (`negated_to` = the same intent, not counted) or another
// intent ("not renewing" is a move-out, "NOT moving out, we want to renew" a renewal).
struct Concept {
    Intent intent;
    int weight;
    Words words;
    Words cjk;
    bool negatable;
    const char* name;
    int cap = 2;
    std::optional<Intent> negated_to{};
};

const Concept kConcepts[] = {
    {Intent::kMaintenance, 3, kBroken, kBrokenCjk, true, "something broken", 1},
    {Intent::kMaintenance, 3, kLeakClog, kLeakClogCjk, true, "leak, clog or mold", 1},
    {Intent::kMaintenance, 3, kPests, kPestsCjk, true, "pests", 1},
    {Intent::kMaintenance, 3, kRepair, kRepairCjk, true, "repair", 1},
    {Intent::kMaintenance, 1, kSymptom, {}, true, "symptom", 1},
    {Intent::kMaintenance, 1, kReplace, {}, false, "replacement", 1},
    {Intent::kPayment, 3, kPayStrong, kPayStrongCjk, false, "payment"},
    {Intent::kPayment, 1, kPayWeak, kPayWeakCjk, false, "rent"},
    {Intent::kRenewal, 4, kRenewStrong, kRenewStrongCjk, true, "renewal", 2, Intent::kMoveOut},
    {Intent::kRenewal, 2, kRenewMedium, {}, true, "renew", 1, Intent::kMoveOut},
    {Intent::kRenewal, 2, kRenewHint, kRenewHintCjk, false, "next term"},
    {Intent::kRenewal, 1, kRenewWeak, {}, false, "lease term"},
    {Intent::kMoveIn, 4, kMoveInStrong, kMoveInStrongCjk, false, "move-in"},
    {Intent::kMoveIn, 2, kMoveInMedium, kMoveInMediumCjk, false, "utilities or moving day"},
    {Intent::kMoveIn, 1, kMoveInWeak, {}, false, "keys or moving"},
    {Intent::kMoveOut, 4, kLeaving, {}, true, "leaving", 1, Intent::kRenewal},
    {Intent::kMoveOut, 4, kMoveOutStrong, kMoveOutStrongCjk, false, "move-out"},
    {Intent::kMoveOut, 2, kMoveOutMedium, {}, false, "keys back or deposit"},
    {Intent::kMoveOut, 1, kMoveOutWeak, kMoveOutWeakCjk, false, "leaving or deposit"},
    {Intent::kNeighbor, 3, kNeighborStrong, kNeighborStrongCjk, true, "neighbor"},
    {Intent::kNeighbor, 1, kNeighborWeak, kNeighborWeakCjk, true, "noise or nuisance"},
    {Intent::kQuestion, 3, kQuestionStrong, kQuestionStrongCjk, false, "policy or amenity"},
    {Intent::kQuestion, 1, kQuestionWeak, kQuestionWeakCjk, false, "question"},
    {Intent::kHuman, 4, kHumanStrong, {}, false, "a person or rent withheld", 1},
    {Intent::kHuman, 2, kHumanWeak, kHumanWeakCjk, false, "complaint or manager"},
    {Intent::kHuman, 2, kService, {}, false, "the service"},
    {Intent::kOther, 4, kMarketing, {}, false, "marketing or phishing"},
    {Intent::kOther, 2, kSpam, kSpamCjk, false, "advertising", 3},
    {Intent::kOther, 3, kPersonal, kPersonalCjk, false, "personal message", 1},
    {Intent::kOther, 3, kThanks, kThanksCjk, false, "thanks", 1},
};

constexpr int kThreshold = 2;

// Ties go to the intent that must act first: a repair, a person, then the lease's events.
constexpr Intent kTieOrder[] = {Intent::kMaintenance, Intent::kHuman,    Intent::kMoveOut,
                                Intent::kMoveIn,      Intent::kRenewal,  Intent::kPayment,
                                Intent::kNeighbor,    Intent::kQuestion, Intent::kOther};

int tie_rank(Intent i) {
    return static_cast<int>(std::find(std::begin(kTieOrder), std::end(kTieOrder), i) - std::begin(kTieOrder));
}

struct Scores {
    std::map<Intent, int> score;
    std::map<Intent, std::vector<std::string>> why;
    void add(Intent i, int w, std::string reason) {
        score[i] += w;
        why[i].push_back(std::move(reason));
    }
};

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}

// True when every word is an acknowledgement ("ok thanks!", "спасибо большое") and there are few.
bool acknowledgement_only(const Doc& d) {
    if (d.words.empty()) {
        return d.has_cjk && (d.raw.find("谢谢") != std::string::npos || d.raw.find("好的") != std::string::npos ||
                             d.raw.find("收到") != std::string::npos) &&
               d.raw.size() <= 18;
    }
    if (d.words.size() > 7) return false;
    // Emoji and symbols ("👍", "🙏", "✅") acknowledge too.
    const auto symbol = [](const std::string& w) {
        const auto c = static_cast<unsigned char>(w[0]);
        return c >= 0xF0 || c == 0xE2;
    };
    return std::all_of(d.words.begin(), d.words.end(), [&](const std::string& w) {
        return symbol(w) || std::any_of(std::begin(kAck), std::end(kAck), [&](const char* a) { return w == a; });
    });
}

// An email reply's own words and the conversation it quotes: lines starting with '>' and what
// follows a reply header ("On Fri, Sept 6, X wrote:", "El 2 de abril, X escribió:", "Le ... a
// écrit :", "Em ... escreveu:", "... пишет:", "在 ... 写道：") are the quote.
std::pair<std::string, std::string> split_quote(const std::string& text) {
    std::string own, quoted;
    bool in_quote = false;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(start, end - start);
        std::size_t k = 0;
        while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
        const bool quote_line = k < line.size() && line[k] == '>';
        auto ends_with = [&](std::string_view tail) {
            auto l = std::string_view(line);
            while (!l.empty() && (l.back() == ' ' || l.back() == '\r')) l.remove_suffix(1);
            return l.size() >= tail.size() && l.substr(l.size() - tail.size()) == tail;
        };
        const bool header = ends_with("wrote:") || ends_with("escribió:") || ends_with("a écrit :") ||
                            ends_with("a écrit:") || ends_with("escreveu:") || ends_with("пишет:") ||
                            ends_with("написал:") || ends_with("написала:") || ends_with("写道：") ||
                            ends_with("写道:") || line.rfind("-----Original Message", 0) == 0;
        if (header) in_quote = true;
        ((in_quote || quote_line) ? quoted : own) += line + "\n";
        if (end == text.size()) break;
        start = end + 1;
    }
    return {own, quoted};
}

// "the dog in 5D", "los niños del 3D", "o pessoal do 503", "1503的狗": someone else's unit.
bool names_another_unit(const Doc& d) {
    static constexpr std::string_view kOf[] = {"in", "from", "del", "do", "du", "из"};
    static constexpr std::string_view kFlat[] = {"apartment", "apartamento", "apt", "unit", "depto", "departamento",
                                                 "appartement", "квартиры"};
    for (std::size_t i = 0; i + 1 < d.words.size(); ++i) {
        if (std::find(std::begin(kOf), std::end(kOf), d.words[i]) == std::end(kOf)) continue;
        std::size_t at = i + 1;  // "from apartment 64", "do apartamento 64"
        if (at + 1 < d.words.size() &&
            std::find(std::begin(kFlat), std::end(kFlat), d.words[at]) != std::end(kFlat)) {
            ++at;
        }
        const auto& u = d.words[at];
        if (u.size() < 2 || u.size() > 5 || !std::isdigit(static_cast<unsigned char>(u[0]))) continue;
        const bool letter = std::any_of(u.begin(), u.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
        if (!letter && u.size() < 3 && at == i + 1) continue;  // "in 30 minutes", "de 30 kilos"
        if (!std::all_of(u.begin(), u.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; })) {
            continue;
        }
        bool own = false;  // "I live in 4C", "I'm the new guy in 5C", "my unit in 3B"
        for (std::size_t k = i >= 4 ? i - 4 : 0; k < i; ++k) {
            const auto& w = d.words[k];
            own = own || w == "i" || w == "im" || w == "my" || w == "we" || w == "our" || w == "me" || w == "its" ||
                  w == "soy" || w == "sou" || w == "est";
        }
        if (own) continue;
        return true;
    }
    for (auto pos = d.raw.find("的"); pos != std::string::npos && d.has_cjk; pos = d.raw.find("的", pos + 1)) {
        if (pos >= 3 && std::isdigit(static_cast<unsigned char>(d.raw[pos - 1])) &&
            std::isdigit(static_cast<unsigned char>(d.raw[pos - 2])) &&
            std::isdigit(static_cast<unsigned char>(d.raw[pos - 3]))) {
            return true;
        }
    }
    return false;
}

bool negation_just_before(const Doc& d, const Hit& h) {
    if (h.begin == std::string::npos) return true;
    static constexpr std::string_view kNot[] = {"not", "no", "wont", "dont", "never", "nao", "pas", "не", "ne", "n", "nunca"};
    for (std::size_t k = h.begin >= 2 ? h.begin - 2 : 0; k < h.begin; ++k) {
        if (std::find(std::begin(kNot), std::end(kNot), d.words[k]) != std::end(kNot)) return true;
    }
    return false;
}

// "http://...", "www.", "usps-redelivery-center.co/track": a link (marketing and phishing carry one).
// `raw` is the lower-cased text (Doc::raw).
bool has_link(const std::string& raw) {
    if (raw.find("http") != std::string::npos || raw.find("www.") != std::string::npos) return true;
    static constexpr std::string_view kTld[] = {".com/", ".co/", ".cc/", ".net/", ".org/", ".io/", ".ly/", ".info/",
                                                ".xyz/", ".top/", ".shop/", ".com ", ".co ", ".cc ", ".xyz "};
    const auto padded = raw + " ";
    return std::any_of(std::begin(kTld), std::end(kTld),
                       [&](std::string_view t) { return padded.find(t) != std::string::npos; });
}

// An automatic reply or a wrong number says so at the start.
bool said_at_start(const Doc& d, const std::vector<Hit>& hits) {
    return std::any_of(hits.begin(), hits.end(), [&](const Hit& h) {
        if (h.begin != std::string::npos) return h.begin < 12;
        const auto pos = d.raw.find(h.text);
        return pos != std::string::npos && pos < 60;
    });
}

struct Ranked {
    std::vector<std::pair<Intent, int>> list;  // above the threshold, strongest first
    Scores s;
};

Ranked score(const Doc& d, const std::string& text, const Triage& triage, std::optional<Intent> conversation = {}) {
    Ranked r;
    Scores& s = r.s;
    // "the rent portal is broken": a broken website is not a repair when no trade is named.
    const bool digital_only = any(find(d, kDigital, kDigitalCjk, false)) && (triage.vague || triage.category == "general");
    std::map<Intent, std::vector<std::pair<std::size_t, std::size_t>>> covered;  // word spans already counted
    for (const auto& c : kConcepts) {
        if (digital_only && (c.words.data() == std::data(kBroken) || c.words.data() == std::data(kLeakClog))) continue;
        auto hits = find(d, c.words, c.cjk, c.negatable);
        if (c.words.data() == std::data(kMoveInStrong)) {
            // "moving in with my boyfriend" is leaving this home
            std::erase_if(hits, [&](const Hit& h) {
                return h.begin != std::string::npos && h.end < d.words.size() &&
                       (d.words[h.end] == "with" || d.words[h.end] == "w");
            });
        }
        auto& spans = covered[c.intent];
        std::erase_if(hits, [&](const Hit& h) {
            return h.begin != std::string::npos && std::any_of(spans.begin(), spans.end(), [&](const auto& sp) {
                       return h.begin >= sp.first && h.begin < sp.second;
                   });
        });
        for (const auto& h : hits) {
            if (h.begin != std::string::npos) spans.emplace_back(h.begin, h.end);
        }
        std::vector<std::string> live, negated;
        for (const auto& h : hits) {
            // A redirect ("not renewing" -> leaving) needs the negation right before the words.
            if (h.negated && c.negated_to && !negation_just_before(d, h)) continue;
            auto& bucket = h.negated ? negated : live;
            if (std::find(bucket.begin(), bucket.end(), h.text) == bucket.end()) bucket.push_back(h.text);
        }
        if (!live.empty()) {
            const int n = std::min<int>(static_cast<int>(live.size()), c.cap);
            s.add(c.intent, c.weight * n, std::string(c.name) + " '" + live.front() + "'");
        }
        if (!negated.empty() && c.negated_to) {
            s.add(*c.negated_to, c.weight, std::string("not ") + c.name + " '" + negated.front() + "'");
        }
    }
    {
        const auto autoreply = find(d, kAutoReply, kAutoReplyCjk, false);
        if (said_at_start(d, autoreply)) s.add(Intent::kOther, 4, "automatic reply or wrong number '" + first(autoreply) + "'");
    }
    // Triage's trade keywords: a named fixture or system with a problem leans to maintenance.
    if (!triage.vague && triage.category != "general" && s.score[Intent::kMaintenance] > 0) {
        s.add(Intent::kMaintenance, 2, "trade " + triage.category);
    }
    if (names_another_unit(d)) s.add(Intent::kNeighbor, 2, "another unit");
    if (EscalationEngine::asks_for_human(text)) s.add(Intent::kHuman, 4, "asks for a person");
    if (const auto legal = EscalationEngine::legal_reasons(text); !legal.empty()) {
        s.add(Intent::kHuman, 3, "legal: " + join(legal));
    }
    if (const auto harass = EscalationEngine::harassment_reasons(text); !harass.empty()) {
        s.add(s.score[Intent::kNeighbor] > 0 ? Intent::kNeighbor : Intent::kHuman, 2, "harassment");
    }
    if (acknowledgement_only(d)) s.add(Intent::kOther, 4, "acknowledgement only");
    if (has_link(d.raw)) s.add(Intent::kOther, 2, "a link");
    if (conversation && *conversation != Intent::kOther) s.add(*conversation, 2, "the quoted conversation");

    for (const auto& [i, v] : s.score) {
        if (v >= kThreshold) r.list.emplace_back(i, v);
    }
    std::sort(r.list.begin(), r.list.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : tie_rank(a.first) < tie_rank(b.first);
    });
    auto promote = [&](Intent i) {
        auto it = std::find_if(r.list.begin(), r.list.end(), [&](const auto& p) { return p.first == i; });
        if (it != r.list.end()) std::rotate(r.list.begin(), it, it + 1);
    };
    // A clearly named repair outranks what it is wrapped in ("lock sticking; also, pool hours?").
    const int maintenance = s.score[Intent::kMaintenance];
    if (maintenance >= 3 && !r.list.empty() && r.list.front().first != Intent::kMaintenance &&
        r.list.front().first != Intent::kOther && maintenance + 1 >= r.list.front().second) {
        promote(Intent::kMaintenance);
    }
    // Asking for a person, or asking a question, wraps a request that has an owner: "third time I
    // complain about the smoke from 502, I want the manager" is the neighbor workflow's.
    const bool policy_question = std::any_of(s.why[Intent::kQuestion].begin(), s.why[Intent::kQuestion].end(),
                                             [](const std::string& w) { return w.rfind("policy or amenity", 0) == 0; });
    if (!r.list.empty() && (r.list.front().first == Intent::kHuman ||
                            (r.list.front().first == Intent::kQuestion && !policy_question))) {
        for (const auto& [i, v] : r.list) {
            if (i == Intent::kHuman || i == Intent::kQuestion || i == Intent::kOther) continue;
            if (v >= 3 && v + 2 >= r.list.front().second) promote(i);
            break;
        }
    }
    return r;
}

std::optional<Triage> triage_of(const std::string& text, const IntentOptions& options) {
    try {
        TriageOptions topt;
        topt.vulnerable_occupant = options.vulnerable_occupant;
        return triage_text(text, options.at, topt);
    } catch (const Error&) {
        return std::nullopt;  // nothing but blanks
    }
}

Triage triage_or_default(const std::string& text, const IntentOptions& options) {
    return triage_of(text, options).value_or(Triage{});  // blanks: no trade, no hazard
}

}  // namespace

namespace {

// The word rules alone (the safety override, the reasons, the secondary intents).
IntentAssessment classify_by_rules(const std::string& text, const IntentOptions& options, bool& safety_out) {
    IntentAssessment out;
    out.triage = triage_of(text, options);
    const Triage triage = out.triage.value_or(Triage{});
    out.language = triage.language;
    // Safety first: an emergency, or a hazard the criteria are unsure about, is maintenance,
    // whatever else the message (or the conversation it quotes) says. A doubt raised only by the
    // safety net (a hazard's subject named, nothing that settles it) leaves the intent to the words:
    // a maintenance message is asked about the hazard; another owner hands it to a person.
    const bool safety = triage.emergency || (triage.uncertain && !triage.safety_net);
    safety_out = safety;
    if (safety) {
        out.intent = Intent::kMaintenance;
        out.confidence = 0.95;
        out.reasons.push_back("intent:maintenance (emergency criteria: " +
                              (triage.hazards.empty() ? std::string("uncertain") : join(triage.hazards)) + ")");
    }
    const auto [own, quoted] = split_quote(text);
    const Doc d = prepare(own);
    if (d.words.empty() && !d.has_cjk && quoted.empty() && !safety) {
        out.reasons.push_back("intent:other (no words)");
        out.confidence = 0.9;
        return out;
    }
    const Triage own_triage = quoted.empty() ? triage : triage_or_default(own, options);
    std::optional<Intent> conversation;
    Ranked q;
    if (!quoted.empty()) {
        q = score(prepare(quoted), quoted, triage_or_default(quoted, options));
        if (!q.list.empty()) conversation = q.list.front().first;
    }
    auto r = score(d, own, own_triage, conversation);
    if (safety) {
        for (const auto& [i, v] : r.list) {
            if (i == Intent::kMaintenance || i == Intent::kOther) continue;
            out.also.push_back(i);
            out.reasons.push_back("also:" + std::string(enum_name(i)) + " (" + join(r.s.why[i]) + ")");
        }
        return out;
    }

    if (r.list.empty()) {
        // Nothing names an intent. A reply takes the intent of the conversation it quotes; a named
        // fixture is a repair; a question goes to the knowledge base (and on to a person when it
        // has no answer); anything else is kept, unanswered.
        out.confidence = 0.3;
        if (conversation) {
            if (*conversation != Intent::kOther) {
                out.intent = q.list.front().first;
                out.reasons.push_back("intent:" + std::string(enum_name(out.intent)) + " (the quoted conversation: " +
                                      join(q.s.why.at(out.intent)) + ")");
                return out;
            }
        }
        if (!own_triage.vague && own_triage.category != "general") {
            out.intent = Intent::kMaintenance;
            out.reasons.push_back("intent:maintenance (trade " + own_triage.category + ")");
        } else if (own.find('?') != std::string::npos || own.find("？") != std::string::npos) {
            out.intent = Intent::kQuestion;
            out.reasons.push_back("intent:question (asks a question)");
        } else {
            // Nothing named: the maintenance line's own question ("what needs repair?") is the safe
            // answer; `other` needs a sign of its own (spam, an automatic reply, a bare thanks).
            out.intent = Intent::kMaintenance;
            out.reasons.push_back("intent:maintenance (no other intent named)");
        }
        return out;
    }
    out.intent = r.list.front().first;
    out.reasons.push_back("intent:" + std::string(enum_name(out.intent)) + " (" + join(r.s.why[out.intent]) + ")");
    int total = 0;
    for (const auto& [i, v] : r.list) total += v;
    out.confidence = std::min(0.95, 0.4 + 0.55 * r.list.front().second / std::max(total, 1));
    for (std::size_t k = 1; k < r.list.size(); ++k) {
        if (r.list[k].first == Intent::kOther) continue;
        out.also.push_back(r.list[k].first);
        out.reasons.push_back("also:" + std::string(enum_name(r.list[k].first)) + " (" + join(r.s.why[r.list[k].first]) + ")");
    }
    return out;
}

}  // namespace

IntentAssessment classify_intent(const std::string& text, const IntentOptions& options) {
    bool safety = false;
    IntentAssessment out = classify_by_rules(text, options, safety);
    if (safety) return out;
    // The learned model (agent/text_model.hpp) names the owner; the rules keep the safety override
    // above, the reasons and the secondary intents. Measured on authors neither was tuned on, the
    // model generalizes better than the word lists (docs/workflows.md).
    const auto own = split_quote(text).first;
    if (text_model::ngram_counts(own).empty()) return out;  // no words: the rules' reading
    const auto& m = text_model::intent_model();
    const auto s = text_model::scores(m, own);
    std::vector<std::size_t> order(s.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return s[a] > s[b]; });
    const auto named = parse_enum<Intent>(m.classes[order[0]]);
    const double margin = s[order[0]] - s[order[1]];
    char buf[96];
    std::snprintf(buf, sizeof buf, "model:%s (%.2f, next %s %.2f)", m.classes[order[0]].c_str(),
                  static_cast<double>(s[order[0]]), m.classes[order[1]].c_str(), static_cast<double>(s[order[1]]));
    if (named == out.intent) {
        out.reasons.emplace_back(buf);
        return out;
    }
    const Intent rules = out.intent;
    out.intent = named;
    out.confidence = std::min(0.95, 0.5 + 0.45 * std::min(margin, 1.0));
    std::erase(out.also, named);
    if (rules != Intent::kOther) out.also.insert(out.also.begin(), rules);
    out.reasons.insert(out.reasons.begin(), "intent:" + std::string(enum_name(named)) + " (" + buf + ")");
    for (auto& r : out.reasons) {
        if (r.rfind("intent:" + std::string(enum_name(rules)), 0) == 0) r = "also:" + r.substr(7);
    }
    return out;
}

}  // namespace propos
