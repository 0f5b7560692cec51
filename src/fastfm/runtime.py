"""Process-level tuning applied once an app has started."""

from __future__ import annotations

import gc

_heap_frozen = False


def freeze_startup_heap() -> None:
    """Hide what exists after startup from the cyclic garbage collector, once per process.

    The app, its routes, models and schemas are hundreds of thousands of long-lived
    objects, and every full collection walked them all: pauses of 100 ms and more in
    the middle of requests (shuffle starts and resyncs of 10,000 tracks took twice as
    long). ``gc.freeze()`` moves them to a generation the collector skips; they live as
    long as the process anyway. Later apps in the same process (tests) change nothing.
    """
    global _heap_frozen
    if _heap_frozen:
        return
    _heap_frozen = True
    gc.collect()
    gc.freeze()
