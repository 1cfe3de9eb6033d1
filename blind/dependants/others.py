"""Look-alike documents (label: other) and the personal forms used in the family mails."""
import datetime as dt
from content import *
from kinds import D


def divorce(rng, cc):
    h, w = person(rng, cc, "M"), person(rng, cc, "F")
    md = rdate(rng, 2008, 2016)
    dd = md + dt.timedelta(days=rng.randint(900, 3000))
    if cc == "US":
        b = [("center", f"IN THE DISTRICT COURT OF {rng.choice(['TRAVIS', 'HARRIS'])} COUNTY, TEXAS"), ("title", "FINAL DECREE OF DIVORCE"),
             ("kv", "Cause No.", regno(rng, "D-1-FM-99-999999")), ("p", f"IN THE MATTER OF THE MARRIAGE OF {h.name.upper()} AND {w.name.upper()}"),
             ("p", f"On {fd(dd, 'us')} the Court heard this case. The Court finds that the parties were married on {fd(md, 'us')} and that the marriage has become insupportable."),
             ("p", "IT IS ORDERED AND DECREED that the marriage is dissolved and the parties are divorced."),
             ("sig", "JUDGE PRESIDING", "Judge")]
        return D(b, [h.lab("former_spouse", False), w.lab("former_spouse", False)], "en", "US divorce decree (dissolves a marriage)")
    if cc == "NL":
        gem = rng.choice(CITIES["NL"])
        b = [("center", f"Gemeente {gem}"), ("title", "UITTREKSEL HUWELIJKSAKTE MET LATERE VERMELDING"),
             ("kv", "Echtgenoot", h.name), ("kv", "Echtgenote", w.name), ("kv", "Datum huwelijk", fd(md, "nl")),
             ("pb", "Latere vermelding"), ("p", f"Dit huwelijk is ontbonden door inschrijving van de echtscheidingsbeschikking op {fd(dd, 'nl')}."),
             ("sig", "De ambtenaar van de burgerlijke stand", "ambtenaar"), ("seal", ["GEMEENTE", gem.upper()])]
        return D(b, [h.lab("former_spouse", False), w.lab("former_spouse", False)], "nl", "Dutch marriage extract with later note of divorce — tricky: marriage dissolved")
    b = [("center", f"IN THE FAMILY COURT AT {city(rng, 'IN').upper()}"), ("title", "DECREE OF DIVORCE BY MUTUAL CONSENT"),
         ("kv", "Petition No.", regno(rng, "M.J. 999/9999")), ("kv", "Petitioner No. 1", f"{h.name}, born {fd(h.birth, 'dmy/')}"),
         ("kv", "Petitioner No. 2", f"{w.name}, born {fd(w.birth, 'dmy/')}"),
         ("p", f"The marriage solemnized between the petitioners on {fd(md, 'dmy/')} is hereby dissolved by a decree of divorce under Section 13-B of the Hindu Marriage Act, 1955."),
         ("kv", "Pronounced on", fd(dd, "dmy/")), ("sig", "Principal Judge, Family Court", "Judge"), ("seal", ["FAMILY COURT", "SEAL"])]
    return D(b, [h.lab("former_spouse"), w.lab("former_spouse")], "en", "India divorce decree")


def death(rng, cc):
    p = person(rng, cc, y0=1935, y1=1960)
    dd = rdate(rng, 2015, 2025)
    inf = person(rng, cc, surname=p.surname)
    if cc == "GB":
        b = [("center", "GENERAL REGISTER OFFICE"), ("title", "CERTIFIED COPY OF AN ENTRY OF DEATH", 28),
             ("table", [["", ""], ["1. Date and place of death", f"{fd(dd)}, {p.place}"], ["2. Name and surname", p.name],
                        ["3. Sex", "Male" if p.sex == "M" else "Female"], ["5. Date and place of birth", f"{fd(p.birth)}, {p.place}"],
                        ["7. Name and surname of informant", inf.name], ["8. Cause of death", "Natural causes"]], False, [1.2, 2]),
             ("sig", "Registrar", "Registrar"), ("seal", ["GRO", "ENGLAND"])]
        return D(b, [p.lab("deceased"), inf.lab("informant", False)], "en", "UK death certificate (register layout like birth entry)")
    b = [("center", "Republic of the Philippines — PHILIPPINE STATISTICS AUTHORITY"), ("small", "Municipal Form No. 103"),
         ("title", "CERTIFICATE OF DEATH"), ("kv", "1. Name", p.name.upper()), ("kv", "2. Sex", "Male" if p.sex == "M" else "Female"),
         ("kv", "3. Date of death", fd(dd, "dMy")), ("kv", "4. Date of birth", fd(p.birth, "dMy")), ("kv", "9. Civil status", "Married"),
         ("kv", "Name of spouse", person(rng, cc).name), ("kv", "17. Cause of death", "Cardiac arrest"), ("sig", "Civil Registrar", "Registrar"),
         ("seal", ["PSA", "TRUE COPY"])]
    return D(b, [p.lab("deceased")], "en", "Philippines death certificate (names spouse)")


def baptism(rng, cc):
    f, m = person(rng, cc, "M"), person(rng, cc, "F")
    c = child_of(rng, f, m)
    bd = c.birth + dt.timedelta(days=rng.randint(30, 300))
    gp = [person(rng, cc), person(rng, cc)]
    if cc == "BR":
        b = [("center", f"PARÓQUIA NOSSA SENHORA DA CONCEIÇÃO — Arquidiocese de {c.place}"), ("title", "CERTIDÃO DE BATISMO"),
             ("p", f"Certifico que no Livro de Batizados nº {rng.randint(10, 90)}, folha {rng.randint(1, 200)}, consta o assento de batismo de {c.name.upper()}, nascid{'o' if c.sex == 'M' else 'a'} em {fd(c.birth, 'pt')}, filh{'o' if c.sex == 'M' else 'a'} de {f.name} e de {m.name}, batizad{'o' if c.sex == 'M' else 'a'} em {fd(bd, 'pt')}."),
             ("kv", "Padrinhos", f"{gp[0].name} e {gp[1].name}"), ("sig", "Pároco", "Padre"), ("seal", ["PARÓQUIA", "N. SRA. CONCEIÇÃO"])]
        lang = "pt"
    else:
        b = [("center", f"ST. {rng.choice(['JOSEPH', 'ANTHONY', 'MARY'])}'S PARISH — Diocese of {c.place}"), ("title", "CERTIFICATE OF BAPTISM"),
             ("p", "This is to certify that"), ("center", c.name.upper()),
             ("p", f"child of {f.name} and {m.name}, born on {fd(c.birth)} at {c.place}, was baptized on {fd(bd)} according to the rite of the Roman Catholic Church."),
             ("kv", "Sponsors / Godparents", f"{gp[0].name}, {gp[1].name}"), ("kv", "Book / Page / No.", f"{rng.randint(10, 40)} / {rng.randint(1, 300)} / {rng.randint(1, 50)}"),
             ("sig", "Parish Priest", "Fr"), ("seal", ["PARISH", "SEAL"])]
        lang = "en"
    return D(b, [c.lab("child"), f.lab("father", False), m.lab("mother", False)], lang,
             "church baptism certificate — names child and parents but is not a civil birth certificate")


def invitation(rng, cc):
    h, w = person(rng, cc, "M"), person(rng, cc, "F")
    d = dt.date(2027, rng.randint(3, 9), rng.randint(1, 28))
    b = [("gap", 120), ("center", "Together with their families"), ("title", f"{w.given} & {h.given}", 48),
         ("center", "request the pleasure of your company at the celebration of their marriage"),
         ("gap", 30), ("center", f"{MONTHS['en'][d.month - 1]} {d.day}, {d.year}"), ("center", f"at four o'clock in the afternoon — {rng.choice(['The Grand Palace Hall', 'Villa Rosa', 'Hotel Taj'])}, {h.place}"),
         ("gap", 30), ("center", "Reception and dinner to follow"), ("center", "RSVP before " + (lambda e: f"{MONTHS['en'][e.month - 1]} {e.day}, {e.year}")(d - dt.timedelta(days=45)))]
    return D(b, [h.lab("groom", False), w.lab("bride", False)], "en", "wedding invitation card", style_hint="fancy")


def menu(rng, cc):
    h, w = person(rng, cc, "M"), person(rng, cc, "F")
    b = [("title", "Wedding Dinner", 40), ("center", f"{h.given} & {w.given} — {fd(rdate(rng, 2018, 2025))}"), ("rule",),
         ("sub", "Starter"), ("center", rng.choice(["Burrata with heirloom tomatoes", "Paneer tikka with mint chutney", "Salmon tartare"])),
         ("sub", "Main course"), ("center", rng.choice(["Slow-cooked beef cheek, celeriac purée", "Lamb biryani with raita", "Risotto with wild mushrooms"])),
         ("sub", "Dessert"), ("center", "Wedding cake and coffee"), ("rule",), ("small", "Table 7")]
    return D(b, [h.lab("groom", False), w.lab("bride", False)], "en", "wedding menu", style_hint="fancy")


def rental(rng, cc):
    a, b_ = person(rng, cc, "M"), person(rng, cc, "F")
    if rng.random() < 0.5:
        bl = [("title", "HUUROVEREENKOMST WOONRUIMTE"), ("p", "De ondergetekenden:"),
              ("kv", "Verhuurder", f"{person(rng, 'NL').name}, {rng.choice(CITIES['NL'])}"),
              ("kv", "Huurders", f"{a.name}, geboren {fd(a.birth, 'dmy-')}, en {b_.name}, geboren {fd(b_.birth, 'dmy-')}"),
              ("p", "verklaren te zijn overeengekomen als volgt:"),
              ("p", f"1. Verhuurder verhuurt aan huurders de woonruimte aan de {rng.choice(['Oudegracht', 'Kerkstraat', 'Lindenlaan'])} {rng.randint(2, 180)}."),
              ("p", "2. De huurovereenkomst gaat in op 1 januari 2027 en wordt aangegaan voor onbepaalde tijd."),
              ("p", f"3. De huurprijs bedraagt € {rng.randint(1200, 2400)},- per maand. Huurders zijn hoofdelijk aansprakelijk."),
              ("sigpair", ("Verhuurder", "Verhuurder"), ("Huurders", a.name))]
        return D(bl, [a.lab("tenant"), b_.lab("tenant")], "nl", "Dutch residential lease for two tenants")
    bl = [("title", "SAMENLEVINGSOVEREENKOMST"), ("p", f"Heden, {fd(rdate(rng, 2020, 2025), 'nl')}, verschenen voor mij, mr. {person(rng, 'NL').name}, notaris te {rng.choice(CITIES['NL'])}:"),
          ("p", f"1. {a.name}, geboren op {fd(a.birth, 'nl')}; 2. {b_.name}, geboren op {fd(b_.birth, 'nl')}."),
          ("p", "De comparanten verklaren dat zij een gemeenschappelijke huishouding voeren en hun samenleven als volgt wensen te regelen: kosten van de huishouding, inboedel, de woning, en beëindiging van de samenleving."),
          ("p", "Artikel 1. Iedere partner draagt naar evenredigheid van zijn of haar inkomen bij in de kosten van de gemeenschappelijke huishouding."),
          ("sig", "De notaris", "notaris")]
    return D(bl, [a.lab("cohabitant"), b_.lab("cohabitant")], "nl",
             "Dutch notarial cohabitation contract — arranges money matters; not the relationship declaration form")


def adoption(rng, cc):
    f, m = person(rng, cc, "M"), person(rng, cc, "F", surname=None)
    bl = [("right", fd(rdate(rng, 2024, 2026))), ("title", rng.choice(["Bright Futures Adoption Services", "Hope Bridge Intercountry Adoption"]), 28),
          ("p", f"Dear {f.name} and {m.name},"),
          ("p", "Thank you for attending the information evening on intercountry adoption. As discussed, the next step is the home study, for which we will need copies of your marriage certificate, both birth certificates and a medical report."),
          ("p", "Please note that this letter is not a decision on your application and cannot be used as proof of parentage."),
          ("p", "Kind regards,"), ("sig", "Case coordinator", "Coordinator")]
    return D(bl, [f.lab("addressee", False), m.lab("addressee", False)], "en", "adoption-agency letter mentioning marriage and birth certificates")


def school(rng, cc):
    f, m = person(rng, cc, "M"), person(rng, cc, "F")
    c = child_of(rng, f, m, 2012, 2018)
    subj = ["English", "Mathematics", "Science", "Social Studies", "Art", "Physical Education"]
    bl = [("center", rng.choice(["Greenwood International School", "St. Xavier's High School", "Escola Estadual Dom Pedro"])),
          ("title", "REPORT CARD — ACADEMIC YEAR 2025–2026", 28), ("kv", "Student", c.name), ("kv", "Date of birth", fd(c.birth, "dmy/")),
          ("kv", "Parent / guardian", f"{f.name} and {m.name}"), ("kv", "Grade", str(rng.randint(3, 9))),
          ("table", [["Subject", "Term 1", "Term 2", "Remarks"]] + [[s, rng.choice("ABC"), rng.choice("AB"), rng.choice(["Good effort", "Excellent", "Keep practising"])] for s in subj], True, [2, 1, 1, 2]),
          ("sig", "Class teacher", "Teacher"), ("sig", "Principal", "Principal", "right")]
    return D(bl, [c.lab("student"), f.lab("parent", False), m.lab("parent", False)], "en", "school report card naming child and parents")


def cover_letter(rng, cc):
    p, s = person(rng, cc, "M"), person(rng, cc, "F")
    k1 = child_of(rng, p, s)
    if rng.random() < 0.5:
        bl = [("small", "From: " + p.name + " <" + p.given.split(' ')[0].lower() + "@example.net>"), ("small", "To: relocation team"),
              ("small", "Subject: RE: documents for my wife and son"), ("rule",),
              ("p", "Hi,"), ("p", f"As requested I am sending the documents for my family. My wife {s.name} and I were married in {s.place} in {rdate(rng, 2010, 2018).year}; the marriage certificate is being legalised and I will send it next week. Our son {k1.given} was born on {fd(k1.birth)}."),
              ("p", "His mother and I will both travel, so I understand no consent letter is needed. Please let me know if the birth certificate needs an apostille."),
              ("p", "Best regards,\n" + p.name)]
        return D(bl, [p.lab("sender", False), s.lab("spouse", False), k1.lab("child")], "en", "printed e-mail discussing marriage and child (no certificate)")
    bl = [("right", f"{p.place}, {fd(dt.date(2026, 11, rng.randint(1, 28)))}"), ("p", "To the HR department"), ("pb", "Subject: Dependant visa application — list of enclosures"),
          ("p", f"Dear Sir or Madam, please find enclosed the following documents for my spouse {s.name} and our child {k1.name}:"),
          ("p", "1. Marriage certificate (with apostille)\n2. Birth certificate of our child\n3. Passport copies\n4. Declaration of consent — not applicable"),
          ("p", "Yours faithfully,"), ("sig", p.name, p.name)]
    return D(bl, [p.lab("sender", False), s.lab("spouse", False), k1.lab("child", False)], "en", "cover letter listing enclosures (not itself a certificate)")


def birth_announcement(rng, cc):
    f, m = person(rng, "NL", "M"), person(rng, "NL", "F")
    c = child_of(rng, f, m, 2024, 2026)
    bl = [("gap", 150), ("center", "Wij zijn dolblij met de geboorte van"), ("title", c.given, 56), ("center", fd(c.birth, "nl")),
          ("center", f"{rng.randint(2800, 4100)} gram — {rng.randint(47, 54)} cm"), ("gap", 40),
          ("center", f"{f.name} en {m.name}"), ("small", "Kraamvisite graag even bellen.")]
    return D(bl, [c.lab("child", True), f.lab("parent", False), m.lab("parent", False)], "nl", "birth announcement card (geboortekaartje)", style_hint="fancy")


def notice_marriage(rng, cc):
    h, w = person(rng, "GB", "M"), person(rng, "GB", "F")
    bl = [("center", "REGISTER OFFICE"), ("title", "NOTICE OF MARRIAGE", 30), ("p", "Notice is hereby given that the persons named below intend to marry."),
          ("table", [["", "Person 1", "Person 2"], ["Name", h.name, w.name], ["Age", str(2026 - h.birth.year), str(2026 - w.birth.year)],
                     ["Condition", "Single", "Single"], ["Residence", h.place, w.place]], True, [1, 1.5, 1.5]),
          ("small", "Posted for 28 days. This notice is not a certificate of marriage."), ("seal", ["REGISTER", "OFFICE"])]
    return D(bl, [h.lab("intended_spouse", False), w.lab("intended_spouse", False)], "en", "notice of intended marriage (banns style) — not a marriage certificate nor a CNI")


def vog(rng, cc):
    p = person(rng, "NL")
    bl = [("center", "Justis — Ministerie van Justitie en Veiligheid"), ("title", "VERKLARING OMTRENT HET GEDRAG"),
          ("p", f"De Minister van Justitie en Veiligheid verklaart dat uit een onderzoek naar het gedrag van {p.name}, geboren op {fd(p.birth, 'nl')}, geen bezwaren zijn gebleken."),
          ("kv", "Datum", fd(dt.date(2026, rng.randint(1, 11), 5), "nl")), ("sig", "namens de Minister", "Justis")]
    return D(bl, [p.lab("subject")], "nl", "Dutch certificate of good conduct — a 'verklaring' that is not about marital status")


def travel_letter(rng, cc):
    # a hotel booking for a family
    f, m = person(rng, cc, "M"), person(rng, cc, "F")
    c = child_of(rng, f, m)
    bl = [("title", "Booking confirmation", 30), ("kv", "Guests", f"{f.name}, {m.name}, {c.name} (child, {2026 - c.birth.year} y)"),
          ("kv", "Check-in", "12 January 2027"), ("kv", "Check-out", "26 January 2027"), ("kv", "Room", "Family room, 2 adults + 1 child"),
          ("p", "Thank you for booking with us. Free cancellation until 48 hours before arrival.")]
    return D(bl, [f.lab("guest", False), m.lab("guest", False), c.lab("guest", False)], "en", "hotel booking for a family")


OTHERS = [(divorce, "US"), (divorce, "NL"), (divorce, "IN"), (death, "GB"), (death, "PH"), (baptism, "PH"), (baptism, "BR"),
          (baptism, "NG"), (invitation, "IN"), (invitation, "US"), (menu, "GB"), (menu, "IN"), (rental, "NL"), (rental, "TR"),
          (adoption, "US"), (school, "IN"), (school, "NG"), (cover_letter, "IN"), (cover_letter, "BR"), (cover_letter, "EG"),
          (birth_announcement, "NL"), (notice_marriage, "GB"), (vog, "NL"), (travel_letter, "MX"), (divorce, "US"),
          (death, "GB"), (baptism, "US"), (rental, "NL"), (cover_letter, "TR"), (school, "PH")]


# ---------- personal forms for the family mails
def antecedents(rng, p, filled_for=None, lang="en"):
    q = filled_for or p
    yes_no = ["Are you currently being prosecuted?", "Have you ever been convicted of a crime or offence, in the Netherlands or abroad?",
              "Have you ever received a fine, community service order or penal order?", "Has an entry ban been imposed on you by an EU/EEA country or Switzerland?",
              "Have you ever stayed in the Netherlands illegally?"]
    bl = [("title", "Appendix Antecedents certificate" if lang == "en" else "Bijlage Antecedentenverklaring", 30),
          ("small", "To be completed by every person aged 12 or over"), ("rule",),
          ("kv", "Surname", q.surname), ("kv", "Given names", q.given), ("kv", "Date of birth", fd(q.birth, "dmy-")), ("kv", "V-number", "")]
    for t in yes_no:
        bl.append(("check", t + "  — No", True))
    bl += [("p", "I certify that I have completed this form truthfully."), ("kv", "Place and date", f"{q.place}, {fd(dt.date(2026, 11, rng.randint(1, 25)), 'dmy-')}"),
           ("sig", "Signature", q.name)]
    return bl


def tb_decl(rng, p, signer=None):
    bl = [("title", "Appendix Declaration of intent to undergo a TB test", 28), ("rule",),
          ("kv", "Purpose of stay", "Family member of highly skilled migrant" if signer else "Highly skilled migrant"),
          ("kv", "Surname", p.surname), ("kv", "Given names", p.given), ("kv", "Sex", p.sex), ("kv", "Date of birth", fd(p.birth, "dmy-")),
          ("kv", "Place of birth", p.place or ""), ("kv", "Nationality", NATNAME[p.cc]),
          ("p", "I declare that I am willing to cooperate with an examination for tuberculosis within 3 months after the residence permit is granted, and with treatment if needed."),
          ("sig", "Signature" + (" of parent / legal representative: " + signer.name if signer else ""), (signer or p).name)]
    return bl
