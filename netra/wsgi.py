import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.settings")
application = get_wsgi_application()

# The self-check's question reader trains from its bank in ~3 s; do it before the first question.
from netra.learning.selfcheck.reading import warm_up  # noqa: E402

warm_up()
