package a1.cli;

import a1.cli.chat.ChatCommand;
import a1.cli.dht.DhtCommand;
import a1.cli.serve.ServeCommand;
import a1.cli.swarm.FetchCommand;
import a1.cli.swarm.KeygenCommand;
import a1.cli.swarm.PublishCommand;
import a1.cli.swarm.SeedCommand;
import a1.cli.swarm.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code a1} command: every subcommand a user or a script runs. */
@Command(name = "a1", mixinStandardHelpOptions = true, version = "a1 0.1.0",
        description = "Share a large language model and run it together with other CPU-only peers: no hub, no server.",
        subcommands = {GenerateCommand.class, ChatCommand.class, ServeCommand.class, BenchCommand.class, SynthCommand.class,
                KeygenCommand.class, PublishCommand.class, SeedCommand.class, FetchCommand.class, VerifyCommand.class,
                DhtCommand.class, PeerCommand.class, SwarmCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class A1 {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by the tests to run commands in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new A1())
                .setDefaultValueProvider(new a1.cli.config.ConfigDefaults())
                .setExecutionExceptionHandler(ExitCodes::report)
                .setParameterExceptionHandler(ExitCodes::usage);
    }
}
