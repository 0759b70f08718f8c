import Glibc
import XCTest
@testable import Loop

final class DescriptorTableTests: XCTestCase {
    /// Reserving grows the kernel's table to the asked size at once and raises the soft limit
    /// to match, so later descriptors up to that size need no growth.
    func testReserveGrowsTheTableAndRaisesTheSoftLimit() throws {
        let before = try XCTUnwrap(DescriptorTable.size())
        var limit = rlimit()
        XCTAssertEqual(getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit), 0)
        let wanted = Int(min(rlim_t(max(before * 4, 8192)), limit.rlim_max))
        let soft = DescriptorTable.reserve(upTo: wanted)
        XCTAssertGreaterThanOrEqual(soft, wanted)
        let after = try XCTUnwrap(DescriptorTable.size())
        XCTAssertGreaterThanOrEqual(after, wanted)
        // The slot used to grow the table is free again.
        let fd = open("/dev/null", O_RDONLY)
        XCTAssertLessThan(fd, Int32(wanted - 1))
        close(fd)
    }

    /// Asking for less than the table holds changes nothing and lowers no limit.
    func testReserveNeverShrinks() throws {
        let first = DescriptorTable.reserve(upTo: 4096)
        let size = try XCTUnwrap(DescriptorTable.size())
        let soft = DescriptorTable.reserve(upTo: 16)
        XCTAssertEqual(soft, first)
        XCTAssertEqual(DescriptorTable.size(), size)
    }
}
