"""Run every fuzz harness for a bounded time (CI runs this; longer runs on demand).

python fuzz/run.py --seconds 45        # each harness for 45 s
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
HARNESSES = {"lookup": "fuzz_lookup.py", "dataset": "fuzz_dataset.py"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=45, help="time per harness")
    args = parser.parse_args()
    failed = False
    for name, script in HARNESSES.items():
        with tempfile.TemporaryDirectory() as work:
            # Mutate copies of the seed corpus; new inputs stay out of the repository.
            corpus = Path(work) / "corpus"
            corpus.mkdir()
            for seed in (HERE / "corpus" / name).iterdir():
                (corpus / seed.name).write_bytes(seed.read_bytes())
            result = subprocess.run(
                [
                    sys.executable,
                    str(HERE / script),
                    f"-max_total_time={args.seconds}",
                    "-rss_limit_mb=4096",
                    f"-artifact_prefix={work}/",
                    str(corpus),
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            log = result.stderr
            runs = re.findall(r"#(\d+)\s+(?:DONE|pulse|NEW|REDUCE|INITED)", log)
            coverage = re.findall(r"cov: (\d+)", log)
            print(
                f"fuzz {name}: {runs[-1] if runs else '?'} inputs, "
                f"coverage {coverage[-1] if coverage else '?'} edges, exit {result.returncode}"
            )
            if result.returncode != 0:
                failed = True
                print(log[-4000:], file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
