"""Print, preview and PDF of a report in the published layout (Qt, like ui/).

``marking`` says what goes on the paper besides the report (watermark, the
version line, which parts); ``layout`` and ``signoff`` build the documents
from the format definition; ``render`` paints them page by page on a
printer or a PDF writer; ``pdf`` is the ``.pdf`` writer of ``files.WRITERS``.
"""
