import Foundation
import ObjectStorage
import Signing
import Testing

/// Our S3 client against a real S3 server (SeaweedFS, signatures checked):
/// every operation, the errors it names, and a multipart upload that
/// outlives the storage being killed and started again.
@Suite(.serialized) struct ObjectStorageInteropTests {
    static func client(_ server: S3TestServer, secret: String? = nil) throws -> S3Client {
        S3Client(endpoint: try S3Endpoint(url: server.endpoint), credentials: S3Credentials(accessKey: S3TestServer.accessKey,
                                                                                            secretKey: secret ?? server.secretKey), timeoutSeconds: 20)
    }

    static func randomFile(bytes: Int) throws -> String {
        let path = Fixtures.temporaryPath("s3-\(UUID().uuidString).bin")
        var generator = SystemRandomNumberGenerator()
        var data = Data(count: bytes)
        data.withUnsafeMutableBytes { buffer in
            for index in stride(from: 0, to: bytes, by: 8) {
                var word = generator.next()
                withUnsafeBytes(of: &word) { bytes in
                    for offset in 0..<min(8, buffer.count - index) { buffer[index + offset] = bytes[offset] }
                }
            }
        }
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    static func md5(_ path: String) throws -> String { HMACDigest.hex(Digest.md5(Array(try Data(contentsOf: URL(fileURLWithPath: path))))) }

    @Test func everyOperationAgainstARealServer() async throws {
        let server = try S3TestServer()
        try server.makeBucket("ops")
        let client = try Self.client(server)
        try await client.checkBucket("ops")
        let body = Data("hello, bucket".utf8)
        let etag = try await client.putObject(bucket: "ops", key: "a/b c+d.txt", body: body, contentType: "text/plain")
        #expect(etag == HMACDigest.hex(Digest.md5(Array(body))))
        let head = try await client.headObject(bucket: "ops", key: "a/b c+d.txt")
        #expect(head?.size == Int64(body.count) && head?.etag == etag)
        #expect(try await client.headObject(bucket: "ops", key: "a/missing") == nil)
        #expect(try server.objects("ops", prefix: "a/")["a/b c+d.txt"]?.md5 == etag)  // boto3 reads what we wrote
        let listed = try await client.listObjects(bucket: "ops", prefix: "a/")
        #expect(listed.map(\.key) == ["a/b c+d.txt"])
        let copy = Fixtures.temporaryPath("s3-get-\(UUID().uuidString)")
        #expect(try await client.download(bucket: "ops", key: "a/b c+d.txt", to: copy) == Int64(body.count))
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == body)
        #expect(try await client.getRange(bucket: "ops", key: "a/b c+d.txt", range: 7...12).body == Array("bucket".utf8))
        // A presigned URL works for a plain client (curl), and a Range on it too.
        let presigned = client.presignedURL(bucket: "ops", key: "a/b c+d.txt", expiresSeconds: 60)
        #expect(try ServerProcess.http("GET", presigned).body == "hello, bucket")
        #expect(try ServerProcess.http("GET", presigned, headers: ["Range: bytes=0-4"]).body == "hello")
        try await client.deleteObject(bucket: "ops", key: "a/b c+d.txt")
        #expect(try await client.listObjects(bucket: "ops", prefix: "a/").isEmpty)

        // The errors operators meet, named.
        await #expect { try await Self.client(server, secret: "wrong").checkBucket("ops") } throws: { error in
            (error as? S3Error)?.code == "SignatureDoesNotMatch" && "\(error)".contains("check the secret key")
        }
        await #expect { try await client.checkBucket("no-such-bucket") } throws: { error in (error as? S3Error)?.code == "NoSuchBucket" }
        let gone = S3Client(endpoint: try S3Endpoint(url: "http://127.0.0.1:\(ServerProcess.freeTCPPort())"),
                            credentials: S3Credentials(accessKey: "a", secretKey: "b"), timeoutSeconds: 5)
        await #expect { try await gone.checkBucket("ops") } throws: { error in
            guard let error = error as? S3Error, case .unreachable = error else { return false }
            return error.isTransient
        }
        server.stop()
    }

    /// A 20 MB file in 5 MiB parts, two in flight: the storage is killed
    /// once the first part is confirmed and started again a moment later;
    /// the parts are retried, the object is whole, and no multipart upload is left behind.
    @Test func aMultipartUploadOutlivesTheStorageRestarting() async throws {
        let server = try S3TestServer()
        try server.makeBucket("big")
        let path = try Self.randomFile(bytes: 20_000_000)
        let uploader = ObjectUploader(client: try Self.client(server),
                                      settings: .init(partSize: 5 << 20, partsInFlight: 2, partAttempts: 10, firstBackoffSeconds: 0.5))
        final class Restart: @unchecked Sendable {  // touched on the progress callback only, one at a time
            var done = false
        }
        let restart = Restart()
        let receipt = try await uploader.upload(path: path, bucket: "big", key: "dumps/x/session.rtpd", contentType: "application/octet-stream") { bytes in
            guard bytes > 0, bytes < 20_000_000, !restart.done else { return }
            restart.done = true
            server.stop()
            Thread.detachNewThread { try? server.start() }
        }
        #expect(restart.done)
        #expect(receipt.parts == 4 && receipt.size == 20_000_000)
        let stored = try server.objects("big", prefix: "dumps/")
        #expect(stored["dumps/x/session.rtpd"]?.size == 20_000_000)
        #expect(stored["dumps/x/session.rtpd"]?.md5 == (try Self.md5(path)))
        #expect(try server.pendingUploads("big") == 0)
        server.stop()
    }
}
