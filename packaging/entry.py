"""The bundle's entry point (PyInstaller needs a script outside the package,
so that ``src/disclosure_report`` never lands on sys.path and shadows stdlib
modules such as ``numbers``)."""

import sys

# what multiprocessing's helper processes run after `-c` (Linux: the resource tracker of a spawned pool)
HELPER_COMMANDS = ("from multiprocessing.resource_tracker import main", "from multiprocessing.forkserver import main",
                   "import sys; from multiprocessing.forkserver import main")


def run_as_multiprocessing_child(argv) -> bool:
    """Run the task of a process that multiprocessing started from this exe; False if this is not one.

    PyInstaller's pyi_rth_multiprocessing does the same from freeze_support(), but it imports multiprocessing
    (pickle, socket, selectors …) at every start, ~100 ms under Wine before the window: the spec leaves it out,
    and multiprocessing is imported here only in the processes it started."""
    if "-c" in argv[1:-1] and argv[argv.index("-c") + 1].startswith(HELPER_COMMANDS):
        exec(argv[argv.index("-c") + 1])  # noqa: S102 - multiprocessing's own one-line command
        return True
    if argv[1:2] == ["--multiprocessing-fork"]:
        from multiprocessing import spawn

        spawn.spawn_main(**{name: None if value == "None" else int(value)
                            for name, value in (arg.split("=") for arg in argv[2:])})  # exits
        return True
    return False


if __name__ == "__main__":
    # a worker of the batch check, consolidation or printing (spawned) runs its task instead of the program
    if run_as_multiprocessing_child(sys.argv):
        raise SystemExit(0)
    from disclosure_report.cli import main

    raise SystemExit(main())
