"""Comparison of two editions (pure functions): word-level redlines, the concordance picture, the page.

    diff(old, new) -> [(op, text)]       op '=' kept, '-' deleted, '+' inserted (tokens: scripts/tokens.py)
    compare_page(site, newer, older, lang) -> Markdown of [<lang>/]<newer>/compare/<older>/
    lineage(site, edition, principle, lang, here) -> HTML: a principle's predecessors and successors

Insertions and deletions are <ins> and <del> (underlined, struck through) with a visually hidden text cue
("inserted:", "deleted:"), never colour alone. The picture is an SVG drawn here, at build time, with text
labels: readable without JavaScript. Every text is escaped with page.escape.
"""
import difflib

from .. import concordance, model
from ..permalinks import compare_page as compare_path
from ..permalinks import principle_page
from ..tokens import tokens
from .l10n import colon, comma, listing
from .page import Page, edition_facts, english, escape, lang_attrs, runs_html

PARAGRAPH = "\n"  # joins a principle's paragraphs for the diff; each side shows it as a paragraph break


# ---- word diff -----------------------------------------------------------------------------------------

def diff(old: str, new: str) -> list:
    a, b = tokens(old), tokens(new)
    ops = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("=", "".join(a[i1:i2])))
        else:
            ops += [(op, "".join(part)) for op, part in (("-", a[i1:i2]), ("+", b[j1:j2])) if part]
    return tidy(ops)


def tidy(ops: list) -> list:
    """A lone space kept between two changes joins them ('-A +B = -C +D' -> '-A C +B D'): easier to read."""
    runs = []
    for i, (op, text) in enumerate(ops):
        glue = op == "=" and 0 < i < len(ops) - 1 and not text.strip() and PARAGRAPH not in text
        if op == "=" and not glue:
            runs.append(["=", text, ""])
            continue
        if not runs or runs[-1][0] == "=":
            runs.append(["~", "", ""])
        runs[-1][1] += text if op in "-=" else ""
        runs[-1][2] += text if op in "+=" else ""
    result = []
    for kind, deleted, inserted in runs:
        result += [("=", deleted)] if kind == "=" else [(op, t) for op, t in (("-", deleted), ("+", inserted)) if t]
    return result


def paragraphs_of(ops: list) -> list:
    """Split the ops at paragraph breaks: [[(op, text), ...], ...], one list per paragraph."""
    result = [[]]
    for op, text in ops:
        for n, piece in enumerate(text.split(PARAGRAPH)):
            if n:
                result.append([])
            if piece:
                result[-1].append((op, piece))
    return [p for p in result if p]


def marked(page: Page, op: str, text: str) -> str:
    if op == "=":
        return escape(text)
    tag, key = ("del", "deleted") if op == "-" else ("ins", "inserted")
    cue, end = page.t(f"{key}_start"), page.t(f"{key}_end")
    return (f'<{tag}><span class="vp-sr">[{escape(cue)} </span>{escape(text)}'
            f'<span class="vp-sr"> {escape(end)}]</span></{tag}>')


def redline_html(page: Page, ops: list, keep=("=", "-", "+"), css: str = "") -> str:
    """Paragraphs of marked text; keep=('=', '-') gives the older side, ('=', '+') the newer."""
    chosen = [(op, text) for op, text in ops if op in keep]
    attrs = f' class="{css}"' if css else ""
    return "".join(f"<p{attrs}>" + "".join(marked(page, op, t) for op, t in para) + "</p>" for para in paragraphs_of(chosen))


# ---- what a row compares ------------------------------------------------------------------------------

def shown_texts(page: Page, units: list) -> tuple:
    """(values, lang) of units in the page's language if every one is translated, else all in English:
    a translation is never compared with the English of the other side."""
    shown = [page.text(u) for u in units]
    if all(s.lang == page.lang for s in shown):
        return [s.value for s in shown], page.lang
    return [u.english for u in units], model.DEFAULT_LANGUAGE.code


def row_ops(page: Page, row: concordance.Row) -> tuple:
    """(title ops, body ops, language of the compared text) for one row."""
    newer = [row.newer] if row.newer else []
    units = [p.title for p in row.older + tuple(newer) if p.title] + [
        para.unit for p in row.older + tuple(newer) for para in p.paragraphs]
    values, lang = shown_texts(page, units)
    text = dict(zip([u.id for u in units], values, strict=True))
    title = lambda ps: " / ".join(text[p.title.id] for p in ps if p.title)
    body = lambda ps: PARAGRAPH.join(text[para.unit.id] for p in ps for para in p.paragraphs)
    return diff(title(row.older), title(newer)), diff(body(row.older), body(newer)), lang


# ---- links --------------------------------------------------------------------------------------------

def to_edition(here: str, edition_id: str, page: str) -> str:
    """Relative URL from a page of one edition to a page of another, in the same language root."""
    return "../" * (here.count("/") + 1) + f"{edition_id}/{page}"


def principle_ref(page: Page, here: str, edition: model.Edition, principle: model.Principle) -> str:
    label = page.t_html("principle_in", edition=english(edition.name), number=principle.number)
    return f'<a href="{escape(to_edition(here, edition.id, principle_page(principle)))}">{label}</a>'


def relation_label(page: Page, relation: str) -> str:
    return page.t(f"relation_{relation.replace('-', '_')}")


# ---- the page -----------------------------------------------------------------------------------------

def compare_page(site: model.Site, newer: model.Edition, older: model.Edition, lang: str) -> str:
    page = Page(site, lang)
    title = page.t("compare_title", newer=newer.name, older=older.name)
    names = {"newer": english(newer.name), "older": english(older.name)}
    page.heading(1, page.t_runs("compare_title", **names), "top")
    found = concordance.comparison(newer, older)
    missing = next((e for e in (older, newer) if not e.has_text), None)
    if missing:
        page.add(notice(page.t_html("compare_not_imported", edition=english(missing.name))))
        edition_facts(page, missing)
    elif not found.confirmed:
        page.add(notice(page.t_html("compare_unconfirmed", **names)))
    else:
        overview(page, found)
        here = compare_path(older.id)
        for row in found.rows:
            row_section(page, found, row, here)
    return page.render(title)


def notice(markup: str) -> str:
    return f'<div class="admonition info" role="note"><p>{markup}</p></div>'


def overview(page: Page, found: concordance.Comparison):
    names = {"newer": english(found.newer.name), "older": english(found.older.name)}
    page.add(f'<p class="vp-intro">{page.t_html("compare_intro", **names)}</p>')
    page.heading(2, page.t("compare_overview"), "overview")
    cells = "".join(f"<tr><th scope=\"row\">{escape(relation_label(page, r))}</th><td>{n}</td></tr>"
                    for r, n in found.counts().items())
    head = f'<tr><th scope="col">{escape(page.t("compare_relation"))}</th><th scope="col">{escape(page.t("compare_count"))}</th></tr>'
    page.add(f'<table class="vp-counts"><thead>{head}</thead><tbody>{cells}</tbody></table>')
    caption = page.t_html("compare_picture", **names)
    page.add(f'<figure class="vp-concordance">{concordance_svg(page, found)}<figcaption>{caption}</figcaption></figure>')


def row_section(page: Page, found: concordance.Comparison, row: concordance.Row, here: str):
    subject = row.newer or row.older[0]
    edition = found.newer if row.newer else found.older
    label = page.t_runs("principle_in", edition=english(edition.name), number=subject.number)
    if subject.title:
        page.heading(2, subject.title, row.anchor, prefix=label + [colon(page.lang)])
    else:
        page.heading(2, label, row.anchor)
    page.add(relation_line(page, found, row, here))
    title_ops, body_ops, lang = row_ops(page, row)
    attrs = lang_attrs(model.Text("", lang, model.OFFICIAL), page.lang)  # English when a side is untranslated
    note = "" if lang == page.lang else page.fallback_note(model.Text("", lang, model.MISSING))
    inline = redline_html(page, title_ops, css="vp-redline-title") + redline_html(page, body_ops)
    page.add(f'{note}<div class="vp-redline"{attrs}>{inline}</div>')
    page.add(side_by_side(page, found, row, title_ops, body_ops, attrs))


def relation_line(page: Page, found: concordance.Comparison, row: concordance.Row, here: str) -> str:
    relation = f'<strong class="vp-relation-name">{escape(relation_label(page, row.relation))}</strong>'
    if row.newer is None:
        links = principle_ref(page, here, found.older, row.older[0])
        dropped = page.t_html("not_carried_into", edition=english(found.newer.name))
        return f'<p class="vp-relation">{relation} — {links}{escape(comma(page.lang))}{dropped}</p>'
    links = [principle_ref(page, here, found.newer, row.newer)]
    sources = [principle_ref(page, here, found.older, p) for p in row.older]
    derived = f' {escape(page.t("derives_from"))} ' + listing(sources, page.lang) if sources else ""
    return f'<p class="vp-relation">{relation} — {links[0]}{derived}</p>'


def side_by_side(page: Page, found, row, title_ops, body_ops, attrs: str) -> str:
    older, newer = english(found.older.name), english(found.newer.name)
    headers = [page.t_html("principle_in", edition=older, number=listing((str(p.number) for p in row.older), page.lang))
               if row.older else runs_html([older], page.lang),
               page.t_html("principle_in", edition=newer, number=row.newer.number) if row.newer else runs_html([newer], page.lang)]
    cells = [redline_html(page, title_ops, keep, "vp-redline-title") + redline_html(page, body_ops, keep)
             for keep in (("=", "-"), ("=", "+"))]
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    body = "".join(f"<td{attrs}>{cell}</td>" for cell in cells)
    return (f'<details class="vp-sides"><summary>{escape(page.t("side_by_side"))}</summary>'
            f'<table><thead><tr>{head}</tr></thead><tbody><tr>{body}</tr></tbody></table></details>')


# ---- the picture -------------------------------------------------------------------------------------

ROW_HEIGHT, TOP, BOX_W, BOX_H = 20, 48, 44, 16
OLD_X, NEW_X, WIDTH = 170, 426, 640
STYLES = {  # relation -> stroke colour and dash pattern (the pattern and a text label, never colour alone)
    "carried-over": ("#616161", ""), "revised": ("#3949ab", ""), "merged": ("#00796b", "7 3"),
    "split": ("#8e24aa", "2 3"),
}


def concordance_svg(page: Page, found: concordance.Comparison) -> str:
    older, newer = found.older.principles, found.newer.principles
    y_old = {p.id: TOP + i * ROW_HEIGHT for i, p in enumerate(older)}
    y_new = {p.id: TOP + i * ROW_HEIGHT for i, p in enumerate(newer)}
    height = TOP + max(len(older), len(newer)) * ROW_HEIGHT + 8
    first_row = {}
    for row in found.rows:
        for p in row.older:
            first_row.setdefault(p.id, row.anchor)
    parts = [svg_column_heads(found)]
    for row in found.rows:
        parts += svg_row(page, row, y_old, y_new)
    parts += [svg_box(p, OLD_X, y_old[p.id], first_row.get(p.id, "")) for p in older]
    parts += [svg_box(p, NEW_X, y_new[p.id], p.anchor) for p in newer]
    label = page.t("compare_picture", newer=found.newer.name, older=found.older.name)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(label)}" viewBox="0 0 {WIDTH} {height}" '
            f'width="{WIDTH}" height="{height}" font-family="sans-serif" font-size="12" direction="ltr">'
            f"<title>{escape(label)}</title>" + "".join(parts) + "</svg>")


def svg_column_heads(found) -> str:
    return "".join(f'<text x="{x + BOX_W / 2}" y="{TOP - 16}" text-anchor="middle" font-weight="bold" lang="en">{escape(e.name)}</text>'
                   for x, e in ((OLD_X, found.older), (NEW_X, found.newer)))


def svg_row(page: Page, row: concordance.Row, y_old: dict, y_new: dict) -> list:
    label = escape(relation_label(page, row.relation))
    if row.newer is None:
        y = y_old[row.older[0].id] + BOX_H - 4
        return [f'<text x="{OLD_X - 8}" y="{y}" text-anchor="end" fill="#b71c1c">{label}</text>']
    y = y_new[row.newer.id] + BOX_H / 2
    parts = [f'<text x="{NEW_X + BOX_W + 8}" y="{y + 4}">{label}</text>']
    colour, dash = STYLES.get(row.relation, ("#616161", ""))
    for p in row.older:
        y0 = y_old[p.id] + BOX_H / 2
        middle = (OLD_X + BOX_W + NEW_X) / 2
        path = f"M{OLD_X + BOX_W},{y0} C{middle},{y0} {middle},{y} {NEW_X},{y}"
        title = f"{p.number} → {row.newer.number}{colon(page.lang)}{relation_label(page, row.relation)}"
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.5"{dashes}>'
                     f"<title>{escape(title)}</title></path>")
    return parts


def svg_box(principle: model.Principle, x: int, y: int, anchor: str) -> str:
    box = (f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="3" fill="#fff" stroke="#9e9e9e"/>'
           f'<text x="{x + BOX_W / 2}" y="{y + BOX_H - 4}" text-anchor="middle">{principle.number}</text>')
    return f'<a href="#{escape(anchor)}">{box}</a>' if anchor else box


# ---- links from other pages ---------------------------------------------------------------------------

def lineage(site: model.Site, edition: model.Edition, principle: model.Principle, lang: str, here: str) -> str:
    """'Derives from Bogotá 2013, principle 5 (revised) · comparison' and 'Carried forward into …' lines."""
    page = Page(site, lang)
    lines = []
    for older, relation, principles in concordance.predecessors(site, edition, principle):
        refs = listing((principle_ref(page, here, older, p) for p in principles), lang)
        compare = to_edition(here, edition.id, compare_path(older.id)) + f"#{principle.anchor}"
        lines.append(lineage_line(page, page.t("derives_from_label"), refs, relation, compare))
    for newer, relation, principles in concordance.successors(site, edition, principle):
        refs = listing((principle_ref(page, here, newer, p) for p in principles), lang) or runs_html([english(newer.name)], lang)
        anchor = principles[0].anchor if principles else f"dropped-{principle.number}"
        compare = to_edition(here, newer.id, compare_path(edition.id)) + f"#{anchor}"
        key = "not_carried_label" if relation == concordance.DROPPED else "carried_into_label"
        lines.append(lineage_line(page, page.t(key), refs, relation, compare))
    return "".join(lines)


def lineage_line(page: Page, label: str, refs: str, relation: str, compare: str) -> str:
    return (f'<p class="vp-lineage"><strong>{escape(label)}</strong>{escape(colon(page.lang))}{refs} '
            f'({escape(relation_label(page, relation))}) · '
            f'<a href="{escape(compare)}">{escape(page.t("see_comparison"))}</a></p>\n')


def comparison_links(site: model.Site, edition: model.Edition, lang: str, here: str) -> str:
    """From an edition's home: its comparison pages with earlier editions and later editions' with it."""
    page = Page(site, lang)
    pairs = [(edition, site.edition(o)) for o in edition.predecessors]
    pairs += [(newer, edition) for newer in site.editions if edition.id in newer.predecessors]
    items = "".join(f'<li><a href="{escape(to_edition(here, n.id, compare_path(o.id)))}">'
                    f'{page.t_html("compare_title", newer=english(n.name), older=english(o.name))}</a></li>' for n, o in pairs)
    return f'<h2 id="comparisons">{escape(page.t("comparisons"))}</h2>\n\n<ul class="vp-list">{items}</ul>\n' if items else ""


def with_comparisons(site: model.Site, edition: model.Edition, lang: str, pages: dict) -> dict:
    """An edition's pages plus its comparison pages, with lineage lines on principle pages and links to
    the comparisons on the home page."""
    pages = dict(pages)
    for older_id in edition.predecessors:
        pages[f"compare/{older_id}.md"] = compare_page(site, edition, site.edition(older_id), lang)
    for principle in edition.principles:
        path = f"principles/{principle.number}.md"
        pages[path] += "\n" + lineage(site, edition, principle, lang, principle_page(principle))
    pages["index.md"] += "\n" + comparison_links(site, edition, lang, "")
    return pages
