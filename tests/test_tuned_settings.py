"""The tuned constants are settings: each changes what the assistant does, and bad values are refused."""

from __future__ import annotations

import pytest

from assistant.config import Settings, load_settings, with_changes
from assistant.errors import ConfigError


@pytest.mark.parametrize("name, value", [("route_confident", "1.5"), ("grounding_support", "-0.1"),
                                         ("evidence_min_similarity", "2"), ("card_vote_weight", "-1"),
                                         ("retrieval_candidates", "0"), ("route_blend", "abc")])
def test_out_of_range_or_malformed_tuned_settings_are_refused(name, value, monkeypatch):
    monkeypatch.setenv(f"COACH_{name.upper()}", value)
    with pytest.raises(ConfigError, match=name):
        load_settings()


def test_unknown_settings_are_named():
    with pytest.raises(ConfigError, match="route_confidence"):
        with_changes(Settings(), route_confidence="0.3")


def test_route_thresholds_come_from_the_settings(real_assistant):
    """A question the shipped thresholds route with confidence is only a blend when 'confident' needs more."""
    from assistant.router import RouteThresholds

    router = real_assistant.knowledge.router()
    question = "my team keeps resisting every change we make"
    shipped = router.route(question, thresholds=real_assistant.knowledge.route_thresholds())
    assert shipped.decision == "confident"
    stricter = RouteThresholds.of(with_changes(real_assistant.settings, route_confident="0.99"))
    assert router.route(question, thresholds=stricter).decision != "confident"
    none = RouteThresholds.of(with_changes(real_assistant.settings, route_confident="0.99", route_no_card="0.98"))
    assert router.route(question, thresholds=none).decision == "none"


def test_grounding_support_comes_from_the_settings():
    from assistant.grounding import Thresholds, check_support

    passage = "Trust grows when a leader keeps small promises and explains decisions openly."
    claim = "Keep small promises and explain decisions openly, and involve the team in planning the budget. [1]"
    assert check_support(claim, [passage]).supported  # about two thirds of its words are the passage's
    stricter = Thresholds.of(with_changes(Settings(), grounding_support="0.8"))
    assert not check_support(claim, [passage], thresholds=stricter).supported


def test_card_voters_setting_turns_the_card_links_off(fake_settings):
    """card_voters=0 is the 'no links' ablation: the retriever reads it from the settings."""
    from assistant.retrieval import Retriever
    from assistant.service import Assistant

    a = Assistant(with_changes(fake_settings, card_voters="0", card_vote_weight="2.5"))
    r = Retriever(a.index, "hybrid")
    assert (r.vote_cards, r.vote_weight, r.candidates) == (0, 2.5, fake_settings.retrieval_candidates)


def test_sweep_varies_a_tuned_setting_and_refuses_a_bad_value_before_running(fake_assistant, tmp_path,
                                                                              small_questions):
    import json

    from assistant.evaluation.sweep import run_sweep

    qfile = small_questions
    with pytest.raises(ConfigError, match="card_vote_weight"):
        run_sweep(fake_assistant.settings, qfile, tmp_path / "bad", retrievers=["hybrid"], ks=[3],
                  chunk_chars=[1200], backends=["extractive"], retrieval_only=True,
                  vary={"card_vote_weight": ["1.0", "-2"]})
    assert not (tmp_path / "bad").exists()
    rows = run_sweep(fake_assistant.settings, qfile, tmp_path / "sweep", retrievers=["hybrid"], ks=[3],
                     chunk_chars=[1200], backends=["extractive"], retrieval_only=True,
                     vary={"card_voters": ["0", "3"]})
    assert [r["card_voters"] for r in rows] == ["0", "3"]
    assert [r["run"] for r in rows] == ["chunks1200-card_voters0-hybrid-k3-extractive",
                                        "chunks1200-card_voters3-hybrid-k3-extractive"]
    config = json.loads((tmp_path / "sweep" / rows[0]["run"] / "config.json").read_text())
    assert config["settings"]["card_voters"] == "0"  # each run records the settings it ran with


def test_cli_sweep_vary_needs_name_and_values(fake_settings):
    from click.testing import CliRunner

    from assistant.cli import main

    result = CliRunner().invoke(main, ["eval", "sweep", "--vary", "card_voters"])
    assert result.exit_code == 2 and "NAME=A,B" in result.output


def test_sweep_refuses_settings_its_choice_cannot_see(fake_assistant, tmp_path):
    from assistant.evaluation.sweep import run_sweep

    with pytest.raises(ConfigError, match="routing_tune"):
        run_sweep(fake_assistant.settings, tmp_path / "q.jsonl", tmp_path / "out", retrievers=["hybrid"], ks=[3],
                  chunk_chars=[1200], backends=["extractive"], vary={"route_blend": ["0.5", "0.7"]})


def test_answers_use_the_configured_thresholds(real_assistant):
    """The settings reach the answer: a router that must be surer hedges, an evidence floor of 0.999 pairs nothing."""
    from assistant.service import Assistant

    question = "my team keeps resisting every change we make, how do I get them on board?"
    assert real_assistant.ask(question).text.startswith("What you describe sounds like")
    unsure = Assistant(with_changes(real_assistant.settings, route_confident="0.99"))
    assert unsure.ask(question).text.startswith("This may relate to")
    paired = "I now lead my former colleagues and one of them wanted the job himself. How do I handle that?"
    assert any(item["evidence"] for item in real_assistant.ask(paired).advice)
    strict = Assistant(with_changes(real_assistant.settings, evidence_min_similarity="0.999"))
    assert all(item["evidence"] is None for item in strict.ask(paired).advice)
