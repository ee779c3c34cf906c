// A grouped bar chart as inline SVG for the HTML report: no scripts, no external fonts, and
// hidden counts drawn as an empty marked stub so the picture cannot reveal them.

import Glibc  // rounded() needs libm

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

    private static let width = 640, plotTop = 28, plotHeight = 160, left = 44, right = 12

    /// The `<svg>` element (no XML declaration, no namespace URL: inline SVG in HTML needs neither).
    public func render() -> String {
        let bars = max(1, categories.count * max(1, series.count))
        let plotWidth = Self.width - Self.left - Self.right
        let groupWidth = Double(plotWidth) / Double(max(1, categories.count))
        let barWidth = max(2.0, (groupWidth * 0.8) / Double(max(1, series.count)))
        let largest = series.flatMap { $0.values.compactMap(\.number) }.max() ?? 0
        let scaleTop = Self.niceCeiling(max(largest, 1))
        let baseline = Self.plotTop + Self.plotHeight
        let legendRows = series.count > 1 ? (series.count + 2) / 3 : 0
        let height = baseline + 56 + legendRows * 16
        var svg = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(Self.width) \(height)\" width=\"100%\" aria-label=\"\(Markup.escape(title))\">"
        svg += "<title>\(Markup.escape(title))</title>"
        svg += "<text x=\"\(Self.left)\" y=\"16\" class=\"chart-title\">\(Markup.escape(title))</text>"
        for tick in [0, scaleTop / 2, scaleTop] {
            let y = baseline - Self.barHeight(tick, scaleTop: scaleTop)
            svg += "<line x1=\"\(Self.left)\" y1=\"\(y)\" x2=\"\(Self.width - Self.right)\" y2=\"\(y)\" class=\"grid\"/>"
            svg += "<text x=\"\(Self.left - 4)\" y=\"\(y + 4)\" text-anchor=\"end\" class=\"tick\">\(tick)</text>"
        }
        let showValues = bars <= 24
        for (g, category) in categories.enumerated() {
            let groupLeft = Double(Self.left) + Double(g) * groupWidth + groupWidth * 0.1
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
                    svg += "<rect x=\"\(x)\" y=\"\(baseline - 6)\" width=\"\(w)\" height=\"6\" fill=\"none\" stroke=\"\(colour)\" stroke-dasharray=\"2 2\"/>"
                    svg += "<text x=\"\(mid)\" y=\"\(baseline - 9)\" text-anchor=\"middle\" class=\"value\">\(Markup.escape(value.text(minCell: minCell)))</text>"
                }
            }
            let labelX = Self.format(groupLeft + groupWidth * 0.4)
            svg += "<text x=\"\(labelX)\" y=\"\(baseline + 14)\" text-anchor=\"end\" transform=\"rotate(-30 \(labelX) \(baseline + 14))\" class=\"tick\">\(Markup.escape(category))</text>"
        }
        if legendRows > 0 {
            for (s, line) in series.enumerated() {
                let x = Self.left + (s % 3) * 195, y = baseline + 48 + (s / 3) * 16
                svg += "<rect x=\"\(x)\" y=\"\(y - 9)\" width=\"10\" height=\"10\" fill=\"\(Self.palette[s % Self.palette.count])\"/>"
                svg += "<text x=\"\(x + 14)\" y=\"\(y)\" class=\"tick\">\(Markup.escape(line.name))</text>"
            }
        }
        return svg + "</svg>"
    }

    /// Pixels for `n` on an axis ending at `scaleTop`, in floating point so huge counts cannot overflow.
    static func barHeight(_ n: Int, scaleTop: Int) -> Int {
        Int((Double(n) * Double(plotHeight) / Double(max(scaleTop, 1))).rounded())
    }

    /// The smallest of 1, 2, 5 × 10ⁿ not below `n`, so axis ticks are round numbers.
    static func niceCeiling(_ n: Int) -> Int {
        var step = 1
        while true {
            for m in [1, 2, 5] {
                let (candidate, overflow) = step.multipliedReportingOverflow(by: m)
                if overflow { return max(n, 1) }
                if candidate >= n { return candidate }
            }
            let (next, overflow) = step.multipliedReportingOverflow(by: 10)
            if overflow { return max(n, 1) }
            step = next
        }
    }

    static func format(_ x: Double) -> String {
        let tenths = (x * 10).rounded()
        guard tenths.isFinite, abs(tenths) < 1e15 else { return "0" }
        let n = Int(tenths)
        return n % 10 == 0 ? String(n / 10) : decimal(tenths: n)
    }

    private static func decimal(tenths n: Int) -> String {
        let sign = n < 0 ? "-" : ""
        return sign + String(abs(n) / 10) + "." + String(abs(n) % 10)
    }
}
