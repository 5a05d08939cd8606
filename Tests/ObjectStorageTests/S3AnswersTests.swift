@testable import ObjectStorage
import Testing

/// S3's XML answers and errors, read by our own small XML reader: table
/// tests of what it accepts, what it refuses, and the messages errors get.
struct S3AnswersTests {
    @Test(arguments: [
        ("NoSuchBucket", 404, "NoSuchBucket: the bucket does not exist (/missing)"),
        ("SignatureDoesNotMatch", 403, "SignatureDoesNotMatch: the storage refused the request's signature; check the secret key (--s3-secret-key or AWS_SECRET_ACCESS_KEY)"),
        ("AccessDenied", 403, "AccessDenied: the credentials may not do this (/missing): Access Denied."),
        ("SlowDown", 503, "SlowDown: the storage asks for fewer requests; retrying later"),
    ])
    func errorBodiesBecomeClearMessages(_ code: String, _ status: Int, _ message: String) {
        let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>\(code)</Code><Message>Access Denied.</Message>"
            + "<Resource>/missing</Resource><RequestId>4442587FB7D0A2F9</RequestId></Error>"
        let error = S3Error.from(status: status, body: Array(body.utf8))
        #expect(error.code == code)
        #expect(error.description == message)
        #expect(error.isTransient == (code == "SlowDown"))
    }

    @Test func aBodilessAnswerStillNamesWhatItMeans() {
        #expect(S3Error.from(status: 404, body: []).code == "NotFound")
        #expect(S3Error.from(status: 500, body: Array("not xml".utf8)).isTransient)
        #expect(!S3Error.from(status: 403, body: []).isTransient)
    }

    @Test func listingsOverPagesAndPendingUploads() throws {
        let page = """
            <?xml version="1.0"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name>
            <Contents><Key>p/recordings/a/recording.mp4</Key><Size>1234</Size><ETag>&quot;abc&quot;</ETag></Contents>
            <Contents><Key>p/dumps/a/000001.part</Key><Size>5</Size><ETag>"def-2"</ETag></Contents>
            <IsTruncated>true</IsTruncated><NextContinuationToken>tok&amp;en</NextContinuationToken></ListBucketResult>
            """
        let listing = try S3Answers.listing(Array(page.utf8))
        #expect(listing.objects == [.init(key: "p/recordings/a/recording.mp4", size: 1234, etag: "abc"), .init(key: "p/dumps/a/000001.part", size: 5, etag: "def-2")])
        #expect(listing.nextContinuationToken == "tok&en")
        let uploads = "<ListMultipartUploadsResult><Upload><Key>k</Key><UploadId>u1</UploadId></Upload></ListMultipartUploadsResult>"
        #expect(try S3Answers.pendingUploads(Array(uploads.utf8)) == [.init(key: "k", uploadID: "u1")])
        #expect(try S3Answers.uploadID(Array("<InitiateMultipartUploadResult><UploadId>x y</UploadId></InitiateMultipartUploadResult>".utf8)) == "x y")
    }

    /// CompleteMultipartUpload may answer 200 with an error inside.
    @Test func anErrorInsideA200IsAnError() {
        #expect(throws: S3Error.self) {
            try S3Answers.completedETag(Array("<Error><Code>InternalError</Code></Error>".utf8))
        }
        #expect(throws: S3Error.self) { try S3Answers.listing(Array("<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>".utf8)) }
    }

    @Test(arguments: [
        "", "<a>", "<a></b>", "<a>x</a><b/>", "text", "<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", "<a>&bogus;</a>", "<a>&#xZZ;</a>",
        "<a b=c></a>", "<a><!ENTITY x></a>", String(repeating: "<a>", count: 40) + String(repeating: "</a>", count: 40), "<a>&amp</a>",
    ])
    func malformedXMLIsRefused(_ text: String) {
        #expect(throws: XMLTreeError.self) { try XMLTree.parse(Array(text.utf8)) }
    }

    @Test(arguments: [
        "<a/>", "<a x='1' y=\"2\">t<b>u</b>v<!-- c --><![CDATA[<w>]]></a>", "<?xml version=\"1.0\"?><a>&lt;&#65;&#x42;&gt;</a>",
        "<Error>\n  <Code>X</Code>\n</Error>\n",
    ])
    func wellFormedXMLRoundTrips(_ text: String) throws {
        let tree = try XMLTree.parse(Array(text.utf8))
        #expect(try XMLTree.parse(Array(tree.serialized().utf8)) == tree)
    }

    @Test func cdataAndEntitiesAreText() throws {
        let tree = try XMLTree.parse(Array("<a x='1' y=\"2\">t<b>u</b>v<!-- c --><![CDATA[<w>]]></a>".utf8))
        #expect(tree.text == "tv<w>")
        #expect(tree.value("b") == "u")
    }

    @Test func theMultipartETagIsTheMD5OfTheParts() {
        // Two parts whose MD5s are all zero bytes and all 0xff bytes: the MD5 of those 32 bytes, checked with Python's hashlib.
        #expect(S3Client.multipartETag(partMD5s: [[UInt8](repeating: 0, count: 16), [UInt8](repeating: 0xff, count: 16)])
            == "86c036c1a10384a5673251100457087a-2")
    }
}
