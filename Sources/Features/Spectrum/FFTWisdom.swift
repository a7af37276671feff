import CFFTW

/// Pre-planned FFTW wisdom for the default STFT size (real-to-complex, out of place, n = 2048).
///
/// `FFTW_ESTIMATE` keeps plans independent of timing, so output is reproducible, but its
/// heuristic plan for n = 2048 runs about 3.4 µs per transform here against 2.3 µs for the plan
/// `FFTW_PATIENT` finds: some 1.4 ms per 30 s clip. Importing this fixed wisdom gives
/// every process the patient plan with no timing-dependent choice at run time, so results stay
/// reproducible. The string is the output of `fftwf-wisdom -n -o - rof2048` (Debian package
/// `fftw-bin`, FFTW 3.3.10) on an x86-64 machine with AVX; see Frigo & Johnson, "The Design and
/// Implementation of FFTW3", Proc. IEEE 93(2), 2005, on wisdom.
///
/// Where the wisdom does not apply, FFTW plans by `FFTW_ESTIMATE` as before: another FFTW
/// version or build configuration rejects the import (``imported`` is false), and a CPU without
/// those codelets or another size simply finds no matching entry.
enum FFTWisdom {
    static let r2c2048 = """
    (fftw-3.3.10 fftwf_wisdom #x9e7d4dee #xdb14fed1 #x34bf76a4 #xeb6e8fdf
      (fftwf_codelet_r2cfII_8 2 #x11048 #x11048 #x0 #x9b71d905 #x7d7faf81 #x09c45860 #x2a522386)
      (fftwf_codelet_n2fv_32_avx 0 #x11048 #x11048 #x0 #x464701a4 #x62cd293e #x4ab4a208 #x6d653035)
      (fftwf_codelet_t2fv_8_avx 0 #x11048 #x11048 #x0 #xb0bde699 #x3baa1ac0 #xdbbed5b2 #x3b1456c3)
      (fftwf_codelet_hc2cfdftv_8_sse2 0 #x11048 #x11048 #x0 #xc447d79d #x3bb36c12 #x2e7c8386 #xc241521c)
      (fftwf_codelet_r2cf_8 2 #x11048 #x11048 #x0 #xa8e723ad #x5577b756 #x19ace181 #xf0b6f4b2)
      (fftwf_dft_vrank_geq1_register 0 #x11048 #x11048 #x0 #xcdae671b #x4630593c #xfeb2034a #x300da013)
    )
    """

    /// Imports the wisdom once per process. Read only while holding the planner lock (FFTW's
    /// planner, wisdom included, is not thread-safe): through ``RealFFT/wisdomImported``.
    static let imported: Bool = fftwf_import_wisdom_from_string(r2c2048) != 0

    /// The linked FFTW's version string, e.g. `fftw-3.3.10`.
    static var version: String {
        String(cString: backbeat_fftwf_version())
    }
}
