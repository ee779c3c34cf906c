// The software version, printed by --version and written into every export header.
public enum NarvaroVersion {
    public static let string = "0.1.0"
}
