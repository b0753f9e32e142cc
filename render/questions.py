"""The debate's contested questions as terminal text: the questions with their answers, then
who answers what. Pure: returns a string (``argmap list --questions`` prints it)."""

from __future__ import annotations

import string
import textwrap

from .escape import terminal

#: Marks in the who-answers-what table.
INFERRED_MARK = "*"
SILENT_MARK = "-"


def _letters(n: int) -> list[str]:
    letters = string.ascii_lowercase
    return [letters[i] if i < 26 else letters[i // 26 - 1] + letters[i % 26] for i in range(n)]


def questions_text(taxonomy, theses, width: int = 88) -> str:
    """Two tables: each question with its answers lettered a, b, c...; then a row per question
    and a column per author (short names) giving the letter of the author's answer, marked
    ``*`` when the answer is our reading, ``-`` when the author does not answer."""
    theses = list(theses)
    questions = list(taxonomy.questions.values())
    out = [terminal(taxonomy.debate), ""]
    if not questions:
        out.append("The taxonomy declares no contested questions (add them under `questions:` in factors.yaml).")
        return "\n".join(out) + "\n"
    out.append(f"Contested questions ({len(questions)})")
    keys = {}
    num_width = len(str(len(questions)))
    for i, q in enumerate(questions, 1):
        out += textwrap.wrap(terminal(q.question), width, initial_indent=f"{i:>{num_width}}. ",
                             subsequent_indent=" " * (num_width + 2))
        keys[q.id] = dict(zip(q.answers, _letters(len(q.answers))))
        for answer, letter in keys[q.id].items():
            out += textwrap.wrap(terminal(q.answers[answer]), width, initial_indent=" " * (num_width + 2) + f"{letter}) ",
                                 subsequent_indent=" " * (num_width + 5))
    out += ["", f"Who answers what (the letters above; {INFERRED_MARK} our reading of the text, "
                f"{SILENT_MARK} no answer)"]
    names = [terminal(t.name) for t in theses]
    header = ["#"] + names
    rows = [header]
    for i, q in enumerate(questions, 1):
        row = [str(i)]
        for t in theses:
            pos = t.position(q.id)
            if pos is None:
                row.append(SILENT_MARK)
            else:
                letter = keys[q.id].get(pos.answer, terminal(pos.answer))
                row.append(letter + (INFERRED_MARK if pos.basis == "inferred" else ""))
        rows.append(row)
    widths = [max(len(r[c]) for r in rows) for c in range(len(header))]
    used = sum(widths) + 2 * len(widths)
    room = max(width - used, 24)
    for n, row in enumerate(rows):
        # The question again, shortened at a word, so that a row can be read on its own.
        tail = "question" if n == 0 else textwrap.shorten(terminal(questions[n - 1].question), room,
                                                           placeholder="\u2026")
        out.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + tail)
    return "\n".join(out) + "\n"
