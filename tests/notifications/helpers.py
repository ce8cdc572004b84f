"""Moving a case through the workflow for notification tests (dates as in tests/cases)."""

import datetime as dt

from netra.cases import services
from netra.registry.models import Agency
from netra.rules.models import Contest, SanctionType, ViolationType
from tests.conftest import at

D = dt.date.fromisoformat


def to_verification(case, people):
    services.start_verification(case, people["verifier"], at=at("2024-12-17"))
    if case.agency_id is None:  # a case reaches Bawaslu and the PPK only with its agency set
        services.set_agency(case, people["verifier"], Agency.objects.get(code="6472-disdik"), at=at("2024-12-17"))
    services.classify(case, people["verifier"], violation=ViolationType.objects.get(code="E5"),
                      contest=Contest.objects.get(code="pilwali-6472-2024"), at=at("2024-12-18"))


def to_bawaslu(case, people):
    to_verification(case, people)
    services.forward_to_bawaslu(case, people["verifier"], at=at("2024-12-20"))  # due 27 Dec 2024


def to_recommended(case, people):
    to_bawaslu(case, people)
    services.recommend(case, people["bawaslu"], number="12/REK/2024", at=at("2024-12-27"))  # due 17 Jan 2025


def decide(case, people):
    services.record_ppk_decision(case, people["ppk"], sanction=SanctionType.objects.get(code="berat-turun-jabatan"),
                                 number="800/123/BKPSDM", decision_date=D("2025-01-15"), at=at("2025-01-15"))
