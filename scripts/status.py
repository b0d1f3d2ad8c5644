"""Translation status: how much of an edition a reader of each language gets translated, reviewed or
outdated. A query on the model (pure), shown by the status page and the open data."""
from collections import Counter
from dataclasses import dataclass

from . import model

WORST_FIRST = (model.MISSING, model.OUTDATED, model.DRAFT, model.REVIEWED, model.OFFICIAL)


@dataclass(frozen=True)
class Progress:
    """Counts of review states over a set of units, in one language."""

    counts: tuple  # ((state, number), ...) in WORST_FIRST order

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def count(self, *states) -> int:
        return sum(n for state, n in self.counts if state in states)

    def share(self, *states) -> float:
        return self.count(*states) / self.total if self.total else 0.0

    @property
    def translated(self) -> float:
        return self.share(*model.SHOWN_AS_TRANSLATION)

    @property
    def reviewed(self) -> float:
        return self.share(model.OFFICIAL, model.REVIEWED)

    @property
    def outdated(self) -> float:
        return self.share(model.OUTDATED)

    @property
    def uniform_state(self):
        """The one state all units share, else None (a mixed set)."""
        present = [state for state, n in self.counts if n]
        return present[0] if len(present) == 1 else None


def progress(site: model.Site, units, lang: str) -> Progress:
    found = Counter(site.text(unit, lang).state for unit in units)
    return Progress(tuple((state, found[state]) for state in WORST_FIRST))


def edition_progress(site: model.Site, edition: model.Edition, lang: str) -> Progress:
    """Everything a reader of the edition meets: its units and the interface of the pages."""
    return progress(site, list(model.edition_units(edition)) + list(site.ui.values()), lang)
