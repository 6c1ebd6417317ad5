"""A scenario run as a reader sees it: each failed case with what was expected, what came, and
the norm and provisions to look at; a line per file; the totals; and, asked for, the coverage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lawcode.scenarios.coverage import Coverage, Measure
from lawcode.scenarios.run import CaseResult


@dataclass(frozen=True)
class RunReport:
    results: tuple[CaseResult, ...]
    coverage: tuple[Coverage, ...] = ()

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)

    @property
    def failed(self) -> tuple[CaseResult, ...]:
        return tuple(r for r in self.results if not r.passed)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "passed": self.passed,
            "cases": len(self.results),
            "failed": len(self.failed),
            "checks": sum(len(r.checks) for r in self.results),
            "results": [r.to_dict() for r in self.results],
        }
        if self.coverage:
            data["coverage"] = [c.to_dict() for c in self.coverage]
        return data


def render(report: RunReport) -> str:
    """The human report: failures in full, passes as a count per file."""
    lines: list[str] = []
    for result in report.failed:
        lines += _failure(result)
    files: dict[str, list[CaseResult]] = {}
    for result in report.results:
        files.setdefault(result.file, []).append(result)
    if lines:
        lines.append("")
    for file, results in files.items():
        bad = sum(not r.passed for r in results)
        lines.append(f"{shown_path(file)}: {len(results) - bad} passed" + (f", {bad} FAILED" if bad else ""))
    for coverage in report.coverage:
        lines += ["", *_coverage(coverage)]
    checks = sum(len(r.checks) for r in report.results)
    verdict = "OK" if report.passed else "FAILED"
    passed = len(report.results) - len(report.failed)
    lines += ["", f"{verdict}: {passed} of {len(report.results)} case(s) passed ({checks} check(s))."]
    return "\n".join(lines)


def shown_path(file: str) -> str:
    """A test file as a reader types it: relative to the working folder when inside it."""
    import os

    relative = os.path.relpath(file)
    return file if relative.startswith("..") else relative


def _failure(result: CaseResult) -> list[str]:
    lines = [f"FAIL {shown_path(result.file)}:{result.line} - {result.name}"]
    if result.error:
        lines.append(f"    the question could not be put: {result.error}")
    for check in result.checks:
        if check.passed:
            continue
        lines.append(f"    {check.what}: expected {check.expected}, got {check.got}")
        look = []
        if check.norm:
            look.append(f"norm {check.norm}")
        if check.provisions:
            look.append("provisions " + ", ".join(check.provisions))
        if look:
            lines.append("      look at " + "; ".join(look))
    return lines


def _coverage(coverage: Coverage) -> list[str]:
    lines = [f"Coverage of {coverage.regulation} by {coverage.cases} case(s):"]
    for name, measure in (("norms", coverage.norms), ("procedure transitions", coverage.transitions),
                          ("procedure states", coverage.states), ("facts", coverage.facts)):
        lines.append(f"  {name}: {measure.exercised}/{measure.total} ({measure.percent:.0f}%)")
        lines += _missed(measure)
    if coverage.only_undetermined:
        lines += _missed(Measure(0, 0, coverage.only_undetermined), "norms only ever undetermined: ", "  ")
    return lines


def _missed(measure: Measure, head: str = "not exercised: ", indent: str = "    ") -> list[str]:
    if not measure.missed:
        return []
    import textwrap

    shown = ", ".join(measure.missed[:20])
    more = f", ... {len(measure.missed) - 20} more" if len(measure.missed) > 20 else ""
    return textwrap.wrap(f"{head}{shown}{more}", 100, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_on_hyphens=False)
