"""Jinja2 templates for argmap's HTML pages, loaded from this package with autoescaping on."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader(__name__, "."),
        autoescape=True,                  # every value is HTML-escaped unless marked safe
        undefined=jinja2.StrictUndefined,  # a typo in a template fails loudly, not silently blank
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )


def render_template(name: str, **context) -> str:
    return environment().get_template(name).render(**context)
