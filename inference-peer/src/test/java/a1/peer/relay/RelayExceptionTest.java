package a1.peer.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.spec.testdata.Refusals;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A relay failure quotes what a peer said (its error text) on one line, whatever that text holds. */
class RelayExceptionTest {
    @Test
    void aPeersErrorTextCannotAddLinesToTheMessage() {
        RelayException e = new RelayException("refused: BUSY: busy\nWARNING peer 00000000 was banned");
        Refusals.assertOneLine(e);
        assertEquals("refused: BUSY: busy\\u000aWARNING peer 00000000 was banned", e.getMessage());
        Refusals.assertOneLine(new RelayException("closed (\r\u2028)", new IOException("reset")));
    }
}
