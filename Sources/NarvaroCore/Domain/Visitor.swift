// A pseudonymous visitor: a short code, optional nickname, birth year, gender and role.
// There is deliberately no field for a personal identity number or free-text notes.

/// Stored (`visitors.gender`, `day_totals.gender`) and typed (`--gender`) by its raw value.
public enum Gender: String, CaseIterable, Sendable, Codable {
    case woman, man, other, unstated

    /// The column key in exports (CSV, JSON, HTML, central): the raw value, except `not_stated`
    /// for `unstated`, the key exports have carried since their first version. The only place
    /// that spelling lives; the stored value stays `unstated`.
    public var exportKey: String { self == .unstated ? "not_stated" : rawValue }
}

public enum Role: String, CaseIterable, Sendable, Codable {
    case participant, volunteer, staff
}

public struct Visitor: Hashable, Sendable {
    public var id: Int64
    public var code: String
    public var nickname: String?
    public var birthYear: Int?
    public var gender: Gender
    public var role: Role
    /// False for the placeholder that stands for a card nobody has enrolled yet.
    public var enrolled: Bool
    public var createdAt: EventTime

    /// What the front desk shows: the nickname, else the code.
    public var displayName: String { nickname.flatMap { $0.isEmpty ? nil : $0 } ?? code }

    /// The longest nickname, in characters: it is a greeting on the desk's one line.
    public static let longestNickname = 60
}

/// Visitor codes: six characters from an alphabet without look-alikes (no 0/O, 1/I/L, U),
/// easy to read aloud and type, e.g. `K7M2QD`.
public struct VisitorCodeGenerator {
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTVWXYZ")
    private(set) var generator: any RandomNumberGenerator

    public init(generator: any RandomNumberGenerator = SystemRandomNumberGenerator()) {
        self.generator = generator
    }

    /// One draw for all six characters: a number uniform below 30⁶ (it fits in 32 bits), written
    /// in base 30, is a uniform code. Six draws were six `getrandom` calls per new card.
    public mutating func next() -> String {
        var number = UInt64.random(in: 0..<Self.codeCount, using: &generator)
        var characters: [Character] = []
        characters.reserveCapacity(6)
        for _ in 0..<6 {
            characters.append(Self.alphabet[Int(number % UInt64(Self.alphabet.count))])
            number /= UInt64(Self.alphabet.count)
        }
        return String(characters)
    }
    private static let codeCount: UInt64 = (0..<6).reduce(1) { product, _ in product * UInt64(alphabet.count) }

    /// Whether `code` has the form of a visitor code (case-insensitive input is uppercased first).
    public static func isValid(_ code: String) -> Bool {
        code.count == 6 && code.allSatisfy { alphabet.contains($0) }
    }
}
