"""The `resettle` command: every Django management command, under the project's own name.

`resettle demo`, `resettle serve`, `resettle migrate`... all run through Django's command machinery,
so each subcommand is an ordinary management command with its own --help.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["resettle", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
