import SDP
import WebRTC

/// One negotiation, whichever way into a call it serves (a WHIP publish, a
/// room member's offer, a renegotiation, an answer to our own offer): the
/// far side's SDP in; our answer (when we answer) and the configuration of
/// the receiving connection out. Sans-I/O: the caller opens the connection.
struct Negotiation {
    /// What every connection of this server shares.
    struct Settings {
        var recordingBitrate: UInt64
        var consentTimeoutMicros: Int64
        var connectTimeoutMicros: Int64
    }

    /// The offer as understood, our answer, and the connection it asks for.
    struct Answered {
        var answer: SessionDescription
        var details: OfferDetails
        var connection: ReceiveConnection.Configuration
    }

    /// Answers the far side's offer as the controlled ICE agent (the offerer controls, RFC 8445 §6.1.1).
    static func answer(offer text: String, local: AnswerParameters, settings: Settings) throws(WHIPError) -> Answered {
        let offer: SessionDescription
        do { offer = try SessionDescription.parse(text) } catch { throw .malformed("malformed SDP offer: \(error)") }
        let details = try OfferDetails(offer)
        let answer: SessionDescription, accepted: [NegotiatedMedia]
        do { (answer, accepted) = try RecvOnlyAnswer.make(for: offer, local) } catch { throw refusal(error) }
        let connection = configuration(local: local.ice, remote: details, role: .controlled, dtlsRole: details.dtlsRole,
                                       media: accepted, settings: settings)
        return Answered(answer: answer, details: details, connection: connection)
    }

    /// The far side's answer to our offer: we control ICE (an ICE-lite answerer needs it).
    static func answered(_ call: CallOffer, answer text: String, settings: Settings) throws(WHIPError) -> ReceiveConnection.Configuration {
        let answer: SessionDescription
        do { answer = try SessionDescription.parse(text) } catch { throw .malformed("malformed SDP answer: \(error)") }
        let details = try OfferDetails(answer)
        let accepted: [NegotiatedMedia], dtlsRole: DTLSTransport.Role
        do { (accepted, dtlsRole) = try RecvOnlyOffer.negotiated(offer: call.offer, answer: answer) } catch { throw refusal(error) }
        return configuration(local: call.localICE, remote: details, role: .controlling, dtlsRole: dtlsRole, media: accepted, settings: settings)
    }

    private static func configuration(local: ICECredentials, remote details: OfferDetails, role: ICEAgent.Role, dtlsRole: DTLSTransport.Role,
                                      media: [NegotiatedMedia], settings: Settings) -> ReceiveConnection.Configuration {
        var configuration = ReceiveConnection.Configuration(
            localICE: local, remoteICE: details.ice, iceRole: role, dtlsRole: dtlsRole,
            remoteFingerprint: details.fingerprint, media: media, declared: details.declared,
            recordingBitrate: settings.recordingBitrate)
        configuration.remoteCandidates = details.candidates
        configuration.consentTimeoutMicros = settings.consentTimeoutMicros
        configuration.connectTimeoutMicros = settings.connectTimeoutMicros
        return configuration
    }

    private static func refusal(_ error: AnswerError) -> WHIPError {
        error.kind == .unsupportedCodecs ? .unsupported(error.description) : .malformed(error.description)
    }
}
