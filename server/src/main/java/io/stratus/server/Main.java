package io.stratus.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code stratus} command. */
@Command(name = "stratus", mixinStandardHelpOptions = true, version = "Stratus 0.1.0",
        description = "Self-hosted serverless compute that speaks the AWS Lambda API.",
        subcommands = {ServerCommand.class, LogsCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
