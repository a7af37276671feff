import FuzzTargets
import Foundation

// The libFuzzer driver and a replay tool, one source:
// - built by `scripts/fuzz` with `-sanitize=fuzzer,address -D FUZZING`, `main` hands control to
//   libFuzzer (`LLVMFuzzerRunDriver`), which calls `fuzzOne` with generated inputs for the target
//   named by `BACKBEAT_FUZZ_TARGET`; libFuzzer's own flags follow on the command line;
// - built normally, `backbeat-fuzz TARGET FILE...` replays inputs through the same target
//   (what a crash reproducer needs to be debugged).

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

nonisolated(unsafe) var fuzzTarget = ""

func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzTargets.run(fuzzTarget, data)
    return 0
}
#endif

@main
struct Driver {
    static func main() {
        #if FUZZING
        fuzzTarget = ProcessInfo.processInfo.environment["BACKBEAT_FUZZ_TARGET"] ?? ""
        guard FuzzTargets.names.contains(fuzzTarget) else { usage("BACKBEAT_FUZZ_TARGET must be one of") }
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
        #else
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let target = arguments.first, FuzzTargets.names.contains(target) else { usage("usage: backbeat-fuzz TARGET FILE..., TARGET one of") }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("\(path): cannot be read\n".utf8))
                exit(1)
            }
            FuzzTargets.run(target, data)
            print("\(path): ok")
        }
        #endif
    }

    static func usage(_ text: String) -> Never {
        FileHandle.standardError.write(Data("\(text): \(FuzzTargets.names.joined(separator: ", "))\n".utf8))
        exit(2)
    }
}
