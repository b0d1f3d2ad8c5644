"""What the browser gates visit, defined once, and how a test uses the site's search.

AUDITED_PAGES is the list the accessibility (axe), Content-Security-Policy and third-party-request gates
run on, in every language of AUDITED_LANGUAGES. Add a page here when a new kind of page is added (the
comparison view, the translation status page, ...): paths relative to a language's root.
"""
from scripts.permalinks import lang_prefix

AUDITED_PAGES = (
    "valletta-2025/",  # home of the edition
    "valletta-2025/principles/13/",  # a principle page
    "valletta-2025/text/",  # the full text
    "valletta-2025/summary/",  # the Summary of Discussions
)
AUDITED_LANGUAGES = ("en", "ar", "zh")  # left-to-right, right-to-left, CJK


def audited_paths() -> list:
    """Site paths of every audited page in every audited language ('ar/valletta-2025/text/', ...)."""
    return [lang_prefix(lang) + page for lang in AUDITED_LANGUAGES for page in AUDITED_PAGES]


def search(page, query):
    """Type a query; retype while the search worker is still loading its index (it ignores early input)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    for _ in range(12):
        try:
            # a locator, not wait_for_function: that compiles its predicate with eval, which the CSP refuses
            page.locator(".md-search-result__item").first.wait_for(timeout=5_000)
            break
        except Exception:  # playwright's TimeoutError: the index was not ready yet; type again
            box.press("End")
            box.press("Space")
            box.press("Backspace")
    return page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")


def csp_violations(page) -> list:
    """Violations the page reported (securitypolicyviolation events) or logged to the console."""
    reported = page.evaluate("window.__csp_violations || []")
    return reported + [e for e in page.errors if "Content Security Policy" in e]
