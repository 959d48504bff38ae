"""The page's own style sheet and script: the passage panel, citation links, and the phone overlay."""

from assistant.webapp_copy import say_js

CSS = """
.gradio-container {max-width: 1200px !important; margin: auto;}
#passages {max-height: 75vh; overflow-y: auto;}
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
"""

# A click on a citation marker opens and highlights its passage; on a phone the panel opens over the chat with
# a close button labelled in the page's language.
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


def page_head() -> str:
    """The <head> additions of the page: the citation-link script, its labels in the page's language."""
    return _HEAD.replace("CLOSE_LABEL", say_js("close"))
