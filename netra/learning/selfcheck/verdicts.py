# ruff: noqa: E501 - bilingual answer texts read best one per line
"""The verdict for a reading (act + object + context), derived from regulations §1.3, §1.4, §1.6, §3.

Why code and not a table: most verdicts turn on one or two facts (CLTN, a duty letter, passive
presence, whether a photo is posted), and each branch below says which fact and why. Three safety
rules hold whatever the branch:

* a deciding fact that the question does not state gives "depends" and names the fact (``ask``);
* a reading below the confidence floor is never "allowed" (``MIN_ACT``, ``MIN_ALLOW``);
* ordinary leave, a weekend or after-hours never makes campaigning allowed; only CLTN, and only for
  a candidate's spouse, opens the narrow exemption of §3.

Forms are given as the *bakal calon* form (E…) or a stage-independent one (D3, D5, D8, D11, D12);
the caller turns them into the form for the conduct date and contest (`classify`).
Texts are bilingual (id, en) because the answer follows the language of the question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .reading import Reading

ALLOWED, FORBIDDEN, DEPENDS = "allowed", "forbidden", "depends"

MIN_ACT = 0.12     # below: the act is not understood, "depends" (chosen on the held-out bank split, see benchmark)
MIN_ALLOW = 0.45   # "allowed" needs at least this act confidence ...
MIN_ALLOW_OBJ = 0.50  # ... and this object confidence when the object decides

CONTENT_FORM = {"like": "E4", "comment": "E4", "share": "E4", "follow": "E4", "post": "E2"}
ACT_FORM = {"photo": "E5", "banner": "E1", "campaign": "E6", "speak": "E6", "wear": "E6", "give": "D8",
            "fund": "D8", "gather": "D8", "decide": "D12", "facilities": "D12", "team": "D9", "member": "D5",
            "ktp": "D11", "register": "D3", "attend": "E3", "accompany": "E6", **CONTENT_FORM}

T: dict[str, tuple[str, str]] = {
    # reasons
    "content_partisan": (
        "Menyukai, mengomentari, membagikan, atau mengikuti akun/grup calon, partai, atau tim pemenangannya adalah "
        "pelanggaran netralitas, walau hanya satu klik.",
        "Liking, commenting on, sharing or following a candidate's, party's or campaign team's account or group is a "
        "neutrality violation, even a single click."),
    "post_partisan": (
        "Mengunggah ajakan, dukungan, atau materi kampanye untuk calon atau partai di media sosial adalah kampanye "
        "daring dan dilarang bagi ASN.",
        "Posting appeals, support or campaign material for a candidate or party is online campaigning and is "
        "forbidden for civil servants."),
    "content_official": (
        "Informasi resmi KPU/Bawaslu yang netral (jadwal, cek DPT, lokasi TPS, cara melapor) boleh dibagikan.",
        "Neutral official KPU/Bawaslu information (schedules, voter list checks, polling stations, how to report) "
        "may be shared."),
    "content_neutral": (
        "Berita atau informasi yang netral boleh dibagikan selama tidak memihak, tidak berasal dari akun calon/tim "
        "pemenangan, dan tidak Anda beri komentar yang mendukung.",
        "Neutral news or information may be shared as long as it takes no side, does not come from a candidate's or "
        "campaign team's account, and you add no supportive comment."),
    "content_unknown": (
        "Jawabannya bergantung pada isi yang akan Anda sukai atau bagikan.",
        "The answer depends on what the content is."),
    "photo_partisan": (
        "Foto bersama calon yang diunggah, atau foto dengan gestur/simbol jari, atribut partai, atau latar alat "
        "peraga kampanye, adalah pelanggaran.",
        "A photo with a candidate that is posted, or one showing finger signs, party attributes or a campaign "
        "backdrop, is a violation."),
    "photo_unknown": (
        "Berfoto bersama calon dalam pertemuan biasa belum tentu pelanggaran; yang dilarang adalah mengunggahnya atau "
        "berpose dengan gestur/atribut yang memihak.",
        "Being photographed with a candidate is not itself a violation; posting the photo or posing with partisan "
        "gestures or attributes is."),
    "banner": ("Memasang spanduk, baliho, stiker, atau alat peraga calon/partai, juga di rumah atau kendaraan "
               "pribadi, dilarang.",
               "Putting up banners, billboards, stickers or display material of a candidate or party, also at home or "
               "on a private vehicle, is forbidden."),
    "campaign": ("Ikut serta dalam kegiatan kampanye, sosialisasi, atau pengenalan calon/partai dilarang bagi ASN.",
                 "Taking part in a candidate's or party's campaign, promotion or introduction activities is forbidden "
                 "for civil servants."),
    "attend_active": ("Hadir di kampanye atau deklarasi sambil ikut yel-yel, orasi, gestur jari, atau konvoi adalah "
                      "dukungan aktif dan dilarang.",
                      "Attending a rally or declaration and joining chants, speeches, finger signs or parades is active "
                      "support and is forbidden."),
    "attend_passive": ("ASN boleh hadir di kampanye sebagai pemilih yang pasif: hanya mendengar, tanpa atribut, "
                       "yel-yel, pertanyaan menggiring, ajakan, atau gestur.",
                       "A civil servant may attend a rally as a passive voter: only listening, with no attributes, "
                       "chants, leading questions, mobilising or gestures."),
    "attend_unknown": ("Hadir di kampanye hanya boleh secara pasif sebagai pemilih.",
                       "Attending a rally is allowed only passively, as a voter."),
    "attend_facilities": ("Hadir di kampanye pada jam kerja atau dengan fasilitas negara (mobil dinas, kantor) "
                          "dilarang.",
                          "Attending a rally during working hours or with state facilities (official car, office) is "
                          "forbidden."),
    "duty_letter": ("Kehadiran dalam rangka tugas kedinasan dengan surat tugas diperbolehkan; lakukan hanya tugas "
                    "itu, tanpa atribut, gestur, atau dukungan.",
                    "Presence on official duty with a duty letter is allowed; do only that duty, with no attributes, "
                    "gestures or support."),
    "duty_unknown": ("Kehadiran karena tugas kedinasan diperbolehkan bila ada surat tugas.",
                     "Presence on official duty is allowed when there is a duty letter."),
    "official_event": ("Hadir di acara resmi pemerintah karena tugas, walau dibuka kepala daerah petahana, adalah "
                       "pekerjaan biasa; jangan ikut ajakan, gestur, atau atribut kampanye, dan tinggalkan bila acara "
                       "berubah menjadi kampanye.",
                       "Attending an official government event on duty, even one opened by an incumbent, is ordinary "
                       "work; join no campaign appeals, gestures or attributes, and leave if it turns into campaigning."),
    "speaker": ("Menjadi pembicara atau narasumber di acara partai politik atau bakal calon/calon dilarang, kecuali "
                "dalam rangka tugas kedinasan.",
                "Being a speaker at a party's or a (prospective) candidate's event is forbidden, except on official "
                "duty."),
    "wear": ("Memakai atribut partai, calon, atau kampanye dilarang bagi ASN.",
             "Wearing party, candidate or campaign attributes is forbidden for civil servants."),
    "give": ("Memberi barang atau uang yang mengarah pada keberpihakan kepada calon/partai dilarang (dan politik uang "
             "juga pidana pemilu).",
             "Giving goods or money that favour a candidate or party is forbidden (vote buying is also an election "
             "crime)."),
    "give_unknown": ("Pemberian bantuan biasa tidak dilarang, tetapi dilarang bila dikaitkan dengan calon, partai, "
                     "atau ajakan memilih.",
                     "Ordinary giving is not forbidden, but it is when tied to a candidate, party or an appeal to "
                     "vote."),
    "fund": ("Membiayai atau menyumbang kegiatan calon/partai adalah kegiatan yang mengarah pada keberpihakan.",
             "Funding or donating to a candidate's or party's activities is an activity favouring them."),
    "gather": ("Mengumpulkan, mengundang, atau mengimbau pegawai, keluarga, atau warga untuk mendukung calon dilarang.",
               "Gathering, inviting or urging staff, family or the public to support a candidate is forbidden."),
    "gather_unknown": ("Mengumpulkan pegawai untuk urusan kedinasan tidak dilarang; dilarang bila diarahkan ke calon.",
                       "Gathering staff for work is not forbidden; doing it for a candidate is."),
    "decide_partisan": ("Keputusan atau tindakan jabatan yang menguntungkan atau merugikan calon/partai dilarang, "
                        "sebelum, selama, dan sesudah kampanye (juga pidana Pilkada, UU 10/2016 Pasal 71 dan 188).",
                        "Official decisions or actions that benefit or harm a candidate or party are forbidden before, "
                        "during and after the campaign (also a Pilkada crime, UU 10/2016 Articles 71 and 188)."),
    "decide_routine": ("Program rutin yang berjalan sesuai jadwal dan kriteria biasa boleh tetap dijalankan, tanpa "
                       "atribut calon dan tanpa diarahkan ke pendukung mana pun.",
                       "Routine programmes running on their usual schedule and criteria may continue, with no candidate "
                       "attributes and without steering them to anyone's supporters."),
    "decide_unknown": ("Keputusan atau program baru menjelang pemungutan suara diperiksa dari tujuannya.",
                       "A new decision or programme close to the vote is judged by its purpose."),
    "facilities": ("Memakai fasilitas negara atau kantor (kendaraan, ruang, peralatan, anggaran) untuk calon/partai "
                   "dilarang.",
                   "Using state or office facilities (vehicles, rooms, equipment, budget) for a candidate or party is "
                   "forbidden."),
    "team": ("Menjadi tim sukses, tim ahli, konsultan, saksi, atau relawan pemenangan calon/partai dilarang; sebagai "
             "tim kampanye resmi juga pidana pemilu (UU 7/2017 Pasal 280 dan 494).",
             "Serving on a candidate's or party's winning team, expert team, as consultant, witness or campaign "
             "volunteer is forbidden; as official campaign team it is also an election crime (UU 7/2017 Art. 280, "
             "494)."),
    "team_family_non_asn": ("Anggota keluarga yang bukan ASN boleh menjadi tim kampanye; ASN sendiri tetap tidak boleh "
                            "ikut.",
                            "A family member who is not a civil servant may join a campaign team; the civil servant "
                            "still may not."),
    "member": ("ASN dilarang menjadi anggota atau pengurus partai politik; sanksinya pemberhentian tidak dengan hormat.",
               "Civil servants may not be members or officers of a political party; the sanction is dismissal without "
               "honour."),
    "ktp": ("Memberi surat dukungan atau fotokopi KTP untuk calon perseorangan, atau mengumpulkannya, dilarang.",
            "Giving or collecting letters of support or ID-card copies for an independent candidate is forbidden."),
    "register_no": ("Mendekati atau mendaftar ke partai sebagai bakal calon tanpa cuti di luar tanggungan negara "
                    "dilarang.",
                    "Approaching or registering with a party as a prospective candidate without unpaid leave (CLTN) "
                    "is forbidden."),
    "register_unknown": ("ASN yang ingin maju harus mengambil CLTN saat mendekati partai dan mengundurkan diri "
                         "permanen dari ASN saat ditetapkan/mendaftar sebagai calon.",
                         "A civil servant who wants to run must take CLTN when approaching parties and resign from the "
                         "civil service for good when registering as a candidate."),
    "register_resign": ("Setelah berhenti dari ASN, Anda bukan lagi ASN dan boleh maju sebagai calon.",
                        "Once you have left the civil service you may run as a candidate."),
    "vote": ("ASN tetap memiliki hak pilih; pilihan cukup di bilik suara dan tidak diumumkan.",
             "Civil servants keep the right to vote; keep the choice in the booth and do not announce it."),
    "report": ("Melaporkan dugaan pelanggaran netralitas dibolehkan dan dianjurkan (Bawaslu, SP4N-LAPOR!, atau SBT "
               "BKN).", "Reporting a suspected neutrality violation is allowed and encouraged (Bawaslu, SP4N-LAPOR! "
                        "or BKN's SBT)."),
    "remind": ("Mengingatkan rekan agar menjaga netralitas dibolehkan; atasan bahkan wajib menindak bawahan yang "
               "melanggar (PP 94/2021 Pasal 26).",
               "Reminding colleagues to stay neutral is allowed; a superior must even act on a subordinate's "
               "violation (PP 94/2021 Art. 26)."),
    "turnout": ("Mengajak orang menggunakan hak pilih tanpa menyebut atau mengarahkan ke calon, nomor urut, atau partai "
                "dibolehkan.",
                "Encouraging people to vote without naming or pointing to a candidate, number or party is allowed."),
    "read": ("Mencari tahu visi, misi, dan program calon dibolehkan, selama tidak ikut menyebarkan dukungan.",
             "Looking up candidates' visions and programmes is allowed, as long as you do not spread support."),
    "kpps": ("Menjadi KPPS bagi ASN belum terkonfirmasi sumber primer; pastikan izin atasan dan aturan KPU terbaru.",
             "Serving as a KPPS officer is not confirmed by a primary source for civil servants; check your "
             "superior's permission and the latest KPU rules."),
    "spouse_cltn": ("Suami/istri calon yang sedang CLTN boleh mendampingi pendaftaran, pengenalan, dan kampanye "
                    "pasangannya tanpa ikut aktif; tetap dilarang memakai atribut, berkampanye di media sosial, atau "
                    "menjadi juru bicara.",
                    "A candidate's spouse on CLTN may accompany the candidate at registration, introduction and "
                    "campaign events without an active role; attributes, social-media campaigning and speaking "
                    "remain forbidden."),
    "spouse_no_cltn": ("Mengikuti deklarasi atau kampanye suami/istri yang menjadi calon tanpa CLTN adalah "
                       "pelanggaran kode etik.",
                       "Joining a spouse's declaration or campaign without CLTN is a code-of-ethics violation."),
    "spouse_unknown": ("Suami/istri calon hanya boleh mendampingi bila sedang cuti di luar tanggungan negara (CLTN).",
                       "A candidate's spouse may accompany the candidate only while on unpaid leave (CLTN)."),
    "spouse_content": ("Walau sedang CLTN, suami/istri calon tetap dilarang berkampanye di media sosial, menjadi "
                       "pembicara, atau memakai atribut.",
                       "Even on CLTN a candidate's spouse may not campaign on social media, speak or wear attributes."),
    "relative_campaign": ("Kerabat selain suami/istri tidak mendapat pengecualian CLTN: ikut berkampanye untuk kerabat "
                          "tetap dilarang; hanya hadir secara pasif yang boleh.",
                          "Relatives other than a spouse get no CLTN exemption: campaigning for a relative is "
                          "forbidden; only passive attendance is allowed."),
    "unclear": ("Pertanyaan ini belum dapat kami pahami dengan yakin, jadi kami tidak menjawab \"boleh\".",
                "We could not read this question with confidence, so we do not answer \"allowed\"."),
    "unsure_allowed": ("Tampaknya ini termasuk perbuatan yang boleh, tetapi kami belum yakin membaca pertanyaannya; "
                       "periksa syaratnya di bawah atau tanyakan kepada BKD/Satgas Netralitas.",
                       "This looks like an allowed act, but we are not sure we read the question right; check the "
                       "conditions below or ask the BKD/neutrality task force."),
    "partisan_veto": ("Isi yang Anda sebut memihak calon atau partai, sehingga tidak boleh.",
                      "The content you describe takes a candidate's or party's side, so it is not allowed."),
    # questions asked back
    "ask_cltn": ("Apakah Anda sudah cuti di luar tanggungan negara (CLTN)?",
                 "Are you on unpaid leave outside state responsibility (CLTN)?"),
    "ask_letter": ("Apakah Anda membawa surat tugas resmi dari atasan untuk kegiatan itu?",
                   "Do you have an official duty letter from your superior for it?"),
    "ask_passive": ("Apakah Anda hanya hadir sebagai pendengar, tanpa atribut, yel-yel, ajakan, atau gestur jari?",
                    "Will you only listen, with no attributes, chants, appeals or finger signs?"),
    "ask_photo": ("Apakah foto itu akan diunggah, atau menampilkan gestur jari, atribut, atau latar kampanye?",
                  "Will the photo be posted, or show finger signs, attributes or a campaign backdrop?"),
    "ask_content": ("Apa isi yang akan Anda sukai atau bagikan: informasi resmi yang netral, atau materi calon/partai?",
                    "What is the content: neutral official information, or a candidate's or party's material?"),
    "ask_purpose": ("Apakah kegiatan/keputusan itu dijalankan sesuai jadwal dan kriteria biasa, tanpa diarahkan ke calon "
                    "atau pendukungnya?",
                    "Does it follow the usual schedule and criteria, without being steered toward a candidate or "
                    "their supporters?"),
    "ask_resign": ("Apakah Anda sudah mengundurkan diri dari ASN, atau setidaknya sedang CLTN saat mendekati partai?",
                   "Have you resigned from the civil service, or at least taken CLTN while approaching parties?"),
    "ask_clarify": ("Sebutkan perbuatannya (mis. menyukai, membagikan, hadir, berfoto, memberi) dan kepada siapa "
                    "(calon, partai, informasi KPU).",
                    "Say what you would do (e.g. like, share, attend, pose, give) and toward whom (a candidate, a "
                    "party, KPU information)."),
    # what would change the answer
    "change_content": ("Jawabannya menjadi boleh hanya bila isinya informasi resmi yang netral, tanpa calon, partai, "
                       "atau nomor urut.",
                       "It would be allowed only for neutral official information with no candidate, party or number."),
    "change_allowed_content": ("Jawabannya berubah menjadi tidak boleh bila isinya menyebut, menandai, atau memuji "
                               "calon, partai, atau nomor urut.",
                               "It becomes forbidden if the content names, tags or praises a candidate, party or "
                               "ballot number."),
    "change_passive": ("Jawabannya menjadi boleh bila Anda hadir secara pasif saja; menjadi tidak boleh bila ikut "
                       "yel-yel, memakai atribut, atau bergestur.",
                       "It becomes allowed if you only attend passively, and forbidden if you chant, wear attributes or "
                       "make gestures."),
    "change_active": ("Hadir secara pasif sebagai pemilih, tanpa atribut dan gestur, tidak dilarang.",
                      "Attending passively as a voter, without attributes or gestures, is not forbidden."),
    "change_letter": ("Dengan surat tugas dan hanya menjalankan tugas itu, kehadiran Anda boleh; tanpa surat tugas "
                      "berlaku aturan kehadiran biasa (hanya pasif).",
                      "With a duty letter and doing only that duty you may be there; without one the ordinary rule "
                      "applies (passive presence only)."),
    "change_cltn": ("Dengan CLTN Anda boleh mendampingi pasangan secara pasif; tanpa CLTN tidak boleh. Cuti tahunan "
                    "atau cuti biasa tidak sama dengan CLTN.",
                    "With CLTN you may accompany your spouse passively; without it you may not. Annual or ordinary "
                    "leave is not CLTN."),
    "change_duty": ("Hanya penugasan resmi dengan surat tugas yang membuat kehadiran atau peran itu boleh.",
                    "Only an official assignment with a duty letter would make this presence or role allowed."),
    "change_photo": ("Foto yang tidak diunggah dan tanpa gestur atau atribut tidak dilarang.",
                     "A photo that is not posted and shows no gestures or attributes is not forbidden."),
    "change_none": ("Tidak ada keadaan (cuti, hari libur, akun pribadi) yang membuat perbuatan ini boleh bagi ASN.",
                    "No circumstance (leave, a day off, a private account) makes this allowed for a civil servant."),
    "change_register": ("Dengan mengundurkan diri dari ASN, Anda boleh maju; mendekati partai tanpa CLTN tidak boleh.",
                        "Resigning from the civil service makes running allowed; approaching parties without CLTN is "
                        "not."),
    "change_purpose": ("Bila diarahkan ke calon, wilayah pendukung, atau waktu kampanye tertentu, menjadi pelanggaran "
                       "D12.",
                       "If steered toward a candidate, supporters' areas or campaign timing, it becomes violation D12."),
    # notes
    "note_leave": ("Cuti tahunan, cuti biasa, hari libur, atau di luar jam kerja tidak membuat kampanye menjadi boleh: "
                   "ASN tetap ASN. Hanya suami/istri calon yang sedang CLTN mendapat kelonggaran terbatas.",
                   "Annual or ordinary leave, a day off or after-hours does not make campaigning allowed: a civil "
                   "servant remains one. Only a candidate's spouse on CLTN gets a narrow exemption."),
    "note_after_vote": ("Larangan tidak berhenti pada hari pemungutan suara: berlaku sampai tahapan selesai "
                        "(penghitungan, rekapitulasi, sengketa), dan keputusan yang menguntungkan calon dilarang "
                        "juga sesudah kampanye.",
                        "The ban does not end on voting day: it holds until the stages are over (counting, "
                        "recapitulation, disputes), and decisions that benefit a candidate are forbidden after the "
                        "campaign too."),
    "note_quiet": ("Pada masa tenang semua kegiatan kampanye dilarang bagi siapa pun; bagi ASN larangannya tetap sama.",
                   "During the quiet period all campaigning is forbidden for everyone; for civil servants the ban is "
                   "unchanged."),
    "note_facilities": ("Memakai jam kerja atau fasilitas negara memperberat pelanggaran (PP 94/2021 Pasal 5 huruf n).",
                        "Using working hours or state facilities aggravates the violation (PP 94/2021 Art. 5(n))."),
    "note_relative_cltn": ("CLTN hanya memberi kelonggaran kepada suami/istri calon, bukan kerabat lain.",
                           "CLTN only gives leeway to a candidate's spouse, not to other relatives."),
}


@dataclass
class Decision:
    verdict: str
    reason: str
    forms: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)
    ask: str | None = None
    change: str | None = None
    notes: list[str] = field(default_factory=list)
    understood: bool = True

    def text(self, key: str | None, lang: str) -> str:
        if not key:
            return ""
        id_text, en_text = T[key]
        return en_text if lang == "en" else id_text


def _d(verdict, reason, forms=(), allowed=(), ask=None, change=None) -> Decision:
    return Decision(verdict=verdict, reason=reason, forms=list(forms), allowed=list(allowed), ask=ask, change=change)


def decide(r: Reading) -> Decision:
    """The verdict for one reading; see the module docstring for the safety rules."""
    if not r.slots.electoral:  # nothing about an election: no rule to cite, ask what is meant
        return Decision(DEPENDS, "unclear", ask="ask_clarify", understood=False)
    if r.act_p < MIN_ACT:
        forms = [ACT_FORM[a] for a, _p in [(r.act, r.act_p), *r.alternatives] if a in ACT_FORM][:2]
        return Decision(DEPENDS, "unclear", forms=list(dict.fromkeys(forms)), ask="ask_clarify", understood=False)
    d = _decide(r)
    s = r.slots
    content_like = r.act in CONTENT_FORM or r.act in {"turnout", "give", "gather", "photo", "attend", "speak"}
    if d.verdict == ALLOWED and s.partisan_content and content_like and r.slots.family is None:
        form = ACT_FORM.get(r.act, "D8")
        d = _d(FORBIDDEN, "partisan_veto", [form], change="change_none")
    if d.verdict == ALLOWED:
        object_matters = r.act in CONTENT_FORM or r.act in {"decide", "give", "gather"}
        if r.act_p < MIN_ALLOW or (object_matters and r.obj_p < MIN_ALLOW_OBJ):
            d = Decision(DEPENDS, "unsure_allowed", forms=[ACT_FORM[r.act]] if r.act in ACT_FORM else [],
                         allowed=d.allowed, change=d.change, ask=d.ask or "ask_clarify")
    if d.verdict != ALLOWED or r.act in {"campaign", "attend", "accompany"}:
        if s.ordinary_leave and r.act in {"campaign", "attend", "accompany", "speak", "team"}:
            d.notes.append("note_leave")
    if d.verdict == FORBIDDEN and s.after_vote:
        d.notes.append("note_after_vote")
    if d.verdict == FORBIDDEN and s.quiet_period:
        d.notes.append("note_quiet")
    if d.verdict == FORBIDDEN and s.facilities and r.act not in {"facilities"}:
        d.notes.append("note_facilities")
    return d


def _decide(r: Reading) -> Decision:  # noqa: C901 - one branch per act is the readable form here
    s, act = r.slots, r.act
    obj = r.obj
    if obj in {"kpu", "neutral", "programme"} and s.partisan_content and act in CONTENT_FORM:
        obj = "partisan"
    partisan = obj == "partisan" or s.family is not None

    if s.family == "spouse" and not s.non_asn:
        spouse = _spouse(r)
        if spouse is not None:
            return spouse
    if s.family == "relative" and act in {"attend", "accompany", "campaign"} and not s.non_asn:
        if act == "campaign" and not s.passive or s.active:
            d = _d(FORBIDDEN, "relative_campaign", ["E6"], change="change_active")
            if s.cltn == "yes":
                d.notes.append("note_relative_cltn")
            return d
        if s.passive:
            return _d(ALLOWED, "attend_passive", allowed=["A2"], change="change_passive")
        return _d(DEPENDS, "attend_unknown", ["E3"], ["A2"], ask="ask_passive", change="change_passive")

    if act in CONTENT_FORM:
        if partisan:
            return _d(FORBIDDEN, "post_partisan" if act == "post" else "content_partisan", [CONTENT_FORM[act]],
                      change="change_content")
        if obj == "kpu":
            return _d(ALLOWED, "content_official", allowed=["A7"], change="change_allowed_content")
        if obj in {"neutral", "programme"}:
            return _d(ALLOWED, "content_neutral", allowed=["A7"], change="change_allowed_content")
        return _d(DEPENDS, "content_unknown", [CONTENT_FORM[act]], ["A7"], ask="ask_content", change="change_content")

    if act == "photo":
        if s.gesture or s.publish:
            return _d(FORBIDDEN, "photo_partisan", ["E5"], change="change_photo")
        return _d(DEPENDS, "photo_unknown", ["E5"], ask="ask_photo", change="change_photo")

    if act in {"attend", "campaign", "accompany"}:
        return _attend(r, obj)

    if act == "speak":
        if s.letter == "yes" and not s.active:
            return _d(ALLOWED, "duty_letter", allowed=["A6"], change="change_letter")
        if s.duty:
            return _d(DEPENDS, "duty_unknown", ["E6"], ["A6"], ask="ask_letter", change="change_letter")
        return _d(FORBIDDEN, "speaker", ["E6"], change="change_duty")

    simple = {
        "banner": (FORBIDDEN, "banner", ["E1"], [], "change_none"),
        "wear": (FORBIDDEN, "wear", ["E6"], [], "change_none"),
        "fund": (FORBIDDEN, "fund", ["D8"], [], "change_none"),
        "member": (FORBIDDEN, "member", ["D5"], [], "change_none"),
        "ktp": (FORBIDDEN, "ktp", ["D11"], [], "change_none"),
        "vote": (ALLOWED, "vote", [], ["A1"], None),
        "report": (ALLOWED, "report", [], ["A11"], None),
        "remind": (ALLOWED, "remind", [], [], None),
        "turnout": (ALLOWED, "turnout", [], ["A3"], "change_allowed_content"),
        "read": (ALLOWED, "read", [], ["A4"], None),
        "kpps": (DEPENDS, "kpps", [], ["A10"], None),
    }
    if act in simple:
        verdict, reason, forms, allowed, change = simple[act]
        return _d(verdict, reason, forms, allowed, change=change)

    if act == "give":
        if partisan or s.partisan_content:
            return _d(FORBIDDEN, "give", ["D8"], change="change_none")
        return _d(DEPENDS, "give_unknown", ["D8"], ask="ask_purpose", change="change_purpose")
    if act == "gather":
        if partisan or s.partisan_content:
            return _d(FORBIDDEN, "gather", ["D8"], change="change_none")
        return _d(DEPENDS, "gather_unknown", ["D8"], ask="ask_purpose", change="change_purpose")
    if act == "decide":
        if partisan or s.favour:
            return _d(FORBIDDEN, "decide_partisan", ["D12"], change="change_none")
        if s.routine:
            return _d(ALLOWED, "decide_routine", change="change_purpose")
        return _d(DEPENDS, "decide_unknown", ["D12"], ask="ask_purpose", change="change_purpose")
    if act == "facilities":
        return _d(FORBIDDEN, "facilities", ["D12"], change="change_none")
    if act == "team":
        if s.non_asn and s.family is not None:
            return _d(ALLOWED, "team_family_non_asn", allowed=["A9"])
        return _d(FORBIDDEN, "team", ["D9"], change="change_none")
    if act == "register":
        if s.resign:
            return _d(ALLOWED, "register_resign", allowed=["A8"], change="change_register")
        if s.cltn == "no":
            return _d(FORBIDDEN, "register_no", ["D3"], change="change_register")
        return _d(DEPENDS, "register_unknown", ["D3"], ["A8"], ask="ask_resign", change="change_register")
    return Decision(DEPENDS, "unclear", ask="ask_clarify", understood=False)


def _spouse(r: Reading) -> Decision | None:
    """A candidate's spouse: CLTN opens passive accompaniment only (regulations §3, E7)."""
    s, act = r.slots, r.act
    if act in CONTENT_FORM or act in {"speak", "wear"}:
        return _d(FORBIDDEN, "spouse_content", [ACT_FORM[act]], change="change_none")
    if act == "photo":
        if s.gesture or s.publish:
            return _d(FORBIDDEN, "photo_partisan", ["E5"], change="change_photo")
        if s.cltn == "yes":
            return _d(ALLOWED, "spouse_cltn", allowed=["A5"], change="change_cltn")
        return None
    if act not in {"attend", "campaign", "accompany"}:
        return None
    if s.cltn == "yes":
        if s.active:
            return _d(FORBIDDEN, "attend_active", ["E3"], change="change_active")
        return _d(ALLOWED, "spouse_cltn", allowed=["A5"], change="change_cltn")
    if s.cltn == "no" or s.ordinary_leave:
        d = _d(FORBIDDEN, "spouse_no_cltn", ["E7"], change="change_cltn")
        return d
    return _d(DEPENDS, "spouse_unknown", ["E7"], ["A5"], ask="ask_cltn", change="change_cltn")


def _attend(r: Reading, obj: str) -> Decision:
    """Presence at a campaign, declaration or event: duty letter, facilities, active or passive."""
    s, act = r.slots, r.act
    if s.letter == "yes" and not s.active:
        return _d(ALLOWED, "duty_letter", allowed=["A6"], change="change_letter")
    if s.letter != "no" and (s.official_event or (obj == "official" and s.duty)):
        if s.active or s.gesture:
            return _d(FORBIDDEN, "attend_active", ["E3"], change="change_active")
        return _d(ALLOWED, "official_event", allowed=["A6"], change="change_letter")
    if s.duty and s.letter != "no" and not (s.passive or s.active):
        return _d(DEPENDS, "duty_unknown", ["E6"], ["A6"], ask="ask_letter", change="change_letter")
    if s.duty and s.letter == "no" and not s.passive and not s.active and act != "campaign":
        return _d(DEPENDS, "duty_unknown", ["E3"], ["A6", "A2"], ask="ask_letter", change="change_letter")
    if s.facilities:
        return _d(FORBIDDEN, "attend_facilities", ["E6"], change="change_active")
    if s.active:
        return _d(FORBIDDEN, "attend_active", ["E3"], change="change_active")
    if s.passive:
        return _d(ALLOWED, "attend_passive", allowed=["A2"], change="change_passive")
    if act == "campaign" or act == "accompany":
        return _d(FORBIDDEN, "campaign", ["E6"], change="change_active")
    return _d(DEPENDS, "attend_unknown", ["E3"], ["A2"], ask="ask_passive", change="change_passive")
