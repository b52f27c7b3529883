"""The event coder: trigger candidates from the lexicon (and model), sides from word order.

For each trigger the coder picks the actor (VSO subject after a verb, SVO subject before
it, the possessor of a verbal noun, the agent after ``على يد``, or the subject carried over
from the previous statement when the subject is dropped) and the recipient (introduced by
the trigger's preposition, or the direct object), splits coordinated sides, sets status,
mode, CAMEO/Goldstein/QuadClass, and keeps one record per (actor, type, recipient).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ahdath.events.arguments import (
    BETWEEN,
    DEMAND_TYPES,
    LEFT_WINDOW,
    RIGHT_WINDOW,
    SUBJECT_WINDOW,
    Mention,
    MentionIndex,
    after_wa,
    aside_tokens,
    clause_marks,
    coordinated,
    demand_of,
    distinct_members,
    entity_key,
    first_person,
    introduced_by,
    is_agent_marked,
    is_genitive,
    list_head,
    list_mentions,
    same_entity,
    trigger_voice,
    vowed,
)
from ahdath.events.cameo import cameo_info, default_cameo
from ahdath.events.condemned import ACT_TYPE, CondemnedAct, attackers, condemned_act, cue_kind, is_blame
from ahdath.events.denied import CLAIM_TYPE, DENIAL_TYPE, claimants, denied_claim
from ahdath.events.detect import MODEL_PATH as EVENT_MODEL_PATH
from ahdath.events.detect import EventModel, event_features
from ahdath.events.lexicon import TriggerLexicon, TriggerMatch, plover_modes, read_rows
from ahdath.events.mediation import MEDIATE_TYPE, mediation
from ahdath.events.modes import SENTENCE_MODEL_PATH, ModeModel, joint_mode, mode_features, sentence_mode_features
from ahdath.events.place import Locator, locative_before
from ahdath.events.polarity import Polarity
from ahdath.events.sides import (
    Candidate,
    HiddenPairModel,
    PairChoice,
    SidesModel,
    candidate_features,
    choose_pair,
    context_candidates,
    is_after,
    load_sides_model,
    null_features,
    patient_of,
    sentence_candidates,
    side_info,
)
from ahdath.events.statements import statement_quote, statement_trigger, statement_types
from ahdath.events.status import status_of
from ahdath.events.status_model import StatusModel, status_features
from ahdath.events.welcomed import unmade_thing
from ahdath.events.when import DateResolver
from ahdath.language.normalize import fold_text
from ahdath.model import Actor, Document, Event, Sentence, Span
from ahdath.quotes.attribution import attributions_of, reported_by

NOMINAL_POS = frozenset({"noun", "masdar"})
# Acts done to someone: a verbal noun's genitive is the patient (قتل المدنيين، اعتقال ناشطين).
PATIENT_GENITIVE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "ACCUSE"})
# Statement types whose verbal noun inside a quote is the speaker's act (جرائم الاحتلال → ACCUSE).
SPEAKER_NOMINAL_TYPES = frozenset({"ACCUSE", "THREATEN"})
# Prepositions after which a mention can still be the recipient when the cue's own one is absent.
OBJECT_PREPS = frozenset({None, "ب", "ل", "مع", "علي", "الي", "ضد", "بحق", "عن", "من"})
# Words before a cue that make it a verbal noun rather than a verb (وقف قتل، ضرورة وقف).
NOUN_GOVERNORS = frozenset(
    {"وقف", "ضروره", "استمرار", "بعد", "عقب", "اثر", "رغم", "جراء", "بسبب", "خلال", "اثناء", "منذ", "عمليه", "عمليات", "حمله", "موجه", "سلسله", "تصعيد", "ادانه", "تهمه", "بتهمه", "اتهامات", "ضد", "قبل"}
)
# Verbs whose subject acts through a following verbal noun (شنت الطائرات غارات، أجرى اتصالا).
LIGHT_VERBS = frozenset({"شن", "شنت", "شنوا", "يشن", "تشن", "نفذ", "نفذت", "ينفذ", "تنفذ", "اجري", "اجرت", "يجري", "تجري", "قام", "قامت", "يقوم", "تقوم", "واصل", "واصلت", "يواصل", "تواصل", "وجه", "وجهت", "يوجه", "توجه", "اطلق", "اطلقت", "يطلق", "تطلق", "قدم", "قدمت", "يقدم", "تقدم", "اعلن", "اعلنت", "بدا", "بدات"})
_MEETING_TYPES = frozenset({"CONSULT"})
# Types whose sides can both stand in one list (بين إيران والاتحاد الأوروبي): the first acts towards the others.
_MUTUAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
CONDEMN_TYPE = "ACCUSE"
MIN_CONFIDENCE = 0.3
MODE_OVERRIDE = 0.5  # the mode model overrules the cue's own mode when it gives another mode at least this probability
NAMED_KINDS = frozenset({"person", "organization", "igo"})
# Types whose lexicon hits must also pass the sentence-level model (see docs/event_model.md).
SENTENCE_GATED = frozenset({"ASSAULT", "PROTEST"})
SENTENCE_GATE = 0.5
# Voices (arguments.trigger_voice) whose first following mention is the patient, never the actor.
PATIENT_FIRST_VOICES = frozenset({"passive", "counted"})
CUE_VOTE = 0.5  # weight of the lexicon cue's log-odds against the sentence model's (chosen on the GSR dev half)
# the sector of a state named by its nisba as a side of these acts, its identity kept: an attack or a mobilization
# is the armed forces' (غارة إسرائيلية، مواقع إيرانية), any other act the government's (عقوبات أمريكية، اتهامات
# إيرانية، مساعدات سعودية); COERCE (arrests, blockades: police, army or government) is done by several (MIL and GOV
# both tried: fb-fq +1, a-t -1) and PROTEST by the people (PEOPLE_ACTS)
NISBA_SECTORS = {"ASSAULT": "MIL", "MOBILIZE": "MIL"} | dict.fromkeys(
    ("SANCTION", "AID", "THREATEN", "ACCUSE", "REQUEST", "REJECT", "CONSULT", "AGREE", "SUPPORT", "COOPERATE",
     "RETREAT", "CONCEDE"),
    "GOV",
)
# acts whose actor, named as a place or a country (تظاهرات غزة، احتجاجات في إيران), is that place's people (CVL)
PEOPLE_ACTS = frozenset({"PROTEST"})
OVERRIDE_P = 0.8  # a statement over a cue of its type that the event filter drops (events/statements.py)
THREAT_MODES = Path(__file__).parent / "data" / "threat_modes.tsv"
MUTUAL = Path(__file__).parent / "data" / "mutual.tsv"
RECEIVING = Path(__file__).parent / "data" / "receiving_verbs.tsv"
# Sectors that report rather than act: a news agency is not the subject of an event it reports.
REPORTER_SECTORS = frozenset({"JRN"})


@dataclass(slots=True)
class SideChoice:
    actors: list[Actor | None]  # [None]: an agentless event (the patient of a passive verb, no agent named)
    recipients: list[Actor | None]
    how: str
    subject: Mention | None
    actor_p: float
    recipient_p: float
    n_candidates: int


@dataclass(frozen=True, slots=True)
class SideRule:
    """Sides a coding rule puts in place of the ranker's (``None``: that side stays), and why."""

    actors: list[Actor | None] | None
    recipients: list[Actor | None] | None
    why: str


@dataclass(slots=True)
class Decision:
    """One trigger candidate, decided up to the event filter."""

    sent: Sentence
    match: TriggerMatch
    type: str
    mode: str | None
    confidence: float
    why_type: str
    sides: SideChoice
    status: str
    status_cue: str | None
    features: list[str]
    condemned: CondemnedAct | None = None  # an ACCUSE whose object is an attack noun (events/condemned.py)
    denied: int | None = None  # a REJECT whose object is a claim noun: its offset (events/denied.py)
    # a statement's quote (its index in doc.quotes) whose content the sentence model typed (events/statements.py):
    # no event filter, and the event is that quote's
    statement: int | None = None


@dataclass(slots=True)
class Sides:
    actors: list[Mention]
    recipients: list[Mention]
    reason: str


class EventCoder:
    """Pipeline component: fills ``doc.events``."""

    def __init__(
        self,
        lexicon: TriggerLexicon,
        classifier: Any | None = None,
        sides_model: SidesModel | HiddenPairModel | None = None,
        event_model: EventModel | None = None,
        resolver: Any | None = None,
        mode_model: ModeModel | None = None,
        status_model: StatusModel | None = None,
        statements: dict[str, float] | None = None,
        sentence_mode_model: ModeModel | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.classifier = classifier
        self.sides_model = sides_model
        self.event_model = event_model
        self.mode_model = mode_model  # a mode for events whose cue gives none (ahdath.events.modes)
        self.status_model = status_model  # a second opinion on the status rules (ahdath.events.status_model)
        self.statements = statements or {}  # {type: sentence-model threshold} of statement events (events/statements.py)
        self.sentence_mode_model = sentence_mode_model  # modes from the whole sentence: statements, and a second vote
        self.resolver = resolver  # names each side by its most specific mention in the article
        self.locator = Locator.load()
        self.dates = DateResolver.load()
        self.polarity = Polarity.load()

    @classmethod
    def load(cls, lexicon_path: str | Path | None = None, use_model: bool = True, resolver: Any | None = None) -> EventCoder:
        classifier = None
        if use_model:
            try:
                from ahdath.events.classifier import EventClassifier

                classifier = EventClassifier.load()
            except (ImportError, FileNotFoundError, OSError):
                classifier = None
        sides_model = load_sides_model() if use_model else None
        event_model = EventModel.load(EVENT_MODEL_PATH) if use_model and EVENT_MODEL_PATH.exists() else None
        mode_model = ModeModel.load() if use_model else None
        status_model = StatusModel.load() if use_model else None
        sentence_modes = ModeModel.load(SENTENCE_MODEL_PATH) if use_model else None
        return cls(TriggerLexicon.load(lexicon_path), classifier, sides_model, event_model, resolver, mode_model,
                   status_model, statement_types() if use_model else None, sentence_modes)

    # -- sides -------------------------------------------------------------------------
    def _after(self, doc: Document, idx: MentionIndex, sent: Sentence, m: TriggerMatch) -> Mention | None:
        """The mention right after the trigger's head (a VSO subject, or a noun's genitive), not after a
        preposition; cue words of a gapped cue (أصدرت [محكمة عراقية] حكما) are stepped over."""
        cue_tokens = set(m.tokens)
        seen = 0
        t = m.head + 1
        while t < sent.token_end and seen < SUBJECT_WINDOW:
            cand = idx.starting_at(t)
            if cand is not None:
                return cand if introduced_by(doc, cand, sent) is None and self._can_act(cand) else None
            if doc.tokens[t].is_punct:
                return None
            if t not in cue_tokens:
                seen += 1
            t += 1
        return None

    def _agent(self, doc: Document, idx: MentionIndex, sent: Sentence, m: TriggerMatch) -> Mention | None:
        """``على يد X`` / ``من قبل X`` after the trigger."""
        for cand in idx.in_range(m.end_tok, min(m.end_tok + RIGHT_WINDOW, sent.token_end)):
            if is_agent_marked(doc, cand, sent):
                return cand
        return None

    def _left_subject(self, doc: Document, idx: MentionIndex, sent: Sentence, m: TriggerMatch) -> list[Mention]:
        """SVO: the nearest mention before the trigger in its sentence, not after a preposition."""
        left = [c for c in idx.in_range(max(sent.token_start, m.start_tok - LEFT_WINDOW), m.start_tok) if self._can_act(c)]
        for cand in reversed(left):
            if introduced_by(doc, cand, sent) is None and not is_genitive(doc, cand, sent):
                between = doc.tokens[cand.end_tok : m.start_tok]
                if sum(t.is_punct for t in between) > 1:
                    return []
                return coordinated_left(doc, idx, cand, sent, left)
        return []

    def _sides(self, doc: Document, idx: MentionIndex, sent: Sentence, m: TriggerMatch, event_type: str) -> Sides:
        nominal = is_nominal(doc, sent, m)
        after = self._after(doc, idx, sent, m)
        agent = self._agent(doc, idx, sent, m)
        if nominal:
            # A verbal noun: its genitive is the patient for acts done to someone (قتل المدنيين,
            # اعتقال الناشطين) unless a preposition introduces the target (غارات التحالف على ...).
            patient_genitive = event_type in PATIENT_GENITIVE_TYPES and not self._has_prep_target(doc, idx, sent, m)
            if agent is not None:
                actors, how = [agent], "agent after على يد/من قبل"
            elif after is not None and not patient_genitive:
                actors, how = coordinated(doc, idx, after, sent), "genitive of the verbal noun"
            else:
                light = light_verb_subject(doc, idx, sent, m)
                actors, how = (light, "subject of the light verb") if light else ([], "")
            taken = actors + ([after] if after is not None and patient_genitive else [])
            recipients = coordinated(doc, idx, after, sent) if after is not None and patient_genitive else []
            if not recipients:
                recipients = self._recipients(doc, idx, sent, m, taken)
            return Sides(actors, recipients, how)
        if after is not None:
            actors, how = coordinated(doc, idx, after, sent), "subject after the verb (VSO)"
        elif agent is not None:
            actors, how = [agent], "agent after على يد/من قبل"
        else:
            actors, how = self._left_subject(doc, idx, sent, m), "subject before the verb (SVO)"
        return Sides(actors, self._recipients(doc, idx, sent, m, actors), how)

    def _has_prep_target(self, doc: Document, idx: MentionIndex, sent: Sentence, m: TriggerMatch) -> bool:
        preps = _arg_preps(m.arg) - {None}
        return any(
            introduced_by(doc, c, sent) in preps for c in idx.in_range(m.end_tok, min(m.end_tok + RIGHT_WINDOW, sent.token_end))
        )

    @staticmethod
    def _can_act(m: Mention) -> bool:
        return m.actor.sector not in REPORTER_SECTORS

    def _recipients(self, doc: Document, idx: MentionIndex, sent: Sentence, m: TriggerMatch, actors: list[Mention]) -> list[Mention]:
        taken = {(a.start_tok, a.end_tok) for a in actors}
        stop = min(m.end_tok + RIGHT_WINDOW, sent.token_end)
        aside = aside_tokens(doc, sent, m.end_tok, stop) if m.type not in _MEETING_TYPES else set()
        if aside:  # the complement comes after the aside: widen the window by its length
            stop = min(stop + len(aside), sent.token_end)
        window = [
            c
            for c in idx.in_range(m.end_tok, stop)
            if (c.start_tok, c.end_tok) not in taken and c.start_tok not in aside and not is_agent_marked(doc, c, sent)
        ]
        preps = _arg_preps(m.arg)
        for c in window:
            if introduced_by(doc, c, sent) in preps:
                return coordinated(doc, idx, c, sent)
        for c in window:  # direct object, or the nearest mention when the expected preposition is absent
            if introduced_by(doc, c, sent) in OBJECT_PREPS:
                return coordinated(doc, idx, c, sent)
        return []

    # -- coding ------------------------------------------------------------------------
    def rule_sides(
        self, doc: Document, idx: MentionIndex, sent: Sentence, m: TriggerMatch, event_type: str, last_subject: Mention | None
    ) -> tuple[list[Actor], list[Actor], str, list[Mention], list[Mention]]:
        """The hand-written word-order rules: (actors, recipients, how, actor mentions, recipient mentions)."""
        sides = self._sides(doc, idx, sent, m, event_type)
        actors = [x.actor for x in sides.actors]
        how = sides.reason
        if not actors:
            speaker = quote_speaker(doc, m.start)
            if speaker is not None and (event_type in SPEAKER_NOMINAL_TYPES or not is_nominal(doc, sent, m)):
                actors, how = [speaker], "speaker of the quote that states it"
            elif last_subject is not None and can_carry_subject(doc, sent, m):
                actors, how = [last_subject.actor], "dropped subject: carried from the previous statement"
        return actors, [r.actor for r in sides.recipients], how, sides.actors, sides.recipients

    def candidates(
        self, doc: Document, idx: MentionIndex, sent: Sentence, m: TriggerMatch, event_type: str, last_subject: Mention | None
    ) -> tuple[list[Candidate], list[list[str]], tuple]:
        """Side candidates of a trigger with their features (shared by coding and training)."""
        rule = self.rule_sides(doc, idx, sent, m, event_type, last_subject)
        _, _, _, rule_act, rule_rec = rule
        in_sent = idx.in_range(sent.token_start, sent.token_end)
        choice = {
            "actor": (rule_act[0].start_tok, rule_act[0].end_tok) if rule_act else None,
            "recipient": (rule_rec[0].start_tok, rule_rec[0].end_tok) if rule_rec else None,
            "first": (in_sent[0].start_tok, in_sent[0].end_tok) if in_sent else None,
        }
        cands = sentence_candidates(idx, sent)
        speaker = quote_speaker(doc, m.start)
        if speaker is not None:
            cands.append(Candidate(speaker, None, "speaker"))
        if last_subject is not None:
            cands.append(Candidate(last_subject.actor, None, "carried"))
        cands += context_candidates(doc, idx, sent, cands)
        nominal = is_nominal(doc, sent, m)
        preps = _arg_preps(m.arg)
        order_before = order_after = bare_after = 0
        aside = frozenset(aside_tokens(doc, sent, m.end_tok, sent.token_end))
        coord = coordinated_verb(doc, sent, m, last_subject)
        cited = frozenset((a.start, a.end) for a in attributions_of(doc) if a.sentence == sent.i)
        voice = trigger_voice(doc, sent, m.head, m.end_tok, nominal, m.gapped)
        feats = []
        for c in cands:
            bare = 0
            if c.mention is not None and is_after(m, c.mention):
                order_after += 1
                order = order_after
                if introduced_by(doc, c.mention, sent) is None:
                    bare_after += 1
                    bare = bare_after
            else:
                order_before += 1
                order = order_before
            f = candidate_features(doc, sent, m, c, nominal, choice, preps, order, bare, aside, idx, speaker, cited)
            f += voice_features(c, voice, m)
            if coord is not None:
                f += coord_features(c, last_subject, coord)
            feats.append(f)
        if event_type != m.type:
            feats = [[f.replace(f"type={m.type}", f"type={event_type}") for f in fs] for fs in feats]
        return cands, feats, rule

    def _model_sides(
        self, doc: Document, idx: MentionIndex, sent: Sentence, m: TriggerMatch, event_type: str, last_subject: Mention | None,
        only_actor: Actor | None = None,
    ) -> SideChoice:
        """The ranker's sides of trigger ``m``; with ``only_actor`` (a statement's speaker), only that entity may be
        the actor (pair rankers; the older actor-then-recipient models ignore it)."""
        assert self.sides_model is not None
        cands, feats, _ = self.candidates(doc, idx, sent, m, event_type, last_subject)
        if not cands:
            return SideChoice([], [None], "", None, 0.0, 0.0, 0)
        model = self.sides_model
        null = null_features(feats)
        if model.kind == "pair":
            return self._pair_sides(doc, idx, sent, m, event_type, cands, feats, null, only_actor)
        a_ps = model.choose(feats, null, "actor")
        best = max(range(len(cands)), key=a_ps.__getitem__)
        if a_ps[best] < model.thresholds["actor"]:
            return SideChoice([], [None], "", None, a_ps[best], 0.0, len(cands))
        actor_c = cands[best]
        actor_ms = coordinated(doc, idx, list_head(doc, idx, actor_c.mention, sent), sent) if actor_c.mention else []
        actors = [x.actor for x in actor_ms] or [actor_c.actor]
        how = f"side model: actor p={a_ps[best]:.2f} ({actor_c.origin})"
        in_actor_group = {id(x) for x in actor_ms}
        # A comma-enclosed aside opened by a preposition ("، في اتصال مع X،") is an adjunct, not the recipient.
        aside = aside_tokens(doc, sent, m.end_tok, sent.token_end) if event_type not in _MEETING_TYPES else set()
        r_feats = [
            f
            if i != best
            and id(c.mention) not in in_actor_group
            and (c.mention is None or c.mention.start_tok not in aside)
            and not any(same_entity(c.actor, a) for a in actors)
            else None
            for i, (c, f) in enumerate(zip(cands, feats, strict=True))
        ]
        r_ps = model.choose(r_feats, null, "recipient")
        rbest = max(range(len(cands)), key=r_ps.__getitem__)
        recipients: list[Actor | None] = [None]
        if r_feats[rbest] is not None and r_ps[rbest] >= model.thresholds["recipient"]:
            rc = cands[rbest]
            recipients = _recipient_list(doc, idx, sent, rc, actors)
            how += f"; recipient p={r_ps[rbest]:.2f}"
        return SideChoice(actors, recipients, how, actor_c.mention, a_ps[best], r_ps[rbest], len(cands))

    def _pair_sides(
        self,
        doc: Document,
        idx: MentionIndex,
        sent: Sentence,
        m: TriggerMatch,
        event_type: str,
        cands: list[Candidate],
        feats: list[list[str]],
        null: list[str],
        only_actor: Actor | None = None,
    ) -> SideChoice:
        """Actor and recipient chosen together (``sides.PairChooser``), then split over coordination; with
        ``only_actor``, the candidates that are another entity may only be the recipient."""
        assert self.sides_model is not None
        infos = [side_info(doc, sent, m, c) for c in cands]
        # A comma-enclosed aside opened by a preposition ("، في اتصال مع X،") is an adjunct, not the recipient.
        aside = aside_tokens(doc, sent, m.end_tok, sent.token_end) if event_type not in _MEETING_TYPES else set()
        blocked = [c.mention is not None and c.mention.start_tok in aside for c in cands]
        pos = "nominal" if is_nominal(doc, sent, m) else "verbal"
        patient, no_actor = passive_roles(doc, sent, m, cands, pos == "nominal")
        speaker = next((i for i, c in enumerate(cands) if c.origin == "speaker"), None)
        if speaker is not None and first_person(doc, sent, m.start_tok, m.head):  # سنواصل in a quote: the speaker acts
            no_actor = [i != speaker for i in range(len(cands))]
        if only_actor is not None and any(same_entity(c.actor, only_actor) for c in cands):
            no_actor = [not same_entity(c.actor, only_actor) for c in cands]
            # a statement's target is named in it or near it, not in the article's lead sentence
            blocked = [b or c.origin == "lead" for b, c in zip(blocked, cands, strict=True)]
        cand_actors = [c.actor for c in cands]
        pick = choose_pair(self.sides_model, feats, null, infos, event_type, pos, m.cue, blocked, cand_actors, no_actor)
        if pick is None:  # only the patient of a passive verb and places: an agentless event
            if patient is None:
                return SideChoice([], [None], "", None, 0.0, 0.0, len(cands))
            how = "agentless: the patient of a passive verb, no agent named"
            return SideChoice([None], [cands[patient].actor], how, None, 0.0, 1.0, len(cands))
        if patient is not None and pick.recipient != patient and not blocked[patient]:
            pick = PairChoice(pick.actor, patient, pick.actor_p, pick.recipient_p)  # the patient suffered it
        receiving = pick.recipient is not None and is_receiving(m.cue)
        if receiving:  # the model reads subject/object (data/receiving_verbs.tsv); swap them
            pick = PairChoice(pick.recipient, pick.actor, pick.actor_p, pick.recipient_p)
        actor_c = cands[pick.actor]
        head = list_head(doc, idx, actor_c.mention, sent) if actor_c.mention else None
        members = list_mentions(doc, idx, head, sent) if head else []  # with the names in apposition
        actor_ms = distinct_members(members) if members else []
        if (
            pick.recipient is not None
            and event_type not in _MUTUAL_TYPES
            and any(x is cands[pick.recipient].mention and x is not actor_c.mention for x in members)
            and introduced_by(doc, actor_ms[0], sent) != BETWEEN
        ):
            # a list before a one-way act is its actors (أدانت قطر وتركيا وروسيا ...): the recipient is outside it
            in_list = [c.mention is not None and any(x is c.mention for x in members) for c in cands]
            blocked = [b or inside for b, inside in zip(blocked, in_list, strict=True)]
            again = choose_pair(self.sides_model, feats, null, infos, event_type, pos, m.cue, blocked, cand_actors, no_actor)
            if again is not None and in_list[again.actor]:
                pick = PairChoice(pick.actor, again.recipient, pick.actor_p, again.recipient_p)
        actors = [x.actor for x in actor_ms] or [actor_c.actor]
        how = f"side model: actor p={pick.actor_p:.2f} ({actor_c.origin})"
        recipients: list[Actor | None] = [None]
        if pick.recipient is not None:
            rc = cands[pick.recipient]
            if rc.mention is not None and any(x is rc.mention for x in actor_ms[1:]):
                # both sides in one list (بين إيران والاتحاد الأوروبي وألمانيا): the first acts towards the others
                actors, recipients = [actor_c.actor], [x.actor for x in actor_ms[1:]]
                how += f"; recipients p={pick.recipient_p:.2f}: the rest of the actor's list"
            else:
                recipients = _recipient_list(doc, idx, sent, rc, actors)
                how += f"; recipient p={pick.recipient_p:.2f}"
        if receiving:
            how += "; the verb's subject receives the act (sides read the other way)"
        return SideChoice(actors, recipients, how, actor_c.mention, pick.actor_p, pick.recipient_p, len(cands))

    def matches(self, doc: Document, idx: MentionIndex) -> list[TriggerMatch]:
        """The lexicon's trigger cues, read with the actor mentions: a name counts as one word inside a
        gapped cue (تلقى [الرئيس المصري عبد الفتاح السيسي] اتصالا), and a cue inside a name is not a
        trigger (بايدن is not أيد "supported"; تحالف دعم الشرعية is no support), though an organization's
        head word can be one (قمة مجموعة السبع, مسيرات العودة)."""
        named = {
            t
            for x in idx.mentions
            if x.actor.kind in NAMED_KINDS
            for t in range(x.start_tok + (x.actor.kind != "person"), x.end_tok)
        }
        inside = frozenset(t for x in idx.mentions for t in range(x.start_tok + 1, x.end_tok))
        return [m for m in self.lexicon.match(doc, inside) if m.head not in named]

    def triggers(self, doc: Document) -> Iterator[Decision]:
        """Every lexicon trigger with its type, sides, status and event-filter features (before filtering)."""
        idx = MentionIndex(doc)
        last_subject: Mention | None = None
        by_sentence: dict[int, list[TriggerMatch]] = {}
        matches = self.matches(doc, idx)
        idx.marks = clause_marks(doc, [m.head for m in matches])
        for m in matches:
            by_sentence.setdefault(doc.tokens[m.start_tok].sent, []).append(m)
        heads = frozenset(m.head for m in matches)
        for sent in doc.sentences:
            decided: list[Decision] = []
            requests: list[tuple[TriggerMatch, frozenset[str | None]]] = []
            for m in by_sentence.get(sent.i, []):
                event_type, conf, why_type, p_type = self._decide_type(doc, sent, m)
                if event_type is None and self._announced_threat(doc, sent, m):
                    # the type model learnt that سنواصل مواجهة is no ASSAULT (annotators code it THREATEN):
                    # keep the conflict cue for the threat rule below
                    # (its probability of the cue's type is no evidence against the threat: not fed to the filter)
                    event_type, p_type = m.type, None
                    why_type += "; a conflict act its actor announces in the first person"
                demand = demand_of(doc, idx, requests, m, heads)
                # طالب X بضرورة ...: a request noun inside a request's demand restates it, whatever the
                # type classifier says of the noun alone; its recipient may complete the verb's event
                restating = demand is not None and m.type in DEMAND_TYPES and is_nominal(doc, sent, m)
                if restating:
                    event_type = m.type
                if event_type is None:
                    continue
                if self.sides_model is not None:
                    ch = self._model_sides(doc, idx, sent, m, event_type, last_subject)
                else:
                    actors, recs, how, subj_ms, _ = self.rule_sides(doc, idx, sent, m, event_type, last_subject)
                    subject = subj_ms[0] if subj_ms else None
                    ch = SideChoice(actors, list(recs) or [None], how, subject, float(bool(actors)), float(bool(recs)), 0)
                if restating:
                    _restated(decided, demand, ch)
                    continue
                rule = self._sentence_rule(doc, idx, sent, m, event_type, ch)
                if rule is not None:
                    ch = replace(ch, actors=rule.actors if rule.actors is not None else ch.actors,
                                 recipients=rule.recipients if rule.recipients is not None else ch.recipients,
                                 how=f"{ch.how}; {rule.why}")
                if ch.subject is not None:
                    last_subject = ch.subject
                if not ch.actors:
                    continue
                status, status_cue = status_of(doc, m.start_tok, m.end_tok, m.cue)
                if status == "asserted":
                    agrees, why_sent = self._sentence_agrees(doc, sent, event_type, m.weight if event_type == m.type else 0.5)
                    if not agrees:
                        continue
                    why_type += why_sent
                mode, why_mode = self._decide_mode(doc, sent, m, event_type, m.mode if event_type == m.type else None)
                why_type += why_mode
                # only an actor announcing its own act (سنواصل مواجهة، لن نسمح): a reported plan is a future act
                threat = threat_mode(event_type, mode) if status == "future" and first_person(doc, sent, m.start_tok, m.head) else None
                if threat is not None:
                    event_type, mode, status = "THREATEN", threat, "asserted"
                    why_type += f"; a future {m.type} announced by its actor in the first person is a threat"
                nominal = is_nominal(doc, sent, m)
                if event_type in DEMAND_TYPES:
                    requests.append((m, _arg_preps(m.arg)))
                feats = event_features(
                    doc, sent, m, event_type, nominal, status,
                    quote_speaker(doc, m.start) is not None, ch.actor_p, ch.recipient_p, ch.n_candidates,
                    trigger_voice(doc, sent, m.head, m.end_tok, nominal, m.gapped),
                    ch.subject is not None and is_agent_marked(doc, ch.subject, sent),
                    demand is not None,
                    p_type,
                )
                if self.status_model is not None and threat is None:
                    # a second opinion on the reported status, after the rules' status has gated the event,
                    # made the threats and fed the event filter (which were all tuned on the rules')
                    second = self.status_model.decide(status, status_features(
                        doc.tokens, m.start_tok, m.end_tok, sent.token_start, sent.token_end, status))
                    if second is not None:
                        why_type += f"; status {second[0]} p={second[1]:.2f} (status model; rules: {status})"
                        status, status_cue = second[0], None
                act = condemned_act(doc, idx, sent, m, by_sentence[sent.i]) if event_type == CONDEMN_TYPE else None
                claim = denied_claim(doc, idx, sent, m) if event_type == DENIAL_TYPE else None
                decided.append(Decision(sent, m, event_type, mode, conf, why_type, ch, status, status_cue, feats, act, claim))
            decided += self._statements(doc, idx, sent, decided, last_subject)
            yield from decided

    def _decide_mode(
        self, doc: Document, sent: Sentence, m: TriggerMatch, event_type: str, mode: str | None
    ) -> tuple[str | None, str]:
        """The event's mode: the cue's ``mode``, or the mode model's where the cue gives none (joined with the
        sentence mode model's reading of the whole sentence), or, from MODE_OVERRIDE,
        where the mode model reads another; and the reason's words for a mode from the models."""
        if self.mode_model is None or (mode is not None and MODE_OVERRIDE >= 1.0):
            return mode, ""
        if mode is None and not plover_modes().get(event_type):
            return None, ""  # a type with no modes: neither model scores any
        near = mode_features(doc.tokens, m.start_tok, m.end_tok, sent.token_start, sent.token_end)
        if mode is None and self.sentence_mode_model is not None:
            got = joint_mode([
                (self.mode_model, near),
                (self.sentence_mode_model, sentence_mode_features(doc.tokens, sent.token_start, sent.token_end)),
            ], event_type)
            if got is not None:
                return got[0], f"; mode {got[0]} p={got[1]:.2f} (mode model and sentence mode model)"
        got = self.mode_model.predict(event_type, near)
        if got is not None and (mode is None or (got[0] != mode and got[1] >= MODE_OVERRIDE)):
            return got[0], f"; mode {got[0]} p={got[1]:.2f} (mode model{'; cue: ' + mode if mode else ''})"
        return mode, ""

    def _statement_mode(self, doc: Document, sent: Sentence, m: TriggerMatch, event_type: str) -> tuple[str | None, str]:
        """A statement's mode: the sentence mode model's reading of the whole sentence (its trigger, the speech
        verb, says nothing of the mode), else the mode model's at the speech verb."""
        if self.sentence_mode_model is not None:
            got = self.sentence_mode_model.predict(event_type, sentence_mode_features(doc.tokens, sent.token_start, sent.token_end))
            if got is not None:
                return got[0], f"; mode {got[0]} p={got[1]:.2f} (sentence mode model: the whole sentence)"
        return self._decide_mode(doc, sent, m, event_type, None)

    def _filter(self, d: Decision) -> tuple[bool, float | None]:
        """Whether the event filter keeps decision ``d``, and its probability (None where no filter applies: a
        statement, or no event model)."""
        if d.statement is not None or self.event_model is None:
            return True, None
        p_event = self.event_model.score(d.features, "event")
        return p_event >= self.event_model.thresholds["event"], p_event

    def _statements(
        self, doc: Document, idx: MentionIndex, sent: Sentence, decided: list[Decision], last_subject: Mention | None
    ) -> list[Decision]:
        """Statement events (``events/statements.py``): the speech cue of a quote in ``sent`` as the trigger of each
        statement type the sentence model reads in the sentence and no cue of the sentence was coded as."""
        if not self.statements or self.classifier is None or self.sides_model is None:
            return []
        qi = statement_quote(doc, sent)
        if qi is None:
            return []
        quote = doc.quotes[qi]
        out: list[Decision] = []
        probs = self.classifier.score_sentence(doc, sent)
        for event_type, threshold in self.statements.items():
            p = probs.get(event_type, 0.0)
            same = [d for d in decided if d.type == event_type]
            # a cue of the type the event filter keeps codes the statement already; one it drops gives way to the
            # statement only on strong sentence evidence (OVERRIDE_P: the two models disagree)
            if p < threshold or any(self._filter(d)[0] for d in same) or (same and p < OVERRIDE_P):
                continue
            m = statement_trigger(doc, sent, quote, event_type, p)
            if m is None:
                continue
            ch = self._model_sides(doc, idx, sent, m, event_type, last_subject, quote.speaker)
            if not ch.actors:
                continue
            why = f"a statement: sentence model p={p:.2f} for {event_type}, " + (
                f"its {event_type} cue '{same[0].match.text}' dropped by the event filter" if same else f"no {event_type} cue in the sentence")
            mode, why_mode = self._statement_mode(doc, sent, m, event_type)
            out.append(Decision(sent, m, event_type, mode, p, why + why_mode, ch, "asserted", None, [], statement=qi))
        return out

    def __call__(self, doc: Document) -> Document:
        events: list[Event] = []
        attacks: list[Event] = []  # asserted attacks coded so far: a later condemnation of "the attack" names their doer
        kinds: list[frozenset[str]] = []  # each attack's cue words (condemned.cue_kind)
        accusations: list[Event] = []  # a later denial of "the accusations" answers their makers
        blames: list[Event] = []  # accusations that name who is responsible: an unclaimed act's doer
        seen: set[tuple[str, str, str]] = set()
        for d in self.triggers(doc):
            conf, why_type = d.confidence, d.why_type
            keep, p_event = self._filter(d)
            if not keep:
                continue
            if d.statement is not None:
                conf = d.confidence * (0.5 + 0.5 * d.sides.actor_p)
            elif p_event is not None:
                conf = p_event * (0.5 + 0.5 * d.sides.actor_p)
                why_type += f"; event model p={p_event:.2f}"
            mutual = is_mutual(d.type, d.match.cue)
            recipients = d.sides.recipients
            rule = _article_rule(d, attacks, kinds, accusations, blames)
            if rule is not None and rule.recipients is not None:
                recipients = rule.recipients
                why_type += f"; {rule.why}"
            for actor in d.sides.actors:
                for rec in recipients:
                    if rec is not None and same_entity(actor, rec):
                        continue
                    pairs = [(actor, rec, why_type)]
                    if mutual and rec is not None and actor is not None:  # one record per direction (data/mutual.tsv)
                        pairs.append((rec, actor, why_type + "; reciprocal act: the reverse direction too"))
                    for a, r, why in pairs:
                        key = (entity_key(a), d.type, entity_key(r))
                        if key in seen:
                            continue
                        seen.add(key)
                        events.append(self._event(doc, d, a, r, conf, why))
                        events[-1].quote = d.statement  # (link_statements keeps a statement's quote, then relinks)
                        if d.type == ACT_TYPE and d.status == "asserted":
                            attacks.append(events[-1])
                            kinds.append(cue_kind(d.match.cue))
                        elif d.type == CLAIM_TYPE:
                            accusations.append(events[-1])
                            if d.status == "asserted" and is_blame(d.match.cue):
                                blames.append(events[-1])
        for i, e in enumerate(events):
            e.id = i
        doc.events = events
        return doc

    @staticmethod
    def _sentence_rule(
        doc: Document, idx: MentionIndex, sent: Sentence, m: TriggerMatch, event_type: str, ch: SideChoice
    ) -> SideRule | None:
        """Sides that a rule reads off the trigger's own sentence, in place of the ranker's: a mediation names its
        mediators and parties (events/mediation.py); a welcome for a thing no one named made has no recipient
        (events/welcomed.py)."""
        med = mediation(doc, idx, sent, m) if event_type == MEDIATE_TYPE else None
        if med is not None:  # بوساطة X: X mediates between the sentence's parties
            return SideRule(list(med.mediators), list(med.parties) or [None],
                            "the mediation noun names the mediator (actor) and the parties (recipients)")
        if event_type == m.type and ch.recipients != [None] and unmade_thing(doc, idx, sent, m):
            return SideRule(None, [None], "a welcome for a thing no one named made: no recipient")
        return None

    @staticmethod
    def _announced_threat(doc: Document, sent: Sentence, m: TriggerMatch) -> bool:
        """A conflict cue (one with a THREATEN mode) after a first-person vow to go on: سنواصل مواجهة العدوان."""
        return threat_mode(m.type, m.mode) is not None and vowed(doc, sent, m.start_tok)

    def _decide_type(self, doc: Document, sent: Sentence, m: TriggerMatch) -> tuple[str | None, float, str, float | None]:
        """(type or None, confidence, why, the type model's probability of that type: None without a model)."""
        conf = m.weight
        why = f"lexicon cue '{m.cue}' ({m.type})"
        p_type = None
        if self.classifier is not None:
            probs = self.classifier.score_candidate(doc, sent, m.start_tok, m.end_tok, m.type)
            best = max(probs, key=probs.get) if probs else m.type
            p_type = p_lex = probs.get(m.type, 0.0)
            conf = 0.5 * m.weight + 0.5 * p_lex
            if best != m.type and probs[best] >= MIN_CONFIDENCE:
                return best, probs[best], f"model re-typed cue '{m.cue}' as {best}", probs[best]
            why += f"; model p={p_lex:.2f}"
        if conf < MIN_CONFIDENCE:
            return None, conf, why, p_type
        praise = self.polarity.positive_type(doc, sent, m)
        if praise is not None:
            return praise, conf, why + f"; positive description: {praise}", p_type
        return m.type, conf, why, p_type

    def _sentence_agrees(self, doc: Document, sent: Sentence, event_type: str, cue_weight: float) -> tuple[bool, str]:
        """Background and generic mentions of attacks and protests are common: for an asserted
        ASSAULT or PROTEST the sentence model must also say the sentence reports one (it is trained
        on reports of events that happened, so negated and future ones are not gated). Its probability
        and the cue's own (the lexicon weight: how often the cue is that event) are combined as two
        votes, logit(p) + CUE_VOTE * logit(w) >= logit(SENTENCE_GATE): an unambiguous cue (اغتيل، غارة,
        w 0.9) passes on weaker sentence evidence than an ambiguous one (هجوم، قتل)."""
        if self.classifier is None or event_type not in SENTENCE_GATED:
            return True, ""
        p_sent = self.classifier.score_sentence(doc, sent).get(event_type, 0.0)
        return _logit(p_sent) + CUE_VOTE * _logit(cue_weight) >= _logit(SENTENCE_GATE), f"; sentence model p={p_sent:.2f}"

    def _event(self, doc: Document, d: Decision, actor: Actor | None, rec: Actor | None, conf: float, why_type: str) -> Event:
        m = d.match
        same = d.type == m.type and (m.mode is None or d.mode == m.mode)  # the cue's own sense: its CAMEO code
        code = m.cameo if same and m.cameo else default_cameo(d.type, d.mode)
        info = cameo_info(code) if code else None
        reason = f"{why_type}; {d.sides.how}"
        if d.status_cue:
            reason += f"; status {d.status} by '{d.status_cue}'"
        when = self.dates.resolve(doc, d.sent, m.head)
        if self.resolver is not None:
            actor = self.resolver.canonical(doc, actor) if actor is not None else None
            rec = self.resolver.canonical(doc, rec) if rec is not None else None
        actor, rec = _acting_sectors(doc, d, actor, rec)
        return Event(
            type=d.type,
            trigger=trigger_span(doc, m),
            sentence=doc.span(d.sent.start, d.sent.end),
            actor=actor,
            recipient=rec,
            location=self.locator.locate(doc, d.sent, m.head),
            date=when[0] if when else None,
            mode=d.mode or None,
            cameo=code,
            goldstein=info.goldstein if info else None,
            quad_class=info.quad_class if info else None,
            status=d.status,
            reported_by=reported_by(doc, m.start),
            confidence=conf,
            reason=reason,
        )


def _acting_sectors(doc: Document, d: Decision, actor: Actor | None, rec: Actor | None) -> tuple[Actor | None, Actor | None]:
    """The sides of ``d`` with the sector that acts for a state named only as such: a condemned attack's nisba doer
    (أدان الغارات الإسرائيلية) and a nisba side of the act (``NISBA_SECTORS``: غارة إسرائيلية، عقوبات أمريكية), or a
    protest's place or country (``PEOPLE_ACTS``: its people)."""
    doer = d.condemned.doer if d.condemned is not None else None
    if doer is not None and rec is not None and (rec.start, rec.end) == (doer.start, doer.end):
        rec = _nisba_side(doc, rec, NISBA_SECTORS[ACT_TYPE])
    if d.type in NISBA_SECTORS:
        actor, rec = _nisba_side(doc, actor, NISBA_SECTORS[d.type]), _nisba_side(doc, rec, NISBA_SECTORS[d.type])
    if d.type in PEOPLE_ACTS and actor is not None and actor.kind == "country" and not actor.sector:
        actor = replace(actor, sector="CVL", reason=actor.reason + f"; a {d.type} by a place or country: its people")
    return actor, rec


def _nisba_side(doc: Document, a: Actor | None, sector: str) -> Actor | None:
    """A side named by a state's nisba (غارة إسرائيلية، عقوبات أميركية): that state, with the sector that does such
    acts for it (``NISBA_SECTORS``)."""
    if a is None or a.kind != "country" or a.sector or doc.user_data.get("actor_mentions", {}).get((a.start, a.end)) != "nisba":
        return a
    return replace(a, sector=sector, reason=a.reason + f"; a state named by its nisba in a {sector} act")


def _article_rule(
    d: Decision, attacks: list[Event], kinds: list[frozenset[str]], accusations: list[Event], blames: list[Event]
) -> SideRule | None:
    """Recipients that a rule reads off what the article coded before, in place of the ranker's: the doer of a
    condemned act (events/condemned.py), the maker of a denied claim (events/denied.py)."""
    recipients = d.sides.recipients
    if d.condemned is not None and all(
        r is None or r.start >= d.condemned.start or r.start < d.sent.start for r in recipients
    ):  # not an accused named before the act (اتهمت إيران إسرائيل بالهجوم)
        doers = attackers(d.condemned, attacks, d.sides.actors, kinds, blames)
        if doers:
            return SideRule(None, list(doers), "the condemned act's doer is the recipient")
    if d.denied is not None and all(r is None or r.start >= d.denied for r in recipients):
        makers = claimants(accusations, d.sides.actors)  # وتنفي قطر تلك الاتهامات: the accusers
        if makers:
            return SideRule(None, list(makers), "the denied claim's maker is the recipient")
    return None


def _recipient_list(
    doc: Document, idx: MentionIndex, sent: Sentence, rc: Candidate, actors: list[Actor | None]
) -> list[Actor | None]:
    """The chosen recipient with the whole و-list it sits in (wherever in it the ranker pointed), less the actors."""
    if rc.mention is None:
        return [rc.actor]
    members = coordinated(doc, idx, list_head(doc, idx, rc.mention, sent, subject=False), sent)
    return [x.actor for x in members if not any(same_entity(x.actor, a) for a in actors)] or [rc.actor]


def _restated(decided: list[Decision], demand: TriggerMatch, restating: SideChoice) -> None:
    """A request noun inside a request verb's demand (طالب X بضرورة وقف جرائم Y) is the same event:
    when the verb found no recipient, the noun's recipients (the demand's target) become its own."""
    for d in decided:
        if d.match is demand and d.sides.recipients == [None] and restating.recipients != [None]:
            d.sides.recipients = restating.recipients
            d.sides.how += "; recipient from the demand's restating noun"


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def coordinated_left(doc: Document, idx: MentionIndex, last: Mention, sent: Sentence, left: list[Mention]) -> list[Mention]:
    """An SVO subject may be coordinated (``إيران وتركيا أدانتا``): collect back to its first conjunct."""
    group = [last]
    pos = left.index(last)
    while pos > 0:
        prev = left[pos - 1]
        between = doc.tokens[prev.end_tok : group[0].start_tok]
        if all(t.norm in {"،", ",", "و"} for t in between) and (between or after_wa(doc, group[0])):
            group.insert(0, prev)
            pos -= 1
        else:
            break
    return group


def _fold_prep(p: str) -> str:
    return fold_text(p)


def is_nominal(doc: Document, sent: Sentence, m: TriggerMatch) -> bool:
    """Whether the trigger is used as a (verbal) noun: by its lexicon part of speech, or by context."""
    if m.pos in NOMINAL_POS:
        return True
    head = doc.tokens[m.head]
    if "ال" in head.prefixes or any(p in ("ب", "ل", "ك") for p in head.prefixes):
        return True
    if m.head > sent.token_start:
        prev = doc.tokens[m.head - 1]
        if prev.norm in NOUN_GOVERNORS or prev.stem in NOUN_GOVERNORS or prev.norm.removeprefix("و") in NOUN_GOVERNORS:
            return True
        if prev.norm in ("في", "علي", "من", "الي", "عن"):
            return True
    return False


def light_verb_subject(doc: Document, idx: MentionIndex, sent: Sentence, m: TriggerMatch) -> list[Mention]:
    """``شنت الطائرات غارات``: the subject of a light verb shortly before a verbal noun."""
    for v in range(m.head - 1, max(sent.token_start, m.head - 6) - 1, -1):
        tok = doc.tokens[v]
        if tok.norm.removeprefix("و").removeprefix("ف") in LIGHT_VERBS or tok.stem in LIGHT_VERBS:
            for t in range(v + 1, m.head):
                cand = idx.starting_at(t)
                if cand is not None:
                    return [cand]
            left = [c for c in idx.in_range(max(sent.token_start, v - LEFT_WINDOW), v)]
            return left[-1:]
        if tok.is_punct:
            break
    return []


def passive_roles(doc: Document, sent: Sentence, m: TriggerMatch, cands: list[Candidate], nominal: bool) -> tuple[int | None, list[bool]]:
    """For a transitive cue (its recipient a direct object; تظاهر آلاف is not passive) in a passive or counted
    voice: the patient (``sides.patient_of``) and which candidates may not be the actor -- the patient, its
    appositions and places after a locative cue (where it happened). Otherwise (None, nobody)."""
    no_actor = [False] * len(cands)
    if None not in _arg_preps(m.arg) or trigger_voice(doc, sent, m.head, m.end_tok, nominal, m.gapped) not in PATIENT_FIRST_VOICES:
        return None, no_actor
    patient = patient_of(doc, sent, m, cands)
    p_actor = cands[patient].actor if patient is not None else None
    p_end = cands[patient].mention.end_tok if patient is not None and cands[patient].mention else -1
    places: set[int] = set()  # end tokens of the mentions read as places: a name right after one is its apposition
    for i in sorted(range(len(cands)), key=lambda k: cands[k].mention.start_tok if cands[k].mention else -1):
        mt = cands[i].mention
        place = mt is not None and (locative_before(doc, sent, mt.start_tok) or mt.start_tok in places)
        if place and mt is not None:  # في العاصمة الإيرانية طهران: Tehran is where, as its adjective is
            places.add(mt.end_tok)
        no_actor[i] = i == patient or (p_actor is not None and same_entity(cands[i].actor, p_actor)) or (
            mt is not None and (mt.start_tok == p_end or place)
        )
    return patient, no_actor


def coordinated_verb(doc: Document, sent: Sentence, m: TriggerMatch, last_subject: Mention | None) -> str | None:
    """How a verbal trigger relates to the previous statement's subject: ``"wa"`` when the verb is joined
    by و to an earlier clause of the same sentence whose subject is known (وأدان الصفدي ...، وحمّل الحكومة
    ...: the subject is shared), ``"same"`` for another verb of that sentence, ``"prev"`` when the subject
    is in an earlier sentence; None when there is no subject to carry or the trigger is nominal."""
    if last_subject is None or last_subject.start_tok >= m.start_tok or is_nominal(doc, sent, m):
        return None
    if doc.tokens[last_subject.start_tok].sent != sent.i:
        return "prev"
    return "wa" if doc.tokens[m.head].prefixes[:1] in (("و",), ("ف",)) else "same"


def voice_features(c: Candidate, voice: str, m: TriggerMatch) -> list[str]:
    """Features of a candidate given the trigger's voice (``arguments.trigger_voice``): after a passive or
    counted verb the mention that follows is the victim, and the agent is unnamed or marked (على يد)."""
    if c.mention is None:
        return [f"voice={voice}|origin={c.origin}"]
    direction = "after" if is_after(m, c.mention) else "before"
    return [f"voice={voice}|dir={direction}", f"voice={voice}|dir={direction}|type={m.type}"]


def coord_features(c: Candidate, last_subject: Mention | None, coord: str) -> list[str]:
    """Features of a candidate given the trigger's relation to the previous subject (``coordinated_verb``)."""
    if c.origin == "carried":
        return [f"carried_coord={coord}"]
    if c.mention is None or last_subject is None:
        return [f"coord={coord}|other"]
    same = c.mention.start_tok == last_subject.start_tok
    after = c.mention.start_tok > last_subject.start_tok
    return [f"coord={coord}|is_subject={same}", f"coord={coord}|after_subject={after}"]


def can_carry_subject(doc: Document, sent: Sentence, m: TriggerMatch) -> bool:
    """A verb opening its clause with no subject of its own (وأضاف، واعتبر، بدوره): the subject carries over."""
    if is_nominal(doc, sent, m):
        return False
    for t in range(sent.token_start, m.head):
        tok = doc.tokens[t]
        if not (tok.is_punct or tok.norm in CARRY_OPENERS):
            return False
    return True


CARRY_OPENERS = frozenset({"و", "ف", "بدوره", "بدورها", "كما", "وكما", "ثم", "من", "جهته", "جهتها", "ومن", "وفي", "في", "السياق", "ذلك", "هذا", "الصدد", "الاطار", "اطار", "قد", "وقد"})


def _arg_preps(arg: str | None) -> frozenset[str | None]:
    """The prepositions (folded) a cue's recipient follows; ``obj`` means none (a direct object)."""
    out: set[str | None] = set()
    for a in (arg or "").split("|"):
        a = a.strip()
        if a == "obj":
            out.add(None)
        elif a:
            out.add(_fold_prep(a))
    return frozenset(out)


def quote_speaker(doc: Document, offset: int) -> Actor | None:
    """The speaker of the quote whose content holds ``offset`` (events stated in a quote)."""
    for q in doc.quotes:
        if q.start <= offset < q.end and q.speaker is not None:
            return q.speaker
    return None


@lru_cache(maxsize=1)
def _threat_modes(path: Path = THREAT_MODES) -> dict[tuple[str, str], str]:
    return {(r["type"], r["mode"]): r["threaten_mode"] for _, r in read_rows(path)}


@lru_cache(maxsize=1)
def _mutual_words(path: Path = MUTUAL) -> frozenset[tuple[str, str]]:
    return frozenset((r["type"], r["word"]) for _, r in read_rows(path))


@lru_cache(maxsize=1)
def _receiving_words(path: Path = RECEIVING) -> frozenset[str]:
    return frozenset(r["word"] for _, r in read_rows(path))


def is_receiving(cue: str) -> bool:
    """The cue's verb has the act's recipient as its subject (تلقى ... اتصال من X: X called)."""
    return cue.split(" ", 1)[0] in _receiving_words()


def is_mutual(event_type: str, cue: str) -> bool:
    """A reciprocal act (اتفاق، اشتباكات، تعاون): coded once per direction."""
    words = _mutual_words()
    return any((event_type, w) in words for w in cue.split())


def threat_mode(event_type: str, mode: str | None) -> str | None:
    """The THREATEN mode for a conflict act announced for the future, or None when it is no threat."""
    table = _threat_modes()
    return table.get((event_type, mode or "*")) or table.get((event_type, "*"))


def trigger_span(doc: Document, m: TriggerMatch) -> Span:
    """The cue words of a match: the whole match when contiguous, else its head word (طالب [X] بـ → طالب)."""
    cue = sorted(t for t in m.tokens if t < m.end_tok) or [m.start_tok]
    if cue == list(range(cue[0], cue[-1] + 1)):
        return doc.span(doc.tokens[cue[0]].start, doc.tokens[cue[-1]].end)
    head = doc.tokens[m.head]
    return doc.span(head.start, head.end)
