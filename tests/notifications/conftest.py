import pytest

from tests.notifications.gateway import FakeGateway


@pytest.fixture
def gateway(settings):
    """The fake gateway serving both WhatsApp (/wa) and SMS (/sms), configured like production would be."""
    fake = FakeGateway().start()
    settings.NETRA_WHATSAPP_GATEWAY_URL = fake.base_url + "/wa"
    settings.NETRA_WHATSAPP_GATEWAY_TOKEN = "wa-token-uji"
    settings.NETRA_SMS_GATEWAY_URL = fake.base_url + "/sms"
    settings.NETRA_SMS_GATEWAY_TOKEN = "sms-token-uji"
    yield fake
    fake.stop()
