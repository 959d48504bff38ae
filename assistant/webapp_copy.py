"""Every word the web app shows: labels, dialogs and messages in each language it speaks, and the About page.

The page's labels go through Gradio's i18n (the browser's language; the page's Settings switch it); the dialogs
the browser opens read the same table in that same language (``say_js``). Messages made on the server cannot know
which language the page shows, so they are written as they appear, in both (``MESSAGES``).
"""

import json
from functools import lru_cache
from typing import Any

TITLE = "Trust Coach"

# Every label of the interface, in each language it speaks. One label per element, never "English / Nederlands"
# side by side.
UI = {
    "en": dict(heading="## Trust Coach · coaching on trust-based leadership",
               chat="Chat", prepare="Prepare a session", knowledge="Knowledge", about="About",
               placeholder="Describe your situation, e.g. 'my team drags its feet on the new planning system'",
               question="Your question", clarify="Choose what fits best", coach="Coach",
               send="Send", stop="Stop", new="New conversation", export="Export conversation (.md)",
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
               search="Passage search (retrieval test)"),
    "nl": dict(heading="## Trust Coach · coaching op leiderschap vanuit vertrouwen",
               chat="Gesprek", prepare="Sessie voorbereiden", knowledge="Kennisbank", about="Over",
               placeholder="Beschrijf je situatie, bijv. 'ik lees elke mail van mijn team mee'",
               question="Je vraag", clarify="Kies wat het beste past", coach="Coach",
               send="Verstuur", stop="Stop", new="Nieuw gesprek", export="Gesprek exporteren (.md)",
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
               search="Passages zoeken (test van het zoeken)"),
}

# The answer languages besides "as I write", each by its own name (the same in every interface language).
ANSWER_LANGUAGES = [("English", "en"), ("Nederlands", "nl")]

# Made on the server, which does not know the page's language: shown as written here.
MESSAGES = {
    "sign_in": "Sign in first.",
    "bad_situation": "The situation must be one of the ids offered in 'clarify.options'.",
    "unknown_conversation": "No conversation of yours has that id; leave conversation_id empty to start a new one.",
    "choose_conversation": "Choose one of your conversations first. / Kies eerst een van je gesprekken.",
    "choose_plan": "Choose one of your plans first. / Kies eerst een van je plannen.",
    "plan_first": "Prepare a plan first.",
    "nothing_removed": "Nothing removed. / Niets verwijderd.",
    "words_only": "words only",
}

EXAMPLES = [
    "Half my team keeps working the old way since we moved to the new planning system. What now?",
    "I reread every report my analysts send before it goes out, and I'm running out of evenings.",
    "Ik controleer alles wat mijn team doet.",
    "Mensen in mijn team durven niet te experimenteren.",
    "Our director asks me for a status sheet on each of my people every Friday. How do I handle that?",
]

# Column headings of the Knowledge tab's tables.
DOCUMENT_COLUMNS = ["title", "language", "kind", "chunks", "added", "id"]
UPLOAD_COLUMNS = ["file", "result"]
SEARCH_COLUMNS = ["score", "similarity", "title", "where", "text"]

# The exported conversation: its heading and who said what.
EXPORT_LABELS = {"heading": "# Conversation", "user": "You", "assistant": "Coach"}

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


def say_js(key: str) -> str:
    """A JavaScript expression for the label ``key`` in the page's interface language (English if it has none)."""
    texts = json.dumps({lang: labels[key] for lang, labels in UI.items()}, ensure_ascii=False)
    return f"(({texts})[{PAGE_LANGUAGE_JS}] || ({texts}).en)"


def confirm_js(key: str) -> str:
    """A JavaScript expression: the browser asks to confirm with the label ``key``, in the page's language only."""
    return f"window.confirm({say_js(key)})"


def about_markdown(assistant: Any) -> str:
    """The About page: what the assistant is, what it draws on, what it does not do, where data lives."""
    from importlib.metadata import version

    s = assistant.index.stats()
    docs = assistant.index.documents()
    builtin = sorted({d.title for d in docs if not d.owner and d.kind == "related" and d.language == "en"})
    sign_in = bool(assistant.settings.users)
    kinds = ", ".join(f"{n} {k}" for k, n in s["kinds"].items())
    langs = " and ".join(f"{n} {'Dutch' if k == 'nl' else 'English' if k == 'en' else k}" for k, n in
                         s["languages"].items())
    n_situations = sum(x["kind"] == "playbook" for x in assistant.situations())
    backend = assistant.settings.backend
    answers = ("composed from the material (no language model)" if backend == "extractive"
               else f"{backend} {assistant.settings.model}".strip())
    return "\n".join([
        "## Trust coach",
        "A coaching assistant on trust-based leadership. Leaders describe a situation in English or Dutch and get "
        "practical advice in their own language; every claim cites the passage it rests on, and the passage can be "
        "read beside the answer. Coaches prepare sessions from a coachee's situation and export the plan.",
        "",
        "### What it draws on",
        "- René Rensen, *Vertrouwen als essentiële waarde in persoonlijk leiderschap* (Dutch original, with an "
        "English rendering): the article every answer goes back to.",
        f"- A situation playbook written by coaches from that article: {n_situations} situations leaders bring, "
        "each with what "
        "is often going on, steps to try, what to do when it gets hard, reflective questions and an exercise.",
        "- Related material: " + (", ".join(builtin[:12]) + ("…" if len(builtin) > 12 else "") if builtin else "—"),
        "- Documents you upload yourself (quoted as your documents, never used as advice structure)"
        + (", visible to you alone." if sign_in else "."),
        "",
        "### What it does not do",
        "- It is not a therapist, doctor or lawyer: questions about health, medication, dismissal law or disputes "
        "get a referral, and anyone in danger gets the crisis numbers (112; 113 Zelfmoordpreventie, 0800-0113).",
        "- It does not decide for you: it suggests steps and questions; you know your people.",
        "- Without a language model configured it composes answers from the material itself, word for word; "
        "it does not invent facts.",
        "",
        "### Your conversations",
        ("Conversations, feedback and plans are stored on this server under your sign-in and visible to you alone."
         if sign_in else "Conversations, feedback and plans are stored on this computer, in the app's data folder; "
         "nothing is sent elsewhere" + (" except to the language model you configured." if
                                        assistant.settings.backend != "extractive" else ".")),
        "",
        "### This installation",
        f"- Knowledge base: {s['documents']} documents in {s['chunks']} passages ({langs}; {kinds}); "
        f"last indexed {s['last_ingest']}.",
        f"- Answers: {answers}; embeddings: {s['embedding_model']}.",
        f"- Version: trust-coach {version('trust-coach')}.",
    ])
