"""Executors: where chunks of conversations are scored. Local processes, or a Dask cluster.

Both run :func:`attune.qa.score.score_chunk` and hand results back in the order the chunks were
given, with a bounded number of chunks in flight, so memory stays flat and the outputs of the two
engines are the same row for row. Workers import attune and load its data once, when they start.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, TypeVar

from attune.config import get_settings, settings_context
from attune.qa.errors import require
from attune.qa.model import Conversation, Issue
from attune.qa.score import ConversationResult, score_chunk

T = TypeVar("T")
R = TypeVar("R")
Chunk = list[Conversation]


class Executor(Protocol):
    """Scores chunks; results come back in the order of the chunks."""

    workers: int

    def map(self, chunks: Iterable[Chunk], save: bool = False) -> Iterator[list[ConversationResult]]: ...

    def close(self) -> None: ...


def cpu_count() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def warm(settings: dict[str, Any] | None = None) -> None:
    """Load attune's data in a worker once, with the parent's settings."""
    if settings:
        settings_context(**settings).__enter__()  # kept for the worker's life
    import attune

    attune.assess("Thanks, I've fixed it.", customer="It broke.")


def _ordered(submit: Callable[[T], Any], items: Iterable[T], window: int) -> Iterator[Any]:
    pending: deque[Any] = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class InlineExecutor:
    """Scores in this process: for one worker, tests and debugging."""

    workers = 1

    def map(self, chunks: Iterable[Chunk], save: bool = False) -> Iterator[list[ConversationResult]]:
        for chunk in chunks:
            yield score_chunk(chunk, save)

    def close(self) -> None:
        pass


class LocalExecutor:
    """Scores on ``workers`` local processes (every core by default)."""

    def __init__(self, workers: int | None = None) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers or cpu_count()
        # spawn, not fork: the parent runs a progress thread, and forking threads can deadlock.
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=warm,
            initargs=(get_settings().model_dump(),),
        )

    def map(self, chunks: Iterable[Chunk], save: bool = False) -> Iterator[list[ConversationResult]]:
        yield from _ordered(lambda c: self._pool.submit(score_chunk, c, save), chunks, 2 * self.workers + 2)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def score_file(
    path: str, shape: str, settings: dict[str, Any] | None = None, save: bool = False
) -> tuple[list[ConversationResult], list[Issue]]:
    """Read and score one partition file where it lies (a Dask task on a worker)."""
    from attune.qa.importers import Export

    with settings_context(**(settings or {})):
        issues: list[Issue] = []
        results = [score_chunk([c], save)[0] for c in Export(Path(path), shape).read(issues.append)]
    return results, issues


class DaskExecutor:
    """Scores on a Dask cluster: the one at ``scheduler``, or a local one with ``workers`` processes."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None) -> None:
        require("distributed", "dask")
        import distributed

        # distributed is only partly typed; its two entry points are used as plain callables.
        Client: Any = distributed.Client
        LocalCluster: Any = distributed.LocalCluster

        self._cluster: Any = None
        if scheduler:
            self._client = Client(scheduler)
        else:
            self._cluster = LocalCluster(
                n_workers=workers or cpu_count(),
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # a free port: never clash with another cluster
            )
            self._client = Client(self._cluster)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})) or (workers or 1))
        self._settings = get_settings().model_dump()
        self._client.run(warm, self._settings)

    def map(self, chunks: Iterable[Chunk], save: bool = False) -> Iterator[list[ConversationResult]]:
        submit = self._client.submit
        yield from _ordered(lambda c: submit(score_chunk, c, save, pure=False), chunks, 2 * self.workers + 2)

    def map_files(
        self, files: Iterable[tuple[str, str]], save: bool = False
    ) -> Iterator[tuple[list[ConversationResult], list[Issue]]]:
        """Score partition files on the workers, which read them; results in file order."""
        submit = self._client.submit
        yield from _ordered(
            lambda f: submit(score_file, f[0], f[1], self._settings, save, pure=False), files, 2 * self.workers
        )

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
