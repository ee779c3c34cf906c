// A grouped bar chart as inline SVG for the HTML report: no scripts, no external fonts, hidden
// counts drawn as the same marked stub so the picture cannot reveal them, and words instead of an
// empty axis when nothing can be shown.

/// A bar chart: one group of bars per category, one bar per series in each group.
public struct SVGChart: Sendable, Equatable {
    public struct Series: Sendable, Equatable {
        public var name: String
        /// One value per category; suppressed values get a dashed stub and their mark, no height.
        public var values: [PublishedCount]

        public init(name: String, values: [PublishedCount]) {
            self.name = name
            self.values = values
        }
    }

    public var title: String
    public var categories: [String]
    public var series: [Series]
    public var minCell: Int

    public init(title: String, categories: [String], series: [Series], minCell: Int) {
        self.title = title
        self.categories = categories
        self.series = series
        self.minCell = minCell
    }

    /// Colour-blind-safe palette (Okabe–Ito) that also prints distinguishably in grey.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

    static let width = 480, left = 40, right = 8, plotHeight = 160, maxBarWidth = 40.0

    /// What the published values let the chart show.
    enum Content: Equatable {
        case bars
        /// No number above zero is published but some are hidden: bars would be an empty axis.
        case allHidden(onlyBelowMinCell: Bool)
        /// Nothing hidden and nothing above zero (or no categories at all).
        case nothing
    }

    var content: Content {
        let values = series.flatMap { $0.values.prefix(categories.count) }
        if values.contains(where: { ($0.number ?? 0) > 0 }) { return .bars }
        let hidden = values.filter(\.isSuppressed)
        if hidden.isEmpty { return .nothing }
        return .allHidden(onlyBelowMinCell: hidden.allSatisfy { $0 == .suppressed(primary: true) })
    }

    var hasHiddenValue: Bool { series.contains { $0.values.prefix(categories.count).contains(where: \.isSuppressed) } }

    /// The chart for the export page: caption, the bars (or a sentence saying why there are none)
    /// and an HTML legend, one line per series, that wraps with the page instead of overlapping.
    public func figure(text t: ExportText) -> String {
        let e = Markup.escape
        var html = "<figure class=\"chart\">\n<figcaption>\(e(title))</figcaption>\n"
        switch content {
        case .bars:
            html += plot(svgClass: "plot", title: nil) + "\n"
            var items: [String] = []
            if series.count > 1 {
                for (s, line) in series.enumerated() {
                    items.append("<li>\(Self.swatch(Self.palette[s % Self.palette.count], dashed: false))<span>\(e(line.name))</span></li>")
                }
            }
            if hasHiddenValue {
                items.append("<li>\(Self.swatch("#555", dashed: true))<span>\(e(t.chartHiddenValue(minCell: minCell)))</span></li>")
            }
            if !items.isEmpty { html += "<ul class=\"legend\">\n" + items.joined(separator: "\n") + "\n</ul>\n" }
        case .allHidden(let onlyBelow):
            html += "<p class=\"chart-empty\">\(e(t.chartAllHidden(minCell: minCell, onlyBelowMinCell: onlyBelow)))</p>\n"
        case .nothing:
            html += "<p class=\"chart-empty\">\(e(t.chartNothing))</p>\n"
        }
        return html + "</figure>"
    }

    /// The chart as one `<svg>` with its title inside (for pages that place it themselves); a
    /// legend, one line per series, follows the bars when there are several series.
    public func render() -> String {
        plot(svgClass: "chart", title: title)
    }

    /// A small square in a series' colour (an SVG, so it prints even without background graphics).
    static func swatch(_ colour: String, dashed: Bool) -> String {
        let paint = dashed ? "fill=\"none\" stroke=\"\(colour)\" stroke-dasharray=\"2 2\"" : "fill=\"\(colour)\""
        return "<svg class=\"swatch\" viewBox=\"0 0 12 12\" width=\"12\" height=\"12\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" width=\"10\" height=\"10\" \(paint)/></svg>"
    }

    /// The bars, axis and labels (no XML declaration, no namespace URL: inline SVG in HTML needs neither).
    private func plot(svgClass: String, title: String?) -> String {
        let e = Markup.escape
        let groups = max(1, categories.count), perGroup = max(1, series.count)
        let plotWidth = Double(Self.width - Self.left - Self.right)
        let slot = plotWidth / Double(groups)
        let barWidth = min(Self.maxBarWidth, slot * 0.8 / Double(perGroup))
        let largest = series.flatMap { $0.values.prefix(categories.count).compactMap(\.number) }.max() ?? 0
        let scaleTop = Self.niceCeiling(max(largest, 1))
        let plotTop = (title == nil ? 0 : 22) + 18
        let baseline = plotTop + Self.plotHeight
        let labels = Self.axisLabels(categories, slot: slot)
        let legendTop = Double(baseline) + labels.height + 6
        let legend = series.count > 1 && title != nil ? legendLines(width: plotWidth - 16) : []
        let height = Int(legendTop + Double(legend.count) * Self.lineHeight + (legend.isEmpty ? 0 : 4))

        let label = e(title ?? self.title)
        var svg = "<svg class=\"\(svgClass)\" role=\"img\" viewBox=\"0 0 \(Self.width) \(height)\" width=\"100%\" font-size=\"\(Int(Self.fontSize))\" aria-label=\"\(label)\">"
        svg += "<title>\(label)</title>"
        if let title { svg += "<text x=\"\(Self.left)\" y=\"16\" class=\"chart-title\">\(e(title))</text>" }
        for tick in Array(Set([0, scaleTop / 2, scaleTop])).sorted() {
            let y = baseline - Self.barHeight(tick, scaleTop: scaleTop)
            svg += "<line x1=\"\(Self.left)\" y1=\"\(y)\" x2=\"\(Self.width - Self.right)\" y2=\"\(y)\" class=\"grid\"/>"
            svg += "<text x=\"\(Self.left - 4)\" y=\"\(y + 4)\" text-anchor=\"end\" class=\"tick\">\(tick)</text>"
        }
        // Value labels only where every one fits its bar, so neighbours cannot overlap; the table has them all.
        let texts = series.flatMap { $0.values.prefix(categories.count).map { $0.text(minCell: minCell) } }
        let showValues = (texts.map { Self.estimatedWidth($0) }.max() ?? 0) <= barWidth - 2
        for g in categories.indices {
            let groupLeft = Double(Self.left) + Double(g) * slot + (slot - barWidth * Double(perGroup)) / 2
            for (s, line) in series.enumerated() {
                let x = Self.format(groupLeft + Double(s) * barWidth)
                let w = Self.format(max(1, barWidth - 1))
                let colour = Self.palette[s % Self.palette.count]
                let value = g < line.values.count ? line.values[g] : .value(0)
                let mid = Self.format(groupLeft + Double(s) * barWidth + barWidth / 2)
                if let n = value.number {
                    let h = Self.barHeight(n, scaleTop: scaleTop)
                    svg += "<rect x=\"\(x)\" y=\"\(baseline - h)\" width=\"\(w)\" height=\"\(h)\" fill=\"\(colour)\"/>"
                    if showValues {
                        svg += "<text x=\"\(mid)\" y=\"\(baseline - h - 3)\" text-anchor=\"middle\" class=\"value\">\(n)</text>"
                    }
                } else {
                    // Same stub for every hidden value, whatever its size.
                    svg += "<rect x=\"\(x)\" y=\"\(baseline - 8)\" width=\"\(w)\" height=\"8\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\" class=\"hidden\"/>"
                    if showValues {
                        svg += "<text x=\"\(mid)\" y=\"\(baseline - 11)\" text-anchor=\"middle\" class=\"value hidden-mark\">\(e(value.text(minCell: minCell)))</text>"
                    }
                }
            }
            svg += categoryLabel(g, labels: labels, x: Double(Self.left) + (Double(g) + 0.5) * slot, baseline: baseline)
        }
        for (i, line) in legend.enumerated() {
            let y = legendTop + Double(i) * Self.lineHeight + 10
            if let colour = line.colour {
                svg += "<rect x=\"\(Self.left)\" y=\"\(Self.format(y - 9))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
            }
            svg += "<text x=\"\(Self.left + 14)\" y=\"\(Self.format(y))\" class=\"tick\">\(e(line.text))</text>"
        }
        return svg + "</svg>"
    }

    /// Category `g`'s label centred at `x`: wrapped lines, or one line turned to read upwards.
    private func categoryLabel(_ g: Int, labels: AxisLabels, x: Double, baseline: Int) -> String {
        let e = Markup.escape
        guard g % labels.step == 0 else { return "" }
        if labels.vertical {
            let lx = Self.format(x + 4), ly = baseline + 8
            let tip = labels.lines[g][0] == categories[g] ? "" : "<title>\(e(categories[g]))</title>"
            return "<text x=\"\(lx)\" y=\"\(ly)\" text-anchor=\"end\" transform=\"rotate(-90 \(lx) \(ly))\" class=\"tick category\">\(tip)\(e(labels.lines[g][0]))</text>"
        }
        return labels.lines[g].enumerated().map { i, line in
            "<text x=\"\(Self.format(x))\" y=\"\(Self.format(Double(baseline) + 15 + Double(i) * Self.lineHeight))\" text-anchor=\"middle\" class=\"tick category\">\(e(line))</text>"
        }.joined()
    }

    /// One legend entry per series, long names wrapped onto further lines (no colour square there).
    private func legendLines(width: Double) -> [(colour: String?, text: String)] {
        var out: [(colour: String?, text: String)] = []
        for (s, line) in series.enumerated() {
            let lines = Self.wrap(line.name, width: width) ?? [String(line.name.prefix(Int(width / 8)))]
            for (i, text) in lines.enumerated() { out.append((i == 0 ? Self.palette[s % Self.palette.count] : nil, text)) }
        }
        return out
    }
}
