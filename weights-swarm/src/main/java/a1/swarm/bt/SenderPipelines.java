package a1.swarm.bt;

import bt.net.Peer;
import bt.net.buffer.IBufferManager;
import bt.net.pipeline.ChannelPipelineBuilder;
import bt.net.pipeline.ChannelPipelineFactory;
import bt.net.pipeline.IChannelPipelineFactory;

/** Bt's pipelines, each registering the blocks it decodes under its peer ({@link BlockSenders}). */
final class SenderPipelines implements IChannelPipelineFactory {
    private final IBufferManager buffers;
    private final BlockSenders senders;

    SenderPipelines(IBufferManager buffers, BlockSenders senders) {
        this.buffers = buffers;
        this.senders = senders;
    }

    @Override
    public ChannelPipelineBuilder buildPipeline(Peer peer) {
        return new ChannelPipelineFactory(buffers, senders.from(peer)).buildPipeline(peer);
    }
}
