"""Labels inside sentences: "brought about the end of NEP", not "brought about The end of NEP".

A taxonomy label is written as a title ("The end of NEP", "Stalin's policy choice"). Inside
a sentence its first letter is lower-cased unless the first word is a proper noun or an
acronym. Without a dictionary, two signs tell: the second letter is upper-case ("NEP's",
"USSR", "VSNKh"), or the first word appears capitalised in the middle of a sentence
somewhere in the taxonomy's own text (labels, descriptions, questions, answers), which an
ordinary word ("The", "Grain") never does and a name ("Stalin", "Bolshevik") does.
"""

from __future__ import annotations

import re

from .model import Taxonomy

#: Endings that make a word from a name: Russia-n, Lenin-ist, Bolshevik-s, Trotsky-ism.
_DERIVED = ("n", "an", "ian", "ist", "ists", "ism", "s", "es", "ite", "ites")
_QUOTED = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d')
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w\u00c0-\u024f'\u2019-]*")


def _stem(word: str) -> str:
    """A word without a possessive or trailing punctuation: "Stalin's" -> "Stalin"."""
    return re.sub(r"(['\u2019]s?|[^\w])+$", "", word)


def proper_words(texts) -> frozenset:
    """Names that appear capitalised in the middle of a sentence of ``texts``.

    A word is mid-sentence when the text before it ends in a lower-case letter, a digit or
    a comma, semicolon or dash (not a full stop, question mark, colon, bracket or quote,
    nor the start of the text). A run of capitalised words ("New Economic Policy") is one
    name, recorded whole: its words are not names by themselves ("Economic isolation").
    """
    found = set()
    for text in texts:
        if not text:
            continue
        text = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)  # titles and quotes capitalise freely
        words = list(_WORD.finditer(text))
        i = 0
        while i < len(words):
            m = words[i]
            if not m.group(0)[0].isupper():
                i += 1
                continue
            before = text[:m.start()].rstrip()
            run = [m.group(0)]
            j = i + 1
            while j < len(words) and words[j].group(0)[0].isupper() and \
                    not text[words[j - 1].end():words[j].start()].strip():
                run.append(words[j].group(0))
                j += 1
            if before and (before[-1].islower() or before[-1].isdigit() or before[-1] in ",;-\u2013\u2014"):
                found.add(" ".join([*run[:-1], _stem(run[-1])]))
            i = j
    return frozenset(found)


def taxonomy_proper_words(taxonomy: Taxonomy, theses=()) -> frozenset:
    """The names in a debate's own text: the taxonomy's question, labels, descriptions,
    questions and answers, and the ``theses``' paraphrases, scopes, claims and rejected views."""
    texts = [taxonomy.debate]
    for t in theses:
        texts += [t.thesis, t.scope, *(c.text for c in t.claims), *(r.text for r in t.rejects),
                  *(p.gloss for p in t.positions)]
    texts += [c.label for c in taxonomy.categories.values()]
    for f in taxonomy.factors.values():
        texts += [f.label, f.description]
    for q in taxonomy.questions.values():
        texts += [q.question, *q.answers.values()]
    return proper_words(texts)


def in_sentence(label: str, proper: frozenset = frozenset()) -> str:
    """``label`` as it reads inside a sentence: first letter lower-cased unless a name or acronym.

    Kept as written: a label whose second letter is upper-case ("NEP", "USSR's"), whose
    first word is in ``proper`` (see :func:`proper_words`), or which does not start with a
    capital.
    """
    if not label or not label[0].isupper():
        return label
    first = label.split()[0]
    if len(first) > 1 and first[1].isupper():
        return label
    stem = _stem(first)
    for name in proper:
        # The name itself ("Stalin's"), a word made from it ("Leninist", "Russian"), or a
        # label that opens with a longer name ("New Economic Policy reforms").
        if " " in name:
            if label.startswith(name):
                return label
        elif stem == name or (len(name) >= 4 and stem.startswith(name) and stem[len(name):] in _DERIVED):
            return label
    return label[0].lower() + label[1:]
