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
scope: What the text covers (years, places, topics)   # silence outside the scope is not denial
explains: {outcome}                   # the outcome factor this thesis explains
thesis: >
  The author's whole account in a paragraph, in your own words.

claims:                               # what the author asserts, paraphrased
  - id: first_cause
    text: A cause the author names, in your own words.
    factor: {factor}                  # a factor id from the taxonomy (argmap list --factors)
    role: contributing                # {roles}
    # author_term: "root cause"       # the author's own word for the weight, if any
    # when: the year or years the claim is about
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


_TAXONOMY_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# The taxonomy of a new argmap debate: the question it argues about, the factors that make
# different authors comparable, the outcome they explain and the questions they disagree on.
# Every field is explained in docs/format.md. Rename and rewrite everything below; check as
# you go with:  argmap validate {folder}
argmap: {version}
kind: taxonomy
debate: {question}
outcome: the_outcome                  # the factor every thesis explains (its `explains:`)

categories:                           # families of causes; a colour each (a colour-blind-safe palette)
  - id: economy
    label: Economic causes
    colour: "#EEDD88"
  - id: politics
    label: Political causes
    colour: "#EE8866"
  - id: ideas
    label: Ideas and beliefs
    colour: "#77AADD"
  - id: result
    label: What is explained
    colour: "#DDDDDD"

factors:                              # what authors take positions on; one sentence each
  - id: the_outcome
    label: The outcome
    category: result
    description: What the debate sets out to explain, in one sentence.
  - id: economic_strain
    label: Economic strain
    category: economy
    description: An example factor; replace it with a cause the authors actually discuss.
  - id: political_conflict
    label: Political conflict
    category: politics
    description: An example factor; replace it with a cause the authors actually discuss.
  - id: beliefs
    label: Beliefs of the actors
    category: ideas
    description: An example factor; replace it with a cause the authors actually discuss.

questions:                            # what the authors disagree about when they disagree about facts
  - id: inevitable
    question: Was the outcome inevitable?
    # answers default to yes / no; name others like this:
    # answers:
    #   - id: inevitable
    #     label: Inevitable
    #   - id: avoidable
    #     label: Avoidable
"""

SOURCES_README = """\
# Source texts

Put here the texts your theses quote, one file per work. argmap checks every quote
verbatim against them (`argmap validate CORPUS --sources CORPUS/sources`), so a quote's
`locator: {line: N}` is a line of the file here.

A source must be plain UTF-8 text with one paragraph per line. Texts rarely come like that,
so prepare each with:

    argmap source add FILE --sources THIS_FOLDER

It reads a saved web page (.html: only the article is kept, not menus or footers),
Markdown (.md), a PDF with a text layer (.pdf; a scanned PDF needs OCR first) or a plain
text wrapped by hand (.txt), and writes NAME.txt here with NAME.origin.json beside it,
recording the original file and its checksum. The words are never changed: quote from the
prepared file.

The converters are optional: `pip install 'argmap[sources]'`.

Keep only short quotations in the theses. If a text is under copyright, do not publish
this folder with your corpus; share the theses and say where the texts can be found.
"""


def taxonomy_skeleton(question: str, folder: str, schema: str) -> str:
    """The text of a new debate's ``factors.yaml``: valid as it stands, nothing of any real debate in it."""
    import json

    # JSON string syntax is valid YAML and escapes anything a user types.
    return _TAXONOMY_TEMPLATE.format(question=json.dumps(question, ensure_ascii=False), folder=folder,
                                     schema=schema, version=FORMAT_VERSION)
