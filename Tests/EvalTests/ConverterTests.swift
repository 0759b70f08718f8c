@testable import Eval
import XCTest

final class ConverterTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws {
        root = try SyntheticDatasets.make()
    }

    override func tearDown() {
        SyntheticDatasets.remove(root)
    }

    func testRouterBench() throws {
        let train = try RouterBenchConverter.convert(folder: root + "/routerbench-subset", split: "train")
        XCTAssertEqual(train.count, 9)
        let first = train[0]
        XCTAssertEqual(first.id, "arc-challenge.train.0")
        XCTAssertEqual(first.group, "arc_challenge")
        XCTAssertEqual(first.dataset, "routerbench")
        XCTAssertEqual(first.prompt, "Question 0 of arc_challenge, with a comma\nA) yes\nB) no\n\nit's")
        XCTAssertEqual(first.scores, ["model-a": 1])
        XCTAssertEqual(first.costs, ["model-a": 0.01, "model-b": 0.001])
        XCTAssertEqual(train[1].scores, ["model-a": 1, "model-b": 0])
        XCTAssertEqual(Set(train.map(\.group)), ["arc_challenge", "mbpp", "winogrande"])
        XCTAssertEqual(try RouterBenchConverter.convert(folder: root + "/routerbench-subset", split: "test").count, 6)
    }

    func testMMLUDropsContaminatedPromptsAndPricesTokens() throws {
        let records = try RouteLLMConverter.convertMMLU(folder: root + "/routellm-evals")
        XCTAssertEqual(records.map(\.group), ["mmlu/anatomy", "mmlu/anatomy", "mmlu/virology"])
        XCTAssertFalse(records.contains { $0.prompt == "Contaminated one" })
        let bone = records[0]
        XCTAssertEqual(bone.scores, [SyntheticDatasets.strong: 1, SyntheticDatasets.weak: 0])
        let input = TokenPrices.promptTokens(bone.prompt!)
        XCTAssertEqual(bone.costs[SyntheticDatasets.strong]!, (input * 10 + 16 * 30) / 1e6, accuracy: 1e-15)
        XCTAssertEqual(bone.costs[SyntheticDatasets.weak]!, (input + 16) * 0.6 / 1e6, accuracy: 1e-15)
    }

    func testGSM8KUsesResponseLengths() throws {
        let records = try RouteLLMConverter.convertGSM8K(folder: root + "/routellm-evals")
        XCTAssertEqual(records.count, 1)
        let output = TokenPrices.outputTokens("3 + 2 = 5, so 5")
        let input = TokenPrices.promptTokens(records[0].prompt!)
        XCTAssertEqual(records[0].costs[SyntheticDatasets.strong]!, (input * 10 + output * 30) / 1e6, accuracy: 1e-15)
        XCTAssertEqual(records[0].group, "gsm8k")
    }

    func testMTBenchScalesGradesAndRoutesOnTurnOne() throws {
        let records = try MTBenchConverter.convert(folder: root + "/routellm-evals")
        XCTAssertEqual(records.map(\.id), ["mt-bench/81", "mt-bench/101"])
        XCTAssertEqual(records[0].prompt, "Turn one of 81")
        XCTAssertEqual(records[0].group, "mt-bench/writing")
        XCTAssertEqual(records[0].scores[SyntheticDatasets.strong]!, (1 + 7.0 / 9) / 2, accuracy: 1e-12)
        XCTAssertEqual(records[0].scores[SyntheticDatasets.weak]!, (6.0 / 9 + 0) / 2, accuracy: 1e-12)
        XCTAssertGreaterThan(records[0].costs[SyntheticDatasets.strong]!, 10 * records[0].costs[SyntheticDatasets.weak]!)
    }

    func testJudgePromptAnswers() {
        let prompt = "[Reference]\n### Assistant A:\nignored\n<|The Start of Assistant A's Conversation with User|>\n\n### User:\nQ1\n\n### Assistant A:\nA1 text\n\n### User:\nQ2\n\n### Assistant A:\nA2\n\n<|The End of Assistant A's Conversation with User|>"
        XCTAssertEqual(MTBenchConverter.answers(inJudgePrompt: prompt), ["A1 text", "A2"])
    }

    func testAlpacaEvalKeepsPricedModelsOnly() throws {
        let records = try AlpacaEvalConverter.convert(folder: root + "/alpacaeval-permodel")
        XCTAssertEqual(records.count, 2)
        XCTAssertEqual(records[0].group, "alpacaeval/koala")
        XCTAssertEqual(records[0].scores, ["gpt4_1106_preview": 0.5, "claude-2": 0.25])
        let input = TokenPrices.promptTokens("Say hi")
        XCTAssertEqual(records[0].costs["claude-2"]!, (input * 8 + 20 * 24) / 1e6, accuracy: 1e-15)
    }

    func testConvertCommandWritesSplitsAndHoldOuts() throws {
        let out = root + "/out"
        let summary = try DatasetConvertCommand.run(source: root, out: out, testPercent: 50, holdOut: ["mmlu/virology", "mt-bench/writing"])
        XCTAssertTrue(summary.contains("routerbench: 9 train, 6 test"))
        for name in ["routerbench", "mmlu", "gsm8k", "mt_bench", "alpacaeval", "lodo_mmlu_virology", "lodo_mt-bench_writing"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/\(name)_train.jsonl"), name)
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/\(name)_test.jsonl"), name)
        }
        let held = try OutcomeFile.read(out + "/lodo_mmlu_virology_test.jsonl")
        XCTAssertEqual(held.map(\.group), ["mmlu/virology"])
        let mmlu = try OutcomeFile.read([out + "/mmlu_train.jsonl", out + "/mmlu_test.jsonl"])
        XCTAssertEqual(mmlu.count, 3)
        XCTAssertThrowsError(try DatasetConvertCommand.run(source: root, out: out, holdOut: ["nope"]))
    }
}
