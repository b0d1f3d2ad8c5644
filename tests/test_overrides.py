"""Template overrides (overrides/): each either extends one of Material's templates (blocks only), or is a
copy of one, changed where its header says, that names the original and the SHA-256 it was copied from.
After an upgrade of Material this fails for every copy whose original changed, until it is made again from
the new original (the changes are listed in its header)."""
import hashlib
import re
from pathlib import Path

import material

from scripts.engine import OVERRIDES

THEME = Path(material.__file__).parent / "templates"
COPIED = re.compile(r"Material [\d.]+'s (\S+) \(sha256 ([0-9a-f]{16})\.\.\.")


def test_copied_templates_are_copies_of_the_installed_theme():
    copies = 0
    for path in sorted(OVERRIDES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        found = COPIED.search(text[:300])
        if found is None:
            assert text.lstrip().startswith("{#") and '{% extends "' in text, f"{path}: neither a copy nor an extension"
            continue
        original = THEME / found.group(1)
        assert hashlib.sha256(original.read_bytes()).hexdigest().startswith(found.group(2)), \
            f"{path} was copied from another version of Material's {found.group(1)}: make it again from the installed one"
        copies += 1
    assert copies > 0
