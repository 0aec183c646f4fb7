package a1.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.peer.routing.SwarmRetryException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** What scripts see: a bad argument is usage, a network or swarm condition that a retry may fix is network. */
class ExitCodesTest {
    @Test
    void aSwarmThatCannotServeNowIsANetworkFailureEvenWrapped() {
        SwarmRetryException none = new SwarmRetryException("no reachable peer serves layers 0-4 of model x");
        assertEquals(ExitCodes.NETWORK, ExitCodes.codeOf(none));
        assertEquals(ExitCodes.NETWORK, ExitCodes.codeOf(new IllegalStateException("generation failed", none)));
    }

    @Test
    void otherErrorsKeepTheirCodes() {
        assertEquals(ExitCodes.USAGE, ExitCodes.codeOf(new IllegalArgumentException("--layers 5-2")));
        assertEquals(ExitCodes.NETWORK, ExitCodes.codeOf(new UncheckedIOException(new java.net.ConnectException("refused"))));
        assertEquals(ExitCodes.FAILURE, ExitCodes.codeOf(new IllegalStateException("disk full")));
    }
}
