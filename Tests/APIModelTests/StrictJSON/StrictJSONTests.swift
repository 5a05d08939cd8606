import APIModel
import Foundation
import Testing

/// The API's JSON reader: strict syntax with positions, and unknown fields
/// refused by name with the known ones listed.
@Suite struct StrictJSONTests {
    @Test(arguments: [
        (#"{"room":"a",}"#, "line 1, column 13", "no trailing commas"),
        (#"{"room":"a""#, "line 1, column 12", "expected ',' or '}' after the value of \"room\", found the end of the body"),
        ("{\n  \"room\": \"a\"\n  \"layout\": \"grid\"\n}", "line 3, column 3", "after the value of \"room\""),
        (#"{"a":[1,2,]}"#, "line 1, column 11", "no trailing commas"),
        (#"{"room":'a'}"#, "line 1, column 9", "expected a value"),
        (#"{"room":"a"} x"#, "line 1, column 14", "after the end"),
        (#"{"room":"a","room":"b"}"#, "line 1, column 13", "appears twice"),
        (#"{"n":01}"#, "line 1, column 6", "must not start with 0"),
        (#"{"n":1.}"#, "line 1, column 6", "after the decimal point"),
        (#"{"s":"\x"}"#, "line 1, column 7", "unknown escape"),
        (#"{"s":"\ud800"}"#, "line 1, column 7", "lone surrogate"),
        ("{\"s\":\"a\tb\"}", "line 1, column 8", "control character"),
        ("", "line 1, column 1", "empty"),
        ("// comment\n{}", "line 1, column 1", "expected a value"),
    ] as [(String, String, String)])
    func malformedJSONIsRefusedWithItsPosition(text: String, position: String, reason: String) {
        #expect(throws: StrictJSONDecoder.Failure.self) { try StrictJSONDecoder.decode(RecordingRequest.self, from: Array(text.utf8)) }
        do {
            _ = try StrictJSONDecoder.decode(RecordingRequest.self, from: Array(text.utf8))
        } catch {
            #expect(error.description.contains(position) && error.description.contains(reason), "\(text): \(error)")
        }
    }

    @Test func deepNestingIsRefusedNotRecursedInto() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONSyntax.Failure.self) { try JSONSyntax.parse(Array(text.utf8)) }
    }

    @Test(arguments: [
        (#"{"room":"a2","layuot":"grid"}"#, #"unknown field "layuot""#, "layout"),
        (#"{"room":"a","source":{"type":"whip","tpye":"x"}}"#, #"source: unknown field "tpye""#, "type"),
        (#"{"room":"a","output":{"width":640,"hieght":360}}"#, #"output: unknown field "hieght""#, "height"),
    ])
    func unknownFieldsAreRefusedByNameWithTheKnownOnes(text: String, message: String, known: String) {
        do {
            _ = try StrictJSONDecoder.decode(RecordingRequest.self, from: Array(text.utf8))
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.description.contains(message), "\(error)")
            #expect(error.description.contains("known fields:") && error.description.contains(known), "\(error)")
        }
    }

    @Test func wrongTypesAndMissingFieldsNameTheField() {
        let cases: [(String, String)] = [
            (#"{"room":5}"#, "room: expected a string, found a number"),
            (#"{"layout":"grid"}"#, "room: is required"),
            (#"{"room":null}"#, "room: a value is required"),
            (#"{"room":"a","output":{"width":640.5}}"#, "output.width: expected an integer"),
            (#"{"room":"a","liveComposite":"yes"}"#, "liveComposite: expected true or false, found a string"),
            (#"[1]"#, "the body: expected an object, found an array"),
        ]
        for (text, message) in cases {
            do {
                _ = try StrictJSONDecoder.decode(RecordingRequest.self, from: Array(text.utf8))
                Issue.record("\(text) was accepted")
            } catch {
                #expect(error.description.contains(message), "\(text): \(error)")
            }
        }
    }

    @Test func whatFoundationReadsTheStrictReaderReadsTheSame() throws {
        let texts = [
            #"{"room":"a","source":{"type":"janus","url":"http://j:8088/janus","room":1234,"pin":"x"},"metadata":{"k":"v","ü":"\u00e9\ud83d\ude00"},"liveComposite":false,"layout":null}"#,
            #"{"room":"b","source":{"type":"janus","url":"ws://j:8188","room":"named"},"output":{"width":1280,"height":720,"format":"webm"}}"#,
            " { \"room\" : \"c\" } ",
        ]
        for text in texts {
            let strict = try StrictJSONDecoder.decode(RecordingRequest.self, from: Array(text.utf8))
            let foundation = try JSONDecoder().decode(RecordingRequest.self, from: Data(text.utf8))
            #expect(strict == foundation, "\(text)")
        }
    }

    @Test func valuesRoundTripThroughTheirText() throws {
        let text = #"{"a":[1,-2.5e3,true,false,null,{}],"b":"q\"\\\n\u0001é😀","c":{"d":[]}}"#
        let value = try JSONSyntax.parse(Array(text.utf8))
        #expect(try JSONSyntax.parse(Array(value.text.utf8)) == value)
        let parsed = try JSONSerialization.jsonObject(with: Data(value.text.utf8)) as? [String: Any]
        #expect((parsed?["b"] as? String) == "q\"\\\n\u{01}é😀")
    }
}
