import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `tessera health`: asks a running server's /healthz and exits 0 when it
/// answers 200 — the container's HEALTHCHECK (the slim image has no curl).
struct Health: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Checks that a running tessera answers on /healthz (exit 0) or not (exit 1).")

    @Option(help: "The URL to ask.") var url = "http://127.0.0.1:8080/healthz"
    @Option(help: "Seconds to wait for the answer.") var timeout = 3.0

    func run() async throws {
        guard let target = URL(string: url) else { throw ValidationError("--url \(url) is not a URL") }
        do {
            let (_, response) = try await URLSession.shared.data(for: URLRequest(url: target, timeoutInterval: timeout))
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            guard status == 200 else {
                print("unhealthy: \(url) answered \(status)")
                throw ExitCode(1)
            }
            print("healthy")
        } catch let exit as ExitCode {
            throw exit
        } catch {
            print("unhealthy: \(url): \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
