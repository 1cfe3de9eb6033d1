#!/usr/bin/env python3
"""Sanity check of labels.json: every MRZ line has the right length, every check digit passes,
and the labelled fields agree with the MRZ. Independent of generate.py."""
import datetime as dt
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def cd(s):
    v = lambda c: int(c) if c.isdigit() else (ord(c) - 55 if c.isalpha() else 0)
    return str(sum(v(c) * (7, 3, 1)[i % 3] for i, c in enumerate(s)) % 10)


def date(s, future):
    y, m, d = int(s[:2]), int(s[2:4]), int(s[4:6])
    y += 2000 if (future or y <= 26) else 1900
    if not future and y > 2026:
        y -= 100
    return dt.date(y, m, d).isoformat()


def names(s):
    s = s.rstrip("<")
    sur, _, giv = s.partition("<<")
    return sur.replace("<", " "), " ".join(p for p in giv.split("<") if p)


def main():
    lab = json.load(open(os.path.join(HERE, "labels.json"), encoding="utf-8"))
    bad = 0
    for it in lab["images"]:
        m, f = it["mrz"], it["fields"]
        assert os.path.exists(os.path.join(HERE, it["file"])), it["file"]
        if not m:
            assert f is None
            continue
        L = len(m[0])
        if len(m) == 2 and L == 44:
            a, b = m
            ok = (cd(b[0:9]) == b[9] and cd(b[13:19]) == b[19] and cd(b[21:27]) == b[27]
                  and (cd(b[28:42]) == b[42] or (b[28:42] == "<" * 14 and b[42] in "<0"))
                  and cd(b[0:10] + b[13:20] + b[21:43]) == b[43])
            sur, giv = names(a[5:])
            got = dict(document_type=a[0:2].rstrip("<"), issuing_country=a[2:5].rstrip("<"), surname=sur,
                       given_names=giv, document_number=b[0:9].rstrip("<"), nationality=b[10:13].rstrip("<"),
                       birth_date=date(b[13:19], False), sex={"<": "X"}.get(b[20], b[20]), expiry_date=date(b[21:27], True))
            assert it["expect_kind"] == "passport" and a[0] == "P"
        elif len(m) == 3 and L == 30:
            a, b, c = m
            ok = (cd(a[5:14]) == a[14] and cd(b[0:6]) == b[6] and cd(b[8:14]) == b[14]
                  and cd(a[5:30] + b[0:7] + b[8:15] + b[18:29]) == b[29])
            sur, giv = names(c)
            got = dict(document_type=a[0:2].rstrip("<"), issuing_country=a[2:5].rstrip("<"), surname=sur,
                       given_names=giv, document_number=a[5:14].rstrip("<"), nationality=b[15:18].rstrip("<"),
                       birth_date=date(b[0:6], False), sex=b[7], expiry_date=date(b[8:14], True))
            assert it["expect_kind"] == "other"
        elif len(m) == 2 and L == 36:
            a, b = m
            ok = cd(b[0:9]) == b[9] and cd(b[13:19]) == b[19] and cd(b[21:27]) == b[27]
            sur, giv = names(a[5:])
            got = dict(document_type=a[0:2].rstrip("<"), issuing_country=a[2:5].rstrip("<"), surname=sur,
                       given_names=giv, document_number=b[0:9].rstrip("<"), nationality=b[10:13].rstrip("<"),
                       birth_date=date(b[13:19], False), sex=b[20], expiry_date=date(b[21:27], True))
            assert it["expect_kind"] == "other"
        else:
            raise AssertionError(it["file"])
        if not ok or got != f or any(len(x) != L for x in m):
            bad += 1
            print("MISMATCH", it["file"], got, f)
    print("checked", len(lab["images"]), "bad", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
