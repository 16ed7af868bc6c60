"""HTML output (`tebiki check --format html -o report.html`): one self-contained page.

One strategy gives the same page as `tebiki report`; several give one report each, in file
order, after the verdict for all of them and a table of contents; files that could not be
loaded are listed with their problems.  See checker/html/ and docs/audit.md.
"""

from __future__ import annotations

from ..api import FileResult
from ..engine.pack import Pack
from . import Options


def render(results: list[FileResult], pack: Pack, options: Options) -> str:
    from ..html.strategy import prerender, strategy_page, strategy_view
    from ..html.templating import RunRecord, render_fragment, render_page

    lang = options.lang
    record = RunRecord.now([r.file for r in results], pack, options.fail_on, date=options.today)
    if len(results) == 1 and results[0].ok:
        r = results[0]
        return strategy_page(r.strategy, r.findings, pack, lang, fail_on=options.fail_on, record=record)
    views = [
        prerender(strategy_view(r.strategy, r.findings, pack, lang, fail_on=options.fail_on, uid=f"f{i}", heading=2,
                                node_ids=f"f{i}-n-"), lang)
        for i, r in enumerate(results) if r.ok
    ]
    from markupsafe import Markup

    from ..html.findings import Verdict

    findings = [f for r in results for f in r.findings]
    broken = [r for r in results if not r.ok]
    verdict = Verdict.of(findings, options.fail_on, input_errors=len(broken))
    summary = Markup(render_fragment("files.html", lang=lang, results=results, views=views, broken=broken,
                                     verdict=verdict, title="tebiki-checker"))
    return render_page("report.html", lang=lang, title="tebiki-checker", record=record, styles=("report.css",),
                       scripts=("report.js",), views=views, back=None, summary=summary)
