#if os(Linux)
import Glibc

/// libsndfile decodes MP3 through libmpg123, which prints its own diagnostics ("Note: Illegal
/// Audio-MPEG-Header …", "Warning: Xing stream size off …") straight to standard error, in the
/// middle of a build's progress and with no file name. libsndfile never sets mpg123's quiet
/// flag and gives no access to its decoder handle, so Backbeat interposes `mpg123_new`: this
/// definition in the executable is the one libsndfile's call binds to; it creates the handle with
/// the real function (the next definition, libmpg123's) and adds `MPG123_QUIET`. Damage is still
/// reported, as the file's reason in `skipped.csv` and on the terminal, by Backbeat's own checks.
///
/// Values from `mpg123.h` (stable since the 1.0 API): `MPG123_ADD_FLAGS` = 2, `MPG123_QUIET` = 0x20.
@_cdecl("mpg123_new")
public func backbeatMPG123New(_ decoder: UnsafePointer<CChar>?, _ error: UnsafeMutablePointer<Int32>?) -> OpaquePointer? {
    typealias New = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<Int32>?) -> OpaquePointer?
    typealias Param = @convention(c) (OpaquePointer?, Int32, Int, Double) -> Int32
    let next = UnsafeMutableRawPointer(bitPattern: -1) // RTLD_NEXT
    guard let real = dlsym(next, "mpg123_new") else {
        error?.pointee = 7 // MPG123_OUT_OF_MEM: "cannot create a decoder", the closest code
        return nil
    }
    let handle = unsafeBitCast(real, to: New.self)(decoder, error)
    if let handle, let param = dlsym(next, "mpg123_param") {
        _ = unsafeBitCast(param, to: Param.self)(handle, 2, 0x20, 0)
    }
    return handle
}
#endif
