package org.openvitals.bridge.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import org.openvitals.bridge.batches.BatchService;
import org.openvitals.bridge.pairing.PairedDevice;
import org.openvitals.bridge.pairing.PairedDevices;
import org.openvitals.bridge.pairing.PairingService;
import org.openvitals.bridge.protocol.ErrorCode;
import org.openvitals.bridge.protocol.ProtocolException;
import org.openvitals.bridge.protocol.ProtocolSchema;

/**
 * The protocol's routes without HTTP: authentication, rate limits, parsing and schema validation,
 * then pairing or the batch service. {@link ApiHandler} puts it on Jetty.
 */
public final class PhoneApi {
  /** The largest body accepted (413 payload_too_large beyond). */
  public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  /** The most samples in one batch (413 too_many_samples beyond). */
  public static final int MAX_SAMPLES = 10_000;

  static final ObjectMapper JSON = new ObjectMapper();

  private final PairingService pairing;
  private final PairedDevices devices;
  private final BatchService batches;
  private final RateLimiter limiter;

  public PhoneApi(
      PairingService pairing, PairedDevices devices, BatchService batches, RateLimiter limiter) {
    this.pairing = pairing;
    this.devices = devices;
    this.batches = batches;
    this.limiter = limiter;
  }

  /** One request; {@code body} is the raw body (already within {@link #MAX_BODY_BYTES}). */
  public Answer handle(
      String method, String path, String authorization, String caller, byte[] body) {
    try {
      return route(method, path, authorization, caller, body);
    } catch (ProtocolException e) {
      return Answer.error(e);
    }
  }

  private Answer route(
      String method, String path, String authorization, String caller, byte[] body) {
    String expected =
        switch (path) {
          case "/v1/pair", "/v1/pair/complete", "/v1/batches", "/v1/resync" -> "POST";
          case "/v1/anchors" -> "GET";
          default ->
              throw new ProtocolException(
                  ErrorCode.NOT_FOUND, "There is no " + path + " in protocol v1.");
        };
    if (!expected.equals(method)) {
      throw new ProtocolException(
          ErrorCode.METHOD_NOT_ALLOWED, path + " takes " + expected + ", not " + method + ".");
    }
    if (path.startsWith("/v1/pair")) {
      limit("address " + caller);
      return path.equals("/v1/pair") ? pair(body) : complete(body);
    }
    PairedDevice device = authenticate(authorization);
    limit("device " + device.deviceId());
    return switch (path) {
      case "/v1/batches" -> upload(device, body);
      case "/v1/anchors" -> anchors(device);
      default -> resync(device, body);
    };
  }

  private void limit(String caller) {
    int wait = limiter.acquire(caller);
    if (wait > 0) {
      throw new ProtocolException(
          ErrorCode.RATE_LIMITED, "Too many requests; try again in " + wait + " s.", null, wait);
    }
  }

  private PairedDevice authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ProtocolException(
          ErrorCode.UNAUTHORIZED, "This request needs the device token from pairing.");
    }
    String token = authorization.substring(7).strip();
    if (!token.matches("[A-Za-z0-9_-]{43}")) {
      throw new ProtocolException(
          ErrorCode.UNAUTHORIZED, "This device is not paired with this desktop; pair again.");
    }
    return devices
        .byToken(token)
        .orElseThrow(() ->
            new ProtocolException(
                ErrorCode.UNAUTHORIZED,
                "This device is not paired with this desktop; pair again."));
  }

  private Answer pair(byte[] body) {
    JsonNode r = validated("PairRequest", parse(body));
    PairingService.Started s =
        pairing.begin(
            new PairingService.PairRequest(
                r.get("secret").asText(),
                r.get("device_id").asText(),
                r.get("device_name").asText(),
                r.get("model").asText(),
                r.get("os_version").asText(),
                r.get("nonce").asText()));
    return Answer.of(202, pending(s.pairingId(), s.desktopNonce(), s.expiresIn()));
  }

  private Answer complete(byte[] body) {
    JsonNode r = validated("PairCompleteRequest", parse(body));
    return switch (pairing.complete(r.get("pairing_id").asText())) {
      case PairingService.Completion.Approved a -> {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", "approved");
        o.put("device_token", a.deviceToken());
        o.put("desktop_name", a.desktopName());
        o.put("protocol", 1);
        yield Answer.ok(o);
      }
      case PairingService.Completion.StillPending p ->
          Answer.of(202, pending(p.pairingId(), p.desktopNonce(), p.expiresIn()));
    };
  }

  private static ObjectNode pending(String pairingId, String desktopNonce, long expiresIn) {
    ObjectNode o = JSON.createObjectNode();
    o.put("pairing_id", pairingId);
    o.put("desktop_nonce", desktopNonce);
    o.put("status", "pending");
    o.put("expires_in", expiresIn);
    return o;
  }

  private Answer upload(PairedDevice device, byte[] body) {
    BatchService.MappedSamples mapped = new BatchService.MappedSamples();
    Optional<ObjectNode> streamed = StreamedBatch.read(body, mapped);
    if (streamed.isPresent()) {
      return Answer.ok(batches.upload(device, streamed.get(), mapped));
    }
    // Not a valid batch: read as a tree, whose checks name what is wrong.
    JsonNode batch = parse(body);
    JsonNode samples = batch.get("samples");
    if (samples != null && samples.isArray() && samples.size() > MAX_SAMPLES) {
      throw new ProtocolException(
          ErrorCode.TOO_MANY_SAMPLES,
          "A batch holds at most " + MAX_SAMPLES + " samples; this one has " + samples.size() + ".",
          "/samples",
          0);
    }
    refuseIfAny(ProtocolSchema.get().checkBatch(batch));
    return Answer.ok(batches.upload(device, batch));
  }

  private Answer anchors(PairedDevice device) {
    ObjectNode anchors = JSON.createObjectNode();
    batches.anchors(device.deviceId()).forEach(anchors::put);
    ObjectNode o = JSON.createObjectNode();
    o.set("anchors", anchors);
    return Answer.ok(o);
  }

  private Answer resync(PairedDevice device, byte[] body) {
    validated("ResyncRequest", parse(body));
    ObjectNode o = JSON.createObjectNode();
    ArrayNode cleared = o.putArray("cleared");
    batches.resync(device.deviceId()).forEach(cleared::add);
    return Answer.ok(o);
  }

  private static JsonNode validated(String definition, JsonNode body) {
    refuseIfAny(ProtocolSchema.get().check(definition, body));
    return body;
  }

  private static void refuseIfAny(Optional<ProtocolSchema.Violation> violation) {
    violation.ifPresent(v -> {
      throw new ProtocolException(ErrorCode.INVALID_REQUEST, v.message(), v.field(), 0);
    });
  }

  /**
   * The body as JSON; a syntax error names where it is, as a JSON Pointer and a line and column.
   */
  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw new ProtocolException(ErrorCode.MALFORMED_JSON, "The request has no body.", "", 0);
    }
    try (JsonParser parser = JSON.createParser(body)) {
      try {
        JsonNode node = JSON.readTree(parser);
        if (node == null || !node.isObject()) {
          throw new ProtocolException(
              ErrorCode.MALFORMED_JSON, "The body is not a JSON object.", "", 0);
        }
        if (parser.nextToken() != null) {
          throw new ProtocolException(
              ErrorCode.MALFORMED_JSON, "The body has text after its JSON object.", "", 0);
        }
        return node;
      } catch (JsonProcessingException e) {
        String field = parser.getParsingContext().pathAsPointer().toString();
        var at = e.getLocation();
        throw new ProtocolException(
            ErrorCode.MALFORMED_JSON,
            "The body is not valid JSON at "
                + (field.isEmpty() ? "the top level" : field)
                + (at == null
                    ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                + ": "
                + e.getOriginalMessage(),
            field,
            0);
      }
    } catch (IOException e) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_JSON, "The body could not be read: " + e.getMessage());
    }
  }
}
