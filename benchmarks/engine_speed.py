"""How fast lawcode answers questions: in-process, as a whole command, and beside a peer.

    python benchmarks/engine_speed.py [--number 200] [--repeat 5] [--cli-runs 10] [--json FILE]

Measures, on the shipped TAR model (and its text from LAWCODE_CORPUS or ../shared/corpus):

* in-process (timeit, best of --repeat of --number calls, after loading): ``ask`` for a few
  actors, with and without quotations, and ``explain``, ``what_if``, ``who``;
* the peer, on the same question with every fact known (the only case a two-valued engine can
  answer): the ``rule-engine`` package (PyPI, a compiled boolean expression language over
  dicts), given each norm's full applicability as one precompiled rule per (actor, norm) -
  bearer definition, condition, not unless, not the overriding norms - and a plain-Python
  baseline that answers the same way without lawcode's per-model indexes (re-parsing the
  conditions and walking the ontology on every question). Both must give the same norms as
  lawcode, or the script says so;
* whole commands (wall time of fresh subprocesses, median and best of --cli-runs, bytecode
  cached as for an installed package, in benchmarks/work/pycache): ``python -c pass``
  (interpreter start), ``import lawcode.cli``, and ``lawcode ask`` in JSON and in human form,
  with and without the text to quote.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import timeit
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
MODEL = "tar-counter-espionage-2021"
DATE = "2021-06-01"
ACTORS = ("enterprise", "citizen", "network_operator", "key_unit")


def per_call_ms(stmt, number: int, repeat: int) -> float:
    """Best per-call time in milliseconds (the least disturbed of ``repeat`` runs)."""
    return min(timeit.repeat(stmt, number=number, repeat=repeat)) / number * 1000


def in_process(number: int, repeat: int) -> dict:
    from lawcode.engine import queries
    from lawcode.service import load_model, text_for_model

    started = time.perf_counter()
    model = load_model(MODEL)
    loaded_s = time.perf_counter() - started
    os.environ.setdefault("LAWCODE_CORPUS", str(CORPUS))
    document = text_for_model(model)
    queries.ask(model, "enterprise", [], DATE)  # builds the per-model indexes once
    results = {"model_load_s": round(loaded_s, 3)}
    for actor in ACTORS:
        results[f"ask {actor}"] = per_call_ms(lambda a=actor: queries.ask(model, a, [], DATE), number, repeat)
    if document is not None:
        results["ask enterprise + quotes"] = per_call_ms(
            lambda: queries.ask(model, "enterprise", [], DATE, document=document), number, repeat)
    results["explain art14.1.1 enterprise"] = per_call_ms(
        lambda: queries.explain(model, "art14.1.1", "enterprise", [], DATE), number, repeat)
    results["what-if art14.1.1 enterprise"] = per_call_ms(
        lambda: queries.what_if(model, "art14.1.1", "enterprise", [], DATE), number, repeat)
    results["who publicity education"] = per_call_ms(
        lambda: queries.who(model, ["publicity", "education"]), number, repeat)
    return results


# -- the peer comparison, all facts known ---------------------------------------------------------


def _full_condition(engine, norm, actor: str, seen=frozenset()) -> str | None:
    """A norm's applicability for ``actor`` as one condition string, or None if it cannot bind."""
    match = engine.bearer_match(actor, norm.bearer)
    if not match.matches and norm.kind != "conflict_rule":
        return None
    parts = [f"({engine.loaded.definitions[d]})" for d in match.defined]
    if norm.condition:
        parts.append(f"({norm.condition})")
    if norm.unless:
        parts.append(f"not ({norm.unless})")
    for other in engine.overriders.get(norm.id, ()):
        if other not in seen:
            inner = _full_condition(engine, engine.by_id[other], actor, seen | {norm.id, other})
            if inner is not None:
                parts.append(f"not ({inner})")
    return " and ".join(parts) or "true"


def peer(number: int, repeat: int) -> dict:
    import datetime as dt

    from lawcode.engine import queries
    from lawcode.engine.applicability import engine_for
    from lawcode.engine.evaluate import evaluate
    from lawcode.model.conditions import parse_condition
    from lawcode.service import load_model

    model = load_model(MODEL)
    engine = engine_for(model)
    facts = {f.id: False for f in model.model.facts}
    facts.update(in_key_unit_directory=True, sends_personnel_abroad=True)
    actor = "enterprise"
    on = dt.date.fromisoformat(DATE)
    in_force = [n for n in engine.norms if engine.valid_on(n, on)]

    def lawcode_answer():
        return [f.norm for f in queries.ask(model, actor, facts, DATE).findings]

    results = {"lawcode ask, all facts known": per_call_ms(lawcode_answer, number, repeat)}
    expected = lawcode_answer()

    def naive_answer():
        """No indexes: walk the ontology, scan for overriding norms and parse every condition on
        every question."""
        def is_a(a, b):
            return a == b or any(is_a(p, b) for p in model.actors[a].is_a)

        def binds(bearer):
            """"true", the bearer's definition when it binds only under it, or None."""
            if is_a(actor, bearer):
                return "true"
            definer = model.actors[bearer]
            if definer.defined_by and any(binds(p) for p in definer.is_a):
                return definer.defined_by
            return None

        def applies(norm, seen):
            bound = "true" if norm.kind == "conflict_rule" else binds(norm.bearer) if norm.bearer else None
            if bound is None or norm not in in_force:
                return False
            parts = [bound, norm.condition or "true", f"not ({norm.unless})" if norm.unless else "true"]
            if not evaluate(parse_condition(" and ".join(f"({p})" for p in parts)), facts).value:
                return False
            return not any(applies(other, seen | {other.id}) for other in model.model.norms
                           if norm.id in other.overrides and other.id not in seen)

        return [norm.id for norm in model.model.norms if norm.bearer and applies(norm, {norm.id})]

    if sorted(naive_answer()) != sorted(expected):
        results["plain-Python baseline"] = "DISAGREES with lawcode"
    else:
        results["plain-Python baseline (no indexes)"] = per_call_ms(naive_answer, number, repeat)

    try:
        import rule_engine
    except ImportError:
        results["rule-engine"] = "not installed (pip install rule-engine)"
        return results
    rules = []
    for norm in in_force:
        source = _full_condition(engine, norm, actor)
        if source is not None:
            rules.append((norm.id, rule_engine.Rule(source)))

    def rule_engine_answer():
        return [norm_id for norm_id, rule in rules if rule.matches(facts)]

    if sorted(rule_engine_answer()) != sorted(expected):
        results["rule-engine"] = "DISAGREES with lawcode"
    else:
        label = f"rule-engine {rule_engine.__version__} (precompiled rules)"
        results[label] = per_call_ms(rule_engine_answer, number, repeat)
    return results


# -- whole commands --------------------------------------------------------------------------------


def wall_times(args: list[str], runs: int, env: dict) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times)


def commands(runs: int) -> dict:
    # As a user runs an installed package: with compiled bytecode cached (PYTHONDONTWRITEBYTECODE
    # would recompile every lawcode module on every run), kept out of the tree in work/.
    base = {k: v for k, v in os.environ.items() if k not in ("LAWCODE_CORPUS", "PYTHONDONTWRITEBYTECODE")}
    env_no_text = {**base, "PYTHONPYCACHEPREFIX": str(HERE / "work" / "pycache")}
    env_text = {**env_no_text, "LAWCODE_CORPUS": os.environ.get("LAWCODE_CORPUS", str(CORPUS))}
    py = sys.executable
    cli = [py, "-c", "from lawcode.cli import main; main()"]
    ask = ["ask", "--as", "enterprise", "--on", DATE]
    json_ask = ask + ["--format", "json"]
    cases = {
        "python -c pass": ([py, "-c", "pass"], env_no_text),
        "import lawcode.cli": ([py, "-c", "import lawcode.cli"], env_no_text),
        "lawcode ask --format json (no text)": (cli + json_ask, env_no_text),
        "lawcode ask (human, no text)": (cli + ask, env_no_text),
        "lawcode ask --format json (quoting the text)": (cli + json_ask, env_text),
        "lawcode ask (human, quoting the text)": (cli + ask, env_text),
    }
    wall_times(cli + json_ask, 1, env_text)  # warm the file and bytecode caches
    return {name: wall_times(args, runs, env) for name, (args, env) in cases.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--number", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cli-runs", type=int, default=10)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    options = parser.parse_args()

    results = {"in_process_ms": in_process(options.number, options.repeat),
               "peer_ms": peer(options.number, options.repeat),
               "command_ms": commands(options.cli_runs)}
    print("| in-process (after loading) | ms per call |\n| --- | ---: |")
    for name, value in results["in_process_ms"].items():
        print(f"| {name} | {value if isinstance(value, str) else f'{value:.3f}'} |")
    print("\n| same question, all facts known | ms per call |\n| --- | ---: |")
    for name, value in results["peer_ms"].items():
        print(f"| {name} | {value if isinstance(value, str) else f'{value:.3f}'} |")
    print("\n| whole command (fresh process) | median ms | best ms |\n| --- | ---: | ---: |")
    for name, (median, best) in results["command_ms"].items():
        print(f"| {name} | {median:.0f} | {best:.0f} |")
    if options.json:
        options.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
