"""Hypothesis settings for the property-based tests (each property test module imports this first).

CI runs a small example budget (profile "ci", the default) so that the suite stays fast. Before a
release, run the long profile:

    HYPOTHESIS_PROFILE=long python -m pytest tests/property -q

(about 2 000 examples per property; several minutes on a 2-core machine).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
