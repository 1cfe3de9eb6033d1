"""Generate the blind dependants test set (documents/ + mails/). Deterministic: python make_set.py"""
import datetime as dt
import io
import json
import os
import random
import shutil
import sys
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import render as R
from content import *
import kinds as K
import others as O
from passport import passport_image

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "documents")
MAILS = os.path.join(HERE, "mails")
CHECK_DAY = dt.date(2026, 12, 1)
PDFDATES = dict(creationDate=__import__("time").gmtime(1795165200), modDate=__import__("time").gmtime(1795165200))
SHAPES = ["pdf_text", "pdf_scan", "jpeg_photo", "png", "docx"]


def style_for(rng, doc, kind):
    fam = rng.choice([("sans", "sansb"), ("serif", "serifb"), ("cond", "condb"), ("serif", "serifb")])
    s = dict(font=fam[0], fontb=fam[1], size=rng.randint(19, 23), margin=rng.randint(95, 140),
             kv=rng.choice(["colon", "underline", "boxed", "bold", "colon"]), talign=rng.choice(["center", "center", "left"]),
             border=rng.choice([None, None, "single", "double", "band"]),
             accent=rng.choice([(20, 20, 20), (20, 40, 110), (110, 30, 30), (20, 80, 50)]),
             labelw=rng.uniform(0.3, 0.45), tfill=rng.choice([(225, 225, 225), (215, 228, 240), (240, 232, 210)]))
    if kind in ("relationship_declaration", "parental_consent"):
        s["border"] = rng.choice([None, None, "single", "band"])
        s["kv"] = rng.choice(["underline", "boxed", "colon"])
        s["hand"] = bool(doc.get("hand"))
    elif rng.random() < 0.2:
        s["hand"] = True
        s["handcolor"] = rng.choice([(25, 45, 140), (30, 30, 30)])
    if kind in ("marriage_certificate", "birth_certificate", "partnership_certificate") and rng.random() < 0.25:
        s["watermark"] = rng.choice(["SECURITY PAPER", "CERTIFIED COPY", "OFFICIAL"])
    if doc.get("style_hint") == "fancy":
        s.update(font="serifi", fontb="serifb", talign="center", border="double", kv="colon", hand=False)
    return s


def write_doc(rng, doc, kind, path_noext, shape=None):
    """Render doc in shape; returns (filename, shape, pages). Multi-page docs never become single images."""
    style = style_for(rng, doc, kind)
    pages = R.layout(doc["blocks"], style, rng)
    if shape is None:
        shape = rng.choice(SHAPES)
    if len(pages) > 1 and shape in ("jpeg_photo", "png"):
        shape = rng.choice(["pdf_text", "pdf_scan", "docx"])
    if shape == "pdf_text":
        fn = path_noext + ".pdf"
        R.to_pdf(pages, fn)
    elif shape == "docx":
        fn = path_noext + ".docx"
        R.to_docx(doc["blocks"], fn, style)
    else:
        bg = (255, 255, 255) if rng.random() < 0.6 else rng.choice([(250, 247, 235), (240, 245, 250), (246, 240, 226)])
        ims = R.to_images(pages, bg)
        if shape == "pdf_scan":
            fn = path_noext + ".pdf"
            sc = [R.scan(im, rng, gray=rng.random() < 0.6) for im in ims]
            sc[0].save(fn, "PDF", resolution=120.0, save_all=True, append_images=sc[1:], **PDFDATES)
        elif shape == "jpeg_photo":
            fn = path_noext + ".jpg"
            R.photo(ims[0], rng).save(fn, "JPEG", quality=78)
        else:
            fn = path_noext + ".png"
            im = ims[0]
            if rng.random() < 0.5:
                im = im.resize((992, 1403))
            if rng.random() < 0.4:
                im = im.convert("L")
            im.save(fn, "PNG", optimize=True)
    return os.path.basename(fn), shape, len(pages)


def label(doc, kind, shape, npages):
    lab = {"kind": doc.get("kind", kind), "shape": shape, "language": doc["language"], "persons": doc["persons"],
           "notes": doc["notes"] + (f"; {npages} pages" if npages > 1 else "")}
    if lab["kind"] in ("relationship_declaration", "parental_consent"):
        lab["filled"] = bool(doc.get("filled", True))
    if "names_parents" in doc:
        lab["names_parents"] = doc["names_parents"]
    if "signed_by" in doc:
        lab["signed_by_partners"] = doc["signed_by"]
    return lab


# ------------------------------------------------------------------ documents
def build_documents():
    rng = random.Random(13013)
    if os.path.isdir(DOCS):
        shutil.rmtree(DOCS)
    os.makedirs(DOCS)
    todo = []  # (kind, builder)
    mdate = lambda: rdate(rng, 2008, 2025)
    for f in K.MARRIAGE + [K.m_india, K.m_philippines, K.m_usa]:
        cc = K.MCC[f]
        todo.append(("marriage_certificate", lambda f=f, cc=cc: f(rng, *K.couple(rng, cc), mdate())))
    todo.append(("marriage_certificate", lambda: K.m_brazil(rng, *K.couple(rng, "BR"), mdate(), translate=False)))
    todo.append(("marriage_certificate", lambda: K.m_nigeria(rng, *K.couple(rng, "NG"), mdate())))
    for f in [lambda: K.m_uk(rng, *K.couple(rng, "GB"), mdate(), civil=True),
              lambda: K.m_southafrica(rng, *K.couple(rng, "ZA"), mdate(), civil=True),
              lambda: K.m_netherlands(rng, *K.couple(rng, "NL"), mdate(), partnership=True),
              lambda: K.m_netherlands(rng, *K.couple(rng, "NL", "IN"), mdate(), partnership=True),
              lambda: K.m_us_domestic(rng, *K.couple(rng, "US"), mdate()),
              lambda: K.m_germany_lp(rng, *K.couple(rng, "DE"), mdate())]:
        todo.append(("partnership_certificate", f))

    def birth(cc, short=False):
        fa, mo = K.couple(rng, cc)
        c = child_of(rng, fa, mo)
        return (K.b_short if short else K.b_generic)(rng, cc, c, fa, mo)

    for cc in ["IN", "BR", "TR", "NG", "PH", "US", "GB", "UA", "CN", "EG", "MX", "ZA", "NL", "DE", "IN", "PH", "US"]:
        todo.append(("birth_certificate", lambda cc=cc: birth(cc)))
    todo.append(("birth_certificate", lambda: birth("GB", True)))
    todo.append(("birth_certificate", lambda: birth("ZA", True)))
    for cc in ["IN", "IN", "BR", "TR", "NG", "PH", "US", "GB", "UA", "CN", "EG", "MX", "ZA", "NL", "DE", "FR", "IT"]:
        todo.append(("unmarried_status", lambda cc=cc: K.u_generic(rng, cc, person(rng, cc))))
    rel_specs = [dict(lang="en"), dict(lang="en", hand=True), dict(lang="nl"), dict(lang="nl/en"), dict(lang="nl", hand=True),
                 dict(lang="en", letter=True), dict(lang="en", letter=True, one_sig=True), dict(lang="en", one_sig=True),
                 dict(lang="en", filled=False), dict(lang="nl", filled=False), dict(lang="nl/en", filled=False),
                 dict(lang="en", hand=True), dict(lang="nl/en", hand=True), dict(lang="en"), dict(lang="nl"), dict(lang="en", hand=True),
                 dict(lang="en", letter=True)]
    pairs = [("IN", "IN"), ("BR", "MX"), ("TR", "UA"), ("NG", "NG"), ("PH", "US"), ("CN", "CN"), ("EG", "EG"), ("ZA", "GB"),
             ("UA", "UA"), ("MX", "BR"), ("IN", "PH"), ("US", "KR"), ("TR", "TR"), ("KR", "KR"), ("BR", "BR"), ("NG", "ZA"), ("IN", "NL")]
    for spec, (c1, c2) in zip(rel_specs, pairs):
        todo.append(("relationship_declaration", lambda spec=spec, c1=c1, c2=c2: K.rel_form(
            rng, person(rng, c1), person(rng, c2), rdate(rng, 2015, 2023), **spec)))
    con_specs = [("IN", dict(variant=1)), ("NG", dict(variant=1)), ("PH", dict(variant=1)), ("US", dict(variant=1, passport_copy=False)),
                 ("IN", dict(lang="en")), ("BR", dict(lang="en", hand=True)), ("TR", dict(lang="nl/en")), ("NL", dict(lang="nl")),
                 ("UA", dict(lang="en", hand=True, passport_copy=False)), ("MX", dict(lang="en")), ("EG", dict(lang="en", passport_copy=False)),
                 ("ZA", dict(lang="nl/en", hand=True)), ("CN", dict(lang="en")), ("PH", dict(lang="en", hand=True, passport_copy=False)),
                 ("IN", dict(lang="en", filled=False)), ("NL", dict(lang="nl", filled=False)), ("NG", dict(lang="nl/en", filled=False)),
                 ("KR", dict(lang="en", hand=True))]
    for cc, spec in con_specs:
        def mk(cc=cc, spec=spec):
            fa, mo = K.couple(rng, cc)
            c = child_of(rng, fa, mo, 2010, 2022)
            if rng.random() < 0.5:
                fa, mo = mo, fa  # consenting parent is the mother
            return K.consent(rng, c, fa, mo, cc, **spec)
        todo.append(("parental_consent", mk))
    for f, cc in O.OTHERS:
        todo.append(("other", lambda f=f, cc=cc: f(rng, cc)))

    # shape plan: cycle shapes per kind for balance
    labels = {}
    per_kind = {}
    order = list(range(len(todo)))
    rng.shuffle(order)
    for n, i in enumerate(order):
        kind, fn = todo[i]
        doc = fn()
        k = per_kind.setdefault(kind, rng.randrange(5))
        per_kind[kind] = k + 1
        shape = SHAPES[k % 5]
        name, shape, npages = write_doc(rng, doc, kind, os.path.join(DOCS, f"doc_{n + 1:03d}"), shape)
        labels[name] = label(doc, kind, shape, npages)
        print(name, labels[name]["kind"], shape, flush=True)
    with open(os.path.join(DOCS, "labels.json"), "w", encoding="utf-8") as f:
        json.dump(labels, f, ensure_ascii=False, indent=1, sort_keys=True)
    return labels


# ------------------------------------------------------------------ families
TB_EXEMPT = {"USA", "CAN", "AUS", "NZL", "JPN", "D", "DEU", "FRA", "ITA", "NLD", "CHE", "BEL", "AUT"}
ITEMS = ["passport", "antecedents_certificate", "tb_declaration", "marriage_certificate", "unmarried_status",
         "relationship_declaration", "birth_certificate", "parental_consent"]


def age(b, on=CHECK_DAY):
    return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


class Fam:
    def __init__(self, rng, key, cand, domain):
        self.rng, self.key, self.cand = rng, key, cand
        self.addr = f"{translit_mail(cand.given)}.{translit_mail(cand.surname)}@{domain}"
        self.persons = [dict(p=cand, relation="candidate")]
        self.mails = []
        self.got = {}  # person name -> set(items)
        self.problems = {}
        self.notes = ""

    def add(self, p, relation, **kw):
        self.persons.append(dict(p=p, relation=relation, **kw))
        return p

    def mail(self, subject, body, atts):
        self.mails.append((subject, body, atts))

    def count(self, p, item):
        self.got.setdefault(id(p), set()).add(item)

    def problem(self, p, text):
        self.problems.setdefault(id(p), []).append(text)


def translit_mail(s):
    from passport import translit
    return translit(s).replace("<", "").lower()


def att_passport(fam, p, fname, valid_until=None, shape="jpeg_photo", counts=True):
    rng = fam.rng
    vu = valid_until or dt.date(2029 + rng.randint(0, 5), rng.randint(1, 12), rng.randint(1, 28))
    im, meta = passport_image(rng, p, vu)
    bio = io.BytesIO()
    if shape == "jpeg_photo":
        R.photo(im, rng, portrait=False).save(bio, "JPEG", quality=75)
        ext, mime = ".jpg", "image/jpeg"
    elif shape == "png":
        im.save(bio, "PNG", optimize=True)
        ext, mime = ".png", "image/png"
    else:
        page = R.Image.new("RGB", (R.W, R.H), (255, 255, 255))
        page.paste(im, (0, 200))
        R.scan(page, rng).save(bio, "PDF", resolution=120.0, **PDFDATES)
        ext, mime = ".pdf", "application/pdf"
    ok = vu >= dt.date(CHECK_DAY.year + 1, CHECK_DAY.month, CHECK_DAY.day)
    if counts and ok:
        fam.count(p, "passport")
    if not ok:
        fam.problem(p, f"passport expires {vu.isoformat()} (less than 12 months after {CHECK_DAY.isoformat()})")
    return dict(name=fname + ext, data=bio.getvalue(), mime=mime,
                label=dict(kind="passport", person=p.name, shape=shape, mrz=meta["mrz"], expiry=meta["expiry"], valid_12_months=ok))


def att_doc(fam, doc, kind, fname, shape, person_items=(), problem=None):
    rng = fam.rng
    tmp = os.path.join(MAILS, "_tmp")
    os.makedirs(tmp, exist_ok=True)
    name, shape, npages = write_doc(rng, doc, kind, os.path.join(tmp, "x"), shape)
    path = os.path.join(tmp, name)
    data = open(path, "rb").read()
    os.remove(path)
    ext = os.path.splitext(name)[1]
    mime = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".png": "image/png",
            ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}[ext]
    for p, item in person_items:
        fam.count(p, item)
    lab = label(doc, kind, shape, npages)
    if problem:
        lab["problem"] = problem
    return dict(name=fname + ext, data=data, mime=mime, label=lab)


def form_doc(blocks, persons, notes, kind_hint):
    return dict(blocks=blocks, persons=persons, language="en", notes=notes, kind=kind_hint)


def att_ante(fam, p, fname, shape="pdf_scan", filled_for=None):
    q = filled_for or p
    doc = form_doc(O.antecedents(fam.rng, p, filled_for), [q.lab("subject")], "antecedents certificate form" +
                   (f" (sent for {p.name} but filled in with the data of {q.name})" if filled_for else ""), "antecedents_certificate")
    if filled_for:
        fam.problem(p, f"antecedents certificate sent for this person is filled in for {q.name} (name/birth date mismatch) -> HR review, does not count")
        return att_doc(fam, doc, "antecedents_certificate", fname, shape, (), problem="form filled for wrong person")
    return att_doc(fam, doc, "antecedents_certificate", fname, shape, [(p, "antecedents_certificate")])


def att_tb(fam, p, fname, shape="pdf_scan", signer=None):
    doc = form_doc(O.tb_decl(fam.rng, p, signer), [p.lab("subject")] + ([signer.lab("signing_parent")] if signer else []),
                   "TB declaration" + (f" of a minor, signed by parent {signer.name}" if signer else ""), "tb_declaration")
    return att_doc(fam, doc, "tb_declaration", fname, shape, [(p, "tb_declaration")])


def build_families():
    rng = random.Random(1313)
    F = []
    import content as _C
    _C.CHILD_GIVEN = set()
    _child_of = _C.child_of

    def child_of(rng, fa, mo, birth=None, taken=[]):
        for _ in range(40):
            k = _child_of(rng, fa, mo, birth=birth)
            if k.given not in taken and k.name not in used:
                break
        taken.append(k.given)
        used.add(k.name)
        return k

    used = set()

    def mk(cc, sex, y0=1980, y1=1993, **kw):  # adults with names unique over all families
        while True:
            p = person(rng, cc, sex, y0, y1, **kw)
            if p.name not in used and p.given not in _C.CHILD_GIVEN:
                used.add(p.name)
                return p

    # 1. piecemeal thread: spouse + children 14 and 8
    c = mk("IN", "M")
    f = Fam(rng, "piecemeal", c, "mail.example.in")
    s = f.add(mk("IN", "F"), "spouse")
    k14 = f.add(child_of(rng, c, s, birth=dt.date(2012, 3, 14)), "child")
    k8 = f.add(child_of(rng, c, s, birth=dt.date(2018, 7, 2)), "child")
    f.mail("Documents for my visa", "Dear HR team,\n\nPlease find my passport and forms attached, plus my wife's passport. More documents follow.\n\nRegards,\n" + c.name,
           [att_passport(f, c, "passport_me"), att_ante(f, c, "antecedents_signed"), att_tb(f, c, "TB_declaration", "pdf_text"),
            att_passport(f, s, "IMG_20261102_101522", shape="png")])
    f.mail("RE: Documents for my visa", f"Hello,\n\nHere are our marriage certificate, my wife's forms and the documents of our elder {'son' if k14.sex == 'M' else 'daughter'} {k14.given}.\n\n{c.given}",
           [att_doc(f, K.m_india(rng, c, s, dt.date(2010, 2, 11)), "marriage_certificate", "marriage", "pdf_scan", [(s, "marriage_certificate")]),
            att_ante(f, s, "ante_" + s.given.lower(), "jpeg_photo"), att_tb(f, s, "tb_" + s.given.lower(), "docx"),
            att_passport(f, k14, "scan_0003", shape="pdf_scan"),
            att_doc(f, K.b_generic(rng, "IN", k14, c, s), "birth_certificate", "birth_" + k14.given.lower(), "pdf_text", [(k14, "birth_certificate")])])
    f.mail("RE: RE: Documents for my visa", f"Hi,\n\nLast batch: {k8.given}'s passport and birth certificate, {k14.given}'s antecedents form and the TB form of {k14.given}.\n\nThanks,\n{c.given}",
           [att_passport(f, k8, "passport_small"), att_doc(f, K.b_generic(rng, "IN", k8, c, s), "birth_certificate", "bc2", "jpeg_photo", [(k8, "birth_certificate")]),
            att_ante(f, k14, "antecedents_" + k14.given.lower(), "png"), att_tb(f, k14, "tb_" + k14.given.lower(), "pdf_scan", signer=c)])
    f.notes = "Thread of 3 mails; the 8-year-old's TB declaration never arrives. The 8-year-old needs no antecedents certificate."
    F.append(f)

    # 2. unmarried couple, different nationalities
    c = mk("BR", "F")
    f = Fam(rng, "unmarried", c, "exemplo.com.br")
    pt = f.add(mk("MX", "M"), "partner", partnership="unmarried")
    f.mail("Visa documents — me and my partner", f"Hello,\n\nI will come with my partner {pt.name}; we are not married. Attached: our passports, my forms, his antecedents certificate, his unmarried-status certificate and our relationship declaration.\n\n{c.given}",
           [att_passport(f, c, "passaporte"), att_passport(f, pt, "passport_" + pt.given.lower(), shape="png"),
            att_ante(f, c, "antecedentes_" + c.given.split()[0].lower(), "pdf_text"), att_tb(f, c, "tb", "jpeg_photo"),
            att_ante(f, pt, "antecedents_" + pt.given.split()[0].lower(), "pdf_scan"),
            att_doc(f, K.u_generic(rng, "MX", pt), "unmarried_status", "constancia", "pdf_text", [(pt, "unmarried_status")]),
            att_doc(f, K.rel_form(rng, c, pt, dt.date(2019, 5, 1), lang="en", hand=True), "relationship_declaration", "declaration_relationship", "pdf_scan",
                    [(pt, "relationship_declaration")])])
    f.mail("RE: Visa documents — me and my partner", "Hi, one more: the legalised statement for my partner was already sent; I am still waiting for my own certificate of single status from the cartório.\n\nBest,\n" + c.given, [])
    f.notes = "Unmarried partner: unmarried status needed for BOTH partners; candidate's own is missing, partner's TB declaration is missing (Mexico not exempt). Second mail has no attachment."
    F.append(f)

    # 3. child turning 12 soon (11 on the check day) + younger child; all complete
    c = mk("TR", "M")
    f = Fam(rng, "turning12", c, "posta.example.com.tr")
    s = f.add(mk("TR", "F"), "spouse")
    k11 = f.add(child_of(rng, c, s, birth=dt.date(2014, 12, 20)), "child")
    k6 = f.add(child_of(rng, c, s, birth=dt.date(2020, 4, 9)), "child")
    f.mail("HSM application - family documents", "Dear Sir/Madam,\n\nAll documents of my family are attached.\n\nKind regards,\n" + c.name,
           [att_passport(f, c, "pasaport_" + c.given.lower()), att_passport(f, s, "pasaport_" + s.given.lower(), shape="pdf_scan"),
            att_passport(f, k11, "pasaport_cocuk1"), att_passport(f, k6, "pasaport_cocuk2", shape="png"),
            att_ante(f, c, "antecedents1", "pdf_text"), att_ante(f, s, "antecedents2", "pdf_text"),
            att_tb(f, c, "tb1", "pdf_text"), att_tb(f, s, "tb2", "pdf_text"), att_tb(f, k11, "tb3", "pdf_text", signer=s), att_tb(f, k6, "tb4", "pdf_text", signer=s),
            att_doc(f, K.m_turkey(rng, c, s, dt.date(2011, 6, 18)), "marriage_certificate", "evlilik", "jpeg_photo", [(s, "marriage_certificate")]),
            att_doc(f, K.b_generic(rng, "TR", k11, c, s), "birth_certificate", "dogum1", "pdf_scan", [(k11, "birth_certificate")]),
            att_doc(f, K.b_generic(rng, "TR", k6, c, s), "birth_certificate", "dogum2", "pdf_scan", [(k6, "birth_certificate")])])
    f.notes = "Child born 2014-12-20 is 11 on 2026-12-01 (turns 12 nineteen days later): no antecedents certificate required. Everything complete."
    F.append(f)

    # 4. single parent, child exactly 12 on the check day, other parent stays behind, no consent
    c = mk("NG", "M")
    f = Fam(rng, "twelve_today", c, "example.com.ng")
    ex = mk("NG", "F")
    k = f.add(child_of(rng, c, ex, birth=dt.date(2014, 12, 1)), "child", other_parent_stays=True, other_parent=ex.name)
    f.mail("Documents for me and my daughter" if k.sex == "F" else "Documents for me and my son",
           f"Good day,\n\nI am divorced and {k.given} will live with me. Attached are our passports, my forms, {k.given}'s birth certificate and TB declaration.\n\nRegards,\n{c.name}",
           [att_passport(f, c, "intl_passport"), att_ante(f, c, "antecedent", "docx"), att_tb(f, c, "TB", "pdf_scan"),
            att_passport(f, k, "child_passport", shape="pdf_scan"),
            att_doc(f, K.b_generic(rng, "NG", k, c, ex), "birth_certificate", "birth cert", "jpeg_photo", [(k, "birth_certificate")]),
            att_tb(f, k, "TB child", "jpeg_photo", signer=c)])
    f.notes = "Child born 2014-12-01 turns 12 exactly on the check day: antecedents certificate required. Mother stays behind: consent required, not sent."
    F.append(f)

    # 5. other parent stays behind, consent sent with passport copy
    c = mk("PH", "F")
    f = Fam(rng, "consent_ok", c, "example.ph")
    fa = mk("PH", "M", 1978, 1988)
    k = f.add(child_of(rng, fa, c, birth=dt.date(2017, 9, 23)), "child", other_parent_stays=True, other_parent=fa.name)
    f.mail("Requirements - dependent visa for my child", f"Hi po,\n\nAttached are the documents for me and my child {k.given}. The consent of the father is included, with a copy of his passport. My TB form will follow.\n\n{c.name}",
           [att_passport(f, c, "my passport", shape="png"), att_ante(f, c, "antecedents", "pdf_scan"),
            att_passport(f, k, "passport " + k.given.lower()),
            att_doc(f, K.b_generic(rng, "PH", k, fa, c), "birth_certificate", "PSA birth cert", "pdf_scan", [(k, "birth_certificate")]),
            att_doc(f, K.consent(rng, k, fa, c, "PH", lang="en", hand=True), "parental_consent", "consent father", "pdf_scan", [(k, "parental_consent")]),
            att_tb(f, k, "tb " + k.given.lower(), "pdf_text", signer=c)])
    f.notes = "Consent of the father who stays (page 2 has his passport copy). Candidate's TB declaration missing. Child is 9: no antecedents."
    F.append(f)

    # 6. spouse of another (TB-exempt) nationality
    c = mk("UA", "M")
    f = Fam(rng, "mixed_nat", c, "ukr.example.net")
    s = f.add(mk("US", "F"), "spouse")
    f.mail("Passports and forms", "Hello,\n\nMy wife is American; documents for both of us attached.\n\n" + c.name,
           [att_passport(f, c, "passport_" + c.surname.lower()), att_passport(f, s, "passport_" + s.surname.lower(), shape="pdf_scan"),
            att_ante(f, c, "ante_" + c.given.lower(), "pdf_text"), att_ante(f, s, "ante_" + s.given.lower(), "pdf_text"),
            att_tb(f, c, "tb_" + c.given.lower(), "pdf_text"),
            att_doc(f, K.m_usa(rng, c, s, dt.date(2021, 9, 4)), "marriage_certificate", "marriage_license", "pdf_scan", [(s, "marriage_certificate")])])
    f.notes = "Spouse is a US national: TB-exempt, so no TB declaration for her; candidate (Ukrainian) did send his. Complete."
    F.append(f)

    # 7. child's passport arrives before HR declared the child (proposed dependant)
    c = mk("EG", "M")
    f = Fam(rng, "proposed_child", c, "example.com.eg")
    s = mk("EG", "F")
    k = child_of(rng, c, s, birth=dt.date(2016, 2, 29))
    f.mail("My documents", f"Dear HR,\n\nAttached my passport and forms. I also attach my {'son' if k.sex == 'M' else 'daughter'}'s passport.\n\n" + c.name,
           [att_passport(f, c, "pass"), att_ante(f, c, "ante", "pdf_text"), att_tb(f, c, "tb", "pdf_text"), att_passport(f, k, "son_pass", shape="png")])
    f.add(k, "child", proposed=True)
    f.add(s, "spouse")
    f.mail("RE: My documents", "Dear HR,\n\nMy wife will join as well. Her passport and our marriage contract are attached.\n\n" + c.name,
           [att_passport(f, s, "wife_pass"), att_doc(f, K.m_egypt(rng, c, s, dt.date(2014, 4, 3)), "marriage_certificate", "marriage_contract", "pdf_text", [(s, "marriage_certificate")])])
    f.notes = "The child's passport is sent before anybody declared the child: a proposed dependant that HR confirms. The child's birth date is 29 February."
    F.append(f)

    # 8. form filled in for the wrong person
    c = mk("CN", "M")
    f = Fam(rng, "wrong_person", c, "example.cn")
    s = f.add(mk("CN", "F"), "spouse")
    f.mail("Visa documents for me and my wife", "Dear colleague,\n\nPlease find the documents of my wife and me.\n\n" + c.name,
           [att_passport(f, c, "passport1", shape="pdf_scan"), att_passport(f, s, "passport2", shape="pdf_scan"),
            att_ante(f, c, "antecedents_1", "pdf_text"), att_ante(f, s, "antecedents_2", "pdf_text", filled_for=c),
            att_tb(f, c, "tb_1", "pdf_text"), att_tb(f, s, "tb_2", "pdf_text"),
            att_doc(f, K.m_china(rng, c, s, dt.date(2016, 10, 1)), "marriage_certificate", "notarial_marriage", "pdf_text", [(s, "marriage_certificate")])])
    f.notes = "The attachment meant as the wife's antecedents form carries the candidate's name and birth date again."
    F.append(f)

    # 9. registered partner with passport valid < 12 months; child with an abridged birth certificate (no parents)
    c = mk("ZA", "F")
    f = Fam(rng, "expiring_pass", c, "example.co.za")
    pt = f.add(mk("ZA", "M"), "partner", partnership="registered")
    k = f.add(child_of(rng, pt, c, birth=dt.date(2013, 5, 30)), "child")
    f.mail("Family documents - HSM", f"Hi,\n\nDocuments for me, my partner and our {'son' if k.sex == 'M' else 'daughter'} attached.\n\n" + c.name,
           [att_passport(f, c, "passport_" + c.given.lower()), att_passport(f, pt, "passport_" + pt.given.lower(), valid_until=dt.date(2027, 6, 30)),
            att_passport(f, k, "passport_kid", shape="png"),
            att_ante(f, c, "ante1", "pdf_text"), att_ante(f, pt, "ante2", "pdf_text"), att_ante(f, k, "ante3", "pdf_scan"),
            att_tb(f, c, "tb1", "pdf_text"), att_tb(f, pt, "tb2", "pdf_text"), att_tb(f, k, "tb3", "pdf_text", signer=c),
            att_doc(f, K.m_southafrica(rng, pt, c, dt.date(2012, 11, 10), civil=True), "partnership_certificate", "civil_union", "pdf_scan", [(pt, "marriage_certificate")]),
            att_doc(f, K.b_short(rng, "ZA", k, pt, c), "birth_certificate", "birth_abridged", "jpeg_photo", (),
                    problem="abridged certificate does not name the parents")])
    f.problem(k, "birth certificate sent is the abridged version and does not name the parents")
    f.notes = "Registered partner (civil union): the civil-union certificate counts as the marriage/partnership document. Partner's passport expires 2027-06-30 (< 12 months). Child's birth certificate does not name the parents."
    F.append(f)

    # 10. Korean candidate, German spouse (MRZ 'D'), teenage child
    c = mk("KR", "M")
    f = Fam(rng, "german_spouse", c, "example.kr")
    s = f.add(mk("DE", "F"), "spouse")
    k = child_of(rng, c, s, birth=dt.date(2010, 8, 8))
    k.cc = "KR"
    f.add(k, "child")
    f.mail("Documents (family)", "Hello,\n\nAttached. My wife is German.\n\n" + c.name,
           [att_passport(f, c, "c_passport"), att_passport(f, s, "s_passport", shape="png"), att_passport(f, k, "k_passport", shape="pdf_scan"),
            att_ante(f, c, "c_ante", "pdf_text"), att_ante(f, s, "s_ante", "pdf_text"),
            att_tb(f, c, "c_tb", "pdf_text"), att_tb(f, k, "k_tb", "pdf_text", signer=s),
            att_doc(f, K.m_netherlands(rng, c, s, dt.date(2009, 5, 23)), "marriage_certificate", "huwelijksakte", "pdf_text", [(s, "marriage_certificate")]),
            att_doc(f, K.b_generic(rng, "DE", k, c, s), "birth_certificate", "geburtsurkunde", "pdf_scan", [(k, "birth_certificate")])])
    f.notes = "German spouse: MRZ nationality 'D', TB-exempt. South Korea is NOT exempt (candidate and the Korean child sent TB declarations). Child is 16: antecedents missing."
    F.append(f)

    # 11. US candidate (exempt), Indian spouse (not exempt), US child 5
    c = mk("US", "M")
    f = Fam(rng, "exempt_candidate", c, "example.com")
    s = f.add(mk("IN", "F"), "spouse")
    k = child_of(rng, c, s, birth=dt.date(2021, 1, 15))
    k.cc = "US"
    f.add(k, "child")
    f.mail("Dependent visa documents", "Hi there,\n\nSending the family paperwork. Let me know if anything is missing.\n\n" + c.name,
           [att_passport(f, c, "passport-" + c.given.lower()), att_passport(f, s, "passport-" + s.given.lower()), att_passport(f, k, "passport-kid"),
            att_ante(f, c, "antecedents-" + c.given.lower(), "docx"), att_ante(f, s, "antecedents-" + s.given.lower(), "docx"),
            att_doc(f, K.m_usa(rng, c, s, dt.date(2019, 6, 1)), "marriage_certificate", "marriage-certificate", "jpeg_photo", [(s, "marriage_certificate")]),
            att_doc(f, K.b_generic(rng, "US", k, c, s), "birth_certificate", "birth-certificate", "pdf_text", [(k, "birth_certificate")])])
    f.notes = "Candidate and child are US nationals (TB-exempt); the Indian spouse is not exempt and sent no TB declaration. Child is 5."
    F.append(f)

    # 12. wedding invitation sent instead of the marriage certificate
    c = mk("PH", "M")
    f = Fam(rng, "invitation_only", c, "example.ph")
    s = f.add(mk("PH", "F"), "spouse")
    inv = O.invitation(rng, "PH")
    inv["blocks"][2] = ("title", f"{s.given} & {c.given}", 48)
    inv["persons"] = [c.lab("groom", False), s.lab("bride", False)]
    f.mail("Wife's documents", "Good morning,\n\nAttached are my wife's passport and forms, and proof of our wedding. My own documents were sent to the recruiter already.\n\n" + c.name,
           [att_passport(f, s, "wife passport"), att_ante(f, s, "wife antecedents", "jpeg_photo"), att_tb(f, s, "wife tb", "jpeg_photo"),
            att_doc(f, inv, "other", "our wedding", "png", (), problem="wedding invitation, not a marriage certificate")])
    f.problem(s, "a wedding invitation was sent instead of the marriage certificate")
    f.notes = "Only the spouse's documents were sent (from the candidate's address). The 'proof of wedding' is an invitation card. Candidate's own items all missing."
    F.append(f)

    # 13. unmarried couple; relationship declaration signed by one partner only
    c = mk("UA", "F")
    f = Fam(rng, "one_signature", c, "ukr.example.net")
    pt = f.add(mk("UA", "M"), "partner", partnership="unmarried")
    f.mail("Documents partner visa", "Hello,\n\nDocuments for me and my partner.\n\n" + c.name,
           [att_passport(f, c, "passport_" + c.given.lower()), att_passport(f, pt, "passport_" + pt.given.lower(), shape="pdf_scan"),
            att_ante(f, c, "ante_" + c.given.lower(), "pdf_text"), att_ante(f, pt, "ante_" + pt.given.lower(), "pdf_text"),
            att_tb(f, c, "tb_" + c.given.lower(), "pdf_text"), att_tb(f, pt, "tb_" + pt.given.lower(), "pdf_text"),
            att_doc(f, K.u_generic(rng, "UA", c), "unmarried_status", "vytyag_" + c.given.lower(), "pdf_text", [(c, "unmarried_status")]),
            att_doc(f, K.u_generic(rng, "UA", pt), "unmarried_status", "vytyag_" + pt.given.lower(), "pdf_scan", [(pt, "unmarried_status")])])
    f.mail("RE: Documents partner visa", "And here is the relationship declaration.\n\n" + c.given,
           [att_doc(f, K.rel_form(rng, c, pt, dt.date(2018, 3, 8), lang="nl/en", one_sig=True), "relationship_declaration", "verklaring_relatie", "pdf_scan", (),
                    problem="signed by one partner only")])
    f.problem(pt, "relationship declaration is signed by one partner only -> does not count")
    f.notes = "Unmarried couple, both Ukrainian; both unmarried-status extracts sent; the relationship declaration lacks the partner's signature."
    F.append(f)

    # 14. stepchild: the spouse's child from an earlier relationship; the child's father stays behind and consents
    c = mk("MX", "M")
    f = Fam(rng, "stepchild", c, "correo.example.mx")
    s = f.add(mk("MX", "F", 1984, 1990), "spouse")
    exh = mk("MX", "M", 1980, 1988)
    k = child_of(rng, exh, s, birth=dt.date(2013, 10, 5))
    f.add(k, "child", other_parent_stays=True, other_parent=exh.name)
    f.mail("Documentos / documents for my family", f"Hello,\n\nMy wife {s.given} and her {'son' if k.sex == 'M' else 'daughter'} {k.given} will come with me. {k.given}'s father stays in Mexico and signed the consent. Everything is attached.\n\n{c.name}",
           [att_passport(f, c, "pasaporte_" + c.given.lower()), att_passport(f, s, "pasaporte_" + s.given.lower(), shape="png"),
            att_passport(f, k, "pasaporte_" + k.given.lower().replace(" ", "_"), shape="pdf_scan"),
            att_ante(f, c, "antecedentes_1", "pdf_text"), att_ante(f, s, "antecedentes_2", "pdf_text"),
            att_tb(f, c, "tb_1", "pdf_text"), att_tb(f, s, "tb_2", "pdf_text"), att_tb(f, k, "tb_3", "pdf_scan", signer=s),
            att_doc(f, K.m_mexico(rng, c, s, dt.date(2022, 2, 12)), "marriage_certificate", "acta_matrimonio", "pdf_text", [(s, "marriage_certificate")]),
            att_doc(f, K.b_generic(rng, "MX", k, exh, s), "birth_certificate", "acta_nacimiento", "pdf_scan", [(k, "birth_certificate")]),
            att_doc(f, K.consent(rng, k, exh, s, "MX", lang="en"), "parental_consent", "consentimiento_padre", "pdf_text", [(k, "parental_consent")])])
    f.notes = "Stepchild: the birth certificate names the spouse (mother) and the father who stays; his consent is sent. Child is 13: antecedents certificate missing."
    F.append(f)

    # 15. birth certificate of another child (a nephew) sent by mistake
    c = mk("NG", "F")
    f = Fam(rng, "wrong_child_certificate", c, "example.com.ng")
    s = f.add(mk("NG", "M"), "spouse")
    k = f.add(child_of(rng, s, c, birth=dt.date(2022, 6, 17)), "child")
    sis = mk("NG", "F", surname=c.surname)
    bil = mk("NG", "M")
    while bil.surname in (c.surname, s.surname):
        bil = mk("NG", "M")
    nephew = child_of(rng, bil, sis, birth=dt.date(2021, 3, 2))
    while nephew.given in (c.given, s.given, k.given):
        nephew = child_of(rng, bil, sis, birth=dt.date(2021, 3, 2))
    f.mail("Spouse and child documents", f"Dear HR,\n\nPlease find attached the documents of my husband and our child.\n\n{c.name}",
           [att_passport(f, c, "my_passport", shape="png"), att_passport(f, s, "husband_passport"), att_passport(f, k, "baby_passport"),
            att_ante(f, c, "ante_me", "docx"), att_ante(f, s, "ante_husband", "docx"), att_tb(f, c, "tb_me", "docx"),
            att_tb(f, s, "tb_husband", "docx"), att_tb(f, k, "tb_baby", "docx", signer=c),
            att_doc(f, K.m_nigeria(rng, s, c, dt.date(2019, 12, 7)), "marriage_certificate", "marriage_cert", "jpeg_photo", [(s, "marriage_certificate")]),
            att_doc(f, K.b_generic(rng, "NG", nephew, bil, sis), "birth_certificate", "birth_certificate", "jpeg_photo", (),
                    problem=f"birth certificate of {nephew.name}, parents {bil.name} and {sis.name}: not a person of this case")])
    f.problem(k, f"the birth certificate sent is of another child ({nephew.name}); it names neither the candidate nor the spouse as parent")
    f.notes = "The only birth certificate in the mail is of a nephew (different name, different parents). Child is 4."
    F.append(f)
    return F


def required(fam, entry):
    p, rel = entry["p"], entry["relation"]
    req = ["passport"]
    if age(p.birth) >= 12:
        req.append("antecedents_certificate")
    if NAT[p.cc] not in TB_EXEMPT:
        req.append("tb_declaration")
    if rel == "spouse" or (rel == "partner" and entry.get("partnership") == "registered"):
        req.append("marriage_certificate")
    if rel == "partner" and entry.get("partnership") == "unmarried":
        req += ["unmarried_status", "relationship_declaration"]
    if rel == "candidate" and any(e["relation"] == "partner" and e.get("partnership") == "unmarried" for e in fam.persons):
        req.append("unmarried_status")
    if rel == "child":
        req.append("birth_certificate")
        if entry.get("other_parent_stays"):
            req.append("parental_consent")
    return req


def build_mails():
    if os.path.isdir(MAILS):
        shutil.rmtree(MAILS)
    os.makedirs(MAILS)
    fams = build_families()
    shutil.rmtree(os.path.join(MAILS, "_tmp"), ignore_errors=True)
    expected = {}
    n = 0
    t0 = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.timezone.utc)
    for fi, fam in enumerate(fams):
        prev = None
        files = []
        for mi, (subj, body, atts) in enumerate(fam.mails):
            n += 1
            m = EmailMessage()
            m["From"] = f"{fam.cand.name} <{fam.addr}>"
            m["To"] = "HR ITSync <hr@itsync.example>"
            m["Subject"] = subj
            m["Date"] = format_datetime(t0 + dt.timedelta(days=fi * 2 + mi * 3, hours=fi, minutes=7 * mi))
            mid = f"<fam{fi + 1:02d}.{mi + 1}.{fam.key}@{fam.addr.split('@')[1]}>"
            m["Message-ID"] = mid
            if prev:
                m["In-Reply-To"] = prev
                m["References"] = prev
            prev = mid
            m.set_content(body)
            for a in atts:
                maintype, subtype = a["mime"].split("/", 1)
                m.add_attachment(a["data"], maintype=maintype, subtype=subtype, filename=a["name"])
            if atts:
                m.set_boundary(f"==part{fi + 1:02d}{mi + 1}==")
            fn = f"fam{fi + 1:02d}_{fam.key}_{mi + 1}.eml"
            with open(os.path.join(MAILS, fn), "wb") as fh:
                fh.write(m.as_bytes())
            files.append(dict(file=fn, attachments={a["name"]: a["label"] for a in atts}))
        persons = []
        for e in fam.persons:
            p = e["p"]
            req = required(fam, e)
            got = fam.got.get(id(p), set())
            persons.append(dict(relation=e["relation"], name=p.name, birth_date=p.birth.isoformat(), nationality=NAT[p.cc],
                                age_on_check_day=age(p.birth), tb_exempt=NAT[p.cc] in TB_EXEMPT,
                                **({"partnership": e["partnership"]} if "partnership" in e else {}),
                                **({"other_parent_stays": True, "other_parent": e["other_parent"]} if e.get("other_parent_stays") else {}),
                                **({"proposed_before_declared": True} if e.get("proposed") else {}),
                                required=req, received=[i for i in ITEMS if i in got and i in req],
                                missing=[i for i in req if i not in got], problems=fam.problems.get(id(p), [])))
        expected[fam.addr] = dict(scenario=fam.key, check_day=CHECK_DAY.isoformat(), mails=files, persons=persons, notes=fam.notes,
                                  complete=all(not p["missing"] for p in persons))
    with open(os.path.join(MAILS, "expected.json"), "w", encoding="utf-8") as fh:
        json.dump(expected, fh, ensure_ascii=False, indent=1)
    return expected




README_HEAD = """# Blind test set — dependants' documents (issue #13)

Written independently from the project's code and training texts, from the issue text and the product facts only.
All people, numbers and documents are fictional. Everything here is produced by `make_set.py` (fixed seeds).

## Regenerate

```
python3 -m venv .venv && .venv/bin/pip install reportlab pillow python-docx numpy
.venv/bin/python make_set.py            # documents/ and mails/ (about 1 minute on 2 cores)
.venv/bin/python make_set.py documents  # only one part
.venv/bin/python check_set.py           # labels match files, MRZ check digits, mails match expected.json
```
Reruns are byte-identical (fixed seeds, fixed PDF/DOCX timestamps, fixed MIME boundaries). `.venv/` is only the
local build environment (not part of the set; delete it freely — the set itself is the size given below).

Files: `make_set.py` (plan + families + labels), `kinds.py` (texts of the five new kinds), `others.py`
(look-alikes and the antecedents / TB forms used in mails), `content.py` (names, places, dates, translation and
apostille pages), `render.py` (layout; text-PDF, image, scan, phone-photo and DOCX output), `passport.py`
(passport data pages with ICAO 9303 TD3 MRZ). Fonts: DejaVu and OCR-B from the system (`/usr/share/fonts`).

## documents/ and `documents/labels.json`

```
{"doc_001.pdf": {"kind": "marriage_certificate" | "partnership_certificate" | "birth_certificate" | "unmarried_status"
                          | "relationship_declaration" | "parental_consent" | "other",
                 "shape": "pdf_text" | "pdf_scan" | "jpeg_photo" | "png" | "docx",
                 "language": "en" | "nl" | ... ,
                 "persons": [{"name": "...", "birth_date": "YYYY-MM-DD" | null, "role": "spouse" | "partner" | "child" | "father" | ...}],
                 "notes": "country / style / traps; N pages when more than one",
                 "filled": true | false,          # only relationship_declaration and parental_consent
                 "signed_by_partners": 0 | 1 | 2,  # only relationship_declaration
                 "names_parents": false}}         # only birth certificates that do NOT name the parents
```
- `language`: `a/b` = one bilingual/multilingual document (labels in both languages); `a+en` = original in language
  `a` followed by a sworn English translation page (sometimes also an apostille page). Codes: en, nl, pt, es, tr, fr,
  uk (Ukrainian, Cyrillic), de, af, it.
- `persons`: the people the document is about (parties, subject, child, parents; sometimes witnesses). Officials,
  notaries, translators, grandparents, godparents and other incidental names are not listed. `birth_date` is given
  where the document itself shows that person's birth date, `null` where it shows only a name (or an age).
- Shapes: `pdf_text` = PDF with a text layer; `pdf_scan` = image-only PDF (grey or colour, blur, noise, speckles,
  1–2° rotation); `jpeg_photo` = phone photo (perspective, lighting gradient, shadow, background); `png` = clean or
  slightly reduced page image; `docx` = Word document (stamps appear as bracketed text, passport copies as images).
- Blank templates: relationship_declaration / parental_consent with `"filled": false` and `"persons": []`.
- Traps worth knowing when scoring: birth certificates without parents (`names_parents: false`), declarations signed
  by one partner only (`signed_by_partners: 1`), and look-alikes labelled `other` (divorce decrees, a marriage extract
  with a later note of divorce, death certificates, baptism certificates, wedding invitations and menus, a lease and a
  notarial cohabitation contract, an adoption-agency letter, school reports, printed e-mails and cover letters about
  the marriage/children, a birth announcement card, a notice of intended marriage, a certificate of good conduct,
  a family hotel booking).

## mails/ and `mails/expected.json`

One candidate per sender address; some families write 2–3 mails in one thread (`In-Reply-To`). Attachments are
rendered for the family with the same generators (file names are the candidate's, sometimes meaningless), plus
passport data pages with a TD3 MRZ (check digits computed; verified by `check_set.py`) and antecedents / TB forms.

```
{"<address>": {"scenario": "...", "check_day": "2026-12-01", "complete": bool, "notes": "...",
   "mails": [{"file": "famNN_<scenario>_<i>.eml", "attachments": {"<file name>": <label as above, or for a passport:
              {"kind": "passport", "person", "shape", "mrz": [line1, line2], "expiry", "valid_12_months"}>}}],
   "persons": [{"relation": "candidate" | "spouse" | "partner" | "child", "name", "birth_date", "nationality" (MRZ code),
                "age_on_check_day", "tb_exempt", "partnership": "unmarried" | "registered" (partners only),
                "other_parent_stays", "other_parent" (children only, when true), "proposed_before_declared" (when true),
                "required": [...], "received": [...], "missing": [...], "problems": [...]}]}}
```
Items: `passport`, `antecedents_certificate`, `tb_declaration`, `marriage_certificate` (a certificate of registered
partnership satisfies it), `unmarried_status`, `relationship_declaration`, `birth_certificate`, `parental_consent`.
Rules applied (issue 13 + product facts), on the check day 2026-12-01:
- everyone: passport valid at least until 2027-12-01; antecedents certificate if 12 or older (a child born
  2014-12-01 is 12, one born 2014-12-20 is 11); TB declaration unless the person's own nationality is exempt;
- spouse / registered partner: marriage or partnership certificate;
- unmarried partner: unmarried status for the partner AND for the candidate (listed under the candidate), and the
  relationship declaration signed by both (listed under the partner);
- child: birth certificate naming the parents; the other parent's consent when that parent stays behind.
- TB exemption used: only nationalities on both published lists in the product facts (USA, Germany `D`, ... see
  `TB_EXEMPT` in make_set.py); the families use only unambiguous nationalities (exempt: USA, D; not exempt: IND,
  BRA, MEX, TUR, NGA, PHL, UKR, EGY, CHN, ZAF, KOR). South Korea is deliberately not exempt.
- A document that does not count (passport valid < 12 months, form filled for another person, birth certificate
  without parents, invitation instead of certificate, declaration signed by one partner) leaves the item missing and
  is described in `problems`.
"""


def write_readme(labels, expected):
    from collections import Counter
    lines = [README_HEAD, "## Counts (generated)\n"]
    total = sum(os.path.getsize(os.path.join(d, f)) for d in (DOCS, MAILS) for f in os.listdir(d))
    lines.append(f"Documents: {len(labels)}. Mails: {sum(len(v['mails']) for v in expected.values())} from "
                 f"{len(expected)} families, {sum(len(m['attachments']) for v in expected.values() for m in v['mails'])} attachments. "
                 f"Total size of documents/ + mails/: {total / 1e6:.1f} MB.\n")
    for key in ("kind", "shape", "language"):
        c = Counter(v[key] for v in labels.values())
        lines.append(f"By {key}: " + ", ".join(f"{k} {n}" for k, n in sorted(c.items(), key=lambda x: -x[1])) + "\n")
    kl = Counter((v["kind"], v["shape"]) for v in labels.values())
    kinds_ = sorted(set(k for k, _ in kl))
    lines.append("\n| kind | " + " | ".join(SHAPES) + " | total |\n|---|" + "---|" * (len(SHAPES) + 1))
    for k in kinds_:
        lines.append(f"| {k} | " + " | ".join(str(kl[(k, s)]) for s in SHAPES) + f" | {sum(kl[(k, s)] for s in SHAPES)} |")
    blanks = sum(1 for v in labels.values() if v.get("filled") is False)
    multi = sum(1 for v in labels.values() if "pages" in v["notes"])
    lines.append(f"\nBlank templates: {blanks}. Multi-page documents: {multi}.\n")
    lines.append("\n| family (scenario) | persons | mails | complete | what it tests |\n|---|---|---|---|---|")
    for a, v in expected.items():
        lines.append(f"| `{v['scenario']}` | {len(v['persons'])} | {len(v['mails'])} | {v['complete']} | {v['notes']} |")
    lines.append("\nFamilies: " + "; ".join(f"`{v['scenario']}` ({len(v['persons'])} persons, {len(v['mails'])} mail(s), "
                                          f"{'complete' if v['complete'] else 'incomplete'})" for v in expected.values()) + "\n")
    open(os.path.join(HERE, "README.md"), "w").write("\n".join(lines))


def main():
    what = sys.argv[1:] or ["documents", "mails"]
    if "documents" in what:
        build_documents()
    if "mails" in what:
        build_mails()
    if os.path.exists(os.path.join(DOCS, "labels.json")) and os.path.exists(os.path.join(MAILS, "expected.json")):
        write_readme(json.load(open(os.path.join(DOCS, "labels.json"))), json.load(open(os.path.join(MAILS, "expected.json"))))


if __name__ == "__main__":
    main()
