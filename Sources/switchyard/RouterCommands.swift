import ArgumentParser
import Eval
import Foundation

/// `switchyard router train`: fits the difficulty model on per-prompt outcome files.
struct RouterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "router", abstract: "Train the router's difficulty model.", subcommands: [Train.self])

    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fit the difficulty model on outcome files (JSON lines).")
        @Option(name: .long, parsing: .upToNextOption, help: "Training outcome files.")
        var train: [String]
        @Option(name: .long, help: "Where to write the weights (JSON).")
        var out: String
        @Option(name: .customLong("swift-out"), help: "Also regenerate the shipped default weights (Swift source).")
        var swiftOut: String?
        @Option(name: .customLong("out-of-fold"), help: "Also write the training records' cross-fitted predictions (JSON lines).")
        var outOfFold: String?

        func run() throws {
            do { print(try RouterTrainCommand.run(train: train, out: out, swiftOut: swiftOut, outOfFold: outOfFold)) } catch {
                throw CLIFailure(error.description)
            }
        }
    }
}

/// `switchyard eval`: replays a router over test outcome files and reports quality and cost.
struct EvalSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Evaluate a router on test outcome files (cost saved, APGR, CPT, plot).")
    @Option(help: "Difficulty-model weights from `router train`.")
    var weights: String?
    @Option(name: .long, parsing: .upToNextOption, help: "Test outcome files (or all records with --leave-one-out).")
    var test: [String]
    @Option(help: "threshold | utility | scoring:<preset> (auto, economy, quality, fast, savings)")
    var router = "threshold"
    @Flag(help: "Print JSON.")
    var json = false
    @Option(help: "Where to write the cost-quality plot (SVG).")
    var plot: String?
    @Flag(name: .customLong("by-category"), help: "Utility rule: use the knobs calibrated per task category.")
    var byCategory = false
    @Option(help: "Also write each test record's predicted quality per model (JSON lines).")
    var predictions: String?
    @Flag(name: .customLong("leave-one-out"), help: "Leave-one-group-out over the records' groups.")
    var leaveOneOut = false

    func run() throws {
        do {
            if leaveOneOut {
                print(try LeaveOneOutCommand.run(records: test))
            } else {
                guard let weights else { throw CLIFailure("--weights is required (train them with `switchyard router train`)") }
                print(try EvalCommand.run(weights: weights, test: test, router: router, json: json, plot: plot,
                                          predictions: predictions, byCategory: byCategory), terminator: "")
            }
        } catch let error as EvalError {
            throw CLIFailure(error.description)
        }
    }
}

/// `switchyard dataset convert`: the shared routing datasets into the outcome format.
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset", abstract: "Convert routing datasets.", subcommands: [Convert.self])

    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write train/test outcome files from ../shared/datasets.")
        @Option(help: "Folder holding the datasets.")
        var source = DatasetConvertCommand.defaultSource
        @Option(help: "Output folder.")
        var out: String
        @Option(name: .customLong("test-percent"), help: "Hash split for datasets without one.")
        var testPercent = 20
        @Option(name: .customLong("hold-out"), parsing: .upToNextOption, help: "Groups to hold out (e.g. mmlu/anatomy).")
        var holdOut: [String] = []

        func run() throws {
            do { print(try DatasetConvertCommand.run(source: source, out: out, testPercent: testPercent, holdOut: holdOut)) } catch {
                throw CLIFailure(error.description)
            }
        }
    }
}

/// A command failure printed as one line on stderr, exit code 1.
struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
