"""Free a python-docx document's parts at once, on the thread that is done with it.

python-docx's package and parts refer to each other, so a document read or
written is left to the cyclic garbage collector, which frees it at some later
full collection on whichever thread runs it, often the window's: 40–90 ms for a
big report's parts, 160–180 ms when several imports and exports had piled up
(bench_event_loop). With the cycles broken they go by reference counting as
soon as the reader or writer returns, in ~12 ms, on its worker thread.
"""

from __future__ import annotations


def release(document) -> None:
    """Break the package ↔ part references of a python-docx Document; it is unusable afterwards."""
    package = document.part.package
    holders, seen = [package], {id(package)}  # walked here: python-docx's own walk is itself a cycle
    while holders:
        holder = holders.pop()
        for relationship in list(holder.rels.values()):
            if not relationship.is_external and id(relationship.target_part) not in seen:
                seen.add(id(relationship.target_part))
                holders.append(relationship.target_part)
        vars(holder).clear()
