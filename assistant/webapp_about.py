"""The web app's About page in each interface language.

It tells what the assistant is, what it draws on, what it does not do, and where conversations are kept. The page
renders every language and shows the one its interface speaks (``ABOUT_CSS`` keys on ``<html lang>``, which
Gradio's i18n sets), so switching the language in Settings switches the About page with the labels.
"""

from typing import Any

from assistant.language import language_name

# The facts of this installation are filled in; the sentences around them are written for each language.
_WORDS: dict[str, dict[str, Any]] = {
    "en": dict(
        heading="## About Trust Coach",
        intro="A coaching assistant on trust-based leadership. Leaders describe a situation in English or Dutch "
              "and get practical advice in their own language; every claim cites the passage it rests on, and the "
              "passage can be read beside the answer. Coaches prepare sessions from a coachee's situation and "
              "export the plan.",
        sources="### What it draws on",
        article="- {author}*{title}* ({language} original{renderings}): the article every answer goes back to.",
        renderings=", with a rendering in {languages}",
        playbook="- A situation playbook written by coaches from that article: {n} situations leaders bring, each "
                 "with what is often going on, steps to try, what to do when it gets hard, reflective questions "
                 "and an exercise.",
        playbook_alone="- A situation playbook written by coaches: {n} situations leaders bring, each with what is "
                       "often going on, steps to try, what to do when it gets hard, reflective questions and an "
                       "exercise.",
        related="- Related material: {titles}",
        uploads="- Documents you upload yourself (quoted as your documents, never used as advice structure)",
        uploads_private=", visible to you alone.",
        limits="### What it does not do",
        not_professional="- It is not your HR department, a doctor, a therapist or a lawyer: questions about "
                         "health or medication, dismissal, employment law, disputes or formal HR procedures get a "
                         "referral to the people who can help, and anyone in danger gets the crisis numbers (112; "
                         "113 Zelfmoordpreventie, 0800-0113).",
        not_deciding="- It does not decide for you: it suggests steps and questions; you know your people.",
        not_inventing="- Without a language model configured it composes answers from the material itself, word "
                      "for word; it does not invent facts.",
        privacy="### Your conversations",
        stored_signed_in="Conversations, feedback and plans are stored on this server under your sign-in and "
                         "visible to you alone.",
        stored_local="Conversations, feedback and plans are stored on this computer, in the app's data folder; "
                     "nothing is sent elsewhere",
        except_model=" except to the language model you configured.",
        delete="You can delete a conversation from the sidebar (*Your conversations*, then *Delete*).",
        installation="### This installation",
        knowledge="- Knowledge base: {documents} documents in {chunks} passages ({languages}; {kinds}); last indexed "
                  "{last}.",
        answers="- Answers: {answers}; embeddings: {embeddings}.",
        extractive="composed from the material (no language model)",
        version="- Version: trust-coach {version}.",
        references="### References of the related material",
        joiner=" and ",
        kinds={},
    ),
    "nl": dict(
        heading="## Over Trust Coach",
        intro="Een coachingsassistent voor leiderschap vanuit vertrouwen. Leidinggevenden beschrijven een situatie "
              "in het Nederlands of het Engels en krijgen praktisch advies in hun eigen taal. Bij elke bewering "
              "staat de passage waar die op steunt, en die passage lees je naast het antwoord. Coaches bereiden "
              "vanuit de situatie van hun coachee een sessie voor en exporteren het plan.",
        sources="### Waar het op steunt",
        article="- {author}*{title}* (origineel in het {language}{renderings}): het artikel waar elk antwoord op "
                "teruggaat.",
        renderings=", met een vertaling in het {languages}",
        playbook="- Een situatieboek dat coaches op basis van dat artikel schreven: {n} situaties waar "
                 "leidinggevenden mee komen, elk met wat er vaak speelt, stappen om te proberen, wat je doet als "
                 "het lastig wordt, reflectievragen en een oefening.",
        playbook_alone="- Een situatieboek dat coaches schreven: {n} situaties waar leidinggevenden mee komen, elk "
                       "met wat er vaak speelt, stappen om te proberen, wat je doet als het lastig wordt, "
                       "reflectievragen en een oefening.",
        related="- Achtergrondmateriaal: {titles}",
        uploads="- Documenten die je zelf uploadt (aangehaald als jouw documenten, nooit als basis voor het advies)",
        uploads_private=", alleen zichtbaar voor jou.",
        limits="### Wat het niet doet",
        not_professional="- Het is geen HR-afdeling, arts, therapeut of jurist: wie vraagt naar gezondheid of "
                         "medicijnen, ontslag, arbeidsrecht, een geschil of een formele HR-procedure, wordt "
                         "doorverwezen naar wie daarbij kan helpen, en wie in gevaar is krijgt de crisisnummers "
                         "(112; 113 Zelfmoordpreventie, 0800-0113).",
        not_deciding="- Het beslist niet voor je: het stelt stappen en vragen voor; jij kent je mensen.",
        not_inventing="- Zonder ingesteld taalmodel stelt het antwoorden letterlijk samen uit het materiaal zelf; "
                      "het verzint geen feiten.",
        privacy="### Je gesprekken",
        stored_signed_in="Gesprekken, beoordelingen en plannen worden op deze server bewaard onder je inlognaam en "
                         "zijn alleen voor jou zichtbaar.",
        stored_local="Gesprekken, beoordelingen en plannen worden op deze computer bewaard, in de gegevensmap van "
                     "de app; er gaat niets naar buiten",
        except_model=", behalve naar het taalmodel dat je hebt ingesteld.",
        delete="Een gesprek verwijder je in de zijbalk (*Je gesprekken*, dan *Verwijderen*).",
        installation="### Deze installatie",
        knowledge="- Kennisbank: {documents} documenten in {chunks} passages ({languages}; {kinds}); laatst "
                  "geïndexeerd op {last}.",
        answers="- Antwoorden: {answers}; embeddings: {embeddings}.",
        extractive="samengesteld uit het materiaal (zonder taalmodel)",
        version="- Versie: trust-coach {version}.",
        references="### Bronnen van het achtergrondmateriaal",
        joiner=" en ",
        kinds={"article": "artikel", "concept": "begrippen", "playbook": "situatiekaarten", "related": "achtergrond",
               "translation": "vertaling", "user": "eigen documenten"},
    ),
}
ABOUT_LANGUAGES = tuple(_WORDS)  # every language of the interface (``UI``): a unit test holds them together

# Only the About page in the interface's language shows; a language the interface lacks reads English.
ABOUT_CSS = "\n".join(
    [f'html[lang^="{lang}"] .about-page:not(.about-{lang}) {{display: none !important;}}' for lang in _WORDS
     if lang != "en"]
    + ["html:not(" + ", ".join(f'[lang^="{lang}"]' for lang in _WORDS if lang != "en")
       + ") .about-page:not(.about-en) {display: none !important;}"])


def about_markdown(assistant: Any, language: str = "en") -> str:
    """The About page in ``language``: what the assistant is and draws on, what it does not do, where data lives."""
    from importlib.metadata import version

    w = _WORDS[language if language in _WORDS else "en"]
    s = assistant.stats(vectors=False)
    docs = assistant.documents()
    # The related notes come in both languages: each page lists them by their titles in its own language.
    related = sorted({d.title for d in docs if not d.owner and d.kind == "related" and d.language == language}
                     or {d.title for d in docs if not d.owner and d.kind == "related" and d.language == "en"})
    sign_in = bool(assistant.settings.users)
    kinds = ", ".join(f"{n} {w['kinds'].get(k, k)}" for k, n in s["kinds"].items())
    page = language if language in _WORDS else "en"
    langs = w["joiner"].join(f"{n} {language_name(k, page)}" for k, n in s["languages"].items())
    n_situations = sum(x["kind"] == "playbook" for x in assistant.situations())
    articles = [w["article"].format(
        author=f"{a.author}, " if a.author else "", title=a.title, language=language_name(a.language, page),
        renderings=w["renderings"].format(languages=w["joiner"].join(language_name(x, page) for x in a.renderings))
        if a.renderings else "") for a in assistant.articles()]
    # The references of the related notes, each once, in the page's language where the note has that language.
    every = assistant.sources()
    mine = {x.topic for x in every if x.language == page}
    sources = [x for x in every if x.language == page or (x.language == "en" and x.topic not in mine)]
    backend = assistant.settings.backend
    answers = w["extractive"] if backend == "extractive" else f"{backend} {assistant.settings.model}".strip()
    stored = (w["stored_signed_in"] if sign_in
              else w["stored_local"] + (w["except_model"] if backend != "extractive" else "."))
    return "\n".join([
        w["heading"], w["intro"], "",
        w["sources"], *articles, w["playbook" if articles else "playbook_alone"].format(n=n_situations),
        w["related"].format(titles=", ".join(related[:12]) + ("…" if len(related) > 12 else "") if related else "—"),
        w["uploads"] + (w["uploads_private"] if sign_in else "."), "",
        w["limits"], w["not_professional"], w["not_deciding"], w["not_inventing"], "",
        w["privacy"], stored + " " + w["delete"], "",
        w["installation"],
        w["knowledge"].format(documents=s["documents"], chunks=s["chunks"], languages=langs, kinds=kinds,
                              last=s["last_ingest"]),
        w["answers"].format(answers=answers, embeddings=s["embedding_model"]),
        w["version"].format(version=version("trust-coach")),
        *([f"\n{w['references']}", *(f"- **{x.title}**: {x.source}" for x in sources)] if sources else []),
    ])
