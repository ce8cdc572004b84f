"""Template helpers: a small, safe Markdown subset for module bodies, and name masking."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<!\*)\*(?!\*)(.+?)(?<!\*)\*(?!\*)")


def _inline(text: str) -> str:
    out = escape(text)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    return _ITALIC.sub(r"<em>\1</em>", out)


def render_markdown(text: str) -> str:
    """Headings (## / ###), bullet (-) and numbered (1.) lists, paragraphs, **bold**, *italic*.

    Everything is escaped first, so module text cannot inject HTML.
    """
    html, para, list_tag = [], [], None

    def flush_para():
        if para:
            html.append(f"<p>{_inline(' '.join(para))}</p>")
            para.clear()

    def close_list():
        nonlocal list_tag
        if list_tag:
            html.append(f"</{list_tag}>")
            list_tag = None

    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            flush_para()
            close_list()
            continue
        heading = re.match(r"^(#{2,4})\s+(.*)$", line)
        bullet = re.match(r"^[-*]\s+(.*)$", line)
        numbered = re.match(r"^\d+\.\s+(.*)$", line)
        if heading:
            flush_para()
            close_list()
            level = len(heading.group(1))
            html.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif bullet or numbered:
            flush_para()
            wanted = "ul" if bullet else "ol"
            if list_tag != wanted:
                close_list()
                html.append(f"<{wanted}>")
                list_tag = wanted
            html.append(f"<li>{_inline((bullet or numbered).group(1))}</li>")
        else:
            close_list()
            para.append(line)
    flush_para()
    close_list()
    return "\n".join(html)


@register.filter(name="markdown")
def markdown_filter(text):
    return mark_safe(render_markdown(text))  # noqa: S308 - input escaped in render_markdown


def mask_name(name: str) -> str:
    """'Budi Santoso Putra' -> 'Budi S. P.': the first word whole, later words as initials only
    (initials do not reveal the length of the hidden words)."""
    words = (name or "").split()
    if not words:
        return ""
    rest = [f"{w[0]}." for w in words[1:]]
    return " ".join([words[0], *rest])


@register.filter(name="mask_name")
def mask_name_filter(name):
    return mask_name(name)


@register.simple_tag
def coverage_rows(by: str = "agency") -> list[dict]:
    """Rows for the coverage panel, so any page can include it without preparing data."""
    from netra.learning import stats

    return stats.coverage_by_region() if by == "region" else stats.coverage_by_agency()


@register.simple_tag
def coverage_total() -> dict:
    from netra.learning import stats

    return stats.coverage_total()


@register.filter
def percent(share) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key) if hasattr(mapping, "get") else None


@register.filter
def mmss(seconds) -> str:
    """1199 → "19:59": a quiz timer people read at a glance."""
    try:
        seconds = max(0, int(seconds))
    except (TypeError, ValueError):
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"
