"""The `gemeinsam` console command: everything `manage.py` does, plus the project's own commands."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gemeinsam.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    # `gemeinsam import-organizations` reads better than the underscore form Django needs.
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
