#!/usr/bin/env python3
"""Generates examples/data/portfolio.json: the sample portfolio used by `propos demo` and the tests.

Deterministic (fixed seed), fictional people: phone numbers in the 555-01xx range reserved for fiction,
emails at example.com/example.net. Run it again after changing it; commit both files.
"""
import json
import random
from pathlib import Path

rng = random.Random(20260105)

FIRST = ["Maria", "James", "Aisha", "Wei", "Carlos", "Olga", "Samuel", "Priya", "Tomas", "Grace",
         "Dmitri", "Fatima", "Kevin", "Lucia", "Hiroshi", "Amara", "Noah", "Sofia", "Ibrahim", "Chloe",
         "Mateo", "Yara", "Ethan", "Mei", "Oluwaseun", "Hannah", "Ravi", "Elena", "Jamal", "Ingrid"]
LAST = ["Lopez", "Okafor", "Chen", "Novak", "Haddad", "Kim", "Rossi", "Patel", "Johnson", "Silva",
        "Nguyen", "Kowalski", "Garcia", "Adeyemi", "Schmidt", "Tanaka", "Brown", "Ivanova", "Cohen",
        "Mensah", "Murphy", "Dubois", "Ali", "Park", "Moreno"]
LANGS = ["en"] * 14 + ["es", "es", "es", "zh", "ru", "fr"]


def phone(area, n):
    return f"+1{area}555{n:04d}"


def org(org_id, name, tz, city, state, areas, properties, vendors, start_phone):
    out = {"organization": {"id": org_id, "name": name, "timezone": tz,
                            "created_at": "2025-06-01T00:00:00Z"},
           "properties": [], "units": [], "tenants": [], "leases": [], "vendors": [],
           "compliance_items": []}
    n = start_phone
    area_i = 0
    for p_i, (pname, street, postal, floors, per_floor, nte) in enumerate(properties, 1):
        pid = f"{org_id}-p{p_i}"
        out["properties"].append({
            "id": pid, "name": pname, "address": street, "city": city, "state": state,
            "postal_code": postal, "nte_limit": nte * 100, "emergency_nte_limit": nte * 300,
            "owner_approval_threshold": nte * 500, "owner_name": f"{pname} Owner LLC",
            "owner_email": f"owner.{pid}@example.net"})
        for kind, days in (("smoke_co_alarm_inspection", 20), ("boiler_inspection", 45),
                           ("fire_extinguisher_service", 75)):
            out["compliance_items"].append({
                "id": f"{pid}-{kind}", "property_id": pid, "kind": kind,
                "description": kind.replace("_", " ").capitalize(),
                "due_at": f"2026-{1 + days // 30:02d}-{1 + days % 28:02d}T14:00:00Z",
                "recurrence": "365d", "status": "open"})
        for floor in range(1, floors + 1):
            for k in range(per_floor):
                label = f"{floor}{chr(ord('A') + k)}"
                uid = f"{pid}-u{label}"
                out["units"].append({"id": uid, "property_id": pid, "label": label,
                                     "bedrooms": 1 + (k % 3), "floor": floor})
                if rng.random() < 0.07:
                    continue  # vacant
                tid = f"{uid}-t1"
                first, last = rng.choice(FIRST), rng.choice(LAST)
                area = areas[area_i % len(areas)]
                if n > 199:
                    n = 100
                    area_i += 1
                    area = areas[area_i % len(areas)]
                pref = rng.choices(["sms", "email", "portal"], [6, 3, 1])[0]
                out["tenants"].append({
                    "id": tid, "unit_id": uid, "name": f"{first} {last}",
                    "phone": phone(area, n), "email": f"{first}.{last}.{label}.{p_i}@example.com".lower(),
                    "preferred_channel": pref, "language": rng.choice(LANGS),
                    "has_pets": rng.random() < 0.3, "vulnerable_occupant": rng.random() < 0.08})
                n += 1
                start_month = rng.randint(1, 12)
                out["leases"].append({
                    "id": f"{uid}-l1", "unit_id": uid, "tenant_ids": [tid],
                    "start": f"2025-{start_month:02d}-01T00:00:00Z",
                    "end": f"2026-{start_month:02d}-01T00:00:00Z",
                    "monthly_rent": (1400 + 350 * (k % 3) + 25 * floor) * 100,
                    "deposit": (1400 + 350 * (k % 3)) * 100})
                # Lease renewals (issue 17): in New York City, the first property's B units whose
                # lease ends from May are rent-stabilized (9 NYCRR 2523.5: offered 150-90 days ahead).
                if org_id == "harbor" and p_i == 1 and k == 1 and start_month >= 5:
                    out["leases"][-1]["rent_stabilized"] = True
    for v_i, vendor in enumerate(vendors, 1):
        vname, trades, hourly, callout, after_hours, ins, stats = vendor[:7]
        hours = vendor[7] if len(vendor) > 7 else (8, 18, False)
        vid = f"{org_id}-v{v_i}"
        done, assigned, on_time, callbacks, rating = stats
        out["vendors"].append({
            "id": vid, "name": vname, "trades": trades,
            "service_area": sorted({p[2] for p in properties}) + [city],
            "phone": phone(areas[-1], 190 - v_i), "email": f"dispatch.{vid}@example.net",
            "hourly_rate": hourly * 100, "callout_fee": callout * 100, "after_hours": after_hours,
            "hours_start": hours[0], "hours_end": hours[1], "weekends": hours[2],
            "insurance_expires": ins, "active": True,
            "scorecard": {"jobs_completed": done, "jobs_assigned": assigned, "on_time_jobs": on_time,
                          "callbacks": callbacks, "total_billed": done * (hourly * 180),
                          "rating": rating}})
    return out


harbor = org(
    "harbor", "Harbor Property Management", "America/New_York", "New York", "NY", ["212", "718", "917"],
    [("Riverside Towers", "410 Riverside Dr", "10025", 12, 6, 500),
     ("Elm Court", "22 Elm St", "11215", 6, 5, 400),
     ("Canal Lofts", "88 Canal St", "10013", 5, 4, 600)],
    # (name, trades, hourly $, callout $, after-hours list, insurance expires, scorecard
    #  (completed, assigned, on time, callbacks, rating), business hours (start, end, weekends))
    [("Rapid Rooter Plumbing", ["plumbing", "water_leak"], 95, 75, True, "2027-03-31T00:00:00Z", (120, 126, 110, 4, 4.6), (7, 19, True)),
     ("Five Boroughs Plumbing & Heating", ["plumbing", "heat_hot_water", "gas", "water_leak"], 110, 90, True, "2026-12-31T00:00:00Z", (80, 85, 70, 6, 4.3)),
     ("BrightSpark Electric", ["electrical", "fire_safety"], 105, 85, True, "2027-01-15T00:00:00Z", (60, 62, 57, 2, 4.7)),
     ("Volt Brothers Electrical", ["electrical"], 90, 60, False, "2025-11-30T00:00:00Z", (40, 47, 30, 5, 3.9)),
     ("CoolAir HVAC", ["hvac", "heat_hot_water"], 120, 95, True, "2027-06-30T00:00:00Z", (55, 58, 50, 3, 4.5)),
     ("Appliance Doctor", ["appliance"], 85, 65, False, "2027-02-28T00:00:00Z", (70, 72, 66, 3, 4.4)),
     ("Citywide Pest Control", ["pest"], 70, 50, False, "2027-04-30T00:00:00Z", (90, 91, 88, 8, 4.1)),
     ("SecureLock Locksmiths", ["door_window_lock"], 80, 70, True, "2027-05-31T00:00:00Z", (45, 46, 44, 1, 4.8), (7, 22, True)),
     ("Handy Hands General Repair", ["general", "paint_plaster", "flooring", "structural", "door_window_lock"], 65, 40, False, "2027-01-31T00:00:00Z", (150, 160, 130, 9, 4.2)),
     ("Skyline Elevator Service", ["elevator"], 150, 200, True, "2027-08-31T00:00:00Z", (20, 20, 19, 1, 4.6)),
     ("Metro Elevator Co.", ["elevator"], 140, 180, False, "2027-02-28T00:00:00Z", (14, 15, 12, 1, 4.2)),
     ("Empire Electric & Alarm", ["electrical", "fire_safety"], 98, 70, True, "2027-09-30T00:00:00Z", (38, 40, 33, 2, 4.4), (7, 19, False)),
     ("Bug-Free NYC", ["pest"], 75, 45, False, "2027-03-31T00:00:00Z", (52, 53, 50, 3, 4.3)),
     ("Kitchen Pro Appliance Service", ["appliance"], 90, 70, False, "2027-05-31T00:00:00Z", (41, 44, 37, 2, 4.3)),
     ("Brooklyn Boiler Works", ["heat_hot_water", "gas", "plumbing"], 115, 100, True, "2027-04-30T00:00:00Z", (33, 34, 31, 1, 4.7)),
     ("Cool Breeze Mechanical", ["hvac"], 110, 85, False, "2027-06-30T00:00:00Z", (29, 31, 26, 2, 4.2)),
     ("Union Square Builders", ["structural", "flooring", "paint_plaster", "general"], 80, 60, False, "2027-07-31T00:00:00Z", (47, 50, 42, 3, 4.4))],
    start_phone=100)

prairie = org(
    "prairie", "Prairie Homes Co-op", "America/Chicago", "Springfield", "IL", ["217", "312"],
    [("Lincoln Gardens", "1200 S Lincoln Ave", "62704", 4, 8, 450),
     ("Maple Row Townhomes", "45 Maple Row", "62702", 2, 8, 350),
     ("Capitol View", "300 E Capitol Ave", "62701", 5, 4, 500)],
    [("Prairie Plumbing Pros", ["plumbing", "water_leak", "heat_hot_water"], 85, 60, True, "2027-02-28T00:00:00Z", (75, 80, 68, 5, 4.4)),
     ("Sangamon Electric", ["electrical", "fire_safety"], 88, 65, True, "2027-03-31T00:00:00Z", (50, 52, 47, 2, 4.6)),
     ("Heartland Heating & Air", ["hvac", "heat_hot_water", "gas"], 100, 80, True, "2027-01-31T00:00:00Z", (64, 66, 58, 4, 4.5)),
     ("Midwest Appliance Repair", ["appliance"], 75, 55, False, "2026-02-15T00:00:00Z", (33, 36, 29, 3, 4.0)),
     ("Lincoln Land Handyman", ["general", "paint_plaster", "flooring", "door_window_lock", "structural"], 55, 35, False, "2027-05-31T00:00:00Z", (110, 118, 100, 7, 4.3)),
     ("Critter Gitters Pest", ["pest"], 65, 45, False, "2027-04-30T00:00:00Z", (40, 40, 39, 2, 4.5)),
     ("A-1 Restoration", ["water_leak", "structural", "general"], 95, 120, True, "2027-07-31T00:00:00Z", (25, 26, 23, 1, 4.7)),
     ("Capital City Electric", ["electrical", "fire_safety"], 80, 55, False, "2027-06-30T00:00:00Z", (36, 38, 33, 2, 4.3)),
     ("Land of Lincoln Locksmith", ["door_window_lock"], 70, 60, True, "2027-03-31T00:00:00Z", (28, 28, 27, 0, 4.8), (7, 21, True)),
     ("Springfield Elevator Service", ["elevator"], 135, 175, True, "2027-05-31T00:00:00Z", (11, 11, 10, 0, 4.6)),
     ("Route 66 Appliance", ["appliance"], 70, 50, False, "2027-08-31T00:00:00Z", (44, 47, 40, 3, 4.2)),
     ("Sangamon Pest Solutions", ["pest"], 60, 40, False, "2027-02-28T00:00:00Z", (22, 23, 20, 2, 4.1)),
     ("Prairie State Mechanical", ["hvac", "heat_hot_water", "gas", "plumbing"], 105, 90, True, "2027-09-30T00:00:00Z", (31, 32, 29, 1, 4.6)),
     ("Illini Flooring & Paint", ["flooring", "paint_plaster", "general"], 60, 40, False, "2027-04-30T00:00:00Z", (26, 27, 24, 1, 4.4))],
    start_phone=100)

# ---- Onboarding (issue 17): new tenants moving into vacant units a week after the demo starts
# (2026-01-05): the daily check starts their onboardings on its first run; nothing is due before
# the demo's fourth day ends, so the other scenarios see no onboarding escalation. ----
def move_ins(o, entries):
    occupied = {t["unit_id"] for t in o["tenants"]}
    vacant = [u for u in o["units"] if u["id"] not in occupied]
    for unit, (start, name, language, tel, email) in zip(vacant, entries):
        uid = unit["id"]
        tid = f"{uid}-t2"
        o["tenants"].append({"id": tid, "unit_id": uid, "name": name, "phone": tel, "email": email,
                             "preferred_channel": "sms", "language": language,
                             "has_pets": False, "vulnerable_occupant": False})
        o["leases"].append({"id": f"{uid}-l2", "unit_id": uid, "tenant_ids": [tid],
                            "start": start, "end": start.replace("2026-", "2027-", 1),
                            "monthly_rent": 1850 * 100, "deposit": 1850 * 100})


move_ins(harbor, [("2026-01-13T15:00:00Z", "Lucia Fernandez", "es", "+16465550301", "lucia.fernandez@example.com"),
                  ("2026-01-14T15:00:00Z", "Daniel Brooks", "en", "+16465550302", "daniel.brooks@example.com")])
move_ins(prairie, [("2026-01-12T16:00:00Z", "Hannah Schultz", "en", "+13125550303", "hannah.schultz@example.com")])
# ---- end Onboarding ----


# The knowledge base: policies, amenities and answers to frequent questions, quoted to tenants who
# ask (docs/workflows.md "Intent routing"). Written as the answers themselves.
COMMON_KB = [
    ("kb-trash", "Trash and recycling", "procedure", ["garbage", "rubbish", "recycling", "compost", "bins"],
     "Trash and recycling go to the bins in the rear courtyard. Recycling pickup is Tuesday and Friday "
     "mornings; bags must be tied and boxes flattened. Bulk items (furniture, mattresses) need a pickup "
     "booked with the office at least two days ahead."),
    ("kb-pets", "Pets", "policy", ["dog", "cat", "animal", "pet deposit"],
     "Up to two cats or dogs under 50 lb are allowed per apartment with a signed pet addendum and a "
     "one-time pet deposit of $300. Dogs must be leashed in common areas. Service and support animals "
     "are always allowed and are never charged a deposit."),
    ("kb-quiet-hours", "Quiet hours", "policy", ["noise", "music", "party", "loud"],
     "Quiet hours are 10 pm to 8 am every day. Moving, renovation noise and amplified music are not "
     "allowed during quiet hours."),
    ("kb-guest-parking", "Guest parking", "policy", ["visitor", "parking", "car", "permit", "garage"],
     "Guests may park in the spaces marked VISITOR for up to 48 hours. Overnight guests need a visitor "
     "permit from the office; cars without one may be towed after 2 am."),
    ("kb-laundry", "Laundry room", "amenity", ["washer", "dryer", "laundromat"],
     "The laundry room is in the basement and is open 7 am to 10 pm. Machines take cards that you can "
     "load at the kiosk by the door. Report a broken machine with its number on the sticker."),
    ("kb-packages", "Packages and deliveries", "procedure", ["package", "parcel", "delivery", "mail", "amazon"],
     "Packages are left in the parcel lockers in the lobby; you get a code by text. Parcels that do not "
     "fit are kept at the office for up to 7 days."),
    ("kb-rent-portal", "Paying rent", "procedure", ["rent", "pay", "payment", "portal", "autopay"],
     "Rent is due on the 1st and can be paid in the resident portal by bank transfer (free) or card "
     "(2.9% fee), or by check to the office. Autopay can be set up in the portal."),
    ("kb-office-hours", "Office hours and contact", "faq", ["office", "hours", "contact", "leasing office"],
     "The office is open Monday to Friday, 9 am to 5 pm, and Saturday 10 am to 2 pm. For emergencies "
     "after hours, text this number: a person on call answers day and night."),
    ("kb-keys", "Keys, fobs and lockouts", "procedure", ["key", "fob", "locked out", "lockout", "spare key"],
     "Replacement keys and fobs cost $25 each and are made at the office during office hours. If you "
     "are locked out after hours, text this number; a lockout visit costs $75."),
]
KB_BY_ORG = {
    "harbor": [("kb-bikes", "Bike storage", "amenity", ["bicycle", "bike room", "scooter"],
                "Bikes are stored in the bike room next to the garage entrance. Register your bike at the "
                "office to get a tag; untagged bikes are removed after 30 days. E-bike batteries may not "
                "be charged in the bike room.")],
    "prairie": [("kb-pool", "Pool", "amenity", ["swimming", "swim", "pool hours"],
                 "The pool at Lincoln Gardens is open from Memorial Day to Labor Day, 10 am to 8 pm. "
                 "Residents may bring up to two guests; children under 14 must be with an adult.")],
}


def knowledge_base(org_id, entries):
    return [{"id": f"{org_id}-{kid}", "title": title, "body": body, "category": cat, "tags": tags,
             "source": "Resident handbook", "language": "en", "updated_at": "2026-01-02T00:00:00Z"}
            for kid, title, cat, tags, body in entries]


harbor["knowledge_base"] = knowledge_base("harbor", COMMON_KB + KB_BY_ORG["harbor"])
prairie["knowledge_base"] = knowledge_base("prairie", COMMON_KB + KB_BY_ORG["prairie"])
prairie["knowledge_base"][-1]["property_id"] = "prairie-p1"  # the pool is at Lincoln Gardens

# ---- compliance: building attributes (which rules of the jurisdiction's pack apply) and children on
# tenant records (NYC lead-paint and window-guard rules). Blocks and districts are fictional. A separate
# random stream, so the rest of the portfolio does not change with it.
BUILDINGS = {
    # pre-1960 walk-up rules, an elevator, a cooling tower; block ending in 4: FISP window 2025-2027
    "harbor-p1": {"year_built": 1931, "stories": 12, "has_boiler": True, "has_elevator": True,
                  "has_cooling_tower": True, "has_gas_piping": True, "rent_stabilized": True,
                  "nyc_block": 1874, "nyc_community_district": 7},
    # community district 6: LL152 gas piping inspection in 2026
    "harbor-p2": {"year_built": 1925, "stories": 6, "has_boiler": True, "has_gas_piping": True,
                  "nyc_block": 1067, "nyc_community_district": 6},
    "harbor-p3": {"year_built": 1987, "stories": 5, "has_boiler": True, "has_elevator": True,
                  "nyc_block": 209, "nyc_community_district": 1},
    "prairie-p1": {"year_built": 1972, "stories": 4, "has_boiler": True},
    "prairie-p2": {"year_built": 1998, "stories": 2, "has_gas_piping": True},
    "prairie-p3": {"year_built": 1965, "stories": 5, "has_elevator": True},
}
for o in (harbor, prairie):
    for p in o["properties"]:
        p.update(BUILDINGS[p["id"]])
    kids = random.Random("children-" + o["organization"]["id"])
    for t in o["tenants"]:
        r = kids.random()
        t["child_under_6"] = r < 0.08
        t["child_10_or_under"] = r < 0.15

doc = {"format": "propos.portfolio/1", "organizations": [harbor, prairie]}
path = Path(__file__).with_name("portfolio.json")
path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
units = sum(len(o["units"]) for o in doc["organizations"])
tenants = sum(len(o["tenants"]) for o in doc["organizations"])
vendors = sum(len(o["vendors"]) for o in doc["organizations"])
print(f"wrote {path.name}: {units} units, {tenants} tenants, {vendors} vendors")
