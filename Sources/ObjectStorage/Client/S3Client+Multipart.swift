import Foundation
import Signing

/// Multipart upload (CreateMultipartUpload, UploadPart, Complete, Abort,
/// ListMultipartUploads), each call as AWS documents it.
extension S3Client {
    public func createMultipartUpload(bucket: String, key: String, contentType: String) async throws(S3Error) -> String {
        try S3Answers.uploadID(try await send("POST", bucket: bucket, key: key, query: [("uploads", "")],
                                              headers: [("content-type", contentType)]).body)
    }

    /// Sends one part with its Content-MD5; returns its ETag, checked to be that MD5.
    public func uploadPart(bucket: String, key: String, uploadID: String, number: Int, body: Data, md5: [UInt8]) async throws(S3Error) -> String {
        let response = try await send("PUT", bucket: bucket, key: key, query: [("partNumber", String(number)), ("uploadId", uploadID)],
                                      headers: [("content-md5", Data(md5).base64EncodedString())], body: body)
        let etag = response.etag ?? ""
        guard etag.lowercased() == HMACDigest.hex(md5) else { throw .invalidAnswer("part \(number)'s ETag \(etag) is not the MD5 of what was sent") }
        return etag
    }

    public func completeMultipartUpload(bucket: String, key: String, uploadID: String, parts: [(number: Int, etag: String)]) async throws(S3Error) -> String {
        let list = parts.map { "<Part><PartNumber>\($0.number)</PartNumber><ETag>\"\($0.etag)\"</ETag></Part>" }.joined()
        let body = Data("<CompleteMultipartUpload>\(list)</CompleteMultipartUpload>".utf8)
        return try S3Answers.completedETag(try await send("POST", bucket: bucket, key: key, query: [("uploadId", uploadID)],
                                                          headers: [("content-type", "application/xml")], body: body).body)
    }

    public func abortMultipartUpload(bucket: String, key: String, uploadID: String) async throws(S3Error) {
        _ = try await send("DELETE", bucket: bucket, key: key, query: [("uploadId", uploadID)], accept: [404])
    }

    public func listMultipartUploads(bucket: String, prefix: String) async throws(S3Error) -> [S3Answers.PendingUpload] {
        try S3Answers.pendingUploads(try await send("GET", bucket: bucket, query: [("uploads", ""), ("prefix", prefix)]).body)
    }

    /// The ETag S3 gives a multipart object: the MD5 of the parts' MD5s, a
    /// hyphen, the number of parts.
    public static func multipartETag(partMD5s: [[UInt8]]) -> String {
        HMACDigest.hex(Digest.md5(partMD5s.flatMap { $0 })) + "-\(partMD5s.count)"
    }
}
