"""The demo's background worker, kept running next to the server.

A worker that ends (a crash, or killed by someone) would leave the demo's mails queued for
good, with nothing on screen to say so. The watch starts it again, waiting longer after each
quick end (1, 2, 4 … at most 60 seconds) so that a worker failing at start does not spin, and
stops it when the server stops.
"""

import subprocess
import sys
import threading
import time
from collections.abc import Callable


class WorkerWatch:
    """Start a process with `start()` and start it again whenever it ends, until `stop()`."""

    def __init__(
        self,
        start: Callable[[], subprocess.Popen],
        *,
        poll: float = 1.0,
        first_delay: float = 1.0,
        max_delay: float = 60.0,
        healthy_after: float = 60.0,
        stderr=None,
    ):
        self._start = start
        self.poll = poll
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.healthy_after = healthy_after  # a worker that ran this long resets the back-off
        self.stderr = stderr or sys.stderr
        self.restarts = 0
        self.process: subprocess.Popen | None = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="demo-worker-watch", daemon=True)

    def start(self) -> "WorkerWatch":
        self.process = self._start()
        self._thread.start()
        return self

    def _watch(self) -> None:
        started_at, quick_ends = time.monotonic(), 0
        while not self._stopping.wait(self.poll):
            code = self.process.poll()
            if code is None:
                continue
            if time.monotonic() - started_at >= self.healthy_after:
                quick_ends = 0
            quick_ends += 1
            delay = min(self.first_delay * 2 ** (quick_ends - 1), self.max_delay)
            self.stderr.write(
                f"The background worker stopped (exit code {code}); "
                f"starting it again in {delay:g} s.\n"
            )
            self.stderr.flush()
            if self._stopping.wait(delay):
                return
            self.process = self._start()
            self.restarts += 1
            started_at = time.monotonic()

    def stop(self) -> None:
        """Stop watching, then stop the worker (politely first: it finishes its task)."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join()
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
