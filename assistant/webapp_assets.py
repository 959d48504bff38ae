"""The page's own style sheet and script: the passage panel, citation links, the phone overlay, and the language.

The page tells the server which language it shows (a cookie the handlers read, ``webapp_context.page_language``)
and, when the language changes in Settings, asks the server to write its parts again (``LANGUAGE_CHANGED``).
"""

import json

from assistant.webapp_about import ABOUT_CSS
from assistant.webapp_copy import (
    ANSWER_LANGUAGES,
    EXAMPLES,
    LANGUAGE_COOKIE,
    NOTICE_TITLES,
    PAGE_LANGUAGE_JS,
    UI,
    say_js,
)

# The tabs by their elem_id's key: Gradio's i18n re-translates the button of a tab once it has been shown.
TAB_KEYS = ("chat", "prepare", "knowledge", "about")
# A hidden button the page presses when its language changes: the server writes its tables and lists again.
LANGUAGE_CHANGED = "language-changed"

# The example questions of the language the interface speaks (English for a language it does not speak).
EXAMPLES_CSS = "\n".join(
    [f'html[lang^="{lang}"] [id^="examples-"]:not(#examples-{lang}) {{display: none !important;}}'
     for lang in EXAMPLES if lang != "en"]
    + ["html:not(" + ", ".join(f'[lang^="{lang}"]' for lang in EXAMPLES if lang != "en")
       + ') [id^="examples-"]:not(#examples-en) {display: none !important;}'])

# Gradio's Settings offer every language Gradio has (33); only those the app speaks are shown. Gradio has no setting
# for this: its list of languages is fixed in its page, so the style sheet hides the others in that list.
_SPOKEN = [name for name, code in ANSWER_LANGUAGES if code in UI]
LANGUAGE_CHOICE_CSS = (
    "[role=listbox]" + "".join(f':has(> li[aria-label="{name}"])' for name in _SPOKEN) + " > li[role=option]"
    + "".join(f':not([aria-label="{name}"])' for name in _SPOKEN) + " {display: none !important;}")

CSS = """
.gradio-container {max-width: 1200px !important; margin: auto;}
#passages {max-height: 75vh; overflow-y: auto;}
/* The conversation takes the window's height (less the header, the question box and the buttons below it). */
#chatbot {height: max(360px, calc(100vh - 330px)) !important; height: max(360px, calc(100dvh - 330px)) !important;}
.passage {border-left: 4px solid #2f6f5e; padding: .4rem .8rem; margin: .6rem 0; background: #f6faf8;
  border-radius: 6px; color: #1b1b1b;}
.passage.active {border-left-color: #b5471b; background: #fff6ee;}
.passage p {white-space: pre-line;}
.passage mark {background: #ffe08a; color: #1b1b1b;}
.passage .meta {font-size: .8rem; color: #4a4a4a;}
a.cite {font-weight: 600; text-decoration: none; color: #1f5fa8; cursor: pointer;}
a.cite:focus {outline: 2px solid #1f5fa8;}
#passages-close {display: none;}
@media (max-width: 768px) {
  /* On a phone the passage opens over the chat, where the reader is, instead of far below the export box. */
  #passages-col.overlay-open {position: fixed; top: 8vh; left: 3vw; right: 3vw; max-height: 84vh; overflow-y: auto;
    z-index: 1000; background: #fff; padding: .8rem; border-radius: 10px; box-shadow: 0 8px 30px rgba(0,0,0,.35);}
  #passages-col.overlay-open #passages-close {display: block; position: fixed; top: calc(8vh + 8px);
    right: calc(3vw + 8px); left: auto; width: 2.6rem !important; height: 2.6rem; z-index: 1001; font-size: 1.6rem;
    line-height: 1; padding: 0; border: 0; border-radius: 50%; color: #1b1b1b; background: #fff;
    box-shadow: 0 1px 6px rgba(0,0,0,.3); cursor: pointer;}
}
""" + ABOUT_CSS + "\n" + EXAMPLES_CSS + "\n" + LANGUAGE_CHOICE_CSS + "\n" + "\n".join(
    # Gradio titles its notices with their English type: the page's language writes its own over it.
    f'html[lang^="{lang}"] .toast-title.{kind} {{font-size: 0;}}\n'
    f'html[lang^="{lang}"] .toast-title.{kind}::before {{content: "{title}"; font-size: var(--text-lg);}}'
    for lang, titles in NOTICE_TITLES.items() for kind, title in titles.items()) + "\n"

# A click on a citation marker opens and highlights its passage and folds the others; on a phone the panel opens
# over the chat with a close button labelled in the page's language.
_HEAD = """
<script>
document.addEventListener('click', function (ev) {
  const a = ev.target.closest && ev.target.closest('a.cite');
  if (!a) return;
  ev.preventDefault();
  const id = a.getAttribute('href').slice(1);
  const root = document;
  root.querySelectorAll('.passage.active').forEach(e => e.classList.remove('active'));
  const el = root.getElementById(id);
  // Only the passage clicked stays open: the others fold to their titles.
  root.querySelectorAll('details.passage[open]').forEach(e => { if (e !== el) e.open = false; });
  if (el) { el.classList.add('active'); el.open = true; el.scrollIntoView({behavior: 'smooth', block: 'nearest'});
            el.focus && el.focus(); }
  const col = root.getElementById('passages-col');
  if (col && window.matchMedia('(max-width: 768px)').matches) {
    if (!root.getElementById('passages-close')) {
      const b = document.createElement('button');
      b.id = 'passages-close'; b.type = 'button'; b.textContent = '\u00d7';
      b.setAttribute('aria-label', CLOSE_LABEL);
      b.addEventListener('click', () => col.classList.remove('overlay-open'));
      col.prepend(b);
    }
    col.classList.add('overlay-open');
    if (el) el.scrollIntoView({block: 'start'});
  }
});
</script>
"""

# The page's language: told to the server in a cookie (before anything is sent: on load, on a change, on every
# press of a key or button), and, on a change in Settings, put on the tab buttons Gradio leaves in the old language
# (those of tabs not opened yet) and sent to the server to write its tables and lists again.
_LANGUAGE = """
<script>
(function () {
  const TABS = TAB_LABELS;
  const lang = () => PAGE_LANGUAGE;
  let told = lang();  // the template's language until Gradio's i18n sets the one it shows
  function remember() {
    document.cookie = 'COOKIE=' + lang() + '; path=/; SameSite=Lax';
  }
  function relabel() {
    const l = lang();
    document.querySelectorAll('.tab-container button, .overflow-dropdown button').forEach(function (b) {
      const text = b.textContent.trim();
      for (const key in TABS) {
        const want = TABS[key][l] || TABS[key].en;
        const single = b.childNodes.length === 1 && b.firstChild.nodeType === Node.TEXT_NODE;
        if (text !== want && single && Object.values(TABS[key]).includes(text)) b.firstChild.data = want;
      }
    });
  }
  function changed() {
    remember();
    relabel();
    setTimeout(relabel, 100);
    const l = lang();
    const button = document.getElementById('CHANGED');
    if (l !== told && button) button.click();
    told = l;
  }
  new MutationObserver(changed).observe(document.documentElement, {attributes: true, attributeFilter: ['lang']});
  ['pointerdown', 'keydown', 'focusin'].forEach(function (t) { window.addEventListener(t, remember, true); });
  remember();
})();
</script>
"""


# What Gradio leaves in the way of a keyboard or a screen reader: the closed sidebar's entries stay in the tab order
# (it is only moved off-screen), and the Settings dialog closes with an icon button that has no name.
_ACCESS = """
<script>
(function () {
  const watched = new WeakSet();
  function tidy() {
    const bar = document.getElementById('sidebar');
    if (bar && !watched.has(bar)) {
      watched.add(bar);
      const sync = function () {
        const content = bar.querySelector('.sidebar-content');
        if (content) content.inert = !bar.classList.contains('open');
      };
      new MutationObserver(sync).observe(bar, {attributes: true, attributeFilter: ['class']});
      sync();
    }
    document.querySelectorAll('div[role=dialog] button').forEach(function (b) {
      const named = (b.getAttribute('aria-label') || '').trim() || b.innerText.trim();
      if (!named) b.setAttribute('aria-label', CLOSE_LABEL);
    });
  }
  new MutationObserver(tidy).observe(document.documentElement, {childList: true, subtree: true});
})();
</script>
"""


def page_head() -> str:
    """The <head> additions of the page: the citation links, the page's language (``_LANGUAGE``), ``_ACCESS``."""
    tabs = json.dumps({key: {lang: labels[key] for lang, labels in UI.items()} for key in TAB_KEYS},
                      ensure_ascii=False)
    language = (_LANGUAGE.replace("TAB_LABELS", tabs).replace("PAGE_LANGUAGE", PAGE_LANGUAGE_JS)
                .replace("COOKIE", LANGUAGE_COOKIE).replace("CHANGED", LANGUAGE_CHANGED))
    return _HEAD.replace("CLOSE_LABEL", say_js("close")) + language + _ACCESS.replace("CLOSE_LABEL", say_js("close"))
