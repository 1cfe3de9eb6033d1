#!/usr/bin/env python3
"""Deterministic generator for the blind passport data-page test set.

Run:  python generate.py        (writes files/ and labels.json next to this script)
Needs: Pillow, numpy, reportlab; fonts: OCR-B (fonts-ocr-b), DejaVu, Liberation2, FreeFont, URW base35.
Every random choice comes from seeded random.Random instances, so each run gives the same output.
"""
import datetime as dt
import io
import json
import math
import os
import random
import shutil
import unicodedata

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "files")
SEED = 20261201
MASTER_DPI = 480

# ----------------------------------------------------------------------------- fonts
OCRB = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
FONT_SETS = {
    "dejavu": ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
               "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    "dejavucond": ("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
                   "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf"),
    "dejavuserif": ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
                    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"),
    "liberation": ("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
                   "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
    "liberationserif": ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
                        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"),
    "freesans": ("/usr/share/fonts/truetype/freefont/FreeSans.ttf",
                 "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf"),
    "freeserif": ("/usr/share/fonts/truetype/freefont/FreeSerif.ttf",
                  "/usr/share/fonts/truetype/freefont/FreeSerifBold.ttf"),
    "freemono": ("/usr/share/fonts/truetype/freefont/FreeMono.ttf",
                 "/usr/share/fonts/truetype/freefont/FreeMonoBold.ttf"),
    "nimbussans": ("/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf",
                   "/usr/share/fonts/opentype/urw-base35/NimbusSans-Bold.otf"),
    "nimbusnarrow": ("/usr/share/fonts/opentype/urw-base35/NimbusSansNarrow-Regular.otf",
                     "/usr/share/fonts/opentype/urw-base35/NimbusSansNarrow-Bold.otf"),
    "urwgothic": ("/usr/share/fonts/opentype/urw-base35/URWGothic-Book.otf",
                  "/usr/share/fonts/opentype/urw-base35/URWGothic-Demi.otf"),
    "c059": ("/usr/share/fonts/opentype/urw-base35/C059-Roman.otf",
             "/usr/share/fonts/opentype/urw-base35/C059-Bold.otf"),
    "nimbusmono": ("/usr/share/fonts/opentype/urw-base35/NimbusMonoPS-Regular.otf",
                   "/usr/share/fonts/opentype/urw-base35/NimbusMonoPS-Bold.otf"),
}
ITALIC = {
    "dejavu": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
    "liberationserif": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf",
    "freeserif": "/usr/share/fonts/truetype/freefont/FreeSerifItalic.ttf",
}
_font_cache = {}
SHRINK = {}  # diagnostics only: smallest value-font shrink factor per holder


def font(path, px):
    key = (path, int(px))
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(path, int(px))
    return _font_cache[key]


def mm(v, dpi=MASTER_DPI):
    return int(round(v / 25.4 * dpi))


def pt(v, dpi=MASTER_DPI):
    return v * dpi / 72.0


# ----------------------------------------------------------------------------- ICAO 9303
def char_value(c):
    if c.isdigit():
        return int(c)
    if "A" <= c <= "Z":
        return ord(c) - 55
    if c == "<":
        return 0
    raise ValueError(c)


def check_digit(s):
    w = (7, 3, 1)
    return str(sum(char_value(c) * w[i % 3] for i, c in enumerate(s)) % 10)


assert check_digit("L898902C3") == "6" and check_digit("740812") == "2" and check_digit("120415") == "9"

TRANSLIT = {"Ä": "AE", "Ö": "OE", "Ü": "UE", "ß": "SS", "Å": "AA", "Ø": "OE", "Æ": "AE", "Þ": "TH",
            "Ł": "L", "Đ": "D", "Ð": "D", "Œ": "OE", "Ħ": "H", "İ": "I", "I": "I"}


def mrz_name_part(s, translit_umlaut=False):
    s = s.upper()
    out = []
    for ch in s:
        if ch in TRANSLIT and (translit_umlaut or ch not in "ÄÖÜ"):
            out.append(TRANSLIT[ch])
            continue
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(b for b in base if not unicodedata.combining(b))
        for b in base:
            if "A" <= b <= "Z":
                out.append(b)
            elif b in " -":
                out.append("<")
            elif b in "'’.,":
                pass
            else:
                raise ValueError("cannot transliterate %r in %r" % (b, s))
    return "".join(out)


def td3(doc_code, issuer, surname, given, number, nationality, birth, sex, expiry, optional="",
        opt_check_empty="<"):
    """Return (line1, line2, mrz_surname, mrz_given) per ICAO 9303 part 4 (TD3)."""
    name = surname + "<<" + given if given else surname + "<<"
    name = name[:39]
    l1 = (doc_code + "<")[:2] + issuer.ljust(3, "<")[:3] + name.ljust(39, "<")
    num = number.ljust(9, "<")
    opt = optional.ljust(14, "<")
    optcd = check_digit(opt) if optional else opt_check_empty
    bd, ed = birth.strftime("%y%m%d"), expiry.strftime("%y%m%d")
    sx = {"M": "M", "F": "F", "X": "<"}[sex]
    l2 = (num + check_digit(num) + nationality.ljust(3, "<") + bd + check_digit(bd) + sx + ed
          + check_digit(ed) + opt + optcd)
    comp = l2[0:10] + l2[13:20] + l2[21:43]
    l2 += check_digit(comp)
    assert len(l1) == 44 and len(l2) == 44, (l1, l2)
    nm = l1[5:].rstrip("<")
    sur, _, giv = nm.partition("<<")
    return l1, l2, sur.replace("<", " "), " ".join(p for p in giv.split("<") if p)


# specimen from Doc 9303 (hsm-facts.md) must pass
_sp = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
assert check_digit(_sp[0:9]) == _sp[9] and check_digit(_sp[13:19]) == _sp[19]
assert check_digit(_sp[21:27]) == _sp[27] and check_digit(_sp[28:42]) == _sp[42]
assert check_digit(_sp[0:10] + _sp[13:20] + _sp[21:43]) == _sp[43]


def td1(doc_code, issuer, number, birth, sex, expiry, nationality, surname, given, opt1="", opt2=""):
    num = number.ljust(9, "<")
    l1 = (doc_code.ljust(2, "<") + issuer.ljust(3, "<") + num + check_digit(num) + opt1.ljust(15, "<"))
    bd, ed = birth.strftime("%y%m%d"), expiry.strftime("%y%m%d")
    sx = {"M": "M", "F": "F", "X": "<"}[sex]
    l2 = bd + check_digit(bd) + sx + ed + check_digit(ed) + nationality.ljust(3, "<") + opt2.ljust(11, "<")
    comp = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    l2 += check_digit(comp)
    name = (surname + "<<" + given)[:30]
    l3 = name.ljust(30, "<")
    assert len(l1) == len(l2) == len(l3) == 30
    return l1, l2, l3


def mrvb(issuer, surname, given, number, nationality, birth, sex, expiry, optional=""):
    name = (surname + "<<" + given)[:31]
    l1 = "V<" + issuer.ljust(3, "<") + name.ljust(31, "<")
    num = number.ljust(9, "<")
    bd, ed = birth.strftime("%y%m%d"), expiry.strftime("%y%m%d")
    sx = {"M": "M", "F": "F", "X": "<"}[sex]
    l2 = num + check_digit(num) + nationality + bd + check_digit(bd) + sx + ed + check_digit(ed) + optional.ljust(8, "<")
    assert len(l1) == 36 and len(l2) == 36, (l1, l2)
    return l1, l2


# ----------------------------------------------------------------------------- countries
# code: (state name lines, nationality in words, authorities, label languages, date style, tint)
COUNTRIES = {
    "IND": (["REPUBLIC OF INDIA"], "INDIAN", ["REGIONAL PASSPORT OFFICE BENGALURU", "PASSPORT OFFICE, HYDERABAD", "RPO PUNE", "PASSPORT OFFICE CHENNAI"], ["en"], "slash", (226, 214, 228)),
    "CHN": (["PEOPLE'S REPUBLIC OF CHINA"], "CHINESE", ["NATIONAL IMMIGRATION ADMINISTRATION, PRC", "MPS EXIT & ENTRY ADMINISTRATION"], ["en"], "en_bi", (222, 232, 214)),
    "USA": (["UNITED STATES OF AMERICA"], "UNITED STATES OF AMERICA", ["United States Department of State"], ["en", "fr", "es"], "en", (216, 226, 238)),
    "GBR": (["UNITED KINGDOM OF GREAT BRITAIN", "AND NORTHERN IRELAND"], "BRITISH CITIZEN", ["HMPO"], ["en", "fr"], "en_fr", (232, 220, 226)),
    "D": (["BUNDESREPUBLIK DEUTSCHLAND", "FEDERAL REPUBLIC OF GERMANY"], "DEUTSCH", ["Stadt Köln", "Landeshauptstadt München", "Bezirksamt Mitte von Berlin", "Stadt Frankfurt am Main"], ["de", "en", "fr"], "dot_mon", (236, 226, 226)),
    "TUR": (["TÜRKİYE CUMHURİYETİ", "REPUBLIC OF TÜRKİYE"], "T.C. / TURKISH", ["T.C. İÇİŞLERİ BAKANLIĞI", "ANKARA"], ["tr", "en"], "tr", (236, 222, 214)),
    "BRA": (["REPÚBLICA FEDERATIVA DO BRASIL"], "BRASILEIRO(A)", ["SR/DPF/SP", "SR/PF/RJ", "DPF/BSB"], ["pt", "en", "es"], "pt", (220, 232, 216)),
    "NGA": (["FEDERAL REPUBLIC OF NIGERIA"], "NIGERIAN", ["NIS IKOYI", "NIS ABUJA", "NIS IBADAN"], ["en"], "en", (214, 232, 216)),
    "PAK": (["ISLAMIC REPUBLIC OF PAKISTAN"], "PAKISTANI", ["PAKISTAN", "DGI&P ISLAMABAD"], ["en"], "en", (212, 230, 214)),
    "IRN": (["ISLAMIC REPUBLIC OF IRAN"], "IRANIAN", ["TEHRAN", "ISFAHAN"], ["en"], "en", (228, 228, 214)),
    "EGY": (["ARAB REPUBLIC OF EGYPT"], "EGYPTIAN", ["CAIRO", "GIZA PASSPORT OFFICE"], ["en", "fr"], "slash", (234, 226, 210)),
    "RUS": (["РОССИЙСКАЯ ФЕДЕРАЦИЯ", "RUSSIAN FEDERATION"], "РОССИЙСКАЯ ФЕДЕРАЦИЯ / RUSSIAN FEDERATION", ["МВД 77001", "МВД 50012"], ["ru", "en"], "dot_bi_ru", (230, 222, 232)),
    "UKR": (["УКРАЇНА", "UKRAINE"], "УКРАЇНА / UKRAINE", ["4610", "8031", "1224"], ["uk", "en"], "uk", (214, 224, 238)),
    "JPN": (["JAPAN"], "JAPAN", ["MINISTRY OF FOREIGN AFFAIRS"], ["en"], "en", (236, 222, 232)),
    "KOR": (["REPUBLIC OF KOREA"], "REPUBLIC OF KOREA", ["MINISTRY OF FOREIGN AFFAIRS"], ["en"], "en", (218, 224, 236)),
    "MEX": (["ESTADOS UNIDOS MEXICANOS"], "MEXICANA", ["SRE MONTERREY", "SRE CDMX DELEGACION CUAUHTEMOC"], ["es", "en"], "es", (220, 234, 222)),
    "COL": (["REPÚBLICA DE COLOMBIA"], "COLOMBIANO", ["MINISTERIO DE RELACIONES EXTERIORES", "GOBERNACIÓN DE ANTIOQUIA"], ["es", "en"], "es", (236, 232, 212)),
    "ARG": (["REPÚBLICA ARGENTINA", "MERCOSUR"], "ARGENTINA", ["RENAPER"], ["es", "en", "pt"], "es", (218, 230, 238)),
    "ZAF": (["REPUBLIC OF SOUTH AFRICA"], "SOUTH AFRICAN", ["DEPARTMENT OF HOME AFFAIRS"], ["en"], "en", (220, 232, 220)),
    "KEN": (["REPUBLIC OF KENYA"], "KENYAN", ["GOVERNMENT OF KENYA", "DEPARTMENT OF IMMIGRATION NAIROBI"], ["en"], "en", (226, 232, 220)),
    "GHA": (["REPUBLIC OF GHANA"], "GHANAIAN", ["MINISTRY OF FOREIGN AFFAIRS ACCRA"], ["en"], "en", (232, 226, 214)),
    "ETH": (["FEDERAL DEMOCRATIC REPUBLIC OF ETHIOPIA"], "ETHIOPIAN", ["MAIN DEPARTMENT FOR IMMIGRATION"], ["en"], "en", (222, 228, 216)),
    "IDN": (["REPUBLIK INDONESIA"], "INDONESIA", ["KANTOR IMIGRASI JAKARTA SELATAN", "KANIM SURABAYA", "KANIM BANDUNG"], ["id", "en"], "en", (224, 218, 230)),
    "PHL": (["REPUBLIKA NG PILIPINAS", "REPUBLIC OF THE PHILIPPINES"], "FILIPINO", ["DFA MANILA", "DFA NCR SOUTH"], ["en"], "en", (232, 220, 220)),
    "VNM": (["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"], "VIỆT NAM / VIETNAMESE", ["Cục Quản lý xuất nhập cảnh", "Immigration Department"], ["vi", "en"], "slash", (222, 230, 218)),
    "THA": (["KINGDOM OF THAILAND"], "THAI", ["MINISTRY OF FOREIGN AFFAIRS"], ["en"], "en", (230, 222, 238)),
    "LKA": (["DEMOCRATIC SOCIALIST REPUBLIC OF SRI LANKA"], "SRI LANKAN", ["DEPARTMENT OF IMMIGRATION AND EMIGRATION COLOMBO"], ["en"], "en", (238, 226, 214)),
    "BGD": (["PEOPLE'S REPUBLIC OF BANGLADESH"], "BANGLADESHI", ["DIP/DHAKA"], ["en"], "en", (216, 232, 222)),
    "MYS": (["MALAYSIA"], "MALAYSIA", ["KUALA LUMPUR", "PULAU PINANG"], ["ms", "en"], "en", (226, 220, 212)),
    "CAN": (["CANADA"], "CANADIAN/CANADIENNE", ["GATINEAU", "MISSISSAUGA"], ["en", "fr"], "en_fr", (218, 222, 234)),
    "AUS": (["AUSTRALIA"], "AUSTRALIAN", ["AUSTRALIA"], ["en"], "en", (214, 228, 232)),
    "KAZ": (["ҚАЗАҚСТАН РЕСПУБЛИКАСЫ", "REPUBLIC OF KAZAKHSTAN"], "ҚАЗАҚСТАН / KAZAKHSTAN", ["МВД РК", "MIA"], ["ru", "en"], "dot", (218, 232, 236)),
    "EST": (["EESTI VABARIIK", "REPUBLIC OF ESTONIA"], "EESTI / EST", ["PPA"], ["et", "en"], "dot_mon", (222, 226, 236)),
    "MMR": (["REPUBLIC OF THE UNION OF MYANMAR"], "MYANMAR", ["MINISTRY OF HOME AFFAIRS NAY PYI TAW"], ["en"], "en", (232, 230, 214)),
    "AFG": (["ISLAMIC REPUBLIC OF AFGHANISTAN"], "AFGHAN", ["KABUL"], ["en"], "en", (222, 222, 222)),
    "ESP": (["REINO DE ESPAÑA", "UNIÓN EUROPEA"], "ESPAÑOLA", ["DGP MADRID", "COMISARÍA BARCELONA"], ["es", "en", "fr"], "es", (232, 218, 220)),
    "SRB": (["REPUBLIKA SRBIJA", "REPUBLIC OF SERBIA"], "REPUBLIKE SRBIJE / SERBIAN", ["PU ZA GRAD BEOGRAD", "PU NOVI SAD"], ["sr", "en"], "dot", (232, 222, 222)),
    "MAR": (["ROYAUME DU MAROC", "KINGDOM OF MOROCCO"], "MAROCAINE", ["CASABLANCA", "RABAT"], ["fr", "en"], "en_fr", (238, 222, 218)),
    "TUN": (["RÉPUBLIQUE TUNISIENNE"], "TUNISIENNE", ["TUNIS", "SFAX"], ["fr", "en"], "en_fr", (236, 224, 222)),
    "CHL": (["REPÚBLICA DE CHILE"], "CHILENA", ["SERVICIO DE REGISTRO CIVIL E IDENTIFICACIÓN"], ["es", "en"], "es", (222, 226, 238)),
    "PER": (["REPÚBLICA DEL PERÚ"], "PERUANA", ["MIGRACIONES LIMA"], ["es", "en"], "es", (236, 224, 224)),
    "NPL": (["NEPAL"], "NEPALESE", ["MOFA, DEPARTMENT OF PASSPORTS"], ["en"], "slash", (226, 218, 236)),
    "UZB": (["O'ZBEKISTON RESPUBLIKASI", "REPUBLIC OF UZBEKISTAN"], "UZBEKISTAN", ["IIV 26283", "MIA 26290"], ["uz", "en"], "dot", (220, 234, 232)),
    "SGP": (["REPUBLIC OF SINGAPORE"], "SINGAPORE CITIZEN", ["SINGAPORE"], ["en"], "en", (236, 224, 226)),
    "ITA": (["REPUBBLICA ITALIANA"], "ITALIANA", ["MINISTRO AFFARI ESTERI", "QUESTURA DI MILANO"], ["it", "en", "fr"], "it", (226, 226, 236)),
    "NLD": (["KONINKRIJK DER NEDERLANDEN"], "NEDERLANDSE", ["Burg. van Utrecht"], ["nl", "en", "fr"], "nl", (222, 222, 236)),
    "POL": (["RZECZPOSPOLITA POLSKA"], "POLSKIE", ["MSWiA"], ["pl", "en"], "dot", (232, 222, 226)),
    "FRA": (["RÉPUBLIQUE FRANÇAISE"], "FRANÇAISE", ["Préfecture de Lyon"], ["fr", "en"], "en_fr", (222, 226, 236)),
    "BEL": (["BELGIQUE", "BELGIË"], "BELGE", ["Bruxelles"], ["fr", "nl"], "dot", (232, 230, 216)),
}

LABELS = {
    "en": ["Type", "Code", "Passport No.", "Surname", "Given names", "Nationality", "Date of birth", "Sex",
           "Place of birth", "Date of issue", "Date of expiry", "Authority", "Personal No.", "Holder's signature", "Name"],
    "fr": ["Type", "Code du pays", "N° du passeport", "Nom", "Prénoms", "Nationalité", "Date de naissance", "Sexe",
           "Lieu de naissance", "Date de délivrance", "Date d'expiration", "Autorité", "N° personnel", "Signature du titulaire", "Nom et prénoms"],
    "de": ["Typ", "Kode", "Pass-Nr.", "Name", "Vornamen", "Staatsangehörigkeit", "Geburtstag", "Geschlecht",
           "Geburtsort", "Ausstellungsdatum", "Gültig bis", "Behörde", "Persönliche Nr.", "Unterschrift", "Name"],
    "es": ["Tipo", "Código", "Pasaporte N.º", "Apellidos", "Nombres", "Nacionalidad", "Fecha de nacimiento", "Sexo",
           "Lugar de nacimiento", "Fecha de expedición", "Fecha de caducidad", "Autoridad", "N.º personal", "Firma del titular", "Nombre"],
    "pt": ["Tipo", "Código do país", "Passaporte nº", "Sobrenome", "Nome", "Nacionalidade", "Data de nascimento", "Sexo",
           "Local de nascimento", "Data de expedição", "Válido até", "Autoridade", "N.º pessoal", "Assinatura", "Nome"],
    "ru": ["Тип", "Код государства", "Номер паспорта", "Фамилия", "Имя", "Гражданство", "Дата рождения", "Пол",
           "Место рождения", "Дата выдачи", "Дата окончания срока действия", "Орган, выдавший документ", "Личный код", "Подпись владельца", "ФИО"],
    "uk": ["Тип", "Код держави", "Номер паспорта", "Прізвище", "Ім'я", "Громадянство", "Дата народження", "Стать",
           "Місце народження", "Дата видачі", "Дійсний до", "Орган, що видав", "Запис №", "Підпис", "ПІБ"],
    "tr": ["Tipi", "Ülke kodu", "Pasaport No", "Soyadı", "Adı", "Uyruğu", "Doğum tarihi", "Cinsiyeti",
           "Doğum yeri", "Veriliş tarihi", "Geçerlilik tarihi", "Makam", "T.C. Kimlik No", "İmza", "Adı Soyadı"],
    "id": ["Jenis", "Kode negara", "No. Paspor", "Nama keluarga", "Nama", "Kewarganegaraan", "Tgl. lahir", "Jenis kelamin",
           "Tempat lahir", "Tgl. pengeluaran", "Tgl. habis berlaku", "Kantor yang mengeluarkan", "No. pribadi", "Tanda tangan", "Nama lengkap"],
    "vi": ["Loại", "Mã số", "Số hộ chiếu", "Họ", "Tên", "Quốc tịch", "Ngày sinh", "Giới tính",
           "Nơi sinh", "Ngày cấp", "Có giá trị đến", "Cơ quan cấp", "Số định danh", "Chữ ký", "Họ và tên"],
    "ms": ["Jenis", "Kod negara", "No. pasport", "Nama keluarga", "Nama", "Warganegara", "Tarikh lahir", "Jantina",
           "Tempat lahir", "Tarikh dikeluarkan", "Tarikh tamat tempoh", "Pejabat pengeluar", "No. pengenalan", "Tandatangan", "Nama"],
    "et": ["Tüüp", "Riigi kood", "Passi nr", "Perekonnanimi", "Eesnimed", "Kodakondsus", "Sünniaeg", "Sugu",
           "Sünnikoht", "Väljaandmise kuupäev", "Kehtiv kuni", "Väljaandja", "Isikukood", "Allkiri", "Nimi"],
    "sr": ["Tip", "Kod države", "Broj pasoša", "Prezime", "Ime", "Državljanstvo", "Datum rođenja", "Pol",
           "Mesto rođenja", "Datum izdavanja", "Važi do", "Izdaje", "JMBG", "Potpis", "Ime i prezime"],
    "uz": ["Turi", "Davlat kodi", "Pasport raqami", "Familiyasi", "Ismi", "Fuqaroligi", "Tug'ilgan sanasi", "Jinsi",
           "Tug'ilgan joyi", "Berilgan sanasi", "Amal qilish muddati", "Kim tomonidan berilgan", "Shaxsiy raqami", "Imzo", "F.I.Sh."],
    "it": ["Tipo", "Codice", "Passaporto N.", "Cognome", "Nome", "Cittadinanza", "Data di nascita", "Sesso",
           "Luogo di nascita", "Data di rilascio", "Data di scadenza", "Autorità", "N. personale", "Firma del titolare", "Nome"],
    "nl": ["Soort", "Code", "Documentnummer", "Naam", "Voornamen", "Nationaliteit", "Geboortedatum", "Geslacht",
           "Geboorteplaats", "Datum verstrekking", "Geldig tot", "Autoriteit", "Persoonsnummer", "Handtekening", "Naam"],
    "pl": ["Typ", "Kod", "Nr paszportu", "Nazwisko", "Imiona", "Obywatelstwo", "Data urodzenia", "Płeć",
           "Miejsce urodzenia", "Data wydania", "Data ważności", "Organ wydający", "Nr PESEL", "Podpis", "Nazwisko i imię"],
}
K_TYPE, K_CODE, K_NUM, K_SUR, K_GIV, K_NAT, K_DOB, K_SEX, K_POB, K_DOI, K_DOE, K_AUTH, K_PERS, K_SIG, K_FULL = range(15)

MON = {
    "en": "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(),
    "fr": "JAN FÉV MARS AVR MAI JUIN JUIL AOÛT SEPT OCT NOV DÉC".split(),
    "es": "ENE FEB MAR ABR MAY JUN JUL AGO SEP OCT NOV DIC".split(),
    "pt": "JAN FEV MAR ABR MAI JUN JUL AGO SET OUT NOV DEZ".split(),
    "de": "JAN FEB MÄR APR MAI JUN JUL AUG SEP OKT NOV DEZ".split(),
    "tr": "OCA ŞUB MAR NİS MAY HAZ TEM AĞU EYL EKİ KAS ARA".split(),
    "it": "GEN FEB MAR APR MAG GIU LUG AGO SET OTT NOV DIC".split(),
    "nl": "JAN FEB MRT APR MEI JUN JUL AUG SEP OKT NOV DEC".split(),
    "uk": "СІЧ ЛЮТ БЕР КВІ ТРА ЧЕР ЛИП СЕР ВЕР ЖОВ ЛИС ГРУ".split(),
}


def fmt_date(d, style):
    m = d.month - 1
    if style == "en":
        return "%02d %s %04d" % (d.day, MON["en"][m], d.year)
    if style == "en_bi":
        return "%02d %s %04d" % (d.day, MON["en"][m], d.year)
    if style == "en_fr":
        a, b = MON["en"][m], MON["fr"][m]
        return "%02d %s %04d" % (d.day, a if a == b else "%s/%s" % (a, b), d.year)
    if style in ("es", "pt", "tr", "it", "nl", "uk"):
        a, b = MON[style][m], MON["en"][m]
        return "%02d %s %04d" % (d.day, a if a == b else "%s/%s" % (a, b), d.year)
    if style == "dot":
        return "%02d.%02d.%04d" % (d.day, d.month, d.year)
    if style == "dot_mon":
        a, b = MON["de"][m], MON["en"][m]
        return "%02d %s %04d" % (d.day, a if a == b else "%s/%s" % (a, b), d.year) if d.day % 2 else "%02d.%02d.%04d" % (d.day, d.month, d.year)
    if style == "dot_bi_ru":
        return "%02d.%02d.%04d" % (d.day, d.month, d.year)
    if style == "slash":
        return "%02d/%02d/%04d" % (d.day, d.month, d.year)
    if style == "space":
        return "%02d %02d %04d" % (d.day, d.month, d.year)
    raise ValueError(style)


SEX_WORDS = {"ru": {"M": "М/M", "F": "Ж/F", "X": "X"}, "uk": {"M": "Ч/M", "F": "Ж/F", "X": "X"},
             "fr": {"M": "M", "F": "F", "X": "X"}, "tr": {"M": "E/M", "F": "K/F", "X": "X"},
             "es": {"M": "M", "F": "F", "X": "X"}, "de": {"M": "M", "F": "F", "X": "X"},
             "id": {"M": "L/M", "F": "P/F", "X": "X"}, "vi": {"M": "Nam/M", "F": "Nữ/F", "X": "X"}}

# ----------------------------------------------------------------------------- holders
# (nationality code, VIZ surname, VIZ given names, sex, document number, optional data, empty-optional check char,
#  birth date or None, place of birth, extra flags)
H = [
    ("IND", "Raghunathan", "Priya Lakshmi", "F", "K4829103", "", "<", None, "CHENNAI, TAMIL NADU", ""),
    ("IND", "Venkatasubramanian", "Karthikeyan Sundaram", "M", "Z5501287", "", "<", None, "MADURAI", ""),
    ("IND", "Sharma", "Aarav", "M", "V1K98273", "", "<", None, "JAIPUR, RAJASTHAN", ""),
    ("IND", "Deshpande", "Ananya Madhuri Rao", "F", "T0728361", "", "<", None, "PUNE", ""),
    ("IND", "Kaur", "Simranjeet", "F", "W9O10457", "", "<", "2016-07-09", "AMRITSAR", "child"),
    ("CHN", "Zhang", "Weiqiang", "M", "EK3081627", "", "<", None, "SHANDONG", ""),
    ("CHN", "Ouyang", "Xiaomei", "F", "E90O48215", "", "<", None, "HUNAN", ""),
    ("CHN", "Li", "Na", "F", "EH1126093", "", "<", None, "BEIJING", ""),
    ("USA", "O'Connor-Whitfield", "Margaret Anne", "F", "584301276", "", "<", None, "MASSACHUSETTS, U.S.A.", ""),
    ("USA", "Nguyen", "David Minh", "M", "A04418723", "", "<", None, "TEXAS, U.S.A.", ""),
    ("GBR", "Ashworth", "Oliver James Edward", "M", "124908836", "", "<", None, "MANCHESTER", ""),
    ("GBR", "Okonkwo-Baines", "Adaeze", "F", "530017742", "", "<", None, "LONDON", ""),
    ("D", "Müller", "Jürgen Hans", "M", "C4KL7T9R2", "", "<", None, "STUTTGART", ""),
    ("D", "Schröder-Weiß", "Anna-Lena", "F", "CF0J1GZ47", "", "<", None, "LEIPZIG", ""),
    ("D", "Öztürk", "Leyla", "F", "CJ4K0T7N2", "", "<", None, "DUISBURG", ""),
    ("TUR", "Yıldırım", "Emre Can", "M", "U08174523", "38417296054", "", None, "İZMİR", ""),
    ("TUR", "Şahin", "Ayşe Gül", "F", "U1K402918", "", "0", None, "BURSA", ""),
    ("BRA", "Gonçalves da Silva", "João Pedro", "M", "FZ492017", "", "<", None, "SÃO PAULO/SP", ""),
    ("BRA", "Araújo", "Maria Eduarda", "F", "GA6K3301", "", "<", None, "RECIFE/PE", ""),
    ("NGA", "Adeyemi", "Oluwaseun", "M", "A09128374", "", "<", None, "IBADAN", ""),
    ("NGA", "Okafor", "Chiamaka Ifeoma Grace", "F", "B50716422", "", "<", None, "ENUGU", ""),
    ("NGA", "Balogun", "Tunde Abiodun", "M", "A1K904418", "", "0", None, "LAGOS", ""),
    ("PAK", "Qureshi", "Muhammad Hamza", "M", "AK4917302", "", "0", None, "KARACHI", ""),
    ("PAK", "Baig", "Ayesha", "F", "CP0419273", "", "0", None, "LAHORE", ""),
    ("IRN", "Mohammadi", "Seyed Ali Reza", "M", "K91847326", "", "<", None, "TEHRAN", ""),
    ("IRN", "Tavakoli", "Nazanin", "F", "X48102937", "", "<", None, "SHIRAZ", ""),
    ("EGY", "Abdelrahman", "Youssef Mahmoud", "M", "A2710493", "", "<", None, "ALEXANDRIA", ""),
    ("RUS", "Kuznetsova", "Yekaterina", "F", "753816402", "", "<", None, "ЛЕНИНГРАДСКАЯ ОБЛ. / USSR", "cyr:КУЗНЕЦОВА|ЕКАТЕРИНА"),
    ("RUS", "Volkov", "Dmitrii", "M", "764102938", "", "<", None, "Г. МОСКВА / RUSSIA", "cyr:ВОЛКОВ|ДМИТРИЙ"),
    ("UKR", "Shevchenko", "Oleksandr", "M", "FK418273", "1987041203219", "", "1987-04-12", "М. КИЇВ / UKR", "cyr:ШЕВЧЕНКО|ОЛЕКСАНДР"),
    ("UKR", "Bondarenko", "Iryna", "F", "GO902173", "1991110904418", "", "1991-11-09", "ХАРКІВСЬКА ОБЛ. / UKR", "cyr:БОНДАРЕНКО|ІРИНА"),
    ("JPN", "Takahashi", "Yuki", "F", "TK5590312", "", "<", None, "TOKYO", ""),
    ("JPN", "Watanabe", "Kenji", "M", "MZ0183746", "", "<", None, "OSAKA", ""),
    ("KOR", "Park", "Ji Hoon", "M", "M70K41928", "", "<", None, "", ""),
    ("KOR", "Choi", "Seo Yeon", "F", "M9O3K7715", "", "<", None, "", ""),
    ("MEX", "Hernández Ramírez", "José Luis", "M", "G20481736", "", "<", None, "JALISCO", ""),
    ("COL", "Rodríguez Peña", "Valentina", "F", "AO8173625", "", "<", None, "MEDELLÍN ANTIOQUIA", ""),
    ("ARG", "Fernández", "Martín Nicolás", "M", "AAF492811", "32877104", "", None, "CÓRDOBA", ""),
    ("ZAF", "van der Merwe", "Pieter Johannes", "M", "A03947812", "", "<", None, "PRETORIA", ""),
    ("KEN", "Wanjiru", "Faith Njeri", "F", "AK0481726", "", "<", None, "NYERI", ""),
    ("GHA", "Mensah", "Kwame Kofi", "M", "G3108274", "", "0", None, "KUMASI", ""),
    ("ETH", "Tesfaye", "Hana", "F", "EP7401923", "", "<", None, "ADDIS ABABA", ""),
    ("IDN", "Sukarnoputri", "", "F", "X1049382", "", "<", None, "YOGYAKARTA", "mono"),
    ("IDN", "Wijaya", "Budi Santoso", "M", "C7O12839", "", "<", None, "SURABAYA", ""),
    ("PHL", "Dela Cruz", "Maria Kristina Joy", "F", "P4820173A", "", "<", None, "QUEZON CITY", ""),
    ("VNM", "Trần", "Thị Thu Hương", "F", "C1K204817", "", "<", None, "HÀ NỘI", "fullname"),
    ("VNM", "Nguyễn", "Văn Đức", "M", "N2083719", "", "0", None, "ĐÀ NẴNG", "fullname"),
    ("THA", "Nilavadhanananda", "Chayapa Dejthamrong Krasuang", "F", "AA4820193", "", "<", None, "BANGKOK", ""),
    ("LKA", "Wickramasinghe Arachchige", "Dilrukshi Nadeeka Kumari", "F", "N8401927", "", "<", None, "KANDY", ""),
    ("BGD", "Chowdhury", "Tanvir Ahmed", "M", "BK0418273", "", "<", None, "DHAKA", ""),
    ("MYS", "Abdullah", "Nur Aisyah", "F", "A40918273", "", "<", None, "SELANGOR", ""),
    ("CAN", "Tremblay", "Élodie", "F", "HK482017", "", "<", None, "QUÉBEC CITY QC CAN", ""),
    ("AUS", "Fitzgerald", "Sam", "X", "PA7102948", "", "<", None, "", ""),
    ("KAZ", "Nurlanuly", "Yerzhan", "M", "N14029837", "920315300481", "", "1992-03-15", "ALMATY", ""),
    ("EST", "Tamm", "Kristjan", "M", "K0084129", "38803124419", "", "1988-03-12", "TALLINN", ""),
    ("MMR", "Thandar", "", "F", "MA482917", "", "<", None, "YANGON", "mono"),
    ("AFG", "Rahimi", "", "M", "P01928374", "", "<", None, "HERAT", "mono"),
    ("ESP", "García-Villalobos de la Fuente", "María del Carmen Isabel", "F", "PAO482917", "", "<", None, "SEVILLA", ""),
    ("SRB", "Jovanović", "Milica", "F", "014829371", "", "<", None, "BEOGRAD", ""),
    ("MAR", "El Amrani", "Mohamed Amine", "M", "UZ4810293", "", "<", None, "FÈS", ""),
    ("TUN", "Ben Salah", "Amira", "F", "Z410293", "", "<", None, "SFAX", ""),
    ("CHL", "Muñoz Soto", "Camila Andrea", "F", "F48109273", "", "<", None, "SANTIAGO", ""),
    ("PER", "Quispe Mamani", "Luis Alberto", "M", "120948173", "", "<", None, "CUSCO", ""),
    ("NPL", "Shrestha", "Sujan", "M", "09481726", "", "<", None, "KATHMANDU", ""),
    ("UZB", "Karimov", "Jasur Bakhtiyorovich", "M", "FA4102937", "", "<", None, "TOSHKENT", ""),
    ("SGP", "Tan", "Wei Ling Rachel", "F", "K1048293O", "", "<", None, "SINGAPORE", ""),
    ("ITA", "D'Alessandro", "Giulia", "F", "YB0482917", "", "<", None, "NAPOLI (NA)", ""),
    ("D", "Brandt", "Felix", "M", "C8F3PXK41", "", "<", None, "HAMBURG", "child"),
]


def rand_date(r, y0, y1):
    a = dt.date(y0, 1, 1).toordinal()
    b = dt.date(y1, 12, 28).toordinal()
    return dt.date.fromordinal(r.randint(a, b))


def add_years(d, n):
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return d.replace(year=d.year + n, day=28)


def build_holders(r):
    out = []
    for i, (cc, sur, giv, sex, num, opt, oce, bd, pob, flags) in enumerate(H):
        if bd:
            birth = dt.date.fromisoformat(bd)
        elif "child" in flags:
            birth = rand_date(r, 2012, 2019)
        else:
            birth = rand_date(r, 1958, 2001)
        if "child" in flags:
            issue = rand_date(r, 2023, 2026)
            issue = min(issue, dt.date(2026, 10, 30))
            expiry = add_years(issue, 5) - dt.timedelta(days=1 if cc == "D" else 0)
        else:
            issue = rand_date(r, 2018, 2026)
            issue = min(issue, dt.date(2026, 10, 30))
            expiry = add_years(issue, 10) - dt.timedelta(days=r.choice([0, 1]))
            if expiry.year < 2028:
                expiry = add_years(expiry, 2)
        issuer = cc
        nat = cc
        um = cc in ("D",)
        msur = mrz_name_part(sur, um)
        mgiv = mrz_name_part(giv, um) if giv else ""
        out.append(dict(idx=i, cc=cc, sur=sur, giv=giv, sex=sex, num=num, opt=opt, oce=oce, birth=birth,
                        issue=issue, expiry=expiry, pob=pob, flags=flags, issuer=issuer, nat=nat,
                        msur=msur, mgiv=mgiv))
    return out


# ----------------------------------------------------------------------------- drawing helpers
def guilloche(w, h, tint, r, strength=1.0):
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    f1, f2, f3 = r.uniform(0.004, 0.009), r.uniform(0.003, 0.008), r.uniform(0.02, 0.05)
    v = (np.sin(xx * f1 + 3.0 * np.sin(yy * f2)) + np.sin(yy * f1 * 1.3 + 2.0 * np.sin(xx * f2 * 0.7)))
    lines = np.abs(np.sin(v * r.uniform(9, 16))) < 0.10
    v2 = np.sin(np.hypot(xx - w * r.uniform(0.4, 0.9), yy - h * r.uniform(0.2, 0.6)) * f3)
    lines2 = np.abs(v2) < 0.06
    base = np.zeros((h, w, 3), np.float32)
    base[:] = np.array(tint, np.float32)
    # light-to-lighter vertical fade
    fade = (np.linspace(0, 1, w, dtype=np.float32)[None, :, None]) * 14.0
    base = base + fade
    dark = np.array([tint[0] - 45, tint[1] - 45, tint[2] - 40], np.float32) * 0 + np.array(tint, np.float32) * 0.80
    m = (lines | lines2)[:, :, None].astype(np.float32) * 0.55 * strength
    img = base * (1 - m) + dark * m
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")


def draw_photo(d, box, r, ghost=False):
    """Photo placeholder (grey background, head-and-shoulders silhouette), clipped to its box."""
    x0, y0, x1, y1 = [int(v) for v in box]
    w, h = x1 - x0, y1 - y0
    bg = (198, 204, 210) if not ghost else (226, 226, 228)
    ph = Image.new("RGB", (w, h), bg)
    pd = ImageDraw.Draw(ph)
    cx = w / 2 + r.uniform(-0.04, 0.04) * w
    col = (120, 124, 130) if not ghost else (206, 206, 210)
    pd.ellipse((0.06 * w, 0.72 * h, 0.94 * w, 1.45 * h), fill=col)
    pd.ellipse((cx - 0.23 * w, 0.16 * h, cx + 0.23 * w, 0.66 * h), fill=col)
    if not ghost:
        pd.rectangle((0, 0, w - 1, h - 1), outline=(150, 150, 155), width=max(1, w // 120))
    d._image.paste(ph, (x0, y0))


def draw_signature(d, x, y, w, h, r, color=(30, 40, 90)):
    pts = []
    n = 40
    for k in range(n):
        t = k / (n - 1)
        pts.append((x + t * w, y + h * (0.5 + 0.35 * math.sin(t * r.uniform(8, 16)) * r.uniform(0.6, 1.0))))
    d.line(pts, fill=color, width=max(2, int(h / 14)), joint="curve")


def mrz_font_for(pitch_px):
    probe = ImageFont.truetype(OCRB, 200)
    adv = probe.getlength("<")
    size = 200.0 * pitch_px / adv
    return ImageFont.truetype(OCRB, int(round(size))), size


def draw_mrz(img, lines, x0_mm, y_centers_mm, r, color=(18, 18, 22), dpi=MASTER_DPI):
    d = ImageDraw.Draw(img)
    pitch = 2.54 / 25.4 * dpi
    f, size = mrz_font_for(pitch)
    for line, yc in zip(lines, y_centers_mm):
        y = mm(yc, dpi) - size * 0.62
        x = mm(x0_mm, dpi)
        for k, ch in enumerate(line):
            d.text((x + k * pitch, y), ch, font=f, fill=color)


# ----------------------------------------------------------------------------- data page
def lab(langs, key, style):
    parts = []
    for L in langs:
        t = LABELS[L][key]
        if t not in parts:
            parts.append(t)
    return [" / ".join(parts[:2])]  # field labels carry at most two languages


def render_data_page(h, r):
    """Return (PIL image of the 125x88 mm data page at MASTER_DPI, mrz lines, label fields)."""
    W, Hh = mm(125), mm(88)
    cc = h["cc"]
    state, natw, auths, langs, dstyle, tint = COUNTRIES[cc]
    if dstyle == "dot_mon":
        dstyle = r.choice(["dot", "en"])
    img = guilloche(W, Hh, tint, r)
    d = ImageDraw.Draw(img)
    layout = r.choice(["A", "B", "C", "D"])
    texts = "".join(state) + natw + "".join(auths) + h["sur"] + h["giv"] + h["pob"] + h["flags"] + "ÉÈ"
    for L in langs:
        texts += "".join(LABELS[L])
    wide = any(ord(c) > 0xFF for c in texts)
    SAFE = ["dejavu", "dejavucond", "dejavuserif", "freesans", "freeserif", "freemono"]
    fset = r.choice(SAFE if wide else list(FONT_SETS))
    if layout == "D":
        fset = r.choice(["freemono", "freeserif"] if wide else ["freemono", "nimbusmono", "liberationserif", "freeserif", "c059"])
    freg, fbold = FONT_SETS[fset]
    lab_font_path = FONT_SETS[r.choice(["dejavucond", "freesans"] if wide else ["dejavucond", "nimbusnarrow", "liberation", "freesans"])][0]
    if layout == "D" and fset in ITALIC:
        lab_font_path = ITALIC[fset]
    vsize = pt(r.uniform(8.2, 9.8))
    lsize = pt(r.uniform(5.0, 5.9))
    vf = font(fbold if r.random() < 0.55 else freg, vsize)
    lf = font(lab_font_path, lsize)
    ink = (20, 20, 28) if r.random() < 0.7 else (34, 28, 60)
    lab_col = (70, 70, 92)

    # MRZ zone: lighten background
    mrz_top = mm(88 - 23.2)
    zone = img.crop((0, mrz_top, W, Hh))
    zone = Image.blend(zone, Image.new("RGB", zone.size, (248, 248, 246)), 0.72)
    img.paste(zone, (0, mrz_top))

    # header
    hy = mm(3.0)
    if layout == "C":
        band_col = tuple(max(0, c - 120) for c in tint)
        d.rectangle((0, 0, W, mm(11)), fill=band_col)
        hcol = (245, 245, 245)
    else:
        hcol = tuple(max(0, c - 150) for c in tint)
    hf = font(fbold, pt(r.uniform(7.5, 9.0)))
    hf2 = font(freg, pt(6.0))
    ptxt = {"en": "PASSPORT", "fr": "PASSEPORT", "de": "REISEPASS", "es": "PASAPORTE", "pt": "PASSAPORTE",
            "ru": "ПАСПОРТ", "uk": "ПАСПОРТ", "tr": "PASAPORT", "id": "PASPOR", "vi": "HỘ CHIẾU", "ms": "PASPORT",
            "et": "PASS", "sr": "PASOŠ", "uz": "PASPORT", "it": "PASSAPORTO", "nl": "PASPOORT", "pl": "PASZPORT"}
    ptitle = " / ".join(dict.fromkeys(ptxt[L] for L in langs))
    x_head = mm(r.uniform(6, 42)) if layout != "B" else mm(40)
    d.text((x_head, hy), state[0], font=hf, fill=hcol)
    if len(state) > 1:
        d.text((x_head, hy + pt(9.5)), state[1], font=hf2, fill=hcol)
    tw = d.textlength(ptitle, font=hf2)
    ty = hy + (pt(19) if layout == "C" else pt(1.5))
    if x_head + d.textlength(state[0], font=hf) + mm(3) > W - mm(6) - tw:
        ty = hy + pt(19)
    d.text((W - mm(6) - tw, ty), ptitle, font=hf2, fill=hcol)

    # photo
    px0 = mm(r.uniform(4.5, 7.5))
    py0 = mm(r.uniform(15, 19))
    pw, ph = mm(r.uniform(30, 35)), mm(r.uniform(38, 44))
    draw_photo(d, (px0, py0, px0 + pw, py0 + ph), r)
    if r.random() < 0.5:
        gx = W - mm(25)
        draw_photo(d, (gx, mm(46), gx + mm(16), mm(46) + mm(20)), r, ghost=True)

    mrz_l1, mrz_l2, fsur, fgiv = td3("P", h["issuer"], h["msur"], h["mgiv"], h["num"], h["nat"], h["birth"],
                                     h["sex"], h["expiry"], h["opt"], h["oce"])
    # values
    sur_v = h["sur"].upper()
    giv_v = h["giv"].upper()
    if cc in ("D", "EST") and r.random() < 0.3:
        pass
    sexw = SEX_WORDS.get(langs[0], {}).get(h["sex"], h["sex"])
    natv = natw if natw else cc
    numv = h["num"]
    rows = []
    rows.append([(K_TYPE, "P"), (K_CODE, h["issuer"]), (K_NUM, numv)])
    if "fullname" in h["flags"]:
        rows.append([(K_FULL, (sur_v + " " + giv_v).strip())])
    else:
        if "cyr:" in h["flags"]:
            cs, cg = h["flags"].split("cyr:")[1].split("|")
            rows.append([(K_SUR, cs + "\n" + sur_v)])
            rows.append([(K_GIV, cg + "\n" + giv_v)])
        else:
            rows.append([(K_SUR, sur_v)])
            rows.append([(K_GIV, giv_v if giv_v else ("-" if r.random() < 0.5 else ""))])
    rows.append([(K_NAT, natv)])
    rows.append([(K_DOB, fmt_date(h["birth"], dstyle)), (K_SEX, sexw)])
    if h["pob"]:
        rows[-1].append((K_POB, h["pob"]))
    rows.append([(K_DOI, fmt_date(h["issue"], dstyle)), (K_AUTH, r.choice(auths))])
    exp_row = [(K_DOE, fmt_date(h["expiry"], dstyle))]
    if h["opt"]:
        exp_row.append((K_PERS, h["opt"]))
    rows.append(exp_row)

    # long authority / place-of-birth values are printed on two lines, as many passports do
    for row in rows:
        for k, (key, val) in enumerate(row):
            if key in (K_AUTH, K_POB) and len(val) > 18 and " " in val:
                sp = [i for i, c in enumerate(val) if c == " "]
                cut = min(sp, key=lambda i: abs(i - len(val) / 2))
                row[k] = (key, val[:cut] + "\n" + val[cut + 1:])
    fx = px0 + pw + mm(r.uniform(4, 6))
    fy = py0 - mm(r.uniform(1.5, 3.5))
    avail_h = mrz_top - mm(2) - fy
    # compute line heights
    def row_height(row):
        mx = 1
        for _, val in row:
            mx = max(mx, val.count("\n") + 1)
        return lsize * 1.15 + vsize * 1.18 * mx + mm(0.9)
    total = sum(row_height(rw) for rw in rows)
    scale = min(1.0, avail_h / total)
    if scale < 1.0:
        vf = font(vf.path, vsize * scale)
        lf = font(lf.path, lsize * max(scale, 0.85))
    numbered = layout in ("A",) and r.random() < 0.6
    col_w = [mm(24), mm(26), mm(30)]
    y = fy
    nlab = 1
    for row in rows:
        x = fx
        for k, (key, val) in enumerate(row):
            label = " / ".join(lab(langs, key, "plain"))
            if numbered:
                label = "%d. %s" % (nlab, label)
            nlab += 1
            if layout == "B" and key == K_NUM:
                # number printed top right, in red-brown, larger
                nf = font(fbold, vsize * 1.15)
                xx = W - mm(6) - d.textlength(val, font=nf)
                d.text((xx - mm(2) - d.textlength(label, font=lf), hy + pt(12)), label, font=lf, fill=lab_col)
                d.text((xx, hy + pt(10.5)), val, font=nf, fill=(150, 30, 30))
                continue
            # shrink a field that would run off the right edge of the page
            room = W - mm(5) - x
            vfx, lfx = vf, lf
            if max([d.textlength(label, font=lfx)] + [d.textlength(p, font=vfx) for p in val.split("\n")]) > room:
                short = LABELS[langs[0]][key]  # a crowded row keeps only the first language of the label
                label = ("%d. %s" % (nlab - 1, short)) if numbered else short
            for _ in range(12):
                need = max([d.textlength(label, font=lfx)] + [d.textlength(p, font=vfx) for p in val.split("\n")])
                if need <= room:
                    break
                vfx = font(vf.path, vfx.size * 0.92)
                SHRINK[h["idx"]] = min(SHRINK.get(h["idx"], 1.0), vfx.size / vf.size)
                lfx = font(lf.path, lfx.size * 0.95)
            d.text((x, y), label, font=lfx, fill=lab_col)
            vy = y + lf.size * 1.15
            for li, part in enumerate(val.split("\n")):
                d.text((x, vy + li * vf.size * 1.18), part, font=vfx, fill=ink)
            if layout == "D":
                d.line((x, vy + vf.size * 1.1, x + mm(22), vy + vf.size * 1.1), fill=(120, 120, 130), width=2)
            wlab = d.textlength(label, font=lfx)
            wval = max(d.textlength(p, font=vfx) for p in val.split("\n")) if val else 0
            x += max(wlab, wval) + mm(r.uniform(4.0, 6.5))
        y += row_height(row) * (scale if scale < 1 else 1)
    # signature
    sx0 = px0 + pw + mm(50)
    sy0 = mrz_top - mm(8)
    if sx0 + mm(28) < W:
        sl = " / ".join(dict.fromkeys(LABELS[L][K_SIG] for L in langs))
        d.text((W - mm(40), mrz_top - mm(11.5)), sl, font=font(lab_font_path, lsize * 0.85), fill=lab_col)
        draw_signature(d, W - mm(38), mrz_top - mm(8.5), mm(26), mm(6), r)

    # MRZ
    draw_mrz(img, [mrz_l1, mrz_l2], r.uniform(5.6, 7.2), [88 - 12.9 + r.uniform(-0.4, 0.4), 88 - 6.2 + r.uniform(-0.4, 0.4)], r)
    fields = {
        "document_type": "P",
        "issuing_country": h["issuer"],
        "surname": fsur,
        "given_names": fgiv,
        "document_number": h["num"],
        "nationality": h["nat"],
        "birth_date": h["birth"].isoformat(),
        "sex": h["sex"],
        "expiry_date": h["expiry"].isoformat(),
    }
    return img, [mrz_l1, mrz_l2], fields, layout, fset


def upper_page(W, Hh, r, tint):
    img = guilloche(W, Hh, tuple(min(255, c + 10) for c in tint), r, strength=0.6)
    d = ImageDraw.Draw(img)
    kind = r.choice(["obs", "blank", "cover"])
    f = font(FONT_SETS["dejavu"][0], pt(6.5))
    if kind == "obs":
        d.text((mm(8), mm(8)), "OBSERVATIONS / AMENDMENTS", font=f, fill=(90, 90, 110))
        for k in range(7):
            yy = mm(18 + k * 9)
            d.line((mm(8), yy, W - mm(8), yy), fill=(170, 170, 185), width=2)
    elif kind == "cover":
        d.rectangle((0, 0, W, Hh), fill=tuple(max(0, c - 150) for c in tint))
    return img


def booklet(page, r, tint, two_pages):
    W, Hh = page.size
    if not two_pages:
        out = page.copy()
    else:
        up = upper_page(W, Hh, r, tint)
        out = Image.new("RGB", (W, Hh * 2 + mm(1.2)), (200, 200, 200))
        out.paste(up, (0, 0))
        out.paste(page, (0, Hh + mm(1.2)))
        # fold shadow
        arr = np.asarray(out).astype(np.float32)
        fy = Hh + mm(0.6)
        yy = np.arange(out.size[1], dtype=np.float32)
        s = 1.0 - 0.25 * np.exp(-((yy - fy) / mm(2.5)) ** 2)
        arr *= s[:, None, None]
        out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(out)
    d.rectangle((0, 0, out.size[0] - 1, out.size[1] - 1), outline=(150, 150, 155), width=3)
    return out


# ----------------------------------------------------------------------------- degradations
def add_noise(img, r, sigma):
    rs = np.random.RandomState(r.randint(0, 2**31 - 1))
    arr = np.asarray(img).astype(np.float32)
    arr += rs.normal(0, sigma, arr.shape).astype(np.float32)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def scan(bk, dpi, r, skew=True, bed=(246, 246, 244)):
    """Place the booklet on a scanner bed and resample to dpi."""
    mx, my = mm(r.uniform(5, 14)), mm(r.uniform(5, 14))
    canvas = Image.new("RGB", (bk.size[0] + 2 * mx, bk.size[1] + 2 * my), bed)
    canvas.paste(bk, (mx, my))
    if skew:
        ang = r.uniform(-1.2, 1.2)
        canvas = canvas.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=bed)
    f = dpi / MASTER_DPI
    out = canvas.resize((int(canvas.size[0] * f), int(canvas.size[1] * f)), Image.LANCZOS)
    return add_noise(out, r, 2.5)


def perspective_coeffs(dst, src):
    A, B = [], []
    for (x, y), (u, v) in zip(dst, src):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); B.append(u)
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y]); B.append(v)
    return np.linalg.solve(np.array(A, float), np.array(B, float)).tolist()


def desk_background(w, h, r):
    kind = r.choice(["wood", "fabric", "dark", "paper"])
    rs = np.random.RandomState(r.randint(0, 2**31 - 1))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "wood":
        base = np.array([150, 104, 66], np.float32)
        g = np.sin((yy * 0.03 + np.sin(xx * 0.004) * 6.0)) * 0.5 + 0.5
        arr = base[None, None, :] * (0.8 + 0.25 * g[:, :, None])
    elif kind == "fabric":
        base = np.array([70, 84, 104], np.float32)
        arr = base[None, None, :] * (0.9 + 0.1 * (np.sin(xx * 0.8) * np.sin(yy * 0.8))[:, :, None])
    elif kind == "dark":
        arr = np.ones((h, w, 3), np.float32) * np.array([42, 42, 46], np.float32)
    else:
        arr = np.ones((h, w, 3), np.float32) * np.array([214, 210, 200], np.float32)
    arr += rs.normal(0, 6, arr.shape).astype(np.float32)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if kind == "paper":
        d = ImageDraw.Draw(img)
        f = font(FONT_SETS["liberationserif"][0], 26)
        for k in range(0, h, 44):
            d.text((20, k), "Lorem ipsum meeting notes 14:30  budget Q3  call back re: relocation " * 2, font=f, fill=(120, 120, 120))
    return img, kind


def phone_photo(bk, r, feats):
    """Photo of the booklet on a desk; feats: set of 'glare','shadow','blur','desk'."""
    target_w = r.randint(1700, 2200)
    aspect = r.uniform(0.72, 0.80)
    H = int(target_w * aspect)
    if "desk" in feats:
        bg, kind = desk_background(target_w, H, r)
    else:
        bg = Image.new("RGB", (target_w, H), (228, 226, 220))
        kind = None
    # scale booklet to occupy 55-85% of the width
    frac = r.uniform(0.58, 0.82) if "desk" in feats else r.uniform(0.80, 0.92)
    pw = int(target_w * frac)
    f = pw / bk.size[0]
    ph = int(bk.size[1] * f)
    if ph > H * 0.92:
        f = H * 0.92 / bk.size[1]
        pw, ph = int(bk.size[0] * f), int(bk.size[1] * f)
    page = bk.resize((pw, ph), Image.LANCZOS)
    cx = target_w / 2 + r.uniform(-0.06, 0.06) * target_w
    cy = H / 2 + r.uniform(-0.05, 0.05) * H
    ang = math.radians(r.uniform(-9, 9))
    # tilt: keystone by shrinking the far edge
    k_top = r.uniform(0.0, 0.12)
    k_side = r.uniform(-0.06, 0.06)
    corners = [(-pw / 2 * (1 - k_top), -ph / 2), (pw / 2 * (1 - k_top), -ph / 2 * (1 + k_side)),
               (pw / 2, ph / 2 * (1 - k_side)), (-pw / 2, ph / 2)]
    dst = []
    for x, y in corners:
        xr = x * math.cos(ang) - y * math.sin(ang)
        yr = x * math.sin(ang) + y * math.cos(ang)
        dst.append((cx + xr, cy + yr))
    src = [(0, 0), (pw, 0), (pw, ph), (0, ph)]
    coeffs = perspective_coeffs(dst, src)
    warped = page.transform((target_w, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    mask = Image.new("L", (pw, ph), 255).transform((target_w, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    # soft drop shadow
    sh = mask.filter(ImageFilter.GaussianBlur(18))
    bg_arr = np.asarray(bg).astype(np.float32)
    bg_arr *= (1 - 0.35 * (np.asarray(sh).astype(np.float32) / 255.0))[:, :, None]
    bg = Image.fromarray(np.clip(bg_arr, 0, 255).astype(np.uint8))
    bg.paste(warped, (0, 0), mask)
    arr = np.asarray(bg).astype(np.float32)
    yy, xx = np.mgrid[0:H, 0:target_w].astype(np.float32)
    # camera exposure: slight warm tint and vignetting
    arr *= np.array([1.0, 0.985, 0.95], np.float32)
    vig = 1 - 0.18 * (((xx - target_w / 2) / target_w) ** 2 + ((yy - H / 2) / H) ** 2) * 2
    arr *= vig[:, :, None]
    if "shadow" in feats:
        a = r.uniform(0, 2 * math.pi)
        t = (xx * math.cos(a) + yy * math.sin(a))
        t = (t - t.min()) / (t.max() - t.min())
        depth = r.uniform(0.35, 0.55)
        arr *= (1 - depth * np.clip((t - 0.35) / 0.65, 0, 1))[:, :, None]
    if "glare" in feats:
        gx = cx + r.uniform(-0.3, 0.3) * pw
        gy = cy + r.uniform(-0.35, 0.05) * ph
        rad = r.uniform(0.07, 0.13) * target_w
        g = np.exp(-(((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * rad ** 2)))
        arr = arr + (255 - arr) * (0.92 * g)[:, :, None]
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if "blur" in feats:
        img = img.filter(ImageFilter.GaussianBlur(r.uniform(1.1, 1.7)))
    else:
        img = img.filter(ImageFilter.GaussianBlur(0.6))
    img = add_noise(img, r, 4.0)
    return img, kind


# ----------------------------------------------------------------------------- non-passports
def td1_card(kind, r):
    """Front+back of an ID card (85.6 x 54 mm) side by side on a scan; returns img, mrz, fields."""
    W, Hh = mm(85.6), mm(54)
    specs = {
        "D": ("ID", "D", "LZ6K0R4T1", "Hartmann-Krüger", "Sabine", "F", "1983-08-12", "2031-04-30", "D", "BUNDESREPUBLIK DEUTSCHLAND", "PERSONALAUSWEIS / IDENTITY CARD", "de"),
        "NLD": ("I", "NLD", "NRK84O2D1", "de Bruijn", "Willeke Liselotte", "F", "1985-03-10", "2030-03-09", "NLD", "KONINKRIJK DER NEDERLANDEN", "IDENTITEITSKAART / IDENTITY CARD", "nl"),
        "ESP": ("ID", "ESP", "CAK482917", "Martínez Ruiz", "Jorge", "M", "1990-11-02", "2029-06-17", "ESP", "REINO DE ESPAÑA", "DOCUMENTO NACIONAL DE IDENTIDAD", "es"),
        "POL": ("ID", "POL", "ZAK104829", "Kowalczyk", "Łukasz Piotr", "M", "1994-01-25", "2033-09-14", "POL", "RZECZPOSPOLITA POLSKA", "DOWÓD OSOBISTY / IDENTITY CARD", "pl"),
    }
    code, iss, num, sur, giv, sex, bd, ed, nat, state, title, L = specs[kind]
    birth, expiry = dt.date.fromisoformat(bd), dt.date.fromisoformat(ed)
    opt1 = {"ESP": "48291735W", "POL": ""}.get(kind, "")
    um = iss == "D"
    l1, l2, l3 = td1(code, iss, num, birth, sex, expiry, nat, mrz_name_part(sur, um), mrz_name_part(giv, um), opt1=opt1)
    tint = COUNTRIES[iss][5]
    front = guilloche(W, Hh, tint, r)
    back = guilloche(W, Hh, tint, r, strength=0.5)
    d = ImageDraw.Draw(front)
    fb = font(FONT_SETS["liberation"][1], pt(6.5))
    fl = font(FONT_SETS["nimbusnarrow"][0], pt(4.6))
    fv = font(FONT_SETS["liberation"][1], pt(7.2))
    d.text((mm(4), mm(2.5)), state, font=fb, fill=(40, 40, 70))
    d.text((mm(4), mm(6.3)), title, font=fl, fill=(40, 40, 70))
    draw_photo(d, (mm(3.5), mm(12), mm(28), mm(44)), r)
    labs = LABELS[L]
    y = mm(11)
    for key, val in [(K_SUR, sur.upper()), (K_GIV, giv.upper()), (K_DOB, fmt_date(birth, "dot")),
                     (K_NAT, {"D": "DEUTSCH", "NLD": "NEDERLANDSE", "ESP": "ESP", "POL": "POLSKIE"}[kind]), (K_DOE, fmt_date(expiry, "dot")), (K_NUM, num)]:
        lbl = labs[key] + " / " + LABELS["en"][key]
        if key == K_NUM:
            lbl = "Doc. No."
        d.text((mm(31), y), lbl, font=fl, fill=(80, 80, 100))
        d.text((mm(31), y + pt(4.8)), val, font=fv, fill=(20, 20, 30))
        y += mm(6.6)
    db = ImageDraw.Draw(back)
    addr = {"D": "Anschrift / Address: HAUPTSTR. 12, 50667 KÖLN", "NLD": "Lengte / Height: 1,71 m   Utrecht",
            "ESP": "Domicilio: C/ MAYOR 21, MADRID", "POL": "Miejsce urodzenia / Place of birth: KRAKÓW"}[kind]
    db.text((mm(4), mm(4)), addr, font=fl, fill=(40, 40, 60))
    zone = back.crop((0, mm(54 - 20), W, Hh))
    back.paste(Image.blend(zone, Image.new("RGB", zone.size, (248, 248, 246)), 0.75), (0, mm(34)))
    draw_mrz(back, [l1, l2, l3], 4.2, [54 - 15.0, 54 - 10.4, 54 - 5.8], r)
    for im in (front, back):
        ImageDraw.Draw(im).rounded_rectangle((0, 0, W - 1, Hh - 1), radius=mm(3), outline=(140, 140, 150), width=3)
    both = Image.new("RGB", (W, Hh * 2 + mm(8)), (246, 246, 244))
    both.paste(front, (0, 0))
    both.paste(back, (0, Hh + mm(8)))
    fields = {"document_type": code.rstrip("<"), "issuing_country": iss, "surname": mrz_name_part(sur, um).replace("<", " "),
              "given_names": mrz_name_part(giv, um).replace("<", " "), "document_number": num, "nationality": nat,
              "birth_date": bd, "sex": sex, "expiry_date": ed}
    return both, [l1, l2, l3], fields


def visa_page(kind, r):
    """A visa sticker (MRV-B, 2x36 MRZ) on a passport visa page."""
    W, Hh = mm(125), mm(88)
    specs = {
        "NLD": ("NLD", "Okoro", "Chidi Emmanuel", "NGA", "M", "1991-05-14", "2027-02-28", "N0K482917", "NEDERLAND", "MVV / MACHTIGING TOT VOORLOPIG VERBLIJF"),
        "USA": ("USA", "Iyer", "Rohan", "IND", "M", "1993-12-03", "2028-07-01", "K48291O73", "UNITED STATES OF AMERICA", "VISA — H1B"),
    }
    iss, sur, giv, nat, sex, bd, ed, num, head, vtype = specs[kind]
    birth, expiry = dt.date.fromisoformat(bd), dt.date.fromisoformat(ed)
    l1, l2 = mrvb(iss, mrz_name_part(sur), mrz_name_part(giv), num, nat, birth, sex, expiry)
    page = guilloche(W, Hh, (230, 232, 226), r, strength=0.4)
    d = ImageDraw.Draw(page)
    d.text((mm(4), mm(2)), "%02d" % r.randint(6, 30), font=font(FONT_SETS["dejavu"][0], pt(8)), fill=(120, 120, 130))
    sw, sh = mm(105), mm(74)
    st = guilloche(sw, sh, (222, 214, 236) if kind == "NLD" else (214, 230, 222), r, strength=0.8)
    ds = ImageDraw.Draw(st)
    fb = font(FONT_SETS["freesans"][1], pt(8))
    fl = font(FONT_SETS["freesans"][0], pt(5))
    fv = font(FONT_SETS["freesans"][1], pt(7))
    ds.text((mm(4), mm(3)), head, font=fb, fill=(40, 30, 60))
    ds.text((mm(4), mm(8)), vtype, font=fl, fill=(40, 30, 60))
    draw_photo(ds, (mm(4), mm(14), mm(24), mm(40)), r)
    y = mm(13)
    for lb, val in [("SURNAME / NAAM", sur.upper()), ("GIVEN NAMES / VOORNAMEN", giv.upper()),
                    ("NATIONALITY", nat), ("DATE OF BIRTH", fmt_date(birth, "en")), ("VALID UNTIL / GELDIG TOT", fmt_date(expiry, "en")),
                    ("PASSPORT NUMBER", num)]:
        ds.text((mm(28), y), lb, font=fl, fill=(80, 80, 100))
        ds.text((mm(28), y + pt(5)), val, font=fv, fill=(20, 20, 30))
        y += mm(5.4)
    zone = st.crop((0, mm(74 - 17), sw, sh))
    st.paste(Image.blend(zone, Image.new("RGB", zone.size, (248, 248, 246)), 0.75), (0, mm(57)))
    draw_mrz(st, [l1, l2], 6.8, [74 - 10.8, 74 - 5.2], r)
    ImageDraw.Draw(st).rectangle((0, 0, sw - 1, sh - 1), outline=(140, 140, 150), width=3)
    page.paste(st, (mm(10), mm(7)))
    fields = {"document_type": "V", "issuing_country": iss, "surname": mrz_name_part(sur).replace("<", " "),
              "given_names": mrz_name_part(giv).replace("<", " "), "document_number": num, "nationality": nat,
              "birth_date": bd, "sex": sex, "expiry_date": ed}
    return page, [l1, l2], fields


def no_mrz_page(kind, r):
    W, Hh = mm(125), mm(88)
    tint = (222, 226, 236)
    img = guilloche(W, Hh, tint, r)
    d = ImageDraw.Draw(img)
    f = font(FONT_SETS["liberationserif"][0], pt(7.5))
    fb = font(FONT_SETS["liberationserif"][1], pt(9))
    if kind == "endorsement":
        d.text((mm(8), mm(6)), "ENDORSEMENTS AND OBSERVATIONS", font=fb, fill=(50, 50, 80))
        lines = ["The holder of this passport is also known as: KOFI ANSAH MENSAH",
                 "This passport replaces passport No. G2098374 reported lost on 14 MAR 2024",
                 "Emergency contact: +233 24 000 0000", "", "Valid for all countries of the world",
                 "Date of issue 03 APR 2024   Authority: MINISTRY OF FOREIGN AFFAIRS ACCRA"]
        for k, ln in enumerate(lines):
            d.text((mm(8), mm(16 + k * 8)), ln, font=f, fill=(30, 30, 40))
        draw_signature(d, mm(80), mm(70), mm(30), mm(8), r)
    else:  # inside cover with request text, no MRZ
        d.rectangle((0, 0, W, Hh), fill=(34, 52, 96))
        d.text((mm(12), mm(10)), "The Minister of Foreign Affairs requests", font=f, fill=(220, 200, 140))
        d.text((mm(12), mm(18)), "all whom it may concern to allow the bearer", font=f, fill=(220, 200, 140))
        d.text((mm(12), mm(26)), "to pass freely and without hindrance.", font=f, fill=(220, 200, 140))
        d.text((mm(12), mm(60)), "PASSPORT  ·  THIS PASSPORT CONTAINS 36 PAGES", font=fb, fill=(220, 200, 140))
    return img


# ----------------------------------------------------------------------------- main
def save_jpeg(img, path, q, subsampling=2):
    img.save(path, "JPEG", quality=q, subsampling=subsampling, optimize=True)


def image_pdf(jpeg_path, pdf_path, dpi, r):
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    with open(jpeg_path, "rb") as fh:
        data = fh.read()
    im = Image.open(io.BytesIO(data))
    wpt, hpt = im.size[0] * 72.0 / dpi, im.size[1] * 72.0 / dpi
    c = rl_canvas.Canvas(pdf_path, pagesize=A4, invariant=1)
    c.setCreator("Scan")
    x = r.uniform(20, 60)
    y = A4[1] - hpt - r.uniform(20, 60)
    c.drawImage(ImageReader(io.BytesIO(data)), x, y, width=wpt, height=hpt)  # name from content, not path
    c.showPage()
    c.save()


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    r = random.Random(SEED)
    holders = build_holders(random.Random(SEED + 1))
    # condition plan, spread evenly (68 passports)
    plan = ([("clean", 150)] * 5 + [("clean", 200)] * 5 + [("clean", 300)] * 5 + [("clean", 400)] * 5 +
            [("low_res", 120)] * 6 + [("jpeg", 200)] * 3 + [("jpeg", 300)] * 3 + [("jpeg", 150)] +
            [("phone", None)] * 17 + [("rot90", 200), ("rot90", 300), ("rot90", 150), ("rot90", 250),
                                      ("rot180", 200), ("rot180", 300), ("rot180", 150), ("rot180", 250),
                                      ("rot270", 200), ("rot270", 300), ("rot270", 150), ("rot270", 250)] +
            [("pdf", 200), ("pdf", 300), ("pdf", 150), ("pdf", 200), ("pdf", 300), ("pdf", 250)])
    assert len(plan) == len(holders), (len(plan), len(holders))
    order = list(range(len(holders)))
    r.shuffle(order)
    phone_feats = [
        {"perspective", "desk"}, {"perspective", "glare"}, {"perspective", "shadow"}, {"perspective", "blur"},
        {"perspective", "desk", "glare"}, {"perspective", "desk", "shadow"}, {"perspective", "desk", "blur"},
        {"perspective", "glare", "shadow"}, {"perspective", "desk", "glare", "shadow"}, {"perspective", "shadow", "blur"},
        {"perspective", "desk"}, {"perspective", "glare"}, {"perspective", "desk", "shadow", "blur"},
        {"perspective", "desk", "glare"}, {"perspective", "shadow"}, {"perspective", "desk", "blur", "glare"}, {"perspective", "desk", "shadow"},
    ]
    images = []
    nphone = 0
    for slot, hi in enumerate(order):
        h = holders[hi]
        cond, dpi = plan[slot]
        pr = random.Random(SEED * 7 + hi)
        page, mrz, fields, layout, fset = render_data_page(h, pr)
        two = pr.random() < 0.45
        bk = booklet(page, pr, COUNTRIES[h["cc"]][5], two)
        conds = []
        if two:
            conds.append("two_pages")
        name = "p%02d_%s" % (slot + 1, h["cc"].lower())
        ext = ".jpg"
        if cond == "clean":
            img = scan(bk, dpi, pr)
            conds = ["clean_scan"] + conds
            fn = name + ext
            save_jpeg(img, os.path.join(OUT, fn), pr.randint(80, 88))
        elif cond == "low_res":
            img = scan(bk, dpi, pr)
            img = img.filter(ImageFilter.GaussianBlur(0.5))
            conds = ["low_res"] + conds
            fn = name + ext
            save_jpeg(img, os.path.join(OUT, fn), pr.randint(72, 82))
        elif cond == "jpeg":
            img = scan(bk, dpi, pr)
            conds = ["jpeg_artifacts"] + conds
            fn = name + ext
            # recompress twice at low quality, as after a messenger app
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=pr.randint(28, 40))
            img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
            img = img.resize((int(img.size[0] * 0.93), int(img.size[1] * 0.93)), Image.BILINEAR)
            dpi = round(dpi * 0.93)
            save_jpeg(img, os.path.join(OUT, fn), pr.randint(14, 22))
        elif cond == "phone":
            feats = phone_feats[nphone]
            nphone += 1
            img, bgkind = phone_photo(bk, pr, feats)
            conds = ["photo"] + sorted(feats) + conds
            fn = name + ext
            dpi = None
            save_jpeg(img, os.path.join(OUT, fn), pr.randint(74, 84))
        elif cond.startswith("rot"):
            img = scan(bk, dpi, pr)
            deg = int(cond[3:])
            img = img.rotate(deg, expand=True)  # counter-clockwise
            conds = ["clean_scan", "rotated_%d" % deg] + conds
            fn = name + ext
            save_jpeg(img, os.path.join(OUT, fn), pr.randint(78, 86))
        elif cond == "pdf":
            img = scan(bk, dpi, pr)
            tmp = os.path.join(OUT, name + "_tmp.jpg")
            save_jpeg(img, tmp, pr.randint(76, 84))
            fn = name + ".pdf"
            image_pdf(tmp, os.path.join(OUT, fn), dpi, pr)
            os.remove(tmp)
            conds = ["pdf_image_only"] + conds
        images.append({"file": "files/" + fn, "expect_kind": "passport", "mrz": mrz, "fields": fields,
                       "conditions": conds, "dpi": dpi})

    # ------------------------------------------------------------ non-passports (8)
    nr = random.Random(SEED + 99)
    others = []
    for i, (kind, cond, dpi) in enumerate([("D", "clean", 300), ("NLD", "phone", None), ("ESP", "clean", 200),
                                          ("POL", "rot90", 300)]):
        card, mrz, fields = td1_card(kind, nr)
        fn = "x%02d_idcard_%s.jpg" % (i + 1, kind.lower())
        if cond == "phone":
            img, _ = phone_photo(card, nr, {"perspective", "desk"})
            conds = ["photo", "perspective", "desk"]
        else:
            img = scan(card, dpi, nr)
            conds = ["clean_scan"]
            if cond == "rot90":
                img = img.rotate(90, expand=True)
                conds.append("rotated_90")
        save_jpeg(img, os.path.join(OUT, fn), 82)
        others.append({"file": "files/" + fn, "expect_kind": "other", "mrz": mrz, "fields": fields,
                       "conditions": conds, "dpi": dpi})
    for i, (kind, cond, dpi) in enumerate([("NLD", "clean", 300), ("USA", "phone", None)]):
        page, mrz, fields = visa_page(kind, nr)
        fn = "x%02d_visa_%s.jpg" % (5 + i, kind.lower())
        if cond == "phone":
            img, _ = phone_photo(page, nr, {"perspective", "shadow"})
            conds = ["photo", "perspective", "shadow"]
        else:
            img = scan(page, dpi, nr)
            conds = ["clean_scan"]
        save_jpeg(img, os.path.join(OUT, fn), 82)
        others.append({"file": "files/" + fn, "expect_kind": "other", "mrz": mrz, "fields": fields,
                       "conditions": conds, "dpi": dpi})
    for i, kind in enumerate(["endorsement", "cover"]):
        page = no_mrz_page(kind, nr)
        fn = "x%02d_nomrz_%s.jpg" % (7 + i, kind)
        img = scan(page, 200, nr)
        save_jpeg(img, os.path.join(OUT, fn), 82)
        others.append({"file": "files/" + fn, "expect_kind": "other", "mrz": [], "fields": None,
                       "conditions": ["clean_scan"], "dpi": 200})
    # an image-only PDF of a TD1 card (not a passport)
    card, mrz, fields = td1_card("D", nr)
    img = scan(card, 200, nr)
    tmp = os.path.join(OUT, "x09_tmp.jpg")
    save_jpeg(img, tmp, 80)
    image_pdf(tmp, os.path.join(OUT, "x09_idcard_d.pdf"), 200, nr)
    os.remove(tmp)
    others.append({"file": "files/x09_idcard_d.pdf", "expect_kind": "other", "mrz": mrz, "fields": fields,
                   "conditions": ["pdf_image_only"], "dpi": 200})

    for k in sorted(SHRINK):
        print("shrunk field on holder %d (%s): %.2f" % (k, H[k][0], SHRINK[k]))
    labels = {"images": images + others}
    with open(os.path.join(HERE, "labels.json"), "w", encoding="utf-8") as fh:
        json.dump(labels, fh, indent=1, ensure_ascii=False)
        fh.write("\n")


if __name__ == "__main__":
    main()
