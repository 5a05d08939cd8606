import CFFmpeg
import COpenSSL
import COpus
import CSRTP
import Testing

/// The system-library modules import, link and call into Debian's libraries
/// at the versions DESIGN.md was measured with.
@Suite struct CLibraryLinkTests {
    @Test func ffmpegIsVersion59() {
        #expect(avcodec_version() >> 16 == 59)
        #expect(avcodec_find_encoder_by_name("libx264") != nil)
        #expect(avcodec_find_decoder(AV_CODEC_ID_VP8) != nil)
        #expect(tessera_averror_eof() < 0)
    }

    @Test func opusAndSRTPAndOpenSSLRespond() {
        #expect(String(cString: opus_get_version_string()).hasPrefix("libopus 1.3"))
        #expect(srtp_get_version() >> 24 == 2)  // libsrtp2 (srtp_init is run once by SRTPSession)
        #expect(OpenSSL_version_num() >> 28 == 3)
    }
}
