"""Simulated people for what-if runs: tenants, vendors and staff who answer the coordinator.

A :class:`Simulation` drives a :class:`propos.Coordinator` on a :class:`propos.ManualClock`. It plays
tenant messages (an inbox in the CLI's JSON-lines format, messages you add, or requests it generates at
a rate per tenant and month), and answers what the coordinator sends, the way the people would:

- **vendors** accept or decline a dispatch (or never answer), bid when asked, arrive at the scheduled
  time, finish the job (the fix may not hold) and send an invoice (now and then with unquoted parts, or
  twice);
- **tenants** answer what their work order waits on (troubleshooting, access, availability) and confirm
  the repair (or say it is not fixed);
- **staff** decide escalations by reason after a delay, or leave them open.

Everyone acts on what the coordinator's records say (a work order's status, the bid requested, what it
waits on), never on the words of a message, so it keeps working when the texts change. Every choice comes
from one seeded random generator: the same seed, portfolio and settings give the same run::

    import propos, propos.sim
    clock = propos.ManualClock()
    c = propos.Coordinator(database_path="whatif.db", clock=clock)
    c.store.import_portfolio("examples/data/portfolio.json", now=clock.now())
    sim = propos.sim.Simulation(c, seed=7, vendors=propos.sim.Vendors(accept=0.8))
    sim.generate_requests("harbor", days=90)
    stats = sim.run(days=90)
    propos.analytics.work_order_metrics(c, "harbor").to_pandas()

Rates are probabilities in [0, 1]; delays are ``(low, high)`` ranges in minutes, drawn uniformly.
"""

from __future__ import annotations

import heapq
import itertools
import json
import random
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

from . import _core

__all__ = ["Vendors", "Tenants", "Staff", "SimStats", "Simulation", "REQUEST_CATALOG"]

Range = Tuple[float, float]


def _check_rate(owner: str, name: str, value: float) -> None:
    if not isinstance(value, (int, float)) or not 0.0 <= float(value) <= 1.0:
        raise ValueError(f"{owner}.{name} must be a probability in [0, 1], got {value!r}")


def _check_range(owner: str, name: str, value: Range) -> None:
    try:
        low, high = value
    except (TypeError, ValueError):
        raise ValueError(f"{owner}.{name} must be a (low, high) pair of minutes, got {value!r}") from None
    if not (0 <= low <= high):
        raise ValueError(f"{owner}.{name} must satisfy 0 <= low <= high, got {value!r}")


@dataclass
class Vendors:
    """How vendors behave. ``accept`` + ``decline`` <= 1; the rest never answer a dispatch."""

    accept: float = 0.9
    decline: float = 0.05
    accept_delay: Range = (10, 90)
    bid: float = 0.9                     #: answers a bid request (else the bid window closes)
    bid_delay: Range = (60, 480)
    bid_markup: Range = (1.0, 1.5)       #: factor on two hours of labour plus the call-out fee
    late: float = 0.1                    #: arrives after the scheduled start
    late_by: Range = (15, 120)
    work: Range = (45, 240)              #: on site until DONE
    fix_holds: float = 0.92              #: the tenant confirms the repair (else says it is not fixed)
    invoice: float = 0.95                #: sends an invoice for a completed purchase order
    invoice_delay: Range = (12 * 60, 72 * 60)
    unquoted_parts: float = 0.05         #: the invoice adds parts nobody quoted (over the PO)
    duplicate_invoice: float = 0.02      #: the same invoice arrives twice

    def __post_init__(self) -> None:
        for name in ("accept", "decline", "bid", "late", "fix_holds", "invoice", "unquoted_parts",
                     "duplicate_invoice"):
            _check_rate("Vendors", name, getattr(self, name))
        if self.accept + self.decline > 1.0:
            raise ValueError(f"Vendors.accept + Vendors.decline must not exceed 1, got "
                             f"{self.accept} + {self.decline}")
        for name in ("accept_delay", "bid_delay", "late_by", "work", "invoice_delay"):
            _check_range("Vendors", name, getattr(self, name))
        _check_range("Vendors", "bid_markup", self.bid_markup)


@dataclass
class Tenants:
    """How tenants behave. ``requests_per_month``: new repair requests per tenant and month, used by
    :meth:`Simulation.generate_requests`."""

    answer: float = 0.9                  #: answers what an open work order waits on
    answer_delay: Range = (5, 180)
    requests_per_month: float = 0.15
    emergency_share: float = 0.08        #: share of generated requests that are emergencies

    def __post_init__(self) -> None:
        _check_rate("Tenants", "answer", self.answer)
        _check_rate("Tenants", "emergency_share", self.emergency_share)
        _check_range("Tenants", "answer_delay", self.answer_delay)
        if self.requests_per_month < 0:
            raise ValueError(f"Tenants.requests_per_month must not be negative, got {self.requests_per_month}")


def _default_decisions() -> Dict[str, Tuple[str, Range]]:
    return {
        "owner_approval": ("Approved by the owner by phone", (60, 360)),
        "emergency": ("On-call manager acknowledged", (5, 30)),
        "legal_threat": ("Called the tenant; proceed", (60, 240)),
        "human_requested": ("Called the tenant back; proceed", (30, 180)),
        "low_confidence": ("Reviewed; proceed", (30, 240)),
        "tenant_question": ("Answered by phone", (60, 480)),
        "payment_question": ("Answered from the ledger", (60, 480)),
    }


@dataclass
class Staff:
    """How staff decide escalations: ``decisions`` maps an escalation reason to the decision text and
    its delay; other reasons stay open. ``leave_open``: share of decidable escalations nobody decides."""

    decisions: Dict[str, Tuple[str, Range]] = field(default_factory=_default_decisions)
    leave_open: float = 0.05

    def __post_init__(self) -> None:
        _check_rate("Staff", "leave_open", self.leave_open)
        for reason, value in self.decisions.items():
            try:
                text, delay = value
            except (TypeError, ValueError):
                raise ValueError(f"Staff.decisions[{reason!r}] must be (decision text, (low, high) minutes)") from None
            if not isinstance(text, str) or not text:
                raise ValueError(f"Staff.decisions[{reason!r}] needs a non-empty decision text")
            _check_range("Staff", f"decisions[{reason!r}]", delay)


@dataclass
class SimStats:
    """What the simulated people did."""

    tenant_messages: int = 0        #: requests played (inbox, added, generated)
    tenant_answers: int = 0
    vendor_accepts: int = 0
    vendor_declines: int = 0
    vendor_silences: int = 0
    bids: int = 0
    visits: int = 0
    not_fixed: int = 0
    invoices: int = 0               #: invoices sent (a duplicate sent again not counted twice)
    escalations_decided: int = 0
    escalations_left_open: int = 0

    def as_dict(self) -> Dict[str, int]:
        return asdict(self)


#: Repair requests :meth:`Simulation.generate_requests` draws from: (emergency, language, text).
REQUEST_CATALOG: List[Tuple[bool, str, str]] = [
    (False, "en", "The kitchen faucet drips all night and the drip is getting faster."),
    (False, "en", "Bathroom sink drains very slowly, water sits in it for an hour."),
    (False, "en", "The dishwasher stopped draining, there is dirty water at the bottom."),
    (False, "en", "One of the bedroom outlets stopped working, the others are fine."),
    (False, "en", "The closet door came off its track and won't slide."),
    (False, "en", "I saw a couple of mice in the kitchen this week."),
    (False, "en", "The radiator in the living room makes a loud banging noise every morning."),
    (False, "en", "The toilet keeps running after every flush."),
    (False, "en", "The window in the second bedroom won't lock."),
    (False, "en", "Our fridge is making a grinding noise but still cold."),
    (False, "es", "La llave de la cocina gotea todo el tiempo."),
    (False, "es", "El inodoro no deja de correr el agua."),
    (False, "fr", "Le robinet de la salle de bain fuit depuis hier."),
    (False, "zh", "卫生间的水龙头一直在滴水。"),
    (False, "ru", "В ванной медленно уходит вода из раковины."),
    (True, "en", "Water is pouring through the ceiling of my bathroom right now."),
    (True, "en", "I smell gas in the kitchen, it is strong near the stove."),
    (True, "en", "No heat at all since last night and it is freezing in here."),
    (True, "en", "The breaker panel is sparking and there is a burning smell."),
    (True, "es", "Hay una fuga de agua enorme, el agua sale del techo ahora mismo."),
]

_ANSWERS = {
    "troubleshooting": "I tried that, it did not help. It is still the same.",
    "clarify": "It is in the kitchen, under the sink, and it started two days ago.",
    "access": "Yes, you can come in if I'm not home. No pets.",
    "availability": "Any weekday after 9am works, or Saturday morning.",
}


class Simulation:
    """Drives `coordinator` (on a ManualClock) and answers for the people around it.

    ``orgs``: the organizations it plays (default: all). The simulation reads the coordinator's events
    from where they stand when it starts, so it only answers what happens during :meth:`run`.
    """

    def __init__(self, coordinator: Any, *, seed: int = 0, vendors: Optional[Vendors] = None,
                 tenants: Optional[Tenants] = None, staff: Optional[Staff] = None,
                 orgs: Optional[List[str]] = None) -> None:
        if not hasattr(coordinator, "advance") or not hasattr(coordinator, "events"):
            raise TypeError("Simulation needs a propos.Coordinator")
        self.c = coordinator
        self.rng = random.Random(seed)
        self.vendors = vendors or Vendors()
        self.tenants = tenants or Tenants()
        self.staff = staff or Staff()
        known = [o.id for o in coordinator.organizations()]
        if orgs is None:
            self.orgs = known
        else:
            self.orgs = [str(o) for o in orgs]
            unknown = [o for o in self.orgs if o not in known]
            if unknown:
                raise ValueError(f"Simulation: unknown organization(s) {unknown}; the store has {known}")
        self.stats = SimStats()
        self._actions: List[Tuple[datetime, int, Callable[[], None]]] = []
        self._seq = itertools.count()
        self._cursor: Dict[str, str] = {}
        for org in self.orgs:
            last = coordinator.events(org)
            self._cursor[org] = last[len(last) - 1].id if len(last) else ""
        self._handled: set = set()
        self._invoice_numbers = itertools.count(1)

    # ---- what to play ----
    def at(self, when: datetime, action: Callable[[], None]) -> None:
        """Runs `action` (a callable) when the simulated clock reaches `when`."""
        heapq.heappush(self._actions, (when, next(self._seq), action))

    def add(self, org: str, message: Any) -> None:
        """Plays a tenant's message (a propos.IncomingMessage) at its ``received_at`` (now when unset)."""
        when = message.received_at or self.c.now()
        self.stats.tenant_messages += 1
        self.at(when, lambda: self._ingest(org, message))

    def load_inbox(self, path: Union[str, Path], org: Optional[str] = None) -> int:
        """Plays a JSON-lines inbox (the CLI's format: id, org, channel, from, text, received_at...);
        `org` keeps only that organization's lines. Returns the lines scheduled. A bad line raises
        ValueError naming the file and line."""
        path = Path(path)
        count = 0
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                j = json.loads(line)
                line_org = j["org"]
                message = _core.IncomingMessage(
                    provider="sim", provider_message_id=j["id"], channel=j.get("channel", "sms"),
                    from_=j["from"], to=j.get("to", ""), subject=j.get("subject", ""), text=j["text"],
                    received_at=j.get("received_at"), raw_payload=line)
            except (KeyError, ValueError, TypeError) as e:
                raise ValueError(f"{path}:{n}: not an inbox line ({e})") from None
            if org is not None and line_org != org:
                continue
            if line_org not in self.orgs:
                raise ValueError(f"{path}:{n}: organization {line_org!r} is not simulated")
            self.add(line_org, message)
            count += 1
        return count

    def generate_requests(self, org: str, *, days: float, start: Optional[datetime] = None) -> int:
        """Schedules repair requests from the organization's tenants over `days` from `start` (default
        now): each tenant sends ``Tenants.requests_per_month`` a month on average (Poisson), drawn
        from :data:`REQUEST_CATALOG` in the tenant's language when it has one. Returns how many."""
        if org not in self.orgs:
            raise ValueError(f"generate_requests: organization {org!r} is not simulated")
        if days < 0:
            raise ValueError(f"generate_requests: days must not be negative, got {days}")
        start = start or self.c.now()
        span = timedelta(days=days)
        rate_per_day = self.tenants.requests_per_month / 30.0
        count = 0
        for tenant in self.c.store.list(org, "tenant"):
            if not tenant.phone and not tenant.email:
                continue
            t = 0.0
            while rate_per_day > 0:
                t += self.rng.expovariate(rate_per_day)
                if t >= span.total_seconds() / 86400:
                    break
                emergency = self.rng.random() < self.tenants.emergency_share
                choices = [r for r in REQUEST_CATALOG if r[0] == emergency and r[1] == tenant.language]
                choices = choices or [r for r in REQUEST_CATALOG if r[0] == emergency and r[1] == "en"]
                text = self.rng.choice(choices)[2]
                channel = "sms" if tenant.phone else "email"
                message = _core.IncomingMessage(
                    provider="sim", provider_message_id=f"sim-req-{org}-{next(self._seq)}", channel=channel,
                    from_=tenant.phone if channel == "sms" else tenant.email, text=text,
                    received_at=start + timedelta(days=t))
                self.add(org, message)
                count += 1
        return count

    # ---- running ----
    def run(self, *, days: Optional[float] = None, until: Optional[datetime] = None,
            step: timedelta = timedelta(hours=1)) -> SimStats:
        """Plays until `until` (or `days` from now): moves the clock to the next due job or action (at
        most `step` at a time, so scheduled checks are answered within a step), runs them, and answers
        what happened. Returns the cumulative :class:`SimStats`."""
        if (days is None) == (until is None):
            raise TypeError("run() takes exactly one of days= or until=")
        end = until if until is not None else self.c.now() + timedelta(days=days)
        if step <= timedelta(0):
            raise ValueError("run(): step must be positive")
        while self.c.now() < end:
            step_end = min(end, self.c.now() + step)
            for org in self.orgs:
                due = self.c.jobs.next_due(org)
                if due is not None and self.c.now() < due < step_end:
                    step_end = due
            while self._actions and self._actions[0][0] <= step_end:
                when, _, action = heapq.heappop(self._actions)
                if when > self.c.now():
                    self.c.advance(when - self.c.now())
                action()
                self.c.run_until_idle()
                self._react()
            if step_end > self.c.now():
                self.c.advance(step_end - self.c.now())
            self._react()
        return self.stats

    def _ingest(self, org: str, message: Any) -> None:
        if not message.received_at:
            message.received_at = self.c.now()
        self.c.ingest(org, message)

    def _minutes(self, r: Range) -> timedelta:
        return timedelta(minutes=self.rng.uniform(r[0], r[1]))

    def _send(self, org: str, sender: str, channel: str, text: str, delay: timedelta) -> None:
        def send() -> None:
            self.c.ingest(org, _core.IncomingMessage(
                provider="sim", provider_message_id=f"sim-{next(self._seq)}", channel=channel, from_=sender,
                text=text, received_at=self.c.now()))
        self.at(self.c.now() + delay, send)

    def _once(self, key: str) -> bool:
        if key in self._handled:
            return False
        self._handled.add(key)
        return True

    # ---- reacting to what the coordinator did ----
    def _react(self) -> None:
        for org in self.orgs:
            events = self.c.events(org, after_id=self._cursor[org])
            for e in events:
                self._cursor[org] = e.id
                payload = e.payload or {}
                if e.type == "message.sent" and payload.get("message_id"):
                    self._on_sent(org, payload["message_id"])
                elif e.type == "escalation.raised" and payload.get("escalation_id"):
                    self._on_escalation(org, payload["escalation_id"], payload.get("reason", ""))
                elif e.type == "work_order.completed" and payload.get("work_order_id"):
                    self._on_completed(org, payload["work_order_id"])

    def _on_sent(self, org: str, message_id: str) -> None:
        m = self.c.store.find(org, "message", message_id)
        if m is None or not m.work_order_id:
            return
        wo = self.c.work_order(org, m.work_order_id)
        if m.vendor_id:
            self._vendor(org, wo, self.c.store.get(org, "vendor", m.vendor_id))
        elif m.tenant_id:
            self._tenant(org, wo, self.c.store.get(org, "tenant", m.tenant_id), m.channel)

    def _vendor(self, org: str, wo: Any, vendor: Any) -> None:
        v = self.vendors
        requested = [b for b in self.c.store.list(org, "bid", parent=wo.id, status="requested")
                     if b.vendor_id == vendor.id]
        if wo.status == "awaiting_bids" and requested and self._once(f"bid:{wo.id}:{vendor.id}"):
            if self.rng.random() < v.bid:
                amount = int((2 * vendor.hourly_rate + vendor.callout_fee) * self.rng.uniform(*v.bid_markup))
                self.stats.bids += 1
                self._send(org, vendor.phone, "sms", f"BID {amount / 100:.2f} {wo.id}", self._minutes(v.bid_delay))
            return
        if wo.vendor_id != vendor.id:
            return
        if wo.status == "dispatched" and self._once(f"dispatch:{wo.id}:{vendor.id}"):
            draw = self.rng.random()
            if draw < v.accept:
                self.stats.vendor_accepts += 1
                self._send(org, vendor.phone, "sms", "YES", self._minutes(v.accept_delay))
            elif draw < v.accept + v.decline:
                self.stats.vendor_declines += 1
                self._send(org, vendor.phone, "sms", "NO, we are booked this week", self._minutes(v.accept_delay))
            else:
                self.stats.vendor_silences += 1
        elif wo.status == "scheduled" and wo.scheduled_start and self._once(f"visit:{wo.id}:{vendor.id}"):
            arrive = max(wo.scheduled_start, self.c.now())
            if self.rng.random() < v.late:
                arrive += self._minutes(v.late_by)
            done = arrive + self._minutes(v.work)
            self.stats.visits += 1
            self.at(arrive, lambda: self._send(org, vendor.phone, "sms", f"ARRIVED {wo.id}", timedelta(0)))
            self.at(done, lambda: self._send(org, vendor.phone, "sms", f"DONE {wo.id} Repaired and tested.",
                                             timedelta(0)))

    def _tenant(self, org: str, wo: Any, tenant: Any, channel: str) -> None:
        asked = wo.awaiting_tenant
        if not asked or not self._once(f"tenant:{wo.id}:{asked}:{wo.reopen_count}:{wo.follow_ups}"):
            return
        if self.rng.random() >= self.tenants.answer:
            return
        address = tenant.email if channel == "email" else tenant.phone
        if not address:
            return
        if asked == "confirmation":
            fixed = self.rng.random() < self.vendors.fix_holds
            if not fixed:
                self.stats.not_fixed += 1
            text = "YES, fixed, thank you!" if fixed else "NO, it is still not working"
        else:
            text = _ANSWERS.get(asked)
            if text is None:
                return
        self.stats.tenant_answers += 1
        self._send(org, address, channel, text, self._minutes(self.tenants.answer_delay))

    def _on_escalation(self, org: str, escalation_id: str, reason: str) -> None:
        decision = self.staff.decisions.get(reason)
        if decision is None or not self._once(f"esc:{escalation_id}"):
            return
        if self.rng.random() < self.staff.leave_open:
            self.stats.escalations_left_open += 1
            return
        text, delay = decision

        def decide() -> None:
            e = self.c.store.find(org, "escalation", escalation_id)
            if e is not None and e.status == "open":
                self.c.resolve_escalation(org, escalation_id, text, "sim.staff")
                self.stats.escalations_decided += 1
        self.at(self.c.now() + self._minutes(delay), decide)

    def _on_completed(self, org: str, wo_id: str) -> None:
        wo = self.c.work_order(org, wo_id)
        if not wo.purchase_order_id or not self._once(f"invoice:{wo_id}"):
            return
        if self.rng.random() >= self.vendors.invoice:
            return
        po = self.c.store.get(org, "purchase_order", wo.purchase_order_id)
        lines = [_core.InvoiceLine(description="Work per purchase order", quantity=1, unit_price=po.amount,
                                   amount=po.amount)]
        if self.rng.random() < self.vendors.unquoted_parts:
            lines.append(_core.InvoiceLine(description="Replacement parts (not quoted)", quantity=1,
                                           unit_price=po.amount // 3 + 5000, amount=po.amount // 3 + 5000))
        invoice = _core.Invoice(
            id=_core.new_id("inv"), number=f"INV-{po.vendor_id}-{next(self._invoice_numbers):05d}",
            vendor_id=po.vendor_id, work_order_id=wo.id, purchase_order_id=po.id, lines=lines,
            total=sum(line.amount for line in lines))
        twice = self.rng.random() < self.vendors.duplicate_invoice
        when = self.c.now() + self._minutes(self.vendors.invoice_delay)

        def send() -> None:
            # Counted when it is sent: one drawn near the end of a run may fall after it.
            self.stats.invoices += 1
            self.c.submit_invoice(org, invoice)
        self.at(when, send)
        if twice:
            self.at(when + timedelta(hours=24), lambda: self.c.submit_invoice(org, invoice))
