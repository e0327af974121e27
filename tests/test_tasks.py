"""The index of background jobs (tasks.py): every function the code enqueues is in it, and the scheduler's jobs run."""
import ast
import importlib
import pathlib
import sys

import pytest

import tasks
import worker
from core.outbound import outbox
from core.platform import runtime

ROOT = pathlib.Path(__file__).resolve().parent.parent
# rq's ways of putting a function on a queue, with where the function goes among the call's arguments.
ENQUEUES = {"enqueue": 0, "enqueue_call": 0, "prepare_data": 0, "create_job": 0, "enqueue_at": 1, "enqueue_in": 1}
SKIPPED = ("tests", ".venv", "var", ".git")


def source_files():
    for path in sorted(ROOT.rglob("*.py")):
        if not path.relative_to(ROOT).parts[0] in SKIPPED:
            yield path


def module_of(path):
    """The module a source file is imported as; bench scripts import each other from their folder."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[0] == "bench":
        sys.path.insert(0, str(ROOT / "bench"))
        parts = parts[1:]
    return importlib.import_module(".".join(parts).removesuffix(".__init__"))


def enqueued_functions(path):
    """(line, expression, enclosing function's parameters and name) for each function an rq call in `path` enqueues."""
    tree = ast.parse(path.read_text(), str(path))
    found = []

    def visit(node, enclosing):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            enclosing = node
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name in ENQUEUES:
                keywords = {keyword.arg: keyword.value for keyword in node.keywords}
                argument = keywords.get("func", keywords.get("f"))
                if argument is None and len(node.args) > ENQUEUES[name]:
                    argument = node.args[ENQUEUES[name]]
                found.append((node.lineno, argument, enclosing))
        for child in ast.iter_child_nodes(node):
            visit(child, enclosing)

    visit(tree, None)
    return found


def test_every_function_the_code_enqueues_is_in_the_index():
    checked, missing = 0, []
    for path in source_files():
        sites = enqueued_functions(path)
        if not sites:
            continue
        module = module_of(path)
        for line, argument, enclosing in sites:
            where = f"{path.relative_to(ROOT)}:{line}"
            if argument is None:
                missing.append(f"{where}: no function given")
                continue
            expression = ast.unparse(argument)
            parameters = {a.arg for a in enclosing.args.args} if enclosing else set()
            if expression in parameters and enclosing.name in ENQUEUES:
                continue  # a wrapper of rq's enqueue (runtime.enqueue): its own callers are checked
            try:
                function = eval(expression, vars(module))  # noqa: S307 - our own source, a dotted name
            except Exception as error:
                missing.append(f"{where}: {expression} names no function here ({error})")
                continue
            checked += 1
            if function not in tasks.INDEX:
                missing.append(f"{where}: {expression} is not in tasks.INDEX")
    assert missing == []
    assert checked >= 5  # the job mover (core.lifecycle), calls, outbox, the scheduler, the bench


def test_the_check_finds_a_job_that_bypasses_the_index(tmp_path):
    source = tmp_path / "stray.py"
    source.write_text("from core import runtime\n\ndef f():\n    runtime.enqueue(print, 1)\n")
    [(line, argument, _enclosing)] = enqueued_functions(source)
    assert (line, ast.unparse(argument)) == (4, "print") and print not in tasks.INDEX


def test_every_scheduled_job_is_in_the_index(config):
    assert set(tasks.periodic_jobs(config)) | {tasks.sweep_everything} <= set(tasks.INDEX)
    assert all(isinstance(what, str) and "; " in what for what in tasks.INDEX.values())  # what it does; who enqueues it


def test_the_scheduler_enqueues_each_job_once_until_it_starts_and_the_worker_runs_them(app):
    scheduler = worker.Scheduler(runtime.current())
    scheduler.tick()
    scheduled = set(tasks.periodic_jobs(runtime.current().config)) | {tasks.sweep_everything}  # Redis was empty
    queued = [job for job in runtime.current().queue.get_jobs()]
    assert {job.func for job in queued} == {tasks.run_periodic}
    assert {job.args[0] for job in queued} == scheduled and len(queued) == len(scheduled)
    scheduler.next_run.clear()
    scheduler.tick()  # every one is still waiting: no copies
    assert len(runtime.current().queue) == len(scheduled)
    worker.work_burst()
    assert len(runtime.current().queue.failed_job_registry) == 0
    assert len(runtime.current().queue.finished_job_registry) == len(scheduled)
    assert not any(runtime.current().redis.exists(tasks.pending_key(function)) for function in scheduled)


def test_run_periodic_runs_only_the_schedulers_jobs(app):
    assert tasks.run_periodic(outbox.release_due) == 0
    with pytest.raises(ValueError, match="not one of the scheduler's jobs"):
        tasks.run_periodic(outbox.mark_opted_in)
