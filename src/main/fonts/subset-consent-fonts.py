# Subsets the Noto Sans fonts for the TRUTH Act consent form PDFs (consent.ConsentFormPdf); see README.md here.
# Usage: python3 subset-consent-fonts.py <folder with the npm fonts> <repo>/src/main/resources/truth-act/fonts
# Needs fontTools (Debian: python3-fonttools). The inputs are the npm packages @embedpdf/fonts-latin 1.0.0
# (NotoSans-Regular.ttf, NotoSans-Bold.ttf), @expo-google-fonts/noto-sans-tc 0.4.3 and -kr 0.4.3
# (NotoSansTC_400Regular.ttf, NotoSansKR_400Regular.ttf), all TrueType outlines, which PDFBox embeds.
import glob, os, sys
from fontTools import subset
from fontTools.ttLib import TTFont

def rng(a, b): return set(range(a, b + 1))

common = rng(0x20, 0x7E) | rng(0xA0, 0xFF) | rng(0x2000, 0x206F) | {0x20AC, 0x2116, 0x2122, 0x25A1, 0x2610, 0x2611}
latin = common | rng(0x100, 0x24F) | rng(0x300, 0x36F) | rng(0x1E00, 0x1EFF)

def codec_chars(codec, lead, trail):
    out = set()
    for a in lead:
        for b in trail:
            try:
                out.add(ord(bytes([a, b]).decode(codec)))
            except Exception:
                pass
    return out

# Big5 level 1 (frequently used characters, 0xA440-0xC67E) plus the Big5 symbols rows 0xA140-0xA3FE.
big5 = set()
for a in range(0xA1, 0xC7):
    for b in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
        code = (a << 8) | b
        if code > 0xC67E: continue
        try: big5.add(ord(bytes([a, b]).decode('big5')))
        except Exception: pass
# KS X 1001 Hangul syllables (rows 0xB0-0xC8) and symbols (rows 0xA1-0xAC).
ksx = codec_chars('euc_kr', list(range(0xA1, 0xAD)) + list(range(0xB0, 0xC9)), range(0xA1, 0xFF))
cjk_punct = rng(0x3000, 0x303F) | rng(0xFF00, 0xFFEF)

# Every character of the configured wording, whatever the tables above miss (rarer Hanzi such as 羈).
here = os.path.dirname(os.path.abspath(sys.argv[2]))
wording = set()
for f in glob.glob(os.path.join(here, 'consent-form_*.properties')):
    wording |= {ord(c) for c in open(f, encoding='utf-8').read() if ord(c) >= 0x20}

src = sys.argv[1]
jobs = {
    'NotoSans-Regular.ttf': ('NotoSans-Regular.ttf', latin),
    'NotoSans-Bold.ttf': ('NotoSans-Bold.ttf', latin),
    'NotoSansTC-Regular.ttf': ('NotoSansTC_400Regular.ttf', common | cjk_punct | big5 | wording),
    'NotoSansKR-Regular.ttf': ('NotoSansKR_400Regular.ttf', wording | common | cjk_punct | {c for c in ksx if 0xAC00 <= c <= 0xD7A3 or c < 0x3400} | rng(0x3130, 0x318F)),
}
outdir = sys.argv[2]
for name, (source, chars) in jobs.items():
    opts = subset.Options()
    opts.layout_features = []      # PDFBox does no shaping: no GSUB/GPOS needed
    opts.drop_tables += ['GSUB', 'GPOS', 'GDEF', 'BASE', 'STAT', 'vhea', 'vmtx']
    opts.name_IDs = ['*']          # keep copyright and licence records (OFL requires them)
    opts.hinting = False
    opts.notdef_outline = True
    font = TTFont(os.path.join(src, source))
    s = subset.Subsetter(opts)
    s.populate(unicodes=chars)
    s.subset(font)
    # PDFBox ignores (and warns about) the variation-sequence subtable; nothing here uses one.
    font['cmap'].tables = [t for t in font['cmap'].tables if t.format != 14]
    font.save(outdir + '/' + name)
    print(name, len(font.getBestCmap()))
