import pytest

from netra.screening import Screener


@pytest.fixture(scope="session")
def screener():
    return Screener.load()
