import Features
import Foundation
import Testing

/// Our front end against librosa 0.11 on six analytic signals (fixture made by
/// `Fixtures/make_librosa_fixtures.py`).
///
/// Tolerances: both sides compute in float32. MFCCs span tens to hundreds (MFCC 0 reaches
/// −500); float32 summation order alone moves them by ~1e-3 (the fixture records librosa's own
/// float32-vs-float64 spread), the fixture rounds to 5 significant digits (≤ 0.005 on |x| < 1000),
/// so 0.05 is a bound ten times above the expected noise that still catches any real error
/// (a wrong window, pad mode or filter edge moves values by whole units).
@Suite struct LibrosaParityTests {
    static let reference: LibrosaReference? = try? LibrosaReference.load()
    let analyzer = SpectralAnalyzer()

    @Test func fixtureLoads() throws {
        let ref = try #require(Self.reference)
        #expect(ref.signals.count == 6)
    }

    @Test(arguments: LibrosaReference.names)
    func signalMatchesPython(_ name: String) throws {
        let ref = try #require(Self.reference?.signals[name])
        let y = LibrosaReference.signal(name)
        for (i, v) in ref.first_samples.enumerated() {
            #expect(Double(y[i]) == v, "sample \(i) of \(name)")
        }
    }

    @Test(arguments: LibrosaReference.names)
    func mfccMatchesLibrosa(_ name: String) throws {
        let ref = try #require(Self.reference?.signals[name])
        let out = analyzer.analyze(LibrosaReference.signal(name))
        #expect(out.mfcc.rows == 20)
        #expect(out.mfcc.columns == ref.n_frames)
        var worst = 0.0
        for c in 0..<20 {
            for t in 0..<ref.n_frames {
                worst = max(worst, abs(Double(out.mfcc[c, t]) - ref.mfcc[c][t]))
            }
        }
        #expect(worst < 0.05, "max |Δ mfcc| = \(worst) for \(name)")
    }

    @Test(arguments: LibrosaReference.names)
    func melDecibelsMatchLibrosa(_ name: String) throws {
        let ref = try #require(Self.reference?.signals[name])
        let out = analyzer.analyze(LibrosaReference.signal(name))
        let worst = (0..<128).map { abs(Double(out.melDB[ref.mel_frame_index, $0]) - ref.mel_db_frame[$0]) }.max() ?? 0
        #expect(worst < 0.01, "max |Δ dB| = \(worst) for \(name)")
    }

    @Test(arguments: LibrosaReference.names)
    func onsetStrengthMatchesLibrosa(_ name: String) throws {
        let ref = try #require(Self.reference?.signals[name])
        let env = analyzer.analyze(LibrosaReference.signal(name)).onset.envelope
        #expect(env.count == ref.onset_strength.count)
        let worst = zip(env, ref.onset_strength).map { abs(Double($0) - $1) }.max() ?? 0
        // Envelope values are dB differences averaged over 128 bands (0…~40); float32 noise ~1e-4.
        #expect(worst < 0.01, "max |Δ onset| = \(worst) for \(name)")
    }

    @Test(arguments: LibrosaReference.names)
    func fortyCoefficientMeanMatchesLibrosa(_ name: String) throws {
        let ref = try #require(Self.reference?.signals[name])
        var p = FeatureParameters()
        p.mfccCount = 40
        let mfcc = SpectralAnalyzer(parameters: p).analyze(LibrosaReference.signal(name)).mfcc
        for c in 0..<40 {
            let mean = (0..<mfcc.columns).reduce(0.0) { $0 + Double(mfcc[c, $1]) } / Double(mfcc.columns)
            #expect(abs(mean - ref.mfcc40_mean[c]) < 0.05, "coefficient \(c) of \(name)")
        }
    }
}
