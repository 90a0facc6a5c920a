"""The bundle's entry point (PyInstaller needs a script outside the package,
so that ``src/disclosure_report`` never lands on sys.path and shadows stdlib
modules such as ``numbers``)."""

import multiprocessing

from disclosure_report.cli import main

if __name__ == "__main__":
    # A worker of the batch check or consolidation (spawned on both cores) runs
    # its task here instead of starting the program again.
    multiprocessing.freeze_support()
    raise SystemExit(main())
