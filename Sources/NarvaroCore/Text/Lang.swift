// The two languages every word a person reads exists in, how one is chosen, and how numbers
// are written in it. The words themselves: Words.swift (tables) and Phrases.swift (help, errors).

public enum Lang: String, CaseIterable, Sendable, Equatable {
    case sv, en

    /// `--lang`, else `NARVARO_LANG`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: Swedish when
    /// it starts with `sv`), else English. An unknown NARVARO_LANG is an error, like a bad `--lang`.
    public static func resolve(option: String?, environment: [String: String]) throws(LangError) -> Lang {
        if let option {
            guard let lang = Lang(rawValue: option.lowercased()) else { throw LangError(source: "--lang", value: option) }
            return lang
        }
        if let chosen = environment["NARVARO_LANG"], !chosen.isEmpty {
            guard let lang = Lang(rawValue: chosen.lowercased()) else { throw LangError(source: "NARVARO_LANG", value: chosen) }
            return lang
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        return locale.hasPrefix("sv") ? .sv : .en
    }

    /// A decimal number with `digits` decimals: `10,5` in Swedish, `10.5` in English.
    public func decimal(_ value: Double, digits: Int = 1) -> String {
        guard value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale), fraction = Int(scaled.truncatingRemainder(dividingBy: scale))
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard digits > 0 else { return sign + String(whole) }
        let decimals = String(fraction)
        return sign + String(whole) + (self == .sv ? "," : ".") + String(repeating: "0", count: digits - decimals.count) + decimals
    }
}

/// A language named that is neither sv nor en.
public struct LangError: Error, CustomStringConvertible, Sendable {
    public var source: String
    public var value: String
    public var description: String { "\(source) takes sv or en, not '\(value)'" }
}
