"""The one "did you mean" helper: close names first, nothing offered when nothing is close."""

from lawcode.suggest import closest, closest_first, did_you_mean


def test_closest_offers_the_near_names_best_first():
    assert closest("has_plott", ["has_plot", "has_pet", "festival"]) == ["has_plot", "has_pet"]


def test_closest_offers_nothing_for_an_unrelated_name():
    assert closest("zzz", ["has_plot", "festival"]) == []


def test_closest_first_keeps_every_known_name():
    assert closest_first("festivl", ["alpha", "festival", "beta"]) == ["festival", "alpha", "beta"]


def test_did_you_mean_names_the_candidates_or_says_nothing():
    assert did_you_mean("tenant", ["tenants", "owner"]) == " (did you mean tenants?)"
    assert did_you_mean("zzz", ["tenants", "owner"]) == ""
