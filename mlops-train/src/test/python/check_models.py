#!/usr/bin/python3
"""Runs the ONNX checker (full_check: types and shapes inferred) over exported models.

Usage: /usr/bin/python3 src/test/python/check_models.py [dir-or-files...]
Default: target/exported-models (written by the parity tests) and src/test/resources/onnx (committed fixtures).
Prints one line per model and exits non-zero if any fails. Tests never run Python; run this after `mvn verify`.
"""
import glob
import os
import sys

import onnx


def files(args):
    if not args:
        args = ["target/exported-models", "src/test/resources/onnx"]
    for a in args:
        if os.path.isdir(a):
            yield from sorted(glob.glob(os.path.join(a, "*.onnx")))
        elif os.path.exists(a):
            yield a


def main():
    failed = 0
    count = 0
    for f in files(sys.argv[1:]):
        count += 1
        try:
            m = onnx.load(f)
            onnx.checker.check_model(m, full_check=True)
            used = {n.domain or "" for n in m.graph.node}
            declared = {o.domain or "" for o in m.opset_import}
            missing = used - declared
            if missing:
                raise ValueError("nodes use undeclared operator sets %s" % sorted(missing))
            print("ok   %s" % f)
        except Exception as e:  # report every failure, then fail once
            failed += 1
            print("FAIL %s: %s" % (f, str(e).splitlines()[0] if str(e) else type(e).__name__))
    print("%d checked, %d failed" % (count, failed))
    return 1 if failed or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
