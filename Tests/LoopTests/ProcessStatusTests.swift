import Glibc
import XCTest
@testable import Loop

final class ProcessStatusTests: XCTestCase {
    /// A field reads as its number, by this process's own path or by its pid; an absent field
    /// or process reads as nil.
    func testFieldsReadAsNumbers() throws {
        let threads = try XCTUnwrap(ProcessStatus.field("Threads"))
        XCTAssertGreaterThanOrEqual(threads, 1)
        XCTAssertEqual(ProcessStatus.field("Tgid"), Int(getpid()))
        XCTAssertEqual(ProcessStatus.field("Tgid", pid: Int(getpid())), Int(getpid()))
        XCTAssertGreaterThan(try XCTUnwrap(ProcessStatus.field("VmRSS")), 0)
        XCTAssertNil(ProcessStatus.field("NoSuchField"))
        XCTAssertNil(ProcessStatus.field("VmRSS", pid: Int(Int32.max)))
    }
}
