# ruff: noqa: E501 - hand-written question templates read best one per line
"""The team-written question bank for "Boleh atau tidak?" (data/selfcheck_bank.jsonl).

Why a generator next to a data file: the bank is what the reader's model learns act and object
from, and what the benchmark holds out. Each *family* below is one situation written from the rules
(regulations §1.3, §1.4, §1.6 and §3) with its rule id, expected verdict, act, object and context
slots, and hand-written questions in four registers: formal Indonesian, informal/WhatsApp
(abbreviations, typos), Banjar/Kutai-flavoured, and English. A template's ``{c}`` is filled from a
register's pool of ways to name a candidate, so one family yields paraphrases that differ in wording
and in who is named. Families, not questions, are the unit of the held-out split: paraphrases of one
situation never sit on both sides.

Regenerate with ``python -m netra.learning.selfcheck.bank`` (deterministic); commit the JSONL.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).parent.parent / "data" / "selfcheck_bank.jsonl"

# Ways to name a partisan object per register (candidates, pairs, parties, campaign teams).
CAND = {
    "f": ["calon presiden", "pasangan calon nomor urut 2", "calon gubernur", "bakal calon bupati",
          "calon anggota DPRD", "calon wali kota", "partai politik peserta pemilu", "tim kampanye pasangan calon",
          "calon legislatif DPR", "bakal calon wali kota"],
    "i": ["capres", "paslon 02", "cagub", "cabup", "caleg", "timses paslon", "calon bupati", "paslon 01",
          "parpol", "cawali", "caleg DPRD", "tim sukses"],
    "r": ["calon bupati", "paslon", "caleg", "cagub", "calon gubernur", "capres", "timses"],
    "e": ["a presidential candidate", "a candidate", "a legislative candidate", "the governor candidate",
          "candidate pair number 2", "a mayoral candidate", "the campaign team", "a political party",
          "a regent candidate"],
}
PLAT = {"f": ["Instagram", "Facebook", "TikTok", "X"], "i": ["ig", "fb", "tiktok", "twitter", "status wa"],
        "r": ["fesbuk", "ig", "wa"], "e": ["Instagram", "Facebook", "TikTok", "X"]}

F = "forbidden"
A = "allowed"
D = "depends"

# (family, kind, rule, verdict, act, object, {register: [templates]})
FAMILIES: list[tuple[str, str, str, str, str, str, dict[str, list[str]]]] = [
    # ---- social media toward a candidate: E4/D6, E2/D2
    ("like_post", "likes_shares", "E4/D6", F, "like", "partisan", {
        "f": ["Bolehkah saya menyukai unggahan {c} di {p}?", "Apakah ASN boleh memberi like pada postingan {c}?",
              "Saya ingin memberi tanda suka pada foto kampanye {c}. Apakah boleh?"],
        "i": ["boleh gk sy like postingan {c} di {p}?", "klo cuma ngelike status {c} gpp kan?",
              "kalo aku kasih love di reels {c} kena sanksi ga sih", "ngelike doang postingan {c} boleh ya?"],
        "r": ["kawa kah ulun malike postingan {c} di {p}?", "pian, ulun handak nge-like status {c}, kawa lah?"],
        "e": ["Can I like {c}'s post on {p}?", "Is it okay for a civil servant to like a post by {c}?",
              "Am I allowed to hit like on {c}'s campaign photo?"]}),
    ("comment_post", "likes_shares", "E4/D6", F, "comment", "partisan", {
        "f": ["Bolehkah saya berkomentar di unggahan {c}?", "Apakah boleh menulis komentar dukungan di akun {c}?"],
        "i": ["komen di postingan {c} boleh gak?", "sy mau komen semangat di akun {c}, aman ga?",
              "kl komen 'mantap pak' di ig {c} gmn?"],
        "r": ["ulun handak bakomentar di postingan {c}, kawa kah?", "kada papa kah komen di status {c}?"],
        "e": ["Can I comment on {c}'s post?", "May I leave a supportive comment on {c}'s account?",
              "Is commenting on {c}'s page allowed for ASN?"]}),
    ("share_post", "likes_shares", "E4/D6", F, "share", "partisan", {
        "f": ["Bolehkah saya membagikan video kampanye {c} di {p}?", "Apakah saya boleh meneruskan poster {c} ke grup?",
              "Bolehkah saya me-repost unggahan {c}?"],
        "i": ["share poster {c} ke grup wa boleh ga?", "sy mau forward video {c} ke grup keluarga, gpp?",
              "repost story {c} boleh gk?", "nyebarin pamflet {c} di {p} aman kah?"],
        "r": ["kawa kah ulun mambagi video {c} ka grup wa?", "ulun handak manyebar poster {c}, kawa lah?"],
        "e": ["Can I share {c}'s campaign video on {p}?", "Is it okay to forward {c}'s poster to a WhatsApp group?",
              "May I repost content from {c}?"]}),
    ("follow_account", "likes_shares", "E4/D6", F, "follow", "partisan", {
        "f": ["Bolehkah saya mengikuti akun media sosial {c}?", "Apakah ASN boleh follow akun pemenangan {c}?"],
        "i": ["follow akun {c} boleh gk?", "klo sy follow ig {c} kena ga?", "subscribe channel {c} gmn?"],
        "r": ["kawa kah ulun follow akun {c}?", "ulun umpat follow akun {c}, kada papa kah?"],
        "e": ["Can I follow {c}'s account?", "Is following {c} on {p} allowed for a civil servant?"]}),
    ("join_group", "likes_shares", "E4/D6", F, "follow", "partisan", {
        "f": ["Bolehkah saya bergabung ke grup WhatsApp relawan {c}?", "Saya diundang masuk grup pemenangan {c}. Boleh?"],
        "i": ["dimasukin grup wa relawan {c}, boleh gabung gk?", "join grup telegram {c} gpp ya?"],
        "r": ["ulun dimasukakan ka grup wa {c}, kawa kah umpat?", "bagabung lawan grup {c} kawa lah?"],
        "e": ["Can I join {c}'s volunteer WhatsApp group?", "I was added to {c}'s campaign group. Can I stay?"]}),
    ("post_support", "post", "E2/D2", F, "post", "partisan", {
        "f": ["Bolehkah saya mengunggah status dukungan untuk {c}?", "Apakah saya boleh menulis ajakan memilih {c} di {p}?",
              "Bolehkah saya membuat twibbon dukungan {c}?"],
        "i": ["bikin status dukung {c} boleh ga?", "sy mau posting ajak pilih {c} di {p}, bs?",
              "pasang twibbon {c} di pp wa gpp kan?", "upload story dukung {c} aman gak"],
        "r": ["ulun handak basurat status dukung {c}, kawa kah?", "kawa lah ulun posting ajakan milih {c}?"],
        "e": ["Can I post my support for {c} on {p}?", "May I write a status asking people to vote for {c}?",
              "Is it okay to use {c}'s campaign frame on my profile picture?"]}),
    ("like_legislative_dated", "likes_shares", "E4/D6", F, "like", "partisan", {
        "f": ["Pada 6 November 2023 saya menyukai unggahan calon anggota DPR. Apakah itu pelanggaran?",
              "Bolehkah saya like postingan caleg DPRD pada awal November 2023?"],
        "i": ["tgl 6 nov 2023 sy like postingan caleg, salah gk?", "like status caleg dpr wkt november kemarin gmn?"],
        "r": ["ulun malike postingan caleg bulan november, kawa kah?"],
        "e": ["I liked a legislative candidate's post on 6 November 2023. Was that a violation?"]}),
    # ---- neutral content: allowed
    ("share_kpu_info", "neutral_info", "A7", A, "share", "kpu", {
        "f": ["Bolehkah saya membagikan jadwal pemungutan suara dari KPU di {p}?",
              "Apakah ASN boleh meneruskan informasi resmi Bawaslu tentang cara melapor?",
              "Bolehkah saya menyebarkan infografik KPU tentang cara mencoblos?"],
        "i": ["share info jadwal nyoblos dr kpu boleh kan?", "forward info cek dpt dr kpu ke grup gpp?",
              "bagiin pengumuman bawaslu ke grup kantor boleh gk?", "repost infografis kpu soal lokasi tps aman?"],
        "r": ["kawa kah ulun mambagi info jadwal pemilu matan KPU?", "ulun handak manyebar info cek DPT matan kpu, kawa?"],
        "e": ["Can I share the KPU's voting schedule on {p}?", "Is it okay to forward Bawaslu's official information?",
              "May I repost the election commission's guide on how to vote?"]}),
    ("post_kpu_info", "neutral_info", "A7", A, "post", "kpu", {
        "f": ["Bolehkah saya mengunggah pengumuman resmi KPU tentang lokasi TPS?",
              "Apakah boleh memposting cara cek daftar pemilih tetap dari situs KPU?"],
        "i": ["posting cara cek dpt di web kpu boleh ga?", "upload pengumuman kpu ttg tps di fb gpp kan?"],
        "r": ["ulun handak posting pengumuman KPU, kawa kah?"],
        "e": ["Can I post the KPU announcement about polling station locations?",
              "May I post how to check the voter list on the KPU website?"]}),
    ("share_neutral_news", "neutral_info", "A7", A, "share", "neutral", {
        "f": ["Bolehkah saya membagikan berita netral tentang tahapan pemilu dari media resmi?",
              "Apakah boleh meneruskan berita tentang jumlah TPS di Samarinda?",
              "Bolehkah saya membagikan artikel berita tentang persiapan pilkada tanpa komentar?"],
        "i": ["share berita netral soal pemilu dr media boleh kan?", "forward berita jumlah tps ke grup gpp ya?",
              "bagiin artikel berita persiapan pilkada tanpa komen boleh?"],
        "r": ["kawa kah ulun mambagi barita netral pasal pemilu?", "ulun mambagi barita persiapan pilkada, kada papa lah?"],
        "e": ["Can I share neutral news about the election stages from a news outlet?",
              "Is it fine to forward a news article about polling preparations without comment?"]}),
    ("share_govt_programme", "neutral_info", "A7", A, "share", "programme", {
        "f": ["Bolehkah saya membagikan informasi program vaksinasi dinas kesehatan saat masa kampanye?",
              "Apakah boleh mengunggah pengumuman layanan perizinan kantor kami selama pilkada?"],
        "i": ["share info program dinas selama masa kampanye boleh kan?", "posting layanan kantor pas pilkada gpp?"],
        "r": ["kawa kah ulun mambagi info program dinas waktu kampanye?"],
        "e": ["Can I share my agency's public service announcement during the campaign period?"]}),
    # ---- reminding, turnout, reading, voting, reporting: allowed
    ("remind_neutrality", "remind", "SKB", A, "remind", "neutral", {
        "f": ["Bolehkah saya mengingatkan rekan kerja agar menjaga netralitas ASN?",
              "Apakah boleh menegur teman kantor yang memposting dukungan kepada calon?",
              "Bolehkah saya membagikan materi sosialisasi netralitas ASN ke grup kantor?"],
        "i": ["ngingetin temen kantor biar netral boleh kan?", "negur rekan yg posting dukung paslon gpp?",
              "share materi netralitas asn ke grup kantor boleh?"],
        "r": ["kawa kah ulun maingatakan kawan sakantor supaya netral?", "ulun handak manegur kawan nang posting dukung calon, kawa?"],
        "e": ["Can I remind my colleagues to stay neutral?", "Is it okay to warn a coworker who posted support for a candidate?",
              "May I share neutrality guidance with my office group?"]}),
    ("turnout", "turnout", "A3", A, "turnout", "neutral", {
        "f": ["Bolehkah saya mengajak warga datang ke TPS dan tidak golput?",
              "Apakah ASN boleh mengajak masyarakat menggunakan hak pilih tanpa menyebut calon?"],
        "i": ["ngajak org jgn golput boleh kan?", "ajak warga ke tps tanpa nyebut paslon gpp ya?"],
        "r": ["kawa kah ulun maajak urang kampung datang ka TPS, jangan golput?"],
        "e": ["Can I encourage people to vote without naming a candidate?", "May I remind residents not to abstain?"]}),
    ("read_vision", "read", "A4", A, "read", "partisan", {
        "f": ["Bolehkah saya menonton debat {c} untuk mengetahui visi misi?",
              "Apakah boleh membaca program kerja {c} di situs resmi?"],
        "i": ["nonton debat {c} boleh kan?", "baca visi misi {c} gpp kan?"],
        "r": ["kawa kah ulun manonton debat {c}?", "ulun mambaca visi misi {c}, kada papa kah?"],
        "e": ["Can I watch {c}'s debate to learn their programme?", "May I read {c}'s vision and mission?"]}),
    ("vote", "vote", "A1", A, "vote", "none", {
        "f": ["Bolehkah saya mencoblos di TPS pada hari pemungutan suara?", "Apakah ASN tetap punya hak pilih?"],
        "i": ["asn boleh nyoblos kan?", "sy pns, boleh ikut milih di tps?", "nyoblos pas hari h boleh dong?"],
        "r": ["kawa kah ulun manyoblos di TPS?", "pns kawa milih kah?"],
        "e": ["Can I vote on election day?", "Do civil servants keep the right to vote?"]}),
    ("report_violation", "report", "A11", A, "report", "none", {
        "f": ["Bolehkah saya melaporkan rekan yang tidak netral ke Bawaslu?",
              "Apakah saya boleh mengadukan atasan yang mengarahkan pegawai memilih calon?"],
        "i": ["lapor temen yg ga netral ke bawaslu boleh kan?", "mau ngadu atasan yg nyuruh pilih calon, bs?"],
        "r": ["kawa kah ulun malapor kawan nang kada netral?"],
        "e": ["Can I report a colleague who is not neutral?", "May I file a complaint about my boss pushing us to vote for a candidate?"]}),
    # ---- campaigns and events
    ("attend_passive", "attend_campaign", "A2", A, "attend", "partisan", {
        "f": ["Bolehkah saya menghadiri kampanye {c} hanya sebagai pendengar tanpa atribut?",
              "Apakah boleh datang ke kampanye terbuka {c} secara pasif tanpa yel-yel?"],
        "i": ["dtg ke kampanye {c} cuma dengerin aja tanpa atribut boleh?", "nonton kampanye {c} diem aja gpp kan?"],
        "r": ["kawa kah ulun datang ka kampanye {c} mandangar haja, kada baatribut?"],
        "e": ["Can I attend {c}'s rally just to listen, without any attributes?",
              "May I go to a campaign event of {c} passively, without chanting?"]}),
    ("attend_unknown", "attend_campaign", "A2/E3/D4", D, "attend", "partisan", {
        "f": ["Bolehkah saya datang ke kampanye {c}?", "Apakah ASN boleh menghadiri acara kampanye {c}?"],
        "i": ["dtg ke kampanye {c} boleh ga?", "sy diajak ke kampanye {c}, boleh dtg?"],
        "r": ["kawa kah ulun datang ka kampanye {c}?", "ulun diajak ka kampanye {c}, kawa lah?"],
        "e": ["Can I attend {c}'s campaign rally?", "Is a civil servant allowed to go to {c}'s campaign event?"]}),
    ("attend_active", "attend_campaign", "E3/D4", F, "attend", "partisan", {
        "f": ["Bolehkah saya hadir di kampanye {c} dan ikut meneriakkan yel-yel?",
              "Apakah boleh datang ke deklarasi {c} sambil mengacungkan salam jari?"],
        "i": ["dtg kampanye {c} sambil teriak yel2 boleh?", "ke deklarasi {c} trs ikut joget & salam 2 jari gpp?"],
        "r": ["kawa kah ulun datang ka kampanye {c} sambil bateriak yel-yel?"],
        "e": ["Can I attend {c}'s rally and join the chants?", "May I go to {c}'s declaration and show the finger salute?"]}),
    ("join_campaign", "attend_campaign", "E6/D4", F, "campaign", "partisan", {
        "f": ["Bolehkah saya ikut serta dalam kegiatan kampanye {c}?", "Apakah saya boleh ikut sosialisasi {c} ke desa-desa?",
              "Bolehkah saya ikut berkampanye untuk {c} di akhir pekan?"],
        "i": ["ikut kampanye {c} boleh ga?", "ikutan blusukan {c} pas weekend gpp?", "bantu2 kampanye {c} boleh kah"],
        "r": ["kawa kah ulun umpat kampanye {c}?", "ulun handak umpat sosialisasi {c} ka kampung, kawa?"],
        "e": ["Can I take part in {c}'s campaign activities?", "May I help {c} campaign door to door on weekends?"]}),
    ("campaign_on_leave", "attend_campaign", "E6/D4", F, "campaign", "partisan", {
        "f": ["Bolehkah saya ikut kampanye {c} jika saya sedang cuti tahunan?",
              "Kalau saya mengambil cuti biasa, apakah boleh ikut berkampanye untuk {c}?"],
        "i": ["klo sy lg cuti tahunan boleh ikut kampanye {c}?", "pas cuti boleh bantu kampanye {c} kan?"],
        "r": ["amun ulun cuti tahunan, kawa kah umpat kampanye {c}?"],
        "e": ["If I take annual leave, can I campaign for {c}?", "Can I join {c}'s campaign while on ordinary leave?"]}),
    ("campaign_office_hours", "facilities", "E6/D4", F, "attend", "partisan", {
        "f": ["Bolehkah saya menghadiri kampanye {c} pada jam kerja dengan mobil dinas?",
              "Apakah boleh datang ke acara kampanye {c} menggunakan kendaraan dinas?"],
        "i": ["ke kampanye {c} pake mobil dinas boleh ga?", "dtg kampanye {c} pas jam kantor gpp?"],
        "r": ["kawa kah ulun ka kampanye {c} pakai mubil dinas?"],
        "e": ["Can I attend {c}'s rally during working hours using an official car?"]}),
    ("speaker_party_event", "speaker", "E6/D4", F, "speak", "partisan", {
        "f": ["Bolehkah saya menjadi narasumber di acara {c}?", "Saya diminta menjadi pembicara dalam acara partai politik. Bolehkah?",
              "Apakah ASN boleh mengisi materi di acara bakal calon?"],
        "i": ["jd narsum di acara {c} boleh ga?", "diminta ngisi materi di acara partai, gpp?",
              "diundang jd pembicara acara {c}, aman?"],
        "r": ["ulun disuruh jadi pambicara di acara {c}, kawa kah?", "kawa lah ulun mangisi matari di acara partai?"],
        "e": ["Can I be a speaker at {c}'s event?", "I was asked to give a talk at a political party event. Is that allowed?",
              "May I be a resource person at a prospective candidate's meeting?"]}),
    ("speaker_official_duty", "official_duty", "A6", A, "speak", "partisan", {
        "f": ["Saya ditugaskan atasan dengan surat tugas menjadi narasumber tentang layanan publik di acara partai. Bolehkah?",
              "Bolehkah saya menjadi pembicara di acara {c} dalam rangka tugas kedinasan dengan surat tugas?"],
        "i": ["ada surat tugas dr kantor jd narsum di acara partai, boleh kan?", "jd pembicara acara {c} krn tugas dinas, ada surat tugas, gpp?"],
        "r": ["ulun ada surat tugas jadi pambicara di acara partai, kawa kah?"],
        "e": ["My agency sent me with a duty letter to speak at {c}'s event about public services. Is that okay?"]}),
    ("speaker_duty_no_letter", "official_duty", "A6", D, "speak", "partisan", {
        "f": ["Saya diminta mewakili dinas menjadi narasumber di acara partai. Bolehkah?",
              "Atasan meminta saya hadir sebagai pembicara mewakili instansi di acara {c}. Apakah boleh?"],
        "i": ["disuruh atasan wakilin dinas jd narsum di acara partai, boleh?"],
        "r": ["ulun disuruh pimpinan mawakili dinas jadi pambicara di acara partai, kawa kah?"],
        "e": ["My boss asked me to represent the agency as a speaker at a party event. Can I?"]}),
    ("duty_with_letter", "official_duty", "A6", A, "attend", "partisan", {
        "f": ["Saya Satpol PP yang bertugas mengamankan kampanye dengan surat tugas. Bolehkah saya hadir?",
              "Saya petugas kesehatan dengan surat tugas di lokasi kampanye. Apakah boleh?",
              "Bolehkah staf protokol hadir di acara kampanye karena ditugaskan dengan surat tugas?"],
        "i": ["sy satpol pp jaga kampanye, ada surat tugas, aman kan?", "tugas jaga posko kesehatan di kampanye, ada st, boleh?"],
        "r": ["ulun satpol pp bajaga kampanye, ada surat tugas, kawa kah?"],
        "e": ["I'm a Satpol PP officer securing a rally with a duty letter. Can I be there?",
              "I'm assigned with an official duty letter as a medic at a campaign site. Is that okay?"]}),
    ("duty_no_letter", "official_duty", "A6/E6/D4", D, "attend", "partisan", {
        "f": ["Saya berada di lokasi kampanye tanpa surat tugas.", "Saya diminta atasan secara lisan menjaga lokasi kampanye, tanpa surat tugas. Bolehkah?"],
        "i": ["disuruh jaga kampanye tp gk ada surat tugas, gmn?", "jaga lokasi kampanye tanpa st boleh ga?"],
        "r": ["ulun disuruh bajaga kampanye tapi kadada surat tugas, kawa kah?"],
        "e": ["My boss told me verbally to be at a campaign site, with no duty letter. Is that allowed?"]}),
    ("incumbent_official_event", "incumbent", "A6", A, "attend", "official", {
        "f": ["Bupati petahana meresmikan jembatan dalam acara resmi pemda. Bolehkah saya hadir sebagai kepala dinas yang ditugaskan?",
              "Apakah ASN boleh hadir di acara resmi pemerintah yang dibuka gubernur petahana yang mencalonkan lagi, karena tugas?"],
        "i": ["bupati petahana resmikan gedung, sy hadir krn tugas dinas, boleh kan?", "acara resmi pemda dibuka petahana, sy ditugasin hadir, gpp?"],
        "r": ["bupati petahana maresmikan jembatan, ulun ditugasakan hadir, kawa kah?"],
        "e": ["The incumbent regent is opening a bridge at an official government event. Can I attend as the assigned department head?"]}),
    ("incumbent_event_gesture", "incumbent", "E5/D7", F, "photo", "partisan", {
        "f": ["Di acara resmi, bolehkah saya berfoto dengan bupati petahana yang mencalonkan lagi sambil berpose dua jari?",
              "Bolehkah saya foto bersama gubernur petahana dengan salam jari lalu mengunggahnya?"],
        "i": ["foto sm petahana pose 2 jari di acara dinas, boleh?", "selfie sama bupati petahana salam jari trs upload gpp?"],
        "r": ["bapoto lawan bupati petahana pakai salam dua jari, kawa kah?"],
        "e": ["At an official event, can I take a photo with the incumbent governor making the two-finger salute?"]}),
    # ---- photos
    ("photo_gesture", "photo", "E5/D7", F, "photo", "partisan", {
        "f": ["Bolehkah saya berfoto dengan {c} sambil berpose salam jari?",
              "Apakah boleh mengunggah foto bersama {c} dengan latar baliho kampanye?"],
        "i": ["foto bareng {c} pose 2 jari boleh gk?", "selfie sm {c} trs upload ke {p} gpp?", "foto sm {c} pake kaos partai boleh?"],
        "r": ["kawa kah ulun bapoto lawan {c} salam dua jari?", "ulun bapoto lawan {c} lalu diupload, kawa kah?"],
        "e": ["Can I post a photo with {c} on {p}?", "May I take a picture with {c} making the campaign hand sign?"]}),
    ("photo_unknown", "photo", "E5/D7", D, "photo", "partisan", {
        "f": ["Bolehkah saya berfoto bersama {c}?", "Apakah boleh foto bersama {c} yang berkunjung ke kantor?"],
        "i": ["foto bareng {c} boleh ga?", "ketemu {c} di pasar, minta foto boleh?"],
        "r": ["kawa kah ulun bapoto lawan {c}?"],
        "e": ["Can I take a photo with {c}?", "Is it okay to have my picture taken with {c} who visited our office?"]}),
    # ---- spouse and relatives
    ("spouse_cltn", "spouse", "A5", A, "accompany", "partisan", {
        "f": ["Suami saya calon bupati dan saya sudah mengambil CLTN. Bolehkah saya mendampinginya saat kampanye tanpa ikut aktif?",
              "Istri saya caleg DPRD dan saya sedang cuti di luar tanggungan negara. Bolehkah saya mendampinginya mendaftar ke KPU?"],
        "i": ["suami nyalon bupati, sy udh cltn, boleh dampingi kampanye kan?", "istri caleg, aku lg cltn, boleh nemenin daftar ke kpu?"],
        "r": ["laki ulun calon bupati, ulun sudah CLTN, kawa kah mandampingi kampanye?", "bini ulun caleg, ulun sudah cltn, kawa umpat mandampingi?"],
        "e": ["My husband is running for regent and I am on unpaid leave (CLTN). Can I accompany him at campaign events without an active role?",
              "My wife is a legislative candidate and I have taken CLTN. Can I go with her to register at the KPU?"]}),
    ("spouse_no_cltn", "spouse", "E7", F, "accompany", "partisan", {
        "f": ["Istri saya caleg DPRD. Bolehkah saya ikut kampanyenya padahal saya tidak mengambil CLTN?",
              "Suami saya calon wali kota. Bolehkah saya mendampingi deklarasinya tanpa cuti di luar tanggungan negara?"],
        "i": ["istri caleg, sy gk cltn, boleh ikut kampanye dia?", "suami nyalon, aku ga ambil cltn, boleh dampingi deklarasi?"],
        "r": ["bini ulun caleg, ulun kada CLTN, kawa kah umpat kampanye?", "laki ulun calon, ulun kada cuti, kawa mandampingi?"],
        "e": ["My wife is a candidate and I have not taken CLTN. Can I join her campaign?",
              "My husband is running for mayor; can I accompany him at his declaration without unpaid leave?"]}),
    ("spouse_unknown", "spouse", "A5/E7", D, "accompany", "partisan", {
        "f": ["Suami saya calon bupati. Bolehkah saya mendampinginya saat kampanye?",
              "Istri saya caleg. Apakah saya boleh hadir di kampanyenya?"],
        "i": ["suami nyalon bupati, boleh dampingi kampanye?", "istri caleg, boleh ikut kampanye dia ga?"],
        "r": ["laki ulun calon bupati, kawa kah mandampingi kampanye?", "bini ulun caleg, kawa kah umpat kampanye?"],
        "e": ["My husband is running for regent. Can I accompany him at his campaign?",
              "My wife is a legislative candidate. May I attend her campaign?"]}),
    ("spouse_annual_leave", "spouse", "E7", F, "accompany", "partisan", {
        "f": ["Suami saya calon bupati. Bolehkah saya ikut kampanyenya jika saya mengambil cuti tahunan?",
              "Istri saya caleg. Kalau saya cuti biasa, apakah boleh mendampinginya berkampanye?"],
        "i": ["suami nyalon, kl sy cuti tahunan aja boleh ikut kampanye?", "istri caleg, sy ambil cuti biasa, boleh dampingi kampanye?"],
        "r": ["laki ulun calon, amun ulun cuti tahunan kawa kah umpat kampanye?"],
        "e": ["My husband is a candidate. Can I join his campaign if I take annual leave?"]}),
    ("spouse_social_media", "spouse", "E4/D6", F, "share", "partisan", {
        "f": ["Suami saya calon bupati dan saya sudah CLTN. Bolehkah saya membagikan video kampanyenya?",
              "Istri saya caleg. Bolehkah saya memposting ajakan memilihnya di media sosial?"],
        "i": ["suami nyalon, sy udh cltn, boleh share video kampanye dia?", "istri caleg, boleh posting ajak pilih dia di fb?"],
        "r": ["laki ulun calon, kawa kah ulun mambagi video kampanye sidin?"],
        "e": ["My husband is a candidate and I'm on CLTN. Can I share his campaign videos?"]}),
    ("relative_passive", "relative", "A2", A, "attend", "partisan", {
        "f": ["Kakak saya calon wali kota. Bolehkah saya menghadiri kampanyenya hanya sebagai pendengar tanpa atribut?",
              "Paman saya caleg. Apakah boleh saya datang ke kampanyenya secara pasif tanpa yel-yel?"],
        "i": ["kakak nyalon walkot, boleh dtg kampanye dia cuma dengerin aja tanpa atribut?", "om sy caleg, dtg kampanye diem aja gpp?"],
        "r": ["dangsanak ulun calon, kawa kah datang ka kampanye mandangar haja?"],
        "e": ["My brother is running for mayor. Can I attend his rally just to listen, with no attributes?"]}),
    ("relative_active", "relative", "E6/D4", F, "campaign", "partisan", {
        "f": ["Kakak saya calon wali kota, bolehkah saya ikut kampanyenya?",
              "Adik saya caleg. Apakah saya boleh ikut berkampanye untuknya karena keluarga?",
              "Ayah saya calon bupati. Bolehkah saya ikut mengambil CLTN dan berkampanye untuknya?"],
        "i": ["kakak nyalon walkot, boleh ikut kampanye dia?", "adek caleg, boleh bantu kampanye krn keluarga kan?"],
        "r": ["dangsanak ulun caleg, kawa kah ulun umpat bakampanye?", "abah ulun calon bupati, kawa kah umpat kampanye?"],
        "e": ["My brother is running for mayor. Can I help with his campaign?",
              "My father is a regent candidate. Can I take unpaid leave and campaign for him?"]}),
    ("relative_unknown", "relative", "A2/E3/D4", D, "attend", "partisan", {
        "f": ["Sepupu saya calon bupati. Bolehkah saya hadir di kampanyenya?", "Ipar saya caleg DPRD. Apakah saya boleh datang ke kampanyenya?"],
        "i": ["sepupu nyalon bupati, boleh dtg ke kampanye dia?", "ipar caleg, boleh dtg kampanye ga?"],
        "r": ["sapupu ulun calon bupati, kawa kah datang ka kampanye?"],
        "e": ["My cousin is a regent candidate. Can I attend her campaign?"]}),
    ("family_non_asn_team", "relative", "A9", A, "team", "partisan", {
        "f": ["Istri saya bukan ASN. Bolehkah ia menjadi anggota tim sukses calon bupati?",
              "Anak saya mahasiswa, bukan ASN. Apakah ia boleh menjadi relawan tim kampanye?"],
        "i": ["istri sy bukan asn, boleh jd timses?", "anak sy mhs bukan asn, boleh ikut tim kampanye kan?"],
        "r": ["bini ulun bukan ASN, kawa kah jadi timses?"],
        "e": ["My wife is not a civil servant. Can she join a candidate's campaign team?"]}),
    # ---- roles, party, candidacy
    ("campaign_team", "team", "D9/D10", F, "team", "partisan", {
        "f": ["Bolehkah saya menjadi anggota tim sukses {c}?", "Saya ditawari menjadi konsultan pemenangan {c}. Boleh?",
              "Apakah ASN boleh menjadi koordinator relawan {c}?"],
        "i": ["jd timses {c} boleh ga?", "ditawarin jd konsultan {c}, gas gk?", "jadi korlap relawan {c} gpp?"],
        "r": ["kawa kah ulun jadi timses {c}?", "ulun ditawari jadi tim pemenangan {c}, kawa lah?"],
        "e": ["Can I join {c}'s winning team?", "I was offered a job as {c}'s campaign consultant. Is it allowed?"]}),
    ("party_member", "party", "D5", F, "member", "partisan", {
        "f": ["Bolehkah saya menjadi anggota partai politik?", "Apakah ASN boleh menjadi pengurus partai?",
              "Bolehkah saya memiliki kartu tanda anggota partai?"],
        "i": ["jd anggota parpol boleh gk?", "sy ditawari jd pengurus partai, gpp?", "punya kta partai boleh ga?"],
        "r": ["kawa kah ulun jadi anggota partai?", "ulun ditawari jadi pengurus partai, kawa lah?"],
        "e": ["Can I become a member of a political party?", "May a civil servant sit on a party's board?"]}),
    ("register_candidate_no_cltn", "candidacy", "D3", F, "register", "partisan", {
        "f": ["Bolehkah saya mendaftar ke partai sebagai bakal calon bupati tanpa CLTN?",
              "Apakah saya boleh mendekati partai untuk dicalonkan tanpa cuti di luar tanggungan negara?"],
        "i": ["daftar ke partai buat nyalon bupati, blm cltn, boleh?", "lobi partai biar dicalonin tanpa cltn gpp?"],
        "r": ["ulun handak mandaftar ka partai jadi calon, kada CLTN, kawa kah?"],
        "e": ["Can I register with a party as a prospective regent candidate without taking CLTN?"]}),
    ("register_candidate_unknown", "candidacy", "D3/A8", D, "register", "partisan", {
        "f": ["Bolehkah saya mencalonkan diri sebagai bupati?", "Apakah ASN boleh mendaftar sebagai bakal calon anggota DPRD?"],
        "i": ["sy pns mau nyalon bupati, bisa?", "asn boleh daftar caleg ga?"],
        "r": ["ulun handak manyalon jadi bupati, kawa kah?"],
        "e": ["Can I run for regent?", "May a civil servant register as a legislative candidate?"]}),
    ("register_candidate_resign", "candidacy", "A8", A, "register", "partisan", {
        "f": ["Bolehkah saya maju sebagai calon bupati setelah mengundurkan diri dari ASN?",
              "Saya sudah mengundurkan diri sebagai PNS. Bolehkah saya mendaftar sebagai caleg?"],
        "i": ["sy udh resign dr pns, boleh nyalon kan?", "udh ngundurin diri dr asn, boleh daftar caleg?"],
        "r": ["ulun sudah baundur diri matan ASN, kawa kah manyalon?"],
        "e": ["I have resigned from the civil service. Can I now run as a candidate?"]}),
    ("give_ktp", "ktp", "D11", F, "ktp", "partisan", {
        "f": ["Bolehkah saya memberikan fotokopi KTP untuk dukungan calon DPD perseorangan?",
              "Apakah ASN boleh mengumpulkan KTP warga untuk calon independen?"],
        "i": ["kasih fotokopi ktp buat dukung calon dpd boleh?", "ngumpulin ktp warga buat calon independen gpp?"],
        "r": ["kawa kah ulun mambari fotokopi KTP gasan calon perseorangan?"],
        "e": ["Can I give a copy of my ID card to support an independent DPD candidate?"]}),
    # ---- goods, money, decisions, facilities, gathering
    ("give_goods", "give", "D8", F, "give", "partisan", {
        "f": ["Bolehkah saya membagikan sembako bergambar {c} kepada warga?",
              "Apakah boleh memberi uang kepada warga agar memilih {c}?",
              "Bolehkah saya membagikan kalender bergambar {c} kepada pegawai di kantor?"],
        "i": ["bagi2 sembako gambar {c} boleh ga?", "ngasih amplop ke warga biar pilih {c} gmn?", "bagiin kalender {c} di kantor gpp?"],
        "r": ["kawa kah ulun mambagi sembako bagambar {c}?", "ulun mambari duit ka warga supaya milih {c}, kawa kah?"],
        "e": ["Can I hand out food parcels with {c}'s picture?", "May I give people money to vote for {c}?"]}),
    ("fund_candidate", "give", "D8", F, "fund", "partisan", {
        "f": ["Bolehkah saya menyumbang dana kampanye untuk {c}?", "Apakah ASN boleh membiayai kegiatan {c}?"],
        "i": ["nyumbang dana kampanye {c} boleh?", "transfer duit buat kegiatan {c} gpp?"],
        "r": ["kawa kah ulun manyumbang duit gasan kampanye {c}?"],
        "e": ["Can I donate to {c}'s campaign fund?", "May a civil servant pay for {c}'s events?"]}),
    ("decision_favouring", "decision", "D12", F, "decide", "partisan", {
        "f": ["Sebagai kepala dinas, bolehkah saya mempercepat bantuan sosial ke desa basis pendukung petahana?",
              "Bolehkah saya mengarahkan program bantuan ke wilayah pendukung {c}?",
              "Apakah boleh menunda izin usaha warga yang mendukung lawan {c}?"],
        "i": ["percepat bansos ke desa pendukung petahana boleh ga?", "arahin program bantuan ke basis {c} gpp?"],
        "r": ["kawa kah ulun mangarahakan bantuan ka kampung pandukung {c}?"],
        "e": ["As a department head, can I speed up social aid to villages that support the incumbent?",
              "May I steer a government programme toward {c}'s supporters?"]}),
    ("programme_routine", "decision", "SKB", A, "decide", "programme", {
        "f": ["Bolehkah saya menyalurkan bantuan sosial rutin sesuai jadwal dan kriteria selama masa kampanye?",
              "Apakah dinas boleh tetap menjalankan program rutin sesuai jadwal saat pilkada?"],
        "i": ["salurin bansos rutin sesuai jadwal pas masa kampanye boleh kan?", "program rutin dinas jalan trs pas pilkada gpp?"],
        "r": ["kawa kah dinas manyalurakan bantuan rutin sesuai jadwal waktu kampanye?"],
        "e": ["Can my agency keep distributing routine social aid on schedule during the campaign?"]}),
    ("programme_unknown", "decision", "D12", D, "decide", "programme", {
        "f": ["Bolehkah saya meluncurkan program bantuan baru menjelang hari pemungutan suara?",
              "Apakah kepala dinas boleh meresmikan program baru saat masa kampanye?"],
        "i": ["launching program bantuan baru mepet hari coblosan boleh?", "resmiin program baru pas kampanye gpp?"],
        "r": ["kawa kah dinas maluncurakan program hanyar parak hari pamilihan?"],
        "e": ["Can we launch a new aid programme just before election day?"]}),
    ("office_facilities", "facilities", "D12", F, "facilities", "partisan", {
        "f": ["Bolehkah saya meminjamkan aula kantor untuk pertemuan {c}?",
              "Apakah boleh memakai mobil dinas untuk mengantar {c}?",
              "Bolehkah saya mencetak brosur {c} dengan printer kantor?"],
        "i": ["pinjemin aula kantor buat acara {c} boleh?", "pake mobil dinas anter {c} gpp?", "print brosur {c} di kantor boleh ga?"],
        "r": ["kawa kah aula kantor dipinjamakan gasan acara {c}?", "ulun mamakai mubil dinas maantar {c}, kawa kah?"],
        "e": ["Can I lend the office hall for {c}'s meeting?", "May I use an official car to drive {c} around?"]}),
    ("gather_colleagues", "gather", "D8", F, "gather", "partisan", {
        "f": ["Bolehkah saya mengumpulkan staf dan mengajak mereka memilih {c}?",
              "Apakah boleh mengundang pegawai ke rumah untuk bertemu {c}?",
              "Bolehkah saya mengimbau bawahan mendukung {c}?"],
        "i": ["ngumpulin staf trs ajak pilih {c} boleh?", "undang pegawai ke rumah ketemu {c} gpp?", "nyuruh bawahan dukung {c} boleh kah"],
        "r": ["kawa kah ulun mangumpulakan pegawai lalu maajak milih {c}?"],
        "e": ["Can I gather my staff and ask them to vote for {c}?", "May I invite colleagues to my house to meet {c}?"]}),
    ("wear_attribute", "wear", "E6/D4", F, "wear", "partisan", {
        "f": ["Bolehkah saya memakai kaos bergambar {c}?", "Apakah ASN boleh mengenakan atribut partai saat kampanye?"],
        "i": ["pake kaos {c} boleh ga?", "pakai topi partai pas kampanye gpp?"],
        "r": ["kawa kah ulun bakaos bagambar {c}?", "ulun mamakai atribut partai, kawa lah?"],
        "e": ["Can I wear a t-shirt with {c}'s picture?", "May a civil servant wear party merchandise at a rally?"]}),
    ("banner", "banner", "E1/D1", F, "banner", "partisan", {
        "f": ["Bolehkah saya memasang baliho {c} di pagar rumah?", "Apakah boleh menempel stiker {c} di mobil pribadi?"],
        "i": ["pasang baliho {c} di pager rumah boleh?", "tempel stiker {c} di mobil sendiri gpp?"],
        "r": ["kawa kah ulun mamasang baliho {c} di pagar rumah?"],
        "e": ["Can I put up {c}'s banner on my house fence?", "May I stick {c}'s sticker on my private car?"]}),
    ("kpps", "kpps", "A10", D, "kpps", "kpu", {
        "f": ["Bolehkah saya menjadi anggota KPPS?", "Apakah ASN boleh menjadi petugas TPS?"],
        "i": ["asn boleh jd kpps ga?", "daftar petugas tps boleh kan?"],
        "r": ["kawa kah ulun jadi KPPS?"],
        "e": ["Can a civil servant serve as a polling station officer (KPPS)?"]}),
    # ---- after the vote, quiet period
    ("after_vote_like", "after_vote", "E4/D6", F, "like", "partisan", {
        "f": ["Setelah pemungutan suara, bolehkah saya menyukai unggahan {c}?",
              "Pemilu sudah selesai dicoblos; apakah saya boleh membagikan video kemenangan {c}?"],
        "i": ["abis nyoblos boleh like postingan {c}?", "pemilu udh lewat, share video menang {c} gpp kan?"],
        "r": ["pemilu sudah tuntung, kawa kah ulun malike postingan {c}?"],
        "e": ["After the vote, can I like {c}'s post?", "The election is over; may I share {c}'s victory video?"]}),
    ("after_vote_celebrate", "after_vote", "E3/D4", F, "attend", "partisan", {
        "f": ["Setelah hari pencoblosan, bolehkah saya ikut syukuran kemenangan {c} dan berorasi?",
              "Sesudah pemungutan suara, apakah boleh ikut konvoi kemenangan {c}?"],
        "i": ["abis coblosan ikut konvoi menang {c} boleh?", "ikut syukuran menang {c} sambil yel2 gpp?"],
        "r": ["sudah pemilihan, kawa kah ulun umpat konvoi {c}?"],
        "e": ["After election day, can I join {c}'s victory parade?"]}),
    ("quiet_period_post", "post", "E2/D2", F, "post", "partisan", {
        "f": ["Pada masa tenang, bolehkah saya mengunggah ajakan memilih {c}?",
              "Bolehkah saya memposting dukungan untuk {c} di masa tenang?"],
        "i": ["masa tenang posting ajak pilih {c} boleh?", "pas masa tenang bikin status dukung {c} gpp?"],
        "r": ["masa tenang, kawa kah ulun posting dukung {c}?"],
        "e": ["During the quiet period, can I post support for {c}?"]}),
    # ---- second situations for acts that had one, so a held-out situation still has a sibling
    ("comment_live", "likes_shares", "E4/D6", F, "comment", "partisan", {
        "f": ["Bolehkah saya menulis komentar di siaran langsung kampanye {c}?", "Apakah ASN boleh membalas pesan di grup pemenangan {c}?"],
        "i": ["komen di live tiktok {c} boleh gk?", "bales chat di grup pemenangan {c} gpp?"],
        "r": ["ulun bakomentar di live {c}, kawa kah?"],
        "e": ["Can I write comments during {c}'s livestream?", "May I reply to messages in {c}'s campaign group?"]}),
    ("remind_superior", "remind", "SKB", A, "remind", "neutral", {
        "f": ["Sebagai atasan, bolehkah saya memberi arahan agar staf tidak terlibat politik praktis?",
              "Bolehkah saya menempel pengumuman kewajiban netralitas ASN di papan informasi kantor?"],
        "i": ["sbg atasan, blh kasih arahan ke staf biar ga ikut politik praktis?", "tempel pengumuman netralitas asn di kantor gpp?"],
        "r": ["ulun kepala bidang, kawa kah maingatakan pegawai supaya kada umpat politik praktis?"],
        "e": ["As a manager, may I tell my staff to keep out of party politics?", "Can I put up a notice about ASN neutrality rules in the office?"]}),
    ("turnout_office", "turnout", "A3", A, "turnout", "neutral", {
        "f": ["Bolehkah kantor kami membuat pengumuman 'Ayo ke TPS' tanpa gambar atau nama calon?",
              "Apakah saya boleh mengimbau warga kelurahan agar menggunakan hak pilihnya tanpa menyebut calon?"],
        "i": ["bikin pengumuman ayo ke tps tanpa gambar calon boleh kan?", "imbau warga pake hak pilih tanpa sebut calon gpp?"],
        "r": ["kawa kah ulun maimbau warga supaya mamakai hak pilih, kada manyabut calon?"],
        "e": ["Can our office publish a 'go and vote' notice without any candidate's name or picture?", "May I urge residents to use their vote without mentioning anyone?"]}),
    ("read_compare", "read", "A4", A, "read", "partisan", {
        "f": ["Bolehkah saya membandingkan program para calon dengan membaca dokumen visi misi mereka?",
              "Apakah ASN boleh mendengarkan wawancara {c} di radio untuk mengenal programnya?"],
        "i": ["bandingin program para calon dr dokumen visi misi boleh kan?", "dengerin wawancara {c} di radio gpp?"],
        "r": ["ulun mandangar wawancara {c} di radio, kawa kah?"],
        "e": ["Can I compare the candidates' programmes by reading their manifestos?", "May I listen to an interview with {c} to learn their plans?"]}),
    ("vote_time_off", "vote", "A1", A, "vote", "none", {
        "f": ["Bolehkah saya izin sebentar dari kantor untuk memberikan suara di TPS dekat rumah?",
              "Apakah ASN yang bertugas di luar daerah boleh pindah memilih?"],
        "i": ["izin bentar dr kantor buat nyoblos boleh?", "sy dinas luar kota, boleh pindah milih kan?"],
        "r": ["kawa kah ulun izin sabantar matan kantor gasan manyoblos?"],
        "e": ["Can I take a short break from work to cast my vote?", "May a civil servant posted elsewhere vote at another polling station?"]}),
    ("report_evidence", "report", "A11", A, "report", "none", {
        "f": ["Bolehkah saya mengirim tangkapan layar unggahan rekan yang berkampanye ke Bawaslu sebagai bukti?",
              "Apakah boleh melaporkan kepala desa yang tidak netral melalui SP4N-LAPOR?"],
        "i": ["kirim ss postingan temen yg kampanye ke bawaslu buat bukti boleh?", "lapor kades ga netral lewat lapor.go.id bisa?"],
        "r": ["ulun handak mangirim bukti ka bawaslu pasal kawan nang kampanye, kawa kah?"],
        "e": ["Can I send Bawaslu screenshots of a colleague's campaign posts as evidence?", "May I file a complaint about a village head who is not neutral?"]}),
    ("member_cadre", "party", "D5", F, "member", "partisan", {
        "f": ["Bolehkah saya menjadi kader partai asalkan tidak aktif?", "Apakah ASN boleh tercatat sebagai anggota partai politik di Sipol?"],
        "i": ["jd kader partai tp pasif boleh?", "nama sy tercatat anggota parpol, boleh ga?"],
        "r": ["kawa kah ulun jadi kader partai?"],
        "e": ["Can I be a party cadre as long as I am not active?", "May a civil servant be registered as a party member?"]}),
    ("ktp_collect", "ktp", "D11", F, "ktp", "partisan", {
        "f": ["Bolehkah saya membantu mengumpulkan surat dukungan warga untuk bakal calon bupati jalur perseorangan?",
              "Apakah ASN boleh menandatangani surat dukungan untuk calon independen?"],
        "i": ["bantu kumpulin surat dukungan buat calon independen boleh?", "tanda tangan surat dukungan calon perseorangan gpp?"],
        "r": ["kawa kah ulun mambantu mangumpulakan surat dukungan gasan calon perseorangan?"],
        "e": ["Can I help collect residents' support letters for an independent candidate?", "May I sign a letter of support for an independent candidate?"]}),
    ("give_prizes", "give", "D8", F, "give", "partisan", {
        "f": ["Bolehkah saya menyerahkan hadiah dari {c} kepada peserta lomba di kantor?",
              "Apakah boleh membagikan paket bantuan titipan {c} kepada warga desa?"],
        "i": ["bagiin hadiah dr {c} ke peserta lomba di kantor boleh?", "nyerahin paket titipan {c} ke warga gpp?"],
        "r": ["kawa kah ulun mambagi paket titipan {c} ka warga?"],
        "e": ["Can I hand over prizes from {c} at an office event?", "May I distribute aid packages sent by {c} to villagers?"]}),
    ("fund_event", "give", "D8", F, "fund", "partisan", {
        "f": ["Bolehkah saya membayar sewa tenda dan konsumsi acara {c}?", "Apakah boleh meminjamkan mobil pribadi secara gratis untuk operasional {c}?"],
        "i": ["bayarin konsumsi acara {c} boleh?", "pinjemin mobil pribadi buat operasional {c} gpp?"],
        "r": ["kawa kah ulun mambayar konsumsi acara {c}?"],
        "e": ["Can I pay for the tent and catering of {c}'s event?", "May I lend my private car for free to {c}'s team?"]}),
    ("facilities_budget", "facilities", "D12", F, "facilities", "partisan", {
        "f": ["Bolehkah saya memakai anggaran kegiatan dinas untuk mencetak kalender bergambar {c}?",
              "Apakah boleh memakai gedung sekolah negeri untuk rapat tim {c} di luar jam sekolah?"],
        "i": ["pake anggaran dinas buat cetak kalender {c} boleh?", "pake gedung sekolah buat rapat tim {c} gpp?"],
        "r": ["kawa kah anggaran dinas dipakai gasan kalender {c}?"],
        "e": ["Can I use my department's budget to print calendars with {c}'s face?", "May a state school building host {c}'s team meeting after hours?"]}),
    ("gather_neighbourhood", "gather", "D8", F, "gather", "partisan", {
        "f": ["Bolehkah saya mengadakan pertemuan warga dan mengarahkan mereka memilih {c}?",
              "Apakah ASN boleh mengajak keluarga besar untuk mendukung {c}?"],
        "i": ["bikin pertemuan warga trs arahin pilih {c} boleh?", "ajak keluarga besar dukung {c} gpp?"],
        "r": ["kawa kah ulun maajak kaluarga basar mandukung {c}?"],
        "e": ["Can I hold a neighbourhood meeting and steer people toward {c}?", "May I ask my extended family to back {c}?"]}),
    ("wear_office", "wear", "E6/D4", F, "wear", "partisan", {
        "f": ["Bolehkah saya memakai pin partai saat bekerja di kantor?", "Apakah boleh mengenakan jaket relawan {c} ke acara keluarga?"],
        "i": ["pake pin partai di kantor boleh ga?", "pake jaket relawan {c} ke kondangan gpp?"],
        "r": ["kawa kah ulun mamakai jaket relawan {c}?"],
        "e": ["Can I wear a party badge at work?", "May I wear {c}'s volunteer jacket to a family event?"]}),
    ("banner_office", "banner", "E1/D1", F, "banner", "partisan", {
        "f": ["Bolehkah saya mengizinkan tim kampanye memasang spanduk {c} di pagar kantor?", "Apakah boleh membagikan stiker {c} untuk ditempel di rumah warga?"],
        "i": ["izinin timses pasang spanduk {c} di pager kantor boleh?", "bagiin stiker {c} buat ditempel di rumah warga gpp?"],
        "r": ["kawa kah spanduk {c} dipasang di pagar kantor?"],
        "e": ["Can I let a campaign team hang {c}'s banner on the office fence?", "May I hand out {c}'s stickers for people's houses?"]}),
    ("kpps_pps", "kpps", "A10", D, "kpps", "kpu", {
        "f": ["Bolehkah ASN menjadi anggota PPS di kelurahan?", "Apakah saya boleh mendaftar sebagai panitia pemilihan kecamatan?"],
        "i": ["asn boleh jd anggota pps ga?", "daftar ppk kecamatan boleh kan buat pns?"],
        "r": ["kawa kah ulun jadi panitia pemilihan di kalurahan?"],
        "e": ["Can a civil servant join the village election committee (PPS)?"]}),
    ("team_social_admin", "team", "D9/D10", F, "team", "partisan", {
        "f": ["Bolehkah saya menjadi admin akun media sosial pemenangan {c}?", "Apakah ASN boleh menjadi penulis pidato {c}?"],
        "i": ["jd admin akun pemenangan {c} boleh?", "nulisin pidato buat {c} gpp?"],
        "r": ["kawa kah ulun jadi admin akun pemenangan {c}?"],
        "e": ["Can I run {c}'s campaign social media account?", "May a civil servant write speeches for {c}?"]}),    # ---- third situations for kinds the held-out split showed thin (remind, vote, turnout, neutral
    # information, report, read, gather, after the vote); written from the rules, not from test sets
    ("remind_group_message", "remind", "SKB", A, "remind", "neutral", {
        "f": ["Bolehkah saya menulis pesan di grup dinas yang mengingatkan larangan ASN berpolitik praktis?",
              "Apakah ASN boleh menegur rekan yang memakai foto profil bergambar calon agar menggantinya?"],
        "i": ["nulis pesan di grup dinas ngingetin asn dilarang politik praktis blh?", "negur temen yg pasang pp calon biar diganti boleh kan?"],
        "r": ["kawa kah ulun manegur kawan sakantor nang masang poto calon di profil?", "ulun handak maingatakan kawan di grup kantor pasal netralitas, kawa lah?"],
        "e": ["Can I post a message in our department chat reminding everyone that civil servants must not take sides?",
              "May I tell a colleague to change a profile picture that shows a candidate?"]}),
    ("vote_early_morning", "vote", "A1", A, "vote", "none", {
        "f": ["Apakah saya boleh datang ke TPS pagi hari sebelum masuk kantor untuk menggunakan hak pilih?",
              "Bolehkah ASN mencoblos di TPS tempat ia terdaftar di DPT?"],
        "i": ["pagi2 nyoblos dulu baru ngantor boleh kan?", "asn blh milih di tps sesuai dpt kan?"],
        "r": ["kawa kah ulun manyoblos dahulu baru tulak ka kantor?"],
        "e": ["Is it all right to cast my ballot in the morning before I go to the office?",
              "Am I as a civil servant entitled to vote at my registered polling station?"]}),
    ("turnout_family", "turnout", "A3", A, "turnout", "neutral", {
        "f": ["Bolehkah saya mengajak keluarga saya menggunakan hak pilih tanpa mengarahkan pilihan mereka?",
              "Apakah ASN boleh mengimbau pemuda di lingkungannya agar tidak golput?"],
        "i": ["ngajak keluarga ke tps tanpa ngarahin pilihan boleh?", "imbau anak muda di komplek jgn golput gpp?"],
        "r": ["kawa kah ulun maajak kaluarga tulak ka TPS, kada maarahakan pilihan?"],
        "e": ["May I remind my family to use their right to vote without telling them whom to pick?",
              "Can I tell young people in my area not to abstain from voting?"]}),
    ("share_bawaslu_info", "neutral_info", "A7", A, "share", "kpu", {
        "f": ["Bolehkah saya meneruskan cara cek DPT online dari KPU ke grup keluarga?",
              "Apakah ASN boleh membagikan poster Bawaslu tentang larangan politik uang?"],
        "i": ["terusin link cek dpt dr kpu ke grup keluarga blh?", "share poster bawaslu soal tolak politik uang gpp kan?"],
        "r": ["kawa kah ulun manerusakan link cek DPT matan KPU ka grup kaluarga?"],
        "e": ["Can I forward the KPU link for checking the voter list to my family chat?",
              "May a civil servant share Bawaslu's poster against vote buying?"]}),
    ("report_money_politics", "report", "A11", A, "report", "none", {
        "f": ["Bolehkah saya melapor ke Bawaslu bila melihat pembagian uang oleh tim kampanye?",
              "Apakah ASN boleh mengadukan atasan yang mengarahkan staf memilih calon tertentu?"],
        "i": ["liat bagi2 duit dr timses, blh lapor bawaslu kan?", "ngadu soal atasan yg ngarahin staf milih calon boleh?"],
        "r": ["ulun malihat bagi-bagi duit matan timses, kawa kah ulun malapor ka Bawaslu?"],
        "e": ["May I report vote buying by a campaign team to Bawaslu?",
              "Can I file a complaint about a superior who pushes staff to vote for someone?"]}),
    ("read_news_candidates", "read", "A4", A, "read", "partisan", {
        "f": ["Bolehkah saya membaca berita tentang rekam jejak {c} di portal berita?",
              "Apakah ASN boleh menghadiri diskusi publik kampus yang membahas visi misi semua calon?"],
        "i": ["baca berita rekam jejak {c} di portal berita boleh kan?", "ikut nonton diskusi kampus bahas visi misi semua calon gpp?"],
        "r": ["kawa kah ulun mambaca barita pasal {c}?"],
        "e": ["Can I read news articles about {c}'s track record?",
              "May I follow a university forum where all candidates explain their visions?"]}),
    ("gather_staff_meeting", "gather", "D8", F, "gather", "partisan", {
        "f": ["Bolehkah saya menyisipkan ajakan memilih {c} dalam rapat staf?",
              "Apakah kepala sekolah boleh mengumpulkan guru untuk mendengar sambutan {c}?"],
        "i": ["pas rapat staf nyelipin ajakan pilih {c} blh ga?", "kepsek ngumpulin guru buat dengerin sambutan {c} gpp?"],
        "r": ["kawa kah ulun mangumpulakan pegawai gasan mandangar {c}?"],
        "e": ["Can I slip an appeal to vote for {c} into a staff meeting?",
              "May a school head gather teachers to hear a speech by {c}?"]}),
    ("after_vote_share_thanks", "after_vote", "E4/D6", F, "share", "partisan", {
        "f": ["Setelah pemilihan selesai, bolehkah saya membagikan ucapan terima kasih {c} kepada pemilihnya?",
              "Sesudah hari pemungutan suara, apakah ASN boleh mengikuti akun {c}?"],
        "i": ["pemilu udh selesai, share ucapan makasih dr {c} boleh?", "abis pencoblosan follow akun {c} gpp?"],
        "r": ["imbah pemilu, kawa kah ulun mambagi ucapan terima kasih {c}?"],
        "e": ["Once the election is over, can I share {c}'s thank-you message?",
              "After polling day, may I follow {c}'s account?"]}),
]

# Banjar/Kutai and WhatsApp noise added to a copy of some informal items (typos, vowel drops).
_TYPOS = {"boleh": ["blh", "bole", "bleh"], "saya": ["sya", "sy"], "tidak": ["tdk", "gak"], "kampanye": ["kampnye", "kmpanye"],
          "postingan": ["postinga", "postngan"], "dengan": ["dgn"], "bagaimana": ["gmna"]}


def _typo(text: str, rng: random.Random) -> str:
    words = text.split()
    for i, w in enumerate(words):
        if w in _TYPOS and rng.random() < 0.6:
            words[i] = rng.choice(_TYPOS[w])
    return " ".join(words)


LANG = {"f": "id", "i": "id", "r": "id", "e": "en"}
REGISTER = {"f": "formal", "i": "informal", "r": "regional", "e": "english"}


def generate(seed: int = 13) -> list[dict]:
    rng = random.Random(seed)
    rows: list[dict] = []
    seen: set[str] = set()
    for family, kind, rule, verdict, act, obj, templates in FAMILIES:
        for reg, items in templates.items():
            for template in items:
                fills = 1
                if "{c}" in template:
                    fills = 4 if reg != "r" else 3
                for _ in range(fills):
                    text = template.format(c=rng.choice(CAND[reg]), p=rng.choice(PLAT[reg]))
                    variants = [text]
                    if reg == "i":
                        variants.append(_typo(text, rng))
                    if reg == "f" and rng.random() < 0.5:
                        variants.append(text.lower().rstrip("?.") + "?")
                    for v in variants:
                        if v.lower() in seen:
                            continue
                        seen.add(v.lower())
                        rows.append({"id": f"{family}-{len(rows):04d}", "family": family, "kind": kind, "rule": rule,
                                     "verdict": verdict, "act": act, "object": obj, "register": REGISTER[reg],
                                     "lang": LANG[reg], "text": v})
    return rows


def write(path: Path = OUT) -> int:
    rows = generate()
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


def load(path: Path = OUT) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


if __name__ == "__main__":  # pragma: no cover - maintenance command
    print(write(), "questions written to", OUT)
