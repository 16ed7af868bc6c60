"""Self-contained static HTML pages: one strategy (`strategy_page`), the audit's pages (`checker.audit`).

Pages are Jinja2 templates (autoescaped) in the shell of ``templates/base.html``; see
`checker.html.templating` for how a package adds a page of its own.  Jinja2 is imported only
when a page is written.
"""

from .page import esc, page
from .strategy import strategy_page, strategy_view

__all__ = ["esc", "page", "strategy_page", "strategy_view"]
