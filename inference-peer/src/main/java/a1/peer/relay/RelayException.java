package a1.peer.relay;

import a1.spec.OneLine;
import java.io.IOException;

/**
 * A peer could not be reached, did not answer in time, broke the protocol or refused a request. The message may
 * quote the peer (its error text), so it is kept to one line ({@link OneLine}): a peer cannot forge log lines.
 */
public class RelayException extends IOException {
    public RelayException(String message) {
        super(OneLine.of(message));
    }

    public RelayException(String message, Throwable cause) {
        super(OneLine.of(message), cause);
    }
}
