import ArgumentParser

/// The `switchyard` command line.
@main
struct Switchyard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchyard",
        abstract: "A self-hosted LLM gateway with a smart router.",
        subcommands: [Serve.self, SimCommand.self, RouteCommand.self, RouterCommand.self, EvalSubcommand.self, DatasetCommand.self,
                      KeysCommand.self, TeamsCommand.self, SpendCommand.self, RequestsCommand.self],
        defaultSubcommand: Serve.self
    )
}
