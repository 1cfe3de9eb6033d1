#!/usr/bin/env python3
"""Deterministic generator of the blind 'documents' test set (files/, labels.json, mails/).

Run:  /work/main/.venv/bin/python generate.py      (from this folder)
Everything is derived from SEED; rerunning gives byte-identical output.
"""
import io, os, sys, json, math, random, shutil, hashlib, zipfile, datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime
from email import policy
import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter

from reportlab import rl_config
rl_config.invariant = 1
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
import docx
from docx.shared import Pt

SEED = 90909
import time as _time
FIXED_T = _time.gmtime(1793523600)  # 2026-11-01 fixed timestamp for image PDFs
HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, "files")
MAILS = os.path.join(HERE, "mails")

# ----------------------------------------------------------------------------- fonts
FONTS = {
    "sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "sansb": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "serifb": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    "lsans": "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "lsansb": "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    "lserif": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "lserifb": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
    "fsans": "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    "fsansb": "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf",
    "fserif": "/usr/share/fonts/truetype/freefont/FreeSerif.ttf",
    "fserifb": "/usr/share/fonts/truetype/freefont/FreeSerifBold.ttf",
    "mono": "/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf",
    "monob": "/usr/share/fonts/truetype/liberation2/LiberationMono-Bold.ttf",
    "hand1": "/usr/share/fonts/truetype/freefont/FreeSerifItalic.ttf",
    "hand2": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf",
    "hand3": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
}
PIL_ONLY = {
    "handz": "/usr/share/fonts/opentype/urw-base35/Z003-MediumItalic.otf",
    "ocrb": "/usr/share/fonts/opentype/ocr-b/OCRB.otf",
    "gothic": "/usr/share/fonts/opentype/urw-base35/URWGothic-Book.otf",
}
for k, p in list(PIL_ONLY.items()):
    if not os.path.exists(p):
        PIL_ONLY[k] = FONTS["hand1"] if k != "ocrb" else "/usr/share/fonts/opentype/ocr-b/OCRBS.otf"
FAMILIES = [("sans", "sansb"), ("serif", "serifb"), ("lsans", "lsansb"), ("lserif", "lserifb"),
            ("fsans", "fsansb"), ("fserif", "fserifb")]
for k, p in FONTS.items():
    pdfmetrics.registerFont(TTFont(k, p))
_fc = {}


def pfont(key, px):
    px = max(4, int(round(px)))
    k = (key, px)
    if k not in _fc:
        _fc[k] = ImageFont.truetype(FONTS.get(key) or PIL_ONLY[key], px)
    return _fc[k]


def tw(text, key, size):
    return pfont(key, 100).getlength(text) * size / 100.0


def wrap(text, key, size, width):
    out = []
    for para in text.split("\n"):
        words, line = para.split(" "), ""
        for w in words:
            t = (line + " " + w).strip()
            if tw(t, key, size) <= width or not line:
                line = t
            else:
                out.append(line)
                line = w
        out.append(line)
    return out

# ----------------------------------------------------------------------------- layout
PW, PH = 595.0, 842.0
INK = (20, 20, 20)
BLUE = (25, 40, 120)


class Style:
    def __init__(self, rng, **kw):
        fam = rng.choice(FAMILIES)
        self.f, self.fb = fam
        self.m = rng.choice([48, 54, 60, 66, 72])
        self.size = rng.choice([9.0, 9.5, 10.0, 10.5, 11.0])
        self.title = rng.choice([14, 15, 16, 17, 18])
        self.center = rng.random() < 0.5
        self.field = rng.choice(["line", "box", "colon", "line"])
        self.yn = rng.choice(["box", "box", "circle", "brackets"])
        self.hand = rng.choice(["handz", "hand1", "hand2", "handz"])
        self.shade = rng.random() < 0.4
        self.handwritten = rng.random() < 0.5
        self.lead = rng.choice([1.3, 1.4, 1.5])
        self.__dict__.update(kw)


def layout(blocks, st, rng):
    """blocks -> list of pages, each a list of ops (coordinates in pt, y down)."""
    pages, ops = [], []
    y = st.m
    L, R = st.m, PW - st.m
    W = R - L
    footer = None
    hand = st.handwritten

    def newpage():
        nonlocal ops, y
        if footer:
            ops.append(("t", L, PH - 28, footer, st.f, 7, (90, 90, 90)))
        pages.append(ops)
        ops = []
        y = st.m

    def need(h):
        if y + h > PH - st.m:
            newpage()

    def value(x, yb, text, size=None, typed_font=None):
        if not text:
            return
        size = size or st.size + 1
        if hand:
            ops.append(("h", x, yb, text, st.hand, size + 2, rng.randrange(10**6)))
        else:
            ops.append(("t", x, yb, text, typed_font or st.f, size, INK))

    for b in blocks:
        k = b[0]
        if k == "footer":
            footer = b[1]
        elif k == "hand":
            hand = b[1]
        elif k == "header":
            ops.append(("t", L, st.m - 20, b[1], st.f, 7.5, (80, 80, 80)))
            if len(b) > 2 and b[2]:
                ops.append(("t", R - tw(b[2], st.f, 7.5), st.m - 20, b[2], st.f, 7.5, (80, 80, 80)))
        elif k == "letterhead":
            name, sub = b[1], b[2]
            ops.append(("r", L, y, 26, 26, 0, (rng.randrange(20, 120), rng.randrange(40, 140), rng.randrange(80, 180))))
            ops.append(("t", L + 34, y + 12, name, st.fb, 13, INK))
            ops.append(("t", L + 34, y + 24, sub, st.f, 7.5, (90, 90, 90)))
            y += 44
        elif k == "title":
            size = b[2] if len(b) > 2 else st.title
            for ln in wrap(b[1], st.fb, size, W):
                need(size * 1.4)
                x = L + (W - tw(ln, st.fb, size)) / 2 if st.center else L
                y += size * 1.25
                ops.append(("t", x, y, ln, st.fb, size, INK))
            y += size * 0.6
        elif k == "section":
            need(st.size * 3)
            y += st.size * 0.8
            if st.shade:
                ops.append(("r", L - 3, y - 1, W + 6, st.size * 1.6, 0, (215, 215, 215)))
            y += st.size * 1.2
            ops.append(("t", L, y, b[1], st.fb, st.size + 0.5, INK))
            y += st.size * 0.8
        elif k in ("para", "small", "bold"):
            size = st.size if k != "small" else st.size - 1.5
            font = st.fb if k == "bold" else st.f
            for ln in wrap(b[1], font, size, W):
                need(size * st.lead)
                y += size * st.lead
                ops.append(("t", L, y, ln, font, size, INK))
            y += size * 0.5
        elif k == "gap":
            y += b[1]
        elif k == "pagebreak":
            newpage()
        elif k == "field":
            label, val = b[1], b[2]
            frac = b[3] if len(b) > 3 else 1.0
            y += _field(ops, st, L, y, W * frac, label, val, value)
            y += st.size * 2.6 if st.field != "box" else st.size * 3.4
            need(st.size * 3)
        elif k == "fields2":
            (l1, v1), (l2, v2) = b[1], b[2]
            need(st.size * 3.5)
            e1 = _field(ops, st, L, y, W * 0.48, l1, v1, value)
            e2 = _field(ops, st, L + W * 0.52, y, W * 0.48, l2, v2, value)
            y += max(e1, e2)
            y += st.size * 2.6 if st.field != "box" else st.size * 3.4
        elif k == "yn":
            num, q, ans, labs = b[1], b[2], b[3], b[4]
            qw = W - 110
            lines = wrap(q, st.f, st.size, qw - 18)
            need(len(lines) * st.size * st.lead + 10)
            y0 = y
            ops.append(("t", L, y + st.size * st.lead, num, st.fb, st.size, INK))
            for ln in lines:
                y += st.size * st.lead
                ops.append(("t", L + 18, y, ln, st.f, st.size, INK))
            yb = y0 + st.size * st.lead
            xs = [R - 95, R - 45]
            for i, lab in enumerate(labs):
                x = xs[i]
                chosen = ans is not None and ((ans and i == 0) or (not ans and i == 1))
                if st.yn == "circle":
                    ops.append(("t", x, yb, lab, st.f, st.size, INK))
                    if chosen:
                        ops.append(("circ", x - 4, yb - st.size - 2, tw(lab, st.f, st.size) + 8, st.size + 7, rng.randrange(10**6)))
                elif st.yn == "brackets":
                    ops.append(("t", x, yb, "[   ] " + lab, st.f, st.size, INK))
                    if chosen:
                        ops.append(("mark", x + 3, yb - st.size + 1, st.size - 1, hand, rng.randrange(10**6)))
                else:
                    s = st.size
                    ops.append(("r", x, yb - s + 1, s, s, 0.8, None))
                    ops.append(("t", x + s + 4, yb, lab, st.f, st.size, INK))
                    if chosen:
                        ops.append(("mark", x + 1, yb - s + 2, s - 2, hand, rng.randrange(10**6)))
            y += st.size * 0.9
        elif k == "check":
            label, checked = b[1], b[2]
            s = st.size
            for i, ln in enumerate(wrap(label, st.f, st.size, W - 24)):
                need(st.size * st.lead)
                y += st.size * st.lead
                if i == 0:
                    ops.append(("r", L, y - s + 1, s, s, 0.8, None))
                    if checked:
                        ops.append(("mark", L + 1, y - s + 2, s - 2, hand, rng.randrange(10**6)))
                ops.append(("t", L + 20, y, ln, st.f, st.size, INK))
            y += 3
        elif k == "bullet":
            for i, ln in enumerate(wrap(b[1], st.f, st.size, W - 16)):
                need(st.size * st.lead)
                y += st.size * st.lead
                ops.append(("t", L + 14, y, ln, st.f, st.size, INK))
                if i == 0:
                    ops.append(("t", L + 3, y, "-", st.f, st.size, INK))
            y += 2
        elif k == "sign":
            # b[1] = list of (label, value, is_signature)
            items = b[1]
            need(st.size * 6)
            y += st.size * 3.2
            n = len(items)
            cw = W / n
            for i, (lab, val, is_sig) in enumerate(items):
                x = L + i * cw
                ops.append(("l", x, y, x + cw - 14, y, 0.6))
                ops.append(("t", x, y + st.size + 2, lab, st.f, st.size - 1, INK))
                if val:
                    if is_sig:
                        ops.append(("sig", x + 6, y - 4, min(cw - 30, 120), rng.randrange(10**6), val, st.hand))
                    else:
                        value(x + 3, y - 3, val)
            y += st.size * 2.5
        elif k == "table":
            rows, widths = b[1], b[2]
            head = b[3] if len(b) > 3 else True
            tot = sum(widths)
            for ri, row in enumerate(rows):
                need(st.size * 1.8)
                y += st.size * 1.6
                x = L
                for ci, cell in enumerate(row):
                    cwid = W * widths[ci] / tot
                    font = st.fb if (head and ri == 0) else st.f
                    txt = str(cell)
                    while txt and tw(txt, font, st.size - 0.5) > cwid - 4:
                        txt = txt[:-1]
                    ops.append(("t", x + 2, y, txt, font, st.size - 0.5, INK))
                    x += cwid
                if head and ri == 0:
                    ops.append(("l", L, y + 4, R, y + 4, 0.6))
            y += st.size
        elif k == "rule":
            y += 6
            ops.append(("l", L, y, R, y, 0.8))
            y += 6
        elif k == "kv":
            # typed key: value pair (issued documents), always typed
            label, val = b[1], b[2]
            need(st.size * 1.8)
            y += st.size * st.lead
            ops.append(("t", L, y, label, st.fb, st.size, INK))
            ops.append(("t", L + W * 0.38, y, val, st.f, st.size, INK))
        elif k == "stamp":
            ops.append(("stamp", b[1], b[2], b[3], rng.randrange(10**6)))
    if footer:
        ops.append(("t", L, PH - 28, footer, st.f, 7, (90, 90, 90)))
    pages.append(ops)
    return pages


def _field(ops, st, x, y, w, label, val, value):
    s = st.size
    if st.field == "box":
        ops.append(("r", x, y + 2, w - 6, s * 2.9, 0.7, None))
        ops.append(("t", x + 3, y + s + 2, label, st.f, s - 2, (60, 60, 60)))
        value(x + 6, y + s * 2.6, val)
    elif st.field == "colon":
        lab = label + ":"
        lw = tw(lab, st.f, s) + 6
        yb = y + s * 1.9
        ops.append(("t", x, yb, lab, st.f, s, INK))
        ops.append(("dots", x + lw, yb + 1, x + w - 8, yb + 1))
        value(x + lw + 3, yb - 1, val)
    else:
        yb = y + s * 1.9
        ops.append(("t", x, yb, label, st.f, s, INK))
        lw = min(tw(label, st.f, s) + 8, w * 0.55)
        if tw(label, st.f, s) + 8 > w * 0.55:
            # long label: value line below
            ops.append(("l", x, yb + s * 1.5, x + w - 8, yb + s * 1.5, 0.5))
            value(x + 4, yb + s * 1.3, val)
            return s * 1.6
        else:
            ops.append(("l", x + lw, yb + 2, x + w - 8, yb + 2, 0.5))
            value(x + lw + 4, yb - 1, val)
    return 0

# ----------------------------------------------------------------------------- renderers


def render_pil(pages, dpi, rng, paper=(255, 255, 255)):
    sc = dpi / 72.0
    imgs = []
    for ops in pages:
        im = Image.new("RGB", (int(PW * sc), int(PH * sc)), paper)
        d = ImageDraw.Draw(im)
        for op in ops:
            k = op[0]
            if k == "t":
                _, x, y, text, f, size, col = op
                fnt = pfont(f, size * sc)
                d.text((x * sc, y * sc), text, font=fnt, fill=col, anchor="ls")
            elif k == "h":
                _, x, y, text, f, size, seed = op
                hand_pil(im, d, x * sc, y * sc, text, f, size * sc, seed)
            elif k == "l":
                _, x1, y1, x2, y2, w = op
                d.line([(x1 * sc, y1 * sc), (x2 * sc, y2 * sc)], fill=INK, width=max(1, int(w * sc)))
            elif k == "dots":
                _, x1, y1, x2, y2 = op
                xx = x1
                while xx < x2:
                    d.point((xx * sc, y1 * sc), fill=(60, 60, 60))
                    xx += 2.2
            elif k == "r":
                _, x, y, w, h, lw, fill = op
                box = [x * sc, y * sc, (x + w) * sc, (y + h) * sc]
                if fill is not None:
                    d.rectangle(box, fill=fill)
                if lw:
                    d.rectangle(box, outline=INK, width=max(1, int(lw * sc)))
            elif k == "mark":
                _, x, y, s, hand, seed = op
                r = random.Random(seed)
                col = BLUE if hand else INK
                j = (lambda: r.uniform(-0.12, 0.12) * s) if hand else (lambda: 0)
                if r.random() < 0.5 or not hand:
                    d.line([((x + j()) * sc, (y + j()) * sc), ((x + s + j()) * sc, (y + s + j()) * sc)], fill=col, width=max(2, int(0.9 * sc)))
                    d.line([((x + s + j()) * sc, (y + j()) * sc), ((x + j()) * sc, (y + s + j()) * sc)], fill=col, width=max(2, int(0.9 * sc)))
                else:
                    d.line([(x * sc, (y + s * 0.55) * sc), ((x + s * 0.4) * sc, (y + s) * sc), ((x + s * 1.2) * sc, (y - s * 0.3) * sc)], fill=col, width=max(2, int(0.9 * sc)))
            elif k == "circ":
                _, x, y, w, h, seed = op
                r = random.Random(seed)
                pts = []
                for i in range(40):
                    a = 2 * math.pi * i / 36
                    pts.append(((x + w / 2 + math.cos(a) * w / 2 * r.uniform(0.95, 1.08)) * sc,
                                (y + h / 2 + math.sin(a) * h / 2 * r.uniform(0.92, 1.08)) * sc))
                d.line(pts, fill=BLUE, width=max(2, int(0.8 * sc)))
            elif k == "sig":
                _, x, y, w, seed, name, hf = op
                sig_pil(d, x * sc, y * sc, w * sc, seed, name, hf, sc)
            elif k == "stamp":
                _, x, y, text, seed = op
                r = random.Random(seed)
                col = r.choice([(150, 30, 40), (40, 60, 150), (90, 40, 130)])
                layer = Image.new("RGBA", (int(130 * sc), int(130 * sc)), (0, 0, 0, 0))
                ld = ImageDraw.Draw(layer)
                ld.ellipse([4, 4, 126 * sc, 126 * sc], outline=col + (170,), width=int(2 * sc))
                ld.ellipse([14 * sc, 14 * sc, 116 * sc, 116 * sc], outline=col + (170,), width=int(1 * sc))
                f = pfont("sansb", 9 * sc)
                for i, part in enumerate(text.split("|")):
                    ld.text((65 * sc, (55 + i * 13) * sc), part, font=f, fill=col + (170,), anchor="mm")
                layer = layer.rotate(r.uniform(-25, 25), resample=Image.BICUBIC)
                im.paste(layer, (int(x * sc), int(y * sc)), layer)
                d = ImageDraw.Draw(im)
        imgs.append(im)
    return imgs


def hand_pil(im, d, x, y, text, f, px, seed):
    r = random.Random(seed)
    fnt = pfont(f, px * r.uniform(0.95, 1.1))
    cx = x
    drift = r.uniform(-0.03, 0.03)
    for ch in text:
        dy = r.uniform(-px * 0.06, px * 0.06) + (cx - x) * drift
        d.text((cx, y + dy), ch, font=fnt, fill=(BLUE[0] + r.randrange(15), BLUE[1], BLUE[2] + r.randrange(30)), anchor="ls")
        cx += fnt.getlength(ch) * r.uniform(0.95, 1.1)


def sig_pil(d, x, y, w, seed, name, hf, sc):
    r = random.Random(seed)
    if r.random() < 0.5:
        hand_pil(None, d, x, y, name, "handz" if hf == "handz" else hf, 15 * sc, seed)
    pts, n = [], r.randrange(6, 11)
    for i in range(n * 6):
        t = i / (n * 6 - 1)
        pts.append((x + t * w + math.sin(t * n * 3.1 + r.random()) * 6 * sc,
                    y - 6 * sc + math.cos(t * n * 2.3) * 7 * sc * r.uniform(0.6, 1.2)))
    d.line(pts, fill=BLUE, width=max(2, int(0.9 * sc)))


def render_pdf(pages, path, title=None, author=None):
    c = rl_canvas.Canvas(path, pagesize=(PW, PH), invariant=1)
    if title:
        c.setTitle(title)
    if author:
        c.setAuthor(author)
    for ops in pages:
        for op in ops:
            k = op[0]
            if k == "t":
                _, x, y, text, f, size, col = op
                c.setFillColorRGB(*[v / 255 for v in col])
                c.setFont(f if f in FONTS else "sans", size)
                c.drawString(x, PH - y, text)
            elif k == "h":
                _, x, y, text, f, size, seed = op
                r = random.Random(seed)
                fk = f if f in FONTS else "hand1"
                c.setFillColorRGB(*[v / 255 for v in BLUE])
                cx = x
                for ch in text:
                    c.setFont(fk, size * r.uniform(0.96, 1.06))
                    c.drawString(cx, PH - y + r.uniform(-0.6, 0.6), ch)
                    cx += pdfmetrics.stringWidth(ch, fk, size) * r.uniform(0.97, 1.08)
            elif k == "l":
                _, x1, y1, x2, y2, w = op
                c.setStrokeColorRGB(0, 0, 0)
                c.setLineWidth(w)
                c.line(x1, PH - y1, x2, PH - y2)
            elif k == "dots":
                _, x1, y1, x2, y2 = op
                c.setDash(1, 2)
                c.setLineWidth(0.5)
                c.line(x1, PH - y1, x2, PH - y2)
                c.setDash()
            elif k == "r":
                _, x, y, w, h, lw, fill = op
                if fill is not None:
                    c.setFillColorRGB(*[v / 255 for v in fill])
                c.setLineWidth(lw or 0.1)
                c.setStrokeColorRGB(0, 0, 0)
                c.rect(x, PH - y - h, w, h, stroke=1 if lw else 0, fill=1 if fill is not None else 0)
            elif k == "mark":
                _, x, y, s, hand, seed = op
                c.setStrokeColorRGB(*([v / 255 for v in BLUE] if hand else [0, 0, 0]))
                c.setLineWidth(1.2)
                c.line(x, PH - y, x + s, PH - y - s)
                c.line(x + s, PH - y, x, PH - y - s)
            elif k == "circ":
                _, x, y, w, h, seed = op
                c.setStrokeColorRGB(*[v / 255 for v in BLUE])
                c.setLineWidth(1)
                c.ellipse(x, PH - y, x + w, PH - y - h, stroke=1, fill=0)
            elif k == "sig":
                _, x, y, w, seed, name, hf = op
                r = random.Random(seed)
                c.setStrokeColorRGB(*[v / 255 for v in BLUE])
                c.setLineWidth(1.1)
                p = c.beginPath()
                p.moveTo(x, PH - y)
                n = r.randrange(4, 8)
                for i in range(n):
                    x0 = x + (i + 1) * w / n
                    p.curveTo(x0 - w / n * 0.7, PH - y + r.uniform(4, 14), x0 - w / n * 0.3, PH - y - r.uniform(2, 10), x0, PH - y + r.uniform(-3, 6))
                c.drawPath(p, stroke=1, fill=0)
            elif k == "stamp":
                _, x, y, text, seed = op
                c.setStrokeColorRGB(0.6, 0.1, 0.15)
                c.setFillColorRGB(0.6, 0.1, 0.15)
                c.circle(x + 65, PH - y - 65, 60, stroke=1, fill=0)
                c.setFont("sansb", 8)
                for i, part in enumerate(text.split("|")):
                    c.drawCentredString(x + 65, PH - y - 60 - i * 12, part)
        c.showPage()
    c.save()


def render_docx(blocks, path, rng, st):
    d = docx.Document()
    d.core_properties.author = rng.choice(["HR", "Relocation desk", "user", "Mobility team", ""])
    d.core_properties.created = dt.datetime(2026, 10, 1, 9, 0, 0)
    d.core_properties.modified = dt.datetime(2026, 10, 1, 9, 0, 0)
    d.core_properties.revision = 1
    sty = d.styles["Normal"]
    sty.font.name = rng.choice(["Calibri", "Arial", "Times New Roman", "Verdana"])
    sty.font.size = Pt(rng.choice([10, 10.5, 11]))
    yes_sym, no_sym = rng.choice([("\u2612", "\u2610"), ("[X]", "[ ]"), ("X", "_")])
    for b in blocks:
        k = b[0]
        if k == "title":
            d.add_heading(b[1], level=1 if rng.random() < 0.6 else 0)
        elif k == "section":
            d.add_heading(b[1], level=2)
        elif k in ("para", "small", "bullet"):
            d.add_paragraph(b[1])
        elif k == "bold":
            d.add_paragraph().add_run(b[1]).bold = True
        elif k == "letterhead":
            p = d.add_paragraph()
            p.add_run(b[1]).bold = True
            p.add_run("\n" + b[2])
        elif k == "header":
            d.sections[0].header.paragraphs[0].text = b[1] + ("    " + b[2] if len(b) > 2 and b[2] else "")
        elif k == "footer":
            d.sections[0].footer.paragraphs[0].text = b[1]
        elif k == "field":
            d.add_paragraph(f"{b[1]}: {b[2] if b[2] else '_' * 30}")
        elif k == "fields2":
            t = d.add_table(rows=1, cols=2)
            for i, (l, v) in enumerate((b[1], b[2])):
                t.rows[0].cells[i].text = f"{l}: {v if v else '_' * 20}"
        elif k == "kv":
            d.add_paragraph(f"{b[1]}  {b[2]}")
        elif k == "yn":
            num, q, ans, labs = b[1], b[2], b[3], b[4]
            p = d.add_paragraph(f"{num} {q}\n")
            a = yes_sym if ans is True else no_sym
            c2 = yes_sym if ans is False else no_sym
            p.add_run(f"    {a} {labs[0]}     {c2} {labs[1]}")
        elif k == "check":
            d.add_paragraph(f"{yes_sym if b[2] else no_sym}  {b[1]}")
        elif k == "sign":
            for lab, val, is_sig in b[1]:
                d.add_paragraph(f"{lab}: {val if val else '_' * 30}")
        elif k == "table":
            rows = b[1]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    t.rows[i].cells[j].text = str(cell)
        elif k == "pagebreak":
            d.add_page_break()
    buf = io.BytesIO()
    d.save(buf)
    # rewrite zip with fixed timestamps for determinism
    zin = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 10, 1, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, zin.read(info.filename))

# ----------------------------------------------------------------------------- image degradations


def scanify(im, rng, noise=True):
    a = rng.uniform(-1.8, 1.8)
    im = im.rotate(a, resample=Image.BICUBIC, expand=False, fillcolor=(250, 250, 248))
    arr = np.asarray(im).astype(np.float32)
    nrng = np.random.default_rng(rng.randrange(2**31))
    tint = np.array([rng.uniform(-8, 2), rng.uniform(-8, 2), rng.uniform(-12, 0)], np.float32)
    arr = arr * rng.uniform(0.9, 0.98) + 10 + tint
    if noise:
        arr += nrng.normal(0, rng.uniform(2, 4.5), arr.shape[:2])[..., None]
    im = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if rng.random() < 0.6:
        im = im.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    if rng.random() < 0.3:
        im = im.convert("L").convert("RGB")
    return im


def _persp_coeffs(dst, src):
    A, B = [], []
    for (x, y), (u, v) in zip(dst, src):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); B.append(u)
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y]); B.append(v)
    return np.linalg.solve(np.array(A, float), np.array(B, float)).tolist()


def desk(w, h, rng):
    nrng = np.random.default_rng(rng.randrange(2**31))
    kind = rng.choice(["wood", "grey", "cloth", "dark"])
    base = {"wood": (150, 105, 70), "grey": (120, 122, 125), "cloth": (60, 80, 110), "dark": (45, 40, 38)}[kind]
    yy = np.arange(h)[:, None]
    xx = np.arange(w)[None, :]
    arr = np.zeros((h, w, 3), np.float32) + np.array(base, np.float32)
    if kind == "wood":
        arr += (np.sin(yy / rng.uniform(6, 14) + np.sin(xx / 90.0) * 2) * 14)[..., None]
    arr += nrng.normal(0, 6, (h, w))[..., None]
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def photoify(im, rng, out_w=None):
    landscape = rng.random() < 0.35 or im.width > im.height
    W, H = (1600, 1200) if landscape else (1200, 1600)
    if out_w:
        W, H = out_w
    bg = desk(W, H, rng)
    iw, ih = im.size
    s = min(W / iw, H / ih) * (rng.uniform(0.78, 0.9) if im.width > im.height else rng.uniform(0.72, 0.88))
    pw, ph = iw * s, ih * s
    cx, cy = W / 2 + rng.uniform(-40, 40), H / 2 + rng.uniform(-40, 40)
    j = lambda: (rng.uniform(-0.07, 0.07) * pw, rng.uniform(-0.05, 0.05) * ph)
    corners = []
    for (sx, sy) in [(-1, -1), (1, -1), (1, 1), (-1, 1)]:
        dx, dy = j()
        corners.append((cx + sx * pw / 2 + dx, cy + sy * ph / 2 + dy))
    # tilt: top narrower
    t = rng.uniform(0, 0.08) * pw
    corners[0] = (corners[0][0] + t, corners[0][1]); corners[1] = (corners[1][0] - t, corners[1][1])
    src = [(0, 0), (iw, 0), (iw, ih), (0, ih)]
    coeffs = _persp_coeffs(corners, src)
    warped = im.convert("RGB").transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(0, 0, 0))
    mask = Image.new("L", im.size, 255).transform((W, H), Image.PERSPECTIVE, coeffs, Image.BILINEAR, fillcolor=0)
    # drop shadow
    sh = mask.filter(ImageFilter.GaussianBlur(14))
    bgarr = np.asarray(bg).astype(np.float32) * (1 - 0.45 * np.asarray(sh, np.float32)[..., None] / 255)
    bg = Image.fromarray(bgarr.clip(0, 255).astype(np.uint8))
    bg.paste(warped, (8, 10), mask)
    bg.paste(warped, (0, 0), mask)
    arr = np.asarray(bg).astype(np.float32)
    # lighting gradient
    ang = rng.uniform(0, 2 * math.pi)
    yy, xx = np.mgrid[0:H, 0:W]
    g = (np.cos(ang) * (xx / W - 0.5) + np.sin(ang) * (yy / H - 0.5))
    arr *= (1 - rng.uniform(0.15, 0.35) * (g + 0.5))[..., None]
    arr *= np.array([1.0, rng.uniform(0.96, 1.0), rng.uniform(0.86, 0.97)], np.float32)
    nrng = np.random.default_rng(rng.randrange(2**31))
    arr += nrng.normal(0, 3, (H, W))[..., None]
    out = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    return out.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.2)))


def save_jpeg(im, path, rng):
    im.convert("RGB").save(path, "JPEG", quality=rng.randrange(70, 80), optimize=True)


def save_image_pdf(imgs, path, rng, dpi):
    ims = []
    for im in imgs:
        buf = io.BytesIO()
        im.convert("RGB").save(buf, "JPEG", quality=rng.randrange(70, 78))
        ims.append(Image.open(io.BytesIO(buf.getvalue())))
    ims[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=ims[1:],
                creationDate=FIXED_T, modDate=FIXED_T, producer="scan", title="Scanned document")

# ----------------------------------------------------------------------------- people & MRZ
COUNTRIES = {
    "USA": ("UNITED STATES OF AMERICA", "United States", ["James", "Emily", "Michael", "Ashley", "Tyler", "Megan", "Daniel Ray", "Brooke"], ["Whitaker", "Lopez", "Kowalski", "O'Brien", "Nguyen", "Carter-Hall"], ["Denver", "Ohio", "Boston", "Austin"]),
    "CAN": ("CANADA", "Canada", ["Liam", "Chloe", "Mathieu", "Avery", "Noah"], ["Tremblay", "MacLeod", "Singh", "Gagnon"], ["Winnipeg", "Quebec", "Halifax"]),
    "AUS": ("AUSTRALIA", "Australia", ["Jack", "Isla", "Harrison", "Matilda"], ["Fitzgerald", "Nguyen", "Papadopoulos", "Walsh"], ["Perth", "Brisbane", "Hobart"]),
    "NZL": ("NEW ZEALAND", "New Zealand", ["Aroha", "Finn", "Hemi", "Olivia"], ["Parata", "McKenzie", "Thompson"], ["Dunedin", "Auckland"]),
    "JPN": ("JAPAN", "Japan", ["Haruto", "Yui", "Sota", "Akari", "Kenji"], ["Takahashi", "Yamamoto", "Ishikawa", "Fujimoto"], ["Osaka", "Sapporo", "Nagoya"]),
    "FRA": ("FRANCE", "France", ["Camille", "Louis", "Manon", "Hugo"], ["Lefebvre", "Moreau", "Dubois-Martin"], ["Lyon", "Rennes"]),
    "ITA": ("ITALY", "Italy", ["Giulia", "Matteo", "Chiara"], ["Russo", "Esposito", "Bianchi"], ["Napoli", "Torino"]),
    "ESP": ("SPAIN", "Spain", ["Lucia", "Pablo", "Marta"], ["Garcia Ruiz", "Fernandez", "Navarro"], ["Sevilla", "Valencia"]),
    "POL": ("POLAND", "Poland", ["Katarzyna", "Piotr", "Zofia"], ["Nowak", "Wisniewski", "Zielinska"], ["Krakow", "Gdansk"]),
    "IND": ("INDIA", "India", ["Priya", "Rahul", "Ananya", "Vikram", "Sneha", "Arjun Kumar", "Lakshmi"], ["Sharma", "Iyer", "Reddy", "Banerjee", "Nair", "Gupta"], ["Pune", "Chennai", "Hyderabad", "Kolkata"]),
    "NGA": ("NIGERIA", "Nigeria", ["Chinedu", "Ngozi", "Oluwaseun", "Aisha", "Emeka"], ["Okafor", "Adeyemi", "Balogun", "Eze"], ["Lagos", "Enugu", "Ibadan"]),
    "PAK": ("PAKISTAN", "Pakistan", ["Ayesha", "Hamza", "Bilal", "Sana"], ["Qureshi", "Malik", "Chaudhry"], ["Lahore", "Karachi"]),
    "PHL": ("PHILIPPINES", "Philippines", ["Maria Cristina", "Jose", "Angelica", "Mark Anthony"], ["Dela Cruz", "Santos", "Reyes", "Bautista"], ["Cebu City", "Davao", "Quezon City"]),
    "BRA": ("BRAZIL", "Brazil", ["Joao Pedro", "Fernanda", "Lucas", "Beatriz"], ["Oliveira", "Souza", "Carvalho", "Pereira"], ["Recife", "Curitiba", "Sao Paulo"]),
    "EGY": ("EGYPT", "Egypt", ["Omar", "Nourhan", "Youssef", "Mariam"], ["Hassan", "Abdelrahman", "Farouk"], ["Alexandria", "Cairo"]),
    "ZAF": ("SOUTH AFRICA", "South Africa", ["Thabo", "Lerato", "Pieter", "Naledi"], ["Nkosi", "van der Merwe", "Dlamini"], ["Durban", "Pretoria"]),
    "TUR": ("TURKEY", "Turkey", ["Elif", "Emre", "Zeynep", "Burak"], ["Yilmaz", "Demir", "Kaya", "Ozturk"], ["Izmir", "Ankara", "Bursa"]),
    "CHN": ("CHINA", "China", ["Wei", "Xiaoling", "Hao", "Mei"], ["Zhang", "Liu", "Chen", "Wang"], ["Chengdu", "Hangzhou", "Wuhan"]),
    "VNM": ("VIET NAM", "Vietnam", ["Minh Anh", "Duc", "Thu Trang"], ["Nguyen", "Tran", "Pham"], ["Hanoi", "Da Nang"]),
    "IDN": ("INDONESIA", "Indonesia", ["Putri", "Budi", "Dewi", "Agus"], ["Wijaya", "Santoso", "Hidayat"], ["Bandung", "Surabaya"]),
    "MEX": ("MEXICO", "Mexico", ["Alejandra", "Diego", "Ximena", "Carlos"], ["Hernandez", "Ramirez Soto", "Castillo"], ["Puebla", "Guadalajara", "Monterrey"]),
    "COL": ("COLOMBIA", "Colombia", ["Valentina", "Santiago", "Camila", "Andres"], ["Rodriguez", "Gomez", "Restrepo"], ["Medellin", "Cali", "Bogota"]),
}
ADJ = {"USA": "American", "CAN": "Canadian", "AUS": "Australian", "NZL": "New Zealander", "JPN": "Japanese", "FRA": "French",
       "ITA": "Italian", "ESP": "Spanish", "POL": "Polish", "IND": "Indian", "NGA": "Nigerian", "PAK": "Pakistani", "PHL": "Filipino",
       "BRA": "Brazilian", "EGY": "Egyptian", "ZAF": "South African", "TUR": "Turkish", "CHN": "Chinese", "VNM": "Vietnamese",
       "IDN": "Indonesian", "MEX": "Mexican", "COL": "Colombian"}
ADJ_NL = {"USA": "Amerikaanse", "CAN": "Canadese", "AUS": "Australische", "NZL": "Nieuw-Zeelandse", "JPN": "Japanse", "FRA": "Franse",
          "ITA": "Italiaanse", "ESP": "Spaanse", "POL": "Poolse", "IND": "Indiase", "NGA": "Nigeriaanse", "PAK": "Pakistaanse", "PHL": "Filipijnse",
          "BRA": "Braziliaanse", "EGY": "Egyptische", "ZAF": "Zuid-Afrikaanse", "TUR": "Turkse", "CHN": "Chinese", "VNM": "Vietnamese",
          "IDN": "Indonesische", "MEX": "Mexicaanse", "COL": "Colombiaanse"}
MON = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
STREETS = ["12 Maple Court", "Flat 4B, 221 Ring Road", "77 Harbour View Drive", "Calle 45 #12-30", "Plot 18, Admiralty Way",
           "3-14-2 Minami-cho", "Rua das Flores 310", "Tunali Hilmi Cd. 88/5", "56 Jalan Merdeka", "Av. Reforma 1020, Int. 7",
           "9 Nile Corniche St.", "House 21, Street 7, DHA Phase 5", "Block 9 Lot 3, Sampaguita St.", "18 Kloof Street"]


def cval(c):
    if c.isdigit():
        return int(c)
    if c == "<":
        return 0
    return ord(c) - 55


def check(s):
    return str(sum(cval(c) * (7, 3, 1)[i % 3] for i, c in enumerate(s)) % 10)


def mrz_name(s):
    s = s.upper().replace("'", "").replace("-", " ")
    return "<".join(p for p in s.split(" ") if p)


def yymmdd(d):
    return d.strftime("%y%m%d")


def td3(p):
    name = (mrz_name(p["surname"]) + "<<" + mrz_name(p["given_names"]))
    l1 = ("P<" + p["nationality"] + name + "<" * 44)[:44]
    num = (p["document_number"] + "<" * 9)[:9]
    opt = (p.get("personal", "") + "<" * 14)[:14]
    optc = check(opt) if p.get("personal") else "<"
    b, e = yymmdd(p["birth"]), yymmdd(p["expiry"])
    l2 = num + check(num) + p["nationality"] + b + check(b) + p["sex"] + e + check(e) + opt + optc
    comp = check(num + check(num) + b + check(b) + e + check(e) + opt + optc)
    l2 += comp
    assert len(l1) == 44 and len(l2) == 44
    return l1, l2


def td1(p, code="I<", state=None):
    state = state or p["nationality"]
    num = (p["document_number"] + "<" * 9)[:9]
    l1 = (code + state + num + check(num) + "<" * 30)[:30]
    b, e = yymmdd(p["birth"]), yymmdd(p["expiry"])
    l2 = b + check(b) + p["sex"] + e + check(e) + p["nationality"] + "<" * 11
    l2 = l2[:29]
    comp = check(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    l2 += comp
    l3 = (mrz_name(p["surname"]) + "<<" + mrz_name(p["given_names"]) + "<" * 30)[:30]
    return l1, l2, l3


def mrva(p):
    name = (mrz_name(p["surname"]) + "<<" + mrz_name(p["given_names"]))
    l1 = ("V<NLD" + name + "<" * 44)[:44]
    num = (p["visa_no"] + "<" * 9)[:9]
    b, e = yymmdd(p["birth"]), yymmdd(p["visa_until"])
    l2 = (num + check(num) + p["nationality"] + b + check(b) + p["sex"] + e + check(e) + "<" * 16)[:44]
    return l1, l2


def rand_date(rng, y0, y1):
    a = dt.date(y0, 1, 1).toordinal()
    b = dt.date(y1, 12, 28).toordinal()
    return dt.date.fromordinal(rng.randrange(a, b))


def make_person(rng, nat, expiry=None, sex=None):
    cn = COUNTRIES[nat]
    given = rng.choice(cn[2])
    sur = rng.choice(cn[3])
    sex = sex or rng.choice("MF")
    birth = rand_date(rng, 1968, 2001)
    issue = rand_date(rng, 2018, 2025)
    exp = expiry or dt.date(issue.year + 10, issue.month, min(issue.day, 28)) - dt.timedelta(days=1)
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    style = rng.randrange(4)
    if style == 0:
        num = rng.choice(letters) + "".join(rng.choice("0123456789") for _ in range(7))
    elif style == 1:
        num = "".join(rng.choice("0123456789") for _ in range(9))
    elif style == 2:
        num = rng.choice(letters) + rng.choice(letters) + "".join(rng.choice("0123456789") for _ in range(7))
    else:
        num = "".join(rng.choice(letters + "0123456789") for _ in range(9))
    p = dict(surname=sur, given_names=given, nationality=nat, sex=sex, birth=birth, issue=issue,
             expiry=exp, document_number=num, place=rng.choice(cn[4]), address=rng.choice(STREETS) + ", " + rng.choice(cn[4]) + ", " + cn[1])
    if rng.random() < 0.3:
        p["personal"] = "".join(rng.choice("0123456789") for _ in range(rng.choice([8, 10, 12])))
    p["name"] = f"{given} {sur}"
    p["email"] = (given.split(" ")[0] + "." + sur.replace(" ", "").replace("'", "")).lower() + "@" + rng.choice(["gmail.com", "outlook.com", "yahoo.com", "proton.me", "icloud.com", "mail.com"])
    return p


def fmt_date(d, rng, lang="en", style=None):
    style = style if style is not None else rng.randrange(5)
    if style == 0:
        return d.strftime("%d-%m-%Y")
    if style == 1:
        return d.strftime("%d/%m/%Y")
    if style == 2:
        return f"{d.day} {(MONTHS_NL if lang == 'nl' else MONTHS_EN)[d.month - 1]} {d.year}"
    if style == 3:
        return d.isoformat()
    return d.strftime("%d.%m.%Y")

# ----------------------------------------------------------------------------- passport images


def face(d0, box, rng):
    bx0, by0, bx1, by1 = [int(v) for v in box]
    sub = Image.new("RGB", (bx1 - bx0, by1 - by0))
    d = ImageDraw.Draw(sub)
    x0, y0, x1, y1 = 0, 0, bx1 - bx0, by1 - by0
    _face(d, (x0, y0, x1, y1), rng)
    d0._image.paste(sub, (bx0, by0))


def _face(d, box, rng):
    x0, y0, x1, y1 = box
    d.rectangle(box, fill=(rng.randrange(200, 235), rng.randrange(205, 235), rng.randrange(215, 240)))
    w, h = x1 - x0, y1 - y0
    skin = rng.choice([(236, 200, 170), (200, 150, 110), (150, 100, 70), (110, 75, 50), (225, 185, 150)])
    hair = rng.choice([(30, 25, 20), (80, 50, 30), (150, 110, 60), (20, 20, 20), (120, 120, 120)])
    d.ellipse([x0 + w * 0.1, y0 + h * 0.72, x1 - w * 0.1, y1 + h * 0.4], fill=rng.choice([(40, 50, 80), (90, 90, 95), (140, 40, 40), (30, 30, 30)]))
    d.rectangle([x0 + w * 0.42, y0 + h * 0.55, x0 + w * 0.58, y0 + h * 0.8], fill=skin)
    d.ellipse([x0 + w * 0.25, y0 + h * 0.12, x1 - w * 0.25, y0 + h * 0.68], fill=skin)
    d.chord([x0 + w * 0.23, y0 + h * 0.08, x1 - w * 0.23, y0 + h * 0.5], 180, 360, fill=hair)
    for ex in (0.4, 0.6):
        d.ellipse([x0 + w * ex - 4, y0 + h * 0.38 - 3, x0 + w * ex + 4, y0 + h * 0.38 + 3], fill=(40, 30, 30))
    d.line([x0 + w * 0.43, y0 + h * 0.56, x0 + w * 0.57, y0 + h * 0.56], fill=(120, 60, 60), width=3)


def passport_image(p, rng):
    W, H = 1500, 1056
    base = rng.choice([(235, 225, 240), (225, 238, 228), (240, 232, 215), (222, 232, 242), (242, 226, 226)])
    im = Image.new("RGB", (W, H), base)
    d = ImageDraw.Draw(im)
    col = tuple(max(0, c - 60) for c in base)
    ph = rng.uniform(0, 6)
    for k in range(0, H, 18):
        pts = [(x, k + 8 * math.sin(x / 40.0 + ph + k / 50.0)) for x in range(0, W, 12)]
        d.line(pts, fill=tuple(min(255, c + 8) if i % 2 else max(0, c - 12) for i, c in enumerate(base)), width=1)
    country, cname = COUNTRIES[p["nationality"]][0], COUNTRIES[p["nationality"]][1]
    bil = rng.random() < 0.6
    F = rng.choice([("sans", "sansb"), ("lsans", "lsansb"), ("fsans", "fsansb")])
    d.text((60, 70), country, font=pfont(F[1], 42), fill=col)
    d.text((W - 60, 70), "PASSPORT" + (" / PASSEPORT" if bil else ""), font=pfont(F[1], 34), fill=col, anchor="ra")
    face(d, (70, 190, 470, 700), rng)
    x0 = 520
    lab = pfont(F[0], 20)
    val = pfont(F[1], 32)
    dfmt = lambda dd: f"{dd.day:02d} {MON[dd.month - 1]} {dd.year}" if rng.random() < 0.7 else f"{dd.day:02d}/{dd.month:02d}/{dd.year}"
    rows = [
        [("Type / Type" if bil else "Type", "P"), ("Code / Code" if bil else "Country code", p["nationality"]), ("Passport No. / No. du passeport" if bil else "Passport No.", p["document_number"])],
        [("Surname / Nom" if bil else "Surname", p["surname"].upper())],
        [("Given names / Prénoms" if bil else "Given names", p["given_names"].upper())],
        [("Nationality / Nationalité" if bil else "Nationality", (ADJ[p["nationality"]].upper() if rng.random() < 0.6 else country))],
        [("Date of birth / Date de naissance" if bil else "Date of birth", dfmt(p["birth"])), ("Sex / Sexe" if bil else "Sex", p["sex"])],
        [("Place of birth / Lieu de naissance" if bil else "Place of birth", p["place"].upper())],
        [("Date of issue / Date de délivrance" if bil else "Date of issue", dfmt(p["issue"])), ("Date of expiry / Date d'expiration" if bil else "Date of expiry", dfmt(p["expiry"]))],
        [("Authority / Autorité" if bil else "Authority", rng.choice(["MINISTRY OF FOREIGN AFFAIRS", "PASSPORT OFFICE " + p["place"].upper(), "DEPARTMENT OF HOME AFFAIRS", "IMMIGRATION SERVICE"]))],
    ]
    y = 190
    for row in rows:
        x = x0
        for (l, v) in row:
            d.text((x, y), l, font=lab, fill=(70, 70, 80))
            d.text((x, y + 24), v, font=val, fill=(15, 15, 25))
            x += max(300, int(val.getlength(v)) + 60, int(lab.getlength(l)) + 40) if len(row) > 1 else 0
        y += 68
    hand_pil(im, d, 90, 770, p["name"], "handz", 40, rng.randrange(10**6))
    d.text((70, 720), "Holder's signature" + (" / Signature du titulaire" if bil else ""), font=lab, fill=(70, 70, 80))
    l1, l2 = td3(p)
    mrzf = ImageFont.truetype(PIL_ONLY["ocrb"], 10)
    size = 10 * (W - 100) / mrzf.getlength(l1)
    mf = pfont("ocrb", size)
    d.rectangle([0, H - 190, W, H], fill=tuple(min(255, c + 10) for c in base))
    d.text((50, H - 160), l1, font=mf, fill=(10, 10, 10))
    d.text((50, H - 85), l2, font=mf, fill=(10, 10, 10))
    return im


def card_images(p, rng, kind):
    """kind 'id' (TD1 national ID) or 'rp' (Dutch residence permit)."""
    W, H = 1300, 820
    base = rng.choice([(220, 232, 240), (236, 226, 238), (232, 238, 220)])
    F = ("lsans", "lsansb")
    front = Image.new("RGB", (W, H), base)
    d = ImageDraw.Draw(front)
    if kind == "id":
        cname = COUNTRIES[p["nationality"]][0]
        d.text((40, 30), cname, font=pfont(F[1], 40), fill=(40, 40, 90))
        d.text((40, 80), rng.choice(["IDENTITY CARD", "NATIONAL IDENTITY CARD", "CARTE D'IDENTITÉ / IDENTITY CARD"]), font=pfont(F[1], 30), fill=(40, 40, 90))
    else:
        d.text((40, 30), "KONINKRIJK DER NEDERLANDEN", font=pfont(F[1], 36), fill=(40, 40, 90))
        d.text((40, 78), "VERBLIJFSVERGUNNING / RESIDENCE PERMIT", font=pfont(F[1], 30), fill=(40, 40, 90))
    face(d, (40, 150, 360, 560), rng)
    rows = [("Surname", p["surname"].upper()), ("Given names", p["given_names"].upper()),
            ("Date of birth", p["birth"].strftime("%d %m %Y")), ("Sex", p["sex"]),
            ("Nationality", ADJ[p["nationality"]].upper()), ("Document no.", p["document_number"]),
            ("Valid until", p["expiry"].strftime("%d %m %Y"))]
    if kind == "rp":
        rows.insert(5, ("Type of permit", rng.choice(["VERBLIJF ALS KENNISMIGRANT", "ARBEID ALS KENNISMIGRANT"])))
    y = 150
    for l, v in rows:
        d.text((400, y), l, font=pfont(F[0], 20), fill=(70, 70, 80))
        d.text((400, y + 22), v, font=pfont(F[1], 30), fill=(15, 15, 25))
        y += 76 if len(rows) < 8 else 70
    back = Image.new("RGB", (W, H), base)
    d2 = ImageDraw.Draw(back)
    if kind == "rp":
        d2.text((40, 40), "Arbeid vrij toegestaan. TWV niet vereist." if rng.random() < 0.3 else "Arbeid als kennismigrant toegestaan.", font=pfont(F[0], 28), fill=(30, 30, 30))
        lines = td1(p, "IR", "NLD")
    else:
        d2.text((40, 40), "Place of birth: " + p["place"].upper(), font=pfont(F[0], 28), fill=(30, 30, 30))
        d2.text((40, 90), "Address: " + p["address"], font=pfont(F[0], 24), fill=(30, 30, 30))
        lines = td1(p, "ID")
    mf = ImageFont.truetype(PIL_ONLY["ocrb"], 10)
    size = 10 * (W - 100) / mf.getlength(lines[0])
    mf = pfont("ocrb", size)
    for i, ln in enumerate(lines):
        d2.text((50, H - 290 + i * 85), ln, font=mf, fill=(10, 10, 10))
    return front, back


def visa_image(p, rng):
    W, H = 1500, 1000
    im = Image.new("RGB", (W, H), (236, 230, 214))
    d = ImageDraw.Draw(im)
    for k in range(0, H, 14):
        d.line([(x, k + 5 * math.sin(x / 30.0 + k)) for x in range(0, W, 15)], fill=(222, 214, 200))
    face(d, (40, 120, 330, 480), rng)
    d.text((380, 40), "VISUM  SCHENGEN  VISA", font=pfont("lsansb", 40), fill=(60, 40, 90))
    rows = [("GELDIG VOOR / VALID FOR", "SCHENGENSTATEN"), ("VAN / FROM", p["visa_from"].strftime("%d-%m-%y")), ("TOT / UNTIL", p["visa_until"].strftime("%d-%m-%y")),
            ("TYPE VISUM / TYPE OF VISA", "D  (MVV)"), ("AFGEGEVEN TE / ISSUED IN", rng.choice(["NEW DELHI", "LAGOS", "MANILA", "ISTANBUL", "BEIJING"])),
            ("NAAM / NAME", p["surname"].upper() + ", " + p["given_names"].upper()), ("NUMMER PASPOORT / PASSPORT NUMBER", p["document_number"]),
            ("OPMERKINGEN / REMARKS", "MVV KENNISMIGRANT")]
    y = 110
    for l, v in rows:
        d.text((380, y), l, font=pfont("lsans", 18), fill=(70, 60, 80))
        d.text((380, y + 20), v, font=pfont("lsansb", 28), fill=(20, 20, 20))
        y += 62
    l1, l2 = mrva(p)
    mf = ImageFont.truetype(PIL_ONLY["ocrb"], 10)
    mf = pfont("ocrb", 10 * (W - 100) / mf.getlength(l1))
    d.text((50, H - 150), l1, font=mf, fill=(10, 10, 10))
    d.text((50, H - 75), l2, font=mf, fill=(10, 10, 10))
    return im


def on_page(parts, rng, dpi=150):
    """Paste card/passport images onto an A4 scan page."""
    sc = dpi / 72
    page = Image.new("RGB", (int(PW * sc), int(PH * sc)), (255, 255, 255))
    y = int(rng.uniform(40, 90) * sc)
    for im in parts:
        w = int(page.width * rng.uniform(0.6, 0.8))
        h = int(im.height * w / im.width)
        x = int(rng.uniform(30 * sc, page.width - w - 30 * sc))
        page.paste(im.resize((w, h), Image.LANCZOS), (x, y))
        y += h + int(rng.uniform(20, 60) * sc)
    return page

# ----------------------------------------------------------------------------- form texts
AQ = [  # (english variants, dutch variants)
    (["Are criminal proceedings currently being brought against you (prosecution), in the Netherlands or in another country?",
      "Is there at present a criminal case pending against you anywhere in the world?",
      "Are you being prosecuted for an offence at this moment?",
      "Are you currently a suspect in a criminal case that has not yet been decided by a court?"],
     ["Wordt u op dit moment strafrechtelijk vervolgd, in Nederland of in een ander land?",
      "Loopt er momenteel een strafzaak tegen u?",
      "Bent u op dit moment verdachte in een strafzaak waarover nog geen uitspraak is gedaan?"]),
    (["Have you ever been sentenced, for a crime in the Netherlands or an offence abroad, to a fine, community service, a penal order, a custodial measure or a prison sentence, or have you ever accepted a settlement offer?",
      "Were you at any time convicted anywhere (fine, community service, detention, imprisonment, penal order) or did you settle a criminal matter with the public prosecutor?",
      "Have you ever been found guilty of a criminal offence in or outside the Netherlands? This includes fines, community service orders, measures depriving you of liberty, prison terms and out-of-court settlements.",
      "Do you have any previous convictions (including fines, penal orders, community service, detention or imprisonment) or settled criminal cases, in any country?"],
     ["Bent u ooit veroordeeld tot een geldboete, taakstraf, strafbeschikking, vrijheidsbenemende maatregel of gevangenisstraf, of heeft u een transactie aanvaard, voor een misdrijf in Nederland of een strafbaar feit in het buitenland?",
      "Heeft u ooit een straf gekregen (boete, taakstraf, celstraf, strafbeschikking) of een schikking met justitie getroffen, in Nederland of elders?",
      "Bent u ooit onherroepelijk veroordeeld voor een strafbaar feit, in welk land dan ook?"]),
    (["Has it ever been established that you committed one of the acts referred to in Article 1F of the Refugee Convention, or are there serious reasons to believe so?",
      "Does Article 1F of the 1951 Refugee Convention apply to you (for example war crimes or crimes against humanity)?",
      "Have you ever been involved in war crimes, crimes against peace or humanity, or other acts as meant in Article 1F of the Refugee Convention?"],
     ["Is artikel 1F van het Vluchtelingenverdrag op u van toepassing?",
      "Zijn er ernstige redenen om aan te nemen dat u zich schuldig heeft gemaakt aan feiten als bedoeld in artikel 1F van het Vluchtelingenverdrag?"]),
    (["Has a country of the European Union, the European Economic Area or Switzerland ever issued an entry ban against you?",
      "Have you ever been banned from entering an EU/EEA member state or Switzerland?",
      "Is an entry ban in force against you in any EU or EEA country or in Switzerland?"],
     ["Heeft een land van de Europese Unie, de Europese Economische Ruimte of Zwitserland u ooit een inreisverbod opgelegd?",
      "Geldt er voor u een inreisverbod in een EU/EER-land of Zwitserland?"]),
    (["Have you ever provided incorrect or incomplete information in an earlier residence procedure?",
      "In a previous application for a visa or residence permit, did you ever give false information or withhold facts?",
      "Have you previously supplied information that turned out to be untrue in an immigration procedure?"],
     ["Heeft u in een eerdere verblijfsprocedure onjuiste of onvolledige gegevens verstrekt?",
      "Heeft u eerder bij een aanvraag voor een verblijfsvergunning onjuiste informatie gegeven of gegevens verzwegen?"]),
    (["Have you ever stayed in the Netherlands illegally?",
      "Have you at any time resided in the Netherlands without a valid right of residence?",
      "Have you ever been in the Netherlands without lawful residence (overstay)?"],
     ["Heeft u ooit illegaal in Nederland verbleven?",
      "Bent u ooit zonder rechtmatig verblijf in Nederland geweest?"]),
]
A_TITLES = {
    "ind": (["Appendix Antecedents certificate"], ["Bijlage Antecedentenverklaring"]),
    "old": (["Antecedents Certificate", "Antecedents certificate (appendix to the application)", "Certificate of antecedents"],
            ["Antecedentenverklaring", "Verklaring antecedenten (bijlage bij de aanvraag)"]),
    "employer": (["Criminal record self-declaration", "Declaration on criminal antecedents", "Personal statement on criminal record - IND appendix",
                  "Self-declaration: criminal history (for your residence permit)"],
                 ["Verklaring strafrechtelijk verleden", "Eigen verklaring justitiële antecedenten", "Verklaring over strafbare feiten"]),
    "agency": (["Antecedents declaration - HSM application", "Statement regarding criminal antecedents", "Residence permit application: antecedents questionnaire"],
               ["Antecedentenverklaring kennismigrant", "Vragenlijst antecedenten verblijfsaanvraag"]),
    "translation": (["Antecedents statement (translation)", "Declaration of antecedents - English translation", "Translation: Appendix Antecedents"], []),
}
A_INTRO = (["Everyone aged 12 or older who applies for residence must complete and sign this appendix. Answer every question. If you answer 'yes' to a question, explain on a separate sheet.",
            "The IND checks whether you are a danger to public order or national security. Please answer the questions below truthfully about your criminal past.",
            "Our immigration team needs this self-declaration before we can submit your residence permit application to the IND. Please fill in all fields, tick one box per question and sign.",
            "Please answer the following questions. A 'yes' answer does not automatically mean that the application is refused.",
            "Complete this form in capital letters. Each family member of 12 years or older completes a separate form."],
           ["Iedereen van 12 jaar of ouder die een aanvraag indient, vult deze bijlage in en ondertekent hem. Beantwoord alle vragen. Antwoordt u 'ja'? Geef dan een toelichting op een apart blad.",
            "De IND controleert of u een gevaar bent voor de openbare orde of de nationale veiligheid. Beantwoord de vragen hieronder naar waarheid.",
            "Vul dit formulier volledig in, kruis per vraag één hokje aan en onderteken het. Wij sturen het daarna mee met uw aanvraag voor een verblijfsvergunning."])
A_DECL = (["I certify that I have completed this form truthfully and completely.",
           "By signing, I declare that the answers given above are true and that I have not withheld anything.",
           "I confirm that the information in this statement is correct to the best of my knowledge. I understand that false statements may lead to refusal or withdrawal of my residence permit.",
           "I hereby state that I answered all questions honestly and in full.",
           "I declare that this statement has been filled in truthfully."],
          ["Ik heb deze verklaring naar waarheid ingevuld.",
           "Ik verklaar dat ik bovenstaande vragen volledig en naar waarheid heb beantwoord.",
           "Door te ondertekenen bevestig ik dat de gegevens juist zijn. Onjuiste informatie kan leiden tot afwijzing of intrekking van de verblijfsvergunning.",
           "Ondergetekende verklaart dit formulier naar waarheid te hebben ingevuld."])
COMPANIES = [("Brightlane Software B.V.", "Stationsplein 14, 3511 ED Utrecht"), ("Nordwave Analytics", "Piet Heinkade 55, Amsterdam"),
             ("Veldhoven Precision Systems", "De Run 4410, Veldhoven"), ("Kade & Co Consulting", "Wilhelminakade 91, Rotterdam"),
             ("Delta Photonics B.V.", "Mekelweg 8, Delft"), ("Horizon Biotech Leiden", "J.H. Oortweg 21, Leiden")]
AGENCIES = [("MoveWise Relocation", "Expat & immigration services - Amstelveen"), ("Tulip Global Mobility", "Immigration desk, Den Haag"),
            ("Dutch Landing Partners", "Relocation | Housing | Permits"), ("EasyExpat NL", "Your move to the Netherlands")]
NL_CITIES = ["Amsterdam", "Utrecht", "Rotterdam", "Eindhoven", "Den Haag", "Delft", "Leiden"]


def who(p, lang):
    return p


def a_blocks(p, variant, lang, rng, sign_date=None):
    """Antecedents certificate blocks. p None -> blank. lang en|nl|en+nl."""
    en, nl = lang in ("en", "en+nl"), lang in ("nl", "en+nl")
    bl = []
    filled = p is not None
    if variant in ("employer", "agency"):
        co = rng.choice(COMPANIES if variant == "employer" else AGENCIES)
        bl.append(("letterhead", co[0], co[1]))
    if variant == "ind":
        bl.append(("header", "Immigratie- en Naturalisatiedienst" if nl and not en else "Immigration and Naturalisation Service", ""))
    if variant == "translation":
        bl.append(("small", rng.choice(["Own translation by the applicant of the Dutch form 'Bijlage Antecedentenverklaring'. Not a sworn translation.",
                                        "Unofficial translation (made by applicant) - original Dutch text prevails.",
                                        "Translated from Dutch for my own use; the content corresponds to the IND appendix."])))
    ti_en = rng.choice(A_TITLES[variant][0]) if A_TITLES[variant][0] else None
    ti_nl = rng.choice(A_TITLES[variant][1]) if A_TITLES[variant][1] else rng.choice(A_TITLES["ind"][1])
    if lang == "en+nl":
        bl.append(("title", f"{ti_nl} / {ti_en}" if rng.random() < 0.5 else f"{ti_en} / {ti_nl}"))
    else:
        bl.append(("title", ti_en if en else ti_nl))
    intro = []
    if en:
        intro.append(rng.choice(A_INTRO[0]))
    if nl:
        intro.append(rng.choice(A_INTRO[1]))
    for t in intro:
        bl.append(("para", t))
    sec = {"en": ["1. Personal details", "Your details", "Personal information", "Applicant"],
           "nl": ["1. Persoonsgegevens", "Uw gegevens", "Gegevens aanvrager"]}

    def L(e, n):
        return f"{n} / {e}" if lang == "en+nl" else (e if en else n)
    bl.append(("section", L(rng.choice(sec["en"]), rng.choice(sec["nl"]))))
    v = lambda x: x if filled else ""
    if rng.random() < 0.5:
        bl.append(("field", L("V-number (if known)", "V-nummer (indien bekend)"), v(p.get("vnum", "")) if filled else ""))
    if rng.random() < 0.5:
        bl.append(("field", L("Surname", "Achternaam"), v(p["surname"].upper() if filled and rng.random() < 0.5 else (p["surname"] if filled else ""))))
        bl.append(("field", L("Given names", "Voornamen"), v(p["given_names"] if filled else "")))
    else:
        bl.append(("field", L("Full name", "Naam"), v(p["name"] if filled else "")))
    if rng.random() < 0.6:
        bl.append(("fields2", (L("Date of birth", "Geboortedatum"), v(fmt_date(p["birth"], rng, lang[:2]) if filled else "")),
                   (L("Nationality", "Nationaliteit"), v((ADJ[p["nationality"]] if en else ADJ_NL[p["nationality"]]) if filled else ""))))
    else:
        bl.append(("field", L("Date of birth", "Geboortedatum"), v(fmt_date(p["birth"], rng, lang[:2]) if filled else "")))
    bl.append(("section", L(rng.choice(["2. Questions", "Questions about criminal antecedents", "Criminal record"]), rng.choice(["2. Vragen", "Vragen over antecedenten", "Strafrechtelijk verleden"]))))
    labs = ("Yes", "No") if lang == "en" else (("Ja", "Nee") if lang == "nl" else ("Ja/Yes", "Nee/No"))
    order = list(range(6))
    if variant in ("employer", "agency") and rng.random() < 0.4:
        order = order[:2] + order[3:]  # some re-typed versions drop a question
    yes_idx = 1 if (filled and rng.random() < 0.08) else None
    numfmt = rng.choice(["{}.", "{})", "Q{}", "{}", "{}."])
    for i, qi in enumerate(order):
        qe, qn = rng.choice(AQ[qi][0]), rng.choice(AQ[qi][1])
        q = qe if lang == "en" else (qn if lang == "nl" else qn + " / " + qe)
        ans = (qi == yes_idx) if filled else None
        num = numfmt.format(i + 1)
        bl.append(("yn", num, q, ans, labs))
    if yes_idx is not None:
        bl.append(("field", L("Explanation", "Toelichting"), "traffic fine 2016 (speeding), paid" if en else "verkeersboete 2016, betaald"))
    bl.append(("section", L(rng.choice(["3. Signature", "Declaration and signature", "Signing"]), rng.choice(["3. Ondertekening", "Verklaring en handtekening"]))))
    if en:
        bl.append(("bold" if rng.random() < 0.5 else "para", rng.choice(A_DECL[0])))
    if nl:
        bl.append(("bold" if rng.random() < 0.5 else "para", rng.choice(A_DECL[1])))
    sd = sign_date or rand_date(rng, 2025, 2026)
    place = rng.choice([p["place"], NL_CITIES[0], p["address"].split(", ")[-2]]) if filled else ""
    bl.append(("sign", [(L("Place", "Plaats"), place, False), (L("Date", "Datum"), fmt_date(sd, rng, lang[:2]) if filled else "", False),
                        (L("Signature", "Handtekening"), p["name"] if filled else "", True)]))
    if variant == "ind":
        bl.append(("footer", rng.choice(["7101", "7101 v.2024-1", "IND 7101 | Appendix", "Bijlage 7101"]) + rng.choice(["", "   page 1 of 1", "  1/1"])))
    elif variant == "old":
        bl.append(("footer", rng.choice(["Version 2019/07", "IND form M-7101 (old)", "versie januari 2020", "7101 2018"])))
    return bl


T_TITLES = {
    "ind": (["Appendix Declaration of intent to undergo a TB test"], ["Bijlage Intentieverklaring tbc-onderzoek"]),
    "old": (["Declaration of intent to undergo a TB test", "Declaration of intention to undergo tuberculosis testing", "TB test - declaration of intent"],
            ["Intentieverklaring tbc-onderzoek", "Intentieverklaring tuberculose-onderzoek"]),
    "employer": (["Declaration regarding tuberculosis screening", "TB examination consent", "Statement of willingness - tuberculosis examination",
                  "Undertaking to undergo TB screening after arrival"],
                 ["Verklaring medewerking tbc-screening", "Toestemming tbc-onderzoek", "Verklaring bereidheid tuberculose-onderzoek"]),
    "agency": (["Tuberculosis (TB) test - declaration", "Consent and intent: TB screening in the Netherlands", "TB declaration for your residence application"],
               ["Verklaring tbc-test kennismigrant", "Tbc-verklaring bij verblijfsaanvraag"]),
    "translation": (["Declaration of intent TB examination (translation)", "Intent declaration tuberculosis test - English translation"], []),
}
T_STMT = (["I declare that I am willing to undergo an examination for tuberculosis (TB) within three months of being granted my residence permit and, if necessary, to be treated for it.",
           "The undersigned states that he/she will cooperate with a TB screening by the municipal health service (GGD) within 3 months after the residence permit has been issued, and with any treatment that may follow.",
           "I agree to have a tuberculosis test carried out after my arrival in the Netherlands, and I will accept treatment if the test shows that I have TB.",
           "I intend to take part in an examination for tuberculosis and, where needed, in treatment for tuberculosis, no later than three months after the permit is granted.",
           "I hereby confirm that I will report to the GGD for a chest X-ray or other TB test within three months of receiving my residence permit and that I will follow any treatment advised."],
          ["Ik verklaar dat ik bereid ben mee te werken aan een onderzoek naar tuberculose (tbc) binnen drie maanden nadat mijn verblijfsvergunning is verleend, en zo nodig aan een behandeling.",
           "Ondergetekende verklaart zich binnen 3 maanden na verlening van de verblijfsvergunning door de GGD op tbc te laten onderzoeken en, indien nodig, mee te werken aan behandeling.",
           "Hierbij geef ik aan dat ik na aankomst in Nederland een tbc-onderzoek laat doen. Als blijkt dat ik tuberculose heb, werk ik mee aan de behandeling.",
           "Ik ben bereid binnen drie maanden na afgifte van mijn verblijfsvergunning een onderzoek naar tuberculose te ondergaan en mij zo nodig te laten behandelen."])
T_INTRO = (["People coming from certain countries must be tested for tuberculosis after arrival. Nationals of the countries on the exemption list do not need to fill in this form.",
            "Fill in this declaration if your nationality requires a TB test. Sign it yourself; for a child under 18 a parent or legal representative signs.",
            "Tuberculosis is a contagious disease. The IND requires this declaration for applicants who are not exempt from the TB test.",
            "Please complete all fields in block letters and return the signed form to your HR contact."],
           ["Komt u uit een land waarvoor een tbc-onderzoek verplicht is? Vul dan deze verklaring in en onderteken hem.",
            "Tuberculose (tbc) is een besmettelijke ziekte. Voor sommige nationaliteiten is een tbc-onderzoek na aankomst verplicht.",
            "Vul alle velden in met blokletters. Voor kinderen jonger dan 18 jaar tekent een ouder of wettelijk vertegenwoordiger."])


def t_blocks(p, variant, lang, rng, sign_date=None):
    en, nl = lang in ("en", "en+nl"), lang in ("nl", "en+nl")
    filled = p is not None
    bl = []

    def L(e, n):
        return f"{n} / {e}" if lang == "en+nl" else (e if en else n)
    if variant in ("employer", "agency"):
        co = rng.choice(COMPANIES if variant == "employer" else AGENCIES)
        bl.append(("letterhead", co[0], co[1]))
    if variant == "ind":
        bl.append(("header", "Immigratie- en Naturalisatiedienst" if nl and not en else "Immigration and Naturalisation Service", ""))
    if variant == "translation":
        bl.append(("small", rng.choice(["Translation made by the applicant of 'Bijlage Intentieverklaring tbc-onderzoek'. The Dutch original is leading.",
                                        "English version typed by me from the Dutch form - unofficial translation."])))
    ti_en = rng.choice(T_TITLES[variant][0])
    ti_nl = rng.choice(T_TITLES[variant][1]) if T_TITLES[variant][1] else T_TITLES["ind"][1][0]
    bl.append(("title", (f"{ti_nl} / {ti_en}" if rng.random() < 0.5 else f"{ti_en} / {ti_nl}") if lang == "en+nl" else (ti_en if en else ti_nl)))
    if en:
        bl.append(("para", rng.choice(T_INTRO[0])))
    if nl:
        bl.append(("para", rng.choice(T_INTRO[1])))
    v = lambda f: f() if filled else ""
    if rng.random() < 0.7:
        bl.append(("field", L("Purpose of stay", "Verblijfsdoel"), v(lambda: rng.choice(["Highly skilled migrant", "Work as highly skilled migrant", "HSM"]) if en else rng.choice(["Kennismigrant", "Arbeid als kennismigrant"]))))
    bl.append(("section", L(rng.choice(["Personal details", "1. Details of the foreign national", "About you"]), rng.choice(["Persoonsgegevens", "1. Gegevens van de vreemdeling"]))))
    if rng.random() < 0.6:
        bl.append(("field", L("V-number", "V-nummer"), ""))
    bl.append(("field", L("Surname", "Achternaam"), v(lambda: p["surname"].upper())))
    bl.append(("field", L("Given names", "Voornamen"), v(lambda: p["given_names"])))
    sexv = v(lambda: ({"M": "Male", "F": "Female"} if en else {"M": "Man", "F": "Vrouw"})[p["sex"]] if rng.random() < 0.6 else p["sex"])
    bl.append(("fields2", (L("Sex", "Geslacht"), sexv), (L("Date of birth", "Geboortedatum"), v(lambda: fmt_date(p["birth"], rng, lang[:2])))))
    bl.append(("fields2", (L("Place of birth", "Geboorteplaats"), v(lambda: p["place"])),
               (L("Nationality", "Nationaliteit"), v(lambda: ADJ[p["nationality"]] if en else ADJ_NL[p["nationality"]]))))
    if rng.random() < 0.7:
        bl.append(("field", L("Address", "Adres"), v(lambda: p["address"])))
    if rng.random() < 0.7:
        bl.append(("field", L("Passport number", "Paspoortnummer"), v(lambda: p["document_number"])))
    bl.append(("section", L(rng.choice(["2. Declaration", "Statement", "Declaration of the foreign national"]), rng.choice(["2. Verklaring", "Verklaring van de vreemdeling"]))))
    if en:
        bl.append(("bold" if rng.random() < 0.4 else "para", rng.choice(T_STMT[0])))
    if nl:
        bl.append(("bold" if rng.random() < 0.4 else "para", rng.choice(T_STMT[1])))
    if rng.random() < 0.4:
        bl.append(("check", L("I have read the above and agree", "Ik heb het bovenstaande gelezen en ga akkoord"), filled))
    sd = sign_date or rand_date(rng, 2025, 2026)
    bl.append(("sign", [(L("Place", "Plaats"), v(lambda: rng.choice([p["place"], "Amsterdam"])), False),
                        (L("Date", "Datum"), v(lambda: fmt_date(sd, rng, lang[:2])), False),
                        (L("Signature", "Handtekening"), v(lambda: p["name"]), True)]))
    if rng.random() < 0.5:
        bl.append(("small", L("For minors: signature of parent or legal representative", "Voor minderjarigen: handtekening ouder of wettelijk vertegenwoordiger")))
        bl.append(("sign", [(L("Name", "Naam"), "", False), (L("Signature", "Handtekening"), "", True)]))
    if variant == "ind":
        bl.append(("footer", rng.choice(["7103", "7103 v.2023-2", "IND 7103 | Appendix", "Bijlage 7103"])))
    elif variant == "old":
        bl.append(("footer", rng.choice(["Version 2017/04", "versie 2019", "M-7103 (previous version)"])))
    return bl

# ----------------------------------------------------------------------------- look-alikes (block based)
GGD = ["GGD Amsterdam", "GGD Utrecht Region", "GGD Haaglanden", "GGD Rotterdam-Rijnmond", "GGD Brabant-Zuidoost"]


def la_referral(p, lang, rng):
    en = lang != "nl"
    bl = [("header", "Immigration and Naturalisation Service" if en else "Immigratie- en Naturalisatiedienst", "")]
    t = {"en": rng.choice(["TB test referral form", "Appendix TB test referral form", "Referral for tuberculosis examination (GGD)"]),
         "nl": rng.choice(["Verwijzingsformulier tbc-onderzoek", "Bijlage Verwijzingsformulier tbc-onderzoek"])}
    bl.append(("title", t["en"] if lang == "en" else (t["nl"] if lang == "nl" else t["nl"] + " / " + t["en"])))
    if en:
        bl.append(("para", rng.choice(["Keep this form. Do NOT send it to the IND. Take it with you to the municipal health service (GGD) when you go for your tuberculosis test.",
                                       "This form is for the GGD. Bring it, together with your passport, to your appointment for the TB test. It should not be returned with your application."])))
    if lang != "en":
        bl.append(("para", "Bewaar dit formulier. Stuur het niet naar de IND. Neem het mee naar de GGD als u het tbc-onderzoek laat doen."))
    bl.append(("section", "Details of the foreign national" if en else "Gegevens vreemdeling"))
    fill = p is not None
    bl.append(("field", "Surname" if en else "Achternaam", p["surname"].upper() if fill else ""))
    bl.append(("field", "Given names" if en else "Voornamen", p["given_names"] if fill else ""))
    bl.append(("fields2", ("Date of birth" if en else "Geboortedatum", fmt_date(p["birth"], rng) if fill else ""), ("Nationality" if en else "Nationaliteit", ADJ[p["nationality"]] if fill else "")))
    bl.append(("field", "V-number" if en else "V-nummer", ""))
    bl.append(("field", "Expected address in the Netherlands" if en else "Verwacht adres in Nederland", rng.choice(["Kanaalstraat 12, Utrecht", "Javastraat 40-2, Amsterdam", ""]) if fill else ""))
    bl.append(("section", "To be completed by the GGD" if en else "In te vullen door de GGD"))
    bl.append(("fields2", ("Date of examination" if en else "Datum onderzoek", ""), ("Type of test (X-ray / IGRA)" if en else "Soort onderzoek", "")))
    bl.append(("yn", "", "Further examination needed" if en else "Nader onderzoek nodig", None, ("Yes", "No") if en else ("Ja", "Nee")))
    bl.append(("sign", [("GGD stamp" if en else "Stempel GGD", "", False), ("Signature physician" if en else "Handtekening arts", "", True)]))
    bl.append(("footer", rng.choice(["7102", "7102 v.2023", "Referral 7102"])))
    return bl


def la_tb_leaflet(lang, rng):
    en = lang == "en"
    if en:
        return [("title", rng.choice(["Tuberculosis screening for newcomers", "TB: what you need to know", "Why do I need a TB test?"])),
                ("para", "Tuberculosis (TB) is an infectious disease that mainly affects the lungs. It spreads through the air when someone with active TB coughs."),
                ("section", "Who has to be tested?"),
                ("para", "If you come to live in the Netherlands from a country where TB is common, you are required to have a TB test within three months of receiving your residence permit. Nationals of exempt countries do not need the test."),
                ("section", "How does the test work?"),
                ("bullet", "Adults usually get a chest X-ray. It takes a few minutes and is painless."),
                ("bullet", "Children and pregnant women may get a blood test or skin test instead."),
                ("bullet", "The result is sent to you within two weeks. If anything is found, a doctor will contact you."),
                ("section", "Costs"), ("para", "The screening is free of charge for new residents."),
                ("small", rng.choice(GGD) + " - Department of Infectious Disease Control - leaflet " + str(rng.randrange(2019, 2026)))]
    return [("title", rng.choice(["Tbc-onderzoek voor nieuwkomers", "Tuberculose: informatie voor nieuwe inwoners", "Waarom een tbc-onderzoek?"])),
            ("para", "Tuberculose (tbc) is een besmettelijke ziekte die vooral de longen aantast. De bacterie verspreidt zich via de lucht, bijvoorbeeld door hoesten."),
            ("section", "Wie moet zich laten onderzoeken?"),
            ("para", "Komt u uit een land waar tbc veel voorkomt? Dan moet u binnen drie maanden na het krijgen van uw verblijfsvergunning een tbc-onderzoek doen bij de GGD."),
            ("section", "Hoe gaat het onderzoek?"),
            ("bullet", "Volwassenen krijgen een longfoto. Dat duurt een paar minuten en doet geen pijn."),
            ("bullet", "Kinderen en zwangere vrouwen krijgen soms een bloedtest of huidtest."),
            ("bullet", "U krijgt de uitslag binnen twee weken."),
            ("section", "Kosten"), ("para", "Het onderzoek is gratis."),
            ("small", rng.choice(GGD) + " - afdeling Infectieziektebestrijding - folder " + str(rng.randrange(2019, 2026)))]


def la_ggd_web(lang, rng):
    g = rng.choice(GGD)
    url = "https://www." + g.split()[1].lower().replace("-", "") + ".ggd.example/" + ("tbc-onderzoek-nieuwkomers" if lang == "nl" else "en/tb-screening")
    bl = [("header", f"{rng.randrange(1, 28)}/11/2026, {rng.randrange(8, 18)}:{rng.randrange(10, 59)}", (g + " | TB")), ("small", "Home  >  " + ("Gezondheid  >  Infectieziekten  >  Tbc" if lang == "nl" else "Health  >  Infectious diseases  >  TB screening")),
          ("small", "Menu   Search   Contact   " + ("Afspraak maken" if lang == "nl" else "Make an appointment"))]
    if lang == "nl":
        bl += [("title", "Tbc-onderzoek voor mensen uit het buitenland"), ("para", "Heeft u van de IND gehoord dat u een tbc-onderzoek moet doen? Maak dan binnen drie maanden een afspraak. Neem uw verwijzingsformulier, uw paspoort of verblijfsdocument mee."),
               ("section", "Afspraak maken"), ("para", "Bel 088 - 123 45 67 (maandag t/m vrijdag 8.30 - 16.30 uur) of plan online. Heeft u al een tbc-onderzoek gehad in de afgelopen 6 maanden? Dan hoeft dat niet opnieuw."),
               ("section", "Veelgestelde vragen"), ("bullet", "Moet ik nuchter komen? Nee."), ("bullet", "Mag ik mijn kinderen meenemen? Ja, kinderen worden apart onderzocht.")]
    else:
        bl += [("title", "TB screening for people arriving from abroad"), ("para", "Have you been told by the IND that you need a tuberculosis test? Book your appointment within three months. Bring the referral form and your passport or residence document."),
               ("section", "Book an appointment"), ("para", "Call +31 88 123 4567 (Mon-Fri, 8:30 - 16:30) or book online. If you had a TB test in the Netherlands in the last 6 months, you do not need another one."),
               ("section", "Frequently asked questions"), ("bullet", "Do I need to fast? No."), ("bullet", "Can children come along? Yes, children are examined separately.")]
    bl.append(("footer", url + "    1/1"))
    return bl


def la_appointment(p, lang, rng):
    g = rng.choice(GGD)
    d = dt.date(2026, rng.choice([11, 12]), rng.randrange(1, 28))
    if lang == "nl":
        return [("letterhead", g, "Afdeling Tuberculosebestrijding"), ("para", p["name"] + "\n" + rng.choice(["Kanaalstraat 12", "Vondellaan 3", "Oudegracht 201"]) + "\n" + rng.choice(NL_CITIES)),
                ("para", "Datum: " + fmt_date(d - dt.timedelta(days=14), rng, "nl", 2)), ("bold", "Onderwerp: uitnodiging tbc-onderzoek"),
                ("para", f"Beste {p['given_names'].split()[0]},\nU bent uitgenodigd voor het tbc-onderzoek. Uw afspraak is op {fmt_date(d, rng, 'nl', 2)} om {rng.randrange(8, 16)}:{rng.choice(['00', '15', '30', '45'])} uur."),
                ("kv", "Locatie", "Nieuwe Achtergracht 100, " + rng.choice(NL_CITIES)), ("kv", "Meenemen", "paspoort, verblijfsdocument, verwijzingsformulier"),
                ("para", "Kunt u niet komen? Bel ons minimaal 24 uur van tevoren. Het onderzoek is gratis."), ("para", "Met vriendelijke groet,\nTeam Tbc-bestrijding")]
    return [("letterhead", g, "TB Control Department"), ("para", p["name"] + "\n" + rng.choice(["Kanaalstraat 12", "Vondellaan 3", "Oudegracht 201"]) + "\n" + rng.choice(NL_CITIES)),
            ("para", "Date: " + fmt_date(d - dt.timedelta(days=14), rng, "en", 2)), ("bold", rng.choice(["Your appointment for the TB test", "Invitation: tuberculosis screening", "Appointment confirmation - chest X-ray"])),
            ("para", f"Dear {p['name']},\nYou have been invited for the tuberculosis screening. Your appointment is on {fmt_date(d, rng, 'en', 2)} at {rng.randrange(8, 16)}:{rng.choice(['00', '15', '30', '45'])}."),
            ("kv", "Location", "Nieuwe Achtergracht 100, " + rng.choice(NL_CITIES)), ("kv", "Please bring", "passport, residence document, referral form"),
            ("para", "If you cannot attend, please call at least 24 hours in advance. The examination is free of charge."), ("para", "Kind regards,\nTB screening team")]


def la_police(p, rng):
    nat = p["nationality"]
    issuer = {"IND": "Regional Passport Office, Ministry of External Affairs", "PHL": "National Bureau of Investigation", "NGA": "Nigeria Police Force - Criminal Investigation Department",
              "ZAF": "South African Police Service - Criminal Record Centre", "BRA": "Polícia Federal - Departamento de Polícia Federal", "PAK": "Police Department - Character Certificate Branch",
              "TUR": "Adli Sicil ve Istatistik Genel Müdürlügü (Criminal Records)", "MEX": "Secretaría de Seguridad Ciudadana"}.get(nat, "National Police - Records Office")
    title = rng.choice(["POLICE CLEARANCE CERTIFICATE", "CERTIFICATE OF NO CRIMINAL RECORD", "POLICE CHARACTER CERTIFICATE", "CRIMINAL RECORD CERTIFICATE"])
    return [("letterhead", COUNTRIES[nat][0], issuer), ("title", title), ("kv", "Certificate No.", "PCC/" + str(rng.randrange(10**7, 10**8))), ("kv", "Date of issue", fmt_date(rand_date(rng, 2026, 2026), rng)),
            ("para", f"This is to certify that {p['name'].upper()}, born on {fmt_date(p['birth'], rng, 'en', 2)} in {p['place']}, holder of passport No. {p['document_number']}, "
                     f"has been checked against the records of this office and that there is no adverse information or criminal record against the above-named person up to the date of issue."),
            ("para", "This certificate is issued at the request of the applicant for the purpose of obtaining a residence permit/visa for the Netherlands."),
            ("kv", "Valid for", "6 months from date of issue"), ("stamp", 360, 560, "OFFICIAL|SEAL"), ("gap", 70),
            ("sign", [("Issuing officer", "", True), ("Designation", "Superintendent", False)]),
            ("small", "Verify authenticity at the issuing authority's website quoting the certificate number. Any alteration renders this certificate invalid.")]


def la_vog(p, rng):
    return [("header", "Justis - Ministerie van Justitie en Veiligheid", "Nr. " + str(rng.randrange(10**6, 10**7))), ("title", "Verklaring Omtrent het Gedrag"),
            ("para", "natuurlijke personen"), ("para", "De Minister van Justitie en Veiligheid verklaart dat uit een onderzoek naar het gedrag van de hieronder genoemde persoon, gelet op het doel waarvoor de verklaring wordt gevraagd, geen bezwaren zijn gebleken."),
            ("kv", "Naam", p["surname"]), ("kv", "Voornamen", p["given_names"]), ("kv", "Geboortedatum", fmt_date(p["birth"], rng, "nl", 0)), ("kv", "Geboorteplaats", p["place"]),
            ("kv", "Doel", rng.choice(["Functie / beroep: software engineer", "Werk met vertrouwelijke gegevens", "Functie: onderzoeker"])), ("kv", "Datum afgifte", fmt_date(rand_date(rng, 2025, 2026), rng, "nl", 2)),
            ("stamp", 380, 420, "JUSTIS|DEN HAAG"), ("gap", 90), ("para", "Namens de Minister,\nhet hoofd van de afdeling Screening"),
            ("small", "Deze verklaring is afgegeven op basis van de Wet justitiële en strafvorderlijke gegevens. Controleer de echtheid via het nummer rechtsboven.")]


def la_employer_letter(p, lang, rng, email=False):
    co = rng.choice(COMPANIES)
    first = p["given_names"].split()[0]
    if lang == "nl":
        body = [f"Beste {first},", "Leuk dat je bij ons komt werken! Voor je aanvraag als kennismigrant hebben we van jou de volgende stukken nodig:",
                "- een kopie van je paspoort (minimaal nog een jaar geldig);", "- de ingevulde en ondertekende antecedentenverklaring;",
                "- de intentieverklaring tbc-onderzoek, als jouw nationaliteit niet vrijgesteld is.",
                "De formulieren zitten als bijlage bij deze mail. Print ze, vul ze in, onderteken ze en stuur een scan terug.", "Groet,", rng.choice(["Sanne de Vries", "Joost Bakker", "Fleur Janssen"]) + ", HR " + co[0]]
    else:
        body = [f"Dear {first},", rng.choice(["Welcome aboard! To start your highly skilled migrant application we need a few documents from you:", "As discussed, here is what we need for the residence permit application:"]),
                "- a copy of the data page of your passport (valid for at least one more year);", "- the Antecedents Certificate, filled in and signed;",
                "- the declaration of intent to undergo a TB test, unless your nationality is exempt.",
                rng.choice(["Please find the forms attached. Print them, complete them, sign them and send us a scan or photo.", "You can download the forms from the IND site; please return them signed within two weeks."]),
                "Kind regards,", rng.choice(["Sanne de Vries", "Joost Bakker", "Fleur Janssen", "Priyanka Mehta"]) + ", HR / Global Mobility, " + co[0]]
    if email:
        d = rand_date(rng, 2026, 2026)
        bl = [("header", "Mail - " + p["email"], "1 of 1"), ("kv", "From:", "hr@" + co[0].split()[0].lower() + ".example"), ("kv", "To:", p["email"]), ("kv", "Date:", d.strftime("%a %d %b %Y 10:%M")),
              ("kv", "Subject:", rng.choice(["Documents for your visa application", "Your HSM paperwork", "Re: next steps relocation", "Stukken verblijfsvergunning"])),
              ("kv", "Attachments:", rng.choice(["antecedents_form.pdf, tb_declaration.pdf", "Bijlage_7101.pdf, Bijlage_7103.pdf"])), ("rule",)]
    else:
        bl = [("letterhead", co[0], co[1]), ("para", p["name"] + "\n" + p["address"]), ("para", fmt_date(rand_date(rng, 2026, 2026), rng, lang, 2))]
    return bl + [("para", t) for t in body]


def la_checklist(lang, rng, ticks):
    items_en = ["Copy of passport (all pages with stamps)", "Antecedents certificate - signed", "TB declaration (if applicable)", "Diploma + credential evaluation", "Employment contract signed by both parties", "Passport photo", "Birth certificate (dependants)"]
    items_nl = ["Kopie paspoort", "Antecedentenverklaring - ondertekend", "Intentieverklaring tbc-onderzoek (indien van toepassing)", "Diploma", "Arbeidsovereenkomst", "Pasfoto", "Geboorteakte (gezinsleden)"]
    items = items_en if lang == "en" else items_nl
    bl = [("letterhead", *rng.choice(AGENCIES)), ("title", rng.choice(["Document checklist - highly skilled migrant", "Checklist: what to send us", "Your HSM document checklist"]) if lang == "en" else rng.choice(["Checklist documenten kennismigrant", "Checklist aanvraag verblijfsvergunning"]))]
    bl.append(("para", "Tick each item when you have sent it to your case manager." if lang == "en" else "Vink aan wat u al heeft opgestuurd."))
    for i, it in enumerate(items):
        bl.append(("check", it, ticks and rng.random() < 0.6))
    bl.append(("sign", [("Name" if lang == "en" else "Naam", "", False), ("Date" if lang == "en" else "Datum", "", False)]))
    return bl


def la_contract(p, lang, rng):
    co = rng.choice(COMPANIES)
    if lang == "nl":
        arts = ["Artikel 1 - Indiensttreding. Werknemer treedt in dienst per 1 februari 2027, onder voorbehoud van het verkrijgen van een verblijfsvergunning als kennismigrant.",
                "Artikel 2 - Functie. Werknemer wordt aangesteld als Senior Data Engineer.", f"Artikel 3 - Salaris. Het bruto maandsalaris bedraagt EUR {rng.randrange(5600, 8200)},- exclusief 8% vakantietoeslag.",
                "Artikel 4 - Arbeidsduur. 40 uur per week.", "Artikel 5 - Proeftijd. Er geldt een proeftijd van een maand.", "Artikel 6 - Geheimhouding. Werknemer is verplicht tot geheimhouding van alle bedrijfsinformatie."]
        bl = [("letterhead", *co), ("title", "Arbeidsovereenkomst voor bepaalde tijd"), ("para", f"Partijen: {co[0]}, hierna 'werkgever', en {p['name']}, geboren {fmt_date(p['birth'], rng, 'nl', 2)}, hierna 'werknemer'.")]
    else:
        arts = ["1. Commencement. The Employee will start on 1 February 2027, subject to the IND granting a residence permit as a highly skilled migrant.",
                "2. Position. The Employee is employed as Senior Software Engineer.", f"3. Salary. The gross monthly salary is EUR {rng.randrange(5600, 8200)}, excluding 8% holiday allowance.",
                "4. Working hours. 40 hours per week.", "5. Probation. There is a probationary period of one month.", "6. Confidentiality. The Employee shall keep all business information confidential, during and after employment.",
                "7. Relocation. The Employer reimburses relocation costs up to EUR 5,000 and applies for the 30% ruling."]
        bl = [("letterhead", *co), ("title", rng.choice(["Employment agreement", "Contract of employment (fixed term)"])), ("para", f"Between {co[0]} (the 'Employer') and {p['name']}, born {fmt_date(p['birth'], rng, 'en', 2)} (the 'Employee').")]
    bl += [("para", a) for a in arts]
    bl.append(("sign", [("Employer" if lang == "en" else "Werkgever", "J. Bakker", True), ("Employee" if lang == "en" else "Werknemer", p["name"], True)]))
    return bl


def la_cv(p, rng):
    return [("title", p["name"], 20), ("para", p["email"] + "  |  +" + str(rng.randrange(10, 99)) + " " + str(rng.randrange(10**8, 10**9)) + "  |  " + p["place"]),
            ("section", "Profile"), ("para", rng.choice(["Backend engineer with 8 years of experience in distributed systems, Go and Python.", "Data scientist focusing on forecasting and NLP; enjoys mentoring juniors.", "Mechanical engineer specialised in precision motion control."])),
            ("section", "Experience"), ("bullet", f"{rng.randrange(2019, 2023)} - present: Lead Engineer, " + rng.choice(["Infosys", "Globant", "Andela", "Rakuten", "Shopee"])),
            ("bullet", f"{rng.randrange(2013, 2018)} - 2019: Software Developer, " + rng.choice(["Wipro", "Accenture", "Stone Co.", "Softtek"])),
            ("section", "Education"), ("bullet", rng.choice(["MSc Computer Science", "BEng Electronics", "MSc Applied Mathematics"]) + ", " + rng.choice(["University of Lagos", "IIT Madras", "Universidad de los Andes", "Cairo University"])),
            ("section", "Languages"), ("para", "English (fluent), Dutch (A1, learning)"), ("section", "Other"), ("para", "Driving licence B. References available on request.")]


def la_diploma(p, rng):
    return [("gap", 60), ("title", rng.choice(["UNIVERSITY OF " + p["place"].upper(), "NATIONAL INSTITUTE OF TECHNOLOGY", "POLYTECHNIC UNIVERSITY"]), 20), ("gap", 20),
            ("para", "This is to certify that"), ("title", p["name"], 18), ("para", "having fulfilled all the requirements prescribed, has been admitted to the degree of"),
            ("title", rng.choice(["Master of Science in Computer Engineering", "Bachelor of Technology (Electrical)", "Master of Business Administration"]), 15),
            ("para", f"with all the rights and privileges thereto pertaining. Given under the seal of the University on {fmt_date(rand_date(rng, 2010, 2020), rng, 'en', 2)}."),
            ("stamp", 230, 560, "UNIVERSITY|SEAL"), ("gap", 120), ("sign", [("Registrar", "x", True), ("Vice-Chancellor", "x", True)])]


def la_bank(p, rng):
    rows = [["Date", "Description", "Debit", "Credit", "Balance"]]
    bal = rng.randrange(2000, 9000)
    d = dt.date(2026, 10, 1)
    for i in range(16):
        d += dt.timedelta(days=rng.randrange(1, 3))
        amt = rng.randrange(5, 400)
        desc = rng.choice(["POS GROCERY MART", "UPI TRANSFER", "ATM WITHDRAWAL", "NETFLIX", "SALARY CREDIT", "ELECTRICITY BILL", "MOBILE RECHARGE", "RESTAURANT"])
        cr = desc == "SALARY CREDIT"
        bal += amt * 10 if cr else -amt
        rows.append([d.strftime("%d-%m-%Y"), desc, "" if cr else f"{amt:.2f}", f"{amt * 10:.2f}" if cr else "", f"{bal:.2f}"])
    bank = rng.choice(["First Coastal Bank", "United Metro Bank", "Banco Horizonte", "Asia Pacific Savings"])
    return [("letterhead", bank, "Statement of account"), ("kv", "Account holder", p["name"]), ("kv", "Account no.", "XXXX XXXX " + str(rng.randrange(1000, 9999))),
            ("kv", "Period", "01-10-2026 to 31-10-2026"), ("gap", 10), ("table", rows, [1.2, 2.6, 1, 1, 1.2]), ("small", "This is a computer generated statement and needs no signature.")]


def la_utility(p, rng, lang):
    if lang == "nl":
        return [("letterhead", rng.choice(["Energie Noord", "Stroomstad Energie", "Waterbedrijf Midden"]), "Klantenservice 0900-1234"), ("para", p["name"] + "\nJavastraat 40-2\n1094 HJ Amsterdam"),
                ("title", "Jaarafrekening energie"), ("kv", "Klantnummer", str(rng.randrange(10**7, 10**8))), ("kv", "Periode", "01-11-2025 t/m 31-10-2026"),
                ("table", [["Omschrijving", "Verbruik", "Bedrag"], ["Stroom normaal", f"{rng.randrange(900, 2500)} kWh", f"EUR {rng.randrange(300, 800)},00"], ["Gas", f"{rng.randrange(300, 1200)} m3", f"EUR {rng.randrange(300, 1100)},00"],
                           ["Vaste leveringskosten", "", "EUR 72,00"], ["Energiebelasting", "", "EUR 210,15"]], [3, 1.5, 1.5]),
                ("para", "Het bedrag wordt rond " + fmt_date(dt.date(2026, 11, 20), rng, "nl", 2) + " van uw rekening afgeschreven.")]
    return [("letterhead", rng.choice(["City Power & Light", "MetroGas Services", "Lagos Electric"]), "Customer care 24/7"), ("para", p["name"] + "\n" + p["address"]),
            ("title", "Electricity bill"), ("kv", "Account number", str(rng.randrange(10**7, 10**8))), ("kv", "Billing period", "Sep 2026 - Oct 2026"),
            ("table", [["Item", "Units", "Amount"], ["Energy charge", f"{rng.randrange(200, 600)} kWh", f"{rng.randrange(40, 120)}.00"], ["Fixed charge", "", "12.50"], ["Tax", "", "9.10"]], [3, 1.5, 1.5]),
            ("para", "Please pay by the due date to avoid a late fee.")]


def la_ant_info(lang, rng):
    if lang == "nl":
        return [("title", "Wat is de antecedentenverklaring?"), ("para", "Bij een aanvraag voor een verblijfsvergunning vraagt de IND of u ooit veroordeeld bent of een strafbaar feit heeft gepleegd. Dit heet de antecedentenverklaring."),
                ("section", "Wie moet hem invullen?"), ("para", "Iedereen van 12 jaar en ouder. Ook gezinsleden vullen elk een eigen verklaring in."),
                ("section", "Wat gebeurt er met mijn antwoorden?"), ("para", "De IND controleert uw antwoorden. Een veroordeling betekent niet altijd dat de aanvraag wordt afgewezen; de IND weegt de straf en hoe lang geleden het was."),
                ("small", "Informatieblad - " + rng.choice(AGENCIES)[0] + " - geen formulier, niet terugsturen")]
    return [("title", rng.choice(["About the antecedents certificate", "FAQ: the criminal record declaration for your permit"])),
            ("para", "When you apply for a residence permit the IND asks whether you have ever been convicted of a crime or committed an offence. This is done with the antecedents certificate."),
            ("section", "Who needs to fill it in?"), ("para", "Everyone aged 12 or older, including each family member. A police clearance from your home country is normally not required."),
            ("section", "What happens with the answers?"), ("para", "A conviction does not automatically lead to a refusal. The IND looks at the sentence and how long ago it was. Giving false answers, however, can be a reason to refuse or withdraw the permit."),
            ("small", "Information sheet - " + rng.choice(AGENCIES)[0] + " - this is not the form itself")]

# ----------------------------------------------------------------------------- emitting
LABELS = []
_count = [0]


def _name(ext):
    _count[0] += 1
    return f"files/d{_count[0]:03d}.{ext}"


def info_page(kind, lang, rng):
    if kind == "antecedents":
        en = ["Instructions", "Fill in this appendix if you are 12 years or older. Use a separate form for each person. Answer all questions, sign the form and send it back together with your other documents. Keep a copy for yourself."]
        nl = ["Toelichting", "Vul deze bijlage in als u 12 jaar of ouder bent. Gebruik per persoon een apart formulier. Beantwoord alle vragen, onderteken en stuur het formulier mee met uw andere stukken."]
    else:
        en = ["Explanatory notes", "Whether you need a TB test depends on your nationality. If your nationality is on the exemption list you do not need to fill in this declaration. The TB test itself is done by the GGD after arrival."]
        nl = ["Toelichting", "Of u een tbc-onderzoek moet doen, hangt af van uw nationaliteit. Staat uw nationaliteit op de vrijstellingslijst, dan hoeft u deze verklaring niet in te vullen."]
    out = []
    for t in ([en] if lang == "en" else [nl] if lang == "nl" else [nl, en]):
        out += [("section", t[0]), ("para", t[1])]
    return out + [("pagebreak",)]


def emit_blocks(blocks, kind, filled, lang, category, shape, rng, style_kw=None):
    st = Style(rng, **(style_kw or {}))
    if shape in ("text_pdf", "docx"):
        st.handwritten = False
    if shape == "docx":
        path = _name("docx")
        render_docx(blocks, os.path.join(HERE, path), rng, st)
    else:
        pages = layout(blocks, st, rng)
        if shape == "text_pdf":
            path = _name("pdf")
            render_pdf(pages, os.path.join(HERE, path), title=rng.choice([None, "form", "Microsoft Word - document.docx", "scan"]))
        else:
            if shape in ("scan", "photo") and len(pages) > 1:
                shape = "image_pdf"
            dpi = (rng.choice([150, 170, 200]) if shape == "scan" else rng.choice([150, 160])) if shape != "photo" else 150
            paper = (255, 255, 255) if shape != "photo" else (rng.randrange(238, 252), rng.randrange(236, 250), rng.randrange(228, 245))
            imgs = render_pil(pages, dpi, rng, paper)
            if shape == "scan":
                if rng.random() < 0.15:
                    # scanner app in black/white mode
                    im = scanify(imgs[0], rng, noise=False).convert("L").point(lambda v: 255 if v > 165 else 0).convert("1")
                    path = _name("png")
                    im.save(os.path.join(HERE, path), optimize=True)
                else:
                    im = scanify(imgs[0], rng)
                    path = _name("jpg")
                    save_jpeg(im, os.path.join(HERE, path), rng)
            elif shape == "photo":
                path = _name("jpg")
                save_jpeg(photoify(imgs[0], rng), os.path.join(HERE, path), rng)
            else:
                path = _name("pdf")
                save_image_pdf([scanify(i, rng) for i in imgs], os.path.join(HERE, path), rng, dpi)
    LABELS.append(dict(file=path, kind=kind, filled=filled, shape=shape, language=lang, category=category, passport=None))
    return path


def emit_images(parts, kind, lang, category, shape, rng, passport=None, crop_ok=True):
    if shape == "photo":
        src = parts[0] if len(parts) == 1 else on_page(parts, rng)
        path = _name("jpg")
        save_jpeg(photoify(src, rng), os.path.join(HERE, path), rng)
    elif shape == "scan":
        if crop_ok and len(parts) == 1 and rng.random() < 0.4:
            im = scanify(parts[0].resize((int(parts[0].width * 0.8), int(parts[0].height * 0.8))), rng, noise=False)
            path = _name("png")
            im.quantize(48).save(os.path.join(HERE, path), optimize=True)
        else:
            im = scanify(on_page(parts, rng, rng.choice([150, 200])), rng)
            path = _name("jpg")
            save_jpeg(im, os.path.join(HERE, path), rng)
    else:
        dpi = rng.choice([150, 200])
        im = scanify(on_page(parts, rng, dpi), rng)
        path = _name("pdf")
        save_image_pdf([im], os.path.join(HERE, path), rng, dpi)
    LABELS.append(dict(file=path, kind=kind, filled=None, shape=shape, language=lang, category=category, passport=passport))
    return path


def plabel(p):
    return dict(surname=p["surname"].upper(), given_names=p["given_names"].upper(), nationality=p["nationality"],
                birth_date=p["birth"].isoformat(), expiry_date=p["expiry"].isoformat(), document_number=p["document_number"], sex=p["sex"])


def pick(rng, items):
    tot = sum(w for _, w in items)
    r = rng.uniform(0, tot)
    for v, w in items:
        r -= w
        if r <= 0:
            return v
    return items[-1][0]


FORM_SHAPES = [("text_pdf", 20), ("scan", 24), ("photo", 20), ("image_pdf", 14), ("docx", 22)]
PASS_SHAPES = [("scan", 45), ("photo", 35), ("image_pdf", 20)]


def make_form(kind, p, rng, shape=None, lang=None, variant=None, sign_date=None, twopage=False):
    variant = variant or pick(rng, [("ind", 25), ("old", 15), ("employer", 20), ("agency", 15), ("translation", 10)])
    lang = "en" if variant == "translation" else (lang or pick(rng, [("en", 45), ("nl", 25), ("en+nl", 30)]))
    shape = shape or pick(rng, FORM_SHAPES)
    if twopage and shape in ("scan", "photo"):
        shape = rng.choice(["text_pdf", "image_pdf"])
    fn = a_blocks if kind == "antecedents" else t_blocks
    blocks = fn(p, variant, lang, rng, sign_date)
    if twopage:
        blocks = info_page(kind, lang, rng) + blocks
    pre = "ant" if kind == "antecedents" else "tb"
    cat = f"{pre}:blank" if p is None else (f"{pre}:{'bilingual' if lang == 'en+nl' and variant in ('ind', 'old') else variant}")
    if twopage:
        cat += "_2p"
    return emit_blocks(blocks, kind, p is not None, lang, cat, shape, rng)


def make_passport(p, rng, shape=None, cat="passport:data_page"):
    shape = shape or pick(rng, PASS_SHAPES)
    return emit_images([passport_image(p, rng)], "passport", "en", cat, shape, rng, passport=plabel(p))


def make_other(kind, p, rng, shape=None, lang=None):
    shape = shape or pick(rng, [("text_pdf", 30), ("scan", 30), ("photo", 20), ("image_pdf", 10), ("docx", 10)])
    lang = lang or rng.choice(["en", "en", "nl"])
    if kind in ("idcard", "residence_permit", "visa", "unrelated_photo"):
        if shape in ("text_pdf", "docx"):
            shape = rng.choice(["scan", "photo", "image_pdf"])
        if kind == "idcard":
            q = dict(p); q["document_number"] = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(9))
            parts = list(card_images(q, rng, "id"))
            return emit_images(parts if shape != "photo" or rng.random() < 0.5 else parts[1:], "other", "en", "lookalike:id_card_td1", shape, rng, crop_ok=False)
        if kind == "residence_permit":
            q = dict(p); q["document_number"] = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)) + "".join(rng.choice("0123456789") for _ in range(7))
            q["expiry"] = dt.date(2031, rng.randrange(1, 12), rng.randrange(1, 28))
            parts = list(card_images(q, rng, "rp"))
            return emit_images(parts, "other", "en+nl", "lookalike:residence_permit", shape, rng, crop_ok=False)
        if kind == "visa":
            q = dict(p); q["visa_no"] = "NLD" + "".join(rng.choice("0123456789") for _ in range(6))
            q["visa_from"] = dt.date(2026, rng.randrange(1, 10), rng.randrange(1, 28)); q["visa_until"] = q["visa_from"] + dt.timedelta(days=90)
            return emit_images([visa_image(q, rng)], "other", "en+nl", "lookalike:visa_sticker", shape, rng)
        # unrelated photo: objects on a desk
        W, H = 1400, 1050
        im = desk(W, H, rng)
        d = ImageDraw.Draw(im)
        for _ in range(rng.randrange(3, 6)):
            x, y, r = rng.randrange(100, W - 200), rng.randrange(100, H - 200), rng.randrange(60, 220)
            c = tuple(rng.randrange(30, 230) for _ in range(3))
            (d.ellipse if rng.random() < 0.5 else d.rectangle)([x, y, x + r, y + r * rng.uniform(0.5, 1.4)], fill=c)
        path = _name("jpg")
        save_jpeg(im.filter(ImageFilter.GaussianBlur(1.2)), os.path.join(HERE, path), rng)
        LABELS.append(dict(file=path, kind="other", filled=None, shape="photo", language="en", category="lookalike:unrelated_photo", passport=None))
        return path
    if kind == "referral":
        lang = rng.choice(["en", "nl", "en+nl"]) if lang is None else lang
        bl = la_referral(p if rng.random() < 0.6 else None, lang, rng)
    elif kind == "referral_filled":
        lang = rng.choice(["en", "en+nl"]); kind = "referral"
        bl = la_referral(p, lang, rng)
    elif kind == "tb_leaflet":
        lang = "en" if lang == "en+nl" else lang
        bl = la_tb_leaflet(lang, rng)
    elif kind == "ggd_web":
        lang = "en" if lang == "en+nl" else lang
        bl = la_ggd_web(lang, rng)
    elif kind == "appointment":
        lang = "en" if lang == "en+nl" else lang
        bl = la_appointment(p, lang, rng)
    elif kind == "police_clearance":
        lang = "en"; bl = la_police(p, rng)
    elif kind == "vog":
        lang = "nl"; bl = la_vog(p, rng)
    elif kind == "employer_letter":
        lang = "en" if lang == "en+nl" else lang
        bl = la_employer_letter(p, lang, rng)
    elif kind == "employer_email":
        lang = "en" if lang == "en+nl" else lang
        bl = la_employer_letter(p, lang, rng, email=True)
    elif kind == "checklist":
        lang = "en" if lang == "en+nl" else lang
        bl = la_checklist(lang, rng, rng.random() < 0.5)
    elif kind == "contract":
        lang = "en" if lang == "en+nl" else lang
        bl = la_contract(p, lang, rng)
    elif kind == "cv":
        lang = "en"; bl = la_cv(p, rng)
    elif kind == "diploma":
        lang = "en"; bl = la_diploma(p, rng)
    elif kind == "bank_statement":
        lang = "en"; bl = la_bank(p, rng)
    elif kind == "utility_bill":
        lang = "en" if lang == "en+nl" else lang
        bl = la_utility(p, rng, lang)
    elif kind == "antecedents_info":
        lang = "en" if lang == "en+nl" else lang
        bl = la_ant_info(lang, rng)
    else:
        raise ValueError(kind)
    return emit_blocks(bl, "other", None, lang, "lookalike:" + kind, shape, rng)

# ----------------------------------------------------------------------------- candidates & mails
TB_EXEMPT = {"USA", "CAN", "AUS", "NZL", "JPN", "FRA", "ITA", "ESP", "POL", "IRL"}
# (nationality, mails: list of (day, [doc specs])); doc spec: (what, options)
SCEN = [
    ("USA", [(3, [("passport", {}), ("ant", {})])]),
    ("IND", [(4, [("passport", {}), ("ant", {}), ("tb", {})])]),
    ("NGA", [(5, [("passport", {}), ("ant", {})])]),
    ("PHL", [(5, [("passport", {}), ("ant", {}), ("tb_blank", {})]), (9, [("tb", {})])]),
    ("BRA", [(6, [("passport", {}), ("ant", {}), ("other", {"kind": "referral_filled"})])]),
    ("JPN", [(9, [("passport", {"expiry": dt.date(2026, 5, 17)}), ("ant", {})])]),
    ("PAK", [(10, [("passport", {"expiry": dt.date(2027, 6, 30)}), ("ant", {}), ("tb", {})])]),
    ("CAN", [(10, [("passport", {}), ("other", {"kind": "checklist"})])]),
    ("EGY", [(11, [("passport", {})]), (13, [("ant", {})]), (16, [("tb", {})])]),
    ("ZAF", [(12, [("passport", {}), ("ant_blank", {}), ("tb", {})])]),
    ("TUR", [(12, [("passport", {}), ("other", {"kind": "vog"}), ("tb", {})])]),
    ("CHN", [(13, [("passport", {"shape": "photo"}), ("ant", {"shape": "photo"}), ("tb", {"shape": "photo"})])]),
    ("AUS", [(16, [("ant", {}), ("other", {"kind": "police_clearance"})])]),
    ("VNM", [(17, [("passport", {}), ("tb", {})]), (19, [("ant", {"shape": "docx"})])]),
    ("MEX", [(18, [("passport", {}), ("other", {"kind": "employer_email"}), ("other", {"kind": "tb_leaflet"})])]),
    ("NZL", [(19, [("passport", {}), ("ant", {}), ("tb", {})])]),
    ("COL", [(20, [("passport", {"expiry": dt.date(2026, 9, 2)}), ("ant", {}), ("tb", {})]), (23, [("passport", {"renewed": True})])]),
    ("IDN", [(23, [("other", {"kind": "idcard"}), ("ant", {}), ("tb", {})])]),
    ("FRA", [(24, [("passport", {}), ("ant", {"twopage": True})])]),
    ("IND", [(25, [("passport", {}), ("ant", {}), ("other", {"kind": "appointment"})])]),
    ("PHL", [(25, [("passport", {}), ("ant_blank", {})]), (27, [("ant", {}), ("tb", {})])]),
]
GREET = ["Hello,", "Dear HR team,", "Hi,", "Good morning,", "Dear Sir/Madam,", "Hi there,"]
BODY = ["Please find attached the documents for my visa application.", "Attached are my documents as requested by your recruiter.",
        "As requested, I am sending the papers for the HSM visa.", "Here are the forms. Let me know if anything is missing.",
        "Sending you the requested documents, sorry for the delay.", "I filled in the forms and scanned them, see attachments.",
        "My passport copy and the signed form are attached.", "Please see the attachments for the residence permit application."]
BODY2 = ["Here is the remaining document.", "Sorry, I forgot this one in my previous mail.", "Attaching the form you asked for.",
         "Following up on my earlier email with one more document.", "Please find the corrected version attached."]
SIGN_OFF = ["Best regards,", "Kind regards,", "Thanks,", "Regards,", "Many thanks,", "Cheers,"]
ATT_NAMES = {"passport": ["passport.jpg", "IMG_{n}.jpg", "passport_scan.pdf", "Scan_{n}.pdf", "photo.jpg", "passport copy.pdf", "paspoort.png"],
             "ant": ["antecedents.pdf", "Antecedents certificate signed.pdf", "IMG_{n}.jpg", "scan{n}.pdf", "form1.pdf", "criminal_record_form.docx", "Document ({n}).pdf"],
             "tb": ["TB declaration.pdf", "tb_form.pdf", "IMG_{n}.jpg", "scan{n}.pdf", "form2.pdf", "declaration.docx", "Document ({n}).pdf"],
             "other": ["document.pdf", "IMG_{n}.jpg", "scan{n}.pdf", "attachment.pdf", "file.pdf", "form.pdf"]}
TZ = {"IND": 330, "PAK": 300, "NGA": 60, "PHL": 480, "BRA": -180, "EGY": 120, "ZAF": 120, "TUR": 180, "CHN": 480, "VNM": 420, "IDN": 420,
      "MEX": -360, "COL": -300, "USA": -300, "CAN": -300, "AUS": 660, "NZL": 780, "JPN": 540, "FRA": 60}


def att_name(what, path, rng):
    ext = path.rsplit(".", 1)[1]
    nm = rng.choice(ATT_NAMES[what]).format(n=rng.randrange(1000, 9999))
    return nm.rsplit(".", 1)[0] + "." + ext


def build(rng):
    expected = []
    used_emails = set()
    for ci, (nat, mails) in enumerate(SCEN):
        crng = random.Random(SEED * 1000 + ci)
        p = make_person(crng, nat)
        if p["email"] in used_emails:
            p["email"] = p["email"].replace("@", f"{ci}@")
        used_emails.add(p["email"])
        if crng.random() < 0.3:
            p["vnum"] = str(crng.randrange(10**9, 10**10))
        got = set()
        for mi, (day, specs) in enumerate(mails):
            mdate = dt.datetime(2026, 11, day, crng.randrange(7, 22), crng.randrange(0, 60), crng.randrange(0, 60),
                                tzinfo=dt.timezone(dt.timedelta(minutes=TZ.get(nat, 0))))
            attach = []
            for what, opt in specs:
                sd = (mdate - dt.timedelta(days=crng.randrange(0, 6))).date()
                if what == "passport":
                    q = dict(p)
                    if "expiry" in opt:
                        q["expiry"] = opt["expiry"]
                        q["issue"] = dt.date(opt["expiry"].year - 10, opt["expiry"].month, min(opt["expiry"].day, 28))
                        cat = "passport:expired" if opt["expiry"] < mdate.date() else "passport:short_validity"
                    elif opt.get("renewed"):
                        q["issue"] = dt.date(2026, 10, 14); q["expiry"] = dt.date(2036, 10, 13)
                        q["document_number"] = "".join(crng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(9))
                        cat = "passport:renewed"
                    else:
                        cat = "passport:data_page"
                    path = make_passport(q, crng, opt.get("shape"), cat)
                    if q["expiry"] >= dt.date(mdate.year + 1, mdate.month, mdate.day):
                        got.add("passport")
                    attach.append(("passport", path))
                elif what in ("ant", "tb"):
                    kind = "antecedents" if what == "ant" else "tb_declaration"
                    path = make_form(kind, p, crng, opt.get("shape"), sign_date=sd, twopage=opt.get("twopage", False))
                    got.add(kind)
                    attach.append((what, path))
                elif what in ("ant_blank", "tb_blank"):
                    kind = "antecedents" if what == "ant_blank" else "tb_declaration"
                    path = make_form(kind, None, crng, crng.choice(["text_pdf", "docx", "docx", "scan"]))
                    attach.append((what[:-6] if what == "ant_blank" else "tb", path))
                else:
                    path = make_other(opt["kind"], p, crng)
                    attach.append(("other", path))
            write_mail(p, ci, mi, mdate, attach, crng)
        need = {"passport", "antecedents"} | (set() if nat in TB_EXEMPT else {"tb_declaration"})
        expected.append(dict(email=p["email"], name=p["name"], nationality=nat, missing=sorted(need - got)))
    return expected


def write_mail(p, ci, mi, mdate, attach, rng):
    m = EmailMessage()
    m["From"] = f'{p["name"]} <{p["email"]}>'
    m["To"] = "hsm-documents@mailbot.example"
    subj = random.Random(SEED + ci).choice(["Documents for HSM visa", "Visa documents - {n}", "My documents", "HSM application {n}", "Re: Documents needed for your residence permit",
                       "Forms + passport", "Fwd: IND forms", "Documents {n} (HSM)", "application documents"]).format(n=p["name"])
    if mi > 0:
        subj = rng.choice(["Re: " + subj if not subj.startswith("Re:") else subj, "Missing document - " + p["name"], "Additional document", "One more form"])
    m["Subject"] = subj
    m["Date"] = format_datetime(mdate)
    dom = p["email"].split("@")[1]
    m["Message-ID"] = f"<{hashlib.sha1(f'{SEED}-{ci}-{mi}'.encode()).hexdigest()[:20]}@{dom}>"
    m["MIME-Version"] = "1.0"
    body = [rng.choice(GREET), "", rng.choice(BODY if mi == 0 else BODY2)]
    if len(attach) > 1 and rng.random() < 0.5:
        body.append(f"There are {len(attach)} files attached.")
    if rng.random() < 0.3:
        body.append(rng.choice(["My start date is planned for February.", "I am available on this email if you need anything else.", "Please confirm you received them."]))
    body += ["", rng.choice(SIGN_OFF), p["name"].split(" ")[0] if rng.random() < 0.5 else p["name"]]
    if rng.random() < 0.3:
        body += ["", "Sent from my phone"]
    m.set_content("\n".join(body) + "\n")
    for what, path in attach:
        data = open(os.path.join(HERE, path), "rb").read()
        ext = path.rsplit(".", 1)[1]
        mt = {"pdf": ("application", "pdf"), "jpg": ("image", "jpeg"), "png": ("image", "png"),
              "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")}[ext]
        m.add_attachment(data, maintype=mt[0], subtype=mt[1], filename=att_name(what, path, rng))
    m.set_boundary("===============" + hashlib.md5(f"b{ci}-{mi}".encode()).hexdigest()[:16] + "==")
    name = f"c{ci + 1:02d}_m{mi + 1}.eml"
    with open(os.path.join(MAILS, name), "wb") as f:
        f.write(m.as_bytes(policy=policy.SMTP))


def extras(rng):
    nats = list(COUNTRIES)
    P = lambda: make_person(rng, rng.choice(nats))
    # passports
    for i in range(4):
        q = P()
        if i == 3:
            q["expiry"] = dt.date(2025, 8, 31); q["issue"] = dt.date(2015, 9, 1)
        make_passport(q, rng, ["scan", "photo", "image_pdf", "scan"][i], "passport:data_page" if i < 3 else "passport:expired")
    # antecedents
    for i in range(17):
        blank = i < 3
        make_form("antecedents", None if blank else P(), rng, twopage=(i in (5, 11)),
                  lang=["en", "nl", "en+nl"][i % 3] if i < 6 else None)
    # tb
    for i in range(25):
        blank = i < 3
        make_form("tb_declaration", None if blank else P(), rng, twopage=(i in (6, 14)),
                  lang=["en", "nl", "en+nl"][i % 3] if i < 9 else None,
                  variant=["ind", "old", "employer", "agency", "translation"][i % 5] if i < 15 else None)
    # look-alikes
    kinds = ["referral", "referral", "referral", "tb_leaflet", "tb_leaflet", "ggd_web", "ggd_web", "appointment", "appointment",
             "police_clearance", "police_clearance", "vog", "employer_letter", "employer_letter", "employer_email", "checklist",
             "idcard", "idcard", "residence_permit", "residence_permit", "visa", "contract", "contract", "cv", "cv", "diploma", "diploma",
             "bank_statement", "bank_statement", "utility_bill", "utility_bill", "unrelated_photo", "unrelated_photo", "antecedents_info", "antecedents_info", "referral_filled", "employer_email", "checklist"]
    for i, k in enumerate(kinds):
        q = P()
        if k == "police_clearance":
            q = make_person(rng, rng.choice(["IND", "PHL", "NGA", "ZAF", "BRA"]))
        make_other(k, q, rng, lang="nl" if k in ("referral", "tb_leaflet", "ggd_web", "appointment") and i % 2 == 0 else None)


def main():
    for d in (FILES, MAILS):
        if os.path.exists(d):
            shutil.rmtree(d)
        os.makedirs(d)
    rng = random.Random(SEED)
    random.seed(SEED)
    expected = build(rng)
    extras(rng)
    with open(os.path.join(HERE, "labels.json"), "w") as f:
        json.dump({"documents": LABELS}, f, indent=1, ensure_ascii=False)
    with open(os.path.join(MAILS, "expected.json"), "w") as f:
        json.dump({"candidates": expected}, f, indent=1, ensure_ascii=False)
    from collections import Counter
    print(len(LABELS), Counter(l["kind"] for l in LABELS), Counter(l["shape"] for l in LABELS))


if __name__ == "__main__":
    main()
