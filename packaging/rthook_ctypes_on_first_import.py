# PyInstaller runtime hook: PyInstaller's hooks for ctypes (its CDLL, WinDLL and find_library look in the
# bundle first) are installed when the program first imports ctypes, not at every start.
#
# PyInstaller's bootstrap installs them itself, which imports ctypes and, on Windows, ctypes.util with
# subprocess: _ctypes.pyd and libffi loaded before the window shows, which uses neither (reading a PDF does,
# through pypdfium2). The spec runs a copy of that bootstrap without those two lines, and this hook first.
import sys

import pyimod03_ctypes  # loaded by the bootloader with the bootstrap: no cost


class _InstallAfter:
    """ctypes' own loader, which installs PyInstaller's hooks once ctypes has run."""

    def __init__(self, loader):
        self.loader = loader

    def __getattr__(self, name):
        return getattr(self.loader, name)

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        module.__loader__ = module.__spec__.loader = self.loader
        pyimod03_ctypes.install()


class CtypesHooksOnFirstImport:
    """On sys.meta_path until ctypes is first looked for: then ctypes is found as always, and run by _InstallAfter."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name != "ctypes":
            return None
        sys.meta_path.remove(cls)
        for finder in sys.meta_path:
            spec = finder.find_spec(name, path, target) if hasattr(finder, "find_spec") else None
            if spec is not None:
                spec.loader = _InstallAfter(spec.loader)
                return spec
        return None


if "ctypes" in sys.modules:  # imported before this hook ran: installed now, as the bootstrap would have
    pyimod03_ctypes.install()
else:
    sys.meta_path.insert(0, CtypesHooksOnFirstImport)
