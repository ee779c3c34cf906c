// HTML writer: one self-contained page (nothing fetched, prints), Swedish and English texts,
// inline SVG charts that are well-formed XML, and hostile labels escaped.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench

import Foundation
import Testing

/// Every <svg>…</svg> in the page must parse as XML: proof the escaping holds inside charts.
/// Prints the number of charts drawn as bars and whether any active or fetching tag is there.
private let checkSVG = """
import re, sys, xml.etree.ElementTree as ET
page = open(sys.argv[1], encoding='utf-8').read()
svgs = re.findall(r'<svg.*?</svg>', page, re.S)
for s in svgs: ET.fromstring(s)
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.tags = set(); self.text = []
    def handle_starttag(self, tag, attrs): self.tags.add(tag)
    def handle_data(self, data): self.text.append(data)
p = P(); p.feed(page)
print(len([s for s in svgs if 'class="plot"' in s]), 'script' in p.tags, 'link' in p.tags, 'img' in p.tags, 'iframe' in p.tags)
"""

@Suite struct ExportHTMLTests {
    @Test func swedishPageIsSelfContained() throws {
        let html = try HTMLExport.write(ExportSample.document, lang: .sv)
        #expect(!html.lowercased().contains("http"))
        #expect(!html.contains("@import") && !html.contains("url(") && !html.contains("src="))
        #expect(html.contains("<svg"))
        #expect(html.contains("@media print"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"sv\">"))
        for text in ["Besök/deltagartillfällen", "Unika deltagare", "Nya deltagare", "Sammankomster", "Kön",
                     "Åldersgrupp", "Kvinna", "Man", "Annat", "Ej angivet", "Teckenförklaring", "Besök per vecka"] {
            #expect(html.contains(text), "missing \(text)")
        }
        #expect(html.contains("&lt;5"))
        #expect(try runPython(checkSVG, input: html) == "3 False False False False\n")
        // A direction override would turn the rest of a cell around in the browser: shown instead.
        #expect(Markup.escape("a\u{202E}b\u{1B}[1m\tc") == "a&lt;U+202E&gt;b\\e[1m\tc")
    }

    @Test func englishPageUsesEnglishTexts() throws {
        let html = try HTMLExport.write(ExportSample.document, lang: .en)
        #expect(html.contains("<html lang=\"en\">"))
        for text in ["Visits", "Unique participants", "Gender", "Age group", "Woman", "Not stated", "Legend"] {
            #expect(html.contains(text), "missing \(text)")
        }
        #expect(!html.contains("Kvinna"))
        #expect(!html.lowercased().contains("http"))
    }

    @Test func hostileLabelsAreEscaped() throws {
        let html = try HTMLExport.write(ExportSample.hostileDocument, lang: .sv)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>Gård"))
        #expect(!html.contains("<i>Titel"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(html.contains("Han sa &quot;hej&quot;"))
        #expect(html.contains("it&#39;s"))
        #expect(try runPython(checkSVG, input: html) == "3 False False False False\n")
    }

    @Test func chartDrawsHiddenValuesAsTheSameStub() {
        let chart = SVGChart(
            title: "<Kön>", categories: ["Kvinna", "Man", "Annat"],
            series: [.init(name: "Totalt", values: [.value(40), .suppressed(primary: true), .suppressed(primary: false)])],
            minCell: 5).render()
        #expect(chart.hasPrefix("<svg") && chart.hasSuffix("</svg>"))
        #expect(chart.contains("&lt;Kön&gt;") && !chart.contains("<Kön>"))
        #expect(chart.components(separatedBy: "height=\"8\" fill=\"none\"").count == 3)
        #expect(chart.contains(">&lt;5</text>") && chart.contains(">x</text>"))
        #expect(chart.contains("height=\"128\""))  // 40 on an axis that ends at 50: 4/5 of 160 px
        #expect(SVGChart.niceCeiling(40) == 50 && SVGChart.niceCeiling(101) == 200 && SVGChart.niceCeiling(Int.max) > 0)
    }
}
