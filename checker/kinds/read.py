"""Reading an indicator's name as an outcome or an output (手引き 4-1, 4-2).

The 手引き separates what the administration did, produced or provided
(アウトプット: events held, facilities built, grants paid, experts sent, people
taking part in its own events and services) from the benefit residents and the
region get (アウトカム: population, births, migration, jobs, income, health,
safety, emissions, how residents feel, how widely something has spread among
residents and local businesses).  A name says which by *what it counts and who
acts*, not by the counter at its end: 「空き巣の発生件数」 counts crimes and
「救急搬送件数」 emergencies (outcomes) although they end in 件数, and
「改修した校舎の数」 counts the administration's works (an output).

The two sides are not alike, and the reading uses that.  What the administration
does is a small, closed vocabulary (開催, 整備, 派遣, 交付, 相談件数, 講座, 策定,
認定 …, and taking part in its own offers); the states, behaviour and perceptions
of residents, businesses and the region are an open one.  So the lexicon lists the
administration's side completely and the residents' side as far as it helps, and a
name in which no activity of the administration is found reads as an outcome by
default.  Undecided is left for names whose two readings genuinely compete.

How a name is read (the words are the pack's lexicon, ``rules/<edition>/kinds.yaml``):

1. The name is normalised (NFKC, no spaces); bracketed remarks such as
   「（1990年度比）」 and the survey a name cites as its measure
   (「全国学力・学習状況調査の結果で…」, 「市民アンケートによる…」) are set aside.
   The lexicon's words are found in it; a word inside a longer one that was found
   is not counted on its own.
2. The deciding word is the one that ends last (Japanese puts the head of a
   noun phrase last; the longer word wins a tie).  Its list gives the reading:

   - ``perception`` (満足, 感じ, 思う …) and ``states`` (人口, 移住, 就業, 事故,
     発生, 受診, 排出 …): an outcome — unless the state is the administration's
     own: a state word after one of its own organisation, staff, buildings or
     vehicles (``administration``: 庁内, 公共施設, 公用車, 公務員, 審議会 …) is an
     output (「庁内の事務事業に伴うエネルギー消費量」, 「公用車の低公害車普及率」);
   - ``actions`` (開催, 整備, 改修, 派遣, 助成, 交付, 表彰, 徴収, 相談件数 …): an
     output — but when a count of residents or businesses follows the word
     (「…に取組もうとする事業所数」), whether the administration or they act cannot
     be read, and the name is left undecided;
   - ``instruments`` (策定, 締結, 認定, 指定, 組織率, and the roles and partners a
     programme enrols: サポーター, 推進員, 協力団体, 加盟店 …): an output, *whoever
     signs*.  A share such as 「計画を策定した自治会の割合」 counts how far a programme's
     own instrument (a plan it asks residents' bodies to draft) has been taken
     up; that is the programme's reach, not a change in residents' lives, so it
     is an output although the bodies are residents' own;
   - ``adoption`` (導入, 活用, 実施率, 対応, 設置 …): who acts decides.  A public
     body (学校, 自治体 …) or the administration adopting something is its own work,
     an output; a resident or business (``actors``: 企業, 事業者, 経営体, 市民, 戸数 …)
     adopting it in its own life or work is an outcome (「地域内企業のIoT導入率」,
     「太陽光発電システム設置戸数」); with neither named, an amount taken up
     (「再生可能エネルギー導入量」) is an outcome and a count an output
     (「災害対策にかかるIoT技術等の導入件数」);
   - ``participation`` (参加, 受講, 利用, 登録 …): what is taken part in or used
     decides.  A public body as the user is an output (学校給食での地場産物の利用);
     the nearest thing named before the word is either one of the
     administration's own ``offers`` (セミナー, 講座, 窓口, アプリ, 施設, 大会,
     放課後児童クラブ …), an output, or a ``public_goods`` whose use is residents'
     everyday behaviour (公共交通, 交通, 駅, 地域活動, 健診 …) or one of residents'
     own ``associations`` (クラブ, 協会, 自治会 …), an outcome; with neither, a
     share of a resident group (「…市民の利用率」) is an outcome and anything else
     an output (「登録者数」 on its own counts take-up of an offer).

3. A name with no deciding word is read by its head, the word its counter follows:
   the administration's own organisation gives an output (「国の審議会等委員に占める
   女性の割合」); residents, businesses or their associations (``actors``,
   ``associations``: 「市内事業所数」, 「…がある親の割合」, 「自治会数」) an outcome;
   an offer of the administration or a public body (「講座数」) an output; an amount
   of money or a volume (…額, …量) an outcome; a unit that counts occurrences
   (``activity_units``: 回) an output.
4. Otherwise no activity of the administration is counted, and the name reads as
   a state of residents or the region: an outcome by default (「緑地率」,
   「食料自給率」, 「身近な景観が美しい」).  The default is a weak reading (``strong``
   is false), so a declared kind is never questioned on it (OC04).

No morphological analyser is used: on the labelled corpus none of SudachiPy, fugashi
(unidic-lite) and janome decided a held-out name the lexicon left undecided, and each
brings a dictionary of about 200 MB (docs/kpi-kinds.md).  ``tools/kind_corpus.py
--analyser`` repeats the comparison.

An output whose deciding word, or the offer taken part in, is an ``activity``
word (開催, 参加, セミナー …) counts events held or their participants: the
counts 4-1 says not to rely on alone (rule OC03).

Readings are cached per (name, unit, lexicon): the same names come back in
every strategy of an audit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..engine.finding import Text
from ..model import IndicatorKind
from ..text import norm
from .lexicon import CLASSES, CONTEXT, KindLexicon

O, P = IndicatorKind.outcome, IndicatorKind.output

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
"""Bracketed remarks (after NFKC, full-width parentheses are ASCII): '（1990年度比）', '（1日平均）'."""

_SOURCE = re.compile(r"^.*?(?:調査|アンケート)(?:の結果)?(?:で|において|における|による|により)(?=.)")
"""The survey a name cites as its measure (「全国学力・学習状況調査の結果で…」, 「市民アンケートによる…」): set aside, it is
not what is counted."""

_SHARE = re.compile(r"(率|割合|比率|シェア)$")
"""A name that ends as a share of a group."""

_HEAD = re.compile(r"^の?(数|人数|件数|箇所数|か所数|割合|率|比率|総数|延べ数)?$")
"""What may follow a counted word that is the head of the name: a counter or nothing."""

_AMOUNT = re.compile(r"(額|金額|量|高)$")
"""A name that ends in an amount of money or a volume."""

_KIND_JA = {O: "アウトカム", P: "アウトプット"}

_DECISIVE = frozenset({
    "perception", "state", "own-operation", "action", "instrument", "adoption-actor", "adoption-public",
    "participation-public", "participation-offer", "participation-public-good", "participation-share",
})
"""Readings where the name's own head word decides (the others are fallbacks)."""


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    word: str
    """As written in the lexicon."""
    cls: str


@dataclass(frozen=True)
class Verdict:
    """What the reading found: the kind, and why."""

    kind: IndicatorKind | None
    """outcome, output, or None when neither the strategy nor the wording decides."""
    reasons: tuple[str, ...]
    """The words that decided it, as written in the lexicon; ('kind',) when declared."""
    rule: str = "none"
    """Which reading decided: perception, state, own-operation, action, instrument, adoption-actor,
    adoption-public, adoption-amount, adoption, participation-public, participation-offer,
    participation-public-good, participation-share, participation, actor, offer, public-body, amount,
    unit, default (no activity of the administration found: outcome), competing (undecided: an
    activity word and a count of residents or businesses), declared or none (nothing to read)."""
    declared: bool = False
    """The kind is the one the strategy declares."""
    wording: IndicatorKind | None = None
    """What the wording alone says (also computed when a kind is declared)."""
    activity: bool = False
    """The output counts events held or their participants (手引き 4-1)."""
    others: tuple[str, ...] = ()
    """Words of the other kind found in the name but not deciding (for a declared kind: the wording's deciding words)."""
    analysed: bool = False
    """The name was read again in dictionary forms (the optional analyser) to find its deciding word."""

    @property
    def strong(self) -> bool:
        """The wording decides by its head word itself (not by a fallback: a bare count of residents, an
        adoption or a use with nobody or nothing named, a unit)."""
        return self.wording is not None and (self.rule in _DECISIVE if not self.declared else self._wording_strong)

    _wording_strong: bool = True

    def why(self) -> Text:
        """The reason in one line, for messages and reports."""
        if self.declared:
            return Text(f"kind: {self.kind.value} と宣言", f"declared kind: {self.kind.value}")
        return _WHY.get(self.rule, _WHY["none"])(self.reasons)


def _q(words: tuple[str, ...], i: int = 0) -> str:
    return words[i] if len(words) > i else ""


_WHY = {
    "perception": lambda w: Text(f"「{_q(w)}」は住民の意識・実感を表す語（アウトカム）", f"'{_q(w)}' marks how residents feel (outcome)"),
    "state": lambda w: Text(f"「{_q(w)}」は住民・事業者・地域の状態や行動を表す語（アウトカム）", f"'{_q(w)}' marks a state or behaviour of residents, businesses or the region (outcome)"),
    "own-operation": lambda w: Text(f"「{_q(w, len(w) - 1)}」は行政自身の組織・職員・施設（その状態や運営はアウトプット）", f"'{_q(w, len(w) - 1)}' is the administration's own organisation, staff or buildings (its operation: output)"),
    "action": lambda w: Text(f"「{_q(w)}」は行政や事業が行ったこと・提供したものを表す語（アウトプット）", f"'{_q(w)}' marks what the administration did or provided (output)"),
    "instrument": lambda w: Text(f"「{_q(w)}」は施策の計画・協定・認定などへの対応を数える語（誰が行ってもアウトプット）", f"'{_q(w)}' counts take-up of a programme's own instrument (output, whoever signs)"),
    "adoption-actor": lambda w: Text(f"「{_q(w)}」の主体が「{_q(w, 1)}」（住民・事業者の取組の広がり、アウトカム）", f"'{_q(w)}' is done by '{_q(w, 1)}' (spread among residents or businesses: outcome)"),
    "adoption-public": lambda w: Text(f"「{_q(w)}」の主体が「{_q(w, 1)}」（行政自身の取組、アウトプット）", f"'{_q(w)}' is done by '{_q(w, 1)}' (the administration's own work: output)"),
    "adoption": lambda w: Text(f"「{_q(w)}」の主体に住民・事業者が読めない（行政自身の取組、アウトプット）", f"'{_q(w)}' with no resident or business acting (the administration's own work: output)"),
    "adoption-amount": lambda w: Text(f"「{_q(w)}」の量（地域に広がった量、アウトカム）", f"the amount of '{_q(w)}' (how much has spread in the region: outcome)"),
    "participation-public": lambda w: Text(f"「{_q(w)}」の主体が「{_q(w, 1)}」（行政自身の利用、アウトプット）", f"'{_q(w)}' by '{_q(w, 1)}' (the administration's own use: output)"),
    "participation-offer": lambda w: Text(f"「{_q(w, 1)}」への「{_q(w)}」（行政の催し・サービスへの参加・利用、アウトプット）", f"'{_q(w)}' of '{_q(w, 1)}' (take-up of the administration's own offer: output)"),
    "participation-public-good": lambda w: Text(f"「{_q(w, 1)}」の「{_q(w)}」（住民の日常の行動、アウトカム）", f"'{_q(w)}' of '{_q(w, 1)}' (residents' everyday behaviour: outcome)"),
    "participation-share": lambda w: Text(f"「{_q(w, 1)}」のうち「{_q(w)}」する割合（住民の行動の広がり、アウトカム）", f"share of '{_q(w, 1)}' who '{_q(w)}' (spread among residents: outcome)"),
    "participation": lambda w: Text(f"「{_q(w)}」（行政の制度・サービスの利用と読める、アウトプット）", f"'{_q(w)}' (take-up of an offer of the administration: output)"),
    "actor": lambda w: Text(f"「{_q(w)}」を数える（住民・事業者の数や割合、アウトカム）", f"counts '{_q(w)}' (residents or businesses: outcome)"),
    "offer": lambda w: Text(f"「{_q(w)}」を数える（行政が用意した催し・サービスの数、アウトプット）", f"counts '{_q(w)}' (offers of the administration: output)"),
    "public-body": lambda w: Text(f"「{_q(w)}」を数える（行政自身の数や割合、アウトプット）", f"counts '{_q(w)}' (the administration itself: output)"),
    "amount": lambda w: Text(f"「{_q(w)}」（地域の経済・生産の金額や量、アウトカム）", f"'{_q(w)}' (an amount or volume in the region's economy: outcome)"),
    "unit": lambda w: Text(f"{_q(w)}（取組の回数、アウトプット）", f"{_q(w)} (times an activity was held: output)"),
    "default": lambda w: Text("行政の活動や行政が用意したものへの参加を数える語がない（住民・地域の状態と読む、アウトカム）", "no activity of the administration is counted: reads as a state of residents or the region (outcome)"),
    "competing": lambda w: Text(f"「{_q(w)}」（行政の活動）と「{_q(w, 1)}」の数（住民・事業者の行動）が競合し、誰が行うかが読めない", f"'{_q(w)}' (an activity of the administration) and a count of '{_q(w, 1)}' (residents' or businesses' behaviour) compete: who acts is not clear"),
    "none": lambda w: Text("判定できる語がない", "no deciding word"),
}


class _Index:
    """The lexicon's words by their first character, with their list, longest first."""

    def __init__(self, lexicon: KindLexicon):
        self.lexicon = lexicon
        self.by_char: dict[str, list[tuple[str, str, str]]] = {}
        for cls in CLASSES + CONTEXT + ("activity",):
            for word in getattr(lexicon, cls):
                n = norm(word).replace(" ", "")
                self.by_char.setdefault(n[0], []).append((n, word, cls))
        for entries in self.by_char.values():
            entries.sort(key=lambda e: -len(e[0]))
        self.activity = {norm(w).replace(" ", "") for w in lexicon.activity}
        self.activity_units = {norm(u) for u in lexicon.activity_units}

    def matches(self, text: str) -> list[Match]:
        """Every word found in the text, less those inside a longer word found (of a deciding or context list)."""
        found = []
        for i, ch in enumerate(text):
            for n, word, cls in self.by_char.get(ch, ()):
                if cls != "activity" and text.startswith(n, i):
                    found.append(Match(i, i + len(n), word, cls))
        return [m for m in found if not any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start) for o in found)]


_INDEXES: dict[int, tuple[KindLexicon, _Index]] = {}


def index_lexicon(lexicon: KindLexicon) -> _Index:
    """The lexicon's index, built once per lexicon."""
    hit = _INDEXES.get(id(lexicon))
    if hit is None or hit[0] is not lexicon:
        if len(_INDEXES) > 16:
            _INDEXES.clear()
        hit = _INDEXES[id(lexicon)] = (lexicon, _Index(lexicon))
    return hit[1]


def _text(name: str) -> str:
    text = norm(name).replace(" ", "")
    text = _BRACKETS.sub("", text) or text
    return _SOURCE.sub("", text)


def _first(matches: list[Match], cls: str, before: int | None = None) -> Match | None:
    """The match of a list nearest before `before` (or the last one in the name)."""
    pool = [m for m in matches if m.cls == cls and (before is None or m.end <= before)]
    return max(pool, key=lambda m: (m.end, m.end - m.start)) if pool else None


def _decide(text: str, index: _Index) -> Verdict | None:
    matches = index.matches(text)
    deciding = [m for m in matches if m.cls in CLASSES]
    own = _first(matches, "administration")
    public = own or _first(matches, "public_bodies")
    actor = _first(matches, "actors")
    if not deciding:
        return _fallback(text, matches, index)
    best = max(deciding, key=lambda m: (m.end, m.end - m.start))
    if best.cls == "perception":
        return _verdict(O, "perception", (best.word,), matches, best, index)
    if best.cls == "states":
        if own is not None and own.start < best.start:
            return _verdict(P, "own-operation", (best.word, own.word), matches, best, index)
        return _verdict(O, "state", (best.word,), matches, best, index)
    if best.cls == "actions":
        counted = next((m for m in matches if m.cls == "actors" and m.start >= best.end and _HEAD.match(text[m.end:])), None)
        if counted is not None:
            return Verdict(None, (best.word, counted.word), "competing")
        return _verdict(P, "action", (best.word,), matches, best, index)
    if best.cls == "instruments":
        return _verdict(P, "instrument", (best.word,), matches, best, index)
    if best.cls == "adoption":
        if public is not None:
            return _verdict(P, "adoption-public", (best.word, public.word), matches, best, index)
        if actor is not None:
            return _verdict(O, "adoption-actor", (best.word, actor.word), matches, best, index)
        if _AMOUNT.search(text):
            return _verdict(O, "adoption-amount", (best.word,), matches, best, index)
        return _verdict(P, "adoption", (best.word,), matches, best, index)
    # participation
    if public is not None:
        return _verdict(P, "participation-public", (best.word, public.word), matches, best, index)
    objects = [m for cls in ("offers", "public_goods", "associations") if (m := _first(matches, cls, best.start)) is not None]
    if objects:
        obj = max(objects, key=lambda m: (m.end, m.end - m.start))
        if obj.cls in ("public_goods", "associations"):
            return _verdict(O, "participation-public-good", (best.word, obj.word), matches, best, index)
        return _verdict(P, "participation-offer", (best.word, obj.word), matches, best, index, obj)
    if actor is not None and _SHARE.search(text):
        return _verdict(O, "participation-share", (best.word, actor.word), matches, best, index)
    return _verdict(P, "participation", (best.word,), matches, best, index)


def _fallback(text: str, matches: list[Match], index: "_Index") -> Verdict | None:
    """A name with no deciding word: read by what its head counts, if that says anything."""
    own = _first(matches, "administration")
    if own is not None:
        return _verdict(P, "own-operation", (own.word,), matches, None, index)
    for cls, kind, rule in (("actors", O, "actor"), ("associations", O, "actor"), ("offers", P, "offer"), ("public_bodies", P, "public-body")):
        head = next((m for m in reversed(matches) if m.cls == cls and _HEAD.match(text[m.end:])), None)
        if head is not None:
            return _verdict(kind, rule, (head.word,), matches, None, index, head if cls == "offers" else None)
    if _AMOUNT.search(text):
        return _verdict(O, "amount", (_AMOUNT.search(text).group(1),), matches, None, index)
    return None


_OUTCOME_CLASSES = {"perception", "states"}
_OUTPUT_CLASSES = {"actions", "instruments"}


def _verdict(kind, rule, words, matches, best, index, obj=None) -> Verdict:
    opposite = _OUTPUT_CLASSES if kind is O else _OUTCOME_CLASSES
    inside = (lambda m: best.start <= m.start and m.end <= best.end) if best is not None else (lambda m: False)
    others = tuple(dict.fromkeys(m.word for m in matches if m.cls in opposite and not inside(m)))
    activity = kind is P and any(norm(w).replace(" ", "") in index.activity for w in ((best.word,) if best else ()) + ((obj.word,) if obj else ()))
    return Verdict(kind, words, rule, wording=kind, activity=activity, others=others)


_CACHE: dict[tuple[str, str | None, int], tuple[KindLexicon, Verdict]] = {}
_CACHE_LIMIT = 50_000


def read(name: str, unit: str | None, lexicon: KindLexicon) -> Verdict:
    """How the wording of a name (and its unit, when no word decides) reads; cached per name, unit and lexicon."""
    key = (name, unit, id(lexicon))
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is lexicon:
        return hit[1]
    verdict = _read(name, unit, lexicon)
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[key] = (lexicon, verdict)
    return verdict


def _read(name: str, unit: str | None, lexicon: KindLexicon, analyser=None) -> Verdict:
    """`read` without the cache; `analyser` (text → text in dictionary forms) is tried on a name no word decides
    (only tools/kind_corpus.py passes one, to compare analysers)."""
    index = index_lexicon(lexicon)
    text = _text(name)
    verdict = _decide(text, index)
    if verdict is not None:
        return verdict
    if unit and norm(unit) in index.activity_units:
        return Verdict(P, (f"単位:{unit}",), "unit", wording=P, activity=True)
    if text and analyser is not None:
        lemmas = analyser(text)
        if lemmas and lemmas != text:
            again = _decide(lemmas, index)
            if again is not None:
                return Verdict(again.kind, again.reasons, again.rule, wording=again.wording, activity=again.activity, others=again.others, analysed=True)
    if not text:
        return Verdict(None, (), "none")
    return Verdict(O, (), "default", wording=O)


def declared(kind: IndicatorKind, reading: Verdict) -> Verdict:
    """A declared kind, keeping what the wording says so that a contradiction can be reported."""
    return Verdict(
        kind,
        ("kind",),
        "declared",
        declared=True,
        wording=reading.kind,
        activity=kind is P and reading.activity,
        others=reading.reasons if reading.kind is not None else (),
        _wording_strong=reading.strong,
    )


def kind_label(kind: IndicatorKind | None, lang: str = "ja") -> str:
    """アウトカム / アウトプット / 判定なし (outcome / output / undecided)."""
    if kind is None:
        return "判定なし" if lang != "en" else "undecided"
    return _KIND_JA[kind] if lang != "en" else kind.value
