package org.openvitals.bridge.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.openvitals.bridge.protocol.ErrorCode;
import org.openvitals.bridge.protocol.ProtocolException;

/** Puts {@link PhoneApi} on Jetty: reads the body within the size limit and writes JSON answers. */
final class ApiHandler extends Handler.Abstract {
  /** A body this much over the limit is not read to its end; the connection is closed instead. */
  private static final long DRAIN_LIMIT = 2L * PhoneApi.MAX_BODY_BYTES;

  private final PhoneApi api;

  ApiHandler(PhoneApi api) {
    this.api = api;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws IOException {
    String method = request.getMethod();
    String path = Request.getPathInContext(request);
    Answer answer;
    try {
      byte[] body = "GET".equals(method) ? new byte[0] : readBody(request);
      if (body.length > 0) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type != null
            && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
          throw new ProtocolException(
              ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Bodies are application/json, not " + type + ".");
        }
      }
      answer =
          api.handle(
              method,
              path,
              request.getHeaders().get(HttpHeader.AUTHORIZATION),
              Request.getRemoteAddr(request),
              body);
    } catch (ProtocolException e) {
      answer = Answer.error(e);
    } catch (RuntimeException e) {
      answer =
          Answer.error(
              new ProtocolException(
                  ErrorCode.INTERNAL_ERROR, "The desktop failed: " + e.getMessage()));
    }
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    answer.headers().forEach((k, v) -> response.getHeaders().put(k, v));
    response.write(true, ByteBuffer.wrap(PhoneApi.JSON.writeValueAsBytes(answer.body())), callback);
    return true;
  }

  /**
   * The body, at most {@link PhoneApi#MAX_BODY_BYTES}. A larger one is read on (up to a limit) and
   * thrown away, so the phone gets the 413 answer instead of a connection reset mid-upload.
   */
  private static byte[] readBody(Request request) throws IOException {
    long declared = request.getLength();
    if (declared > DRAIN_LIMIT) {
      throw tooLarge(declared);
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] body = in.readNBytes(PhoneApi.MAX_BODY_BYTES + 1);
      if (body.length <= PhoneApi.MAX_BODY_BYTES) {
        return body;
      }
      long total = body.length + in.skip(DRAIN_LIMIT);
      throw tooLarge(total);
    }
  }

  private static ProtocolException tooLarge(long size) {
    return new ProtocolException(
        ErrorCode.PAYLOAD_TOO_LARGE,
        "A request body is at most 8 MiB"
            + (size > 0 ? "; this one has at least " + size + " bytes" : "")
            + ". Send smaller batches.");
  }
}
