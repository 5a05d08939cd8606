import APIModel
import Testing
@testable import Jobs

@Suite struct AdmissionTests {
    static func admission(capacity: Int = 6, free: Int64? = nil) -> Admission {
        Admission(settings: .init(capacity: capacity, diskFloorBytes: 100, dataDirectory: "/nowhere", freeBytes: { _ in free }))
    }

    @Test func reservationsShareTheCapacityAndReleaseOnce() throws {
        let admission = Self.admission()
        let first = try admission.reserve(cost: 4)
        #expect(throws: ServiceError.self) { _ = try admission.reserve(cost: 3) }
        let second = try admission.reserve(cost: 2)
        #expect(admission.load == 6)
        first.release()
        first.release()
        #expect(admission.load == 2, "a second release gives nothing back")
        second.release()
        #expect(admission.load == 0)
    }

    @Test func aDroppedReservationGivesItsCostBack() throws {
        let admission = Self.admission()
        do { _ = try admission.reserve(cost: 5) }
        #expect(admission.load == 0)
    }

    @Test func refusalsSayWhy() throws {
        let full = Self.admission(capacity: 3)
        #expect { _ = try full.reserve(cost: 4) } throws: { ($0 as? ServiceError)?.code == "at_capacity" && ($0 as? ServiceError)?.retryAfter == 30 }
        let disk = Self.admission(free: 10)
        #expect { _ = try disk.reserve(cost: 1) } throws: { ($0 as? ServiceError)?.status == 507 }
        let closing = Self.admission()
        closing.stopAccepting()
        #expect { _ = try closing.reserve(cost: 1) } throws: { ($0 as? ServiceError)?.code == "shutting_down" }
    }

    @Test func workAcceptedBeforeARestartIsTakenPastTheCapacity() {
        let admission = Self.admission(capacity: 3)
        let taken = [admission.readmit(cost: 3), admission.readmit(cost: 3)]
        #expect(admission.load == 6)
        taken.forEach { $0.release() }
        #expect(admission.load == 0)
    }
}
