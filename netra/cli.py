"""The `netra` console script.

`netra screen …` and `netra screening …` run the screener without starting Django, so a
monitor can screen a file on a laptop; everything else is a Django management command
(`netra migrate`, `netra seed_demo`, `netra runserver`, …).
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else "help"
    if command == "screen":
        from netra.screening.cli import screen_main

        return screen_main(argv[2:])
    if command == "screening":
        from netra.screening.cli import screening_main

        return screening_main(argv[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["netra", *argv[1:]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
