/// The spectral front end, shared by every feature: one STFT pass gives the dB mel
/// spectrogram, MFCCs and onset envelopes.
///
/// Holds an FFTW plan and tables: make one per worker thread and reuse it for many clips.
public final class SpectralAnalyzer {
    public let parameters: FeatureParameters
    let stft: STFT
    let mel: MelFilterbank
    let dct: [Float]
    let centres: [Double]

    public init(parameters: FeatureParameters = FeatureParameters()) {
        self.parameters = parameters
        stft = STFT(nFFT: parameters.nFFT, hop: parameters.hop)
        mel = MelFilterbank(sampleRate: parameters.sampleRate, nFFT: parameters.nFFT, bands: parameters.melBands)
        dct = Cepstrum.dctMatrix(count: parameters.mfccCount, length: parameters.melBands)
        centres = MelFilterbank.centreFrequencies(bands: parameters.melBands, sampleRate: parameters.sampleRate)
    }

    /// The front end's outputs for one clip.
    public struct Output: Sendable {
        /// dB mel spectrogram, frame-major `frames × melBands` (power_to_db, top_db 80).
        public let melDB: Matrix
        /// MFCCs, coefficient-major `mfccCount × frames`.
        public let mfcc: Matrix
        /// Onset strength envelopes (full band and low/mid/high), one value per frame.
        public let onset: OnsetStrength
        /// Frames per second.
        public let frameRate: Double
    }

    /// Analyses mono samples at ``FeatureParameters/sampleRate``.
    public func analyze(_ samples: [Float]) -> Output {
        var melDB = stft.melPower(samples, bank: mel)
        Cepstrum.powerToDB(&melDB)
        let mfcc = Cepstrum.mfcc(fromDB: melDB, count: parameters.mfccCount, dct: dct)
        let onset = OnsetStrength(melDB: melDB, centres: centres, shift: 1 + parameters.nFFT / (2 * parameters.hop))
        return Output(melDB: melDB, mfcc: mfcc, onset: onset, frameRate: parameters.frameRate)
    }
}
