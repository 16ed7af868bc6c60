"""Check functions named by rule records, one module per area of the pack.

Importing this package registers every check (see `checker.engine.registry.check`).
"""

import importlib
import pkgutil

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")):
    importlib.import_module(f"{__name__}.{_module}")
