import pytest
from django.core.management import CommandError, call_command

from netra.registry.models import Agency


def test_agency_import_is_all_or_nothing(reference, tmp_path):
    good = tmp_path / "ok.csv"
    good.write_text("code,name,short_name,region_code\n6472-bapenda,Bapenda Kota Samarinda,Bapenda,64.72\n")
    call_command("import_agencies", str(good), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Agency.objects.get(code="6472-bapenda").region.code == "64.72"
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,short_name,region_code\n6474-x,Dinas X,X,64.74\n6473-y,Dinas Y,Y,64.73\n")
    with pytest.raises(CommandError, match="baris 3"):
        call_command("import_agencies", str(bad))
    assert not Agency.objects.filter(code="6474-x").exists()  # 64.73 (Tarakan) moved to Kaltara
