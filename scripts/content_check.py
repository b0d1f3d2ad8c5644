"""The hand-written pages, content/<lang>/<name>.md, checked like every other input (pure functions).

Each file must be one of the pages the site has (permalinks.CONTENT_PAGES) in one of its languages, in
UTF-8, without front matter (a page's title is its interface string, ui/<name>, translated in the
catalogs). Its Markdown is rendered as the build renders it (Python-Markdown with mkdocs' and mkdocs.yml's
extensions) and the HTML that comes out is parsed as a browser parses it (html5lib); then:

- only these elements: a abbr b blockquote br caption cite code dd del details dfn div dl dt em figcaption
  figure h1-h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub summary sup table tbody td
  tfoot th thead time tr u ul var, with the attributes id class lang dir title on any of them and the few
  listed in ATTRIBUTES on some: never a script, style, form, frame, embed, meta (no `http-equiv="refresh"`),
  an event handler (`on...`) or a `style` attribute;
- links (href, src, cite) go to an http(s) or mailto address, or to a page or file the build publishes,
  resolved from where the page stands in every edition and language that shows it; never `javascript:`,
  `data:` or any other scheme; images only from the site itself (no request to another host).

Every problem is `content/<lang>/<name>.md:LINE: what is wrong`; LINE is where the offending text first
appears in the file.
"""
import html
import json
import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from . import model
from .config import LANGUAGE_CODES
from .errors import PipelineError
from .fileio import read_bytes
from .load import decode_utf8, parse_source
from .permalinks import CONTENT_PAGES, site_path

ELEMENTS = frozenset("a abbr b blockquote br caption cite code dd del details dfn div dl dt em figcaption figure "
                     "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub summary "
                     "sup table tbody td tfoot th thead time tr u ul var".split())
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "lang", "dir", "title"})
ATTRIBUTES = {"a": {"href", "hreflang"}, "img": {"src", "alt", "width", "height"}, "ol": {"start", "reversed", "type"},
              "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"}, "time": {"datetime"},
              "details": {"open"}, "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite"}, "ins": {"cite"}}
URL_ATTRIBUTES = ("href", "src", "cite")
LINK_SCHEMES = ("http", "https", "mailto")
MKDOCS_EXTENSIONS = ["toc", "tables", "fenced_code"]  # what mkdocs always adds to mkdocs.yml's
BASE = "https://site.invalid/"  # stands for the site root when resolving relative links


# ---- reading ------------------------------------------------------------------------------------------

def read_pages(directory, extensions: list) -> dict:
    """(lang, name) -> Markdown of every page in `directory`; PipelineError with every problem of every file."""
    pages, problems = {}, []
    known_files = ", ".join(f"{name}.md" for name in CONTENT_PAGES)
    for folder in listing(directory, f"{directory.name}/"):
        if folder.name not in LANGUAGE_CODES or not folder.is_dir():
            problems.append(f"{directory.name}/{folder.name}: not a language folder (content/<language>/ with "
                            f"language one of {', '.join(LANGUAGE_CODES)}): remove or rename it")
            continue
        for path in listing(folder, f"{directory.name}/{folder.name}/"):
            name = f"{directory.name}/{folder.name}/{path.name}"
            if path.suffix != ".md" or path.stem not in CONTENT_PAGES:
                problems.append(f"{name}:1: not a page the site has (the hand-written pages are {known_files}; "
                                f"every other page is made from principles.yaml): rename or remove it")
                continue
            try:
                text = decode_utf8(read_bytes(path, name), name)
            except PipelineError as err:
                problems += err.problems
                continue
            found = front_matter_problems(name, text, path.stem) + html_problems(name, text, extensions)
            problems += found
            if not found:
                pages[(folder.name, path.stem)] = text
    if problems:
        raise PipelineError(problems)
    return pages


def listing(folder, name: str) -> list:
    try:
        return sorted(folder.iterdir())
    except FileNotFoundError:
        raise PipelineError(f"{name}: missing (the hand-written pages, content/en/about.md, ...)") from None
    except OSError as err:
        raise PipelineError(f"{name}: cannot read: {err.strerror}") from None


def markdown_extensions(mkdocs_config: dict) -> tuple:
    """(names, configs) of the Markdown extensions mkdocs builds with (mkdocs.yml's `markdown_extensions`)."""
    names, configs = list(MKDOCS_EXTENSIONS), {}
    for item in mkdocs_config.get("markdown_extensions") or []:
        name, config = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if config:
            configs[name] = config
    return names, configs


def front_matter_problems(name: str, text: str, page: str) -> list:
    """A page does not have front matter: broken YAML is named with its line, keys are refused (unused)."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return []
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return [f"{name}:1: front matter opened with --- is never closed (a line with --- ends it); "
                f"this site's pages have no front matter: remove it"]
    block = "\n".join([""] + lines[1:end])  # line numbers as in the file
    if not block.strip():
        return [f"{name}:1: empty front matter (the --- lines at the start): remove it"]
    try:
        source = parse_source(block, name)
    except PipelineError as err:
        return [problem.replace(": YAML syntax error:", ": front matter: YAML syntax error:", 1) for problem in err.problems]
    if not isinstance(source.data, dict):
        return [f"{name}:2: front matter must be `key: value` lines, and this site's pages have none: remove it"]
    return [f"{name}:{source.line((key,))}: front matter: {key!r} is not used: the page's title is the interface "
            f"string ui/{page} (translations/<language>.po); remove the front matter (lines 1-{end + 1})"
            for key in source.data]


# ---- the HTML it becomes ------------------------------------------------------------------------------

def rendered(text: str, extensions: tuple) -> list:
    """The elements of the page's HTML as a browser would parse it (html5lib), in document order."""
    names, configs = extensions
    return rendered_once(text, tuple(names), json.dumps(configs, sort_keys=True))


@lru_cache(maxsize=64)  # the HTML check and the link check read the same pages
def rendered_once(text: str, names: tuple, configs: str) -> list:
    # Imported here: `check` renders the pages in its second process (commands.read_content_links), and the
    # first one starts faster without them.
    import html5lib
    import markdown

    html = markdown.Markdown(extensions=list(names), extension_configs=json.loads(configs)).convert(text)
    tree = html5lib.parseFragment(html, namespaceHTMLElements=False)
    return [element for element in tree.iter() if isinstance(element.tag, str) and element is not tree]


def line_of(text: str, *needles) -> int:
    """Line of the first needle found in text (case-insensitive; also with its character references
    decoded, as `&#58;` in an attribute), else 1."""
    for haystack in (text, html.unescape(text)):
        lowered = haystack.lower()
        for needle in needles:
            index = lowered.find(str(needle).lower()) if needle else -1
            if index >= 0:
                return haystack.count("\n", 0, index) + 1
    return 1


def clean_url(value: str) -> str:
    """A URL as browsers read it: surrounding spaces and controls dropped, tabs and line breaks inside removed."""
    return re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14"
                                                 "\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")


def html_problems(name: str, text: str, extensions: tuple) -> list:
    """Elements, attributes and URL schemes outside the allow-list (module docstring)."""
    problems = []
    try:
        elements = rendered(text, extensions)
    except Exception as err:  # an extension failing on odd input: the file is still named
        return [f"{name}:1: cannot render the Markdown ({type(err).__name__}: {err})"]
    for element in elements:
        tag = element.tag
        if tag not in ELEMENTS:
            problems.append(f"{name}:{line_of(text, '<' + tag)}: HTML element <{tag}> is not allowed in a page "
                            f"(no script, style, form, frame, meta or embedded content): remove it")
            continue
        for attribute, value in element.attrib.items():
            if not isinstance(attribute, str) or attribute not in GLOBAL_ATTRIBUTES | ATTRIBUTES.get(tag, set()):
                what = "an event handler" if str(attribute).lower().startswith("on") else "not allowed"
                problems.append(f"{name}:{line_of(text, f'{attribute}=', attribute)}: attribute {attribute!r} on "
                                f"<{tag}> is {what}: remove it")
            elif attribute in URL_ATTRIBUTES:
                scheme = urlsplit(clean_url(value)).scheme.lower()
                if scheme and scheme not in LINK_SCHEMES:
                    problems.append(f"{name}:{line_of(text, value, scheme + ':')}: {scheme}: URLs are not allowed "
                                    f"({value[:60]!r}): link to an http, https or mailto address, or to a page of the site")
    return problems


# ---- links against what the build publishes ------------------------------------------------------------

def links(text: str, extensions: tuple):
    """(element, attribute, URL) of every link and image of a page."""
    for element in rendered(text, extensions):
        for attribute in URL_ATTRIBUTES:
            if attribute in element.attrib:
                yield element.tag, attribute, clean_url(element.attrib[attribute])


def page_links(pages: dict, extensions: tuple) -> dict:
    """(lang, name) -> the (tag, URL) of every link and image of the page, once each: what link_problems
    checks, read where the pages are rendered (for `check`, in its second process)."""
    return {key: list(dict.fromkeys((tag, url) for tag, _, url in links(text, extensions))) for key, text in pages.items()}


def target(url: str, here: str, site_url: str):
    """The site path a URL on the page at site path `here` leads to; None for another site or a mailto."""
    if url.startswith(site_url):
        url = "/" + url[len(site_url):]
    parts = urlsplit(urljoin(BASE + here, url))
    if parts.scheme + "://" + parts.netloc + "/" != BASE:
        return None
    return parts.path[1:]


def link_problems(pages: dict, found_links: dict, site: model.Site, site_url: str, published: frozenset,
                  directory: str = "content") -> list:
    """Every link of every page that does not lead to something the build publishes, from each edition and
    language that shows the page (a language without its own version shows the English one); found_links:
    page_links(pages); published: the site's render.data.published_paths."""
    published = published | {path.rstrip("/") + "/" for path, _ in site.redirects}
    problems = []
    for (lang, name), text in sorted(pages.items()):
        shown_in = [code for code in LANGUAGE_CODES if code == lang or (lang == "en" and (code, name) not in pages)]
        places = [site_path(edition.id, code, f"{name}/") for edition in site.editions for code in shown_in]
        for tag, url in found_links[(lang, name)]:
            problem = link_problem(tag, url, places, published, site_url)
            if problem:
                problems.append(f"{directory}/{lang}/{name}.md:{line_of(text, url)}: {problem}")
    return problems


def link_problem(tag: str, url: str, places: list, published: frozenset, site_url: str) -> str:
    what = "image" if tag == "img" else "link"
    for here in places:
        path = target(url, here, site_url)
        if path is None:  # another site, or an address (mailto:)
            if tag == "img":
                return f"image {url!r} is on another site: the site makes no request to another host (put it on the site)"
            return ""
        if path not in published:
            hint = " (write it with a final /)" if path + "/" in published else ""
            return f"{what} {url!r} leads to /{path} from /{here}, which the site does not publish{hint}"
    return ""
