"""Document texts per kind. Each builder returns dict(blocks, persons, language, notes, multi)."""
import datetime as dt
from content import *


def D(blocks, persons, language, notes, **kw):
    d = dict(blocks=blocks, persons=persons, language=language, notes=notes)
    d["multi"] = any(b[0] == "pagebreak" for b in blocks)
    d.update(kw)
    return d


def couple(rng, cc, cc2=None):
    h = person(rng, cc, "M", 1980, 1996)
    w = person(rng, cc2 or cc, "F", 1982, 1998)
    return h, w


# ======================= MARRIAGE =======================
def m_india(rng, h, w, date):
    state = rng.choice(["MAHARASHTRA", "KARNATAKA", "TAMIL NADU", "KERALA"])
    act = rng.choice(["Hindu Marriage Act, 1955", "Special Marriage Act, 1954"])
    wit = [person(rng, "IN", y0=1960, y1=1990) for _ in range(2)]
    b = [("center", f"GOVERNMENT OF {state}"), ("title", "CERTIFICATE OF REGISTRATION OF MARRIAGE"),
         ("center", f"(Under Section 8 of the {act})" if "Hindu" in act else "(Form IV, Section 13 of the Special Marriage Act, 1954)"),
         ("kv", "Registration No.", regno(rng, "MR/9999/99999")),
         ("p", f"This is to certify that the marriage between the following persons was solemnized on {fd(date, 'dmy/')} at {h.place} and has been duly registered in the Register of Marriages."),
         ("table", [["", "Husband", "Wife"], ["Name", h.name.upper(), w.name.upper()],
                    ["Date of birth", fd(h.birth, "dmy/"), fd(w.birth, "dmy/")],
                    ["Age at marriage", str((date - h.birth).days // 365), str((date - w.birth).days // 365)],
                    ["Status before marriage", "Unmarried", "Unmarried"], ["Residence", f"{h.place}", f"{w.place}"]], True, [1, 1.4, 1.4]),
         ("kv", "Witness 1", wit[0].name), ("kv", "Witness 2", wit[1].name),
         ("kv", "Date of registration", fd(date + dt.timedelta(days=rng.randint(5, 60)), "dmy/")),
         ("gap", 20), ("sig", "Registrar of Marriages", "Registrar"), ("seal", ["REGISTRAR", "OF MARRIAGES", state[:12]])]
    ps = [h.lab("spouse"), w.lab("spouse"), wit[0].lab("witness", False), wit[1].lab("witness", False)]
    return D(b, ps, "en", f"India, {act}, husband/wife table")


def m_brazil(rng, h, w, date, translate=True):
    cart = f"{rng.randint(1, 30)}º Registro Civil das Pessoas Naturais de {h.place}"
    mat = regno(rng, "999999 99 99 9999 9 99999 999 9999999 99")
    org = [("center", "REPÚBLICA FEDERATIVA DO BRASIL"), ("center", "REGISTRO CIVIL DAS PESSOAS NATURAIS"),
           ("title", "CERTIDÃO DE CASAMENTO"), ("kv", "Matrícula", mat),
           ("kv", "Nomes atuais dos cônjuges", f"{h.name.upper()} e {w.name.upper()}"),
           ("kv", "Nome, data e local de nascimento do 1º cônjuge", f"{h.name}, nascido em {fd(h.birth, 'pt')}, em {h.place}"),
           ("kv", "Nome, data e local de nascimento do 2º cônjuge", f"{w.name}, nascida em {fd(w.birth, 'pt')}, em {w.place}"),
           ("kv", "Data do registro do casamento", fd(date, "pt")), ("kv", "Regime de bens", "Comunhão parcial de bens"),
           ("kv", "Cartório", cart), ("p", "O conteúdo da certidão é verdadeiro. Dou fé."),
           ("sig", "Oficial de Registro Civil", "Oficial"), ("seal", ["CARTÓRIO", "REGISTRO CIVIL", h.place.upper()[:14]])]
    lang = "pt"
    notes = "Brazil certidão de casamento"
    if translate:
        tr, hdr = translation_header(rng, "Portuguese")
        org += hdr + [("title", "MARRIAGE CERTIFICATE", 30), ("kv", "Registration number", mat),
                      ("kv", "Current names of the spouses", f"{h.name.upper()} and {w.name.upper()}"),
                      ("kv", "First spouse", f"{h.name}, born on {fd(h.birth)}, in {h.place}"),
                      ("kv", "Second spouse", f"{w.name}, born on {fd(w.birth)}, in {w.place}"),
                      ("kv", "Date of marriage registration", fd(date)), ("kv", "Property regime", "Partial community of property"),
                      ("kv", "Registry office", cart)] + translation_footer(rng, tr, "Portuguese", date + dt.timedelta(days=3000))
        lang = "pt+en"
        notes += " with sworn English translation"
        if rng.random() < 0.5:
            ap, _ = apostille_blocks(rng, "Brazil", "Oficial de Registro Civil", "Registrar", cart, "São Paulo", date + dt.timedelta(days=2990))
            org += ap
            notes += " and apostille"
    return D(org, [h.lab("spouse"), w.lab("spouse")], lang, notes)


def m_turkey(rng, h, w, date):
    # multilingual international extract (labels in several languages)
    b = [("center", "TÜRKİYE CUMHURİYETİ — NÜFUS VE VATANDAŞLIK İŞLERİ GENEL MÜDÜRLÜĞÜ"),
         ("title", "EVLENME KAYIT ÖRNEĞİ / Extrait d'acte de mariage / Extract of marriage record", 26),
         ("small", "Formül B — (Uluslararası)"),
         ("table", [["", "Koca / Époux / Husband", "Karı / Épouse / Wife"],
                    ["Soyadı / Nom / Surname", h.surname.upper(), w.surname.upper()],
                    ["Adı / Prénoms / Forename", h.given, w.given],
                    ["Doğum tarihi / Date de naissance / Date of birth", fd(h.birth, "dmy."), fd(w.birth, "dmy.")],
                    ["Doğum yeri / Lieu de naissance / Place of birth", h.place, w.place],
                    ["Evlenmeden sonraki soyadı / Nom après mariage / Surname after marriage", h.surname.upper(), h.surname.upper()]],
          True, [1.6, 1, 1]),
         ("kv", "Evlenme tarihi / Date du mariage / Date of marriage", fd(date, "dmy.")),
         ("kv", "Evlenme yeri / Lieu / Place", f"{h.place} Belediyesi Evlendirme Memurluğu"),
         ("kv", "Düzenlenme tarihi / Date de délivrance", fd(date + dt.timedelta(days=rng.randint(400, 3000)), "dmy.")),
         ("sig", "Nüfus Müdürü / Registrar", "Müdür"), ("seal", ["T.C.", "NÜFUS MÜDÜRLÜĞÜ", h.place.upper()[:14]])]
    return D(b, [h.lab("spouse"), w.lab("spouse")], "tr/fr/en", "Turkey multilingual Formula B extract")


def m_nigeria(rng, h, w, date):
    reg = rng.choice(["Ikoyi, Lagos", "Abuja Municipal", "Enugu North"])
    fh, fw = person(rng, "NG", "M", 1950, 1965), person(rng, "NG", "M", 1950, 1965)
    b = [("center", "FEDERAL REPUBLIC OF NIGERIA"), ("center", "MARRIAGE ACT — FORM E"),
         ("title", "CERTIFICATE OF MARRIAGE"), ("kv", "No.", regno(rng, "99999")),
         ("p", f"Marriage solemnized at the Federal Marriage Registry, {reg}, in the Federal Republic of Nigeria."),
         ("table", [["When married", "Name and surname", "Age", "Condition", "Rank or profession", "Residence", "Father's name"],
                    [fd(date, "dmy/"), h.name, str((date - h.birth).days // 365), "Bachelor", "Engineer", h.place, fh.name],
                    [fd(date, "dmy/"), w.name, str((date - w.birth).days // 365), "Spinster", "Accountant", w.place, fw.name]],
          True, [1.1, 1.4, 0.5, 0.9, 1, 1, 1.3], 15),
         ("p", "Married in the Registry by Licence by me, this marriage was celebrated between us in the presence of:"),
         ("sigpair", ("Husband", h.name), ("Wife", w.name)),
         ("sig", "Registrar of Marriages", "Registrar"), ("seal", ["FEDERAL MARRIAGE", "REGISTRY", "NIGERIA"])]
    return D(b, [h.lab("spouse", False), w.lab("spouse", False), {"name": fh.name, "birth_date": None, "role": "father_of_spouse"},
                 {"name": fw.name, "birth_date": None, "role": "father_of_spouse"}], "en", "Nigeria Form E register-style; ages only, no birth dates")


def m_philippines(rng, h, w, date):
    hf, hm = person(rng, "PH", "M", 1950, 1965, surname=h.surname), person(rng, "PH", "F", 1950, 1965)
    wf, wm = person(rng, "PH", "M", 1950, 1965, surname=w.surname), person(rng, "PH", "F", 1950, 1965)
    b = [("small", "Municipal Form No. 97 (Revised January 2007)"), ("center", "Republic of the Philippines"),
         ("center", "OFFICE OF THE CIVIL REGISTRAR GENERAL"), ("title", "CERTIFICATE OF MARRIAGE"),
         ("kv", "Province / City", f"Metro Manila / {h.place}"), ("kv", "Registry No.", regno(rng, "9999-999")),
         ("table", [["", "HUSBAND", "WIFE"], ["1. Name", h.name.upper(), w.name.upper()],
                    ["2a. Date of Birth", fd(h.birth, "dMy"), fd(w.birth, "dMy")], ["3. Place of Birth", h.place, w.place],
                    ["4a. Sex", "Male", "Female"], ["4b. Citizenship", "Filipino", "Filipino"],
                    ["6. Civil Status", "Single", "Single"], ["8. Name of Father", hf.name, wf.name],
                    ["10. Maiden Name of Mother", hm.name, wm.name]], True, [1.2, 1.5, 1.5], 16),
         ("kv", "15. Place of Marriage", f"Parish of San Roque, {h.place}"), ("kv", "16. Date of Marriage", fd(date, "dMy")),
         ("sig", "Solemnizing Officer", "Rev Fr"), ("small", "PSA security paper — this is a certified true copy"),
         ("seal", ["PSA", "CERTIFIED", "TRUE COPY"])]
    return D(b, [h.lab("spouse"), w.lab("spouse"), hf.lab("father_of_spouse", False), hm.lab("mother_of_spouse", False),
                 wf.lab("father_of_spouse", False), wm.lab("mother_of_spouse", False)], "en", "Philippines PSA form 97 table")


def m_usa(rng, h, w, date):
    st, county = rng.choice([("TEXAS", "Travis"), ("OHIO", "Franklin"), ("CALIFORNIA", "Sacramento"), ("NORTH CAROLINA", "Wake")])
    b = [("center", f"THE STATE OF {st}"), ("center", f"COUNTY OF {county.upper()}"),
         ("title", "MARRIAGE LICENSE AND CERTIFICATE OF MARRIAGE"),
         ("kv", "License No.", regno(rng, "9999-99999")),
         ("kv", "Applicant 1", f"{h.name}, born {fd(h.birth, 'us')}"), ("kv", "Applicant 2", f"{w.name}, born {fd(w.birth, 'us')}"),
         ("p", f"I, the undersigned, hereby certify that I joined in marriage the persons named above on {fd(date, 'us')} in {county} County, {st.title()}."),
         ("sig", "Officiant", "Officiant"), ("p", f"Returned and recorded on {fd(date + dt.timedelta(days=12), 'mdy/')}."),
         ("sig", "County Clerk", "Clerk"), ("small", "CERTIFIED COPY — this is a true and correct copy of the record on file."),
         ("seal", ["COUNTY CLERK", county.upper(), "SEAL"])]
    return D(b, [h.lab("spouse"), w.lab("spouse")], "en", "US county marriage licence and certificate")


def m_uk(rng, h, w, date, civil=False):
    hf = person(rng, "GB", "M", 1950, 1965, surname=h.surname)
    wf = person(rng, "GB", "M", 1950, 1965, surname=w.surname)
    dist = rng.choice(["Leeds", "Bristol", "Norwich"])
    head = "CERTIFIED COPY OF AN ENTRY OF " + ("CIVIL PARTNERSHIP" if civil else "MARRIAGE")
    b = [("center", "GENERAL REGISTER OFFICE"), ("title", head, 28),
         ("kv", "Registration District", dist), ("small", f"{date.year} {'Civil partnership formed' if civil else 'Marriage solemnized'} at the Register Office in the District of {dist}"),
         ("table", [["No.", "When", "Name and surname", "Age", "Condition", "Occupation", "Residence", "Father's name"],
                    [str(rng.randint(1, 400)), fd(date), h.name, str((date - h.birth).days // 365), "Single", "Analyst", dist, hf.name],
                    ["", "", w.name, str((date - w.birth).days // 365), "Single", "Teacher", dist, wf.name]], True,
          [0.4, 0.9, 1.3, 0.4, 0.7, 0.9, 0.8, 1.2], 14),
         ("p", "CERTIFIED to be a true copy of an entry in the certified copy of a Register in the District above mentioned. Given at the GENERAL REGISTER OFFICE, under the Seal of the said Office."),
         ("kv", "Date", fd(date + dt.timedelta(days=rng.randint(30, 2000)))),
         ("small", "CAUTION: THERE ARE OFFENCES RELATING TO FALSIFYING OR ALTERING A CERTIFICATE. A CERTIFICATE IS NOT EVIDENCE OF IDENTITY."),
         ("seal", ["GENERAL", "REGISTER", "OFFICE"])]
    role = "partner" if civil else "spouse"
    return D(b, [h.lab(role, False), w.lab(role, False), hf.lab("father", False), wf.lab("father", False)], "en",
             "UK GRO register entry, ages only" + (" (civil partnership)" if civil else ""),
             kind="partnership_certificate" if civil else "marriage_certificate")


def m_ukraine(rng, h, w, date):
    city_l = rng.choice(CITIES["UA"])
    ser = regno(rng, "I-AA 999999").replace("A", rng.choice("ТКМН"))
    aktno = str(rng.randint(100, 2999))
    org = [("center", "УКРАЇНА"), ("title", "СВІДОЦТВО ПРО ШЛЮБ"),
           ("kv", "Він", f"{h.local}"), ("kv", "громадянин", "України"), ("kv", "дата народження", fd(h.birth, "dmy.")),
           ("kv", "Вона", f"{w.local}"), ("kv", "громадянка", "України"), ("kv", "дата народження", fd(w.birth, "dmy.")),
           ("p", f"уклали шлюб {fd(date, 'uk')}, про що в Державному реєстрі актів цивільного стану громадян {date.year} року зроблено актовий запис № {aktno}."),
           ("kv", "Прізвища після державної реєстрації шлюбу: чоловіка", h.surname_local), ("kv", "дружини", h.surname_local),
           ("kv", "Місце державної реєстрації", f"Відділ державної реєстрації актів цивільного стану, м. {city_l[1]}"),
           ("kv", "Серія", ser), ("sig", "Керівник органу", "Керівник"), ("seal", ["УКРАЇНА", "ДРАЦС", city_l[1].upper()])]
    tr, hdr = translation_header(rng, "Ukrainian")
    org += hdr + [("center", "UKRAINE"), ("title", "MARRIAGE CERTIFICATE", 30), ("kv", "He", f"{h.surname.upper()} {h.given}"),
                  ("kv", "Date of birth", fd(h.birth, "dmy.")), ("kv", "She", f"{w.surname.upper()} {w.given}"),
                  ("kv", "Date of birth", fd(w.birth, "dmy.")),
                  ("p", f"have concluded a marriage on {fd(date)}, registered as entry No. {aktno} in the State Register of Civil Status Acts."),
                  ("kv", "Surnames after marriage", f"husband {h.surname}, wife {h.surname}"),
                  ("kv", "Place of registration", f"Civil Registration Department, {city_l[0]}"), ("kv", "Series", ser)] + \
        translation_footer(rng, tr, "Ukrainian", date + dt.timedelta(days=2500))
    return D(org, [h.lab("spouse"), w.lab("spouse")], "uk+en", "Ukraine svidotstvo pro shliub, Cyrillic original with sworn translation")


def m_china(rng, h, w, date):
    city_ = rng.choice(CITIES["CN"])
    no = f"({date.year + rng.randint(1, 6)}) {city_[:2]}Zheng Wai Zi No. {rng.randint(1000, 99999)}"
    b = [("right", "Translation"), ("title", "NOTARIAL CERTIFICATE"), ("kv", "Reference", no),
         ("p", f"This is to certify that {h.name.upper()} (male, born on {fd(h.birth)}) and {w.name.upper()} (female, born on {fd(w.birth)}) registered their marriage at the Civil Affairs Bureau of {city_} on {fd(date)}."),
         ("p", "The photocopy of the Marriage Certificate (Marriage Registration No. " + regno(rng, "J999999-9999-999999") + ") attached hereto is in conformity with the original."),
         ("kv", "Notary", person(rng, "CN").name), ("kv", "Notary Public Office", f"{city_} Notary Public Office, People's Republic of China"),
         ("kv", "Date", fd(date + dt.timedelta(days=rng.randint(800, 3000)))), ("seal", ["NOTARY", "PUBLIC OFFICE", city_.upper()])]
    return D(b, [h.lab("spouse"), w.lab("spouse")], "en", "China notarial certificate of marriage, English version")


def m_egypt(rng, h, w, date):
    gov = rng.choice(CITIES["EG"])
    b = [("small", "Translated from Arabic"), ("center", "Arab Republic of Egypt — Ministry of Justice"),
         ("title", "MARRIAGE CONTRACT — OFFICIAL EXTRACT"), ("kv", "Contract serial", regno(rng, "99999999")),
         ("kv", "Husband", h.name), ("kv", "Husband's date of birth", fd(h.birth, "dmy/")), ("kv", "National ID", regno(rng, "29999999999999")),
         ("kv", "Wife", w.name), ("kv", "Wife's date of birth", fd(w.birth, "dmy/")), ("kv", "Wife's status", "Virgin, never married"),
         ("kv", "Date of contract", fd(date, "dmy/")), ("kv", "Place", f"{gov} Family Notary (Maazoun) Office"),
         ("kv", "Dowry", "as agreed"), ("p", "We certify that this is a true translation of the original Arabic extract."),
         ("sig", "Certified translator", "Translator"), ("seal", ["CERTIFIED", "TRANSLATION", gov.upper()])]
    return D(b, [h.lab("spouse"), w.lab("spouse")], "en", "Egypt marriage contract extract, English translation only (Arabic original not attached)")


def m_mexico(rng, h, w, date):
    est = rng.choice(["JALISCO", "NUEVO LEÓN", "PUEBLA"])
    cur = regno(rng, "AAAA999999AAAAAA99")
    org = [("center", "ESTADOS UNIDOS MEXICANOS"), ("center", f"REGISTRO CIVIL — ESTADO DE {est}"),
           ("title", "ACTA DE MATRIMONIO"), ("kv", "Identificador electrónico", regno(rng, "99999999999999999999")),
           ("table", [["", "Contrayente 1", "Contrayente 2"], ["Nombre", h.name.upper(), w.name.upper()],
                      ["Fecha de nacimiento", fd(h.birth, "dmy/"), fd(w.birth, "dmy/")], ["Lugar de nacimiento", h.place, w.place],
                      ["Nacionalidad", "Mexicana", "Mexicana"]], True, [1, 1.4, 1.4]),
           ("kv", "Fecha de registro", fd(date, "es")), ("kv", "Régimen", "Sociedad conyugal"),
           ("sig", "Oficial del Registro Civil", "Oficial"), ("seal", ["REGISTRO CIVIL", est[:12], "MÉXICO"])]
    tr, hdr = translation_header(rng, "Spanish")
    org += hdr + [("center", "UNITED MEXICAN STATES"), ("title", "MARRIAGE RECORD", 30),
                  ("table", [["", "Party 1", "Party 2"], ["Name", h.name.upper(), w.name.upper()],
                             ["Date of birth", fd(h.birth), fd(w.birth)], ["Place of birth", h.place, w.place]], True, [1, 1.4, 1.4]),
                  ("kv", "Date of registration", fd(date)), ("kv", "Property regime", "Community property")] + \
        translation_footer(rng, tr, "Spanish", date + dt.timedelta(days=2000))
    ap, _ = apostille_blocks(rng, "Mexico", "Oficial del Registro Civil", "Civil registrar", f"Registro Civil de {est.title()}",
                             "Guadalajara", date + dt.timedelta(days=1990))
    org += ap
    return D(org, [h.lab("spouse"), w.lab("spouse")], "es+en", "Mexico acta de matrimonio, translation and apostille")


def m_southafrica(rng, h, w, date, civil=False):
    t_en = "UNABRIDGED CIVIL UNION CERTIFICATE" if civil else "UNABRIDGED MARRIAGE CERTIFICATE"
    t_af = "VOLLEDIGE SIVIELE VERBINTENISSERTIFIKAAT" if civil else "VOLLEDIGE HUWELIKSERTIFIKAAT"
    b = [("center", "REPUBLIC OF SOUTH AFRICA / REPUBLIEK VAN SUID-AFRIKA"), ("center", "DEPARTMENT OF HOME AFFAIRS / DEPARTEMENT VAN BINNELANDSE SAKE"),
         ("title", t_en, 28), ("sub", t_af),
         ("kv", "Identity number / Identiteitsnommer (1)", regno(rng, "9999999999999")), ("kv", "Surname / Van (1)", h.surname.upper()),
         ("kv", "Forenames / Voorname (1)", h.given.upper()), ("kv", "Date of birth / Geboortedatum (1)", fd(h.birth, "iso")),
         ("kv", "Identity number / Identiteitsnommer (2)", regno(rng, "9999999999999")), ("kv", "Surname / Van (2)", w.surname.upper()),
         ("kv", "Forenames / Voorname (2)", w.given.upper()), ("kv", "Date of birth / Geboortedatum (2)", fd(w.birth, "iso")),
         ("kv", "Date of " + ("civil union" if civil else "marriage") + " / Datum", fd(date, "iso")),
         ("kv", "Place / Plek", h.place), ("kv", "Marriage officer / Huweliksbeampte", person(rng, "ZA").name),
         ("sig", "Director-General: Home Affairs", "DG"), ("seal", ["HOME AFFAIRS", "BINNELANDSE SAKE", "RSA"])]
    role = "partner" if civil else "spouse"
    return D(b, [h.lab(role), w.lab(role)], "en/af", "South Africa unabridged bilingual" + (" civil union" if civil else ""),
             kind="partnership_certificate" if civil else "marriage_certificate")


def m_netherlands(rng, h, w, date, partnership=False):
    gem = rng.choice(CITIES["NL"])
    t = "AKTE VAN REGISTRATIE VAN EEN PARTNERSCHAP" if partnership else "AKTE VAN HUWELIJK"
    b = [("center", f"Gemeente {gem}"), ("title", t), ("kv", "Aktenummer", regno(rng, "9AA9999")),
         ("p", f"Op {fd(date, 'nl')} zijn voor mij, ambtenaar van de burgerlijke stand van de gemeente {gem}, verschenen om een {'partnerschap te laten registreren' if partnership else 'huwelijk aan te gaan'}:"),
         ("kv", "1. Geslachtsnaam / voornamen", f"{h.surname} / {h.given}"), ("kv", "geboren op / te", f"{fd(h.birth, 'nl')} / {h.place}"),
         ("kv", "2. Geslachtsnaam / voornamen", f"{w.surname} / {w.given}"), ("kv", "geboren op / te", f"{fd(w.birth, 'nl')} / {w.place}"),
         ("p", "De verschenen personen hebben verklaard " + ("een geregistreerd partnerschap aan te gaan." if partnership else "elkaar tot echtgenoten te nemen en alle plichten die de wet aan de huwelijkse staat verbindt, getrouw te zullen vervullen.")),
         ("kv", "Getuigen", f"{person(rng, 'NL').name}, {person(rng, 'NL').name}"),
         ("sig", "De ambtenaar van de burgerlijke stand", "ambtenaar"), ("seal", ["GEMEENTE", gem.upper(), "BURGERLIJKE STAND"])]
    role = "partner" if partnership else "spouse"
    return D(b, [h.lab(role), w.lab(role)], "nl", "Dutch civil-registry deed" + (" of registered partnership" if partnership else ""),
             kind="partnership_certificate" if partnership else "marriage_certificate")


def m_us_domestic(rng, h, w, date):
    b = [("center", "STATE OF CALIFORNIA — SECRETARY OF STATE"), ("title", "CERTIFICATE OF REGISTERED DOMESTIC PARTNERSHIP"),
         ("kv", "Filing number", regno(rng, "9999999-99")),
         ("p", f"This certifies that {h.name} and {w.name} have established a registered domestic partnership pursuant to Family Code section 297, effective {fd(date, 'us')}."),
         ("kv", "Partner A date of birth", fd(h.birth, "mdy/")), ("kv", "Partner B date of birth", fd(w.birth, "mdy/")),
         ("sig", "Secretary of State", "SoS"), ("seal", ["GREAT SEAL", "STATE OF", "CALIFORNIA"])]
    return D(b, [h.lab("partner"), w.lab("partner")], "en", "US California registered domestic partnership",
             kind="partnership_certificate")


def m_germany_lp(rng, h, w, date):
    st = rng.choice(CITIES["DE"])
    b = [("center", f"Standesamt {st}"), ("title", "Lebenspartnerschaftsurkunde"), ("kv", "Registernummer", regno(rng, "L 999/9999")),
         ("kv", "Lebenspartner 1", h.name), ("kv", "Geburtsdatum", fd(h.birth, "dmy.")),
         ("kv", "Lebenspartner 2", w.name), ("kv", "Geburtsdatum", fd(w.birth, "dmy.")),
         ("kv", "Tag der Begründung der Lebenspartnerschaft", fd(date, "de")), ("kv", "Ort", st),
         ("sig", "Der Standesbeamte", "Standesbeamte"), ("seal", ["STANDESAMT", st.upper()])]
    return D(b, [h.lab("partner"), w.lab("partner")], "de", "German registered life partnership deed", kind="partnership_certificate")


MARRIAGE = [m_india, m_brazil, m_turkey, m_nigeria, m_philippines, m_usa, m_uk, m_ukraine, m_china, m_egypt, m_mexico,
            m_southafrica, m_netherlands]
MCC = {m_india: "IN", m_brazil: "BR", m_turkey: "TR", m_nigeria: "NG", m_philippines: "PH", m_usa: "US", m_uk: "GB",
       m_ukraine: "UA", m_china: "CN", m_egypt: "EG", m_mexico: "MX", m_southafrica: "ZA", m_netherlands: "NL",
       m_us_domestic: "US", m_germany_lp: "DE"}


# ======================= BIRTH =======================
def b_generic(rng, cc, c, f, m, variant=None):
    """birth certificate by country; c=child, f=father, m=mother"""
    reg = c.birth + dt.timedelta(days=rng.randint(3, 40))
    iss = reg + dt.timedelta(days=rng.randint(100, 3000))
    ps = [c.lab("child"), f.lab("father", False), m.lab("mother", False)]
    sexw = {"M": "Male", "F": "Female"}[c.sex]
    if cc == "IN":
        b = [("center", "GOVERNMENT OF " + rng.choice(["KARNATAKA", "KERALA", "TELANGANA"])), ("center", "DEPARTMENT OF ECONOMICS AND STATISTICS"),
             ("title", "BIRTH CERTIFICATE"), ("small", "(Issued under Section 12/17 of the Registration of Births & Deaths Act, 1969 and Rule 8/13)"),
             ("p", "This is to certify that the following information has been taken from the original record of birth which is the register for (local area/local body) " + c.place + "."),
             ("kv", "Name", c.name.upper()), ("kv", "Sex", sexw), ("kv", "Date of birth", fd(c.birth, "dmy-")),
             ("kv", "Place of birth", f"{rng.choice(['Government Hospital', 'Apollo Hospital', 'Motherhood Hospital'])}, {c.place}"),
             ("kv", "Name of mother", m.name.upper()), ("kv", "Name of father", f.name.upper()),
             ("kv", "Registration No.", regno(rng, "9999/99999")), ("kv", "Date of registration", fd(reg, "dmy-")),
             ("kv", "Date of issue", fd(iss, "dmy-")), ("sig", "Issuing Authority", "Registrar"), ("seal", ["REGISTRAR", "BIRTHS & DEATHS", c.place.upper()[:12]])]
        return D(b, ps, "en", "India RBD Act birth certificate")
    if cc == "BR":
        mat = regno(rng, "999999 01 55 9999 1 99999 999 9999999 99")
        b = [("center", "REPÚBLICA FEDERATIVA DO BRASIL"), ("center", "REGISTRO CIVIL DAS PESSOAS NATURAIS"), ("title", "CERTIDÃO DE NASCIMENTO"),
             ("kv", "Nome", c.name.upper()), ("kv", "Matrícula", mat), ("kv", "Data de nascimento", fd(c.birth, "pt")),
             ("kv", "Local de nascimento", f"Hospital, {c.place}"), ("kv", "Sexo", "Masculino" if c.sex == "M" else "Feminino"),
             ("kv", "Filiação", f"{f.name} e {m.name}"), ("kv", "Avós", f"{person(rng, 'BR').name}; {person(rng, 'BR').name}"),
             ("kv", "Data do registro", fd(reg, "pt")), ("sig", "Oficial", "Oficial"), ("seal", ["REGISTRO CIVIL", c.place.upper()[:14]])]
        tr, hdr = translation_header(rng, "Portuguese")
        b += hdr + [("title", "BIRTH CERTIFICATE", 30), ("kv", "Name", c.name.upper()), ("kv", "Registration number", mat),
                    ("kv", "Date of birth", fd(c.birth)), ("kv", "Place of birth", f"Hospital, {c.place}"),
                    ("kv", "Parents", f"{f.name} and {m.name}"), ("kv", "Date of registration", fd(reg))] + translation_footer(rng, tr, "Portuguese", iss)
        return D(b, ps, "pt+en", "Brazil certidão de nascimento with sworn translation")
    if cc == "TR":
        b = [("center", "TÜRKİYE CUMHURİYETİ"), ("title", "DOĞUM KAYIT ÖRNEĞİ / Extrait d'acte de naissance / Extract of birth record", 24),
             ("small", "Formül A"), ("table", [["", ""], ["Soyadı / Nom / Surname", c.surname.upper()], ["Adı / Prénoms / Forename", c.given],
                                              ["Cinsiyeti / Sexe / Sex", "E / M" if c.sex == "M" else "K / F"],
                                              ["Doğum tarihi / Date de naissance / Date of birth", fd(c.birth, "dmy.")],
                                              ["Doğum yeri / Lieu / Place", c.place],
                                              ["Babasının adı ve soyadı / Père / Father", f.name], ["Annesinin adı ve soyadı / Mère / Mother", m.name]],
                                      False, [1.5, 1.5]),
             ("kv", "Düzenlenme tarihi / Date of issue", fd(iss, "dmy.")), ("sig", "Nüfus Müdürü", "Müdür"), ("seal", ["T.C.", "NÜFUS MÜDÜRLÜĞÜ"])]
        return D(b, ps, "tr/fr/en", "Turkey multilingual Formula A birth extract")
    if cc == "NG":
        b = [("center", "NATIONAL POPULATION COMMISSION"), ("center", "FEDERAL REPUBLIC OF NIGERIA"), ("title", "CERTIFICATE OF BIRTH"),
             ("kv", "Certificate No.", regno(rng, "AA/9999/99999")), ("kv", "Full name of child", c.name), ("kv", "Sex", sexw),
             ("kv", "Date of birth", fd(c.birth)), ("kv", "Place of birth", c.place),
             ("kv", "Full name of father", f.name), ("kv", "Nationality of father", "Nigerian"),
             ("kv", "Full name of mother", m.name), ("kv", "Nationality of mother", "Nigerian"),
             ("kv", "Name of informant", f.name), ("kv", "Date of registration", fd(reg)),
             ("sig", "Registrar", "Registrar"), ("seal", ["NPC", "REGISTRAR", "OF BIRTHS"])]
        return D(b, ps, "en", "Nigeria NPC birth certificate")
    if cc == "PH":
        b = [("small", "Municipal Form No. 102"), ("center", "Republic of the Philippines — OFFICE OF THE CIVIL REGISTRAR GENERAL"),
             ("title", "CERTIFICATE OF LIVE BIRTH"), ("kv", "Registry No.", regno(rng, "9999-9999")),
             ("table", [["CHILD", ""], ["1. Name (First, Middle, Last)", c.name.upper()], ["2. Sex", sexw],
                        ["3. Date of Birth", fd(c.birth, "dMy")], ["4. Place of Birth", c.place],
                        ["MOTHER", ""], ["7. Maiden Name", m.name.upper()], ["8. Citizenship", "Filipino"],
                        ["FATHER", ""], ["13. Name", f.name.upper()], ["14. Citizenship", "Filipino"],
                        ["20a. Date of marriage of parents", fd(c.birth - dt.timedelta(days=rng.randint(400, 2000)), "dMy")]],
              False, [1.4, 1.6], 17),
             ("sig", "Civil Registrar", "Registrar"), ("seal", ["PSA", "CERTIFIED", "TRUE COPY"])]
        return D(b, ps, "en", "Philippines PSA certificate of live birth")
    if cc == "US":
        st = rng.choice(["TEXAS", "OHIO", "NEW JERSEY", "WASHINGTON"])
        b = [("center", f"STATE OF {st} — DEPARTMENT OF HEALTH"), ("center", "VITAL STATISTICS"), ("title", "CERTIFICATE OF LIVE BIRTH"),
             ("kv", "State file number", regno(rng, "999-99-999999")), ("kv", "Child's name", c.name), ("kv", "Sex", sexw),
             ("kv", "Date of birth", fd(c.birth, "mdy/")), ("kv", "Place of birth", f"{c.place}, {st.title()}"),
             ("kv", "Mother's name prior to first marriage", m.name), ("kv", "Mother's date of birth", fd(m.birth, "mdy/")),
             ("kv", "Father's name", f.name), ("kv", "Father's date of birth", fd(f.birth, "mdy/")),
             ("kv", "Date filed", fd(reg, "mdy/")), ("small", "This is a true and exact reproduction of the document officially registered."),
             ("sig", "State Registrar", "Registrar"), ("seal", ["STATE", "REGISTRAR", st[:10]])]
        return D(b, [c.lab("child"), f.lab("father"), m.lab("mother")], "en", "US state certificate of live birth")
    if cc == "GB":
        d = rng.choice(["Leeds", "Bristol", "Camden"])
        b = [("center", "GENERAL REGISTER OFFICE"), ("title", "CERTIFIED COPY OF AN ENTRY OF BIRTH", 28), ("kv", "Registration district", d),
             ("table", [["", ""], ["1. Date and place of birth", f"{fd(c.birth)}, {d}"], ["2. Name and surname", c.name], ["3. Sex", sexw],
                        ["4. Name and surname of father", f.name], ["5. Place of birth of father", f.place],
                        ["7. Name and surname of mother", m.name], ["8. Place of birth of mother", m.place],
                        ["12. Date registered", fd(reg)]], False, [1.2, 2]),
             ("p", "CERTIFIED to be a true copy of an entry in a register in my custody."), ("sig", "Superintendent Registrar", "Registrar"),
             ("small", "CAUTION: A CERTIFICATE IS NOT EVIDENCE OF IDENTITY."), ("seal", ["GRO", "ENGLAND", "AND WALES"])]
        return D(b, ps, "en", "UK full birth certificate (register entry)")
    if cc == "UA":
        cty = rng.choice(CITIES["UA"])
        b = [("center", "УКРАЇНА"), ("title", "СВІДОЦТВО ПРО НАРОДЖЕННЯ"), ("kv", "Прізвище", c.surname_local), ("kv", "Ім'я", c.given_local),
             ("kv", "Дата народження", fd(c.birth, "dmy.")), ("kv", "Місце народження", f"м. {cty[1]}"),
             ("kv", "Батько", f.local), ("kv", "Мати", m.local),
             ("p", f"про що {fd(reg, 'uk')} складено відповідний актовий запис № {rng.randint(100, 3000)}."),
             ("sig", "Керівник органу державної реєстрації", "Керівник"), ("seal", ["УКРАЇНА", "ДРАЦС", cty[1].upper()])]
        tr, hdr = translation_header(rng, "Ukrainian")
        b += hdr + [("title", "BIRTH CERTIFICATE", 30), ("kv", "Surname", c.surname), ("kv", "Given name", c.given),
                    ("kv", "Date of birth", fd(c.birth)), ("kv", "Place of birth", cty[0]), ("kv", "Father", f.name), ("kv", "Mother", m.name)] + \
            translation_footer(rng, tr, "Ukrainian", iss)
        return D(b, ps, "uk+en", "Ukraine birth certificate, Cyrillic original with translation")
    if cc == "CN":
        b = [("right", "Translation"), ("title", "NOTARIAL CERTIFICATE OF BIRTH"), ("kv", "Reference", f"({iss.year}) Hu Zheng Wai Zi No. {rng.randint(1000, 99999)}"),
             ("p", f"This is to certify that {c.name.upper()}, {'male' if c.sex == 'M' else 'female'}, was born on {fd(c.birth)} in {c.place}, People's Republic of China. The father of {c.name.upper()} is {f.name.upper()} and the mother is {m.name.upper()}."),
             ("kv", "Notary", person(rng, "CN").name), ("kv", "Date", fd(iss)), ("seal", ["NOTARY", "PUBLIC OFFICE", c.place.upper()[:12]])]
        return D(b, ps, "en", "China notarial birth certificate, English version")
    if cc == "EG":
        b = [("small", "Translated from Arabic"), ("center", "Arab Republic of Egypt — Ministry of Interior — Civil Status Organization"),
             ("title", "COMPUTERIZED BIRTH CERTIFICATE"), ("kv", "Name", c.name), ("kv", "National number", regno(rng, "39999999999999")),
             ("kv", "Date of birth", fd(c.birth, "dmy/")), ("kv", "Place of birth", c.place), ("kv", "Sex", sexw), ("kv", "Religion", "—"),
             ("kv", "Father's name", f.name), ("kv", "Father's nationality", "Egyptian"), ("kv", "Mother's name", m.name),
             ("kv", "Mother's nationality", "Egyptian"), ("sig", "Certified translator", "Translator"), ("seal", ["CERTIFIED", "TRANSLATION"])]
        return D(b, ps, "en", "Egypt computerized birth certificate, translation only")
    if cc == "MX":
        b = [("center", "ESTADOS UNIDOS MEXICANOS"), ("title", "ACTA DE NACIMIENTO"), ("kv", "CURP", regno(rng, "AAAA999999AAAAAA99")),
             ("table", [["Datos de la persona registrada", ""], ["Nombre(s)", c.given], ["Primer apellido", c.surname.split(' ')[0]],
                        ["Segundo apellido", c.surname.split(' ')[-1]], ["Sexo", "Hombre" if c.sex == "M" else "Mujer"],
                        ["Fecha de nacimiento", fd(c.birth, "dmy/")], ["Lugar de nacimiento", c.place],
                        ["Datos de filiación", ""], ["Padre", f.name], ["Madre", m.name]], False, [1.2, 2]),
             ("sig", "Oficial del Registro Civil", "Oficial"), ("seal", ["REGISTRO CIVIL", "MÉXICO"])]
        tr, hdr = translation_header(rng, "Spanish")
        b += hdr + [("title", "BIRTH RECORD", 30), ("kv", "Name", c.name), ("kv", "Date of birth", fd(c.birth)), ("kv", "Place of birth", c.place),
                    ("kv", "Father", f.name), ("kv", "Mother", m.name)] + translation_footer(rng, tr, "Spanish", iss)
        return D(b, ps, "es+en", "Mexico acta de nacimiento with translation")
    if cc == "ZA":
        b = [("center", "REPUBLIC OF SOUTH AFRICA / REPUBLIEK VAN SUID-AFRIKA"), ("center", "DEPARTMENT OF HOME AFFAIRS"),
             ("title", "UNABRIDGED BIRTH CERTIFICATE", 28), ("sub", "VOLLEDIGE GEBOORTESERTIFIKAAT"),
             ("kv", "Identity number / Identiteitsnommer", regno(rng, "9999999999999")), ("kv", "Surname / Van", c.surname.upper()),
             ("kv", "Forenames / Voorname", c.given.upper()), ("kv", "Date of birth / Geboortedatum", fd(c.birth, "iso")),
             ("kv", "Place of birth / Geboorteplek", c.place), ("kv", "Father / Vader", f.name.upper()), ("kv", "Father ID / Vader ID", regno(rng, "9999999999999")),
             ("kv", "Mother / Moeder", m.name.upper()), ("kv", "Mother ID / Moeder ID", regno(rng, "9999999999999")),
             ("sig", "Director-General", "DG"), ("seal", ["HOME AFFAIRS", "RSA"])]
        return D(b, ps, "en/af", "South Africa unabridged birth certificate, bilingual")
    if cc == "NL":
        gem = rng.choice(CITIES["NL"])
        b = [("center", f"Gemeente {gem}"), ("title", "UITTREKSEL UIT DE REGISTERS VAN DE BURGERLIJKE STAND"), ("sub", "Geboorteakte"),
             ("kv", "Aktenummer", regno(rng, "9AA9999")), ("kv", "Geslachtsnaam", c.surname), ("kv", "Voornamen", c.given),
             ("kv", "Geslacht", "man" if c.sex == "M" else "vrouw"), ("kv", "Geboortedatum", fd(c.birth, "nl")), ("kv", "Geboorteplaats", gem),
             ("kv", "Ouder 1 — geslachtsnaam en voornamen", f"{f.surname}, {f.given}"), ("kv", "Ouder 2 — geslachtsnaam en voornamen", f"{m.surname}, {m.given}"),
             ("kv", "Plaats en datum van afgifte", f"{gem}, {fd(iss, 'nl')}"), ("sig", "De ambtenaar van de burgerlijke stand", "ambtenaar"),
             ("seal", ["GEMEENTE", gem.upper()])]
        return D(b, ps, "nl", "Dutch birth deed extract")
    if cc == "DE":
        st = rng.choice(CITIES["DE"])
        b = [("center", f"Standesamt {st}"), ("title", "Geburtsurkunde"), ("kv", "Registernummer", regno(rng, "G 999/9999")),
             ("kv", "Familienname", c.surname), ("kv", "Vornamen", c.given), ("kv", "Geschlecht", "männlich" if c.sex == "M" else "weiblich"),
             ("kv", "Tag und Ort der Geburt", f"{fd(c.birth, 'de')}, {st}"), ("kv", "Mutter", m.name), ("kv", "Vater", f.name),
             ("sig", "Der Standesbeamte", "Standesbeamte"), ("seal", ["STANDESAMT", st.upper()])]
        return D(b, ps, "de", "German Geburtsurkunde")
    raise ValueError(cc)


def b_short(rng, cc, c, f, m):
    """short/abridged certificates that do not name the parents"""
    if cc == "GB":
        b = [("center", "GENERAL REGISTER OFFICE"), ("title", "CERTIFICATE OF BIRTH", 30), ("kv", "Name and surname", c.name),
             ("kv", "Sex", "Boy" if c.sex == "M" else "Girl"), ("kv", "Date of birth", fd(c.birth)), ("kv", "Place of birth", c.place),
             ("small", "Short certificate — does not include particulars of parents."), ("seal", ["GRO", "ENGLAND"])]
        return D(b, [c.lab("child")], "en", "UK short birth certificate WITHOUT parents (does not satisfy the 'naming the parents' rule)", names_parents=False)
    b = [("center", "REPUBLIC OF SOUTH AFRICA"), ("title", "ABRIDGED BIRTH CERTIFICATE", 28), ("kv", "Identity number", regno(rng, "9999999999999")),
         ("kv", "Surname", c.surname.upper()), ("kv", "Forenames", c.given.upper()), ("kv", "Date of birth", fd(c.birth, "iso")),
         ("kv", "Place of birth", c.place), ("seal", ["HOME AFFAIRS", "RSA"])]
    return D(b, [c.lab("child")], "en", "South Africa abridged birth certificate WITHOUT parents", names_parents=False)


# ======================= UNMARRIED STATUS =======================
def u_generic(rng, cc, p, iss=None):
    iss = iss or dt.date(2026, rng.randint(6, 11), rng.randint(1, 28))
    ps = [p.lab("subject")]
    if cc == "IN":
        var = rng.random()
        if var < 0.5:
            b = [("center", "NON JUDICIAL — INDIA — RS. 100 STAMP PAPER"), ("title", "AFFIDAVIT OF SINGLE STATUS"),
                 ("p", f"I, {p.name}, {'son' if p.sex == 'M' else 'daughter'} of {person(rng, 'IN', 'M', 1950, 1965, surname=p.surname).name}, aged {(iss - p.birth).days // 365} years, born on {fd(p.birth, 'dmy/')}, residing at {p.place}, do hereby solemnly affirm and declare as under:"),
                 ("p", "1. That I am a citizen of India holding passport number " + regno(rng, "A9999999") + "."),
                 ("p", "2. That I am unmarried / single and have never been married to anyone till date."),
                 ("p", "3. That this affidavit is required for submission to the immigration authorities of the Netherlands."),
                 ("p", "VERIFICATION: Verified at " + p.place + f" on this {fd(iss)} that the contents of the above affidavit are true and correct to the best of my knowledge."),
                 ("sig", "DEPONENT", p.name), ("stamp", ["NOTARY", "GOVT. OF INDIA", p.place.upper()[:12]]),
                 ("sig", "Notary Public", "Notary", "right")]
            return D(b, ps, "en", "India affidavit of single status on stamp paper, notarised")
        b = [("center", f"OFFICE OF THE TAHSILDAR, {p.place.upper()}"), ("title", "UNMARRIED CERTIFICATE"), ("kv", "Certificate No.", regno(rng, "UMC/99999/9999")),
             ("p", f"This is to certify that {p.name}, born on {fd(p.birth, 'dmy/')}, resident of {p.place}, is unmarried as per the enquiry conducted and the records available in this office."),
             ("kv", "Date", fd(iss, "dmy/")), ("sig", "Tahsildar", "Tahsildar"), ("seal", ["TAHSILDAR", p.place.upper()[:12]])]
        return D(b, ps, "en", "India unmarried certificate from Tahsildar")
    if cc == "BR":
        b = [("center", "REPÚBLICA FEDERATIVA DO BRASIL"), ("center", f"{rng.randint(1, 20)}º Tabelionato de Notas de {p.place}"),
             ("title", "ESCRITURA PÚBLICA DE DECLARAÇÃO DE ESTADO CIVIL"),
             ("p", f"Aos {fd(iss, 'pt')}, compareceu perante mim, tabelião, {p.name}, brasileir{'o' if p.sex == 'M' else 'a'}, nascid{'o' if p.sex == 'M' else 'a'} em {fd(p.birth, 'pt')}, que declarou, sob as penas da lei, ser SOLTEIR{'O' if p.sex == 'M' else 'A'}, nunca ter contraído casamento e não viver em união estável."),
             ("sig", "Tabelião", "Tabeliao"), ("seal", ["TABELIONATO", "DE NOTAS", p.place.upper()[:14]])]
        tr, hdr = translation_header(rng, "Portuguese")
        b += hdr + [("title", "PUBLIC DEED OF DECLARATION OF MARITAL STATUS", 26),
                    ("p", f"On {fd(iss)}, {p.name}, Brazilian, born on {fd(p.birth)}, appeared before me, notary, and declared under penalty of law to be SINGLE, never to have been married and not to live in a stable union.")] + \
            translation_footer(rng, tr, "Portuguese", iss + dt.timedelta(days=7))
        return D(b, ps, "pt+en", "Brazil notarial declaration of single status with sworn translation")
    if cc == "TR":
        b = [("center", "T.C. İÇİŞLERİ BAKANLIĞI — NÜFUS VE VATANDAŞLIK İŞLERİ"), ("title", "BEKARLIK BELGESİ / CERTIFICATE OF CELIBACY", 28),
             ("kv", "T.C. Kimlik No", regno(rng, "99999999999")), ("kv", "Adı / Name", p.given), ("kv", "Soyadı / Surname", p.surname),
             ("kv", "Doğum Tarihi / Date of birth", fd(p.birth, "dmy.")), ("kv", "Doğum Yeri / Place of birth", p.place),
             ("kv", "Medeni Hali / Marital status", "Bekar / Single"),
             ("p", "Yukarıda kimlik bilgileri yazılı kişinin nüfus kayıtlarına göre bekar olduğu onaylanır. / It is certified that the person named above is single according to the civil registry."),
             ("kv", "Tarih / Date", fd(iss, "dmy.")), ("sig", "Nüfus Müdürü", "Müdür"), ("seal", ["T.C.", "NÜFUS MÜDÜRLÜĞÜ"])]
        return D(b, ps, "tr/en", "Turkey bekarlık belgesi bilingual")
    if cc == "NG":
        b = [("center", f"IN THE HIGH COURT OF {rng.choice(['LAGOS STATE', 'THE FEDERAL CAPITAL TERRITORY', 'ENUGU STATE'])}"),
             ("center", "IN THE MATTER OF THE OATHS ACT"), ("title", "SWORN AFFIDAVIT OF " + ("BACHELORHOOD" if p.sex == "M" else "SPINSTERHOOD")),
             ("p", f"I, {p.name}, {'male' if p.sex == 'M' else 'female'}, Nigerian citizen, born on {fd(p.birth)}, do hereby make oath and state as follows:"),
             ("p", f"1. That I am the deponent herein and a {'bachelor' if p.sex == 'M' else 'spinster'}."),
             ("p", "2. That I have never contracted any marriage, whether under the Marriage Act, customary law or Islamic law."),
             ("p", "3. That I depose to this affidavit in good faith for official purposes."),
             ("sig", "DEPONENT", p.name), ("p", f"SWORN TO at the High Court Registry this {fd(iss)}."), ("pb", "BEFORE ME"),
             ("sig", "COMMISSIONER FOR OATHS", "Commissioner", "right"), ("stamp", ["COMMISSIONER", "FOR OATHS", "HIGH COURT"])]
        return D(b, ps, "en", "Nigeria sworn affidavit of bachelorhood/spinsterhood")
    if cc == "PH":
        b = [("center", "Republic of the Philippines — PHILIPPINE STATISTICS AUTHORITY"), ("title", "CERTIFICATE OF NO MARRIAGE RECORD (CENOMAR)", 26),
             ("p", "TO WHOM IT MAY CONCERN:"),
             ("p", f"This is to certify that the National Indices of Marriage for Groom / Bride have been searched and that no record of marriage was found for {p.name.upper()}, born on {fd(p.birth, 'dMy')} in {p.place}, whose parents are {person(rng, 'PH', 'M', 1950, 1965, surname=p.surname).name} and {person(rng, 'PH', 'F', 1950, 1965).name}."),
             ("p", "This certification is issued upon the request of the person concerned for whatever legal purpose it may serve."),
             ("kv", "Date issued", fd(iss, "dMy")), ("kv", "O.R. No.", regno(rng, "9999999")), ("sig", "Civil Registrar General", "CRG"),
             ("seal", ["PSA", "CENOMAR"])]
        return D(b, ps, "en", "Philippines CENOMAR")
    if cc == "US":
        st = rng.choice(["Texas", "Ohio", "Washington"])
        b = [("center", f"STATE OF {st.upper()} — DEPARTMENT OF HEALTH, VITAL STATISTICS"), ("title", "CERTIFICATE OF NO RECORD OF MARRIAGE", 28),
             ("p", f"A search of the statewide marriage index for the years {p.birth.year + 16} through {iss.year} found no record of a marriage for:"),
             ("kv", "Name", p.name), ("kv", "Date of birth", fd(p.birth, "mdy/")),
             ("p", "This certification does not establish that the person was not married in another state or country."),
             ("kv", "Date issued", fd(iss, "mdy/")), ("sig", "State Registrar", "Registrar"), ("seal", ["STATE", "REGISTRAR", st.upper()])]
        return D(b, ps, "en", "US certificate of no record of marriage")
    if cc == "GB":
        b = [("center", "GENERAL REGISTER OFFICE"), ("title", "CERTIFICATE OF NO IMPEDIMENT", 30),
             ("p", f"I certify that notice of the intended marriage of {p.name}, born {fd(p.birth)}, of {p.place}, has been duly entered and that no impediment has been shown to the issue of this certificate."),
             ("kv", "Condition", "Single (never married)"), ("kv", "Date of issue", fd(iss)), ("sig", "Superintendent Registrar", "Registrar"),
             ("seal", ["REGISTER", "OFFICE", p.place.upper()[:12]])]
        return D(b, ps, "en", "UK certificate of no impediment")
    if cc == "UA":
        b = [("center", "МІНІСТЕРСТВО ЮСТИЦІЇ УКРАЇНИ"), ("title", "ВИТЯГ З ДЕРЖАВНОГО РЕЄСТРУ АКТІВ ЦИВІЛЬНОГО СТАНУ ГРОМАДЯН", 24),
             ("sub", "щодо підтвердження відсутності державної реєстрації шлюбу"),
             ("kv", "Прізвище, ім'я", p.local), ("kv", "Дата народження", fd(p.birth, "dmy.")),
             ("p", "Актовий запис про шлюб щодо зазначеної особи у Державному реєстрі актів цивільного стану громадян відсутній."),
             ("kv", "Дата формування витягу", fd(iss, "dmy.")), ("sig", "Посадова особа", "Посадова"), ("seal", ["ДРАЦС", "УКРАЇНА"])]
        tr, hdr = translation_header(rng, "Ukrainian")
        b += hdr + [("title", "EXTRACT FROM THE STATE REGISTER OF CIVIL STATUS ACTS", 24), ("sub", "confirming the absence of a state registration of marriage"),
                    ("kv", "Surname, given name", f"{p.surname.upper()} {p.given}"), ("kv", "Date of birth", fd(p.birth)),
                    ("p", "No record of marriage of the said person exists in the State Register of Civil Status Acts."), ("kv", "Extract date", fd(iss))] + \
            translation_footer(rng, tr, "Ukrainian", iss + dt.timedelta(days=5))
        return D(b, ps, "uk+en", "Ukraine extract confirming no marriage record, with translation")
    if cc == "CN":
        b = [("right", "Translation"), ("title", "NOTARIAL CERTIFICATE"), ("kv", "Reference", f"({iss.year}) Jing Zheng Wai Zi No. {rng.randint(1000, 99999)}"),
             ("p", f"This is to certify that {p.name.upper()}, {'male' if p.sex == 'M' else 'female'}, born on {fd(p.birth)}, has not registered any marriage with the marriage registration authorities in mainland China up to {fd(iss)}."),
             ("kv", "Notary", person(rng, "CN").name), ("seal", ["NOTARY", "PUBLIC OFFICE"])]
        return D(b, ps, "en", "China notarial certificate of unmarried status")
    if cc == "EG":
        b = [("small", "Translated from Arabic"), ("center", "Arab Republic of Egypt — Ministry of Interior — Civil Status Organization"),
             ("title", "CERTIFICATE OF CELIBACY (SINGLE STATUS)"), ("kv", "Name", p.name), ("kv", "National number", regno(rng, "29999999999999")),
             ("kv", "Date of birth", fd(p.birth, "dmy/")), ("kv", "Marital status per the civil records", "Single, never married"),
             ("kv", "Date of issue", fd(iss, "dmy/")), ("sig", "Certified translator", "Translator"), ("seal", ["CERTIFIED", "TRANSLATION"])]
        return D(b, ps, "en", "Egypt certificate of celibacy, translation only")
    if cc == "MX":
        b = [("center", "ESTADOS UNIDOS MEXICANOS — REGISTRO CIVIL"), ("title", "CONSTANCIA DE INEXISTENCIA DE MATRIMONIO"),
             ("p", f"Se hace constar que, después de una búsqueda en los archivos de esta Dirección, no se encontró registro de matrimonio a nombre de {p.name.upper()}, nacid{'o' if p.sex == 'M' else 'a'} el {fd(p.birth, 'es')}."),
             ("kv", "Fecha de expedición", fd(iss, "es")), ("sig", "Director del Registro Civil", "Director"), ("seal", ["REGISTRO CIVIL", "MÉXICO"])]
        tr, hdr = translation_header(rng, "Spanish")
        b += hdr + [("title", "CERTIFICATE OF NON-EXISTENCE OF MARRIAGE", 26),
                    ("p", f"It is hereby certified that after a search of the archives of this Directorate no record of marriage was found in the name of {p.name.upper()}, born on {fd(p.birth)}.")] + \
            translation_footer(rng, tr, "Spanish", iss + dt.timedelta(days=4))
        return D(b, ps, "es+en", "Mexico constancia de inexistencia de matrimonio with translation")
    if cc == "ZA":
        b = [("center", "DEPARTMENT OF HOME AFFAIRS — REPUBLIC OF SOUTH AFRICA"), ("title", "LETTER OF NO IMPEDIMENT / CONFIRMATION OF MARITAL STATUS", 24),
             ("p", f"It is hereby confirmed that according to the National Population Register, {p.name.upper()} (ID {regno(rng, '9999999999999')}), born {fd(p.birth, 'iso')}, is recorded as: NEVER MARRIED."),
             ("kv", "Date", fd(iss, "iso")), ("sig", "for Director-General", "DG"), ("seal", ["HOME AFFAIRS", "RSA"])]
        return D(b, ps, "en", "South Africa confirmation of never-married status")
    if cc == "NL":
        gem = rng.choice(CITIES["NL"])
        b = [("center", f"Gemeente {gem} — Burgerzaken"), ("title", "VERKLARING VAN ONGEHUWDHEID"),
             ("p", f"De burgemeester van {gem} verklaart dat uit de basisregistratie personen (BRP) blijkt dat {p.name}, geboren op {fd(p.birth, 'nl')} te {p.place}, ongehuwd is en geen geregistreerd partnerschap heeft."),
             ("kv", "Burgerlijke staat", "ongehuwd"), ("kv", "Datum", fd(iss, "nl")), ("sig", "namens de burgemeester", "burgemeester"), ("seal", ["GEMEENTE", gem.upper()])]
        return D(b, ps, "nl", "Dutch municipal declaration of unmarried status")
    if cc == "DE":
        st = rng.choice(CITIES["DE"])
        b = [("center", f"Stadt {st} — Bürgeramt"), ("title", "Ledigkeitsbescheinigung"),
             ("p", f"Hiermit wird bescheinigt, dass {p.name}, geboren am {fd(p.birth, 'dmy.')}, nach den Eintragungen im Melderegister ledig ist."),
             ("kv", "Familienstand", "ledig"), ("kv", "Datum", fd(iss, "dmy.")), ("sig", "Im Auftrag", "iA"), ("seal", ["STADT", st.upper()])]
        return D(b, ps, "de", "German certificate of single status")
    if cc == "FR":
        b = [("center", "RÉPUBLIQUE FRANÇAISE — Consulat"), ("title", "CERTIFICAT DE CÉLIBAT"),
             ("p", f"Le Consul certifie que {p.name}, né{'e' if p.sex == 'F' else ''} le {fd(p.birth, 'fr')}, est célibataire et n'a jamais contracté de mariage ni de PACS."),
             ("kv", "Fait le", fd(iss, "fr")), ("sig", "Le Consul", "Consul"), ("seal", ["CONSULAT", "DE FRANCE"])]
        return D(b, ps, "fr", "French consular certificate of celibacy")
    if cc == "IT":
        gem = rng.choice(CITIES["IT"])
        b = [("center", f"COMUNE DI {gem.upper()} — UFFICIO ANAGRAFE"), ("title", "CERTIFICATO DI STATO LIBERO"),
             ("p", f"Si certifica che {p.name}, nat{'o' if p.sex == 'M' else 'a'} a {gem} il {fd(p.birth, 'it')}, risulta di stato libero."),
             ("kv", "Data", fd(iss, "dmy/")), ("sig", "L'Ufficiale d'Anagrafe", "Ufficiale"), ("seal", ["COMUNE DI", gem.upper()])]
        return D(b, ps, "it", "Italian certificate of free (single) status")
    raise ValueError(cc)


# ======================= RELATIONSHIP DECLARATION =======================
def rel_form(rng, a, b_, since, filled=True, lang="en", hand=False, one_sig=False, letter=False):
    live = since + dt.timedelta(days=rng.randint(100, 900))
    addr = f"{rng.randint(1, 200)} {rng.choice(['Palm Street', 'Rua das Flores', 'MG Road', 'Station Road', 'Lake View'])}, {a.place}"
    v = (lambda x: x) if filled else (lambda x: "")
    ps = [a.lab("partner"), b_.lab("partner")] if filled else []
    if letter:
        txt = [("title", "Joint declaration of our relationship", 30), ("p", f"{a.place}, {fd(since + dt.timedelta(days=2800))}"),
               ("p", f"We, {a.name} (born {fd(a.birth)}) and {b_.name} (born {fd(b_.birth)}), declare that we have been in a long-term and exclusive relationship since {fd(since, 'us')}. We have shared one household since {fd(live)} at {addr}."),
               ("p", "Neither of us is married or in a registered partnership with anyone else, and we are not related by blood. We intend to live together in the Netherlands."),
               ("p", "We are aware that giving false information can lead to refusal or withdrawal of the residence permit."),
               ("sigpair", ("Partner 1", a.name), ("Partner 2", b_.name if not one_sig else None))]
        return D(txt, ps, "en", "free-text joint declaration signed" + (" by one partner only" if one_sig else " by both"), filled=True,
                 signed_by=1 if one_sig else 2)
    L = {"en": dict(t=rng.choice(["Declaration of long-term and exclusive relationship", "Statement of durable and exclusive relationship",
                                  "DECLARATION — UNMARRIED PARTNERS"]), p1="Partner 1 (sponsor / employee)", p2="Partner 2 (family member)",
                    name="Full name", dob="Date of birth", nat="Nationality", adr="Address", since="Relationship since",
                    live="Living together since", s1="We have a long-term and exclusive relationship with each other.",
                    s2="Neither of us is married or in a registered partnership with someone else.",
                    s3="We are not blood relatives in the direct line.", s4="We want to live together in the Netherlands.",
                    s5="We know that false information can lead to refusal or withdrawal of the residence permit.",
                    sig1="Signature partner 1", sig2="Signature partner 2", place="Place and date", intro="Both partners complete and sign this declaration."),
         "nl": dict(t="Verklaring duurzame en exclusieve relatie", p1="Partner 1 (referent)", p2="Partner 2 (vreemdeling)",
                    name="Naam en voornamen", dob="Geboortedatum", nat="Nationaliteit", adr="Adres", since="Relatie sinds",
                    live="Samenwonend sinds", s1="Wij hebben een duurzame en exclusieve relatie met elkaar.",
                    s2="Geen van ons beiden is getrouwd of heeft een geregistreerd partnerschap met een ander.",
                    s3="Wij zijn geen bloedverwanten in de rechte lijn.", s4="Wij willen in Nederland samenwonen.",
                    s5="Wij weten dat onjuiste informatie kan leiden tot afwijzing of intrekking van de verblijfsvergunning.",
                    sig1="Handtekening partner 1", sig2="Handtekening partner 2", place="Plaats en datum",
                    intro="Beide partners vullen deze verklaring in en ondertekenen haar.")}
    if lang == "nl/en":
        l1, l2 = L["nl"], L["en"]
        T = {k: f"{l1[k]} / {l2[k]}" for k in l1}
    else:
        T = L[lang]
    bl = [("title", T["t"], 30), ("small", T["intro"]), ("rule",), ("sub", T["p1"])]
    for per in (a, b_):
        if per is b_:
            bl.append(("sub", T["p2"]))
        bl += [("kv", T["name"], v(per.name)), ("kv", T["dob"], v(fd(per.birth, "dmy-" if rng.random() < 0.5 else "en"))),
               ("kv", T["nat"], v(NATNAME[per.cc])), ("kv", T["adr"], v(addr))]
    bl += [("rule",), ("kv", T["since"], v(fd(since, "dmy/"))), ("kv", T["live"], v(fd(live, "dmy/")))]
    for s in ("s1", "s2", "s3", "s4", "s5"):
        bl.append(("check", T[s], filled))
    bl += [("kv", T["place"], v(f"{a.place}, {fd(dt.date(2026, rng.randint(8, 11), rng.randint(1, 28)), 'dmy-')}")),
           ("sigpair", (T["sig1"], a.name if filled else None), (T["sig2"], (b_.name if not one_sig else None) if filled else None))]
    notes = "form-like declaration" + (", blank template" if not filled else "") + (", handwriting-style fill" if hand and filled else "") + \
        (", signed by partner 1 only" if one_sig and filled else "")
    return D(bl, ps, lang, notes, filled=filled, hand=hand, signed_by=(0 if not filled else (1 if one_sig else 2)))


# ======================= PARENTAL CONSENT =======================
def consent(rng, child, parent, leaving, cc, filled=True, lang="en", hand=False, passport_copy=True, variant=0):
    v = (lambda x: x) if filled else (lambda x: "")
    today = dt.date(2026, rng.randint(7, 11), rng.randint(1, 28))
    ppn = regno(rng, "A9999999") if cc != "NL" else regno(rng, "AA9999999")
    ps = [child.lab("child"), parent.lab("consenting_parent"), leaving.lab("travelling_parent", False)] if filled else []
    if variant == 1:  # notarised affidavit style
        who = "father" if parent.sex == "M" else "mother"
        bl = [("center", {"IN": "NON JUDICIAL STAMP PAPER", "NG": "IN THE HIGH COURT — OATHS ACT", "PH": "REPUBLIC OF THE PHILIPPINES )  S.S.",
                          "US": f"STATE OF {rng.choice(['TEXAS', 'OHIO'])} — COUNTY OF {rng.choice(['HARRIS', 'CUYAHOGA'])}"}.get(cc, "")),
              ("title", "AFFIDAVIT OF CONSENT" if cc != "US" else "NOTARIZED PARENTAL CONSENT TO RELOCATION"),
              ("p", f"I, {parent.name}, born on {fd(parent.birth)}, holder of passport no. {ppn}, being the biological {who} of the minor {child.name}, born on {fd(child.birth)}, hereby give my full and irrevocable consent for my child to relocate to and reside in the Kingdom of the Netherlands with {leaving.name}."),
              ("p", "I understand that my child will live in the Netherlands for an indefinite period and that a residence permit will be requested from the IND. I will not object to this relocation."),
              ("p", "A copy of my passport is attached to this affidavit."),
              ("sig", "AFFIANT", parent.name), ("p", f"SUBSCRIBED AND SWORN to before me this {fd(today)}."),
              ("sig", "Notary Public", "Notary", "right"), ("stamp", ["NOTARY PUBLIC", {"IN": "INDIA", "NG": "NIGERIA", "PH": "PHILIPPINES", "US": "COMMISSION"}.get(cc, "NOTARY")])]
        notes = "notarised affidavit of consent"
    else:
        L = {"en": dict(t=rng.choice(["Consent of the other parent for the child to move abroad", "Parental consent — relocation of a minor child",
                                      "Permission letter from parent for residence of minor in the Netherlands"]),
                        c="Child", cp="Parent giving consent", tp="Parent with whom the child will live", name="Full name", dob="Date of birth",
                        nat="Nationality", doc="Passport number", adr="Address",
                        s1="I am a parent with parental authority over the child named above.",
                        s2="I agree that the child will move to the Netherlands and live there with the parent named above.",
                        s3="I agree that a residence permit is requested for the child.", s4="A copy of my passport is attached.",
                        place="Place and date", sig="Signature of parent giving consent"),
             "nl": dict(t="Toestemmingsverklaring ouder — verblijf minderjarig kind in Nederland", c="Kind", cp="Ouder die toestemming geeft",
                        tp="Ouder bij wie het kind gaat wonen", name="Naam", dob="Geboortedatum", nat="Nationaliteit", doc="Paspoortnummer", adr="Adres",
                        s1="Ik heb (mede) het ouderlijk gezag over het hierboven genoemde kind.",
                        s2="Ik geef toestemming dat het kind naar Nederland verhuist en daar bij de hierboven genoemde ouder woont.",
                        s3="Ik geef toestemming voor de aanvraag van een verblijfsvergunning voor het kind.",
                        s4="Een kopie van mijn paspoort is bijgevoegd.", place="Plaats en datum", sig="Handtekening ouder die toestemming geeft")}
        if lang == "nl/en":
            T = {k: f"{L['nl'][k]} / {L['en'][k]}" for k in L["en"]}
        else:
            T = L[lang]
        bl = [("title", T["t"], 28), ("rule",), ("sub", T["c"]), ("kv", T["name"], v(child.name)), ("kv", T["dob"], v(fd(child.birth, "dmy/"))),
              ("sub", T["cp"]), ("kv", T["name"], v(parent.name)), ("kv", T["dob"], v(fd(parent.birth, "dmy/"))),
              ("kv", T["nat"], v(NATNAME[parent.cc])), ("kv", T["doc"], v(ppn)), ("kv", T["adr"], v(f"{rng.randint(2, 99)} {parent.place}")),
              ("sub", T["tp"]), ("kv", T["name"], v(leaving.name))]
        for s in ("s1", "s2", "s3", "s4"):
            bl.append(("check", T[s], filled))
        bl += [("kv", T["place"], v(f"{parent.place}, {fd(today, 'dmy/')}")), ("sig", T["sig"], parent.name if filled else None)]
        notes = "form-like consent" + ("" if filled else ", blank template") + (", handwriting-style fill" if hand and filled else "")
        if filled and rng.random() < 0.4:
            bl += [("stamp", ["LEGALISED", "SIGNATURE", "NOTARY"]), ("small", "Signature legalised by the notary.")]
            notes += ", signature legalised"
    if filled and passport_copy:
        from passport import passport_image
        img, _ = passport_image(rng, parent, valid_until=dt.date(2031, rng.randint(1, 12), 10), number=ppn.replace("-", ""))
        bl += [("pagebreak",), ("sub", "Copy of passport of the consenting parent"), ("image", img, 1000), ("small", "True copy — " + parent.name)]
        notes += ", page 2: copy of consenting parent's passport"
    return D(bl, ps, lang, notes, filled=filled, hand=hand)
