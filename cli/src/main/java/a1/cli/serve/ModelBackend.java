package a1.cli.serve;

import a1.cli.OpenModel;
import a1.peer.chat.ChatTemplate;
import a1.peer.forward.Session;
import a1.peer.tokenizer.Tokenizer;

/** The API over an {@link OpenModel}: whole in this process, or on the swarm. Owns the model: closing the backend closes it. */
public final class ModelBackend implements CompletionBackend {
    private final OpenModel model;
    private final Tokenizer tokenizer;
    private final ChatTemplate template;

    /** {@code template} null means the one the model's metadata names. */
    public ModelBackend(OpenModel model, ChatTemplate template) {
        this.model = model;
        this.tokenizer = Tokenizer.fromGguf(model.metadata());
        this.template = template != null ? template : ChatTemplate.of(model.metadata());
    }

    @Override
    public String modelId() {
        return model.name();
    }

    @Override
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public ChatTemplate chatTemplate() {
        return template;
    }

    @Override
    public int contextLength() {
        return model.contextLength();
    }

    @Override
    public Session newSession() {
        return model.newSession();
    }

    @Override
    public void close() {
        model.close();
    }
}
