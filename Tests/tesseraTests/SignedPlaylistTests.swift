import Testing
@testable import Server

/// A playlist read through a signed link names its segments by signed links; anything but a plain name beside it is dropped.
struct SignedPlaylistTests {
    @Test(arguments: [
        ("#EXTM3U\n#EXT-X-MAP:URI=\"recording-init.mp4\"\n#EXTINF:2.0,\nrecording-00000.m4s\n",
         "#EXTM3U\n#EXT-X-MAP:URI=\"recording-init.mp4?s\"\n#EXTINF:2.0,\nrecording-00000.m4s?s\n"),
        ("#EXTINF:2.0,\nhttp://elsewhere/x.m4s\n#EXTINF:2.0,\n../secret\n#EXTINF:2.0,\n.hidden\n#EXT-X-ENDLIST",
         "#EXTINF:2.0,\n#EXTINF:2.0,\n#EXTINF:2.0,\n#EXT-X-ENDLIST"),
        ("#EXT-X-MAP:URI=\"/etc/passwd\"\nok.m4s", "ok.m4s?s"),
        ("#EXT-X-MAP:URI=\"unterminated\nok.m4s", "ok.m4s?s"),
        ("", ""),
    ] as [(String, String)])
    func segmentsGetSignedLinks(playlist: String, expected: String) {
        #expect(SignedPlaylist.rewrite(playlist) { $0 + "?s" } == expected)
    }
}
