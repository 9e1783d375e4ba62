#!/usr/bin/python3
"""Reads PDFs back and checks what PDF/A-2a and PDF/UA-1 ask of them that open tools can see.

An independent reader for the tests (Debian's python3-pikepdf, on qpdf): it shares no code with
the renderer. For each file given it prints one JSON line: {"file", "errors", "pages"}, where
errors lists every fault found and pages holds, per page, the structure elements that have
content there in reading order, each as [type, text, lines, id]: lines is the number of marked
contents (lines of text) it has on the page, id is the same number for the same element on
every page. It never fixes anything.

Usage: pdfcheck.py [--agl glyphlist.txt] FILE.pdf ...
"""
import datetime
import json
import re
import sys
import xml.etree.ElementTree as ET

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form",
}
TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI"}
NS = {
    "x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/", "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
    "xml": "http://www.w3.org/XML/1998/namespace",
}


def key(obj):
    return obj.objgen if obj.is_indirect else id(obj)


def pdf_date(s):
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([Z+-])(\d\d)?'?(\d\d)?'?", s)
    if not m:
        return None
    y, mo, d, h, mi, se, sign, th, tm = m.groups()
    off = datetime.timedelta(hours=int(th or 0), minutes=int(tm or 0))
    tz = datetime.timezone(-off if sign == "-" else off)
    return datetime.datetime(int(y), int(mo), int(d), int(h), int(mi), int(se), tzinfo=tz)


class Decoder:
    """Turns a font's codes into text: its ToUnicode map, else WinAnsi (cp1252)."""

    def __init__(self, font):
        self.map = {}
        tu = font.get("/ToUnicode")
        if tu is not None:
            cmap = tu.read_bytes().decode("latin-1")
            for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                    self.map[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")

    def text(self, raw):
        return "".join(self.map.get(b) or bytes([b]).decode("cp1252", "replace") for b in raw)


def check(path, agl):
    errors = []
    err = errors.append
    raw = open(path, "rb").read()
    if not raw.startswith(b"%PDF-1.7\n%") or sum(c > 127 for c in raw[10:raw.index(b"\n", 10)]) < 4:
        err("header: not %PDF-1.7 with a binary comment line")
    if raw.rstrip(b"\r\n")[-5:] != b"%%EOF":
        err("file does not end with %%EOF")
    pdf = pikepdf.open(path)
    trailer, root = pdf.trailer, pdf.Root
    ids = trailer.get("/ID")
    if ids is None or len(ids) != 2 or any(len(bytes(i)) != 16 for i in ids):
        err("trailer: no /ID of two 16-byte strings")
    if "/Encrypt" in trailer:
        err("trailer: encrypted")

    # The catalog.
    if str(root.get("/Lang", "")) == "":
        err("catalog: no /Lang")
    mark = root.get("/MarkInfo")
    if mark is None or mark.get("/Marked") is not True:
        err("catalog: /MarkInfo /Marked is not true")
    vp = root.get("/ViewerPreferences")
    if vp is None or vp.get("/DisplayDocTitle") is not True:
        err("catalog: /ViewerPreferences /DisplayDocTitle is not true")
    names = root.get("/Names")
    if names is not None and ("/EmbeddedFiles" in names or "/JavaScript" in names):
        err("catalog: embedded files or JavaScript")
    for k in ("/OpenAction", "/AA", "/AcroForm"):
        if k in root:
            err("catalog: " + k)

    # Output intent and its ICC profile.
    ois = root.get("/OutputIntents")
    oi = [o for o in (ois or []) if o.get("/S") == Name.GTS_PDFA1]
    if len(oi) != 1:
        err("catalog: no single GTS_PDFA1 output intent")
    else:
        prof = oi[0].get("/DestOutputProfile")
        icc = prof.read_bytes() if isinstance(prof, Stream) else b""
        if len(icc) < 128 or icc[36:40] != b"acsp" or icc[16:20] != b"RGB " or prof.get("/N") != 3:
            err("output intent: no RGB ICC profile with /N 3")
        if not str(oi[0].get("/OutputConditionIdentifier", "")):
            err("output intent: no OutputConditionIdentifier")

    # XMP metadata and its agreement with the Info dictionary.
    info = trailer.get("/Info") or Dictionary()
    meta = root.get("/Metadata")
    if not isinstance(meta, Stream) or meta.get("/Type") != Name.Metadata or meta.get("/Subtype") != Name.XML:
        err("catalog: no /Metadata XML stream")
    elif "/Filter" in meta:
        err("metadata: compressed")
    else:
        xmp = meta.read_bytes()
        try:
            tree = ET.fromstring(xmp[xmp.index(b"<x:xmpmeta"):xmp.rindex(b"</x:xmpmeta>") + 12])
        except Exception as e:  # noqa: BLE001 - any parse fault is a finding
            err("metadata: not XML: %s" % e)
            tree = None
        if tree is not None:
            def prop(p):
                for d in tree.iter("{%s}Description" % NS["rdf"]):
                    ns, name = p.split(":")
                    v = d.find("{%s}%s" % (NS[ns], name))
                    if v is not None:
                        li = v.find(".//{%s}li" % NS["rdf"])
                        return (li if li is not None else v).text
                    a = d.get("{%s}%s" % (NS[ns], name))
                    if a is not None:
                        return a
                return None

            for p, want in (("pdfaid:part", "2"), ("pdfaid:conformance", "A"), ("pdfuaid:part", "1")):
                if prop(p) != want:
                    err("metadata: %s is %r, not %r" % (p, prop(p), want))
            uris = [e.text for e in tree.iter("{%s}namespaceURI" % NS["pdfaSchema"])]
            if NS["pdfuaid"] not in uris:
                err("metadata: no PDF/A extension schema for pdfuaid")
            if not prop("dc:language"):
                err("metadata: no dc:language")
            for p, k in (("dc:title", "/Title"), ("dc:creator", "/Author"), ("dc:description", "/Subject"),
                         ("xmp:CreatorTool", "/Creator"), ("pdf:Producer", "/Producer")):
                iv = str(info.get(k)) if k in info else None
                if iv != prop(p):
                    err("metadata: %s %r differs from Info %s %r" % (p, prop(p), k, iv))
            if not prop("dc:title"):
                err("metadata: no dc:title")
            for p, k in (("xmp:CreateDate", "/CreationDate"), ("xmp:ModifyDate", "/ModDate")):
                iv = pdf_date(str(info.get(k, "")))
                try:
                    xv = datetime.datetime.fromisoformat(prop(p) or "")
                except ValueError:
                    xv = None
                if iv is None or xv is None or xv.tzinfo is None or iv != xv or iv.utcoffset() != xv.utcoffset():
                    err("metadata: %s %r differs from Info %s %r (both need a time zone)" % (p, prop(p), k, str(info.get(k))))

    # Fonts.
    seen_fonts = set()
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        for _, font in fonts.items():
            if key(font) in seen_fonts:
                continue
            seen_fonts.add(key(font))
            name = str(font.get("/BaseFont"))
            fd = font.get("/FontDescriptor")
            if fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                err("font %s: not embedded" % name)
                continue
            symbolic = int(fd.get("/Flags", 0)) & 4 != 0
            enc = font.get("/Encoding")
            if symbolic:
                if enc is not None:
                    err("font %s: symbolic with an /Encoding" % name)
                if "/ToUnicode" not in font:
                    err("font %s: symbolic without ToUnicode" % name)
            else:
                base = enc if isinstance(enc, Name) else (enc.get("/BaseEncoding") if enc is not None else None)
                if base not in (Name.WinAnsiEncoding, Name.MacRomanEncoding):
                    err("font %s: non-symbolic without WinAnsi or MacRoman encoding" % name)
                diffs = enc.get("/Differences") if isinstance(enc, Dictionary) else None
                for d in diffs or []:
                    if isinstance(d, Name) and (agl is None or str(d)[1:] not in agl):
                        err("font %s: glyph name %s is not in the Adobe Glyph List" % (name, d))

    # Content: every text and painting operator in marked content with an MCID or an Artifact.
    mcids = {}  # (page index, mcid) -> text
    struct_parents = {}
    for pi, page in enumerate(pdf.pages):
        sp = page.obj.get("/StructParents")
        if sp is None:
            err("page %d: no /StructParents" % (pi + 1))
        else:
            struct_parents[pi] = int(sp)
        if page.obj.get("/Tabs") != Name.S:
            err("page %d: /Tabs is not /S" % (pi + 1))
        fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        decoders = {}
        stack, font = [], None  # stack: ("mcid", n) | ("artifact",) | ("other",)
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                props = operands[1] if op == "BDC" else None
                if isinstance(props, Name):
                    props = page.obj.Resources.Properties[props]
                if tag == "/Artifact":
                    stack.append(("artifact",))
                elif isinstance(props, Dictionary) and "/MCID" in props:
                    n = int(props.MCID)
                    if any(s[0] in ("mcid", "artifact") for s in stack):
                        err("page %d: MCID %d nested in other marked content" % (pi + 1, n))
                    if (pi, n) in mcids:
                        err("page %d: MCID %d used twice" % (pi + 1, n))
                    mcids[(pi, n)] = ""
                    stack.append(("mcid", n))
                else:
                    stack.append(("other",))
            elif op == "EMC":
                if not stack:
                    err("page %d: EMC without BDC" % (pi + 1))
                else:
                    stack.pop()
            elif op == "Tf":
                f = fonts.get(str(operands[0]))
                if f is not None:
                    decoders.setdefault(str(operands[0]), Decoder(f))
                    font = decoders[str(operands[0])]
            elif op in TEXT_OPS or op in PAINT_OPS:
                inner = next((s for s in reversed(stack) if s[0] in ("mcid", "artifact")), None)
                if inner is None:
                    err("page %d: %s outside marked content" % (pi + 1, op))
                elif inner[0] == "mcid" and op in TEXT_OPS and font is not None:
                    strings = operands[-1] if op != "TJ" else [s for s in operands[0] if isinstance(s, pikepdf.String)]
                    if op != "TJ":
                        strings = [strings]
                    mcids[(pi, inner[1])] += "".join(font.text(bytes(s)) for s in strings)
        if stack:
            err("page %d: marked content not closed" % (pi + 1))

    # The structure tree.
    pages_by_key = {key(p.obj): i for i, p in enumerate(pdf.pages)}
    str_root = root.get("/StructTreeRoot")
    out_pages = [[] for _ in pdf.pages]
    if str_root is None:
        err("catalog: no /StructTreeRoot")
        return {"file": path, "errors": errors, "pages": out_pages}
    owner = {}  # (page, mcid) -> struct elem key
    levels = []
    order = []

    def walk(elem, parent_type, page_default):
        typ = str(elem.get("/S"))[1:]
        if typ not in STANDARD:
            err("structure: %s is not a standard type" % typ)
        pg = elem.get("/Pg")
        page_here = pages_by_key.get(key(pg), page_default) if pg is not None else page_default
        if re.fullmatch(r"H[1-6]", typ):
            levels.append(int(typ[1]))
        for rule, kids in (("L", {"LI", "Caption", "L"}), ("LI", {"Lbl", "LBody"}), ("Table", {"TR", "THead", "TBody", "TFoot", "Caption"}),
                           ("TR", {"TH", "TD"})):
            if parent_type == rule and typ not in kids:
                err("structure: %s inside %s" % (typ, rule))
        if typ == "Figure" and not str(elem.get("/Alt", "")).strip():
            err("structure: Figure without /Alt (PDF/UA 7.3)")
        if typ == "TH":
            a = elem.get("/A")
            if a is None or a.get("/Scope") not in (Name.Row, Name.Column, Name.Both):
                err("structure: TH without /Scope")
        k = elem.get("/K")
        kids = k if isinstance(k, Array) else ([] if k is None else [k])
        for kid in kids:
            if isinstance(kid, int) or (not isinstance(kid, Dictionary) and not isinstance(kid, Stream) and int(kid) == kid):
                n = int(kid)
                if page_here is None:
                    err("structure: %s has MCID %d and no page" % (typ, n))
                    continue
                owner[(page_here, n)] = key(elem)
                order.append((page_here, n, typ))
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                p = pages_by_key.get(key(kid.get("/Pg")), page_here) if "/Pg" in kid else page_here
                owner[(p, int(kid.MCID))] = key(elem)
                order.append((p, int(kid.MCID), typ))
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
                continue
            elif isinstance(kid, Dictionary):
                walk(kid, typ, page_here)

    k = str_root.get("/K")
    for top in (k if isinstance(k, Array) else [k]):
        walk(top, "", None)
    for m in mcids:
        if m not in owner:
            err("page %d: MCID %d belongs to no structure element" % (m[0] + 1, m[1]))
    for m in owner:
        if m not in mcids:
            err("page %d: the structure names MCID %d, which the page does not have" % (m[0] + 1, m[1]))
    if levels and levels[0] != 1:
        err("headings: the first is H%d, not H1" % levels[0])
    for a, b in zip(levels, levels[1:]):
        if b > a + 1:
            err("headings: H%d follows H%d" % (b, a))
    # The parent tree maps every MCID of a page to the element that owns it.
    nums = {}
    pt = str_root.get("/ParentTree")
    stack = [pt] if pt is not None else []
    while stack:
        node = stack.pop()
        if "/Nums" in node:
            ns = node.Nums
            for i in range(0, len(ns), 2):
                nums[int(ns[i])] = ns[i + 1]
        for kid in node.get("/Kids", []):
            stack.append(kid)
    for (p, n), elem_key in owner.items():
        arr = nums.get(struct_parents.get(p, -1))
        if arr is None or n >= len(arr) or key(arr[n]) != elem_key:
            err("parent tree: page %d MCID %d does not map to its element" % (p + 1, n))
    if int(str_root.get("/ParentTreeNextKey", 0)) < len(pdf.pages):
        err("structure: /ParentTreeNextKey below the page count")
    ids = {}
    for p, n, typ in order:
        elem = ids.setdefault(owner[(p, n)], len(ids))
        if out_pages[p] and out_pages[p][-1][3] == elem:
            out_pages[p][-1][1] += mcids.get((p, n), "")
            out_pages[p][-1][2] += 1
        else:
            out_pages[p].append([typ, mcids.get((p, n), ""), 1, elem])
    return {"file": path, "errors": errors, "pages": out_pages}


def main():
    args = sys.argv[1:]
    agl = None
    if args[:1] == ["--agl"]:
        with open(args[1]) as f:
            agl = {line.split(";")[0] for line in f if not line.startswith("#")}
        args = args[2:]
    for path in args:
        try:
            res = check(path, agl)
        except Exception as e:  # noqa: BLE001 - a file that cannot be read is a finding
            res = {"file": path, "errors": ["cannot read: %r" % e], "pages": []}
        print(json.dumps(res, ensure_ascii=False))


if __name__ == "__main__":
    main()
