"""The crises with their own referral, in so many words: a threat of violence, and a body in danger right now.

A threat to hurt other people (a weapon brought to work, a colleague threatened) gets the threat referral; someone
who collapsed, stopped breathing or has a seizure as it happens gets 112 and first aid first ("emergency"). Both
only ever add recall to the classifier in ``assistant.safety``; ``assistant.safety_words`` holds the other word
layers. Also here: a weapon someone broods with (a risk to their own life, not a threat), and the warning signs of a
heart attack or stroke with whose body they concern (the urgent and the other-person medical referrals).
"""

from __future__ import annotations

import re

# Threats of violence against other people: a leader told that someone will bring a weapon or hurt a colleague
# faces a safety emergency, not a coaching question. Only explicit threats: "this deadline is killing me",
# "shoot down ideas" and "I could kill him lol" are not among them.
_THREAT_KEYWORDS = [
    r"\b(shoot|shooting|shot|bomb|bombing|blow|blowing) up (the|this|our|his|her|my) (office|place|building|school|"
    r"site|factory|warehouse|plant|shop|store|depot)\b",
    r"\b(bring|brings|bringing|brought|come back with|comes back with|coming back with|show up with|turn up with)"
    r" (a|his|her|their|my) (gun|weapon|rifle|pistol)\b(?! to a knife)"
    r"|\b(come back with|comes back with|coming back with|show up with|shows up with|turn up with) (a|his|her|their) "
    r"(knife|machete)\b",
    r"\b(threat\w*|said|says|told( \w+){1,2}|wrote|posted|texted) (he'?d|she'?d|he would|she would|he will|"
    r"she will|he'?ll|she'?ll|they'?d|they would|to|that he would|that she would|he was going to|"
    r"she was going to|he is going to|she is going to|he'?s going to|she'?s going to)( \w+)? (kill|shoot|stab|hurt|"
    r"attack|beat up) (him|her|them|someone|somebody|"
    r"people|everyone|(the|his|her|my|our) "
    r"(boss|supervisor|manager|foreman|team lead|director|colleagues?|coworkers?))\b",
    r"\b(knife|gun|weapon|pistol|rifle)\b.{0,40}\b(threat\w*|for (him|her|them|the boss|the supervisor))\b",
    r"\bthreat\w* to (kill|shoot|stab|hurt|attack|beat up) (me|us|you)\b|\bthreat\w* (me|us|him|her|them|someone) with "
    r"(a|his|her) (knife|gun|weapon|pistol)\b",
    # ("met een mes langskomt": the verb may carry a particle, "langs-", "terug-", "op-")
    r"\bmet (een|zijn|haar) (mes|pistool|geweer|wapen)\b.{0,30}\b(terug\w*|komen|komt|kom|langs(komen|komt|kwam)|"
    r"te lijf|bedreig\w*|zwaaien|zwaaide)\b|\b(terug|langs)\w* (komt|komen|kwam) met (een|zijn|haar) "
    r"(mes|pistool|geweer|wapen)\b",
    r"\b(come|comes|coming|came|stop|stops|stopping|drop|drops|dropping|swing|swings) (by|round|over|around|in)\b"
    r".{0,20}\bwith (a|his|her|their) (\w+ )?(knife|gun|machete|weapon|pistol|rifle|baseball bat)\b"
    r"(?! (roll|set|block|sharpener|case|bag|kit|licen[cs]e|permit|drill)\b)",
    r"\b(neer (te )?steken|neersteken|neerschieten|neer (te )?schieten|overhoop (te )?schieten|kapot (te )?maken)\b"
    r".{0,40}\b(hem|haar|hen|ze|iedereen|collega|leidinggevende|baas|uitvoerder|chef|mij|ons)\b"
    r"|\b(hem|haar|hen|iedereen|de \w+) (neersteken|neerschieten|neer te steken|neer te schieten)\b",
    r"\b(dreig\w*|gedreigd)\b.{0,40}\b(vermoorden|dood (te )?maken|neer te steken|neer te schieten|"
    r"iets aan te doen|in elkaar te slaan|met een (mes|wapen|pistool) te (steken|schieten|bewerken)|"
    r"dood te schieten)\b",
    r"\bop (te )?blazen\b.{0,30}\b(kantoor|gebouw|fabriek|vestiging|magazijn)\b",
    r"\b(z'n|zijn|haar|je|jouw|de|hun) (kop|hoofd|schedel|harses) (in (te )?(slaan|slaat|sla|meppen)|inslaan|"
    r"inslaat|in te slaan)\b"
    r"|\b(hem|haar|iemand|z'n|zijn|je|jou)\b.{0,25}\bmet een (hamer|honkbalknuppel|knuppel|bijl|koevoet)\b.{0,20}"
    r"\b(slaan|slaat|te lijf|bewerken|afmaken|in elkaar)\b|\bmet een (hamer|honkbalknuppel|knuppel|bijl|koevoet)\b"
    r".{0,20}\b(te lijf|bewerken|afmaken)\b",
    r"\b(bash|smash|cave|kick) (his|her|their|your|the (\w+ ){0,2}\w+'s) (head|skull|face) in\b",
    # "if they cut my position, I'm taking a few of them with me": losing the job, and others go down too
    r"\b(fire[sd]?|cut|lay (me |him |her )?off|laid (me |him |her )?off|let (me |him |her )?go|sack(ed)?|redundan\w*|"
    r"go(ing)? down)\b.{0,60}\b(take|taking|takes) (a few|some|several|a couple|a bunch|one or two|all) (of (them|"
    r"you|those)\b)?.{0,10}\bwith (me|him|her)\s*([.!?\"”']|$)(?![^\n]{0,80}\b(recruit\w*|poach\w*|hire|hiring|"
    r"new (job|company|employer|firm|startup|site)|next (job|company|employer)|compet\w*)\b)",
    # German, French, Spanish, Italian: a threat to kill or stab a person (not "mit Abbruch drohen", "matar el
    # proyecto")
    r"\b(droh\w*|gedroht)\b.{0,60}\b(um(zu)?bringen|zu t[öo]ten|abzustechen|zu erschie[ßs]en)\b"
    r"|\b(er|sie) (will|wollte) (mich|uns|ihn|sie) (umbringen|t[öo]ten|abstechen|erschie[ßs]en)\b"
    r"|\bmenac\w* de (le |la |les |l['’]|me |nous )?(tuer|poignarder|abattre)\b"
    r"|\bamenaz\w* con (matar|apu[ñn]alar|pegar un tiro) a\b|\bamenaz\w* con (matarme|matarlo|matarla|matarnos)\b"
    r"|\bminacciat\w* di (uccidere|ammazzare|accoltellare)\b|\bminacciat\w* di (uccidermi|ucciderlo|ucciderla)\b",
]
_THREAT_RE = [re.compile(p, re.IGNORECASE) for p in _THREAT_KEYWORDS]
# Words of violence towards others that choose the referral for a crisis the classifier found.
VIOLENCE_WORDS = re.compile(
    r"\b(guns?|knife|knives|weapons?|rifle|pistol|explosives?|mes|messen|pistool|geweer|wapens?|explosieven)\b"
    r"|\b(shoot|stab|attack|hurt|kill) (him|her|them|people|everyone|colleagues)\b"
    r"|\b(neersteken|neerschieten|vermoorden)\b", re.IGNORECASE)


# A weapon the person at risk sits or is alone with ("sitting in his car with his service weapon in his lap, 'just
# thinking'"): a risk to their own life, not a threat to others, unless people are named as its target.
_WEAPON = r"\b(gun|weapon|service weapon|pistol|rifle|revolver|wapen|dienstwapen|pistool|geweer|revolver)\b"
_BROODING = (r"\b(lap|schoot|sitting|sits|sat|zit|zat|zitten|holding|holds|held|vasthoudt|vasthield|alone|alleen"
             r"|staring|stares|staart|staarde|thinking|thinks|denkt|dacht|nadenken|piekert|piekeren"
             r"|(in|at) (his|her|my) (car|home|house)|in (zijn|haar|mijn) auto|thuis|at home|at night|'s nachts"
             r"|cleaning|poetst|loaded|geladen)\b")
# Sitting with it in one's lap, brooding, staring at it: a warning sign in itself, whatever else the message says.
# Only someone's own weapon ("his service weapon", "mijn dienstwapen"): "brooding over the new weapon policy" and "a
# gun to my head" (a figure of speech for pressure) are not.
_OWN_WEAPON = r"\b(his|her|my|their|zijn|haar|mijn|z'n|m'n) (\w+ )?" + _WEAPON[2:]
_BROODING_STRONG = (r"\b(in (his|her|my|their) lap|op (zijn|haar|mijn) schoot|op schoot|just thinking|piekert|piekeren"
                    r"|piekerde|staring at it|stares at it|staart ernaar|staarde ernaar)\b")
_WEAPON_IN_LAP = re.compile(_OWN_WEAPON + r".{0,40}" + _BROODING_STRONG + "|" + _BROODING_STRONG + r".{0,40}"
                            + _OWN_WEAPON, re.IGNORECASE)
_OVER_THE_WEAPON = re.compile(r"\b(piekert|piekeren|piekerde|thinking|worry|worries|worried) (over|about) "
                              r"(het|de|the|a|een|new|nieuwe) ", re.IGNORECASE)
_BROODING_WITH_WEAPON = re.compile(_WEAPON + r".{0,60}" + _BROODING + "|" + _BROODING + r".{0,60}" + _WEAPON,
                                   re.IGNORECASE)
_AT_OTHERS = re.compile(
    r"\b(shoot|stab|attack|hurt|kill|get|finish|payback|revenge|wraak|afrekenen|neersteken|neerschieten|vermoorden)"
    r"\b.{0,30}\b(him|her|them|people|everyone|colleagues?|boss|guy|the \w+|hem|haar|hen|iedereen|collega'?s?"
    r"|baas|die \w+)\b", re.IGNORECASE)


def brooding_with_a_weapon(text: str) -> bool:
    """Whether a weapon is named beside someone sitting, thinking or alone with it, and no person as its target."""
    return bool(_BROODING_WITH_WEAPON.search(text)) and not _AT_OTHERS.search(text)


def weapon_in_lap(text: str) -> bool:
    """Whether someone sits with a weapon in their lap, brooding or staring at it, with no person as its target."""
    return bool(_WEAPON_IN_LAP.search(text)) and not _AT_OTHERS.search(text) and not _OVER_THE_WEAPON.search(text)


_WHOSE_WEAPON = re.compile(r"\b(?:(his|her|their|zijn|haar|hun|z'n)|(my|mijn|m'n))\s+(?:\w+\s+)?" + _WEAPON[2:],
                           re.IGNORECASE)


def weapon_holder(text: str) -> str:
    """Whose weapon a message names: "other" (his, her), "self" (my), or "" when it does not say."""
    m = _WHOSE_WEAPON.search(text)
    return "" if m is None else "other" if m.group(1) else "self"


# A veiled threat: paying people back ("make them all pay", "ze gaan ervoor boeten") said beside a return ("come back
# with something") or the means ("he has a hunting licence"). Either alone is ordinary talk: customers who will pay,
# a colleague coming back from leave, a sports shooter.
_PAYBACK = re.compile(
    r"\b(make|makes|making|made) (them|you|us|him|her|everyone|everybody|all of (them|you|us)|the lot of (them|you)|"
    r"those \w+)( all)? pay\b|\b(they|you|he|she|everyone)('ll| will| are going to| is going to| gonna)( all)? "
    r"(pay for this|regret (this|it))\b"
    r"|\b(zet|zetten|zal|zou) (het|dit|ik|hij|ze)( \w+)? (ze|jullie|hem|haar|hun|het|dit)( nog)?( wel)? betaald\b"
    r"|\b(gaan|zullen) (ze|jullie|hij|zij)( \w+)? (er|hier|daar) ?voor boeten\b"
    r"|\b(ze|jullie|hij|zij)( \w+)? (gaan|zullen|moeten)( \w+)? (er|hier|daar) ?voor boeten\b"
    r"|\b(ze|jullie|hij|zij)( \w+)? (er|hier|daar)( \w+)? ?voor (gaan|zullen|moeten) boeten\b"
    r"|\b(dat|dit) (zullen|gaan) (ze|jullie|hij|zij) (nog )?(bezuren|berouwen)\b", re.IGNORECASE)
_RETURN_OR_MEANS = re.compile(
    r"\b(come|comes|coming|came) back with (something|a little something|friends|some friends)\b"
    r"|\bterug(komen|komt|kom|kwam)? met (iets|wat|vrienden)\b"
    r"|\b(hunting|gun|firearms?|weapons?) (licen[cs]e|permit|certificate)\b|\b(owns|has|have|keeps) (a |several |"
    r"some |two |three )?(guns?|rifles?|shotguns?|firearms?|crossbows?)\b|\bshooting club\b"
    r"|\b(jachtakte|jachtvergunning|wapenvergunning|verlof tot het voorhanden hebben|schietvereniging|"
    r"sportschutter)\b|\b(heeft|bezit|heb) (een |twee |meerdere )?(wapens?|geweren|geweer|pistool|kruisboog)\b",
    re.IGNORECASE)


def threat_of_violence(text: str) -> bool:
    """Whether a message tells of a threat to hurt other people, in so many words (either language)."""
    return any(p.search(text) for p in _THREAT_RE) or bool(_PAYBACK.search(text) and _RETURN_OR_MEANS.search(text))


# The writer is afraid of hurting someone ("I'm scared I'll hit him tomorrow", "bang dat ik hem iets aandoe"): a risk to
# another person that the writer can still stop, with its own referral spoken to the writer. Not someone's feelings,
# career or chances, and not anger in general ("so angry I could strangle him" is a figure of speech).
_PERSON_OBJECT = (r"(him|her|them|someone|somebody|a colleague|(my|our|that|this|the) (\w+ )?(boss|manager|director|"
                  r"colleague|co-?worker|supervisor|employee|team ?lead|report|deputy|intern|ceo|cfo|client|customer))")
_URGE = re.compile(
    r"\b(afraid|scared|worried|terrified|frightened|fear|frightens me|scares me)( that)? (i'?ll|i will|i might|i may|"
    r"i could|i am going to|i'?m going to|i would|i'?d)( \w+){0,4} (hurt|hit|attack|punch|strangle|beat|slap|"
    r"lash out at|do something to) " + _PERSON_OBJECT + r"\b"
    # hurt with words, by a decision, or someone's feelings: no urge to violence
    r"(?!'?s? (feelings|career|chances|reputation|pride|trust|morale|confidence|motivation)\b)"
    r"(?! (with|by|in (the|my|our|a)|when i (tell|give|say)|if i (tell|give|say))\b)"
    r"|\b(bang|angstig|doodsbang|vrees|ik vrees)( \w+){0,2} dat ik (hem|haar|iemand|ze|die \w+|mijn \w+)( \w+){0,5} "
    r"(iets aandoe|iets aan doe|wat aandoe|iets ga aandoen|iets zal aandoen|aanvlieg|ga slaan|sla|in elkaar sla|"
    r"te lijf ga|iets aan ga doen)\b"
    r"|\bangst,? dass ich (ihm|ihr|jemandem|ihn|sie)( \w+){0,5} (etwas antue|wehtue|weh tue|schlage|angreife)\b"
    r"|\bpeur de (lui|le|la|les) (faire du mal|frapper|agresser)\b", re.IGNORECASE)


def urge_to_harm(text: str) -> bool:
    """Whether the writer says they are afraid of hurting someone (either language; German and French too)."""
    return bool(_URGE.search(text))


# Someone's body in danger right now (collapsed and not responding, not breathing, a seizure or a heart attack as it
# happens): not a coaching question and not a suicide risk; 112 and first aid come first ("emergency" referral).
_EMERGENCY = re.compile(
    r"\b(collapsed|passed out|fainted|fell|is unconscious|unresponsive)\b.{0,60}\b((is|isn'?t|is not|not|won'?t|"
    r"doesn'?t|does not) (responding|respond|waking up|wake up|breathing|breathe|moving)\b(?!\s+(to|on)\b)"
    r"|unresponsive\b)"
    r"|\bjust (collapsed|passed out|fainted)\b|\b(is|he'?s|she'?s|lies|lying) (unconscious|convulsing|choking|"
    r"seizing)\b|\b(is|he'?s|she'?s) bleeding (heavily|badly|a lot)\b"
    r"|\b(isn'?t|is not|not|stopped) breathing\b(?! down)"
    r"|\b(is having|having|is in the middle of) an? (seizure|epileptic (fit|seizure)|heart attack|stroke)\b"
    r"(?! (of|over|about|when|if)\b)"
    r"|\b(in elkaar (gezakt|gestort)|flauwgevallen|bewusteloos|buiten bewustzijn)\b.{0,60}"
    r"\b(reageert (nergens op|niet)|niet (meer )?(reageert|aanspreekbaar|ademt|wakker))\b(?! (meer )?op\b)"
    r"|\b(ademt niet|ademt niet meer|geen ademhaling|niet aanspreekbaar)\b(?! (meer )?op\b)"
    r"|\b(ligt|is) (bewusteloos|buiten bewustzijn)\b"
    r"|\b(moet ik|moeten we|zal ik|should i|do i) (nu |now )?(starten met |beginnen met |start |do |give )?"
    r"(reanimeren|cpr|resuscitate)\b"
    r"|\b((krijgt|heeft) (nu |net |op dit moment |hier )?|(nu|net|op dit moment) )een (epileptische aanval|"
    r"epilepsieaanval|hartaanval|hartstilstand|beroerte|herseninfarct)\b(?! (gehad|had|van|achter|doorgemaakt|"
    r"overleefd|hebben|in|vorig|vorige|jaren|maanden|weken)\b)"
    # happening now, wherever: "krijgt nu een epileptische aanval in de vergaderzaal"
    r"|\b(krijgt|heeft) (nu|net|op dit moment|hier) een (epileptische aanval|epilepsieaanval|hartaanval|hartstilstand|"
    r"beroerte|herseninfarct)\b(?! (gehad|had|achter|doorgemaakt|overleefd)\b)"
    # German, French, Spanish, Italian: unconscious beside an empty pack of pills
    r"|\b(bewusstlos|inconsciente|sans connaissance|inanim[ée]e?|svenut[oa]|priv[oa] di sensi)\b.{0,80}"
    r"\b(tabletten\w*|pillen\w*|pastillas|pilules|comprim[ée]s|cachets|pillole|pastiglie|blíster|blister)\b",
    re.IGNORECASE)
# What-ifs are planning, not an emergency: "what if she has a seizure during a client meeting?".
_HYPOTHETICAL = re.compile(r"\b(what if|wat als|in case|just in case|stel dat|mocht (ze|hij|iemand)|als (ze|hij|"
                           r"iemand) (ooit|een)|if (she|he|someone|they) (ever|has|have|gets|were))\b", re.IGNORECASE)


def medical_emergency(text: str) -> bool:
    """Whether a message tells of someone whose body is in danger right now (either language)."""
    return bool(_EMERGENCY.search(text)) and not _HYPOTHETICAL.search(text)


# A risk to life that may be happening right now: someone standing at a bridge, a roof's edge or the tracks, or out of
# reach after a goodbye. Said of a message that is a crisis already, it puts 112 before everything else.
_PLACE = (r"(bridge|roof|ledge|railing|rails|railway|tracks|cliff|balcony|window ?sill|brug|dak|spoor|perron|balkon"
          r"|vensterbank|reling)")
_AT_THE_EDGE = re.compile(
    # someone at a height or the tracks ("she is standing on the bridge", not "on edge" or "the platform team")
    r"\b(i'?m|i am|is|he'?s|she'?s|they'?re|standing|stands|sitting|sits|ik sta|staat|zit|zitten)\b[^.?!]{0,25}"
    r"\b(on|at|by|near|op|aan|bij|naast) (the|a|this|that|our|de|het|een|die|dat|ons|onze)( \w+)? " + _PLACE
    + r"\b(?! (team|project|afdeling|deadline))"
    # at the edge of a height, not of a burnout or of what one can take
    r"|\b(standing|stand|stands|staan|sta|staat) (at|on|op|aan) (the|de|het) (edge|rand)\b"
    r"(?! (of|van) (a |an |een |my |mijn |what |wat )?(burn|break|collapse|instorting|overspann|what|wat|my|mijn|"
    r"career|carri))"
    r"|\b(bij|aan|op) de rand (staan|sta|staat|zitten|zit)\b"
    r"|\b(at|on|op|aan) (the|de) (edge|rand) (of|van) (the|a|de|het|een)( \w+)? (" + _PLACE[1:-1] + r"|platform)\b"
    # Dutch puts the verb last: "dat ze op het dak van de parkeergarage staat"
    r"|\b(op|aan|bij|naast) (het|de) " + _PLACE + r"\b[^.?!]{0,40}\b(staat|sta|staan|zit|zitten)\b",
    re.IGNORECASE)
_GOODBYE = (r"\b(goodbye|good-bye|farewell|bye|say sorry to everyone|sorry for everything|last message"
            r"|thanks? for everything|afscheid\w*|vaarwel|laatste bericht|bedankt voor alles|sorry voor alles"
            r"|gracias por todo|niet meer nodig)")
_UNREACHABLE = (r"\b(not (answering|picking up|responding|replying)|isn'?t (answering|picking up|responding|replying)"
                r"|doesn'?t (answer|pick up|respond|reply)|won'?t (answer|pick up)|hasn'?t (replied|answered|responded)"
                r"|can'?t reach|cannot reach|no answer|no reply|gone silent|went silent|voicemail"
                r"|phone('s| is)? off|neemt (\w+ ){0,2}niet (meer )?op|reageert niet|onbereikbaar|niet bereikbaar"
                r"|geen reactie|telefoon (staat )?uit|krijg (hem|haar) niet te pakken|no contesta)")
_GONE_QUIET = re.compile(_GOODBYE + r".{0,200}?" + _UNREACHABLE + "|" + _UNREACHABLE + r".{0,200}?" + _GOODBYE,
                         re.IGNORECASE | re.DOTALL)


# On the phone from a height right now: "belde me net vanaf het dak van de parkeergarage", "she's calling me from the
# bridge"; and a plan set for tonight with the means at hand ("heute Nacht ist es vorbei", "tonight, the pills").
_CALLING_FROM = re.compile(
    r"\b(call\w*|phon\w*|text\w*|messag\w*|ringing|belde|belt|bellen|appte|appt|sms'?te|ruft|rief|anrufen|appel\w*)\b"
    r"[^.?!]{0,30}\b(from|vanaf|van|op|vom|von|depuis) (the|a|het|de|een|dem|der|le|la)( \w+)? " + _PLACE
    + r"\b(?! ?(team|project|afdeling|deadline|terrace|terras|bar|garden|tuin|club))", re.IGNORECASE)
_LONG_AGO = re.compile(r"\b(last (year|month|week)|vorig\w* (jaar|maand|week)|(years|months|weeks) ago"
                       r"|(jaar|jaren|maanden|weken) geleden|back then)\b", re.IGNORECASE)
_TONIGHT = re.compile(
    r"(?=[^.!?]*\b(tonight|this evening|vannacht|vanavond|heute nacht|heute abend|ce soir|cette nuit|esta noche"
    r"|stanotte|stasera)\b)(?=[^.!?]*\b(pills?|tablets?|pillen|tabletten|tabletas|pastillas|pilules|comprim\w*|pillole|compresse"
    r"|rope|touw|strick|gun|pistool|waffe)\b)", re.IGNORECASE | re.DOTALL)


# Fumes in a closed space right now: an engine running in a shut garage or car, a barbecue or charcoal lit indoors.
_ENGINE = r"(engine|motor|car|auto)\b[^.?!]{0,25}\b(running|on|draait|draaien|loopt|aan)\b"
_SHUT = (r"(garage|doors? (are |is )?(shut|closed|locked)|windows? (are )?(shut|closed)|"
         r"deur(en)? (zit |zitten |is |zijn )?(dicht|op slot)|ramen (zijn )?dicht|closed space|dichte garage)")
_FUMES = re.compile(
    r"\b" + _ENGINE + r"[^.?!]{0,60}\b" + _SHUT + r"|\b" + _SHUT + r"\b[^.?!]{0,60}\b" + _ENGINE
    + r"|\b(hose|slang)\b[^.?!]{0,30}\b(exhaust|uitlaat)\b|\b(exhaust|uitlaat)\b[^.?!]{0,30}\b(hose|slang)\b"
    r"|\b(charcoal|houtskool|barbecue|bbq)\b[^.?!]{0,40}\b(indoors|inside|in (my|the) (room|bedroom|bathroom)|binnen|"
    r"in (mijn|de) (kamer|slaapkamer|badkamer))\b", re.IGNORECASE)


def fumes_now(text: str) -> bool:
    """Whether a message tells of fumes in a closed space (an engine running in a shut garage, charcoal indoors)."""
    return bool(_FUMES.search(text)) and not _LONG_AGO.search(text)


# Someone with a weapon, now: a knife or a gun held, waved or pointed at this moment ("staat nu met een mes").
_ARMED_NOW = re.compile(
    r"(?=[^.!?]*\b(right now|just now|at this moment|as we speak|as i type|now|op dit moment|nu|jetzt|gerade"
    r"|en ce moment|maintenant)\b)(?=[^.!?]*\b(knife|knives|gun|pistol|rifle|machete|axe|hammer|mes|messen|pistool"
    r"|geweer|vuurwapen|wapen|bijl|hamer|messer|waffe|pistole|couteau|arme|fusil)\b)"
    r"(?=[^.!?]*\b(waving|pointing|holding|threatening|screaming|shouting|standing|zwaait|zwaaien|richt|houdt|dreigt"
    r"|schreeuwt|staat|fuchtelt|droht|brandit|menace)\b)", re.IGNORECASE)


def imminent_danger(text: str) -> bool:
    """Whether a crisis message tells of a danger that may be happening now.

    At an edge, on the phone from a height, silent after a goodbye, tonight with the means at hand, fumes in a
    closed space, or someone with a weapon now.
    """
    calling = bool(_CALLING_FROM.search(text)) and not _LONG_AGO.search(text)
    return bool(_AT_THE_EDGE.search(text) or calling or _GONE_QUIET.search(text)
                or _TONIGHT.search(text) or fumes_now(text) or _ARMED_NOW.search(text))


# Violence at home told in so many words: a partner who hits, beats, chokes or abuses someone (the writer, or the
# employee who told the writer). It gets its own referral: the domestic-violence line, not the suicide line.
# The act needs its object ("slaat haar", "hits her"): "haar man slaat alarm" and "he hit the target" are no abuse.
_PARTNER = (r"(husband|wife|partner|boyfriend|girlfriend|ex|ex-husband|ex-wife|ex-partner|spouse|man|vrouw|vriend"
            r"|vriendin|echtgenoot|echtgenote)")
_DOMESTIC = re.compile(
    r"\b(her|his|their|my|haar|zijn|mijn|hun|m'n|z'n) " + _PARTNER + r"\b[^.?!]{0,40}\b(hits|hit|beats|beat|"
    r"slaps|slapped|kicks|kicked|chokes|choked|strangles|strangled|abuses|abused|pushes|pushed|shoves|shoved|"
    r"slaat|sloeg|schopt|schopte|wurgt|wurgde|mishandelt|mishandelde|duwt|duwde)\s+(her|him|me|them|the kids|"
    r"the children|haar|hem|mij|me|de kinderen)\b"
    # Dutch word order in a clause: "dat haar man haar slaat"
    r"|\b(haar|zijn|mijn|hun|m'n|z'n) " + _PARTNER + r" (haar|hem|mij|me|de kinderen) (slaat|sloeg|schopt|schopte|"
    r"wurgt|wurgde|mishandelt|mishandelde|duwt|duwde)\b"
    r"|\b(her|his|their|my|haar|zijn|mijn|hun) " + _PARTNER + r"\b[^.?!]{0,40}\b(heeft|had) (haar|hem|mij|me) "
    r"(geslagen|geschopt|gewurgd|mishandeld)\b"
    r"|\b(beaten|hit|abused|strangled|choked) (up )?by (her|his|their|my) " + _PARTNER + r"\b"
    r"|\b(domestic (violence|abuse)|huiselijk geweld|partnergeweld|abusive (husband|wife|partner|boyfriend|"
    r"girlfriend|relationship|marriage)|thuis (mishandeld|geslagen) (wordt|werd))\b", re.IGNORECASE)


def domestic_violence(text: str) -> bool:
    """Whether a message tells, in so many words, of violence by a partner at home (either language)."""
    return bool(_DOMESTIC.search(text))


# Warning signs of a heart attack or a stroke, named (not happening before the writer's eyes, which is an emergency):
# chest pain with pain or tingling in an arm or the jaw, breathlessness, sweating or nausea; a drooping face,
# slurred speech or sudden weakness on one side.
_CHEST = (r"(chest pains?|pain in (my|his|her|the) chest|tight(ness|) (in|of) (my|his|her|the) chest"
          r"|pijn op (de|mijn|zijn|haar) borst|drukkend gevoel op (de|mijn|zijn|haar) borst|borstpijn)")
_WITH = (r"(arm|jaw|kaak|tingl\w*|tintel\w*|numb\w*|short(ness)? of breath|breathless\w*|benauwd\w*|sweat\w*"
         r"|zwe[et]\w*|nause\w*|misselijk\w*|dizz\w*|duizel\w*)")
_WARNING_SIGNS = re.compile(
    r"\b" + _CHEST + r"\b.{0,80}\b" + _WITH + r"\b|\b" + _WITH + r"\b.{0,80}\b" + _CHEST + r"\b"
    r"|\b(drooping|droopy|scheve) (face|mouth|mond|mondhoek|gezicht)\b|\bmondhoek (hing|hangt|hangen) (\w+ )?scheef\b"
    r"|\b(slurred|slurring|onduidelijke|verwarde) (speech|spraak)\b|\bspeech (became|is|was|got) slurred\b"
    r"|\b(praat|praatte|sprak|spreekt) (ineens |plotseling |opeens )?(onduidelijk|met dubbele tong)\b"
    r"|\bsudden(ly)? (weakness|numbness) (in|on) (one|the left|the right) side\b"
    r"|\bplotseling (krachtverlies|gevoelloos)\b", re.IGNORECASE)
_SOMEONE_ELSES = re.compile(
    r"\b(my|our|a|one of my|mijn|onze|een|een van mijn) (\w+ )?(employee|team ?member|colleague|report|direct report|"
    r"staff member|coworker|nurse|engineer|driver|medewerker\w*|collega|teamlid|werknemer)s?\b"
    r"|\b(she|he|they) (has|have|gets|get|is|feels|keeps|had)\b|\b(zij|hij|ze) (heeft|krijgt|is|voelt|had)\b"
    r"|\b(his|her|their) (speech|chest|arm|face|mouth|heart|symptoms|health)\b"
    r"|\b(zijn|haar|hun) (spraak|borst|arm|mond|mondhoek|gezicht|hart|klachten|gezondheid)\b",
    re.IGNORECASE)
_MY_SYMPTOMS = re.compile(
    r"\bmy (chest|heart|head|arm|back|stomach|body|health|symptoms|doctor)\b|\bmijn (borst|hart|hoofd|arm|rug|buik"
    r"|lichaam|gezondheid|klachten|huisarts)\b"
    r"|\bi('ve| have)? (had|have|get|got|feel|felt|keep getting|'ve been having|been having) (\w+ ){0,3}"
    r"(pain|pains|ache|aches|headaches?|symptoms|dizz\w*|tingl\w*|racing|palpitations|numb\w*|short of breath"
    r"|nause\w*|sick|tired)\b"
    r"|\bik (heb|had|krijg|kreeg|voel me|ben) (\w+ ){0,3}(pijn|hoofdpijn|buikpijn|klachten|duizelig\w*|benauwd\w*"
    r"|hartkloppingen|tintel\w*|misselijk\w*|moe|ziek)\b", re.IGNORECASE)


def warning_signs(text: str) -> bool:
    """Whether a message names the warning signs of a heart attack or a stroke (not to wait out until next week)."""
    return bool(_WARNING_SIGNS.search(text))


# A health judgement about someone else inside a leadership question: what the company doctor advised ("de bedrijfsarts
# zegt 50%"), or whether a condition is behind what the leader sees ("is ADHD behind the missed deadlines?").
_HEALTH_CALL = re.compile(
    r"\b(company doctor|occupational (doctor|physician|health)|bedrijfsarts|arbo-?arts|arbodienst)\b.{0,40}"
    r"\b(says?|said|advises?|advised|recommends?|wants?|zegt|zei|adviseert|adviseerde|vindt|wil)\b"
    r"|\b(get (him|her|them) (tested|diagnosed|assessed)|(he|she|who|(employee|colleague|report|engineer|member|"
    r"nurse|lead|analyst|planner|developer|guy|teacher|worker)s?) (might|may|could) (have|be)|laten testen|"
    r"(laten )?onderzoeken op|(hij|zij|ze|\w+) (heeft|zou) misschien|suspect|vermoed\w*)\b.{0,40}"
    r"\b(adhd|(?-i:ADD)|autism|autisme|asperger|dyslex\w*|depress\w*|bipolar|bipolair|"
    r"burn-?out|ocd|ptsd|ptss|dementi\w*|alcohol\w*|verslav\w*|addict\w*)\b", re.IGNORECASE)


_MY_CONDITION = re.compile(r"\b(i|ik) (might|may|could|think i|suspect i|probably)( \w+)? (have|be|heb|hebben)\b"
                           r"|\b(denk|vermoed) (dat )?ik\b", re.IGNORECASE)


def health_call(text: str) -> bool:
    """Whether a leadership question leans on a health judgement about someone else (see ``_HEALTH_CALL``)."""
    return bool(_HEALTH_CALL.search(text)) and not _MY_SYMPTOMS.search(text) and not _MY_CONDITION.search(text)


def about_someone_else(text: str) -> bool:
    """Whether a health question is about another person (an employee, a colleague), not the writer."""
    return bool(_SOMEONE_ELSES.search(text)) and not _MY_SYMPTOMS.search(text)


# What a question about the writer's own health is about: stopping or changing a medicine, or their mind (low mood,
# anxiety, crying, burnout). Each gets its own referral; everything else the plain medical one.
_CHANGE = (r"(stop|stopping|quit|quitting|come off|coming off|taper\w*|lower|halve|skip|change|double|increase|stoppen"
           r"|afbouwen|minderen|halveren|verhogen|verlagen|overslaan|verdubbelen"
           # how much one may take, and whether it is habit-forming: the prescriber's and the pharmacist's question
           r"|how much|maximum|addictive|habit-forming|hoeveel|maximaal|verslavend)")
_DRUG = (r"(antidepressants?|antidepressiva|medication|medicine|meds|pills|tablets|ssris?|sertraline|citalopram|"
         r"oxazepam|lorazepam|ritalin|medicatie|medicijnen|medicijn|pillen|tabletten|dosis|dose)")
_MEDICATION = re.compile(r"\b" + _CHANGE + r"\b.{0,40}\b" + _DRUG + r"\b|\b" + _DRUG + r"\b.{0,40}\b" + _CHANGE
                         + r"\b", re.IGNORECASE)
_MIND = re.compile(
    r"\b(depress\w*|depri|anxiety|anxious|panic attacks?|burn-?out|burned out|burnt out|crying|cry every|can'?t stop "
    r"crying|huil\w*|angst\w*|paniekaanval\w*|overspannen|somber\w*|neerslachtig\w*|mentally|mental health"
    r"|psychisch\w*)\b", re.IGNORECASE)
# A body symptom beside the mood keeps the plain referral, which names 112 for chest pain or breathlessness.
_BODY = re.compile(r"\b(chest|borst|heart|hart\w*|breath\w*|benauwd\w*|adem\w*|faint\w*|flauw\w*|dizz\w*|duizelig"
                   r"\w*)\b", re.IGNORECASE)


def medical_topic(text: str) -> str:
    """"medication", "mind" or "" for a health question (see ``_MEDICATION`` and ``_MIND``)."""
    if _MEDICATION.search(text):
        return "medication"
    return "mind" if _MIND.search(text) and not _BODY.search(text) else ""
