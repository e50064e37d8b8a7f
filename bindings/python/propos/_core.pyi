"""
PropOS C++ SDK bindings (private: import `propos` instead).
"""
from __future__ import annotations
import collections.abc
import datetime
import numpy
import numpy.typing
import os
import pathlib
import propos._records
import typing
__all__: list[str] = ['AgentRun', 'AgentRunner', 'AgentRunnerOptions', 'AgentTask', 'AlreadyExists', 'AnthropicOptions', 'AnthropicProvider', 'ApprovalDecision', 'AuditCheckpoint', 'AuditCheckpointOptions', 'AuditEvent', 'AuditLog', 'AuditVerification', 'Bid', 'BlobStore', 'Busy', 'CadenceDefinition', 'CadenceEnrollment', 'CadenceEnrollmentStep', 'CadenceLogEntry', 'CadencePreviewStep', 'CadenceRequest', 'CadenceStepDefinition', 'ChatMessage', 'Checklist', 'ChecklistItem', 'ChecklistReminders', 'Clock', 'ComplianceItem', 'ComplianceOccurrence', 'ComplianceOptions', 'ComplianceProof', 'ComplianceQuery', 'ContentBlock', 'Coordinator', 'CoordinatorOptions', 'Corrupt', 'Embedder', 'Error', 'Escalation', 'Event', 'EventSubscription', 'ExpiringLease', 'FailedPrecondition', 'FallbackOptions', 'FallbackProvider', 'HashingEmbedderOptions', 'HistorySearch', 'HistorySearchOptions', 'ImportSummary', 'IncomingMessage', 'IndexedModel', 'IngestOutcome', 'IngestResult', 'IntegrationConfig', 'IntegrationOptions', 'IntentAssessment', 'Internal', 'InvalidArgument', 'Invoice', 'InvoiceLine', 'Io', 'Job', 'JobCounts', 'JobQueue', 'JobSpec', 'KnowledgeArticle', 'KnowledgeMatch', 'Lease', 'LedgerFacts', 'LegalRepairDeadline', 'LlmProvider', 'LlmRequest', 'LlmResponse', 'ManualClock', 'MemoryDatabase', 'MemoryStoreFaults', 'Message', 'NotFound', 'Note', 'NoticeAnswers', 'Onboarding', 'OnboardingCheck', 'OnboardingItem', 'OpenAiCompatibleProvider', 'OpenAiEmbedderOptions', 'OpenAiOptions', 'Organization', 'OutboundChannel', 'OutboundMessage', 'PermissionDenied', 'Policy', 'PostgresOptions', 'Property', 'PurchaseOrder', 'RawPayload', 'ReindexResult', 'RenewalOptions', 'RenewalReply', 'ResourceExhausted', 'RetryPolicy', 'Rule', 'RulePack', 'RulesOptions', 'RulesProvider', 'RunBudget', 'RunOutcome', 'RunStats', 'Schedule', 'ScriptedProvider', 'SearchHit', 'SearchIndexStatus', 'SearchQuery', 'SendGridEventOptions', 'SendGridInboundOptions', 'SendResult', 'SimilarityThresholds', 'SpendDecision', 'SqliteOptions', 'StaffDecision', 'StatusChange', 'Store', 'SystemBlock', 'SystemClock', 'Tenant', 'Thread', 'TimeWindow', 'ToolChoice', 'ToolDefinition', 'TriageHookInput', 'TriageOpinion', 'TwilioWebhookOptions', 'Unavailable', 'Unit', 'UnsupportedVersion', 'Usage', 'VectorIndex', 'VectorIndexOptions', 'Vendor', 'VendorScorecard', 'WebhookRequest', 'WebhookResponse', 'WorkOrder', 'WorkOrderQuery', 'allowed_transitions', 'blob_key_for', 'builtin_cadences', 'builtin_compliance_packs', 'cadence_schema', 'calibrated_thresholds', 'can_transition', 'checklist_schema', 'classify_intent', 'compliance_pack_schema', 'cosine_similarity', 'default_checklist', 'ed25519_generate', 'ed25519_public_pem', 'ed25519_sign', 'ed25519_verify', 'enum_names', 'format_duration', 'format_time', 'hashing_embedder', 'in_heat_season', 'is_terminal', 'legal_repair_deadline', 'load_checklist_file', 'load_compliance_pack_file', 'local_blob_store', 'maintenance_rules_step', 'memory_blob_store', 'money_to_string', 'new_id', 'new_memory_database', 'offline_provider', 'open_memory_store', 'open_postgres_store', 'open_sqlite_store', 'open_store', 'openai_embedder', 'parse_cadence_definitions', 'parse_checklist', 'parse_compliance_pack', 'parse_duration', 'parse_money', 'parse_time', 'postgres_schema_version', 'read_notice_reply', 'read_renewal_reply', 'request_hash', 'response_target', 'set_log_level', 'sqlite_schema_version', 'to_outbound_message', 'triage_categories', 'validate_compliance_pack']
class Clock:
    """
    A source of the current time (UTC). Everything in PropOS reads time from one.
    """
    def now(self) -> datetime.datetime:
        """
        The current time (timezone-aware UTC datetime).
        """
class SystemClock(Clock):
    """
    The wall clock.
    """
    def __init__(self) -> None:
        ...
class ManualClock(Clock):
    """
    A clock that moves only when told to: drives simulations and tests. Time never goes backwards.
    """
    @staticmethod
    def default_start() -> datetime.datetime:
        ...
    def __init__(self, start: datetime.datetime = ...) -> None:
        """
        Starts at `start` (default 2026-01-05T09:00:00Z, a Monday morning).
        """
    def advance(self, duration: datetime.timedelta) -> datetime.datetime:
        """
        Moves forward by `duration` (a timedelta or text like '90m') and returns the new time.
        """
    def set(self, when: datetime.datetime) -> None:
        """
        Moves to `when` (not earlier than now(); else InvalidArgument).
        """
class Organization:
    """
    A property-management company; everything else belongs to one.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'name', 'timezone', 'created_at')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('name', 'string'), ('timezone', 'string'), ('created_at', 'time'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Organization:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> Organization:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> Organization:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Organization:
        ...
    @typing.overload
    def __eq__(self, arg0: Organization) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def created_at(self) -> datetime.datetime:
        ...
    @created_at.setter
    def created_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        ...
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def timezone(self) -> str:
        ...
    @timezone.setter
    def timezone(self, arg1: typing.Any) -> None:
        ...
class Property:
    """
    A building or community. Money fields are integer cents.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'name', 'address', 'city', 'state', 'postal_code', 'nte_limit', 'emergency_nte_limit', 'owner_approval_threshold', 'owner_name', 'owner_email', 'jurisdiction', 'year_built', 'stories', 'unit_count', 'has_boiler', 'has_elevator', 'has_cooling_tower', 'has_gas_piping', 'rent_stabilized', 'nyc_block', 'nyc_community_district')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('name', 'string'), ('address', 'string'), ('city', 'string'), ('state', 'string'), ('postal_code', 'string'), ('nte_limit', 'money'), ('emergency_nte_limit', 'money'), ('owner_approval_threshold', 'money'), ('owner_name', 'string'), ('owner_email', 'string'), ('jurisdiction', 'string'), ('year_built', 'int'), ('stories', 'int'), ('unit_count', 'int'), ('has_boiler', 'bool'), ('has_elevator', 'bool'), ('has_cooling_tower', 'bool'), ('has_gas_piping', 'bool'), ('rent_stabilized', 'bool'), ('nyc_block', 'int'), ('nyc_community_district', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Property:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> Property:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> Property:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Property:
        ...
    @typing.overload
    def __eq__(self, arg0: Property) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def address(self) -> str:
        ...
    @address.setter
    def address(self, arg1: typing.Any) -> None:
        ...
    @property
    def city(self) -> str:
        ...
    @city.setter
    def city(self, arg1: typing.Any) -> None:
        ...
    @property
    def emergency_nte_limit(self) -> int:
        ...
    @emergency_nte_limit.setter
    def emergency_nte_limit(self, arg1: typing.Any) -> None:
        ...
    @property
    def has_boiler(self) -> bool:
        ...
    @has_boiler.setter
    def has_boiler(self, arg1: typing.Any) -> None:
        ...
    @property
    def has_cooling_tower(self) -> bool:
        ...
    @has_cooling_tower.setter
    def has_cooling_tower(self, arg1: typing.Any) -> None:
        ...
    @property
    def has_elevator(self) -> bool:
        ...
    @has_elevator.setter
    def has_elevator(self, arg1: typing.Any) -> None:
        ...
    @property
    def has_gas_piping(self) -> bool:
        ...
    @has_gas_piping.setter
    def has_gas_piping(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def jurisdiction(self) -> str:
        ...
    @jurisdiction.setter
    def jurisdiction(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        ...
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def nte_limit(self) -> int:
        ...
    @nte_limit.setter
    def nte_limit(self, arg1: typing.Any) -> None:
        ...
    @property
    def nyc_block(self) -> int:
        ...
    @nyc_block.setter
    def nyc_block(self, arg1: typing.Any) -> None:
        ...
    @property
    def nyc_community_district(self) -> int:
        ...
    @nyc_community_district.setter
    def nyc_community_district(self, arg1: typing.Any) -> None:
        ...
    @property
    def owner_approval_threshold(self) -> int:
        ...
    @owner_approval_threshold.setter
    def owner_approval_threshold(self, arg1: typing.Any) -> None:
        ...
    @property
    def owner_email(self) -> str:
        ...
    @owner_email.setter
    def owner_email(self, arg1: typing.Any) -> None:
        ...
    @property
    def owner_name(self) -> str:
        ...
    @owner_name.setter
    def owner_name(self, arg1: typing.Any) -> None:
        ...
    @property
    def postal_code(self) -> str:
        ...
    @postal_code.setter
    def postal_code(self, arg1: typing.Any) -> None:
        ...
    @property
    def rent_stabilized(self) -> bool:
        ...
    @rent_stabilized.setter
    def rent_stabilized(self, arg1: typing.Any) -> None:
        ...
    @property
    def state(self) -> str:
        ...
    @state.setter
    def state(self, arg1: typing.Any) -> None:
        ...
    @property
    def stories(self) -> int:
        ...
    @stories.setter
    def stories(self, arg1: typing.Any) -> None:
        ...
    @property
    def unit_count(self) -> int:
        ...
    @unit_count.setter
    def unit_count(self, arg1: typing.Any) -> None:
        ...
    @property
    def year_built(self) -> int:
        ...
    @year_built.setter
    def year_built(self, arg1: typing.Any) -> None:
        ...
class Unit:
    """
    A rentable unit within a property.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'property_id', 'label', 'bedrooms', 'floor', 'notes')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('property_id', 'string'), ('label', 'string'), ('bedrooms', 'int'), ('floor', 'int'), ('notes', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Unit:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> Unit:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> Unit:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Unit:
        ...
    @typing.overload
    def __eq__(self, arg0: Unit) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def bedrooms(self) -> int:
        ...
    @bedrooms.setter
    def bedrooms(self, arg1: typing.Any) -> None:
        ...
    @property
    def floor(self) -> int:
        ...
    @floor.setter
    def floor(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def label(self) -> str:
        ...
    @label.setter
    def label(self, arg1: typing.Any) -> None:
        ...
    @property
    def notes(self) -> str:
        ...
    @notes.setter
    def notes(self, arg1: typing.Any) -> None:
        ...
    @property
    def property_id(self) -> str:
        ...
    @property_id.setter
    def property_id(self, arg1: typing.Any) -> None:
        ...
class Tenant:
    """
    A resident. Phones E.164, emails lower-case.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'unit_id', 'name', 'phone', 'email', 'preferred_channel', 'language', 'sms_opt_out', 'has_pets', 'vulnerable_occupant', 'child_under_6', 'child_10_or_under')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('unit_id', 'string'), ('name', 'string'), ('phone', 'string'), ('email', 'string'), ('preferred_channel', 'string'), ('language', 'string'), ('sms_opt_out', 'bool'), ('has_pets', 'bool'), ('vulnerable_occupant', 'bool'), ('child_under_6', 'bool'), ('child_10_or_under', 'bool'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Tenant:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> Tenant:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> Tenant:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Tenant:
        ...
    @typing.overload
    def __eq__(self, arg0: Tenant) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def child_10_or_under(self) -> bool:
        ...
    @child_10_or_under.setter
    def child_10_or_under(self, arg1: typing.Any) -> None:
        ...
    @property
    def child_under_6(self) -> bool:
        ...
    @child_under_6.setter
    def child_under_6(self, arg1: typing.Any) -> None:
        ...
    @property
    def email(self) -> str:
        ...
    @email.setter
    def email(self, arg1: typing.Any) -> None:
        ...
    @property
    def has_pets(self) -> bool:
        ...
    @has_pets.setter
    def has_pets(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def language(self) -> str:
        ...
    @language.setter
    def language(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        ...
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def phone(self) -> str:
        ...
    @phone.setter
    def phone(self, arg1: typing.Any) -> None:
        ...
    @property
    def preferred_channel(self) -> str:
        ...
    @preferred_channel.setter
    def preferred_channel(self, arg1: typing.Any) -> None:
        ...
    @property
    def sms_opt_out(self) -> bool:
        ...
    @sms_opt_out.setter
    def sms_opt_out(self, arg1: typing.Any) -> None:
        ...
    @property
    def unit_id(self) -> str:
        ...
    @unit_id.setter
    def unit_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def vulnerable_occupant(self) -> bool:
        ...
    @vulnerable_occupant.setter
    def vulnerable_occupant(self, arg1: typing.Any) -> None:
        ...
class Lease:
    """
    A lease binding tenants to a unit for a term.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'unit_id', 'tenant_ids', 'start', 'end', 'monthly_rent', 'deposit', 'rent_stabilized', 'renewal_status', 'renewal_offered_at', 'renewal_rent', 'renewal_term_months', 'renewal_reply_by', 'renewal_effective_at', 'renewal_decided_at', 'renewal_notices', 'renewal_negotiation_by')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('unit_id', 'string'), ('tenant_ids', 'strings'), ('start', 'time'), ('end', 'time'), ('monthly_rent', 'money'), ('deposit', 'money'), ('rent_stabilized', 'bool'), ('renewal_status', 'string'), ('renewal_offered_at', 'time'), ('renewal_rent', 'money'), ('renewal_term_months', 'int'), ('renewal_reply_by', 'time'), ('renewal_effective_at', 'time'), ('renewal_decided_at', 'time'), ('renewal_notices', 'object'), ('renewal_negotiation_by', 'time'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Lease:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> Lease:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> Lease:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Lease:
        ...
    @typing.overload
    def __eq__(self, arg0: Lease) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def deposit(self) -> int:
        ...
    @deposit.setter
    def deposit(self, arg1: typing.Any) -> None:
        ...
    @property
    def end(self) -> datetime.datetime:
        ...
    @end.setter
    def end(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def monthly_rent(self) -> int:
        ...
    @monthly_rent.setter
    def monthly_rent(self, arg1: typing.Any) -> None:
        ...
    @property
    def renewal_decided_at(self) -> datetime.datetime | None:
        ...
    @renewal_decided_at.setter
    def renewal_decided_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def renewal_effective_at(self) -> datetime.datetime | None:
        ...
    @renewal_effective_at.setter
    def renewal_effective_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def renewal_negotiation_by(self) -> datetime.datetime | None:
        ...
    @renewal_negotiation_by.setter
    def renewal_negotiation_by(self, arg1: typing.Any) -> None:
        ...
    @property
    def renewal_notices(self) -> list[datetime.datetime]:
        ...
    @renewal_notices.setter
    def renewal_notices(self, arg1: typing.Any) -> None:
        ...
    @property
    def renewal_offered_at(self) -> datetime.datetime | None:
        ...
    @renewal_offered_at.setter
    def renewal_offered_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def renewal_rent(self) -> int:
        ...
    @renewal_rent.setter
    def renewal_rent(self, arg1: typing.Any) -> None:
        ...
    @property
    def renewal_reply_by(self) -> datetime.datetime | None:
        ...
    @renewal_reply_by.setter
    def renewal_reply_by(self, arg1: typing.Any) -> None:
        ...
    @property
    def renewal_status(self) -> str:
        ...
    @renewal_status.setter
    def renewal_status(self, arg1: typing.Any) -> None:
        ...
    @property
    def renewal_term_months(self) -> int:
        ...
    @renewal_term_months.setter
    def renewal_term_months(self, arg1: typing.Any) -> None:
        ...
    @property
    def rent_stabilized(self) -> bool:
        ...
    @rent_stabilized.setter
    def rent_stabilized(self, arg1: typing.Any) -> None:
        ...
    @property
    def start(self) -> datetime.datetime:
        ...
    @start.setter
    def start(self, arg1: typing.Any) -> None:
        ...
    @property
    def tenant_ids(self) -> list[str]:
        ...
    @tenant_ids.setter
    def tenant_ids(self, arg1: typing.Any) -> None:
        ...
    @property
    def unit_id(self) -> str:
        ...
    @unit_id.setter
    def unit_id(self, arg1: typing.Any) -> None:
        ...
class VendorScorecard:
    """
    Performance figures kept for ranking vendors.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('jobs_completed', 'jobs_assigned', 'on_time_jobs', 'callbacks', 'total_billed', 'rating')
    _schema: typing.ClassVar[tuple] = (('jobs_completed', 'int'), ('jobs_assigned', 'int'), ('on_time_jobs', 'int'), ('callbacks', 'int'), ('total_billed', 'money'), ('rating', 'float'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> VendorScorecard:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> VendorScorecard:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> VendorScorecard:
        ...
    def __deepcopy__(self, memo: typing.Any) -> VendorScorecard:
        ...
    @typing.overload
    def __eq__(self, arg0: VendorScorecard) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def callbacks(self) -> int:
        ...
    @callbacks.setter
    def callbacks(self, arg1: typing.Any) -> None:
        ...
    @property
    def jobs_assigned(self) -> int:
        ...
    @jobs_assigned.setter
    def jobs_assigned(self, arg1: typing.Any) -> None:
        ...
    @property
    def jobs_completed(self) -> int:
        ...
    @jobs_completed.setter
    def jobs_completed(self, arg1: typing.Any) -> None:
        ...
    @property
    def on_time_jobs(self) -> int:
        ...
    @on_time_jobs.setter
    def on_time_jobs(self, arg1: typing.Any) -> None:
        ...
    @property
    def rating(self) -> float:
        ...
    @rating.setter
    def rating(self, arg1: typing.Any) -> None:
        ...
    @property
    def total_billed(self) -> int:
        ...
    @total_billed.setter
    def total_billed(self, arg1: typing.Any) -> None:
        ...
class Vendor:
    """
    A contractor the organization dispatches.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'name', 'trades', 'service_area', 'phone', 'email', 'hourly_rate', 'callout_fee', 'after_hours', 'hours_start', 'hours_end', 'weekends', 'insurance_expires', 'active', 'scorecard')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('name', 'string'), ('trades', 'strings'), ('service_area', 'strings'), ('phone', 'string'), ('email', 'string'), ('hourly_rate', 'money'), ('callout_fee', 'money'), ('after_hours', 'bool'), ('hours_start', 'int'), ('hours_end', 'int'), ('weekends', 'bool'), ('insurance_expires', 'time'), ('active', 'bool'), ('scorecard', 'object'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Vendor:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> Vendor:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> Vendor:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Vendor:
        ...
    @typing.overload
    def __eq__(self, arg0: Vendor) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def active(self) -> bool:
        ...
    @active.setter
    def active(self, arg1: typing.Any) -> None:
        ...
    @property
    def after_hours(self) -> bool:
        ...
    @after_hours.setter
    def after_hours(self, arg1: typing.Any) -> None:
        ...
    @property
    def callout_fee(self) -> int:
        ...
    @callout_fee.setter
    def callout_fee(self, arg1: typing.Any) -> None:
        ...
    @property
    def email(self) -> str:
        ...
    @email.setter
    def email(self, arg1: typing.Any) -> None:
        ...
    @property
    def hourly_rate(self) -> int:
        ...
    @hourly_rate.setter
    def hourly_rate(self, arg1: typing.Any) -> None:
        ...
    @property
    def hours_end(self) -> int:
        ...
    @hours_end.setter
    def hours_end(self, arg1: typing.Any) -> None:
        ...
    @property
    def hours_start(self) -> int:
        ...
    @hours_start.setter
    def hours_start(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def insurance_expires(self) -> datetime.datetime | None:
        ...
    @insurance_expires.setter
    def insurance_expires(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        ...
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def phone(self) -> str:
        ...
    @phone.setter
    def phone(self, arg1: typing.Any) -> None:
        ...
    @property
    def scorecard(self) -> VendorScorecard:
        ...
    @scorecard.setter
    def scorecard(self, arg1: typing.Any) -> None:
        ...
    @property
    def service_area(self) -> list[str]:
        ...
    @service_area.setter
    def service_area(self, arg1: typing.Any) -> None:
        ...
    @property
    def trades(self) -> list[str]:
        ...
    @trades.setter
    def trades(self, arg1: typing.Any) -> None:
        ...
    @property
    def weekends(self) -> bool:
        ...
    @weekends.setter
    def weekends(self, arg1: typing.Any) -> None:
        ...
class StatusChange:
    """
    One entry of a work order's status history.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('from_', 'to', 'at', 'reason')
    _schema: typing.ClassVar[tuple] = (('from', 'string'), ('to', 'string'), ('at', 'time'), ('reason', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> StatusChange:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> StatusChange:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> StatusChange:
        ...
    def __deepcopy__(self, memo: typing.Any) -> StatusChange:
        ...
    @typing.overload
    def __eq__(self, arg0: StatusChange) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def at(self) -> datetime.datetime:
        ...
    @at.setter
    def at(self, arg1: typing.Any) -> None:
        ...
    @property
    def from_(self) -> str:
        ...
    @from_.setter
    def from_(self, arg1: typing.Any) -> None:
        ...
    @property
    def reason(self) -> str:
        ...
    @reason.setter
    def reason(self, arg1: typing.Any) -> None:
        ...
    @property
    def to(self) -> str:
        ...
    @to.setter
    def to(self, arg1: typing.Any) -> None:
        ...
class TimeWindow:
    """
    A time window (e.g. when the tenant is home).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('start', 'end')
    _schema: typing.ClassVar[tuple] = (('start', 'time'), ('end', 'time'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> TimeWindow:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> TimeWindow:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> TimeWindow:
        ...
    def __deepcopy__(self, memo: typing.Any) -> TimeWindow:
        ...
    @typing.overload
    def __eq__(self, arg0: TimeWindow) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def end(self) -> datetime.datetime:
        ...
    @end.setter
    def end(self, arg1: typing.Any) -> None:
        ...
    @property
    def start(self) -> datetime.datetime:
        ...
    @start.setter
    def start(self, arg1: typing.Any) -> None:
        ...
class WorkOrder:
    """
    A maintenance job on a unit, from triage to close.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'property_id', 'unit_id', 'tenant_id', 'thread_id', 'title', 'description', 'category', 'priority', 'emergency', 'scope', 'triage_reasons', 'status', 'vendor_id', 'purchase_order_id', 'nte', 'approved_amount', 'entry_permitted', 'pets_present', 'access_notes', 'scheduled_start', 'scheduled_end', 'next_action', 'next_action_due', 'reopen_count', 'follow_ups', 'awaiting_tenant', 'tenant_availability', 'tried_vendors', 'message_ids', 'resolution', 'created_at', 'updated_at', 'first_response_at', 'dispatched_at', 'completed_at', 'closed_at', 'history', 'legal_due_at', 'legal_class', 'legal_basis')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('property_id', 'string'), ('unit_id', 'string'), ('tenant_id', 'string'), ('thread_id', 'string'), ('title', 'string'), ('description', 'string'), ('category', 'string'), ('priority', 'string'), ('emergency', 'bool'), ('scope', 'string'), ('triage_reasons', 'strings'), ('status', 'string'), ('vendor_id', 'string'), ('purchase_order_id', 'string'), ('nte', 'money'), ('approved_amount', 'money'), ('entry_permitted', 'bool'), ('pets_present', 'bool'), ('access_notes', 'string'), ('scheduled_start', 'time'), ('scheduled_end', 'time'), ('next_action', 'string'), ('next_action_due', 'time'), ('reopen_count', 'int'), ('follow_ups', 'int'), ('awaiting_tenant', 'string'), ('tenant_availability', 'object'), ('tried_vendors', 'strings'), ('message_ids', 'strings'), ('resolution', 'string'), ('created_at', 'time'), ('updated_at', 'time'), ('first_response_at', 'time'), ('dispatched_at', 'time'), ('completed_at', 'time'), ('closed_at', 'time'), ('history', 'object'), ('legal_due_at', 'time'), ('legal_class', 'string'), ('legal_basis', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> WorkOrder:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> WorkOrder:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> WorkOrder:
        ...
    def __deepcopy__(self, memo: typing.Any) -> WorkOrder:
        ...
    @typing.overload
    def __eq__(self, arg0: WorkOrder) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    def transition_to(self, to: str, at: datetime.datetime, reason: str = '') -> None:
        """
        Moves to `to`, recording the change; FailedPrecondition names the allowed targets.
        """
    @property
    def access_notes(self) -> str:
        ...
    @access_notes.setter
    def access_notes(self, arg1: typing.Any) -> None:
        ...
    @property
    def approved_amount(self) -> int:
        ...
    @approved_amount.setter
    def approved_amount(self, arg1: typing.Any) -> None:
        ...
    @property
    def awaiting_tenant(self) -> str:
        ...
    @awaiting_tenant.setter
    def awaiting_tenant(self, arg1: typing.Any) -> None:
        ...
    @property
    def category(self) -> str:
        ...
    @category.setter
    def category(self, arg1: typing.Any) -> None:
        ...
    @property
    def closed_at(self) -> datetime.datetime | None:
        ...
    @closed_at.setter
    def closed_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def completed_at(self) -> datetime.datetime | None:
        ...
    @completed_at.setter
    def completed_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def created_at(self) -> datetime.datetime:
        ...
    @created_at.setter
    def created_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def description(self) -> str:
        ...
    @description.setter
    def description(self, arg1: typing.Any) -> None:
        ...
    @property
    def dispatched_at(self) -> datetime.datetime | None:
        ...
    @dispatched_at.setter
    def dispatched_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def emergency(self) -> bool:
        ...
    @emergency.setter
    def emergency(self, arg1: typing.Any) -> None:
        ...
    @property
    def entry_permitted(self) -> bool | None:
        ...
    @entry_permitted.setter
    def entry_permitted(self, arg1: typing.Any) -> None:
        ...
    @property
    def first_response_at(self) -> datetime.datetime | None:
        ...
    @first_response_at.setter
    def first_response_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def follow_ups(self) -> int:
        ...
    @follow_ups.setter
    def follow_ups(self, arg1: typing.Any) -> None:
        ...
    @property
    def history(self) -> list[StatusChange]:
        ...
    @history.setter
    def history(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def legal_basis(self) -> str:
        ...
    @legal_basis.setter
    def legal_basis(self, arg1: typing.Any) -> None:
        ...
    @property
    def legal_class(self) -> str:
        ...
    @legal_class.setter
    def legal_class(self, arg1: typing.Any) -> None:
        ...
    @property
    def legal_due_at(self) -> datetime.datetime | None:
        ...
    @legal_due_at.setter
    def legal_due_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def message_ids(self) -> list[str]:
        ...
    @message_ids.setter
    def message_ids(self, arg1: typing.Any) -> None:
        ...
    @property
    def next_action(self) -> str:
        ...
    @next_action.setter
    def next_action(self, arg1: typing.Any) -> None:
        ...
    @property
    def next_action_due(self) -> datetime.datetime | None:
        ...
    @next_action_due.setter
    def next_action_due(self, arg1: typing.Any) -> None:
        ...
    @property
    def nte(self) -> int:
        ...
    @nte.setter
    def nte(self, arg1: typing.Any) -> None:
        ...
    @property
    def pets_present(self) -> bool | None:
        ...
    @pets_present.setter
    def pets_present(self, arg1: typing.Any) -> None:
        ...
    @property
    def priority(self) -> str:
        ...
    @priority.setter
    def priority(self, arg1: typing.Any) -> None:
        ...
    @property
    def property_id(self) -> str:
        ...
    @property_id.setter
    def property_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def purchase_order_id(self) -> str | None:
        ...
    @purchase_order_id.setter
    def purchase_order_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def reopen_count(self) -> int:
        ...
    @reopen_count.setter
    def reopen_count(self, arg1: typing.Any) -> None:
        ...
    @property
    def resolution(self) -> str:
        ...
    @resolution.setter
    def resolution(self, arg1: typing.Any) -> None:
        ...
    @property
    def scheduled_end(self) -> datetime.datetime | None:
        ...
    @scheduled_end.setter
    def scheduled_end(self, arg1: typing.Any) -> None:
        ...
    @property
    def scheduled_start(self) -> datetime.datetime | None:
        ...
    @scheduled_start.setter
    def scheduled_start(self, arg1: typing.Any) -> None:
        ...
    @property
    def scope(self) -> str:
        ...
    @scope.setter
    def scope(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
    @property
    def tenant_availability(self) -> list[TimeWindow]:
        ...
    @tenant_availability.setter
    def tenant_availability(self, arg1: typing.Any) -> None:
        ...
    @property
    def tenant_id(self) -> str:
        ...
    @tenant_id.setter
    def tenant_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def thread_id(self) -> str:
        ...
    @thread_id.setter
    def thread_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def title(self) -> str:
        ...
    @title.setter
    def title(self, arg1: typing.Any) -> None:
        ...
    @property
    def triage_reasons(self) -> list[str]:
        ...
    @triage_reasons.setter
    def triage_reasons(self, arg1: typing.Any) -> None:
        ...
    @property
    def tried_vendors(self) -> list[str]:
        ...
    @tried_vendors.setter
    def tried_vendors(self, arg1: typing.Any) -> None:
        ...
    @property
    def unit_id(self) -> str:
        ...
    @unit_id.setter
    def unit_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def updated_at(self) -> datetime.datetime:
        ...
    @updated_at.setter
    def updated_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def vendor_id(self) -> str | None:
        ...
    @vendor_id.setter
    def vendor_id(self, arg1: typing.Any) -> None:
        ...
class IntentAssessment:
    """
    What classify_intent() says a message is about: the intent, the others it also carries, a confidence (0-1), reason codes and the language.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('intent', 'also', 'confidence', 'reasons', 'language')
    _schema: typing.ClassVar[tuple] = (('intent', 'string'), ('also', 'object'), ('confidence', 'float'), ('reasons', 'strings'), ('language', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> IntentAssessment:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> IntentAssessment:
        ...
    def __deepcopy__(self, memo: typing.Any) -> IntentAssessment:
        ...
    @typing.overload
    def __eq__(self, arg0: IntentAssessment) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def also(self) -> list[str]:
        ...
    @also.setter
    def also(self, arg1: typing.Any) -> None:
        ...
    @property
    def confidence(self) -> float:
        ...
    @confidence.setter
    def confidence(self, arg1: typing.Any) -> None:
        ...
    @property
    def intent(self) -> str:
        ...
    @intent.setter
    def intent(self, arg1: typing.Any) -> None:
        ...
    @property
    def language(self) -> str:
        ...
    @language.setter
    def language(self, arg1: typing.Any) -> None:
        ...
    @property
    def reasons(self) -> list[str]:
        ...
    @reasons.setter
    def reasons(self, arg1: typing.Any) -> None:
        ...
class TriageHookInput:
    """
    What a triage_hook is shown: the tenant's text, when it came, the tenant's vulnerable_occupant flag, and PropOS's offline triage of it (language, category, priority, emergency, hazards) — the floor it can only raise.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('org', 'text', 'at', 'vulnerable_occupant', 'language', 'category', 'priority', 'emergency', 'hazards')
    _schema: typing.ClassVar[tuple] = (('org', 'string'), ('text', 'string'), ('at', 'time'), ('vulnerable_occupant', 'bool'), ('language', 'string'), ('category', 'string'), ('priority', 'string'), ('emergency', 'bool'), ('hazards', 'strings'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> TriageHookInput:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> TriageHookInput:
        ...
    def __deepcopy__(self, memo: typing.Any) -> TriageHookInput:
        ...
    @typing.overload
    def __eq__(self, arg0: TriageHookInput) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def at(self) -> datetime.datetime:
        ...
    @at.setter
    def at(self, arg1: typing.Any) -> None:
        ...
    @property
    def category(self) -> str:
        ...
    @category.setter
    def category(self, arg1: typing.Any) -> None:
        ...
    @property
    def emergency(self) -> bool:
        ...
    @emergency.setter
    def emergency(self, arg1: typing.Any) -> None:
        ...
    @property
    def hazards(self) -> list[str]:
        ...
    @hazards.setter
    def hazards(self, arg1: typing.Any) -> None:
        ...
    @property
    def language(self) -> str:
        ...
    @language.setter
    def language(self, arg1: typing.Any) -> None:
        ...
    @property
    def org(self) -> str:
        ...
    @org.setter
    def org(self, arg1: typing.Any) -> None:
        ...
    @property
    def priority(self) -> str:
        ...
    @priority.setter
    def priority(self, arg1: typing.Any) -> None:
        ...
    @property
    def text(self) -> str:
        ...
    @text.setter
    def text(self, arg1: typing.Any) -> None:
        ...
    @property
    def vulnerable_occupant(self) -> bool:
        ...
    @vulnerable_occupant.setter
    def vulnerable_occupant(self, arg1: typing.Any) -> None:
        ...
class TriageOpinion:
    """
    What a triage_hook returns (or None): emergency, priority (None: no opinion), reason and source, shown on the work order. Raise-only: a lower opinion changes nothing.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('emergency', 'priority', 'reason', 'source')
    _schema: typing.ClassVar[tuple] = (('emergency', 'bool'), ('priority', 'string'), ('reason', 'string'), ('source', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> TriageOpinion:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> TriageOpinion:
        ...
    def __deepcopy__(self, memo: typing.Any) -> TriageOpinion:
        ...
    @typing.overload
    def __eq__(self, arg0: TriageOpinion) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def emergency(self) -> bool:
        ...
    @emergency.setter
    def emergency(self, arg1: typing.Any) -> None:
        ...
    @property
    def priority(self) -> str | None:
        ...
    @priority.setter
    def priority(self, arg1: typing.Any) -> None:
        ...
    @property
    def reason(self) -> str:
        ...
    @reason.setter
    def reason(self, arg1: typing.Any) -> None:
        ...
    @property
    def source(self) -> str:
        ...
    @source.setter
    def source(self, arg1: typing.Any) -> None:
        ...
class LedgerFacts:
    """
    What the host's ledger says about a tenant (Coordinator option `ledger`): balance (cents; negative is a credit), next_due, next_amount, as_of, payment_instructions.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('balance', 'next_due', 'next_amount', 'as_of', 'payment_instructions')
    _schema: typing.ClassVar[tuple] = (('balance', 'money'), ('next_due', 'time'), ('next_amount', 'money'), ('as_of', 'time'), ('payment_instructions', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> LedgerFacts:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> LedgerFacts:
        ...
    def __deepcopy__(self, memo: typing.Any) -> LedgerFacts:
        ...
    @typing.overload
    def __eq__(self, arg0: LedgerFacts) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def as_of(self) -> datetime.datetime:
        ...
    @as_of.setter
    def as_of(self, arg1: typing.Any) -> None:
        ...
    @property
    def balance(self) -> int:
        ...
    @balance.setter
    def balance(self, arg1: typing.Any) -> None:
        ...
    @property
    def next_amount(self) -> int | None:
        ...
    @next_amount.setter
    def next_amount(self, arg1: typing.Any) -> None:
        ...
    @property
    def next_due(self) -> datetime.datetime | None:
        ...
    @next_due.setter
    def next_due(self, arg1: typing.Any) -> None:
        ...
    @property
    def payment_instructions(self) -> str:
        ...
    @payment_instructions.setter
    def payment_instructions(self, arg1: typing.Any) -> None:
        ...
class Message:
    """
    One message on any channel. `body` is personal data.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'thread_id', 'channel', 'direction', 'from_', 'to', 'subject', 'body', 'provider_message_id', 'status', 'tenant_id', 'vendor_id', 'work_order_id', 'at', 'media', 'delivered_at', 'opened_at', 'clicked_at', 'topic')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('thread_id', 'string'), ('channel', 'string'), ('direction', 'string'), ('from', 'string'), ('to', 'string'), ('subject', 'string'), ('body', 'string'), ('provider_message_id', 'string'), ('status', 'string'), ('tenant_id', 'string'), ('vendor_id', 'string'), ('work_order_id', 'string'), ('at', 'time'), ('media', 'strings'), ('delivered_at', 'time'), ('opened_at', 'time'), ('clicked_at', 'time'), ('topic', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Message:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> Message:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> Message:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Message:
        ...
    @typing.overload
    def __eq__(self, arg0: Message) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def at(self) -> datetime.datetime:
        ...
    @at.setter
    def at(self, arg1: typing.Any) -> None:
        ...
    @property
    def body(self) -> str:
        ...
    @body.setter
    def body(self, arg1: typing.Any) -> None:
        ...
    @property
    def channel(self) -> str:
        ...
    @channel.setter
    def channel(self, arg1: typing.Any) -> None:
        ...
    @property
    def clicked_at(self) -> datetime.datetime | None:
        ...
    @clicked_at.setter
    def clicked_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def delivered_at(self) -> datetime.datetime | None:
        ...
    @delivered_at.setter
    def delivered_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def direction(self) -> str:
        ...
    @direction.setter
    def direction(self, arg1: typing.Any) -> None:
        ...
    @property
    def from_(self) -> str:
        ...
    @from_.setter
    def from_(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def media(self) -> list[str]:
        ...
    @media.setter
    def media(self, arg1: typing.Any) -> None:
        ...
    @property
    def opened_at(self) -> datetime.datetime | None:
        ...
    @opened_at.setter
    def opened_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def provider_message_id(self) -> str:
        ...
    @provider_message_id.setter
    def provider_message_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
    @property
    def subject(self) -> str:
        ...
    @subject.setter
    def subject(self, arg1: typing.Any) -> None:
        ...
    @property
    def tenant_id(self) -> str | None:
        ...
    @tenant_id.setter
    def tenant_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def thread_id(self) -> str:
        ...
    @thread_id.setter
    def thread_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def to(self) -> str:
        ...
    @to.setter
    def to(self, arg1: typing.Any) -> None:
        ...
    @property
    def topic(self) -> str:
        ...
    @topic.setter
    def topic(self, arg1: typing.Any) -> None:
        ...
    @property
    def vendor_id(self) -> str | None:
        ...
    @vendor_id.setter
    def vendor_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def work_order_id(self) -> str | None:
        ...
    @work_order_id.setter
    def work_order_id(self, arg1: typing.Any) -> None:
        ...
class Thread:
    """
    A conversation about one subject (usually one work order).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'channel', 'tenant_id', 'vendor_id', 'work_order_id', 'address', 'subject', 'created_at', 'last_message_at')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('channel', 'string'), ('tenant_id', 'string'), ('vendor_id', 'string'), ('work_order_id', 'string'), ('address', 'string'), ('subject', 'string'), ('created_at', 'time'), ('last_message_at', 'time'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Thread:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> Thread:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> Thread:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Thread:
        ...
    @typing.overload
    def __eq__(self, arg0: Thread) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def address(self) -> str:
        ...
    @address.setter
    def address(self, arg1: typing.Any) -> None:
        ...
    @property
    def channel(self) -> str:
        ...
    @channel.setter
    def channel(self, arg1: typing.Any) -> None:
        ...
    @property
    def created_at(self) -> datetime.datetime:
        ...
    @created_at.setter
    def created_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def last_message_at(self) -> datetime.datetime:
        ...
    @last_message_at.setter
    def last_message_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def subject(self) -> str:
        ...
    @subject.setter
    def subject(self, arg1: typing.Any) -> None:
        ...
    @property
    def tenant_id(self) -> str | None:
        ...
    @tenant_id.setter
    def tenant_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def vendor_id(self) -> str | None:
        ...
    @vendor_id.setter
    def vendor_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def work_order_id(self) -> str | None:
        ...
    @work_order_id.setter
    def work_order_id(self, arg1: typing.Any) -> None:
        ...
class Bid:
    """
    A vendor's quote for a work order.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'work_order_id', 'vendor_id', 'status', 'amount', 'earliest_start', 'notes', 'requested_at', 'received_at', 'due_at')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('work_order_id', 'string'), ('vendor_id', 'string'), ('status', 'string'), ('amount', 'money'), ('earliest_start', 'time'), ('notes', 'string'), ('requested_at', 'time'), ('received_at', 'time'), ('due_at', 'time'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Bid:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> Bid:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> Bid:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Bid:
        ...
    @typing.overload
    def __eq__(self, arg0: Bid) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def amount(self) -> int:
        ...
    @amount.setter
    def amount(self, arg1: typing.Any) -> None:
        ...
    @property
    def due_at(self) -> datetime.datetime:
        ...
    @due_at.setter
    def due_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def earliest_start(self) -> datetime.datetime | None:
        ...
    @earliest_start.setter
    def earliest_start(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def notes(self) -> str:
        ...
    @notes.setter
    def notes(self, arg1: typing.Any) -> None:
        ...
    @property
    def received_at(self) -> datetime.datetime | None:
        ...
    @received_at.setter
    def received_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def requested_at(self) -> datetime.datetime:
        ...
    @requested_at.setter
    def requested_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
    @property
    def vendor_id(self) -> str:
        ...
    @vendor_id.setter
    def vendor_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def work_order_id(self) -> str:
        ...
    @work_order_id.setter
    def work_order_id(self, arg1: typing.Any) -> None:
        ...
class PurchaseOrder:
    """
    The authorization to a vendor to do a job up to an amount.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'number', 'work_order_id', 'vendor_id', 'amount', 'bid_id', 'status', 'issued_at')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('number', 'string'), ('work_order_id', 'string'), ('vendor_id', 'string'), ('amount', 'money'), ('bid_id', 'string'), ('status', 'string'), ('issued_at', 'time'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> PurchaseOrder:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> PurchaseOrder:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> PurchaseOrder:
        ...
    def __deepcopy__(self, memo: typing.Any) -> PurchaseOrder:
        ...
    @typing.overload
    def __eq__(self, arg0: PurchaseOrder) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def amount(self) -> int:
        ...
    @amount.setter
    def amount(self, arg1: typing.Any) -> None:
        ...
    @property
    def bid_id(self) -> str | None:
        ...
    @bid_id.setter
    def bid_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def issued_at(self) -> datetime.datetime:
        ...
    @issued_at.setter
    def issued_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def number(self) -> str:
        ...
    @number.setter
    def number(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
    @property
    def vendor_id(self) -> str:
        ...
    @vendor_id.setter
    def vendor_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def work_order_id(self) -> str:
        ...
    @work_order_id.setter
    def work_order_id(self, arg1: typing.Any) -> None:
        ...
class InvoiceLine:
    """
    One invoice line (amounts in cents).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('description', 'quantity', 'unit_price', 'amount')
    _schema: typing.ClassVar[tuple] = (('description', 'string'), ('quantity', 'int'), ('unit_price', 'money'), ('amount', 'money'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> InvoiceLine:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> InvoiceLine:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> InvoiceLine:
        ...
    def __deepcopy__(self, memo: typing.Any) -> InvoiceLine:
        ...
    @typing.overload
    def __eq__(self, arg0: InvoiceLine) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def amount(self) -> int:
        ...
    @amount.setter
    def amount(self, arg1: typing.Any) -> None:
        ...
    @property
    def description(self) -> str:
        ...
    @description.setter
    def description(self, arg1: typing.Any) -> None:
        ...
    @property
    def quantity(self) -> int:
        ...
    @quantity.setter
    def quantity(self, arg1: typing.Any) -> None:
        ...
    @property
    def unit_price(self) -> int:
        ...
    @unit_price.setter
    def unit_price(self, arg1: typing.Any) -> None:
        ...
class Invoice:
    """
    A vendor invoice and its reconciliation outcome.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'number', 'vendor_id', 'work_order_id', 'purchase_order_id', 'lines', 'total', 'status', 'findings', 'received_at')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('number', 'string'), ('vendor_id', 'string'), ('work_order_id', 'string'), ('purchase_order_id', 'string'), ('lines', 'object'), ('total', 'money'), ('status', 'string'), ('findings', 'strings'), ('received_at', 'time'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Invoice:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> Invoice:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> Invoice:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Invoice:
        ...
    @typing.overload
    def __eq__(self, arg0: Invoice) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def findings(self) -> list[str]:
        ...
    @findings.setter
    def findings(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def lines(self) -> list[InvoiceLine]:
        ...
    @lines.setter
    def lines(self, arg1: typing.Any) -> None:
        ...
    @property
    def number(self) -> str:
        ...
    @number.setter
    def number(self, arg1: typing.Any) -> None:
        ...
    @property
    def purchase_order_id(self) -> str | None:
        ...
    @purchase_order_id.setter
    def purchase_order_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def received_at(self) -> datetime.datetime:
        ...
    @received_at.setter
    def received_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
    @property
    def total(self) -> int:
        ...
    @total.setter
    def total(self, arg1: typing.Any) -> None:
        ...
    @property
    def vendor_id(self) -> str:
        ...
    @vendor_id.setter
    def vendor_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def work_order_id(self) -> str | None:
        ...
    @work_order_id.setter
    def work_order_id(self, arg1: typing.Any) -> None:
        ...
class KnowledgeArticle:
    """
    An entry of the organization's knowledge base (a policy, an amenity, an answer): imported with the portfolio under 'knowledge_base', quoted to tenants who ask.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'title', 'body', 'category', 'tags', 'source', 'property_id', 'language', 'updated_at')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('title', 'string'), ('body', 'string'), ('category', 'string'), ('tags', 'strings'), ('source', 'string'), ('property_id', 'string'), ('language', 'string'), ('updated_at', 'time'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> KnowledgeArticle:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> KnowledgeArticle:
        ...
    def __deepcopy__(self, memo: typing.Any) -> KnowledgeArticle:
        ...
    @typing.overload
    def __eq__(self, arg0: KnowledgeArticle) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def body(self) -> str:
        ...
    @body.setter
    def body(self, arg1: typing.Any) -> None:
        ...
    @property
    def category(self) -> str:
        ...
    @category.setter
    def category(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def language(self) -> str:
        ...
    @language.setter
    def language(self, arg1: typing.Any) -> None:
        ...
    @property
    def property_id(self) -> str | None:
        ...
    @property_id.setter
    def property_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def source(self) -> str:
        ...
    @source.setter
    def source(self, arg1: typing.Any) -> None:
        ...
    @property
    def tags(self) -> list[str]:
        ...
    @tags.setter
    def tags(self, arg1: typing.Any) -> None:
        ...
    @property
    def title(self) -> str:
        ...
    @title.setter
    def title(self, arg1: typing.Any) -> None:
        ...
    @property
    def updated_at(self) -> datetime.datetime:
        ...
    @updated_at.setter
    def updated_at(self, arg1: typing.Any) -> None:
        ...
class ComplianceProof:
    """
    A document or photo in a compliance item's proof log (bytes in the blob store).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('blob_key', 'sha256', 'name', 'content_type', 'size', 'at', 'by')
    _schema: typing.ClassVar[tuple] = (('blob_key', 'string'), ('sha256', 'string'), ('name', 'string'), ('content_type', 'string'), ('size', 'int'), ('at', 'time'), ('by', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> ComplianceProof:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> ComplianceProof:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> ComplianceProof:
        ...
    def __deepcopy__(self, memo: typing.Any) -> ComplianceProof:
        ...
    @typing.overload
    def __eq__(self, arg0: ComplianceProof) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def at(self) -> datetime.datetime:
        ...
    @at.setter
    def at(self, arg1: typing.Any) -> None:
        ...
    @property
    def blob_key(self) -> str:
        ...
    @blob_key.setter
    def blob_key(self, arg1: typing.Any) -> None:
        ...
    @property
    def by(self) -> str:
        ...
    @by.setter
    def by(self, arg1: typing.Any) -> None:
        ...
    @property
    def content_type(self) -> str:
        ...
    @content_type.setter
    def content_type(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        ...
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def sha256(self) -> str:
        ...
    @sha256.setter
    def sha256(self, arg1: typing.Any) -> None:
        ...
    @property
    def size(self) -> int:
        ...
    @size.setter
    def size(self, arg1: typing.Any) -> None:
        ...
class ComplianceItem:
    """
    A dated legal or safety obligation.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'property_id', 'unit_id', 'kind', 'description', 'due_at', 'recurrence', 'status', 'completed_at', 'jurisdiction', 'rule_id', 'source', 'window_start', 'requires_proof', 'parent_id', 'notice_sent_at', 'reply_due_at', 'reply_received_at', 'notice_message_ids', 'reply_message_id', 'reply', 'proofs', 'at_risk_escalation_id', 'overdue_escalation_id', 'completed_by', 'completion_note')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('property_id', 'string'), ('unit_id', 'string'), ('kind', 'string'), ('description', 'string'), ('due_at', 'time'), ('recurrence', 'string'), ('status', 'string'), ('completed_at', 'time'), ('jurisdiction', 'string'), ('rule_id', 'string'), ('source', 'string'), ('window_start', 'time'), ('requires_proof', 'bool'), ('parent_id', 'string'), ('notice_sent_at', 'time'), ('reply_due_at', 'time'), ('reply_received_at', 'time'), ('notice_message_ids', 'strings'), ('reply_message_id', 'string'), ('reply', 'object'), ('proofs', 'object'), ('at_risk_escalation_id', 'string'), ('overdue_escalation_id', 'string'), ('completed_by', 'string'), ('completion_note', 'string'))
    reply: typing.Any
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> ComplianceItem:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> ComplianceItem:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> ComplianceItem:
        ...
    def __deepcopy__(self, memo: typing.Any) -> ComplianceItem:
        ...
    @typing.overload
    def __eq__(self, arg0: ComplianceItem) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def at_risk_escalation_id(self) -> str:
        ...
    @at_risk_escalation_id.setter
    def at_risk_escalation_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def completed_at(self) -> datetime.datetime | None:
        ...
    @completed_at.setter
    def completed_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def completed_by(self) -> str:
        ...
    @completed_by.setter
    def completed_by(self, arg1: typing.Any) -> None:
        ...
    @property
    def completion_note(self) -> str:
        ...
    @completion_note.setter
    def completion_note(self, arg1: typing.Any) -> None:
        ...
    @property
    def description(self) -> str:
        ...
    @description.setter
    def description(self, arg1: typing.Any) -> None:
        ...
    @property
    def due_at(self) -> datetime.datetime:
        ...
    @due_at.setter
    def due_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def jurisdiction(self) -> str:
        ...
    @jurisdiction.setter
    def jurisdiction(self, arg1: typing.Any) -> None:
        ...
    @property
    def kind(self) -> str:
        ...
    @kind.setter
    def kind(self, arg1: typing.Any) -> None:
        ...
    @property
    def notice_message_ids(self) -> list[str]:
        ...
    @notice_message_ids.setter
    def notice_message_ids(self, arg1: typing.Any) -> None:
        ...
    @property
    def notice_sent_at(self) -> datetime.datetime | None:
        ...
    @notice_sent_at.setter
    def notice_sent_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def overdue_escalation_id(self) -> str:
        ...
    @overdue_escalation_id.setter
    def overdue_escalation_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def parent_id(self) -> str:
        ...
    @parent_id.setter
    def parent_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def proofs(self) -> list[ComplianceProof]:
        ...
    @proofs.setter
    def proofs(self, arg1: typing.Any) -> None:
        ...
    @property
    def property_id(self) -> str:
        ...
    @property_id.setter
    def property_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def recurrence(self) -> str:
        ...
    @recurrence.setter
    def recurrence(self, arg1: typing.Any) -> None:
        ...
    @property
    def reply_due_at(self) -> datetime.datetime | None:
        ...
    @reply_due_at.setter
    def reply_due_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def reply_message_id(self) -> str:
        ...
    @reply_message_id.setter
    def reply_message_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def reply_received_at(self) -> datetime.datetime | None:
        ...
    @reply_received_at.setter
    def reply_received_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def requires_proof(self) -> bool:
        ...
    @requires_proof.setter
    def requires_proof(self, arg1: typing.Any) -> None:
        ...
    @property
    def rule_id(self) -> str:
        ...
    @rule_id.setter
    def rule_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def source(self) -> str:
        ...
    @source.setter
    def source(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
    @property
    def unit_id(self) -> str | None:
        ...
    @unit_id.setter
    def unit_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def window_start(self) -> datetime.datetime | None:
        ...
    @window_start.setter
    def window_start(self, arg1: typing.Any) -> None:
        ...
class Escalation:
    """
    A question for a person; the workflow waits for `decision`.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'reason', 'summary', 'severity', 'status', 'work_order_id', 'run_id', 'context', 'created_at', 'sla_due_at', 'resolved_at', 'resolved_by', 'decision', 'resolution', 'sla_misses')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('reason', 'string'), ('summary', 'string'), ('severity', 'string'), ('status', 'string'), ('work_order_id', 'string'), ('run_id', 'string'), ('context', 'object'), ('created_at', 'time'), ('sla_due_at', 'time'), ('resolved_at', 'time'), ('resolved_by', 'string'), ('decision', 'string'), ('resolution', 'object'), ('sla_misses', 'int'))
    context: typing.Any
    resolution: typing.Any
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Escalation:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> Escalation:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> Escalation:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Escalation:
        ...
    @typing.overload
    def __eq__(self, arg0: Escalation) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def created_at(self) -> datetime.datetime:
        ...
    @created_at.setter
    def created_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def decision(self) -> str:
        ...
    @decision.setter
    def decision(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def reason(self) -> str:
        ...
    @reason.setter
    def reason(self, arg1: typing.Any) -> None:
        ...
    @property
    def resolved_at(self) -> datetime.datetime | None:
        ...
    @resolved_at.setter
    def resolved_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def resolved_by(self) -> str:
        ...
    @resolved_by.setter
    def resolved_by(self, arg1: typing.Any) -> None:
        ...
    @property
    def run_id(self) -> str:
        ...
    @run_id.setter
    def run_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def severity(self) -> str:
        ...
    @severity.setter
    def severity(self, arg1: typing.Any) -> None:
        ...
    @property
    def sla_due_at(self) -> datetime.datetime:
        ...
    @sla_due_at.setter
    def sla_due_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def sla_misses(self) -> int:
        ...
    @sla_misses.setter
    def sla_misses(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
    @property
    def summary(self) -> str:
        ...
    @summary.setter
    def summary(self, arg1: typing.Any) -> None:
        ...
    @property
    def work_order_id(self) -> str | None:
        ...
    @work_order_id.setter
    def work_order_id(self, arg1: typing.Any) -> None:
        ...
class AuditEvent:
    """
    One entry of the hash-chained audit log.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('seq', 'at', 'actor', 'action', 'entity_kind', 'entity_id', 'correlation_id', 'data', 'prev_hash', 'hash')
    _schema: typing.ClassVar[tuple] = (('seq', 'int'), ('at', 'time'), ('actor', 'string'), ('action', 'string'), ('entity_kind', 'string'), ('entity_id', 'string'), ('correlation_id', 'string'), ('data', 'object'), ('prev_hash', 'string'), ('hash', 'string'))
    data: typing.Any
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> AuditEvent:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> AuditEvent:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> AuditEvent:
        ...
    def __deepcopy__(self, memo: typing.Any) -> AuditEvent:
        ...
    @typing.overload
    def __eq__(self, arg0: AuditEvent) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def action(self) -> str:
        ...
    @action.setter
    def action(self, arg1: typing.Any) -> None:
        ...
    @property
    def actor(self) -> str:
        ...
    @actor.setter
    def actor(self, arg1: typing.Any) -> None:
        ...
    @property
    def at(self) -> datetime.datetime:
        ...
    @at.setter
    def at(self, arg1: typing.Any) -> None:
        ...
    @property
    def correlation_id(self) -> str:
        ...
    @correlation_id.setter
    def correlation_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def entity_id(self) -> str:
        ...
    @entity_id.setter
    def entity_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def entity_kind(self) -> str:
        ...
    @entity_kind.setter
    def entity_kind(self, arg1: typing.Any) -> None:
        ...
    @property
    def hash(self) -> str:
        ...
    @hash.setter
    def hash(self, arg1: typing.Any) -> None:
        ...
    @property
    def prev_hash(self) -> str:
        ...
    @prev_hash.setter
    def prev_hash(self, arg1: typing.Any) -> None:
        ...
    @property
    def seq(self) -> int:
        ...
    @seq.setter
    def seq(self, arg1: typing.Any) -> None:
        ...
class Event:
    """
    Something that happened, for hosts (callbacks and a pollable log).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'type', 'org_id', 'correlation_id', 'at', 'payload')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('type', 'string'), ('org_id', 'string'), ('correlation_id', 'string'), ('at', 'time'), ('payload', 'object'))
    payload: typing.Any
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Event:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> Event:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> Event:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Event:
        ...
    @typing.overload
    def __eq__(self, arg0: Event) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def at(self) -> datetime.datetime:
        ...
    @at.setter
    def at(self, arg1: typing.Any) -> None:
        ...
    @property
    def correlation_id(self) -> str:
        ...
    @correlation_id.setter
    def correlation_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def org_id(self) -> str:
        ...
    @org_id.setter
    def org_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def type(self) -> str:
        ...
    @type.setter
    def type(self, arg1: typing.Any) -> None:
        ...
class Note:
    """
    Free text about a unit, a property or a work order (searchable).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'text', 'author', 'work_order_id', 'property_id', 'unit_id', 'at')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('text', 'string'), ('author', 'string'), ('work_order_id', 'string'), ('property_id', 'string'), ('unit_id', 'string'), ('at', 'time'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Note:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> Note:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> Note:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Note:
        ...
    @typing.overload
    def __eq__(self, arg0: Note) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def at(self) -> datetime.datetime:
        ...
    @at.setter
    def at(self, arg1: typing.Any) -> None:
        ...
    @property
    def author(self) -> str:
        ...
    @author.setter
    def author(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def property_id(self) -> str | None:
        ...
    @property_id.setter
    def property_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def text(self) -> str:
        ...
    @text.setter
    def text(self, arg1: typing.Any) -> None:
        ...
    @property
    def unit_id(self) -> str | None:
        ...
    @unit_id.setter
    def unit_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def work_order_id(self) -> str | None:
        ...
    @work_order_id.setter
    def work_order_id(self, arg1: typing.Any) -> None:
        ...
class StaffDecision:
    """
    What a person decided on a case (an escalation resolved, an owner approval, a vendor assigned by hand), with their note; searchable as kind 'decision'.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'kind', 'decided_by', 'decision', 'note', 'work_order_id', 'escalation_id', 'reason', 'summary', 'vendor_id', 'amount', 'at')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('kind', 'string'), ('decided_by', 'string'), ('decision', 'string'), ('note', 'string'), ('work_order_id', 'string'), ('escalation_id', 'string'), ('reason', 'string'), ('summary', 'string'), ('vendor_id', 'string'), ('amount', 'money'), ('at', 'time'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> StaffDecision:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> StaffDecision:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> StaffDecision:
        ...
    def __deepcopy__(self, memo: typing.Any) -> StaffDecision:
        ...
    @typing.overload
    def __eq__(self, arg0: StaffDecision) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def amount(self) -> int | None:
        ...
    @amount.setter
    def amount(self, arg1: typing.Any) -> None:
        ...
    @property
    def at(self) -> datetime.datetime:
        ...
    @at.setter
    def at(self, arg1: typing.Any) -> None:
        ...
    @property
    def decided_by(self) -> str:
        ...
    @decided_by.setter
    def decided_by(self, arg1: typing.Any) -> None:
        ...
    @property
    def decision(self) -> str:
        ...
    @decision.setter
    def decision(self, arg1: typing.Any) -> None:
        ...
    @property
    def escalation_id(self) -> str | None:
        ...
    @escalation_id.setter
    def escalation_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def kind(self) -> str:
        ...
    @kind.setter
    def kind(self, arg1: typing.Any) -> None:
        ...
    @property
    def note(self) -> str:
        ...
    @note.setter
    def note(self, arg1: typing.Any) -> None:
        ...
    @property
    def reason(self) -> str:
        ...
    @reason.setter
    def reason(self, arg1: typing.Any) -> None:
        ...
    @property
    def summary(self) -> str:
        ...
    @summary.setter
    def summary(self, arg1: typing.Any) -> None:
        ...
    @property
    def vendor_id(self) -> str | None:
        ...
    @vendor_id.setter
    def vendor_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def work_order_id(self) -> str | None:
        ...
    @work_order_id.setter
    def work_order_id(self, arg1: typing.Any) -> None:
        ...
class ContentBlock:
    """
    One block of message content: text, tool_use or tool_result.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('type', 'text', 'id', 'name', 'input', 'input_error', 'is_error')
    _schema: typing.ClassVar[tuple] = (('type', 'string'), ('text', 'string'), ('id', 'string'), ('name', 'string'), ('input', 'object'), ('input_error', 'string'), ('is_error', 'bool'))
    input: typing.Any
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> ContentBlock:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> ContentBlock:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    @staticmethod
    def make_text(text: str) -> ContentBlock:
        ...
    @staticmethod
    def tool_result(tool_use_id: str, content: str, is_error: bool = False) -> ContentBlock:
        ...
    @staticmethod
    def tool_use(id: str, name: str, input: typing.Any) -> ContentBlock:
        ...
    def __copy__(self) -> ContentBlock:
        ...
    def __deepcopy__(self, memo: typing.Any) -> ContentBlock:
        ...
    @typing.overload
    def __eq__(self, arg0: ContentBlock) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def input_error(self) -> str:
        ...
    @input_error.setter
    def input_error(self, arg1: typing.Any) -> None:
        ...
    @property
    def is_error(self) -> bool:
        ...
    @is_error.setter
    def is_error(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        ...
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def text(self) -> str:
        ...
    @text.setter
    def text(self, arg1: typing.Any) -> None:
        ...
    @property
    def type(self) -> str:
        ...
    @type.setter
    def type(self, arg1: typing.Any) -> None:
        ...
class ChatMessage:
    """
    One message of a conversation with a model.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('role', 'content')
    _schema: typing.ClassVar[tuple] = (('role', 'string'), ('content', 'object'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def assistant(text: str) -> ChatMessage:
        ...
    @staticmethod
    def from_dict(data: dict) -> ChatMessage:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> ChatMessage:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    @staticmethod
    def user(text: str) -> ChatMessage:
        ...
    def __copy__(self) -> ChatMessage:
        ...
    def __deepcopy__(self, memo: typing.Any) -> ChatMessage:
        ...
    @typing.overload
    def __eq__(self, arg0: ChatMessage) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def text(self) -> str:
        """
        The concatenated text blocks.
        """
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    def tool_uses(self) -> list[ContentBlock]:
        """
        The tool_use blocks.
        """
    @property
    def content(self) -> list[ContentBlock]:
        ...
    @content.setter
    def content(self, arg1: typing.Any) -> None:
        ...
    @property
    def role(self) -> str:
        ...
    @role.setter
    def role(self, arg1: typing.Any) -> None:
        ...
class ToolDefinition:
    """
    A tool offered to the model (JSON Schema arguments).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('name', 'description', 'input_schema')
    _schema: typing.ClassVar[tuple] = (('name', 'string'), ('description', 'string'), ('input_schema', 'object'))
    input_schema: typing.Any
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> ToolDefinition:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> ToolDefinition:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> ToolDefinition:
        ...
    def __deepcopy__(self, memo: typing.Any) -> ToolDefinition:
        ...
    @typing.overload
    def __eq__(self, arg0: ToolDefinition) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def description(self) -> str:
        ...
    @description.setter
    def description(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        ...
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
class ToolChoice:
    """
    How the model may use tools.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('mode', 'name', 'disable_parallel_tool_use')
    _schema: typing.ClassVar[tuple] = (('mode', 'string'), ('name', 'string'), ('disable_parallel_tool_use', 'bool'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> ToolChoice:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> ToolChoice:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> ToolChoice:
        ...
    def __deepcopy__(self, memo: typing.Any) -> ToolChoice:
        ...
    @typing.overload
    def __eq__(self, arg0: ToolChoice) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def disable_parallel_tool_use(self) -> bool:
        ...
    @disable_parallel_tool_use.setter
    def disable_parallel_tool_use(self, arg1: typing.Any) -> None:
        ...
    @property
    def mode(self) -> str:
        ...
    @mode.setter
    def mode(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        ...
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
class SystemBlock:
    """
    A block of the system prompt.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('text', 'cache')
    _schema: typing.ClassVar[tuple] = (('text', 'string'), ('cache', 'bool'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> SystemBlock:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> SystemBlock:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> SystemBlock:
        ...
    def __deepcopy__(self, memo: typing.Any) -> SystemBlock:
        ...
    @typing.overload
    def __eq__(self, arg0: SystemBlock) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def cache(self) -> bool:
        ...
    @cache.setter
    def cache(self, arg1: typing.Any) -> None:
        ...
    @property
    def text(self) -> str:
        ...
    @text.setter
    def text(self, arg1: typing.Any) -> None:
        ...
class LlmRequest:
    """
    A request to a model.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('model', 'system', 'messages', 'tools', 'tool_choice', 'max_tokens', 'temperature', 'metadata', 'context')
    _schema: typing.ClassVar[tuple] = (('model', 'string'), ('system', 'object'), ('messages', 'object'), ('tools', 'object'), ('tool_choice', 'object'), ('max_tokens', 'int'), ('temperature', 'float'), ('metadata', 'object'), ('context', 'object'))
    context: typing.Any
    metadata: typing.Any
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> LlmRequest:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> LlmRequest:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> LlmRequest:
        ...
    def __deepcopy__(self, memo: typing.Any) -> LlmRequest:
        ...
    @typing.overload
    def __eq__(self, arg0: LlmRequest) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def max_tokens(self) -> int:
        ...
    @max_tokens.setter
    def max_tokens(self, arg1: typing.Any) -> None:
        ...
    @property
    def messages(self) -> list[ChatMessage]:
        ...
    @messages.setter
    def messages(self, arg1: typing.Any) -> None:
        ...
    @property
    def model(self) -> str:
        ...
    @model.setter
    def model(self, arg1: typing.Any) -> None:
        ...
    @property
    def system(self) -> list[SystemBlock]:
        ...
    @system.setter
    def system(self, arg1: typing.Any) -> None:
        ...
    @property
    def temperature(self) -> float | None:
        ...
    @temperature.setter
    def temperature(self, arg1: typing.Any) -> None:
        ...
    @property
    def tool_choice(self) -> ToolChoice:
        ...
    @tool_choice.setter
    def tool_choice(self, arg1: typing.Any) -> None:
        ...
    @property
    def tools(self) -> list[ToolDefinition]:
        ...
    @tools.setter
    def tools(self, arg1: typing.Any) -> None:
        ...
class Usage:
    """
    Token counts of a model call.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens', 'cache_creation_1h_input_tokens')
    _schema: typing.ClassVar[tuple] = (('input_tokens', 'int'), ('output_tokens', 'int'), ('cache_read_input_tokens', 'int'), ('cache_creation_input_tokens', 'int'), ('cache_creation_1h_input_tokens', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Usage:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> Usage:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> Usage:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Usage:
        ...
    @typing.overload
    def __eq__(self, arg0: Usage) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    def total_input(self) -> int:
        ...
    @property
    def cache_creation_1h_input_tokens(self) -> int:
        ...
    @cache_creation_1h_input_tokens.setter
    def cache_creation_1h_input_tokens(self, arg1: typing.Any) -> None:
        ...
    @property
    def cache_creation_input_tokens(self) -> int:
        ...
    @cache_creation_input_tokens.setter
    def cache_creation_input_tokens(self, arg1: typing.Any) -> None:
        ...
    @property
    def cache_read_input_tokens(self) -> int:
        ...
    @cache_read_input_tokens.setter
    def cache_read_input_tokens(self, arg1: typing.Any) -> None:
        ...
    @property
    def input_tokens(self) -> int:
        ...
    @input_tokens.setter
    def input_tokens(self, arg1: typing.Any) -> None:
        ...
    @property
    def output_tokens(self) -> int:
        ...
    @output_tokens.setter
    def output_tokens(self, arg1: typing.Any) -> None:
        ...
class LlmResponse:
    """
    A model's reply.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'request_id', 'provider', 'model', 'content', 'stop_reason', 'usage', 'latency')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('request_id', 'string'), ('provider', 'string'), ('model', 'string'), ('content', 'object'), ('stop_reason', 'string'), ('usage', 'object'), ('latency', 'duration'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> LlmResponse:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> LlmResponse:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> LlmResponse:
        ...
    def __deepcopy__(self, memo: typing.Any) -> LlmResponse:
        ...
    @typing.overload
    def __eq__(self, arg0: LlmResponse) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def text(self) -> str:
        """
        The concatenated text blocks.
        """
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    def tool_uses(self) -> list[ContentBlock]:
        """
        The tool_use blocks.
        """
    @property
    def content(self) -> list[ContentBlock]:
        ...
    @content.setter
    def content(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def latency(self) -> datetime.timedelta:
        ...
    @latency.setter
    def latency(self, arg1: typing.Any) -> None:
        ...
    @property
    def model(self) -> str:
        ...
    @model.setter
    def model(self, arg1: typing.Any) -> None:
        ...
    @property
    def provider(self) -> str:
        ...
    @provider.setter
    def provider(self, arg1: typing.Any) -> None:
        ...
    @property
    def request_id(self) -> str:
        ...
    @request_id.setter
    def request_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def stop_reason(self) -> str:
        ...
    @stop_reason.setter
    def stop_reason(self, arg1: typing.Any) -> None:
        ...
    @property
    def usage(self) -> Usage:
        ...
    @usage.setter
    def usage(self, arg1: typing.Any) -> None:
        ...
class LlmProvider:
    """
    A model back end. Subclass it in Python and implement complete(request) -> LlmResponse, name() -> str and default_model() -> str; complete() is called from the thread that runs jobs, with the GIL held only for the call. Raise propos.Unavailable (or ConnectionError / TimeoutError) for failures worth retrying. A subclass missing one of the methods cannot be instantiated (TypeError).
    """
    @staticmethod
    def __init__(*args, **kwargs):
        """
        _init_checking_methods(self: object, *args, **kwargs) -> None
        """
    def complete(self, request: LlmRequest) -> LlmResponse:
        """
        Sends one request (the GIL is released meanwhile).
        """
    def default_model(self) -> str:
        ...
    def name(self) -> str:
        ...
class Rule:
    """
    One rule of a RulesProvider: when(request) -> bool (None: always) and respond(request) -> list[ContentBlock] (empty: decline).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('name', 'when', 'respond')
    _schema: typing.ClassVar[tuple] = (('name', 'string'), ('when', 'object'), ('respond', 'object'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Rule:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> Rule:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Rule:
        ...
    @typing.overload
    def __eq__(self, arg0: Rule) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def name(self) -> str:
        ...
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def respond(self) -> collections.abc.Callable[[LlmRequest], list[ContentBlock]]:
        ...
    @respond.setter
    def respond(self, arg1: typing.Any) -> None:
        ...
    @property
    def when(self) -> collections.abc.Callable[[LlmRequest], bool]:
        ...
    @when.setter
    def when(self, arg1: typing.Any) -> None:
        ...
class RulesOptions:
    """
    Configuration of RulesProvider.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('model', 'no_match_text', 'chars_per_token')
    _schema: typing.ClassVar[tuple] = (('model', 'string'), ('no_match_text', 'string'), ('chars_per_token', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> RulesOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> RulesOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> RulesOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: RulesOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def chars_per_token(self) -> int:
        ...
    @chars_per_token.setter
    def chars_per_token(self, arg1: typing.Any) -> None:
        ...
    @property
    def model(self) -> str:
        ...
    @model.setter
    def model(self, arg1: typing.Any) -> None:
        ...
    @property
    def no_match_text(self) -> str:
        ...
    @no_match_text.setter
    def no_match_text(self, arg1: typing.Any) -> None:
        ...
class RulesProvider(LlmProvider):
    """
    A deterministic, offline provider answering from an ordered table of rules.
    """
    def __init__(self, rules: collections.abc.Sequence[Rule] = [], options: RulesOptions = ...) -> None:
        ...
    def add(self, rule: Rule) -> None:
        ...
    def match(self, request: LlmRequest) -> str:
        ...
    def rule_names(self) -> list[str]:
        ...
class RetryPolicy:
    """
    Retries of HTTP calls (SDK-style backoff).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('max_retries', 'base_delay', 'max_delay', 'max_retry_after')
    _schema: typing.ClassVar[tuple] = (('max_retries', 'int'), ('base_delay', 'duration'), ('max_delay', 'duration'), ('max_retry_after', 'duration'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> RetryPolicy:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> RetryPolicy:
        ...
    def __deepcopy__(self, memo: typing.Any) -> RetryPolicy:
        ...
    @typing.overload
    def __eq__(self, arg0: RetryPolicy) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def base_delay(self) -> datetime.timedelta:
        ...
    @base_delay.setter
    def base_delay(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_delay(self) -> datetime.timedelta:
        ...
    @max_delay.setter
    def max_delay(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_retries(self) -> int:
        ...
    @max_retries.setter
    def max_retries(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_retry_after(self) -> datetime.timedelta:
        ...
    @max_retry_after.setter
    def max_retry_after(self, arg1: typing.Any) -> None:
        ...
class AnthropicOptions:
    """
    Configuration of AnthropicProvider (an empty api_key reads ANTHROPIC_API_KEY).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('api_key', 'base_url', 'model', 'anthropic_version', 'timeout', 'connect_timeout', 'retry', 'prompt_caching', 'cache_ttl', 'extra_headers')
    _schema: typing.ClassVar[tuple] = (('api_key', 'string'), ('base_url', 'string'), ('model', 'string'), ('anthropic_version', 'string'), ('timeout', 'duration'), ('connect_timeout', 'duration'), ('retry', 'object'), ('prompt_caching', 'bool'), ('cache_ttl', 'string'), ('extra_headers', 'object'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> AnthropicOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> AnthropicOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> AnthropicOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: AnthropicOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def anthropic_version(self) -> str:
        ...
    @anthropic_version.setter
    def anthropic_version(self, arg1: typing.Any) -> None:
        ...
    @property
    def api_key(self) -> str:
        ...
    @api_key.setter
    def api_key(self, arg1: typing.Any) -> None:
        ...
    @property
    def base_url(self) -> str:
        ...
    @base_url.setter
    def base_url(self, arg1: typing.Any) -> None:
        ...
    @property
    def cache_ttl(self) -> str:
        ...
    @cache_ttl.setter
    def cache_ttl(self, arg1: typing.Any) -> None:
        ...
    @property
    def connect_timeout(self) -> datetime.timedelta:
        ...
    @connect_timeout.setter
    def connect_timeout(self, arg1: typing.Any) -> None:
        ...
    @property
    def extra_headers(self) -> list[tuple[str, str]]:
        ...
    @extra_headers.setter
    def extra_headers(self, arg1: typing.Any) -> None:
        ...
    @property
    def model(self) -> str:
        ...
    @model.setter
    def model(self, arg1: typing.Any) -> None:
        ...
    @property
    def prompt_caching(self) -> bool:
        ...
    @prompt_caching.setter
    def prompt_caching(self, arg1: typing.Any) -> None:
        ...
    @property
    def retry(self) -> RetryPolicy:
        ...
    @retry.setter
    def retry(self, arg1: typing.Any) -> None:
        ...
    @property
    def timeout(self) -> datetime.timedelta:
        ...
    @timeout.setter
    def timeout(self, arg1: typing.Any) -> None:
        ...
class AnthropicProvider(LlmProvider):
    """
    The Anthropic Messages API over libcurl.
    """
    def __init__(self, options: AnthropicOptions = ...) -> None:
        ...
    def build_body(self, request: LlmRequest) -> typing.Any:
        ...
class OpenAiOptions:
    """
    Configuration of OpenAiCompatibleProvider (an empty api_key reads OPENAI_API_KEY; local servers need none).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('api_key', 'base_url', 'model', 'provider_name', 'use_max_completion_tokens', 'send_tool_choice', 'extra_headers', 'timeout', 'connect_timeout', 'retry')
    _schema: typing.ClassVar[tuple] = (('api_key', 'string'), ('base_url', 'string'), ('model', 'string'), ('provider_name', 'string'), ('use_max_completion_tokens', 'bool'), ('send_tool_choice', 'bool'), ('extra_headers', 'object'), ('timeout', 'duration'), ('connect_timeout', 'duration'), ('retry', 'object'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> OpenAiOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def llama_cpp(model: str, base_url: str = 'http://localhost:8080') -> OpenAiOptions:
        """
        Preset for the llama.cpp server: provider 'llama.cpp', no key, max_tokens.
        """
    @staticmethod
    def ollama(model: str, base_url: str = 'http://localhost:11434') -> OpenAiOptions:
        """
        Preset for Ollama: provider 'ollama', no key, max_tokens, no tool_choice.
        """
    @staticmethod
    def vllm(model: str, base_url: str = 'http://localhost:8000') -> OpenAiOptions:
        """
        Preset for vLLM: provider 'vllm', no key, max_tokens; its older error body is read.
        """
    def __copy__(self) -> OpenAiOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> OpenAiOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: OpenAiOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def api_key(self) -> str:
        ...
    @api_key.setter
    def api_key(self, arg1: typing.Any) -> None:
        ...
    @property
    def base_url(self) -> str:
        ...
    @base_url.setter
    def base_url(self, arg1: typing.Any) -> None:
        ...
    @property
    def connect_timeout(self) -> datetime.timedelta:
        ...
    @connect_timeout.setter
    def connect_timeout(self, arg1: typing.Any) -> None:
        ...
    @property
    def extra_headers(self) -> list[tuple[str, str]]:
        ...
    @extra_headers.setter
    def extra_headers(self, arg1: typing.Any) -> None:
        ...
    @property
    def model(self) -> str:
        ...
    @model.setter
    def model(self, arg1: typing.Any) -> None:
        ...
    @property
    def provider_name(self) -> str:
        ...
    @provider_name.setter
    def provider_name(self, arg1: typing.Any) -> None:
        ...
    @property
    def retry(self) -> RetryPolicy:
        ...
    @retry.setter
    def retry(self, arg1: typing.Any) -> None:
        ...
    @property
    def send_tool_choice(self) -> bool:
        ...
    @send_tool_choice.setter
    def send_tool_choice(self, arg1: typing.Any) -> None:
        ...
    @property
    def timeout(self) -> datetime.timedelta:
        ...
    @timeout.setter
    def timeout(self, arg1: typing.Any) -> None:
        ...
    @property
    def use_max_completion_tokens(self) -> bool:
        ...
    @use_max_completion_tokens.setter
    def use_max_completion_tokens(self, arg1: typing.Any) -> None:
        ...
class OpenAiCompatibleProvider(LlmProvider):
    """
    OpenAI chat completions and compatible servers (Ollama, vLLM...).
    """
    def __init__(self, options: OpenAiOptions = ...) -> None:
        ...
    def build_body(self, request: LlmRequest) -> typing.Any:
        ...
    @property
    def url(self) -> str:
        ...
class ScriptedProvider(LlmProvider):
    """
    Deterministic answers for tests: replay a cassette, record one from another provider, or play a queue of responses.
    """
    @staticmethod
    def load(path: str | os.PathLike) -> ScriptedProvider:
        ...
    @staticmethod
    def record(inner: LlmProvider, path: str | os.PathLike = '') -> ScriptedProvider:
        ...
    @staticmethod
    def sequence(responses: collections.abc.Sequence[LlmResponse] = []) -> ScriptedProvider:
        ...
    def __init__(self) -> None:
        """
        An empty replay cassette; fill it with add().
        """
    def add(self, request: LlmRequest, response: LlmResponse) -> None:
        ...
    def add_hash(self, request_hash: str, response: LlmResponse) -> None:
        ...
    def contains(self, request_hash: str) -> bool:
        ...
    def keep_requests(self, keep: bool) -> None:
        """
        Whether complete() keeps a copy of each request for requests() (default True); turn it off for long replays.
        """
    def push(self, response: LlmResponse) -> None:
        ...
    def push_error(self, code: str, message: str, http_status: typing.SupportsInt | typing.SupportsIndex = 0) -> None:
        """
        Queues a ProviderError, e.g. push_error('unavailable', 'overloaded', 529).
        """
    def remaining(self) -> int:
        ...
    def requests(self) -> list[LlmRequest]:
        ...
    def save(self, path: str | os.PathLike) -> None:
        ...
    def size(self) -> int:
        ...
    @property
    def mode(self) -> str:
        ...
class FallbackOptions:
    """
    When FallbackProvider moves on to the next provider (see llm/fallback.hpp).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('default_model_for_fallbacks', 'fall_back_on_any_error', 'unusable_stop_reasons')
    _schema: typing.ClassVar[tuple] = (('default_model_for_fallbacks', 'bool'), ('fall_back_on_any_error', 'bool'), ('unusable_stop_reasons', 'object'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> FallbackOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> FallbackOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> FallbackOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: FallbackOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def default_model_for_fallbacks(self) -> bool:
        ...
    @default_model_for_fallbacks.setter
    def default_model_for_fallbacks(self, arg1: typing.Any) -> None:
        ...
    @property
    def fall_back_on_any_error(self) -> bool:
        ...
    @fall_back_on_any_error.setter
    def fall_back_on_any_error(self, arg1: typing.Any) -> None:
        ...
    @property
    def unusable_stop_reasons(self) -> list[str]:
        ...
    @unusable_stop_reasons.setter
    def unusable_stop_reasons(self, arg1: typing.Any) -> None:
        ...
class FallbackProvider(LlmProvider):
    """
    Tries providers in order: a failure or an unusable reply (refusal, content filter, cut off) moves on to the next (see FallbackOptions).
    """
    def __init__(self, providers: collections.abc.Sequence[LlmProvider], options: FallbackOptions = ...) -> None:
        ...
    @property
    def chain(self) -> list[LlmProvider]:
        """
        The providers, in order.
        """
class SqliteOptions:
    """
    Options of open_sqlite_store.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('synchronous', 'busy_timeout', 'create_if_missing', 'cache_size_kib', 'check_integrity')
    _schema: typing.ClassVar[tuple] = (('synchronous', 'string'), ('busy_timeout', 'duration'), ('create_if_missing', 'bool'), ('cache_size_kib', 'int'), ('check_integrity', 'bool'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> SqliteOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> SqliteOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> SqliteOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: SqliteOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def busy_timeout(self) -> datetime.timedelta:
        ...
    @busy_timeout.setter
    def busy_timeout(self, arg1: typing.Any) -> None:
        ...
    @property
    def cache_size_kib(self) -> int:
        ...
    @cache_size_kib.setter
    def cache_size_kib(self, arg1: typing.Any) -> None:
        ...
    @property
    def check_integrity(self) -> bool:
        ...
    @check_integrity.setter
    def check_integrity(self, arg1: typing.Any) -> None:
        ...
    @property
    def create_if_missing(self) -> bool:
        ...
    @create_if_missing.setter
    def create_if_missing(self, arg1: typing.Any) -> None:
        ...
    @property
    def synchronous(self) -> str:
        ...
    @synchronous.setter
    def synchronous(self, arg1: typing.Any) -> None:
        ...
class PostgresOptions:
    """
    Options of open_postgres_store (issue 18).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('schema', 'max_connections', 'lock_timeout', 'connect_timeout', 'listen')
    _schema: typing.ClassVar[tuple] = (('schema', 'string'), ('max_connections', 'int'), ('lock_timeout', 'duration'), ('connect_timeout', 'duration'), ('listen', 'bool'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> PostgresOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> PostgresOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> PostgresOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: PostgresOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def connect_timeout(self) -> datetime.timedelta:
        ...
    @connect_timeout.setter
    def connect_timeout(self, arg1: typing.Any) -> None:
        ...
    @property
    def listen(self) -> bool:
        ...
    @listen.setter
    def listen(self, arg1: typing.Any) -> None:
        ...
    @property
    def lock_timeout(self) -> datetime.timedelta:
        ...
    @lock_timeout.setter
    def lock_timeout(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_connections(self) -> int:
        ...
    @max_connections.setter
    def max_connections(self, arg1: typing.Any) -> None:
        ...
    @property
    def schema(self) -> str:
        ...
    @schema.setter
    def schema(self, arg1: typing.Any) -> None:
        ...
class AuditVerification:
    """
    The result of checking an audit chain.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('ok', 'entries', 'first_bad_seq', 'problem')
    _schema: typing.ClassVar[tuple] = (('ok', 'bool'), ('entries', 'int'), ('first_bad_seq', 'int'), ('problem', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> AuditVerification:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __bool__(self) -> bool:
        ...
    def __copy__(self) -> AuditVerification:
        ...
    def __deepcopy__(self, memo: typing.Any) -> AuditVerification:
        ...
    @typing.overload
    def __eq__(self, arg0: AuditVerification) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def entries(self) -> int:
        ...
    @entries.setter
    def entries(self, arg1: typing.Any) -> None:
        ...
    @property
    def first_bad_seq(self) -> int:
        ...
    @first_bad_seq.setter
    def first_bad_seq(self, arg1: typing.Any) -> None:
        ...
    @property
    def ok(self) -> bool:
        ...
    @ok.setter
    def ok(self, arg1: typing.Any) -> None:
        ...
    @property
    def problem(self) -> str:
        ...
    @problem.setter
    def problem(self, arg1: typing.Any) -> None:
        ...
class AuditCheckpoint:
    """
    A signed statement (Ed25519) that an organization's audit log had `seq` entries ending in `head_hash` at `at`; keep it outside the database.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('org', 'seq', 'head_hash', 'at', 'key_id', 'signature')
    _schema: typing.ClassVar[tuple] = (('org', 'string'), ('seq', 'int'), ('head_hash', 'string'), ('at', 'time'), ('key_id', 'string'), ('signature', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> AuditCheckpoint:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(text: str) -> AuditCheckpoint:
        """
        Parses the JSON form; ValueError names a missing or bad field.
        """
    def __copy__(self) -> AuditCheckpoint:
        ...
    def __deepcopy__(self, memo: typing.Any) -> AuditCheckpoint:
        ...
    @typing.overload
    def __eq__(self, arg0: AuditCheckpoint) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def signed_text(self) -> str:
        """
        The exact bytes signed.
        """
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The JSON form (propos.audit-checkpoint/1) as text.
        """
    @property
    def at(self) -> datetime.datetime:
        ...
    @at.setter
    def at(self, arg1: typing.Any) -> None:
        ...
    @property
    def head_hash(self) -> str:
        ...
    @head_hash.setter
    def head_hash(self, arg1: typing.Any) -> None:
        ...
    @property
    def key_id(self) -> str:
        ...
    @key_id.setter
    def key_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def org(self) -> str:
        ...
    @org.setter
    def org(self, arg1: typing.Any) -> None:
        ...
    @property
    def seq(self) -> int:
        ...
    @seq.setter
    def seq(self, arg1: typing.Any) -> None:
        ...
    @property
    def signature(self) -> str:
        ...
    @signature.setter
    def signature(self, arg1: typing.Any) -> None:
        ...
class RawPayload:
    """
    A raw inbound payload kept before parsing (dead letters too).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'source', 'content_type', 'body', 'received_at', 'status', 'error')
    _schema: typing.ClassVar[tuple] = (('id', 'int'), ('source', 'string'), ('content_type', 'string'), ('body', 'string'), ('received_at', 'time'), ('status', 'string'), ('error', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> RawPayload:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> RawPayload:
        ...
    def __deepcopy__(self, memo: typing.Any) -> RawPayload:
        ...
    @typing.overload
    def __eq__(self, arg0: RawPayload) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def body(self) -> str:
        ...
    @body.setter
    def body(self, arg1: typing.Any) -> None:
        ...
    @property
    def content_type(self) -> str:
        ...
    @content_type.setter
    def content_type(self, arg1: typing.Any) -> None:
        ...
    @property
    def error(self) -> str:
        ...
    @error.setter
    def error(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> int:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def received_at(self) -> datetime.datetime:
        ...
    @received_at.setter
    def received_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def source(self) -> str:
        ...
    @source.setter
    def source(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
class ImportSummary:
    """
    What a portfolio import wrote for one organization.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('org_id', 'name', 'properties', 'units', 'tenants', 'leases', 'vendors', 'compliance_items', 'knowledge_articles')
    _schema: typing.ClassVar[tuple] = (('org_id', 'string'), ('name', 'string'), ('properties', 'int'), ('units', 'int'), ('tenants', 'int'), ('leases', 'int'), ('vendors', 'int'), ('compliance_items', 'int'), ('knowledge_articles', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> ImportSummary:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> ImportSummary:
        ...
    def __deepcopy__(self, memo: typing.Any) -> ImportSummary:
        ...
    @typing.overload
    def __eq__(self, arg0: ImportSummary) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def compliance_items(self) -> int:
        ...
    @compliance_items.setter
    def compliance_items(self, arg1: typing.Any) -> None:
        ...
    @property
    def knowledge_articles(self) -> int:
        ...
    @knowledge_articles.setter
    def knowledge_articles(self, arg1: typing.Any) -> None:
        ...
    @property
    def leases(self) -> int:
        ...
    @leases.setter
    def leases(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        ...
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def org_id(self) -> str:
        ...
    @org_id.setter
    def org_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def properties(self) -> int:
        ...
    @properties.setter
    def properties(self, arg1: typing.Any) -> None:
        ...
    @property
    def tenants(self) -> int:
        ...
    @tenants.setter
    def tenants(self, arg1: typing.Any) -> None:
        ...
    @property
    def units(self) -> int:
        ...
    @units.setter
    def units(self, arg1: typing.Any) -> None:
        ...
    @property
    def vendors(self) -> int:
        ...
    @vendors.setter
    def vendors(self, arg1: typing.Any) -> None:
        ...
class KnowledgeMatch:
    """
    A knowledge-base article that matches a question: the article, the sentences to quote (verbatim), its score, the question's words it contains, and whether one of them is in its title or tags.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('article', 'quote', 'score', 'matched_terms', 'subject_match')
    _schema: typing.ClassVar[tuple] = (('article', 'object'), ('quote', 'string'), ('score', 'float'), ('matched_terms', 'strings'), ('subject_match', 'bool'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> KnowledgeMatch:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> KnowledgeMatch:
        ...
    def __deepcopy__(self, memo: typing.Any) -> KnowledgeMatch:
        ...
    @typing.overload
    def __eq__(self, arg0: KnowledgeMatch) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def article(self) -> KnowledgeArticle:
        ...
    @article.setter
    def article(self, arg1: typing.Any) -> None:
        ...
    @property
    def matched_terms(self) -> list[str]:
        ...
    @matched_terms.setter
    def matched_terms(self, arg1: typing.Any) -> None:
        ...
    @property
    def quote(self) -> str:
        ...
    @quote.setter
    def quote(self, arg1: typing.Any) -> None:
        ...
    @property
    def score(self) -> float:
        ...
    @score.setter
    def score(self, arg1: typing.Any) -> None:
        ...
    @property
    def subject_match(self) -> bool:
        ...
    @subject_match.setter
    def subject_match(self, arg1: typing.Any) -> None:
        ...
class Store:
    """
    Durable, transactional, organization-scoped storage. Open one with open_sqlite_store(). Every call takes an organization id; records are read and written by kind (store.kinds() lists them).
    """
    @staticmethod
    def kinds() -> list[str]:
        ...
    def answer_from_knowledge_base(self, org: str, question: str, property_id: str | None = None, min_score: typing.SupportsFloat | typing.SupportsIndex = 1.2, min_margin: typing.SupportsFloat | typing.SupportsIndex = 1.25, max_quote_chars: typing.SupportsInt | typing.SupportsIndex = 400) -> typing.Any:
        """
        The article that clearly answers a question (the one a tenant would be quoted), or None.
        """
    def count(self, org: str, kind: str, *, parent: str = '', status: str = '', lookup: str = '', ref: str = '') -> int:
        ...
    def find(self, org: str, kind: str, id: str) -> typing.Any:
        """
        The record, or None.
        """
    def get(self, org: str, kind: str, id: str) -> typing.Any:
        """
        The record; NotFound when absent.
        """
    def import_portfolio(self, document: typing.Any, now: datetime.datetime | None = None, actor: str = 'import') -> propos._records.RecordList[ImportSummary]:
        """
        Imports a 'propos.portfolio/1' document atomically: a dict, its JSON text, a path to the JSON file (str or pathlib.Path) or an open file object.
        """
    def list(self, org: str, kind: str, *, parent: str = '', status: str = '', lookup: str = '', ref: str = '', limit: typing.SupportsInt | typing.SupportsIndex = 0, offset: typing.SupportsInt | typing.SupportsIndex = 0, newest_first: bool = False) -> typing.Any:
        """
        Records of a kind in `org`, filtered by their indexed keys (`ref`: a work order's vendor), ordered by time then id.
        """
    def location(self) -> str:
        ...
    def organizations(self) -> propos._records.RecordList[Organization]:
        """
        Every organization (ids and names).
        """
    def put(self, org: str, record: typing.Any) -> None:
        """
        Inserts or replaces a record in `org` (one transaction).
        """
    def put_organization(self, organization: Organization) -> None:
        """
        Creates or replaces an organization.
        """
    def raw_payloads(self, org: str, status: str = '', limit: typing.SupportsInt | typing.SupportsIndex = 0) -> propos._records.RecordList[RawPayload]:
        """
        Raw inbound payloads ('received', 'processed' or 'dead'; '' for all), oldest first.
        """
    def schema_version(self) -> int:
        ...
    def search_knowledge_base(self, org: str, question: str, property_id: str | None = None, k: typing.SupportsInt | typing.SupportsIndex = 3) -> propos._records.RecordList[KnowledgeMatch]:
        """
        The knowledge-base articles that match a question, best first (those of property_id and those for every property).
        """
class MemoryDatabase:
    """
    The data of in-memory stores: open several stores on one to share it.
    """
class MemoryStoreFaults:
    """
    Faults to inject into in-memory stores, and counters of what they did.
    """
    def __init__(self) -> None:
        ...
    def busy_for(self, transactions: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        The next n transactions are refused at their start with propos.Busy.
        """
    def clear(self) -> None:
        """
        Cancels every pending fault.
        """
    def fail_nth_commit(self, n: typing.SupportsInt | typing.SupportsIndex, code: str = 'io') -> None:
        """
        The n-th commit from now fails after every write succeeded; nothing of it is kept.
        """
    def fail_nth_write(self, n: typing.SupportsInt | typing.SupportsIndex, code: str = 'io') -> None:
        """
        The n-th write call from now (1: the next) fails with the error of that code ('io', 'busy', 'corrupt', ...; propos.Io by default); its transaction is rolled back.
        """
    def reset_counters(self) -> None:
        ...
    @property
    def commits(self) -> int:
        ...
    @property
    def injected(self) -> int:
        ...
    @property
    def rollbacks(self) -> int:
        ...
    @property
    def writes(self) -> int:
        ...
class AuditLog:
    """
    Reading and verifying an organization's hash-chained audit log.
    """
    @staticmethod
    def compute_hash(org: str, event: AuditEvent) -> str:
        ...
    @staticmethod
    def genesis_hash() -> str:
        ...
    def __init__(self, store: Store) -> None:
        ...
    def checkpoint(self, org: str, private_key_pem: str, at: datetime.datetime) -> AuditCheckpoint:
        """
        A checkpoint of the log as it is now, signed with an Ed25519 private key (PEM).
        """
    def for_entity(self, org: str, kind: str, id: str) -> propos._records.RecordList[AuditEvent]:
        ...
    def list(self, org: str, after_seq: typing.SupportsInt | typing.SupportsIndex = 0, limit: typing.SupportsInt | typing.SupportsIndex = 0) -> propos._records.RecordList[AuditEvent]:
        ...
    def verify(self, org: str) -> AuditVerification:
        """
        Checks the whole chain; the result names the first bad entry.
        """
    def verify_against(self, org: str, checkpoint: AuditCheckpoint, public_key_pem: str) -> AuditVerification:
        """
        Whether the log still extends the checkpoint (rewritten, truncated or deleted: ok is False and problem says which).
        """
class JobSpec:
    """
    What to enqueue.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('type', 'payload', 'priority', 'run_at', 'idempotency_key', 'max_attempts', 'correlation_id')
    _schema: typing.ClassVar[tuple] = (('type', 'string'), ('payload', 'object'), ('priority', 'int'), ('run_at', 'time'), ('idempotency_key', 'string'), ('max_attempts', 'int'), ('correlation_id', 'string'))
    payload: typing.Any
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> JobSpec:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> JobSpec:
        ...
    def __deepcopy__(self, memo: typing.Any) -> JobSpec:
        ...
    @typing.overload
    def __eq__(self, arg0: JobSpec) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def correlation_id(self) -> str:
        ...
    @correlation_id.setter
    def correlation_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def idempotency_key(self) -> str:
        ...
    @idempotency_key.setter
    def idempotency_key(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_attempts(self) -> int:
        ...
    @max_attempts.setter
    def max_attempts(self, arg1: typing.Any) -> None:
        ...
    @property
    def priority(self) -> int:
        ...
    @priority.setter
    def priority(self, arg1: typing.Any) -> None:
        ...
    @property
    def run_at(self) -> datetime.datetime | None:
        ...
    @run_at.setter
    def run_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def type(self) -> str:
        ...
    @type.setter
    def type(self, arg1: typing.Any) -> None:
        ...
class Job:
    """
    A stored job.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'org_id', 'type', 'payload', 'priority', 'state', 'run_at', 'attempts', 'max_attempts', 'idempotency_key', 'correlation_id', 'lease_token', 'lease_until', 'last_error', 'created_at', 'updated_at')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('org_id', 'string'), ('type', 'string'), ('payload', 'object'), ('priority', 'int'), ('state', 'string'), ('run_at', 'time'), ('attempts', 'int'), ('max_attempts', 'int'), ('idempotency_key', 'string'), ('correlation_id', 'string'), ('lease_token', 'string'), ('lease_until', 'time'), ('last_error', 'string'), ('created_at', 'time'), ('updated_at', 'time'))
    payload: typing.Any
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Job:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> Job:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Job:
        ...
    @typing.overload
    def __eq__(self, arg0: Job) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def attempts(self) -> int:
        ...
    @attempts.setter
    def attempts(self, arg1: typing.Any) -> None:
        ...
    @property
    def correlation_id(self) -> str:
        ...
    @correlation_id.setter
    def correlation_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def created_at(self) -> datetime.datetime:
        ...
    @created_at.setter
    def created_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def idempotency_key(self) -> str:
        ...
    @idempotency_key.setter
    def idempotency_key(self, arg1: typing.Any) -> None:
        ...
    @property
    def last_error(self) -> str:
        ...
    @last_error.setter
    def last_error(self, arg1: typing.Any) -> None:
        ...
    @property
    def lease_token(self) -> str:
        ...
    @lease_token.setter
    def lease_token(self, arg1: typing.Any) -> None:
        ...
    @property
    def lease_until(self) -> datetime.datetime | None:
        ...
    @lease_until.setter
    def lease_until(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_attempts(self) -> int:
        ...
    @max_attempts.setter
    def max_attempts(self, arg1: typing.Any) -> None:
        ...
    @property
    def org_id(self) -> str:
        ...
    @org_id.setter
    def org_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def priority(self) -> int:
        ...
    @priority.setter
    def priority(self, arg1: typing.Any) -> None:
        ...
    @property
    def run_at(self) -> datetime.datetime:
        ...
    @run_at.setter
    def run_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def state(self) -> str:
        ...
    @state.setter
    def state(self, arg1: typing.Any) -> None:
        ...
    @property
    def type(self) -> str:
        ...
    @type.setter
    def type(self, arg1: typing.Any) -> None:
        ...
    @property
    def updated_at(self) -> datetime.datetime:
        ...
    @updated_at.setter
    def updated_at(self, arg1: typing.Any) -> None:
        ...
class JobCounts:
    """
    Jobs by state in one organization.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('pending', 'running', 'done', 'dead')
    _schema: typing.ClassVar[tuple] = (('pending', 'int'), ('running', 'int'), ('done', 'int'), ('dead', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> JobCounts:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> JobCounts:
        ...
    def __deepcopy__(self, memo: typing.Any) -> JobCounts:
        ...
    @typing.overload
    def __eq__(self, arg0: JobCounts) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def dead(self) -> int:
        ...
    @dead.setter
    def dead(self, arg1: typing.Any) -> None:
        ...
    @property
    def done(self) -> int:
        ...
    @done.setter
    def done(self, arg1: typing.Any) -> None:
        ...
    @property
    def pending(self) -> int:
        ...
    @pending.setter
    def pending(self, arg1: typing.Any) -> None:
        ...
    @property
    def running(self) -> int:
        ...
    @running.setter
    def running(self, arg1: typing.Any) -> None:
        ...
class Schedule:
    """
    A recurring job fired on a cron schedule (UTC).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('name', 'cron', 'job', 'next_run_at')
    _schema: typing.ClassVar[tuple] = (('name', 'string'), ('cron', 'string'), ('job', 'object'), ('next_run_at', 'time'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Schedule:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> Schedule:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Schedule:
        ...
    @typing.overload
    def __eq__(self, arg0: Schedule) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def cron(self) -> str:
        ...
    @cron.setter
    def cron(self, arg1: typing.Any) -> None:
        ...
    @property
    def job(self) -> JobSpec:
        ...
    @job.setter
    def job(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        ...
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def next_run_at(self) -> datetime.datetime:
        ...
    @next_run_at.setter
    def next_run_at(self, arg1: typing.Any) -> None:
        ...
class JobQueue:
    """
    The durable job queue (owned by the Coordinator).
    """
    def counts(self, org: str) -> JobCounts:
        ...
    def counts_by_type(self, org: str) -> dict[str, JobCounts]:
        """
        counts() per job type, by type name.
        """
    def dead_letters(self, org: str, limit: typing.SupportsInt | typing.SupportsIndex = 0) -> propos._records.RecordList[Job]:
        ...
    def enqueue(self, org: str, spec: JobSpec) -> str:
        ...
    def find(self, org: str, id: str) -> Job | None:
        ...
    def next_due(self, org: str) -> datetime.datetime | None:
        ...
    def retry_dead(self, org: str, id: str) -> None:
        ...
    def schedules(self, org: str) -> propos._records.RecordList[Schedule]:
        ...
class Embedder:
    """
    Maps texts to vectors. Subclass it in Python and implement dimension() -> int, model() -> str and embed(texts) -> array of shape (len(texts), dimension); C++ calls embed() from whichever thread indexes or searches, holding the GIL only for the call. A subclass missing one of the methods cannot be instantiated (TypeError).
    """
    @staticmethod
    def __init__(*args, **kwargs):
        """
        _init_checking_methods(self: object, *args, **kwargs) -> None
        """
    def dimension(self) -> int:
        ...
    def embed(self, texts: collections.abc.Sequence[str]) -> numpy.typing.NDArray[numpy.float32]:
        """
        Embeds a batch of documents: a float32 array of shape (len(texts), dimension).
        """
    def embed_queries(self, texts: collections.abc.Sequence[str]) -> numpy.typing.NDArray[numpy.float32]:
        """
        Embeds a batch of search queries (asymmetric models: with the query prefix or input type); defaults to embed(). A Python subclass may override it.
        """
    def model(self) -> str:
        ...
class HashingEmbedderOptions:
    """
    Options of the built-in hashing embedder.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('dimension', 'domain_vocabulary')
    _schema: typing.ClassVar[tuple] = (('dimension', 'int'), ('domain_vocabulary', 'bool'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> HashingEmbedderOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> HashingEmbedderOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> HashingEmbedderOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: HashingEmbedderOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def dimension(self) -> int:
        ...
    @dimension.setter
    def dimension(self, arg1: typing.Any) -> None:
        ...
    @property
    def domain_vocabulary(self) -> bool:
        ...
    @domain_vocabulary.setter
    def domain_vocabulary(self, arg1: typing.Any) -> None:
        ...
class OpenAiEmbedderOptions:
    """
    Options of the OpenAI-compatible embeddings client.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('base_url', 'api_key', 'model', 'dimensions', 'send_dimensions', 'max_batch', 'retry', 'timeout', 'query_prefix', 'document_prefix', 'query_input_type', 'document_input_type', 'max_input_chars')
    _schema: typing.ClassVar[tuple] = (('base_url', 'string'), ('api_key', 'string'), ('model', 'string'), ('dimensions', 'int'), ('send_dimensions', 'bool'), ('max_batch', 'int'), ('retry', 'object'), ('timeout', 'duration'), ('query_prefix', 'string'), ('document_prefix', 'string'), ('query_input_type', 'string'), ('document_input_type', 'string'), ('max_input_chars', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> OpenAiEmbedderOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> OpenAiEmbedderOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> OpenAiEmbedderOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: OpenAiEmbedderOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def api_key(self) -> str:
        ...
    @api_key.setter
    def api_key(self, arg1: typing.Any) -> None:
        ...
    @property
    def base_url(self) -> str:
        ...
    @base_url.setter
    def base_url(self, arg1: typing.Any) -> None:
        ...
    @property
    def dimensions(self) -> int:
        ...
    @dimensions.setter
    def dimensions(self, arg1: typing.Any) -> None:
        ...
    @property
    def document_input_type(self) -> str:
        ...
    @document_input_type.setter
    def document_input_type(self, arg1: typing.Any) -> None:
        ...
    @property
    def document_prefix(self) -> str:
        ...
    @document_prefix.setter
    def document_prefix(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_batch(self) -> int:
        ...
    @max_batch.setter
    def max_batch(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_input_chars(self) -> int:
        ...
    @max_input_chars.setter
    def max_input_chars(self, arg1: typing.Any) -> None:
        ...
    @property
    def model(self) -> str:
        ...
    @model.setter
    def model(self, arg1: typing.Any) -> None:
        ...
    @property
    def query_input_type(self) -> str:
        ...
    @query_input_type.setter
    def query_input_type(self, arg1: typing.Any) -> None:
        ...
    @property
    def query_prefix(self) -> str:
        ...
    @query_prefix.setter
    def query_prefix(self, arg1: typing.Any) -> None:
        ...
    @property
    def retry(self) -> RetryPolicy:
        ...
    @retry.setter
    def retry(self, arg1: typing.Any) -> None:
        ...
    @property
    def send_dimensions(self) -> bool:
        ...
    @send_dimensions.setter
    def send_dimensions(self, arg1: typing.Any) -> None:
        ...
    @property
    def timeout(self) -> datetime.timedelta:
        ...
    @timeout.setter
    def timeout(self, arg1: typing.Any) -> None:
        ...
class SimilarityThresholds:
    """
    Similarity thresholds of one embedder (search floor, duplicate detection).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('min_similarity', 'duplicate', 'keyword_weight', 'source')
    _schema: typing.ClassVar[tuple] = (('min_similarity', 'float'), ('duplicate', 'float'), ('keyword_weight', 'float'), ('source', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> SimilarityThresholds:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> SimilarityThresholds:
        ...
    def __deepcopy__(self, memo: typing.Any) -> SimilarityThresholds:
        ...
    @typing.overload
    def __eq__(self, arg0: SimilarityThresholds) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def duplicate(self) -> float:
        ...
    @duplicate.setter
    def duplicate(self, arg1: typing.Any) -> None:
        ...
    @property
    def keyword_weight(self) -> float:
        ...
    @keyword_weight.setter
    def keyword_weight(self, arg1: typing.Any) -> None:
        ...
    @property
    def min_similarity(self) -> float:
        ...
    @min_similarity.setter
    def min_similarity(self, arg1: typing.Any) -> None:
        ...
    @property
    def source(self) -> str:
        ...
    @source.setter
    def source(self, arg1: typing.Any) -> None:
        ...
class SearchQuery:
    """
    What to look for; only `text` is required.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('text', 'k', 'kinds', 'property_id', 'unit_id', 'from_', 'until', 'keyword', 'semantic', 'min_similarity')
    _schema: typing.ClassVar[tuple] = (('text', 'string'), ('k', 'int'), ('kinds', 'strings'), ('property_id', 'string'), ('unit_id', 'string'), ('from', 'time'), ('until', 'time'), ('keyword', 'bool'), ('semantic', 'bool'), ('min_similarity', 'float'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> SearchQuery:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> SearchQuery:
        ...
    def __deepcopy__(self, memo: typing.Any) -> SearchQuery:
        ...
    @typing.overload
    def __eq__(self, arg0: SearchQuery) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def from_(self) -> datetime.datetime | None:
        ...
    @from_.setter
    def from_(self, arg1: typing.Any) -> None:
        ...
    @property
    def k(self) -> int:
        ...
    @k.setter
    def k(self, arg1: typing.Any) -> None:
        ...
    @property
    def keyword(self) -> bool:
        ...
    @keyword.setter
    def keyword(self, arg1: typing.Any) -> None:
        ...
    @property
    def kinds(self) -> list[str]:
        ...
    @kinds.setter
    def kinds(self, arg1: typing.Any) -> None:
        ...
    @property
    def min_similarity(self) -> float | None:
        ...
    @min_similarity.setter
    def min_similarity(self, arg1: typing.Any) -> None:
        ...
    @property
    def property_id(self) -> str | None:
        ...
    @property_id.setter
    def property_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def semantic(self) -> bool:
        ...
    @semantic.setter
    def semantic(self, arg1: typing.Any) -> None:
        ...
    @property
    def text(self) -> str:
        ...
    @text.setter
    def text(self, arg1: typing.Any) -> None:
        ...
    @property
    def unit_id(self) -> str | None:
        ...
    @unit_id.setter
    def unit_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def until(self) -> datetime.datetime | None:
        ...
    @until.setter
    def until(self, arg1: typing.Any) -> None:
        ...
class SearchHit:
    """
    One search result (work-order fields set for work orders).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'kind', 'org', 'score', 'text', 'at', 'property_id', 'unit_id', 'keyword_rank', 'vector_rank', 'similarity', 'work_order_id', 'title', 'status', 'category', 'resolution', 'vendor_id', 'vendor_name', 'cost', 'completed_at', 'decision_kind', 'decided_by', 'decision', 'note', 'escalation_reason', 'amount')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('kind', 'string'), ('org', 'string'), ('score', 'float'), ('text', 'string'), ('at', 'time'), ('property_id', 'string'), ('unit_id', 'string'), ('keyword_rank', 'int'), ('vector_rank', 'int'), ('similarity', 'float'), ('work_order_id', 'string'), ('title', 'string'), ('status', 'string'), ('category', 'string'), ('resolution', 'string'), ('vendor_id', 'string'), ('vendor_name', 'string'), ('cost', 'money'), ('completed_at', 'time'), ('decision_kind', 'string'), ('decided_by', 'string'), ('decision', 'string'), ('note', 'string'), ('escalation_reason', 'string'), ('amount', 'money'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> SearchHit:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> SearchHit:
        ...
    def __deepcopy__(self, memo: typing.Any) -> SearchHit:
        ...
    @typing.overload
    def __eq__(self, arg0: SearchHit) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def amount(self) -> int | None:
        ...
    @amount.setter
    def amount(self, arg1: typing.Any) -> None:
        ...
    @property
    def at(self) -> datetime.datetime:
        ...
    @at.setter
    def at(self, arg1: typing.Any) -> None:
        ...
    @property
    def category(self) -> str:
        ...
    @category.setter
    def category(self, arg1: typing.Any) -> None:
        ...
    @property
    def completed_at(self) -> datetime.datetime | None:
        ...
    @completed_at.setter
    def completed_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def cost(self) -> int | None:
        ...
    @cost.setter
    def cost(self, arg1: typing.Any) -> None:
        ...
    @property
    def decided_by(self) -> str:
        ...
    @decided_by.setter
    def decided_by(self, arg1: typing.Any) -> None:
        ...
    @property
    def decision(self) -> str:
        ...
    @decision.setter
    def decision(self, arg1: typing.Any) -> None:
        ...
    @property
    def decision_kind(self) -> str:
        ...
    @decision_kind.setter
    def decision_kind(self, arg1: typing.Any) -> None:
        ...
    @property
    def escalation_reason(self) -> str:
        ...
    @escalation_reason.setter
    def escalation_reason(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def keyword_rank(self) -> int:
        ...
    @keyword_rank.setter
    def keyword_rank(self, arg1: typing.Any) -> None:
        ...
    @property
    def kind(self) -> str:
        ...
    @kind.setter
    def kind(self, arg1: typing.Any) -> None:
        ...
    @property
    def note(self) -> str:
        ...
    @note.setter
    def note(self, arg1: typing.Any) -> None:
        ...
    @property
    def org(self) -> str:
        ...
    @org.setter
    def org(self, arg1: typing.Any) -> None:
        ...
    @property
    def property_id(self) -> str:
        ...
    @property_id.setter
    def property_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def resolution(self) -> str:
        ...
    @resolution.setter
    def resolution(self, arg1: typing.Any) -> None:
        ...
    @property
    def score(self) -> float:
        ...
    @score.setter
    def score(self, arg1: typing.Any) -> None:
        ...
    @property
    def similarity(self) -> float:
        ...
    @similarity.setter
    def similarity(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
    @property
    def text(self) -> str:
        ...
    @text.setter
    def text(self, arg1: typing.Any) -> None:
        ...
    @property
    def title(self) -> str:
        ...
    @title.setter
    def title(self, arg1: typing.Any) -> None:
        ...
    @property
    def unit_id(self) -> str:
        ...
    @unit_id.setter
    def unit_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def vector_rank(self) -> int:
        ...
    @vector_rank.setter
    def vector_rank(self, arg1: typing.Any) -> None:
        ...
    @property
    def vendor_id(self) -> str | None:
        ...
    @vendor_id.setter
    def vendor_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def vendor_name(self) -> str:
        ...
    @vendor_name.setter
    def vendor_name(self, arg1: typing.Any) -> None:
        ...
    @property
    def work_order_id(self) -> str | None:
        ...
    @work_order_id.setter
    def work_order_id(self, arg1: typing.Any) -> None:
        ...
class VectorIndexOptions:
    """
    Settings of a VectorIndex.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('dimension', 'exact_threshold', 'm', 'ef_construction', 'ef_search', 'compaction_ratio', 'build_threads', 'seed')
    _schema: typing.ClassVar[tuple] = (('dimension', 'int'), ('exact_threshold', 'int'), ('m', 'int'), ('ef_construction', 'int'), ('ef_search', 'int'), ('compaction_ratio', 'float'), ('build_threads', 'int'), ('seed', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> VectorIndexOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> VectorIndexOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> VectorIndexOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: VectorIndexOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def build_threads(self) -> int:
        ...
    @build_threads.setter
    def build_threads(self, arg1: typing.Any) -> None:
        ...
    @property
    def compaction_ratio(self) -> float:
        ...
    @compaction_ratio.setter
    def compaction_ratio(self, arg1: typing.Any) -> None:
        ...
    @property
    def dimension(self) -> int:
        ...
    @dimension.setter
    def dimension(self, arg1: typing.Any) -> None:
        ...
    @property
    def ef_construction(self) -> int:
        ...
    @ef_construction.setter
    def ef_construction(self, arg1: typing.Any) -> None:
        ...
    @property
    def ef_search(self) -> int:
        ...
    @ef_search.setter
    def ef_search(self, arg1: typing.Any) -> None:
        ...
    @property
    def exact_threshold(self) -> int:
        ...
    @exact_threshold.setter
    def exact_threshold(self, arg1: typing.Any) -> None:
        ...
    @property
    def m(self) -> int:
        ...
    @m.setter
    def m(self, arg1: typing.Any) -> None:
        ...
    @property
    def seed(self) -> int:
        ...
    @seed.setter
    def seed(self, arg1: typing.Any) -> None:
        ...
class HistorySearchOptions:
    """
    Settings of a HistorySearch.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('index_dir', 'persist', 'vectors', 'candidates', 'rrf_k', 'snippet_chars', 'autosave_changes', 'keyword_fallback', 'embed_batch', 'thresholds')
    _schema: typing.ClassVar[tuple] = (('index_dir', 'string'), ('persist', 'bool'), ('vectors', 'object'), ('candidates', 'int'), ('rrf_k', 'float'), ('snippet_chars', 'int'), ('autosave_changes', 'int'), ('keyword_fallback', 'bool'), ('embed_batch', 'int'), ('thresholds', 'object'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> HistorySearchOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> HistorySearchOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> HistorySearchOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: HistorySearchOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def autosave_changes(self) -> int:
        ...
    @autosave_changes.setter
    def autosave_changes(self, arg1: typing.Any) -> None:
        ...
    @property
    def candidates(self) -> int:
        ...
    @candidates.setter
    def candidates(self, arg1: typing.Any) -> None:
        ...
    @property
    def embed_batch(self) -> int:
        ...
    @embed_batch.setter
    def embed_batch(self, arg1: typing.Any) -> None:
        ...
    @property
    def index_dir(self) -> str:
        ...
    @index_dir.setter
    def index_dir(self, arg1: typing.Any) -> None:
        ...
    @property
    def keyword_fallback(self) -> bool:
        ...
    @keyword_fallback.setter
    def keyword_fallback(self, arg1: typing.Any) -> None:
        ...
    @property
    def persist(self) -> bool:
        ...
    @persist.setter
    def persist(self, arg1: typing.Any) -> None:
        ...
    @property
    def rrf_k(self) -> float:
        ...
    @rrf_k.setter
    def rrf_k(self, arg1: typing.Any) -> None:
        ...
    @property
    def snippet_chars(self) -> int:
        ...
    @snippet_chars.setter
    def snippet_chars(self, arg1: typing.Any) -> None:
        ...
    @property
    def thresholds(self) -> SimilarityThresholds | None:
        ...
    @thresholds.setter
    def thresholds(self, arg1: typing.Any) -> None:
        ...
    @property
    def vectors(self) -> VectorIndexOptions:
        ...
    @vectors.setter
    def vectors(self, arg1: typing.Any) -> None:
        ...
class IndexedModel:
    """
    Which model embedded an organization's search documents.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('model', 'dimension', 'documents', 'current')
    _schema: typing.ClassVar[tuple] = (('model', 'string'), ('dimension', 'int'), ('documents', 'int'), ('current', 'bool'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> IndexedModel:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> IndexedModel:
        ...
    def __deepcopy__(self, memo: typing.Any) -> IndexedModel:
        ...
    @typing.overload
    def __eq__(self, arg0: IndexedModel) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def current(self) -> bool:
        ...
    @current.setter
    def current(self, arg1: typing.Any) -> None:
        ...
    @property
    def dimension(self) -> int:
        ...
    @dimension.setter
    def dimension(self, arg1: typing.Any) -> None:
        ...
    @property
    def documents(self) -> int:
        ...
    @documents.setter
    def documents(self, arg1: typing.Any) -> None:
        ...
    @property
    def model(self) -> str:
        ...
    @model.setter
    def model(self, arg1: typing.Any) -> None:
        ...
class ReindexResult:
    """
    What reindex() did.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('work_orders', 'messages', 'notes', 'knowledge_articles', 'decisions', 'documents', 'elapsed')
    _schema: typing.ClassVar[tuple] = (('work_orders', 'int'), ('messages', 'int'), ('notes', 'int'), ('knowledge_articles', 'int'), ('decisions', 'int'), ('documents', 'int'), ('elapsed', 'duration'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> ReindexResult:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> ReindexResult:
        ...
    def __deepcopy__(self, memo: typing.Any) -> ReindexResult:
        ...
    @typing.overload
    def __eq__(self, arg0: ReindexResult) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def decisions(self) -> int:
        ...
    @decisions.setter
    def decisions(self, arg1: typing.Any) -> None:
        ...
    @property
    def documents(self) -> int:
        ...
    @documents.setter
    def documents(self, arg1: typing.Any) -> None:
        ...
    @property
    def elapsed(self) -> datetime.timedelta:
        ...
    @elapsed.setter
    def elapsed(self, arg1: typing.Any) -> None:
        ...
    @property
    def knowledge_articles(self) -> int:
        ...
    @knowledge_articles.setter
    def knowledge_articles(self, arg1: typing.Any) -> None:
        ...
    @property
    def messages(self) -> int:
        ...
    @messages.setter
    def messages(self, arg1: typing.Any) -> None:
        ...
    @property
    def notes(self) -> int:
        ...
    @notes.setter
    def notes(self, arg1: typing.Any) -> None:
        ...
    @property
    def work_orders(self) -> int:
        ...
    @work_orders.setter
    def work_orders(self, arg1: typing.Any) -> None:
        ...
class SearchIndexStatus:
    """
    The state of one organization's search index.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('model', 'dimension', 'documents', 'seq', 'vectors', 'tombstones', 'hnsw', 'index_file', 'unsaved_changes')
    _schema: typing.ClassVar[tuple] = (('model', 'string'), ('dimension', 'int'), ('documents', 'int'), ('seq', 'int'), ('vectors', 'int'), ('tombstones', 'int'), ('hnsw', 'bool'), ('index_file', 'string'), ('unsaved_changes', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> SearchIndexStatus:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> SearchIndexStatus:
        ...
    def __deepcopy__(self, memo: typing.Any) -> SearchIndexStatus:
        ...
    @typing.overload
    def __eq__(self, arg0: SearchIndexStatus) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def dimension(self) -> int:
        ...
    @dimension.setter
    def dimension(self, arg1: typing.Any) -> None:
        ...
    @property
    def documents(self) -> int:
        ...
    @documents.setter
    def documents(self, arg1: typing.Any) -> None:
        ...
    @property
    def hnsw(self) -> bool:
        ...
    @hnsw.setter
    def hnsw(self, arg1: typing.Any) -> None:
        ...
    @property
    def index_file(self) -> str:
        ...
    @index_file.setter
    def index_file(self, arg1: typing.Any) -> None:
        ...
    @property
    def model(self) -> str:
        ...
    @model.setter
    def model(self, arg1: typing.Any) -> None:
        ...
    @property
    def seq(self) -> int:
        ...
    @seq.setter
    def seq(self, arg1: typing.Any) -> None:
        ...
    @property
    def tombstones(self) -> int:
        ...
    @tombstones.setter
    def tombstones(self, arg1: typing.Any) -> None:
        ...
    @property
    def unsaved_changes(self) -> int:
        ...
    @unsaved_changes.setter
    def unsaved_changes(self, arg1: typing.Any) -> None:
        ...
    @property
    def vectors(self) -> int:
        ...
    @vectors.setter
    def vectors(self, arg1: typing.Any) -> None:
        ...
class HistorySearch:
    """
    Semantic + keyword search over an organization's history (messages, work orders, notes). The store must stay open (the HistorySearch keeps it alive).
    """
    def __init__(self, store: Store, embedder: Embedder, options: HistorySearchOptions = ...) -> None:
        ...
    def close(self) -> None:
        """
        Saves the indexes now.
        """
    def flush(self) -> None:
        ...
    def index_decision(self, org: str, id: str) -> None:
        ...
    def index_entities(self, org: str, kind: str, ids: collections.abc.Sequence[str]) -> None:
        ...
    def index_knowledge_article(self, org: str, id: str) -> None:
        ...
    def index_message(self, org: str, id: str) -> None:
        ...
    def index_note(self, org: str, id: str) -> None:
        ...
    def index_work_order(self, org: str, id: str) -> None:
        ...
    def indexed_model(self, org: str) -> IndexedModel:
        ...
    def reindex(self, org: str, progress: typing.Any = None) -> ReindexResult:
        """
        Re-embeds the organization's history; progress(done, total) is called after each batch.
        """
    def reindex_if_stale(self, org: str) -> bool:
        ...
    def remove(self, org: str, kind: str, id: str) -> bool:
        ...
    def search(self, org: str, query: typing.Any, **kwargs) -> propos._records.RecordList[SearchHit]:
        """
        The best documents of `org`, best first. `query` is a SearchQuery or its text with the other SearchQuery fields as keywords: search('harbor', 'leak under sink', k=5).
        """
    def status(self, org: str) -> SearchIndexStatus:
        ...
    def thresholds(self) -> SimilarityThresholds:
        ...
class VectorIndex:
    """
    Nearest neighbours by cosine similarity over labelled float32 vectors.
    """
    @staticmethod
    def load(path: str | os.PathLike, options: VectorIndexOptions = ...) -> VectorIndex:
        ...
    def __contains__(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> bool:
        ...
    def __init__(self, options: VectorIndexOptions = ...) -> None:
        ...
    def __len__(self) -> int:
        ...
    def add(self, label: typing.SupportsInt | typing.SupportsIndex, vector: typing.Annotated[numpy.typing.ArrayLike, numpy.float32]) -> None:
        ...
    def add_batch(self, labels: typing.Annotated[numpy.typing.ArrayLike, numpy.uint64], vectors: typing.Annotated[numpy.typing.ArrayLike, numpy.float32]) -> None:
        ...
    def compact(self) -> None:
        ...
    def contains(self, label: typing.SupportsInt | typing.SupportsIndex) -> bool:
        ...
    def deleted_count(self) -> int:
        ...
    def is_hnsw(self) -> bool:
        ...
    def remove(self, label: typing.SupportsInt | typing.SupportsIndex) -> bool:
        ...
    def save(self, path: str | os.PathLike, tag: typing.SupportsInt | typing.SupportsIndex = 0) -> None:
        ...
    def search(self, query: typing.Annotated[numpy.typing.ArrayLike, numpy.float32], k: typing.SupportsInt | typing.SupportsIndex, ef: typing.SupportsInt | typing.SupportsIndex = 0) -> tuple[numpy.typing.NDArray[numpy.uint64], numpy.typing.NDArray[numpy.float32]]:
        """
        The k most similar vectors: (labels uint64 array, scores float32 array), best first.
        """
    def size(self) -> int:
        ...
class TwilioWebhookOptions:
    """
    Verification and limits of Twilio webhooks (inbound SMS/MMS, status callbacks).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('auth_token', 'verify_signature', 'account_sid', 'our_numbers', 'max_body_bytes', 'default_country_code')
    _schema: typing.ClassVar[tuple] = (('auth_token', 'string'), ('verify_signature', 'bool'), ('account_sid', 'string'), ('our_numbers', 'object'), ('max_body_bytes', 'int'), ('default_country_code', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> TwilioWebhookOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> TwilioWebhookOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> TwilioWebhookOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: TwilioWebhookOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def account_sid(self) -> str:
        """
        When set, other accounts are refused.
        """
    @account_sid.setter
    def account_sid(self, arg1: typing.Any) -> None:
        ...
    @property
    def auth_token(self) -> str:
        """
        Signs X-Twilio-Signature (a secret).
        """
    @auth_token.setter
    def auth_token(self, arg1: typing.Any) -> None:
        ...
    @property
    def default_country_code(self) -> str:
        ...
    @default_country_code.setter
    def default_country_code(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_body_bytes(self) -> int:
        ...
    @max_body_bytes.setter
    def max_body_bytes(self, arg1: typing.Any) -> None:
        ...
    @property
    def our_numbers(self) -> set[str]:
        """
        When set, messages to other numbers are refused.
        """
    @our_numbers.setter
    def our_numbers(self, arg1: typing.Any) -> None:
        ...
    @property
    def verify_signature(self) -> bool:
        ...
    @verify_signature.setter
    def verify_signature(self, arg1: typing.Any) -> None:
        ...
class SendGridInboundOptions:
    """
    Limits of SendGrid Inbound Parse webhooks.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('max_body_bytes', 'max_attachment_bytes', 'max_attachments', 'our_addresses', 'url_token')
    _schema: typing.ClassVar[tuple] = (('max_body_bytes', 'int'), ('max_attachment_bytes', 'int'), ('max_attachments', 'int'), ('our_addresses', 'object'), ('url_token', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> SendGridInboundOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> SendGridInboundOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> SendGridInboundOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: SendGridInboundOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def max_attachment_bytes(self) -> int:
        ...
    @max_attachment_bytes.setter
    def max_attachment_bytes(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_attachments(self) -> int:
        ...
    @max_attachments.setter
    def max_attachments(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_body_bytes(self) -> int:
        ...
    @max_body_bytes.setter
    def max_body_bytes(self, arg1: typing.Any) -> None:
        ...
    @property
    def our_addresses(self) -> set[str]:
        ...
    @our_addresses.setter
    def our_addresses(self, arg1: typing.Any) -> None:
        ...
    @property
    def url_token(self) -> str:
        """
        When set, the webhook URL must carry ?token=<url_token> (Inbound Parse is unsigned).
        """
    @url_token.setter
    def url_token(self, arg1: typing.Any) -> None:
        ...
class SendGridEventOptions:
    """
    Verification of the SendGrid Event Webhook.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('public_key', 'verify_signature', 'timestamp_tolerance', 'max_body_bytes')
    _schema: typing.ClassVar[tuple] = (('public_key', 'string'), ('verify_signature', 'bool'), ('timestamp_tolerance', 'duration'), ('max_body_bytes', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> SendGridEventOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> SendGridEventOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> SendGridEventOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: SendGridEventOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def max_body_bytes(self) -> int:
        ...
    @max_body_bytes.setter
    def max_body_bytes(self, arg1: typing.Any) -> None:
        ...
    @property
    def public_key(self) -> str:
        """
        The ECDSA P-256 verification key (base64 DER).
        """
    @public_key.setter
    def public_key(self, arg1: typing.Any) -> None:
        ...
    @property
    def timestamp_tolerance(self) -> datetime.timedelta:
        ...
    @timestamp_tolerance.setter
    def timestamp_tolerance(self, arg1: typing.Any) -> None:
        ...
    @property
    def verify_signature(self) -> bool:
        ...
    @verify_signature.setter
    def verify_signature(self, arg1: typing.Any) -> None:
        ...
class OutboundMessage:
    """
    One message to send.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('channel', 'idempotency_key', 'to', 'from_', 'subject', 'text', 'html', 'media_urls', 'in_reply_to', 'references', 'headers', 'metadata', 'status_callback')
    _schema: typing.ClassVar[tuple] = (('channel', 'string'), ('idempotency_key', 'string'), ('to', 'string'), ('from', 'string'), ('subject', 'string'), ('text', 'string'), ('html', 'string'), ('media_urls', 'strings'), ('in_reply_to', 'string'), ('references', 'strings'), ('headers', 'object'), ('metadata', 'object'), ('status_callback', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> OutboundMessage:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> OutboundMessage:
        ...
    def __deepcopy__(self, memo: typing.Any) -> OutboundMessage:
        ...
    @typing.overload
    def __eq__(self, arg0: OutboundMessage) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def channel(self) -> str:
        ...
    @channel.setter
    def channel(self, arg1: typing.Any) -> None:
        ...
    @property
    def from_(self) -> str:
        ...
    @from_.setter
    def from_(self, arg1: typing.Any) -> None:
        ...
    @property
    def headers(self) -> dict[str, str]:
        ...
    @headers.setter
    def headers(self, arg1: typing.Any) -> None:
        ...
    @property
    def html(self) -> str:
        ...
    @html.setter
    def html(self, arg1: typing.Any) -> None:
        ...
    @property
    def idempotency_key(self) -> str:
        ...
    @idempotency_key.setter
    def idempotency_key(self, arg1: typing.Any) -> None:
        ...
    @property
    def in_reply_to(self) -> str:
        ...
    @in_reply_to.setter
    def in_reply_to(self, arg1: typing.Any) -> None:
        ...
    @property
    def media_urls(self) -> list[str]:
        ...
    @media_urls.setter
    def media_urls(self, arg1: typing.Any) -> None:
        ...
    @property
    def metadata(self) -> dict[str, str]:
        ...
    @metadata.setter
    def metadata(self, arg1: typing.Any) -> None:
        ...
    @property
    def references(self) -> list[str]:
        ...
    @references.setter
    def references(self, arg1: typing.Any) -> None:
        ...
    @property
    def status_callback(self) -> str:
        ...
    @status_callback.setter
    def status_callback(self, arg1: typing.Any) -> None:
        ...
    @property
    def subject(self) -> str:
        ...
    @subject.setter
    def subject(self, arg1: typing.Any) -> None:
        ...
    @property
    def text(self) -> str:
        ...
    @text.setter
    def text(self, arg1: typing.Any) -> None:
        ...
    @property
    def to(self) -> str:
        ...
    @to.setter
    def to(self, arg1: typing.Any) -> None:
        ...
class SendResult:
    """
    What a provider answered for an accepted message.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('provider', 'provider_message_id', 'status', 'provider_status', 'duplicate', 'attempts', 'http_status')
    _schema: typing.ClassVar[tuple] = (('provider', 'string'), ('provider_message_id', 'string'), ('status', 'string'), ('provider_status', 'string'), ('duplicate', 'bool'), ('attempts', 'int'), ('http_status', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> SendResult:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> SendResult:
        ...
    def __deepcopy__(self, memo: typing.Any) -> SendResult:
        ...
    @typing.overload
    def __eq__(self, arg0: SendResult) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def attempts(self) -> int:
        ...
    @attempts.setter
    def attempts(self, arg1: typing.Any) -> None:
        ...
    @property
    def duplicate(self) -> bool:
        ...
    @duplicate.setter
    def duplicate(self, arg1: typing.Any) -> None:
        ...
    @property
    def http_status(self) -> int:
        ...
    @http_status.setter
    def http_status(self, arg1: typing.Any) -> None:
        ...
    @property
    def provider(self) -> str:
        ...
    @provider.setter
    def provider(self, arg1: typing.Any) -> None:
        ...
    @property
    def provider_message_id(self) -> str:
        ...
    @provider_message_id.setter
    def provider_message_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def provider_status(self) -> str:
        ...
    @provider_status.setter
    def provider_status(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
class OutboundChannel:
    """
    Delivers outbound messages through one provider. Subclass it in Python (see the stub for the methods; a subclass missing channel(), provider() or send() cannot be instantiated). Calling the object, channel(org, message), delivers a stored Message and returns the provider message id, so a channel can be given as a Coordinator deliverer.
    """
    @staticmethod
    def __init__(*args, **kwargs):
        """
        _init_checking_methods(self: object, *args, **kwargs) -> None
        """
    def __call__(self, org: str, message: Message) -> str:
        ...
    def channel(self) -> str:
        ...
    def find_sent(self, idempotency_key: str) -> SendResult | None:
        ...
    def provider(self) -> str:
        ...
    def remember(self, idempotency_key: str, result: SendResult) -> None:
        ...
    def send(self, message: OutboundMessage) -> SendResult:
        ...
class BlobStore:
    """
    Content-addressed storage for attachment and proof bytes, keyed 'sha256:<hex>' of the content. Make one with local_blob_store() or memory_blob_store(); give each organization its own.
    """
    def contains(self, key: str) -> bool:
        ...
    def get(self, key: str) -> bytes | None:
        """
        The bytes stored under `key`, or None; InvalidArgument for a malformed key.
        """
    def put(self, data: bytes) -> str:
        """
        Stores the bytes; returns their key. ResourceExhausted when larger than max_blob_bytes.
        """
    @property
    def max_blob_bytes(self) -> int:
        ...
class RunBudget:
    """
    Limits on one agent run and on an organization's daily model spend.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('max_steps', 'max_input_tokens', 'max_output_tokens', 'max_cost_micros', 'max_org_daily_cost_micros')
    _schema: typing.ClassVar[tuple] = (('max_steps', 'int'), ('max_input_tokens', 'int'), ('max_output_tokens', 'int'), ('max_cost_micros', 'int'), ('max_org_daily_cost_micros', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> RunBudget:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> RunBudget:
        ...
    def __deepcopy__(self, memo: typing.Any) -> RunBudget:
        ...
    @typing.overload
    def __eq__(self, arg0: RunBudget) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def max_cost_micros(self) -> int:
        ...
    @max_cost_micros.setter
    def max_cost_micros(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_input_tokens(self) -> int:
        ...
    @max_input_tokens.setter
    def max_input_tokens(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_org_daily_cost_micros(self) -> int:
        ...
    @max_org_daily_cost_micros.setter
    def max_org_daily_cost_micros(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_output_tokens(self) -> int:
        ...
    @max_output_tokens.setter
    def max_output_tokens(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_steps(self) -> int:
        ...
    @max_steps.setter
    def max_steps(self, arg1: typing.Any) -> None:
        ...
class SpendDecision:
    """
    What the spending rules say about an amount of work.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('within_nte', 'needs_bids', 'needs_owner_approval', 'nte', 'reason')
    _schema: typing.ClassVar[tuple] = (('within_nte', 'bool'), ('needs_bids', 'bool'), ('needs_owner_approval', 'bool'), ('nte', 'money'), ('reason', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> SpendDecision:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> SpendDecision:
        ...
    def __deepcopy__(self, memo: typing.Any) -> SpendDecision:
        ...
    @typing.overload
    def __eq__(self, arg0: SpendDecision) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def needs_bids(self) -> bool:
        ...
    @needs_bids.setter
    def needs_bids(self, arg1: typing.Any) -> None:
        ...
    @property
    def needs_owner_approval(self) -> bool:
        ...
    @needs_owner_approval.setter
    def needs_owner_approval(self, arg1: typing.Any) -> None:
        ...
    @property
    def nte(self) -> int:
        ...
    @nte.setter
    def nte(self, arg1: typing.Any) -> None:
        ...
    @property
    def reason(self) -> str:
        ...
    @reason.setter
    def reason(self, arg1: typing.Any) -> None:
        ...
    @property
    def within_nte(self) -> bool:
        ...
    @within_nte.setter
    def within_nte(self, arg1: typing.Any) -> None:
        ...
class Policy:
    """
    Spending limits, quiet hours, tool allow-lists and run budgets (money in cents).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('bid_threshold', 'min_bids', 'quiet_start_hour', 'quiet_end_hour', 'max_tool_failures', 'min_confidence', 'budget', 'tool_allow_list')
    _schema: typing.ClassVar[tuple] = (('bid_threshold', 'money'), ('min_bids', 'int'), ('quiet_start_hour', 'int'), ('quiet_end_hour', 'int'), ('max_tool_failures', 'int'), ('min_confidence', 'float'), ('budget', 'object'), ('tool_allow_list', 'object'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Policy:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> Policy:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Policy:
        ...
    @typing.overload
    def __eq__(self, arg0: Policy) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def evaluate_spend(self, property: Property, amount: int, emergency: bool) -> SpendDecision:
        ...
    def is_quiet_hour(self, local_hour: typing.SupportsInt | typing.SupportsIndex) -> bool:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def tool_allowed(self, workflow: str, tool: str) -> bool:
        ...
    @property
    def bid_threshold(self) -> int:
        ...
    @bid_threshold.setter
    def bid_threshold(self, arg1: typing.Any) -> None:
        ...
    @property
    def budget(self) -> RunBudget:
        ...
    @budget.setter
    def budget(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_tool_failures(self) -> int:
        ...
    @max_tool_failures.setter
    def max_tool_failures(self, arg1: typing.Any) -> None:
        ...
    @property
    def min_bids(self) -> int:
        ...
    @min_bids.setter
    def min_bids(self, arg1: typing.Any) -> None:
        ...
    @property
    def min_confidence(self) -> float:
        ...
    @min_confidence.setter
    def min_confidence(self, arg1: typing.Any) -> None:
        ...
    @property
    def quiet_end_hour(self) -> int:
        ...
    @quiet_end_hour.setter
    def quiet_end_hour(self, arg1: typing.Any) -> None:
        ...
    @property
    def quiet_start_hour(self) -> int:
        ...
    @quiet_start_hour.setter
    def quiet_start_hour(self, arg1: typing.Any) -> None:
        ...
    @property
    def tool_allow_list(self) -> dict[str, set[str]]:
        ...
    @tool_allow_list.setter
    def tool_allow_list(self, arg1: typing.Any) -> None:
        ...
class AgentRunnerOptions:
    """
    Model, max_tokens per call and cost function (model, usage) -> micro-dollars of the agent.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('model', 'max_tokens', 'cost_micros')
    _schema: typing.ClassVar[tuple] = (('model', 'string'), ('max_tokens', 'int'), ('cost_micros', 'object'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> AgentRunnerOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> AgentRunnerOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> AgentRunnerOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: AgentRunnerOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def cost_micros(self) -> collections.abc.Callable[[str, Usage], int]:
        ...
    @cost_micros.setter
    def cost_micros(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_tokens(self) -> int:
        ...
    @max_tokens.setter
    def max_tokens(self, arg1: typing.Any) -> None:
        ...
    @property
    def model(self) -> str:
        ...
    @model.setter
    def model(self, arg1: typing.Any) -> None:
        ...
class AgentRun:
    """
    The durable state of one agent run.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'workflow', 'status', 'status_reason', 'step', 'system', 'messages', 'allowed_tools', 'usage', 'cost_micros', 'model', 'provider', 'inbound_text', 'inbound_message_id', 'context', 'executed', 'consecutive_tool_failures', 'raised', 'pending_escalation', 'correlation_id', 'created_at', 'updated_at')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('workflow', 'string'), ('status', 'string'), ('status_reason', 'string'), ('step', 'int'), ('system', 'object'), ('messages', 'object'), ('allowed_tools', 'strings'), ('usage', 'object'), ('cost_micros', 'int'), ('model', 'string'), ('provider', 'string'), ('inbound_text', 'string'), ('inbound_message_id', 'string'), ('context', 'object'), ('executed', 'object'), ('consecutive_tool_failures', 'int'), ('raised', 'strings'), ('pending_escalation', 'string'), ('correlation_id', 'string'), ('created_at', 'time'), ('updated_at', 'time'))
    context: typing.Any
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> AgentRun:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> AgentRun:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> AgentRun:
        ...
    def __deepcopy__(self, memo: typing.Any) -> AgentRun:
        ...
    @typing.overload
    def __eq__(self, arg0: AgentRun) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def allowed_tools(self) -> list[str]:
        ...
    @allowed_tools.setter
    def allowed_tools(self, arg1: typing.Any) -> None:
        ...
    @property
    def consecutive_tool_failures(self) -> int:
        ...
    @consecutive_tool_failures.setter
    def consecutive_tool_failures(self, arg1: typing.Any) -> None:
        ...
    @property
    def correlation_id(self) -> str:
        ...
    @correlation_id.setter
    def correlation_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def cost_micros(self) -> int:
        ...
    @cost_micros.setter
    def cost_micros(self, arg1: typing.Any) -> None:
        ...
    @property
    def created_at(self) -> datetime.datetime:
        ...
    @created_at.setter
    def created_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def executed(self) -> dict[str, ContentBlock]:
        ...
    @executed.setter
    def executed(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def inbound_message_id(self) -> str | None:
        ...
    @inbound_message_id.setter
    def inbound_message_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def inbound_text(self) -> str:
        ...
    @inbound_text.setter
    def inbound_text(self, arg1: typing.Any) -> None:
        ...
    @property
    def messages(self) -> list[ChatMessage]:
        ...
    @messages.setter
    def messages(self, arg1: typing.Any) -> None:
        ...
    @property
    def model(self) -> str:
        ...
    @model.setter
    def model(self, arg1: typing.Any) -> None:
        ...
    @property
    def pending_escalation(self) -> str | None:
        ...
    @pending_escalation.setter
    def pending_escalation(self, arg1: typing.Any) -> None:
        ...
    @property
    def provider(self) -> str:
        ...
    @provider.setter
    def provider(self, arg1: typing.Any) -> None:
        ...
    @property
    def raised(self) -> list[str]:
        ...
    @raised.setter
    def raised(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
    @property
    def status_reason(self) -> str:
        ...
    @status_reason.setter
    def status_reason(self, arg1: typing.Any) -> None:
        ...
    @property
    def step(self) -> int:
        ...
    @step.setter
    def step(self, arg1: typing.Any) -> None:
        ...
    @property
    def system(self) -> list[SystemBlock]:
        ...
    @system.setter
    def system(self, arg1: typing.Any) -> None:
        ...
    @property
    def updated_at(self) -> datetime.datetime:
        ...
    @updated_at.setter
    def updated_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def usage(self) -> Usage:
        ...
    @usage.setter
    def usage(self, arg1: typing.Any) -> None:
        ...
    @property
    def workflow(self) -> str:
        ...
    @workflow.setter
    def workflow(self, arg1: typing.Any) -> None:
        ...
class AgentTask:
    """
    What an agent run should do.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('workflow', 'system', 'context_text', 'untrusted_text', 'untrusted_label', 'untrusted_message_id', 'context', 'tools', 'correlation_id', 'run_id')
    _schema: typing.ClassVar[tuple] = (('workflow', 'string'), ('system', 'object'), ('context_text', 'string'), ('untrusted_text', 'string'), ('untrusted_label', 'string'), ('untrusted_message_id', 'string'), ('context', 'object'), ('tools', 'strings'), ('correlation_id', 'string'), ('run_id', 'string'))
    context: typing.Any
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> AgentTask:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> AgentTask:
        ...
    def __deepcopy__(self, memo: typing.Any) -> AgentTask:
        ...
    @typing.overload
    def __eq__(self, arg0: AgentTask) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def context_text(self) -> str:
        ...
    @context_text.setter
    def context_text(self, arg1: typing.Any) -> None:
        ...
    @property
    def correlation_id(self) -> str:
        ...
    @correlation_id.setter
    def correlation_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def run_id(self) -> str:
        ...
    @run_id.setter
    def run_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def system(self) -> list[SystemBlock]:
        ...
    @system.setter
    def system(self, arg1: typing.Any) -> None:
        ...
    @property
    def tools(self) -> list[str]:
        ...
    @tools.setter
    def tools(self, arg1: typing.Any) -> None:
        ...
    @property
    def untrusted_label(self) -> str:
        ...
    @untrusted_label.setter
    def untrusted_label(self, arg1: typing.Any) -> None:
        ...
    @property
    def untrusted_message_id(self) -> str | None:
        ...
    @untrusted_message_id.setter
    def untrusted_message_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def untrusted_text(self) -> str:
        ...
    @untrusted_text.setter
    def untrusted_text(self, arg1: typing.Any) -> None:
        ...
    @property
    def workflow(self) -> str:
        ...
    @workflow.setter
    def workflow(self, arg1: typing.Any) -> None:
        ...
class RunOutcome:
    """
    The result of AgentRunner.start()/resume().
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('run', 'escalations')
    _schema: typing.ClassVar[tuple] = (('run', 'object'), ('escalations', 'object'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> RunOutcome:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> RunOutcome:
        ...
    def __deepcopy__(self, memo: typing.Any) -> RunOutcome:
        ...
    @typing.overload
    def __eq__(self, arg0: RunOutcome) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def escalations(self) -> list[Escalation]:
        ...
    @escalations.setter
    def escalations(self, arg1: typing.Any) -> None:
        ...
    @property
    def run(self) -> AgentRun:
        ...
    @run.setter
    def run(self, arg1: typing.Any) -> None:
        ...
class AgentRunner:
    """
    The decision loop (owned by a Coordinator: Coordinator.agent). Runs are durable; provider failures propagate after the run state is saved.
    """
    @staticmethod
    def delimit_untrusted(label: str, text: str) -> str:
        ...
    @staticmethod
    def untrusted_data_notice() -> str:
        ...
    def find_run(self, org: str, run_id: str) -> AgentRun | None:
        ...
    def resolve(self, org: str, id: str, decision: str, resolved_by: str) -> Escalation:
        ...
    def resume(self, org: str, run_id: str) -> RunOutcome:
        ...
    def start(self, org: str, task: AgentTask) -> RunOutcome:
        ...
class OnboardingItem:
    """
    One item of a lease's move-in checklist: who acts, when it is due, its status and the proof document (blob key and SHA-256).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('key', 'title', 'actor', 'rule', 'proof_required', 'due_at', 'status', 'done_at', 'done_by', 'proof_blob_key', 'proof_sha256', 'proof_message_id', 'note', 'overdue_escalation_id')
    _schema: typing.ClassVar[tuple] = (('key', 'string'), ('title', 'string'), ('actor', 'string'), ('rule', 'string'), ('proof_required', 'bool'), ('due_at', 'time'), ('status', 'string'), ('done_at', 'time'), ('done_by', 'string'), ('proof_blob_key', 'string'), ('proof_sha256', 'string'), ('proof_message_id', 'string'), ('note', 'string'), ('overdue_escalation_id', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> OnboardingItem:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> OnboardingItem:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> OnboardingItem:
        ...
    def __deepcopy__(self, memo: typing.Any) -> OnboardingItem:
        ...
    @typing.overload
    def __eq__(self, arg0: OnboardingItem) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def actor(self) -> str:
        ...
    @actor.setter
    def actor(self, arg1: typing.Any) -> None:
        ...
    @property
    def done_at(self) -> datetime.datetime | None:
        ...
    @done_at.setter
    def done_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def done_by(self) -> str:
        ...
    @done_by.setter
    def done_by(self, arg1: typing.Any) -> None:
        ...
    @property
    def due_at(self) -> datetime.datetime:
        ...
    @due_at.setter
    def due_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def key(self) -> str:
        ...
    @key.setter
    def key(self, arg1: typing.Any) -> None:
        ...
    @property
    def note(self) -> str:
        ...
    @note.setter
    def note(self, arg1: typing.Any) -> None:
        ...
    @property
    def overdue_escalation_id(self) -> str:
        ...
    @overdue_escalation_id.setter
    def overdue_escalation_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def proof_blob_key(self) -> str:
        ...
    @proof_blob_key.setter
    def proof_blob_key(self, arg1: typing.Any) -> None:
        ...
    @property
    def proof_message_id(self) -> str:
        ...
    @proof_message_id.setter
    def proof_message_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def proof_required(self) -> bool:
        ...
    @proof_required.setter
    def proof_required(self, arg1: typing.Any) -> None:
        ...
    @property
    def proof_sha256(self) -> str:
        ...
    @proof_sha256.setter
    def proof_sha256(self, arg1: typing.Any) -> None:
        ...
    @property
    def rule(self) -> str:
        ...
    @rule.setter
    def rule(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
    @property
    def title(self) -> str:
        ...
    @title.setter
    def title(self, arg1: typing.Any) -> None:
        ...
class Onboarding:
    """
    A lease's onboarding (id 'onb_' + lease id) with its checklist items.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'lease_id', 'unit_id', 'property_id', 'tenant_ids', 'jurisdiction', 'checklist', 'move_in_at', 'status', 'started_at', 'started_by', 'completed_at', 'welcome_sent_at', 'reminders_sent', 'last_reminder_at', 'items')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('lease_id', 'string'), ('unit_id', 'string'), ('property_id', 'string'), ('tenant_ids', 'strings'), ('jurisdiction', 'string'), ('checklist', 'string'), ('move_in_at', 'time'), ('status', 'string'), ('started_at', 'time'), ('started_by', 'string'), ('completed_at', 'time'), ('welcome_sent_at', 'time'), ('reminders_sent', 'int'), ('last_reminder_at', 'time'), ('items', 'object'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Onboarding:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> Onboarding:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> Onboarding:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Onboarding:
        ...
    @typing.overload
    def __eq__(self, arg0: Onboarding) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def checklist(self) -> str:
        ...
    @checklist.setter
    def checklist(self, arg1: typing.Any) -> None:
        ...
    @property
    def completed_at(self) -> datetime.datetime | None:
        ...
    @completed_at.setter
    def completed_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def items(self) -> list[OnboardingItem]:
        ...
    @items.setter
    def items(self, arg1: typing.Any) -> None:
        ...
    @property
    def jurisdiction(self) -> str:
        ...
    @jurisdiction.setter
    def jurisdiction(self, arg1: typing.Any) -> None:
        ...
    @property
    def last_reminder_at(self) -> datetime.datetime | None:
        ...
    @last_reminder_at.setter
    def last_reminder_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def lease_id(self) -> str:
        ...
    @lease_id.setter
    def lease_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def move_in_at(self) -> datetime.datetime:
        ...
    @move_in_at.setter
    def move_in_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def property_id(self) -> str:
        ...
    @property_id.setter
    def property_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def reminders_sent(self) -> int:
        ...
    @reminders_sent.setter
    def reminders_sent(self, arg1: typing.Any) -> None:
        ...
    @property
    def started_at(self) -> datetime.datetime:
        ...
    @started_at.setter
    def started_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def started_by(self) -> str:
        ...
    @started_by.setter
    def started_by(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
    @property
    def tenant_ids(self) -> list[str]:
        ...
    @tenant_ids.setter
    def tenant_ids(self, arg1: typing.Any) -> None:
        ...
    @property
    def unit_id(self) -> str:
        ...
    @unit_id.setter
    def unit_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def welcome_sent_at(self) -> datetime.datetime | None:
        ...
    @welcome_sent_at.setter
    def welcome_sent_at(self, arg1: typing.Any) -> None:
        ...
class OnboardingCheck:
    """
    A person's check of an onboarding item: who, the proof's blob key, a note, or a waiver (the item does not apply; the note says why).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('checked_by', 'proof_blob_key', 'note', 'waive')
    _schema: typing.ClassVar[tuple] = (('checked_by', 'string'), ('proof_blob_key', 'string'), ('note', 'string'), ('waive', 'bool'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> OnboardingCheck:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> OnboardingCheck:
        ...
    def __deepcopy__(self, memo: typing.Any) -> OnboardingCheck:
        ...
    @typing.overload
    def __eq__(self, arg0: OnboardingCheck) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def checked_by(self) -> str:
        ...
    @checked_by.setter
    def checked_by(self, arg1: typing.Any) -> None:
        ...
    @property
    def note(self) -> str:
        ...
    @note.setter
    def note(self, arg1: typing.Any) -> None:
        ...
    @property
    def proof_blob_key(self) -> str:
        ...
    @proof_blob_key.setter
    def proof_blob_key(self, arg1: typing.Any) -> None:
        ...
    @property
    def waive(self) -> bool:
        ...
    @waive.setter
    def waive(self, arg1: typing.Any) -> None:
        ...
class ChecklistItem:
    """
    One item of a move-in checklist (its applicability is in Checklist.source).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('key', 'title', 'actor', 'due_days', 'proof', 'rule', 'instructions', 'keywords')
    _schema: typing.ClassVar[tuple] = (('key', 'string'), ('title', 'string'), ('actor', 'string'), ('due_days', 'int'), ('proof', 'bool'), ('rule', 'string'), ('instructions', 'object'), ('keywords', 'strings'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> ChecklistItem:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> ChecklistItem:
        ...
    def __deepcopy__(self, memo: typing.Any) -> ChecklistItem:
        ...
    @typing.overload
    def __eq__(self, arg0: ChecklistItem) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def actor(self) -> str:
        ...
    @actor.setter
    def actor(self, arg1: typing.Any) -> None:
        ...
    @property
    def due_days(self) -> int:
        ...
    @due_days.setter
    def due_days(self, arg1: typing.Any) -> None:
        ...
    @property
    def instructions(self) -> dict[str, str]:
        ...
    @instructions.setter
    def instructions(self, arg1: typing.Any) -> None:
        ...
    @property
    def key(self) -> str:
        ...
    @key.setter
    def key(self, arg1: typing.Any) -> None:
        ...
    @property
    def keywords(self) -> list[str]:
        ...
    @keywords.setter
    def keywords(self, arg1: typing.Any) -> None:
        ...
    @property
    def proof(self) -> bool:
        ...
    @proof.setter
    def proof(self, arg1: typing.Any) -> None:
        ...
    @property
    def rule(self) -> str:
        ...
    @rule.setter
    def rule(self, arg1: typing.Any) -> None:
        ...
    @property
    def title(self) -> str:
        ...
    @title.setter
    def title(self, arg1: typing.Any) -> None:
        ...
class ChecklistReminders:
    """
    Reminder cadence for tenant items.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('max', 'every_days', 'lead_days')
    _schema: typing.ClassVar[tuple] = (('max', 'int'), ('every_days', 'int'), ('lead_days', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> ChecklistReminders:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> ChecklistReminders:
        ...
    def __deepcopy__(self, memo: typing.Any) -> ChecklistReminders:
        ...
    @typing.overload
    def __eq__(self, arg0: ChecklistReminders) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def every_days(self) -> int:
        ...
    @every_days.setter
    def every_days(self, arg1: typing.Any) -> None:
        ...
    @property
    def lead_days(self) -> int:
        ...
    @lead_days.setter
    def lead_days(self, arg1: typing.Any) -> None:
        ...
    @property
    def max(self) -> int:
        ...
    @max.setter
    def max(self, arg1: typing.Any) -> None:
        ...
class Checklist:
    """
    A validated move-in checklist; `source` is the JSON document.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('name', 'version', 'jurisdictions', 'start_days_before', 'reminders', 'welcome', 'items', 'source')
    _schema: typing.ClassVar[tuple] = (('name', 'string'), ('version', 'int'), ('jurisdictions', 'strings'), ('start_days_before', 'int'), ('reminders', 'object'), ('welcome', 'object'), ('items', 'object'), ('source', 'object'))
    source: typing.Any
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> Checklist:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> Checklist:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Checklist:
        ...
    @typing.overload
    def __eq__(self, arg0: Checklist) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def items(self) -> list[ChecklistItem]:
        ...
    @items.setter
    def items(self, arg1: typing.Any) -> None:
        ...
    @property
    def jurisdictions(self) -> list[str]:
        ...
    @jurisdictions.setter
    def jurisdictions(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        ...
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def reminders(self) -> ChecklistReminders:
        ...
    @reminders.setter
    def reminders(self, arg1: typing.Any) -> None:
        ...
    @property
    def start_days_before(self) -> int:
        ...
    @start_days_before.setter
    def start_days_before(self, arg1: typing.Any) -> None:
        ...
    @property
    def version(self) -> int:
        ...
    @version.setter
    def version(self, arg1: typing.Any) -> None:
        ...
    @property
    def welcome(self) -> dict[str, str]:
        ...
    @welcome.setter
    def welcome(self, arg1: typing.Any) -> None:
        ...
class RulePack:
    """
    A validated compliance rule pack: its jurisdiction ('nyc'), name, origin (the file it was read from, or 'builtin:<jurisdiction>') and document (the pack as a dict).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('jurisdiction', 'name', 'origin', 'document')
    _schema: typing.ClassVar[tuple] = (('jurisdiction', 'string'), ('name', 'string'), ('origin', 'string'), ('document', 'object'))
    document: typing.Any
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> RulePack:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> RulePack:
        ...
    def __deepcopy__(self, memo: typing.Any) -> RulePack:
        ...
    @typing.overload
    def __eq__(self, arg0: RulePack) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def jurisdiction(self) -> str:
        ...
    @jurisdiction.setter
    def jurisdiction(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        ...
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def origin(self) -> str:
        ...
    @origin.setter
    def origin(self, arg1: typing.Any) -> None:
        ...
class LegalRepairDeadline:
    """
    A work order's legal repair deadline from a rule pack: the violation class, when it is due, how long before it the at-risk escalation comes, its basis and whether the sources confirmed the value.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('jurisdiction', 'violation_class', 'title', 'due_at', 'at_risk_lead', 'basis', 'confirmed', 'note')
    _schema: typing.ClassVar[tuple] = (('jurisdiction', 'string'), ('violation_class', 'string'), ('title', 'string'), ('due_at', 'time'), ('at_risk_lead', 'duration'), ('basis', 'string'), ('confirmed', 'bool'), ('note', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> LegalRepairDeadline:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> LegalRepairDeadline:
        ...
    def __deepcopy__(self, memo: typing.Any) -> LegalRepairDeadline:
        ...
    @typing.overload
    def __eq__(self, arg0: LegalRepairDeadline) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def at_risk_lead(self) -> datetime.timedelta:
        ...
    @at_risk_lead.setter
    def at_risk_lead(self, arg1: typing.Any) -> None:
        ...
    @property
    def basis(self) -> str:
        ...
    @basis.setter
    def basis(self, arg1: typing.Any) -> None:
        ...
    @property
    def confirmed(self) -> bool:
        ...
    @confirmed.setter
    def confirmed(self, arg1: typing.Any) -> None:
        ...
    @property
    def due_at(self) -> datetime.datetime:
        ...
    @due_at.setter
    def due_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def jurisdiction(self) -> str:
        ...
    @jurisdiction.setter
    def jurisdiction(self, arg1: typing.Any) -> None:
        ...
    @property
    def note(self) -> str:
        ...
    @note.setter
    def note(self, arg1: typing.Any) -> None:
        ...
    @property
    def title(self) -> str:
        ...
    @title.setter
    def title(self, arg1: typing.Any) -> None:
        ...
    @property
    def violation_class(self) -> str:
        ...
    @violation_class.setter
    def violation_class(self, arg1: typing.Any) -> None:
        ...
class RenewalReply:
    """
    How a tenant answered a renewal offer: kind ('accept', 'decline', 'negotiate', 'question', 'unclear'), the words that decided it, whether the text is about the renewal at all and whether it names the lease or the offer itself.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('kind', 'reasons', 'about_renewal', 'names_renewal')
    _schema: typing.ClassVar[tuple] = (('kind', 'string'), ('reasons', 'strings'), ('about_renewal', 'bool'), ('names_renewal', 'bool'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> RenewalReply:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> RenewalReply:
        ...
    def __deepcopy__(self, memo: typing.Any) -> RenewalReply:
        ...
    @typing.overload
    def __eq__(self, arg0: RenewalReply) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def about_renewal(self) -> bool:
        ...
    @about_renewal.setter
    def about_renewal(self, arg1: typing.Any) -> None:
        ...
    @property
    def kind(self) -> str:
        ...
    @kind.setter
    def kind(self, arg1: typing.Any) -> None:
        ...
    @property
    def names_renewal(self) -> bool:
        ...
    @names_renewal.setter
    def names_renewal(self, arg1: typing.Any) -> None:
        ...
    @property
    def reasons(self) -> list[str]:
        ...
    @reasons.setter
    def reasons(self, arg1: typing.Any) -> None:
        ...
class IncomingMessage:
    """
    A message as it arrives. provider_message_id (the deduplication key), from_ and text are required.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('provider', 'provider_message_id', 'channel', 'from_', 'to', 'subject', 'text', 'received_at', 'media', 'in_reply_to', 'references', 'raw_payload', 'raw_content_type')
    _schema: typing.ClassVar[tuple] = (('provider', 'string'), ('provider_message_id', 'string'), ('channel', 'string'), ('from', 'string'), ('to', 'string'), ('subject', 'string'), ('text', 'string'), ('received_at', 'time'), ('media', 'strings'), ('in_reply_to', 'string'), ('references', 'strings'), ('raw_payload', 'string'), ('raw_content_type', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> IncomingMessage:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> IncomingMessage:
        ...
    def __deepcopy__(self, memo: typing.Any) -> IncomingMessage:
        ...
    @typing.overload
    def __eq__(self, arg0: IncomingMessage) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def channel(self) -> str:
        ...
    @channel.setter
    def channel(self, arg1: typing.Any) -> None:
        ...
    @property
    def from_(self) -> str:
        ...
    @from_.setter
    def from_(self, arg1: typing.Any) -> None:
        ...
    @property
    def in_reply_to(self) -> str:
        ...
    @in_reply_to.setter
    def in_reply_to(self, arg1: typing.Any) -> None:
        ...
    @property
    def media(self) -> list[str]:
        ...
    @media.setter
    def media(self, arg1: typing.Any) -> None:
        ...
    @property
    def provider(self) -> str:
        ...
    @provider.setter
    def provider(self, arg1: typing.Any) -> None:
        ...
    @property
    def provider_message_id(self) -> str:
        ...
    @provider_message_id.setter
    def provider_message_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def raw_content_type(self) -> str:
        ...
    @raw_content_type.setter
    def raw_content_type(self, arg1: typing.Any) -> None:
        ...
    @property
    def raw_payload(self) -> str:
        ...
    @raw_payload.setter
    def raw_payload(self, arg1: typing.Any) -> None:
        ...
    @property
    def received_at(self) -> datetime.datetime:
        ...
    @received_at.setter
    def received_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def references(self) -> list[str]:
        ...
    @references.setter
    def references(self, arg1: typing.Any) -> None:
        ...
    @property
    def subject(self) -> str:
        ...
    @subject.setter
    def subject(self, arg1: typing.Any) -> None:
        ...
    @property
    def text(self) -> str:
        ...
    @text.setter
    def text(self, arg1: typing.Any) -> None:
        ...
    @property
    def to(self) -> str:
        ...
    @to.setter
    def to(self, arg1: typing.Any) -> None:
        ...
class IngestResult:
    """
    The result of Coordinator.ingest().
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('message_id', 'duplicate', 'tenant_id', 'vendor_id', 'raw_payload_id')
    _schema: typing.ClassVar[tuple] = (('message_id', 'string'), ('duplicate', 'bool'), ('tenant_id', 'string'), ('vendor_id', 'string'), ('raw_payload_id', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> IngestResult:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> IngestResult:
        ...
    def __deepcopy__(self, memo: typing.Any) -> IngestResult:
        ...
    @typing.overload
    def __eq__(self, arg0: IngestResult) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def duplicate(self) -> bool:
        ...
    @duplicate.setter
    def duplicate(self, arg1: typing.Any) -> None:
        ...
    @property
    def message_id(self) -> str:
        ...
    @message_id.setter
    def message_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def raw_payload_id(self) -> int:
        ...
    @raw_payload_id.setter
    def raw_payload_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def tenant_id(self) -> str | None:
        ...
    @tenant_id.setter
    def tenant_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def vendor_id(self) -> str | None:
        ...
    @vendor_id.setter
    def vendor_id(self, arg1: typing.Any) -> None:
        ...
class IngestOutcome:
    """
    One message of Coordinator.ingest_batch(): its result, or the error that kept it out (the payload is then a dead letter).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('result', 'error')
    _schema: typing.ClassVar[tuple] = (('result', 'object'), ('error', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> IngestOutcome:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> IngestOutcome:
        ...
    def __deepcopy__(self, memo: typing.Any) -> IngestOutcome:
        ...
    @typing.overload
    def __eq__(self, arg0: IngestOutcome) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def code(self) -> str | None:
        """
        The error code's name (e.g. 'invalid_argument') when the message was refused.
        """
    @property
    def error(self) -> str:
        ...
    @error.setter
    def error(self, arg1: typing.Any) -> None:
        ...
    @property
    def ok(self) -> bool:
        """
        Whether it was ingested.
        """
    @property
    def result(self) -> IngestResult | None:
        ...
    @result.setter
    def result(self, arg1: typing.Any) -> None:
        ...
class WebhookRequest:
    """
    A provider's HTTP request as the host received it.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('endpoint', 'pms_system', 'method', 'url', 'headers', 'body')
    _schema: typing.ClassVar[tuple] = (('endpoint', 'string'), ('pms_system', 'string'), ('method', 'string'), ('url', 'string'), ('headers', 'object'), ('body', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> WebhookRequest:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> WebhookRequest:
        ...
    def __deepcopy__(self, memo: typing.Any) -> WebhookRequest:
        ...
    @typing.overload
    def __eq__(self, arg0: WebhookRequest) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def body(self) -> str:
        ...
    @body.setter
    def body(self, arg1: typing.Any) -> None:
        ...
    @property
    def endpoint(self) -> str:
        ...
    @endpoint.setter
    def endpoint(self, arg1: typing.Any) -> None:
        ...
    @property
    def headers(self) -> list[tuple[str, str]]:
        ...
    @headers.setter
    def headers(self, arg1: typing.Any) -> None:
        ...
    @property
    def method(self) -> str:
        ...
    @method.setter
    def method(self, arg1: typing.Any) -> None:
        ...
    @property
    def pms_system(self) -> str:
        ...
    @pms_system.setter
    def pms_system(self, arg1: typing.Any) -> None:
        ...
    @property
    def url(self) -> str:
        ...
    @url.setter
    def url(self, arg1: typing.Any) -> None:
        ...
class WebhookResponse:
    """
    The answer for the host's HTTP layer, and what happened.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('status', 'content_type', 'body', 'outcome', 'ingested', 'updates_applied', 'jobs_enqueued', 'error', 'warnings')
    _schema: typing.ClassVar[tuple] = (('status', 'int'), ('content_type', 'string'), ('body', 'string'), ('outcome', 'string'), ('ingested', 'object'), ('updates_applied', 'int'), ('jobs_enqueued', 'int'), ('error', 'string'), ('warnings', 'strings'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> WebhookResponse:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> WebhookResponse:
        ...
    def __deepcopy__(self, memo: typing.Any) -> WebhookResponse:
        ...
    @typing.overload
    def __eq__(self, arg0: WebhookResponse) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def body(self) -> str:
        ...
    @body.setter
    def body(self, arg1: typing.Any) -> None:
        ...
    @property
    def content_type(self) -> str:
        ...
    @content_type.setter
    def content_type(self, arg1: typing.Any) -> None:
        ...
    @property
    def error(self) -> str:
        ...
    @error.setter
    def error(self, arg1: typing.Any) -> None:
        ...
    @property
    def ingested(self) -> IngestResult | None:
        ...
    @ingested.setter
    def ingested(self, arg1: typing.Any) -> None:
        ...
    @property
    def jobs_enqueued(self) -> int:
        ...
    @jobs_enqueued.setter
    def jobs_enqueued(self, arg1: typing.Any) -> None:
        ...
    @property
    def outcome(self) -> str:
        ...
    @outcome.setter
    def outcome(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> int:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
    @property
    def updates_applied(self) -> int:
        ...
    @updates_applied.setter
    def updates_applied(self, arg1: typing.Any) -> None:
        ...
    @property
    def warnings(self) -> list[str]:
        ...
    @warnings.setter
    def warnings(self, arg1: typing.Any) -> None:
        ...
class IntegrationConfig:
    """
    One organization's webhook settings (Twilio, SendGrid) and its blob store (tenant attachments, onboarding proofs). PMS adapters are configured from C++.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('twilio', 'public_base_url', 'sendgrid_inbound', 'sendgrid_events', 'pms_push_updates', 'blob_store', 'rejection_sample_bytes', 'rejection_samples_per_hour')
    _schema: typing.ClassVar[tuple] = (('twilio', 'object'), ('public_base_url', 'string'), ('sendgrid_inbound', 'object'), ('sendgrid_events', 'object'), ('pms_push_updates', 'bool'), ('blob_store', 'object'), ('rejection_sample_bytes', 'int'), ('rejection_samples_per_hour', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> IntegrationConfig:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> IntegrationConfig:
        ...
    def __deepcopy__(self, memo: typing.Any) -> IntegrationConfig:
        ...
    @typing.overload
    def __eq__(self, arg0: IntegrationConfig) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def blob_store(self) -> BlobStore:
        ...
    @blob_store.setter
    def blob_store(self, arg1: typing.Any) -> None:
        ...
    @property
    def pms_push_updates(self) -> bool:
        ...
    @pms_push_updates.setter
    def pms_push_updates(self, arg1: typing.Any) -> None:
        ...
    @property
    def public_base_url(self) -> str:
        ...
    @public_base_url.setter
    def public_base_url(self, arg1: typing.Any) -> None:
        ...
    @property
    def rejection_sample_bytes(self) -> int:
        ...
    @rejection_sample_bytes.setter
    def rejection_sample_bytes(self, arg1: typing.Any) -> None:
        ...
    @property
    def rejection_samples_per_hour(self) -> int:
        ...
    @rejection_samples_per_hour.setter
    def rejection_samples_per_hour(self, arg1: typing.Any) -> None:
        ...
    @property
    def sendgrid_events(self) -> SendGridEventOptions:
        ...
    @sendgrid_events.setter
    def sendgrid_events(self, arg1: typing.Any) -> None:
        ...
    @property
    def sendgrid_inbound(self) -> SendGridInboundOptions:
        ...
    @sendgrid_inbound.setter
    def sendgrid_inbound(self, arg1: typing.Any) -> None:
        ...
    @property
    def twilio(self) -> TwilioWebhookOptions:
        ...
    @twilio.setter
    def twilio(self, arg1: typing.Any) -> None:
        ...
class IntegrationOptions:
    """
    Integrations of every organization: `defaults`, overridden per organization id.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('defaults', 'organizations', 'replay_stranded_after')
    _schema: typing.ClassVar[tuple] = (('defaults', 'object'), ('organizations', 'object'), ('replay_stranded_after', 'duration'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> IntegrationOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> IntegrationOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> IntegrationOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: IntegrationOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def defaults(self) -> IntegrationConfig:
        ...
    @defaults.setter
    def defaults(self, arg1: typing.Any) -> None:
        ...
    @property
    def organizations(self) -> dict[str, IntegrationConfig]:
        ...
    @organizations.setter
    def organizations(self, arg1: typing.Any) -> None:
        ...
    @property
    def replay_stranded_after(self) -> datetime.timedelta:
        ...
    @replay_stranded_after.setter
    def replay_stranded_after(self, arg1: typing.Any) -> None:
        ...
class RunStats:
    """
    Counts from run_until_idle() / tick() / advance().
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('jobs_run', 'jobs_failed', 'jobs_dead', 'schedules_fired')
    _schema: typing.ClassVar[tuple] = (('jobs_run', 'int'), ('jobs_failed', 'int'), ('jobs_dead', 'int'), ('schedules_fired', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> RunStats:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> RunStats:
        ...
    def __deepcopy__(self, memo: typing.Any) -> RunStats:
        ...
    @typing.overload
    def __eq__(self, arg0: RunStats) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def jobs_dead(self) -> int:
        ...
    @jobs_dead.setter
    def jobs_dead(self, arg1: typing.Any) -> None:
        ...
    @property
    def jobs_failed(self) -> int:
        ...
    @jobs_failed.setter
    def jobs_failed(self, arg1: typing.Any) -> None:
        ...
    @property
    def jobs_run(self) -> int:
        ...
    @jobs_run.setter
    def jobs_run(self, arg1: typing.Any) -> None:
        ...
    @property
    def schedules_fired(self) -> int:
        ...
    @schedules_fired.setter
    def schedules_fired(self, arg1: typing.Any) -> None:
        ...
class WorkOrderQuery:
    """
    Filters of Coordinator.work_orders().
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('status', 'unit_id', 'open_only', 'limit')
    _schema: typing.ClassVar[tuple] = (('status', 'string'), ('unit_id', 'string'), ('open_only', 'bool'), ('limit', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> WorkOrderQuery:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> WorkOrderQuery:
        ...
    def __deepcopy__(self, memo: typing.Any) -> WorkOrderQuery:
        ...
    @typing.overload
    def __eq__(self, arg0: WorkOrderQuery) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def limit(self) -> int:
        ...
    @limit.setter
    def limit(self, arg1: typing.Any) -> None:
        ...
    @property
    def open_only(self) -> bool:
        ...
    @open_only.setter
    def open_only(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
    @property
    def unit_id(self) -> str:
        ...
    @unit_id.setter
    def unit_id(self, arg1: typing.Any) -> None:
        ...
class AuditCheckpointOptions:
    """
    Signed audit checkpoints handed to the host as audit.checkpoint events.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('private_key_pem', 'cron')
    _schema: typing.ClassVar[tuple] = (('private_key_pem', 'string'), ('cron', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> AuditCheckpointOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> AuditCheckpointOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> AuditCheckpointOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: AuditCheckpointOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def cron(self) -> str:
        ...
    @cron.setter
    def cron(self, arg1: typing.Any) -> None:
        ...
    @property
    def private_key_pem(self) -> str:
        ...
    @private_key_pem.setter
    def private_key_pem(self, arg1: typing.Any) -> None:
        ...
class RenewalOptions:
    """
    Options of the lease-renewal workflow: offsets (days before the end), the daily renewal.nudge cron (UTC), increase and caps (percent), mailed notices, reply, countersign and negotiation days.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('offsets_days', 'cron', 'increase_percent', 'term_months', 'ca_cpi_percent', 'nyc_rgb_percent', 'notices_mailed', 'reply_days', 'countersign_days', 'early_request_days', 'negotiation_days')
    _schema: typing.ClassVar[tuple] = (('offsets_days', 'object'), ('cron', 'string'), ('increase_percent', 'float'), ('term_months', 'int'), ('ca_cpi_percent', 'float'), ('nyc_rgb_percent', 'float'), ('notices_mailed', 'bool'), ('reply_days', 'int'), ('countersign_days', 'int'), ('early_request_days', 'int'), ('negotiation_days', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> RenewalOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> RenewalOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> RenewalOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: RenewalOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def ca_cpi_percent(self) -> float:
        ...
    @ca_cpi_percent.setter
    def ca_cpi_percent(self, arg1: typing.Any) -> None:
        ...
    @property
    def countersign_days(self) -> int:
        ...
    @countersign_days.setter
    def countersign_days(self, arg1: typing.Any) -> None:
        ...
    @property
    def cron(self) -> str:
        ...
    @cron.setter
    def cron(self, arg1: typing.Any) -> None:
        ...
    @property
    def early_request_days(self) -> int:
        ...
    @early_request_days.setter
    def early_request_days(self, arg1: typing.Any) -> None:
        ...
    @property
    def increase_percent(self) -> float:
        ...
    @increase_percent.setter
    def increase_percent(self, arg1: typing.Any) -> None:
        ...
    @property
    def negotiation_days(self) -> int:
        ...
    @negotiation_days.setter
    def negotiation_days(self, arg1: typing.Any) -> None:
        ...
    @property
    def notices_mailed(self) -> bool:
        ...
    @notices_mailed.setter
    def notices_mailed(self, arg1: typing.Any) -> None:
        ...
    @property
    def nyc_rgb_percent(self) -> float:
        ...
    @nyc_rgb_percent.setter
    def nyc_rgb_percent(self, arg1: typing.Any) -> None:
        ...
    @property
    def offsets_days(self) -> list[int]:
        ...
    @offsets_days.setter
    def offsets_days(self, arg1: typing.Any) -> None:
        ...
    @property
    def reply_days(self) -> int:
        ...
    @reply_days.setter
    def reply_days(self, arg1: typing.Any) -> None:
        ...
    @property
    def term_months(self) -> int:
        ...
    @term_months.setter
    def term_months(self, arg1: typing.Any) -> None:
        ...
class ComplianceOptions:
    """
    Options of the compliance workflow: the host's rule-pack files (over the built-in packs), how far ahead / back the daily check materializes items, an at-risk lead for every rule, the check's cron (UTC), and the proof store (a BlobStore; default: beside the database file, in memory for ':memory:').
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('pack_files', 'lookahead', 'lookback', 'at_risk_lead', 'check_cron', 'proof_store')
    _schema: typing.ClassVar[tuple] = (('pack_files', 'object'), ('lookahead', 'duration'), ('lookback', 'duration'), ('at_risk_lead', 'duration'), ('check_cron', 'string'), ('proof_store', 'object'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> ComplianceOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> ComplianceOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> ComplianceOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: ComplianceOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def at_risk_lead(self) -> datetime.timedelta | None:
        ...
    @at_risk_lead.setter
    def at_risk_lead(self, arg1: typing.Any) -> None:
        ...
    @property
    def check_cron(self) -> str:
        ...
    @check_cron.setter
    def check_cron(self, arg1: typing.Any) -> None:
        ...
    @property
    def lookahead(self) -> datetime.timedelta:
        ...
    @lookahead.setter
    def lookahead(self, arg1: typing.Any) -> None:
        ...
    @property
    def lookback(self) -> datetime.timedelta:
        ...
    @lookback.setter
    def lookback(self, arg1: typing.Any) -> None:
        ...
    @property
    def pack_files(self) -> list[pathlib.Path]:
        ...
    @pack_files.setter
    def pack_files(self, arg1: typing.Any) -> None:
        ...
    @property
    def proof_store(self) -> BlobStore:
        ...
    @proof_store.setter
    def proof_store(self, arg1: typing.Any) -> None:
        ...
class ExpiringLease:
    """
    A lease of Coordinator.expiring_leases() and its first tenant.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('lease', 'tenant_id')
    _schema: typing.ClassVar[tuple] = (('lease', 'object'), ('tenant_id', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> ExpiringLease:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> ExpiringLease:
        ...
    def __deepcopy__(self, memo: typing.Any) -> ExpiringLease:
        ...
    @typing.overload
    def __eq__(self, arg0: ExpiringLease) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def lease(self) -> Lease:
        ...
    @lease.setter
    def lease(self, arg1: typing.Any) -> None:
        ...
    @property
    def tenant_id(self) -> str | None:
        ...
    @tenant_id.setter
    def tenant_id(self, arg1: typing.Any) -> None:
        ...
class CoordinatorOptions:
    """
    Options of Coordinator (also accepted as keywords by its constructor).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('store', 'database_path', 'provider', 'clock', 'policy', 'deliverers', 'batch_size', 'worker', 'agent', 'seed', 'offline_fallback', 'group_commit', 'history_search', 'embedder', 'search', 'integrations', 'id_seed', 'ledger', 'triage_hook', 'max_message_text_bytes', 'audit_checkpoints', 'renewals', 'compliance', 'post_repair_cadence')
    _schema: typing.ClassVar[tuple] = (('store', 'object'), ('database_path', 'string'), ('provider', 'object'), ('clock', 'object'), ('policy', 'object'), ('deliverers', 'object'), ('batch_size', 'int'), ('worker', 'string'), ('agent', 'object'), ('seed', 'int'), ('offline_fallback', 'bool'), ('group_commit', 'bool'), ('history_search', 'bool'), ('embedder', 'object'), ('search', 'object'), ('integrations', 'object'), ('id_seed', 'int'), ('ledger', 'object'), ('triage_hook', 'object'), ('max_message_text_bytes', 'int'), ('audit_checkpoints', 'object'), ('renewals', 'object'), ('compliance', 'object'), ('post_repair_cadence', 'bool'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> CoordinatorOptions:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> CoordinatorOptions:
        ...
    def __deepcopy__(self, memo: typing.Any) -> CoordinatorOptions:
        ...
    @typing.overload
    def __eq__(self, arg0: CoordinatorOptions) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def agent(self) -> AgentRunnerOptions:
        ...
    @agent.setter
    def agent(self, arg1: typing.Any) -> None:
        ...
    @property
    def audit_checkpoints(self) -> AuditCheckpointOptions:
        ...
    @audit_checkpoints.setter
    def audit_checkpoints(self, arg1: typing.Any) -> None:
        ...
    @property
    def batch_size(self) -> int:
        ...
    @batch_size.setter
    def batch_size(self, arg1: typing.Any) -> None:
        ...
    @property
    def clock(self) -> Clock:
        ...
    @clock.setter
    def clock(self, arg1: typing.Any) -> None:
        ...
    @property
    def compliance(self) -> ComplianceOptions:
        ...
    @compliance.setter
    def compliance(self, arg1: typing.Any) -> None:
        ...
    @property
    def database_path(self) -> str:
        ...
    @database_path.setter
    def database_path(self, arg1: typing.Any) -> None:
        ...
    @property
    def deliverers(self) -> dict[str, collections.abc.Callable[[str, Message], str]]:
        ...
    @deliverers.setter
    def deliverers(self, arg1: typing.Any) -> None:
        ...
    @property
    def embedder(self) -> Embedder:
        ...
    @embedder.setter
    def embedder(self, arg1: typing.Any) -> None:
        ...
    @property
    def group_commit(self) -> bool | None:
        ...
    @group_commit.setter
    def group_commit(self, arg1: typing.Any) -> None:
        ...
    @property
    def history_search(self) -> bool:
        ...
    @history_search.setter
    def history_search(self, arg1: typing.Any) -> None:
        ...
    @property
    def id_seed(self) -> int | None:
        ...
    @id_seed.setter
    def id_seed(self, arg1: typing.Any) -> None:
        ...
    @property
    def integrations(self) -> IntegrationOptions:
        ...
    @integrations.setter
    def integrations(self, arg1: typing.Any) -> None:
        ...
    @property
    def ledger(self) -> collections.abc.Callable[[str, Tenant], LedgerFacts | None]:
        ...
    @ledger.setter
    def ledger(self, arg1: typing.Any) -> None:
        ...
    @property
    def max_message_text_bytes(self) -> int:
        ...
    @max_message_text_bytes.setter
    def max_message_text_bytes(self, arg1: typing.Any) -> None:
        ...
    @property
    def offline_fallback(self) -> bool:
        ...
    @offline_fallback.setter
    def offline_fallback(self, arg1: typing.Any) -> None:
        ...
    @property
    def policy(self) -> Policy:
        ...
    @policy.setter
    def policy(self, arg1: typing.Any) -> None:
        ...
    @property
    def post_repair_cadence(self) -> bool:
        ...
    @post_repair_cadence.setter
    def post_repair_cadence(self, arg1: typing.Any) -> None:
        ...
    @property
    def provider(self) -> LlmProvider:
        ...
    @provider.setter
    def provider(self, arg1: typing.Any) -> None:
        ...
    @property
    def renewals(self) -> RenewalOptions:
        ...
    @renewals.setter
    def renewals(self, arg1: typing.Any) -> None:
        ...
    @property
    def search(self) -> HistorySearchOptions:
        ...
    @search.setter
    def search(self, arg1: typing.Any) -> None:
        ...
    @property
    def seed(self) -> int:
        ...
    @seed.setter
    def seed(self, arg1: typing.Any) -> None:
        ...
    @property
    def store(self) -> Store:
        ...
    @store.setter
    def store(self, arg1: typing.Any) -> None:
        ...
    @property
    def triage_hook(self) -> collections.abc.Callable[[TriageHookInput], TriageOpinion | None]:
        ...
    @triage_hook.setter
    def triage_hook(self, arg1: typing.Any) -> None:
        ...
    @property
    def worker(self) -> str:
        ...
    @worker.setter
    def worker(self, arg1: typing.Any) -> None:
        ...
class EventSubscription:
    """
    What Coordinator.on_event() returns; Coordinator.off() takes it.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id')
    _schema: typing.ClassVar[tuple] = (('id', 'int'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> EventSubscription:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> EventSubscription:
        ...
    def __deepcopy__(self, memo: typing.Any) -> EventSubscription:
        ...
    @typing.overload
    def __eq__(self, arg0: EventSubscription) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def id(self) -> int:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
class ApprovalDecision:
    """
    A person's decision on an owner_approval escalation: approve or decline, and the amount (cents) and vendor it covers (None: what was asked).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('approve', 'amount', 'vendor_id', 'note')
    _schema: typing.ClassVar[tuple] = (('approve', 'bool'), ('amount', 'money'), ('vendor_id', 'string'), ('note', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> ApprovalDecision:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> ApprovalDecision:
        ...
    def __deepcopy__(self, memo: typing.Any) -> ApprovalDecision:
        ...
    @typing.overload
    def __eq__(self, arg0: ApprovalDecision) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def amount(self) -> int | None:
        ...
    @amount.setter
    def amount(self, arg1: typing.Any) -> None:
        ...
    @property
    def approve(self) -> bool:
        ...
    @approve.setter
    def approve(self, arg1: typing.Any) -> None:
        ...
    @property
    def note(self) -> str:
        ...
    @note.setter
    def note(self, arg1: typing.Any) -> None:
        ...
    @property
    def vendor_id(self) -> str | None:
        ...
    @vendor_id.setter
    def vendor_id(self, arg1: typing.Any) -> None:
        ...
class ComplianceQuery:
    """
    Filters of Coordinator.compliance_items().
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('property_id', 'due_before', 'open_only')
    _schema: typing.ClassVar[tuple] = (('property_id', 'string'), ('due_before', 'time'), ('open_only', 'bool'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> ComplianceQuery:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> ComplianceQuery:
        ...
    def __deepcopy__(self, memo: typing.Any) -> ComplianceQuery:
        ...
    @typing.overload
    def __eq__(self, arg0: ComplianceQuery) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def due_before(self) -> datetime.datetime | None:
        ...
    @due_before.setter
    def due_before(self, arg1: typing.Any) -> None:
        ...
    @property
    def open_only(self) -> bool:
        ...
    @open_only.setter
    def open_only(self, arg1: typing.Any) -> None:
        ...
    @property
    def property_id(self) -> str:
        ...
    @property_id.setter
    def property_id(self, arg1: typing.Any) -> None:
        ...
class NoticeAnswers:
    """
    A tenant's answers to a notice (None: not answered).
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('child_under_6', 'child_10_or_under')
    _schema: typing.ClassVar[tuple] = (('child_under_6', 'bool'), ('child_10_or_under', 'bool'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> NoticeAnswers:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> NoticeAnswers:
        ...
    def __deepcopy__(self, memo: typing.Any) -> NoticeAnswers:
        ...
    @typing.overload
    def __eq__(self, arg0: NoticeAnswers) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def child_10_or_under(self) -> bool | None:
        ...
    @child_10_or_under.setter
    def child_10_or_under(self, arg1: typing.Any) -> None:
        ...
    @property
    def child_under_6(self) -> bool | None:
        ...
    @child_under_6.setter
    def child_under_6(self, arg1: typing.Any) -> None:
        ...
class ComplianceOccurrence:
    """
    One dated obligation of a property's calendar.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('rule_id', 'kind', 'title', 'source', 'jurisdiction', 'property_id', 'unit_id', 'window_start', 'due_at', 'recurrence', 'notice', 'requires_proof', 'confirmed', 'note', 'at_risk_lead')
    _schema: typing.ClassVar[tuple] = (('rule_id', 'string'), ('kind', 'string'), ('title', 'string'), ('source', 'string'), ('jurisdiction', 'string'), ('property_id', 'string'), ('unit_id', 'string'), ('window_start', 'time'), ('due_at', 'time'), ('recurrence', 'string'), ('notice', 'bool'), ('requires_proof', 'bool'), ('confirmed', 'bool'), ('note', 'string'), ('at_risk_lead', 'duration'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> ComplianceOccurrence:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> ComplianceOccurrence:
        ...
    def __deepcopy__(self, memo: typing.Any) -> ComplianceOccurrence:
        ...
    @typing.overload
    def __eq__(self, arg0: ComplianceOccurrence) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def at_risk_lead(self) -> datetime.timedelta:
        ...
    @at_risk_lead.setter
    def at_risk_lead(self, arg1: typing.Any) -> None:
        ...
    @property
    def confirmed(self) -> bool:
        ...
    @confirmed.setter
    def confirmed(self, arg1: typing.Any) -> None:
        ...
    @property
    def due_at(self) -> datetime.datetime:
        ...
    @due_at.setter
    def due_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def jurisdiction(self) -> str:
        ...
    @jurisdiction.setter
    def jurisdiction(self, arg1: typing.Any) -> None:
        ...
    @property
    def kind(self) -> str:
        ...
    @kind.setter
    def kind(self, arg1: typing.Any) -> None:
        ...
    @property
    def note(self) -> str:
        ...
    @note.setter
    def note(self, arg1: typing.Any) -> None:
        ...
    @property
    def notice(self) -> bool:
        ...
    @notice.setter
    def notice(self, arg1: typing.Any) -> None:
        ...
    @property
    def property_id(self) -> str:
        ...
    @property_id.setter
    def property_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def recurrence(self) -> str:
        ...
    @recurrence.setter
    def recurrence(self, arg1: typing.Any) -> None:
        ...
    @property
    def requires_proof(self) -> bool:
        ...
    @requires_proof.setter
    def requires_proof(self, arg1: typing.Any) -> None:
        ...
    @property
    def rule_id(self) -> str:
        ...
    @rule_id.setter
    def rule_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def source(self) -> str:
        ...
    @source.setter
    def source(self, arg1: typing.Any) -> None:
        ...
    @property
    def title(self) -> str:
        ...
    @title.setter
    def title(self, arg1: typing.Any) -> None:
        ...
    @property
    def unit_id(self) -> str | None:
        ...
    @unit_id.setter
    def unit_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def window_start(self) -> datetime.datetime | None:
        ...
    @window_start.setter
    def window_start(self, arg1: typing.Any) -> None:
        ...
class Coordinator:
    """
    The embeddable coordinator: feed it messages, let it run, query what it did. Every method releases the GIL while C++ works; callbacks (providers, embedders, deliverers, event and job handlers) take it back when C++ calls them.
    """
    def __init__(self, options: CoordinatorOptions | None = None, *, strict: bool = False, **kwargs) -> None:
        """
        Coordinator(options=None, *, strict=False, **fields): e.g. Coordinator(database_path='ops.db', clock=ManualClock()). Keywords are CoordinatorOptions fields (a misspelled one raises TypeError). strict=True: run_until_idle()/tick()/advance() re-raise the first exception of Python code C++ called (provider, embedder, channel, deliverer, job handler, ledger, triage_hook) instead of retrying it later.
        """
    def add_work_order_note(self, org: str, work_order: str, author: str, text: str) -> Note:
        """
        Adds a person's note to a work order (audited, an event, searchable as kind 'note'). ValueError for an empty, too long (over 4000 bytes) or non-UTF-8 text or an empty author; NotFound for a work order this organization does not have.
        """
    def advance(self, duration: datetime.timedelta, *, strict: typing.Any = None, progress: typing.Any = None) -> RunStats:
        """
        Simulates `duration` passing on a ManualClock (a timedelta, seconds, or text such as '90m', '1.5h', '3d'), running every job when it falls due. strict and progress as run_until_idle (the bar counts simulated time); Ctrl-C stops between jobs, leaving the clock where it got.
        """
    def assign_vendor(self, org: str, work_order: str, vendor: str, amount: int | None = None, assigned_by: str = 'host', note: str = '') -> WorkOrder:
        """
        A person assigns a vendor (amount in cents; None: the vendor's estimate). The spending policy applies; call run_until_idle() to send the dispatch. The assignment and `note` (why this vendor) are kept as a StaffDecision, precedent for similar cases.
        """
    def attach_compliance_proof(self, org: str, id: str, data: bytes, name: str, content_type: str = '', by: str = 'host') -> ComplianceItem:
        """
        Keeps a document or photo (bytes) in the proof store and logs it on the item; its SHA-256 is in the audit entry.
        """
    def attach_compliance_proof_file(self, org: str, id: str, path: str, content_type: str = '', by: str = 'host') -> ComplianceItem:
        """
        attach_compliance_proof with a file's bytes (str path).
        """
    def audit(self, org: str, after_seq: typing.SupportsInt | typing.SupportsIndex = 0, limit: typing.SupportsInt | typing.SupportsIndex = 0) -> propos._records.RecordList[AuditEvent]:
        ...
    def cadence_definitions(self, org: str) -> propos._records.RecordList[CadenceDefinition]:
        """
        The organization's cadences: its own, then the built-in ones they do not replace.
        """
    def cadence_enrollment(self, org: str, enrollment_id: str) -> CadenceEnrollment:
        ...
    def cadence_enrollments(self, org: str, *, tenant_id: str = '', status: str = '', purpose: str = '', limit: typing.SupportsInt | typing.SupportsIndex = 0) -> propos._records.RecordList[CadenceEnrollment]:
        """
        Enrolments, most recent first.
        """
    def cadence_log(self, org: str, enrollment_id: str) -> propos._records.RecordList[CadenceLogEntry]:
        """
        Each step with its message's status and delivered/opened/clicked times.
        """
    def cancel_cadence(self, org: str, enrollment_id: str, by: str = 'host', reason: str = 'cancelled') -> CadenceEnrollment:
        ...
    def check_compliance(self, org: str) -> int:
        """
        Runs the daily compliance check now; returns the number of items it created.
        """
    def check_onboarding_item(self, org: str, onboarding_id: str, item: str, *, checked_by: str = 'host', proof_blob_key: str = '', proof: bytes | None = None, note: str = '', waive: bool = False) -> Onboarding:
        """
        Checks (or waives: note says why) an item; items that need proof need one of: proof (the document's bytes, kept in the organization's IntegrationConfig.blob_store and recorded by key; FailedPrecondition when no blob store is set) or proof_blob_key ('sha256:<hex>' of a document the host keeps, e.g. 'sha256:' + hashlib.sha256(data).hexdigest()). The onboarding completes when nothing is left open.
        """
    def complete_compliance_item(self, org: str, id: str, by: str, note: str = '') -> ComplianceItem:
        """
        Marks an item done (its escalations resolved, its next occurrence created). Raises FailedPreconditionError when its rule needs a proof and none is attached.
        """
    def compliance_calendar(self, org: str, property: str, from_: datetime.datetime, to: datetime.datetime) -> propos._records.RecordList[ComplianceOccurrence]:
        """
        A property's deadline calendar between two times (rule, source, due date, window).
        """
    def compliance_items(self, org: str, query: ComplianceQuery | None = None, **kwargs) -> propos._records.RecordList[ComplianceItem]:
        """
        Compliance items of `org` by due date (imported and from the rule packs); filters as a ComplianceQuery or keywords (property_id=, due_before=, open_only=).
        """
    def compliance_jurisdictions(self) -> list[str]:
        """
        The jurisdictions that have a rule pack.
        """
    def compliance_pack(self, jurisdiction: str) -> RulePack | None:
        """
        The rule pack in use for a jurisdiction (the host's when one was loaded, else the built-in one), or None; for legal_repair_deadline() and in_heat_season().
        """
    def dead_letter(self, org: str, source: str, content_type: str, payload: str, reason: str) -> int:
        ...
    def decide_approval(self, org: str, id: str, decision: ApprovalDecision, resolved_by: str) -> Escalation:
        """
        Decides an owner_approval escalation with an ApprovalDecision (approve or decline, the amount and vendor it covers). Raises FailedPrecondition for another kind of escalation, ValueError for an amount not above 0 or above the policy's maximum.
        """
    def enrol_cadence(self, org: str, request: CadenceRequest | None = None, **kwargs) -> CadenceEnrollment:
        """
        Enrols a tenant (CadenceRequest or keywords tenant_id=, purpose=, cadence=, references=, by=); returns the active enrolment for the tenant and purpose when there is one.
        """
    def escalations(self, org: str, open_only: bool = True) -> propos._records.RecordList[Escalation]:
        ...
    def events(self, org: str, after_id: str = '', limit: typing.SupportsInt | typing.SupportsIndex = 0) -> propos._records.RecordList[Event]:
        ...
    def expiring_leases(self, org: str, within: datetime.timedelta | None = None) -> propos._records.RecordList[ExpiringLease]:
        """
        Leases of `org` that end after now and within `within` (a timedelta; None: all), soonest first, with their renewal state and first tenant.
        """
    def handle_webhook(self, org: str, request: WebhookRequest) -> WebhookResponse:
        """
        Authenticates, then keeps and parses a provider webhook (Twilio, SendGrid, PMS) and ingests what it carries; returns the HTTP answer to give. Unconfigured routes answer 404 and keep nothing; refused requests are counted (webhook_rejections); bad ones are dead letters.
        """
    def ingest(self, org: str, message: IncomingMessage) -> IngestResult:
        """
        Stores the raw payload, then the message (deduplicated), and enqueues its workflow job.
        """
    def ingest_batch(self, org: str, messages: collections.abc.Sequence[IncomingMessage]) -> propos._records.RecordList[IngestOutcome]:
        """
        ingest() for many messages with one commit (group commit), without the GIL: a bad message becomes a dead letter without stopping the others. Returns one IngestOutcome per message.
        """
    def ingest_frame(self, org: str, frame: typing.Any, columns: dict | None = None) -> propos._records.RecordList[IngestOutcome]:
        """
        Ingests one message per row of a pandas DataFrame (or an iterable of dicts) with ingest_batch(). Columns are IncomingMessage fields or the JSON-lines names (id, from); `columns` renames them ({'sms_body': 'text'}) or drops them (None). NaN/NaT/None are missing values; NumPy scalars and datetime64 are accepted. A row that is not a message raises InvalidArgument naming it, before anything is ingested.
        """
    def ingest_jsonl(self, org: str | None, path: str | os.PathLike) -> propos._records.RecordList[IngestOutcome]:
        """
        Ingests a JSON-lines file in the format of `propos ingest` (one {"id", "channel", "from", "to", "subject", "text", "received_at"} object a line, e.g. examples/data/inbox.jsonl). A line's "org", when present, must be `org` (else it is refused, not stored); org=None ingests each line into the organization it names. A line that does not parse is a dead letter. Returns one IngestOutcome per non-blank line, in order.
        """
    def ingest_many(self, org: str, messages: collections.abc.Sequence[IncomingMessage]) -> list[IngestResult]:
        """
        ingest_batch() that returns the IngestResults and raises the first refused message's error (the other messages stay ingested; the refused ones are dead letters).
        """
    def load_compliance_pack(self, path: str) -> None:
        """
        Loads a rule pack file over the one of its jurisdiction; ValueError names the file and field.
        """
    def now(self) -> datetime.datetime:
        """
        The coordinator clock's time.
        """
    def off(self, subscription: EventSubscription) -> bool:
        """
        Stops the callback of `subscription`; False when it was not registered.
        """
    def offer_renewal(self, org: str, lease: str, by: str) -> Lease:
        """
        Sends the renewal offer of a lease now (the notice rules apply; a late offer raises renewal_notice_late). Raises NotFound for an unknown lease, FailedPrecondition when it ended or its renewal is offered or decided.
        """
    def on_event(self, callback: collections.abc.Callable[[Event], None]) -> EventSubscription:
        """
        Calls callback(event) after each change commits, on the thread running jobs (with the GIL). Exceptions are logged, not raised. Returns an EventSubscription for off().
        """
    def onboarding_checklist(self, org: str) -> Checklist:
        """
        The organization's move-in checklist (its own, else the default).
        """
    def onboardings(self, org: str, lease: str = '') -> propos._records.RecordList[Onboarding]:
        """
        The organization's onboardings (a RecordList), soonest move-in first; lease: only that lease's.
        """
    def organizations(self) -> propos._records.RecordList[Organization]:
        ...
    def outbox(self, org: str, limit: typing.SupportsInt | typing.SupportsIndex = 0) -> propos._records.RecordList[Message]:
        ...
    def preview_cadence(self, org: str, request: typing.Any = None, **kwargs) -> propos._records.RecordList[CadencePreviewStep]:
        """
        The messages an enrolment would send, rendered now, sending nothing: an enrolment id, a CadenceRequest, or its fields as keywords.
        """
    def record_notice_reply(self, org: str, id: str, *, child_under_6: bool | None = None, child_10_or_under: bool | None = None, by: str = 'host') -> ComplianceItem:
        """
        Records a tenant's answers to a notice and updates the tenant records.
        """
    def record_renewal_decision(self, org: str, lease: str, decision: str, by: str, note: str = '') -> Lease:
        """
        Records a renewal decision made elsewhere: 'accepted' (countersign reminder) or 'declined' (move-out to the lease end). Raises ValueError for another decision, NotFound for an unknown lease, FailedPrecondition when it is already decided.
        """
    def register_job_handler(self, type: str, handler: collections.abc.Callable[[Job], None]) -> None:
        """
        Runs handler(job) for jobs of `type`; raising fails the attempt (retried with backoff).
        """
    def reschedule_cadence_step(self, org: str, enrollment_id: str, step: str, due_at: datetime.datetime, rest: bool = False, by: str = 'host') -> CadenceEnrollment:
        """
        Moves a pending step to due_at; rest=True moves the later pending steps by the same amount.
        """
    def resolve_escalation(self, org: str, id: str, decision: str, resolved_by: str, note: str = '') -> Escalation:
        """
        Resolves an escalation with a person's decision and resumes what waited on it; the decision and `note` are kept as a StaffDecision, precedent for similar cases.
        """
    def run_until_idle(self, max_jobs: typing.SupportsInt | typing.SupportsIndex = 0, *, strict: typing.Any = None, progress: typing.Any = None) -> RunStats:
        """
        Runs due jobs until none is due. strict=True re-raises the first exception of Python code C++ called (default: the Coordinator's strict); progress: a callable(stats, now) called between jobs, or True for a tqdm bar. Ctrl-C raises KeyboardInterrupt between jobs.
        """
    def search(self, org: str, query: typing.Any, **kwargs) -> propos._records.RecordList[SearchHit]:
        """
        Searches the organization's history, best first: query is text or a SearchQuery; keywords set SearchQuery fields (k=, kinds=, unit_id=...).
        """
    def set_cadence_definitions(self, org: str, json_text: str, source: str = '') -> propos._records.RecordList[CadenceDefinition]:
        """
        Replaces the organization's own definitions (JSON text); ValueError names the source and field.
        """
    def set_onboarding_checklist(self, org: str, checklist: typing.Any, set_by: str = 'host') -> Checklist:
        """
        Validates and stores the organization's own checklist (a dict, JSON text or a path). Raises InvalidArgument naming the file or 'checklist of org X' and the field; nothing is stored then.
        """
    def skip_cadence_step(self, org: str, enrollment_id: str, step: str, by: str = 'host') -> CadenceEnrollment:
        """
        Skips a pending step (name or index as text).
        """
    def staff_decisions(self, org: str, work_order: str = '') -> propos._records.RecordList[StaffDecision]:
        """
        Staff decisions, oldest first (a work order's, or all of the organization's).
        """
    def start_onboarding(self, org: str, lease: str, started_by: str = 'host') -> Onboarding:
        """
        Starts a lease's onboarding (idempotent): the items that apply and the welcome message (call run_until_idle() to deliver it). The daily onboarding.check starts them by itself.
        """
    def submit_invoice(self, org: str, invoice: Invoice) -> Invoice:
        ...
    def thread_messages(self, org: str, thread: str) -> propos._records.RecordList[Message]:
        ...
    def threads(self, org: str, limit: typing.SupportsInt | typing.SupportsIndex = 0) -> propos._records.RecordList[Thread]:
        ...
    def tick(self, now: datetime.datetime, *, strict: typing.Any = None, progress: typing.Any = None) -> RunStats:
        """
        Moves a ManualClock to `now` and runs due jobs (strict and progress as run_until_idle).
        """
    def tool_definitions(self, workflow: str = 'maintenance') -> list[ToolDefinition]:
        """
        The tools a workflow offers the model (names, descriptions, JSON Schemas), as a custom LlmProvider receives them in LlmRequest.tools.
        """
    def verify_audit(self, org: str) -> AuditVerification:
        ...
    def webhook_rejections(self, org: str, limit: typing.SupportsInt | typing.SupportsIndex = 0) -> list:
        """
        Webhook requests refused before anything was stored (failed authentication, body over the limit), per source and hour, newest first: dicts with source, hour, count, bytes, by_status {status: n}, first_at, last_at and samples [{at, status, reason, bytes, head (the first bytes of the body)}].
        """
    def work_order(self, org: str, id: str) -> WorkOrder:
        ...
    def work_order_notes(self, org: str, work_order: str) -> propos._records.RecordList[Note]:
        """
        A work order's notes, oldest first.
        """
    def work_orders(self, org: str, query: WorkOrderQuery | None = None, **kwargs) -> propos._records.RecordList[WorkOrder]:
        """
        Work orders of `org`; filters as a WorkOrderQuery or keywords (status=, unit_id=, open_only=, limit=).
        """
    @property
    def agent(self) -> AgentRunner:
        ...
    @property
    def clock(self) -> Clock:
        ...
    @property
    def history_search(self) -> HistorySearch:
        """
        The HistorySearch in use, or None when history search is off.
        """
    @property
    def jobs(self) -> JobQueue:
        ...
    @property
    def store(self) -> Store:
        ...
    @property
    def strict(self) -> bool:
        """
        The default of the run methods' strict= (see the constructor).
        """
    @strict.setter
    def strict(self, arg0: bool) -> None:
        ...
class CadenceStepDefinition:
    """
    A cadence step: name, offset_days after enrolment, send_minute (local minutes after midnight, None: the enrolment's time), channel, templates and subjects per language.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('name', 'offset_days', 'send_minute', 'channel', 'templates', 'subjects')
    _schema: typing.ClassVar[tuple] = (('name', 'string'), ('offset_days', 'int'), ('send_minute', 'int'), ('channel', 'string'), ('templates', 'object'), ('subjects', 'object'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> CadenceStepDefinition:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> CadenceStepDefinition:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> CadenceStepDefinition:
        ...
    def __deepcopy__(self, memo: typing.Any) -> CadenceStepDefinition:
        ...
    @typing.overload
    def __eq__(self, arg0: CadenceStepDefinition) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def channel(self) -> str:
        ...
    @channel.setter
    def channel(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        ...
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def offset_days(self) -> int:
        ...
    @offset_days.setter
    def offset_days(self, arg1: typing.Any) -> None:
        ...
    @property
    def send_minute(self) -> int | None:
        ...
    @send_minute.setter
    def send_minute(self, arg1: typing.Any) -> None:
        ...
    @property
    def subjects(self) -> dict[str, str]:
        ...
    @subjects.setter
    def subjects(self, arg1: typing.Any) -> None:
        ...
    @property
    def templates(self) -> dict[str, str]:
        ...
    @templates.setter
    def templates(self, arg1: typing.Any) -> None:
        ...
class CadenceDefinition:
    """
    A named cadence for a purpose, with its steps and source.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('name', 'purpose', 'description', 'steps', 'source')
    _schema: typing.ClassVar[tuple] = (('name', 'string'), ('purpose', 'string'), ('description', 'string'), ('steps', 'object'), ('source', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> CadenceDefinition:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> CadenceDefinition:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> CadenceDefinition:
        ...
    def __deepcopy__(self, memo: typing.Any) -> CadenceDefinition:
        ...
    @typing.overload
    def __eq__(self, arg0: CadenceDefinition) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def description(self) -> str:
        ...
    @description.setter
    def description(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        ...
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def purpose(self) -> str:
        ...
    @purpose.setter
    def purpose(self, arg1: typing.Any) -> None:
        ...
    @property
    def source(self) -> str:
        ...
    @source.setter
    def source(self, arg1: typing.Any) -> None:
        ...
    @property
    def steps(self) -> list[CadenceStepDefinition]:
        ...
    @steps.setter
    def steps(self, arg1: typing.Any) -> None:
        ...
class CadenceEnrollmentStep:
    """
    One step of an enrolment: due_at, status (pending, sent, skipped, cancelled), version, message_id, done_at.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('name', 'due_at', 'status', 'version', 'message_id', 'done_at')
    _schema: typing.ClassVar[tuple] = (('name', 'string'), ('due_at', 'time'), ('status', 'string'), ('version', 'int'), ('message_id', 'string'), ('done_at', 'time'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> CadenceEnrollmentStep:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> CadenceEnrollmentStep:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> CadenceEnrollmentStep:
        ...
    def __deepcopy__(self, memo: typing.Any) -> CadenceEnrollmentStep:
        ...
    @typing.overload
    def __eq__(self, arg0: CadenceEnrollmentStep) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def done_at(self) -> datetime.datetime | None:
        ...
    @done_at.setter
    def done_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def due_at(self) -> datetime.datetime:
        ...
    @due_at.setter
    def due_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def message_id(self) -> str | None:
        ...
    @message_id.setter
    def message_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def name(self) -> str:
        ...
    @name.setter
    def name(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
    @property
    def version(self) -> int:
        ...
    @version.setter
    def version(self, arg1: typing.Any) -> None:
        ...
class CadenceEnrollment:
    """
    A tenant following a cadence for a purpose: status (active, completed, cancelled), references, steps, end_reason.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('id', 'cadence', 'purpose', 'tenant_id', 'references', 'status', 'enrolled_at', 'enrolled_by', 'ended_at', 'end_reason', 'steps')
    _schema: typing.ClassVar[tuple] = (('id', 'string'), ('cadence', 'string'), ('purpose', 'string'), ('tenant_id', 'string'), ('references', 'object'), ('status', 'string'), ('enrolled_at', 'time'), ('enrolled_by', 'string'), ('ended_at', 'time'), ('end_reason', 'string'), ('steps', 'object'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> CadenceEnrollment:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    @staticmethod
    def from_json(data: typing.Any) -> CadenceEnrollment:
        """
        Reads the stored JSON form (a JSON string, or the dict it parses to). Raises InvalidArgument naming the bad field.
        """
    def __copy__(self) -> CadenceEnrollment:
        ...
    def __deepcopy__(self, memo: typing.Any) -> CadenceEnrollment:
        ...
    @typing.overload
    def __eq__(self, arg0: CadenceEnrollment) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    def to_json(self) -> str:
        """
        The stored JSON form (canonical: sorted keys, no spaces).
        """
    @property
    def cadence(self) -> str:
        ...
    @cadence.setter
    def cadence(self, arg1: typing.Any) -> None:
        ...
    @property
    def end_reason(self) -> str:
        ...
    @end_reason.setter
    def end_reason(self, arg1: typing.Any) -> None:
        ...
    @property
    def ended_at(self) -> datetime.datetime | None:
        ...
    @ended_at.setter
    def ended_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def enrolled_at(self) -> datetime.datetime:
        ...
    @enrolled_at.setter
    def enrolled_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def enrolled_by(self) -> str:
        ...
    @enrolled_by.setter
    def enrolled_by(self, arg1: typing.Any) -> None:
        ...
    @property
    def id(self) -> str:
        ...
    @id.setter
    def id(self, arg1: typing.Any) -> None:
        ...
    @property
    def purpose(self) -> str:
        ...
    @purpose.setter
    def purpose(self, arg1: typing.Any) -> None:
        ...
    @property
    def references(self) -> dict[str, str]:
        ...
    @references.setter
    def references(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
    @property
    def steps(self) -> list[CadenceEnrollmentStep]:
        ...
    @steps.setter
    def steps(self, arg1: typing.Any) -> None:
        ...
    @property
    def tenant_id(self) -> str:
        ...
    @tenant_id.setter
    def tenant_id(self, arg1: typing.Any) -> None:
        ...
class CadenceRequest:
    """
    What to enrol: tenant_id, purpose, cadence (a name; empty: the purpose's), references (work_order_id, lease_id, document...), by.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('tenant_id', 'purpose', 'cadence', 'references', 'by')
    _schema: typing.ClassVar[tuple] = (('tenant_id', 'string'), ('purpose', 'string'), ('cadence', 'string'), ('references', 'object'), ('by', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> CadenceRequest:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> CadenceRequest:
        ...
    def __deepcopy__(self, memo: typing.Any) -> CadenceRequest:
        ...
    @typing.overload
    def __eq__(self, arg0: CadenceRequest) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def by(self) -> str:
        ...
    @by.setter
    def by(self, arg1: typing.Any) -> None:
        ...
    @property
    def cadence(self) -> str:
        ...
    @cadence.setter
    def cadence(self, arg1: typing.Any) -> None:
        ...
    @property
    def purpose(self) -> str:
        ...
    @purpose.setter
    def purpose(self, arg1: typing.Any) -> None:
        ...
    @property
    def references(self) -> dict[str, str]:
        ...
    @references.setter
    def references(self, arg1: typing.Any) -> None:
        ...
    @property
    def tenant_id(self) -> str:
        ...
    @tenant_id.setter
    def tenant_id(self, arg1: typing.Any) -> None:
        ...
class CadencePreviewStep:
    """
    A cadence step rendered as it would be sent.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('step', 'due_at', 'status', 'channel', 'to', 'language', 'subject', 'body')
    _schema: typing.ClassVar[tuple] = (('step', 'string'), ('due_at', 'time'), ('status', 'string'), ('channel', 'string'), ('to', 'string'), ('language', 'string'), ('subject', 'string'), ('body', 'string'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> CadencePreviewStep:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> CadencePreviewStep:
        ...
    def __deepcopy__(self, memo: typing.Any) -> CadencePreviewStep:
        ...
    @typing.overload
    def __eq__(self, arg0: CadencePreviewStep) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def body(self) -> str:
        ...
    @body.setter
    def body(self, arg1: typing.Any) -> None:
        ...
    @property
    def channel(self) -> str:
        ...
    @channel.setter
    def channel(self, arg1: typing.Any) -> None:
        ...
    @property
    def due_at(self) -> datetime.datetime:
        ...
    @due_at.setter
    def due_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def language(self) -> str:
        ...
    @language.setter
    def language(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
    @property
    def step(self) -> str:
        ...
    @step.setter
    def step(self, arg1: typing.Any) -> None:
        ...
    @property
    def subject(self) -> str:
        ...
    @subject.setter
    def subject(self, arg1: typing.Any) -> None:
        ...
    @property
    def to(self) -> str:
        ...
    @to.setter
    def to(self, arg1: typing.Any) -> None:
        ...
class CadenceLogEntry:
    """
    A step of an enrolment with its message: status and the delivered/opened/clicked times the providers reported.
    """
    __hash__: typing.ClassVar[None] = None
    _fields: typing.ClassVar[tuple] = ('step', 'due_at', 'status', 'done_at', 'message_id', 'channel', 'message_status', 'sent_at', 'delivered_at', 'opened_at', 'clicked_at')
    _schema: typing.ClassVar[tuple] = (('step', 'string'), ('due_at', 'time'), ('status', 'string'), ('done_at', 'time'), ('message_id', 'string'), ('channel', 'string'), ('message_status', 'string'), ('sent_at', 'time'), ('delivered_at', 'time'), ('opened_at', 'time'), ('clicked_at', 'time'))
    @staticmethod
    def _columns(items: collections.abc.Sequence) -> dict:
        """
        Table columns of `items` (RecordList.to_pandas/to_arrow use them): per field, (values, mask) NumPy arrays or a list.
        """
    @staticmethod
    def from_dict(data: dict) -> CadenceLogEntry:
        """
        Builds the record from a dict (to_dict() output; unknown keys raise).
        """
    def __copy__(self) -> CadenceLogEntry:
        ...
    def __deepcopy__(self, memo: typing.Any) -> CadenceLogEntry:
        ...
    @typing.overload
    def __eq__(self, arg0: CadenceLogEntry) -> bool:
        ...
    @typing.overload
    def __eq__(self, arg0: typing.Any) -> typing.Any:
        ...
    def __getstate__(self) -> dict:
        ...
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        Keyword constructor: every field may be given; the others keep their defaults.
        """
    @typing.overload
    def __init__(self, data: dict) -> None:
        """
        From a dict of fields (as to_dict() returns).
        """
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: dict) -> None:
        ...
    def to_dict(self) -> dict:
        """
        The fields as a dict of plain Python values (nested records as dicts).
        """
    @property
    def channel(self) -> str | None:
        ...
    @channel.setter
    def channel(self, arg1: typing.Any) -> None:
        ...
    @property
    def clicked_at(self) -> datetime.datetime | None:
        ...
    @clicked_at.setter
    def clicked_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def delivered_at(self) -> datetime.datetime | None:
        ...
    @delivered_at.setter
    def delivered_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def done_at(self) -> datetime.datetime | None:
        ...
    @done_at.setter
    def done_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def due_at(self) -> datetime.datetime:
        ...
    @due_at.setter
    def due_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def message_id(self) -> str | None:
        ...
    @message_id.setter
    def message_id(self, arg1: typing.Any) -> None:
        ...
    @property
    def message_status(self) -> str | None:
        ...
    @message_status.setter
    def message_status(self, arg1: typing.Any) -> None:
        ...
    @property
    def opened_at(self) -> datetime.datetime | None:
        ...
    @opened_at.setter
    def opened_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def sent_at(self) -> datetime.datetime | None:
        ...
    @sent_at.setter
    def sent_at(self, arg1: typing.Any) -> None:
        ...
    @property
    def status(self) -> str:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
    @property
    def step(self) -> str:
        ...
    @step.setter
    def step(self, arg1: typing.Any) -> None:
        ...
def _ingest_batch_seconds(coordinator: ..., org: str, messages: collections.abc.Sequence[IncomingMessage]) -> float:
    """
    Benchmark helper (bench/python_ingest_bench.py): converts the list first, then returns the seconds Coordinator::ingest_batch takes in C++ alone.
    """
def allowed_transitions(from_: str) -> list[str]:
    ...
def blob_key_for(data: bytes) -> str:
    """
    The key a blob store gives these bytes: 'sha256:<hex>'.
    """
def builtin_cadences() -> propos._records.RecordList[CadenceDefinition]:
    """
    The built-in cadence definitions (default, post_repair, onboarding, renewal, missing_document).
    """
def builtin_compliance_packs() -> propos._records.RecordList[RulePack]:
    """
    The rule packs embedded in the library (ca, generic, nyc, tx), as a RecordList of RulePack.
    """
def cadence_schema() -> str:
    """
    The JSON Schema of cadence definitions (text).
    """
def calibrated_thresholds(model: str) -> SimilarityThresholds:
    """
    The measured thresholds for an embedder's model() name (a documented default for unknown models).
    """
def can_transition(from_: str, to: str) -> bool:
    ...
def checklist_schema() -> typing.Any:
    """
    The JSON Schema of a move-in checklist, as a dict.
    """
def classify_intent(text: str, at: datetime.datetime | None = None, vulnerable_occupant: bool = False) -> IntentAssessment:
    """
    The intent of an inbound message (maintenance, renewal, move_in, move_out, payment, neighbor, question, human, other), deterministic and offline; an emergency is always maintenance.
    """
def compliance_pack_schema() -> str:
    """
    The JSON Schema every compliance rule pack must satisfy.
    """
def cosine_similarity(a: typing.Annotated[numpy.typing.ArrayLike, numpy.float32], b: typing.Annotated[numpy.typing.ArrayLike, numpy.float32]) -> float:
    ...
def default_checklist() -> Checklist:
    """
    The checklist PropOS ships (data/onboarding/checklist.default.json).
    """
def ed25519_generate() -> tuple[str, str]:
    """
    A new Ed25519 key pair as (private_pem, public_pem).
    """
def ed25519_public_pem(private_pem: str) -> str:
    """
    The public key (PEM) of an Ed25519 private key (PEM).
    """
def ed25519_sign(private_pem: str, message: str) -> str:
    """
    The Ed25519 signature of message, base64.
    """
def ed25519_verify(public_pem: str, message: str, signature: str) -> bool:
    """
    Whether signature (base64) is the key's Ed25519 signature of message.
    """
def enum_names() -> dict:
    """
    The accepted names of every enumeration, by enumeration (e.g. 'work_order_status').
    """
def format_duration(duration: datetime.timedelta) -> str:
    """
    Formats a timedelta compactly ('1d2h', '45m').
    """
def format_time(when: datetime.datetime) -> str:
    """
    Formats as '2026-01-05T09:00:00Z' (milliseconds when not 0).
    """
def hashing_embedder(options: HashingEmbedderOptions = ...) -> Embedder:
    """
    The built-in embedder: offline, deterministic, no model files.
    """
def in_heat_season(pack: typing.Any, at: datetime.datetime, timezone: str = 'America/New_York') -> bool:
    """
    Whether `at` (a datetime) falls in the pack's heat season (local date in `timezone`; NYC: Oct 1 - May 31); False for a pack without one.
    """
def is_terminal(status: str) -> bool:
    ...
def legal_repair_deadline(pack: typing.Any, work_order: WorkOrder, reported_at: datetime.datetime | None = None, timezone: str = 'America/New_York') -> LegalRepairDeadline | None:
    """
    The legal repair deadline of a work order (its category, priority, emergency flag and words) under a rule pack (a RulePack, or a built-in pack's jurisdiction such as 'nyc'), counted from reported_at (default: the work order's created_at) in `timezone` (the heat season); None when no class of the pack matches.
    """
def load_checklist_file(path: typing.Any) -> Checklist:
    """
    Reads and validates a checklist file; errors name the file and the field.
    """
def load_compliance_pack_file(path: typing.Any) -> RulePack:
    """
    Reads and validates a rule pack file (str or path). Raises InvalidArgument naming the file and the field (a JSON pointer) that fails the schema, NotFound when the file does not exist.
    """
def local_blob_store(directory: typing.Any, max_blob_bytes: typing.SupportsInt | typing.SupportsIndex = 26214400) -> BlobStore:
    """
    A blob store in a local directory (created if missing); Io when it cannot be created.
    """
def maintenance_rules_step(request: LlmRequest) -> list[ContentBlock]:
    """
    The offline maintenance rules' next tool calls for a request.
    """
def memory_blob_store(max_blob_bytes: typing.SupportsInt | typing.SupportsIndex = 26214400) -> BlobStore:
    """
    A blob store in memory (tests, notebooks): its bytes last as long as the process.
    """
def money_to_string(cents: int) -> str:
    """
    Formats cents as '$1,234.50'.
    """
def new_id(prefix: str) -> str:
    """
    A new time-ordered id such as 'wo_01JD3X6Q4Z8K2M5N7P9R1T3V5X'.
    """
def new_memory_database() -> MemoryDatabase:
    """
    A new, empty in-memory database (stores opened on it share their data, as processes on one file).
    """
def offline_provider() -> LlmProvider:
    """
    The Coordinator's default: the offline maintenance rules on a RulesProvider (deterministic, no network).
    """
def open_memory_store(database: MemoryDatabase | None = None, faults: MemoryStoreFaults = None) -> Store:
    """
    An in-memory store with the whole Store contract and SQLite's semantics, nothing on disk: for tests. database: share data with other stores (new_memory_database()); faults: a MemoryStoreFaults to inject failures and count writes, commits and rollbacks.
    """
def open_postgres_store(conninfo: str, options: PostgresOptions | None = None, **kwargs) -> Store:
    """
    Opens a PostgreSQL store from a libpq connection string or URL ('postgresql://user@host/db'), creating and migrating its schema (options.schema, default 'propos'). Options may also be given as keywords: open_postgres_store(url, schema='tenant_a').
    """
def open_sqlite_store(path: str | os.PathLike, options: SqliteOptions | None = None, **kwargs) -> Store:
    """
    Opens (creating when allowed) a SQLite store; ':memory:' for a private in-memory one. Options may also be given as keywords: open_sqlite_store('x.db', synchronous='normal').
    """
def open_store(url_or_path: str | os.PathLike) -> Store:
    """
    Opens the store a name gives: a SQLite file path (':memory:' too), a sqlite: URL, or a postgresql:// URL (schema 'propos').
    """
def openai_embedder(options: OpenAiEmbedderOptions = ...) -> Embedder:
    """
    An embedder calling POST {base_url}/v1/embeddings (OpenAI, Ollama, vLLM, llama.cpp).
    """
def parse_cadence_definitions(json_text: str, source: str) -> list[CadenceDefinition]:
    """
    Parses and validates definitions; ValueError names the source and the field.
    """
def parse_checklist(document: typing.Any, where: str = 'checklist') -> Checklist:
    """
    Validates a checklist (a dict or JSON text) against its JSON Schema and reads it. Raises InvalidArgument naming `where` and the field (a JSON pointer such as /items/3/due_days).
    """
def parse_compliance_pack(document: typing.Any, where: str = 'pack') -> RulePack:
    """
    Validates a rule pack (JSON text or a dict) and returns it as a RulePack; InvalidArgument names `where` and the failing field.
    """
def parse_duration(text: str) -> datetime.timedelta:
    """
    Parses '90m', '3d', '1d12h'... to a timedelta.
    """
def parse_money(text: str) -> int:
    """
    Parses '123.45', '$1,234.50'... to integer cents.
    """
def parse_time(text: str) -> datetime.datetime:
    """
    Parses ISO-8601 / RFC 3339 text to an aware UTC datetime.
    """
def postgres_schema_version() -> int:
    ...
def read_notice_reply(text: str, asks: collections.abc.Sequence[str]) -> NoticeAnswers | None:
    """
    Reads a plain yes/no reply to a notice (en, es, zh, ru, fr) as the answer to each question it asks ('child_under_6', 'child_10_or_under'); None when it is not a plain yes/no.
    """
def read_renewal_reply(text: str) -> RenewalReply:
    """
    Reads a reply to a renewal offer deterministically (English, Spanish, French, Russian, Chinese, with negation: "I won't renew" declines); both yes and no, or nothing, is 'unclear'.
    """
def request_hash(request: LlmRequest) -> str:
    """
    SHA-256 of the request's canonical form (the audit's prompt hash, the cassette key).
    """
def response_target(priority: str) -> datetime.timedelta:
    """
    The response target of a priority: 4 h, 24 h or 48 h.
    """
def set_log_level(level: typing.Any) -> None:
    """
    The lowest level of PropOS's log lines sent to the Python logger 'propos' (default 'warning'): 'trace', 'debug', 'info', 'warning', 'error', 'off', or a logging level number. Also sets that logger's level. Message bodies and contact details appear only at debug and below.
    """
def sqlite_schema_version() -> int:
    ...
def to_outbound_message(message: Message) -> OutboundMessage:
    """
    The OutboundMessage for a stored Message (idempotency key = message id).
    """
def triage_categories() -> list[str]:
    """
    The housing-code categories ('plumbing', ...).
    """
def validate_compliance_pack(text: str, where: str = 'pack') -> tuple[str, str]:
    """
    Validates a rule pack's JSON text; returns (jurisdiction, name). Raises ValueError naming `where` and the field (JSON pointer) that fails the schema.
    """
__version__: str = '0.2.0'

# ---- exceptions (created at import time; one subclass per C++ ErrorCode) ----
class Error(Exception):
    """Base of every PropOS error; `code` is the snake_case ErrorCode name. Provider failures also
    carry http_status, error_type and request_id."""
    code: typing.ClassVar[str]

class InvalidArgument(Error, ValueError): ...
class NotFound(Error, LookupError): ...
class AlreadyExists(Error): ...
class FailedPrecondition(Error): ...
class Corrupt(Error): ...
class UnsupportedVersion(Error): ...
class Io(Error, OSError): ...
class Busy(Error): ...
class Unavailable(Error): ...
class PermissionDenied(Error, PermissionError): ...
class ResourceExhausted(Error): ...
class Internal(Error): ...
