#!/usr/bin/env python3
"""Generates tests/vectors/unicode-text-metrics.json: non-ASCII reference vectors (Czech, German, Chinese, Greek, mixed
scripts, characters outside the BMP) for every text metric with a fast path (issue 26).

The reference packages (sacreBLEU, rouge-score, the SQuAD v1.1 script) are not installable on the build machine, so each
metric below is written out from the reference's documented behaviour and source semantics, in Python, whose str type
is what those packages operate on (code points, Unicode str.split / str.lower / re). The C# side is never consulted.
Run: python3 tests/vectors/unicode_text_metrics.py > tests/vectors/unicode-text-metrics.json
"""
import json
import math
import re
import string
from collections import Counter

# --- sacreBLEU chrF / chrF++ (sacrebleu/metrics/chrf.py, 2.x) -------------------------------------------------------
PUNCTS = set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~')


def chrf_words(sent):
    out = []
    for w in sent.split():
        if len(w) == 1:
            out.append(w)
        elif w[-1] in PUNCTS:
            out += [w[:-1], w[-1]]
        elif w[0] in PUNCTS:
            out += [w[0], w[1:]]
        else:
            out.append(w)
    return out


def char_ngrams(sent, order):
    sent = ''.join(sent.split())
    return [Counter(sent[i:i + n] for i in range(len(sent) - n + 1)) for n in range(1, order + 1)]


def word_ngrams(words, order):
    return [Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1)) for n in range(1, order + 1)]


def chrf(hyp, refs, char_order=6, word_order=0, beta=2, eps_smoothing=False):
    best = -1.0
    for ref in refs:
        stats = []
        hs, rs = char_ngrams(hyp, char_order), char_ngrams(ref, char_order)
        if word_order > 0:
            hs += word_ngrams(chrf_words(hyp), word_order)
            rs += word_ngrams(chrf_words(ref), word_order)
        for h, r in zip(hs, rs):
            stats += [sum(h.values()), sum(r.values()), sum((h & r).values())]
        order = char_order + word_order
        eps, factor = 1e-16, beta ** 2
        score, avg_p, avg_r, eff = 0.0, 0.0, 0.0, 0
        for i in range(order):
            nh, nr, nm = stats[3 * i:3 * i + 3]
            p = nm / nh if nh > 0 else eps
            rc = nm / nr if nr > 0 else eps
            d = factor * p + rc
            score += (1 + factor) * p * rc / d if d > 0 else eps
            if nh > 0 and nr > 0:
                avg_p += p
                avg_r += rc
                eff += 1
        if eps_smoothing:
            f = 100 * score / order
        elif eff == 0 or avg_p + avg_r == 0:
            f = 0.0
        else:
            avg_p /= eff
            avg_r /= eff
            f = 100 * (1 + factor) * avg_p * avg_r / (factor * avg_p + avg_r)
        best = max(best, f)
    return best


# --- sacreBLEU sentence BLEU, tokenizer 13a, exp smoothing, effective order (sacrebleu/metrics/bleu.py) ----------
RE_13A = [
    (re.compile(r'([\{-\~\[-\` -\&\(-\+\:-\@\/])'), r' \1 '),
    (re.compile(r'([^0-9])([\.,])'), r'\1 \2 '),
    (re.compile(r'([\.,])([^0-9])'), r' \1 \2'),
    (re.compile(r'([0-9])(-)'), r'\1 \2 '),
]


def tok_13a(line):
    line = line.replace('<skipped>', '').replace('-\n', '').replace('\n', ' ')
    if '&' in line:
        line = line.replace('&quot;', '"').replace('&amp;', '&').replace('&lt;', '<').replace('&gt;', '>')
    line = f' {line} '
    for rx, rep in RE_13A:
        line = rx.sub(rep, line)
    return ' '.join(line.split())


def sentence_bleu(hyp, refs):
    h = tok_13a(hyp).split()
    rs = [tok_13a(r).split() for r in refs]
    hyp_len = len(h)
    ref_len = min((abs(len(r) - hyp_len), len(r)) for r in rs)[1]
    correct, total = [0] * 4, [0] * 4
    for n in range(1, 5):
        hc = Counter(tuple(h[i:i + n]) for i in range(len(h) - n + 1))
        mx = Counter()
        for r in rs:
            rc = Counter(tuple(r[i:i + n]) for i in range(len(r) - n + 1))
            for g, c in rc.items():
                mx[g] = max(mx[g], c)
        total[n - 1] = sum(hc.values())
        correct[n - 1] = sum(min(c, mx[g]) for g, c in hc.items())
    if hyp_len == 0:
        return 0.0
    precisions, smooth, eff = [0.0] * 4, 1.0, 4
    for n in range(1, 5):
        if total[n - 1] == 0:
            break
        eff = n
        if correct[n - 1] == 0:
            smooth *= 2
            precisions[n - 1] = 100. / (smooth * total[n - 1])
        else:
            precisions[n - 1] = 100. * correct[n - 1] / total[n - 1]
    bp = 1.0 if hyp_len >= ref_len else math.exp(1 - ref_len / hyp_len)
    log = lambda p: -9999999999 if p == 0 else math.log(p)
    return bp * math.exp(sum(log(p) for p in precisions[:eff]) / eff)


# --- SQuAD v1.1 official evaluation script ------------------------------------------------------------------------
def squad_normalize(s):
    s = s.lower()
    s = ''.join(ch for ch in s if ch not in set(string.punctuation))
    s = re.sub(r'\b(a|an|the)\b', ' ', s)
    return ' '.join(s.split())


def squad_f1(pred, gold):
    p, g = squad_normalize(pred).split(), squad_normalize(gold).split()
    same = sum((Counter(p) & Counter(g)).values())
    if same == 0:
        return 0.0
    pr, rc = same / len(p), same / len(g)
    return 2 * pr * rc / (pr + rc)


# --- rouge-score (tokenize.py without stemming, rouge_scorer.py) ---------------------------------------------------
def rouge_tokens(text):
    text = re.sub(r'[^a-z0-9]+', ' ', text.lower())
    return [t for t in text.split() if re.match(r'^[a-z0-9]+$', t)]


def prf(match, p_total, t_total):
    p = match / p_total if p_total > 0 else 0.0
    r = match / t_total if t_total > 0 else 0.0
    f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return p, r, f


def rouge_n(target, prediction, n):
    t, p = rouge_tokens(target), rouge_tokens(prediction)
    tn = Counter(tuple(t[i:i + n]) for i in range(len(t) - n + 1))
    pn = Counter(tuple(p[i:i + n]) for i in range(len(p) - n + 1))
    return prf(sum((tn & pn).values()), sum(pn.values()), sum(tn.values()))


def rouge_l(target, prediction):
    t, p = rouge_tokens(target), rouge_tokens(prediction)
    table = [[0] * (len(p) + 1) for _ in range(len(t) + 1)]
    for i in range(1, len(t) + 1):
        for j in range(1, len(p) + 1):
            table[i][j] = table[i - 1][j - 1] + 1 if t[i - 1] == p[j - 1] else max(table[i - 1][j], table[i][j - 1])
    return prf(table[-1][-1], len(p), len(t))


PAIRS = [
    ("czech", "Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.",
     "Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře."),
    ("czech-2", "Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.",
     "Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli."),
    ("german", "Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich. Straße, Größe, ÄRGER!",
     "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich. Strasse, Grösse, Ärger."),
    ("chinese", "今天天气很好，我们去公园散步吧。", "今天的天气非常好，我们一起去公园散步。"),
    ("greek", "Η γρήγορη καφέ αλεπού πηδά πάνω από τον τεμπέλη σκύλο.", "Η γρήγορη αλεπού πήδηξε πάνω από το τεμπέλικο σκυλί."),
    ("mixed", "The café in Zürich serves 寿司 and pho (phở) — 5,5 € per plate, 10-20 seats; a the an.",
     "A cafe in Zurich sells sushi 寿司 and phở for 5.5 € a plate, 10 - 20 seats."),
    ("astral", "Emoji 😀😀 and math 𝔸𝔹 with Gothic 𐌰𐌱 letters 🎉!", "Emoji 😀 and math 𝔸𝔹𝔹 with Gothic 𐌰 letters 🎉."),
    ("whitespace", "Ni\u00a0ho\u3000fa\u2003ma\u2028ka\x1fzu\u200bxe", "ni ho fa\u00a0ma ka\x1czu xe"),
]

# Self-check against values sacreBLEU publishes in its own tests (test_chrf.py, sentence level, eps_smoothing, beta 2).
for hyp, ref, published in [
        (PAIRS[0][1], PAIRS[0][2], 39.14078509),
        ("Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.",
         "A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.", 31.22557079),
        (PAIRS[1][1], PAIRS[1][2], 57.15704367)]:
    assert abs(chrf(hyp, [ref], eps_smoothing=True) - published) < 1e-6, (hyp, published)

out = {
    "about": "Non-ASCII vectors (issue 26), from tests/vectors/unicode_text_metrics.py: the documented algorithms of sacreBLEU "
             "(chrF, chrF++, sentence BLEU 13a), the SQuAD v1.1 script and rouge-score (no stemming) written out in Python.",
    "cases": [],
}
for name, hyp, ref in PAIRS:
    out["cases"].append({
        "name": name, "hypothesis": hyp, "reference": ref,
        "chrf": chrf(hyp, [ref]),
        "chrf_beta3_eps": chrf(hyp, [ref], beta=3, eps_smoothing=True),
        "chrf_eps": chrf(hyp, [ref], eps_smoothing=True),
        "chrfpp": chrf(hyp, [ref], word_order=2),
        "sentence_bleu": sentence_bleu(hyp, [ref]),
        "squad_f1": squad_f1(hyp, ref),
        "squad_exact": squad_normalize(hyp) == squad_normalize(ref),
        "rouge1": rouge_n(ref, hyp, 1), "rouge2": rouge_n(ref, hyp, 2), "rougeL": rouge_l(ref, hyp),
    })
print(json.dumps(out, ensure_ascii=False, indent=1))
