import Testing
@testable import Jobs

/// `--auto-record` decisions, as scenarios of room events.
@Suite struct AutoRecordTests {
    @Test func firstPublisherStartsAndLastStops() {
        var auto = AutoRecord()
        let answer1 = auto.roomOpened("a", recordedAlready: false)
        #expect(answer1)
        let answer2 = auto.started("a", job: "j1")
        #expect(!answer2)
        let answer3 = auto.roomOpened("a", recordedAlready: false)
        #expect(!answer3, "one recording per room")
        let answer4 = auto.roomClosed("a")
        #expect(answer4 == "j1")
        auto.finished(job: "j1", room: "a")
        let answer5 = auto.roomOpened("a", recordedAlready: false)
        #expect(answer5, "after it ended the room may be recorded again")
    }

    @Test func aRoomRecordedByAnotherJobIsLeftAlone() {
        var auto = AutoRecord()
        let answer6 = auto.roomOpened("a", recordedAlready: true)
        #expect(!answer6)
        let answer7 = auto.roomClosed("a")
        #expect(answer7 == nil)
    }

    @Test func aRoomThatEmptiesWhileItsRecordingStartsIsStoppedOnceStarted() {
        var auto = AutoRecord()
        let answer8 = auto.roomOpened("a", recordedAlready: false)
        #expect(answer8)
        let answer9 = auto.roomClosed("a")
        #expect(answer9 == nil, "no job id yet")
        let answer10 = auto.started("a", job: "j1")
        #expect(answer10, "stop at once")
        auto.finished(job: "j1", room: "a")
        let answer11 = auto.roomOpened("a", recordedAlready: false)
        #expect(answer11)
        let answer12 = auto.started("a", job: "j2")
        #expect(!answer12, "the earlier pending stop was used up")
    }

    @Test func aFailedStartForgetsThePendingStop() {
        var auto = AutoRecord()
        let answer13 = auto.roomOpened("a", recordedAlready: false)
        #expect(answer13)
        let answer14 = auto.roomClosed("a")
        #expect(answer14 == nil)
        auto.failedToStart("a")
        let answer15 = auto.roomOpened("a", recordedAlready: false)
        #expect(answer15)
        let answer16 = auto.started("a", job: "j2")
        #expect(!answer16)
    }

    @Test func anotherJobEndingDoesNotFreeTheRoom() {
        var auto = AutoRecord()
        let answer17 = auto.roomOpened("a", recordedAlready: false)
        #expect(answer17)
        _ = auto.started("a", job: "j1")
        auto.finished(job: "other", room: "a")
        let answer18 = auto.roomOpened("a", recordedAlready: false)
        #expect(!answer18)
    }
}
