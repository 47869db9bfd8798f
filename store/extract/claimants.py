"""Claimants across sentences: who speaks for a figure whose own sentence names nobody.

A quotation running over several sentences takes the speaker named where it closes; a
sentence with no attribution continues its paragraph's speaker; a trailing ", officials
said." covers what came before it. :mod:`store.extract.figures` calls these after it has
read each sentence's own attributions.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from store.extract.actors import find_mentions
from store.extract.attribution import Attribution, headline_attribution
from store.extract.attribution_words import SOURCE_NOUNS, TITLE_WORDS
from store.extract.models import Sentence
from store.extract.unit_words import CURRENCY_WORDS

if TYPE_CHECKING:
    from store.extract.drafts import _Draft as Draft


def quote_balance(s: str) -> int:
    """Opening minus closing quotation marks: > 0 when a quotation runs on."""
    curly = s.count("“") - s.count("”")
    straight = s.count('"') % 2
    return curly if curly else straight


def attribute_open_quotes(
    sentences: list[Sentence],
    drafts_by_sent: list[list[Draft]],
    attrs_of,
) -> None:
    """ "We sent 10,000 troops. They are in Kursk," he said: the speaker named where a
    quotation closes speaks for every sentence of it."""
    for k, drafts in enumerate(drafts_by_sent):
        if not drafts or all(d.claim is not None for d in drafts):
            continue
        if quote_balance(sentences[k].text) <= 0:
            continue
        for j in range(k + 1, min(k + 4, len(sentences))):
            text = sentences[j].text
            close = max(text.rfind("”"), text.rfind('"'))
            if close < 0:
                continue
            speaker = next((a for a in attrs_of(j) if a.pos > close and not a.pronoun), None)
            if speaker is not None:
                for d in drafts:
                    if d.claim is None:
                        d.claim = speaker
                        d.claim_abs = (
                            sentences[j].start + speaker.start,
                            sentences[j].start + speaker.end,
                        )
            break


def article_year(dates) -> int | None:
    """The latest year any date expression of the article resolves to: the story's own
    time (relative dates resolve against publication)."""
    years = [int(d.value[:4]) for d in dates if d.value[:4].isdigit()]
    return max(years) if years else None


def background(d: Draft, latest_year: int | None) -> bool:
    """A figure whose own clause is dated to an earlier year than the story ("since May
    2008, when a tornado destroyed nearly 300 homes"): the writer's background, which a
    speaker carried from elsewhere does not cover."""
    date = getattr(d, "date", None)
    return bool(
        latest_year is not None and date and date[:4].isdigit() and int(date[:4]) < latest_year
    )


# "It has also cut its export forecast to 18 million tonnes.": a sentence whose subject is
# "it" or "they" refers back to the sentence before, even across a paragraph break (not
# the empty "It is estimated that ...", "It was the worst ...").
_PRONOUN_SUBJECT = re.compile(r"\s*(?:It|They)\s+(?!(?:is|was|are|were|be|'s|’s)\b)\w")


_QUOTE_OPENS = re.compile(r"\s*[\"“]")
# "The report found that most ... . Four countries accounted for 84 percent.": a document's
# findings go on in the next sentence of its paragraph
_DOCUMENT = re.compile(
    r"\b(?:report|study|survey|analysis|review|poll|census|audit|assessment|research)$", re.I
)


def continue_paragraph_speaker(
    body, sentences, drafts_by_sent, attrs_of, earlier_speaker, latest_year=None
) -> None:
    """ "Budanov said that 11,000 ... are training. The first detachment of 2,600 soldiers
    will deploy on November 1.": a sentence with no attribution of its own, in the same
    paragraph as the one before, continues that sentence's speaker (when that sentence
    states figures, or the next refers back or goes on quoting); so does one opening with
    "It" or "They" in the next paragraph."""
    for k in range(1, len(sentences)):
        open_drafts = [d for d in drafts_by_sent[k] if d.claim is None]
        if not open_drafts or attrs_of(k):
            continue
        prev, cur = sentences[k - 1], sentences[k]
        if headline_attribution(prev.text) is not None:
            continue
        # a paragraph that is all quotation goes on quoting the speaker of the one before
        quoting_on = bool(_QUOTE_OPENS.match(cur.text)) and bool(re.search(r"[\"”]", prev.text))
        if (
            "\n" in body[prev.end : cur.start]
            and not _PRONOUN_SUBJECT.match(cur.text)
            and not quoting_on
        ):
            continue
        if narrators_fact(prev.text, cur.text, drafts_by_sent[k - 1], open_drafts):
            continue
        claimed = [d for d in drafts_by_sent[k - 1] if d.claim is not None]
        if claimed:
            claim, where = claimed[-1].claim, claimed[-1].claim_abs
        else:
            said = [a for a in attrs_of(k - 1)]
            # a speaker whose sentence states no figure is continued only by a sentence
            # that refers back ("It has also ...") or goes on quoting ("“This is a blow to
            # 900 workers”"), not by the writer's next fact ("The rate now stands at 5%")
            if not said or not (
                _PRONOUN_SUBJECT.match(cur.text)
                or _QUOTE_OPENS.match(cur.text)
                or _DOCUMENT.search(said[-1].claimant)  # "The survey found that ..."
            ):
                continue
            a = said[-1]
            if a.pronoun:
                ref = earlier_speaker(k - 1, a.claimant.lower() in {"he", "she"})
                if ref is None:
                    continue
                a, base = ref
            else:
                base = prev.start
            claim, where = a, (base + a.start, base + a.end)
        for d in open_drafts:
            if not background(d, latest_year):
                d.claim, d.claim_abs = claim, where


# "Statistics from the Central Statistics Office show ...", "The figures released by the
# ONS showed ...": a publication's figures
_DATA_REPORT = re.compile(
    r"\b(?:figures|statistics|data|numbers)\b[^.;\"“”]*?\b(?:show|shows|showed|"
    r"reveal|reveals|revealed|indicate|indicates|indicated)\b",
    re.I,
)


def continue_data_report(sentences, drafts_by_sent, attrs_of, latest_year=None) -> None:
    """ "Figures from the statistics office show that thefts rose 10%.¶ The largest rise
    was in robbery, up 22.7%.¶ Burglaries fell by 7.4%.": the paragraphs of percentages
    after a publication's figures go on reporting them, until a speaker, a quotation or
    figures of another kind (counts, money) break the run."""
    source = None
    for k, sent in enumerate(sentences):
        drafts = drafts_by_sent[k]
        open_drafts = [d for d in drafts if d.claim is None]
        claimed = [d for d in drafts if d.claim is not None]
        text = sent.text
        if _DATA_REPORT.search(text) and claimed:
            source = (claimed[-1].claim, claimed[-1].claim_abs)
            continue
        if source is None:
            continue
        if quote_balance(text) or re.search(r"[\"“”]", text) or claimed:
            source = None
            continue
        if not drafts:
            if attrs_of(k) and not _DATA_REPORT.search(text):
                source = None  # another speaker, with no figure of his own
            continue
        if attrs_of(k) or any(_kind(d) != "share" for d in open_drafts):
            source = None
            continue
        for d in open_drafts:
            if not background(d, latest_year):
                d.claim, d.claim_abs = source


def fill_between_same_speaker(sentences, drafts_by_sent, attrs_of, latest_year=None) -> None:
    """ "OCHA says Congo leads with 27 million ...¶ Afghanistan has 24.5 million ...¶
    Around 14 million Syrians also need aid, it said.": figures with no speaker of their
    own, between two sentences whose figures one and the same speaker gives, are his too
    (figures of the same kind, with no other speaker, quotation or the writer's history
    between)."""

    def claimed(j: int) -> list:
        return [d for d in drafts_by_sent[j] if d.claim is not None]

    def quiet(j: int) -> bool:  # no speaker and no quotation of its own
        return not attrs_of(j) and not re.search(r"[\"“”]", sentences[j].text)

    for k, sent in enumerate(sentences):
        open_drafts = [d for d in drafts_by_sent[k] if d.claim is None]
        if not open_drafts or len(open_drafts) < len(drafts_by_sent[k]) or not quiet(k):
            continue
        text = sent.text
        if _MARKET_MOVE.search(text) or _STANDING_FACT.search(text) or _HISTORY.search(text):
            continue
        before = next((j for j in range(k - 1, max(-1, k - 4), -1) if drafts_by_sent[j]), None)
        after = next((j for j in range(k + 1, min(len(sentences), k + 4)) if claimed(j)), None)
        if before is None or after is None or not claimed(before):
            continue
        if not all(quiet(j) for j in range(before + 1, k)):
            continue
        # nobody new named in between ("Lam Paul Gabriel, the rebels' spokesman, rejected
        # the toll. “We lost none,” he said.": that "he" is not the first speaker)
        if not all(
            quiet(j) and not claimed(j) and appositive_person(sentences[j].text) is None
            for j in range(k + 1, after)
        ):
            continue
        first, last = claimed(before)[-1], claimed(after)[0]
        same = first.claim_abs == last.claim_abs or (
            first.claim.claimant.lower() == last.claim.claimant.lower()
        )
        kinds = {_kind(d) for d in claimed(before) + claimed(after)}
        if not same or any(_kind(d) not in kinds for d in open_drafts):
            continue
        for d in open_drafts:
            if not background(d, latest_year):
                d.claim, d.claim_abs = first.claim, first.claim_abs


# "A survey of 2,000 adults found ...", "The study, carried out by Polldata, showed ...": a
# document opening its sentence, its number of respondents aside, reports what follows
_DOCUMENT_LEAD = re.compile(
    r"\s*(?:(?:The|A|An|This|Its|Their|Our|[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}['’]s?)\s+)"
    r"(?:(?:new|latest|recent|annual|national|global|online|independent)\s+)*"
    r"(?P<who>survey|study|poll|report|review|audit|analysis|census)"
    r"(?:\s+(?:of|among|by|from|for|into|on)\s+(?:[^,;.]|(?<=\d)[,.](?=\d)){1,60}?)?"
    r"(?:\s*,[^,;]{1,60},)?\s+"
    r"(?:found|finds|showed|shows|suggested|suggests|revealed|reveals)\b"
)


def claim_for_document_lead(sentences, drafts_by_sent) -> None:
    """ "A survey of 2,000 adults found 58% backed the plan": the survey speaks for the
    figures after its verb (the count of respondents is the survey's size, its own)."""
    for k, sent in enumerate(sentences):
        m = _DOCUMENT_LEAD.match(sent.text)
        if m is None:
            continue
        a = Attribution(m.end(), m.group("who"), m.start("who"), m.end("who"), "verb")
        for d in drafts_by_sent[k]:
            if d.claim is None and d.np_start >= m.end():
                d.claim = a
                d.claim_abs = (sent.start + a.start, sent.start + a.end)


# "Shares in the carmaker fell 7.5%", "The pound slipped 0.4%": a market move is the
# writer's own report, whoever spoke in the sentence before.
_MARKET_MOVE = re.compile(
    r"\b(?:shares?|stocks?|stock\s+price|share\s+price|index|indices|yields?|bonds?|futures|"
    r"crude|oil\s+prices?|gold|bitcoin|the\s+(?:pound|dollar|euro|yen|yuan|rouble|ruble|"
    r"rupee|franc|won|lira)|sterling|markets?|nasdaq|dow|ftse|dax|nikkei)\b"
    r"(?:\s+[\w'’.&-]+){0,6}?\s+(?:fell|rose|dropped|jumped|slid|slipped|climbed|gained|"
    r"lost|tumbled|surged|plunged|sank|soared|edged|rallied|closed|ended|opened|traded|"
    r"were\s+(?:up|down)|was\s+(?:up|down)|(?:is|are)\s+(?:up|down))\b",
    re.I,
)
# "The company employs 13,500 people", "The stadium holds 99,354", "a region home to 2
# million": a standing fact of the writer's, not more of what the speaker said
_STANDING_FACT = re.compile(
    r"\b(?:employs|employed\s+about|holds|seats|houses|(?:is|was)\s+home\s+to|"
    r"has\s+a\s+(?:population|capacity|workforce|staff)\s+of|capacity\s+of|"
    # "The city has 2.1 million residents", "which has 6,000 employees": its size
    r"(?:has|have)\s+(?:(?:about|around|some|nearly|almost|roughly|over|more\s+than)\s+)?"
    r"[\d.,]+(?:\s+(?:million|billion|thousand))?\s+(?:residents|inhabitants|citizens|"
    r"employees|staff|workers|members|students|pupils|branches|stores|shops|outlets|"
    r"beds|customers|subscribers|users|destinations|locations|offices|plants|factories)\b|"
    # "The central bank's target is 2%": a standing target
    r"target\s+(?:is|was|remains|of)\b)",
    re.I,
)
# The writer's history of the story: "the deadliest since Katrina, which killed 1,800", "three
# decades ago, when 60,000 took part", "The previous worst flood", "Before the war, Sudan
# hosted", "A similar protest last month drew 5,000"
_HISTORY = re.compile(
    r"\b(?:ago|previous(?:ly)?[^\S\n]+(?:worst|record|high|biggest|largest|deadliest|highest)|"
    r"since[^\S\n]+[A-Z][\w'’-]*(?:[^\S\n]+[A-Z][\w'’-]*)*,[^\S\n]+(?:which|when|who)|"
    r"before[^\S\n]+the[^\S\n]+(?:war|pandemic|crisis|conflict|invasion|outbreak)|"
    r"(?:a|the)[^\S\n]+similar|the[^\S\n]+last[^\S\n]+time|in[^\S\n]+the[^\S\n]+\d{4}s|"
    # "since 2015", "The outbreak began in March, when 3 cases ...": the story's past
    r"since[^\S\n]+(?:19|20)\d\d|in[^\S\n]+(?:[A-Z][a-z]+|(?:19|20)\d\d)"
    r"(?:[^\S\n]+(?:19|20)\d\d)?,[^\S\n]+when)\b",
    re.I,
)
_REFERS_BACK = re.compile(
    r"\b(?:of\s+(?:them|those|these|whom|it)|they|their|these|this|such|its?)\b", re.I
)


def _kind(d: Draft) -> str:
    """The dimension of a figure: a share, a sum of money, or a count."""
    if d.unit in {"percent", "percentage points"}:
        return "share"
    if d.number.currency or d.unit in CURRENCY_WORDS:
        return "money"
    return "count"


# "..., the company said, sending its shares down 5%": the market's answer, the writer's
_MARKET_CLAUSE = re.compile(
    r",\s*(?:sending|pushing|driving|lifting|dragging|knocking|taking)\s+(?:\S+\s+){0,3}?"
    r"(?:shares?|stocks?|stock\s+price|share\s+price)\s+(?:\S+\s+){0,2}?$",
    re.I,
)


def drop_market_clause_claims(drafts_by_sent) -> None:
    """ "Profit fell 10%, the company said, sending its shares down 5%": a figure in a
    clause of the market's reaction is the writer's report, not the speaker's."""
    for drafts in drafts_by_sent:
        for d in drafts:
            if d.claim is not None and _MARKET_CLAUSE.search(d.sent.text[: d.np_start]):
                d.claim, d.claim_abs = None, None


def narrators_fact(prev: str, cur: str, prev_drafts: list[Draft], drafts: list[Draft]) -> bool:
    """Whether a sentence without attribution reports a fact of the writer's own rather
    than continuing the speaker of the sentence before: a market move; a sentence after
    a direct quotation closed with its speaker; or figures of another kind than the
    speaker's (a percentage after a count) that do not refer back ("of them")."""
    if _MARKET_MOVE.search(cur) or _STANDING_FACT.search(cur) or _HISTORY.search(cur):
        return True
    if re.match(r"\s*[\"“]", prev) and quote_balance(prev) == 0 and not re.search(r"[\"“”]", cur):
        return True
    kinds = {_kind(d) for d in prev_drafts if d.claim is not None}
    if kinds and not _REFERS_BACK.search(cur) and all(_kind(d) not in kinds for d in drafts):
        return True
    return False


def closes_sentence(s: str, a: Attribution, drafts: list[Draft], attrs: list[Attribution]) -> bool:
    """A trailing attribution (", officials said.") covers what came before it, unless it
    introduces a claim of its own ("..., while organisers said 30,000 people joined").

    It has ended when a comma follows its verb ("the White House said Monday, as Zelensky
    warned ... 12,000 soldiers") or another speaker stands between it and the next figure.
    """
    if a.kind == "according":
        return True
    if a.kind == "owner":
        return False  # "the Wall Street forecast of $9.3 billion" owns only that figure
    after = max(a.pos, a.end)
    later = [d.np_start for d in drafts if d.np_start >= after]
    if not later:
        # "officials said that ..." opens a claim; "..., he added, insisting that no
        # civilians died" closes one (the "that" of a clause after the comma)
        return not re.search(r"\bthat\b", s[after:].split(",", 1)[0])
    first = min(later)
    if re.match(r"\s*\w+(?:\s+\w+){0,3}\s*,", s[a.pos : first]) or re.match(
        r"\w+\s*,", s[a.pos : first]
    ):
        return True
    return any(after < o.pos < first for o in attrs if o is not a)


def looks_personal(name: str) -> bool:
    """A person's name ("Sherpao", "Kyrylo Budanov"), not "Officials" or "NATO"."""
    words = name.split()
    return (
        1 <= len(words) <= 4
        and all(w[:1].isupper() and not w.isupper() for w in words)
        and not any(w.lower() in SOURCE_NOUNS or w.lower() in TITLE_WORDS for w in words)
        and not find_mentions(name)
    )


def names_a_person(name: str) -> bool:
    """A person's name, alone or after a title: "Kyrylo Budanov", "Narcotics Department
    director Datuk Ayob Khan Mydin Pitchay" (the referent of a later "he")."""
    if looks_personal(name):
        return True
    words = name.split()
    run = 0
    while run < len(words) and words[-1 - run][:1].isupper():
        if words[-1 - run].lower().rstrip(".") in TITLE_WORDS:
            break
        run += 1
    if run < 2 or run == len(words) or words[-1 - run].lower().rstrip(".") not in TITLE_WORDS:
        return False
    return looks_personal(" ".join(words[-min(run, 4) :]))


_PERSON_ROLES = frozenset(
    """minister spokesman spokeswoman spokesperson official chief director president governor
    mayor commander officer secretary ambassador envoy leader chairman chairwoman chairperson
    ceo manager commissioner prosecutor lawyer attorney analyst economist doctor inspector
    superintendent coroner premier senator judge councillor councilor administrator""".split()
)


def names_a_role(name: str) -> bool:
    """A person named by role ("the health minister", "a police spokesman"): the referent of
    a later "she said" when no one is named."""
    words = name.lower().split()
    return bool(words) and words[-1].strip("'’.") in _PERSON_ROLES


def tied_to_figure(s: str, a: Attribution, drafts: list[Draft]) -> Draft | None:
    """The figure an attribution's subject directly follows: "ahead of the $9.2 billion
    analysts had expected", "the 9.9 percent that economists forecast" (a relative clause of that figure, not a trailing ", analysts
    said" for the whole sentence)."""
    begin = a.written_span()[0]
    for d in drafts:
        # "... the 9.9 percent that economists had forecast"
        if d.np_end <= begin and s[d.np_end : begin].strip().lower() in {"", "that", "which"}:
            return d
    return None


_APPOSITIVE = re.compile(r"(?:^|,\s)([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){1,2}),\s")


def appositive_person(s: str) -> Attribution | None:
    """A person named in apposition (", Jean Mensa, ") or opening the sentence ("Jean
    Mensa, the chairperson, ..."): the referent of a "she" in the same sentence."""
    for m in _APPOSITIVE.finditer(s):
        name = m.group(1)
        if looks_personal(name):
            return Attribution(m.start(1), name, m.start(1), m.end(1), "mention")
    return None
