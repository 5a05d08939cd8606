import Foundation

/// The parts of S3's XML answers tessera reads, each from the element AWS
/// documents for the operation. A 200 whose body is an `<Error>` (as
/// CompleteMultipartUpload may send) is an error.
public enum S3Answers {
    public struct Object: Equatable, Sendable {
        public var key: String
        public var size: Int64
        public var etag: String
    }

    public struct Listing: Equatable, Sendable {
        public var objects: [Object]
        public var nextContinuationToken: String?
    }

    public struct PendingUpload: Equatable, Sendable {
        public var key: String
        public var uploadID: String
    }

    static func root(_ body: [UInt8], expecting name: String, status: Int = 200) throws(S3Error) -> XMLElement {
        let root: XMLElement
        do { root = try XMLTree.parse(body) } catch { throw .invalidAnswer("\(error)") }
        if root.name == "Error" { throw S3Error.from(status: status, body: body) }
        guard root.name == name else { throw .invalidAnswer("expected <\(name)>, found <\(root.name)>") }
        return root
    }

    /// InitiateMultipartUploadResult: the upload's id.
    public static func uploadID(_ body: [UInt8]) throws(S3Error) -> String {
        guard let id = try root(body, expecting: "InitiateMultipartUploadResult").value("UploadId"), !id.isEmpty else {
            throw .invalidAnswer("no UploadId in the answer")
        }
        return id
    }

    /// CompleteMultipartUploadResult: the whole object's ETag.
    public static func completedETag(_ body: [UInt8]) throws(S3Error) -> String {
        guard let etag = try root(body, expecting: "CompleteMultipartUploadResult").value("ETag") else { throw .invalidAnswer("no ETag in the answer") }
        return unquoted(etag)
    }

    /// ListBucketResult of ListObjectsV2.
    public static func listing(_ body: [UInt8]) throws(S3Error) -> Listing {
        let result = try root(body, expecting: "ListBucketResult")
        var objects: [Object] = []
        for entry in result.all("Contents") {
            guard let key = entry.value("Key"), let size = entry.value("Size").flatMap({ Int64($0) }), size >= 0 else {
                throw .invalidAnswer("a listed object has no key or size")
            }
            objects.append(Object(key: key, size: size, etag: unquoted(entry.value("ETag") ?? "")))
        }
        let truncated = result.value("IsTruncated") == "true"
        let token = result.value("NextContinuationToken").flatMap { $0.isEmpty ? nil : $0 }
        if truncated && token == nil { throw .invalidAnswer("a truncated listing without NextContinuationToken") }
        return Listing(objects: objects, nextContinuationToken: truncated ? token : nil)
    }

    /// ListMultipartUploadsResult: the uploads begun and neither completed nor aborted.
    public static func pendingUploads(_ body: [UInt8]) throws(S3Error) -> [PendingUpload] {
        try root(body, expecting: "ListMultipartUploadsResult").all("Upload").compactMap { upload in
            guard let key = upload.value("Key"), let id = upload.value("UploadId") else { return nil }
            return PendingUpload(key: key, uploadID: id)
        }
    }

    /// ETags are quoted in headers and XML (`"…"`, sometimes as `&quot;`).
    public static func unquoted(_ etag: String) -> String {
        var text = Substring(etag)
        if text.hasPrefix("W/") { text = text.dropFirst(2) }
        return String(text.trimmingPrefix("\"")).replacingOccurrences(of: "\"", with: "")
    }
}
