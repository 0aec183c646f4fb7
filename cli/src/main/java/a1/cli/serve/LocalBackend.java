package a1.cli.serve;

import a1.peer.LocalModel;
import a1.peer.chat.ChatTemplate;
import a1.peer.forward.Session;
import a1.peer.kv.KvType;
import a1.peer.tokenizer.Tokenizer;

/** A model loaded whole in this process. Owns the model: closing the backend closes it. */
public final class LocalBackend implements CompletionBackend {
    private final LocalModel model;
    private final String id;
    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final int context;
    private final KvType kvType;

    /** {@code template} null means the one the model's metadata names. */
    public LocalBackend(LocalModel model, String id, int context, KvType kvType, ChatTemplate template) {
        if (context < 2) throw new IllegalArgumentException("--ctx must be at least 2 tokens");
        this.model = model;
        this.id = id;
        this.tokenizer = Tokenizer.fromGguf(model.gguf().metadata());
        this.template = template != null ? template : ChatTemplate.of(model.gguf().metadata());
        this.context = Math.min(context, model.config().contextLength());
        this.kvType = kvType;
    }

    @Override
    public String modelId() {
        return id;
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
        return context;
    }

    @Override
    public Session newSession() {
        return model.newSession(context, kvType);
    }

    @Override
    public void close() {
        model.close();
    }
}
