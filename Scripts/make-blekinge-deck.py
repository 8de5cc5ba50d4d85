#!/usr/bin/env python3
"""Builds Blekinge's follow-up slide deck (.pptx) for the bundled snapshot from the deck's text.

The source is the text of Region Blekinge's presentation on carrying out and following up its
regional development strategy (seed 002 in ../shared/seeds). Each slide starts at a line
beginning with "Q<n>"; lines starting with "▪" are bullets; other lines are text boxes in the
order the text gives them. The chart on slide 3 is NOT rebuilt as a chart: the text gives five
amounts and six goal labels without saying which amount belongs to which goal, so they are kept
as two text boxes, exactly as the text has them.

Needs python-pptx (pip install python-pptx) when run; the .pptx it writes is committed, so
building and testing the package does not need Python. The output is byte-for-byte
reproducible (fixed timestamps), so its SHA-256 in manifest.json stays valid.

Usage: python3 Scripts/make-blekinge-deck.py [SEED] [OUT]
"""
import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.util import Emu, Pt

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/seeds/002_285c170651a63d01.txt"
OUT = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "Regions/Blekinge/Sources/Snapshot/genomforande-och-uppfoljning-av-rus.pptx"


def slides_from(text):
    slides, current = [], None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if current is not None:
                current["lines"].append("")
            continue
        if line.startswith("Q") and line[1:2].isdigit():
            current = {"title": line, "lines": []}
            slides.append(current)
        elif current is not None:
            current["lines"].append(line)
    return slides


def blocks(lines):
    """Groups lines into bullet lists and text boxes; a blank line ends a text box.

    A line that starts with a lower-case letter continues the previous one: the text was
    wrapped there, so it becomes a soft line break in the same paragraph, as in the deck.
    """
    out, paragraphs, kind, blank = [], [], None, False

    def flush():
        nonlocal paragraphs, kind
        if paragraphs:
            out.append((kind, paragraphs))
        paragraphs, kind = [], None

    for line in lines:
        if line == "":
            blank = True
            continue
        bullet = line.startswith("▪")
        text = line.lstrip("▪ ").strip()
        # The text sometimes has a blank line inside a wrapped label ("Stärkt / konkurrenskraft i
        # / (blank) / näringslivet"): a lower-case start still continues the paragraph.
        if not bullet and paragraphs and text[:1].islower():
            paragraphs[-1].append(text)
            blank = False
            continue
        this = "bullets" if bullet else "text"
        if blank or (kind is not None and kind != this):
            flush()
        blank = False
        kind = this
        paragraphs.append([text])
    flush()
    return out


def add_bullet(paragraph):
    """Gives a paragraph a real bullet (a:buChar), as the deck's ▪ bullets are."""
    from pptx.oxml.ns import qn
    from lxml import etree
    pPr = paragraph._p.get_or_add_pPr()
    pPr.set("marL", "285750")
    pPr.set("indent", "-285750")
    bu = etree.SubElement(pPr, qn("a:buChar"))
    bu.set("char", "▪")


def build(slides):
    prs = Presentation()
    layout = prs.slide_layouts[5]  # title only
    for spec in slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = spec["title"]
        for run in slide.shapes.title.text_frame.paragraphs[0].runs:
            run.font.language_id = MSO_LANGUAGE_ID.SWEDISH
        top = Emu(1_400_000)
        for kind, lines in blocks(spec["lines"]):
            height = Emu(300_000 * max(1, len(lines)))
            frame = slide.shapes.add_textbox(Emu(500_000), top, Emu(8_000_000), height).text_frame
            frame.word_wrap = True
            for i, parts in enumerate(lines):
                p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
                p.text = "\v".join(parts)  # \v is a soft line break (a:br)
                p.font.size = Pt(14)
                for run in p.runs:
                    run.font.language_id = MSO_LANGUAGE_ID.SWEDISH
                if kind == "bullets":
                    add_bullet(p)
            top += height + Emu(100_000)
    prs.core_properties.title = "Genomförande och uppföljning av RUS"
    prs.core_properties.language = "sv-SE"
    prs.core_properties.author = "Region Blekinge (reconstruction)"
    fixed = datetime(2024, 11, 1)
    prs.core_properties.created = fixed
    prs.core_properties.modified = fixed
    prs.core_properties.last_modified_by = ""
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def reproducible(data):
    """Rewrites the zip with fixed entry timestamps and order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        names.sort(key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(2024, 11, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


def main():
    slides = slides_from(SEED.read_text(encoding="utf-8"))
    if len(slides) != 4:
        sys.exit(f"expected 4 slides (Q1–Q4) in {SEED}, found {len(slides)}")
    OUT.write_bytes(reproducible(build(slides)))
    print(f"wrote {OUT} ({len(slides)} slides)")


if __name__ == "__main__":
    main()
