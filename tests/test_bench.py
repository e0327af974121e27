"""The worker-side benches still run end to end at a small size: a bench that rots is found here, not on the day
its figures are needed. (Their figures are not checked here; bench/README.md says how they are read.)"""
import os
import pathlib
import subprocess
import sys

import pytest

from tests.conftest import REDIS_URL

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "script, args, expect",
    [
        ("alerts_bench.py", ["--seekers", "3000", "--matches", "1000", "--runs", "1"], "drain with 2 worker process(es): 1,000 sent"),
    ],
)
def test_bench_runs(script, args, expect, tmp_path, redis):
    env = {**os.environ, "BENCH_REDIS_URL": REDIS_URL, "BENCH_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert expect in result.stdout, result.stdout
