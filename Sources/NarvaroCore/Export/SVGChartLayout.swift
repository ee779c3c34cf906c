// Text geometry for SVGChart without a font engine: a conservative width estimate, word wrapping,
// and where the category labels go, so no two labels of a chart can overlap (the browser test measures).

import Glibc  // rounded() and ceil() need libm

extension SVGChart {
    static let fontSize = 12.0
    static let lineHeight = 14.0

    /// Width of `text` at `fontSize`, a little over what DejaVu Sans or Liberation Sans need, so a
    /// label judged to fit does fit.
    static func estimatedWidth(_ text: String, fontSize: Double = fontSize) -> Double {
        var ems = 0.0
        for c in text {
            if "iljtfr.,:;'|!()[]".contains(c) { ems += 0.4 }
            else if "mwMW—".contains(c) { ems += 1.0 }
            else if c == " " { ems += 0.34 }
            else if c.isNumber { ems += 0.66 }
            else if c.isUppercase { ems += 0.76 }
            else { ems += 0.64 }
        }
        return ems * fontSize
    }

    /// `text` broken at spaces into lines no wider than `width`; `nil` when one word alone is wider.
    static func wrap(_ text: String, width: Double) -> [String]? {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            guard estimatedWidth(word) <= width else { return nil }
            let candidate = line.isEmpty ? word : line + " " + word
            if estimatedWidth(candidate) <= width { line = candidate } else { lines.append(line); line = word }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// How the category labels under the bars are set.
    struct AxisLabels: Equatable {
        /// Horizontal: the lines of each label, centred under its group. Vertical: one line each.
        var lines: [[String]]
        var vertical: Bool
        /// Only every `step`-th label is drawn when vertical labels would be closer than a line.
        var step: Int
        /// Height the labels need below the axis.
        var height: Double
    }

    static let maxLabelLines = 2
    static let maxVerticalLabel = 24

    /// Horizontal labels (wrapped to at most two lines) when every one fits its group's width;
    /// otherwise vertical ones, shortened with "…" past 24 characters, thinned out to a line apart.
    static func axisLabels(_ labels: [String], slot: Double) -> AxisLabels {
        let wrapped = labels.map { wrap($0, width: slot - 6) }
        if wrapped.allSatisfy({ ($0?.count ?? Int.max) <= maxLabelLines }) {
            let lines = wrapped.map { $0 ?? [] }
            let most = lines.map(\.count).max() ?? 1
            return AxisLabels(lines: lines, vertical: false, step: 1, height: Double(most) * lineHeight + 8)
        }
        let short = labels.map { $0.count > maxVerticalLabel ? String($0.prefix(maxVerticalLabel - 1)) + "…" : $0 }
        let step = max(1, Int(ceil(lineHeight / max(slot, 0.1))))
        let longest = short.map { estimatedWidth($0) }.max() ?? 0
        return AxisLabels(lines: short.map { [$0] }, vertical: true, step: step, height: longest + 12)
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

    /// Pixels for `n` on an axis ending at `scaleTop`, in floating point so huge counts cannot overflow.
    static func barHeight(_ n: Int, scaleTop: Int) -> Int {
        Int((Double(n) * Double(plotHeight) / Double(max(scaleTop, 1))).rounded())
    }

    /// A coordinate with at most one decimal, as SVG attributes want it.
    static func format(_ x: Double) -> String {
        let tenths = (x * 10).rounded()
        guard tenths.isFinite, abs(tenths) < 1e15 else { return "0" }
        let n = Int(tenths)
        if n % 10 == 0 { return String(n / 10) }
        return (n < 0 ? "-" : "") + String(abs(n) / 10) + "." + String(abs(n) % 10)
    }
}
