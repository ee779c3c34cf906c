// ReaderMatch to and from command-line options: --device PATH | --usb VID:PID
// [--name-pattern GLOB] [--phys-pattern GLOB]. The same words are a stable text form for storage.

extension ReaderMatch: CustomStringConvertible {
    /// Builds a match from the values of the CLI options (nil = option absent).
    public init(device: String?, usb: String?, namePattern: String? = nil, physPattern: String? = nil) throws {
        switch (device, usb) {
        case (.some, .some):
            throw InputError.invalidMatch("give either --device or --usb, not both")
        case (nil, nil):
            throw InputError.invalidMatch("a reader needs --device PATH or --usb VID:PID")
        case (let path?, nil):
            guard namePattern == nil, physPattern == nil else {
                throw InputError.invalidMatch("--name-pattern and --phys-pattern go with --usb, not --device")
            }
            guard path.hasPrefix("/"), path.count > 1 else {
                throw InputError.invalidMatch(
                    "--device expects an absolute path like /dev/input/by-id/usb-…-event-kbd; got '\(path)'")
            }
            self = .path(path)
        case (nil, let id?):
            let (vendor, product) = try Self.parseUSBID(id)
            for (option, pattern) in [("--name-pattern", namePattern), ("--phys-pattern", physPattern)] where pattern?.isEmpty == true {
                throw InputError.invalidMatch("\(option) must not be empty")
            }
            self = .usb(vendor: vendor, product: product, namePattern: namePattern, physPattern: physPattern)
        }
    }

    /// Parses a list holding only these options, e.g. `["--usb", "0c2e:0b61", "--phys-pattern", "usb-*-1/*"]`.
    public init(arguments: [String]) throws {
        var values: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let option = arguments[index]
            guard ["--device", "--usb", "--name-pattern", "--phys-pattern"].contains(option) else {
                throw InputError.invalidMatch("unknown option '\(option)' for a reader's device")
            }
            guard index + 1 < arguments.count else { throw InputError.invalidMatch("\(option) needs a value") }
            guard values[option] == nil else { throw InputError.invalidMatch("\(option) given twice") }
            values[option] = arguments[index + 1]
            index += 2
        }
        try self.init(device: values["--device"], usb: values["--usb"],
                      namePattern: values["--name-pattern"], physPattern: values["--phys-pattern"])
    }

    /// The options that parse back to this match (`init(arguments:)`).
    public var arguments: [String] {
        switch self {
        case .path(let path):
            return ["--device", path]
        case .usb(let vendor, let product, let namePattern, let physPattern):
            var words = ["--usb", InputDeviceInfo.hex4(vendor) + ":" + InputDeviceInfo.hex4(product)]
            if let namePattern { words += ["--name-pattern", namePattern] }
            if let physPattern { words += ["--phys-pattern", physPattern] }
            return words
        }
    }

    /// The options as one line, e.g. `--usb 0c2e:0b61 --phys-pattern 'usb-*-1/*'` (quoted when needed).
    public var description: String {
        arguments.map { word in
            word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:@".contains($0) } ? word : "'" + word + "'"
        }.joined(separator: " ")
    }

    /// Parses "vvvv:pppp": exactly four hex digits each, as lsusb prints them.
    public static func parseUSBID(_ text: String) throws -> (vendor: UInt16, product: UInt16) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isHexDigit) }),
              let vendor = UInt16(parts[0], radix: 16), let product = UInt16(parts[1], radix: 16)
        else {
            throw InputError.invalidMatch(
                "--usb expects VID:PID as two 4-digit hex numbers (see lsusb), e.g. 0c2e:0b61; got '\(text)'")
        }
        return (vendor, product)
    }
}
