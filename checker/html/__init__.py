"""Self-contained static HTML reports: one strategy (`strategy_page`) and the audit's index (`checker.audit`).

Built with Python string building and the standard library only (no template engine), with
every piece of user text escaped by `page.esc`.
"""

from .page import esc, page
from .strategy import strategy_body, strategy_page

__all__ = ["esc", "page", "strategy_body", "strategy_page"]
