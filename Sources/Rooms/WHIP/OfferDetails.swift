import SDP
import WebRTC

/// What a publisher's offer says about its side of the connection: ICE
/// credentials, the DTLS fingerprint and role, and the SSRCs it announces.
struct OfferDetails {
    var ice: ICECredentials
    var fingerprint: String
    /// Our DTLS role: the offerer's `actpass` or `active` makes us the server (RFC 8842 §5.3).
    var dtlsRole: DTLSTransport.Role
    var declared: [String: DeclaredStreams]
    /// Usable candidates from the offer (BUNDLE: all sections share one transport).
    var candidates: [ICECandidate]

    init(_ offer: SessionDescription) throws(WHIPError) {
        let first = offer.media.first
        guard let ufrag = first?.attribute("ice-ufrag") ?? offer.attribute("ice-ufrag"),
              let password = first?.attribute("ice-pwd") ?? offer.attribute("ice-pwd") else {
            throw .malformed("the offer has no a=ice-ufrag / a=ice-pwd")
        }
        // RFC 8445 §5.3: ufrag at least 4 characters, password at least 22.
        guard ufrag.count >= 4, ufrag.count <= 256, password.count >= 22, password.count <= 256 else {
            throw .malformed("a=ice-ufrag must have 4–256 characters and a=ice-pwd 22–256")
        }
        guard let fingerprint = first?.attribute("fingerprint") ?? offer.attribute("fingerprint") else {
            throw .malformed("the offer has no a=fingerprint: DTLS cannot be authenticated")
        }
        guard fingerprint.lowercased().hasPrefix("sha-256 ") else {
            throw .malformed("a=fingerprint:\(fingerprint): tessera checks sha-256 fingerprints only")
        }
        let setup = first?.attribute("setup") ?? offer.attribute("setup") ?? "actpass"
        ice = ICECredentials(ufrag: ufrag, password: password)
        self.fingerprint = fingerprint
        dtlsRole = setup == "passive" ? .client : .server
        var declared: [String: DeclaredStreams] = [:]
        for section in offer.media {
            if let mid = section.attribute("mid") { declared[mid] = DeclaredStreams(section: section) }
        }
        self.declared = declared
        candidates = offer.media.flatMap { $0.attributes(named: "candidate") }.compactMap { try? ICECandidate(parsing: $0) }
    }
}
