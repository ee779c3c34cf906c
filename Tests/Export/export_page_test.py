#!/usr/bin/python3
"""The HTML export in a real browser: headless Chromium through Selenium lays each page out on a
phone (390 px), at A4 width on screen (794 px) and in print (A4 portrait: 680 px between 15 mm
margins), measures that nothing sticks out sideways and that no two labels of a chart overlap,
then prints it to PDF and checks the pages with poppler (pdfinfo, pdftotext).

usage: /usr/bin/python3 Tests/Export/export_page_test.py SPEC.json
SPEC: {"out": DIR, "pages": [{"name": N, "html": FILE, "texts": [...], "maxPages": K}]}
Writes DIR/N-390.png, DIR/N-794.png, DIR/N.pdf; prints one line per check and
"export page test: N passed, M failed"; exits 1 when any failed."""

import base64, json, os, re, subprocess, sys

results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + str(detail)}", flush=True)


# Runs in the page: everything wider than the viewport, and overlapping or clipped chart labels.
MEASURE = r"""
const cw = document.documentElement.clientWidth, problems = [];
const describe = el => el.tagName.toLowerCase() + (el.getAttribute('class') ? '.' + el.getAttribute('class') : '')
    + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
if (document.documentElement.scrollWidth > cw + 1)
    problems.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + cw);
for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('title')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > cw + 1 || r.left < -1)
        problems.push('wider than the page: ' + describe(el) + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
}
let minText = 1e9, labels = 0;
for (const fig of document.querySelectorAll('figure.chart')) {
    const svg = fig.querySelector('svg.plot');
    const items = [...fig.querySelectorAll('figcaption, svg.plot text, ul.legend li, p.chart-empty')]
        .map(el => ({el, r: el.getBoundingClientRect()})).filter(b => b.r.width > 0 && b.r.height > 0);
    labels += items.length;
    for (let i = 0; i < items.length; i++) {
        const a = items[i].r;
        for (let j = i + 1; j < items.length; j++) {
            const b = items[j].r;
            const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (w > 0.5 && h > 0.5) problems.push('overlap in "' + fig.querySelector('figcaption').textContent + '": '
                + describe(items[i].el) + ' and ' + describe(items[j].el));
        }
        if (svg && items[i].el.closest('svg.plot')) {
            const s = svg.getBoundingClientRect();
            minText = Math.min(minText, a.height);
            if (a.left < s.left - 1 || a.right > s.right + 1 || a.top < s.top - 1 || a.bottom > s.bottom + 1)
                problems.push('cut off by the chart edge: ' + describe(items[i].el));
        }
    }
}
return {problems, minText, labels, charts: document.querySelectorAll('figure.chart').length,
        empty: [...document.querySelectorAll('p.chart-empty')].map(p => p.textContent)};
"""


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    o = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        o.add_argument(a)
    o.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)


def layout(d, width, height, media, mobile=False):
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    return d.execute_script(MEASURE)


def screenshot(d, width, path):
    height = d.execute_script("return document.documentElement.scrollHeight")
    shot = d.execute_cdp_cmd("Page.captureScreenshot", {"captureBeyondViewport": True, "format": "png",
                                                        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    with open(path, "wb") as f:
        f.write(base64.b64decode(shot["data"]))


def pdf_checks(name, path, page):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    w, h = float(size.group(1)), float(size.group(2))
    check(f"{name}: PDF is A4 portrait", abs(w - 595.3) < 2 and abs(h - 841.9) < 2, f"{w} x {h}")
    check(f"{name}: PDF has 1..{page['maxPages']} pages", 1 <= pages <= page["maxPages"], pages)
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    missing = [t for t in page["texts"] if " ".join(t.split()) not in flat]
    check(f"{name}: PDF text has {len(page['texts'])} expected phrases", not missing, missing)
    # Every word inside the 15 mm margins: a table or chart wider than the paper would be cut.
    bbox = subprocess.run(["pdftotext", "-bbox", path, "-"], capture_output=True, text=True).stdout
    margin = 15 / 25.4 * 72
    outside = [m.group(3) for m in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>', bbox)
               if float(m.group(1)) < margin - 2 or float(m.group(2)) > w - margin + 2]
    check(f"{name}: every printed word is inside the margins", not outside, outside[:8])
    return pages


def main():
    spec = json.load(open(sys.argv[1], encoding="utf-8"))
    out = spec["out"]
    os.makedirs(out, exist_ok=True)
    d = browser()
    try:
        for page in spec["pages"]:
            name = page["name"]
            d.get("file://" + os.path.abspath(page["html"]))
            for label, width, media, mobile in (("phone 390 px", 390, "screen", True), ("A4 width 794 px", 794, "screen", False),
                                                ("A4 print 680 px", 680, "print", False)):
                m = layout(d, width, 900, media, mobile)
                check(f"{name} {label}: nothing wider than the page, no chart label overlaps another or is cut",
                      not m["problems"], m["problems"][:8])
                check(f"{name} {label}: {m['charts']} charts, {m['labels']} labels measured", m["charts"] >= 3 and m["labels"] > 10, m)
                if m["minText"] < 1e9:
                    check(f"{name} {label}: chart text at least 8 px high (smallest {m['minText']:.1f})", m["minText"] >= 8, m["minText"])
                check(f"{name} {label}: the charts that cannot be drawn say so", m["empty"] == page.get("empty", []), m["empty"])
                if media == "screen":
                    screenshot(d, width, os.path.join(out, f"{name}-{width}.png"))
            d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
            d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
            pdf = d.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False})
            path = os.path.join(out, f"{name}.pdf")
            with open(path, "wb") as f:
                f.write(base64.b64decode(pdf["data"]))
            pdf_checks(name, path, page)
    finally:
        d.quit()
    failed = results.count(False)
    print(f"export page test: {results.count(True)} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
