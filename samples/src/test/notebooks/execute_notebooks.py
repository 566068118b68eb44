#!/usr/bin/python3
"""Executes notebooks in real Jupyter with the rapaio Java kernel, headless (docs/decisions/130).

The kernel is installed into a fresh temporary Jupyter path; the SDK's class path reaches it through
RJK_CLASSPATH, so the notebook's own %dependency lines (what a user runs against Maven Central or a local
repository) are skipped during the run and kept in the saved notebook. A failing cell fails the run with the
notebook, the cell number, its first source line and the kernel's error.

  --check  compares the committed outputs with a fresh run, ignoring volatile fields (exit 2 when stale)
  --write  writes the fresh outputs back into the notebooks
Either way the executed notebooks are also written to --out.
"""
import argparse
import copy
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile

MAGIC = re.compile(r"^\s*%(dependency|maven|jars)\b")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
STARTS = 3
STARTUP_SECONDS = 60
TEMP_PATH = re.compile(r"(/tmp|/var/folders)/[^\s\"'<>)]*")
DURATION = re.compile(r"\b\d+(\.\d+)? ?(ms|s|seconds)\b")
# A server's generated request ids start with a random prefix: "requestId=974635ca-1".
REQUEST_ID = re.compile(r"requestId=[0-9a-f]+-\d+")


def install_kernel(jupyter_path, java, kernel_jar, class_path):
    """Writes a kernel spec for the rapaio kernel into a new Jupyter path; returns the kernel's name."""
    kernel_dir = os.path.join(jupyter_path, "kernels", "mlops-java")
    os.makedirs(kernel_dir)
    logging = os.path.join(kernel_dir, "logging.properties")
    with open(logging, "w") as f:
        f.write("handlers=java.util.logging.ConsoleHandler\n.level=WARNING\n"
                "org.rapaio.jupyter.kernel.channels.level=OFF\n")
    spec = {
        "argv": [java, "-Djava.util.logging.config.file=" + logging, "-Djava.awt.headless=true",
                 "-jar", kernel_jar, "{connection_file}"],
        "display_name": "Java (mlops, rapaio-jupyter-kernel)",
        "language": "java",
        "interrupt_mode": "message",
        "env": {
            "RJK_CLASSPATH": ";".join(class_path),
            "RJK_COMPILER_OPTIONS": "",
            "RJK_INIT_SCRIPT": "",
            "RJK_TIMEOUT_MILLIS": "-1",
            "RJK_MIMA_CACHE": os.path.join(jupyter_path, "mima_cache"),
        },
    }
    with open(os.path.join(kernel_dir, "kernel.json"), "w") as f:
        json.dump(spec, f, indent=1)
    return "mlops-java"


def patient_kernel_manager(log_path):
    """A kernel manager that returns from start only once the kernel has bound its last socket (IOPub) and had a
    moment to register its handlers: rapaio-jupyter-kernel 3.0.1 loses a request that arrives sooner and stops
    answering (its shell thread dies on a null handler map), which a loaded CI machine makes likely."""
    import asyncio
    import time
    from jupyter_client.manager import AsyncKernelManager

    class PatientKernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw):
            await AsyncKernelManager.start_kernel(self, **kw)
            deadline = time.monotonic() + STARTUP_SECONDS
            while time.monotonic() < deadline:
                with open(log_path, errors="replace") as f:
                    if "Binding iopub" in f.read():
                        break
                await asyncio.sleep(0.2)
            await asyncio.sleep(1.0)

    return PatientKernelManager


def execute(path, kernel, log, timeout):
    """Runs every code cell of one notebook; returns (executed notebook, failure message or None)."""
    import nbclient
    import nbformat
    nb = nbformat.read(path, as_version=4)
    nb.nbformat_minor = max(nb.nbformat_minor, 5)
    for i, cell in enumerate(nb.cells):
        cell.setdefault("id", "cell-%d" % i)  # stable ids keep the committed file's diff small
    original = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            original[i] = cell.source
            cell.source = "\n".join(line for line in cell.source.split("\n") if not MAGIC.match(line))
    def new_client():
        return nbclient.NotebookClient(nb, kernel_name=kernel, timeout=timeout, allow_errors=True,
                                       record_timing=False, startup_timeout=STARTUP_SECONDS,
                                       kernel_manager_class=patient_kernel_manager(log.name),
                                       resources={"metadata": {"path": os.path.dirname(path)}})
    client = new_client()
    for attempt in range(1, STARTS + 1):
        try:
            client.execute(stdout=log, stderr=log)
            break
        except RuntimeError as e:
            # should the start-up race above still be lost: start a fresh kernel, then give up.
            if "Kernel didn't respond" not in str(e) and "Kernel died" not in str(e) or attempt == STARTS:
                return nb, "%s: the kernel failed (start %d of %d): %s" % (os.path.basename(path), attempt, STARTS, e)
            log.write("\n--- kernel start %d failed (%s); starting a fresh kernel ---\n" % (attempt, e))
            log.flush()
            client = new_client()
    failure = None
    for i, cell in enumerate(nb.cells):
        if i in original:
            cell.source = original[i]
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        if errors and failure is None:
            first_line = next((line for line in cell.source.split("\n") if line.strip()), "")
            trace = ANSI.sub("", "\n".join(errors[0].get("traceback", [])))
            failure = "%s: cell %d (`%s`) failed: %s: %s\n%s" % (
                os.path.basename(path), i, first_line, errors[0].ename, ANSI.sub("", errors[0].evalue), trace)
    return nb, failure


def normalized(nb, root):
    """The parts of a notebook that must not drift: sources and outputs, without counts, ids, temp paths,
    durations or generated request ids."""
    cells = []
    for cell in nb["cells"]:
        entry = {"type": cell["cell_type"], "source": cell["source"]}
        if cell["cell_type"] == "code":
            outputs = []
            for output in cell.get("outputs", []):
                o = {k: v for k, v in output.items() if k not in ("execution_count", "metadata", "transient")}
                text = json.dumps(o, sort_keys=True).replace(root, "<root>")
                outputs.append(REQUEST_ID.sub("requestId=<id>", DURATION.sub("<duration>", TEMP_PATH.sub("<tmp>", text))))
            entry["outputs"] = outputs
        cells.append(entry)
    return cells


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--java", required=True)
    parser.add_argument("--kernel-jar", required=True)
    parser.add_argument("--class-path-file", required=True, help="class path entries, one a line")
    parser.add_argument("--out", required=True)
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--write", action="store_true")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()

    with open(args.class_path_file) as f:
        class_path = [line.strip() for line in f if line.strip()]
    jupyter = tempfile.mkdtemp(prefix="mlops-jupyter-")
    for var, sub in (("JUPYTER_PATH", ""), ("JUPYTER_DATA_DIR", "data"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                     ("JUPYTER_CONFIG_DIR", "config")):
        os.environ[var] = os.path.join(jupyter, sub)
    kernel = install_kernel(jupyter, os.path.abspath(args.java), os.path.abspath(args.kernel_jar), class_path)
    os.makedirs(args.out, exist_ok=True)
    root = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(args.notebooks[0])), "..", ".."))

    import nbformat
    status = 0
    for path in sorted(os.path.abspath(p) for p in args.notebooks):
        name = os.path.basename(path)
        log_path = os.path.join(args.out, name + ".kernel.log")
        with open(log_path, "w") as log:
            executed, failure = execute(path, kernel, log, args.timeout)
        nbformat.write(executed, os.path.join(args.out, name))
        if failure:
            with open(log_path) as log:
                tail = log.read()[-3000:]
            print("NOTEBOOK FAILED " + failure + "\n--- kernel log tail ---\n" + tail)
            status = 1
            continue
        if args.write:
            nbformat.write(executed, path)
            print("wrote outputs of " + name)
        elif args.check:
            committed = normalized(nbformat.read(path, as_version=4), root)
            fresh = normalized(executed, root)
            if committed != fresh:
                diff = difflib.unified_diff(json.dumps(committed, indent=1).split("\n"),
                                            json.dumps(fresh, indent=1).split("\n"),
                                            "committed " + name, "fresh run", lineterm="", n=2)
                print("NOTEBOOK STALE %s: its committed outputs differ from a fresh run; refresh them with"
                      " `mvn -B verify -pl samples -am -Dtest=NotebookTest -Dsurefire.failIfNoSpecifiedTests=false"
                      " -Dnotebooks.write=true` and review the diff.\n%s" % (name, "\n".join(list(diff)[:80])))
                status = max(status, 2)
            else:
                print("outputs current: " + name)
        else:
            print("ran " + name)
    sys.exit(status)


if __name__ == "__main__":
    main()
