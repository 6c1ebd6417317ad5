"""The engine's ``ask`` over a fixed mix of real questions, both shipped models, in-process.

    python benchmarks/engine/bench_ask.py [--rounds 20] [--repeat 5] [--json FILE]
                                          [--profile MODEL]

Each question of the mix (TAR: the web benchmark's twelve; UK Equality Act: eight roles, one
or two at a time, with and without facts) is asked through ``lawcode.service.ask`` after the
model is loaded and warmed up once, quoting the text when it is found (LAWCODE_CORPUS or
../shared/corpus), as the ask endpoint does. Reported per model: the mean time of one question
over the mix and the slowest question of the mix, each question's time being its best over
--repeat times --rounds askings (the least disturbed: the machine is shared), with the
machine's load average. The figures are compared with another checkout run with this same
script in the same session (PYTHONPATH=OTHER/src), never against a fixed number.
``--profile MODEL`` prints cProfile's top functions for one round of that model's mix instead.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[2] / "shared" / "corpus"  # ../shared/corpus of a checkout beside it

# (roles, facts, date, kind): real questions for each model.
MIX: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str | None, str | None]]] = {
    "tar-counter-espionage-2021": [
        (("enterprise",), (), None, None),
        (("citizen",), (), None, None),
        (("citizen",), ("discovered_espionage_or_lead",), None, None),
        (("enterprise", "network_operator"), ("in_key_unit_directory",), None, None),
        (("school",), ("has_travellers_abroad",), "2022-03-01", None),
        (("media",), (), None, "duty"),
        (("teacher",), (), "2020-06-30", None),
        (("key_unit",), ("sends_personnel_abroad=false",), None, None),
        (("network_operator",), ("telecom_threat_found", "correction_refused_or_insufficient"), None, None),
        (("state_security_organ",), (), None, "power"),
        (("unit",), ("failed_obligations",), "2023-01-15", None),
        (("reporter",), ("reporter_consents=false",), None, None),
    ],
    "uk-equality-act-2010": [
        (("employer",), (), None, None),
        (("service_provider",), (), None, None),
        (("employer",), ("disabled", "pc_disability"), None, None),
        (("individual",), (), None, None),
        (("premises_manager",), ("manages_premises",), None, None),
        (("employer", "service_provider"), (), None, "duty"),
        (("qualifications_body",), ("harassment=false",), None, None),
        (("public_function_exerciser",), ("exercises_public_function",), None, None),
    ],
}
DATES = {"tar-counter-espionage-2021": "2021-06-01", "uk-equality-act-2010": "2011-06-01"}


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def load(model_id: str):
    from lawcode import service

    loaded = service.load_model(model_id)
    document = service.text_for_model(loaded)
    return service, loaded, document


def ask_all(model_id: str, service, loaded, document) -> list[float]:
    """Ask each question of the model's mix once; the time of each, in seconds."""
    times = []
    for roles, facts, on, kind in MIX[model_id]:
        started = time.perf_counter()
        service.ask(loaded, roles, list(facts), on or DATES[model_id], kind, document)
        times.append(time.perf_counter() - started)
    return times


def measure(model_id: str, rounds: int, repeat: int) -> dict:
    service, loaded, document = load(model_id)
    ask_all(model_id, service, loaded, document)  # warm up: the indexes built once per model
    best_each = [float("inf")] * len(MIX[model_id])
    for _ in range(repeat * rounds):
        times = ask_all(model_id, service, loaded, document)
        best_each = [min(a, b) for a, b in zip(best_each, times, strict=True)]
    return {"model": model_id, "questions": len(MIX[model_id]), "quoted": document is not None,
            "mean_ms": round(sum(best_each) / len(best_each) * 1000, 3),
            "slowest_ms": round(max(best_each) * 1000, 3), "each_ms": [round(t * 1000, 3) for t in best_each]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--profile", choices=sorted(MIX))
    args = parser.parse_args()
    os.environ.setdefault("LAWCODE_CORPUS", str(CORPUS))
    if args.profile:
        service, loaded, document = load(args.profile)
        ask_all(args.profile, service, loaded, document)
        profiler = cProfile.Profile()
        profiler.runcall(ask_all, args.profile, service, loaded, document)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        return
    before = load_average()
    results = [measure(model_id, args.rounds, args.repeat) for model_id in MIX]
    report = {"load_before": before, "load_after": load_average(), "results": results}
    for r in results:
        print(f"{r['model']:30} {r['questions']:2} questions  mean {r['mean_ms']:8.3f} ms  "
              f"slowest {r['slowest_ms']:8.3f} ms  (quoted: {r['quoted']})")
    print(f"load average before {report['load_before']}, after {report['load_after']}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
