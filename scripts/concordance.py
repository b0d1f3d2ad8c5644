"""The concordance between editions: which principles of a later edition derive from which of an earlier one.

In principles.yaml a later edition's principle names, per earlier edition, its relation and sources:

    derives_from:
      bogota-2013:
        relation: revised        # carried-over | revised | merged | split | new
        principles:
        - p5

and the later edition lists the earlier principles it does not carry forward: `dropped: {bogota-2013: [p7]}`.
Links are confirmed by a maintainer; `propose()` only suggests them from text similarity.

    problems(data)               the rules a schema cannot express, as (path, message), for validate.py
    comparison(newer, older)     the rows of a comparison page (model level)
    propose(newer, older)        a proposal from text similarity, rendered by render_proposal()
"""
import difflib
from collections import Counter
from dataclasses import dataclass

from . import model
from .tokens import words

RELATIONS = ("carried-over", "revised", "merged", "split", "new")
DROPPED = "dropped"
ONE_SOURCE = ("carried-over", "revised", "split")


# ---- rules -------------------------------------------------------------------------------------------

def problems(data: dict):
    """(path, message) for every broken concordance rule, whatever else is wrong."""
    editions = [e for e in data.get("editions", []) if isinstance(e, dict)] if isinstance(data.get("editions"), list) else []
    by_id = {e["id"]: e for e in editions if isinstance(e.get("id"), str)}  # other ids: the schema reports them
    found = []
    for e, edition in enumerate(editions):
        for older_id in linked_editions(edition):
            found += pair_problems(("editions", e), edition, older_id, by_id.get(older_id))
    return found


def principles_of(edition: dict) -> list:
    items = edition.get("principles")
    return [p for p in items if isinstance(p, dict)] if isinstance(items, list) else []


def derivation(principle: dict, older_id: str):
    links = principle.get("derives_from")
    found = links.get(older_id) if isinstance(links, dict) else None
    return found if isinstance(found, dict) else None


def linked_editions(edition: dict) -> list:
    ids = [k for p in principles_of(edition) if isinstance(p.get("derives_from"), dict) for k in p["derives_from"]]
    dropped = edition.get("dropped")
    return list(dict.fromkeys(ids + (list(dropped) if isinstance(dropped, dict) else [])))


def sources(link: dict) -> list:
    items = link.get("principles", [])
    return [i for i in items if isinstance(i, str)] if isinstance(items, list) else []


def dropped_ids(edition: dict, older_id: str) -> list:
    dropped = edition.get("dropped")
    items = dropped.get(older_id) if isinstance(dropped, dict) else None
    return [i for i in items if isinstance(i, str)] if isinstance(items, list) else []


def pair_problems(here: tuple, edition: dict, older_id: str, older: dict | None) -> list:
    """Problems of one later edition's links to one earlier edition."""
    if older is None or older is edition or str(older.get("start")) >= str(edition.get("start")):
        what = "is not an edition" if older is None else "is not an earlier edition"
        where = next((here + ("principles", i, "derives_from", older_id) for i, p in enumerate(edition.get("principles") or [])
                      if isinstance(p, dict) and derivation(p, older_id) is not None), here + ("dropped", older_id))
        return [(where, f"{older_id!r} {what} (a principle derives only from earlier editions)")]
    known = {p["id"] for p in principles_of(older) if isinstance(p.get("id"), str)}  # other ids: the schema reports them
    successors = Counter(s for p in principles_of(edition) for s in sources(derivation(p, older_id) or {}))
    found = []
    for i, principle in enumerate(edition.get("principles") or []):
        if isinstance(principle, dict):
            found += link_problems(here + ("principles", i, "derives_from", older_id), derivation(principle, older_id),
                                   older_id, known, successors)
    for j, pid in enumerate(dropped_ids(edition, older_id)):
        path = here + ("dropped", older_id, j)
        if pid not in known:
            found.append((path, f"{pid!r} is not a principle of {older_id}"))
        elif successors[pid]:
            found.append((path, f"{pid!r} of {older_id} is dropped, yet a principle derives from it"))
    unaccounted = sorted(known - set(successors) - set(dropped_ids(edition, older_id)), key=str)
    if unaccounted:
        found.append((here + ("principles",), f"principles of {older_id} neither carried forward nor listed under "
                                              f"dropped.{older_id}: {', '.join(map(str, unaccounted))}"))
    return found


def link_problems(path: tuple, link, older_id: str, known: set, successors: Counter) -> list:
    if link is None:
        return [(path[:-2], f"no derives_from.{older_id} (every principle needs one once the concordance with "
                            f"{older_id} has begun; use relation: new for a new principle)")]
    relation, ids = link.get("relation"), sources(link)
    found = [(path + ("principles",), f"{pid!r} is not a principle of {older_id}") for pid in ids if pid not in known]
    expected = {"new": "no principles", "merged": "two or more principles"}.get(relation, "exactly one principle")
    counts_ok = {"new": len(ids) == 0, "merged": len(ids) >= 2}.get(relation, len(ids) == 1)
    if relation in RELATIONS and not counts_ok:
        found.append((path, f"relation {relation} needs {expected} of {older_id} (found {len(ids)})"))
    elif relation in ONE_SOURCE and ids and ids[0] in known:
        split = successors[ids[0]] >= 2
        if split != (relation == "split"):
            found.append((path, f"{ids[0]} of {older_id} has {successors[ids[0]]} successor(s): the relation is "
                                f"{'split' if split else 'carried-over or revised'}, not {relation}"))
    return found


# ---- the model level ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    """One line of a comparison: a later principle and what it derives from, or a dropped earlier one."""

    relation: str
    newer: model.Principle | None
    older: tuple  # earlier principles

    @property
    def anchor(self) -> str:
        """Its anchor on the comparison page: the later principle's, or dropped-<earlier number>."""
        return self.newer.anchor if self.newer else f"dropped-{self.older[0].number}"


@dataclass(frozen=True)
class Comparison:
    newer: model.Edition
    older: model.Edition
    rows: tuple

    @property
    def confirmed(self) -> bool:
        return bool(self.rows)

    def counts(self) -> dict:
        found = Counter(row.relation for row in self.rows)
        return {relation: found[relation] for relation in RELATIONS + (DROPPED,)}


def comparison(newer: model.Edition, older: model.Edition) -> Comparison:
    """Rows in the later edition's order, then the dropped principles; none while no link is confirmed."""
    by_id = {p.id: p for p in older.principles}
    rows = [Row(link.relation, p, tuple(by_id[i] for i in link.principles))
            for p in newer.principles for link in p.derives_from if link.edition == older.id]
    dropped = dict(newer.dropped).get(older.id, ())
    rows += [Row(DROPPED, None, (p,)) for p in older.principles if p.id in dropped]
    return Comparison(newer, older, tuple(rows))


def predecessors(site: model.Site, edition: model.Edition, principle: model.Principle) -> list:
    """(earlier edition, relation, its principles) for each earlier edition the principle derives from."""
    result = []
    for link in principle.derives_from:
        older = site.edition(link.edition)
        result.append((older, link.relation, tuple(p for p in older.principles if p.id in link.principles)))
    return result


def successors(site: model.Site, edition: model.Edition, principle: model.Principle) -> list:
    """(later edition, relation, its principles) for each later edition that carries the principle forward,
    or (later edition, 'dropped', ()) for each that drops it."""
    result = []
    for newer in site.editions:
        derived = [(link.relation, p) for p in newer.principles for link in p.derives_from
                   if link.edition == edition.id and principle.id in link.principles]
        if derived:
            result.append((newer, derived[0][0], tuple(p for _, p in derived)))
        elif principle.id in dict(newer.dropped).get(edition.id, ()):
            result.append((newer, DROPPED, ()))
    return result


# ---- proposals from text similarity -----------------------------------------------------------------

LINK_THRESHOLD = 0.6  # share of the smaller text found, in runs of MIN_RUN words, in the other
MIN_RUN = 3


def principle_words(principle: model.Principle) -> list:
    text = " ".join(([principle.title.english] if principle.title else []) + [p.unit.english for p in principle.paragraphs])
    return [w.casefold() for w in words(text)]


def overlap(a: list, b: list) -> float:
    """Share of the shorter word list found in the other in common runs of at least MIN_RUN words."""
    if not a or not b:
        return 0.0
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks if block.size >= MIN_RUN) / min(len(a), len(b))


@dataclass(frozen=True)
class Proposal:
    newer: model.Edition
    older: model.Edition
    links: dict  # newer principle id -> (relation, ((older id, score), ...))
    dropped: tuple  # older principle ids


def propose(newer: model.Edition, older: model.Edition) -> Proposal:
    older_words = {p.id: principle_words(p) for p in older.principles}
    found = {}
    for p in newer.principles:
        mine = principle_words(p)
        scores = ((o.id, overlap(mine, older_words[o.id])) for o in older.principles)
        found[p.id] = tuple(sorted(((i, s) for i, s in scores if s >= LINK_THRESHOLD), key=lambda x: -x[1]))
    successors_count = Counter(i for links in found.values() for i, _ in links)
    by_id = {p.id: p for p in older.principles}
    links = {}
    for p in newer.principles:
        links[p.id] = (proposed_relation(p, found[p.id], successors_count, by_id), found[p.id])
    dropped = tuple(o.id for o in older.principles if not successors_count[o.id])
    return Proposal(newer, older, links, dropped)


def proposed_relation(principle, links, successors_count, older_by_id) -> str:
    if not links:
        return "new"
    if len(links) >= 2:
        return "merged"
    if successors_count[links[0][0]] >= 2:
        return "split"
    return "carried-over" if same_text(principle, older_by_id[links[0][0]]) else "revised"


def same_text(a: model.Principle, b: model.Principle) -> bool:
    title = lambda p: p.title.english if p.title else None
    return title(a) == title(b) and [p.unit.english for p in a.paragraphs] == [p.unit.english for p in b.paragraphs]


def render_proposal(proposal: Proposal) -> str:
    """A YAML file a maintainer reviews: each link with its score and both titles; nothing is confirmed."""
    older_id, by_id = proposal.older.id, {p.id: p for p in proposal.older.principles}
    label = lambda p: f"{p.number}" + (f" {p.title.english}" if p.title else "")
    lines = [f"# Concordance PROPOSAL {proposal.newer.id} <- {older_id}, from text similarity (share of the shorter",
             f"# text found in runs of {MIN_RUN}+ words). NOT confirmed: check each line against both texts, then copy",
             "# the confirmed `derives_from` into each principle and `dropped` into the edition in principles.yaml.",
             f"{proposal.newer.id}:", "  principles:"]
    for p in proposal.newer.principles:
        relation, links = proposal.links[p.id]
        lines += [f"    {p.id}:  # {label(p)}", "      derives_from:", f"        {older_id}:",
                  f"          relation: {relation}"]
        if links:
            lines.append("          principles:")
            lines += [f"          - {i}  # score {score:.2f}: {label(by_id[i])}" for i, score in links]
    lines.append("  dropped:")
    lines.append(f"    {older_id}:" + ("" if proposal.dropped else " []"))
    lines += [f"    - {i}  # {label(by_id[i])}" for i in proposal.dropped]
    return "\n".join(lines) + "\n"
