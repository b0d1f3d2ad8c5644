"""`./vp check` works on both cores (scripts/parallel.py): what the second process finds arrives whole and in
its place, a second process that dies is named, and the checks split across processes report exactly what
they report in one."""
import os
import signal

import pytest

from scripts import catalogs, parallel, translation_check
from scripts.config import TRANSLATED_LANGUAGES
from scripts.errors import PipelineError


def problems_of(function):
    with pytest.raises(PipelineError) as caught:
        function()
    return caught.value.problems


def test_the_result_and_the_problems_of_the_second_process_arrive_whole():
    with parallel.in_background(lambda: {"pages": ["a", "b"]}) as result:
        assert result() == {"pages": ["a", "b"]}
        assert result() == {"pages": ["a", "b"]}  # waited for once, kept

    def refused():
        raise PipelineError(["x.md:1: first problem", "x.md:2: second problem"])

    with parallel.in_background(refused) as result:
        assert problems_of(result) == ("x.md:1: first problem", "x.md:2: second problem")


def test_an_os_error_of_the_second_process_is_raised_as_it_was():
    def unreadable():
        raise PermissionError(13, "Permission denied", "content/en/about.md")

    with parallel.in_background(unreadable) as result:
        with pytest.raises(PermissionError) as caught:
            result()
    assert (caught.value.strerror, caught.value.filename) == ("Permission denied", "content/en/about.md")


def test_a_second_process_that_is_killed_is_named_not_waited_for_forever():
    with parallel.in_background(lambda: os.kill(os.getpid(), signal.SIGKILL)) as result:
        assert problems_of(result) == ("the second process of this command stopped before it answered",)


def test_the_catalogs_checked_in_two_processes_give_what_one_process_gives(repo_copy):
    """Broken catalogs in both processes' halves (and a missing one): the same problems, in the same order,
    and the same parsed catalogs."""
    directory = repo_copy / "translations"
    beside = [lang.code for lang in TRANSLATED_LANGUAGES if lang.code in translation_check.BESIDE_LANGUAGES]
    here = [lang.code for lang in TRANSLATED_LANGUAGES if lang.code not in translation_check.BESIDE_LANGUAGES]
    assert beside and here, "both processes check catalogs"
    for lang in (here[0], beside[0]):
        path = catalogs.catalog_path(lang, directory)
        path.write_text(path.read_text(encoding="utf-8").replace('msgstr "', 'msgstr "<script>', 3), encoding="utf-8")
    catalogs.catalog_path(beside[-1], directory).write_text('msgid "x"\nmsgstr "unterminated\n', encoding="utf-8")
    template = catalogs.template_path(directory).read_text(encoding="utf-8")
    alone = translation_check.checked_translations(directory, template, None)
    split = translation_check.checked_translations(directory, template, None, parallel.in_background)
    assert alone[0] == split[0] and len(alone[0]) > 3
    assert sorted(alone[1]) == sorted(split[1])
    assert all(list(alone[1][lang]) == list(split[1][lang]) for lang in alone[1])
