"""`./vp check` works on both cores (scripts/parallel.py): what the second process finds arrives whole and in
its place, a second process that dies is named, and the checks split across processes report exactly what
they report in one."""
import os
import signal
import subprocess
import sys
import time

import pytest

from scripts import catalogs, parallel, translation_check
from scripts.config import ROOT, TRANSLATED_LANGUAGES
from scripts.errors import PipelineError


def problems_of(function):
    with pytest.raises(PipelineError) as caught:
        function()
    return caught.value.problems


@pytest.fixture(params=[True, False], ids=["forked", "where forking is unsafe"])
def forks(request, monkeypatch):
    """Each test as on Linux, and as where the work stays in this process (parallel.FORKS)."""
    monkeypatch.setattr(parallel, "FORKS", request.param)
    return request.param


def test_the_result_and_the_problems_of_the_second_process_arrive_whole(forks):
    with parallel.in_background(lambda: {"pages": ["a", "b"]}) as result:
        assert result() == {"pages": ["a", "b"]}
        assert result() == {"pages": ["a", "b"]}  # waited for once, kept

    def refused():
        raise PipelineError(["x.md:1: first problem", "x.md:2: second problem"])

    with parallel.in_background(refused) as result:
        assert problems_of(result) == ("x.md:1: first problem", "x.md:2: second problem")


def test_an_os_error_of_the_second_process_is_raised_as_it_was(forks):
    def unreadable():
        raise PermissionError(13, "Permission denied", "content/en/about.md")

    with parallel.in_background(unreadable) as result:
        with pytest.raises(PermissionError) as caught:
            result()
    assert (caught.value.strerror, caught.value.filename) == ("Permission denied", "content/en/about.md")


def test_a_second_process_that_is_killed_is_named_not_waited_for_forever():
    with parallel.in_background(lambda: os.kill(os.getpid(), signal.SIGKILL)) as result:
        assert problems_of(result) == ("the second process of this command stopped before it answered",)


def test_the_catalogs_checked_in_two_processes_give_what_one_process_gives(repo_copy, forks):
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


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl-C", "SIGTERM"])
def test_an_interrupted_check_stops_cleanly_in_both_processes(sent):
    """Ctrl-C (to the whole process group, as a terminal sends it) or SIGTERM at moments spread over a
    check's run: exit status 130 and one message, no traceback of either process, no process left (the
    default action of the signal only before the handlers are set or once the check is done)."""
    for delay in [0.25 + step * 0.05 for step in range(8)]:
        check = subprocess.Popen([sys.executable, "-m", "scripts", "check"], cwd=ROOT, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, start_new_session=True)
        time.sleep(delay)
        try:
            os.killpg(check.pid, sent)
        except ProcessLookupError:  # already done
            pass
        _, stderr = check.communicate(timeout=60)
        assert "Traceback" not in stderr, stderr
        lines = stderr.splitlines()
        if check.returncode == -sent:  # before its handlers were set (while importing), or after its work
            assert lines in ([], ["principles.yaml and translations/ are valid"]), stderr
        elif check.returncode != 0:
            assert check.returncode == 130 and lines[-1].startswith("check interrupted"), stderr
        with pytest.raises(ProcessLookupError):  # nothing of the group is left
            os.killpg(check.pid, 0)
