#!/usr/bin/env python3
"""Deterministic generator for the blind 'real-world mail' test set (issue 11).

Run:  python3 generate.py      (writes mails/*.eml and labels.json next to this file)
Needs Python 3.11+ with Pillow (for the small JPEG attachments); everything else is stdlib.
"""
import base64
import datetime as _dt
import json
import os
import quopri
import random
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "mails")
R = random.Random(20261111)

BOT = "hsm-documents@mailbot.example"
HR = "hr@mailbot.example"
FWD = "hr-forward@mailbot.example"
BOT_NAME = "ITSync HSM Documents"

LABELS = []
USED_IDS = set()
COUNTER = {}

# ------------------------------------------------------------------ data
FIRST = ["Arjun", "Priya", "Wei", "Mei", "Carlos", "Lucia", "Ahmed", "Fatima", "Oleksandr", "Iryna",
         "Thabo", "Nomvula", "Kenji", "Yuki", "Rafael", "Beatriz", "Emeka", "Chiamaka", "Dmitri",
         "Svetlana", "Juan", "Valentina", "Hassan", "Aisha", "Minh", "Linh", "Rohan", "Ananya",
         "Mehmet", "Elif", "Diego", "Camila", "Kwame", "Ama", "Sanjay", "Deepa", "Tariq", "Noor",
         "João", "Mariana", "Bilal", "Zainab", "Hyun-woo", "Ji-eun", "Ravi", "Kavya"]
LAST = ["Sharma", "Patel", "Zhang", "Li", "Gómez", "Fernández", "Hassan", "Khan", "Kovalenko",
        "Shevchenko", "Mokoena", "Dlamini", "Tanaka", "Suzuki", "Oliveira", "Santos", "Okafor",
        "Nwosu", "Ivanov", "Petrova", "Rodríguez", "Morales", "Haddad", "Rahman", "Nguyen", "Tran",
        "Iyer", "Reddy", "Yılmaz", "Demir", "Castro", "Herrera", "Mensah", "Boateng", "Gupta",
        "Nair", "Qureshi", "Hussain", "Pereira", "Costa", "Chaudhry", "Bello", "Kim", "Park",
        "Krishnan", "Menon"]
FREEMAIL = ["gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "yahoo.co.in", "icloud.com",
            "protonmail.com", "gmx.de", "live.com", "rediffmail.com", "163.com", "mail.ru",
            "uol.com.br", "naver.com"]
CORP = ["infosys-partners.example", "tcs-alumni.example", "globant.example", "nubank-dev.example",
        "andela-talent.example", "softserve.example", "epam-labs.example", "kaspi-tech.example",
        "flipkart-eng.example", "zoho-corp.example", "mercadolibre-it.example", "wipro-digital.example"]
REMOTE_HOSTS = ["mx1.kpn-mail.example", "mail.telenet.example", "smtp.uni-bonn.example",
                "mx.ziggo.example", "mail.solvinity.example", "mx2.hostnet.example",
                "mail.transip.example", "relay.ionos.example", "mx.ovh-mail.example"]


def ascii_fold(s):
    table = str.maketrans("áéíóúãõçñüöäıİşğèêâôàÁÉÍÓÚÃÕÇÑÜÖÄŞĞ", "aeiouaocnuoaiisgeeaoaAEIOUAOCNUOASG")
    return s.translate(table).replace("-", "")


def person(dom=None):
    f, l = R.choice(FIRST), R.choice(LAST)
    d = dom or R.choice(FREEMAIL)
    style = R.randrange(5)
    fa, la = ascii_fold(f).lower(), ascii_fold(l).lower()
    local = [f"{fa}.{la}", f"{fa}{la}{R.randrange(10, 99)}", f"{fa[0]}{la}", f"{la}.{fa}",
             f"{fa}_{la}"][style]
    return f"{f} {l}", f"{local}@{d}"


# ------------------------------------------------------------------ helpers
def when(day=None, tz=None):
    day = day or R.randint(1, 27)
    h, m, s = R.randint(0, 23), R.randint(0, 59), R.randint(0, 59)
    tz = tz or R.choice(["+0100", "+0100", "+0000", "+0530", "-0500", "+0800", "-0300", "+0200"])
    return _dt.datetime(2026, 11, day, h, m, s), tz


def rfcdate(dt, tz, style=0):
    if style == 1:   # single digit day, no leading zero (Apple, qmail, many MTAs)
        return f"{dt.strftime('%a')}, {dt.day} {dt.strftime('%b %Y %H:%M:%S')} {tz}"
    if style == 2:   # with zone comment (sendmail, older Exim)
        c = {"+0100": "CET", "+0000": "GMT", "-0500": "EST", "+0200": "EET"}.get(tz, "")
        return dt.strftime("%a, %d %b %Y %H:%M:%S ") + tz + (f" ({c})" if c else "")
    return dt.strftime("%a, %d %b %Y %H:%M:%S ") + tz


def later(dt, tz, minutes=(1, 300)):
    return dt + _dt.timedelta(minutes=R.randint(*minutes), seconds=R.randint(0, 59)), tz


def hexs(n, upper=True):
    s = "".join(R.choice("0123456789abcdef") for _ in range(n))
    return s.upper() if upper else s


def alnum(n, chars="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"):
    return "".join(R.choice(chars) for _ in range(n))


def uuid4():
    h = hexs(32, False)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:32]}"


def ts(dt):
    return int((dt - _dt.datetime(1970, 1, 1)).total_seconds())


def mkid(kind, host=None, dt=None, long=False):
    dt = dt or _dt.datetime(2026, 11, 10, 12, 0, 0)
    if kind == "postfix":
        return f"<{dt.strftime('%Y%m%d%H%M%S')}.{hexs(10)}@{host}>"
    if kind == "gmail":
        return f"<CA{alnum(R.choice([40, 45, 52]))}@mail.gmail.com>"
    if kind == "gmailbounce":
        return f"<{alnum(14)}.{alnum(8)}.{alnum(12)}@mx.google.com>"
    if kind == "exchange":
        srv = R.choice(["AM6PR04MB", "DB9PR10MB", "PAXPR08MB", "AS8PR07MB", "VI1PR02MB", "DU0PR03MB"]) + str(R.randint(1000, 9999))
        reg = R.choice(["eurprd04", "eurprd10", "eurprd08", "EURPRD07", "namprd12", "apcprd06"])
        body = hexs(40 if long else 24) + ("" if not long else hexs(R.randint(20, 70)))
        return f"<{srv}{body}@{srv}.{reg}.prod.outlook.com>"
    if kind == "javamail":
        h = host or "app-prd-07.mail.internal.example"
        return f"<{R.randint(10**8, 10**9)}.{R.randint(1, 999999)}.{ts(dt)}{R.randint(100, 999)}.JavaMail.{R.choice(['zimbra', 'weblogic', 'tomcat', 'root', 'jboss'])}@{h}>"
    if kind == "apple":
        return f"<{uuid4().upper()}@{host or 'icloud.com'}>"
    if kind == "thunderbird":
        return f"<{uuid4()}@{host}>"
    if kind == "yahoo":
        return f"<{R.randint(10**8, 10**9)}.{R.randint(10**5, 10**6)}.{ts(dt)}{R.randint(100, 999)}@mail.yahoo.com>"
    if kind == "qmail":
        return f"<{ts(dt)}.{R.randint(1000, 99999)}.qmail@{host}>"
    if kind == "exim":
        return f"<E1{alnum(5)}-{alnum(6)}-{alnum(2)}@{host}>"
    if kind == "sendmail":
        return f"<{dt.strftime('%Y%m%d%H%M')}.{alnum(6)}{R.randint(100000, 999999)}@{host}>"
    if kind == "domino":
        return f"<OF{hexs(8)}.{hexs(8)}-ON{hexs(8)}.{hexs(8)}-{hexs(8)}.{hexs(8)}@{host}>"
    if kind == "bot":
        if dt == _dt.datetime(2026, 11, 10, 12, 0, 0):
            dt = _dt.datetime(2026, 11, R.randint(1, 9), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59))
        return f"<{dt.strftime('%Y%m%d%H%M%S')}.{hexs(12, False)}@mailbot.example>"
    return f"<{alnum(20)}@{host or 'example.com'}>"


def b64(data, width=76):
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i + width] for i in range(0, len(s), width))


def qp(text, charset="utf-8"):
    return quopri.encodestring(text.encode(charset)).decode().replace("\r\n", "\n")


def ew(text, charset="utf-8", enc="B", maxw=75):
    """RFC 2047 encode; several words folded with a space."""
    if all(ord(c) < 128 for c in text) and enc != "force":
        return text
    words = []
    cur = ""
    for ch in text:
        trial = cur + ch
        if enc == "Q":
            enc_s = "".join(c if (c.isalnum() and ord(c) < 128) else ("_" if c == " " else "".join(f"={b:02X}" for b in c.encode(charset))) for c in trial)
        else:
            enc_s = base64.b64encode(trial.encode(charset)).decode()
        if len(f"=?{charset}?{enc}?{enc_s}?=") > maxw and cur:
            words.append(cur)
            cur = ch
        else:
            cur = trial
    if cur:
        words.append(cur)
    out = []
    for w in words:
        if enc == "Q":
            e = "".join(c if (c.isalnum() and ord(c) < 128) else ("_" if c == " " else "".join(f"={b:02X}" for b in c.encode(charset))) for c in w)
        else:
            e = base64.b64encode(w.encode(charset)).decode()
        out.append(f"=?{charset}?{enc}?{e}?=")
    return "\n ".join(out)


def fold(name, value, width=78):
    """Fold a header at spaces (simple, like most MTAs)."""
    line = f"{name}: "
    lines = []
    for tok in value.split(" "):
        if len(line) + len(tok) > width and line.strip() and not line.endswith(": "):
            lines.append(line.rstrip())
            line = " " + tok + " "
        else:
            line += tok + " "
    lines.append(line.rstrip())
    return "\n".join(lines)


def dispname(name, addr):
    if all(ord(c) < 128 for c in name):
        if any(c in name for c in ',.()'):
            return f'"{name}" <{addr}>'
        return f"{name} <{addr}>"
    return f"{ew(name)} <{addr}>"


def received(frm_host, by_host, dt, tz, idtag=None, with_="ESMTPS", for_=None, ip=None):
    ip = ip or f"{R.randint(20, 223)}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"
    idtag = idtag or hexs(10)
    s = f"Received: from {frm_host} ({frm_host} [{ip}])\n\tby {by_host} (Postfix) with {with_} id {idtag}"
    if for_:
        s += f"\n\tfor <{for_}>"
    s += f"; {rfcdate(dt, tz)}"
    return s


def inbound(dt, tz, frm_host, to=BOT):
    """Receiving hop at the operator's MX (always Postfix at mailbot.example, local time +0100)."""
    off = (1 if tz[0] == "+" else -1) * (int(tz[1:3]) * 60 + int(tz[3:5]))
    local = dt - _dt.timedelta(minutes=off) + _dt.timedelta(minutes=60, seconds=R.randint(1, 40))
    return received(frm_host, "mx1.mailbot.example", local, "+0100", for_=to)


# ------------------------------------------------------------------ attachments
def tiny_pdf(title):
    objs = []
    text = title.replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 72 760 Td ({text}) Tj ET\nBT /F1 11 Tf 72 730 Td (Scanned copy - page 1 of 1) Tj ET\n"
    objs.append("<< /Type /Catalog /Pages 2 0 R >>")
    objs.append("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    objs.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>")
    objs.append(f"<< /Length {len(stream)} >>\nstream\n{stream}endstream")
    objs.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    data = bytearray(out.encode("latin-1"))
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(data))
        data += f"{i} 0 obj\n{o}\nendobj\n".encode("latin-1")
    xref = len(data)
    data += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for o in offs:
        data += f"{o:010d} 00000 n \n".encode()
    data += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(data)


_JPEG_CACHE = {}


def tiny_jpeg(seed=0):
    if seed in _JPEG_CACHE:
        return _JPEG_CACHE[seed]
    try:
        from PIL import Image, ImageDraw
    except ImportError:
        raise SystemExit("Pillow is needed for the JPEG attachments (use an interpreter that has it)")
    if True:
        import io
        rr = random.Random(seed)
        im = Image.new("RGB", (320, 220), (rr.randint(200, 250), rr.randint(200, 250), rr.randint(190, 240)))
        d = ImageDraw.Draw(im)
        d.rectangle([14, 14, 306, 206], outline=(40, 40, 90), width=3)
        d.rectangle([24, 40, 100, 140], fill=(150, 140, 130))
        for i in range(6):
            d.line([120, 45 + i * 16, 290, 45 + i * 16], fill=(60, 60, 60), width=2)
        d.text((24, 170), "P<XXX" + "<" * 20, fill=(0, 0, 0))
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=75)
        data = buf.getvalue()
    _JPEG_CACHE[seed] = data
    return data


def tiny_zip(name, content):
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        zi = zipfile.ZipInfo(name, date_time=(2026, 11, 10, 0, 0, 0))
        zi.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(zi, content)
    return buf.getvalue()


def tiny_gzip(content):
    import gzip
    return gzip.compress(content.encode(), mtime=1762732800)


def attach_part(ctype, filename, data, disp="attachment", extra=""):
    fn = filename if all(ord(c) < 128 for c in filename) else ew(filename)
    return (f'Content-Type: {ctype}; name="{fn}"\n'
            f'Content-Disposition: {disp}; filename="{fn}"{extra}\n'
            f"Content-Transfer-Encoding: base64\n\n{b64(data)}\n")


# ------------------------------------------------------------------ emitting
def emit(category, raw, software, language, expect, msgid, sender=None, candidate=None,
         has_att=False, crlf=False, note_prefix=None):
    assert msgid not in USED_IDS, msgid
    assert msgid in raw.replace("\n ", " ").replace("\n\t", " ") or msgid in raw.replace("\n", ""), msgid
    USED_IDS.add(msgid)
    COUNTER[category] = COUNTER.get(category, 0) + 1
    fname = f"mails/{category}-{software}-{COUNTER[category]:03d}.eml"
    data = raw.lstrip("\n")
    if not data.endswith("\n"):
        data += "\n"
    if crlf:
        data = data.replace("\n", "\r\n")
    with open(os.path.join(HERE, fname), "wb") as f:
        f.write(data.encode("utf-8", "surrogateescape"))
    LABELS.append({"file": fname, "category": category, "software": software, "language": language,
                   "expect": expect, "sender": sender, "candidate": candidate,
                   "has_attachments": has_att, "message_id": msgid})


# ------------------------------------------------------------------ the bot's own outgoing reply (what bounces quote)
SUBJ_BOT = ["Re: HSM visa documents", "Your HSM documents: 2 items still missing",
            "Re: Documents for visa application", "Re: passport + antecedents", "Received: your HSM visa documents",
            "Re: [HSM-{n}] documents", "Re: Highly Skilled Migrant application – documents",
            "We still need your TB declaration"]


def bot_original(to, dt, tz, full=True):
    subj = R.choice(SUBJ_BOT).replace("{n}", str(R.randint(1000, 9999)))
    mid = mkid("bot", dt=dt)
    irt = mkid(R.choice(["gmail", "exchange", "apple"]), host="icloud.com")
    hdr = (f"Return-Path: <{BOT}>\n"
           f"Received: from worker1.mailbot.example (worker1.mailbot.example [10.20.0.11])\n"
           f"\tby smtp.mailbot.example (Postfix) with ESMTPSA id {hexs(10)}\n"
           f"\tfor <{to}>; {rfcdate(dt, tz)}\n"
           f"From: {BOT_NAME} <{BOT}>\n"
           f"To: {to}\n"
           f"Subject: {ew(subj)}\n"
           f"Date: {rfcdate(dt, tz)}\n"
           f"Message-ID: {mid}\n"
           f"In-Reply-To: {irt}\n"
           f"References: {irt}\n"
           f"Auto-Submitted: auto-replied\n"
           f"MIME-Version: 1.0\n"
           f"Content-Type: text/plain; charset=\"utf-8\"\n"
           f"Content-Transfer-Encoding: 7bit\n")
    body = ("Dear candidate,\n\nThank you for your e-mail. We have received the following documents:\n"
            " - passport copy\n\nWe still need from you:\n - signed Antecedents Certificate\n"
            " - TB test declaration (unless exempt)\n\nKind regards,\nITSync HR\n")
    return hdr, body, subj, mid


# ================================================================== BOUNCES
REASONS = [
    ("5.1.1", "550", "550 5.1.1 <{r}>: Recipient address rejected: User unknown in virtual mailbox table", "User unknown"),
    ("5.2.2", "552", "552 5.2.2 <{r}>: Mailbox full: user is over quota", "Mailbox full"),
    ("5.7.1", "554", "554 5.7.1 <{r}>: Relay access denied", "Relay access denied"),
    ("5.1.1", "550", "550-5.1.1 The email account that you tried to reach does not exist.", "no such user"),
    ("4.4.1", "451", "451 4.4.1 Connection timed out", "timeout"),
    ("5.7.1", "550", "550 5.7.1 Message rejected as spam by Content Filtering.", "rejected"),
    ("5.4.4", "550", "Host or domain name not found. Name service error for name={d} type=A: Host not found", "domain not found"),
]


def pick_reason(rcpt):
    st, code, txt, short = R.choice(REASONS)
    return st, code, txt.replace("{r}", rcpt).replace("{d}", rcpt.split("@")[1]), short


def bounce_target():
    """Who the bounced message was addressed to (a candidate the bot answered)."""
    n, a = person()
    return a


def orig_as_rfc822(to, dt, tz, headers_only=False):
    hdr, body, subj, mid = bot_original(to, dt, tz)
    return (hdr if headers_only else hdr + "\n" + body), subj, mid


def b_postfix(i):
    host = R.choice(["mail.mailbot.example", "smtp.mailbot.example"])
    rcpt = bounce_target()
    dt0, tz = when(tz="+0100")
    dt, _ = later(dt0, tz)
    qid = hexs(10)
    bnd = f"{qid}.{ts(dt)}/{host}"
    st, code, txt, short = pick_reason(rcpt)
    remote = R.choice(REMOTE_HOSTS)
    delayed = (i % 6 == 5)
    headers_only = (i % 3 == 1)
    orig, osubj, omid = orig_as_rfc822(rcpt, dt0, tz, headers_only)
    mid = f"<{dt.strftime('%Y%m%d%H%M%S')}.{hexs(10)}@{host}>"
    subj = "Delayed Mail (still being retried)" if delayed else "Undelivered Mail Returned to Sender"
    rp = "Return-Path: <>\n" if i % 4 != 3 else f"Return-Path: <MAILER-DAEMON@{host}>\n"
    if i % 7 == 6:
        rp = ""
    if delayed:
        st, code, txt = "4.4.1", "451", f"connect to {remote}[{R.randint(80,200)}.1.2.3]:25: Connection timed out"
        intro = (f"This is the mail system at host {host}.\n\n"
                 "####################################################################\n"
                 "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
                 "####################################################################\n\n"
                 "Your message could not be delivered for more than 3 hour(s).\n"
                 "It will be retried until it is 5 day(s) old.\n\n"
                 "For further assistance, please send mail to postmaster.\n\n"
                 "If you do so, please include this problem report. You can\n"
                 "delete your own text from the attached returned message.\n\n"
                 "                   The mail system\n\n"
                 f"<{rcpt}>: {txt}\n")
    else:
        intro = (f"This is the mail system at host {host}.\n\n"
                 "I'm sorry to have to inform you that your message could not\n"
                 "be delivered to one or more recipients. It's attached below.\n\n"
                 "For further assistance, please send mail to postmaster.\n\n"
                 "If you do so, please include this problem report. You can\n"
                 "delete your own text from the attached returned message.\n\n"
                 "                   The mail system\n\n"
                 + (f"<{rcpt}>: {txt}\n" if txt.startswith("Host or domain") else
                    f"<{rcpt}>: host {remote}[{R.randint(80,200)}.{R.randint(0,255)}.{R.randint(0,255)}.{R.randint(1,254)}] said:\n    {txt} (in reply to RCPT TO command)\n"))
    action = "delayed" if delayed else "failed"
    raw = (f"{rp}Delivered-To: {BOT}\n"
           f"Received: by {host} (Postfix)\n\tid {qid}; {rfcdate(dt, tz)}\n"
           f"Date: {rfcdate(dt, tz)}\n"
           f"From: MAILER-DAEMON@{host} (Mail Delivery System)\n"
           f"Subject: {subj}\n"
           f"To: {BOT}\n"
           f"Auto-Submitted: auto-replied\n"
           f"MIME-Version: 1.0\n"
           f"Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"{bnd}\"\n"
           f"Content-Transfer-Encoding: 8bit\n"
           f"Message-Id: {mid}\n\n"
           "This is a MIME-encapsulated message.\n\n"
           f"--{bnd}\nContent-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n\n{intro}\n"
           f"--{bnd}\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\n"
           f"Reporting-MTA: dns; {host}\nX-Postfix-Queue-ID: {qid}\nX-Postfix-Sender: rfc822; {BOT}\n"
           f"Arrival-Date: {rfcdate(dt0, tz)}\n\n"
           f"Final-Recipient: rfc822; {rcpt}\nOriginal-Recipient: rfc822;{rcpt}\nAction: {action}\nStatus: {st}\n"
           f"Remote-MTA: dns; {remote}\nDiagnostic-Code: smtp; {txt}\n"
           + ("Will-Retry-Until: " + rfcdate(dt0 + _dt.timedelta(days=5), tz) + "\n" if delayed else "") + "\n"
           f"--{bnd}\nContent-Description: {'Undelivered Message Headers' if headers_only else ('Delayed Message' if delayed else 'Undelivered Message')}\n"
           f"Content-Type: {'text/rfc822-headers' if headers_only else 'message/rfc822'}\n"
           f"Content-Transfer-Encoding: 8bit\n\n{orig}\n--{bnd}--\n")
    emit("bounce", raw, "postfix", "en", "no_reply", mid)


def b_exim(i):
    host = R.choice(["mx.hostingco.example", "mail.uni-stuttgart.example", "cpanel42.webhost.example", "smtp.telkom.example"])
    rcpt = bounce_target()
    dt0, tz = when(tz=R.choice(["+0100", "+0000", "+0200"]))
    dt, _ = later(dt0, tz)
    st, code, txt, short = pick_reason(rcpt)
    eid = f"1{alnum(5)}-{alnum(6)}-{alnum(2)}"
    mid = f"<E{eid}@{host}>"
    orig, osubj, omid = orig_as_rfc822(rcpt, dt0, tz)
    rp = "Return-Path: <>\n"
    warn = (i % 5 == 4)
    common = (f"{rp}Envelope-to: {BOT}\nDelivery-date: {rfcdate(dt, tz)}\n{inbound(dt, tz, host)}\n"
              f"Received: from mail by {host} with local (Exim 4.9{R.randint(4,8)})\n\tid {eid}\n\tfor {BOT}; {rfcdate(dt, tz)}\n")
    if warn:
        subj = f"Warning: message 1{alnum(5)}-{alnum(6)}-{alnum(2)} delayed 24 hours"
        body = ("This message was created automatically by mail delivery software.\n"
                f"A message that you sent has not yet been delivered to one or more of its\n"
                f"recipients after more than 24 hours on the queue on {host}.\n\n"
                f"The message identifier is:     1{alnum(5)}-{alnum(6)}-{alnum(2)}\n"
                f"The subject of the message is: {osubj}\n"
                f"The date of the message is:    {rfcdate(dt0, tz)}\n\n"
                "The address to which the message has not yet been delivered is:\n\n"
                f"  {rcpt}\n    Delay reason: SMTP error from remote mail server after initial connection:\n"
                "    421 Too many concurrent SMTP connections; please try again later.\n\n"
                "No action is required on your part. Delivery attempts will continue for\n"
                "some time, and this warning may be repeated at intervals if the message\n"
                "remains undelivered. Eventually the mail delivery software will give up,\n"
                "and when that happens, the message will be returned to you.\n")
        raw = (common + f"X-Failed-Recipients: {rcpt}\nAuto-Submitted: auto-replied\n"
               f"From: Mail Delivery System <Mailer-Daemon@{host}>\nTo: {BOT}\n"
               f"Subject: {subj}\nMessage-Id: {mid}\nDate: {rfcdate(dt, tz)}\n\n{body}")
        emit("bounce", raw, "exim", "en", "no_reply", mid)
        return
    if i % 2 == 0:  # classic non-MIME exim bounce
        body = ("This message was created automatically by mail delivery software.\n\n"
                "A message that you sent could not be delivered to one or more of its\n"
                "recipients. This is a permanent error. The following address(es) failed:\n\n"
                f"  {rcpt}\n    host {R.choice(REMOTE_HOSTS)} [{R.randint(80,200)}.44.12.{R.randint(1,254)}]\n"
                f"    SMTP error from remote mail server after RCPT TO:<{rcpt}>:\n    {txt}\n\n"
                "------ This is a copy of the message, including all the headers. ------\n\n" + orig)
        raw = (common + f"X-Failed-Recipients: {rcpt}\nAuto-Submitted: auto-replied\n"
               f"From: Mail Delivery System <Mailer-Daemon@{host}>\nTo: {BOT}\n"
               f"Subject: Mail delivery failed: returning message to sender\nMessage-Id: {mid}\nDate: {rfcdate(dt, tz)}\n\n{body}")
    else:
        bnd = f"{ts(dt)}-eximdsn-{R.randint(10**8, 10**9)}"
        raw = (common + f"X-Failed-Recipients: {rcpt}\nAuto-Submitted: auto-replied\n"
               f"From: Mail Delivery System <Mailer-Daemon@{host}>\nTo: {BOT}\n"
               f"Content-Type: multipart/report; report-type=delivery-status; boundary={bnd}\n"
               f"MIME-Version: 1.0\nSubject: Mail delivery failed: returning message to sender\n"
               f"Message-Id: {mid}\nDate: {rfcdate(dt, tz)}\n\n"
               f"--{bnd}\nContent-type: text/plain; charset=us-ascii\n\n"
               "This message was created automatically by mail delivery software.\n\n"
               "A message that you sent could not be delivered to one or more of its\n"
               "recipients. This is a permanent error. The following address(es) failed:\n\n"
               f"  {rcpt}\n    {short}\n\n"
               f"--{bnd}\nContent-type: message/delivery-status\n\nReporting-MTA: dns; {host}\n\n"
               f"Action: failed\nFinal-Recipient: rfc822;{rcpt}\nStatus: {st}\n"
               f"Remote-MTA: dns; {R.choice(REMOTE_HOSTS)}\nDiagnostic-Code: smtp; {txt}\n\n"
               f"--{bnd}\nContent-type: message/rfc822\n\n{orig}\n--{bnd}--\n")
    emit("bounce", raw, "exim", "en", "no_reply", mid)


def b_sendmail(i):
    host = R.choice(["mail.cs.iitb.example", "relay.bigbank.example", "mx.gov-agency.example", "smtp.unam.example"])
    rcpt = bounce_target()
    dt0, tz = when(tz=R.choice(["-0500", "+0530", "-0600", "+0100"]))
    dt, _ = later(dt0, tz)
    st, code, txt, short = pick_reason(rcpt)
    qid = f"{alnum(2)}{R.choice('ABCDEFGH')}{alnum(3)}{R.randint(100000, 999999)}"
    bnd = f"{qid}.{ts(dt)}/{host}"
    mid = f"<{dt.strftime('%Y%m%d%H%M')}.{qid}@{host}>"
    orig, osubj, omid = orig_as_rfc822(rcpt, dt0, tz, headers_only=(i % 2 == 0))
    warn = (i % 4 == 3)
    subj = "Warning: could not send message for past 4 hours" if warn else "Returned mail: see transcript for details"
    if i % 5 == 2:
        subj = "Returned mail: User unknown"
    head = ("   **********************************************\n"
            "   **      THIS IS A WARNING MESSAGE ONLY      **\n"
            "   **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **\n"
            "   **********************************************\n\n") if warn else ""
    kind = "The following addresses had transient non-fatal errors" if warn else "The following addresses had permanent fatal errors"
    text = (f"The original message was received at {rfcdate(dt0, tz, 2)}\nfrom smtp.mailbot.example [203.0.113.25]\n\n{head}"
            f"   ----- {kind} -----\n<{rcpt}>\n    (reason: {code} {st} {short})\n\n"
            "   ----- Transcript of session follows -----\n"
            f"... while talking to {R.choice(REMOTE_HOSTS)}.:\n>>> DATA\n<<< {txt}\n{code} {st} <{rcpt}>... {short}\n<<< 503 5.0.0 Need RCPT (recipient)\n")
    raw = (f"Return-Path: <>\n{inbound(dt, tz, host)}\n"
           f"Received: from localhost (localhost)\n\tby {host} (8.15.2/8.15.2) id {qid};\n\t{rfcdate(dt, tz, 2)}\n"
           f"Date: {rfcdate(dt, tz, 2)}\nFrom: Mail Delivery Subsystem <MAILER-DAEMON@{host}>\n"
           f"Message-Id: {mid}\nTo: <{BOT}>\nMIME-Version: 1.0\n"
           f"Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"{bnd}\"\n"
           f"Subject: {subj}\nAuto-Submitted: auto-generated (failure)\n\n"
           "This is a MIME-encapsulated message\n\n"
           f"--{bnd}\n\n{text}\n--{bnd}\nContent-Type: message/delivery-status\n\n"
           f"Reporting-MTA: dns; {host}\nReceived-From-MTA: DNS; smtp.mailbot.example\nArrival-Date: {rfcdate(dt0, tz, 2)}\n\n"
           f"Final-Recipient: RFC822; {rcpt}\nAction: {'delayed' if warn else 'failed'}\nStatus: {st}\n"
           f"Diagnostic-Code: SMTP; {txt}\nLast-Attempt-Date: {rfcdate(dt, tz, 2)}\n\n"
           f"--{bnd}\nContent-Type: {'text/rfc822-headers' if i % 2 == 0 else 'message/rfc822'}\n\n{orig}\n--{bnd}--\n\n")
    if i % 3 == 2:  # older sendmail: no Auto-Submitted
        raw = raw.replace("Auto-Submitted: auto-generated (failure)\n", "")
    emit("bounce", raw, "sendmail", "en", "no_reply", mid)


def b_qmail(i):
    host = R.choice(["mail.isp-ro.example", "mx.colo-kz.example", "qmail.webfarm.example", "mail.pk-isp.example"])
    rcpt = bounce_target()
    dt0, tz = when(tz="+0000")
    dt, _ = later(dt0, tz)
    st, code, txt, short = pick_reason(rcpt)
    mid = f"<{ts(dt)}.{R.randint(1000, 99999)}.qmail@{host}>"
    orig, osubj, omid = orig_as_rfc822(rcpt, dt0, tz)
    ip = f"{R.randint(80,200)}.{R.randint(0,255)}.7.{R.randint(1,254)}"
    reasons = [f"Sorry, no mailbox here by that name. (#5.1.1)",
               f"{ip} does not like recipient.\nRemote host said: {txt}\nGiving up on {ip}.",
               "This address no longer accepts mail.",
               f"Connected to {ip} but sender was rejected.\nRemote host said: 553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)"]
    body = (f"Hi. This is the qmail-send program at {host}.\n"
            "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
            "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
            f"<{rcpt}>:\n{R.choice(reasons)}\n\n--- Below this line is a copy of the message.\n\n{orig}")
    rp = "Return-Path: <>\n" if i % 3 else f"Return-Path: <#@[]>\n"
    raw = (f"{rp}{inbound(dt, tz, host)}\nReceived: (qmail {R.randint(1000, 99999)} invoked for bounce); {rfcdate(dt, tz, 1)}\n"
           f"Date: {dt.day} {dt.strftime('%b %Y %H:%M:%S')} -0000\n"
           f"From: MAILER-DAEMON@{host}\nTo: {BOT}\nSubject: failure notice\nMessage-ID: {mid}\n\n{body}")
    if i % 3 == 0:
        raw = raw.replace(f"Message-ID: {mid}\n", f"Message-ID: {mid}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n")
    emit("bounce", raw, "qmail", "en", "no_reply", mid)


EXCH_L = {
    "en": ("Undeliverable:", "Your message to {r} couldn't be delivered.", "{u} wasn't found at {d}.", "Delivery has failed to these recipients or groups:"),
    "nl": ("Onbestelbaar:", "Uw bericht aan {r} kan niet worden bezorgd.", "{u} is niet gevonden op {d}.", "Het bezorgen van dit bericht aan de volgende ontvangers of groepen is mislukt:"),
    "de": ("Unzustellbar:", "Ihre Nachricht an {r} konnte nicht zugestellt werden.", "{u} wurde bei {d} nicht gefunden.", "Fehler bei der Zustellung an folgende Empfänger oder Gruppen:"),
    "fr": ("Non remis :", "Votre message à {r} n'a pas pu être remis.", "{u} est introuvable sur {d}.", "La remise aux destinataires ou groupes suivants a échoué :"),
    "es": ("No se puede entregar:", "No se pudo entregar el mensaje a {r}.", "No se encontró a {u} en {d}.", "Error en la entrega a estos destinatarios o grupos:"),
    "pt": ("Não é possível entregar:", "Não foi possível entregar a sua mensagem para {r}.", "{u} não foi encontrado em {d}.", "Falha na entrega a estes destinatários ou grupos:"),
}


def b_exchange(i):
    lang = ["en", "en", "en", "nl", "de", "fr", "es", "pt"][i % 8]
    rcpt = bounce_target()
    u, d = rcpt.split("@")
    dt0, tz = when(tz="+0000")
    dt, _ = later(dt0, tz, (0, 5))
    pre, l1, l2, l3 = EXCH_L[lang]
    orig, osubj, omid = orig_as_rfc822(rcpt, dt0, tz, headers_only=True)
    tenant = R.choice(["contoso", "fabrikamhr", "northwindtraders", "tailspin-eu", "adatum"])
    obe = f"{R.choice(['EUR05', 'EUR02', 'EUR03', 'NAM12', 'APC01'])}-{R.choice(['AM6', 'DB8', 'VI1', 'BN8', 'SG2'])}-obe.outbound.protection.outlook.com"
    mid = mkid("exchange", long=(i % 3 == 0))
    mid = mid.replace("<", f"<{uuid4()}@").split("@")[0] + "@" + mid.split("@")[-1] if i % 2 else mid
    bnd = f"_{uuid4()}_"
    modern = i % 5 != 4
    if modern:
        from_ = f"Microsoft Outlook <MAILER-DAEMON@{obe}>" if i % 2 else f"postmaster@{tenant}.onmicrosoft.com"
        text = (f"{l1.replace('{r}', rcpt)}\n\n{l2.replace('{u}', u).replace('{d}', d)}\n\n"
                + {"en": "Diagnostic information for administrators:\n", "nl": "Diagnostische gegevens voor beheerders:\n",
                   "de": "Diagnoseinformationen für Administratoren:\n", "fr": "Informations de diagnostic pour les administrateurs :\n",
                   "es": "Información de diagnóstico para administradores:\n", "pt": "Informações de diagnóstico para administradores:\n"}[lang]
                + f"\nGenerating server: {obe.split('-obe')[0].replace('-', '')}PR0{R.randint(1,9)}MB{R.randint(1000,9999)}.prod.outlook.com\n\n{rcpt}\nRemote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient {rcpt} not found by SMTP address lookup'\n\nOriginal message headers:\n\n{orig}")
    else:
        from_ = f"Microsoft Exchange <postmaster@{tenant}.example>"
        text = (f"{l3}\n\n{rcpt}\nThe e-mail address you entered couldn't be found. Please check the recipient's e-mail address and try to resend the message. If the problem continues, please contact your helpdesk.\n\n\n\n\n\n\nDiagnostic information for administrators:\n\nGenerating server: EXCH01.{tenant}.local\n\n{rcpt}\n#550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found ##\n\nOriginal message headers:\n\n{orig}")
    html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>" + \
           "".join(f"<p>{line}</p>" for line in text.split("\n\n")[:3]) + "</body></html>"
    subj = f"{pre} {osubj}"
    raw = (f"Received: from {obe.replace('-obe.outbound.protection.outlook.com', '')}.prod.outlook.com (2603:10a6:20b::{hexs(2, False)})\n"
           f" by mx1.mailbot.example (Postfix) with ESMTPS id {hexs(10)}\n for <{BOT}>; {rfcdate(dt, tz)}\n"
           f"Return-Path: <>\nFrom: {from_}\nTo: <{BOT}>\nDate: {rfcdate(dt, tz)}\n"
           f"Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"{bnd}\"\n"
           f"X-MS-Exchange-Message-Is-Ndr:\nContent-Language: {'en-US' if lang == 'en' else {'nl':'nl-NL','de':'de-DE','fr':'fr-FR','es':'es-ES','pt':'pt-BR'}[lang]}\n"
           f"Message-ID:\n\t{mid}\nIn-Reply-To: {omid}\nReferences: {omid}\n"
           f"Thread-Topic: {ew(osubj)}\nSubject: {ew(subj)}\nAuto-Submitted: auto-replied\n"
           f"X-MS-PublicTrafficType: Email\nX-MS-Exchange-Organization-SCL: -1\nMIME-Version: 1.0\n\n"
           f"--{bnd}\nContent-Type: multipart/alternative; differences=Content-Type;\n\tboundary=\"{bnd}a\"\n\n"
           f"--{bnd}a\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n\n{qp(text)}\n"
           f"--{bnd}a\nContent-Type: text/html; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n\n{qp(html)}\n--{bnd}a--\n\n"
           f"--{bnd}\nContent-Type: message/delivery-status\n\nReporting-MTA: dns;{obe.split('.')[0]}.prod.outlook.com\n"
           f"Received-From-MTA: dns;smtp.mailbot.example\nArrival-Date: {rfcdate(dt0, tz)}\n\n"
           f"Final-Recipient: rfc822;{rcpt}\nAction: failed\nStatus: 5.1.10\n"
           f"Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient {rcpt} not found by SMTP address lookup\n\n"
           f"--{bnd}\nContent-Type: text/rfc822-headers\n\n{orig}\n--{bnd}--\n")
    if i % 4 == 1:
        raw = raw.replace("Auto-Submitted: auto-replied\n", "")
    emit("bounce", raw, "exchange", lang, "no_reply", mid.strip(), crlf=(i % 3 == 1))


def b_gmail(i):
    rcpt = bounce_target()
    dt0, tz = when(tz="-0800")
    dt, _ = later(dt0, tz, (0, 3))
    orig, osubj, omid = orig_as_rfc822(rcpt, dt0, tz)
    bnd = "0000000000" + hexs(18, False)
    mid = f"<{hexs(8, False)}.{alnum(3)}{R.randint(100000,999999)}.{alnum(4)}@mx.google.com>"
    kind = i % 4
    if kind == 3:
        subj, title = "Delivery Status Notification (Delay)", "Message not delivered yet"
        txt = (f"** Message not delivered yet **\n\nThere was a temporary problem delivering your message to {rcpt}. Gmail will retry for {R.randint(40,46)} more hours. You'll be notified if the delivery fails permanently.\n\n"
               f"The response was:\n\nThe recipient server did not accept our requests to connect.")
    elif kind == 2:
        subj, title = "Delivery Status Notification (Failure)", "Message blocked"
        txt = (f"** Message blocked **\n\nYour message to {rcpt} has been blocked. See technical details below for more information.\n\n"
               f"The response from the remote server was:\n550 5.7.1 Service unavailable, Client host blocked using Spamhaus.")
    else:
        subj, title = "Delivery Status Notification (Failure)", "Address not found"
        txt = (f"** Address not found **\n\nYour message wasn't delivered to {rcpt} because the address couldn't be found, or is unable to receive mail.\n\n"
               f"Learn more here: https://support.google.com/mail/?p=NoSuchUser\n\nThe response was:\n\n"
               f"The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser")
    html = f"<html><head></head><body><div><h1>{title}</h1><p>{txt.split(chr(10)+chr(10))[1]}</p></div></body></html>"
    raw = (f"Return-Path: <>\n{inbound(dt, tz, 'mail-sor-f69.google.com')}\n"
           f"Received: by 2002:a05:6a10:{hexs(4, False)} with SMTP id {alnum(10)};\n        {rfcdate(dt, tz)}\n"
           f"Content-Type: multipart/report; boundary=\"{bnd}\"; report-type=delivery-status\n"
           f"Return-Path: <>\nDate: {rfcdate(dt, tz)} (PST)\nFrom: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
           f"Auto-Submitted: auto-replied\nMessage-ID: {mid}\nTo: {BOT}\nX-Failed-Recipients: {rcpt}\nSubject: {subj}\n"
           f"References: {omid}\nIn-Reply-To: {omid}\nX-Gm-Message-State: {alnum(60)}\n\n"
           f"--{bnd}\nContent-Type: multipart/related; boundary=\"{bnd[:-4]}beef\"\n\n"
           f"--{bnd[:-4]}beef\nContent-Type: multipart/alternative; boundary=\"{bnd[:-4]}cafe\"\n\n"
           f"--{bnd[:-4]}cafe\nContent-Type: text/plain; charset=\"UTF-8\"\n\n\n{txt}\n\n"
           f"--{bnd[:-4]}cafe\nContent-Type: text/html; charset=\"UTF-8\"\n\n{html}\n\n--{bnd[:-4]}cafe--\n--{bnd[:-4]}beef--\n"
           f"--{bnd}\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; googlemail.com\n"
           f"Received-From-MTA: dns; {BOT}\nArrival-Date: {rfcdate(dt0, tz)} (PST)\nX-Original-Message-ID: {omid}\n\n"
           f"Final-Recipient: rfc822; {rcpt}\nAction: {'delayed' if kind == 3 else 'failed'}\nStatus: {'4.4.1' if kind == 3 else '5.1.1'}\n"
           f"Remote-MTA: dns; {R.choice(REMOTE_HOSTS)}. ({R.randint(80,200)}.1.1.1, the server for the domain.)\n"
           f"Diagnostic-Code: smtp; 550 5.1.1 user unknown\nLast-Attempt-Date: {rfcdate(dt, tz)} (PST)\n\n"
           f"--{bnd}\nContent-Type: message/rfc822\n\n{orig}\n--{bnd}--\n")
    raw = raw.replace("Return-Path: <>\n", "", 1) if i % 2 else raw
    emit("bounce", raw, "gmail", "en", "no_reply", mid)


def b_yahoo(i):
    rcpt = bounce_target()
    dt0, tz = when(tz="+0000")
    dt, _ = later(dt0, tz)
    orig, osubj, omid = orig_as_rfc822(rcpt, dt0, tz)
    mta = f"mta{R.randint(1000, 9999)}.mail.{R.choice(['gq1', 'bf1', 'ir2', 'ne1'])}.yahoo.com"
    mid = f"<{R.randint(10**9, 10**10)}.{R.randint(10**5,10**6)}.{ts(dt)}@{mta}>" if i % 2 else f"<{R.randint(10**8, 10**9)}.{R.randint(1000,99999)}@{mta}>"
    reason = R.choice(["554: delivery error: dd This user doesn't have a yahoo.com account ({r}) [0] - {m}",
                       "554: delivery error: dd Sorry your message to {r} cannot be delivered. This mailbox is disabled (554.30). - {m}",
                       "552 1 Requested mail action aborted, mailbox not found"]).replace("{r}", rcpt).replace("{m}", mta)
    body = ("Sorry, we were unable to deliver your message to the following address.\n\n"
            f"<{rcpt}>:\n{reason}\n\n--- Below this line is a copy of the message.\n\n{orig}")
    raw = (f"Return-Path: <>\n{inbound(dt, tz, mta)}\n"
           f"Date: {rfcdate(dt, tz)}\nFrom: MAILER-DAEMON@{'yahoo.com' if i % 3 else mta}\nTo: {BOT}\n"
           f"Subject: {'Failure Notice' if i % 3 != 2 else 'failure delivery'}\nMessage-ID: {mid}\n"
           + ("X-Failed-Recipients: " + rcpt + "\n" if i % 2 == 0 else "") + f"\n{body}")
    emit("bounce", raw, "yahoo", "en", "no_reply", mid)


def b_domino(i):
    rcpt = bounce_target()
    dn = rcpt.split("@")[0].replace(".", " ").title()
    host = R.choice(["notes.siemens-like.example", "domino01.insurer.example", "mailhub.oldbank.example"])
    dt0, tz = when(tz="+0100")
    dt, _ = later(dt0, tz)
    orig, osubj, omid = orig_as_rfc822(rcpt, dt0, tz, headers_only=True)
    mid = mkid("domino", host=host)
    bnd = f"=_mixed {hexs(8)}C1258{hexs(3)}_="
    variants = [f"DELIVERY FAILURE: User {dn} ({rcpt}) not listed in Domino Directory",
                f"DELIVERY_FAILURE: Recipient's Domino Directory entry does not specify a valid Notes mail file",
                "Delivery Failure Report", f"DELIVERY FAILURE: Error transferring to {host.upper()}; Maximum hop count exceeded.  Message probably in a routing loop."]
    subj = variants[i % len(variants)]
    text = (f"Your message\n\n  Subject: {osubj}\n\nwas not delivered to:\n\n  {rcpt}\n\nbecause:\n\n"
            f"  User {dn} ({rcpt}) not listed in Domino Directory\n")
    from_ = R.choice([f"Postmaster@{host}", f"Mail Router <Postmaster@{host}>", f"\"Mail Delivery Subsystem\" <MAILER-DAEMON@{host}>"])
    raw = (f"Return-Path: <>\n{inbound(dt, tz, host)}\nSubject: {subj}\nFrom: {from_}\nTo: {BOT}\n"
           f"Message-ID: {mid}\nDate: {rfcdate(dt, tz)}\n"
           f"X-MIMETrack: Serialize by Router on {host.split('.')[0].upper()}/SRV/ACME(Release 9.0.1FP10|January 31, 2018) at\n {dt.strftime('%d.%m.%Y %H:%M:%S')}\n"
           f"MIME-Version: 1.0\nContent-Type: multipart/report; report-type=\"delivery-status\"; boundary=\"{bnd}\"\n\n"
           f"--{bnd}\nContent-Type: text/plain; charset=\"US-ASCII\"\n\n{text}\n"
           f"--{bnd}\nContent-Type: message/delivery-status\n\nReporting-MTA: dns;{host}\n\n"
           f"Final-Recipient: rfc822;{rcpt}\nAction: failed\nStatus: 5.0.0\n\n"
           f"--{bnd}\nContent-Type: text/rfc822-headers\n\n{orig}\n--{bnd}--\n")
    if i % 3 == 2:   # very old Domino: plain body, no DSN, not even an empty Return-Path
        raw = (f"{inbound(dt, tz, host)}\nSubject: {subj}\nFrom: {from_}\nTo: {BOT}\nMessage-ID: {mid}\n"
               f"Date: {rfcdate(dt, tz)}\nX-Mailer: Lotus Domino Release 8.5.3FP6 November 21, 2013\n"
               f"MIME-Version: 1.0\nContent-type: text/plain; charset=US-ASCII\n\n{text}\n\n------- Failure Reasons  --------\n\nUser {dn} ({rcpt}) not listed in Domino Directory\n{rcpt}\n")
    emit("bounce", raw, "domino", "en", "no_reply", mid)


def b_courier(i):
    host = R.choice(["mail.courier-isp.example", "mx.smallhost.example", "courier.uni-ljubljana.example"])
    rcpt = bounce_target()
    dt0, tz = when(tz="+0100")
    dt, _ = later(dt0, tz)
    orig, osubj, omid = orig_as_rfc822(rcpt, dt0, tz)
    mid = f"<courier.{hexs(16)}.{hexs(8, False)}@{host}>"
    bnd = f"=_courier-{R.randint(1000,99999)}-{R.randint(1000,99999)}-{ts(dt)}-{R.randint(1000,9999)}"
    body = (f"This is a delivery status notification from {host},\nrunning the Courier mail server, version 1.1.{R.randint(1,9)}.\n\n"
            f"The original message was received on {rfcdate(dt0, tz)}\nfrom smtp.mailbot.example (smtp.mailbot.example [203.0.113.25])\n\n"
            "---------------------------------------------------------------------------\n\n"
            "                           UNDELIVERABLE MAIL\n\n"
            "Your message to the following recipients cannot be delivered:\n\n"
            f"<{rcpt}>:\n    {R.choice(REMOTE_HOSTS)} [{R.randint(80,200)}.2.3.4]:\n>>> RCPT TO:<{rcpt}>\n<<< 550 5.1.1 No such user here\n\n"
            "---------------------------------------------------------------------------\n\n"
            "If your message was also sent to additional recipients, their delivery\nstatus is not included in this report.\n")
    raw = (f"Return-Path: <>\n{inbound(dt, tz, host)}\nFrom: \"Courier mail server at {host}\" <@>\nTo: {BOT}\n"
           f"Subject: NOTICE: mail delivery status.\nMime-Version: 1.0\n"
           f"Content-Type: multipart/report; report-type=delivery-status;\n    boundary=\"{bnd}\"\n"
           f"Content-Transfer-Encoding: 7bit\nMessage-ID: {mid}\nDate: {rfcdate(dt, tz)}\n\n"
           "This is a MIME-formatted message.  If you see this text it means that your\nE-mail software does not support MIME-formatted messages.\n\n"
           f"--{bnd}\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 7bit\n\n{body}\n"
           f"--{bnd}\nContent-Type: message/delivery-status\nContent-Transfer-Encoding: 7bit\n\n"
           f"Reporting-MTA: dns; {host}\nArrival-Date: {rfcdate(dt0, tz)}\n\nFinal-Recipient: rfc822; {rcpt}\nAction: failed\nStatus: 5.0.0\n\n"
           f"--{bnd}\nContent-Type: message/rfc822\nContent-Transfer-Encoding: 7bit\n\n{orig}\n--{bnd}--\n")
    emit("bounce", raw, "courier", "en", "no_reply", mid)


def b_odd(i):
    """Non-standard bounces: filters, appliances, webhosts, old gateways, read receipts."""
    rcpt = bounce_target()
    dt0, tz = when(tz=R.choice(["+0100", "+0800", "+0300", "-0300"]))
    dt, _ = later(dt0, tz)
    orig, osubj, omid = orig_as_rfc822(rcpt, dt0, tz)
    d = rcpt.split("@")[1]
    k = i % 13
    soft, lang = "odd", "en"
    if k == 0:  # Mimecast-style rejection
        mid = f"<mimecast-{hexs(24, False)}@{alnum(3).lower()}-mimecast.example>"
        raw = (f"Return-Path: <>\n{inbound(dt, tz, 'eu-smtp-1.mimecast.example')}\nFrom: Postmaster <postmaster@{d}>\nTo: {BOT}\n"
               f"Subject: Mimecast Rejection: {osubj}\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nMIME-Version: 1.0\n"
               "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
               + qp(f"<html><body><table><tr><td><b>Your message couldn't be delivered</b></td></tr><tr><td>Your message to {rcpt} was rejected by the recipient's email security policy.<br>Subject: {osubj}<br>Error: 550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550</td></tr></table></body></html>") + "\n")
    elif k == 1:  # Barracuda
        mid = f"<{alnum(16)}@barracuda.{d}>"
        raw = (f"Return-Path: <>\n{inbound(dt, tz, 'barracuda.' + d)}\nFrom: \"Barracuda Email Security\" <bounce-notice@barracuda.{d}>\nTo: {BOT}\n"
               f"Subject: **Message you sent blocked by our bulk email filter**\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\n\n"
               f"Your message to: {rcpt}\nwas blocked by our Spam Firewall. The email you sent with the following subject has NOT BEEN DELIVERED:\n\n"
               f"Subject: {osubj}\n\nReason: Message content rejected\n")
    elif k == 2:  # Chinese webmail 系统退信
        lang, soft = "zh", "coremail"
        mid = f"<{alnum(22)}@mx.163.example>"
        txt = f"很抱歉您的邮件被退回来了……\n\n原邮件信息：\n时　间： {rfcdate(dt0, tz)}\n收件人： {rcpt}\n\n退信原因： 收件人邮箱不存在 (550 User not found)\n\n建议解决方案：请检查收件人地址是否正确。\n"
        raw = (f"Return-Path: <>\n{inbound(dt, tz, 'm15-111.163.example')}\nFrom: {ew('系统退信')} <postmaster@163.example>\nTo: {BOT}\n"
               f"Subject: {ew('系统退信')}\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nMIME-Version: 1.0\n"
               f"Content-Type: text/plain; charset=\"GBK\"\nContent-Transfer-Encoding: base64\n\n{b64(txt.encode('gbk'))}\n")
    elif k == 3:  # MDaemon
        soft = "mdaemon"
        mid = f"<MDAEMON-F{dt.strftime('%Y%m%d%H%M')}.AA{R.randint(100000,999999)}MD{R.randint(1000,9999)}@mail.{d}>"
        raw = (f"Return-Path: <>\n{inbound(dt, tz, 'mail.' + d)}\nFrom: postmaster@mail.{d}\nTo: {BOT}\nSubject: Permanent Delivery Failure\n"
               f"Date: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nX-MDaemon-Deliver-To: {BOT}\nX-Return-Path: <>\nX-MDSend-Notifications-To: [trash]\n"
               "Precedence: bulk\n\nThe attached message had PERMANENT fatal delivery errors!\n\nAfter one or more unsuccessful delivery attempts the attached message has\n"
               f"been removed from the mail queue on this server.  The number and frequency\nof delivery attempts are determined by local configuration parameters.\n\n"
               f"YOU DO NOT NEED TO RESEND THIS MESSAGE.\n\n--- Session Transcript ---\n Attempting SMTP connection to [{d} : 25]\n 550 <{rcpt}>... No such user\n--- End Transcript ---\n\n: Message contains [1] file attachments\n")
    elif k == 4:  # Read receipt (MDN) – machine generated
        soft = "outlook-mdn"
        mid = mkid("exchange")
        bnd = f"----=_NextPart_{hexs(3, False)}_{hexs(4)}_{hexs(8)}.{hexs(8)}"
        raw = (f"{inbound(dt, tz, 'mail-am6eur05.outbound.protection.outlook.com')}\nFrom: {rcpt}\nTo: {BOT}\nSubject: Read: {osubj}\n"
               f"Date: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nMIME-Version: 1.0\n"
               f"Content-Type: multipart/report; report-type=disposition-notification;\n\tboundary=\"{bnd}\"\n\n"
               f"--{bnd}\nContent-Type: text/plain; charset=\"utf-8\"\n\nYour message\n\n  To: {rcpt}\n  Subject: {osubj}\n  Sent: {rfcdate(dt0, tz)}\n\nwas read on {rfcdate(dt, tz)}.\n\n"
               f"--{bnd}\nContent-Type: message/disposition-notification\n\nReporting-UA: {d}; Microsoft Outlook 16.0\nFinal-Recipient: rfc822;{rcpt}\n"
               f"Original-Message-ID: {omid}\nDisposition: manual-action/MDN-sent-manually; displayed\n\n--{bnd}--\n")
    elif k == 5:  # webhost HTML bounce from "support" address, no null sender
        soft = "webhost"
        mid = f"<{hexs(32, False)}@cp.hostpoint.example>"
        raw = (f"Return-Path: <support@hostpoint.example>\n{inbound(dt, tz, 'cp.hostpoint.example')}\nFrom: Hosting Support <support@hostpoint.example>\nTo: {BOT}\n"
               f"Subject: Undeliverable message\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
               f"This is an automatically generated message.\n\nThe message you sent to {rcpt} could not be delivered because the mailbox\n"
               f"has exceeded its storage limit. The message has been deleted.\n\nOriginal subject: {osubj}\n")
    elif k == 6:  # German provider, plain, 8bit
        lang, soft = "de", "gmx-style"
        mid = f"<{alnum(12)}-{alnum(8)}@mout.gmx.example>"
        raw = (f"Return-Path: <>\n{inbound(dt, tz, 'mout.gmx.example')}\nFrom: Mailer-Daemon@gmx.example\nTo: {BOT}\nSubject: {ew('Unzustellbare Nachricht – Mail delivery failed')}\n"
               f"Date: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
               f"Dies ist eine automatisch erstellte Nachricht des Mailsystems.\n\nIhre Nachricht an {rcpt} konnte nicht zugestellt werden.\n"
               f"Grund: Das Postfach des Empfängers ist voll (552 Mailbox quota exceeded).\n\n--- Kopie der Nachricht ---\n\n{orig}")
    elif k == 7:  # Novell GroupWise
        soft = "groupwise"
        mid = f"<{hexs(4)}{hexs(4)}.{hexs(3)}.{hexs(3)}.{R.randint(0,9)}@gw.{d}>"
        raw = (f"Return-Path: <>\n{inbound(dt, tz, 'gw.' + d)}\nFrom: Mail Administrator <Postmaster@gw.{d}>\nTo: {BOT}\n"
               f"Subject: Mail System Error - Returned Mail\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nX-Mailer: GroupWise Internet Agent 18.2.1\nMIME-Version: 1.0\n"
               f"Content-Type: text/plain\n\nThe message that you sent was undeliverable to the following:\n\t{rcpt.split('@')[0]} (user not found)\n\nPossible causes: the user name was mistyped or the account was removed.\n")
    elif k == 8:  # Russian provider
        lang, soft = "ru", "yandex-style"
        mid = f"<{R.randint(10**5,10**6)}{ts(dt)}@mail.yandex.example>"
        txt = (f"Это сообщение сформировано автоматически.\n\nВаше письмо не может быть доставлено одному или нескольким получателям:\n\n{rcpt}\n"
               "Причина: получатель не найден (550 5.7.1 No such user!)\n")
        raw = (f"Return-Path: <>\n{inbound(dt, tz, 'forward.mail.yandex.example')}\nFrom: mailer-daemon@yandex.example\nTo: {BOT}\n"
               f"Subject: {ew('Недоставленное сообщение')}\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nAuto-Submitted: auto-replied\nMIME-Version: 1.0\n"
               f"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n{b64(txt.encode())}\n")
    elif k == 9:  # IIS SMTP
        soft = "iis-smtp"
        mid = f"<{alnum(8)}{hexs(8)}@WEB-SRV01.{d}>"
        bnd = f"9B095B5ADSN={hexs(16)}{R.randint(10,99)}WEB-SRV01"
        raw = (f"Return-Path: <>\n{inbound(dt, tz, 'web-srv01.' + d)}\nFrom: postmaster@WEB-SRV01.{d}\nTo: {BOT}\nDate: {rfcdate(dt, tz)}\n"
               f"MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"{bnd}\"\nX-DSNContext: 335a7efd - 4523 - 00000001 - 80040546\n"
               f"Message-ID: {mid}\nSubject: Delivery Status Notification (Failure)\n\n"
               "This is a MIME-formatted message.\nPortions of this message may be unreadable without a MIME-capable mail program.\n\n"
               f"--{bnd}\nContent-Type: text/plain; charset=unicode-1-1-utf-7\n\nThis is an automatically generated Delivery Status Notification.\n\nDelivery to the following recipients failed.\n\n       {rcpt}\n\n\n\n\n"
               f"--{bnd}\nContent-Type: message/delivery-status\n\nReporting-MTA: dns;WEB-SRV01.{d}\nReceived-From-MTA: dns;smtp.mailbot.example\nArrival-Date: {rfcdate(dt0, tz)}\n\n"
               f"Final-Recipient: rfc822;{rcpt}\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp;550 5.1.1 User unknown\n\n"
               f"--{bnd}\nContent-Type: message/rfc822\n\n{orig}\n--{bnd}--\n")
    elif k == 10:  # Zoho-ish with odd sender spelling
        soft = "zoho"
        mid = f"<{ts(dt)}{R.randint(100,999)}.{R.randint(10**5,10**6)}.{alnum(6)}@mx.zoho.example>"
        raw = (f"Return-Path: <>\n{inbound(dt, tz, 'sender4-op-o12.zoho.example')}\nFrom: Mail_Delivery_Subsystem <mailer_daemon@zoho.example>\nTo: {BOT}\n"
               f"Subject: Undelivered Mail Returned to Sender\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n"
               f"Delivery to the following recipients failed permanently:\n\n  {rcpt}\n\nReason: 552 5.2.2 Mailbox size limit exceeded\n\nThis is an auto-generated mail. Do not reply.\n")
    elif k == 11:  # Kerio in Spanish
        lang, soft = "es", "kerio"
        mid = f"<{R.randint(10**6,10**7)}@kerio.{d}>"
        raw = (f"Return-Path: <>\n{inbound(dt, tz, 'kerio.' + d)}\nFrom: \"Sistema de entrega de correo\" <postmaster@kerio.{d}>\nTo: {BOT}\n"
               f"Subject: {ew('Correo no entregado: ' + osubj)}\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nMIME-Version: 1.0\n"
               f"Content-Type: text/plain; charset=\"ISO-8859-1\"\nContent-Transfer-Encoding: quoted-printable\n\n"
               + qp(f"Su mensaje no pudo ser entregado a los siguientes destinatarios:\n\n{rcpt}\nMotivo: la cuenta de correo no existe.\n\nEste es un mensaje automático, por favor no responda.\n", "iso-8859-1") + "\n")
    else:  # Postmaster of a French ISP, free text, no null return-path, no report
        lang, soft = "fr", "orange-style"
        mid = f"<{alnum(10)}.{alnum(6)}@smtp.orange.example>"
        raw = (f"Return-Path: <postmaster@orange.example>\n{inbound(dt, tz, 'smtp.orange.example')}\nFrom: {ew('Système de messagerie')} <postmaster@orange.example>\nTo: {BOT}\n"
               f"Subject: {ew('Échec de remise du message')}\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nMIME-Version: 1.0\n"
               f"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
               + qp(f"Bonjour,\n\nCeci est un message automatique. Votre message pour {rcpt} n'a pas pu être remis : adresse inconnue.\n\nLe service de messagerie\n") + "\n")
    emit("bounce", raw, soft, lang, "no_reply", mid)


# ================================================================== AUTO-REPLIES
OOO = {
    "en": ["I am out of the office until {d} with limited access to email. For urgent matters please contact {c}.",
           "Thank you for your message. I'm currently on annual leave and will be back on {d}. Your email will not be forwarded.",
           "I'm travelling this week and will reply as soon as I can after {d}."],
    "nl": ["Ik ben afwezig tot en met {d} en lees mijn e-mail niet. Voor dringende zaken kunt u contact opnemen met {c}.",
           "Bedankt voor uw bericht. Ik ben met vakantie en ben vanaf {d} weer bereikbaar."],
    "de": ["Ich bin bis einschließlich {d} nicht im Büro. Ihre E-Mail wird nicht weitergeleitet. In dringenden Fällen wenden Sie sich bitte an {c}.",
           "Vielen Dank für Ihre Nachricht. Ich bin im Urlaub und ab dem {d} wieder erreichbar."],
    "fr": ["Je suis absent(e) du bureau jusqu'au {d}. Pour toute urgence, merci de contacter {c}.",
           "Merci pour votre message. Je suis actuellement en congés et je vous répondrai dès mon retour le {d}."],
    "es": ["Estoy fuera de la oficina hasta el {d}. Para asuntos urgentes, contacte con {c}.",
           "Gracias por su mensaje. Me encuentro de vacaciones y responderé a mi regreso el {d}."],
    "pt": ["Estou ausente do escritório até {d}. Em caso de urgência, contacte {c}.",
           "Obrigado pela sua mensagem. Encontro-me de férias e regresso no dia {d}."],
}
OUTLOOK_PREFIX = {"en": "Automatic reply:", "nl": "Automatisch antwoord:", "de": "Automatische Antwort:",
                  "fr": "Réponse automatique :", "es": "Respuesta automática:", "pt": "Resposta automática:"}
SUBJ_OOO = {"en": ["Out of Office", "Out of office: back on {d}", "Away from the office", "On leave"],
            "nl": ["Afwezig", "Niet aanwezig tot {d}", "Afwezigheidsmelding"],
            "de": ["Abwesenheitsnotiz", "Nicht im Büro", "Urlaub bis {d}"],
            "fr": ["Absence du bureau", "Absent jusqu'au {d}", "Message d'absence"],
            "es": ["Fuera de la oficina", "Ausente hasta el {d}", "Vacaciones"],
            "pt": ["Ausência do escritório", "Fora do escritório", "Férias até {d}"]}
DIVL = '<div dir="ltr">'
LANGS = ["en", "nl", "de", "fr", "es", "pt"]
LOCALDOM = {"en": "acme-uk.example", "nl": "bedrijf-nl.example", "de": "firma-gmbh.example", "fr": "societe-fr.example",
            "es": "empresa-es.example", "pt": "empresa-pt.example"}


def ooo_text(lang):
    d = f"{R.randint(1, 28)}/{R.choice([11, 12])}/2026" if lang != "en" else R.choice(["Monday 30 November", "7 December", "December 14th"])
    c = f"{R.choice(['office', 'team', 'recepcion', 'info', 'secretariaat'])}@{LOCALDOM[lang]}"
    return R.choice(OOO[lang]).replace("{d}", d).replace("{c}", c), d


def bot_msg_ref(dt=None):
    if dt is not None:
        dt0 = dt - _dt.timedelta(minutes=R.randint(1, 600), seconds=R.randint(0, 59))
    else:
        dt0, tz = when()
    return mkid("bot", dt=dt0), R.choice(SUBJ_BOT).replace("{n}", str(R.randint(1000, 9999)))


def a_outlook(i):
    lang = LANGS[i % 6]
    dom = LOCALDOM[lang]
    name, addr = person(dom)
    dt, tz = when(tz="+0000")
    orig_id, osubj = bot_msg_ref(dt)
    text, d = ooo_text(lang)
    mid = mkid("exchange", long=(i % 4 == 0))
    subj = f"{OUTLOOK_PREFIX[lang]} {osubj}"
    bnd = f"_000_{mid[1:].split('@')[0]}_"
    html = f"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body><div>{text}</div></body></html>"
    with_auto = i % 5 != 3
    raw = (f"Return-Path: <{addr}>\n{inbound(dt, tz, 'mail-' + ['db8', 'am6', 'vi1'][i % 3] + 'eur05on2100.outbound.protection.outlook.com')}\n"
           f"From: {dispname(name, addr)}\nTo: {BOT_NAME} <{BOT}>\nSubject: {ew(subj)}\nThread-Topic: {ew(osubj)}\n"
           f"Thread-Index: {base64.b64encode(bytes(R.randrange(256) for _ in range(22))).decode()}\nDate: {rfcdate(dt, tz)}\n"
           f"Message-ID:\n\t{mid}\nReferences: {orig_id}\nIn-Reply-To: {orig_id}\n"
           + ("Auto-Submitted: auto-generated\n" if with_auto else "")
           + "X-MS-Has-Attach:\nX-Auto-Response-Suppress: All\nX-MS-Exchange-Inbox-Rules-Loop: " + addr + "\nX-MS-TNEF-Correlator:\n"
           + f"Content-Language: {'en-US' if lang == 'en' else lang + '-' + lang.upper()}\nX-MS-Exchange-Organization-AuthAs: Internal\n"
           + f"Content-Type: multipart/alternative;\n\tboundary=\"{bnd}\"\nMIME-Version: 1.0\n\n"
           f"--{bnd}\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: base64\n\n{b64(text.encode())}\n\n"
           f"--{bnd}\nContent-Type: text/html; charset=\"utf-8\"\nContent-Transfer-Encoding: base64\n\n{b64(html.encode())}\n\n--{bnd}--\n")
    if i % 7 == 6:  # older Exchange: "Out of Office:" prefix, no Auto-Submitted either
        raw = raw.replace(ew(subj), ew(f"Out of Office: {osubj}")).replace("Auto-Submitted: auto-generated\n", "")
    emit("auto_reply", raw, "exchange", lang, "no_reply", mid, crlf=(i % 2 == 0))


def a_gmail(i):
    lang = ["en", "pt", "es", "en", "nl", "de", "fr"][i % 7]
    name, addr = person("gmail.com")
    dt, tz = when()
    orig_id, osubj = bot_msg_ref(dt)
    text, d = ooo_text(lang)
    mid = mkid("gmail")
    subj = R.choice(SUBJ_OOO[lang]).replace("{d}", d) if i % 3 else f"Re: {osubj}"
    bnd = "000000000000" + hexs(16, False)
    raw = (f"Return-Path: <{addr}>\n{inbound(dt, tz, 'mail-lf1-f49.google.com')}\n"
           f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\n        d=gmail.com; s=20230601; t={ts(dt)}; x={ts(dt) + 604800};\n        h=auto-submitted:in-reply-to:references:subject:to:from:date;\n        bh={alnum(43)}=;\n        b={alnum(70)}\n         {alnum(60)}==\n"
           f"MIME-Version: 1.0\nFrom: {dispname(name, addr)}\nDate: {rfcdate(dt, tz, 1)}\n"
           f"Message-ID: {mid}\nIn-Reply-To: {orig_id}\nReferences: {orig_id}\nAuto-Submitted: auto-replied\n"
           f"Subject: {ew(subj)}\nTo: {BOT}\nContent-Type: multipart/alternative; boundary=\"{bnd}\"\n\n"
           f"--{bnd}\nContent-Type: text/plain; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n\n{qp(text)}\n\n"
           f"--{bnd}\nContent-Type: text/html; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n\n{qp(DIVL + text + '</div>')}\n\n--{bnd}--\n")
    emit("auto_reply", raw, "gmail", lang, "no_reply", mid)


def a_zimbra(i):
    lang = ["de", "fr", "en", "pt", "nl"][i % 5]
    name, addr = person(R.choice(["uni-freiburg.example", "univ-lyon.example", "ufrj-br.example", "tudelft-like.example"]))
    dt, tz = when(tz="+0100")
    orig_id, osubj = bot_msg_ref(dt)
    text, d = ooo_text(lang)
    mid = mkid("javamail", host=addr.split("@")[1], dt=dt)
    subj = R.choice(SUBJ_OOO[lang]).replace("{d}", d)
    raw = (f"Return-Path: <{addr}>\n{inbound(dt, tz, 'zimbra.' + addr.split('@')[1])}\n"
           f"Date: {rfcdate(dt, tz)}\nFrom: {dispname(name, addr)}\nTo: {BOT}\nMessage-ID: {mid}\n"
           f"In-Reply-To: {orig_id}\nSubject: {ew(subj)}\nMIME-Version: 1.0\n"
           f"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n"
           + ("Auto-Submitted: auto-replied (zimbra; vacation)\n" if i % 2 == 0 else "Precedence: bulk\n")
           + f"X-Mailer: Zimbra 9.0.0_GA_4{R.randint(100,999)} (zclient/9.0.0_GA_4{R.randint(100,999)})\n\n{qp(text)}\n")
    emit("auto_reply", raw, "zimbra", lang, "no_reply", mid)


def a_apple(i):
    lang = ["en", "fr", "es", "de"][i % 4]
    name, addr = person("icloud.com")
    dt, tz = when()
    orig_id, osubj = bot_msg_ref(dt)
    text, d = ooo_text(lang)
    mid = mkid("apple", host="icloud.com")
    raw = (f"Return-Path: <{addr}>\n{inbound(dt, tz, 'mr85p00im-ztdg06021201.me.com')}\n"
           f"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\nMime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))\n"
           f"Subject: {ew('Re: ' + osubj) if i % 2 else ew(R.choice(SUBJ_OOO[lang]).replace('{d}', d))}\nFrom: {dispname(name, addr)}\n"
           f"In-Reply-To: {orig_id}\nDate: {rfcdate(dt, tz, 1)}\nTo: {BOT}\nMessage-Id: {mid}\n"
           + ("X-Autoreply: yes\n" if i % 2 == 0 else "Auto-Submitted: auto-replied\nX-Autoreply: yes\n")
           + f"\n{qp(text)}\n")
    emit("auto_reply", raw, "apple", lang, "no_reply", mid)


def a_vacation(i):
    lang = ["en", "nl", "en", "de"][i % 4]
    host = R.choice(["shell.cs.vu-like.example", "mail.physik.example", "box.linux-user.example"])
    user = R.choice(["pvdberg", "hmueller", "jsmith", "akumar"])
    addr = f"{user}@{host.split('.', 1)[1]}"
    dt, tz = when(tz="+0100")
    orig_id, osubj = bot_msg_ref(dt)
    mid = f"<{dt.strftime('%Y%m%d%H%M%S')}.{hexs(8)}@{host}>"
    text = {"en": "I am away from my mail until the end of the month.\nYour mail regarding \"" + osubj + "\" will be read when I return.\n",
            "nl": "Ik ben tot het eind van de maand niet bij mijn mail.\nUw bericht wordt na terugkomst gelezen.\n",
            "de": "Ich bin bis Monatsende nicht erreichbar.\nIhre Nachricht wird nach meiner Rückkehr gelesen.\n"}[lang]
    raw = (f"Return-Path: <{addr}>\n{inbound(dt, tz, host)}\n"
           f"Received: by {host} (Postfix, from userid 1001)\n\tid {hexs(10)}; {rfcdate(dt, tz)}\n"
           f"From: {addr}\nTo: {BOT}\nSubject: {ew('away from my mail') if lang == 'en' else ew('Re: ' + osubj)}\n"
           f"Precedence: bulk\n" + ("Auto-Submitted: auto-replied (vacation)\n" if i % 2 else "")
           + f"Message-Id: {mid}\nDate: {rfcdate(dt, tz, 2)}\n"
           + ("MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n" if lang == "de" else "")
           + f"\n{text}")
    emit("auto_reply", raw, "vacation", lang, "no_reply", mid)


def a_lotus(i):
    name, addr = person("notes-corp.example")
    dt, tz = when(tz="+0100")
    orig_id, osubj = bot_msg_ref(dt)
    mid = mkid("domino", host="notes-corp.example")
    back = f"{R.randint(1, 28):02d}/12/2026"
    subj = f"AUTO: {name} is out of the office (returning {back})"
    raw = (f"Return-Path: <{addr}>\n{inbound(dt, tz, 'smtp.notes-corp.example')}\nSubject: {ew(subj)}\nFrom: {dispname(name, addr)}\nTo: {BOT}\n"
           f"Message-ID: {mid}\nDate: {rfcdate(dt, tz)}\nX-Mailer: Lotus Domino Release 9.0.1FP8\n"
           + ("Auto-Submitted: auto-generated\n" if i == 1 else "")
           + f"MIME-Version: 1.0\nContent-type: text/plain; charset=US-ASCII\n\n\nI am out of the office until {back}.\n\n"
           f"I will respond to your message when I return.\n\n\nNote: This is an automated response to your message  \"{osubj}\" sent on {dt.strftime('%d/%m/%Y %H:%M:%S')}.\n\n"
           "This is the only notification you will receive while this person is away.\n")
    emit("auto_reply", raw, "lotus", "en", "no_reply", mid)


def a_cpanel(i):
    lang = ["en", "pt", "es"][i % 3]
    dom = R.choice(["recruit-mumbai.example", "contabil-sp.example", "agencia-madrid.example"])
    addr = f"{R.choice(['info', 'contato', 'ventas', 'careers'])}@{dom}"
    dt, tz = when()
    orig_id, osubj = bot_msg_ref(dt)
    mid = f"<autoresponder-{ts(dt)}-{R.randint(1000,99999)}@{dom}>"
    text = {"en": "Thank you for contacting us. We have received your e-mail and will get back to you within 2 working days.",
            "pt": "Recebemos a sua mensagem e responderemos assim que possível. Esta é uma resposta automática.",
            "es": "Hemos recibido su correo. Le contestaremos lo antes posible. Este mensaje se ha generado automáticamente."}[lang]
    hdr = ["X-Autorespond: " + addr, "X-Autoreply: yes", "X-Autorespond: " + addr][i % 3]
    raw = (f"Return-Path: <{addr}>\n{inbound(dt, tz, 'server' + str(R.randint(10,99)) + '.cpanelhost.example')}\n"
           f"To: {BOT}\nSubject: {ew({'en': 'Thank you for your email', 'pt': 'Resposta automática', 'es': 'Respuesta automática'}[lang])}\n"
           f"X-PHP-Script: /usr/local/cpanel/bin/autorespond\nMessage-ID: {mid}\nFrom: {addr}\n{hdr}\n"
           + ("Precedence: auto_reply\n" if i % 2 == 0 else "")
           + f"Date: {rfcdate(dt, tz)}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{text}\n")
    emit("auto_reply", raw, "cpanel-autorespond", lang, "no_reply", mid)


def a_plain(i):
    """Auto-replies with no machine header at all: only subject / first lines tell."""
    lang = ["en", "nl", "de", "es", "pt"][i % 5]
    name, addr = person(R.choice(CORP))
    dt, tz = when()
    orig_id, osubj = bot_msg_ref(dt)
    text, d = ooo_text(lang)
    if i == 0:
        text = OOO["en"][0].replace("{d}", "7 December").replace("{c}", "office@" + addr.split("@")[1])
    mid = mkid("thunderbird", host=addr.split("@")[1])
    subj = [f"Out of office: {osubj}", f"Afwezig: {osubj}", f"Abwesend: {osubj}", f"Fuera de la oficina: {osubj}", f"Ausente: {osubj}"][i % 5]
    if i == 0:
        subj = f"Re: {osubj}"   # only the body tells
    raw = (f"Return-Path: <{addr}>\n{inbound(dt, tz, 'smtp.' + addr.split('@')[1])}\nFrom: {dispname(name, addr)}\nTo: {BOT}\n"
           f"Subject: {ew(subj)}\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nIn-Reply-To: {orig_id}\nMIME-Version: 1.0\n"
           f"Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n{qp(text)}\n\n-- \n{name}\n")
    emit("auto_reply", raw, "custom", lang, "no_reply", mid)
    

# ================================================================== BULK / NEWSLETTERS
NEWS = [
    ("mailchimp", "Expat Hub Amsterdam", "news@expathub-ams.example", "Your November guide to settling in the Netherlands", "en"),
    ("sendgrid", "RelocateNow", "hello@relocatenow.example", "5 things to know before your 30% ruling", "en"),
    ("hubspot", "Dutch Tax Advisors", "insights@dutchtax.example", "Webinar: Box 3 changes for 2027", "en"),
    ("mailchimp", "Woningnet Nieuws", "nieuwsbrief@woningzoeker.example", "Nieuw aanbod in uw regio", "nl"),
    ("ses", "CodeConf EU", "no-reply@codeconf.example", "Early-bird tickets end Friday", "en"),
    ("brevo", "Sprachschule Berlin", "newsletter@sprachschule.example", "Neue Niederländischkurse ab Dezember", "de"),
    ("salesforce-mc", "KLM Flying Blue", "klm@email.flyingblue-like.example", "Your miles are about to expire", "en"),
    ("campaignmonitor", "IamExpat-like", "newsletter@iamexpat-like.example", "This week in NL: housing, jobs and events", "en"),
    ("klaviyo", "Bike Totaal", "shop@biketotaal.example", "Black Friday: 30% korting op e-bikes", "nl"),
    ("constantcontact", "Indian Association NL", "secretary@ia-nl.example", "Diwali celebration photos + December meetup", "en"),
    ("mailerlite", "Escola de Línguas", "contato@escolalinguas.example", "Promoção de novembro: inglês e holandês", "pt"),
    ("sendinblue", "Colegio Español La Haya", "boletin@colegio-es.example", "Boletín de noviembre", "es"),
    ("outlook-bcc", "Housing Desk Eindhoven", "housing@housingdesk.example", "Available rooms – week 47", "en"),
    ("phplist", "Stichting Kennismigranten", "nieuws@kennismigrant.example", "Update regelgeving kennismigranten", "nl"),
    ("mailgun", "LeetPrep", "team@leetprep.example", "Your weekly coding challenge", "en"),
    ("acoustic", "ING Nederland Marketing", "nieuws@mail.ing-like.example", "Maak kennis met onze nieuwe app", "nl"),
    ("custom-php", "Visa Experts Worldwide", "offers@visaexperts.example", "Get your EU visa approved FAST – limited offer", "en"),
    ("mailchimp", "Amsterdam Tech Meetup", "events@amstech.example", "[Reminder] Meetup on Thursday", "en"),
    ("exacttarget", "Booking-like", "email.campaign@sg.booking-like.example", "Genius deals for your trip to Rotterdam", "en"),
    ("outlook-bcc", "Familie van der Meer Relocation", "info@vdmeer-relocation.example", "Nieuwsbrief november / November newsletter", "nl"),
]


def bulk(i):
    soft, org, addr, subj, lang = NEWS[i % len(NEWS)]
    dom = addr.split("@")[1]
    dt, tz = when()
    to = BOT
    bnd = f"_----{alnum(24)}===_{hexs(2)}/{hexs(8, False)}"
    mid = {"mailchimp": f"<{hexs(20, False)}.{hexs(16, False)}.{R.randint(10**5,10**6)}@mail{R.randint(1,250)}.suw{R.randint(10,99)}.mcdlv.net>",
           "sendgrid": f"<{alnum(22)}@geopod-ismtpd-{R.randint(1,30)}>",
           "ses": f"<0102{hexs(12, False)}-{uuid4()}-000000@eu-west-1.amazonses.com>",
           "salesforce-mc": f"<{uuid4()}@{'atl1s07mta' + str(R.randint(1000,9999))}.xt.local>",
           "exacttarget": f"<{uuid4()}@ind1s06mta{R.randint(100,999)}.xt.local>"}.get(soft, f"<{uuid4()}@{dom}>")
    unsub = f"https://{dom}/u/{alnum(30)}"
    html = (f"<!doctype html><html><body><table width=\"600\"><tr><td><h1>{subj}</h1><p>Hello,</p>"
            f"<p>Read our latest update online.</p><p><a href=\"https://{dom}/read/{alnum(10)}\">Read more</a></p>"
            f"<p style=\"font-size:11px\">You are receiving this email because you subscribed at {dom}. "
            f"<a href=\"{unsub}\">Unsubscribe</a> | <a href=\"https://{dom}/prefs\">Update preferences</a></p></td></tr></table></body></html>")
    plain = (f"{subj}\n\nHello,\n\nRead our latest update online: https://{dom}/read/{alnum(10)}\n\n"
             + {"nl": "Wilt u deze nieuwsbrief niet meer ontvangen? Afmelden: ", "de": "Newsletter abbestellen: ",
                "pt": "Cancelar inscrição: ", "es": "Darse de baja: "}.get(lang, "Unsubscribe: ") + unsub + "\n")
    lists = ""
    extra = ""
    if soft not in ("outlook-bcc", "custom-php", "phplist"):
        lists = (f"List-Unsubscribe: <{unsub}>,\n <mailto:unsubscribe-{alnum(16).lower()}@{dom}?subject=unsubscribe>\n"
                 "List-Unsubscribe-Post: List-Unsubscribe=One-Click\n")
    if soft == "mailchimp":
        extra = f"X-Mailer: MailChimp Mailer - **CID{hexs(10, False)}**\nX-Campaign: mailchimp{hexs(18, False)}.{hexs(10, False)}\nX-campaignid: mailchimp{hexs(18, False)}.{hexs(10, False)}\nX-Report-Abuse: Please report abuse for this campaign here: https://mailchimp.com/contact/abuse/?u={hexs(20, False)}\nList-ID: {hexs(20, False)}mc list <{hexs(20, False)}.{R.randint(10**5,10**6)}.list-id.mcsv.net>\nPrecedence: bulk\n"
    elif soft == "sendgrid":
        extra = f"X-SG-EID: {alnum(60)}\n X-Entity-ID: {alnum(22)}==\nX-Feedback-ID: {R.randint(10**6,10**7)}:SG\n"
    elif soft == "ses":
        extra = f"Feedback-ID: 1.eu-west-1.{alnum(40)}=:AmazonSES\nX-SES-Outgoing: {dt.strftime('%Y.%m.%d')}-54.240.{R.randint(1,9)}.{R.randint(1,254)}\n"
    elif soft == "hubspot":
        extra = f"X-HS-Cid: {alnum(32)}\nX-Report-Abuse-To: abuse@hubspot.com\nPrecedence: bulk\n"
    elif soft in ("salesforce-mc", "exacttarget"):
        extra = f"x-job: {R.randint(10**6,10**7)}_{R.randint(10**6,10**7)}\nX-SFMC-Stack: {R.randint(1,50)}\nx-mid: {R.randint(10**6,10**7)}\n"
    elif soft == "phplist":
        extra = f"X-Mailer: phplist v3.6.{R.randint(1,15)}\nX-MessageID: {R.randint(10,999)}\nX-ListMember: {BOT}\nPrecedence: bulk\n"
    elif soft == "custom-php":
        extra = "X-Mailer: PHPMailer 6.8.0 (https://github.com/PHPMailer/PHPMailer)\n"
    elif soft in ("klaviyo", "brevo", "sendinblue", "mailerlite", "campaignmonitor", "constantcontact", "mailgun", "acoustic"):
        extra = f"X-Mailer: {soft}\nX-CSA-Complaints: csa-complaints@eco.de\nPrecedence: bulk\n" if i % 2 else f"X-Mailgun-Sid: {alnum(40)}\nX-Mailgun-Tag: newsletter\n"
    if soft == "outlook-bcc":   # a company's newsletter sent by BCC from Outlook; no headers at all
        to = "undisclosed-recipients:;"
        extra = "X-Mailer: Microsoft Outlook 16.0\nThread-Index: " + base64.b64encode(bytes(R.randrange(256) for _ in range(22))).decode() + "\n"
        mid = mkid("exchange")
    raw = (f"Return-Path: <{'bounce-' + alnum(10).lower() + '@' + dom if soft not in ('outlook-bcc',) else addr}>\n{inbound(dt, tz, 'o' + str(R.randint(1,9)) + '.' + dom)}\n"
           f"From: {dispname(org, addr)}\nTo: {to}\nSubject: {ew(subj)}\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\n{lists}{extra}"
           f"MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"{bnd}\"\n\n"
           f"--{bnd}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n{qp(plain)}\n"
           f"--{bnd}\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n{qp(html)}\n--{bnd}--\n")
    emit("bulk", raw, soft, lang, "no_reply", mid)


# ================================================================== MAILING LISTS
LIST_TOPICS = ["Question about the HSM salary threshold for 2027", "30% ruling and partner visa",
               "Re: Antecedents certificate signed digitally?", "Housing near Eindhoven", "TB test at GGD – how long?",
               "[ANN] Meetup December", "Re: IND appointment times in Den Bosch", "Digest, Vol 112, Issue 14"]


def lst(i):
    kinds = ["mailman2", "mailman2", "mailman3", "mailman3", "ezmlm", "ezmlm", "listserv", "listserv", "fml", "fml",
             "googlegroups", "googlegroups", "sympa", "sympa", "mailman2-admin", "ezmlm-confirm", "listserv-notice",
             "mailman3", "googlegroups", "sympa"]
    k = kinds[i % len(kinds)]
    name, addr = person()
    dt, tz = when()
    topic = LIST_TOPICS[i % len(LIST_TOPICS)]
    lname = R.choice(["expats-nl", "kennismigranten", "devs-abroad", "indian-community-nl", "brasileiros-holanda"])
    body = ("Hi all,\n\nDoes anyone know whether the IND accepts a scanned signature on the antecedents\n"
            "certificate? My employer's HR says they need the original.\n\nThanks!\n" + name.split()[0] + "\n")
    lang = "en"
    mid = mkid(R.choice(["gmail", "apple", "thunderbird"]), host=addr.split("@")[1])
    extra_body = ""
    if k.startswith("mailman2"):
        host = "lists.expat-forum.example"
        la = f"{lname}@{host}"
        if k == "mailman2-admin":
            mid = f"<mailman.{R.randint(100,9999)}.{ts(dt)}.{R.randint(1000,9999)}.{lname}@{host}>"
            raw = (f"Return-Path: <{lname}-bounces@{host}>\n{inbound(dt, tz, host)}\nSubject: Your message to {lname.title()} awaits moderator approval\n"
                   f"From: {lname}-owner@{host}\nTo: {BOT}\nMessage-ID: {mid}\nDate: {rfcdate(dt, tz)}\nPrecedence: bulk\n"
                   f"X-BeenThere: {la}\nX-Mailman-Version: 2.1.39\nList-Id: {lname.title()} <{lname}.{host}>\nX-List-Administrivia: yes\n"
                   f"Errors-To: {lname}-bounces@{host}\nSender: \"{lname.title()}\" <{lname}-bounces@{host}>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=\"us-ascii\"\n\n"
                   f"Your mail to '{lname.title()}' with the subject\n\n    Re: HSM visa documents\n\nIs being held until the list moderator can review it for approval.\n\n"
                   "The reason it is being held:\n\n    Post by non-member to a members-only list\n\nEither the message will get posted to the list, or you will receive\nnotification of the moderator's decision.\n")
            emit("list", raw, "mailman", lang, "no_reply", mid)
            return
        raw = (f"Return-Path: <{lname}-bounces+hsm-documents=mailbot.example@{host}>\n{inbound(dt, tz, host)}\n"
               f"From: {dispname(name, addr)}\nTo: {la}\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nSubject: [{lname.title()}] {topic}\n"
               f"MIME-Version: 1.0\nContent-Type: text/plain; charset=\"us-ascii\"\nContent-Transfer-Encoding: 7bit\n"
               f"X-BeenThere: {la}\nX-Mailman-Version: 2.1.{R.randint(29,39)}\nPrecedence: list\n"
               f"List-Id: Expats in the Netherlands <{lname}.{host}>\nList-Unsubscribe: <https://{host}/mailman/options/{lname}>,\n <mailto:{lname}-request@{host}?subject=unsubscribe>\n"
               f"List-Archive: <https://{host}/pipermail/{lname}/>\nList-Post: <mailto:{la}>\nList-Help: <mailto:{lname}-request@{host}?subject=help>\n"
               f"List-Subscribe: <https://{host}/mailman/listinfo/{lname}>,\n <mailto:{lname}-request@{host}?subject=subscribe>\n"
               f"Errors-To: {lname}-bounces+hsm-documents=mailbot.example@{host}\nSender: \"{lname.title()}\" <{lname}-bounces+hsm-documents=mailbot.example@{host}>\n\n"
               f"{body}_______________________________________________\n{lname.title()} mailing list\n{la}\nhttps://{host}/mailman/listinfo/{lname}\n")
        emit("list", raw, "mailman", lang, "no_reply", mid)
    elif k == "mailman3":
        host = "lists.opensource-nl.example"
        la = f"{lname}@{host}"
        raw = (f"Return-Path: <{lname}-bounces@{host}>\n{inbound(dt, tz, 'mail.' + host)}\nFrom: {dispname(name, addr)}\nDate: {rfcdate(dt, tz)}\n"
               f"Message-ID: {mid}\nSubject: [{lname}] {topic}\nTo: {la}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: 7bit\n"
               f"Message-ID-Hash: {alnum(32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}\nX-Message-ID-Hash: {alnum(32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}\n"
               f"X-MailFrom: {addr}\nX-Mailman-Rule-Misses: dmarc-mitigation; no-senders; approved; emergency; loop; banned-address; member-moderation\n"
               f"X-Mailman-Version: 3.3.{R.randint(5,9)}\nPrecedence: list\nList-Id: <{lname}.{host}>\nArchived-At: <https://{host}/archives/list/{la}/message/{alnum(32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}/>\n"
               f"List-Archive: <https://{host}/archives/list/{la}/>\nList-Help: <mailto:{lname}-request@{host}?subject=help>\nList-Owner: <mailto:{lname}-owner@{host}>\n"
               f"List-Post: <mailto:{la}>\nList-Subscribe: <mailto:{lname}-join@{host}>\nList-Unsubscribe: <mailto:{lname}-leave@{host}>\n\n"
               f"{body}_______________________________________________\n{lname} mailing list -- {la}\nTo unsubscribe send an email to {lname}-leave@{host}\n")
        emit("list", raw, "mailman3", lang, "no_reply", mid)
    elif k.startswith("ezmlm"):
        host = "lists.apache-like.example"
        la = f"{lname}@{host}"
        if k == "ezmlm-confirm":
            mid = f"<{ts(dt)}.{R.randint(1000,99999)}.ezmlm@{host}>"
            raw = (f"Return-Path: <{lname}-return-{R.randint(100,9999)}-@{host}>\n{inbound(dt, tz, host)}\nMailing-List: contact {lname}-help@{host}; run by ezmlm\n"
                   f"Date: {dt.day} {dt.strftime('%b %Y %H:%M:%S')} -0000\nMessage-ID: {mid}\nFrom: {lname}-help@{host}\nTo: {BOT}\n"
                   f"Delivered-To: responder for {la}\nReply-To: {lname}-sc.{ts(dt)}.{alnum(20).lower()}-hsm-documents=mailbot.example@{host}\n"
                   f"Subject: confirm subscribe to {la}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n"
                   f"Hi! This is the ezmlm program. I'm managing the\n{la} mailing list.\n\nTo confirm that you would like\n\n   {BOT}\n\nadded to the {lname} mailing list, please send\na short reply to this address:\n\n   {lname}-sc.{ts(dt)}.x-hsm-documents=mailbot.example@{host}\n")
            emit("list", raw, "ezmlm", lang, "no_reply", mid)
            return
        raw = (f"Return-Path: <{lname}-return-{R.randint(1000,99999)}-hsm-documents=mailbot.example@{host}>\n{inbound(dt, tz, host)}\n"
               f"Mailing-List: contact {lname}-help@{host}; run by ezmlm\nPrecedence: bulk\nList-Post: <mailto:{la}>\n"
               f"List-Help: <mailto:{lname}-help@{host}>\nList-Unsubscribe: <mailto:{lname}-unsubscribe@{host}>\n"
               f"Reply-To: {la}\nDelivered-To: mailing list {la}\nReceived: (qmail {R.randint(1000,99999)} invoked by uid {R.randint(100,999)}); {dt.day} {dt.strftime('%b %Y %H:%M:%S')} -0000\n"
               f"From: {dispname(name, addr)}\nTo: {la}\nSubject: {topic}\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\n"
               f"MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n{body}")
        if i % 4 == 1:  # very old ezmlm: no List-* at all
            raw = "\n".join(l for l in raw.split("\n") if not l.startswith("List-"))
        emit("list", raw, "ezmlm", lang, "no_reply", mid)
    elif k.startswith("listserv"):
        host = "LISTSERV.UNIVERSITY.EXAMPLE"
        L = lname.upper().replace("-", "")[:8]
        if k == "listserv-notice":
            mid = f"<LISTSERV%{dt.strftime('%Y%m%d%H%M%S')}{R.randint(10,99)}@{host}>"
            raw = (f"Return-Path: <owner-{L}@{host}>\n{inbound(dt, tz, host.lower())}\nDate: {rfcdate(dt, tz)}\nFrom: \"L-Soft list server at {host.split('.')[1].title()} (1.8e)\" <LISTSERV@{host}>\n"
                   f"Subject: Rejected posting to {L}@{host}\nTo: {BOT}\nMessage-ID: {mid}\nX-LSV-ListID: {L}\n\n"
                   f"You are not authorized to send mail to the {L} list from your\n{BOT} account. You might be authorized to send to the list from\nanother of your accounts, or perhaps when using another mail program.\n")
            emit("list", raw, "listserv", lang, "no_reply", mid)
            return
        raw = (f"Return-Path: <owner-{L}@{host}>\n{inbound(dt, tz, host.lower())}\nX-LSV-ListID: {L}\n"
               f"Date: {rfcdate(dt, tz)}\nReply-To: {name} <{addr}>\nSender: \"Migration research discussion\" <{L}@{host}>\n"
               f"From: {dispname(name, addr)}\nSubject: {topic}\nComments: To: {L}@{host}\nTo: {L}@{host}\nMessage-ID: {mid}\n"
               f"Precedence: list\nMIME-Version: 1.0\nContent-Type: text/plain; charset=\"us-ascii\"\n\n{body}\n"
               f"########################################################################\n\nTo unsubscribe from the {L} list, click the following link:\nhttps://{host.lower()}/scripts/wa.exe?SUBED1={L}&A=1\n")
        if i % 2:
            raw = raw.replace("Precedence: list\n", "")
        emit("list", raw, "listserv", lang, "no_reply", mid)
    elif k == "fml":
        lang = "ja" if i % 2 else "en"
        host = "ml.example.jp"
        cnt = R.randint(100, 9999)
        subj = f"[{lname}:{cnt:05d}] {topic}"
        mid = f"<{dt.strftime('%Y%m%d%H%M%S')}.{hexs(8)}@{addr.split('@')[1]}>"
        text = body if lang == "en" else "皆さん、こんにちは。\nオランダの高度技能移民ビザについて質問があります。\nよろしくお願いします。\n"
        raw = (f"Return-Path: <{lname}-admin@{host}>\n{inbound(dt, tz, host)}\nDate: {rfcdate(dt, tz)}\nFrom: {dispname(name, addr)}\n"
               f"Reply-To: {lname}@{host}\nSubject: {ew(subj)}\nTo: {lname}@{host}\nMessage-Id: {mid}\nX-ML-Name: {lname}\nX-Mail-Count: {cnt:05d}\n"
               f"X-MLServer: fml [fml 4.0.3 release (20011202/4.0.3)]; post only (only members can post)\nX-ML-Info: If you have a question, send e-mail with the body\n"
               f"\t\"help\" (without quotes) to the address {lname}-ctl@{host};\n\thelp=<mailto:{lname}-ctl@{host}?body=help>\n"
               f"Posted: {rfcdate(dt, tz)}\nPrecedence: bulk\nMime-Version: 1.0\n"
               + ("Content-Type: text/plain; charset=us-ascii\n\n" + text if lang == "en"
                  else "Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n" + text.encode("iso2022_jp").decode("ascii")))
        emit("list", raw, "fml", lang, "no_reply", mid)
    elif k == "googlegroups":
        g = R.choice(["nl-expat-devs", "hsm-visa-help", "desi-in-dutchland"])
        la = f"{g}@googlegroups.com"
        raw = (f"Return-Path: <{g}+bncB{alnum(40)}@googlegroups.com>\n{inbound(dt, tz, 'mail-oa1-f61.google.com')}\n"
               f"X-Original-Sender: {addr}\nX-Original-Authentication-Results: mx.google.com;\n       spf=pass smtp.mailfrom={addr}\n"
               f"Precedence: list\nMailing-list: list {la}; contact {g}+owners@googlegroups.com\nList-ID: <{g}.googlegroups.com>\n"
               f"X-Google-Group-Id: {R.randint(10**11, 10**12)}\nList-Post: <https://groups.google.com/group/{g}/post>, <mailto:{la}>\n"
               f"List-Help: <https://groups.google.com/support/>, <mailto:{g}+help@googlegroups.com>\n"
               f"List-Archive: <https://groups.google.com/group/{g}\nList-Subscribe: <https://groups.google.com/group/{g}/subscribe>, <mailto:{g}+subscribe@googlegroups.com>\n"
               f"List-Unsubscribe: <mailto:googlegroups-manage+{R.randint(10**11,10**12)}+unsubscribe@googlegroups.com>,\n <https://groups.google.com/group/{g}/subscribe>\n"
               f"From: {dispname(name, addr)}\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nSubject: {topic}\nTo: {g} <{la}>\n"
               f"MIME-Version: 1.0\nContent-Type: text/plain; charset=\"UTF-8\"\n\n{body}\n-- \nYou received this message because you are subscribed to the Google Groups \"{g}\" group.\n"
               f"To unsubscribe from this group and stop receiving emails from it, send an email to {g}+unsubscribe@googlegroups.com.\n")
        emit("list", raw, "googlegroups", lang, "no_reply", mid)
    else:  # sympa
        host = "listes.univ-example.fr"
        la = f"{lname}@{host}"
        lang = "fr" if i % 2 else "en"
        text = body if lang == "en" else "Bonjour à tous,\n\nQuelqu'un a-t-il déjà fait la déclaration de test de tuberculose pour l'IND ?\n\nMerci,\n" + name.split()[0] + "\n"
        raw = (f"Return-Path: <{lname}-owner@{host}>\n{inbound(dt, tz, 'smtp.' + host)}\nFrom: {dispname(name, addr)}\nTo: {la}\nSubject: {ew('[' + lname + '] ' + topic)}\n"
               f"Date: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
               f"X-Loop: {la}\nX-Sequence: {R.randint(100,9999)}\nErrors-to: {lname}-owner@{host}\nPrecedence: list\nX-no-archive: yes\n"
               + (f"List-Id: <{lname}.{host}>\nList-Help: <mailto:sympa@{host}?subject=help>\nList-Subscribe: <mailto:sympa@{host}?subject=subscribe%20{lname}>\n"
                  f"List-Unsubscribe: <mailto:sympa@{host}?subject=unsubscribe%20{lname}>\nList-Post: <mailto:{la}>\nList-Owner: <mailto:{lname}-request@{host}>\n" if i % 3 else "")
               + f"\n{text}")
        emit("list", raw, "sympa", lang, "no_reply", mid)


# ================================================================== NOTIFICATIONS
NOTIF = [
    ("jira", "Jira", "jira@itsync-like.atlassian.example", "[JIRA] (HR-{n}) Visa checklist for new hires updated", "en"),
    ("zendesk", "ITSync Support", "support@itsync-like.zendesk.example", "[ITSync Support] Re: Request #{n}: Passport scan upload", "en"),
    ("github", "GitHub", "notifications@github.example", "[itsync/mailbot] Run failed: CI - main ({h})", "en"),
    ("gitlab", "GitLab", "gitlab@gitlab.itsync-like.example", "mailbot | Pipeline #{n} has failed", "en"),
    ("jenkins", "Jenkins", "jenkins@ci.itsync-like.example", "Build failed in Jenkins: nightly #{n}", "en"),
    ("google-calendar", "Google Calendar", "calendar-notification@google.example", "Invitation: Visa intake call @ Tue 17 Nov 2026 10:00 - 10:30 (CET)", "en"),
    ("amazon", "Amazon.nl", "verzending@amazon-like.example", "Uw bestelling is verzonden", "nl"),
    ("bol", "bol.com", "noreply@bol-like.example", "Bevestiging van je bestelling {n}", "nl"),
    ("ing", "ING", "geen-antwoord@ing-like.example", "Er staat een nieuw bericht voor u klaar", "nl"),
    ("abnamro", "ABN AMRO", "no_reply@abnamro-like.example", "Uw pas wordt binnenkort vervangen", "nl"),
    ("linkedin", "LinkedIn", "messages-noreply@linkedin-like.example", "You appeared in 12 searches this week", "en"),
    ("facebook", "Facebook", "notification@facebookmail-like.example", "You have 3 new notifications", "en"),
    ("docusign", "DocuSign", "dse_NA4@docusign-like.example", "Completed: Employment contract – please sign", "en"),
    ("postnl", "PostNL", "noreply@postnl-like.example", "Je pakket komt vandaag", "nl"),
    ("servicenow", "IT Service Desk", "servicedesk@corp-itsm.example", "Incident INC00{n} has been resolved", "en"),
    ("otrs", "Relocation Helpdesk", "helpdesk@relocation-co.example", "[Ticket#2026111{n}] Your request has been received", "en"),
    ("calendly", "Calendly", "notifications@calendly-like.example", "New Event: Arjun Sharma - 30 Minute Meeting", "en"),
    ("microsoft", "Microsoft account team", "account-security-noreply@accountprotection.microsoft-like.example", "Microsoft account security alert", "en"),
    ("paypal", "PayPal", "service@intl.paypal-like.example", "Receipt for your payment to IND-like Legalisation Services", "en"),
    ("sparkasse", "Sparkasse", "donotreply@sparkasse-like.example", "Neue Nachricht in Ihrem Online-Banking", "de"),
    ("workday", "Workday", "itsync@myworkday-like.example", "Action Required: Onboarding task assigned", "en"),
    ("teams", "Microsoft Teams", "noreply@email.teams.microsoft-like.example", "You have been added to a team", "en"),
    ("mijnoverheid", "MijnOverheid", "do-not-reply@berichtenbox-like.example", "U heeft een nieuw bericht in uw Berichtenbox", "nl"),
    ("correios", "Correios", "naoresponda@correios-like.example", "Seu objeto está a caminho", "pt"),
    ("uber", "Uber Receipts", "uber.nl@uber-like.example", "Your Tuesday morning trip with Uber", "en"),
]


def notif(i):
    soft, org, addr, subj, lang = NOTIF[i % len(NOTIF)]
    subj = subj.replace("{n}", str(R.randint(1000, 9999))).replace("{h}", hexs(7, False))
    dom = addr.split("@")[1]
    dt, tz = when()
    mid = f"<{soft}.{hexs(16, False)}.{ts(dt)}@{dom}>" if i % 3 else f"<{uuid4()}@{dom}>"
    extra = ""
    foot = {"nl": "Dit is een automatisch verzonden e-mail. U kunt niet op deze e-mail reageren.",
            "de": "Dies ist eine automatisch generierte E-Mail. Bitte antworten Sie nicht auf diese Nachricht.",
            "pt": "Esta é uma mensagem automática, por favor não responda."}.get(lang, "This is an automated message, please do not reply.")
    if soft == "github":
        extra = (f"List-ID: itsync/mailbot <mailbot.itsync.github.example>\nList-Archive: https://github.example/itsync/mailbot\nX-GitHub-Reason: ci_activity\n"
                 f"X-GitHub-Recipient: hsm-bot\nX-Auto-Response-Suppress: All\nPrecedence: list\n")
    elif soft == "jira":
        extra = f"Auto-Submitted: auto-generated\nX-JIRA-FingerPrint: {hexs(32, False)}\nPrecedence: bulk\n"
    elif soft == "zendesk":
        extra = f"X-Mailer: Zendesk Mailer\nX-Zendesk-From-Account-Id: {hexs(7, False)}\nAuto-Submitted: auto-generated\nX-Auto-Response-Suppress: All\n"
    elif soft == "gitlab":
        extra = f"X-GitLab-Project: mailbot\nX-GitLab-Pipeline-Id: {R.randint(10**5,10**6)}\nX-GitLab-Pipeline-Status: failed\nAuto-Submitted: auto-generated\nX-Auto-Response-Suppress: All\n"
    elif soft == "jenkins":
        extra = "X-Jenkins-Job: nightly\nX-Jenkins-Result: FAILURE\n"
    elif soft == "otrs":
        extra = "X-Mailer: Znuny Mail Service (6.5.x)\nX-Powered-By: OTRS - Open Ticket Request System (http://otrs.org/)\nAuto-Submitted: auto-replied\nX-Loop: yes\nPrecedence: bulk\n"
    elif soft == "servicenow":
        extra = "X-ServiceNow-Generated: true\nX-ServiceNow-Source: Notification-" + hexs(32, False) + "\n"
    elif soft == "linkedin":
        extra = f"List-Unsubscribe: <https://www.linkedin-like.example/comm/psettings/email-unsubscribe?{alnum(20)}>\nX-LinkedIn-Class: EMAIL-DEFAULT\nX-LinkedIn-Template: email_search_appearance\nFeedback-ID: {alnum(10)}:linkedin\n"
    elif soft == "facebook":
        extra = f"X-Facebook-Notify: notifications; mailid={hexs(24, False)}\nX-Facebook: from zuckmail ([{R.randint(1,254)}.{R.randint(1,254)}.{R.randint(1,254)}.{R.randint(1,254)}])\nList-Unsubscribe: <https://www.facebookmail-like.example/o.php?k={alnum(16)}>\nFeedback-ID: 0:notification:facebook\nPrecedence: bulk\n"
    elif soft == "workday":
        extra = "X-Auto-Response-Suppress: All\n"
    elif soft == "teams":
        extra = "X-MS-Exchange-Generated-Message-Source: Teams\nAuto-Submitted: auto-generated\n"
    body = (f"{subj}\n\n" + {
        "google-calendar": "You have been invited to the following event.\n\nVisa intake call\nWhen: Tuesday 17 Nov 2026 10:00 – 10:30 Central European Time - Amsterdam\nJoining info: meet.google.example/abc-defg-hij\n\nInvitation from Google Calendar\nYou are receiving this email because you are an attendee on the event.\nForwarding this invitation could allow any recipient to send a response to the organiser.\n",
        "docusign": "All parties have completed Employment contract – please sign.\nTo view the document, select VIEW COMPLETED DOCUMENT.\n\nDo Not Share This Email\nThis email contains a secure link to DocuSign. Please do not share this email, link, or access code with others.\n",
    }.get(soft, "Hello,\n\nThere is an update for you. Open the app or website to see the details.\n\n") + f"\n{foot}\n")
    bnd = f"----=_Part_{R.randint(10**5,10**6)}_{R.randint(10**8,10**9)}.{ts(dt)}{R.randint(100,999)}"
    if soft == "google-calendar":
        ics = (f"BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
               f"DTSTART:20261117T090000Z\r\nDTEND:20261117T093000Z\r\nDTSTAMP:{dt.strftime('%Y%m%dT%H%M%SZ')}\r\nORGANIZER;CN=HR:mailto:{HR}\r\nUID:{alnum(26)}@google.com\r\n"
               f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN={BOT};X-NUM-GUESTS=0:mailto:{BOT}\r\nSUMMARY:Visa intake call\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        mime = (f"Content-Type: multipart/mixed; boundary=\"{bnd}\"\n\n--{bnd}\nContent-Type: text/plain; charset=\"UTF-8\"; format=flowed; delsp=yes\nContent-Transfer-Encoding: quoted-printable\n\n{qp(body)}\n"
                f"--{bnd}\nContent-Type: text/calendar; charset=\"UTF-8\"; method=REQUEST\nContent-Transfer-Encoding: 7bit\n\n{ics.replace(chr(13), '')}\n"
                f"--{bnd}\nContent-Type: application/ics; name=\"invite.ics\"\nContent-Disposition: attachment; filename=\"invite.ics\"\nContent-Transfer-Encoding: base64\n\n{b64(ics.encode())}\n--{bnd}--\n")
        has = True
        from_ = f"Google Calendar <calendar-notification@google.example>"
        extra = f"Reply-To: {HR}\nSender: Google Calendar <calendar-notification@google.example>\nAuto-Submitted: auto-generated\n"
    else:
        html = "<html><body>" + "".join(f"<p>{p}</p>" for p in body.split("\n\n")) + "</body></html>"
        mime = (f"Content-Type: multipart/alternative; boundary=\"{bnd}\"\n\n--{bnd}\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n{qp(body)}\n"
                f"--{bnd}\nContent-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n{qp(html)}\n--{bnd}--\n")
        has = False
        from_ = dispname(org, addr)
    raw = (f"Return-Path: <{'bounces+' + str(R.randint(10**5,10**6)) + '@em.' + dom if i % 2 else addr}>\n{inbound(dt, tz, 'out.' + dom)}\n"
           f"Date: {rfcdate(dt, tz)}\nFrom: {from_}\nTo: {BOT}\nMessage-ID: {mid}\nSubject: {ew(subj)}\nMIME-Version: 1.0\n{extra}{mime}")
    emit("notification", raw, soft, lang, "no_reply", mid, has_att=has)


# ================================================================== FEEDBACK / ABUSE
def feedback(i):
    dt, tz = when(R.randint(2, 27), tz="+0000")
    victim_name, victim = person(R.choice(["yahoo.com", "aol.com", "hotmail.com", "comcast.net"]))
    odt, _ = later(dt - _dt.timedelta(days=1), tz)
    orig, osubj, omid = orig_as_rfc822(victim, odt, tz)
    k = i % 12
    lang = "en"
    if k in (0, 1, 2, 3):  # ARF
        prov = [("yahoo", "feedback@arf.mail.yahoo.example", "Yahoo! Mail AntiSpam Feedback"), ("aol", "scomp@aol.example", "AOL SComp"),
                ("microsoft-jmrp", "staff@hotmail.example", "Microsoft JMRP"), ("comcast", "feedbackloop@comcast.example", "Comcast Feedback Loop")][k]
        soft, faddr, fname = prov
        mid = f"<{uuid4()}@{faddr.split('@')[1]}>"
        bnd = f"----=_Part_{R.randint(10**5,10**6)}"
        ftype = "abuse"
        raw = (f"Return-Path: <>\n{inbound(dt, tz, 'mta.' + faddr.split('@')[1])}\nFrom: {fname} <{faddr}>\nTo: abuse@mailbot.example\nDate: {rfcdate(dt, tz)}\n"
               f"Subject: {'FW: ' + osubj if k == 2 else 'Email Feedback Report for IP 203.0.113.25'}\nMessage-ID: {mid}\nMIME-Version: 1.0\n"
               f"Content-Type: multipart/report; report-type=feedback-report;\n\tboundary=\"{bnd}\"\n\n"
               f"--{bnd}\nContent-Type: text/plain; charset=\"US-ASCII\"\nContent-Transfer-Encoding: 7bit\n\n"
               f"This is an email abuse report for an email message received from IP\n203.0.113.25 on {rfcdate(odt, tz)}.\nFor more information about this format please see http://www.mipassoc.org/arf/.\n\n"
               f"--{bnd}\nContent-Type: message/feedback-report\n\nFeedback-Type: {ftype}\nUser-Agent: {fname.replace(' ', '-')}/1.0\nVersion: 1\n"
               f"Original-Mail-From: <{BOT}>\nOriginal-Rcpt-To: <{victim}>\nReceived-Date: {rfcdate(odt, tz)}\nSource-IP: 203.0.113.25\nReported-Domain: mailbot.example\n\n"
               f"--{bnd}\nContent-Type: message/rfc822\nContent-Disposition: inline\n\n{orig}\n--{bnd}--\n")
        emit("feedback", raw, soft, lang, "no_reply", mid)
    elif k in (4, 5):  # DMARC aggregate report (zip / gzip attachment)
        org = ["google.com", "Outlook.com"][k - 4]
        rid = str(R.randint(10**18, 10**19))
        xml = (f"<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<feedback><report_metadata><org_name>{org}</org_name><email>noreply-dmarc-support@{org.lower()}</email>"
               f"<report_id>{rid}</report_id><date_range><begin>{ts(dt) - 86400}</begin><end>{ts(dt)}</end></date_range></report_metadata>"
               f"<policy_published><domain>mailbot.example</domain><adkim>r</adkim><aspf>r</aspf><p>none</p></policy_published>"
               f"<record><row><source_ip>203.0.113.25</source_ip><count>{R.randint(1,40)}</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated></row>"
               f"<identifiers><header_from>mailbot.example</header_from></identifiers></record></feedback>\n")
        fn = f"{org.lower()}!mailbot.example!{ts(dt) - 86400}!{ts(dt)}.xml"
        if k == 4:
            data, ct, name = tiny_zip(fn, xml), "application/zip", fn.replace(".xml", ".zip")
            mid = f"<{rid}@google.com>"
            from_ = "noreply-dmarc-support@google.com"
        else:
            data, ct, name = tiny_gzip(xml), "application/gzip", fn + ".gz"
            mid = f"<{uuid4()}@dmarc.protection.outlook.com>" if False else f"<{hexs(32, False)}@{org.lower()}>"
            from_ = f"DMARC Aggregate Report <dmarcreport@microsoft.com>"
        bnd = f"{hexs(28, False)}"
        raw = (f"Return-Path: <{from_.split('<')[-1].rstrip('>')}>\n{inbound(dt, tz, 'mail-sor-f73.google.com' if k == 4 else 'mail-dmarc.outbound.protection.outlook.com')}\n"
               f"Date: {rfcdate(dt, tz)}\nFrom: {from_}\nTo: dmarc@mailbot.example\nMessage-ID: {mid}\n"
               f"Subject: Report domain: mailbot.example Submitter: {org} Report-ID: {'<' + rid + '>' if k == 5 else rid}\nMIME-Version: 1.0\n"
               f"Content-Type: multipart/mixed; boundary=\"{bnd}\"\n\n--{bnd}\nContent-Type: text/plain; charset=\"UTF-8\"\n\n"
               f"This is an aggregate report from {org}.\n\n--{bnd}\n{attach_part(ct, name, data)}--{bnd}--\n")
        emit("feedback", raw, "dmarc", lang, "no_reply", mid, has_att=True)
    elif k in (6, 7):  # SpamCop style (old-style text)
        mid = f"<rid_{R.randint(10**8,10**9)}@msgid.spamcop.example>"
        raw = (f"Return-Path: <spamcop@devnull.spamcop.example>\n{inbound(dt, tz, 'vmx.spamcop.example')}\nFrom: {R.randint(10**8,10**9)}@reports.spamcop.example\n"
               f"To: abuse@mailbot.example\nSubject: [SpamCop (https://www.spamcop.example/sc?id=z{R.randint(10**9,10**10)}z{hexs(32, False)}z) id:{R.randint(10**9,10**10)}]{osubj}\n"
               f"Precedence: list\nMessage-ID: {mid}\nDate: {rfcdate(dt, tz)}\nX-SpamCop-sourceip: 203.0.113.25\nX-Mailer: https://www.spamcop.example/ v5.5.{R.randint(1,9)}\n\n"
               f"[ SpamCop V5.5.3 ]\nThis message is brief for your comfort.  Please use links below for details.\n\n"
               f"Email from 203.0.113.25 / {rfcdate(odt, tz)}\nhttps://www.spamcop.example/w3m?i=z{R.randint(10**9,10**10)}\n\n[ Offending message ]\n{orig}")
        emit("feedback", raw, "spamcop", lang, "no_reply", mid)
    elif k in (8, 9):  # hosting provider abuse desk ticket (old style, human-looking, but a ticket system)
        prov = ["abuse@hetzner-like.example", "abuse@ovh-like.example"][k - 8]
        tno = f"AbuseID:{hexs(6)}:{R.randint(10,99)}"
        mid = f"<{tno.replace(':', '-')}.{ts(dt)}@{prov.split('@')[1]}>"
        raw = (f"Return-Path: <{prov}>\n{inbound(dt, tz, 'mail.' + prov.split('@')[1])}\nFrom: Abuse Team <{prov}>\nTo: abuse@mailbot.example\n"
               f"Subject: Abuse Message [{tno}]: Spam report for 203.0.113.25\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nAuto-Submitted: auto-generated\n"
               f"X-Mailer: Abuse-Ticket-System 4.2\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
               f"Dear Sir or Madam,\n\nWe have received a complaint concerning the IP address 203.0.113.25.\nPlease take all necessary measures to avoid this in the future.\n"
               f"Please reply within 24 hours using the link below; replies to this e-mail are not read.\n\n> {victim}: I never asked for this mail.\n\n"
               f"--- Original complaint ---\n{orig}")
        emit("feedback", raw, "abuse-desk", lang, "no_reply", mid)
    elif k == 10:  # ARF auth-failure (DMARC forensic)
        mid = f"<{uuid4()}@dmarc-forensic.example>"
        bnd = f"{hexs(20, False)}"
        raw = (f"Return-Path: <>\n{inbound(dt, tz, 'mx.dmarc-forensic.example')}\nFrom: dmarc-ruf@dmarc-forensic.example\nTo: dmarc@mailbot.example\nDate: {rfcdate(dt, tz)}\n"
               f"Subject: DMARC Failure Report for mailbot.example\nMessage-ID: {mid}\nMIME-Version: 1.0\n"
               f"Content-Type: multipart/report; report-type=feedback-report; boundary=\"{bnd}\"\n\n"
               f"--{bnd}\nContent-Type: text/plain\n\nThis is an authentication failure report for an email message received from IP 198.51.100.77.\n\n"
               f"--{bnd}\nContent-Type: message/feedback-report\n\nFeedback-Type: auth-failure\nUser-Agent: OpenDMARC/1.4\nVersion: 1\nOriginal-Mail-From: {BOT}\n"
               f"Arrival-Date: {rfcdate(odt, tz)}\nSource-IP: 198.51.100.77\nReported-Domain: mailbot.example\nAuth-Failure: dmarc\nDelivery-Result: reject\n\n"
               f"--{bnd}\nContent-Type: text/rfc822-headers\n\n{orig_as_rfc822(victim, odt, tz, True)[0]}\n--{bnd}--\n")
        emit("feedback", raw, "opendmarc", lang, "no_reply", mid)
    else:  # old-style AOL-like report: message/rfc822 only, no ARF part
        mid = f"<{R.randint(10**6,10**7)}.{ts(dt)}@scomp.aol-like.example>"
        bnd = f"--boundary-{R.randint(10**5,10**6)}-LibJMail"
        raw = (f"Return-Path: <>\n{inbound(dt, tz, 'omr-m.aol-like.example')}\nFrom: scomp@aol-like.example\nTo: fbl@mailbot.example\nDate: {rfcdate(dt, tz)}\n"
               f"Subject: Client TOS Notification\nMessage-ID: {mid}\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"{bnd}\"\n\n"
               f"--{bnd}\nContent-Type: text/plain; charset=\"US-ASCII\"\n\nThis is an email abuse report for an email message with the message-id of {omid} received from IP address 203.0.113.25 on {rfcdate(odt, tz)}\n\n"
               "For information, please review the Terms of Service.\n\n"
               f"--{bnd}\nContent-Type: message/rfc822\nContent-Disposition: inline\n\n{orig}\n--{bnd}--\n")
        emit("feedback", raw, "aol-scomp-old", lang, "no_reply", mid)


# ================================================================== CHALLENGE-RESPONSE
def challenge(i):
    name, addr = person(R.choice(["earthlink-like.example", "bluebottle-like.example", "custom-domain.example"]))
    dt, tz = when()
    orig_id, osubj = bot_msg_ref(dt)
    k = i % 6
    lang = "en"
    if k == 0:  # TMDA
        soft = "tmda"
        cookie = f"{ts(dt)}.{R.randint(10000,99999)}.{hexs(6, False)}"
        mid = f"<TMDA-{cookie}@{addr.split('@')[1]}>"
        raw = (f"Return-Path: <>\n{inbound(dt, tz, 'mx.' + addr.split('@')[1])}\nFrom: {addr.split('@')[0]}-confirm-{cookie}@{addr.split('@')[1]}\nTo: {BOT}\n"
               f"Subject: Re: {osubj} (confirm {cookie.split('.')[-1]})\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nIn-Reply-To: {orig_id}\n"
               f"X-Delivery-Agent: TMDA/1.1.12 (Macallan)\nX-Primary-Address: {addr}\nAuto-Submitted: auto-replied (confirm)\nPrecedence: bulk\n"
               f"MIME-Version: 1.0\nContent-Type: text/plain; charset=\"us-ascii\"\n\nThis message was created automatically by mail delivery software (TMDA).\n\n"
               f"Your message attached below is being held because the address\n<{BOT}> has not been verified.\n\nTo release your message for delivery, please send an empty message\nto the following address, or use your mailer's \"Reply\" feature.\n\n"
               f"   {addr.split('@')[0]}-confirm-{cookie}@{addr.split('@')[1]}\n\nThis confirmation verifies that your message is legitimate and not\njunk-mail. You should only have to confirm your address once.\n")
    elif k == 1:  # Spam Arrest
        soft = "spamarrest"
        mid = f"<{R.randint(10**8,10**9)}.{R.randint(1000,9999)}.SpamArrest@spamarrest-like.example>"
        raw = (f"Return-Path: <>\n{inbound(dt, tz, 'mail.spamarrest-like.example')}\nFrom: {dispname(name, 'verify@spamarrest-like.example')}\nReply-To: verify@spamarrest-like.example\nTo: {BOT}\n"
               f"Subject: Re: {osubj} [Verification Requested]\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nX-SpamArrest-Challenge: yes\n"
               f"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nThe email account that you tried to reach is protected by Spam Arrest.\n"
               f"To deliver your email, please click on the link below and type the displayed word:\n\nhttps://www.spamarrest-like.example/a/{alnum(24)}\n\nYou only need to do this once.\n")
    elif k == 2:  # Boxbe
        soft = "boxbe"
        mid = f"<{hexs(24, False)}.boxbe@boxbe-like.example>"
        raw = (f"Return-Path: <notifications@boxbe-like.example>\n{inbound(dt, tz, 'outbound.boxbe-like.example')}\nFrom: {ew(name)} <notifications@boxbe-like.example>\nTo: {BOT}\n"
               f"Subject: Request to join my Guest List (Re: {osubj})\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nX-Boxbe-Notification: request-approval\nAuto-Submitted: auto-replied\n"
               f"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nHello,\n\nYour message to {name} has been received and is waiting in the Boxbe Waiting List.\n"
               f"Please click the link below to add yourself to the Guest List:\n\nhttps://www.boxbe-like.example/anno?tc={R.randint(10**9,10**10)}\n")
    elif k == 3:  # Mailinblack (French)
        soft, lang = "mailinblack", "fr"
        mid = f"<mib.{alnum(20)}@protect.mailinblack-like.example>"
        raw = (f"Return-Path: <>\n{inbound(dt, tz, 'protect.mailinblack-like.example')}\nFrom: {ew('Protection anti-spam de ' + name)} <no-reply@mailinblack-like.example>\nTo: {BOT}\n"
               f"Subject: {ew('Votre message est en attente / Your message is pending')}\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nX-MIB-Challenge: 1\n"
               f"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
               + qp(f"Bonjour,\n\nJe suis protégé(e) par un logiciel anti-spam. Pour que votre message me parvienne, merci de cliquer sur le lien ci-dessous et de saisir le code affiché :\n\nhttps://protect.mailinblack-like.example/v/{alnum(20)}\n\nCe message a été généré automatiquement.\n") + "\n")
    elif k == 4:  # qconfirm
        soft = "qconfirm"
        mid = f"<{ts(dt)}.{R.randint(1000,99999)}.qconfirm@{addr.split('@')[1]}>"
        raw = (f"Return-Path: <>\n{inbound(dt, tz, addr.split('@')[1])}\nFrom: {addr.split('@')[0]}-qconfirm-{hexs(16, False)}@{addr.split('@')[1]}\nTo: {BOT}\n"
               f"Subject: confirmation request for message to {addr}\nDate: {dt.day} {dt.strftime('%b %Y %H:%M:%S')} -0000\nMessage-ID: {mid}\nPrecedence: bulk\n\n"
               f"Hi. This is the qconfirm program at {addr.split('@')[1]}.\n\nYour message has not been delivered yet. To confirm that you are a real person\nsending mail, please simply reply to this message.\n")
    else:  # home-made C/R, only the wording tells
        soft = "custom-cr"
        mid = f"<{alnum(16)}@{addr.split('@')[1]}>"
        raw = (f"Return-Path: <{addr}>\n{inbound(dt, tz, 'smtp.' + addr.split('@')[1])}\nFrom: {dispname(name + ' (Spam Shield)', addr)}\nTo: {BOT}\n"
               f"Subject: Please verify you are human: {osubj}\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\nX-Challenge: {alnum(12)}\nX-Challenge-Type: captcha\n"
               f"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nI use a challenge-response system to fight spam. Your message is on hold.\n"
               f"Reply to this message keeping the subject unchanged, or visit https://verify.{addr.split('@')[1]}/c/{alnum(12)} to release it.\n\n-- automatically generated --\n")
    emit("challenge", raw, soft, lang, "no_reply", mid)


# ================================================================== SPAM (flagged by the operator's filter)
def spam_headers(kind, score):
    if kind == "sa":
        tests = ",".join(R.sample(["BAYES_99", "HTML_MESSAGE", "RDNS_NONE", "URIBL_BLACK", "FREEMAIL_FROM", "MIME_HTML_ONLY", "PDS_FROM_2_EMAILS", "RCVD_IN_SBL", "SPF_FAIL", "FORGED_MUA_OUTLOOK"], 5))
        s = (f"X-Spam-Flag: YES\nX-Spam-Score: {score}\nX-Spam-Level: {'*' * int(float(score))}\n"
             + fold("X-Spam-Status", f"Yes, score={score} required=5.0 tests={tests} autolearn=no autolearn_force=no version=4.0.1") + "\n"
             + "X-Spam-Checker-Version: SpamAssassin 4.0.1 (2024-03-26) on mx1.mailbot.example\n")
        return s
    if kind == "sa-noflag":
        return fold("X-Spam-Status", f"Yes, score={score} required=5.0 tests=BAYES_80,HTML_MESSAGE,URIBL_DBL_SPAM autolearn=disabled version=3.4.6") + "\n"
    sym = ", ".join(f"{n}({v})" for n, v in R.sample([("BAYES_SPAM", "5.10"), ("RBL_SPAMHAUS_ZEN", "4.00"), ("FROM_NEQ_ENVFROM", "0.50"), ("MIME_BAD_ATTACHMENT", "4.00"), ("PHISHING", "4.50"), ("R_SPF_FAIL", "1.00"), ("DMARC_POLICY_REJECT", "2.00")], 4))
    return (f"X-Rspamd-Queue-Id: {hexs(10)}\nX-Rspamd-Server: mx1.mailbot.example\nX-Spamd-Result: default: True [{score} / 15.00];\n\t{sym}\n"
            f"X-Rspamd-Action: {R.choice(['add header', 'rewrite subject', 'reject'])}\nX-Spamd-Bar: {'+' * int(float(score))}\n"
            + ("X-Spam: Yes\n" if R.random() < 0.5 else ""))


def spam(i):
    dt, tz = when()
    kind = ["sa", "rspamd", "sa", "rspamd", "sa-noflag", "sa", "rspamd", "sa", "rspamd", "sa"][i % 10]
    score = f"{R.uniform(6.5, 24):.1f}"
    name, addr = person(R.choice(["mail.ru", "yahoo.com", "bizmail-xyz.example", "gmail.com"]))
    has = i % 2 == 0
    subjects = ["Invoice #INV-{n} overdue – payment required", "Your mailbox is almost full – verify now",
                "Congratulations! You have won a visa lottery", "DHL: parcel held at customs", "RE: Payment advice",
                "Your account will be suspended", "Urgent business proposal", "Crypto gains 400% guaranteed",
                "Passport copy and documents", "Document shared with you"]
    subj = subjects[i % 10].replace("{n}", str(R.randint(10000, 99999)))
    if kind != "sa-noflag" and kind.startswith("sa") and i % 4 == 0:
        subj = "***SPAM*** " + subj
    mid = f"<{alnum(18)}@{addr.split('@')[1]}>" if i % 3 else f"<{hexs(12)}$ {hexs(8)}@{addr.split('@')[1]}>".replace(" ", "")
    body = ("Dear customer,\n\nPlease find the attached document and confirm within 24 hours, otherwise your account will be closed.\n\nRegards,\nAccounts\n"
            if i % 10 != 8 else "hello sir, my document for visa as attachment. kindly process fast and tell fees.\n")
    bnd = f"----=_NextPart_000_{hexs(4)}_{hexs(8)}.{hexs(8)}"
    parts = f"--{bnd}\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: 8bit\n\n{body}\n"
    if has:
        att = [("application/pdf", f"INV-{R.randint(1000,9999)}.pdf", tiny_pdf("Invoice")),
               ("application/zip", "DHL_AWB_Documents.zip", tiny_zip("AWB.txt", "shipment details\n")),
               ("text/html", "secure_message.html", b"<html><body><form action='https://login.example-phish.test'>Login</form></body></html>"),
               ("application/pdf", "passport_scan.pdf", tiny_pdf("Passport")),
               ("image/jpeg", "IMG_2041.jpg", tiny_jpeg(i))][(i % 5) if i % 10 != 8 else 3]
        parts += f"--{bnd}\n{attach_part(att[0], att[1], att[2])}"
    raw = (f"Return-Path: <{addr}>\n{spam_headers(kind, score)}{inbound(dt, tz, 'unknown' if i % 2 else 'host-' + str(R.randint(1,254)) + '.dynamic.example')}\n"
           f"From: {dispname(name, addr)}\nTo: {BOT}\nSubject: {ew(subj)}\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\n"
           f"MIME-Version: 1.0\nX-Mailer: Microsoft Outlook Express 6.00.2900.5512\nContent-Type: multipart/mixed; boundary=\"{bnd}\"\n\n"
           f"This is a multi-part message in MIME format.\n\n{parts}--{bnd}--\n")
    emit("spam", raw, "spamassassin" if kind.startswith("sa") else "rspamd", "en", "no_reply", mid, has_att=has)


# ================================================================== PEOPLE
def long_id(kind, dom):
    for _ in range(200):
        if kind == "exchange":
            srv = R.choice(["AM9PR07MB", "DB8PR02MB", "PA4PR10MB", "GV1PR08MB", "SJ0PR11MB"]) + str(R.randint(1000, 9999))
            s = f"<{srv}{hexs(R.randint(60, 140))}@{srv}.{R.choice(['eurprd07', 'EURPRD02', 'namprd11'])}.prod.outlook.com>"
        elif kind == "javamail":
            s = (f"<{R.randint(10**8, 10**9)}.{R.randint(1, 999999)}.{R.randint(1762000000000, 1764000000000)}.JavaMail."
                 f"{R.choice(['weblogic', 'zimbra', 'tomcat'])}@{R.choice(['prd-smtp-gw-eu-west-1a-node07', 'mail-app-cluster-03-hr-integration-prod', 'zcs-mailbox-node-14'])}.{R.choice(['internal.', 'corp.', ''])}{dom}>")
        else:
            s = f"<{alnum(R.randint(40, 90))}.{hexs(R.randint(20, 60), False)}@{R.choice(['smtp-relay-prod-eu.', 'outbound-mta-cluster-12.', ''])}{dom}>"
        if 100 <= len(s) - 2 <= 200:
            return s
    raise RuntimeError


def fold_ids(name, ids):
    return f"{name}: " + "\n ".join(ids)


def person_mail(client, name, addr, subj, text, atts=(), irt=None, refs=None, mid=None, day=None,
                extra="", reply_to=None, from_hdr=None, quoted=None, tz=None, msgid_fold=False, html=True,
                to=None, at=None, with_received=True):
    dt, tz = at if at else when(day, tz)
    to = to or BOT
    dom = addr.split("@")[1] if addr and "@" in addr else "example.com"
    if mid is None:
        mid = {"gmail": mkid("gmail"), "outlook": mkid("exchange"), "apple": mkid("apple", host=dom if dom != "icloud.com" else "icloud.com"),
               "thunderbird": mkid("thunderbird", host=dom), "yahoo": mkid("yahoo", dt=dt), "k9": mkid("thunderbird", host=dom),
               "zimbra": mkid("javamail", host=dom, dt=dt), "roundcube": f"<{hexs(32, False)}@{dom}>"}[client]
    body_text = text + (("\n\n" + quoted) if quoted else "")
    frm = from_hdr if from_hdr is not None else dispname(name, addr)
    fromline = "" if frm == "__MISSING__" else f"From: {frm}\n"
    rt = f"Reply-To: {reply_to}\n" if reply_to else ""
    thr = ""
    if irt:
        thr = f"In-Reply-To: {irt}\n" + fold_ids("References", refs or [irt]) + "\n"
    msgid_line = f"Message-ID:\n {mid}\n" if msgid_fold else f"Message-ID: {mid}\n"
    esubj = ew(subj)
    hbody = "<div>" + body_text.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br>\n") + "</div>"
    has = bool(atts)
    if client == "gmail":
        b1 = "000000000000" + hexs(16, False)
        b2 = "000000000000" + hexs(16, False)
        alt = (f"--{b2}\nContent-Type: text/plain; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n\n{qp(body_text)}\n\n"
               f"--{b2}\nContent-Type: text/html; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n\n{qp(DIVL + hbody + '</div>')}\n\n--{b2}--\n")
        hdr = ("MIME-Version: 1.0\n" + (fold_ids("References", refs or [irt]) + "\nIn-Reply-To: " + irt + "\n" if irt else "")
               + f"{fromline}Date: {rfcdate(dt, tz, 1)}\n{msgid_line}Subject: {esubj}\nTo: {to}\n{rt}{extra}")
        if has:
            parts = "".join(f"--{b1}\nContent-Type: {ct}; name=\"{fn}\"\nContent-Disposition: attachment; filename=\"{fn}\"\nContent-Transfer-Encoding: base64\n"
                            f"Content-ID: <f_{alnum(9).lower()}{n}>\nX-Attachment-Id: f_{alnum(9).lower()}{n}\n\n{b64(data)}\n" for n, (ct, fn, data) in enumerate(atts))
            mime = f"Content-Type: multipart/mixed; boundary=\"{b1}\"\n\n--{b1}\nContent-Type: multipart/alternative; boundary=\"{b2}\"\n\n{alt}\n{parts}--{b1}--\n"
        else:
            mime = f"Content-Type: multipart/alternative; boundary=\"{b2}\"\n\n{alt}"
        received_host = "mail-ej1-f44.google.com"
    elif client == "outlook":
        loc = mid[1:].split("@")[0][:40]
        b1, b2 = f"_004_{loc}_", f"_000_{loc}_"
        alt = (f"--{b2}\nContent-Type: text/plain; charset=\"{'iso-8859-1' if all(ord(c) < 256 for c in body_text) else 'utf-8'}\"\nContent-Transfer-Encoding: quoted-printable\n\n"
               f"{qp(body_text, 'iso-8859-1' if all(ord(c) < 256 for c in body_text) else 'utf-8')}\n\n"
               f"--{b2}\nContent-Type: text/html; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n\n{qp('<html><head></head><body>' + hbody + '</body></html>')}\n\n--{b2}--\n")
        hdr = (f"{fromline}To: {'HR <' + to + '>' if to != BOT else BOT_NAME + ' <' + BOT + '>'}\n{rt}Subject: {esubj}\nThread-Topic: {ew(subj.split(': ', 1)[-1] if subj.startswith(('Re: ', 'RE: ', 'FW: ')) else subj)}\n"
               f"Thread-Index: {base64.b64encode(bytes(R.randrange(256) for _ in range(22 + (5 if irt else 0)))).decode()}\nDate: {rfcdate(dt, tz)}\n{msgid_line}"
               + (fold_ids("References", refs or [irt]) + f"\nIn-Reply-To: {irt}\n" if irt else "")
               + f"Accept-Language: en-US, nl-NL\nContent-Language: en-US\nX-MS-Has-Attach: {'yes' if has else ''}\nX-MS-TNEF-Correlator:\n{extra}")
        if has:
            parts = "".join(f"--{b1}\nContent-Type: {ct}; name=\"{fn}\"\nContent-Description: {fn}\nContent-Disposition: attachment; filename=\"{fn}\"; size={len(data)};\n"
                            f"\tcreation-date=\"{rfcdate(dt, '+0000').replace('+0000', 'GMT')}\";\n\tmodification-date=\"{rfcdate(dt, '+0000').replace('+0000', 'GMT')}\"\nContent-Transfer-Encoding: base64\n\n{b64(data)}\n"
                            for ct, fn, data in atts)
            mime = f"Content-Type: multipart/mixed;\n\tboundary=\"{b1}\"\nMIME-Version: 1.0\n\n--{b1}\nContent-Type: multipart/alternative;\n\tboundary=\"{b2}\"\n\n{alt}\n{parts}--{b1}--\n"
        else:
            mime = f"Content-Type: multipart/alternative;\n\tboundary=\"{b2}\"\nMIME-Version: 1.0\n\n{alt}"
        received_host = "mail-am6eur05on2072.outbound.protection.outlook.com"
    elif client == "apple":
        b1 = f"Apple-Mail={uuid4().upper()}"
        ua = R.choice(["iPhone Mail (22B91)", "Apple Mail (2.3826.200.121)", "iPad Mail (22A3354)"])
        if has:
            parts = "".join(f"--{b1}\nContent-Disposition: attachment;\n\tfilename={fn}\nContent-Type: {ct};\n\tx-unix-mode=0644;\n\tname=\"{fn}\"\nContent-Transfer-Encoding: base64\n\n{b64(data)}\n" for ct, fn, data in atts)
            mime = (f"Content-Type: multipart/mixed;\n\tboundary=\"{b1}\"\n")
            tail = f"\n--{b1}\nContent-Transfer-Encoding: quoted-printable\nContent-Type: text/plain;\n\tcharset=utf-8\n\n{qp(body_text)}\n{parts}--{b1}--\n"
        else:
            mime = "Content-Type: text/plain;\n\tcharset=utf-8\nContent-Transfer-Encoding: quoted-printable\n"
            tail = f"\n{qp(body_text)}\n"
        mv = "1.0 (1.0)" if not ua.startswith("Apple Mail") else "1.0 (Mac OS X Mail 16.0 \\(3826.200.121\\))"
        hdr = (f"{mime}Mime-Version: {mv}\nSubject: {esubj}\n{fromline}{rt}" + (f"In-Reply-To: {irt}\n" if irt else "")
               + f"Date: {rfcdate(dt, tz, 1)}\n{msgid_line.replace('Message-ID', 'Message-Id')}" + (fold_ids("References", refs or [irt]) + "\n" if irt else "") + f"To: {to}\nX-Mailer: {ua}\n{extra}")
        mime = tail
        received_host = "ms11p00im-qufo17282001.me.com"
    else:  # thunderbird / k9 / yahoo / zimbra / roundcube share a simple layout
        b1 = "------------" + alnum(24)
        ua = {"thunderbird": "User-Agent: Mozilla Thunderbird\n", "k9": "User-Agent: K-9 Mail for Android\n",
              "yahoo": "X-Mailer: WebService/1.1.24652 YMailNorrin\n", "zimbra": "X-Mailer: Zimbra 10.0.6_GA_4584 (ZimbraWebClient - FF128 (Win)/10.0.6_GA_4584)\n",
              "roundcube": "User-Agent: Roundcube Webmail/1.6.9\n"}[client]
        plain = f"Content-Type: text/plain; charset=UTF-8; format=flowed\nContent-Transfer-Encoding: 8bit\n\n{body_text}\n"
        if has:
            parts = "".join(f"--{b1}\nContent-Type: {ct}; name=\"{fn}\"\nContent-Disposition: attachment; filename=\"{fn}\"\nContent-Transfer-Encoding: base64\n\n{b64(data)}\n" for ct, fn, data in atts)
            mime = f"Content-Type: multipart/mixed; boundary=\"{b1}\"\n\nThis is a multi-part message in MIME format.\n--{b1}\n{plain}\n{parts}--{b1}--\n"
        else:
            mime = plain
        hdr = (f"{msgid_line}Date: {rfcdate(dt, tz)}\nMIME-Version: 1.0\n{ua}Content-Language: en-US\nTo: {to}\n{fromline}{rt}Subject: {esubj}\n"
               + (fold_ids("References", refs or [irt]) + f"\nIn-Reply-To: {irt}\n" if irt else "") + extra)
        received_host = {"yahoo": "sonic" + str(R.randint(300, 399)) + "-20.consmr.mail.ir2.yahoo.com"}.get(client, "smtp." + dom)
    rp = f"Return-Path: <{addr}>\n" if addr and "@" in addr and from_hdr is None else ""
    raw = f"{rp}{inbound(dt, tz, received_host)}\n{hdr}{mime}" if with_received else f"{hdr}{mime}"
    return raw, mid


def pdfatt(fn, title):
    return ("application/pdf", fn, tiny_pdf(title))


def jpgatt(fn, seed):
    return ("image/jpeg", fn, tiny_jpeg(seed))


QUESTIONS = [
    ("en", "Question about the TB test", "Hello,\n\nI'm from Brazil. Do I need to do the TB test declaration, or is my nationality exempt?\nAlso, is it OK if I sign it digitally?\n\nBest regards,\n{f}"),
    ("en", "antecedents form - which version?", "Hi team,\n\nThe form I downloaded says \"Antecedents Certificate\" but a friend sent me the \"Appendix Antecedents certificate\". Which one should I fill in?\n\nthanks\n{f}"),
    ("nl", "Vraag over documenten voor mijn partner", "Beste HR,\n\nMijn vriendin en ik zijn niet getrouwd. Welke documenten heeft zij nodig om mee te komen?\n\nMet vriendelijke groet,\n{f}"),
    ("de", "Frage zum Reisepass", "Guten Tag,\n\nmein Reisepass läuft in zehn Monaten ab. Muss ich vor der Antragstellung einen neuen beantragen?\n\nViele Grüße\n{f}"),
    ("pt", "Dúvida sobre os documentos", "Olá,\n\nPreciso enviar a certidão de nascimento dos meus filhos traduzida? Eles têm 6 e 9 anos.\n\nObrigado,\n{f}"),
    ("es", "Consulta: declaración de tuberculosis", "Hola,\n\n¿Tengo que firmar la declaración de tuberculosis yo mismo o puede firmarla mi empleador? Soy de Colombia.\n\nSaludos,\n{f}"),
    ("en", "When will my visa be submitted?", "Dear HR,\n\nI sent everything last week. Could you let me know if anything is missing and when the application goes to the IND?\n\nKind regards\n{f}"),
    ("fr", "Question sur le certificat", "Bonjour,\n\nDois-je remplir le certificat d'antécédents pour ma fille de 13 ans ?\n\nCordialement,\n{f}"),
]
DOCMAILS = [
    ("en", "HSM documents - {n}", "Hi,\n\nPlease find attached my passport copy and the signed antecedents certificate.\nI will send the TB declaration tomorrow.\n\nRegards,\n{f}",
     [("passport_{l}.pdf", "Passport copy"), ("antecedents_signed.pdf", "Appendix Antecedents certificate")]),
    ("en", "documents", "hello\nattached\n\nsent from my phone", [("IMG_20261103_0931.jpg", None)]),
    ("nl", "Documenten visumaanvraag {n}", "Goedemiddag,\n\nIn de bijlage vindt u mijn paspoort en de ingevulde Bijlage Antecedentenverklaring.\n\nGroet,\n{f}",
     [("paspoort.pdf", "Paspoort"), ("Bijlage_Antecedentenverklaring_7101.pdf", "Bijlage Antecedentenverklaring")]),
    ("en", "Re: documents for visa", "Dear Sir/Madam,\n\nAs requested, attached is the TB declaration for me and my wife.\n\nThank you,\n{f}",
     [("TB_declaration_{l}.pdf", "Declaration of intent to undergo a TB test"), ("TB_declaration_spouse.pdf", "Declaration of intent to undergo a TB test")]),
    ("pt", "Documentos - {n}", "Bom dia,\n\nSegue em anexo o meu passaporte. O formulário de antecedentes vai em outro e-mail.\n\nAtenciosamente,\n{f}", [("passaporte.jpg", None)]),
    ("de", "Unterlagen für das Visum", "Hallo,\n\nanbei mein Reisepass (Scan) und die unterschriebene Erklärung.\n\nBeste Grüße\n{f}",
     [("Reisepass_Scan.pdf", "Reisepass"), ("Erklaerung_unterschrieben.pdf", "Antecedents Certificate")]),
    ("en", "Passport + forms for {n}", "Good morning,\n\nHere are my passport scan, the antecedents form and the TB form. Let me know if the scan quality is ok.\n\nCheers,\n{f}",
     [("scan0001.jpg", None), ("scan0002.jpg", None), ("forms.pdf", "Antecedents + TB")]),
    ("es", "Documentos para el visado", "Buenas tardes:\n\nAdjunto mi pasaporte y el de mi hijo.\n\nUn saludo,\n{f}", [("pasaporte_{l}.pdf", "Pasaporte"), ("pasaporte_hijo.pdf", "Pasaporte")]),
]
DOCMAILS2 = [
    ("en", "Visa paperwork – {n}", "Dear HR team,\n\nI hope you are well. You'll find three files attached: my passport (photo page), the Antecedents Certificate and the TB intent declaration, all signed with a blue pen as requested.\n\nWarm regards,\n{f}",
     [("passport_photo_page.jpg", None), ("Antecedents_Certificate_signed.pdf", "Antecedents Certificate"), ("TB_intent_declaration.pdf", "Declaration of intent to undergo a TB test")]),
    ("en", "Fwd: scans", "sorry, forgot the attachment in my last mail!\n{f}", [("Scan 2026-11-14 10.22.pdf", "Passport copy")]),
    ("nl", "Re: ontbrekende documenten", "Hallo,\n\nHierbij alsnog de tbc-verklaring. Mijn nationaliteit staat volgens mij niet op de vrijstellingslijst.\n\nGroetjes,\n{f}", [("intentieverklaring_tbc.pdf", "Bijlage Intentieverklaring tbc-onderzoek")]),
    ("en", "Documents for my wife and daughter", "Hello,\n\nAs discussed with the recruiter, my wife and daughter (14) will join me. Attached are their passports, the marriage certificate (apostilled) and both antecedents forms.\n\nBest,\n{f}",
     [("passport_wife.pdf", "Passport"), ("passport_daughter.pdf", "Passport"), ("marriage_certificate_apostille.pdf", "Marriage certificate"), ("antecedents_wife.pdf", "Antecedents"), ("antecedents_daughter.pdf", "Antecedents")]),
    ("pt", "Re: Documentos pendentes", "Olá, tudo bem?\n\nEnvio em anexo a declaração de antecedentes assinada.\n\nAbraço,\n{f}", [("declaracao_antecedentes.pdf", "Antecedents Certificate")]),
    ("en", "HSM application {n} - passport", "Hi,\nmy passport is valid until 2031. Scan attached (front page only, is that enough?).\nThanks\n{f}", [("WhatsApp Image 2026-11-12 at 09.14.33.jpeg", None)]),
    ("de", "AW: Fehlende Unterlagen", "Sehr geehrte Damen und Herren,\n\nanbei die unterschriebene Intentionserklärung zum TBC-Test.\n\nMit freundlichen Grüßen\n{f}", [("TBC_Erklaerung.pdf", "TB declaration")]),
    ("en", "signed forms", "Please find the signed forms attached.\n\n--\n{f}\nSoftware Engineer", [("forms_signed.pdf", "Antecedents + TB declaration")]),
]
CLIENTS = ["gmail", "outlook", "apple", "thunderbird", "yahoo", "k9", "zimbra", "roundcube"]


def emit_person(raw, mid, client, lang, sender, has, category="person", expect="reply", candidate=None, crlf=False):
    emit(category, raw, client, lang, expect, mid.strip(), sender=sender, candidate=candidate, has_att=has, crlf=crlf)


def make_atts(spec, last, seed):
    out = []
    for fn, title in spec:
        fn = fn.replace("{l}", ascii_fold(last).lower())
        out.append(jpgatt(fn, seed + len(out)) if title is None else pdfatt(fn, title))
    return out


def people():
    seed = 100
    # --- documents
    for i, (lang, subj, text, spec) in enumerate(DOCMAILS + DOCMAILS2):
        client = CLIENTS[i % len(CLIENTS)]
        dom = {"gmail": "gmail.com", "yahoo": "yahoo.com", "apple": "icloud.com", "outlook": R.choice(CORP + ["outlook.com"])}.get(client)
        name, addr = person(dom)
        f, l = name.split(" ", 1)
        atts = make_atts(spec, l, seed + i * 3)
        raw, mid = person_mail(client, name, addr, subj.replace("{n}", name), text.replace("{f}", f), atts)
        emit_person(raw, mid, client, lang, addr, True, crlf=(client == "outlook" and i % 2 == 0))
    # --- questions
    for i, (lang, subj, text) in enumerate(QUESTIONS):
        client = CLIENTS[(i + 3) % len(CLIENTS)]
        name, addr = person({"gmail": "gmail.com", "yahoo": "yahoo.com", "apple": "icloud.com"}.get(client))
        raw, mid = person_mail(client, name, addr, subj, text.replace("{f}", name.split()[0]))
        emit_person(raw, mid, client, lang, addr, False)
    # --- thread replies to the bot (with References chains)
    for i in range(6):
        client = ["gmail", "outlook", "apple", "thunderbird", "outlook", "gmail"][i]
        name, addr = person({"gmail": "gmail.com", "apple": "icloud.com"}.get(client))
        first = mkid(client if client in ("gmail", "apple") else "exchange", host="icloud.com")
        botid = mkid("bot", dt=_dt.datetime(2026, 11, R.randint(1, 20), R.randint(0, 23), R.randint(0, 59)))
        refs = [first, botid] if i % 2 else [botid]
        sub = R.choice(SUBJ_BOT).replace("{n}", str(R.randint(1000, 9999)))
        sub = sub if sub.startswith("Re: ") else "Re: " + sub
        quoted = (f"On {rfcdate(*when())}, {BOT_NAME} <{BOT}> wrote:\n> Dear candidate,\n>\n> We still need from you:\n>  - signed Antecedents Certificate\n>\n> Kind regards,\n> ITSync HR")
        txt = ["Here is the signed certificate, sorry for the delay.", "Attached. Is the photo readable enough?",
               "I already sent the antecedents form on Monday - could you check again please?", "Thanks! One more question: does my son (11) need one too?",
               "Please see attachment.", "Ok, I will send the TB form after the weekend."][i]
        atts = [pdfatt("Antecedents_certificate_signed.pdf", "Appendix Antecedents certificate")] if i in (0, 1, 4) else []
        raw, mid = person_mail(client, name, addr, sub, txt + "\n\n" + name.split()[0], atts, irt=botid, refs=refs, quoted=quoted,
                               day=R.randint(21, 27))
        emit_person(raw, mid, client, "en", addr, bool(atts))

    # --- near-misses that must still be answered
    # 1. address containing "reply" (an employee of an IT consultancy called Reply)
    raw, mid = person_mail("outlook", "Marco Bianchi", "m.bianchi@reply.it", "Application HSM – Marco Bianchi",
                           "Good afternoon,\n\nI'm joining ITSync in January. Attached my passport.\n\nBest regards,\nMarco Bianchi\nSenior Consultant | Reply",
                           [pdfatt("Passport_Bianchi.pdf", "Passport copy")])
    emit_person(raw, mid, "outlook", "en", "m.bianchi@reply.it", True)
    raw, mid = person_mail("gmail", "Anjali Reply-Menon", "anjali.replymenon@gmail.com", "Re: my TB form",
                           "Hi, yes I signed it by hand as you asked. Scan attached.\nAnjali", [jpgatt("tb_form.jpg", 7)], irt=mkid("bot"))
    emit_person(raw, mid, "gmail", "en", "anjali.replymenon@gmail.com", True)
    # 2. address containing "bounce"
    raw, mid = person_mail("apple", "Lina Haddad", "lina@bouncebackphysio.com.au", "Documents for my visa",
                           "Hello!\n\nHere is my antecedents certificate. I run a small physio clinic, hence the email address :)\n\nLina",
                           [pdfatt("antecedents.pdf", "Antecedents Certificate")])
    emit_person(raw, mid, "apple", "en", "lina@bouncebackphysio.com.au", True)
    # 3. address containing "auto"
    raw, mid = person_mail("thunderbird", "Pieter Automaat", "p.automaat@autohuis-jansen.nl", "Vraag namens mijn zwager",
                           "Goedemorgen,\n\nMijn zwager Rohan start bij jullie. Mag ik namens hem vragen of de tbc-verklaring ook in het Engels mag?\n\nGroeten,\nPieter")
    emit_person(raw, mid, "thunderbird", "nl", "p.automaat@autohuis-jansen.nl", False)
    raw, mid = person_mail("gmail", "Autumn Li", "autumn.li.dev@gmail.com", "passport copy",
                           "Hi HR, passport copy attached. Autumn", [jpgatt("passport.jpg", 9)])
    emit_person(raw, mid, "gmail", "en", "autumn.li.dev@gmail.com", True)
    raw, mid = person_mail("yahoo", "Sanjay Gupta", "sysadmin.sanjay@yahoo.com", "Antecedents form",
                           "Dear team, please find the signed antecedents form. Regards, Sanjay", [pdfatt("antecedents_sanjay.pdf", "Appendix Antecedents certificate")])
    emit_person(raw, mid, "yahoo", "en", "sysadmin.sanjay@yahoo.com", True)
    # 4. a PDF named undeliverable.pdf
    raw, mid = person_mail("gmail", "Oleksandr Kovalenko", "o.kovalenko@gmail.com", "Sending again - documents",
                           "Hello,\n\nMy email to HR came back, I saved the error as undeliverable.pdf so you can see it. My passport and forms are attached again.\n\nOleksandr",
                           [pdfatt("undeliverable.pdf", "Delivery failure screenshot"), pdfatt("passport.pdf", "Passport copy"), pdfatt("antecedents.pdf", "Antecedents Certificate")])
    emit_person(raw, mid, "gmail", "en", "o.kovalenko@gmail.com", True)
    # 5. a reply quoting an out-of-office text, subject "Re: Automatic reply"
    raw, mid = person_mail("outlook", "Fatima Khan", "fatima.khan@outlook.com", "RE: Automatic reply: HSM visa documents",
                           "Hi,\n\nI got an automatic reply saying HR is out of office until Monday. Could someone else confirm you got my passport?\n\nThanks,\nFatima",
                           irt=mkid("exchange"), quoted="________________________________\nFrom: HR <hr@mailbot.example>\nSent: Tuesday, 10 November 2026 09:12\nSubject: Automatic reply: HSM visa documents\n\nI am out of the office until Monday 16 November with limited access to email. For urgent matters please contact the front desk.")
    emit_person(raw, mid, "outlook", "en", "fatima.khan@outlook.com", False)
    raw, mid = person_mail("gmail", "Kenji Tanaka", "kenji.tanaka88@gmail.com", "Re: Automatic reply",
                           "I think your system sent me an automatic reply by mistake - it says documents missing but I sent them all. Attaching again.",
                           [pdfatt("tb_declaration.pdf", "Declaration of intent to undergo a TB test")], irt=mkid("bot"))
    emit_person(raw, mid, "gmail", "en", "kenji.tanaka88@gmail.com", True)
    # 6. a person forwarding a bounce they received
    raw, mid = person_mail("gmail", "Chiamaka Nwosu", "chiamaka.nwosu@gmail.com", "Fwd: Undelivered Mail Returned to Sender",
                           "Hi, I first sent this to the recruiter but it bounced (see below). My passport is attached. Please confirm receipt.\n\nChiamaka",
                           [jpgatt("passport_chiamaka.jpg", 11)],
                           quoted="---------- Forwarded message ---------\nFrom: Mail Delivery System <MAILER-DAEMON@smtp.itsync.example>\nDate: Mon, 9 Nov 2026 at 14:03\nSubject: Undelivered Mail Returned to Sender\nTo: <chiamaka.nwosu@gmail.com>\n\nThis is the mail system at host smtp.itsync.example.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<recruiter.old@itsync.example>: User unknown")
    emit_person(raw, mid, "gmail", "en", "chiamaka.nwosu@gmail.com", True)
    # 7. subject / first line that look like auto-reply or failure wording
    raw, mid = person_mail("outlook", "Tariq Qureshi", "tariq.qureshi@" + CORP[3], "Out of office next week - documents attached now",
                           "Hi,\n\nI'll be out of office from 23 November, so I'm sending everything today: passport, antecedents and TB form.\n\nTariq",
                           [pdfatt("passport_tq.pdf", "Passport"), pdfatt("antecedents_tq.pdf", "Antecedents"), pdfatt("tb_tq.pdf", "TB declaration")])
    emit_person(raw, mid, "outlook", "en", "tariq.qureshi@" + CORP[3], True)
    raw, mid = person_mail("apple", "Beatriz Santos", "bia.santos@icloud.com", "Returned mail?",
                           "Oi! I got a message saying 'returned mail' when I wrote to the recruiter. Did you receive my documents?\n\nBeatriz")
    emit_person(raw, mid, "apple", "en", "bia.santos@icloud.com", False)
    raw, mid = person_mail("thunderbird", "Hans Weber", "hans.weber@gmx.de", "Automatische Antwort erhalten – Unterlagen",
                           "Hallo,\n\nich habe nur eine automatische Antwort bekommen. Hier nochmals meine Unterlagen.\n\nGruß\nHans",
                           [pdfatt("Unterlagen.pdf", "Antecedents")])
    emit_person(raw, mid, "thunderbird", "de", "hans.weber@gmx.de", True)
    # 8. the operator's spam filter said "no"
    raw, mid = person_mail("gmail", "Ravi Iyer", "ravi.iyer.blr@gmail.com", "Docs for visa", "Hi, docs attached. Ravi",
                           [pdfatt("docs.pdf", "Passport + forms")],
                           extra="X-Spam-Flag: NO\nX-Spam-Score: -0.9\nX-Spam-Status: No, score=-0.9 required=5.0 tests=DKIM_SIGNED,DKIM_VALID,\n\tFREEMAIL_FROM,SPF_PASS autolearn=ham version=4.0.1\n")
    emit_person(raw, mid, "gmail", "en", "ravi.iyer.blr@gmail.com", True)
    raw, mid = person_mail("k9", "Elif Yılmaz", "elif.yilmaz@protonmail.com", "Question about my husband's documents",
                           "Hello, does my husband need his own antecedents certificate? Thanks, Elif",
                           extra="X-Rspamd-Queue-Id: 4B2C1A0E77\nX-Spamd-Result: default: False [-1.20 / 15.00];\n\tDMARC_POLICY_ALLOW(-0.50); R_SPF_ALLOW(-0.20)\nX-Rspamd-Action: no action\nX-Rspamd-Server: mx1.mailbot.example\n")
    emit_person(raw, mid, "k9", "en", "elif.yilmaz@protonmail.com", False)
    # 9. Reply-To points elsewhere; explicit Auto-Submitted: no
    raw, mid = person_mail("outlook", "Deepa Nair", "deepa.nair@" + CORP[8], "TB declaration - Deepa Nair",
                           "Hi,\n\nPlease reply to my personal address (in Reply-To); I'm leaving this company soon.\n\nDeepa",
                           [pdfatt("TB_Deepa.pdf", "TB declaration")], reply_to="Deepa Nair <deepa.nair.personal@gmail.com>")
    emit_person(raw, mid, "outlook", "en", "deepa.nair.personal@gmail.com", True)
    raw, mid = person_mail("roundcube", "Dmitri Ivanov", "dmitri@ivanov.example", "documents",
                           "Good day, documents attached. Dmitri", [pdfatt("passport_ivanov.pdf", "Passport")], extra="Auto-Submitted: no\n")
    emit_person(raw, mid, "roundcube", "en", "dmitri@ivanov.example", True)
    # 10. a recruiter at an agency forwarding a candidate's papers by hand (a person: answer the recruiter)
    raw, mid = person_mail("outlook", "Sophie de Vries", "sophie.devries@talentbridge-recruitment.nl", "FW: Passport Minh Nguyen",
                           "Hi HR,\n\nForwarding Minh's passport as discussed. Could you confirm what else you need from him?\n\nKind regards,\nSophie de Vries\nTalentBridge Recruitment",
                           [jpgatt("Minh_passport.jpg", 13)],
                           quoted="________________________________\nFrom: Minh Nguyen <minh.nguyen@gmail.com>\nSent: Monday, 16 November 2026 08:41\nTo: Sophie de Vries <sophie.devries@talentbridge-recruitment.nl>\nSubject: Passport\n\nHi Sophie, here is my passport.")
    emit_person(raw, mid, "outlook", "en", "sophie.devries@talentbridge-recruitment.nl", True)

    # --- very long Message-IDs (100–200 characters) that a reply must thread to
    specs = [("outlook", "exchange", CORP[0], "Re: HSM visa documents", True),
             ("zimbra", "javamail", "uni-sao-paulo.example", "Documentos do meu visto", True),
             ("outlook", "exchange", "outlook.com", "Question about dependants", False),
             ("zimbra", "javamail", "hr-integration.example", "Passport copy - Wei Zhang", True),
             ("gmail", "other", "gmail.com", "Re: still missing TB form?", False),
             ("outlook", "exchange", CORP[5], "Antecedents certificate (signed)", True)]
    for i, (client, kind, dom, subj, att) in enumerate(specs):
        name, addr = person(dom)
        mid = long_id(kind, addr.split("@")[1])
        irt = mkid("bot") if subj.startswith("Re:") else None
        prev = long_id("exchange", "x") if irt and i % 2 == 0 else None
        atts = [pdfatt("document.pdf", "Signed form")] if att else []
        raw, mid = person_mail(client, name, addr, subj, ["Hi, attached as you asked.", "Olá, segue o meu passaporte em anexo.", "Hello, do my children need an antecedents certificate if they are 9 and 12?",
                                "Hi HR, passport copy of Wei Zhang attached on his behalf (I am his manager).", "Yes, still missing - I will send it tomorrow, sorry!",
                                "Dear HR,\n\nPlease find the signed antecedents certificate."][i] + "\n\n" + name.split()[0],
                               atts, irt=irt, refs=([prev, irt] if prev else None), mid=mid, msgid_fold=(i % 3 == 1))
        emit_person(raw, mid, client, "pt" if "sao" in dom else "en", addr, att, crlf=(client == "outlook"))


# ================================================================== NO USABLE SENDER
def no_sender():
    cases = [
        ("display-only", "Maria Gonzalez", "gmail"),
        ("empty", "", "outlook"),
        ("missing", "__MISSING__", "thunderbird"),
        ("garbled", "=?utf-8?B?w4PCqMOkwr3Cog==?= \udcff\udcfe", "k9"),
        ("no-domain", "\"Chen Wei\" <chen.wei@>", "gmail"),
        ("group", "undisclosed-recipients:;", "roundcube"),
        ("obfuscated", "Ahmed Khan <ahmed.khan at gmail dot com>", "yahoo"),
        ("bad-domain", "\"Priya Sharma\" <priya.sharma@gmail..com>", "apple"),
        ("scanner", "Canon iR-ADV C3530", "thunderbird"),
    ]
    for i, (kind, frm, client) in enumerate(cases):
        name = ["Maria Gonzalez", "Thabo Mokoena", "Juan Rodriguez", "Mei Li", "Chen Wei", "Valentina Morales", "Ahmed Khan", "Priya Sharma", "Kwame Mensah"][i]
        txt = ["Hello, this is Maria. Attached my passport and antecedents form.",
               "Hi, my documents for the visa. Thabo Mokoena",
               "Buenos días, adjunto mis documentos. Juan",
               "hello HR, i am Mei Li, my passport attached",
               "Dear HR, please see my TB declaration. Chen Wei",
               "Hola, envío el formulario firmado. Valentina Morales",
               "Dear team, attached my signed antecedents certificate. Ahmed",
               "Hi! Passport and TB form attached. Priya",
               "Scanned documents of Kwame Mensah (passport, antecedents)"][i]
        atts = [pdfatt(f"documents_{i}.pdf", "Passport copy + forms")] if i != 3 else [jpgatt("passport.jpg", 21)]
        fh = frm
        if kind == "garbled":
            fh = "=?utf-8?B?w4PCqMOkwr3Cog==?= \udcc3(\udca0\udca1"   # encoded word + broken 8-bit bytes, no address
        raw, mid = person_mail(client, name, None, R.choice(["documents", "Visa documents", "Documentos", "passport", "scan"]), txt, atts, from_hdr=fh)
        lang = "es" if i in (2, 5) else "en"
        emit(f"no_sender", raw, client, lang, "set_aside", mid.strip(), sender=None, has_att=True)


# ================================================================== FORWARDED BY HR'S RULE
def forwarded():
    for i in range(10):
        lang = ["en", "en", "nl", "en", "de", "en", "pt", "en", "nl", "en"][i]
        client = ["gmail", "outlook", "apple", "thunderbird", "gmail", "yahoo", "gmail", "outlook", "k9", "apple"][i]
        name, addr = person({"gmail": "gmail.com", "yahoo": "yahoo.com", "apple": "icloud.com"}.get(client))
        f, l = name.split(" ", 1)
        subj = ["Visa documents", "Passport and antecedents", "Documenten", "TB form", "Unterlagen", "my docs",
                "Documentos para o visto", "Re: HSM documents", "Paspoort", "Forms signed"][i]
        atts = [pdfatt(f"{ascii_fold(l).lower()}_passport.pdf", "Passport copy")] + ([jpgatt("antecedents_photo.jpg", 30 + i)] if i % 2 else [])
        dt, tz = when(tz="+0000")
        idt = dt - _dt.timedelta(minutes=R.randint(0, 3), seconds=R.randint(1, 59))
        itext = ["Hello HR,\n\nAttached my documents for the visa.\n\n{f}", "Hi, here are my passport and the antecedents form.\n{f}",
                 "Goedemiddag, bijgaand mijn paspoort.\n\n{f}", "Dear Sir/Madam, please find my TB declaration attached. Regards, {f}",
                 "Hallo, anbei meine Unterlagen.\n{f}", "docs attached\n\n{f}", "Olá, seguem os documentos.\n{f}",
                 "Thanks for the reminder, here you go.\n{f}", "Hoi, mijn paspoortscan. Groet, {f}", "Signed and scanned. {f}"][i].replace("{f}", f)
        inner, imid = person_mail(client, name, addr, subj, itext, atts,
                                  to=HR, at=(idt, "+0000"), with_received=False)
        inner = inner.split("\n", 1)[1] if inner.startswith("Return-Path") else inner
        mid = mkid("exchange", long=(i % 3 == 0))
        rule_hdrs = ("Auto-Submitted: auto-generated\n" if i != 9 else "") + \
                    f"X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent\nX-MS-Exchange-Inbox-Rules-Loop: {HR}\n" \
                    f"X-MS-Exchange-Organization-AutoForwarded: true\nX-MS-Exchange-Organization-Rules-Execution-History: 0b0cf904-14ac-4724-8bdf-482ee6223cf2%%%{hexs(8, False)}\n" \
                    + ("X-Auto-Response-Suppress: All\n" if i % 2 == 0 else "") + "X-MS-Exchange-Organization-SCL: 1\n"
        fsubj = {"nl": "Doorst: ", "de": "WG: ", "pt": "ENC: "}.get(lang, "FW: ") + subj
        bnd = f"_{uuid4()}_"
        if i % 2 == 0:   # forward as attachment: message/rfc822
            body = {"nl": "Automatisch doorgestuurd door een regel.", "de": "Automatisch durch eine Regel weitergeleitet."}.get(lang, "")
            mime = (f"Content-Type: multipart/mixed;\n\tboundary=\"{bnd}\"\nMIME-Version: 1.0\n\n--{bnd}\nContent-Type: text/plain; charset=\"us-ascii\"\n\n{ascii_fold(body)}\n\n"
                    f"--{bnd}\nContent-Type: message/rfc822\nContent-Disposition: attachment;\n\tcreation-date=\"{rfcdate(dt, '+0000').replace('+0000', 'GMT')}\";\n\tmodification-date=\"{rfcdate(dt, '+0000').replace('+0000', 'GMT')}\"\n\n{inner}\n--{bnd}--\n")
            has = True
        else:            # inline forward, attachments carried over
            hdrlabels = {"nl": ("Van", "Verzonden", "Aan", "Onderwerp"), "de": ("Von", "Gesendet", "An", "Betreff"),
                         "pt": ("De", "Enviado", "Para", "Assunto")}.get(lang, ("From", "Sent", "To", "Subject"))
            odt, otz = later(dt - _dt.timedelta(hours=2), tz)
            fwd_text = (f"\n\n________________________________\n{hdrlabels[0]}: {name} <{addr}>\n{hdrlabels[1]}: {odt.strftime('%A, %d %B %Y %H:%M')}\n"
                        f"{hdrlabels[2]}: HR <{HR}>\n{hdrlabels[3]}: {subj}\n\n{itext}\n")
            if i == 5:
                fwd_text = f"\n\n-----Original Message-----\nFrom: {addr}\nSent: {odt.strftime('%d.%m.%Y %H:%M')}\nTo: {HR}\nSubject: {subj}\n\nHello HR, attached my documents.\n"
            parts = "".join(f"--{bnd}\nContent-Type: {ct}; name=\"{fn}\"\nContent-Description: {fn}\nContent-Disposition: attachment; filename=\"{fn}\"; size={len(data)}\nContent-Transfer-Encoding: base64\n\n{b64(data)}\n" for ct, fn, data in atts)
            mime = (f"Content-Type: multipart/mixed;\n\tboundary=\"{bnd}\"\nMIME-Version: 1.0\n\n--{bnd}\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n\n{qp(fwd_text)}\n{parts}--{bnd}--\n")
            has = True
        raw = (f"Return-Path: <{FWD}>\n{inbound(dt, tz, 'mail-db8eur05on2111.outbound.protection.outlook.com')}\n"
               f"From: HR forwarding <{FWD}>\nTo: {BOT_NAME} <{BOT}>\nSubject: {ew(fsubj)}\nThread-Topic: {ew(subj)}\n"
               f"Thread-Index: {base64.b64encode(bytes(R.randrange(256) for _ in range(22))).decode()}\nDate: {rfcdate(dt, tz)}\nMessage-ID: {mid}\n"
               f"{rule_hdrs}X-MS-Has-Attach: yes\nX-MS-TNEF-Correlator:\nContent-Language: en-US\n{mime}")
        emit("forwarded", raw, "exchange-rule", lang, "forwarded", mid, sender=None, candidate=addr, has_att=has, crlf=(i % 3 == 2))


# ================================================================== main
def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    plan = [(b_postfix, 12), (b_exim, 10), (b_sendmail, 9), (b_qmail, 7), (b_exchange, 14), (b_gmail, 8), (b_yahoo, 6),
            (b_domino, 6), (b_courier, 5), (b_odd, 13),
            (a_outlook, 14), (a_gmail, 7), (a_zimbra, 5), (a_apple, 4), (a_vacation, 4), (a_lotus, 3), (a_cpanel, 3), (a_plain, 5),
            (bulk, 20), (lst, 20), (notif, 25), (feedback, 12), (challenge, 6), (spam, 10)]
    for fn, n in plan:
        for i in range(n):
            fn(i)
    people()
    no_sender()
    forwarded()
    # neutral file names in a shuffled (seeded) order, so that names and order reveal nothing
    order = list(range(len(LABELS)))
    random.Random(4711).shuffle(order)
    for newpos, idx in enumerate(order, 1):
        lab = LABELS[idx]
        new = f"mails/msg-{newpos:04d}.eml"
        os.rename(os.path.join(HERE, lab["file"]), os.path.join(HERE, new + ".tmp"))
        lab["file"] = new
    for lab in LABELS:
        os.rename(os.path.join(HERE, lab["file"] + ".tmp"), os.path.join(HERE, lab["file"]))
    LABELS.sort(key=lambda m: m["file"])
    labels = {"settings": {"from_address": BOT, "hr_address": HR, "forwarders": [FWD]}, "mails": LABELS}
    with open(os.path.join(HERE, "labels.json"), "w", encoding="utf-8") as f:
        json.dump(labels, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(len(LABELS), COUNTER)


if __name__ == "__main__":
    main()
