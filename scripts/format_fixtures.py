#!/usr/bin/env python3
"""Generate the PDF / DOCX / HTML reader fixtures in testsuite/tests/formats/.

Inputs are the two bundled plain-text documents in corpus/.  Every non-empty
source line (a line whose ``str.strip()`` is not empty) becomes one paragraph
in each output file, with its characters unchanged and in order; only the
layout changes.  The exceptions are documented in testsuite/tests/formats/README.md
(DOCX automatic list numbering for the Xiangshan measures, the Huizhou annex as
a real table).

Tools: headless Chromium (/usr/bin/chromium) with the Noto CJK fonts for the
PDFs and the screenshot behind scan.pdf (fontTools to turn the Noto CJK faces
into small TrueType subsets), python-docx (+ lxml) for the DOCX
files, Pillow for shrinking the screenshot, poppler's pdftotext for the checks.

    python3 -m venv .venv-fixtures
    .venv-fixtures/bin/pip install python-docx Pillow fonttools
    .venv-fixtures/bin/python scripts/format_fixtures.py

The script is re-runnable: outputs are overwritten, PDF creation dates are
pinned to the document date, ZIP (DOCX) member timestamps are fixed.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "testsuite" / "tests" / "formats"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# --------------------------------------------------------------------------
# document metadata (发文字号 and dates come from the texts; 索引号, 发布日期,
# 主题分类, site codes are invented but follow the usual formats)
# --------------------------------------------------------------------------

DOCS = {
    "xiangshan": dict(
        src=ROOT / "corpus" / "xiangshan_2021_ip_protection_plan.txt",
        office="相山区人民政府办公室",
        issuer="中共相山区委办公室 相山区人民政府办公室",
        title="中共相山区委办公室 相山区人民政府办公室印发《关于强化知识产权保护的实施方案》的通知",
        doc_no="相区办发〔2021〕40号",
        written="2021-10-12",
        published="2021-10-15 16:32",
        index_no="11340603003180342E/202110-00040",
        topic="科技、教育\\知识产权",
        title_lines={2, 15},  # 1-based source line numbers styled as titles
        pdf_date="D:20211012090000+08'00'",
        encoding="utf-8",
        site=dict(
            name="淮北市相山区人民政府",
            domain="www.xiangshan.gov.cn",
            code="3406030001",
            icp="皖ICP备05011926号-1",
            police="皖公网安备 34060302000127号",
            host="淮北市相山区人民政府办公室",
            address="淮北市相山区人民路96号",
            column="政策文件",
        ),
    ),
    "huizhou": dict(
        src=ROOT / "corpus" / "huizhou_2021_ip_protection_measures.txt",
        office="惠州市人民政府办公室",
        issuer="中共惠州市委办公室 惠州市人民政府办公室",
        title="中共惠州市委办公室 惠州市人民政府办公室关于印发《惠州市关于强化知识产权保护的若干措施》的通知",
        doc_no="惠市委办发〔2021〕11号",
        written="2021-11-22",
        published="2021-12-03 10:15",
        index_no="007214003/2021-00318",
        topic="市场监管、安全生产监管\\知识产权",
        title_lines={1, 22},
        pdf_date="D:20211122090000+08'00'",
        encoding="gb2312",
        site=dict(
            name="惠州市人民政府门户网站",
            domain="www.huizhou.gov.cn",
            code="4413000013",
            icp="粤ICP备05007358号",
            police="粤公网安备 44130202000128号",
            host="惠州市人民政府办公室",
            address="惠州市江北云山西路5号",
            column="市委办文件",
        ),
    ),
}

HEADING1 = re.compile(r"^[一二三四五六七八九十]+、")
HEADING2 = re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[）)]")
ARABIC_ITEM = re.compile(r"^(\d+)\.")


def read_lines(path: Path) -> list[tuple[int, str]]:
    """Non-empty lines as (1-based line number, raw text), text unchanged."""
    text = path.read_text(encoding="utf-8")
    return [(i, line) for i, line in enumerate(text.split("\n"), 1) if line.strip()]


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


# --------------------------------------------------------------------------
# Huizhou annex: reconstruct the 主要任务责任分工表 rows from the text
# --------------------------------------------------------------------------

ANNEX_END = "发表评论与建议"  # web-page boilerplate that follows the table in the source


def split_huizhou(lines):
    """Return (before, header_cells, rows, after) for the Huizhou document.

    header_cells: list of source lines (序号, 主要任务, 责任单位);
    rows: list of dicts number/task/measure/unit, each a list of source lines.
    A row starts with a line that is only digits.  Inside a row, the task-name
    column was narrow in the original PDF (at most 9 characters per visual
    line, the visual wraps show up as spaces), the measure column wide and
    ending with 。, the rest is the responsible units column.
    """
    texts = [t for _, t in lines]
    start = next(i for i, t in enumerate(texts) if squash(t) == "序号")
    end = next(i for i, t in enumerate(texts) if t.strip() == ANNEX_END)
    before, body, after = lines[:start], lines[start:end], lines[end:]
    header = [t for _, t in body[:3]]
    assert [squash(h) for h in header] == ["序号", "主要任务", "责任单位"], header
    rows, cur = [], None
    for _, t in body[3:]:
        if re.fullmatch(r"\s*\d+\s*", t):
            cur = dict(number=[t], rest=[])
            rows.append(cur)
        else:
            cur["rest"].append(t)
    for r in rows:
        rest = r.pop("rest")
        k = 0
        while k < len(rest) and "。" not in rest[k] and all(
            len(seg) <= 9 for seg in rest[k].split()
        ):
            k += 1
        last_measure = max(i for i, t in enumerate(rest) if "。" in t)
        r["task"], r["measure"], r["unit"] = rest[:k], rest[k : last_measure + 1], rest[last_measure + 1 :]
        assert r["task"] and r["measure"] and r["unit"], r
    return before, header, rows, after


# --------------------------------------------------------------------------
# PDF (Chromium print of a self-paginated HTML page)
# --------------------------------------------------------------------------

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
CU2QU_MAX_ERR = 4.0  # font units (1000/em): 0.06 px at 16 px, keeps the embedded fonts small
FONTS = [  # (CSS family, CSS weight, collection, face name)
    ("FixtureSerifSC", "normal", "NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
    ("FixtureSerifSC", "bold", "NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC"),
    ("FixtureSansSC", "normal", "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
]


def build_fonts(text: str, tmp: Path) -> list[tuple[str, str, Path]]:
    """Subset the Noto CJK SC faces to the characters used and convert the CFF
    outlines to TrueType (glyf) outlines.

    Chromium/Skia cannot subset CID-keyed CFF fonts and would embed every CJK
    glyph as a Type 3 font (~800 KB per document); with TrueType outlines Skia
    embeds a subsetted CIDFontType2 with a ToUnicode map, as in most PDFs
    produced from Word by government offices.  The font keeps its Noto name.
    """
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTCollection, newTable

    out = []
    chars = "".join(sorted(set(text) | set("—0123456789 \u00a0")))
    for family, weight, ttc, face in FONTS:
        coll = TTCollection(str(FONT_DIR / ttc))
        font = next(f for f in coll.fonts if f["name"].getDebugName(1) == face)
        opts = subset.Options()
        opts.name_IDs = ["*"]
        opts.notdef_outline = True
        opts.hinting = False
        opts.layout_features = ["*"]
        sub = subset.Subsetter(opts)
        sub.populate(text=chars)
        sub.subset(font)
        order = font.getGlyphOrder()
        gs = font.getGlyphSet()
        quad = {}
        for name in order:
            pen = TTGlyphPen(None)
            gs[name].draw(Cu2QuPen(pen, CU2QU_MAX_ERR, reverse_direction=True))
            quad[name] = pen.glyph()
        font["loca"] = newTable("loca")
        glyf = font["glyf"] = newTable("glyf")
        glyf.glyphOrder = order
        glyf.glyphs = quad
        for tag in ("CFF ", "VORG"):
            if tag in font:
                del font[tag]
        glyf.compile(font)
        hmtx = font["hmtx"]
        for name, g in quad.items():
            if hasattr(g, "xMin"):
                hmtx[name] = (hmtx[name][0], g.xMin)
        maxp = font["maxp"] = newTable("maxp")
        maxp.tableVersion = 0x00010000
        for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                     "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                     "maxComponentElements"):
            setattr(maxp, attr, 0)
        maxp.maxZones = 1
        maxp.compile(font)
        post = font["post"]
        post.formatType = 3.0
        font.sfntVersion = "\x00\x01\x00\x00"
        font.recalcTimestamp = False  # keep head.modified from the Noto font: reproducible bytes
        path = tmp / f"{family}-{weight}.ttf"
        font.save(str(path), reorderTables=True)
        font.close()
        out.append((family, weight, path))
    return out


def font_face_css(fonts) -> str:
    return "".join(
        f'@font-face {{ font-family: "{fam}"; font-weight: {w}; src: url("{p.as_uri()}") format("truetype"); font-display: block; }}\n'
        for fam, w, p in fonts
    )


PX_PER_MM = 96 / 25.4
PAGE_H_MM = 296  # a hair under 297 so Chromium never spills an empty page
BODY_TOP_MM, BODY_BOTTOM_MM = 34, 30  # reserved for running header / footer
TEXT_W_MM = 210 - 2 * 26
BODY_PX = 16
LINE_H = 1.75


def char_em(c: str) -> float:
    if c in " \u00a0":
        return 0.35
    if ord(c) < 0x2000:
        return 0.62
    return 1.0


def est_lines(text: str, cls: str) -> int:
    size = 22 if cls == "title" else BODY_PX
    per_line = (TEXT_W_MM * PX_PER_MM) / size - 1.5  # slack for line-breaking rules
    width = sum(char_em(c) for c in text) + (0 if cls == "title" else 2)
    n = max(1, math.ceil(width / per_line))
    # title lines are taller; express in body-line units
    return math.ceil(n * size / BODY_PX) + (1 if cls == "title" else 0)


def para_class(lineno: int, text: str, meta) -> str:
    s = text.strip()
    if lineno in meta["title_lines"]:
        return "title"
    if HEADING1.match(s) and len(s) < 30:
        return "h1"
    if HEADING2.match(s) and len(s) < 30:
        return "h2"
    return ""


PDF_CSS = f"""
@page {{ size: A4; margin: 0; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: "FixtureSerifSC", "Noto Serif CJK SC", serif; font-size: {BODY_PX}px; color: #000; }}
.page {{ box-sizing: border-box; position: relative; width: 210mm; height: {PAGE_H_MM}mm;
        overflow: visible; page-break-after: always; break-after: page; }}
.page:last-child {{ page-break-after: auto; break-after: auto; }}
.running-head {{ position: absolute; top: 14mm; left: 26mm; right: 26mm; text-align: center;
        font-size: 14px; letter-spacing: 0.2em; color: #c00000;
        border-bottom: 1.5px solid #c00000; padding-bottom: 2mm; }}
.body {{ position: absolute; top: {BODY_TOP_MM}mm; left: 26mm; right: 26mm;
        bottom: {BODY_BOTTOM_MM}mm; }}
.folio {{ position: absolute; bottom: 14mm; left: 0; right: 0; text-align: center; font-size: 15px; }}
.folio span {{ padding: 0 1.5em; }}
p {{ margin: 0; line-height: {LINE_H}; text-indent: 2em; white-space: pre-wrap; text-align: justify; }}
p.title {{ font-size: 22px; font-weight: bold; text-indent: 0; text-align: center; margin: 0.4em 0; }}
p.h1 {{ font-family: "FixtureSansSC", "Noto Sans CJK SC", sans-serif; }}
p.h2 {{ font-weight: bold; }}
"""


def paginate(lines, meta, budget: int):
    pages, cur, used = [], [], 0
    for lineno, text in lines:
        cls = para_class(lineno, text, meta)
        n = est_lines(text, cls)
        if cur and used + n > budget:
            pages.append(cur)
            cur, used = [], 0
        if n > budget:
            raise SystemExit(f"paragraph at line {lineno} is longer than a page ({n} lines)")
        cur.append((lineno, text, cls))
        used += n
    if cur:
        pages.append(cur)
    return pages


def pdf_html(pages, meta, doc_title: str, fonts) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{html.escape(doc_title)}</title>",
        f"<style>{font_face_css(fonts)}{PDF_CSS}</style></head><body>",
    ]
    for n, page in enumerate(pages, 1):
        out.append('<div class="page">')
        out.append(f'<div class="running-head">{html.escape(meta["office"])}</div>')
        out.append('<div class="body">')
        for _, text, cls in page:
            c = f' class="{cls}"' if cls else ""
            out.append(f"<p{c}>{html.escape(text, quote=False)}</p>")
        out.append("</div>")
        out.append(f'<div class="folio">—<span>{n}</span>—</div>')
        out.append("</div>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def chromium(args, cwd: Path):
    prof = cwd / "chromium-profile"
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--hide-scrollbars",
        "--font-render-hinting=none",
        f"--user-data-dir={prof}",
        *args,
    ]
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=180)
    if r.returncode != 0:
        sys.stderr.write(r.stderr)
        raise SystemExit(f"chromium failed: {' '.join(cmd)}")


def print_pdf(html_path: Path, pdf_path: Path, tmp: Path, pin_date: str):
    chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", html_path.as_uri()], tmp)
    pin_pdf_dates(pdf_path, pin_date)


def pin_pdf_dates(pdf_path: Path, pin_date: str):
    """Replace Skia's /CreationDate and /ModDate with a fixed same-length value
    (keeps the xref offsets valid) so reruns give identical bytes."""
    data = pdf_path.read_bytes()

    def repl(m):
        old = m.group(2)
        new = pin_date.encode()
        if len(new) != len(old):
            raise SystemExit(f"unexpected PDF date format {old!r}")
        return m.group(1) + new + b")"

    data, n = re.subn(rb"(/(?:CreationDate|ModDate) \()(D:[^)]*)\)", repl, data)
    pdf_path.write_bytes(data)


def pdftotext(pdf: Path, layout: bool) -> str:
    if not shutil.which("pdftotext"):
        return None
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def check_pdf(pdf: Path, pages, lines, meta) -> str:
    text = pdftotext(pdf, layout=True)
    if text is None:
        return "pdftotext not found: PDF checks skipped"
    page_texts = text.split("\f")
    if page_texts and not page_texts[-1].strip():
        page_texts.pop()
    if len(page_texts) != len(pages):
        raise SystemExit(f"{pdf.name}: {len(page_texts)} PDF pages for {len(pages)} page divs (overflow?)")
    body = []
    for n, (pt, page) in enumerate(zip(page_texts, pages), 1):
        ls = [squash(l) for l in pt.split("\n") if l.strip()]
        folio = f"—{n}—"
        head = squash(meta["office"])
        body_heads = sum(1 for _, t, _ in page if squash(t) == head)
        if ls[0] != head or ls[-1] != folio:
            raise SystemExit(f"{pdf.name} page {n}: first/last line {ls[0]!r}/{ls[-1]!r}")
        if ls.count(head) != 1 + body_heads or sum(1 for l in ls if re.fullmatch(r"—\d+—", l)) != 1:
            raise SystemExit(f"{pdf.name} page {n}: header/footer count wrong")
        body.append("".join(ls[1:-1]))
    # reading order, whole document (non-layout mode), whitespace ignored
    raw = pdftotext(pdf, layout=False).split("\f")
    got = []
    for n, pt in enumerate(raw[: len(pages)], 1):
        ls = [squash(l) for l in pt.split("\n") if l.strip()]
        rest = "".join(ls[1:])
        if ls[0] != squash(meta["office"]) or not rest.endswith(f"—{n}—"):
            raise SystemExit(f"{pdf.name} page {n} (raw mode): header/footer not first/last")
        got.append(rest[: -len(f"—{n}—")])
    want = "".join(squash(t) for _, t in lines)
    if "".join(got) != want:
        g = "".join(got)
        i = next((k for k in range(min(len(g), len(want))) if g[k] != want[k]), min(len(g), len(want)))
        raise SystemExit(f"{pdf.name}: extracted text differs at {i}: {g[i-20:i+20]!r} vs {want[i-20:i+20]!r}")
    return f"pdftotext: {len(pages)} pages, one header + one footer each, all {len(want)} non-space characters in order"


def make_pdf(stem, meta, lines, tmp: Path, fonts):
    doc_title = meta["title"]
    pdf_path = OUT / f"{stem}.pdf"
    budget = 25  # body lines per page; the body box holds ~27 at 16px x 1.75
    pages = paginate(lines, meta, budget)
    src = tmp / f"{stem}-print.html"
    src.write_text(pdf_html(pages, meta, doc_title, fonts), encoding="utf-8")
    print_pdf(src, pdf_path, tmp, meta["pdf_date"])
    return check_pdf(pdf_path, pages, lines, meta)


# --------------------------------------------------------------------------
# DOCX (python-docx)
# --------------------------------------------------------------------------


def make_docx(stem, meta, lines) -> str:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    sec = doc.sections[0]
    # GB/T 9704 公文 page: A4, 37/35/28/26 mm margins
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)

    def set_fonts(target, east_asia, ascii_="Times New Roman"):
        rpr = target.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = OxmlElement("w:rFonts")
            rpr.insert(0, rfonts)
        for a in ("w:ascii", "w:hAnsi", "w:cs"):
            rfonts.set(qn(a), ascii_)
        rfonts.set(qn("w:eastAsia"), east_asia)

    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)  # 三号
    set_fonts(normal.element, "仿宋_GB2312")
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = Pt(28)

    def add_par(text, cls=""):
        p = doc.add_paragraph()
        r = p.add_run(text)
        if cls == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r.font.size = Pt(22)
            set_fonts(r._r, "方正小标宋简体")
        elif cls != "item":
            p.paragraph_format.first_line_indent = Pt(32)
            if cls == "h1":
                set_fonts(r._r, "黑体")
            elif cls == "h2":
                set_fonts(r._r, "楷体_GB2312")
        return p

    summary = []
    if stem == "xiangshan":
        numbering = doc.part.numbering_part.element
        abs_id = 10
        absn = OxmlElement("w:abstractNum")
        absn.set(qn("w:abstractNumId"), str(abs_id))
        mlt = OxmlElement("w:multiLevelType")
        mlt.set(qn("w:val"), "singleLevel")
        absn.append(mlt)
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        for tag, val in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:suff", "nothing"),
                         ("w:lvlText", "%1."), ("w:lvlJc", "left")):
            e = OxmlElement(tag)
            e.set(qn("w:val"), val)
            lvl.append(e)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), "0")
        ind.set(qn("w:firstLine"), "640")
        ppr.append(ind)
        lvl.append(ppr)
        absn.append(lvl)
        # schema order: all w:abstractNum before all w:num
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(absn)
        else:
            numbering.append(absn)
        existing = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
        next_num = [max(existing + [0]) + 1]

        def new_num(start: int) -> int:
            num_id = next_num[0]
            next_num[0] += 1
            num = OxmlElement("w:num")
            num.set(qn("w:numId"), str(num_id))
            a = OxmlElement("w:abstractNumId")
            a.set(qn("w:val"), str(abs_id))
            num.append(a)
            ov = OxmlElement("w:lvlOverride")
            ov.set(qn("w:ilvl"), "0")
            so = OxmlElement("w:startOverride")
            so.set(qn("w:val"), str(start))
            ov.append(so)
            num.append(ov)
            numbering.append(num)
            return num_id

        cur_num, groups = None, []
        for lineno, text in lines:
            m = ARABIC_ITEM.match(text)
            if HEADING2.match(text.strip()) and len(text.strip()) < 30:
                cur_num = None  # a new （一）… group: the next item opens a new w:num
            if m:
                if cur_num is None:
                    cur_num = new_num(int(m.group(1)))
                    groups.append([cur_num, int(m.group(1)), 0])
                groups[-1][2] += 1
                p = add_par(text[m.end():], "item")  # indent comes from the numbering level
                numpr = p._p.get_or_add_pPr().get_or_add_numPr()
                numpr.get_or_add_ilvl().val = 0
                numpr.get_or_add_numId().val = cur_num
            else:
                add_par(text, para_class(lineno, text, meta))
        summary.append(
            "Word list numbering (abstractNum %d, lvlText '%%1.', suff nothing) for items %s"
            % (abs_id, ", ".join(f"{s}-{s + c - 1} (numId {n}, startOverride {s})" for n, s, c in groups))
        )
    else:
        before, header, rows, after = split_huizhou(lines)
        for lineno, text in before:
            add_par(text, para_class(lineno, text, meta))
        table = doc.add_table(rows=1 + len(rows), cols=4)
        table.style = doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = [Mm(14), Mm(36), Mm(72), Mm(34)]

        def fill(cell, texts):
            for extra in cell.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
            for r in list(cell.paragraphs[0]._p.r_lst):
                cell.paragraphs[0]._p.remove(r)
            for k, t in enumerate(texts):
                p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                r = p.add_run(t)
                r.font.size = Pt(12)
                p.paragraph_format.line_spacing = Pt(20)

        hdr = table.rows[0].cells
        merged = hdr[1].merge(hdr[2])  # 主要任务 spans the task and measure columns
        fill(hdr[0], [header[0]])
        fill(merged, [header[1]])
        fill(hdr[3], [header[2]])
        for k, r in enumerate(rows, 1):
            cells = table.rows[k].cells
            for c, key in zip(cells, ("number", "task", "measure", "unit")):
                fill(c, r[key])
        for col, w in zip(table.columns, widths):
            col.width = w  # w:gridCol
        for row in table.rows[1:]:
            for c, w in zip(row.cells, widths):
                c.width = w  # w:tcW
        hdr[0].width, merged.width, hdr[3].width = widths[0], widths[1] + widths[2], widths[3]
        # mark the header row as a repeating table header
        trpr = table.rows[0]._tr.get_or_add_trPr()
        th = OxmlElement("w:tblHeader")
        trpr.append(th)
        # keep the trailing lines after the table
        for lineno, text in after:
            add_par(text, para_class(lineno, text, meta))
        summary.append(
            f"annex as w:tbl: header row (序号 | 主要任务 gridSpan=2 | 责任单位) + {len(rows)} rows "
            f"(序号 {', '.join(squash(r['number'][0]) for r in rows)}; the source repeats rows 6-8), "
            "one cell paragraph per source line"
        )

    cp = doc.core_properties
    cp.title = meta["title"]
    cp.author = meta["office"]
    cp.last_modified_by = meta["office"]
    cp.comments = ""
    cp.revision = 1
    stamp = dt.datetime.fromisoformat(meta["written"] + "T09:00:00")
    cp.created = stamp
    cp.modified = stamp
    cp.last_printed = stamp

    buf = io.BytesIO()
    doc.save(buf)
    path = OUT / f"{stem}.docx"
    path.write_bytes(normalise_zip(buf.getvalue()))
    summary.append(check_docx(path, lines))
    return "; ".join(summary)


THUMBNAIL = "docProps/thumbnail.jpeg"  # python-docx's template thumbnail (of another document)


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a ZIP with fixed member timestamps (deterministic output) and
    without the template's thumbnail picture."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == THUMBNAIL:
                continue
            blob = src.read(info.filename)
            if info.filename == "_rels/.rels":
                blob = re.sub(rb'<Relationship [^>]*Target="/?docProps/thumbnail\.jpeg"[^>]*/>', b"", blob)
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, blob)
    return out.getvalue()


def check_docx(path: Path, lines) -> str:
    """Re-read the DOCX in body order, regenerating list numbers; compare to the source."""
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(path))
    numbering = doc.part.numbering_part.element
    starts = {}
    for num in numbering.findall(qn("w:num")):
        so = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        starts[num.get(qn("w:numId"))] = int(so.get(qn("w:val"))) if so is not None else 1
    counters = {}
    got = []

    def par_text(p):
        return "".join(t.text or "" for t in p.iter(qn("w:t")))

    for el in doc.element.body:
        if el.tag == qn("w:p"):
            num_id = el.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
            prefix = ""
            if num_id is not None:
                k = num_id.get(qn("w:val"))
                counters[k] = counters.get(k, starts[k] - 1) + 1
                prefix = f"{counters[k]}."
            got.append(prefix + par_text(el))
        elif el.tag == qn("w:tbl"):
            for tc in el.iter(qn("w:tc")):
                got.extend(par_text(p) for p in tc.findall(qn("w:p")))
    want = [t for _, t in lines]
    if got != want:
        for g, w in zip(got, want):
            if g != w:
                raise SystemExit(f"{path.name}: {g!r} != {w!r}")
        raise SystemExit(f"{path.name}: {len(got)} paragraphs for {len(want)} lines")
    return f"check: {len(want)} paragraphs/cell paragraphs equal the source lines"


# --------------------------------------------------------------------------
# HTML (government website article page)
# --------------------------------------------------------------------------


def esc(text: str) -> str:
    return html.escape(text, quote=False).replace("\u00a0", "&nbsp;")


def site_head(meta, title, column, pubdate, charset, article=True) -> str:
    s = meta["site"]
    # utf-8 pages use the HTML5 form, the gb2312 page the classic http-equiv form
    if charset == "utf-8":
        first = '<meta charset="utf-8" />'
    else:
        first = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />'
    metas = [
        first,
        '<meta http-equiv="X-UA-Compatible" content="IE=edge" />',
        f'<meta name="SiteName" content="{s["name"]}" />',
        f'<meta name="SiteDomain" content="{s["domain"]}" />',
        f'<meta name="SiteIDCode" content="{s["code"]}" />',
        f'<meta name="ColumnName" content="{column}" />',
        '<meta name="ColumnType" content="政策文件" />',
    ]
    if article:
        metas += [
            f'<meta name="ArticleTitle" content="{html.escape(title)}" />',
            f'<meta name="PubDate" content="{pubdate}" />',
            f'<meta name="ContentSource" content="{meta["office"]}" />',
            '<meta name="Keywords" content="知识产权,保护,政策文件" />',
            f'<meta name="Author" content="{meta["office"]}" />',
        ]
    return "\n".join(metas)


NAV = ["首页", "走进{short}", "政务公开", "政务服务", "互动交流", "数据开放", "专题专栏"]


def site_top(meta, short: str) -> str:
    s = meta["site"]
    hrefs = ["index", "zj", "zwgk", "zwfw", "hdjl", "sjkf", "ztzl"]
    on = ' class="on"'
    items = "\n".join(
        f'        <li{on if n == "政务公开" else ""}><a href="/{h}/" target="_blank">{n.format(short=short)}</a></li>'
        for h, n in zip(hrefs, NAV)
    )
    return f"""<div class="topbar">
  <div class="w1200">
    <span class="fl">欢迎访问{s["name"]}！</span>
    <span class="fr"><a href="javascript:void(0);" id="jian">简体</a> | <a href="javascript:void(0);" id="fan">繁體</a> | <a href="/wza/">无障碍</a> | <a href="/m/">手机版</a></span>
  </div>
</div>
<div class="header">
  <div class="w1200">
    <a class="logo" href="/"><img src="/images/logo.png" alt="{s["name"]}" /></a>
    <div class="search"><form action="/search/" method="get" target="_blank"><input type="text" name="q" placeholder="请输入关键字" /><button type="submit">搜索</button></form></div>
  </div>
</div>
<div class="nav">
  <div class="w1200">
    <ul>
{items}
    </ul>
  </div>
</div>"""


def site_footer(meta) -> str:
    s = meta["site"]
    return f"""<div class="footer">
  <div class="w1200">
    <div class="footer-links"><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/sybz/">使用帮助</a> | <a href="/flsm/">法律声明</a></div>
    <p>主办单位：{s["host"]}&nbsp;&nbsp;&nbsp;&nbsp;地址：{s["address"]}</p>
    <p>网站标识码：{s["code"]}&nbsp;&nbsp;&nbsp;&nbsp;<a href="https://beian.miit.gov.cn/" target="_blank">{s["icp"]}</a>&nbsp;&nbsp;&nbsp;&nbsp;<a href="http://www.beian.gov.cn/portal/registerSystemInfo" target="_blank"><img src="/images/ga.png" alt="" />{s["police"]}</a></p>
    <div class="jiucuo"><script id="_jiucuo_" sitecode="{s["code"]}" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script></div>
  </div>
</div>"""


SITE_CSS = """<style type="text/css">
body{margin:0;font:14px/1.8 "Microsoft YaHei","微软雅黑",SimSun,sans-serif;background:#f3f3f3;color:#333}
a{color:#333;text-decoration:none}.w1200{width:1200px;margin:0 auto;overflow:hidden}
.fl{float:left}.fr{float:right}.topbar{background:#eee;height:32px;line-height:32px;font-size:12px}
.header{height:120px;background:#fff}.nav{background:#1660b0}.nav ul{margin:0;padding:0;list-style:none}
.nav li{float:left;width:171px;text-align:center;height:48px;line-height:48px;font-size:18px}
.nav li a{color:#fff;display:block}.nav li.on{background:#0b4a8f}
.position{height:40px;line-height:40px;font-size:14px}.main{background:#fff;padding:30px 50px}
.xxgk-table{width:100%;border-collapse:collapse;margin-bottom:30px;background:#f9f9f9}
.xxgk-table td{border:1px solid #ddd;padding:6px 10px;font-size:14px}.xxgk-table td.t{width:90px;font-weight:bold}
.article-title{font-size:26px;color:#0b4a8f;text-align:center;line-height:1.5;margin:10px 0 20px}
.article-info{text-align:center;color:#888;border-bottom:1px dashed #ccc;padding-bottom:12px;font-size:13px}
.TRS_Editor p,#zoom p{font-size:16px;line-height:2;margin:0 0 10px;text-indent:2em}
.share{margin-top:30px;color:#666}.share a{margin-right:10px}.print-bar{text-align:right;margin-top:10px}
.footer{background:#1660b0;color:#fff;text-align:center;padding:20px 0;font-size:13px}.footer a{color:#fff}
</style>"""


def info_table(meta, title) -> str:
    return f"""<table class="xxgk-table" cellspacing="0" cellpadding="0">
  <tbody>
    <tr><td class="t">索引号：</td><td>{meta["index_no"]}</td><td class="t">主题分类：</td><td>{esc(meta["topic"])}</td></tr>
    <tr><td class="t">发文机关：</td><td>{meta["issuer"]}</td><td class="t">成文日期：</td><td>{meta["written"]}</td></tr>
    <tr><td class="t">标&nbsp;&nbsp;&nbsp;&nbsp;题：</td><td colspan="3">{html.escape(title, quote=False)}</td></tr>
    <tr><td class="t">发文字号：</td><td>{meta["doc_no"]}</td><td class="t">发布日期：</td><td>{meta["published"][:10]}</td></tr>
  </tbody>
</table>"""


SHARE_AND_PRINT = """<div class="share bdsharebuttonbox">
  分享到：<a href="#" class="bds_weixin" data-cmd="weixin" title="分享到微信">微信</a><a href="#" class="bds_tsina" data-cmd="tsina" title="分享到新浪微博">微博</a><a href="#" class="bds_qzone" data-cmd="qzone" title="分享到QQ空间">QQ空间</a>
</div>
<div class="print-bar">【<a href="javascript:window.print();">打印本页</a>】&nbsp;&nbsp;【<a href="javascript:window.close();">关闭窗口</a>】</div>"""


def page_scripts(title: str, code: str) -> str:
    t = title.replace("\\", "\\\\").replace('"', '\\"')
    return f"""<script type="text/javascript">
  // 字号切换 / share config
  var shareTitle = "{t}";
  function doZoom(size) {{
    var zoom = document.getElementById("zoom") || document.querySelector(".TRS_Editor");
    if (zoom) {{ zoom.style.fontSize = size + "px"; }}
  }}
  window._bd_share_config = {{ "common": {{ "bdText": shareTitle, "bdMini": "2", "bdStyle": "0" }}, "share": {{}} }};
  if (window.navigator.userAgent.indexOf("MSIE") > -1) {{
    document.write('<p class="ie-tip">为获得更好的浏览效果，请使用IE9以上版本浏览器。</p>');
  }}
</script>
<script type="text/javascript">
  var _hmt = _hmt || [];
  (function() {{
    var hm = document.createElement("script");
    hm.src = "https://hm.baidu.com/hm.js?{code}a7c3e5f1b9d2046e8f3a";
    var s = document.getElementsByTagName("script")[0];
    s.parentNode.insertBefore(hm, s);
  }})();
</script>"""


def article_paragraph(lineno, text, meta) -> str:
    cls = para_class(lineno, text, meta)
    if cls == "title":
        return f'<p style="text-align: center; text-indent: 0;"><strong>{esc(text)}</strong></p>'
    if cls == "h1":
        return f'<p style="text-indent: 2em;"><span style="font-family: 黑体, SimHei;">{esc(text)}</span></p>'
    if cls == "h2":
        return f'<p style="text-indent: 2em;"><span style="font-family: 楷体, KaiTi;">{esc(text)}</span></p>'
    return f'<p style="text-indent: 2em;">{esc(text)}</p>'


def annex_table_html(header, rows) -> str:
    def cell(texts, attrs=""):
        ps = "".join(f'<p style="text-indent: 0; text-align: left;">{esc(t)}</p>' for t in texts)
        return f'<td valign="middle"{attrs}>{ps}</td>'

    out = ['<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse: collapse;">', "<tbody>"]
    out.append(
        '<tr style="font-weight: bold;">'
        + cell([header[0]], ' width="8%"')
        + cell([header[1]], ' colspan="2"')
        + cell([header[2]], ' width="22%"')
        + "</tr>"
    )
    for r in rows:
        out.append(
            "<tr>"
            + cell(r["number"], ' width="8%"')
            + cell(r["task"], ' width="20%"')
            + cell(r["measure"])
            + cell(r["unit"], ' width="22%"')
            + "</tr>"
        )
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def make_html(stem, meta, lines) -> str:
    s = meta["site"]
    short = "相山" if stem == "xiangshan" else "惠州"
    title = meta["title"]
    if stem == "huizhou":
        before, header, rows, after = split_huizhou(lines)
        body = [article_paragraph(n, t, meta) for n, t in before]
        body.append(annex_table_html(header, rows))
        body += [article_paragraph(n, t, meta) for n, t in after]
        open_div, close_div = '<div class="article-content" id="zoom">', "</div><!-- /zoom -->"
    else:
        body = [article_paragraph(n, t, meta) for n, t in lines]
        open_div, close_div = '<div class="TRS_Editor">', "</div><!-- /TRS_Editor -->"
    charset = meta["encoding"]
    if charset == "utf-8":
        doctype = '<!DOCTYPE html>\n<html lang="zh-CN">'
    else:
        doctype = (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml">'
        )
    doc = f"""{doctype}
<head>
{site_head(meta, title, s["column"], meta["published"], charset)}
<title>{html.escape(title, quote=False)}_{s["column"]}_{s["name"]}</title>
<link rel="stylesheet" type="text/css" href="/css/common.css" />
<script type="text/javascript" src="/js/jquery-1.11.3.min.js"></script>
{SITE_CSS}
</head>
<body>
{site_top(meta, short)}
<div class="w1200">
  <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zcwj/">政策文件</a></div>
  <div class="main">
{info_table(meta, title)}
    <h1 class="article-title">{html.escape(title, quote=False)}</h1>
    <div class="article-info">发布时间：{meta["published"]}&nbsp;&nbsp;&nbsp;&nbsp;来源：{meta["office"]}&nbsp;&nbsp;&nbsp;&nbsp;浏览次数：<span id="views">1286</span>&nbsp;&nbsp;&nbsp;&nbsp;字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></div>
    <div class="article-body">
{open_div}
{chr(10).join(body)}
{close_div}
    </div>
{SHARE_AND_PRINT}
  </div>
</div>
{site_footer(meta)}
{page_scripts(title, s["code"])}
</body>
</html>
"""
    data = doc.encode(charset, errors="xmlcharrefreplace")
    path = OUT / f"{stem}.html"
    path.write_bytes(data)
    return check_html(path, charset, lines, "TRS_Editor" if stem == "xiangshan" else "zoom")


def check_html(path: Path, charset: str, lines, container: str) -> str:
    from html.parser import HTMLParser

    class P(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.depth = 0  # div depth inside the article container
            self.in_p = False
            self.paras = []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "div":
                if self.depth:
                    self.depth += 1
                elif a.get("id") == container or container in (a.get("class") or "").split():
                    self.depth = 1
            elif tag == "p" and self.depth:
                self.in_p = True
                self.paras.append("")

        def handle_endtag(self, tag):
            if tag == "div" and self.depth:
                self.depth -= 1
            elif tag == "p":
                self.in_p = False

        def handle_data(self, data):
            if self.in_p and self.depth:
                self.paras[-1] += data

    p = P()
    p.feed(path.read_bytes().decode("gbk" if charset == "gb2312" else charset))
    want = [t for _, t in lines]
    if p.paras != want:
        for g, w in zip(p.paras, want):
            if g != w:
                raise SystemExit(f"{path.name}: {g!r} != {w!r}")
        raise SystemExit(f"{path.name}: {len(p.paras)} <p> for {len(want)} lines")
    return f"check: {len(want)} <p> in the article equal the source lines ({charset})"


def make_empty_page() -> str:
    meta = DOCS["xiangshan"]
    s = meta["site"]
    doc = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{site_head(meta, "", s["column"], "", "utf-8", article=False)}
<title>{s["column"]}_{s["name"]}</title>
<link rel="stylesheet" type="text/css" href="/css/common.css" />
<script type="text/javascript" src="/js/jquery-1.11.3.min.js"></script>
{SITE_CSS}
</head>
<body>
{site_top(meta, "相山")}
<div class="w1200">
  <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zcwj/">政策文件</a></div>
  <div class="main">
    <h1 class="article-title"></h1>
    <div class="article-info">发布时间：&nbsp;&nbsp;&nbsp;&nbsp;来源：</div>
    <div class="article-body">
<div class="TRS_Editor"></div>
    </div>
{SHARE_AND_PRINT}
  </div>
</div>
{site_footer(meta)}
{page_scripts("", s["code"])}
</body>
</html>
"""
    (OUT / "empty_page.html").write_text(doc, encoding="utf-8")
    return "government page, empty <div class=\"TRS_Editor\"></div>"


# --------------------------------------------------------------------------
# error fixtures
# --------------------------------------------------------------------------


def make_scan(tmp: Path) -> str:
    from PIL import Image

    lines = [t for _, t in read_lines(DOCS["xiangshan"]["src"])][:6]
    page = tmp / "scan-source.html"
    cls = ' class="c"'
    page.write_text(
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>'
        'html,body{margin:0;background:#fff}body{padding:40px 60px;font:22px/1.8 "Noto Serif CJK SC";color:#111}'
        "p{margin:0;text-indent:2em}p.c{text-align:center;text-indent:0;font-weight:bold}</style></head><body>"
        + "".join(f'<p{cls if i == 1 else ""}>{html.escape(t.strip())}</p>' for i, t in enumerate(lines))
        + "</body></html>",
        encoding="utf-8",
    )
    shot = tmp / "scan.png"
    chromium(["--window-size=900,700", f"--screenshot={shot}", page.as_uri()], tmp)
    img = Image.open(shot).convert("L").quantize(colors=16)
    small = tmp / "scan-small.png"
    img.save(small, optimize=True)
    import base64

    uri = "data:image/png;base64," + base64.b64encode(small.read_bytes()).decode()
    holder = tmp / "scan-print.html"
    holder.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title></title><style>@page{size:A4;margin:0}'
        "html,body{margin:0}img{display:block;width:180mm;margin:15mm auto 0}</style></head>"
        f'<body><img src="{uri}" alt=""></body></html>',
        encoding="utf-8",
    )
    out = OUT / "scan.pdf"
    print_pdf(holder, out, tmp, DOCS["xiangshan"]["pdf_date"])
    text = pdftotext(out, layout=False)
    if text is None:
        return "image-only PDF (pdftotext missing: not checked)"
    if text.strip():
        raise SystemExit(f"scan.pdf has a text layer: {text[:80]!r}")
    return "image-only PDF; pdftotext output is empty"


def make_small_errors() -> list[str]:
    notes = []
    head = (OUT / "xiangshan.pdf").read_bytes()[:3000]
    (OUT / "corrupt.pdf").write_bytes(head)
    notes.append("corrupt.pdf: first 3000 bytes of xiangshan.pdf")
    cfb = bytes.fromhex("D0CF11E0A1B11AE1")
    (OUT / "legacy.doc").write_bytes(cfb + b"\0" * (1536 - len(cfb)))
    notes.append("legacy.doc: CFB signature + zero padding, 1536 bytes")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        zi = zipfile.ZipInfo("notes.txt", date_time=(2021, 10, 12, 9, 0, 0))
        zi.compress_type = zipfile.ZIP_DEFLATED
        zi.external_attr = 0o644 << 16
        z.writestr(zi, "会议记录：\n关于强化知识产权保护的实施方案（征求意见稿）已发各单位，请于10月20日前反馈意见。\n".encode("utf-8"))
    (OUT / "not_docx.zip").write_bytes(buf.getvalue())
    notes.append("not_docx.zip: ZIP with notes.txt only")
    return notes


# --------------------------------------------------------------------------

RADICALS_DOC = """青山县人民政府办公室
青山县关于加强山区民生工程建设的工作方案
一、工作目标
（一）加快山区道路建设。完善山区人民出行条件，推进乡村公路提档升级。（责任单位：县交通运输局、县人民政府办公室）
（二）保障民生用水。实施山区饮水安全巩固提升工程，建立长效管护机制。（责任单位：县水利局、县民政局）
二、保障措施
（三）加强组织领导。各乡镇人民政府要明确工作责任，确保各项任务落地见效。（责任单位：各乡镇人民政府）
青山县人民政府办公室
2023年5月8日"""


def make_radicals(tmp: Path) -> str:
    """A short made document printed by Chromium with the installed Noto Serif CJK font as it
    is (no subsetting): its ToUnicode maps give radicals (⼭ U+2F2D, ⺠ U+2EA0) for 山 and 民."""
    paras = "".join(f"<p>{esc(l)}</p>" for l in RADICALS_DOC.splitlines())
    src = tmp / "radicals.html"
    src.write_text(
        "<html><head><meta charset='utf-8'><style>body{font-family:'Noto Serif CJK SC';"
        f"font-size:16px}}</style></head><body>{paras}</body></html>",
        encoding="utf-8",
    )
    out = OUT / "radicals.pdf"
    print_pdf(src, out, tmp, "D:20230508090000+08'00'")
    return f"{out.stat().st_size} bytes"


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"chromium not found at {CHROMIUM} (set CHROMIUM=...)")
    with tempfile.TemporaryDirectory(prefix="format-fixtures-") as t:
        tmp = Path(t)
        all_text = "".join(
            m["office"] + m["src"].read_text(encoding="utf-8") for m in DOCS.values()
        )
        fonts = build_fonts(all_text, tmp)
        for stem, meta in DOCS.items():
            lines = read_lines(meta["src"])
            print(f"{stem}.pdf: {make_pdf(stem, meta, lines, tmp, fonts)}")
            print(f"{stem}.docx: {make_docx(stem, meta, lines)}")
            print(f"{stem}.html: {make_html(stem, meta, lines)}")
        print(f"empty_page.html: {make_empty_page()}")
        print(f"scan.pdf: {make_scan(tmp)}")
        print(f"radicals.pdf: {make_radicals(tmp)}")
        for n in make_small_errors():
            print(n)
    for p in sorted(OUT.iterdir()):
        if p.name != "README.md" and p.stat().st_size > 300_000:
            print(f"WARNING: {p.name} is {p.stat().st_size} bytes (> 300 KB)")


if __name__ == "__main__":
    main()
