"""Regenerated data files against the committed ones (``rhetoric_dev.regenerated``, ``make dev-check``): bytes, and
the hedge detector's weights within the refit's tolerance."""
from __future__ import annotations

from rhetoric.instruments import uncertainty
from rhetoric_dev import regenerated
from rhetoric_dev.hedges import REFIT_WEIGHT_TOLERANCE


def _model(path, weight, note="fitted", feature="w=may"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"feature,weight,note\n(intercept),-1.5,{note}\n{feature},{weight!r},\n", encoding="utf-8")
    return path


def test_other_files_compare_byte_for_byte(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"x,y\n1,2\n")
    (tmp_path / "b.csv").write_bytes(b"x,y\n1,2\n")
    (tmp_path / "c.csv").write_bytes(b"x,y\r\n1,2\r\n")
    assert regenerated.compare(tmp_path / "a.csv", tmp_path / "b.csv") == (True, "identical")
    assert regenerated.compare(tmp_path / "c.csv", tmp_path / "b.csv") == (False, "DIFFERS")
    assert regenerated.compare(tmp_path / "missing.csv", tmp_path / "b.csv") == (False, "not regenerated")


def test_model_weights_within_the_refit_tolerance(tmp_path):
    committed = _model(tmp_path / "old" / uncertainty.MODEL_FILE, 0.5)
    same, what = regenerated.compare(_model(tmp_path / "near" / uncertainty.MODEL_FILE, 0.5 + 3e-5), committed)
    assert same and what.startswith("within tolerance")
    far = _model(tmp_path / "far" / uncertainty.MODEL_FILE, 0.5 + 2 * REFIT_WEIGHT_TOLERANCE)
    assert regenerated.compare(far, committed)[0] is False
    note = _model(tmp_path / "note" / uncertainty.MODEL_FILE, 0.5, note="other")
    assert regenerated.compare(note, committed) == (False, "DIFFERS (features or notes)")
    feature = _model(tmp_path / "feature" / uncertainty.MODEL_FILE, 0.5, feature="w=might")
    assert regenerated.compare(feature, committed) == (False, "DIFFERS (features or notes)")


def test_main_exits_1_on_a_difference(tmp_path, capsys):
    committed = _model(tmp_path / "old" / uncertainty.MODEL_FILE, 0.5)
    (tmp_path / "x.csv").write_bytes(b"not,a weight table\n1,2\n")
    assert regenerated.main([str(committed), str(committed)]) == 0
    assert regenerated.main([str(committed), str(committed), str(tmp_path / "x.csv"), str(committed)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"identical: {committed}" and out[-1] == f"DIFFERS: {committed}"


def _tone_model(path, neutral, articles="12", feature="L:urge"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("feature,negative,neutral,positive,articles,note\n(intercept),0.1673542113,0.5674041856,"
                    f"-0.734758397,5446,fitted\n{feature},-0.25,{neutral!r},0.125,{articles},a cue\n",
                    encoding="utf-8")
    return path


def test_target_tone_weights_within_the_refit_tolerance(tmp_path):
    # a refit of the multinomial model moves weights by a few 1e-7 (measured 2.8e-7): the same model
    name = regenerated.TONE_MODEL_FILE
    committed = _tone_model(tmp_path / "old" / name, 0.5)
    same, what = regenerated.compare(_tone_model(tmp_path / "near" / name, 0.5 + 2.8e-7), committed)
    assert same and what.startswith("within tolerance (largest weight difference 2.8e-07")
    far = _tone_model(tmp_path / "far" / name, 0.5 + 2 * regenerated.TONE_WEIGHT_TOLERANCE)
    assert regenerated.compare(far, committed)[0] is False
    counted = _tone_model(tmp_path / "articles" / name, 0.5, articles="13")
    assert regenerated.compare(counted, committed) == (False, "DIFFERS (features, articles or notes)")
    feature = _tone_model(tmp_path / "feature" / name, 0.5, feature="L:warn")
    assert regenerated.compare(feature, committed) == (False, "DIFFERS (features, articles or notes)")
