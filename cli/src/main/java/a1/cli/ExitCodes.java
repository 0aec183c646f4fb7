package a1.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Exit codes scripts can rely on, and the one-line error reports that go with them: users see what went wrong,
 * never a stack trace (set A1_DEBUG=1 to get one).
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int VERIFICATION = 3;
    public static final int NETWORK = 4;

    private ExitCodes() {}

    static int report(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        err.println(name(cmd) + ": " + message(e));
        if (System.getenv("A1_DEBUG") != null) e.printStackTrace(err);
        err.flush();
        return codeOf(e);
    }

    static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(name(cmd) + ": " + e.getMessage());
        cmd.getErr().println("Try '" + name(cmd) + " --help'.");
        return USAGE;
    }

    /** The command as typed: "a1 fetch", "a1 dht get" (a subcommand's own name alone read "a1 get"). */
    private static String name(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName();
    }

    private static String message(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException f) return "no such file: " + f.getFile();
        if (e instanceof java.nio.file.AccessDeniedException f) return "permission denied: " + f.getFile();
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * Usage for a bad argument; network for a socket failure or time-out, also under another error (a port taken),
     * and for a swarm that cannot serve the generation now (no peer for some layers, failover exhausted): a retry
     * may succeed.
     */
    static int codeOf(Throwable e) {
        if (e instanceof IllegalArgumentException) return USAGE;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof a1.peer.routing.SwarmRetryException) return NETWORK;
        }
        return FAILURE;
    }
}
