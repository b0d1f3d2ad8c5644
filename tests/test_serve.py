"""The preview (./vp serve) gets the files the build writes beside the pages, so its links work; its re-renders
read the sources as a fresh read does, parsing only the file a save changed."""
import pytest

from scripts import commands
from scripts.errors import PipelineError
from scripts.serve import KnownSources, beside_pages
from tests import roles


def test_the_preview_has_the_pdf_downloads_and_data_of_its_edition_and_language(inputs):
    edition = roles.newest_with_text(inputs.site)
    cited = roles.a_principle(edition).anchor
    files = beside_pages(inputs, edition.id, "fr")
    assert files[f"{edition.id}-fr.pdf"].startswith(b"%PDF")
    assert {f"cite/{cited}.bib", f"cite/{cited}.ris", f"cite/{cited}.json", f"data/{edition.id}-fr.json",
            f"data/{edition.id}-fr.akn.xml"} <= files.keys()
    assert not [path for path in files if f"{edition.id}-en" in path or path.startswith(("fr/", "../"))]


# ---- a re-render reads only what a save changed, and reads it as a fresh read would ------------------------

def save_msgstr(po, ctx: str, prefix: str) -> None:
    """Put `prefix` in front of the translation of the message whose msgctxt is `ctx`."""
    text = po.read_text(encoding="utf-8")
    start = text.index(f'msgctxt "{ctx}"')
    at = text.index('msgstr "', start) + len('msgstr "')
    po.write_text(text[:at] + prefix + text[at:], encoding="utf-8")


def test_a_re_render_reads_each_save_as_a_fresh_read_and_parses_only_the_saved_file(repo_copy):
    source, translations = repo_copy / "principles.yaml", repo_copy / "translations"
    known = KnownSources(source, translations)
    assert known.read_inputs() == commands.read_inputs(source, translations)
    untouched = dict(known.catalogs)
    site = known.read_inputs().site
    principle = roles.translated_principle(site, roles.newest_with_text(site), ["fr"])

    save_msgstr(translations / "fr.po", principle.title.id, "Titre enregistré ")
    after_catalog = known.read_inputs()
    assert after_catalog == commands.read_inputs(source, translations)
    assert after_catalog.site.text(principle.title, "fr").value.startswith("Titre enregistré")
    assert [lang for lang in untouched if known.catalogs[lang] is not untouched[lang]] == ["fr"], "only fr.po parsed again"
    kept = known.source

    english = principle.paragraphs[0].unit.english
    first, rest = english.split(" ", 1)
    source.write_text(source.read_text(encoding="utf-8").replace(english, f"{first} saved {rest}", 1), encoding="utf-8")
    after_source = known.read_inputs()
    assert after_source == commands.read_inputs(source, translations) and known.source is not kept


def test_a_bad_save_gets_the_same_problems_as_a_fresh_read_and_the_next_good_one_is_read(repo_copy):
    source, translations = repo_copy / "principles.yaml", repo_copy / "translations"
    known = KnownSources(source, translations)
    known.read_inputs()
    po = translations / "fr.po"
    good = po.read_text(encoding="utf-8")
    for bad in (good.replace('msgstr "', 'msgstr "\\q', 1), good.encode("utf-8").replace(b"\xc3\xa9", b"\xe9", 1)):
        po.write_bytes(bad) if isinstance(bad, bytes) else po.write_text(bad, encoding="utf-8")
        with pytest.raises(PipelineError) as fresh:
            commands.read_inputs(source, translations)
        with pytest.raises(PipelineError) as cached:
            known.read_inputs()
        assert cached.value.problems == fresh.value.problems
    po.write_text(good, encoding="utf-8")
    assert known.read_inputs() == commands.read_inputs(source, translations)
    source.write_text(source.read_text(encoding="utf-8") + "\nnot: [closed\n", encoding="utf-8")
    with pytest.raises(PipelineError) as fresh:
        commands.read_inputs(source, translations)
    with pytest.raises(PipelineError) as cached:
        known.read_inputs()
    assert cached.value.problems == fresh.value.problems and known.source is None
