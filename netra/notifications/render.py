"""Message text from templates in the recipient's language.

Each message is a plain-text template per language, `notifications/<lang>/<topic>.txt`: the
first line is the subject, the rest the body. Whole texts per language (rather than gettext
msgids) let the communications team edit a message as one piece; a missing language falls back
to Indonesian.
"""

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import translation


def render(topic: str, language: str, context: dict) -> tuple[str, str]:
    """(subject, body) of `topic` in `language`, with labels and dates in that language too."""
    with translation.override(language):
        try:
            template = get_template(f"notifications/{language}/{topic}.txt")
        except TemplateDoesNotExist:
            template = get_template(f"notifications/{settings.LANGUAGE_CODE}/{topic}.txt")
        text = template.render(context).strip()
    subject, _sep, body = text.partition("\n")
    return subject.strip()[:200], body.strip() + "\n"
