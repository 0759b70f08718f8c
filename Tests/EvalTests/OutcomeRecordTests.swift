@testable import Eval
import Routing
import XCTest

final class OutcomeRecordTests: XCTestCase {
    func testJSONLineRoundTrip() throws {
        let record = OutcomeRecord(
            id: "x/1", messages: [PromptMessage(role: "system", content: "Be \"brief\""), PromptMessage(role: "user", content: "Hi\n")],
            group: "mt-bench/writing", dataset: "demo", scores: ["a": 1, "b": 0.25], costs: ["a": 0.002, "b": 1e-5]
        )
        XCTAssertEqual(try OutcomeRecord(line: record.jsonLine()), record)
        let plain = OutcomeRecord(id: "2", prompt: "hello", group: "mbpp", scores: ["a": 0], costs: ["a": 0.1])
        XCTAssertEqual(try OutcomeRecord(line: plain.jsonLine()), plain)
    }

    func testReadsTheIssueFormatAndSkipsNulls() throws {
        let record = try OutcomeRecord(line: #"{"id": 7, "prompt": "p", "group": "mbpp", "scores": {"m": 1.0, "n": null}, "costs": {"m": 0.0021}}"#)
        XCTAssertEqual(record.id, "7")
        XCTAssertEqual(record.scores, ["m": 1])
        XCTAssertEqual(record.completeModels, ["m"])
        XCTAssertEqual(record.suite, "models:m")
        XCTAssertEqual(record.features.category, .code)
        XCTAssertThrowsError(try OutcomeRecord(line: #"{"id": "1", "scores": {}, "costs": {}}"#))
        XCTAssertThrowsError(try OutcomeRecord(line: #"{"id": "1", "prompt": "p", "scores": {"m": "x"}, "costs": {}}"#))
    }

    func testCSVQuotingAndLineEndings() throws {
        let table = try CSVTable(parsing: "a,b,c\r\n1,\"two, \"\"quoted\"\"\nlines\",3\r\n4,,6\n7,8")
        XCTAssertEqual(table.header, ["a", "b", "c"])
        XCTAssertEqual(table.rows, [["1", "two, \"quoted\"\nlines", "3"], ["4", "", "6"], ["7", "8"]])
        XCTAssertEqual(table.value(table.rows[2], 2), "")
        XCTAssertThrowsError(try CSVTable(parsing: "a\n\"open"))
        XCTAssertThrowsError(try table.require("zzz"))
    }

    func testPythonStringList() {
        XCTAssertEqual(PythonStringList.parse(#"['a\nb', "it's", 'x\'y', '\x41\u00e9']"#), ["a\nb", "it's", "x'y", "Aé"])
        XCTAssertEqual(PythonStringList.parse("plain text"), ["plain text"])
    }

    func testHashSplitIsStableAndNearTheAskedShare() {
        let records = (0 ..< 2000).map { OutcomeRecord(id: "\($0)", prompt: "prompt number \($0)", group: "g\($0 % 4)", scores: [:], costs: [:]) }
        let split = HashSplit(testPercent: 20)
        let (train, test) = split.split(records)
        XCTAssertEqual(train.count + test.count, 2000)
        XCTAssertEqual(Double(test.count) / 2000, 0.2, accuracy: 0.03)
        XCTAssertEqual(split.split(records.reversed()).test.count, test.count)
        XCTAssertEqual(HashSplit.hash("a"), 0xAF63_DC4C_8601_EC8C)
        let (rest, held) = HashSplit.holdOut(group: "g1", from: records)
        XCTAssertEqual(held.count, 500)
        XCTAssertTrue(rest.allSatisfy { $0.group != "g1" })
    }

    func testGroupCategories() {
        XCTAssertEqual(GroupCategory.category(of: "mbpp"), .code)
        XCTAssertEqual(GroupCategory.category(of: "mmlu/anatomy"), .knowledge)
        XCTAssertEqual(GroupCategory.category(of: "mt-bench/math"), .math)
        XCTAssertEqual(GroupCategory.category(of: "mt-bench/roleplay"), .creative)
        XCTAssertEqual(GroupCategory.category(of: "winogrande"), .reasoning)
        XCTAssertNil(GroupCategory.category(of: "something-else"))
    }

    func testFormat() {
        XCTAssertEqual(Format.fixed(0.12345, 3), "0.123")
        XCTAssertEqual(Format.fixed(-1.5, 0), "-2")
        XCTAssertEqual(Format.fixed(-0.0001, 2), "0.00")
        XCTAssertEqual(Format.fixed(12.05, 1), "12.1")
    }
}
