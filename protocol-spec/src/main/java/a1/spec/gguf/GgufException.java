package a1.spec.gguf;

import a1.spec.OneLine;
import java.io.IOException;

/** A GGUF file that cannot be used; the message is one line naming the file and what is wrong. */
public final class GgufException extends IOException {
    public GgufException(String message) {
        super(OneLine.of(message));
    }
}
