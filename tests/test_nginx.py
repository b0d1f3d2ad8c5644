"""The released site behind a real nginx (Debian's package, installed by ./vp test like chromium), started
on 127.0.0.1 with the configuration `./vp release` writes, and stopped after: every locked URL answers, every
redirect is one 301 to a page, media types, the Content-Security-Policy header, the localised 404, gzip, the
cache lifetimes; and Chromium following a 301 keeps the #fragment."""
import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from contextlib import closing

import brotli
import pytest

from scripts import commands, lock, release
from scripts.config import LANGUAGES
from scripts.errors import PipelineError
from scripts.permalinks import HOME, lang_prefix, principle_page, short_path, site_path
from scripts.render import data, server
from tests import roles
from tests.browsing import open_page

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def released(tmp_path_factory):
    """`./vp release` for the address nginx will serve it at."""
    port = free_port()
    output = tmp_path_factory.mktemp("release") / "release"
    url = f"http://127.0.0.1:{port}/"
    release.release(url, output, nginx_listen=f"127.0.0.1:{port}")
    return output, url, port


@pytest.fixture(scope="session")
def nginx(released, tmp_path_factory):
    assert os.path.exists(NGINX), "Debian's nginx is required: run ./vp test (installs it as root) or apt-get install nginx"
    output, url, port = released
    prefix = tmp_path_factory.mktemp("nginx")
    temp = "".join(f"{kind}_temp_path {prefix}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""  # the workers read the test's private temporary folders
    (prefix / "nginx.conf").write_text(
        f"{user}pid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\nevents {{}}\n"
        f"http {{\naccess_log off;\n{temp}include {output}/nginx.conf;\n}}\n", encoding="utf-8")
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
                               stderr=subprocess.PIPE, text=True)
    for _ in range(100):
        with closing(socket.socket()) as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        assert process.poll() is None, process.stderr.read()
        time.sleep(0.05)
    yield url, port, output / "site"
    process.terminate()
    process.wait(timeout=10)


def get(port: int, path: str, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict((k.lower(), v) for k, v in response.getheaders()), response.read()
    finally:
        connection.close()


def answers(port: int, path: str) -> list:
    """[status, ...] along the way: a page answers [200], a redirect [301, 200]."""
    statuses = []
    for _ in range(3):
        status, headers, _ = get(port, path)
        statuses.append(status)
        if status != 301:
            return statuses
        path = headers["location"]
    return statuses


def test_every_locked_url_and_every_redirect_answers(nginx):
    _, port, _ = nginx
    locked = [entry.path for entry in lock.read_lock()]
    assert locked
    wrong = {path: answers(port, "/" + path) for path in locked if answers(port, "/" + path) not in ([200], [301, 200])}
    assert wrong == {}
    table = data.redirects(commands.read_inputs().site)
    assert table
    for old, new in table:
        for form in server.both_forms(old):
            status, headers, _ = get(port, "/" + form)
            assert (status, headers.get("location")) == (301, "/" + new), form
            assert answers(port, headers["location"]) == [200], new  # one hop


def test_media_types_and_charset(nginx):
    _, port, tree = nginx
    inputs = commands.read_inputs()
    edition = next(e for e in inputs.site.editions if e.has_text)
    wanted = {"bib": "application/x-bibtex; charset=utf-8", "ris": "application/x-research-info-systems; charset=utf-8",
              "akn.xml": "application/akn+xml; charset=utf-8", "json": "application/json; charset=utf-8",
              "pdf": "application/pdf", "html": "text/html; charset=utf-8", "yaml": "application/yaml; charset=utf-8",
              "schema.json": "application/schema+json; charset=utf-8", "css": "text/css; charset=utf-8"}
    for ext, media in wanted.items():
        sample = next(path for path in sorted(tree.rglob(f"*.{ext}")) if edition.id in str(path) or ext.endswith("yaml")
                      or ext == "schema.json")
        _, headers, _ = get(port, "/" + sample.relative_to(tree).as_posix())
        assert headers["content-type"] == media, sample


def a_principle_page(site) -> str:
    """The path of a principle page of the newest edition with text."""
    edition = roles.newest_with_text(site)
    return site_path(edition.id, "en", principle_page(roles.a_principle(edition)))


def test_the_csp_header_equals_the_meta_tag_on_every_kind_of_page(nginx):
    _, port, tree = nginx
    site = commands.read_inputs().site
    home = site_path(roles.newest_with_text(site).id, "en", HOME)
    pages = [home, a_principle_page(site), "ar/404.html", "fr/latest/index.html"]  # a redirect page too
    for path in pages:
        status, headers, body = get(port, "/" + path)
        meta = re.search(rb'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', body).group(1).decode()
        assert headers["content-security-policy"] == meta, path
    _, headers, _ = get(port, "/" + next(p.relative_to(tree).as_posix() for p in tree.rglob("*.pdf")))
    assert "content-security-policy" not in headers  # documents other than pages keep their viewer's own rules


@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES])
def test_a_missing_path_gets_the_localised_404(nginx, lang):
    _, port, _ = nginx
    status, _, body = get(port, f"/{lang_prefix(lang)}no/such/page/")
    assert status == 404
    html = body.decode("utf-8")
    assert re.search(rf'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}"', html)


def test_gzip_and_cache_lifetimes(nginx):
    _, port, tree = nginx
    status, headers, body = get(port, "/" + a_principle_page(commands.read_inputs().site), {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip" and body[:2] == b"\x1f\x8b"
    assert headers["cache-control"] == server.SHORT
    hashed = next(p for p in sorted(tree.rglob("*.css")) if server.HASHED_NAME.search(p.name))
    _, headers, _ = get(port, "/" + hashed.relative_to(tree).as_posix())
    assert headers["cache-control"] == server.IMMUTABLE
    assert get(port, "/_headers")[0] == 404 and get(port, "/_redirects")[0] == 404  # instructions to hosts, not content


def test_every_text_file_has_compressed_copies_of_its_bytes(released):
    """Each .gz and .br copy is its file's bytes (the release compresses each distinct content once)."""
    tree = released[0] / "site"
    texts = [path for path in sorted(tree.rglob("*")) if path.is_file() and path.suffix.lstrip(".") in release.COMPRESSED
             and path.stat().st_size >= release.MIN_COMPRESSED]
    for path in texts:
        raw = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == raw, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == raw, path


def test_chromium_keeps_the_fragment_across_a_301(nginx, browser):
    url, _, _ = nginx
    site = commands.read_inputs().site
    edition = roles.newest_with_text(site)  # the short URL leads to its principle of the newest edition
    kept = {alias for alias, _ in site.aliases}  # aliases principles.yaml keeps at an older edition
    principle = next(p for p in (roles.a_principle(edition), *edition.principles) if short_path("en", p.number) not in kept)
    anchor = principle.paragraph_anchor(principle.paragraphs[0])
    context, page = open_page(browser, url)
    try:
        page.goto(url + short_path("en", principle.number) + f"#{anchor}")
        assert page.url == url + site_path(edition.id, "en", principle_page(principle)) + f"#{anchor}"
        assert page.evaluate("document.querySelector(':target')?.id") == anchor
    finally:
        context.close()


def test_release_refuses_a_placeholder_address_and_writes_nothing(tmp_path):
    output = tmp_path / "release"
    with pytest.raises(PipelineError) as caught:
        release.release(None, output)  # mkdocs.yml's site_url is the placeholder
    (problem,) = caught.value.problems
    assert problem.startswith("mkdocs.yml:") and "is a placeholder" in problem
    with pytest.raises(PipelineError):
        release.release("https://valletta.example.org/", output)
    assert not output.exists() and not (tmp_path / "release.new").exists()


def test_server_files_fit_the_hosts_limits(released):
    output, url, _ = released
    tree = output / "site"
    redirects = (tree / "_redirects").read_text(encoding="utf-8").splitlines()[1:]
    assert len(redirects) <= server.MAX_STATIC_REDIRECTS
    sources = {line.split()[0] for line in redirects}
    for line in redirects:
        old, new, code = line.split()
        assert code == "301" and new not in sources  # one hop
        assert (tree / new.lstrip("/") / "index.html").is_file()
    headers = (tree / "_headers").read_text(encoding="utf-8")
    assert sum(1 for line in headers.splitlines() if line.startswith("/")) <= server.MAX_HEADER_RULES
    assert all(len(line) <= server.MAX_LINE for line in headers.splitlines())
