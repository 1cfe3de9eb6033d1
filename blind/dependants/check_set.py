"""Consistency checks for the set: labels match files, MRZ check digits, expected.json matches the mails."""
import email, json, os, sys
from email import policy
HERE = os.path.dirname(os.path.abspath(__file__))


def cd(s):
    t = 0
    for i, ch in enumerate(s):
        v = int(ch) if ch.isdigit() else 0 if ch == "<" else ord(ch) - 55
        t += v * (7, 3, 1)[i % 3]
    return str(t % 10)


def mrz_ok(l2):
    return (cd(l2[0:9]) == l2[9] and cd(l2[13:19]) == l2[19] and cd(l2[21:27]) == l2[27]
            and (l2[42] == "<" and l2[28:42] == "<" * 14 or cd(l2[28:42]) == l2[42])
            and cd(l2[0:10] + l2[13:20] + l2[21:43]) == l2[43])


assert mrz_ok("L898902C36UTO7408122F1204159ZE184226B<<<<<10")
L = json.load(open(os.path.join(HERE, "documents/labels.json")))
files = set(f for f in os.listdir(os.path.join(HERE, "documents")) if f != "labels.json")
assert files == set(L), (files ^ set(L))
E = json.load(open(os.path.join(HERE, "mails/expected.json")))
n = 0
for addr, fam in E.items():
    for m in fam["mails"]:
        msg = email.message_from_binary_file(open(os.path.join(HERE, "mails", m["file"]), "rb"), policy=policy.default)
        assert addr in msg["From"], (addr, msg["From"])
        names = [a.get_filename() for a in msg.iter_attachments()]
        assert sorted(names) == sorted(m["attachments"]), (names, m["attachments"])
        for a, lab in m["attachments"].items():
            if lab["kind"] == "passport":
                l1, l2 = lab["mrz"]
                assert len(l1) == 44 and len(l2) == 44 and mrz_ok(l2), lab
                n += 1
print(f"ok: {len(L)} documents, {sum(len(f['mails']) for f in E.values())} mails, {n} passports with valid MRZ")
