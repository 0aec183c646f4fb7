package a1.cli.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/** Routes HTTP requests to {@link OpenAiApi}; generation runs on the server's single worker, never on the event loop. */
final class OpenAiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final OpenAiApi api;
    private final ExecutorService worker;

    OpenAiHandler(OpenAiApi api, ExecutorService worker) {
        this.api = api;
        this.worker = worker;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        NettyReply reply = new NettyReply(ctx, HttpUtil.isKeepAlive(req));
        try {
            if (!req.decoderResult().isSuccess()) throw ApiException.invalid(null, "malformed HTTP request");
            route(req, reply);
        } catch (ApiException e) {
            reply.json(e.status, ApiResponses.error(e));
        }
    }

    private void route(FullHttpRequest req, NettyReply reply) {
        String raw = new QueryStringDecoder(req.uri()).path();
        String path = raw.length() > 1 && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        HttpMethod m = req.method();
        switch (path) {
            case "/health" -> only(m, HttpMethod.GET, () -> reply.json(200, ApiResponses.JSON.createObjectNode().put("status", "ok")));
            case "/v1/models" -> only(m, HttpMethod.GET, () -> reply.json(200, api.models()));
            case "/v1/completions", "/v1/chat/completions" -> only(m, HttpMethod.POST, () -> {
                boolean chat = path.equals("/v1/chat/completions");
                CompletionRequest r = api.parse(chat, req.content().toString(StandardCharsets.UTF_8));
                submit(() -> api.run(chat, r, reply), reply);
            });
            default -> {
                if (path.startsWith("/v1/models/")) only(m, HttpMethod.GET, () -> reply.json(200, api.model(path.substring("/v1/models/".length()))));
                else throw new ApiException(404, "invalid_request_error", null, "not_found", "no such endpoint: " + m + " " + path);
            }
        }
    }

    private static void only(HttpMethod actual, HttpMethod allowed, Runnable action) {
        if (!actual.equals(allowed))
            throw new ApiException(405, "invalid_request_error", null, "method_not_allowed", "use " + allowed + " for this endpoint, not " + actual);
        action.run();
    }

    private void submit(Runnable job, NettyReply reply) {
        try {
            worker.execute(() -> {
                if (!reply.open()) return; // the client gave up while queued
                try {
                    job.run();
                } catch (OpenAiApi.ClientGone e) {
                    // nothing to answer
                } catch (RuntimeException e) {
                    ApiException api = ApiException.failed(e);
                    reply.json(api.status, ApiResponses.error(api));
                }
            });
        } catch (RejectedExecutionException e) {
            throw new ApiException(503, "server_error", null, "server_busy", "too many requests are waiting; try again later");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** Writes replies from any thread: Netty hands each write to the channel's event loop. */
    private static final class NettyReply implements OpenAiApi.Reply {
        private final ChannelHandlerContext ctx;
        private final boolean keepAlive;

        NettyReply(ChannelHandlerContext ctx, boolean keepAlive) {
            this.ctx = ctx;
            this.keepAlive = keepAlive;
        }

        @Override
        public void json(int status, ObjectNode body) {
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(bytes));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON).setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            finish(ctx.writeAndFlush(res));
        }

        @Override
        public void startStream() {
            HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8").set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
            HttpUtil.setTransferEncodingChunked(res, true);
            ctx.writeAndFlush(res);
        }

        @Override
        public void event(String data) {
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("data: " + data + "\n\n", StandardCharsets.UTF_8)));
        }

        @Override
        public void end() {
            finish(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
        }

        @Override
        public boolean open() {
            return ctx.channel().isActive();
        }

        private void finish(io.netty.channel.ChannelFuture f) {
            if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
