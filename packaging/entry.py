"""The bundle's entry point (PyInstaller needs a script outside the package,
so that ``src/disclosure_report`` never lands on sys.path and shadows stdlib
modules such as ``numbers``)."""

from disclosure_report.cli import main

raise SystemExit(main())
