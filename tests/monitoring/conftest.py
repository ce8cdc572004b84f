import pytest

from netra.registry.models import SocialAccount

POSTS = [
    {"id": "p1", "text": "Ayo coblos nomor 2! #PrabowoGibran2024 menang satu putaran, salam dua jari ✌️",
     "action": "post", "platform": "facebook", "account": "budi.s", "posted_at": "2024-01-20T09:00:00+08:00",
     "url": "https://facebook.com/budi.s/posts/1"},
    {"id": "p2", "text": "KPU mengumumkan jadwal debat capres ketiga pada 7 Januari. Jangan lupa cek DPT kalian.",
     "action": "share", "platform": "facebook", "account": "budi.s", "posted_at": "2024-01-02"},
    {"id": "p3", "text": "Kucingku gemoy banget pagi ini, makan terus 😺", "platform": "instagram",
     "account": "budi.s"},
]


@pytest.fixture
def account(employee):
    return SocialAccount.objects.create(employee=employee, platform="facebook", handle="budi.s")


@pytest.fixture
def rows():
    return list(enumerate(POSTS, start=1))
