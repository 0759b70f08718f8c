import ArgumentParser
import Config
import Foundation
import Gateway
import Routing

/// `switchyard route --router NAME`: shows the plan for a request (JSON on stdin), sends nothing.
struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route", abstract: "Show the router's decision for a request read from stdin, without sending it.")
    @Option(help: "Router id (auto, fast, economy, quality, or a configured one).")
    var router = "auto"
    @Option(help: "Configuration file (the embedded default's models without one).")
    var config: String?
    @Flag(help: "Print the plan as JSON.")
    var json = false

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let loaded: GatewayConfig
        do {
            loaded = try config.map { try ConfigLoader.load(path: $0, environment: environment) }
                ?? GatewayConfig.embeddedDefault(environment: environment).config
        } catch let error as ConfigError {
            throw CLIFailure(error.description)
        }
        let body = Array(FileHandle.standardInput.readDataToEndOfFile())
        print(try RoutePreview.plan(config: loaded, router: router, body: body, json: json))
    }
}
