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


def _screening_bench():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "screening_bench.py")], capture_output=True, text=True, timeout=300
    )
    assert "'held' split" in result.stdout, result.stdout + result.stderr[-3000:]
    return result


@pytest.mark.xfail(strict=True, reason="issue 24 is open: on the tenth held-out round 16 indicators are under 95 % "
                                       "recall (1.6 % of clean listings held, within target; bench/README.md); "
                                       "strict, so meeting the targets fails here until this mark goes")
def test_screening_bench_meets_its_targets_on_the_held_out_split():
    result = _screening_bench()
    assert result.returncode == 0 and "targets met" in result.stdout


def test_screening_does_no_worse_on_the_held_out_split_than_with_the_learnt_model():
    """A floor under screening's figures on the tenth held-out round, written blind and run once, after the tenth
    rules round (645/675 risky held, 10/645 clean held; the rules before that round held 639/675 and 12/645): never
    lower."""
    import re

    out = _screening_bench().stdout
    risky = re.search(r"risky listings held: (\d+)/(\d+)", out)
    clean = re.search(r"clean listings held \(false positives\): (\d+)/(\d+)", out)
    assert int(risky[1]) / int(risky[2]) >= 645 / 675, out
    assert int(clean[1]) / int(clean[2]) <= 10 / 645, out


def test_screening_bench_fails_when_a_target_is_missed(tmp_path):
    corpus = tmp_path / "corpus.tsv"
    corpus.write_text(
        "split\treasons\tcategory\tprovince_iso\twage_amount\twage_currency\twage_period\ttext\n"
        "held\tfee\tGARMENT\t8\t250\tUSD\tmonth\tSewing operators, lunch provided\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "screening_bench.py"), "--corpus", str(corpus)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1 and "TARGET MISSED: recall of fee < 95%" in result.stdout
