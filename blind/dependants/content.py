"""Fictional people and document texts (written for this blind set)."""
import datetime as dt
import random

NAMES = {
    "IN": (["Arjun", "Rohan", "Vikram", "Sanjay", "Karthik", "Nikhil", "Aditya"],
           ["Priya", "Ananya", "Deepa", "Kavya", "Meera", "Lakshmi", "Shreya"],
           ["Sharma", "Iyer", "Reddy", "Patel", "Nair", "Gupta", "Menon", "Kulkarni"]),
    "BR": (["João Pedro", "Lucas", "Rafael", "Thiago", "Gustavo"], ["Ana Clara", "Juliana", "Fernanda", "Beatriz", "Larissa"],
           ["Silva", "Oliveira", "Souza", "Pereira", "Costa", "Almeida", "Carvalho"]),
    "TR": (["Mehmet", "Emre", "Burak", "Can", "Oğuz"], ["Elif", "Zeynep", "Ayşe", "Selin", "Gül"],
           ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın"]),
    "NG": (["Chukwuemeka", "Oluwaseun", "Ibrahim", "Tunde", "Emeka"], ["Ngozi", "Funmilayo", "Aisha", "Chioma", "Temitope"],
           ["Okafor", "Adeyemi", "Bello", "Eze", "Okonkwo", "Balogun"]),
    "PH": (["Jose Miguel", "Mark Anthony", "Paolo", "Rommel", "Carlo"], ["Maria Cristina", "Angelica", "Joy", "Rosalie", "Kristine"],
           ["Santos", "Reyes", "Dela Cruz", "Bautista", "Mendoza", "Villanueva"]),
    "US": (["Michael", "David", "Ryan", "Kevin", "Brandon"], ["Jessica", "Emily", "Sarah", "Lauren", "Megan"],
           ["Johnson", "Miller", "Anderson", "Carter", "Whitaker", "Brooks"]),
    "GB": (["Oliver", "James", "Thomas", "Harry"], ["Charlotte", "Amelia", "Sophie", "Imogen"],
           ["Whitfield", "Harris", "Clarke", "Hughes", "Pemberton"]),
    "UA": ([("Oleksandr", "Олександр"), ("Dmytro", "Дмитро"), ("Andrii", "Андрій"), ("Serhii", "Сергій")],
           [("Olena", "Олена"), ("Iryna", "Ірина"), ("Kateryna", "Катерина"), ("Yuliia", "Юлія")],
           [("Kovalenko", "Коваленко"), ("Shevchenko", "Шевченко"), ("Bondarenko", "Бондаренко"),
            ("Tkachenko", "Ткаченко"), ("Melnyk", "Мельник")]),
    "CN": (["Wei", "Hao", "Jun", "Lei", "Zhiqiang"], ["Li Na", "Xiaoyan", "Mei", "Jing", "Yuting"],
           ["Wang", "Zhang", "Liu", "Chen", "Zhao", "Huang"]),
    "EG": (["Ahmed", "Mohamed", "Omar", "Karim", "Youssef"], ["Nour", "Mariam", "Yasmin", "Salma", "Heba"],
           ["Hassan", "Mahmoud", "Abdelrahman", "El-Sayed", "Farouk", "Mansour"]),
    "MX": (["Alejandro", "Carlos", "Diego", "Luis Fernando"], ["Sofía", "Valeria", "Daniela", "Guadalupe"],
           ["Hernández", "García", "Martínez", "López", "Ramírez", "Torres"]),
    "ZA": (["Thabo", "Johan", "Sipho", "Pieter"], ["Lerato", "Annelie", "Nomvula", "Karin"],
           ["Nkosi", "van der Merwe", "Dlamini", "Botha", "Mokoena"]),
    "NL": (["Jeroen", "Bas", "Sander", "Thijs"], ["Anouk", "Femke", "Lotte", "Sanne"],
           ["de Vries", "Jansen", "Bakker", "Visser", "van Dijk", "Smit"]),
    "DE": (["Lukas", "Jonas", "Felix"], ["Lena", "Hannah", "Marie"], ["Müller", "Schneider", "Fischer", "Weber"]),
    "FR": (["Julien", "Mathieu", "Antoine"], ["Camille", "Chloé", "Manon"], ["Martin", "Bernard", "Lefèvre", "Moreau"]),
    "IT": (["Marco", "Luca", "Davide"], ["Giulia", "Francesca", "Chiara"], ["Rossi", "Bianchi", "Esposito", "Romano"]),
    "KR": (["Min-jun", "Ji-hoon", "Seung-woo"], ["Seo-yeon", "Ji-woo", "Ha-eun"], ["Kim", "Park", "Lee", "Choi"]),
}
CITIES = {
    "IN": ["Pune", "Bengaluru", "Chennai", "Hyderabad", "Kochi"], "BR": ["São Paulo", "Belo Horizonte", "Curitiba", "Recife"],
    "TR": ["İstanbul", "Ankara", "İzmir", "Bursa"], "NG": ["Lagos", "Abuja", "Enugu", "Ibadan"],
    "PH": ["Quezon City", "Cebu City", "Davao City", "Makati"], "US": ["Austin", "Columbus", "Sacramento", "Raleigh"],
    "GB": ["Leeds", "Bristol", "Manchester", "Norwich"], "UA": [("Kyiv", "Київ"), ("Lviv", "Львів"), ("Kharkiv", "Харків"), ("Odesa", "Одеса")],
    "CN": ["Shanghai", "Chengdu", "Hangzhou", "Wuhan"], "EG": ["Cairo", "Alexandria", "Giza", "Mansoura"],
    "MX": ["Guadalajara", "Monterrey", "Puebla", "Ciudad de México"], "ZA": ["Pretoria", "Cape Town", "Durban", "Bloemfontein"],
    "NL": ["Utrecht", "Eindhoven", "Amsterdam", "Den Haag"], "DE": ["Köln", "Leipzig", "Hannover"],
    "FR": ["Lyon", "Nantes", "Lille"], "IT": ["Torino", "Bologna", "Napoli"], "KR": ["Seoul", "Busan", "Daejeon"],
}
NAT = {"IN": "IND", "BR": "BRA", "TR": "TUR", "NG": "NGA", "PH": "PHL", "US": "USA", "GB": "GBR", "UA": "UKR",
       "CN": "CHN", "EG": "EGY", "MX": "MEX", "ZA": "ZAF", "NL": "NLD", "DE": "D", "FR": "FRA", "IT": "ITA", "KR": "KOR"}
NATNAME = {"IN": "Indian", "BR": "Brazilian", "TR": "Turkish", "NG": "Nigerian", "PH": "Filipino", "US": "American",
           "GB": "British", "UA": "Ukrainian", "CN": "Chinese", "EG": "Egyptian", "MX": "Mexican", "ZA": "South African",
           "NL": "Dutch", "DE": "German", "FR": "French", "IT": "Italian", "KR": "South Korean"}
COUNTRY = {"IN": "India", "BR": "Brazil", "TR": "Turkey", "NG": "Nigeria", "PH": "Philippines", "US": "United States of America",
           "GB": "United Kingdom", "UA": "Ukraine", "CN": "China", "EG": "Egypt", "MX": "Mexico", "ZA": "South Africa",
           "NL": "Netherlands", "DE": "Germany", "FR": "France", "IT": "Italy", "KR": "Republic of Korea"}

MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "nl": "januari februari maart april mei juni juli augustus september oktober november december".split(),
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    "tr": "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık".split(),
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня".split(),
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split(),
    "af": "Januarie Februarie Maart April Mei Junie Julie Augustus September Oktober November Desember".split(),
}


TODAY = dt.date(2026, 11, 28)


def fd(d, style="en"):
    """format a date; issue dates that would fall after the set's 'today' are folded back before it"""
    if d is None:
        return ""
    if d > TODAY:
        d = TODAY - dt.timedelta(days=(d - TODAY).days % 300 + 1)
    if style in MONTHS:
        m = MONTHS[style][d.month - 1]
        if style == "en":
            return f"{d.day} {m} {d.year}"
        if style in ("pt", "es"):
            return f"{d.day} de {m} de {d.year}"
        if style == "uk":
            return f"{d.day:02d} {m} {d.year} р."
        if style == "de":
            return f"{d.day}. {m} {d.year}"
        return f"{d.day} {m} {d.year}"
    if style == "us":
        return f"{MONTHS['en'][d.month - 1]} {d.day}, {d.year}"
    if style == "dmy/":
        return d.strftime("%d/%m/%Y")
    if style == "mdy/":
        return d.strftime("%m/%d/%Y")
    if style == "dmy.":
        return d.strftime("%d.%m.%Y")
    if style == "dmy-":
        return d.strftime("%d-%m-%Y")
    if style == "iso":
        return d.isoformat()
    if style == "dMy":
        return d.strftime("%d-%b-%Y").upper()
    raise ValueError(style)


class P:
    """A fictional person."""

    def __init__(self, cc, sex, given, surname, birth, given_local=None, surname_local=None, place=None):
        self.cc, self.sex, self.given, self.surname, self.birth = cc, sex, given, surname, birth
        self.given_local = given_local or given
        self.surname_local = surname_local or surname
        self.place = place

    @property
    def name(self):
        return f"{self.given} {self.surname}"

    @property
    def local(self):
        return f"{self.surname_local} {self.given_local}" if self.cc == "UA" else f"{self.given_local} {self.surname_local}"

    def lab(self, role, with_birth=True):
        return {"name": self.name, "birth_date": self.birth.isoformat() if (with_birth and self.birth) else None,
                "role": role}


def rdate(rng, y0, y1):
    a = dt.date(y0, 1, 1).toordinal()
    b = dt.date(y1, 12, 28).toordinal()
    return dt.date.fromordinal(rng.randint(a, b))


def person(rng, cc, sex=None, y0=1978, y1=1999, surname=None, birth=None):
    sex = sex or rng.choice("MF")
    m, f, s = NAMES[cc]
    g = rng.choice(m if sex == "M" else f)
    if surname is None:
        sn = rng.choice(s)
        if cc == "MX":
            sn2 = rng.choice(s)
            sn = (sn, sn2) if False else sn
    else:
        sn = surname
    gl = sl = None
    if isinstance(g, tuple):
        g, gl = g
    if isinstance(sn, tuple):
        sn, sl = sn
    if cc == "MX" and surname is None:
        sn = sn + " " + rng.choice([x for x in s if x != sn])
    pl = city(rng, cc)
    return P(cc, sex, g, sn, birth or rdate(rng, y0, y1), gl, sl, pl)


def city(rng, cc, local=False):
    c = rng.choice(CITIES[cc])
    if isinstance(c, tuple):
        return c[1] if local else c[0]
    return c


def child_of(rng, father, mother, y0=2009, y1=2024, sex=None, birth=None):
    cc = father.cc
    sex = sex or rng.choice("MF")
    y0 = max(y0, max(father.birth.year, mother.birth.year) + 20)
    y1 = max(y1, y0)
    m, f, s = NAMES[cc]
    pool = [x for x in (m if sex == "M" else f) if (x[0] if isinstance(x, tuple) else x) not in (father.given, mother.given)]
    g = rng.choice(pool)
    gl = None
    if isinstance(g, tuple):
        g, gl = g
    sn, sl = father.surname, father.surname_local
    if cc == "MX":
        sn = father.surname.split(" ")[0] + " " + mother.surname.split(" ")[0]
        sl = None
    if cc == "BR":
        sn = mother.surname.split(" ")[-1] + " " + father.surname.split(" ")[-1]
        sl = None
    if cc == "UA" and sex == "F" and sn.endswith("kyi"):
        pass
    return P(cc, sex, g, sn, birth or rdate(rng, y0, y1), gl, sl if sl != sn else None, city(rng, cc))


def regno(rng, pat):
    out = ""
    for ch in pat:
        if ch == "9":
            out += str(rng.randint(0, 9))
        elif ch == "A":
            out += rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
        else:
            out += ch
    return out


def apostille_blocks(rng, country, signer, capacity, authority, place, date):
    no = regno(rng, "AP-9999-999999")
    return [("pagebreak",), ("title", "APOSTILLE", 44), ("center", "(Convention de La Haye du 5 octobre 1961)"), ("gap", 20),
            ("kv", "1. Country / Pays", country), ("pb", "This public document"),
            ("kv", "2. has been signed by", signer), ("kv", "3. acting in the capacity of", capacity),
            ("kv", "4. bears the seal/stamp of", authority), ("pb", "Certified"),
            ("kv", "5. at", place), ("kv", "6. the", fd(date, "dmy/")),
            ("kv", "7. by", f"Ministry of Foreign Affairs, {country}"), ("kv", "8. No", no),
            ("kv", "9. Seal / stamp", "affixed"), ("kv", "10. Signature", ""), ("stamp", ["APOSTILLE", country.upper()[:16], no[-6:]], 90)], no


def translation_header(rng, src_lang, dst="English"):
    tr = person(rng, "NL", y0=1960, y1=1985)
    return tr, [("pagebreak",), ("sub", f"SWORN TRANSLATION FROM {src_lang.upper()} INTO {dst.upper()}"),
                ("small", f"Translator: {tr.name}, sworn translator registered under no. {regno(rng, '9999')} with the Wbtv register (Netherlands)."),
                ("rule",)]


def translation_footer(rng, tr, src_lang, date):
    return [("gap", 10), ("p", f"I, the undersigned {tr.name}, sworn translator for the {src_lang} and English languages, declare that the above is a true and complete translation of the attached document in {src_lang}, which was presented to me."),
            ("p", f"Utrecht, {fd(date, 'en')}"), ("sig", "Sworn translator", tr.name), ("stamp", ["BEËDIGD VERTALER", tr.name.upper()[:16], "WBTV"], 80)]
