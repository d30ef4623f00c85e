"""Our two changes to Rasa (channels/rasa_patches.py), and that they fail loudly if Rasa moves."""
import pytest
import rasa.core.actions.action as rasa_action

from channels import rasa_patches


def test_importing_a_channel_bounds_the_action_wait_to_the_default():
    import channels.guarded_rest  # noqa: F401  what Rasa does when it loads credentials.yml

    assert rasa_action.DEFAULT_REQUEST_TIMEOUT == rasa_patches.action_timeout_seconds({}) == 2.0


def test_the_wait_comes_from_the_environment_and_must_be_positive():
    assert rasa_patches.action_timeout_seconds({"ACTION_TIMEOUT_SECONDS": "1.5"}) == 1.5
    with pytest.raises(ValueError):
        rasa_patches.action_timeout_seconds({"ACTION_TIMEOUT_SECONDS": "0"})


def test_a_rasa_that_no_longer_reads_the_constant_stops_the_server(monkeypatch):
    async def run_without_the_constant(self, *args, **kwargs):
        return []

    monkeypatch.setattr(rasa_action.RemoteAction, "run", run_without_the_constant)
    with pytest.raises(rasa_patches.RasaInternalsMoved):
        rasa_patches.bound_action_timeout(2)
