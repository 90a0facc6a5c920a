"""The desktop window. The only package (with printing) that imports PySide6."""
