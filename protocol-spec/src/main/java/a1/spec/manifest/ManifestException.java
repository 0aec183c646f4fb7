package a1.spec.manifest;

import a1.spec.OneLine;
import java.io.IOException;

/** A manifest, shard or model folder that fails a check; the message names the bad field or shard. */
public class ManifestException extends IOException {
    public ManifestException(String message) {
        super(OneLine.of(message));
    }
}
