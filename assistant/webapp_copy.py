"""Every word the web app shows: labels, dialogs and messages in each language it speaks.

The page's labels go through Gradio's i18n (the browser's language; the page's Settings switch it); the dialogs
the browser opens read the same table in that same language (``say_js``). What the server writes (messages, table
headings) is written in the language the page shows: the page tells the server in a cookie (``LANGUAGE_COOKIE``,
kept by ``webapp_assets``), and a caller without one (the API) reads English. The About page is in
``webapp_about``.
"""

import json
from functools import lru_cache
from typing import Any

from assistant.uploads import TEXT as UPLOAD_TEXT

TITLE = "Trust Coach"

# Every label of the interface, in each language it speaks. One label per element, never "English / Nederlands"
# side by side.
UI = {
    "en": dict(heading="## Trust Coach · coaching on trust-based leadership",
               chat="Chat", prepare="Prepare a session", knowledge="Knowledge", about="About",
               placeholder="Describe your situation, e.g. 'my team drags its feet on the new planning system'",
               question="Your question", clarify="Choose what fits best", coach="Coach",
               send="Send", stop="Stop", new="New conversation", export="Export conversation",
               passages="### Passages", panel_hint="Click a citation marker like [1] to read its passage here.",
               close="Close", language="Answer language", auto="as I write",
               comment="Comment on your last rating (optional)",
               save_comment="Save comment", history="Your conversations", open="Open", title="New title",
               rename="Rename", delete="Delete", plans="Your session plans",
               confirm_delete="Delete this conversation?",
               situation="Coachee's situation", goal="Goal", minutes="Session length (minutes)",
               make_plan="Prepare", edit_plan="Edit the plan (Markdown)", format="Format", export_plan="Export",
               plan_file="Session plan", upload="Upload .md .txt .pdf .docx .html", your_doc="Your uploaded document",
               remove="Remove", confirm_remove="Remove this document from the knowledge base?",
               search="Passage search (retrieval test)", examples="Examples",
               search_note="Sorted by match: how well a passage fits the search, in meaning and in words together "
                           "(higher fits better)."),
    "nl": dict(heading="## Trust Coach · coaching op leiderschap vanuit vertrouwen",
               chat="Gesprek", prepare="Sessie voorbereiden", knowledge="Kennisbank", about="Over",
               placeholder="Beschrijf je situatie, bijv. 'ik lees elke mail van mijn team mee'",
               question="Je vraag", clarify="Kies wat het beste past", coach="Coach",
               send="Verstuur", stop="Stop", new="Nieuw gesprek", export="Gesprek exporteren",
               passages="### Passages", panel_hint="Klik op een verwijzing zoals [1] om de passage hier te lezen.",
               close="Sluiten", language="Antwoordtaal", auto="zoals ik schrijf",
               comment="Toelichting bij je laatste beoordeling (optioneel)",
               save_comment="Toelichting opslaan", history="Je gesprekken", open="Openen",
               title="Nieuwe titel", rename="Hernoemen", delete="Verwijderen", plans="Je sessieplannen",
               confirm_delete="Dit gesprek verwijderen?",
               situation="Situatie van de coachee", goal="Doel", minutes="Duur van de sessie (minuten)",
               make_plan="Voorbereiden", edit_plan="Plan bewerken (Markdown)", format="Formaat",
               export_plan="Exporteren", plan_file="Sessieplan", upload="Uploaden: .md .txt .pdf .docx .html",
               your_doc="Je geüploade document", remove="Verwijderen",
               confirm_remove="Dit document uit de kennisbank verwijderen?",
               search="Passages zoeken (test van het zoeken)", examples="Voorbeelden",
               search_note="Gesorteerd op overeenkomst: hoe goed een passage bij de zoekvraag past, in betekenis "
                           "en in woorden samen (hoger past beter)."),
}

# Gradio's own words that its Dutch lacks: screen readers would hear the key ("common.complete") after every event.
UI["nl"]["common.complete"] = "Klaar"

# The titles of Gradio's notices (its own "Error", "Warning", "Info", "Success"), which it does not translate.
NOTICE_TITLES = {"nl": {"error": "Fout", "warning": "Waarschuwing", "info": "Informatie", "success": "Gelukt"}}

# The answer languages besides "as I write", each by its own name (the same in every interface language).
ANSWER_LANGUAGES = [("English", "en"), ("Nederlands", "nl")]

# Written on the server, in the language the page shows (``say``); an API caller reads English.
MESSAGES = {
    "en": {
        "sign_in": "Sign in first.",
        "bad_situation": "The situation must be one of the ids offered in 'clarify.options'.",
        "unknown_conversation": "No conversation of yours has that id; leave conversation_id empty to start a new one.",
        "choose_conversation": "Choose one of your conversations first.",
        "choose_plan": "Choose one of your plans first.",
        "title_first": "A conversation needs a title; type one first.",
        "plan_first": "Prepare a plan first.",
        "conversation_first": "Ask a question first: there is no conversation to export yet.",
        "status_indexing": "Getting ready: indexing the knowledge base ({done} of {total} files)…",
        "status_indexing_start": "Getting ready: indexing the knowledge base…",
        "status_starting": "Almost ready: training the safety check and the router…",
        "nothing_removed": "Nothing removed.",
        "stopped": "(stopped)",
        "error_title": "Error",
    },
    "nl": {
        "sign_in": "Log eerst in.",
        "bad_situation": "Kies als situatie een van de ids die 'clarify.options' aanbiedt.",
        "unknown_conversation": "Je hebt geen gesprek met dat id; laat conversation_id leeg om een nieuw gesprek te "
                                "beginnen.",
        "choose_conversation": "Kies eerst een van je gesprekken.",
        "choose_plan": "Kies eerst een van je plannen.",
        "title_first": "Een gesprek heeft een titel nodig; typ er eerst een.",
        "plan_first": "Maak eerst een plan.",
        "conversation_first": "Stel eerst een vraag: er is nog geen gesprek om te exporteren.",
        "status_indexing": "Even geduld: de kennisbank wordt geïndexeerd ({done} van {total} bestanden)…",
        "status_indexing_start": "Even geduld: de kennisbank wordt geïndexeerd…",
        "status_starting": "Bijna klaar: de veiligheidscontrole en de router worden getraind…",
        "nothing_removed": "Niets verwijderd.",
        "stopped": "(gestopt)",
        "error_title": "Fout",
    },
}

# What an upload or a removal came to (``uploads.TEXT``, whose English the CLI and the API show), in each language.
MESSAGES["en"].update({f"outcome_{code}": text for code, text in UPLOAD_TEXT.items()})
MESSAGES["nl"].update({
    "outcome_unsupported": "geweigerd: bestandstype '{suffix}' wordt niet ondersteund; gebruik {supported}",
    "outcome_not_uploaded_here": "geweigerd: alleen bestanden die via deze pagina zijn geüpload, kunnen worden "
                                 "toegevoegd",
    "outcome_gone": "geweigerd: het bestand is er niet meer; upload het opnieuw",
    "outcome_empty": "geweigerd: het bestand is leeg (0 bytes)",
    "outcome_too_large": "geweigerd: {size} MB is meer dan de grens van {limit} MB",
    "outcome_same_file": "staat al in de kennisbank (hetzelfde bestand); er is niets veranderd",
    "outcome_same_text": "staat al in de kennisbank (dezelfde tekst); er is niets veranderd",
    "outcome_unreadable": "geweigerd: {why}",
    "outcome_added": "toegevoegd ({passages} passages)",
    "outcome_screened": "; {n} zin(nen) weggelaten omdat ze de assistent instructies geven of aanraden mensen schade "
                        "te doen: {sentences}",
    "outcome_removed": "{title!r} is verwijderd.",
    "outcome_no_document": "Er is geen document met id {doc_id!r}.",
    "outcome_builtin": "De ingebouwde kennisbank kan hier niet worden verwijderd; alleen geüploade documenten.",
    "outcome_not_owner": "Alleen wie dit document heeft geüpload, of een beheerder, kan het verwijderen.",
})


# What is wrong with a question (``errors.InvalidQuestionError.code``), in each language.
MESSAGES["en"].update({
    "question_not_text": "A question must be text. Type your question in words.",
    "question_empty": "The question is empty. Describe your situation, for example 'My team resists change'.",
    "question_too_long": "The question is {n} characters long; the limit is {limit}. Shorten it to the situation "
                         "and what you want to know.",
    "question_no_words": "The question has no words in it. Describe your situation in a sentence.",
})
MESSAGES["nl"].update({
    "question_not_text": "Een vraag moet tekst zijn. Typ je vraag in woorden.",
    "question_empty": "De vraag is leeg. Beschrijf je situatie, bijvoorbeeld 'Mijn team verzet zich tegen "
                      "verandering'.",
    "question_too_long": "De vraag is {n} tekens lang; de grens is {limit}. Kort haar in tot de situatie en wat je "
                         "wilt weten.",
    "question_no_words": "Er staan geen woorden in de vraag. Beschrijf je situatie in een zin.",
})


def error_text(exc: Exception, language: str) -> str:
    """An error for the person on the page: in the page's language when it has a name, else as it was raised."""
    code = getattr(exc, "code", "")
    if code and f"question_{code}" in MESSAGES["en"]:
        return say(f"question_{code}", language).format(**getattr(exc, "args_for_message", {}))
    return str(exc)


def outcome(code: str, args: dict[str, str], language: str) -> str:
    """What an upload or a removal came to (``code`` and ``args`` from ``assistant.uploads``), in ``language``."""
    text = say(f"outcome_{code}", language).format(**args)
    if code == "added" and "n" in args:  # sentences the screen left out
        text += say("outcome_screened", language).format(**args)
    return text


# Example questions, each interface language its own (the page shows those of the language it speaks).
EXAMPLES = {
    "en": ["Half my team keeps working the old way since we moved to the new planning system. What now?",
           "I reread every report my analysts send before it goes out, and I'm running out of evenings.",
           "I check everything my team does.",
           "People in my team don't dare to experiment.",
           "Our director asks me for a status sheet on each of my people every Friday. How do I handle that?"],
    "nl": ["Sinds we het nieuwe planningssysteem hebben, werkt de helft van mijn team nog op de oude manier. Wat nu?",
           "Ik lees elk rapport van mijn analisten na voordat het de deur uitgaat, en mijn avonden raken op.",
           "Ik controleer alles wat mijn team doet.",
           "Mensen in mijn team durven niet te experimenteren.",
           "Onze directeur wil elke vrijdag een statusoverzicht van elk van mijn mensen. Hoe ga ik daarmee om?"],
}

# Column headings of the Knowledge tab's tables, and the kinds of document they list.
DOCUMENT_COLUMNS = {"en": ["title", "language", "kind", "chunks", "added", "id"],
                    "nl": ["titel", "taal", "soort", "passages", "toegevoegd", "id"]}
UPLOAD_COLUMNS = {"en": ["file", "result"], "nl": ["bestand", "resultaat"]}
SEARCH_COLUMNS = {"en": ["match", "title", "where", "text"],
                  "nl": ["overeenkomst", "titel", "waar", "tekst"]}
KINDS = {"nl": {"article": "artikel", "translation": "vertaling", "concept": "begrip", "playbook": "situatiekaart",
                "related": "achtergrond", "user": "eigen document"}}

# The exported conversation and plan: the title of a conversation without a question, the line under the title (with
# the date, its months by name), who said what, and the file names.
EXPORT_LABELS = {
    "en": {"heading": "Conversation", "subtitle": "Conversation with Trust Coach", "user": "You", "assistant": "Coach",
           "file": "conversation", "plan_file": "session-plan",
           "months": "January February March April May June July August September October November December"},
    "nl": {"heading": "Gesprek", "subtitle": "Gesprek met Trust Coach", "user": "Jij", "assistant": "Coach",
           "file": "gesprek", "plan_file": "sessieplan",
           "months": "januari februari maart april mei juni juli augustus september oktober november december"},
}

# The cookie in which the page tells the server the language it shows (set by the page's script).
LANGUAGE_COOKIE = "coach_ui_lang"

# The page's interface language as the browser sees it: Gradio's i18n sets <html lang> to the language it shows
# (the browser's, or the one chosen in Settings), so a dialog speaks the language of the labels around it.
PAGE_LANGUAGE_JS = "(document.documentElement.lang || navigator.language || 'en').toLowerCase().split('-')[0]"


@lru_cache(maxsize=1)
def ui_i18n() -> Any:
    """The interface's labels for Gradio's i18n (the browser's language, switchable in the page's Settings).

    One object for the page's components and for the mounted app that serves the translations.
    """
    import gradio as gr

    return gr.I18n(**UI)


def interface_language(code: str | None) -> str:
    """The interface language for a language code such as 'nl', 'nl-BE' or 'EN' (English unless the page has it)."""
    base = str(code or "").strip().lower().replace("_", "-").split("-")[0]
    return base if base in UI else "en"


def say(key: str, language: str = "en") -> str:
    """The server's message ``key`` in ``language`` (English when that language has none)."""
    return MESSAGES.get(interface_language(language), {}).get(key) or MESSAGES["en"][key]


def columns(table: dict[str, list[str]], language: str = "en") -> list[str]:
    """The column headings of ``table`` (one of the ``*_COLUMNS``) in ``language``."""
    return table.get(interface_language(language), table["en"])


def kind_name(kind: str, language: str = "en") -> str:
    """What a kind of document is called in ``language`` (the kind itself in English)."""
    return KINDS.get(interface_language(language), {}).get(kind, kind)


def export_label(key: str, language: str = "en") -> str:
    """A word of the exported conversation or plan (``EXPORT_LABELS``) in ``language``."""
    return EXPORT_LABELS[interface_language(language)][key]


def say_js(key: str) -> str:
    """A JavaScript expression for the label ``key`` in the page's interface language (English if it has none)."""
    texts = json.dumps({lang: labels[key] for lang, labels in UI.items()}, ensure_ascii=False)
    return f"(({texts})[{PAGE_LANGUAGE_JS}] || ({texts}).en)"


def confirm_js(key: str) -> str:
    """A JavaScript expression: the browser asks to confirm with the label ``key``, in the page's language only."""
    return f"window.confirm({say_js(key)})"
