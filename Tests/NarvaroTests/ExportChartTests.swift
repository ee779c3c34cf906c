// Charts of the export (issue 15): words instead of an empty axis when every value is hidden, shown
// bars with hidden ones marked, one legend line per series, category labels that cannot collide.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench

import Foundation
import Testing

private func chart(_ values: [PublishedCount], minCell: Int = 5, categories: [String]? = nil) -> SVGChart {
    SVGChart(title: "Kön", categories: categories ?? ["Kvinna", "Man", "Annat", "Ej angivet"].prefix(values.count).map { $0 },
             series: [.init(name: "Totalt", values: values)], minCell: minCell)
}

private func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

@Suite struct ExportChartTests {
    @Test func aChartWithEveryValueBelowKSaysSoInsteadOfDrawingAnEmptyAxis() {
        let hidden = chart([.suppressed(primary: true), .suppressed(primary: true), .value(0), .suppressed(primary: true)], minCell: 7)
        let sv = hidden.figure(text: ExportText(.sv)), en = hidden.figure(text: ExportText(.en))
        #expect(sv.contains("<p class=\"chart-empty\">alla värden under 7 – visas inte</p>"))
        #expect(en.contains("all values below 7 – not shown"))
        #expect(!sv.contains("<svg") && !sv.contains("<rect"))
        #expect(sv.contains("<figcaption>Kön</figcaption>"))
    }

    @Test func complementaryMarksAndZerosGetTheirOwnSentence() {
        let mixed = chart([.suppressed(primary: true), .suppressed(primary: false), .value(0), .suppressed(primary: false)])
        #expect(mixed.figure(text: ExportText(.sv)).contains("alla värden under 5 eller dolda (x) – visas inte"))
        #expect(mixed.figure(text: ExportText(.en)).contains("all values below 5 or hidden (x) – not shown"))
        let zeros = chart([.value(0), .value(0)])
        #expect(zeros.figure(text: ExportText(.sv)).contains("alla värden är 0 – inget att visa"))
        #expect(chart([]).figure(text: ExportText(.en)).contains("all values are 0 – nothing to show"))
    }

    @Test func aPartlyHiddenChartDrawsTheShownBarsAndMarksTheHiddenOnes() {
        let figure = chart([.value(40), .suppressed(primary: true), .value(0), .suppressed(primary: false)]).figure(text: ExportText(.sv))
        #expect(count("<svg class=\"plot\"", in: figure) == 1)
        #expect(figure.contains("height=\"128\" fill=\"#0072B2\""))   // 40 on an axis to 50: 4/5 of 160
        #expect(count("class=\"hidden\"", in: figure) == 2)
        #expect(figure.contains(">&lt;5</text>") && figure.contains(">x</text>"))
        #expect(figure.contains("<li><svg class=\"swatch\"") && figure.contains("<span>dolt värde (&lt;5 eller x)</span>"))
        // One series and nothing hidden: no legend at all.
        #expect(!chart([.value(40), .value(7)]).figure(text: ExportText(.sv)).contains("<ul class=\"legend\">"))
    }

    @Test func theLegendHasOneLinePerSeriesAndLeavesLongNamesWhole() {
        let names = ExportPageSample.longNames
        let weekly = SVGChart(title: "Besök per vecka", categories: ["2026-W47"],
                              series: names.map { .init(name: $0, values: [.value(12)]) }, minCell: 5)
        let figure = weekly.figure(text: ExportText(.sv))
        #expect(count("<li>", in: figure) == names.count)
        for name in names { #expect(figure.contains("<span>\(Markup.escape(name))</span>")) }
        // Inside a lone <svg> (the web report) each series starts a line of its own, long names wrap.
        let svg = weekly.render()
        let legendY = svg.components(separatedBy: "<text x=\"54\" y=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(legendY.count > names.count && Set(legendY).count == legendY.count)
    }

    @Test func categoryLabelsTurnUprightOrWrapRatherThanCollide() {
        let gender = SVGChart.axisLabels(["Kvinna", "Man", "Annat", "Ej angivet"], slot: 108)
        #expect(!gender.vertical && gender.lines[3] == ["Ej angivet"])
        let age = SVGChart.axisLabels(["0-12", "65+", "Okänd ålder"], slot: 61)
        #expect(!age.vertical && age.lines[2] == ["Okänd", "ålder"])
        let weeks = SVGChart.axisLabels((27...52).map { "2026-W\($0)" }, slot: 432 / 26)
        #expect(weeks.vertical && weeks.step == 1)
        let many = SVGChart.axisLabels((1...60).map { "v\($0)" + String(repeating: "x", count: 10) }, slot: 7.2)
        #expect(many.vertical && many.step == 2)
        let long = SVGChart.axisLabels(ExportPageSample.longNames, slot: 40)
        #expect(long.lines.allSatisfy { $0[0].count <= SVGChart.maxVerticalLabel } && long.lines[0][0].hasSuffix("…"))
        #expect(SVGChart.wrap("Läxhjälp och språkcafé", width: 100) == ["Läxhjälp och", "språkcafé"])
        #expect(SVGChart.wrap("Bidragsberättigade", width: 40) == nil)
    }

    @Test func valueLabelsAreLeftOutWhenBarsAreTooNarrowForThem() {
        let wide = SVGChart(title: "t", categories: ["2026-W47"], series: [.init(name: "a", values: [.value(1234)])], minCell: 5)
        #expect(wide.figure(text: ExportText(.sv)).contains(">1234</text>"))
        let weeks = (27...52).map { "2026-W\($0)" }
        let narrow = SVGChart(title: "t", categories: weeks,
                              series: (0..<4).map { s in .init(name: "s\(s)", values: weeks.map { _ in .value(1234) }) }, minCell: 5)
        let figure = narrow.figure(text: ExportText(.sv))
        #expect(!figure.contains("class=\"value\"") && count("<rect", in: figure) == 26 * 4 + 4)
    }

    @Test func theWeeklyTableListsWeeksDownThePageAndCellsCarryTheirHeading() throws {
        let html = try HTMLExport.write(ExportPageSample.halfYear, lang: .sv)
        let weekly = try #require(html.components(separatedBy: "<h2>Besök per vecka</h2>").last)
        #expect(weekly.contains("<thead><tr><th>Vecka</th><th class=\"num\">Gamla Tingshuset – Läxhjälp och språkcafé för unga vuxna</th>"))
        #expect(count("<tr><th class=\"short\">2026-W", in: weekly) == 26)
        #expect(html.contains("Besök/<wbr>deltagartillfällen"))
        #expect(html.contains("<td class=\"num\" data-label=\"Kvinna\">"))
        let small = try HTMLExport.write(ExportPageSample.smallVenue, lang: .sv)
        #expect(small.contains("alla värden under 5 – visas inte"))
    }
}
