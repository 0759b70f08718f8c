import XCTest
@testable import Limits

final class CivilDateTests: XCTestCase {
    private static func isLeap(_ year: Int64) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    private static func length(_ year: Int64, _ month: Int64) -> Int64 {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Walks every day from 1600-01-01 to 2500-12-31 by the textbook rules and checks both
    /// conversions and the weekday, across every leap rule (4, 100, 400) and year end.
    func testEveryDayAgainstTheCalendarRules() {
        var date = (year: Int64(1600), month: Int64(1), day: Int64(1))
        var days = CivilDate(year: 1600, month: 1, day: 1).days
        var weekday = CivilDate(days: days).weekday
        XCTAssertEqual(days, -135_140)
        while date.year <= 2500 {
            let civil = CivilDate(days: days)
            XCTAssertEqual(civil, CivilDate(year: date.year, month: date.month, day: date.day))
            XCTAssertEqual(civil.days, days)
            XCTAssertEqual(civil.weekday, weekday)
            days += 1
            weekday = weekday % 7 + 1
            date.day += 1
            if date.day > Self.length(date.year, date.month) {
                date.day = 1
                date.month += 1
                if date.month > 12 {
                    date.month = 1
                    date.year += 1
                }
            }
        }
    }

    func testKnownDates() {
        XCTAssertEqual(CivilDate(days: 0), CivilDate(year: 1970, month: 1, day: 1))
        XCTAssertEqual(CivilDate(days: 0).weekday, 4, "1970-01-01 was a Thursday")
        XCTAssertEqual(CivilDate(days: -1), CivilDate(year: 1969, month: 12, day: 31))
        XCTAssertEqual(CivilDate(year: 2000, month: 3, day: 1).days - CivilDate(year: 2000, month: 2, day: 28).days, 2)
        XCTAssertEqual(CivilDate(year: 1900, month: 3, day: 1).days - CivilDate(year: 1900, month: 2, day: 28).days, 1)
        XCTAssertEqual(CivilDate(ms: 1_709_164_800_000), CivilDate(year: 2024, month: 2, day: 29))
        XCTAssertEqual(CivilDate(ms: -1), CivilDate(year: 1969, month: 12, day: 31))
        XCTAssertEqual(CivilDate(year: 2024, month: 12, day: 30).weekday, 1)
        XCTAssertEqual(CivilDate(year: 2024, month: 2, day: 29).description, "2024-02-29")
    }

    func testCalendarWindows() {
        let noon = utc(2025, 1, 1, 12)
        XCTAssertEqual(BudgetPeriod.day.window(containing: noon), utc(2025, 1, 1) ..< utc(2025, 1, 2))
        // 2025-01-01 is a Wednesday; its ISO week starts Monday 2024-12-30.
        XCTAssertEqual(BudgetPeriod.week.window(containing: noon), utc(2024, 12, 30) ..< utc(2025, 1, 6))
        XCTAssertEqual(BudgetPeriod.month.window(containing: noon), utc(2025, 1, 1) ..< utc(2025, 2, 1))
        XCTAssertEqual(BudgetPeriod.month.window(containing: utc(2024, 2, 29, 23, 59)), utc(2024, 2, 1) ..< utc(2024, 3, 1))
        XCTAssertEqual(BudgetPeriod.month.window(containing: utc(2023, 2, 28)), utc(2023, 2, 1) ..< utc(2023, 3, 1))
        XCTAssertEqual(BudgetPeriod.month.window(containing: utc(2023, 12, 31, 23, 59, 59_999)), utc(2023, 12, 1) ..< utc(2024, 1, 1))
        // Boundaries belong to the period they start.
        XCTAssertEqual(BudgetPeriod.day.window(containing: utc(2024, 3, 1)).lowerBound, utc(2024, 3, 1))
        XCTAssertEqual(BudgetPeriod.week.window(containing: utc(2025, 1, 5, 23, 59, 59_999)).upperBound, utc(2025, 1, 6))
        XCTAssertEqual(BudgetPeriod.week.window(containing: utc(2025, 1, 6)).lowerBound, utc(2025, 1, 6))
        // Before the epoch too.
        XCTAssertEqual(BudgetPeriod.day.window(containing: -1), -86_400_000 ..< 0)
        XCTAssertEqual(BudgetPeriod.week.window(containing: 0), utc(1969, 12, 29) ..< utc(1970, 1, 5))
        XCTAssertEqual(BudgetPeriod.rolling(hours: 2).window(containing: 125_000), 120_000 ..< 240_000)
    }
}
