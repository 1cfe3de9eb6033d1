"""Fictional passport data pages with an ICAO 9303 TD3 MRZ (check digits computed here)."""
import datetime as dt
import unicodedata
from PIL import Image, ImageDraw
from render import font
from content import NAT, COUNTRY, NATNAME, regno

ISSUER = {"D": "D<<"}


def cd(s):
    w = [7, 3, 1]
    t = 0
    for i, ch in enumerate(s):
        if ch.isdigit():
            v = int(ch)
        elif ch == "<":
            v = 0
        else:
            v = ord(ch) - 55
        t += v * w[i % 3]
    return str(t % 10)


def translit(s):
    s = s.replace("ß", "SS").replace("Ü", "UE").replace("ü", "UE").replace("Ö", "OE").replace("ö", "OE").replace("Ä", "AE").replace("ä", "AE")
    s = s.replace("ı", "I").replace("İ", "I")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).upper()
    return "".join(c if c.isalpha() and c.isascii() else "<" for c in s)


def mrz(code, surname, given, number, nat, birth, sex, expiry, personal=""):
    st = (code + "<<<")[:3]
    l1 = ("P<" + st + translit(surname) + "<<" + translit(given))
    l1 = (l1 + "<" * 44)[:44]
    num = (number + "<" * 9)[:9]
    n3 = (nat + "<<<")[:3]
    b = birth.strftime("%y%m%d")
    e = expiry.strftime("%y%m%d")
    pn = (personal + "<" * 14)[:14]
    pcd = cd(pn) if personal else "<"
    l2 = num + cd(num) + n3 + b + cd(b) + sex + e + cd(e) + pn + pcd
    comp = num + cd(num) + b + cd(b) + e + cd(e) + pn + pcd
    l2 += cd(comp)
    assert len(l1) == 44 and len(l2) == 44
    return l1, l2


assert mrz  # noqa
# specimen self-test from ICAO doc
_l2 = "L898902C3" + cd("L898902C3") + "UTO" + "740812" + cd("740812") + "F" + "120415" + cd("120415") + "ZE184226B<<<<<" + cd("ZE184226B<<<<<")
_l2 += cd(_l2[0:10] + _l2[13:20] + _l2[21:43])
assert _l2 == "L898902C36UTO7408122F1204159ZE184226B<<<<<10", _l2


def passport_image(rng, p, valid_until, number=None, issue=None):
    code = NAT[p.cc]
    number = number or regno(rng, "A9999999" if p.cc not in ("NL", "US") else "AA9999999")
    number = number[:9]
    issue = issue or (valid_until.replace(year=valid_until.year - 10) if p.birth < dt.date(2008, 1, 1) else valid_until.replace(year=valid_until.year - 5))
    l1, l2 = mrz(code, p.surname, p.given, number, code, p.birth, p.sex, valid_until)
    Wd, Ht = 1250, 880
    bgc = rng.choice([(232, 225, 240), (225, 238, 230), (240, 232, 220), (222, 232, 242)])
    im = Image.new("RGB", (Wd, Ht), bgc)
    d = ImageDraw.Draw(im)
    for i in range(0, Wd, 18):  # guilloche-ish lines
        d.arc([i - 300, 100, i + 300, 700], 0, 180, fill=tuple(max(0, c - 18) for c in bgc), width=1)
    d.text((40, 25), f"{COUNTRY[p.cc].upper()}", font=font("sansb", 34), fill=(40, 40, 90))
    d.text((40, 70), "PASSPORT / PASSEPORT", font=font("sans", 24), fill=(40, 40, 90))
    # photo
    d.rectangle([40, 140, 330, 520], fill=(200, 200, 205), outline=(90, 90, 90))
    d.ellipse([125, 190, 245, 320], fill=(165, 140, 120))
    d.chord([85, 320, 285, 560], 180, 360, fill=(70, 80, 110))
    x = 370
    f1, f2 = font("sans", 17), font("sansb", 27)
    rows = [("Type / Type", "P"), ("Code / Code", code), ("Passport No. / No. du passeport", number),
            ("Surname / Nom", p.surname.upper()), ("Given names / Prénoms", p.given.upper()),
            ("Nationality / Nationalité", NATNAME[p.cc].upper()), ("Date of birth / Date de naissance", p.birth.strftime("%d %b %Y").upper()),
            ("Sex / Sexe", p.sex), ("Place of birth / Lieu de naissance", (p.place or "").upper()),
            ("Date of issue / Date de délivrance", issue.strftime("%d %b %Y").upper()),
            ("Date of expiry / Date d'expiration", valid_until.strftime("%d %b %Y").upper())]
    y = 130
    col2 = [2, 0, 1]
    for i, (lab, val) in enumerate(rows):
        if i in (0, 1, 2):
            xx = x + [0, 150, 330][i]
            d.text((xx, 130), lab, font=f1, fill=(80, 80, 80))
            d.text((xx, 152), val, font=f2, fill=(15, 15, 15))
            y = 200
            continue
        d.text((x, y), lab, font=f1, fill=(80, 80, 80))
        d.text((x, y + 20), val, font=f2, fill=(15, 15, 15))
        y += 56
    # signature
    pts = [(60 + i * 14, 590 + (i * 37 % 23) - 10) for i in range(16)]
    d.line(pts, fill=(20, 30, 100), width=2)
    d.rectangle([0, 700, Wd, Ht], fill=(248, 248, 244))
    fm = font("ocrb", 36)
    d.text((25, 720), l1, font=fm, fill=(10, 10, 10))
    d.text((25, 785), l2, font=fm, fill=(10, 10, 10))
    return im, {"mrz": [l1, l2], "number": number, "expiry": valid_until.isoformat()}
