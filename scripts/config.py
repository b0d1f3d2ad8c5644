"""Constants defined once: repository paths and the six UN languages."""
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_FILE = ROOT / "principles.yaml"
SCHEMA_FILE = ROOT / "principles.schema.json"
TRANSLATIONS_DIR = ROOT / "translations"
CONTENT_DIR = ROOT / "content"
MKDOCS_FILE = ROOT / "mkdocs.yml"
PERMALINK_LOCK = ROOT / "permalinks.lock"
SITE_DIR = ROOT / "site"


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47 / gettext code
    name: str  # the language's own name, for the language switcher
    rtl: bool = False
    locale: str = ""  # CLDR locale for dates and numbers, when not the code itself
    iso3: str = ""  # ISO 639-2/T code, used by Akoma Ntoso identifiers (AKN4UN: eng, fra, ...)
    # gettext's Plural-Forms as msginit and Poedit write it: CLDR's integer categories in CLDR order
    # (zero, one, two, few, many, other); ./vp check accepts any formula that gives the same form for
    # n = 0 to 1000 (Weblate's, without the parentheses, too)
    plural_forms: str = "nplurals=2; plural=(n != 1);"

    @property
    def babel_locale(self) -> str:
        return self.locale or self.code

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"


LANGUAGES = (
    Language("en", "English", locale="en_GB", iso3="eng"),  # UN English writes 9 June 2025
    Language("fr", "Français", iso3="fra", plural_forms="nplurals=2; plural=(n > 1);"),
    Language("es", "Español", iso3="spa"),
    Language("ru", "Русский", iso3="rus", plural_forms="nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
             "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"),
    Language("zh", "中文", iso3="zho", plural_forms="nplurals=1; plural=0;"),
    Language("ar", "العربية", rtl=True, iso3="ara", plural_forms="nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
             "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"),
)
DEFAULT_LANGUAGE = LANGUAGES[0]
LANGUAGE_CODES = tuple(lang.code for lang in LANGUAGES)
TRANSLATED_LANGUAGES = LANGUAGES[1:]


def language(code: str) -> Language:
    return next(lang for lang in LANGUAGES if lang.code == code)
