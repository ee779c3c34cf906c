// narvaro-web as a process: a CGI request from the environment and standard input, the response
// to standard output. `--write-static DIR` writes the fingerprinted assets for nginx to serve.
import NarvaroCore
import Foundation

public enum WebProgram {
    public static func main(arguments: [String], environment: [String: String]) -> Int32 {
        let args = Array(arguments.dropFirst())
        if args.isEmpty {
            let now = EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
            let response = WebApp.respond(environment: environment, readBody: { count in
                Array(FileHandle.standardInput.readData(ofLength: count))
            }, now: now)
            write(response.serialized(head: environment["REQUEST_METHOD"]?.uppercased() == "HEAD"))
            return 0
        }
        switch args.first {
        case "--write-static" where args.count == 2:
            let directory = args[1]
            do {
                for asset in StaticAsset.all {
                    try Data(asset.content.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent(asset.fingerprintedName))
                    print("\(directory)/\(asset.fingerprintedName)")
                }
                return 0
            } catch {
                FileHandle.standardError.write(Data("narvaro-web: cannot write into \(directory): \(error.localizedDescription)\n".utf8))
                return 1
            }
        case "--help" where args.count == 1, "-h" where args.count == 1:
            print("""
            usage: narvaro-web                      a CGI program: run it from fcgiwrap behind nginx (README "In a browser")
                   narvaro-web --write-static DIR   write the stylesheet and script under their fingerprinted names
            Environment: NARVARO_DATABASE, NARVARO_CARD_KEY, NARVARO_WEB_CONFIG (default /etc/narvaro/web.conf), REMOTE_USER.
            """)
            return 0
        default:
            FileHandle.standardError.write(Data("narvaro-web: unknown arguments '\(arguments.dropFirst().joined(separator: " "))': see narvaro-web --help\n".utf8))
            return 2
        }
    }

    static func write(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }
}
