@testable import ObjectStorage
import Testing

/// `--storage s3://BUCKET/PREFIX`, `--s3-endpoint` and per-job prefixes: what is accepted, what is refused.
struct S3LocationTests {
    @Test(arguments: [
        ("s3://tessera", "tessera", ""), ("s3://tessera/", "tessera", ""), ("s3://my.bucket-1/a/b/", "my.bucket-1", "a/b"),
        ("s3://abc/customer=7/calls", "abc", "customer=7/calls"),
    ])
    func locationsParse(_ url: String, _ bucket: String, _ prefix: String) throws {
        let location = try S3Location(url: url)
        #expect(location.bucket == bucket && location.prefix == prefix)
        #expect(location.key("recordings/x/recording.mp4") == (prefix.isEmpty ? "" : prefix + "/") + "recordings/x/recording.mp4")
    }

    @Test(arguments: ["tessera", "s3://", "s3://ab", "s3://UPPER", "s3://-bucket", "s3://b_ucket", "s3://bucket/../x", "s3://bucket/a//b",
                      "s3://bucket/a b", "s3://bucket/./a", "http://bucket/a"])
    func badLocationsAreRefused(_ url: String) {
        #expect(throws: S3LocationError.self) { try S3Location(url: url) }
    }

    @Test func endpointsAddressBucketsByPathOrHost() throws {
        let path = try S3Endpoint(url: "http://127.0.0.1:8333")
        #expect(path.authority(bucket: "b") == "127.0.0.1:8333")
        #expect(path.encodedPath(bucket: "b", key: "p/a b") == "/b/p/a%20b")
        let host = try S3Endpoint(url: "https://s3.example.com:443/", pathStyle: false)
        #expect(host.authority(bucket: "b") == "b.s3.example.com")
        #expect(host.encodedPath(bucket: "b", key: "k") == "/k")
        #expect(try S3Endpoint(url: "http://[::1]:9000").authority(bucket: "b") == "[::1]:9000")
        for bad in ["ftp://x", "http://", "http://x/path", "http://x?q=1", "http://u:p@x"] {
            #expect(throws: S3LocationError.self) { try S3Endpoint(url: bad) }
        }
        #expect(throws: S3LocationError.self) { try S3Endpoint(url: "http://x", region: "us east") }
    }
}
