"""`gemeinsam demo` keeps its background worker running: one that ends is started again."""

import subprocess
import sys
import time
from io import StringIO

from gemeinsam.demo.worker import WorkerWatch

EXITS = [sys.executable, "-c", "import sys; sys.exit(3)"]
RUNS = [sys.executable, "-c", "import time; time.sleep(60)"]


def _until(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_worker_that_exits_is_started_again_after_a_growing_pause_and_stopped_at_the_end():
    """Stand-ins for the worker: the first two exit at once, the third keeps running."""
    started = []

    def start():
        started.append(time.monotonic())
        return subprocess.Popen(EXITS if len(started) <= 2 else RUNS)

    log = StringIO()
    watch = WorkerWatch(start, poll=0.01, first_delay=0.2, stderr=log).start()
    try:
        # The watch counts a restart once the new process is its own (started is appended to
        # before Popen returns, so waiting for it alone could still see the second one).
        _until(lambda: watch.restarts == 2)
        third = watch.process
        time.sleep(0.3)
        assert (watch.restarts, third.poll()) == (2, None)  # the running one is left alone
    finally:
        watch.stop()

    assert third.poll() is not None  # stopped with the server
    assert log.getvalue().splitlines() == [
        "The background worker stopped (exit code 3); starting it again in 0.2 s.",
        "The background worker stopped (exit code 3); starting it again in 0.4 s.",
    ]
    assert started[2] - started[1] >= 0.4 > started[1] - started[0] >= 0.2


def test_stopping_ends_a_pause_at_once_and_starts_nothing_more():
    started = []

    def start():
        started.append(subprocess.Popen(EXITS))
        return started[-1]

    watch = WorkerWatch(start, poll=0.01, first_delay=30, stderr=StringIO()).start()
    _until(lambda: started[0].poll() is not None)
    time.sleep(0.1)  # the watch is in its 30-second pause now
    begun = time.monotonic()
    watch.stop()

    assert time.monotonic() - begun < 2
    assert len(started) == 1
