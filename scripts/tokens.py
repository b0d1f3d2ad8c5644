"""Text as tokens for word-level comparison, in any of the six languages.

Chinese is written without spaces: each Han character (and CJK punctuation) is a token of its own. Other
scripts (Latin, Cyrillic, Arabic) are cut into words: runs of letters, digits and combining marks (Arabic
vowel signs stay on their word). Each punctuation mark and each run of white space is a token too, so that
joining the tokens gives back the text exactly.
"""
import unicodedata

SPACE, WORD, SINGLE = "space", "word", "single"


def is_cjk(char: str) -> bool:
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFE30 <= code <= 0xFE4F
            or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3FFFF)


def kind(char: str) -> str:
    if char.isspace():
        return SPACE
    if is_cjk(char) or unicodedata.category(char)[0] in "PS":
        return SINGLE
    return WORD  # letters, digits, combining marks


def tokens(text: str) -> list:
    """'Member States, 成员国' -> ['Member', ' ', 'States', ',', ' ', '成', '员', '国']."""
    result = []
    for char in text:
        current = kind(char)
        if result and current != SINGLE and kind(result[-1][-1]) == current:
            result[-1] += char
        else:
            result.append(char)
    return result


def words(text: str) -> list:
    """The tokens that carry meaning: no white space, no punctuation."""
    return [t for t in tokens(text) if kind(t[0]) == WORD or is_cjk(t[0]) and unicodedata.category(t[0])[0] == "L"]
