import Foundation

/// Any error as one clear line for a person: the path it concerns and the reason, never a raw
/// `NSCocoaErrorDomain … Code=512 "(null)"` dump.
public enum ErrorText {
    public static func line(_ error: any Error) -> String {
        switch error {
        case let error as CocoaError: return cocoa(error)
        case let error as POSIXError: return String(cString: strerror(error.code.rawValue))
        case let error as DecodingError: return decoding(error)
        default:
            if type(of: error) is NSError.Type { return nsError(error as NSError) }
            return String(describing: error)
        }
    }

    /// A Foundation file error: `path: reason`, the reason from the underlying POSIX error when
    /// there is one, else from the error code.
    static func cocoa(_ error: CocoaError) -> String {
        let nsError = error as NSError
        let path = error.userInfo[NSFilePathErrorKey] as? String ?? error.userInfo[NSURLErrorKey].map { "\($0)" }
        var reason: String
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(underlying.code)))
        } else if let described = nsError.userInfo[NSLocalizedDescriptionKey] as? String, !described.isEmpty {
            reason = described
        } else {
            reason = codeReason(error.code)
        }
        if let path, reason.hasPrefix(path) { return reason }
        if let path { reason = "\(path): \(reason)" }
        return reason
    }

    static func codeReason(_ code: CocoaError.Code) -> String {
        switch code {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
        case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
        case .fileWriteOutOfSpace: return "no space left on the device"
        case .fileWriteVolumeReadOnly: return "the file system is read-only"
        case .fileWriteFileExists: return "a file of that name already exists"
        case .fileReadCorruptFile: return "damaged or not in the expected format"
        case .fileReadTooLarge: return "too large to read"
        case .fileReadInvalidFileName, .fileWriteInvalidFileName: return "invalid file name"
        case .fileReadUnknown: return "cannot be read"
        case .fileWriteUnknown: return "cannot be written (is it a folder, or is its folder a file?)"
        default: return "file operation failed (code \(code.rawValue))"
        }
    }

    static func decoding(_ error: DecodingError) -> String {
        func at(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "" : " at " + path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field \(key.stringValue)\(at(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong or missing value\(at(context.codingPath))"
        case .dataCorrupted(let context): return "not valid JSON\(at(context.codingPath))"
        @unknown default: return "cannot be decoded"
        }
    }

    static func nsError(_ error: NSError) -> String {
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        if error.domain == NSCocoaErrorDomain { return cocoa(CocoaError(CocoaError.Code(rawValue: error.code), userInfo: error.userInfo)) }
        let described = error.localizedDescription
        return described.isEmpty || described.contains("(null)") ? "\(error.domain) error \(error.code)" : described
    }
}
