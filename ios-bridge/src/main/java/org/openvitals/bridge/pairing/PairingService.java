package org.openvitals.bridge.pairing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openvitals.bridge.protocol.Base64Url;
import org.openvitals.bridge.protocol.ComparisonCode;
import org.openvitals.bridge.protocol.ErrorCode;
import org.openvitals.bridge.protocol.ProtocolException;

/**
 * Pairing: one-time secrets (valid {@link #SECRET_LIFETIME}, redeemable once), the person's answer
 * with the comparison code, and the device token handed out once. See spec/openapi.yaml.
 */
public final class PairingService {
  public static final Duration SECRET_LIFETIME = Duration.ofMinutes(5);

  /** How long the person has to answer once a phone redeemed a secret. */
  public static final Duration ANSWER_LIFETIME = Duration.ofMinutes(2);

  /** How long one {@code /v1/pair/complete} call waits before answering "pending". */
  static final Duration LONG_POLL = Duration.ofSeconds(25);

  private final Clock clock;
  private final PairedDevices devices;
  private final String keyHash;
  private final String desktopName;
  private volatile ApprovalHook approval;
  private final Duration longPoll;

  /** Issued secrets and when; a used one stays listed until it would have expired. */
  private final Map<String, Secret> secrets = new LinkedHashMap<>();

  private final Map<String, Pending> pending = new LinkedHashMap<>();

  private record Secret(Instant issuedAt, boolean used) {}

  private record Pending(
      PairRequest request,
      String desktopNonce,
      Instant expiresAt,
      CompletableFuture<Boolean> answer) {}

  /** A redeemed secret's request, as the schema's PairRequest. */
  public record PairRequest(
      String secret,
      String deviceId,
      String deviceName,
      String model,
      String osVersion,
      String nonce) {}

  /** The answer to {@code POST /v1/pair}. */
  public record Started(String pairingId, String desktopNonce, long expiresIn) {}

  /** The answer to {@code POST /v1/pair/complete}: a token, or still pending. */
  public sealed interface Completion {
    record Approved(String deviceToken, String desktopName) implements Completion {}

    record StillPending(String pairingId, String desktopNonce, long expiresIn)
        implements Completion {}
  }

  public PairingService(
      Clock clock,
      PairedDevices devices,
      String keyHash,
      String desktopName,
      ApprovalHook approval) {
    this(clock, devices, keyHash, desktopName, approval, LONG_POLL);
  }

  PairingService(
      Clock clock,
      PairedDevices devices,
      String keyHash,
      String desktopName,
      ApprovalHook approval,
      Duration longPoll) {
    this.clock = clock;
    this.devices = devices;
    this.keyHash = keyHash;
    this.desktopName = desktopName;
    this.approval = approval;
    this.longPoll = longPoll;
  }

  public void setApproval(ApprovalHook approval) {
    this.approval = approval;
  }

  /** A new one-time secret for a pairing payload. */
  public synchronized String issueSecret() {
    forgetOld();
    String secret = Base64Url.random(16);
    secrets.put(secret, new Secret(clock.instant(), false));
    return secret;
  }

  /** When a secret stops working, for the countdown next to the QR code. */
  public synchronized Instant expiresAt(String secret) {
    Secret s = secrets.get(secret);
    return s == null ? clock.instant() : s.issuedAt().plus(SECRET_LIFETIME);
  }

  /** Redeems the secret and asks the person. */
  public Started begin(PairRequest request) {
    String pairingId;
    Pending p;
    synchronized (this) {
      Secret s = secrets.get(request.secret());
      Instant now = clock.instant();
      if (s == null) {
        throw new ProtocolException(
            ErrorCode.PAIRING_SECRET_UNKNOWN,
            "This pairing code was not issued by this desktop; show a new one.");
      }
      if (s.used()) {
        throw new ProtocolException(
            ErrorCode.PAIRING_SECRET_USED, "This pairing code was used already; show a new one.");
      }
      if (!now.isBefore(s.issuedAt().plus(SECRET_LIFETIME))) {
        throw new ProtocolException(
            ErrorCode.PAIRING_SECRET_EXPIRED, "This pairing code expired; show a new one.");
      }
      secrets.put(request.secret(), new Secret(s.issuedAt(), true));
      pairingId = UUID.randomUUID().toString();
      p =
          new Pending(
              request, Base64Url.random(16), now.plus(ANSWER_LIFETIME), new CompletableFuture<>());
      pending.put(pairingId, p);
    }
    String code = ComparisonCode.of(keyHash, request.nonce(), p.desktopNonce());
    approval
        .ask(
            new ApprovalHook.PairingRequest(
                request.deviceName(), request.model(), request.osVersion(), code))
        .whenComplete(
            (allowed, error) -> p.answer().complete(error == null && Boolean.TRUE.equals(allowed)));
    return new Started(pairingId, p.desktopNonce(), ANSWER_LIFETIME.toSeconds());
  }

  /** Waits a while for the person's answer; hands out the token once. */
  public Completion complete(String pairingId) {
    Pending p;
    synchronized (this) {
      p = pending.get(pairingId);
    }
    if (p == null) {
      throw new ProtocolException(
          ErrorCode.NOT_FOUND, "No pairing " + pairingId + " is waiting; scan the code again.");
    }
    boolean allowed;
    try {
      Duration left = Duration.between(clock.instant(), p.expiresAt());
      long wait = Math.max(0, Math.min(longPoll.toMillis(), left.toMillis()));
      allowed = p.answer().get(wait, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      if (!clock.instant().isBefore(p.expiresAt())) {
        remove(pairingId);
        throw new ProtocolException(
            ErrorCode.PAIRING_EXPIRED, "Nobody answered on the desktop in time; scan a new code.");
      }
      return new Completion.StillPending(
          pairingId,
          p.desktopNonce(),
          Duration.between(clock.instant(), p.expiresAt()).toSeconds());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProtocolException(ErrorCode.INTERNAL_ERROR, "The desktop is stopping.");
    } catch (ExecutionException e) {
      allowed = false;
    }
    if (!remove(pairingId)) {
      throw new ProtocolException(ErrorCode.NOT_FOUND, "This pairing was completed already.");
    }
    if (!allowed) {
      throw new ProtocolException(ErrorCode.PAIRING_REFUSED, "Pairing was refused on the desktop.");
    }
    String token = Base64Url.random(32);
    PairRequest r = p.request();
    devices.add(r.deviceId(), r.deviceName(), r.model(), r.osVersion(), token, clock.instant());
    return new Completion.Approved(token, desktopName);
  }

  private synchronized boolean remove(String pairingId) {
    return pending.remove(pairingId) != null;
  }

  private void forgetOld() {
    Instant now = clock.instant();
    for (Iterator<Secret> it = secrets.values().iterator(); it.hasNext(); ) {
      // Keep a spent or expired secret a while longer so a late phone hears "used"/"expired", not
      // "unknown".
      if (it.next().issuedAt().plus(SECRET_LIFETIME.multipliedBy(12)).isBefore(now)) {
        it.remove();
      }
    }
    pending.values().removeIf(p -> p.expiresAt().isBefore(now));
  }
}
