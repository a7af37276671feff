#if canImport(Glibc)
import Glibc
#endif

extension Platform {
    /// This machine's host name (`gethostname`, no DNS lookup); "localhost" when unavailable.
    public static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// 8 hex digits of the FNV-1a hash of ``hostName``: tells, in a temporary file's name on a
    /// shared file system, whether its writer ran on this machine (so its PID means something here).
    public static let hostTag: String = {
        var h: UInt32 = 0x811C_9DC5
        for byte in hostName.utf8 { h = (h ^ UInt32(byte)) &* 0x0100_0193 }
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }()
}
