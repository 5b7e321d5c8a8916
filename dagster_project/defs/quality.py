"""The GX suites as asset checks on the marts they validate; critical ones block publishing."""

import re
from collections.abc import Iterator
from functools import cache

import dagster as dg
from pydantic import PrivateAttr

from ..publish import marts_are_this_codes
from ..quality.step import ChecksWorker
from ..quality.suites import Suite, expectation_name, load_suites, severity_of
from ..settings import EXPECTATIONS_DIR
from .resources import NoticesSettings


def check_name(suite: str, expectation: str) -> str:
    return re.sub(r"\W+", "_", f"{suite}__{expectation}").strip("_")


class ChecksWorkerResource(dg.ConfigurableResource):  # type: ignore[type-arg]
    """The checks' worker process (quality/step.py), started by the dbt step before dbt runs
    (`start`): dbt's process keeps about one core busy and this one waits on it, so GX's imports
    take the other core instead of adding to the checks step. Started when the run started, they
    competed with the build setup and the parsing, which keep both cores busy, and a +100 night at
    10,000 notices lost in the build setup most of what the checks gained. It exits after the
    checks, or when the run ends without them."""

    _worker: ChecksWorker | None = PrivateAttr(default=None)

    def start(self) -> None:
        self.worker()

    def worker(self) -> ChecksWorker:
        if self._worker is None:  # a run without the dbt step (the checks alone) starts it here
            self._worker = ChecksWorker()
        return self._worker

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._worker is not None:
            self._worker.close()


@cache
def suites() -> tuple[Suite, ...]:
    return tuple(load_suites(EXPECTATIONS_DIR))


@cache
def quality_checks() -> dg.AssetChecksDefinition:
    specs = [
        dg.AssetCheckSpec(
            name=check_name(suite.name, expectation_name(configuration)),
            asset=dg.AssetKey(list(suite.asset)),
            blocking=True,
            description=f"[{severity_of(configuration)}] {(configuration.meta or {}).get('description', '')}",
        )
        for suite in suites()
        for configuration in suite.configurations
    ]

    # One step for all suites: the build file has one writer at a time.
    @dg.multi_asset_check(specs=specs, name="great_expectations_suites")
    def great_expectations_suites(
        context: dg.AssetCheckExecutionContext, notices: NoticesSettings, checks_worker: ChecksWorkerResource
    ) -> Iterator[dg.AssetCheckResult]:
        settings = notices.resolved()
        # The same decision as dbt's: when the published marts are this code's, only the notices
        # loaded since were rebuilt, and only theirs need checking again.
        changed_only = marts_are_this_codes(settings)
        outcomes = checks_worker.worker().check_build(
            settings.build_path, list(suites()), context.run.run_id, changed_only
        )
        failed = sum(not outcome.success for outcome in outcomes)
        scope = "the notices loaded this run" if changed_only else "every notice"
        context.log.info(f"checks: {len(outcomes)} expectations on {scope}, {failed} not met")
        asset_of = {suite.name: dg.AssetKey(list(suite.asset)) for suite in suites()}
        for outcome in outcomes:
            yield dg.AssetCheckResult(
                asset_key=asset_of[outcome.suite],
                check_name=check_name(outcome.suite, outcome.expectation),
                passed=outcome.success,
                severity=dg.AssetCheckSeverity.ERROR if outcome.severity == "critical" else dg.AssetCheckSeverity.WARN,
                metadata={"unexpected_count": outcome.unexpected_count, "description": outcome.description},
            )

    return great_expectations_suites
