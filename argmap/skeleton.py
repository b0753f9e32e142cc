"""A commented skeleton thesis, the starting point ``argmap new`` writes."""

from __future__ import annotations

from .format import FORMAT_VERSION, POSITION_BASES, REJECTION_SCOPES, RELATIONS, ROLES

_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A new argmap thesis. Every field is explained in docs/format.md.
# Check it as you go:  argmap validate {id}.yaml --sources DIR_WITH_THE_SOURCE_TEXT
argmap: {version}
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
    role: contributing                # {roles}
    # author_term: "root cause"       # the author's own word for the weight, if any
    # when: 1927
    evidence:
      - quote: "Verbatim words from the source, a sentence or two."
        locator: {{line: 1}}          # line of the source file where the quote starts
        # cites: the author's own source, if the text gives one

links:                                # causal links: claim -> claim, or claim -> outcome
  - from: first_cause
    to: {outcome}
    relation: causes                  # {relations}
    inferred: true                    # false when the author states the link (then add evidence)

rejects: []                           # views the author argues against, e.g.:
#  - id: a_view
#    text: The view the author argues against, in your own words.
#    factor: {factor}
#    scope: factor                    # {scopes}
#    evidence:
#      - quote: "Verbatim words where the author rejects it."
#        locator: {{line: 1}}

positions: []                         # answers to the debate's questions (argmap list --questions), e.g.:
#  - question: a_question_id
#    answer: yes                      # one of the question's answer ids
#    basis: stated                    # {bases}
#    gloss: The author's answer, in your own words.
#    evidence:                        # at least one quote when the basis is stated
#      - quote: "Verbatim words of the author."
#        locator: {{line: 1}}
"""


def skeleton(thesis_id: str, outcome: str, factor: str, schema: str) -> str:
    """The text of a new thesis file with id ``thesis_id`` explaining ``outcome``.

    ``schema`` is the path or URL of the JSON Schema for the editor modeline.
    """
    return _TEMPLATE.format(id=thesis_id, outcome=outcome, factor=factor, schema=schema, version=FORMAT_VERSION,
                            roles=" | ".join(ROLES), relations=" | ".join(RELATIONS),
                            scopes=" | ".join(REJECTION_SCOPES), bases=" | ".join(POSITION_BASES))
