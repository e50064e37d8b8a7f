#!/usr/bin/env python3
"""Writes the seed corpora of the libFuzzer targets (fuzz/corpus/<target>/) from the payloads of the
tests (tests/channels_*_test.cpp, tests/pms_*_test.cpp, tests/llm_*_test.cpp, ...) and the data files
(data/, examples/data/). Deterministic except the AppFolio RSA key (a fresh one signs its seed);
rerun after a format changes and commit the result. Seeds stay small (< 32 KiB each).

Multi-part seeds separate their parts by a line "----" (see fuzz/fuzz_util.hpp split_parts).
"""
import base64
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus"
SEP = "\n----\n"


def write(target, name, text):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    data = text.encode() if isinstance(text, str) else text
    assert len(data) < 32 * 1024, (target, name, len(data))
    (d / name).write_bytes(data)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def multipart(boundary, fields):
    out = []
    for name, value, extra in fields:
        out.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{extra}\r\n\r\n{value}\r\n")
    out.append(f"--{boundary}--\r\n")
    return "".join(out)


def twilio():
    write("fuzz_twilio_webhook", "inbound_sms",
          "MessageSid=SM0001&SmsSid=SM0001&AccountSid=AC123&From=%2B14155550123&To=%2B14155550100"
          "&Body=The+sink+is+leaking+%26+the+floor+is+wet&NumMedia=1&NumSegments=1"
          "&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2F2010-04-01%2FAccounts%2FAC123%2FMessages%2FSM0001%2FMedia%2FME1"
          "&MediaContentType0=image%2Fjpeg&FromCity=NEW+YORK&FromState=NY")
    write("fuzz_twilio_webhook", "status_callback",
          "MessageSid=SM9&AccountSid=AC123&MessageStatus=undelivered&ErrorCode=30003&To=%2B14155550123"
          "&From=%2B14155550100")
    write("fuzz_twilio_webhook", "stop_keyword",
          "MessageSid=SM2&AccountSid=AC123&From=%2B14155550123&To=%2B14155550100&Body=STOP&NumMedia=0")
    write("fuzz_twilio_webhook", "json_body",
          '{"MessageSid":"SMJ1","From":"+14155550123","To":"+14155550100","Body":"hi","AccountSid":"AC123"}')
    write("fuzz_twilio_webhook", "signature_line",
          "c2lnbmF0dXJl=\nMessageSid=SM3&From=%2B14155550123&To=%2B14155550100&Body=hola")


def sendgrid():
    b = "xYzZY"
    parsed = multipart(b, [
        ("headers", "Received: by mx.sendgrid.net\nMessage-ID: <m1@example.com>\nIn-Reply-To: <wo-1@propos>\n"
                    "From: Maria Lopez <maria.lopez@example.com>\nTo: maint@parse.acme.com\nSubject: Leak", ""),
        ("from", "Maria Lopez <maria.lopez@example.com>", ""),
        ("to", "maint@parse.acme.com", ""),
        ("subject", "Re: Leak under the sink", ""),
        ("text", "The leak is worse.\n\nOn Mon, Jan 5, 2026 PropOS wrote:\n> When can we come?\n--\nMaria", ""),
        ("html", "<p>The leak is <b>worse</b>.</p>", ""),
        ("envelope", '{"to":["maint@parse.acme.com"],"from":"maria.lopez@example.com"}', ""),
        ("charsets", '{"to":"UTF-8","html":"UTF-8","subject":"UTF-8","from":"UTF-8","text":"UTF-8"}', ""),
        ("attachments", "1", ""),
        ("attachment-info", '{"attachment1":{"filename":"leak.jpg","name":"leak.jpg","type":"image/jpeg"}}', ""),
        ("attachment1", "\xff\xd8\xff\xe0JFIF", '; filename="leak.jpg"\r\nContent-Type: image/jpeg'),
    ])
    write("fuzz_sendgrid_inbound", "parsed_fields", parsed)
    mime = ("From: Bob <bob@tenant.example>\r\nTo: maint@parse.acme.com\r\nSubject: =?UTF-8?B?Tm8gaGVhdA==?=\r\n"
            "Message-ID: <b1@tenant.example>\r\nReferences: <wo-2@propos> <x@y>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=\"inner\"\r\n\r\n--inner\r\n"
            "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            "No heat since yesterday, the radiators are cold. Se=F1or.\r\n--inner\r\n"
            "Content-Type: text/plain; name=note.txt\r\nContent-Disposition: attachment; filename=note.txt\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\naGVsbG8=\r\n--inner--\r\n")
    raw = multipart("rawB", [
        ("email", mime, ""),
        ("envelope", '{"to":["maint@parse.acme.com"],"from":"bob@tenant.example"}', ""),
        ("charsets", '{"to":"UTF-8","from":"UTF-8","subject":"UTF-8"}', ""),
    ])
    write("fuzz_sendgrid_inbound", "send_raw", raw)
    events = [
        {"email": "Maria@Example.com", "timestamp": 1767603600, "event": "processed", "sg_event_id": "e1",
         "sg_message_id": "abc123.filter0001.16648.5515E0B88.0", "propos_key": "msg_1"},
        {"email": "maria@example.com", "timestamp": 1767603601, "event": "delivered", "sg_event_id": "e2",
         "sg_message_id": "abc123.filter0001", "response": "250 OK"},
        {"email": "maria@example.com", "timestamp": 1767603603, "event": "click", "sg_event_id": "e4",
         "sg_message_id": "abc123.x", "url": "https://portal"},
        {"email": "bob@example.com", "timestamp": 1767603604, "event": "bounce", "sg_event_id": "e5",
         "sg_message_id": "def.x", "reason": "550 5.1.1 user unknown", "type": "bounce"},
        {"email": "bob@example.com", "timestamp": 1767603605, "event": "dropped", "sg_event_id": "e6",
         "sg_message_id": "ghi.x", "reason": "Unsubscribed Address"},
        {"email": "bob@example.com", "timestamp": 1767603608, "event": "spamreport", "sg_event_id": "e9",
         "sg_message_id": "pqr.x"},
        {"email": "bob@example.com", "timestamp": 1767603609, "event": "group_unsubscribe", "asm_group_id": 7,
         "sg_event_id": "e10", "sg_message_id": "stu.x"},
    ]
    write("fuzz_sendgrid_events", "events", json.dumps(events))
    write("fuzz_sendgrid_events", "signature_parts",
          "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE" + SEP + "MEUCIQCtJ/VlI=" + SEP +
          '[{"event":"delivered","sg_message_id":"a.b","email":"x@y.z"}]')


def pms():
    body = ('{"client_id":"example_id","id":"evt-uuid-1","topic":"work_order_updates","entity_id":"wo-uuid-9",'
            '"update_timestamp":"2026-01-05T08:55:12Z","message_sent_at":"2026-01-05T08:59:30Z"}')
    with tempfile.TemporaryDirectory() as tmp:
        key = Path(tmp) / "k.pem"
        subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024",
                        "-out", str(key)], check=True, capture_output=True)
        header = b64url(json.dumps({"alg": "PS256", "kid": "k1"}, separators=(",", ":")).encode())
        signing_input = (header + "." + b64url(body.encode())).encode()
        sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", str(key), "-sigopt", "rsa_padding_mode:pss",
                              "-sigopt", "rsa_pss_saltlen:32", "-sigopt", "rsa_mgf1_md:sha256"],
                             input=signing_input, check=True, capture_output=True).stdout
        text = subprocess.run(["openssl", "rsa", "-in", str(key), "-noout", "-text"], check=True,
                              capture_output=True, text=True).stdout
    modulus = "".join(text.split("modulus:")[1].split("publicExponent")[0].split()).replace(":", "")
    n = bytes.fromhex(modulus).lstrip(b"\x00")
    jwks = json.dumps({"keys": [{"kty": "RSA", "kid": "k1", "alg": "PS256", "use": "sig", "n": b64url(n),
                                 "e": "AQAB"}]})
    write("fuzz_appfolio_jws", "signed_notification", header + ".." + b64url(sig) + SEP + body + SEP + jwks)
    record = {"data": [{"Id": "wo-uuid-9", "Status": "Assigned", "JobDescription": "Leak under sink",
                        "Priority": "Urgent", "VendorId": "v-7", "VendorTrade": "Plumbing",
                        "ScheduledStart": "2026-01-06T14:00:00Z", "PropertyId": "p-1", "UnitId": "u-4B",
                        "EstimateAmount": "185.50"}]}
    write("fuzz_appfolio_jws", "work_order_reply", 'eyJhbGciOiJQUzI1NiJ9..c2ln' + SEP + json.dumps(record) + SEP +
          '{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","kid":"k"}]}')
    write("fuzz_buildium_webhook", "work_order_event",
          '{"Id":"evt-1","EventName":"WorkOrder.Updated","EventDateTime":"2026-01-05T13:09:00Z",'
          '"AccountId":4242,"WorkOrderId":888}')
    write("fuzz_buildium_webhook", "resident_request_event",
          '{"EventName":"Task.Created","TaskType":"ResidentRequest","TaskId":321,"AccountId":4242,'
          '"EventDateTime":"2026-01-05T13:02:00"}')
    write("fuzz_buildium_webhook", "resident_request", json.dumps({
        "Id": 321, "Category": {"Id": 4, "Name": "Plumbing", "SubCategory": {"Id": 41, "Name": "Leak"}},
        "Title": "Leak under sink", "Description": "Water pooling under the kitchen sink",
        "Property": {"Id": 12, "Type": "Rental"}, "UnitId": 99, "UnitAgreement": {"Id": 555, "Type": "Lease"},
        "RequestedByUserEntity": {"Type": "RentalTenant", "Id": 7001, "FirstName": "Maria", "LastName": "Lopez"},
        "AssignedToUserId": 3, "TaskStatus": "New", "Priority": "High", "DueDate": "2026-01-07",
        "CreatedDateTime": "2026-01-05T13:02:00Z", "LastUpdatedDateTime": "2026-01-05T13:05:00Z",
        "IsEntryPermittedByResident": True, "DoesResidentHavePets": False, "ResidentEntryNotes": "Dog"}))
    write("fuzz_buildium_webhook", "work_order", json.dumps({
        "Id": 888, "Task": {"Id": 321, "Type": "ResidentRequest", "UnitId": 99, "Title": "Leak", "Status": "InProgress"},
        "Title": "Fix sink leak", "DueDate": "2026-01-08", "Priority": "Normal", "Status": "InProgress",
        "WorkDetails": "Replace trap", "EntryAllowed": "Yes", "VendorId": 55, "Amount": 185.5, "LineItems": []}))
    rec = {"ServiceRequestId": "sr-9", "PropertyId": "p100", "UnitCode": "4B", "TenantCode": "t0042",
           "RequestorName": "Maria Lopez", "RequestorPhoneNumber": "415-555-0123",
           "RequestorEmail": "maria@example.com", "ServiceRequestBriefDescription": "No heat",
           "ServiceRequestFullDescription": "Radiators cold since last night", "Category": "HVAC",
           "SubCategory": "Heating", "Priority": "Emergency", "CurrentStatus": "Open",
           "HasPermissionToEnter": "Yes", "HasPets": False, "ServiceRequestDate": "2026-01-04T22:00:00",
           "LastModifiedDate": "2026-01-05T09:00:00", "EstimatedCost": "120.00"}
    cursor = json.dumps({"since": "2026-01-05T09:00:00Z", "ids": ["sr-8"]})
    write("fuzz_yardi_payload", "poll_page", cursor + SEP + json.dumps({"ServiceRequests": [rec]}))
    write("fuzz_yardi_payload", "single_record", "" + SEP + json.dumps(rec))
    write("fuzz_yardi_payload", "error_reply", "{}" + SEP + '{"Error":"bad license"}')


def llm():
    a = {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
         "content": [{"type": "text", "text": "Opening a work order."},
                     {"type": "tool_use", "id": "toolu_01", "name": "create_work_order",
                      "input": {"category": "plumbing", "priority": "urgent"}},
                     {"type": "thinking", "thinking": "..."}],
         "stop_reason": "tool_use",
         "usage": {"input_tokens": 1200, "output_tokens": 80, "cache_read_input_tokens": 900,
                   "cache_creation_input_tokens": 100,
                   "cache_creation": {"ephemeral_5m_input_tokens": 60, "ephemeral_1h_input_tokens": 40}}}
    write("fuzz_anthropic_reply", "tool_use", json.dumps(a) + "\x00")
    write("fuzz_anthropic_reply", "error_429",
          '{"type":"error","error":{"type":"rate_limit_error","message":"slow down"},"request_id":"req_1"}\x05')
    write("fuzz_anthropic_reply", "wrong_types", '{"content":[{"type":"text","text":42}],"usage":{"input_tokens":"many"}}')
    o = {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-4.1-mini",
         "choices": [{"index": 0, "finish_reason": "tool_calls",
                      "message": {"role": "assistant", "content": "Dispatching.",
                                  "tool_calls": [{"id": "call_a", "type": "function",
                                                  "function": {"name": "create_work_order",
                                                               "arguments": "{\"category\":\"plumbing\"}"}}]}}],
         "usage": {"prompt_tokens": 900, "completion_tokens": 40,
                   "prompt_tokens_details": {"cached_tokens": 512}}}
    write("fuzz_openai_reply", "tool_calls", json.dumps(o) + "\x00")
    write("fuzz_openai_reply", "content_parts",
          '{"id":"x","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant",'
          '"content":[{"type":"text","text":"a"},{"type":"refusal","refusal":"no"}]}}]}')
    write("fuzz_openai_reply", "error_400",
          '{"error":{"message":"Invalid tool name","type":"invalid_request_error","code":"bad"}}\x03')


def availability():
    for i, text in enumerate([
            "I'm home weekdays after 5pm, you can come in if I'm not there",
            "tomorrow between 9 and 11, I have a dog",
            "Monday morning or Wednesday 10-2, no pets",
            "anytime, entry is fine",
            "2026-01-06T10:00 please, someone must be present",
            "mañana por la tarde, tengo un perro",
            "cualquier hora entre semana",
            "before noon on the weekend",
            "fri 8am-12pm or sat all day"]):
        write("fuzz_availability", f"answer_{i}", text)


def files():
    lines = (ROOT / "examples/data/inbox.jsonl").read_text().splitlines()
    for i in (0, 2, 5, 9):
        write("fuzz_inbound_line", f"inbox_{i}", lines[i])
    write("fuzz_inbound_line", "email_line",
          '{"id":"e-1","channel":"email","from":"Maria@Example.com","to":"maint@acme.com","subject":"Leak",'
          '"text":"Water under the sink","received_at":"2026-01-05T12:30:00-05:00","org":"harbor"}')
    for name in ("ca", "generic", "nyc", "tx"):
        write("fuzz_rule_pack", f"{name}.json", (ROOT / f"data/compliance/{name}.json").read_text())
    write("fuzz_checklist", "default.json", (ROOT / "data/onboarding/checklist.default.json").read_text())
    write("fuzz_cadences", "example.json", (ROOT / "examples/data/cadences.json").read_text())
    defaults = json.loads((ROOT / "data/cadences/default_cadences.json").read_text())
    cadences = defaults["cadences"] if isinstance(defaults, dict) else defaults
    for i, c in enumerate(cadences[:4]):
        write("fuzz_cadences", f"default_{i}.json", json.dumps({"cadences": [c]}, ensure_ascii=False))
    # A small portfolio: the first organization of the sample, cut to a few records of each list.
    doc = json.loads((ROOT / "examples/data/portfolio.json").read_text())
    org = doc["organizations"][0]
    small = {"format": doc["format"], "organizations": [{k: (v[:2] if isinstance(v, list) else v)
                                                          for k, v in org.items()}]}
    keep_units = {u["id"] for u in small["organizations"][0].get("units", [])}
    o = small["organizations"][0]
    o["units"] = [u for u in org.get("units", []) if u["id"] in keep_units]
    o["tenants"] = [t for t in org.get("tenants", []) if t.get("unit_id") in keep_units][:2]
    tenant_ids = {t["id"] for t in o["tenants"]}
    o["leases"] = [l for l in org.get("leases", []) if set(l.get("tenant_ids", [])) <= tenant_ids
                   and l.get("unit_id") in keep_units][:2]
    props = {u["property_id"] for u in o["units"]}
    o["properties"] = [p for p in org.get("properties", []) if p["id"] in props]
    o["compliance_items"] = [c for c in org.get("compliance_items", []) if c.get("property_id") in props][:2]
    o["knowledge_base"] = [k for k in org.get("knowledge_base", [])
                           if not k.get("property_id") or k.get("property_id") in props][:2]
    write("fuzz_portfolio", "small_portfolio.json", json.dumps(small, ensure_ascii=False))


if __name__ == "__main__":
    if OUT.exists():
        shutil.rmtree(OUT)
    twilio()
    sendgrid()
    pms()
    llm()
    availability()
    files()
    for d in sorted(OUT.iterdir()):
        print(f"{d.name}: {len(list(d.iterdir()))} seed(s)")
