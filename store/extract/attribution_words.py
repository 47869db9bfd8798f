"""The word lists that attribution reads: speech verbs, the nouns of sources and speaking
bodies, titles, organisation words, and the small words that bound a subject.

Data only; ``store.extract.attribution`` and ``store.extract.subjects`` read them.
``SOURCE_NOUNS`` and ``TITLE_WORDS`` are also read by ``store.extract.claimants``.
"""

from __future__ import annotations

_SPEECH_VERBS = (
    "said says say saying told tells telling reported reports reporting stated states "
    "estimated estimates estimating claimed claims claiming warned warns warning confirmed suggest "
    "confirms announced announces added adds noted notes revealed reveals stressed stresses "
    "indicated indicates believes believed boasted boasts disclosed discloses acknowledged "
    "acknowledges admitted admits insisted insists wrote writes tweeted posted testified alleged "
    "alleges suggested suggests explained explains argued argues assessed assesses concluded "
    "predicted predicts projected projects calculated recorded documented asserted asserts "
    "declared declares elaborated remarked emphasized emphasised emphasizes emphasises "
    "estimate claim believe report announce confirm puts put affirmed affirms reiterated "
    "reiterates assured assures maintained maintains specified clarified detailed outlined recalled observed "
    "mentioned commented cautioned warned showed shows show counted counts tallied "
    "expected expect expects forecast forecasts forecasted project predict "
    # guarded in find_attributions: "the survey found", "released a figure of"
    "found finds released releases published publishes issued gave gives confident"
).split()


# Speech verbs a Title Case headline capitalises ("Ukraine Says Russia To Deploy ..."):
# only those that are not also nouns heading a headline ("Reports", "Estimates").
_HEADLINE_VERBS = frozenset(
    """says said warns warned claims claimed tells told confirms confirmed admits admitted
    insists insisted reveals revealed announces announced""".split()
)


# Words that end a subject when walking left from a verb.
_BOUNDARY_WORDS = frozenset(
    """that and but after before when while as because since although though if following
    amid despite with whereas where so than then or nor yet once until unless whether
    while""".split()
)
# Words between a subject and its verb: auxiliaries and adverbs.
_AUX = frozenset(
    """has have had also previously later earlier further recently reportedly publicly
    officially already separately then again now first has had would will could may might
    can just repeatedly on had initially subsequently today yesterday last week""".split()
)
_ASIDE_ADVERBS = ("however", "meanwhile", "though", "too", "instead", "nonetheless", "meanwhile")
_SCALE_WORDS = frozenset("hundred thousand million billion trillion bn mn tn".split())
_PASSIVE = frozenset("was were is are been being be".split())
_PRONOUNS = frozenset("he she they it we i".split())
SOURCE_NOUNS = frozenset(
    """officials official sources source report reports media lawmakers intelligence ministry
    military police authorities analysts analyst experts expert government agency spokesperson
    spokesman spokeswoman diplomats diplomat residents witnesses data statistics figures survey
    study estimates assessment assessments observers monitors command commanders commander
    army navy office outlet outlets newspaper agencies services service investigators doctors
    hospital hospitals group groups organization organisation administration statement
    release announcement bulletin update""".split()
)
# Words that make a capitalised phrase an organisation rather than a person.
_ORG_WORDS = frozenset(
    """service ministry agency institute office council committee department forces army
    command intelligence post times news group party government administration commission
    bureau staff guard navy corps police university centre center court parliament
    assembly union organisation organization fund bank network media reuters analytics
    capital partners ratings securities holdings insights consulting associates investors
    foundation trust observatory centers centres federation confederation association
    alliance coalition league chamber board authority society charity""".split()
)
_PREPOSITIONS = frozenset("on in at during by after since from before of for to".split())
TITLE_WORDS = frozenset(
    """president prime minister secretary general chancellor chief head director spokesperson
    spokesman spokeswoman ambassador major lieutenant colonel captain sergeant admiral
    commander deputy foreign defense defence state senator governor mayor representative rep
    sen gov gen lt col maj capt adm dr mr mrs ms prof professor king queen prince pope leader
    speaker envoy adviser advisor officer official analyst researcher expert ministry army
    military intelligence vice former acting interim top senior press secretary-general
    chairman chairwoman chair ceo founder executive manager boss commissioner councillor
    councilor inspector superintendent coroner economist strategist lawyer attorney
    prosecutor organiser organizer coordinator premier of the and for to""".split()
)


_NOT_SPEAKERS = frozenset(
    """number figure figures total share rate percentage amount value price cost level
    toll count majority rest remainder average increase rise fall drop decline growth
    year month week day time""".split()
)


_SPEAKER_HEADS = frozenset(
    """company companies firm firms union unions council board authority authorities
    regulator hospital school university airline carrier operator club league court
    ministry department government police army navy coalition party campaign charity
    group bank insurer retailer broker watchdog prosecutor prosecutors family families
    team spokesperson spokesman spokeswoman mayor governor minister president chairman
    chairwoman boss chief executive ceo coroner judge sheriff pentagon tank think-tank
    thinktank institute filing filings document documents records poll polls census
    prefecture headquarters utility utilities airport railway port museum zoo agency
    broadcaster network provider coastguard body bodies panel website store stores chain
    supermarket grocer carmaker automaker lender""".split()
)


# Nouns that speak without a determiner: "management said", "prosecutors said".
_BARE_SPEAKERS = frozenset("management staff organisers organizers prosecutors".split())


# Speech verbs whose bare form is also a noun: a verb only after a plural subject.
_BASE_FORMS = frozenset(
    "say estimate claim believe report announce confirm suggest show expect forecast project "
    "predict".split()
)
