import Foundation
@testable import ObjectStorage
import Testing

/// AWS Signature Version 4 against the request/signature pairs AWS
/// publishes: the signature test suite (`get-vanilla` …, credentials
/// AKIDEXAMPLE, service `service`) and the S3 examples of its
/// "Authenticating Requests" pages (AKIAIOSFODNN7EXAMPLE, 2013-05-24).
struct SigV4Tests {
    static let suiteCredentials = S3Credentials(accessKey: "AKIDEXAMPLE", secretKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let s3Credentials = S3Credentials(accessKey: "AKIAIOSFODNN7EXAMPLE", secretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    struct Vector: Sendable, CustomStringConvertible {
        var name: String
        var request: SigV4Request
        var credentials: S3Credentials
        var scope: SigV4.Scope
        var amzDate: String
        var signedHeaders: String
        var signature: String
        var description: String { name }
    }

    static let vectors: [Vector] = {
        let suiteHeaders: [(name: String, value: String)] = [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")]
        let suite = SigV4.Scope(region: "us-east-1", service: "service")
        let s3 = SigV4.Scope(region: "us-east-1")
        let s3Headers: [(name: String, value: String)] = [("Host", "examplebucket.s3.amazonaws.com"), ("x-amz-content-sha256", emptyHash),
                                                          ("x-amz-date", "20130524T000000Z")]
        let putBodyHash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"
        return [
            Vector(name: "get-vanilla", request: .init(method: "GET", encodedPath: "/", headers: suiteHeaders, payloadHash: emptyHash),
                   credentials: suiteCredentials, scope: suite, amzDate: "20150830T123600Z", signedHeaders: "host;x-amz-date",
                   signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
            Vector(name: "get-vanilla-query-order-key-case",
                   request: .init(method: "GET", encodedPath: "/", query: [("Param2", "value2"), ("Param1", "value1")], headers: suiteHeaders,
                                  payloadHash: emptyHash),
                   credentials: suiteCredentials, scope: suite, amzDate: "20150830T123600Z", signedHeaders: "host;x-amz-date",
                   signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
            Vector(name: "S3 GET Object with Range",
                   request: .init(method: "GET", encodedPath: "/test.txt", headers: s3Headers + [("Range", "bytes=0-9")], payloadHash: emptyHash),
                   credentials: s3Credentials, scope: s3, amzDate: "20130524T000000Z", signedHeaders: "host;range;x-amz-content-sha256;x-amz-date",
                   signature: "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"),
            Vector(name: "S3 PUT Object (the key's $ encoded)",
                   request: .init(method: "PUT", encodedPath: "/" + URIEncoding.encode("test$file.text", keepingSlash: true),
                                  headers: [("Host", "examplebucket.s3.amazonaws.com"), ("Date", "Fri, 24 May 2013 00:00:00 GMT"),
                                            ("x-amz-date", "20130524T000000Z"), ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                                            ("x-amz-content-sha256", putBodyHash)],
                                  payloadHash: putBodyHash),
                   credentials: s3Credentials, scope: s3, amzDate: "20130524T000000Z",
                   signedHeaders: "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                   signature: "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"),
            Vector(name: "S3 GET Bucket Lifecycle (a query item without value)",
                   request: .init(method: "GET", encodedPath: "/", query: [("lifecycle", "")], headers: s3Headers, payloadHash: emptyHash),
                   credentials: s3Credentials, scope: s3, amzDate: "20130524T000000Z", signedHeaders: "host;x-amz-content-sha256;x-amz-date",
                   signature: "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"),
            Vector(name: "S3 GET Bucket (list, query sorted)",
                   request: .init(method: "GET", encodedPath: "/", query: [("max-keys", "2"), ("prefix", "J")], headers: s3Headers, payloadHash: emptyHash),
                   credentials: s3Credentials, scope: s3, amzDate: "20130524T000000Z", signedHeaders: "host;x-amz-content-sha256;x-amz-date",
                   signature: "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"),
        ]
    }()

    @Test(arguments: vectors)
    func signatureMatchesThePublishedOne(_ vector: Vector) {
        let signed = SigV4.signature(vector.request, credentials: vector.credentials, scope: vector.scope, amzDate: vector.amzDate)
        #expect(signed.signedHeaders == vector.signedHeaders)
        #expect(signed.signature == vector.signature)
    }

    @Test func theAuthorizationHeaderNamesCredentialScopeAndHeaders() {
        let vector = Self.vectors[0]
        #expect(SigV4.authorization(vector.request, credentials: vector.credentials, scope: vector.scope, amzDate: vector.amzDate)
            == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
            + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    /// The intermediate steps of the S3 GET example, as AWS prints them.
    @Test func canonicalRequestAndStringToSignOfTheGetExample() {
        let vector = Self.vectors[2]
        let canonical = SigV4.canonicalRequest(vector.request).text
        #expect(canonical == "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\nx-amz-content-sha256:\(Self.emptyHash)\n"
            + "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n\(Self.emptyHash)")
        #expect(SigV4.stringToSign(canonicalRequest: canonical, amzDate: vector.amzDate, scope: vector.scope)
            == "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972")
    }

    /// AWS's presigned URL example: GET test.txt, valid 86400 s.
    @Test func presignedURLMatchesThePublishedExample() {
        let query = SigV4.presignedQuery(method: "GET", encodedPath: "/test.txt", host: "examplebucket.s3.amazonaws.com",
                                         credentials: Self.s3Credentials, scope: .init(region: "us-east-1"), amzDate: "20130524T000000Z",
                                         expiresSeconds: 86400)
        #expect(query == "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }

    @Test(arguments: [
        ("test$file.text", "test%24file.text"), ("a b/c+d", "a%20b/c%2Bd"), ("ünï", "%C3%BCn%C3%AF"), ("~._-", "~._-"),
    ])
    func keysAreEncodedAsSigV4Wants(_ key: String, _ encoded: String) {
        #expect(URIEncoding.encode(key, keepingSlash: true) == encoded)
        #expect(URIEncoding.decode(encoded) == key)
    }

    @Test func headersAreFoldedAndMerged() {
        let folded = SigV4.canonicalHeaders([("My-Header1", "  a   b   c "), ("my-header1", "d"), ("Host", "x")])
        #expect(folded.text == "host:x\nmy-header1:a b c,d\n")
        #expect(folded.signed == "host;my-header1")
    }

    @Test func amzDateIsUTC() {
        #expect(AmzDate.text(Date(timeIntervalSince1970: 1_369_353_600)) == "20130524T000000Z")
        #expect(AmzDate.text(Date(timeIntervalSince1970: 1_440_938_160)) == "20150830T123600Z")
    }
}
