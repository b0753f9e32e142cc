"""A commented skeleton thesis, the starting point ``argmap new`` writes."""

from __future__ import annotations

_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A new argmap thesis. Every field is explained in docs/format.md.
# Check it as you go:  argmap validate {id}.yaml --sources DIR_WITH_THE_SOURCE_TEXT
argmap: 1
id: {id}
author: Name of the author            # as the text gives it; add "(inferred)" if you inferred it
work: Title of the work
year: null                            # year of publication, or null
source:
  file: source.txt                    # file name of the text the quotes come from
  citation: Author, Title (Publisher, Year)
scope: What the text covers, e.g. 1921-1928   # silence outside the scope is not denial
explains: {outcome}                   # the outcome factor this thesis explains
thesis: >
  The author's whole account in a paragraph, in your own words.

claims:                               # what the author asserts, paraphrased
  - id: first_cause
    text: A cause the author names, in your own words.
    factor: {factor}                  # a factor id from the taxonomy (argmap list --factors)
    role: contributing                # root | main | direct | trigger | contributing | background
    # author_term: "root cause"       # the author's own word for the weight, if any
    # when: 1927
    evidence:
      - quote: "Verbatim words from the source, a sentence or two."
        locator: {{line: 1}}          # line of the source file where the quote starts
        # cites: the author's own source, if the text gives one

links:                                # causal links: claim -> claim, or claim -> outcome
  - from: first_cause
    to: {outcome}
    relation: causes                  # causes | contributes_to | enables | aggravates | undermines | prevents
    inferred: true                    # false when the author states the link (then add evidence)

rejects: []                           # views the author argues against: id, text, factor, evidence
"""


def skeleton(thesis_id: str, outcome: str, factor: str, schema: str) -> str:
    """The text of a new thesis file with id ``thesis_id`` explaining ``outcome``.

    ``schema`` is the path or URL of the JSON Schema for the editor modeline.
    """
    return _TEMPLATE.format(id=thesis_id, outcome=outcome, factor=factor, schema=schema)
