"""The platform's screener: one per process, built from the settings and the admin lexicon entries."""

import pytest
from django.test import override_settings

from netra.monitoring import services


@pytest.mark.django_db
def test_screen_max_chars_setting_reaches_the_screener():
    with override_settings(NETRA_SCREEN_MAX_CHARS=40):
        screener = services.get_screener()
        assert screener.max_chars == 40
        result = screener.screen("Nasi goreng di warung ini enak sekali. Ayo coblos 02 Prabowo Gibran!")
        assert result.truncated and result.to_dict()["truncated"] is True
    assert services.get_screener().max_chars == 20_000
