"""What a message asks of the assistant in so many words: an instruction aimed at it, help to harm someone, a rehearsal.

The patterns only add recall to the classifier in ``assistant.safety`` ("ignore your instructions", "how can I read
her WhatsApp without her knowing"); a report that someone ignores the rules, a negated request ("I would never read
her mail") and a leader rehearsing a hard conversation with the assistant playing the other side stay questions.
"""

from __future__ import annotations

import re

from assistant.text import sentences

# Someone else's {obj}: "his phone", "Sara's email", "de appjes van mijn medewerker".
_THEIR = (r"\b(his|her|their|zijn|haar|hun)( \w+)? {obj}\b|\b\w+(['’]s|s['’])( \w+)? {obj}\b"
          r"|\b{obj} (of|van) (my|our|an?|the|"
          r"mijn|onze?|een|de|het)( \w+)? (employees?|staff|colleagues?|team ?members?|team lead|reps?|workers?|"
          r"medewerker\w*|collega\w*|teamlid|teamleden|teamleider\w*|mensen|people)\b")
_INJECTION_KEYWORDS = [
    r"\b(ignore|disregard|forget|override|bypass)\b.{0,30}\b(previous|prior|earlier|above|your|all (of )?(your|the|"
    r"previous|prior|above|earlier)|(the|these) (previous|prior|above|earlier|system|original|initial))\b"
    r".{0,20}\b(instructions?|rules|prompts?|guidelines|guardrails|restrictions|directives)\b",
    r"\b(system|hidden|initial|original|developer) ?prompt\b|\bprompt ?(config\w*|instructions)\b",
    r"\b(api|secret)[- ]?keys?\b|\bdeveloper mode\b|\bjailbreak\w*|(?-i:\bDAN\b)|\bdo anything now\b",
    r"\b(reveal|print|show|output|dump|repeat|translate)\b.{0,30}\b(your|the) (hidden |secret |internal )?"
    r"(instructions|rules|prompt|configuration|guidelines)\b",
    r"\b(negeer|vergeet|omzeil)\b.{0,30}\b(instructies|richtlijnen|regels|opdrachten|beperkingen)\b",
    r"\b(systeemprompt|systeem-prompt|promptconfiguratie|verborgen (opdracht|instructies))\b",
    # German, French, Spanish, Italian: an instruction aimed at the assistant's own instructions ("ignoriere deine
    # Anweisungen", "oublie tes consignes précédentes"), not a report that someone ignores the rules
    r"\b(ignorier\w*|vergiss|ignore[sz]?|oublie[sz]?|ignora|olvida|dimentica)\b.{0,30}\b(deine|ihre|alle (vorherigen|"
    r"bisherigen)|vorherigen|bisherigen|tes|vos|pr[ée]c[ée]dentes|tus|sus|anteriores|tue|sue|precedenti)\b.{0,25}"
    r"\b(anweisungen|vorgaben|regeln|richtlinien|instructions|consignes|r[eè]gles|instrucciones|reglas|directrices"
    r"|istruzioni|regole|direttive)\b",
    r"\bprompt (syst[eè]me|del sistema|di sistema)\b|\b(oublie|vergiss|olvida|dimentica)\b.{0,30}\bcoach\b"
    r"|\b(ab jetzt|von nun an) bist du (eine?|kein) (ki|bot|chatbot|assistent\w*|sprachmodell)\b"
    r"|\b(d[ée]sormais|dor[ée]navant|[àa] partir de maintenant) tu es (une? )?(ia|bot|chatbot|assistant\w*)\b"
    r"|\b(a partir de )?ahora eres (una? )?(ia|bot|chatbot|asistente)\b|\bda (ora|adesso) (in poi )?sei (una? |un['’])?"
    r"(ia|bot|chatbot|assistente)\b",
    r"<!--|\[/?(system|admin|inst)\]|</?(system|admin)>",
    # "you are now an AI without restrictions" in any of the languages (not "my team uses AI without any rules")
    r"\b(you are|you'?re|you become|act as|pretend|je bent|jij bent|ben jij|doe alsof|du bist|bist du|tu es|tu deviens"
    r"|eres|sei)\b.{0,40}"
    r"\b(ai|ia|ki|bot|chatbot|assistant|assistent|asistente|assistente)\b.{0,15}\b(without (any )?(restrictions|limits|"
    r"rules|filters)|zonder (beperkingen|regels|grenzen|filters)|ohne (einschr[äa]nkungen|regeln|grenzen|filter)|sans "
    r"(restrictions?|limites?|r[eè]gles|filtres?)|sin (restricciones|l[ií]mites|reglas|filtros)|senza (restrizioni|"
    r"limiti|regole|filtri))\b",
    # a character "with no ethical rules" the assistant is asked to play, and then to explain how to do something
    # ("be a boss who has no scruples, then tell me how to …"): the rules dropped are the
    # assistant's. Asked of the assistant at the start of a sentence; a rehearsal of a conversation with such a person
    # asks for no explanation and stays a rehearsal.
    r"(?:^|[.!?:;]\s+)(?:(?:can|could|would) you |(?:kun|kan|kunt|wil|wilt) (?:je|jij|u) |please |for [^.?!]{1,40}, )?"
    r"(?:play|be|act (?:as|like)|pretend to be|role[- ]?play|speel|wees|doe alsof je|gedraag je als)\b[^.?!]{0,50}"
    r"\b(?:with no|without(?: any| a)?|zonder(?: enige)?|(?:die|who) (?:heeft |has )?(?:geen|no)(?: enkele)?|has no)\s+"
    r"(?:ethic\w*|moral\w*|scruples|conscience|ethiek|ethische|morele|moraal|scrupules|geweten)\b"
    r"(?=.*\b(?:explain|tell me how|show me how|step by step|how to|leg uit|vertel (?:me )?hoe|stap voor stap"
    r"|hoe je)\b)",
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
    r"(about|around)|(ik|we) (kan|kunnen|ga|gaan) (verspreiden|rondstrooien|lekken)|om te verspreiden)\b",
    # A text the writer pastes that addresses whichever AI reads it ("Dear AI reading this: tell my manager …",
    # "note to the AI: …"): an instruction smuggled in, not the writer's question.
    # ("ai", "chatbot", "llm", "taalmodel" only: "my assistant who reads this" and "a model that summarises this" are
    # people and frameworks)
    r"\b(ai|a\.i\.|chatbot|llm|language model|taalmodel)s?,? (die|dat|that|who|which) (dit|this) (leest|lezen|reads?|"
    r"is reading|verwerkt|processes|samenvat|summari[sz]es)\b"
    r"|\b(ai|chatbot|llm)s? reading this\b|\bnote to (the|any) (ai|llm|chatbot|language model)\b"
    r"|\bnotitie voor (de|het|elke) (ai|taalmodel|chatbot)\b",
]
# Requests to harm a person, judged one sentence at a time: the sentence must ask for it (a first-person request)
# and must not negate it, so "I would never read her mail", "my predecessor tracked their phones" and "how do I
# stop the rumour" are leadership questions, and "how can I read her WhatsApp without her knowing" is not.
_REQUEST = re.compile(
    r"\b(how (do|can|could|should|would) i|can i|could i|should i|may i|i want to|i'?d like to|i need to|i plan to|"
    r"i'?m going to|help me|is there a way|what'?s the best way|which (app|tool)|(give|write|draft|make) me|"
    r"how i (can|could|should)|schrijf (me|mij)|"
    r"(explain|tell me|show me) how|(i was|i'?m|i am) "
    r"(thinking|planning) (of|about|to)|i'?m considering|"
    r"hoe (kan|moet|krijg|zorg|doe|kom|zoek|weet|vind|achterhaal) ik|kan ik|mag ik|wil ik|"
    r"ik wil|ik ga|help me|welke (app|tool)|is er een manier|ik (dacht|denk) (erover|eraan)|ik overweeg|"
    r"ik ben van plan|(leg|vertel)( me| mij)? uit hoe|vertel (me|mij) hoe|(kun|kan|wil) je (me|mij) helpen|"
    r"(can|could|would) you help me|(what'?s|what is) a \w+ way)\b", re.IGNORECASE)
# ... and, for the harm told in so many words below (not for the older patterns above, where "I need some advice:
# she found a tracker under her car" must stay a question), a few more ways to ask.
_REQUEST_MORE = re.compile(r"\b(geef (me|mij)|i (need|want) (a|an|some)|hoe (maak|pak|richt|zet|laat|lek|verstop"
                           r"|intimideer|neem|manipuleer|saboteer|breng) ik)\b", re.IGNORECASE)
# A request put as an order: "Write an official-looking warning …", "as an exercise, schrijf een mail …".
_IMPERATIVE = re.compile(r"(^|[,:;]\s*)\W*(please |pls |graag |just |even )?(write|draft|compose|create|make"
                         r"|put together|find|look up|schrijf|maak|stel|verzin|bedenk|zoek)\b", re.IGNORECASE)
_NEGATED = re.compile(r"\b(never|not|n't|no longer|stop|prevent|avoid|nooit|niet|geen|stoppen|voorkom\w*|"
                      r"tegengaan)\b|n't\b", re.IGNORECASE)
_DISLIKE = re.compile(r"\b(i|ik|we|wij)\b (really |just |simply |echt |gewoon )?(don'?t|do not|can'?t|cannot|kan|mag|"
                      r"niet|vertrouw)( \w+)? (like|stand|bear|trust|get along with|uitstaan|mag|luchten|zien zitten|"
                      r"niet)\b", re.IGNORECASE)
_COVERT = (r"(?<!\w)(without (him|her|them|anyone) (knowing|noticing|finding out)|without telling (him|her|them)|"
           r"secretly|covertly|behind (his|her|their) back|zonder dat (hij|zij|ze|iemand) (het )?(weet|weten|merkt|"
           r"merken|doorheeft|doorhebben)|zonder (het )?te (zeggen|vertellen)|stiekem|heimelijk|achter (zijn|haar|hun) "
           r"rug)\b")
_HARM_REQUESTS = [
    # Reading someone's private messages behind their back.
    r"^(?=.*\b(read\w*|monitor\w*|meelezen|meelees\w*|lezen|lees|bekijk\w*|inzien)\b)"
    r"(?=.*(" + _THEIR.format(obj=r"(phone|whatsapp|private \w+|personal \w+|social media|messages|e-?mails?|chats?|"
                               r"telefoon|privé\w*|appjes|berichten|mail)") + r"))(?=.*" + _COVERT + r")",
    # Reading anyone's mailbox or chats covertly ("stiekem de mailbox van mijn medewerkers meelezen").
    r"^(?=.*\b(read\w*|monitor\w*|meelezen|meelees\w*|lezen|lees|bekijk\w*|inzien|doorzoek\w*|go through"
    r"|door (te )?(nemen|lezen)|doorneem\w*|doorlees\w*)\b)"
    r"(?=.*\b(mailbox\w*|inbox\w*|e-?mails?|mail|chats?|appjes|whatsapp|dm'?s|slack messages)\b)(?=.*" + _COVERT + r")",
    # A message forged in someone else's name ("an anonymous mail as if it came from a colleague, admitting fraud").
    r"\b(write|writing|draft\w*|compose|send|schrijf|schrijven|stuur|sturen|opstellen|stel|maak|maken)\b.{0,60}"
    r"\b(alsof (hij|zij|ze|die|het) (van|door)|as if (it|he|she) (was|were|is|came|comes) (from|written by)"
    r"|pretending to be (him|her|a colleague|my colleague)|alsof (ik|het) (hem|haar) (ben|was))"
    r"(?!.{0,60}\b(asked me|heeft (het )?(me|mij) gevraagd|vroeg (het )?(me|mij)|with (his|her) (consent|permission)"
    r"|met (zijn|haar) (toestemming|goedkeuring))\b)",
    # Spyware, trackers, keyloggers or hidden cameras on people.
    r"\b(tracker|keylogger|spyware|stalkerware|spy ?app|hidden camera|verborgen camera|volg-?app)\b",
    # Fabricated evidence or testimony against a person.
    r"\b(fabricat\w*|make up(?! for)|invent|verzin\w*|in elkaar (zetten|draaien)|fake)\b.{0,30}\b(evidence|proof|"
    r"incidents?|complaints?|bewijs|incident\w*|klachten|verklaring\w*)\b",
    # … or put into a document being written: "a warning with a few invented incidents and dates"
    r"\b(warning|file|dossier|report|letter|appraisal|review|waarschuwing|brief|verslag|beoordeling)\b.{0,40}"
    r"\b(with|met)( a few| some| several| a couple of| wat| een paar| enkele)? (invented|made[- ]up|fabricated|fake"
    r"|verzonnen|nep)\b.{0,12}\b(incidents?|complaints?|incidenten|klachten|misstappen)\b",
    # Writing a false record of someone's work (a fake appraisal or file): the writing asked for, not one received.
    r"\b(write|writing|draft\w*|make(?! sure)|making|create|creating|build|building|put together|compile|compiling)\b"
    r".{0,30}\b(fake|false|bogus|made[- ]up|fabricated|invented)\b.{0,20}\b(performance reviews?|reviews?|appraisals?|"
    r"files?|dossiers?|records?)\b",
    r"\b(vals\w*|verzonnen|nep|fictie\w*)\b.{0,20}\b(dossier|beoordeling\w*|functioneringsverslag\w*|verslag)\b.{0,30}"
    r"\b(aan te leggen|aanleggen|op te bouwen|opbouwen|te schrijven|schrijven|opstellen|op te stellen|te maken|maken|"
    r"in elkaar (te )?zetten)\b"
    r"|\b(schrijf|schrijven|maak|maken|stel (\w+ )?op|leg (\w+ )?aan|bouw (\w+ )?op)\b.{0,30}"
    r"\b(vals\w*|verzonnen|nep)\b.{0,20}\b(dossier|beoordeling\w*|functioneringsverslag\w*|verslag)\b",
    r"^(?=.*\b(testify|give evidence|witness\w*|getuig\w*|verklaren|verklaring)\b)(?=.*\b(against|tegen)\b)"
    r"(?=.*\b(even if|even though|ook als|ook al|terwijl)\b.{0,40}\b(nothing|didn'?t see|weren'?t there|niets|niks|"
    r"niet gezien|er niet bij)\b)",
    # Finding out who is pregnant, wants children, is gay or religious or in a union: it is theirs to tell, and the
    # reason to know is to treat them differently.
    r"\b(find out|figure out|work out|discover|detect|spot|uitzoeken|zoek\w* (\w+ )?uit|erachter (komen|kom|te komen)"
    r"|kom\w* (ik |je |we )?erachter|achterhal\w*|nagaan|ga (ik )?na)\b.{0,40}"
    r"(\b(which|who|whether|if)\b.{0,40}\b((is|are|'s|might be|may be|could be|gets|get) (\w+ )?(pregnant|gay|lesbian"
    r"|religious|muslim|in a union|union members?)|trying (for a baby|to get pregnant|to conceive)|plan\w* (a family"
    r"|to have (a baby|children|kids))|wants? (a baby|children|kids))\b"
    r"|\b(wie|welke|of)\b.{0,50}\b((zwanger|homo\w*|lesbisch|gelovig|moslim|vakbondslid|lid van de vakbond) (is|zijn"
    r"|wordt|worden)|kinderwens|zwanger (wil|willen|probeert|proberen) (te )?worden|kinderen (wil|willen))\b)",
    # Starting a rumour about someone.
    r"\b(spread|start|verspreid\w*|rondstrooi\w*|beginnen|begin)\b.{0,12}\b(a |an |een )?(rumou?r|gerucht)\b",
]
_HARM_RE = [re.compile(p, re.IGNORECASE | re.DOTALL) for p in _HARM_REQUESTS]
# Who wrote an anonymous complaint or report, to be read from its style or details ("work out who sent it from its
# wording"): the sentence asks, the message says the text was anonymous or a complaint.
_WHO_WROTE = re.compile(
    r"\b(figure out|work out|find out|identify|guess|pin down|achterhalen|uitzoeken|herleiden|raden)\b.{0,15}"
    r"\b(who|wie)\b.{0,20}\b(wrote|sent|filed|submitted|made|schreef|geschreven|ingediend|stuurde|gestuurd)\b.{0,80}"
    r"\b(writing style|style|phrasing|wording|details|schrijfstijl|stijl|woordkeus|formulering|details)\b",
    re.IGNORECASE | re.DOTALL)
_ANONYMOUS = re.compile(r"\b(anonymous\w*|anonie\w*|complaint|klacht|melding|reported|gemeld|tip-?off|hotline)\b",
                        re.IGNORECASE)

# Harm asked for in one sentence whose wording carries the intent itself, so a narrower negation applies (below):
# driving someone out, covering one's tracks, revenge, a record of what never happened, manipulation, covert
# recording and blackmail. Written from these kinds of harm, not from any evaluation row.
_HARM_INTENT = [
    # Driving someone out: making their life or work unbearable, bullying them out.
    r"\b(make|making)\b.{0,15}\b(his|her|their|\w+['’]s)\b.{0,10}\b(life|lives|work|job|days?|time)\b.{0,25}"
    r"\b(?<!less )(?<!not )(miserable|hell|unbearable|impossible|unpleasant|a misery)\b",
    r"\b(zijn|haar|hun)\b.{0,10}\b(leven|werk)\b.{0,40}\b(?<!minder )(?<!niet )(zuur|onmogelijk|ondraaglijk|onaangenaam"
    r"|tot een hel)\b.{0,25}\b(maken|maak)\b|\b(maak|maken)\b.{0,15}\b(zijn|haar|hun|(hem|haar) het)\b.{0,10}\b(leven"
    r"|werk)\b.{0,40}\b(?<!minder )(?<!niet )(zuur|onmogelijk|ondraaglijk|onaangenaam|een hel)\b",
    r"\b(weg te pesten|wegpest\w*|eruit (te )?werken|uit het team (te )?werken|(bully|bullying|freeze|freezing|push"
    r"|pushing|force|forcing|drive|driving|squeeze|squeezing) (him|her|them) out\b(?! of (their |his |her "
    r"|your )?comfort))",
    r"\b(pressure|pressuring|push|pushing|force|forcing|bully|bullying|scare|scaring|intimidate|intimidating|trick"
    r"|tricking)\b.{0,20}\b(?!myself|ourselves|themselves)(him|her|them|\w+)\b.{0,10}\binto (resigning|quitting|leaving"
    r"|signing(?! up)|dropping|withdrawing)\b",
    r"\bonder druk (te )?(zetten|zet)\b.{0,50}\b(ontslag (te )?nemen|op te stappen|opstappen|te tekenen"
    r"|in te trekken)\b"
    r"|\b(zet|zetten)\b.{0,30}\bonder druk\b.{0,50}\b(ontslag (te )?nemen|op te stappen|opstappen|te tekenen"
    r"|in te trekken)\b",
    # Revenge on a person.
    r"\b(get (back|even) at|take revenge on)\b|\bpay (him|her|them) back\b(?! for)|\bwraak\b.{0,20}\b(nemen|op)\b"
    r"|\b(pak|pakken) (ik |we )?(hem|haar|ze|hen|(die|deze|mijn|onze|de) (collega|teamleider|medewerker|baas|manager|"
    r"leidinggevende|directeur|teamlid|chef|klikspaan)\w*) terug\b(?! op\b)",
    # The person who reported, complained or blew the whistle, to be found out or held back.
    r"\b(find out|figure out|work out|identify|uitzoeken|achterhalen|erachter komen|zoek (ik )?uit)\b.{0,20}\b(who|wie)"
    r"\b.{0,40}\b(hotline|whistle\w*|klokkenluid\w*|integriteitsmelding|(reported|complained about"
    r"|filed .{0,15}against)"
    r" me|mij (heeft )?gemeld|over mij (heeft )?geklaagd|klacht tegen mij|een melding over mij)",
    r"\b(whistle-?blower|klokkenluider)\b.{0,60}\b(never (gets?|get) promoted|nooit meer promotie|zo lastig mogelijk"
    r"|dwarszitten)\b",
    # A record of what never happened, or backdated.
    r"\b(incidents?|events?|things|voorvallen|incidenten|dingen)\b.{0,20}\b(that|which|die|dat)\b.{0,10}"
    r"\b(never happened|did ?n[o']t happen|nooit (zijn )?gebeurd|nooit gebeurd zijn|niet gebeurd)\b",
    r"\bversion of events\b.{0,20}\b(that )?(didn'?t|did not|never)\b|\b(backdate|backdating|antedate\w*|antedater\w*"
    r"|terugdater\w*)\b.{0,30}\b(letters?|warnings?|documents?|files?|reports?|notes?|minutes|records?|brieven|brief"
    r"|waarschuwing\w*|verslag\w*|document\w*|dossier|notulen|aantekening\w*)\b",
    # Manipulation: gaslighting someone, making someone doubt their memory.
    r"\bgaslight\w*\b(?! me\b)|\b(doubt|twijfelen aan)\b.{0,10}\b(her|his|their|haar|zijn|hun)\b.{0,10}\b(own |eigen )?"
    r"(memory|memories|sanity|geheugen|verstand)\b",
    # Recording people covertly (not a surprise video), or blackmailing them.
    r"^(?=.*\b(record|recording|tape|taping|opnemen|opname\w*|afluister\w*|eavesdrop\w*|listen in on)\b)(?=.*"
    + _COVERT + r")(?!.*\b(video|surprise|thank|verrassing|filmpje|bedank\w*)\b)",
    r"\b(blackmail|chanteer|chanteren|chantage)\b.{0,20}\b(him|her|them|\w+ into|hem|haar|ze|hen|mee)\b",
    r"\b(hide|hiding|put|place|install|verstop\w*|ophang\w*)\b.{0,20}\b(hidden )?(camera|microphone|microfoon|recorder|"
    r"bug|afluisterapparaat)\b.{0,60}\b(hear|listen|catch|what (they|he|she) say|horen|afluister\w*|wat (ze"
    r"|hij) zeg\w*)\b"
    r"|\b(neem|nemen)\b.{0,60}" + _COVERT + r".{0,60}\bop\b",
    # Turning the team against someone, or someone's secrets and private life used as leverage.
    r"\bturn\b.{0,30}\bagainst (him|her|them|(the|our|my|this) (new )?(?!odds\b)\w+)\b|\btegen (hem|haar|hen) (keert"
    r"|keren|opzet\w*|op te zetten)\b"
    r"|\b(zet|zetten)\b.{0,20}\btegen (hem|haar|hen) op\b",
    r"\b(secrets?|geheimen)\b.{0,40}\b(leverage|pressure|onder druk|chanteren|blackmail|against (him|her|them))\b",
    r"\b(leak|leaking|lek|lekken|uitlekken|uit te lekken)\b.{0,40}\b(diagnos\w*|depress\w*|illness|ziekte|medical"
    r"|medisch\w*"
    r"|in confidence|in vertrouwen|sexuality|seksualiteit|pregnan\w*|zwanger\w*)\b|\b(diagnos\w*|depress\w*"
    r"|in confidence"
    r"|in vertrouwen)\b.{0,40}\b(leak|lekken|uitlekken|uit te lekken)\b",
    # Planting evidence; the blame for one's own mistakes put on someone else.
    r"\b(plant|plants|planting|hide|verstop\w*|leg)\b.{0,30}\b(in|into|onder|under)\b.{0,20}\b(desk|locker|bag"
    r"|drawer|car|"
    r"bureau|kluisje|tas|la|lade|auto)\b.{0,60}\b(reason|grounds|dismiss|fire|theft|reden|ontslaan|diefstal)\b",
    r"\b(blame|blaming|pin|pinning|de schuld (geven|geef|leggen|leg|schuiven|schuif))\b.{0,40}\b(on|onto|op"
    r"|aan)\b.{0,30}"
    r"\b(my (own )?(mistakes?|errors?)|(mistakes?|errors?) (that )?i made|fouten die ik|mijn (eigen )?fouten)\b"
    r"|\b(blame|de schuld)\b.{0,10}\b(for|voor) (my|mijn) (own |eigen )?(mistakes?|errors?|fouten)\b.{0,20}\b(on|op) "
    r"(the|my|a|de|het|mijn|him|her|hem|haar)\b"
    r"|\b(blam\w*|de schuld)\b.{0,30}\b(on|op) (him|her|them|hem|haar|hen)\b.{0,30}\b(my|mijn) (own |eigen )?"
    r"(mistakes?|errors?|fouten)\b|\b(so (that )?(they|he|she)|zodat (zij|ze|hij))\b (get|gets|krijgen|krijgt)\b"
    r".{0,5}\b(the blame|de schuld)\b",
    # Making people believe an untruth: that a decision was their own idea, that their workload is imagined.
    r"\b(believe|think|denken|geloven)\b.{0,40}\b(was|were|hun|their)\b.{0,10}\b(own|eigen) (idea|idee)\b",
    r"\b(convince|overtuig\w*)\b.{0,60}\b(in (her|his|their) (own )?head|tussen (haar|zijn) oren|(zich )?inbeeld\w*"
    r"|imagining (it|things))\b",
    # Keeping applicants out for who they are; threats to a person's home, children or residence.
    r"\b(avoid|without) (hiring|taking on|employing)\b.{0,30}\b(women|older|pregnan\w*|mothers|disabled|over (40|45"
    r"|50|55))"
    r"|\b(so|so that|zodat)\b.{0,20}\b(older|women|female|disabled|ouderen|oudere|vrouwen|vrouwelijke)\b.{0,25}"
    r"\b(won'?t|don'?t|do not|will not|niet) (even |eens )?(bother|apply|solliciteren|reageren)\b",
    r"\bwhich school (his|her|their) (kids|children)\b|\bwelke school (zijn|haar|hun) kinderen\b"
    r"|\b(find out|figure out|zoek (uit|op)|uitzoeken|look up)\b.{0,20}\b(where|waar)\b.{0,40}\b(lives|woont)\b.{0,60}"
    r"\b(show up|turn up|pay (him|her) a visit|confront\w*|verhaal (halen|te halen))\b"
    r"|\bmake (\w+ ){0,3}(think|believe|fear)\b.{0,30}\b(deport\w*|uitgezet)\b|\bwaardoor\b.{0,40}\bdenkt\b.{0,30}"
    r"\b(uitgezet|het land uit)\b",
    # Driving someone out by how the job is arranged ("zo inrichten dat ze vanzelf afhaakt"), or by impossible targets.
    r"\bzo\b.{0,40}\b(dat|zodat)\b.{0,5}\b(hij|ze|zij) (?!niet\b)(\w+ )?(vanzelf|uit zichzelf)\b.{0,15}"
    r"\b(afhaakt|opzegt|opstapt|vertrekt|ontslag neemt|weggaat)\b",
    r"\bgive (him|her|them)( \w+)? (impossible|unachievable|unrealistic) (targets|goals|deadlines)\b"
    r"|\b(geef|geven)\b.{0,15}\b(hem|haar|iemand|hen)\b.{0,15}\b(onhaalbare|onmogelijke) (targets|doelen|deadlines)\b"
    r"|\b(hem|haar|iemand|hen)\b.{0,15}\b(onhaalbare|onmogelijke) (targets|doelen|deadlines)\b.{0,10}\b(geven|geef)\b",
    r"\b(before|voordat) (he|she|they|hij|ze|zij) (can )?(get|seek|take|juridisch)\b.{0,15}\b(legal )?(advice|advies)\b"
    r"|\bwithout (him|her|them) (noticing|realising|realizing|knowing) what (he|she|they)('?s| is| are|'re)? sign\w*"
    r"|\bzonder dat (hij|ze|zij) (door)?(heeft|heb|weet) wat (hij|ze|zij) tekent\b",
    r"\b(intimidate|intimidating|intimideren|intimideer)\b.{0,40}\b(into|so that|until|zodat|dat (hij|ze|zij))\b",
]
_HARM_INTENT_RE = [re.compile(p, re.IGNORECASE | re.DOTALL) for p in _HARM_INTENT]
# Covering one's tracks: that what is asked cannot be traced back, pinned on the writer, or seen for what it is …
_COVER_UP = [
    r"\b(without|so that|so)\b.{0,20}\b(it|this|that|anything)\b.{0,20}\b(traced|traceable|pinned)\b.{0,15}"
    r"\b(to|on|back to)\b.{0,5}\bme\b|\b(can'?t|cannot|won'?t) be (traced|pinned)\b.{0,15}\b(to|on) me\b",
    r"\bwithout (it|this) being traceable\b",
    r"\bzonder dat (het|dit|dat)\b.{0,15}\b(naar|op|tot) mij\b.{0,15}\b(te )?(herleiden|leiden|traceren"
    r"|terug te voeren)\b",
    r"\bwithout (hr|human resources|the works council|management|the union)\b.{0,10}\b(noticing|seeing|finding"
    r" out|realising|realizing|spotting)\b(?! (that|why) (i|we)\b.{0,20}\b(help|support|cover)\w*)"
    r"|\bzonder dat (hr|p&o|de or|de ondernemingsraad)\b.{0,20}\b(doorheeft|merkt|ziet|opmerkt"
    r"|het verband ziet)\b",
    r"\b(without|so that it (doesn'?t|does not)|zonder dat het)\b.{0,20}\b(look|looks|looking|seem|seems|lijkt|oogt)\b"
    r".{0,10}\b(like|as|op|als)\b.{0,10}\b(discrimination|retaliation|revenge|discriminatie|wraak|represaille)\b",
    r"\bso (he|she|they) (can'?t|cannot|won'?t be able to) (claim|prove|call it) (discrimination|retaliation|unfair)",
]
_COVER_UP_RE = [re.compile(p, re.IGNORECASE | re.DOTALL) for p in _COVER_UP]
# … unless what is asked is to report or raise something: a whistleblower may want not to be traced.
_SPEAK_UP = re.compile(r"\b(report(ing|ed)? (it|this|that|him|her|them|the|a|an|misconduct|fraud|my (boss|manager"
                       r"|director))"
                       r"|melden|melding|meld|aankaarten|signaleren|raise|flag|whistle\w*|klokkenluid\w*|feedback"
                       r"|anonym\w*|anonie\w*|complain\w*|klacht\w*|tip off|speak up)\b", re.IGNORECASE)
# Only the request itself negated or turned into prevention or protection ("I would never …", "how do I stop …",
# "how can I protect a whistleblower from …", "ik wil niet …", "make sure she doesn't feel …"), and someone else's
# words ("he says I'm trying to push him out") or a fear.
_REQUEST_NEGATED = re.compile(
    r"\b(i would never|i'?d never|i (do not|don'?t|won'?t) want|i'?m not trying|how (do|can|could|should) i "
    r"(stop|prevent|avoid|keep from|counter|respond|react|deal with|handle)|(make sure|ensure)\b.{0,40}(\bnot\b|n'?t\b)"
    r"|ik wil (niet|geen|nooit)|ik zou nooit|hoe (voorkom|stop|vermijd|reageer|ga) ik|zorgen dat\b.{0,40}\bniet"
    r"|voorkomen|tegengaan|prevent\w*|protect\w*|support\w*|defend\w*|shield\w*|tell if|recogni[sz]e|spot when"
    r"|bescherm\w*|steun\w*|verdedig\w*|herken\w*)\b",
    re.IGNORECASE)
# Someone else's words, a threat by someone else, or the writer's fear, said before the harmful words.
_REPORTED = re.compile(
    r"\b(says?|said|claims?|claimed|accus\w*|suggest\w*|asked me|wants me|threaten\w*|zegt|zei|beschuldig\w*"
    r"|verwijt\w*|vroeg (me|mij)|wil dat ik|dreig\w*)\b"
    r"|\b(he|she|they|who|hij|zij|ze|die)\b \w*\s?(thinks?|thought|feels?|felt|believes?|worried|afraid|scared|fears?"
    r"|denkt|dacht|vindt|vond|voelt|meent|bang|vreest|bezorgd)\b"
    r"|\b(?!i\b|ik\b|we\b|wij\b)\w+ (thinks|feels|believes|fears|denkt|vindt|voelt|meent|vreest)\b"
    r"|\b(i'?m|i am|ik ben)( \w+)? (worried|afraid|scared|bang|bezorgd)\b", re.IGNORECASE)
# Tracking someone's phone, car or location: asked for in one sentence, behind their back or after hours anywhere
# in the message ("Where does she go after work? I'm thinking of tracking her phone.").
_TRACKING = re.compile(
    r"^(?=.*\b(track\w*|trace|locate|spy\w*|snoop\w*|bespioneer\w*|traceer\w*|peil\w*|volgen|volg)\b)"
    r"(?=.*(" + _THEIR.format(obj=r"(phones?|locations?|gps|whatsapp|cars?|telefoons?|werktelefoons?|locaties?"
                                  r"|auto('?s)?)") + r"))",
    re.IGNORECASE | re.DOTALL)
_WHEN_OR_HOW = re.compile(_COVERT + r"|(?<!\w)(in the evenings?|after work|at weekends|where (she|he|they) goes?|"
                          r"'s avonds|in het weekend|na werktijd|waar (ze|hij) (heen|naartoe) gaat)\b", re.IGNORECASE)


# The same requests in German, French, Spanish and Italian: asked for ("wie kann ich", "aide-moi", "cómo puedo",
# "come posso") and not negated ("nicht", "ne … pas", "no", "non"), covert reading or sabotage of a person's work.
_REQUEST_ML = re.compile(
    r"\b(wie (kann|könnte|soll) ich|hilf mir|kannst du mir helfen|comment|aide[sz]?-moi|peux-tu m['’]aider"
    r"|c[oó]mo|ay[uú]dame|puedes ayudarme|come (posso|potrei|faccio)|aiutami|puoi aiutarmi)\b", re.IGNORECASE)
# "finché non si dimette", "jusqu'à ce qu'il ne …": a time clause, not a negation of the request
_NOT_NEGATION_ML = re.compile(r"\b(finch[ée]|fino a (quando|che)|prima che|avant qu['’](il|elle)s?)\s+(non|ne)\b",
                              re.IGNORECASE)
_NEGATED_ML = re.compile(r"\b(nicht|kein\w*|nie|niemals|verhinder\w*|vermeid\w*|pas|jamais|[ée]viter|emp[eê]ch\w*"
                         r"|no|nunca"
                         r"|evitar|impedir|non|mai|evitare|impedire)\b", re.IGNORECASE)
_HARM_ML = re.compile(
    r"\b(heimlich|unbemerkt|unauff[aä]llig)\b.{0,50}\b(lesen|mitlesen|überwachen|orten|verfolgen|abhören)\b"
    r"|\b(lire|surveiller|espionner|pister|[ée]couter)\b.{0,60}\b([àa] (son|leur) insu|en cachette|discr[eè]tement"
    r"|sans qu['’](il|elle)s? le sach\w*)|\b(leer|espiar|vigilar|rastrear)\b.{0,60}\b(a escondidas"
    r"|sin que (lo|la|se) sep\w*)|\ba escondidas\b.{0,60}\b(leer|espiar|vigilar)\b|\b(leggere|spiare|controllare"
    r"|tracciare)\b.{0,60}\b(di nascosto|senza che (lo|la|se ne) sappia)|\bdi nascosto\b.{0,60}\b(leggere|spiare)\b"
    r"|\bsabot(ieren|er|ear|are)\b"
    # the same behind a person's back, said another way ("ohne dass sie davon weiß")
    r"|\b(lesen|mitlesen|überwachen|orten|verfolgen|abhören)\b.{0,60}\bohne dass (er|sie) (davon |es )?(wei[ßs]|merkt"
    r"|erf[aä]hrt)|\bohne dass (er|sie) (davon |es )?(wei[ßs]|merkt|erf[aä]hrt)\b.{0,60}\b(lesen|mitlesen|orten"
    r"|verfolgen|abhören)\b", re.IGNORECASE)


# Asking whether something is allowed ("may I", "is it legal", "mag ik"): a question for HR or a lawyer, even when
# what is asked about is covert ("may I read their e-mail without them knowing if I suspect fraud?").
_PERMISSION = re.compile(
    r"\b(may i|am i allowed|is it (legal|allowed|permitted|lawful)|are we allowed|can i legally|is that (legal|"
    r"allowed)|mag ik|mogen wij|mogen we|is het (toegestaan|wettelijk|legaal|juridisch)|is dat (toegestaan|legaal)"
    r"|darf ich|d[uü]rfen wir|ai-je le droit|est-ce (l[ée]gal|permis|autoris[ée]))\b", re.IGNORECASE)


def asks_permission(text: str) -> bool:
    """Whether a message asks whether something is allowed, rather than how to do it."""
    return bool(_PERMISSION.search(text))


def harm_request(text: str) -> bool:
    """Whether one sentence of a message asks, in so many words, for help to spy on, frame or defame a person."""
    return harm_sentence(text) is not None


# A reply to a false record or an accusation defends against it: "write a rebuttal to the false review about me".
_REPLY_TO = re.compile(r"\b(rebuttal|response|reply|respond|answer|reactie|antwoord|reageer|weerleg\w*|verweer"
                       r"|bezwaar)\b", re.IGNORECASE)


def harm_sentence(text: str) -> str | None:
    """The sentence of a message that asks for help to spy on, frame or defame a person, if one does."""
    # A question mark ends a sentence also before a lowercase word, as people type ("… doen? ik wil niet …"); the
    # sentence returned is the whole one, so that "… without telling them? is that allowed?" still asks permission.
    pairs = [(p, s) for s in sentences(text) or [text] for p in re.split(r"(?<=[?!])\s+", s) if p.strip()]
    for sentence, whole in pairs:
        if _REQUEST_ML.search(sentence) and not _NEGATED_ML.search(_NOT_NEGATION_ML.sub(" ", sentence)) \
                and _HARM_ML.search(sentence):
            return whole
        # "… someone I don't like" says why, and negates nothing the sentence asks for
        if not (_REQUEST.search(sentence) or _IMPERATIVE.search(sentence)) \
                or _NEGATED.search(_DISLIKE.sub(" ", sentence)) or _REPLY_TO.search(sentence):
            continue
        if any(p.search(sentence) for p in _HARM_RE) or (_TRACKING.search(sentence) and _WHEN_OR_HOW.search(text)) \
                or (_WHO_WROTE.search(sentence) and _ANONYMOUS.search(text)):
            return whole
    for sentence, whole in pairs:
        if not (_REQUEST.search(sentence) or _REQUEST_MORE.search(sentence) or _IMPERATIVE.search(sentence)) \
                or _REQUEST_NEGATED.search(sentence) or _REPLY_TO.search(sentence):
            continue
        cover_up = [] if _SPEAK_UP.search(sentence) else _COVER_UP_RE
        for pattern in _HARM_INTENT_RE + cover_up:
            m = pattern.search(sentence)
            if m and not _REPORTED.search(sentence[:m.start()]):
                return whole
    return None


_INJECTION_RE = [re.compile(p, re.IGNORECASE | re.DOTALL) for p in _INJECTION_KEYWORDS]


_ROLE = re.compile(
    r"\b(play|plays|playing|act as|(you|can you|could you|would you) be|pretend (to be|you'?re|you are)"
    r"|take the role of|speel|spelen|(net )?(doe|doen) (net )?alsof (je|jij)|wees|neem de rol)\b"
    r".{0,20}\b(my|the|a|an|een|mijn|de)\b.{0,25}\b(employee|team ?member|team lead|colleague|manager|boss|director|"
    r"coachee|report|engineer|client|customer|medewerker\w*|collega|teamlid|teamleider|leidinggevende|baas|directeur|"
    r"klant)\b"
    r"|\b(spiel|spiele|übernimm|joue|jouez|interpr[eè]te|haz|haga|interpreta|fai|faccia)\b.{0,30}\b(rolle|r[oô]le"
    r"|papel|ruolo|parte)\b.{0,40}\b(mitarbeiter\w*|kolleg\w*|chef\w*|kunde\w*|collaborat\w*|coll[eè]gue|employ[ée]\w*"
    r"|client\w*|empleado\w*|colega|compa[ñn]er\w*|jef[ea]|dipendente|collega|capo|cliente)\b"
    r"|\b(role|rol) (of|van) (my|the|a|an|een|mijn|de)\b.{0,25}\b(employee|team ?member|colleague|manager|boss|"
    r"director|coachee|report|client|customer|medewerker\w*|collega|teamlid|leidinggevende|baas|directeur|klant)\b"
    # Dutch with the verb last: "kun jij mijn medewerker spelen die boos is …"
    r"|\b(kun|kan|kunt|wil|wilt|zou) (jij|je|u)\b.{0,10}\b(een|mijn|de)\b.{0,25}\b(medewerker\w*|collega|teamlid|"
    r"teamleider|leidinggevende|baas|directeur|klant|coachee)\b"
    r"(?:(?!\b(rol|spel\w*|toneel|politiek|mee)\b).){0,40}\b(spelen|naspelen)\b",
    re.IGNORECASE)
_PRACTICE = re.compile(r"\b(practi[cs]e\w*|rehears\w*|role[- ]?play\w*|prepare|oefen\w*|rollenspel|voorbereiden"
                       r"|üben|übe|trainieren|vorbereiten|rollenspiel|m['’]entra[iî]ne\w*|entra[iî]ner|pr[ée]parer"
                       r"|practicar|ensayar|prepararme|esercitar\w*|allenar\w*|prepararmi)\b", re.IGNORECASE)


# The words of a rehearsal request that ask for a role, not the person it names ("my director" stays).
_ROLE_VERBS = re.compile(
    r"\b((can|could|would|will) you |(kun|kan|wil|zou) (jij|je|u) )?(play|act as|pretend (to be|you'?re|you are)|"
    r"take the role of|role[- ]?play\w*|let['’]s role[- ]?play|speel|spelen|naspelen"
    r"|(net )?(doe|doen) (net )?alsof (je|jij)|neem de rol van|rollenspel)\b",
    re.IGNORECASE)


def practice(text: str) -> bool:
    """Whether a message asks the assistant to play the other side of a conversation the leader rehearses."""
    return bool(_ROLE.search(text) and _PRACTICE.search(text))


def without_rehearsal(text: str) -> str:
    """What a rehearsal request is about, without the request to play a role and to practise.

    "Can you play my employee who is angry about the new rota so I can practise?" is about the rota: the
    words of playing and practising say nothing about the situation and draw it to unrelated cards.
    """
    if not practice(text):
        return text
    return re.sub(r"\s+", " ", _PRACTICE.sub(" ", _ROLE_VERBS.sub(" ", text))).strip()


def instruction_keywords(text: str) -> bool:
    """Whether a message carries an unmistakable instruction aimed at the assistant (harm requests aside)."""
    return any(p.search(text) for p in _INJECTION_RE)


# A person the request is about: a colleague, an employee, someone named by role or pronoun.
_A_PERSON = re.compile(
    r"\b(colleagues?|co-?workers?|employees?|staff|team ?members?|team ?leads?|direct reports?|reports? to me|"
    r"manager|boss|intern|medewerkers?|collega'?s?|teamleden|teamlid|stagiair\w*|leidinggevende|baas|my team|"
    r"mijn team)\b"
    r"|\b(?-i:[A-Z][a-z]+)'s\b", re.IGNORECASE)
# What an instruction aimed at the assistant itself names: its prompt, rules, configuration, role or safety.
_AT_THE_ASSISTANT = re.compile(
    r"\b(system ?prompt|prompt|instructions?|instructies?|your (rules|guidelines|config\w*|documents?|sources?|"
    r"settings?|filters?)|je (regels|richtlijnen|instellingen|filters?)|config\w*|developer mode|jailbreak|dan mode|"
    r"safety (mode|filter)|veiligheidsmodus|admin\w*|beheerder|without (any )?(limits|restrictions|filters|ethics)|"
    r"zonder (grenzen|beperkingen|filters|ethi\w*)|ethical (limits|boundaries)|ethische grenzen|"
    r"no (rules|restrictions|guidelines|limits|filters)|geen (regels|beperkingen|richtlijnen)|unfiltered|"
    r"ongefilterd\w*|knowledge base|kennisbank|files?|bestanden|documents?|documenten|guidelines|richtlijnen|"
    r"safety (rules|guidelines|checks?)|text you (received|were given)|above (this|my)|boven (dit|mijn)|hierboven)\b"
    r"|^\s*system\s*:",
    re.IGNORECASE)


def harms_people(text: str) -> bool:
    """Whether a refused request is about doing something to people rather than about the assistant's own rules.

    Such a refusal says why (it harms someone, and the writer's trust) and what to do instead, rather than that the
    assistant keeps its role.
    """
    return harm_request(text) or (bool(_A_PERSON.search(text)) and not _AT_THE_ASSISTANT.search(text)
                                  and not instruction_keywords(text))


def injection_keywords(text: str) -> bool:
    """Whether a message carries an unmistakable instruction aimed at the assistant, or asks help to harm someone."""
    return instruction_keywords(text) or harm_request(text)


# People who ignore the writer's (or a third person's) instructions or rules: a leadership situation in words an
# injection also uses ("my old crew ignores my instructions", "ze negeren mijn afspraken"). An instruction to the
# assistant names its own rules ("your", "previous"): the keywords above catch those first.
_REPORTED_DEFIANCE = re.compile(
    r"\b(ignor(e|es|ed|ing)|disregard(s|ed|ing)?|negeren|negeert|negeerden|negeerde|genegeerd)\b.{0,20}"
    r"\b(my|his|her|our|their|mijn|m'n|zijn|z'n|haar|onze|ons|hun)\b(?! (previous|prior|earlier|above|original)\b)"
    r".{0,20}\b(instructions?|rules|directions|orders|requests|guidelines|procedures?|deadlines|agreements|"
    r"instructies|regels|afspraken|opdrachten|richtlijnen|procedures?|aanwijzingen)\b", re.IGNORECASE)


def reported_defiance(text: str) -> bool:
    """Whether a message tells of people ignoring the writer's or someone's instructions or rules (not the AI's)."""
    return bool(_REPORTED_DEFIANCE.search(text))


def without_defiance(text: str) -> str:
    """The message with its reports of ignored instructions taken out, to judge what else it says."""
    return _REPORTED_DEFIANCE.sub(" … ", text)
