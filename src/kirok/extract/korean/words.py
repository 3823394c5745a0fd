"""Korean sentences and word hits, from kiwipiepy's morphemes and knowledge/ko/*.csv.

A trigger is written once as a stem (체포) and found in every form (체포됐다, 체포된,
체포에): a noun stem where a morpheme begins with it, a verb stem where kiwipiepy's
lemma does. Organs, offences and victim groups are names, found as written.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from functools import cache
from typing import Any

from kirok.extract.korean.clauses import after_condition, read_cues
from kirok.extract.korean.screen import Stretch, analyse_stretches
from kirok.extract.lexicon import Hit, Trigger
from kirok.extract.text import Sentence, paragraphs
from kirok.knowledge import read_table

# morpheme tags of words a trigger can be: nouns, verb and adjective stems, roots
_CONTENT = ("NN", "VV", "VA", "XR", "XP", "SL", "SN")  # XP: a prefix (비 in 비사회주의)


KIWI_BEAM = 5.0  # kiwipiepy's cutoff_threshold: paths this far below the best are dropped


@cache
def _kiwi() -> Any:
    # imported here: loading the model takes a second, and English reports never need it
    from kiwipiepy import Kiwi

    # without the typo dictionary (common misspellings, chat endings) and the multi-word
    # one: edited news needs neither, and both cost time at every sentence
    kiwi = Kiwi(load_typo_dict=False, load_multi_dict=False)
    # a narrower beam than kiwipiepy's 8: a quarter less analysis time, and the same
    # records on the Korean eval corpus and every Korean fixture (bench/korean_speed.py)
    kiwi.global_config.cutoff_threshold = KIWI_BEAM
    return kiwi


@cache
def korean_triggers() -> tuple[Trigger, ...]:
    return tuple(
        Trigger(
            row["kind"],
            row["type"],
            float(row["weight"]),
            row["needs"],
        )
        for row in read_table("ko/triggers.csv")
    )


@cache
def _stems() -> dict[str, tuple[tuple[int, str], ...]]:
    """Trigger rows by the first syllable of their stem: a morpheme is tried only
    against the few stems that can begin it, not against every row."""
    by_first: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row, entry in enumerate(read_table("ko/triggers.csv")):
        by_first[entry["stem"][0]].append((row, entry["stem"]))
    return {first: tuple(rows) for first, rows in by_first.items()}


@cache
def _names(table: str, key: str, column: str) -> tuple[tuple[str, str], ...]:
    """(name, value) pairs, longest name first so that 국가보위성 wins over 보위성."""
    rows = [(row[column], row[key]) for row in read_table(table)]
    return tuple(sorted(rows, key=lambda r: len(r[0]), reverse=True))


@cache
def _cue_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((row["cue"], re.compile(row["pattern"])) for row in read_table("ko/cues.csv"))


def _find_names(text: str, pairs: tuple[tuple[str, str], ...]) -> list[Hit]:
    """Names as written, each character claimed by the longest name over it."""
    taken = [False] * len(text)
    hits: list[Hit] = []
    for name, value in pairs:
        pos = text.find(name)
        while pos != -1:
            end = pos + len(name)
            if not any(taken[pos:end]):
                hits.append(Hit(value, pos, end, name))
                for i in range(pos, end):
                    taken[i] = True
            pos = text.find(name, end)
    return sorted(hits, key=lambda h: h.start)


def _sentences(text: str, stretches: list[Stretch]) -> list[Sentence]:
    """Kiwi's sentences, cut again at line breaks, stripped, with paragraph numbers. (Not
    between quotes of one sentence: "…"며 "…"고 말했다 is one source's statement, and
    what it says of where and by whom holds for all of it.)"""
    # Korean news is not hard-wrapped: a line break ends a sentence ("연합뉴스\n이 매체는")
    cuts = sorted({s.start for s in stretches})
    out: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        for line in re.finditer(r"[^\n]+", text[p_start:p_end]):
            a, b = p_start + line.start(), p_start + line.end()
            inside = [c for c in cuts[bisect_right(cuts, a) : bisect_left(cuts, b)]]
            for start, end in zip([a, *inside], [*inside, b], strict=True):
                chunk = text[start:end]
                lead = len(chunk) - len(chunk.lstrip())
                start, end = start + lead, start + len(chunk.rstrip())
                if end > start:
                    out.append(Sentence(start, end, text[start:end], number, len(out)))
    return out


@cache
def _reading() -> dict[str, tuple[str, ...]]:
    """Words of knowledge/ko/reading.csv by role: generic_head, launch, rounds."""
    by_role: dict[str, list[str]] = defaultdict(list)
    for row in read_table("ko/reading.csv"):
        by_role[row["role"]].append(row["word"])
    return {role: tuple(words) for role, words in by_role.items()}


def _modifier_head(tokens: list[Any], i: int) -> int | None:
    """The index of the noun that the word at token i modifies, when it ends as a
    modifier of one ("체포된 김씨", "단속에 걸린 사람"); None when it does not."""
    for j in range(i + 1, min(i + 4, len(tokens))):
        tok = tokens[j]
        if tok.tag == "ETM":
            return j + 1
        if tok.tag not in ("XSV", "XSA", "EP", "VX") and not tok.tag.startswith("J"):
            return None
    return None


def _launched(text: str, tokens: list[Any], i: int) -> bool:
    """The inspection noun at token i is what a verb of launching right after it acts
    on: "검열을 진행했다", "단속이 대대적으로 강화됐다", "단속과 처벌을 강화하고",
    "‘비사회주의 검열’을 실시" (particles and quote marks between)."""
    launch = _reading()["launch"]
    for tok in tokens[i + 1 : i + 5]:
        if text.startswith(launch, tok.start):
            return True
        if not (tok.tag.startswith(("J", "S")) or tok.form in ("처벌", "통제")):
            return False
    return False


def _describes(text: str, tokens: list[Any], i: int, end: int) -> bool:
    """The trigger noun ending at `end` only describes the noun right after it ("공개총살
    장면", "조사 사실", "검열 성원"): it names no act of its own."""
    after = next((t for t in tokens[i:] if t.start >= end), None)
    return (
        after is not None
        and after.tag.startswith("NN")
        and not text[end : after.start].strip()
        and text.startswith(_reading()["compound_head"], after.start)
    )


def _sent_to(text: str, end: int) -> bool:
    """A place of detention someone is sent to or held in: a particle of place, 행, 형 or
    a term right after its name ("관리소로", "교화소행", "노동단련대 6개월")."""
    rest = text[end : end + 6]
    return rest.startswith(_reading()["sent_to"]) or bool(re.match(r"\s?\d", rest))


def _order_content(text: str, hit: Hit, hits: list[Hit], rows: tuple[Trigger, ...]) -> bool:
    """An act that is what an order after it says to do ("단속할 데 대한 지시", "벌금을
    받고 용서해 줄데 대한 중앙의 지시"), not an act done."""
    if rows[int(hit.value)].kind != "incident" or after_condition(text, hit.start):
        return False  # a penalty the order threatens ("적발되면 ...에 처한다는 포치") stays one
    for order in hits:
        if rows[int(order.value)].kind == "measure" and 0 < order.start - hit.end <= 40:
            between = text[hit.end : order.start]
            if "." not in between and any(w in between for w in _reading()["order_content"]):
                return True
    return False


INSTEAD_REACH = 15  # characters after an act within which "instead of" still bears on it


def _instead(text: str, hit: Hit) -> bool:
    """An act said not to be done, in favour of another ("징역형 등 가혹한 처벌대신")."""
    after = text[hit.end : hit.end + INSTEAD_REACH]
    cut = min((i for i in (after.find("."), after.find("\n")) if i >= 0), default=len(after))
    return any(w in after[:cut] for w in _reading()["instead"])


def _trigger_hits(text: str, tokens: list[Any]) -> list[Hit]:
    """One sentence's trigger words. An act named in a modifier ("보위부에 체포된 김씨가
    총살됐다") is background to the act the sentence reports, when it reports another;
    one that modifies a kind of thing ("적발된 사례들") reports no act at all."""
    rows = korean_triggers()
    stems = _stems()
    generic = _reading()["generic_head"]
    sentence = text[tokens[0].start : tokens[-1].start + tokens[-1].len] if tokens else ""
    rounds = any(w in sentence for w in _reading()["rounds"])  # going round homes
    hits: list[tuple[Hit, bool]] = []
    seen: set[tuple[int, int, int]] = set()
    for i, tok in enumerate(tokens):
        if not tok.tag.startswith(_CONTENT):
            continue
        candidates = stems.get(text[tok.start], ()) + stems.get(tok.form[:1], ())
        if not candidates:
            continue  # most words begin no trigger: look no further at them
        surface_end = tok.start + tok.len
        head = _modifier_head(tokens, i)
        if head is not None and head < len(tokens) and text.startswith(generic, tokens[head].start):
            continue
        for row, stem in candidates:
            start = end = -1
            if rows[row].needs == "drive" and (rounds or not _launched(text, tokens, i)):
                continue
            if text.startswith(stem, tok.start):
                start, end = tok.start, tok.start + len(stem)  # noun stem: 체포 in 체포됐다
                if _describes(text, tokens, i, end):
                    continue
                if rows[row].needs == "sent" and not _sent_to(text, end):
                    continue
            elif tok.tag.startswith(("VV", "VA")) and tok.form.startswith(stem):
                start, end = tok.start, surface_end  # verb lemma: 붙잡히 in 붙잡혀
            if start >= 0 and (row, start, end) not in seen:
                seen.add((row, start, end))
                hits.append((Hit(str(row), start, end, text[start:end]), head is not None))
    # words inside longer trigger words of the other kind are theirs: an inspection word
    # inside a drive's words ("대대적인 검열", "검열을 진행") names the drive, a struggle
    # inside a struggle session ("사상투쟁회의") the session
    spans = [(h.start, h.end, rows[int(h.value)].kind) for h, _ in hits]
    hits = [
        (h, modifier)
        for h, modifier in hits
        if not any(
            kind != rows[int(h.value)].kind
            and (a <= h.start and h.end <= b)
            and (b - a > h.end - h.start or kind == "measure")
            for a, b, kind in spans
        )
    ]
    hits = [
        (h, m)
        for h, m in hits
        if not _order_content(text, h, [x for x, _ in hits], rows) and not _instead(text, h)
    ]
    reported = [h for h, modifier in hits if not modifier and rows[int(h.value)].kind == "incident"]
    return [
        h
        for h, modifier in hits
        if not (
            modifier
            and rows[int(h.value)].kind == "incident"
            and any(r.start > h.end for r in reported)
        )
    ]


def analyse(text: str) -> tuple[list[Sentence], dict[str, list[Hit]]]:
    """Sentences and every word hit of the report, offsets into `text`."""
    # kiwipiepy analyses only the stretches where a trigger can stand (korean/screen.py)
    stretches = analyse_stretches(_kiwi(), text)
    tokens = [t for s in stretches for t in s.tokens]
    found: dict[str, list[Hit]] = defaultdict(list)
    found["trigger"] = [h for s in stretches if s.tokens for h in _trigger_hits(text, s.tokens)]
    found["organ"] = _find_names(text, _names("ko/organs.csv", "organ", "name"))
    found["offense"] = _find_names(text, _names("ko/offenses.csv", "offense", "word"))
    found["group"] = _find_names(text, _names("ko/victims.csv", "group", "word"))
    found["cue"] = read_cues(text, tokens, _cue_patterns())
    return _sentences(text, stretches), found
