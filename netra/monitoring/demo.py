"""Demo social-media accounts and posts, imported and screened through the real services."""

import datetime as dt
import random

from netra.registry.models import Employee, SocialAccount

from . import services
from .models import ImportBatch

# Written for the demo (not taken from the training data): campaign posts, allowed election talk,
# and ordinary posts with words that only look political.
POSTS = [
    ("post", "Ayo warga Samarinda, tanggal 27 November coblos nomor 2! Rudy-Seno untuk Kaltim maju 🔥 #KaltimMaju"),
    ("share", "Bagikan! Debat terakhir membuktikan paslon 01 paling siap memimpin. "
              "Pilih yang berpengalaman, Isran-Hadi lagi!"),
    ("comment", "Mantap pak, lanjutkan! Prabowo-Gibran satu putaran ✌️"),
    ("photo_gesture", "Foto bareng calon wali kota tadi sore, salam dua jari ✌️ semoga menang"),
    ("post", "Jangan pilih capres planga plongo yang cuma bisa pencitraan, rakyat sudah muak"),
    ("caption", "Bersama AMIN kita wujudkan perubahan! #AMINAjaDulu #01"),
    ("share", "KPU Kaltim: pemungutan suara Pilkada serentak 27 November 2024, cek nama Anda di DPT "
              "melalui cekdptonline.kpu.go.id"),
    ("post", "Bawaslu mengingatkan ASN wajib netral. Laporkan pelanggaran netralitas ke Bawaslu setempat."),
    ("post", "Jangan golput ya, satu suara menentukan masa depan daerah kita. Datang ke TPS 27 November!"),
    ("share", "Jadwal debat publik kedua calon gubernur Kaltim disiarkan langsung malam ini pukul 19.00 WITA."),
    ("post", "Alhamdulillah hari ini pelayanan KTP di kecamatan lancar, terima kasih warga yang antre tertib."),
    ("post", "Kucing kami si Oyen makin gemoy, tiap pagi minta makan dua kali 😺"),
    ("post", "Akhirnya bisa liburan ke Derawan bareng keluarga, airnya jernih sekali"),
    ("comment", "Aamiin, semoga lekas sembuh ibu"),
    ("post", "Rapat koordinasi persiapan HUT Kaltim di kantor gubernur berjalan lancar"),
    ("post", "Kamar nomor 2 di rumah dinas bocor lagi kena hujan semalam"),
]


def seed(now: dt.datetime, seed_value: int = 7) -> ImportBatch | None:
    if ImportBatch.objects.filter(source="demo").exists():
        return None
    rng = random.Random(seed_value)
    employees = list(Employee.objects.order_by("pk")[:12])
    for i, emp in enumerate(employees):
        SocialAccount.objects.get_or_create(platform="facebook", handle=f"demo.asn{i}", defaults={"employee": emp})
    rows = []
    for n, (action, text) in enumerate(POSTS, start=1):
        posted = now - dt.timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 10))
        rows.append((n, {"id": f"demo-{n}", "text": text, "action": action, "platform": "facebook",
                         "account": f"demo.asn{n % len(employees)}", "posted_at": posted.isoformat(),
                         "url": f"https://facebook.example/demo.asn{n % len(employees)}/posts/{n}"}))
    batch = services.import_posts(rows, None, "demo")
    return batch
