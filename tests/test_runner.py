"""One vocabulary, one runner: every effect a channel asks for is a core.contacts.effects class, carried out by its one
handler in core.contacts.runner, and the channels' pure flows emit nothing else."""
import importlib.util
import inspect
import pathlib
import re

import pytest

from core.contacts import effects as fx
from core.contacts import runner
from ussd import engine
from voice import flow

VOCABULARY = {value for value in vars(fx).values()
              if inspect.isclass(value) and value.__module__ == fx.__name__ and value is not fx.Done}
HERE = pathlib.Path(__file__).parent
TRANSCRIPTS = [*(HERE / "ussd" / "transcripts").glob("*.txt"), *(HERE / "voice" / "transcripts").glob("*.txt")]


def test_every_handler_carries_out_an_effect_of_the_vocabulary():
    assert set(runner.HANDLERS) <= VOCABULARY
    assert len(set(runner.HANDLERS.values())) == len(runner.HANDLERS)  # no handler doing two effects' work


def test_every_effect_of_the_vocabulary_has_its_handler():
    assert set(runner.HANDLERS) == VOCABULARY


def test_the_channels_flows_emit_only_the_vocabulary_and_every_effect_they_emit_is_handled():
    assert engine.fx is fx and flow.fx is fx
    emitted = {re.match(r"= (\w+)\(", line).group(1)
               for path in TRANSCRIPTS for line in path.read_text().splitlines() if line.startswith("= ")}
    handled = {effect.__name__ for effect in runner.HANDLERS}
    assert {"Apply", "SetLanguage", "SaveAlerts", "ShareBySms", "ShareByCall", "CallBack", "StopCalls"} <= emitted
    assert emitted <= handled


@pytest.mark.parametrize("module", ["ussd.host", "voice.host", "ussd.effects", "voice.effects"])
def test_no_channel_keeps_a_host_or_effects_of_its_own(module):
    assert importlib.util.find_spec(module) is None
