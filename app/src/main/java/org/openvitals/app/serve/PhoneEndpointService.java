package org.openvitals.app.serve;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openvitals.bridge.PhoneEndpoint;
import org.openvitals.bridge.batches.BatchService;
import org.openvitals.bridge.pairing.ApprovalHook;
import org.openvitals.bridge.pairing.PairingService;
import org.openvitals.bridge.protocol.PairingPayload;
import org.openvitals.connectors.vault.KeySource;
import org.openvitals.core.store.SampleStore;

/**
 * The phone endpoint as a {@code serve} service: prints the pairing payload (and writes it to the
 * pairing file), issues a fresh one when the secret is used or about to expire, logs each upload.
 */
public final class PhoneEndpointService implements BackgroundService {
  private final Path dataDir;
  private final SampleStore store;
  private final KeySource keys;
  private final PhoneEndpoint.Options options;
  private final Path pairingFile;
  private final PrintWriter out;
  private final PrintWriter log;
  private final ScheduledExecutorService rotation =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("pairing-code").unstarted(r));
  private PhoneEndpoint endpoint;

  public PhoneEndpointService(
      Path dataDir,
      SampleStore store,
      KeySource keys,
      PhoneEndpoint.Options options,
      Path pairingFile,
      PrintWriter out,
      PrintWriter log) {
    this.dataDir = dataDir;
    this.store = store;
    this.keys = keys;
    this.options = options;
    this.pairingFile = pairingFile;
    this.out = out;
    this.log = log;
  }

  @Override
  public String name() {
    return "phone endpoint";
  }

  @Override
  public void start() throws IOException {
    ApprovalHook asked = options.approval();
    // A secret is good for one pairing: once a phone used it, the next phone needs a new one.
    ApprovalHook rotating =
        r -> {
          CompletableFuture.runAsync(this::newPayload, rotation);
          return asked.ask(r);
        };
    PhoneEndpoint.Options o =
        new PhoneEndpoint.Options(
            options.desktopName(),
            options.bindHost(),
            options.port(),
            options.advertise(),
            rotating,
            options.clock(),
            options.burst(),
            options.perSecond());
    endpoint = PhoneEndpoint.start(dataDir, store, keys, o, this::logLine, this::logUpload);
    logLine(
        "Phone endpoint listening on port "
            + endpoint.port()
            + " (TLS 1.3), key "
            + endpoint.keyHash()
            + (endpoint.port() != options.port() && options.port() != 0
                ? " (port " + options.port() + " was taken)"
                : ""));
    newPayload();
    long every = PairingService.SECRET_LIFETIME.minus(Duration.ofSeconds(30)).toSeconds();
    rotation.scheduleWithFixedDelay(this::newPayload, every, every, TimeUnit.SECONDS);
  }

  public PhoneEndpoint endpoint() {
    return endpoint;
  }

  private synchronized void newPayload() {
    PairingPayload p = endpoint.newPairingPayload();
    String text = p.format();
    synchronized (out) {
      out.println(text);
      out.flush();
    }
    if (pairingFile != null) {
      try {
        writeOwnerOnly(pairingFile, text + "\n");
      } catch (IOException e) {
        logLine("Cannot write the pairing file " + pairingFile + ": " + e.getMessage());
      }
    }
  }

  /** The payload holds the one-time secret: readable by the user only, replaced in one step. */
  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Path abs = file.toAbsolutePath();
    Path temp = abs.resolveSibling(abs.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(temp);
    }
    Files.writeString(temp, text);
    Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private void logUpload(BatchService.Upload u) {
    var r = u.result();
    logLine(
        String.format(
            "upload from %s: %s, %d received, %d new, %d changed, %d unchanged, %d deleted%s%s",
            u.device().name(),
            r.stream(),
            r.samplesReceived(),
            r.inserted(),
            r.updated(),
            r.unchanged(),
            r.samplesDeleted(),
            r.unmapped().isEmpty() ? "" : ", unknown types " + r.unmapped(),
            u.rejected() == 0 ? "" : ", " + u.rejected() + " rejected"));
  }

  private void logLine(String line) {
    synchronized (log) {
      log.println(line);
      log.flush();
    }
  }

  @Override
  public void close() {
    rotation.shutdownNow();
    if (endpoint != null) {
      endpoint.close();
    }
    if (pairingFile != null) {
      try {
        Files.deleteIfExists(pairingFile);
      } catch (IOException ignored) {
        // A stale pairing file holds an expired secret: harmless.
      }
    }
  }
}
