"""Layout + backends (PIL image, reportlab text PDF, python-docx) for the blind dependants set."""
import io, math, random
import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter, ImageOps
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
import docx
from docx.shared import Pt, RGBColor, Cm
from docx.enum.text import WD_ALIGN_PARAGRAPH

FD = "/usr/share/fonts/truetype/dejavu/"
FONTS = {
    "sans": FD + "DejaVuSans.ttf", "sansb": FD + "DejaVuSans-Bold.ttf", "sansi": FD + "DejaVuSans-Oblique.ttf",
    "serif": FD + "DejaVuSerif.ttf", "serifb": FD + "DejaVuSerif-Bold.ttf", "serifi": FD + "DejaVuSerif-Italic.ttf",
    "cond": FD + "DejaVuSansCondensed.ttf", "condb": FD + "DejaVuSansCondensed-Bold.ttf",
    "condi": FD + "DejaVuSansCondensed-Oblique.ttf",
    "mono": FD + "DejaVuSansMono.ttf", "monob": FD + "DejaVuSansMono-Bold.ttf",
    "ocrb": "/usr/share/fonts/opentype/ocr-b/OCRB.otf",
}
for k, p in FONTS.items():
    if k != "ocrb":
        pdfmetrics.registerFont(TTFont("F_" + k, p))
_fc = {}


def font(key, size):
    k = (key, int(size))
    if k not in _fc:
        _fc[k] = ImageFont.truetype(FONTS[key], int(size))
    return _fc[k]


W, H = 1240, 1754  # A4 at 150 dpi
INK = (20, 20, 20)
BLUE = (25, 45, 140)


class Layout:
    """Turns blocks into draw ops per page."""

    def __init__(self, style, rng):
        self.s = style
        self.rng = rng
        self.pages = []
        self.new_page()

    def new_page(self):
        self.ops = []
        self.pages.append(self.ops)
        m = self.s["margin"]
        self.y = m
        b = self.s.get("border")
        if b:
            col = self.s.get("accent", INK)
            self.ops.append(("rect", m - 40, m - 40, W - 2 * m + 80, H - 2 * m + 80, 3, col, None))
            if b == "double":
                self.ops.append(("rect", m - 30, m - 30, W - 2 * m + 60, H - 2 * m + 60, 1, col, None))
            if b == "band":
                self.ops.append(("rect", m - 40, m - 40, W - 2 * m + 80, 26, 0, col, col))
        if self.s.get("watermark"):
            self.ops.append(("wm", self.s["watermark"]))

    def ensure(self, h):
        if self.y + h > H - self.s["margin"]:
            self.new_page()

    @property
    def left(self):
        return self.s["margin"]

    @property
    def width(self):
        return W - 2 * self.s["margin"]

    def wrap(self, text, fk, size, width):
        f = font(fk, size)
        out = []
        for para in text.split("\n"):
            words = para.split(" ")
            line = ""
            for w in words:
                t = (line + " " + w).strip()
                if f.getlength(t) <= width or not line:
                    line = t
                else:
                    out.append(line)
                    line = w
            out.append(line)
        return out

    def text_line(self, x, t, fk, size, color=INK, align="left", width=None, hand=False):
        width = width or self.width
        f = font(fk, size)
        if align == "center":
            x = x + (width - f.getlength(t)) / 2
        elif align == "right":
            x = x + width - f.getlength(t)
        if hand:
            self.hand(x, self.y, t, size)
        else:
            self.ops.append(("text", x, self.y, t, fk, size, color))

    def hand(self, x, y, t, size):
        # handwriting-like: oblique, blue, each word with jitter
        rng = self.rng
        fk = self.s.get("handfont", "sansi")
        for w in t.split(" "):
            sz = size * rng.uniform(1.0, 1.15)
            self.ops.append(("text", x, y + rng.uniform(-3, 3), w, fk, sz, self.s.get("handcolor", BLUE)))
            x += font(fk, int(sz)).getlength(w + " ") * rng.uniform(1.0, 1.12)
        return x

    def block(self, b):
        s = self.s
        kind = b[0]
        base = s["size"]
        fk, fb = s["font"], s["fontb"]
        if kind == "title":
            size = b[2] if len(b) > 2 else base + 14
            for ln in self.wrap(b[1], fb, size, self.width):
                self.ensure(size + 12)
                self.text_line(self.left, ln, fb, size, s.get("accent", INK), s["talign"])
                self.y += size + 12
            self.y += 6
        elif kind in ("sub", "center", "small", "p", "pb", "right"):
            size = {"sub": base + 4, "small": base - 4}.get(kind, base)
            f2 = fb if kind in ("sub", "pb") else fk
            al = {"sub": s["talign"], "center": "center", "right": "right"}.get(kind, "left")
            for ln in self.wrap(b[1], f2, size, self.width):
                self.ensure(size + 8)
                self.text_line(self.left, ln, f2, size, INK, al)
                self.y += int(size * 1.45)
            self.y += 6 if kind != "small" else 2
        elif kind == "kv":
            label, value = b[1], b[2]
            hand = b[3] if len(b) > 3 else s.get("hand", False)
            mode = s["kv"]
            lw = int(self.width * s.get("labelw", 0.38))
            size = base
            lab_lines = self.wrap(label, fk if mode != "bold" else fb, size - 1, lw - 10)
            val_lines = self.wrap(value, fk, size, self.width - lw - 10) if value else [""]
            h = max(len(lab_lines), len(val_lines)) * int(size * 1.45) + 10
            self.ensure(h)
            y0 = self.y
            if mode == "boxed":
                self.ops.append(("rect", self.left, y0 - 4, self.width, h, 1, (90, 90, 90), None))
                self.ops.append(("line", self.left + lw, y0 - 4, self.left + lw, y0 - 4 + h, 1, (90, 90, 90)))
            for i, ln in enumerate(lab_lines):
                self.y = y0 + i * int(size * 1.45)
                self.text_line(self.left + 6, ln + (":" if mode == "colon" and i == len(lab_lines) - 1 else ""),
                               fk if mode != "bold" else fb, size - 1, (60, 60, 60) if mode == "boxed" else INK)
            for i, ln in enumerate(val_lines):
                self.y = y0 + i * int(size * 1.45)
                if ln:
                    self.text_line(self.left + lw + 6, ln, fk, size, INK, hand=hand)
            if mode == "underline":
                self.ops.append(("line", self.left + lw, y0 + size + 6, self.left + self.width, y0 + size + 6, 1,
                                 (120, 120, 120)))
            if mode != "boxed" and not value:
                self.ops.append(("line", self.left + lw, y0 + size + 6, self.left + self.width, y0 + size + 6, 1,
                                 (120, 120, 120)))
            self.y = y0 + h + (0 if mode == "boxed" else 2)
        elif kind == "check":
            label, checked = b[1], b[2]
            size = base
            lines = self.wrap(label, fk, size, self.width - 50)
            self.ensure(len(lines) * int(size * 1.45) + 8)
            self.ops.append(("rect", self.left, self.y + 2, size, size, 2, INK, None))
            if checked:
                hc = s.get("handcolor", BLUE) if s.get("hand") else INK
                self.ops.append(("line", self.left + 3, self.y + 4, self.left + size - 3, self.y + size, 3, hc))
                self.ops.append(("line", self.left + size - 3, self.y + 4, self.left + 3, self.y + size, 3, hc))
            for ln in lines:
                self.text_line(self.left + size + 16, ln, fk, size)
                self.y += int(size * 1.45)
            self.y += 6
        elif kind == "table":
            rows = b[1]
            header = b[2] if len(b) > 2 else True
            n = max(len(r) for r in rows)
            rel = b[3] if len(b) > 3 and b[3] else [1] * n
            tot = sum(rel)
            cws = [self.width * r / tot for r in rel]
            size = b[4] if len(b) > 4 else base - 3
            for ri, row in enumerate(rows):
                cells = [self.wrap(str(c), fb if (header and ri == 0) else fk, size, cws[i] - 12) for i, c in
                         enumerate(row)]
                h = max(len(c) for c in cells) * int(size * 1.35) + 12
                self.ensure(h)
                x = self.left
                if header and ri == 0:
                    self.ops.append(("rect", x, self.y, self.width, h, 0, None, s.get("tfill", (225, 225, 225))))
                for i, c in enumerate(cells):
                    self.ops.append(("rect", x, self.y, cws[i], h, 1, (60, 60, 60), None))
                    yy = self.y + 6
                    for ln in c:
                        hand = s.get("hand", False) and ri > 0 and i > 0 and not (header is False and i == 0)
                        if hand and ln:
                            self.hand(x + 6, yy, ln, size)
                        else:
                            self.ops.append(("text", x + 6, yy, ln, fb if (header and ri == 0) else fk, size, INK))
                        yy += int(size * 1.35)
                    x += cws[i]
                self.y += h
            self.y += 14
        elif kind == "sig":
            label, name = b[1], b[2]
            self.ensure(110)
            x = self.left if not (len(b) > 3 and b[3] == "right") else self.left + self.width // 2 + 20
            if name:
                self.scribble(x + 20, self.y + 10, name)
            self.ops.append(("line", x, self.y + 60, x + self.width // 2 - 40, self.y + 60, 1, INK))
            self.ops.append(("text", x, self.y + 66, label, fk, base - 4, INK))
            if not (len(b) > 4 and b[4] == "keep"):
                self.y += 100
        elif kind == "sigpair":
            # two signatures side by side
            (l1, n1), (l2, n2) = b[1], b[2]
            self.ensure(110)
            hw = self.width // 2
            for i, (lab, nm) in enumerate([(l1, n1), (l2, n2)]):
                x = self.left + i * (hw + 20)
                if nm:
                    self.scribble(x + 20, self.y + 10, nm)
                self.ops.append(("line", x, self.y + 60, x + hw - 40, self.y + 60, 1, INK))
                self.ops.append(("text", x, self.y + 66, lab, fk, base - 4, INK))
            self.y += 100
        elif kind == "stamp":
            lines = b[1]
            r = b[2] if len(b) > 2 else 95
            self.ensure(2 * r + 10)
            cx = self.left + self.width - r - self.rng.randint(0, 260)
            col = b[3] if len(b) > 3 else self.rng.choice([(150, 30, 40), (40, 60, 150), (110, 40, 130)])
            self.ops.append(("stamp", cx, self.y + r, r, lines, col, self.rng.uniform(-25, 25)))
            self.y += int(r * 1.2)
        elif kind == "seal":  # stamp overlapping previous content, no space used
            lines = b[1]
            r = 85
            cx = self.left + self.rng.randint(int(self.width * 0.45), self.width - r)
            col = self.rng.choice([(150, 30, 40), (40, 60, 150), (30, 110, 60)])
            self.ops.append(("stamp", cx, max(self.y - r - 20, r + 10), r, lines, col, self.rng.uniform(-30, 30)))
        elif kind == "gap":
            self.y += b[1]
        elif kind == "rule":
            self.ensure(20)
            self.ops.append(("line", self.left, self.y + 6, self.left + self.width, self.y + 6, 2,
                             s.get("accent", INK)))
            self.y += 22
        elif kind == "pagebreak":
            self.new_page()
        elif kind == "photo":  # placeholder photo / passport copy box
            w, h, label = b[1], b[2], b[3]
            self.ensure(h + 20)
            self.ops.append(("rect", self.left, self.y, w, h, 2, (80, 80, 80), (215, 215, 215)))
            self.ops.append(("text", self.left + 10, self.y + h // 2 - 10, label, fk, base - 4, (80, 80, 80)))
            self.y += h + 20
        elif kind == "image":  # embedded PIL image
            img = b[1]
            w = b[2]
            h = int(img.height * w / img.width)
            self.ensure(h + 20)
            self.ops.append(("img", self.left, self.y, w, h, img))
            self.y += h + 20
        else:
            raise ValueError(kind)

    def scribble(self, x, y, name):
        # a signature-like squiggle made of line segments
        rng = self.rng
        pts = []
        xx = x
        for ch in name[:14]:
            pts.append((xx, y + 30 + rng.uniform(-22, 18)))
            xx += rng.uniform(9, 17)
        col = self.s.get("handcolor", BLUE)
        for a, b in zip(pts, pts[1:]):
            self.ops.append(("line", a[0], a[1], b[0], b[1], 2, col))
        self.ops.append(("line", x - 5, y + 46, xx + 10, y + 38, 2, col))


def layout(blocks, style, rng):
    L = Layout(style, rng)
    for b in blocks:
        L.block(b)
    return L.pages


# ---------------- PIL backend
def _stamp_img(r, lines, col):
    sz = 2 * r + 8
    im = Image.new("RGBA", (sz, sz), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    c = sz // 2
    a = (*col, 200)
    d.ellipse([c - r, c - r, c + r, c + r], outline=a, width=4)
    d.ellipse([c - r + 12, c - r + 12, c + r - 12, c + r - 12], outline=a, width=2)
    n = len(lines)
    for i, ln in enumerate(lines):
        f = font("sansb", 17 if len(ln) < 16 else 13)
        tw = f.getlength(ln)
        d.text((c - tw / 2, c - n * 11 + i * 22), ln, font=f, fill=a)
    return im


def to_images(pages, bg=(255, 255, 255)):
    out = []
    for ops in pages:
        im = Image.new("RGB", (W, H), bg)
        d = ImageDraw.Draw(im)
        for op in ops:
            k = op[0]
            if k == "text":
                _, x, y, t, fk, size, col = op
                d.text((x, y), t, font=font(fk, size), fill=col)
            elif k == "line":
                _, x1, y1, x2, y2, w, col = op
                d.line([x1, y1, x2, y2], fill=col, width=max(1, int(w)))
            elif k == "rect":
                _, x, y, w, h, lw, col, fill = op
                d.rectangle([x, y, x + w, y + h], outline=col if lw else None, fill=fill, width=max(1, lw))
                if fill is not None and lw == 0 and col is None:
                    pass
            elif k == "stamp":
                _, cx, cy, r, lines, col, ang = op
                st = _stamp_img(r, lines, col).rotate(ang, resample=Image.BICUBIC)
                im.paste(st, (int(cx - st.width / 2), int(cy - st.height / 2)), st)
                d = ImageDraw.Draw(im)
            elif k == "img":
                _, x, y, w, h, img = op
                im.paste(img.convert("RGB").resize((int(w), int(h))), (int(x), int(y)))
            elif k == "wm":
                wm = Image.new("RGBA", (W, H), (0, 0, 0, 0))
                dw = ImageDraw.Draw(wm)
                f = font("sansb", 60)
                for yy in range(100, H, 260):
                    dw.text((80 + (yy % 3) * 60, yy), op[1], font=f, fill=(200, 170, 120, 60))
                wm = wm.rotate(25)
                im.paste(wm, (0, 0), wm)
                d = ImageDraw.Draw(im)
        out.append(im)
    return out


# ---------------- reportlab backend (text PDF)
def to_pdf(pages, path, title=""):
    from reportlab.lib.utils import ImageReader
    sc = 595.276 / W
    c = rl_canvas.Canvas(path, pagesize=(595.276, 841.89), invariant=1)
    c.setTitle(title)
    c.setAuthor("")
    c.setCreator("")
    PH = 841.89
    for ops in pages:
        for op in ops:
            k = op[0]
            if k == "text":
                _, x, y, t, fk, size, col = op
                if fk == "ocrb":
                    fk = "mono"
                c.setFillColorRGB(*[v / 255 for v in col])
                c.setFont("F_" + fk, size * sc)
                c.drawString(x * sc, PH - (y + size * 0.95) * sc, t)
            elif k == "line":
                _, x1, y1, x2, y2, w, col = op
                c.setStrokeColorRGB(*[v / 255 for v in col])
                c.setLineWidth(max(0.4, w * sc))
                c.line(x1 * sc, PH - y1 * sc, x2 * sc, PH - y2 * sc)
            elif k == "rect":
                _, x, y, w, h, lw, col, fill = op
                if fill is not None:
                    c.setFillColorRGB(*[v / 255 for v in fill])
                if col is not None and lw:
                    c.setStrokeColorRGB(*[v / 255 for v in col])
                    c.setLineWidth(lw * sc)
                c.rect(x * sc, PH - (y + h) * sc, w * sc, h * sc, stroke=1 if (lw and col) else 0,
                       fill=1 if fill is not None else 0)
            elif k == "stamp":
                _, cx, cy, r, lines, col, ang = op
                c.saveState()
                c.translate(cx * sc, PH - cy * sc)
                c.rotate(-ang)
                c.setStrokeColorRGB(*[v / 255 for v in col], alpha=0.8)
                c.setFillColorRGB(*[v / 255 for v in col], alpha=0.8)
                c.setLineWidth(2 * sc * 2)
                c.circle(0, 0, r * sc)
                c.setLineWidth(1)
                c.circle(0, 0, (r - 12) * sc)
                n = len(lines)
                for i, ln in enumerate(lines):
                    fs = (17 if len(ln) < 16 else 13) * sc
                    c.setFont("F_sansb", fs)
                    c.drawCentredString(0, (n * 11 - i * 22 - 14) * sc, ln)
                c.restoreState()
            elif k == "img":
                _, x, y, w, h, img = op
                c.drawImage(ImageReader(img.convert("RGB")), x * sc, PH - (y + h) * sc, w * sc, h * sc)
            elif k == "wm":
                c.saveState()
                c.setFillColorRGB(0.8, 0.68, 0.5, alpha=0.25)
                c.setFont("F_sansb", 28)
                c.rotate(25)
                for yy in range(0, 900, 120):
                    c.drawString(80, yy - 200, op[1])
                c.restoreState()
        c.showPage()
    c.save()


# ---------------- degradations
def scan(im, rng, gray=True):
    im = im.convert("L" if gray else "RGB")
    ang = rng.uniform(-2.2, 2.2)
    im = im.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=255 if gray else (255, 255, 255))
    im = im.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.2)))
    a = np.asarray(im).astype(np.float32)
    a = a * rng.uniform(0.85, 0.95) + rng.uniform(8, 25)
    nrs = np.random.default_rng(rng.randint(0, 2 ** 31))
    a += nrs.normal(0, rng.uniform(5, 12), a.shape)
    # speckles
    m = nrs.random(a.shape[:2]) < 0.0008
    a[m] = 30
    a = np.clip(a, 0, 255).astype(np.uint8)
    im = Image.fromarray(a)
    return im.resize((int(W * 0.8), int(H * 0.8)))


def _coeffs(src, dst):
    A = []
    B = []
    for (x, y), (X, Y) in zip(dst, src):
        A.append([x, y, 1, 0, 0, 0, -X * x, -X * y])
        A.append([0, 0, 0, x, y, 1, -Y * x, -Y * y])
        B += [X, Y]
    return np.linalg.solve(np.array(A, float), np.array(B, float)).tolist()


def photo(im, rng, out_w=1600, out_h=1200, portrait=None):
    portrait = im.height > im.width if portrait is None else portrait
    if portrait:
        out_w, out_h = 1200, 1600
    nrs = np.random.default_rng(rng.randint(0, 2 ** 31))
    base = rng.choice([(120, 85, 55), (70, 70, 75), (190, 180, 160), (40, 50, 60), (150, 120, 90)])
    bg = np.ones((out_h, out_w, 3), np.float32) * np.array(base, np.float32)
    bg += nrs.normal(0, 10, (out_h, out_w, 1))
    # wood-like stripes
    stripes = np.sin(np.linspace(0, rng.uniform(20, 60), out_h))[:, None, None] * rng.uniform(0, 12)
    bg += stripes
    bgim = Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8))
    sc = min(out_w / im.width, out_h / im.height) * rng.uniform(0.72, 0.85)
    w, h = im.width * sc, im.height * sc
    cx, cy = out_w / 2 + rng.uniform(-40, 40), out_h / 2 + rng.uniform(-40, 40)
    j = lambda: rng.uniform(-0.06, 0.06) * min(w, h)
    dst = [(cx - w / 2 + j(), cy - h / 2 + j()), (cx + w / 2 + j(), cy - h / 2 + j()),
           (cx + w / 2 + j(), cy + h / 2 + j()), (cx - w / 2 + j(), cy + h / 2 + j())]
    src = [(0, 0), (im.width, 0), (im.width, im.height), (0, im.height)]
    co = _coeffs(src, dst)
    warped = im.convert("RGB").transform((out_w, out_h), Image.PERSPECTIVE, co, Image.BICUBIC)
    mask = Image.new("L", im.size, 255).transform((out_w, out_h), Image.PERSPECTIVE, co, Image.BICUBIC)
    bgim.paste(warped, (0, 0), mask)
    a = np.asarray(bgim).astype(np.float32)
    # lighting gradient + shadow
    gx = np.linspace(rng.uniform(0.75, 1.0), rng.uniform(0.9, 1.1), out_w)[None, :, None]
    gy = np.linspace(rng.uniform(0.85, 1.05), rng.uniform(0.7, 1.0), out_h)[:, None, None]
    a *= gx * gy
    sx = int(out_w * rng.uniform(0.5, 0.85))
    shadow = np.ones((out_h, out_w, 1), np.float32)
    shadow[:, sx:] = rng.uniform(0.6, 0.8)
    sh = Image.fromarray((shadow[:, :, 0] * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(40))
    a *= (np.asarray(sh).astype(np.float32) / 255)[:, :, None]
    a *= np.array([1.0, rng.uniform(0.95, 1.0), rng.uniform(0.85, 0.97)])  # warm cast
    a += nrs.normal(0, 4, a.shape)
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
    return out


# ---------------- DOCX backend (from blocks)
def to_docx(blocks, path, style):
    d = docx.Document()
    sec = d.sections[0]
    sec.left_margin = sec.right_margin = Cm(2.2)
    fam = "DejaVu Serif" if style["font"].startswith("serif") else "Calibri"
    d.styles["Normal"].font.name = fam
    d.styles["Normal"].font.size = Pt(10.5)
    cp = d.core_properties
    cp.author = ""
    cp.last_modified_by = ""
    table = None
    for b in blocks:
        k = b[0]
        if k != "kv":
            table = None
        if k == "title":
            p = d.add_paragraph()
            r = p.add_run(b[1])
            r.bold = True
            r.font.size = Pt(16)
            if style["talign"] == "center":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif k in ("sub", "pb"):
            p = d.add_paragraph()
            r = p.add_run(b[1])
            r.bold = True
            if style["talign"] == "center" and k == "sub":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif k in ("p", "small", "center", "right"):
            p = d.add_paragraph(b[1])
            if k == "small":
                for r in p.runs:
                    r.font.size = Pt(8.5)
            if k == "center":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if k == "right":
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif k == "kv":
            if style["kv"] == "boxed":
                if table is None:
                    table = d.add_table(rows=0, cols=2)
                    table.style = "Table Grid"
                row = table.add_row().cells
                row[0].text = b[1]
                row[1].text = b[2] or ""
            else:
                p = d.add_paragraph()
                r = p.add_run(b[1] + ": ")
                r.bold = style["kv"] == "bold"
                p.add_run(b[2] if b[2] else "_" * 40)
        elif k == "check":
            d.add_paragraph(("\u2612 " if b[2] else "\u2610 ") + b[1])
        elif k == "table":
            rows = b[1]
            n = max(len(r) for r in rows)
            t = d.add_table(rows=0, cols=n)
            t.style = "Table Grid"
            for ri, row in enumerate(rows):
                cells = t.add_row().cells
                for i, c in enumerate(row):
                    cells[i].text = str(c)
                    if ri == 0 and (len(b) <= 2 or b[2]):
                        for r in cells[i].paragraphs[0].runs:
                            r.bold = True
            d.add_paragraph()
        elif k == "sig":
            d.add_paragraph("\n" + ("(signed) " + b[2] if b[2] else "") + "\n" + "_" * 30 + "\n" + b[1])
        elif k == "sigpair":
            t = d.add_table(rows=1, cols=2)
            for i, (lab, nm) in enumerate([b[1], b[2]]):
                t.rows[0].cells[i].text = ("(signed) " + nm if nm else "") + "\n" + "_" * 25 + "\n" + lab
        elif k in ("stamp", "seal"):
            p = d.add_paragraph("[" + " / ".join(b[1]) + "]")
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif k == "gap":
            pass
        elif k == "rule":
            d.add_paragraph("_" * 70)
        elif k == "pagebreak":
            d.add_page_break()
        elif k == "photo":
            d.add_paragraph("[" + b[3] + "]")
        elif k == "image":
            bio = io.BytesIO()
            b[1].convert("RGB").save(bio, "JPEG", quality=80)
            bio.seek(0)
            d.add_picture(bio, width=Cm(12))
    import datetime as _dt, zipfile
    cp.created = cp.modified = _dt.datetime(2026, 11, 20, 9, 0, 0)
    cp.revision = 1
    bio = io.BytesIO()
    d.save(bio)
    zin = zipfile.ZipFile(io.BytesIO(bio.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:  # fixed timestamps: byte-identical reruns
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 20, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, zin.read(info.filename))
