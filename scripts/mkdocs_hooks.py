"""MkDocs hooks (added to every generated mkdocs config): two things Material cannot be configured to do.

- Material writes `dir` on <body> only; screen readers and the browser's own UI read it from <html>.
- The language switcher and the hreflang links should point to the same page in the other languages,
  not to their home pages. Every language has the same page paths, so the link is that language's
  build root (config.extra.vp_alternates, written by scripts/render/site.py) plus this page's URL:
  relative for the switcher (works offline), absolute for hreflang (overrides/main.html).
Public hook API only: no monkeypatching of mkdocs-static-i18n.
"""
import re

HTML_TAG = re.compile(r"<html lang=\"([^\"]+)\"")
BODY_DIR = re.compile(r"<body dir=\"(rtl|ltr)\"")


def on_page_context(context, page, config, nav):
    config.extra["alternate"] = [
        {"name": alt["name"], "lang": alt["lang"], "link": alt["root"] + page.url}
        for alt in config.extra.get("vp_alternates", [])
    ]
    # hreflang links for search engines (overrides/main.html): absolute, every language and x-default.
    # The 404 page has no language versions to announce.
    alternates = [] if page.url == "404.html" else config.extra.get("vp_alternates", [])
    context["vp_hreflang"] = [{"lang": alt["lang"], "href": alt["url"] + page.url} for alt in alternates] + [
        {"lang": "x-default", "href": alt["url"] + page.url} for alt in alternates if alt["x_default"]]
    return context


def on_post_page(output, page, config):
    direction = BODY_DIR.search(output)
    if direction:
        output = HTML_TAG.sub(lambda m: f'{m.group(0)} dir="{direction.group(1)}"', output, count=1)
    return output
