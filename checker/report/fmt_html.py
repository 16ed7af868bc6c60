"""HTML output (`tebiki check --format html -o report.html`): one self-contained page.

One strategy gives the same page as `tebiki report`; several give one section each, in file
order, after a table of contents.  See checker/html/ and docs/audit.md.
"""

from __future__ import annotations

from ..api import FileResult
from ..engine.pack import Pack
from . import Options


def render(results: list[FileResult], pack: Pack, options: Options) -> str:
    from ..html.page import badge, esc, page, t
    from ..html.strategy import strategy_body, strategy_page

    lang = options.lang
    if len(results) == 1 and results[0].ok:
        r = results[0]
        return strategy_page(r.strategy, r.findings, pack, lang)
    toc, sections = [], []
    for i, r in enumerate(results):
        uid = f"f{i}"
        if r.ok:
            label = r.strategy.title
            body = strategy_body(r.strategy, r.findings, pack, lang, uid=uid, level=2, node_ids=f"{uid}-n-")
        else:
            label = r.file
            items = "".join(f'<li>{badge("error", lang)} <span class="loc">{esc(str(p))}</span></li>' for p in r.problems)
            body = f'<h2>{esc(r.file)}</h2><ul class="findings">{items}</ul>'
        toc.append(f'<li><a href="#{uid}">{esc(label)}</a> <span class="loc">{esc(r.file)}</span></li>')
        sections.append(f'<section class="strategy" id="{uid}">{body}</section>')
    title = "tebiki-checker"
    body = (
        f"<h1>{esc(title)}</h1><p class=\"meta\">{esc(t('edition', lang))}: {esc(pack.edition)}</p>"
        + f"<ul>{''.join(toc)}</ul>"
        + "".join(sections)
    )
    return page(title, body, lang)
