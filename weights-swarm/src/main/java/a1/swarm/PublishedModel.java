package a1.swarm;

import a1.spec.manifest.ModelId;
import a1.spec.sign.SignedManifest;
import java.nio.file.Path;

/** The result of {@link Publisher#publish}: the model id, its signed manifest and the folder ready to seed. */
public record PublishedModel(ModelId modelId, SignedManifest manifest, Path dir) {}
