// The sd_notify protocol spoken directly (no libsystemd): newline-separated KEY=VALUE fields in
// one datagram to $NOTIFY_SOCKET. Tells systemd READY, STATUS, WATCHDOG and STOPPING.
import FoundationEssentials  // ProcessInfo only: the daemon stays clear of full Foundation
import Glibc

/// Sends state to the service manager. A no-op when `NOTIFY_SOCKET` is unset (run by hand, in tests).
public struct SystemdNotifier {
    /// The socket named by `NOTIFY_SOCKET`, or `nil` when notifications are off.
    public let socketName: String?
    /// How often to send `WATCHDOG=1`: half of `WATCHDOG_USEC`, so one late tick is not fatal;
    /// `nil` when the watchdog is off or `WATCHDOG_PID` names another process.
    public let watchdogInterval: Duration?
    private let socket: FileDescriptor?

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from `environment` (injectable for
    /// tests) and opens an unbound datagram socket when a notify socket is set.
    /// Wraps `socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC)`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, processID: Int32 = getpid()) throws {
        let name = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        socketName = name
        watchdogInterval = Self.watchdogInterval(environment: environment, processID: processID)
        if name != nil {
            let type = Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
            let fd = try retryOnInterrupt("socket") { Glibc.socket(AF_UNIX, type, 0) }
            socket = FileDescriptor(rawValue: fd)
        } else {
            socket = nil
        }
    }

    /// Whether messages go anywhere.
    public var isEnabled: Bool { socket != nil }

    /// Sends `fields` (e.g. `["READY=1", "STATUS=2 readers"]`) as one datagram. Newlines inside a
    /// field are replaced by spaces so a status text cannot forge another field.
    /// Wraps `sendto(2)`.
    public func send(_ fields: [String]) throws {
        guard let socket, let socketName else { return }
        guard let address = UnixSocketAddress(socketName) else {
            throw SystemError("sendto", path: socketName, errno: .invalidArgument)
        }
        let message = Array(fields.map { $0.replacingNewlines() }.joined(separator: "\n").utf8)
        let sent = try address.withSockaddr { sockaddr, length in
            try message.withUnsafeBytes { bytes in
                try retryOnInterrupt("sendto", path: socketName) {
                    sendto(socket.rawValue, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), sockaddr, length)
                }
            }
        }
        if sent != message.count { throw SystemError("sendto", path: socketName, errno: .wouldBlock) }
    }

    /// `READY=1` with a status line: startup is complete.
    public func ready(status: String) throws { try send(["READY=1", "STATUS=\(status)"]) }
    /// `STATUS=…`: shown by `systemctl status`.
    public func status(_ text: String) throws { try send(["STATUS=\(text)"]) }
    /// `WATCHDOG=1`: the loop is alive. Send every `watchdogInterval`.
    public func watchdog() throws { try send(["WATCHDOG=1"]) }
    /// `STOPPING=1`: shutdown has begun.
    public func stopping() throws { try send(["STOPPING=1"]) }

    /// Closes the socket. Wraps `close(2)`.
    public func close() throws { try socket?.close() }

    static func watchdogInterval(environment: [String: String], processID: Int32) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let usec = UInt64(text), usec > 0 else { return nil }
        if let pid = environment["WATCHDOG_PID"], Int32(pid) != processID { return nil }
        guard let half = Int64(exactly: usec / 2) else { return nil }
        return .microseconds(half)
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r\n" || $0 == "\r" ? " " : $0 })
    }
}
