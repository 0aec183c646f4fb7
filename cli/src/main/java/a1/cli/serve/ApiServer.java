package a1.cli.serve;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The OpenAI-compatible HTTP server. Requests for the model are served one at a time, in arrival order, by a
 * single worker thread (each with a fresh session), because a model's scratch buffers and all its cores serve one
 * sequence at a time; up to {@code maxQueued} wait, and more are refused with 503.
 * Pipeline: HTTP codec, then a bounded aggregator (413 past {@code maxBodyBytes}), then {@link OpenAiHandler}.
 */
public final class ApiServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final ExecutorService worker;
    private final Channel channel;
    private final CompletionBackend backend;

    /** Limits on what clients can make the server hold. */
    public record Limits(int maxBodyBytes, int maxQueued) {
        public Limits {
            if (maxBodyBytes < 1024) throw new IllegalArgumentException("--max-body must be at least 1024 bytes");
            if (maxQueued < 1) throw new IllegalArgumentException("--queue must be at least 1");
        }

        public static Limits defaults() {
            return new Limits(1 << 20, 16);
        }
    }

    private ApiServer(EventLoopGroup group, ExecutorService worker, Channel channel, CompletionBackend backend) {
        this.group = group;
        this.worker = worker;
        this.channel = channel;
        this.backend = backend;
    }

    /** Listens on {@code host:port} (port 0 picks a free one). The server owns the backend and closes it. */
    public static ApiServer start(CompletionBackend backend, String host, int port, Limits limits) throws BindException, InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ExecutorService worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(limits.maxQueued()),
                r -> Thread.ofPlatform().name("a1-serve-worker").daemon().unstarted(r));
        OpenAiApi api = new OpenAiApi(backend);
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new BoundedAggregator(limits.maxBodyBytes()), new OpenAiHandler(api, worker));
                    }
                });
        try {
            Channel ch = b.bind(host, port).sync().channel();
            return new ApiServer(group, worker, ch, backend);
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            worker.shutdownNow();
            if (e instanceof java.net.SocketException) {
                BindException be = new BindException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
                be.initCause(e);
                throw be;
            }
            throw e;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Blocks until the server is closed. */
    public void awaitClose() throws InterruptedException {
        channel.closeFuture().sync();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        backend.close();
    }

    /** The aggregator's 413 in OpenAI's error shape rather than an empty body. */
    private static final class BoundedAggregator extends HttpObjectAggregator {
        private static final int LINGER_SECONDS = 5;

        BoundedAggregator(int max) {
            super(max);
        }

        /**
         * Lingering close: closed at once, the connection would meet a client still sending its body with a reset,
         * and the client (Java's HttpClient among them) would report a broken pipe instead of the 413. So the 413 is
         * followed by the end of our side only; what else the client sends is dropped (by the aggregator) until it
         * closes, or for {@value #LINGER_SECONDS} s.
         */
        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            ctx.writeAndFlush(tooLarge()).addListener(f -> {
                if (ctx.channel() instanceof SocketChannel socket && f.isSuccess()) socket.shutdownOutput();
                else ctx.close();
                ctx.executor().schedule(() -> ctx.close(), LINGER_SECONDS, TimeUnit.SECONDS);
            });
        }

        /** A client that asks "Expect: 100-continue" for a body over the limit gets the same JSON 413 before sending it. */
        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            Object response = super.newContinueResponse(start, maxContentLength, pipeline);
            if (response instanceof FullHttpResponse r && r.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
                r.release();
                return tooLarge();
            }
            return response;
        }

        private FullHttpResponse tooLarge() {
            ApiException e = new ApiException(413, "invalid_request_error", null, "request_too_large",
                    "the request body is larger than this server's limit of " + maxContentLength() + " bytes");
            byte[] bytes = ApiResponses.error(e).toString().getBytes(StandardCharsets.UTF_8);
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(bytes));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON).setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            return res;
        }
    }
}
